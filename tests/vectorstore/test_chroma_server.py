"""The same store code against a real Chroma server (`chroma run`), started by the test on loopback."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.vectorstore.test_store import DEVON, KENT, add
from vectorstore.chroma import make_client, open_collections
from vectorstore.search import HybridSearcher
from vectorstore.store import ClerkStore

CHROMA = Path(sys.executable).with_name("chroma")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory):
    if not CHROMA.exists() and not shutil.which("chroma"):
        pytest.skip("the chroma command (installed with chromadb) is not on this machine")
    port = free_port()
    folder = tmp_path_factory.mktemp("chroma-server")
    proc = subprocess.Popen([str(CHROMA), "run", "--path", str(folder), "--host", "127.0.0.1", "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            make_client("server", path=folder, port=port).heartbeat()
            break
        except Exception:
            time.sleep(0.5)
    else:
        proc.kill()
        pytest.fail("chroma server did not start within 60 s")
    yield port
    proc.terminate()
    proc.wait(timeout=20)


def test_store_and_search_through_a_chroma_server(chroma_server, embeddings, tmp_path: Path):
    client = make_client("server", path=tmp_path, port=chroma_server)
    store = ClerkStore(open_collections(client, "clerk_server_test"), embeddings, tmp_path / "bm25")
    add(store, "devon00000000001", DEVON, council="Devon County Council")
    add(store, "kent000000000001", KENT, council="Kent County Council")
    assert store.chunk_count() == 5
    top = HybridSearcher(store).search("forecast overspend excluding schools", k=1)
    assert top[0].chunk.paragraph == "3.1"

    # A second client (another machine's BM25 index) sees the change and rebuilds its index.
    other = ClerkStore(open_collections(make_client("server", path=tmp_path, port=chroma_server),
                                        "clerk_server_test"), embeddings, tmp_path / "bm25-other")
    assert other.delete_document("kent000000000001")
    assert [cid for cid, _ in store.lexical_search("overspend", 5)] == []
