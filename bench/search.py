"""Search benchmark: hybrid query latency at 1k, 10k and 100k chunks, with and without a filter.

Real chunks (seed + kent-cabinet + ofsted) are ingested once, then replicated with distinct ids and
their real vectors into stores of each size (embedding 100k texts would take an hour and measures
nothing new). Reports open time (Chroma + BM25 load), p50/p95 latency over the dev questions (query
embedding included, model already loaded) and peak memory. Run: .venv/bin/python bench/search.py
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import clerk.settings  # noqa: E402,F401
from clerk.settings import Settings  # noqa: E402
from clerk.wiring import build_searcher, build_store  # noqa: E402
from vectorstore.filters import SearchFilters  # noqa: E402
from vectorstore.loader import ingest_files  # noqa: E402

SHARED = ROOT.parent / "shared"


def replicate(source, target, size: int) -> None:
    got = source._cols.chunks.get(include=["documents", "metadatas", "embeddings"])
    n = len(got["ids"])
    for start in range(0, size, 5000):
        ids, docs, metas, vecs = [], [], [], []
        for i in range(start, min(size, start + 5000)):
            j, copy = i % n, i // n
            meta = dict(got["metadatas"][j])
            meta["document_id"] = f"{meta['document_id']}-r{copy}"
            ids.append(f"{got['ids'][j]}#r{copy}")
            docs.append(got["documents"][j])
            metas.append(meta)
            vecs.append(got["embeddings"][j])
        target._cols.chunks.upsert(ids=ids, documents=docs, metadatas=metas, embeddings=vecs)
    target._bump_generation()


def percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,10000,100000")
    args = parser.parse_args()
    questions = [json.loads(line)["question"] for f in ("dev.jsonl", "dev_pdf.jsonl")
                 for line in (SHARED / "eval" / f).read_text().splitlines() if line.strip()]
    settings = Settings()
    with tempfile.TemporaryDirectory(prefix="clerk-bench-") as tmp:
        base = build_store(settings, data_dir=Path(tmp) / "base")
        ingest_files(base, [SHARED / "corpus" / d for d in ("seed", "kent-cabinet", "ofsted")])
        council = next(m["council"] for m in base.lexical().metas if m.get("council"))
        print(f"base chunks: {base.chunk_count()}; filter: council={council!r}")
        print("| chunks | open s | BM25 build s | p50 ms | p95 ms | p50 filtered ms | p95 filtered ms |")
        print("|---|---|---|---|---|---|---|")
        for size in (int(s) for s in args.sizes.split(",")):
            folder = Path(tmp) / f"s{size}"
            store = build_store(settings, data_dir=folder)
            replicate(base, store, size)
            started = time.perf_counter()
            store.lexical()
            build_s = time.perf_counter() - started
            started = time.perf_counter()
            reopened = build_store(settings, data_dir=folder)
            reopened.lexical()
            open_s = time.perf_counter() - started
            searcher = build_searcher(settings, reopened)
            searcher.search("warm up", 5)
            plain, filtered = [], []
            for q in questions:
                t = time.perf_counter()
                searcher.search(q, 5)
                plain.append((time.perf_counter() - t) * 1000)
                t = time.perf_counter()
                searcher.search(q, 5, SearchFilters(council=council))
                filtered.append((time.perf_counter() - t) * 1000)
            print(f"| {size} | {open_s:.2f} | {build_s:.1f} | {statistics.median(plain):.0f} | "
                  f"{percentile(plain, 0.95):.0f} | {statistics.median(filtered):.0f} | {percentile(filtered, 0.95):.0f} |")
    print(f"peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
