"""Fuzz the parsers: whatever bytes arrive under a paper's extension, reading them (extract, structure,
chunk: everything the parsing worker runs) either gives chunks a store can write or fails with an
IngestError whose reason is one line naming no path. Bounded: EXAMPLES per test, a few seconds each.

Random bytes mostly stop at the first check ("not a PDF"), so most tests mutate real, valid files made
here (a PDF from fpdf2, a Word package from python-docx, a page of tag soup) where the parsers go deep:
truncated and overwritten PDFs, garbage cross-reference tables, page counts of a billion, page trees that
point at themselves, Word packages with missing parts, bad XML, nonsense numbering and style loops, HTML
nested thousands deep, pages declaring odd charsets, text with NULs and lone surrogates. Inputs that
crashed or hung a parser are kept at the end as regression tests (built here, no binary blobs).
"""

from __future__ import annotations

import io
import re
import signal
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import docx
import pytest
from fpdf import FPDF
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.errors import IngestError
from ingest.extract import extract
from ingest.paper import chunk_paper

EXAMPLES = 300
SECONDS_PER_INPUT = 20  # a parser still busy after this has hung (the worker's limit in production)
PARAGRAPHS = "\n\n".join(f"1.{i} The council will keep library {i} open, at a cost of £{i}5,000 a year."
                         for i in range(1, 6))


def check(tmp: Path, suffix: str, data: bytes) -> None:
    """Reading `data` as a `suffix` file gives writable chunks or a one-line, path-free IngestError."""
    path = tmp / f"fuzz{suffix}"
    path.write_bytes(data)
    try:
        with time_limit(SECONDS_PER_INPUT):
            paper = chunk_paper(path, document_id="fuzz")
    except IngestError as exc:
        reason = str(exc)
        assert reason and "\n" not in reason and len(reason) <= 300, reason
        assert str(tmp) not in reason and "/tmp" not in reason and str(path.name) not in reason, reason
        return
    for chunk in paper.chunks:  # what the store will write: valid UTF-8, no NUL
        chunk.text.encode("utf-8")
        chunk.report_title.encode("utf-8")
        assert "\x00" not in chunk.text


@contextmanager
def time_limit(seconds: int) -> Iterator[None]:
    def hung(signum: int, frame: object) -> None:
        raise AssertionError(f"parser still running after {seconds} s: a hang")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def fuzz(test: Callable[..., None]) -> Callable[..., None]:
    return settings(max_examples=EXAMPLES, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                           HealthCheck.data_too_large])(test)


# ---- random bytes under every extension -------------------------------------------------------------

@pytest.mark.parametrize("suffix", [".txt", ".md", ".html", ".pdf", ".docx"])
@fuzz
@given(data=st.binary(max_size=4000))
def test_random_bytes(tmp_path: Path, suffix: str, data: bytes) -> None:
    check(tmp_path, suffix, data)


# ---- PDFs -------------------------------------------------------------------------------------------

@cache
def valid_pdf() -> bytes:
    pdf = FPDF()
    pdf.set_compression(False)  # content streams in the clear, so mutations reach the text operators
    for page in range(2):
        pdf.add_page()
        pdf.set_font("Helvetica", size=11)
        pdf.multi_cell(0, 6, f"Library Review, part {page + 1}\n\n{PARAGRAPHS}")
    return bytes(pdf.output())


def _pdf_edit(data: bytes, edit: tuple[str, int, bytes]) -> bytes:
    kind, at, junk = edit
    at %= len(data)
    if kind == "truncate":
        return data[:at]
    if kind == "overwrite":
        return data[:at] + junk + data[at + len(junk):]
    if kind == "insert":
        return data[:at] + junk + data[at:]
    if kind == "xref":  # the cross-reference table replaced by garbage
        start = data.rfind(b"xref")
        return data[:start] + b"xref\n0 9\n" + junk * 3 + data[data.rfind(b"trailer"):]
    if kind == "no-xref":
        return data[: data.rfind(b"xref")] + b"trailer\n<< /Root 2 0 R >>\n%%EOF\n"
    if kind == "count":  # a page count of a billion
        return re.sub(rb"/Count \d+", b"/Count 999999999", data)
    if kind == "kids-loop":  # the page tree lists itself as its own page
        return data.replace(b"/Kids [3 0 R", b"/Kids [1 0 R 3 0 R", 1)
    if kind == "parent-loop":
        return data.replace(b"/Parent 1 0 R", b"/Parent 3 0 R", 1)
    if kind == "nest":  # deeply nested arrays in a content stream
        mark = data.find(b"BT ")
        return data[:mark] + b"[" * (200 + at % 5000) + b"\n" + data[mark:]
    if kind == "length":  # a stream claiming a huge length
        return re.sub(rb"/Length \d+", b"/Length 99999999999", data, count=1)
    if kind == "text":  # odd bytes inside a text operator
        return data.replace(b"(1.1 ", b"(" + junk.replace(b")", b"").replace(b"\\", b"") + b" ", 1)
    return data


PDF_EDITS = st.tuples(
    st.sampled_from(["truncate", "overwrite", "insert", "xref", "no-xref", "count", "kids-loop", "parent-loop",
                     "nest", "length", "text"]),
    st.integers(min_value=0, max_value=1 << 20), st.binary(min_size=1, max_size=64))


@fuzz
@given(edits=st.lists(PDF_EDITS, min_size=1, max_size=3))
def test_damaged_pdfs(tmp_path: Path, edits: list[tuple[str, int, bytes]]) -> None:
    data = valid_pdf()
    for edit in edits:
        data = _pdf_edit(data, edit) or b"%PDF-"
    check(tmp_path, ".pdf", data)


# ---- Word packages ----------------------------------------------------------------------------------

@cache
def valid_docx_parts() -> dict[str, bytes]:
    document = docx.Document()
    document.add_heading("Library Review", 1)
    for line in PARAGRAPHS.split("\n\n"):
        document.add_paragraph(line.split(" ", 1)[1], style="List Number")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text, table.cell(1, 0).text = "Library", "Budget", "Central"
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(buffer) as package:
        return {name: package.read(name) for name in package.namelist()}


def package(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for name, content in parts.items():
            out.writestr(name, content)
    return buffer.getvalue()


VALUES = st.sampled_from(["0", "1", "2", "8", "9", "-1", "x", "", "99999999999999999", "1" * 5000, "Heading1",
                          "ListNumber", "bullet", "lowerRoman", "upperLetter", "decimalZero", "none", "%1.%2.%9",
                          "%0", "Normal"])
WML_TAGS = ["w:p", "w:r", "w:t", "w:tbl", "w:tr", "w:tc", "w:sdt", "w:sdtContent", "w:pPr", "w:numPr", "w:ilvl",
            "w:numId", "w:pStyle", "w:gridSpan", "w:vMerge", "w:hyperlink", "w:tcPr", "w:br", "w:tab"]


def _element(tag: str, value: str, children: list[str]) -> str:
    return f'<{tag} w:val="{value}">{"".join(children)}</{tag}>'


WML = st.recursive(
    st.text(alphabet=st.characters(blacklist_categories=["Cs", "Cc"]), max_size=40).map(
        lambda t: "<w:r><w:t>" + t.replace("&", "&amp;").replace("<", "&lt;") + "</w:t></w:r>"),
    lambda children: st.builds(_element, st.sampled_from(WML_TAGS), VALUES, st.lists(children, max_size=4)),
    max_leaves=25)


def _set_values(xml: bytes, edits: dict[int, str]) -> bytes:
    """The n-th w:val attribute set to edits[n]."""
    count = iter(range(1 << 30))
    return re.sub(rb'w:val="[^"]*"', lambda m: (f'w:val="{edits[n]}"'.encode() if (n := next(count)) in edits
                                                 else m.group(0)), xml)


@fuzz
@given(body=st.lists(WML, max_size=6), values=st.dictionaries(st.integers(min_value=0, max_value=400), VALUES,
                                                              max_size=20),
       dropped=st.sets(st.sampled_from(["word/styles.xml", "word/numbering.xml", "[Content_Types].xml",
                                        "word/_rels/document.xml.rels", "_rels/.rels"]), max_size=2),
       cut=st.none() | st.integers(min_value=0, max_value=5000))
def test_damaged_word_packages(tmp_path: Path, body: list[str], values: dict[int, str], dropped: set[str],
                               cut: int | None) -> None:
    parts = dict(valid_docx_parts())
    document = parts["word/document.xml"].decode()
    start, end = document.index("<w:body>") + len("<w:body>"), document.index("<w:sectPr")
    parts["word/document.xml"] = (document[:start] + "".join(body) + document[start:end]
                                  + document[end:]).encode()
    for name in ("word/numbering.xml", "word/styles.xml"):  # nonsense in numbering levels and style links
        parts[name] = _set_values(parts[name], values)
    if cut is not None:
        parts["word/document.xml"] = parts["word/document.xml"][:cut]
    for name in dropped:
        parts.pop(name, None)
    check(tmp_path, ".docx", package(parts))


@fuzz
@given(parts=st.dictionaries(st.sampled_from(["[Content_Types].xml", "word/document.xml", "_rels/.rels",
                                              "word/_rels/document.xml.rels"]), st.binary(max_size=800), max_size=4),
       xml=st.text(max_size=600))
def test_word_packages_of_junk(tmp_path: Path, parts: dict[str, bytes], xml: str) -> None:
    whole = dict(parts)
    whole.setdefault("word/document.xml", f'<w:document xmlns:w="x">{xml}</w:document>'.encode("utf-8", "replace"))
    check(tmp_path, ".docx", package(whole))


# ---- HTML -------------------------------------------------------------------------------------------

HTML_TAGS = ["div", "p", "font", "span", "table", "tr", "td", "th", "ul", "ol", "li", "h1", "h2", "pre", "b",
             "script", "style", "a", "br", "section", "thead", "tbody", "nav", "svg", "template"]
CHARSETS = ["utf-8", "utf-16", "utf-16-le", "utf-32", "cp1252", "latin-1", "utf-7", "unicode_escape",
            "raw_unicode_escape", "rot13", "x-bogus", "base64", "punycode", "idna"]
HTML_TEXT = st.sampled_from([*PARAGRAPHS.split("\n\n"), "&#0;", "&#xD800;", "&#x110000;", "&nbsp;", "&bogus;",
                             "<", ">", "&", "<!--", "-->", "<![CDATA[", "]]>", "\x00", "\ud800", "£", "\u2028",
                             "CLERKTABLE0X", "<br/>", "</td>", "</table>"]) | st.text(max_size=30)


def _tag(name: str, children: list[str], closed: bool) -> str:
    return f"<{name}>{''.join(children)}" + (f"</{name}>" if closed else "")


HTML = st.recursive(HTML_TEXT, lambda children: st.builds(_tag, st.sampled_from(HTML_TAGS),
                                                          st.lists(children, max_size=4), st.booleans()),
                    max_leaves=30)


@fuzz
@given(parts=st.lists(HTML, max_size=8), charset=st.sampled_from(CHARSETS), declared=st.booleans(),
       encoding=st.sampled_from(["utf-8", "utf-16", "cp1252", "utf-32"]),
       depth=st.sampled_from([0, 0, 0, 50, 400, 3000]), nest=st.sampled_from(["div", "font", "p", "td", "li"]))
def test_tag_soup(tmp_path: Path, parts: list[str], charset: str, declared: bool, encoding: str, depth: int,
                  nest: str) -> None:
    head = f'<head><meta charset="{charset}"></head>' if declared else ""
    body = f"<{nest}>" * depth + "".join(parts)  # never closed: nesting as old council pages do
    page = f"<html>{head}<body>{body}</body></html>"
    check(tmp_path, ".html", page.encode(encoding, "surrogatepass" if encoding.startswith("utf") else "replace"))


# ---- text in any encoding ---------------------------------------------------------------------------

TEXT_ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "cp1252", "latin-1"]


@fuzz
@given(text=st.text(max_size=2000), encoding=st.sampled_from(TEXT_ENCODINGS),
       junk=st.lists(st.sampled_from([b"\x00", b"\xed\xa0\x80", b"\xff\xfe", b"\xef\xbb\xbf", b"\x1a", b"\r",
                                      b"\xc3", b"\x80"]), max_size=6),
       at=st.integers(min_value=0, max_value=4000))
def test_text_in_any_encoding(tmp_path: Path, text: str, encoding: str, junk: list[bytes], at: int) -> None:
    data = (PARAGRAPHS + "\n\n" + text).encode(encoding, errors="replace")
    for piece in junk:  # stray NULs, a UTF-8-encoded lone surrogate, BOMs in the middle, lone bytes
        data = data[: at % (len(data) + 1)] + piece + data[at % (len(data) + 1):]
    check(tmp_path, ".txt", data)
    check(tmp_path, ".md", data)


# ---- inputs that crashed or hung a parser before the fixes: regression tests ------------------------

@pytest.mark.parametrize("charset", ["unicode_escape", "punycode", "utf-7", "rot13", "base64"])
def test_html_declaring_a_codec_that_is_no_charset(tmp_path: Path, charset: str) -> None:
    """charset=unicode_escape turned "\\ud800" into a lone surrogate that no store can write; punycode
    raised a UnicodeError that was not a UnicodeDecodeError. Such a declaration is ignored."""
    page = f'<html><head><meta charset="{charset}"></head><body><p>{PARAGRAPHS}</p><p>\\ud800 +2ADY-</p></body>'
    check(tmp_path, ".html", page.encode())
    assert "\\ud800 +2ADY-" in chunk_paper(tmp_path / "fuzz.html", document_id="x").chunks[-1].text


def test_a_lone_surrogate_from_any_parser_is_replaced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A PDF font can map a glyph to U+D800; whatever a parser returns, the text a store gets is UTF-8."""
    import ingest.extract.html as html

    monkeypatch.setattr(html, "decode_html", lambda data: data.decode("utf-8").replace("SURROGATE", "\ud800"))
    check(tmp_path, ".html", f"<p>{PARAGRAPHS} SURROGATE and a NUL \x00.</p>".encode())
    assert "\ufffd and a NUL ." in chunk_paper(tmp_path / "fuzz.html", document_id="x").chunks[-1].text


def test_unclosed_tags_a_thousand_deep_are_read(tmp_path: Path) -> None:
    """<font><p> opened on every line and never closed: the converter's RecursionError."""
    page = "<html><body>" + "".join(f"<font><p>{i}.1 Libraries stay open in ward {i}.\n" for i in range(1, 1200))
    check(tmp_path, ".html", page.encode())
    text = " ".join(c.text for c in chunk_paper(tmp_path / "fuzz.html", document_id="x").chunks)
    assert "ward 2." in text and "ward 600." in text and "ward 1199." in text


def test_word_style_based_on_itself(tmp_path: Path) -> None:
    """Normal based on Heading 1 based on Normal: the style walk looped for ever."""
    parts = dict(valid_docx_parts())
    parts["word/styles.xml"] = parts["word/styles.xml"].replace(
        b'w:styleId="Normal"><w:name w:val="Normal"/>', b'w:styleId="Normal"><w:name w:val="Normal"/>'
        b'<w:basedOn w:val="Heading1"/>')
    assert b'<w:basedOn w:val="Heading1"/>' in parts["word/styles.xml"]
    check(tmp_path, ".docx", package(parts))
    assert "# 5. The council will keep library 5 open" in extract(tmp_path / "fuzz.docx").text


def test_word_list_starting_at_a_huge_roman_numeral(tmp_path: Path) -> None:
    """A list level in lower roman starting at 10**15 made the roman numeral loop for hours."""
    parts = dict(valid_docx_parts())
    numbering = parts["word/numbering.xml"]
    numbering = re.sub(rb'<w:numFmt w:val="[^"]*"/>', b'<w:numFmt w:val="lowerRoman"/>', numbering)
    parts["word/numbering.xml"] = re.sub(rb'<w:start w:val="\d+"/>', b'<w:start w:val="1000000000000000"/>',
                                         numbering)
    check(tmp_path, ".docx", package(parts))
    assert "1000000000000004. The council will keep library 5" in extract(tmp_path / "fuzz.docx").text


def test_word_numbering_level_that_is_not_a_number(tmp_path: Path) -> None:
    """int("x") on a list level escaped as a ValueError instead of the file's reason."""
    parts = dict(valid_docx_parts())
    parts["word/numbering.xml"] = parts["word/numbering.xml"].replace(b'w:ilvl="0"', b'w:ilvl="x"')
    check(tmp_path, ".docx", package(parts))


def test_text_with_a_stray_nul_is_read(tmp_path: Path) -> None:
    """One NUL byte (a truncated copy's padding) made a whole paper "binary content"."""
    check(tmp_path, ".txt", PARAGRAPHS.encode() + b"\x00\x00\n")
    assert chunk_paper(tmp_path / "fuzz.txt", document_id="x").chunks
