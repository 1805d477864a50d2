"""A paper naming no committee takes its meeting's: same council, meeting date and folder."""

from __future__ import annotations

from dataclasses import dataclass

from ingest.meetings import committees_from_meetings


@dataclass
class Paper:
    document_id: str
    source: str
    council: str = "Bristol City Council"
    committee: str = ""
    meeting_date: str = "2024-09-12"
    doc_type: str = "report"


def test_an_appendix_takes_the_committee_its_meetings_record_names() -> None:
    papers = [
        Paper("report", "/p/bristol/2024-09-12 Committee Report.pdf", committee="Transport and Connectivity Committee"),
        Paper("minutes", "/p/bristol/2024-09-12 Minutes.pdf", committee="Transport & Connectivity Policy Committee",
              doc_type="minutes"),
        Paper("decision", "/p/bristol/2024-09-12 Decisions.pdf",
              committee="Transport and Connectivity Policy Committee", doc_type="decision"),
        Paper("appendix", "/p/bristol/2024-09-12 Appendix A.pdf", doc_type="appendix"),
    ]
    # The record's name ("&" and "and" are one name), not the report cover's shorter one.
    assert committees_from_meetings(papers) == {"appendix": "Transport & Connectivity Policy Committee"}


def test_without_a_record_the_other_papers_must_agree() -> None:
    report = Paper("report", "/p/kent/2025-03-04 Report.pdf", council="Kent County Council", committee="Cabinet",
                   meeting_date="2025-03-04")
    appendix = Paper("appendix", "/p/kent/2025-03-04 Appendix A.pdf", council="Kent County Council",
                     meeting_date="2025-03-04")
    assert committees_from_meetings([report, appendix]) == {"appendix": "Cabinet"}
    planning = Paper("planning", "/p/kent/2025-03-04 Planning.pdf", council="Kent County Council",
                     committee="Planning Applications Committee", meeting_date="2025-03-04")
    assert committees_from_meetings([report, planning, appendix]) == {}  # two meetings that day: unknown
    minutes = Paper("minutes", "/p/kent/2025-03-04 Minutes.pdf", council="Kent County Council", committee="Cabinet",
                    meeting_date="2025-03-04", doc_type="minutes")
    assert committees_from_meetings([minutes, planning, appendix]) == {}  # a record does not outvote the other


def test_another_day_folder_or_council_is_another_meeting() -> None:
    minutes = Paper("minutes", "/p/a/minutes.pdf", committee="Cabinet", doc_type="minutes")
    assert committees_from_meetings([minutes, Paper("x", "/p/a/x.pdf", meeting_date="2024-09-13")]) == {}
    assert committees_from_meetings([minutes, Paper("x", "/p/b/x.pdf")]) == {}
    other_council = Paper("x", "/p/a/x.pdf", council="Bath and North East Somerset Council")
    assert committees_from_meetings([minutes, other_council]) == {}
    # No date or no council: no meeting to belong to.
    assert committees_from_meetings([minutes, Paper("x", "/p/a/x.pdf", meeting_date="")]) == {}
    assert committees_from_meetings([Paper("m", "/p/a/m.pdf", council="", committee="Cabinet"),
                                     Paper("x", "/p/a/x.pdf", council="")]) == {}


def test_a_paper_naming_its_committee_takes_the_council_of_that_committees_papers_that_day() -> None:
    from ingest.meetings import councils_from_meetings

    minutes = Paper("minutes", "/p/b/minutes.pdf", committee="Transport & Connectivity Policy Committee",
                    doc_type="minutes")
    decision = Paper("decision", "/p/b/decisions.pdf", council="",
                     committee="Transport and Connectivity Policy Committee")
    cover = Paper("cover", "/p/b/report.pdf", council="", committee="Transport and Connectivity Committee")
    assert councils_from_meetings([minutes, decision, cover]) == {"decision": "Bristol City Council",
                                                                    "cover": "Bristol City Council"}
    # Another committee, folder or day is another meeting; no committee, no evidence.
    other = Paper("x", "/p/b/x.pdf", council="", committee="Cabinet")
    assert councils_from_meetings([minutes, other]) == {}
    assert councils_from_meetings([minutes, Paper("x", "/p/c/x.pdf", council="", committee=minutes.committee)]) == {}
    assert councils_from_meetings([minutes, Paper("x", "/p/b/x.pdf", council="")]) == {}
    # Two councils' papers of that committee name that day: unknown, not a guess.
    twin = Paper("twin", "/p/b/twin.pdf", council="Bath and North East Somerset Council",
                 committee="Transport and Connectivity Policy Committee")
    assert councils_from_meetings([minutes, twin, decision]) == {}


def test_a_paper_naming_no_council_takes_its_folders_one_council() -> None:
    from ingest.meetings import councils_from_folders

    constitution = Paper("constitution", "/p/b/Constitution Part 4.pdf", council="", meeting_date="")
    report = Paper("report", "/p/b/report.pdf")
    minutes = Paper("minutes", "/p/b/minutes.pdf", doc_type="minutes", meeting_date="2025-10-23")
    assert councils_from_folders([constitution, report, minutes]) == {"constitution": "Bristol City Council"}
    # One paper is too little evidence; a folder of two councils' papers decides nothing.
    assert councils_from_folders([constitution, report]) == {}
    other = Paper("other", "/p/b/other.pdf", council="Gloucester City Council")
    assert councils_from_folders([constitution, report, minutes, other]) == {}
    assert councils_from_folders([Paper("x", "/p/c/x.pdf", council=""), report, minutes]) == {}


def test_a_file_name_date_dates_a_paper_only_beside_its_meetings_dated_record() -> None:
    from ingest.meetings import dates_from_meetings

    minutes = Paper("minutes", "/p/b/2024-09-12 Printed minutes.pdf", doc_type="minutes")  # dated by its heading
    appendix = Paper("appendix", "/p/b/2024-09-12 Appendix A - Feasibility Study.pdf", meeting_date="")
    assert dates_from_meetings([minutes, appendix]) == {"appendix": "2024-09-12"}
    # Named by the day it was saved, beside nothing dated that day (or in another folder): unknown.
    assert dates_from_meetings([appendix]) == {}
    assert dates_from_meetings([Paper("m", "/p/c/2024-09-12 minutes.pdf"), appendix]) == {}
    saved = Paper("saved", "/p/b/2025-12-01 Budget report.pdf", meeting_date="")
    assert dates_from_meetings([minutes, saved]) == {}
    # A record dated otherwise than its file name confirms nothing; an inspection keeps its own date.
    misnamed = Paper("minutes", "/p/b/2024-09-12 Printed minutes.pdf", doc_type="minutes", meeting_date="2024-09-19")
    assert dates_from_meetings([misnamed, appendix]) == {}
    inspection = Paper("ofsted", "/p/b/2024-09-12 Ofsted letter.pdf", meeting_date="", doc_type="inspection")
    assert dates_from_meetings([minutes, inspection]) == {}
