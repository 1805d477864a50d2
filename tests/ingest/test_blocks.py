"""Block parsing: numbered paragraphs in the forms councils print them, headings, tables, false numbers."""

from __future__ import annotations

import re

from ingest.blocks import parse_blocks
from ingest.models import Block

DEVON = """\
## Children's Social Care Visits Report – progress on recommendations

### Report of the Director of Children and Young People's Futures

#### **1) Recommendation**

1.1 That the Committee be asked to:

(a) note the contents of this report

#### **3) Progress on recommendations**

3.1 The need to continue to recruit permanent staff across services.

3.1.1 The Recruitment & Retention strategy is final. Seventeen meetings have taken place to date.

3.2.1 There are several developments currently in progress:

- Barnes – Develop the building to accommodate 2-4 children.
- Lyric House – Opened three weeks ago as an unregulated provision.

- 3.2.2 Business cases are being developed with a view to utilising other council premises.
- 3.3 Support from staff to make care leavers exempt from council tax across Devon.
  - 3.3.1 All of the District Councils have agreed in principle to exempt care experienced people.

## **8) Legal Considerations**

8.1 There are no specific legal considerations arising out of this report.
"""

HALTON = """\
REPORT TO: Children, Young People & Families PPB
DATE: 15th July 2024

1.0 PURPOSE OF THE REPORT

1.1 To provide and update to Members on the progress of Children's Social Care.

2.0 RECOMMENDATION: That the report be noted.

5.0 **Training, Development & CPD**

- 5.4 With all of the training that is offered the department considers this.
- 5.5 The progression policy is being reviewed. This is a specialist area of
- 5.6

social work where Halton require a number of workers with specialist knowledge.

5.7 2023 saw a rise in applications; 24 care leavers joined the scheme.

6.0 **Stabilisation of the Management Team**

6.1 As detailed earlier having a stable senior leadership team is critical.
"""

_ANALYSIS = (
    "1. An extensive analysis of efficacy and impact of services was undertaken within children and families "
    "during Q3 and Q4 of 2021-22, and during Q1-Q3 of 2022-23."
)
_INVESTMENT = (
    "2. After careful scrutiny, a total of £5.7m has been agreed for Children and Families with a view to "
    "improve our staffing and workloads within the directorate."
)
STAFFORDSHIRE = f"""\
Corporate Overview and Scrutiny Committee - Tuesday 09 May 2023

Update on Progress Made Within C&F Following Cabinet Investment

Summary

{_ANALYSIS}
{_INVESTMENT}

Background

4. Following the six-month review of Transformation, a paper was presented by C&F leadership requesting
further investment.
5. The Cabinet approved this request in Feb 2023 as part of MTFs plans.
6. This paper is being presented to provide transparency and oversight over this budget spend.

Quantitative Impact –

7. **We have fewer children in our care.** More children left care than entered care in Dec-March 2023.
"""

MINUTES = """\
KENT COUNTY COUNCIL

CABINET

MINUTES of a meeting of the Cabinet held in the Council Chamber on Thursday, 30 January 2025.

90. 24/00109 - Transfer the 18-25 section of the Strengthening Independence
Service to the Adult Social Care and Health Directorate
(Item 7)

Sarah Hammond and Mark Albiston were in attendance for this item

1. Mrs Chandler introduced the report on the transfer of statutory functions delivered by the 18-25 section.

2. Mr Watkins re-emphasised the importance of the transition from children's to adults services.

3. RESOLVED that Cabinet agree to:

(a) Adopt the Integrated Care Strategy Delivery Plan on behalf of Kent County Council

(b) Delegate authority to the Director of Public Health in consultation with the Cabinet Member

91. 24/00115 - Kent County Council Integrated Care Strategy Delivery Plan
(Item 8)

1. Dr Ghosh introduced the report and noted the extensive work undertaken on the Integrated Care Strategy.
"""

OFSTED = """\
What needs to improve?

- Manageable caseloads and workload support for social workers and their managers.

The experiences and progress of children who need help and
protection: good
1. Children and their families have access to a good range of early help support
services. Early help practitioners base their work on purposeful relationships.
2. The response to requests for help from children's social care is effective.
Children's needs are identified and responded to swiftly.
"""

TABLES = """\
Table 1a: EHC assessment case status at end of Calendar month (DfE Table) - 2023

2023\tJan 2023\tFeb 2023\tMar 2023
Number of 20 weeks assessments completed\t58\t62\t95
Number of 20-week assessments overdue 52 Weeks\t4\t25\t32

0-3 Months

Outcome - Success Criteria\tStrategic actions\tBy when
Strategic ownership of young people in unsuitable accommodation.\t1.1 Head of Service will report to DCS.\tApril 2023
\t1.2 Reporting levels of NEET care experienced young people.\tJuly 2023
<p>understanding and support which meets their needs</p>\t<p>children and young people with the right support</p>\t
"""


def _blocks(text: str, title: str = "") -> list[Block]:
    return parse_blocks(text, 0, len(text), title=title)


def _ids(blocks: list[Block]) -> list[str]:
    return [b.para_id for b in blocks if b.para_id]


def _block(blocks: list[Block], para_id: str) -> Block:
    return next(b for b in blocks if b.para_id == para_id)


def test_devon_numbering_with_markdown_and_list_markers() -> None:
    blocks = _blocks(DEVON, title="Children's Social Care Visits Report – progress on recommendations")
    assert _ids(blocks) == ["1.1", "3.1", "3.1.1", "3.2.1", "3.2.2", "3.3", "3.3.1", "8.1"]
    assert "(a) note the contents" in _block(blocks, "1.1").text
    bullets = _block(blocks, "3.2.1").text
    assert "- Lyric House – Opened three weeks ago" in bullets
    assert _block(blocks, "3.2.2").text.startswith("3.2.2 Business cases")
    assert _block(blocks, "8.1").heading_path == ["8) Legal Considerations"]
    assert all("**" not in b.text for b in blocks)


def test_section_zero_headings_and_wrapped_continuation() -> None:
    blocks = _blocks(HALTON)
    assert _ids(blocks) == ["1.1", "2.0", "5.4", "5.5", "5.6", "5.7", "6.1"]
    assert _block(blocks, "1.1").heading_path == ["1.0 PURPOSE OF THE REPORT"]
    assert _block(blocks, "5.4").heading_path == ["5.0 Training, Development & CPD"]
    assert "social work where Halton require" in _block(blocks, "5.6").text
    assert "24 care leavers" in _block(blocks, "5.7").text  # a year or a count is not a paragraph number


def test_simple_numbers_keep_sequence_and_short_paragraphs() -> None:
    blocks = _blocks(STAFFORDSHIRE, title="Update on Progress Made Within C&F Following Cabinet Investment")
    assert _ids(blocks) == ["1", "2", "4", "5", "6", "7"]
    assert _block(blocks, "5").text == "5. The Cabinet approved this request in Feb 2023 as part of MTFs plans."
    assert _block(blocks, "7").heading_path[-1] == "Quantitative Impact"
    assert _block(blocks, "7").text.startswith("7. We have fewer children in our care. More children")


def test_minutes_number_paragraphs_within_each_minute() -> None:
    blocks = _blocks(MINUTES)
    # a resolution's lettered parts, printed in order from (a), are cited as such ("90(3)(b)")
    assert _ids(blocks) == ["90", "90(1)", "90(2)", "90(3)", "90(3)(a)", "90(3)(b)", "91", "91(1)"]
    header = _block(blocks, "90")
    assert "Strengthening Independence Service to the Adult Social Care" in header.text
    assert "were in attendance" in header.text
    assert "(b) Delegate authority" in _block(blocks, "90(3)(b)").text
    assert _block(blocks, "91(1)").heading_path[0].startswith("91. 24/00115")


def test_ofsted_heading_over_two_lines_then_numbered_paragraphs() -> None:
    blocks = _blocks(OFSTED)
    first = _block(blocks, "1")
    assert first.heading_path == ["The experiences and progress of children who need help and protection: good"]
    assert first.text.startswith("1. Children and their families have access to a good range of early help support")
    assert _block(blocks, "2").text.endswith("responded to swiftly.")


def test_tables_keep_header_caption_and_action_ids() -> None:
    blocks = _blocks(TABLES)
    tables = [b for b in blocks if b.kind == "table"]
    ehc = tables[0]
    assert ehc.table_header.startswith("Table 1a: EHC assessment case status")
    assert ehc.table_header.endswith("2023\tJan 2023\tFeb 2023\tMar 2023")
    assert "Number of 20-week assessments overdue 52 Weeks\t4\t25\t32" in ehc.text
    actions = {b.para_id: b for b in tables[1:]}
    assert list(actions) == ["1.1", "1.2"]
    assert actions["1.1"].table_header == "0-3 Months\nOutcome - Success Criteria\tStrategic actions\tBy when"
    continued = actions["1.2"].text
    assert "understanding and support which meets their needs" in continued
    assert "<p>" not in continued


def test_block_offsets_point_into_the_original_text() -> None:
    for text in (DEVON, HALTON, STAFFORDSHIRE, MINUTES, OFSTED, TABLES):
        for block in _blocks(text):
            raw = text[block.start : block.end]
            first_words = re.findall(r"[A-Za-z]{3,}", block.text)[:3]
            assert all(w in raw for w in first_words), (block.text[:60], raw[:60])


def test_short_numbered_list_is_not_paragraphs() -> None:
    text = (
        "Corporate Plan Priorities\n\n"
        "1. Improving services for children.\n2. Improving SEND outcomes.\n3. Getting the best value.\n"
    )
    blocks = _blocks(text)
    assert _ids(blocks) == []
    assert "2. Improving SEND outcomes." in blocks[0].text


def test_headings_the_paper_marks_are_headings_however_short_their_sections() -> None:
    # Numbered like a short list, but each marked as a heading: sections, not list items.
    text = ("### 1. Introduction\n\n1.1 Most indicators met their targets this quarter.\n\n"
            "### 2. Public Health\n\n2.1 Health visitors delivered 2,310 new birth visits.\n")
    blocks = _blocks(text)
    assert _block(blocks, "2.1").heading_path[-1] == "2. Public Health"
    assert _block(blocks, "1.1").heading_path[-1] == "1. Introduction"


def test_page_stamps_and_running_headers_are_skipped() -> None:
    text = (
        "4.1 Short Breaks Review\n\nThe report set out the work being undertaken to improve the local offer\n\n"
        "Agenda Item 11\n\nChildren's Scrutiny Committee\nTuesday 6th June 2023\n\n"
        "of short breaks for disabled children.\n"
    )
    blocks = _blocks(text)
    assert len(blocks) == 1
    assert blocks[0].para_id == "4.1"
    assert blocks[0].text.endswith("improve the local offer of short breaks for disabled children.")


def test_a_table_under_a_numbered_heading_keeps_its_number() -> None:
    """Gloucester's "3.5 Current Caseload and Expenditure": the captioned tables below it are para 3.5; a
    captioned table after a numbered paragraph is not part of that paragraph."""
    text = ("1.0 Purpose of Report\n\n1.1 To seek approval to adopt the proposed scheme.\n\n"
            "2.0 Recommendations\n\n2.1 Cabinet is asked to RECOMMEND that the scheme be adopted.\n\n"
            "3.0 Background and Key Issues\n\n3.1 Each year the Council must determine its scheme.\n\n"
            "3.2 Pensioners are protected by regulations.\n\n3.3 The scheme works like other benefits.\n\n"
            "3.4 The scheme continues to mirror the previous scheme.\n\n"
            "3.5 Current Caseload and Expenditure\n\n"
            "Table 1: Council Tax Support Working Age Caseload\n\n"
            "March 23\tMarch 24\tMarch 25\n"
            "WA Caseload\t5627\t5322\t5217\n\n"
            "3.6 The proposed scheme broadly continues the current one.\n\n"
            "Table 2: Other districts\n\n"
            "District\tCaseload\n"
            "Tewkesbury\t3164\n")
    tables = [b for b in parse_blocks(text, 0, len(text)) if b.kind == "table"]
    assert [(b.para_id, b.table_header[:8]) for b in tables] == [("3.5", "Table 1:"), (None, "Table 2:")]


PUBLIC_QUESTIONS = """\
Public Questions and the Mayor's Responses

Question 66 – A Resident
Has the shortfall of data been built in to calculations of cost per passenger?
Mayor's Response: Officers use a range of statistics including ticket machine and survey data.
Question 67 – Phil Collins Will the authority replace the ticket machines on local buses?
Mayor's Response: The authority provided ticket machines to smaller operators, using £250,000 of funding.
Statement 12 – A Cyclist
I ask the committee to fund the cycle path in 2026.
Question 3 of the consultation asked residents about parking.
"""


def test_public_questions_and_statements_are_numbered_by_their_labels() -> None:
    blocks = _blocks(PUBLIC_QUESTIONS)
    assert _ids(blocks) == ["Question 66", "Question 67", "Statement 12"]
    assert "£250,000" in _block(blocks, "Question 67").text
    # a lower number out of sequence is a reference in prose, not a new question
    assert "Question 3 of the consultation" in _block(blocks, "Statement 12").text


def test_a_numbered_recommendation_is_not_the_heading_of_the_report() -> None:
    """WECA's "That Committee: 1) Delegates authority to the ... Executive / Director of Transport, ...": a
    resolution wrapped over lines is not a heading, so the sections after it keep their own headings."""
    text = ("Recommendation\n\nThat Committee:\n\n"
            "1) Delegates authority to the West of England Combined Authority’s Executive\n"
            "Director of Transport to issue a tender and award a contract.\n"
            "2) Notes the submission of the detailed draft Local Transport Delivery Plan.\n\n"
            "Background\n\n1. In July 2020, the Department for Transport launched a national e-scooter trial.\n")
    blocks = parse_blocks(text, 0, len(text))
    assert not any("Delegates" in heading for b in blocks for heading in b.heading_path)
    trial = next(b for b in blocks if "e-scooter" in b.text)
    assert trial.heading_path == ["Background"]


# A parish's minutes go on from the last meeting's numbers; another council's ids carry the meeting's date.
RUNNING_MINUTES = """\
PARISH COUNCIL

Minutes of a meeting of the above Council held in the Village Hall on Monday 29th October 2018.

Present: Cllrs Hayward, Hoskins and the Clerk.

2579. Police Report: Attached. The community support officer was present.

2580. Public Forum: Residents explained their plans for the property at Hill Farm.

2581. Apologies for absence: Cllr Pocock, who has now tendered his resignation.

2582. Financial Report: Community account £3,572.58, amount spent to date on capital £6,436.
"""

DATED_IDS = """\
Parish Council - 14th July 2020

Present: Councillors Richardson (Chair) and Healey.

20.07.01 Election of Chair
The Councillors resolved that Councillor Richardson remain as Chair.

20.07.02 Apologies
Councillor Cresswell sent apologies for the meeting.

20.07.03 Register of Interests
None were declared at the meeting.
"""


def test_numbering_that_runs_in_order_may_start_at_any_number() -> None:
    ids = [b.para_id for b in parse_blocks(RUNNING_MINUTES, 0, len(RUNNING_MINUTES)) if b.para_id]
    assert ids == ["2579", "2580", "2581", "2582"]
    ids = [b.para_id for b in parse_blocks(DATED_IDS, 0, len(DATED_IDS)) if b.para_id]
    assert ids[:1] == ["20.07.01"] and "20.07.03" in ids


def test_a_lone_large_number_is_still_no_paragraph_number() -> None:
    text = "Background\n\n2019. The council adopted its plan in that year.\n\nIt was reviewed later.\n"
    assert not [b.para_id for b in parse_blocks(text, 0, len(text)) if b.para_id]


def test_minute_numbers_with_the_committees_letters() -> None:
    text = ("PC41 APPLICATION 24/0117/FUL – LAND AT MILL LANE, ASHBROOK\n"
            "The Planning Officer presented the application for 40 dwellings and access.\n"
            "Members discussed the highway capacity of Mill Lane.\n\n"
            "PC42 APPLICATION 24/0203/OUT – THE OLD DEPOT, STATION ROAD\n"
            "The Planning Officer presented the outline application.\n\n"
            "The A466 remains closed to traffic until the spring.\n"
            "KS24 attainment was discussed.\n")
    blocks = _blocks(text)
    assert _ids(blocks) == ["PC41", "PC42"]
    assert "highway capacity" in _block(blocks, "PC41").text
    assert "A466" not in " ".join(_ids(blocks))  # a road, not a minute: no run of its letters


PARISH_MINUTES = """MINUTES OF A MEETING OF ASHBROOK PARISH COUNCIL HELD ON 12TH DECEMBER 2018

69. PLANNING

No applications were received.

70. STANDING ITEMS

(a) Works Programme

To be considered at the next meeting.

A site meeting was held earlier in the day with the footpaths officer. It was proposed to accept the quote for
cutting back Byway 20. Proposed by Cllr Lane, seconded by Cllr Moss.

(b) Greens

49 Birch Green - it was resolved that there had not been any encroachment onto the Village Green.

(c) Parking

It was resolved to pursue the parking plan and spend up to £500 on a feasibility study.

71. ITEMS FOR FUTURE AGENDA

Cllr Moss requested that the draft recreation strategy be added. It was RESOLVED that:

(a) the strategy be added to the January agenda;

(b) the Clerk circulate it beforehand.
"""


def test_lettered_items_under_a_numbered_minute_heading_are_its_sub_items() -> None:
    # "70. STANDING ITEMS" is a heading, not a paragraph; the lettered items under it are cited as councils cite
    # them, "70(c)", as they are under a numbered paragraph ("90(3)(b)").
    blocks = _blocks(PARISH_MINUTES)
    assert "70(c)" in _ids(blocks)
    assert "spend up to £500" in _block(blocks, "70(c)").text
    assert "Byway 20" in _block(blocks, "70(a)").text
    # Letters after other text may belong to something unnumbered ("(4) RESOLVED that: (a) ..."): not "71(a)".
    assert not any(pid.startswith("71(") for pid in _ids(blocks))
