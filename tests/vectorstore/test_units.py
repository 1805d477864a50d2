"""What dense search embeds: the passage's own units (as the answerer quotes them), rows with their title."""

from ingest.units import split_units
from tests.conftest import make_chunk
from vectorstore.units import MAX_CHARS, embedding_units

PDF_PARAGRAPH = """3.2 The forecast revenue outturn position is an overspend of +£23.3m (excluding
schools), which represents 1.6% of the revenue budget. This is £3.5m lower than the
position reported at Quarter 2."""


def test_wrapped_pdf_lines_are_rejoined_into_sentences():
    assert embedding_units(make_chunk("kentfinance00001", 0, PDF_PARAGRAPH)) == [
        "The forecast revenue outturn position is an overspend of +£23.3m (excluding schools), "
        "which represents 1.6% of the revenue budget.",
        "This is £3.5m lower than the position reported at Quarter 2.",
    ]


def test_the_embedded_units_are_the_units_the_answer_quotes():
    text = ("Actions agreed:\n- Recruit two more IROs by March\n- Publish the local offer\n"
            "Directorate\tBudget\tForecast\nChildren, Young People & Education\t430.6\t420.8")
    chunk = make_chunk("kentfinance00002", 0, text, report_title="Finance Monitoring Report")
    units = embedding_units(chunk)
    assert len(units) == len(split_units(chunk))
    assert "Recruit two more IROs by March" in units and "Publish the local offer" in units
    assert units[-1] == ("Finance Monitoring Report: Children, Young People & Education "
                         "(Budget: 430.6; Forecast: 420.8).")


def test_table_rows_carry_the_report_title_and_sentences_do_not():
    text = "Children’s services are good in every respect.\nJudgement\tGrade\nOverall effectiveness\tGood"
    chunk = make_chunk("norfolkofsted001", 0, text, report_title="Inspection of Norfolk children’s services")
    units = embedding_units(chunk)
    assert units[0] == "Children’s services are good in every respect."
    assert units[-1] == "Inspection of Norfolk children’s services: Overall effectiveness (Grade: Good)."


def test_long_units_are_cut_and_tiny_passages_still_get_one_unit():
    assert all(len(u) <= MAX_CHARS for u in embedding_units(make_chunk("longpassage00001", 0, "word " * 400)))
    assert embedding_units(make_chunk("tinypassage00001", 0, "Priority 2")) == ["Priority 2"]
