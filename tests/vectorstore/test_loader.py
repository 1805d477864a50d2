"""Ingesting files into a real store: statuses, idempotence, replacement, bad input."""

from __future__ import annotations

from pathlib import Path

from tests.fixtures import REPORT, write_bad_files, write_papers
from vectorstore.loader import ingest_files


def test_ingest_then_reingest_changes_nothing(make_store, tmp_path: Path):
    write_papers(tmp_path / "papers")
    store = make_store()
    first = ingest_files(store, [tmp_path / "papers"])
    assert [f.status for f in first.files] == ["ingested", "ingested"]
    count = store.chunk_count()
    assert count == first.chunks_added > 0

    again = ingest_files(store, [tmp_path / "papers"])
    assert [f.status for f in again.files] == ["unchanged", "unchanged"]
    assert store.chunk_count() == count and again.chunks_added == 0
    assert len(store.list_documents()) == 2


def test_changed_file_replaces_its_stale_chunks(make_store, tmp_path: Path):
    papers = write_papers(tmp_path / "papers")
    store = make_store()
    ingest_files(store, [papers["report"]])
    before = store.chunk_count()
    papers["report"].write_text(REPORT.replace("42 new foster carers", "44 new foster carers"))
    outcome = ingest_files(store, [papers["report"]]).files[0]
    assert outcome.status == "ingested" and outcome.chunks_removed == before
    assert store.chunk_count() == outcome.chunks_added
    assert len(store.list_documents()) == 1
    texts = " ".join(c.text for c in store.get_chunks(store.lexical().ids))
    assert "44 new foster carers" in texts and "42 new foster carers" not in texts


def test_bad_files_are_reported_and_the_rest_ingests(make_store, tmp_path: Path):
    write_papers(tmp_path / "in")
    bad = write_bad_files(tmp_path / "in")
    store = make_store()
    summary = ingest_files(store, [tmp_path / "in", tmp_path / "missing.pdf"])
    by_name = {Path(f.path).name: f for f in summary.files}
    assert by_name["fostering.txt"].status == by_name["minutes.md"].status == "ingested"
    for name in (bad["empty"].name, bad["junk"].name, bad["corrupt_pdf"].name, bad["html_as_pdf"].name):
        assert by_name[name].status == "failed" and by_name[name].reason, name
    assert by_name["budget.xlsx"].status == "skipped" and "unsupported" in by_name["budget.xlsx"].reason
    assert by_name["missing.pdf"].status == "failed" and by_name["missing.pdf"].reason == "file not found"
    assert not summary.ok
    assert all("\n" not in f.reason for f in summary.files)


def test_file_over_the_size_limit_is_skipped(make_store, tmp_path: Path):
    papers = write_papers(tmp_path / "papers")
    summary = ingest_files(make_store(), [papers["report"]], max_file_mb=0.0001)
    assert summary.files[0].status == "skipped" and "too large" in summary.files[0].reason
