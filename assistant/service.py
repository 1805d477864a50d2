"""The assistant: rewrite a follow-up -> retrieve -> check the evidence -> compose -> verify -> answer.

One `Assistant` serves the API, the chat page and the CLI in-process. The answerer is the built-in
extractive one unless settings choose an LLM; refusal and citation checks apply to both.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator, Sequence
from typing import Protocol

from assistant.access import LOCAL_ROLE, Role, scoped
from assistant.briefing import Briefing, BriefingWriter, BuiltinBriefingWriter, build_briefing
from assistant.library import PaperLibrary
from assistant.question import QuestionProfile, profile
from assistant.refusal import Evidence, RefusalPolicy
from assistant.register import CommitmentsRegister
from assistant.scope import councils_named, speaking_for
from assistant.scoring import ScoredUnit, SentenceScorer
from assistant.types import Answer, Citation, Draft, Source, StreamEvent, Turn
from assistant.vectors import QueryCachedEmbeddings, stored_lookup
from assistant.verify import MarkerRenumberer, verify
from prompts import CANNOT_ANSWER
from vectorstore.filters import SearchFilters
from vectorstore.search import HybridSearcher, Mode, SearchHit
from vectorstore.units import embedding_units

log = logging.getLogger(__name__)


class Answerer(Protocol):
    """Writes an answer whose markers [n] refer to the numbered sources."""

    name: str

    def standalone(self, question: str, history: Sequence[Turn]) -> str: ...

    def compose(self, question: QuestionProfile, sources: Sequence[Source], ranked: Sequence[ScoredUnit]) -> Draft: ...

    def stream(self, question: QuestionProfile, sources: Sequence[Source],
               ranked: Sequence[ScoredUnit]) -> Iterator[str]: ...

    def grounds(self, question: QuestionProfile, sources: Sequence[Source],
                ranked: Sequence[ScoredUnit]) -> Draft | None:
        """The narrower answer the composed one stands on, judged in its place; None to judge the answer itself."""


class _Prepared:
    """Everything decided before the answer is written."""

    def __init__(self, question: str, standalone: str, sources: list[Source], ranked: list[ScoredUnit],
                 evidence: Evidence, timings: dict[str, float]) -> None:
        self.question = question
        self.standalone = standalone
        self.profile = profile(standalone)
        self.sources = sources
        self.ranked = ranked
        self.evidence = evidence
        self.timings = timings


class Assistant:
    def __init__(self, searcher: HybridSearcher, answerer: Answerer, *, scorer: SentenceScorer | None = None,
                 refusal: RefusalPolicy | None = None, default_k: int = 6, further_reading: int = 3,
                 library: PaperLibrary | None = None, briefing_writer: BriefingWriter | None = None) -> None:
        self.searcher = searcher
        self.answerer = answerer
        store = searcher.store
        if not isinstance(store.embeddings, QueryCachedEmbeddings):
            # Search and sentence scoring embed the same question: share one vector per question.
            store.embeddings = QueryCachedEmbeddings(store.embeddings)
        self.scorer = scorer or SentenceScorer(store.embeddings, stored=stored_lookup(store))
        self.refusal = refusal or RefusalPolicy()
        if self.refusal.papers is None:  # what only names the paper is checked against the whole paper
            self.refusal.papers = lambda document_id, first_page: store.paper_chunks(document_id, first_page=first_page)
        self.default_k = default_k
        self.further_reading = further_reading
        self.library = library or PaperLibrary(searcher.store)
        self.register = CommitmentsRegister(searcher.store)
        self.briefing_writer = briefing_writer or BuiltinBriefingWriter()
        self._lock = threading.Lock()  # the sentence cache and the embedding model are shared

    @property
    def answerer_name(self) -> str:
        return self.answerer.name

    def warm_up(self, *, batch: int = 32, pause_s: float = 0.05, stop: threading.Event | None = None) -> int:
        """Embed the sentences of stored passages that have no stored vector, so first answers are fast.

        Meant for a background thread at server start; stops when the sentence cache is full or `stop` is set.
        A store that keeps sentence vectors itself needs (almost) nothing here.
        """

        if self.scorer.vectors.stored is not None:
            return 0
        index = self.searcher.store.lexical()
        done = 0
        for start in range(0, len(index.ids), batch):
            if (stop is not None and stop.is_set()) or self.scorer.vectors.cache_full:
                break
            chunks = self.searcher.store.get_chunks(index.ids[start : start + batch])
            texts = [text for c in chunks for text in embedding_units(c)]
            with self._lock:
                done += self.scorer.vectors.prefetch(texts)
            time.sleep(pause_s)  # leave the CPU to questions
        log.info("warm-up embedded %d sentences", done)
        return done

    def search(self, query: str, k: int | None = None, filters: SearchFilters | None = None, *,
               role: Role = LOCAL_ROLE, mode: Mode = "hybrid") -> list[SearchHit]:
        return self.searcher.search(query, k or self.default_k, scoped(filters, role), mode=mode)

    def ask(self, question: str, history: Sequence[Turn] = (), filters: SearchFilters | None = None,
            k: int | None = None, *, role: Role = LOCAL_ROLE) -> Answer:
        started = time.perf_counter()
        prep = self._prepare(question, history, scoped(filters, role), k)
        if not prep.evidence.supported:
            return self._refusal(prep, started)
        t = time.perf_counter()
        draft = self.answerer.compose(prep.profile, prep.sources, prep.ranked)
        grounds = self.answerer.grounds(prep.profile, prep.sources, prep.ranked)
        prep.timings["compose"] = _ms(t)
        return self._finish(prep, draft, started, grounds)

    def brief(self, topic: str, filters: SearchFilters | None = None, *, role: Role = LOCAL_ROLE) -> Briefing:
        """A briefing note on `topic` from the papers `role` may see (assistant/briefing.py)."""
        return build_briefing(self, topic, filters, role=role, writer=self.briefing_writer)

    def ask_stream(self, question: str, history: Sequence[Turn] = (), filters: SearchFilters | None = None,
                   k: int | None = None, *, role: Role = LOCAL_ROLE) -> Iterator[StreamEvent]:
        """Pieces of the answer as they are written, then the verified answer (same text, same markers)."""
        started = time.perf_counter()
        prep = self._prepare(question, history, scoped(filters, role), k)
        if not prep.evidence.supported:
            answer = self._refusal(prep, started)
            yield StreamEvent("token", text=answer.text)
            yield StreamEvent("answer", answer=answer)
            return
        t = time.perf_counter()
        renumber = MarkerRenumberer(len(prep.sources))
        raw: list[str] = []
        for delta in self.answerer.stream(prep.profile, prep.sources, prep.ranked):
            raw.append(delta)
            if out := renumber.feed(delta):
                yield StreamEvent("token", text=out)
        if out := renumber.close():
            yield StreamEvent("token", text=out)
        grounds = self.answerer.grounds(prep.profile, prep.sources, prep.ranked)
        prep.timings["compose"] = _ms(t)
        text = "".join(raw).strip()
        draft = Draft(text=text, supported=bool(text) and CANNOT_ANSWER.casefold() not in text.casefold())
        yield StreamEvent("answer", answer=self._finish(prep, draft, started, grounds))

    def _prepare(self, question: str, history: Sequence[Turn], filters: SearchFilters | None,
                 k: int | None) -> _Prepared:
        timings: dict[str, float] = {}
        t = time.perf_counter()
        standalone = self.answerer.standalone(question, history) if history else question.strip()
        timings["rewrite"] = _ms(t)
        t = time.perf_counter()
        question_profile = profile(standalone)
        hits = self.searcher.search(standalone, k or self.default_k, filters)
        timings["retrieve"] = _ms(t)
        sources = [Source(i, h.chunk, h.score, list(h.merged_chunk_ids), list(h.copies))
                   for i, h in enumerate(hits, start=1)]
        t = time.perf_counter()
        with self._lock:
            ranked = self.scorer.score(question_profile, sources)
        councils = councils_named(standalone)
        in_scope = speaking_for(councils, ranked)
        evidence = self.refusal.assess(question_profile, sources, in_scope)
        if ranked and not in_scope:
            evidence.reason = f"no passage found is from the papers of {' or '.join(sorted(councils))} or names it"
        elif not evidence.reason:
            evidence.reason = self.refusal.answered_elsewhere(councils, ranked, in_scope)
        ranked = in_scope
        timings["score"] = _ms(t)
        if evidence.reason:
            log.info("refusing %r: %s", standalone, evidence.reason)
        return _Prepared(question, standalone, sources, ranked, evidence, timings)

    def _finish(self, prep: _Prepared, draft: Draft, started: float, grounds: Draft | None = None) -> Answer:
        if not draft.supported or not draft.text:
            return self._refusal(prep, started)
        t = time.perf_counter()
        checked = verify(draft.text, prep.sources, draft.quotes)
        prep.timings["verify"] = _ms(t)
        cited = {c.chunk.chunk_id for c in checked.citations}  # citations are renumbered by verify
        used = [s for s in prep.sources if s.chunk.chunk_id in cited]
        judged = checked.text
        if grounds is not None and grounds.text:  # judged on what it stands on, its context sentences aside
            used, judged = [s for s in prep.sources if s.n in grounds.quotes], grounds.text
        reason = self.refusal.unsupported_by(prep.profile, used, judged, prep.sources)
        if reason:
            log.info("refusing %r after composing: %s", prep.standalone, reason)
            prep.evidence.reason = reason
            return self._refusal(prep, started)
        prep.timings["total"] = _ms(started)
        answer = Answer(
            question=prep.question, standalone_question=prep.standalone, text=checked.text,
            supported=bool(checked.citations), citations=checked.citations,
            flagged_sentences=checked.flagged, removed_markers=checked.removed_markers,
            timings_ms=prep.timings, answerer=self.answerer.name, evidence_score=prep.evidence.best_score,
            evidence_semantic=prep.evidence.best_semantic,
        )
        if not checked.citations:
            answer.further_reading = self._nearest(prep)
        return answer

    def _refusal(self, prep: _Prepared, started: float) -> Answer:
        prep.timings["total"] = _ms(started)
        return Answer(
            question=prep.question, standalone_question=prep.standalone, text=CANNOT_ANSWER, supported=False,
            further_reading=self._nearest(prep), timings_ms=prep.timings, answerer=self.answerer.name,
            refusal_reason=prep.evidence.reason or "the answerer found no answer in the passages",
            evidence_score=prep.evidence.best_score, evidence_semantic=prep.evidence.best_semantic,
        )

    def _nearest(self, prep: _Prepared) -> list[Citation]:
        """The best passages, each with its best sentence, for "you may want to read"."""
        best_quote: dict[int, str] = {}
        for s in prep.ranked:
            best_quote.setdefault(s.source.n, s.unit.quote)
        return [Citation(i, s.chunk, s.score, [best_quote[s.n]] if s.n in best_quote else [], s.copies)
                for i, s in enumerate(prep.sources[: self.further_reading], start=1)]


def _ms(since: float) -> float:
    return round((time.perf_counter() - since) * 1000, 1)
