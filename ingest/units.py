"""Split a passage into its units: sentences, list items, table rows.

Dense search embeds each unit at ingest (a small model matches a question best against one sentence) and
the answerer scores and quotes the same units, so a passage is split once, one way.

Committee papers mix prose ("3.1.1 We have appointed ..."), bullet lists, and tab-separated tables whose
rows mean nothing without their header. Each unit keeps its exact character range in the passage, so the
viewer can highlight the sentence that was quoted, and a cleaned display text for the answer itself
(paragraph numbers, bullets and Markdown emphasis removed; a table row is read out with its header).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ingest.models import Chunk
from ingest.tables import ColumnHeadings, first_cell_only, is_group_row, is_period


@dataclass(frozen=True)
class Unit:
    """One sentence, list item or table row of a passage."""

    text: str  # display text: cleaned, a table row read out with its column headings
    quote: str  # the exact text of the passage it comes from (what the viewer highlights)
    start: int  # character range of `quote` in the passage
    end: int
    kind: str  # "sentence" | "row"
    position: int  # order within the passage


_ABBREVIATIONS = {
    "e.g", "i.e", "cllr", "mr", "mrs", "ms", "dr", "st", "no", "nos", "para", "paras", "approx", "etc", "vs",
    "co", "ltd", "inc", "fig", "p", "pp", "cf", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "prof", "rev", "cllrs", "ref", "vol", "est", "ch",
}
_BOUNDARY = re.compile(r"[.!?][\"'”’)\]]*\s+(?=[\"'“‘(£]?[A-Z0-9£])")
_BULLET = re.compile(r"^\s*(?:[-*•·▪■○●\uf06e\uf0a7\uf0b7]|\(?[a-z]{1,3}\)|[a-z]\.)\s+")
_PARA_NUMBER = re.compile(r"^\s*(?:\(?\d{1,3}(?:\.\d{1,3})+\)?\.?|\d{1,3}\.|\(\d{1,3}\)|\d{1,3}\(\d{1,3}\))\s+(?=\S)")
_LEAD = re.compile(r"\s*(?:(?:[-*•·▪■○●\uf06e\uf0a7\uf0b7]|\(?[a-z]{1,3}\)|[a-z]\.)\s+)?"
                   r"(?:(?:\(?\d{1,3}(?:\.\d{1,3})+\)?\.?|\d{1,3}\.|\(\d{1,3}\)|\d{1,3}\(\d{1,3}\))\s+)?")
_MARKUP = re.compile(r"\*\*|__|</?p>|</?br\s*/?>|</?b>|</?i>|</?strong>|</?em>")
_HEADING = re.compile(r"^\s*#{1,6}\s")
_SPACE = re.compile(r"\s+")
_CELL_SPLIT = re.compile(r"\t+")
_LEADING_DASH = re.compile(r"^[\s\-–]+(?![\d£$.])")
_MIN_WORDS = 3
_LONG_ROW_WORDS = 60
PROSE_CELL_WORDS = 12  # a table cell this long is running text, read as sentences (also by the register)


def clean(text: str, paragraph_ids: list[str] | None = None) -> str:
    """Display form of a piece of passage text: no list markers, paragraph numbers or Markdown."""
    text = _MARKUP.sub(" ", text)
    text = _SPACE.sub(" ", text).strip()
    for _ in range(2):  # "- 3.4 The sub-group ..." carries both a bullet and a number
        for pid in paragraph_ids or []:
            if pid and text.startswith(pid + " "):
                text = text[len(pid) + 1 :]
        text = _PARA_NUMBER.sub("", _BULLET.sub("", text), count=1)
    text = _LEADING_DASH.sub("", text).rstrip(" -–")  # a dash before a figure is its sign: "-9.9" stays
    if text and text[-1] in ";,":  # a clause of a resolution: "(b) a consultation be held ...;"
        text = text[:-1].rstrip() + "."
    elif text.endswith(("; and", "; or")):
        text = text.rsplit(";", 1)[0].rstrip() + "."
    return text[:1].upper() + text[1:] if text[:1].islower() else text


def split_units(chunk: Chunk) -> list[Unit]:
    """The passage's sentences, list items and table rows, in reading order."""
    units: list[Unit] = []
    headings: ColumnHeadings | None = None
    group = ""  # the label of a group row over the rows below it ("KENTWOOD" over its polling districts)
    for start, end, block, is_row in _blocks(chunk.text):
        if is_row:
            # One tab per cell: an empty cell ("19%\t\t19%", no figure yet) keeps the columns aligned.
            cells = [clean(c) for c in block.strip(" \n").split("\t")]
            if headings and is_group_row(cells):
                group = cells[0]
                continue
            headings = headings or ColumnHeadings()
            if headings.read(cells):
                continue  # a heading row: read out with each row below it
            header = headings.cells
            text = read_row(cells, header)
            if _word_count(text) > _LONG_ROW_WORDS:  # an action plan's row: each cell says something of its own
                row_units = _cell_units(block, start, header, len(units))
            elif _word_count(text) >= _MIN_WORDS:
                row_units = [Unit(text, block.strip(), start, end, "row", len(units))]
            else:
                row_units = []
            units.extend(replace(u, text=f"{group} – {u.text}") if group else u for u in row_units)
            continue
        headings, group = None, ""
        for s_start, s_end in sentence_spans(block):
            raw = block[s_start:s_end]
            text = clean(raw, chunk.paragraph_ids)
            if _word_count(text) >= _MIN_WORDS and any(ch.isalpha() for ch in text):
                lead = _LEAD.match(raw)  # the quote starts at the words, after any bullet or paragraph number
                skip = lead.end() if lead and lead.end() < len(raw.rstrip()) else 0
                offset = start + s_start + skip
                quote = raw[skip:].rstrip()
                units.append(Unit(text, quote, offset, offset + len(quote), "sentence", len(units)))
    return units


def _blocks(text: str) -> list[tuple[int, int, str, bool]]:
    """Split into (start, end, text, is_table_row): table rows, list items, and paragraphs of joined lines."""
    blocks: list[tuple[int, int, str, bool]] = []
    current: list[tuple[int, str]] = []

    def flush() -> None:
        if current:
            first, last = current[0][0], current[-1][0] + len(current[-1][1])
            blocks.append((first, last, text[first:last], False))
            current.clear()

    offset = 0
    for line in text.split("\n"):
        start = offset
        offset += len(line) + 1
        stripped = line.strip()
        if not stripped or _HEADING.match(line) or set(stripped) <= set("-=_*|: "):
            flush()
            continue
        # a group's label, or a row with no values yet
        if blocks and blocks[-1][3] and first_cell_only(line.split("\t")):
            flush()
            blocks.append((start, start + len(line), line, True))
            continue
        if "\t" in stripped and len([c for c in _CELL_SPLIT.split(stripped) if c.strip()]) >= 2:
            flush()
            if _is_prose_row(stripped):  # two columns of running text side by side, not a table
                for cell in re.finditer(r"[^\t]+", line):
                    if cell.group(0).strip():
                        blocks.append((start + cell.start(), start + cell.end(), cell.group(0), False))
            else:
                blocks.append((start, start + len(line), line, True))
            continue
        if current and (_BULLET.match(line) or _PARA_NUMBER.match(line)):
            flush()
        current.append((start, line))
    flush()
    return _join_broken(text, blocks)


def _is_prose_row(line: str) -> bool:
    """Two columns of running text that PDF extraction put side by side (not a table row)."""
    cells = [c.strip() for c in _CELL_SPLIT.split(line) if c.strip()]
    return len(cells) == 2 and all(len(c.split()) >= 6 for c in cells) and any(len(c.split()) >= 12 for c in cells)


def _join_broken(text: str, blocks: list[tuple[int, int, str, bool]]) -> list[tuple[int, int, str, bool]]:
    """Rejoin a sentence that a stray blank line cut in two ("The recruitment brand\n\nfor social work")."""
    joined: list[tuple[int, int, str, bool]] = []
    for block in blocks:
        if joined and not block[3] and not joined[-1][3]:
            prev = joined[-1]
            if not re.search(r"[.!?:;)\]]\W*$", prev[2].rstrip()) and re.match(r"\s*[a-z]", block[2]):
                joined[-1] = (prev[0], block[1], text[prev[0] : block[1]], False)
                continue
        joined.append(block)
    return joined


def sentence_spans(block: str) -> list[tuple[int, int]]:
    """Sentences of a block of text: not after an abbreviation ("Ch. No. 101151"), an initial or a paragraph number."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(block):
        before = block[start : match.start()].rsplit(None, 1)
        last_word = before[-1].lower().lstrip("(\"'") if before else ""
        if last_word.rstrip(".") in _ABBREVIATIONS or (len(last_word) == 1 and last_word.isalpha()):
            continue
        if re.fullmatch(r"\d{1,3}(\.\d{1,3})*", last_word) and start == match.start() - len(last_word):
            continue  # "13." at the start of a paragraph is its number, not a sentence
        end = match.start() + 1
        spans.append((start, end))
        start = match.end()
    if block[start:].strip():
        spans.append((start, len(block)))
    return spans


def read_row(cells: list[str], header: list[str]) -> str:
    """'Completed on time\t10\t7' under 'Measure\tJan\tFeb' -> 'Completed on time: Jan 10; Feb 7.'"""
    cells = [c.rstrip(" .;") for c in cells]  # the row ends with one full stop, not one per cell
    if len(header) == len(cells) and re.match(r"[-+£$(]?\d", cells[0]) and not is_period(cells[0]):
        # No label column: the first cell is a value like the others ("0 places | 440 places" under
        # "By 2025-26 | By 2026-27"), each under its own heading.
        return "; ".join(f"{h}: {v}" if h else v for h, v in zip(header, cells, strict=True) if v and v != "-") + "."
    label, values = cells[0], cells[1:]
    heads = header[1:] if len(header) == len(cells) else []
    if not heads:
        return "; ".join(c for c in cells if c) + "."
    pairs = [f"{h}: {v}" if h else v for h, v in zip(heads, values, strict=True) if v and v != "-"]
    if not pairs:  # a measure whose values are not given
        return f"{label}."
    return f"{label} ({'; '.join(pairs)})." if label else "; ".join(pairs) + "."


def _cell_units(block: str, start: int, header: list[str], position: int) -> list[Unit]:
    """A long row read in parts, so that one strategic action is not diluted by the other columns of its row:
    each cell of running text under its column heading ("By when: In place from April 2023."), and the short
    cells (the row's label and its figures, lead, date) together as a row ("Home to School & College Transport
    (Revenue Budget: 96.3; Revenue Forecast: 87.7; Revenue Variance: -8.6)")."""
    body = block.strip(" \n")
    at = start + block.index(body) if body else start
    raw_cells = body.split("\t")
    heads = header if len(header) == len(raw_cells) else []
    spans: list[tuple[int, int]] = []  # each raw cell's text range in the passage
    for raw in raw_cells:
        quote = raw.strip()
        offset = at + raw.index(quote) if quote else at
        spans.append((offset, offset + len(quote)))
        at += len(raw) + 1
    cells = [clean(raw).rstrip(" .;") for raw in raw_cells]
    short = [i for i, cell in enumerate(cells) if cell and _word_count(cell) < PROSE_CELL_WORDS]
    units: list[Unit] = []
    if len(short) >= 2:
        if short[0] == 0:  # the row's label and its figures
            text = read_row([cells[i] for i in short], [heads[i] for i in short] if heads else [])
        else:  # no label among them (the label column is running text): each under its heading
            text = "; ".join(f"{heads[i]}: {cells[i]}" if heads and heads[i] else cells[i] for i in short) + "."
        first, last = spans[short[0]][0], spans[short[-1]][1]
        units.append(Unit(text, block[first - start : last - start], first, last, "row", position))
    for i, cell in enumerate(cells):
        if i in short and len(short) >= 2:
            continue
        text = f"{heads[i]}: {cell}." if heads and heads[i] else f"{cell}."
        if cell and _word_count(text) >= _MIN_WORDS and any(ch.isalpha() for ch in cell):
            first, last = spans[i]
            units.append(Unit(text, block[first - start : last - start], first, last, "row",
                              position + len(units)))
    return sorted(units, key=lambda u: u.start)


def _word_count(text: str) -> int:
    return len(text.split())
