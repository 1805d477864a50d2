"""Hybrid retrieval: BM25 and dense search fused by reciprocal rank, near-duplicates merged.

Councillors ask in their own words ("how much did the DfE give"), officers by acronym and number
("£733,354", "24/00093"): dense search finds the first, BM25 the second, fusion both.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal, Protocol

from ingest.models import Chunk
from vectorstore.filters import SearchFilters
from vectorstore.glossary import Glossary
from vectorstore.store import ClerkStore

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
    ) -> None:
        self.store = store
        self.glossary = glossary
        self.reranker = reranker
        self.candidates = candidates
        self.rrf_k = rrf_k
        self.dense_weight = dense_weight
        self.lexical_weight = lexical_weight

    def search(self, query: str, k: int = 5, filters: SearchFilters | None = None, mode: Mode = "hybrid") -> list[SearchHit]:
        n = max(self.candidates, k * 3)
        hits: dict[str, SearchHit] = {}
        fused: dict[str, float] = {}
        if mode in ("hybrid", "dense"):
            vector = self.store.embeddings.embed_query(query)
            for rank, found in enumerate(self.store.dense_search(vector, n, filters)):
                hit = hits.setdefault(found.chunk.chunk_id, SearchHit(found.chunk, 0.0))
                hit.dense_score = found.score
                fused[found.chunk.chunk_id] = fused.get(found.chunk.chunk_id, 0.0) + self.dense_weight / (self.rrf_k + rank + 1)
        if mode in ("hybrid", "lexical"):
            lexical_query = self.glossary.expand(query) if self.glossary else query
            lexical = self.store.lexical_search(lexical_query, n, filters)
            missing = [cid for cid, _ in lexical if cid not in hits]
            for chunk in self.store.get_chunks(missing):
                hits[chunk.chunk_id] = SearchHit(chunk, 0.0)
            for rank, (cid, score) in enumerate(lexical):
                if cid in hits:
                    hits[cid].lexical_score = score
                    fused[cid] = fused.get(cid, 0.0) + self.lexical_weight / (self.rrf_k + rank + 1)
        for cid, score in fused.items():
            hits[cid].score = score
        ranked = sorted(hits.values(), key=lambda h: h.score, reverse=True)
        if self.reranker is not None:
            ranked = self._rerank(query, ranked[: max(k * 4, 20)])
        results = merge_near_duplicates(ranked)[:k]
        for rank, hit in enumerate(results, start=1):
            hit.rank = rank
        return results

    def context(self, hit: SearchHit, before: int = 1, after: int = 1) -> list[Chunk]:
        """The hit's chunk with its neighbouring paragraphs in the same document, for display."""
        return self.store.neighbours(hit.chunk, before, after)

    def _rerank(self, query: str, hits: list[SearchHit]) -> list[SearchHit]:
        assert self.reranker is not None
        scores = self.reranker.score(query, [h.chunk.text for h in hits])
        for hit, score in zip(hits, scores, strict=True):
            hit.score = float(score)
        return sorted(hits, key=lambda h: h.score, reverse=True)


def merge_near_duplicates(hits: list[SearchHit]) -> list[SearchHit]:
    """Fold the split pieces of one paragraph into the best-ranked piece, keeping order."""
    kept: list[SearchHit] = []
    seen: dict[tuple[str, str], SearchHit] = {}
    for hit in hits:
        chunk = hit.chunk
        keys = [(chunk.document_id, p) for p in chunk.paragraph_ids] or [(chunk.document_id, chunk.text[:80])]
        owner = next((seen[k] for k in keys if k in seen), None)
        if owner is not None and _same_paragraph(owner.chunk, chunk):
            owner.merged_chunk_ids.append(chunk.chunk_id)
            continue
        kept.append(hit)
        for key in keys:
            seen.setdefault(key, hit)
    return kept


def _same_paragraph(a: Chunk, b: Chunk) -> bool:
    # Split pieces share their single paragraph id and sit next to each other in the document.
    return a.paragraph_ids == b.paragraph_ids and abs(a.ordinal - b.ordinal) <= 3
