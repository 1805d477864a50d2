"""The chat page is mounted on the same app as the API."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.ui.conftest import make_assistant
from ui.render import answer_markdown, passage_html, source_choices
from ui.server import build_app


def test_chat_page_and_api_share_one_app(example_store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    client = TestClient(build_app(make_assistant(example_store, tmp_path)))
    page = client.get("/")
    assert page.status_code == 200 and "gradio" in page.text.lower()
    assert client.get("/api/health").json()["status"] == "ok"
    assert client.get("/config").status_code == 200


def test_rendering_an_answer_its_sources_and_the_passage(example_store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    assistant = make_assistant(example_store, tmp_path)
    answer = assistant.ask("How much will the capital works for the library hubs cost?")
    text = answer_markdown(answer)
    assert text.startswith(answer.text.split("[")[0].strip()[:20])
    assert "**Sources**" in text and "Future of the Library Service" in text and "11 June 2024" in text
    choices = source_choices(answer)
    assert choices[0][1] == answer.citations[0].chunk.chunk_id and choices[0][0].startswith("[1] ")
    passage = assistant.library.passage(choices[0][1])
    assert passage is not None
    html = passage_html(passage, answer.citations[0].quotes)
    assert "<mark>" in html and answer.citations[0].chunk.citation_label.split(",")[0] in html
    plain = answer.plain_text()
    assert "References:" in plain and "[1] Future of the Library Service" in plain
