"""A briefing note as Markdown or Word: title, date drafted, filters used, sections, numbered references.

Both formats carry the same content as `Briefing.to_json()`; a reference names the report, paragraph,
page, committee and meeting date (the chunk's citation label) and the sentence quoted from it.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from assistant.briefing import Briefing
from assistant.types import Citation
from ingest.models import human_date

REFERENCES = "Sources"
# Characters XML 1.0 (and so Word) cannot hold: C0 controls but tab/newline/CR, lone surrogates, U+FFFE/FFFF.
# A paper's extracted text or a typed topic can carry them; python-docx refuses the whole document.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


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
    for source in note.sources:  # a paragraph each, as in the Word file
        lines += [_reference(source), ""]
    return "\n".join(lines).rstrip() + "\n"


def write_markdown(note: Briefing, path: Path) -> Path:
    path.write_text(to_markdown(note), encoding="utf-8")
    return path


def file_name(note: Briefing, suffix: str) -> str:
    """A download name from the topic and date: 'briefing-school-places-2026-12-05.docx'."""
    slug = "-".join(re.findall(r"[a-z0-9]+", note.topic.casefold()))[:60].strip("-") or "note"
    return f"briefing-{slug}-{note.drafted}{suffix}"


def write_docx(note: Briefing, path: Path) -> Path:
    path.write_bytes(docx_bytes(note))
    return path


def docx_bytes(note: Briefing) -> bytes:
    """A Word document: the note's title, date drafted and filters, one heading per section, the sentences
    as bullets with their markers, and the numbered references."""
    from docx import Document  # python-docx: imported only when a DOCX is asked for

    doc = Document()
    doc.add_heading(_xml(_title(note)), level=0)
    doc.add_paragraph(f"Drafted: {human_date(note.drafted)}")
    doc.add_paragraph(_xml(_filters_line(note)))
    for section in note.sections:
        doc.add_heading(section.heading, level=1)
        for sentence in section.sentences:
            doc.add_paragraph(_xml(sentence.with_markers()), style="List Bullet")
        for message in section.notes:
            doc.add_paragraph().add_run(_xml(message)).italic = True
    doc.add_heading(REFERENCES, level=1)
    for source in note.sources:
        doc.add_paragraph(_xml(_reference(source)))
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _xml(text: str) -> str:
    return _NOT_XML.sub("", text)
