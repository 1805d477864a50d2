"""Is this paper exempt (Part II, "not for publication")? Read from the paper's own cover.

API: `exempt_marking(text, pages=None) -> ExemptMarking | None`. `text` is one paper's (or one report's)
extracted text; `pages` are its (start, end) character spans, relative to `text`, when the format has
pages. The result is None when the paper is public, else `ExemptMarking(reason, marking)`: `reason` is the
statutory ground as printed ("paragraph 3 of Part 1 of Schedule 12A to the Local Government Act 1972",
"Section 100A(4)"), or the marking itself when no ground is printed ("NOT FOR PUBLICATION");
`marking` is the cover line that said so, for an operator to check.

Only the cover counts: the first page (with the next one when the first is a bare cover sheet), or the
first COVER_CHARS characters. Councils print the same words in public papers that are *about* exemption:
a forward plan's "Part exempt, 3" column, a constitution's access-to-information rules, an agenda or
minutes excluding the press for another item, a cover answering "Is the report exempt? No". Those shapes
are vetoed; a cover question answered "No" is decisive. A public report with an exempt appendix is public
("Yes - Appendix B is exempt"): the appendix is a paper of its own, exempt when its own title says
"Exempt appendix" or its own cover carries the marking.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

COVER_CHARS = 2500
_BARE_COVER = 400  # a first page this short is a cover sheet: the report's first page is read too
_I = re.IGNORECASE

_PARAS = r"para(?:graph)?s?\.?\s*(?:\(s\)\s*)?\d{1,2}[a-z]?(?:\s*(?:,|and|&|or|to|-|–)\s*\d{1,2}[a-z]?)*"
_SCHED = r"Sch(?:edule|ed)?\.?\s*12\s*\(?\s*A\s*\)?"
_ACT = r"(?:\s*(?:to|of)\s+the\s+Local\s+Government\s+Act\s*1972|\s*(?:of\s+the\s+)?LGA\s*1972)"
# The ground as printed, in any order: "paragraph 3 of Part 1 of Schedule 12A to the LGA 1972",
# "Local Government Act 1972, Sch 12A, para 5", "Section 100A(4) of the Local Government Act 1972".
_GROUND = re.compile(
    rf"(?:{_PARAS}\s*(?:of\s+)?(?:Part\s*(?:1|I|One)\s*,?\s*(?:of\s+)?)?(?:the\s+)?"
    rf"|(?:the\s+)?Local\s+Government\s+Act\s*1972\s*,?\s*)?{_SCHED}{_ACT}?(?:\s*[,(]?\s*{_PARAS}\)?)?"
    rf"|Section\s*100\s*\(?\s*A\s*\)?\s*\(\s*4\s*\){_ACT}?", _I)
# Markings that make a paper exempt on their own, and ones that need a printed ground beside them.
_STRONG = re.compile(
    r"\bnot\s+for\s+(?:general\s+)?publication\b|\bdocument\s+is\s+restricted\b"
    r"|\b(?:this|the)\s+(?:report|paper|document|item)\s+(?:is|contains|will\s+be)\s+(?:\w+\s+){0,2}?"
    r"(?:exempt|confidential)\b|\bpart\s+(?:ii|2|two)\s*[-–:(]\s*(?:exempt|confidential|private|closed)\b"
    r"|\bclassification\s*:?\s*(?:exempt|restricted|closed|confidential)\b", _I)
_WEAK = re.compile(r"\bexempt\b|\bconfidential\b|\b(?<!un)restricted\b|\bprivate\b|\bpart\s+(?:ii|2)\b"
                   r"|\bby\s+virtue\s+of\b|\bsection\s*100\s*\(?\s*a", _I)
# Statements about other items, about the rules, or saying no: not a marking of this paper.
_VETO = re.compile(
    r"\bexclu(?:de|ded|sion|ding)\b|\babsence\s+of\s+the\s+(?:press|public)|\bfollowing\s+items?\b"
    r"|(?<!agenda )\bitems?\s+(?:\d|which|that|listed|below)|\bcategor(?:y|ies)\b|\bdescriptions?\s+of\b|\bmay\s+be\b"
    r"|\bif\b|\bwhether\b|\bdo\s+not\s+include\b|\bmeans\b|\bfalling\s+within\b|\bprocedure\s+rules?\b"
    r"|\b(?:does|do|is|are|will)\s+not\s+(?!for\b)|\bnot\s+(?:exempt|confidential)\b|\bnone\b", _I)
_APPENDIX_SUBJECT = re.compile(
    r"\b(?:appendi(?:x|ces)|annex(?:es)?)\b[^.;]{0,60}?(?:\b(?:is|are)\b[^.;]{0,25}|[-–:(]\s*)$", _I)
# "Appendix 2", "Appendix number: B" under a "Yes": the exempt part named is an appendix, not the report.
_ID = r"(?-i:[A-Z0-9]{1,3})\b"
_APPENDIX_NAMED = re.compile(
    rf"\bappendi(?:x|ces)\s*(?:number|no\.?)\s*:?\s*{_ID}|\b(?:exempt|confidential)\b[^.]{{0,80}}\bappendi(?:x|ces)\s+{_ID}"
    rf"|\bappendi(?:x|ces)\s+{_ID}\s*(?:is|are)\s+(?:exempt|confidential)", _I)
_WHOLE_REPORT = re.compile(r"\b(?:whole|full|this|the)\s+report\b", _I)
_APPENDIX_AFTER = re.compile(r"^\s*(?:appendi|annex)", _I)
_EXEMPT_APPENDIX_TITLE = re.compile(
    r"^(?:(?:exempt|confidential)\s+(?:appendix|annex)\b|(?:appendix|annex)\s+\w{1,4}\s*[-–:(]?\s*"
    r"(?:\(\s*)?(?:exempt|confidential|not\s+for\s+publication)\b)", _I)
# A cover question or field about this paper: "Is the report (or any appendix) exempt?", "Exempt: No",
# "Does the report contain confidential or exempt information?", "Exempt information: paragraph 3 ...".
_QUESTION = re.compile(
    r"^(?:is\s+(?:this|the)\s+(?:report|paper|decision|item)\b[^?]{0,40}?\b(?:exempt|confidential)[^?]{0,30}\?"
    r"|does\s+(?:this|the)\s+report\s+contain\s+(?:confidential\s+or\s+)?exempt\s+information\s*\?"
    r"|(?:confidential\s*(?:/|or)\s*)?exempt(?:\s+information|\s+from\s+publication)?\s*[?:]"
    r"|open\s*(?:/|or)\s*exempt\s*[?:])\s*", _I)
_NO = re.compile(r"^\W*(?:no\b|none\b|n/?a\b|not\s+applicable|open\b|public\b)", _I)
_YES_APPENDIX = re.compile(r"^\W*(?:yes\W*)?(?:\(?\s*)?(?:only\s+)?(?:the\s+)?(?:exempt\s+|confidential\s+)?"
                           r"(?:appendi|annex)", _I)
_YES = re.compile(r"^\W*yes\b(?![\s/]+no\b)", _I)
# Papers that list other papers' exemption or state the rules: a forward plan, the constitution's rules.
_LISTING = re.compile(
    r"^(?:(?:\w+\s+){0,4}-\s*)?(?:forward\s+plan|notice\s+of\s+(?:key\s+)?decisions|forthcoming\s+(?:key\s+)?decisions"
    r"|(?:part\s+[\d.]+\s*[-–:]?\s*)?access\s+to\s+information\s+(?:procedure\s+)?rules)\b(?!\s*(?:[:?]|ref|no\b|number))"
    r"|\bpart\s+exempt\b|\bopen\s*/\s*exempt\b", _I)


@dataclass(frozen=True)
class ExemptMarking:
    """Why a paper is exempt: the ground as printed on its cover, and the cover line that marks it."""

    reason: str
    marking: str


def exempt_marking(text: str, pages: list[tuple[int, int]] | None = None, *,
                   cover_chars: int = COVER_CHARS) -> ExemptMarking | None:
    """The paper's exempt marking from its cover, or None when the paper is public (see the module doc)."""
    lines = [" ".join(line.split()) for line in _cover(text, pages, cover_chars).splitlines()]
    if any(_LISTING.search(line) for line in lines) or sum(bool(_QUESTION.match(line)) for line in lines) > 2:
        return None  # a list of others' decisions (one "exempt?" field per row) or the rules
    title = [line for line in lines if line][:3]
    for line in title:  # the paper is itself an exempt appendix
        if _EXEMPT_APPENDIX_TITLE.match(line):
            return ExemptMarking(_ground(" ".join(lines)) or line, line)
    for i, line in enumerate(lines):
        if question := _QUESTION.match(line):
            answer = (line[question.end():] or _next(lines, i)).strip()
            if _NO.match(answer) or _YES_APPENDIX.match(answer):
                return None  # the cover says so: public, or public with an exempt appendix
            follow = " ".join(lines[i + 1 : i + 4])
            if _YES.match(answer) and not _GROUND.search(answer) and _APPENDIX_NAMED.search(follow) \
                    and not _WHOLE_REPORT.search(answer + " " + follow):
                return None  # "Yes" then the form names the exempt appendix
            if _YES.match(answer) or _GROUND.search(answer):
                return ExemptMarking(_ground(answer + " " + _next(lines, i)) or "exempt (cover)", line)
    for i, line in enumerate(lines):
        markers = sorted([*_STRONG.finditer(line), *_WEAK.finditer(line)], key=lambda m: m.start())
        statement = _statement(lines, i)
        if not markers or _VETO.search(statement) or _APPENDIX_SUBJECT.search(line[: markers[0].start()]) \
                or _APPENDIX_AFTER.match(line[markers[0].end():]):
            continue  # the line's first marking is about another item, an appendix or the rules
        for marker in markers:
            ground = _ground(statement)
            if ground or marker.re is _STRONG:  # a stamp's ground may be printed elsewhere on the cover
                return ExemptMarking(ground or _ground("\n".join(lines)) or marker.group(0), line)
    return None


def _cover(text: str, pages: list[tuple[int, int]] | None, cover_chars: int) -> str:
    """The first page (and the next when the first is a bare cover sheet), else the first characters."""
    if not pages:
        return text[:cover_chars]
    end = pages[0][1]
    if len(text[pages[0][0]:end].strip()) < _BARE_COVER and len(pages) > 1:
        end = pages[1][1]
    return text[pages[0][0]:end]


def _next(lines: list[str], i: int) -> str:
    """The next non-empty line: a form's answer is often printed under its question."""
    return next((line for line in lines[i + 1 : i + 3] if line), "")


def _statement(lines: list[str], i: int) -> str:
    """Line i with the wrapped lines of its sentence (up to two either side, stopping at blank lines)."""
    start, end = i, i
    while start > i - 2 and start > 0 and lines[start - 1] and not lines[start - 1].endswith((".", ";", "?", ":")):
        start -= 1
    while end < i + 2 and end + 1 < len(lines) and lines[end + 1] and not lines[end].endswith((".", ";", "?")):
        end += 1
    return " ".join(lines[start : end + 1])


def _ground(text: str) -> str | None:
    """The statutory ground as printed, whitespace normalised."""
    match = _GROUND.search(text)
    return match.group(0).strip(" ,.;()") if match else None
