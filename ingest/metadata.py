"""What a report is and where it was considered: council, committee, meeting date, type, author.

`infer_meta` reads the report's own header fields first ("REPORT TO:", "DATE:", "To: Cabinet - 30
January 2025", "Report of the Director of ...", "From:", Ofsted's "Inspection dates:"), then the
paper's opening (an agenda frontsheet names the committee and date for every report in the pack), then
the file name ("2025-01-30 ..."). `load_sidecar` reads operator-supplied metadata, which wins.
"""

from __future__ import annotations

import csv
import json
import logging
import re
from collections import Counter
from pathlib import Path

from ingest.cleaning import clean_inline
from ingest.dates import DATE, file_name_date, first_date, range_end, to_iso
from ingest.models import PaperMeta
from ingest.titles import find_title

log = logging.getLogger(__name__)

_TYPES = r"(?:County Borough|Metropolitan Borough|Metropolitan District|County|Borough|City|District|Town)"
_PLACE = r"(?:[A-Z][a-z]+(?:[- ](?:on|upon|under|in|le|by|the|and|of)[- ])?(?:-[A-Z][a-z]+)? ?){1,3}?"
_COUNCIL = re.compile(rf"\b(?P<place>{_PLACE}) ?(?P<type>{_TYPES} )?Council\b")
_NOT_PLACES = {"the", "full", "whole", "every", "local", "care", "leavers", "people", "parish", "district",
               "county", "city", "borough", "town", "southwest", "commissioning", "each", "this", "our", "youth",
               "school", "schools", "national", "children", "kent youth", "research", "county borough"}
_COUNTIES = {"Cambridgeshire", "Derbyshire", "Devon", "East Sussex", "Essex", "Gloucestershire", "Hampshire",
             "Hertfordshire", "Kent", "Lancashire", "Leicestershire", "Lincolnshire", "Norfolk", "Nottinghamshire",
             "Oxfordshire", "Staffordshire", "Suffolk", "Surrey", "Warwickshire", "West Sussex", "Worcestershire"}
_LA = re.compile(r"(?:Inspection of|visit to|inspection of)\s+(?P<la>[A-Z][\w’'\- ]{2,60}?)\s+(?:local authority\s+)?"
                 r"children[’']s\s+services", re.IGNORECASE)
_BODY = r"(?:[A-Z][\w’',&\-]*[ \t]+){0,7}?(?:Committee|Cabinet|Board|PPB|Panel|Council|Group|Forum)"
_COMMITTEE_FIELDS = [
    re.compile(r"^\s*REPORT TO:\s*(?P<v>.+)$", re.MULTILINE),
    re.compile(r"^[ \t]*To:?[ \t]+(?P<v>[^\n]+?)\s*[-–,]\s*\d{1,2}\s+\w+\s+\d{4}", re.MULTILINE),
    re.compile(rf"^\s*Report to (?:the )?(?P<v>{_BODY})\s*:", re.MULTILINE | re.IGNORECASE),
    re.compile(rf"MINUTES of (?:a|the) meeting of (?:the )?(?P<v>{_BODY})", re.IGNORECASE),
    re.compile(rf"^\s*(?P<v>{_BODY})\s*[-–,]?\s*{DATE.pattern}", re.MULTILINE | re.IGNORECASE),
    re.compile(rf"meeting of the (?P<v>{_BODY}) is to be held"),
    re.compile(rf"^\s*Chair(?:man)?,\s*(?P<v>{_BODY})\s*$", re.MULTILINE),
]
_AUTHOR_FIELDS = [
    re.compile(r"^\s*REPORTING OFFICER:\s*(?P<v>.+)$", re.MULTILINE),
    re.compile(r"^\W*Report (?:of|by) (?:the )?(?P<v>[^\n]{5,160}?)(?:,? attached)?\W*$", re.MULTILINE),
    re.compile(r"^\s*From:\s*(?P<v>.+?)(?=^\s*To:)", re.MULTILINE | re.DOTALL),
    re.compile(r"^\s*By\t(?P<v>[^\n]+(?:\n[^\n\t:]{3,80}){0,2})\n\s*To\b", re.MULTILINE),
    re.compile(r"^\s*Report Author:\s*(?P<v>.+(?:\n\s*Job Title:.+)?)", re.MULTILINE),
    re.compile(r"(?:Lead|Reporting) inspector:?\s*(?P<v>[^\n\t]+)", re.IGNORECASE),
    re.compile(r"^\s*Yours (?:sincerely|faithfully)\s*\n+\s*(?P<v>[^\n]{3,60}\n[^\n]{3,80})", re.MULTILINE),
]
_INSPECTION = re.compile(r"Inspection dates?:|\bInspection of\b.{0,80}children|Ofsted|His Majesty[’']s Inspector"
                         r"|Her Majesty[’']s Inspector", re.IGNORECASE)
_NATIONAL = {"ofsted", "education", "dfe", "cqc", "hmicfrs", "justice", "homeoffice", "dhsc", "communities",
             "digital", "cabinetoffice", "ons", "mhclg", "nhs", "parliament"}
SIDECAR_SUFFIX = ".meta.json"
MANIFEST = "papers.csv"


def infer_meta(report_text: str, file_name: str, paper_head: str) -> PaperMeta:
    """Metadata read from one report's text, the opening of its paper, and the file name."""
    head = report_text[:6000]
    title = find_title(report_text, 0, len(report_text))
    doc_type = infer_doc_type(report_text, title, file_name)
    return PaperMeta(
        council=infer_council(report_text, paper_head, title, file_name),
        committee="" if doc_type == "inspection" else infer_committee(head, paper_head, report_text, file_name),
        meeting_date=infer_date(head, paper_head, file_name, doc_type),
        doc_type=doc_type,
        author="" if doc_type == "agenda" else infer_author(report_text),
        title=title,
    )


def infer_doc_type(text: str, title: str, file_name: str) -> str:
    """agenda | minutes | decision | inspection | letter | plan | report."""
    head, top = text[:6000], text[:1500]
    if re.search(r"MINUTES of (?:a|the) meeting of\b", top, re.IGNORECASE) or title.lower().startswith("minutes"):
        return "minutes"
    if re.search(r"^\s*(?:AGENDA|A G E N D A)\s*$", top, re.MULTILINE) and re.search(
            r"\(Pages?\s|^\s*\d{1,2}\.?\s+(?:Apologies|Minutes|Declarations)", head, re.MULTILINE | re.IGNORECASE):
        return "agenda"
    if re.search(r"RECORD OF DECISION|^\s*DECISION TAKEN BY", top, re.MULTILINE):
        return "decision"
    if re.search(r"Inspection dates?:|^\s*(?:Re-?inspection|Inspection) of\b", top, re.MULTILINE | re.IGNORECASE):
        return "inspection"
    if re.search(r"^\s*Dear\s+\S", top, re.MULTILINE) and re.search(r"Yours (?:sincerely|faithfully)", text):
        return "letter"
    officer_report = re.search(r"^\s*(?:From:|REPORT TO:|Report (?:of|to|by)\b|Recommendation)", top,
                               re.MULTILINE | re.IGNORECASE)
    if re.search(r"\bPlan\b", title) and not officer_report:
        return "plan"
    return "report"


def infer_council(text: str, paper_head: str, title: str, file_name: str) -> str:
    """The council the report belongs to (for an inspection, the inspected local authority)."""
    inspected = _LA.search(title) or _LA.search(text[:400])
    named = _council_mentions(title.title() + "\n" + text[:3000] + "\n" + paper_head[:4000], text)
    if inspected:
        place = " ".join(inspected.group("la").split())
        if "council" in place.lower():
            return place
        for name in named:
            if name.lower().startswith(place.lower()):
                return name
        return _with_type(place, text)
    domain = _domain_place(paper_head + "\n" + text)
    if domain:
        return next((n for n in named if n.lower().startswith(domain.lower() + " ")), _with_type(domain, text))
    if named:
        return named[0]
    place = _frequent_place(text)
    return _with_type(place, text) if place else ""


def _council_mentions(head: str, text: str) -> list[str]:
    """"X County Council"-style names, most frequent first (the opening counts thrice), leaving out
    generic phrases."""
    counts: Counter[str] = Counter()
    for m in [*_COUNCIL.finditer(head), *_COUNCIL.finditer(head), *_COUNCIL.finditer(text)]:
        place = " ".join(m.group("place").split())
        if place.lower() in _NOT_PLACES or place.split()[0].lower() in {"the", "a", "our", "this", "each"}:
            continue
        kind = (m.group("type") or "").strip()
        counts[f"{place} {kind} Council".replace("  ", " ")] += 2 if kind else 1
    return [name for name, _ in counts.most_common()]


def _domain_place(text: str) -> str:
    """The place in the council's e-mail domain ("@devon.gov.uk"), ignoring national bodies."""
    found = Counter(d for d in re.findall(r"@([a-z\-]+) ?\.gov\.uk", text.lower()) if d not in _NATIONAL)
    top = found.most_common(1)
    return top[0][0].replace("-", " ").title() if top else ""


def _frequent_place(text: str) -> str:
    found = Counter(re.findall(r"\b(?:in|across|of) ([A-Z][a-z]{3,})\b(?!\s+(?:Council|Committee))", text))
    found.update(re.findall(r"\b([A-Z][a-z]{3,})[’']s\b", text))
    for word, n in found.most_common(3):
        if n >= 3 and word not in {"Children", "Care", "Cabinet", "Council", "Members", "March", "April", "June"}:
            return word
    return ""


def _with_type(place: str, text: str) -> str:
    if place in _COUNTIES or re.search(r"\bthe County\b", text):
        return f"{place} County Council"
    if re.search(r"\bthe Borough\b|\bBoroughwide\b", text):
        return f"{place} Borough Council"
    if re.search(r"\bthe City\b", text):
        return f"{place} City Council"
    return f"{place} Council"


def infer_committee(head: str, paper_head: str, text: str = "", file_name: str = "") -> str:
    """The committee (or Cabinet) the report went to."""
    for source in (head, paper_head):
        for pattern in _COMMITTEE_FIELDS:
            m = pattern.search(source)
            if m:
                value = _tidy_body(m.group("v"))
                if value and not re.fullmatch(r"(?:The |County |Full )?Council", value):
                    return value
    named = re.search(r"\b(Cabinet|(?:[A-Z][\w&']*[ _-]){1,5}(?:Committee|Board|PPB|Panel))\b", file_name)
    if named:
        return named.group(1).replace("_", " ")
    return _frequent_body((text or head) + "\n" + paper_head)


def _frequent_body(text: str) -> str:
    """The committee named most often ("Children's Scrutiny Committee"), if named at least twice."""
    found = Counter(" ".join(m.split()) for m in re.findall(
        r"\b((?:[A-Z][\w’',&\-]*\s+){1,6}(?:Committee|Board|PPB|Panel))\b", text))
    for name, n in found.most_common():
        first = name.split()[0]
        if n >= 2 and first not in {"The", "This", "A", "Members", "Cabinet"}:
            return name
    return ""


def _tidy_body(value: str) -> str:
    value = re.sub(r"^To:?\s+", "", clean_inline(value)).strip(" :-–,")
    value = DATE.split(value)[0].strip(" :-–,") if DATE.search(value) else value
    if value.isupper():
        value = " ".join(w.capitalize() if w not in {"AND", "OF", "THE", "FOR"} else w.lower()
                         for w in value.split())
        value = re.sub(r"[’']S\b", "'s", value)
    return value


def infer_date(head: str, paper_head: str, file_name: str, doc_type: str) -> str:
    """The meeting date (for an inspection the last inspection day; for a letter its date), ISO."""
    if doc_type == "inspection":
        m = re.search(r"Inspection dates?:?(?P<v>.{0,120})", head, re.IGNORECASE | re.DOTALL)
        if m and range_end(m.group("v")):
            return range_end(m.group("v"))
    fields = [
        r"^[ \t]*To:?[ \t]+[^\n]+?[-–,]\s*(?P<v>\d{1,2}\s+\w+\s+\d{4})",
        r"^\s*(?-i:DATE|Date of [Mm]eeting|Meeting [Dd]ate):\s*(?P<v>[^\n]+)",
        r"MINUTES of (?:a|the) meeting of\b.{0,300}?\bon\s+"
        r"(?P<v>(?:\w+day,?\s+)?\d{1,2}(?:st|nd|rd|th)?\s+\w+,?\s+\d{4})",
        rf"^\s*{_BODY}\s*[-–,]?\s*(?P<v>{DATE.pattern})",
        rf"^\s*Report of [^\n]*?\b(?P<v>{DATE.pattern})",
    ]
    for source in (head, paper_head):
        for pattern in fields:
            m = re.search(pattern, source, re.MULTILINE | re.IGNORECASE | re.DOTALL)
            if m and to_iso(m.group("v")):
                return to_iso(m.group("v"))
    if doc_type == "letter":
        m = re.search(rf"^\s*(?P<v>{DATE.pattern})\s*$", head[:2000], re.MULTILINE | re.IGNORECASE)
        if m:
            return to_iso(m.group("v"))
    return file_name_date(file_name) or _frontsheet_date(paper_head)


def _frontsheet_date(paper_head: str) -> str:
    m = re.search(rf"^\s*(?:\w+day,?\s+)(?P<v>{DATE.pattern})", paper_head[:4000], re.MULTILINE | re.IGNORECASE)
    return first_date(m.group("v")) if m else ""


def infer_author(text: str) -> str:
    """The report's author or presenting officer, as printed ("Director of Children's Services")."""
    head = text[:5000]
    for pattern in _AUTHOR_FIELDS:
        m = pattern.search(head) or (pattern.search(text[-3000:]) if "Yours" in pattern.pattern else None)
        if m:
            raw = m.group("v")
            if "Yours" in pattern.pattern:  # a signature: "Steve Lowe" / "His Majesty's Inspector"
                raw = ", ".join(x.strip() for x in raw.splitlines() if x.strip())
            value = _tidy_author(raw)
            if value:
                return value
    return ""


def _tidy_author(value: str) -> str:
    entries = [" ".join(clean_inline(x).split()).strip(" ,;") for x in re.split(r"\n\s*\n|\n(?=\s*Job Title:)", value)]
    value = "; ".join(x for x in entries if x).replace("Job Title:", "").strip()
    value = re.sub(r"\s*;\s*(?=[a-z(])", " ", value)
    value = re.sub(r"\s+of\s+(?:\w+day\s+)?\d{1,2}(?:st|nd|rd|th)?\s+\w+\s+\d{4}$", "", value)
    value = re.sub(r"\s+", " ", value).strip(" ;,")
    return value[:200]


def load_sidecar(path: Path) -> PaperMeta | None:
    """Operator metadata for `path`: `<file>.meta.json` beside it, else its row in `papers.csv`."""
    json_path = path.with_name(path.name + SIDECAR_SUFFIX)
    if json_path.is_file():
        try:
            data = json.loads(json_path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            log.warning("ignoring unreadable sidecar %s: %s", json_path, exc)
            return None
        return _meta_from(data, json_path) if isinstance(data, dict) else None
    manifest = path.parent / MANIFEST
    if manifest.is_file():
        return _from_manifest(manifest, path.name)
    return None


def _from_manifest(manifest: Path, file_name: str) -> PaperMeta | None:
    try:
        with manifest.open(newline="", encoding="utf-8-sig") as handle:
            for row in csv.DictReader(handle):
                if (row.get("file") or "").strip() == file_name:
                    return _meta_from(row, manifest)
    except (OSError, csv.Error) as exc:
        log.warning("ignoring unreadable manifest %s: %s", manifest, exc)
    return None


def _meta_from(data: dict, source: Path) -> PaperMeta:
    fields = set(vars(PaperMeta()))
    unknown = sorted(set(data) - fields - {"file"})
    if unknown:
        log.warning("%s: unknown metadata keys ignored: %s", source, ", ".join(unknown))
    values = {k: str(v).strip() for k, v in data.items() if k in fields and v is not None}
    if values.get("meeting_date"):
        values["meeting_date"] = to_iso(values["meeting_date"]) or values["meeting_date"]
    return PaperMeta(**values)
