"""A refusal threshold, chosen by leaving one tuning set out, from one run with no threshold.

    CLERK_SHARED=/work/shared .venv/bin/python bench/answers.py --set every --min-score 0 --data-root D --dump F
    .venv/bin/python bench/score_threshold.py F --held heldout-fresh35 heldout-fresh36 heldout-fresh37 \
        heldout-fresh38 heldout-fresh40
    # the floor on the closest meaning: a run with --min-semantic 0, then --measure semantic

The measure is the best sentence's score (`min_score`) or the nearest any sentence comes to the question's meaning
(`min_semantic`).

With no threshold, every threshold's decisions are known exactly: at t a question is refused when it was refused or
its best sentence scores below t. For each tuning set left out, the threshold with the most right decisions (an
unanswerable refused, an answerable answered) on the other tuning sets is chosen (ties go to the one nearest the
default); then every threshold's figures over the tuning sets and over the held-out sets, which choose nothing.
`bench/answers.py --cv` does the same inside one run at the default threshold: exact only above it, and every set
run takes part in choosing.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.refusal import DEFAULT_MIN_SCORE, DEFAULT_MIN_SEMANTIC  # noqa: E402

# measure -> (the dump's field, the thresholds tried, the default that ties go towards)
MEASURES = {
    "score": ("score", [x / 100 for x in range(0, 52, 2)], DEFAULT_MIN_SCORE),
    "semantic": ("semantic", [x / 100 for x in range(0, 56)], DEFAULT_MIN_SEMANTIC),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dump", type=Path, help="a bench/answers.py --dump of a run with the measure's check off")
    parser.add_argument("--measure", choices=sorted(MEASURES), default="score")
    parser.add_argument("--held", nargs="*", default=[], help="held-out sets: reported, never used to choose")
    args = parser.parse_args()

    by_set: dict[str, dict[str, dict]] = defaultdict(dict)
    for line in args.dump.read_text().splitlines():
        if line.strip():
            row = json.loads(line)
            by_set[row["set"]][row["id"]] = row
    tuning = {name: list(rows.values()) for name, rows in by_set.items() if name not in args.held}
    held = [row for name in args.held for row in by_set.get(name, {}).values()]
    field, thresholds, default = MEASURES[args.measure]

    chosen: list[float] = []
    totals = [0, 0, 0, 0]
    for left_out, rows in tuning.items():
        train = [r for name, other in tuning.items() if name != left_out for r in other]
        best = max(thresholds, key=lambda t: (_right(train, field, t), -abs(t - default)))
        chosen.append(best)
        totals = [a + b for a, b in zip(totals, _counts(rows, field, best)[:4], strict=True)]
    print("threshold chosen, leaving each tuning set out:",
          ", ".join(f"{t:.2f} in {chosen.count(t)}" for t in sorted(set(chosen))))
    print(f"left-out tuning sets: unanswerables refused {totals[0]}/{totals[1]}, "
          f"answerable refused {totals[2]}/{totals[3]}\n")
    print("| threshold | tuning: unanswerables refused, answerable refused, key facts | held out: the same |")
    print("|---|---|---|")
    everything = [r for rows in tuning.values() for r in rows]
    for t in thresholds:
        print(f"| {t:.2f} | {_cell(everything, field, t)} | {_cell(held, field, t) if held else '-'} |")


def _refused(row: dict, field: str, threshold: float) -> bool:
    return not row["supported"] or (row[field] or 0.0) < threshold


def _right(rows: list[dict], field: str, threshold: float) -> int:
    return sum(_refused(r, field, threshold) == (r["type"] == "unanswerable") for r in rows)


def _counts(rows: list[dict], field: str, threshold: float) -> tuple[int, int, int, int, float]:
    unanswerable = [r for r in rows if r["type"] == "unanswerable"]
    answerable = [r for r in rows if r["type"] != "unanswerable"]
    kept = [r for r in answerable if not _refused(r, field, threshold)]
    facts = sum(r["recall"] or 0.0 for r in kept) / max(1, len(answerable))
    return (sum(_refused(r, field, threshold) for r in unanswerable), len(unanswerable),
            len(answerable) - len(kept), len(answerable), facts)


def _cell(rows: list[dict], field: str, threshold: float) -> str:
    u, n_u, a, n_a, facts = _counts(rows, field, threshold)
    return f"{u}/{n_u}, {a}/{n_a}, {facts:.3f}"


if __name__ == "__main__":
    main()
