"""One way to name a passage: the citation label, the chat's source line and a citation of a quote."""

from __future__ import annotations

from assistant.types import Citation
from tests.conftest import make_chunk
from ui.render import source_line

TEXT = "4.3 Demand rose.\n4.4 The council secured a grant of £1,147,106.\n4.5 Work continues."


def spanning_chunk():  # type: ignore[no-untyped-def]
    chunk = make_chunk("doc0000000000001", 3, TEXT, "4.3", report_title="Sufficiency Initiatives",
                       committee="Children's Scrutiny Committee", meeting_date="2023-06-06")
    chunk.paragraph_ids = ["4.3", "4.4", "4.5"]
    chunk.pages = [4, 5]
    return chunk


def test_the_label_names_the_paragraphs_pages_and_meeting() -> None:
    assert spanning_chunk().citation_label == (
        "Sufficiency Initiatives, paras 4.3-4.5, pp. 4-5, Children's Scrutiny Committee, 6 June 2023")


def test_a_paper_of_no_committee_is_named_by_its_council() -> None:
    letter = make_chunk("doc0000000000002", 0, "15. Leaders have improved practice.", "15",
                        report_title="Inspection of Knowsley local authority children's services",
                        council="Knowsley Metropolitan Borough Council", meeting_date="2024-11-29")
    letter.pages = [5]
    assert letter.citation_label == ("Inspection of Knowsley local authority children's services, para 15, p. 5, "
                                     "Knowsley Metropolitan Borough Council, 29 November 2024")


def test_a_quote_is_cited_to_its_own_paragraph_in_the_label_and_the_chat() -> None:
    citation = Citation(n=1, chunk=spanning_chunk(), score=1.0, quotes=["The council secured a grant of £1,147,106."])
    assert citation.paragraph == "4.4"
    assert citation.label == "Sufficiency Initiatives, para 4.4, pp. 4-5, Children's Scrutiny Committee, 6 June 2023"
    assert source_line(citation) == (
        "Sufficiency Initiatives, para 4.4, pp. 4-5 · Children's Scrutiny Committee · 6 June 2023")


def test_a_reprint_of_the_passage_is_named_in_the_chat_and_the_e_mail_copy() -> None:
    from assistant.types import Answer

    copy = make_chunk("doc0000000000002", 7, TEXT, "2.3", report_title="Record of Decision 23/00012")
    copy.pages = [4]
    citation = Citation(n=1, chunk=spanning_chunk(), score=1.0, quotes=["Demand rose."], copies=[copy])
    assert citation.also_in == ["Record of Decision 23/00012, para 2.3, p. 4"]
    assert source_line(citation).endswith(" · also in Record of Decision 23/00012, para 2.3, p. 4")
    answer = Answer(question="q", standalone_question="q", text="Demand rose [1].", supported=True,
                    citations=[citation])
    assert "Also in: Record of Decision 23/00012, para 2.3, p. 4." in answer.plain_text()
