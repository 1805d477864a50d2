"""Open the store from plain arguments (entry points pass values from Settings)."""

from __future__ import annotations

from pathlib import Path

from vectorstore.chroma import make_client, open_collections
from vectorstore.embeddings import load_embeddings
from vectorstore.store import ClerkStore


def open_store(
    *,
    data_dir: Path,
    embedding_model: str,
    chroma_mode: str = "embedded",
    chroma_host: str = "127.0.0.1",
    chroma_port: int = 8001,
    collection: str = "clerk_chunks",
    batch_size: int = 32,
) -> ClerkStore:
    client = make_client(chroma_mode, path=data_dir / "chroma", host=chroma_host, port=chroma_port)
    # A server is shared: each (server, collection) gets its own local BM25 copy.
    scope = collection if chroma_mode == "embedded" else f"{chroma_host}_{chroma_port}_{collection}"
    index_dir = data_dir / "bm25" / scope
    return ClerkStore(open_collections(client, collection), load_embeddings(embedding_model, batch_size), index_dir)
