"""`clerk import moderngov`: a fake ModernGov site on 127.0.0.1 (tests/ingest/moderngov_fixtures.py), the
importer, and the papers ingested into a real store. No test reaches the internet."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ingest.moderngov import ModernGovClient, import_moderngov
from ingest.moderngov.importer import STATE_FILE, ImportSummary, ItemOutcome
from ingest.moderngov.records import (
    RecordError,
    parse_bool,
    parse_committees,
    parse_count,
    parse_date,
    parse_meeting,
    parse_meetings,
    parse_xml,
)
from tests.ingest.moderngov_fixtures import CHILDREN, COUNCIL, SiteServer, default_site
from vectorstore.loader import ingest_files


@pytest.fixture
def site():
    server = SiteServer(default_site())
    yield server.site
    server.close()


def run_import(site, dest: Path, **options) -> ImportSummary:
    options.setdefault("council", COUNCIL)
    options.setdefault("date_from", date(2026, 1, 1))
    options.setdefault("date_to", date(2026, 3, 31))
    with ModernGovClient(site.base_url, timeout_s=0.5, retries=1, backoff_s=0) as client:
        return import_moderngov(client, dest, **options)


def by_attachment(summary: ImportSummary) -> dict[str, ItemOutcome]:
    return {item.url.rpartition("ID=")[2]: item for item in summary.items if item.url}


def sidecar(item: ItemOutcome) -> dict:
    return json.loads(Path(item.path + ".meta.json").read_text())


# -- the XML ---------------------------------------------------------------------------------------------------
def test_xml_traps_are_read_as_the_council_meant_them(site):
    site_xml = default_site()
    root = parse_xml(site_xml.committees_xml.encode())
    assert parse_count(root.findtext("committeescount")) == 3  # " 3"
    committees = {c.id: c for c in parse_committees(root)}
    assert committees["144"].title == CHILDREN  # "&amp;amp;" decoded twice
    assert committees["160"].deleted is True and committees["144"].deleted is False
    assert parse_bool("True") and not parse_bool("False") and not parse_bool("\n      ")

    from tests.ingest.moderngov_fixtures import meetings_xml

    meetings = parse_meetings(parse_xml(meetings_xml("144", "Cabinet", [("7", "05/03/2026", "Cancelled")]).encode()))
    assert [(m.id, m.committee_id, m.date, m.cancelled) for m in meetings] == [("7", "144", date(2026, 3, 5), True)]
    assert parse_date("05/03/2026") == date(2026, 3, 5)  # dd/mm, not mm/dd
    assert parse_date("10/02/2026 00:00:00") == date(2026, 2, 10) and parse_date("2026-02-10") == date(2026, 2, 10)
    assert parse_date("31/02/2026") is None and parse_date("soon") is None

    detail = parse_meeting(parse_xml(str(site_xml.meeting_xml["4967"]).replace("{base}", "http://x").encode()))
    assert detail.date == date(2026, 2, 10)
    items = {i.title: i for i in detail.items}
    assert items["Minutes"].number == "4"  # the agenda's number, not fulldisplaynumberformat's "1."
    assert items["Fostering Sufficiency Update"].text == "Report of the Director of Children's Services & Education."
    titles = [d.title for d in items["Fostering Sufficiency Update"].documents]
    assert titles == ["Fostering Sufficiency Report", "Appendix 1 - Placements & Costs"]
    assert items["Minutes"].documents[0].title.startswith("6 - CHAIR APPROVED Minutes Children & Young")
    cabinet = parse_meeting(parse_xml(str(site_xml.meeting_xml["5001"]).encode()))
    budget, land = cabinet.items
    assert [d.restricted for d in budget.documents] == [False, True]
    assert budget.documents[1].restriction == "Paragraph 3 of Part 1 of Schedule 12A"
    assert land.restricted and land.documents[0].restricted  # an item's restriction covers its papers
    assert budget.documents[0].publication_date == date(2026, 2, 2)


def test_odd_responses_are_unwrapped_or_refused():
    wrapped = ('<string xmlns="http://moderngov.co.uk/namespaces">&lt;committees&gt;&lt;committee&gt;'
               "&lt;committeeid&gt;9&lt;/committeeid&gt;&lt;committeetitle&gt;Council&lt;/committeetitle&gt;"
               "&lt;/committee&gt;&lt;/committees&gt;</string>")
    assert [c.title for c in parse_committees(parse_xml(wrapped.encode()))] == ["Council"]
    spaced = '<committees xmlns="http://moderngov.co.uk/namespaces"><committee><committeeid>3</committeeid>' \
             "</committee></committees>"
    assert [c.id for c in parse_committees(parse_xml(spaced.encode()))] == ["3"]
    with pytest.raises(RecordError, match="malformed XML"):
        parse_xml(b"<meeting><agendaitems>")
    with pytest.raises(RecordError, match="document type"):
        parse_xml(b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><committees>&a;</committees>')
    with pytest.raises(RecordError, match="not a GetMeeting"):
        parse_meeting(parse_xml(b"<meeting/>"))


# -- the import ------------------------------------------------------------------------------------------------
def test_each_failure_is_reported_against_its_item_and_the_rest_imports(site, tmp_path: Path):
    summary = run_import(site, tmp_path / "papers")
    docs = by_attachment(summary)
    assert {k: v.status for k, v in docs.items()} == {
        "60860": "downloaded", "60901": "downloaded", "60902": "downloaded",
        "60903": "failed", "60904": "failed", "60905": "failed", "60906": "downloaded", "60907": "failed",
        "60908": "downloaded",  # a 503 first, then served on the retry
        "61001": "downloaded", "61002": "restricted-skipped", "61003": "restricted-skipped",
    }
    assert docs["60903"].reason == "HTTP 500 Internal Server Error (2 tries)"
    assert docs["60904"].reason == "timed out after 0.5 s (2 tries)"
    assert docs["60905"].reason.startswith("not a PDF (the server sent") and "text/html" in docs["60905"].reason
    assert "connection failed" in docs["60907"].reason
    meeting_failures = {i.meeting_date: i.reason for i in summary.items if not i.url}
    assert set(meeting_failures) == {"2026-03-05", "2026-03-12"}
    assert meeting_failures["2026-03-05"].startswith("meeting 5002 (GetMeeting): malformed XML (no element found")
    assert meeting_failures["2026-03-12"] == "meeting 5003 (GetMeeting): HTTP 500 Internal Server Error (2 tries)"
    assert all(item.committee for item in summary.items)
    assert not summary.ok and summary.count("failed") == 6
    assert summary.committees == 2 and summary.meetings == 4  # 4967, 5001, 5002, 5003
    assert all("\n" not in i.reason for i in summary.items)
    # the downloaded papers are on disk with the record beside them
    item = docs["60902"]
    assert Path(item.path).relative_to(tmp_path / "papers").parts[:2] == (
        "Children-Young-People-Scrutiny-Committee", "2026-02-10")
    assert Path(item.path).read_bytes().startswith(b"%PDF-")
    assert sidecar(item) == {
        "council": COUNCIL, "committee": CHILDREN, "meeting_date": "2026-02-10", "doc_type": "",
        "title": "Fostering Sufficiency Update: Appendix 1 - Placements & Costs", "agenda_item": "5",
        "access": "", "exempt_reason": "", "source_url": f"{site.base_url}/mgConvert2PDF.aspx?ID=60902",
        "origin": "moderngov",
    }
    assert sidecar(docs["60860"])["doc_type"] == "minutes"
    assert not any(p.name.endswith(".tmp") for p in (tmp_path / "papers").rglob("*"))


def test_import_then_ingest_carries_the_record_into_the_store(site, make_store, tmp_path: Path):
    imported = run_import(site, tmp_path / "papers", committees=[CHILDREN])
    assert len(imported.files) == 5
    store = make_store()
    ingested = ingest_files(store, imported.files)
    status = {Path(f.path).name.split("-")[1]: f for f in ingested.files}
    assert status["60906"].status == "failed" and status["60906"].reason  # the broken PDF, reported by ingest
    assert [status[k].status for k in ("60860", "60901", "60902", "60908")] == ["ingested"] * 4
    docs = {d.source_url.rpartition("ID=")[2]: d for d in store.list_documents()}
    assert set(docs) == {"60860", "60901", "60902", "60908"}
    report = docs["60901"]
    assert (report.council, report.committee, report.meeting_date) == (COUNCIL, CHILDREN, "2026-02-10")
    assert report.title == "Fostering Sufficiency Update: Fostering Sufficiency Report"
    assert report.source_url == f"{site.base_url}/mgConvert2PDF.aspx?ID=60901"
    assert report.access == "public" and docs["60860"].doc_type == "minutes"
    chunks = store.get_chunks([c for c in store.lexical().ids if c.startswith(report.document_id)])
    assert chunks and {c.agenda_item for c in chunks} == {"5"}
    assert any("42 new foster carers" in c.text for c in chunks)
    assert {c.committee for c in chunks} == {CHILDREN}


def test_committee_and_date_filters_choose_what_is_fetched(site, tmp_path: Path):
    summary = run_import(site, tmp_path / "papers", committees=["cabinet", "144", "No Such Committee"],
                         date_from=date(2026, 2, 1), date_to=date(2026, 2, 28))
    asked = site.calls("GetMeetings")
    assert {r.params["lCommitteeId"] for r in asked} == {"144", "150"}
    assert {(r.params["sFromDate"], r.params["sToDate"]) for r in asked} == {("01/02/2026", "28/02/2026")}
    assert sorted(r.params["lMeetingId"] for r in site.calls("GetMeeting")) == ["4967", "5001"]
    unknown = [i for i in summary.items if i.committee == "No Such Committee"]
    assert len(unknown) == 1 and unknown[0].status == "failed" and "no committee" in unknown[0].reason

    everything = run_import(site, tmp_path / "all", date_from=date(2025, 6, 1), date_to=date(2025, 6, 30))
    assert {r.params["lCommitteeId"] for r in site.calls("GetMeetings")} == {"144", "150"}  # not deleted 160
    assert [i.meeting_date for i in everything.items] == ["2025-06-15"] and everything.ok
    assert "4966" not in {r.params["lMeetingId"] for r in site.calls("GetMeeting")}  # cancelled: not asked


def test_a_rerun_fetches_nothing_unchanged(site, tmp_path: Path):
    dest = tmp_path / "papers"
    first = by_attachment(run_import(site, dest, committees=["144"]))
    files = {k: Path(v.path) for k, v in first.items() if v.path}
    stamps = {k: p.stat().st_mtime_ns for k, p in files.items()}
    state = json.loads((dest / STATE_FILE).read_text())
    assert state["documents"][first["60901"].url]["etag"]
    site.requests.clear()

    again = by_attachment(run_import(site, dest, committees=["144"]))
    assert {k: v.status for k, v in again.items() if k in files} == dict.fromkeys(files, "unchanged")
    bodies = {r.params["ID"] for r in site.doc_requests() if r.status == 200}
    assert bodies & set(files) == {"60860"}  # the one served without validators is compared by its hash
    assert bodies - set(files) == {"60905", "60907"}  # what failed last time is tried again
    conditional = [r for r in site.doc_requests() if r.status == 304]
    assert {r.params["ID"] for r in conditional} == {"60901", "60902", "60906", "60908"}
    assert all(r.headers.get("if-none-match") and r.headers.get("if-modified-since") for r in conditional)
    assert {k: p.stat().st_mtime_ns for k, p in files.items()} == stamps  # nothing rewritten
    assert {k: v.path for k, v in again.items()} == {k: v.path for k, v in first.items()}

    files["60901"].write_bytes(b"%PDF-1.4 damaged on disk")  # a file changed since: fetched whole again
    third = by_attachment(run_import(site, dest, committees=["144"]))
    assert third["60901"].status == "downloaded" and files["60901"].read_bytes() == site.docs["60901"].body


def test_restricted_papers_are_recorded_as_exempt_and_not_downloaded(site, tmp_path: Path):
    dest = tmp_path / "papers"
    summary = run_import(site, dest, committees=["Cabinet"], date_to=date(2026, 2, 28))
    docs = by_attachment(summary)
    assert docs["61001"].status == "downloaded" and summary.ok
    for attachment, reason in (("61002", "exempt: Paragraph 3 of Part 1 of Schedule 12A"),
                               ("61003", "exempt: restricted in the ModernGov record (agenda item)")):
        assert docs[attachment].status == "restricted-skipped" and docs[attachment].reason == reason
        assert docs[attachment].access == "exempt" and not docs[attachment].path
        assert not site.doc_requests(attachment)
        entry = json.loads((dest / STATE_FILE).read_text())["documents"][docs[attachment].url]
        assert entry["access"] == "exempt" and entry["status"] == "restricted-skipped" and "path" not in entry
    assert [p.name for p in dest.rglob("*.pdf")] == [Path(docs["61001"].path).name]


def test_include_restricted_ingests_them_as_exempt(site, make_store, tmp_path: Path):
    summary = run_import(site, tmp_path / "papers", committees=["Cabinet"], date_to=date(2026, 2, 28),
                         include_restricted=True)
    docs = by_attachment(summary)
    assert [docs[k].status for k in ("61001", "61002", "61003")] == ["downloaded"] * 3
    assert sidecar(docs["61002"])["access"] == "exempt"
    assert sidecar(docs["61002"])["exempt_reason"] == "Paragraph 3 of Part 1 of Schedule 12A"
    assert sidecar(docs["61001"])["access"] == ""  # open in the record: the paper's cover decides
    store = make_store()
    assert ingest_files(store, summary.files).ok
    stored = {d.source_url.rpartition("ID=")[2]: d for d in store.list_documents()}
    assert {k: d.access for k, d in stored.items()} == {"61001": "public", "61002": "exempt", "61003": "exempt"}
    assert stored["61002"].exempt_reason == "Paragraph 3 of Part 1 of Schedule 12A"
    exempt_chunks = store.get_chunks([c for c in store.lexical().ids if c.startswith(stored["61003"].document_id)])
    assert exempt_chunks and {c.access for c in exempt_chunks} == {"exempt"}


def test_cli_imports_and_ingests(site, tmp_path: Path, monkeypatch):
    from clerk.cli import app

    monkeypatch.setenv("CLERK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("CLERK_COUNCIL", COUNCIL)
    runner = CliRunner()
    args = ["import", "moderngov", site.base_url + "/", "--committee", "Cabinet", "--from", "2026-02-01",
            "--to", "2026-02-28", "--timeout", "5", "--retries", "0"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "downloaded 1, unchanged 0, restricted-skipped 2" in result.output
    assert "ingested 1, unchanged 0, skipped 0, failed 0" in result.output
    assert (tmp_path / "data" / "moderngov" / "127.0.0.1" / STATE_FILE).is_file()
    listed = json.loads(runner.invoke(app, ["documents", "--json"]).stdout)
    assert [(d["council"], d["committee"], d["meeting_date"]) for d in listed] == [(COUNCIL, "Cabinet", "2026-02-20")]
    assert listed[0]["source_url"].endswith("mgConvert2PDF.aspx?ID=61001")

    again = runner.invoke(app, args)
    assert again.exit_code == 0 and "downloaded 0, unchanged 1" in again.output
    assert "ingested 0, unchanged 1" in again.output
    missing = runner.invoke(app, ["import", "moderngov", site.base_url, "--committee", "Planning", "--retries", "0"])
    assert missing.exit_code == 1 and "no committee 'Planning'" in missing.output
    bad = runner.invoke(app, ["import", "moderngov", site.base_url, "--from", "10/02/2026"])
    assert bad.exit_code == 2


def test_a_cover_marked_exempt_stays_exempt_when_the_record_lists_it_open(site, make_store, tmp_path: Path):
    """The ModernGov record can be wrong the safe way round only: an item listed as open whose paper says on
    its cover that it is exempt is stored exempt, not made public by the sidecar."""
    from tests.ingest.moderngov_fixtures import Doc, report_pdf

    site.docs["61001"] = Doc(report_pdf("Budget Monitoring Report", "Cabinet", "20 February 2026", (
        "NOT FOR PUBLICATION: this report is exempt by virtue of paragraph 3 of Part 1 of Schedule 12A "
        "to the Local Government Act 1972.",
        "The forecast outturn is an overspend of £2.1m.")))
    summary = run_import(site, tmp_path / "papers", committees=["Cabinet"], date_to=date(2026, 2, 28))
    docs = by_attachment(summary)
    assert sidecar(docs["61001"])["access"] == ""
    store = make_store()
    assert ingest_files(store, summary.files).ok
    stored = {d.source_url.rpartition("ID=")[2]: d for d in store.list_documents()}
    assert stored["61001"].access == "exempt" and "Schedule 12A" in stored["61001"].exempt_reason
