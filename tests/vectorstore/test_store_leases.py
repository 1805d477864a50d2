"""Who may roll back a pending document, and BM25 saves that never collide."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from vectorstore.lexical import LexicalIndex
from vectorstore.store import LEASE_SECONDS, WRITER, _process_identity, writer_alive


def test_a_live_writer_of_this_host_keeps_its_lease() -> None:
    assert writer_alive(WRITER, heartbeat=0.0)


def test_a_dead_process_or_a_reused_pid_has_no_lease() -> None:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    identity = _process_identity(child.pid)
    child.wait()
    assert identity and not writer_alive(identity, heartbeat=time.time())
    host, pid, started = WRITER.split(":")
    assert not writer_alive(f"{host}:{pid}:{float(started) - 100:.2f}", heartbeat=time.time())


def test_a_writer_on_another_host_is_trusted_while_its_heartbeat_is_recent() -> None:
    now = 1_000_000.0
    assert writer_alive("other-host:123:456.00", heartbeat=now - 5, now=now)
    assert not writer_alive("other-host:123:456.00", heartbeat=now - LEASE_SECONDS - 1, now=now)
    assert not writer_alive("", heartbeat=now, now=now)  # records from before leases


def test_indexes_saved_side_by_side_always_load_whole(tmp_path: Path) -> None:
    """Rebuilds in two threads (an upload and a delete during load) used to share one temporary file."""
    indexes = [LexicalIndex.build([f"c{g}-{i}" for i in range(20 + g)], [f"text {i} of {g}" for i in range(20 + g)],
                                  [{} for _ in range(20 + g)], generation=g) for g in range(2)]
    errors: list[BaseException] = []

    def save_many(index: LexicalIndex) -> None:
        try:
            for _ in range(15):
                index.save(tmp_path)
        except BaseException as exc:  # noqa: BLE001  (reported below)
            errors.append(exc)

    threads = [threading.Thread(target=save_many, args=(i,)) for i in indexes]
    for t in threads:
        t.start()
    loads = 0
    while any(t.is_alive() for t in threads):
        loaded = LexicalIndex.load(tmp_path)
        if loaded is not None:
            loads += 1
            assert len(loaded.ids) == 20 + loaded.generation
            assert loaded.search("text", 50)[0][0].startswith(f"c{loaded.generation}-")
    for t in threads:
        t.join()
    assert not errors and loads > 0
    assert len(list(tmp_path.glob("g*"))) <= 3  # old versions are cleaned up


def test_an_index_built_with_other_bm25_parameters_is_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A store ingested before the parameters changed must not keep scoring with the old ones."""
    import vectorstore.lexical as lexical

    LexicalIndex.build(["a"], ["bus lane fines"], [{}], generation=1).save(tmp_path)
    assert LexicalIndex.load(tmp_path) is not None
    monkeypatch.setattr(lexical, "BM25_K1", lexical.BM25_K1 + 0.3)
    assert LexicalIndex.load(tmp_path) is None
