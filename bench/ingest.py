"""Ingest benchmark: seed + kent-cabinet + ofsted into a fresh store.

Reports pages/s, chunks/s, peak memory, and the ratio of total ingest time to raw `encode()` time of
the same chunk texts (embedding is the floor). Run: .venv/bin/python bench/ingest.py
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import clerk.settings  # noqa: E402,F401  (offline environment)
from clerk.settings import Settings  # noqa: E402
from clerk.wiring import build_store  # noqa: E402
from vectorstore.loader import collect_files, ingest_files  # noqa: E402


def count_pages(files: list[Path]) -> int:
    from pypdf import PdfReader

    pages = 0
    for f in files:
        if f.suffix.lower() == ".pdf":
            with contextlib.suppress(Exception):  # unreadable files are part of the corpus; no pages
                pages += len(PdfReader(f).pages)
    return pages


def main() -> None:
    parser = argparse.ArgumentParser()
    shared = ROOT.parent / "shared" / "corpus"
    parser.add_argument("folders", nargs="*", type=Path,
                        default=[shared / "seed", shared / "kent-cabinet", shared / "ofsted"])
    args = parser.parse_args()
    files = collect_files(args.folders)
    with tempfile.TemporaryDirectory(prefix="clerk-bench-") as tmp:
        store = build_store(Settings(), data_dir=Path(tmp))
        store.embeddings.embed_query("warm up")
        started = time.perf_counter()
        summary = ingest_files(store, files)
        ingest_s = time.perf_counter() - started
        ids = store.lexical().ids
        chunks = store.get_chunks(ids)
        texts = [c.text for c in chunks]
        started = time.perf_counter()
        store.embeddings.embed_documents(texts)
        encode_s = time.perf_counter() - started
    pages = count_pages(files)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    cores = len(os.sched_getaffinity(0))
    print(f"machine: {platform.machine()}, {cores} cores, Python {platform.python_version()}")
    print(f"files: {len(files)} (ingested {summary.count('ingested')}, failed {summary.count('failed')}, "
          f"skipped {summary.count('skipped')})")
    print(f"pages (PDF): {pages}; chunks: {len(chunks)}")
    print(f"ingest: {ingest_s:.1f} s -> {pages / ingest_s:.1f} pages/s, {len(chunks) / ingest_s:.1f} chunks/s")
    print(f"raw encode() of the same {len(texts)} chunk texts: {encode_s:.1f} s; "
          f"ratio ingest/encode = {ingest_s / encode_s:.2f}")
    print(f"peak RSS: {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
