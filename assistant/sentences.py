"""What an answer does with a passage's units: the paragraph a quote sits in, a table row read for the
months asked, and the units fit to quote (never an instruction addressed to an assistant)."""

from __future__ import annotations

import re

from assistant.injection import addresses_assistant
from ingest.dates import MONTHS
from ingest.models import Chunk
from ingest.numbering import LETTERED_ITEM
from ingest.units import Unit, split_units


def answer_units(chunk: Chunk) -> list[Unit]:
    """The passage's units an answer may quote; each keeps its position in the passage."""
    return [u for u in split_units(chunk) if not addresses_assistant(u.text)]


def quote_paragraph(chunk: Chunk, quote: str) -> str | None:
    """The number of the paragraph a quoted sentence sits in, when the passage spans several ("4.4")."""
    if len(chunk.paragraph_ids) <= 1 or not quote:
        return chunk.paragraph
    at = chunk.text.find(quote)
    if at < 0:
        return chunk.paragraph
    best: tuple[int, str] | None = None
    for pid in chunk.paragraph_ids:
        printed = rf"\(?{re.escape(pid)}\)?\.?"
        if item := LETTERED_ITEM.search(pid):  # "87(6)(g)" is printed "(g)" or "g)" at its item
            printed += rf"|\({item['letter']}\)|{item['letter']}[.)]"
        pattern = rf"(?:^|\n)[ \t]*(?:[-*•][ \t]+)?(?:{printed})[ \t]"
        for match in re.finditer(pattern, chunk.text[: at + len(pid) + 4]):
            if match.start() <= at and (best is None or match.start() > best[0]):
                best = (match.start(), pid)
    return best[1] if best else chunk.paragraph


_ROW_READING = re.compile(r"^(?P<label>.+?) \((?P<pairs>[^()]*(?:\([^()]*\)[^()]*)*)\)\.$")
_MONTH_YEAR = re.compile(rf"\b({'|'.join(sorted(MONTHS, key=len, reverse=True))})\.?,? ((?:19|20)\d\d)\b",
                         re.IGNORECASE)


def focus_row(text: str, question: str) -> str:
    """A table row read out for the months the question names: "For March 2023, how many ..." gets
    "Completed (Mar 2023: 95)", not every month of the table. Other rows and columns are left as they are."""
    asked = {(MONTHS[m.lower()], int(y)) for m, y in _MONTH_YEAR.findall(question)}
    row = _ROW_READING.match(text)
    if not asked or row is None:
        return text
    pairs = row.group("pairs").split("; ")
    months = [_month_of(p.split(": ", 1)[0]) for p in pairs]
    if sum(1 for m in months if m) < 2 or not any(m in asked for m in months if m):
        return text
    kept = [p for p, m in zip(pairs, months, strict=True) if m is None or m in asked]
    return f"{row.group('label')} ({'; '.join(kept)})."


def _month_of(heading: str) -> tuple[int, int] | None:
    found = _MONTH_YEAR.fullmatch(heading.strip())
    return (MONTHS[found.group(1).lower()], int(found.group(2))) if found else None
