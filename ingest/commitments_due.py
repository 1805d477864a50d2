"""When an action or commitment is due, as printed and as a date or range.

Councils write deadlines in a handful of shapes: a day ("by 31 March 2026"), a month ("in September",
"September 2025"), a UK financial year ("2026-27", "2026/27": April to March), a season ("later in the
summer"), a year ("by 2030"), a span of months ("September 2025 to August 2029"), or a relative time
("next meeting", "in around 6 months' time"). A month or season without a year takes the year of the
meeting, moving to the next year when that month has already passed (a deadline is in the future).
"""

from __future__ import annotations

import re

from ingest.dates import MONTH, MONTHS

_LEAD = (
    r"(?:(?:by|before|until|no later than|from|in|during|on|at|for|within|after|at the end of|end of|the end of)\s+)?"
)
_DAY_MONTH_YEAR = re.compile(
    rf"\b{_LEAD}(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month>{MONTH})\s*,?\s+(?P<year>20\d\d)\b", re.I
)
_MONTH_SPAN = re.compile(
    rf"\b{_LEAD}(?:between\s+)?(?P<m1>{MONTH})(?:\s+(?P<y1>20\d\d))?\s*(?:to|-|–|and|until)\s*"
    rf"(?P<m2>{MONTH})\s+(?P<y2>20\d\d)\b",
    re.I,
)
_MONTH_YEAR = re.compile(rf"\b{_LEAD}(?:the\s+end\s+of\s+)?(?P<month>{MONTH})\s*,?\s+(?P<year>20\d\d)\b", re.I)
_YEAR_SPAN = re.compile(
    r"\b(?:(?:by|in|for|during|from|until|over)\s+)?(?P<y1>20\d\d)\s*[-/–]\s*(?P<y2>(?:20)?\d\d)\b(?!\s*[-/–]\d)"
)
# A day without its year, as minutes date the next event: "on Tuesday 7th May", "on Saturday 23/11" (day/month).
# Case-sensitive month names ("may" is a verb); a lead word, so "17/01174/PP" or "3 of 5" is no date.
_DAY_MONTH = re.compile(
    rf"\b(?:on|by|for|until|before|from)\s+(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
    rf"(?:(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month>{MONTH})\b(?!\s*,?\s*20\d\d)"
    r"|(?P<d>\d{1,2})/(?P<m>\d{1,2})\b(?![/.]\d))"
)
_SEASON = re.compile(
    r"\b(?:(?:later|early|earlier|late)\s+(?:in\s+)?)?(?:(?:in|by|during|over)\s+)?(?:the\s+|this\s+|next\s+)?"
    r"(?P<season>spring|summer|autumn|winter)(?:\s+(?:of\s+)?(?P<year>20\d\d))?\b",
    re.I,
)
_THIS_YEAR = re.compile(r"\b(?:later|by the end of|before the end of|during|by end of)\s+(?:this|the)\s+year\b", re.I)
_MONTH_ALONE = re.compile(
    rf"\b(?:(?:by|in|before|until|from|during|at)\s+(?:the\s+end\s+of\s+)?|(?:the\s+)?end\s+of\s+)"
    rf"(?:the\s+)?(?P<month>{MONTH})\b(?!\s+20\d\d)"
)
_YEAR = re.compile(
    r"\b(?:by|in|during|until|before|from|within)\s+(?:the\s+end\s+of\s+)?(?P<year>20\d\d)\b(?!\s*[-/–]\s*\d)", re.I
)
_IN_MONTHS = re.compile(
    r"\bin\s+(?:around\s+|about\s+)?(?P<n>\d{1,2}|one|two|three|four|five|six|nine|twelve)\s+months?(?:['’]?\s*time)?",
    re.I,
)
_VAGUE = re.compile(
    r"\b(?:(?:at|to|by)\s+the\s+next\s+(?:\w+\s+)?meeting|at\s+a\s+future\s+meeting|in\s+due\s+course"
    r"|as\s+soon\s+as\s+possible|in\s+the\s+new\s+year)\b",
    re.I,
)

_SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "winter": (12, 2)}
_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "nine": 9, "twelve": 12}


def read_due(sentence: str, meeting_date: str = "") -> tuple[str, str]:
    """(due as printed, due_date) for the deadline in `sentence`; ("", "") when it names none.

    `meeting_date` (ISO) supplies the year for "September" or "the summer" and the start for "in six
    months". Readers are tried from the most to the least specific; the first that matches wins.
    """
    year, month = _meeting(meeting_date)
    for reader in (
        _day,
        _month_span,
        _month_year,
        _day_month,
        _year_span,
        _season,
        _this_year,
        _in_months,
        _month_alone,
        _year,
        _vague,
    ):
        found = reader(sentence, year, month)
        if found:
            return found
    return "", ""


def _meeting(meeting_date: str) -> tuple[int | None, int | None]:
    m = re.match(r"(\d{4})-(\d\d)", meeting_date or "")
    return (int(m.group(1)), int(m.group(2))) if m else (None, None)


def _printed(m: re.Match) -> str:
    return " ".join(m.group(0).split())


def _month_no(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def _day(s: str, *_: int | None) -> tuple[str, str] | None:
    m = _DAY_MONTH_YEAR.search(s)
    if not m:
        return None
    return _printed(m), f"{m.group('year')}-{_month_no(m.group('month')):02d}-{int(m.group('day')):02d}"


def _month_span(s: str, *_: int | None) -> tuple[str, str] | None:
    m = _MONTH_SPAN.search(s)
    if not m:
        return None
    m1, m2, y2 = _month_no(m.group("m1")), _month_no(m.group("m2")), int(m.group("y2"))
    y1 = int(m.group("y1")) if m.group("y1") else (y2 if m1 <= m2 else y2 - 1)
    return _printed(m), f"{y1}-{m1:02d}/{y2}-{m2:02d}"


def _month_year(s: str, *_: int | None) -> tuple[str, str] | None:
    m = _MONTH_YEAR.search(s)
    if not m:
        return None
    return _printed(m), f"{m.group('year')}-{_month_no(m.group('month')):02d}"


def _day_month(s: str, year: int | None, month: int | None) -> tuple[str, str] | None:
    m = _DAY_MONTH.search(s)
    if not m:
        return None
    day, mo = (int(m.group("day")), _month_no(m.group("month"))) if m.group("day") else (int(m.group("d")),
                                                                                      int(m.group("m")))
    if not (1 <= day <= 31 and 1 <= mo <= 12):
        return None
    if year is None:
        return _printed(m), ""
    y = year + 1 if month is not None and mo < month else year  # a month already past: the next year
    return _printed(m), f"{y}-{mo:02d}-{day:02d}"


def _year_span(s: str, *_: int | None) -> tuple[str, str] | None:
    """ "2026-27" or "2026/27" is a financial year (April to March); "2025-29" a span of calendar years."""
    for m in _YEAR_SPAN.finditer(s):
        y1, tail = int(m.group("y1")), m.group("y2")
        y2 = int(tail) if len(tail) == 4 else (y1 // 100) * 100 + int(tail)
        if y2 == y1 + 1:
            return _printed(m), f"{y1}-04/{y2}-03"
        if y1 < y2 <= y1 + 10:
            return _printed(m), f"{y1}-01/{y2}-12"
    return None


def _season(s: str, year: int | None, month: int | None) -> tuple[str, str] | None:
    m = _SEASON.search(s)
    if not m:
        return None
    first, last = _SEASONS[m.group("season").lower()]
    y = int(m.group("year")) if m.group("year") else year
    if y is None:
        return _printed(m), ""
    if not m.group("year") and month is not None and month > (last if last >= first else 12):
        y += 1  # the meeting is already past this season: the next one is meant
    y_end = y + 1 if last < first else y
    return _printed(m), f"{y}-{first:02d}/{y_end}-{last:02d}"


def _this_year(s: str, year: int | None, _month: int | None) -> tuple[str, str] | None:
    m = _THIS_YEAR.search(s)
    if not m:
        return None
    return _printed(m), (f"{year}-01/{year}-12" if year else "")


def _in_months(s: str, year: int | None, month: int | None) -> tuple[str, str] | None:
    m = _IN_MONTHS.search(s)
    if not m:
        return None
    if year is None or month is None:
        return _printed(m), ""
    n = m.group("n").lower()
    total = year * 12 + month - 1 + (int(n) if n.isdigit() else _WORDS[n])
    return _printed(m), f"{total // 12}-{total % 12 + 1:02d}"


def _month_alone(s: str, year: int | None, month: int | None) -> tuple[str, str] | None:
    m = _MONTH_ALONE.search(s)
    if not m:  # case-sensitive: "in March" is a month, "may" and "march" are verbs
        return None
    if year is None:
        return _printed(m), ""
    mo = _month_no(m.group("month"))
    y = year + 1 if month is not None and mo < month else year
    return _printed(m), f"{y}-{mo:02d}"


def _year(s: str, *_: int | None) -> tuple[str, str] | None:
    m = _YEAR.search(s)
    if not m:
        return None
    y = m.group("year")
    return _printed(m), f"{y}-01/{y}-12"


def _vague(s: str, *_: int | None) -> tuple[str, str] | None:
    m = _VAGUE.search(s)
    return (_printed(m), "") if m else None
