"""Briefing notes (issue 13 §2): what the papers say about a topic, across papers and meetings, every
sentence cited.

A topic is rarely one passage. Councils publish it as an officer's report with appendices, the minutes
that record what was decided, and later reports that come back to it, so the note gathers in the same
shape: the topic itself, then its money, decisions and dates, then every paper of the meetings that
considered it (report, appendix, minutes), then the decision records and minutes of the same council.
Gathered passages are numbered as sources; a writer turns them into sections whose sentences cite them.

Writers: the built-in one (offline) picks sentences from the passages; an LLM writer may write the prose
from the same numbered evidence. Either way the same checks follow (`_finalise`): every sentence must cite
a gathered passage, every figure in it must be printed in a passage it cites, or the sentence is dropped
and reported in `flagged`. Markers are renumbered 1..m by first use, and only cited passages are listed.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Protocol

from assistant.access import LOCAL_ROLE, Role, scoped
from assistant.briefing_conflicts import FigureConflict, find_conflicts, row_amounts, stated_figures
from assistant.figures import FIGURE
from assistant.mentions import haystack, mentions
from assistant.output import citation_json
from assistant.question import GENERIC_STEMS, QuestionProfile, profile, stems
from assistant.scope import councils_named, passage_in_scope, speaking_for
from assistant.scoring import CONTACT, GRADE_WORD, ScoredUnit, looks_like_heading
from assistant.types import Citation, FlaggedSentence, Source
from assistant.verify import check_figures
from ingest.dates import MONTHS, to_iso
from ingest.gazetteer import gazetteer
from ingest.models import Chunk, human_date
from ingest.units import clean
from vectorstore.filters import SearchFilters
from vectorstore.search import SearchHit

if TYPE_CHECKING:
    from assistant.service import Assistant

SUMMARY, FACTS, DECISIONS, COMMITMENTS, TIMELINE = (
    "Summary", "Key facts and figures", "Decisions taken", "Commitments and their status", "Timeline")
HEADINGS = (SUMMARY, FACTS, DECISIONS, COMMITMENTS, TIMELINE)
# Facets a briefing covers, as extra searches: words councils print beside money, decisions and dates.
FACETS = ("cost budget funding savings total £", "resolved agreed approved decision recommendation",
          "timetable date deadline by milestone")
TOPIC_HITS, FACET_HITS, MEETING_HITS, MAX_MEETINGS = 16, 8, 6, 4
MAX_PLACES = 3  # places searched for each part of a topic naming several
# The best-matching papers are read further (their topic and money passages): chosen on the first eight topics
# (key-fact recall 0.37 -> 0.43; 6 papers x 15 passages gave 0.38), checked on the second set (bench/BRIEFING.md).
PAPERS, PAPER_HITS = 4, 10
# A section of one of those papers that the searches found this many times is read whole, up to SECTION_PASSAGES
# passages (briefing sets a-g, bench/BRIEFING.md, session 34: 3 and 2 within a fact of each other; counting each
# passage once did worse).
SECTION_HITS, SECTION_PASSAGES = 3, 30
MIN_TOPIC_SHARE = 0.5  # share of the topic's words a passage (with its titles) must contain
MIN_RELATIVE_SCORE = 0.35  # a sentence scoring under this share of the best one is left out
LIMITS = {SUMMARY: 5, FACTS: 15, DECISIONS: 8, COMMITMENTS: 10, TIMELINE: 10}
PER_PART = 2  # figures each listed part of a topic gets first
MIN_FINDING_WORDS = 8  # words of a finding stated in words (shorter is a label or a fragment)
PER_DOCUMENT = 2  # sentences per paper in the summary, so the note reads across papers
NO_COMMITMENTS = "No commitments are recorded in the papers found."
EMPTY = {SUMMARY: "The papers found say nothing about this topic.",
         FACTS: "No facts or figures on this topic were found in the papers.",
         DECISIONS: "No decision on this topic was found in the minutes or decision records gathered.",
         COMMITMENTS: NO_COMMITMENTS, TIMELINE: "No dated entries were found."}
_DECISION = re.compile(r"\b(?:RESOLVED|AGREED|APPROVED|DECIDED|decision taken)\b|\bwas (?:agreed|resolved|approved)\b")
_POINTER = re.compile(r"\(Pages? \d+(?:\s*-\s*\d+)?\)", re.IGNORECASE)
_FUTURE = re.compile(r"\b(?:will|by|due|expected|planned|scheduled|to be|target|from)\b", re.IGNORECASE)
_JUDGED = re.compile(r"\b(?:judged|judgements?|graded|rated|rating|overall effectiveness)\b", re.IGNORECASE)
_MONTH_YEAR = re.compile(rf"\b({'|'.join(sorted(MONTHS, key=len, reverse=True))})\.?,? ((?:19|20)\d\d)\b", re.I)


# ---- what a note is ---------------------------------------------------------------------------------


@dataclass
class BriefSentence:
    text: str
    markers: list[int] = field(default_factory=list)

    def with_markers(self) -> str:
        """The sentence as read: markers after it, unless the text places them itself (a conflict's values)."""
        if all(f"[{m}]" in self.text for m in self.markers):
            return self.text
        return f"{self.text} {''.join(f'[{m}]' for m in self.markers)}".strip()


@dataclass
class BriefSection:
    heading: str
    sentences: list[BriefSentence] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # messages from the system, not claims: no markers


def source_json(source: Citation) -> dict[str, Any]:
    """A numbered source as the briefing's JSON lists it: the citation fields, its quote and passage id."""
    data = citation_json(source.chunk, source.paragraph)
    data.update(label=source.label)
    return {"n": source.n, **data, "quote": source.quote, "chunk_id": source.chunk.chunk_id}


@dataclass
class BriefConflict:
    about: str
    values: list[tuple[str, int]]  # (value as printed, source n)
    rounding: bool = False

    def to_json(self) -> dict[str, Any]:
        return {"about": self.about, "values": [{"value": v, "n": n} for v, n in self.values],
                "rounding": self.rounding}


@dataclass
class Briefing:
    topic: str
    drafted: str  # ISO date
    filters: dict[str, str]
    sections: list[BriefSection]
    sources: list[Citation]
    conflicts: list[BriefConflict] = field(default_factory=list)
    flagged: list[FlaggedSentence] = field(default_factory=list)  # dropped: a figure not in its cited passage
    timings_ms: dict[str, float] = field(default_factory=dict)
    writer: str = "builtin"

    def text(self) -> str:
        """Every sentence of the note with its markers, section by section (no headings)."""
        return "\n".join(s.with_markers() for sec in self.sections for s in sec.sentences)

    def to_json(self) -> dict[str, Any]:
        return {
            "topic": self.topic, "drafted": self.drafted, "filters": self.filters, "writer": self.writer,
            "sections": [{"heading": sec.heading, "sentences": [{"text": s.text, "markers": s.markers}
                                                                for s in sec.sentences], "notes": sec.notes}
                         for sec in self.sections],
            "sources": [source_json(s) for s in self.sources],
            "conflicts": [c.to_json() for c in self.conflicts],
            "flagged": [{"sentence": f.sentence, "figures": f.figures, "reason": f.reason} for f in self.flagged],
        }


class CommitmentLike(Protocol):
    """A register item as the note needs it (assistant.register.RegisterItem fits)."""

    @property
    def text(self) -> str: ...
    @property
    def status(self) -> str: ...  # open | due | reported
    @property
    def due(self) -> str: ...
    @property
    def chunk(self) -> Chunk: ...


@dataclass(frozen=True)
class BriefCommitment:
    """A commitment handed to the note directly (tests, or a register other than the built-in one)."""

    text: str
    status: str
    due: str
    chunk: Chunk
    kind: str = "commitment"
    follow_ups: tuple[Any, ...] = ()  # objects with `.chunk` (and `.quote`): later papers reporting on it


# ---- evidence -----------------------------------------------------------------------------------------


@dataclass
class Evidence:
    """The gathered, numbered passages and their on-topic sentences, best first: what any writer writes from."""

    topic: str
    question: QuestionProfile
    sources: list[Source]  # numbered 1..n in the order gathered
    ranked: list[ScoredUnit]  # every sentence of the on-topic passages, best first

    @property
    def strong(self) -> list[ScoredUnit]:
        """The sentences that speak to the topic itself, for the summary and the timeline (facts, decisions and
        conflicts read every sentence of an on-topic passage: a cost is rarely phrased like its topic)."""
        return [s for s in self.ranked if s.score >= MIN_RELATIVE_SCORE * self.best_score]
    commitments: list[CommitmentLike]
    conflicts: list[FigureConflict]
    best_score: float = 0.0
    by_part: list[list[ScoredUnit]] = field(default_factory=list)  # the same sentences ranked for each listed part

    def source_of(self, chunk: Chunk) -> Source | None:
        return next((s for s in self.sources if s.chunk.chunk_id == chunk.chunk_id), None)


@dataclass
class Claim:
    """A sentence before numbering: its text and the sources (evidence numbering) it cites, with quotes."""

    text: str
    cites: list[int]
    quotes: dict[int, str] = field(default_factory=dict)


@dataclass
class Draft:
    sections: list[tuple[str, list[Claim], list[str]]]  # heading, claims, notes
    conflicts: list[FigureConflict] = field(default_factory=list)


class BriefingWriter(Protocol):
    name: str

    def write(self, evidence: Evidence) -> Draft: ...


def gather(assistant: Assistant, topic: str, filters: SearchFilters | None = None, *,
           role: Role = LOCAL_ROLE, commitments: Sequence[CommitmentLike] | None = None) -> Evidence:
    """Search the topic, its facets and the papers of the meetings that considered it; keep what is on topic."""
    scope = scoped(filters, role) or SearchFilters()
    search = assistant.searcher.search
    first = search(topic, TOPIC_HITS, scope)
    hits: list[SearchHit] = list(first)
    for facet in FACETS:
        hits += search(f"{topic} {facet}", FACET_HITS, scope)
    # Every paper of the meetings that considered the topic: the report, its appendices, the minutes.
    meetings = list(dict.fromkeys((h.chunk.council, h.chunk.meeting_date) for h in first if h.chunk.meeting_date))
    for council, date in meetings[:MAX_MEETINGS]:
        hits += search(topic, MEETING_HITS, replace(scope, council=council or None, date_from=date, date_to=date))
    # A report is about its topic throughout: its figures sit in tables and sections the topic's words miss.
    # Its first page states what it is and what it found: an inspection's dates and judgement table, a
    # report's summary and recommendations.
    papers = list(dict.fromkeys(h.chunk.document_id for h in first))[:PAPERS]
    for doc in papers:
        for query in (topic, f"{topic} {FACETS[0]}"):
            hits += search(query, PAPER_HITS, replace(scope, document_id=doc))
        hits += [SearchHit(c, 0.0) for c in assistant.searcher.store.paper_chunks(doc, first_page=True)
                 if _passes(c, scope)]
    # A report's section on the topic is read whole: its figures and findings sit in passages whose words
    # the topic's search misses (a performance report's "Public Health" pages, an inspector's "Waste" issue).
    for doc in papers:
        hits += _sections_read_whole(assistant, doc, hits, scope)
    # What was decided and reported back at other meetings of the same councils.
    for council in dict.fromkeys(h.chunk.council for h in first[:5] if h.chunk.council):
        for doc_type in ("minutes", "decision"):
            hits += search(topic, MEETING_HITS, replace(scope, council=council, doc_type=doc_type))
    # A topic often lists its parts ("WPL: cost, timetable and the Nottingham comparison"): each is searched,
    # with the topic's names (each place in turn, as a topic naming several councils is about each), and a
    # passage on any part is on topic.
    question = profile(topic)
    places = places_named(topic)
    subjects = [n for n in question.names if not any(n in p or p in n for p in places)]
    names = list(dict.fromkeys([*question.names, *places]))
    parts = topic_parts(topic, question)
    for part in parts:
        for place in places[:MAX_PLACES] or [""]:
            missing = [n for n in subjects[:2] if n.casefold() not in part.casefold()]
            hits += search(" ".join(w for w in (*missing, place, part) if w), FACET_HITS, scope)
    part_profiles = [profile(p) for p in parts]
    sources = _number(hits, [(question, names), *((q, part_names(p, parts, names, places))
                                                   for p, q in zip(parts, part_profiles, strict=True))], places)
    with assistant._lock:  # the scorer's sentence cache and the embedding model are shared
        ranked = assistant.scorer.score(question, sources)
        by_part = [assistant.scorer.score(p, sources) for p in part_profiles]
    # A topic naming a council is about that council: another council's paper speaks for it only where it
    # names it (assistant.scope, as answers are held). "Bristol's Ofsted inspection" is not Birmingham's.
    councils = councils_named(topic)
    ranked = speaking_for(councils, ranked)
    by_part = [speaking_for(councils, r) for r in by_part]
    if commitments is None:
        commitments = assistant.register.items(role=role)
    on_topic_ids = {s.chunk.chunk_id for s in sources}
    chosen = [c for c in commitments if _passes(c.chunk, scope) and passage_in_scope(councils, c.chunk, c.text)
              and (c.chunk.chunk_id in on_topic_ids or on_topic(c.chunk, question, names, places))
              and _mentions_topic(c, question, places)]
    best = ranked[0].score if ranked else 0.0
    evidence = Evidence(topic, question, sources, ranked, chosen, [], best, by_part)
    evidence.conflicts = topic_conflicts(evidence)
    return evidence


def topic_conflicts(evidence: Evidence) -> list[FigureConflict]:
    """Figures printed differently among the sentences that speak to the topic (`Evidence.strong`): a section
    read whole brings whole tables whose unrelated percentages would otherwise "conflict" (sets a-g: 133
    conflicts in notes -> 44, gold conflicts found 4 -> 2 of 28; bench/BRIEFING.md, session 34)."""
    return find_conflicts(((s.unit, s.source.chunk) for s in evidence.strong), ignore=set(evidence.question.terms))


def _sections_read_whole(assistant: Assistant, doc: str, hits: Sequence[SearchHit],
                         scope: SearchFilters) -> list[SearchHit]:
    """Every passage of the sections of paper `doc` that the searches so far found SECTION_HITS times (a passage
    found by two searches counts twice: the topic's words, its money and its dates all lead there)."""
    found = Counter(h.chunk.section for h in hits if h.chunk.document_id == doc and h.chunk.section)
    wanted = {section for section, n in found.items() if n >= SECTION_HITS}
    if not wanted:
        return []
    chunks = [c for c in assistant.searcher.store.paper_chunks(doc) if c.section in wanted and _passes(c, scope)]
    return [SearchHit(c, 0.0) for c in chunks[:SECTION_PASSAGES]]


def _passes(chunk: Chunk, filters: SearchFilters) -> bool:
    """The caller's filters, applied to a register item's passage as retrieval applies them to a search."""
    if any(getattr(chunk, f, "").casefold() != v.casefold() for f, v in filters.equalities().items()):
        return False
    if filters.public_only and chunk.access == "exempt":
        return False
    date = chunk.meeting_date
    if filters.date_from and (not date or date < filters.date_from):
        return False
    return not (filters.date_to and (not date or date > filters.date_to))


def places_named(topic: str) -> list[str]:
    """The councils and places a topic names, as printed ("Wolverhampton", "Southend-on-Sea City Council"), read
    with the gazetteer: where the topic is, not what it is about. A topic's first word may be one ("Knowsley
    Council's children's services"), which a question's proper names leave out."""
    found: dict[str, str] = {}
    for m in gazetteer().place_matches(topic):
        printed = m.group(0)
        body = gazetteer().body_of(printed)
        if printed[:1].isupper() and body is not None:
            found.setdefault(body.name, printed)
    return list(found.values())


def topic_parts(topic: str, question: QuestionProfile) -> list[str]:
    """The aspects a topic lists, as printed: "Kent's finances: savings and capital" -> ["savings", "capital"].
    A piece naming only the topic's names, a period or generic words ("Southend-on-Sea City Council",
    "October 2024") is where or when, not a part. A one-part topic has none."""
    pieces = [p.strip() for p in re.split(r"[:;,()]|\band\b|\bvs?\.?\b", topic) if p.strip()]
    names = set(stems(" ".join([*question.names, *places_named(topic)])))
    parts = []
    for piece in pieces:
        own = [t for t in stems(piece) if t not in GENERIC_STEMS and t not in names and t not in _PERIOD_STEMS
               and not t.isdigit()]
        if own and _key(piece) != _key(topic):
            parts.append(piece)
    return parts if len(parts) > 1 else []


def part_names(part: str, parts: Sequence[str], names: Sequence[str], places: Sequence[str]) -> list[str]:
    """The names a passage on one listed part must name: the part's own ("including the Mockingbird model"),
    the topic's places, and the names no part prints (the topic's subject, "Bristol's Workplace Parking
    Levy: cost, timetable"). A name printed only in another part is that part's: a passage on "recruiting
    foster carers" need not name the Mockingbird model listed beside it."""
    def printed(name: str, text: str) -> bool:
        return name.casefold() in text.casefold()
    return [n for n in names if printed(n, part) or n in places or not any(printed(n, p) for p in parts)]


def _number(hits: Sequence[SearchHit], questions: Sequence[tuple[QuestionProfile, Sequence[str]]],
            places: Sequence[str]) -> list[Source]:
    """On-topic passages, first found first, each once (a reprint in another paper of the meeting is a copy).
    `questions`: the topic and each listed part, with the names a passage on it must name."""
    seen: dict[str, Source] = {}
    by_words: dict[str, Source] = {}
    for hit in hits:
        chunk = hit.chunk
        if chunk.chunk_id in seen or not any(on_topic(chunk, q, names, places) for q, names in questions):
            continue
        words = " ".join(re.findall(r"\w+", chunk.text.casefold()))
        if len(words) > 40 and words in by_words:
            by_words[words].copies.append(chunk)
            continue
        source = Source(len(seen) + 1, chunk, hit.score, list(hit.merged_chunk_ids), list(hit.copies))
        seen[chunk.chunk_id] = by_words[words] = source
    return list(seen.values())


def on_topic(chunk: Chunk, question: QuestionProfile, names: Sequence[str], places: Sequence[str] = ()) -> bool:
    """The passage, read with its report title, section and meeting, names one of the topic's `names` and half
    its words (the `places` it names counting as one). Searching for facets ("... decision") brings back other
    items of the same minutes: this drops them."""
    text = haystack([chunk])
    if names and not any(mentions(n, text, [chunk]) for n in names):
        return False
    return _about_topic(text, question, places=places)


def _mentions_topic(item: CommitmentLike, question: QuestionProfile, places: Sequence[str] = ()) -> bool:
    """An item of an on-topic passage that itself speaks of the topic (a decision record or minute can
    print several items in one passage): half the topic's words in the item and its heading, or one in the
    item itself."""
    return (_about_topic(f"{item.text} {item.chunk.section}", question, places=places)
            or _about_topic(item.text, question, 0.0, places))


def _about_topic(text: str, question: QuestionProfile, share: float = MIN_TOPIC_SHARE,
                 places: Sequence[str] = ()) -> bool:
    """Whether `text` has `share` of the topic's words. The places a topic names count as one word, had
    when any is: a passage on Wolverhampton's findings does not name Knowsley, compared beside it."""
    place_stems = [{t for t in stems(p) if t not in GENERIC_STEMS} for p in places]
    terms = [t for t in question.terms if t not in GENERIC_STEMS and not any(t in p for p in place_stems)]
    present = set(stems(text))
    found, wanted = sum(1 for t in terms if t in present), len(terms)
    if places:
        found += any(p <= present for p in place_stems)
        wanted += 1
    return not wanted or found >= max(1, share * wanted)


_PERIOD_STEMS = frozenset(stems(" ".join(MONTHS)))


# ---- the built-in writer --------------------------------------------------------------------------------


class BuiltinBriefingWriter:
    """Extractive: each section is the best sentences of the gathered passages for what it is about."""

    name = "builtin"

    def write(self, evidence: Evidence) -> Draft:
        used: set[str] = set()
        summary = self._summary(evidence, used)
        facts = self._facts(evidence, used)
        facts += conflict_claims(evidence)
        decisions = self._decisions(evidence, used)
        commitments = register_claims(evidence)
        timeline = self._timeline(evidence, used)
        sections: list[tuple[str, list[Claim]]] = [(SUMMARY, summary), (FACTS, facts), (DECISIONS, decisions),
                                                   (COMMITMENTS, commitments), (TIMELINE, timeline)]
        return Draft([(h, claims, [] if claims else [EMPTY[h]]) for h, claims in sections], evidence.conflicts)

    def _summary(self, ev: Evidence, used: set[str]) -> list[Claim]:
        """The best statements on the topic, at most PER_DOCUMENT a paper so the note reads across papers; each
        part the topic lists ("the judgement, the thresholds document and what must improve") first gets its own
        best statement, from whichever paper gives it."""
        per_doc: dict[str, int] = {}
        claims: list[Claim] = []
        strong = ev.strong
        for ranking, wanted in [*((r, 1) for r in ev.by_part), (strong, LIMITS[SUMMARY])]:
            capped, taken = ranking is strong, 0
            for s in ranking:
                if taken >= wanted:
                    break
                doc = s.source.chunk.document_id
                if s.unit.kind == "row" or len(s.unit.text.split()) < 8 or not _statement(s.unit.text):
                    continue
                if (capped and per_doc.get(doc, 0) >= PER_DOCUMENT) or _key(s.unit.text) in used:
                    continue
                per_doc[doc] = per_doc.get(doc, 0) + capped  # a part's own statement is over and above
                claims.append(_claim(s, used))
                taken += 1
        return claims

    def _facts(self, ev: Evidence, used: set[str]) -> list[Claim]:
        """Sentences and table rows stating amounts; money and percentages first among equals, since a
        bare count in a list ("items 17, 18, 19") is more often a reference than a fact. Each part the topic
        lists gets its best figures first ("cost, timetable and the Nottingham comparison"). Where the papers
        give fewer figures than the section holds, their best findings in words fill it ("the Restorative
        Practice model ... is not clearly identifiable in the work of most social workers"): a topic about
        practice is reported in words, and a figure is never displaced by one."""
        claims: list[Claim] = []
        figures_seen: set[str] = set()
        rankings = [*((r, PER_PART) for r in ev.by_part), (ev.ranked, LIMITS[FACTS])]
        for ranking, wanted in rankings:
            taken = 0
            for s, figs in self._fact_sentences(ranking, used):
                if len(claims) >= LIMITS[FACTS] or taken >= wanted:
                    break
                if figs <= figures_seen or _key(s.unit.text) in used:
                    continue
                figures_seen |= figs
                claims.append(_claim(s, used))
                taken += 1
        return claims

    @staticmethod
    def _fact_sentences(ranking: list[ScoredUnit], used: set[str]) -> list[tuple[ScoredUnit, frozenset[str]]]:
        """Sentences stating figures, best first (weighted by kind), then those stating a finding in words."""
        candidates, findings = [], []
        for s in ranking:
            found = stated_figures(s.unit, s.source.chunk)
            cells = [] if found else row_amounts(s.unit)
            words = len(re.findall(r"[A-Za-z]{2,}", s.unit.text))
            graded = _judgement(s.unit.text, s.unit.kind)
            if words < 4 or _key(s.unit.text) in used or CONTACT.search(s.unit.text):
                continue
            if s.unit.kind != "row" and not _statement(s.unit.text):
                continue
            if not (found or cells or graded):
                if s.unit.kind != "row" and words >= MIN_FINDING_WORDS:
                    findings.append((s, frozenset({_key(s.unit.text)})))
                continue
            weight = 1.0 if graded or any(f.kind in ("money", "percent") for f in found) else 0.8
            figures = frozenset(f.text for f in found) or frozenset(cells) or frozenset({_key(s.unit.text)})
            candidates.append((s.score * weight, s, figures))
        candidates.sort(key=lambda c: c[0], reverse=True)
        return [(s, figs) for _, s, figs in candidates] + findings

    def _decisions(self, ev: Evidence, used: set[str]) -> list[Claim]:
        """Resolutions the register found at ingest in on-topic passages, and resolution sentences ("RESOLVED
        that ...") of the gathered passages it did not pick up, oldest meeting first."""
        found: list[tuple[tuple[str, int, int], Claim]] = []
        seen: set[str] = set()
        for item in ev.commitments:
            chunk = item.chunk
            if getattr(item, "kind", "") != "decision" or len(item.text.split()) < 5 or _repeats(item.text, seen):
                continue
            seen.add(_key(item.text))
            source = _source_for(ev, chunk)
            found.append(((chunk.meeting_date or "9999", chunk.ordinal, getattr(item, "start", 0)),
                          Claim(_meeting_says(chunk, item.text), [source.n], {source.n: item.text})))
        # Resolutions the register did not pick up (an unusual opener, a decision split across a page).
        for s in ev.ranked:
            if _DECISION.search(s.unit.quote) and _statement(s.unit.text) and not _repeats(s.unit.text, seen):
                seen.add(_key(s.unit.text))
                chunk = s.source.chunk
                found.append(((chunk.meeting_date or "9999", chunk.ordinal, s.unit.start),
                              Claim(_meeting_says(chunk, s.unit.text), [s.source.n], {s.source.n: s.unit.quote})))
        found.sort(key=lambda f: f[0])
        used.update(seen)
        return [c for _, c in found[: LIMITS[DECISIONS]]]

    def _timeline(self, ev: Evidence, used: set[str]) -> list[Claim]:
        """One entry per meeting that considered the topic (its best sentence), and dated milestones the
        papers print ("open as hubs in April 2025"), in date order."""
        entries: dict[str, tuple[str, Claim]] = {}
        strong = ev.strong
        # Each meeting's (or inspection's) entry is its best sentence that prints a date ("Inspection dates: 16 to
        # 27 January 2023", "The contract commenced on 7th July 2023"), else its best sentence.
        by_meeting: dict[str, list[ScoredUnit]] = {}
        for s in strong:  # best first
            chunk = s.source.chunk
            if chunk.meeting_date and _statement(s.unit.text) and s.unit.kind != "row":
                # committee names vary between a meeting's papers
                by_meeting.setdefault(f"{chunk.council}|{chunk.meeting_date}", []).append(s)
        for meeting, candidates in by_meeting.items():
            s = next((c for c in candidates if _printed_date(c.unit.text)), candidates[0])
            chunk = s.source.chunk
            where = ", ".join(x for x in (human_date(chunk.meeting_date), chunk.committee) if x)
            entries[meeting] = (chunk.meeting_date, Claim(f"{where}: {s.unit.text}", [s.source.n],
                                                           {s.source.n: s.unit.quote}))
        milestones = 0
        for s in strong:
            when = _printed_date(s.unit.text)
            if (not when or not _FUTURE.search(s.unit.text) or _key(s.unit.text) in entries
                    or s.unit.kind == "row" or not _statement(s.unit.text)):
                continue
            entries[_key(s.unit.text)] = (when[0], Claim(f"{when[1]}: {s.unit.text}", [s.source.n],
                                                          {s.source.n: s.unit.quote}))
            milestones += 1
            if milestones >= LIMITS[TIMELINE] // 2:
                break
        ordered = sorted(entries.values(), key=lambda e: e[0])
        return [c for _, c in ordered[: LIMITS[TIMELINE]]]


def _claim(s: ScoredUnit, used: set[str]) -> Claim:
    used.add(_key(s.unit.text))
    return Claim(s.unit.text, [s.source.n], {s.source.n: s.unit.quote})


def _key(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def _repeats(text: str, seen: set[str], share: float = 0.8) -> bool:
    """Whether `text` says what an earlier sentence said: a decision record and the minutes print the same
    resolution, with different labels around it."""
    words = set(_key(text).split())
    return any(len(words & (other := set(k.split()))) >= share * min(len(words), len(other)) for k in seen)


def _judgement(text: str, kind: str) -> bool:
    """An inspectorate's or an assessment's grade as a fact: a judgement table's row ("Overall effectiveness |
    Requires improvement to be good") or a sentence saying what was judged or rated."""
    return bool(GRADE_WORD.search(text)) and (kind == "row" or bool(_JUDGED.search(text)))


def _statement(text: str) -> bool:
    """A sentence that says something by itself: not a heading, a lead-in, a cover-sheet field or an agenda's
    pointer to a paper ("... (Pages 7 - 14)")."""
    return (not looks_like_heading(text) and not text.rstrip().endswith(":") and text.count(":") <= 1
            and not _POINTER.search(text))


def _meeting_says(chunk: Chunk, text: str) -> str:
    """'Cabinet, 11 June 2024: the Community Hubs Programme be approved.'"""
    where = ", ".join(x for x in (chunk.committee, human_date(chunk.meeting_date) if chunk.meeting_date else "") if x)
    body = clean(" ".join(text.split()))
    return f"{where}: {body}" if where else body


def _printed_date(text: str) -> tuple[str, str] | None:
    """The first day or month a sentence prints, as (ISO for sorting, as printed)."""
    for m in FIGURE.finditer(text):
        if m.lastgroup != "date":
            continue
        printed = m.group(0).strip()
        iso = to_iso(printed)
        if not iso and (my := _MONTH_YEAR.search(printed)):
            iso = f"{my.group(2)}-{MONTHS[my.group(1).lower().rstrip('.')]:02d}"
        if iso:
            return iso, printed
    return None


def _conflict_claim(conflict: FigureConflict, ev: Evidence) -> Claim:
    cites, quotes, parts = [], {}, []
    for stated in conflict.stated:
        source = ev.source_of(stated.chunk)
        n = source.n if source else 0
        cites.append(n)
        quotes[n] = stated.unit.quote
        parts.append((stated.text, n))
    listed = " and ".join(f"{value} [{n}]" for value, n in parts)
    rounding = " (one may be a rounding of the other)" if conflict.rounding else ""
    return Claim(f"The papers give different figures for {conflict.about}: {listed}{rounding}.", cites, quotes)


def _source_for(ev: Evidence, chunk: Chunk) -> Source:
    """The gathered source printing `chunk`; a register item's passage not gathered becomes a new source."""
    source = ev.source_of(chunk)
    if source is None:
        source = Source(len(ev.sources) + 1, chunk, 0.0)
        ev.sources.append(source)
    return source


def conflict_claims(ev: Evidence) -> list[Claim]:
    """One sentence per conflicting figure, citing each paper that prints a value: any writer adds these."""
    return [_conflict_claim(c, ev) for c in ev.conflicts]


def register_claims(ev: Evidence) -> list[Claim]:
    """The register's actions and commitments on the topic with their status: data, so any writer adds these
    as they are (decisions are reported from the minutes and records themselves)."""
    promises = [c for c in ev.commitments if getattr(c, "kind", "commitment") != "decision"]
    return [_commitment_claim(c, ev) for c in promises[: LIMITS[COMMITMENTS]]]


def _commitment_claim(item: CommitmentLike, ev: Evidence) -> Claim:
    source = _source_for(ev, item.chunk)
    cites, quotes = [source.n], {source.n: item.text}
    status = {"open": "open", "due": "due: its date has passed and no later paper found reports on it",
              "reported": "reported on at a later meeting"}.get(item.status, item.status)
    for follow in getattr(item, "follow_ups", ())[:2]:
        later = _source_for(ev, follow.chunk)
        cites.append(later.n)
        quotes[later.n] = getattr(follow, "quote", "")
    due = f", due {item.due}" if item.due and item.due.casefold() not in item.text.casefold() else ""
    text = clean(" ".join(item.text.split())).rstrip(" .;")
    return Claim(f"{text} (status: {status}{due}).", cites, quotes)


# ---- checks, numbering, the note --------------------------------------------------------------------------


def _finalise(topic: str, filters: SearchFilters | None, evidence: Evidence, draft: Draft, writer: str,
              today: dt.date) -> Briefing:
    """Renumber markers by first use, drop any sentence without a source or with a figure its sources do not
    print, and list the cited passages with the sentences quoted from them."""
    by_n = {s.n: s for s in evidence.sources}
    order: list[int] = []
    quotes: dict[int, str] = {}
    flagged: list[FlaggedSentence] = []
    sections: list[BriefSection] = []
    for heading, claims, notes in draft.sections:
        section = BriefSection(heading, notes=list(notes))
        for claim in claims:
            cites = [n for n in dict.fromkeys(claim.cites) if n in by_n]
            if not cites:
                flagged.append(FlaggedSentence(claim.text, [], "cites no gathered passage"))
                continue
            citations = [Citation(i, by_n[n].chunk, by_n[n].score) for i, n in enumerate(cites, start=1)]
            problem = check_figures(_strip_inline(claim.text), citations, list(range(1, len(cites) + 1)))
            if problem is not None:
                flagged.append(problem)
                continue
            for n in cites:
                if n not in order:
                    order.append(n)
                    quotes[n] = claim.quotes.get(n, "")
            renumber = {old: order.index(old) + 1 for old in cites}
            text = _renumber_inline(claim.text, renumber)
            section.sentences.append(BriefSentence(text, [renumber[n] for n in cites]))
        sections.append(section)
    sources = [Citation(i, by_n[n].chunk, by_n[n].score, [quotes[n]] if quotes.get(n) else [])
               for i, n in enumerate(order, start=1)]
    conflicts = []
    for c in draft.conflicts:
        numbered = [(s.text, order.index(src.n) + 1) for s in c.stated
                    if (src := evidence.source_of(s.chunk)) is not None and src.n in order]
        if len({n for _, n in numbered}) >= 2:
            conflicts.append(BriefConflict(c.about, numbered, c.rounding))
    used_filters = {k: str(v) for k, v in vars(filters).items() if v} if filters else {}
    return Briefing(topic, today.isoformat(), used_filters, sections, sources, conflicts, flagged, writer=writer)


def _renumber_inline(text: str, renumber: dict[int, int]) -> str:
    """Markers written inside a sentence (a conflict's values) in the reader's numbering."""
    return re.sub(r"\[(\d+)\]", lambda m: f"[{renumber.get(int(m.group(1)), 0)}]", text)


def _strip_inline(text: str) -> str:
    return re.sub(r"\s*\[\d+\]", "", text)


def build_briefing(assistant: Assistant, topic: str, filters: SearchFilters | None = None, *,
                   role: Role = LOCAL_ROLE, commitments: Sequence[CommitmentLike] | None = None,
                   writer: BriefingWriter | None = None, today: dt.date | None = None) -> Briefing:
    """A briefing note on `topic` from the papers `role` may see within `filters`.

    `commitments`: the register items to report on; None reads the assistant's register (items printed in
    the gathered passages or about the topic), () means none.
    """
    started = time.perf_counter()
    evidence = gather(assistant, topic, filters, role=role, commitments=commitments)
    gathered = time.perf_counter()
    writer = writer or BuiltinBriefingWriter()
    draft = writer.write(evidence)
    note = _finalise(topic, filters, evidence, draft, writer.name, today or dt.date.today())
    note.timings_ms = {"gather": _ms(started, gathered), "write": _ms(gathered, time.perf_counter()),
                       "total": _ms(started, time.perf_counter())}
    return note


def _ms(start: float, end: float) -> float:
    return round((end - start) * 1000, 1)
