"""Run `clerk eval`: ingest the corpus into a temporary store, then evaluate Clerk and the baselines."""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from clerk.evaluation import Passage, SystemReport, evaluate, load_questions, markdown
from clerk.settings import Settings
from clerk.wiring import build_searcher, build_store
from vectorstore.loader import collect_files, ingest_files
from vectorstore.search import HybridSearcher


@dataclass
class EvalOutcome:
    title: str
    reports: list[SystemReport]
    unanswerable: int

    def markdown(self) -> str:
        return markdown(self.reports, unanswerable=self.unanswerable, title=self.title)

    def as_json(self) -> dict[str, Any]:
        return {"title": self.title, "unanswerable": self.unanswerable, "systems": {
            r.name: {"overall": r.overall.as_dict(), "by_type": {t: m.as_dict() for t, m in r.by_type.items()},
                     "missed_top5": r.misses} for r in self.reports}}


def searcher_retrieve(searcher: HybridSearcher, mode: str):
    def retrieve(question: str, k: int) -> list[Passage]:
        hits = searcher.search(question, k, mode=mode)  # type: ignore[arg-type]
        return [Passage.of_hit(h) for h in hits]

    return retrieve


def run_eval(settings: Settings, questions_file: Path, corpus: list[Path], k: int = 10,
             baselines: bool = True) -> EvalOutcome:
    questions = load_questions(questions_file)
    with tempfile.TemporaryDirectory(prefix="clerk-eval-") as tmp:
        store = build_store(settings, data_dir=Path(tmp)) if corpus else build_store(settings)
        if corpus:
            ingest_files(store, corpus, max_file_mb=settings.max_file_mb)
        searcher = build_searcher(settings, store)
        systems = [("clerk (hybrid)", searcher_retrieve(searcher, "hybrid"))]
        if baselines:
            systems += [("dense only", searcher_retrieve(searcher, "dense")),
                        ("BM25 only", searcher_retrieve(searcher, "lexical"))]
            if corpus:
                from clerk.baseline import NaivePipeline

                naive = NaivePipeline(collect_files(corpus), store.embeddings)
                systems.append(("naive LangChain 1000/200", naive.retrieve))
        reports = [evaluate(name, questions, fn, k) for name, fn in systems]
    title = f"{questions_file.name} over {', '.join(str(c) for c in corpus) or settings.data_dir} (k={k})"
    return EvalOutcome(title, reports, sum(1 for q in questions if not q.sources))


def print_outcome(outcome: EvalOutcome, as_json: bool) -> None:
    print(json.dumps(outcome.as_json(), indent=2) if as_json else outcome.markdown())
