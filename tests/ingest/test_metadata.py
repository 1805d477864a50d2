"""Metadata inference from report headers, paper openings and file names; sidecar overrides."""

from __future__ import annotations

import json
from pathlib import Path

from ingest.dates import leading_date, printed_dates, range_end, to_iso
from ingest.metadata import infer_meta, load_sidecar
from ingest.models import PaperMeta

HALTON = """\
REPORT TO: Children, Young People & Families PPB
DATE: 15th July 2024
REPORTING OFFICER: Executive Director of Children's Services
PORTFOLIO: Children, Young People & Families
SUBJECT: Children's Social Care
WARD(S) Boroughwide

1.0 PURPOSE OF THE REPORT

1.1 To provide and update to Members on the progress of Children's Social Care in Halton.

3.2 Childrens services in Halton are on an improvement journey; Halton has appointed a permanent DCS.

11.1 It is a challenging time in Halton Children's Social Care services across the Borough.
"""

KENT_REPORT = """\
From:\tSue Chandler, Cabinet Member for Integrated
Children's Services

Dan Watkins, Cabinet Member for Adult Social Care

To:\tCabinet - 30 January 2025

Subject:\tTransfer the 18-25 section of the Strengthening
Independence Service

Decision no:\t24/00109

The Director of Adult Social Services at Kent County Council is accountable for assessing local needs.
Contact: sharon.howard@kent.gov.uk
"""

STAFFORDSHIRE = """\
Corporate Overview and Scrutiny Committee - Tuesday 09 May 2023

Update on Progress Made Within C&F Following Cabinet Investment

Report of Cllr Mark Sutton Cabinet Member for Children and Young People

1. An extensive analysis of efficacy and impact of services was undertaken within children and families.

Report Author: Nisha Gupta
Job Title: Assistant Director Children's Social Care
Nisha.gupta@staffordshire.gov.uk
"""

OFSTED = """\
Inspection of Kent County Council children’s services

Inspection dates: 9 to 20 May 2022

Lead inspector: Margaret Burke, Her Majesty’s Inspector

Children are at the centre of Kent County Council’s culture and practice.
"""

FRONTSHEET = """\
CHILDREN'S SCRUTINY COMMITTEE

Tuesday, 6th June, 2023

A meeting of the Children's Scrutiny Committee is to be held on the above date at 10.30 am.
Email: charlie.fisher@devon.gov.uk
"""

LETTER = """\
22 May 2023

Julian Wooster
Director of Children's Services (interim)

Dear Julian

Monitoring visit to Devon children's services

This letter summarises the findings of the monitoring visit.

Yours sincerely

Steve Lowe
His Majesty's Inspector
"""


def test_halton_header_fields() -> None:
    meta = infer_meta(HALTON, "004_25f218db89edc53f.txt", HALTON)
    assert meta == PaperMeta(
        council="Halton Borough Council",
        committee="Children, Young People & Families PPB",
        meeting_date="2024-07-15",
        doc_type="report",
        author="Executive Director of Children's Services",
        title="Children's Social Care",
    )


def test_kent_from_to_subject_block() -> None:
    meta = infer_meta(KENT_REPORT, "2025-01-30 24-00109 - Report.pdf", KENT_REPORT)
    assert meta.council == "Kent County Council"
    assert meta.committee == "Cabinet"
    assert meta.meeting_date == "2025-01-30"
    assert meta.title == "Transfer the 18-25 section of the Strengthening Independence Service"
    assert meta.author == (
        "Sue Chandler, Cabinet Member for Integrated Children's Services; Dan Watkins, Cabinet Member for "
        "Adult Social Care"
    )


def test_committee_line_with_date_and_report_of_author() -> None:
    meta = infer_meta(STAFFORDSHIRE, "002_c7664a6b257b6724.txt", STAFFORDSHIRE)
    assert meta.council == "Staffordshire County Council"
    assert meta.committee == "Corporate Overview and Scrutiny Committee"
    assert meta.meeting_date == "2023-05-09"
    assert meta.author == "Cllr Mark Sutton Cabinet Member for Children and Young People"
    assert meta.title == "Update on Progress Made Within C&F Following Cabinet Investment"


def test_ofsted_inspection_uses_inspected_authority_and_last_inspection_day() -> None:
    meta = infer_meta(OFSTED, "kent - children's services inspection - 05 july 2022.pdf", OFSTED)
    assert meta.doc_type == "inspection"
    assert meta.council == "Kent County Council"
    assert meta.meeting_date == "2022-05-20"
    assert meta.committee == ""
    assert meta.author == "Margaret Burke, Her Majesty’s Inspector"


def test_report_in_pack_takes_committee_and_date_from_the_frontsheet() -> None:
    meta = infer_meta(LETTER, "003_pack.txt", FRONTSHEET)
    assert meta.doc_type == "letter"
    assert meta.committee == "Children's Scrutiny Committee"
    assert meta.meeting_date == "2023-06-06"
    assert meta.council == "Devon County Council"
    assert meta.title == "Monitoring visit to Devon children's services"
    assert meta.author == "Steve Lowe, His Majesty's Inspector"


def test_standalone_letter_is_dated_by_its_date_line() -> None:
    meta = infer_meta(LETTER, "letter.txt", LETTER)
    assert meta.meeting_date == "2023-05-22"


def test_date_helpers() -> None:
    assert to_iso("Tuesday, 6th June, 2023") == "2023-06-06"
    assert to_iso("15th July 2024") == "2024-07-15"
    assert to_iso("not a date") == ""
    assert range_end("9 to 20 May 2022") == "2022-05-20"
    assert range_end("12 September 2016 to 6 October 2016") == "2016-10-06"
    assert leading_date("2025-01-30 Agenda frontsheet.pdf") == "2025-01-30"
    assert leading_date("kent - children's services inspection - 05 july 2022.pdf") == ""  # only a leading date
    assert printed_dates("Cabinet - 12/09/2024, as reported on 3rd June 2024") == {"2024-09-12", "2024-06-03"}


def test_sidecar_json_beside_the_file(tmp_path: Path) -> None:
    paper = tmp_path / "report.txt"
    paper.write_text("1.1 Text.\n")
    (tmp_path / "report.txt.meta.json").write_text(
        json.dumps({"committee": "Cabinet", "meeting_date": "30 January 2025", "colour": "blue"})
    )
    meta = load_sidecar(paper)
    assert meta == PaperMeta(committee="Cabinet", meeting_date="2025-01-30")
    merged = PaperMeta(council="Kent County Council", committee="Scrutiny").merged(meta)
    assert (merged.council, merged.committee) == ("Kent County Council", "Cabinet")


def test_papers_csv_manifest(tmp_path: Path) -> None:
    paper = tmp_path / "b.pdf"
    (tmp_path / "papers.csv").write_text(
        "file,council,doc_type\na.pdf,Devon County Council,report\nb.pdf,Kent County Council,minutes\n"
    )
    assert load_sidecar(paper) == PaperMeta(council="Kent County Council", doc_type="minutes")
    assert load_sidecar(tmp_path / "c.pdf") is None


def test_no_sidecar(tmp_path: Path) -> None:
    assert load_sidecar(tmp_path / "x.txt") is None


RECORD_OF_DECISION = """KENT COUNTY COUNCIL – PROPOSED RECORD OF DECISION

DECISION TO BE TAKEN BY:\tDECISION NO:

Cabinet\t24/00096

Key decision: YES

Subject Matter / Title of Decision

Commissioning Plan for Education Provision in Kent 2025-29
Decision:

Cabinet agree to:
"""


def test_a_title_field_whose_value_is_on_the_next_line() -> None:
    meta = infer_meta(RECORD_OF_DECISION, "2025-01-30 24-00096 - PROD.pdf", RECORD_OF_DECISION)
    assert meta.title == "Commissioning Plan for Education Provision in Kent 2025-29"


def test_every_field_records_its_source() -> None:
    meta = infer_meta(KENT_REPORT, "2025-01-30 24-00109 - Report.pdf", KENT_REPORT)
    assert meta.sources["committee"] == "cover"
    assert meta.sources["meeting_date"] == "cover"
    assert meta.sources["council"] == "inferred"  # from its text and kent.gov.uk, not a cover line


def test_a_passing_mention_of_a_council_is_not_the_council() -> None:
    text = "Report to: Cabinet\nDate: 3 March 2025\n\n1.1 Officers met colleagues from Medway Council in May.\n"
    meta = infer_meta(text, "report.pdf", text)
    assert meta.council == ""
    assert meta.committee == "Cabinet"


def test_a_committee_mentioned_in_the_text_is_not_the_meeting() -> None:
    text = ("Budget monitoring\n\n1.1 The Corporate Parenting Panel and the Corporate Parenting Panel asked for "
            "this report, which the Audit Committee saw and the Audit Committee noted.\n")
    assert infer_meta(text, "budget.pdf", text).committee == ""


def test_submission_by_one_council_on_behalf_of_another() -> None:
    text = ("Feasibility Study Report for a WPL\nScheme in Bristol\n"
            "Submission by Nottingham City Council on behalf of\n"
            "Bristol City Council\n\nTable of Contents\n")
    meta = infer_meta(text, "Appendix A - Feasibility Study.pdf", text)
    assert meta.council == "Bristol City Council"
    assert meta.title == "Feasibility Study Report for a WPL Scheme in Bristol"
    assert meta.doc_type == "appendix"


def test_file_name_date_is_a_weak_hint_never_the_only_source() -> None:
    text = "Equality Impact Assessment\n\nTitle: Workplace Parking Levy\n\nSome text.\n"
    # The paper prints no date: the file may be named by the day it was saved (its meeting's record may
    # still date it: ingest.meetings).
    assert infer_meta(text, "2024-09-12 Appendix B - EqIA.pdf", text).meeting_date == ""
    printed = text + "\nTransport and Connectivity Policy Committee - 12/09/2024 Page 3\n"
    meta = infer_meta(printed, "2024-09-12 Appendix B - EqIA.pdf", printed)
    assert (meta.meeting_date, meta.sources["meeting_date"]) == ("2024-09-12", "filename")
    worded = text + "\nAs reported on 12th September 2024.\n"
    assert infer_meta(worded, "2024-09-12 Appendix B - EqIA.pdf", worded).meeting_date == "2024-09-12"
    assert infer_meta(printed, "2024-09-12 Appendix B - EqIA.pdf", printed, file_dates=False).meeting_date == ""
    assert infer_meta(printed, "Appendix B - EqIA.pdf", printed).meeting_date == ""
    assert infer_meta(printed, "2024-09-13 Appendix B - EqIA.pdf", printed).meeting_date == ""


def test_moderngov_printed_minutes_and_decision_form() -> None:
    minutes = ("Bristol City Council\nMinutes of the Transport and Connectivity\nPolicy Committee\n\n"
               "12 September 2024 at 5.00 pm\n\nMembers Present:-\n")
    meta = infer_meta(minutes, "minutes.pdf", minutes)
    assert (meta.council, meta.committee, meta.meeting_date, meta.doc_type) == (
        "Bristol City Council", "Transport and Connectivity Policy Committee", "2024-09-12", "minutes")
    decision = ("Decision Recording Form\nDecision determined at Transport and Connectivity Policy Committee\n"
                "meeting on 12 September 2024\n\nCommittee Members present:\n")
    meta = infer_meta(decision, "decisions.pdf", decision)
    assert (meta.committee, meta.meeting_date, meta.doc_type) == (
        "Transport and Connectivity Policy Committee", "2024-09-12", "decision")
    assert meta.council == ""  # nothing in the form says whose it is


def test_meeting_line_with_two_meetings_and_contents_list_titles() -> None:
    text = ("Meeting:\tCabinet Council\tDate:\t10 December 2025 29 January 2026\n\n"
            "Subject:\tLocal Council Tax Support Scheme 2026/27\nEmail: k@gloucester.gov.uk\n")
    meta = infer_meta(text, "report.pdf", text)
    assert (meta.committee, meta.meeting_date, meta.council) == ("Cabinet", "2025-12-10", "Gloucester City Council")
    toc = "Executive Summary 1 2 Background and Context 2 5\n\n1. Executive Summary\n"
    assert infer_meta(toc, "x.pdf", toc).title != "Executive Summary 1 2 Background and Context 2 5"


def test_agenda_supplement_note_and_questions_are_not_letters() -> None:
    note = ("Dear Member\n\nCABINET - THURSDAY, 30 JANUARY 2025\n\nI am now able to enclose the following document "
            "that was unavailable when the agenda was published.\n\nYours sincerely\n")
    assert infer_meta(note, "supplement.pdf", note).doc_type == "agenda"
    questions = ("Public Questions and Responses\n\nQuestion 1 from A Resident\nDear Chair, why ...\n"
                 "Response: ...\nQuestion 2 from B Resident\nResponse: ...\nYours sincerely\n")
    assert infer_meta(questions, "questions.pdf", questions).doc_type == "questions"


def test_sidecar_sources_and_moderngov_origin(tmp_path: Path) -> None:
    paper = tmp_path / "r.pdf"
    (tmp_path / "r.pdf.meta.json").write_text(json.dumps(
        {"council": "Kent County Council", "committee": "Cabinet", "origin": "moderngov"}))
    meta = load_sidecar(paper)
    assert meta.sources == {"council": "moderngov", "committee": "moderngov"}
    merged = PaperMeta(committee="Scrutiny", title="T", sources={"committee": "cover", "title": "cover"}).merged(meta)
    assert merged.sources == {"committee": "moderngov", "title": "cover", "council": "moderngov"}


# A ModernGov meeting page as a browser saves it: the meeting is named only in <title>; the body's heading is
# the page kind ("Agenda and minutes") and the sub-title repeats the meeting with the time.
MODERNGOV_PAGE = """<html><head><title>Agenda for Health and Wellbeing Board on Wednesday, 15th January, 2025, 2.00 pm
 - Modern Council</title></head><body><div id="modgov"><div class="mgHeader"><h1 class="mgMainTitleTxt">Agenda and
minutes</h1></div><h2 class="mgSubTitleTxt">Health and Wellbeing Board - Wednesday, 15th January, 2025 2.00 pm</h2>
<p>Venue: Council Chamber, Civic Centre</p><p>Contact: Democratic Services</p>
<ol><li><p>Apologies for absence</p></li><li><p>Declarations of interest</p></li>
<li><p>Better Care Fund quarterly return</p><p>Report of the Director of Adult Social Care.</p></li></ol>
</div></body></html>"""


def test_moderngov_page_is_named_by_its_html_title(tmp_path: Path) -> None:
    from ingest.paper import chunk_paper

    page = tmp_path / "Agenda page.html"
    page.write_text(MODERNGOV_PAGE)
    meta = chunk_paper(page).reports[0].meta
    assert meta.title == "Agenda for Health and Wellbeing Board on Wednesday, 15th January, 2025, 2.00 pm"
    assert (meta.committee, meta.meeting_date, meta.doc_type) == ("Health and Wellbeing Board", "2025-01-15", "agenda")
    assert meta.sources["title"] == meta.sources["committee"] == "docinfo"


COMMITTEE_PAGE = """<html><head><title>Committee details - Planning Committee - Modern Council</title></head><body>
<div id="modgov"><h1 class="mgMainTitleTxt">Committee details</h1><h2>Purpose of committee</h2>
<p>The committee determines planning applications of 10 or more dwellings, 7:30 pm meetings on 12 Thursdays a year.</p>
<h2>Membership</h2><ul><li>Councillor Jo Smith (Chair)</li><li>Councillor Ali Khan</li></ul></div></body></html>"""


def test_a_committees_own_page_is_named_by_its_html_title(tmp_path: Path) -> None:
    from ingest.paper import chunk_paper

    page = tmp_path / "CommitteeDetails.html"
    page.write_text(COMMITTEE_PAGE)
    meta = chunk_paper(page).reports[0].meta
    assert (meta.title, meta.committee) == ("Committee details - Planning Committee", "Planning Committee")
    assert meta.doc_type == ""  # it names a committee, not a meeting: no report
    # A meeting page's title with a clock time is no contents list ("15 ... 7:30": three numbers).
    timed = "Wednesday 15 January 2025, 7:30 pm"
    page.write_text(MODERNGOV_PAGE.replace("Wednesday, 15th January, 2025, 2.00 pm", timed))
    assert chunk_paper(page).reports[0].meta.title == f"Agenda for Health and Wellbeing Board on {timed}"


def test_a_report_cover_prints_its_meeting_over_its_title() -> None:
    text = ("Kingston & North Kingston Neighbourhood Committee\n\n15 January 2026\n\n"
            "Petition Regarding the Introduction of Traffic Management Measures On Manorgate\nRoad\n\n"
            "Report by Matthew Hill, Director, Highways, Transport, and Regulatory services\n\n"
            "Purpose of Report\n\nTo address a petition received seeking a solution to congestion on Manorgate Road.\n")
    meta = infer_meta(text, "ManorgatePetition.pdf", text)
    assert meta.title == "Petition Regarding the Introduction of Traffic Management Measures On Manorgate Road"
    assert (meta.committee, meta.meeting_date) == ("Kingston & North Kingston Neighbourhood Committee", "2026-01-15")
    # An agenda's own heading over its date is its title, not a meeting line.
    agenda = "Garelochhead Community Council Public Meeting Agenda\nTuesday 17th August 2021\n\n1. Welcome\n"
    assert infer_meta(agenda, "agenda.pdf", agenda).title.startswith("Garelochhead Community Council Public Meeting")


def test_a_joint_meetings_long_name_is_kept_and_a_bare_body_word_is_not_a_name() -> None:
    text = ("Agenda for Joint meeting - West of England Combined Authority Committee and West of England Joint "
            "Committee on Friday, 27th March, 2026, 1.00 pm\n\n1. Apologies\n")
    assert infer_meta(text, "page.txt", text).committee == (
        "Joint meeting - West of England Combined Authority Committee and West of England Joint Committee")
    header = "Committee\n\n12 March 2025\n\nStatement from a resident about the bus lane.\n"
    assert infer_meta(header, "x.pdf", header).committee == ""


def test_cover_field_lines_are_not_the_title() -> None:
    text = ("REPORT TO: EXECUTIVE BOARD\nDATE: 15th July 2024\nREPORTING OFFICER: Director of Environment\n\n"
            "Highways Maintenance Programme 2024/25\n\n1.0 PURPOSE OF THE REPORT\n\n"
            "1.1 To seek approval of the highways maintenance programme for 2024/25 and its funding sources.\n")
    meta = infer_meta(text, "report.pdf", text)
    assert meta.title == "Highways Maintenance Programme 2024/25"
    assert (meta.committee, meta.doc_type) == ("Executive Board", "report")


def test_papers_of_no_meeting_and_public_statements() -> None:
    plan = ("Forward plan\n\nThis update published 20 January 2026\n\nDecision\tDecision maker\tDate\n"
            "Workplace Parking Levy\tTransport and Connectivity Policy Committee\tMarch 2026\n")
    assert infer_meta(plan, "plan.pdf", plan).doc_type == "other"
    statements = ("Statements to the 27 March 2026 Joint meeting\n\nStatement 1 from Friends of the Railway Path\n"
                  "We ask the committee to keep the path open.\n")
    assert infer_meta(statements, "statements.pdf", statements).doc_type == "questions"
    accounts = "Statement of Accounts 2023/24\n\nReport of the Director of Finance\n\n1.1 The accounts ...\n"
    assert infer_meta(accounts, "accounts.pdf", accounts).doc_type == "report"


def test_a_report_is_only_called_one_with_evidence() -> None:
    annual = ("Civil Enforcement\n\nAnnual Report 2023-2024\n\nParking enforcement keeps roads safe and clear. "
              "This year officers issued fewer penalty charge notices than last year.\n")
    meta = infer_meta(annual, "Civil Enforcement Annual Report.pdf", annual)
    assert (meta.doc_type, meta.committee, meta.meeting_date) == ("", "", "")  # no meeting: kind unknown
    officer = ("## Children's Social Care Visits Report\n\n### Report of the Director of Children's Services\n\n"
               "#### **1) Recommendation**\n\n1.1 That the Committee note the contents of this report.\n")
    assert infer_meta(officer, "visits.txt", officer).doc_type == "report"


def test_a_letterhead_council_the_gazetteer_does_not_list() -> None:
    text = ("# Future of the Library Service\n\nWexcombe Borough Council\n\nTo: Cabinet - 11 June 2024\n\n"
            "Report of the Director of Communities\n")
    meta = infer_meta(text, "report.md", text)
    assert (meta.council, meta.sources["council"]) == ("Wexcombe Borough Council", "cover")
    phrase = "Council Tax Support Scheme\n\nReport of the Director of Finance\n"
    assert infer_meta(phrase, "report.md", phrase).council == ""


def test_local_councils_minutes_and_summons() -> None:
    # A parish or community council is no principal council (the gazetteer lists none): its letterhead says it.
    minutes = ("TINTERN COMMUNITY COUNCIL\n\nMinutes of a meeting of the above Council held in the Village Hall on "
               "Monday 29th October 2018 at 7.00pm.\n\nPresent: Chairman Cllr Shewell, Cllrs Hayward and Hoskins.\n\n"
               "2579. Police Report: Attached.\n\n2580. Apologies for absence: Cllr Pocock.\n")
    meta = infer_meta(minutes, "20181029.pdf", minutes)
    assert (meta.council, meta.doc_type, meta.meeting_date) == ("Tintern Community Council", "minutes", "2018-10-29")
    assert meta.committee == "Tintern Community Council"  # "the above Council": the body heading the minutes
    dated = ("Milburn Parish Council - 14th July 2020\n\nPresent\nCouncillors D Richardson (Chair) and R. Healey\n\n"
             "20.07.01 Election of Chair\nCouncillor Richardson remains Chair.\n\n"
             "20.07.02 Apologies\nCouncillor Cresswell\n")
    meta = infer_meta(dated, "minutes_2020-07-14_.pdf", dated)
    assert (meta.council, meta.doc_type) == ("Milburn Parish Council", "minutes")
    no_apologies = dated.replace("20.07.02 Apologies\nCouncillor Cresswell\n", "20.07.02 Register of Interests\nNone\n")
    assert infer_meta(no_apologies, "minutes.pdf", no_apologies).doc_type == "minutes"
    # "Present" at a line's start alone is no attendance record ("Present position ...").
    report = "Report of the Director\n\nPresent position\nThe service is on budget.\n"
    assert infer_meta(report, "report.pdf", report).doc_type != "minutes"
    summons = ("ANNUAL GENERAL MEETING\n\nYou are summoned to attend the annual meeting of the above Council "
               "to be held on Monday 20th May 2019 at 6.30pm\n\nAGENDA\n\n805. Apologies for absence\n\n"
               "806. Confirmation of minutes of 2018 AGM\n\n807. Chairman's Report\n")
    assert infer_meta(summons, "20190520.pdf", summons).doc_type == "agenda"


def test_a_pdf_title_the_paper_does_not_print_is_a_template_leftover() -> None:
    from ingest.metadata import DocInfo

    text = "planning report\nPDU/0553/01\n\n18 December 2002\n\nFive Estates, Peckham\n\n1 On 12 July 2002 ...\n"
    leftover = DocInfo(title="PDU Case Report XXXX/YY date")
    assert infer_meta(text, "report.pdf", text, docinfo=leftover).title != leftover.title
    printed = DocInfo(title="Five Estates Peckham planning report")
    untitled = "1 On 12 July 2002 the council consulted the Mayor on Five Estates, Peckham (planning report).\n"
    assert infer_meta(untitled, "report.pdf", untitled, docinfo=printed).title == printed.title
    # A PDF's Title in parts is the paper's own; only a web page's last part is its site's name.
    parts = DocInfo(title="Five Estates - Peckham - planning report")
    assert infer_meta(untitled, "report.pdf", untitled, docinfo=parts).title == parts.title


def test_a_cover_field_or_a_letterhead_heading_its_meeting_names_the_council() -> None:
    # A planning report that quotes the county as consultee is the district's: its cover field says so.
    report = ("ITEM NUMBER:\t5\nPLANNING COMMITTEE DATE:\t10 June 2026\nREFERENCE NUMBER:\tUTT/25/3011/OP\n"
              "Organisation: Uttlesford District Council\tDate: June 2026\n\nPROPOSAL: Outline application.\n"
              + "Essex County Council as highway authority raises no objection. " * 6)
    meta = infer_meta(report, "report.pdf", report)
    assert (meta.council, meta.sources["council"]) == ("Uttlesford District Council", "cover")
    town = ("Royal Sutton Coldfield Town Council Meeting 21 February 2017\n\nSummer in Sutton Coldfield\n\n"
            "Council is recommended to approve events.\nThey are funded from the 2017/18 budget.\n"
            "The committee agreed the plan.\nEvents run from June.\n\n"
            + "Birmingham City Council parks will host them.\n" * 4)
    meta = infer_meta(town, "item.pdf", town)
    assert meta.council == "Royal Sutton Coldfield Town Council"
    # The heading names the meeting the paper is for: the full council, on that day.
    assert (meta.committee, meta.meeting_date) == ("Royal Sutton Coldfield Town Council", "2017-02-21")


PLANNING_REPORT = """\
heaILIYT
Plot d

ITEM NUMBER:\t5
PLANNING COMMITTEE DATE:\t10 June 2026
REFERENCE NUMBER:\tUTT/25/3011/OP
LOCATION:\tLand West of Birchanger Lane, Birchanger

Organisation: Uttlesford District Council\tDate: June 2026

PROPOSAL:\tOutline application for up to 180 dwellings and access.

APPLICANT:\tCity & Country Stansted Ltd

CASE OFFICER:\tChris Tyler
__________________________________________________________________

1. EXECUTIVE SUMMARY

1.1 This report considers an outline application for up to 180 dwellings on land at Birchanger, with all
matters reserved except access.
"""


def test_a_planning_report_s_form_names_its_committee_date_and_application() -> None:
    meta = infer_meta(PLANNING_REPORT, "ATTACHMENT-4751382.pdf", PLANNING_REPORT)
    assert (meta.council, meta.committee, meta.meeting_date, meta.doc_type) == (
        "Uttlesford District Council", "Planning Committee", "2026-06-10", "report")
    # Text left by a site plan's image is no title; the application and its site are.
    assert meta.title == "UTT/25/3011/OP – Land West of Birchanger Lane, Birchanger"
    printed = "Scoping Opinion Report: Land North Of Birchanger\n\n" + PLANNING_REPORT.replace(
        "Land West of Birchanger Lane, Birchanger", "Land North Of Birchanger")
    assert infer_meta(printed, "report.pdf", printed).title == "Scoping Opinion Report: Land North Of Birchanger"


def test_notes_of_a_panel_meeting_are_its_minutes_dated_by_their_date_line() -> None:
    notes = ("RIVERSIDE BOROUGH COUNCIL PENSION FUND\nPENSIONS PANEL\nDate:\t14th March 2024\tChair: Cllr A Khan\n"
             "Time: 10:00am\tNotes of meeting: J Smith\nAttendees: A Khan; B Jones (BJ)\n"
             "Item No\tItem\n1 Apologies\n2 Minutes of the last meeting • Agreed\n")
    meta = infer_meta(notes, "Minutes14_March_2024.pdf", notes)
    assert meta.doc_type == "minutes"
    assert meta.meeting_date == "2024-03-14"
    assert meta.committee == "Pensions Panel"  # the body heading the notes, over their "Date:" line


def test_a_superscript_ordinal_extracted_as_its_own_word() -> None:
    assert to_iso("Ashbrook Parish Council - 3 rd September 2019") == "2019-09-03"
    assert to_iso("3 ring roads, September 2019") == ""


def test_a_parish_summons_and_minutes_held_on_a_day() -> None:
    summons = ("ASHBROOK PARISH COUNCIL\nSouth View, Ashbrook\n\nPUBLIC NOTICE\nA Meeting of Ashbrook Parish Council "
               "will be held in the Village Hall, on Tuesday, 7 October 2025 at 8.00 pm.\n\nAGENDA\n"
               "1. To receive apologies for absence\n2. To receive declarations of interest\n"
               "3. To confirm the minutes of the meeting held on Tuesday 2 September 2025\n\n"
               "R C Nolan\nClerk to the Council\tDate: 1 October 2025\n")
    meta = infer_meta(summons, "public-notice.pdf", summons)
    assert (meta.doc_type, meta.committee, meta.meeting_date) == ("agenda", "Ashbrook Parish Council", "2025-10-07")
    minutes = ("ASHBROOK PARISH COUNCIL\nMINUTES OF THE PARISH COUNCIL MEETING HELD ON\nTUESDAY, 2 SEPTEMBER 2025\n\n"
               "Present: Miss J Ritchie, Mr A Landau, Councillors, and Mr R Nolan, Clerk\n\n1. Apologies\nNone.\n")
    meta = infer_meta(minutes, "minutes.pdf", minutes)
    assert (meta.doc_type, meta.committee, meta.meeting_date) == ("minutes", "Parish Council", "2025-09-02")
    # the statutory summons, the body's name wrapped onto the next line: "... to attend a Meeting of\n<name> to be
    # held at <venue>, on Wednesday 13th\nFebruary 2019 at 1900."
    summoned = ("Members of the Council are hereby summoned, and members of the public are invited to attend a "
                "Meeting of\nBrickendon Parish Council to be held at the Village School, Birch Green, on Wednesday "
                "13th\nFebruary 2019 at 1900.\nSigned on original\nA Glew - Clerk to the Council\tDate: 7th February "
                "2019\n\n1. APOLOGIES FOR ABSENCE\n")
    meta = infer_meta(summoned, "agenda.pdf", summoned)
    assert (meta.committee, meta.meeting_date) == ("Brickendon Parish Council", "2019-02-13")


def test_a_local_councils_minutes_heading_names_the_council_its_meeting_and_date() -> None:
    # "DRAFT Minutes for the X Community Council Meeting" / "Held ... on <date>": the council's own meeting.
    draft = ("DRAFT Minutes for the Loch Ard Community Council Meeting\n"
             "Held virtually owing to COVID-19 restrictions at 7pm on 17th August 2021\n\n"
             "1.Introductions and welcome\na. Present\nWatson Reid\tConvenor\n\nb. Apologies:\nMartin Croft\n")
    meta = infer_meta(draft, "gcc-minutes.pdf", draft)
    assert (meta.council, meta.committee, meta.doc_type, meta.meeting_date) == (
        "Loch Ard Community Council", "Loch Ard Community Council", "minutes", "2021-08-17")
    plain = ("Minutes of Ashcombe Parish Council Meeting\n\nHeld in the Village Hall on Monday 24 February 2020\n\n"
             "Present: Councillors Tilsley (chair), Bevan\n\nApologies: Cllr Thorpe\n")
    meta = infer_meta(plain, "Feb 2020 Minutes final.docx", plain)
    assert (meta.council, meta.committee, meta.meeting_date) == (
        "Ashcombe Parish Council", "Ashcombe Parish Council", "2020-02-24")
    # a letterhead with "&" in the council's name, over its meeting
    amp = ("MANORFORD & SALEM COMMUNITY COUNCIL\nMEETING 13th MARCH 2019\n\nThe Council held its meeting on the 13th "
           "March 2019 at the Reading Room.\n\nPRESENT\nCouncillors A Davies, K Davies.\n\n1. WELCOME AND APOLOGIES\n")
    assert infer_meta(amp, "19-03-13.pdf", amp).council == "Manorford & Salem Community Council"
    # "Minutes of Meeting of X Parish Council": the council, not "Meeting Of X Parish Council"
    upper = "MINUTES OF MEETING OF ASHBY PARISH COUNCIL\n\nPresent: Cllrs Oakhill, Green\n\nApologies: None\n"
    assert infer_meta(upper, "SPC minutes.pdf", upper).council == "Ashby Parish Council"


SUMMONS_FRONTSHEET = (
    "Harrow Council\nStandards Committee\n\nMembership:\n\nCouncillors:\n\nPriya Lal\nOwen Marsh\n\n"
    "Other Members:\n\nJane Okafor (Independent Chair)\nTom Reyes\n\n"
    "A meeting of the Standards Committee will be held:\nDate: 14 March 2024\nTime: 18:30\n"
    "Venue: Committee Room 2, Harrow Civic Centre, Station Road, Harrow HA1 2XY\n\n"
    "This is a public meeting and attendance by the public is encouraged and welcomed.\n\f"
    "Standards Committee\n14 March 2024\n1.  Declarations of interest 1\n2.  Apologies for absence\n"
    "3.  Minutes of the meeting held on 8 February 2024 3\n4.  Complaints annual report 9\n"
)


def test_a_summons_frontsheet_is_an_agenda_dated_by_its_date_field_and_named_by_its_meeting(tmp_path: Path) -> None:
    from ingest.paper import chunk_paper

    # No "AGENDA" heading: the summons over numbered standing items says what the paper is; its "Date:" field dates
    # the meeting; and the lines above the items (council, committee, members) are no title.
    meta = infer_meta(SUMMONS_FRONTSHEET, "test_minutes.pdf", SUMMONS_FRONTSHEET)
    assert (meta.doc_type, meta.committee, meta.meeting_date) == ("agenda", "Standards Committee", "2024-03-14")
    paper = tmp_path / "frontsheet.txt"
    paper.write_text(SUMMONS_FRONTSHEET, encoding="utf-8")
    chunks = chunk_paper(paper).chunks
    assert {c.report_title for c in chunks} == {"Agenda for Standards Committee on 14 March 2024"}
    # An agenda whose heading says it is one keeps it; a summons without items stays what else it is.
    headed = "Harrow Council\n\nStandards Committee Agenda\n\n" + SUMMONS_FRONTSHEET.split("\n\n", 1)[1]
    paper.write_text(headed, encoding="utf-8")
    assert {c.report_title for c in chunk_paper(paper).chunks} == {"Standards Committee Agenda"}
    notice = SUMMONS_FRONTSHEET.split("\f")[0]
    assert infer_meta(notice, "notice.pdf", notice).doc_type != "agenda"


def test_a_date_printed_month_first() -> None:
    assert to_iso("Tuesday, February 3, 2026") == "2026-02-03"
    assert to_iso("WEDNESDAY, SEPTEMBER 30, 2015") == "2015-09-30"
    assert to_iso("Sept. 30, 2015") == "2015-09-30"
    assert to_iso("Monthly Meeting November 16,2020") == "2020-11-16"
    assert printed_dates("held on 12 May 2025 and again on June 3, 2025") == {"2025-05-12", "2025-06-03"}
    assert to_iso("May 2025: 12 items") == ""  # a month and a year are no day


def test_minutes_told_in_the_past_and_a_clerks_department_that_does_not_meet() -> None:
    minutes = ("OPEN SOURCE VOTING SYSTEM TECHNICAL ADVISORY COMMITTEE\n\nMEETING\tMINUTES\n\n"
               "Open Source Voting System Technical Advisory Committee of the Elections Commission\n\n"
               "Thursday, January 18, 2018\n6:00 p.m.\n\n1. Call to Order & Roll Call\n"
               "Chair Jerdonek called the meeting to order at 6:07 PM.\n")
    meta = infer_meta(minutes, "2018_01_18_Minutes.pdf", minutes)
    assert (meta.doc_type, meta.meeting_date) == ("minutes", "2018-01-18")
    disposition = ("CITY CLERK'S DEPARTMENT DISPOSITION OF ITEMS COUNCIL MEETING WEDNESDAY, SEPTEMBER 30, 2015\n\n"
                   "REPORT OF THE EXECUTIVE POLICY COMMITTEE dated September 16, 2015\n1\tRezoning\tADOPTED\n")
    meta = infer_meta(disposition, "DISPOSITION-2015-09-03.docx", disposition)
    assert meta.meeting_date == "2015-09-30"
    assert "Department" not in meta.committee  # the clerk's department names no meeting


def test_a_meetings_kind_is_no_councils_place() -> None:
    minutes = ("MINUTES OF THE REGULAR CITY COUNCIL MEETING\nTUESDAY, FEBRUARY 7, 2023\n\n"
               "The meeting was called to order at 7:02 p.m.\n\nROLL CALL - Present: Councilmembers Daysog, Herrera "
               "Spencer and Vella.\n")
    meta = infer_meta(minutes, "2023-02-07.pdf", minutes)
    assert meta.council == ""  # "Regular" is the meeting's kind, not a place: unknown rather than wrong
    assert (meta.doc_type, meta.meeting_date) == ("minutes", "2023-02-07")  # proceedings told in the past


def test_a_paper_titled_minutes_is_minutes() -> None:
    text = ("Approved Minutes Transportation Commission Meeting Wednesday, August 23, 2023\n\n"
            "1. Roll Call\nCommissioners present: Soules, Weitze.\n")
    meta = infer_meta(text, "2023-08-23.pdf", text)
    assert (meta.doc_type, meta.meeting_date) == ("minutes", "2023-08-23")  # not a report to the meeting it names
