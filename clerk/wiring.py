"""Build the store, searcher and assistant from Settings: the only place settings meet library code."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from clerk.settings import Settings, resolve_embedding_model
from vectorstore.factory import open_store
from vectorstore.search import HybridSearcher
from vectorstore.store import ClerkStore

if TYPE_CHECKING:
    from assistant.service import Assistant


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
    return HybridSearcher(store, reranker=reranker)


def build_assistant(settings: Settings, store: ClerkStore) -> Assistant:
    """The assistant over `store`: the built-in answerer, or the LLM the settings name."""
    from assistant.briefing import BriefingWriter
    from assistant.builtin import BuiltinAnswerer
    from assistant.library import PaperLibrary
    from assistant.refusal import RefusalPolicy
    from assistant.service import Answerer, Assistant

    llm = settings.llm
    answerer: Answerer
    briefing_writer: BriefingWriter | None = None  # None: the built-in, extractive writer
    if llm.provider == "builtin":
        answerer = BuiltinAnswerer()
    else:
        from assistant.briefing_llm import LLMBriefingWriter
        from assistant.llm import LLMAnswerer, make_chat_model

        chat_model = make_chat_model(provider=llm.provider, model=llm.model, base_url=llm.base_url,
                                     api_key=llm.api_key, temperature=llm.temperature, timeout_s=llm.timeout_s)
        answerer = LLMAnswerer(chat_model, name=llm.provider)
        briefing_writer = LLMBriefingWriter(chat_model, name=llm.provider)
    library = PaperLibrary(store, upload_dir=settings.data_dir / "uploads", max_file_mb=settings.max_file_mb,
                           parse_limits={"parse_timeout_s": settings.parse_timeout_s,
                                         "parse_memory_mb": settings.parse_memory_mb,
                                         "council": settings.council})
    refusal = RefusalPolicy() if settings.min_semantic is None else RefusalPolicy(min_semantic=settings.min_semantic)
    return Assistant(build_searcher(settings, store), answerer, library=library, default_k=settings.default_k,
                     briefing_writer=briefing_writer, refusal=refusal)
