"""The units embedded for dense search: a chunk's sentences, list items and table rows.

A small embedding model matches a question best against a single sentence: a whole paragraph dilutes
the one sentence that answers ("We currently have 8,412 learners with EHCPs" inside a list of
workforce targets). Each chunk is scored by its best unit.
"""

from __future__ import annotations

import re

_BOUNDARY = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"'“‘(£]?[A-Z0-9£])|\n+")
_MIN_CHARS = 15


def embedding_units(text: str, max_chars: int = 600) -> list[str]:
    """Sentences and lines of a passage, long ones cut at `max_chars`; the passage itself if none qualify."""
    units = []
    for piece in _BOUNDARY.split(text):
        piece = " ".join(piece.replace("\t", " | ").split())
        while len(piece) > max_chars:
            cut = piece.rfind(" ", 0, max_chars)
            cut = cut if cut > max_chars // 2 else max_chars
            units.append(piece[:cut])
            piece = piece[cut:].strip()
        if len(piece) >= _MIN_CHARS:
            units.append(piece)
    return units or [" ".join(text.split())[:max_chars]]
