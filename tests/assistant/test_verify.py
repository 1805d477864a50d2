"""Citation checks, whichever answerer wrote the text."""

from __future__ import annotations

import logging

import pytest

from assistant.types import Source
from assistant.verify import MarkerRenumberer, answer_sentences, verify
from tests.conftest import make_chunk

TEXTS = [
    "The forecast revenue overspend is £23.3m, 1.6% of the revenue budget.",
    "Seventeen meetings have taken place with a further 24 scheduled.",
    "The council secured a grant of £1,147,106 in May 2023.",
]


@pytest.fixture
def sources() -> list[Source]:
    return [Source(i + 1, make_chunk("doc0000000000001", i, t, f"{i + 1}.1"), 0.5) for i, t in enumerate(TEXTS)]


def test_markers_are_renumbered_in_order_of_use_and_unused_sources_dropped(sources: list[Source]) -> None:
    checked = verify("Seventeen meetings took place [2]. The overspend is £23.3m [1][2].", sources)
    assert checked.text == "Seventeen meetings took place [1]. The overspend is £23.3m [2][1]."
    assert [c.chunk.text for c in checked.citations] == [TEXTS[1], TEXTS[0]]  # source 3 is not listed
    assert checked.flagged == []


def test_unknown_markers_are_removed_and_logged(sources: list[Source], caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="assistant.verify"):
        checked = verify("A grant of £1,147,106 was secured [3]. It was spent on hats [7].", sources)
    assert checked.text == "A grant of £1,147,106 was secured [1]. It was spent on hats."
    assert checked.removed_markers == ["[7]"]
    assert "[7]" in caplog.text


def test_marker_forms_are_normalised(sources: list[Source]) -> None:
    checked = verify("Overspend [Source 1]. Meetings [2, 3]. Range [1-3].", sources)
    assert checked.text == "Overspend [1]. Meetings [2][3]. Range [1][2][3]."


def test_figures_missing_from_cited_passages_are_flagged(sources: list[Source]) -> None:
    checked = verify("The overspend is £25m [1]. A grant of £1.1m came in May 2023 [3]. It rose 40%.", sources)
    flagged = {f.sentence: f for f in checked.flagged}
    assert flagged["The overspend is £25m [1]."].figures == ["£25m"]
    assert "A grant of £1.1m came in May 2023 [2]." not in flagged  # a rounding of £1,147,106
    assert flagged["It rose 40%."].reason == "states a figure without citing a source"


def test_a_sentence_without_markers_takes_the_next_sentences_markers(sources: list[Source]) -> None:
    checked = verify("Seventeen meetings took place. A further 24 are scheduled [2].", sources)
    assert checked.flagged == []


def test_streaming_gives_the_same_text(sources: list[Source]) -> None:
    text = "Overspend £23.3m [1]. Bad [12]. Meetings [Source 2] and [2, 1]."
    renumber = MarkerRenumberer(len(sources))
    streamed = "".join(renumber.feed(text[i : i + 3]) for i in range(0, len(text), 3)) + renumber.close()
    assert streamed == verify(text, sources).text


def test_answer_sentences_keep_trailing_markers() -> None:
    assert answer_sentences("One fact. [1] Two facts [2]. Three.") == ["One fact. [1]", "Two facts [2].", "Three."]
