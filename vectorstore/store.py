"""ClerkStore: chunks in Chroma (dense) and a BM25 index beside it, kept in step.

Consistency rules:
- A document's chunks are written only after it is registered as *pending*; it becomes *complete* once
  every chunk is in, and only complete documents are listed or searched.
- A pending record names its writer (host, process id and that process's start time) and a heartbeat
  the writer renews with every batch of chunks. Opening the store rolls back a pending document only
  when its writer is dead: a process of this host that no longer runs, or a heartbeat older than
  LEASE_SECONDS (a writer on another host of a shared Chroma server). So a crash mid-file never leaves
  half a document searchable, and a second process (a search, the server) never deletes the chunks of
  an ingest that is still running.
- Every change gives the store a new generation; the BM25 index records the generation it was built
  from and is rebuilt when they differ (also when another client changed a shared Chroma server).
"""

from __future__ import annotations

import json
import logging
import math
import os
import socket
import threading
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import MISSING, dataclass
from pathlib import Path
from typing import Any

import numpy as np
import psutil
from langchain_core.embeddings import Embeddings

from ingest.models import Chunk
from vectorstore.chroma import ChromaCollections
from vectorstore.filters import SearchFilters
from vectorstore.lexical import LexicalIndex
from vectorstore.records import chunk_to_metadata, lexical_text, metadata_to_chunk
from vectorstore.units import embedding_units

log = logging.getLogger(__name__)
_PAGE = 5000
# Filtered dense search (see `dense_units`): over-fetch and filter when that costs less than restricting
# the query to the passing units' ids, or compare up to MAX_COMPARED_UNITS of them directly (costs
# measured by bench/chroma_filters.py, in bench/RESULTS.md).
POST_FILTER_MARGIN = 1.2
MAX_POST_FILTER_POOL = 10000
MIN_POST_FILTER_SHARE = 0.25
MAX_ID_QUERY_UNITS = 60000  # an id-restricted query over more units costs more than a deep over-fetch
# Over-fetching costs ~4 ms per 1,000 units, an id-restricted query ~0.6 ms per 1,000 ids and never less
# than it does for ~25,000 ids (~20 ms): one unit over-fetched costs about as much as 7 ids.
OVERFETCH_COST_PER_ID = 7
MIN_ID_QUERY_UNITS = 25_000
MAX_COMPARED_UNITS = 600  # a narrow filter's units are fetched and compared exactly up to this many
CHUNKS_PER_WRITE = 32  # chunks embedded and written together; the writer's heartbeat is renewed after each
# A writer renews its heartbeat with every write of chunks (seconds of embedding on 2 cores); a
# pending document whose writer cannot be checked directly (another host) is taken as abandoned only
# after this long without one.
LEASE_SECONDS = 600


@dataclass
class DocumentRecord:
    """One ingested file, as listed by `clerk documents`."""

    document_id: str
    file_name: str
    source: str
    title: str
    council: str
    committee: str
    meeting_date: str
    doc_type: str
    chunks: int
    status: str
    ingested_at: float
    access: str = "public"  # public | exempt
    exempt_reason: str = ""
    source_url: str = ""  # where the paper was published, when known (ModernGov import)
    writer: str = ""  # while pending: "host:pid:process start time" of the process writing it
    heartbeat: float = 0.0  # while pending: when the writer last wrote a batch
    field_sources: str = ""  # JSON: where each field came from, {"council": "cover", "meeting_date": "filename"}
    reader_version: int = 0  # ingest.paper.READER_VERSION of the code that read it (0: before versions)


@dataclass
class UnitHit:
    """A sentence unit found by dense search: its chunk, cosine similarity and the chunk's filterable
    metadata (shared with the store's index: read it, do not change it)."""

    chunk_id: str
    score: float
    meta: dict[str, Any]


def best_per_chunk(units: Sequence[UnitHit]) -> list[tuple[str, float]]:
    """Chunks ranked by their best unit (units arrive best first)."""
    best: dict[str, float] = {}
    for unit in units:
        best.setdefault(unit.chunk_id, unit.score)
    return sorted(best.items(), key=lambda item: item[1], reverse=True)


class ClerkStore:
    def __init__(self, collections: ChromaCollections, embeddings: Embeddings, index_dir: Path) -> None:
        self._cols = collections
        self.embeddings = embeddings
        self._index_dir = index_dir
        self._lexical: LexicalIndex | None = None
        self._unit_id_cache: dict[tuple[int, SearchFilters], list[str] | None] = {}
        self._unit_count = (-1, 0)  # (generation, units)
        self._values: dict[str, list[str]] = {}
        self._values_generation = -1
        self._lexical_lock = threading.Lock()
        self._repair_pending()

    # -- documents -------------------------------------------------------------------------------
    def get_document(self, document_id: str) -> DocumentRecord | None:
        got = self._cols.documents.get(ids=[document_id], include=["metadatas"])
        return _record(got["ids"][0], got["metadatas"][0]) if got["ids"] else None  # type: ignore[index]

    def documents_for_source(self, source: str) -> list[DocumentRecord]:
        got = self._cols.documents.get(where={"source": source}, include=["metadatas"])
        return [_record(i, m) for i, m in zip(got["ids"], got["metadatas"] or [], strict=True)]

    def list_documents(self) -> list[DocumentRecord]:
        got = self._cols.documents.get(where={"status": "complete"}, include=["metadatas"])
        docs = [_record(i, m) for i, m in zip(got["ids"], got["metadatas"] or [], strict=True)]
        return sorted(docs, key=lambda d: (d.meeting_date, d.file_name))

    def add_document(self, record: DocumentRecord, chunks: Sequence[Chunk],
                     on_progress: Callable[[int, int], None] | None = None) -> None:
        """Write a document and its chunks; visible to search only once all chunks are in.
        `on_progress(chunks written, chunks in all)` is called after each batch (a big file embeds for minutes).

        Each chunk's sentence units are embedded (dense search scores a chunk by its best unit); the
        chunk's own vector is the normalised mean of its units', so no text is embedded twice.
        """
        record.status, record.writer, record.chunks = "pending", WRITER, len(chunks)
        record.heartbeat = time.time()
        self._put_record(record)
        try:
            for start in range(0, len(chunks), CHUNKS_PER_WRITE):
                self._write_chunks(chunks[start : start + CHUNKS_PER_WRITE])
                record.heartbeat = time.time()
                self._put_record(record)
                if on_progress:
                    on_progress(min(start + CHUNKS_PER_WRITE, len(chunks)), len(chunks))
        except BaseException:
            # This process is alive, so no later opening would take its pending record as abandoned.
            log.warning("ingest of %s failed part-way; removing what was written", record.document_id)
            self._delete_chunks(record.document_id)
            self._cols.documents.delete(ids=[record.document_id])
            raise
        record.status, record.writer, record.heartbeat = "complete", "", 0.0
        self._put_record(record)
        self._bump_generation()

    def fill_document_fields(self, document_id: str, values: dict[str, str], source: str) -> None:
        """Set fields a document and its chunks left empty, learnt after ingest (an appendix's committee,
        from the other papers of its meeting); `source` says where they came from, as `field_sources` does.

        Chunks first, the record last: after a crash part-way the record still lacks the value, so the next
        ingest run that stores a file fills it again (filling is idempotent; until then some of the paper's
        passages may carry the value and others not), and a field already set is never overwritten."""
        record = self.get_document(document_id)
        if record is None or record.status != "complete":
            return
        values = {k: v for k, v in values.items() if v and not getattr(record, k)}
        if not values:
            return
        for collection in (self._cols.units, self._cols.chunks):
            got = collection.get(where={"document_id": document_id}, include=["metadatas"])
            updates = {i: {k: v for k, v in values.items() if not m.get(k)}
                       for i, m in zip(got["ids"], got["metadatas"] or [], strict=True)}
            updates = {i: u for i, u in updates.items() if u}
            if updates:  # Chroma merges the given keys into each record's metadata
                collection.update(ids=list(updates), metadatas=list(updates.values()))  # type: ignore[arg-type]
        self._bump_generation()  # the BM25 index's copy of the chunks' metadata is stale from here
        sources = json.loads(record.field_sources or "{}")
        sources.update(dict.fromkeys(values, source))
        # Merged into the record as stored (never recreating one deleted meanwhile), the record last.
        self._cols.documents.update(ids=[document_id],
                                    metadatas=[{**values, "field_sources": json.dumps(sources, sort_keys=True)}])

    def stored_chunk_count(self, document_id: str) -> int:
        """How many chunks of a document the store holds (a complete record promising more is short)."""
        return len(self._cols.chunks.get(where={"document_id": document_id}, include=[])["ids"])

    def _write_chunks(self, chunks: Sequence[Chunk]) -> None:
        units = [(chunk, i, text) for chunk in chunks
                 for i, text in enumerate(embedding_units(chunk))]
        vectors = np.asarray(self.embeddings.embed_documents([text for _, _, text in units]), dtype=np.float32)
        self._cols.units.upsert(
            ids=[f"{chunk.chunk_id}#{i}" for chunk, i, _ in units],
            embeddings=vectors,
            documents=[text for _, _, text in units],
            metadatas=[{"chunk_id": chunk.chunk_id, **_filter_fields(chunk)} for chunk, _, _ in units],
        )
        owners = np.array([chunk.chunk_id for chunk, _, _ in units])
        centroids = []
        for chunk in chunks:
            mean = vectors[owners == chunk.chunk_id].mean(axis=0)
            centroids.append(mean / (np.linalg.norm(mean) or 1.0))
        self._cols.chunks.upsert(
            ids=[c.chunk_id for c in chunks],
            embeddings=np.asarray(centroids, dtype=np.float32),
            documents=[c.text for c in chunks],
            # The unit count names the chunk's unit ids (chunk_id#0..n-1) for filtered dense search.
            metadatas=[{**chunk_to_metadata(c), "unit_count": int((owners == c.chunk_id).sum())}  # type: ignore[misc]
                       for c in chunks],
        )

    def delete_document(self, document_id: str) -> bool:
        """Remove a document and its chunks; False when it was not there."""
        if self.get_document(document_id) is None:
            return False
        self._delete_chunks(document_id)
        self._cols.documents.delete(ids=[document_id])
        self._bump_generation()
        return True

    def _delete_chunks(self, document_id: str) -> None:
        self._cols.units.delete(where={"document_id": document_id})
        self._cols.chunks.delete(where={"document_id": document_id})

    def chunk_count(self) -> int:
        return self._cols.chunks.count()

    # -- chunks ----------------------------------------------------------------------------------
    def get_chunks(self, chunk_ids: Sequence[str]) -> list[Chunk]:
        if not chunk_ids:
            return []
        got = self._cols.chunks.get(ids=list(chunk_ids), include=["documents", "metadatas"])
        by_id = {
            cid: metadata_to_chunk(cid, text or "", meta)  # type: ignore[arg-type]
            for cid, text, meta in zip(got["ids"], got["documents"] or [], got["metadatas"] or [], strict=True)
        }
        return [by_id[c] for c in chunk_ids if c in by_id]

    def paper_chunks(self, document_id: str, *, first_page: bool = False) -> list[Chunk]:
        """Every chunk of one paper, or those of its first page (the first chunk where pages are not known), in
        reading order; found by id through the lexical index, as a `where` is slow."""
        index = self.lexical()
        ids = [cid for cid, meta in zip(index.ids, index.metas, strict=True) if meta.get("document_id") == document_id
               and (not first_page or str(meta.get("pages") or "").split("|")[0] in ("1", "") and
                    (meta.get("pages") or int(meta.get("ordinal") or 0) == 0))]
        return sorted(self.get_chunks(ids), key=lambda c: c.ordinal)

    def unit_vectors(self, chunk_ids: Sequence[str]) -> dict[str, list[tuple[str, np.ndarray]]]:
        """Each chunk's sentence units with the vectors embedded at ingest (answers reuse them)."""
        if not chunk_ids:
            return {}
        index = self.lexical()
        rows = [index.position(c) for c in chunk_ids]
        unit_ids = None if None in rows else _unit_ids(list(chunk_ids), [index.metas[r] for r in rows if r is not None])
        if unit_ids is not None:  # by id: a `where` on chunk_id costs hundreds of ms in a large store
            got = self._cols.units.get(ids=unit_ids, include=["embeddings", "documents"])
        else:
            got = self._cols.units.get(where={"chunk_id": {"$in": list(chunk_ids)}},  # type: ignore[dict-item]
                                       include=["embeddings", "documents"])
        vectors = got.get("embeddings")
        if vectors is None:
            return {}
        # Chroma returns units in its own order: put each chunk's back in reading order (chunk_id#i).
        units = sorted(zip(got["ids"], got["documents"] or [], vectors, strict=True),
                       key=lambda unit: _split_unit_id(unit[0])[1])
        found: dict[str, list[tuple[str, np.ndarray]]] = {}
        for unit_id, text, vector in units:
            found.setdefault(_split_unit_id(unit_id)[0], []).append((text or "", np.asarray(vector, dtype=np.float32)))
        return found

    def neighbours(self, chunk: Chunk, before: int = 1, after: int = 1) -> list[Chunk]:
        """The chunk with the chunks just before and after it in the same document, in reading order."""
        where = {"$and": [
            {"document_id": chunk.document_id},
            {"ordinal": {"$gte": chunk.ordinal - before}},
            {"ordinal": {"$lte": chunk.ordinal + after}},
        ]}
        got = self._cols.chunks.get(where=where, include=["documents", "metadatas"])  # type: ignore[arg-type]
        found = [
            metadata_to_chunk(cid, text or "", meta)  # type: ignore[arg-type]
            for cid, text, meta in zip(got["ids"], got["documents"] or [], got["metadatas"] or [], strict=True)
        ]
        return sorted(found, key=lambda c: c.ordinal)

    # -- search ----------------------------------------------------------------------------------
    def dense_units(
        self, query_vector: list[float], n: int, filters: SearchFilters | None = None
    ) -> list[UnitHit]:
        """The `n` sentence units nearest the query (best first), with their chunk's filterable metadata.

        Costs measured at 100k chunks (bench/chroma_filters.py): a `where`-filtered Chroma query collects
        the matching ids from SQLite on every call (hundreds of milliseconds however narrow the filter),
        and fetching units' metadata costs ~40 ms per 1,000 units, while the nearest 5,000 unit ids alone
        cost ~20 ms. So Chroma returns only ids and distances; the BM25 index's copy of the chunk metadata
        supplies the rest and decides which chunks pass a filter. A filter is applied to a deeper
        unfiltered query while that is cheaper than the alternative; an over-fetch is accepted once it
        holds MIN_POST_FILTER_SHARE of the units asked for (the rest rank below the whole store's nearest
        units; bench/search_filters.py measures the agreement with the exact ranking). A narrower filter,
        or a query whose topic lies outside it, searches only the passing chunks' units, named by id (a
        few hundred are simply fetched and compared). `where` remains for stores written before units
        were counted.
        """
        index = self.lexical()
        if len(index) == 0:  # in step with Chroma, and answers without a round-trip
            return []
        if not filters or filters.is_empty():
            return self._nearest_units(query_vector, n, index)
        passing = filters.mask(index.columns())
        count = int(passing.sum())
        if count == 0:
            return []
        pool = math.ceil(n * POST_FILTER_MARGIN * len(index) / count)
        passing_units = count * self._unit_total(index) / len(index)
        # Take whichever is cheaper: over-fetching, or a query restricted to the passing units' ids.
        pool_as_costly_as_ids = max(passing_units, MIN_ID_QUERY_UNITS) / OVERFETCH_COST_PER_ID
        if pool <= MAX_POST_FILTER_POOL and pool <= pool_as_costly_as_ids:
            # A topic clustered outside the filter can leave the first pool short. When searching the
            # passing units by id would cost more than a deep over-fetch (a broad filter), try once, deeper.
            deep = (MAX_POST_FILTER_POOL,) if passing_units > MAX_ID_QUERY_UNITS else ()
            enough = math.ceil(n * MIN_POST_FILTER_SHARE)
            for size in dict.fromkeys((pool, *deep)):
                kept = self._nearest_units(query_vector, size, index, passing)
                if len(kept) >= enough or size >= self._unit_total(index):
                    return kept[:n]
        unit_ids = self._passing_unit_ids(filters, index, passing)
        if unit_ids is None:
            return self._query_units(query_vector, n, filters.chroma_where(self.stored_values()))
        if len(unit_ids) <= MAX_COMPARED_UNITS:
            return self._compare_units(query_vector, n, unit_ids, index)
        return self._nearest_units(query_vector, n, index, ids=unit_ids)

    def _unit_total(self, index: LexicalIndex) -> int:
        """Units in the store, counted once per generation (Chroma's count costs ~20 ms at 100k chunks)."""
        if self._unit_count[0] != index.generation:
            self._unit_count = (index.generation, self._cols.units.count())
        return self._unit_count[1]

    def _passing_unit_ids(self, filters: SearchFilters, index: LexicalIndex, passing: np.ndarray) -> list[str] | None:
        """The unit ids of the chunks a filter passes, remembered per store generation for the last few
        filters (a chat keeps its filter across questions, and listing 150k ids costs ~45 ms; the list
        takes ~13 MB at that size, hence only a few)."""
        key = (index.generation, filters)
        if key not in self._unit_id_cache:
            if len(self._unit_id_cache) >= 4 or any(g != index.generation for g, _ in self._unit_id_cache):
                self._unit_id_cache.clear()
            rows = np.flatnonzero(passing)
            self._unit_id_cache[key] = _unit_ids([index.ids[i] for i in rows], [index.metas[i] for i in rows])
        return self._unit_id_cache[key]

    def _nearest_units(self, query_vector: list[float], n: int, index: LexicalIndex,
                       passing: np.ndarray | None = None, ids: list[str] | None = None) -> list[UnitHit]:
        """Nearest units by id and distance only; units of chunks outside `passing` are dropped."""
        got = self._cols.units.query(query_embeddings=[query_vector], n_results=n, ids=ids,  # type: ignore[arg-type]
                                     include=["distances"])
        distances = (got["distances"] or [[]])[0]
        return _unit_hits(index, got["ids"][0], [1.0 - float(d) for d in distances], passing)

    def _compare_units(self, query_vector: list[float], n: int, unit_ids: list[str],
                       index: LexicalIndex) -> list[UnitHit]:
        """Exact nearest units among a few hundred, by fetching their vectors (HNSW restricted to so few
        ids is slow)."""
        got = self._cols.units.get(ids=unit_ids, include=["embeddings"])
        vectors = got.get("embeddings")
        if vectors is None or len(vectors) == 0:
            return []
        scores = np.asarray(vectors, dtype=np.float32) @ np.asarray(query_vector, dtype=np.float32)
        best = np.argsort(-scores)[:n]
        return _unit_hits(index, [got["ids"][i] for i in best], [float(scores[i]) for i in best])

    def _query_units(self, query_vector: list[float], n: int, where: dict[str, Any] | None) -> list[UnitHit]:
        """A `where`-filtered query, for stores written before chunks recorded their unit count."""
        got = self._cols.units.query(
            query_embeddings=[query_vector], n_results=n, where=where,  # type: ignore[arg-type]
            include=["metadatas", "distances"],
        )
        return [
            UnitHit(str(meta["chunk_id"]), 1.0 - float(dist), dict(meta))
            for meta, dist in zip((got["metadatas"] or [[]])[0], (got["distances"] or [[]])[0], strict=True)
        ]

    def lexical_search(self, query: str, k: int, filters: SearchFilters | None = None) -> list[tuple[str, float]]:
        index = self.lexical()
        mask = None
        if filters and not filters.is_empty():
            mask = filters.mask(index.columns())
        return index.search(query, k, mask)

    def lexical(self) -> LexicalIndex:
        """The BM25 index at the store's current generation, loaded or rebuilt as needed (one thread at a
        time: requests served in parallel would otherwise rebuild it side by side)."""
        generation = self._generation()
        current = self._lexical
        if current is not None and current.generation == generation:
            return current
        with self._lexical_lock:
            if self._lexical is not None and self._lexical.generation == generation:
                return self._lexical
            loaded = LexicalIndex.load(self._index_dir)
            if loaded is None or loaded.generation != generation:
                loaded = self._rebuild_lexical(generation)
            self._lexical = loaded
            return loaded

    # -- internals -------------------------------------------------------------------------------
    def _rebuild_lexical(self, generation: int) -> LexicalIndex:
        started = time.perf_counter()
        ids: list[str] = []
        texts: list[str] = []
        metas: list[dict[str, Any]] = []
        offset = 0
        while True:
            got = self._cols.chunks.get(include=["documents", "metadatas"], limit=_PAGE, offset=offset)
            if not got["ids"]:
                break
            for cid, text, meta in zip(got["ids"], got["documents"] or [], got["metadatas"] or [], strict=True):
                chunk = metadata_to_chunk(cid, text or "", meta)  # type: ignore[arg-type]
                ids.append(cid)
                texts.append(lexical_text(chunk))
                metas.append(dict(meta))  # type: ignore[arg-type]
            offset += _PAGE
        index = LexicalIndex.build(ids, texts, metas, generation)
        index.save(self._index_dir)
        log.info("rebuilt BM25 index: %d chunks in %.1fs", len(ids), time.perf_counter() - started)
        return index

    def stored_values(self) -> dict[str, list[str]]:
        """Distinct values of the filterable fields, as stored (for filters and query understanding)."""
        index = self.lexical()
        if index.generation == self._values_generation:
            return self._values
        self._values_generation = index.generation
        fields = ("council", "committee", "doc_type", "document_id", "file_name")
        self._values = {f: sorted({str(m.get(f, "")) for m in index.metas} - {""}) for f in fields}
        return self._values

    def _repair_pending(self) -> None:
        """Roll back documents left pending by a writer that died (never one still writing)."""
        got = self._cols.documents.get(where={"status": "pending"}, include=["metadatas"])
        abandoned = [doc_id for doc_id, meta in zip(got["ids"], got["metadatas"] or [], strict=True)
                     if not writer_alive(str(meta.get("writer") or ""), float(str(meta.get("heartbeat") or 0.0)))]
        for doc_id in abandoned:
            log.warning("removing half-ingested document %s left by an interrupted ingest", doc_id)
            self._delete_chunks(doc_id)
            self._cols.documents.delete(ids=[doc_id])
        if abandoned:
            self._bump_generation()

    def _put_record(self, record: DocumentRecord) -> None:
        meta = {k: v for k, v in vars(record).items() if k != "document_id"}
        self._cols.documents.upsert(ids=[record.document_id], embeddings=[[0.0]], metadatas=[meta])  # type: ignore[arg-type]

    def _generation(self) -> int:
        got = self._cols.state.get(ids=["generation"], include=["metadatas"])
        return int(got["metadatas"][0]["value"]) if got["ids"] else 0  # type: ignore[index,arg-type]

    def _bump_generation(self) -> None:
        # A fresh random value rather than +1: two processes changing the store at once must never
        # both write the same next number (the index of one change would then pass for the other's).
        value = uuid.uuid4().int >> 65  # 63 bits: Chroma metadata holds a signed 64-bit integer
        self._cols.state.upsert(ids=["generation"], embeddings=[[0.0]], metadatas=[{"value": value}])  # type: ignore[arg-type]


def _process_identity(pid: int) -> str:
    try:
        started = psutil.Process(pid).create_time()
    except psutil.Error:
        return ""
    return f"{socket.gethostname()}:{pid}:{started:.2f}"


WRITER = _process_identity(os.getpid())


def writer_alive(writer: str, heartbeat: float, now: float | None = None) -> bool:
    """Whether the process that registered a pending document may still be writing it.

    On this host the process is checked directly (its start time guards against a reused pid); a
    writer elsewhere (a shared Chroma server) is trusted while its heartbeat is recent. A record with
    no writer predates leases and is taken as abandoned.
    """
    host, _, rest = writer.partition(":")
    if not rest:
        return False
    if host == socket.gethostname():
        pid = rest.partition(":")[0]
        return pid.isdigit() and _process_identity(int(pid)) == writer
    return (now if now is not None else time.time()) - heartbeat < LEASE_SECONDS


def _filter_fields(chunk: Chunk) -> dict[str, Any]:
    meta = chunk_to_metadata(chunk)
    fields = ("document_id", "file_name", "council", "committee", "doc_type", "meeting_date_num", "access")
    return {f: meta[f] for f in fields}


def _record(document_id: str, meta: Any) -> DocumentRecord:
    fields = DocumentRecord.__dataclass_fields__
    missing = {k: f.default if f.default is not MISSING else ("" if f.type == "str" else 0) for k, f in fields.items()}
    values = {k: meta.get(k, missing[k]) for k in fields if k != "document_id"}
    return DocumentRecord(document_id=document_id, **values)


def _split_unit_id(unit_id: str) -> tuple[str, int]:
    """'chunk_id#3' -> ('chunk_id', 3): a sentence unit's chunk and its place in it."""
    chunk_id, _, position = unit_id.rpartition("#")
    return chunk_id, int(position) if position.isdigit() else 0


def _unit_hits(index: LexicalIndex, unit_ids: Sequence[str], scores: Sequence[float],
               passing: np.ndarray | None = None) -> list[UnitHit]:
    """Hits for units found by id, with their chunk's metadata from the index; units of chunks the index
    does not hold, or that `passing` leaves out, are dropped."""
    hits = []
    for unit_id, score in zip(unit_ids, scores, strict=True):
        chunk_id = _split_unit_id(unit_id)[0]
        row = index.position(chunk_id)
        if row is not None and (passing is None or passing[row]):
            hits.append(UnitHit(chunk_id, score, index.metas[row]))
    return hits


def _unit_ids(chunk_ids: list[str], metas: list[dict[str, Any]]) -> list[str] | None:
    """The sentence-unit ids of these chunks; None if a chunk was stored without its unit count."""
    ids: list[str] = []
    for chunk_id, meta in zip(chunk_ids, metas, strict=True):
        count = meta.get("unit_count")
        if count is None:
            return None
        ids.extend(f"{chunk_id}#{i}" for i in range(int(count)))
    return ids
