"""Search filters: one definition, translated to a Chroma `where` and to a lexical-index mask."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from vectorstore.records import date_number


@dataclass(frozen=True)
class SearchFilters:
    """Restrict a search. Every field is optional; string fields match exactly (case-insensitive)."""

    council: str | None = None
    committee: str | None = None
    doc_type: str | None = None
    document_id: str | None = None
    file_name: str | None = None
    date_from: str | None = None  # ISO date, inclusive
    date_to: str | None = None  # ISO date, inclusive
    public_only: bool = False  # leave out exempt (Part II) papers: set for every caller who may not see them

    def is_empty(self) -> bool:
        return not any(vars(self).values())

    def equalities(self) -> dict[str, str]:
        fields = ("council", "committee", "doc_type", "document_id", "file_name")
        return {f: getattr(self, f) for f in fields if getattr(self, f)}

    def mask(self, columns: dict[str, np.ndarray]) -> np.ndarray:
        """Which rows of a metadata table pass, vectorised (`columns`: field -> casefolded values or
        `meeting_date_num` integers, one entry per chunk)."""
        keep = np.ones(len(columns["meeting_date_num"]), dtype=bool)
        for field, wanted in self.equalities().items():
            keep &= columns[field] == wanted.casefold()
        if self.public_only:
            keep &= columns["access"] != "exempt"
        when = columns["meeting_date_num"]
        if self.date_from:
            keep &= (when > 0) & (when >= date_number(self.date_from))
        if self.date_to:
            keep &= (when > 0) & (when <= date_number(self.date_to))
        return keep

    def matches(self, meta: dict[str, Any]) -> bool:
        """Whether a chunk's metadata passes the filter (used for the lexical index)."""
        for field, wanted in self.equalities().items():
            if str(meta.get(field, "")).casefold() != wanted.casefold():
                return False
        if self.public_only and str(meta.get("access", "")) == "exempt":
            return False
        when = int(meta.get("meeting_date_num") or 0)
        if self.date_from and (not when or when < date_number(self.date_from)):
            return False
        return not (self.date_to and (not when or when > date_number(self.date_to)))

    def chroma_where(self, allowed_values: dict[str, list[str]] | None = None) -> dict[str, Any] | None:
        """The filter as a Chroma `where` clause.

        Chroma compares strings case-sensitively, so equalities are mapped onto the stored spelling
        (`allowed_values`: field -> values present in the store); an unknown value yields a clause
        that matches nothing, which is what a filter with no match should return.
        """
        clauses: list[dict[str, Any]] = []
        for field, wanted in self.equalities().items():
            stored = [v for v in (allowed_values or {}).get(field, []) if v.casefold() == wanted.casefold()]
            clauses.append({field: {"$in": stored or [wanted]}})
        if self.public_only:
            clauses.append({"access": {"$ne": "exempt"}})
        if self.date_from:
            clauses.append({"meeting_date_num": {"$gte": date_number(self.date_from)}})
        if self.date_to:
            clauses.append({"meeting_date_num": {"$lte": date_number(self.date_to)}})
        if not clauses:
            return None
        return clauses[0] if len(clauses) == 1 else {"$and": clauses}
