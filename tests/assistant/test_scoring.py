"""Sentence scoring with the real packaged embedding model."""

from __future__ import annotations

from assistant.question import profile
from assistant.scoring import SentenceScorer
from assistant.types import Source
from ingest.units import split_units
from tests.conftest import make_chunk

LETTER = ("Piccadilly Gate Store Street Manchester M1 2WD T 0300 123 1231 enquiries@ofsted.gov.uk\n\n"
          "Inspection dates: 24 and 25 September 2024 Lead inspector: Jane Smith\n\n"
          "The council issued a section 114 notice, and children's frontline services have been protected.")


def test_letterheads_and_cover_fields_are_discounted_and_findings_are_not(embeddings) -> None:
    scorer = SentenceScorer(embeddings)
    letterhead, cover, finding = split_units(make_chunk("b000000000000001", 0, LETTER, None))
    assert scorer._shape_factor(finding, typed=False) == 1.0
    assert scorer._shape_factor(cover, typed=False) < scorer._shape_factor(cover, typed=True) < 1.0
    assert scorer._shape_factor(letterhead, typed=False) <= 0.6


def test_an_agendas_pointer_to_a_paper_is_discounted(embeddings) -> None:
    scorer = SentenceScorer(embeddings)
    text = ("Report of the Children's Standing Overview Group dated 18 April 2023, attached.\n\n"
            "The Chair asked for a future update to Members in around 6 months on this work.")
    pointer, finding = split_units(make_chunk("a000000000000001", 0, text, None))
    assert scorer._shape_factor(pointer, typed=False) < 1.0 == scorer._shape_factor(finding, typed=False)


def test_the_sentence_that_answers_ranks_first(embeddings) -> None:
    question = profile("What did Ofsted's letter to Birmingham say about frontline services?")
    source = Source(1, make_chunk("b000000000000001", 0, LETTER, None, report_title="Focused visit"), 0.9)
    ranked = SentenceScorer(embeddings).score(question, [source])
    assert ranked[0].unit.text.startswith("The council issued a section 114 notice")


def test_a_safeguarding_boards_grade_is_not_the_councils() -> None:
    from assistant.scoring import answer_kinds

    board = "The Local Safeguarding Children Board requires improvement."
    council = "Overall effectiveness (Grade: Requires improvement to be good)."
    asked = profile("What overall effectiveness grade did Ofsted give Surrey's children's services in 2015?")
    assert answer_kinds(asked, council) == {"grade"}
    assert answer_kinds(asked, board) == set()
    assert answer_kinds(profile("How was Surrey's LSCB graded in 2015?"), board) == {"grade"}


def test_a_place_the_question_names_is_no_person() -> None:
    from assistant.scoring import answer_kinds

    asked = profile("Who chairs the Kingston and North Kingston Neighbourhood Committee?")
    assert "person" not in answer_kinds(asked, "This page lists the meetings of North Kingston Neighbourhood.")
    assert "person" in answer_kinds(asked, "Councillor Olly Wehring (Chair)")


def test_a_rate_asked_per_10000_is_given_only_by_a_figure_per_10000() -> None:
    from assistant.scoring import answer_kinds

    asked = profile("How does Staffordshire's rate of children in care per 10,000 compare with Devon's?")
    assert answer_kinds(asked, "Children looked after at period end (per 10,000); 58; 56.") == {"proportion"}
    assert answer_kinds(asked, "% Care Leavers in suitable accommodation; 80%; 90%.") == set()


def test_the_glossarys_other_names_count_as_the_questions_words(embeddings) -> None:
    text = "Children looked after at period end; 58.\n\nChildren at period end; 58."
    source = Source(1, make_chunk("d000000000000001", 0, text, None), 0.9)
    ranked = SentenceScorer(embeddings).score(profile("How many children in care were there?"), [source])
    by_text = {s.unit.text: s.lexical for s in ranked}
    assert by_text["Children looked after at period end; 58."] > by_text["Children at period end; 58."]


def test_how_long_is_answered_by_a_duration_or_by_when_it_began() -> None:
    from assistant.scoring import answer_kinds

    question = profile("When Ofsted inspected Birmingham in spring 2014, how long had the DCS been in post?")
    assert "quantity" in answer_kinds(question, "The director has been in post since July 2013.")
    assert "quantity" in answer_kinds(question, "The director has been in post for eight months.")
    assert "quantity" not in answer_kinds(question, "Inspectors visited Birmingham in spring 2014.")  # its own year
    assert "quantity" not in answer_kinds(question, "The Traffic Order 2022 was made by the council.")  # a bare year


def test_a_row_whose_whole_label_is_asked_about_counts_for_more() -> None:
    from assistant.scoring import ROW_LABEL_BONUS, _label_factor

    text = ("DSG Block\t2024-25 Budget\t2024-25 Forecast\t2024-25 Variance\n"
            "Early Years Block\t158.6\t157.4\t-1.2\nHigh Needs Block\t337.9\t392.8\t54.9\n\n"
            "Budgets include moving £15.2m from the Schools block to the High Needs Block.")
    early, high, sentence = split_units(make_chunk("c000000000000001", 0, text, None))
    question = profile("What were the budget, forecast and variance for the High Needs Block?")
    assert high.text.startswith("High Needs Block (2024-25 Budget: 337.9")
    assert _label_factor(high, question) == ROW_LABEL_BONUS > 1.0
    assert _label_factor(early, question) == 1.0  # shares "block" only
    assert _label_factor(sentence, question) == 1.0  # a sentence has no label
