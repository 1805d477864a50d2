"""What Chroma's ways of restricting a dense query cost, on a store kept by `bench/search.py --keep DIR`.

    .venv/bin/python bench/search.py --sizes 100000 --keep /tmp/sb
    .venv/bin/python bench/chroma_filters.py /tmp/sb/s100000

These figures chose how `ClerkStore.dense_units` applies a filter: `where` vs an unfiltered query
over-fetched vs a query restricted by `ids=` vs fetching a few units and comparing them in numpy, and
that a query asks Chroma for ids and distances only (the units' metadata is what costs).
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from clerk.settings import Settings  # noqa: E402
from clerk.wiring import build_store  # noqa: E402

SHARED = ROOT.parent / "shared"


def timed(run: Callable[[list[float]], object], vectors: list[list[float]]) -> str:
    times = []
    for vector in vectors:
        started = time.perf_counter()
        run(vector)
        times.append((time.perf_counter() - started) * 1000)
    return f"{statistics.median(times):.0f} / {max(times):.0f}"


def main() -> None:
    store = build_store(Settings(), data_dir=Path(sys.argv[1]))
    units = store._cols.units
    questions = [json.loads(line)["question"] for line in (SHARED / "eval" / "dev.jsonl").read_text().splitlines()
                 if line.strip()][:10]
    vectors = [store.embeddings.embed_query(q) for q in questions]
    first = units.get(limit=1, include=["metadatas"])["metadatas"][0]
    print(f"{units.count()} units; times are p50 / max ms over {len(vectors)} queries\n")
    print("| query | ms |\n|---|---|")
    for name, where in (("where council = Devon", {"council": "Devon County Council"}),
                        ("where council = Kent", {"council": "Kent County Council"}),
                        ("where one document", {"document_id": first["document_id"]})):
        print(f"| {name}, 160 units | {timed(lambda v, w=where: units.query(query_embeddings=[v], n_results=160, where=w, include=['metadatas', 'distances']), vectors)} |")  # noqa: E501
    for n in (160, 400, 1000, 2000, 4000):
        print(f"| unfiltered, {n} units | {timed(lambda v, n=n: units.query(query_embeddings=[v], n_results=n, include=['metadatas', 'distances']), vectors)} |")  # noqa: E501
    for n in (1000, 5000, 10000, 20000):
        print(f"| unfiltered, {n} units, ids and distances only | {timed(lambda v, n=n: units.query(query_embeddings=[v], n_results=n, include=['distances']), vectors)} |")  # noqa: E501
    kent = units.get(where={"council": "Kent County Council"}, include=[])["ids"]
    for size in (100, 600, 2000, 25000, 60000, 120000):
        ids = kent[:size]
        print(f"| ids= {size} units, 160 nearest, ids and distances only | {timed(lambda v, ids=ids: units.query(query_embeddings=[v], n_results=160, ids=ids, include=['distances']), vectors)} |")  # noqa: E501
    for size in (100, 600, 1000):
        ids = kent[:size]

        def compare(v: list[float], ids: list[str] = ids) -> object:
            got = units.get(ids=ids, include=["embeddings"])
            return np.asarray(got["embeddings"]) @ np.asarray(v)

        print(f"| fetch {size} units and compare in numpy | {timed(compare, vectors)} |")


if __name__ == "__main__":
    main()
