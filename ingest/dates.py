"""Dates as councils print them ("Tuesday, 6th June, 2023", "15th July 2024", "9 to 20 May 2022", "February 3, 2026"),
turned into ISO 8601 strings with python-dateutil."""

from __future__ import annotations

import re
from datetime import date

from dateutil import parser as date_parser

MONTHS = {  # month names and their abbreviations, lower-case, to month numbers
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10,
    "nov": 11, "dec": 12,
}
MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?"
    r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
# A financial or academic year: "2013-14", "2012–13", "2024/2025" (a span only when the years are consecutive).
YEAR_SPAN = re.compile(r"\b((?:19|20)\d{2})\s*[/–-]\s*((?:19|20)?\d{2})\b")
_WEEKDAY = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
# Day first, as British papers print it ("Tuesday, 6th June, 2023"), or month first, as North American ones do
# ("Tuesday, February 3, 2026", "Sept. 30, 2015"): with the month in words, either order is unambiguous.
DATE = re.compile(
    rf"\b{_WEEKDAY}(?:(?P<day>\d{{1,2}})(?:\s?(?:st|nd|rd|th))?,?\s+(?P<month>{MONTH}),?\s+(?P<year>(?:19|20)\d\d)"
    rf"|(?P<us_month>{MONTH})\.?\s+(?P<us_day>\d{{1,2}})(?:st|nd|rd|th)?(?:,\s*|\s+)(?P<us_year>(?:19|20)\d\d))\b",
    re.IGNORECASE,
)
_ISO = re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>\d\d)-(?P<day>\d\d)\b")
_NUMERIC = re.compile(r"\b(?P<day>\d{1,2})[/.](?P<month>\d{1,2})[/.](?P<year>(?:19|20)\d\d)\b")
_RANGE = re.compile(
    rf"\b\d{{1,2}}(?:st|nd|rd|th)?(?:\s+{MONTH})?(?:\s+(?:19|20)\d\d)?\s*(?:to|-|–|and)\s*"
    rf"(?P<end>\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH}\s+(?:19|20)\d\d)\b",
    re.IGNORECASE,
)


def year_span(first: str, second: str) -> tuple[int, int] | None:
    """The years of a `YEAR_SPAN` match ("2013", "14" -> (2013, 2014)), or None when they are not consecutive."""
    start = int(first)
    end = int(second) if len(second) == 4 else start + 1 if int(second) == (start + 1) % 100 else -1
    return (start, end) if end == start + 1 else None


def to_iso(text: str) -> str:
    """'6th June, 2023' -> '2023-06-06'; '' when `text` is not a date."""
    m = _ISO.search(text)
    if m:
        return valid_date(int(m.group("year")), int(m.group("month")), int(m.group("day")))
    m = DATE.search(text)
    if not m:
        return ""
    day, month, year = (m.group("day", "month", "year") if m.group("day") else m.group("us_day", "us_month", "us_year"))
    try:
        parsed = date_parser.parse(f"{day} {month} {year}", dayfirst=True)
    except (ValueError, OverflowError):
        return ""
    return parsed.date().isoformat()


def first_date(text: str) -> str:
    """The first date written in `text`, as ISO, or ''."""
    m = DATE.search(text)
    return to_iso(m.group(0)) if m else ""


def range_end(text: str) -> str:
    """The last day of a range such as '9 to 20 May 2022' or '12 September 2016 to 6 October 2016'."""
    m = _RANGE.search(text)
    if m:
        return to_iso(m.group("end"))
    return first_date(text)


def leading_date(file_name: str) -> str:
    """The ISO date a file name starts with ("2025-01-30 Cabinet.pdf", as ModernGov download scripts and
    operators name a meeting's papers), '' when none: a hint to be confirmed, not a source on its own."""
    m = _ISO.match(file_name)
    return valid_date(int(m.group("year")), int(m.group("month")), int(m.group("day"))) if m else ""


def printed_dates(text: str) -> set[str]:
    """Every date `text` prints in words ("12 September 2024") or figures ("12/09/2024"), as ISO."""
    found = {to_iso(m.group(0)) for m in DATE.finditer(text)}
    for m in _NUMERIC.finditer(text):
        found.add(valid_date(int(m.group("year")), int(m.group("month")), int(m.group("day"))))
    return found - {""}


def valid_date(year: int, month: int, day: int) -> str:
    """The ISO date of `year`-`month`-`day`, '' when there is no such day."""
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return ""
