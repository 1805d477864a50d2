from ingest.models import Chunk
from vectorstore.filters import SearchFilters
from vectorstore.glossary import default_glossary
from vectorstore.records import chunk_to_metadata, metadata_to_chunk


def test_glossary_expands_acronyms_and_phrases_both_ways():
    g = default_glossary()
    assert "education health and care plan" in g.expansions("How many EHCPs were issued late?")
    assert "EHCP" in g.expansions("delays to education health and care plans")
    assert "looked after children" in g.expansions("How many children in care are placed out of county?")


def test_glossary_leaves_ordinary_words_alone():
    assert default_glossary().expansions("pa rates for the road maintenance budget") == []


def test_filters_match_metadata_case_insensitively_and_by_date_range():
    meta = {"council": "Kent County Council", "doc_type": "report", "meeting_date_num": 20250130}
    assert SearchFilters(council="kent county council").matches(meta)
    assert SearchFilters(date_from="2025-01-01", date_to="2025-01-31").matches(meta)
    assert not SearchFilters(date_to="2024-12-31").matches(meta)
    assert not SearchFilters(doc_type="minutes").matches(meta)
    assert not SearchFilters(date_from="2020-01-01").matches({"council": "x"})  # undated papers fail a date filter


def test_chroma_where_uses_the_stored_spelling():
    where = SearchFilters(council="kent county council", date_from="2025-01-01").chroma_where(
        {"council": ["Kent County Council", "Devon County Council"]})
    assert where == {"$and": [{"council": {"$in": ["Kent County Council"]}}, {"meeting_date_num": {"$gte": 20250101}}]}


def test_chunk_metadata_round_trip():
    chunk = Chunk("d:3.1:abc", "d", "a.pdf", "text", "Report", 10, 20, ["3.1", "3.2"], [4, 5], "A > B",
                  "Kent County Council", "Cabinet", "2025-01-30", "report", "7", "Director", 3)
    assert metadata_to_chunk(chunk.chunk_id, chunk.text, chunk_to_metadata(chunk)) == chunk


def test_vectorised_mask_agrees_with_row_matching():
    from vectorstore.lexical import LexicalIndex

    metas = [
        {"council": "Kent County Council", "doc_type": "report", "meeting_date_num": 20250130},
        {"council": "Devon County Council", "doc_type": "minutes", "meeting_date_num": 20230606},
        {"council": "Kent County Council", "doc_type": "minutes", "meeting_date_num": 0},
    ]
    index = LexicalIndex(["a", "b", "c"], metas, 1, None)
    for f in (SearchFilters(council="kent county council"), SearchFilters(doc_type="minutes"),
              SearchFilters(date_from="2024-01-01"), SearchFilters(date_to="2024-01-01"), SearchFilters()):
        assert list(f.mask(index.columns())) == [f.matches(m) for m in metas], f


def test_filters_as_typed_blanks_dropped_and_dates_checked():
    import datetime as dt

    import pytest

    from vectorstore.filters import SearchFilters

    assert SearchFilters.build(council="  ", committee="", date_from=None) is None
    built = SearchFilters.build(council=" Kent County Council ", date_from="2025-01-30", date_to=dt.date(2025, 3, 4))
    assert built == SearchFilters(council="Kent County Council", date_from="2025-01-30", date_to="2025-03-04")
    with pytest.raises(ValueError, match="date_to: '2025-13-01' is not a date"):
        SearchFilters.build(date_to="2025-13-01")
