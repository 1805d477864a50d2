"""Split a paper into its reports and parse each report into blocks.

A single officer's report is one Report. An agenda pack holds a frontsheet (the agenda) and one report
per agenda item, each numbering its paragraphs from 1. Reports start:
- where the "Agenda Item N" stamp of a PDF page changes (`ExtractedText.agenda_items`);
- at a report header: a Kent "From: / To: / Subject:" block, "REPORT TO:", "RECORD OF DECISION",
  "MINUTES of a meeting", a letter (from its date line to "Yours sincerely" and the signature);
- where the title of an agenda item listed with "(Pages x - y)" appears in the text.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from ingest.agenda import agenda_listing, fill_items, frontsheet_title, is_frontsheet, item_starts
from ingest.blocks import parse_blocks
from ingest.lines import Line, split_lines
from ingest.models import ExtractedText, PaperMeta, Report
from ingest.titles import find_title

log = logging.getLogger(__name__)

_STAMP_LINE = re.compile(r"^\s*Agenda Item\s+(?P<num>\d{1,3}[a-z]?)\s*$", re.IGNORECASE | re.MULTILINE)
_FROM = re.compile(r"^\s*From:\s")
_TO = re.compile(r"^\s*To:\s")
_SUBJECT = re.compile(r"^\s*Subject:\s", re.IGNORECASE)
_CUES = [
    re.compile(r"^\s*REPORT TO:\s"),
    re.compile(r"^.{0,40}\bRECORD OF DECISION\b"),
    re.compile(r"^\s*MINUTES of (?:a|the) meeting of\b", re.IGNORECASE),
]
_DEAR = re.compile(r"^\s*Dear\s+\S")
_DATE_LINE = re.compile(r"^\s*(?:Date:\s*)?\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]+\s+\d{4}\s*$")
# A sign-off is a line of its own: "Yours faithfully and in the spirit of ... I ask you to" opens a sentence.
_SIGN_OFF = re.compile(r"^\s*Yours (?:sincerely|faithfully|truly)\s*[,.]?\s*$", re.IGNORECASE)
_NUMBERED_LINE = re.compile(r"^\s*\d{1,2}\.\d{1,2}\s+\S", re.MULTILINE)
MIN_REPORT_CHARS = 200


@dataclass(frozen=True)
class _Cut:
    at: int
    item: str | None = None
    kind: str = "cue"  # "cue" | "stamp" | "title"


def split_reports(extracted: ExtractedText, file_name: str) -> list[Report]:
    """The reports of a paper, each with its own title, agenda item and blocks."""
    text = extracted.text
    lines = split_lines(text, 0, len(text))
    listing = agenda_listing(lines, text)
    cues = _cue_cuts(lines)
    found = [_Cut(at, item, "title") for at, item in item_starts(lines, listing)]
    titles = _absorb_title_cuts(text, found, cues)
    cuts = _stamp_cuts(extracted) + cues + titles
    segments = fill_items(_segments(text, cuts), listing)
    authors = {e.number: e.author for e in listing}
    reports = []
    for start, end, item in segments:
        item = item or _text_stamp(text, start, end)
        title = find_title(text, start, end)
        if is_frontsheet(text, start, end) or title.lower().replace(" ", "") == "agenda":
            title = frontsheet_title(text[start : min(end, start + 4000)])
        blocks = parse_blocks(text, start, end, title=title, pages=extracted.pages)
        meta = PaperMeta(title=title, agenda_item=item or "", author=authors.get(item or "", ""))
        reports.append(Report(title, start, end, meta, blocks))
    log.debug("%s: %d report(s): %s", file_name, len(reports), [r.title for r in reports])
    return reports


def _stamp_cuts(extracted: ExtractedText) -> list[_Cut]:
    cuts, last = [], None
    for at, item in sorted(extracted.agenda_items.items()):
        number = _item_number(item)
        if number != last:
            cuts.append(_Cut(at, number, "stamp"))
            last = number
    return cuts


def _item_number(stamp: str) -> str:
    m = re.search(r"\d{1,3}[a-z]?(?:\.\d+)?", stamp)
    return m.group(0) if m else stamp.strip()


def _cue_cuts(lines: list[Line]) -> list[_Cut]:
    """Report headers and letters."""
    cuts = []
    for i, line in enumerate(lines):
        if _FROM.match(line.text) and _header_block(lines, i):
            cuts.append(_Cut(line.start))
        elif any(p.match(line.text) for p in _CUES):
            cuts.append(_Cut(_title_block_start(lines, i)))
        elif _DEAR.match(line.text) and (start := _letter_start(lines, i)) is not None:
            cuts.append(_Cut(start))
        elif _SIGN_OFF.match(line.text):
            end = _signature_end(lines, i)
            if end is not None:
                cuts.append(_Cut(end))
    return cuts


def _header_block(lines: list[Line], i: int) -> bool:
    window = lines[i : i + 40]
    return any(_TO.match(ln.text) for ln in window) and any(_SUBJECT.match(ln.text) for ln in window)


def _title_block_start(lines: list[Line], i: int) -> int:
    """Back up over the short heading lines just above a cue ("KENT COUNTY COUNCIL", "CABINET")."""
    j, k = i, i - 1
    while k >= 0 and i - k <= 8:
        s = lines[k].text.strip()
        if s and (len(s) > 60 or s.upper() != s):
            break
        if s:
            j = k
        k -= 1
    return lines[j].start


def _letter_start(lines: list[Line], i: int) -> int | None:
    """A letter starts at its date line (or the letterhead above it) if one is near, or at "Dear" when it opens
    the text; a "Dear ..." with neither is a letter quoted in the text (a public question), not a new paper."""
    for k in range(i - 1, max(-1, i - 25), -1):
        if _DATE_LINE.match(lines[k].text):
            return _title_block_start_letterhead(lines, k)
        if len(lines[k].text.strip()) > 100:
            break
    return lines[i].start if not any(not ln.blank for ln in lines[:i]) else None


def _title_block_start_letterhead(lines: list[Line], k: int) -> int:
    """Include a letterhead of short lines directly above the date (sender's address, "Direct Dial:")."""
    j = k
    while j - 1 >= 0 and k - j < 12:
        s = lines[j - 1].text.strip()
        if s and len(s) > 70:
            break
        j -= 1
    while j < k and lines[j].blank:
        j += 1
    return lines[j].start if j < k and _is_letterhead(lines[j:k]) else lines[k].start


def _is_letterhead(lines: list[Line]) -> bool:
    body = " ".join(ln.text for ln in lines)
    return bool(re.search(r"Direct Dial|Ask for|Tel|www\.|@|Textphone", body, re.IGNORECASE))


def _signature_end(lines: list[Line], i: int) -> int | None:
    """The end of a signature: "Yours sincerely", then a block of one to four short lines (name, role)."""
    j = i + 1
    while j < len(lines) and lines[j].blank:
        j += 1
    k = j
    while k < len(lines) and not lines[k].blank and k - j < 5:
        if len(lines[k].text.strip()) > 80:
            return None
        k += 1
    if k == j or k - j > 4 or k >= len(lines):
        return None
    return lines[k].start


def _absorb_title_cuts(text: str, titles: list[_Cut], cues: list[_Cut]) -> list[_Cut]:
    """A title found inside a report header ("Subject: ...") belongs to the header's cut: give the
    header its agenda item instead of cutting again."""
    kept = []
    for t in titles:
        near = [c for c in cues if 0 <= t.at - c.at < 1500 and not _NUMBERED_LINE.search(text, c.at, t.at)]
        header = max(near, key=lambda c: c.at) if near else None
        if header is None or header.item:
            kept.append(t)
        else:
            cues[cues.index(header)] = _Cut(header.at, t.item, header.kind)
    return kept


def _segments(text: str, cuts: list[_Cut]) -> list[tuple[int, int, str | None]]:
    """[start, end, agenda item] ranges between cuts; tiny ranges join the report after them."""
    points: dict[int, str | None] = {0: None}
    for cut in sorted(cuts, key=lambda c: (c.at, c.kind != "stamp")):
        at = cut.at
        while at < len(text) and text[at].isspace():  # a report starts at its first printed line
            at += 1
        if 0 < at < len(text):
            points[at] = points.get(at) or cut.item
    starts = sorted(points)
    segments: list[tuple[int, int, str | None]] = []
    for k, start in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else len(text)
        segments.append((start, end, points[start]))
    merged: list[tuple[int, int, str | None]] = []
    for start, end, item in segments:
        if merged and len(re.sub(r"\s", "", text[merged[-1][0] : merged[-1][1]])) < MIN_REPORT_CHARS:
            prev = merged.pop()
            start, item = prev[0], item or prev[2]
        merged.append((start, end, item))
    if len(merged) > 1 and len(re.sub(r"\s", "", text[merged[-1][0] : merged[-1][1]])) < MIN_REPORT_CHARS:
        last = merged.pop()
        merged[-1] = (merged[-1][0], last[1], merged[-1][2])
    return merged


def _text_stamp(text: str, start: int, end: int) -> str | None:
    """The agenda item most often stamped inside a text-format report ("Agenda Item 9" lines)."""
    found = [m.group("num") for m in _STAMP_LINE.finditer(text, start, end)]
    return max(set(found), key=found.count) if found else None


