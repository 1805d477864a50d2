"""The chat page (Gradio Blocks), calling the same `Assistant` as the API, in-process.

Left: the conversation (answers stream in; each ends with its numbered sources), a picker for the
sources of the selected answer, and the answer with its references as plain text to copy into an
e-mail; "Draft a briefing note" takes the text in the box as a note's topic (shown, and as DOCX).
Right: the cited passage in full with its neighbours and the quoted sentence highlighted,
filters for the next question, and an upload box for more papers.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import gradio as gr
from gradio import utils as gr_utils
from pydantic import ValidationError

from assistant.access import LOCAL_ROLE, ROLES, Role, may_change_papers
from assistant.briefing_export import docx_bytes, file_name, to_markdown
from assistant.errors import AssistantError
from assistant.library import PaperLibrary, Upload, UploadTooLarge
from assistant.schemas import MAX_QUESTION, MAX_TOPIC, BriefRequest
from assistant.service import Assistant
from assistant.types import Answer, Turn
from ingest.extract import SUPPORTED_SUFFIXES
from ui.commitments_tab import build_commitments_tab
from ui.downloads import DownloadFolder
from ui.render import CSS, answer_markdown, passage_html, source_choices
from vectorstore.filters import SearchFilters, iso_day
from vectorstore.loader import FileOutcome

log = logging.getLogger(__name__)

EMPTY_VIEWER = "<p class='clerk-file'>Pick a source under the chat to read the passage it cites.</p>"


def build_chat(assistant: Assistant, *, keys: Mapping[str, Role] | None = None) -> gr.Blocks:
    """The chat page. With `keys`, the page's sign-in takes a role as user name and its key as password
    (`login_check`), and each event runs with that role; without, the local user is an officer."""
    keys = dict(keys or {})
    downloads = DownloadFolder()

    def role_of(request: gr.Request | None) -> Role:
        if not keys:
            return LOCAL_ROLE
        name = getattr(request, "username", None) if request is not None else None
        return name if name in ROLES else "public"  # type: ignore[return-value]

    with gr.Blocks(title="Clerk - council papers") as page:
        conversation = gr.State([])  # [{"question": str, "answer": Answer}]
        current = gr.State(-1)  # which answer the source picker shows
        gr.Markdown("## Clerk\nAsk about the committee papers. Every statement cites its paper and paragraph.")
        with gr.Tab("Ask", elem_id="tab-ask"), gr.Row():
            with gr.Column(scale=3):
                chatbot = gr.Chatbot(label="Conversation", height=480, elem_id="chat", buttons=["copy"],
                                     feedback_options=None)
                question = gr.Textbox(placeholder="e.g. What is the timetable for opening Staying Close properties?",
                                      show_label=False, lines=1, max_lines=6, elem_id="question",
                                      info="Enter sends the question; Shift+Enter starts a new line.")
                with gr.Row():
                    ask_button = gr.Button("Ask", variant="primary", elem_id="ask")
                    brief_button = gr.Button("Draft a briefing note", elem_id="brief")
                    new_button = gr.Button("New conversation", elem_id="new")
                sources = gr.Radio(choices=[], label="Sources of the selected answer (pick one to read it)",
                                   elem_id="sources")
                copy_box = gr.Textbox(label="Copy answer with references (plain text for an e-mail)", lines=6,
                                      interactive=False, buttons=["copy"], elem_id="copy")
                brief_file = gr.DownloadButton("Download the briefing note (Word)", value=None, visible=False,
                                               elem_id="brief-docx")
                brief_view = gr.Markdown(elem_id="brief-note")
            with gr.Column(scale=2):
                viewer = gr.HTML(EMPTY_VIEWER, elem_id="passage")
                with gr.Accordion("Filters for the next question", open=False):
                    council, committee, doc_type = (
                        gr.Dropdown(choices=c, value=None, label=label, allow_custom_value=True, elem_id=eid)
                        for c, label, eid in zip(_choices(assistant, "public" if keys else LOCAL_ROLE),
                                                 ("Council", "Committee", "Document type"),
                                                 ("f-council", "f-committee", "f-doctype"), strict=True)
                    )
                    with gr.Row():
                        date_from = gr.Textbox(label="Meetings from (YYYY-MM-DD)", elem_id="f-from")
                        date_to = gr.Textbox(label="Meetings to (YYYY-MM-DD)", elem_id="f-to")
                with gr.Accordion("Add papers", open=False):
                    files = gr.File(file_count="multiple", file_types=list(SUPPORTED_SUFFIXES), label="Papers",
                                    elem_id="upload")
                    upload_button = gr.Button("Ingest papers", elem_id="ingest")
                    upload_result = gr.Markdown(elem_id="upload-result")

        def respond(text: str, history: list[dict[str, Any]], convo: list[dict[str, Any]], council_v: str | None,
                    committee_v: str | None, doc_type_v: str | None, from_v: str, to_v: str,
                    request: gr.Request) -> Iterator[tuple]:
            text = (text or "").strip()
            if not text or len(text) > MAX_QUESTION:
                gr.Warning(f"Please type a question of 1 to {MAX_QUESTION:,} characters.")
                yield history, convo, -1, gr.update(), gr.update(), text
                return
            filters = _filters(council_v, committee_v, doc_type_v, from_v, to_v)
            turns = [t for e in convo for t in (Turn("user", e["question"]), Turn("assistant", e["answer"].text))]
            history = [*history, {"role": "user", "content": text}, {"role": "assistant", "content": "…"}]
            yield history, convo, len(convo) - 1, gr.update(), gr.update(), ""
            streamed = ""
            try:
                for event in assistant.ask_stream(text, turns, filters, role=role_of(request)):
                    if event.kind == "token":
                        streamed += event.text
                        history[-1] = {"role": "assistant", "content": streamed}
                        yield history, convo, len(convo) - 1, gr.update(), gr.update(), ""
                    elif event.answer is not None:
                        answer = event.answer
                        history[-1] = {"role": "assistant", "content": answer_markdown(answer)}
                        convo = [*convo, {"question": text, "answer": answer}]
                        yield (history, convo, len(convo) - 1, gr.update(choices=source_choices(answer), value=None),
                               answer.plain_text(), "")
            except AssistantError as exc:
                log.warning("answer failed: %s", exc)
                history[-1] = {"role": "assistant", "content": f"Sorry, I could not answer: {exc}"}
                yield history, convo, len(convo) - 1, gr.update(), gr.update(), text

        ask_inputs = [question, chatbot, conversation, council, committee, doc_type, date_from, date_to]
        ask_outputs = [chatbot, conversation, current, sources, copy_box, question]
        ask_button.click(respond, ask_inputs, ask_outputs)
        question.submit(respond, ask_inputs, ask_outputs)

        def draft_note(text: str, council_v: str | None, committee_v: str | None, doc_type_v: str | None,
                       from_v: str, to_v: str, request: gr.Request) -> tuple:
            """A briefing note on the text in the box (as the topic), within the filters: shown, and as DOCX."""
            try:  # the API's rules for a topic, in one place
                topic = BriefRequest(topic=text or "").topic
            except ValidationError:
                gr.Warning(f"Type the note's topic (1 to {MAX_TOPIC} characters) in the box, then draft it.")
                return gr.update(), gr.update(visible=False, value=None)
            filters = _filters(council_v, committee_v, doc_type_v, from_v, to_v)
            try:
                note = assistant.brief(topic, filters, role=role_of(request))
            except AssistantError as exc:
                log.warning("briefing failed: %s", exc)
                return f"Sorry, I could not draft the note: {exc}", gr.update(visible=False, value=None)
            path = downloads.write(file_name(note, ".docx"), docx_bytes(note))
            return to_markdown(note), gr.update(visible=True, value=path)

        brief_button.click(draft_note, [question, council, committee, doc_type, date_from, date_to],
                           [brief_view, brief_file])

        def show(chunk_id: str | None, convo: list[dict[str, Any]], index: int, request: gr.Request) -> str:
            if not chunk_id:
                return EMPTY_VIEWER
            passage = assistant.library.passage(chunk_id, role=role_of(request))
            if passage is None:
                return "<p>This passage is no longer in the library (the paper was removed or replaced).</p>"
            quotes, label = _cited(convo, index, chunk_id)
            return passage_html(passage, quotes, label)

        sources.change(show, [sources, conversation, current], viewer)

        def pick_answer(convo: list[dict[str, Any]], evt: gr.SelectData) -> tuple:
            index = evt.index[0] if isinstance(evt.index, (list, tuple)) else evt.index
            answer_index = int(index) // 2
            if not (0 <= answer_index < len(convo)):
                return gr.update(), gr.update(), gr.update()
            answer: Answer = convo[answer_index]["answer"]
            return answer_index, gr.update(choices=source_choices(answer), value=None), answer.plain_text()

        chatbot.select(pick_answer, [conversation], [current, sources, copy_box])

        def reset() -> tuple:
            return [], [], -1, gr.update(choices=[], value=None), "", EMPTY_VIEWER

        new_button.click(reset, None, [chatbot, conversation, current, sources, copy_box, viewer])

        def ingest(paths: list[str] | None, request: gr.Request,
                   progress: gr.Progress = gr.Progress()) -> tuple:  # noqa: B008
            role = role_of(request)
            if not may_change_papers(role):
                return "Adding papers needs the officer role.", gr.update(), gr.update(), gr.update()
            if not paths:
                return "Choose one or more files first.", gr.update(), gr.update(), gr.update()
            uploads, refused = _uploaded_by_page(paths, page.upload_file_set, assistant.library)
            progress((0, len(uploads)), desc="Ingesting")

            def on_file(i: int, name: str) -> None:
                progress((i, len(uploads)), desc=f"Ingesting {name}")

            outcomes = [*refused, *assistant.library.add(uploads, on_file=on_file)]
            rows = ["| file | result | passages | title or reason |", "|---|---|---|---|"]
            rows += [f"| {o.path} | {o.status} | {o.chunks_added} | {(o.reason or o.title).replace('|', '/')} |"
                     for o in outcomes]
            councils, committees, types = _choices(assistant, role)
            return ("\n".join(rows), gr.update(choices=councils), gr.update(choices=committees),
                    gr.update(choices=types))

        upload_button.click(ingest, [files], [upload_result, council, committee, doc_type])
        with gr.Tab("Commitments", elem_id="tab-commitments"):
            build_commitments_tab(assistant, role_of, downloads)
    return page


def _uploaded_by_page(paths: list[str], uploaded: set[str],
                      library: PaperLibrary) -> tuple[list[Upload], list[FileOutcome]]:
    """The files among `paths` that a browser uploaded through this page's upload route, read; the rest
    refused. An event's file value is a path the client names, so without this check any file on the
    server could be ingested (and then read back through search) by naming it."""
    root = Path(gr_utils.get_upload_folder()).resolve()
    known = {os.path.realpath(p) for p in uploaded}
    accepted: list[Upload] = []
    refused: list[FileOutcome] = []
    for raw in paths:
        path = Path(raw)
        real = os.path.realpath(raw)
        if real not in known or not Path(real).is_relative_to(root) or path.is_symlink() or not path.is_file():
            log.warning("refused to ingest %s from the chat page: not a file uploaded through the page", raw)
            refused.append(FileOutcome(path.name, "rejected", "not a file uploaded from this page"))
            continue
        try:
            with path.open("rb") as received:
                accepted.append(library.receive(path.name, iter(lambda: received.read(1 << 20), b"")))
        except UploadTooLarge as exc:
            refused.append(FileOutcome(path.name, "rejected", str(exc)))
    return accepted, refused


def _choices(assistant: Assistant, role: Role) -> tuple[list[str], list[str], list[str]]:
    docs = assistant.library.documents(role)
    return (sorted({d.council for d in docs if d.council}), sorted({d.committee for d in docs if d.committee}),
            sorted({d.doc_type for d in docs if d.doc_type}))


def _filters(council: str | None, committee: str | None, doc_type: str | None, date_from: str,
             date_to: str) -> SearchFilters | None:
    dates = []
    for value in (date_from, date_to):
        try:
            dates.append(iso_day(value))
        except ValueError:
            gr.Warning(f"Ignoring the date {value.strip()!r}: use YYYY-MM-DD.")
            dates.append(None)
    return SearchFilters.build(council=council, committee=committee, doc_type=doc_type, date_from=dates[0],
                               date_to=dates[1])


def _cited(convo: list[dict[str, Any]], index: int, chunk_id: str) -> tuple[list[str], str | None]:
    """The quoted sentences and precise label of a passage as the selected answer cites it."""
    if not convo:
        return [], None
    answer: Answer = convo[index]["answer"] if -len(convo) <= index < len(convo) else convo[-1]["answer"]
    for c in [*answer.citations, *answer.further_reading]:
        if c.chunk.chunk_id == chunk_id:
            return c.quotes, c.label
    return [], None


def chat_css() -> str:
    return CSS
