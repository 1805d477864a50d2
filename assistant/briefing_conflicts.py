"""Conflicting figures: the same quantity printed with different values in two passages.

Councils print one figure several times: in a report and again in its appendix's table, in the
recommendation and in the financial implications, at one meeting and again at the next. When the copies
differ (a late correction, a rounding, a forecast that moved between meetings) a briefing must show both
with their citations instead of silently picking one.

"The same quantity" is read from the words printed next to each figure, not from the figure itself:
- same kind of figure (money with money, a percentage with a percentage, a count with a count);
- the distinctive words around them mostly agree ("capital works ... £1.2m" / "Capital works ... 1.3m"),
  the briefing's topic words left out (every passage of the note shares them);
- the periods they are for agree (a 2024-25 budget is not the 2025-26 one);
- similar size (a tenfold difference is a different quantity, not a misprint);
- printed in different passages (one sentence giving "from X to Y" is a change, not a conflict).
A table cell's words are its row label and column heading.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from assistant.figures import FIGURE, find_figures
from assistant.question import GENERIC, stems, years_in
from ingest.dates import DATE
from ingest.models import Chunk
from ingest.units import Unit

WINDOW_BEFORE = 16  # words before a figure that name what it counts (back to the previous figure)
WINDOW_AFTER = 4
MIN_SHARED = 2  # distinctive context words two figures must share
MIN_OVERLAP = 0.6  # ... as a share of the smaller context
MAX_RATIO = 10.0
_SCALES = (("bn", 1e9), ("billion", 1e9), ("million", 1e6), ("mn", 1e6), ("m", 1e6), ("thousand", 1e3), ("k", 1e3))
_YEAR_SPAN = re.compile(r"\b(?:19|20)\d{2}(?:\s*[/-]\s*\d{2,4})?\b")
_ROW = re.compile(r"^(?P<label>.+?) \((?P<pairs>.*)\)\.$")
_WORDS = re.compile(r"[A-Za-z][\w'’-]*")
_VAGUE = frozenset(stems(" ".join(GENERIC) + " total year years figure figures amount number per cent percent"
                         " approximately around about over under nearly almost least"))


@dataclass(frozen=True)
class Stated:
    """One figure as printed in one passage, with the words that say what it counts."""

    text: str  # as printed: "£1.2m"
    kind: str  # money | percent | number
    value: float  # scaled: £1.2m -> 1_200_000
    decimals: int  # printed precision at its scale, for telling a rounding from a different value
    scale: float
    context: frozenset[str]  # distinctive stems near the figure
    words: tuple[str, ...]  # the same words as printed, in order (for naming the quantity)
    years: frozenset[int]
    chunk: Chunk
    unit: Unit


@dataclass
class FigureConflict:
    """Different values printed for one quantity; `stated` holds one entry per distinct value."""

    about: str
    stated: list[Stated] = field(default_factory=list)
    rounding: bool = False  # every value is a rounding of another (£4,999,000 and £5m)


def stated_figures(unit: Unit, chunk: Chunk, ignore: frozenset[str] = frozenset()) -> list[Stated]:
    """The amounts a sentence or table row states, each with its context words (`ignore`d stems left out)."""
    row = _ROW.match(unit.text) if unit.kind == "row" else None
    if row:
        found: list[Stated] = []
        label = row.group("label")
        for pair in row.group("pairs").split("; "):
            heading, _, value = pair.rpartition(": ")
            if not re.search(r"[A-Za-z]", heading) or re.match(r"\s*\d", heading):
                continue  # a list of item numbers, not a value under a column heading
            for fig in amounts(value, cell=True):
                found.extend(_stated(fig[0], fig[1], f"{label} {heading}", unit, chunk, ignore))
        return found
    result: list[Stated] = []
    found_amounts = amounts(unit.text)
    for i, (text, kind, start, end) in enumerate(found_amounts):
        lo = found_amounts[i - 1][3] if i else 0
        hi = found_amounts[i + 1][2] if i + 1 < len(found_amounts) else len(unit.text)
        before = _WORDS.findall(unit.text[lo:start])[-WINDOW_BEFORE:]
        after = _WORDS.findall(unit.text[end:hi])[:WINDOW_AFTER]
        window = unit.text[lo:hi]
        result.extend(_stated(text, kind, " ".join([*before, *after]), unit, chunk, ignore, window))
    return result


def row_amounts(unit: Unit) -> list[str]:
    """The amounts of a table row printed without column headings ("Number of PCNs fully paid; 58,045; 1,249;
    56,796."): the cells after its label. Kept apart from `stated_figures`: with no heading nothing says which
    quantity a cell is, so they are figures to show, not values to compare across papers."""
    if unit.kind != "row" or _ROW.match(unit.text):
        return []
    label, *cells = unit.text.rstrip(".").split("; ")
    if not cells or not re.search(r"[A-Za-z]{2,}", label):
        return []
    return [raw for cell in cells for raw, *_ in amounts(cell, cell=True)]


def find_conflicts(units: Iterable[tuple[Unit, Chunk]], ignore: Iterable[str] = ()) -> list[FigureConflict]:
    """Quantities printed with different values in different passages, most widely printed first."""
    skip = frozenset(ignore) | _VAGUE
    stated = [s for unit, chunk in units for s in stated_figures(unit, chunk, skip)]
    parent = list(range(len(stated)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, a in enumerate(stated):
        for j in range(i + 1, len(stated)):
            if same_quantity(a, stated[j]):
                parent[root(j)] = root(i)
    groups: dict[int, list[Stated]] = {}
    for i, s in enumerate(stated):
        groups.setdefault(root(i), []).append(s)
    conflicts = []
    for members in groups.values():
        distinct: dict[float, Stated] = {}
        for s in members:
            distinct.setdefault(round(s.value, 6), s)
        if len(distinct) < 2 or len({s.chunk.chunk_id for s in distinct.values()}) < 2:
            continue
        values = list(distinct.values())
        conflicts.append(FigureConflict(_about(members), values, all(_rounds_to_other(v, values) for v in values)))
    conflicts.sort(key=lambda c: -len(c.stated))
    return conflicts


def same_quantity(a: Stated, b: Stated) -> bool:
    if a.kind != b.kind or a.chunk.chunk_id == b.chunk.chunk_id or a.unit.text == b.unit.text:
        return False
    if a.years and b.years and a.years != b.years:
        return False
    low, high = sorted((abs(a.value), abs(b.value)))
    if low == 0 or high / low > MAX_RATIO:
        return False
    shared = a.context & b.context
    smaller = min(len(a.context), len(b.context))
    return len(shared) >= MIN_SHARED and len(shared) >= MIN_OVERLAP * smaller


def amounts(text: str, *, cell: bool = False) -> list[tuple[str, str, int, int]]:
    """(printed, kind, start, end) of each money, percentage or count in `text`; years, dates, periods and
    paragraph numbers are not amounts. In prose a count names what it counts ("440 places"): a bare number
    followed by a name or a list ("59 Jo Sergeant", "17, 18, 19") is a reference. A table `cell` is counted
    under its column heading instead."""
    skip = [m.span() for m in _YEAR_SPAN.finditer(text)] + [m.span() for m in DATE.finditer(text)]
    found = []
    for m in FIGURE.finditer(text):
        kind = m.lastgroup or "number"
        if kind == "date" or any(s < m.end() and m.start() < e for s, e in skip):
            continue
        raw = m.group(0).strip()
        if kind == "number" and (re.fullmatch(r"\d+(?:\.\d+){2,}", raw) or re.fullmatch(r"\d+\.\d+", raw)
                                 and _para_like(text, m.start())):
            continue
        figs = find_figures(raw)
        if not figs:
            continue
        if kind == "number" and figs[0].values[0] < 10 and not re.search(r"[a-z]", raw, re.I):
            continue  # "3 libraries": small counts are too often different things with the same words
        if kind == "number" and not cell and not re.match(r"\s+(?:[a-z][\w-]*|per\b)", text[m.end():]):
            continue
        found.append((raw, kind, m.start(), m.end()))
    return found


def _para_like(text: str, at: int) -> bool:
    """'paragraph 4.4', 'section 2.1': a reference, not an amount."""
    return bool(re.search(r"\b(?:para(?:graph)?s?|section|item|appendix|table|minute)\s*$", text[:at], re.I))


def _stated(text: str, kind: str, words: str, unit: Unit, chunk: Chunk, ignore: frozenset[str],
            window: str | None = None) -> list[Stated]:
    figs = find_figures(text)
    if not figs:
        return []
    number = figs[0].values[0]
    scale = 1.0
    lowered = text.lower()
    for suffix, factor in _SCALES:
        if re.search(rf"\d\s?{suffix}\b", lowered):
            scale = factor
            break
    point = re.search(r"\.(\d+)", text)
    decimals = len(point.group(1)) if point else 0
    printed = [w for w in _WORDS.findall(words)]
    kept = tuple(w for w in printed if (s := stems(w)) and s[0] not in ignore)
    context = frozenset(s for w in kept for s in stems(w))
    years = frozenset(years_in(window if window is not None else words))
    return [Stated(text, kind if kind != "fraction" else "number", number * scale, decimals, scale, context,
                   kept, years, chunk, unit)]


def _about(members: Sequence[Stated]) -> str:
    """Name the quantity by the words its printings share, in the order the first one prints them."""
    shared = frozenset.intersection(*(m.context for m in members)) or members[0].context
    for m in members:
        words = [w for w in m.words if set(stems(w)) & shared]
        if words:
            return " ".join(dict.fromkeys(w.lower() if not w.isupper() else w for w in words))
    return "the same figure"


def _rounds_to_other(s: Stated, values: Sequence[Stated]) -> bool:
    """Whether another printing is `s` rounded to its own precision, or `s` is that rounding."""
    for other in values:
        if other is s:
            continue
        for coarse, fine in ((s, other), (other, s)):
            if round(fine.value / coarse.scale, coarse.decimals) == round(coarse.value / coarse.scale, coarse.decimals):
                return True
    return False
