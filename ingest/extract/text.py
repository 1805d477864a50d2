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
        # (A few zeros on the other side are characters such as U+0100 or U+2000 whose low byte is 0.)
        odd, even, half = head[1::2].count(0), head[0::2].count(0), len(head) / 2
        if odd > 0.4 * half and even <= 0.02 * half:
            return _utf16(data, "utf-16-le")
        if even > 0.4 * half and odd <= 0.02 * half:
            return _utf16(data, "utf-16-be")
    if _looks_binary(head):
        raise UnreadablePaperError("binary content, not text (wrong extension?)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _looks_binary(head: bytes) -> bool:
    """Many control bytes (an image, a zip, a program); a stray NUL or two in a paper is not that."""
    controls = sum(1 for byte in head if byte < 32 and byte not in b"\t\n\r\f\x1b")
    return controls > 0.05 * len(head) or (b"\x00" in head and controls > 0.01 * len(head))


def _utf16(data: bytes, codec: str) -> str:
    text = data.decode(codec, errors="replace").lstrip("\ufeff")
    if "\x00" in text:
        raise UnreadablePaperError("binary content, not text (wrong extension?)")
    return text
