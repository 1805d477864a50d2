"""Footnotes printed at the foot of a PDF page ("18 NOMIS, Official Labour Market Statistics - link").

A footnote starts with its number, as a numbered heading does ("4 Next Steps"), and read as one it cuts the
report's own numbering: "5.4.1 Introduction" filed under "18 NOMIS ...". Two things a heading lacks tell a
footnote apart, both from how footnotes are printed: it sits in its page's last block (after the page's last
blank line, with the footnotes after it numbered on by one), and the body carries its reference mark, which
plain extraction glues to the word or stop before it ("the figure is 81.5%.14", "within the Central Core.19").
"""

from __future__ import annotations

import re
from bisect import bisect_right

from ingest.lines import Line
from ingest.models import PageSpan

# A reference mark: digits glued to a lower-case word, a per cent sign or a closing bracket or quote, with or
# without a stop between ("area1", "81.5%.14", "Core.19", "(2012)3"). A digit before the stop is a decimal.
_MARK = re.compile(r"(?:(?<=[a-z%)’”])|(?<=[a-z%)’”][.,;:]))(?P<n>[1-9]\d{0,2})(?![\d])(?!\.\d)")
_NUMBER_LED = re.compile(r"^\s*(?P<n>[1-9]\d{0,2})[ \t]+\S")
MIN_RUN = 3  # page feet numbered on, one after another, that make a paper's footnotes without marks


def reference_marks(text: str) -> frozenset[int]:
    """The footnote numbers the text refers to by glued marks."""
    return frozenset(int(m.group("n")) for m in _MARK.finditer(text))


def footnote_lines(lines: list[Line], pages: list[PageSpan], marks: frozenset[int]) -> frozenset[int]:
    """Indices of `lines` printed as footnotes.

    A candidate is a page's last block opening with a number (no stop: "18 NOMIS", not "18. The council"),
    its number-led lines going on by one. Candidates are footnotes when the text refers to each of their
    numbers by a glued mark, or when they number on through the paper, page foot after page foot, at least
    `MIN_RUN` times: extraction often loses the marks, and headings and paragraphs do not sit at the foot of
    page after page in one rising sequence."""
    starts = [page.start for page in pages]
    by_page: list[list[int]] = [[] for _ in pages]
    for i, line in enumerate(lines):
        at = bisect_right(starts, line.start) - 1
        if at >= 0 and line.end <= pages[at].end:
            by_page[at].append(i)
    candidates = [block for on_page in by_page if (block := _foot_block(lines, on_page))]
    found: set[int] = set()
    run: list[list[int]] = []
    last = 0
    for block in candidates:
        numbers = _numbers(lines, block)
        if all(n in marks for n in numbers):
            found.update(block)
        if numbers[0] > last:
            run.append(block)
            last = numbers[-1]
    if len(run) >= MIN_RUN and not _numbered_between(lines, run):
        for block in run:
            found.update(block)
    return frozenset(found)


def _numbered_between(lines: list[Line], run: list[list[int]]) -> bool:
    """Whether the page bodies number on the same range at least as often as the feet do: then the feet hold
    the ends of a numbered list that runs through the pages (a decision's conditions "4 The development ..."),
    not footnotes, whose numbers are printed at page feet only."""
    in_run = {i for block in run for i in block}
    feet = [n for block in run for n in _numbers(lines, block)]
    body = [int(m.group("n")) for i, ln in enumerate(lines)
            if i not in in_run and "\t" not in ln.text and (m := _NUMBER_LED.match(ln.text))]
    low, high = min(feet), max(feet)
    return sum(1 for n in body if low <= n <= high) >= len(feet)


def _foot_block(lines: list[Line], on_page: list[int]) -> list[int]:
    """The page's last block (after its last blank line) when it opens with a number and its number-led lines
    go on by one; else empty. `on_page`: the indices of the page's lines."""
    on_page = list(on_page)
    while on_page and lines[on_page[-1]].blank:
        on_page.pop()
    block: list[int] = []
    for i in reversed(on_page):
        if lines[i].blank:
            break
        block.insert(0, i)
    if not block or not _NUMBER_LED.match(lines[block[0]].text) or any("\t" in lines[i].text for i in block):
        return []  # a tab-separated line is a table's row ("14 Evie Smets<TAB>Views and concerns ...")
    numbers = _numbers(lines, block)
    return block if all(b == a + 1 for a, b in zip(numbers, numbers[1:], strict=False)) else []


def _numbers(lines: list[Line], block: list[int]) -> list[int]:
    return [int(m.group("n")) for i in block if (m := _NUMBER_LED.match(lines[i].text))]
