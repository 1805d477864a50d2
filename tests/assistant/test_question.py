"""What a question asks for and presupposes."""

from __future__ import annotations

from assistant.question import profile, year_spans, years_in


def test_names_years_and_kinds() -> None:
    p = profile("How many fostering households are in Halton's Mockingbird constellations in 2023/24?")
    assert p.names == ["Halton", "Mockingbird"]  # a possessive ends the owner's name
    assert p.years == {2023, 2024}
    assert p.asks == ["count"]


def test_reference_numbers_acronyms_and_compound_questions() -> None:
    p = profile("When Cabinet reconsidered decision 24/00093, how big was KCC's overspend, and when was it agreed?")
    assert "24/00093" in p.names and "KCC" in p.names
    assert "quantity" in p.asks and "date" in p.asks


def test_first_word_is_a_name_only_when_clearly_one() -> None:
    assert profile("What is the timetable?").names == []
    assert profile("Staffordshire's rate of children in care?").names == ["Staffordshire"]
    assert profile("Which council was higher: Leeds or Birmingham?").names == ["Leeds", "Birmingham"]


def test_year_spans() -> None:
    assert years_in("the 2024-25 budget and 1999") == {1999, 2024, 2025}
    assert years_in("in 2012–13 (printed with an en dash)") == {2012, 2013}


def test_ampersand_abbreviations_are_terms_of_their_own() -> None:
    from assistant.question import stems

    assert "b&b" in stems("Who is placed in a B&B or hotel?")
    assert stems("Adult Social Care & Health") == ["adult", "social", "care", "health"]


def test_how_much_a_number_changed_is_no_question_of_money() -> None:
    assert profile("Knowsley child protection plans - how much did numbers go up before 2014?").asks == ["quantity"]
    assert profile("How much has traffic fallen on internal roads?").asks == ["quantity"]
    assert profile("How much will the capital works cost?").asks == ["money"]
    # "how much" before the thing measured asks an amount of it, not money
    assert profile("How much mileage had the gang wound off vehicles?").asks == ["quantity"]
    assert profile("How much notice must be given of a Full Council meeting?").asks == ["quantity"]
    assert profile("How much did Gloucester pay the LGA for its review?").asks == ["money"]
    assert "money" in profile("By how much did the late changes alter the budget?").asks
    # "how much of" a place or a thing asks a share ("almost a third"), or an amount of money
    assert profile("How much of Kent is protected as a National Landscape?").asks == ["proportion", "money"]


def test_a_name_stops_at_punctuation_and_keeps_its_ampersand() -> None:
    names = profile("Was turnout lower in LA (Sir Herman Gollancz Hall) or Whitley S & SC?").names
    assert names == ["LA", "Sir Herman Gollancz Hall", "Whitley S & SC"]
    assert profile("What did the Transport & Connectivity Committee decide?").names == ["Transport & Connectivity"]


def test_how_often_is_answered_by_a_frequency_word_or_a_figure() -> None:
    from assistant.scoring import answer_kinds

    question = profile("How often does Gloucestershire review children missing education?")
    assert question.asks == ["frequency"]
    assert answer_kinds(question, "All children missing education are reviewed on a fortnightly basis.")
    assert answer_kinds(question, "The panel meets every six weeks.")
    assert not answer_kinds(question, "There is an effective process that reviews children missing education.")


def test_content_terms_leave_out_what_only_chooses_the_paper() -> None:
    """"bristol ofsted focused visit dec 2025 - ...": place (in any case), kind of paper and period pick the paper;
    what is asked about is the rest."""
    question = profile("bristol ofsted focused visit dec 2025 - besides safety plans, what else needs improving?")
    assert {"bristol", "ofst", "focus", "visit", "dec", "2025"} <= set(question.terms)
    assert question.content_terms == ["besid", "safeti", "plan", "els", "need", "improv"]
    # A question made only of such words keeps them all.
    assert profile("Kent Cabinet minutes January 2025").content_terms == profile(
        "Kent Cabinet minutes January 2025").terms


def test_places_typed_in_lower_case_are_names_only_when_nothing_is_capitalised() -> None:
    assert profile("how long is the probation period for bristol's civil enforcement officers?").names == ["bristol"]
    assert profile("devon CSOG feb 2022 - who is the head of service?").names == ["CSOG", "devon"]
    assert profile("What is the reading age target in Kent?").names == ["Kent"]


def test_a_lower_case_tail_only_qualifies_a_name() -> None:
    names = profile("How many HNB-funded pupils got SEN support in Stoke-on-Trent?").names
    assert names == ["HNB", "SEN", "Stoke-on-Trent"]


def test_a_compound_word_is_no_question_of_money() -> None:
    assert "money" not in profile("What cost-of-living support do libraries provide?").asks
    assert "money" in profile("What is the cost of the scheme?").asks
    assert "money" in profile("What fee does the council set for a permit?").asks  # a price is money too


def test_cost_as_the_verb_asked_about_asks_for_money() -> None:
    assert "money" in profile("What is the one-way trial expected to cost, and who pays?").asks
    assert "money" in profile("What will the new crossing cost the council?").asks
    assert "money" not in profile("What did the council offer in response to the cost-of-living crisis?").asks
    assert "money" not in profile("Is new money planned? What does the report say about their cost?").asks


def test_a_meeting_named_by_its_body_s_possessive() -> None:
    assert profile("What was reported at Tintern Community Council's March 2019 meeting?").meeting == "2019-03"
    assert profile("What did Kent's Cabinet agree at its 4 March 2025 meeting?").meeting == "2025-03-04"
    assert profile("What did the council's report say in March 2019?").meeting == ""


def test_financial_years_are_read_as_spans() -> None:
    assert year_spans("its 2012–13 report, the 2024/25 budget and 2025/2026") == {(2012, 2013), (2024, 2025),
                                                                                 (2025, 2026)}
    assert year_spans("pages 2013-2019 and the 2020-22 plan") == set()  # ranges of several years are not one year
