"""Plain text and Markdown papers (the shape of converted committee papers)."""

from __future__ import annotations

from pathlib import Path

from ingest.errors import UnreadablePaperError
from ingest.models import ExtractedText


def extract_text(path: Path) -> ExtractedText:
    data = path.read_bytes()
    if not data.strip():
        raise UnreadablePaperError("empty file")
    text = _decode(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return ExtractedText(text=text, format="text")


def _decode(data: bytes) -> str:
    """UTF-8 (with or without a byte-order mark), UTF-16 (Word's "Unicode text" export: by its BOM, or by
    the zero bytes of English text in it), else Windows-1252, as older council exports are."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _utf16(data, "utf-16")
    head = data[:4096]
    if b"\x00" in head:
        # English text in UTF-16 without a BOM has a zero byte in every other place, on one side.
        odd, even = head[1::2].count(0), head[0::2].count(0)
        if odd > 0.4 * len(head) / 2 and even == 0:
            return _utf16(data, "utf-16-le")
        if even > 0.4 * len(head) / 2 and odd == 0:
            return _utf16(data, "utf-16-be")
        raise UnreadablePaperError("binary content, not text (wrong extension?)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _utf16(data: bytes, codec: str) -> str:
    text = data.decode(codec, errors="replace").lstrip("\ufeff")
    if "\x00" in text:
        raise UnreadablePaperError("binary content, not text (wrong extension?)")
    return text
