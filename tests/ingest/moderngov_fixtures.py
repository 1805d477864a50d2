"""A fake ModernGov site on 127.0.0.1 for the importer's tests: web service XML in the recorded shapes
and small PDFs drawn with fpdf2, all written here.

The XML follows public recorded responses (DemocracyClub/LGSF lgsf/minutes/tests/fixtures: committees.xml,
meetings.xml, meeting_with_minutes.xml from democracy.manchester.gov.uk; the doubly escaped "&amp;amp;" as
Lambeth's service sends it): "True"/"False" booleans, counts with a leading space, empty values as a
newline, escaped HTML agenda text, dd/mm/yyyy dates. The council, committees and papers are invented.
"""

from __future__ import annotations

import functools
import threading
import time
from dataclasses import dataclass, field
from datetime import date, datetime
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

from fpdf import FPDF

COUNCIL = "Marshfield County Council"
CHILDREN = "Children & Young People Scrutiny Committee"


@dataclass
class Doc:
    """How the site serves one attachment (mgConvert2PDF.aspx?ID=...)."""

    body: bytes
    content_type: str = "application/pdf"
    status: int = 200
    sleep: float = 0.0
    validators: bool = True  # sends ETag and Last-Modified, and answers 304 to a matching conditional GET
    truncate: bool = False  # declares more bytes than it sends, then drops the connection
    fail_first: int = 0  # answers 503 to this many requests before serving the document


@dataclass
class Seen:
    path: str
    params: dict[str, str]
    headers: dict[str, str]
    status: int = 0


@dataclass
class FakeModernGov:
    """The site's content; `requests` records every request and the status it was answered with."""

    committees_xml: str
    meetings: dict[str, list[tuple[str, str, str]]]  # committee id -> (meeting id, dd/mm/yyyy, status)
    meeting_xml: dict[str, str | Doc]  # meeting id -> GetMeeting answer (a Doc to misbehave)
    docs: dict[str, Doc]  # attachment id -> document
    committee_titles: dict[str, str] = field(default_factory=dict)  # as the XML carries them
    requests: list[Seen] = field(default_factory=list)
    base_url: str = ""

    def calls(self, method: str) -> list[Seen]:
        return [r for r in self.requests if r.path.endswith("/" + method)]

    def doc_requests(self, attachment_id: str | None = None) -> list[Seen]:
        return [r for r in self.requests if r.path.endswith("mgConvert2PDF.aspx")
                and (attachment_id is None or r.params.get("ID") == attachment_id)]


# -- XML in the recorded shapes --------------------------------------------------------------------------------
def committees_xml(committees: list[tuple[str, str, bool]]) -> str:
    """(id, title as the XML carries it, deleted)."""
    parts = [f"""  <committee>
    <committeeid>{cid}</committeeid>
    <committeetitle>{title}</committeetitle>
    <committeedeleted>{deleted}</committeedeleted>
    <committeeexpired>False</committeeexpired>
    <committeecategory>Governance and Decision Making Committees</committeecategory>
  </committee>
""" for cid, title, deleted in committees]
    return (f'<?xml version="1.0" encoding="utf-8"?>\n<committees>\n  <committeescount> {len(committees)}'
            f"</committeescount>\n{''.join(parts)}</committees>\n")


def meetings_xml(committee_id: str, title: str, meetings: list[tuple[str, str, str]]) -> str:
    rows = "".join(f"""      <meeting>
        <meetingid>{mid}</meetingid>
        <meetingdate>{day}</meetingdate>
        <meetingstatus>{status}</meetingstatus>
        <meetingtime>10.00 am</meetingtime>
        <iswebcast>False</iswebcast>
      </meeting>
""" for mid, day, status in meetings)
    return f"""<?xml version="1.0" encoding="utf-8"?>
<getmeetings>
  <meetingscount> {len(meetings)}</meetingscount>
  <committeescount> 1</committeescount>
  <committee>
    <committeeid>{committee_id}</committeeid>
    <committeetitle>{title}</committeetitle>
    <committeemeetingcount> {len(meetings)}</committeemeetingcount>
    <committeemeetings>
{rows}    </committeemeetings>
  </committee>
</getmeetings>
"""


def linked_doc(attachment_id: str, title: str, *, restricted: bool = False, restriction: str = "",
               published: str = "02/02/2026") -> str:
    return f"""        <linkeddoc>
          <attachmentid>{attachment_id}</attachmentid>
          <title>{title}</title>
          <isurl>False</isurl>
          <url>{{base}}/mgConvert2PDF.aspx?ID={attachment_id}</url>
          <isrestricted>{restricted}</isrestricted>
          <restrictionsRef>{restriction or chr(10) + "          "}</restrictionsRef>
          <itemnum>1</itemnum>
          <publicationdate>{published}</publicationdate>
          <isdecisionattachment>False</isdecisionattachment>
        </linkeddoc>
"""


def agenda_item(item_id: str, number: str, title: str, docs: list[str], *, display: str = "",
                restricted: bool = False, text: str = "") -> str:
    return f"""    <agendaitem>
      <agendaitemid>{item_id}</agendaitemid>
      <agendaitemtitle>{title}</agendaitemtitle>
      <agendatext>{text or "&lt;p&gt;The report is attached.&lt;/p&gt;"}</agendatext>
      <agendaitemnumber>{number}</agendaitemnumber>
      <agendaitemsubnumber>
      </agendaitemsubnumber>
      <fulldisplaynumberformat>{display or number + "."}</fulldisplaynumberformat>
      <declarationcount>0</declarationcount>
      <isdecision>False</isdecision>
      <isrestricted>{restricted}</isrestricted>
      <isdisplayallowed>True</isdisplayallowed>
      <linkeddocuments>
{"".join(docs)}      </linkeddocuments>
    </agendaitem>
"""


def meeting_xml(meeting_id: str, day: str, items: list[str], status: str = "Confirmed") -> str:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<meeting>
  <meetingid>{meeting_id}</meetingid>
  <meetingdate>{day}</meetingdate>
  <meetingstatus>{status}</meetingstatus>
  <isdisplayallowed>True</isdisplayallowed>
  <meetingtime>10.00 am</meetingtime>
  <meetinglocation>Council Chamber, County Hall</meetinglocation>
  <iswebcast>False</iswebcast>
  <agendapublished>True</agendapublished>
  <minutepublished>False</minutepublished>
  <meetingroom>
  </meetingroom>
  <agendaitems>
{"".join(items)}  </agendaitems>
</meeting>
"""


# -- papers ----------------------------------------------------------------------------------------------------
@functools.lru_cache(maxsize=32)
def report_pdf(title: str, committee: str, day: str, paragraphs: tuple[str, ...]) -> bytes:
    """A one-report PDF: title, cover lines, numbered paragraphs."""
    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", "B", size=14)
    pdf.multi_cell(0, 8, title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=11)
    for line in (f"Report to: {committee}", f"Date of meeting: {day}", ""):
        pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    for n, text in enumerate(paragraphs, start=1):
        pdf.multi_cell(0, 6, f"1.{n} {text}", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
    return bytes(pdf.output())


def default_site() -> FakeModernGov:
    """Two live committees and a deleted one, six meetings, good papers and every failure the importer
    must report per item."""
    committees = committees_xml([
        ("144", "Children &amp;amp; Young People Scrutiny Committee", False),
        ("150", "Cabinet", False),
        ("160", "Old Appointments Panel", True),
    ])
    children, cabinet = "144", "150"
    meetings = {
        children: [("4900", "15/06/2025", "Confirmed"), ("4966", "13/01/2026", "Cancelled"),
                   ("4967", "10/02/2026", "Confirmed")],
        cabinet: [("5001", "20/02/2026", "Confirmed"), ("5002", "05/03/2026", "Confirmed"),
                  ("5003", "12/03/2026", "Confirmed")],
        "160": [("5100", "01/02/2026", "Confirmed")],
    }
    pdf = functools.partial(report_pdf, committee=CHILDREN, day="10 February 2026")
    docs = {
        "70001": Doc(report_pdf("Fostering Sufficiency Update June", CHILDREN, "15 June 2025",
                                ("The council approved 30 new foster carers in 2024-25.",))),
        "60860": Doc(pdf("Minutes of the meeting held on 25 November 2025",
                         paragraphs=("The Committee noted the annual report of the virtual school head.",)),
                     validators=False),
        "60901": Doc(pdf("Fostering Sufficiency Report", paragraphs=(
            "The council approved 42 new foster carers in 2025-26, against a target of 50.",
            "Recruitment events were held in Tiverton and Barnstaple."))),
        "60902": Doc(pdf("Appendix 1 - Placements & Costs", paragraphs=(
            "Placements with independent fostering agencies fell from 210 to 188.",))),
        "60903": Doc(b"", status=500),
        "60904": Doc(pdf("Youth Justice Plan", paragraphs=("First-time entrants fell by 12 per cent.",)), sleep=3.0),
        "60905": Doc(b"<!DOCTYPE html><html><body>Document not available</body></html>",
                     content_type="text/html; charset=utf-8"),
        "60906": Doc(b"%PDF-1.4\n1 0 obj <<>> garbage without xref or pages"),
        "60907": Doc(pdf("Work Programme", paragraphs=("The Committee will consider adoption in March.",)),
                     truncate=True),
        "60908": Doc(pdf("Corporate Parenting Annual Report", paragraphs=(
            "The corporate parenting panel met six times this year.",)), fail_first=1),
        "61001": Doc(report_pdf("Budget Monitoring Report", "Cabinet", "20 February 2026", (
            "The forecast overspend on children's services is 4.2 million pounds.",))),
        "61002": Doc(report_pdf("Property Valuations", "Cabinet", "20 February 2026", (
            "The valuation of the Mill Lane depot is 1.35 million pounds.",))),
        "61003": Doc(report_pdf("Disposal of Land at Mill Lane", "Cabinet", "20 February 2026", (
            "The preferred bidder offered 1.4 million pounds for the Mill Lane site.",))),
    }
    meeting_xmls: dict[str, str | Doc] = {
        "4900": meeting_xml("4900", "15/06/2025", [
            agenda_item("18000", "3", "Fostering Sufficiency Update", [linked_doc("70001", "Fostering update")])]),
        "4966": meeting_xml("4966", "13/01/2026", [], status="Cancelled"),
        "4967": meeting_xml("4967", "10/02/2026", [
            agenda_item("18831", "4", "Minutes", [linked_doc(
                "60860", "6 - CHAIR APPROVED  Minutes Children &amp;amp; Young People Scrutiny Committee 25 Nov 2025")],
                display="1."),
            agenda_item("18832", "5", "Fostering Sufficiency Update", [
                linked_doc("60901", "Fostering Sufficiency Report"),
                linked_doc("60902", "Appendix 1 - Placements &amp;amp; Costs")],
                text="&lt;div class=\"WordSection1\"&gt;&lt;p&gt;Report of the Director of Children&amp;amp;#39;s "
                     "Services &amp;amp; Education.&lt;/p&gt;&lt;/div&gt;"),
            agenda_item("18833", "6", "Youth Justice Plan", [
                linked_doc("60903", "Youth Justice Plan report"), linked_doc("60904", "Youth Justice Plan")]),
            agenda_item("18834", "7", "Work Programme", [
                linked_doc("60905", "Work Programme"), linked_doc("60906", "Work Programme appendix"),
                linked_doc("60907", "Forward Plan extract")]),
            agenda_item("18835", "8", "Corporate Parenting", [
                linked_doc("60908", "Corporate Parenting Annual Report")]),
        ]),
        "5001": meeting_xml("5001", "20/02/2026", [
            agenda_item("19001", "4", "Budget Monitoring 2025/26", [
                linked_doc("61001", "Budget Monitoring Report"),
                linked_doc("61002", "Appendix B - Property Valuations", restricted=True,
                           restriction="Paragraph 3 of Part 1 of Schedule 12A")]),
            agenda_item("19002", "5", "Disposal of Land at Mill Lane", [
                linked_doc("61003", "Mill Lane Disposal Report")], restricted=True),
        ]),
        "5002": "<?xml version=\"1.0\"?><meeting><meetingid>5002</meetingid><agendaitems><agendaitem>",
        "5003": Doc(b"Server Error in '/' Application.", content_type="text/html", status=500),
        "5100": meeting_xml("5100", "01/02/2026", []),
    }
    titles = {children: "Children &amp;amp; Young People Scrutiny Committee", cabinet: "Cabinet",
              "160": "Old Appointments Panel"}
    return FakeModernGov(committees, meetings, meeting_xmls, docs, titles)


# -- the server ------------------------------------------------------------------------------------------------
class _Handler(BaseHTTPRequestHandler):
    site: FakeModernGov
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002  (quiet)
        pass

    def do_GET(self) -> None:  # noqa: N802
        try:
            self._answer()
        except (BrokenPipeError, ConnectionResetError):  # the client gave up waiting (the timeout tests)
            self.close_connection = True

    def _answer(self) -> None:
        parts = urlsplit(self.path)
        params = dict(parse_qsl(parts.query))
        seen = Seen(parts.path, params, {k.lower(): v for k, v in self.headers.items()})
        self.site.requests.append(seen)
        method = parts.path.rpartition("/")[2]
        if parts.path.startswith("/mgWebService.asmx/"):
            self._service(method, params, seen)
        elif method == "mgConvert2PDF.aspx" and params.get("ID") in self.site.docs:
            self._doc(self.site.docs[params["ID"]], seen, params["ID"])
        else:
            self._send(seen, 404, b"not found", "text/plain")

    def _service(self, method: str, params: dict[str, str], seen: Seen) -> None:
        site = self.site
        if method == "GetCommittees":
            body: str | Doc = site.committees_xml
        elif method == "GetMeetings":
            cid = params.get("lCommitteeId", "")
            first, last = _dmy(params.get("sFromDate", "")), _dmy(params.get("sToDate", ""))
            rows = [m for m in site.meetings.get(cid, []) if first <= _dmy(m[1]) <= last]
            body = meetings_xml(cid, site.committee_titles.get(cid, ""), rows)
        elif method == "GetMeeting":
            body = site.meeting_xml.get(params.get("lMeetingId", ""), "<meeting/>")
        else:
            self._send(seen, 500, b"unknown method", "text/plain")
            return
        if isinstance(body, Doc):
            self._send(seen, body.status, body.body, body.content_type)
        else:
            self._send(seen, 200, body.replace("{base}", site.base_url).encode(), "text/xml; charset=utf-8")

    def _doc(self, doc: Doc, seen: Seen, attachment_id: str) -> None:
        if doc.sleep:
            time.sleep(doc.sleep)
        if doc.fail_first and len(self.site.doc_requests(attachment_id)) <= doc.fail_first:
            self._send(seen, 503, b"busy", "text/plain")
            return
        if doc.status != 200:
            self._send(seen, doc.status, doc.body or b"error", "text/html")
            return
        etag = f'"{attachment_id}-{len(doc.body)}"'
        modified = formatdate(datetime(2026, 2, 2, 9, 0).timestamp(), usegmt=True)
        headers = {"ETag": etag, "Last-Modified": modified} if doc.validators else {}
        if doc.validators and self.headers.get("If-None-Match") == etag:
            self._send(seen, 304, b"", "", headers)
            return
        if doc.truncate:
            seen.status = 200
            self.send_response(200)
            self.send_header("Content-Type", doc.content_type)
            self.send_header("Content-Length", str(len(doc.body)))
            self.end_headers()
            self.wfile.write(doc.body[: len(doc.body) // 3])
            self.wfile.flush()
            self.close_connection = True
            return
        self._send(seen, 200, doc.body, doc.content_type, headers)

    def _send(self, seen: Seen, status: int, body: bytes, content_type: str,
              headers: dict[str, str] | None = None) -> None:
        seen.status = status
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body) if status != 304 else 0))
        self.end_headers()
        if status != 304:
            self.wfile.write(body)


def _dmy(value: str) -> date:
    day, month, year = (int(p) for p in value.split("/"))
    return date(year, month, day)


class SiteServer:
    """`site` served on 127.0.0.1 (port 0) from a thread, until `close`."""

    def __init__(self, site: FakeModernGov) -> None:
        handler = type("Handler", (_Handler,), {"site": site})
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.server.daemon_threads = True
        site.base_url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.site = site
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
