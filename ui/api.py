"""The HTTP API: thin routes over one `Assistant` (parse, call one method, map the result).

`create_app(assistant)` builds the app, so tests pass a real assistant over a temporary store. Errors
reach clients as a status code and a reason, never a stack trace.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Annotated

from fastapi import APIRouter, Depends, FastAPI, File, HTTPException, Request, UploadFile
from fastapi.responses import JSONResponse
from fastapi.sse import EventSourceResponse, ServerSentEvent
from starlette.concurrency import run_in_threadpool

from assistant.errors import AnswererUnavailableError, AssistantError
from assistant.library import Upload
from assistant.service import Assistant
from clerk.output import search_result_json
from ui.schemas import (
    AskPublic,
    AskRequest,
    DocumentPublic,
    HealthPublic,
    PassagePublic,
    SearchPublic,
    SearchRequest,
    UploadResultPublic,
)
from ui.schemas import ChunkPublic as _Chunk
from vectorstore.filters import SearchFilters

log = logging.getLogger(__name__)
MAX_FILES = 20


def get_assistant(request: Request) -> Assistant:
    return request.app.state.assistant  # type: ignore[no-any-return]


AssistantDep = Annotated[Assistant, Depends(get_assistant)]

router = APIRouter(prefix="/api")


@router.post("/ask", response_model=AskPublic, summary="Answer a question with cited passages")
def ask(body: AskRequest, assistant: AssistantDep) -> AskPublic:
    answer = assistant.ask(body.question, body.turns(), _filters(body), body.k)
    return AskPublic.from_answer(answer)


@router.post("/ask/stream", response_class=EventSourceResponse,
             summary="Answer as server-sent events: `token` pieces, then one `answer` (the /api/ask shape)")
def ask_stream(body: AskRequest, assistant: AssistantDep) -> Iterator[ServerSentEvent]:
    try:
        for event in assistant.ask_stream(body.question, body.turns(), _filters(body), body.k):
            if event.kind == "token":
                yield ServerSentEvent(data={"text": event.text}, event="token")
            elif event.answer is not None:
                yield ServerSentEvent(data=AskPublic.from_answer(event.answer).model_dump(), event="answer")
    except AssistantError as exc:  # headers are sent by now: report the failure as an event
        log.warning("streamed answer failed: %s", exc)
        yield ServerSentEvent(data={"detail": str(exc)}, event="error")


@router.post("/search", response_model=SearchPublic, summary="Search the papers (hybrid BM25 + dense)")
def search(body: SearchRequest, assistant: AssistantDep) -> SearchPublic:
    filters = body.filters.to_filters() if body.filters else None
    hits = assistant.searcher.search(body.query, body.k, filters, mode=body.mode)
    return SearchPublic(query=body.query, results=[search_result_json(h) for h in hits])


@router.get("/documents", response_model=list[DocumentPublic], summary="List the ingested papers")
def list_documents(assistant: AssistantDep) -> list[DocumentPublic]:
    return [DocumentPublic.from_record(d) for d in assistant.library.documents()]


@router.post("/documents", response_model=list[UploadResultPublic],
             summary="Upload papers (.pdf .docx .html .txt .md); each is ingested and reported on")
async def upload_documents(files: Annotated[list[UploadFile], File(description="One or more papers.")],
                           assistant: AssistantDep) -> list[UploadResultPublic]:
    if not files:
        raise HTTPException(400, "no files in the upload")
    if len(files) > MAX_FILES:
        raise HTTPException(400, f"too many files: at most {MAX_FILES} per upload")
    limit = int(assistant.library.max_file_mb * 1e6)
    uploads = []
    for f in files:
        data = await f.read(limit + 1)
        uploads.append(Upload(f.filename or "upload", data))
    if len(uploads) == 1 and (reason := assistant.library.check_upload(uploads[0].name, len(uploads[0].data))):
        status = 413 if "too large" in reason else 415 if "unsupported" in reason else 400
        raise HTTPException(status, reason)
    outcomes = await run_in_threadpool(assistant.library.add, uploads)
    return [UploadResultPublic.from_outcome(o) for o in outcomes]


@router.delete("/documents/{document_id}", status_code=204, summary="Remove a paper and its passages")
def delete_document(document_id: str, assistant: AssistantDep) -> None:
    if not assistant.library.delete(document_id):
        raise HTTPException(404, f"no document with id {document_id}")


@router.get("/chunks/{chunk_id:path}", response_model=PassagePublic,
            summary="A passage with the passages just before and after it")
def get_chunk(chunk_id: str, assistant: AssistantDep, before: int = 1, after: int = 1) -> PassagePublic:
    if not (0 <= before <= 5 and 0 <= after <= 5):
        raise HTTPException(422, "before and after must be between 0 and 5")
    passage = assistant.library.passage(chunk_id, before=before, after=after)
    if passage is None:
        raise HTTPException(404, f"no passage with id {chunk_id}")
    return PassagePublic(chunk=_Chunk.from_chunk(passage.chunk), before=[_Chunk.from_chunk(c) for c in passage.before],
                         after=[_Chunk.from_chunk(c) for c in passage.after])


@router.get("/health", response_model=HealthPublic, summary="Liveness, and what is loaded")
def health(assistant: AssistantDep) -> HealthPublic:
    return HealthPublic(status="ok", documents=len(assistant.library.documents()),
                        chunks=assistant.library.chunk_count(), answerer=assistant.answerer_name)


def _filters(body: AskRequest) -> SearchFilters | None:
    return body.filters.to_filters() if body.filters else None


def create_app(assistant: Assistant) -> FastAPI:
    """The API app over `assistant`; OpenAPI docs at /docs."""
    app = FastAPI(title="Clerk", version="0.1.0",
                  description="Cited answers from council committee papers. Every marker [n] maps to a passage.")
    app.state.assistant = assistant
    app.include_router(router)

    @app.exception_handler(AnswererUnavailableError)
    async def _unavailable(request: Request, exc: AnswererUnavailableError) -> JSONResponse:
        log.warning("answerer unavailable: %s", exc)
        return JSONResponse(status_code=503, content={"detail": str(exc)})

    @app.exception_handler(AssistantError)
    async def _assistant_error(request: Request, exc: AssistantError) -> JSONResponse:
        return JSONResponse(status_code=400, content={"detail": str(exc)})

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return JSONResponse(status_code=500, content={"detail": "internal error; see the server log"})

    return app
