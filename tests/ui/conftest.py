"""API tests run a real assistant over a temporary store of the demo papers, through TestClient."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from assistant.builtin import BuiltinAnswerer
from assistant.library import PaperLibrary
from assistant.service import Assistant
from tests.assistant.conftest import (
    example_store,  # noqa: F401  (the session store of the demo papers)
    open_store,
)
from ui.api import create_app
from vectorstore.search import HybridSearcher
from vectorstore.store import ClerkStore


def make_assistant(store: ClerkStore, tmp_path, **library) -> Assistant:  # type: ignore[no-untyped-def]
    return Assistant(HybridSearcher(store), BuiltinAnswerer(),
                     library=PaperLibrary(store, upload_dir=tmp_path / "uploads", **library))


@pytest.fixture(scope="module")
def client(example_store: ClerkStore, tmp_path_factory: pytest.TempPathFactory) -> TestClient:  # noqa: F811
    return TestClient(create_app(make_assistant(example_store, tmp_path_factory.mktemp("up"))))


@pytest.fixture
def fresh_client(tmp_path, embeddings) -> TestClient:  # type: ignore[no-untyped-def]
    """An app over an empty store of its own, for tests that add and remove papers."""
    assistant = make_assistant(open_store(tmp_path / "store", embeddings), tmp_path, max_file_mb=0.05)
    return TestClient(create_app(assistant), raise_server_exceptions=False)
