"""`clerk eval-ingest`: how right ingest's metadata is, field by field, against a gold manifest.

The manifest is a TSV with a `path` column (relative to the manifest's folder) and gold `council`,
`committee`, `meeting_date`, `doc_type` and `title` (the title as printed), as
`../shared/corpus/pool/MANIFEST.tsv`. Each listed file found under PATH... is parsed with
`ingest.paper.chunk_paper` (no store, no model) and its paper-level metadata (the first report's, as
`clerk documents` shows it) is scored:

- correct / wrong / unknown per field. A gold `n/a...` or `unknown` means the right answer is empty: an
  empty value is correct there and any value is wrong. Otherwise an empty value is unknown (not wrong).
- council: both sides resolved through the gazetteer (official name or known alias), else compared
  loosely (case, "&" / "and", punctuation, a leading "the").
- committee: compared loosely, a parenthesis in the gold value dropped ("Cabinet (and Council, 29 January
  2026)" -> "Cabinet"), "Full Council" = "Council"; also correct when one name's words are all in the
  other's and both end in the same body word ("Transport and Connectivity Committee", as a report's cover
  prints it, for "Transport and Connectivity Policy Committee").
- meeting_date: ISO dates equal.
- doc_type: equal; or, when the manifest's vocabulary (the doc types its rows use) lacks one of ingest's
  finer types, that type counts as the coarser one it refines: "inspection" as "report" (an Ofsted
  inspection report), "questions" as "other" (public questions, statements and petitions put to a meeting:
  neither a report, an agenda, minutes nor a decision).
- title: "printed" when the content words (lower case, stop words dropped) of ours and the printed title
  have a Dice coefficient >= 0.6, or ours is at least half of the printed title's words, all of them in
  it; "readable" when printed, or when `ingest.titles.readable_title` accepts it (not a contents list, a
  table row, tick boxes, mostly numbers). Title correct/wrong/unknown = printed / other / empty.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ingest.gazetteer import gazetteer, normalise
from ingest.titles import readable_title

FIELDS = ("council", "committee", "meeting_date", "doc_type", "title")
_STOP = {"the", "of", "and", "for", "a", "an", "to", "in", "on", "at", "&", "-"}
_BODY_END = re.compile(r"(committee|cabinet|board|panel|council|group|forum|commission|executive|assembly|ppb)$")
_SKIP_SUFFIXES = (".md", ".tsv", ".json", ".csv")
COARSER_TYPE = {"inspection": "report", "questions": "other"}  # ingest's finer doc types -> the type each refines


@dataclass
class FileResult:
    path: str
    gold: dict[str, str]
    got: dict[str, str]
    sources: dict[str, str]
    verdicts: dict[str, str]  # field -> correct | wrong | unknown
    title_printed: bool = False
    title_readable: bool = False
    error: str = ""


@dataclass
class IngestEval:
    files: list[FileResult] = field(default_factory=list)
    not_in_manifest: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # manifest rows whose file was not among PATH...

    def counts(self, name: str) -> Counter[str]:
        return Counter(f.verdicts.get(name, "unknown") for f in self.files)

    def summary(self) -> dict[str, dict[str, float]]:
        n = len(self.files) or 1
        out: dict[str, dict[str, float]] = {}
        for name in FIELDS:
            c = self.counts(name)
            out[name] = {"correct": c["correct"], "wrong": c["wrong"], "unknown": c["unknown"],
                         "correct_share": round(c["correct"] / n, 3), "wrong_share": round(c["wrong"] / n, 3)}
        out["title"]["printed_share"] = round(sum(f.title_printed for f in self.files) / n, 3)
        out["title"]["readable_share"] = round(sum(f.title_readable for f in self.files) / n, 3)
        return out


def read_manifest(manifest: Path) -> dict[Path, dict[str, str]]:
    with manifest.open(newline="", encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return {(manifest.parent / row["path"]).resolve(): row for row in rows if row.get("path")}


def evaluate(manifest: Path, paths: list[Path], *, council: str = "", file_dates: bool = True) -> IngestEval:
    from ingest.paper import chunk_paper

    gold_rows = read_manifest(manifest)
    vocabulary = frozenset((row.get("doc_type") or "").strip() for row in gold_rows.values())
    result = IngestEval()
    seen: set[Path] = set()
    for path in _files(paths):
        key = path.resolve()
        row = gold_rows.get(key)
        if row is None:
            result.not_in_manifest.append(str(path))
            continue
        seen.add(key)
        gold = {k: (row.get(k) or "").strip() for k in FIELDS}
        try:
            paper = chunk_paper(path, council=council, file_dates=file_dates)
        except Exception as exc:  # noqa: BLE001 - an unreadable file scores as unknown on every field
            result.files.append(FileResult(str(path), gold, {}, {}, {k: _verdict(gold[k], "", k) for k in FIELDS},
                                           error=f"{type(exc).__name__}: {exc}"))
            continue
        meta = paper.reports[0].meta if paper.reports else None
        got = {k: (getattr(meta, k) if meta else "") or "" for k in FIELDS}
        verdicts = {k: _verdict(gold[k], got[k], k, vocabulary=vocabulary) for k in FIELDS}
        printed = bool(got["title"]) and title_matches(got["title"], gold["title"])
        result.files.append(FileResult(
            str(path), gold, got, dict(meta.sources) if meta else {}, verdicts, title_printed=printed,
            title_readable=printed or (bool(got["title"]) and readable_title(got["title"]))))
    _fill_from_meetings(result.files, vocabulary)
    result.missing = sorted(str(p) for p in gold_rows if p not in seen and any(_under(p, q) for q in paths))
    return result


@dataclass
class _Paper:
    """A parsed file's facts in the shape `ingest.meetings` reads (the store's records have it too)."""

    document_id: str
    source: str
    council: str
    committee: str
    meeting_date: str
    doc_type: str


def _fill_from_meetings(files: list[FileResult], vocabulary: frozenset[str]) -> None:
    """The store's pass after ingest (vectorstore.loader.fill_from_meetings), on the files evaluated."""
    from ingest.meetings import FILLS

    for name, infer, source in FILLS:
        papers = [_Paper(f.path, f.path, *(f.got.get(k, "") for k in ("council", "committee", "meeting_date",
                                                                        "doc_type")))
                  for f in files if not f.error]
        found = infer(papers)
        for f in files:
            value = found.get(f.path)
            if value:
                f.got[name], f.sources[name] = value, source
                f.verdicts[name] = _verdict(f.gold[name], value, name, vocabulary=vocabulary)


def _files(paths: list[Path]) -> list[Path]:
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(p for p in sorted(path.rglob("*")) if p.is_file() and not p.name.endswith(_SKIP_SUFFIXES))
        elif path.is_file():
            found.append(path)
    return found


def _under(path: Path, root: Path) -> bool:
    root = root.resolve()
    return path == root or root in path.parents


def _empty_gold(value: str) -> bool:
    v = value.strip().lower()
    return not v or v == "unknown" or v.startswith("n/a")


def _verdict(gold: str, got: str, name: str, *, vocabulary: frozenset[str] = frozenset()) -> str:
    if _empty_gold(gold):
        return "correct" if not got else "wrong"
    if not got:
        return "unknown"
    return "correct" if matches(name, gold, got, vocabulary=vocabulary) else "wrong"


def matches(name: str, gold: str, got: str, *, vocabulary: frozenset[str] = frozenset()) -> bool:
    """Whether `got` is right for gold `gold` on field `name` (see the module docstring)."""
    if name == "council":
        g = gazetteer()
        a, b = g.canonical(gold), g.canonical(got)
        return (a is not None and a == b) or normalise(gold) == normalise(got)
    if name == "committee":
        return committee_matches(gold, got)
    if name == "doc_type":
        return gold == got or (bool(vocabulary) and got not in vocabulary and COARSER_TYPE.get(got) == gold)
    if name == "title":
        return title_matches(got, gold)
    return gold == got


def committee_matches(gold: str, got: str) -> bool:
    def tokens(s: str) -> list[str]:
        s = re.sub(r"\([^)]*\)", " ", s)
        s = re.sub(r"^\s*full\s+", "", normalise(s))
        return [w for w in s.split() if w not in _STOP]

    a, b = tokens(gold), tokens(got)
    if not a or not b:
        return False
    if a == b:
        return True
    small, big = (a, b) if len(a) <= len(b) else (b, a)
    return (set(small) <= set(big) and len(small) >= 2 and small[-1] == big[-1]
            and bool(_BODY_END.search(small[-1])))


def _content(s: str) -> list[str]:
    return [w for w in re.findall(r"[a-z0-9]+", s.lower().replace("&", " and ")) if w not in _STOP]


def title_matches(got: str, printed: str) -> bool:
    a, b = _content(got), _content(printed)
    if not a or not b:
        return False
    common = sum((Counter(a) & Counter(b)).values())
    if 2 * common / (len(a) + len(b)) >= 0.6:
        return True
    return set(a) <= set(b) and len(set(a)) >= 0.5 * len(set(b))


def format_table(result: IngestEval) -> str:
    """A Markdown table of the summary (what bench/RESULTS.md records)."""
    summary = result.summary()
    n = len(result.files)
    lines = [f"files scored: {n}", "", "| field | correct | wrong | unknown | correct share | wrong share |",
             "|---|---|---|---|---|---|"]
    for name in FIELDS:
        s = summary[name]
        lines.append(f"| {name} | {s['correct']} | {s['wrong']} | {s['unknown']} | {s['correct_share']:.2f} | "
                     f"{s['wrong_share']:.2f} |")
    t = summary["title"]
    lines += ["", f"titles that are the printed title: {t['printed_share']:.2f}; readable: {t['readable_share']:.2f}"]
    return "\n".join(lines)


def format_details(result: IngestEval) -> str:
    out = []
    for f in result.files:
        out.append(f"## {Path(f.path).name}" + (f"  [error: {f.error}]" if f.error else ""))
        for name in FIELDS:
            mark = {"correct": "ok", "wrong": "WRONG", "unknown": "unknown"}[f.verdicts[name]]
            out.append(f"  {name:12} {mark:8} got={f.got.get(name, '')!r} ({f.sources.get(name, '-')}) "
                       f"gold={f.gold[name]!r}")
    return "\n".join(out)
