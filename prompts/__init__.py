"""Prompt templates (plain constants) for the LLM answerers, the briefing writer and the follow-up condenser."""

from prompts.templates import (
    ANSWER_SYSTEM,
    ANSWER_USER,
    BRIEF_SYSTEM,
    BRIEF_USER,
    CANNOT_ANSWER,
    CONDENSE_SYSTEM,
    CONDENSE_USER,
    PLACEHOLDERS,
    SOURCE_BLOCK,
)

__all__ = [
    "ANSWER_SYSTEM",
    "ANSWER_USER",
    "BRIEF_SYSTEM",
    "BRIEF_USER",
    "CANNOT_ANSWER",
    "CONDENSE_SYSTEM",
    "CONDENSE_USER",
    "PLACEHOLDERS",
    "SOURCE_BLOCK",
]
