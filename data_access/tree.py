"""Closure tables for the organisation and goal trees, rebuilt after the trees change; the
economy's subtree totals built over the organisation's closure; and the latest measurement of
each indicator at each unit; the indicators' search text."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Numeric, bindparam, case, cast, delete, func, insert, select, update
from sqlalchemy.orm import Session

from data_access.models import (
    CostCategory,
    EconomyEntry,
    EconomyMonthTotal,
    EconomyTotal,
    Goal,
    GoalClosure,
    Indicator,
    LatestMeasurement,
    Measurement,
    OrgUnit,
    OrgUnitClosure,
)
from data_access.search import search_text


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


def rebuild_economy_totals(session: Session, years: Iterable[int] | None = None) -> None:
    """Recompute every unit's subtree totals (EconomyTotal and EconomyMonthTotal) for `years`
    (default: all) in SQL.

    Call after economy rows or the organisation change; the closure must be current.
    """
    e, c = EconomyEntry, OrgUnitClosure
    columns = (c.ancestor_id, e.year, e.kind, e.month, e.category_id)
    # Rounded to whole kronor: floating-point sums differ in their last bits between databases.
    total = func.round(cast(func.sum(e.amount_tkr), Numeric), 3)
    sums = (select(*columns, total)
            .join(c, c.descendant_id == e.unit_id).group_by(*columns))
    clear = delete(EconomyTotal)
    if years is not None:
        years = sorted(set(years))
        sums, clear = sums.where(e.year.in_(years)), clear.where(EconomyTotal.year.in_(years))
    session.execute(clear)
    target = ("unit_id", "year", "kind", "month", "category_id", "amount_tkr")
    session.execute(insert(EconomyTotal).from_select(target, sums))
    _rebuild_month_totals(session, years)


def _rebuild_month_totals(session: Session, years: list[int] | None) -> None:
    """EconomyMonthTotal from EconomyTotal: the categories summed, costs apart."""
    t = EconomyTotal
    costs = select(CostCategory.id).where(CostCategory.kind == "kostnad")
    columns = (t.unit_id, t.year, t.kind, t.month)
    sums = select(*columns, func.round(cast(func.sum(t.amount_tkr), Numeric), 3),
                  func.round(cast(func.sum(case((t.category_id.in_(costs), t.amount_tkr),
                                                else_=0.0)), Numeric), 3)).group_by(*columns)
    clear = delete(EconomyMonthTotal)
    if years is not None:
        sums, clear = sums.where(t.year.in_(years)), clear.where(EconomyMonthTotal.year.in_(years))
    session.execute(clear)
    target = ("unit_id", "year", "kind", "month", "amount_tkr", "cost_tkr")
    session.execute(insert(EconomyMonthTotal).from_select(target, sums))


def rebuild_latest_measurements(session: Session) -> None:
    """Recompute LatestMeasurement: per indicator and unit, the measurement with a total value
    and the latest period end (the latest loaded, between periods ending the same day).

    Call after measurements change.
    """
    m = Measurement
    newest = func.row_number().over(partition_by=(m.indicator_id, m.unit_id),
                                    order_by=(m.period_end.desc(), m.id.desc()))
    ranked = (select(m.indicator_id, m.unit_id, m.period, m.period_end, m.value_total,
                     newest.label("newest"))
              .where(m.value_total.is_not(None)).subquery())
    latest = select(ranked.c.indicator_id, ranked.c.unit_id, ranked.c.period,
                    ranked.c.period_end, ranked.c.value_total).where(ranked.c.newest == 1)
    session.execute(delete(LatestMeasurement))
    target = ("indicator_id", "unit_id", "period", "period_end", "value_total")
    session.execute(insert(LatestMeasurement).from_select(target, latest))


def refresh_indicator_search(session: Session) -> None:
    """Store each indicator's search text anew where its searched fields changed.

    Call after indicators are written in bulk (the importer's driver inserts and Core updates
    pass by the model's default and its update event).
    """
    table = Indicator.__table__
    rows = session.execute(select(table.c.id, table.c.search_text,
                                  *(table.c[f] for f in Indicator.SEARCHED)))
    changed = [{"_id": row[0], "search_text": text} for row in rows
               if (text := search_text(*row[2:])) != row[1]]
    if changed:
        session.execute(update(table).where(table.c.id == bindparam("_id")), changed)
