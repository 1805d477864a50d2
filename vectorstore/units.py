"""What dense search embeds for a passage: one vector per unit (sentence, list item, table row).

A small embedding model matches a question best against a single sentence: a whole paragraph dilutes
the one sentence that answers ("We currently have 8,412 learners with EHCPs" inside a list of workforce
targets). Each chunk is scored by its best unit. The units are `ingest.units.split_units`, the ones the
answerer quotes, so it reuses these vectors by their text instead of embedding the sentences again.
"""

from __future__ import annotations

from ingest.models import Chunk
from ingest.units import Unit, split_units

# The model reads at most 256 word pieces (about 1,000 characters); the gist of a unit is at its start.
MAX_CHARS = 600


def embedding_text(unit: Unit, title: str) -> str:
    """A unit as embedded. A table row is read with its report's title: "Overall effectiveness (Grade: Good)"
    alone matches no question about Birmingham's inspection, where a sentence would name what it is about."""
    text = f"{title}: {unit.text}" if unit.kind == "row" and title else unit.text
    return text[:MAX_CHARS]


def embedding_units(chunk: Chunk) -> list[str]:
    """The texts embedded for a chunk, in reading order; the passage itself when it has no unit."""
    texts = [embedding_text(u, chunk.report_title) for u in split_units(chunk)]
    return texts or [" ".join(chunk.text.split())[:MAX_CHARS]]
