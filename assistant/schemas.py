"""Request and response models of the HTTP API and the CLI (`XRequest` in, `XPublic` out), and their
conversions. Both entry points (`ui/`, `clerk/`) import them from here, below both.

`AskPublic` is also what `clerk ask --json` prints, so tools see one shape everywhere.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from typing import Any, Literal

from pydantic import BaseModel, Field, field_validator

from assistant.briefing import Briefing
from assistant.output import citation_json
from assistant.register import RegisterItem, RegisterQuery
from assistant.sentences import quote_paragraph
from assistant.types import Answer, Citation, Turn
from ingest.models import Chunk
from vectorstore.filters import SearchFilters
from vectorstore.loader import FileOutcome
from vectorstore.store import DocumentRecord

MAX_QUESTION = 2000
MAX_TOPIC = 500


class TurnIn(BaseModel):
    role: Literal["user", "assistant"]
    content: str = Field(max_length=8000)


def _stripped(value: str, name: str) -> str:
    """A text field without its surrounding spaces; one of spaces only is an error naming the field."""
    if not value.strip():
        raise ValueError(f"{name} is empty")
    return value.strip()


class FiltersIn(BaseModel):
    """Restrict retrieval; every field optional, strings match exactly (case-insensitive)."""

    council: str | None = Field(None, max_length=200)
    committee: str | None = Field(None, max_length=200)
    doc_type: str | None = Field(None, max_length=50)
    document_id: str | None = Field(None, max_length=64)
    date_from: dt.date | None = Field(None, description="Meetings on or after this ISO date.")
    date_to: dt.date | None = Field(None, description="Meetings on or before this ISO date.")

    def to_filters(self) -> SearchFilters | None:
        return SearchFilters.build(**self.model_dump())


class AskRequest(BaseModel):
    question: str = Field(min_length=1, max_length=MAX_QUESTION, description="1-2,000 characters.")
    history: list[TurnIn] = Field(default_factory=list, max_length=40, description="Earlier turns, oldest first.")
    filters: FiltersIn | None = None
    k: int | None = Field(None, ge=1, le=50, description="Passages to retrieve (1-50).")

    @field_validator("question")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        return _stripped(value, "question")

    def turns(self) -> list[Turn]:
        return [Turn(t.role, t.content) for t in self.history]


class SearchRequest(BaseModel):
    query: str = Field(min_length=1, max_length=MAX_QUESTION)
    k: int = Field(5, ge=1, le=50)
    filters: FiltersIn | None = None
    mode: Literal["hybrid", "dense", "lexical"] = "hybrid"

    @field_validator("query")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        return _stripped(value, "query")


class CitationPublic(BaseModel):
    n: int
    label: str
    title: str
    paragraph: str | None
    page: int | None
    document: str
    document_id: str
    council: str | None
    committee: str | None
    meeting_date: str | None
    quote: str
    text: str
    score: float
    chunk_id: str
    section: str | None = None
    agenda_item: str | None = None
    doc_type: str | None = None
    quotes: list[str] = Field(default_factory=list)
    also_in: list[str] = Field(default_factory=list,
                               description="Other papers of the meeting that print the same passage.")

    @classmethod
    def from_citation(cls, c: Citation) -> CitationPublic:
        base = citation_json(c.chunk, c.paragraph)  # the quoted paragraph, when a passage spans several
        base.update(label=c.label)
        return cls(n=c.n, quote=c.quote, text=c.chunk.text, score=round(c.score, 6), chunk_id=c.chunk.chunk_id,
                   quotes=c.quotes, also_in=c.also_in, **base)


class FlaggedPublic(BaseModel):
    sentence: str
    figures: list[str]
    reason: str


class AskPublic(BaseModel):
    answer: str
    supported: bool
    citations: list[CitationPublic]
    flagged_sentences: list[FlaggedPublic]
    timings_ms: dict[str, float]
    question: str
    standalone_question: str
    further_reading: list[CitationPublic] = Field(default_factory=list,
                                                  description="Nearest passages, when the papers do not answer.")
    removed_markers: list[str] = Field(default_factory=list)
    refusal_reason: str = ""
    answerer: str = "builtin"

    @classmethod
    def from_answer(cls, a: Answer) -> AskPublic:
        return cls(
            answer=a.text, supported=a.supported,
            citations=[CitationPublic.from_citation(c) for c in a.citations],
            flagged_sentences=[FlaggedPublic(sentence=f.sentence, figures=f.figures, reason=f.reason)
                               for f in a.flagged_sentences],
            timings_ms=a.timings_ms, question=a.question, standalone_question=a.standalone_question,
            further_reading=[CitationPublic.from_citation(c) for c in a.further_reading],
            removed_markers=a.removed_markers, refusal_reason=a.refusal_reason, answerer=a.answerer,
        )


class SearchPublic(BaseModel):
    query: str
    results: list[dict[str, Any]] = Field(description="The shape of `clerk search --json` results.")


class DocumentPublic(BaseModel):
    document_id: str
    file_name: str
    title: str
    council: str
    committee: str
    meeting_date: str
    doc_type: str
    chunks: int
    ingested_at: float
    access: str = Field("public", description="public | exempt (exempt papers are listed to members and officers)")
    exempt_reason: str = ""

    @classmethod
    def from_record(cls, d: DocumentRecord) -> DocumentPublic:
        return cls(**{k: getattr(d, k) for k in cls.model_fields})


class UploadResultPublic(BaseModel):
    file: str
    status: str = Field(description="ingested | unchanged | skipped | rejected | failed")
    reason: str
    document_id: str
    title: str
    chunks_added: int

    @classmethod
    def from_outcome(cls, o: FileOutcome) -> UploadResultPublic:
        return cls(file=o.path, status=o.status, reason=o.reason, document_id=o.document_id, title=o.title,
                   chunks_added=o.chunks_added)


class ChunkPublic(BaseModel):
    chunk_id: str
    text: str
    label: str
    title: str
    paragraph: str | None
    paragraph_ids: list[str]
    pages: list[int]
    section: str
    document: str
    document_id: str
    council: str
    committee: str
    meeting_date: str
    ordinal: int

    @classmethod
    def from_chunk(cls, c: Chunk) -> ChunkPublic:
        return cls(chunk_id=c.chunk_id, text=c.text, label=c.citation_label, title=c.report_title,
                   paragraph=c.paragraph, paragraph_ids=c.paragraph_ids, pages=c.pages, section=c.section,
                   document=c.file_name, document_id=c.document_id, council=c.council, committee=c.committee,
                   meeting_date=c.meeting_date, ordinal=c.ordinal)


class PassagePublic(BaseModel):
    chunk: ChunkPublic
    before: list[ChunkPublic]
    after: list[ChunkPublic]


class HealthPublic(BaseModel):
    status: Literal["ok"]
    documents: int
    chunks: int
    answerer: str


class FollowUpPublic(BaseModel):
    citation: dict[str, Any]
    quote: str
    chunk_id: str = Field(description="The passage, for GET /api/chunks/{chunk_id}.")


class CommitmentPublic(BaseModel):
    """One item of the commitments register (`clerk commitments --json` prints a list of these)."""

    id: str
    kind: Literal["decision", "action", "commitment"]
    text: str
    owner: str
    due: str
    due_date: str
    status: Literal["open", "due", "reported"]
    citation: dict[str, Any]
    chunk_id: str = Field(description="The passage the item is printed in, for GET /api/chunks/{chunk_id}.")
    follow_ups: list[FollowUpPublic]

    @classmethod
    def from_item(cls, item: RegisterItem) -> CommitmentPublic:
        return cls(id=item.id, kind=item.kind, text=item.text, owner=item.owner, due=item.due,  # type: ignore[arg-type]
                   due_date=item.due_date, status=item.status,  # type: ignore[arg-type]
                   citation=citation_json(item.chunk, quote_paragraph(item.chunk, item.text)),
                   chunk_id=item.chunk.chunk_id,
                   follow_ups=[FollowUpPublic(citation=citation_json(f.chunk, quote_paragraph(f.chunk, f.quote)),
                                              quote=f.quote, chunk_id=f.chunk.chunk_id) for f in item.follow_ups])


class CommitmentsPublic(BaseModel):
    items: list[CommitmentPublic]


CSV_COLUMNS = ("id", "kind", "status", "text", "owner", "due", "due_date", "council", "committee", "meeting_date",
               "where", "follow_ups")


def commitments_csv(items: Sequence[CommitmentPublic]) -> str:
    """The register as CSV (one row per item; follow-ups as their citations, separated by " | ")."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for i in items:
        writer.writerow([i.id, i.kind, i.status, i.text, i.owner, i.due, i.due_date, i.citation.get("council") or "",
                         i.citation.get("committee") or "", i.citation.get("meeting_date") or "", i.citation["label"],
                         " | ".join(f.citation["label"] for f in i.follow_ups)])
    return out.getvalue()


class CommitmentsRequest(BaseModel):
    """Filters of the register; every field optional."""

    council: str | None = Field(None, max_length=200)
    committee: str | None = Field(None, max_length=200)
    date_from: dt.date | None = Field(None, alias="from", description="Meetings on or after this ISO date.")
    date_to: dt.date | None = Field(None, alias="to", description="Meetings on or before this ISO date.")
    owner: str | None = Field(None, max_length=200)
    kind: Literal["decision", "action", "commitment"] | None = None
    status: Literal["open", "due", "reported"] | None = None
    query: str | None = Field(None, max_length=500)

    model_config = {"populate_by_name": True}

    def to_query(self) -> RegisterQuery:
        return RegisterQuery(council=self.council or "", committee=self.committee or "",
                             date_from=self.date_from.isoformat() if self.date_from else "",
                             date_to=self.date_to.isoformat() if self.date_to else "",
                             owner=self.owner or "", kind=self.kind or "", status=self.status or "",
                             query=self.query or "")


class BriefRequest(BaseModel):
    topic: str = Field(min_length=1, max_length=MAX_TOPIC, description="What the note is about (1-500 characters).")
    filters: FiltersIn | None = None
    format: Literal["json", "markdown", "docx"] = Field(
        "json", description="json: the note as below; markdown or docx: the note as a file to download.")

    @field_validator("topic")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        return " ".join("".join(c for c in _stripped(value, "topic") if c.isprintable() or c.isspace()).split())


class BriefSentencePublic(BaseModel):
    text: str
    markers: list[int] = Field(description="Numbers of the sources (below) the sentence is taken from.")


class BriefSectionPublic(BaseModel):
    heading: str
    sentences: list[BriefSentencePublic]
    notes: list[str] = Field(default_factory=list, description="Messages from Clerk (e.g. nothing found), not claims.")


class ConflictValuePublic(BaseModel):
    value: str
    n: int


class ConflictPublic(BaseModel):
    about: str
    values: list[ConflictValuePublic]
    rounding: bool = False


class BriefPublic(BaseModel):
    """A briefing note: sections of cited sentences, the numbered sources, figures the papers disagree on."""

    topic: str
    drafted: str
    filters: dict[str, str]
    writer: str
    sections: list[BriefSectionPublic]
    sources: list[dict[str, Any]] = Field(description="Numbered sources: n, label, title, paragraph, page, "
                                                      "committee, meeting_date, quote, chunk_id, ...")
    conflicts: list[ConflictPublic]
    flagged: list[FlaggedPublic] = Field(default_factory=list,
                                         description="Sentences dropped: a figure not printed in a cited passage.")
    timings_ms: dict[str, float] = Field(default_factory=dict)

    @classmethod
    def from_briefing(cls, note: Briefing) -> BriefPublic:
        return cls.model_validate({**note.to_json(), "timings_ms": note.timings_ms})
