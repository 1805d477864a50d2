"""Can a linear head over the shipped MiniLM tell an answered unanswerable from an answered answerable question?

    .venv/bin/python bench/answerability_learned.py DUMP.jsonl [--cost 2] [--held heldout-fresh35 ...]

DUMP is a `bench/answers.py --dump` file. Over the questions the answerer answered (held-out sets left aside), each
is one example: the question and the sentences its answer quotes, embedded through the project's seam
(`vectorstore.embeddings`), as the pair features of sentence-pair classifiers (u*v, |u-v|, the cosine) with the
best sentence's score; label: the question is unanswerable. Logistic regression (balanced classes) is fitted
leaving one question set out; the refusal threshold is the one with the most unanswerables refused less COST times
the answerable refused on the training sets. Prints, per regularisation C, how many more questions the left-out sets
would refuse: unanswerables (wanted) and answerable ones (not). Measured, not used (bench/ANSWERS.md, session 36).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import clerk.settings  # noqa: E402,F401  (offline environment first)
from clerk.settings import Settings, resolve_embedding_model  # noqa: E402
from vectorstore.embeddings import load_embeddings  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dump", type=Path)
    parser.add_argument("--cost", type=float, default=2.0, help="an answerable question refused counts this much")
    parser.add_argument("--held", nargs="*", default=[], help="held-out sets, left out of the data")
    args = parser.parse_args()

    rows = [json.loads(line) for line in args.dump.read_text().splitlines() if line.strip()]
    rows = [r for r in rows if r["supported"] and r["set"] not in set(args.held)]
    y = np.array([r["type"] == "unanswerable" for r in rows])
    sets = np.array([r["set"] for r in rows])
    print(f"{len(rows)} answered questions, {int(y.sum())} of them unanswerable")

    embeddings = load_embeddings(resolve_embedding_model(Settings().embedding_model))
    quoted = [" ".join(q for c in r["cited"] for q in c["quotes"]) or r["answer"] for r in rows]
    q = _unit(np.array(embeddings.embed_documents([r["question"] for r in rows])))
    a = _unit(np.array(embeddings.embed_documents(quoted)))
    score = np.array([[r["score"] or 0.0] for r in rows])
    x = np.hstack([q * a, np.abs(q - a), (q * a).sum(1, keepdims=True), score])

    for c in (0.01, 0.03, 0.1, 0.3, 1.0):
        unanswerable = answerable = 0
        for left_out in sorted(set(sets)):
            train, test = sets != left_out, sets == left_out
            model = LogisticRegression(C=c, class_weight="balanced", max_iter=2000).fit(x[train], y[train])
            p_train = model.predict_proba(x[train])[:, 1]
            threshold = max(np.unique(np.round(p_train, 3)), key=lambda t: (
                (p_train[y[train]] >= t).sum() - args.cost * (p_train[~y[train]] >= t).sum()))
            p = model.predict_proba(x[test])[:, 1]
            unanswerable += int((p[y[test]] >= threshold).sum())
            answerable += int((p[~y[test]] >= threshold).sum())
        print(f"C={c}: more unanswerables refused {unanswerable}/{int(y.sum())}, "
              f"answerable refused {answerable}/{int((~y).sum())}")


def _unit(vectors: np.ndarray) -> np.ndarray:
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


if __name__ == "__main__":
    main()
