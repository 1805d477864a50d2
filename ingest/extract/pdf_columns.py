"""Reading order for text set in columns of prose: the left column top to bottom, then the next one.

pypdf groups a page's text runs into lines by baseline across the whole page width, so on a page set in
two or three columns each "line" holds one line of every column, and `pdf_layout` joins them with tabs:
sentences come out chopped across columns. A table looks the same to that grouping, and there the row
must stay together, so the two are told apart here from how page layout works:

* A gutter is a vertical strip that no text crosses over many consecutive lines, with text on both sides
  of it on most of them, and a gap there clearly wider than the word gaps of those lines.
* Columns of prose hold mostly lower-case words, several per line, and their lines wrap: most run close
  to the column's right edge. Table cells are short, numeric, or start together row by row (a row's
  cells begin on the same line, and the rows' blank gaps fall at the same height in every column).

Only a band that passes on both sides is re-ordered; lines above and below it (a full-width heading, a
table, single-column text) keep their place and are searched again, as is each column (three columns are
two gutters). Anything in doubt is left as it was: splitting a table row is worse than a chopped column.

Runs are any objects with x0, x1 (points), y (baseline), size (points) and text, as in `pdf_layout`.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar


class RunLike(Protocol):
    @property
    def x0(self) -> float: ...
    @property
    def x1(self) -> float: ...
    @property
    def y(self) -> float: ...
    @property
    def size(self) -> float: ...
    @property
    def text(self) -> str: ...


R = TypeVar("R", bound=RunLike)

SPACE_EM = 0.27  # width of a space in font sizes, to trim runs' leading/trailing spaces
GLUE_EM = 0.15  # ink closer than this is one piece of text
MIN_GUTTER_EM = 0.35  # a gutter is at least this wide (some designs leave less than half an em)
WORD_GAP_EM = 1.0  # gaps narrower than this between runs on a line are word gaps
GUTTER_OVER_WORD_GAP = 1.5  # on a line, the gap at the gutter must be this much wider than its word gaps
MIN_PAIRED_LINES = 4  # lines with text on both sides of the gutter...
MIN_PAIRED_SHARE = 0.4  # ...and this share of the band's lines
MIN_SIDE_WORDS = 3.0  # mean words per line of a column of prose...
WORDS_PER_EM = 0.2  # ...or, in a narrow column, this many per font size of its width
MIN_LOWER_SHARE = 0.45  # share of words starting in lower case in prose (English prose: ~0.7)
MAX_NUMBER_SHARE = 0.2  # share of words that are numbers, above which it is a table
MIN_COLUMN_EM = 7.0  # a column of prose is at least this wide
WRAP_FILL = 0.7  # a wrapped line of prose reaches this share of the column width...
MIN_WRAPPED_SHARE = 0.5  # ...on at least this share of the column's lines
MAX_SPLIT_SHARE = 0.1  # share of a column's lines that may hold a gap wider than a word gap
MIN_INNER_SHARE = 0.6  # a side that is itself columns: the inner gutter spans this share of its lines
BLOCK_GAP = 1.4  # a gap this many line pitches starts a block (paragraph, table row)
IN_STEP_SHARE = 0.5  # table: this share of one side's block starts are level with the other side's
LEVEL_EM = 0.25  # baselines this close (in font sizes) are level: a table row's cells share a baseline
MIN_WRAP_SHARE = 0.3  # share of a prose column's lines that start in lower case (a sentence wrapped)
MAX_DEPTH = 6

LOWER_WORD = re.compile(r"[a-z]")  # starts a word in lower case: most words of prose do
LEAD = re.compile(r"[^\w\s]{1,2}|\(?(?:\d{1,3}(?:\.\d{1,3}){0,3}|[a-zA-Z]|[ivxIVX]{1,4})[.):]?")  # "•", "3.12", "(a)"
NUMBERISH = re.compile(r"[-+(£$€]*[\d.,:/%]*\d[\d.,:/%)km]*")


@dataclass(frozen=True)
class _Band:
    top: int  # first line of the band
    bottom: int  # last line (inclusive)
    left: float  # the strip no text crosses
    right: float

    @property
    def cut(self) -> float:
        return (self.left + self.right) / 2


def reading_order(lines: Sequence[list[R]]) -> tuple[list[list[R]], int]:
    """The page's lines with every band of prose columns re-ordered column by column, and the number of
    gutters that were used (0: the lines are returned as they came)."""
    return _order(list(lines), 0)


def _order(lines: list[list[R]], depth: int) -> tuple[list[list[R]], int]:
    if depth >= MAX_DEPTH or len(lines) < MIN_PAIRED_LINES:
        return lines, 0
    band = find_gutter(lines)
    if band is None:
        return lines, 0
    left, right = split_band(lines[band.top : band.bottom + 1], band.cut)
    out: list[list[R]] = []
    found = 1
    for part in (lines[: band.top], left, right, lines[band.bottom + 1 :]):
        ordered, n = _order(part, depth + 1)
        out += ordered
        found += n
    return out, found


def split_band(lines: list[list[R]], cut: float) -> tuple[list[list[R]], list[list[R]]]:
    """Each line's runs left and right of `cut`, each side top to bottom."""
    left: list[list[R]] = []
    right: list[list[R]] = []
    for line in lines:
        lhs = [r for r in line if (r.x0 + r.x1) / 2 < cut]
        rhs = [r for r in line if (r.x0 + r.x1) / 2 >= cut]
        if any(r.text.strip() for r in lhs):
            left.append(lhs)
        if any(r.text.strip() for r in rhs):
            right.append(rhs)
    return _top_down(left), _top_down(right)


def _top_down(lines: list[list[R]]) -> list[list[R]]:
    """Lines sorted by baseline, top first (pypdf merges lines whose baselines differ by less than a font
    height, so one column's pieces can come slightly out of order); stable for equal baselines."""
    return sorted(lines, key=lambda line: -_baseline(line))


def _baseline(line: Sequence[RunLike]) -> float:
    return max(line, key=lambda r: len(r.text.strip())).y


# --- finding a gutter ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Ink:
    """A line's text as x intervals (runs' spaces trimmed, touching runs merged), and its word gap."""

    spans: list[tuple[float, float]]
    size: float

    def gap_at(self, left: float, right: float) -> tuple[float, float] | None:
        """(end of ink before the strip, start of ink after it), if the line has ink on both sides."""
        before = [b for a, b in self.spans if b <= left + 0.01]
        after = [a for a, b in self.spans if a >= right - 0.01]
        if not before or not after:
            return None
        return max(before), min(after)

    def word_gap(self, left: float, right: float) -> float:
        """The widest gap on the line, other than the one at the strip, that is only a word gap."""
        gaps = [
            a2 - b1
            for (_, b1), (a2, _) in zip(self.spans, self.spans[1:], strict=False)
            if not (b1 <= left + 0.01 and a2 >= right - 0.01)
        ]
        return max((g for g in gaps if g < WORD_GAP_EM * self.size), default=0.0)


def _ink(line: Sequence[RunLike]) -> _Ink:
    spans: list[tuple[float, float]] = []
    sizes = []
    for run in sorted(line, key=lambda r: r.x0):
        text = run.text
        if not text.strip():
            continue
        sizes.append(run.size)
        space = SPACE_EM * run.size
        x0 = run.x0 + space * (len(text) - len(text.lstrip()))
        x1 = max(x0, run.x1 - space * (len(text) - len(text.rstrip())))
        if spans and x0 - spans[-1][1] < GLUE_EM * run.size:
            spans[-1] = (spans[-1][0], max(spans[-1][1], x1))
        else:
            spans.append((x0, x1))
    return _Ink(spans, statistics.median(sizes) if sizes else 1.0)


def _narrow(strip: tuple[float, float], ink: _Ink) -> tuple[float, float] | None:
    """The widest part of `strip` that the line's ink leaves free, or None if the line crosses it."""
    pieces = [strip]
    for a, b in ink.spans:
        nxt = []
        for lo, hi in pieces:
            if b <= lo or a >= hi:
                nxt.append((lo, hi))
                continue
            if a > lo:
                nxt.append((lo, a))
            if b < hi:
                nxt.append((b, hi))
        pieces = nxt
    if not pieces:
        return None
    lo, hi = max(pieces, key=lambda p: p[1] - p[0])
    if hi - lo < MIN_GUTTER_EM * ink.size:
        return None
    gap = ink.gap_at(lo, hi)
    # A gap here no wider than the line's own word gaps is a word gap that happens to fall in line.
    if gap is not None and gap[1] - gap[0] < GUTTER_OVER_WORD_GAP * ink.word_gap(lo, hi):
        return None
    return lo, hi


def find_gutter(lines: Sequence[Sequence[RunLike]], depth: int = 0) -> _Band | None:
    """The band of lines and strip of the best gutter between columns of prose, or None."""
    inks = [_ink(line) for line in lines]
    seen: set[tuple[int, int, int]] = set()
    best: tuple[int, _Band] | None = None
    for i, ink in enumerate(inks):
        for (_, b1), (a2, _) in zip(ink.spans, ink.spans[1:], strict=False):
            strip = _narrow((b1, a2), ink)
            if strip is None:
                continue
            grown = _grow(inks, i, strip)
            # The whole band, else its blocks: a table or a heading under the columns, set off by a blank
            # gap, may leave the gutter's strip free and still be no part of the columns.
            for band in [grown, *_blocks(lines, grown)]:
                key = (band.top, band.bottom, round(band.cut))
                if key in seen:
                    continue
                seen.add(key)
                paired = _paired(inks, band)
                if paired < max(MIN_PAIRED_LINES, MIN_PAIRED_SHARE * (band.bottom - band.top + 1)):
                    continue  # columns of prose fill the band side by side; a table's short cells do not
                if best is not None and paired <= best[0]:
                    continue
                if is_prose_band(lines, band, depth):
                    best = (paired, band)
                    break
    return best[1] if best else None


def _blocks(lines: Sequence[Sequence[RunLike]], band: _Band) -> list[_Band]:
    """The band cut at blank gaps that run across the whole band (wider than BLOCK_GAP line pitches)."""
    ys = [_baseline(line) for line in lines[band.top : band.bottom + 1]]
    pitches = [a - b for a, b in zip(ys, ys[1:], strict=False) if a - b > 0]
    if not pitches:
        return []
    usual = statistics.median(pitches)
    cuts = [k + 1 for k, (a, b) in enumerate(zip(ys, ys[1:], strict=False)) if a - b > BLOCK_GAP * usual]
    if not cuts:
        return []
    edges = [0, *cuts, len(ys)]
    return [
        _Band(band.top + a, band.top + b - 1, band.left, band.right)
        for a, b in zip(edges, edges[1:], strict=False)
        if b - a >= MIN_PAIRED_LINES
    ]


def _grow(inks: list[_Ink], seed: int, strip: tuple[float, float]) -> _Band:
    """Extend the strip from the seed line down, then up, while no line crosses it."""
    bottom = seed
    while bottom + 1 < len(inks):
        narrowed = _narrow(strip, inks[bottom + 1])
        if narrowed is None:
            break
        strip, bottom = narrowed, bottom + 1
    top = seed
    while top > 0:
        narrowed = _narrow(strip, inks[top - 1])
        if narrowed is None:
            break
        strip, top = narrowed, top - 1
    return _Band(top, bottom, strip[0], strip[1])


def _paired(inks: list[_Ink], band: _Band) -> int:
    return sum(inks[k].gap_at(band.left, band.right) is not None for k in range(band.top, band.bottom + 1))


# --- prose or table -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Side:
    """One side of a gutter in a band, top to bottom: each line's text there, its extent and baseline."""

    texts: list[str]
    spans: list[tuple[float, float]]
    ys: list[float]
    size: float
    split: int  # lines with a gap wider than a word gap inside them (cells of a table), past any lead


def _side(lines: Sequence[Sequence[RunLike]], band: _Band, left: bool) -> _Side:
    pieces = []
    for line in lines[band.top : band.bottom + 1]:
        runs = [r for r in line if r.text.strip() and ((r.x0 + r.x1) / 2 < band.cut) == left]
        if runs:
            pieces.append(sorted(runs, key=lambda r: r.x0))
    texts, spans, ys, sizes = [], [], [], []
    split = 0
    for runs in _top_down(pieces):
        ink = _ink(runs)
        texts.append(" ".join(r.text.strip() for r in runs))
        spans.append((ink.spans[0][0], ink.spans[-1][1]))
        ys.append(_baseline(runs))
        sizes.append(ink.size)
        split += _has_cells(runs, ink.size)
    return _Side(texts, spans, ys, statistics.median(sizes) if sizes else 1.0, split)


def _has_cells(runs: list[RunLike], size: float) -> bool:
    """A gap wider than a word gap between runs, other than the one after a bullet or paragraph number."""
    cells = [runs[0].text.strip()]
    end = _ink([runs[0]]).spans[0][1]
    for run in runs[1:]:
        span = _ink([run]).spans[0]
        if span[0] - end >= WORD_GAP_EM * size:
            cells.append(run.text.strip())
        else:
            cells[-1] += " " + run.text.strip()
        end = max(end, span[1])
    if len(cells) == 2 and LEAD.fullmatch(cells[0]):
        return False
    return len(cells) > 1


def side_is_prose(side: _Side) -> bool:
    """Several mostly lower-case words a line, few numbers, lines wrapping at a common right edge."""
    if len(side.texts) < MIN_PAIRED_LINES or side.split > MAX_SPLIT_SHARE * len(side.texts):
        return False
    words = [w for text in side.texts for w in text.split()]
    if sum(bool(LOWER_WORD.match(w)) for w in words) < MIN_LOWER_SHARE * len(words):
        return False
    if sum(bool(NUMBERISH.fullmatch(w)) for w in words) > MAX_NUMBER_SHARE * len(words):
        return False
    if sum(text[:1].islower() for text in side.texts[1:]) < MIN_WRAP_SHARE * (len(side.texts) - 1):
        return False
    x0 = min(a for a, _ in side.spans)
    x1 = max(b for _, b in side.spans)
    width = x1 - x0
    if width < MIN_COLUMN_EM * side.size:
        return False
    # A narrow column holds fewer words a line: ~one word per 5 font sizes of width, less when ragged.
    if len(words) < min(MIN_SIDE_WORDS, WORDS_PER_EM * width / side.size) * len(side.texts):
        return False
    wrapped = sum(b - x0 >= WRAP_FILL * width for _, b in side.spans)
    return wrapped >= MIN_WRAPPED_SHARE * len(side.spans)


def is_prose_band(lines: Sequence[Sequence[RunLike]], band: _Band, depth: int = 0) -> bool:
    """Both sides of the gutter read as columns of prose (or as columns of prose themselves split by a
    further gutter: three columns), and their blocks do not start row by row."""
    left = _side(lines, band, True)
    right = _side(lines, band, False)
    if not (_side_ok(lines, band, left, True, depth) and _side_ok(lines, band, right, False, depth)):
        return False
    return not _rows_in_step(left, right)


def _side_ok(lines: Sequence[Sequence[RunLike]], band: _Band, side: _Side, left: bool, depth: int) -> bool:
    if side_is_prose(side):
        return True
    if depth + 1 >= MAX_DEPTH or side.split <= MAX_SPLIT_SHARE * len(side.texts):
        return False  # not prose, and not for want of a further gutter
    pieces = split_band([list(ln) for ln in lines[band.top : band.bottom + 1]], band.cut)[0 if left else 1]
    inner = find_gutter(pieces, depth + 1)
    return inner is not None and inner.bottom - inner.top + 1 >= MIN_INNER_SHARE * len(pieces)


def _rows_in_step(left: _Side, right: _Side) -> bool:
    """Table rows: the blank gaps that start blocks on one side fall at the same heights on the other.
    Columns of prose break their paragraphs independently."""
    pitch = min(_usual_pitch(left), _usual_pitch(right))
    starts_left = _block_starts(left, pitch)
    starts_right = _block_starts(right, pitch)
    fewer, more = sorted((starts_left, starts_right), key=len)
    if len(fewer) < 2:
        return False  # one level start is as likely a coincidence
    tolerance = LEVEL_EM * max(left.size, right.size)
    matched = sum(any(abs(y - z) <= tolerance for z in more) for y in fewer)
    return matched >= IN_STEP_SHARE * len(fewer)


def _usual_pitch(side: _Side) -> float:
    pitches = [a - b for a, b in zip(side.ys, side.ys[1:], strict=False) if a - b > 0]
    return statistics.median(pitches) if pitches else float("inf")


def _block_starts(side: _Side, pitch: float) -> list[float]:
    """Baselines of lines that follow a gap wider than the band's usual line pitch."""
    ys = side.ys
    return [b for a, b in zip(ys, ys[1:], strict=False) if a - b > BLOCK_GAP * pitch]
