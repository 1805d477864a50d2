"""Bad inputs through the dispatcher `ingest.extract.extract`: every failure is an IngestError whose
one-line message says what is wrong, and nothing from pypdf or python-docx leaks out."""

from __future__ import annotations

from pathlib import Path

import pytest
from fpdf import FPDF
from PIL import Image
from pypdf import PdfWriter

from ingest.errors import IngestError, UnreadablePaperError, UnsupportedFormatError
from ingest.extract import extract
from tests.conftest import CORPUS, SHARED, needs_corpus  # noqa: F401


def _text_pdf(path: Path) -> Path:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.text(20, 30, "1.1 The council is asked to note this report on school places.")
    pdf.output(str(path))
    return path


def _raises_one_line(path: Path, error: type[IngestError], match: str) -> None:
    with pytest.raises(error, match=match) as caught:
        extract(path)
    assert "\n" not in str(caught.value)


def test_corrupt_pdf(tmp_path: Path) -> None:
    path = tmp_path / "corrupt.pdf"
    path.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >>\nendobj\ngarbage \x00\xff" * 3)
    _raises_one_line(path, UnreadablePaperError, r"^corrupt PDF")


def test_truncated_pdf_is_an_ingest_error_or_reads(tmp_path: Path) -> None:
    data = _text_pdf(tmp_path / "whole.pdf").read_bytes()
    path = tmp_path / "truncated.pdf"
    path.write_bytes(data[: len(data) // 2])
    try:
        extract(path)
    except IngestError as exc:
        assert "\n" not in str(exc)


def test_html_saved_as_pdf(tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_text("<!DOCTYPE html>\n<html><body><h1>Report not found</h1></body></html>", encoding="utf-8")
    _raises_one_line(path, UnreadablePaperError, r"^not a PDF \(looks like HTML\)")


def test_junk_with_pdf_name(tmp_path: Path) -> None:
    path = tmp_path / "junk.pdf"
    path.write_bytes(bytes(range(256)) * 4)
    _raises_one_line(path, UnreadablePaperError, r"^not a PDF")


@pytest.mark.parametrize("name", ["empty.pdf", "empty.docx", "empty.html", "empty.txt"])
def test_empty_file(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"")
    _raises_one_line(path, UnreadablePaperError, "empty file")


def test_password_protected_pdf(tmp_path: Path) -> None:
    writer = PdfWriter(clone_from=_text_pdf(tmp_path / "plain.pdf"))
    writer.encrypt("secret", algorithm="RC4-128")
    writer.write(tmp_path / "locked.pdf")
    _raises_one_line(tmp_path / "locked.pdf", UnreadablePaperError, "^password-protected PDF$")


def test_pdf_with_only_an_owner_password_is_read(tmp_path: Path) -> None:
    """Councils often publish PDFs that only forbid copying; they open without a password."""
    writer = PdfWriter(clone_from=_text_pdf(tmp_path / "plain.pdf"))
    writer.encrypt("", owner_password="owner", algorithm="RC4-128")
    writer.write(tmp_path / "restricted.pdf")
    assert extract(tmp_path / "restricted.pdf").text.startswith("1.1 The council is asked")


def test_image_only_pdf_has_no_text_layer(tmp_path: Path) -> None:
    image = tmp_path / "scan.png"
    Image.new("RGB", (200, 260), "white").save(image)
    pdf = FPDF()
    for _ in range(2):
        pdf.add_page()
        pdf.image(str(image), x=10, y=10, w=180)
    pdf.output(str(tmp_path / "scan.pdf"))
    _raises_one_line(tmp_path / "scan.pdf", UnreadablePaperError, r"^no text layer \(scanned\?\)")


def test_binary_junk_named_txt(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    _raises_one_line(path, UnreadablePaperError, "binary")


def test_windows_1252_text_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "minutes.txt"
    path.write_bytes("Caf\u00e9 grant of \u00a35,000 \u2013 the Council\u2019s decision".encode("cp1252"))
    assert extract(path).text == "Café grant of £5,000 – the Council’s decision"


def test_unknown_extension(tmp_path: Path) -> None:
    path = tmp_path / "budget.xlsx"
    path.write_bytes(b"PK\x03\x04")
    _raises_one_line(path, UnsupportedFormatError, r"unsupported file type \.xlsx")


def test_missing_file(tmp_path: Path) -> None:
    _raises_one_line(tmp_path / "nowhere.pdf", IngestError, "^file not found")


@needs_corpus
def test_corpus_html_page_saved_as_pdf() -> None:
    path = CORPUS / "ofsted" / "birmingham - children's services inspection - 19 october 2012.pdf"
    _raises_one_line(path, UnreadablePaperError, r"not a PDF \(looks like HTML\)")


@needs_corpus
def test_corpus_scan_has_no_text_layer() -> None:
    _raises_one_line(
        CORPUS / "scanned" / "omaha-planning-1303a-scanned.pdf", UnreadablePaperError, r"no text layer \(scanned\?\)"
    )
