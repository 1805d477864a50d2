"""Citations are checked, not trusted, whichever answerer wrote the text.

- Every marker must name a source that was offered; unknown markers ("[9]" with five sources) are
  removed and logged. "[1, 3]", "[1-2]" and "[Source 2]" are normalised to "[1][3]".
- Markers are renumbered 1..m in order of first use, and only passages the text cites are listed.
- A sentence stating a figure (money, percentage, date, count) that none of its cited passages contains,
  or that states a figure without any citation, is flagged.

`MarkerRenumberer` does the marker work incrementally, so a streamed answer shows the same markers as
the final one.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from assistant.figures import figure_in, find_figures, number_values
from assistant.question import stems
from assistant.sentences import answer_units
from assistant.types import Citation, FlaggedSentence, Source

log = logging.getLogger(__name__)

MARKER = re.compile(
    r"\[\s*(?:(?:sources?|src|refs?|passages?)\s*)?(\d{1,3}(?:\s*(?:,|;|and|&|-|–)\s*(?:(?:sources?)\s*)?\d{1,3})*)\s*\]",
    re.IGNORECASE,
)
_FINAL_MARKER = re.compile(r"\[(\d+)\]")
_HOLD = 24  # characters after "[" to wait for its "]" while streaming


@dataclass
class Verified:
    text: str
    citations: list[Citation] = field(default_factory=list)
    flagged: list[FlaggedSentence] = field(default_factory=list)
    removed_markers: list[str] = field(default_factory=list)


class MarkerRenumberer:
    """Rewrite markers as text streams in: known sources renumbered by first use, unknown ones dropped."""

    def __init__(self, source_count: int) -> None:
        self.source_count = source_count
        self.order: list[int] = []  # source numbers in order of first citation
        self.removed: list[str] = []
        self._buffer = ""

    def feed(self, delta: str) -> str:
        self._buffer += delta
        return self._drain(final=False)

    def close(self) -> str:
        return self._drain(final=True)

    def _drain(self, *, final: bool) -> str:
        out: list[str] = []
        buf = self._buffer
        while True:
            i = buf.find("[")
            if i < 0:
                keep = 0 if final else len(buf) - len(buf.rstrip())
                out.append(buf[: len(buf) - keep])
                buf = buf[len(buf) - keep :]
                break
            head = buf[:i]
            space = head[len(head.rstrip()):]
            out.append(head[: len(head) - len(space)])
            match = MARKER.match(buf, i)
            if match is None:
                if not final and "]" not in buf[i:] and len(buf) - i < _HOLD:
                    buf = buf[i - len(space):] if space else buf[i:]
                    break
                out.append(space + "[")
                buf = buf[i + 1 :]
                continue
            replacement = self._replace(match.group(0), match.group(1))
            out.append(space + replacement if replacement else "")
            buf = buf[match.end() :]
        self._buffer = buf
        return "".join(out)

    def _replace(self, raw: str, body: str) -> str:
        wanted: list[int] = []
        for part in re.split(r"\s*(?:,|;|and|&)\s*", body):
            numbers = [int(n) for n in re.findall(r"\d+", part)]
            if len(numbers) == 2 and re.search(r"[-–]", part) and numbers[0] < numbers[1] <= numbers[0] + 10:
                numbers = list(range(numbers[0], numbers[1] + 1))
            wanted.extend(numbers)
        kept = []
        for n in dict.fromkeys(wanted):
            if 1 <= n <= self.source_count:
                if n not in self.order:
                    self.order.append(n)
                kept.append(self.order.index(n) + 1)
            else:
                log.warning("removed citation marker %s: no source %d among %d", raw, n, self.source_count)
                self.removed.append(f"[{n}]")
        return "".join(f"[{k}]" for k in kept)


def verify(text: str, sources: Sequence[Source], quotes: dict[int, list[str]] | None = None) -> Verified:
    """Check `text` (markers numbered as `sources`) and return it with reader-facing numbering."""
    renumber = MarkerRenumberer(len(sources))
    final = (renumber.feed(text) + renumber.close()).strip()
    by_n = {s.n: s for s in sources}
    ordered = [by_n[n] for n in renumber.order]
    sentences = answer_sentences(final)
    citations = []
    for new_n, source in enumerate(ordered, start=1):
        used = (quotes or {}).get(source.n) or _best_quotes(source, [s for s in sentences if f"[{new_n}]" in s])
        citations.append(Citation(new_n, source.chunk, source.score, used, source.copies))
    flagged = [f for s, markers in _with_inherited_markers(sentences)
               if (f := check_figures(s, citations, markers)) is not None]
    return Verified(final, citations, flagged, renumber.removed)


def answer_sentences(text: str) -> list[str]:
    """Sentences of an answer, each keeping the markers that follow its full stop."""
    pieces = re.split(r"(?<=[.!?])\s+(?=[\[A-Z£\"“(0-9])", text.strip())
    sentences: list[str] = []
    for piece in pieces:
        lead = re.match(r"^(?:\[\d+\]\s*)+", piece)
        if lead and sentences:
            sentences[-1] += " " + lead.group(0).strip()
            piece = piece[lead.end() :]
        if piece.strip():
            sentences.append(piece.strip())
    return sentences


def _with_inherited_markers(sentences: list[str]) -> list[tuple[str, list[int]]]:
    """Each sentence with its markers; one without markers takes those of the next sentence that has some
    ("Spending rose. It reached £5m [2]." cites [2] for both)."""
    result: list[tuple[str, list[int]]] = []
    pending: list[str] = []
    for sentence in sentences:
        markers = [int(n) for n in _FINAL_MARKER.findall(sentence)]
        if not markers:
            pending.append(sentence)
            continue
        result.extend((p, markers) for p in pending)
        pending = []
        result.append((sentence, markers))
    result.extend((p, []) for p in pending)
    return result


def check_figures(sentence: str, citations: Sequence[Citation],
                  markers: list[int] | None = None) -> FlaggedSentence | None:
    figures = find_figures(sentence)
    if not figures:
        return None
    numbers = markers if markers is not None else [int(n) for n in _FINAL_MARKER.findall(sentence)]
    cited = [citations[n - 1] for n in numbers if 0 < n <= len(citations)]
    if not cited:
        return FlaggedSentence(sentence, [f.text for f in figures], "states a figure without citing a source")
    values: set[float] = set()
    for c in cited:
        chunk = c.chunk
        values |= number_values(" ".join([chunk.text, chunk.report_title, chunk.meeting_date, *chunk.paragraph_ids]))
    missing = [f.text for f in figures if not figure_in(f, values)]
    if not missing:
        return None
    return FlaggedSentence(sentence, missing, "figure not found in the cited passages")


def _best_quotes(source: Source, sentences: list[str]) -> list[str]:
    """The passage's sentences the answer uses: those it copies word for word, else the one sharing most words."""
    units = answer_units(source.chunk)
    if not units:
        return []
    plain = _FINAL_MARKER.sub("", " ".join(sentences))
    plain = " ".join(plain.split())
    copied = [u.quote for u in units if len(u.text) > 20 and u.text.rstrip(".!?") in plain]
    if copied:
        return copied
    wanted = set(stems(plain))
    best = max(units, key=lambda u: len(wanted & set(stems(u.text))))
    return [best.quote]
