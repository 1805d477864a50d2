"""Rewrite a follow-up question into one that stands on its own, by rule (for the built-in answerer).

Two shapes of follow-up cover most of what councillors type after a first answer:
- *Same question, another subject*: "and what about Halton?", "what about 2022?" -> the previous
  question with its place (or date) swapped for the new one.
- *A pronoun for the previous subject*: "who is leading that?", "when does it start?" -> the pronoun
  replaced by what the previous question was about.
Questions that already name their subject are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.question import names_in, stems
from assistant.types import Turn
from ingest.dates import MONTHS

_SUBJECT_SWAP = re.compile(
    r"^\s*(?:and|but|so|also|ok(?:ay)?,?)?\s*(?:what|how)\s+about\s+(?P<new>.+?)\s*[?.!]*\s*$"
    r"|^\s*(?:and|also)\s+(?:for|in|at)\s+(?P<new2>.+?)\s*[?.!]*\s*$"
    r"|^\s*(?:same|the same)\s+(?:for|in)\s+(?P<new3>.+?)\s*[?.!]*\s*$",
    re.IGNORECASE,
)
_PRONOUN = re.compile(r"\b(that|it|this|they|them|those|these|its|their)\b", re.IGNORECASE)
_LEADING_WH = re.compile(
    r"^\s*(?:what|which|who|how|when|where|why|is|are|was|were|did|does|do|has|have|had|can|could|will|would)\b"
    r"(?:\s+(?:is|are|was|were|did|does|do|has|have|had|many|much|the status of|happened to|about|kind of))*\s*",
    re.IGNORECASE,
)
_DATEISH = re.compile(r"\b(?:(?:19|20)\d{2}(?:[/-]\d{2})?|" + "|".join(MONTHS) + r")\b", re.IGNORECASE)
_DATE_PHRASE = re.compile(
    r"\b(?:in\s+|at\s+|for\s+|during\s+)?(?:(?:early|late|mid|the end of|the start of)\s+)?"
    r"(?:(?:" + "|".join(m for m in MONTHS if len(m) > 3) + r")\s+)?(?:19|20)\d{2}(?:[/-]\d{2,4})?\b",
    re.IGNORECASE,
)


def rewrite_followup(question: str, history: Sequence[Turn]) -> str:
    """`question` as a standalone question, using the user's earlier questions in `history`."""
    previous: str | None = None
    for turn in history:
        if turn.role == "user" and turn.content.strip():
            previous = _rewrite(turn.content.strip(), previous) if previous else turn.content.strip()
    return _rewrite(question.strip(), previous) if previous else question.strip()


def is_followup(question: str) -> bool:
    if _SUBJECT_SWAP.match(question):
        return True
    if names_in(question) or not _PRONOUN.search(question):
        return False
    return len(stems(_PRONOUN.sub(" ", question))) <= 3


def _rewrite(question: str, previous: str) -> str:
    if not is_followup(question):
        return question
    swap = _SUBJECT_SWAP.match(question)
    if swap:
        new = next(g for g in swap.groups() if g)
        return _swap_subject(previous, re.sub(r"^(?:the|in|for|at)\s+", "", new.strip(), flags=re.IGNORECASE))
    topic = _topic(previous)

    def replace(match: re.Match[str]) -> str:
        word = match.group(1).lower()
        return f"{topic}'s" if word in ("its", "their") else topic

    return _PRONOUN.sub(replace, question, count=1)


def _swap_subject(previous: str, new: str) -> str:
    """The previous question about `new` instead: swap a date for a date, a place for a place."""
    body = previous.rstrip(" ?.!")
    if _DATEISH.search(new):
        if _DATE_PHRASE.search(body):
            return _DATE_PHRASE.sub(lambda m: _keep_preposition(m.group(0), new), body, count=1) + "?"
        return f"{body} in {new}?"
    places = [n for n in names_in(body) if not n.isupper() and _place_like(body, n)]
    if places:
        return re.sub(re.escape(places[0]), new, body, count=1) + "?"
    return f"{body} in {new}?"


def _place_like(text: str, name: str) -> bool:
    """'Devon's ...', 'in Kent', 'for Halton': a name used as the place the question is about."""
    escaped = re.escape(name)
    return bool(re.search(rf"{escaped}['’]s\b|\b(?:in|for|at|by|of|from)\s+{escaped}\b", text))


def _keep_preposition(old: str, new: str) -> str:
    first = old.split()[0].lower()
    return f"{first} {new}" if first in ("in", "at", "for", "during") else new


def _topic(previous: str) -> str:
    """What the previous question was about: its proper names, else its words after the question word."""
    names = [n for n in names_in(previous) if not n.isupper()]
    if names:
        return " and ".join(names)
    rest = _LEADING_WH.sub("", previous).rstrip(" ?.!")
    return rest or previous.rstrip(" ?.!")
