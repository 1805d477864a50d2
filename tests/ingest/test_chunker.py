"""Chunking: one numbered paragraph per chunk, tiny merges, long splits, tables, ids, pages; chunk_paper."""

from __future__ import annotations

import json
import re
from pathlib import Path

from ingest.chunker import chunk_report, split_spans
from ingest.hashing import document_id_of, text_hash
from ingest.models import ExtractedText, PageSpan, PaperMeta
from ingest.paper import chunk_paper
from ingest.structure import split_reports

LONG_SENTENCE = "The regional pay cap will be implemented by the summer of 2024 across all of the agencies. "

REPORT = f"""\
#### **3) Progress on recommendations**

3.1 The need to continue to recruit permanent staff across services.

3.1.1 {LONG_SENTENCE * 30}

3.1.3 From December 2023 to January 2024 there was an increase in permanent social work employees by 7.5%.

#### **7) Financial Considerations**

7.1 There are no specific financial implications arising out of this report.

7.2 All of the initiatives referred to above are funded from within existing budgets.

Table 1a: EHC assessment case status (DfE Table) - 2023

2023\tJan 2023\tFeb 2023
Number of 20 weeks assessments completed\t58\t62
Number of 20-week assessments overdue 52 Weeks\t4\t25
"""

META = PaperMeta(council="Devon County Council", committee="Children's Scrutiny Committee",
                 meeting_date="2024-03-12", doc_type="report", author="Director of Children's Futures")


def _chunks(text: str = REPORT, pages: list[PageSpan] | None = None, **kwargs: int) -> list:
    extracted = ExtractedText(text=text, format="pdf" if pages else "text", pages=pages or [])
    report = split_reports(extracted, "visits.txt")[0]
    report.meta = META
    return chunk_report(report, extracted, document_id="doc1", file_name="visits.txt", **kwargs)


def test_one_numbered_paragraph_per_chunk_and_tiny_neighbours_merge() -> None:
    chunks = _chunks()
    ids = [c.paragraph_ids for c in chunks]
    assert ids[0] == ["3.1"]
    assert ids[-2] == ["7.1", "7.2"]  # tiny neighbours under one heading
    assert ["3.1.3"] in ids
    merged = chunks[-2].text
    assert merged.startswith("7.1 There are no specific") and "\n7.2 All of the initiatives" in merged
    assert chunks[-2].section == "7) Financial Considerations"


def test_long_paragraph_splits_on_sentences_with_overlap_keeping_its_id() -> None:
    pieces = [c for c in _chunks() if c.paragraph_ids == ["3.1.1"]]
    assert len(pieces) >= 2
    assert all(len(p.text) <= 1200 for p in pieces)
    assert all(p.text.endswith(".") for p in pieces)
    first_tail = pieces[0].text[-len(LONG_SENTENCE) + 1 :]
    assert pieces[1].text.startswith(first_tail.strip()[:40])  # the last sentence is repeated
    assert pieces[0].char_start < pieces[1].char_start < pieces[0].char_end


def test_table_chunks_start_with_caption_and_header() -> None:
    table = _chunks()[-1]
    assert table.text.splitlines()[:2] == [
        "Table 1a: EHC assessment case status (DfE Table) - 2023",
        "2023\tJan 2023\tFeb 2023",
    ]
    assert "Number of 20-week assessments overdue 52 Weeks\t4\t25" in table.text


def test_big_table_is_cut_into_row_groups_each_with_the_header() -> None:
    rows = "\n".join(f"Indicator number {n} for children in care\t{n}%\t{n + 1}%" for n in range(60))
    text = f"Measures\n\nMeasure\tBaseline\tTarget\n{rows}\n"
    chunks = _chunks(text, max_chars=400)
    assert len(chunks) > 3
    assert all(c.text.startswith("Measures\nMeasure\tBaseline\tTarget\n") for c in chunks)
    body = [line for c in chunks for line in c.text.splitlines()[2:]]
    assert len(body) == 60


def test_a_chunk_opening_inside_a_group_of_rows_repeats_the_group_row() -> None:
    # A ward printed over its polling districts: a chunk cut mid-ward still says which ward its rows are in.
    wards = "".join(f"WARD {w}\t\t\t\n" + "".join(f"Ward{w} district {n}\tPolling station number {n}\t{n}0\t2{n}%\n"
                                              for n in range(8)) for w in "ABC")
    chunks = _chunks(f"Polling\n\nDistrict\tStation\tElectorate\tTurnout\n{wards}", max_chars=400)
    assert len(chunks) > 3
    for chunk in chunks:
        ward = ""
        for line in chunk.text.splitlines()[2:]:
            if line.startswith("WARD "):
                ward = line.split("\t")[0][-1]
            else:  # every row reads under its own ward's row, in the same chunk
                assert line.startswith(f"Ward{ward} "), chunk.text


def test_a_row_longer_than_a_chunk_is_cut_at_sentences_under_its_header() -> None:
    wordy = "The summary of the risk is set out in full. " * 20  # a wrapped cell read as one line
    text = f"Risks\n\nRisk\tMitigation\nBudget pressure\t{wordy}\nStaffing\tRecruit locally.\n"
    chunks = _chunks(text, max_chars=400)
    assert len(chunks) > 2
    assert all(len(c.text) <= 420 and c.text.startswith("Risks\nRisk\tMitigation\n") for c in chunks)
    assert "Recruit locally." in chunks[-1].text
    assert all(c.char_start < c.char_end for c in chunks)


def test_chunk_fields_ids_offsets_and_metadata() -> None:
    chunks = _chunks()
    assert [c.ordinal for c in chunks] == list(range(len(chunks)))
    assert len({c.chunk_id for c in chunks}) == len(chunks)
    first = chunks[0]
    assert first.chunk_id == f"doc1:3.1:{text_hash(first.text)}"
    # The table has no number of its own: it is cited by the numbered section it is printed in.
    assert chunks[-1].chunk_id.startswith("doc1:7:") and chunks[-1].paragraph_ids == ["7"]
    assert (first.council, first.committee, first.meeting_date, first.author) == (
        META.council, META.committee, META.meeting_date, META.author)
    # A council report's title is its cover title ("Children's Social Care Update"), printed before the
    # numbered sections; "3) Progress on recommendations" is the report's third section, so as a title it
    # would cite every paragraph to the wrong heading. With no cover title the title is unknown, the section
    # keeps the heading, and the citation falls back to the file name.
    assert first.report_title == ""
    assert first.section == "3) Progress on recommendations"
    for c in chunks:
        raw = REPORT[c.char_start : c.char_end]
        words = re.findall(r"[A-Za-z]{4,}", c.text)
        assert words[-1] in raw, (c.text[-40:], raw[-40:])
    assert first.citation_label.startswith("visits.txt, para 3.1")


def test_pages_and_agenda_item_come_from_the_extracted_text() -> None:
    half = REPORT.index("#### **7)")
    pages = [PageSpan(5, 0, half), PageSpan(6, half, len(REPORT))]
    extracted = ExtractedText(text=REPORT, format="pdf", pages=pages, agenda_items={0: "Agenda Item 8", half: "9"})
    first, second = split_reports(extracted, "pack.pdf")
    chunks = chunk_report(first, extracted, document_id="d", file_name="pack.pdf", first_ordinal=10)
    chunks += chunk_report(second, extracted, document_id="d", file_name="pack.pdf", first_ordinal=len(chunks) + 10)
    assert chunks[0].pages == [5] and chunks[0].agenda_item == "8"
    assert chunks[-1].pages == [6] and chunks[-1].agenda_item == "9"
    assert [c.ordinal for c in chunks] == list(range(10, 10 + len(chunks)))


def test_split_spans_never_exceed_the_limit() -> None:
    text = ("word " * 700).strip()
    spans = split_spans(text, 500, 100)
    assert all(b - a <= 500 for a, b in spans)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)


def test_chunk_paper_end_to_end_with_sidecar(tmp_path: Path) -> None:
    paper = tmp_path / "2024-07-15 halton.txt"
    paper.write_text(
        "REPORT TO: Children, Young People & Families PPB\nDATE: 15th July 2024\nSUBJECT: Children's Social Care\n\n"
        "1.0 PURPOSE OF THE REPORT\n\n1.1 To provide an update to Members on the progress of Children's Social Care.\n"
    )
    (tmp_path / "papers.csv").write_text("file,council\n2024-07-15 halton.txt,Halton Borough Council\n")
    result = chunk_paper(paper)
    assert result.document_id == document_id_of(paper.read_bytes())
    assert [r.title for r in result.reports] == ["Children's Social Care"]
    chunk = next(c for c in result.chunks if c.paragraph_ids == ["1.1"])
    assert chunk.council == "Halton Borough Council"
    assert chunk.committee == "Children, Young People & Families PPB"
    assert chunk.meeting_date == "2024-07-15"
    assert chunk.section == "1.0 PURPOSE OF THE REPORT"
    override = PaperMeta(committee="Halton PPB", title="Overview")
    (tmp_path / "papers.csv").unlink()
    (tmp_path / "x.meta.json").write_text(json.dumps({"committee": "ignored"}))
    again = chunk_paper(paper, sidecar=override)
    assert again.reports[0].title == "Overview"
    assert {c.committee for c in again.chunks} == {"Halton PPB"}
    assert [c.chunk_id for c in again.chunks if c.paragraph_ids == ["1.1"]] == [chunk.chunk_id]


def test_text_without_a_number_is_cited_by_its_numbered_heading() -> None:
    from ingest.chunker import heading_number

    assert heading_number("12 Cycle Hangar Policy") == ["12"]  # a minute
    assert heading_number("5. Next Meetings") == ["5"]
    assert heading_number("6 Public Forum > Proposals") == ["6"]  # an unnumbered subheading inside minute 6
    assert heading_number("7 > 2.0 Executive Summary") == ["2.0"]  # the innermost numbered heading
    assert heading_number("APR8.2 Public inspection of background papers") == ["APR8.2"]
    assert heading_number("Question 63 – Jackie Head") == ["Question 63"]
    assert heading_number("2024 Budget consultation") == []  # a year, not a number
    assert heading_number("Background") == [] and heading_number("") == []


MINUTES_FORUM = """Transport Policy Committee - Minutes

4 Minutes of the Previous Meeting

The minutes of the meeting held on 12 September 2024 were agreed as a correct record.

5 Chair's Announcements

There were no announcements.

6 Public Forum

The Committee received 54 questions and 12 statements, listed in the minute book.

Q52, 53 & 54 – Brendan Taylor

Mr Taylor asked when the bus gate trial would be reviewed. The Chair replied that the review would report in
spring and that the data would be published.

7 Workplace Parking Levy

The Committee considered the update report on the levy.
"""


def test_a_subheading_inside_a_minute_keeps_the_minute_number() -> None:
    chunks = _chunks(MINUTES_FORUM)
    reply = next(c for c in chunks if "bus gate trial" in c.text)
    assert reply.section.startswith("6 Public Forum") and reply.paragraph_ids == ["6"]
    levy = next(c for c in chunks if "update report on the levy" in c.text)
    assert levy.paragraph_ids == ["7"] and "Public Forum" not in levy.section


def test_a_cover_title_wrapped_over_many_lines_is_read_whole() -> None:
    from ingest.titles import find_title

    cover = ("Knowsley Council\n"
             "Inspection of services for children in need of help and\n"
             "protection, children looked after and care leavers\n"
             "and\n"
             "Review of the effectiveness of the local safeguarding children\n"
             "board1\n"
             "Inspection date: 29 April – 21 May 2014\n"
             "Report published: 30 June 2014\n")
    assert find_title(cover, 0, len(cover)) == (
        "Inspection of services for children in need of help and protection, children looked after and care "
        "leavers and Review of the effectiveness of the local safeguarding children board")
