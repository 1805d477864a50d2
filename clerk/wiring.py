"""Build the store, searcher and assistant from Settings: the only place settings meet library code."""

from __future__ import annotations

from pathlib import Path

from clerk.settings import Settings, resolve_embedding_model
from vectorstore.factory import open_store
from vectorstore.glossary import default_glossary
from vectorstore.search import HybridSearcher
from vectorstore.store import ClerkStore


def build_store(settings: Settings, *, data_dir: Path | None = None) -> ClerkStore:
    return open_store(
        data_dir=data_dir or settings.data_dir,
        embedding_model=resolve_embedding_model(settings.embedding_model),
        chroma_mode=settings.chroma.mode,
        chroma_host=settings.chroma.host,
        chroma_port=settings.chroma.port,
        collection=settings.chroma.collection,
        batch_size=settings.embedding_batch_size,
    )


def build_searcher(settings: Settings, store: ClerkStore) -> HybridSearcher:
    reranker = None
    if settings.reranker_model:
        from vectorstore.rerank import CrossEncoderReranker

        reranker = CrossEncoderReranker(settings.reranker_model)
    return HybridSearcher(store, glossary=default_glossary(), reranker=reranker)
