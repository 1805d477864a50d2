"""The commitments register: decisions, actions and dated commitments found at ingest, across meetings.

Items are found when a paper is ingested (ingest/commitments.py) and stored with the chunk they start
in, so they live and die with their paper: re-ingesting changes nothing, removing a paper removes its
items, and an exempt paper's items are exempt too (the role's scope is applied to the chunks).

Follow-through is read when the register is asked for, against whatever papers are in the store then:
a later paper of the same council that speaks to an item (its sentence shares most of the item's
distinctive words) is a follow-up, cited with its quote. Status: `reported` only with such a cited
passage; `due` when the due date has passed and nothing was found; otherwise `open`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import threading
from dataclasses import dataclass, field

from assistant.access import LOCAL_ROLE, Role, scoped
from assistant.question import stems
from assistant.sentences import answer_units
from ingest.models import Chunk, Commitment
from vectorstore.filters import SearchFilters
from vectorstore.store import ClerkStore

KINDS = ("decision", "action", "commitment")
STATUSES = ("open", "due", "reported")
# Words every resolution and action shares: matching on them would link any item to any later minute.
_PROCEDURAL = frozenset(stems(
    "resolved resolve agreed agree approved approve noted note committee cabinet council report reports "
    "recommendation recommendations decision decided officer officers member members director meeting "
    "consideration considered update updated further provide provided will would should shall also "
    "including within following relation regard respect"))
MIN_SHARED = 3  # distinctive words a follow-up sentence must share with the item
MIN_SHARE = 0.5  # ... and at least this share of the item's distinctive words
_NEXT_MEETING = re.compile(r"\bnext (?:\w+ )?meeting\b", re.IGNORECASE)


@dataclass(frozen=True)
class FollowUp:
    chunk: Chunk
    quote: str


@dataclass
class RegisterItem:
    id: str
    kind: str
    text: str
    owner: str
    due: str
    due_date: str
    chunk: Chunk  # where the item is printed: its citation
    status: str = "open"
    follow_ups: list[FollowUp] = field(default_factory=list)

    @property
    def meeting_date(self) -> str:
        return self.chunk.meeting_date


@dataclass(frozen=True)
class RegisterQuery:
    """What the register is asked for; empty fields do not filter."""

    council: str = ""
    committee: str = ""
    date_from: str = ""  # meeting date, ISO, inclusive
    date_to: str = ""
    owner: str = ""  # case-insensitive part of the owner as printed
    kind: str = ""
    status: str = ""
    query: str = ""  # words the item's text must contain (stemmed)


class CommitmentsRegister:
    def __init__(self, store: ClerkStore, *, today: dt.date | None = None) -> None:
        self.store = store
        self.today = today  # None: the real date, read on each call
        self._cache: dict[tuple[int, bool], list[RegisterItem]] = {}
        self._lock = threading.Lock()

    def items(self, query: RegisterQuery | None = None, *, role: Role = LOCAL_ROLE) -> list[RegisterItem]:
        """The register for `role`, filtered by `query`, oldest meeting first."""
        query = query or RegisterQuery()
        everything = self._all(role)
        for item in everything:  # read on each call: an item falls due as the days pass, not at ingest
            item.status = self._status(item)
        wanted = set(stems(query.query))
        return [item for item in everything if _matches(item, query, wanted)]

    def _all(self, role: Role) -> list[RegisterItem]:
        filters = scoped(None, role) or SearchFilters()
        index = self.store.lexical()
        key = (index.generation, filters.public_only)
        with self._lock:
            if key not in self._cache:
                self._cache = {key: self._build(filters)}
            return self._cache[key]

    def _build(self, filters: SearchFilters) -> list[RegisterItem]:
        index = self.store.lexical()
        passing = filters.mask(index.columns())
        ids = [cid for cid, meta, ok in zip(index.ids, index.metas, passing, strict=True)
               if ok and meta.get("commitments")]
        meetings = {(d.council, d.committee, d.meeting_date) for d in self.store.list_documents()}
        items: list[RegisterItem] = []
        for chunk in self.store.get_chunks(ids):
            for found in chunk.commitments:
                items.append(RegisterItem(
                    id=_item_id(chunk.document_id, found), kind=found.kind, text=found.text, owner=found.owner,
                    due=found.due, due_date=found.due_date or _next_meeting(chunk, found.due, meetings),
                    chunk=chunk))
        for item in items:
            item.follow_ups = self._follow_ups(item, filters)
        return sorted(items, key=lambda i: (i.meeting_date, i.chunk.file_name, i.chunk.ordinal, i.id))

    def _follow_ups(self, item: RegisterItem, filters: SearchFilters) -> list[FollowUp]:
        """Later papers' sentences that speak to the item: same council, a later meeting, most of the item's
        distinctive words."""
        if not item.meeting_date:
            return []
        distinctive = set(stems(item.text)) - _PROCEDURAL
        if len(distinctive) < MIN_SHARED:
            return []
        after = (dt.date.fromisoformat(item.meeting_date) + dt.timedelta(days=1)).isoformat()
        where = SearchFilters(council=item.chunk.council or None, date_from=after,
                              public_only=filters.public_only)
        found: list[FollowUp] = []
        hits = self.store.lexical_search(" ".join(distinctive), 10, where)
        for chunk in self.store.get_chunks([chunk_id for chunk_id, _ in hits]):
            best = max(((len(distinctive & set(stems(u.text))), u.text) for u in answer_units(chunk)),
                       default=(0, ""))
            if best[0] >= MIN_SHARED and best[0] >= MIN_SHARE * len(distinctive):
                found.append(FollowUp(chunk, best[1]))
        return found[:3]

    def _status(self, item: RegisterItem) -> str:
        if item.follow_ups:
            return "reported"
        deadline = _last_day(item.due_date)
        return "due" if deadline and deadline < (self.today or dt.date.today()) else "open"


def _next_meeting(chunk: Chunk, due: str, meetings: set[tuple[str, str, str]]) -> str:
    """"to the next meeting": the date of that committee's next meeting, when its papers are stored."""
    if not _NEXT_MEETING.search(due) or not chunk.committee or not chunk.meeting_date:
        return ""
    later = [day for council, committee, day in meetings
             if (council, committee) == (chunk.council, chunk.committee) and day > chunk.meeting_date]
    return min(later, default="")


def _item_id(document_id: str, found: Commitment) -> str:
    """Stable across re-ingests: the paper's content hash and where in it the item is printed."""
    return hashlib.sha1(f"{document_id}:{found.start}:{found.end}".encode()).hexdigest()[:16]


def _last_day(due_date: str) -> dt.date | None:
    """The last day a due date ("2025-09", "2026-03-31", "2026-04/2027-03") allows; None when unreadable."""
    last = due_date.split("/")[-1]
    try:
        if len(last) == 10:
            return dt.date.fromisoformat(last)
        if len(last) == 7:
            year, month = int(last[:4]), int(last[5:])
            return dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
    except ValueError:
        return None
    return None


def _matches(item: RegisterItem, q: RegisterQuery, wanted: set[str]) -> bool:
    c = item.chunk
    checks = (
        not q.council or q.council.casefold() in c.council.casefold(),
        not q.committee or q.committee.casefold() in c.committee.casefold(),
        not q.date_from or (bool(item.meeting_date) and item.meeting_date >= q.date_from),
        not q.date_to or (bool(item.meeting_date) and item.meeting_date <= q.date_to),
        not q.owner or q.owner.casefold() in item.owner.casefold(),
        not q.kind or item.kind == q.kind,
        not q.status or item.status == q.status,
        not wanted or wanted <= set(stems(item.text)),
    )
    return all(checks)

