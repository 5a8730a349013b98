"""Search: the units, goals, indicators, risks, uppdrag and saving measures whose text has
every word of a search (Swedish stems, each word also as the beginning of a longer one),
grouped by kind, in the viewer's scope.

Which objects match comes from the search index (`data_access.search_index`); what a hit
shows is read from the object's own table with `scoped`, so a hit is always an object the
viewer may see. Units are listed only where the viewer may see their own figures (the
region and nämnd levels and a member's own units; none for the public).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, null
from sqlalchemy.orm import Session, aliased

from data_access.models import Goal, OrgUnit, Risk, SavingMeasure, Uppdrag
from data_access.scope import Viewer
from data_access.search_index import SEARCHED, matching, matching_kinds, search_words

from .filters import scoped, visible_unit_detail

MIN_LENGTH = 2  # characters a search needs before it is run
Namnd = aliased(OrgUnit, name="namnd")
Unit = aliased(OrgUnit, name="unit")  # made once: a new alias costs more than the query


@dataclass(frozen=True)
class Hit:
    """One object found: its kind, code and title, the name of the unit it belongs to (a
    goal's, risk's, uppdrag's or saving measure's; None for units and indicators) and what
    its page needs besides the code (the nämnd's code and the year for uppdrag and saving
    measures)."""

    kind: str
    code: str
    title: str
    place: str | None = None
    namnd: str | None = None
    year: int | None = None


@dataclass(frozen=True)
class KindHits:
    """The hits of one kind: how many there are, and the first of them (by title)."""

    kind: str
    count: int
    hits: list[Hit]


# Kind -> the column naming the unit an object belongs to.
_UNIT_OF = {"mal": Goal.owner_unit_id, "risk": Risk.owner_unit_id,
            "uppdrag": Uppdrag.assignee_unit_id, "atgard": SavingMeasure.unit_id}


def _statement(kind: str, viewer: Viewer):
    """The scoped SELECT of (code, title, unit name, nämnd code, year) of `kind`'s objects,
    and the column its hits are ordered by."""
    model = SEARCHED[kind][0]
    title = model.name if kind in ("enhet", "indikator") else model.title
    if kind not in _UNIT_OF:
        statement = scoped(model, viewer, model.code, title, null(), null(), null())
        if kind == "enhet":
            statement = statement.where(OrgUnit.active.is_(True), visible_unit_detail(viewer))
        return statement, title
    year = model.year if kind in ("uppdrag", "atgard") else null()
    return (scoped(model, viewer, model.code, title, Unit.name, Namnd.code, year)
            .join(Unit, Unit.id == _UNIT_OF[kind])
            .outerjoin(Namnd, Namnd.id == Unit.namnd_id)), title


def search(session: Session, viewer: Viewer, query: str | None,
           per_kind: int = 5) -> list[KindHits]:
    """The kinds with hits for `query`, in SEARCHED's order: each with its number of hits
    and the first `per_kind` by title. Empty for a search shorter than MIN_LENGTH."""
    query_words = search_words(query)
    if len("".join(query_words)) < MIN_LENGTH:
        return []
    found, kinds = [], matching_kinds(session, query_words)
    for kind, (model, _fields) in SEARCHED.items():
        if kind not in kinds:
            continue
        statement, title = _statement(kind, viewer)
        rows = session.execute(
            statement.add_columns(func.count().over())
            .where(matching(session, kind, query_words))
            .order_by(title, model.code).limit(per_kind)).all()
        if rows:
            found.append(KindHits(kind, rows[0][-1], [Hit(kind, *row[:5]) for row in rows]))
    return found
