"""Exempt (Part II) papers are told from public ones by their own cover, however the marking is printed.

Snippets are written in the shapes councils print (ModernGov restricted pages, report cover sheets,
"Is the report exempt?" forms, Kent/Southwark classifications), with varied case, wrapping and spelling.
Run with `-s` to see the false-exempt / missed-exempt counts recorded in bench/ACCESS.md.
"""

from __future__ import annotations

import pytest

from ingest.access import exempt_marking
from tests.conftest import CORPUS, needs_corpus

BODY = "\n".join(f"{n}.1 The council has reviewed the service and consulted residents on the options." for n in
                 range(1, 40))

# (cover, a part of the ground that must be kept in `reason`)
EXEMPT = [
    ("Cabinet\n4 March 2025\nNOT FOR PUBLICATION by virtue of paragraph 3 of Part 1 of Schedule 12A\nto the Local "
     "Government Act 1972\nMarket Street: site acquisition\n" + BODY,
     "paragraph 3 of Part 1 of Schedule 12A to the Local Government Act 1972"),
    ("Report to: Policy and Resources Committee\nDate: 12 June 2024\nExempt information: paragraphs 1 and 2 of Part 1 "
     "of Schedule 12A\nof the Local Government Act 1972\nStaffing restructure\n" + BODY,
     "paragraphs 1 and 2 of Part 1 of Schedule 12A"),
    ("CONFIDENTIAL\nThis report is exempt from publication under Schedule 12(A) of the Local Government Act 1972, "
     "paragraph 3.\nLeisure centre operator: contract variation\n" + BODY, "Schedule 12(A)"),
    ("PART II - EXEMPT\nLegal advice on the claim by the former contractor\nReport of the Monitoring Officer\n" + BODY,
     "PART II - EXEMPT"),
    ("Agenda Item 14\nBy virtue of paragraph(s) 3 of Part 1 of Schedule 12A\nof the Local Government Act 1972.\n\n"
     "Document is Restricted\n", "paragraph(s) 3 of Part 1 of Schedule 12A"),
    ("Is the report (or any appendix) exempt?\nYes - the report is exempt under paragraph 3 of Part 1 of "
     "Schedule 12A\nLeisure contract extension\n" + BODY, "paragraph 3 of Part 1 of Schedule 12A"),
    ("Private and confidential\nSection 100A(4) of the Local Government Act 1972\nDisposal of land at Hill Farm\n"
     + BODY, "Section 100A(4)"),
    ("not for publication\nby virtue of paragraph 1 of part 1 of schedule 12 a to the local government act 1972\n"
     "Senior management appointment\n" + BODY, "paragraph 1 of part 1 of schedule 12 a"),
    ("CONFIDENTIAL - NOT FOR PUBLICATION\nREPORT TO: EXECUTIVE\nDATE: 9 JANUARY 2025\nSUBJECT: Depot relocation\n"
     + BODY, "NOT FOR PUBLICATION"),
    ("From: Corporate Director of Finance\nTo: Cabinet - 27 March 2025\nSubject: Property disposal\nClassification: "
     "Exempt - paragraph 3 of Part 1 of Schedule 12A of the LGA 1972\n" + BODY,
     "paragraph 3 of Part 1 of Schedule 12A"),
    ("RESTRICTED\nLocal Government Act 1972, Sch 12A, para 5\nLitigation update\n" + BODY,
     "Local Government Act 1972, Sch 12A, para 5"),
    ("EXEMPT APPENDIX 2\nValuation of the former library site\nPrepared by the District Valuer\n" + BODY,
     "EXEMPT APPENDIX 2"),
    ("Audit and Governance Committee\n18 July 2024\nThis report contains exempt information as defined in\n"
     "paragraphs 1, 2 and 7 of Part 1 of Schedule 12A to the Local Government Act 1972.\nFraud investigation\n" + BODY,
     "paragraphs 1, 2 and 7 of Part 1 of Schedule 12A"),
    ("Does the report contain confidential or exempt information? Yes\nAccess to information: paragraph 3 of "
     "Schedule 12A\nRegeneration partner selection\n" + BODY, "paragraph 3 of Schedule 12A"),
    ("Forward Plan reference: FP/2025/031\nKey decision: Yes\nNOT FOR PUBLICATION\nby virtue of paragraph 3 of "
     "Part 1 of Schedule 12A\nPurchase of land at Mill Lane\n" + BODY, "paragraph 3 of Part 1 of Schedule 12A"),
    ("Exempt information: paragraph 3 of Part 1 of Schedule 12A\nAppendices:\nAppendix 1 - Site plan\n" + BODY,
     "paragraph 3 of Part 1 of Schedule 12A"),
    ("Appendix 1 (Exempt)\nTender evaluation scores\nNot for publication by virtue of paragraph 3 of Part 1 of "
     "Schedule 12A\n" + BODY, "paragraph 3 of Part 1 of Schedule 12A"),
]

PUBLIC = [
    # covers answering the question "no", or flagging only an appendix (the appendix is its own paper)
    "Report to: Cabinet - 30 January 2025\nIs the report exempt? No\nCommissioning Plan for Education Provision\n"
    + BODY,
    "Report to: Council\nExempt: No\nConfidential: No\nBudget 2025/26\n" + BODY,
    "Is this report (or any appendix) exempt?\nYes - Appendix B is exempt under paragraph 3 of Part 1 of Schedule 12A\n"
    "Library hubs programme\n" + BODY,
    "Cabinet report\nAppendix 2 is exempt by virtue of paragraph 3 of Part 1 of Schedule 12A.\nLibrary hubs\n" + BODY,
    "Does the report contain confidential or exempt information?\nYes No\nIf relevant, access to information "
    "procedure rule number:\nAppendix number:\nHousing allocations policy\n" + BODY,
    "Does the report contain confidential or exempt information? Yes\nIf relevant, access to information procedure "
    "rule number: 10.4(3)\nAppendix number: 2\nSchool organisation proposal\n" + BODY,
    "Report to: Cabinet\nAppendices:\nAppendix A - Site plan\nAppendix B - NOT FOR PUBLICATION by virtue of "
    "paragraph 3 of Part 1 of Schedule 12A\nSale of the depot\n" + BODY,
    "Is the decision eligible for call-in? Yes\nDoes the report contain confidential or exempt information? Yes\n"
    "If relevant, state which appendix is exempt, and provide the paragraph number: Appendix 3, paragraph 3\n" + BODY,
    "Classification: Unrestricted\nFrom: Leader of the Council\nTo: Cabinet\nSubject: Highways plan\n" + BODY,
    # forward plans, rules and lists of other items
    "BRISTOL CITY COUNCIL - FORWARD PLAN\nDecision | Decision maker | Date | Open/Exempt\nWorkplace Parking Levy | "
    "Committee | 12 Sep | Part exempt, 3\n" + BODY,
    "Forward plan\nKey decisions to be taken\nExempt: Yes, para 3 of Schedule 12A - Depot sale\n"
    "Exempt: No - Highways plan\nExempt: Yes, para 1 - Staffing\n" + BODY,
    "Part 4.2 Access to Information Procedure Rules\n10. Exempt information is information falling within "
    "paragraphs 1 to 7 of Schedule 12A to the Local Government Act 1972.\n" + BODY,
    "AGENDA\n12. Exclusion of the Press and Public\nThat under Section 100A(4) of the Local Government Act 1972 "
    "the public be\nexcluded for item 13 as it involves exempt information under paragraph 3 of Schedule 12A.\n" + BODY,
    "MINUTES\n45. RESOLVED that the press and public be excluded from the meeting for\nthe following item under "
    "paragraph 3 of Part 1 of Schedule 12A.\n" + BODY,
    "For publication [Do not include information which is exempt from publication under schedule 12a of\n"
    "the Local Government Act 1972]\nKey decision: YES\n" + BODY,
    "PART II - ITEMS WHICH MAY BE TAKEN IN THE ABSENCE OF THE PUBLIC AND PRESS\nNil\n" + BODY,
    # public papers that mention exemption deep in the body or in passing
    "Report title: Annual report\nOpen\n" + BODY + "\n9.3 The confidential annex is exempt under paragraph 3 of "
    "Part 1 of Schedule 12A to the Local Government Act 1972.",
    "Confidential reporting (whistleblowing) policy review\nReport to: Audit Committee\n" + BODY,
    "Exempt appendices: None\nReport to: Cabinet\nSchedule 12A does not apply to this report.\n" + BODY,
    "Care leavers will be exempt from council tax from April.\nReport to: Cabinet\n" + BODY,
]


@pytest.mark.parametrize(("cover", "ground"), EXEMPT, ids=[f"exempt{i}" for i in range(len(EXEMPT))])
def test_exempt_markings_are_read_with_their_ground(cover: str, ground: str) -> None:
    marking = exempt_marking(cover)
    assert marking is not None, cover[:200]
    assert ground.lower() in marking.reason.lower(), marking


@pytest.mark.parametrize("cover", PUBLIC, ids=[f"public{i}" for i in range(len(PUBLIC))])
def test_papers_about_exemption_are_not_exempt(cover: str) -> None:
    assert exempt_marking(cover) is None, exempt_marking(cover)


def test_only_the_first_page_is_read_when_pages_are_given() -> None:
    first = "Report to: Cabinet\nHighways plan\n" + BODY[:600]
    text = first + "\nNOT FOR PUBLICATION by virtue of paragraph 3 of Schedule 12A\n"
    assert exempt_marking(text, [(0, len(first)), (len(first), len(text))]) is None
    cover = "EXEMPT\nSite purchase\n"  # a bare cover sheet: the report's first page is read with it
    text = cover + "Not for publication by virtue of paragraph 3 of Part 1 of Schedule 12A.\n" + BODY
    assert exempt_marking(text, [(0, len(cover)), (len(cover), len(text))]) is not None


def test_snippet_figures() -> None:
    missed = sum(exempt_marking(cover) is None for cover, _ in EXEMPT)
    false = sum(exempt_marking(cover) is not None for cover in PUBLIC)
    print(f"\nsnippets: {len(EXEMPT)} exempt, missed {missed}; {len(PUBLIC)} public, false exempt {false}")
    assert (missed, false) == (0, 0)


@needs_corpus
def test_no_paper_of_the_shared_corpus_is_taken_for_exempt() -> None:
    """Every file of the shared corpus is public; the pool's forward plans and constitution part carry
    Schedule 12A words on purpose. Checked as a whole file (first page) and report by report, as ingest does."""
    from ingest.errors import IngestError
    from ingest.extract import SUPPORTED_SUFFIXES, extract
    from ingest.structure import split_reports

    checked, reports, failed, exempt = 0, 0, [], []
    for folder in ("seed", "kent-cabinet", "ofsted", "pool"):
        for path in sorted((CORPUS / folder).rglob("*")):
            if path.suffix.lower() not in SUPPORTED_SUFFIXES or path.name == "README.md":
                continue
            try:
                extracted = extract(path)
            except IngestError:
                failed.append(path.name)
                continue
            checked += 1
            if exempt_marking(extracted.text, [(p.start, p.end) for p in extracted.pages]):
                exempt.append(path.name)
            for report in split_reports(extracted, path.name):
                reports += 1
                if exempt_marking(extracted.text[report.start : report.end]):
                    exempt.append(f"{path.name} (report at {report.start})")
    print(f"\ncorpus: {checked} files ({reports} reports) checked, {len(failed)} unreadable, "
          f"false exempt {len(exempt)}: {exempt}")
    assert checked >= 60 and exempt == []
