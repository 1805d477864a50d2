#!/usr/bin/env python3
"""Standalone checker for the frozen held-out sets in this folder.

For every quote in questions_pool.jsonl, questions_corpus.jsonl and
briefing_topics.jsonl, and for every "text" in commitments_gold.jsonl, check
that it is a substring of the extracted text of the cited file after
whitespace normalisation (all runs of whitespace -> one space).  For PDFs it
also checks that the match starts on the cited page (1-based PDF page index)
or, for quotes that run over a page break, on the page before.
It also checks that every must_include string occurs in the answer's quotes
(or, failing that, anywhere in the cited file).

No project imports.  Needs pypdf (pip install pypdf) or the pdftotext binary.

Usage: python3 check_quotes.py [--corpus /work/shared/corpus] [-v]
Exit code 0 when everything passes.
"""
import argparse
import html
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
WS = re.compile(r"\s+")


def norm(s):
    return WS.sub(" ", s.replace("\u00a0", " ")).strip()


_cache = {}


def pdf_pages(path):
    try:
        import pypdf  # noqa

        r = pypdf.PdfReader(path)
        return [(p.extract_text() or "") for p in r.pages]
    except ImportError:
        pass
    if not shutil.which("pdftotext"):
        raise RuntimeError("need pypdf or pdftotext to read " + path)
    out = subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True, text=True).stdout
    return out.split("\f")


def html_text(path):
    t = open(path, encoding="utf-8", errors="replace").read()
    t = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", t)
    t = re.sub(r"(?s)<[^>]+>", " ", t)
    return html.unescape(t)


def docx_text(path):
    x = zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")
    paras = re.findall(r"<w:p[ >].*?</w:p>", x, flags=re.S)
    out = []
    for p in paras:
        t = "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", p))
        if t.strip():
            out.append(html.unescape(t))
    return "\n".join(out)


def load(corpus, rel):
    """Return (full normalised text, list of (page_no, start_offset))."""
    if rel in _cache:
        return _cache[rel]
    path = os.path.join(corpus, rel)
    low = rel.lower()
    offsets = []
    if low.endswith(".pdf"):
        parts = []
        pos = 0
        for i, pg in enumerate(pdf_pages(path)):
            t = norm(pg)
            offsets.append((i + 1, pos))
            parts.append(t)
            pos += len(t) + 1
        full = " ".join(parts)
    elif low.endswith(".html") or low.endswith(".htm"):
        full = norm(html_text(path))
    elif low.endswith(".docx"):
        full = norm(docx_text(path))
    else:
        full = norm(open(path, encoding="utf-8", errors="replace").read())
    _cache[rel] = (full, offsets)
    return _cache[rel]


def page_of(offsets, idx):
    pg = None
    for p, start in offsets:
        if start <= idx:
            pg = p
        else:
            break
    return pg


def check_quote(corpus, src, errors, where, verbose):
    rel = src.get("file")
    q = norm(src.get("quote") or src.get("text") or "")
    if not rel or not os.path.exists(os.path.join(corpus, rel)):
        errors.append(f"{where}: file not found: {rel}")
        return False
    full, offsets = load(corpus, rel)
    idx = full.find(q)
    if idx < 0:
        errors.append(f"{where}: quote not found in {rel}: {q[:90]!r}")
        return False
    if offsets and src.get("page") is not None:
        hits = []
        start = 0
        while True:
            i = full.find(q, start)
            if i < 0:
                break
            hits.append(page_of(offsets, i))
            start = i + 1
        pg = int(src["page"])
        if pg not in hits:
            errors.append(f"{where}: quote found on page(s) {hits}, cited page {pg} ({rel})")
            return False
    if verbose:
        print(f"ok  {where}")
    return True


def read_jsonl(name):
    p = os.path.join(HERE, name)
    if not os.path.exists(p):
        return []
    rows = []
    for n, line in enumerate(open(p, encoding="utf-8"), 1):
        if line.strip():
            rows.append((n, json.loads(line)))
    return rows


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default="/work/shared/corpus")
    ap.add_argument("-v", "--verbose", action="store_true")
    a = ap.parse_args()
    errors = []
    nq = 0
    for name in ("questions_pool.jsonl", "questions_corpus.jsonl"):
        ids = set()
        for n, row in read_jsonl(name):
            rid = row.get("id")
            if rid in ids:
                errors.append(f"{name}:{n} duplicate id {rid}")
            ids.add(rid)
            for k in ("id", "question", "type", "answer", "must_include", "sources"):
                if k not in row:
                    errors.append(f"{name}:{n} missing key {k}")
            if row.get("type") == "unanswerable":
                if row.get("sources") or row.get("must_include"):
                    errors.append(f"{name}:{n} unanswerable must have empty sources/must_include")
                continue
            if not row.get("sources"):
                errors.append(f"{name}:{n} answerable without sources")
            quotes = []
            for j, s in enumerate(row.get("sources", [])):
                nq += 1
                ql = len(norm(s.get("quote", "")))
                if not (60 <= ql <= 250):
                    errors.append(f"{name}:{n} ({rid}) source {j} quote length {ql} outside 60-250")
                check_quote(a.corpus, s, errors, f"{name}:{n} ({rid}) src{j}", a.verbose)
                quotes.append(norm(s.get("quote", "")))
            for m in row.get("must_include", []):
                mm = norm(m)
                if not any(mm in q for q in quotes):
                    found = False
                    for s in row.get("sources", []):
                        if os.path.exists(os.path.join(a.corpus, s.get("file", ""))):
                            if mm in load(a.corpus, s["file"])[0]:
                                found = True
                    msg = "not in quotes" + ("" if found else " and not in cited files")
                    errors.append(f"{name}:{n} ({rid}) must_include {m!r} {msg}")
    for n, row in read_jsonl("commitments_gold.jsonl"):
        nq += 1
        if row.get("kind") not in ("decision", "action", "commitment"):
            errors.append(f"commitments_gold.jsonl:{n} bad kind {row.get('kind')}")
        dd = row.get("due_date", "")
        if dd and not re.fullmatch(r"\d{4}-\d{2}(-\d{2})?(/\d{4}-\d{2}(-\d{2})?)?", dd):
            errors.append(f"commitments_gold.jsonl:{n} bad due_date {dd}")
        check_quote(a.corpus, row, errors, f"commitments_gold.jsonl:{n} ({row.get('id')})", a.verbose)
    for n, row in read_jsonl("briefing_topics.jsonl"):
        texts = []
        for j, s in enumerate(row.get("sources", [])):
            nq += 1
            check_quote(a.corpus, s, errors, f"briefing_topics.jsonl:{n} ({row.get('id')}) src{j}", a.verbose)
            texts.append(norm(s.get("quote", "")))
        for kf in row.get("key_facts", []):
            if not any(norm(kf) in t for t in texts):
                errors.append(f"briefing_topics.jsonl:{n} key_fact {kf!r} not in any quote")
        for c in row.get("conflicts", []):
            for v in c.get("values", []):
                full = load(a.corpus, v["file"])[0]
                if norm(v["value"]) not in full:
                    errors.append(f"briefing_topics.jsonl:{n} conflict value {v['value']!r} not in {v['file']}")
    print(f"checked {nq} quotes/texts; {len(errors)} problem(s)")
    for e in errors:
        print("  " + e)
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
