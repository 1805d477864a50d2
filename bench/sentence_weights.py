"""Choose the sentence scorer's weights by leaving one question set out.

    CLERK_SHARED=/work/shared .venv/bin/python bench/sentence_weights.py --data-root /tmp/clerk-bench17b \
        [--sets dev pdf heldout-pool ...] [--blind heldout-fresh6]

The built-in answer is made of the best-scoring sentences of the retrieved passages, so the weights of the
scorer's signals (MiniLM similarity, the question's IDF-weighted words, the kind of answer asked for, the
passage's rank) decide which sentence states the answer. For every weight combination of a small grid
(signals summing to 1, so the refusal threshold keeps its scale) each question is asked once; a question
counts its key-fact recall when answerable and 1 when unanswerable and refused. For each set left out, the
combination with the highest total on the other sets is scored on it, beside the default weights.
`--blind` sets are never used to choose: the combination chosen on all the others is reported on them.
"""

from __future__ import annotations

import argparse
import itertools
import json
import logging
import sys
from dataclasses import astuple
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from answers import SETS, SHARED  # noqa: E402

from assistant.scoring import Weights  # noqa: E402
from assistant.service import Assistant  # noqa: E402
from clerk.settings import Settings  # noqa: E402
from clerk.wiring import build_assistant, build_store  # noqa: E402

LEXICAL = (0.15, 0.25, 0.35, 0.45)
ANSWER_TYPE = (0.05, 0.10, 0.15, 0.20)
RANK = (0.0, 0.05, 0.10, 0.15)


def grid() -> list[Weights]:
    combos = [Weights(semantic=round(1 - lx - ty - rk, 2), lexical=lx, answer_type=ty, rank=rk)
              for lx, ty, rk in itertools.product(LEXICAL, ANSWER_TYPE, RANK)]
    default = Weights()
    return [default, *(w for w in combos if w != default and w.semantic >= 0.2)]


def right(assistant: Assistant, question: dict) -> float:
    """Key-fact recall of an answerable question; 1 for an unanswerable one refused, else 0."""
    answer = assistant.ask(question["question"])
    if question["type"] == "unanswerable":
        return float(not answer.supported)
    text = " ".join(answer.text.split()).casefold()
    must = question.get("must_include") or []
    return sum(" ".join(m.split()).casefold() in text for m in must) / len(must) if must else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data-root", default="/tmp/clerk-bench")
    parser.add_argument("--sets", nargs="+", default=[s for s in SETS if s != "heldout-fresh6"])
    parser.add_argument("--blind", nargs="*", default=[])
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)

    assistants: dict[str, Assistant] = {}
    questions: dict[str, list[dict]] = {}
    for name in [*args.sets, *args.blind]:
        questions_file, _, store_name = SETS[name]
        if store_name not in assistants:
            settings = Settings(data_dir=Path(args.data_root) / store_name)
            assistants[store_name] = build_assistant(settings, build_store(settings))
        questions[name] = [json.loads(line) for line in (SHARED / questions_file).read_text().splitlines()
                           if line.strip()]

    combos = grid()
    totals: dict[tuple[float, ...], dict[str, float]] = {}
    for weights in combos:
        per_set = {}
        for name, qs in questions.items():
            assistant = assistants[SETS[name][2]]
            assistant.scorer.weights = weights
            per_set[name] = sum(right(assistant, q) for q in qs)
        totals[astuple(weights)] = per_set
        print(f"{astuple(weights)}: " + " ".join(f"{n}={v:.1f}" for n, v in per_set.items()), flush=True)

    default = astuple(Weights())
    print("\n| set left out | n | weights chosen (semantic, lexical, type, rank) | chosen | default |")
    print("|---|---|---|---|---|")
    sums = [0.0, 0.0]
    for held in args.sets:
        best = max(totals, key=lambda w: (sum(v for n, v in totals[w].items() if n != held and n in args.sets),
                                          w == default))
        sums[0] += totals[best][held]
        sums[1] += totals[default][held]
        print(f"| {held} | {len(questions[held])} | {best} | {totals[best][held]:.1f} | {totals[default][held]:.1f} |")
    print(f"| all, left out | {sum(len(questions[s]) for s in args.sets)} | - | {sums[0]:.1f} | {sums[1]:.1f} |")
    if args.blind:
        best = max(totals, key=lambda w: (sum(totals[w][n] for n in args.sets), w == default))
        print(f"\nchosen on all {len(args.sets)} sets: {best}")
        for name in args.blind:
            print(f"| {name} (blind) | {len(questions[name])} | {best} | {totals[best][name]:.1f} | "
                  f"{totals[default][name]:.1f} |")


if __name__ == "__main__":
    main()
