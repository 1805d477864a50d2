"""Parse papers in a worker process, with a time and a memory limit.

A parser can recurse without end on deeply nested HTML, loop on a malformed PDF, or allocate gigabytes
on a zip bomb. In a worker process each of these becomes that one file's reason in the summary, and the
run goes on. The worker only parses (extract, structure, chunk: no model, no store), so it starts fast;
one worker serves file after file and is replaced only when a file kills it or runs out of time. While
the worker parses the next file, the caller embeds the last one: the two cores both work.
"""

from __future__ import annotations

import logging
import multiprocessing
import resource
import sys
import threading
import types
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType

from ingest.commitments import find_commitments
from ingest.errors import IngestError
from ingest.models import Commitment
from ingest.paper import PaperChunks, chunk_paper

log = logging.getLogger(__name__)


class PaperParser:
    """`submit(path, document_id)` starts parsing in the worker; `result(future)` waits for it within the
    time limit and turns every way a parser can fail into an IngestError with a one-line reason."""

    def __init__(self, *, timeout_s: float = 120.0, memory_mb: int = 3072) -> None:
        self.timeout_s = timeout_s
        self.memory_mb = memory_mb
        self._pool: ProcessPoolExecutor | None = None
        self.lock = threading.Lock()  # one ingest run at a time uses the worker (a restart ends its parse)

    def __enter__(self) -> PaperParser:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()

    def submit(self, path: Path, document_id: str, council: str = "") -> Future[PaperChunks]:
        if self._pool is not None and not all(p.is_alive() for p in self._processes()):
            # The worker died while idle (killed from outside). The pool notices only later, from its
            # management thread, so a file submitted now would be reported as crashing the reader.
            self._restart()
        if self._pool is not None:
            try:
                return self._pool.submit(_parse, str(path), document_id, council)
            except (BrokenProcessPool, RuntimeError):  # the pool noticed the dead worker first
                self._restart()
        self._pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"),
                                         initializer=_limit_memory, initargs=(self.memory_mb,))
        with _main_module_hidden():  # the first submit starts the worker process
            return self._pool.submit(_parse, str(path), document_id, council)

    def result(self, future: Future[PaperChunks]) -> PaperChunks:
        try:
            return future.result(timeout=self.timeout_s)
        except FutureTimeout:
            self._restart()
            raise IngestError(f"reading the file took longer than {self.timeout_s:g} s; skipped") from None
        except BrokenProcessPool:
            self._restart()
            raise IngestError("the file made the reader crash (it may be malformed or far too large)") from None
        except MemoryError:
            raise IngestError(f"reading the file needed more than {self.memory_mb:,} MB of memory") from None
        except RecursionError:
            raise IngestError("the file is nested too deeply to read (malformed markup?)") from None
        except IngestError:
            raise
        except Exception as exc:  # any other parser failure is this file's problem, not the run's
            log.warning("parser failed: %r", exc)
            raise IngestError(f"could not be read ({type(exc).__name__})") from None

    def close(self) -> None:
        if self._pool is not None:
            processes = self._processes()
            self._pool.shutdown(wait=False, cancel_futures=True)
            for process in processes:  # an idle worker exits at once; a stuck one is killed
                process.join(timeout=2)
                if process.is_alive():
                    process.kill()
            self._pool = None

    def _restart(self) -> None:
        """Kill the worker (a hung parser never returns) and start afresh with the next file."""
        self._kill()
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
        self._pool = None

    def _kill(self) -> None:
        for process in self._processes():
            if process.is_alive():
                process.kill()
                process.join(timeout=5)

    def _processes(self) -> list[multiprocessing.process.BaseProcess]:
        return list((getattr(self._pool, "_processes", None) or {}).values())


@contextmanager
def _main_module_hidden() -> Iterator[None]:
    """Start the worker without the caller's main module. "spawn" runs the parent's main script again in
    the child (as __mp_main__): a script that imports the embedding model would load it in the worker
    too, and a script without an `if __name__ == "__main__":` guard would start its whole ingest there,
    breaking the worker on every file. The worker needs only this module, which it imports by name."""
    main = sys.modules["__main__"]
    sys.modules["__main__"] = types.ModuleType("__main__")  # no __file__, no __spec__: nothing to re-run
    try:
        yield
    finally:
        sys.modules["__main__"] = main


def _limit_memory(memory_mb: int) -> None:
    """In the worker: cap its address space, so a blow-up is a MemoryError there, not a dead machine."""
    limit = memory_mb * 1024 * 1024
    try:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ValueError, OSError) as exc:  # a platform without RLIMIT_AS: the time limit still holds
        print(f"clerk parser: memory limit not set ({exc})", file=sys.stderr)


def _parse(path: str, document_id: str, council: str = "") -> PaperChunks:
    paper = chunk_paper(Path(path), document_id=document_id, council=council)
    # The register's decisions, actions and commitments travel with the chunk each starts in.
    found: dict[str, list[Commitment]] = {}
    for item in find_commitments(paper):
        found.setdefault(item.chunk_id, []).append(item)
    for chunk in paper.chunks:
        chunk.commitments = found.get(chunk.chunk_id, [])
    return paper
