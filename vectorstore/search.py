"""Hybrid retrieval: BM25 and dense search fused by reciprocal rank, near-duplicates merged.

Councillors ask in their own words ("how much did the DfE give"), officers by acronym and number
("£733,354", "24/00093"): dense search finds the first, BM25 the second, fusion both.
"""

from __future__ import annotations

import functools
import logging
import re
from calendar import monthrange
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Literal, Protocol

from ingest.dates import MONTH, MONTHS
from ingest.models import Chunk
from vectorstore.filters import SearchFilters
from vectorstore.glossary import Glossary
from vectorstore.store import ClerkStore, best_per_chunk

log = logging.getLogger(__name__)

Mode = Literal["hybrid", "dense", "lexical"]


class Reranker(Protocol):
    def score(self, query: str, texts: Sequence[str]) -> list[float]: ...


@dataclass
class SearchHit:
    """One result: the chunk, its fused score and rank, and what each retriever thought of it."""

    chunk: Chunk
    score: float
    rank: int = 0
    dense_score: float | None = None  # cosine similarity, when dense search returned it
    lexical_score: float | None = None
    merged_chunk_ids: list[str] = field(default_factory=list)  # near-duplicates folded into this hit
    copies: list[Chunk] = field(default_factory=list)  # the same passage reprinted in another paper of the meeting


class HybridSearcher:
    def __init__(
        self,
        store: ClerkStore,
        *,
        glossary: Glossary | None = None,
        reranker: Reranker | None = None,
        candidates: int = 40,
        rrf_k: int = 60,
        dense_weight: float = 1.0,
        lexical_weight: float = 1.0,
        soft_scopes: bool = True,
        merge_duplicates: bool = True,
    ) -> None:
        self.store = store
        self.soft_scopes = soft_scopes  # layers that can be switched off, so each is measured (bench/)
        self.merge_duplicates = merge_duplicates
        self.glossary = glossary
        self.reranker = reranker
        self.candidates = candidates
        self.rrf_k = rrf_k
        self.dense_weight = dense_weight
        self.lexical_weight = lexical_weight

    def search(
        self, query: str, k: int = 5, filters: SearchFilters | None = None, mode: Mode = "hybrid"
    ) -> list[SearchHit]:
        n = max(self.candidates, k * 3)
        filters = filters or SearchFilters()
        scopes = [filters, *(self._soft_scopes(query, filters) if self.soft_scopes else [])]
        rankings: list[tuple[str, list[tuple[str, float]], float]] = []  # (kind, [(chunk id, score)], weight)
        if mode != "lexical":
            # One dense query serves every scope: the soft scopes re-rank its units by their metadata,
            # so they need a deeper pool than the unscoped ranking does.
            units = self.store.dense_units(self.store.embeddings.embed_query(query),
                                           n * (4 if len(scopes) == 1 else 10), filters)
            for scope in scopes:
                scoped = units if scope is filters else [u for u in units if scope.matches(u.meta)]
                rankings.append(("dense", best_per_chunk(scoped)[:n], self.dense_weight))
        if mode != "dense":
            lexical_query = self.glossary.expand(query) if self.glossary else query
            for scope in scopes:
                rankings.append(("lexical", self.store.lexical_search(lexical_query, n, scope), self.lexical_weight))

        fused: dict[str, float] = {}
        best: dict[tuple[str, str], float] = {}
        for kind, ranking, weight in rankings:
            for rank, (cid, score) in enumerate(ranking):
                fused[cid] = fused.get(cid, 0.0) + weight / (self.rrf_k + rank + 1)
                best[kind, cid] = max(best.get((kind, cid), score), score)
        ranked_ids = sorted(fused, key=fused.__getitem__, reverse=True)
        pool = ranked_ids[: max(k * 4, 20)] if self.reranker is not None else ranked_ids[: k * 3]
        hits = [SearchHit(chunk, fused[chunk.chunk_id], dense_score=best.get(("dense", chunk.chunk_id)),
                          lexical_score=best.get(("lexical", chunk.chunk_id)))
                for chunk in self.store.get_chunks(pool)]
        if self.reranker is not None:
            hits = self._rerank(query, hits)
        results = (merge_near_duplicates(hits) if self.merge_duplicates else hits)[:k]
        for rank, hit in enumerate(results, start=1):
            hit.rank = rank
        return results

    def _soft_scopes(self, query: str, filters: SearchFilters) -> list[SearchFilters]:
        """Narrower searches for the councils and years a question names ("Birmingham's 2016 inspection").

        They are soft filters: their results join the fusion, lifting the named papers, rather than
        replacing the unfiltered search. When a question names several councils and several years
        ("Norfolk's 2022 inspection and Knowsley's 2024 one"), each year goes with the council named
        just before it.
        """
        named = [] if filters.council else self._named_councils(query)
        councils = [council for council, _ in named]
        years = [] if filters.date_from or filters.date_to else _years_named(query)
        scopes = [replace(filters, council=c) for c in councils]
        in_councils: list[str | None] = [*councils] or [filters.council]
        periods = list(dict.fromkeys(period for period, _ in years))[:3]
        pairs: list[tuple[str | None, Period]] = (
            _pair(named, years) if len({at for _, at in named}) > 1 and len(years) > 1
            else [(council, period) for council in in_councils for period in periods])
        for council, (first, last) in pairs:
            scopes.append(replace(filters, council=council, date_from=first, date_to=last))
        return scopes[:6]

    def _named_councils(self, query: str) -> list[tuple[str, int]]:
        """The stored councils a query names, with where it first names each, in reading order."""
        named = []
        for council in self.store.stored_values().get("council", []):
            place = _place_name(council)
            found = re.search(rf"(?<![\w-]){re.escape(place)}(?![\w-])", query, re.IGNORECASE) if place else None
            if found:
                named.append((council, found.start()))
        return sorted(named, key=lambda pair: pair[1])[:3]

    def _rerank(self, query: str, hits: list[SearchHit]) -> list[SearchHit]:
        assert self.reranker is not None
        scores = self.reranker.score(query, [h.chunk.text for h in hits])
        for hit, score in zip(hits, scores, strict=True):
            hit.score = float(score)
        return sorted(hits, key=lambda h: h.score, reverse=True)


_YEAR = re.compile(rf"\b(?:(?:(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+)?(?P<month>{MONTH})\.?\s+)?"
                   r"(?P<first>(?:19|20)\d\d)(?:\s*[-/–]\s*(?P<last>(?:19|20)?\d\d))?\b", re.IGNORECASE)
_EVENT_AFTER = re.compile(r"\s+(?:[\w’'-]+\s+)?(?P<event>inspection|visit|meeting|cabinet|committee)\b",
                          re.IGNORECASE)
_SINCE = re.compile(r"\b(?:since|after)\s+(?:[\w’'-]+\s+){0,2}$", re.IGNORECASE)
Period = tuple[str, str | None]  # first and last meeting date (ISO) a mention of a time points to; None: open


def _years_named(query: str) -> list[tuple[Period, int]]:
    """Every year a query names, with where ("Kent (2022), Norfolk (2022) and Southend (2024)" names 2022 twice).

    A financial year ("Q3 2024-25", "2023/24") reaches meetings in both its calendar years; a plan period
    ("the 2024-39 plan", "2025-29") names no meeting year and is left out; "since the 2023 inspection"
    reaches every year from 2023 on. A date names a meeting's or an inspection's date only when one follows
    ("Knowsley's November 2024 inspection", "its 4 March 2025 meeting"): a meeting's day is that day; a
    month reaches that month and the next, where an inspection ending early in the month after is dated.
    "For March 2023, how many..." names the month of the data, reported at a later meeting: its year.
    """
    found: list[tuple[Period, int]] = []
    for match in _YEAR.finditer(query):
        first = int(match.group("first"))
        last: int | None = first
        if match.group("last"):
            ending = match.group("last")
            last = int(ending) + (0 if len(ending) == 4 else first // 100 * 100)
            if not 0 < last - first <= 1:
                continue
        event = _EVENT_AFTER.match(query, match.end())
        month = _month_number(match.group("month") or "") if event and last == first else 0
        period: Period = (f"{first}-01-01", f"{last}-12-31")
        if month and match.group("day") and event and event.group("event").lower() != "inspection":
            day = f"{first}-{month:02d}-{int(match.group('day')):02d}"
            period = (day, day)
        elif month:
            end_year, end_month = (first, month + 1) if month < 12 else (first + 1, 1)
            period = (f"{first}-{month:02d}-01", f"{end_year}-{end_month:02d}-{monthrange(end_year, end_month)[1]:02d}")
        if _SINCE.search(query[: match.start()]):
            period = (period[0], None)
        found.append((period, match.start("first")))
    return found[:6]


def _month_number(word: str) -> int:
    """1-12 for a month's name or abbreviation, 0 for none ("may" only as "May": lower-case, it is a verb)."""
    return 0 if not word or word == "may" else MONTHS[word.lower()]


def _pair(councils: list[tuple[str, int]], years: list[tuple[Period, int]]) -> list[tuple[str | None, Period]]:
    """Each year with the council(s) named last before it (or first, if the year comes first).

    Councils found at one place in the question are one mention ("Birmingham City Council" and
    "Birmingham Council" both match "Birmingham's").
    """
    pairs = []
    for year, at in years:
        before = [where for _, where in councils if where < at]
        mention = before[-1] if before else councils[0][1]
        pairs += [(council, year) for council, where in councils if where == mention]
    return list(dict.fromkeys(pairs))


_COUNCIL_PREFIX = re.compile(
    r"^(?:the\s+)?(?:royal\s+)?(?:london\s+)?(?:metropolitan\s+)?(?:borough|city|county|district)\s+"
    r"(?:council\s+)?of\s+", re.IGNORECASE)
_COUNCIL_SUFFIX = re.compile(
    r"\s+(?:metropolitan\s+)?(?:borough|city|county|district)?\s*council$", re.IGNORECASE)


def _place_name(council: str) -> str:
    """'Birmingham City Council' -> 'Birmingham'; 'Royal Borough of Greenwich' -> 'Greenwich'."""
    place = _COUNCIL_SUFFIX.sub("", _COUNCIL_PREFIX.sub("", council.strip())).strip()
    return place if len(place) >= 3 and place.lower() != "council" else ""


def merge_near_duplicates(hits: list[SearchHit]) -> list[SearchHit]:
    """Fold the split pieces of one paragraph into one result at the best piece's rank, and reprints into
    their first copy.

    The merged result reads as the paragraph: its pieces in document order, overlaps removed. A meeting's
    papers reprint each other (the agenda pack holds every report; a record of decision repeats its
    report's tables): a passage found in two of them is one result, listing the other paper as a copy.
    """
    kept: list[SearchHit] = []
    groups: list[list[SearchHit]] = []
    for hit in hits:
        group = next((g for g in groups if _same_paragraph(g, hit.chunk)), None)
        original = None if group else next((k for k in kept if _reprint(k.chunk, hit.chunk)), None)
        if group is not None:
            group.append(hit)
        elif original is not None:
            original.copies.append(hit.chunk)
        else:
            groups.append([hit])
            kept.append(hit)
    for pieces in groups:
        if len(pieces) > 1:
            _fold(pieces[0], pieces[1:])
    return kept


def _same_paragraph(group: list[SearchHit], chunk: Chunk) -> bool:
    # Pieces of one paragraph share its id(s) and sit next to each other in the document.
    first = group[0].chunk
    return (bool(chunk.paragraph_ids) and chunk.document_id == first.document_id
            and chunk.paragraph_ids == first.paragraph_ids
            and any(abs(h.chunk.ordinal - chunk.ordinal) <= 1 for h in group))


def _reprint(first: Chunk, other: Chunk) -> bool:
    """Whether `other` is `first` printed again in another paper of the same meeting."""
    return (other.document_id != first.document_id and bool(first.meeting_date)
            and (other.council, other.meeting_date) == (first.council, first.meeting_date)
            and len(first.text) >= _MIN_REPRINT_CHARS and _words(other.text) == _words(first.text))


_MIN_REPRINT_CHARS = 40  # shorter passages ("Recommendation: noted.") are the same by chance, not reprints


@functools.lru_cache(maxsize=1024)
def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def _fold(best: SearchHit, others: list[SearchHit]) -> None:
    ordered = sorted([best.chunk, *(o.chunk for o in others)], key=lambda c: c.ordinal)
    text = ordered[0].text
    for piece in ordered[1:]:
        text = _join_overlapping(text, piece.text)
    best.merged_chunk_ids = [o.chunk.chunk_id for o in others]
    best.chunk = replace(best.chunk, text=text, char_start=min(c.char_start for c in ordered),
                         char_end=max(c.char_end for c in ordered),
                         pages=sorted({p for c in ordered for p in c.pages}))


def _join_overlapping(first: str, second: str, max_overlap: int = 400) -> str:
    """Join two consecutive pieces of a paragraph, dropping the text the second repeats from the first."""
    for size in range(min(max_overlap, len(first), len(second)), 19, -1):
        if first.endswith(second[:size]):
            return first + second[size:]
    return f"{first} … {second}"
