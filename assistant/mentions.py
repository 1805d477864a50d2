"""Does a passage mention a name or year the question uses? Text and metadata both count.

"Kent" is mentioned by a passage whose council is "Kent County Council"; "KCC" by one whose council's
initials are KCC; "EHCP" by one that says "EHC plan" (the glossary's other forms). Users type acronyms the
papers write out: an acronym is mentioned where its words are ("PCC": "Police and Crime Commissioner",
"EqIA": "Equality Impact Assessment", "DA": "domestic abuse"), in a name of several words too ("WPL EqIA"),
and in a paper's title once the council's place is set aside: the kind of paper is abbreviated without it
("ILACS": "Inspection of [Gloucestershire] local authority children's services").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.question import STOPWORDS, years_in
from ingest.gazetteer import gazetteer
from ingest.models import Chunk
from vectorstore.glossary import Glossary, default_glossary


def haystack(chunks: Sequence[Chunk]) -> str:
    """The text and metadata of passages, as one searchable string."""
    parts: list[str] = []
    for c in chunks:
        parts.extend((c.text, c.report_title, c.section, c.council, c.committee, c.file_name, c.meeting_date))
    return "\n".join(p for p in parts if p)


def mentions(name: str, text: str, chunks: Sequence[Chunk], glossary: Glossary | None = None) -> bool:
    """Whether `text` (the haystack of `chunks`) mentions `name` in any of its forms."""
    folded = text.casefold()
    words = [w for w in name.split() if w != "&"]  # "Growth, Environment & Transport"; "WECA O&S" keeps "O&S"
    # Whole words (a possessive or plural allowed): "Gloucester" is not mentioned by "Gloucestershire".
    if all(re.search(rf"(?<![\w]){re.escape(w.casefold())}(?:['’]s|s)?(?![\w])", folded)
           or (len(words) > 1 and _spelled_out(w, text)) for w in words):
        return True
    if any(form.casefold() in folded for form in (glossary or default_glossary()).expansions(name)):
        return True
    # An acronym inside a longer one: "EHC" in "EHCP", "SEN" in "SEND".
    if name.isupper() and re.search(rf"\b{re.escape(name)}[A-Z]{{1,2}}s?\b", text):
        return True
    acronym = re.sub(r"(?<=[A-Z])s$", "", name)  # "HMIs" is the plural of "HMI"
    if acronym != name and acronym.isupper():
        return mentions(acronym, text, chunks, glossary)
    if _spelled_out(name, text):  # "LSCB": Local Safeguarding Children Board
        return True
    if name.isupper() and any(_spelled_out(name, _placeless(t)) for t in {c.report_title for c in chunks}):
        return True
    if name.isupper() and len(name) >= 2:  # "KCC" for Kent County Council
        return any(_initials(value) == name for c in chunks for value in (c.council, c.committee, c.report_title))
    return False


# Words an acronym skips: "Police and Crime Commissioner" is the PCC.
_JOINING_WORDS = ("and", "of", "for", "the", "in", "on", "to", "&")
_JOINING = rf"(?:[\s/-]+(?:(?:{'|'.join(_JOINING_WORDS)})\s+)?)"


def _spelled_out(acronym: str, text: str) -> bool:
    """The acronym's words written out in `text`, a word for each capital ("Her Majesty's Inspectors" for HMI,
    "Equality Impact Assessment" for EqIA), joining words skipped; in any case ("domestic abuse" for DA), but
    each word a content word of three letters or more ("details about" is not DA)."""
    letters = re.sub(r"[&/]", "", acronym)  # "P&D": Pay and Display
    if re.fullmatch(r"(?:[A-Z][a-z])+[A-Z]?", letters) and _spelled_with_small_words(letters, text):
        return True  # "DfT": Department for Transport, "MoJ": Ministry of Justice
    parts = re.findall(r"[A-Z][a-z]*", letters)
    if len(parts) < 2 or "".join(parts) != letters or sum(len(p) for p in parts) > 2 * len(parts):
        return False  # not an acronym: "Bristol", "McDonald" are not spelled out
    words = _JOINING.join(rf"{re.escape(p)}[\w'’-]{{{max(0, 3 - len(p))},}}" for p in parts)
    for match in re.finditer(rf"(?<![\w]){words}(?![\w])", text, re.IGNORECASE):
        spelled = [w for w in re.split(r"[\s/-]+", match.group(0)) if w.casefold() not in _JOINING_WORDS]
        if all(w[0].isupper() for w in spelled) or not {w.casefold() for w in spelled} & STOPWORDS:
            return True  # a capitalised name ("Her Majesty's Inspectors"), or content words
    return False


def _spelled_with_small_words(acronym: str, text: str) -> bool:
    """A government department's acronym, a lower-case letter for a joining word: "DfE" is "Department for
    Education" (capitalised words, the small word printed as the letter says)."""
    pattern = r"\s+".join(rf"{c}[\w'’-]{{2,}}" if c.isupper() else rf"(?-i:{c}\w{{0,3}})" for c in acronym)
    return re.search(rf"(?<![\w]){pattern}(?![\w])", text) is not None


def mentions_year(year: int, text: str) -> bool:
    return year in years_in(text)


def _placeless(title: str) -> str:
    """A title without the places and councils it names: "Inspection of local authority children's services"."""
    for place in sorted(set(gazetteer().places_in(title)), key=len, reverse=True):
        title = re.sub(rf"(?<![\w]){re.escape(place)}(?![\w])", " ", title)
    return " ".join(title.split())


def _initials(value: str) -> str:
    return "".join(w[0] for w in value.split() if w[:1].isupper())
