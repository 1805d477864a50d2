"""Chunk <-> Chroma record conversion. Chroma metadata holds scalars only, so lists are joined."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from ingest.models import Chunk, Commitment

_LIST_SEP = "|"


def date_number(iso: str) -> int:
    """'2023-06-06' -> 20230606 (Chroma range filters need numbers); 0 when unknown."""
    digits = iso.replace("-", "")[:8]
    return int(digits) if len(digits) == 8 and digits.isdigit() else 0


def chunk_to_metadata(chunk: Chunk) -> dict[str, Any]:
    return {
        "document_id": chunk.document_id,
        "file_name": chunk.file_name,
        "report_title": chunk.report_title,
        "paragraph_ids": _LIST_SEP.join(chunk.paragraph_ids),
        "pages": _LIST_SEP.join(str(p) for p in chunk.pages),
        "section": chunk.section,
        "council": chunk.council,
        "committee": chunk.committee,
        "meeting_date": chunk.meeting_date,
        "meeting_date_num": date_number(chunk.meeting_date),
        "doc_type": chunk.doc_type,
        "agenda_item": chunk.agenda_item,
        "author": chunk.author,
        "access": chunk.access,
        "char_start": chunk.char_start,
        "char_end": chunk.char_end,
        "ordinal": chunk.ordinal,
        # The register's items live with the chunk they start in, so they are removed with its paper.
        **({"commitments": json.dumps([asdict(c) for c in chunk.commitments])} if chunk.commitments else {}),
    }


def metadata_to_chunk(chunk_id: str, text: str, meta: dict[str, Any]) -> Chunk:
    pages = str(meta.get("pages") or "")
    paragraphs = str(meta.get("paragraph_ids") or "")
    return Chunk(
        chunk_id=chunk_id,
        document_id=str(meta.get("document_id", "")),
        file_name=str(meta.get("file_name", "")),
        text=text,
        report_title=str(meta.get("report_title", "")),
        char_start=int(meta.get("char_start", 0)),
        char_end=int(meta.get("char_end", 0)),
        paragraph_ids=paragraphs.split(_LIST_SEP) if paragraphs else [],
        pages=[int(p) for p in pages.split(_LIST_SEP)] if pages else [],
        section=str(meta.get("section", "")),
        council=str(meta.get("council", "")),
        committee=str(meta.get("committee", "")),
        meeting_date=str(meta.get("meeting_date", "")),
        doc_type=str(meta.get("doc_type", "")),
        agenda_item=str(meta.get("agenda_item", "")),
        author=str(meta.get("author", "")),
        access=str(meta.get("access") or "public"),
        ordinal=int(meta.get("ordinal", 0)),
        commitments=[Commitment(**c) for c in json.loads(str(meta["commitments"]))] if meta.get("commitments") else [],
    )


def lexical_text(chunk: Chunk) -> str:
    """What BM25 indexes: the passage with its council, report title, section and year as context.

    A paragraph alone often never names its subject or its council ("The service has appointed...");
    the title, heading and council say what and whose it is, the year when.
    """
    year = chunk.meeting_date[:4]
    context = " > ".join(part for part in (chunk.council, chunk.report_title, chunk.section, year) if part)
    return f"{context}\n{chunk.text}" if context else chunk.text
