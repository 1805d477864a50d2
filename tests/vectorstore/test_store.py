"""ClerkStore against real Chroma and the real embedding model."""

from __future__ import annotations

import time

from tests.conftest import make_chunk
from vectorstore.filters import SearchFilters
from vectorstore.search import HybridSearcher
from vectorstore.store import DocumentRecord


def record(doc_id: str, source: str = "/papers/a.txt", **meta: str) -> DocumentRecord:
    return DocumentRecord(
        document_id=doc_id, file_name=source.rsplit("/", 1)[-1], source=source, title=meta.get("title", "T"),
        council=meta.get("council", ""), committee=meta.get("committee", ""),
        meeting_date=meta.get("meeting_date", ""), doc_type=meta.get("doc_type", "report"),
        chunks=0, status="pending", ingested_at=time.time(),
    )


DEVON = [
    ("1.1", "The council secured a grant of £1,147,106 from the Department for Education for the Staying Close pilot."),
    ("1.2", "Tenders for capital works at Welland Children's Home were published in 2022."),
    ("1.3", "The MASH front door handled 4,200 contacts in the quarter."),
]
KENT = [
    ("3.1", "Kent's forecast revenue overspend is £23.3m excluding schools."),
    ("3.2", "Recruitment of foster carers remains a priority for the county."),
]


def add(store, doc_id, paras, **meta):
    chunks = [make_chunk(doc_id, i, text, para, **meta) for i, (para, text) in enumerate(paras)]
    store.add_document(record(doc_id, f"/papers/{doc_id}.txt", **meta), chunks)
    return chunks


def test_add_list_delete_and_reopen(make_store):
    store = make_store()
    add(store, "devon00000000001", DEVON, council="Devon County Council", meeting_date="2023-06-06")
    add(store, "kent000000000001", KENT, council="Kent County Council", meeting_date="2025-01-30")
    assert store.chunk_count() == 5
    assert {d.document_id for d in store.list_documents()} == {"devon00000000001", "kent000000000001"}
    assert all(d.status == "complete" for d in store.list_documents())

    assert store.delete_document("kent000000000001")
    assert not store.delete_document("kent000000000001")
    reopened = make_store()
    assert reopened.chunk_count() == 3
    assert [h[0].split(":")[0] for h in reopened.lexical_search("overspend", 5)] == []


def test_upserting_the_same_document_twice_keeps_the_count(make_store):
    store = make_store()
    add(store, "devon00000000001", DEVON)
    add(store, "devon00000000001", DEVON)
    assert store.chunk_count() == 3


def test_interrupted_ingest_is_rolled_back_on_open(make_store):
    store = make_store()
    add(store, "devon00000000001", DEVON)
    # Simulate a crash: registered as pending, one chunk written, never completed.
    half = make_chunk("kent000000000001", 0, KENT[0][1], KENT[0][0])
    store._put_record(record("kent000000000001"))
    store._cols.chunks.upsert(ids=[half.chunk_id], embeddings=[store.embeddings.embed_query(half.text)],
                              documents=[half.text], metadatas=[{"document_id": half.document_id}])
    reopened = make_store()
    assert reopened.chunk_count() == 3
    assert reopened.get_document("kent000000000001") is None


def test_hybrid_search_finds_paraphrase_and_exact_figures(make_store):
    store = make_store()
    add(store, "devon00000000001", DEVON, council="Devon County Council", meeting_date="2023-06-06")
    add(store, "kent000000000001", KENT, council="Kent County Council", meeting_date="2025-01-30")
    searcher = HybridSearcher(store)
    top = searcher.search("How much money did the government give for the Staying Close pilot?", k=2)
    assert top[0].chunk.paragraph == "1.1"
    assert searcher.search("23.3m", k=1)[0].chunk.paragraph == "3.1"
    assert [h.rank for h in top] == [1, 2]


def test_filters_restrict_both_retrievers_and_unknown_values_return_nothing(make_store):
    store = make_store()
    add(store, "devon00000000001", DEVON, council="Devon County Council", meeting_date="2023-06-06")
    add(store, "kent000000000001", KENT, council="Kent County Council", meeting_date="2025-01-30")
    searcher = HybridSearcher(store)
    kent = searcher.search("grant funding", k=5, filters=SearchFilters(council="kent county council"))
    assert kent and {h.chunk.council for h in kent} == {"Kent County Council"}
    dated = searcher.search("grant", k=5, filters=SearchFilters(date_to="2024-01-01"))
    assert dated and {h.chunk.document_id for h in dated} == {"devon00000000001"}
    assert searcher.search("grant", k=5, filters=SearchFilters(council="Nowhere Council")) == []


def test_neighbours_are_in_reading_order(make_store):
    store = make_store()
    chunks = add(store, "devon00000000001", DEVON)
    around = store.neighbours(chunks[1])
    assert [c.paragraph for c in around] == ["1.1", "1.2", "1.3"]


def test_a_papers_chunks_all_or_its_first_page(make_store):
    store = make_store()
    add(store, "kent000000000001", KENT)
    chunks = add(store, "devon00000000001", DEVON)
    assert [c.chunk_id for c in store.paper_chunks("devon00000000001")] == [c.chunk_id for c in chunks]
    # Without page numbers (a text file), the first page is the first chunk.
    assert [c.chunk_id for c in store.paper_chunks("devon00000000001", first_page=True)] == [chunks[0].chunk_id]
    assert store.paper_chunks("nothing000000001") == []


def test_split_pieces_of_one_paragraph_are_merged_into_one_result(make_store):
    store = make_store()
    long_para = [("2.1", "The council's fostering recruitment campaign reached 3,000 households in Devon."),
                 ("2.1", "The fostering recruitment campaign in Devon led to 42 approvals of new carers."),
                 ("2.2", "Road maintenance budgets were unchanged.")]
    add(store, "devon00000000001", long_para)
    hits = HybridSearcher(store).search("fostering recruitment campaign Devon", k=5)
    assert [h.chunk.paragraph for h in hits].count("2.1") == 1
    assert len(hits[0].merged_chunk_ids) == 1


def test_a_passage_reprinted_in_another_paper_of_the_meeting_is_one_result_listing_the_copy(make_store):
    store = make_store()
    table = "SEND Commissioning Intentions: 440 places by 2026-27, a total of 530 permanent places."
    kent = {"council": "Kent County Council", "meeting_date": "2025-01-30"}
    add(store, "kentplan00000001", [("3.3", table)], **kent)
    add(store, "kentprod00000001", [("2.3", table)], **kent)  # the record of decision reprints the table
    add(store, "kentplan00000002", [("3.3", table)], council="Kent County Council", meeting_date="2025-03-04")
    add(store, "devonplan0000001", [("3.3", table)], council="Devon County Council", meeting_date="2025-01-30")
    hits = HybridSearcher(store).search("How many permanent SEND places are planned?", k=5)
    assert len(hits) == 3  # the later meeting's copy and Devon's are papers of their own
    first = next(h for h in hits if h.chunk.document_id in ("kentplan00000001", "kentprod00000001"))
    assert [c.document_id for c in first.copies] == sorted({"kentplan00000001", "kentprod00000001"}
                                                           - {first.chunk.document_id})
    assert all(not h.copies for h in hits if h is not first)


def test_unit_vectors_are_the_stored_sentence_embeddings(make_store):
    store = make_store()
    chunks = add(store, "devon00000000001", DEVON)
    found = store.unit_vectors([chunks[0].chunk_id])
    (text, vector), = found[chunks[0].chunk_id]
    assert text == DEVON[0][1]
    assert abs(float(vector @ vector) - 1.0) < 1e-3  # normalised at ingest
    assert store.unit_vectors([]) == {}


def test_unit_vectors_come_back_in_reading_order(make_store):
    store = make_store()
    sentences = [f"Sentence number {word} of the finding is here." for word in ("one", "two", "three")]
    chunks = add(store, "devon00000000002", [("2.1", " ".join(sentences))])
    assert [text for text, _ in store.unit_vectors([chunks[0].chunk_id])[chunks[0].chunk_id]] == sentences


def test_filtered_dense_search_gives_the_same_units_whichever_way_it_runs(make_store, monkeypatch):
    import vectorstore.store as store_module

    store = make_store()
    add(store, "devon00000000001", DEVON, council="Devon County Council")
    add(store, "kent000000000001", KENT, council="Kent County Council")
    add(store, "kent000000000002", [(f"4.{i}", f"Item {i}: highway works on route A{i} are scheduled.")
                                    for i in range(6)], council="Kent County Council")
    query = store.embeddings.embed_query("foster carer recruitment")
    devon = SearchFilters(council="devon county council")
    exact = [u.chunk_id for u in store.dense_units(query, 3, devon)]  # a third of the store: over-fetch, filter
    assert len(exact) == 3 and set(exact) == {c for c in store.lexical().ids if c.startswith("devon")}
    monkeypatch.setattr(store_module, "MAX_POST_FILTER_POOL", 0)  # narrow: the units fetched and compared
    assert [u.chunk_id for u in store.dense_units(query, 3, devon)] == exact
    monkeypatch.setattr(store_module, "MAX_COMPARED_UNITS", 0)  # many: HNSW restricted to their ids
    assert [u.chunk_id for u in store.dense_units(query, 3, devon)] == exact
    assert store.dense_units(query, 3, SearchFilters(council="Nowhere Council")) == []
    assert {u.meta["council"] for u in store.dense_units(query, 5, devon)} == {"Devon County Council"}


def test_filtered_dense_search_sees_papers_added_after_a_cached_filter(make_store, monkeypatch):
    import vectorstore.store as store_module

    monkeypatch.setattr(store_module, "MAX_POST_FILTER_POOL", 0)  # by id, from the remembered id list
    monkeypatch.setattr(store_module, "MAX_COMPARED_UNITS", 0)
    store = make_store()
    add(store, "kent000000000001", KENT, council="Kent County Council")
    add(store, "devon00000000001", DEVON, council="Devon County Council")
    devon = SearchFilters(council="Devon County Council")
    query = store.embeddings.embed_query("foster carer recruitment")
    assert len(store.dense_units(query, 10, devon)) == 3
    add(store, "devon00000000003", [("5.1", "Foster carer recruitment rose by a fifth this year.")],
        council="Devon County Council")
    assert store.dense_units(query, 1, devon)[0].chunk_id.startswith("devon00000000003")


def test_answers_reuse_every_unit_vector_embedded_at_ingest(make_store, embeddings):
    from langchain_core.embeddings import Embeddings

    from assistant.sentences import answer_units
    from assistant.vectors import SentenceVectors
    from vectorstore.units import embedding_text

    class Counting(Embeddings):
        documents = 0

        def embed_documents(self, texts: list[str]) -> list[list[float]]:
            self.documents += len(texts)
            return embeddings.embed_documents(texts)

        def embed_query(self, text: str) -> list[float]:
            return embeddings.embed_query(text)

    store = make_store()
    table = "Judgement\tGrade\nOverall effectiveness\tGood\nLeaders and managers\tRequires improvement"
    chunks = add(store, "devon00000000003", [("2.1", DEVON[0][1] + " It ran for two years."), ("2.2", table)],
                 report_title="Inspection of Devon children's services")
    items = [(embedding_text(u, c.report_title), [c.chunk_id]) for c in chunks for u in answer_units(c)]
    counting = Counting()
    scores = SentenceVectors(counting, stored=store.unit_vectors).similarities(
        "How is Devon's overall effectiveness graded?", items, embed=set(range(len(items))))
    assert len(items) == 4 and counting.documents == 0  # two sentences, two rows: none embedded again
    assert max(range(4), key=lambda i: scores[i] or 0.0) == 2  # the overall effectiveness row
