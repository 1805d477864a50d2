"""Table rows whose cells wrap onto several lines (ingest.extract.pdf_cells, used by pdf_layout.runs_text).

pypdf groups text into lines by baseline, so a row whose cells wrap comes out as several lines holding one
line of every cell. Where the page draws the cells' boxes (ruled borders, Word's clip rectangles around
each cell, rules drawn as thin filled boxes) each run is put in its box and the row comes back as one
line, each cell's text whole. Small PDFs are drawn with fpdf2 in points (y grows downwards in fpdf2's
calls; the PDF itself is not flipped), and one page is written by hand with Word's inverted y axis.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from ingest.extract import extract
from ingest.extract.pdf_cells import Edge, Rulings
from ingest.extract.pdf_layout import _Run, page_lines, runs_text
from tests.conftest import CORPUS, needs_corpus

pytestmark = pytest.mark.skipif(importlib.util.find_spec("fpdf") is None, reason="fpdf2 (dev extra) not installed")

SIZE = 10.0
LEADING = 12.0  # baseline to baseline inside a cell
PAD = 4.0  # cell padding, points

TITLE = ["Exemption Policy for moving traffic", "enforcement locations such as School", "Streets and bus gates."]
OFFICER = ["Adam Crowther, Head", "of City Transport"]
PARAGRAPH = [
    "The council forecasts an overspend on adult social care for the year, driven by the",
    "rising number of older people needing care at home and by higher fees paid to the",
    "providers of residential and nursing care across the county this year.",
]


def _pdf():
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format="A4")
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.set_font("Helvetica", size=SIZE)
    # fpdf2 writes the font (Tf) once, where it is first used; if that is inside a clip's q/Q the font is
    # gone after Q, as the PDF graphics state says. Use it once outside any clip.
    pdf.text(20, 820, ".")
    return pdf


def _cell(pdf, x: float, top: float, width: float, height: float, lines: list[str], *, border: bool, first: float):
    """A table cell: its box drawn (border) or only clipped to (as Word does), its lines from `first`
    below the top padding."""
    if border:
        pdf.rect(x, top, width, height)
    with pdf.rect_clip(x, top, width, height):
        for k, text in enumerate(lines):
            pdf.text(x + PAD, top + PAD + SIZE + first + k * LEADING, text)


def _lines(path: Path) -> list[str]:
    from pypdf import PdfReader

    return [line for line in page_lines(PdfReader(path).pages[0]) if line and line != "."]


def _row(pdf, top: float, cells: list[list[str]], widths: list[float], *, border: bool, centre: bool = False):
    """One row: every cell as tall as the row's longest cell; with `centre` shorter cells are set in the
    middle of the row (Word's vertical centring), so their lines fall between the long cell's lines."""
    height = 2 * PAD + LEADING * max(len(c) for c in cells)
    x = 40.0
    for width, lines in zip(widths, cells, strict=True):
        first = (height - 2 * PAD - LEADING * len(lines)) / 2 if centre else 0.0
        _cell(pdf, x, top, width, height, lines, border=border, first=first)
        x += width
    return top + height


def test_bordered_table_row_with_a_wrapped_middle_cell_is_one_line(tmp_path: Path):
    pdf = _pdf()
    widths = [120.0, 190.0, 80.0]
    top = _row(pdf, 60, [["Lead officer"], ["Title and summary"], ["Meeting"]], widths, border=True)
    top = _row(pdf, top, [OFFICER, TITLE, ["14 May 2026"]], widths, border=True)
    _row(pdf, top, [["Shaun Taylor"], ["Urban traffic control"], ["9 Jul 2026"]], widths, border=True)
    pdf.output(str(tmp_path / "t.pdf"))
    assert _lines(tmp_path / "t.pdf") == [
        "Lead officer\tTitle and summary\tMeeting",
        f"{' '.join(OFFICER)}\t{' '.join(TITLE)}\t14 May 2026",
        "Shaun Taylor\tUrban traffic control\t9 Jul 2026",
    ]


def test_word_table_without_borders_clipped_cells_centred_vertically(tmp_path: Path):
    """No rules at all, only the clip box of each cell; the short cells are centred, so their one line
    sits between the wrapped cell's lines (a risk register's scores)."""
    pdf = _pdf()
    risk = [
        "There is uncertainty about the level of",
        "support from central government for the",
        "scheme and for transport projects.",
    ]
    _row(pdf, 60, [["7"], risk, ["4"], ["4"], ["16"]], [30.0, 220.0, 30.0, 30.0, 30.0], border=False, centre=True)
    pdf.output(str(tmp_path / "t.pdf"))
    assert _lines(tmp_path / "t.pdf") == ["7\t" + " ".join(risk) + "\t4\t4\t16"]


def test_hanging_number_paragraph_is_not_merged(tmp_path: Path):
    """Prose with a paragraph number in the margin and no boxes: its lines stay lines."""
    pdf = _pdf()
    pdf.text(40, 80, "1.2")
    for k, text in enumerate(PARAGRAPH):
        pdf.text(75, 80 + k * LEADING, text)
    pdf.output(str(tmp_path / "t.pdf"))
    assert _lines(tmp_path / "t.pdf") == ["1.2\t" + PARAGRAPH[0], *PARAGRAPH[1:]]


def test_numbered_paragraph_laid_out_in_a_table_keeps_its_lines(tmp_path: Path):
    """Word reports often set "1.2 | paragraph" in a borderless two-cell table: not a table row."""
    pdf = _pdf()
    _row(pdf, 60, [["1.2"], PARAGRAPH], [35.0, 480.0], border=False)
    pdf.output(str(tmp_path / "t.pdf"))
    assert _lines(tmp_path / "t.pdf") == ["1.2\t" + PARAGRAPH[0], *PARAGRAPH[1:]]


def test_framed_paragraph_is_not_a_row(tmp_path: Path):
    """One box is not a table: a boxed paragraph keeps its lines."""
    pdf = _pdf()
    _row(pdf, 60, [PARAGRAPH], [500.0], border=True)
    pdf.output(str(tmp_path / "t.pdf"))
    assert _lines(tmp_path / "t.pdf") == PARAGRAPH


def test_underlined_words_do_not_cut_a_cell(tmp_path: Path):
    """Underlines (thin filled boxes under a word) end inside the cell: they are not its sides."""
    pdf = _pdf()
    widths = [120.0, 260.0]
    height = 2 * PAD + 3 * LEADING
    pdf.rect(40, 60, widths[0], height)
    pdf.rect(40 + widths[0], 60, widths[1], height)
    pdf.text(40 + PAD, 60 + PAD + SIZE, "MM58")
    lines = [
        "Amend the last sentence as follows:",
        "Applications must be accompanied by",
        "A suitable Flood Risk Assessment.",
    ]
    for k, text in enumerate(lines):
        pdf.set_font("Helvetica", style="U" if k == 1 else "", size=SIZE)
        pdf.text(40 + widths[0] + PAD, 60 + PAD + SIZE + k * LEADING, text)
    pdf.output(str(tmp_path / "t.pdf"))
    assert _lines(tmp_path / "t.pdf") == ["MM58\t" + " ".join(lines)]


def test_text_overflowing_its_box_leaves_the_lines_alone(tmp_path: Path):
    """A label running out of a narrow box (an attachment icon's caption): the boxes do not explain the
    text, so nothing is regrouped."""
    pdf = _pdf()
    pdf.rect(40, 60, 60, 30)
    pdf.rect(100, 60, 60, 30)
    pdf.text(44, 74, "Policy")
    pdf.text(44, 86, "2026 attachment.pdf")  # runs on into the next box
    pdf.text(104, 74, "Appendix")
    pdf.output(str(tmp_path / "t.pdf"))
    assert _lines(tmp_path / "t.pdf") == ["Policy\tAppendix", "2026 attachment.pdf"]


def test_tick_box_form_cells_read_box_by_box(tmp_path: Path):
    """A form's boxes hold several choices on two lines each: each box reads as one cell."""
    pdf = _pdf()
    _row(
        pdf,
        60,
        [["Policy [x] Strategy [ ]", "Other [please state]"], ["New [x]", "Already exists [ ]"]],
        [200.0, 200.0],
        border=True,
    )
    pdf.output(str(tmp_path / "t.pdf"))
    assert _lines(tmp_path / "t.pdf") == ["Policy [x] Strategy [ ] Other [please state]\tNew [x] Already exists [ ]"]


def _flipped_pdf(path: Path) -> Path:
    """A page as Word's "save as PDF" writes it: a top-level `1 0 0 -1 0 842 cm` turns y downwards, text
    matrices flip it back, and each table cell is a clip path (`m l l l h W n`) inside q/Q."""
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    cells = [
        (72, 100, 150, 52, ["Thursday, 13th March,", "2025, at 3.00 pm", "(or on the rising)"]),
        (222, 100, 150, 52, ["Ask for: Georgina Little"]),
    ]
    ops = ["1 0 0 -1 0 842 cm"]
    for x, y, w, h, lines in cells:
        ops.append(f"q {x} {y} m {x + w} {y} l {x + w} {y + h} l {x} {y + h} l h W n")
        for k, text in enumerate(lines):
            ops.append(f"BT /F1 10 Tf 1 0 0 -1 {x + 4} {y + 14 + 12 * k} Tm ({text}) Tj ET")
        ops.append("Q")
    writer = PdfWriter()
    page = writer.add_blank_page(595, 842)
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
            NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
        }
    )
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})}
    )
    stream = DecodedStreamObject()
    stream.set_data("\n".join(ops).encode("latin-1"))
    page[NameObject("/Contents")] = writer._add_object(stream)
    with path.open("wb") as fh:
        writer.write(fh)
    return path


def test_word_pages_with_an_inverted_y_axis(tmp_path: Path):
    lines = _lines(_flipped_pdf(tmp_path / "t.pdf"))
    assert lines == ["Thursday, 13th March, 2025, at 3.00 pm (or on the rising)\tAsk for: Georgina Little"]


def _run(x0: float, y: float, text: str) -> _Run:
    return _Run(x0, x0 + 0.5 * SIZE * len(text), y, SIZE, text)


def test_runs_text_with_rulings_and_without():
    """The same runs, with and without the boxes: the boxes alone decide that they are one row."""
    lines = [
        [_run(50, 700, "Central Services"), _run(200, 700, "12.2"), _run(260, 700, "0.0")],
        [_run(50, 688, "Schools' Block")],
    ]
    box = Rulings(
        [Edge(712, 45, 300), Edge(684, 45, 300)],
        [Edge(45, 684, 712), Edge(195, 684, 712), Edge(255, 684, 712), Edge(300, 684, 712)],
    )
    assert runs_text(lines) == ["Central Services\t12.2\t0.0", "Schools' Block"]
    assert runs_text(lines, box) == ["Central Services Schools' Block\t12.2\t0.0"]


FORWARD_PLAN = "Forward plan - Transport and Connectivity Policy Committee - published 2026-01-20.pdf"


@needs_corpus
def test_forward_plan_row_reads_cell_by_cell():
    path = CORPUS / "pool/bristol-city-council" / FORWARD_PLAN
    text = " ".join(extract(path).text.split())
    assert (
        "Exemption Policy for moving traffic enforcement locations To seek approval of an Exemption Policy for all"
        " relevant and appropriate traffic enforcement locations such as School Streets, Liveable Neighbourhoods"
        " and bus gates. Open 14 May 2026"
    ) in text
