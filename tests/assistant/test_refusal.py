"""Refusal rules that need no model: what the retrieved passages can and cannot vouch for."""

from __future__ import annotations

from assistant.question import profile
from assistant.refusal import RefusalPolicy
from assistant.scope import councils_named, speaking_for
from assistant.scoring import ScoredUnit
from assistant.types import Source
from ingest.models import Chunk
from ingest.units import split_units
from tests.conftest import make_chunk

DECISION = "What did Cabinet decide at its 11 June 2024 meeting about the library hubs?"


def source(n: int, doc_type: str, meeting_date: str) -> Source:
    text = "Cabinet is asked to agree the Community Hubs Programme for the nine libraries."
    return Source(n, make_chunk(f"doc{n:013d}", n, text, "1.1", doc_type=doc_type, meeting_date=meeting_date), 1.0)


def test_a_meeting_s_decision_needs_its_minutes_or_a_later_paper() -> None:
    policy = RefusalPolicy()
    question = profile(DECISION)
    assert question.meeting == "2024-06-11" and question.asks_outcome
    # The report and agenda to the meeting were written before it: they cannot say what it decided.
    before = [source(1, "report", "2024-06-11"), source(2, "agenda", "2024-06-11"), source(3, "minutes", "2024-05-14")]
    assert policy.unrecorded_meeting(question, before) == "2024-06-11"
    assert policy.unrecorded_meeting(question, [*before, source(4, "minutes", "2024-06-11")]) == ""
    assert policy.unrecorded_meeting(question, [*before, source(5, "report", "2024-09-10")]) == ""


def test_what_went_to_a_meeting_can_come_from_its_agenda() -> None:
    question = profile("Which reports went to Cabinet at its 11 June 2024 meeting?")
    assert question.meeting == "2024-06-11" and not question.asks_outcome
    assert RefusalPolicy().unrecorded_meeting(question, [source(1, "agenda", "2024-06-11")]) == ""
    # What a report asked a meeting to approve, whether it was a key decision, what an inspection's outcome
    # was or what changed: none asks what the meeting decided.
    for text in ("What did the report to Cabinet at its 11 June 2024 meeting ask the Cabinet Member to approve?",
                 "Who wrote the May 2008 Executive report, and was it a key decision?",
                 "Compare Birmingham's overall outcome at the spring 2014 inspection with December 2018.",
                 "Did the date for the exemption policy change between the January 2026 and February 2026 plans?"):
        assert not profile(text).asks_outcome, text


def _passage(n: int, text: str, council: str = "", meeting_date: str = "") -> Source:
    return Source(n, make_chunk(f"doc{n:013d}", n, text, "2.1", council=council, meeting_date=meeting_date), 1.0)


def test_the_passages_an_answer_cites_must_speak_for_its_place_and_year() -> None:
    policy = RefusalPolicy()
    grade = profile("What grade did Ofsted give Gloucester City Council's children's services in 2022?")
    county = _passage(1, "Children's services were judged to require improvement to be good.",
                      council="Gloucestershire County Council", meeting_date="2022-04-01")
    # A county whose name begins with the city's is not the city.
    assert "Gloucester" in policy.unsupported_by(grade, [county])
    city = _passage(2, "Gloucester City Council's services were judged good in 2022.",
                    council="Gloucester City Council")
    assert policy.unsupported_by(grade, [city]) == ""
    # A paper of another year that never names the year asked about does not answer for it.
    later = _passage(3, "Gloucester City Council's services were judged good.", meeting_date="2024-03-01")
    assert "2022" in policy.unsupported_by(grade, [later])
    # A comparison may be answered for one side: one of its places is enough.
    compare = profile("How do Norfolk's and Knowsley's care leaver services compare?")
    norfolk = _passage(4, "Care leavers in Norfolk are well supported.", council="Norfolk County Council")
    knowsley = _passage(5, "Care leavers have personal advisers.", council="Knowsley Council")
    assert policy.unsupported_by(compare, [norfolk], retrieved=[norfolk, knowsley]) == ""
    # A name that is no place compared must be in the cited passages.
    named = profile("What did Norfolk's Staying Close pilot achieve?")
    assert "Staying Close" in policy.unsupported_by(named, [norfolk], retrieved=[norfolk])


def test_a_figure_asked_for_must_be_in_the_answer() -> None:
    question = profile("How many posts are in the new finance team structure?")
    used = [_passage(1, "The recommended new structure for the Finance Team in Appendix 2 be noted.")]
    assert "figure" in RefusalPolicy().unsupported_by(question, used, "The new structure be noted [1].")
    assert RefusalPolicy().unsupported_by(question, used, "The structure has 14 posts [1].") == ""


def test_a_date_named_must_be_in_a_cited_passage_or_be_its_meeting() -> None:
    question = profile("How many approved fostering households did Kent have on 31 March 2025?")
    assert question.dates == ["2025-03-31"]
    december = _passage(1, "As of 31st December 2024, there were 613 approved households.",
                        council="Kent County Council", meeting_date="2025-01-30")
    assert "31 March 2025" in RefusalPolicy().unsupported_by(question, [december], "There were 613 [1].")
    march = _passage(2, "At 31 March 2025 there were 620 approved households.", council="Kent County Council",
                     meeting_date="2025-06-01")
    assert RefusalPolicy().unsupported_by(question, [march], "There were 620 [1].") == ""


def test_a_may_meeting_is_a_meeting() -> None:
    question = profile("What did the committee decide at its 15 May 2025 meeting about parking?")
    assert question.meeting == "2025-05-15"
    assert "15 May 2025" in RefusalPolicy().unsupported_by(
        question, [_passage(1, "The committee agreed the parking plan.", meeting_date="2025-10-23")])


def test_a_month_named_must_be_spoken_for_by_a_cited_passage() -> None:
    question = profile("How many children were looked after by Kent in January 2019?")
    assert question.months == ["2019-01"] and question.dates == []
    later = _passage(1, "At 31 March 2019, 1,620 children were looked after.", council="Kent County Council",
                     meeting_date="2019-06-01")
    assert "January 2019" in RefusalPolicy().unsupported_by(question, [later], "1,620 children [1].")
    named = _passage(2, "In January there were 1,598 looked after children, down from 1,650 in 2018.",
                     council="Kent County Council", meeting_date="2019-03-12")
    assert RefusalPolicy().unsupported_by(question, [named], "1,598 children [1].") == ""
    dated = _passage(3, "On 14 January 2019, 1,601 children were looked after.", council="Kent County Council",
                     meeting_date="2019-06-01")
    assert RefusalPolicy().unsupported_by(question, [dated], "1,601 children [1].") == ""
    # A month that is the meeting asked about is checked as the meeting, not twice.
    assert profile("What did Cabinet decide at its July 2023 meeting?").months == []
    assert profile("What did Cabinet decide on 4 March 2025?").months == []


def test_a_body_asked_for_must_be_named_in_the_answer() -> None:
    assert "organisation" in profile("Which two neighbouring councils does Kent work with on adoption?").asks
    question = profile("Which company carried out the Bristol feasibility study?")
    assert "organisation" in question.asks
    used = [_passage(1, "A feasibility study for a WPL scheme was commissioned in 2023.",
                     council="Bristol City Council")]
    assert "name" in RefusalPolicy().unsupported_by(question, used, "A feasibility study was commissioned [1].")
    by = [_passage(2, "Steer carried out the feasibility study for Bristol City Council in 2023.",
                   council="Bristol City Council")]
    assert RefusalPolicy().unsupported_by(question, by, "Steer carried out the feasibility study [1].") == ""


def test_the_holder_of_a_role_asked_for_must_be_named_in_the_answer() -> None:
    """A question naming the role ("who chairs", "the name of the Compliance and Fraud Officer") is answered by
    the person holding it, not by the role echoed back; a two-part question may be answered in part."""
    for asked in ("What is the name of the director of children's services at Reading?",
                  "Who chairs the Stoke-on-Trent Safeguarding Partnership?",
                  "who is the lead officer on the WPL equality impact assessment?",
                  "Who were the inspectors for the January 2019 focused visit to Kent?"):
        assert "name" in profile(asked).asks and "organisation" not in profile(asked).asks, asked
    for asked in ("Who is responsible for approving the budget?", "Which officer will report back to Cabinet?"):
        assert "name" not in profile(asked).asks, asked
    question = profile("Who is the independent scrutineer for Halton's safeguarding partnership?")
    role = [_passage(1, "There is now a business manager in place and an independent scrutineer.",
                     council="Halton Borough Council")]
    assert "name" in RefusalPolicy().unsupported_by(question, role, "There is now an independent scrutineer [1].")
    named = [_passage(2, "The independent scrutineer, Jane Fortune, reported to the partnership in May.",
                      council="Halton Borough Council")]
    answer = "The independent scrutineer, Jane Fortune, reported to the partnership in May [1]."
    assert RefusalPolicy().unsupported_by(question, named, answer) == ""
    # A capitalised pair that the papers also write in lower case, or that the question names, is no person.
    place = profile("Who chairs the Stoke-on-Trent Safeguarding Partnership?")
    partnership = [_passage(3, "The Stoke-on-Trent Safeguarding Partnership meets monthly; safeguarding is shared.",
                            council="Stoke-on-Trent City Council")]
    assert "name" in RefusalPolicy().unsupported_by(place, partnership, partnership[0].chunk.text + " [1]")
    two_parts = profile("Until when is the consultation open, and who chairs the new business board?")
    dated = [_passage(4, "The consultation was open until 10 April 2026.", council="West of England")]
    assert RefusalPolicy().unsupported_by(two_parts, dated, "The consultation was open until 10 April 2026 [1].") == ""


def test_an_estimated_cost_asked_for_needs_a_figure() -> None:
    for asked in ("What is the estimated cost of the independent review?", "What was the total budget for it?",
                  "What is the maximum combined budget envelope for cycle hangars?"):
        assert "money" in profile(asked).asks, asked
    assert "quantity" in profile("What net surplus did bus lane enforcement make?").asks
    question = profile("What is the estimated cost of the independent review of the trial?")
    used = [_passage(1, "We will share the final costs of the independent review when confirmed.",
                     council="Bristol City Council")]
    assert "figure" in RefusalPolicy().unsupported_by(question, used, used[0].chunk.text + " [1]")


def test_names_are_read_as_a_reader_would() -> None:
    """A possessive ends a name ("Kent's EHC plans" names Kent and EHC); an acronym's plural is the acronym;
    an acronym is mentioned where its words are written out."""
    from assistant.mentions import mentions

    assert profile("What proportion of Kent's EHC plans were issued within 20 weeks?").names == ["Kent", "EHC"]
    assert mentions("HMIs", "Her Majesty's Inspectors for this visit were Alison Smale and John Roughton.", [])
    assert mentions("LSCB", "The Local Safeguarding Children Board has improved its audit work.", [])
    assert not mentions("LSCB", "The local board has improved its audit work.", [])
    assert not mentions("HMIs", "Inspectors for this visit were named in the letter.", [])


def test_an_acronym_typed_by_a_user_is_mentioned_where_the_papers_write_it_out() -> None:
    """Users type acronyms the papers spell out, joining words and lower case included; a name of several
    words may hold one ("WPL EqIA"); a slash joins alternatives ("LD/physical disability")."""
    from assistant.mentions import mentions

    assert mentions("PCC", "The Police and Crime Commissioner has not responded to the consultation.", [])
    assert mentions("EqIA", "The Equality Impact Assessment was reviewed in September 2025.", [])
    assert mentions("DA", "1,287 police notifications of domestic abuse had not been screened.", [])
    assert mentions("P&D", "served by approximately 70 Solar Powered Pay and Display Machines", [])
    assert mentions("WPL EqIA", "WPL: the Equality Impact Assessment of the levy.", [])
    assert mentions("WECA O&S", "The WECA Overview and Scrutiny Committee met on 23 March 2026.", [])
    assert profile("young adults with LD/physical disability").names == ["LD"]
    # A department's acronym gives its small word as a lower-case letter.
    assert mentions("DfT", "Bus grant funding reduction from the Department for Transport from 2025 to 2026", [])
    assert mentions("MoJ", "The Ministry of Justice has published the figures.", [])
    assert not mentions("DfT", "Do fine Tuesday mornings suit?", [])
    # Not any two words with those initials: joining words and short words do not spell an acronym.
    assert not mentions("DA", "The details about the data were circulated.", [])
    assert not mentions("DA", "Do as the report says.", [])
    assert not mentions("EqIA", "The impact assessment was reviewed.", [])
    assert not mentions("Bristol", "Brighton is on the coast.", [])


def test_the_kind_of_paper_is_abbreviated_without_its_council_s_place() -> None:
    """"Reading ILACS 2024 - ...": the report is titled "Inspection of Reading local authority children's
    services"; without the place its words spell ILACS. A focused visit's letter is no ILACS."""
    from assistant.mentions import mentions

    def passage(title: str) -> list[Chunk]:
        return [make_chunk("ofsted0000000001", 3, "Children are seen promptly.", "12", report_title=title)]

    inspection = passage("Inspection of Reading local authority children’s services")
    assert mentions("ILACS", "Children are seen promptly.", inspection)
    assert not mentions("ILACS", "Children are seen promptly.", passage("Focused visit to Reading children’s services"))


def test_a_quarter_asked_for_must_be_the_quarter_of_the_passages_used() -> None:
    """A Q3 monitoring report's overspend does not answer what was forecast at Quarter 1."""
    policy = RefusalPolicy()
    q3 = Source(1, make_chunk("kentq30000000001", 1, "The forecast revenue overspend is £23.3m (excluding schools).",
                              "3.2", report_title="Finance Monitoring Report - Quarter 3 2024-25",
                              council="Kent County Council", meeting_date="2025-03-04"), 1.0)
    answer = "The forecast revenue overspend is £23.3m (excluding schools) [1]."
    q1 = profile("What revenue overspend was KCC forecasting at Quarter 1 of 2024-25?")
    assert q1.quarters == {1}
    assert "Q1" in policy.unsupported_by(q1, [q3], answer)
    assert policy.unsupported_by(profile("What overspend was KCC forecasting in Q3 2024-25?"), [q3], answer) == ""


def test_a_month_s_decision_needs_that_month_s_minutes_or_a_later_paper() -> None:
    """"What did Cabinet decide in March 2024?" is asked of March 2024's meeting as "at its March 2024
    meeting" is: a report written for it cannot say what was decided."""
    question = profile("What did Devon's Cabinet decide in March 2024 about the Robins children's home?")
    assert question.months == ["2024-03"] and question.asks_outcome
    report = Source(1, make_chunk("doc0000000000001", 1, "Continuation is subject to Cabinet approval in March 2024.",
                                  "3.1", doc_type="report", meeting_date="2024-02-14"), 1.0)
    assert RefusalPolicy().unrecorded_meeting(question, [report]) == "2024-03"
    minutes = Source(2, make_chunk("doc0000000000002", 1, "RESOLVED that the Robins home stays open.", "12",
                                   doc_type="minutes", meeting_date="2024-03-13"), 1.0)
    assert RefusalPolicy().unrecorded_meeting(question, [report, minutes]) == ""


def test_what_names_the_paper_is_met_by_the_paper_not_the_passage() -> None:
    """"Under decision 24/00096, ..." and "the September 2025 assessment" choose a paper: its record number and
    its own date are printed on its cover, not in the paragraph that answers. A day is not met that way: a cover
    lists the days of later meetings too."""
    cover = make_chunk("eqia000000000001", 0, "Equality Impact Assessment. Decision 24/00096. Reviewed September 2025. "
                       "To go to Full Council on 29 January 2026.", "1", pages=[1])
    answer_chunk = make_chunk("eqia000000000001", 7, "Congestion costs the UK economy £7.7bn a year.", "5.2", pages=[4])
    chunks = {"eqia000000000001": [cover, answer_chunk]}
    policy = RefusalPolicy(papers=lambda doc, first_page: [c for c in chunks[doc] if not first_page or c.pages == [1]])
    used = [Source(1, answer_chunk, 1.0)]
    text = "Congestion costs the UK economy £7.7bn a year [1]."
    assert policy.unsupported_by(profile("Under decision 24/00096, what does congestion cost?"), used, text) == ""
    dated = profile("What does the September 2025 assessment say congestion costs?")
    assert policy.unsupported_by(dated, used, text) == ""
    assert "29 January 2026" in policy.unsupported_by(
        profile("What did the council decide on 29 January 2026 about congestion?"), used, text)
    assert "2019" in policy.unsupported_by(profile("What did the 2019 assessment say congestion costs?"), used, text)
    # Without the papers to read, the passage alone decides.
    assert "24/00096" in RefusalPolicy().unsupported_by(
        profile("Under decision 24/00096, what does congestion cost?"), used, text)


def test_a_question_another_council_s_paper_answers_far_better_is_refused() -> None:
    def scored(text: str, council: str, score: float) -> ScoredUnit:
        chunk = make_chunk(f"doc{len(council):013d}", 0, text, "3.1", council=council)
        return ScoredUnit(split_units(chunk)[0], Source(1, chunk, 1.0), score, score, False, score)

    councils = councils_named("When did Bristol City Council bring its parking enforcement in-house?")
    nottingham = scored("Since April 2012, Parking Enforcement has been managed in-house.",
                        "Nottingham City Council", 0.6)
    bristol = scored("In November 2021 Full Council passed a resolution to bring it before Full Council.",
                     "Bristol City Council", 0.35)
    policy = RefusalPolicy()
    ranked = [nottingham, bristol]
    reason = policy.answered_elsewhere(councils, ranked, speaking_for(councils, ranked))
    assert reason == "the papers answer this for Nottingham City Council, not for Bristol City Council"
    # Close behind the other council's sentence, the council's own may well answer.
    bristol.score = 0.5
    assert policy.answered_elsewhere(councils, ranked, speaking_for(councils, ranked)) == ""
    assert policy.answered_elsewhere(councils, [bristol, nottingham], [bristol]) == ""


def test_a_role_holder_asked_for_is_not_a_neighbouring_roles_holder() -> None:
    policy = RefusalPolicy()
    cover = _passage(1, "Inspection dates: 16 to 27 January 2023. Lead inspector: Tracey Ledder, His Majesty's "
                        "Inspector.", council="Bristol City Council", meeting_date="2023-01-27")
    answer = "Lead inspector: Tracey Ledder, His Majesty's Inspector [1]."
    deputy = profile("Who was the deputy lead inspector on the January 2023 inspection of Bristol's children's "
                     "services?")
    assert deputy.role == "deputy lead inspector"
    assert "deputy lead inspector" in policy.unsupported_by(deputy, [cover], answer)
    lead = profile("Who was the lead inspector on the January 2023 inspection of Bristol's children's services?")
    assert policy.unsupported_by(lead, [cover], answer) == ""
    # A holder printed under another label ("Ask for:") is not judged by the role's words; nor is a question of
    # two parts, or a role of time ("the new chair" asks for the chair).
    contact = profile("Who was the contact officer for the Cabinet meeting on 13 March 2025?")
    agenda = _passage(2, "Thursday, 13th March, 2025, at 3.00 pm. Ask for: Georgina Little.", meeting_date="2025-03-13")
    assert policy.unsupported_by(contact, [agenda], "Ask for: Georgina Little [1].") == ""
    assert profile("Who's the contact officer for the March 2026 report, and who is the report from?").role == ""
    assert profile("Who is the new chair of Surrey's Child Death Overview Panel?").role == "chair"


def test_a_count_asked_for_must_be_a_count_of_what_is_asked() -> None:
    policy = RefusalPolicy()
    question = profile("How many of Bristol's licensed private hire vehicles are fully electric?")
    options = _passage(1, "The Citywide area is one of the three geographic options being considered.",
                       council="Bristol City Council")
    answer = "The Citywide area is one of the three geographic options being considered [1]."
    assert "not about what is asked" in policy.unsupported_by(question, [options], answer)
    fleet = _passage(2, "Of the licensed private hire vehicles, 17 are fully electric and 893 are hybrid.",
                     council="Bristol City Council")
    assert policy.unsupported_by(question, [fleet], "17 are fully electric and 893 are hybrid [2].") == ""
    # a terse answer is read with the cited sentence that prints its figure
    assert policy.unsupported_by(question, [fleet], "There are 17 [2].") == ""
    # a question in parts may be answered in part
    parts = profile("Does Bristol license private hire vehicles? Where is the office and how many are electric?")
    assert policy.unsupported_by(parts, [options], answer) == ""


def test_an_answer_about_another_financial_year_is_no_answer() -> None:
    policy = RefusalPolicy()
    used = [_passage(1, "The Board's 2012–13 annual report was published in May 2014.", council="Knowsley Council")]
    question = profile("When did Knowsley's safeguarding children board publish its 2013-14 annual report?")
    answer = "The 2012–13 annual report was published in May 2014 [1]."
    assert "2012-13" in policy.unsupported_by(question, used, answer)
    asked = profile("When did Knowsley's safeguarding children board publish its 2012/13 annual report?")
    assert policy.unsupported_by(asked, used, answer) == ""
    # A year printed as the baseline of a change is not what the answer is about.
    visits = [_passage(2, "Over 771,600 visits to Kent’s Libraries took place in Quarter 3, a 4% increase on the "
                          "same period in 2023/24.", council="Kent County Council")]
    q3 = profile("How many visits did Kent's libraries have in Quarter 3 of 2024/25?")
    assert policy.unsupported_by(q3, visits, visits[0].chunk.text + " [1]") == ""


def test_a_body_echoed_from_the_question_is_no_name() -> None:
    # "Devon" is not "North Devon", but it names no one the question did not: no organisation is given.
    question = profile("Which organisation runs the North Devon surf club that officers mentioned?")
    text = "Children will be able to access all of Devon, e.g. a surf club in North Devon gives access to the sea."
    used = [_passage(1, text, council="Devon County Council")]
    assert "name" in RefusalPolicy().unsupported_by(question, used, f"{text} [1]")
    named = [_passage(2, "The Wave Project runs the surf club in North Devon.", council="Devon County Council")]
    assert RefusalPolicy().unsupported_by(question, named, named[0].chunk.text + " [1]") == ""


def test_a_quarterly_reports_figure_is_about_the_year_in_its_title() -> None:
    # The answer names no year; the report it cites is Quarter 3 2024/25's, not the 2023/24 asked for.
    chunk = make_chunk("doc0000000000009", 9, "Average call handling time at Contact Point was 6 minutes 26 seconds.",
                       "2.1", council="Kent County Council", meeting_date="2025-03-13",
                       report_title="Quarterly Performance Report, Quarter 3 2024/25")
    used = [Source(1, chunk, 1.0)]
    answer = "Average call handling time at Contact Point was 6 minutes 26 seconds [1]."
    earlier = profile("What was the average call handling time at Kent's Contact Point in Quarter 3 of 2023/24?")
    assert "2024-25" in RefusalPolicy().unsupported_by(earlier, used, answer)
    asked = profile("What was the average call handling time at Kent's Contact Point in Quarter 3 of 2024/25?")
    assert RefusalPolicy().unsupported_by(asked, used, answer) == ""


def test_a_passage_of_the_meeting_that_prints_its_decision_records_it() -> None:
    # A ModernGov "Agenda, decisions and minutes" page saved after the meeting is typed as an agenda, but each
    # item prints what was decided.
    question = profile(DECISION)
    page = make_chunk("doc0000000000009", 9, "Library hubs. Decision: RESOLVED that the Community Hubs Programme be "
                      "approved.", "7", doc_type="agenda", meeting_date="2024-06-11")
    assert RefusalPolicy().unrecorded_meeting(question, [Source(9, page, 1.0)]) == ""
    assert RefusalPolicy().unrecorded_meeting(question, [source(2, "agenda", "2024-06-11")]) == "2024-06-11"


def test_a_question_no_sentence_comes_near_in_meaning_is_refused() -> None:
    # "Are there plans to build a skate park?" shares words with a resident's statement, never its meaning
    chunk = make_chunk("doc0000000000001", 0, "No plan is ever perfect, and I support further planning.", "3.1")
    unit = split_units(chunk)[0]
    source_ = Source(1, chunk, 1.0)
    question = profile("Are there any plans to build a skate park?")
    policy = RefusalPolicy()
    far = ScoredUnit(unit, source_, semantic=0.31, lexical=0.9, typed=False, score=0.45)
    assert "near the question's meaning" in policy.assess(question, [source_], [far]).reason
    near = ScoredUnit(unit, source_, semantic=0.55, lexical=0.9, typed=False, score=0.45)
    assert "meaning" not in policy.assess(question, [source_], [near]).reason
