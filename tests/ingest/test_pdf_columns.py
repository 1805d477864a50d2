"""Column-aware reading order (ingest.extract.pdf_columns, used by pdf_layout.runs_text).

Pages are built as pypdf's layout mode hands them to pdf_layout: lines of _Run (x0, x1, baseline y, size,
text), top to bottom, each line holding every run drawn at that height across the whole page. Widths are
Helvetica-like (half a font size a character), which is what the gap and wrap measures are made for.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from ingest.extract.pdf_columns import reading_order
from ingest.extract.pdf_layout import _render_page, _Run, runs_text

SIZE = 10.0
PITCH = 12.0
CHAR = 0.5 * SIZE

LEFT_COLUMN = [
    "The council has invested in a network",
    "of public charge points across the city",
    "and the wider region, with rapid units",
    "able to take contactless payments at",
    "car parks, park and rides and leisure",
    "centres as well as on some streets.",
]
RIGHT_COLUMN = [
    "Conversion of the council fleet to ultra",
    "low emission vehicles continued in earnest",
    "with over two hundred vehicles in service",
    "by the end of the year, which is close to",
    "half of the whole fleet, and more are on",
    "order for delivery in the coming months.",
]


def run(x0: float, y: float, text: str, size: float = SIZE) -> _Run:
    return _Run(x0, x0 + CHAR * len(text) * size / SIZE, y, size, text)


def two_columns(top: float, left: list[str], right: list[str], x_left: float = 50.0, x_right: float = 310.0):
    """Lines of a two-column band: line k of each column on the same baseline, as pypdf groups them."""
    lines = []
    for k in range(max(len(left), len(right))):
        y = top - k * PITCH
        line = []
        if k < len(left):
            line.append(run(x_left, y, left[k]))
        if k < len(right):
            line.append(run(x_right, y, right[k]))
        lines.append(line)
    return lines


def test_two_columns_of_prose_are_read_column_by_column():
    lines = two_columns(700, LEFT_COLUMN, RIGHT_COLUMN)
    # Today's renderer alone joins the columns line by line:
    assert _render_page(lines)[0] == f"{LEFT_COLUMN[0]}\t{RIGHT_COLUMN[0]}"
    assert runs_text(lines) == LEFT_COLUMN + RIGHT_COLUMN
    assert reading_order(lines)[1] == 1


def test_unequal_columns_and_offset_baselines():
    """The right column set a few points lower (pypdf still groups it with the left line) and shorter."""
    lines = []
    for k, text in enumerate(LEFT_COLUMN):
        y = 700 - k * PITCH
        line = [run(50, y, text)]
        if k < 4:
            line.append(run(310, y - 3, RIGHT_COLUMN[k]))
        lines.append(line)
    assert runs_text(lines) == LEFT_COLUMN + RIGHT_COLUMN[:4]


def test_three_columns():
    middle = [
        "Residents can apply online for a permit",
        "and most applications are decided within",
        "ten working days of all the evidence being",
        "received, with a right of review for those",
        "who are refused a permit or a dispensation",
        "under the scheme rules set by the council.",
    ]
    lines = []
    for k in range(6):
        y = 700 - k * PITCH
        lines.append([run(40, y, LEFT_COLUMN[k]), run(250, y, middle[k]), run(470, y, RIGHT_COLUMN[k])])
    assert runs_text(lines) == LEFT_COLUMN + middle + RIGHT_COLUMN


def test_table_with_wide_gaps_is_left_as_rows():
    rows = [
        ("Directorate", "Budget", "Forecast", "Variance"),
        ("Adult Social Care", "581.1", "621.6", "40.5"),
        ("Children, Young People and Education", "402.3", "431.0", "28.7"),
        ("Growth, Environment and Transport", "199.4", "197.2", "-2.2"),
        ("Chief Executive's Department", "88.7", "87.9", "-0.8"),
        ("Deputy Chief Executive's Department", "91.5", "90.6", "-0.9"),
        ("Non Attributable Costs", "120.0", "112.4", "-7.6"),
    ]
    lines = [
        [run(x, 700 - k * PITCH, cell) for x, cell in zip((50, 300, 380, 460), row, strict=True)]
        for k, row in enumerate(rows)
    ]
    assert runs_text(lines) == ["\t".join(row) for row in rows]
    assert reading_order(lines)[1] == 0


def test_two_column_table_of_wrapped_text_keeps_its_rows():
    """A risk register: both cells wordy and wrapping, but each row's cells start on one baseline and the
    rows' blank gaps fall at the same height in both columns. Column-major order would part risk and
    mitigation."""
    table = [
        (
            ["central government may not fund the", "scheme as the region is seen as well off"],
            ["make the case early with officials and", "set out the local need in the business case"],
        ),
        (
            ["costs of enforcement may be higher", "than the estimate in the business case"],
            ["review the estimate each quarter and", "hold a contingency in the capital budget"],
        ),
        (
            ["employers may pass the charge on to", "staff who park at their workplace"],
            ["consult employers and publish guidance", "on discounts for lower paid staff"],
        ),
    ]
    lines, y = [], 700.0
    for risk, mitigation in table:
        for a, b in zip(risk, mitigation, strict=True):
            lines.append([run(50, y, a), run(310, y, b)])
            y -= PITCH
        y -= PITCH  # blank gap between rows
    assert runs_text(lines) == _render_page(lines)
    assert runs_text(lines)[:3] == [
        "central government may not fund the\tmake the case early with officials and",
        "scheme as the region is seen as well off\tset out the local need in the business case",
        "",
    ]


def test_full_width_heading_and_closing_paragraph_keep_their_place():
    heading = run(50, 724, "Electric vehicle charging and the council fleet: progress in the year to March")
    closing = [
        "Both programmes are funded by government grants and will be reviewed by the committee next year.",
        "The next report will set out the results of the survey of businesses that took part in the trial.",
    ]
    lines = [[heading]] + two_columns(700, LEFT_COLUMN, RIGHT_COLUMN)
    y = 700 - len(LEFT_COLUMN) * PITCH - 12
    lines += [[run(50, y - k * PITCH, text)] for k, text in enumerate(closing)]
    assert runs_text(lines) == [heading.text, ""] + LEFT_COLUMN + RIGHT_COLUMN + [""] + closing


def test_hanging_indent_numbered_paragraph_is_not_a_column():
    """A "3.1" in the margin and the text indented beside it: the number column holds no prose."""
    paragraph_31 = [
        "The council forecasts an overspend on adult social care for the year, driven by the",
        "rising number of older people needing care at home and by higher fees paid to the",
        "providers of residential and nursing care across the county this year.",
    ]
    paragraph_32 = [
        "Officers propose to meet the overspend from reserves set aside for the purpose, and to",
        "report again to the committee when the position for the third quarter is known.",
    ]
    lines, y = [], 700.0
    for number, paragraph in (("3.1", paragraph_31), ("3.2", paragraph_32)):
        for k, text in enumerate(paragraph):
            line = [run(90, y, text)]
            if k == 0:
                line.insert(0, run(50, y, number))
            lines.append(line)
            y -= PITCH
        y -= PITCH
    assert runs_text(lines) == [
        "3.1\t" + paragraph_31[0],
        *paragraph_31[1:],
        "",
        "3.2\t" + paragraph_32[0],
        *paragraph_32[1:],
    ]
    assert reading_order(lines)[1] == 0


def test_narrow_gutter_is_found_by_alignment_not_width():
    """Some designs leave barely half an em between columns: a word gap on one line, but no line of
    prose has its word gaps all falling in one vertical strip."""
    width = max(len(t) for t in LEFT_COLUMN) * CHAR
    lines = two_columns(700, LEFT_COLUMN, RIGHT_COLUMN, x_left=50, x_right=50 + width + 0.6 * SIZE)
    assert runs_text(lines) == LEFT_COLUMN + RIGHT_COLUMN


def test_label_and_value_pairs_are_not_columns():
    pairs = [
        ("Inspection dates:", "16 to 27 January 2023"),
        ("Lead inspector:", "Tracey Ledder, His Majesty's Inspector"),
        ("Overall effectiveness:", "Requires improvement to be good"),
        ("Previous judgement:", "Inadequate"),
        ("Date of last visit:", "12 March 2021"),
    ]
    lines = [[run(50, 700 - k * PITCH, a), run(250, 700 - k * PITCH, b)] for k, (a, b) in enumerate(pairs)]
    assert runs_text(lines) == [f"{a}\t{b}" for a, b in pairs]


HAVE_FPDF = importlib.util.find_spec("fpdf") is not None


@pytest.mark.skipif(not HAVE_FPDF, reason="no PDF writer (fpdf2 or reportlab) in the venv to draw a PDF with")
def test_real_two_column_pdf(tmp_path: Path):
    from fpdf import FPDF

    from ingest.extract.pdf import extract_pdf

    pdf = FPDF(format="A4", unit="pt")
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.set_font("Helvetica", size=16)
    pdf.text(50, 60, "Electric vehicles: progress in the year")
    pdf.set_font("Helvetica", size=10)
    for k, (a, b) in enumerate(zip(LEFT_COLUMN, RIGHT_COLUMN, strict=True)):
        pdf.text(50, 100 + k * PITCH, a)
        pdf.text(310, 100 + k * PITCH, b)
    for k, row in enumerate([("Directorate", "Budget", "Forecast"), ("Adult Social Care", "581.1", "621.6")]):
        for x, cell in zip((50, 300, 400), row, strict=True):
            pdf.text(x, 220 + k * PITCH, cell)
    path = tmp_path / "two-columns.pdf"
    pdf.output(str(path))

    text = extract_pdf(path).text
    lines = text.splitlines()
    assert lines[0] == "Electric vehicles: progress in the year"
    flat = " ".join(text.split())
    assert " ".join(LEFT_COLUMN + RIGHT_COLUMN) in flat
    assert not any("\t" in line for line in lines[: 1 + 2 * len(LEFT_COLUMN)])
    assert "Directorate\tBudget\tForecast" in lines
    assert "Adult Social Care\t581.1\t621.6" in lines
