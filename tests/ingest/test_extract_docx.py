"""Word (.docx) extraction: headings, computed list numbers, bullets, tables, document order, bad files."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.document import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.text.paragraph import Paragraph

from ingest.errors import UnreadablePaperError
from ingest.extract import extract
from ingest.extract.numbering import _format

MULTILEVEL = f"""
<w:abstractNum {nsdecls("w")} w:abstractNumId="90">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%3)"/></w:lvl>
</w:abstractNum>"""


def _numbered(paragraph: Paragraph, num_id: int, ilvl: int) -> None:
    """Give a paragraph Word automatic numbering (what python-docx cannot render)."""
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'))


def _add_list_definition(document: Document, num_id: int, start_override: int | None = None) -> None:
    numbering = document.part.numbering_part.element
    if numbering.find(qn("w:abstractNum")) is None or not any(
        a.get(qn("w:abstractNumId")) == "90" for a in numbering.findall(qn("w:abstractNum"))
    ):
        numbering.insert(0, parse_xml(MULTILEVEL))
    override = (
        f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{start_override}"/></w:lvlOverride>'
        if start_override
        else ""
    )
    numbering.append(
        parse_xml(f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="90"/>{override}</w:num>')
    )


@pytest.fixture
def report(tmp_path: Path) -> Path:
    document = docx.Document()
    document.add_heading("Sufficiency Initiatives", 0)
    document.add_heading("Background", 1)
    _add_list_definition(document, 501)
    for text, level in [
        ("Recommendation", 0),
        ("That the Committee notes the report.", 1),
        ("the budget", 2),
        ("the risks", 2),
        ("Progress", 0),
        ("Recruitment has improved.", 1),
        ("Retention has improved.", 1),
    ]:
        _numbered(document.add_paragraph(text), 501, level)
    document.add_paragraph("3.4 A manually numbered paragraph keeps its number.")
    document.add_paragraph("A bullet point", style="List Bullet")
    document.add_paragraph("Another bullet", style="List Bullet")
    table = document.add_table(rows=3, cols=3)
    for r, row in enumerate(
        [["Directorate", "Budget", "Forecast"], ["Adults", "586.1", "621.6"], ["CYPE", "430.6", "420.8"]]
    ):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    document.add_heading("Details", 2)
    document.add_paragraph("Closing text after the table.")
    path = tmp_path / "report.docx"
    document.save(str(path))
    return path


def test_headings_become_markdown_lines(report: Path) -> None:
    text = extract(report).text
    assert text.startswith("# Sufficiency Initiatives\n\n# Background\n\n")
    assert "\n## Details\n" in text


def test_automatic_numbering_is_computed_per_level(report: Path) -> None:
    lines = extract(report).text.splitlines()
    for expected in [
        "1. Recommendation",
        "1.1 That the Committee notes the report.",
        "(a) the budget",
        "(b) the risks",
        "2. Progress",
        "2.1 Recruitment has improved.",
        "2.2 Retention has improved.",
    ]:
        assert expected in lines


def test_manual_numbers_and_bullets_are_kept(report: Path) -> None:
    text = extract(report).text
    assert "\n3.4 A manually numbered paragraph keeps its number.\n" in text
    assert "- A bullet point\n- Another bullet" in text


def test_table_rows_are_tab_separated_in_document_order(report: Path) -> None:
    ex = extract(report)
    assert ex.format == "docx" and ex.pages == []
    assert "Directorate\tBudget\tForecast\nAdults\t586.1\t621.6\nCYPE\t430.6\t420.8" in ex.text
    assert ex.text.index("Another bullet") < ex.text.index("Directorate") < ex.text.index("Closing text")


def test_merged_cells_appear_once(tmp_path: Path) -> None:
    document = docx.Document()
    table = document.add_table(rows=2, cols=3)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "Revenue"
    table.cell(0, 2).text = "Capital"
    for c, value in enumerate(["Budget", "Forecast", "Budget"]):
        table.cell(1, c).text = value
    document.save(str(tmp_path / "merged.docx"))
    assert extract(tmp_path / "merged.docx").text == "Revenue\tCapital\nBudget\tForecast\tBudget"


def test_separate_lists_restart_and_start_override_is_honoured(tmp_path: Path) -> None:
    document = docx.Document()
    _add_list_definition(document, 601)
    _add_list_definition(document, 602, start_override=5)
    _numbered(document.add_paragraph("First list"), 601, 0)
    _numbered(document.add_paragraph("Second list"), 602, 0)
    _numbered(document.add_paragraph("Second list again"), 602, 0)
    document.save(str(tmp_path / "lists.docx"))
    assert extract(tmp_path / "lists.docx").text == "1. First list\n\n5. Second list\n\n6. Second list again"


def test_text_inside_content_controls_is_kept_in_order(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Before the control.")
    document.element.body.insert(
        1,
        parse_xml(
            f"<w:sdt {nsdecls('w')}><w:sdtContent><w:p><w:r><w:t>Report author: Director of Finance</w:t></w:r></w:p>"
            "</w:sdtContent></w:sdt>"
        ),
    )
    document.add_paragraph("After the control.")
    document.save(str(tmp_path / "sdt.docx"))
    assert extract(tmp_path / "sdt.docx").text == (
        "Before the control.\n\nReport author: Director of Finance\n\nAfter the control."
    )


def test_text_in_smart_tags_fields_and_insertions_is_kept_and_deleted_text_is_not(tmp_path: Path) -> None:
    # Older Word papers wrap place names and addresses in smart tags; python-docx's Paragraph.text skips them.
    document = docx.Document()
    document.add_paragraph("placeholder")
    document.element.body.remove(document.paragraphs[0]._p)
    tag = 'w:uri="urn:schemas-microsoft-com:office:smarttags" w:element="place"'
    document.element.body.insert(0, parse_xml(
        f"<w:p {nsdecls('w')}><w:r><w:t xml:space='preserve'>Polling station: </w:t></w:r>"
        f"<w:smartTag {tag}><w:smartTag {tag}><w:r><w:t>New Hope</w:t></w:r></w:smartTag></w:smartTag>"
        "<w:r><w:t xml:space='preserve'> Community Church</w:t></w:r><w:r><w:tab/></w:r>"
        "<w:fldSimple w:instr='PAGE'><w:r><w:t>4</w:t></w:r></w:fldSimple>"
        "<w:ins w:id='1' w:author='a'><w:r><w:t xml:space='preserve'> (added)</w:t></w:r></w:ins>"
        "<w:del w:id='2' w:author='a'><w:r><w:delText>removed</w:delText><w:t>removed</w:t></w:r></w:del></w:p>"))
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0)._tc.append(parse_xml(
        f"<w:p {nsdecls('w')}><w:smartTag {tag}><w:r><w:t>KENTWOOD</w:t></w:r></w:smartTag></w:p>"))
    table.cell(0, 1).text = "2,200"
    document.save(str(tmp_path / "tags.docx"))
    text = extract(tmp_path / "tags.docx").text
    assert text.startswith("Polling station: New Hope Community Church 4 (added)")
    assert "removed" not in text
    assert text.endswith("KENTWOOD\t2,200")


def test_number_formats() -> None:
    assert [_format(n, "lowerLetter") for n in (1, 26, 27)] == ["a", "z", "aa"]
    assert _format(14, "upperRoman") == "XIV"
    assert _format(3, "decimalZero") == "03"


def test_empty_document_is_unreadable(tmp_path: Path) -> None:
    docx.Document().save(str(tmp_path / "empty.docx"))
    with pytest.raises(UnreadablePaperError, match="no text"):
        extract(tmp_path / "empty.docx")


def test_corrupt_docx_is_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "broken.docx"
    path.write_bytes(b"PK\x03\x04 this is not really a zip archive" * 10)
    with pytest.raises(UnreadablePaperError, match=r"corrupt \.docx"):
        extract(path)


def test_legacy_doc_with_docx_name_says_so(tmp_path: Path) -> None:
    path = tmp_path / "old.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512))
    with pytest.raises(UnreadablePaperError, match=r"corrupt \.docx: this is an old binary Word \.doc"):
        extract(path)
