"""BM25 over chunk texts (bm25s + PyStemmer), persisted beside Chroma and rebuilt when Chroma changes.

bm25s has no incremental update, so the index is rebuilt from the store's chunks after each ingest or
delete; it carries the store's generation number so a stale copy on disk is detected and rebuilt.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import bm25s
import numpy as np
import Stemmer

log = logging.getLogger(__name__)

# Keep numbers with their separators ("733,354", "24/00093", "3.1.2") as one token.
TOKEN_PATTERN = r"(?u)\b\w+(?:[.,/]\w+)*\b"
_STEMMER = Stemmer.Stemmer("english")


def tokenize(texts: list[str]) -> list[list[str]]:
    tokenized = bm25s.tokenize(
        texts, token_pattern=TOKEN_PATTERN, stopwords="en", stemmer=_STEMMER, return_ids=False,
        show_progress=False,
    )
    return tokenized  # type: ignore[return-value]


class LexicalIndex:
    """A BM25 index plus the metadata rows of every chunk, aligned by position."""

    def __init__(self, ids: list[str], metas: list[dict[str, Any]], generation: int,
                 model: bm25s.BM25 | None) -> None:
        self.ids = ids
        self.metas = metas
        self.generation = generation
        self._model = model
        self._columns: dict[str, np.ndarray] | None = None
        self._positions: dict[str, int] | None = None

    FILTER_FIELDS = ("council", "committee", "doc_type", "document_id", "file_name")

    def columns(self) -> dict[str, np.ndarray]:
        """The filterable metadata as arrays (casefolded strings, date numbers), for vectorised masks."""
        if self._columns is None:
            columns = {f: np.array([str(m.get(f, "")).casefold() for m in self.metas], dtype=object)
                       for f in self.FILTER_FIELDS}
            columns["meeting_date_num"] = np.array([int(m.get("meeting_date_num") or 0) for m in self.metas],
                                                   dtype=np.int64)
            self._columns = columns
        return self._columns

    def position(self, chunk_id: str) -> int | None:
        """The row of a chunk in `ids` and `metas`; None when the index does not hold it."""
        if self._positions is None:
            self._positions = {cid: i for i, cid in enumerate(self.ids)}
        return self._positions.get(chunk_id)

    @classmethod
    def build(cls, ids: list[str], texts: list[str], metas: list[dict[str, Any]], generation: int) -> LexicalIndex:
        model = None
        if ids:
            model = bm25s.BM25()
            model.index(tokenize(texts), show_progress=False)
        return cls(ids, metas, generation, model)

    def __len__(self) -> int:
        return len(self.ids)

    def search(self, query: str, k: int, mask: np.ndarray | None = None) -> list[tuple[str, float]]:
        """Top-k (chunk id, BM25 score) with a positive score, restricted to `mask` when given."""
        if self._model is None or not query.strip():
            return []
        tokens = tokenize([query])
        if not tokens[0]:
            return []
        scores = self._model.get_scores(tokens[0])
        if mask is not None:
            scores = np.where(mask, scores, 0.0)
        k = min(k, len(scores))
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top])]
        return [(self.ids[i], float(scores[i])) for i in top if scores[i] > 0]

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / "rows.json.tmp"
        tmp.write_text(json.dumps({"generation": self.generation, "ids": self.ids, "metas": self.metas}))
        if self._model is not None:
            self._model.save(str(folder / "bm25"))
        tmp.replace(folder / "rows.json")  # rows last: a crash before this leaves the old generation

    @classmethod
    def load(cls, folder: Path) -> LexicalIndex | None:
        rows_file = folder / "rows.json"
        if not rows_file.exists():
            return None
        try:
            rows = json.loads(rows_file.read_text())
            model = bm25s.BM25.load(str(folder / "bm25")) if rows["ids"] else None
        except (OSError, ValueError, KeyError) as exc:
            log.warning("lexical index at %s unreadable (%s); it will be rebuilt", folder, exc)
            return None
        return cls(rows["ids"], rows["metas"], int(rows["generation"]), model)
