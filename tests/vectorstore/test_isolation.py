"""One pathological file never stops a run: each is parsed in a worker with time and memory limits, and
what went wrong is that file's one-line reason. Real files, real worker processes, real store."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from tests.assistant.conftest import open_store
from vectorstore.loader import ingest_files

GOOD = "Library Review\n\n1.1 The council will keep all nine libraries open until March 2026.\n"


def nested_html(depth: int = 200_000) -> str:
    return "<html><body>" + "<div>" * depth + "deep" + "</div>" * depth + "</body></html>"


def zip_bomb_docx(unpacked_mb: int = 400) -> bytes:
    """A Word package whose document part unpacks from a few hundred KB to hundreds of MB."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as package:
        package.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        with package.open("word/document.xml", "w", force_zip64=True) as part:
            block = b" " * (1 << 20)
            for _ in range(unpacked_mb):
                part.write(block)
    return buffer.getvalue()


def test_pathological_files_fail_alone_and_the_run_goes_on(tmp_path: Path, embeddings) -> None:  # type: ignore[no-untyped-def]
    papers = tmp_path / "papers"
    papers.mkdir()
    (papers / "a-nested.html").write_text(nested_html())
    bomb = zip_bomb_docx()
    assert len(bomb) < 2_000_000
    (papers / "b-bomb.docx").write_bytes(bomb)
    (papers / "c-truncated.pdf").write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n" * 3)
    (papers / "d-good.txt").write_text(GOOD)
    (papers / "e-utf16.txt").write_bytes(("\ufeff" + GOOD.replace("nine", "ten")).encode("utf-16-le"))
    store = open_store(tmp_path / "store", embeddings)
    summary = ingest_files(store, [papers])
    outcome = {Path(f.path).name: f for f in summary.files}
    assert outcome["d-good.txt"].status == outcome["e-utf16.txt"].status == "ingested"
    for name in ("b-bomb.docx", "c-truncated.pdf"):
        assert outcome[name].status == "failed", (name, outcome[name])
    assert "zip bomb" in outcome["b-bomb.docx"].reason
    # Deep nesting either reads (the converter coped) or fails with its own reason: never a crash.
    assert outcome["a-nested.html"].status in ("ingested", "failed")
    for f in summary.files:
        assert "\n" not in f.reason and str(tmp_path) not in f.reason and "Traceback" not in f.reason
    assert {d.file_name for d in store.list_documents()} >= {"d-good.txt", "e-utf16.txt"}


def test_a_parser_over_its_time_limit_is_stopped_and_the_next_file_is_read(tmp_path: Path, embeddings) -> None:  # type: ignore[no-untyped-def]
    papers = tmp_path / "papers"
    papers.mkdir()
    (papers / "a-slow.html").write_text(nested_html(60_000))
    store = open_store(tmp_path / "store", embeddings)
    slow = ingest_files(store, [papers], parse_timeout_s=0.05)
    assert slow.files[0].status == "failed" and "longer than 0.05 s" in slow.files[0].reason
    (papers / "b-good.txt").write_text(GOOD)
    again = ingest_files(store, [papers / "b-good.txt"], parse_timeout_s=0.05 + 60)
    assert again.files[0].status == "ingested"


def test_a_parser_over_its_memory_limit_fails_that_file(tmp_path: Path, embeddings) -> None:  # type: ignore[no-untyped-def]
    papers = tmp_path / "papers"
    papers.mkdir()
    # 30 MB of markup around a few words: reading it needs several copies of the 30 MB, embedding it nothing.
    (papers / "a-huge-attribute.html").write_text(f'<html><body><div title="{"x" * 30_000_000}">Budget note'
                                                  "</div></body></html>")
    (papers / "b-good.txt").write_text(GOOD)
    store = open_store(tmp_path / "store", embeddings)
    summary = ingest_files(store, [papers], parse_memory_mb=160)
    outcome = {Path(f.path).name: f for f in summary.files}
    assert outcome["a-huge-attribute.html"].status == "failed", outcome["a-huge-attribute.html"]
    assert "memory" in outcome["a-huge-attribute.html"].reason or "crash" in outcome["a-huge-attribute.html"].reason
    assert outcome["b-good.txt"].status == "ingested"
