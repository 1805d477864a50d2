"""A briefing note as Markdown or Word: title, date drafted, filters used, sections, numbered references.

Both formats carry the same content as `Briefing.to_json()`; a reference names the report, paragraph,
page, committee and meeting date (the chunk's citation label) and the sentence quoted from it.
"""

from __future__ import annotations

from pathlib import Path

from assistant.briefing import Briefing
from assistant.types import Citation
from ingest.models import human_date

REFERENCES = "Sources"


def _title(note: Briefing) -> str:
    return f"Briefing note: {note.topic}"


def _filters_line(note: Briefing) -> str:
    if not note.filters:
        return "Filters: none (all papers)"
    return "Filters: " + "; ".join(f"{k.replace('_', ' ')} = {v}" for k, v in note.filters.items())


def _reference(source: Citation) -> str:
    quote = f' "{source.quote}"' if source.quote else ""
    return f"[{source.n}] {source.label}.{quote}"


def to_markdown(note: Briefing) -> str:
    lines = [f"# {_title(note)}", "", f"Drafted: {human_date(note.drafted)}", "", _filters_line(note), ""]
    for section in note.sections:
        lines += [f"## {section.heading}", ""]
        for sentence in section.sentences:
            lines.append(f"- {sentence.with_markers()}")
        for message in section.notes:
            lines.append(f"_{message}_")
        lines.append("")
    lines += [f"## {REFERENCES}", ""]
    lines += [_reference(s) for s in note.sources]
    return "\n".join(lines).rstrip() + "\n"


def write_markdown(note: Briefing, path: Path) -> Path:
    path.write_text(to_markdown(note), encoding="utf-8")
    return path


def write_docx(note: Briefing, path: Path) -> Path:
    """A Word document: the note's title, date drafted and filters, one heading per section, the sentences
    as bullets with their markers, and the numbered references."""
    from docx import Document  # python-docx: imported only when a DOCX is asked for

    doc = Document()
    doc.add_heading(_title(note), level=0)
    doc.add_paragraph(f"Drafted: {human_date(note.drafted)}")
    doc.add_paragraph(_filters_line(note))
    for section in note.sections:
        doc.add_heading(section.heading, level=1)
        for sentence in section.sentences:
            doc.add_paragraph(sentence.with_markers(), style="List Bullet")
        for message in section.notes:
            doc.add_paragraph().add_run(message).italic = True
    doc.add_heading(REFERENCES, level=1)
    for source in note.sources:
        doc.add_paragraph(_reference(source))
    doc.save(str(path))
    return path
