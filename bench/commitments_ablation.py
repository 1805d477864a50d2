"""Ablation of the commitments rules: each rule switched off in turn, scored on every gold set.

A rule earns its place when it helps on gold sets it was not written from (bench/COMMITMENTS.md says which
set each rule came from). Runs bench/commitments.py once per rule and set with the rule replaced by one
that never fires (or by the form it had before).

    .venv/bin/python bench/commitments_ablation.py [--corpus ../shared/corpus]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import re
import runpy
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import ingest.commitments as rules  # noqa: E402

SETS = ["commitments_gold", "commitments_gold_b", "commitments_gold_c", "commitments_gold_d"]
NEVER = re.compile(r"(?!x)x")


def _without_recommendation_openers() -> dict[str, Any]:
    pattern = rules._OPENER.pattern
    cut = pattern.index("|(?:Recommendations?")  # the report-recommendation alternatives come last
    opener = re.compile(pattern[:cut] + "|(?P<asked>(?!x)x)|(?P<recommended>(?!x)x))", re.I)
    return {"_OPENER": opener, "_NUMBERED_ASK": NEVER}


def _session_16_future() -> dict[str, Any]:
    """The promise words and the date's past-tense check as they were before session 17."""
    promise = re.compile(r"\b(?:will|shall|aims?\s+to|targets?|plans?\s+to|intends?\s+to|expected\s+to|due\s+to)\b",
                         re.I)
    future = re.compile(r"\b(?:will|would|shall|aims?\s+to|target(?:s|ed)?|plans?\s+to|intends?\s+to|expected\s+to"
                        r"|due\s+to|committed\s+to|on\s+track\s+to|by\s+(?:the\s+end\s+of\s+)?(?:\d|[A-Z]|20\d\d))",
                        re.I)

    def past_at(sentence: str, due: str) -> bool:
        at = sentence.find(due)
        window = " ".join(sentence[max(0, at - 60) : at].split()[-5:])
        if re.search(r"\b(?:will|shall|to\s+be|be|aim|target)\b", window, re.I):
            return False
        return bool(re.search(r"\b(?:was|were|had|has\s+been|have\s+been)\b|\b\w+ed\b", window, re.I)) or at == 0

    return {"_PROMISE": promise, "_FUTURE": future, "_past_at": past_at}


ABLATIONS: dict[str, Callable[[], dict[str, Any]]] = {
    "all rules": dict,
    "- report recommendations": _without_recommendation_openers,
    "- future verbs beside a date": _session_16_future,
    "- plan tables": lambda: {"_plan_header": lambda chunk: None},
    "- unmarked resolutions under \"That the Committee:\"": lambda: {"_DECIDED": NEVER},
}


def score(gold: str, corpus: str) -> str:
    """recall / precision of bench/commitments.py on one gold set, as it prints them."""
    sys.argv = ["commitments.py", "--corpus", corpus, "--gold", str(ROOT / "bench" / "heldout" / f"{gold}.jsonl")]
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.suppress(SystemExit):
        runpy.run_path(str(ROOT / "bench" / "commitments.py"), run_name="__main__")
    cells = next(line for line in out.getvalue().splitlines() if line.startswith("ALL")).split()
    return f"{cells[1]} {cells[2]} / {cells[3]} {cells[4]}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus"))
    args = parser.parse_args()
    original = {name: getattr(rules, name) for name in
                ("_OPENER", "_NUMBERED_ASK", "_PROMISE", "_FUTURE", "_past_at", "_plan_header", "_DECIDED")}
    print("| rules | first set | second | third | fourth |")
    print("|---|---|---|---|---|")
    for name, patch in ABLATIONS.items():
        for attr, value in {**original, **patch()}.items():
            setattr(rules, attr, value)
        print(f"| {name} | " + " | ".join(score(gold, args.corpus) for gold in SETS) + " |")
    for attr, value in original.items():
        setattr(rules, attr, value)


if __name__ == "__main__":
    main()
