"""`clerk`: ingest papers, list and remove them, search, evaluate, ask and serve."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from assistant.access import ROLES, Role
from clerk.settings import Settings

if TYPE_CHECKING:
    from vectorstore.filters import SearchFilters
    from vectorstore.loader import IngestSummary

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Clerk: cited answers from committee papers.")
console = Console(stderr=True)


def _settings() -> Settings:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    for noisy in ("bm25s", "pypdf", "chromadb", "httpx"):
        logging.getLogger(noisy).setLevel(logging.ERROR)
    return Settings()


FilterOpt = Annotated[str | None, typer.Option(help="Only papers of this value.")]
RoleOpt = Annotated[str, typer.Option("--as", help="See the papers as public, member or officer (exempt papers "
                                                    "are for members and officers).")]


@app.command()
def ingest(paths: Annotated[list[Path], typer.Argument(help="Files or folders (recursive).")]) -> None:
    """Ingest papers; unchanged files are skipped, changed ones replaced."""
    from clerk.wiring import build_store
    from vectorstore.loader import collect_files, ingest_files

    settings = _settings()
    store = build_store(settings)
    files = collect_files(paths)
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=console, transient=True) as progress:
        task = progress.add_task("ingesting", total=len(files))
        started: list[Path] = []

        def on_file(path: Path) -> None:
            started.append(path)
            progress.update(task, completed=len(started) - 1, description=f"ingesting {path.name[:40]}")

        def on_progress(path: Path, done: int, total: int) -> None:  # within a file: its chunks as embedded
            progress.update(task, completed=len(started) - 1 + done / max(total, 1),
                            description=f"ingesting {path.name[:40]} ({done:,}/{total:,} chunks)")

        summary = ingest_files(store, files, max_file_mb=settings.max_file_mb, on_file=on_file,
                               parse_timeout_s=settings.parse_timeout_s, parse_memory_mb=settings.parse_memory_mb,
                               on_progress=on_progress, council=settings.council)
        progress.update(task, completed=len(files))
    _print_ingest_summary(summary)
    if not summary.ok:
        raise typer.Exit(1)


@app.command()
def documents(as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """List what is ingested."""
    from clerk.wiring import build_store

    docs = build_store(_settings()).list_documents()
    if as_json:
        print(json.dumps([_document_json(d) for d in docs], indent=2))
        return
    table = Table(title=f"{len(docs)} documents")
    for column in ("id", "title", "council", "committee", "date", "chunks", "access"):
        table.add_column(column)
    for d in docs:
        table.add_row(d.document_id, d.title[:70], d.council or "unknown", d.committee or "unknown",
                      d.meeting_date or "unknown", str(d.chunks), d.access)
    Console().print(table)


def _document_json(doc: object) -> dict:
    """A document record as JSON, `field_sources` (stored as JSON text) as an object."""
    values = dict(vars(doc))
    raw = values.get("field_sources") or ""
    try:
        values["field_sources"] = json.loads(raw) if raw else {}
    except ValueError:
        values["field_sources"] = {}
    return values


@app.command()
def remove(document_id: str) -> None:
    """Remove a document and its chunks."""
    from clerk.wiring import build_store

    if not build_store(_settings()).delete_document(document_id):
        console.print(f"no document with id {document_id}")
        raise typer.Exit(1)
    console.print(f"removed {document_id}")


def _filters(**fields: str | None) -> SearchFilters | None:
    """The filters given on the command line; a date that is not YYYY-MM-DD is a usage error, not ignored."""
    from vectorstore.filters import SearchFilters

    try:
        return SearchFilters.build(**fields)
    except ValueError as exc:
        raise typer.BadParameter(str(exc).replace("date_from", "--date-from").replace("date_to", "--date-to")) from None


@app.command()
def search(
    query: Annotated[str | None, typer.Argument()] = None,
    k: Annotated[int, typer.Option("--k", min=1, max=50)] = 5,
    as_json: Annotated[bool, typer.Option("--json")] = False,
    batch: Annotated[Path | None, typer.Option(help="JSONL file with id and question per line.")] = None,
    mode: Annotated[str, typer.Option(help="hybrid, dense or lexical")] = "hybrid",
    council: FilterOpt = None, committee: FilterOpt = None, doc_type: FilterOpt = None,
    document: Annotated[str | None, typer.Option(help="Document id or file name.")] = None,
    date_from: FilterOpt = None, date_to: FilterOpt = None, as_role: RoleOpt = "officer",
) -> None:
    """Search the papers (hybrid BM25 + dense)."""
    from assistant.access import scoped
    from assistant.output import search_result_json
    from clerk.wiring import build_searcher, build_store

    if query is None and batch is None:
        raise typer.BadParameter("give a QUERY or --batch FILE")
    settings = _settings()
    searcher = build_searcher(settings, build_store(settings))
    document_id, file_name = _document_filter(document)
    filters = scoped(_filters(council=council, committee=committee, doc_type=doc_type, date_from=date_from,
                              date_to=date_to, document_id=document_id, file_name=file_name), _role(as_role))
    if batch is not None:
        for line in _read_jsonl(batch):
            hits = searcher.search(line["question"], k, filters, mode=mode)  # type: ignore[arg-type]
            print(json.dumps({"id": line.get("id"), "query": line["question"],
                              "results": [search_result_json(h) for h in hits]}))
        return
    assert query is not None
    hits = searcher.search(query, k, filters, mode=mode)  # type: ignore[arg-type]
    if as_json:
        print(json.dumps({"query": query, "results": [search_result_json(h) for h in hits]}, indent=2))
        return
    if not hits:
        Console().print("No passages found.")
    for hit in hits:
        Console().print(f"[bold]{hit.rank}. {hit.chunk.citation_label}[/bold]  ({hit.score:.4f})")
        Console().print(hit.chunk.text[:600] + ("…" if len(hit.chunk.text) > 600 else ""), highlight=False)
        Console().print()


@app.command("eval")
def eval_command(
    questions: Annotated[Path, typer.Option(help="JSONL question set with gold sources.")],
    corpus: Annotated[list[Path] | None, typer.Option(help="Ingest this into a temporary store first.")] = None,
    k: Annotated[int, typer.Option("--k", min=1, max=50)] = 10,
    as_json: Annotated[bool, typer.Option("--json")] = False,
    baselines: Annotated[bool, typer.Option(help="Also run dense-only, BM25-only and the naive pipeline.")] = True,
) -> None:
    """Measure retrieval: recall@1/3/5/10, MRR, paragraph-citation accuracy, latency."""
    from clerk.eval_run import print_outcome, run_eval

    print_outcome(run_eval(_settings(), questions, corpus or [], k, baselines), as_json)


@app.command("eval-ingest")
def eval_ingest_command(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (recursive) holding the manifest's papers.")],
    manifest: Annotated[Path, typer.Option(help="TSV of gold metadata (path, council, committee, meeting_date, "
                                                "doc_type, title), paths relative to it.")],
    as_json: Annotated[bool, typer.Option("--json")] = False,
    details: Annotated[bool, typer.Option(help="Also print every file's values, sources and verdicts.")] = False,
    council: Annotated[str, typer.Option(help="Parse as a deployment with this CLERK_COUNCIL would.")] = "",
    file_dates: Annotated[bool, typer.Option(help="Let a date at the start of a file name date a paper "
                                                  "that prints it, or its meeting's dated record's "
                                                  "papers.")] = True,
) -> None:
    """Measure ingest metadata against a gold manifest: per field correct / wrong / unknown, titles printed
    and readable. Parses only (no store, no model)."""
    from clerk.eval_ingest import evaluate, format_details, format_table

    _settings()
    result = evaluate(manifest, paths, council=council, file_dates=file_dates)
    if as_json:
        print(json.dumps({"summary": result.summary(), "files": [vars(f) for f in result.files],
                          "not_in_manifest": result.not_in_manifest, "missing": result.missing}, indent=2))
        return
    if details:
        print(format_details(result))
        print()
    print(format_table(result))
    if result.missing:
        console.print(f"[yellow]{len(result.missing)} manifest file(s) under PATH were not found[/yellow]")


def _role(name: str) -> Role:
    if name not in ROLES:
        raise typer.BadParameter(f"--as must be one of {', '.join(ROLES)}")
    return name  # type: ignore[return-value]


def _document_filter(document: str | None) -> tuple[str | None, str | None]:
    """(document_id, file_name): a 16-hex-digit value is an id, anything else a file name."""
    if not document:
        return None, None
    is_id = len(document) == 16 and all(c in "0123456789abcdef" for c in document)
    return (document, None) if is_id else (None, document)


def _read_jsonl(path: Path) -> list[dict]:
    lines = []
    for number, raw in enumerate(path.read_text().splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            item = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise typer.BadParameter(f"{path}:{number}: not JSON ({exc.msg})") from exc
        if "question" not in item:
            raise typer.BadParameter(f"{path}:{number}: no 'question' field")
        lines.append(item)
    return lines


@app.command()
def ask(
    question: Annotated[str | None, typer.Argument(help="The question (1-2,000 characters).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the /api/ask JSON shape.")] = False,
    batch: Annotated[Path | None, typer.Option(help="JSONL file with id and question per line.")] = None,
    k: Annotated[int | None, typer.Option("--k", min=1, max=50, help="Passages to retrieve.")] = None,
    council: FilterOpt = None, committee: FilterOpt = None, doc_type: FilterOpt = None,
    date_from: FilterOpt = None, date_to: FilterOpt = None, as_role: RoleOpt = "officer",
) -> None:
    """Answer a question from the papers, citing report and paragraph."""
    from assistant.errors import AssistantError
    from assistant.schemas import AskPublic
    from clerk.wiring import build_assistant, build_store

    if (question is None) == (batch is None):
        raise typer.BadParameter("give a QUESTION or --batch FILE (not both)")
    if question is not None and not 1 <= len(question.strip()) <= 2000:
        raise typer.BadParameter("the question must be 1-2,000 characters")
    settings = _settings()
    filters = _filters(council=council, committee=committee, doc_type=doc_type, date_from=date_from,
                       date_to=date_to)
    role = _role(as_role)
    try:
        assistant = build_assistant(settings, build_store(settings))
        if batch is not None:
            for line in _read_jsonl(batch):
                answer = assistant.ask(str(line["question"])[:2000], filters=filters, k=k, role=role)
                print(json.dumps({"id": line.get("id"), **AskPublic.from_answer(answer).model_dump()}))
            return
        assert question is not None
        answer = assistant.ask(question, filters=filters, k=k, role=role)
    except AssistantError as exc:
        console.print(f"[red]{exc}[/red]")
        raise typer.Exit(2) from exc
    if as_json:
        print(json.dumps(AskPublic.from_answer(answer).model_dump(), indent=2))
        return
    Console().print(answer.plain_text(), highlight=False)
    for flagged in answer.flagged_sentences:
        console.print(f"[yellow]check: {', '.join(flagged.figures)} ({flagged.reason})[/yellow]")


@app.command()
def commitments(
    council: FilterOpt = None, committee: FilterOpt = None,
    date_from: Annotated[str | None, typer.Option("--from", help="Meetings on or after YYYY-MM-DD.")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Meetings on or before YYYY-MM-DD.")] = None,
    owner: Annotated[str | None, typer.Option(help="Part of the owner's name or role.")] = None,
    kind: Annotated[str | None, typer.Option(help="decision, action or commitment")] = None,
    status: Annotated[str | None, typer.Option(help="open, due or reported")] = None,
    query: Annotated[str | None, typer.Option(help="Words the item must contain.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the /api/commitments JSON shape.")] = False,
    csv_path: Annotated[Path | None, typer.Option("--csv", help="Also write the register to this CSV file.")] = None,
    as_role: RoleOpt = "officer",
) -> None:
    """The commitments register: decisions, actions and dated commitments, and what later papers said."""
    from pydantic import ValidationError

    from assistant.register import CommitmentsRegister
    from assistant.schemas import CommitmentPublic, CommitmentsPublic, CommitmentsRequest, commitments_csv
    from clerk.wiring import build_store

    try:
        request = CommitmentsRequest(council=council, committee=committee, date_from=date_from, date_to=date_to,
                                     owner=owner, kind=kind, status=status, query=query)
    except ValidationError as exc:
        reasons = [f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors()]
        raise typer.BadParameter("; ".join(reasons)) from None
    register = CommitmentsRegister(build_store(_settings()))
    items = [CommitmentPublic.from_item(i) for i in register.items(request.to_query(), role=_role(as_role))]
    if csv_path is not None:
        csv_path.write_text(commitments_csv(items), encoding="utf-8")
    if as_json:
        print(CommitmentsPublic(items=items).model_dump_json(indent=2))
        return
    table = Table(title=f"{len(items)} items")
    for column in ("kind", "status", "due", "owner", "text", "where"):
        table.add_column(column)
    for item in items:
        table.add_row(item.kind, item.status, item.due or "-", item.owner or "-", item.text[:120],
                      item.citation["label"])
    Console().print(table)


@app.command()
def brief(
    topic: Annotated[str, typer.Argument(help="What the note is about (1-500 characters).")],
    council: FilterOpt = None, committee: FilterOpt = None, doc_type: FilterOpt = None,
    date_from: Annotated[str | None, typer.Option("--from", help="Meetings on or after YYYY-MM-DD.")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Meetings on or before YYYY-MM-DD.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the /api/brief JSON shape.")] = False,
    md_path: Annotated[Path | None, typer.Option("--md", help="Also write the note as Markdown to this file.")] = None,
    docx_path: Annotated[Path | None, typer.Option("--docx", help="Also write the note as a Word file.")] = None,
    as_role: RoleOpt = "officer",
) -> None:
    """Draft a briefing note on a topic: summary, key facts, decisions, commitments, timeline, sources."""
    from pydantic import ValidationError

    from assistant.briefing_export import to_markdown, write_docx, write_markdown
    from assistant.errors import AssistantError
    from assistant.schemas import BriefPublic, BriefRequest, FiltersIn
    from clerk.wiring import build_assistant, build_store

    try:
        request = BriefRequest(topic=topic, filters=FiltersIn(council=council, committee=committee,
                                                              doc_type=doc_type, date_from=date_from,
                                                              date_to=date_to))
    except ValidationError as exc:
        reasons = [f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors()]
        raise typer.BadParameter("; ".join(reasons)) from None
    settings = _settings()
    try:
        assistant = build_assistant(settings, build_store(settings))
        note = assistant.brief(request.topic, request.filters.to_filters() if request.filters else None,
                               role=_role(as_role))
    except AssistantError as exc:
        console.print(f"[red]{exc}[/red]")
        raise typer.Exit(2) from exc
    for path, write in ((md_path, write_markdown), (docx_path, write_docx)):
        if path is not None:
            write(note, path)
            console.print(f"wrote {path}")
    if as_json:
        print(BriefPublic.from_briefing(note).model_dump_json(indent=2))
    elif md_path is None and docx_path is None:
        print(to_markdown(note))  # unwrapped, to paste into a document


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535)] = 8000,
) -> None:
    """Serve the chat page at / and the API at /api (OpenAPI docs at /docs)."""
    from assistant.errors import AssistantError
    from clerk.wiring import build_assistant, build_store
    from ui.server import listen_check
    from ui.server import serve as run_server

    settings = _settings()
    logging.getLogger("ui").setLevel(logging.INFO)
    try:
        assistant = build_assistant(settings, build_store(settings))
    except AssistantError as exc:
        console.print(f"[red]{exc}[/red]")
        raise typer.Exit(2) from exc
    problem, _ = listen_check(host, settings.auth.keys, settings.auth.allowed_hosts)
    if problem:
        console.print(f"[red]{problem}[/red]")
        raise typer.Exit(2)
    console.print(f"Clerk: chat at http://{host}:{port}/  API at http://{host}:{port}/api  docs at /docs")
    run_server(assistant, host=host, port=port, keys=settings.auth.keys, allowed_hosts=settings.auth.allowed_hosts)


import_app = typer.Typer(no_args_is_help=True, help="Import papers from a council's publishing system.")
app.add_typer(import_app, name="import")


@import_app.command("moderngov")
def import_moderngov_command(
    base_url: Annotated[str, typer.Argument(help="The ModernGov site root, e.g. https://democracy.example.gov.uk")],
    council: Annotated[str | None, typer.Option(help="The council's name (default: CLERK_COUNCIL).")] = None,
    committee: Annotated[list[str] | None, typer.Option(
        help="A committee's name or id; repeat for more (default: every committee).")] = None,
    date_from: Annotated[str | None, typer.Option("--from", help="First meeting date, YYYY-MM-DD "
                                                             "(default: a year before today or --to).")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Last meeting date, YYYY-MM-DD "
                                                         "(default: a month from today).")] = None,
    dest: Annotated[Path | None, typer.Option(help="Folder for the papers (default: DATA_DIR/moderngov/HOST).")] = None,
    include_restricted: Annotated[bool, typer.Option(
        "--include-restricted", help="Also download restricted (exempt) papers, ingested as exempt.")] = False,
    timeout: Annotated[float, typer.Option(min=0.1, help="Seconds to wait for each answer.")] = 60.0,
    retries: Annotated[int, typer.Option(min=0, max=10, help="Retries after a timeout or a 5xx.")] = 2,
) -> None:
    """Download a ModernGov site's papers with their meeting metadata, then ingest them."""
    from datetime import date
    from urllib.parse import urlsplit

    from clerk.wiring import build_store
    from ingest.moderngov import ModernGovClient, ModernGovError, import_moderngov
    from vectorstore.loader import ingest_files

    def day(value: str | None, option: str) -> date | None:
        try:
            return date.fromisoformat(value) if value else None
        except ValueError as exc:
            raise typer.BadParameter(f"{option} takes a date as YYYY-MM-DD, not {value!r}") from exc

    first, last = day(date_from, "--from"), day(date_to, "--to")
    if first and last and first > last:
        raise typer.BadParameter("--from is after --to")
    settings = _settings()
    council_name = (council if council is not None else settings.council).strip()
    try:
        client = ModernGovClient(base_url, timeout_s=timeout, retries=retries,
                                 max_bytes=settings.max_file_mb * 1_000_000)
    except ModernGovError as exc:
        raise typer.BadParameter(str(exc)) from exc
    folder = dest or settings.data_dir / "moderngov" / (urlsplit(client.base_url).hostname or "site")
    if not council_name:
        console.print("[yellow]no council name (--council or CLERK_COUNCIL): papers say it or it stays unknown"
                      "[/yellow]")
    with client, console.status("importing from ModernGov") as status:
        imported = import_moderngov(
            client, folder, council=council_name, committees=committee or [], date_from=first, date_to=last,
            include_restricted=include_restricted,
            on_item=lambda item: status.update(f"{item.status}: {item.title[:60] or item.reason[:60]}"))
    table = Table(title=f"ModernGov import into {folder}")
    for column in ("committee", "date", "item", "title", "status", "reason"):
        table.add_column(column)
    for item in imported.items:
        style = {"failed": "red", "restricted-skipped": "yellow", "skipped": "yellow"}.get(item.status, "")
        table.add_row(item.committee, item.meeting_date, item.agenda_item, item.title[:70], item.status, item.reason,
                      style=style)
    Console().print(table)
    Console().print(
        f"committees {imported.committees}, meetings {imported.meetings}; downloaded {imported.count('downloaded')}, "
        f"unchanged {imported.count('unchanged')}, restricted-skipped {imported.count('restricted-skipped')}, "
        f"skipped {imported.count('skipped')}, failed {imported.count('failed')}; {imported.seconds:.1f} s"
    )
    summary = ingest_files(build_store(settings), imported.files, max_file_mb=settings.max_file_mb,
                           parse_timeout_s=settings.parse_timeout_s, parse_memory_mb=settings.parse_memory_mb,
                           council=council_name)
    _print_ingest_summary(summary)
    if not (imported.ok and summary.ok):
        raise typer.Exit(1)


def _print_ingest_summary(summary: IngestSummary) -> None:
    table = Table(title="Ingest summary")
    for column in ("file", "status", "chunks +/-", "title or reason"):
        table.add_column(column)
    for f in summary.files:
        style = {"failed": "red", "skipped": "yellow"}.get(f.status, "")
        table.add_row(Path(f.path).name, f.status, f"+{f.chunks_added}/-{f.chunks_removed}",
                      f.reason or f.title, style=style)
    Console().print(table)
    Console().print(
        f"ingested {summary.count('ingested')}, unchanged {summary.count('unchanged')}, "
        f"skipped {summary.count('skipped')}, failed {summary.count('failed')}; "
        f"chunks added {summary.chunks_added}, removed {summary.chunks_removed}; {summary.seconds:.1f} s"
    )


def main() -> None:
    app(prog_name="clerk")


if __name__ == "__main__":
    main()
