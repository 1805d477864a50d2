"""Briefing notes over a real store: the demo council's report, agenda and minutes, an appendix that prints
one of the report's figures differently, and a later meeting's report coming back to the topic."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assistant.briefing import (
    COMMITMENTS,
    DECISIONS,
    FACTS,
    HEADINGS,
    NO_COMMITMENTS,
    SECTION_HITS,
    TIMELINE,
    BriefCommitment,
    Briefing,
    BuiltinBriefingWriter,
    Evidence,
    _sections_read_whole,
    build_briefing,
    on_topic,
    part_names,
    places_named,
    topic_conflicts,
    topic_parts,
)
from assistant.briefing_conflicts import find_conflicts, row_amounts
from assistant.briefing_export import to_markdown, write_docx
from assistant.builtin import BuiltinAnswerer
from assistant.figures import find_figures
from assistant.question import profile
from assistant.scoring import ScoredUnit
from assistant.service import Assistant
from assistant.types import Citation, Source
from assistant.verify import check_figures
from ingest.units import split_units
from tests.assistant.conftest import EXAMPLES, open_store
from tests.conftest import make_chunk
from vectorstore.filters import SearchFilters
from vectorstore.loader import ingest_files
from vectorstore.search import HybridSearcher, SearchHit

TOPIC = "Community Hubs Programme"

APPENDIX = (
    "# Appendix A: Community Hubs Programme financial summary\n\nWexcombe Borough Council\n\n"
    "To: Cabinet - 11 June 2024\n\n### A1. Costs of the programme\n\n"
    "A1.1 The capital works (repairs and refits) for the Community Hubs Programme are estimated at £1.35m over the "
    "three years to 2026-27.\n\n"
    "A1.2 Staff training for the community hubs will be delivered by the Head of Libraries and Culture before the "
    "first hubs open.\n"
)

LATER = (
    "# Community Hubs Programme: progress and consultation results\n\nWexcombe Borough Council\n\n"
    "To: Cabinet - 12 November 2024\n\nReport of the Director of Communities\n\n### 1. Progress\n\n"
    "1.1 The Libraries Improvement Fund bid for the Community Hubs Programme was submitted on 28 August 2024.\n\n"
    "1.2 The public consultation on library opening hours received 1,904 responses, and 83% of respondents "
    "supported keeping Saturday opening at every library.\n\n"
    "1.3 Building work on the Northgate and Eastfield community hubs started in October 2024 and both hubs remain "
    "on course to open in April 2025.\n"
)


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory, embeddings) -> Assistant:  # type: ignore[no-untyped-def]
    papers = tmp_path_factory.mktemp("papers")
    for paper in EXAMPLES.iterdir():
        shutil.copy(paper, papers / paper.name)
    (papers / "2024-06-11 Wexcombe Cabinet - Community Hubs Appendix A.md").write_text(APPENDIX)
    (papers / "2024-11-12 Wexcombe Cabinet - Community Hubs progress report.md").write_text(LATER)
    store = open_store(tmp_path_factory.mktemp("brief-store"), embeddings)
    summary = ingest_files(store, [papers])
    assert summary.ok and summary.count("ingested") == 5, summary
    return Assistant(HybridSearcher(store), BuiltinAnswerer())


@pytest.fixture(scope="module")
def note(assistant: Assistant) -> Briefing:
    return build_briefing(assistant, TOPIC)


def _section(note: Briefing, heading: str) -> list[str]:
    return [s.with_markers() for sec in note.sections if sec.heading == heading for s in sec.sentences]


def test_sections_in_order_and_every_sentence_cited(note: Briefing) -> None:
    assert [s.heading for s in note.sections] == list(HEADINGS)
    sentences = [s for sec in note.sections for s in sec.sentences]
    assert len(sentences) >= 8
    cited: set[int] = set()
    for sentence in sentences:
        assert sentence.markers, sentence.text
        assert all(1 <= m <= len(note.sources) for m in sentence.markers)
        cited.update(sentence.markers)
    # sources are numbered 1..m by first use and each is cited
    assert [s.n for s in note.sources] == list(range(1, len(note.sources) + 1))
    assert cited == set(range(1, len(note.sources) + 1))
    first_use = [m for s in sentences for m in s.markers]
    assert list(dict.fromkeys(first_use)) == sorted(dict.fromkeys(first_use))


def test_every_figure_is_printed_in_a_cited_passage(note: Briefing) -> None:
    by_n = {s.n: s for s in note.sources}
    checked = 0
    for sec in note.sections:
        for sentence in sec.sentences:
            citations = [Citation(i, by_n[m].chunk, 0.0) for i, m in enumerate(sentence.markers, start=1)]
            plain = sentence.text
            for m in sentence.markers:
                plain = plain.replace(f"[{m}]", "")
            assert check_figures(plain, citations, list(range(1, len(citations) + 1))) is None, sentence.text
            checked += bool(find_figures(plain))
    assert checked >= 3
    assert not note.flagged


def test_sources_give_report_paragraph_committee_and_date(note: Briefing) -> None:
    data = note.to_json()
    for source in data["sources"]:
        assert source["title"] and source["committee"] == "Cabinet"
        assert source["meeting_date"] in ("2024-06-11", "2024-11-12")
        assert source["label"].startswith(source["title"])
    report = [s for s in data["sources"] if s["title"].startswith("Future of the Library Service")]
    assert report and all(s["paragraph"] for s in report)  # every report passage cited by its paragraph


def test_gathers_across_papers_and_meetings(note: Briefing) -> None:
    files = {s.chunk.file_name for s in note.sources}
    assert any("minutes" in f for f in files) and any("report" in f for f in files)
    assert any(f.startswith("2024-11-12") for f in files)  # the later meeting coming back to the topic
    decisions = _section(note, DECISIONS)
    assert any("Community Hubs Programme be approved" in d and d.startswith("Cabinet, 11 June 2024") for d in decisions)
    timeline = _section(note, TIMELINE)
    june = next(i for i, t in enumerate(timeline) if t.startswith("11 June 2024"))
    november = next(i for i, t in enumerate(timeline) if t.startswith("12 November 2024"))
    assert june < november


def test_conflicting_figures_across_two_papers_are_both_cited(note: Briefing) -> None:
    capital = [c for c in note.conflicts if {v for v, _ in c.values} >= {"£1.2m", "£1.35m"}]
    assert len(capital) == 1, note.conflicts
    numbers = [n for _, n in capital[0].values]
    files = {note.sources[n - 1].chunk.file_name for n in numbers}
    assert len(files) == 2  # the report and its appendix
    assert "capital works" in capital[0].about
    sentence = next(s for s in _section(note, FACTS) if "£1.35m" in s)
    assert "£1.2m" in sentence and all(f"[{n}]" in sentence for n in numbers)
    json_conflict = next(c for c in note.to_json()["conflicts"] if c["about"] == capital[0].about)
    assert {v["value"] for v in json_conflict["values"]} >= {"£1.2m", "£1.35m"}


def _units(doc: str, ordinal: int, text: str, para: str, **meta: str):  # type: ignore[no-untyped-def]
    chunk = make_chunk(doc, ordinal, text, para, **meta)
    return [(u, chunk) for u in split_units(chunk)]


def test_no_conflict_for_different_quantities_or_periods() -> None:
    units = [
        *_units("report", 1, "2.2 The library service budget for 2024-25 is £2.41m.", "2.2"),
        *_units("later", 1, "3.1 The library service budget for 2025-26 is £2.6m.", "3.1"),  # another year
        *_units("report", 2, "5.1 Closing Northgate and Eastfield libraries would save £290,000 a year.", "5.1"),
        *_units("report", 3, "6.1 The programme delivers the full £380,000 of savings required by 2026-27.", "6.1"),
        *_units("minutes", 1, "(3) The council would borrow the £400,000 at a revenue cost of £32,000 a year.", "3"),
    ]
    assert find_conflicts(units) == []


def test_conflict_for_the_same_quantity_printed_twice() -> None:
    units = [
        *_units("report", 1, "2.2 The library service budget for 2024-25 is £2.41m.", "2.2"),
        *_units("appendix", 1, "A2 The library service budget for 2024-25 is £2.45m.", "A2"),
        *_units("minutes", 1, "(1) The library service budget for 2024-25 is £2.41m as reported.", "1"),
    ]
    conflicts = find_conflicts(units)
    assert len(conflicts) == 1
    assert sorted(s.text for s in conflicts[0].stated) == ["£2.41m", "£2.45m"]
    assert not conflicts[0].rounding


def test_conflicts_are_read_among_the_sentences_on_the_topic() -> None:
    def scored(doc: str, text: str, score: float) -> ScoredUnit:
        chunk = make_chunk(doc, 1, text, "1")
        return ScoredUnit(split_units(chunk)[0], Source(1, chunk, 0.9), 0.5, 0.2, False, score, set())

    ranked = [scored("report", "The library service budget for 2024-25 is £2.41m.", 0.8),
              scored("appendix", "The library service budget for 2024-25 is £2.45m.", 0.7),
              # A survey table read with its section, far from the topic: its percentages are not the topic's.
              scored("survey", "Respondents who drive to work: 32%.", 0.1),
              scored("survey2", "Respondents who drive to work: 39%.", 0.1)]
    evidence = Evidence("Wexcombe finances", profile("Wexcombe finances"), [], ranked, [], [], 0.8)
    [conflict] = topic_conflicts(evidence)
    assert sorted(s.text for s in conflict.stated) == ["£2.41m", "£2.45m"]
    assert len(find_conflicts((s.unit, s.source.chunk) for s in ranked)) == 2


def test_rounding_is_reported_as_such() -> None:
    units = [
        *_units("minutes", 1, "(2) The committee allocated £4,999,000 from the clean air zone fund.", "2"),
        *_units("report", 1, "4.1 The committee allocated £5m from the clean air zone fund.", "4.1"),
    ]
    [conflict] = find_conflicts(units)
    assert conflict.rounding


def test_commitments_given_are_reported_with_status(assistant: Assistant) -> None:
    report = next(c for c in assistant.searcher.search("Libraries Improvement Fund bid 30 August 2024", 5)
                  if "4.4" in c.chunk.paragraph_ids).chunk
    item = BriefCommitment("The council will submit a bid of £400,000 to the Libraries Improvement Fund for the "
                           "Community Hubs Programme by 30 August 2024", "due", "by 30 August 2024", report)
    note = build_briefing(assistant, TOPIC, commitments=[item])
    [sentence] = [s for sec in note.sections if sec.heading == COMMITMENTS for s in sec.sentences]
    assert "status: due" in sentence.text
    assert note.sources[sentence.markers[0] - 1].chunk.chunk_id == report.chunk_id


def test_no_commitments_is_a_note_not_a_claim(assistant: Assistant) -> None:
    note = build_briefing(assistant, TOPIC, commitments=())
    [section] = [s for s in note.sections if s.heading == COMMITMENTS]
    assert section.sentences == [] and section.notes == [NO_COMMITMENTS]
    assert NO_COMMITMENTS not in note.text()


def test_filters_limit_the_note_and_are_recorded(assistant: Assistant) -> None:
    note = build_briefing(assistant, TOPIC, SearchFilters(date_from="2024-11-01"))
    assert note.sources and all(s.chunk.meeting_date == "2024-11-12" for s in note.sources)
    assert note.filters == {"date_from": "2024-11-01"}


def test_json_shape(note: Briefing) -> None:
    data = note.to_json()
    assert data["topic"] == TOPIC
    assert {"heading", "sentences"} <= set(data["sections"][0])
    assert {"text", "markers"} == set(data["sections"][0]["sentences"][0])
    assert {"n", "title", "paragraph", "page", "committee", "meeting_date", "label"} <= set(data["sources"][0])
    assert {"about", "values"} <= set(data["conflicts"][0])


def test_docx_has_title_filters_headings_and_references(assistant: Assistant, tmp_path: Path) -> None:
    from docx import Document

    note = build_briefing(assistant, TOPIC, SearchFilters(committee="Cabinet"))
    path = write_docx(note, tmp_path / "note.docx")
    paragraphs = [p.text for p in Document(str(path)).paragraphs]
    assert paragraphs[0] == f"Briefing note: {TOPIC}"
    assert any(p.startswith("Drafted: ") for p in paragraphs)
    assert "Filters: committee = Cabinet" in paragraphs
    for heading in [*HEADINGS, "Sources"]:
        assert heading in paragraphs
    first = note.sections[0].sentences[0].with_markers()
    assert first in paragraphs
    references = paragraphs[paragraphs.index("Sources") + 1:]
    assert len(references) == len(note.sources)
    for source, line in zip(note.sources, references, strict=True):
        assert line.startswith(f"[{source.n}] {source.label}.")


def test_markdown_matches_the_note(note: Briefing) -> None:
    md = to_markdown(note)
    assert md.startswith(f"# Briefing note: {TOPIC}\n")
    assert "Filters: none (all papers)" in md
    for sec in note.sections:
        assert f"## {sec.heading}" in md
        for s in sec.sentences:
            assert f"- {s.with_markers()}" in md
    assert f"[{len(note.sources)}] {note.sources[-1].label}." in md


def _inspection(place: str, grade: str, dates: str) -> str:
    return (f"Ofsted Piccadilly Gate Store Street Manchester M1 2WD T 0300 123 1231 enquiries@ofsted.gov.uk\n\n"
            f"Inspection of {place} local authority children’s services\nInspection dates: {dates}\n"
            f"Lead inspector: Jane Smith, His Majesty’s Inspector\n\n"
            f"Judgement\tGrade\nThe experiences and progress of children in care\t{grade}\n"
            f"Overall effectiveness\t{grade}\n\n"
            f"1. Leaders in {place} have strengthened the support for children in care since the last inspection "
            f"of children’s services, and caseloads for social workers are now manageable at 18 children each.\n\n"
            f"2. Since the focused visit in March 2021, leaders in {place} have reduced the number of children in "
            f"care waiting for a permanent home.\n")


@pytest.fixture(scope="module")
def two_councils(tmp_path_factory: pytest.TempPathFactory, embeddings) -> Assistant:  # type: ignore[no-untyped-def]
    papers = tmp_path_factory.mktemp("inspections")
    (papers / "bristol inspection.txt").write_text(_inspection("Bristol", "Good", "16 to 27 January 2023"))
    (papers / "birmingham inspection.txt").write_text(
        _inspection("Birmingham", "Requires improvement to be good", "9 to 20 January 2023"))
    store = open_store(tmp_path_factory.mktemp("inspections-store"), embeddings)
    assert ingest_files(store, [papers]).count("ingested") == 2
    return Assistant(HybridSearcher(store), BuiltinAnswerer())


def test_a_topic_naming_a_council_is_written_from_its_papers(two_councils: Assistant) -> None:
    note = build_briefing(two_councils, "Bristol children's services: the January 2023 Ofsted inspection")
    assert {s.chunk.council for s in note.sources} == {"Bristol City Council"}
    facts = _section(note, FACTS)
    # The judgement table's rows are facts; the letterhead's postcode and telephone number are not.
    assert any("Overall effectiveness" in f and "Good" in f for f in facts), facts
    assert not any("Piccadilly" in f for f in facts), facts
    assert "Birmingham" not in note.text()



def test_an_inspections_timeline_entry_is_a_dated_sentence(two_councils: Assistant) -> None:
    note = build_briefing(two_councils, "Bristol children's services: the January 2023 Ofsted inspection")
    # The inspection's entry is its best sentence that prints a date, not its best sentence.
    [entry] = [e for e in _section(note, TIMELINE) if e.startswith("27 January 2023")]
    assert "Since the focused visit in March 2021" in entry, entry


def test_a_topics_parts_are_what_it_lists_not_where_or_when() -> None:
    topic = ("Knowsley Council's children's services: grades, the October 2021 judgement, Southend-on-Sea City "
             "Council (October 2024) and leadership churn")
    assert places_named(topic) == ["Knowsley Council", "Southend-on-Sea City Council"]
    assert topic_parts(topic, profile(topic)) == ["grades", "the October 2021 judgement", "leadership churn"]


def test_a_passage_on_one_of_the_councils_a_topic_compares_is_on_topic() -> None:
    topic = "Children aged 16 and 17 who present as homeless: what Ofsted found in Wolverhampton, Knowsley and Leeds"
    passage = make_chunk("wolves", 1, "Children who present as homeless at 17 receive a timely response through a "
                         "shared protocol with housing.", report_title="Focused visit to Wolverhampton")
    question, places = profile(topic), places_named(topic)
    assert on_topic(passage, question, [*question.names, *places], places)
    # Without the places read as one slot, Knowsley and Leeds count against a passage on Wolverhampton.
    assert not on_topic(passage, question, [*question.names, *places])



def test_each_part_a_topic_lists_gets_its_own_statement_in_the_summary(assistant: Assistant) -> None:
    note = build_briefing(assistant, "Community Hubs Programme: staff training, the bid and Saturday opening")
    summary = " ".join(_section(note, HEADINGS[0]))
    assert "Staff training for the community hubs" in summary, summary
    assert "Libraries Improvement Fund bid" in summary, summary
    assert "Saturday opening" in summary, summary


PCN_TABLE = ("Number of PCNs issued\t85,911\t72,472\n"
             "Number of PCNs fully paid\t58,045\t1,249\t56,796\n"
             "Number of PCNs paid at discounted rate\t46,535\t1,020\t45,515")


def test_a_table_row_without_column_headings_is_a_figure_for_the_facts() -> None:
    # Flattened tables often lose their heading row: the row's cells are still what the topic's figures are.
    chunk = make_chunk("pcnreport", 1, PCN_TABLE, None)
    ranked = [ScoredUnit(u, Source(1, chunk, 0.9), 0.5, 0.2, False, 0.5 - i / 100, set())
              for i, u in enumerate(split_units(chunk))]
    assert [u.unit.kind for u in ranked] == ["row"] * 3
    assert row_amounts(ranked[1].unit) == ["58,045", "1,249", "56,796"]
    picked = BuiltinBriefingWriter._fact_sentences(ranked, set())
    assert [s.unit.text for s, _ in picked][:2] == ["Number of PCNs issued; 85,911; 72,472.",
                                                     "Number of PCNs fully paid; 58,045; 1,249; 56,796."]


def test_rows_without_headings_are_not_compared_across_papers() -> None:
    # With no heading nothing says which year or measure a cell is: no conflict between two such tables.
    units = [*_units("pcn2024", 1, PCN_TABLE, ""),
             *_units("pcn2023", 1, PCN_TABLE.replace("85,911", "80,100"), "")]
    assert find_conflicts(units) == []


def test_a_name_one_listed_part_prints_is_that_parts_alone() -> None:
    # A passage on recruiting foster carers need not name the Mockingbird model listed beside it.
    topic = "Recruiting and keeping foster carers, including the Mockingbird model"
    question, places = profile(topic), places_named(topic)
    parts = topic_parts(topic, question)
    assert part_names("keeping foster carers", parts, question.names, places) == []
    assert part_names("including the Mockingbird model", parts, question.names, places) == ["Mockingbird"]
    # The topic's subject, printed in no part, and its places stay every part's.
    topic = "Bristol's Workplace Parking Levy: cost, timetable and the Nottingham comparison"
    question, places = profile(topic), places_named(topic)
    names = [*question.names, *places]
    assert set(part_names("cost", topic_parts(topic, question), names, places)) == {
        "Bristol", "Workplace Parking Levy", "Nottingham"}


def _ranked(*texts: str) -> list[ScoredUnit]:
    chunk = make_chunk("report", 1, "\n\n".join(texts), "2.1")
    return [ScoredUnit(u, Source(1, chunk, 0.9), 0.5, 0.2, False, 0.9 - i / 10, set())
            for i, u in enumerate(split_units(chunk))]


def test_findings_in_words_fill_the_facts_after_every_figure() -> None:
    ranked = _ranked(
        "The restorative practice model is not clearly identifiable in the work of most social workers.",
        "Embedding is discussed in section four.",
        "Restorative practice coaches have been trained in 14 of the 20 teams since April 2023.",
        "Parents welcomed the restorative approach, which builds on strengths rather than deficits.")
    picked = [s.unit.text for s, _ in BuiltinBriefingWriter._fact_sentences(ranked, set())]
    # The figure comes first though the findings score higher; a line under eight words is no finding.
    assert picked == [
        "Restorative practice coaches have been trained in 14 of the 20 teams since April 2023.",
        "The restorative practice model is not clearly identifiable in the work of most social workers.",
        "Parents welcomed the restorative approach, which builds on strengths rather than deficits."]


def test_a_section_the_searches_keep_finding_is_read_whole(assistant: Assistant) -> None:
    store = assistant.searcher.store
    [chunk] = [c for c in store.get_chunks(list(store.lexical().ids))
               if "Library Service report" in c.file_name and "4.2" in c.paragraph_ids]
    report, section, hit = chunk.document_id, chunk.section, SearchHit(chunk, 1.0)
    passages = [c for c in store.paper_chunks(report) if c.section == section]
    assert section == "4. The Community Hubs Programme" and len(passages) == 3, section
    # One passage of the section found by SECTION_HITS searches: the whole section is gathered.
    read = _sections_read_whole(assistant, report, [hit] * SECTION_HITS, SearchFilters())
    assert [h.chunk.chunk_id for h in read] == [c.chunk_id for c in passages]
    assert _sections_read_whole(assistant, report, [hit] * (SECTION_HITS - 1), SearchFilters()) == []
