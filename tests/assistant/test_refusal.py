"""Refusal rules that need no model: what the retrieved passages can and cannot vouch for."""

from __future__ import annotations

from assistant.question import profile
from assistant.refusal import RefusalPolicy
from assistant.types import Source
from tests.conftest import make_chunk

DECISION = "What did Cabinet decide at its 11 June 2024 meeting about the library hubs?"


def source(n: int, doc_type: str, meeting_date: str) -> Source:
    text = "Cabinet is asked to agree the Community Hubs Programme for the nine libraries."
    return Source(n, make_chunk(f"doc{n:013d}", n, text, "1.1", doc_type=doc_type, meeting_date=meeting_date), 1.0)


def test_a_meeting_s_decision_needs_its_minutes_or_a_later_paper() -> None:
    policy = RefusalPolicy()
    question = profile(DECISION)
    assert question.meeting == "2024-06-11" and question.asks_outcome
    # The report and agenda to the meeting were written before it: they cannot say what it decided.
    before = [source(1, "report", "2024-06-11"), source(2, "agenda", "2024-06-11"), source(3, "minutes", "2024-05-14")]
    assert policy.unrecorded_meeting(question, before) == "2024-06-11"
    assert policy.unrecorded_meeting(question, [*before, source(4, "minutes", "2024-06-11")]) == ""
    assert policy.unrecorded_meeting(question, [*before, source(5, "report", "2024-09-10")]) == ""


def test_what_went_to_a_meeting_can_come_from_its_agenda() -> None:
    question = profile("Which reports went to Cabinet at its 11 June 2024 meeting?")
    assert question.meeting == "2024-06-11" and not question.asks_outcome
    assert RefusalPolicy().unrecorded_meeting(question, [source(1, "agenda", "2024-06-11")]) == ""
