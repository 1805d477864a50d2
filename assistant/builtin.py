"""The built-in answerer: no LLM, no network. It answers with the papers' own sentences.

From the scored sentences of the retrieved passages it takes the best one (and the sentence after it
when that one states the figure asked for), adds up to four in all that score nearly as well (and, when
they are missing, the figure asked for, for a comparison a sentence giving the figure or grade for each
place or year it names, strong sentences of the best one's paragraph), and writes them in reading order,
each followed by the marker of its passage; a sentence that introduces a list is quoted with its items.
Because every sentence is copied from a passage, every figure in the answer is in the passage it cites.
Sentences scoring a little lower are added as context; whether the papers answer at all is judged without
them (`grounds`), so a context sentence never supplies the date or place a question takes for granted.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace

from assistant.figures import find_figures
from assistant.followup import rewrite_followup
from assistant.question import REQUIRED_KINDS, QuestionProfile, profile, question_parts, stems, years_in
from assistant.scoring import GRADE_WORD, ScoredUnit
from assistant.sentences import focus_row
from assistant.types import Draft, Source, Turn

log = logging.getLogger(__name__)

_WORDS = re.compile(r"\w+")
_REPORTS_QUESTION = re.compile(
    r"\b(?:asked|queried|enquired|questioned|sought clarification|raised concerns?)\b|\?\W*$", re.IGNORECASE)
# A sentence that opens by pointing back ("Despite these challenges, ...", "As a result, ...") means little
# without the sentence before it.
_POINTS_BACK = re.compile(r"^(?:(?:despite|because of|given|following|due to|in response to)\s+)?"
                          r"(?:these|this|those|such)\b|^(?:consequently|as a result|therefore)\b", re.IGNORECASE)


# A sentence that introduces a list ("... has three priorities:", "Sanctions included"), and the lines after it
# that are its items: up to this many, each at most this many words (a longer line is prose again).
_LEAD_IN = re.compile(r"(?::|\b(?:include[sd]?|including|as follows|the following))\s*$", re.IGNORECASE)
_LINE = re.compile(r"\n([^\n]*)")
_ITEM_SEPARATOR = re.compile(r"\s*\t+\s*(?:[▪•\uf06e\uf0a7\uf0b7-]\s*\t*\s*)?")
LIST_ITEMS = 8
LIST_ITEM_WORDS = 12

# A part of a question is answered by a sentence scoring at least this share of the best one's: 0.5, 0.6
# and 0.7 tried on every question set run before (bench/ANSWERS.md), the lowest helped most, none hurt.
PART_FLOOR = 0.5

# Context sentences, down to this share of the best sentence's score, are shown beside those the answer stands on
# (down to `keep_ratio`, 0.8), and the answer is judged on the latter only. 0.7 over every question set: key facts
# 0.658 -> 0.681, the same refusals, answers 75 -> 88 words; held out (fresh33, fresh34) 0.609 -> 0.628 and 0.628 ->
# 0.667, the same refusals (bench/ANSWERS.md, session 29). A length budget as much as a tuned number: lower ratios
# hold more key facts in longer answers, and nothing in the measure weighs length.
CONTEXT_RATIO = 0.7


class BuiltinAnswerer:
    """Extractive answers: 1-5 sentences copied from the passages, each with its marker."""

    name = "builtin"

    def __init__(self, *, max_sentences: int = 5, max_words: int = 160, keep_ratio: float = 0.8,
                 context_ratio: float | None = CONTEXT_RATIO) -> None:
        self.max_sentences = max_sentences
        self.max_words = max_words
        self.keep_ratio = keep_ratio
        self.context_ratio = context_ratio  # None: no context sentences (see CONTEXT_RATIO and `grounds`)

    def standalone(self, question: str, history: Sequence[Turn]) -> str:
        return rewrite_followup(question, history)

    def compose(self, question: QuestionProfile, sources: Sequence[Source], ranked: Sequence[ScoredUnit]) -> Draft:
        return self._draft(question, ranked, self.context_ratio or self.keep_ratio)

    def grounds(self, question: QuestionProfile, sources: Sequence[Source],
                ranked: Sequence[ScoredUnit]) -> Draft | None:
        """The narrower answer the composed one stands on, when context sentences widen it (else None): a
        context sentence from another passage must not supply the date or place a question takes for granted."""
        if self.context_ratio is None or self.context_ratio >= self.keep_ratio:
            return None
        return self._draft(question, ranked, self.keep_ratio)

    def _draft(self, question: QuestionProfile, ranked: Sequence[ScoredUnit], keep_ratio: float) -> Draft:
        chosen = self.select(question, ranked, keep_ratio=keep_ratio)
        if not chosen:
            return Draft(text="", supported=False)
        order = _reading_order(chosen)
        sentences = [_with_marker(focus_row(s.unit.text, question.text) if s.unit.kind == "row" else s.unit.text,
                                  s.source.n) for s in order]
        quotes: dict[int, list[str]] = {}
        for s in order:
            quotes.setdefault(s.source.n, []).append(s.unit.quote)
        return Draft(text=" ".join(sentences), supported=True, quotes=quotes)

    def stream(self, question: QuestionProfile, sources: Sequence[Source],
               ranked: Sequence[ScoredUnit]) -> Iterator[str]:
        draft = self.compose(question, sources, ranked)
        for i, sentence in enumerate(_split_answer(draft.text)):
            yield sentence if i == 0 else " " + sentence

    def select(self, question: QuestionProfile, ranked: Sequence[ScoredUnit], *,
               keep_ratio: float | None = None) -> list[ScoredUnit]:
        """The best sentence, then others that nearly match it (`keep_ratio` of its score)."""
        if not ranked:
            return []
        keep_ratio = keep_ratio or self.keep_ratio
        best = ranked[0]
        chosen = [best]
        # The figure asked for is often stated in the sentence right after the one that best matches the
        # question ("... a temp to perm project is in progress. Seventeen meetings have taken place ...").
        chosen += [c for c in ranked if c.kinds and c.source.n == best.source.n and c.score >= best.score * 0.55
                   and c.unit.position == best.unit.position + 1][:1]
        words = sum(_word_count(c.unit.text) for c in chosen)
        floor = best.score * keep_ratio
        # Places are kept free for what the helpers below add: the other sides of a comparison (one each),
        # else the figure asked for.
        sides = len(question.names) if len(question.names) >= 2 else len(question.years)
        reserved = max(1, sides - 1)
        # Every sentence scoring nearly as well as the best, whether or not it brings a word the others lack: a
        # rival passage's sentence is often the answer the best one only approaches (a budget table's row beside
        # the narrative on the same service), and requiring something new cost key facts (bench/ANSWERS.md,
        # session 30).
        for cand in ranked[1:]:
            if len(chosen) >= self.max_sentences - reserved or cand.score < floor:
                break
            if cand in chosen or _duplicate(cand, chosen) or words + _word_count(cand.unit.text) > self.max_words:
                continue
            chosen.append(cand)
            words += _word_count(cand.unit.text)
        # Every side of a comparison first, then the figure asked for, then context for the best sentence.
        words += self._cover_sides(question, ranked, chosen, words)
        words += self._cover_parts(question, ranked, chosen, words)
        kinds = set().union(*(c.kinds for c in chosen))
        for kind in question.asks:
            if kind not in kinds and len(chosen) < self.max_sentences:
                added = self._add_asked(kind, ranked, chosen)
                if added is not None:
                    kinds |= added.kinds
                    words += _word_count(added.unit.text)
        words += self._add_neighbours(ranked, chosen, words, keep_ratio)
        self._add_followers(question, ranked, chosen)
        self._add_antecedents(ranked, chosen)
        listed = [_with_list(c) for c in chosen]
        lists = [new for old, new in zip(chosen, listed, strict=True) if new is not old]
        # An item chosen on its own is now inside its list's sentence.
        chosen[:] = [c for c in listed if c in lists or not any(
            o.source.n == c.source.n and o.unit.start <= c.unit.start and c.unit.end <= o.unit.end for o in lists)]
        return chosen

    def _add_asked(self, kind: str, ranked: Sequence[ScoredUnit], chosen: list[ScoredUnit]) -> ScoredUnit | None:
        """The figure asked for is often in the sentence just after the best one, or close behind it."""
        best = chosen[0]
        near = [c for c in ranked if kind in c.kinds and c.source.n == best.source.n
                and 0 < abs(c.unit.position - best.unit.position) <= 2 and c.score >= best.score * 0.5]
        anywhere = [c for c in ranked if kind in c.kinds and c.score >= best.score * 0.7]
        for cand in near[:1] or anywhere[:1]:
            if cand not in chosen and not _duplicate(cand, chosen):
                chosen.append(cand)
                return cand
        return None

    def _add_neighbours(self, ranked: Sequence[ScoredUnit], chosen: list[ScoredUnit], words: int,
                        keep_ratio: float) -> int:
        """Strong sentences near the best one (up to three sentences away): a paragraph often states a finding
        over several sentences, the weakness itself after the context that introduces it (bench/answers.py on
        both dev sets: key-fact recall 0.73 with a reach of 2, 0.75 with 3 or 4; one question changed)."""
        best = chosen[0]
        added = 0
        for cand in ranked:
            if len(chosen) >= self.max_sentences or cand.score < best.score * keep_ratio * 0.9:
                break
            if (cand.source.n == best.source.n and 0 < abs(cand.unit.position - best.unit.position) <= 3
                    and cand not in chosen and not _duplicate(cand, chosen)
                    and words + added + _word_count(cand.unit.text) <= self.max_words):
                chosen.append(cand)
                added += _word_count(cand.unit.text)
        return added

    def _add_antecedents(self, ranked: Sequence[ScoredUnit], chosen: list[ScoredUnit]) -> None:
        """The sentence before one that points back to it ("BCC has issued a section 114 notice ..." before
        "Despite these challenges, ... frontline services protected"). With no room left it takes the place
        of the weakest sentence that is neither the best, nor pointing back, nor an antecedent itself: an
        answer whose sentence refers to nothing reads wrongly."""
        pointing = [c for c in chosen if _POINTS_BACK.match(c.unit.text)]
        kept = {id(chosen[0]), *(id(c) for c in pointing)}
        for current in sorted(pointing, key=lambda c: c.score, reverse=True):
            before = next((c for c in ranked if c.source.n == current.source.n
                           and c.unit.position == current.unit.position - 1), None)
            if before is None or before in chosen:
                continue
            if len(chosen) >= self.max_sentences:
                spare = [c for c in chosen if id(c) not in kept]
                if not spare:
                    return
                chosen.remove(min(spare, key=lambda c: c.score))
            chosen.append(before)
            kept.add(id(before))

    def _add_followers(self, question: QuestionProfile, ranked: Sequence[ScoredUnit],
                       chosen: list[ScoredUnit]) -> None:
        """The next sentence, after one that records a question in minutes ("Cllr Marsh asked what would
        happen if ...") or only echoes the question ("The previous inspection was in September 2012")."""
        asked = set(question.terms)
        for current in list(chosen):
            if len(chosen) >= self.max_sentences:
                return
            echo = len(set(stems(current.unit.text)) - asked) <= 2 and not current.kinds
            if not (echo or _REPORTS_QUESTION.search(current.unit.text)):
                continue
            follower = next((c for c in ranked if c.source.n == current.source.n
                             and c.unit.position == current.unit.position + 1), None)
            if follower is not None and follower not in chosen:
                chosen.append(follower)

    def _cover_parts(self, question: QuestionProfile, ranked: Sequence[ScoredUnit],
                     chosen: list[ScoredUnit], words: int) -> int:
        """A question asked in parts ("what share ..., and how many ...") needs a sentence for each part: one
        holding a word only that part uses and, when the part asks for a figure or a date, giving it."""
        parts = [profile(p) for p in question_parts(question.text)]
        added = 0
        for i, part in enumerate(parts):
            others = set().union(*(set(p.terms) for j, p in enumerate(parts) if j != i))
            own = set(part.terms) - others
            wanted = set(part.asks)

            def covers(c: ScoredUnit, own: set[str] = own, wanted: set[str] = wanted) -> bool:
                return bool(c.terms & own) and (not wanted or bool(c.kinds & wanted))

            if not own or any(covers(c) for c in chosen) or len(chosen) >= self.max_sentences:
                continue
            floor = chosen[0].score * PART_FLOOR
            cands = [c for c in ranked if c.score >= floor and covers(c) and c not in chosen
                     and not _duplicate(c, chosen)]
            best = max(cands, key=lambda c: (len(c.terms & own), c.score), default=None)
            if best is not None and words + added + _word_count(best.unit.text) <= self.max_words * 1.3:
                chosen.append(best)
                added += _word_count(best.unit.text)
        return added

    def _cover_sides(self, question: QuestionProfile, ranked: Sequence[ScoredUnit],
                     chosen: list[ScoredUnit], words: int) -> int:
        """A comparison needs a sentence about each side it names, each place ("Staffordshire ... Devon")
        and each year ("between the 2016 and the 2023 inspections"), one that gives the figure or grade
        when the question asks for one."""
        sides: list[Callable[[ScoredUnit], bool]] = []
        if len(question.names) >= 2:
            sides += [functools.partial(_mentions, name=name) for name in question.names]
        if len(question.years) >= 2:
            sides += [functools.partial(_of_year, year=year) for year in sorted(question.years)]
        needs_kind = bool(set(question.asks) & REQUIRED_KINDS)
        added = 0
        for side in sides:
            about = [c for c in chosen if side(c)]
            if len(chosen) >= self.max_sentences or (about and (not needs_kind or any(c.kinds for c in about))):
                continue
            best = _best_about(ranked, chosen, side)
            if best is None or (about and not best.kinds):
                continue  # nothing about this side, or nothing better than what is there gives the figure
            if words + added + _word_count(best.unit.text) <= self.max_words * 1.3:
                chosen.append(best)
                added += _word_count(best.unit.text)
        return added


def _with_list(scored: ScoredUnit) -> ScoredUnit:
    """A sentence that introduces a list ("The plan has three priorities:", "Sanctions included") with the list's
    items, when its passage prints them as short lines after it: items of a word or two are no units of their own
    (too short to score), and the lead-in says nothing without them."""
    unit, text = scored.unit, scored.source.chunk.text
    if not _LEAD_IN.search(unit.quote):  # a unit ends where its line does, so the items are the lines after it
        return scored
    items: list[str] = []
    end = unit.end
    for match in _LINE.finditer(text, unit.end):
        item = _ITEM_SEPARATOR.sub("; ", match.group(1)).strip(" ;-–•▪\uf06e\uf0a7\uf0b7")
        if not item or _word_count(item) > LIST_ITEM_WORDS or len(items) == LIST_ITEMS:
            break
        items.append(item.rstrip("."))
        end = match.end(1)
    if not items:
        return scored
    listed = replace(unit, text=f"{unit.text.rstrip(' :')}: {'; '.join(items)}", quote=text[unit.start:end], end=end)
    return replace(scored, unit=listed)


def _best_about(ranked: Sequence[ScoredUnit], chosen: list[ScoredUnit],
                about: Callable[[ScoredUnit], bool]) -> ScoredUnit | None:
    """The strongest sentence about one side of a comparison (a year, a place) not yet chosen, preferring
    one that states the figure or grade asked for; None when none scores within 60% of the best."""
    floor = chosen[0].score * 0.6
    cands = [c for c in ranked if c.score >= floor and about(c) and c not in chosen and not _duplicate(c, chosen)]
    return max(cands, key=lambda c: (bool(c.kinds), c.score), default=None)


def _mentions(scored: ScoredUnit, name: str) -> bool:
    chunk = scored.source.chunk
    haystack = " ".join((scored.unit.text, chunk.report_title, chunk.council, chunk.committee, chunk.file_name))
    return name.casefold() in haystack.casefold()


def _of_year(scored: ScoredUnit, year: int) -> bool:
    """A sentence naming the year, or from a paper of that year or the next (which reports on it)."""
    if year in years_in(scored.unit.text):
        return True
    return bool(years_in(scored.source.chunk.meeting_date) & {year, year + 1})


def _reading_order(chosen: list[ScoredUnit]) -> list[ScoredUnit]:
    """Group by document (best-scoring document first), then in the order the papers print them."""
    doc_rank: dict[str, int] = {}
    for s in chosen:
        doc_rank.setdefault(s.source.chunk.document_id, len(doc_rank))
    return sorted(chosen, key=lambda s: (doc_rank[s.source.chunk.document_id], s.source.chunk.ordinal,
                                         s.source.chunk.char_start, s.unit.start))


def _with_marker(text: str, n: int) -> str:
    text = text.strip()
    if text.endswith(":"):
        text = text[:-1].rstrip()
    if text and text[-1] in ".!?":
        return f"{text[:-1]} [{n}]{text[-1]}"
    return f"{text} [{n}]."


def _split_answer(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=\]\.)\s+|(?<=\]!)\s+|(?<=\]\?)\s+", text) if s]


def _duplicate(cand: ScoredUnit, chosen: Sequence[ScoredUnit]) -> bool:
    """Whether a chosen sentence already says this: nearly the same words and the same figures and grades.
    Two rows alike but for their grade ("care leavers (Grade: Good)", "... (Grade: Inadequate)") differ."""
    words = set(_WORDS.findall(cand.unit.text.lower()))
    values = _values(cand.unit.text)
    for c in chosen:
        other = set(_WORDS.findall(c.unit.text.lower()))
        if c.unit.text == cand.unit.text or (words and len(words & other) / len(words | other) > 0.6
                                             and _values(c.unit.text) == values):
            return True
    return False


def _values(text: str) -> set[str]:
    """The figures and grades a sentence states."""
    return {f.text for f in find_figures(text)} | {g.lower() for g in GRADE_WORD.findall(text)}


def _word_count(text: str) -> int:
    return len(text.split())
