"""Figures: found in prose, matched by value (with units, number words and rounding)."""

from __future__ import annotations

from assistant.figures import figure_in, find_figures, number_values, quantities


def texts(text: str) -> list[str]:
    return [f.text for f in find_figures(text)]


def test_money_percent_dates_and_numbers() -> None:
    found = texts("An overspend of +£23.3m (1.6% of budget), 1,200 places from 1 April 2025 and 5.574Mt of sand.")
    assert found == ["£23.3m", "1.6%", "1,200", "1 April 2025", "5.574Mt"]


def test_labels_and_ordinals_are_not_quantities() -> None:
    assert texts("Table 1a on the 29th") == []
    assert [f.text for f in quantities("In 2023 the council had 25 homes and seventeen staff")] == ["25", "seventeen"]


def test_matching_by_value() -> None:
    values = number_values("It received £1,147,106 and seventeen meetings took place; 23.3 was the forecast.")
    assert figure_in(find_figures("£1.1m")[0], values)  # a rounding of £1,147,106
    assert figure_in(find_figures("17 meetings")[0], values)
    assert figure_in(find_figures("£23.3 million")[0], values)
    assert not figure_in(find_figures("£24m")[0], values)


def test_excluded_values_are_not_new_quantities() -> None:
    assert quantities("The £5.7m was agreed", exclude={5.7}) == []


def test_a_range_of_days_is_one_date_not_a_count() -> None:
    # Inspection letters print their visits as ranges: the first day is no "how many" answer.
    assert texts("the focused visit on 3 to 4 December 2025") == ["3 to 4 December 2025"]
    assert texts("Inspection dates: 18 to 29 November 2024") == ["18 to 29 November 2024"]
    assert texts("visits on 14 and 15 January 2019 and 5-7 March") == ["14 and 15 January 2019", "5-7 March"]
    assert quantities("the visit on 3 to 4 December 2025") == []


def test_a_comma_after_a_number_is_punctuation() -> None:
    assert [f.text for f in quantities("Since the last inspection in 2023, children are safer")] == []
    assert texts("£1,147,106, then 1,300 places, 25%") == ["£1,147,106", "1,300", "25%"]


def test_a_labelled_identifier_is_no_figure() -> None:
    assert find_figures("the roads identified on Drawing Reference Number 1921") == []  # not the year 1921
    assert find_figures("Item 9 was deferred; application No. 020117") == []
    assert [f.text for f in find_figures("the number of homes is 408")] == ["408"]


def test_a_financial_year_is_one_period_not_a_count() -> None:
    # Ofsted and budget papers print years as spans, with a hyphen, a slash or an en dash.
    found = find_figures("a 34% increase since 2014–15, 2023/24 and 2024-2025")
    assert [(f.text, f.kind) for f in found] == [("34%", "percent"), ("2014–15", "date"), ("2023/24", "date"),
                                                ("2024-2025", "date")]
    assert [f.text for f in quantities("referrals rose by 34% since 2014–15")] == ["34%"]
    assert texts("the plan for 2030-2050") == ["2030", "2050"]  # not consecutive years: two numbers
