"""Integration: on the shared corpus, the chunk holding each gold quote carries the gold paragraph id.

For every gold source in ../shared/eval/dev.jsonl (text papers) and dev_pdf.jsonl (PDF papers) that names
a paragraph, find the chunks containing the quote (at least half of the quote's word 5-grams, after
lower-casing and dropping punctuation; all words for quotes under five words). One of them must carry the
paragraph id (and the report title, where the gold names one). At least 95% must hold.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import pytest

from ingest.models import Chunk
from ingest.paper import chunk_paper
from tests.conftest import SHARED  # noqa: E402

REQUIRED = 0.95

pytestmark = [
    pytest.mark.shared,
    pytest.mark.skipif(not SHARED.is_dir(), reason=f"shared corpus not found at {SHARED}"),
]


def _words(text: str) -> list[str]:
    text = re.sub(r"</?p>|<br\s*/?>|[*_]", " ", text.lower())
    return re.findall(r"[a-z0-9£%]+(?:[.,][0-9]+)*", text)


def _grams(words: list[str], n: int = 5) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def quote_in(chunk_text: str, quote: str) -> bool:
    """At least half of the quote's 5-grams occur in the chunk (all words for very short quotes)."""
    q, c = _words(quote), _words(chunk_text)
    if len(q) < 5:
        return set(q) <= set(c)
    wanted = _grams(q)
    return len(wanted & _grams(c)) >= len(wanted) / 2


@cache
def _chunks(path: Path) -> tuple[Chunk, ...]:
    return tuple(chunk_paper(path).chunks)


def _locate(file_name: str, folder: str | None) -> Path | None:
    corpus = SHARED / "corpus"
    if folder:
        return corpus / folder / file_name
    return next(corpus.rglob(file_name), None)


def _gold_sources(questions: str) -> list[tuple[str, dict]]:
    sources = []
    for line in (SHARED / "eval" / questions).read_text(encoding="utf-8").splitlines():
        if line.strip():
            item = json.loads(line)
            sources += [(item["id"], s) for s in item["sources"] if s.get("paragraph")]
    return sources


def _check(questions: str, folder: str | None) -> tuple[int, int, list[str]]:
    hits, misses = 0, []
    sources = _gold_sources(questions)
    for qid, source in sources:
        path = _locate(source["file"], folder)
        if path is None or not path.exists():
            misses.append(f"{qid}: file not found {source['file']}")
            continue
        found = [c for c in _chunks(path) if quote_in(c.text, source["quote"])]
        title = source.get("report_title") or source.get("report") or source.get("title")
        good = [c for c in found if source["paragraph"] in c.paragraph_ids and (not title or c.report_title == title)]
        if good:
            hits += 1
        else:
            got = [(c.paragraph_ids, c.report_title[:40]) for c in found] or "quote not found"
            misses.append(f"{qid}: {source['file'][:50]} wants para {source['paragraph']}, got {got}")
    return hits, len(sources), misses


@pytest.mark.parametrize(
    ("questions", "folder"),
    [("dev.jsonl", "seed"), ("dev_pdf.jsonl", None)],
    ids=["txt", "pdf"],
)
def test_gold_quotes_carry_their_paragraph_ids(questions: str, folder: str | None) -> None:
    if folder is None:
        pytest.importorskip("ingest.extract.pdf", reason="PDF extraction not available yet")
    hits, total, misses = _check(questions, folder)
    print(f"\n{questions}: {hits}/{total} gold paragraphs found on the chunk holding the quote")
    for miss in misses:
        print("  MISS", miss)
    assert total > 0
    assert hits / total >= REQUIRED, "\n".join(misses)


def test_quote_matching_rule() -> None:
    chunk = "3.1.3 From December 2023 to January 2024 there was an increase in the number of employees by 7.5%."
    assert quote_in(chunk, "From December 2023 to January 2024 there was an increase in the number")
    assert quote_in(chunk, "**7.5%**")
    assert not quote_in(chunk, "The regional pay cap will be implemented by the summer of 2024.")
