from vectorstore.units import embedding_units

PDF_PARAGRAPH = """3.2 The forecast revenue outturn position is an overspend of +£23.3m (excluding
schools), which represents 1.6% of the revenue budget. This is £3.5m lower than the
position reported at Quarter 2."""


def test_wrapped_pdf_lines_are_rejoined_into_sentences():
    assert embedding_units(PDF_PARAGRAPH) == [
        "3.2 The forecast revenue outturn position is an overspend of +£23.3m (excluding schools), "
        "which represents 1.6% of the revenue budget.",
        "This is £3.5m lower than the position reported at Quarter 2.",
    ]


def test_list_items_and_table_rows_are_units_and_rows_carry_the_header():
    text = "Actions agreed:\n- Recruit two more IROs by March\n- Publish the local offer\n" \
           "Directorate\tBudget\tForecast\nChildren, Young People & Education\t430.6\t420.8"
    units = embedding_units(text)
    assert "- Recruit two more IROs by March" in units and "- Publish the local offer" in units
    assert units[-1] == "Directorate | Budget | Forecast Children, Young People & Education | 430.6 | 420.8"


def test_table_rows_carry_the_report_title_and_sentences_do_not():
    text = "Children’s services are good.\nJudgement\tGrade\nOverall effectiveness\tGood"
    units = embedding_units(text, context="Inspection of Norfolk children’s services")
    assert units[0] == "Children’s services are good."
    assert units[-1] == ("Inspection of Norfolk children’s services: Judgement | Grade "
                         "Overall effectiveness | Good")


def test_a_heading_printed_over_two_lines_is_read_whole_with_each_row():
    text = ("Directorate\tRevenue\tRevenue\tRevenue\t%\nBudget\tForecast\tVariance\tVariance\n"
            "Children, Young People & Education\t430.6\t420.8\t-9.9\t-2.3%")
    units = embedding_units(text, context="Finance Monitoring Report")
    assert units[-1] == ("Finance Monitoring Report: Directorate | Revenue Budget | Revenue Forecast | "
                         "Revenue Variance | % Variance "
                         "Children, Young People & Education | 430.6 | 420.8 | -9.9 | -2.3%")
    assert not any(u.endswith("Budget | Forecast | Variance | Variance") for u in units)  # not a row of its own


def test_a_row_of_periods_under_the_heading_is_part_of_the_heading():
    text = "By\tBy\tBy\n2025-26\t2026-27\t2027-28\n0 places\t440 places\t90 places"
    assert embedding_units(text)[-1] == "By 2025-26 | By 2026-27 | By 2027-28 0 places | 440 places | 90 places"


def test_a_table_split_mid_way_has_no_headings_to_read_its_rows_with():
    # The chunk starts with a data row: it is not the heading of the rows below it.
    assert embedding_units("Completed on time\t10\t7\nCompleted late\t5\t6") == [
        "Completed on time | 10 | 7", "Completed late | 5 | 6"]


def test_long_units_are_cut_and_tiny_passages_still_get_one_unit():
    assert all(len(u) <= 600 for u in embedding_units("word " * 400))
    assert embedding_units("Priority 2") == ["Priority 2"]
