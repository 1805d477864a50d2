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
    """Copy `size` chunks (cycling through the real ones, ids made distinct) with their sentence units."""
    chunks = source._cols.chunks.get(include=["documents", "metadatas", "embeddings"])
    units = source._cols.units.get(include=["documents", "metadatas", "embeddings"])
    units_of: dict[str, list[int]] = {}
    for i, meta in enumerate(units["metadatas"]):
        units_of.setdefault(meta["chunk_id"], []).append(i)
    n = len(chunks["ids"])
    for start in range(0, size, 2000):
        batch = {"chunks": ([], [], [], []), "units": ([], [], [], [])}
        for i in range(start, min(size, start + 2000)):
            j, copy = i % n, i // n
            chunk_id = f"{chunks['ids'][j]}#r{copy}"
            meta = dict(chunks["metadatas"][j], document_id=f"{chunks['metadatas'][j]['document_id']}-r{copy}")
            row = (chunk_id, chunks["documents"][j], meta, chunks["embeddings"][j])
            for col, value in zip(batch["chunks"], row, strict=True):
                col.append(value)
            for u in units_of.get(chunks["ids"][j], []):
                umeta = dict(units["metadatas"][u], chunk_id=chunk_id, document_id=meta["document_id"])
                suffix = units["ids"][u].rsplit("#", 1)[1]  # chunk_id#i: filtered search names units by it
                unit_row = (f"{chunk_id}#{suffix}", units["documents"][u], umeta, units["embeddings"][u])
                for col, value in zip(batch["units"], unit_row, strict=True):
                    col.append(value)
        for name, (ids, docs, metas, vecs) in batch.items():
            for at in range(0, len(ids), 5000):  # Chroma's maximum batch is 5,461
                getattr(target._cols, name).upsert(ids=ids[at : at + 5000], documents=docs[at : at + 5000],
                                                   metadatas=metas[at : at + 5000], embeddings=vecs[at : at + 5000])
    target._bump_generation()


def percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--keep", type=Path, help="build the stores in this folder and reuse them next time")
    args = parser.parse_args()
    questions = [json.loads(line)["question"] for f in ("dev.jsonl", "dev_pdf.jsonl")
                 for line in (SHARED / "eval" / f).read_text().splitlines() if line.strip()]
    settings = Settings()
    with tempfile.TemporaryDirectory(prefix="clerk-bench-") as scratch:
        tmp = args.keep or Path(scratch)
        base = build_store(settings, data_dir=Path(tmp) / "base")
        ingest_files(base, [SHARED / "corpus" / d for d in ("seed", "kent-cabinet", "ofsted")])
        council = next(m["council"] for m in base.lexical().metas if m.get("council"))
        print(f"base chunks: {base.chunk_count()}; filter: council={council!r}")
        print("| chunks | open s | BM25 build s | p50 ms | p95 ms | p50 filtered ms | p95 filtered ms |")
        print("|---|---|---|---|---|---|---|")
        for size in (int(s) for s in args.sizes.split(",")):
            folder = Path(tmp) / f"s{size}"
            store = build_store(settings, data_dir=folder)
            if store.chunk_count() != size:  # a kept store of this size is reused as it is
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
                  f"{percentile(plain, 0.95):.0f} | {statistics.median(filtered):.0f} | "
                  f"{percentile(filtered, 0.95):.0f} |", flush=True)
    print(f"peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
