"""Import a council's papers from its ModernGov site: list committees and meetings, select, download.

Each linked document lands in DEST/<committee>/<meeting date>/ with a `<file>.meta.json` sidecar that
carries what the ModernGov record says (council, committee, meeting date, agenda item, title, access,
source URL), which `ingest.metadata.load_sidecar` reads when the file is ingested. `DEST/moderngov-state.json`
remembers each document's hash and HTTP validators, so a re-run asks with a conditional GET and rewrites
nothing unchanged. A restricted item or document is recorded as exempt and not downloaded unless asked.
Whatever fails (a timeout, a 500, malformed XML, a download) is reported against its item and the import
goes on.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

from ingest.moderngov.client import Fetched, ModernGovClient, ModernGovError
from ingest.moderngov.records import (
    AgendaItem,
    Committee,
    LinkedDocument,
    Meeting,
    MeetingDetail,
    RecordError,
    parse_committees,
    parse_meeting,
    parse_meetings,
    service_date,
)

log = logging.getLogger(__name__)

STATE_FILE = "moderngov-state.json"
STATE_VERSION = 1
SIDECAR_SUFFIX = ".meta.json"
STATUSES = ("downloaded", "unchanged", "restricted-skipped", "skipped", "failed")


@dataclass
class ItemOutcome:
    """What happened to one linked document (or to a call that failed before any document was seen)."""

    status: str  # downloaded | unchanged | restricted-skipped | skipped | failed
    committee: str = ""
    meeting_date: str = ""
    agenda_item: str = ""
    title: str = ""
    url: str = ""
    path: str = ""  # the downloaded file, when there is one
    reason: str = ""
    access: str = "public"


@dataclass
class ImportSummary:
    items: list[ItemOutcome] = field(default_factory=list)
    committees: int = 0
    meetings: int = 0
    seconds: float = 0.0

    def count(self, status: str) -> int:
        return sum(1 for i in self.items if i.status == status)

    @property
    def ok(self) -> bool:
        return self.count("failed") == 0

    @property
    def files(self) -> list[Path]:
        """The documents of this import on disk (downloaded now or before), ready to ingest."""
        return [Path(i.path) for i in self.items if i.path and i.status in ("downloaded", "unchanged")]


def import_moderngov(
    client: ModernGovClient,
    dest: Path,
    *,
    council: str = "",
    committees: Iterable[str] = (),
    date_from: date | None = None,
    date_to: date | None = None,
    include_restricted: bool = False,
    on_item: Callable[[ItemOutcome], None] | None = None,
) -> ImportSummary:
    """Download the papers of the selected committees' meetings between `date_from` and `date_to`
    (inclusive; default: the last twelve months and the next month) into `dest`."""
    started = time.perf_counter()
    today = date.today()
    date_to = date_to or today + timedelta(days=31)
    date_from = date_from or min(today, date_to) - timedelta(days=365)
    run = _Run(client, Path(dest), council.strip(), include_restricted, on_item)
    try:
        listed = parse_committees(client.call("GetCommittees"))
    except ModernGovError as exc:
        run.fail(f"listing committees (GetCommittees): {exc}")
        listed = []
    selected = _select(listed, list(committees), run) if listed else []
    run.summary.committees = len(selected)
    for committee in selected:
        for meeting in _meetings(client, committee, date_from, date_to, run):
            run.summary.meetings += 1
            run.meeting(committee, meeting)
            run.save_state()
    run.save_state()
    run.summary.seconds = time.perf_counter() - started
    return run.summary


def _select(listed: list[Committee], wanted: list[str], run: _Run) -> list[Committee]:
    """Committees named by id or title (case and spacing ignored); all that are not deleted when none is named."""
    if not wanted:
        return [c for c in listed if not c.deleted]
    chosen: list[Committee] = []
    for name in wanted:
        key = _key(name)
        found = [c for c in listed if c.id == name.strip() or _key(c.title) == key]
        if not found:
            run.fail(f"no committee {name!r} on this site (GetCommittees lists {len(listed)})", committee=name)
        chosen.extend(c for c in found if c not in chosen)
    return chosen


def _key(text: str) -> str:
    return " ".join(text.casefold().replace("&", "and").split())


def _meetings(client: ModernGovClient, committee: Committee, date_from: date, date_to: date,
              run: _Run) -> list[Meeting]:
    try:
        root = client.call("GetMeetings", lCommitteeId=committee.id, sFromDate=service_date(date_from),
                           sToDate=service_date(date_to))
    except ModernGovError as exc:
        run.fail(f"listing meetings (GetMeetings): {exc}", committee=committee.title)
        return []
    meetings = []
    for meeting in parse_meetings(root, committee):
        if meeting.date is None:
            log.warning("%s: meeting %s has no date in the record; left out", committee.title, meeting.id)
        elif meeting.cancelled:
            log.info("%s: meeting %s on %s was cancelled", committee.title, meeting.id, meeting.date)
        elif date_from <= meeting.date <= date_to:  # some servers ignore the range they are given
            meetings.append(meeting)
    return sorted(meetings, key=lambda m: (m.date or date.min, m.id))


class _Run:
    """One import: the client, the destination, its state file and the summary being built."""

    def __init__(self, client: ModernGovClient, dest: Path, council: str, include_restricted: bool,
                 on_item: Callable[[ItemOutcome], None] | None) -> None:
        self.client, self.dest, self.council = client, dest, council
        self.include_restricted = include_restricted
        self.on_item = on_item
        self.summary = ImportSummary()
        self.state = _load_state(dest / STATE_FILE)

    def report(self, outcome: ItemOutcome) -> None:
        self.summary.items.append(outcome)
        log.info("%s %s: %s %s", outcome.status, outcome.url or outcome.committee, outcome.title, outcome.reason)
        if self.on_item:
            self.on_item(outcome)

    def fail(self, reason: str, **where: str) -> None:
        self.report(ItemOutcome("failed", reason=reason, **where))

    # -- one meeting -----------------------------------------------------------------------------------
    def meeting(self, committee: Committee, meeting: Meeting) -> None:
        day = meeting.date.isoformat() if meeting.date else ""
        try:
            detail = parse_meeting(self.client.call("GetMeeting", lMeetingId=meeting.id))
        except (ModernGovError, RecordError) as exc:
            self.fail(f"meeting {meeting.id} (GetMeeting): {exc}", committee=committee.title, meeting_date=day)
            return
        day = (detail.date or meeting.date or date.min).isoformat()
        for item, document in _documents(detail):
            self.document(committee, detail, day, item, document)

    def document(self, committee: Committee, meeting: MeetingDetail, day: str, item: AgendaItem | None,
                 doc: LinkedDocument) -> None:
        url = self.client.absolute(doc.url)
        title = paper_title(item.title if item else "", doc.title)
        exempt = doc.restricted or bool(item and item.restricted)
        outcome = ItemOutcome("failed", committee=committee.title, meeting_date=day,
                              agenda_item=item.number if item else "", title=title, url=url,
                              access="exempt" if exempt else "public")
        entry = self.state["documents"].setdefault(url, {})
        entry.update(committee=committee.title, meeting_id=meeting.id, meeting_date=day,
                     agenda_item=outcome.agenda_item, title=title, access=outcome.access,
                     checked=datetime.now().isoformat(timespec="seconds"))
        if exempt:
            entry["exempt_reason"] = _exempt_reason(doc, item)
        if exempt and not self.include_restricted:
            outcome.status, outcome.reason = "restricted-skipped", f"exempt: {entry['exempt_reason']}"
        elif doc.is_url:
            outcome.status, outcome.reason = "skipped", "a link to a web page, not an attached paper"
        else:
            try:
                self._fetch(outcome, entry, doc, item)
            except (ModernGovError, OSError) as exc:
                outcome.status, outcome.reason = "failed", _one_line(exc)
        entry["status"], entry["reason"] = outcome.status, outcome.reason
        self.report(outcome)

    def _fetch(self, outcome: ItemOutcome, entry: dict, doc: LinkedDocument, item: AgendaItem | None) -> None:
        known = self.dest / entry["path"] if entry.get("path") else None
        if known is not None and not known.resolve().is_relative_to(self.dest.resolve()):
            known = None  # a state file edited to point outside the destination
        intact = known is not None and known.is_file() and _sha256(known.read_bytes()) == entry.get("sha256")
        fetched = self.client.download(outcome.url, etag=entry.get("etag", "") if intact else "",
                                       last_modified=entry.get("last_modified", "") if intact else "")
        if fetched.not_modified:
            if not intact or known is None:  # a 304 we did not ask for
                raise ModernGovError("the server answered 304 Not Modified to an unconditional request")
            path = known
            outcome.status = "unchanged"
        else:
            _check_content(fetched, outcome.url)
            path = known or self._new_path(outcome, doc, fetched)
            digest = _sha256(fetched.content)
            if path.is_file() and _sha256(path.read_bytes()) == digest:
                outcome.status = "unchanged"
            else:
                _write_atomic(path, fetched.content)
                outcome.status = "downloaded"
            entry["sha256"] = digest
        entry.update(path=path.relative_to(self.dest).as_posix(), etag=fetched.etag,
                     last_modified=fetched.last_modified)
        outcome.path = str(path)
        self._write_sidecar(path, outcome, doc, item, entry.get("exempt_reason", ""))

    def _new_path(self, outcome: ItemOutcome, doc: LinkedDocument, fetched: Fetched) -> Path:
        folder = self.dest / (_slug(outcome.committee) or "committee") / (outcome.meeting_date or "undated")
        ident = doc.attachment_id or hashlib.sha1(outcome.url.encode()).hexdigest()[:8]
        stem = "-".join(p for p in (outcome.agenda_item and f"item{_slug(outcome.agenda_item)}", ident,
                                    _slug(doc.title or outcome.title)[:60]) if p)
        return folder / f"{stem}{_extension(fetched, outcome.url)}"

    def _write_sidecar(self, path: Path, outcome: ItemOutcome, doc: LinkedDocument, item: AgendaItem | None,
                       exempt_reason: str) -> None:
        meta = {
            "council": self.council,
            "committee": outcome.committee,
            "meeting_date": outcome.meeting_date,
            "doc_type": doc_type_of(doc.title, item.title if item else ""),
            "title": outcome.title,
            "agenda_item": outcome.agenda_item,
            # Only a restriction is recorded: an item the record lists as open leaves the decision to the
            # paper's own cover, so a paper marked exempt on its cover is never made public by the record.
            "access": "exempt" if outcome.access == "exempt" else "",
            "exempt_reason": exempt_reason if outcome.access == "exempt" else "",
            "source_url": outcome.url,
            "origin": "moderngov",
        }
        sidecar = path.with_name(path.name + SIDECAR_SUFFIX)
        text = json.dumps(meta, indent=2, ensure_ascii=False) + "\n"
        if not sidecar.is_file() or sidecar.read_text(encoding="utf-8") != text:
            _write_atomic(sidecar, text.encode("utf-8"))

    def save_state(self) -> None:
        self.state["updated"] = datetime.now().isoformat(timespec="seconds")
        self.state["site"] = self.client.base_url
        self.dest.mkdir(parents=True, exist_ok=True)
        _write_atomic(self.dest / STATE_FILE, (json.dumps(self.state, indent=1, sort_keys=True) + "\n").encode())


def _documents(detail: MeetingDetail) -> list[tuple[AgendaItem | None, LinkedDocument]]:
    """The meeting's own documents (agenda frontsheet, reports pack, printed minutes), then each item's."""
    pairs: list[tuple[AgendaItem | None, LinkedDocument]] = [(None, d) for d in detail.documents]
    pairs += [(item, d) for item in detail.items for d in item.documents]
    seen: set[str] = set()
    unique = []
    for item, doc in pairs:
        if doc.url not in seen:
            seen.add(doc.url)
            unique.append((item, doc))
    return unique


def paper_title(item_title: str, doc_title: str) -> str:
    """The paper's title from the record: the document's title, led by its agenda item's title when the
    document's own does not already say it ("Revenue Budget 2026/27: Appendix 2 - Fees & Charges")."""
    if not item_title or not doc_title:
        return doc_title or item_title
    if _key(item_title) in _key(doc_title) or _key(doc_title) in _key(item_title):
        return doc_title if len(doc_title) >= len(item_title) else item_title
    return f"{item_title}: {doc_title}"


def doc_type_of(doc_title: str, item_title: str) -> str:
    """A document type when the record's titles make it plain (ModernGov's own "Printed minutes",
    "Agenda frontsheet", "Public reports pack", "Printed decisions"); otherwise empty, left to inference."""
    title = doc_title.casefold()
    if re.search(r"\bminutes\b", title) or (not title and item_title.casefold() == "minutes"):
        return "minutes"
    if re.search(r"\bagenda\b|\breports? pack\b|\bfrontsheet\b", title):
        return "agenda"
    if re.search(r"\b(?:printed )?decisions\b|\bdecision notice\b|\brecord of decision\b", title):
        return "decision"
    return ""


def _exempt_reason(doc: LinkedDocument, item: AgendaItem | None) -> str:
    if doc.restriction:
        return doc.restriction
    return "restricted in the ModernGov record" + (" (agenda item)" if item and item.restricted else "")


def _check_content(fetched: Fetched, url: str) -> None:
    """Refuse what is plainly not the paper: an empty body, or an HTML page where a PDF was promised
    (ModernGov answers a withdrawn document with an HTML page and status 200)."""
    body = fetched.content
    if not body.strip():
        raise ModernGovError("the server sent an empty document")
    claims_pdf = ("pdf" in fetched.content_type.lower() or "mgconvert2pdf" in url.lower()
                  or urlsplit(url).path.lower().endswith(".pdf"))
    if claims_pdf and b"%PDF-" not in body[:1024]:
        kind = fetched.content_type.split(";")[0].strip() or "no content type"
        raise ModernGovError(f"not a PDF (the server sent {len(body)} bytes of {kind})")


_TYPES = {"application/pdf": ".pdf", "text/html": ".html", "text/plain": ".txt",
          "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
          "application/msword": ".doc", "application/rtf": ".rtf"}


def _extension(fetched: Fetched, url: str) -> str:
    head = fetched.content[:1024]
    if b"%PDF-" in head:
        return ".pdf"
    by_type = _TYPES.get(fetched.content_type.split(";")[0].strip().lower())
    if by_type:
        return by_type
    suffix = Path(urlsplit(url).path).suffix.lower()
    if re.fullmatch(r"\.[a-z0-9]{1,5}", suffix) and suffix not in (".aspx", ".asp", ".ashx", ".php"):
        return suffix
    if head.lstrip()[:1] == b"<":
        return ".html"
    return ".bin"


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-")


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _one_line(exc: Exception) -> str:
    text = str(exc) or type(exc).__name__
    if isinstance(exc, OSError) and exc.strerror:
        text = f"could not write the file ({exc.strerror})"
    return " ".join(text.split())[:300]


def _write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def _load_state(path: Path) -> dict:
    empty: dict = {"version": STATE_VERSION, "documents": {}}
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return empty
    except (OSError, ValueError) as exc:
        log.warning("ignoring unreadable import state %s (%s): everything is fetched again", path, exc)
        return empty
    if not (isinstance(state, dict) and state.get("version") == STATE_VERSION
            and isinstance(state.get("documents"), dict)):
        return empty
    return state
