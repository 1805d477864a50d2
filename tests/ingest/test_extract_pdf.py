"""PDF extraction: page spans, layout (tabs between columns, no indentation) and each clean-up.

Small PDFs are drawn with fpdf2 into tmp_path; the real council papers in ../shared/corpus are used when
present (skipped otherwise).
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from pathlib import Path

import pytest
from fpdf import FPDF

from ingest.extract import cleanup, extract, pdf_layout
from ingest.extract.pdf import clean_pages
from ingest.models import ExtractedText
from tests.conftest import CORPUS, SHARED, needs_corpus  # noqa: F401

SERVICES = ["housing", "schools", "highways", "libraries"]


def _finance_pack(path: Path) -> Path:
    """Four pages as a ModernGov pack prints them: running header, "Page N of 4" footer, an "Agenda Item"
    stamp on page 1, an indented numbered paragraph, hyphenated line ends, a table, a footnote marker."""
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(False)
    for n, service in enumerate(SERVICES, start=1):
        pdf.add_page()
        pdf.set_font("Helvetica", size=9)
        pdf.text(20, 12, "Cabinet - 13 March 2025 - Finance Monitoring")
        if n == 1:
            pdf.text(170, 12, "Agenda Item 5")
        pdf.set_font("Helvetica", size=11)
        pdf.text(25, 30, f"{n}.1")
        pdf.text(40, 30, f"The council forecasts an overspend on {service} for 2024-")
        pdf.text(40, 36, f"25 and the {service} recom-")
        pdf.text(40, 42, f"mendation is to note page {n}.")
        for i, row in enumerate(
            [("Directorate", "Budget", "Forecast"), (f"{service.title()} Service", f"58{n}.1", "621.6")]
        ):
            pdf.text(25, 54 + 6 * i, row[0])
            pdf.text(110, 54 + 6 * i, row[1])
            pdf.text(150, 54 + 6 * i, row[2])
        width = pdf.get_string_width(f"Reserves for {service} stand at")
        pdf.text(25, 80, f"Reserves for {service} stand at")
        pdf.set_font("Helvetica", size=6)
        pdf.text(25 + width, 78.7, "1")
        pdf.set_font("Helvetica", size=11)
        pdf.text(25 + width + 1.2, 80, f" a low level of {n}m.")
        pdf.set_font("Helvetica", size=9)
        pdf.text(100, 285, f"Page {n} of 4")
    pdf.output(str(path))
    return path


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> ExtractedText:
    return extract(_finance_pack(tmp_path_factory.mktemp("pdf") / "pack.pdf"))


def _page(ex: ExtractedText, number: int) -> str:
    span = ex.pages[number - 1]
    return ex.text[span.start : span.end]


def test_pages_are_one_based_spans_joined_by_a_blank_line(pack: ExtractedText) -> None:
    assert pack.format == "pdf"
    assert [p.page for p in pack.pages] == [1, 2, 3, 4]
    assert pack.pages[0].start == 0 and pack.pages[-1].end == len(pack.text)
    for before, after in zip(pack.pages, pack.pages[1:], strict=False):
        assert pack.text[before.end : after.start] == "\n\n"
    assert "on schools" in _page(pack, 2)
    at = pack.text.index("highways")
    assert pack.pages_for(at, at + 5) == [3]


def test_numbered_paragraph_starts_its_line_without_indentation(pack: ExtractedText) -> None:
    assert re.search(r"^2\.1 The council forecasts", pack.text, re.MULTILINE)
    assert not re.search(r"^[ \t]", pack.text, re.MULTILINE)


def test_table_row_is_one_line_of_tab_separated_cells(pack: ExtractedText) -> None:
    assert "Directorate\tBudget\tForecast" in pack.text
    assert "Schools Service\t582.1\t621.6" in pack.text


def test_year_range_keeps_its_hyphen_and_split_word_is_rejoined(pack: ExtractedText) -> None:
    assert "for 2024-25 and the housing recommendation is to note page 1." in pack.text
    assert "202425" not in pack.text


def test_page_stamps_and_running_header_are_removed(pack: ExtractedText) -> None:
    assert "Page 1 of 4" not in pack.text
    assert "Finance Monitoring" not in pack.text


def test_agenda_item_stamp_is_recorded_at_its_page_start_and_removed(pack: ExtractedText) -> None:
    assert pack.agenda_items == {0: "5"}
    assert "Agenda Item" not in pack.text
    assert pack.agenda_item_at(pack.pages[2].start) == "5"


def test_footnote_marker_is_not_glued_to_the_word(pack: ExtractedText) -> None:
    assert "Reserves for libraries stand at a low level of 4m." in pack.text


def test_blank_page_notice_is_dropped_and_page_numbering_holds(tmp_path: Path) -> None:
    pdf = FPDF(format="A4")
    for text in ["1. First report opens here.", "This page is intentionally left blank", "2. Second report."]:
        pdf.add_page()
        pdf.set_font("Helvetica", size=11)
        pdf.text(25, 40, text)
    pdf.output(str(tmp_path / "gap.pdf"))
    ex = extract(tmp_path / "gap.pdf")
    assert "intentionally" not in ex.text
    assert _page(ex, 2) == "" and _page(ex, 3) == "2. Second report."
    assert ex.text == "1. First report opens here.\n\n2. Second report."


def test_runs_split_inside_a_word_are_glued_and_columns_get_a_tab(tmp_path: Path) -> None:
    """Word splits runs mid-word ("welfa"+"re"); pypdf's grid layout would pad them apart."""
    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.text(25, 40, "their welfa")
    pdf.text(25 + pdf.get_string_width("their welfa") + 0.4, 40, "re is good.")
    pdf.text(120, 40, "Outstanding")
    pdf.output(str(tmp_path / "runs.pdf"))
    assert extract(tmp_path / "runs.pdf").text == "their welfare is good.\tOutstanding"


def test_wrapped_cell_text_joins_its_row_but_a_row_with_a_missing_cell_stays_a_row(tmp_path: Path) -> None:
    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    rows = [
        ("Judgement", "Grade", "Since"),
        ("The experiences and progress of", "Good", "2022"),
        ("children in care and care leavers", "", ""),
        ("Overall effectiveness", "Outstanding", ""),
    ]
    for i, cells in enumerate(rows):
        for x, cell in zip((20, 110, 160), cells, strict=True):
            if cell:
                pdf.text(x, 40 + 5 * i, cell)
    pdf.output(str(tmp_path / "grades.pdf"))
    assert extract(tmp_path / "grades.pdf").text == (
        "Judgement\tGrade\tSince\n"
        "The experiences and progress of children in care and care leavers\tGood\t2022\n"
        "Overall effectiveness\tOutstanding"
    )


def test_public_layout_text_is_the_fallback_when_pypdf_internals_move(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pdf_layout, "_HAVE_LAYOUT_INTERNALS", False)
    ex = extract(_finance_pack(tmp_path / "pack.pdf"))
    assert re.search(r"^2\.1 The council forecasts", ex.text, re.MULTILINE)
    assert re.search(r"^Schools Service\t582\.1\t621\.6$", ex.text, re.MULTILINE)
    assert ex.agenda_items == {0: "5"} and "Page 1 of 4" not in ex.text


def test_justified_prose_stays_prose(tmp_path: Path) -> None:
    """Stretched word gaps in a narrow justified column are not table columns."""
    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    text = "3.2 The council has a comparatively high level of very long-term debt, a significant proportion of which was undertaken through the previous supported borrowing regime."  # noqa: E501
    pdf.set_x(40)
    pdf.multi_cell(60, 6, text, align="J")
    pdf.output(str(tmp_path / "justified.pdf"))
    ex = extract(tmp_path / "justified.pdf")
    assert "\t" not in ex.text
    assert " ".join(ex.text.split()) == text


# ---- clean-ups, one at a time, on lines as the layout step produces them ----


def test_private_use_bullet_glyphs_become_dashes_or_vanish() -> None:
    assert cleanup.strip_glyphs("\uf0a7\tPlaces for pupils") == "- Places for pupils"
    assert cleanup.strip_glyphs("\uf06e Item") == "- Item"
    assert cleanup.strip_glyphs("◼\tThe practice of visits") == "- The practice of visits"
    assert cleanup.strip_glyphs("cost\uf0e0 rises") == "cost rises"
    assert cleanup.strip_glyphs("o\tMulti-Agency Collaboration") == "- Multi-Agency Collaboration"
    assert cleanup.strip_glyphs("of the report") == "of the report"


def test_tab_after_a_paragraph_number_is_a_space() -> None:
    assert cleanup.join_enumerator("3.1\tThe council") == "3.1 The council"
    assert cleanup.join_enumerator("(a)\tnote the report") == "(a) note the report"
    assert cleanup.join_enumerator("B.\tDELEGATE authority") == "B. DELEGATE authority"
    assert cleanup.join_enumerator("90.\t24/00109 - Transfer") == "90. 24/00109 - Transfer"
    assert cleanup.join_enumerator("1\t45\t67") == "1\t45\t67"  # a table row keeps its cells


def test_page_numbers_only_removed_at_the_page_edges() -> None:
    lines = ["12", "Text", "", "Budget", "7", "More", "Page 3", "4"]
    assert cleanup.drop_page_furniture(lines) == ["Text", "", "Budget", "7", "More"]
    assert cleanup.drop_page_furniture(["Summary\tPage 5 of 54"]) == ["Summary"]
    assert cleanup.drop_page_furniture(["held in September", "2024"]) == ["held in September", "2024"]


def test_running_header_and_footer_found_with_page_numbers_ignored() -> None:
    words = ["housing", "schools", "roads", "parks", "libraries"]
    pages = [
        ["Kent County Council", f"{n}. Spending on {word}", f"Inspection of Kent 9 to 20 May 2022\t{n}"]
        for n, word in enumerate(words, start=1)
    ]
    keys = cleanup.running_lines(pages)
    assert cleanup.drop_running_lines(pages[1], keys) == ["2. Spending on schools"]
    assert cleanup.furniture_key("Page 3 of 9") == cleanup.furniture_key("Page 4 of 9")


def test_table_rows_repeated_at_the_top_of_pages_are_kept() -> None:
    """A table header repeated on each continuation page is content the table parser needs."""
    pages = [["Directorate\tBudget\tForecast", f"Row {w}\t1\t2"] for w in ["a b", "c d", "e f", "g h"]]
    assert cleanup.running_lines(pages) == set()


def test_agenda_item_stamp_taken_from_a_line_or_cell_but_not_a_form_label() -> None:
    assert cleanup.take_agenda_item(["Agenda Item 7", "Report"]) == (["Report"], "7")
    assert cleanup.take_agenda_item(["From:\tAgenda Item 4b"]) == (["From:"], "4b")
    assert cleanup.take_agenda_item(["Agenda Item No", "7 Transfer"]) == (["Agenda Item No", "7 Transfer"], None)


def test_hyphen_joins() -> None:
    vocab = cleanup.vocabulary([["a multi-agency meeting", "care", "experienced staff"]])
    join = cleanup.join_hyphenated
    assert join(["the recom-", "mendation of"], vocab) == ["the recommendation of"]
    assert join(["in 2024-", "25 the"], vocab) == ["in 2024-25 the"]
    assert join(["by the multi-", "agency team"], vocab) == ["by the multi-agency team"]
    assert join(["care-", "experienced"], vocab) == ["care-experienced"]
    assert join(["Cost-", "Benefit"], vocab) == ["Cost-", "Benefit"]  # capital: a new line, not a word
    assert join(["Budget\tre-", "stated"], vocab) == ["Budget\tre-", "stated"]  # table rows untouched
    assert join(["the recom-", "", "mendation"], vocab) == ["the recom-", "", "mendation"]


def test_clean_pages_applies_every_step_in_order() -> None:
    raw = [
        ["Agenda Item 3", "Kent County Council", "1.\tThe recom-", "mendation \uf0a7 is", "Page 1"],
        ["Kent County Council", "2.\tSecond", "", "", "", "para", "Page 2"],
        ["Kent County Council", "This page is intentionally left blank", "Page 3"],
    ]
    pages, items = clean_pages(raw)
    assert pages == [["1. The recommendation is"], ["2. Second", "", "para"], []]
    assert items == {0: "3"}


# ---- the real corpus ----


@functools.cache
def _corpus_paper(name: str) -> ExtractedText:
    """Each corpus PDF extracted once per session (the big ones take a second or two)."""
    return extract(next(CORPUS.glob(f"*/{name}")))


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower().replace("’", "'").replace("‘", "'")
    return " ".join(re.sub(r"[^\w\s]", "", text).split())


def _quote_on_page(quote: str, page_text: str) -> bool:
    q, page = _norm(quote), _norm(page_text)
    if q in page:
        return True
    words = q.split()
    grams = {" ".join(words[i : i + 5]) for i in range(max(1, len(words) - 4))}
    return sum(g in page for g in grams) >= 0.5 * len(grams)


@needs_corpus
def test_gold_quotes_are_found_on_their_gold_pages() -> None:
    sources = [s for line in (SHARED / "eval" / "dev_pdf.jsonl").open() for s in json.loads(line)["sources"]]
    misses = []
    for source in sources:
        name = source["file"]
        if not _quote_on_page(source["quote"], _page(_corpus_paper(name), source["page"])):
            misses.append((name, source["page"], source["quote"][:80]))
    assert len(misses) <= 0.05 * len(sources), misses


@needs_corpus
def test_ofsted_numbered_paragraphs_start_lines() -> None:
    ex = _corpus_paper("kent - children's services inspection - 05 july 2022.pdf")
    numbers = [int(m) for m in re.findall(r"^(\d{1,3})\. [A-Z]", ex.text, re.MULTILINE)]
    assert numbers[:5] == [1, 2, 3, 4, 5]
    assert "welfare are identified" in ex.text  # the run split "welfa" + "re" is glued


@needs_corpus
def test_finance_table_rows_stay_rows() -> None:
    ex = _corpus_paper("2025-01-30 24-00108 - Finance Monitoring Report - Q3 - November 2024-25.pdf")
    assert "Children, Young People & Education\t430.6\t420.8\t-9.9\t-2.3%" in _page(ex, 6)
    assert "Page 6 of 54" not in ex.text
    assert "202425" not in ex.text


@needs_corpus
def test_moderngov_agenda_item_stamp_from_form_xobject() -> None:
    name = "2025-01-30 Item 7 - Supplementary - 2400109 - Transfer the 18-25 section of the Strengthening Independence Ser.pdf"  # noqa: E501
    ex = extract(CORPUS / "kent-cabinet" / name)
    assert list(ex.agenda_items.values()) == ["7"]
    assert ex.pages_for(min(ex.agenda_items), min(ex.agenda_items) + 1) == [3]
    assert not re.search(r"^Page \d+$", ex.text, re.MULTILINE)


def _template_pdf(path: Path, texts: list[str]) -> Path:
    """Pages drawn as a converter using page templates does (FPDI, "Online2PDF"): every page's resources list
    every page's form, and each page draws only its own."""
    import io

    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    drawn = FPDF()
    drawn.set_font("helvetica", size=12)
    for text in texts:
        drawn.add_page()
        drawn.multi_cell(0, 8, text)
    source = PdfReader(io.BytesIO(bytes(drawn.output())))
    writer = PdfWriter()
    forms = DictionaryObject()
    for n, page in enumerate(source.pages, start=1):
        form = DecodedStreamObject()
        form.set_data(page.get_contents().get_data())
        form.update({NameObject("/Type"): NameObject("/XObject"), NameObject("/Subtype"): NameObject("/Form"),
                     NameObject("/BBox"): page.mediabox, NameObject("/Resources"): page["/Resources"].clone(writer)})
        forms[NameObject(f"/TPL{n}")] = writer._add_object(form)
    for n, page in enumerate(source.pages, start=1):
        blank = writer.add_blank_page(float(page.mediabox.width), float(page.mediabox.height))
        content = DecodedStreamObject()
        content.set_data(f"q /TPL{n} Do Q".encode())
        blank[NameObject("/Contents")] = writer._add_object(content)
        blank[NameObject("/Resources")] = DictionaryObject({NameObject("/XObject"): forms})
    with path.open("wb") as out:
        writer.write(out)
    return path


def test_pages_drawn_from_shared_templates_keep_their_own_text(tmp_path: Path) -> None:
    minutes = _template_pdf(tmp_path / "minutes.pdf", [
        "MANORDEILO & SALEM COMMUNITY COUNCIL\nMEETING 13th MARCH 2019\n1. WELCOME AND APOLOGIES\n"
        "Cllr. Alun Davies took the Chair.",
        "4. CORRESPONDENCE\nC.C.C. Footway Lighting Charges for 2019/20, estimated at £4,525.60.",
    ])
    ex = extract(minutes)
    assert ex.text.startswith("MANORDEILO & SALEM COMMUNITY COUNCIL")  # the heading is not a "running header"
    assert ex.text.count("took the Chair") == 1 and ex.text.count("Footway Lighting") == 1
    assert "Footway Lighting" in _page(ex, 2) and "took the Chair" not in _page(ex, 2)
