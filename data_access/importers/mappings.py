"""Proposed mappings for a file from another system: its names matched to ours.

    suggest(session, open("stratsys.csv", "rb"), "enhet", source="stratsys")

Reads one column of the file (the kind's usual header, e.g. "Enhet") and proposes, for each
distinct name that is neither one of our codes nor already mapped, the code of the row with
the same name: written exactly so, or the same once case and spacing are evened out (å, ä
and ö stay letters of their own). A name with no single match gets an empty code and a note
saying why, so the proposal cannot be imported before a person has looked at it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import BinaryIO

from sqlalchemy import select
from sqlalchemy.orm import Session

from data_access import models as m
from data_access.importers.kinds import ANY_SOURCE, MAPPED_REFS, MAPPING_TYPES, STRATSYS_HEADERS
from data_access.importers.reading import open_sheet
from data_access.importers.report import FileProblem
from data_access.importers.values import Text, is_empty, match_key

# Per type: the header the file usually has and the field holding the row's name.
HEADERS = {"enhet": "Enhet", "indikator": "Indikator", "mal": "Mål",
           "kostnadsslag": "Kostnadsslag"}
# Where the usual header is missing, the same column under Stratsys's headers.
OTHER_HEADERS = {"enhet": STRATSYS_HEADERS["unit"], "indikator": STRATSYS_HEADERS["indicator"],
                 "mal": STRATSYS_HEADERS["goal"]}
NAME_FIELDS = {"enhet": "name", "indikator": "name", "mal": "title", "kostnadsslag": "name"}
PLURALS = {"enhet": "enheter", "indikator": "indikatorer", "mal": "mål",
           "kostnadsslag": "kostnadsslag"}
CELL = Text()


@dataclass
class Suggestions:
    """Rows of the mappning kind (parsed values) and notes for a person, in Swedish."""

    rows: list[list] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    exact: int = 0
    normalised: int = 0
    codes: int = 0
    mapped: int = 0

    def summary(self) -> str:
        open_ = len(self.rows) - self.exact - self.normalised
        return (f"{len(self.rows)} förslag: {self.exact} med exakt samma namn, "
                f"{self.normalised} med samma namn utom stora och små bokstäver och mellanslag, "
                f"{open_} utan förslag. {self.codes} värden var redan koder och {self.mapped} "
                "hade redan en mappning.")


def type_of(word: str) -> str:
    """The stored mapping type for a word a person writes ("mål" or "mal" → "mal")."""
    return MAPPING_TYPES.parse(word)


def suggest(session: Session, stream: BinaryIO, kind: str, *, source: str | None = None,
            header: str | None = None) -> Suggestions:
    """Proposed mappings for the distinct names in one column of a CSV or .xlsx file."""
    sheet = open_sheet(stream)
    names = [match_key(h) for h in sheet.header]
    tried = [header] if header else [HEADERS[kind], *OTHER_HEADERS.get(kind, ())]
    header = next((h for h in tried if match_key(h) in names), None)
    if header is None:
        raise FileProblem(f"kolumnen ”{tried[0]}” finns inte i rubrikraden; ange rubriken med "
                          "--kolumn", row=1)
    index = names.index(match_key(header))
    written = list(dict.fromkeys(
        CELL.parse(cells[index]) for _, cells in sheet.rows
        if index < len(cells) and not is_empty(cells[index])))

    ref = MAPPED_REFS[kind]
    name_column = getattr(ref.model, NAME_FIELDS[kind])
    stored = session.execute(select(ref.model.code, name_column)).all()
    codes = {code for code, _ in stored}
    by_name: dict[str, list[str]] = {}
    by_key: dict[str, list[str]] = {}
    for code, name in stored:
        by_name.setdefault(name, []).append(code)
        by_key.setdefault(match_key(name), []).append(code)
    source_key = match_key(source) if source else ANY_SOURCE
    mapped = set(session.scalars(select(m.Mapping.external).where(
        m.Mapping.kind == kind, m.Mapping.source.in_({source_key, ANY_SOURCE}))))

    found = Suggestions()
    for name in written:
        if name in codes:
            found.codes += 1
            continue
        if match_key(name) in mapped:
            found.mapped += 1
            continue
        exact, same = by_name.get(name, []), by_key.get(match_key(name), [])
        code = None
        if len(exact) == 1:
            code, found.exact = exact[0], found.exact + 1
        elif len(same) == 1:
            code, found.normalised = same[0], found.normalised + 1
        elif same:
            found.notes.append(f"”{name}”: flera {PLURALS[kind]} har det namnet ("
                               + ", ".join(sorted(same)) + "); fyll i den som avses")
        else:
            found.notes.append(f"”{name}”: ingen {ref.what} har det namnet; fyll i koden")
        found.rows.append([source_key, kind, name, code])
    return found

