"""Exempt (Part II) papers are told from public ones by their own cover, however the marking is printed."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.access import exempt_marking
from tests.conftest import CORPUS, needs_corpus

EXEMPT_COVERS = [
    ("Cabinet\n4 March 2025\nNOT FOR PUBLICATION by virtue of paragraph 3 of Part 1 of Schedule 12A\nto the Local "
     "Government Act 1972\nMarket Street: site acquisition", "paragraph 3 of Part 1 of Schedule 12A"),
    ("Report to: Policy and Resources Committee\nExempt information: paragraphs 1 and 2 of Part 1 of Schedule 12A "
     "of the Local Government Act 1972\nStaffing restructure", "paragraphs 1 and 2 of Part 1 of Schedule 12A"),
    ("CONFIDENTIAL\nThis report is exempt from publication under Schedule 12(A) of the Local Government Act 1972, "
     "paragraph 3", "Schedule 12A"),
    ("PART II\nNot for publication - Local Government Act 1972, Sch 12A, para 5\nLegal advice on the claim",
     "Schedule 12A"),
    ("Agenda Item 14\nBy virtue of paragraph(s) 3 of Part 1 of Schedule 12A\nof the Local Government Act 1972.\n"
     "Document is Restricted", "Schedule 12A"),
    ("Is the report (or any appendix) exempt? Yes - the report is exempt under paragraph 3 of Part 1 of "
     "Schedule 12A\nLeisure contract extension", "paragraph 3"),
    ("Private and confidential: not for publication under Section 100A(4) of the Local Government Act 1972\n"
     "Disposal of land at Hill Farm", "section 100A(4)"),
    ("not for publication\nby virtue of paragraph 1 of part 1 of schedule 12 a to the local government act 1972\n"
     "Senior management appointment", "paragraph 1 of Part 1 of Schedule 12A"),
]
PUBLIC_COVERS = [
    "Report to: Cabinet - 30 January 2025\nIs the report exempt? No\nCommissioning Plan for Education Provision",
    "Decision | Decision maker | Date | Open/Exempt\nWorkplace Parking Levy | Committee | 12 Sep | Part exempt, 3",
    "Forward plan\nKey decisions to be taken\nExempt: Yes, para 3 of Schedule 12A - Depot sale (item listed for "
    "information only)",
    "Part 4.2 Access to Information Procedure Rules\n10. Exempt information is information falling within "
    "paragraphs 1 to 7 of Schedule 12A to the Local Government Act 1972.",
    "AGENDA\n12. Exclusion of the Press and Public\nThat under Section 100A(4) of the Local Government Act 1972 "
    "the public be excluded for item 13 as it involves exempt information under paragraph 3 of Schedule 12A.",
    "MINUTES\n45. RESOLVED that the press and public be excluded from the meeting for the following item under "
    "paragraph 3 of Part 1 of Schedule 12A.",
    "Report to: Council\nExempt: No\nConfidential: No\nBudget 2025/26",
    "Cabinet report\nAppendix B is exempt under paragraph 3 of Part 1 of Schedule 12A.\nLibrary hubs",
    "Report title: Annual report\nOpen\nPublic\n\n" + "Background text. " * 200
    + "9.3 The confidential annex is exempt under paragraph 3 of Schedule 12A.",
    "Wexcombe Borough Council\nCabinet 11 June 2024\nFuture of the Library Service\n1.1 The council will keep "
    "all nine libraries open.",
    "Confidential reporting (whistleblowing) policy review\nReport to: Audit Committee\n1.1 The policy was updated.",
    "Exempt appendices: None\nReport to: Cabinet\nSchedule 12A does not apply to this report.",
]


@pytest.mark.parametrize(("cover", "ground"), EXEMPT_COVERS)
def test_exempt_markings_are_read_with_their_ground(cover: str, ground: str) -> None:
    marking = exempt_marking(cover)
    assert marking is not None, cover
    assert ground.lower() in marking.reason.lower()


@pytest.mark.parametrize("cover", PUBLIC_COVERS)
def test_papers_about_exemption_are_not_exempt(cover: str) -> None:
    assert exempt_marking(cover) is None


@needs_corpus
def test_no_paper_of_the_shared_corpus_is_taken_for_exempt() -> None:
    from ingest.errors import IngestError
    from ingest.extract import SUPPORTED_SUFFIXES, extract

    checked, exempt = 0, []
    for folder in ("seed", "kent-cabinet", "ofsted", "pool"):
        for path in sorted((CORPUS / folder).rglob("*")):
            if path.suffix.lower() not in SUPPORTED_SUFFIXES:
                continue
            try:
                text = extract(path).text
            except IngestError:
                continue
            checked += 1
            if exempt_marking(text):
                exempt.append(Path(path).name)
    assert checked >= 60 and exempt == []
