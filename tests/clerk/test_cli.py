"""The `clerk` command line, run in-process against a real store in a tmp dir."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from clerk.cli import app
from tests.fixtures import write_bad_files, write_papers

runner = CliRunner()


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.setenv("CLERK_DATA_DIR", str(tmp_path / "data"))
    return tmp_path / "data"


def test_ingest_search_documents_remove(data_dir: Path, tmp_path: Path):
    write_papers(tmp_path / "papers")
    result = runner.invoke(app, ["ingest", str(tmp_path / "papers")])
    assert result.exit_code == 0, result.output
    assert "ingested 2, unchanged 0, skipped 0, failed 0" in result.output

    again = runner.invoke(app, ["ingest", str(tmp_path / "papers")])
    assert "ingested 0, unchanged 2" in again.output

    found = runner.invoke(app, ["search", "how many foster carers were approved", "--k", "3", "--json"])
    payload = json.loads(found.stdout)
    assert payload["query"] == "how many foster carers were approved"
    first = payload["results"][0]
    assert set(first) == {"rank", "score", "chunk_id", "text", "citation", "also_in"}
    assert first["also_in"] == []  # no other paper of the meeting prints the passage
    assert set(first["citation"]) == {"label", "document", "document_id", "title", "paragraph", "page", "section",
                                      "agenda_item", "council", "committee", "meeting_date", "doc_type"}
    approved = next(r for r in payload["results"] if "42 new foster carers" in r["text"])
    assert approved["rank"] <= 2 and approved["citation"]["document"] == "fostering.txt"
    assert approved["citation"]["paragraph"] == "2.1" and "2.1" in approved["citation"]["label"]

    docs = json.loads(runner.invoke(app, ["documents", "--json"]).stdout)
    assert len(docs) == 2
    removed = runner.invoke(app, ["remove", docs[0]["document_id"]])
    assert removed.exit_code == 0
    assert len(json.loads(runner.invoke(app, ["documents", "--json"]).stdout)) == 1
    assert runner.invoke(app, ["remove", "0000000000000000"]).exit_code == 1


def test_ingest_exits_non_zero_when_a_file_failed(data_dir: Path, tmp_path: Path):
    write_papers(tmp_path / "in")
    write_bad_files(tmp_path / "in")
    result = runner.invoke(app, ["ingest", str(tmp_path / "in")])
    assert result.exit_code == 1
    assert "ingested 2" in result.output and "failed 4" in result.output


def test_batch_search_writes_one_line_per_question(data_dir: Path, tmp_path: Path):
    write_papers(tmp_path / "papers")
    runner.invoke(app, ["ingest", str(tmp_path / "papers")])
    batch = tmp_path / "q.jsonl"
    batch.write_text('{"id": "a", "question": "fostering allowance cost"}\n{"id": "b", "question": "youth justice"}\n')
    result = runner.invoke(app, ["search", "--batch", str(batch), "--k", "2", "--json"])
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["id"] for line in lines] == ["a", "b"]
    assert all(len(line["results"]) <= 2 and line["query"] for line in lines)


def test_filter_with_no_match_returns_nothing(data_dir: Path, tmp_path: Path):
    write_papers(tmp_path / "papers")
    runner.invoke(app, ["ingest", str(tmp_path / "papers")])
    result = runner.invoke(app, ["search", "foster carers", "--council", "Nowhere Council", "--json"])
    assert result.exit_code == 0 and json.loads(result.stdout)["results"] == []


def test_a_date_filter_that_is_no_date_is_a_usage_error_not_ignored(data_dir: Path):
    """"--date-from 'March 2024'" used to drop the filter silently and show papers of any date."""
    for command in (["search", "foster carers"], ["ask", "How many foster carers were approved?"]):
        result = runner.invoke(app, [*command, "--date-from", "March 2024"])
        assert result.exit_code == 2, result.output
        assert "--date-from" in result.output and "YYYY-MM-DD" in result.output
