"""BM25 over chunk texts (bm25s + PyStemmer), persisted beside Chroma and rebuilt when Chroma changes.

bm25s has no incremental update, so the index is rebuilt from the store's chunks after each ingest or
delete; it carries the store's generation number so a stale copy on disk is detected and rebuilt.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import shutil
import time
import uuid
from pathlib import Path
from typing import Any

import bm25s
import numpy as np
import Stemmer

log = logging.getLogger(__name__)

# Keep numbers with their separators ("733,354", "24/00093", "3.1.2") as one token.
TOKEN_PATTERN = r"(?u)\b\w+(?:[.,/]\w+)*\b"
_STEMMER = Stemmer.Stemmer("english")
_VERSION_PREFIX = "g"
# BM25's term saturation and length normalisation, chosen by cross-validation over the held-out question sets
# (folds keep a paper's questions together; bench/RESULTS.md, session 20). A passage's length says little
# here: a numbered paragraph is short or long as the officer wrote it, so lengths are normalised less than
# bm25s's defaults (k1 1.5, b 0.75), and a word repeated counts for less.
BM25_K1 = 0.9
BM25_B = 0.6


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

    FILTER_FIELDS = ("council", "committee", "doc_type", "document_id", "file_name", "access")

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
            model = bm25s.BM25(k1=BM25_K1, b=BM25_B)
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
        """Write the index to a folder of its own, then point CURRENT at it (an atomic rename).

        Two processes (or threads) saving at once each write their own folder, and a reader always finds
        a complete index: CURRENT only ever names a folder whose files are all written.
        """
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"{_VERSION_PREFIX}{self.generation}-{uuid.uuid4().hex[:12]}"
        target.mkdir()
        if self._model is not None:
            self._model.save(str(target / "bm25"))
        (target / "rows.json").write_text(json.dumps({"generation": self.generation, "params": [BM25_K1, BM25_B],
                                                      "ids": self.ids, "metas": self.metas}))
        pointer = folder / f"CURRENT.{uuid.uuid4().hex}.tmp"
        pointer.write_text(target.name)
        os.replace(pointer, folder / "CURRENT")
        _remove_old_versions(folder, keep=target.name)

    @classmethod
    def load(cls, folder: Path) -> LexicalIndex | None:
        try:
            target = folder / (folder / "CURRENT").read_text().strip()
            rows = json.loads((target / "rows.json").read_text())
            if rows.get("params") != [BM25_K1, BM25_B]:
                log.info("lexical index at %s built with other BM25 parameters; it will be rebuilt", folder)
                return None
            model = bm25s.BM25.load(str(target / "bm25")) if rows["ids"] else None
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError) as exc:
            log.warning("lexical index at %s unreadable (%s); it will be rebuilt", folder, exc)
            return None
        return cls(rows["ids"], rows["metas"], int(rows["generation"]), model)


def _remove_old_versions(folder: Path, keep: str, spare: int = 2) -> None:
    """Delete all but the newest few index folders (a reader may still be loading the one just replaced;
    if it loses the race it finds the files gone and rebuilds)."""
    versions = sorted((p for p in folder.glob(f"{_VERSION_PREFIX}*") if p.is_dir() and p.name != keep),
                      key=_modified, reverse=True)
    for old in versions[spare:]:
        shutil.rmtree(old, ignore_errors=True)
    for stale in folder.glob("CURRENT.*.tmp"):
        with contextlib.suppress(OSError):  # another process may remove it first
            if time.time() - stale.stat().st_mtime > 60:
                stale.unlink()


def _modified(path: Path) -> float:
    """A folder's modification time; 0 when another process removed it meanwhile."""
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0
