"""Recognise printed paragraph numbers at the start of a line, and judge whether they fit the sequence.

Councils number paragraphs in several ways: "3.1" / "3.1.2" (officer reports), "13." (Staffordshire,
Ofsted, Planning Inspectors), "4.0 Training" (a section heading, not a paragraph), "(295)" and
"291(26)" (minutes), and action ids such as "1.1", "C3" or "PA1.1" at the start of a table cell.
A number at the start of a line is not always a paragraph number ("2023 saw...", "24 care leavers",
"1.5 million people"), so candidates are checked against the numbers seen before them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Markup that may precede a number: indentation, list markers, Markdown headings, bold markers.
_LEAD = re.compile(r"^[ \t]*(?:#{1,6}[ \t]+)?(?:[-*+•][ \t]+)?(?:\*\*|__)?[ \t]*")
_DOTTED = re.compile(r"^(?P<id>[1-9]\d?(?:\.\d{1,3}){1,3})\.?(?:\*\*|__)?(?=\s|$)")
_SIMPLE = re.compile(r"^(?P<id>[1-9]\d{0,3})\.(?:\*\*|__)?(?=\s|$)")
_CLOSE = re.compile(r"^(?P<id>[1-9]\d?)\)(?:\*\*|__)?(?=\s)")
_BARE = re.compile(r"^(?P<id>[1-9]\d?)[ \t]+(?=[A-Z])")
_PAREN = re.compile(r"^(?P<id>\([1-9]\d{0,3}\))(?=\s)")
_MINUTE_SUB = re.compile(r"^(?P<id>[1-9]\d{0,3}\([1-9]\d{0,2}\))(?=\s|$)")
_CELL_ID = re.compile(r"^(?P<id>[A-Z]{1,3}\d{1,2}(?:\.\d{1,2}){1,2}|[1-9]\d?(?:\.\d{1,2}){1,2})\.?(?=\s|$)")
_CODE_CELL = re.compile(r"^(?P<id>[A-Z]{1,3}\d{1,2})$")
# Public questions, statements and petitions are numbered by label: "Question 67 – Phil Collins", "Statement 12".
_LABELLED = re.compile(r"^(?P<id>(?:Question|Statement|Petition)\s+[1-9]\d{0,2})(?=[\s.:–-]|$)")
_SECTION_ZERO = re.compile(r"^[1-9]\d?\.0$")
# A lettered item's own part of its number: "87(6)(g)" is item (g) of paragraph "87(6)".
LETTERED_ITEM = re.compile(r"\((?P<letter>[a-z])\)$")
# A minute number with its committee's letters, printed in many councils' minutes: "PC119" (Planning Committee),
# "CAB23", "EX104". Two letters at least and a number of 10 or more: "A466" is a road, "KS2" a key stage.
_PREFIXED = re.compile(r"^(?P<id>[A-Z]{2,4}[1-9]\d{1,3})(?=[ \t]+\S)")


@dataclass(frozen=True)
class NumberMatch:
    """A number found at the start of a line.

    `style` is "dotted" ("3.1.2"), "simple" ("13."), "close" ("1)"), "bare" ("4 Next Steps"),
    "paren" ("(295)"), "minute" ("291(26)"), "prefixed" ("PC119") or "label" ("Question 67"). `rest` is the
    text after the number, `rest_at` its position within the line.
    """

    para_id: str
    style: str
    rest: str
    rest_at: int

    @property
    def parts(self) -> tuple[int, ...]:
        """The numeric components of a dotted or simple id ("3.1.2" -> (3, 1, 2))."""
        return tuple(int(p) for p in re.findall(r"\d+", self.para_id))

    @property
    def is_section_zero(self) -> bool:
        """True for "4.0"-style numbers, which head a section rather than number a paragraph."""
        return bool(_SECTION_ZERO.match(self.para_id))


def lead_length(line: str) -> int:
    """Characters of indentation and list or heading markup before the content of `line`."""
    m = _LEAD.match(line)
    return m.end() if m else 0


def match_number(line: str) -> NumberMatch | None:
    """The paragraph-number candidate at the start of `line`, if any (no sequence check)."""
    at = lead_length(line)
    body = line[at:]
    for style, pattern in (
        ("label", _LABELLED),
        ("minute", _MINUTE_SUB),
        ("paren", _PAREN),
        ("dotted", _DOTTED),
        ("simple", _SIMPLE),
        ("close", _CLOSE),
        ("bare", _BARE),
        ("prefixed", _PREFIXED),
    ):
        m = pattern.match(body)
        if m:
            rest_at = at + m.end()
            rest = line[rest_at:].strip()
            rest = re.sub(r"^(?:\*\*|__)\s*", "", rest)
            return NumberMatch(m.group("id"), style, rest, rest_at)
    return None


def item_parent(para_id: str) -> str:
    """The paragraph a lettered item belongs to ("87(6)(g)" -> "87(6)"); other numbers are their own."""
    return LETTERED_ITEM.sub("", para_id)


def match_cell_id(cell: str) -> str | None:
    """An action id at the start of a table cell ("1.1 Head of Service...", "C3", "PA1.1 Map...")."""
    text = re.sub(r"<[^>]+>|\*\*", "", cell).strip()
    m = _CELL_ID.match(text) or _CODE_CELL.match(text)
    return m.group("id") if m else None


_RUN_REACH = 40  # numbered lines of other shapes (lists, sub-paragraphs) allowed between two numbers of a run


def running_sequences(lines: list[str], *, min_run: int = 3, max_gap: int = 2) -> frozenset[str]:
    """Numbers at line starts that run in order through the text, whatever they start from: a parish's
    minutes go on from the last meeting's ("2579.", "2580.", ...), a meeting's ids carry its date ("20.07.01",
    "20.07.02", ...). A run is `min_run` or more numbers of one shape, each the one before it plus 1 to
    `max_gap` in its last part (the parts before it equal), in the order they are printed."""
    found = [m for line in lines if (m := match_number(line)) is not None and m.style in ("simple", "dotted")]
    seeds: set[str] = set(_prefixed_runs(lines, max_gap))
    used: set[int] = set()
    for i, first in enumerate(found):
        if i in used:
            continue
        chain, last = [i], first.parts
        for j in range(i + 1, len(found)):
            if j - chain[-1] > _RUN_REACH:
                break  # the next number of a run comes within a few numbered lines (keeps long packs linear)
            parts = found[j].parts
            if (found[j].style == first.style and len(parts) == len(last) and parts[:-1] == last[:-1]
                    and 0 < parts[-1] - last[-1] <= max_gap):
                chain.append(j)
                last = parts
        if len(chain) >= min_run:
            used.update(chain)
            seeds.update(found[k].para_id for k in chain)
    return frozenset(seeds)


def _prefixed_runs(lines: list[str], max_gap: int) -> set[str]:
    """Lettered minute numbers that follow one another ("PC119", "PC120"): two of one prefix in order are
    evidence enough, as a minutes extract may hold only two minutes."""
    found = [m.para_id for line in lines if (m := match_number(line)) is not None and m.style == "prefixed"]
    runs: set[str] = set()
    for a, b in zip(found, found[1:], strict=False):
        prefix = a.rstrip("0123456789")
        step = int(b[len(prefix):]) - int(a[len(prefix):]) if b[len(prefix):].isdigit() else 0
        if b.startswith(prefix) and 0 < step <= max_gap:
            runs.update((a, b))
    return runs


class SequenceTracker:
    """Remembers the numbers accepted so far in one report and judges the next candidate.

    Dotted numbers must continue the last dotted number (next sibling at some level, first child, or the
    next section), allowing a small gap for numbers lost in extraction. Simple numbers must follow the
    last simple number. Numbered headings ("4 Next Steps", "4.0 Training") move the section on. The first
    number of its shape may start anywhere if it begins a run found in the whole text (`seeds`, from
    `running_sequences`): the run is the evidence, not a rule on where numbering starts.
    """

    max_gap = 3

    def __init__(self, seeds: frozenset[str] = frozenset()) -> None:
        self.seeds = seeds
        self.dotted: tuple[int, ...] | None = None
        self.simple: int | None = None
        self.section: int | None = None
        self.paren: int | None = None
        self.labels: dict[str, int] = {}  # "Question" -> the last question number accepted

    def accepts(self, match: NumberMatch) -> bool:
        """Whether `match` plausibly continues the sequence (does not record it)."""
        if match.style == "minute":
            return True
        if match.style == "label":  # the first of a kind at any number (a pack may go on from an earlier one)
            kind, number = match.para_id.split()[0], match.parts[0]
            last = self.labels.get(kind)
            return last is None or last < number <= last + 10
        if match.style == "prefixed":  # only within a run of its prefix found in the whole text
            return match.para_id in self.seeds
        if match.style == "paren":  # "(295)"; footnote marks "(1)", "(2)" are not minute numbers
            number = match.parts[0]
            return number >= 10 or (self.paren is not None and number == self.paren + 1)
        if match.para_id in self.seeds and (self.dotted if match.style == "dotted" else self.simple) is None:
            return True  # the first number of its shape: a run in the text says where the numbering starts
        if match.style == "dotted":
            return self._dotted_ok(match.parts)
        if match.style == "simple":
            return self._simple_ok(match.parts[0])
        return False

    def record(self, match: NumberMatch) -> None:
        """Record an accepted paragraph number."""
        if match.style == "dotted":
            parts = match.parts
            if match.is_section_zero:
                self.section_heading(parts[0])
                return
            self.dotted = parts
            self.section = parts[0]
        elif match.style == "simple":
            self.simple = match.parts[0]
        elif match.style == "paren":
            self.paren = match.parts[0]
        elif match.style == "label":
            self.labels[match.para_id.split()[0]] = match.parts[0]

    def section_heading(self, number: int) -> None:
        """A numbered section heading ("4 Next Steps", "4.0 Training", "4) Options") was seen."""
        self.section = number
        self.dotted = (number,)

    def heading_ok(self, number: int) -> bool:
        """Whether a numbered section heading with `number` fits the sequence."""
        if self.section is None:
            return number <= 3
        return self.section < number <= self.section + self.max_gap or number == self.section

    def _dotted_ok(self, parts: tuple[int, ...]) -> bool:
        last = self.dotted
        if last is None:
            return parts[0] <= 20 and all(p <= 3 for p in parts[1:])
        if len(last) == 1:  # a section heading: its children may start anywhere below 10
            if parts[0] == last[0]:
                return parts[1] <= 9 and all(p <= 3 for p in parts[2:])
            return last[0] < parts[0] <= last[0] + self.max_gap and all(p <= 3 for p in parts[1:])
        return any(self._continues_at(last, parts, k) for k in range(len(last) + 1))

    def _continues_at(self, last: tuple[int, ...], parts: tuple[int, ...], k: int) -> bool:
        """`parts` continues `last` by stepping level `k` (k == len(last) means a first child)."""
        if k == len(last):
            return parts[:k] == last and len(parts) > k and parts[k] <= 2 and all(p <= 2 for p in parts[k:])
        if len(parts) <= k or parts[:k] != last[:k]:
            return False
        step = parts[k] - last[k]
        return 0 < step <= self.max_gap and all(p <= 3 for p in parts[k + 1 :])

    def _simple_ok(self, number: int) -> bool:
        if self.simple is None:
            return number <= 3
        return self.simple < number <= self.simple + self.max_gap


# The label of a numbered heading as printed: "12 Cycle Hangar Policy", "5. Next Meetings", "2.0 Executive
# Summary", "APR8.2 Public inspection ...", "Question 63 – ...". Up to three digits: "2024 Budget" is a year.
_HEADING_LABEL = re.compile(r"^(?:(?:Question|Statement|Petition)\s+\d{1,3}|[A-Z]{2,4}\d{1,3}(?:\.\d{1,3})*"
                            r"|\d{1,3}(?:\.\d{1,3})*)(?=[\s.:)–-]|$)")


def heading_number(section: str) -> list[str]:
    """Text with no number of its own is cited by its innermost numbered heading, as councils cite minutes
    ("minute 12") and report sections ("section 5.3.2"); [] when no heading on its path is numbered."""
    for heading in reversed(section.split(" > ")):
        m = _HEADING_LABEL.match(heading.strip())
        if m:
            return [m.group(0).rstrip(".")]
    return []
