"""Decisions, actions and dated commitments printed in a paper: the commitments register (issue 13).

How councils print them, which is what the rules follow:
- Minutes and decision records print a decision after a fixed opener: "RESOLVED that ...", "It was
  AGREED that ...", "(d) Decision taken", "Decision:", "Cabinet agreed to:". When the opener ends in a
  colon, the decision is the numbered or lettered list that follows ("1.", "(3)", "a.", "(b)"); every
  list item is one resolution, and a lead-in ("2. Residents Parking", "That the Committee:") is not.
  The list ends at the next paragraph of prose or the next form field ("(e) Exempt Information?").
  A motion record prints the mover and seconder, the motion ("THAT Council approve ...") and the vote
  ("CARRIED"): the motion carried is the decision.
- An action is a sentence in which someone (a person, role or body) is to do a deliverable task:
  "The Director will report back", "officers to circulate", "the Chair, who would send a response",
  "a briefing note will be provided", "Members requested to be kept informed", "(ACTION: EP)".
- A commitment is a promise or target about the future that names when: "440 places by 2026-27".
Background, past events and questions are not items: a sentence must speak of the future (will,
would, to, aim, target, due) and an action must name a deliverable verb.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ingest.commitments_due import read_due
from ingest.dates import leading_date
from ingest.models import Chunk, Commitment
from ingest.paper import PaperChunks
from ingest.tables import is_period
from ingest.units import PROSE_CELL_WORDS, read_row, sentence_spans

__all__ = ["Commitment", "find_commitments"]

# A list marker at the start of a line: "1.", "12)", "(3)", "a.", "(b)", "b)", "A)", "(iv)", "iv)". A capital
# letter only with a bracket: "A." opens sentences ("A. Smith said").
_MARKER = re.compile(
    r"^\s*(?:[-•]\s+)?(?:\(\d{1,2}\)|\d{1,2}[.)](?!\d)|\([a-zA-Z]\)|[a-z][.)]|[A-Z]\)|\((?:i|ii|iii|iv|v|vi|vii|viii|ix|x)\)"
    r"|(?:i|ii|iii|iv|v|vi|vii|viii|ix|x)\))\s+"
)
# A form field of a decision record: "(e) Exempt Information?", "(a) Subject: ...", "Reason(s) for decision:".
_FIELD = re.compile(
    r"^\s*(?:\([a-z]\)\s+)?(?:Subject|Ward|Declarations? of interest|Exempt Information|Decision made in"
    r"|Additional information|Reasons?(?:\(s\))? for (?:the )?decision|Background|Alternatives?|Any alternatives"
    r"|Any interest|Cabinet Committee recommendations|Options considered|Legal implications"
    r"|Financial implications|Signed|Date)\b[^.]{0,80}?[:?]?\s*$|^\s*\([e-g]\)\s",
    re.I,
)
_BODY = (
    r"(?:the\s+)?(?:Cabinet|(?:[A-Z][\w&]*\s+){0,6}(?:Committee|Council|Panel|Board|Group|Sub-Committee)"
    r"|Policy Committee|Members|Scrutiny)"
)
# Openers of a decision: the mark councils print before what was decided.
_OPENER = re.compile(
    r"^(?:(?P<label>(?:\([a-z]\)\s*)?Decisions?\s+taken\s*:?|Decisions?\s*:|DECISIONS?\s*$)(?=\s|$)"
    r"|(?:It\s+was\s+)?(?P<kw>RESOLVED|AGREED|APPROVED|DECIDED)\b"
    r"|(?:That\s+)?(?P<body>(?-i:"
    + _BODY
    + r"))\s+(?P<verb>RESOLVED|AGREED|APPROVED|resolved|agreed|approved|decided"
    r"|noted\s+the\s+(?:report|update|contents|petition))\b"
    r"|(?P<member>As\s+[^,]{3,120},\s+I)\s+(?:agree|approve|decide)\b"
    r"|SUMMARY\s+OF\s+APPROVED\s+RECOMMENDATIONS"
    r"|(?:Recommendations?(?:\(s\))?\s*:?\s*)?(?P<asked>(?-i:" + _BODY + r"))"
    r"\s+(?:is|are)\s+(?:asked|recommended|requested|invited)\s+to\b"
    r"|I\s+recommend\s+that\s+(?P<recommended>(?-i:" + _BODY + r"))\s*:"
    r"|RECOMMENDATIONS?\s*:\s*(?=That\b))",
    re.I,
)
_BODY_ONLY = re.compile(
    r"^(?:That\s+)?(?P<body>(?:the\s+)?(?:[A-Z][\w ,&]{0,80}?\s)?(?:Cabinet|Committee|Council|Panel|Board|Group)"
    r"(?:\s+(?:for|of)\s+[A-Z][\w ,&]{0,60})?)\s*:?$"
)
_MID_OPENER = re.compile(
    r"(?:It\s+was\s+)?\b(?:RESOLVED|AGREED|APPROVED)\b|(?<!Key )\bDecisions?:(?:\s|$)"
    r"|\bAs\s+[^,.]{3,120},\s+I\s+(?:agree|approve|decide)\b"
)
# A report's recommendations under its paragraph number: "2.1 Cabinet is asked to RECOMMEND that:".
_NUMBERED_ASK = re.compile(
    r"^\d{1,2}(?:\.\d{1,2})+\s+"
    r"(?=(?-i:" + _BODY + r")\s+(?:is|are)\s+(?:asked|recommended)|RECOMMENDATIONS?\s*:\s*That\b)"
)
_DECIDING_LEAD = re.compile(
    r"\b(?:agree|approve|note|endorse|adopt|delegate|authori[sz]e|recommend)s?\s*(?:to\s*)?:\s*$", re.I
)
# A report's section of recommendations, as its heading prints it: "2 | Recommendations", "3. RECOMMENDATION".
_RECOMMENDATIONS = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})?\s*[.|)]?\s*)?Recommendations?(?:\(s\))?\s*:?\s*$", re.I)
_PARAGRAPH_NO = re.compile(r"(?m)^\s*\d{1,2}\.\d{1,2}\s+(?=[A-Z])")  # "2.1 Note the forecast ...": a report's paragraph
# "A." opens a resolution only inside a list of resolutions ("Cabinet is asked to: A. Agree ...; B. DELEGATE ...").
_CAPITAL_ITEM = re.compile(r"^\s*[A-Z]\.\s+(?=[A-Z])")
# Header cells of a plan table (an improvement or action plan).
# An action table's task column; "What" beside "Who" in a minutes' "Agenda item | Who | What | Status" table.
_ACTION_COL = re.compile(r"\b(?:actions?|what\s+(?:we\s+)?will\s+(?:we\s+)?do|activit(?:y|ies)|tasks?)\b|^what$", re.I)
_OWNER_COL = re.compile(r"\b(?:lead(?:s|/s)?|owners?|responsib\w*|who)\b", re.I)
_DUE_COL = re.compile(r"\b(?:by\s+when|when|timescales?|deadline|due|completion|target\s+date|dates?)\b", re.I)
_TARGET_COL = re.compile(r"target\b", re.I)
_DECISION_COL = re.compile(r"^decisions?(?:\s+(?:taken|made))?$", re.I)  # a record of decisions taken, row by row
# A committee's verdict on each application or proposal, row by row ("Organisation | Project Summary | Amount
# Requested | Recommendation": "£2500 approved.", "Rejected. Does not meet the criteria ...").
_VERDICT_COL = re.compile(r"^(?:recommendations?|outcomes?|results?|resolutions?|verdicts?|dispositions?)$", re.I)
_VERDICT = re.compile(r"^(?:£[\d,.]+\s+)?(?:approved|agreed|rejected|refused|deferred|granted|declined"
                      r"|not\s+approved|recommend(?:ed)?\s+(?:for\s+)?approv\w*"
                      r"|(?:the\s+)?committee\s+(?:agreed|resolved|decided))\b", re.I)
# What a meeting did with each item, as a clerk's record of dispositions prints it in the row's last cell, in capitals
# and with or without a heading over the column: "ADOPTED", "AMENDED AND ADOPTED", "CARRIED", "RECEIVED AS
# INFORMATION", "REFERRED TO THE GOVERNANCE COMMITTEE", "60 DAY EXTENSION OF TIME GRANTED". A motion lost decided
# nothing.
_DISPOSITION = re.compile(
    r"^(?=[^a-z]*$)(?!.*\b(?:LOST|DEFEATED|FAILED)\b)(?:\S+\s+){0,12}?(?:ADOPTED|APPROVED|CARRIED|PASSED|GRANTED"
    r"|REFERRED|REFERRAL|RECEIVED|DEFERRED|NOTED|AGREED|ENDORSED|REFUSED|RATIFIED|CONCURRED|TABLED)\b"
)
_CONTACT = re.compile(r"\S+@\S+.*$|\b(?:Tel|T)\.?:?\s*0[\d ]{9,}.*$")  # an owner's e-mail or phone after the name
_CELL_ITEM = re.compile(r"(?:^|\s)(?=\(?\d{1,2}\)\s)")  # "1) Approved ... 2) To note ...": one decision each
# A resolution printed without a marker under "That the Committee:": it opens with what the body did.
_DECIDED = re.compile(r"(?:Approved|Noted|Agreed|Authori[sz]ed|Delegated|Endorsed|Adopted|Deferred|Refused)\b")
_ROMAN = {"i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"}
_KW_CASE = re.compile(r"RESOLVED|AGREED|APPROVED|DECIDED")  # upper case only: "agreed" in prose is not an opener
# Verbs of a deliverable task (what an action asks someone to do).
_TASK = (
    r"(?:report(?:\s+back)?|provide|circulate|share|send|bring|return|update|confirm|write|arrange|respond|follow\s+up"
    r"|look\s+into|investigate|raise|request|appraise|liaise|present|feed\s*back|pick\s+up|contact|check|clarify"
    r"|set\s+up|organise|add|come\s+back|submit|publish|prepare|produce|seek|discuss|explore|consider|review|ensure"
    r"|ascertain|ask|refer|chase|obtain|find\s+out|forward|email|e-mail|order|notify|inform|pursue|speak)"
)
_ACTIVE = re.compile(
    r"(?P<owner>\b[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|of|for|and|the|&))*|\b(?:he|she|they|officers|members)|\bthe\s+[A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|of|for|and|&))*)"
    r"(?:,\s*who)?\s+(?:would|will|shall|agreed\s+to|has\s+agreed\s+to|undertook\s+to|offered\s+to|is\s+to|are\s+to)\s+"
    r"(?:then\s+|also\s+|now\s+)?" + _TASK + r"\b"
)
# Minute-book shorthand at the start of a sentence: "Officers to circulate the figures to Members."
_SHORT = re.compile(
    r"^(?:Action\s*:?\s*)?(?P<owner>(?:the\s+)?[A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|of|for|and|&)){0,6})\s+to\s+"
    + _TASK
    + r"\b"
)
# "Clerk to thank him and advertise the vacancy", "Highways: Cllr Hoskins to chase the contractor": a minute's
# action note, whatever the task, when the sentence opens with a role or a councillor, "to" and a verb.
_ROLE = (
    r"(?P<owner>(?:[Tt]he\s+)?(?:Clerk|Chair(?:man|person)?|Vice[- ]Chair(?:man)?|Officers?"
    r"|Members?|Councillors|Cllrs"
    r"|(?:(?:County|District|Borough|Town|Parish)\s+)?(?:Cllrs?|Councillors?|Mr|Mrs|Ms|Miss|Dr)\.?\s+[A-Z][\w'’-]+"
    r"(?:\s+[A-Z][\w'’-]+){0,2}(?:\s*(?:&|and|,)\s*[A-Z][\w'’-]+)*"
    r"|(?:Director|Head|Manager|Leader)(?:\s+(?:of|for)(?:\s+(?:[A-Z][\w'’&-]*|the|and|&)){1,6})?))"
)
_ROLE_TO = re.compile(
    # a label, the correspondence item it answers, or a note on the matter it follows up ("No further response from
    # the Charity; Clerk to follow up.")
    r"^(?:[A-Z][^:.]{0,60}:\s*|[A-Z][^:.]{0,160},\s+|[A-Z][^;]{0,200};\s+)?"
    + _ROLE + r"\s+(?:to|will|shall|agreed\s+to|offered\s+to|undertook\s+to"
    r"|(?:was\s+|were\s+)?(?:also\s+)?asked\s+to)\s+"
    r"(?:again\s+|also\s+|then\s+|now\s+)?"
    r"(?!be\b|the\b|a\b|an\b|this\b|that\b|all\b|its\b|their\b|his\b|her\b|date\b|have\b|not\b)[a-z]{3,}\b"
)
# A member by initials, as minutes name them: "KG will study the paperwork", "GE/NO to contact"; three capitals are as
# often a body ("KCC will continue to monitor"), and in a report two are too ("HR will work with").
_INITIALS_TO = re.compile(
    r"^(?:[A-Z][^:.]{0,60}:\s*)?(?P<owner>[A-Z]{2}|[A-Z]{2,3}(?:/[A-Z]{2,3})+)\s+(?:to|will)\s+"
    r"(?:again\s+|also\s+|then\s+|now\s+)?(?!be\b|the\b|a\b|an\b|this\b|that\b|have\b|not\b)[a-z]{3,}\b"
)
# Minutes printed with an action column: the owner's initials (or role) in the margin at the end of the item's last
# line, after a tab: "- Defibrillator - funding proposal still to be drawn up.<tab>GD/IK"; an item wrapped over
# several lines reaches us joined, the tab a space, but no sentence is initials alone ("... to resolve. HL").
_OWNER_CELL = re.compile(
    r"(?:\t|(?<=[.!?)])[ ])[ \t]*(?P<owner>(?:[A-Z]{2,3}|All|Clerk|Chair(?:man)?)"
    r"(?:\s*[/&,]\s*(?:[A-Z]{2,3}|All|Clerk|Chair(?:man)?))*)[ \t]*$"
)
# A task given to or taken on by a role or a named member, anywhere in a sentence: "... and requested the Clerk to
# pass on the Council's thanks", "The Clerk confirmed that Mr Peter Wheeler had kindly agreed to organise ...".
_ASKED_ROLE = re.compile(r"\b(?:requested|asked|instructed|invited)\s+" + _ROLE + r"\s+to\s+(?!be\b)[a-z]{3,}")
_VOLUNTEERED = re.compile(
    r"\b" + _ROLE + r"\s+(?:has\s+|had\s+)?(?:kindly\s+|also\s+)?(?:agreed|offered|volunteered|undertook)\s+to\s+"
    r"(?!be\b)[a-z]{3,}"
)
# The minute-book's shortest form drops the "to": "Clerk write and clarify ...", "Clerk report to the Forestry
# Commission" (a task verb in its base form; "Clerk reported that ..." is the past).
_ROLE_TASK = re.compile(
    r"^(?P<owner>(?:[Tt]he\s+)?(?:Clerk|Chair(?:man|person)?|(?:Cllr|Councillor)\.?\s+[A-Z][\w'’-]+))\s+"
    + _TASK + r"\b(?!['’])"
)
# An action note's label and the owner's initials or name it ends with: "Action: Set meeting date for LPB. Send out
# member appointment letters. Training to be organised (YTH)"; a speaker's initials before a task in notes of a
# meeting: "DW: review Newton closely over next 12 months".
_ACTION_LABEL = re.compile(r"(?:^[ \t]*|(?<=[.!?])\s+)Actions?[ \t]*:\s*", re.I | re.M)
_OWNER_TAG = re.compile(r"\((?P<owner>[A-Z][A-Za-z]{1,5}(?:\s*(?:&|and|/|,)\s*[A-Z][A-Za-z]{1,5})*)\)\s*\.?\s*$")
_INITIALS_TASK = re.compile(r"^(?P<owner>[A-Z]{2,4}):\s+(?i:" + _TASK + r")\b")
_NUMBER_LEAD = re.compile(r"^\(?\d{1,4}(?:\.\d{1,3})*[.)]?\s+(?=[A-Z])")  # "2650. Planning ...": the minute's number
# A line that opens with a minute's number starts the next minute; so does a line after one that closes a bracket
# unpunctuated: "... the recommendation was LOST (4 members voting in favour and 5 against)\nOfficers agreed to ...".
_MINUTE_START = re.compile(
    r"\n(?=[ \t]*\(?\d{1,4}(?:\.\d{1,3})*[.)]?[ \t]+[A-Z])|(?<=\))[ \t]*\n(?=[ \t]*[A-Z][a-z])"
)
# A vote's count ends its sentence even unpunctuated: "... LOST (4 members voting in favour and 5 against) Officers".
_VOTE_END = re.compile(
    r"(?:(?<=against\))|(?<=favour\))|(?<=abstention\))|(?<=abstentions\))|(?<=abstained\)))\s+(?=[A-Z])"
)
_MAYBE = re.compile(r"\b(?:could|might|may|would)\b")
# Payments agreed, with the list of payees under it (one decision, the list its object; a list of resolutions under
# "RESOLVED:" is one decision each): "The following payments were agreed: i) ... ii) ...".
_PAYMENTS = re.compile(
    r"\b(?:payments?|accounts?|invoices?)\b[^.]{0,40}\b(?:was|were)\s+(?:duly\s+)?(?:agreed|approved|authori[sz]ed)\b"
    r"|\b(?:approved|authori[sz]ed|agreed)\s+for\s+(?:online\s+|immediate\s+)?payment\b"
)
# How minutes record what the meeting decided, in running text: "The Councillors resolved to pay all of the above",
# "Councillors agreed to give £50", "It was therefore resolved to retain ...", "All agreed this was a true record",
# "At the last meeting it was agreed that ...", "... was agreed by Council Assembly on 25th February 2015", and a
# verdict after an item's name: "Accounts for payment: ... – all approved", "Complete stock list – noted".
_MINUTED = re.compile(
    r"(?:^|\b(?:[Ii]t\s+was|(?P<body>(?:[Tt]he\s+)?(?:Councillors|Members|(?:[A-Z][\w&]*\s+){0,5}(?:Council|Committee"
    r"|Panel|Board|Cabinet|Assembly))|[A-Z]{2,5})|^All(?:\s+(?:members|councillors))?)\s+)"
    r"(?:(?:therefore|then|also|unanimously|subsequently|[a-z]+ed\s+and)\s+)?(?i:resolved|agreed|decided)\s+"
    r"(?:\((?:[ivx]+|[a-h])\)\s+)?(?:to|that|on|unanimously)\b"
    r"|^All(?:\s+(?:members|councillors))?\s+agreed\b"
    r"|^(?:[Ii]t\s+was\s+)?(?:therefore\s+)?[Rr]esolved\b"
    r"|\b(?:was|were)\s+(?:agreed|approved|ratified)\s+by\s+(?P<by>(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,5})"
    r"|(?:[–•:]|\s-)\s*(?:all\s+)?(?:agreed|approved|noted|accepted|ratified)\b(?:\s*(?:&|and)\s+signed\b[^.]*)?\.?$"
    r"|(?:^|\s)(?:[Aa]pproved|[Aa]greed)\s+(?:&|and)\s+signed\b"
    r"|^(?!.*\b(?:after|before|when|once|until|since|because|if)\b)"  # "... after the scheme was agreed": history
    r".*\b(?:was|were)\s+(?:[a-z]+ed\s+and\s+)?(?:approved|agreed|ratified|adopted)\.?$"
    # the minute-book's fixed forms: the last minutes "confirmed as a true copy" / "agreed as a correct record",
    # invoices "authorised for payment", the body's "Committee noted the forward plan" (members who "noted the
    # challenges" give a view)
    r"|\b(?:confirmed|agreed|approved|accepted|adopted|signed)\b[^.]{0,40}?\bas\s+(?:a\s+)?(?:true|correct|accurate)\b"
    r"|^(?:[Tt]he\s+)?(?:[A-Z][\w&]*\s+){0,5}(?:Council|Committee|Cabinet|Panel|Board)\s+(?:also\s+)?noted\s+(?:the|receipt)\b"
    # the meeting's members doing what only a meeting does: "Members appointed McCash and Co as internal auditors",
    # "Members agreed the statement and authorised the chairman to sign", "Councillors approved the grant"
    r"|^(?:[Tt]he\s+)?(?:Members|Councillors|Council|Committee)\s+(?:also\s+|then\s+|unanimously\s+)?"
    r"(?:agreed|approved|appointed|authori[sz]ed|adopted|accepted|ratified|co-opted|elected)\s+(?:the|a|an|[A-Z])"
    # a motion moved and seconded and carried: "It was proposed by Cllr. J. Davies, seconded by Cllr. O. Williams and
    # unanimously agreed that ..."; payments agreed: "The following payments were agreed:"
    r"|\bproposed\s+by\b.{0,160}?\bseconded\s+by\b.{0,160}?\b(?:agreed|resolved|approved|carried)\b"
    r"|\b(?:agreed|resolved|approved|carried)\b.{0,160}?\bproposed\s+by\b.{0,160}?\bseconded\s+by\b"
    r"|" + _PAYMENTS.pattern
)
_PASSIVE = re.compile(
    r"\b(?:will|would|is\s+to|are\s+to|to)\s+(?:first\s+|then\s+|also\s+)?be\s+"
    r"(?:provided|circulated|shared|sent|brought|reported|presented"
    r"|submitted|arranged|added|made\s+available|scheduled|published|produced|prepared|updated)\b"
    r"(?:\s+back)?(?:\s+(?:to|with|by|at|for|in)\b)",
    re.I,
)
_REQUEST = re.compile(
    r"^(?P<owner>(?:the\s+)?(?:Chair|Members|Councillors|Committee|[A-Z][\w ]{0,40}))\s+(?:requested|asked)"
    r"\s+(?:that|if|for|whether|to\s+(?:be|receive|see)|(?:a|an)\s+(?:further\s+|written\s+|full\s+)?"
    r"(?:briefing|report|update|note|paper|response|breakdown|summary))\b",
    re.I,
)
# A motion's record, as councils in many countries print it: the mover and seconder, the motion ("THAT Council
# approve ...", "BE IT RESOLVED THAT ..."), and the vote's outcome after it ("CARRIED", "Motion Carried", "Carried
# unanimously"). What a meeting voted for and carried is its decision, whatever words the motion uses; a motion lost
# or defeated decided nothing, and is not one.
_CARRIED = (
    r"(?:(?:the\s+)?(?:motion|resolution|amendment|recommendation)s?\s+)?(?:was\s+|were\s+)?"
    r"(?:CARRIED|ADOPTED|Carried|Adopted|carried|adopted)"
    r"(?:\s+(?:unanimously|as\s+amended|UNANIMOUSLY|AS\s+AMENDED|Unanimously|As\s+Amended))?\s*[.!]?\s*(?:\([^)]*\))?"
)
# The outcome closing a motion, in running text: "... be adopted as published. Carried.", "... CARRIED", "Motion
# carried." (a capital "Carried" or capitals after a sentence's end, never "carried" inside one).
_CARRIED_MARK = re.compile(
    r"(?:(?<=[.;:)])|(?<=[a-z0-9]))\s+(?:(?:(?:The\s+)?(?:[Mm]otion|[Rr]esolution)\s+(?:was\s+)?(?:carried|adopted))"
    r"|CARRIED|ADOPTED|Carried)"
    r"(?:\s+(?:unanimously|UNANIMOUSLY|Unanimously|as\s+amended|AS\s+AMENDED|As\s+Amended))?\s*(?:\([^)]*\))?\s*[.!]?"
    r"(?=\s|$)"
)
# A motion told as running text, over a few sentences: "Supervisor Dillon makes a motion to approve the October
# minutes, Supervisor Mantay seconds the motion. ... Motion carried unanimously.", "Member Hage moved to approve the
# minutes. Member Kattouw seconded. Upon voice vote, the motion carried 3-0." Moved, seconded and voted is a decision.
_MOVED = re.compile(
    r"\b(?:moved\s+(?:to|that)|moves\s+(?:to|that)|makes?\s+(?:a|the)\s+motion|made\s+(?:a|the)\s+motion"
    r"|(?i:motion)\s+by\s+[A-Z]|motioned)\b"
)  # what is moved: "The recommendations were moved by ..." records a vote on text printed elsewhere
_SECONDED = re.compile(r"\bsecond(?:s|ed)\b|\bsecond\s+the\s+motion\b|\b[A-Z][a-z]+\s+second\b(?=\s*[,.;])", re.I)
_VOTED = re.compile(r"\b(?:carried|passed|approved|ayes?|unanimous(?:ly)?|all\s+in\s+favou?r)\b", re.I)
MOTION_SENTENCES = 4  # a motion told in more sentences than this is a discussion, not one record
# A motion to adjourn, recess or resume runs the meeting and decides nothing the register keeps.
_PROCEDURAL = re.compile(
    r"^THAT\s+(?:the\s+|this\s+|we\s+|council\s+)?(?:meeting\s+)?(?:be\s+|now\s+|do\s+now\s+)?"
    r"(?:adjourn|recess|resume|reconvene)", re.I
)
_CARRIED_ALONE = re.compile(r"^(?i:motion\s+)?" + _CARRIED + r"$")
_MOVER = re.compile(r"\b(?:Moved|Seconded|Proposed)(?:\s+by)?\s*:|\b(?:Mover|Seconder)\s*:", re.I)
# Where the motion itself starts: its preamble ("WHEREAS ..."), "BE IT RESOLVED THAT", "THAT", or "That" opening
# the record or after a label ("R2026-25 S. Foote, L. Chalapenko: That we receive ...").
_MOTION_START = re.compile(
    r"\bWHEREAS\b|\b(?:BE\s+IT\s+(?:FURTHER\s+)?RESOLVED\s*,?\s+)?THAT\b|(?:^|(?<=:\s))That\b"
)
# A planning application's reference at the start of its line in minutes (or after the lead-in "The following
# observation was agreed:"): "3/18/2505/FUL", "17/01174/PP", "S.19/2691/HHOLD", "6/2018/0873/OUT", "E/38188".
_APPLICATION = (r"(?:Planning\s+ref(?:erence)?\s*:?\s*)?"
                r"(?:(?:[A-Z]{1,2}\.?)?\d{1,2}/\d{2,5}(?:/\d{2,5})?/[A-Z]{1,6}|[A-Z]/\d{5})\b")
_PLANNING_REF = re.compile(r"(?:^|:\s+)" + _APPLICATION)
_APPLICATION_LINE = re.compile(r"\n(?=\s*" + _APPLICATION + ")")  # where the next application's line starts
_OUTCOMES = r"granted|refused|approved|permitted|withdrawn"  # the planning authority's decision, reported
_OUTCOME = re.compile(rf"\b(?:{_OUTCOMES})\b", re.I)
_PLANNING_VERDICT = re.compile(
    r"\b(?:no\s+(?:comments?|objections?|observations?)|comments?\s+made|(?:strongly\s+)?object(?:s|ed|ions?)?"
    rf"|support(?:s|ed)?|{_OUTCOMES})\b",
    re.I,
)
_BULLET = re.compile(r"^[-•▪*–◼■]\s+")
# An inspectorate's list of what the inspected council must improve, under its template heading: Ofsted's
# "What needs to improve?" (inspections) and "What needs to improve in this area of social work practice?"
# (focused visits), "Areas for improvement" (CQC, HMICFRS). Each bullet is a task the council owns.
_IMPROVE = re.compile(
    r"^(?:what\s+needs\s+to\s+improve|areas?\s+(?:for|of|requiring)\s+(?:further\s+)?improvement)\b[^.]{0,80}$", re.I
)
_ACTION_TAG = re.compile(r"\(\s*ACTION\s*:?\s*(?P<owner>[^)]*)\)", re.I)
# Words that promise: a sentence must hold one to be a dated commitment (_FUTURE adds weaker signs of the future).
_PROMISE_WORDS = (
    r"will|shall|should\s+be|aims?\s+to|targets?|plan(?:s|ned)?\s+(?:to|that)|intend(?:s|ed)?\s+to|expected\s+to"
    r"|due\s+to|scheduled\s+(?:to|for)|set\s+to|going\s+to"
)
_FUTURE = re.compile(
    r"\b(?:" + _PROMISE_WORDS + r"|would|targeted|committed\s+to|on\s+track\s+to"
    r"|by\s+(?:the\s+end\s+of\s+)?(?:\d|[A-Z]|20\d\d))",
    re.I,
)
_PAST_OR_MAYBE = re.compile(
    r"\b(?:would\s+(?:like|want|wish|welcome|expect|be\s+(?:helpful|useful|good))|could|might|may"
    r"|will\s+have\s+been|was|were|had)\b",
    re.I,
)
_NOT_PROMISE = re.compile(r"\b(?:will\s+not|won['’]t|not\s+(?:expected|due|planned|intended)|if|unless|likely)\b", re.I)
_PROMISE = re.compile(r"\b(?:" + _PROMISE_WORDS + r")\b", re.I)
_PRONOUN = re.compile(r"^(?:he|she|they|it)$", re.I)
_SPEAKER = re.compile(
    r"(?P<who>(?:the\s+)?[A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|of|for|and|&)){0,8})\s+"
    r"(?:responded|commented|confirmed|said|advised|explained|stated|replied|agreed|added|noted)\b"
)
# Sub-resolutions printed inline: "RESOLVED: (i) That the Clerk should order the tree; (ii) That the switch-on
# should be on ...". Each marker opens a resolution clause ("That ...", "to ..."), so "namely (i) the scale ..."
# (a list inside one resolution) is not split.
_INLINE_ITEM = re.compile(
    r"(?<=[;:,.])\s+(?:and\s+)?(?=\((?:i|ii|iii|iv|v|vi|vii|viii|ix|x|[a-h])\)\s+(?:[Tt]hat|[Tt]o)\b)"
)
# A resolution whose whole content is a task for a role or member is an action of theirs: "RESOLVED: That the Clerk
# should contact the owners", "To request the Clerk to investigate", "That the Clerk be instructed to communicate
# these views". A power given ("be authorised to refuse") stays a decision.
_TASKED = re.compile(
    r"^(?:(?:FURTHER\s+)?(?:RESOLVED|AGREED)\s*:?\s*)?(?:\((?:[ivx]+|[a-h])\)\s*)?"
    r"(?:[Tt]hat\s+|[Tt]o\s+(?:request|instruct|ask|invite)\s+)" + _ROLE
    + r"\s+(?:should|shall|will|must|(?:be\s+)?(?:asked|instructed|requested|invited)\s+to|to)\s+"
    r"(?:also\s+|then\s+|now\s+)?(?!be\b|have\b|not\b)[a-z]{3,}"
)
_DELEGATE = re.compile(
    r"\b(?i:delegates?|delegated|authori[sz]e[sd]?|asks?|asked|requests?|requested|instructs?|instructed)\s+"
    r"(?i:authority\s+)?(?:to\s+)?(?P<owner>(?:the\s+)?[A-Z][\w'’,-]*(?:\s+(?:[A-Z][\w'’-]*|of|for|and|&|,))*?)"
    r"(?=\s*(?:,\s*in\s+consultation|\s+to\s+|,|\s+in\s+consultation))"
)


# A plan table's columns by role, its header cells, and its columns of future periods.
_Plan = tuple[dict[str, int], list[str], list[int]]


@dataclass
class _Unit:
    """A paragraph or list item, in the chunk it starts in; `at` is its offset in the chunk text."""

    chunk: Chunk
    text: str
    at: int
    marked: bool  # starts with a list marker
    source: str | None = None  # the paper's extracted text, when the caller has it
    plan: _Plan | None = None  # the plan table the unit's rows belong to, when there is one


def find_commitments(paper: PaperChunks, text: str | None = None) -> list[Commitment]:
    """The decisions, actions and dated commitments in `paper`, in reading order.

    Offsets come from the chunk offsets; pass the paper's extracted `text` to have them located
    exactly (chunk text is whitespace-normalised, so without it they can be off by a few characters).
    """
    items: list[Commitment] = []
    seen: set[str] = set()
    units = _units(paper.chunks)
    # Dates as printed ("in April", "the summer") are read against the meeting. A paper that prints no date
    # of its own is read against the date its file name starts with: ingest dates such a paper from its
    # meeting's record after every paper is parsed (ingest.meetings), too late for this reading. The hint
    # places a month in a year here only; it is never shown as the paper's meeting date.
    hint = leading_date(paper.file_name)
    plans = _plans(paper.chunks, hint)
    for unit in units:
        unit.source = text
        unit.plan = plans.get(unit.chunk.chunk_id)
    in_decision, body, first_style, last_no = False, "", "", 0
    section, heading, recommending = "", "", False
    list_section, improving = "", False  # an inspectorate's list of what must improve (_IMPROVE)
    listing: int | None = None  # the item whose text ends "...:" with its list still to come
    listed = ""  # the list's kind once it has started: "bullet" or "marker"; a list keeps one
    found = 0  # items before this unit
    for n, unit in enumerate(units):
        meeting = unit.chunk.meeting_date or hint
        if len(items) > found:  # the unit before ended an item: a list may follow it
            listing = len(items) - 1 if items[-1].text.endswith(":") else None
            listed = ""
        found = len(items)
        list_kind = ("bullet" if _BULLET.match(unit.text.strip()) else
                     "marker" if unit.marked and _style(unit.text) in ("a", "r") else "")
        if (listing is not None and list_kind and listed in ("", list_kind)
                and (list_kind == "bullet" or _PAYMENTS.search(items[listing].text))
                and unit.chunk.section == units[n - 1].chunk.section):
            # "RESOLVED: That the following items be brought forward:", "The invoices were authorised for
            # payment:" and the bulleted lines under it are one item: the list is what was decided.
            listed = list_kind
            lead, line = items[listing], " ".join(_BULLET.sub("", unit.text.strip()).split())  # "i) ..." kept
            end = unit.chunk.char_start + unit.at + len(unit.text)
            items[listing] = replace(lead, text=f"{lead.text} {line}", end=max(lead.end, end))
            continue
        listing = None
        if unit.chunk.section != list_section:  # a new heading ends the list, or opens one
            list_section = unit.chunk.section
            improving = _IMPROVE.match(list_section.split(" > ")[-1]) is not None
        if improving and _BULLET.match(unit.text):
            # A bullet is one line of chunk text; a line below it is the next heading ("Findings", "The
            # experiences and progress of children ...") run on, which ends the list.
            item, *after = unit.text.strip().split("\n")
            _add(items, seen, "action", _BULLET.sub("", item), unit.chunk.council, unit, meeting)
            improving = not after
            continue
        # The heading is a line of its own, but may close the unit of the paragraph above it.
        improving = not unit.marked and _IMPROVE.match(unit.text.strip().split("\n")[-1]) is not None
        if improving and "\n" not in unit.text.strip():
            continue
        if unit.chunk.section != section:
            # "That the Committee for Transport and Connectivity" printed as a heading over the numbered
            # recommendations opens them as "That the Committee:" in the text does; so does a report's
            # "2 | Recommendations" section, whose numbered paragraphs are what the meeting is asked to decide.
            section = unit.chunk.section
            heading = section.split(" > ")[-1]
            if recommending:
                in_decision = recommending = False
            if heading.startswith("That ") and (only := _BODY_ONLY.match(heading)):
                in_decision, body, last_no, first_style = True, only.group("body"), 0, ""
            elif _RECOMMENDATIONS.match(heading) and (unit.chunk.committee or unit.chunk.doc_type == "report"):
                # Only a paper to a meeting asks it to decide: an inspection's "Recommendations" are the
                # inspectors' advice to the council, decided by no one.
                in_decision, body, last_no, first_style = True, unit.chunk.committee, 0, ""
                recommending = True
        if recommending and " ".join(unit.text.split()) == " ".join(heading.split()):
            continue  # the section's heading, repeated at the top of each of its passages
        if (recommending and not unit.marked and _PARAGRAPH_NO.match(unit.text)
                and not _opener(_PARAGRAPH_NO.sub("", unit.text, count=1).strip())):  # "2.1 Council is asked to:"
            # "1.1 That Cabinet approves ... 1.2 ... 1.3 ...": a decision asked for per numbered paragraph, the
            # first cell of a row ("2.1 Note the forecast ...<tab>Please refer to Section 3").
            for paragraph in _PARAGRAPH_NO.split(unit.text):
                asked = paragraph.split("\t")[0].strip()
                if len(asked.split()) >= 3 and not asked.endswith(":"):  # "1.1 That the Committee be asked to:"
                    _add(items, seen, "decision", asked, _decision_owner(asked, body), unit, meeting)
            continue
        capital = in_decision and not unit.marked and _CAPITAL_ITEM.match(unit.text) is not None
        marked = unit.marked or capital
        marker = _CAPITAL_ITEM if capital else _MARKER
        content = marker.sub("", unit.text, count=1).strip() if marked else unit.text.strip()
        if _FIELD.match(content):
            in_decision, body = False, ""  # the next field of a decision record ends the decision
            continue
        mid = _MID_OPENER.search(content)
        context = ""
        if mid and mid.start() > 0 and not _opener(content):
            # A minute's heading or discussion run on into "RESOLVED that ...": the discussion is read as
            # running text; its last sentence stays with a resolution that refers back to it.
            before, content = content[: mid.start()], content[mid.start() :]
            discussed = len(items)
            _add_sentences(items, seen, before, unit, meeting)
            last = _sentences(before)[-1]
            if not any(" ".join(last.split()) in item.text for item in items[discussed:]):  # not an item itself
                context = _antecedent(last, content)
        content = _NUMBERED_ASK.sub("", content, count=1)
        opener = _opener(content)
        if opener:
            last_no, first_style = 0, ""
            end, decider, sentence_opener = opener
            body = decider or body or unit.chunk.committee
            rest = content[end:].strip(" :;–-")
            in_decision = content.endswith((":", ";")) or not rest  # the list of resolutions follows
            if in_decision and len(rest.split()) >= 3 and n + 1 < len(units) and _BULLET.match(units[n + 1].text):
                # a bulleted list is the object of the resolution, joined to it (above): "RESOLVED: That the
                # following items be brought forward: - Succession Planning ..."
                _add_resolution(items, seen, content, body, unit, meeting, context)
                in_decision = False
                continue
            if (
                not in_decision and len(rest.split()) >= 3
            ):  # a resolution in one paragraph: "It was AGREED that ...", "(d) Decision taken X"
                first = _sentences(content)[0] if sentence_opener else _sentences(rest)[0]
                for k, clause in enumerate(_INLINE_ITEM.split(first)):
                    _add_resolution(items, seen, clause, body, unit, meeting, "" if k else context)
                _add_sentences(
                    items,
                    seen,
                    content[content.find(first[-20:]) + 20 :] if sentence_opener else rest[len(first) :],
                    unit,
                    meeting,
                )
            continue
        if not in_decision and not marked and content.startswith("That ") and (only := _BODY_ONLY.match(content)):
            in_decision, body, last_no, first_style = True, only.group("body"), 0, ""  # "That the Committee:"
            continue
        nxt = units[n + 1] if n + 1 < len(units) else None
        # After "Cabinet agree to:" a short item is what was agreed ("A) the Commissioning Plan ..."), not a heading.
        object_of_verb = (marked and not content.endswith(":") and n > 0
                          and _DECIDING_LEAD.search(units[n - 1].text))
        if in_decision and not object_of_verb and _lead_in(content, unit, nxt):
            # a heading inside the list ("2. Residents Parking") keeps the list going only when sub-items follow
            in_decision = content.endswith(":") or _sub_item(unit, nxt)
            if not marked and (only := _BODY_ONLY.match(content)):
                body = only.group("body")
            if in_decision:
                continue
        elif (in_decision and (marked or _DECIDED.match(content))
              and not _ends_list(unit.text, first_style, last_no)):
            first_style = first_style or _style(unit.text)
            last_no = _number(unit.text) or last_no
            _add_resolution(items, seen, content, body, unit, meeting)
            continue
        in_decision = False
        if unit.chunk.doc_type != "report" and (motions := _carried_motions(unit, nxt)):
            for motion, before in motions:
                if before:
                    _add_sentences(items, seen, before, unit, meeting)
                if motion:
                    _add(items, seen, "decision", motion, unit.chunk.committee or unit.chunk.council, unit, meeting)
            continue
        if unit.chunk.doc_type != "report" and _add_planning(items, seen, content, unit, meeting):
            continue
        _add_sentences(items, seen, unit.text, unit, meeting)
    return items


def _carried_motions(unit: _Unit, nxt: _Unit | None) -> list[tuple[str, str]]:
    """The motions the unit records that a vote carried, each with the text before it that is no motion (a heading,
    a report heard), as (motion, before) pairs, the last one ("", what follows the last vote); [] when the unit
    records no carried motion. A motion's vote ends it in the unit ("... as published. Carried.") or is the next
    paragraph; its text runs from "WHEREAS", "THAT" (or "That" opening it) to the vote, after any mover and
    seconder. Text that names no mover and prints no "THAT" is no motion ("The plan was adopted.")."""
    flat = " ".join(unit.text.split())
    ends = [(m.start(), m.end()) for m in _CARRIED_MARK.finditer(flat)]
    if not ends and nxt is not None and _CARRIED_ALONE.match(" ".join(nxt.text.split())):
        ends = [(len(flat), len(flat))]
    found: list[tuple[str, str]] = []
    at = 0
    for stop, after in ends:
        record = flat[at:stop]
        movers = list(_MOVER.finditer(record))
        start = _MOTION_START.search(record, movers[-1].end() if movers else 0)
        if start is None or len(record[start.start() :].split()) < 3:
            continue  # the vote closes no motion the reader can see: the text stays for the next one
        motion = record[start.start() :].strip()
        found.append(("" if _PROCEDURAL.match(motion) else motion, record[: start.start()].strip()))
        at = after
    if found:
        found.append(("", flat[at:].strip()))
    return found


def _add_planning(items: list[Commitment], seen: set[str], content: str, unit: _Unit, meeting: str) -> bool:
    """Planning applications listed in minutes, each with what was said or decided on it: the council's response as
    a consultee ("3/18/2505/FUL 288 Hertingfordbury Road ... No comment.") is its decision; an outcome it reports
    ("... Granted 27/11/18", "- Approved") is the planning authority's. Each application's line up to its verdict
    is an item; what follows is read as any paragraph is. False when the unit lists no application."""
    lines = _APPLICATION_LINE.split(content)
    found = [(line, _PLANNING_REF.search(" ".join(line.split()))) for line in lines]
    if not any(ref for _, ref in found):
        return False
    for line, ref in found:
        flat = " ".join(line.split())
        verdict = _PLANNING_VERDICT.search(flat, ref.end()) if ref else None
        if not (ref and verdict):
            _add_prose(items, seen, flat, unit, meeting)
            continue
        end = next((m.end() for m in re.finditer(r"[^.]*(?:\.|$)", flat) if m.start() <= verdict.start() < m.end()),
                   len(flat))
        decided = flat[ref.start(): end].strip(" :")
        owner = "" if _OUTCOME.search(decided) else (unit.chunk.council or unit.chunk.committee)
        _add(items, seen, "decision", decided, owner, unit, meeting)
        if flat[end:].strip():
            _add_prose(items, seen, flat[end:], unit, meeting)
    return True


def _number(line: str) -> int:
    m = re.match(r"\s*\(?(\d{1,2})", line)
    return int(m.group(1)) if m and _MARKER.match(line) else 0


def _ends_list(line: str, first_style: str, last_no: int) -> bool:
    """A numbered paragraph after a lettered list, or numbering that starts again, is the minute's
    next paragraph, not another resolution."""
    no = _number(line)
    return bool(no) and ((first_style in ("a", "r")) or no <= last_no)


def _style(line: str) -> str:
    """A list marker's level: "n" numbers, "a" letters, "r" roman numerals, "" none."""
    m = _MARKER.match(line)
    if not m:
        return ""
    mark = m.group(0).strip("() .\t\n")
    return "n" if mark.isdigit() else "r" if mark in _ROMAN and mark != "i" else "a"


def _opener(content: str) -> tuple[int, str, bool] | None:
    """(end of the opener in `content`, the deciding body or "", whether the opener is part of the
    decision's own sentence ("It was AGREED that ...") rather than a label ("(d) Decision taken"))."""
    m = _OPENER.match(content)
    if not m:
        return None
    if m.group("kw") and not _KW_CASE.fullmatch(m.group("kw")):
        return None
    verb = m.group("verb")
    if verb and verb.islower() and re.match(r"\s+that\b", content[m.end() :]):
        return None  # "Members agreed that the issue was important": a view, not a decision
    if (
        verb
        and verb.islower()
        and not re.match(r"(?:the\s+)?(?:Cabinet|.*(?:Committee|Council|Panel|Board))", m.group("body"), re.I)
    ):
        return None  # "Members agreed to ..." is not the body deciding
    if m.group("label"):
        inner = _opener(content[m.end() :].strip())
        if inner:  # "(d) Decision taken The Committee noted the report."
            return m.end(), inner[1], False
    owner = (m.group("body") or m.group("asked") or m.group("recommended")
             or (m.group("member")[3:-3].strip() if m.group("member") else ""))
    if m.group("kw") and not owner:  # "RESOLVED that Cabinet agree to:"
        named = re.match(
            r"\s+that\s+(?P<b>(?:the\s+)?(?:Cabinet|(?:[A-Z]\w*\s+){1,5}(?:Committee|Council|Panel|Board)))\b",
            content[m.end() :],
        )
        owner = named.group("b") if named else ""
    owner = re.sub(r"^(?:[A-Z]{2,}\s+)+(?=[A-Z][a-z])", "", owner)  # an all-capitals heading run on into the line
    sentence = bool(
        m.group("body") or m.group("asked") or m.group("member") or content.startswith("It ") or m.group("kw")
    ) and not m.group("recommended")
    return (m.start("verb") if verb else m.end()), owner, sentence


def _sub_item(unit: _Unit, nxt: _Unit | None) -> bool:
    """`nxt` is a lettered or roman item under the numbered `unit`."""
    return nxt is not None and nxt.marked and _style(nxt.text) in ("a", "r") and _style(nxt.text) != _style(unit.text)


def _lead_in(content: str, unit: _Unit, nxt: _Unit | None) -> bool:
    """A list item that only introduces the next items: ends in a colon, or a heading (no full stop)
    with sub-items under it, or a short heading without a deciding verb."""
    s = content.strip()
    if s.endswith(":"):
        return True
    if re.search(r"[.;]$", s):
        return False
    return _sub_item(unit, nxt) or (
        len(s.split()) <= 10
        and not re.search(
            r"\b(?:approv|agree|note|delegat|authori|endorse|refer|implement|adopt|defer|request|initiat)", s, re.I
        )
    )


def _decision_owner(text: str, body: str) -> str:
    """Whom a resolution asks to act (a delegation or request), else the body that decided."""
    m = _DELEGATE.search(text)
    if m and len(m.group("owner").split()) <= 12:
        return m.group("owner").strip(" ,")
    return body.strip()


SHORT_ACTION = 5  # words: an action this short names no object of its own


def _shows_context(previous: str) -> bool:
    """Whether `previous` is a sentence to show before an item, not a heading run on or a whole page."""
    return previous.endswith((".", ";")) and 4 <= len(previous.split()) <= 60


def _antecedent(previous: str, item: str) -> str:
    """`previous` when `item` refers back to it: "Councillors considered a draft policy ... RESOLVED: To adopt the
    policy.", "... were not on the website. NO to look into this." (a pronoun, or "the <word>" of the sentence
    before), else ""."""
    if not _shows_context(previous):
        return ""
    words = set(re.findall(r"[a-z]{4,}", previous))
    head = _sentences(item)[0]
    refers = re.search(r"\b(?:this|these|those|such|them)\b", head, re.I) or any(
        w in words for w in re.findall(r"\b(?:the|that)\s+(?:\w+\s+)?([a-z]{4,})\b", head)
    )
    return previous if refers else ""


def _add_resolution(items: list[Commitment], seen: set[str], text: str, body: str, unit: _Unit, meeting: str,
                    context: str = "") -> None:
    """A resolution: an action of the role it tasks, else a decision of the body (or whom it delegates to);
    `context` is the sentence it refers back to, shown before it."""
    tasked = _TASKED.match(" ".join(text.split()))
    if tasked:
        _add(items, seen, "action", text, tasked.group("owner").strip(), unit, meeting, context=context)
    else:
        _add(items, seen, "decision", text, _decision_owner(text, body), unit, meeting, context=context)


def _add_sentences(items: list[Commitment], seen: set[str], text: str, unit: _Unit, meeting: str) -> None:
    column = _OWNER_CELL.search(text.rstrip().split("\n")[-1])
    item = " ".join(text.rstrip()[: -len(column.group(0).rstrip())].split()) if column else ""
    if (column and (_BULLET.match(item) or unit.marked) and re.search(r"[.!?)]$", item) and len(item.split()) >= 5
            and unit.plan is None and unit.chunk.doc_type != "report"):
        # minutes with an action column: a listed item whose owner is printed in the margin beside its last line
        _add(items, seen, "action", _MARKER.sub("", _BULLET.sub("", item), count=1), column.group("owner"), unit,
             meeting)
        return
    if "\t" in text and not _ACTION_LABEL.search(text):  # table rows: their cells are not sentences, but a plan's
        # columns say what each row is (an action note laid out in columns is still a note)
        _add_rows(items, seen, text, unit, meeting)
        return
    _add_prose(items, seen, text, unit, meeting)


def _add_prose(items: list[Commitment], seen: set[str], text: str, unit: _Unit, meeting: str) -> None:
    """Each sentence of running text that is a decision the minutes record, an action or a dated commitment;
    every sentence of an action note ("Action: ...") is an action, owned by the initials it ends with."""
    flat = " ".join(text.split())
    noted = _ACTION_LABEL.search(text)
    if noted:
        before, note = text[: noted.start()], " ".join(text[noted.end():].split())
        if before.strip():
            _add_prose(items, seen, before, unit, meeting)
        tag = _OWNER_TAG.search(note)
        for sentence in _sentences(note):
            own = _OWNER_TAG.search(sentence) or tag
            _add(items, seen, "action", sentence, own.group("owner") if own else "", unit, meeting)
        return
    sentences = _sentences(text)
    taken: set[int] = set()  # sentences that are items
    for first, last in _motions_told(sentences):
        _add(items, seen, "decision", " ".join(sentences[first : last + 1]), unit.chunk.committee or unit.chunk.council,
             unit, meeting)
        taken.update(range(first, last + 1))
    for i in range(len(sentences)):
        if i in taken:
            continue
        count = len(items)
        _add_sentence(items, seen, sentences, i, taken, flat, unit, meeting)
        if len(items) > count:
            taken.add(i)


def _add_sentence(items: list[Commitment], seen: set[str], sentences: list[str], i: int, taken: set[int], flat: str,
                  unit: _Unit, meeting: str) -> None:
    """Sentence `i` of running text, if it is a decision the minutes record, an action or a dated commitment
    (`taken`: the sentences before it that are items)."""
    sentence = sentences[i]
    decided = _MINUTED.search(sentence)
    if decided and decided.group(0).endswith("that") and _MAYBE.search(sentence[decided.end():]):
        decided = None  # "It was agreed that charges could displace parking": a view, not a decision
    if decided and len(sentence.split()) >= 3:
        body = decided.group("body") or decided.group("by") or unit.chunk.committee or unit.chunk.council
        _add(items, seen, "decision", sentence, body.strip(), unit, meeting)
        return
    found = _classify(sentence, flat[: flat.find(sentence)], unit.chunk.doc_type != "report")
    if found:
        kind, owner = found
        previous = sentences[i - 1] if i and i - 1 not in taken else ""  # not an item itself
        # "Clerk to follow up.": a task that names no object is shown with the sentence it follows up
        short = kind == "action" and len(sentence.split()) <= SHORT_ACTION
        context = _antecedent(previous, sentence) or (previous if short and _shows_context(previous) else "")
        _add(items, seen, kind, sentence, owner, unit, meeting, context=context)


def _motions_told(sentences: list[str]) -> list[tuple[int, int]]:
    """(first, last) sentence of each motion told in running text: moved, seconded and voted within
    MOTION_SENTENCES sentences of the one that moves it, or [] when a motion is moved and never put to the vote."""
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(sentences):
        if _MOVED.search(sentences[i]):
            voted = _vote_after_seconder(sentences, i)
            if voted is not None:
                spans.append((i, voted))
                i = voted + 1
                continue
        i += 1
    return spans


def _vote_after_seconder(sentences: list[str], moved: int) -> int | None:
    """The sentence that records the vote on the motion moved in sentence `moved`, after its seconder, or None."""
    seconded = False
    for j in range(moved, min(moved + MOTION_SENTENCES, len(sentences))):
        rest = sentences[j]
        if not seconded and (second := _SECONDED.search(rest)):
            seconded, rest = True, rest[second.end() :]
        if seconded and _VOTED.search(rest):
            # the roll call, then its outcome: "Supervisors Dillon aye, Mantay aye. Motion carried unanimously."
            while j + 1 < len(sentences) and len(sentences[j + 1].split()) <= 6 and _VOTED.search(sentences[j + 1]):
                j += 1
            return j
    return None


def _plans(chunks: list[Chunk], hint: str = "") -> dict[str, _Plan]:
    """Each table chunk's plan: from its own header row, or, for a table running on from the chunk before
    (a forward plan over several pages), that chunk's plan when its rows have as many cells."""
    plans: dict[str, _Plan] = {}
    last: _Plan | None = None
    for chunk in sorted(chunks, key=lambda c: c.ordinal):
        plan = _plan_header(chunk, chunk.meeting_date or hint)
        rows = [ln for ln in chunk.text.split("\n") if "\t" in ln]
        if plan is None and last is not None and any(len(r.split("\t")) == len(last[1]) for r in rows):
            plan = last
        if plan is not None:
            plans[chunk.chunk_id] = plan
        last = plan
    return plans


def _plan_header(chunk: Chunk, meeting: str) -> _Plan | None:
    """Columns of the plan table the chunk holds, from its header row: the action,
    its lead and its date ("Strategic actions | By when | Action lead/s"), a dated target column
    ("Indicator | Baseline April 2023 | Target April 2024"), a date column beside what is planned ("Stage |
    Original timescale | Revised date", a forward plan's "Meeting date"; the last date column is the one
    that stands), or future periods as columns ("Development projects | 2026/27 | 2027/28", "By 2025-26 |
    By 2026-27"); with the header's cells and the period columns. None: not a plan."""
    # The header is the first row of short cells (a chunk may open with the end of a row broken over a page).
    cells = next(([c.strip() for c in ln.split("\t")] for ln in chunk.text.split("\n")
                  if "\t" in ln and all(len(c.split()) <= 6 for c in ln.split("\t"))), None)
    if cells is None:
        return None
    columns: dict[str, int] = {}
    periods: list[int] = []
    for k, cell in enumerate(cells):
        if _DECISION_COL.match(cell):
            columns.setdefault("decision", k)
        elif _VERDICT_COL.match(cell):
            columns.setdefault("verdict", k)
        elif _OWNER_COL.search(cell):
            columns.setdefault("owner", k)
        elif _ACTION_COL.search(cell):
            columns.setdefault("action", k)
        elif _DUE_COL.search(cell):
            columns["due"] = k
        elif _TARGET_COL.match(cell) and read_due(cell)[0]:
            columns.setdefault("target", k)
        elif len(cell.split()) <= 2 and (period := read_due(cell)[1]) and _future(period, meeting):
            periods.append(k)
    planned = bool(columns.keys() & {"action", "target", "due", "decision", "verdict"}) or len(periods) >= 2
    return (columns, cells, periods) if planned else None


def _future(due_date: str, meeting: str) -> bool:
    """A date or range that ends in or after the meeting's month or day (a plan looks ahead; a monitoring
    table looks back)."""
    end = due_date.split("/")[-1]
    return not meeting or end >= meeting[: len(end)]


def _add_rows(items: list[Commitment], seen: set[str], text: str, unit: _Unit, meeting: str) -> None:
    """Each row of a plan table: an action (its lead the owner, its "by when" the due), an indicator with
    a target for a date, a dated row or a project under future periods (a commitment due then), or each
    numbered decision of a "Decision taken" cell. A table that is no plan may still hold prose in a cell (a
    capital table's "Detail" column): its sentences are read as any paragraph's are."""
    if unit.plan is None:
        for line in text.split("\n"):
            cells = [c.strip() for c in line.split("\t") if c.strip()]
            if len(cells) >= 2 and _DISPOSITION.match(cells[-1]) and re.search(r"[a-z]", " ".join(cells[:-1])):
                _add(items, seen, "decision", " ".join(cells), unit.chunk.committee or unit.chunk.council, unit,
                     meeting)
                continue
            for prose in (c for c in line.split("\t") if len(c.split()) >= PROSE_CELL_WORDS):
                _add_prose(items, seen, prose, unit, meeting)
        return
    columns, header, periods = unit.plan
    for line in text.split("\n"):
        cells = [c.strip() for c in line.split("\t")]
        if len(cells) < 2 or cells == header:
            continue
        # A row short of the header's cells had narrow cells run together at its left ("18.8.20 Speeding in
        # Garelochhead" under "Meeting date | Agenda item"): its last cells are the header's last columns.
        shift = len(header) - len(cells) if len(cells) < len(header) else 0

        def cell(name: str, cells: list[str] = cells, shift: int = shift) -> str:
            k = columns.get(name, len(cells) + shift) - shift
            return cells[k] if 0 <= k < len(cells) else ""

        row = " ".join(c for c in cells if c)
        planned = [header[k] for k in periods if k < len(cells) and re.search(r"\d", cells[k])]
        owner = _CONTACT.sub("", cell("owner")).strip(" ,")
        verdict = cell("verdict") or cell("decision")
        if _VERDICT.match(verdict) or _DISPOSITION.match(verdict):  # the row is what was decided, with its verdict
            _add(items, seen, "decision", row, owner or unit.chunk.committee, unit, meeting)
        elif "decision" in columns and len(cell("decision").split()) >= 3:
            for decided in _CELL_ITEM.split(cell("decision")):
                _add(items, seen, "decision", _MARKER.sub("", decided.strip(), count=1), owner, unit, meeting)
        elif "action" in columns and len(cell("action").split()) >= 4:
            _add(items, seen, "action", cell("action"), owner, unit, meeting, due_text=cell("due"))
        elif "target" in columns and cell("target"):
            _add(items, seen, "commitment", row, "", unit, meeting, due_text=header[columns["target"]])
        elif "due" in columns and read_due(cell("due"), meeting)[1]:
            dated = " ".join(c for k, c in enumerate(cells) if c and k != columns.get("owner"))  # owner: its field
            _add(items, seen, "commitment", dated, owner, unit, meeting, due_text=cell("due"))
        elif planned and not is_period(cells[0]) and not re.match(r"total\b", cells[0], re.I):
            row = read_row(cells, header)  # "Bus Reform studies (2026/27: 1,000,000; 2027/28: 1,000,000)."
            first, last = read_due(planned[0], meeting)[1], read_due(planned[-1], meeting)[1]
            span = f"{first.split('/')[0]}/{last.split('/')[-1]}"
            _add(items, seen, "commitment", row, owner, unit, meeting, due_text=" and ".join(planned),
                 due_date=span if first != last else first)


def _classify(sentence: str, before: str = "", minuted: bool = True) -> tuple[str, str] | None:
    """("action" | "commitment", owner) for a sentence that is one, else None; `minuted`: the sentence records a
    meeting (not a report's account of earlier ones)."""
    s = " ".join(sentence.split())
    if s.endswith("?"):
        return None
    # Minute-book shorthand names its owner first and may be as short as "Clerk to write".
    m = _ROLE_TO.match(s) or _ROLE_TASK.match(s) or _INITIALS_TASK.match(s)
    if minuted and not m:  # in minutes the meeting's own request; in a report, history ("In September Cabinet asked")
        m = _INITIALS_TO.match(s) or _ASKED_ROLE.search(s) or _VOLUNTEERED.search(s)
    if m and len(s.split()) >= 3:
        return "action", m.group("owner").strip()
    if len(s.split()) < 5:
        return None
    tag = _ACTION_TAG.search(s)
    if tag:
        return "action", tag.group("owner").strip()
    m = _ACTIVE.search(s)
    # a maybe in the action's own clause, not in an earlier one ("The Council could sponsor a prize, Cllr Harries
    # would follow up")
    if m and not re.search(r"\b(?:could|might|may)\b", re.split(r"[,;:]", s[: m.start()])[-1] + s[m.start(): m.end()]):
        owner = m.group("owner").strip()
        if _PRONOUN.match(owner):  # "the Cabinet Member responded that ... he would appraise the Chair"
            speakers = list(_SPEAKER.finditer(before + " " + s[: m.start()]))
            owner = speakers[-1].group("who") if speakers else ""
        owner = _trim_owner(owner)
        if not re.match(r"(?:this|that|these|it|which|there)$", owner, re.I):
            return "action", owner
    m = _SHORT.match(s) or _REQUEST.match(s)
    if m:
        return "action", m.group("owner").strip()
    # The past or a maybe in the passive's own clause ("it was to be provided"), not in an earlier clause
    # ("Work was ongoing, a detailed update would be brought back to Cabinet").
    if (passive := _PASSIVE.search(s)) and not _PAST_OR_MAYBE.search(re.split(r"[,;:]", s[: passive.start()])[-1]):
        by = re.search(r"\bby\s+(?P<who>(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)", s)
        return "action", by.group("who") if by else ""
    due = read_due(s)[0]
    if due and _FUTURE.search(s) and _PROMISE.search(s) and not _NOT_PROMISE.search(s) and not _past_at(s, due):
        return "commitment", ""
    return None


def _past_at(sentence: str, due: str) -> bool:
    """The verb next to the date is in the past ("was created in January", "increased from 70 in April
    2020"): the date says when something happened, not when it is due."""
    at = sentence.find(due)
    clause = re.split(r"[,;:]", sentence[:at])[-1]  # the date's own clause ("..., with X expected to do so from April")
    if _PROMISE.search(clause) or re.search(r"\b(?:to\s+be|be|aim|target)\b", clause, re.I):
        return False
    window = " ".join(sentence[max(0, at - 60) : at].split()[-5:])
    past = re.sub(r"\b(?:expected|planned|scheduled|proposed|intended|anticipated)\b", "", window, flags=re.I)
    if at == 0:  # "In March 2023 the Board agreed ..." is the past; "In September 2024 a Head of Service will join"
        return not _PROMISE.search(sentence[:150])
    return bool(re.search(r"\b(?:was|were|had|has\s+been|have\s+been)\b|\b\w+ed\b", past, re.I))


def _trim_owner(owner: str) -> str:
    """The owner noun phrase without a leading reporting clause ("Officers confirmed that the Chair")."""
    owner = re.split(r"\b(?:that|and|but|who|which)\s+", owner)[-1]
    return owner.strip(" ,")


def _add(items: list[Commitment], seen: set[str], kind: str, text: str, owner: str, unit: _Unit, meeting: str,
         due_text: str = "", due_date: str | None = None, context: str = "") -> None:
    """Record an item; `context` (the sentence an item refers back to) is shown before its text, but its dates
    are not the item's."""
    own = " ".join(text.split())
    clean = " ".join(f"{context} {own}".split())
    key = re.sub(r"\W+", " ", clean).lower().strip()
    if len(own.split()) < 3 or key in seen:  # the same resolution printed twice (a summary list) is one item
        return
    due, read_date = read_due(due_text or own, meeting)
    due_date = due_date or read_date
    if due_date and due_text and not due:
        due = due_text
    if due_text and not due:
        due = " ".join(due_text.split())  # as printed ("Ongoing"), with no date to read
    if kind == "commitment" and due_date and not _future(due_date, meeting):
        return  # a date before the meeting: something that happened, not a promise
    seen.add(key)
    offset = " ".join(unit.text.split()).find(clean[:40])
    start = unit.chunk.char_start + unit.at + max(offset, 0)
    start, end = _locate(unit.source, clean, start) if unit.source else (start, start + len(clean))
    items.append(Commitment(kind, clean, owner, due, due_date, unit.chunk.chunk_id, start, end))


def _locate(source: str, clean: str, near: int) -> tuple[int, int]:
    """Exact offsets of `clean` in the paper's text, searching from a little before `near` (chunk text
    differs from the source only in whitespace); `near` and an estimate when it cannot be found."""
    pattern = re.compile(r"\s*".join(re.escape(ch) for ch in clean.replace(" ", "")))
    m = pattern.search(source, max(0, near - 300))
    return (m.start(), m.end()) if m else (near, near + len(clean))


def _sentences(text: str) -> list[str]:
    """Sentences of a paragraph (line breaks inside a paragraph are wrapping, not ends, but a line that opens
    with a minute's number starts the next minute: "Clerk to write" ends one, unpunctuated; so does a vote's
    count: "... was LOST (4 members voting in favour and 5 against) Officers agreed to ...")."""
    sentences: list[str] = []
    for minute in _MINUTE_START.split(text):
        flat = _BULLET.sub("", " ".join(minute.split()))  # a bulleted action: "- Officers to circulate ..."
        for a, b in sentence_spans(flat):
            # a sentence opening a list item is read without its marker: "v) ..., Clerk to email out."
            sentences += [_MARKER.sub("", _NUMBER_LEAD.sub("", part.strip()), count=1)
                          for part in _VOTE_END.split(flat[a:b])]
    return [s for s in sentences if s] or [" ".join(text.split())]


def _units(chunks: list[Chunk]) -> list[_Unit]:
    """Paragraphs and list items of the paper in reading order: a new unit at each list marker, at a
    line after a colon or a short heading line, and at each chunk (chunks start at paragraph ends)."""
    units: list[_Unit] = []
    for chunk in sorted(chunks, key=lambda c: c.ordinal):
        at, start, marked = 0, 0, False
        buf: list[str] = []
        for line in chunk.text.split("\n"):
            new = (
                bool(_MARKER.match(line))
                or _OPENER.match(line.strip() or "-") is not None
                or _FIELD.match(line) is not None
                or _CAPITAL_ITEM.match(line) is not None
                or (line.startswith("That ") and _BODY_ONLY.match(line.strip()) is not None)
                or (line.rstrip().endswith(":") and len(line.split()) <= 6)  # a label: "Local Member Interest:"
            )
            prev = buf[-1].strip() if buf else ""
            if buf and (
                new
                or prev.endswith(":")
                or not line.strip()
                or (len(prev) < 50 and not prev.endswith(","))
                or (prev.isupper() and len(prev.split()) >= 2)
                or re.match(r"^[-•▪]\s", line)
            ):
                units.append(_Unit(chunk, "\n".join(buf), start, marked))
                buf = []
            if not buf:
                start, marked = at, bool(_MARKER.match(line))
            if line.strip() or buf:
                buf.append(line)
            at += len(line) + 1
        if buf:
            units.append(_Unit(chunk, "\n".join(buf), start, marked))
    return [u for u in units if u.text.strip()]


def records_decision(text: str) -> bool:
    """Whether `text` prints a decision as minutes and decision records do ("RESOLVED that ...", "Decision:"),
    whatever paper it is in: a ModernGov agenda page saved after its meeting prints each item's decision."""
    return _MID_OPENER.search(text) is not None
