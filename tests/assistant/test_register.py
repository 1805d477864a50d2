"""The commitments register over a real store: items live with their paper, follow-ups need a cited later
passage, status follows the due date, exempt papers' items stay exempt."""

from __future__ import annotations

import datetime as dt
import time

from assistant.register import CommitmentsRegister, RegisterQuery
from ingest.models import Commitment
from tests.conftest import make_chunk
from vectorstore.store import DocumentRecord

MINUTES = ("Cabinet RESOLVED that the Director of Children's Services will report back to Cabinet in "
           "September 2025 on the sufficiency of foster placements in the county.")
LATER = ("The Director of Children's Services reported on the sufficiency of foster placements: 42 new "
         "foster placements were approved in the county since the spring.")
UNRELATED = "The Cabinet noted the treasury management outturn for the year."


def _record(doc_id: str, **meta: str) -> DocumentRecord:
    return DocumentRecord(document_id=doc_id, file_name=f"{doc_id}.txt", source=f"/papers/{doc_id}.txt",
                          title="Minutes", council=meta.get("council", "Kent County Council"),
                          committee="Cabinet", meeting_date=meta["meeting_date"], doc_type="minutes",
                          chunks=0, status="pending", ingested_at=time.time(), access=meta.get("access", "public"))


def _add(store, doc_id: str, text: str, meeting_date: str, items: list[tuple[str, str, str]] = (),
         access: str = "public") -> None:
    chunk = make_chunk(doc_id, 0, text, "12", council="Kent County Council", committee="Cabinet",
                       meeting_date=meeting_date, doc_type="minutes", access=access)
    chunk.commitments = [Commitment(kind, text, owner, due, "2025-09" if due else "", chunk.chunk_id, 0, len(text))
                         for kind, owner, due in items]
    store.add_document(_record(doc_id, meeting_date=meeting_date, access=access), [chunk])


def test_an_item_is_reported_only_with_a_cited_later_passage(make_store):
    store = make_store()
    _add(store, "min0000000000001", MINUTES, "2025-03-04", [("action", "the Director of Children's Services",
                                                              "September 2025")])
    register = CommitmentsRegister(store, today=dt.date(2025, 8, 1))
    (item,) = register.items()
    assert (item.kind, item.status, item.due_date, item.follow_ups) == ("action", "open", "2025-09", [])
    assert item.chunk.paragraph == "12" and item.chunk.meeting_date == "2025-03-04"

    # After the due month, with nothing reported: due.
    assert CommitmentsRegister(store, today=dt.date(2025, 10, 1)).items()[0].status == "due"

    # An unrelated later paper is no follow-up; one that speaks to the item is, with its quote.
    _add(store, "min0000000000002", UNRELATED, "2025-09-16")
    assert register.items()[0].status == "open"
    _add(store, "min0000000000003", LATER, "2025-10-14")
    (item,) = register.items()
    assert item.status == "reported"
    assert [f.chunk.document_id for f in item.follow_ups] == ["min0000000000003"]
    assert "42 new foster placements" in item.follow_ups[0].quote

    # A paper from before the item's meeting never reports on it.
    store.delete_document("min0000000000003")
    _add(store, "min0000000000004", LATER, "2025-01-10")
    assert register.items()[0].status == "open"


def test_items_go_with_their_paper_and_stay_exempt(make_store):
    store = make_store()
    _add(store, "min0000000000001", MINUTES, "2025-03-04", [("decision", "Cabinet", "")])
    _add(store, "exm0000000000001", MINUTES.replace("foster", "residential"), "2025-03-04",
         [("decision", "Cabinet", "")], access="exempt")
    register = CommitmentsRegister(store)
    assert len(register.items(role="officer")) == 2
    assert [i.chunk.document_id for i in register.items(role="public")] == ["min0000000000001"]
    first = [i.id for i in register.items()]

    # Re-ingesting the same paper changes nothing; removing it removes its items.
    _add(store, "min0000000000001", MINUTES, "2025-03-04", [("decision", "Cabinet", "")])
    assert [i.id for i in register.items()] == first
    store.delete_document("min0000000000001")
    assert [i.chunk.document_id for i in register.items()] == ["exm0000000000001"]


def test_filters(make_store):
    store = make_store()
    _add(store, "min0000000000001", MINUTES, "2025-03-04", [("action", "the Director of Children's Services",
                                                              "September 2025")])
    _add(store, "min0000000000002", UNRELATED, "2025-06-10", [("decision", "Cabinet", "")])
    register = CommitmentsRegister(store, today=dt.date(2025, 8, 1))

    def texts(**query: str) -> list[str]:
        return [i.text for i in register.items(RegisterQuery(**query))]

    assert texts(kind="decision") == [UNRELATED]
    assert texts(owner="director") == [MINUTES]
    assert texts(date_from="2025-04-01") == [UNRELATED]
    assert texts(date_to="2025-04-01") == [MINUTES]
    assert texts(query="foster placements") == [MINUTES]
    assert texts(status="open") == [MINUTES, UNRELATED]
    assert texts(council="devon") == []
