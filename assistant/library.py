"""The papers behind the assistant: list, upload, remove, and open a passage with its neighbours."""

from __future__ import annotations

import logging
import re
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ingest.extract import SUPPORTED_SUFFIXES
from ingest.models import Chunk
from vectorstore.loader import FileOutcome, ingest_files
from vectorstore.store import ClerkStore, DocumentRecord

log = logging.getLogger(__name__)

_UNSAFE = re.compile(r"[^\w .()&,'-]+")


@dataclass
class Passage:
    """A cited passage with the passages printed just before and after it, for the viewer."""

    chunk: Chunk
    before: list[Chunk] = field(default_factory=list)
    after: list[Chunk] = field(default_factory=list)


@dataclass
class Upload:
    """One uploaded file: its name as the user gave it and its bytes."""

    name: str
    data: bytes


class PaperLibrary:
    def __init__(self, store: ClerkStore, *, upload_dir: Path | None = None, max_file_mb: float = 50) -> None:
        self.store = store
        self.upload_dir = upload_dir or Path(tempfile.gettempdir()) / "clerk-uploads"
        self.max_file_mb = max_file_mb

    def documents(self) -> list[DocumentRecord]:
        return self.store.list_documents()

    def delete(self, document_id: str) -> bool:
        return self.store.delete_document(document_id)

    def chunk_count(self) -> int:
        return self.store.chunk_count()

    def passage(self, chunk_id: str, *, before: int = 1, after: int = 1) -> Passage | None:
        found = self.store.get_chunks([chunk_id])
        if not found:
            return None
        chunk = found[0]
        around = self.store.neighbours(chunk, before=before, after=after)
        return Passage(
            chunk=chunk,
            before=[c for c in around if c.ordinal < chunk.ordinal],
            after=[c for c in around if c.ordinal > chunk.ordinal],
        )

    def check_upload(self, name: str, size: int) -> str:
        """Why a file cannot be accepted, or "" when it can."""
        suffix = Path(name).suffix.lower()
        if suffix not in SUPPORTED_SUFFIXES:
            return f"unsupported file type {suffix or '(none)'}: expected one of {', '.join(SUPPORTED_SUFFIXES)}"
        if size > self.max_file_mb * 1e6:
            return f"file too large ({size / 1e6:.1f} MB > {self.max_file_mb:g} MB limit)"
        if size == 0:
            return "empty file"
        return ""

    def add(self, uploads: Sequence[Upload], *, on_file: Callable[[int, str], None] | None = None) -> list[FileOutcome]:
        """Save and ingest each file; one bad file never stops the rest. Results are in upload order."""
        self.upload_dir.mkdir(parents=True, exist_ok=True)
        outcomes: list[FileOutcome] = []
        for i, upload in enumerate(uploads):
            if on_file:
                on_file(i, upload.name)
            reason = self.check_upload(upload.name, len(upload.data))
            if reason:
                outcomes.append(FileOutcome(upload.name, "rejected", reason))
                continue
            path = self.upload_dir / safe_name(upload.name)
            path.write_bytes(upload.data)
            summary = ingest_files(self.store, [path], max_file_mb=self.max_file_mb)
            outcome = summary.files[0] if summary.files else FileOutcome(upload.name, "failed", "not ingested")
            outcome.path = upload.name
            log.info("upload %s: %s %s", upload.name, outcome.status, outcome.reason)
            outcomes.append(outcome)
        return outcomes


def safe_name(name: str) -> str:
    """A file name that cannot leave the upload folder or confuse a shell."""
    base = Path(name.replace("\\", "/")).name
    cleaned = _UNSAFE.sub("_", base).strip(" .") or "upload"
    stem, dot, suffix = cleaned.rpartition(".")
    return (stem[:120] + dot + suffix) if dot else cleaned[:120]
