"""Open data: what the region has decided to publish, for the public pages, downloads and API.

Callers pass the public viewer (`data_access.scope.PUBLIC`): these pages show the same to
everyone, logged in or not, and every read goes through `scoped`, so an unpublished goal or
indicator is never in an answer. A published indicator's values, targets and Kolada
comparisons are public at every unit that reports them.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy import Select, and_, bindparam, func
from sqlalchemy.orm import Session, aliased

from data_access.models import (
    ComparisonMeasurement,
    Goal,
    GoalClosure,
    GoalStatus,
    Indicator,
    LatestMeasurement,
    Measurement,
    OrgUnit,
    OrgUnitClosure,
    Perspective,
    PublicHeadline,
    Target,
    goal_indicators,
    goal_perspectives,
)
from data_access.scope import Viewer
from data_access.search import search_words
from data_access.status import GREY, STATUSES, indicator_status

from .filters import narrowing_ids, scoped
from .indicators import UnitRef
from .indicators import _kind_order as kind_order
from .indicators import _level_order as level_order


# --- Reference lists: målområden and perspectives ------------------------------------------


@dataclass(frozen=True)
class Choice:
    """Something to filter by: a code and a name."""

    code: str
    name: str


def perspectives(session: Session, viewer: Viewer) -> list[Choice]:
    """Every perspective (jämställdhet, barnrätt, …) by name."""
    return [Choice(*row) for row in session.execute(_perspectives_query(viewer)).all()]


@lru_cache(maxsize=256)
def _perspectives_query(viewer: Viewer) -> Select:
    """The query of `perspectives`, built once per viewer."""
    return scoped(Perspective, viewer, Perspective.code, Perspective.name).order_by(Perspective.name)


AREA = aliased(Goal, name="area")


def _area_of(viewer: Viewer, *columns) -> Select:
    """SELECT `columns` FROM the viewer's goals joined to the målområde they are in (AREA).

    Only through goals the viewer sees: a published indicator measuring only unpublished
    goals belongs to no målområde here.
    """
    return (
        scoped(Goal, viewer, *columns)
        .join(GoalClosure, GoalClosure.descendant_id == Goal.id)
        .join(AREA, AREA.id == GoalClosure.ancestor_id)
        .where(AREA.kind == "malomrade")
    )


# --- Indicators ----------------------------------------------------------------------------


@dataclass(frozen=True)
class PublicIndicator:
    """A published indicator with the målområden and perspectives of the goals it measures."""

    id: int
    code: str
    name: str
    description: str
    explanation: str
    unit: str
    direction: str
    frequency: str
    source: str
    by_sex: bool
    long_term: bool
    areas: tuple[str, ...]  # målområde codes
    perspectives: tuple[str, ...]  # perspective codes


@dataclass(frozen=True)
class PublicFilter:
    """What a reader narrows the public lists to: a målområde, a perspective, words (each must
    occur, in any case)."""

    area: str | None = None
    perspective: str | None = None
    text: str = ""


def _indicator_areas(viewer: Viewer, code: str | None = None) -> Select:
    """SELECT (indicator id, målområde code) for the målområden its visible goals are in (only
    the målområde `code`, if given)."""
    link = goal_indicators.c
    query = _area_of(viewer, link.indicator_id, AREA.code).join(goal_indicators,
                                                                link.goal_id == Goal.id)
    return query if code is None else query.where(AREA.code == code)


def _indicator_perspectives(viewer: Viewer, code: str | None = None) -> Select:
    """SELECT (indicator id, perspective code) for the perspectives of its visible goals (only
    the perspective `code`, if given)."""
    link = goal_indicators.c
    query = (scoped(Goal, viewer, link.indicator_id, Perspective.code)
             .join(goal_indicators, link.goal_id == Goal.id)
             .join(goal_perspectives, goal_perspectives.c.goal_id == Goal.id)
             .join(Perspective, Perspective.id == goal_perspectives.c.perspective_id))
    return query if code is None else query.where(Perspective.code == code)


def _of_indicators(query: Select, ids: list[int] | None) -> Select:
    """`query`'s distinct (indicator id, code) pairs, for the indicators `ids` (all if None)."""
    if ids is not None:
        query = query.where(goal_indicators.c.indicator_id.in_(ids))
    return query.distinct()


def _grouped(rows) -> dict:
    """(key, value) rows as key -> sorted values."""
    groups = defaultdict(list)
    for key, value in rows:
        groups[key].append(value)
    return {key: sorted(values) for key, values in groups.items()}


# The columns of a PublicIndicator stored on its row, in order.
PUBLIC_COLUMNS = tuple(getattr(Indicator, name) for name in (
    "id", "code", "name", "description", "explanation", "unit", "direction", "frequency",
    "source", "by_sex", "long_term"))


def _matching(viewer: Viewer, which: PublicFilter, *columns) -> Select:
    """SELECT `columns` of the viewer's published indicators matching `which`, by name.

    The words are compared with the stored casefolded search text (data_access.search), so
    the search is the same on every database; LIKE's wildcards in a word are escaped.
    """
    i = Indicator
    query = scoped(i, viewer, *columns).where(i.published.is_(True))
    if which.area:
        query = query.where(i.id.in_(_indicator_areas(viewer, which.area)
                                     .with_only_columns(goal_indicators.c.indicator_id)))
    if which.perspective:
        query = query.where(i.id.in_(_indicator_perspectives(viewer, which.perspective)
                                     .with_only_columns(goal_indicators.c.indicator_id)))
    for word in search_words(which.text):
        query = query.where(i.search_text.contains(word, autoescape=True))
    # The code breaks ties between equal names: every page of the list has a fixed order.
    return query.order_by(i.name, i.code)


def _public_indicators(session: Session, viewer: Viewer, rows: list,
                       whole: bool) -> list[PublicIndicator]:
    """Rows of PUBLIC_COLUMNS as indicators with their målområden and perspectives (looked up
    for these indicators only, unless `whole`: they are every published one)."""
    if not rows:
        return []
    of_areas, of_perspectives = _links_queries(viewer, whole)
    ids = {} if whole else {"ids": [row.id for row in rows]}
    areas = _grouped(session.execute(of_areas, ids).all())
    persp = _grouped(session.execute(of_perspectives, ids).all())
    return [PublicIndicator(*row[:9], bool(row.by_sex), bool(row.long_term),
                            tuple(areas.get(row.id, ())), tuple(persp.get(row.id, ())))
            for row in rows]


@lru_cache(maxsize=256)
def _links_queries(viewer: Viewer, whole: bool) -> tuple[Select, Select]:
    """The queries of `_public_indicators`: (indicator id, målområde code) and (indicator id,
    perspective code), of every indicator or (not `whole`) of the parameter `ids`; built once
    per viewer."""
    ids = None if whole else bindparam("ids", expanding=True)
    return (_of_indicators(_indicator_areas(viewer), ids),
            _of_indicators(_indicator_perspectives(viewer), ids))


def published_indicators(session: Session, viewer: Viewer,
                         code: str | None = None) -> list[PublicIndicator]:
    """The viewer's published indicators by name (only the one with `code`, if given)."""
    rows = session.execute(_published_query(viewer, code is not None), {"code": code}).all()
    return _public_indicators(session, viewer, rows, whole=code is None)


@lru_cache(maxsize=256)
def _published_query(viewer: Viewer, one: bool) -> Select:
    """The query of `published_indicators` (`one`: only the one with the parameter `code`),
    built once per viewer."""
    query = _matching(viewer, PublicFilter(), *PUBLIC_COLUMNS)
    return query.where(Indicator.code == bindparam("code")) if one else query


def published_indicator_count(session: Session, viewer: Viewer) -> int:
    """How many indicators are published (the same for every known viewer)."""
    return session.execute(_count_query(viewer)).scalar_one()


@lru_cache(maxsize=256)
def _count_query(viewer: Viewer) -> Select:
    """The query of `published_indicator_count`, built once per viewer."""
    return scoped(Indicator, viewer, func.count()).where(Indicator.published.is_(True))


def indicator_page(session: Session, viewer: Viewer, which: PublicFilter = PublicFilter(),
                   offset: int = 0, limit: int | None = None, total: int | None = None) -> Page:
    """One page of the published indicators matching `which` (PublicIndicator, by name), and
    how many match in all (`total` when the caller knows it: then it is not counted again)."""
    query, counting, paged = _indicator_page_queries(viewer, which)
    if limit is None:
        page = _page(query, session, offset, limit, total)
    else:  # as `_page`, with the statements made once
        if total is None:
            total = session.execute(counting).scalar_one()
        page = Page(session.execute(paged, {"offset": offset, "limit": limit}).all(), total)
    return Page(_public_indicators(session, viewer, page.rows, whole=False), page.total)


@lru_cache(maxsize=256)
def _indicator_page_queries(viewer: Viewer,
                            which: PublicFilter) -> tuple[Select, Select, Select]:
    """The queries of `indicator_page`: every matching indicator, how many they are, and a
    page of them (parameters `offset`, `limit`); built once per viewer and filter."""
    query = _matching(viewer, which, *PUBLIC_COLUMNS)
    return (query, _counting(query),
            query.offset(bindparam("offset")).limit(bindparam("limit")))


@dataclass(frozen=True)
class IndicatorKey:
    """What a list needs of every matching indicator, not only those on the page shown."""

    id: int
    code: str
    direction: str  # for its status


def indicator_keys(session: Session, viewer: Viewer,
                   which: PublicFilter = PublicFilter()) -> list[IndicatorKey]:
    """Every published indicator matching `which`, by name, as IndicatorKey."""
    i = Indicator
    return [IndicatorKey(*row)
            for row in session.execute(_matching(viewer, which, i.id, i.code, i.direction))]


def indicator_codes(session: Session, viewer: Viewer, which: PublicFilter,
                    limit: int) -> list[str]:
    """The codes of the first `limit` published indicators matching `which`, by name."""
    query = _matching(viewer, which, Indicator.code).limit(limit)
    return list(session.execute(query).scalars())


def indicator_ids(session: Session, viewer: Viewer, codes: list[str]) -> dict[str, int]:
    """code -> id of the published indicators among `codes`."""
    query = _matching(viewer, PublicFilter(), Indicator.code, Indicator.id)
    return dict(session.execute(query.where(Indicator.code.in_(codes))).all())


# --- Units reporting, and the headline value ----------------------------------------------


def reporting_units(session: Session, viewer: Viewer, indicator_id: int) -> list[UnitRef]:
    """The units with values of the indicator, the highest level first (the region on top)."""
    rows = session.execute(_reporting_query(viewer), {"indicator_id": indicator_id}).all()
    return [UnitRef(*row) for row in rows]


@lru_cache(maxsize=256)
def _reporting_query(viewer: Viewer) -> Select:
    """The query of `reporting_units` (parameter `indicator_id`), built once per viewer."""
    reporting = scoped(Measurement, viewer, Measurement.unit_id).where(
        Measurement.indicator_id == bindparam("indicator_id"))
    return (scoped(OrgUnit, viewer, OrgUnit.id, OrgUnit.code, OrgUnit.name, OrgUnit.level)
            .where(OrgUnit.id.in_(reporting))
            .order_by(level_order(OrgUnit.level), OrgUnit.sort_order, OrgUnit.name))


@dataclass(frozen=True)
class Headline:
    """An indicator's latest value at its headline unit (the highest level that reports it)."""

    indicator_id: int
    unit_code: str
    unit_name: str
    period: str
    period_end: dt.date
    value: float
    target: float | None
    upper: float | None
    tolerance: float | None


def headlines(session: Session, viewer: Viewer,
              ids: list[int] | None = None) -> dict[int, Headline]:
    """indicator id -> its latest value at its headline unit, with that year's målvärde (for
    the indicators `ids` only, if given): as the public sees them, stored after every load
    (PublicHeadline, `computed_headlines`)."""
    if ids is not None and not ids:
        return {}
    return {row[0]: Headline(*row)
            for row in session.execute(_headlines_query(viewer, ids is None), {"ids": ids})}


@lru_cache(maxsize=256)
def _headlines_query(viewer: Viewer, every: bool) -> Select:
    """The query of `headlines` (unless `every`, of the indicators of the parameter `ids`),
    built once per viewer."""
    h = PublicHeadline
    query = (scoped(h, viewer, h.indicator_id, OrgUnit.code, OrgUnit.name, h.period,
                    h.period_end, h.value, h.target, h.upper, h.tolerance)
             .join(OrgUnit, OrgUnit.id == h.unit_id))
    return query if every else query.where(h.indicator_id.in_(bindparam("ids", expanding=True)))


def computed_headlines(session: Session, viewer: Viewer) -> list[dict]:
    """Every published indicator's headline as `viewer` sees it (PublicHeadline stores the
    public's), computed from the latest values and the targets, as PublicHeadline's columns
    (its status by `indicator_status`).

    The headline unit is the highest-level unit with a value (the region first); the values
    come from LatestMeasurement, each unit's latest, pre-computed at import. The målvärde is
    the one set at the unit or else at its nearest unit above, as on the indicator page.
    """
    latest = LatestMeasurement
    # The highest level reporting each indicator, then its rows at that level, the first
    # (by sort order and name) kept here: a group's minimum and a keyed join cost a third of
    # numbering every (indicator, unit) row by a window.
    level = level_order(OrgUnit.level)
    best = (scoped(latest, viewer, latest.indicator_id, func.min(level).label("level"))
            .join(OrgUnit, OrgUnit.id == latest.unit_id)
            .group_by(latest.indicator_id)).subquery()
    at_level = session.execute(
        scoped(latest, viewer, latest.indicator_id, latest.unit_id, latest.period,
               latest.period_end, latest.value_total, Indicator.direction)
        .join(best, best.c.indicator_id == latest.indicator_id)
        .join(OrgUnit, and_(OrgUnit.id == latest.unit_id, level == best.c.level))
        .join(Indicator, Indicator.id == latest.indicator_id)
        .where(Indicator.published.is_(True))
        .order_by(latest.indicator_id, OrgUnit.sort_order, OrgUnit.name)
    ).all()
    first: dict[int, tuple] = {}
    for row in at_level:
        first.setdefault(row[0], tuple(row))
    rows = list(first.values())
    targets = _nearest_targets(session, viewer, [(r[0], r[1], r[3].year) for r in rows])
    computed = []
    for indicator, unit, period, period_end, value, direction in rows:
        target, upper, tolerance = targets.get((indicator, unit, period_end.year),
                                               (None, None, None))
        computed.append({
            "indicator_id": indicator, "unit_id": unit, "period": period,
            "period_end": period_end, "value": value, "target": target, "upper": upper,
            "tolerance": tolerance,
            "status": indicator_status(value, target, direction=direction,
                                       tolerance=tolerance or 0.0, upper=upper),
        })
    return computed


def headline_statuses(session: Session, viewer: Viewer, which: PublicFilter) -> dict[str, int]:
    """How many of the published indicators matching `which` have each status at their
    headline value (Saknar data for those without one), counted in the database."""
    counts = dict.fromkeys(STATUSES, 0)
    for status, count in session.execute(_statuses_query(viewer, which)).all():
        counts[status] = count
    return counts


@lru_cache(maxsize=256)
def _statuses_query(viewer: Viewer, which: PublicFilter) -> Select:
    """The query of `headline_statuses`, built once per viewer and filter."""
    h = PublicHeadline
    matching = _matching(viewer, which, Indicator.id).order_by(None).subquery()
    status = func.coalesce(h.status, GREY)
    return (scoped(Indicator, viewer, status, func.count())
            .join(matching, matching.c.id == Indicator.id)
            .outerjoin(h, h.indicator_id == Indicator.id)
            .group_by(status))


def _nearest_targets(session: Session, viewer: Viewer,
                     wanted: list[tuple[int, int, int]]) -> dict[tuple, tuple]:
    """(indicator id, unit id, year) -> (value, upper, tolerance) set nearest at or above."""
    if not wanted:
        return {}
    t, c = Target, OrgUnitClosure
    # Few units and years (headline units are high up) but many indicators: the units' chains
    # first, then the targets set on those units, matched here. (One join lets the planner
    # probe every indicator at every unit.)
    units, years = {unit for _, unit, _ in wanted}, {year for _, _, year in wanted}
    chains = session.execute(
        scoped(c, viewer, c.descendant_id, c.ancestor_id, c.depth)
        .where(c.descendant_id.in_(units))).all()
    on_units = narrowing_ids(t, t.unit_id.in_({ancestor for _, ancestor, _ in chains}),
                             t.year.in_(years))
    set_at: dict[tuple, tuple] = {
        (indicator, unit, year): (value, upper, tolerance)
        for indicator, unit, year, value, upper, tolerance in session.execute(
            scoped(t, viewer, t.indicator_id, t.unit_id, t.year, t.value, t.upper_value,
                   t.tolerance).where(t.id.in_(on_units)))
    }
    above: dict[int, list[int]] = defaultdict(list)  # a unit, then the units above it
    for unit, ancestor, _depth in sorted(chains, key=lambda row: row[2]):
        above[unit].append(ancestor)
    nearest: dict[tuple, tuple] = {}
    for indicator, unit, year in wanted:
        for ancestor in above[unit]:
            found = set_at.get((indicator, ancestor, year))
            if found is not None:
                nearest[indicator, unit, year] = found
                break
    return nearest


# --- Goals ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class PublicGoal:
    """A published goal with its status at a follow-up and its place in the published chain."""

    id: int
    code: str
    kind: str
    title: str
    description: str
    owner_code: str
    owner_name: str
    status: str
    parent_code: str | None  # the nearest published goal above it
    area_code: str | None  # the målområde it is in (itself, for a målområde)
    perspectives: tuple[str, ...]
    indicators: tuple[str, ...]  # codes of the published indicators measuring it


ABOVE = aliased(Goal, name="above")  # one alias: its rule is adapted to it once per viewer


def _nearest_parents(session: Session, viewer: Viewer) -> dict[int, str]:
    """goal id -> code of the nearest goal above it that the viewer sees."""
    above = ABOVE
    rows = session.execute(
        scoped(Goal, viewer, Goal.id, above.code)
        .join(GoalClosure, GoalClosure.descendant_id == Goal.id)
        .join(above, above.id == GoalClosure.ancestor_id)
        .where(GoalClosure.depth > 0)
        .order_by(GoalClosure.depth)
    ).all()
    nearest: dict[int, str] = {}
    for goal_id, code in rows:
        nearest.setdefault(goal_id, code)
    return nearest


def published_goals(session: Session, viewer: Viewer, followup_id: int | None) -> list[PublicGoal]:
    """The viewer's published goals, parents first, with reported status at the follow-up."""
    status = func.coalesce(GoalStatus.reported_status, GREY)
    rows = session.execute(
        scoped(Goal, viewer, Goal.id, Goal.code, Goal.kind, Goal.title, Goal.description,
               OrgUnit.code, OrgUnit.name, status)
        .join(OrgUnit, OrgUnit.id == Goal.owner_unit_id)
        .outerjoin(GoalStatus, and_(GoalStatus.goal_id == Goal.id,
                                    GoalStatus.followup_period_id == followup_id))
        .where(Goal.published.is_(True))
        .order_by(kind_order(), Goal.sort_order, Goal.code)
    ).all()
    parents = _nearest_parents(session, viewer)
    areas = dict(session.execute(
        _area_of(viewer, Goal.id, AREA.code)).all())
    persp = _grouped(session.execute(
        scoped(Goal, viewer, Goal.id, Perspective.code)
        .join(goal_perspectives, goal_perspectives.c.goal_id == Goal.id)
        .join(Perspective, Perspective.id == goal_perspectives.c.perspective_id)).all())
    measured = _grouped(session.execute(
        scoped(Indicator, viewer, goal_indicators.c.goal_id, Indicator.code)
        .join(goal_indicators, goal_indicators.c.indicator_id == Indicator.id)).all())
    return [PublicGoal(*row, parents.get(row[0]), areas.get(row[0]),
                       tuple(persp.get(row[0], ())), tuple(measured.get(row[0], ())))
            for row in rows]


# --- Values, targets and comparisons: the open data ---------------------------------------


@dataclass(frozen=True)
class Page:
    """One page of rows, and how many rows match in all."""

    rows: list
    total: int


@dataclass(frozen=True)
class ValueRow:
    """A published indicator's value at a unit for a period."""

    indicator_code: str
    unit_code: str
    unit_name: str
    period: str
    period_end: dt.date
    total: float | None
    women: float | None
    men: float | None
    source: str


@dataclass(frozen=True)
class ValueFilter:
    """Which values: of some indicators, at a unit, for a period or periods ending in a span."""

    indicator_ids: tuple[int, ...] | None = None
    unit_id: int | None = None
    period: str | None = None
    ends_from: dt.date | None = None
    ends_to: dt.date | None = None


def _page(query: Select, session: Session, offset: int, limit: int | None,
          total: int | None = None, params: dict | None = None) -> Page:
    """One page of a (scoped) query's rows and how many rows it has in all (counted by the
    database only for a page whose `total` is not given: without `limit` the rows are all of
    them)."""
    if limit is None:
        rows = session.execute(query, params).all()
        return Page(rows, len(rows))
    if total is None:
        total = session.execute(_counting(query), params).scalar_one()
    return Page(session.execute(query.offset(offset).limit(limit), params).all(), total)


def _counting(query: Select) -> Select:
    """SELECT how many rows `query` has."""
    return query.with_only_columns(func.count(), maintain_column_froms=True).order_by(None)


def values(session: Session, viewer: Viewer, which: ValueFilter = ValueFilter(),
           offset: int = 0, limit: int | None = None, ordered: bool = True) -> Page:
    """Published values (ValueRow), by indicator code, unit code and period end (in no order
    if not `ordered`, for a caller sorting them itself; only without `limit`).

    Unordered, one indicator's values at a unit are found by their key (indicator, unit,
    period): to spare sorting them, SQLite's planner (without statistics) would rather walk
    the unit's index, every indicator's values at the unit (x10, the region: 7 128 rows).
    """
    if not ordered and limit is not None:
        raise ValueError("a page of values needs their order")
    given = {name: getattr(which, name) for name in _VALUE_FILTERS
             if getattr(which, name) is not None}
    query = _values_query(viewer, ordered, tuple(given))
    page = _page(query, session, offset, limit, params=given)
    return Page([ValueRow(*row) for row in page.rows], page.total)


# ValueFilter's fields, each a condition on Measurement of a parameter of the same name.
_VALUE_FILTERS = {
    "indicator_ids": lambda m: m.indicator_id.in_(bindparam("indicator_ids", expanding=True)),
    "unit_id": lambda m: m.unit_id == bindparam("unit_id"),
    "period": lambda m: m.period == bindparam("period"),
    "ends_from": lambda m: m.period_end >= bindparam("ends_from"),
    "ends_to": lambda m: m.period_end <= bindparam("ends_to"),
}


@lru_cache(maxsize=256)
def _values_query(viewer: Viewer, ordered: bool, given: tuple[str, ...]) -> Select:
    """The query of `values` with the conditions of the ValueFilter fields `given` (their
    values its parameters), built once per viewer and combination."""
    m = Measurement
    query = (
        scoped(m, viewer, Indicator.code, OrgUnit.code, OrgUnit.name, m.period, m.period_end,
               m.value_total, m.value_women, m.value_men, m.source)
        .join(Indicator, Indicator.id == m.indicator_id)
        .join(OrgUnit, OrgUnit.id == m.unit_id)
        .where(Indicator.published.is_(True))
    )
    if ordered:
        query = query.order_by(Indicator.code, OrgUnit.code, m.period_end, m.period)
    for name in given:
        query = query.where(_VALUE_FILTERS[name](m))
    return query


@dataclass(frozen=True)
class TargetRow:
    """A målvärde of a published indicator, set at a unit for a year."""

    indicator_code: str
    unit_code: str
    year: int
    value: float
    upper: float | None
    tolerance: float


def targets(session: Session, viewer: Viewer, indicator_ids: tuple[int, ...] | None = None,
            unit_id: int | None = None, years: tuple[int | None, int | None] = (None, None),
            offset: int = 0, limit: int | None = None) -> Page:
    """Published målvärden (TargetRow) by indicator code, unit code and year."""
    t = Target
    query = (
        scoped(t, viewer, Indicator.code, OrgUnit.code, t.year, t.value, t.upper_value,
               t.tolerance)
        .join(Indicator, Indicator.id == t.indicator_id)
        .join(OrgUnit, OrgUnit.id == t.unit_id)
        .where(Indicator.published.is_(True))
        .order_by(Indicator.code, OrgUnit.code, t.year)
    )
    if indicator_ids is not None:
        query = query.where(t.indicator_id.in_(indicator_ids))
    if unit_id is not None:
        query = query.where(t.unit_id == unit_id)
    if years[0] is not None:
        query = query.where(t.year >= years[0])
    if years[1] is not None:
        query = query.where(t.year <= years[1])
    page = _page(query, session, offset, limit)
    return Page([TargetRow(*row[:5], row[5] or 0.0) for row in page.rows], page.total)


@dataclass(frozen=True)
class ComparisonRow:
    """A published indicator's value for an area outside the organisation (Kolada)."""

    indicator_code: str
    area_code: str
    area_name: str
    period: str
    total: float | None
    women: float | None
    men: float | None
    source: str


def comparisons(session: Session, viewer: Viewer, indicator_ids: tuple[int, ...] | None = None,
                period: str | None = None, offset: int = 0, limit: int | None = None) -> Page:
    """Kolada's values for riket and the neighbouring regions (ComparisonRow)."""
    cm = ComparisonMeasurement
    query = (
        scoped(cm, viewer, Indicator.code, cm.area_code, cm.area_name, cm.period, cm.value_total,
               cm.value_women, cm.value_men, cm.source)
        .join(Indicator, Indicator.id == cm.indicator_id)
        .where(Indicator.published.is_(True))
        .order_by(Indicator.code, cm.area_code, cm.period)
    )
    if indicator_ids is not None:
        query = query.where(cm.indicator_id.in_(indicator_ids))
    if period is not None:
        query = query.where(cm.period == period)
    page = _page(query, session, offset, limit)
    return Page([ComparisonRow(*row) for row in page.rows], page.total)


@dataclass(frozen=True)
class UnitRow:
    """An organisational unit, for naming what values are reported for."""

    code: str
    name: str
    level: str
    parent_code: str | None


def units(session: Session, viewer: Viewer, offset: int = 0, limit: int | None = None) -> Page:
    """The organisation's units that report a published value, the highest level first."""
    parent = aliased(OrgUnit, name="parent")
    reporting = scoped(Measurement, viewer, Measurement.unit_id)
    query = (
        scoped(OrgUnit, viewer, OrgUnit.code, OrgUnit.name, OrgUnit.level, parent.code)
        .outerjoin(parent, parent.id == OrgUnit.parent_id)
        .where(OrgUnit.id.in_(reporting))
        .order_by(level_order(OrgUnit.level), OrgUnit.code)
    )
    page = _page(query, session, offset, limit)
    return Page([UnitRow(*row) for row in page.rows], page.total)


def unit_id(session: Session, viewer: Viewer, code: str) -> int | None:
    """The id of the unit with this code, if any."""
    return session.execute(
        scoped(OrgUnit, viewer, OrgUnit.id).where(OrgUnit.code == code)).scalar()
