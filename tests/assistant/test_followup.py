"""Rule-based rewriting of follow-up questions."""

from __future__ import annotations

from assistant.followup import is_followup, rewrite_followup
from assistant.types import Turn

FIRST = "What proportion of Devon's senior leaders were agency staff in 2023?"


def test_another_place() -> None:
    history = [Turn("user", FIRST), Turn("assistant", "70% [1].")]
    assert rewrite_followup("and what about Halton?", history) == (
        "What proportion of Halton's senior leaders were agency staff in 2023?")


def test_another_year() -> None:
    history = [Turn("user", FIRST)]
    assert rewrite_followup("What about 2022?", history) == (
        "What proportion of Devon's senior leaders were agency staff in 2022?")


def test_pronoun_takes_the_previous_subject() -> None:
    history = [Turn("user", "What is the timetable for opening Staying Close properties?"), Turn("assistant", "...")]
    assert rewrite_followup("who is leading that?", history) == "who is leading Staying Close?"


def test_follow_ups_chain() -> None:
    history = [Turn("user", FIRST), Turn("assistant", "..."), Turn("user", "and what about Halton?"),
               Turn("assistant", "...")]
    assert rewrite_followup("what about 2024?", history) == (
        "What proportion of Halton's senior leaders were agency staff in 2024?")


def test_standalone_questions_are_left_alone() -> None:
    history = [Turn("user", FIRST)]
    question = "How many EHC plans does Kent maintain?"
    assert not is_followup(question)
    assert rewrite_followup(question, history) == question
    assert rewrite_followup("What is it?", []) == "What is it?"
