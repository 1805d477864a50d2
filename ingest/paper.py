"""One paper from file to chunks: extract, split into reports, read metadata, chunk.

This is what the ingest pipeline calls for each file. The document id is the hash of the file's bytes,
so the same file always gets the same id and its chunks the same ids.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from pathlib import Path

from ingest.access import exempt_marking
from ingest.chunker import chunk_report, make_ids_unique
from ingest.extract import extract
from ingest.hashing import document_id_of
from ingest.metadata import choose_title, infer_meta, load_sidecar, read_docinfo
from ingest.models import Chunk, PaperMeta, Report
from ingest.structure import split_reports

log = logging.getLogger(__name__)

# The version of how papers are read into chunks. Bump it when a change to reading (extraction, structure,
# metadata, chunking, the register's items each chunk carries) changes the chunks of papers already read: a store
# re-reads a paper stored by an older version instead of keeping its old chunks because the file itself is unchanged.
READER_VERSION = 9  # 8 missed motions carried and records of dispositions in the register, and dates month first;
# 7 gave agendas without "AGENDA" no type, date or title, and left lettered items under a numbered heading
# unnumbered; 6 read "#"-marked numbered headings of short sections as list items
PAPER_HEAD_CHARS = 5000


@dataclass
class PaperChunks:
    """A paper's chunks, with the reports they were cut from."""

    document_id: str
    file_name: str
    chunks: list[Chunk] = field(default_factory=list)
    reports: list[Report] = field(default_factory=list)


def chunk_paper(path: Path, *, sidecar: PaperMeta | None = None, max_chars: int = 1200,
                overlap: int = 150, document_id: str | None = None, council: str = "",
                file_dates: bool = True) -> PaperChunks:
    """Chunks of the paper at `path`. Metadata from `sidecar` (or `<file>.meta.json` / `papers.csv`
    beside the file when not given) overrides what is inferred; its title and agenda item apply only
    when the paper holds a single report. `council` is the deployment's council (CLERK_COUNCIL): it
    overrides what the paper says, a sidecar overrides it. `file_dates=False` ignores dates in file names."""
    document_id = document_id or document_id_of(path.read_bytes())  # callers that hashed already pass it
    extracted = extract(path)
    reports = split_reports(extracted, path.name)
    override = sidecar if sidecar is not None else load_sidecar(path)
    if override is not None and len(reports) > 1:
        override = replace(override, title="", agenda_item="")
    paper_head = extracted.text[:PAPER_HEAD_CHARS]
    docinfo = read_docinfo(path)
    setting = PaperMeta(council=council.strip(), sources={"council": "setting"}) if council.strip() else None
    chunks: list[Chunk] = []
    for report in reports:
        inferred = infer_meta(extracted.text[report.start : report.end], path.name, paper_head, docinfo=docinfo,
                              file_dates=file_dates)
        found = report.meta  # what the paper's structure says: title, agenda item, listed author
        found.sources = {k: "cover" for k in ("title", "agenda_item", "author") if getattr(found, k)}
        title, title_source = choose_title(found.title, inferred)
        meta = replace(found.merged(inferred), title=title, agenda_item=found.agenda_item or inferred.agenda_item)
        if found.agenda_item:
            meta.sources["agenda_item"] = "cover"
        meta.sources.pop("title", None)
        if title:
            meta.sources["title"] = title_source
        if setting is not None:
            meta = meta.merged(setting)
        marking = exempt_marking(extracted.text[report.start : report.end])
        if marking:  # the report's own cover says so; an operator's sidecar can still say otherwise
            meta = replace(meta, access="exempt", exempt_reason=marking.reason)
        report.meta = meta.merged(override) if override else meta
        report.title = report.meta.title or path.stem
        chunks.extend(chunk_report(report, extracted, document_id=document_id, file_name=path.name,
                                   max_chars=max_chars, overlap=overlap, first_ordinal=len(chunks)))
    make_ids_unique(chunks)  # across reports too
    log.info("%s: %d report(s), %d chunks", path.name, len(reports), len(chunks))
    return PaperChunks(document_id, path.name, chunks, reports)
