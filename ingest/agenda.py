"""Agenda packs: the frontsheet's list of items with attached reports, and where each report begins.

An item listed with "(Pages x - y)" has its report in the pack. Its report starts at the first short
line block that shares most words with the item's title (a "Subject:" field, a title block, a
"Report of ..." line), searched in order after the listing; a meeting-and-date line just above it
belongs to the report.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from ingest.dates import DATE, to_iso
from ingest.lines import Line
from ingest.models import human_date

log = logging.getLogger(__name__)

_ITEM = re.compile(r"^\s*(?P<num>\d{1,2}[a-z]?)[.)]?[\t ]+(?P<title>\S.*)$")
_PAGES = re.compile(r"\(\s*Pages?\s*(?:\n\s*)?\d+(?:\s*-\s*\d+)?\s*\)", re.IGNORECASE)
_STOP = {"the", "of", "and", "for", "to", "in", "on", "a", "an", "with", "from", "by", "at", "report",
         "attached", "pages", "page", "item", "s"}


@dataclass(frozen=True)
class AgendaEntry:
    """An agenda item listed with attached pages: its number, title, and where the listing line ends."""

    number: str
    title: str
    end: int
    author: str = ""


def agenda_listing(lines: list[Line], text: str) -> list[AgendaEntry]:
    """Agenda items listed with "(Pages x - y)", i.e. with a report attached in the pack."""
    entries: list[AgendaEntry] = []
    i = 0
    while i < len(lines):
        m = _ITEM.match(lines[i].text)
        if not m:
            i += 1
            continue
        j, parts = i, [m.group("title")]
        while j + 1 < len(lines) and j - i < 3 and not _PAGES.search(" ".join(parts)):
            nxt = lines[j + 1]
            if nxt.blank or _ITEM.match(nxt.text):
                break
            parts.append(nxt.text.strip())
            j += 1
        joined = " ".join(parts)
        if _PAGES.search(joined):
            title = _PAGES.split(joined)[0].strip(" \t-")
            entries.append(AgendaEntry(m.group("num"), title, lines[j].end, _listed_author(lines, j + 1)))
        i = j + 1
    return entries


def _listed_author(lines: list[Line], j: int) -> str:
    """"Report of the Head of Children's Health and Wellbeing, attached." under an agenda item."""
    while j < len(lines) and lines[j].blank:
        j += 1
    if j >= len(lines):
        return ""
    m = re.match(r"^\s*Report of (?:the )?(?P<who>.+?)(?:,? attached)?\.?\s*$", lines[j].text)
    return m.group("who") if m and len(m.group("who")) < 150 else ""


def fill_items(segments: list[tuple[int, int, str | None]], listing: list[AgendaEntry]
                ) -> list[tuple[int, int, str | None]]:
    """A report between items 7 and 9 of the listing, with no item of its own, is item 8."""
    order = [e.number for e in listing]
    filled = list(segments)
    for k in range(1, len(filled) - 1):
        start, end, item = filled[k]
        before, after = filled[k - 1][2], filled[k + 1][2]
        if item or before not in order or after not in order:
            continue
        between = order[order.index(before) + 1 : order.index(after)]
        if len(between) == 1:
            filled[k] = (start, end, between[0])
    return filled


def _find_title_line(lines: list[Line], title: str, after: int) -> int | None:
    wanted = _words(title)
    if not wanted:
        return None
    scored = []
    for i, line in enumerate(lines):
        if line.start < after or line.blank or len(line.text) > 200:
            continue
        window = [line.text]
        for nxt in lines[i + 1 : i + 4]:
            if nxt.blank or len(nxt.text) > 100:
                break
            window.append(nxt.text)
        score = len(wanted & _words(" ".join(window))) / len(wanted)
        if score >= 0.6:
            scored.append((i, score))
    if not scored:
        return None
    best = max(s for _, s in scored)
    return next(i for i, s in scored if s >= best - 0.15)


def _words(text: str) -> set[str]:
    return {w.rstrip("s") for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in _STOP and len(w) > 1}


def frontsheet_title(head: str) -> str:
    """A frontsheet's title: the meeting it calls ("Children's Scrutiny Committee agenda, 6 June 2023")."""
    body = re.search(r"^\s*(?P<body>(?:[A-Z][A-Z'’&,\- ]{0,80}\s)?(?:COMMITTEE|CABINET|COUNCIL|BOARD|PANEL|PPB))\s*$",
                     head, re.MULTILINE)
    name = _title_case(body.group("body")) if body else "Meeting"
    when = re.search(rf"^\s*(?P<d>(?:\w+day,?\s+)?{DATE.pattern})", head, re.MULTILINE | re.IGNORECASE)
    iso = to_iso(when.group("d")) if when else ""
    return f"{name} agenda, {human_date(iso)}" if iso else f"{name} agenda"


def _title_case(value: str) -> str:
    words = [w.capitalize() if w not in {"AND", "OF", "THE", "FOR"} else w.lower() for w in value.split()]
    return re.sub(r"[’']S\b", "'s", " ".join(words))


def _with_header_lines(lines: list[Line], i: int) -> int:
    """Include up to two short lines above a title that name the meeting and its date."""
    start, k = i, i - 1
    while k >= 0 and i - k <= 4:
        s = lines[k].text.strip()
        if s:
            if len(s) > 80 or not DATE.search(s):
                break
            start = k
        k -= 1
    return start


def item_starts(lines: list[Line], listing: list[AgendaEntry]) -> list[tuple[int, str]]:
    """(offset, item number) where each listed item's report begins."""
    if not listing:
        return []
    cuts, after = [], listing[-1].end
    for entry in listing:
        found = _find_title_line(lines, entry.title, after)
        if found is None:
            log.debug("agenda item %s not found: %s", entry.number, entry.title)
            continue
        cuts.append((lines[_with_header_lines(lines, found)].start, entry.number))
        after = lines[found].end
    return cuts


def is_frontsheet(text: str, start: int, end: int) -> bool:
    head = text[start : min(end, start + 3000)]
    if not re.search(r"^\s*(?:AGENDA|A G E N D A)\s*$", head, re.MULTILINE):
        return False
    return bool(_PAGES.search(text, start, end) or _ITEM.search(head))
