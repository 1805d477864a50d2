"""Page footnotes, contents lists and lettered sub-items: numbers that are not the report's own paragraphs,
and numbers that are. Text shaped as pypdf extracts a feasibility study with a contents list and footnotes."""

from __future__ import annotations

from ingest.blocks import parse_blocks
from ingest.chunker import chunk_report
from ingest.footnotes import footnote_lines, reference_marks
from ingest.lines import lettered_runs, split_lines
from ingest.models import Block, ExtractedText, PageSpan, PaperMeta, Report

CONTENTS = """\
Table of Contents
5.1 Key Stages and Activities of a Workplace Parking Levy Scheme for the City of
Bristol ........................................................................10
5.2 Milestones and External Dependencies ........................................23
5.3 Data Analysis and Quality Assurance of the Atkins Study ....................26
5.3.1 Description of Methodology ..............................................26
5.6 Risk Analysis for Bristol City Council's Readiness to Progress Ahead of Stage
One………………………………………………...47
7.0 Appendices ...................................................................55
"""

PAGES = [
    """5.2 Milestones and External Dependencies

The milestones and dependencies are centred around key national, regional and local events.
In Bristol, the figure is 81.5%.7 A difference of 3.5% may not seem particularly large.

6 Bristol's traffic patterns have changed during the Coronavirus pandemic - link
7 NOMIS, Official Labour Market Statistics, Bristol - link
""",
    """Package, therefore monitoring the funds received and improvements realised is critical.

5.3 Data Analysis and Quality Assurance of the Atkins Study

The review is split into four sections:

1. Description of Methodology
2. Analysis/Critique of Methodology

5.3.1 Description of Methodology

The project team carried out a review of the Atkins Study.

8 Car park annual season tickets and pre-paid tickets, Bristol.gov.uk - link
9 Bristol, Bath and the West Bus Ticket Prices - link
""",
    """5.4 Governance and Project Team Structure

5.4.1 Introduction

The Governance and Project Team Structure is outlined in Appendix F, within the Central Core.11

10 NOMIS, Official Labour Market Statistics, Nottingham - link
11 NOMIS, Official Labour Market Statistics, Bristol - link
""",
]


def _paper() -> tuple[str, list[PageSpan]]:
    text, spans = CONTENTS + "\n", [PageSpan(1, 0, len(CONTENTS))]
    for n, page in enumerate(PAGES, start=2):
        start = len(text)
        text += page + "\n"
        spans.append(PageSpan(n, start, start + len(page)))
    return text, spans


def _blocks() -> list[Block]:
    text, pages = _paper()
    return parse_blocks(text, 0, len(text), pages=pages)


def test_page_feet_numbered_on_are_footnotes() -> None:
    text, pages = _paper()
    lines = split_lines(text, 0, len(text))
    found = {lines[i].text.split()[0] for i in footnote_lines(lines, pages, reference_marks(text))}
    assert found == {"6", "7", "8", "9", "10", "11"}
    assert reference_marks(text) >= {7, 11}
    assert 3 not in reference_marks("by 2.3 per cent") and 5 not in reference_marks("section 3.5 of the report")


def test_footnotes_neither_head_nor_number_the_text_under_them() -> None:
    blocks = _blocks()
    ids = [b.para_id for b in blocks if b.para_id]
    assert ids == ["5.2", "5.3", "5.3.1", "5.4.1"]  # "5.4" heads 5.4.1 with no text of its own
    assert all(not path.startswith(("6 ", "7 ", "8 ", "10 ")) for b in blocks for path in b.heading_path)
    intro = next(b for b in blocks if b.para_id == "5.4.1")
    assert intro.heading_path[-1] == "5.4.1 Introduction"
    assert any("10 NOMIS" in b.text for b in blocks)  # the footnote's text is kept, as printed


def test_a_contents_list_is_prose_and_does_not_advance_the_numbering() -> None:
    blocks = _blocks()
    contents = [b for b in blocks if "Appendices" in b.text and "...." in b.text]
    assert len(contents) == 1 and contents[0].kind == "prose" and contents[0].para_id is None
    assert "5.6 Risk Analysis" in contents[0].text  # entries wrapped over two lines stay in the list
    assert "5.1 Key Stages" in contents[0].text and not any(b.para_id == "5.1" for b in blocks)
    assert not any(b.heading_path and "...." in b.heading_path[-1] for b in blocks)


def test_a_short_numbered_list_is_text_of_its_section_not_a_heading() -> None:
    blocks = _blocks()
    item = next(b for b in blocks if "1. Description of Methodology" in b.text)
    assert item.para_id == "5.3" and item.heading_path[-1].startswith("5.3 Data Analysis")


def test_page_feet_that_continue_a_list_of_the_pages_are_not_footnotes() -> None:
    # A decision's conditions run through the pages, and some page ends on one: they number the bodies too.
    pages_text = [f"{n - 2} The development shall begin within three years.\n\n{n - 1} The development shall follow "
                  f"the plans.\n\n{n} Condition {n} applies to the site.\n" for n in (3, 6, 9)]
    text, spans = "", []
    for n, page in enumerate(pages_text, start=1):
        spans.append(PageSpan(n, len(text), len(text) + len(page)))
        text += page + "\n"
    lines = split_lines(text, 0, len(text))
    assert footnote_lines(lines, spans, reference_marks(text)) == frozenset()


MINUTES = """\
68. PLANNING
The Parish Council considered two applications.

69. FINANCE
(a) Financial Statement
The financial statement was received.
(b) Payment of Accounts Due
The Parish Council approved the following payments.
(c) Precept for 2019/20
The resolution was to increase the precept for 2019/20 from £15,055.20 to £15,506.86.

70. STANDING ITEMS
(a) Works Programme
To be considered at the next meeting.
(b) Greens
It was resolved to ask Network Homes for any evidence.
"""


def test_lettered_items_in_order_are_sub_paragraphs_of_their_minute() -> None:
    assert sorted(lettered_runs(split_lines(MINUTES, 0, len(MINUTES))).values()) == ["a", "a", "b", "b", "c"]
    blocks = parse_blocks(MINUTES, 0, len(MINUTES))
    precept = next(b for b in blocks if "precept" in b.text)
    assert precept.para_id == "69(c)"
    assert next(b for b in blocks if "Network Homes" in b.text).para_id == "70(b)"


def test_a_lone_letter_or_a_run_not_from_a_is_no_sequence() -> None:
    text = "2.1 That the Committee:\n(a) note the report\n\n3.1 Options\n(c) a third option\n(d) a fourth\n"
    assert lettered_runs(split_lines(text, 0, len(text))) == {}


def test_unnumbered_text_merged_with_a_numbered_item_keeps_its_heading_number() -> None:
    blocks = [Block("prose", "Apologies were received from Cllr Bell.", 0, 40, ["1. Apologies"], None),
              Block("paragraph", "Members were asked to declare interests.", 41, 80, ["1. Apologies"], "2")]
    text = "\n".join(b.text for b in blocks)
    report = Report("Minutes", 0, len(text), PaperMeta(title="Minutes"), blocks)
    chunks = chunk_report(report, ExtractedText(text, "text"), document_id="doc", file_name="minutes.html")
    assert chunks[0].paragraph_ids == ["1", "2"]


def test_a_paragraph_and_its_lettered_items_make_one_passage_with_every_number() -> None:
    text = ("3. RESOLVED that Cabinet agree to:\n\n(a) Adopt the Integrated Care Strategy Delivery Plan.\n\n"
            "(b) Delegate authority to the Director of Public Health.\n\n4. Any other business\n")
    report = Report("Minutes", 0, len(text), PaperMeta(title="Minutes"),
                    [Block("paragraph", "3. RESOLVED that Cabinet agree to:", 0, 34, ["90. Minutes"], "90(3)"),
                     Block("paragraph", "(a) Adopt the Integrated Care Strategy Delivery Plan.", 36, 89,
                           ["90. Minutes"], "90(3)(a)"),
                     Block("paragraph", "(b) Delegate authority to the Director of Public Health.", 91, 147,
                           ["90. Minutes"], "90(3)(b)"),
                     Block("paragraph", "4. Any other business", 149, 170, ["90. Minutes"], "90(4)")])
    chunks = chunk_report(report, ExtractedText(text, "text"), document_id="doc", file_name="minutes.pdf",
                          max_chars=200)
    assert [c.paragraph_ids for c in chunks] == [["90(3)", "90(3)(a)", "90(3)(b)"], ["90(4)"]]
