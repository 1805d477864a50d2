"""Ingesting files into a real store: statuses, idempotence, replacement, bad input."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import vectorstore.loader
import vectorstore.store
from ingest.isolated import PaperParser
from tests.fixtures import MINUTES, REPORT, write_bad_files, write_papers
from vectorstore.filters import SearchFilters
from vectorstore.loader import ingest_files
from vectorstore.search import HybridSearcher


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


def test_a_paper_read_by_an_older_reader_is_read_again(make_store, tmp_path: Path, monkeypatch):
    # An unchanged file keeps its chunks only while the code that read it is the same version.
    write_papers(tmp_path / "papers")
    store = make_store()
    ingest_files(store, [tmp_path / "papers"])
    count = store.chunk_count()
    monkeypatch.setattr(vectorstore.loader, "READER_VERSION", vectorstore.loader.READER_VERSION + 1)
    again = ingest_files(store, [tmp_path / "papers"])
    assert [f.status for f in again.files] == ["ingested", "ingested"]
    assert store.chunk_count() == count and len(store.list_documents()) == 2  # replaced, not added beside
    assert {d.reader_version for d in store.list_documents()} == {vectorstore.loader.READER_VERSION}
    assert [f.status for f in ingest_files(store, [tmp_path / "papers"]).files] == ["unchanged", "unchanged"]


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


# ---- one pathological file never stops a run: the parsing worker and its limits (issue 12) ----------

def _zip_bomb_docx(unpacked_mb: int = 300) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        with package.open("word/document.xml", "w", force_zip64=True) as part:
            for _ in range(unpacked_mb):
                part.write(b" " * 1_000_000)
    return buffer.getvalue()


def test_pathological_files_are_reasons_and_the_run_goes_on(make_store, tmp_path: Path):
    papers = tmp_path / "papers"
    papers.mkdir()
    (papers / "a-deep.html").write_text("<html><body><h1>Library Review</h1>" + "<div>" * 200_000
                                        + "<p>1.1 The council will keep nine libraries open.</p></body></html>")
    (papers / "b-bomb.docx").write_bytes(_zip_bomb_docx())
    (papers / "c-corrupt.docx").write_bytes(b"PK\x03\x04" + bytes(300))
    (papers / "d-utf16.txt").write_bytes(("\ufeff" + REPORT).encode("utf-16-le"))
    (papers / "e-good.md").write_text(MINUTES)
    summary = ingest_files(make_store(), [papers])
    outcome = {Path(f.path).name: f for f in summary.files}
    assert [outcome[n].status for n in sorted(outcome)] == ["ingested", "failed", "failed", "ingested", "ingested"]
    assert "zip bomb" in outcome["b-bomb.docx"].reason
    assert outcome["c-corrupt.docx"].reason.startswith("corrupt .docx")
    for f in summary.files:
        assert "\n" not in f.reason and "/" not in f.reason and "Traceback" not in f.reason, f.reason


def test_a_parse_over_its_time_limit_fails_that_file_and_a_fresh_worker_reads_the_next(make_store, tmp_path: Path):
    papers = tmp_path / "papers"
    papers.mkdir()
    paragraph = "".join(f"{i}.1 The council will keep library {i} open at a cost of £{i}5,000 a year.\n\n"
                        for i in range(1, 2000))
    (papers / "a-slow.txt").write_text("Library Review\n\n" + paragraph * 60)  # ~9 MB: several seconds of parsing
    (papers / "b-good.txt").write_text(REPORT)
    summary = ingest_files(make_store(), [papers], parse_timeout_s=2)
    assert [(f.status, f.reason) for f in summary.files] == [
        ("failed", "reading the file took longer than 2 s; skipped"), ("ingested", "")]


def test_a_parse_over_its_memory_limit_fails_that_file_alone(make_store, tmp_path: Path):
    papers = tmp_path / "papers"
    papers.mkdir()
    # 30 MB of markup around a few words: reading it takes several copies of the 30 MB.
    (papers / "a-huge.html").write_text(f'<html><body><div title="{"x" * 30_000_000}">Budget</div></body></html>')
    (papers / "b-good.txt").write_text(REPORT)
    summary = ingest_files(make_store(), [papers], parse_memory_mb=160)
    assert summary.files[0].status == "failed"
    assert summary.files[0].reason in ("reading the file needed more than 160 MB of memory",
                                       "the file made the reader crash (it may be malformed or far too large)")
    assert summary.files[1].status == "ingested"


def test_a_worker_killed_between_files_is_replaced(tmp_path: Path):
    (tmp_path / "a.txt").write_text(REPORT)
    with PaperParser(timeout_s=60) as parser:
        assert parser.result(parser.submit(tmp_path / "a.txt", "a")).chunks
        for process in parser._processes():
            process.kill()
            process.join()
        assert parser.result(parser.submit(tmp_path / "a.txt", "a")).chunks


def test_a_script_without_a_main_guard_can_use_the_worker(tmp_path: Path):
    """spawn re-runs the caller's main script in the worker: without a guard every file then 'crashed'."""
    (tmp_path / "a.txt").write_text(REPORT)
    script = tmp_path / "unguarded.py"
    script.write_text("import sys\nfrom pathlib import Path\nsys.path.insert(0, sys.argv[1])\n"
                      "from ingest.isolated import PaperParser\n"
                      "with PaperParser(timeout_s=60) as parser:\n"
                      "    print(len(parser.result(parser.submit(Path(sys.argv[2]), 'a')).chunks))\n")
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, str(script), str(root), str(tmp_path / "a.txt")],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and int(done.stdout) > 0, done.stderr[-2000:]


def test_progress_is_reported_within_a_file(make_store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A 20 MB paper embeds for many minutes: the caller hears after each batch of its chunks."""
    monkeypatch.setattr(vectorstore.store, "CHUNKS_PER_WRITE", 2)  # batches of 2 (32 in use): small test
    path = tmp_path / "long.txt"
    path.write_text("Library Review\n\n" + "".join(f"{i}.1 Library {i} stays open on Saturdays from April.\n\n"
                                                   for i in range(1, 80)))
    calls: list[tuple[str, int, int]] = []
    summary = ingest_files(make_store(), [path], on_progress=lambda p, done, total: calls.append((p.name, done, total)))
    chunks = summary.files[0].chunks_added
    assert chunks > 4 and len(calls) == -(-chunks // 2)
    assert calls[-1] == ("long.txt", chunks, chunks) and [c[1] for c in calls] == sorted(c[1] for c in calls)


def test_an_appendix_takes_its_meetings_committee_and_is_found_by_it(make_store, tmp_path: Path):
    folder = tmp_path / "2024-03-14 Children's Scrutiny"
    folder.mkdir()
    (folder / "minutes.txt").write_text(
        "Devon County Council\n\nMINUTES of a meeting of the Children's Scrutiny Committee held at County Hall, "
        "Exeter on 14 March 2024\n\n12. Fostering Sufficiency Update\n\nRESOLVED that the report be noted.\n")
    (folder / "appendix.txt").write_text(
        "Devon County Council\n\nAppendix A: Fostering allowances\n\nDate of meeting: 14 March 2024\n\n"
        "1. The weekly allowance for a child aged 11 to 15 rises to £310 from April 2024.\n")
    store = make_store()
    ingest_files(store, [folder])
    docs = {d.file_name: d for d in store.list_documents()}
    assert docs["minutes.txt"].committee == "Children's Scrutiny Committee"
    record = docs["appendix.txt"]
    assert record.committee == "Children's Scrutiny Committee"
    assert json.loads(record.field_sources)["committee"] == "meeting"
    # Its passages carry it too, so a committee filter finds them.
    chunks = store.get_chunks(store.lexical().ids)
    assert {c.committee for c in chunks if c.document_id == record.document_id} == {"Children's Scrutiny Committee"}
    scoped = SearchFilters(committee="Children's Scrutiny Committee")
    assert any(cid.startswith(record.document_id) for cid, _ in store.lexical_search("weekly allowance", 5, scoped))
    dense = HybridSearcher(store).search("weekly allowance for a child", 5, scoped, mode="dense")
    assert any(h.chunk.document_id == record.document_id for h in dense)
    again = ingest_files(store, [folder])  # nothing changes a second time
    assert [f.status for f in again.files] == ["unchanged", "unchanged"]
    assert store.get_document(record.document_id) == record
