"""Session-wide fixtures: the real packaged embedding model (loaded once), stores in tmp dirs."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

import clerk.settings  # noqa: F401  (sets the offline environment before any model import)
from ingest.models import Chunk
from vectorstore.chroma import make_client, open_collections
from vectorstore.store import ClerkStore

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPUS = SHARED / "corpus"
_corpus_present = pytest.mark.skipif(
    not CORPUS.is_dir(), reason=f"shared corpus not found at {CORPUS} (it sits beside the project in CI)"
)


def needs_corpus(test: Callable[..., None]) -> Callable[..., None]:
    """Mark a test as reading ../shared/corpus, skipped with the reason when that folder is absent."""
    return pytest.mark.shared(_corpus_present(test))


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not (SHARED / "corpus").is_dir():
        pytest.skip(f"shared corpus not found at {SHARED} (it sits beside the project in CI)")
    return SHARED


@pytest.fixture(scope="session")
def embeddings():
    from clerk.settings import resolve_embedding_model
    from vectorstore.embeddings import load_embeddings

    return load_embeddings(resolve_embedding_model(os.environ.get("CLERK_EMBEDDING_MODEL", "")))


@pytest.fixture
def make_store(tmp_path: Path, embeddings) -> Callable[..., ClerkStore]:
    """Open (or reopen) a real embedded Chroma store under tmp_path."""

    def _open(name: str = "store") -> ClerkStore:
        client = make_client("embedded", path=tmp_path / name / "chroma")
        return ClerkStore(open_collections(client, "clerk_chunks"), embeddings, tmp_path / name / "bm25")

    return _open


def make_chunk(document_id: str, ordinal: int, text: str, para: str | None = None, **meta: str) -> Chunk:
    """A chunk as the chunker would make it, for store tests that do not need a parser."""
    from ingest.hashing import text_hash

    return Chunk(
        chunk_id=f"{document_id}:{para or 'p'}:{text_hash(text)}",
        document_id=document_id,
        file_name=meta.pop("file_name", f"{document_id}.txt"),
        text=text,
        report_title=meta.pop("report_title", "Test Report"),
        char_start=ordinal * 100,
        char_end=ordinal * 100 + len(text),
        paragraph_ids=[para] if para else [],
        ordinal=ordinal,
        **meta,
    )
