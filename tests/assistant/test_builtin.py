"""Sentence selection of the built-in answerer, on hand-made scores (no model needed)."""

from __future__ import annotations

from assistant.builtin import BuiltinAnswerer
from assistant.question import profile
from assistant.scoring import ScoredUnit
from assistant.types import Source
from ingest.units import split_units
from tests.conftest import make_chunk

PARA = ("3.1.1 There is an active temp to perm conversion project in progress with agency workers. "
        "Seventeen meetings have taken place to date with a further 24 scheduled. "
        "The regional pay cap will be implemented by the summer of 2024.")
OTHER = "4.1 Recruitment of foster carers remains a priority for the county."


def scored(question: str, scores: dict[str, float], kinds: dict[str, set[str]] | None = None) -> list[ScoredUnit]:
    """Units of two passages with the given scores (by the start of their text)."""
    sources = [Source(1, make_chunk("d000000000000001", 0, PARA, "3.1.1"), 0.9),
               Source(2, make_chunk("d000000000000002", 0, OTHER, "4.1", report_title="Fostering"), 0.5)]
    result = []
    for source in sources:
        for unit in split_units(source.chunk):
            key = next((k for k in scores if unit.text.startswith(k)), None)
            if key is None:
                continue
            unit_kinds = (kinds or {}).get(key, set())
            result.append(ScoredUnit(unit, source, 0.5, 0.2, bool(unit_kinds), scores[key], {key.lower()}, unit_kinds))
    return sorted(result, key=lambda s: s.score, reverse=True)


def test_the_figure_asked_for_is_added_from_the_next_sentence() -> None:
    question = profile("How is the push to make agency workers permanent going: how many meetings have happened?")
    ranked = scored(question.text, {"There is an active": 0.6, "Seventeen": 0.35, "Recruitment": 0.5},
                    kinds={"Seventeen": {"count"}})
    draft = BuiltinAnswerer().compose(question, [], ranked)
    assert draft.text.startswith("There is an active temp to perm conversion project")
    assert "Seventeen meetings have taken place to date with a further 24 scheduled [1]." in draft.text


def test_the_next_sentence_stating_a_figure_asked_for_follows_the_best_one() -> None:
    question = profile("How is the temp to perm project going: how many meetings have happened?")
    ranked = scored(question.text, {"There is an active": 0.6, "Seventeen": 0.34, "Recruitment": 0.55},
                    kinds={"There is an active": {"count"}, "Seventeen": {"count"}})
    draft = BuiltinAnswerer().compose(question, [], ranked)
    assert "Seventeen meetings have taken place" in draft.text


def test_each_place_of_a_comparison_gets_the_figure_asked_for() -> None:
    question = profile("How does Staffordshire's rate of children in care per 10,000 compare with Devon's?")
    staffs = make_chunk("s000000000000001", 0, "Staffordshire's rate is 81 per 10,000.", None,
                        council="Staffordshire County Council")
    devon = make_chunk("d000000000000009", 0,
                       "Devon has opened three new children's homes this year. Devon's rate is 58 per 10,000.",
                       None, council="Devon County Council")
    sources = [Source(1, staffs, 0.9), Source(2, devon, 0.8)]
    units = [(u, s) for s in sources for u in split_units(s.chunk)]
    scores = {"Staffordshire's rate": 0.6, "Devon has": 0.55, "Devon's rate": 0.4}
    ranked = sorted((ScoredUnit(u, s, 0.5, 0.2, u.text.endswith("10,000."), scores[k], {k.split()[0].lower()},
                                {"proportion"} if "per 10,000" in u.text else set())
                     for u, s in units for k in scores if u.text.startswith(k)), key=lambda x: -x.score)
    draft = BuiltinAnswerer().compose(question, sources, ranked)
    assert "Devon's rate is 58 per 10,000" in draft.text


def test_a_comparison_reads_the_other_places_grade_from_its_own_paper() -> None:
    # Knowsley's row names neither Knowsley nor anything the Norfolk row lacks but its grade: it is still
    # Knowsley's side of the comparison, and not a repeat of Norfolk's row.
    question = profile("How do Ofsted's views of care leaver services differ between Norfolk and Knowsley?")
    table = "Judgement\tGrade\nThe experiences and progress of {}care leavers\t{}"
    norfolk = make_chunk("n000000000000001", 0, table.format("children in care and ", "Good"), None,
                         council="Norfolk County Council", report_title="Inspection of Norfolk children's services")
    knowsley = make_chunk("k000000000000001", 0, table.format("", "Inadequate"), None,
                          council="Knowsley Council", report_title="Inspection of Knowsley children's services")
    more = make_chunk("n000000000000001", 1, "Services and practice in Norfolk have been transformed. "
                      "Significant improvements have been made in services for children in Norfolk. "
                      "Leaders in Norfolk have a clear understanding of their services.", None,
                      council="Norfolk County Council")
    named = make_chunk("k000000000000001", 1, "Although leaders describe Knowsley as improving, little has changed.",
                       None, council="Knowsley Council")
    sources = [Source(1, norfolk, 0.9), Source(2, more, 0.8), Source(3, knowsley, 0.7), Source(4, named, 0.6)]
    scores = {"The experiences and progress of children": 0.45, "Services": 0.43, "Significant": 0.42,
              "The experiences and progress of care": 0.41, "Leaders": 0.40, "Although": 0.405}
    ranked = sorted((ScoredUnit(u, s, 0.5, 0.2, False, scores[k], {"care", "leaver"} | {k.split()[0].lower()}
                                | ({"knowsley"} if "Knowsley" in u.text else set()))
                     for s in sources for u in split_units(s.chunk) for k in scores if u.text.startswith(k)),
                    key=lambda x: -x.score)
    draft = BuiltinAnswerer().compose(question, sources, ranked)
    assert "care leavers (Grade: Inadequate)" in draft.text and "(Grade: Good)" in draft.text


def test_a_sentence_pointing_back_brings_the_sentence_before_it() -> None:
    question = profile("What happened to Birmingham's finances and how had frontline services fared?")
    text = ("There have been significant changes within Birmingham City Council (BCC). "
            "BCC has issued a section 114 notice due to insurmountable financial pressures. "
            "Despite these challenges, vulnerable children have been prioritised and frontline services protected.")
    other = ("Ofsted will take the findings into account. Leaders know their services well. "
             "Managers oversee practice. Social workers visit children regularly.")
    sources = [Source(1, make_chunk("b000000000000001", 0, text, None), 0.9),
               Source(2, make_chunk("b000000000000002", 0, other, None), 0.8)]
    scores = {"There have": 0.45, "BCC has": 0.20, "Despite": 0.40, "Ofsted": 0.44, "Leaders": 0.43,
              "Managers": 0.42, "Social": 0.41}
    ranked = sorted((ScoredUnit(u, s, 0.5, 0.2, False, scores[k], {k.split()[0].lower()})
                     for s in sources for u in split_units(s.chunk) for k in scores if u.text.startswith(k)),
                    key=lambda x: -x.score)
    draft = BuiltinAnswerer().compose(question, sources, ranked)
    assert "BCC has issued a section 114 notice" in draft.text
    assert draft.text.index("section 114") < draft.text.index("Despite these challenges")
    assert draft.text.count("[") <= 5


def test_reading_order_markers_and_quotes() -> None:
    question = profile("What is happening with agency workers and foster carers?")
    ranked = scored(question.text, {"Recruitment": 0.7, "The regional pay cap": 0.65, "There is an active": 0.66})
    draft = BuiltinAnswerer().compose(question, [], ranked)
    sentences = draft.text.split("]. ")
    assert sentences[0].startswith("Recruitment of foster carers") and sentences[0].endswith("[2")
    assert sentences[1].startswith("There is an active") and sentences[2].startswith("The regional pay cap")
    assert draft.quotes[1] == ["There is an active temp to perm conversion project in progress with agency workers.",
                               "The regional pay cap will be implemented by the summer of 2024."]


def test_never_more_than_five_sentences() -> None:
    question = profile("Tell me all about agency workers, meetings and pay caps in Devon and Kent in 2023 and 2024")
    ranked = scored(question.text, {"There is an active": 0.6, "Seventeen": 0.59, "The regional pay cap": 0.58,
                                    "Recruitment": 0.57})
    chosen = BuiltinAnswerer(max_sentences=3).select(question, ranked)
    assert 1 <= len(chosen) <= 3


def test_each_part_of_a_question_in_parts_gets_its_sentence() -> None:
    from assistant.question import question_parts

    question = profile("KMBF loans - how many pre-applications came in, and what share were declined?")
    assert question_parts(question.text) == ["KMBF loans - how many pre-applications came in",
                                             "what share were declined"]
    text = ("Since reopening, KMBF received 306 pre-applications. The fund is managed by the council. "
            "Loans range from £50,000 to £500,000. The fund opened in 2017. Of those, 41% were declined.")
    source = Source(1, make_chunk("k000000000000001", 0, text, None), 0.9)
    scores = {"Since": 0.70, "The fund is": 0.62, "Loans": 0.61, "Of those": 0.36, "The fund opened": 0.60}
    terms = {"Since": {"kmbf", "pre-appl"}, "The fund is": set(), "Loans": set(), "Of those": {"declin"},
             "The fund opened": set()}
    kinds = {"Since": {"count"}, "Of those": {"proportion"}}
    ranked = sorted((ScoredUnit(u, source, 0.5, 0.2, k in kinds, scores[k], terms[k], kinds.get(k, set()))
                     for u in split_units(source.chunk) for k in scores if u.text.startswith(k)),
                    key=lambda s: s.score, reverse=True)
    draft = BuiltinAnswerer().compose(question, [source], ranked)
    assert "306 pre-applications" in draft.text and "41% were declined" in draft.text


def test_context_sentences_widen_the_answer_but_not_its_grounds() -> None:
    question = profile("How is the temp to perm project going, and what about foster carer recruitment?")
    ranked = scored(question.text, {"There is an active": 0.6, "Recruitment": 0.45})
    no_context = BuiltinAnswerer(context_ratio=None)
    assert no_context.grounds(question, [], ranked) is None  # the answer is its own grounds
    assert "Recruitment of foster carers" not in no_context.compose(question, [], ranked).text
    answerer = BuiltinAnswerer(context_ratio=0.7)
    draft, grounds = answerer.compose(question, [], ranked), answerer.grounds(question, [], ranked)
    assert grounds is not None
    assert "Recruitment of foster carers" in draft.text and set(draft.quotes) == {1, 2}
    assert "Recruitment of foster carers" not in grounds.text and set(grounds.quotes) == {1}


def test_a_rival_passages_sentence_scoring_nearly_as_well_is_kept_though_it_adds_no_word() -> None:
    # The narrative and the budget table's row share every question word and the kind asked for; the row is the
    # answer the narrative only approaches, so it is kept although it brings nothing new by words.
    question = profile("What is the revenue budget for children's services?")
    narrative = make_chunk("f000000000000001", 0, "The children's services revenue budget is under pressure "
                           "of £9.9m this year.", "2.1")
    table = make_chunk("f000000000000002", 0, "Children, Young People & Education (Revenue Budget: 430.6; "
                       "Revenue Forecast: 420.8).", None)
    sources = [Source(1, narrative, 0.9), Source(2, table, 0.8)]
    scores = {"The children's": 0.60, "Children, Young": 0.57}
    ranked = sorted((ScoredUnit(u, s, 0.5, 0.2, True, scores[k], {"revenu", "budget", "children"}, {"money"})
                     for s in sources for u in split_units(s.chunk) for k in scores if u.text.startswith(k)),
                    key=lambda x: -x.score)
    draft = BuiltinAnswerer().compose(question, sources, ranked)
    assert "Revenue Budget: 430.6" in draft.text and "£9.9m" in draft.text


def test_a_sentence_introducing_a_list_is_quoted_with_its_items() -> None:
    """Items of a word or two ("early help") are too short to be units of their own; the lead-in means nothing
    without them. The prose line after the list is no item."""
    text = ("Progress on joint priorities is set out clearly. The BSCB strategic plan 2014-17 has three appropriate "
            "priorities:\n- voice of the child\n- early help\n- safe systems.\nThe strategic plan also details the "
            "reinstatement of a schools safeguarding sub-group, as only 63% of settings responded.")
    source = Source(1, make_chunk("b000000000000001", 0, text, "12"), 0.9)
    units = split_units(source.chunk)
    scores = {"The BSCB": 0.6, "voice of the child": 0.5, "Progress": 0.3, "The strategic plan also": 0.3}
    ranked = sorted((ScoredUnit(u, source, 0.5, 0.2, False, scores[k], {"priorities"})
                     for u in units for k in scores if u.text.startswith(k)), key=lambda s: s.score, reverse=True)
    question = profile("What were the three priorities of the BSCB strategic plan 2014-17?")
    draft = BuiltinAnswerer().compose(question, [source], ranked)
    assert ("The BSCB strategic plan 2014-17 has three appropriate priorities: voice of the child; early help; "
            "safe systems [1].") in draft.text
    assert "Voice of the child [1]" not in draft.text  # the item chosen on its own is inside its list's sentence
    quote = next(q for q in draft.quotes[1] if q.startswith("The BSCB"))
    assert quote.endswith("- safe systems.") and quote in text

