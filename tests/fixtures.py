"""Small real-shaped papers the tests write for themselves (not copies of the shared corpus)."""

from __future__ import annotations

from pathlib import Path

REPORT = """\
## Fostering Sufficiency Update

### Report of the Director of Children's Services

Marshfield County Council
Children's Scrutiny Committee
14 March 2024

#### **1) Recommendation**

1.1 That the Committee note the progress on fostering sufficiency.

#### **2) Background**

2.1 The council approved 42 new foster carers in 2023-24, against a target of 50.

2.2 Recruitment events were held in Tiverton and Barnstaple, and a refreshed fostering allowance
was introduced in January 2024 at a cost of £412,000 a year.

#### **3) Placements**

3.1 The number of children placed with independent fostering agencies fell from 210 to 188.

- 3.2 Three new supported lodgings hosts were approved for care leavers.

Placements by type\tMarch 2023\tMarch 2024
In-house foster care\t301\t318
Independent fostering agency\t210\t188
Residential\t96\t102
"""

MINUTES = """\
## Minutes of the Children's Scrutiny Committee

Marshfield County Council, held on 14 March 2024

*(12) Fostering Sufficiency Update*

The Committee considered the report of the Director of Children's Services on fostering sufficiency.
Members asked about the fall in agency placements and were told it reflected the new allowance.

RESOLVED that the report be noted and a further update be brought in September 2024.

*(13) Youth Justice Plan*

The Committee noted the Youth Justice Plan and asked for figures on first-time entrants.
"""


def write_papers(folder: Path) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = {"report": folder / "fostering.txt", "minutes": folder / "minutes.md"}
    paths["report"].write_text(REPORT)
    paths["minutes"].write_text(MINUTES)
    return paths


def write_bad_files(folder: Path) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    bad = {
        "empty": folder / "empty.txt",
        "junk": folder / "junk.txt",
        "corrupt_pdf": folder / "corrupt.pdf",
        "html_as_pdf": folder / "notfound.pdf",
        "unknown": folder / "budget.xlsx",
    }
    bad["empty"].write_text("")
    bad["junk"].write_bytes(bytes(range(256)) * 8)
    bad["corrupt_pdf"].write_bytes(b"%PDF-1.7\n1 0 obj <<>> garbage without xref")
    bad["html_as_pdf"].write_text("<!DOCTYPE html><html><body>Report not found</body></html>")
    bad["unknown"].write_bytes(b"PK\x03\x04 not really a spreadsheet")
    return bad
