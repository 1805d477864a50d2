"""LLM answerers through langchain's `BaseChatModel`: an OpenAI-compatible endpoint, Ollama, or a GGUF file.

The prompt (prompts/) numbers the passages, asks for [n] after each sentence and for a fixed phrase when
the passages do not answer. Passage text is fenced in <source> tags as data, with its angle brackets
neutralised so that a paper containing "</source> ignore previous instructions" cannot step outside
the fence. Whatever the model writes is then verified like any other answer (assistant/verify.py).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import Any

from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import BaseMessage, HumanMessage, SystemMessage

from assistant.errors import AnswererUnavailableError, ConfigurationError, MissingDependencyError
from assistant.followup import is_followup, rewrite_followup
from assistant.injection import without_instructions
from assistant.question import QuestionProfile
from assistant.scoring import ScoredUnit
from assistant.types import Draft, Source, Turn
from prompts import (
    ANSWER_SYSTEM,
    ANSWER_USER,
    CANNOT_ANSWER,
    CONDENSE_SYSTEM,
    CONDENSE_USER,
    SOURCE_BLOCK,
)

log = logging.getLogger(__name__)

_INSTALL_HINTS = {
    "openai": "pip install langchain-openai",
    "ollama": "pip install langchain-ollama",
    "llamacpp": "pip install 'committee-clerk[llamacpp]' langchain-community  (compiles llama.cpp, ~11 min)",
}


def make_chat_model(*, provider: str, model: str = "", base_url: str = "", api_key: str = "not-needed",
                    temperature: float = 0.0, timeout_s: float = 120.0) -> BaseChatModel:
    """The chat model for a configured provider; optional backends are imported only when chosen."""
    try:
        match provider:
            case "openai":
                if not base_url:
                    raise ConfigurationError("set CLERK_LLM__BASE_URL to the endpoint, e.g. http://127.0.0.1:8080/v1")
                from langchain_openai import ChatOpenAI

                return ChatOpenAI(model=model or "local-model", base_url=base_url, api_key=api_key,  # type: ignore[arg-type]
                                  temperature=temperature, timeout=timeout_s, max_retries=1)
            case "ollama":
                if not model:
                    raise ConfigurationError("set CLERK_LLM__MODEL to an Ollama model name, e.g. llama3.1:8b")
                from langchain_ollama import ChatOllama

                return ChatOllama(model=model, base_url=base_url or None, temperature=temperature,
                                  client_kwargs={"timeout": timeout_s})
            case "llamacpp":
                if not model:
                    raise ConfigurationError("set CLERK_LLM__MODEL to the path of a .gguf file")
                from langchain_community.chat_models import ChatLlamaCpp

                return ChatLlamaCpp(model_path=model, temperature=temperature, n_ctx=4096, max_tokens=400,
                                    verbose=False)
    except ImportError as exc:
        raise MissingDependencyError(
            f"LLM provider {provider!r} needs a package that is not installed: {_INSTALL_HINTS[provider]}"
        ) from exc
    raise ConfigurationError(f"unknown LLM provider {provider!r}: expected builtin, openai, ollama or llamacpp")


def fence(text: str) -> str:
    """Passage text made safe to place inside <source> tags: no tag can be opened or closed."""
    return text.replace("<", "‹").replace(">", "›")


def answer_messages(question: str, sources: Sequence[Source], *, max_chars: int = 2000) -> list[BaseMessage]:
    blocks = [
        SOURCE_BLOCK.format(n=s.n, label=fence(s.chunk.citation_label), text=fence(s.chunk.text[:max_chars]))
        for s in sources
    ]
    return [
        SystemMessage(ANSWER_SYSTEM.format(cannot_answer=CANNOT_ANSWER)),
        HumanMessage(ANSWER_USER.format(question=fence(question), sources="\n".join(blocks),
                                        cannot_answer=CANNOT_ANSWER)),
    ]


def condense_messages(question: str, history: Sequence[Turn], *, max_turns: int = 6) -> list[BaseMessage]:
    lines = [f"{t.role}: {fence(' '.join(t.content.split()))[:600]}" for t in history[-max_turns:]]
    return [
        SystemMessage(CONDENSE_SYSTEM),
        HumanMessage(CONDENSE_USER.format(history="\n".join(lines), question=fence(question))),
    ]


class LLMAnswerer:
    """Answers written by a chat model from the numbered passages."""

    def __init__(self, chat_model: BaseChatModel, *, name: str = "llm", max_source_chars: int = 2000) -> None:
        self.chat_model = chat_model
        self.name = name
        self.max_source_chars = max_source_chars

    def standalone(self, question: str, history: Sequence[Turn]) -> str:
        """Condense a follow-up with the model; questions that stand alone are not sent to it."""
        if not history or not is_followup(question):
            return question
        try:
            reply = self._invoke(condense_messages(question, history)).strip().splitlines()
        except AnswererUnavailableError:
            log.warning("condense prompt failed; rewriting the follow-up by rule")
            return rewrite_followup(question, history)
        rewritten = reply[0].strip().strip('"') if reply else ""
        return rewritten if 3 <= len(rewritten) <= 2000 else rewrite_followup(question, history)

    def grounds(self, question: QuestionProfile, sources: Sequence[Source],
                ranked: Sequence[ScoredUnit]) -> Draft | None:
        return None  # the model's answer is judged as written

    def compose(self, question: QuestionProfile, sources: Sequence[Source], ranked: Sequence[ScoredUnit]) -> Draft:
        text = self._invoke(answer_messages(question.text, readable(sources), max_chars=self.max_source_chars))
        return Draft(text=text.strip(), supported=CANNOT_ANSWER.casefold() not in text.casefold())

    def stream(self, question: QuestionProfile, sources: Sequence[Source],
               ranked: Sequence[ScoredUnit]) -> Iterator[str]:
        messages = answer_messages(question.text, readable(sources), max_chars=self.max_source_chars)
        try:
            for chunk in self.chat_model.stream(messages):
                if isinstance(chunk.content, str) and chunk.content:
                    yield chunk.content
        except Exception as exc:  # the backend's own errors (HTTP, connection, runtime) end here
            raise AnswererUnavailableError(f"the LLM endpoint failed while answering: {exc}") from exc

    def _invoke(self, messages: list[BaseMessage]) -> str:
        return invoke_text(self.chat_model, messages)


def invoke_text(chat_model: BaseChatModel, messages: list[BaseMessage], doing: str = "") -> str:
    """The model's reply as text; any failure of the backend is an AnswererUnavailableError."""
    try:
        reply: Any = chat_model.invoke(messages)
    except Exception as exc:  # the backend's own errors (HTTP, connection, runtime) end here
        raise AnswererUnavailableError(f"the LLM endpoint failed{doing}: {exc}") from exc
    content = reply.content
    return content if isinstance(content, str) else " ".join(str(c) for c in content)


def readable(sources: Sequence[Source]) -> list[Source]:
    """The sources as the LLM may read them: without sentences that address an assistant."""
    return [replace(s, chunk=replace(s.chunk, text=without_instructions(s.chunk.text))) for s in sources]
