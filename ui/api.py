"""The HTTP API: thin routes over one `Assistant` (parse, call one method, map the result).

`create_app(assistant)` builds the app, so tests pass a real assistant over a temporary store. Errors
reach clients as a status code and a reason, never a stack trace.
"""

from __future__ import annotations

import logging
import secrets
import shutil
from collections.abc import Iterator, Mapping, Sequence
from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, File, HTTPException, Path, Query, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.sse import EventSourceResponse, ServerSentEvent
from starlette.concurrency import run_in_threadpool

from assistant.access import LOCAL_ROLE, Role, may_change_papers
from assistant.briefing_export import docx_bytes, file_name, to_markdown
from assistant.errors import AnswererUnavailableError, AssistantError
from assistant.library import Upload, UploadTooLarge
from assistant.output import search_result_json
from assistant.schemas import (
    AskPublic,
    AskRequest,
    BriefPublic,
    BriefRequest,
    CommitmentPublic,
    CommitmentsPublic,
    CommitmentsRequest,
    DocumentPublic,
    HealthPublic,
    PassagePublic,
    SearchPublic,
    SearchRequest,
    UploadResultPublic,
)
from assistant.schemas import ChunkPublic as _Chunk
from assistant.service import Assistant
from ui.guards import RequestGuard
from vectorstore.filters import SearchFilters
from vectorstore.loader import FileOutcome

log = logging.getLogger(__name__)
MAX_FILES = 20
MAX_BODY = 4_000_000  # any request but an upload: a question, its history and filters are far smaller


def get_assistant(request: Request) -> Assistant:
    return request.app.state.assistant  # type: ignore[no-any-return]


def get_role(request: Request) -> Role:
    """The caller's role: from its X-API-Key when keys are configured (401 without a valid one), else the
    local user's."""
    keys: dict[str, Role] = request.app.state.keys
    if not keys:
        return LOCAL_ROLE
    key = request.headers.get("x-api-key", "")
    role = next((r for k, r in keys.items() if secrets.compare_digest(k.encode(), key.encode())), None)
    if role is None:
        raise HTTPException(401, "a valid X-API-Key header is required", headers={"WWW-Authenticate": "X-API-Key"})
    return role


def officer_only(role: Annotated[Role, Depends(get_role)]) -> Role:
    if not may_change_papers(role):
        raise HTTPException(403, "adding and removing papers needs the officer role")
    return role


AssistantDep = Annotated[Assistant, Depends(get_assistant)]
RoleDep = Annotated[Role, Depends(get_role)]

router = APIRouter(prefix="/api")


@router.post("/ask", response_model=AskPublic, summary="Answer a question with cited passages")
def ask(body: AskRequest, assistant: AssistantDep, role: RoleDep) -> AskPublic:
    answer = assistant.ask(body.question, body.turns(), _filters(body), body.k, role=role)
    return AskPublic.from_answer(answer)


@router.post("/ask/stream", response_class=EventSourceResponse,
             summary="Answer as server-sent events: `token` pieces, then one `answer` (the /api/ask shape)")
def ask_stream(body: AskRequest, assistant: AssistantDep, role: RoleDep) -> Iterator[ServerSentEvent]:
    try:
        for event in assistant.ask_stream(body.question, body.turns(), _filters(body), body.k, role=role):
            if event.kind == "token":
                yield ServerSentEvent(data={"text": event.text}, event="token")
            elif event.answer is not None:
                yield ServerSentEvent(data=AskPublic.from_answer(event.answer).model_dump(), event="answer")
    except AssistantError as exc:  # headers are sent by now: report the failure as an event
        log.warning("streamed answer failed: %s", exc)
        yield ServerSentEvent(data={"detail": str(exc)}, event="error")


@router.post("/search", response_model=SearchPublic, summary="Search the papers (hybrid BM25 + dense)")
def search(body: SearchRequest, assistant: AssistantDep, role: RoleDep) -> SearchPublic:
    filters = body.filters.to_filters() if body.filters else None
    hits = assistant.search(body.query, body.k, filters, role=role, mode=body.mode)
    return SearchPublic(query=body.query, results=[search_result_json(h) for h in hits])


@router.get("/documents", response_model=list[DocumentPublic], summary="List the ingested papers")
def list_documents(assistant: AssistantDep, role: RoleDep) -> list[DocumentPublic]:
    return [DocumentPublic.from_record(d) for d in assistant.library.documents(role)]


@router.post("/documents", response_model=list[UploadResultPublic], dependencies=[Depends(officer_only)],
             summary="Upload papers (.pdf .docx .html .txt .md); each is ingested and reported on (officers)")
async def upload_documents(files: Annotated[list[UploadFile], File(description="One or more papers.")],
                           assistant: AssistantDep) -> list[UploadResultPublic]:
    if not files:
        raise HTTPException(400, "no files in the upload")
    if len(files) > MAX_FILES:
        raise HTTPException(400, f"too many files: at most {MAX_FILES} per upload")
    library = assistant.library
    uploads: list[Upload] = []
    too_large: dict[int, FileOutcome] = {}  # by position in the upload, reported in order
    for i, f in enumerate(files):
        name = f.filename or "upload"
        try:
            uploads.append(await run_in_threadpool(library.receive, name, _blocks(f)))
        except UploadTooLarge as exc:
            too_large[i] = FileOutcome(name, "rejected", str(exc))
    if len(files) == 1:
        reason = too_large[0].reason if too_large else library.check_upload(uploads[0].name, uploads[0].size)
        if reason:
            for received in uploads:
                shutil.rmtree(received.path.parent, ignore_errors=True)
            status = 413 if "too large" in reason else 415 if "unsupported" in reason else 400
            raise HTTPException(status, reason)
    added = iter(await run_in_threadpool(library.add, uploads))
    outcomes = [too_large[i] if i in too_large else next(added) for i in range(len(files))]
    return [UploadResultPublic.from_outcome(o) for o in outcomes]


def _blocks(upload: UploadFile, size: int = 1 << 20) -> Iterator[bytes]:
    """An uploaded file's bytes a megabyte at a time (Starlette has spooled it to disk already)."""
    while block := upload.file.read(size):
        yield block


@router.delete("/documents/{document_id}", status_code=204, dependencies=[Depends(officer_only)],
               summary="Remove a paper and its passages (officers)")
def delete_document(document_id: Annotated[str, Path(max_length=64, pattern=r"^[\w-]+$")],
                    assistant: AssistantDep) -> None:
    if not assistant.library.delete(document_id):
        raise HTTPException(404, "no document with that id")


@router.get("/chunks/{chunk_id:path}", response_model=PassagePublic,
            summary="A passage with the passages just before and after it")
def get_chunk(chunk_id: Annotated[str, Path(max_length=300)], assistant: AssistantDep, role: RoleDep,
              before: int = 1, after: int = 1) -> PassagePublic:
    if not (0 <= before <= 5 and 0 <= after <= 5):
        raise HTTPException(422, "before and after must be between 0 and 5")
    passage = assistant.library.passage(chunk_id, before=before, after=after, role=role)
    if passage is None:
        raise HTTPException(404, "no passage with that id")
    return PassagePublic(chunk=_Chunk.from_chunk(passage.chunk), before=[_Chunk.from_chunk(c) for c in passage.before],
                         after=[_Chunk.from_chunk(c) for c in passage.after])


@router.get("/commitments", response_model=CommitmentsPublic,
            summary="The commitments register: decisions, actions and dated commitments, with follow-ups")
def commitments(params: Annotated[CommitmentsRequest, Query()], assistant: AssistantDep,
                role: RoleDep) -> CommitmentsPublic:
    items = assistant.register.items(params.to_query(), role=role)
    return CommitmentsPublic(items=[CommitmentPublic.from_item(i) for i in items])


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@router.post("/brief", response_model=BriefPublic,
             responses={200: {"content": {DOCX: {}, "text/markdown": {}}}},
             summary="Draft a briefing note on a topic: cited sections, sources, conflicting figures "
                     "(JSON, or a Markdown or Word file)")
def brief(body: BriefRequest, assistant: AssistantDep, role: RoleDep) -> Any:
    note = assistant.brief(body.topic, _filters(body), role=role)
    if body.format == "json":
        return BriefPublic.from_briefing(note)
    suffix, media, content = ((".docx", DOCX, docx_bytes(note)) if body.format == "docx"
                              else (".md", "text/markdown; charset=utf-8", to_markdown(note).encode()))
    return Response(content, media_type=media,
                    headers={"Content-Disposition": f'attachment; filename="{file_name(note, suffix)}"'})


@router.get("/health", response_model=HealthPublic, summary="Liveness, and what is loaded")
def health(assistant: AssistantDep, role: RoleDep) -> HealthPublic:
    documents = assistant.library.documents(role)
    return HealthPublic(status="ok", documents=len(documents), chunks=sum(d.chunks for d in documents),
                        answerer=assistant.answerer_name)


def _filters(body: AskRequest | BriefRequest) -> SearchFilters | None:
    return body.filters.to_filters() if body.filters else None


def _problem(error: Any) -> dict[str, Any]:
    """A validation error as location and message, printable whatever the input held."""
    where = [str(part)[:60] for part in error.get("loc", ())]
    message = str(error.get("msg", "invalid value"))[:200]
    clean = [w.encode("utf-8", "replace").decode("utf-8") for w in (*where, message)]
    return {"loc": clean[:-1], "msg": clean[-1], "type": str(error.get("type", ""))[:40]}


def create_app(assistant: Assistant, *, keys: Mapping[str, Role] | None = None,
               allowed_hosts: Sequence[str] = ("*",)) -> FastAPI:
    """The API app over `assistant`; OpenAPI docs at /docs. `keys` maps API keys to roles (none = every
    caller is the local officer); `allowed_hosts` are the Host names it answers to."""
    app = FastAPI(title="Clerk", version="0.1.0",
                  description="Cited answers from council committee papers. Every marker [n] maps to a passage.")
    app.state.assistant = assistant
    app.state.keys = dict(keys or {})
    app.include_router(router)
    upload_limit = int(MAX_FILES * assistant.library.max_file_mb * 1e6) + (1 << 20)
    app.add_middleware(RequestGuard, allowed_hosts=list(allowed_hosts),  # type: ignore[arg-type]
                       max_body={"": MAX_BODY, "/api/documents": upload_limit, "/gradio_api/upload": upload_limit})

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        # The reason only: echoing the input would return a 5 MB question whole, and a lone surrogate in
        # it cannot even be encoded.
        return JSONResponse(status_code=422, content={"detail": [_problem(e) for e in exc.errors()[:20]]})

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
