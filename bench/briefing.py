"""Measure briefing notes (issue 13 §2) on the frozen held-out topics.

    .venv/bin/python bench/briefing.py                       # store of every shared corpus, built-in writer
    .venv/bin/python bench/briefing.py --show                 # also print each note as Markdown

The store holds seed, kent-cabinet, ofsted and pool (ingested once under --data-root; re-runs skip unchanged
files). Metrics, per topic then averaged:
- key-fact recall: share of the topic's `key_facts` strings found in the note's text (every sentence with
  its markers), case-insensitive, whitespace-normalised;
- conflicts found: gold conflicts for which one conflict of the note lists at least two of the gold values
  (same printed text, or the same number);
- figures supported: share of the note's sentences whose every figure is printed in a passage it cites
  (assistant.verify.check_figures), over all sentences stating a figure;
- gold files cited: share of the topic's gold source files among the note's sources;
- latency of `build_briefing`: the first note (cold: register and caches empty) and every note.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import clerk.settings  # noqa: E402,F401  (offline environment first)
from assistant.briefing import Briefing, build_briefing, gather  # noqa: E402
from assistant.briefing_export import to_markdown  # noqa: E402
from assistant.figures import find_figures  # noqa: E402
from assistant.types import Citation  # noqa: E402
from assistant.verify import check_figures  # noqa: E402
from clerk.settings import Settings  # noqa: E402
from clerk.wiring import build_assistant, build_store  # noqa: E402
from vectorstore.loader import ingest_files  # noqa: E402

SHARED = Path(os.environ.get("CLERK_SHARED", ROOT.parent / "shared"))
FOLDERS = ["corpus/seed", "corpus/kent-cabinet", "corpus/ofsted", "corpus/pool"]
TOPICS = ROOT / "bench" / "heldout" / "briefing_topics.jsonl"


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def recall(note: Briefing, facts: list[str]) -> float:
    text = _norm(note.text())
    return sum(1 for f in facts if _norm(f) in text) / len(facts) if facts else 1.0


def _same_value(a: str, b: str) -> bool:
    if _norm(a).replace(" ", "") == _norm(b).replace(" ", ""):
        return True
    fa, fb = find_figures(a), find_figures(b)
    return bool(fa and fb) and fa[0].values == fb[0].values and fa[0].kind == fb[0].kind


def conflicts_found(note: Briefing, gold: list[dict]) -> tuple[int, int]:
    found = 0
    for g in gold:
        values = [v["value"] for v in g["values"]]
        for c in note.conflicts:
            mine = [v for v, _ in c.values]
            if sum(1 for v in values if any(_same_value(v, m) for m in mine)) >= 2:
                found += 1
                break
    return found, len(gold)


def figures_supported(note: Briefing) -> tuple[int, int]:
    by_n = {s.n: s for s in note.sources}
    ok = total = 0
    for sec in note.sections:
        for s in sec.sentences:
            plain = re.sub(r"\s*\[\d+\]", "", s.text)
            if not find_figures(plain):
                continue
            total += 1
            cites = [Citation(i, by_n[m].chunk, 0.0) for i, m in enumerate(s.markers, start=1) if m in by_n]
            ok += check_figures(plain, cites, list(range(1, len(cites) + 1))) is None
    return ok, total


def gold_files_cited(note: Briefing, sources: list[dict]) -> float:
    gold = {s["file"].rsplit("/", 1)[-1] for s in sources}
    mine = {s.chunk.file_name for s in note.sources}
    return len(gold & mine) / len(gold) if gold else 1.0


def _pct(values: list[float], p: int) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data-root", default=os.environ.get("CLERK_BRIEF_DATA", "/tmp/clerk-brief"))
    parser.add_argument("--topics", default=str(TOPICS))
    parser.add_argument("--show", action="store_true", help="print every note as Markdown")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    settings = Settings(data_dir=Path(args.data_root) / "all")
    store = build_store(settings)
    summary = ingest_files(store, [SHARED / f for f in FOLDERS], max_file_mb=settings.max_file_mb)
    print(f"store: ingested {summary.count('ingested')}, unchanged {summary.count('unchanged')}, "
          f"failed {summary.count('failed')}")
    assistant = build_assistant(settings, store)
    topics = [json.loads(line) for line in Path(args.topics).read_text().splitlines() if line.strip()]
    rows = []
    for i, t in enumerate(topics):
        started = time.perf_counter()
        note = build_briefing(assistant, t["topic"])
        ms = (time.perf_counter() - started) * 1000
        found, gold = conflicts_found(note, t.get("conflicts", []))
        # Where a missed key fact was lost: never gathered (retrieval) or gathered but not written (selection).
        gathered = _norm(" ".join(s.chunk.text for s in gather(assistant, t["topic"]).sources))
        missed = [f for f in t.get("key_facts", []) if _norm(f) not in _norm(note.text())]
        not_gathered = sum(1 for f in missed if _norm(f) not in gathered)
        ok, with_figures = figures_supported(note)
        rows.append({"id": t["id"], "recall": recall(note, t.get("key_facts", [])), "conflicts": found,
                     "gold_conflicts": gold, "note_conflicts": len(note.conflicts), "fig_ok": ok,
                     "fig_total": with_figures, "files": gold_files_cited(note, t.get("sources", [])),
                     "sentences": sum(len(s.sentences) for s in note.sections), "dropped": len(note.flagged),
                     "ms": ms, "cold": i == 0, "facts": len(t.get("key_facts", [])),
                     "not_gathered": not_gathered, "not_chosen": len(missed) - not_gathered})
        if args.show:
            print(f"\n=== {t['id']}: {t['topic']} ({ms:.0f} ms)\n")
            print(to_markdown(note))
            print("conflicts:", json.dumps([c.to_json() for c in note.conflicts], ensure_ascii=False))
            missing = [f for f in t.get("key_facts", []) if _norm(f) not in _norm(note.text())]
            print("key facts missing:", missing)
    print("\n| topic | key-fact recall | missed: not gathered | missed: gathered, not written | conflicts found "
          "| conflicts in note | figures supported | gold files | sentences | dropped | ms |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['id']} | {r['recall']:.2f} | {r['not_gathered']}/{r['facts']} | {r['not_chosen']}/{r['facts']} "
              f"| {r['conflicts']}/{r['gold_conflicts']} | {r['note_conflicts']} "
              f"| {r['fig_ok']}/{r['fig_total']} | {r['files']:.2f} | {r['sentences']} | {r['dropped']} "
              f"| {r['ms']:.0f} |")
    ms = [r["ms"] for r in rows]
    fig_total = sum(r["fig_total"] for r in rows)
    print(f"\nkey-fact recall (mean per topic): {statistics.fmean(r['recall'] for r in rows):.3f}")
    print(f"conflicts found: {sum(r['conflicts'] for r in rows)}/{sum(r['gold_conflicts'] for r in rows)}")
    print(f"sentences with every figure in a cited passage: {sum(r['fig_ok'] for r in rows)}/{fig_total}"
          f" = {sum(r['fig_ok'] for r in rows) / fig_total if fig_total else 1:.3f}")
    print(f"gold source files cited (mean): {statistics.fmean(r['files'] for r in rows):.3f}")
    facts = sum(r["facts"] for r in rows)
    print(f"key facts missed: {sum(r['not_gathered'] for r in rows)}/{facts} never gathered, "
          f"{sum(r['not_chosen'] for r in rows)}/{facts} gathered but not written")
    print(f"latency ms: first (cold) {ms[0]:.0f}, p50 {_pct(ms, 50):.0f}, max {max(ms):.0f}")


if __name__ == "__main__":
    main()
