"""Filtered hybrid search latency by filter breadth, on a store kept by `bench/search.py --keep DIR`.

    .venv/bin/python bench/search.py --sizes 100000 --keep /tmp/sb
    .venv/bin/python bench/search_filters.py /tmp/sb/s100000

Filters: the broadest council, one calendar year of meetings, and a single document. For each, the
share of the top 5 results that the exact filtered search (the passing units searched by id) also
returns: the over-fetch may stop short of the exact ranking (see `ClerkStore.dense_units`). Results are
compared by text, as the replicated store holds identical copies of each passage and breaks their ties
arbitrarily.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import vectorstore.store as store_module  # noqa: E402
from clerk.settings import Settings  # noqa: E402
from clerk.wiring import build_searcher, build_store  # noqa: E402
from vectorstore.filters import SearchFilters  # noqa: E402

SHARED = ROOT.parent / "shared"


def main() -> None:
    settings = Settings()
    store = build_store(settings, data_dir=Path(sys.argv[1]))
    searcher = build_searcher(settings, store)
    metas = store.lexical().metas
    questions = [json.loads(line)["question"] for f in ("dev.jsonl", "dev_pdf.jsonl")
                 for line in (SHARED / "eval" / f).read_text().splitlines() if line.strip()]
    council, count = Counter(m.get("council", "") for m in metas if m.get("council")).most_common(1)[0]
    years = Counter(str(m.get("meeting_date", ""))[:4] for m in metas if m.get("meeting_date"))
    year, in_year = years.most_common(1)[0]
    filters = {
        f"council={council} ({count / len(metas):.0%} of chunks)": SearchFilters(council=council),
        f"meetings in {year} ({in_year / len(metas):.0%})": SearchFilters(date_from=f"{year}-01-01",
                                                                          date_to=f"{year}-12-31"),
        "one document": SearchFilters(document_id=str(metas[0]["document_id"])),
    }
    searcher.search("warm up", 5)
    print(f"{len(metas)} chunks\n| filter | p50 ms | p95 ms | top-5 agreement with exact |\n|---|---|---|---|")
    for name, where in filters.items():
        times, found = [], []
        for q in questions:
            started = time.perf_counter()
            found.append({h.chunk.text for h in searcher.search(q, 5, where)})
            times.append((time.perf_counter() - started) * 1000)
        pool = store_module.MAX_POST_FILTER_POOL
        store_module.MAX_POST_FILTER_POOL = 0  # exact: only the passing units, by id
        exact = [{h.chunk.text for h in searcher.search(q, 5, where)} for q in questions]
        store_module.MAX_POST_FILTER_POOL = pool
        agreement = statistics.mean(len(a & b) / max(1, len(b)) for a, b in zip(found, exact, strict=True))
        times.sort()
        p95 = times[min(len(times) - 1, int(0.95 * len(times)))]
        print(f"| {name} | {statistics.median(times):.0f} | {p95:.0f} | {agreement:.3f} |")


if __name__ == "__main__":
    main()
