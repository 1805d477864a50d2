"""Chroma clients: embedded on local disk by default, or a Chroma server."""

from __future__ import annotations

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import chromadb
from chromadb.config import Settings as ChromaClientSettings


@dataclass
class ChromaCollections:
    """The collections Clerk keeps: chunks, their sentence units (what dense search queries), the
    document registry and the store's state.

    The registry and state collections hold one-dimensional placeholder vectors: Chroma stores every
    record with an embedding, and keeping them in Chroma keeps a shared server consistent for all clients.
    """

    chunks: chromadb.Collection
    units: chromadb.Collection
    documents: chromadb.Collection
    state: chromadb.Collection


def make_client(mode: str, *, path: Path, host: str = "127.0.0.1", port: int = 8001) -> chromadb.ClientAPI:
    settings = ChromaClientSettings(anonymized_telemetry=False)
    match mode:
        case "embedded":
            path.mkdir(parents=True, exist_ok=True)
            with _opening(path):
                return chromadb.PersistentClient(path=str(path), settings=settings)
        case "server":
            return chromadb.HttpClient(host=host, port=port, settings=settings)
    raise ValueError(f"unknown Chroma mode {mode!r}: expected 'embedded' or 'server'")


@contextmanager
def _opening(path: Path) -> Iterator[None]:
    """One process at a time opens the store: opening a new store creates its SQLite tables, and two
    processes doing so at once (an ingest and the server started together) fail with "table already exists"."""
    with (path / ".opening.lock").open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def open_collections(client: chromadb.ClientAPI, name: str) -> ChromaCollections:
    # embedding_function=None: we always pass vectors; Chroma's default would download an ONNX model.
    def get(suffix: str, space: str = "cosine") -> chromadb.Collection:
        return client.get_or_create_collection(
            f"{name}{suffix}", embedding_function=None, metadata={"hnsw:space": space}
        )

    return ChromaCollections(
        chunks=get(""), units=get("_units"), documents=get("_documents", "l2"), state=get("_state", "l2")
    )
