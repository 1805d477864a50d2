"""The reranking path, with a small real cross-encoder built from the packaged MiniLM weights."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.vectorstore.test_store import DEVON, add
from vectorstore.rerank import CrossEncoderReranker
from vectorstore.search import HybridSearcher


@pytest.fixture(scope="module")
def cross_encoder_dir(tmp_path_factory) -> Path:
    from sentence_transformers import CrossEncoder

    from clerk.settings import resolve_embedding_model

    folder = tmp_path_factory.mktemp("xenc")
    # A BERT body with a fresh one-logit head: a real cross-encoder, untrained, which is all a
    # plumbing test needs (the scores are deterministic, the order is whatever they say).
    model = CrossEncoder(resolve_embedding_model(""), num_labels=1, device="cpu", local_files_only=True)
    model.save(str(folder))
    return folder


def test_reranker_scores_every_text(cross_encoder_dir):
    reranker = CrossEncoderReranker(str(cross_encoder_dir))
    scores = reranker.score("grant for Staying Close", ["a grant", "a road", "a school"])
    assert len(scores) == 3 and all(isinstance(s, float) for s in scores)
    assert reranker.score("q", []) == []


def test_search_orders_by_reranker_scores(make_store, cross_encoder_dir):
    store = make_store()
    add(store, "devon00000000001", DEVON)
    reranker = CrossEncoderReranker(str(cross_encoder_dir))
    hits = HybridSearcher(store, reranker=reranker).search("Staying Close grant", k=3)
    expected = reranker.score("Staying Close grant", [h.chunk.text for h in hits])
    assert [h.score for h in hits] == pytest.approx(sorted(expected, reverse=True))
