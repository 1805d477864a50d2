"""The councils a question is about, and whether a sentence can speak for them.

A store serving several councils holds the same services in every council's papers: asked how many
civil enforcement officers Bristol deploys, the strongest sentence may be Nottingham's. A sentence from
another council's paper answers a question about Bristol only when it names Bristol itself ("the
county, including the Medway towns"). Councils are read with the gazetteer (real UK councils, their
places and aliases), never from any capitalised word; a paper whose council is unknown is never ruled
out, as an unknown value must not decide.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.question import typed_places
from assistant.scoring import ScoredUnit
from ingest.gazetteer import Body, gazetteer, normalise
from ingest.models import Chunk

# A question's first word is no place when a determiner follows it ("Reading the minutes, ..."), as it
# is in "Knowsley child protection plans - ..." or "Medway's EHCPs"; anywhere else a place counts, after a
# colon too.
_FIRST_WORD = re.compile(r"^\W*[A-Z][\w-]*(?=\s+(?:the|a|an|this|that|these|those|through|over|our|its)\b)",
                         re.IGNORECASE)


def councils_named(text: str, *, initial: bool = False) -> frozenset[str]:
    """Official names of the councils (and combined authorities) `text` names, by name or by place; in a
    question (not `initial`), a first word followed by a determiner is read as a verb, not a place."""
    g = gazetteer()
    if not initial:
        text = _FIRST_WORD.sub(lambda m: m.group(0).lower(), text, count=1)
    bodies = {body for body, _ in g.mentions(text)} | set(g.place_mentions(text, initial=True,
                                                                          councils_only=False))
    if not initial:  # a question typed without capitals names its council in lower case
        bodies |= {b for p in typed_places(text) if (b := g.body_of(p)) is not None}
    return frozenset(b.name for b in bodies)


def in_scope(councils: frozenset[str], scored: ScoredUnit) -> bool:
    """Whether a sentence can speak for the councils a question names: its paper is theirs (or of an
    unknown council, or of the council its place had before a merger), or the sentence, its heading or its
    report's title names one of them."""
    return passage_in_scope(councils, scored.source.chunk, scored.unit.text)


def passage_in_scope(councils: frozenset[str], chunk: Chunk, text: str) -> bool:
    """`in_scope` for `text` printed in `chunk` (a sentence, or a register item)."""
    if not councils:
        return True
    body = _body(chunk.council)
    # A combined authority's papers speak for its member councils and a council's for the authority it
    # belongs to; membership is not in the gazetteer, so either side being one rules nothing out.
    if body is None or body.name in councils or not body.is_council or not all(_is_council(c) for c in councils):
        return True
    if _place(body) in {_place(b) for c in councils if (b := _body(c)) is not None}:
        return True  # "Somerset County Council" (abolished) for a question about Somerset
    return bool(councils & councils_named(f"{text}\n{chunk.section}\n{chunk.report_title}", initial=True))


def speaking_for(councils: frozenset[str], ranked: Sequence[ScoredUnit]) -> list[ScoredUnit]:
    return [s for s in ranked if in_scope(councils, s)]


def _body(council: str) -> Body | None:
    return gazetteer().canonical(council) if council else None


def _place(body: Body) -> str:
    return normalise(body.place.split("(")[0])


def _is_council(name: str) -> bool:
    body = gazetteer().canonical(name)
    return body is not None and body.is_council
