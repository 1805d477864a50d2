"""Settings reach the parts they configure."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.refusal import DEFAULT_MIN_SEMANTIC
from clerk.settings import Settings
from clerk.wiring import build_assistant


def test_the_floor_on_meaning_is_a_setting_for_another_embedding_model(
        tmp_path: Path, make_store, monkeypatch: pytest.MonkeyPatch) -> None:
    store = make_store()
    assert build_assistant(Settings(data_dir=tmp_path), store).refusal.min_semantic == DEFAULT_MIN_SEMANTIC
    monkeypatch.setenv("CLERK_MIN_SEMANTIC", "0.25")
    assert build_assistant(Settings(data_dir=tmp_path), store).refusal.min_semantic == 0.25
