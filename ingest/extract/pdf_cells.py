"""Table rows read cell by cell, from the cell boxes a PDF draws: wrapped cells no longer interleave.

pypdf groups a page's text runs into lines by baseline, so a table row whose cells wrap onto several
lines comes out as several lines, each holding one line of every cell: a cell's text is cut into
pieces and interleaved with its neighbours' ("Exemption Policy for moving traffic / enforcement
locations / To seek approval of ..." under "14 May 2026"). Text alone cannot tell a wrapped row from
several short rows; the page's drawing can. Word-made reports clip every table cell to its box (a
rectangle path and `W n`, even in borderless tables), other producers rule the grid with stroked lines or
thin filled rectangles. Those boxes and rules are read here as horizontal and vertical edges (a wider
filled rectangle is shading, often behind a single line of text, and is not used), and each text run's
cell is found from the nearest edges left and right of it, then the nearest edges above and below that
run from the one to the other (an underline or a strike-through is no side of a box).

A row is two or more cells side by side that share their top and bottom edges and hold text. When the
text of a row runs over more than one line, the row is given back as one line with each cell's text
joined top to bottom (`pdf_layout` renders it as one tab-separated line). Anything the boxes do not
explain is left alone: a run inside the row's area but in no cell of it, a row whose first cell is only
a paragraph number or bullet (a numbered paragraph laid out in a table keeps its lines), a single box
(a framed paragraph or a page border is not a table).

The content stream is walked with the same coordinate conventions as pypdf's layout mode (whose text
runs these edges are matched against): a `cm` outside any `q`/`Q` is not applied, as pypdf's layout
mode does not apply it to text either, and y is multiplied by the page's flip (-1 on pages drawn with
an inverted y axis) so that edges and baselines share one space.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Generic

from ingest.extract.pdf_columns import R, RunLike

MIN_EDGE = 2.0  # an edge shorter than this (points) is a dot or a corner piece
THIN = 2.0  # a filled rectangle thinner than this is a rule
COVER_TOL = 1.5  # a ray hits an edge that reaches this close to it
SPAN_TOL = 3.0  # a side of a box reaches this close to the box's corners
MIN_CELL = 4.0  # a box narrower or lower than this holds no text
SAME_EDGE = 1.5  # cells whose tops (and bottoms) are this close share a row's edges
OVERLAP_TOL = 2.5  # cells of a row may overlap this much (box sides drawn a little apart)
FIT_TOL = 2.0  # a run may stick out of its cell by this much (side bearings, trailing space widths)
NEAR = 4.0  # a run outside the row's cells this close to them is text overflowing its box
ANCHOR_EM = 0.3  # a run is located this many font sizes above its baseline (inside its cell)
STROKE_OPS = {b"S", b"s", b"B", b"B*", b"b", b"b*"}
FILL_OPS = {b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*"}
PAINT_OPS = STROKE_OPS | FILL_OPS | {b"n"}

Matrix = tuple[float, float, float, float, float, float]


@dataclass(frozen=True)
class Edge:
    """A horizontal (pos = y, lo..hi = x) or vertical (pos = x, lo..hi = y) rule or box side."""

    pos: float
    lo: float
    hi: float


@dataclass(frozen=True)
class Cell:
    """A box found around a run: left, right, bottom, top (y grows upwards)."""

    x0: float
    x1: float
    y0: float
    y1: float


class Rulings:
    """A page's horizontal and vertical edges, for finding the box around a point."""

    def __init__(self, horizontal: Iterable[Edge], vertical: Iterable[Edge]) -> None:
        self.horizontal = sorted(horizontal, key=lambda e: e.pos)
        self.vertical = sorted(vertical, key=lambda e: e.pos)
        self._h_pos = [e.pos for e in self.horizontal]
        self._v_pos = [e.pos for e in self.vertical]

    def __bool__(self) -> bool:
        return bool(self.horizontal) and bool(self.vertical)

    def cell_at(self, x: float, y: float) -> Cell | None:
        """The closed box around (x, y): the nearest vertical edges left and right that reach across the
        point, then the nearest horizontal edges above and below that run from the one to the other (an
        underline or a strike-through under part of the text is no side of a box), and the vertical
        edges must reach from the bottom to the top."""
        right = _nearest(self.vertical, self._v_pos, x, up=True, span=(y, y))
        left = _nearest(self.vertical, self._v_pos, x, up=False, span=(y, y))
        if left is None or right is None:
            return None
        top = _nearest(self.horizontal, self._h_pos, y, up=True, span=(left.pos, right.pos))
        bottom = _nearest(self.horizontal, self._h_pos, y, up=False, span=(left.pos, right.pos))
        if top is None or bottom is None:
            return None
        for side in (left, right):
            if side.lo > bottom.pos + SPAN_TOL or side.hi < top.pos - SPAN_TOL:
                return None
        if min(right.pos - left.pos, top.pos - bottom.pos) < MIN_CELL:
            return None
        return Cell(round(left.pos, 1), round(right.pos, 1), round(bottom.pos, 1), round(top.pos, 1))


def _nearest(edges: list[Edge], positions: list[float], at: float, up: bool, span: tuple[float, float]) -> Edge | None:
    """The first edge past `at` (upwards or downwards) whose extent covers `span`."""
    if up:
        indices: Iterable[int] = range(bisect.bisect_right(positions, at), len(edges))
    else:
        indices = range(bisect.bisect_left(positions, at) - 1, -1, -1)
    tol = COVER_TOL if span[0] == span[1] else SPAN_TOL
    for k in indices:
        edge = edges[k]
        if edge.lo - tol <= span[0] and span[1] <= edge.hi + tol:
            return edge
    return None


# --- reading the drawing ------------------------------------------------------------------------------


def page_rulings(operations: Sequence[tuple[list[Any], bytes]], flip: int = 1, x_shift: float = 0.0) -> Rulings:
    """Edges of the rules (stroked lines, thin filled boxes), stroked boxes and clip boxes of a content
    stream, in the space of pypdf's layout-mode runs: x less `x_shift` (layout mode moves its text left by
    the leftmost run's x), y times `flip`."""
    horizontal: list[Edge] = []
    vertical: list[Edge] = []

    def add(x0: float, y0: float, x1: float, y1: float) -> None:
        """One axis-aligned segment, in page space."""
        x0, x1 = x0 - x_shift, x1 - x_shift
        y0, y1 = y0 * flip, y1 * flip
        if abs(y1 - y0) < 0.01 and abs(x1 - x0) >= MIN_EDGE:
            horizontal.append(Edge(y0, min(x0, x1), max(x0, x1)))
        elif abs(x1 - x0) < 0.01 and abs(y1 - y0) >= MIN_EDGE:
            vertical.append(Edge(x0, min(y0, y1), max(y0, y1)))

    for kind, points in _painted_paths(operations):
        box = _box(points)
        if kind == "stroke":
            for (ax, ay), (bx, by) in zip(points, points[1:], strict=False):
                add(ax, ay, bx, by)
            continue
        if box is None:
            continue
        x0, y0, x1, y1 = box
        if kind == "fill" and min(x1 - x0, y1 - y0) < THIN:  # a rule drawn as a thin filled box
            if x1 - x0 >= y1 - y0:
                add(x0, (y0 + y1) / 2, x1, (y0 + y1) / 2)
            else:
                add((x0 + x1) / 2, y0, (x0 + x1) / 2, y1)
            continue
        if kind == "fill" or min(x1 - x0, y1 - y0) < THIN:
            continue  # a filled box is shading, often behind a single line of text, not a cell
        add(x0, y0, x1, y0)
        add(x0, y1, x1, y1)
        add(x0, y0, x0, y1)
        add(x1, y0, x1, y1)
    return Rulings(horizontal, vertical)


def _painted_paths(operations: Sequence[tuple[list[Any], bytes]]) -> Iterable[tuple[str, list[tuple[float, float]]]]:
    """("stroke" | "fill" | "clip", points of one straight-edged subpath, in page space) for every
    subpath that is stroked, filled or used as a clip. Subpaths with curves are skipped."""
    ctm: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    stack: list[Matrix] = []
    subpaths: list[list[tuple[float, float]]] = []
    curved: set[int] = set()
    clip = False
    for operands, op in operations:
        try:
            if op == b"q":
                stack.append(ctm)
            elif op == b"Q":
                if stack:
                    ctm = stack.pop()
            elif op == b"cm":
                if stack:  # pypdf's layout mode ignores a cm outside q/Q: stay in the space of its text runs
                    ctm = _multiply([float(v) for v in operands[-6:]], ctm)
            elif op == b"m":
                subpaths.append([_apply(ctm, operands[0], operands[1])])
            elif op == b"l" and subpaths:
                subpaths[-1].append(_apply(ctm, operands[0], operands[1]))
            elif op in (b"c", b"v", b"y") and subpaths:
                curved.add(len(subpaths) - 1)
                subpaths[-1].append(_apply(ctm, operands[-2], operands[-1]))
            elif op == b"h" and subpaths and subpaths[-1]:
                subpaths[-1].append(subpaths[-1][0])
            elif op == b"re":
                x, y, w, h = (float(v) for v in operands[:4])
                corners = [(x, y), (x + w, y), (x + w, y + h), (x, y + h), (x, y)]
                subpaths.append([_apply(ctm, a, b) for a, b in corners])
            elif op in (b"W", b"W*"):
                clip = True
            elif op in PAINT_OPS:
                kinds = [k for k, on in (("stroke", op in STROKE_OPS), ("fill", op in FILL_OPS), ("clip", clip)) if on]
                for k, points in enumerate(subpaths):
                    if k not in curved and len(points) >= 2:
                        for kind in kinds:
                            yield kind, points
                subpaths, curved, clip = [], set(), False
        except (TypeError, ValueError, IndexError):  # malformed operands: skip the operator
            continue


def _multiply(m: list[float], n: Matrix) -> Matrix:
    """m x n for PDF matrices [a b c d e f] (m applied first)."""
    a, b, c, d, e, f = m
    na, nb, nc, nd, ne, nf = n
    return (
        a * na + b * nc,
        a * nb + b * nd,
        c * na + d * nc,
        c * nb + d * nd,
        e * na + f * nc + ne,
        e * nb + f * nd + nf,
    )


def _apply(ctm: Matrix, x: Any, y: Any) -> tuple[float, float]:
    x, y = float(x), float(y)
    return ctm[0] * x + ctm[2] * y + ctm[4], ctm[1] * x + ctm[3] * y + ctm[5]


def _box(points: list[tuple[float, float]]) -> tuple[float, float, float, float] | None:
    """(x0, y0, x1, y1) if the subpath is an axis-aligned rectangle, else None."""
    pts = points[:-1] if len(points) == 5 and points[0] == points[-1] else points
    if len(pts) != 4:
        return None
    xs = sorted({round(x, 2) for x, _ in pts})
    ys = sorted({round(y, 2) for _, y in pts})
    if len(xs) != 2 or len(ys) != 2:
        return None
    for (ax, ay), (bx, by) in zip(pts, pts[1:] + pts[:1], strict=True):
        if abs(ax - bx) > 0.01 and abs(ay - by) > 0.01:
            return None  # a diagonal side
    return xs[0], ys[0], xs[1], ys[1]


# --- rows ---------------------------------------------------------------------------------------------




@dataclass
class Row(Generic[R]):
    """A table row whose text runs over several lines: for each cell, left to right, its runs line by
    line (top to bottom, as (line index, runs)); `members` are the (line index, run index) it takes."""

    cells: list[list[tuple[int, list[R]]]]
    members: set[tuple[int, int]]

    @property
    def first_line(self) -> int:
        return min(i for i, _ in self.members)


def table_rows(lines: Sequence[Sequence[R]], rulings: Rulings) -> list[Row[R]]:
    """Rows of two or more drawn cells whose text spans more than one of the page's lines."""
    if not rulings:
        return []
    located: dict[Cell, list[tuple[int, int]]] = {}
    anchors: dict[tuple[int, int], tuple[float, float, float]] = {}  # ink x0, x1 and the y looked at
    spaces: dict[Cell, list[tuple[int, int]]] = {}  # runs of spaces only: they keep words apart
    for i, line in enumerate(lines):
        for j, run in enumerate(line):
            if not run.text.strip():
                cell = rulings.cell_at((run.x0 + run.x1) / 2, run.y + ANCHOR_EM * run.size)
                if cell is not None:
                    spaces.setdefault(cell, []).append((i, j))
                continue
            x0, x1 = _ink_x(run)
            anchor = ((x0 + x1) / 2, run.y + ANCHOR_EM * run.size)
            anchors[(i, j)] = (x0, x1, anchor[1])
            cell = rulings.cell_at(*anchor)
            if cell is None or x0 < cell.x0 - FIT_TOL or x1 > cell.x1 + FIT_TOL:
                continue
            located.setdefault(cell, []).append((i, j))
    rows: list[Row[R]] = []
    for band in _bands(list(located)):
        if len(band) < 2:
            continue
        members = {m for cell in band for m in located[cell]}
        line_ids = {i for i, _ in members}
        if len(line_ids) < 2 or _unexplained(band, members, line_ids, anchors):
            continue
        cells = []
        for cell in sorted(band, key=lambda c: c.x0):
            by_line: dict[int, list[R]] = {}
            for i, j in sorted(located[cell]):
                by_line.setdefault(i, []).append(lines[i][j])
            for i, j in spaces.get(cell, []):
                if i in by_line:
                    by_line[i].append(lines[i][j])
                    members.add((i, j))
            cells.append([(i, sorted(runs, key=lambda r: r.x0)) for i, runs in sorted(by_line.items())])
        rows.append(Row(cells, members))
    return rows


def _bands(cells: list[Cell]) -> list[list[Cell]]:
    """Cells grouped by shared top and bottom edges (a table row: every cell spans the row's height)."""
    bands: list[list[Cell]] = []
    for cell in sorted(cells, key=lambda c: (-c.y1, -c.y0, c.x0)):
        for band in bands:
            ref = band[0]
            if abs(ref.y1 - cell.y1) <= SAME_EDGE and abs(ref.y0 - cell.y0) <= SAME_EDGE:
                band.append(cell)
                break
        else:
            bands.append([cell])
    return [sorted(band, key=lambda c: c.x0) for band in bands if not _overlapping(band)]


def _overlapping(band: list[Cell]) -> bool:
    """Cells of one row lie side by side; overlapping boxes are nested drawings, not a row."""
    ordered = sorted(band, key=lambda c: c.x0)
    return any(b.x0 < a.x1 - OVERLAP_TOL for a, b in zip(ordered, ordered[1:], strict=False))


def _unexplained(
    band: list[Cell],
    members: set[tuple[int, int]],
    line_ids: set[int],
    anchors: dict[tuple[int, int], tuple[float, float, float]],
) -> bool:
    """A run on the row's lines, inside the row's area or touching it, that is in none of its cells (it
    overflows its box, or the boxes are not the table's): the drawing does not explain the text."""
    x0 = min(c.x0 for c in band)
    x1 = max(c.x1 for c in band)
    y0 = min(c.y0 for c in band)
    y1 = max(c.y1 for c in band)
    for key, (a, b, y) in anchors.items():
        if key[0] in line_ids and key not in members and y0 <= y <= y1 and a < x1 + NEAR and b > x0 - NEAR:
            return True
    return False


def _ink_x(run: RunLike) -> tuple[float, float]:
    """The run's x extent without its leading and trailing spaces (pypdf counts them in the run)."""
    text = run.text
    per_char = (run.x1 - run.x0) / max(len(text), 1)
    x0 = run.x0 + per_char * (len(text) - len(text.lstrip()))
    x1 = run.x1 - per_char * (len(text) - len(text.rstrip()))
    return x0, max(x0, x1)
