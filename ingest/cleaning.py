"""Clean a span of extracted text for display and search, remembering where each character came from.

Converted papers carry markup that is noise in an answer: `**bold**`, `<p>` fragments inside table
cells, Markdown links and headings, bullet glyphs from PDFs (U+F0B7, "◼"), runs of layout spaces and
hard line wraps. `clean_span` removes it and returns, for every character it keeps, the offset of that
character in the original text, so a chunk cut from a cleaned block still points at the original.
Cleaning is a pure function of the original span: the chunker recomputes it to map offsets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.numbering import match_number

_INLINE = re.compile(
    r"(?P<tag></?(?:p|br|ul|ol|li|strong|b|em|i|u|span|div|td|tr|th|sup|sub)\b[^>]{0,60}>)"
    r"|(?P<bold>\*\*|__)"
    r"|\[(?P<link>[^\]\n]{0,200})\]\([^)\n]{0,300}\)"
    r"|(?P<entity>&(?:amp|nbsp|lt|gt|quot|#39|apos);)"
)
_ENTITIES = {"&amp;": "&", "&nbsp;": " ", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'", "&apos;": "'"}
_BULLET = re.compile(r"^(?:[-*+•◼▪■●○◦➢✓\uf0b7\uf0a7\uf06e\uf0d8\uf076\uf0fc]|o(?=[ \t]))[ \t]+")
_HEADING_MARK = re.compile(r"^#{1,6}[ \t]+")
_SEPARATOR = re.compile(r"^[ \t|:+-]*-{3,}[ \t|:+-]*$")
_STAMP = re.compile(r"^\s*(?:Agenda Item\s+\d+[A-Za-z]?|Page\s+\d+(?:\s+of\s+\d+)?|\d{1,3})\s*$", re.IGNORECASE)
_LIST_START = re.compile(
    r"^(?:[-*+•◼▪■●○◦➢✓\uf0b7\uf0a7\uf06e\uf0d8\uf076\uf0fc]\s|o\s|\(?[a-z]{1,4}[.)]\s|\(?[A-Z][.)]\s)"
)


@dataclass
class CleanText:
    """Cleaned text and, for each of its characters, the offset of its source in the original text."""

    text: str
    offsets: list[int]

    def source_range(self, start: int, end: int) -> tuple[int, int]:
        """The original [start, end) range of the cleaned range [start, end)."""
        if not self.offsets:
            return (0, 0)
        start = min(max(start, 0), len(self.offsets) - 1)
        last = min(max(end - 1, start), len(self.offsets) - 1)
        return (self.offsets[start], self.offsets[last] + 1)


def is_stamp_line(line: str) -> bool:
    """Page furniture: an "Agenda Item 9" stamp, "Page 12", or a lone page number."""
    return bool(_STAMP.match(line))


def is_separator_line(line: str) -> bool:
    """A Markdown table rule ("----\\t----" or "|---|---|")."""
    return bool(_SEPARATOR.match(line)) and "-" in line


def running_header_lines(lines: list[str]) -> set[int]:
    """Indexes of lines that are page furniture: stamps, and the short running header after a stamp.

    Converted agenda packs repeat "Agenda Item 11 / Children's Scrutiny Committee / Tuesday 6th June
    2023" at page tops; the header is the (at most three) short lines right after the stamp.
    """
    skip: set[int] = set()
    for i, line in enumerate(lines):
        if not is_stamp_line(line) or not line.strip():
            continue
        skip.add(i)
        if not re.match(r"^\s*Agenda Item", line, re.IGNORECASE):
            continue
        j = i + 1
        while j < len(lines) and not lines[j].strip():
            j += 1
        k = j
        while k < len(lines) and lines[k].strip() and k - j < 3 and len(lines[k].strip()) <= 60:
            k += 1
        header = " ".join(lines[j:k])
        ends_paragraph = k >= len(lines) or not lines[k].strip()
        if k > j and ends_paragraph and re.search(r"Committee|Council|Cabinet|\b(?:19|20)\d\d\b", header):
            skip.update(range(j, k))
    return skip


def clean_inline(text: str) -> str:
    """`text` without inline markup (tags, bold markers, link targets, entities), spaces collapsed."""
    return clean_span(text, 0, len(text)).text


def clean_span(text: str, start: int, end: int, *, table: bool = False) -> CleanText:
    """Clean `text[start:end]`: drop furniture lines and markup, unwrap hard-wrapped lines.

    For tables each row stays a line and cells stay separated by a tab; blank lines and rules go.
    """
    out = _Builder()
    raw_lines = _lines(text, start, end)
    skip = running_header_lines([s for s, _ in raw_lines])
    pending_break = False
    for i, (line, at) in enumerate(raw_lines):
        if i in skip or is_separator_line(line):
            continue
        if not line.strip():
            pending_break = bool(out.chars)
            continue
        if out.chars:
            if table or (pending_break and not _continues(out, line)):
                out.add("\n", at)
            else:
                _join(out, line, at)
        pending_break = False
        if table:
            _table_row(out, line, at)
        else:
            _prose_line(out, line, at)
    return CleanText("".join(out.chars), out.offsets)


def _lines(text: str, start: int, end: int) -> list[tuple[str, int]]:
    result = []
    at = start
    for line in text[start:end].split("\n"):
        result.append((line, at))
        at += len(line) + 1
    return result


def _continues(out: _Builder, line: str) -> bool:
    """A line after a gap that continues the sentence before it (a page break mid-sentence)."""
    body = line.strip()
    return bool(body[:1].islower()) and out.chars[-1] not in ".:;!?" and not _LIST_START.match(body)


def _join(out: _Builder, line: str, at: int) -> None:
    """Join a wrapped line to the previous one: newline before list items, else a space."""
    body = line.strip()
    if _LIST_START.match(body) or _numbered(line) or _HEADING_MARK.match(body):
        out.add("\n", at)
    elif out.chars[-1] == "-" and len(out.chars) > 1 and out.chars[-2].isalpha() and body[:1].islower():
        return
    else:
        out.add(" ", at)


def _numbered(line: str) -> bool:
    m = match_number(line)
    return m is not None and m.style in ("dotted", "simple", "minute", "paren")


def _prose_line(out: _Builder, line: str, at: int) -> None:
    lead = len(line) - len(line.lstrip())
    body = line[lead:]
    m = _HEADING_MARK.match(body)
    if m:
        lead += m.end()
        body = body[m.end() :]
    m = _BULLET.match(body)
    if m:
        if _numbered(body[m.end() :]):
            lead += m.end()
        else:
            out.add("- ", at + lead)
            lead += m.end()
    _inline(out, line[lead:].rstrip(), at + lead)


def _table_row(out: _Builder, line: str, at: int) -> None:
    cells = line.split("\t") if "\t" in line else line.strip().strip("|").split("|")
    pos = at if "\t" in line else at + line.index("|") + 1 if line.lstrip().startswith("|") else at
    first = True
    for cell in cells:
        if not first:
            out.add("\t", pos)
        first = False
        lead = len(cell) - len(cell.lstrip())
        _inline(out, cell.strip(), pos + lead)
        pos += len(cell) + 1


def _inline(out: _Builder, s: str, at: int) -> None:
    """Copy `s` (which starts at `at`) without markup, collapsing whitespace runs to one space."""
    pos = 0
    for m in _INLINE.finditer(s):
        _copy(out, s[pos : m.start()], at + pos)
        if m.group("link") is not None:
            _copy(out, m.group("link"), at + m.start("link"))
        elif m.group("entity"):
            _copy(out, _ENTITIES[m.group("entity")], at + m.start())
        elif m.group("tag") and out.chars and out.chars[-1] not in " \t\n":
            out.add(" ", at + m.start())
        pos = m.end()
    _copy(out, s[pos:], at + pos)
    while out.chars and out.chars[-1] == " ":
        out.pop()


def _copy(out: _Builder, s: str, at: int) -> None:
    for i, ch in enumerate(s):
        if ch in " \t\u00a0":
            if out.chars and out.chars[-1] not in " \t\n":
                out.add(" ", at + i)
        else:
            out.add(ch, at + i)


class _Builder:
    """Accumulates cleaned characters with their source offsets."""

    def __init__(self) -> None:
        self.chars: list[str] = []
        self.offsets: list[int] = []

    def add(self, s: str, at: int) -> None:
        for ch in s:
            self.chars.append(ch)
            self.offsets.append(at)

    def pop(self) -> None:
        self.chars.pop()
        self.offsets.pop()
