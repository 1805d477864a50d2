"""Every corpus file's report titles as ingest reads them (parse only: no store, no model), as JSON, so
that two commits' titles can be compared file by file.

    .venv/bin/python bench/titles.py > /tmp/titles_after.json
    (in a checkout of the earlier commit) .venv/bin/python bench/titles.py > /tmp/titles_before.json
    .venv/bin/python bench/titles.py --diff /tmp/titles_before.json /tmp/titles_after.json
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ingest.paper import chunk_paper  # noqa: E402
from vectorstore.loader import collect_files  # noqa: E402

FOLDERS = ("seed", "kent-cabinet", "ofsted", "pool", "scanned")


def titles(corpus: Path) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for path in collect_files([corpus / folder for folder in FOLDERS]):
        try:
            found[str(path.relative_to(corpus))] = [r.title for r in chunk_paper(path).reports][:5]
        except Exception as exc:  # noqa: BLE001 - an unreadable file is listed with its error
            found[str(path.relative_to(corpus))] = [f"error: {type(exc).__name__}"]
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--diff", nargs=2, type=Path, metavar=("BEFORE", "AFTER"))
    args = parser.parse_args()
    if not args.diff:
        json.dump(titles(args.corpus), sys.stdout, indent=1, ensure_ascii=False)
        return
    before, after = (json.loads(p.read_text()) for p in args.diff)
    changed = [name for name in before if before[name] != after.get(name)]
    for name in changed:
        for old, new in zip(before[name], after.get(name, []), strict=False):
            if old != new:
                print(f"{name}\n  - {old}\n  + {new}")
    print(f"{len(changed)} of {len(before)} files changed")


if __name__ == "__main__":
    main()
