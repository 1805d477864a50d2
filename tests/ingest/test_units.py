"""Splitting passages into sentences, list items and table rows."""

from __future__ import annotations

from ingest.units import clean, split_units
from tests.conftest import make_chunk

PROSE = """3.1.1 The Recruitment & Retention strategy is final and signed off. We have appointed a Recruitment
Manager, Cllr. Jones agreed. Seventeen meetings have taken place to date with a further 24 scheduled.

- Barnes – Develop the building to accommodate 2-4 children.
- Lyric House – Opened three weeks ago as a step down from secure accommodation."""

TABLE = """Table 1a: EHC assessment case status - 2023
2023\tJan 2023\tFeb 2023\tMar 2023
Number of assessments completed\t58\t62\t95
Number completed on time\t10\t7\t15"""


GROUPED = """Polling District\tPolling Station\tElectorate\tTurnout
ABBEY\t\t\t
L\tNew Hope Community Church Centre\t1,893\t26.89%
KENTWOOD\t\t\t
CA\tUnited Reformed Church Hall\t1,596\t37.74%"""


def test_sentences_items_and_offsets() -> None:
    chunk = make_chunk("d000000000000001", 0, PROSE, "3.1.1")
    units = split_units(chunk)
    texts = [u.text for u in units]
    assert texts[0] == "The Recruitment & Retention strategy is final and signed off."
    assert texts[1].startswith("We have appointed a Recruitment Manager, Cllr. Jones agreed")
    assert texts[2].startswith("Seventeen meetings")
    assert texts[3] == "Barnes – Develop the building to accommodate 2-4 children."
    for unit in units:  # the quote is exactly the passage's text, for highlighting
        assert chunk.text[unit.start : unit.end] == unit.quote


def test_table_rows_are_read_with_their_headings() -> None:
    units = split_units(make_chunk("d000000000000001", 0, TABLE))
    rows = [u.text for u in units if u.kind == "row"]
    assert rows == [
        "Number of assessments completed (Jan 2023: 58; Feb 2023: 62; Mar 2023: 95).",
        "Number completed on time (Jan 2023: 10; Feb 2023: 7; Mar 2023: 15).",
    ]


def test_a_two_line_heading_is_read_with_each_row_and_signs_are_kept() -> None:
    table = ("Directorate\tRevenue\tRevenue\tRevenue\t%\nBudget\tForecast\tVariance\tVariance\n"
             "Adult Social Care & Health\t586.1\t621.6\t+35.4\t+6.0%\n"
             "Children, Young People & Education\t430.6\t420.8\t-9.9\t-2.3%")
    rows = [u.text for u in split_units(make_chunk("d000000000000001", 0, table)) if u.kind == "row"]
    assert rows[1] == ("Children, Young People & Education (Revenue Budget: 430.6; Revenue Forecast: 420.8; "
                       "Revenue Variance: -9.9; % Variance: -2.3%).")
    assert len(rows) == 2
    grades = "Judgement\tGrade\nOverall effectiveness\tGood"
    assert split_units(make_chunk("d000000000000001", 0, grades))[0].text == "Overall effectiveness (Grade: Good)."


def test_a_table_split_mid_way_keeps_its_first_row() -> None:
    plan = ("C3\tSet a clear standard across the Local Area on what a good EHC Plan should be.\tEHC Plans\n"
            "C4\tReview the quality assurance framework for plans.\tQuality")
    rows = [u.text for u in split_units(make_chunk("d000000000000001", 0, plan))]
    assert rows[0] == "C3; Set a clear standard across the Local Area on what a good EHC Plan should be; EHC Plans."
    assert len(rows) == 2


def test_a_long_row_is_read_cell_by_cell_under_its_headings() -> None:
    action = ("Head of Service for Corporate Parenting will report to DCS children and young people under 25 "
              "years who are accommodated in B&B and hotel settings for more than 24 hours.")
    plan = ("Outcome\tStrategic actions\tBy when\tAction lead\n"
            "Strategic ownership and oversight of young people in unsuitable accommodation, so that they are "
            f"housed suitably and can thrive in their communities.\t{action}\tIn place from April 2023\t"
            "Director of Children's Services and Head of Service Corporate Parenting")
    chunk = make_chunk("d000000000000001", 0, plan)
    units = split_units(chunk)
    assert [u.text.split(":")[0] for u in units] == ["Outcome", "Strategic actions", "By when"]
    assert units[1].text == f"Strategic actions: {action[:-1]}."
    # the short cells together: when and who, each under its heading
    assert units[2].text == ("By when: In place from April 2023; "
                             "Action lead: Director of Children's Services and Head of Service Corporate Parenting.")
    for unit in units:
        assert chunk.text[unit.start : unit.end] == unit.quote


def test_a_table_without_a_label_column_pairs_every_cell_with_its_period() -> None:
    text = ("SEND Commissioning Intentions\nBy\tBy\tBy\tBy\n2025-26\t2026-27\t2027-28\t2028-29\n"
            "0 places\t440 places\t90 places\t0 places\nA total of 530 permanent places across the planned period")
    rows = [u.text for u in split_units(make_chunk("d000000000000001", 0, text, None)) if u.kind == "row"]
    assert rows == ["By 2025-26: 0 places; By 2026-27: 440 places; By 2027-28: 90 places; By 2028-29: 0 places."]
    # A year in the label column is still the row's label.
    table = "Year\tBudget\tSpend\n2023\t100\t90"
    assert [u.text for u in split_units(make_chunk("d000000000000001", 0, table, None))] == [
        "2023 (Budget: 100; Spend: 90)."]


def test_empty_cells_keep_the_columns_aligned() -> None:
    table = ("\tIndicator\tBaseline April 2023\tWhere we are now\tTarget April 2024\n"
             "Child Protection\t% ICPCs completed within 15 days of S47\t94%\t\t95%\n"
             "\t% S47s that progress to ICPC\t25%\t\t35%")
    rows = [u.text for u in split_units(make_chunk("d000000000000001", 0, table))]
    assert rows == [
        "Child Protection (Indicator: % ICPCs completed within 15 days of S47; Baseline April 2023: 94%; "
        "Target April 2024: 95%).",
        "Indicator: % S47s that progress to ICPC; Baseline April 2023: 25%; Target April 2024: 35%.",
    ]


def test_two_columns_of_prose_are_not_a_table() -> None:
    text = ("8.1 Total external debt outstanding in November was £746.67m down by £25.22m\t"
            "KCC debt includes £432.40m of borrowing from the Public Works Loans Board. The rest is bank loans.")
    units = split_units(make_chunk("d000000000000001", 0, text, "8.1"))
    assert [u.kind for u in units] == ["sentence", "sentence", "sentence"]
    assert units[1].text.startswith("KCC debt includes £432.40m")


def test_clean_strips_numbers_bullets_and_markdown() -> None:
    assert clean("- 3.4 **The sub-group** meets monthly") == "The sub-group meets monthly"
    assert clean("(b) a consultation be held from 1 July;") == "A consultation be held from 1 July."
    assert clean("13. More children left care") == "More children left care"
    assert clean("-9.9") == "-9.9" and clean("- £2.1m") == "£2.1m" and clean("– Barnes –") == "Barnes"


def test_a_long_row_keeps_its_label_with_its_figures() -> None:
    detail = ("Whilst the number of children transported is in line with the budget assumption the average cost "
              "has been lower, due to more children receiving a personal transport budget and lower costs of hired "
              "transport, which has partly resulted from the retender of contracts relating to special schools.")
    text = ("Key Service\tRevenue Budget\tRevenue Forecast\tRevenue Variance\tSummary\tDetail\n"
            "Legal Services\t4.1\t4.3\t0.2\tHigher costs\tLegal costs previously charged to capital must now be "
            "charged to revenue, along with a general rise in costs across the service over the year, partly offset "
            "by grants.\n"
            f"Home to School Transport\t96.3\t87.7\t-8.6\tLower cost of hired transport\t{detail}")
    chunk = make_chunk("d000000000000001", 0, text)
    rows = [u for u in split_units(chunk) if "Home to School" in u.text]
    assert rows[0].text == ("Home to School Transport (Revenue Budget: 96.3; Revenue Forecast: 87.7; Revenue Variance: "
                            "-8.6; Summary: Lower cost of hired transport).")
    assert any(u.text == f"Detail: {detail[:-1]}." for u in split_units(chunk))
    for unit in split_units(chunk):
        assert chunk.text[unit.start : unit.end] == unit.quote


def test_a_heading_row_may_open_with_a_period() -> None:
    text = ("DSG Block\t2024-25 Budget\t2024-25 Forecast\t2024-25 Variance\n"
            "Schools Block\t1,260.5\t1,260.2\t-0.3\nHigh Needs Block\t337.9\t392.8\t54.9")
    rows = [u.text for u in split_units(make_chunk("d000000000000001", 0, text)) if u.kind == "row"]
    assert rows[1] == "High Needs Block (2024-25 Budget: 337.9; 2024-25 Forecast: 392.8; 2024-25 Variance: 54.9)."


def test_a_group_row_labels_the_rows_below_it_under_the_same_headings() -> None:
    # A ward printed over its polling districts: the headings still apply, and each row says its ward.
    rows = [u.text for u in split_units(make_chunk("d000000000000001", 0, GROUPED)) if u.kind == "row"]
    assert rows == [
        "ABBEY – L (Polling Station: New Hope Community Church Centre; Electorate: 1,893; Turnout: 26.89%).",
        "KENTWOOD – CA (Polling Station: United Reformed Church Hall; Electorate: 1,596; Turnout: 37.74%).",
    ]


def test_a_row_without_values_labels_nothing() -> None:
    # A measure whose baseline is not given yet, in running case, is a row of its own, not a group's label.
    table = "Measure\tBaseline\tTarget\nNumber of newborn deaths per annum\t\t\nNumber of serious incidents\t3\t1"
    rows = [u.text for u in split_units(make_chunk("d000000000000001", 0, table)) if u.kind == "row"]
    assert rows == ["Number of newborn deaths per annum.", "Number of serious incidents (Baseline: 3; Target: 1)."]
