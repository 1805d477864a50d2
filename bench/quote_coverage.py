"""Quote coverage: is each gold quote present, word for word, in the text the project's extractor gives?

For every answerable question of the given JSONL sets, the cited file is extracted with the project's own
extractor (`ingest.extract.extract`, which picks by file type) and each source's quote is looked for:

* strict: whitespace-normalised quote is a substring of the whitespace-normalised text (tabs, newlines
  and runs of spaces all become one space; NBSP counts as a space);
* loose:  the same after lower-casing and turning every non-alphanumeric character into a space.

A quote that is not even a loose match cannot be in any chunk, so retrieval cannot find it. Misses are
listed (set, id, file, cited page, and whether the quote's words are in the file at all in another order)
so that the class of layout problem can be seen. With --columns, every PDF under the corpus is also read
and the pages where the column reader fired are counted per file (for checking false positives).

Usage:
  .venv/bin/python bench/quote_coverage.py --corpus /work/shared/corpus \
      /work/shared/eval/dev.jsonl /work/shared/eval/dev_pdf.jsonl bench/heldout/questions_*.jsonl
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ingest.errors import IngestError  # noqa: E402
from ingest.extract import extract  # noqa: E402

WS = re.compile(r"\s+")
NON_ALNUM = re.compile(r"[^0-9a-z]+")


def strict_norm(text: str) -> str:
    return WS.sub(" ", text.replace("\u00a0", " ")).strip()


def loose_norm(text: str) -> str:
    return NON_ALNUM.sub(" ", text.lower()).strip()


@dataclass
class Source:
    set_name: str
    qid: str
    file: str
    page: int | None
    quote: str


@dataclass
class Result:
    source: Source
    strict: bool
    loose: bool
    strict_page: bool  # strict hit that starts on the cited page (or the page before)
    error: str = ""


class Corpus:
    """Resolves a source's file (relative to the corpus, or a bare name found anywhere under it) and
    caches one extraction per file."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.by_name: dict[str, Path] = {}
        for path in sorted(root.rglob("*")):
            if path.is_file():
                self.by_name.setdefault(path.name, path)
        self.cache: dict[Path, tuple[str, str, list[tuple[int, int]]] | str] = {}

    def resolve(self, rel: str) -> Path | None:
        path = self.root / rel
        if path.is_file():
            return path
        return self.by_name.get(Path(rel).name)

    def text(self, path: Path) -> tuple[str, str, list[tuple[int, int]]] | str:
        """(strict text, loose text, [(page, start offset in strict text)]) or an error message."""
        if path not in self.cache:
            try:
                extracted = extract(path)
            except IngestError as exc:
                self.cache[path] = f"extract failed: {exc}"
                return self.cache[path]
            parts, offsets, pos = [], [], 0
            spans = extracted.pages or []
            if spans:
                for span in spans:
                    page_text = strict_norm(extracted.text[span.start : span.end])
                    offsets.append((span.page, pos))
                    parts.append(page_text)
                    pos += len(page_text) + 1
                full = " ".join(parts)
            else:
                full = strict_norm(extracted.text)
            self.cache[path] = (full, loose_norm(extracted.text), offsets)
        return self.cache[path]


def read_sources(paths: list[Path]) -> tuple[list[Source], Counter[str]]:
    sources: list[Source] = []
    answerable: Counter[str] = Counter()
    for path in paths:
        set_name = path.name
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            if row.get("type") == "unanswerable" or not row.get("sources"):
                continue
            answerable[set_name] += 1
            for src in row["sources"]:
                quote = src.get("quote") or src.get("text") or ""
                if quote.strip():
                    sources.append(Source(set_name, row["id"], src["file"], src.get("page"), quote))
    return sources, answerable


def _page_at(offsets: list[tuple[int, int]], index: int) -> int | None:
    page = None
    for number, start in offsets:
        if start > index:
            break
        page = number
    return page


def check(corpus: Corpus, src: Source) -> Result:
    path = corpus.resolve(src.file)
    if path is None:
        return Result(src, False, False, False, "file not found")
    got = corpus.text(path)
    if isinstance(got, str):
        return Result(src, False, False, False, got)
    full, loose_full, offsets = got
    quote = strict_norm(src.quote)
    hits = [m.start() for m in re.finditer(re.escape(quote), full)]
    on_page = False
    if hits and offsets and src.page is not None:
        pages = {_page_at(offsets, i) for i in hits}
        on_page = bool(pages & {src.page, src.page - 1})
    elif hits:
        on_page = True
    return Result(src, bool(hits), loose_norm(src.quote) in loose_full, on_page)


def words_present(corpus: Corpus, src: Source) -> float:
    """Share of the quote's words found in the file at all: near 1.0 for a miss means the words are there
    in another order (columns interleaved, cells split), low means the text is missing or garbled."""
    path = corpus.resolve(src.file)
    got = corpus.text(path) if path else "missing"
    if isinstance(got, str):
        return 0.0
    vocab = set(got[1].split())
    words = loose_norm(src.quote).split()
    return sum(w in vocab for w in words) / max(len(words), 1)


def column_report(root: Path) -> list[tuple[str, int, int, list[int]]]:
    """(file, pages, pages where the column reader fired, those page numbers) for every PDF: the page's
    runs as `pdf_layout` groups them, given to `pdf_columns.reading_order`, which counts the gutters used."""
    from pypdf import PdfReader

    from ingest.extract import pdf_columns, pdf_layout

    rows = []
    for path in sorted(root.rglob("*.pdf")):
        try:
            reader = PdfReader(path)
            if reader.is_encrypted:
                reader.decrypt("")
            pages = list(reader.pages)
        except Exception:  # not a PDF, or broken: extract() reports those
            continue
        fired = []
        for number, page in enumerate(pages, start=1):
            try:
                contents = page.get_contents()
                if contents is None:
                    continue
                lines = pdf_layout._line_runs(contents, page._layout_mode_fonts(), page)
            except Exception:
                continue
            if pdf_columns.reading_order(lines)[1]:
                fired.append(number)
        rows.append((str(path.relative_to(root)), len(pages), len(fired), fired))
    return rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=Path("/work/shared/corpus"))
    ap.add_argument("--columns", action="store_true", help="also count pages where the column reader fired")
    ap.add_argument("sets", nargs="+", type=Path)
    args = ap.parse_args()
    logging.basicConfig(level=logging.ERROR)

    started = time.time()
    corpus = Corpus(args.corpus)
    sources, answerable = read_sources(args.sets)
    results = [check(corpus, src) for src in sources]

    print(f"# quote coverage ({len(results)} quotes of {sum(answerable.values())} answerable questions)\n")
    print("| set | questions | quotes | strict | strict on cited page | loose |")
    print("|---|---:|---:|---:|---:|---:|")
    per_set: dict[str, list[Result]] = {}
    for r in results:
        per_set.setdefault(r.source.set_name, []).append(r)
    groups = list(per_set.items()) + [("**all**", results)]
    for name, rs in groups:
        n = len(rs)
        qn = answerable[name] if name in answerable else sum(answerable.values())
        strict = sum(r.strict for r in rs)
        on_page = sum(r.strict_page for r in rs)
        loose = sum(r.loose for r in rs)
        print(
            f"| {name} | {qn} | {n} | {strict} ({100 * strict / n:.1f}%) | {on_page} | "
            f"{loose} ({100 * loose / n:.1f}%) |"
        )

    misses = [r for r in results if not r.strict]
    print(f"\n## misses (strict): {len(misses)}\n")
    print("| set | id | file | page | loose | words in file | note |")
    print("|---|---|---|---:|---|---:|---|")
    for r in misses:
        s = r.source
        share = words_present(corpus, s)
        print(
            f"| {s.set_name} | {s.qid} | {s.file} | {s.page if s.page is not None else '-'} | "
            f"{'yes' if r.loose else 'no'} | {share:.2f} | {r.error} |"
        )

    if args.columns:
        rows = column_report(args.corpus)
        fired = [row for row in rows if row[2]]
        total = sum(row[2] for row in rows)
        print(f"\n## pages read as columns: {total} pages in {len(fired)} of {len(rows)} PDFs\n")
        print("| file | pages | column pages | page numbers |")
        print("|---|---:|---:|---|")
        for name, pages, count, numbers in fired:
            shown = ", ".join(map(str, numbers[:40])) + (" ..." if len(numbers) > 40 else "")
            print(f"| {name} | {pages} | {count} | {shown} |")
    print(f"\n(elapsed {time.time() - started:.0f}s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
