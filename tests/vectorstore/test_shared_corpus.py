"""Integration over the real shared papers: ingest is idempotent and the real bad files are reported."""

from __future__ import annotations

from pathlib import Path

import pytest

from vectorstore.loader import ingest_files


@pytest.mark.shared
def test_ingesting_the_seed_papers_twice_changes_nothing(shared_dir: Path, make_store):
    store = make_store()
    first = ingest_files(store, [shared_dir / "corpus" / "seed"])
    assert [f.status for f in first.files] == ["ingested"] * 5
    count = store.chunk_count()
    again = ingest_files(store, [shared_dir / "corpus" / "seed"])
    assert [f.status for f in again.files] == ["unchanged"] * 5
    assert store.chunk_count() == count and len(store.lexical()) == count


@pytest.mark.shared
def test_a_scan_and_an_html_page_saved_as_pdf_are_reported_not_ingested(shared_dir: Path, make_store):
    scan = shared_dir / "corpus" / "scanned" / "omaha-planning-1303a-scanned.pdf"
    html = shared_dir / "corpus" / "ofsted" / "birmingham - children's services inspection - 19 october 2012.pdf"
    summary = ingest_files(make_store(), [scan, html])
    reasons = {Path(f.path).name: (f.status, f.reason) for f in summary.files}
    assert reasons[scan.name][0] == "failed" and reasons[scan.name][1].startswith("no text layer (scanned?)")
    assert reasons[html.name][0] == "failed" and "HTML" in reasons[html.name][1]
    assert not summary.ok
