"""HTML papers: the page's body as the Markdown-ish text of the seed papers ("## " headings, numbered
lists keep their numbers, "- " bullets, tab-separated table rows), without scripts, styles and menus.
"""

from __future__ import annotations

import codecs
import logging
import re
from pathlib import Path

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import PreformattedString
from markdownify import markdownify

from ingest.errors import UnreadablePaperError
from ingest.models import ExtractedText

logger = logging.getLogger(__name__)

DROP_TAGS = ("script", "style", "nav", "noscript", "template", "svg", "iframe", "button", "select", "head")
BLOCK_IN_CELL = ("h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "blockquote")
DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
TABLE_TOKEN = "CLERKTABLE{}X"
FILE_SIZE = re.compile(r"\s+(?:PDF|DOCX?|XLSX?|HTML?)\s+\d+(?:\.\d+)?\s*[KM]B$", re.I)
ITEM_NUMBER = re.compile(r"\(?\d{1,3}[a-z]?[.)]?")
# The converter recurses once per level of nesting and fails near 500 levels. Real pages nest a few dozen
# deep; old ones that never close a <font> or <p> nest one level per line, thousands deep.
MAX_DEPTH = 120
BLOCK_TAGS = frozenset(("p", "div", "br", "li", "tr", "td", "th", "table", "ul", "ol", "section", "article",
                        "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "hr", "center"))


def extract_html(path: Path) -> ExtractedText:
    """Clean text of an .html/.htm file; raises UnreadablePaperError if nothing readable is left."""
    data = path.read_bytes()
    if not data.strip():
        raise UnreadablePaperError("empty file")
    soup = BeautifulSoup(decode_html(data), "html.parser")
    root = soup.body or soup
    for tag in root.find_all(DROP_TAGS):
        if not tag.decomposed:
            tag.decompose()
    _flatten_deep_nesting(soup, root)
    tables = _replace_data_tables(soup, root)
    text = markdownify(
        str(root),
        heading_style="ATX",
        bullets="-",
        strip=["a", "img"],
        escape_underscores=False,
        escape_asterisks=False,
        escape_misc=False,
    )
    text = _tidy(text)
    for i, rows in enumerate(tables):
        text = text.replace(TABLE_TOKEN.format(i), rows)
    if not text.strip():
        raise UnreadablePaperError("no text: the HTML page has no readable content")
    return ExtractedText(text=text, format="html")


def page_title(path: Path) -> str:
    """The page's own `<title>`, one line ("" when it has none or cannot be read). The text extraction drops
    `<head>`, but a ModernGov meeting page names its meeting only there: its `<title>` is "Agenda for Cabinet
    on Thursday, 30th January, 2025, 10.00 am" while the body's heading is the generic "Agenda and minutes"."""
    try:
        data = path.read_bytes()
    except OSError:
        return ""
    tag = BeautifulSoup(decode_html(data), "html.parser").find("title")  # whole: a cut could split a UTF-8 character
    return " ".join(tag.get_text(" ").split()) if tag is not None else ""


def decode_html(data: bytes) -> str:
    """Bytes to text: the charset the page declares, else UTF-8, else Windows-1252 (old council sites)."""
    declared = DECLARED_CHARSET.search(data[:4096])
    candidates = [declared.group(1).decode("ascii")] if declared and _is_charset(declared.group(1)) else []
    for encoding in [*candidates, "utf-8-sig"]:
        try:
            return data.decode(encoding)
        except (LookupError, UnicodeError, ValueError):
            logger.debug("HTML does not decode as %s", encoding)
    return data.decode("cp1252", errors="replace")


def _flatten_deep_nesting(soup: BeautifulSoup, root: Tag) -> None:
    """Replace each element MAX_DEPTH levels down by its text, one paragraph per block, so the converter
    never recurses deeper than that. Walks the tree without recursion (bs4's descendants are a chain)."""
    depth = {id(root): 0}
    too_deep: list[Tag] = []
    for node in root.descendants:
        if isinstance(node, Tag):
            depth[id(node)] = level = depth.get(id(node.parent), 0) + 1
            if level == MAX_DEPTH:
                too_deep.append(node)
    if not too_deep:
        return
    logger.debug("HTML nested more than %d deep: %d subtrees flattened", MAX_DEPTH, len(too_deep))
    for tag in too_deep:
        flat = soup.new_tag("div")
        for line in _block_text(tag).split("\n"):
            if line := " ".join(line.split()):
                paragraph = soup.new_tag("p")
                paragraph.string = line
                flat.append(paragraph)
        tag.replace_with(flat)


def _block_text(tag: Tag) -> str:
    """A subtree's text with a line break where each block element starts (no recursion)."""
    parts: list[str] = []
    for node in tag.descendants:
        if isinstance(node, Tag):
            if node.name in BLOCK_TAGS:
                parts.append("\n")
        elif isinstance(node, NavigableString) and not isinstance(node, PreformattedString):
            parts.append(str(node))
    return "".join(parts)


# Python codecs that are not character sets of web pages: they unescape, or raise odd errors.
NOT_CHARSETS = frozenset(("unicode_escape", "raw_unicode_escape", "punycode", "idna", "utf_7", "undefined"))


def _is_charset(name: bytes) -> bool:
    try:
        codec = codecs.lookup(name.decode("ascii"))
    except LookupError:
        return False
    return codec._is_text_encoding and codec.name.replace("-", "_") not in NOT_CHARSETS  # type: ignore[attr-defined]


def _replace_data_tables(soup: BeautifulSoup, root: Tag) -> list[str]:
    """Swap each data table for a placeholder (filled with tab-separated rows after markdownify);
    layout tables (one column, or cells holding headings/lists/tables) are unwrapped into blocks."""
    tables: list[str] = []
    for table in root.find_all("table"):
        if table.decomposed or table.find_parent("table") is not None:
            continue
        if _is_layout_table(table) or _is_item_table(table):
            for row in _own_rows(table):
                _number_the_item(soup, row)
            for tag in table.find_all(["table", "thead", "tbody", "tfoot", "tr", "td", "th"]):
                tag.name = "div"
            table.name = "div"
            continue
        placeholder = soup.new_tag("p")
        placeholder.string = TABLE_TOKEN.format(len(tables))
        tables.append("\n".join(table_rows(table)))
        table.replace_with(placeholder)
    return tables


def _number_the_item(soup: BeautifulSoup, row: Tag) -> None:
    """An agenda's item table (ModernGov's "No. | Item"): a row whose first cell holds only the item number.
    Unwrapped, the number would stand alone on a line above the item; it is put in front of the item's
    title instead, as a heading, so the item's text is cited by its number ("1. Apologies for Absence")."""
    cells = _item_cells(row)
    if cells is None:
        return
    title = next((tag for tag in cells[1].find_all(["p", "h1", "h2", "h3", "h4", "h5", "h6", "div", "span"])
                  if tag.get_text(strip=True) and not tag.find(["p", "div", "table", "ul", "ol"])), None)
    if title is None:
        return
    heading = soup.new_tag("h3")
    text = FILE_SIZE.sub("", " ".join(title.get_text(" ").split()))  # "Minutes PDF 172 KB": the link's size label
    heading.string = f"{cells[0].get_text(' ', strip=True)} {text}"
    title.replace_with(heading)
    cells[0].decompose()


def _is_item_table(table: Tag) -> bool:
    """An agenda's items laid out as a table: a number cell beside a cell of several paragraphs (the item's
    title, its text, its minutes), which read as blocks, not as one table row."""
    return any((cells := _item_cells(row)) and len(cells[1].find_all(["p", "div"])) >= 2 for row in _own_rows(table))


def _item_cells(row: Tag) -> tuple[Tag, Tag] | None:
    """(number cell, item cell) of a row whose first cell holds only an item number ("1.", "12a")."""
    cells = row.find_all(["td", "th"], recursive=False)
    if len(cells) < 2 or not ITEM_NUMBER.fullmatch(cells[0].get_text(" ", strip=True)):
        return None
    return cells[0], cells[1]


def _is_layout_table(table: Tag) -> bool:
    rows = _own_rows(table)
    widest = max((len(row.find_all(["td", "th"], recursive=False)) for row in rows), default=0)
    if widest <= 1:
        return True
    return any(cell.find(BLOCK_IN_CELL) for row in rows for cell in row.find_all(["td", "th"], recursive=False))


def table_rows(table: Tag) -> list[str]:
    """Rows of a data table, header first as in the page, cells joined by tabs."""
    rows = []
    for row in _own_rows(table):
        cells = [" ".join(cell.get_text(" ").split()) for cell in row.find_all(["td", "th"], recursive=False)]
        if any(cells):
            rows.append("\t".join(cells))
    return rows


def _own_rows(table: Tag) -> list[Tag]:
    return [row for row in table.find_all("tr") if row.find_parent("table") is table]


def _tidy(text: str) -> str:
    """Trailing spaces off each line, no run of more than one blank line, no blank lines at the ends."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\xa0", " ").splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")
