"""Does the question's own content appear in what the answer cites? Data for one refusal criterion.

For every question of the given sets, ask the assistant (one store holding every paper) and, for the
answers it gives (not refused), compute the IDF-weighted share of the question's content terms (BM25's
tokens: stemmed, stop words dropped) that appear in the passages the answer cites:

    coverage = sum(idf(t) for t in Q if t in cited) / sum(idf(t) for t in Q)

IDF comes from the store's own BM25 index, so a word every paper uses ("council") weighs little and a
specific one ("Medway", "tunnel", "2025/26") weighs much. A threshold is then chosen by leave-one-set-out
cross-validation (on the other sets: the threshold with the most right decisions among the answered
questions, refusing an unanswerable or keeping an answerable) and scored on the left-out set.

    .venv/bin/python bench/answerability.py --store /tmp/clerk-bench17/all \
        --questions ../shared/eval/dev.jsonl ../shared/eval/dev_pdf.jsonl bench/heldout/questions_*.jsonl
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import clerk.settings  # noqa: E402,F401  (offline environment)
from clerk.settings import Settings  # noqa: E402
from clerk.wiring import build_assistant, build_store  # noqa: E402

GRID = [round(0.30 + 0.05 * i, 2) for i in range(13)]  # 0.30 .. 0.90


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--questions", type=Path, nargs="+", required=True)
    parser.add_argument("--json", type=Path, help="write per-question rows here")
    args = parser.parse_args()
    settings = Settings(data_dir=args.store)
    store = build_store(settings)
    assistant = build_assistant(settings, store)
    rows = []
    for path in args.questions:
        for line in path.read_text().splitlines():
            if not line.strip():
                continue
            q = json.loads(line)
            answer = assistant.ask(q["question"])
            row = {"set": path.stem, "id": q["id"], "answerable": q["type"] != "unanswerable",
                   "refused": not answer.citations, "coverage": None}
            if answer.citations:
                row["coverage"] = assistant.refusal.coverage(q["question"], [c.chunk for c in answer.citations])
            rows.append(row)
    if args.json:
        args.json.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    report(rows)


def decide(rows: list[dict], threshold: float) -> tuple[int, int, int, int]:
    """(unanswerable refused, unanswerable, answerable refused, answerable) with the threshold added."""
    una = [r for r in rows if not r["answerable"]]
    ans = [r for r in rows if r["answerable"]]

    def refused(r: dict) -> bool:
        return r["refused"] or (r["coverage"] is not None and r["coverage"] < threshold)

    return sum(map(refused, una)), len(una), sum(map(refused, ans)), len(ans)


def right(rows: list[dict], threshold: float) -> int:
    ur, _, ar, an = decide(rows, threshold)
    return ur + (an - ar)


def report(rows: list[dict]) -> None:
    sets = sorted({r["set"] for r in rows}, key=lambda s: [r["set"] for r in rows].index(s))
    print("| set | refused unanswerable (now) | false refusals (now) | CV threshold | refused unanswerable | "
          "false refusals |")
    print("|---|---|---|---|---|---|")
    total = [0, 0, 0, 0, 0, 0]
    for held in sets:
        train = [r for r in rows if r["set"] != held]
        test = [r for r in rows if r["set"] == held]
        best = max(GRID + [0.0], key=lambda t: (right(train, t), -t))
        ur0, un, ar0, an = decide(test, 0.0)
        ur, _, ar, _ = decide(test, best)
        for i, v in enumerate((ur0, un, ar0, an, ur, ar)):
            total[i] += v
        print(f"| {held} | {ur0}/{un} | {ar0}/{an} | {best:.2f} | {ur}/{un} | {ar}/{an} |")
    ur0, un, ar0, an, ur, ar = total
    print(f"| all (left-out sets) | {ur0}/{un} | {ar0}/{an} | - | {ur}/{un} | {ar}/{an} |")
    print()
    print("| threshold (all sets in-sample) | refused unanswerable | false refusals |")
    print("|---|---|---|")
    for t in [0.0, *GRID]:
        ur, un, ar, an = decide(rows, t)
        print(f"| {t:.2f} | {ur}/{un} | {ar}/{an} |")


if __name__ == "__main__":
    main()
