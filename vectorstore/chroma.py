"""Chroma clients: embedded on local disk by default, or a Chroma server."""

from __future__ import annotations

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
            return chromadb.PersistentClient(path=str(path), settings=settings)
        case "server":
            return chromadb.HttpClient(host=host, port=port, settings=settings)
    raise ValueError(f"unknown Chroma mode {mode!r}: expected 'embedded' or 'server'")


def open_collections(client: chromadb.ClientAPI, name: str) -> ChromaCollections:
    # embedding_function=None: we always pass vectors; Chroma's default would download an ONNX model.
    def get(suffix: str, space: str = "cosine") -> chromadb.Collection:
        return client.get_or_create_collection(
            f"{name}{suffix}", embedding_function=None, metadata={"hnsw:space": space}
        )

    return ChromaCollections(
        chunks=get(""), units=get("_units"), documents=get("_documents", "l2"), state=get("_state", "l2")
    )
