"""Search: the units, goals, indicators, risks, uppdrag and saving measures whose text has
every word of a search (Swedish stems, each word also as the beginning of a longer one),
grouped by kind, in the viewer's scope.

Which objects match comes from the search index (`data_access.search_index.matches`, once
for every kind); what a hit shows is read by id from the object's own table with `scoped`,
so a hit is always an object the viewer may see. Units are listed only where the viewer may
see their own figures (the region and nämnd levels and a member's own units; none for the
public).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy import func, null
from sqlalchemy.orm import Session, aliased

from data_access.models import Goal, OrgUnit, Risk, SavingMeasure, Uppdrag
from data_access.scope import Viewer
from data_access.search_index import (
    SEARCHED,
    among,
    among_ids,
    is_postgres,
    matches,
    search_words,
)

from .filters import scoped, visible_unit_detail

MIN_LENGTH = 2  # characters a search needs before it is run
Namnd = aliased(OrgUnit, name="namnd")  # made once: a new alias costs more than the query


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


@lru_cache(maxsize=256)
def _statement(viewer: Viewer, kind: str, per_kind: int, postgres: bool):
    """The scoped SELECT of (code, title, unit name, nämnd code, year, number of hits) of the
    first `per_kind` by title of `kind`'s objects among the ids bound as `ids` (`among`),
    built once per viewer, kind and database (a statement run again costs less Python than
    one built anew).

    The viewer's rule, the count and the order are the objects' own; the unit and nämnd
    are joined to the first `per_kind` only (every object has a unit, so the join drops
    none), not to every hit counted."""
    model = SEARCHED[kind][0]
    title = model.name if kind in ("enhet", "indikator") else model.title
    year = model.year if kind in ("uppdrag", "atgard") else null()
    unit_id = _UNIT_OF.get(kind, null())
    first = (scoped(model, viewer, model.code, title.label("title"), year.label("year"),
                    unit_id.label("unit_id"), func.count().over().label("count"))
             .where(among(postgres, model.id))
             .order_by(title, model.code).limit(per_kind))
    if kind == "enhet":
        first = first.where(OrgUnit.active.is_(True), visible_unit_detail(viewer))
    if kind not in _UNIT_OF:
        c = first.selected_columns
        return first.with_only_columns(c.code, c.title, null(), null(), c.year, c["count"])
    hits = first.subquery("hits")
    return (scoped(OrgUnit, viewer, hits.c.code, hits.c.title, OrgUnit.name, Namnd.code,
                   hits.c.year, hits.c["count"])
            .join(hits, hits.c.unit_id == OrgUnit.id)
            .outerjoin(Namnd, Namnd.id == OrgUnit.namnd_id)
            .order_by(hits.c.title, hits.c.code))


def search(session: Session, viewer: Viewer, query: str | None,
           per_kind: int = 5) -> list[KindHits]:
    """The kinds with hits for `query`, in SEARCHED's order: each with its number of hits
    and the first `per_kind` by title. Empty for a search shorter than MIN_LENGTH."""
    query_words = search_words(query)
    if len("".join(query_words)) < MIN_LENGTH:
        return []
    found, matched = [], matches(session, query_words)
    postgres = is_postgres(session)
    for kind in SEARCHED:
        if kind not in matched:
            continue
        rows = session.execute(_statement(viewer, kind, per_kind, postgres),
                               {"ids": among_ids(postgres, matched[kind])}).all()
        if rows:
            found.append(KindHits(kind, rows[0][-1], [Hit(kind, *row[:5]) for row in rows]))
    return found
