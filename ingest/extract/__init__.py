"""Turn a file of any supported format into clean text with page spans (ExtractedText)."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from ingest.errors import IngestError, UnsupportedFormatError
from ingest.models import ExtractedText

SUPPORTED_SUFFIXES = (".txt", ".md", ".pdf", ".docx", ".html", ".htm")
# Code points no store or encoder takes: lone surrogates (a page declaring charset=unicode_escape, a PDF
# font mapping a glyph to U+D800) cannot be written as UTF-8; NUL ends strings in C libraries.
UNWRITABLE = re.compile("[\ud800-\udfff]")


def extract(path: Path) -> ExtractedText:
    """Extract clean text from `path`, or raise an IngestError whose message is the reason to show."""
    extracted = _extract(path)
    if "\x00" in extracted.text or UNWRITABLE.search(extracted.text):
        # One character for one, so page spans and agenda stamps keep their offsets.
        extracted = replace(extracted, text=UNWRITABLE.sub("\ufffd", extracted.text.replace("\x00", " ")))
    return extracted


def _extract(path: Path) -> ExtractedText:
    if not path.is_file():
        raise IngestError("file not found" if not path.exists() else "not a regular file")  # reasons name no path
    suffix = path.suffix.lower()
    match suffix:
        case ".txt" | ".md":
            from ingest.extract.text import extract_text

            return extract_text(path)
        case ".pdf":
            from ingest.extract.pdf import extract_pdf

            return extract_pdf(path)
        case ".docx":
            from ingest.extract.docx import extract_docx

            return extract_docx(path)
        case ".html" | ".htm":
            from ingest.extract.html import extract_html

            return extract_html(path)
    expected = ", ".join(SUPPORTED_SUFFIXES)
    raise UnsupportedFormatError(f"unsupported file type {suffix or '(none)'}: expected one of {expected}")
