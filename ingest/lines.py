"""Line-level reading of extracted text: table rows, headings and list items.

The block parser (`ingest.blocks`) walks a report line by line; these helpers say what a line is.
Offsets are always into the full extracted text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.cleaning import clean_inline
from ingest.numbering import match_number

_BULLET = re.compile(r"^\s*(?:[-*+•◼▪■●○◦➢✓\uf0b7\uf0a7\uf06e\uf0d8\uf076\uf0fc]|o(?=\s))\s+\S")
# A contents list's entry: its title, a leader of dots and the page it starts on ("5.2 Milestones ....... 23").
_CONTENTS_ENTRY = re.compile(r"(?:[.…] ?){4,}\s*\d{1,3}\s*$")
_LETTERED = re.compile(r"^\s*(?:\(?[a-z]{1,4}\)|\(?[a-hj-z][.)]|\([ivx]{1,4}\)|[ivx]{1,4}\.|[A-H][.)])\s+\S")
_MD_HEADING = re.compile(r"^\s*#{1,6}\s+(?P<text>.+?)\s*#*\s*$")
_BOLD_LINE = re.compile(r"^\s*(?:\*\*|__)(?P<text>[^*_].*?)(?:\*\*|__)\s*:?\s*$")
_SALUTATION = re.compile(r"^(?:Dear|Yours|Kind regards|Best wishes|With best wishes)\b", re.IGNORECASE)
_VALUE = re.compile(r"\d%|£\s?\d|^Report (?:of|by|from) ", re.IGNORECASE)
_SENTENCE_VERB = re.compile(r"\b(?:is|are|was|were|has|have|had|will|would|should|must|can|did|does)\b")
# A resolution as councils print their recommendations ("1) Delegates authority to the Executive Director",
# "2) Notes the submission of ..."): a verb of deciding, then its object. A heading never opens so.
_RESOLUTION = re.compile(r"^(?:approves?|agrees?|notes?|delegates?|endorses?|authori[sz]es?|recommends?|requests?"
                         r"|resolves?|confirms?|instructs?|adopts?)\s+(?:the|that|to|a|an|its|all|authority)\b",
                         re.IGNORECASE)
_CAPTION = re.compile(r"^(?:Table|Figure|Chart|Graph)\s+\d+[a-z]?\b", re.IGNORECASE)
_NOT_HEADINGS = {"n/a", "none", "nil", "tbc", "tbd", "yes", "no", "none identified"}
_DATE_ONLY = re.compile(
    r"^(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]+,?\s+\d{4}$"
    r"|^[A-Za-z]+\s+\d{4}$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Line:
    """One line of the extracted text: its content and its [start, end) offsets (without the newline)."""

    text: str
    start: int
    end: int

    @property
    def blank(self) -> bool:
        return not self.text.strip()


def split_lines(text: str, start: int, end: int) -> list[Line]:
    """The lines of `text[start:end]` with their offsets."""
    lines = []
    at = start
    for chunk in text[start:end].split("\n"):
        lines.append(Line(chunk, at, at + len(chunk)))
        at += len(chunk) + 1
    return lines


def is_contents_entry(line: str) -> bool:
    """A line of a contents list, which names a section without being it (no heading, no paragraph)."""
    return _CONTENTS_ENTRY.search(line) is not None


def is_list_item(line: str) -> bool:
    """A bullet ("- ", "•", "o ") or a lettered/roman sub-item ("(a)", "b)", "ii.")."""
    return bool(_BULLET.match(line) or _LETTERED.match(line))


def marked_heading(line: str) -> str | None:
    """The text of a Markdown heading or a bold-only line, cleaned; None otherwise."""
    m = _MD_HEADING.match(line) or _BOLD_LINE.match(line)
    if not m:
        return None
    text = heading_text(m.group("text"))
    return text if 0 < len(text) <= 200 else None


def heading_text(raw: str) -> str:
    """A heading cleaned for a heading path: no markup, no trailing dash or colon."""
    text = clean_inline(raw).strip()
    return re.sub(r"[\s:–—-]+$", "", text).strip()


def title_like(text: str, *, max_len: int = 90) -> bool:
    """Short, unpunctuated text that reads as a heading ("Recruit and retain staff", "SUMMARY")."""
    s = clean_inline(text).strip()
    if not s or len(s) > max_len or s.lower() in _NOT_HEADINGS or _SALUTATION.match(s):
        return False
    if not re.search(r"[A-Za-z]{3}", s) or sum(c.isdigit() for c in s) * 2 > len(s.replace(" ", "")):
        return False  # chart axis labels ("2 3 1 2 4"), bare years
    if s.rstrip("\"'”’)")[-1:] in ".,;:!" or len(s.split()) > 14 or _VALUE.search(s):
        return False
    if not (s[0].isupper() or s[0].isdigit() or s[0] in "'\"‘“(") or _RESOLUTION.match(s):
        return False
    return not _DATE_ONLY.match(s)


_JOB_TITLE = re.compile(
    r"\b(?:(?:Director|Officer|Manager|Commissioner|Advis[eo]r|Lead Member|Team Leader)"
    r"(?: (?:of|for) [A-Z][\w'’ ,&-]+)?|Head of [A-Z][\w'’ ,&-]+|Chief Executive|Cabinet Member for [\w'’ ,&-]+)\s*$"
)


def plain_heading_run(lines: list[Line], i: int) -> int:
    """How many lines from `i` form an unmarked heading (0 if none).

    A heading is one or two short lines, starting with a capital, without closing punctuation, that
    stand alone: a blank line (or a numbered paragraph) follows.
    """
    run = i
    while run < len(lines) and run - i < 3 and not lines[run].blank:
        line = lines[run].text
        if run > i and (is_list_item(line) or _numbered(line) or "\t" in line or line.lstrip().startswith("|")):
            break
        run += 1
    if run - i > 2 or run == i:
        return 0
    joined = " ".join(ln.text.strip() for ln in lines[i:run])
    if _JUDGEMENT.search(joined) and len(joined) <= 160 and _numbered_next(lines, run):
        return run - i  # Ofsted's judgement heading, often two lines: "The experiences and progress of ...: good"
    if not title_like(joined, max_len=120):
        return 0
    if re.match(r"^[A-Z][A-Za-z.'’/&()-]*(?: [A-Za-z.'’/&()-]+){0,2}:\s+\S", clean_inline(joined)):  # "Author: X"
        return 0
    if _JOB_TITLE.search(clean_inline(joined)) or _byline_next(lines, run):  # "Jackie Ross / SEND Director"
        return 0
    caption = bool(_CAPTION.match(joined))  # "Table 1a: EHC assessment case status ..."
    if not caption and not reads_as_heading(joined) and not (_numbered_next(lines, run) and _no_sentence(joined)):
        return 0
    if is_list_item(lines[i].text):
        return 0
    if run - i == 2 and not lines[i + 1].text.strip()[:1].islower() and len(lines[i].text.strip()) > 60:
        return 0
    return run - i


# An inspection report's judgement heading names an area and its grade, as Ofsted prints them.
# "...: requires improvement to be good", or with a verb: "... protection requires improvement to be good".
_JUDGEMENT = re.compile(
    r"^[A-Z][^.:]{10,140}(?::\s*(?:outstanding|good|requires improvement(?: to be good)?|inadequate)"
    r"|\s+(?:is|are)\s+(?:outstanding|good|inadequate)|\s+requires?\s+improvement\s+to\s+be\s+good)\s*$")


def _byline_next(lines: list[Line], j: int) -> bool:
    """Whether the next non-blank line from `j` is a job title, making this line a name in a byline."""
    while j < len(lines) and lines[j].blank:
        j += 1
    return j < len(lines) and len(lines[j].text) < 90 and bool(_JOB_TITLE.search(clean_inline(lines[j].text)))


def reads_as_heading(text: str) -> bool:
    """Heading wording: no auxiliary verb, at most one comma, and Title Case or at most six words."""
    return _no_sentence(text) and (_title_cased(text) or len(text.split()) <= 6)


def _no_sentence(text: str) -> bool:
    """No "were received", no mid-text question, fewer than two commas: not a sentence or a list."""
    return not (_SENTENCE_VERB.search(text) or "?" in text.rstrip("?") or text.count(",") >= 2)


def _title_cased(text: str) -> bool:
    """UPPERCASE, or most longer words capitalised ("The DFE Staying Close Programme")."""
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", text) if len(w) > 3]
    return bool(words) and (text.upper() == text or sum(w[0].isupper() for w in words) >= 0.6 * len(words))


def _numbered_next(lines: list[Line], j: int) -> bool:
    """Whether the next non-blank line from `j` starts a numbered paragraph."""
    while j < len(lines) and lines[j].blank:
        j += 1
    return j < len(lines) and _numbered(lines[j].text)


def _numbered(line: str) -> bool:
    m = match_number(line)
    return m is not None and m.style in ("dotted", "simple", "minute", "paren")


def bold_continuation(lines: list[Line], i: int) -> int:
    """Extra lines of a bold heading whose closing "**" is on a later line (at most two)."""
    if lines[i].text.count("**") % 2 == 0:
        return 0
    for extra in (1, 2):
        if i + extra < len(lines) and "**" in lines[i + extra].text:
            return extra
    return 0


_LETTER_MARK = re.compile(r"^\s*(?:\((?P<a>[a-z])\)|(?P<b>[a-z])[).])\s+\S")


def lettered_runs(lines: list[Line]) -> dict[int, str]:
    """Lines opening the items of a lettered sequence ("(a) Financial Statement", "(b) Payment of Accounts",
    "c) ..."), by line index: the letters run in order from "a", two items at least, as a minute's or a
    paragraph's sub-items are printed ("69(e)", "5 d)"). A lone "(i)" or a run not from "a" is no sequence."""
    marks = [(i, m.group("a") or m.group("b")) for i, ln in enumerate(lines) if (m := _LETTER_MARK.match(ln.text))]
    found: dict[int, str] = {}
    run: list[tuple[int, str]] = []
    for item in [*marks, (-1, "")]:
        if run and item[1] and ord(item[1]) == ord(run[-1][1]) + 1:
            run.append(item)
            continue
        if len(run) >= 2:
            found.update(run)
        run = [item] if item[1] == "a" else []
    return found


def short_numbered_lists(lines: list[Line]) -> set[int]:
    """Lines starting the items of a short numbered list ("1. Relational", "2. Respect"), which are not
    paragraphs: a run numbered from 1, at least two items, every item under 150 characters. A line the paper
    marks as a heading ("### 2. Public Health") is a heading, however short its section."""
    starts: list[tuple[int, int, int]] = []  # (line index, number, item length)
    for i, line in enumerate(lines):
        m = match_number(line.text)
        if m is None or m.style != "simple" or _MD_HEADING.match(line.text):
            continue
        j, size = i + 1, len(m.rest)
        while j < len(lines) and not lines[j].blank and match_number(lines[j].text) is None:
            size += len(lines[j].text.strip())
            j += 1
        starts.append((i, m.parts[0], size))
    result: set[int] = set()
    run: list[tuple[int, int, int]] = []
    for item in [*starts, (10**9, -1, 0)]:
        if run and item[1] == run[-1][1] + 1 and item[0] - run[-1][0] <= 6:
            run.append(item)
            continue
        if len(run) >= 2 and run[0][1] == 1 and all(size < 150 for _, _, size in run):
            result.update(i for i, _, _ in run)
        run = [item]
    return result
