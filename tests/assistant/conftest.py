"""A real store over the demo papers in examples/ (parsed, embedded, indexed once per session)."""

from __future__ import annotations

from pathlib import Path

import pytest

from vectorstore.chroma import make_client, open_collections
from vectorstore.loader import ingest_files
from vectorstore.store import ClerkStore

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "papers"


def open_store(path: Path, embeddings) -> ClerkStore:  # type: ignore[no-untyped-def]
    client = make_client("embedded", path=path / "chroma")
    return ClerkStore(open_collections(client, "clerk_chunks"), embeddings, path / "bm25")


@pytest.fixture(scope="session")
def example_store(tmp_path_factory: pytest.TempPathFactory, embeddings) -> ClerkStore:  # type: ignore[no-untyped-def]
    store = open_store(tmp_path_factory.mktemp("examples"), embeddings)
    summary = ingest_files(store, [EXAMPLES])
    assert summary.ok and summary.count("ingested") == 3, summary
    return store
