"""Council vocabulary: acronyms and synonyms, used to expand a query both ways (EHCP <-> EHC plan)."""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path


class Glossary:
    def __init__(self, groups: list[list[str]]) -> None:
        self._groups = groups
        self._patterns = [
            [(form, re.compile(rf"(?<![\w-]){re.escape(form)}s?(?![\w-])", _flags(form))) for form in group]
            for group in groups
        ]

    @classmethod
    def from_csv(cls, path: Path | None = None) -> Glossary:
        source = path.read_text() if path else resources.files("vectorstore").joinpath("data/glossary.csv").read_text()
        groups = []
        for row in csv.reader(line for line in source.splitlines() if line.strip() and not line.startswith("#")):
            term, expansions = row[0].strip(), ",".join(row[1:])
            groups.append([term, *(e.strip() for e in expansions.split(";") if e.strip())])
        return cls(groups)

    def expansions(self, query: str) -> list[str]:
        """Forms of glossary terms that the query uses, by their other names (not already in the query)."""
        extra: list[str] = []
        for group in self._patterns:
            if any(p.search(query) for _, p in group):
                extra.extend(form for form, p in group if not p.search(query) and form not in extra)
        return extra

    def synonym_groups(self, query: str) -> list[tuple[list[str], list[re.Pattern[str]]]]:
        """For each glossary group the query uses: its forms in the query, and patterns for the other forms
        (a text matching one of them speaks of what the query's forms name)."""
        groups = []
        for group in self._patterns:
            in_query = [form for form, p in group if p.search(query)]
            if in_query:
                groups.append((in_query, [p for form, p in group if form not in in_query]))
        return groups

    def expand(self, query: str) -> str:
        extra = self.expansions(query)
        return f"{query} {' '.join(extra)}" if extra else query


def _flags(form: str) -> int:
    # Acronyms match case-sensitively ("PA" is not "pa"); words and phrases match in any case.
    return 0 if form.isupper() and len(form) <= 5 else re.IGNORECASE


@lru_cache(maxsize=1)
def default_glossary() -> Glossary:
    return Glossary.from_csv()
