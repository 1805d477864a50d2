"""Fuzz the parsers: whatever bytes arrive under a paper's extension, extraction either reads them or
fails with an IngestError whose reason is one line naming no path. Bounded (EXAMPLES per format)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.errors import IngestError
from ingest.extract import extract

EXAMPLES = 200
PDF_HEAD = b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] "
DOCX_PARTS = ["[Content_Types].xml", "word/document.xml", "_rels/.rels", "word/_rels/document.xml.rels"]


def check(tmp: Path, suffix: str, data: bytes) -> None:
    path = tmp / f"fuzz{suffix}"
    path.write_bytes(data)
    try:
        extract(path)
    except IngestError as exc:
        reason = str(exc)
        assert reason and "\n" not in reason and str(tmp) not in reason and "/tmp" not in reason, reason


def fuzz_settings(test):  # type: ignore[no-untyped-def]
    return settings(max_examples=EXAMPLES, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])(test)


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html", ".pdf", ".docx"])
@fuzz_settings
@given(data=st.binary(max_size=4000))
def test_random_bytes(tmp_path: Path, suffix: str, data: bytes) -> None:
    check(tmp_path, suffix, data)


@fuzz_settings
@given(body=st.binary(max_size=3000), cut=st.integers(min_value=0, max_value=400))
def test_damaged_pdfs(tmp_path: Path, body: bytes, cut: int) -> None:
    check(tmp_path, ".pdf", (PDF_HEAD + body)[: len(PDF_HEAD) + cut] + body)


@fuzz_settings
@given(parts=st.dictionaries(st.sampled_from(DOCX_PARTS), st.binary(max_size=800), max_size=4),
       xml=st.text(max_size=600))
def test_damaged_word_packages(tmp_path: Path, parts: dict[str, bytes], xml: str) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        for name, content in parts.items():
            package.writestr(name, content)
        if "word/document.xml" not in parts:
            package.writestr("word/document.xml", f'<w:document xmlns:w="x">{xml}</w:document>'.encode())
    check(tmp_path, ".docx", buffer.getvalue())


@fuzz_settings
@given(text=st.text(max_size=2000), encoding=st.sampled_from(["utf-8", "utf-16", "utf-16-le", "cp1252", "latin-1"]))
def test_text_in_any_encoding(tmp_path: Path, text: str, encoding: str) -> None:
    check(tmp_path, ".txt", text.encode(encoding, errors="replace"))
    check(tmp_path, ".html", f"<html><body><p>{text}</p></body></html>".encode(encoding, errors="replace"))
