"""What the assistant hands back: an answer whose every marker [n] points at a passage from the papers.

Terms:
- A *source* is one retrieved passage (a chunk, about one numbered paragraph) offered to an answerer,
  numbered from 1 in retrieval order.
- A *citation* is a source the final answer actually uses; citations are renumbered 1..m in the order
  the answer first cites them, so the markers a reader sees are always [1], [2], ... without gaps.
- A *quote* is the sentence (or table row) of the passage that supports the answer, for highlighting.
- A *flagged sentence* states a figure (money, percentage, date, count) that none of its cited passages
  contains: it may be wrong and is shown with a warning.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from ingest.models import Chunk


@dataclass(frozen=True)
class Turn:
    """One earlier message of the conversation."""

    role: Literal["user", "assistant"]
    content: str


@dataclass
class Source:
    """A retrieved passage as offered to an answerer: its number in the prompt, the chunk, its score."""

    n: int
    chunk: Chunk
    score: float
    merged_ids: list[str] = field(default_factory=list)  # split pieces of the paragraph folded into `chunk`
    copies: list[Chunk] = field(default_factory=list)  # the passage reprinted in other papers of the meeting


@dataclass
class Draft:
    """An answerer's raw output: text whose markers refer to `Source.n`, before verification."""

    text: str
    supported: bool = True
    quotes: dict[int, list[str]] = field(default_factory=dict)  # source n -> the sentences used from it


@dataclass
class Citation:
    """A source the answer cites, numbered as the reader sees it."""

    n: int
    chunk: Chunk
    score: float
    quotes: list[str] = field(default_factory=list)  # sentences of the passage the answer relies on
    copies: list[Chunk] = field(default_factory=list)  # the passage reprinted in other papers of the meeting

    @property
    def also_in(self) -> list[str]:
        """Where else the meeting's papers print this passage ("PROD 30th-Jan-2025, p. 4")."""
        return [copy.place_label for copy in self.copies]

    @property
    def quote(self) -> str:
        return self.quotes[0] if self.quotes else ""

    @property
    def paragraph(self) -> str | None:
        """The paragraph the quote is in (a passage can span "paras 4.3-4.5"; the quote is in 4.4)."""
        from assistant.sentences import quote_paragraph

        return quote_paragraph(self.chunk, self.quote)

    @property
    def label(self) -> str:
        """The chunk's citation label, naming the quoted paragraph when the passage spans several."""
        where, meeting = self.chunk.citation_parts(self.paragraph if len(self.chunk.paragraph_ids) > 1 else None)
        return ", ".join([*where, *meeting])


@dataclass
class FlaggedSentence:
    """A sentence whose figures could not be found in the passages it cites."""

    sentence: str
    figures: list[str]
    reason: str


@dataclass
class Answer:
    """The verified answer to one question."""

    question: str  # as asked
    standalone_question: str  # after rewriting a follow-up; equal to `question` otherwise
    text: str
    supported: bool
    citations: list[Citation] = field(default_factory=list)
    further_reading: list[Citation] = field(default_factory=list)  # nearest passages, on a refusal
    flagged_sentences: list[FlaggedSentence] = field(default_factory=list)
    removed_markers: list[str] = field(default_factory=list)  # markers that matched no source
    timings_ms: dict[str, float] = field(default_factory=dict)
    answerer: str = "builtin"
    refusal_reason: str = ""  # why the papers were judged not to answer, when `supported` is False
    evidence_score: float = 0.0  # the best sentence's score, which the refusal threshold is compared with
    evidence_semantic: float = 0.0  # the nearest any sentence comes to the question's meaning (its floor's measure)

    def plain_text(self) -> str:
        """The answer and its numbered references, ready to paste into an e-mail."""
        lines = [self.text.strip()]
        refs = self.citations or self.further_reading
        if refs:
            lines.append("")
            lines.append("References:" if self.citations else "You may want to read:")
            for c in refs:
                quote = f' "{c.quote}"' if c.quote and self.citations else ""
                also = f" Also in: {'; '.join(c.also_in)}." if c.also_in else ""
                lines.append(f"[{c.n}] {c.label}.{also}{quote}")
        return "\n".join(lines)


@dataclass
class StreamEvent:
    """One event of a streamed answer: a piece of text, or the finished, verified answer."""

    kind: Literal["token", "answer"]
    text: str = ""
    answer: Answer | None = None
