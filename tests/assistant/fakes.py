"""Fakes written as real subclasses of langchain's `BaseChatModel` (no mocks of our own code)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult

Responder = Callable[[list[BaseMessage]], str]


class FakeChatModel(BaseChatModel):
    """Replies with `responder(messages)`, or with queued replies in order; records every prompt."""

    responder: Responder | None = None
    replies: list[str] = []
    prompts: list[list[BaseMessage]] = []
    chunk_size: int = 7  # characters per streamed chunk, so markers arrive split across chunks

    @property
    def _llm_type(self) -> str:
        return "fake-chat"

    def enqueue(self, *replies: str) -> FakeChatModel:
        self.replies.extend(replies)
        return self

    def _reply(self, messages: list[BaseMessage]) -> str:
        self.prompts.append(messages)
        if self.replies:
            return self.replies.pop(0)
        if self.responder is not None:
            return self.responder(messages)
        raise AssertionError("FakeChatModel has no reply queued")

    def _generate(self, messages: list[BaseMessage], stop: list[str] | None = None,
                  run_manager: CallbackManagerForLLMRun | None = None, **kwargs: Any) -> ChatResult:
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=self._reply(messages)))])

    def _stream(self, messages: list[BaseMessage], stop: list[str] | None = None,
                run_manager: CallbackManagerForLLMRun | None = None, **kwargs: Any) -> Iterator[ChatGenerationChunk]:
        text = self._reply(messages)
        for i in range(0, len(text), self.chunk_size):
            yield ChatGenerationChunk(message=AIMessageChunk(content=text[i : i + self.chunk_size]))


class BrokenChatModel(BaseChatModel):
    """An endpoint that is down."""

    @property
    def _llm_type(self) -> str:
        return "broken"

    def _generate(self, messages: list[BaseMessage], stop: list[str] | None = None,
                  run_manager: CallbackManagerForLLMRun | None = None, **kwargs: Any) -> ChatResult:
        raise ConnectionError("connection refused")


def obedient(messages: list[BaseMessage]) -> str:
    """A naive model that obeys any 'ignore previous instructions' in the user's message outside the
    <source> fences, and otherwise cites source 1 with its first sentence."""
    prompt = str(messages[-1].content)
    outside = re.sub(r"<source n=\"\d+\">.*?</source>", " ", prompt, flags=re.DOTALL)
    if re.search(r"ignore (all )?previous instructions", outside, re.IGNORECASE):
        return "HACKED: the council has no money [9]."
    first = re.search(r"<source n=\"1\">\s*\[1\][^\n]*\n(.+?)(?:\n|</source>)", prompt, re.DOTALL)
    sentence = first.group(1).split(". ")[0].rstrip(".") if first else "Nothing"
    return f"{sentence} [1]."
