"""End to end in a real browser: Debian's chromium driven by Playwright against a live server."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from assistant.access import Role
from assistant.service import Assistant
from tests.assistant.conftest import open_store
from tests.ui.conftest import make_assistant
from ui.server import build_app

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium: sudo .ci/install-browser.sh"),
]
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serving(assistant: Assistant, keys: dict[str, Role] | None = None) -> Iterator[str]:
    """The one app (API + chat page) under uvicorn on a free port, in a thread."""
    import uvicorn

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(build_app(assistant, keys=keys), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("server did not start")
        time.sleep(0.1)
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture
def server_url(example_store, tmp_path: Path) -> Iterator[str]:  # type: ignore[no-untyped-def]
    with serving(make_assistant(example_store, tmp_path)) as url:
        yield url


@pytest.fixture
def empty_server_url(tmp_path: Path, embeddings) -> Iterator[str]:  # type: ignore[no-untyped-def]
    with serving(make_assistant(open_store(tmp_path / "store", embeddings), tmp_path)) as url:
        yield url


def test_ask_read_the_answer_and_open_its_source(server_url: str, tmp_path: Path) -> None:
    from playwright.sync_api import expect, sync_playwright

    out = Path(os.environ.get("CLERK_TEST_OUTPUT", tmp_path))
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        try:
            page.goto(server_url, wait_until="domcontentloaded")
            page.locator("#question textarea").wait_for(timeout=60_000)
            box = page.locator("#question textarea")
            # Shift+Enter starts a new line; Enter sends (as in any chat a councillor has used).
            box.fill("How much will the capital works")
            box.press("Shift+Enter")
            expect(box).to_have_value("How much will the capital works\n")
            box.fill("How much will the capital works for the library hubs cost?")
            box.press("Enter")
            answer = page.locator("#chat .message.bot").last
            expect(answer).to_contain_text("£1.2m", timeout=60_000)
            expect(answer).to_contain_text("[1]")
            expect(answer).to_contain_text("Sources")
            page.locator("#sources label").first.click()
            passage = page.locator("#passage")
            # Every sentence the answer quotes from this passage is highlighted; one of them gives the figure.
            expect(passage.locator("mark").filter(has_text="£1.2m")).to_have_count(1, timeout=30_000)
            expect(passage).to_contain_text("Future of the Library Service")
            expect(page.locator("#copy textarea")).to_have_value(
                __import__("re").compile(r"References:\n\[1\] Future of the Library Service"))
        finally:
            page.screenshot(path=str(out / "browser-chat.png"), full_page=True)
            browser.close()
    assert (out / "browser-chat.png").stat().st_size > 10_000


def test_upload_a_paper_and_see_the_result(empty_server_url: str, tmp_path: Path) -> None:
    from playwright.sync_api import expect, sync_playwright

    paper = tmp_path / "2024-07-02 Wexcombe Licensing Committee minutes.md"
    paper.write_text("# Minutes of the Licensing Committee, 2 July 2024\n\nWexcombe Borough Council\n\n"
                     "## 4. Taxi fares\n\n(1) RESOLVED that the maximum taxi fare for the first mile be £4.20 "
                     "from 1 September 2024.\n")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        try:
            page.goto(empty_server_url, wait_until="domcontentloaded")
            page.get_by_text("Add papers").click()
            page.locator("#upload input[type=file]").set_input_files(str(paper))
            page.locator("#ingest").click()
            result = page.locator("#upload-result")
            expect(result).to_contain_text("ingested", timeout=60_000)
            expect(result).to_contain_text("Licensing Committee")
        finally:
            page.screenshot(path=str(tmp_path / "browser-upload.png"), full_page=True)
            browser.close()


def test_sign_in_with_a_role_and_its_key(example_store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """With keys configured the page asks for a role and its key; a public caller can ask but not add papers."""
    from playwright.sync_api import expect, sync_playwright

    keys: dict[str, Role] = {"public-key-123": "public", "officer-key-456": "officer"}
    paper = tmp_path / "minutes.md"
    paper.write_text("# Minutes\n\n(1) RESOLVED that the taxi fare be £4.20.\n")
    with serving(make_assistant(example_store, tmp_path), keys) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        try:
            page.goto(url, wait_until="domcontentloaded")
            page.get_by_label("username").fill("public")
            page.get_by_label("password").fill("officer-key-456")  # another role's key
            page.get_by_role("button", name="Login").click()
            expect(page.get_by_text("Incorrect Credentials")).to_be_visible(timeout=30_000)
            page.get_by_label("username").fill("public")  # the failed attempt emptied the form
            page.get_by_label("password").fill("public-key-123")
            page.get_by_role("button", name="Login").click()
            box = page.locator("#question textarea")
            box.wait_for(timeout=60_000)
            box.fill("How much will the capital works for the library hubs cost?")
            box.press("Enter")
            expect(page.locator("#chat .message.bot").last).to_contain_text("£1.2m", timeout=60_000)
            page.get_by_text("Add papers").click()
            page.locator("#upload input[type=file]").set_input_files(str(paper))
            page.locator("#ingest").click()
            expect(page.locator("#upload-result")).to_contain_text("needs the officer role", timeout=60_000)
        finally:
            page.screenshot(path=str(tmp_path / "browser-signin.png"), full_page=True)
            browser.close()


def test_commitments_tab_filter_open_and_download(server_url: str, tmp_path: Path) -> None:
    """The register as a councillor uses it: open the tab, filter to decisions, open a row's passage, download
    the CSV."""
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
        try:
            page.goto(server_url, wait_until="domcontentloaded")
            page.get_by_role("tab", name="Commitments").click()
            page.locator("#c-query textarea, #c-query input").first.fill("Community Hubs")
            page.locator("#c-show").click()
            table = page.locator("#c-table")
            row = table.get_by_text("Community Hubs Programme be approved").locator("visible=true").first
            expect(row).to_be_visible(timeout=60_000)
            # the report's recommendation ("... by March 2026", past: due) and the minutes' resolution (open)
            expect(page.locator("#c-summary")).to_contain_text("2 items: 1 open, 1 due")
            row.click()
            passage = page.locator("#c-passage")
            expect(passage.locator("mark")).to_contain_text("Community Hubs Programme", timeout=30_000)
            expect(passage).to_contain_text("Cabinet")
            with page.expect_download(timeout=30_000) as download:
                page.locator("#c-csv").click()
            saved = tmp_path / "register.csv"
            download.value.save_as(saved)
            csv_text = saved.read_text()
            assert csv_text.startswith("id,kind,status,text") and "Community Hubs Programme" in csv_text
        finally:
            page.screenshot(path=str(tmp_path / "browser-commitments.png"), full_page=True)
            browser.close()


def test_draft_a_briefing_note_and_download_it(server_url: str, tmp_path: Path) -> None:
    """Type a topic, press "Draft a briefing note": the note appears with its sections and sources, and the Word
    file downloads with the same references."""
    from docx import Document
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
        try:
            page.goto(server_url, wait_until="domcontentloaded")
            page.locator("#question textarea, #question input").first.fill("library opening hours")
            page.locator("#brief").click()
            note = page.locator("#brief-note")
            expect(note).to_contain_text("Briefing note: library opening hours", timeout=60_000)
            expect(note).to_contain_text("Key facts and figures")
            expect(note).to_contain_text("[1] ")
            button = page.locator("#brief-docx")
            expect(button).to_be_visible(timeout=30_000)
            with page.expect_download(timeout=30_000) as download:
                button.click()
            assert download.value.suggested_filename.startswith("briefing-library-opening-hours-")
            saved = tmp_path / "note.docx"
            download.value.save_as(saved)
            paragraphs = [p.text for p in Document(str(saved)).paragraphs]
            assert paragraphs[0] == "Briefing note: library opening hours"
            first_reference = next(p for p in paragraphs if p.startswith("[1] "))
            expect(note).to_contain_text(first_reference.split('"')[0].strip())
        finally:
            page.screenshot(path=str(tmp_path / "browser-briefing.png"), full_page=True)
            browser.close()
