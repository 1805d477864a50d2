"""HTML extraction: Markdown-ish headings and lists, tab-separated tables, no page chrome, charsets."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.errors import UnreadablePaperError
from ingest.extract import extract

PAGE = """<!DOCTYPE html>
<html><head><title>Cabinet report</title><style>p { color: red }</style>
<script>var tracking = "do not index me";</script></head>
<body>
<nav><ul><li>Home</li><li>Meetings</li></ul></nav>
<h1>Finance Monitoring Report</h1>
<h2>1. Introduction</h2>
<p>The forecast revenue outturn is an overspend of <strong>£23.3m</strong>.</p>
<ol start="3"><li>Note the report</li><li>Agree the <a href="/x">actions</a></li></ol>
<ul><li>first point</li><li>second point</li></ul>
<table>
  <tr><th>Directorate</th><th>Budget</th><th>Forecast</th></tr>
  <tr><td>Adult Social Care &amp; Health</td><td>586.1</td><td>621.6</td></tr>
  <tr><td>Children, Young People &amp; Education</td><td>430.6</td><td>420.8</td></tr>
</table>
<p>Text after the table.</p>
<script>console.log("late script")</script>
</body></html>"""


@pytest.fixture
def page(tmp_path: Path) -> str:
    path = tmp_path / "report.html"
    path.write_text(PAGE, encoding="utf-8")
    ex = extract(path)
    assert ex.format == "html" and ex.pages == []
    return ex.text


def test_headings_are_atx(page: str) -> None:
    assert page.startswith("# Finance Monitoring Report\n\n## 1. Introduction\n")


def test_ordered_lists_keep_their_numbers_and_bullets_are_dashes(page: str) -> None:
    assert "3. Note the report\n4. Agree the actions" in page
    assert "- first point\n- second point" in page


def test_table_rows_are_tab_separated(page: str) -> None:
    assert (
        "Directorate\tBudget\tForecast\n"
        "Adult Social Care & Health\t586.1\t621.6\n"
        "Children, Young People & Education\t430.6\t420.8"
    ) in page
    assert page.index("£23.3m") < page.index("Directorate") < page.index("Text after the table.")


def test_scripts_styles_and_navigation_are_dropped(page: str) -> None:
    for junk in ("tracking", "late script", "color: red", "Meetings", "Cabinet report"):
        assert junk not in page


def test_layout_table_is_unwrapped_into_blocks(tmp_path: Path) -> None:
    html = "<table><tr><td><h2>Summary</h2><p>First paragraph.</p><p>Second paragraph.</p></td></tr></table>"
    path = tmp_path / "layout.htm"
    path.write_text(html, encoding="utf-8")
    assert extract(path).text == "## Summary\n\nFirst paragraph.\n\nSecond paragraph."


def test_declared_charset_is_used(tmp_path: Path) -> None:
    html = '<html><head><meta charset="windows-1252"></head><body><p>Café costs £5 – agreed</p></body></html>'
    path = tmp_path / "cp1252.html"
    path.write_bytes(html.encode("cp1252"))
    assert extract(path).text == "Café costs £5 – agreed"


def test_undeclared_bytes_fall_back_from_utf8_to_cp1252(tmp_path: Path) -> None:
    utf8, legacy = tmp_path / "utf8.html", tmp_path / "legacy.html"
    utf8.write_bytes("<p>Children’s services</p>".encode())
    legacy.write_bytes("<p>Children’s services</p>".encode("cp1252"))
    assert extract(utf8).text == "Children’s services"
    assert extract(legacy).text == "Children’s services"


def test_empty_or_script_only_page_is_unreadable(tmp_path: Path) -> None:
    empty, scripts = tmp_path / "empty.html", tmp_path / "scripts.html"
    empty.write_bytes(b"  \n")
    scripts.write_text("<html><body><script>x()</script><nav>Home</nav></body></html>", encoding="utf-8")
    with pytest.raises(UnreadablePaperError, match="empty file"):
        extract(empty)
    with pytest.raises(UnreadablePaperError, match="no text"):
        extract(scripts)


MODERNGOV_ITEMS = """<html><head><title>Agenda for Cabinet on Thursday, 30th January, 2025</title></head>
<body><table class="mgItemTable"><tr><th>No.</th><th>Item</th></tr>
<tr><td class="mgItemNumberCell"><p class="mgAiTitleTxt"><a name="AI1"></a>1.</p></td>
<td><p class="mgAiTitleTxt">Apologies for Absence</p>
<div class="mgWordPara"><p>To receive apologies for absence from Members.</p></div>
<p class="mgSubItemTitleTxt">Minutes:</p><div class="mgWordPara"><p>Apologies were received from Cllr Jones.</p></div>
</td></tr>
<tr><td class="mgItemNumberCell"><p class="mgAiTitleTxt">9.</p></td>
<td><p class="mgAiTitleTxt"><a href="x.pdf">Grant Assurance</a> <span class="mgFileSize">PDF 321 KB</span></p>
<div class="mgWordPara"><p>The Committee approved the grants.</p></div></td></tr>
</table></body></html>"""


def test_agenda_item_table_puts_each_number_before_its_title(tmp_path: Path) -> None:
    path = tmp_path / "agenda.html"
    path.write_text(MODERNGOV_ITEMS, encoding="utf-8")
    lines = extract(path).text.splitlines()
    assert "### 1. Apologies for Absence" in lines
    assert "### 9. Grant Assurance" in lines  # the link's size label is not part of the title
    assert "1." not in lines and "9." not in lines  # no number left alone on a line
    assert "Apologies were received from Cllr Jones." in lines
