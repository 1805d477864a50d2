"""Requests refused before any route: foreign hosts and origins, oversized bodies, malformed input.
Every refusal is a 4xx with a reason, never a trace, a path or the input echoed back."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.assistant.conftest import open_store
from tests.ui.conftest import make_assistant
from ui.api import create_app
from ui.server import listen_check


@pytest.fixture
def local(tmp_path, embeddings) -> TestClient:  # type: ignore[no-untyped-def]
    """A keyless server as `clerk serve` builds it: loopback names only."""
    assistant = make_assistant(open_store(tmp_path / "store", embeddings), tmp_path, max_file_mb=0.05)
    _, hosts = listen_check("127.0.0.1", {}, [])
    return TestClient(create_app(assistant, allowed_hosts=hosts), base_url="http://127.0.0.1:8000",
                      raise_server_exceptions=False)


def test_loopback_names_are_served_and_others_refused(local: TestClient) -> None:
    assert local.get("/api/health").status_code == 200
    assert local.get("/api/health", headers={"Host": "localhost:8000"}).status_code == 200
    rebound = local.get("/api/health", headers={"Host": "attacker.example:8000"})
    assert rebound.status_code == 421 and "host" in rebound.json()["detail"]


def test_state_changing_requests_from_another_origin_are_refused(local: TestClient) -> None:
    paper = [("files", ("note.txt", b"Library Note\n\n1.1 The council will keep all nine libraries open "
                                    b"until March 2026, as agreed by Cabinet.\n", "text/plain"))]
    foreign = local.post("/api/documents", files=paper, headers={"Origin": "http://evil.example"})
    assert foreign.status_code == 403 and "cross-origin" in foreign.json()["detail"]
    assert local.post("/api/documents", files=paper, headers={"Origin": "null"}).status_code == 403
    assert local.get("/api/documents").json() == []
    same = local.post("/api/documents", files=paper, headers={"Origin": "http://127.0.0.1:8000"})
    assert same.status_code == 200 and same.json()[0]["status"] == "ingested"
    assert local.get("/api/health", headers={"Origin": "http://evil.example"}).status_code == 200  # reading is CORS's


def test_oversized_bodies_are_refused_before_they_are_read(local: TestClient) -> None:
    huge = local.post("/api/ask", content=b'{"question": "' + b"x" * 5_000_000 + b'"}',
                      headers={"Content-Type": "application/json"})
    assert huge.status_code == 413 and len(huge.content) < 300
    many = [("files", (f"f{i}.txt", b"x" * 60_000, "text/plain")) for i in range(25)]
    assert local.post("/api/documents", files=many).status_code in (400, 413)


def test_malformed_requests_get_a_reason_and_no_echo(local: TestClient) -> None:
    long_question = local.post("/api/ask", json={"question": "why " * 600_000})
    assert long_question.status_code in (413, 422) and len(long_question.content) < 2000
    surrogate = local.post("/api/ask", content=b'{"question": "\\ud800 libraries"}',
                           headers={"Content-Type": "application/json"})
    assert surrogate.status_code in (200, 422)
    if surrogate.status_code == 422:
        assert surrogate.json()["detail"]
    not_utf8 = local.post("/api/ask", content=b'{"question": "\xff\xfe libraries"}',
                          headers={"Content-Type": "application/json"})
    assert not_utf8.status_code in (400, 422) and not_utf8.json()["detail"]
    many_values = local.post("/api/search", json={"query": "x", "filters": {"council": ["Kent"] * 10_000}})
    assert many_values.status_code == 422 and len(many_values.content) < 5000
    for bad in ('{"question": 5}', "not json", '{"question": "x", "k": 0}', "[]"):
        response = local.post("/api/ask", content=bad.encode(), headers={"Content-Type": "application/json"})
        assert response.status_code == 422, bad
    path_like = local.delete("/api/documents/..%2F..%2Fetc%2Fpasswd")
    assert path_like.status_code in (404, 422) and "/etc" not in path_like.text
    for response in (surrogate, not_utf8, many_values, path_like):
        assert "Traceback" not in response.text and "/tmp" not in response.text


def test_a_server_without_keys_refuses_to_listen_beyond_loopback() -> None:
    problem, _ = listen_check("0.0.0.0", {}, [])
    assert "CLERK_AUTH__KEYS" in problem
    assert listen_check("0.0.0.0", {"k": "public"}, [])[0] == ""
    assert listen_check("127.0.0.1", {}, [])[0] == ""
