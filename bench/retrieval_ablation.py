"""Retrieval ablation and cross-validated tuning on every question set at once.

One store holds the whole corpus (as a deployment would: several councils side by side). Each system
is the hybrid searcher with a part switched off, or a single retriever, or plain BM25 over
1000-character chunks (what anyone would build first). Tuned constants (RRF k, dense weight) are chosen
by cross-validation: folds keep a paper's questions together, a setting is chosen on the other folds
and scored on the held-out one. Question ids are made unique per file (two sets both use h-pool-001).

Run (store built once, then reused):
  .venv/bin/python bench/retrieval_ablation.py --store /tmp/clerk-ablation \
      --corpus ../shared/corpus/seed ../shared/corpus/kent-cabinet ../shared/corpus/ofsted ../shared/corpus/pool \
      --questions ../shared/eval/dev.jsonl ../shared/eval/dev_pdf.jsonl bench/heldout/questions_*.jsonl
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import json
import random
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import clerk.settings  # noqa: E402,F401  (offline environment)
from clerk.evaluation import Passage, Question, evaluate, load_questions  # noqa: E402
from clerk.settings import Settings  # noqa: E402
from clerk.wiring import build_store  # noqa: E402
from vectorstore.loader import collect_files, ingest_files  # noqa: E402
from vectorstore.search import DENSE_WEIGHT, RRF_K, HybridSearcher  # noqa: E402
from vectorstore.store import ClerkStore  # noqa: E402

K = 10


class CachedStore:
    """The store with its retrievers' answers remembered, so a grid of fusion settings costs one search."""

    def __init__(self, store: ClerkStore) -> None:
        self._store = store
        self._memo: dict[tuple, Any] = {}
        self.embeddings = _CachedEmbeddings(store.embeddings)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)

    def dense_units(self, vector: list[float], n: int, filters: Any = None) -> Any:
        key = ("dense", tuple(vector[:8]), n, filters)
        if key not in self._memo:
            self._memo[key] = self._store.dense_units(vector, n, filters)
        return self._memo[key]

    def lexical_search(self, query: str, k: int, filters: Any = None) -> Any:
        key = ("lexical", query, k, filters)
        if key not in self._memo:
            self._memo[key] = self._store.lexical_search(query, k, filters)
        return self._memo[key]


class _CachedEmbeddings:
    def __init__(self, inner: Any) -> None:
        self._inner, self._memo = inner, {}  # type: ignore[var-annotated]

    def embed_query(self, text: str) -> list[float]:
        if text not in self._memo:
            self._memo[text] = self._inner.embed_query(text)
        return self._memo[text]  # type: ignore[no-any-return]

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


def retriever(searcher: HybridSearcher, mode: str = "hybrid") -> Callable[[str, int], list[Passage]]:
    def retrieve(question: str, k: int) -> list[Passage]:
        hits = searcher.search(question, k, mode=mode)  # type: ignore[arg-type]
        return [Passage.of_hit(h) for h in hits]
    return retrieve


def plain_bm25(files: list[Path]) -> Callable[[str, int], list[Passage]]:
    """BM25 over 1000/200-character chunks of plain extracted text: the first thing anyone builds."""
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    from clerk.baseline import _plain_text
    from vectorstore.lexical import LexicalIndex

    splitter = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200)
    texts, names = [], []
    for f in files:
        for piece in splitter.split_text(_plain_text(f)):
            texts.append(piece)
            names.append(f.name)
    index = LexicalIndex.build([str(i) for i in range(len(texts))], texts, [{} for _ in texts], 0)

    def retrieve(question: str, k: int) -> list[Passage]:
        return [Passage(names[int(i)], texts[int(i)], []) for i, _ in index.search(question, k)]
    return retrieve


def folds_by_paper(questions: list[Question], n: int = 5, seed: int = 7) -> list[list[Question]]:
    """Folds that keep each paper's questions together (a paper = a question's first gold file)."""
    papers = sorted({q.sources[0]["file"].rsplit("/", 1)[-1] for q in questions})
    random.Random(seed).shuffle(papers)
    fold_of = {p: i % n for i, p in enumerate(papers)}
    folds: list[list[Question]] = [[] for _ in range(n)]
    for q in questions:
        folds[fold_of[q.sources[0]["file"].rsplit("/", 1)[-1]]].append(q)
    return folds


def cross_validate(store: CachedStore, questions: list[Question], grid: list[dict[str, float]]) -> dict[str, Any]:
    answerable = [q for q in questions if q.sources]
    ranks: dict[tuple, dict[str, int | None]] = {}
    for params in grid:
        searcher = HybridSearcher(store, **params)  # type: ignore[arg-type]
        report = evaluate("grid", answerable, retriever(searcher), K)
        ranks[tuple(params.items())] = {r.id: r.first_hit_rank for r in report.results}
    held_out: dict[str, int | None] = {}
    chosen = []
    for fold in folds_by_paper(answerable):
        test_ids = {q.id for q in fold}
        best = max(ranks, key=lambda key, test=test_ids: sum(  # type: ignore[misc]
            1 / r for i, r in ranks[key].items() if i not in test and r is not None))
        chosen.append(dict(best))
        held_out.update({i: ranks[best][i] for i in test_ids})
    n = len(held_out)
    default = ranks[tuple(grid[0].items())]
    per_set = {}
    for name in dict.fromkeys(i.split(":", 1)[0] for i in held_out):
        ids = [i for i in held_out if i.startswith(name + ":")]
        per_set[name] = {"n": len(ids), "cv_recall@5": _recall(held_out, ids), "cv_mrr": _mrr(held_out, ids),
                         "default_recall@5": _recall(default, ids), "default_mrr": _mrr(default, ids)}
    return {"questions": n, "chosen_per_fold": chosen,
            "recall@5": _recall(held_out, list(held_out)), "mrr": _mrr(held_out, list(held_out)),
            "default": grid[0], "default_recall@5": _recall(default, list(held_out)),
            "default_mrr": _mrr(default, list(held_out)), "per_set": per_set}


def _recall(ranks: dict[str, int | None], ids: list[str]) -> float:
    return round(sum(1 for i in ids if (r := ranks[i]) and r <= 5) / len(ids), 4)


def _mrr(ranks: dict[str, int | None], ids: list[str]) -> float:
    return round(sum(1 / r for i in ids if (r := ranks[i])) / len(ids), 4)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--corpus", type=Path, nargs="*", default=[])
    parser.add_argument("--questions", type=Path, nargs="+", required=True)
    parser.add_argument("--cv", action="store_true", help="also cross-validate RRF k and the dense weight")
    parser.add_argument("--json", type=Path, help="write per-question ranks here")
    args = parser.parse_args()
    raw = build_store(Settings(data_dir=args.store))
    if args.corpus:
        summary = ingest_files(raw, args.corpus)
        print(f"store: {len(raw.list_documents())} papers, {raw.chunk_count()} chunks "
              f"({summary.count('ingested')} ingested now, {summary.count('failed')} failed)", file=sys.stderr)
    store = CachedStore(raw)
    systems: dict[str, Callable[[str, int], list[Passage]]] = {
        "hybrid (default)": retriever(HybridSearcher(store)),  # type: ignore[arg-type]
        "- duplicate merging": retriever(HybridSearcher(store, merge_duplicates=False)),  # type: ignore[arg-type]
        "dense only": retriever(HybridSearcher(store), "dense"),  # type: ignore[arg-type]
        "BM25 only (Clerk chunks)": retriever(HybridSearcher(store), "lexical"),  # type: ignore[arg-type]
    }
    if args.corpus:
        systems["plain BM25 1000/200"] = plain_bm25(collect_files(args.corpus))
    per_question: dict[str, dict[str, Any]] = {}
    print("| question set | n | " + " | ".join(systems) + " |")
    print("|---|---|" + "---|" * len(systems))
    for qfile in args.questions:
        questions = [q for q in load_questions(qfile) if q.sources]
        cells = []
        for name, fn in systems.items():
            report = evaluate(name, questions, fn, K)
            m = report.overall
            para = "-" if m.paragraph_accuracy is None else f"{m.paragraph_accuracy:.2f}"
            cells.append(f"{m.recall[5]:.2f} / {m.mrr:.2f} / {para}")
            per_question.setdefault(qfile.name, {})[name] = report.misses
        print(f"| {qfile.name} | {len(questions)} | " + " | ".join(cells) + " |")
    print("\ncells: recall@5 / MRR / paragraph accuracy of the first hit")
    if args.cv:
        allq = [dataclasses.replace(q, id=f"{f.stem}:{q.id}") for f in args.questions for q in load_questions(f)
                if q.sources]
        pairs = itertools.product(dict.fromkeys((RRF_K, 10, 30, 60)),
                                  dict.fromkeys((DENSE_WEIGHT, 0.0, 0.1, 0.25, 0.5, 0.75, 1.0, 1.5)))
        grid = [{"rrf_k": k, "dense_weight": w} for k, w in pairs]  # the defaults first
        print(json.dumps(cross_validate(store, allq, grid), indent=1))
    if args.json:
        args.json.write_text(json.dumps(per_question, indent=1))


if __name__ == "__main__":
    main()
