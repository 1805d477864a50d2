"""A meeting's papers share its committee: an appendix, a statements pack or a public-questions paper
seldom prints the committee it went to, while the meeting's agenda, minutes or decision record do.

Councils publish a meeting as a set of papers (ModernGov: one meeting, its agenda items, their linked
documents), and an operator downloads them together. Papers of one council with the same meeting date in
the same folder are taken as one meeting's papers; a paper that names no committee takes the committee its
meeting's own record names (agenda, minutes, decision record), else the one its other papers name. Only a
single committee, however printed ("&" or "and"), is ever taken: two committees meeting the same day leave
the paper's committee unknown rather than guessed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import PurePath
from typing import Protocol

# The meeting's own record names the committee as it met; a report's cover may use a shorter name.
RECORDS = frozenset({"agenda", "minutes", "decision"})


class PaperFacts(Protocol):
    document_id: str
    source: str  # the file's path (its folder groups a meeting's papers)
    council: str
    committee: str
    meeting_date: str
    doc_type: str


def committees_from_meetings(papers: Sequence[PaperFacts]) -> dict[str, str]:
    """{document id: committee} for the papers that name none and whose meeting's papers name one."""
    meetings: dict[tuple[str, str, str], list[PaperFacts]] = {}
    for paper in papers:
        if paper.council and paper.meeting_date:
            key = (paper.council, paper.meeting_date, str(PurePath(paper.source).parent))
            meetings.setdefault(key, []).append(paper)
    found: dict[str, str] = {}
    for group in meetings.values():
        named = [p for p in group if p.committee]
        unnamed = [p for p in group if not p.committee]
        if not named or not unnamed:
            continue
        sources = [p for p in named if p.doc_type in RECORDS] or named
        if len({_loose(p.committee) for p in sources}) != 1:
            continue
        for paper in unnamed:
            found[paper.document_id] = sources[0].committee
    return found


def _loose(name: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", name.casefold().replace("&", " and ")).split())
