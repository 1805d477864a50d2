"""Score every sentence of the retrieved passages as an answer to the question.

A sentence scores well when it means the same as the question (cosine similarity with the loaded
embedding model), shares the question's rarer words (term overlap weighted by how few sentences use
each word), gives the kind of figure asked for (a new number for "how many", a date for "when"), and
comes from a highly ranked passage. Both the built-in answerer (which picks sentences) and the refusal
check (which asks whether any sentence is good enough) use these scores.
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from langchain_core.embeddings import Embeddings

from assistant.figures import Figure, find_figures, quantities
from assistant.mentions import haystack, mentions
from assistant.question import GENERIC, QUANTITY_KINDS, STOPWORDS, QuestionProfile, names_in, stems, years_in
from assistant.sentences import answer_units
from assistant.types import Source
from assistant.vectors import SentenceVectors, StoredLookup
from ingest.units import Unit
from vectorstore.glossary import Glossary, default_glossary
from vectorstore.units import embedding_text

log = logging.getLogger(__name__)

_TITLE = r"(?:Cllr|Councillor|Mr|Mrs|Ms|Miss|Dr|Professor|Prof|Sir|Dame)\.?\s+"
_NAME = re.compile(rf"\b(?:{_TITLE})?([A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?)\s+([A-Z][a-z]+(?:-[A-Z][a-z]+)?)\b")
_TITLED = re.compile(rf"\b{_TITLE}([A-Z][a-z]+(?:-[A-Z][a-z]+)?)\b")  # "Cllr Weston"
_NOT_NAMES = GENERIC | STOPWORDS | frozenset("""
young people families family care social work education health plan plans report update strategy policy
programme project fund grant budget finance investment recruitment retention adult adults public schools
school special needs support team head lead corporate county assistant deputy executive chief improvement
quality performance data key child protection early help looked after leaving leavers quarter year annual
""".split())  # noqa: SIM905
_FIELD = re.compile(r"(?:^|\s)(?:[A-Z][\w’']*(?: [A-Za-z][\w’']*){0,3}):\s")
_POINTER = re.compile(r",?\s*(?:attached|enclosed|to follow|herewith)\W*$|\(Pages? \d+(?:\s*-\s*\d+)?\)",
                      re.IGNORECASE)
CONTACT = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+|\bwww\.|\b(?:T|Tel|Telephone|Phone)\.?:?\s*0\d{3,4}\s?\d{3}\s?\d{3,4}"
                      r"|\b[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}\b")  # e-mail, web address, phone number, postcode
_SCALED = re.compile(r"\d\s?(?:m|bn|k|million|billion)\b", re.IGNORECASE)
_PER = re.compile(r"\bper\s+(\d[\d,]*)\b", re.IGNORECASE)
_RATE = re.compile(r"\d\s+(?:per|in|out of|of every)\s+(?:\d|every)", re.IGNORECASE)
_NEGATIVE = re.compile(
    r"\b(?:not|no longer|lack\w*|insufficient|weak\w*|poor\w*|over-relian\w+|reliant|challeng\w+|concern\w*"
    r"|risks?|vulnerable|delay\w*|behind|unable|fail\w*|inconsistent\w*|limited|shortages?|too (?:slow|few|long)"
    r"|declin\w+|worse\w*|gaps?|barriers?|inadequate|requires? improvement|deteriorat\w+|backlogs?)\b",
    re.IGNORECASE,
)
GRADE_WORD = re.compile(r"\b(?:outstanding|good|requires? improvement|inadequate|adequate|satisfactory"
                         r"|(?:rated|RAG rated|rating of) (?:green|amber|red))\b", re.IGNORECASE)
_FREQUENCY_WORD = re.compile(
    r"\b(?:daily|weekly|fortnightly|monthly|quarterly|annually|yearly|bi-?monthly|bi-?annually|biannually"
    r"|six-monthly|twice|once|every|each (?:day|week|fortnight|month|quarter|term|year)"
    r"|(?:a|per) (?:day|week|fortnight|month|quarter|term|year))\b", re.IGNORECASE)
_HOW_LONG = re.compile(r"\bhow long\b", re.IGNORECASE)
_SINCE_YEAR = re.compile(r"\b(?:since|from) (?:19|20)\d\d\b", re.IGNORECASE)
_BOARD = re.compile(r"\b(?:LSCB|safeguarding (?:children )?(?:board|partnership))\b", re.IGNORECASE)
_ROLE = re.compile(r"\b(?:director|head of|chief|manager|officer|lead|cabinet member|chair|inspector|author)\b",
                   re.IGNORECASE)


@dataclass(frozen=True)
class Weights:
    """How much each signal counts; they sum to about 1 so scores stay in [0, 1].

    Chosen by how often the first-scored sentence states a key fact (bench/sentence_ranking.py: 569 answerable
    questions, folds that keep a paper's questions together): the folds chose (0.15-0.25, 0.35-0.50, 0.15-0.20,
    0.20); these are the step towards them that answered best end to end with each question set left out in
    turn (bench/ANSWERS.md, session 21). The passage's rank and the kind of answer count for more than
    MiniLM's similarity suggested.
    """

    semantic: float = 0.35
    lexical: float = 0.35
    answer_type: float = 0.15
    rank: float = 0.15


@dataclass
class ScoredUnit:
    """One sentence of one source, with what each signal thought of it."""

    unit: Unit
    source: Source
    semantic: float
    lexical: float
    typed: bool
    score: float = 0.0
    terms: set[str] = field(default_factory=set)  # the question's terms this sentence contains
    kinds: set[str] = field(default_factory=set)  # the kinds of answer asked for that it gives


class SentenceScorer:
    def __init__(self, embeddings: Embeddings, *, weights: Weights | None = None, max_embedded: int = 20,
                 long_unit: int = 50, stored: StoredLookup | None = None, glossary: Glossary | None = None) -> None:
        self.vectors = SentenceVectors(embeddings, stored=stored)
        self.weights = weights or Weights()
        self.glossary = glossary or default_glossary()
        self.max_embedded = max_embedded
        self.long_unit = long_unit

    def score(self, question: QuestionProfile, sources: Sequence[Source]) -> list[ScoredUnit]:
        """Every sentence of every source, best first."""
        pairs = [(unit, source) for source in sources for unit in answer_units(source.chunk)]
        if not pairs:
            return []
        # A sentence using the glossary's other name for a term of the question has that term: "Children
        # looked after (per 10,000)" speaks of the question's "children in care".
        synonyms = self.glossary.synonym_groups(question.text)
        unit_terms = [set(stems(" ".join([unit.text, *(form for forms, others in synonyms
                                                       if any(o.search(unit.text) for o in others)
                                                       for form in forms)])))
                      for unit, _ in pairs]
        # Words naming the paper's place, period or kind are set aside: the right paper's every opening line
        # has them ("This letter summarises the findings of the focused visit to Bristol ... December 2025").
        weights = _term_weights(question.content_terms, unit_terms)
        total = sum(weights.values()) or 1.0
        lexical = [sum(weights[t] for t in terms & weights.keys()) / total for terms in unit_terms]
        kinds = [answer_kinds(question, unit.text) for unit, _ in pairs]
        typed = [bool(k) for k in kinds]
        rank = [1.0 / math.sqrt(source.n) for _, source in pairs]
        # Embedding is the slow part: sentences without a stored vector are embedded only if promising.
        cheap = [0.6 * lx + 0.2 * ty + 0.2 * rk for lx, ty, rk in zip(lexical, typed, rank, strict=True)]
        keep = set(sorted(range(len(pairs)), key=lambda i: cheap[i], reverse=True)[: self.max_embedded])
        items = [(embedding_text(unit, source.chunk.report_title), [source.chunk.chunk_id, *source.merged_ids])
                 for unit, source in pairs]
        similarity = [s or 0.0 for s in self.vectors.similarities(question.text, items, keep)]
        w = self.weights
        topic = {source.n: _topic_factor(question, source) for source in sources}
        scored = []
        for i, ((unit, source), terms, sim) in enumerate(zip(pairs, unit_terms, similarity, strict=True)):
            shared = terms & set(question.terms)
            score = w.semantic * sim + w.lexical * lexical[i] + w.answer_type * typed[i] + w.rank * rank[i]
            score *= self._shape_factor(unit, typed[i]) * topic[source.n] * _label_factor(unit, question)
            scored.append(ScoredUnit(unit, source, sim, lexical[i], typed[i], score, shared, kinds[i]))
        scored.sort(key=lambda s: s.score, reverse=True)
        return scored

    def _shape_factor(self, unit: Unit, typed: bool) -> float:
        """Less for text shaped unlike an answer: lead-ins, headings, cover-sheet fields, run-on blocks."""
        text = unit.text.rstrip()
        factor = 1.0
        if text.endswith(":"):
            factor *= 0.85  # a lead-in ("There are several developments:") says little by itself
        elif looks_like_heading(text):
            factor *= 0.85 if typed else 0.75
        if len(_FIELD.findall(text)) >= 2:  # "To: Cabinet ... Subject: ... Decision no: ..." (a cover sheet)
            factor *= 0.8 if typed else 0.7
        if _POINTER.search(text):  # an agenda's pointer to a paper ("Report of the Group dated 18 April, attached")
            factor *= 0.8
        if CONTACT.search(text):  # a letterhead or contact block: "Manchester (T 0300 123 1231: ...)"
            factor *= 0.6
        words = len(text.split())
        if words > self.long_unit and unit.kind != "row":  # run-on text rarely answers well
            factor *= math.sqrt(self.long_unit / words)
        return factor


# 1.15 over every question set (1,213 questions): table key facts 0.394 -> 0.435, four better, none worse;
# 1.3 put four back (bench/ANSWERS.md, session 24).
ROW_LABEL_BONUS = 1.15
_LABEL_END = re.compile(r"\s\(|;|:\s")


def _label_factor(unit: Unit, question: QuestionProfile) -> float:
    """More for a table row whose label the question names ("the High Needs Block" asked, the row "High Needs
    Block (Budget: 337.9; ...)"): the label says what the row's figures are of, so a row whose whole label is
    asked about answers more surely than a row or sentence that only shares some words with the question."""
    if unit.kind != "row":
        return 1.0
    label = set(stems(_LABEL_END.split(unit.text, maxsplit=1)[0])) - STOPWORDS
    if len(label) < 2 or len(label) > 8:
        return 1.0
    return ROW_LABEL_BONUS if label <= set(question.terms) else 1.0


def _topic_factor(question: QuestionProfile, source: Source) -> float:
    """Less for a passage that names none of the places or years the question is about."""
    chunk = source.chunk
    text = haystack([chunk])
    factor = 1.0
    if question.names and not any(mentions(n, text, [chunk]) for n in question.names):
        factor *= 0.8
    if question.years and not question.years & years_in(text):
        factor *= 0.9
    return factor


def answer_kinds(question: QuestionProfile, text: str, context: str = "") -> set[str]:
    """The kinds of answer the question asks for that `text` gives (figures it does not already state)."""
    found: set[str] = set()
    figures = None
    for kind in question.asks:
        if kind in QUANTITY_KINDS:
            figures = figures if figures is not None else quantities(text, exclude=question.given_values)
            if any(_fits(kind, f, text) for f in figures) and _in_asked_unit(question.text, text):
                found.add(kind)
            elif kind == "quantity" and _HOW_LONG.search(question.text) and (any(
                    f.kind == "date" and not all(v in question.given_values for v in f.values)
                    for f in find_figures(text)) or _SINCE_YEAR.search(text)):
                found.add(kind)  # "how long had the DCS been in post?": "in post since July 2013" (not any year)
        elif kind == "grade" and _BOARD.search(text) and not _BOARD.search(question.text):
            continue  # the safeguarding board's grade is not the council's (Ofsted judged both until 2018)
        elif _gives(kind, text, question, context):
            found.add(kind)
    return found


def _gives(kind: str, text: str, question: QuestionProfile, context: str = "") -> bool:
    match kind:
        case "date":
            return any(f.kind == "date" or f.is_year for f in find_figures(text))
        case "person":  # a place the question names ("North Kingston") is no person
            return bool(person_names(text, context, exclude=question.text)) or bool(_ROLE.search(text))
        case "problem":
            return bool(_NEGATIVE.search(text))
        case "grade":
            return bool(GRADE_WORD.search(text))
        case "frequency":
            return bool(_FREQUENCY_WORD.search(text) or quantities(text, exclude=question.given_values))
        case "name":  # the holder of a role the question names: a person's name it does not already give
            return bool(person_names(text, context, exclude=question.text))
        case "organisation":  # a name the question did not already give ("Steer", "Mott MacDonald")
            asked = {n.casefold() for n in question.names}
            words = set(re.findall(r"\w+", question.text.casefold()))  # "Young Adults Council" echoed is no answer
            return any(n.casefold() not in asked and set(re.findall(r"\w+", n.casefold())) - words
                       for n in [*names_in(text), *_initial_names(text, context)])
    return False


def _initial_names(text: str, context: str = "") -> list[str]:
    """Capitalised words that open a sentence of `text` ("Steer carried out ...") and are never written in
    lower case in it or its `context` (the passages it quotes): names_in leaves sentence-initial words out, as
    any first word is capitalised."""
    firsts = re.findall(r"(?:^|[.!?]\s+)([A-Z][a-z]{2,})\b", text)
    return [w for w in firsts if w.lower() not in GENERIC and w.lower() not in STOPWORDS
            and not re.search(rf"\b{w.lower()}\b", f"{text}\n{context}")]


def person_names(text: str, context: str = "", exclude: str = "") -> list[str]:
    """People named in `text` ("Kate Malleson", "Cllr Weston"): a title and a surname, or two capitalised
    words neither of which is a council word, is written in lower case in `text` or its `context` ("Safeguarding
    Partnership"), or is a word of `exclude` (the question: a place it names is not a person)."""
    plain = f"{text}\n{context}"
    excluded = {w.casefold() for w in re.findall(r"[A-Za-z]+", exclude)}

    def ordinary(word: str) -> bool:
        return (word.lower() in _NOT_NAMES or word.casefold() in excluded
                or re.search(rf"(?<![\w-]){re.escape(word.lower())}(?![\w-])", plain) is not None)

    names = [m.group(0) for m in _TITLED.finditer(text) if not ordinary(m.group(1))]
    names += [f"{a} {b}" for a, b in _NAME.findall(text)
              if not any(ordinary(part) for part in re.split(r"[-']", f"{a}-{b}") if part)]
    return names


def _in_asked_unit(question: str, text: str) -> bool:
    """A rate asked "per 10,000" is answered only by a figure per 10,000 (not by any percentage)."""
    unit = _PER.search(question)
    return unit is None or re.search(rf"\bper\s+{re.escape(unit.group(1))}\b", text, re.IGNORECASE) is not None


def _fits(asks: str, figure: Figure, text: str) -> bool:
    match asks:
        case "money":  # £5.7m, 2.3%, 430.6 in a table of £m
            return figure.kind in ("money", "percent") or bool(_SCALED.search(figure.text) or "." in figure.text)
        case "proportion":
            return figure.kind in ("percent", "fraction") or bool(_RATE.search(text) or _PER.search(text))
        case "count":
            return figure.kind == "number"
    return True


def looks_like_heading(text: str) -> bool:
    """'Table 1a: EHC assessment case status', 'Written Response - Thresholds for ...': a label, not a statement."""
    if re.search(r"[.!?]\W*$", text):
        return False
    words = re.findall(r"[A-Za-z][\w'’-]*", text)
    if not words or len(words) > 16:
        return False
    capitalised = sum(1 for w in words if w[0].isupper() or w.lower() in ("and", "of", "the", "for", "to", "in", "on"))
    return capitalised / len(words) > 0.7 or bool(re.match(r"(?:table|figure|appendix|chart)\b", text, re.I))


def _term_weights(terms: list[str], unit_terms: list[set[str]]) -> dict[str, float]:
    """Inverse sentence frequency over the candidate sentences: rare shared words count for more."""
    n = len(unit_terms)
    weights = {}
    for term in terms:
        df = sum(1 for u in unit_terms if term in u)
        weights[term] = math.log((n + 1) / (df + 0.5))
    return weights
