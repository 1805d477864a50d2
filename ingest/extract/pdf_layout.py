"""Lines of one PDF page, laid out from pypdf's layout-mode text runs with spacing from real geometry.

Why not just `page.extract_text(extraction_mode="layout")`: that renders onto a fixed-width character
grid sized from the page's *average* glyph width, so in the proportional fonts of Word-made reports the
padding between two text runs grows with the run's length, not with the real gap. Ofsted reports then
come out as "their welfa             re" and no later rule can tell that split word from a table column.
Here the same pypdf layout-mode runs (text, start x, end x, baseline, size; lines grouped by pypdf) are
joined by looking at the gap in points: glued, one space, or a tab between columns. Indentation is
dropped, so numbered paragraphs start their line, and table rows stay one line of tab-separated cells.
Text set in columns of prose is first put in reading order, column by column (`pdf_columns`), so that a
line of the left column is not joined to the line of the right column at the same height. Before that,
table rows whose cells wrap onto several lines are read cell by cell where the page draws the cells'
boxes (`pdf_cells`), so that each row is one line and each cell's text is whole.

If a future pypdf moves these internals, the public layout text is used instead (`_lines_from_grid`).
"""

from __future__ import annotations

import logging
import re
import statistics
from dataclasses import dataclass
from typing import Any

from pypdf import PageObject

from ingest.extract.pdf_cells import Row, Rulings, page_rulings, table_rows
from ingest.extract.pdf_columns import LEAD, reading_order

logger = logging.getLogger(__name__)

try:  # pypdf 7.x internals behind extract_text(extraction_mode="layout")
    from pypdf._text_extraction import _layout_mode
    from pypdf._text_extraction._layout_mode import Font
    from pypdf._text_extraction._layout_mode._fixed_width_page import recurse_to_target_op, set_font_operation
    from pypdf._text_extraction._layout_mode._text_state_manager import TextStateManager
    from pypdf.generic import ContentStream

    _HAVE_LAYOUT_INTERNALS = hasattr(PageObject, "_layout_mode_fonts") and hasattr(_layout_mode, "y_coordinate_groups")
except ImportError:  # pragma: no cover - depends on the installed pypdf
    _HAVE_LAYOUT_INTERNALS = False

SPACE_EM = 0.27  # width of a space in font sizes (Arial 0.278, Times 0.25)
MIN_TAB_SPACES = 4  # a gap of this many space widths or more separates columns
GLUE_GAP_EM = 0.15  # narrower than this (plus drift) is the same word split across runs ("welfa"+"re")
GLUE_DRIFT = 0.015  # pypdf's run widths drift ~1.5% from the true glyph advance on some fonts
BLANK_LINE_PITCH = 1.3  # a line gap this many times the usual line pitch marks a paragraph break,
BLANK_LINE_EM = 1.45  # if it is also this many font sizes (headings in large type are spaced wider)
TEXT_SPACE_TAB = re.compile(r" {3,}")  # in pypdf's fixed-width fallback text, a column gap
WORD_OR_SPACE = re.compile(r"( +)|([^ ]+)")
LOWER_WORD = re.compile(r"[a-z]{2}")
ALIGN_EM = 0.5  # cells whose left edges are this close (in font sizes) are in the same column
HANGING_LEAD = re.compile(r"\(?[0-9A-Za-z]{1,3}(?:\.\d{1,3}){0,3}[.)]?|[^\w\s(]{1,2}")
UNFINISHED = re.compile(r"(?:[-,&/(]|\b(?:and|of|the|for|to|in|on|with|a|an|or|by|at))$", re.IGNORECASE)
SUPERSCRIPT_TEXT = re.compile(r"[\d,*†‡]{1,4}")
WORD_HYPHEN_END = re.compile(r"\w-$")


@dataclass(frozen=True)
class _Run:
    """One piece of text drawn on a line: where it starts and ends (points), its baseline and size.

    A whole table cell read from its box (`pdf_cells`) is one run with `cell` set: `y` is the baseline of
    its first line, `y_end` of its last, and its text is already rendered."""

    x0: float
    x1: float
    y: float
    size: float
    text: str
    y_end: float | None = None
    cell: bool = False


@dataclass(frozen=True)
class _Cell:
    """Text between column gaps on one line, with the x where it starts."""

    x0: float
    text: str


def page_lines(page: PageObject) -> list[str]:
    """The page's text as lines (blank lines mark paragraph breaks), columns separated by tabs."""
    if not _HAVE_LAYOUT_INTERNALS:
        return _lines_from_grid(page.extract_text(extraction_mode="layout"))
    contents = page.get_contents()
    if contents is None:
        return _form_lines(page)
    operations = ContentStream(contents, page.pdf, "bytes").operations
    lines, flip, x_shift = _grouped_runs(operations, page._layout_mode_fonts())
    try:
        rulings: Rulings | None = page_rulings(operations, flip, x_shift)
    except Exception:  # the drawing only helps to group table cells: without it the text is still read
        logger.debug("page drawing unreadable: table rows are not read cell by cell", exc_info=True)
        rulings = None
    return _form_lines(page) + runs_text(lines, rulings)


def runs_text(lines: list[list[_Run]], rulings: Rulings | None = None) -> list[str]:
    """Lines of runs (as pypdf groups them, top to bottom) as text lines: table rows drawn as boxes are
    read cell by cell, bands set in columns of prose column by column, then every line is rendered."""
    usual = None
    if rulings:
        folded = fold_table_rows(lines, rulings)
        if len(folded) != len(lines):  # the line pitch is the text's, not the rows'
            usual = _usual_pitch([_top(runs) for runs in lines], [_bottom(runs) for runs in lines])
        lines = folded
    ordered, gutters = reading_order(lines)
    if gutters:
        logger.debug("%d gutter(s) between columns of prose: read column by column", gutters)
    return _render_page(ordered, usual)


def fold_table_rows(lines: list[list[_Run]], rulings: Rulings) -> list[list[_Run]]:
    """Each table row whose cells wrap over several lines becomes one line of cell runs, where its first
    line was; the lines' other runs (text beside the table) stay where they were."""
    rows = [row for row in table_rows(lines, rulings) if not _numbered_paragraph(row)]
    if not rows:
        return lines
    logger.debug("%d table row(s) read cell by cell", len(rows))
    taken = {m for row in rows for m in row.members}
    starts: dict[int, list[Row[_Run]]] = {}
    for row in rows:
        starts.setdefault(row.first_line, []).append(row)
    out: list[list[_Run]] = []
    for i, runs in enumerate(lines):
        out += [_row_runs(row) for row in starts.get(i, [])]
        rest = [r for j, r in enumerate(runs) if (i, j) not in taken]
        if any(r.text.strip() for r in rest):
            out.append(rest)
    return out


def _numbered_paragraph(row: Row[_Run]) -> bool:
    """A paragraph number (or bullet) in one cell and the paragraph in the next: Word's way of laying out
    numbered paragraphs, not a table. Its lines stay lines, as elsewhere."""
    if len(row.cells) != 2:
        return False
    lead = " ".join(r.text.strip() for _, runs in row.cells[0] for r in runs)
    return LEAD.fullmatch(lead) is not None


def _row_runs(row: Row[_Run]) -> list[_Run]:
    """One run per cell, its lines rendered and joined."""
    out = []
    for cell in row.cells:
        runs = [r for _, line in cell for r in line]
        text = ""
        for _, line in cell:
            piece = " ".join(c.text for c in line_cells(line))
            text = _join_wrapped(text, piece) if text else piece
        out.append(
            _Run(
                min(r.x0 for r in runs),
                max(r.x1 for r in runs),
                max(r.y for r in runs),
                max(r.size for r in runs),
                text,
                y_end=min(r.y for r in runs),
                cell=True,
            )
        )
    return out


def _join_wrapped(text: str, more: str) -> str:
    """A cell's next line after its text: a word broken at a hyphen stays hyphenated ("Multi-Storey"); a
    dash after a space is punctuation ("Growth - Residential")."""
    glue = "" if WORD_HYPHEN_END.search(text) and more[:1].isalnum() else " "
    return text + glue + more


def _form_lines(page: PageObject) -> list[str]:
    """Text drawn through form XObjects, which layout mode skips: ModernGov's "Agenda Item N" and
    "Page N" stamps live there. Put first, where page-top clean-ups look for stamps."""
    resources = page.get("/Resources")
    xobjects = resources.get_object().get("/XObject") if resources else None
    if not xobjects:
        return []
    lines: list[str] = []
    for ref in xobjects.get_object().values():
        form = ref.get_object()
        if form.get("/Subtype") != "/Form" or b"BT" not in form.get_data():
            continue
        form_resources = form.get("/Resources")
        font_dict = form_resources.get_object().get("/Font") if form_resources else None
        fonts = {
            name: Font.from_font_resource(font.get_object())
            for name, font in (font_dict.get_object().items() if font_dict else [])
        }
        lines += [line for line in _render_page(_line_runs(form, fonts, page)) if line]
    return lines


def _line_runs(contents: Any, fonts: dict[str, Any], page: PageObject) -> list[list[_Run]]:
    """pypdf's text runs grouped into lines, top to bottom, each sorted left to right."""
    return _grouped_runs(ContentStream(contents, page.pdf, "bytes").operations, fonts)[0]


def _grouped_runs(operations: list[Any], fonts: dict[str, Any]) -> tuple[list[list[_Run]], int, float]:
    """(lines of runs, the page's y flip, how far left the runs were moved): as pypdf's layout mode reads
    them (`text_show_operations`, whose steps are repeated here to learn the shift it applies to x)."""
    bt_groups = _text_show_operations(operations, fonts)
    if not bt_groups:
        return [], 1, 0.0
    x_shift = min(g["tx"] for g in bt_groups)
    flips = [g["flip_sort"] for g in bt_groups]
    flip = -1 if flips.count(-1) > len(flips) / 2 else 1
    shifted = [
        dict(g, tx=g["tx"] - x_shift, displaced_tx=g["displaced_tx"] - x_shift)
        for g in sorted(bt_groups, key=lambda g: (g["ty"] * g["flip_sort"], -g["tx"]), reverse=True)
    ]
    groups = _layout_mode.y_coordinate_groups(shifted, None)  # type: ignore[arg-type]
    lines: list[list[_Run]] = []
    for line in groups.values():
        runs = [_Run(g["tx"], g["displaced_tx"], g["ty"] * g["flip_sort"], _size(g), g["text"]) for g in line]
        if any(r.text.strip() for r in runs):
            lines.append(runs)
    return lines, flip, x_shift


def _text_show_operations(operations: list[Any], fonts: dict[str, Any]) -> list[Any]:
    """pypdf's `text_show_operations` without its last step (moving every run left by the leftmost x), so
    that the shift is known and drawn cell boxes can be put in the same space. Rotated text is left out."""
    ops = iter(operations)
    state = TextStateManager()
    groups: list[Any] = []
    for operands, op in ops:
        if op in (b"BT", b"q"):
            found, _ = recurse_to_target_op(ops, state, b"ET" if op == b"BT" else b"Q", fonts, True)
            groups.extend(found)
        elif op == b"Tf":
            set_font_operation(state, fonts, operands)
        else:
            state.set_state_param(op, operands)
    return groups


def _size(group: Any) -> float:
    """The run's effective font size in points (some producers set Tf 1 and scale with the matrix)."""
    return float(group["font_height"] or group["font_size"] or 1.0)


def _render_page(lines: list[list[_Run]], usual: float | None = None) -> list[str]:
    """Render each line, fold wrapped table cells into their row, and mark paragraph breaks with "" (a
    gap well above the `usual` line pitch, by default the median of this page's)."""
    tops = [_top(runs) for runs in lines]
    bottoms = [_bottom(runs) for runs in lines]
    if usual is None:
        usual = _usual_pitch(tops, bottoms)
    rows: list[list[_Cell]] = []  # an empty row is a paragraph break
    whole = False  # the last row is a table row read from its cell boxes: nothing more joins it
    for i, runs in enumerate(lines):
        is_row = all(r.cell for r in runs)
        cells = [_Cell(r.x0, r.text) for r in runs] if is_row else line_cells(runs)
        if not cells:
            continue
        size = max(r.size for r in runs)
        prev_size = max(r.size for r in lines[i - 1]) if i else size
        gap = bottoms[i - 1] - tops[i] if i else 0.0
        if rows and usual and gap > max(BLANK_LINE_PITCH * usual, BLANK_LINE_EM * max(size, prev_size)):
            rows.append([])
        elif (
            rows
            and not whole
            and not is_row
            and abs(size - prev_size) <= 0.1 * prev_size
            and _continues_row(rows[-1], cells, size)
        ):
            rows[-1] = _merge_row(rows[-1], cells, size)
            continue
        rows.append(cells)
        whole = is_row
    return ["\t".join(c.text for c in row) for row in rows]


def _usual_pitch(tops: list[float], bottoms: list[float]) -> float:
    pitches = [a - b for a, b in zip(bottoms, tops[1:], strict=False) if a - b > 0]
    return statistics.median(pitches) if pitches else 0.0


def _top(runs: list[_Run]) -> float:
    """The line's baseline, or for a table row read from its boxes the baseline of its first line."""
    if any(r.cell for r in runs):
        return max(r.y for r in runs)
    return min(r.y for r in runs)


def _bottom(runs: list[_Run]) -> float:
    """The line's baseline, or for a table row read from its boxes the baseline of its last line."""
    return min(r.y if r.y_end is None else r.y_end for r in runs)


def line_cells(runs: list[_Run]) -> list[_Cell]:
    """A line's text as cells: runs glued when the gap is drift, a space for a word gap, a new cell
    (a tab in the output) for a column gap."""
    main = max(runs, key=lambda r: len(r.text.strip()))
    tokens: list[tuple[int, float, str]] = []  # (gap before, in space widths; x; text)
    pending = 0
    prev: _Run | None = None
    for run in runs:
        if _is_superscript(run, main):
            continue  # footnote markers glue to words ("area1", "6.3%1") and break quotes
        if prev is not None:
            pending += _gap_spaces(prev, run)
        per_char = (run.x1 - run.x0) / max(len(run.text), 1)
        for match in WORD_OR_SPACE.finditer(run.text.replace("\t", "   ")):
            if match.group(1):
                pending += len(match.group(1))
            else:
                tokens.append((pending, run.x0 + per_char * match.start(), match.group(2)))
                pending = 0
        prev = run
    return _cells(tokens)


def _gap_spaces(prev: _Run, run: _Run) -> int:
    """The gap between two runs in space widths; 0 when it is only width drift inside a word."""
    gap = run.x0 - prev.x1
    if gap <= GLUE_GAP_EM * run.size + GLUE_DRIFT * (prev.x1 - prev.x0):
        return 0
    return max(1, round(gap / (SPACE_EM * max(prev.size, run.size))))


def _cells(tokens: list[tuple[int, float, str]]) -> list[_Cell]:
    """Tokens joined by "" or " " into cells; in justified prose a new cell needs a gap well above the
    line's usual one."""
    if not tokens:
        return []
    tab_at = _tab_threshold([(gap, word) for gap, _, word in tokens])
    cells = [_Cell(tokens[0][1], tokens[0][2])]
    for gap, x, word in tokens[1:]:
        if gap >= tab_at:
            cells.append(_Cell(x, word))
        else:
            cells[-1] = _Cell(cells[-1].x0, cells[-1].text + ("" if gap == 0 else " ") + word)
    return cells


def _continues_row(row: list[_Cell], line: list[_Cell], size: float) -> bool:
    """A line that only carries on some cells of the table row above it (wrapped cell text).

    Its cells must start where the row's cells start (text cells are left-aligned) and be fewer. A row
    with cells missing looks the same, so: a line of several cells continues only if it leaves the first
    column empty, and a single cell only if it reads as the rest of a phrase (starts lower-case, or the
    cell above ends in "and", "of", "-"...). A row led by a paragraph number or bullet with one more cell
    is a hanging indent, not a table: its next lines stay lines.
    """
    min_cells = 3 if HANGING_LEAD.fullmatch(row[0].text) else 2
    if len(row) < min_cells or len(line) >= len(row):
        return False
    tolerance = ALIGN_EM * size
    columns = [_column(row, cell, tolerance) for cell in line]
    if any(k is None for k in columns):
        return False
    if len(line) > 1:
        return 0 not in columns
    above = row[columns[0] or 0].text
    return line[0].text[:1].islower() or UNFINISHED.search(above) is not None


def _column(row: list[_Cell], cell: _Cell, tolerance: float) -> int | None:
    """Index of the row's cell starting where `cell` starts, if any."""
    k = min(range(len(row)), key=lambda j: abs(row[j].x0 - cell.x0))
    return k if abs(row[k].x0 - cell.x0) <= tolerance else None


def _merge_row(row: list[_Cell], line: list[_Cell], size: float) -> list[_Cell]:
    merged = list(row)
    for cell in line:
        k = min(range(len(row)), key=lambda j: abs(row[j].x0 - cell.x0))
        glue = "" if merged[k].text.endswith("-") and cell.text[:1].isalnum() else " "
        merged[k] = _Cell(merged[k].x0, merged[k].text + glue + cell.text)
    return merged


def _tab_threshold(tokens: list[tuple[int, str]]) -> int:
    """Gap (in spaces) that separates columns on this line.

    Justified prose stretches every word gap about equally ("(or    on    the    rising"): on a line of
    mostly words whose gaps are uniform, a column gap must be more than twice the usual gap. Elsewhere
    (table rows, numbers, a label and its value) the gap must be MIN_TAB_SPACES wide.
    """
    gaps = [g for g, _ in tokens[1:] if g > 0]
    wordy = sum(1 for _, w in tokens if LOWER_WORD.search(w))
    if len(tokens) < 6 or wordy < 0.6 * len(tokens) or not gaps:
        return MIN_TAB_SPACES
    usual = int(statistics.median(gaps))
    uniform = sum(abs(g - usual) <= 1 for g in gaps) >= 0.7 * len(gaps)
    return max(MIN_TAB_SPACES, 2 * usual + 1) if uniform else MIN_TAB_SPACES


def _is_superscript(run: _Run, main: _Run) -> bool:
    """A footnote marker: small digits raised above the line's main baseline."""
    return (
        run is not main
        and run.size < 0.8 * main.size
        and run.y > main.y + 0.15 * main.size
        and SUPERSCRIPT_TEXT.fullmatch(run.text.strip()) is not None
    )


def _lines_from_grid(text: str) -> list[str]:
    """Fallback for the public fixed-width layout text: strip indentation, 3+ spaces become a tab."""
    lines = []
    for raw in text.splitlines():
        line = TEXT_SPACE_TAB.sub("\t", raw.strip())
        lines.append(re.sub(r" {2,}", " ", line))
    return lines
