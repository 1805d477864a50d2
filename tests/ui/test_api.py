"""The HTTP API through TestClient, with a real assistant over a temporary store."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from assistant.builtin import BuiltinAnswerer
from assistant.library import PaperLibrary
from assistant.service import Assistant
from tests.assistant.conftest import EXAMPLES
from ui.api import create_app
from vectorstore.search import HybridSearcher

CITATION_KEYS = {"n", "label", "title", "paragraph", "page", "document", "document_id", "council", "committee",
                 "meeting_date", "quote", "text", "score"}
QUESTION = "How much will the capital works for the library hubs cost?"


def test_health(client: TestClient) -> None:
    body = client.get("/api/health").json()
    assert body == {"status": "ok", "documents": 3, "chunks": body["chunks"], "answerer": "builtin"}
    assert body["chunks"] > 10


def test_ask_returns_a_cited_answer(client: TestClient) -> None:
    response = client.post("/api/ask", json={"question": QUESTION})
    assert response.status_code == 200
    body = response.json()
    assert {"answer", "supported", "citations", "flagged_sentences", "timings_ms"} <= set(body)
    assert body["supported"] and "£1.2m" in body["answer"]
    citation = body["citations"][0]
    assert set(citation) >= CITATION_KEYS
    assert citation["council"] == "Wexcombe Borough Council" and citation["meeting_date"] == "2024-06-11"
    assert citation["quote"] in citation["text"]
    numbers = {int(n) for n in re.findall(r"\[(\d+)\]", body["answer"])}
    assert numbers == {c["n"] for c in body["citations"]}


def test_ask_with_history_and_filters(client: TestClient) -> None:
    body = client.post("/api/ask", json={
        "question": "who is leading that?",
        "history": [{"role": "user", "content": "When does the consultation on library opening hours start?"},
                    {"role": "assistant", "content": "From 1 July 2024 [1]."}],
        "filters": {"council": "Wexcombe Borough Council", "date_from": "2024-01-01"}, "k": 8,
    }).json()
    assert "consultation on library opening hours" in body["standalone_question"]
    assert "Lena Fraser" in body["answer"]


def test_refusal_shape(client: TestClient) -> None:
    body = client.post("/api/ask", json={"question": "What is the weather forecast for next week?"}).json()
    assert body["supported"] is False and body["citations"] == []
    assert body["answer"] == "The papers I have do not answer this."
    assert body["further_reading"] and set(body["further_reading"][0]) >= CITATION_KEYS


@pytest.mark.parametrize("payload, reason", [
    ({"question": ""}, "at least 1 character"),
    ({"question": "   "}, "question is empty"),
    ({"question": "x" * 2001}, "at most 2000 characters"),
    ({"question": "budget?", "k": 0}, "greater than or equal to 1"),
    ({"question": "budget?", "k": 51}, "less than or equal to 50"),
    ({"question": "budget?", "filters": {"date_from": "June"}}, "date"),
    ({"question": "budget?", "history": [{"role": "system", "content": "x"}]}, "'user' or 'assistant'"),
    ({}, "Field required"),
])
def test_invalid_input_is_a_422_with_a_reason(client: TestClient, payload: dict, reason: str) -> None:
    response = client.post("/api/ask", json=payload)
    assert response.status_code == 422
    assert reason in json.dumps(response.json())


def test_ask_stream_sends_tokens_then_the_answer(client: TestClient) -> None:
    with client.stream("POST", "/api/ask/stream", json={"question": QUESTION}) as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        raw = "".join(response.iter_text())
    events = [(m.group(1), json.loads(m.group(2))) for m in re.finditer(r"event: (\w+)\ndata: (.+)\n", raw)]
    kinds = [k for k, _ in events]
    assert kinds[-1] == "answer" and set(kinds[:-1]) == {"token"}
    final = events[-1][1]
    assert "".join(d["text"] for k, d in events if k == "token").strip() == final["answer"]
    assert final["supported"] and final["citations"]


def test_search(client: TestClient) -> None:
    body = client.post("/api/search", json={"query": "opening hours consultation", "k": 3}).json()
    assert body["query"] == "opening hours consultation" and len(body["results"]) == 3
    assert {"rank", "score", "chunk_id", "text", "citation"} <= set(body["results"][0])
    assert client.post("/api/search", json={"query": "x", "k": 99}).status_code == 422


def test_chunk_with_neighbours(client: TestClient) -> None:
    citation = client.post("/api/ask", json={"question": QUESTION}).json()["citations"][0]
    body = client.get(f"/api/chunks/{citation['chunk_id']}").json()
    assert body["chunk"]["text"] == citation["text"]
    assert body["before"] or body["after"]
    assert all(c["document_id"] == citation["document_id"] for c in body["before"] + body["after"])
    missing = client.get("/api/chunks/nope:1:abc")
    assert missing.status_code == 404 and "no passage" in missing.json()["detail"]


def test_documents_upload_list_delete(fresh_client: TestClient) -> None:
    assert fresh_client.get("/api/documents").json() == []
    paper = next(EXAMPLES.glob("*minutes.md"))
    files = [("files", (paper.name, paper.read_bytes(), "text/markdown")),
             ("files", ("notes.exe", b"MZ...", "application/octet-stream")),
             ("files", ("big.txt", b"x" * 60_000, "text/plain"))]
    results = fresh_client.post("/api/documents", files=files).json()
    assert [r["status"] for r in results] == ["ingested", "rejected", "rejected"]
    assert "unsupported file type .exe" in results[1]["reason"] and "too large" in results[2]["reason"]
    again = fresh_client.post("/api/documents", files=files[:1]).json()
    assert again[0]["status"] == "unchanged"
    docs = fresh_client.get("/api/documents").json()
    assert [d["title"] for d in docs] == ["Minutes of the Cabinet, 11 June 2024"]
    assert fresh_client.delete(f"/api/documents/{docs[0]['document_id']}").status_code == 204
    assert fresh_client.delete(f"/api/documents/{docs[0]['document_id']}").status_code == 404
    assert fresh_client.get("/api/documents").json() == []


def test_a_single_bad_upload_is_a_4xx(fresh_client: TestClient) -> None:
    assert fresh_client.post("/api/documents", files=[("files", ("a.exe", b"MZ", "x/y"))]).status_code == 415
    big = [("files", ("a.txt", b"x" * 60_000, "text/plain"))]
    assert fresh_client.post("/api/documents", files=big).status_code == 413
    assert fresh_client.post("/api/documents", files=[("files", ("a.txt", b"", "text/plain"))]).status_code == 400
    assert fresh_client.post("/api/documents").status_code == 422


class ExplodingAnswerer(BuiltinAnswerer):
    def compose(self, question, sources, ranked):  # type: ignore[no-untyped-def]
        raise RuntimeError("secret internal detail")


def test_unexpected_errors_reach_clients_without_a_stack_trace(example_store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assistant = Assistant(HybridSearcher(example_store), ExplodingAnswerer(),
                          library=PaperLibrary(example_store, upload_dir=tmp_path))
    client = TestClient(create_app(assistant), raise_server_exceptions=False)
    response = client.post("/api/ask", json={"question": QUESTION})
    assert response.status_code == 500
    assert response.json() == {"detail": "internal error; see the server log"}
    assert "secret" not in response.text and "Traceback" not in response.text


def test_openapi_docs(client: TestClient) -> None:
    assert client.get("/docs").status_code == 200
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/ask", "/api/ask/stream", "/api/search", "/api/documents", "/api/documents/{document_id}",
            "/api/chunks/{chunk_id}", "/api/health", "/api/commitments", "/api/brief"} <= set(paths)


def test_commitments_register_after_an_upload(fresh_client: TestClient) -> None:
    """Minutes uploaded through the API: their resolutions come back from GET /api/commitments, each with a
    citation to its minute and the passage's id; filters apply; bad filters are a 422 with a reason."""
    paper = next(EXAMPLES.glob("*minutes.md"))
    fresh_client.post("/api/documents", files=[("files", (paper.name, paper.read_bytes(), "text/markdown"))])
    items = fresh_client.get("/api/commitments", params={"kind": "decision"}).json()["items"]
    texts = [i["text"] for i in items]
    assert any("Community Hubs Programme be approved" in t for t in texts)
    approved = next(i for i in items if "Community Hubs Programme" in i["text"])
    assert approved["status"] in ("open", "due") and approved["follow_ups"] == []
    assert approved["citation"]["meeting_date"] == "2024-06-11" and approved["citation"]["committee"] == "Cabinet"
    assert fresh_client.get(f"/api/chunks/{approved['chunk_id']}").status_code == 200
    assert all(i["kind"] == "decision" for i in items)
    assert fresh_client.get("/api/commitments", params={"query": "opening hours consultation"}).json()["items"]
    assert fresh_client.get("/api/commitments", params={"from": "2025-01-01"}).json()["items"] == []
    bad = fresh_client.get("/api/commitments", params={"kind": "promise", "from": "June"})
    assert bad.status_code == 422 and "kind" in bad.text and "Traceback" not in bad.text


def test_brief_as_json_markdown_and_word(client: TestClient) -> None:
    """POST /api/brief: the note's sections with markers that resolve to numbered sources; the same note as a
    Markdown or Word download; a blank or oversized topic is a 422 with a reason."""
    body = {"topic": "community hubs", "filters": {"council": "Wexcombe Borough Council"}}
    note = client.post("/api/brief", json=body).json()
    assert note["topic"] == "community hubs" and note["writer"] == "builtin"
    assert [s["heading"] for s in note["sections"]][:2] == ["Summary", "Key facts and figures"]
    numbers = {s["n"] for s in note["sources"]}
    sentences = [s for sec in note["sections"] for s in sec["sentences"]]
    assert sentences and all(s["markers"] and set(s["markers"]) <= numbers for s in sentences)
    assert all(s["council"] == "Wexcombe Borough Council" and s["label"] for s in note["sources"])
    assert note["filters"] == {"council": "Wexcombe Borough Council"}

    md = client.post("/api/brief", json={**body, "format": "markdown"})
    assert md.status_code == 200 and md.headers["content-type"].startswith("text/markdown")
    assert 'filename="briefing-community-hubs-' in md.headers["content-disposition"]
    assert md.text.startswith("# Briefing note: community hubs") and "## Sources" in md.text

    word = client.post("/api/brief", json={**body, "format": "docx"})
    assert word.status_code == 200 and word.headers["content-disposition"].endswith('.docx"')
    from docx import Document

    paragraphs = [p.text for p in Document(io.BytesIO(word.content)).paragraphs]
    assert paragraphs[0] == "Briefing note: community hubs"
    assert any(p.startswith("[1] ") for p in paragraphs)  # the numbered references
    assert sentences[0]["text"] in "\n".join(paragraphs)

    for bad in ({"topic": "  "}, {"topic": "x" * 501}, {"topic": "hubs", "format": "pdf"}, {}):
        response = client.post("/api/brief", json=bad)
        assert response.status_code == 422 and "Traceback" not in response.text
