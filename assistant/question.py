"""What a question asks for and what it presupposes, read with simple rules (no model).

- *Terms*: the content words, stemmed, that a good answer sentence tends to share with the question.
- *Names*: proper names, acronyms and reference numbers the question takes for granted ("Halton",
  "SEND", "24/00093"). If none of the retrieved passages mentions one, the papers are about something
  else and the assistant should say it cannot answer.
- *Years*: the years the question is about ("2023/24" is 2023 and 2024).
- *Asks*: the kind of answer wanted: a quantity ("how many", "what proportion"), a date, a person.
- *Content terms*: the terms left when the words that pick the paper (its place, its period, the kind of
  paper or meeting: "bristol ofsted focused visit dec 2025 - ...") are set aside: those words are in
  every sentence of the right paper's opening lines, and say nothing about which sentence answers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import Stemmer

from assistant.figures import find_figures
from ingest.dates import DATE, MONTHS, YEAR_SPAN, to_iso, year_span
from ingest.gazetteer import gazetteer
from ingest.titles import REFERENCE_NUMBER

_STEMMER = Stemmer.Stemmer("english")
_TOKEN = re.compile(r"[a-z0-9£]+(?:[.,/'’&-][a-z0-9]+)*")  # "b&b", "a&e" and "24/00093" stay whole
_WORD = re.compile(r"[A-Za-z0-9][\w&]*(?:[-'’/][\w&]+)*")
_POSSESSIVE = re.compile(r"['’]s?\b")
# A first word followed by a determiner is a verb ("reading the minutes, ..."), not a place.
_DETERMINER_NEXT = re.compile(r"\s+(?:the|a|an|this|that|these|those|through|over|our|its)\b", re.IGNORECASE)

STOPWORDS = frozenset("""
a about above after again against all also am an and any are aren't as at be because been before being below
between both but by can could did didn't do does doesn't doing don't down during each either few for from
further had has have having he her here hers herself him himself his how i if in into is isn't it it's its
itself just least let me more most much my myself no nor not now of off on once only or other our ours
ourselves out over own per same she should so some such than that the their theirs them themselves then there
these they this those through to too under until up upon us very was wasn't we were weren't what whats when
where whether which while who whom whose why will with within without would you your yours yourself yourselves
many say said tell told give given show shown according exactly roughly currently current moment so-far far
still yet ever really much
""".split())  # noqa: SIM905

# Capitalised words that do not name anything in particular in council papers.
GENERIC = frozenset("""
council councils county borough city district cabinet committee committees ofsted children children's child
service services report reports plan plans strategy member members chair director directors officer officers
inspector inspectors quarter board group team teams department government england english uk mr mrs ms cllr
councillor local authority authorities scrutiny overview panel meeting meetings item agenda minutes decision
decisions the a an and of for in on at to by with i q1 q2 q3 q4 monday tuesday wednesday thursday friday
saturday sunday national overall both each
""".split()) | frozenset(MONTHS)  # noqa: SIM905

_MONEY = re.compile(r"\bhow much (?:money|funding|budget|did|does|do|is|was|will|has|of)\b"
                    r"|\bwhat(?:['’]s|\s+(?:is|was|are|were|will be))?\s+(?:the\s+|its\s+|their\s+)?(?:[\w-]+\s+){0,2}?"
                    r"(?:budget|cost|amount|sum|funding|grant|charge|fee|price)s?\b(?!-)|\bhow much\b(?! time)"
                    # "what will the trial cost", "what is it expected to cost": cost as the verb asked about, not
                    # the noun ("what does the report say about their cost")
                    r"|\bwhat\s+(?:does|did|do|will|would|could)\s+[^?,;]{1,80}?(?<!the )(?<!its )(?<!their )"
                    r"\bcost\b(?![\s-]+of)"
                    r"|\b(?:expected|estimated|likely|going|set|due)\s+to\s+cost\b",
                    re.IGNORECASE)
_COUNT = re.compile(r"\bhow many\b|\bwhat (?:number|total)\b|\bwhich number\b", re.IGNORECASE)
# "How much of Kent is protected": a share ("almost a third"), as well as an amount of money ("how much of the
# grant").
_PROPORTION = re.compile(r"\bwhat (?:proportion|percentage|share|rate|fraction)\b|\bhow much of\b"
                         r"|\bwhich (?:proportion|percentage|share)\b|\brate of\b.{0,60}\bper\b", re.IGNORECASE)
_QUANTITY = re.compile(r"\bhow (?:big|large|long|far|high|low|short|small)\b|\bby how much\b"
                       r"|\bwhat (?:[\w-]+ ){0,2}?(?:figure|level|value|shortfall|deficit|surplus|gap)\b"
                       r"|\bhow much (?:[\w'’-]+ ){0,6}?(?:go(?:ne)? (?:up|down)|went (?:up|down)|rise|rose|risen|fall"
                       r"|fell|fallen|increased?|decreased?|drop(?:ped)?|grow|grown|grew|change[ds]?|reduced?"
                       r"|declined?|improved?)\b"
                       # "how much notice", "how much mileage", "how much longer": an amount of the thing named
                       r"|\bhow much (?!(?:money|funding|budget|time|of|did|does|do|is|was|were|are|will|would|has|have"
                       r"|had|can|could|should)\b)[a-z][\w-]*", re.IGNORECASE)
# "How much did the numbers go up?" asks the size of a change, in whatever it is counted; money only when
# the question speaks of money.
_SPOKEN_MONEY = re.compile(r"£|\b(?:money|funding|budget|cost|costs|spend|spent|grant|income|savings?|"
                           r"overspend|underspend|pounds?)\b", re.IGNORECASE)
_DATE = re.compile(r"^\s*(?:and\s+)?when\b|(?:\band|,)\s+when\b|\bfrom when\b|\bwhat date\b|\bby when\b"
                   r"|\bwhich date\b|\bwhat time\b", re.IGNORECASE)
_PERSON = re.compile(r"^\s*(?:and\s+)?(?:who|whom)\b|(?:\band|,)\s+who\b"
                     r"|\bwhich (?:\w+ )?(?:officer|inspector|councillor|member|director|lead)s?\b",
                     re.IGNORECASE)
_PROBLEM = re.compile(r"\b(?:wrong|weakness(?:es)?|problems?|concerns?|shortcomings?|failings?|criticis\w+"
                      r"|risks?|areas? for improvement|needs? to improve|to improve|challenges?|difficult\w*)\b",
                      re.IGNORECASE)
_GRADE = re.compile(r"\b(?:grade[sd]?|grading|judgements?|judgments?|ratings?|rated|verdict|judged)\b"
                    r"|\boverall (?:effectiveness|outcome|result)\b|\binspection (?:outcome|result)s?\b"
                    r"|\boutcomes? of (?:the|its|their|that|this) (?:[\w-]+ ){0,3}inspection\b", re.IGNORECASE)
# "Which company ran ...", "which two councils", "what is the name of ...": answered only by a name.
_ORGANISATION = re.compile(r"\bwhich (?:\w+ ){0,2}(?:compan(?:y|ies)|organi[sz]ations?|firms?|contractors?|providers?"
                           r"|consultan(?:cy|cies|ts?)|suppliers?|operators?|charit(?:y|ies)|local authorit(?:y|ies)"
                           r"|councils?|partners?|schools?|children's homes?|homes?|trusts?)\b"
                           r"|\bwhat (?:is|was|are|were) the names? of\b"
                           r"|\bwho (?:was|were|is|are|will be) (?:the )?(?:contractors?|providers?|consultants?"
                           r"|suppliers?|operators?)\b", re.IGNORECASE)
# "Who was the deputy lead inspector on ...?": the role whose holder is asked for, up to what qualifies it ("of",
# "for", "named", ...). An answer must name that role, not a neighbouring one ("Lead inspector: ..."); words of time
# ("new", "current") are not the role.
_ROLE_ASKED = re.compile(
    r"^\s*who(?:['’]s|\s+(?:is|was|are|were))\s+(?:the\s+|its\s+|their\s+|[\w&-]+['’]s\s+)?"
    r"(?P<role>[^?,;]+?)(?=\s+(?:of|for|at|on|in|named|mentioned|who|that|when|appointed|responsible|to|from|with"
    r"|under|behind|as)\b|\s*[?,;]|\s*$)",
    re.IGNORECASE)
_NOT_ROLE = frozenset({"new", "current", "present", "former", "then", "now", "acting"})
# "Who is the lead officer on ...", "the name of the chair of ...", "who chairs ...": the question names the
# role itself, so only the holder's name answers it (the role echoed back does not).
_ROLE_HOLDER = re.compile(
    r"(?:\bwho(?:['’]s|\s+(?:is|was|are|were))\s+(?:the|its|their|[A-Z][\w&-]*['’]s)\b|\bnames?\s+of\b)"
    r"[^?.,;]{0,80}?\b(?:chair(?:man|person|woman)?|vice[- ]chair|chief executive|director|head|manager|officer"
    r"|scrutineer|advis[eo]r|inspectors?|lead|leader|mayor|clerk|commissioner|co-?ordinator|author|president)\b"
    r"|\bwho\s+(?:chairs|chaired|leads|led)\b", re.IGNORECASE)
# "How often does the board meet?": answered by "monthly" or "every six weeks" as well as by a figure.
_FREQUENCY = re.compile(r"\bhow (?:often|frequently|regularly)\b|\bwhat frequency\b|\bhow many times a\b",
                        re.IGNORECASE)
_ASKS = (("grade", _GRADE), ("frequency", _FREQUENCY), ("problem", _PROBLEM), ("quantity", _QUANTITY),
         ("proportion", _PROPORTION), ("count", _COUNT), ("money", _MONEY), ("date", _DATE), ("person", _PERSON),
         ("organisation", _ORGANISATION), ("name", _ROLE_HOLDER))
QUANTITY_KINDS = frozenset({"quantity", "proportion", "count", "money"})
# Kinds of answer no sentence can give without the thing itself: a figure, a grade, a body's or a person's name.
REQUIRED_KINDS = QUANTITY_KINDS | {"grade", "organisation", "name", "frequency"}
_MEETING = re.compile(
    r"\b(?:at|in) (?:its|the|their|that|(?:[\w&-]+ ){0,4}[\w&-]+['’]s) "  # "at Tintern Community Council's"
    r"(?:(?P<day>\d{1,2})(?:st|nd|rd|th)? )?(?P<month>" + "|".join(
        m for m in MONTHS if len(m) > 3 or m == "may") + r") (?P<year>(?:19|20)\d{2}) (?:[A-Z][\w&]* ){0,3}"
    r"(?:meeting|cabinet|committee)\b", re.IGNORECASE)
# What a meeting did, as opposed to what went to it: only its minutes or a later paper can say. A verb of
# deciding asks it ("what did Cabinet decide", "was it approved"); "asked to approve" asks what a report
# recommended, and "a key decision", "the inspection outcome" or "what changed" ask no meeting's decision.
_OUTCOME = re.compile(r"(?<!\bto )\b(?:decided?|agreed?|resolved?|approved?|confirm(?:ed)?|reject(?:ed)?"
                      r"|vote[ds]?|endorsed?)\b", re.IGNORECASE)
_REFERENCE = re.compile(rf"(?<![\w/]){REFERENCE_NUMBER}(?![\w/])")
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
# A quarter of the financial year, as councils' monitoring reports name them: "Q3", "Quarter 3", "third quarter".
_QUARTER = re.compile(r"\b(?:Q([1-4])|quarter\s+([1-4])|(first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter)\b",
                      re.IGNORECASE)
_ORDINAL = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
# A month of a year named without a day ("in January 2019", "during March 2024"); "4 March 2025" is a date.
_MONTH_OF_YEAR = re.compile(r"(?<!\d )(?<!\d\d )(?<!\d(?:st|nd|rd|th) )(?<!\d\d(?:st|nd|rd|th) )\b(?P<month>"
                            + "|".join(m for m in MONTHS if len(m) > 3 or m == "may")
                            + r")\b,? (?P<year>(?:19|20)\d{2})\b", re.IGNORECASE)


# Words that choose a paper or a meeting rather than a sentence in it.
_PAPER_WORDS = """ofsted inspection inspections focused visit ilacs letter report reports minutes meeting agenda
appendix paper papers committee cabinet council county city borough"""
_MONTH_ABBREVIATIONS = "jan feb mar apr jun jul aug sep sept oct nov dec"


@dataclass
class QuestionProfile:
    """The parts of a question that retrieval and answer selection use."""

    text: str
    terms: list[str] = field(default_factory=list)  # stemmed content words, in order, unique
    content_terms: list[str] = field(default_factory=list)  # terms without those of place, period, paper kind
    names: list[str] = field(default_factory=list)  # "Halton", "Staying Close", "SEND", "24/00093"
    years: set[int] = field(default_factory=set)
    # "money" "count" "proportion" "quantity" "frequency" "date" "person" "problem" "grade" "organisation" "name"
    asks: list[str] = field(default_factory=list)
    given_values: set[float] = field(default_factory=set)  # numbers the question itself states
    meeting: str = ""  # "2023-07" or "2025-03-04": the meeting the question asks about, when it names one
    dates: list[str] = field(default_factory=list)  # days it names, ISO: "on 29 January 2026"
    months: list[str] = field(default_factory=list)  # months it names without a day, "2019-01", not its meeting
    quarters: set[int] = field(default_factory=set)  # quarters of a year it names: "Q1 of 2024-25" -> {1}
    asks_outcome: bool = False  # what was decided or agreed ("did it confirm or change the decision?")
    role: str = ""  # the role whose holder a "who is the ..." question asks for: "deputy lead inspector"


def stems(text: str) -> list[str]:
    """Lower-cased, stop-worded, stemmed tokens of `text`, in order (repeats kept)."""
    words = [w.strip("'’") for w in _TOKEN.findall(text.lower().replace("’s", "").replace("'s", ""))]
    return _STEMMER.stemWords([w for w in words if w and w not in STOPWORDS and len(w) > 1])


GENERIC_STEMS = frozenset(stems(" ".join(GENERIC)))  # the generic council words, as `stems` gives them
_PAPER_STEMS = frozenset(stems(f"{_PAPER_WORDS} {_MONTH_ABBREVIATIONS} {' '.join(MONTHS)}"))


def profile(question: str) -> QuestionProfile:
    text = " ".join(question.split())
    asks = [kind for kind, pattern in _ASKS if pattern.search(text)]
    if "quantity" in asks and "money" in asks and not _SPOKEN_MONEY.search(text):
        asks = [k for k in asks if k != "money"]
    if "name" in asks:  # "the name of the chair": a person's name, not any body's
        asks = [k for k in asks if k != "organisation"]
    given = {v for fig in find_figures(text) for v in fig.values}
    terms = list(dict.fromkeys(stems(text)))
    scope = scope_terms(text)
    return QuestionProfile(
        text=text,
        terms=terms,
        content_terms=[t for t in terms if t not in scope] or terms,
        names=list(dict.fromkeys([*names_in(text), *typed_places(text)])),
        years=years_in(text),
        asks=asks,
        given_values=given,
        meeting=meeting_in(text),
        dates=dates_in(text),
        months=[m for m in months_in(text) if m != meeting_in(text)[:7]],
        quarters=quarters_in(text),
        asks_outcome=bool(_OUTCOME.search(text)),
        role=role_asked(text) if "name" in asks and not asked_in_parts(text) else "",
    )


def role_asked(text: str) -> str:
    """The role a "who is the ..." question asks the holder of, without words of time; "" if none."""
    m = _ROLE_ASKED.match(text)
    if not m:
        return ""
    words = [w for w in m.group("role").split() if w.lower() not in _NOT_ROLE]
    return " ".join(words) if stems(" ".join(words)) else ""


# "... when was it imposed and when did DfE lift it?", "how many came in, and what share got turned down?":
# a question in parts, each asked by its own question word.
_PART_BREAK = re.compile(r",?\s+(?:and|but)\s+(?=(?:how|what|what's|when|who|which|where|why|is|are|was|were|did|does"
                         r"|do|has|have)\b)|[;?]\s+(?=\S)", re.IGNORECASE)


def asked_in_parts(text: str) -> bool:
    """The question asks two things or more, however short the second ("..., and what would it cost?")."""
    return bool(_PART_BREAK.search(text.rstrip(" ?")))


def question_parts(text: str) -> list[str]:
    """The parts of a question asked in two or more ("what share ..., and how many ..."); [] for one."""
    parts = [p.strip(" ,;?") for p in _PART_BREAK.split(text)]
    parts = [p for p in parts if len(stems(p)) >= 2]
    return parts if len(parts) >= 2 else []


def scope_terms(text: str) -> set[str]:
    """Stems of the words in `text` that say which paper is meant: places and councils (the gazetteer's,
    in any case: questions are often typed in lower case), years, months, and the kind of paper or meeting."""
    places = set(stems(" ".join(gazetteer().places_in(text))))
    return places | _PAPER_STEMS | {str(y) for y in years_in(text)}


def typed_in_lower_case(text: str) -> bool:
    """Whether the question was typed without capitals ("halton - how many ..."): no word after the first is
    capitalised (acronyms aside), so a name's case says nothing and places must be read in any case."""
    words = _WORD.findall(text)[1:]
    return not any(w[0].isupper() and any(ch.islower() for ch in w) for w in words)


def typed_places(text: str) -> list[str]:
    """Councils' places and names written in lower case in a question typed without capitals ("bristol's
    civil enforcement officers", "kcc"): names like any capitalised one. When the question uses capitals a
    lower-case word is an ordinary word ("the reading age"), unless it is the question's own first word or a
    possessive, which only a name takes ("kent's 2013 looked after children inspection - when were the
    Children in Care teams brought in?")."""
    g = gazetteer()
    lower = typed_in_lower_case(text)
    found = []
    for m in g.place_matches(text):
        place = m.group(0)
        if not place.islower() or g.body_of(place) is None:
            continue
        first = not text[: m.start()].strip() and not _DETERMINER_NEXT.match(text, m.end())
        if lower or first or _POSSESSIVE.match(text, m.end()):
            found.append(place)
    return list(dict.fromkeys(found))


def names_the_paper(name: str) -> bool:
    """Whether a name the question uses only says which paper is meant: a decision or reference number
    ("under decision 24/00096"), printed on the paper's cover or record rather than in each passage."""
    return bool(_REFERENCE.fullmatch(name))


def meeting_in(text: str) -> str:
    """The month ("2023-07") or day ("2025-03-04") of a meeting the question presupposes: "at its July 2023
    meeting", "at the 4 March 2025 Cabinet"; "" when it names none."""
    match = _MEETING.search(text)
    if not match:
        return ""
    month = MONTHS[match.group("month").lower()]
    day = f"-{int(match.group('day')):02d}" if match.group("day") else ""
    return f"{match.group('year')}-{month:02d}{day}"


def months_in(text: str) -> list[str]:
    """Months of a year written without a day ("in January 2019"), as "YYYY-MM", in order."""
    return list(dict.fromkeys(f"{m.group('year')}-{MONTHS[m.group('month').lower()]:02d}"
                              for m in _MONTH_OF_YEAR.finditer(text)))


def dates_in(text: str) -> list[str]:
    """Every day written in `text` ("29 January 2026", "4th March, 2025"), as ISO dates, in order."""
    return list(dict.fromkeys(d for m in DATE.finditer(text) if (d := to_iso(m.group(0)))))


def quarters_in(text: str) -> set[int]:
    """The quarters `text` names: "Q3", "Quarter 3", "the third quarter" -> {3}."""
    return {int(m.group(1) or m.group(2) or _ORDINAL[m.group(3).lower()]) for m in _QUARTER.finditer(text)}


def years_in(text: str) -> set[int]:
    years = {int(y) for y in _YEAR.findall(text)}
    for first, second in YEAR_SPAN.findall(text):
        if len(second) == 2:  # a four-digit end is a year already
            years.add(int(first) // 100 * 100 + int(second))
    return years


def year_spans(text: str) -> set[tuple[int, int]]:
    """Financial or academic years written as spans: "2013-14", "2012–13", "2024/2025" -> {(2013, 2014), ...}."""
    return {span for first, second in YEAR_SPAN.findall(text) if (span := year_span(first, second))}


def names_in(text: str) -> list[str]:
    """Proper names, acronyms and reference numbers, as phrases ("Staying Close"), in question order."""
    found: list[str] = [m.group(0) for m in _REFERENCE.finditer(text)]
    phrase: list[str] = []
    # "LD/physical disability": a slash between words joins alternatives, each read on its own.
    text = re.sub(r"(?<=[A-Za-z])/(?=[A-Za-z])", " ", text)
    words = list(_WORD.finditer(text))
    for i, match in enumerate(words):
        # "HNB-funded", "CAF-based": the name is "HNB"; a lower-case tail only qualifies it ("Stoke-on-Trent" stays)
        word = re.sub(r"['’]s$", "", re.sub(r"(?<=[A-Za-z])-[a-z]+(?:-[a-z]+)*$", "", match.group(0)))
        first = i == 0 or text[: match.start()].rstrip().endswith((".", "?", "!"))
        possessive = word != match.group(0)
        if _is_name(word, first=first, possessive=possessive):
            gap = text[words[i - 1].end(): match.start()] if i else ""
            if phrase and gap.strip() == "&":  # "Whitley S & SC", "Transport & Connectivity"
                phrase.append("&")
            elif phrase and gap.strip():  # "LA (Sir Herman Gollancz Hall)": two names, not one
                found.append(" ".join(phrase))
                phrase = []
            phrase.append(word)
            if possessive:  # "Kent's EHC plans": the owner's name ends there ("Kent", "EHC")
                found.append(" ".join(phrase))
                phrase = []
            continue
        if phrase:
            found.append(" ".join(phrase))
            phrase = []
    if phrase:
        found.append(" ".join(phrase))
    return list(dict.fromkeys(found))


def _is_name(word: str, *, first: bool, possessive: bool) -> bool:
    if not word[0].isupper() or word.lower() in GENERIC or word.lower() in STOPWORDS:
        return False
    if any(ch.isdigit() for ch in word) and not any(ch.isalpha() for ch in word):
        return False
    acronym = len(word) >= 2 and word.isupper()
    # The first word is capitalised anyway: count it only when it is clearly a name.
    return not first or acronym or possessive
