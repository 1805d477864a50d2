"""The briefing note written by a chat model (a real `BaseChatModel` subclass replying as scripted) over the
demo store: its sections parsed, its markers renumbered, its unsupported sentences dropped, and the
register and conflicts added as data."""

from __future__ import annotations

import re

from assistant.briefing import COMMITMENTS, FACTS, HEADINGS, SUMMARY, TIMELINE, build_briefing
from assistant.briefing_llm import LLMBriefingWriter, parse_sections
from assistant.builtin import BuiltinAnswerer
from assistant.errors import AnswererUnavailableError
from assistant.service import Assistant
from tests.assistant.fakes import BrokenChatModel, FakeChatModel
from tests.assistant.test_llm import source_number
from vectorstore.search import HybridSearcher

TOPIC = "Future of the library service"


def test_parse_sections_reads_headings_bullets_and_markers() -> None:
    reply = ("Here is the note.\n## Summary\n- Nine libraries stay open [2].\n* Five become hubs [1][3].\n\n"
             "## Key facts and figures:\n1. The works cost £1.2m [1].\n## Other\n- ignored [4]\n"
             "## Timeline\n- A sentence with no marker.\n")
    sections = parse_sections(reply)
    assert [(c.text, c.cites) for c in sections[SUMMARY]] == [("Nine libraries stay open.", [2]),
                                                              ("Five become hubs.", [1, 3])]
    assert [(c.text, c.cites) for c in sections[FACTS]] == [("The works cost £1.2m.", [1])]
    assert [(c.text, c.cites) for c in sections[TIMELINE]] == [("A sentence with no marker.", [])]


def test_llm_note_is_checked_like_any_other(example_store) -> None:  # type: ignore[no-untyped-def]
    def reply(messages) -> str:  # type: ignore[no-untyped-def]
        prompt = str(messages[-1].content)
        works = source_number(prompt, "£1.2m")
        return (f"## Summary\n- The capital works of £1.2m are part of the plan [{works}].\n"
                f"- Staff costs will rise by £9m [{works}].\n- Hats are free [99].\n- No marker here.\n"
                f"## Key facts and figures\n- The capital works cost £1.2m [{works}].\n")

    model = FakeChatModel(responder=reply)
    assistant = Assistant(HybridSearcher(example_store), BuiltinAnswerer(),
                          briefing_writer=LLMBriefingWriter(model, name="openai"))
    note = assistant.brief(TOPIC)
    assert note.writer == "openai" and [s.heading for s in note.sections] == list(HEADINGS)
    system, human = (str(m.content) for m in model.prompts[-1])
    assert "Summary" in system and TOPIC in human and "<source n=" in human
    summary = [s.with_markers() for s in note.sections[0].sentences]
    assert summary == ["The capital works of £1.2m are part of the plan. [1]"]
    assert {f.reason for f in note.flagged} >= {"cites no gathered passage"}
    assert any(f.figures == ["£9m"] for f in note.flagged)  # a figure its passage does not print is dropped
    assert "£1.2m" in note.sources[0].chunk.text
    markers = {n for sec in note.sections for s in sec.sentences for n in s.markers}
    assert markers == {s.n for s in note.sources}
    # The register is data, not the model's prose: its section is there whatever the model wrote.
    commitments = next(sec for sec in note.sections if sec.heading == COMMITMENTS)
    assert commitments.sentences or commitments.notes
    assert all(re.search(r"\(status: ", s.text) for s in commitments.sentences)


def test_an_unreachable_model_is_an_unavailable_error(example_store) -> None:  # type: ignore[no-untyped-def]
    assistant = Assistant(HybridSearcher(example_store), BuiltinAnswerer())
    try:
        build_briefing(assistant, TOPIC, writer=LLMBriefingWriter(BrokenChatModel()))
    except AnswererUnavailableError as exc:
        assert "drafting the note" in str(exc)
    else:
        raise AssertionError("expected AnswererUnavailableError")
