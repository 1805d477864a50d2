"""Exempt papers stay exempt: every route, checked with each role, over a real store.

The store holds a public report and an exempt one (a confidential valuation). A public caller must
get nothing of the exempt paper: not in answers, searches, listings, passages or counts.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from assistant.builtin import BuiltinAnswerer
from assistant.library import PaperLibrary
from assistant.service import Assistant
from tests.assistant.conftest import open_store
from ui.api import create_app
from vectorstore.loader import ingest_files
from vectorstore.search import HybridSearcher
from vectorstore.store import ClerkStore

PUBLIC_PAPER = """Market Street Regeneration - Consultation

Report to: Cabinet - 4 March 2025

1.1 The council will consult residents on the Market Street regeneration between April and June 2025.

1.2 A public exhibition will be held at the Guildhall, and the results will be reported to Cabinet in July 2025.
"""
EXEMPT_PAPER = """Market Street Regeneration - Site Acquisition

Report to: Cabinet - 4 March 2025

NOT FOR PUBLICATION by virtue of paragraph 3 of Part 1 of Schedule 12A to the Local Government Act 1972.

1.1 The independent valuation of the Market Street site, received in February 2025, is £4.35m.

1.2 The owner has indicated an asking price of £5.1m, and officers recommend an offer of £4.5m.

1.3 Officers will report the outcome of the negotiations to Cabinet in May 2025.
"""
KEYS = {"pub-key": "public", "mem-key": "member", "off-key": "officer"}
EXEMPT_FACTS = ("4.35m", "5.1m", "asking price", "valuation")


@pytest.fixture(scope="module")
def papers_store(tmp_path_factory: pytest.TempPathFactory, embeddings) -> ClerkStore:  # type: ignore[no-untyped-def]
    root = tmp_path_factory.mktemp("access")
    papers = root / "papers"
    papers.mkdir()
    (papers / "market-street-consultation.txt").write_text(PUBLIC_PAPER)
    (papers / "market-street-acquisition.txt").write_text(EXEMPT_PAPER)
    # The operator's sidecar marks it too, so these tests hold whatever the cover detection decides.
    (papers / "market-street-acquisition.txt.meta.json").write_text(json.dumps({"access": "exempt"}))
    store = open_store(root / "store", embeddings)
    assert ingest_files(store, [papers]).ok
    return store


@pytest.fixture(scope="module")
def client(papers_store: ClerkStore, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    library = PaperLibrary(papers_store, upload_dir=tmp_path_factory.mktemp("uploads"))
    assistant = Assistant(HybridSearcher(papers_store), BuiltinAnswerer(), library=library)
    yield TestClient(create_app(assistant, keys=KEYS), raise_server_exceptions=False)


def as_role(key: str) -> dict[str, str]:
    return {"X-API-Key": key}


def exempt_chunk_id(store: ClerkStore) -> str:
    index = store.lexical()
    return next(cid for cid, meta in zip(index.ids, index.metas, strict=True) if meta.get("access") == "exempt")


def test_the_exempt_paper_is_stored_as_exempt(papers_store: ClerkStore) -> None:
    access = {d.file_name: d.access for d in papers_store.list_documents()}
    assert access == {"market-street-consultation.txt": "public", "market-street-acquisition.txt": "exempt"}


def test_a_public_caller_gets_a_refusal_not_a_hint(client: TestClient) -> None:
    question = {"question": "How much is the owner asking for the Market Street site?"}
    officer = client.post("/api/ask", json=question, headers=as_role("off-key")).json()
    assert officer["supported"] and "5.1m" in officer["answer"]
    member = client.post("/api/ask", json=question, headers=as_role("mem-key")).json()
    assert "5.1m" in member["answer"]
    public = client.post("/api/ask", json=question, headers=as_role("pub-key"))
    assert public.status_code == 200 and not public.json()["supported"]
    assert not any(fact in public.text for fact in EXEMPT_FACTS), public.text
    # Whatever the answer to a question on the exempt paper's subject, nothing of that paper is in it.
    other = client.post("/api/ask", json={"question": "What is the valuation of the Market Street site?"},
                        headers=as_role("pub-key"))
    assert other.status_code == 200 and not any(fact in other.text for fact in ("4.35m", "5.1m", "acquisition"))


def test_streamed_answers_and_search_leave_exempt_text_out_for_the_public(client: TestClient) -> None:
    question = {"question": "How much is the owner asking for the Market Street site?"}
    stream = client.post("/api/ask/stream", json=question, headers=as_role("pub-key"))
    assert stream.status_code == 200 and not any(f in stream.text for f in EXEMPT_FACTS)
    for mode in ("hybrid", "dense", "lexical"):
        found = client.post("/api/search", json={"query": "Market Street site valuation asking price", "k": 10,
                                                 "mode": mode}, headers=as_role("pub-key")).json()
        assert found["results"] and all("acquisition" not in r["citation"]["document"] for r in found["results"])
        officer = client.post("/api/search", json={"query": "Market Street site valuation asking price", "k": 10,
                                                   "mode": mode}, headers=as_role("off-key")).json()
        assert any("acquisition" in r["citation"]["document"] for r in officer["results"])


def test_listings_passages_and_counts_by_role(client: TestClient, papers_store: ClerkStore) -> None:
    listed = {key: [d["file_name"] for d in client.get("/api/documents", headers=as_role(key)).json()]
              for key in KEYS}
    assert listed["pub-key"] == ["market-street-consultation.txt"]
    assert len(listed["mem-key"]) == len(listed["off-key"]) == 2
    chunk = exempt_chunk_id(papers_store)
    assert client.get(f"/api/chunks/{chunk}", headers=as_role("pub-key")).status_code == 404
    assert client.get(f"/api/chunks/{chunk}", headers=as_role("mem-key")).status_code == 200
    health = client.get("/api/health", headers=as_role("pub-key")).json()
    assert health["documents"] == 1


def test_the_commitments_register_keeps_exempt_items_from_the_public(client: TestClient) -> None:
    def texts(key: str) -> list[str]:
        response = client.get("/api/commitments", headers=as_role(key))
        assert response.status_code == 200
        return [i["text"] for i in response.json()["items"]]

    officer, member, public = texts("off-key"), texts("mem-key"), texts("pub-key")
    assert any("negotiations" in t for t in officer) and any("negotiations" in t for t in member)
    assert public and not any("negotiations" in t for t in public)
    assert any("consult residents" in t for t in public)
    assert client.get("/api/commitments").status_code == 401


def test_a_briefing_note_for_the_public_leaves_the_exempt_paper_out(client: TestClient) -> None:
    """The note gathers across papers through the same scoped retrieval: the exempt paper's figures and its
    register items reach officers and members, never the public, in any format."""
    topic = {"topic": "Market Street site"}
    officer = client.post("/api/brief", json=topic, headers=as_role("off-key"))
    assert officer.status_code == 200
    assert any("acquisition" in s["document"] for s in officer.json()["sources"])
    for fmt in ("json", "markdown", "docx"):
        public = client.post("/api/brief", json={**topic, "format": fmt}, headers=as_role("pub-key"))
        assert public.status_code == 200
        text = public.text if fmt != "docx" else _docx_text(public.content)
        assert "Market Street" in text and not any(f in text for f in (*EXEMPT_FACTS, "negotiations")), text
    assert client.post("/api/brief", json=topic).status_code == 401


def _docx_text(data: bytes) -> str:
    from docx import Document

    return "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)


def test_keys_are_required_and_only_officers_change_papers(client: TestClient, papers_store: ClerkStore) -> None:
    assert client.get("/api/documents").status_code == 401
    assert client.get("/api/documents", headers=as_role("wrong")).status_code == 401
    assert client.post("/api/ask", json={"question": "x"}).status_code == 401
    doc = next(d.document_id for d in papers_store.list_documents())
    paper = [("files", ("note.txt", b"1.1 A short note for the test of roles.", "text/plain"))]
    for key in ("pub-key", "mem-key"):
        assert client.post("/api/documents", files=paper, headers=as_role(key)).status_code == 403
        assert client.delete(f"/api/documents/{doc}", headers=as_role(key)).status_code == 403
    assert len(papers_store.list_documents()) == 2


def test_cli_search_and_ask_take_a_role(papers_store: ClerkStore, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from typer.testing import CliRunner

    import clerk.wiring
    from clerk.cli import app

    monkeypatch.setattr(clerk.wiring, "build_store", lambda settings, **_: papers_store)
    runner = CliRunner()
    public = runner.invoke(app, ["search", "Market Street site valuation", "--json", "--k", "10", "--as", "public"])
    assert public.exit_code == 0 and "acquisition" not in public.output
    officer = runner.invoke(app, ["search", "Market Street site valuation", "--json", "--k", "10"])
    assert "acquisition" in officer.output
    answer = runner.invoke(app, ["ask", "What is the valuation of the Market Street site?", "--as", "public"])
    assert answer.exit_code == 0 and "4.35m" not in answer.output
    assert runner.invoke(app, ["search", "x", "--as", "mayor"]).exit_code != 0


def test_a_paper_marked_on_its_cover_is_exempt_without_any_sidecar(tmp_path: Path, embeddings) -> None:  # type: ignore[no-untyped-def]
    papers = tmp_path / "papers"
    papers.mkdir()
    (papers / "acquisition.txt").write_text(EXEMPT_PAPER)
    (papers / "consultation.txt").write_text(PUBLIC_PAPER)
    store = open_store(tmp_path / "store", embeddings)
    assert ingest_files(store, [papers]).ok
    docs = {d.file_name: d for d in store.list_documents()}
    assert docs["acquisition.txt"].access == "exempt" and "paragraph 3" in docs["acquisition.txt"].exempt_reason
    assert docs["consultation.txt"].access == "public"
    (papers / "acquisition.txt.meta.json").write_text(json.dumps({"access": "public"}))  # the operator overrides
    (papers / "acquisition.txt").write_text(EXEMPT_PAPER + "\n1.3 Released after completion.\n")
    assert ingest_files(store, [papers]).ok
    assert {d.file_name: d.access for d in store.list_documents()}["acquisition.txt"] == "public"
