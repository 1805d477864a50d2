"""What a report is and where it was considered: council, committee, meeting date, type, author, title,
and where each of these came from.

Order of trust, per field (the source is recorded in `PaperMeta.sources`):
1. `moderngov` / `sidecar`: a `<file>.meta.json` sidecar (written by the ModernGov importer, which marks it
   `"origin": "moderngov"`, or by an operator) or the folder's `papers.csv` (applied in `ingest.paper`);
2. `setting`: the deployment's council (`CLERK_COUNCIL`, passed down by the caller; applied in `ingest.paper`);
3. `cover`: the paper's own cover lines: "Meeting:", "COMMITTEE:", "REPORT TO:", "To: Cabinet - 30 January
   2025", "Date of meeting", the minutes' own heading ("Minutes of the ... Committee" / "MINUTES of a meeting
   of ..."), a decision form's "Decision determined at ... meeting on ...", a ModernGov agenda page's "Agenda
   for ... on ...", a frontsheet's committee and date lines, a letterhead naming a real council, an Ofsted
   report's inspected authority; for a report inside a pack, the pack's frontsheet;
4. `docinfo`: the PDF's document information (ModernGov's pack PDFs carry "Cabinet, 13/03/2025 15:00" as
   their subject; a Title is used only when the paper gives no readable title) or an HTML page's `<title>`
   (a ModernGov meeting page is titled "Agenda for Cabinet on Thursday, 30th January, 2025, 10.00 am" while
   its body heading is only "Agenda and minutes": the title is the page's name for itself, so it gives the
   meeting, the date and, in place of a generic heading, the paper's title);
5. `inferred`: the running text, only with evidence: a council must be a real one (`ingest.gazetteer`),
   named in full or by its .gov.uk domain often enough and clearly more than any other body; its place
   name alone counts only when printed repeatedly and no other council competes. A committee is never
   inferred from running text: only a cover line names the meeting a paper is for;
6. `filename`: a file name that starts with an ISO date ("2025-01-30 ...", as a ModernGov download script
   names files) is a weak hint for the meeting date, never the only source: used when the paper gives no
   date of its own but prints that one, or (after ingest, `meeting`) when its meeting's record in the same
   folder, named with the same date, is dated by its own cover.
An unknown value stays "" (shown as unknown): a wrong value is worse than none.
"""

from __future__ import annotations

import csv
import json
import logging
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ingest.cleaning import clean_inline
from ingest.dates import DATE, first_date, leading_date, printed_dates, range_end, to_iso, valid_date
from ingest.gazetteer import Body, gazetteer
from ingest.models import PaperMeta, human_date
from ingest.titles import find_title, readable_title

log = logging.getLogger(__name__)

# "meeting" / "folder": taken from the other papers of the same meeting or folder (ingest.meetings), after ingest.
SOURCES = ("moderngov", "sidecar", "setting", "cover", "docinfo", "inferred", "filename", "meeting", "folder")
_LA = re.compile(r"(?:Inspection of|visit to|inspection of)\s+(?P<la>[A-Z][\w’'\- ,]{2,80}?)\s+"
                 r"(?:local authority\s+)?children[’']s\s+(?:social care\s+)?services", re.IGNORECASE)
_BODY_WORD = r"(?:Committee|Sub-Committee|Cabinet|Board|PPB|Panel|Council|Group|Forum|Commission|Executive|Assembly)"
# A body's name: capitalised words before its body word, with the small words committee names are made
# with between them ("Health and Wellbeing Board", "West of England Combined Authority Committee").
# A notice's signature, "Richard Nolan / Clerk to the Council / 29 October 2025", names an officer, not a meeting.
_SIGNATORY = r"(?!(?:Town\s+|Parish\s+)?Clerk\b|Proper\s+Officer\b|Chief\s+Executive\b|Returning\s+Officer\b)"
_BODY = rf"(?:[A-Z][\w’',&\-]*[ \t]+(?:(?:of|and|for|on|in|&)[ \t]+)?){{0,9}}?{_BODY_WORD}"
_NAME_LINE = r"[^\n\t]{3,140}?"
# A meeting's proceedings told in the past, as only its record tells them: "Janet Keough called the meeting to order
# at 6:30 pm", "The meeting was called to order at 7:02 p.m." (an agenda prints "CALL TO ORDER": what is to come).
_PROCEEDINGS = re.compile(
    r"\b(?:called|was\s+called)\s+(?:the\s+(?:[\w-]+\s+){0,4}?meeting\s+)?to\s+order\s+at\b", re.IGNORECASE
)
_MINUTES_STATUS = r"(?:(?:DRAFT|APPROVED|AGREED|CONFIRMED|UNCONFIRMED)[ \t]+)?"  # printed before "Minutes"
_COMMITTEE_FIELDS = [  # cover lines that name the meeting a paper is for, most specific first
    re.compile(r"^[ \t]*(?:REPORT TO|Report to|COMMITTEE|Committee|MEETING|Meeting|Decision[- ][Mm]aker|DECISION MAKER"
               r"|Meeting of)[ \t]*:[ \t]*(?P<v>[^\n]*)(?:\n[ \t]*(?P<next>[^\n]+))?", re.MULTILINE),
    re.compile(r"^[ \t]*To:?[ \t]+(?P<v>[^\n]+?)\s*[-–,]\s*\d{1,2}\s+\w+\s+\d{4}", re.MULTILINE),
    # A planning report's form: "PLANNING COMMITTEE DATE: 10 June 2026" names the committee and its date.
    re.compile(rf"^[ \t]*{_SIGNATORY}(?P<v>(?:[A-Za-z&]+[ \t]+){{0,4}}?{_BODY_WORD})[ \t]+(?:meeting[ \t]+)?"
               r"date[ \t]*:",
               re.MULTILINE | re.IGNORECASE),
    re.compile(r"Decision determined at (?:the )?(?P<v>[^\n]+(?:\n[^\n]+)??)\s+meeting\s+on\b", re.IGNORECASE),
    re.compile(r"^\s*Agenda for (?:the )?(?P<v>.+?) on (?:\w+day,?\s+)?\d{1,2}", re.MULTILINE | re.IGNORECASE),
    re.compile(rf"^\s*Report to (?:the )?(?P<v>{_BODY})\s*:", re.MULTILINE | re.IGNORECASE),
    re.compile(rf"MINUTES of (?:a|the) (?:\w+ )?meeting of (?:the )?(?P<v>{_BODY})", re.IGNORECASE),
    re.compile(r"^\s*Minutes of (?:the )?(?P<v>(?!meeting)[^\n]+(?:\n(?!\s*\n)[^\n]+)?)\s*\n(?:\s*\n)?\s*"
               rf"(?:\w+day,?\s+)?{DATE.pattern}", re.MULTILINE | re.IGNORECASE),
    # A minutes heading naming the body's own meeting, marked with its status or not: "DRAFT Minutes for the
    # Garelochhead Community Council Meeting", "Minutes of Haresfield Parish Council Meeting"; and a body's
    # name over "Minutes of a Meeting held on ..." (a parish's minutes are of the council itself).
    re.compile(rf"^[ \t]*{_MINUTES_STATUS}Minutes (?:of|for) (?:the )?(?P<v>{_BODY}(?: AGM| Annual General Meeting)?)"
               r"(?: Meeting)?[ \t]*$", re.MULTILINE | re.IGNORECASE),
    re.compile(rf"^[ \t]*(?P<v>{_BODY})[ \t]*(?:[-–][ \t]*|\n(?:[ \t]*\n)?[ \t]*)"
               r"Minutes of (?:a|the) (?:\w+ )?Meeting held\b", re.MULTILINE | re.IGNORECASE),
    # "Planning Committee - 6 June 2023"; "Royal Sutton Coldfield Town Council Meeting 21 February 2017"
    re.compile(rf"^\s*{_SIGNATORY}(?P<v>{_BODY})(?:\s+Meeting)?\s*[-–,]?\s*{DATE.pattern}",
               re.MULTILINE | re.IGNORECASE),
    re.compile(rf"^\s*(?P<v>{_BODY})\s*\n\s*\n?\s*(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+\d", re.MULTILINE),
    # a summons: "A Meeting of Burton-cum-Walden Parish Council will be held in the Village Hall"
    # and a parish's statutory summons: "Members of the Council are hereby summoned ... to attend a Meeting of
    # Hertingfordbury Parish Council to be held at ..." (the name may wrap onto the next line)
    re.compile(rf"[Mm]eeting of\s+(?:the\s+)?(?P<v>{_BODY})\s+(?:is\s+to|will|to)\s+be\s+held"),
    # A body's name heading the record of its meeting: over the "Date:" field of a panel's notes, or over
    # "Minutes of a meeting of the above Council held on ...".
    re.compile(rf"^[ \t]*(?P<v>{_BODY})[ \t]*\n(?:[ \t]*\n)?[ \t]*(?:Date[ \t]*:"
               r"|[^\n]*\bmeeting of the above (?:Council|Committee)\b)", re.MULTILINE | re.IGNORECASE),
    re.compile(rf"^\s*Chair(?:man)?,\s*(?P<v>{_BODY})\s*$", re.MULTILINE),
]
_DATE_FIELDS = [  # cover lines that date the meeting
    rf"^[ \t]*To:?[ \t]+[^\n]+?[-–,]\s*(?P<v>{DATE.pattern})",
    rf"^[ \t]*{_SIGNATORY}(?:[A-Za-z&]+[ \t]+){{0,4}}?{_BODY_WORD}[ \t]+(?:meeting[ \t]+)?date[ \t]*:[ \t]*"
    rf"(?P<v>{DATE.pattern})",
    rf"Decision determined at .{{3,200}}?\s+meeting\s+on\s+(?P<v>{DATE.pattern})",
    rf"^\s*Agenda for .+? on (?P<v>{DATE.pattern})",
    rf"^\s*{_SIGNATORY}{_BODY}(?:\s*[-–,]|\s+Meeting(?:\s*[-–,])?)\s*(?P<v>{DATE.pattern})",
    # a summons, its date in the sentence or in the "Date:" field under it ("A meeting of the Audit Committee will
    # be held: / Date: 22 October 2009 / Time: ... / Venue: ...", a frontsheet's layout)
    rf"[Mm]eeting of\s+(?:the\s+)?{_BODY}\s+(?:is\s+to|will|to)\s+be\s+held\b[^.]{{0,120}}?(?:\bon|\bDate[ \t]*:)\s+"
    rf"(?P<v>(?:\w+day,?\s+)?{DATE.pattern})",
    r"^\s*(?-i:DATE|Date of [Mm]eeting|Date of the [Mm]eeting|Meeting [Dd]ate|MEETING DATE)\s*:?\s*(?P<v>[^\n]+)",
    r"^[ \t]*Meeting[ \t]*:[^\n]*?\bDate[ \t]*:[ \t]*(?P<v>[^\n]+)",
    r"^[ \t]*(?:Meeting|COMMITTEE|Committee|Report to|REPORT TO)[ \t]*:[^\n]*\n(?:[^\n]*\n){0,3}?[ \t]*Date[ \t]*:"
    r"[ \t]*(?P<v>[^\n]+)",
    r"MINUTES of (?:a|the) (?:\w+ )?meeting of\b.{0,300}?\bon\s+"
    r"(?P<v>(?:\w+day,?\s+)?\d{1,2}(?:st|nd|rd|th)?\s+\w+,?\s+\d{4})",
    rf"^\s*Minutes of (?:the )?[^\n]+(?:\n(?!\s*\n)[^\n]+)?\s*\n(?:\s*\n)?\s*(?P<v>(?:\w+day,?\s+)?{DATE.pattern})",
    # "Minutes of Haresfield Parish Council Meeting / Held in the Village Hall on Monday 26th January 2020"
    rf"^[ \t]*{_MINUTES_STATUS}Minutes (?:of|for) [^\n]+\n(?:[ \t]*\n)?[ \t]*Held\b[^\n]{{0,120}}?\bon\s+"
    rf"(?P<v>(?:\w+day,?\s+)?{DATE.pattern})",
    rf"^\s*{_BODY}\s*\n\s*\n?\s*(?P<v>(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+{DATE.pattern})",
    # a report's cover: the body's name over a line holding only the meeting's date ("Kingston & North Kingston
    # Neighbourhood Committee / 15 January 2026 / <title>")
    rf"^[ \t]*{_SIGNATORY}{_BODY}[ \t]*\n(?:[ \t]*\n)?[ \t]*(?P<v>{DATE.pattern})[ \t]*$",
    rf"^\s*Report of [^\n]*?\b(?P<v>{DATE.pattern})",
]
_AUTHOR_FIELDS = [
    re.compile(r"^\s*REPORTING OFFICER:\s*(?P<v>.+)$", re.MULTILINE),
    re.compile(r"^\W*Report (?:of|by) (?:the )?(?P<v>[^\n]{5,160}?)(?:,? attached)?\W*$", re.MULTILINE),
    re.compile(r"^\s*From:\s*(?P<v>.+?)(?=^\s*To:)", re.MULTILINE | re.DOTALL),
    re.compile(r"^\s*By\t(?P<v>[^\n]+(?:\n[^\n\t:]{3,80}){0,2})\n\s*To\b", re.MULTILINE),
    re.compile(r"^\s*Report Author:\s*(?P<v>.+(?:\n\s*Job Title:.+)?)", re.MULTILINE),
    re.compile(r"(?:Lead|Reporting) inspector:?\s*(?P<v>[^\n\t]+)", re.IGNORECASE),
    re.compile(r"^\s*Yours (?:sincerely|faithfully)\s*\n+\s*(?P<v>[^\n]{3,60}\n[^\n]{3,80})", re.MULTILINE),
]
_INSPECTION = re.compile(r"Inspection dates?:|\bInspection of\b.{0,80}children|Ofsted|His Majesty[’']s Inspector"
                         r"|Her Majesty[’']s Inspector", re.IGNORECASE)
_MODERNGOV_SUBJECT = re.compile(
    r"^(?P<committee>.{3,120}?),\s*(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})(?:\s+\d{1,2}:\d\d)?$")
# A ModernGov meeting page's <title>: "Agenda for Cabinet on Thursday, 30th January, 2025, 10.00 am".
_MODERNGOV_PAGE = re.compile(rf"^Agenda for (?:the )?(?P<committee>.+?) on (?:\w+day,?\s+)?(?P<date>{DATE.pattern})",
                             re.IGNORECASE)
# A ModernGov committee's own pages: "Committee details - Planning Committee - <site>", "Browse meetings - ...".
_MODERNGOV_COMMITTEE_PAGE = re.compile(r"^(?:Committee details|Browse meetings|Committee attendance|Meetings)"
                                       r" - (?P<committee>.+?) - [^-]+$", re.IGNORECASE)
# The generic headings ModernGov prints at the top of its pages (the page's kind, not its subject).
_GENERIC_HEADING = re.compile(r"^(?:agenda|minutes|decisions?|draft minutes|attendance|meeting|browse meetings"
                              r"|(?:meeting|committee|decision|issue|attendance) details|issue)"
                              r"(?:(?:,| and)\s+(?:draft |printed )?(?:agenda|minutes|decisions?))*$", re.IGNORECASE)
# An agenda's items: "(Pages 3 - 8)" beside an item, or the standing items numbered from 1 or on from the last
# meeting's ("805. Apologies", "1. Declarations of interest").
_STANDING_ITEM = re.compile(
    r"\(Pages?\s|^\s*\d{1,4}\.?\s+(?:To\s+(?:receive|note|confirm|consider)\s+)?(?:Apologies|Minutes|Declarations)",
    re.MULTILINE | re.IGNORECASE)
# The summons that opens an agenda: "A meeting of the Audit Committee will be held", "Members of the Council are
# hereby summoned to attend", "NOTICE IS HEREBY GIVEN that a meeting of ... will take place".
_SUMMONS = re.compile(r"\bmeeting of\s+(?:the\s+)?[^.]{3,120}?\s+(?:is\s+to|will|to)\s+(?:be\s+held|take\s+place)\b"
                      r"|\bhereby\s+summoned\b", re.IGNORECASE)
# Papers that belong to no meeting: the constitution and its parts, and the Forward Plan / notice of key
# decisions a council must publish (a list of decisions to come, not a report to a meeting).
_OTHER = re.compile(r"^\s*(?:Constitution\b|(?:[A-Z][\w-]* ){0,4}Procedure Rules\b|Standing Orders\b|Code of Conduct\b"
                    r"|Scheme of Delegation\b|Terms of Reference\b|Members[’']? Allowances Scheme\b"
                    r"|(?:The )?Forward Plan\b|Notice of (?:Key|Forthcoming) Decisions\b|Key Decisions? Notice\b)",
                    re.IGNORECASE)
# A line that is nothing but a council's full name, as a letterhead prints it: "Wexcombe Borough Council".
# The kind word is what makes it a council's name rather than a phrase ("Council Tax Support" is not).
# Parish, town and community councils (England's and Wales's local councils) print their names the same way.
# (a meeting's kind is no place: "MINUTES OF THE REGULAR CITY COUNCIL MEETING", "Extraordinary Parish Council")
_LETTERHEAD = re.compile(r"(?:The )?(?!(?:Regular|Special|Ordinary|Extraordinary|Annual|Adjourned|Full|Joint|Emergency"
                         r"|Reconvened|Virtual|Remote)\b)"
                         r"(?P<place>[A-Z][\w'’-]+(?:[ -](?:upon|on|under|and|&|[A-Z][\w'’-]+)){0,3})"
                         r" (?:City|County|Borough|District|Metropolitan Borough|County Borough|Town|Parish|Community)"
                         r" Council")
# "Milburn Parish Council - 14th July 2020": a letterhead with the meeting's date after it; "Royal Sutton Coldfield
# Town Council Meeting 21 February 2017": with the meeting it heads.
_DATED_HEAD = re.compile(r"\s+[-–]\s+[^\n]*\b(?:19|20)\d\d\s*$")
# "DRAFT Minutes for the Garelochhead Community Council Meeting": the council whose minutes they are.
_MINUTES_OF = re.compile(rf"^{_MINUTES_STATUS}(?:Minutes|Agenda)\s+(?:of|for)\s+"
                         r"(?:(?:the|an?)\s+)?(?:(?:\w+\s+)?Meeting\s+of\s+(?:the\s+)?)?", re.IGNORECASE)
_MEETING_AFTER = re.compile(
    rf"(?<=Council)\s+(?:Meeting|Minutes|Agenda|AGM)\b(?:\s+(?:of|on|held))?\s*(?:{DATE.pattern})?\s*$", re.IGNORECASE)
# A cover field naming the body whose paper it is ("Organisation: Uttlesford District Council", "Authority: ...").
_BODY_FIELD = re.compile(r"^[ \t]*(?:Organisation|Organization|Authority|Council|Local (?:Planning )?Authority)[ \t]*:"
                         r"[ \t]*(?P<v>[^\t\n]{3,80})", re.MULTILINE | re.IGNORECASE)
SIDECAR_SUFFIX = ".meta.json"
MANIFEST = "papers.csv"
COVER_CHARS = 2500  # how far into a report its cover lines reach


@dataclass(frozen=True)
class DocInfo:
    """A PDF's document information, as far as it may help: its Title, Subject and Creator."""

    title: str = ""
    subject: str = ""
    creator: str = ""
    web_page: bool = False  # an HTML page's <title>: the page's own name, not a field a template left behind


def read_docinfo(path: Path) -> DocInfo:
    """The document information of a PDF, or an HTML page's `<title>` (empty for other formats, or when
    unreadable)."""
    if path.suffix.lower() in (".html", ".htm"):
        from ingest.extract.html import page_title

        return DocInfo(title=page_title(path), web_page=True)
    if path.suffix.lower() != ".pdf":
        return DocInfo()
    try:
        from pypdf import PdfReader

        info: Mapping[str, object] = PdfReader(str(path)).metadata or {}
        title, subject, creator = (" ".join(str(info.get(k) or "").split()) for k in ("/Title", "/Subject", "/Creator"))
        return DocInfo(title=title, subject=subject, creator=creator)
    except Exception as exc:  # noqa: BLE001 - a damaged info dictionary is just "no docinfo"
        log.debug("%s: no document info (%s)", path, exc)
        return DocInfo()


def infer_meta(report_text: str, file_name: str, paper_head: str, *, docinfo: DocInfo | None = None,
               file_dates: bool = True) -> PaperMeta:
    """Metadata read from one report's text, the opening of its paper (the pack's frontsheet), the PDF's
    document info and, for the meeting date only and last of all, the file name. `sources` says where each
    non-empty field came from."""
    docinfo = docinfo or DocInfo()
    head = report_text[:6000]
    sources: dict[str, str] = {}
    title = find_title(report_text, 0, len(report_text))
    usable_docinfo = (readable_title(docinfo.title) and not _generic_docinfo_title(docinfo.title)
                      and (docinfo.web_page or _printed_in(docinfo.title, report_text[:COVER_CHARS])))
    opening = paper_head[:300] == report_text[:300]  # a document's title names its opening, not a pack's later report
    if title and not (_GENERIC_HEADING.match(title) and usable_docinfo and opening):
        sources["title"] = "cover"
    elif usable_docinfo:  # none printed, or only a page's generic heading ("Agenda and minutes")
        title, sources["title"] = _page_title(docinfo.title, web_page=docinfo.web_page), "docinfo"
    doc_type, sources["doc_type"] = infer_doc_type_with_source(report_text, title, file_name, paper_head, docinfo)
    council, sources["council"] = council_with_source(report_text, paper_head, title)
    committee, sources["committee"] = ("", "") if doc_type == "inspection" else committee_with_source(
        head, paper_head, docinfo)
    meeting_date, sources["meeting_date"] = date_with_source(head, paper_head, file_name, doc_type, docinfo,
                                                             file_dates=file_dates, text=report_text)
    if doc_type == "report" and not sources["doc_type"]:
        # Nothing on the cover says what the paper is. Officer reports are written for a meeting, so one that
        # names its meeting is a report to it; one that names none (an annual report as published, a
        # strategy, a leaflet) is of a kind the paper does not show: unknown, not a guess.
        # (A committee's web page names the committee, not a meeting: its name alone, from the page's title, is
        # no sign of a report.)
        names_meeting = meeting_date or sources["committee"] == "cover"
        doc_type, sources["doc_type"] = ("report", "cover") if names_meeting else ("", "")
    author = "" if doc_type == "agenda" else infer_author(report_text)
    if author:
        sources["author"] = "cover"
    return PaperMeta(council=council, committee=committee, meeting_date=meeting_date, doc_type=doc_type,
                     author=author, title=title, sources={k: v for k, v in sources.items() if v})


def choose_title(printed: str, inferred: PaperMeta) -> tuple[str, str]:
    """The title and its source, given the title the paper's structure found (`printed`) and `infer_meta`'s:
    the printed one, unless it is only a page's generic heading ("Agenda and minutes") and the page's own
    `<title>` names the paper."""
    if printed and not (_GENERIC_HEADING.match(printed) and inferred.sources.get("title") == "docinfo"):
        title, source = printed, "cover"
    else:
        title, source = inferred.title, inferred.sources.get("title", "") if inferred.title else ""
    built = _agenda_title(title, inferred)
    return (built, "cover") if built else (title, source)


def _agenda_title(title: str, meta: PaperMeta) -> str:
    """An agenda prints its meeting, not a title: the lines above its items are a letterhead, the body's name,
    the summons or the members ("Dave Roberts (Independent Chair)"). Unless a line says it is the agenda, it is
    named by its meeting as ModernGov names its agenda pages ("Agenda for Audit Committee on 22 October 2009", or
    without the day when the paper does not give it); "" when it keeps `title`."""
    body = meta.committee or meta.council
    if meta.doc_type != "agenda" or not body or re.search(r"\bagenda\b", title, re.IGNORECASE):
        return ""
    return f"Agenda for {body} on {human_date(meta.meeting_date)}" if meta.meeting_date else f"Agenda for {body}"


def _printed_in(title: str, text: str) -> bool:
    """Whether most of a PDF's Title words are printed in `text` (its opening): a Title the paper does not print
    is often a template's leftover ("PDU Case Report XXXX/YY date") or an earlier document's."""
    words = {w for w in re.findall(r"[a-z0-9]+", title.lower()) if w not in {"the", "and", "for", "with", "of"}}
    printed = set(re.findall(r"[a-z0-9]+", text.lower()))
    return len(words & printed) >= 0.8 * len(words)


def _page_title(title: str, *, web_page: bool) -> str:
    """A document title without the site name a web page appends ("Agenda for Cabinet on Thursday, 30th
    January, 2025, 10.00 am - Kent County Council" -> up to "10.00 am"; "Committee details - Cabinet - Kent
    County Council" -> "Committee details - Cabinet")."""
    m = re.match(rf"^Agenda for .+? on (?:\w+day,?\s+)?{DATE.pattern}(?:,?\s+\d{{1,2}}(?:[.:]\d\d)?\s*[ap]\.?m\.?)?",
                 title, re.IGNORECASE)
    if m:
        return m.group(0)
    # A web page's "Committee details - Planning Committee - Kent County Council": its heading, subject and site.
    # (A PDF's Title is the paper's own: "Budget - Appendix A - Revenue" keeps every part.)
    parts = title.split(" - ")
    return " - ".join(parts[:-1]) if web_page and len(parts) >= 3 else title


def _generic_docinfo_title(title: str) -> bool:
    """Template names and file names that PDF producers leave in the Title ("Agenda Template", "THE REPORT")."""
    return bool(re.search(r"template|microsoft|untitled|\.(?:docx?|pdf|xlsx?|pptx?)\b|^(?:minutes|agenda|report|"
                          r"the report|document\d*|executive decision)$", title, re.IGNORECASE)) or title.isupper()


def infer_doc_type(text: str, title: str, file_name: str, paper_head: str = "", docinfo: DocInfo | None = None) -> str:
    """agenda | minutes | decision | questions | inspection | appendix | letter | plan | report | other."""
    return infer_doc_type_with_source(text, title, file_name, paper_head, docinfo)[0]  # "report" by default


def infer_doc_type_with_source(text: str, title: str, file_name: str, paper_head: str = "",
                               docinfo: DocInfo | None = None) -> tuple[str, str]:
    head, top = text[:6000], text[:1500]
    stem = re.sub(r"^\d{4}-\d\d-\d\d\s+", "", Path(file_name).stem)
    if re.search(r"MINUTES of (?:a|the) (?:\w+ )?meeting of\b", top, re.IGNORECASE) or re.match(
            rf"(?:[^\n]*\n){{0,3}}\s*{_MINUTES_STATUS}Minutes (?:of|for) (?:the )?(?!meeting held)\S", top,
            re.IGNORECASE) \
            or re.match(rf"{_MINUTES_STATUS}minutes (?:of|for)\b", title, re.IGNORECASE) \
            or re.search(r"^[ \t]*(?:Action\s+)?Notes\s+of\s+(?:the\s+|a\s+)?meeting\b", top,
                         re.MULTILINE | re.IGNORECASE) \
            or _PROCEEDINGS.search(head) \
            or (re.search(r"\bminutes\b", title, re.IGNORECASE) and not re.search(r"\bagenda\b", title, re.IGNORECASE)):
        return "minutes", "cover"  # minutes, or a panel's "Notes of meeting" (its minutes by another name)
    if re.search(r"^[\s#*]*(?:AGENDA|A G E N D A)[\s*]*$", top, re.MULTILINE) and _STANDING_ITEM.search(head):
        return "agenda", "cover"  # headed "AGENDA" (or "## AGENDA") over its items
    if _SUMMONS.search(top) and _STANDING_ITEM.search(head):
        return "agenda", "cover"  # a summons to the meeting over its numbered items: the agenda, however headed
    if re.search(r"^\s*(?:(?:Members )?Present|Attendees|In attendance)\b\s*:?", top,
                 re.MULTILINE | re.IGNORECASE) and re.search(
            r"^\s*(?:[\d.()]+\s*)?(?:Apologies|Declarations? of interests?|Register of interests|Matters arising)\b",
            head, re.MULTILINE | re.IGNORECASE):
        return "minutes", "cover"  # who attended, then the standing items: the record of a meeting held
    if re.search(r"^\s*Agenda for .+? on (?:\w+day,?\s+)?\d{1,2}", top, re.MULTILINE | re.IGNORECASE):
        return "agenda", "cover"  # a ModernGov meeting page ("Agenda for Cabinet on Tuesday, 4th March, 2025")
    if re.search(r"^\s*Dear (?:Member|Councillor)s?\b", top, re.MULTILINE) and re.search(
            r"\benclose\b|\bagenda\b|\bsupplement", top, re.IGNORECASE):
        return "agenda", "cover"  # the covering note of an agenda supplement, not a letter
    if re.search(r"RECORD OF (?:\w+ )?DECISION|^\s*DECISION TAKEN BY|^\s*Decision Recording Form|"
                 r"^\s*Decision Notice\b|^\s*Record of (?:the )?(?:Executive |Officer |Key )?Decisions?\b", top,
                 re.MULTILINE | re.IGNORECASE):
        return "decision", "cover"
    if re.search(r"Inspection dates?:|^\s*(?:Re-?inspection|Inspection) of\b", top, re.MULTILINE | re.IGNORECASE):
        return "inspection", "cover"
    if _questions_paper(title, text):
        return "questions", "cover"
    if re.match(r"\s*(?:APPENDIX|Appendix|Annex|ANNEX)\s+(?:[A-Z0-9]{1,3}\b|[IVX]+\b)", head[:300]):
        return "appendix", "cover"
    if docinfo and _MODERNGOV_PAGE.match(docinfo.title):
        return "agenda", "docinfo"  # a ModernGov meeting page saved as HTML
    pack = docinfo and re.match(r"\(Public Pack\)\s*Agenda", docinfo.title, re.IGNORECASE)
    if pack and paper_head[:300] == top[:300]:
        return "agenda", "docinfo"
    if _OTHER.match(title) or _OTHER.match(stem):
        return "other", "cover" if _OTHER.match(title) else "filename"
    if re.search(r"^\s*Dear\s+\S", top, re.MULTILINE) and re.search(r"Yours (?:sincerely|faithfully)", text):
        return "letter", "cover"
    if re.search(r"(?:^|\s-\s)(?:Appendix|Annex)\b", stem, re.IGNORECASE):
        return "appendix", "filename"  # the ModernGov document title the file is named after
    if re.match(r"(?:Agenda(?: frontsheet| pack)?|Public reports pack)\b", stem, re.IGNORECASE):
        return "agenda", "filename"
    if re.match(r"(?:Printed )?minutes\b", stem, re.IGNORECASE):
        return "minutes", "filename"
    if re.match(r"Decisions?\b(?! making)", stem, re.IGNORECASE):
        return "decision", "filename"
    # an officer's report says whom it is from or to, or opens with its recommendations; the line may carry
    # Markdown heading marks and a section number ("### Report of the Director", "#### **1) Recommendation**")
    officer_report = re.search(r"^[\s#*]*(?:\d{1,2}[.)]?\s*)?(?:From:|REPORT TO:|Report (?:of|to|by)\b|Recommendation)",
                               top, re.MULTILINE | re.IGNORECASE)
    if re.search(r"\bPlan\b", title) and not officer_report:
        return "plan", "cover"
    return "report", "cover" if officer_report else ""  # "" = no evidence; `infer_meta` decides


def _questions_paper(title: str, text: str) -> bool:
    """The public's or members' part in a meeting, published as its own paper: questions with their answers
    (a questions title and numbered questions), or the statements and petitions submitted to the meeting
    (councils publish these under a title that says so: "Statements to the 27 March meeting", "Public
    Statements", "Petitions"; a singular "Statement of Accounts" is a report)."""
    if re.match(r"(?:Public |Members['’]? |Written )?(?:Statements|Petitions)\b(?! of\b)", title, re.IGNORECASE):
        return True
    opening = (title + "\n" + text[:600])
    if not re.search(r"\bQuestions?\b(?! (?:and|&) answer session)", opening, re.IGNORECASE):
        return False
    if re.search(r"^\s*(?:Minutes|Agenda)\b", opening, re.IGNORECASE):
        return False
    numbered = re.findall(r"^\s*(?:Question|Q)\s*\.?\s*\d{1,3}\b", text[:20000], re.MULTILINE | re.IGNORECASE)
    answers = re.findall(r"\b(?:Answer|Response|Reply)\b", text[:20000], re.IGNORECASE)
    return len(numbered) >= 2 or (len(numbered) >= 1 and len(answers) >= 1)


def infer_council(text: str, paper_head: str, title: str, file_name: str = "") -> str:
    """The council (or combined authority) the report belongs to, or "" when the paper does not show it."""
    return council_with_source(text, paper_head, title)[0]


def council_with_source(text: str, paper_head: str, title: str) -> tuple[str, str]:
    g = gazetteer()
    for cover in (paper_head, text):  # a letterhead or heading naming a real body (the pack's first)
        body = _cover_body(cover)
        if body is not None:
            return body.name, "cover"
    inspected = _LA.search(title) or _LA.search(text[:400])
    if inspected:
        place = " ".join(inspected.group("la").split())
        body = g.canonical(place) or g.by_place(re.sub(r"\s+(?:City|County|Borough|District)?\s*Council$", "",
                                                       place, flags=re.IGNORECASE))
        if body is not None:
            return body.name, "cover"
    body = _evidenced_body(text, paper_head)
    return (body.name, "inferred") if body is not None else ("", "")


def _cover_body(text: str) -> Body | None:
    """A body named in the first lines of a paper, other than as its author ("Submission by X on behalf of Y"
    is Y's paper) or an addressee's employer deep in a letter."""
    field = _BODY_FIELD.search(text[:COVER_CHARS])  # "Organisation: Uttlesford District Council" on a cover
    named = gazetteer().mentions(field.group("v")) if field else []
    if named:
        return named[0][0]
    lines = [ln for ln in text[:COVER_CHARS].splitlines() if ln.strip()][:6]
    block = "\n".join(lines)
    for body, at in gazetteer().mentions(block):
        before = block[max(0, block.rfind("\n", 0, at) + 1) : at]
        if re.search(r"\b(?:by|from)\s*$", before, re.IGNORECASE):
            continue
        return body
    for line in lines:  # a letterhead line the gazetteer does not list (a parish, a council formed since, a demo one)
        head = _DATED_HEAD.sub("", _MEETING_AFTER.sub("", _MINUTES_OF.sub("", clean_inline(line).strip(" #*|"))))
        m = _LETTERHEAD.fullmatch(head.title() if head.isupper() else head)
        if m:
            return Body(name=m.group(0), place=m.group("place"), kind="unlisted")
    return None


def _evidenced_body(text: str, paper_head: str) -> Body | None:
    """The body the text gives clear evidence for: full names (counting double in the opening) and .gov.uk
    domains (3 each, at most 3 counted per body), at least 3 points and twice any other body's; else a
    council whose place is printed at least 3 times mid-sentence, three times as often as any other's,
    when no full name or domain points elsewhere."""
    g = gazetteer()
    score: Counter[Body] = Counter()
    sample = text if paper_head[:200] in text[:400] else paper_head + "\n" + text
    for body, at in g.mentions(sample):
        score[body] += 2 if at < 3000 else 1
    for body, n in g.domains(sample).items():
        score[body] += 3 * min(n, 3)
    ranked = score.most_common(2)
    if ranked:
        top, points = ranked[0]
        second = ranked[1][1] if len(ranked) > 1 else 0
        if points >= 3 and points >= 2 * second:
            return top
    places = g.place_mentions(sample).most_common(2)
    if places:
        top, n = places[0]
        second = places[1][1] if len(places) > 1 else 0
        rival = max((v for b, v in score.items() if b != top), default=0)
        if n >= 3 and n >= 3 * second and rival < 2 and score[top] >= rival:
            return top
    return None


def infer_committee(head: str, paper_head: str, text: str = "", file_name: str = "") -> str:
    """The committee (or Cabinet) the report went to, as its cover names it; "" when no cover line does."""
    return committee_with_source(head, paper_head)[0]


def committee_with_source(head: str, paper_head: str, docinfo: DocInfo | None = None) -> tuple[str, str]:
    for source in (head[:COVER_CHARS], paper_head[:COVER_CHARS]):
        for pattern in _COMMITTEE_FIELDS:
            for m in pattern.finditer(source):
                value = m.group("v")
                if not value.strip() and "next" in pattern.groupindex and m.group("next"):
                    value = m.group("next")
                value = _tidy_body(value)
                if value:
                    return value, "cover"
    if docinfo:
        for named in (_MODERNGOV_PAGE.match(docinfo.title), _MODERNGOV_SUBJECT.match(docinfo.subject),
                      _MODERNGOV_COMMITTEE_PAGE.match(docinfo.title) if docinfo.web_page else None):
            value = _tidy_body(named.group("committee")) if named else ""
            if value:
                return value, "docinfo"
    return "", ""


_SINGLE_BODIES = {"cabinet", "council", "executive", "committee"}


def _tidy_body(value: str) -> str:
    """A committee name as printed, or "" when the value is not one (a sentence, a date, a number)."""
    value = re.sub(r"^To:?\s+", "", clean_inline(value)).strip(" :-–,")
    value = re.split(r"\t|\s{3,}|\b(?:Date|DATE|Time|Venue)\s*:", value)[0].strip(" :-–,")
    value = DATE.split(value)[0].strip(" :-–,") if DATE.search(value) else value
    value = re.sub(r"(?:\s+(?:meeting|held|on|at|in))+$", "", " ".join(value.split()), flags=re.IGNORECASE)
    if re.search(r"\bdepartment\b", value, re.IGNORECASE):
        return ""  # "City Clerk's Department Disposition of Items Council": a department does not meet
    words = value.split()
    if len(words) >= 2 and all(w.lower() in _SINGLE_BODIES for w in words):  # "Cabinet Council": two meetings
        value = words[0]
    if value.isupper():
        value = " ".join(w.capitalize() if w not in {"AND", "OF", "THE", "FOR"} else w.lower()
                         for w in value.split())
        value = re.sub(r"[’']S\b", "'s", value)
    # Words, not tokens: "Joint meeting - West of England Combined Authority Committee and West of England
    # Joint Committee" is a real (joint) meeting's name of 14 words; its dash is no word.
    words = re.findall(r"[^\W\d_]+", value)
    if not value or len(value) > 120 or len(words) > 14 or re.search(r"\d{2,}|[.;!?]$", value):
        return ""
    if re.fullmatch(rf"(?:The )?(?!Cabinet|Council|Executive){_BODY_WORD}s?", value, re.IGNORECASE):
        return ""  # "Committee" alone names no meeting (a page header, a table heading); "Cabinet" does
    if not re.search(rf"\b{_BODY_WORD}s?\b|\b(?:Committee|Cabinet|Council)\b", value, re.IGNORECASE):
        return ""
    if re.fullmatch(r"(?:The |Full |County |City |Borough |District )?Council", value, re.IGNORECASE):
        return "Full Council"
    if gazetteer().canonical(value) is not None:  # "Kent County Council": the full council
        return "Full Council"
    # A name is printed capitalised; a lower-case word other than a joining or body word makes it a phrase
    # ("the above Council", "Annual General Meeting of the above Council held in ...").
    if any(w[0].islower() and w.lower() not in _NAME_JOINERS and not re.fullmatch(_BODY_WORD, w, re.IGNORECASE)
           for w in re.findall(r"[^\W\d_][\w’'-]*", value)):
        return ""
    return value


_NAME_JOINERS = {"of", "and", "for", "on", "in", "the", "to", "at", "with", "sub-committee", "meeting"}


def infer_date(head: str, paper_head: str, file_name: str, doc_type: str) -> str:
    """The meeting date (for an inspection the last inspection day; for a letter its date), ISO."""
    return date_with_source(head, paper_head, file_name, doc_type)[0]


def date_with_source(head: str, paper_head: str, file_name: str, doc_type: str, docinfo: DocInfo | None = None,
                     *, file_dates: bool = True, text: str = "") -> tuple[str, str]:
    if doc_type == "inspection":
        m = re.search(r"Inspection dates?:?(?P<v>.{0,120})", head, re.IGNORECASE | re.DOTALL)
        if m and range_end(m.group("v")):
            return range_end(m.group("v")), "cover"
    for source in (head[:COVER_CHARS], paper_head[:COVER_CHARS]):
        for pattern in _DATE_FIELDS:
            m = re.search(pattern, source, re.MULTILINE | re.IGNORECASE | re.DOTALL)
            if m and to_iso(m.group("v")):
                return to_iso(m.group("v")), "cover"
    if doc_type == "minutes":  # the record of a meeting is dated by the meeting ("Date: 21st April 2015")
        m = re.search(rf"^[ \t]*Date[ \t]*:[ \t]*(?P<v>{DATE.pattern})", head[:COVER_CHARS],
                      re.MULTILINE | re.IGNORECASE)
        if m:
            return to_iso(m.group("v")), "cover"
    if doc_type == "letter":
        m = re.search(rf"^\s*(?P<v>{DATE.pattern})\s*$", head[:2000], re.MULTILINE | re.IGNORECASE)
        if m:
            return to_iso(m.group("v")), "cover"
    found = _frontsheet_date(paper_head)
    if found:
        return found, "cover"
    if docinfo:
        page = _MODERNGOV_PAGE.match(docinfo.title)
        if page and to_iso(page.group("date")):
            return to_iso(page.group("date")), "docinfo"
        m = _MODERNGOV_SUBJECT.match(docinfo.subject)
        if m:
            found = valid_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
            if found:
                return found, "docinfo"
    # A date the file name starts with counts only when the paper prints it too (a header, "Cabinet - 12
    # September 2024"): a file may be named by the day it was downloaded or written. A paper that does not
    # print it can still take it from its meeting's record in the same folder (ingest.meetings).
    found = leading_date(Path(file_name).name) if file_dates and doc_type not in ("inspection", "letter") else ""
    if found and found in printed_dates(text or head) | printed_dates(paper_head[:COVER_CHARS]):
        return found, "filename"
    return "", ""


def _frontsheet_date(paper_head: str) -> str:
    """A frontsheet's meeting line: "Tuesday, 6th June, 2023" standing at the start of a line."""
    m = re.search(rf"^\s*(?:\w+day,?\s+)(?P<v>{DATE.pattern})", paper_head[:COVER_CHARS], re.MULTILINE | re.IGNORECASE)
    return first_date(m.group("v")) if m else ""


def infer_author(text: str) -> str:
    """The report's author or presenting officer, as printed ("Director of Children's Services")."""
    head = text[:5000]
    for pattern in _AUTHOR_FIELDS:
        m = pattern.search(head) or (pattern.search(text[-3000:]) if "Yours" in pattern.pattern else None)
        if m:
            raw = m.group("v")
            if "Yours" in pattern.pattern:  # a signature: "Steve Lowe" / "His Majesty's Inspector"
                raw = ", ".join(x.strip() for x in raw.splitlines() if x.strip())
            value = _tidy_author(raw)
            if value:
                return value
    return ""


def _tidy_author(value: str) -> str:
    entries = [" ".join(clean_inline(x).split()).strip(" ,;") for x in re.split(r"\n\s*\n|\n(?=\s*Job Title:)", value)]
    value = "; ".join(x for x in entries if x).replace("Job Title:", "").strip()
    value = re.sub(r"\s*;\s*(?=[a-z(])", " ", value)
    value = re.sub(r"\s+of\s+(?:\w+day\s+)?\d{1,2}(?:st|nd|rd|th)?\s+\w+\s+\d{4}$", "", value)
    value = re.sub(r"\s+", " ", value).strip(" ;,")
    return value[:200]


def load_sidecar(path: Path) -> PaperMeta | None:
    """Operator metadata for `path`: `<file>.meta.json` beside it, else its row in `papers.csv`."""
    json_path = path.with_name(path.name + SIDECAR_SUFFIX)
    if json_path.is_file():
        try:
            data = json.loads(json_path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            log.warning("ignoring unreadable sidecar %s: %s", json_path, exc)
            return None
        return _meta_from(data, json_path) if isinstance(data, dict) else None
    manifest = path.parent / MANIFEST
    if manifest.is_file():
        return _from_manifest(manifest, path.name)
    return None


def _from_manifest(manifest: Path, file_name: str) -> PaperMeta | None:
    try:
        with manifest.open(newline="", encoding="utf-8-sig") as handle:
            for row in csv.DictReader(handle):
                if (row.get("file") or "").strip() == file_name:
                    return _meta_from(row, manifest)
    except (OSError, csv.Error) as exc:
        log.warning("ignoring unreadable manifest %s: %s", manifest, exc)
    return None


def _meta_from(data: dict, source: Path) -> PaperMeta:
    """A sidecar's or manifest row's metadata; each field it fills is recorded as coming from "moderngov"
    (a sidecar written by the ModernGov importer, `"origin": "moderngov"`) or "sidecar"."""
    fields = set(vars(PaperMeta())) - {"sources"}
    unknown = sorted(set(data) - fields - {"file", "origin"})
    if unknown:
        log.warning("%s: unknown metadata keys ignored: %s", source, ", ".join(unknown))
    values = {k: str(v).strip() for k, v in data.items() if k in fields and v is not None}
    if values.get("meeting_date"):
        values["meeting_date"] = to_iso(values["meeting_date"]) or values["meeting_date"]
    origin = "moderngov" if str(data.get("origin") or "").strip().lower() == "moderngov" else "sidecar"
    return PaperMeta(**values, sources={k: origin for k, v in values.items() if v and k in _SOURCED})


_SOURCED = ("council", "committee", "meeting_date", "doc_type", "title", "author", "agenda_item", "access")


def sources_json(meta: PaperMeta) -> str:
    """`meta.sources` as JSON text (store metadata is scalar), keys in a fixed order."""
    return json.dumps({k: meta.sources[k] for k in sorted(meta.sources)}, ensure_ascii=False) if meta.sources else ""
