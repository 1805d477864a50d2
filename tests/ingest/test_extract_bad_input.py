"""Bad inputs through the dispatcher `ingest.extract.extract`: every failure is an IngestError whose
one-line message says what is wrong, and nothing from pypdf or python-docx leaks out."""

from __future__ import annotations

import io
import time
import zipfile
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


# ---- encodings, Word zip bombs, damaged Word packages, deep markup (issue 12) -----------------------

MINUTES_TEXT = "Minutes\n\n1.1 The Committee agreed the £5,000 grant for Tiverton’s library.\n"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-8-sig"])
def test_unicode_text_with_a_byte_order_mark_is_read(tmp_path: Path, encoding: str) -> None:
    """Word's "Unicode text" export (UTF-16 with a BOM) was refused as "binary content"."""
    path = tmp_path / "minutes.txt"
    data = MINUTES_TEXT.encode(encoding)
    path.write_bytes(data if data[:3] == b"\xef\xbb\xbf" or data[:2] in (b"\xff\xfe", b"\xfe\xff")
                     else ("\ufeff" + MINUTES_TEXT).encode(encoding))
    assert extract(path).text == MINUTES_TEXT


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_read(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "minutes.txt"
    path.write_bytes((MINUTES_TEXT + "Ā€ 2024\n").encode(encoding))  # U+0100 has a zero low byte
    assert extract(path).text == MINUTES_TEXT + "Ā€ 2024\n"


def _zip(members: dict[str, bytes], *, level: int = 9) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as package:
        for name, content in members.items():
            package.writestr(name, content)
    return buffer.getvalue()


def test_docx_zip_bomb_is_refused_before_unpacking(tmp_path: Path) -> None:
    """The issue's 205 KB DOCX that unpacked to hundreds of MB: refused from the zip directory, at once."""
    # 212 MB of empty paragraphs deflate to 310 KB; streamed, so the test never holds 212 MB either.
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        with package.open("word/document.xml", "w", force_zip64=True) as part:
            block = b"<w:p/>" * (1 << 17)
            for _ in range(270):
                part.write(block)
    path = tmp_path / "bomb.docx"
    path.write_bytes(buffer.getvalue())
    assert path.stat().st_size < 400_000
    started = time.perf_counter()
    _raises_one_line(path, UnreadablePaperError, r"would unpack to 212 MB .*zip bomb")
    assert time.perf_counter() - started < 1.0


def test_docx_with_too_many_parts_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "parts.docx"
    path.write_bytes(_zip({f"word/media/{i}.xml": b"" for i in range(6000)}, level=1))
    _raises_one_line(path, UnreadablePaperError, r"6,000 parts")


@pytest.mark.parametrize("members", [
    {"[Content_Types].xml": b"<Types/>"},  # no document part at all
    {"[Content_Types].xml": b"not xml", "word/document.xml": b"<w:document/>"},
    {"word/document.xml": b"<broken"},
])
def test_corrupt_docx_reason_names_no_path(tmp_path: Path, members: dict[str, bytes]) -> None:
    """python-docx's messages name the file's full path (the server's temporary folder): never passed on."""
    path = tmp_path / "upload-4f2a" / "paper.docx"
    path.parent.mkdir()
    path.write_bytes(_zip(members))
    with pytest.raises(UnreadablePaperError, match=r"^corrupt \.docx") as caught:
        extract(path)
    reason = str(caught.value)
    assert "\n" not in reason and "/" not in reason and "paper.docx" not in reason and "upload-4f2a" not in reason


def test_missing_file_reason_names_no_path(tmp_path: Path) -> None:
    with pytest.raises(IngestError) as caught:
        extract(tmp_path / "secret-folder" / "nowhere.txt")
    assert str(caught.value) == "file not found"


def test_deeply_nested_html_is_read(tmp_path: Path) -> None:
    """200,000 nested <div>s made the HTML converter raise RecursionError; deep parts are now flattened."""
    path = tmp_path / "deep.html"
    path.write_text("<html><body><h1>Library Review</h1>" + "<div>" * 200_000
                    + "<p>1.1 Deep in the page.</p><p>1.2 Still here.</p>" + "</div>" * 200_000 + "</body></html>")
    text = extract(path).text
    assert text.startswith("# Library Review") and "1.1 Deep in the page.\n\n1.2 Still here." in text
