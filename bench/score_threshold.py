"""The refusal score threshold, chosen by leaving one tuning set out, from one run with no threshold.

    CLERK_SHARED=/work/shared .venv/bin/python bench/answers.py --set every --min-score 0 --data-root D --dump F
    .venv/bin/python bench/score_threshold.py F --held heldout-fresh35 heldout-fresh36 heldout-fresh37 \
        heldout-fresh38 heldout-fresh40

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

from assistant.refusal import DEFAULT_MIN_SCORE  # noqa: E402

THRESHOLDS = [x / 100 for x in range(0, 52, 2)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dump", type=Path, help="a bench/answers.py --dump of a run at --min-score 0")
    parser.add_argument("--held", nargs="*", default=[], help="held-out sets: reported, never used to choose")
    args = parser.parse_args()

    by_set: dict[str, dict[str, dict]] = defaultdict(dict)
    for line in args.dump.read_text().splitlines():
        if line.strip():
            row = json.loads(line)
            by_set[row["set"]][row["id"]] = row
    tuning = {name: list(rows.values()) for name, rows in by_set.items() if name not in args.held}
    held = [row for name in args.held for row in by_set.get(name, {}).values()]

    chosen: list[float] = []
    totals = [0, 0, 0, 0]
    for left_out, rows in tuning.items():
        train = [r for name, other in tuning.items() if name != left_out for r in other]
        best = max(THRESHOLDS, key=lambda t: (_right(train, t), -abs(t - DEFAULT_MIN_SCORE)))
        chosen.append(best)
        totals = [a + b for a, b in zip(totals, _counts(rows, best)[:4], strict=True)]
    print("threshold chosen, leaving each tuning set out:",
          ", ".join(f"{t:.2f} in {chosen.count(t)}" for t in sorted(set(chosen))))
    print(f"left-out tuning sets: unanswerables refused {totals[0]}/{totals[1]}, "
          f"answerable refused {totals[2]}/{totals[3]}\n")
    print("| threshold | tuning: unanswerables refused, answerable refused, key facts | held out: the same |")
    print("|---|---|---|")
    everything = [r for rows in tuning.values() for r in rows]
    for t in THRESHOLDS:
        print(f"| {t:.2f} | {_cell(everything, t)} | {_cell(held, t) if held else '-'} |")


def _refused(row: dict, threshold: float) -> bool:
    return not row["supported"] or (row["score"] or 0.0) < threshold


def _right(rows: list[dict], threshold: float) -> int:
    return sum(_refused(r, threshold) == (r["type"] == "unanswerable") for r in rows)


def _counts(rows: list[dict], threshold: float) -> tuple[int, int, int, int, float]:
    unanswerable = [r for r in rows if r["type"] == "unanswerable"]
    answerable = [r for r in rows if r["type"] != "unanswerable"]
    facts = sum(r["recall"] or 0.0 for r in answerable if not _refused(r, threshold)) / max(1, len(answerable))
    return (sum(_refused(r, threshold) for r in unanswerable), len(unanswerable),
            sum(_refused(r, threshold) for r in answerable), len(answerable), facts)


def _cell(rows: list[dict], threshold: float) -> str:
    u, n_u, a, n_a, facts = _counts(rows, threshold)
    return f"{u}/{n_u}, {a}/{n_a}, {facts:.3f}"


if __name__ == "__main__":
    main()
