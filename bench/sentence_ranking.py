"""How often the sentence scorer puts a sentence stating a key fact first, and the weights that do it best.

    CLERK_SHARED=/work/shared .venv/bin/python bench/sentence_ranking.py --data-root /tmp/clerk-bench19c \
        [--sets dev pdf ...] [--blind heldout-fresh16]

The built-in answer is built around the best-scoring sentence of the retrieved passages, so the first
question is whether that sentence states the answer. Every answerable question of the sets is asked once
(retrieval, scoring, council scope: what the answerer is given) and each scored sentence is labelled by
whether it contains one of the question's `must_include` key facts. Reported: the share of questions whose
first sentence (top1), or one of the first three (top3), states a key fact, with the scorer's weights.

Then, for a grid of weights (signals summing to 1, so the refusal threshold keeps its scale), the same
shares are recomputed from the signals each sentence was scored with; weights are chosen on four fifths of
the questions and reported on the fifth, folds keeping the questions on one paper together (their first
gold file). `--blind` sets are never used to choose: the weights chosen on all `--sets` are reported on them.
"""

from __future__ import annotations

import argparse
import itertools
import json
import logging
import math
import sys
from dataclasses import astuple, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from answers import SETS, SHARED  # noqa: E402

from assistant.scoring import Weights  # noqa: E402
from assistant.service import Assistant  # noqa: E402
from clerk.settings import Settings  # noqa: E402
from clerk.wiring import build_assistant, build_store  # noqa: E402

FOLDS = 5
BEFORE = (0.55, 0.30, 0.10, 0.05)  # the weights until session 21, for comparison


@dataclass
class Candidate:
    signals: tuple[float, float, float, float]  # semantic, lexical, answer type, passage rank
    factor: float  # the scorer's shape and topic factors
    fact: bool


@dataclass
class Question:
    set: str
    qid: str
    paper: str
    candidates: list[Candidate]


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def prepared(assistant: Assistant, name: str, q: dict) -> Question:
    # The assistant's own preparation (retrieve, score, scope), so the bench ranks what the answerer ranks.
    prep = assistant._prepare(q["question"], (), None, None)
    must = [_norm(m) for m in q["must_include"]]
    weights = assistant.scorer.weights
    candidates = []
    for s in prep.ranked:
        signals = (s.semantic, s.lexical, float(s.typed), 1 / math.sqrt(s.source.n))
        linear = sum(w * x for w, x in zip(astuple(weights), signals, strict=True))
        text = _norm(s.unit.text)
        candidates.append(Candidate(signals, s.score / linear if linear else 1.0, any(m in text for m in must)))
    gold = [src["file"] for src in q.get("sources", [])]
    return Question(name, q["id"], gold[0] if gold else q["id"], candidates)


def hits(question: Question, weights: tuple[float, ...]) -> tuple[int, int]:
    """(top1, top3): whether the first / one of the first three sentences under `weights` states a fact."""
    scored = sorted(question.candidates, reverse=True,
                    key=lambda c: sum(w * x for w, x in zip(weights, c.signals, strict=True)) * c.factor)
    return int(bool(scored) and scored[0].fact), int(any(c.fact for c in scored[:3]))


def grid() -> list[tuple[float, ...]]:
    steps = [x / 20 for x in range(21)]
    return [(s, lx, ty, round(1 - s - lx - ty, 2)) for s, lx, ty in itertools.product(steps, steps, steps)
            if s >= 0.1 and 1 - s - lx - ty >= -1e-9]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data-root", default="/tmp/clerk-bench")
    parser.add_argument("--sets", nargs="+", default=list(SETS))
    parser.add_argument("--blind", nargs="*", default=[])
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    assistants: dict[str, Assistant] = {}
    questions: list[Question] = []
    for name in [*args.sets, *args.blind]:
        questions_file, _, store_name = SETS[name]
        if store_name not in assistants:
            settings = Settings(data_dir=Path(args.data_root) / store_name)
            assistants[store_name] = build_assistant(settings, build_store(settings))
        for line in (SHARED / questions_file).read_text().splitlines():
            q = json.loads(line) if line.strip() else {}
            if q and q["type"] != "unanswerable" and q.get("must_include"):
                questions.append(prepared(assistants[store_name], name, q))

    current = astuple(Weights())
    tuning = [q for q in questions if q.set in args.sets]
    blind = [q for q in questions if q.set in args.blind]
    combos = grid()
    table = {id(q): [hits(q, w) for w in combos] for q in questions}

    def total(qs: list[Question], i: int) -> tuple[int, int]:
        return sum(table[id(q)][i][0] for q in qs), sum(table[id(q)][i][1] for q in qs)

    papers = sorted({q.paper for q in tuning})
    fold_of = {p: i % FOLDS for i, p in enumerate(papers)}
    held = [0, 0]
    chosen = []
    for fold in range(FOLDS):
        train = [q for q in tuning if fold_of[q.paper] != fold]
        test = [q for q in tuning if fold_of[q.paper] == fold]
        best = max(range(len(combos)), key=lambda i: (sum(total(train, i)), combos[i] == current))
        chosen.append(combos[best])
        held = [a + b for a, b in zip(held, total(test, best), strict=True)]
    now = [sum(hits(q, current)[k] for q in tuning) for k in (0, 1)]
    n = len(tuning)
    print(f"\n{n} answerable questions with key facts in {len(args.sets)} sets, {len(papers)} papers, {FOLDS} folds")
    print("\n| weights (semantic, lexical, type, rank) | top1 | top3 |\n|---|---|---|")
    before = [sum(hits(q, BEFORE)[k] for q in tuning) for k in (0, 1)]
    print(f"| before {BEFORE} | {before[0] / n:.3f} | {before[1] / n:.3f} |")
    print(f"| current {current} | {now[0] / n:.3f} | {now[1] / n:.3f} |")
    print(f"| chosen per fold, on the fold left out | {held[0] / n:.3f} | {held[1] / n:.3f} |")
    print("\nchosen per fold: " + ", ".join(map(str, chosen)))
    if blind:
        best = max(range(len(combos)), key=lambda i: (sum(total(tuning, i)), combos[i] == current))
        b_now, b_best = [sum(hits(q, current)[k] for q in blind) for k in (0, 1)], total(blind, best)
        b_before = [sum(hits(q, BEFORE)[k] for q in blind) for k in (0, 1)]
        print(f"\nblind ({', '.join(args.blind)}, {len(blind)} q): before top1 {b_before[0]} top3 {b_before[1]}; "
              f"current {current} top1 {b_now[0]} top3 {b_now[1]}; "
              f"chosen on all tuning sets {combos[best]} top1 {b_best[0]} top3 {b_best[1]}")


if __name__ == "__main__":
    main()
