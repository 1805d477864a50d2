"""Content hashes: a document's id is the hash of its bytes, so the same file always gets the same id."""

from __future__ import annotations

import hashlib
from pathlib import Path


def document_id_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def file_document_id(path: Path) -> str:
    return document_id_of(path.read_bytes())


def text_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]
