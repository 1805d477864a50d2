"""The papers behind the assistant: list, upload, remove, and open a passage with its neighbours."""

from __future__ import annotations

import logging
import re
import shutil
import tempfile
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from assistant.access import LOCAL_ROLE, Role, may_see
from ingest.extract import SUPPORTED_SUFFIXES
from ingest.models import Chunk
from vectorstore.loader import FileOutcome, ingest_files
from vectorstore.store import ClerkStore, DocumentRecord

log = logging.getLogger(__name__)

_UNSAFE = re.compile(r"[^\w .()&,'-]+")


class UploadTooLarge(ValueError):
    pass


@dataclass
class Passage:
    """A cited passage with the passages printed just before and after it, for the viewer."""

    chunk: Chunk
    before: list[Chunk] = field(default_factory=list)
    after: list[Chunk] = field(default_factory=list)


@dataclass
class Upload:
    """One uploaded file: its name as the user gave it, and where its bytes were received (a folder of
    its own under the upload folder: the name never decides where a file is written, and two uploads of
    one name never meet)."""

    name: str
    path: Path

    @property
    def size(self) -> int:
        return self.path.stat().st_size


class PaperLibrary:
    def __init__(self, store: ClerkStore, *, upload_dir: Path | None = None, max_file_mb: float = 50,
                 parse_limits: dict[str, float | str] | None = None) -> None:
        self.store = store
        self.parse_limits = parse_limits or {}  # ingest_files' parse_timeout_s / parse_memory_mb / council
        self.upload_dir = upload_dir or Path(tempfile.gettempdir()) / "clerk-uploads"
        self.max_file_mb = max_file_mb

    def documents(self, role: Role = LOCAL_ROLE) -> list[DocumentRecord]:
        return [d for d in self.store.list_documents() if may_see(role, d.access)]

    def delete(self, document_id: str) -> bool:
        return self.store.delete_document(document_id)

    def chunk_count(self) -> int:
        return self.store.chunk_count()

    def passage(self, chunk_id: str, *, before: int = 1, after: int = 1, role: Role = LOCAL_ROLE) -> Passage | None:
        """A passage with its neighbours; None when it does not exist or the role may not see it (the
        same answer either way, so an id says nothing about an exempt paper)."""
        found = self.store.get_chunks([chunk_id])
        if not found or not may_see(role, found[0].access):
            return None
        chunk = found[0]
        around = [c for c in self.store.neighbours(chunk, before=before, after=after) if may_see(role, c.access)]
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

    def receive(self, name: str, chunks: Iterable[bytes]) -> Upload:
        """Write an upload's bytes as they arrive into a fresh folder; UploadTooLarge (nothing kept) once
        they pass the size limit, so an oversized file is never held whole."""
        folder = self.upload_dir / uuid.uuid4().hex
        folder.mkdir(parents=True)
        path = folder / safe_name(name)
        limit, size = self.max_file_mb * 1e6, 0
        with path.open("wb") as out:
            for chunk in chunks:
                size += len(chunk)
                if size > limit:
                    break
                out.write(chunk)
        if size > limit:
            shutil.rmtree(folder, ignore_errors=True)
            raise UploadTooLarge(f"file too large (over the {self.max_file_mb:g} MB limit)")
        return Upload(name, path)

    def add(self, uploads: Sequence[Upload], *, on_file: Callable[[int, str], None] | None = None) -> list[FileOutcome]:
        """Ingest each received file; one bad file never stops the rest. Results are in upload order."""
        outcomes: list[FileOutcome] = []
        for i, upload in enumerate(uploads):
            if on_file:
                on_file(i, upload.name)
            reason = self.check_upload(upload.name, upload.size)
            if reason:
                shutil.rmtree(upload.path.parent, ignore_errors=True)
                outcomes.append(FileOutcome(upload.name, "rejected", reason))
                continue
            summary = ingest_files(self.store, [upload.path], max_file_mb=self.max_file_mb,
                                   **self.parse_limits)  # type: ignore[arg-type]
            outcome = summary.files[0] if summary.files else FileOutcome(upload.name, "failed", "not ingested")
            outcome.path = upload.name
            if outcome.status != "ingested":  # only an ingested paper's file is kept, as its source
                shutil.rmtree(upload.path.parent, ignore_errors=True)
            log.info("upload %s: %s %s", upload.name, outcome.status, outcome.reason)
            outcomes.append(outcome)
        return outcomes


def safe_name(name: str) -> str:
    """A file name that cannot leave the upload folder or confuse a shell."""
    base = Path(name.replace("\\", "/")).name
    cleaned = _UNSAFE.sub("_", base).strip(" .") or "upload"
    stem, dot, suffix = cleaned.rpartition(".")
    return (stem[:120] + dot + suffix) if dot else cleaned[:120]
