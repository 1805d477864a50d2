"""`clerk eval`: retrieval quality on a question set, Clerk beside the baselines it must beat.

Recall@k counts a question as found when any of its gold sources is hit in the top k; MRR uses the
first hit's rank; paragraph-citation accuracy is the share of first hits (on sources that name a
paragraph) whose citation carries that paragraph: the paragraph itself or one printed inside it (a
minute's "87(6)" is in minute 87), or, for a passage without a paragraph number, the numbered section its
citation shows (a table under "3a | Adult Social Care"). Unanswerable questions (no sources) are left out
of recall and counted separately.
"""

from __future__ import annotations

import json
import re
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from clerk.gold import quote_in_text, same_file
from ingest.models import Chunk
from vectorstore.search import SearchHit

KS = (1, 3, 5, 10)


@dataclass
class Question:
    id: str
    question: str
    type: str
    sources: list[dict[str, Any]]
    must_include: list[str] = field(default_factory=list)


@dataclass
class Passage:
    """What a retriever returned, reduced to what gold matching needs."""

    file_name: str
    text: str
    paragraph_ids: list[str]
    copy_files: list[str] = field(default_factory=list)  # other papers shown with it as printing the same text
    section: str = ""  # the section path, shown in the citation when the passage has no paragraph number

    @classmethod
    def of_chunk(cls, chunk: Chunk, copy_files: list[str] | None = None) -> Passage:
        return cls(chunk.file_name, chunk.text, chunk.paragraph_ids, copy_files or [], chunk.section)

    @classmethod
    def of_hit(cls, hit: SearchHit) -> Passage:
        return cls.of_chunk(hit.chunk, [c.file_name for c in hit.copies])


Retrieve = Callable[[str, int], list[Passage]]


@dataclass
class QuestionResult:
    id: str
    type: str
    first_hit_rank: int | None  # 1-based
    paragraph_correct: bool | None  # None when the hit source names no paragraph
    latency_ms: float


def load_questions(path: Path) -> list[Question]:
    questions = []
    for line in path.read_text().splitlines():
        if line.strip():
            item = json.loads(line)
            questions.append(Question(item["id"], item["question"], item.get("type", ""),
                                      item.get("sources", []), item.get("must_include", [])))
    return questions


def source_hit(source: dict[str, Any], passage: Passage) -> bool:
    in_file = any(same_file(source.get("file", ""), name) for name in [passage.file_name, *passage.copy_files])
    return in_file and quote_in_text(source.get("quote", ""), passage.text)


def paragraph_cited(gold: str, passage: Passage) -> bool:
    """Whether the passage's citation names the gold paragraph (see the module's docstring)."""
    if any(pid == gold or (pid.startswith(gold) and pid[len(gold)] in "(.") for pid in passage.paragraph_ids):
        return True
    label = passage.section.split(" > ")[-1]
    return not passage.paragraph_ids and re.match(rf"{re.escape(gold)}(?![\w.])", label) is not None


def run_question(question: Question, retrieve: Retrieve, k: int) -> QuestionResult:
    started = time.perf_counter()
    passages = retrieve(question.question, k)
    latency = (time.perf_counter() - started) * 1000
    for rank, passage in enumerate(passages, start=1):
        for source in question.sources:
            if source_hit(source, passage):
                gold_para = source.get("paragraph")
                correct = None if not gold_para else paragraph_cited(gold_para, passage)
                return QuestionResult(question.id, question.type, rank, correct, latency)
    return QuestionResult(question.id, question.type, None, None, latency)


@dataclass
class Metrics:
    questions: int
    recall: dict[int, float]
    mrr: float
    paragraph_accuracy: float | None
    p50_ms: float
    p95_ms: float

    def as_dict(self) -> dict[str, Any]:
        return {"questions": self.questions, **{f"recall@{k}": round(v, 4) for k, v in self.recall.items()},
                "mrr": round(self.mrr, 4),
                "paragraph_accuracy": None if self.paragraph_accuracy is None else round(self.paragraph_accuracy, 4),
                "p50_ms": round(self.p50_ms, 1), "p95_ms": round(self.p95_ms, 1)}


def summarise(results: list[QuestionResult]) -> Metrics:
    n = len(results)
    ranks = [r.first_hit_rank for r in results]
    recall = {k: (sum(1 for r in ranks if r is not None and r <= k) / n if n else 0.0) for k in KS}
    mrr = sum(1 / r for r in ranks if r is not None) / n if n else 0.0
    judged = [r.paragraph_correct for r in results if r.paragraph_correct is not None]
    latencies = sorted(r.latency_ms for r in results) or [0.0]
    return Metrics(n, recall, mrr, (sum(judged) / len(judged)) if judged else None,
                   statistics.median(latencies), latencies[min(len(latencies) - 1, int(0.95 * len(latencies)))])


@dataclass
class SystemReport:
    name: str
    overall: Metrics
    by_type: dict[str, Metrics]
    misses: list[str]
    results: list[QuestionResult] = field(default_factory=list)


def evaluate(name: str, questions: list[Question], retrieve: Retrieve, k: int) -> SystemReport:
    answerable = [q for q in questions if q.sources]
    results = [run_question(q, retrieve, k) for q in answerable]
    types = sorted({r.type for r in results})
    by_type = {t: summarise([r for r in results if r.type == t]) for t in types}
    misses = [r.id for r in results if r.first_hit_rank is None or r.first_hit_rank > 5]
    return SystemReport(name, summarise(results), by_type, misses, results)


def markdown(reports: list[SystemReport], *, unanswerable: int, title: str) -> str:
    head = ("| system | n | R@1 | R@3 | R@5 | R@10 | MRR | para acc | p50 ms | p95 ms |\n"
            "|---|---|---|---|---|---|---|---|---|---|")
    lines = [f"### {title}", "", head]
    lines += [_row(r.name, r.overall) for r in reports]
    clerk = reports[0]
    lines += ["", f"By question type ({clerk.name}):", "", head.replace("system", "type")]
    lines += [_row(t, m) for t, m in clerk.by_type.items()]
    lines += ["", f"Unanswerable questions (excluded from recall): {unanswerable}",
              f"Missed in top 5 ({clerk.name}): {', '.join(clerk.misses) or 'none'}"]
    return "\n".join(lines)


def _row(name: str, m: Metrics) -> str:
    para = "-" if m.paragraph_accuracy is None else f"{m.paragraph_accuracy:.2f}"
    return (f"| {name} | {m.questions} | {m.recall[1]:.2f} | {m.recall[3]:.2f} | {m.recall[5]:.2f} | "
            f"{m.recall[10]:.2f} | {m.mrr:.2f} | {para} | {m.p50_ms:.0f} | {m.p95_ms:.0f} |")
