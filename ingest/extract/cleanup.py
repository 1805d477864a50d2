"""Clean-ups for the lines of paged text (PDF pages): what a reader skips, the parser must not see.

Each function takes and returns plain lines so it can be tested alone. Line structure is kept on purpose:
the structure parser finds numbered paragraphs ("3.1 Text") and tables (tab-separated cells) by line.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable

PRIVATE_USE = re.compile("[\ue000-\uf8ff]")
BULLET_START = re.compile("^[\ue000-\uf8ff•◼▪●○■□◦‣➢➤►✓✔·]+[ \t]*(?=\\S)")
SUB_BULLET = re.compile(r"^o\t(?=\S)")  # Word's second-level bullet is a Courier "o" and a tab stop
ENUMERATOR_TAB = re.compile(
    r"^(\(?\d{1,3}(?:\.\d{1,3}){0,3}[.)]?|\([a-zA-Z]{1,4}\)|[a-zA-Z][.)]|[ivxIVX]{1,5}[.)]|-)\t"
    r"(?=[^\d\t]|[^\t]*$)"
)
PAGE_STAMP = re.compile(r"(?i)^(?:page\s+\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?|\d{1,3}(?:\s*(?:of|/)\s*\d{1,3})?)$")
PAGE_STAMP_CELL = re.compile(r"(?i)\t+page\s+\d{1,4}(?:\s*of\s*\d{1,4})?$")
BLANK_NOTICE = re.compile(r"(?i)^(?:this\s+page\s+(?:is\s+)?(?:has\s+been\s+)?intentionally\s+(?:left\s+)?blank\.?)$")
AGENDA_STAMP = re.compile(r"(?i)^agenda\s+item\s+(\d{1,3}[a-z]?(?:\.\d{1,3})?)$")
HYPHEN_END = re.compile(r"(\w+)-$")
WORD = re.compile(r"[a-z]+(?:-[a-z]+)*")
PAGE_NUMBER_END = re.compile(r"^\d{1,4}\s+|\s+\d{1,4}$")
EDGE_LINES = 3  # running headers and footers live in the first / last few lines of a page


def strip_glyphs(line: str) -> str:
    """Private-use glyphs (Wingdings bullets such as U+F06E, U+F0A7) go; a leading bullet ("•", "◼",
    a private-use glyph, Word's "o" sub-bullet) becomes "- "."""
    line = PRIVATE_USE.sub("", BULLET_START.sub("- ", SUB_BULLET.sub("- ", line)))
    return re.sub(r" {2,}", " ", line).strip()


def join_enumerator(line: str) -> str:
    """'3.1<tab>Text' -> '3.1 Text': a tab stop after a paragraph number is not a table column.

    A number followed by a digit is only joined when no other cell follows ("90.<tab>24/00109 - ..."),
    so table rows such as "1<tab>45<tab>67" keep their cells.
    """
    return ENUMERATOR_TAB.sub(r"\1 ", line)


def take_agenda_item(lines: list[str]) -> tuple[list[str], str | None]:
    """Remove "Agenda Item N" stamps (whole line or one cell of a line); return the first N found."""
    found: str | None = None
    kept: list[str] = []
    for line in lines:
        cells = line.split("\t")
        rest = []
        for cell in cells:
            match = AGENDA_STAMP.match(cell.strip())
            if match:
                found = found or match.group(1)
            else:
                rest.append(cell)
        if len(rest) != len(cells) and not any(c.strip() for c in rest):
            continue
        kept.append("\t".join(rest))
    return kept, found


def drop_page_furniture(lines: list[str]) -> list[str]:
    """Drop "Page N (of M)" stamps, bare page numbers at the top or bottom, and blank-page notices."""
    content = [i for i, line in enumerate(lines) if line.strip()]
    edges = set(content[:2] + content[-2:])
    kept = []
    for i, line in enumerate(lines):
        text = PAGE_STAMP_CELL.sub("", line).strip()
        if BLANK_NOTICE.match(text):
            continue
        if PAGE_STAMP.match(text) and (i in edges or text.lower().startswith("page")):
            continue
        kept.append(text if line.strip() else "")
    return kept


def furniture_key(line: str) -> str:
    """A line as compared across pages: spacing and a leading/trailing page number ignored; with at most
    two other numbers those are ignored too ("Page 3 of 9" ~ "Page 4 of 9"), else they must repeat."""
    key = PAGE_NUMBER_END.sub("", re.sub(r"\s+", " ", line).strip().lower())
    return re.sub(r"\d+", "#", key) if len(re.findall(r"\d+", key)) <= 2 else key


def _may_be_furniture(line: str) -> bool:
    """Rows of three or more cells are table rows (a header repeated on each page is content)."""
    return line.count("\t") < 2 and bool(line.strip())


def running_lines(pages: list[list[str]]) -> set[str]:
    """Keys of lines repeated at the top or bottom of many pages: running headers and footers."""
    if len(pages) < 2:
        return set()
    counts: Counter[str] = Counter()
    for lines in pages:
        content = [line for line in lines if line.strip()]
        edges = content[:EDGE_LINES] + content[-EDGE_LINES:]
        counts.update({furniture_key(line) for line in edges if _may_be_furniture(line)})
    needed = 2 if len(pages) <= 3 else max(3, math.ceil(0.15 * len(pages)))
    return {key for key, n in counts.items() if n >= needed and key.strip("#. ")}


def drop_running_lines(lines: list[str], keys: set[str]) -> list[str]:
    """Remove this page's header/footer lines (only among its first and last few content lines)."""
    content = [i for i, line in enumerate(lines) if line.strip()]
    edges = set(content[:EDGE_LINES] + content[-EDGE_LINES:])
    return [
        line
        for i, line in enumerate(lines)
        if i not in edges or not _may_be_furniture(line) or furniture_key(line) not in keys
    ]


def vocabulary(pages: Iterable[list[str]]) -> set[str]:
    """Lower-case words and hyphenated compounds seen whole in the document, to decide hyphen joins.

    The fragments of words broken at a line end ("recom-" / "mendation") are left out: they would
    otherwise vouch for themselves.
    """
    vocab: set[str] = set()
    for lines in pages:
        broken = False
        for line in lines:
            text = line.lower()
            if broken:
                text = re.sub(r"^\S+", "", text)
            broken = bool(HYPHEN_END.search(text))
            if broken:
                text = HYPHEN_END.sub("", text)
            vocab.update(WORD.findall(text))
    return vocab


def join_hyphenated(lines: list[str], vocab: set[str]) -> list[str]:
    """Re-join a word broken at a line end: "recom-" + "mendation", "2024-" + "25" -> "2024-25".

    The joined line replaces both lines. Table rows (with tabs) are left alone: their cells wrap
    independently and joining would shift the columns.
    """
    out: list[str] = []
    pending = ""
    for nxt in [*lines, ""]:
        match = HYPHEN_END.search(pending)
        if match and nxt and "\t" not in pending and "\t" not in nxt and _continues(match.group(1), nxt):
            keep = _keep_hyphen(match.group(1), nxt.split()[0], vocab)
            pending = pending[:-1] + ("-" if keep else "") + nxt  # may end in a hyphen again: loop on
            continue
        out.append(pending)
        pending = nxt
    return out[1:]


def _continues(left: str, nxt: str) -> bool:
    """The next line carries on the broken word: lower-case letters after a word, digits after digits."""
    if left[-1].isdigit():
        return nxt[0].isdigit()
    return nxt[0].islower()


def _keep_hyphen(left: str, right_word: str, vocab: set[str]) -> bool:
    """Keep the hyphen for number ranges and compounds ("multi-agency"); drop it for split words."""
    if left[-1].isdigit() or not left.isalpha() or not left.islower() and not left.istitle():
        return True
    right = re.match(r"[a-z]+", right_word.lower())
    if right is None:
        return True
    left_l, right_l = left.lower(), right.group(0)
    if f"{left_l}-{right_l}" in vocab:
        return True
    if left_l + right_l in vocab:
        return False
    return left_l in vocab and right_l in vocab and len(left_l) > 1


def squeeze_blank_lines(lines: list[str]) -> list[str]:
    """At most one blank line in a row, none at either end."""
    out: list[str] = []
    for line in lines:
        if line.strip() or (out and out[-1].strip()):
            out.append(line if line.strip() else "")
    while out and not out[-1].strip():
        out.pop()
    return out
