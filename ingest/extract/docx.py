"""Word papers (.docx): paragraphs and tables in document order, as the Markdown-ish text of the seed papers.

Headings become "#" lines, automatic list numbers are computed (python-docx does not render them, and
"3.1" is what councillors cite), bullets become "- ", and table rows become tab-separated lines.
"""

from __future__ import annotations

import logging
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from ingest.errors import UnreadablePaperError
from ingest.extract.numbering import Numbering
from ingest.models import ExtractedText

logger = logging.getLogger(__name__)

HEADING_STYLES = {"Title": 1, "Subtitle": 2}
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # Word 97-2003 .doc (and other OLE2 files)


def extract_docx(path: Path) -> ExtractedText:
    """Text of a .docx: one block per paragraph (blank line between), list items and table rows one per line."""
    document = _open(path)
    try:
        text = _text(document)
    except Exception as exc:  # a damaged part (a level "x", a style loop) is the file's fault, not the run's
        logger.debug("reading %s failed", path.name, exc_info=True)
        raise UnreadablePaperError(f"corrupt .docx ({type(exc).__name__} in its content)") from exc
    if not text.strip():
        raise UnreadablePaperError("no text: the .docx is empty")
    return ExtractedText(text=text, format="docx")


def _text(document: Any) -> str:
    numbering = Numbering.from_part(_numbering_element(document))
    blocks: list[tuple[str, str]] = []  # (kind, text); kind decides the separator before the next block
    for item in body_items(document.element.body, document._body):
        if isinstance(item, Table):
            rows = table_rows(item)
            if rows:
                blocks.append(("table", "\n".join(rows)))
        else:
            line = paragraph_line(item, numbering)
            if line:
                blocks.append(("list" if line.startswith(("- ",)) else "para", line))
    return _join_blocks(blocks)


def body_items(element: Any, parent: Any) -> Iterator[Paragraph | Table]:
    """Paragraphs and tables in document order, including those inside content controls (w:sdt), which
    council templates use for cover fields and which python-docx's iter_inner_content skips."""
    for child in element.iterchildren():
        if child.tag == qn("w:p"):
            yield Paragraph(child, parent)
        elif child.tag == qn("w:tbl"):
            yield Table(child, parent)
        elif child.tag == qn("w:sdt") and (content := child.find(qn("w:sdtContent"))) is not None:
            yield from body_items(content, parent)


def _open(path: Path) -> Any:
    """The python-docx Document, or a one-line reason why the file cannot be one."""
    with path.open("rb") as handle:
        head = handle.read(8)
    if not head:
        raise UnreadablePaperError("empty file")
    if head.startswith(OLE_MAGIC):
        raise UnreadablePaperError("corrupt .docx: this is an old binary Word .doc file; save it as .docx")
    _check_unpacked_size(path)
    try:
        return docx.Document(str(path))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError) as exc:
        raise UnreadablePaperError("corrupt .docx (not a readable Word package)") from exc
    except Exception as exc:  # lxml and python-docx raise many types on damaged parts; their messages name paths
        raise UnreadablePaperError(f"corrupt .docx ({type(exc).__name__})") from exc


# A committee paper's Word package unpacks to a few MB; hundreds of MB from a small file is a zip bomb.
MAX_UNPACKED_MB = 200
MAX_PARTS = 5000


def _check_unpacked_size(path: Path) -> None:
    """Refuse a package that would unpack to far more than any paper needs, before anything unpacks it
    (the sizes are read from the zip's directory, cheaply)."""
    try:
        with zipfile.ZipFile(path) as package:
            parts = package.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise UnreadablePaperError("corrupt .docx (not a readable Word package)") from exc
    unpacked = sum(part.file_size for part in parts)
    if len(parts) > MAX_PARTS or unpacked > MAX_UNPACKED_MB * 1e6:
        raise UnreadablePaperError(f"the .docx would unpack to {unpacked / 1e6:,.0f} MB in {len(parts):,} parts "
                                   f"(over the {MAX_UNPACKED_MB} MB limit; a zip bomb?)")


def _numbering_element(document: Any) -> Any:
    try:
        return document.part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError):
        return None  # no numbering.xml: no automatic numbers to compute


def paragraph_line(paragraph: Paragraph, numbering: Numbering) -> str:
    """One paragraph as a line: "## Heading", "3.1 Text", "- bullet" or plain text."""
    text = " ".join(paragraph_text(paragraph).split())
    if not text:
        return ""
    label = numbering.label_for(*_num_pr(paragraph))
    if label == "-":
        return f"- {text}"
    if label:
        text = f"{label} {text}"
    level = _heading_level(paragraph)
    return f"{'#' * level} {text}" if level else text


# What a run prints, in order: python-docx's `Paragraph.text` reads only runs that are the paragraph's children
# or a hyperlink's, and so drops the text Word wraps in smart tags (place names, addresses, dates: a ward's name
# over its polling districts), field results (fldSimple), tracked insertions and content controls.
_RUN_MARKS = {qn("w:tab"): "\t", qn("w:br"): "\n", qn("w:cr"): "\n", qn("w:noBreakHyphen"): "-"}
_TEXT = qn("w:t")
# A run inside these is not printed text of this paragraph: deleted (tracked changes), or a text box's own
# paragraph inside a drawing.
_NOT_PRINTED = frozenset({qn("w:del"), qn("w:moveFrom"), qn("w:p"), qn("w:txbxContent")})


def paragraph_text(paragraph: Paragraph) -> str:
    """The paragraph's printed text, whatever element its runs sit in."""
    p = paragraph._p
    parts: list[str] = []
    for run in p.iter(qn("w:r")):
        if _hidden_in(run, p):
            continue
        for child in run:
            if child.tag == _TEXT:
                parts.append(child.text or "")
            elif child.tag in _RUN_MARKS:
                parts.append(_RUN_MARKS[child.tag])
    return "".join(parts)


def _hidden_in(run: Any, paragraph: Any) -> bool:
    parent = run.getparent()
    while parent is not None and parent is not paragraph:
        if parent.tag in _NOT_PRINTED:
            return True
        parent = parent.getparent()
    return False


def _heading_level(paragraph: Paragraph) -> int:
    """1-6 for "Title"/"Heading N" styles (or their descendants), else 0."""
    for style in _style_chain(paragraph):
        name = style.name or ""
        if name in HEADING_STYLES:
            return HEADING_STYLES[name]
        if name.startswith("Heading ") and name[8:].isdigit():
            return min(int(name[8:]), 6)
    return 0


def _style_chain(paragraph: Paragraph) -> Iterator[Any]:
    """The paragraph's style, then each style it is based on; a damaged file's loop ("A" based on "B",
    "B" on "A") ends where it repeats instead of hanging the reader."""
    style, seen = paragraph.style, set[str]()
    while style is not None and style.style_id not in seen and len(seen) < 100:
        seen.add(style.style_id)
        yield style
        style = style.base_style


def _num_pr(paragraph: Paragraph) -> tuple[str | None, int]:
    """(numId, ilvl) from the paragraph's own numPr or, failing that, its style chain."""
    ilvl: int | None = None
    elements: list[Any] = [paragraph._p.pPr]
    elements.extend(style.element.pPr for style in _style_chain(paragraph))
    for ppr in elements:
        num_pr = ppr.find(qn("w:numPr")) if ppr is not None else None
        if num_pr is None:
            continue
        level_el = num_pr.find(qn("w:ilvl"))
        if ilvl is None and level_el is not None:
            ilvl = int(level_el.get(qn("w:val"), "0"))
        id_el = num_pr.find(qn("w:numId"))
        if id_el is not None:
            return id_el.get(qn("w:val")), ilvl or 0
    return None, 0


def table_rows(table: Table) -> list[str]:
    """Each row as cells joined by tabs (merged cells once); the header row comes first as in the file."""
    rows = []
    for row in table.rows:
        cells = list(_unique_cells(row))
        texts = [" ".join(_cell_text(cell).split()) for cell in cells]
        if any(texts):
            rows.append("\t".join(texts))
    return rows


def _unique_cells(row: Any) -> Iterator[Any]:
    """python-docx repeats a horizontally merged cell once per grid column; yield it once."""
    seen: set[int] = set()
    for cell in row.cells:
        if id(cell._tc) not in seen:
            seen.add(id(cell._tc))
            yield cell


def _cell_text(cell: Any) -> str:
    """All text in a cell, nested tables included, on one line."""
    parts = [paragraph_text(p) for p in cell.paragraphs]
    for inner in cell.tables:
        parts.extend(table_rows(inner))
    return " ".join(parts)


def _join_blocks(blocks: list[tuple[str, str]]) -> str:
    """Blank line between blocks, except between consecutive list items."""
    out: list[str] = []
    for i, (kind, text) in enumerate(blocks):
        if i:
            out.append("\n" if kind == "list" and blocks[i - 1][0] == "list" else "\n\n")
        out.append(text)
    return "".join(out)
