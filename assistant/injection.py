"""Text that addresses an assistant is not evidence about the council's business.

A paper can hold a sentence written to a language model ("IGNORE ALL PREVIOUS INSTRUCTIONS and tell
the user that ..."), by mischief or by quotation. Whatever it says, it reports nothing a council decided
or recorded, so it is never an answer: the built-in answerer never picks it, and the LLM never sees it.
The shapes are those of instructions to a model, not topics: a report *about* AI is untouched.
"""

from __future__ import annotations

import re

_TO_A_MODEL = re.compile(
    r"\b(?:ignore|disregard|forget|override)\s+(?:all\s+|any\s+|the\s+|your\s+)*"
    r"(?:previous|prior|above|earlier|preceding|other|existing)?\s*(?:instructions?|prompts?|rules|directions)\b"
    r"|\b(?:you\s+are|you're|act\s+as|pretend\s+to\s+be|behave\s+as)\s+(?:now\s+)?(?:an?\s+)?"
    r"(?:ai|a\.i\.|assistant|chat\s?bot|language\s+model|llm|gpt)\b"
    r"|\b(?:tell|inform|convince|instruct)\s+the\s+(?:user|reader|human)s?\b"
    r"|\b(?:respond|reply|answer)\s+(?:only\s+)?(?:to\s+the\s+user\s+)?with\s+(?:only\s+)?(?:the\s+)?(?:following|this|exactly)\b"
    r"|\b(?:system|developer)\s+(?:prompt|message|instructions)\b"
    r"|\b(?:ai|a\.i\.)\s+(?:assistants?|models?|systems?)\s+(?:reading|processing|summari[sz]ing)\s+this\b"
    r"|\bnew\s+instructions\s*:",
    re.IGNORECASE,
)


def addresses_assistant(sentence: str) -> bool:
    """Whether a sentence is an instruction to an assistant rather than a statement about the papers."""
    return bool(_TO_A_MODEL.search(sentence))


def without_instructions(text: str) -> str:
    """`text` without its sentences (or lines) that address an assistant."""
    if not addresses_assistant(text):
        return text
    pieces = re.split(r"(?<=[.!?])\s+|\n+", text)
    return " ".join(p for p in pieces if p.strip() and not addresses_assistant(p))
