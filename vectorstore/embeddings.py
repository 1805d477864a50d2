"""The embedding seam: langchain_core `Embeddings`, backed by a local sentence-transformers folder."""

from __future__ import annotations

import logging
from functools import lru_cache

from langchain_core.embeddings import Embeddings

log = logging.getLogger(__name__)


@lru_cache(maxsize=4)
def load_embeddings(model_path: str, batch_size: int = 32) -> Embeddings:
    """Load a sentence-transformers model from a folder, once per process.

    Never a hub download: the caller passes a folder (the packaged all-MiniLM-L6-v2 by default), and
    HF_HUB_OFFLINE is set by the settings module.
    """
    from langchain_huggingface import HuggingFaceEmbeddings

    log.info("loading embedding model from %s", model_path)
    return HuggingFaceEmbeddings(
        model_name=model_path,
        model_kwargs={"device": "cpu", "local_files_only": True},
        encode_kwargs={"normalize_embeddings": True, "batch_size": batch_size},
        show_progress=False,
    )
