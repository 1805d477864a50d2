"""Find a report's own title in its opening lines.

In order of trust: a "Subject:" / "Title of Decision" field (its value on the same line or the next);
the subject line of a letter (the line after "Dear ..."); a Markdown heading; a line that names the
document ("Inspection of ...", "Report on the ...", "Update on ..."); the first short title-like block;
a "Report of the ..." line. Minutes and agenda frontsheets get a built title ("Minutes of the Cabinet,
30 January 2025").
"""

from __future__ import annotations

import re

from ingest.cleaning import clean_inline
from ingest.lines import Line, split_lines
from ingest.numbering import match_number

_FIELD = re.compile(
    r"^\s*(?:\*\*)?(?:SUBJECT(?: MATTER)?|Subject(?: Matter)?(?: / Title of Decision)?|Title of (?:report|decision)"
    r"|Report title|Title)(?:\*\*)?\s*(?::|\t|\s{2,}|$)\s*(?P<value>.*)$",
    re.IGNORECASE,
)
# A decision or planning application number as councils print them: "24/00096", "UTT/25/3012/OP", "15/AP/5125".
REFERENCE_NUMBER = r"(?:[A-Z]{1,4}/)?\d{2,4}/(?:[A-Z]{1,4}/)?\d{3,6}(?:/[A-Z]{1,4})?"
# A planning application's report is headed by the application's form fields, not a title: "REFERENCE NUMBER:
# UTT/25/3011/OP", "LOCATION: Land West of Birchanger Lane". Its title is the application and its site.
_APPLICATION_REF = re.compile(
    r"^\s*(?:(?:Application|Planning|Reference)\s+(?:Reference|Ref\.?|Number|No\.?)|Reference|Ref\.?|App(?:lication)?\.?"
    rf"\s*No\.?)\s*:?\s*(?:\t|:|\s)\s*(?P<value>{REFERENCE_NUMBER})\s*$",
    re.IGNORECASE)
_APPLICATION_SITE = re.compile(
    r"^\s*(?:Location|Site(?: address| location)?|Address)\s*:?\s*(?:\t|:)\s*(?P<value>\S.{3,150})$", re.IGNORECASE)
_DEAR = re.compile(r"^\s*Dear\s+\S")
_MD = re.compile(r"^\s*#{1,3}\s+(?P<text>.+)$")
_NAMING = re.compile(
    r"^(?:Re-?inspection of|Inspection of|Report on the|Review of|Update on|Focused visit to|Monitoring visit to"
    r"|Joint targeted area inspection|Annual report|Annual review)\b",
    re.IGNORECASE,
)
_REPORT_TO = re.compile(r"^Report to (?:the )?[^:]{3,80}:\s*(?P<title>.+)$", re.IGNORECASE)
_REPORT_OF = re.compile(r"^Report (?:of|by|from)\b", re.IGNORECASE)
_SKIP = re.compile(
    r"^(?:Agenda Item|Page \d|Date|Contact|E-?mail|Tel|Telephone|Direct Dial|Ask for|Address|To|From|Cc|Our ref"
    r"|Your ref|Please note|Electoral|Classification|Key decision|Decision no|Ward|Portfolio|Reporting officer"
    r"|Local Member|Recommendation|Summary|Contents|PART I|\(|©|Website|www\.|https?:|Ofsted$|Published)",
    re.IGNORECASE,
)
# The labelled lines of a report's cover ("REPORT TO: Cabinet", "Meeting: ...", "Ward(s): All"): each names
# the meeting, the date or a person, never the report's subject, so none is a title. ("Report to Cabinet:
# Budget 2025" is different: the label runs to the body, and the title follows the colon; see _REPORT_TO.)
_COVER_LABEL = re.compile(
    r"^(?:Report to|Report of|Report by|Report author|Meeting(?: date)?|Date(?: of (?:the )?meeting)?|Committee"
    r"|Decision[- ]maker|Decision date|Lead (?:officer|member|director)|Contact officer"
    r"|Responsible (?:officer|director)"
    r"|Cabinet member|Portfolio(?: holder)?|Director|Author|Wards?(?: affected)?|Ward\(s\)|Key decision"
    r"|Classification|Exempt(?: information)?|Status|Item(?: number| no\.?)?|Agenda item|Purpose|Time|Venue)"
    r"\s*:", re.IGNORECASE)
_DATE = re.compile(
    r"\b\d{1,2}(?:st|nd|rd|th)?,?\s+(?:January|February|March|April|May|June|July|August|September|October"
    r"|November|December),?\s+\d{4}\b",
    re.IGNORECASE,
)
_MEETING_BODY = re.compile(r"\b(?:Committee|Cabinet|Council|Board|PPB|Panel|Group)\b")
_BODY_NAME = re.compile(r"\b(?:Committee|Cabinet|Council|Board|Panel|Group|Forum|Executive)$")  # ends as a body's name
_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b")
_MINUTES = re.compile(
    r"MINUTES of (?:a|the) meeting of (?:the )?(?P<body>.+?)\s+held\b.*?\bon\s+(?:\w+day,?\s+)?(?P<date>\d{1,2}"
    r"(?:st|nd|rd|th)?\s+\w+,?\s+\d{4})",
    re.IGNORECASE | re.DOTALL,
)
_BYLINE = re.compile(
    r"^(?:Submission|Submitted|Prepared|Produced|Written|Compiled|Commissioned)\b|^(?:By|On behalf of)\s",
    re.IGNORECASE)
_PRINTED_MINUTES = re.compile(
    r"(?:[^\n]*\n){0,3}?\s*Minutes of (?:the )?(?!meeting)(?P<body>[^\n]+(?:\n(?!\s*\n)[^\n]+)?)\s*\n(?:\s*\n)?\s*"
    r"(?:\w+day,?\s+)?(?P<date>\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]+,?\s+\d{4})",
    re.IGNORECASE,
)
SCAN_LINES = 80


def find_title(text: str, start: int, end: int) -> str:
    """The title of the report in `text[start:end]`, or "" if nothing title-like is found."""
    head = text[start : min(end, start + 6000)]
    built = _minutes_title(head)
    if built:
        return built
    lines = [ln for ln in split_lines(text, start, min(end, start + 6000)) if not ln.blank][:SCAN_LINES]
    lines = _before_first_paragraph(lines)
    body = text[start:end]
    usable = [ln for ln in lines if not _running_header(ln.text, body) and not _letterhead(ln.text)]
    application = _tidy(_application_title(usable))
    for finder in (_field_title, _letter_title, _markdown_title, _naming_title, _block_title, _report_of_title):
        title = _tidy(finder(usable))
        if title and readable_title(title):
            # A planning report's printed title names its site; a line that does not ("Plot d", left by a
            # plan's image) is not its title, and the application's own fields say better what it is.
            return application if application and not _names_site(title, application) else title
    if application:
        return application
    return next((t for t in (_tidy(ln.text) for ln in usable[:3]) if readable_title(t) and _candidate(t)), "")


def readable_title(title: str) -> bool:
    """Whether `title` can stand as a title in a citation: not empty, not a contents list ("Executive
    Summary 1 2 Background 5"), not a table header row or a run of form fields, not mostly numbers."""
    s = " ".join(title.split())
    if len(s) < 4 or len(s) > 200 or not re.search(r"[A-Za-z]{3}", s):
        return False
    if re.search(r"\.{4,}|…{2,}|^(?:Table of )?Contents\b", s, re.IGNORECASE):
        return False
    # page numbers of a contents list (a clock time, "7:30 pm", is none)
    if len(re.findall(r"(?<![\w./:-])\d{1,3}(?![\w./%:-])", s)) >= 3:
        return False
    if "\t" in title and len(title.split("\t")) >= 3:  # a table row
        return False
    if re.search(r"[☐☒☑■□]", s):  # a form's tick boxes
        return False
    digits = sum(c.isdigit() for c in s)
    return digits <= 0.3 * len(s.replace(" ", ""))


def _running_header(line: str, body: str) -> bool:
    """A line printed on page after page (a running header or footer), not a title."""
    s = line.strip()
    if len(s) < 6 or len(body) < 4000:
        return False
    return len(re.findall(rf"^[ \t]*{re.escape(s)}[ \t]*$", body, re.MULTILINE)) >= 3


def _letterhead(line: str) -> bool:
    """A line that only names a council, or is its address: a letterhead, not a title."""
    from ingest.gazetteer import gazetteer

    s = clean_inline(line).strip(" -–|")
    return gazetteer().canonical(s) is not None or bool(_POSTCODE.search(s) and len(s) < 80)


def _minutes_title(head: str) -> str:
    m = _MINUTES.search(head[:3000])
    if not m:
        printed = _PRINTED_MINUTES.match(head[:600])  # ModernGov printed minutes: heading, then the date
        if printed:
            body = " ".join(printed.group("body").split())
            return f"Minutes of the {body}, {' '.join(printed.group('date').split())}"
        return ""
    body = " ".join(m.group("body").split())
    return f"Minutes of the {body}, {' '.join(m.group('date').split())}"


def _numbered(line: str) -> bool:
    """A numbered paragraph's line; a minute's lettered number heads the minute's title ("PC119 UTT/25/3012/OP –
    SOUTH WEST OF ...", the title of a minutes extract)."""
    m = match_number(line)
    return m is not None and m.style != "prefixed"


def _before_first_paragraph(lines: list[Line]) -> list[Line]:
    for i, line in enumerate(lines):
        m = match_number(line.text)
        if i > 0 and m is not None and m.style in ("dotted", "simple") and len(m.rest) > 60:
            return lines[:i]
    return lines


def _field_title(lines: list[Line]) -> str:
    for i, line in enumerate(lines):
        m = _FIELD.match(line.text)
        if not m:
            continue
        value = [m.group("value").strip()] if m.group("value").strip() else []
        for nxt in lines[i + 1 : i + 5]:
            if re.match(r"^\s*[A-Z][A-Za-z /()]{2,40}:", nxt.text) or len(nxt.text.strip()) > 120:
                break
            if re.search(r"[☐☒☑■□]|\t", nxt.text):  # a form's next row
                break
            first = re.match(r"^\s*([A-Z()]{3,})\b", nxt.text)
            if first and not (value and value[0].isupper()):  # "WARD(S) Boroughwide": the next field
                break
            if not value or _follows(lines, i + len(value) - (1 if m.group("value").strip() else 0)):
                value.append(nxt.text.strip())
            else:
                break
        if value:
            return " ".join(value)
    return ""


def _application_title(lines: list[Line]) -> str:
    """ "UTT/25/3011/OP – Land West of Birchanger Lane, Birchanger" from a planning report's cover fields."""
    refs = [m.group("value") for ln in lines[:25] if (m := _APPLICATION_REF.match(ln.text))]
    sites = [m.group("value").strip() for ln in lines[:25] if (m := _APPLICATION_SITE.match(ln.text))]
    return f"{refs[0]} – {sites[0]}" if refs and sites else ""


def _names_site(title: str, application: str) -> bool:
    site = {w for w in re.findall(r"[a-z]{4,}", application.split(" – ", 1)[-1].lower())}
    return len(site & set(re.findall(r"[a-z]{4,}", title.lower()))) >= max(1, len(site) // 2)


def _follows(lines: list[Line], i: int) -> bool:
    """Whether line i+1 directly follows line i in the text (no blank line between)."""
    return i + 1 < len(lines) and lines[i + 1].start == lines[i].end + 1


def _letter_title(lines: list[Line]) -> str:
    for i, line in enumerate(lines[:40]):
        if _DEAR.match(line.text) and i + 1 < len(lines):
            subject = lines[i + 1].text.strip()
            block, j = subject, i + 1
            while _follows(lines, j) and j - i < 6:  # the lines run on: a paragraph, if it ends as a sentence does
                j += 1
                block = lines[j].text.strip()
            if len(subject) <= 160 and not subject.endswith(".") and not block.endswith((".", "?", "!")):
                return subject
    return ""


def _markdown_title(lines: list[Line]) -> str:
    for line in lines[:15]:
        m = _MD.match(line.text)
        if m and not _REPORT_OF.match(clean_inline(m.group("text"))):
            return m.group("text")
    return ""


def _naming_title(lines: list[Line]) -> str:
    for i, line in enumerate(lines[:30]):
        s = clean_inline(line.text).strip()
        if _NAMING.match(s) and len(s) <= 160:
            return _with_wrapped(lines, i)
    return ""


def _block_title(lines: list[Line]) -> str:
    for i, line in enumerate(lines[:30]):
        s = clean_inline(line.text).strip()
        m = _REPORT_TO.match(s)
        if m:
            return m.group("title")
        if _candidate(s) and not _meeting_line(lines, i):
            return _with_wrapped(lines, i)
    return ""


def _meeting_line(lines: list[Line], i: int) -> bool:
    """Line i names the meeting a report is for: a body's name over a line holding only the meeting's date,
    as a report's cover prints them before its title ("Kingston & North Kingston Neighbourhood Committee /
    15 January 2026 / Petition Regarding ...")."""
    if not _BODY_NAME.search(clean_inline(lines[i].text).strip()) or i + 1 >= len(lines):
        return False
    below = clean_inline(lines[i + 1].text).strip()
    return bool(_DATE.search(below)) and not re.sub(r"\w+day,?", "", _DATE.sub("", below)).strip(" ,")


def _report_of_title(lines: list[Line]) -> str:
    for line in lines[:30]:
        s = clean_inline(line.text).strip()
        if _REPORT_OF.match(s) and len(s) <= 200:
            return s
    return ""


def _candidate(s: str) -> bool:
    """A line that could be a title: short, capitalised, not a field, address, date or meeting line."""
    if not s or len(s) > 160 or len(s) < 6 or s[-1] in ".,;:" or "\t" in s:
        return False
    if not (s[0].isupper() or s[0].isdigit()) or _SKIP.match(s) or _REPORT_OF.match(s) or _numbered(s):
        return False
    if _COVER_LABEL.match(s):
        return False
    if _POSTCODE.search(s) or "@" in s or re.fullmatch(r"[\d\s/().,-]+", s):
        return False
    if _DATE.search(s) and (_MEETING_BODY.search(s) or len(_DATE.sub("", s).split()) <= 1):
        return False
    words = s.split()
    return not (len(words) <= 3 and all(w[:1].isupper() for w in words) and s.upper() != s and _looks_like_name(words))


def _looks_like_name(words: list[str]) -> bool:
    """'Jackie Ross', 'Steve Lowe': two or three capitalised words without title vocabulary (a paper's kind:
    "Cabinet Agenda" names a paper)."""
    vocab = {"report", "plan", "strategy", "update", "review", "services", "care", "budget", "policy", "agenda",
             "minutes"}
    return 2 <= len(words) <= 3 and not any(w.lower().strip(",") in vocab for w in words)


# A title wrapped over more lines still goes on while a line ends on a joining word or the next starts in
# lower case ("... care leavers / and / Review of the effectiveness of the local safeguarding children /
# board").
_JOINS = re.compile(r"(?:^|\s)(?:and|or|of|the|for|to|in|on|with|&)$", re.IGNORECASE)
MAX_TITLE_LINES = 6


def _with_wrapped(lines: list[Line], i: int) -> str:
    """Line i plus up to two directly following short lines that continue it (a wrapped title), or more
    while the title plainly goes on."""
    parts = [lines[i].text.strip()]
    j = i
    while len(parts) < MAX_TITLE_LINES and _follows(lines, j):
        nxt = clean_inline(lines[j + 1].text).strip()
        if len(parts) >= 3 and not (_JOINS.search(parts[-1]) or nxt[:1].islower()):
            break
        if not nxt or len(nxt) > 100 or nxt[-1:] in ".:" or ":" in nxt or _SKIP.match(nxt) or _numbered(nxt):
            break
        # "Submission by ... on behalf of ...", "Report by Matthew Hill, Director ...": a byline, not the title
        if _BYLINE.match(nxt) or _REPORT_OF.match(nxt) or _letterhead(nxt):
            break
        parts.append(nxt)
        j += 1
    return " ".join(parts)


def _tidy(title: str) -> str:
    s = clean_inline(title)
    s = re.sub(r"^#+\s*", "", s)
    s = re.sub(r"\s+", " ", s).strip(" -–:|")
    s = re.sub(r"(?<=[a-z]{3})\d$", "", s)  # a footnote mark on the last word: "... children board1"
    return s[:200]
