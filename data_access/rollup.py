"""Pre-computed goal statuses: indicator outcomes against targets, rolled up the goal tree.

Per follow-up period a goal's computed status combines its own indicators' statuses with
its children's reported statuses (`status.combine`); the reported status is the manual
assessment when there is one. Results are stored in `goal_statuses`, so drill-down
never walks the tree. The rules themselves live in `data_access.status`.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from data_access.models import (
    Assessment,
    FollowUpPeriod,
    Goal,
    GoalStatus,
    Indicator,
    Measurement,
    OrgUnitClosure,
    Target,
    goal_indicators,
)
from data_access.status import GREY, combine, deviates, indicator_status, reported_status
from data_access.tree import closure_pairs

WINDOW_MONTHS = 12  # an outcome older than this at the period's end counts as missing
CHUNK = 5000

Key = tuple[int, int]  # (indicator_id, unit_id)
TargetValues = tuple[float, float | None, float]  # (value, upper_value, tolerance)


@dataclass(frozen=True)
class GoalTree:
    """The goal forest as the roll-up needs it, goals listed children before parents."""

    order: list[int]
    owner: dict[int, int]
    indicators: dict[int, list[int]]
    children: dict[int, list[int]]
    pairs: frozenset[Key]  # (indicator, owner unit) pairs some goal follows


def recompute_goal_statuses(
    session: Session, followup_period_ids: Iterable[int] | None = None
) -> int:
    """Replace goal_statuses for the given follow-up periods (all when None); rows written."""
    session.flush()  # pending objects in the caller's session count too
    periods = _periods(session, followup_period_ids)
    if not periods:
        return 0
    period_ids = [p.id for p in periods]
    tree = goal_tree(session)
    targets = TargetLookup(session, {y for p in periods for y in _window_years(p.end_date)})
    manual = _assessments(session, period_ids)
    session.execute(delete(GoalStatus).where(GoalStatus.followup_period_id.in_(period_ids)))
    written = 0
    for period, outcomes in outcomes_by_period(session, periods, tree.pairs):
        statuses = {key: targets.status(key, *outcome) for key, outcome in outcomes.items()}
        rows = goal_status_rows(period.id, tree, statuses, manual.get(period.id, {}))
        for start in range(0, len(rows), CHUNK):
            # Core insert: plain rows need none of the ORM's per-row bookkeeping.
            session.execute(insert(GoalStatus.__table__), rows[start : start + CHUNK])
        written += len(rows)
    return written


def goal_status_rows(
    period_id: int, tree: GoalTree, indicator_statuses: dict[Key, str], manual: dict[int, str]
) -> list[dict]:
    """One goal_statuses row per goal, walking children before parents."""
    reported: dict[int, str] = {}
    rows = []
    for goal in tree.order:
        owner = tree.owner[goal]
        inputs = [indicator_statuses.get((i, owner), GREY) for i in tree.indicators.get(goal, ())]
        inputs += [reported[child] for child in tree.children.get(goal, ())]
        computed = combine(inputs)
        assessed = manual.get(goal)
        reported[goal] = reported_status(computed, assessed)
        rows.append(
            {
                "goal_id": goal,
                "followup_period_id": period_id,
                "computed_status": computed,
                "reported_status": reported[goal],
                "manual": assessed is not None,
                "deviates": deviates(assessed, computed),
            }
        )
    return rows


def goal_tree(session: Session) -> GoalTree:
    """All goals with owners, indicators and children, deepest first."""
    owner, parent_of = {}, {}
    for goal, parent, unit in session.execute(select(Goal.id, Goal.parent_id, Goal.owner_unit_id)):
        owner[goal], parent_of[goal] = unit, parent
    children, indicators = defaultdict(list), defaultdict(list)
    for goal, parent in parent_of.items():
        if parent is not None:
            children[parent].append(goal)
    links = select(goal_indicators.c.goal_id, goal_indicators.c.indicator_id)
    for goal, indicator in session.execute(links):
        indicators[goal].append(indicator)
    depth: dict[int, int] = defaultdict(int)
    for pair in closure_pairs(parent_of):  # also refuses a cycle
        depth[pair["descendant_id"]] = max(depth[pair["descendant_id"]], pair["depth"])
    order = sorted(parent_of, key=lambda g: (-depth[g], g))
    pairs = frozenset((i, owner[g]) for g, inds in indicators.items() for i in inds)
    return GoalTree(order, owner, dict(indicators), dict(children), pairs)


def outcomes_by_period(
    session: Session, periods: list[FollowUpPeriod], pairs: frozenset[Key]
) -> Iterator[tuple[FollowUpPeriod, dict[Key, tuple[int, float]]]]:
    """Each period (oldest first) with (indicator, unit) -> (year, value) of its latest outcome.

    Only the given (indicator, unit) pairs are kept. An outcome counts for a period when it
    ends in (end − 12 months, end]. Periods are walked in date order and each query reads
    only what ended since the previous period, so every measurement is read once however
    much the windows overlap.
    """
    latest: dict[Key, tuple[dt.date, float]] = {}
    read_to: dt.date | None = None
    for period in sorted(periods, key=lambda p: p.end_date):
        start = months_before(period.end_date, WINDOW_MONTHS)
        after = start if read_to is None else max(start, read_to)
        if after < period.end_date:
            found = latest_between(session, after, period.end_date)
            latest.update((key, found[key]) for key in pairs & found.keys())
            read_to = period.end_date
        yield period, {key: (end.year, v) for key, (end, v) in latest.items() if end > start}


def latest_between(
    session: Session, after: dt.date, upto: dt.date
) -> dict[Key, tuple[dt.date, float]]:
    """(indicator, unit) -> (period_end, value_total) of the latest measurement in (after, upto].

    Read for every unit that owns a goal; rows without a total are skipped; on a tie of
    period_end (a yearly and a December value) the most recently loaded row wins.
    """
    m = Measurement
    newest_first = func.row_number().over(
        partition_by=(m.unit_id, m.indicator_id), order_by=(m.period_end.desc(), m.id.desc())
    )
    ranked = (
        select(m.indicator_id, m.unit_id, m.period_end, m.value_total, newest_first.label("rank"))
        .where(
            # Lets SQLite's (unit_id, period_end) index read just each owner unit's slice.
            m.unit_id.in_(select(Goal.owner_unit_id)),
            m.period_end > after,
            m.period_end <= upto,
            m.value_total.is_not(None),
        )
        .subquery()
    )
    r = ranked.c
    rows = session.execute(
        select(r.indicator_id, r.unit_id, r.period_end, r.value_total).where(r.rank == 1)
    )
    return {(ind, unit): (end, value) for ind, unit, end, value in rows}


class TargetLookup:
    """Indicator statuses against the målvärde at a unit, else at its nearest ancestor."""

    def __init__(self, session: Session, years: set[int]):
        used = select(goal_indicators.c.indicator_id).distinct()
        directions = select(Indicator.id, Indicator.direction).where(Indicator.id.in_(used))
        self.direction = dict(session.execute(directions).all())
        t = Target
        targets = select(
            t.indicator_id, t.unit_id, t.year, t.value, t.upper_value, t.tolerance
        ).where(t.indicator_id.in_(used), t.year.in_(sorted(years)))
        self.targets = {
            (ind, unit, year): (value, upper, tolerance)
            for ind, unit, year, value, upper, tolerance in session.execute(targets)
        }
        self.ancestors = defaultdict(list)  # unit -> itself, its parent, …, the root
        closure = select(OrgUnitClosure.descendant_id, OrgUnitClosure.ancestor_id).order_by(
            OrgUnitClosure.descendant_id, OrgUnitClosure.depth
        )
        for unit, ancestor in session.execute(closure):
            self.ancestors[unit].append(ancestor)

    def target(self, indicator: int, unit: int, year: int) -> TargetValues | None:
        """(value, upper, tolerance) set for the unit, else its nearest ancestor; None if none."""
        for ancestor in self.ancestors.get(unit) or [unit]:
            found = self.targets.get((indicator, ancestor, year))
            if found is not None:
                return found
        return None

    def status(self, key: Key, year: int, outcome: float) -> str:
        """The traffic light for one outcome of an indicator at a unit in a year."""
        indicator, unit = key
        found = self.target(indicator, unit, year)
        if found is None:
            return GREY
        value, upper, tolerance = found
        return indicator_status(
            outcome, value, direction=self.direction[indicator], tolerance=tolerance, upper=upper
        )


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day `months` earlier, clamped to the month's end (2024-02-29 → 2023-02-28)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    last_day = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last_day))


def _window_years(end: dt.date) -> range:
    """The years a measurement in the window ending at `end` can belong to."""
    return range(months_before(end, WINDOW_MONTHS).year, end.year + 1)


def _periods(session: Session, ids: Iterable[int] | None) -> list[FollowUpPeriod]:
    """The follow-up periods to recompute, oldest first."""
    query = select(FollowUpPeriod).order_by(FollowUpPeriod.end_date, FollowUpPeriod.id)
    if ids is not None:
        query = query.where(FollowUpPeriod.id.in_(list(ids)))
    return list(session.scalars(query))


def _assessments(session: Session, period_ids: list[int]) -> dict[int, dict[int, str]]:
    """period -> goal -> manual status."""
    manual: dict[int, dict[int, str]] = defaultdict(dict)
    query = select(Assessment.followup_period_id, Assessment.goal_id, Assessment.status).where(
        Assessment.followup_period_id.in_(period_ids)
    )
    for period, goal, status in session.execute(query):
        manual[period][goal] = status
    return manual
