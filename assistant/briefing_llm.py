"""A briefing note written by a chat model from the same gathered, numbered evidence as the built-in writer.

The model writes the prose sections (summary, key facts, decisions, timeline) as bullets ending in [n]
markers; the commitments register and the conflicting figures are data and are added by the code as the
built-in writer adds them. `briefing._finalise` then checks the model's sentences like any other: a
sentence without a marker, or with a figure none of its cited passages prints, is dropped and flagged.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import BaseMessage, HumanMessage, SystemMessage

from assistant.briefing import (
    COMMITMENTS,
    DECISIONS,
    EMPTY,
    FACTS,
    HEADINGS,
    SUMMARY,
    TIMELINE,
    Claim,
    Draft,
    Evidence,
    conflict_claims,
    register_claims,
)
from assistant.llm import fence, invoke_text, readable
from assistant.types import Source
from prompts import BRIEF_SYSTEM, BRIEF_USER, SOURCE_BLOCK

WRITTEN = (SUMMARY, FACTS, DECISIONS, TIMELINE)  # the sections the model writes
MAX_SOURCES = 12  # passages sent to the model: the best-scoring ones, so the prompt fits a small context
MAX_SOURCE_CHARS = 1500
MAX_SENTENCES = 6
_MARKER = re.compile(r"\[(\d{1,3})\]")
_HEADING = re.compile(r"^\s*#{1,3}\s*(.+?)\s*:?\s*$")
_BULLET = re.compile(r"^\s*(?:[-*•]|\d{1,2}[.)])\s+")


def briefing_messages(topic: str, sources: Sequence[Source]) -> list[BaseMessage]:
    blocks = [SOURCE_BLOCK.format(n=s.n, label=fence(s.chunk.citation_label),
                                  text=fence(s.chunk.text[:MAX_SOURCE_CHARS])) for s in readable(sources)]
    return [SystemMessage(BRIEF_SYSTEM.format(headings=", ".join(f'"{h}"' for h in WRITTEN),
                                              max_sentences=MAX_SENTENCES)),
            HumanMessage(BRIEF_USER.format(topic=fence(topic), sources="\n".join(blocks)))]


def best_sources(evidence: Evidence, limit: int = MAX_SOURCES) -> list[Source]:
    """The gathered passages holding the best-scoring sentences, in evidence numbering."""
    chosen: dict[int, Source] = {}
    for scored in evidence.ranked:
        chosen.setdefault(scored.source.n, scored.source)
        if len(chosen) == limit:
            break
    return sorted(chosen.values(), key=lambda s: s.n)


def parse_sections(text: str) -> dict[str, list[Claim]]:
    """The model's reply as claims per known heading; lines under an unknown heading are ignored, and a
    sentence keeps every marker it printed (inline or at its end) as its citations."""
    sections: dict[str, list[Claim]] = {h: [] for h in WRITTEN}
    current: str | None = None
    by_name = {h.casefold(): h for h in WRITTEN}
    for line in text.splitlines():
        if (heading := _HEADING.match(line)) is not None:
            current = by_name.get(heading.group(1).strip("*# ").casefold())
            continue
        body = _BULLET.sub("", line).strip()
        if current is None or not body:
            continue
        cites = [int(n) for n in dict.fromkeys(_MARKER.findall(body))]
        sentence = " ".join(_MARKER.sub("", body).split()).replace(" .", ".")
        if sentence:
            sections[current].append(Claim(sentence, cites))
    return sections


class LLMBriefingWriter:
    """Prose sections by the configured chat model; register items and conflicts added as data."""

    def __init__(self, chat_model: BaseChatModel, *, name: str = "llm") -> None:
        self.chat_model = chat_model
        self.name = name

    def write(self, evidence: Evidence) -> Draft:
        sources = best_sources(evidence)
        written = parse_sections(invoke_text(self.chat_model, briefing_messages(evidence.topic, sources),
                                             " while drafting the note")) if sources else {}
        offered = {s.n for s in sources}
        # A marker for a passage the model was not shown is not a citation (the check then drops the sentence).
        claims = {h: [Claim(c.text, [n for n in c.cites if n in offered]) for c in written.get(h, [])]
                  for h in WRITTEN}
        claims[FACTS] = claims[FACTS] + conflict_claims(evidence)
        claims[COMMITMENTS] = register_claims(evidence)
        return Draft([(h, claims[h], [] if claims[h] else [EMPTY[h]]) for h in HEADINGS], evidence.conflicts)
