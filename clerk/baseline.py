"""The pipeline a user would otherwise build, as the LangChain tutorial does it: pypdf text,
RecursiveCharacterTextSplitter(1000, 200), the same embedding model, Chroma top-k. Clerk must beat it."""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

import chromadb
from chromadb.config import Settings as ChromaClientSettings
from langchain_chroma import Chroma
from langchain_core.documents import Document
from langchain_core.embeddings import Embeddings
from langchain_text_splitters import RecursiveCharacterTextSplitter

from clerk.evaluation import Passage

log = logging.getLogger(__name__)


def _plain_text(path: Path) -> str:
    if path.suffix.lower() == ".pdf":
        from pypdf import PdfReader

        try:
            return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)
        except Exception as exc:  # the baseline skips what pypdf cannot read, as a tutorial would
            log.info("baseline: %s unreadable (%s)", path.name, exc)
            return ""
    return path.read_text(errors="replace")


class NaivePipeline:
    def __init__(self, files: list[Path], embeddings: Embeddings) -> None:
        splitter = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200)
        docs = [Document(page_content=_plain_text(f), metadata={"file_name": f.name}) for f in files]
        chunks = [c for c in splitter.split_documents([d for d in docs if d.page_content.strip()])]
        self._dir = tempfile.TemporaryDirectory(prefix="clerk-naive-")
        client = chromadb.PersistentClient(self._dir.name, settings=ChromaClientSettings(anonymized_telemetry=False))
        self._store = Chroma(client=client, collection_name="naive", embedding_function=embeddings,
                             collection_metadata={"hnsw:space": "cosine"})
        for start in range(0, len(chunks), 1000):
            self._store.add_documents(chunks[start : start + 1000])

    def retrieve(self, question: str, k: int) -> list[Passage]:
        found = self._store.similarity_search(question, k=k)
        return [Passage(d.metadata["file_name"], d.page_content, []) for d in found]
