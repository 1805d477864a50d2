"""Plain text and Markdown papers (the shape of converted committee papers)."""

from __future__ import annotations

from pathlib import Path

from ingest.errors import UnreadablePaperError
from ingest.models import ExtractedText


def extract_text(path: Path) -> ExtractedText:
    data = path.read_bytes()
    if not data.strip():
        raise UnreadablePaperError("empty file")
    if b"\x00" in data[:4096]:
        raise UnreadablePaperError("binary content, not text (wrong extension?)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")  # older council exports are Windows-1252
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return ExtractedText(text=text, format="text")
