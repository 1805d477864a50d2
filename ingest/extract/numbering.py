"""Word automatic list numbering (numbering.xml), computed because python-docx does not render it.

Committee reports number their paragraphs with Word lists ("3.1", "3.1.2", "(a)"); without these labels
the paragraphs could not be cited. Counters are kept per list instance (w:num), as Word does.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from docx.oxml.ns import qn

logger = logging.getLogger(__name__)

ROMAN = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
         (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]  # fmt: skip


@dataclass(frozen=True)
class Level:
    """One level of a list definition: how its number is written and where it starts."""

    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1


class Numbering:
    """Labels for numbered paragraphs, in document order: call `label_for` once per paragraph."""

    def __init__(self, levels: dict[str, dict[int, Level]], starts: dict[str, dict[int, int]]) -> None:
        self._levels = levels  # numId -> ilvl -> Level
        self._starts = starts  # numId -> ilvl -> start override
        self._counters: dict[str, dict[int, int]] = {}

    @classmethod
    def from_part(cls, element: Any) -> Numbering:
        """Read numbering.xml's abstract definitions and list instances (None: no numbering)."""
        if element is None:
            return cls({}, {})
        abstract = {a.get(qn("w:abstractNumId")): _levels(a) for a in element.findall(qn("w:abstractNum"))}
        levels: dict[str, dict[int, Level]] = {}
        starts: dict[str, dict[int, int]] = {}
        for num in element.findall(qn("w:num")):
            num_id = num.get(qn("w:numId"))
            ref = num.find(qn("w:abstractNumId"))
            if num_id is None or ref is None:
                continue
            levels[num_id] = abstract.get(ref.get(qn("w:val")), {})
            starts[num_id] = {
                int(o.get(qn("w:ilvl"), "0")): int(s.get(qn("w:val"), "1"))
                for o in num.findall(qn("w:lvlOverride"))
                if (s := o.find(qn("w:startOverride"))) is not None
            }
        return cls(levels, starts)

    def label_for(self, num_id: str | None, ilvl: int) -> str:
        """The paragraph's label ("3.1", "(a)", "-" for a bullet, "" if not numbered); advances counters."""
        if not num_id or num_id == "0" or num_id not in self._levels:
            return ""
        levels = self._levels[num_id]
        level = levels.get(ilvl, Level())
        if level.fmt == "bullet":
            return "-"
        counters = self._counters.setdefault(num_id, {})
        counters[ilvl] = counters.get(ilvl, self._start(num_id, ilvl) - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        if level.fmt == "none":
            return ""
        label = level.text
        for k in range(9):
            token = f"%{k + 1}"
            if token in label:
                value = counters.get(k, self._start(num_id, k))
                label = label.replace(token, _format(value, levels.get(k, Level()).fmt))
        return label.strip()

    def _start(self, num_id: str, ilvl: int) -> int:
        override = self._starts.get(num_id, {}).get(ilvl)
        return override if override is not None else self._levels[num_id].get(ilvl, Level()).start


def _levels(abstract: Any) -> dict[int, Level]:
    levels = {}
    for lvl in abstract.findall(qn("w:lvl")):
        fmt = lvl.find(qn("w:numFmt"))
        text = lvl.find(qn("w:lvlText"))
        start = lvl.find(qn("w:start"))
        levels[int(lvl.get(qn("w:ilvl"), "0"))] = Level(
            fmt=fmt.get(qn("w:val"), "decimal") if fmt is not None else "decimal",
            text=text.get(qn("w:val"), "") if text is not None else "",
            start=int(start.get(qn("w:val"), "1")) if start is not None else 1,
        )
    return levels


def _format(value: int, fmt: str) -> str:
    """A counter value in a Word number format (unknown formats fall back to decimal)."""
    if fmt in ("lowerLetter", "upperLetter"):
        letters = ""
        n = value
        while n > 0:
            n, rem = divmod(n - 1, 26)
            letters = chr(ord("a") + rem) + letters
        return letters.upper() if fmt == "upperLetter" else letters
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(value)
        return roman.upper() if fmt == "upperRoman" else roman
    if fmt == "decimalZero":
        return f"{value:02d}"
    return str(value)


def _roman(value: int) -> str:
    if not 0 < value < 4000:  # no roman numeral (a damaged start of 10**15 would loop for hours)
        return str(value)
    out = ""
    for number, letters in ROMAN:
        while value >= number:
            out += letters
            value -= number
    return out
