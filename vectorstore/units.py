"""The units embedded for dense search: a chunk's sentences, list items and table rows.

A small embedding model matches a question best against a single sentence: a whole paragraph dilutes
the one sentence that answers ("We currently have 8,412 learners with EHCPs" inside a list of
workforce targets). Each chunk is scored by its best unit.
"""

from __future__ import annotations

import re

from ingest.tables import ColumnHeadings

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"'“‘(£]?[A-Z0-9£])")
_LIST_ITEM = re.compile(r"^\s*(?:[-*•]|\(?[a-z0-9]{1,3}\)|\d+(?:\.\d+)*\.?)\s+")
_MIN_CHARS = 15


def embedding_units(text: str, max_chars: int = 600, context: str = "") -> list[str]:
    """Sentences, list items and table rows of a passage; the passage itself if none qualify.

    PDF text is hard-wrapped, so lines are re-joined into paragraphs first; a table row (tab-separated
    cells) or a list item starts a unit of its own. A row is read with its table's column headings and with
    `context` (the report's title): "Overall effectiveness | Good" alone matches no question about
    Birmingham's inspection, where a sentence would name what it is about.
    """
    units: list[str] = []
    headings: ColumnHeadings | None = None
    for line_group in _logical_lines(text):
        if "\t" not in line_group:
            headings = None
            pieces = _SENTENCE_END.split(line_group)
        elif headings is None:  # a table's first row, a unit by itself: its heading, or data of a split table
            headings = ColumnHeadings()
            headings.read(_cells(line_group))
            pieces = [line_group]
        elif headings.read(_cells(line_group)):
            continue  # the heading's second line: read into the headings, not a unit of its own
        else:
            heading = " | ".join(headings.cells)  # a row means little without its column headings
            pieces = [f"{heading}\n{line_group}" if heading else line_group]
        if "\t" in line_group and context:
            pieces = [f"{context}: {piece}" for piece in pieces]
        for piece in pieces:
            piece = " ".join(piece.replace("\t", " | ").split())
            while len(piece) > max_chars:
                cut = piece.rfind(" ", 0, max_chars)
                cut = cut if cut > max_chars // 2 else max_chars
                units.append(piece[:cut])
                piece = piece[cut:].strip()
            if len(piece) >= _MIN_CHARS:
                units.append(piece)
    return units or [" ".join(text.split())[:max_chars]]


def _cells(row: str) -> list[str]:
    return [" ".join(cell.split()) for cell in row.split("\t")]


def _logical_lines(text: str) -> list[str]:
    """Wrapped lines joined back into paragraphs; table rows and list items kept apart."""
    groups: list[str] = []
    current: list[str] = []
    for line in text.split("\n"):
        stripped = line.strip()
        starts_new = not stripped or "\t" in line or _LIST_ITEM.match(line) or (current and "\t" in current[-1])
        if starts_new and current:
            groups.append(" ".join(current))
            current = []
        if stripped:
            current.append(line if "\t" in line else stripped)
    if current:
        groups.append(" ".join(current))
    return groups
