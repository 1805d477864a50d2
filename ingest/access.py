"""Is this paper exempt (Part II, "not for publication")? Read from the paper's own cover.

Councils mark an exempt report on its cover or first page with the statutory ground: "NOT FOR
PUBLICATION by virtue of paragraph 3 of Part 1 of Schedule 12A to the Local Government Act 1972",
"Exempt information: paragraphs 1 and 2 of Schedule 12A", "Part II", "Section 100A(4)". The same words
also appear in public papers that are *about* exemption without being exempt: a forward plan's column
("Part exempt, 3") for the decisions it lists, a constitution's access-to-information rules, an agenda
naming a later item for which the press will be excluded, a cover answering "Is the report exempt? No".
So a marking counts only when it is on the cover, states the paper itself is exempt, and is not a
"No" answer, a rule, a list of items or a resolution to exclude the press.

A public report with an exempt appendix is public: the appendix is a paper of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

COVER_CHARS = 2500  # the cover sheet and the first page's heading block

_GROUND = re.compile(
    r"(?:para(?:graph)?s?\.?\s*(?P<paras>\d{1,2}(?:\s*(?:,|and|&|-|to)\s*\d{1,2})*)\s+of\s+)?"
    r"(?:Part\s*(?:1|I)\s+of\s+)?Sch(?:edule|ed\.?|\.)?\s*12\s*\(?\s*A\s*\)?", re.IGNORECASE)
_SECTION = re.compile(r"Section\s+100\s*\(?\s*A\s*\)?\s*\(\s*4\s*\)", re.IGNORECASE)
_MARKING = re.compile(
    r"\bnot\s+for\s+publication\b|\bexempt\s+(?:information|report|appendix|item|from\s+publication)\b"
    r"|\bconfidential\b|\bpart\s+(?:ii|2)\b|\brestricted\b|\bprivate\s+(?:and|&)\s+confidential\b"
    r"|\b(?:this|the)\s+(?:report|paper|appendix|information)\s+(?:is|contains|will\s+be)\s+(?:\w+\s+){0,3}exempt\b",
    re.IGNORECASE)
# Shapes of text that talk about exemption without making this paper exempt.
_NOT_THIS_PAPER = re.compile(
    r"exempt\??\s*[:\-–]?\s*(?:no|none|n/a)\b|\bopen\s*/\s*exempt\b|\bpart\s+exempt\b"
    r"|\bexclu(?:de|ded|sion)\b"
    r"|\b(?:only\s+)?appendi(?:x|ces)\s+\w{1,3}\s+(?:is|are)\s+exempt\b|\bexempt\s+appendi(?:x|ces)\s+\w{1,3}\b"
    r"|\bcategor(?:y|ies)\s+of\s+exempt\b|\bmay\s+be\s+exempt\b|\bif\s+(?:the|any)\b"
    r"|(?<!not )\bfor\s+publication\b|\bdo\s+not\s+include\b",  # a decision form's "For publication" box
    re.IGNORECASE)
# A paper about the rules or listing others' decisions: anywhere on its cover.
_ABOUT_EXEMPTION = re.compile(r"\baccess\s+to\s+information\b|\bprocedure\s+rules\b|\bforward\s+plan\b"
                              r"|\bnotice\s+of\s+(?:key\s+)?decisions\b", re.IGNORECASE)
_YES = re.compile(r"exempt\??\s*[:\-–]?\s*yes\b", re.IGNORECASE)


@dataclass(frozen=True)
class ExemptMarking:
    """Why a paper is exempt: the ground as printed on its cover."""

    reason: str


def exempt_marking(text: str, *, cover_chars: int = COVER_CHARS) -> ExemptMarking | None:
    """The paper's exempt marking, or None when the paper is public (by its cover).

    Each line of the cover (with the line after it, as markings wrap) is read on its own: it must hold a
    marking ("not for publication", "exempt information", "Part II", "confidential") together with the
    statutory ground (Schedule 12A or section 100A(4)), or answer the cover's "exempt?" question "Yes"
    for the report itself, and must not be one of the shapes that speak of other items or of the rules.
    """
    cover = text[:cover_chars]
    if _ABOUT_EXEMPTION.search(cover):
        return None
    lines = [ln.strip() for ln in cover.splitlines()]
    for i, line in enumerate(lines):
        window = " ".join(part for part in lines[i : i + 3] if part)
        if not line or _NOT_THIS_PAPER.search(window):
            continue
        ground = _GROUND.search(window) or _SECTION.search(window)
        if ground and (_MARKING.search(window) or _YES.search(window)):
            return ExemptMarking(_reason(ground))
    return None


def _reason(ground: re.Match[str]) -> str:
    """The statutory ground in plain words: "paragraph 3 of Part 1 of Schedule 12A" or "section 100A(4)"."""
    if ground.re is _SECTION:
        return "section 100A(4) of the Local Government Act 1972"
    paras = ground.group("paras")
    if not paras:
        return "Schedule 12A to the Local Government Act 1972"
    numbers = re.findall(r"\d{1,2}", paras)
    word = "paragraph" if len(numbers) == 1 else "paragraphs"
    listed = numbers[0] if len(numbers) == 1 else ", ".join(numbers[:-1]) + " and " + numbers[-1]
    return f"{word} {listed} of Part 1 of Schedule 12A to the Local Government Act 1972"
