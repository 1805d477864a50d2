"""Gold matching for evaluation: does a retrieved passage contain a gold quote?

A chunk hits a gold source when it comes from the gold file and at least half of the quote's word
5-grams (lower-cased, punctuation and whitespace normalised) occur in it. Quotes shorter than five
words need all their words, in order.
"""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[^\w£%]+")


def normalise(text: str) -> list[str]:
    text = unicodedata.normalize("NFKC", text).lower().replace("’", "'").replace("'", "")
    return [w for w in _NON_WORD.split(text) if w]


def ngrams(words: list[str], n: int = 5) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def quote_in_text(quote: str, text: str, threshold: float = 0.5) -> bool:
    quote_words, text_words = normalise(quote), normalise(text)
    if not quote_words:
        return False
    if len(quote_words) < 5:
        joined = " " + " ".join(text_words) + " "
        return " " + " ".join(quote_words) + " " in joined
    wanted = ngrams(quote_words)
    return len(wanted & ngrams(text_words)) >= threshold * len(wanted)


def same_file(gold_file: str, file_name: str) -> bool:
    return gold_file.rsplit("/", 1)[-1] == file_name
