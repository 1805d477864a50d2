"""Figures in council prose: money, percentages, dates, counts, and whether a passage contains them.

Used twice: to check that a sentence's figures appear in the passages it cites (verification), and to
tell whether a candidate sentence gives the kind of figure a question asks for ("how many ...").
Matching is by value, so "£23.3 million" matches "£23.3m", "17" matches "seventeen", and a rounded
"£1.1m" matches "£1,147,106".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.dates import MONTHS, YEAR_SPAN, year_span

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
}
FRACTION_WORDS = {"half": 0.5, "third": 1 / 3, "quarter": 0.25, "majority": 0.5, "minority": 0.5}
_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
# The first day of a range is part of the date, not a count: "3 to 4 December 2025", "18-29 November 2024",
# "14 and 15 January", "18 November to 29 November 2024" (how inspection letters and minutes print visits).
_DAY_RANGE = (r"(?:\d{1,2}(?:st|nd|rd|th)?(?:\s+(?:" + _MONTH_NAMES + r")\.?(?:\s+\d{4})?)?"
              r"\s*(?:-|–|—|to|and|&)\s*)?")

FIGURE = re.compile(
    r"(?P<money>£\s?\d(?:,?\d)*(?:\.\d+)?(?:\s?(?:bn|billion|million|mn|m|k|thousand)\b)?)"
    r"|(?P<percent>[-+]?\d(?:,?\d)*(?:\.\d+)?\s?(?:%|per\s?cent\b))"
    r"|(?P<date>\b" + _DAY_RANGE + r"\d{1,2}(?:st|nd|rd|th)?\s+(?:" + _MONTH_NAMES + r")\.?"
    r"(?:\s+\d{4}\b|(?-i:(?<!may))\b)"  # "5 may apply" is no date
    r"|\b(?:" + _MONTH_NAMES + r")\.?\s+\d{4}\b)"
    r"|(?P<span>" + YEAR_SPAN.pattern + r"(?![/–-]\d))"
    r"|(?P<number>(?<![\w.])[-+]?\d(?:,?\d)*(?:\.\d+)?(?:\s?(?:Mt|kt|km|bn|ha|kg|MW|m|k|t)\b)?(?!\.?\d)(?![A-Za-z]))",
    re.IGNORECASE,
)
_NUMBER = re.compile(r"(?<![\w])\d(?:,?\d)*(?:\.\d+)?")
_WORD = re.compile(r"[A-Za-z]+")
_MARKER = re.compile(r"\[\d+\]")
_YEAR = re.compile(r"^(19|20)\d{2}$")
_LABEL = re.compile(r"\b(?:Number|No\.?|Ref(?:erence)?\.?|Drawing|Application|Item)\s*:?\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Figure:
    """One figure as written ("£5.7m"), its kind, and the numbers it is made of."""

    text: str
    kind: str  # "money" | "percent" | "date" | "number" | "fraction"
    values: tuple[float, ...]

    @property
    def is_year(self) -> bool:
        return self.kind == "number" and bool(_YEAR.match(self.text.strip()))


def find_figures(text: str) -> list[Figure]:
    """Every figure in `text`, markers [n] left out."""
    text = _MARKER.sub(" ", text)
    found: list[Figure] = []
    for match in FIGURE.finditer(text):
        kind = match.lastgroup or "number"
        if kind == "number" and _LABEL.search(text, max(0, match.start() - 24), match.start()):
            continue  # "Drawing Reference Number 1921", "Item 9": an identifier, not an amount or a year
        raw = match.group(0).strip()
        values = tuple(_to_float(n) for n in _NUMBER.findall(raw))
        if kind == "span":
            found += _period_or_numbers(raw, values)
        elif values:
            found.append(Figure(raw, kind, values))
    return found


def _period_or_numbers(raw: str, values: tuple[float, ...]) -> list[Figure]:
    """A financial or academic year ("2014–15", "2023/24", "2024-2025") is one period, not the year 2014 and a
    count of 15; two numbers that are not consecutive years ("2000-2050") stay two numbers."""
    head, tail = _NUMBER.findall(raw)
    if year_span(head, tail):
        return [Figure(raw, "date", values)]
    return [Figure(head, "number", (values[0],)), Figure(tail, "number", (values[1],))]


def number_values(text: str) -> set[float]:
    """All numbers in a passage, digits and number words, for matching figures against it."""
    values = {_to_float(n) for n in _NUMBER.findall(text)}
    values.update(NUMBER_WORDS[w.lower()] for w in _WORD.findall(text) if w.lower() in NUMBER_WORDS)
    return values


def figure_in(figure: Figure, values: set[float]) -> bool:
    """Whether every number of `figure` occurs in `values`, exactly or as a consistent rounding."""
    return all(_value_in(v, values) for v in figure.values)


def quantities(text: str, exclude: set[float] = frozenset()) -> list[Figure]:  # type: ignore[assignment]
    """Figures that state an amount (not years, dates, or paragraph-style numbers), minus `exclude`."""
    result = []
    for fig in find_figures(text):
        if fig.kind == "date" or fig.is_year or all(v in exclude for v in fig.values):
            continue
        if fig.kind == "number" and re.fullmatch(r"\d+\.\d+\.\d+", fig.text):
            continue
        result.append(fig)
    for word in _WORD.findall(text):
        lower = word.lower()
        value = NUMBER_WORDS.get(lower)
        if value is not None and value not in exclude and lower != "one":
            result.append(Figure(word, "number", (float(value),)))
        elif lower in FRACTION_WORDS:
            result.append(Figure(word, "fraction", (FRACTION_WORDS[lower],)))
    return result


def _value_in(value: float, values: set[float]) -> bool:
    if value in values:
        return True
    decimals = _decimals(value)
    for candidate in values:
        for scale in (1e3, 1e6, 1e9):
            if candidate >= scale and round(candidate / scale, decimals) == value:
                return True
    return False


def _decimals(value: float) -> int:
    text = repr(value)
    return 0 if text.endswith(".0") else len(text.split(".")[1])


def _to_float(raw: str) -> float:
    try:
        return float(raw.replace(",", ""))
    except ValueError:
        return float("nan")
