"""Vectors for answer sentences, as cheaply as possible.

The store already embedded every passage's units at ingest (dense search ranks a passage by its best
sentence, `vectorstore.units`); those vectors are reused, found by the very text embedded. Units it does
not hold (a passage joined from two pieces, a store written by older code) are embedded here, cached, and
only for the few most promising, since embedding is the slow part of answering on a CPU.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from langchain_core.embeddings import Embeddings

log = logging.getLogger(__name__)

# chunk ids -> for each chunk, its stored sentence units as (text, unit vector)
StoredLookup = Callable[[Sequence[str]], dict[str, list[tuple[str, np.ndarray]]]]


class QueryCachedEmbeddings(Embeddings):
    """Embeddings that remember recent query vectors: search and sentence scoring embed the same question."""

    def __init__(self, inner: Embeddings, size: int = 256) -> None:
        self.inner = inner
        self._size = size
        self._queries: OrderedDict[str, list[float]] = OrderedDict()
        self._lock = threading.Lock()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.inner.embed_documents(texts)

    def embed_query(self, text: str) -> list[float]:
        with self._lock:
            vector = self._queries.get(text)
        if vector is None:
            vector = self.inner.embed_query(text)
            with self._lock:
                self._queries[text] = vector
                while len(self._queries) > self._size:
                    self._queries.popitem(last=False)
        return vector


def stored_lookup(store: Any) -> StoredLookup | None:
    """The store's sentence vectors by chunk id, when it keeps them (`ClerkStore.unit_vectors`)."""
    method = getattr(store, "unit_vectors", None)
    return method if callable(method) else None


class SentenceVectors:
    """Cosine similarity between a question and sentences of passages."""

    def __init__(self, embeddings: Embeddings, *, stored: StoredLookup | None = None, embed_words: int = 40,
                 cache_size: int = 20000) -> None:
        self.embeddings = embeddings
        self.stored = stored
        self.embed_words = embed_words
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._cache_size = cache_size

    def similarities(self, question: str, items: Sequence[tuple[str, list[str]]],
                     embed: set[int]) -> list[float | None]:
        """For each (text as embedded, ids of the chunks it may come from): its similarity, from the vector
        stored for that text when there is one, else by embedding it if its index is in `embed`; None when
        neither."""
        query = np.asarray(self.embeddings.embed_query(question), dtype=np.float32)
        query /= np.linalg.norm(query) or 1.0
        vectors: list[np.ndarray | None] = [None] * len(items)
        if self.stored is not None:
            try:
                stored = self.stored(list(dict.fromkeys(cid for _, ids in items for cid in ids)))
            except Exception as exc:  # a store without sentence vectors (older data) is not an error
                log.debug("no stored sentence vectors: %s", exc)
                stored = {}
            by_text: dict[tuple[str, ...], dict[str, np.ndarray]] = {}
            for i, (text, ids) in enumerate(items):
                source = tuple(ids)
                if source not in by_text:  # a passage's units share its chunk ids: one lookup table each
                    by_text[source] = {t: v for cid in reversed(ids) for t, v in stored.get(cid, [])}
                vectors[i] = by_text[source].get(text)
        wanted = [i for i in sorted(embed) if vectors[i] is None]
        keys = [self._key(items[i][0]) for i in wanted]
        self._embed_missing(keys)
        for i, key in zip(wanted, keys, strict=True):
            vectors[i] = self._cache[key]
        return [None if v is None else float(v @ query / (np.linalg.norm(v) or 1.0)) for v in vectors]

    def prefetch(self, texts: Sequence[str]) -> int:
        """Embed sentences ahead of questions; returns how many were new."""
        return self._embed_missing([self._key(t) for t in texts])

    @property
    def cache_full(self) -> bool:
        return len(self._cache) >= self._cache_size

    def clear(self) -> None:
        self._cache.clear()

    def _key(self, text: str) -> str:
        return " ".join(text.split()[: self.embed_words])  # the gist is at the start

    def _embed_missing(self, keys: list[str]) -> int:
        missing = list(dict.fromkeys(k for k in keys if k not in self._cache))
        if missing:
            for key, vector in zip(missing, self.embeddings.embed_documents(missing), strict=True):
                self._cache[key] = np.asarray(vector, dtype=np.float32)
                self._cache.move_to_end(key)
            while len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
        return len(missing)

