"""The shipped gazetteer of real UK councils and combined authorities."""

from __future__ import annotations

from ingest.gazetteer import gazetteer, normalise


def test_official_names_places_and_kinds() -> None:
    g = gazetteer()
    assert len([b for b in g.bodies if b.is_council and b.current]) >= 380
    assert g.by_place("Gloucester").name == "Gloucester City Council"
    assert g.by_place("Gloucestershire").name == "Gloucestershire County Council"
    assert g.by_place("Reading").name == "Reading Borough Council"
    assert g.canonical("MEDWAY COUNCIL").name == "Medway Council"
    weca = g.canonical("West of England Mayoral Combined Authority")
    assert weca is not None and weca.name == "West of England Combined Authority" and not weca.is_council


def test_a_boroughs_legal_name_is_the_council() -> None:
    g = gazetteer()
    text = "The Trafford Metropolitan Borough Council (the Authority) makes this Scheme, as Greater Manchester does."
    assert [b.name for b, _ in g.mentions(text)] == ["Trafford Council"]
    assert g.canonical("Kingston upon Thames London Borough Council").name == "Royal Borough of Kingston upon Thames"
    assert g.canonical("London Borough of Hackney").name == "London Borough of Hackney"


def test_names_invented_from_capitalised_phrases_are_not_councils() -> None:
    g = gazetteer()
    for phrase in ("March County Council", "Cost The Council", "Westofengland Ca Council", "Ethical Care Council",
                   "Transport Council", "Member of Swale Borough Council"):
        assert g.canonical(phrase) is None


def test_mentions_domains_and_places() -> None:
    g = gazetteer()
    text = ("Submission by Nottingham City Council on behalf of Bristol City Council.\n"
            "Contact democracy.bristol.gov.uk or jo@gloucester.gov.uk. Parking in Bristol and in Bristol.")
    assert [b.name for b, _ in g.mentions(text)] == ["Nottingham City Council", "Bristol City Council"]
    assert {b.name for b in g.domains(text)} == {"Bristol City Council", "Gloucester City Council"}
    assert g.place_mentions(text).most_common(1)[0][0].name == "Bristol City Council"


def test_normalise() -> None:
    assert normalise("The Brighton & Hove City Council") == normalise("brighton and hove city council")


def test_a_street_or_school_named_after_a_place_is_no_mention_of_it() -> None:
    g = gazetteer()
    text = ("Residents of Lincoln Avenue asked about the crossing by Lincoln Middle School; the Lincoln Park "
            "playground reopens in May. The council visited Lincoln to see its scheme.")
    assert sum(g.place_mentions(text).values()) == 1  # the visit, not the avenue, the school or the park
