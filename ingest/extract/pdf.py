"""PDF papers: layout-aware text per page, cleaned of page furniture, with page spans and agenda stamps.

Every failure a council PDF can have (encrypted, not really a PDF, no text layer, broken structure)
becomes an UnreadablePaperError whose one-line message tells the operator what is wrong with the file.
"""

from __future__ import annotations

import io
import logging
import re
from pathlib import Path

from pypdf import PageObject, PdfReader
from pypdf.errors import DependencyError, FileNotDecryptedError

from ingest.errors import IngestError, UnreadablePaperError
from ingest.extract import cleanup
from ingest.extract.pdf_layout import page_lines
from ingest.models import ExtractedText, PageSpan

logger = logging.getLogger(__name__)

PAGE_SEPARATOR = "\n\n"
MIN_CHARS_PER_PAGE = 20  # below this on average the PDF is a scan (or image-only) without a text layer
NEAR_EMPTY_PAGE = 40  # a page this sparse in layout mode may keep its text in form XObjects: try plain mode
HTML_START = re.compile(rb"^\s*(?:<!doctype\s+html|<html|<head|<body|<\?xml)", re.IGNORECASE)


def extract_pdf(path: Path) -> ExtractedText:
    """Clean text of a PDF, one PageSpan per page (1-based), pages joined by a blank line."""
    data = _read_pdf_bytes(path)
    _route_pypdf_warnings_to_debug()
    try:
        raw_pages = _raw_page_lines(data)
    except IngestError:
        raise
    except Exception as exc:  # pypdf raises many types on broken files; the operator needs one reason
        logger.debug("pypdf failed on %s", path, exc_info=True)
        raise UnreadablePaperError(f"corrupt PDF ({_one_line(exc)})") from exc
    _check_text_layer(raw_pages)
    pages, agenda_items = clean_pages(raw_pages)
    return assemble(pages, agenda_items)


def _read_pdf_bytes(path: Path) -> bytes:
    """The file's bytes, after the checks that need no PDF parser (empty, HTML saved as .pdf, junk)."""
    data = path.read_bytes()
    if not data.strip():
        raise UnreadablePaperError("empty file")
    if b"%PDF-" not in data[:1024]:
        if HTML_START.match(data[:1024]):
            raise UnreadablePaperError("not a PDF (looks like HTML): a web page saved with a .pdf name")
        raise UnreadablePaperError("not a PDF (no %PDF header): the file is corrupt or mislabelled")
    return data


def _raw_page_lines(data: bytes) -> list[list[str]]:
    """Lines of every page as laid out, before any clean-up; a page that fails is logged and left empty."""
    reader = PdfReader(io.BytesIO(data))
    _unlock(reader)
    pages: list[list[str]] = []
    for number, page in enumerate(reader.pages, start=1):
        try:
            lines = page_lines(page)
        except Exception as exc:  # one bad page should not lose the paper: plain mode may still read it
            logger.warning("page %d: layout extraction failed, trying plain text: %s", number, _one_line(exc))
            lines = []
        if _non_space(lines) < NEAR_EMPTY_PAGE:
            try:
                lines = _plain_lines_if_richer(page, lines)
            except Exception as exc:
                logger.warning("page %d unreadable, left empty: %s", number, _one_line(exc))
        pages.append(lines)
    if not pages:
        raise UnreadablePaperError("PDF has no pages")
    return _unshared(reader, pages)


def _unshared(reader: PdfReader, pages: list[list[str]]) -> list[list[str]]:
    """Converters that draw pages from templates (FPDI, "Online2PDF") give every page resources listing every
    page's form, and each page draws only its own; layout mode reads every form listed, so each page comes
    out as the whole document (and a minutes' heading, on "every page", is dropped as a running header).
    When pages come out identical, plain mode, which reads only what a page draws, is used."""
    if len(pages) < 2 or len({"\n".join(lines) for lines in pages}) > 1:
        return pages
    try:
        plain = [[line.strip() for line in page.extract_text().splitlines()] for page in reader.pages]
    except Exception as exc:
        logger.warning("plain text unreadable, pages left as laid out: %s", _one_line(exc))
        return pages
    distinct = len({"\n".join(lines) for lines in plain}) == len(plain)
    return plain if distinct else pages


def _unlock(reader: PdfReader) -> None:
    """Open PDFs that only restrict printing/copying (empty user password); refuse real passwords."""
    if not reader.is_encrypted:
        return
    try:
        unlocked = reader.decrypt("")
    except DependencyError as exc:
        raise UnreadablePaperError("encrypted PDF (AES): install the 'cryptography' package to read it") from exc
    except FileNotDecryptedError as exc:
        raise UnreadablePaperError("password-protected PDF") from exc
    if not unlocked:
        raise UnreadablePaperError("password-protected PDF")


def _plain_lines_if_richer(page: PageObject, lines: list[str]) -> list[str]:
    """pypdf's layout mode skips text inside form XObjects; plain mode reads it."""
    plain = [line.strip() for line in page.extract_text().splitlines()]
    return plain if _non_space(plain) > _non_space(lines) else lines


def _check_text_layer(pages: list[list[str]]) -> None:
    total = sum(_non_space(lines) for lines in pages)
    if total < MIN_CHARS_PER_PAGE * len(pages):
        raise UnreadablePaperError("no text layer (scanned?): OCR the PDF first")


def clean_pages(pages: list[list[str]]) -> tuple[list[list[str]], dict[int, str]]:
    """Apply the clean-ups in order; return cleaned pages and {page index: agenda item}."""
    agenda_items: dict[int, str] = {}
    staged: list[list[str]] = []
    for index, lines in enumerate(pages):
        lines = [cleanup.strip_glyphs(line) for line in lines]
        lines, item = cleanup.take_agenda_item(lines)
        if item:
            agenda_items[index] = item
        staged.append(cleanup.drop_page_furniture(lines))
    running = cleanup.running_lines(staged)
    if running:
        logger.debug("running headers/footers removed: %s", sorted(running))
    staged = [cleanup.drop_running_lines(lines, running) for lines in staged]
    staged = [[cleanup.join_enumerator(line) for line in lines] for lines in staged]
    vocab = cleanup.vocabulary(staged)
    cleaned = [cleanup.squeeze_blank_lines(cleanup.join_hyphenated(lines, vocab)) for lines in staged]
    return cleaned, agenda_items


def assemble(pages: list[list[str]], agenda_items: dict[int, str]) -> ExtractedText:
    """Concatenate page texts with PAGE_SEPARATOR; empty pages get an empty span so numbering holds."""
    parts: list[str] = []
    spans: list[PageSpan] = []
    stamps: dict[int, str] = {}
    offset = 0
    for index, lines in enumerate(pages):
        text = "\n".join(lines)
        if text and offset:
            parts.append(PAGE_SEPARATOR)
            offset += len(PAGE_SEPARATOR)
        spans.append(PageSpan(page=index + 1, start=offset, end=offset + len(text)))
        if index in agenda_items:
            stamps[offset] = agenda_items[index]
        parts.append(text)
        offset += len(text)
    return ExtractedText(text="".join(parts), format="pdf", pages=spans, agenda_items=stamps)


def _non_space(lines: list[str]) -> int:
    return sum(len(line) - line.count(" ") - line.count("\t") for line in lines)


def _one_line(exc: BaseException) -> str:
    message = " ".join(str(exc).split()) or type(exc).__name__
    return f"{type(exc).__name__}: {message}"[:200]


class _ToDebug(logging.Handler):
    """Re-emit pypdf's warnings ("Ignoring wrong pointing object", font quirks) on our logger at DEBUG."""

    def emit(self, record: logging.LogRecord) -> None:
        logger.debug("pypdf: %s", record.getMessage())


def _route_pypdf_warnings_to_debug() -> None:
    """Real council PDFs make pypdf log dozens of harmless warnings per file; they drown the ingest log."""
    pypdf_logger = logging.getLogger("pypdf")
    if not any(isinstance(h, _ToDebug) for h in pypdf_logger.handlers):
        pypdf_logger.addHandler(_ToDebug())
        pypdf_logger.propagate = False
