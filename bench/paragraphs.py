"""Paragraph citations on their own: for each gold quote with a printed paragraph, is that paragraph among
the ids of the chunk that holds the quote? Parse only (no store, no model), so ingest changes are measured
without retrieval in the way.

    .venv/bin/python bench/paragraphs.py bench/heldout/questions_*.jsonl [--corpus ../shared/corpus] [--show]

Per set: correct (the chunk's citation names the gold paragraph, by `clerk.evaluation.paragraph_cited`, the rule
`clerk eval` scores hits by), wrong (it does not: no id, or another one),
quote in no chunk (extraction lost it; see bench/quote_coverage.py), accuracy = correct / (correct + wrong).
"""

from __future__ import annotations

import argparse
import functools
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from clerk.evaluation import Passage, paragraph_cited  # noqa: E402
from clerk.gold import quote_in_text  # noqa: E402
from ingest.errors import IngestError  # noqa: E402
from ingest.models import Chunk  # noqa: E402
from ingest.paper import chunk_paper  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sets", nargs="+", type=Path)
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--show", action="store_true", help="print every wrong paragraph")
    args = parser.parse_args()

    @functools.cache
    def chunks(file: str) -> tuple[Chunk, ...]:
        try:
            return tuple(chunk_paper(args.corpus / file).chunks)
        except (IngestError, OSError):
            return ()

    print("| set | correct | wrong | quote in no chunk | accuracy |\n|---|---|---|---|---|")
    for path in args.sets:
        good = bad = lost = 0
        for line in path.read_text().splitlines():
            if not line.strip():
                continue
            question = json.loads(line)
            for source in question.get("sources", []):
                if not source.get("paragraph"):
                    continue
                holding = [c for c in chunks(source["file"]) if quote_in_text(source["quote"], c.text)]
                if not holding:
                    lost += 1
                elif any(paragraph_cited(source["paragraph"], Passage.of_chunk(c)) for c in holding):
                    good += 1
                else:
                    bad += 1
                    if args.show:
                        print(f"  {question['id']}: gold {source['paragraph']!r}, chunk {holding[0].paragraph_ids[:4]}"
                              f" under {holding[0].section[:60]!r}", file=sys.stderr)
        print(f"| {path.name} | {good} | {bad} | {lost} | {good / max(1, good + bad):.2f} |")


if __name__ == "__main__":
    main()
