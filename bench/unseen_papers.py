"""Rebuild an unseen-council corpus from its manifest's repository, path and commit.

The papers of `bench/heldout/unseen*/` are public files in other GitHub repositories; they are not copied into
this project. Each manifest row names `source_repo`, `source_path` and `commit`, so the exact bytes can be
taken back out of a local clone of each repository:

    python bench/unseen_papers.py bench/heldout/unseen5/MANIFEST.tsv --clones /work/.mirror --out /tmp/unseen5/corpus

`--clones` holds one clone per repository, named `owner+name` (a bare or a working clone). The manifest is
copied beside the papers, as `clerk eval-ingest --manifest` expects.
"""

from __future__ import annotations

import argparse
import csv
import shutil
import subprocess
import sys
from pathlib import Path


def clone_dir(clones: Path, repo: str) -> Path:
    base = clones / repo.replace("/", "+")
    for candidate in (base / "repo", base):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"no clone of {repo} under {clones}")


def rebuild(manifest: Path, clones: Path, out: Path) -> list[str]:
    """Write every paper of the manifest under `out`; return the rows that could not be written."""
    failed: list[str] = []
    with manifest.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    for row in rows:
        target = out / row["path"]
        try:
            git_dir = clone_dir(clones, row["source_repo"])
            blob = subprocess.run(
                ["git", "-C", str(git_dir), "show", f"{row['commit']}:{row['source_path']}"],
                check=True,
                capture_output=True,
            ).stdout
        except (FileNotFoundError, subprocess.CalledProcessError) as error:
            failed.append(f"{row['path']}: {error}")
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(blob)
    shutil.copyfile(manifest, out / "MANIFEST.tsv")
    return failed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("manifest", type=Path)
    parser.add_argument("--clones", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    failed = rebuild(args.manifest, args.clones, args.out)
    for line in failed:
        print(line, file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
