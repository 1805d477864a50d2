"""The chat page's Commitments tab: the register as a sortable, filterable table, each row opening its
passage (as the chat's sources do), and a CSV download."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

import gradio as gr
from pydantic import ValidationError

from assistant.access import Role
from assistant.register import KINDS, STATUSES, RegisterItem
from assistant.schemas import CommitmentPublic, CommitmentsRequest, commitments_csv
from assistant.service import Assistant
from ui.downloads import DownloadFolder
from ui.render import passage_html

COLUMNS = ["Meeting", "Kind", "Status", "Due", "Owner", "Text", "Where", "Ref"]
EMPTY = "<p>Pick a row to read the item in its paper, with what later papers said about it.</p>"


def build_commitments_tab(assistant: Assistant, role_of: Callable[[gr.Request | None], Role],
                          downloads: DownloadFolder) -> None:
    """Add the tab's components and events to the Blocks being built."""
    shown = gr.State({})  # item id -> RegisterItem of the rows on screen
    with gr.Row():
        kind = gr.Dropdown(choices=["", *KINDS], value="", label="Kind", elem_id="c-kind")
        status = gr.Dropdown(choices=["", *STATUSES], value="", label="Status", elem_id="c-status")
        owner = gr.Textbox(label="Owner contains", elem_id="c-owner")
        words = gr.Textbox(label="Text contains", elem_id="c-query")
    with gr.Row():
        council = gr.Textbox(label="Council", elem_id="c-council")
        committee = gr.Textbox(label="Committee", elem_id="c-committee")
        date_from = gr.Textbox(label="Meetings from (YYYY-MM-DD)", elem_id="c-from")
        date_to = gr.Textbox(label="Meetings to (YYYY-MM-DD)", elem_id="c-to")
    with gr.Row():
        show_button = gr.Button("Show commitments", variant="primary", elem_id="c-show")
        download = gr.DownloadButton("Download CSV", value=None, elem_id="c-csv")
    summary = gr.Markdown(elem_id="c-summary")
    with gr.Row():
        with gr.Column(scale=4):
            table = gr.Dataframe(headers=COLUMNS, value=[], interactive=False, wrap=True, elem_id="c-table",
                                 column_widths=["10%", "8%", "8%", "9%", "11%", "32%", "16%", "6%"])
        with gr.Column(scale=2):
            viewer = gr.HTML(EMPTY, elem_id="c-passage")

    def show(kind_v: str, status_v: str, owner_v: str, words_v: str, council_v: str, committee_v: str,
             from_v: str, to_v: str, request: gr.Request) -> tuple:
        try:
            wanted = CommitmentsRequest(kind=kind_v or None, status=status_v or None, owner=owner_v or None,
                                        query=words_v or None, council=council_v or None,
                                        committee=committee_v or None, date_from=from_v.strip() or None,
                                        date_to=to_v.strip() or None)
        except ValidationError:
            gr.Warning("Dates must be written YYYY-MM-DD.")
            return gr.update(), gr.update(), gr.update(), gr.update()
        items = assistant.register.items(wanted.to_query(), role=role_of(request))
        public = [CommitmentPublic.from_item(i) for i in items]
        rows = [[p.citation.get("meeting_date") or "", p.kind, p.status, p.due or "", p.owner, p.text,
                 p.citation["label"], p.id] for p in public]
        csv_file = downloads.write("commitments.csv", commitments_csv(public).encode("utf-8"))
        counts = ", ".join(f"{sum(1 for i in items if i.status == s)} {s}" for s in STATUSES)
        noun = "item" if len(items) == 1 else "items"
        return rows, {i.id: i for i in items}, f"{len(items)} {noun}: {counts}.", csv_file

    inputs = [kind, status, owner, words, council, committee, date_from, date_to]
    show_button.click(show, inputs, [table, shown, summary, download])

    def open_row(items: dict[str, RegisterItem], evt: gr.SelectData, request: gr.Request) -> str:
        row = evt.row_value or []
        item = items.get(str(row[-1])) if row else None
        if item is None:
            return EMPTY
        passage = assistant.library.passage(item.chunk.chunk_id, role=role_of(request))
        if passage is None:
            return "<p>This passage is no longer in the library (the paper was removed or replaced).</p>"
        return passage_html(passage, [item.text]) + _follow_ups_html(item)

    table.select(open_row, [shown], viewer)


def _follow_ups_html(item: RegisterItem) -> str:
    if not item.follow_ups:
        note = {"due": "The due date has passed and no later paper in the library reports on it.",
                "open": "No later paper in the library reports on it yet."}[item.status]
        return f'<p class="clerk-followups"><em>{html.escape(note)}</em></p>'
    lines: list[Any] = ['<div class="clerk-followups"><strong>Reported in later papers</strong><ul>']
    for f in item.follow_ups:
        lines.append(f"<li>{html.escape(f.chunk.citation_label)}: “{html.escape(f.quote)}”</li>")
    lines.append("</ul></div>")
    return "".join(lines)
