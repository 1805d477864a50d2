"""Cut a report's blocks into citable chunks: about one numbered paragraph each.

- A paragraph or prose block that fits in `max_chars` is one chunk.
- Tiny neighbours (under `TINY` characters) under the same heading merge, keeping all their ids; so do a
  paragraph and its lettered items ("87(6)", "87(6)(a)", ...) while they fit in `max_chars`.
- A long block is split on line and sentence boundaries with about `overlap` characters repeated; every
  piece keeps the block's paragraph id.
- A table block is cut into groups of rows; each chunk starts with the caption and header row.
Chunk text is the passage itself; the store adds title and section context for embedding.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from ingest.cleaning import clean_span
from ingest.hashing import text_hash
from ingest.models import Block, Chunk, ExtractedText, Report
from ingest.numbering import LETTERED_ITEM, heading_number, item_parent
from ingest.tables import Row, is_group_row, table_rows

log = logging.getLogger(__name__)

TINY = 200
SMALL_TABLE = 400
_SENTENCE_END = re.compile(r"(?<=[.!?;:])[\"')\]’”]*\s+(?=[A-Z0-9\"'“‘(£•-])|\n")


@dataclass
class _Piece:
    text: str
    start: int
    end: int
    para_ids: list[str]
    section: str
    kind: str = "text"


def chunk_report(
    report: Report,
    extracted: ExtractedText,
    *,
    document_id: str,
    file_name: str,
    max_chars: int = 1200,
    overlap: int = 150,
    first_ordinal: int = 0,
) -> list[Chunk]:
    """The chunks of `report`, numbered from `first_ordinal` (their position in the whole document)."""
    pieces: list[_Piece] = []
    for group in _groups(report.blocks, max_chars):
        if group[0].kind == "table":
            pieces.extend(_table_pieces(group[0], extracted.text, max_chars))
        elif len(group) == 1 and len(group[0].text) > max_chars:
            pieces.extend(_split_block(group[0], extracted.text, max_chars, overlap))
        else:
            pieces.append(_merged(group))
    pieces = _join_small_tables(pieces, max_chars)
    chunks = [_chunk(p, report, extracted, document_id, file_name, first_ordinal + n) for n, p in enumerate(pieces)]
    make_ids_unique(chunks)
    log.debug("%s: %d chunks from %d blocks", report.title, len(chunks), len(report.blocks))
    return chunks


def _groups(blocks: list[Block], max_chars: int) -> list[list[Block]]:
    """Blocks grouped for chunking: runs of tiny text blocks under one heading, else one block each."""
    groups: list[list[Block]] = []
    for block in blocks:
        prev = groups[-1] if groups else None
        size = sum(len(b.text) + 1 for b in prev) + len(block.text) if prev else 0
        if (
            prev is not None
            and block.kind != "table"
            and prev[0].kind != "table"
            and prev[-1].heading_path == block.heading_path
            and ((_tiny_neighbours(block, prev) and size <= max_chars // 2)
                 or (_divides(block, prev[0]) and size <= max_chars))
        ):
            prev.append(block)
        else:
            groups.append([block])
    return groups


def _tiny_neighbours(block: Block, group: list[Block]) -> bool:
    """A tiny block beside tiny ones, or an unnumbered one beside unnumbered ones."""
    return len(block.text) < TINY and (all(len(b.text) < TINY for b in group)
                                       or (block.para_id is None and not any(b.para_id for b in group)))


def _divides(block: Block, first: Block) -> bool:
    """Whether `block` is a lettered item of the paragraph `first` or of the paragraph `first` is an item of
    ("87(6)(g)" beside "87(6)" or "87(6)(e)"): it stays in one passage with them, as printed, and keeps its own
    number among the passage's."""
    if not first.para_id or not block.para_id:
        return False
    return (block.para_id.startswith(f"{item_parent(first.para_id)}(")
            and LETTERED_ITEM.search(block.para_id) is not None)


def _join_small_tables(pieces: list[_Piece], max_chars: int) -> list[_Piece]:
    """A small table and the text right after it under the same heading (a total line, an Ofsted
    judgement table and its summary) read as one passage."""
    out: list[_Piece] = []
    for piece in pieces:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.kind == "table"
            and piece.kind == "text"
            and len(prev.text) < SMALL_TABLE
            and prev.section == piece.section
            and len(prev.text) + len(piece.text) < max_chars
        ):
            ids = prev.para_ids + [p for p in piece.para_ids if p not in prev.para_ids]
            out[-1] = _Piece(f"{prev.text}\n{piece.text}", prev.start, piece.end, ids, prev.section, "text")
        else:
            out.append(piece)
    return out


def _merged(group: list[Block]) -> _Piece:
    """One passage of small blocks; a block with no number of its own beside numbered ones is cited by its
    heading's number, as it is when it stands alone."""
    numbered = any(b.para_id for b in group)
    ids: list[str] = []
    for block in group:
        own = [block.para_id] if block.para_id else heading_number(" > ".join(block.heading_path)) if numbered else []
        ids.extend(pid for pid in own if pid not in ids)
    text = "\n".join(b.text for b in group)
    return _Piece(text, group[0].start, group[-1].end, ids, " > ".join(group[0].heading_path))


def _split_block(block: Block, text: str, max_chars: int, overlap: int) -> list[_Piece]:
    """Pieces of a long block, cut at line or sentence ends, each mapped back to original offsets."""
    spans = split_spans(block.text, max_chars, overlap)
    clean = clean_span(text, block.start, block.end)
    lead = len(clean.text) - len(clean.text.lstrip())
    mapped = clean.text.strip() == block.text
    section = " > ".join(block.heading_path)
    ids = [block.para_id] if block.para_id else []
    pieces = []
    for a, b in spans:
        if mapped:
            start, end = clean.source_range(a + lead, b + lead)
        else:  # should not happen; keep offsets inside the block, proportionally
            size = max(len(block.text), 1)
            start = block.start + (block.end - block.start) * a // size
            end = block.start + (block.end - block.start) * b // size
        pieces.append(_Piece(block.text[a:b].strip(), start, end, list(ids), section))
    return pieces


def split_spans(text: str, max_chars: int, overlap: int) -> list[tuple[int, int]]:
    """[start, end) spans of `text`, each at most about `max_chars`, cut at sentence or line ends,
    each after the first starting up to `overlap` characters before the previous one ended."""
    units = _units(text, max_chars)
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(units):
        start, j = units[i][0], i
        while j + 1 < len(units) and units[j + 1][1] - start <= max_chars:
            j += 1
        spans.append((start, units[j][1]))
        if j + 1 >= len(units):
            break
        k = j + 1
        while k - 1 > i and units[j][1] - units[k - 1][0] <= overlap:
            k -= 1
        i = k
    return spans


def _units(text: str, max_chars: int) -> list[tuple[int, int]]:
    """Sentence/line spans of `text`; a unit longer than `max_chars` is cut at word boundaries."""
    bounds, pos = [], 0
    for m in _SENTENCE_END.finditer(text):
        if m.start() > pos:
            bounds.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        bounds.append((pos, len(text)))
    units: list[tuple[int, int]] = []
    for a, b in bounds:
        while b - a > max_chars:
            cut = text.rfind(" ", a, a + max_chars)
            cut = cut if cut > a else a + max_chars
            units.append((a, cut))
            a = cut + 1 if text[cut : cut + 1] == " " else cut
        if b > a:
            units.append((a, b))
    return units


def _table_pieces(block: Block, text: str, max_chars: int) -> list[_Piece]:
    """Groups of rows, each chunk starting with the table's caption and header row."""
    header = block.table_header
    header_row = header.split("\n")[-1] if header else ""
    if len(header) > max_chars // 3:  # a huge header row would crowd out the rows it heads
        header = header[: max_chars // 3].rsplit(" ", 1)[0] + " …"
    rows = [r for r in table_rows(text, block.start, block.end) if r.text != header_row]
    section = " > ".join(block.heading_path)
    ids = [block.para_id] if block.para_id else []
    budget = max(max_chars - len(header) - 1, max_chars // 3)
    pieces: list[_Piece] = []
    group: list = []
    label = opening = ""  # the group row in force ("KENTWOOD"), and the one in force where this piece opens
    for row in (part for whole in rows for part in _row_parts(whole, budget)):
        if group and sum(len(r.text) + 1 for r in group) + len(row.text) > budget:
            pieces.append(_table_piece(header, group, ids, section, opening))
            group = []
        if not group:
            opening = "" if is_group_row(row.cells) else label
        if is_group_row(row.cells):
            label = row.text
        group.append(row)
    if group:
        pieces.append(_table_piece(header, group, ids, section, opening))
    return pieces


def _row_parts(row: Row, budget: int) -> list[Row]:
    """A row longer than a chunk (wordy cells read as one line each) cut at sentence ends, each part a row of
    its own under the same header; offsets shared out along the row's line."""
    if len(row.text) <= budget:
        return [row]
    size, span = len(row.text), row.end - row.start
    return [Row(row.text[a:b].strip(), row.start + span * a // size, row.start + span * b // size, row.cells)
            for a, b in split_spans(row.text, budget, 0)]


def _table_piece(header: str, rows: list, ids: list[str], section: str, group_row: str = "") -> _Piece:
    """Rows under the table's header and, when the piece opens inside a group, that group's row."""
    body = "\n".join(([group_row] if group_row else []) + [r.text for r in rows])
    text = f"{header}\n{body}" if header else body
    return _Piece(text, rows[0].start, rows[-1].end, list(ids), section, "table")


def _chunk(piece: _Piece, report: Report, extracted: ExtractedText, document_id: str, file_name: str,
           ordinal: int) -> Chunk:
    meta = report.meta
    ids = piece.para_ids or heading_number(piece.section)
    pid = ids[0] if ids else "p"
    stamp = extracted.agenda_item_at(piece.start)
    return Chunk(
        chunk_id=f"{document_id}:{pid}:{text_hash(piece.text)}",
        document_id=document_id,
        file_name=file_name,
        text=piece.text,
        report_title=report.title,
        char_start=piece.start,
        char_end=piece.end,
        paragraph_ids=ids,
        pages=extracted.pages_for(piece.start, piece.end),
        section=piece.section,
        council=meta.council,
        committee=meta.committee,
        meeting_date=meta.meeting_date,
        doc_type=meta.doc_type,
        agenda_item=_item_number(stamp) if stamp else meta.agenda_item,
        author=meta.author,
        access="exempt" if meta.access == "exempt" else "public",
        ordinal=ordinal,
    )


def _item_number(stamp: str) -> str:
    m = re.search(r"\d{1,3}[a-z]?(?:\.\d+)?", stamp)
    return m.group(0) if m else stamp


def make_ids_unique(chunks: list[Chunk]) -> None:
    """Identical passages in one document get their ordinal appended to the id."""
    seen: set[str] = set()
    for chunk in chunks:
        if chunk.chunk_id in seen:
            chunk.chunk_id = f"{chunk.chunk_id}:{chunk.ordinal}"
        seen.add(chunk.chunk_id)
