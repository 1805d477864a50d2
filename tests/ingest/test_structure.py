"""Splitting papers into reports: agenda packs, letters, report headers, PDF agenda-item stamps."""

from __future__ import annotations

from ingest.models import ExtractedText, PageSpan
from ingest.structure import split_reports

PACK = """\
To: The Chair and Members of the Children's Scrutiny Committee

Date: 29 May 2023

CHILDREN'S SCRUTINY COMMITTEE

Tuesday, 6th June, 2023

A meeting of the Children's Scrutiny Committee is to be held on the above date at 10.30 am.

A G E N D A

1 Apologies

2 Minutes

Minutes of the meeting held on 14 March 2023 (previously circulated).

7 Ofsted Monitoring Visit Letter (Pages 1 - 4)

Ofsted letter dated 23 May 2023, attached.

8 Sufficiency Initiatives for Children in Care and Care Experienced Young People (Pages 5 - 10)

Report of the Head of Children's Health and Wellbeing, attached.

Members are reminded that Part II Reports contain exempt information and should be treated accordingly.

Fire

In the event of the fire alarm sounding, leave the building immediately by the nearest available exit.

22 May 2023

Julian Wooster
Director of Children's Services (interim)
County Hall
Exeter
EX2 4QD

Dear Julian

Monitoring visit to Devon children's services

This letter summarises the findings of the monitoring visit to Devon children's services on 18 and 19 April 2023.

Headline findings

The quality of social work practice across Devon remains inconsistent. Most children in care experience delays.

Yours sincerely

Steve Lowe
His Majesty's Inspector



Children's Scrutiny Committee 6th June 2023

Sufficiency Initiatives for Children in Care and Care Experienced Young People

Report of the Head of Children's Health and Wellbeing (Deputy Chief Officer)

1. Summary

- 1.1 The council has recently secured funding following the submission of two successful bids.
- 1.2 Tenders to carry out capital works to increase capacity at Welland Children's Home were published in 2022.

Agenda Item 8

- 1.3 To increase the supply of children's homes accommodation the Department for Education launched a programme.
"""

KENT_SUPPLEMENTARY = """\
Direct Dial/Ext:\t03000414043
Ask for:\tGeorgina Little
Date:\t29 January 2025

Dear Member

CABINET - THURSDAY, 30 JANUARY 2025

I am now able to enclose, for consideration at Thursday, 30 January 2025 meeting of the Cabinet,
the following reports.

Agenda Item No
7\t24/00109 - Transfer the 18-25 section of the Strengthening Independence
Service to the Adult Social Care and Health Directorate (Pages 1 - 20)

Yours sincerely

Benjamin Watts
General Counsel

From:\tSue Chandler, Cabinet Member for Integrated
Children's Services

To:\tCabinet - 30 January 2025

Subject:\tTransfer the 18-25 section of the Strengthening
Independence Service to the Adult Social Care and
Health Directorate

Decision no:\t24/00109

1. Introduction

1.1 Transitions is the process of a minor or young person moving into legal
adulthood. For individuals with additional needs this can often include multiple services.

1.2 The Strengthening Independence Service (SIS) currently oversees Transitions
between 18-25 for those with learning and physical disabilities.
"""


def _text(text: str) -> ExtractedText:
    return ExtractedText(text=text, format="text")


def test_single_report_file_is_one_report_with_its_own_title() -> None:
    text = (
        "\n\n## Children's Social Care Visits Report – progress on recommendations\n\n"
        "### Report of the Director of Children and Young People's Futures\n\n"
        "2.1 Members of Scrutiny undertook several visits to Children's Social Care Services during 2023.\n"
    )
    reports = split_reports(_text(text), "000_visits.txt")
    assert len(reports) == 1
    assert reports[0].title == "Children's Social Care Visits Report – progress on recommendations"
    assert (reports[0].start, reports[0].end) == (0, len(text))
    assert [b.para_id for b in reports[0].blocks] == ["2.1"]


def test_agenda_pack_splits_into_frontsheet_letter_and_report() -> None:
    reports = split_reports(_text(PACK), "pack.txt")
    titles = [r.title for r in reports]
    assert titles == [
        "Children's Scrutiny Committee agenda, 6 June 2023",
        "Monitoring visit to Devon children's services",
        "Sufficiency Initiatives for Children in Care and Care Experienced Young People",
    ]
    frontsheet, letter, report = reports
    assert PACK[letter.start :].startswith("22 May 2023")
    assert "His Majesty's Inspector" in PACK[letter.start : letter.end]
    assert PACK[report.start :].startswith("Children's Scrutiny Committee 6th June 2023")
    assert (letter.meta.agenda_item, report.meta.agenda_item) == ("7", "8")
    assert [b.para_id for b in report.blocks if b.para_id] == ["1.1", "1.2", "1.3"]
    assert all(r.end == n.start for r, n in zip(reports, reports[1:], strict=False))


def test_cover_letter_and_kent_report_header_split() -> None:
    reports = split_reports(_text(KENT_SUPPLEMENTARY), "supplementary.pdf")
    assert len(reports) == 2
    letter, report = reports
    assert letter.title == "CABINET - THURSDAY, 30 JANUARY 2025"
    assert KENT_SUPPLEMENTARY[report.start :].startswith("From:")
    assert report.title == (
        "Transfer the 18-25 section of the Strengthening Independence Service to the Adult Social Care and "
        "Health Directorate"
    )
    assert report.meta.agenda_item == "7"
    assert [b.para_id for b in report.blocks if b.para_id] == ["1.1", "1.2"]


def test_pdf_agenda_item_stamps_start_new_reports() -> None:
    page1 = "AGENDA\n\nCABINET\n\nThursday, 30th January, 2025\n\n1. Apologies\n2. Declarations of Interest\n"
    page1 += "Apologies for absence were received. " * 20
    page2 = "From:\tRoger Gough, Leader\n\nTo:\tCabinet - 30 January 2025\n\nSubject:\tBudget Monitoring\n\n1.1 "
    page2 += "Budget monitoring text for the quarter. " * 20
    page3 = "Appendix A\n\nKey performance indicators for the quarter\n\n"
    page3 += "Indicators and targets for the quarter. " * 20
    text = f"{page1}\n\n{page2}\n\n{page3}"
    s2 = len(page1) + 2
    s3 = s2 + len(page2) + 2
    extracted = ExtractedText(
        text=text,
        format="pdf",
        pages=[PageSpan(1, 0, len(page1)), PageSpan(2, s2, s2 + len(page2)), PageSpan(3, s3, len(text))],
        agenda_items={s2: "Agenda Item 5", s3: "Agenda Item 6"},
    )
    reports = split_reports(extracted, "pack.pdf")
    assert [(r.start, r.meta.agenda_item) for r in reports] == [(0, ""), (s2, "5"), (s3, "6")]
    assert reports[0].title == "Cabinet agenda, 30 January 2025"
    assert reports[1].title == "Budget Monitoring"


def test_minutes_are_their_own_report_with_a_built_title() -> None:
    text = (
        "KENT COUNTY COUNCIL\n\nCABINET\n\nMINUTES of a meeting of the Cabinet held in the Council Chamber, Sessions\n"
        "House, County Hall, Maidstone on Thursday, 30 January 2025.\n\n84. Apologies\n(Item 1)\n\n"
        "Apologies were received from Mrs C Bell.\n"
    )
    reports = split_reports(_text(text), "minutes.pdf")
    assert len(reports) == 1
    assert reports[0].title == "Minutes of the Cabinet, 30 January 2025"
    assert [b.para_id for b in reports[0].blocks if b.para_id] == ["84"]


QUESTIONS_PACK = """Public Questions and Mayor's Responses

Question 82 - Jane Doe

Will the mass transit route serve south Bristol?

All of our local councils have been involved in work on mass transit proposals to date and will continue to
be involved as we bring the project forward.

Question 83 - Andrew Lynch

At the last question time I asked the following:

Dear Mayor Godwin
As the role of the authority becomes both broader and more complex, could you commit yourself to supplying
monthly diaries of meetings?

Yours faithfully and in the spirit of our shared commitment to democracy I ask you to
consider the wider impacts of your decisions on residents and
businesses near the airport.

Question 84 - Sam Green

What is the budget for the bus service improvement plan this year?
"""


def test_a_letter_quoted_in_a_pack_of_questions_is_no_new_paper() -> None:
    """A "Dear ..." with no date line above it, mid-text, is a letter quoted in a question; "Yours faithfully and
    ... I ask you to" opens a sentence, not a sign-off."""
    reports = split_reports(_text(QUESTIONS_PACK), "questions.pdf")
    assert len(reports) == 1
    assert reports[0].title == "Public Questions and Mayor's Responses"
