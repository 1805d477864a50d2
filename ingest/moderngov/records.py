"""ModernGov web service XML (mgWebService.asmx) parsed into plain records.

The shapes follow recorded public responses: DemocracyClub's LGSF minutes scraper fixtures
(github.com/DemocracyClub/LGSF, lgsf/minutes/tests/fixtures/committees.xml, meetings.xml,
meeting_with_minutes.xml, recorded from democracy.manchester.gov.uk) and its scraper (lgsf/minutes/scrapers.py:
GetCommittees, GetMeetings?lCommitteeId=&sFromDate=&sToDate= with dd/mm/yyyy dates, GetMeeting?lMeetingId=):

    <committees><committeescount> 3</committeescount>
      <committee><committeeid>144</committeeid><committeetitle>Audit Committee</committeetitle>
        <committeedeleted>False</committeedeleted><committeeexpired>False</committeeexpired>...
    <getmeetings><meetingscount> 2</meetingscount>
      <committee><committeeid>144</committeeid><committeetitle>...</committeetitle>
        <committeemeetings><meeting><meetingid>4967</meetingid><meetingdate>10/02/2026</meetingdate>
          <meetingstatus>Confirmed</meetingstatus>...
    <meeting><meetingid>4967</meetingid><meetingdate>10/02/2026</meetingdate>
      <agendaitems><agendaitem><agendaitemid>18833</agendaitemid><agendaitemtitle>Work Programme</agendaitemtitle>
        <agendatext>&lt;div ...&gt;...</agendatext><agendaitemnumber>12</agendaitemnumber>
        <agendaitemsubnumber>\n</agendaitemsubnumber><fulldisplaynumberformat>9.</fulldisplaynumberformat>
        <isrestricted>False</isrestricted>
        <linkeddocuments><linkeddoc><attachmentid>60909</attachmentid><title>DRAFT WP  FEBRUARY 2026</title>
          <isurl>False</isurl><url>https://.../mgConvert2PDF.aspx?ID=60909</url><isrestricted>False</isrestricted>
          <restrictionsRef>\n</restrictionsRef><publicationdate>02/02/2026</publicationdate>...

Traps handled here: booleans are "True"/"False"; counts carry leading spaces (" 2"); empty values are a
newline; titles are HTML-escaped before being XML-escaped ("Fees &amp;amp; Charges", seen in Lambeth's
responses); agenda text is escaped HTML; dates are dd/mm/yyyy (sometimes with a time).
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import date, datetime


class RecordError(ValueError):
    """A response that is not the XML the web service should send; the message is one line."""


@dataclass(frozen=True)
class Committee:
    id: str
    title: str
    deleted: bool = False
    expired: bool = False
    category: str = ""


@dataclass(frozen=True)
class Meeting:
    id: str
    committee_id: str
    committee_title: str
    date: date | None
    status: str = ""

    @property
    def cancelled(self) -> bool:
        return "cancel" in self.status.lower()


@dataclass(frozen=True)
class LinkedDocument:
    title: str
    url: str
    attachment_id: str = ""
    publication_date: date | None = None
    restricted: bool = False
    restriction: str = ""  # the record's restrictionsRef, when it gives one ("Paragraph 3")
    is_url: bool = False  # a link to a web page rather than an attached file


@dataclass(frozen=True)
class AgendaItem:
    id: str
    number: str  # as the agenda prints it: "4", "5a"
    title: str
    text: str = ""  # the agenda text as plain text
    restricted: bool = False
    documents: tuple[LinkedDocument, ...] = ()


@dataclass(frozen=True)
class MeetingDetail:
    id: str
    date: date | None
    status: str = ""
    committee_title: str = ""
    items: tuple[AgendaItem, ...] = ()
    documents: tuple[LinkedDocument, ...] = field(default=())  # linked to the meeting, not to an item


# -- XML -----------------------------------------------------------------------------------------------------
def parse_xml(content: bytes) -> ET.Element:
    """The root element of a response, namespaces dropped. A document type declaration is refused (the
    service never sends one, and entity expansion is how hostile XML hurts a parser)."""
    head = content[:4096].lower()
    if b"<!doctype" in head or b"<!entity" in content.lower():
        raise RecordError("malformed XML (a document type declaration, which the web service never sends)")
    try:
        root = ET.fromstring(content)
    except ET.ParseError as exc:
        raise RecordError(f"malformed XML ({exc})") from exc
    for element in root.iter():
        if isinstance(element.tag, str) and "}" in element.tag:
            element.tag = element.tag.rpartition("}")[2]
    # Some installs wrap the answer as text in an ASP.NET <string> element; unwrap it once.
    if root.tag == "string" and len(root) == 0 and (root.text or "").lstrip().startswith("<"):
        return parse_xml((root.text or "").strip().encode("utf-8"))
    return root


def _raw(element: ET.Element, tag: str) -> str:
    found = element.find(tag)
    return (found.text or "").strip() if found is not None else ""


def clean_text(value: str) -> str:
    """Plain text from a value that may be escaped HTML, escaped again ("&amp;amp;"): entities decoded
    (at most three layers), tags removed, whitespace collapsed."""
    for _ in range(3):
        unescaped = html.unescape(value)
        if unescaped == value:
            break
        value = unescaped
    value = re.sub(r"<(?:br|/p|/div|/li|/h\d)\b[^>]*>", "\n", value, flags=re.IGNORECASE)
    value = re.sub(r"</?[A-Za-z][^<>]*>", "", value)
    value = html.unescape(value) if "&" in value else value
    lines = (re.sub(r"[ \t\xa0]+", " ", line).strip() for line in value.splitlines())
    return "\n".join(line for line in lines if line)


def _title(element: ET.Element, tag: str) -> str:
    return clean_text(_raw(element, tag)).replace("\n", " ")


def parse_bool(value: str) -> bool:
    return value.strip().lower() in {"true", "1", "yes", "y"}


def parse_count(value: str) -> int | None:
    """A count as the service prints it (" 3")."""
    value = value.strip()
    return int(value) if value.isdigit() else None


def parse_date(value: str) -> date | None:
    """dd/mm/yyyy (the service's format, sometimes followed by a time), or an ISO date; None otherwise."""
    value = value.strip()
    m = re.match(r"(\d{1,2})/(\d{1,2})/(\d{4})\b", value)
    try:
        if m:
            return date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        if re.match(r"\d{4}-\d{2}-\d{2}", value):
            return datetime.fromisoformat(value[:10]).date()
    except ValueError:
        return None
    return None


def service_date(day: date) -> str:
    """A date as the web service takes it: dd/mm/yyyy."""
    return day.strftime("%d/%m/%Y")


# -- responses -----------------------------------------------------------------------------------------------
def parse_committees(root: ET.Element) -> list[Committee]:
    committees = []
    for element in root.iter("committee"):
        committee_id = _raw(element, "committeeid")
        if not committee_id:
            continue
        committees.append(Committee(
            id=committee_id, title=_title(element, "committeetitle"),
            deleted=parse_bool(_raw(element, "committeedeleted")),
            expired=parse_bool(_raw(element, "committeeexpired")),
            category=_title(element, "committeecategory"),
        ))
    return committees


def parse_meetings(root: ET.Element, committee: Committee | None = None) -> list[Meeting]:
    """Meetings of a GetMeetings answer. Meetings sit inside <committee> blocks (or, in other calls, carry
    their own <committeeid>); a meeting with no id is left out."""
    meetings: list[Meeting] = []
    seen: set[str] = set()
    blocks = list(root.iter("committee")) or [root]
    for block in blocks:
        block_id = _raw(block, "committeeid") or (committee.id if committee else "")
        block_title = _title(block, "committeetitle") or (committee.title if committee else "")
        for element in block.iter("meeting"):
            meeting_id = _raw(element, "meetingid")
            if not meeting_id or meeting_id in seen:
                continue
            seen.add(meeting_id)
            meetings.append(Meeting(
                id=meeting_id, committee_id=_raw(element, "committeeid") or block_id,
                committee_title=_title(element, "committeetitle") or block_title,
                date=parse_date(_raw(element, "meetingdate")), status=_title(element, "meetingstatus"),
            ))
    return meetings


def parse_meeting(root: ET.Element) -> MeetingDetail:
    """A GetMeeting answer: the meeting, its agenda items and their linked documents."""
    meeting = root if root.tag == "meeting" else root.find(".//meeting")
    if meeting is None or not _raw(meeting, "meetingid"):
        raise RecordError(f"not a GetMeeting answer (root element <{root.tag}>)")
    items = []
    agenda = meeting.find("agendaitems")
    for element in agenda.findall("agendaitem") if agenda is not None else []:
        restricted = parse_bool(_raw(element, "isrestricted"))
        items.append(AgendaItem(
            id=_raw(element, "agendaitemid"), number=_item_number(element), title=_title(element, "agendaitemtitle"),
            text=clean_text(_raw(element, "agendatext")), restricted=restricted,
            documents=_documents(element, restricted),
        ))
    committee_title = _title(meeting, "committeetitle")
    if not committee_title:
        committee_title = next((_title(d, "committeetitle") for d in meeting.iter("linkeddoc")
                                if _title(d, "committeetitle")), "")
    return MeetingDetail(
        id=_raw(meeting, "meetingid"), date=parse_date(_raw(meeting, "meetingdate")),
        status=_title(meeting, "meetingstatus"), committee_title=committee_title, items=tuple(items),
        documents=_documents(meeting, False),
    )


def _item_number(element: ET.Element) -> str:
    """The item's number on the agenda: agendaitemnumber plus its sub-number ("5" + "a"). In the recorded
    Manchester response fulldisplaynumberformat follows the minutes' numbering once minutes are published
    (agenda item 4 "Minutes" shows "1."), so it is only the fallback."""
    number = _raw(element, "agendaitemnumber")
    if number:
        return number + _raw(element, "agendaitemsubnumber")
    return _raw(element, "fulldisplaynumberformat").rstrip(". ")


def _documents(owner: ET.Element, owner_restricted: bool) -> tuple[LinkedDocument, ...]:
    """The <linkeddoc> elements directly under `owner`'s <linkeddocuments>; a URL listed twice counts once."""
    container = owner.find("linkeddocuments")
    documents: list[LinkedDocument] = []
    seen: set[str] = set()
    for element in container.findall("linkeddoc") if container is not None else []:
        url = html.unescape(_raw(element, "url"))
        if not url or url in seen:
            continue
        seen.add(url)
        documents.append(LinkedDocument(
            title=_title(element, "title"), url=url, attachment_id=_raw(element, "attachmentid"),
            publication_date=parse_date(_raw(element, "publicationdate")),
            restricted=owner_restricted or parse_bool(_raw(element, "isrestricted")),
            restriction=_title(element, "restrictionsRef"), is_url=parse_bool(_raw(element, "isurl")),
        ))
    return tuple(documents)
