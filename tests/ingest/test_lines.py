from ingest.lines import plain_heading_run, split_lines

BYLINE = """Report to Children's Scrutiny Committee: Youth Services Review

Priya Sharma

Interim Deputy Director of Children's Services

May 2024

The service has reduced waiting times for assessments.
"""


def test_a_byline_is_not_a_heading():
    lines = split_lines(BYLINE, 0, len(BYLINE))
    name = next(i for i, ln in enumerate(lines) if ln.text.strip() == "Priya Sharma")
    role = next(i for i, ln in enumerate(lines) if ln.text.strip().startswith("Interim Deputy"))
    assert plain_heading_run(lines, name) == 0
    assert plain_heading_run(lines, role) == 0


def test_a_short_title_case_line_is_still_a_heading():
    text = "Recruit and Retain Staff\n\n4.1 Our ambition is a stable workforce.\n"
    lines = split_lines(text, 0, len(text))
    assert plain_heading_run(lines, 0) == 1
