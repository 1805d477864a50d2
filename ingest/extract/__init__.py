"""Turn a file of any supported format into clean text with page spans (ExtractedText)."""

from __future__ import annotations

from pathlib import Path

from ingest.errors import IngestError, UnsupportedFormatError
from ingest.models import ExtractedText

SUPPORTED_SUFFIXES = (".txt", ".md", ".pdf", ".docx", ".html", ".htm")


def extract(path: Path) -> ExtractedText:
    """Extract clean text from `path`, or raise an IngestError whose message is the reason to show."""
    if not path.is_file():
        raise IngestError(f"file not found: {path}" if not path.exists() else f"not a file: {path}")
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
