"""Measure the assistant on the dev question sets and print the metrics table.

    .venv/bin/python bench/answers.py                 # both sets, built-in answerer
    .venv/bin/python bench/answers.py --set dev --show   # one set, print every answer
    .venv/bin/python bench/answers.py --calibrate     # refusal rates for a range of thresholds

Each set is ingested once into its own data folder (re-runs skip unchanged files). Metrics:
- key-fact recall: per answerable question, the share of its `must_include` strings found in the answer
  (case-insensitive), averaged; "loose" compares words only (clerk.gold.normalise: punctuation dropped), so a
  table row rendered "Hucknall Road o/s City Hospital; 1797" states "Hucknall Road o/s City Hospital 1797";
- gold source: share of answerable questions whose answer cites a file the gold answer cites;
- refused (unanswerable): share of unanswerable questions answered with the cannot-answer sentence;
- false refusals: share of answerable questions refused;
- markers resolving: share of markers [n] in answers that map to a listed citation;
- latency p50/p95 of `Assistant.ask`, warm (the question asked a second time) and cold (the sentence
  cache emptied before the first time; sentence vectors stored at ingest are still used), and the cold
  run split into retrieval (the search) and the answerer's own work (score, compose, verify).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import clerk.settings  # noqa: E402,F401  (offline environment first)
from assistant.builtin import BuiltinAnswerer  # noqa: E402
from assistant.refusal import DEFAULT_MIN_SCORE  # noqa: E402
from assistant.service import Assistant  # noqa: E402
from assistant.types import Answer  # noqa: E402
from clerk.gold import normalise  # noqa: E402
from clerk.settings import Settings  # noqa: E402
from clerk.wiring import build_assistant, build_store  # noqa: E402
from vectorstore.loader import ingest_files  # noqa: E402

SHARED = Path(os.environ.get("CLERK_SHARED", ROOT.parent / "shared"))
ALL = ["corpus/seed", "corpus/kent-cabinet", "corpus/ofsted", "corpus/pool"]
HELDOUT = ROOT / "bench" / "heldout"
# Papers of authorities none of the rules was written from (bench/heldout/unseen/SOURCES.md says where each
# came from); kept outside the project, fetched to this folder.
UNSEEN = Path(os.environ.get("CLERK_UNSEEN", "/tmp/unseen/corpus"))
UNSEEN2 = Path(os.environ.get("CLERK_UNSEEN2", "/tmp/unseen2/corpus"))
UNSEEN3 = Path(os.environ.get("CLERK_UNSEEN3", "/tmp/unseen3/corpus"))
UNSEEN4 = Path(os.environ.get("CLERK_UNSEEN4", "/tmp/unseen4/corpus"))
UNSEEN5 = Path(os.environ.get("CLERK_UNSEEN5", "/tmp/unseen5/corpus"))
UNSEEN6 = Path(os.environ.get("CLERK_UNSEEN6", "/tmp/unseen6/corpus"))
# name: (questions, folders ingested, store). The held-out sets were written blind (bench/heldout/README.md)
# and are asked of one store holding every council's papers, as a deployment serving several would.
SETS = {
    "dev": ("eval/dev.jsonl", ["corpus/seed"], "dev"),
    "pdf": ("eval/dev_pdf.jsonl", ["corpus/kent-cabinet", "corpus/ofsted"], "pdf"),
    "heldout-pool": (str(HELDOUT / "questions_pool.jsonl"), ALL, "all"),
    "heldout-corpus": (str(HELDOUT / "questions_corpus.jsonl"), ALL, "all"),
    "heldout-pool-b": (str(HELDOUT / "questions_pool_b.jsonl"), ALL, "all"),
    "heldout-fresh": (str(HELDOUT / "questions_fresh.jsonl"), ALL, "all"),
    "heldout-fresh2": (str(HELDOUT / "questions_fresh2.jsonl"), ALL, "all"),
    "heldout-fresh3": (str(HELDOUT / "questions_fresh3.jsonl"), ALL, "all"),
    "heldout-fresh4": (str(HELDOUT / "questions_fresh4.jsonl"), ALL, "all"),
    "heldout-fresh5": (str(HELDOUT / "questions_fresh5.jsonl"), ALL, "all"),
    "heldout-fresh6": (str(HELDOUT / "questions_fresh6.jsonl"), ALL, "all"),
    "heldout-fresh7": (str(HELDOUT / "questions_fresh7.jsonl"), ALL, "all"),
    "heldout-fresh8": (str(HELDOUT / "questions_fresh8.jsonl"), ALL, "all"),
    "heldout-fresh9": (str(HELDOUT / "questions_fresh9.jsonl"), ALL, "all"),
    "heldout-fresh10": (str(HELDOUT / "questions_fresh10.jsonl"), ALL, "all"),
    "heldout-fresh11": (str(HELDOUT / "questions_fresh11.jsonl"), ALL, "all"),
    "heldout-fresh12": (str(HELDOUT / "questions_fresh12.jsonl"), ALL, "all"),
    "heldout-fresh13": (str(HELDOUT / "questions_fresh13.jsonl"), ALL, "all"),
    "heldout-fresh14": (str(HELDOUT / "questions_fresh14.jsonl"), ALL, "all"),
    "heldout-fresh15": (str(HELDOUT / "questions_fresh15.jsonl"), ALL, "all"),
    "heldout-fresh16": (str(HELDOUT / "questions_fresh16.jsonl"), ALL, "all"),
    "heldout-fresh17": (str(HELDOUT / "questions_fresh17.jsonl"), ALL, "all"),
    "heldout-fresh18": (str(HELDOUT / "questions_fresh18.jsonl"), ALL, "all"),
    "heldout-fresh19": (str(HELDOUT / "questions_fresh19.jsonl"), ALL, "all"),
    "heldout-fresh20": (str(HELDOUT / "questions_fresh20.jsonl"), ALL, "all"),
    "heldout-fresh21": (str(HELDOUT / "questions_fresh21.jsonl"), ALL, "all"),
    "heldout-fresh22": (str(HELDOUT / "questions_fresh22.jsonl"), ALL, "all"),
    "heldout-fresh23": (str(HELDOUT / "questions_fresh23.jsonl"), ALL, "all"),
    "heldout-fresh24": (str(HELDOUT / "questions_fresh24.jsonl"), ALL, "all"),
    "heldout-fresh25": (str(HELDOUT / "questions_fresh25.jsonl"), ALL, "all"),
    "heldout-fresh26": (str(HELDOUT / "questions_fresh26.jsonl"), ALL, "all"),
    "heldout-fresh27": (str(HELDOUT / "questions_fresh27.jsonl"), ALL, "all"),
    "heldout-fresh28": (str(HELDOUT / "questions_fresh28.jsonl"), ALL, "all"),
    "heldout-fresh29": (str(HELDOUT / "questions_fresh29.jsonl"), ALL, "all"),
    "heldout-fresh30": (str(HELDOUT / "questions_fresh30.jsonl"), ALL, "all"),
    "heldout-fresh31": (str(HELDOUT / "questions_fresh31.jsonl"), ALL, "all"),
    "heldout-fresh32": (str(HELDOUT / "questions_fresh32.jsonl"), ALL, "all"),
    "heldout-fresh33": (str(HELDOUT / "questions_fresh33.jsonl"), ALL, "all"),
    "heldout-fresh34": (str(HELDOUT / "questions_fresh34.jsonl"), ALL, "all"),
    "heldout-fresh35": (str(HELDOUT / "questions_fresh35.jsonl"), ALL, "all"),
    "heldout-fresh36": (str(HELDOUT / "questions_fresh36.jsonl"), ALL, "all"),
    "heldout-fresh37": (str(HELDOUT / "questions_fresh37.jsonl"), ALL, "all"),
    "heldout-fresh38": (str(HELDOUT / "questions_fresh38.jsonl"), ALL, "all"),
    "heldout-fresh39": (str(HELDOUT / "questions_fresh39.jsonl"), ALL, "all"),
    "heldout-fresh40": (str(HELDOUT / "questions_fresh40.jsonl"), ALL, "all"),
}
# The unseen papers beside every other paper (a store like a deployment's, not one of 23 papers); not in
# "every", as they are not in shared/.
EXTRA_SETS = {
    "unseen": (str(HELDOUT / "unseen" / "questions_unseen.jsonl"), [*ALL, str(UNSEEN)], "all-unseen"),
    "unseen2": (str(HELDOUT / "unseen2" / "questions_unseen2.jsonl"), [*ALL, str(UNSEEN2)], "all-unseen2"),
    "unseen3": (str(HELDOUT / "unseen3" / "questions_unseen3.jsonl"), [*ALL, str(UNSEEN3)], "all-unseen3"),
    "unseen4": (str(HELDOUT / "unseen4" / "questions_unseen4.jsonl"), [*ALL, str(UNSEEN4)], "all-unseen4"),
    "unseen5": (str(HELDOUT / "unseen5" / "questions_unseen5.jsonl"), [*ALL, str(UNSEEN5)], "all-unseen5"),
    "unseen6": (str(HELDOUT / "unseen6" / "questions_unseen6.jsonl"), [*ALL, str(UNSEEN6)], "all-unseen6"),
}


@dataclass
class Row:
    qid: str
    kind: str
    answer: Answer
    recall: float | None
    recall_loose: float | None
    gold_cited: bool | None
    markers_ok: int
    markers: int
    ms_warm: float
    ms_cold: float
    ms_retrieve: float  # of the cold run: the search itself
    ms_own: float  # of the cold run: scoring sentences, composing, verifying (the assistant's own work)


def run_set(name: str, args: argparse.Namespace) -> list[Row]:
    questions_file, folders, store_name = {**SETS, **EXTRA_SETS}[name]
    data_dir = Path(args.data_root) / store_name
    settings = Settings(data_dir=data_dir)
    store = build_store(settings)
    summary = ingest_files(store, [SHARED / f for f in folders], max_file_mb=settings.max_file_mb)
    logging.info("%s: ingested %d, unchanged %d, failed %d", name, summary.count("ingested"),
                 summary.count("unchanged"), summary.count("failed"))
    assistant = build_assistant(settings, store)
    if args.min_score is not None:
        assistant.refusal.min_score = args.min_score
    if args.min_semantic is not None:
        assistant.refusal.min_semantic = args.min_semantic
    if args.kind_floor is not None:
        assistant.refusal.kind_floor = args.kind_floor
    if isinstance(assistant.answerer, BuiltinAnswerer):
        if args.keep_ratio is not None:
            assistant.answerer.keep_ratio = args.keep_ratio
        if args.context_ratio is not None:
            assistant.answerer.context_ratio = args.context_ratio or None  # 0: no context sentences
    questions = [json.loads(line) for line in (SHARED / questions_file).read_text().splitlines() if line.strip()]
    assistant.ask("warm-up question about the council budget", k=args.k)
    rows = [measure(assistant, q, args.k) for q in questions]
    if args.show:
        for row in rows:
            show(row, next(q for q in questions if q["id"] == row.qid))
    if args.dump:
        with open(args.dump, "a", encoding="utf-8") as out:
            for row, q in zip(rows, questions, strict=True):
                out.write(json.dumps(dump(name, row, q)) + "\n")
    return rows


def dump(set_name: str, row: Row, q: dict) -> dict:
    """One question's outcome, for analysis outside this script (a refusal check tried on every set)."""
    a = row.answer
    return {"set": set_name, "id": row.qid, "type": row.kind, "question": q["question"], "answer": a.text,
            "supported": a.supported, "reason": a.refusal_reason, "recall": row.recall, "score": a.evidence_score,
            "semantic": a.evidence_semantic,
            "cited": [{"text": c.chunk.text, "quotes": c.quotes, "council": c.chunk.council, "file": c.chunk.file_name}
                      for c in a.citations]}


def measure(assistant: Assistant, q: dict, k: int | None) -> Row:
    assistant.scorer.vectors.clear()
    started = time.perf_counter()
    first = assistant.ask(q["question"], k=k)
    cold = (time.perf_counter() - started) * 1000
    retrieve = first.timings_ms.get("retrieve", 0.0)
    own = sum(first.timings_ms.get(key, 0.0) for key in ("score", "compose", "verify"))
    started = time.perf_counter()
    answer = assistant.ask(q["question"], k=k)
    warm = (time.perf_counter() - started) * 1000
    answerable = q["type"] != "unanswerable"
    text = " ".join(answer.text.split()).casefold()
    recall = recall_loose = None
    gold = None
    if answerable:
        must = q.get("must_include") or []
        recall = sum(1 for m in must if " ".join(m.split()).casefold() in text) / len(must) if must else 1.0
        words = f" {' '.join(normalise(text))} "
        recall_loose = (sum(1 for m in must if f" {' '.join(normalise(m))} " in words) / len(must)) if must else 1.0
        gold_files = {s["file"].rsplit("/", 1)[-1] for s in q.get("sources", [])}
        gold = any(c.chunk.file_name in gold_files for c in answer.citations)
    markers = re.findall(r"\[(\d+)\]", answer.text)
    ok = sum(1 for m in markers if 1 <= int(m) <= len(answer.citations))
    return Row(q["id"], q["type"], answer, recall, recall_loose, gold, ok, len(markers), warm, cold, retrieve, own)


def show(row: Row, q: dict) -> None:
    a = row.answer
    status = "REFUSED" if not a.supported else f"recall={row.recall}" if row.recall is not None else "ANSWERED"
    print(f"\n## {row.qid} [{row.kind}] {status} gold={row.gold_cited} score={a.evidence_score:.3f} "
          f"{row.ms_warm:.0f} ms")
    print(f"Q: {q['question']}\nmust: {q.get('must_include')}")
    print(f"A: {a.text}")
    if a.refusal_reason:
        print(f"   reason: {a.refusal_reason}")
    for c in a.citations:
        print(f"   [{c.n}] {c.chunk.citation_label} ({c.chunk.file_name[:40]})")
    for f in a.flagged_sentences:
        print(f"   FLAGGED {f.figures}: {f.reason}")


def metrics(rows: list[Row]) -> dict[str, float]:
    answerable = [r for r in rows if r.recall is not None]
    unanswerable = [r for r in rows if r.recall is None]
    markers = sum(r.markers for r in rows)
    warm = sorted(r.ms_warm for r in rows)
    cold = sorted(r.ms_cold for r in rows)
    return {
        "questions": len(rows),
        "key_fact_recall": statistics.fmean(r.recall for r in answerable) if answerable else float("nan"),
        "key_fact_recall_loose": statistics.fmean(r.recall_loose or 0.0 for r in answerable)
        if answerable else float("nan"),
        "gold_source_cited": statistics.fmean(bool(r.gold_cited) for r in answerable) if answerable else float("nan"),
        "refused_unanswerable": statistics.fmean(not r.answer.supported for r in unanswerable)
        if unanswerable else float("nan"),
        "false_refusals": statistics.fmean(not r.answer.supported for r in answerable) if answerable else float("nan"),
        "markers_resolving": sum(r.markers_ok for r in rows) / markers if markers else 1.0,
        "p50_ms_warm": _pct(warm, 50), "p95_ms_warm": _pct(warm, 95),
        "p50_ms_cold": _pct(cold, 50), "p95_ms_cold": _pct(cold, 95),
        "p50_ms_cold_retrieve": _pct(sorted(r.ms_retrieve for r in rows), 50),
        "p95_ms_cold_retrieve": _pct(sorted(r.ms_retrieve for r in rows), 95),
        "p50_ms_cold_answer": _pct(sorted(r.ms_own for r in rows), 50),
        "p95_ms_cold_answer": _pct(sorted(r.ms_own for r in rows), 95),
    }


def calibrate(all_rows: list[Row], assistant_thresholds: list[float]) -> None:
    """Refusal rates if only the score threshold changed (the rule-based reasons stay as they are), and the
    threshold the default is set from: the 5th percentile of the answerable questions' best-sentence scores."""
    answerable = sorted(r.answer.evidence_score for r in all_rows if r.recall is not None)
    if answerable:
        print(f"\n5th percentile of answerable questions' scores: {answerable[int(0.05 * len(answerable))]:.3f}")
    print("\nthreshold  refused_unanswerable  false_refusals")
    for threshold in assistant_thresholds:
        def refused(r: Row, t: float = threshold) -> bool:
            reason = r.answer.refusal_reason
            rule = bool(reason) and not reason.startswith("best sentence scores")
            return rule or _best_score(r) < t
        un = [r for r in all_rows if r.recall is None]
        ans = [r for r in all_rows if r.recall is not None]
        rates = statistics.fmean(map(refused, un)), statistics.fmean(map(refused, ans))
        print(f"{threshold:9.2f}  {rates[0]:20.2f}  {rates[1]:14.2f}")


def _refused_at(row: Row, threshold: float) -> bool:
    """Refused if only the score threshold were `threshold` (the rule-based reasons stay as they are)."""
    reason = row.answer.refusal_reason
    return (bool(reason) and not reason.startswith("best sentence scores")) or _best_score(row) < threshold


def cross_validate(results: dict[str, list[Row]], thresholds: list[float]) -> None:
    """Leave one set out: the threshold with the most right decisions on the other sets (an unanswerable
    refused, an answerable answered), scored on the set left out."""
    def right(rows: list[Row], t: float) -> int:
        return sum(_refused_at(r, t) == (r.recall is None) for r in rows)

    print("\n| set left out | threshold chosen | unanswerables refused | answerable refused |")
    print("|---|---|---|---|")
    totals = [0, 0, 0, 0]
    for held, rows in results.items():
        train = [r for name, other in results.items() if name != held for r in other]
        best = max(thresholds, key=lambda t: (right(train, t), -abs(t - DEFAULT_MIN_SCORE)))
        un = [r for r in rows if r.recall is None]
        ans = [r for r in rows if r.recall is not None]
        counts = [sum(_refused_at(r, best) for r in un), len(un), sum(_refused_at(r, best) for r in ans), len(ans)]
        totals = [a + b for a, b in zip(totals, counts, strict=True)]
        print(f"| {held} | {best:.2f} | {counts[0]}/{counts[1]} | {counts[2]}/{counts[3]} |")
    print(f"| all, left out | - | {totals[0]}/{totals[1]} | {totals[2]}/{totals[3]} |")


def _best_score(row: Row) -> float:
    return row.answer.evidence_score


def _pct(values: list[float], p: int) -> float:
    if not values:
        return float("nan")
    index = min(len(values) - 1, max(0, round(p / 100 * len(values) + 0.5) - 1))
    return values[index]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--set", choices=[*SETS, *EXTRA_SETS, "both", "heldout", "every"], default="both")
    parser.add_argument("--data-root", default=os.environ.get("CLERK_BENCH_DATA", "/tmp/clerk-bench"))
    parser.add_argument("--k", type=int, default=None, help="passages per answer (default: settings)")
    parser.add_argument("--min-score", type=float, default=None, help="refusal threshold to use")
    parser.add_argument("--min-semantic", type=float, default=None, help="refusal floor on the closest meaning")
    parser.add_argument("--keep-ratio", type=float, default=None,
                        help="the built-in answerer's keep_ratio (sentences kept near the best one's score)")
    parser.add_argument("--context-ratio", type=float, default=None,
                        help="the built-in answerer's context_ratio (context sentences beside the answer; 0: none)")
    parser.add_argument("--kind-floor", type=float, default=None,
                        help="share of the best score a sentence giving the figure asked for must reach")
    parser.add_argument("--show", action="store_true", help="print every answer")
    parser.add_argument("--dump", help="append each question's outcome to this JSONL file")
    parser.add_argument("--calibrate", action="store_true", help="print refusal rates per threshold")
    parser.add_argument("--exclude", nargs="*", default=[], help="sets left out (a blind set not to be run yet)")
    parser.add_argument("--cv", action="store_true", help="choose the threshold by leaving one set out")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    groups = {"both": ["dev", "pdf"], "heldout": ["heldout-pool", "heldout-corpus", "heldout-pool-b", "heldout-fresh"],
              "every": list(SETS)}
    names = [n for n in groups.get(args.set, [args.set]) if n not in args.exclude]
    if args.dump:  # one run, one dump: each set appends its rows to what this run wrote, never to an older run's
        Path(args.dump).write_text("", encoding="utf-8")
    results = {name: run_set(name, args) for name in names}
    table = {name: metrics(rows) for name, rows in results.items()}
    if len(results) > 1:
        table["all"] = metrics([r for rows in results.values() for r in rows])
    keys = list(next(iter(table.values())))
    print("\n| metric | " + " | ".join(table) + " |")
    print("|---|" + "---|" * len(table))
    for key in keys:
        cells = [f"{table[n][key]:.0f}" if "_ms_" in key or key == "questions" else f"{table[n][key]:.2f}"
                 for n in table]
        print(f"| {key} | " + " | ".join(cells) + " |")
    if args.calibrate:
        calibrate([r for rows in results.values() for r in rows], [x / 100 for x in range(20, 62, 2)])
    if args.cv:
        cross_validate(results, [x / 100 for x in range(20, 62, 2)])


if __name__ == "__main__":
    main()
