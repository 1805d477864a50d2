"""Compare runs of bench/answers.py (`--dump` files), tuning sets apart from held-out ones.

    .venv/bin/python bench/compare_answers.py BEFORE.jsonl AFTER.jsonl [MORE.jsonl ...] --held heldout-fresh35

Prints one row per dump: unanswerables refused, answerable refused, key-fact recall and words per answered
question, over the tuning sets (every set not named by --held) and over each held-out set; then, for each dump
after the first, on how many tuning sets key facts rose or fell and how many refusal decisions changed. A
held-out set is only summed, never listed question by question, so comparing runs does not read its misses.
"""

from __future__ import annotations

import argparse
import json
import statistics
from collections import defaultdict
from pathlib import Path


def load(path: Path) -> dict[str, list[dict]]:
    """A dump's rows by set, one per question (a question written twice keeps its last row)."""
    by_set: dict[str, dict[str, dict]] = defaultdict(dict)
    for line in path.read_text().splitlines():
        if line.strip():
            row = json.loads(line)
            by_set[row["set"]][row["id"]] = row
    return {name: list(rows.values()) for name, rows in by_set.items()}


def summary(rows: list[dict]) -> str:
    unanswerable = [r for r in rows if r["type"] == "unanswerable"]
    answerable = [r for r in rows if r["type"] != "unanswerable"]
    words = [len(r["answer"].split()) for r in answerable if r["supported"]]
    key = statistics.fmean(r["recall"] for r in answerable) if answerable else float("nan")
    return (f"{sum(not r['supported'] for r in unanswerable)}/{len(unanswerable)} | "
            f"{sum(not r['supported'] for r in answerable)}/{len(answerable)} | {key:.3f} | "
            f"{statistics.fmean(words) if words else 0:.0f}")


def set_changes(before: dict[str, list[dict]], after: dict[str, list[dict]], sets: list[str]) -> str:
    def key_facts(rows: list[dict]) -> float:
        return sum(r["recall"] for r in rows if r["type"] != "unanswerable")

    up = sum(key_facts(after[s]) > key_facts(before[s]) + 1e-9 for s in sets if s in after)
    down = sum(key_facts(after[s]) < key_facts(before[s]) - 1e-9 for s in sets if s in after)
    changed = 0
    for s in sets:
        later = {r["id"]: r for r in after.get(s, [])}
        changed += sum(r["supported"] != later[r["id"]]["supported"] for r in before[s] if r["id"] in later)
    return f"key facts up on {up} tuning sets, down on {down}; refusal decisions changed: {changed}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dumps", nargs="+", type=Path)
    parser.add_argument("--held", nargs="*", default=[], help="held-out set names (summed apart, never listed)")
    args = parser.parse_args()
    runs = [load(p) for p in args.dumps]
    held = [s for s in args.held if any(s in run for run in runs)]
    print("| dump | part | unanswerables refused | answerable refused | key facts | words |")
    print("|---|---|---|---|---|---|")
    for path, run in zip(args.dumps, runs, strict=True):
        tuning = [r for s, rows in run.items() if s not in args.held for r in rows]
        print(f"| {path.name} | tuning ({len(tuning)} q) | {summary(tuning)} |")
        for s in held:
            if s in run:
                print(f"| {path.name} | {s} (held out) | {summary(run[s])} |")
    first = runs[0]
    tuning_sets = [s for s in first if s not in args.held]
    for path, run in zip(args.dumps[1:], runs[1:], strict=True):
        print(f"\n{path.name} against {args.dumps[0].name}: {set_changes(first, run, tuning_sets)}")


if __name__ == "__main__":
    main()
