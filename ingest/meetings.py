"""A meeting's papers share its committee and council: an appendix, a statements pack or a public-questions
paper seldom prints the committee it went to, a decision form seldom the council, while the meeting's
agenda, minutes or report do; an appendix seldom prints its meeting's date.

Councils publish a meeting as a set of papers (ModernGov: one meeting, its agenda items, their linked
documents), and an operator downloads them together. Papers of one council with the same meeting date in
the same folder are taken as one meeting's papers; a paper that names no committee takes the committee its
meeting's own record names (agenda, minutes, decision record), else the one its other papers name, when all
of them name that one committee however printed ("&" or "and", a cover's shorter name): two committees
meeting the same day leave the paper's committee unknown rather than guessed. A paper naming its committee
but not its council takes the council of the papers in its folder of the same date whose committee is the
same (one's words all in the other's: "Transport and Connectivity Committee" on a report's cover is the
"Transport & Connectivity Policy Committee"), when they all name one council.

Papers downloaded together are kept together: a paper that names no council at all (a constitution part, a
committee report whose cover gives only the committee) takes its folder's council when at least two other
papers there name one and every paper there that names one names the same (source `folder`); a folder of
several councils' papers decides nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import PurePath
from typing import Protocol

from ingest.dates import leading_date
from ingest.gazetteer import normalise

# The meeting's own record names the committee as it met; a report's cover may use a shorter name.
RECORDS = frozenset({"agenda", "minutes", "decision"})
# Papers not dated by a meeting: an inspection by its visit, a letter by its writing, a constitution by nothing.
_NO_MEETING_DATE = frozenset({"inspection", "letter", "other"})


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
        chosen = ([p for p in named if p.doc_type in RECORDS] or named)[0].committee
        if not all(_same_committee(p.committee, chosen) for p in named):
            continue  # two committees met that day: which one the paper went to is unknown
        for paper in unnamed:
            found[paper.document_id] = chosen
    return found


def councils_from_meetings(papers: Sequence[PaperFacts]) -> dict[str, str]:
    """{document id: council} for the papers that name their committee but no council, whose meeting's other
    papers (same folder, date and committee) all name one."""
    days: dict[tuple[str, str], list[PaperFacts]] = {}  # (folder, date): the papers of that day there
    for paper in papers:
        if paper.meeting_date and paper.committee:
            days.setdefault((str(PurePath(paper.source).parent), paper.meeting_date), []).append(paper)
    found: dict[str, str] = {}
    for group in days.values():
        for paper in (p for p in group if not p.council):
            councils = {p.council for p in group if p.council and _same_committee(p.committee, paper.committee)}
            if len(councils) == 1:
                found[paper.document_id] = councils.pop()
    return found


def councils_from_folders(papers: Sequence[PaperFacts]) -> dict[str, str]:
    """{document id: council} for the papers naming no council whose folder's papers all name one council
    (at least two of them)."""
    folders: dict[str, list[PaperFacts]] = {}
    for paper in papers:
        folders.setdefault(str(PurePath(paper.source).parent), []).append(paper)
    found: dict[str, str] = {}
    for group in folders.values():
        named = [p.council for p in group if p.council]
        if len(named) >= 2 and len(set(named)) == 1:
            found.update({p.document_id: named[0] for p in group if not p.council})
    return found


def dates_from_meetings(papers: Sequence[PaperFacts]) -> dict[str, str]:
    """{document id: meeting date} for the undated papers whose file name starts with a date that another
    paper in the same folder, named with the same date, carries as its own meeting date: the papers an
    operator or ModernGov script saved together for one meeting ("2024-09-12 Appendix A ..." beside
    "2024-09-12 Printed minutes ..." dated 12 September 2024 by its heading). A date in a file name alone
    dates nothing."""
    days: dict[tuple[str, str], list[PaperFacts]] = {}  # (folder, file-name date): the papers named so there
    for paper in papers:
        named = leading_date(PurePath(paper.source).name)
        if named:
            days.setdefault((str(PurePath(paper.source).parent), named), []).append(paper)
    found: dict[str, str] = {}
    for (_, day), group in days.items():
        if any(p.meeting_date == day for p in group):
            found.update({p.document_id: day for p in group
                          if not p.meeting_date and p.doc_type not in _NO_MEETING_DATE})
    return found


# The passes after ingest, in order: (field, inference, source). Dates first, then councils: a paper given
# its date or council can then join its meeting's papers.
FILLS = (("meeting_date", dates_from_meetings, "meeting"), ("council", councils_from_meetings, "meeting"),
         ("council", councils_from_folders, "folder"), ("committee", committees_from_meetings, "meeting"))


def _same_committee(a: str, b: str) -> bool:
    words_a, words_b = set(normalise(a).split()), set(normalise(b).split())
    return words_a <= words_b or words_b <= words_a
