"""Domain records for committee papers, from a file on disk to a citable chunk.

Terms, as councils use them:
- A *paper* is one published file: an agenda pack, an officer's report, minutes, an inspection letter.
- An *agenda pack* bundles several *reports*, one per agenda item, each numbering its paragraphs from 1.
- A *paragraph number* is the id printed in the margin or at the start of the paragraph ("3.1.2",
  "13", "(295)", "291(26)"), the thing a councillor quotes in a meeting.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class PageSpan:
    """A page of a PDF: its printed page number (1-based) and its character range in the extracted text."""

    page: int
    start: int
    end: int


@dataclass
class ExtractedText:
    """The clean text of one file, before structure detection.

    `text` is what every character offset refers to. `pages` is empty for formats without pages.
    `agenda_items` maps a character offset to an "Agenda Item N" stamp found on the page starting there
    (stamps are removed from the text and kept as metadata).
    """

    text: str
    format: str  # "text" | "pdf" | "docx" | "html"
    pages: list[PageSpan] = field(default_factory=list)
    agenda_items: dict[int, str] = field(default_factory=dict)

    def pages_for(self, start: int, end: int) -> list[int]:
        """Printed page numbers overlapping the character range [start, end)."""
        return [p.page for p in self.pages if p.start < max(end, start + 1) and p.end > start]

    def agenda_item_at(self, offset: int) -> str | None:
        """The agenda item stamp in force at `offset` (the latest stamp at or before it)."""
        best: str | None = None
        for at, item in sorted(self.agenda_items.items()):
            if at > offset:
                break
            best = item
        return best


@dataclass
class PaperMeta:
    """What a report is and where it was considered. Empty strings mean "not stated"."""

    council: str = ""
    committee: str = ""
    meeting_date: str = ""  # ISO 8601 date, "2023-06-06"
    doc_type: str = ""  # agenda | report | minutes | letter | plan | decision | inspection
    author: str = ""  # name and/or role, "Director of Children and Young People's Futures"
    title: str = ""
    agenda_item: str = ""
    access: str = ""  # public | exempt ("" = not yet decided; stored as public unless marked exempt)
    exempt_reason: str = ""  # why exempt, as printed or recorded: "paragraph 3 of Part 1 of Schedule 12A"
    source_url: str = ""  # where the paper was published (a ModernGov document URL), when known
    # where each field came from: moderngov | sidecar | setting | cover | docinfo | inferred | filename
    sources: dict[str, str] = field(default_factory=dict, compare=False)

    def merged(self, override: PaperMeta) -> PaperMeta:
        """This metadata with every non-empty field of `override` taking precedence (and its source)."""
        values = {k: (getattr(override, k) or v) for k, v in vars(self).items() if k != "sources"}
        sources = {k: v for k, v in self.sources.items() if values.get(k)}
        sources.update({k: v for k, v in override.sources.items() if getattr(override, k, "")})
        return PaperMeta(**values, sources=sources)


@dataclass
class Block:
    """One structural unit of a report: a numbered paragraph, a piece of prose, or a table.

    `para_id` is the number as printed ("3.1.2"), or None for unnumbered prose. Tables carry their
    header row (and caption) in `table_header` so each chunk of rows can repeat it.
    """

    kind: str  # "paragraph" | "prose" | "table"
    text: str
    start: int
    end: int
    heading_path: list[str] = field(default_factory=list)
    para_id: str | None = None
    table_header: str = ""


@dataclass
class Report:
    """One report inside a paper (a whole file is one report unless it is an agenda pack)."""

    title: str
    start: int
    end: int
    meta: PaperMeta = field(default_factory=PaperMeta)
    blocks: list[Block] = field(default_factory=list)


@dataclass(frozen=True)
class Commitment:
    """A decision, action or dated commitment printed in a paper (found at ingest, ingest/commitments.py)."""

    kind: str  # "decision" | "action" | "commitment"
    text: str  # the whole sentence or resolution as printed (whitespace-normalised)
    owner: str  # person, role or body as printed, or ""
    due: str  # as printed, or ""
    due_date: str  # "2025-09", "2026-03-31", "2026-04/2027-03", or ""
    chunk_id: str  # the chunk the text starts in
    start: int  # character offsets of the text in the paper's extracted text
    end: int


@dataclass
class Chunk:
    """A retrievable, citable passage: about one numbered paragraph of one report."""

    chunk_id: str  # "{document_id}:{para_id or 'p'}:{content_hash}"
    document_id: str  # content hash of the file
    file_name: str
    text: str
    report_title: str
    char_start: int
    char_end: int
    paragraph_ids: list[str] = field(default_factory=list)
    pages: list[int] = field(default_factory=list)
    section: str = ""  # heading path joined with " > "
    council: str = ""
    committee: str = ""
    meeting_date: str = ""
    doc_type: str = ""
    agenda_item: str = ""
    author: str = ""
    ordinal: int = 0  # position of the chunk within its document, for neighbours
    access: str = "public"  # public | exempt: who may see the passage (enforced inside retrieval)
    commitments: list[Commitment] = field(default_factory=list)  # items whose text starts in this chunk

    @property
    def paragraph(self) -> str | None:
        """The paragraph id to cite: the first one, as printed."""
        return self.paragraph_ids[0] if self.paragraph_ids else None

    @property
    def citation_label(self) -> str:
        """A citation a person can read: "Sufficiency Initiatives, para 1.5, Children's Scrutiny, 6 June 2023"."""
        where, meeting = self.citation_parts()
        return ", ".join([*where, *meeting])

    def citation_parts(self, paragraph: str | None = None) -> tuple[list[str], list[str]]:
        """What a citation names: where in the paper (title, paragraph, page) and the meeting (committee, or
        the council when no committee, and date). `paragraph` names one paragraph of a passage spanning
        several (the one a quote is in)."""
        where = [self.report_title or self.file_name]
        ids = [paragraph] if paragraph else self.paragraph_ids
        if ids:
            where.append(f"para {ids[0]}" if len(ids) == 1 else f"paras {ids[0]}-{ids[-1]}")
        elif self.section:
            where.append(self.section.split(" > ")[-1])
        if self.pages:
            where.append(f"p. {self.pages[0]}" if len(self.pages) == 1 else f"pp. {self.pages[0]}-{self.pages[-1]}")
        # An inspection letter or a paper of no committee is still someone's: its council names whose.
        body = self.committee or self.council
        meeting = [body] if body else []
        if self.meeting_date:
            meeting.append(human_date(self.meeting_date))
        return where, meeting

    @property
    def place_label(self) -> str:
        """Where in its paper the passage is, without the meeting: "Commissioning Plan, p. 4"."""
        return ", ".join(self.citation_parts()[0])


def human_date(iso: str) -> str:
    """'2023-06-06' -> '6 June 2023'; anything else unchanged."""
    import datetime as dt

    try:
        d = dt.date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{d.day} {d.strftime('%B')} {d.year}"
