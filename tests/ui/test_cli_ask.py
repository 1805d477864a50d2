"""`clerk ask` (one question, or a JSONL batch) prints the /api/ask shape and `clerk brief` drafts a note as
JSON, Markdown or Word; run in-process on a real store."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from clerk.cli import app
from tests.assistant.conftest import EXAMPLES

runner = CliRunner()


@pytest.fixture(scope="module", autouse=True)
def ingested(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A data folder with the demo papers ingested through the CLI, used by every test here."""
    data_dir = tmp_path_factory.mktemp("cli") / "data"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CLERK_DATA_DIR", str(data_dir))
        assert runner.invoke(app, ["ingest", str(EXAMPLES)]).exit_code == 0
        yield data_dir


def test_ask() -> None:
    text = runner.invoke(app, ["ask", "How much will the capital works for the library hubs cost?"])
    assert text.exit_code == 0, text.output
    assert "£1.2m" in text.stdout and "References:" in text.stdout and "[1] Future of the Library" in text.stdout

    as_json = json.loads(runner.invoke(app, ["ask", "When does the opening hours consultation run?", "--json"]).stdout)
    assert {"answer", "supported", "citations", "flagged_sentences", "timings_ms"} <= set(as_json)
    assert as_json["supported"] and "23 September 2024" in as_json["answer"]


def test_batch_writes_one_line_per_question_with_its_id(tmp_path: Path) -> None:
    batch = tmp_path / "q.jsonl"
    batch.write_text('{"id": "a", "question": "How many visits did the libraries get in 2023-24?"}\n\n'
                     '{"id": "b", "question": "What is the council policy on parking charges?"}\n')
    result = runner.invoke(app, ["ask", "--batch", str(batch), "--json"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["id"] for line in lines] == ["a", "b"]
    assert "412,000" in lines[0]["answer"] and lines[0]["citations"]
    assert lines[1]["supported"] is False


def test_bad_input_is_a_clear_error() -> None:
    assert runner.invoke(app, ["ask"]).exit_code == 2
    assert runner.invoke(app, ["ask", "x" * 2001]).exit_code == 2


def test_brief_prints_json_and_writes_markdown_and_word(tmp_path: Path) -> None:
    from docx import Document

    md, docx = tmp_path / "note.md", tmp_path / "note.docx"
    result = runner.invoke(app, ["brief", "library opening hours", "--committee", "Cabinet", "--json",
                                 "--md", str(md), "--docx", str(docx)])
    assert result.exit_code == 0, result.output
    note = json.loads(result.stdout)
    assert {"topic", "sections", "sources", "conflicts"} <= set(note) and note["filters"] == {"committee": "Cabinet"}
    cited = {n for sec in note["sections"] for s in sec["sentences"] for n in s["markers"]}
    assert cited and cited == {s["n"] for s in note["sources"]}  # every marker resolves, every source is cited
    text = md.read_text()
    assert text.startswith("# Briefing note: library opening hours") and "Filters: committee = Cabinet" in text
    paragraphs = [p.text for p in Document(str(docx)).paragraphs]
    assert paragraphs[0] == "Briefing note: library opening hours" and "Sources" in paragraphs
    assert [p for p in paragraphs if p.startswith("[1] ")] == [p for p in text.splitlines() if p.startswith("[1] ")]

    plain = runner.invoke(app, ["brief", "library opening hours"])
    assert plain.exit_code == 0 and plain.stdout.startswith("# Briefing note: library opening hours")
    assert runner.invoke(app, ["brief", " "]).exit_code == 2
    assert runner.invoke(app, ["brief", "hubs", "--from", "June"]).exit_code == 2
