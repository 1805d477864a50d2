"""CI guard: retrieval recall@5 on both dev sets must not fall more than 3 points below bench/RESULTS.md."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from clerk.eval_run import run_eval
from clerk.settings import Settings

RESULTS = Path(__file__).resolve().parents[2] / "bench" / "RESULTS.md"
TOLERANCE = 0.03


def recorded_recall(question_file: str) -> float:
    """The figure recorded in bench/RESULTS.md as `guard: <file> recall@5 = 0.xx`."""
    match = re.search(rf"guard: {re.escape(question_file)} recall@5 = ([0-9.]+)", RESULTS.read_text())
    assert match, f"bench/RESULTS.md records no recall@5 guard line for {question_file}"
    return float(match.group(1))


@pytest.mark.shared
@pytest.mark.parametrize(("question_file", "folders"), [
    ("dev.jsonl", ["seed"]),
    ("dev_pdf.jsonl", ["kent-cabinet", "ofsted"]),
])
def test_recall_at_5_holds(shared_dir: Path, tmp_path: Path, question_file: str, folders: list[str]):
    outcome = run_eval(Settings(data_dir=tmp_path), shared_dir / "eval" / question_file,
                       [shared_dir / "corpus" / f for f in folders], k=10, baselines=False)
    print(outcome.markdown())
    recall = outcome.reports[0].overall.recall[5]
    assert recall >= recorded_recall(question_file) - TOLERANCE, outcome.markdown()
