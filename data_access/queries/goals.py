"""Goals: the status distribution at the latest follow-up, the vision and the målområden."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy import bindparam, func
from sqlalchemy.orm import Session

from data_access.models import FOLLOWUP_KINDS, GOAL_KINDS, FollowUpPeriod, Goal, GoalStatus, OrgUnit
from data_access.scope import Viewer
from data_access.status import STATUSES

from .filters import scoped


@dataclass(frozen=True)
class FollowUp:
    """A follow-up occasion: T1, Delår or Helår of a year."""

    id: int
    year: int
    kind: str
    end_date: dt.date

    @property
    def key(self) -> str:
        """The period as written in URLs, e.g. `2026-DELAR` (see `followup_key`)."""
        return followup_key(self.year, self.kind)


def followup_key(year: int, kind: str) -> str:
    """The one canonical text of a follow-up period in URLs: `2026-T1`, `2026-DELAR`."""
    return f"{year}-{kind}"


def parse_followup_key(text: object) -> tuple[int, str] | None:
    """(year, kind) from a text such as `2026-DELAR` (any letter case); None if it is not one."""
    if not isinstance(text, str):
        return None
    year, _, kind = text.strip().upper().partition("-")
    if not (len(year) == 4 and year.isdigit() and kind in FOLLOWUP_KINDS):
        return None
    return int(year), kind


def _followed_up_statuses(viewer: Viewer, *columns):
    """SELECT from the statuses the viewer may see of goals below the vision (those followed up)."""
    return (
        scoped(GoalStatus, viewer, *columns)
        .join(Goal, Goal.id == GoalStatus.goal_id)
        .where(Goal.kind != "malbild")
    )


@dataclass(frozen=True)
class StatusDistribution:
    """How many goals had each reported status at one follow-up (all four statuses present)."""

    followup: FollowUp
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def latest_followup(session: Session, viewer: Viewer) -> FollowUp | None:
    """The latest follow-up period with a status for any followed-up goal the viewer may see."""
    seen = _followed_up_statuses(viewer, GoalStatus.goal_id).where(
        GoalStatus.followup_period_id == FollowUpPeriod.id
    )
    period = session.scalars(
        scoped(FollowUpPeriod, viewer)
        .where(seen.exists())
        .order_by(FollowUpPeriod.end_date.desc())
        .limit(1)
    ).first()
    if period is None:
        return None
    return FollowUp(period.id, period.year, period.kind, period.end_date)


def followups(session: Session, viewer: Viewer) -> list[FollowUp]:
    """Every follow-up with a status for a followed-up goal the viewer may see, newest first."""
    return [FollowUp(*row) for row in session.execute(_followups_query(viewer)).all()]


@lru_cache(maxsize=256)
def _followups_query(viewer: Viewer):
    """The query of `followups`, built once per viewer (a statement run again costs less)."""
    seen = _followed_up_statuses(viewer, GoalStatus.goal_id).where(
        GoalStatus.followup_period_id == FollowUpPeriod.id
    )
    return (
        scoped(FollowUpPeriod, viewer, FollowUpPeriod.id, FollowUpPeriod.year,
               FollowUpPeriod.kind, FollowUpPeriod.end_date)
        .where(seen.exists())
        .order_by(FollowUpPeriod.end_date.desc())
    )


def goal_status_distribution(session: Session, viewer: Viewer,
                             kinds: tuple[str, ...] = ()) -> StatusDistribution | None:
    """Reported statuses of the viewer's goals below the vision (of these kinds only, e.g. the
    målområden and nämndmål, if given) at the latest follow-up."""
    followup = latest_followup(session, viewer)
    if followup is None:
        return None
    query = (_followed_up_statuses(viewer, GoalStatus.reported_status, func.count())
             .where(GoalStatus.followup_period_id == followup.id)
             .group_by(GoalStatus.reported_status))
    if kinds:
        query = query.where(Goal.kind.in_(kinds))
    return StatusDistribution(followup, dict.fromkeys(STATUSES, 0)
                              | dict(session.execute(query).all()))


def namnd_status_distribution(session: Session, viewer: Viewer,
                              namnd_id: int) -> StatusDistribution | None:
    """Reported statuses at the latest follow-up of the viewer's goals owned by a nämnd or its
    units (the nämnd's goals down to its enheter)."""
    followup = latest_followup(session, viewer)
    if followup is None:
        return None
    return StatusDistribution(followup,
                              namnd_status_counts(session, viewer, namnd_id, followup.id))


def owned_by_namnd(viewer: Viewer, namnd_id):
    """SQL: the goal is owned by the nämnd or a unit under it (one the viewer may see);
    `namnd_id` an id or a bound parameter."""
    units = scoped(OrgUnit, viewer, OrgUnit.id).where(
        (OrgUnit.id == namnd_id) | (OrgUnit.namnd_id == namnd_id)).correlate(None)
    return Goal.owner_unit_id.in_(units)


def namnd_status_counts(session: Session, viewer: Viewer, namnd_id: int,
                        period_id: int) -> dict[str, int]:
    """Reported statuses at a follow-up of the viewer's goals owned by a nämnd or its units."""
    rows = session.execute(
        _followed_up_statuses(viewer, GoalStatus.reported_status, func.count())
        .where(GoalStatus.followup_period_id == period_id, owned_by_namnd(viewer, namnd_id))
        .group_by(GoalStatus.reported_status)
    ).all()
    return dict.fromkeys(STATUSES, 0) | dict(rows)


def level_status_counts(session: Session, viewer: Viewer, period_id: int,
                        namnd_id: int | None = None) -> dict[str, dict[str, int]]:
    """Per goal level (kind, in the tree's order from the top), the reported statuses at a
    follow-up of the viewer's goals below the vision (with `namnd_id`: those owned by the
    nämnd or its units). Only levels with a goal are keys; each has all four statuses."""
    query = _level_counts_query(viewer, namnd_id is not None)
    counts: dict[str, dict[str, int]] = {}
    for kind, status, count in session.execute(query, {"period_id": period_id,
                                                       "namnd_id": namnd_id}).all():
        counts.setdefault(kind, dict.fromkeys(STATUSES, 0))[status] = count
    return {kind: counts[kind] for kind in GOAL_KINDS if kind in counts}


@lru_cache(maxsize=256)
def _level_counts_query(viewer: Viewer, of_namnd: bool):
    """The query of `level_status_counts` (parameters `period_id` and, `of_namnd`,
    `namnd_id`), built once per viewer."""
    query = (_followed_up_statuses(viewer, Goal.kind, GoalStatus.reported_status, func.count())
             .where(GoalStatus.followup_period_id == bindparam("period_id"))
             .group_by(Goal.kind, GoalStatus.reported_status))
    if of_namnd:
        query = query.where(owned_by_namnd(viewer, bindparam("namnd_id")))
    return query


def goal_namnder(session: Session, viewer: Viewer) -> list[tuple[int, str, str]]:
    """(id, code, name) of every nämnd the viewer may see, in the organisation's order: what
    Mål's list of goals may be narrowed to."""
    rows = session.execute(
        scoped(OrgUnit, viewer, OrgUnit.id, OrgUnit.code, OrgUnit.name)
        .where(OrgUnit.level == "namnd").order_by(OrgUnit.sort_order, OrgUnit.name)).all()
    return [tuple(row) for row in rows]


@dataclass(frozen=True)
class GoalText:
    """A goal's code, title and description."""

    code: str
    title: str
    description: str


def goals_of_kind(session: Session, viewer: Viewer, kind: str) -> list[GoalText]:
    """The viewer's goals of one kind (e.g. 'malbild', 'malomrade') in their set order."""
    return [GoalText(*row) for row in session.execute(_of_kind_query(viewer, kind)).all()]


@lru_cache(maxsize=256)
def _of_kind_query(viewer: Viewer, kind: str):
    """The query of `goals_of_kind`, built once per viewer and kind."""
    return (scoped(Goal, viewer, Goal.code, Goal.title, Goal.description)
            .where(Goal.kind == kind)
            .order_by(Goal.sort_order, Goal.code))
