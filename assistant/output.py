"""JSON shapes shared by the CLI and the API. Tools depend on them: keep them stable."""

from __future__ import annotations

from typing import Any

from ingest.models import Chunk
from vectorstore.search import SearchHit


def citation_json(c: Chunk, paragraph: str | None = None) -> dict[str, Any]:
    """Where a passage is printed. `paragraph` names the one a quote is in, when the passage spans several."""
    where, meeting = c.citation_parts(paragraph)
    return {
        "label": ", ".join([*where, *meeting]),
        "document": c.file_name,
        "document_id": c.document_id,
        "title": c.report_title,
        "paragraph": paragraph or c.paragraph,
        "page": c.pages[0] if c.pages else None,
        "section": c.section or None,
        "agenda_item": c.agenda_item or None,
        "council": c.council or None,
        "committee": c.committee or None,
        "meeting_date": c.meeting_date or None,
        "doc_type": c.doc_type or None,
    }


def search_result_json(hit: SearchHit) -> dict[str, Any]:
    return {
        "rank": hit.rank,
        "score": round(hit.score, 6),
        "chunk_id": hit.chunk.chunk_id,
        "text": hit.chunk.text,
        "citation": citation_json(hit.chunk),
        "also_in": [copy.place_label for copy in hit.copies],
    }
