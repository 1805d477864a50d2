"""Council scope: a sentence of another council's paper does not answer a question about this council."""

from __future__ import annotations

from assistant.builtin import BuiltinAnswerer
from assistant.scope import councils_named, in_scope
from assistant.scoring import ScoredUnit
from assistant.service import Assistant
from assistant.types import Source
from ingest.units import split_units
from prompts import CANNOT_ANSWER
from tests.assistant.conftest import open_store
from tests.conftest import make_chunk
from vectorstore.search import HybridSearcher
from vectorstore.store import DocumentRecord


def test_councils_are_read_by_name_or_place_from_the_gazetteer() -> None:
    assert councils_named("How many officers does Bristol City Council deploy?") == {"Bristol City Council"}
    assert councils_named("How many Medway children had an EHCP?") == {"Medway Council"}
    assert councils_named("Medway's EHCP numbers?") == {"Medway Council"}  # a question may open with the place
    assert councils_named("Reading the minutes, how many EHCPs were issued?") == frozenset()  # ... or a verb
    assert councils_named("What did the West of England Joint Committee agree?") == {
        "West of England Combined Authority"}
    # Capitalised words that are no council, and a city that is not its county.
    assert councils_named("What did the Staying Close pilot achieve in England?") == frozenset()
    assert councils_named("What did Gloucester agree?") == {"Gloucester City Council"}


def test_a_question_typed_without_capitals_names_its_council_in_lower_case() -> None:
    assert councils_named("how long is the probation period for bristol's civil enforcement officers?") == {
        "Bristol City Council"}
    assert councils_named("halton - how many mockingbird constellations are running?") == {"Halton Borough Council"}
    # With capitals used elsewhere, a lower-case word is an ordinary word.
    assert councils_named("What is the reading age target in the Medway Schools plan?") == {"Medway Council"}
    # ... but not as the question's own first word, or with a possessive, which only a name takes.
    assert councils_named("kent's 2013 looked after children inspection - when were the Children in Care "
                          "teams brought in?") == {"Kent County Council"}
    assert councils_named("nottingham vehicle removals in 2023/24 - which month was highest for PCNs?") == {
        "Nottingham City Council"}
    assert councils_named("reading the minutes, what did the Cabinet decide?") == frozenset()


def _unit(text: str, council: str) -> ScoredUnit:
    chunk = make_chunk("d000000000000001", 0, text, "3.1", council=council)
    return ScoredUnit(split_units(chunk)[0], Source(1, chunk, 1.0), 0.5, 0.5, True, 0.5)


def test_only_another_council_s_sentence_not_naming_the_council_is_out_of_scope() -> None:
    bristol = councils_named("How many civil enforcement officers does Bristol deploy?")
    nottingham = "Nottingham City Council"
    assert not in_scope(bristol, _unit("The council deployed 35 Civil Enforcement Officers.", nottingham))
    assert in_scope(bristol, _unit("Bristol has 40 officers, as Nottingham has 35.", "Nottingham City Council"))
    assert in_scope(bristol, _unit("The council deployed 40 officers.", "Bristol City Council"))
    # Unknown is not ruled out, and a combined authority's papers speak for its member councils.
    assert in_scope(bristol, _unit("The council deployed 40 officers.", ""))
    assert in_scope(bristol, _unit("Traffic fell by 77 per cent.", "West of England Combined Authority"))
    assert in_scope(frozenset(), _unit("The council deployed 35 officers.", "Nottingham City Council"))
    # A council merged away still speaks for its place; a report titled with the place speaks for it.
    somerset = councils_named("How many EHCPs did Somerset issue in 2021?")
    assert in_scope(somerset, _unit("The council issued 600 plans.", "Somerset County Council"))
    cheltenham = councils_named("How many potholes were repaired in Cheltenham?")
    titled = _unit("The county repaired 4,210 potholes.", "Gloucestershire County Council")
    assert not in_scope(cheltenham, titled)
    titled.source.chunk.report_title = "Cheltenham Transport Plan"
    assert in_scope(cheltenham, titled)


def _paper(store, doc: str, council: str, text: str) -> None:  # type: ignore[no-untyped-def]
    chunk = make_chunk(doc, 0, text, "3.1", council=council, report_title="Civil Enforcement Annual Report")
    store.add_document(DocumentRecord(document_id=doc, file_name=f"{doc}.txt", source=f"/x/{doc}.txt",
                                      title="Civil Enforcement Annual Report", council=council, committee="",
                                      meeting_date="2024-06-01", doc_type="report", chunks=0, status="pending",
                                      ingested_at=0.0), [chunk])


def test_a_question_about_one_council_is_not_answered_from_another_s_paper(tmp_path, embeddings) -> None:  # type: ignore[no-untyped-def]
    store = open_store(tmp_path, embeddings)
    _paper(store, "nott000000000001", "Nottingham City Council",
           "From April 2023 until March 2024 the City Council deployed 35 Civil Enforcement Officers on parking "
           "enforcement across the conurbation.")
    _paper(store, "bris000000000001", "Bristol City Council",
           "Bristol City Council's parking enforcement covers residents' parking zones and bus lanes.")
    assistant = Assistant(HybridSearcher(store), BuiltinAnswerer())
    asked = assistant.ask("How many civil enforcement officers does Bristol City Council deploy on parking?")
    assert asked.text == CANNOT_ANSWER and not asked.supported
    own = assistant.ask("How many civil enforcement officers does Nottingham City Council deploy on parking?")
    assert own.supported and "35 Civil Enforcement Officers" in own.text
