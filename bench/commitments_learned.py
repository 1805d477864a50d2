"""Could a learned sentence classifier find the register items the rules miss? Leave-one-gold-set-out.

    .venv/bin/python bench/commitments_learned.py --corpus ../shared/corpus --corpus /tmp/unseen/corpus ... \
        --sets "" _b _c _d _e _f _g _h _i _j _k _l _m _n _o _p _q

Every sentence of every file a gold set is exhaustive for (the units and sentences `ingest.commitments` reads)
is labelled by the gold: an item (the sentence holds >= 50% of a gold item's tokens, the bench's match), part of
one (overlapping text only: left out of training), or none. A logistic regression over the sentence's MiniLM
vector (and, with --lexical, TF-IDF word 1-2 grams) plus the paper's kind, whether it is a table row and
whether the rules already found it, is trained on every set but one and scores the one left out. Reported per
threshold: the gold items the rules miss that the sentences it adds would find, and the sentences it adds that
are no gold item. This is a measurement, not part of the register: nothing here is used by `ingest/`.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from clerk.settings import Settings, resolve_embedding_model  # noqa: E402
from ingest.commitments import _sentences, _units, find_commitments  # noqa: E402
from ingest.extract import extract  # noqa: E402
from ingest.paper import chunk_paper  # noqa: E402
from vectorstore.embeddings import load_embeddings  # noqa: E402

_spec = importlib.util.spec_from_file_location("commitments_bench", ROOT / "bench" / "commitments.py")
bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench)

ITEM = ("decision", "action", "commitment")


def sentence_table(sets: list[str], roots: list[Path]) -> tuple[list[dict], list[dict]]:
    """(sentences with their label, gold items with whether the rules find them)."""
    sentences, golds = [], []
    for s in sets:
        name = f"commitments_gold{s}"
        gold = [json.loads(line) for line in (ROOT / "bench" / "heldout" / f"{name}.jsonl").open() if line.strip()]
        covered = bench.PAGES_COVERED.get(name, {})
        for file in sorted({g["file"] for g in gold}):
            path = next(root / file for root in roots if (root / file).exists())
            paper = chunk_paper(path)
            found = find_commitments(paper, extract(path).text)
            items = [g for g in gold if g["file"] == file]
            page = {c.chunk_id: (c.pages or [0])[0] for c in paper.chunks}
            for unit in _units(paper.chunks):
                if file in covered and page.get(unit.chunk.chunk_id, 0) not in covered[file]:
                    continue
                for text in _sentences(unit.text):
                    if len(text.split()) < 3:
                        continue
                    best = max(items, key=lambda g: bench.share(g["text"], text))
                    label = ("item" if bench.share(best["text"], text) >= bench.MATCH
                             else "part" if bench.overlaps(best["text"], text) else "none")
                    sentences.append({
                        "set": s, "text": text, "label": label, "gold": best["id"] if label == "item" else "",
                        "rule": any(bench.overlaps(text, c.text) for c in found),
                        "report": unit.chunk.doc_type == "report", "minutes": unit.chunk.doc_type == "minutes",
                        "table": "\t" in unit.text,
                    })
            for g in items:
                golds.append({"set": s, "id": g["id"],
                              "hit": any(bench.share(g["text"], c.text) >= bench.MATCH for c in found)})
    return sentences, golds


def cross_validated_scores(sentences: list[dict], vectors: np.ndarray, lexical: bool) -> np.ndarray:
    scores = np.zeros(len(sentences))
    meta = csr_matrix(np.array([[r["report"], r["minutes"], r["table"], r["rule"]] for r in sentences], dtype=float))
    for held in sorted({r["set"] for r in sentences}):
        train = [i for i, r in enumerate(sentences) if r["set"] != held and r["label"] != "part"]
        test = [i for i, r in enumerate(sentences) if r["set"] == held]
        parts = [csr_matrix(vectors), meta]
        if lexical:
            tfidf = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
            tfidf.fit([sentences[i]["text"] for i in train])
            parts.append(tfidf.transform([r["text"] for r in sentences]))
        x = hstack(parts).tocsr()
        model = LogisticRegression(max_iter=3000, class_weight="balanced")
        model.fit(x[train], [sentences[i]["label"] == "item" for i in train])
        scores[test] = model.predict_proba(x[test])[:, 1]
    return scores


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, action="append", required=True)
    ap.add_argument("--sets", nargs="+", required=True, help='gold set suffixes: "" for the first set, _b, ...')
    ap.add_argument("--lexical", action="store_true", help="add TF-IDF word 1-2 grams to the sentence vectors")
    args = ap.parse_args()
    sentences, golds = sentence_table(args.sets, args.corpus)

    settings = Settings()
    embeddings = load_embeddings(resolve_embedding_model(settings.embedding_model))
    vectors = np.array(embeddings.embed_documents([r["text"] for r in sentences]))
    scores = cross_validated_scores(sentences, vectors, args.lexical)

    hit = {(g["set"], g["id"]) for g in golds if g["hit"]}
    print(f"{len(sentences)} sentences, {len(golds)} gold items, {len(hit)} found by the rules "
          f"(recall {len(hit) / len(golds):.3f})")
    print("| threshold | sentences added | gold items newly found | recall | added, no gold item "
          "| added, part of one |")
    print("|---|---|---|---|---|---|")
    for t in (0.5, 0.6, 0.7, 0.8, 0.85, 0.9):
        added = [r for r, p in zip(sentences, scores, strict=True) if not r["rule"] and p >= t]
        new = {(r["set"], r["gold"]) for r in added if r["label"] == "item"} - hit
        none = sum(r["label"] == "none" for r in added)
        part = sum(r["label"] == "part" for r in added)
        print(f"| {t} | {len(added)} | {len(new)} | {(len(hit) + len(new)) / len(golds):.3f} | {none} | {part} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
