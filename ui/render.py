"""Text and HTML for the chat page: sources under an answer, the passage viewer, the e-mail copy."""

from __future__ import annotations

import html
import re

from assistant.library import Passage
from assistant.types import Answer, Citation
from ingest.models import Chunk


def source_line(c: Citation) -> str:
    """'Sufficiency Initiatives, para 3.11, p. 4 · Children's Scrutiny Committee · 6 June 2023'."""
    where, meeting = c.chunk.citation_parts(c.paragraph)
    also = [f"also in {place}" for place in c.also_in]
    return " · ".join([", ".join(where), *meeting, *also])


def answer_markdown(answer: Answer) -> str:
    """The chat message for a finished answer: text, warnings, then the numbered sources."""
    lines = [_escape_md(answer.text)]
    for flagged in answer.flagged_sentences:
        lines.append(f"\n> ⚠️ Check this figure against the paper ({', '.join(flagged.figures)}): {flagged.reason}.")
    if answer.citations:
        lines.append("\n**Sources**")
        lines.extend(f"{c.n}. {_escape_md(source_line(c))}" for c in answer.citations)
    elif answer.further_reading:
        lines.append("\n**You may want to read**")
        lines.extend(f"{c.n}. {_escape_md(source_line(c))}" for c in answer.further_reading)
    return "\n".join(lines)


def source_choices(answer: Answer) -> list[tuple[str, str]]:
    """(label shown, chunk id) for the source picker under the chat."""
    refs = answer.citations or answer.further_reading
    prefix = "" if answer.citations else "Read: "
    return [(f"{prefix}[{c.n}] {source_line(c)}", c.chunk.chunk_id) for c in refs]


def passage_html(passage: Passage, quotes: list[str], label: str | None = None) -> str:
    """The cited passage in full, quoted sentences highlighted, with the passages around it muted."""
    chunk = passage.chunk
    title = html.escape(label or chunk.citation_label)
    parts = [f'<div class="clerk-passage"><div class="clerk-label"><strong>{title}</strong>'
             f'<br><span class="clerk-file">{html.escape(chunk.file_name)}</span></div>']
    for before in passage.before:
        parts.append(_block(before, [], "clerk-context"))
    parts.append(_block(chunk, quotes, "clerk-cited"))
    for after in passage.after:
        parts.append(_block(after, [], "clerk-context"))
    parts.append("</div>")
    return "\n".join(parts)


def _block(chunk: Chunk, quotes: list[str], css: str) -> str:
    text = chunk.text
    spans = sorted({(i, i + len(q)) for q in quotes if q and (i := text.find(q)) >= 0})
    out, last = [], 0
    for start, end in spans:
        if start < last:
            continue
        out.append(html.escape(text[last:start]))
        out.append(f"<mark>{html.escape(text[start:end])}</mark>")
        last = end
    out.append(html.escape(text[last:]))
    body = "".join(out).replace("\n", "<br>")
    para = f'<div class="clerk-para">para {html.escape(chunk.paragraph)}</div>' if chunk.paragraph else ""
    return f'<div class="{css}">{para}{body}</div>'


def _escape_md(text: str) -> str:
    """Keep markers like [1] literal and stop stray Markdown/HTML in paper text from rendering."""
    text = html.escape(text, quote=False)
    return re.sub(r"([*_`#])", r"\\\1", text)


CSS = """
.clerk-passage { font-size: 0.95rem; line-height: 1.5; }
.clerk-label { margin-bottom: 0.6rem; }
.clerk-file { color: #666; font-size: 0.85rem; }
.clerk-context { color: #777; margin: 0.5rem 0; }
.clerk-cited { border-left: 4px solid #d97706; padding-left: 0.6rem; margin: 0.5rem 0; }
.clerk-cited mark { background: #fde68a; padding: 0 2px; }
.clerk-para { font-weight: 600; font-size: 0.85rem; color: #92400e; }
"""
