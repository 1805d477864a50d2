"""Tables in extracted text: rows of tab-separated (or Markdown pipe) cells, their action ids, and blocks.

A table is two or more rows; a lone tab-separated line, a bullet or enumerator followed by a tab
("o<TAB>Hampshire", "A.<TAB>Agree") and a "Label:<TAB>value" field are not tables. Rows that carry an
action id ("1.1 Head of Service...", "C3", "PA1.1") start a block of their own, so each action can be
cited; the header row (and caption) travels with every block.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ingest.cleaning import clean_inline, clean_span, is_separator_line
from ingest.lines import split_lines
from ingest.models import Block
from ingest.numbering import match_cell_id, match_number

_NOT_A_COLUMN = re.compile(r"^(?:[o\-•*◦▪■●➢✓]|\(?[A-Za-z]{1,4}[.)]|\(?\d{1,2}[.)]|[A-Z][\w ,/()'’&-]{0,40}:)$")


@dataclass(frozen=True)
class Row:
    """One table row: cleaned cells joined by tabs, and the row's offsets."""

    text: str
    start: int
    end: int
    cells: tuple[str, ...]


def raw_cells(line: str) -> list[str] | None:
    """The cells of a tab-separated or Markdown pipe table row, or None for a non-table line."""
    if "\t" in line:
        cells = line.split("\t")
    else:
        s = line.strip()
        if not (s.startswith("|") and s.endswith("|") and s.count("|") >= 3):
            return None
        cells = s[1:-1].split("|")
    return cells


def is_table_line(line: str, *, in_table: bool) -> bool:
    """A row of a table: two or more non-empty cells, or a continuation row inside a table.

    A numbered paragraph whose number sits in its own column ("3.1<TAB>text") is not a table row.
    """
    if is_separator_line(line):
        return in_table
    cells = raw_cells(line)
    if cells is None:
        return False
    filled = [c for c in cells if clean_inline(c)]
    if not filled:
        return False
    if len(cells) == 2 and _NOT_A_COLUMN.match(cells[0].strip()):  # "o<TAB>Hampshire", "A.<TAB>Agree", "To:<TAB>"
        return False
    if len(filled) == 2 and len(cells) == 2:
        m = match_number(cells[0].strip() + " x")
        if m and m.style in ("dotted", "simple") and not m.rest.strip("x ").strip():
            return False
    return len(filled) >= 2 or in_table


def table_rows(text: str, start: int, end: int) -> list[Row]:
    """The rows of the table spanning `text[start:end]` (rules and blank lines skipped)."""
    rows = []
    for line in split_lines(text, start, end):
        if line.blank or is_separator_line(line.text):
            continue
        clean = clean_span(text, line.start, line.end, table=True).text
        if not clean.strip():
            continue
        rows.append(Row(clean, line.start, line.end, tuple(c.strip() for c in clean.split("\t"))))
    return rows


def first_cell_only(cells: Sequence[str]) -> bool:
    """A row of three or more cells with only its first cell filled: a group's label or a row without values."""
    return len(cells) >= 3 and bool(cells[0].strip()) and not any(c.strip() for c in cells[1:])


def is_group_row(cells: Sequence[str]) -> bool:
    """A row with only its first cell filled, printed as a heading ("KENTWOOD\t\t\t...", "Adult Social Care &
    Health"): a label over the rows below it, as councils print a ward over its polling districts or a directorate
    over its budget lines. A label in running case ("Number of newborn deaths per annum\t\t") is a row whose
    values are not given, or a wrapped cell's last line, and labels nothing."""
    if not first_cell_only(cells):
        return False
    words = re.findall(r"[A-Za-z][\w'’-]*", cells[0])
    return 0 < len(words) <= 8 and all(w[0].isupper() for w in words if len(w) > 3)


def row_id(cells: tuple[str, ...]) -> str | None:
    """The action id of a row: a first or second cell that starts with "1.1", "C3", "PA1.1"...

    A number alone in a cell ("30.5") is data unless it is the row's first cell, looks like a
    paragraph number and the rest of the row has words.
    """
    filled = [c for c in cells if c]
    for n, cell in enumerate(filled[:2]):
        found = match_cell_id(cell)
        if not found:
            continue
        alone = cell.strip().rstrip(".") == found
        if not alone or found[0].isalpha():
            return found
        parts = [int(p) for p in found.split(".")]
        words = any(re.search(r"[A-Za-z]{3}", c) for c in filled[n + 1 :])
        if n == 0 and words and parts[0] <= 20 and all(p <= 30 for p in parts[1:]):
            return found
    return None


def table_blocks(text: str, start: int, end: int, path: list[str], para_id: str | None,
                  caption: str) -> list[Block]:
    """One block per group of rows: a group starts at each row carrying an action id."""
    rows = table_rows(text, start, end)
    if not rows:
        return []
    header = rows[0]
    body = rows[1:]
    if row_id(header.cells) or not body:
        header_text, body = "", rows
    else:
        header_text = header.text
        body = [r for r in body if r.text != header.text]
    full_header = "\n".join(x for x in (caption, header_text) if x)
    groups: list[list] = []
    ids: list[str | None] = []
    for row in body:
        rid = row_id(row.cells)
        if rid or not groups:
            groups.append([row])
            ids.append(rid or para_id)
        else:
            groups[-1].append(row)
    if not body:
        return [Block("table", header.text, header.start, header.end, path, para_id, full_header)]
    return [
        Block("table", "\n".join(r.text for r in g), g[0].start, g[-1].end, list(path), rid, full_header)
        for g, rid in zip(groups, ids, strict=True)
    ]


# -- reading a table's rows under its headings (used by dense search units and by answers) --------
class ColumnHeadings:
    """A table read row by row: its heading, printed on one line, over two ("Revenue" over "Budget") or
    with a row of periods under it ("By" over "2025-26"), gives the column headings each data row below
    is read with. A table that starts with data (a chunk split mid-table) has no headings."""

    def __init__(self) -> None:
        self.cells: list[str] = []
        self._rows = 0
        self._data_seen = False

    def read(self, cells: list[str]) -> bool:
        """Take the table's next row; True when it is (part of) the heading, False when it is data."""
        self._rows += 1
        if self._rows == 1 and looks_like_heading_row(cells):
            self.cells = cells
            return True
        if not self._data_seen and continues_heading(self.cells, cells):
            self.cells = stack_headings(self.cells, cells)
            return True
        self._data_seen = True
        return False


def stack_headings(upper: list[str], lower: list[str]) -> list[str]:
    """A heading printed over two lines, the lower one often without the label column: joined per column,
    right-aligned ("Directorate | Revenue | %" over "Budget | Variance" -> "Revenue Budget", "% Variance")."""
    lower = [""] * (len(upper) - len(lower)) + lower
    return [" ".join(part for part in (u, d) if part) for u, d in zip(upper, lower, strict=True)]


def continues_heading(header: list[str], cells: list[str]) -> bool:
    """Whether a row under a heading row is the heading's second line: no figures and, blank under the
    label column, narrower ("Revenue" over "Budget"), or a row of periods ("By" over "2025-26"). Another
    row as wide as the heading is data even without figures ("Overall effectiveness | Good")."""
    if not header or looks_like_data_row(cells):
        return False
    periods = [c for c in cells if c.strip()]
    return len(cells) < len(header) or (len(cells) == len(header) and all(map(is_period, periods)) and bool(periods))


_PERIOD = re.compile(r"(?:19|20)\d{2}(?:\s*[-/]\s*\d{2,4})?|Q[1-4](?:\s+\d{4}(?:[-/]\d{2,4})?)?", re.IGNORECASE)


def is_period(cell: str) -> bool:
    """A year, financial year or quarter as a column or row label ("2025-26", "2023/24", "Q3")."""
    return bool(_PERIOD.fullmatch(cell.strip()))


def looks_like_heading_row(cells: list[str]) -> bool:
    """Column labels: no figures, no sentences. A row of an action plan that a split chunk starts with
    ("C3 | Set a clear standard on what a good EHC Plan should be. | ...") is content, not a heading."""
    return not looks_like_data_row(cells) and not any(len(c.split()) > 8 or c.rstrip().endswith(".") for c in cells)


def looks_like_data_row(cells: list[str]) -> bool:
    """A row with figures in its value cells is data; a row of labels or years is a header."""
    values = cells[1:]
    numeric = sum(1 for c in values if _figure(c))
    return numeric >= max(1, len(values) // 2)


def _figure(cell: str) -> bool:
    """A value: starts with a figure, and is neither a period ("2025-26") nor a heading that opens with one
    ("2024-25 Budget*", "2023 Target")."""
    c = cell.strip()
    if not re.match(r"[-+£$(]?\d", c) or is_period(c):
        return False
    first, _, rest = c.partition(" ")
    return not (is_period(first) and re.search(r"[A-Za-z]{3,}", rest))
