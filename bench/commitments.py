"""Measure the commitments register's extraction (ingest/commitments.py) against the frozen gold set.

    .venv/bin/python bench/commitments.py [--gold FILE] [--corpus DIR ...] [--show]

Gold: bench/heldout/commitments_gold.jsonl (56 items), or another set with --gold. Each gold set is
exhaustive for the files it names (bench/heldout/README.md), so precision is measured on those files;
where a set covers some pages of a file only (PAGES_COVERED), items found on other pages are left out.

Matching: a gold item is found when one found item in the same file contains at least half of the
gold text's normalised tokens (lower-cased words and numbers, each counted once). A found item is
correct (precision) when it matches some gold item that way. Each gold item is matched to the found
item holding the largest share of its tokens. Of matched items we report:
- kind: equal;
- owner: case-insensitive containment either way after dropping a leading "the" (both empty counts as right);
  "owner words": one name's word set (without the, of, for, and, &) inside the other's, so that a body
  written two ways ("Committee for Transport and Connectivity", "Transport & Connectivity Policy Committee")
  counts as the same;
- due_date: equal strings ("2025-09", "2026-03-31", "2026-04/2027-03", or both empty), or a found date
  within the gold one (the meeting's day "2026-05-14" for a gold month "2026-05": more precise, not wrong);
- due: case-insensitive containment either way (both empty counts as right).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest.commitments import Commitment, find_commitments  # noqa: E402
from ingest.extract import extract  # noqa: E402
from ingest.paper import chunk_paper  # noqa: E402

GOLD = ROOT / "bench" / "heldout" / "commitments_gold.jsonl"
MATCH = 0.5


# Pages a gold set lists every item of, where it does not cover its whole file (bench/heldout/README.md, each
# set's "pages covered"), by gold set: two sets may cover different pages of one file.
_FEASIBILITY = ("pool/bristol-city-council/2024-09-12 Appendix A - Feasibility Study Report for a WPL Scheme in "
                "Bristol.pdf")
_QPR = "kent-cabinet/2025-03-04 QPR Q3 Cabinet appendix 1.pdf"
PAGES_COVERED: dict[str, dict[str, set[int]]] = {
    "commitments_gold_g": {
        "kent-cabinet/2025-01-30 24-00108 - Finance Monitoring Report - Q3 - November 2024-25.pdf":
            {*range(1, 7), *range(24, 30), *range(37, 55)},
        "kent-cabinet/2025-03-04 APPENDIX A - Planning Inspectors Report on the Examination of the KMWLP 2024-39.pdf":
            {*range(1, 7), 30, 31},
    },
    "commitments_gold_h": {
        "kent-cabinet/2025-01-30 24-00115 - Appendix A - Current Health wellbeing activity within KCC.pdf":
            {1, 2, 3, 19, 42, 58, 66, 78},
    },
    "commitments_gold_i": {_FEASIBILITY: {53, 54, 73, 74}, _QPR: {28, *range(66, 72)}},
    "commitments_gold_j": {
        _FEASIBILITY: {9, 61, *range(65, 73)},
        _QPR: {18, 20, 25, *range(29, 33)},
        "pool/gloucestershire-county-council/gloucestershire - children's services inspection - 01 april 2022.pdf":
            {1, 2, 10, 11, 12},
        "pool/bristol-city-council/Constitution Part 4.2 - Access to Information Procedure Rules - May 2024.pdf":
            {1, 2, 7, 8},
    },
}


def tokens(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9£%]+", text.lower()))


def share(gold_text: str, found_text: str) -> float:
    g = tokens(gold_text)
    return len(g & tokens(found_text)) / len(g) if g else 0.0


def overlaps(gold_text: str, found_text: str) -> bool:
    """The issue's looser sense of "found" (overlapping text): the shorter of the two texts has at least MATCH of
    its tokens in the other, so an item cut to the sentence that holds the task ("Cllr Rochford will speak to
    the owners.") overlaps a gold text that keeps the minute's topic line before it."""
    g, f = tokens(gold_text), tokens(found_text)
    return bool(g and f) and len(g & f) / min(len(g), len(f)) >= MATCH


def due_date_ok(gold: str, found: str) -> bool:
    if gold == found or not gold or not found:
        return gold == found
    (gs, ge), (fs, fe) = ((d.split("/")[0], d.split("/")[-1]) for d in (gold, found))
    return fs[: len(gs)] >= gs and fe[: len(ge)] <= ge


def _owner(s: str) -> str:
    return re.sub(r"^the\s+", "", " ".join(s.lower().split())).strip(" ,.")


def owner_ok(gold: str, found: str) -> bool:
    g, f = _owner(gold), _owner(found)
    if not g or not f:
        return g == f
    return g in f or f in g


_NAME_GLUE = {"the", "of", "for", "and", "&"}


def owner_words_ok(gold: str, found: str) -> bool:
    """The same body or role written another way: one name's words (without the, of, for, and, &) all in the
    other's ("Committee for Transport and Connectivity" / "Transport & Connectivity Policy Committee")."""
    g, f = (set(re.findall(r"[a-z0-9&]+", s.lower())) - _NAME_GLUE for s in (gold, found))
    if not g or not f:
        return g == f
    return g <= f or f <= g


def due_ok(gold: str, found: str) -> bool:
    g, f = gold.lower().strip(), found.lower().strip()
    if not g or not f:
        return g == f
    return g in f or f in g


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, action="append",
                    help="folder the gold files are relative to; repeat for a gold set over several (default: shared)")
    ap.add_argument("--show", action="store_true", help="print misses and false items")
    ap.add_argument("--gold", type=Path, default=GOLD, help="gold items (exhaustive for the files they name)")
    args = ap.parse_args()

    gold = [json.loads(line) for line in args.gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    covered = PAGES_COVERED.get(args.gold.stem, {})
    by_file: dict[str, list[dict]] = defaultdict(list)
    for g in gold:
        by_file[g["file"]].append(g)

    totals = defaultdict(int)
    rows = []
    for file, items in by_file.items():
        roots = args.corpus or [ROOT.parent / "shared" / "corpus"]
        path = next((root / file for root in roots if (root / file).exists()), roots[0] / file)
        paper = chunk_paper(path)
        found: list[Commitment] = find_commitments(paper, extract(path).text)
        if file in covered:  # a gold exhaustive on some pages only: items found elsewhere are not judged
            first_page = {c.chunk_id: (c.pages or [0])[0] for c in paper.chunks}
            found = [c for c in found if first_page.get(c.chunk_id, 0) in covered[file]]
        used: set[int] = set()
        f = defaultdict(int)
        misses, details = [], []
        for g in items:
            scores = [(share(g["text"], c.text), i) for i, c in enumerate(found)]
            best, i = max(scores, default=(0.0, -1))
            if best < MATCH:
                misses.append(g)
                continue
            c = found[i]
            used.add(i)
            f["found"] += 1
            f["kind"] += c.kind == g["kind"]
            f["owner"] += owner_ok(g["owner"], c.owner)
            f["owner_words"] += owner_words_ok(g["owner"], c.owner)
            f["due_date"] += due_date_ok(g["due_date"], c.due_date)
            f["due"] += due_ok(g["due"], c.due)
            details.append((g, c))
        correct = [i for i, c in enumerate(found) if any(share(g["text"], c.text) >= MATCH for g in items)]
        false = [c for i, c in enumerate(found) if i not in set(correct)]
        f["gold"], f["items"], f["correct"] = len(items), len(found), len(correct)
        f["overlap_found"] = sum(any(overlaps(g["text"], c.text) for c in found) for g in items)
        f["overlap_correct"] = sum(any(overlaps(g["text"], c.text) for g in items) for c in found)
        for k, v in f.items():
            totals[k] += v
        rows.append((file, f))
        if args.show:
            print(f"\n### {file}")
            for g in misses:
                loose = " (overlaps a found item)" if any(overlaps(g["text"], c.text) for c in found) else ""
                print(
                    f"  MISS {g['id']} [{g['kind']}] owner={g['owner']!r} due={g['due']!r} {g['due_date']}{loose}\n"
                    f"       {g['text']}"
                )
            for c in false:
                print(f"  FALSE [{c.kind}] owner={c.owner!r} due={c.due!r} {c.due_date}\n       {c.text}")
            for g, c in details:
                wrong = [
                    name
                    for name, ok in (
                        ("kind", c.kind == g["kind"]),
                        ("owner", owner_ok(g["owner"], c.owner)),
                        ("due_date", due_date_ok(g["due_date"], c.due_date)),
                    )
                    if not ok
                ]
                if wrong:
                    print(
                        f"  WRONG {g['id']} {','.join(wrong)}: gold [{g['kind']}] owner={g['owner']!r} "
                        f"due={g['due']!r} {g['due_date']} | found [{c.kind}] owner={c.owner!r} due={c.due!r} "
                        f"{c.due_date}"
                    )

    def ratio(a: int, b: int) -> str:
        return f"{a / b:.2f} ({a}/{b})" if b else "-"

    print(f"\n{'file':70} {'recall':>13} {'precision':>13} {'kind':>13} {'owner':>13} {'owner words':>13} "
          f"{'due_date':>13} {'due':>13}")
    for file, f in rows + [("ALL", totals)]:
        print(
            f"{file[-70:]:70} {ratio(f['found'], f['gold']):>13} {ratio(f['correct'], f['items']):>13} "
            f"{ratio(f['kind'], f['found']):>13} {ratio(f['owner'], f['found']):>13} "
            f"{ratio(f['owner_words'], f['found']):>13} "
            f"{ratio(f['due_date'], f['found']):>13} {ratio(f['due'], f['found']):>13}"
        )
    loose = (ratio(totals["overlap_found"], totals["gold"]), ratio(totals["overlap_correct"], totals["items"]))
    print(f"\noverlapping text (>= {MATCH:.0%} of the shorter text's tokens in the other): recall {loose[0]}, "
          f"precision {loose[1]}")
    print(
        f"\nmatch: >= {MATCH:.0%} of a gold text's normalised tokens in one found item; "
        "kind/owner/due are over matched items; owner: containment of the text, owner words: of the word sets "
        "without the/of/for/and/&"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
