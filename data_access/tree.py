"""Closure tables for the organisation and goal trees, rebuilt after the trees change."""

from __future__ import annotations

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from data_access.models import Goal, GoalClosure, OrgUnit, OrgUnitClosure


def closure_pairs(parent_of: dict[int, int | None]) -> list[dict[str, int]]:
    """Every (ancestor, descendant, depth) of a forest given as child -> parent."""
    pairs = []
    for node in parent_of:
        ancestor, depth, seen = node, 0, set()
        while ancestor is not None:
            if ancestor in seen:
                raise ValueError(f"cycle in tree at id {ancestor}")
            seen.add(ancestor)
            pairs.append({"ancestor_id": ancestor, "descendant_id": node, "depth": depth})
            ancestor, depth = parent_of.get(ancestor), depth + 1
    return pairs


def _rebuild(session: Session, model, closure) -> None:
    parent_of = dict(session.execute(select(model.id, model.parent_id)).all())
    session.execute(delete(closure))
    pairs = closure_pairs(parent_of)
    for start in range(0, len(pairs), 5000):
        session.execute(insert(closure), pairs[start : start + 5000])


def rebuild_closures(session: Session) -> None:
    """Recompute both closure tables from the parent links."""
    _rebuild(session, OrgUnit, OrgUnitClosure)
    _rebuild(session, Goal, GoalClosure)
