"""The chat page ingests only files its own upload route received, never a path a client names.

A Gradio event's file value is a path sent by the client; these tests call the page's `ingest` event
over HTTP on a live server, as any script could, with a file the browser never uploaded.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.assistant.conftest import open_store
from tests.ui.conftest import make_assistant
from tests.ui.test_browser import serving
from vectorstore.store import ClerkStore

SECRET = "The treasurer's private password is HUMMINGBIRD-42."


@pytest.fixture
def live(tmp_path: Path, embeddings) -> Iterator[tuple[str, ClerkStore]]:  # type: ignore[no-untyped-def]
    store = open_store(tmp_path / "store", embeddings)
    with serving(make_assistant(store, tmp_path)) as url:
        yield url, store


def _call_ingest(url: str, files: list[dict]) -> str:
    """Run the page's ingest event through Gradio's HTTP API; its result table (or the error event)."""
    started = httpx.post(url + "gradio_api/call/ingest", json={"data": [files]}, timeout=30)
    assert started.status_code == 200, started.text
    stream = httpx.get(url + f"gradio_api/call/ingest/{started.json()['event_id']}", timeout=120)
    return stream.text


def _file_data(path: Path, name: str) -> dict:
    return {"path": str(path), "orig_name": name, "meta": {"_type": "gradio.FileData"}}


def test_a_server_path_the_browser_never_uploaded_is_not_ingested(live, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    url, store = live
    note = tmp_path / "private" / "note.txt"
    note.parent.mkdir()
    note.write_text((SECRET + " ") * 10)
    result = _call_ingest(url, [_file_data(note, "note.txt")])
    assert "HUMMINGBIRD" not in result
    assert store.list_documents() == []
    assert store.lexical_search("treasurer password HUMMINGBIRD", 5) == []


def test_a_symlink_into_the_upload_folder_is_not_ingested(live, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from gradio.utils import get_upload_folder

    url, store = live
    note = tmp_path / "note.txt"
    note.write_text((SECRET + " ") * 10)
    link_dir = Path(get_upload_folder()) / "clerk-test-link"
    link_dir.mkdir(parents=True, exist_ok=True)
    link = link_dir / "note.txt"
    link.unlink(missing_ok=True)
    link.symlink_to(note)
    try:
        result = _call_ingest(url, [_file_data(link, "note.txt")])
    finally:
        link.unlink()
        link_dir.rmdir()
    assert "HUMMINGBIRD" not in result
    assert store.list_documents() == []


def test_a_file_uploaded_through_the_page_is_ingested(live) -> None:  # type: ignore[no-untyped-def]
    url, store = live
    paper = b"Library Review\n\n1.1 The council will keep all nine libraries open until March 2026.\n"
    uploaded = httpx.post(url + "gradio_api/upload", files={"files": ("libraries.txt", paper, "text/plain")},
                          timeout=30)
    assert uploaded.status_code == 200, uploaded.text
    [path] = uploaded.json()
    result = _call_ingest(url, [_file_data(Path(path), "libraries.txt")])
    assert "ingested" in json.dumps(result)
    assert [d.file_name for d in store.list_documents()] == ["libraries.txt"]


def test_gradio_file_routes_serve_no_file_outside_the_page(live, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    url, _ = live
    note = tmp_path / "private-note.txt"
    note.write_text(SECRET)
    for target in ("/etc/passwd", str(note)):
        for route in (f"gradio_api/file={target}", f"file={target}"):
            response = httpx.get(url + route, timeout=30)
            assert response.status_code != 200 or ("root:" not in response.text and "HUMMINGBIRD" not in response.text)
