"""Split one report into blocks: numbered paragraphs, unnumbered prose, and tables.

Walks the report line by line. A paragraph number that fits the sequence opens a paragraph, which
keeps its bullets, lettered sub-items, wrapped lines and following unnumbered text until the next
heading or number. Headings (Markdown, bold-only lines, numbered section headings such as "4.0
Training" or "1) Recommendation", short stand-alone lines) build the heading path. Runs of table rows
become table blocks, one per action id when rows carry ids ("1.1", "C3"). Minutes number their
paragraphs within each minute, so "3." under minute 90 becomes "90(3)".
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

from ingest.cleaning import clean_span, is_separator_line, running_header_lines
from ingest.footnotes import footnote_lines, reference_marks
from ingest.lines import (
    bold_continuation,
    heading_text,
    is_contents_entry,
    is_list_item,
    lettered_runs,
    marked_heading,
    plain_heading_run,
    reads_as_heading,
    short_numbered_lists,
    split_lines,
    title_like,
)
from ingest.models import Block, PageSpan
from ingest.numbering import (
    NumberMatch,
    SequenceTracker,
    heading_number,
    item_parent,
    match_number,
    running_sequences,
)
from ingest.tables import is_table_line, table_blocks

log = logging.getLogger(__name__)

_ITEM_HINT = re.compile(r"^\s*\(Item\s+\d+[A-Za-z]?\)", re.IGNORECASE)
_MINUTES_HINT = re.compile(r"^\s*(?:\(Item\s+\d+|MINUTES of)", re.IGNORECASE | re.MULTILINE)

_NUMBER_LED = re.compile(r"\d{1,3}[.)]?\s+[A-Z]")


@dataclass
class _Open:
    """The block being built: its kind, para id, first and last line, and heading path."""

    kind: str
    para_id: str | None
    first: int
    last: int
    path: list[str]


@dataclass
class _State:
    headings: list[tuple[int, str, bool]] = field(default_factory=list)  # (level, text, numbered)
    current: _Open | None = None
    para_id: str | None = None  # number in force for unnumbered text (after "4.1 Title" or a table)
    para_from_heading: bool = False  # ... set by a numbered heading ("3.5 Current Caseload"), not a paragraph
    minute: int | None = None
    sub: SequenceTracker = field(default_factory=SequenceTracker)
    table: list[int] = field(default_factory=list)
    # heading lines not (yet) followed by content, kept as prose if none comes
    bare_headings: list[tuple[int, list[str]]] = field(default_factory=list)
    heading_end: int | None = None  # the line after the last numbered heading
    numbered_children: bool = False  # the innermost numbered heading has numbered paragraphs under it


class BlockParser:
    """Parses `text[start:end]` (one report) into Blocks; `title` headings are left out of paths."""

    def __init__(self, text: str, start: int, end: int, *, title: str = "",
                 pages: list[PageSpan] | None = None) -> None:
        self.text = text
        self.lines = split_lines(text, start, end)
        self.skip = running_header_lines([ln.text for ln in self.lines])
        # footnotes are read as text of the passage they print under, never as numbered headings
        self.footnotes = footnote_lines(self.lines, pages or [], reference_marks(text[start:end]))
        self.title = title.strip().lower()
        self.minutes = bool(_MINUTES_HINT.search(text[start:end]))
        self.seq = SequenceTracker(running_sequences([ln.text for ln in self.lines]))
        self.state = _State()
        self.blocks: list[Block] = []
        self.list_lines = short_numbered_lists(self.lines)
        self.lettered = lettered_runs(self.lines)
        self.last_simple: int | None = None  # the last simple-numbered paragraph ("13."), not heading

    def parse(self) -> list[Block]:
        i = 0
        while i < len(self.lines):
            i = self._step(i)
        self._close_table()
        self._close()
        self._flush_bare_headings()
        return self.blocks

    # -- one line -------------------------------------------------------------------------------
    def _step(self, i: int) -> int:
        line = self.lines[i]
        if i in self.skip:
            return i + 1
        if line.blank or is_separator_line(line.text):
            if self.state.table and is_separator_line(line.text):
                self.state.table.append(i)
            return i + 1
        if is_table_line(line.text, in_table=bool(self.state.table)) and (self.state.table or self._table_follows(i)):
            self._close()
            self.state.table.append(i)
            return i + 1
        self._close_table()
        if i in self.footnotes:
            self._text(i)
            return i + 1
        if is_contents_entry(line.text) or self._wrapped_contents_entry(i):
            self._contents_entry(i)
            return i + 1
        if i in self.lettered and (parent := self.state.para_id or self._heading_number(i)):
            self._open_paragraph(i, f"{item_parent(parent)}({self.lettered[i]})")
            return i + 1
        number = match_number(line.text)
        if number is not None:
            handled = self._numbered(i, number)
            if handled:
                return handled
            if i in self.list_lines:  # an item of a short numbered list is its text, not a heading
                self._text(i)
                return i + 1
        heading = marked_heading(line.text)
        if heading is not None:
            return self._heading(i, i + 1 + bold_continuation(self.lines, i), heading, numbered=False)
        run = plain_heading_run(self.lines, i) if self._after_break(i) else 0
        if run:
            raw = " ".join(ln.text for ln in self.lines[i : i + run])
            return self._heading(i, i + run, heading_text(raw), numbered=False)
        self._text(i)
        return i + 1

    def _numbered(self, i: int, m: NumberMatch) -> int:
        """Handle a line that starts with a number; returns the next index, or 0 to treat as text."""
        if self.minutes and m.style == "simple" and self._minute_header(i):
            return self._minute(i, m)
        if self.minutes and self.state.minute is not None and m.style == "simple":
            if not self.state.sub.accepts(m):
                return 0
            self.state.sub.record(m)
            self._open_paragraph(i, f"{self.state.minute}({m.para_id})")
            return i + 1
        if i in self.list_lines and not (self.last_simple is not None and m.parts[0] == self.last_simple + 1):
            return 0
        if m.style in ("minute", "paren", "label", "prefixed"):
            if not self.seq.accepts(m):
                return 0
            self.seq.record(m)
            self._open_paragraph(i, m.para_id)
            return i + 1
        if m.style in ("close", "bare"):
            marked = marked_heading(self.lines[i].text) is not None
            if title_like(m.rest, max_len=200 if marked else 80) and (marked or self.seq.heading_ok(m.parts[0])):
                self.seq.section_heading(m.parts[0])
                return self._heading(i, i + 1, heading_text(self.lines[i].text), numbered=True, level=1)
            return 0
        if not self.seq.accepts(m):
            return 0
        return self._accepted(i, m)

    def _accepted(self, i: int, m: NumberMatch) -> int:
        more = bold_continuation(self.lines, i)
        heading_like = (title_like(m.rest, max_len=80) and (more > 0 or self._ends_paragraph(i))
                        and (m.is_section_zero or reads_as_heading(m.rest)))
        if m.is_section_zero and (heading_like or not m.rest):
            self.seq.record(m)
            raw = " ".join(ln.text for ln in self.lines[i : i + 1 + more])
            return self._heading(i, i + 1 + more, heading_text(raw), numbered=True, level=1)
        self.seq.record(m)
        if m.is_section_zero:  # "2.0 RECOMMENDATION: That the report be noted." heads its section too
            label = re.split(r"[:.]", heading_text(self.lines[i].text))[0]
            self._heading(i, i + 1, label, numbered=True, level=1)
            self.state.bare_headings.clear()
        if m.style == "simple":
            self.seq.section_heading(m.parts[0])
            self.seq.simple = m.parts[0]
        if heading_like and m.rest:
            level = 1 if m.style == "simple" else 2
            nxt = self._heading(i, i + 1, heading_text(self.lines[i].text), numbered=True, level=level)
            self.state.para_id = m.para_id if m.style == "dotted" else None
            self.state.para_from_heading = self.state.para_id is not None
            return nxt
        if m.style == "simple":
            self.last_simple = m.parts[0]
        self._open_paragraph(i, m.para_id)
        return i + 1

    def _minute_header(self, i: int) -> bool:
        return any(_ITEM_HINT.match(self.lines[j].text) for j in range(i + 1, min(i + 5, len(self.lines))))

    def _minute(self, i: int, m: NumberMatch) -> int:
        self.state.minute = m.parts[0]
        self.state.sub = SequenceTracker()
        end = i + 1
        while end < len(self.lines) and not self.lines[end].blank and not _ITEM_HINT.match(self.lines[end - 1].text):
            end += 1
        title = heading_text(" ".join(ln.text for ln in self.lines[i:end]))
        self._heading(i, i + 1, re.sub(r"\s*\(Item\s+\d+[A-Za-z]?\)\s*$", "", title), numbered=True, level=1)
        self._open_paragraph(i, m.para_id)
        return i + 1

    # -- headings and text ----------------------------------------------------------------------
    def _heading(self, i: int, end: int, text: str, *, numbered: bool, level: int | None = None) -> int:
        self._close()
        st = self.state
        # A heading that starts with its number ("6 Public Forum", read as plain text when the numbering was
        # not tracked) heads an item; an unnumbered heading after one is inside it ("Q52 - Brendan Taylor").
        led = numbered or _NUMBER_LED.match(text) is not None
        if level is None:  # unnumbered: a subheading only inside a numbered section with numbered paragraphs
            level = 3 if st.numbered_children and any(n for _, _, n in st.headings) else (
                1 if led else 2 if any(n for _, _, n in st.headings) else 1)
        # The number in force ends with a new numbered heading or a new section. An unnumbered subheading
        # under a numbered heading ("Table 1: Caseload" under "3.5 Current Caseload") is still part of
        # that numbered item; after a numbered paragraph, it starts something the paragraph does not hold.
        if numbered or level == 1 or not st.para_from_heading:
            st.para_id = None
        st.heading_end = end if numbered else None
        if text.lower() == self.title or not text:
            return end
        self._emit_bare_headings()
        while st.headings and st.headings[-1][0] >= level:
            st.headings.pop()
        st.headings.append((level, text, led))
        if numbered and level == 1:
            st.numbered_children = False
        elif numbered:
            st.numbered_children = True
        if not numbered and marked_heading(self.lines[i].text) is None:
            st.bare_headings.append((i, self._path()))
        return end

    def _text(self, i: int) -> None:
        st = self.state
        cur = st.current
        line = self.lines[i].text
        if cur is not None:
            after_blank = self._after_break(i)
            continues = not after_blank or cur.kind == "paragraph" or line.strip()[:1].islower()
            if continues and not (cur.kind == "prose" and is_list_item(line)):
                cur.last = i
                return
        self._close()
        st.bare_headings.clear()
        kind = "paragraph" if st.para_id else "prose"
        st.current = _Open(kind, st.para_id, i, i, self._path())

    def _wrapped_contents_entry(self, i: int) -> bool:
        """Whether line `i` opens a contents entry wrapped over two lines ("5.6 Risk Analysis for ... to" over
        "One ........ 47")."""
        nxt = self.lines[i + 1].text if i + 1 < len(self.lines) else ""
        return is_contents_entry(nxt) and match_number(nxt) is None

    def _contents_entry(self, i: int) -> None:
        """A contents list is prose of no paragraph: its numbers and titles repeat the sections' own."""
        cur = self.state.current
        if cur is not None and cur.kind == "contents":
            cur.last = i
            return
        self._close()
        self.state.current = _Open("contents", None, i, i, self._path())

    def _open_paragraph(self, i: int, para_id: str) -> None:
        self._close()
        if not para_id.isdigit():
            self.state.numbered_children = True
        self.state.bare_headings.clear()
        self.state.para_id = para_id
        self.state.para_from_heading = False
        self.state.current = _Open("paragraph", para_id, i, i, self._path())

    def _heading_number(self, i: int) -> str | None:
        """The number of the numbered heading that lettered item `i` opens the run under ("70. STANDING ITEMS" /
        "(a) Works Programme" -> "70"): its sub-items are cited "70(a)", as under a numbered paragraph. Only for
        "(a)" printed right under the heading: after other text the letters may belong to something the reader
        did not number ("(4) RESOLVED that: (a) ...")."""
        st = self.state
        if self.lettered[i] != "a" or st.heading_end is None:
            return None
        if any(not self.lines[j].blank and j not in self.skip for j in range(st.heading_end, i)):
            return None
        return next(iter(heading_number(" > ".join(self._path()))), None)

    def _path(self) -> list[str]:
        return [t for _, t, _ in self.state.headings]

    def _after_break(self, i: int) -> bool:
        """Whether the previous non-skipped line is blank (or this is the first line)."""
        j = i - 1
        while j >= 0 and j in self.skip:
            j -= 1
        return j < 0 or self.lines[j].blank or is_table_line(self.lines[j].text, in_table=True)

    def _table_follows(self, i: int) -> bool:
        """Whether the table row at `i` has company: a lone tab-separated line is not a table."""
        j = i + 1
        while j < len(self.lines) and (self.lines[j].blank or j in self.skip) and j - i <= 2:
            j += 1
        if j >= len(self.lines):
            return False
        nxt = self.lines[j].text
        return is_separator_line(nxt) or is_table_line(nxt, in_table=True)

    def _ends_paragraph(self, i: int) -> bool:
        """Whether the line after `i` is blank, a number, a heading, or the end."""
        j = i + 1
        if j >= len(self.lines) or self.lines[j].blank:
            return True
        nxt = self.lines[j].text
        return match_number(nxt) is not None or marked_heading(nxt) is not None

    # -- closing blocks -------------------------------------------------------------------------
    def _close(self) -> None:
        cur = self.state.current
        if cur is None:
            return
        self.state.current = None
        first, last = self.lines[cur.first], self.lines[cur.last]
        start = first.start + len(first.text) - len(first.text.lstrip())
        end = last.start + len(last.text.rstrip())
        clean = clean_span(self.text, start, end).text.strip()
        if clean and " ".join(clean.split()).lower() != self.title:
            kind = "prose" if cur.kind == "contents" else cur.kind
            self.blocks.append(Block(kind, clean, start, end, cur.path, cur.para_id))

    def _close_table(self) -> None:
        rows_at = self.state.table
        if not rows_at:
            return
        self.state.table = []
        start = self.lines[rows_at[0]].start
        end = self.lines[rows_at[-1]].end
        self.blocks.extend(table_blocks(self.text, start, end, self._path(), self.state.para_id,
                                         self._caption(rows_at[0])))
        self.state.bare_headings.clear()

    def _caption(self, first_row: int) -> str:
        """The short line just above a table ("Table 1a: ..."), if any."""
        j = first_row - 1
        while j >= 0 and (self.lines[j].blank or j in self.skip):
            j -= 1
        if j < 0 or first_row - j > 3:
            return ""
        caption = heading_text(self.lines[j].text)
        if match_number(self.lines[j].text) or is_list_item(self.lines[j].text):
            return ""
        return caption if title_like(caption, max_len=150) or caption.lower().startswith(("table", "figure")) else ""

    def _flush_bare_headings(self) -> None:
        self._emit_bare_headings()
        self.blocks.sort(key=lambda b: b.start)

    def _emit_bare_headings(self) -> None:
        """Keep short stand-alone lines that got no content (names, sign-offs) as prose too."""
        for i, path in self.state.bare_headings:
            line = self.lines[i]
            clean = clean_span(self.text, line.start, line.end).text.strip()
            if clean:
                self.blocks.append(Block("prose", clean, line.start, line.end, path[:-1], None))
        self.state.bare_headings.clear()


def parse_blocks(text: str, start: int, end: int, *, title: str = "",
                 pages: list[PageSpan] | None = None) -> list[Block]:
    """The blocks of the report spanning `text[start:end]`, in order (`pages`: a PDF's page spans)."""
    blocks = BlockParser(text, start, end, title=title, pages=pages).parse()
    log.debug("parsed %d blocks from [%d, %d)", len(blocks), start, end)
    return blocks
