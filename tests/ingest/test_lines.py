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


JUDGEMENTS = """- How well IT systems support social workers to do their jobs.

The experiences and progress of children who need help and
protection: requires improvement to be good

1. Children and their families benefit from a comprehensive offer of early help services.

The experiences and progress of children in care and care
leavers requires improvement to be good

20. Children enter care appropriately.
"""


def test_an_inspection_s_judgement_heading_is_a_heading_over_two_lines():
    """Ofsted's judgement headings run to 16 words and two lines, with the grade after a colon or a verb."""
    lines = split_lines(JUDGEMENTS, 0, len(JUDGEMENTS))
    starts = [i for i, ln in enumerate(lines) if ln.text.startswith("The experiences")]
    assert [plain_heading_run(lines, i) for i in starts] == [2, 2]
    # A sentence giving a grade is no heading: it ends with a full stop.
    text = "The quality of plans is good.\n\n4. Plans are reviewed.\n"
    assert plain_heading_run(split_lines(text, 0, len(text)), 0) == 0
