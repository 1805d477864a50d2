"""A second process beside a running ingest loses nothing, and `kill -9` mid-ingest then a re-run
gives the store a clean run gives. Real processes (`clerk ingest`), real Chroma, real model."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.assistant.conftest import open_store
from vectorstore.loader import ingest_files
from vectorstore.store import ClerkStore

TOPICS = ["library opening hours", "school transport budgets", "foster carer recruitment", "road repairs",
          "adult social care waiting lists", "household waste recycling", "youth centre funding",
          "council tax support", "housing repairs backlog", "parks maintenance"]


def write_papers(folder: Path, count: int = 4, paragraphs: int = 300) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        topic = TOPICS[n % len(TOPICS)]
        lines = [f"Report on {topic} ({n})", ""]
        lines += [f"{s // 10 + 1}.{s % 10 + 1} In quarter {s % 4 + 1} the service spent £{(n + 1) * (s + 3)},000 "
                  f"on {topic}, and {s + n} residents were helped in ward {s}." for s in range(paragraphs)]
        (folder / f"paper-{n:02d}.txt").write_text("\n\n".join(lines) + "\n")
    return folder


def start_ingest(data_dir: Path, papers: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "CLERK_DATA_DIR": str(data_dir), "CLERK_EMBEDDING_BATCH_SIZE": "8"}
    clerk = Path(sys.executable).with_name("clerk")
    return subprocess.Popen([str(clerk), "ingest", str(papers)], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)


def snapshot(store: ClerkStore) -> dict[str, int]:
    """Complete documents and how many chunks each really has in the store."""
    return {d.file_name: store.stored_chunk_count(d.document_id) for d in store.list_documents()}


def promised(store: ClerkStore) -> dict[str, int]:
    return {d.file_name: d.chunks for d in store.list_documents()}


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory, embeddings) -> tuple[Path, dict[str, int]]:  # type: ignore[no-untyped-def]
    """The papers, and the store a clean, undisturbed run makes of them."""
    root = tmp_path_factory.mktemp("concurrent")
    papers = write_papers(root / "papers")
    store = open_store(root / "clean", embeddings)
    assert ingest_files(store, [papers]).ok
    return papers, snapshot(store)


def test_stores_opened_during_an_ingest_delete_nothing(clean, tmp_path: Path, embeddings) -> None:  # type: ignore[no-untyped-def]
    papers, expected = clean
    proc = start_ingest(tmp_path, papers)
    opened = 0
    while proc.poll() is None:  # a search or the server opening the store while the ingest writes
        open_store(tmp_path, embeddings)
        opened += 1
        time.sleep(0.3)
    output = proc.stdout.read().decode() if proc.stdout else ""
    assert proc.returncode == 0, output
    assert opened >= 3, "the ingest ended before the store could be opened beside it"
    store = open_store(tmp_path, embeddings)
    assert snapshot(store) == expected
    assert promised(store) == expected


def test_kill_9_mid_ingest_then_a_rerun_equals_a_clean_run(clean, tmp_path: Path, embeddings) -> None:  # type: ignore[no-untyped-def]
    papers, expected = clean
    proc = start_ingest(tmp_path, papers)
    deadline = time.monotonic() + 300
    while proc.poll() is None and time.monotonic() < deadline:
        if (tmp_path / "chroma").exists() and len(open_store(tmp_path, embeddings).list_documents()) >= 2:
            break
        time.sleep(0.2)
    assert proc.poll() is None, "the ingest finished before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    interrupted = open_store(tmp_path, embeddings)  # the dead writer's pending paper is rolled back here
    partial = snapshot(interrupted)
    assert 2 <= len(partial) < len(expected)
    assert all(partial[name] == expected[name] for name in partial), "a half-written paper is searchable"
    rerun = start_ingest(tmp_path, papers)
    assert rerun.wait(timeout=600) == 0, rerun.stdout.read().decode() if rerun.stdout else ""
    store = open_store(tmp_path, embeddings)
    assert snapshot(store) == expected and promised(store) == expected


def test_a_paper_stored_short_is_completed_by_a_rerun(clean, tmp_path: Path, embeddings) -> None:  # type: ignore[no-untyped-def]
    papers, expected = clean
    store = open_store(tmp_path, embeddings)
    ingest_files(store, [papers / "paper-02.txt"])
    doc = store.list_documents()[0]
    victim = store._cols.chunks.get(where={"document_id": doc.document_id}, include=[])["ids"][:5]
    store._cols.chunks.delete(ids=victim)  # chunks lost under a record that says complete
    summary = ingest_files(store, [papers / "paper-02.txt"])
    assert summary.files[0].status == "ingested"
    assert snapshot(store) == {"paper-02.txt": expected["paper-02.txt"]}
