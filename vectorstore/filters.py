"""Search filters: one definition, translated to a Chroma `where` and to a lexical-index mask."""

from __future__ import annotations

import datetime as dt
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

    @classmethod
    def build(cls, *, council: str | None = None, committee: str | None = None, doc_type: str | None = None,
              document_id: str | None = None, file_name: str | None = None,
              date_from: str | dt.date | None = None, date_to: str | dt.date | None = None) -> SearchFilters | None:
        """The filters a person typed (API, chat page, command line): blanks dropped, dates read as ISO days;
        None when nothing is set. A date that is not one raises ValueError naming it: a filter silently left
        out would show papers the person asked to leave out."""
        filters = cls(council=_text(council), committee=_text(committee), doc_type=_text(doc_type),
                      document_id=_text(document_id), file_name=_text(file_name),
                      date_from=iso_day(date_from, "date_from"), date_to=iso_day(date_to, "date_to"))
        return None if filters.is_empty() else filters

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


def iso_day(value: str | dt.date | None, name: str = "date") -> str | None:
    """"2024-06-01" (or a date) as an ISO day; None when blank; ValueError for anything else."""
    if isinstance(value, dt.date):
        return value.isoformat()
    text = (value or "").strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        raise ValueError(f"{name}: {text!r} is not a date; use YYYY-MM-DD") from None


def _text(value: str | None) -> str | None:
    return (value or "").strip() or None
