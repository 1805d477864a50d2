"""Optional cross-encoder reranking, on when the operator configures a model folder.

No cross-encoder ships on PyPI in a form that loads offline here, so this is off by default.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

log = logging.getLogger(__name__)


class CrossEncoderReranker:
    def __init__(self, model_path: str, *, max_length: int = 384) -> None:
        from sentence_transformers import CrossEncoder

        log.info("loading cross-encoder from %s", model_path)
        self._model = CrossEncoder(model_path, device="cpu", max_length=max_length, local_files_only=True)

    def score(self, query: str, texts: Sequence[str]) -> list[float]:
        if not texts:
            return []
        scores = self._model.predict([(query, t) for t in texts], show_progress_bar=False)
        return [float(s) for s in scores]
