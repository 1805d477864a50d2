"""Load paper files into the store: one bad file never stops the rest, and re-ingest is a no-op."""

from __future__ import annotations

import atexit
import logging
import time
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path

from ingest.errors import IngestError
from ingest.extract import SUPPORTED_SUFFIXES
from ingest.hashing import document_id_of
from ingest.isolated import PaperParser
from ingest.meetings import FILLS
from ingest.metadata import sources_json
from ingest.paper import READER_VERSION, PaperChunks
from vectorstore.store import ClerkStore, DocumentRecord, writer_alive

log = logging.getLogger(__name__)

SIDECAR_NAMES = ("papers.csv",)


@dataclass
class FileOutcome:
    """What happened to one file: ingested, unchanged, skipped (not attempted) or failed (unreadable)."""

    path: str
    status: str
    reason: str = ""
    document_id: str = ""
    title: str = ""
    chunks_added: int = 0
    chunks_removed: int = 0


@dataclass
class IngestSummary:
    files: list[FileOutcome] = field(default_factory=list)
    seconds: float = 0.0

    def count(self, status: str) -> int:
        return sum(1 for f in self.files if f.status == status)

    @property
    def chunks_added(self) -> int:
        return sum(f.chunks_added for f in self.files)

    @property
    def chunks_removed(self) -> int:
        return sum(f.chunks_removed for f in self.files)

    @property
    def ok(self) -> bool:
        return self.count("failed") == 0


def collect_files(paths: Iterable[Path]) -> list[Path]:
    """Expand folders recursively (sorted, sidecars left out); paths that do not exist are kept to be reported."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(p for p in sorted(path.rglob("*")) if p.is_file() and not _is_sidecar(p))
        else:
            found.append(path)
    return found


def ingest_files(
    store: ClerkStore,
    paths: Iterable[Path],
    *,
    max_file_mb: float = 50,
    on_file: Callable[[Path], None] | None = None,
    parse_timeout_s: float = 120.0,
    parse_memory_mb: int = 3072,
    on_progress: Callable[[Path, int, int], None] | None = None,
    council: str = "",
) -> IngestSummary:
    """Ingest every file under `paths`. Each file is parsed in a worker process (ingest.isolated) within
    the time and memory limits, the next file while this one is embedded; whatever goes wrong with one
    file becomes its reason in the summary and the run goes on. `on_progress(path, chunks written,
    chunks in the file)` is called as each batch of a file's chunks is embedded and stored."""
    started = time.perf_counter()
    parser = _parser(parse_timeout_s, parse_memory_mb)
    run = _Run(store, collect_files(paths), parser, max_file_mb, council)
    with parser.lock:
        summary = run.each(on_file, on_progress)
    if summary.count("ingested"):
        fill_from_meetings(store)
    store.lexical()  # bring BM25 in step now rather than on the first search
    summary.seconds = time.perf_counter() - started
    return summary


class _Run:
    """One ingest run: each file's plan is made once (an outcome without parsing, or its document id),
    and the next file to parse is handed to the worker while the current one is embedded."""

    def __init__(self, store: ClerkStore, files: list[Path], parser: PaperParser, max_file_mb: float,
                 council: str = "") -> None:
        self.store, self.files, self.parser, self.max_file_mb = store, files, parser, max_file_mb
        self.council = council
        self._plans: dict[int, FileOutcome | str] = {}

    def plan(self, i: int) -> FileOutcome | str:
        if i not in self._plans:
            try:
                self._plans[i] = _plan(self.store, self.files[i], self.max_file_mb)
            except OSError as exc:
                self._plans[i] = FileOutcome(str(self.files[i]), "failed",
                                             f"could not be read ({exc.strerror or 'I/O error'})")
        return self._plans[i]

    def submit(self, i: int) -> Future[PaperChunks] | None:
        """Start parsing file i in the worker, if there is such a file and it needs parsing."""
        planned = self.plan(i) if i < len(self.files) else None
        return self.parser.submit(self.files[i], planned, self.council) if isinstance(planned, str) else None

    def each(self, on_file: Callable[[Path], None] | None,
             on_progress: Callable[[Path, int, int], None] | None) -> IngestSummary:
        summary = IngestSummary()
        queued = self.submit(0)
        for i, path in enumerate(self.files):
            if on_file:
                on_file(path)
            current, queued = queued, None
            planned = self.plan(i)
            try:
                if isinstance(planned, FileOutcome):
                    outcome = planned
                else:
                    paper = self.parser.result(current or self.parser.submit(path, planned, self.council))
                    queued = self.submit(i + 1)  # parsed in the worker while this paper is embedded
                    outcome = _store_paper(self.store, path, paper, on_progress)
            except IngestError as exc:
                outcome = FileOutcome(str(path), "failed", str(exc))
            queued = queued or self.submit(i + 1)
            log.info("%s: %s %s", path, outcome.status, outcome.reason)
            summary.files.append(outcome)
        return summary


def _plan(store: ClerkStore, path: Path, max_file_mb: float) -> FileOutcome | str:
    """What happens to a file without reading its content: an outcome, or its document id to parse."""
    if not path.exists():
        return FileOutcome(str(path), "failed", "file not found")
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        return FileOutcome(str(path), "skipped", f"unsupported file type {path.suffix or '(none)'}")
    size_mb = path.stat().st_size / 1e6
    if size_mb > max_file_mb:
        return FileOutcome(str(path), "skipped", f"file too large ({size_mb:.0f} MB > {max_file_mb:g} MB limit)")
    document_id = document_id_of(path.read_bytes())
    existing = store.get_document(document_id)
    if existing is not None and existing.status == "complete":
        if existing.reader_version != READER_VERSION:
            log.info("%s: read by an older version of the reader; reading it again", path)
        elif store.stored_chunk_count(document_id) >= existing.chunks:
            return FileOutcome(str(path), "unchanged", document_id=document_id, title=existing.title)
        else:
            log.warning("%s: stored with fewer chunks than it has; ingesting it again", path)
        store.delete_document(document_id)
    elif existing is not None and writer_alive(existing.writer, existing.heartbeat):
        return FileOutcome(str(path), "skipped", "another process is ingesting this file now",
                           document_id=document_id)
    elif existing is not None:  # left pending by a writer that died since this store was opened
        store.delete_document(document_id)
    return document_id


def fill_from_meetings(store: ClerkStore) -> int:
    """Give papers that name no meeting date, council or committee the one their meeting's other papers name
    (ingest.meetings); over the whole store, so an appendix ingested in one run learns from an agenda
    ingested in another. In the order of `FILLS`: a paper given its date or council can then join its
    meeting's papers."""
    filled = 0
    for name, infer, source in FILLS:
        found = infer(store.list_documents())
        for document_id, value in found.items():
            store.fill_document_fields(document_id, {name: value}, source=source)
        if found:
            log.info("%s of %d papers taken from their %s's papers", name, len(found), source)
        filled += len(found)
    return filled


def _store_paper(store: ClerkStore, path: Path, paper: PaperChunks,
                 on_progress: Callable[[Path, int, int], None] | None = None) -> FileOutcome:
    if not paper.chunks:
        raise IngestError("no text found")
    source = str(path.resolve())
    first = paper.reports[0].meta if paper.reports else None
    record = DocumentRecord(
        document_id=paper.document_id, file_name=path.name, source=source,
        title=" / ".join(r.title for r in paper.reports[:3]) or path.name,
        council=first.council if first else "", committee=first.committee if first else "",
        meeting_date=first.meeting_date if first else "", doc_type=first.doc_type if first else "",
        chunks=len(paper.chunks), status="pending", ingested_at=time.time(),
        access="exempt" if any(c.access == "exempt" for c in paper.chunks) else "public",
        exempt_reason=next((r.meta.exempt_reason for r in paper.reports if r.meta.exempt_reason), ""),
        source_url=first.source_url if first else "",
        field_sources=sources_json(first) if first else "", reader_version=READER_VERSION,
    )
    if on_progress:
        store.add_document(record, paper.chunks, on_progress=lambda done, total: on_progress(path, done, total))
    else:
        store.add_document(record, paper.chunks)
    removed = 0
    for stale in store.documents_for_source(source):  # the same file's previous version
        if stale.document_id != paper.document_id:
            removed += stale.chunks
            store.delete_document(stale.document_id)
    return FileOutcome(str(path), "ingested", document_id=paper.document_id, title=record.title,
                       chunks_added=len(paper.chunks), chunks_removed=removed)


_PARSERS: dict[tuple[float, int], PaperParser] = {}


def _parser(timeout_s: float, memory_mb: int) -> PaperParser:
    """One parsing worker per set of limits for the whole process (starting one costs about a second)."""
    key = (timeout_s, memory_mb)
    if key not in _PARSERS:
        _PARSERS[key] = PaperParser(timeout_s=timeout_s, memory_mb=memory_mb)
        atexit.register(_PARSERS[key].close)
    return _PARSERS[key]


def _is_sidecar(path: Path) -> bool:
    return path.name in SIDECAR_NAMES or path.name.endswith(".meta.json")
