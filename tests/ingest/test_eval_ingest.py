"""`clerk eval-ingest` scoring, and the deployment council reaching ingest."""

from __future__ import annotations

from pathlib import Path

from clerk.eval_ingest import committee_matches, evaluate, matches, title_matches
from ingest.paper import chunk_paper

PAPER = "Report to: Cabinet\nDate: 3 March 2025\nSubject: Library Opening Hours\n\n1.1 Some text about libraries.\n"


def test_scoring_rules() -> None:
    assert committee_matches("Transport and Connectivity Policy Committee", "Transport & Connectivity Committee")
    assert committee_matches("Cabinet (and Council, 29 January 2026)", "Cabinet")
    assert not committee_matches("Cabinet", "Audit Committee")
    assert title_matches("Workplace Parking Levy", "Workplace Parking Levy")
    assert not title_matches("Executive Summary 1 2 Background", "Workplace Parking Levy")


def test_evaluate_against_a_manifest(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(PAPER)
    (tmp_path / "MANIFEST.tsv").write_text(
        "path\tcouncil\tcommittee\tmeeting_date\tdoc_type\ttitle\n"
        "a.txt\tMedway Council\tCabinet\t2025-03-03\treport\tLibrary Opening Hours\n")
    result = evaluate(tmp_path / "MANIFEST.tsv", [tmp_path])
    s = result.summary()
    assert s["council"]["unknown"] == 1 and s["council"]["wrong"] == 0
    assert s["committee"]["correct"] == s["meeting_date"]["correct"] == s["title"]["correct"] == 1
    with_setting = evaluate(tmp_path / "MANIFEST.tsv", [tmp_path], council="Medway Council").summary()
    assert with_setting["council"]["correct"] == 1


def test_deployment_council_is_recorded_as_setting(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(PAPER)
    meta = chunk_paper(path, council="Medway Council").reports[0].meta
    assert (meta.council, meta.sources["council"]) == ("Medway Council", "setting")
    (tmp_path / "a.txt.meta.json").write_text('{"council": "Kent County Council"}')
    meta = chunk_paper(path, council="Medway Council").reports[0].meta
    assert (meta.council, meta.sources["council"]) == ("Kent County Council", "sidecar")


def test_finer_doc_types_count_as_the_type_they_refine_only_outside_the_manifests_vocabulary() -> None:
    coarse = frozenset({"report", "agenda", "minutes", "other"})
    assert matches("doc_type", "other", "questions", vocabulary=coarse)  # public questions: "other" there
    assert matches("doc_type", "report", "inspection", vocabulary=coarse)
    assert not matches("doc_type", "other", "questions", vocabulary=coarse | {"questions"})
    assert not matches("doc_type", "report", "questions", vocabulary=coarse)
