"""Goals: the status distribution at the latest follow-up, the vision and the målområden."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from data_access.models import FollowUpPeriod, Goal, GoalStatus
from data_access.scope import Viewer
from data_access.status import STATUSES

from .filters import visible_goals


@dataclass(frozen=True)
class FollowUp:
    """A follow-up occasion: T1, Delår or Helår of a year."""

    id: int
    year: int
    kind: str
    end_date: dt.date


def _followed_up(viewer: Viewer):
    """Goals that are followed up and the viewer may see: every level but the vision itself."""
    return (Goal.kind != "malbild") & visible_goals(viewer)


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
    row = session.execute(
        select(FollowUpPeriod.id, FollowUpPeriod.year, FollowUpPeriod.kind, FollowUpPeriod.end_date)
        .where(
            select(GoalStatus.goal_id)
            .join(Goal, Goal.id == GoalStatus.goal_id)
            .where(GoalStatus.followup_period_id == FollowUpPeriod.id, _followed_up(viewer))
            .exists()
        )
        .order_by(FollowUpPeriod.end_date.desc())
        .limit(1)
    ).first()
    return None if row is None else FollowUp(*row)


def goal_status_distribution(session: Session, viewer: Viewer) -> StatusDistribution | None:
    """Reported statuses of the viewer's goals below the vision at the latest follow-up."""
    followup = latest_followup(session, viewer)
    if followup is None:
        return None
    rows = session.execute(
        select(GoalStatus.reported_status, func.count())
        .join(Goal, Goal.id == GoalStatus.goal_id)
        .where(GoalStatus.followup_period_id == followup.id, _followed_up(viewer))
        .group_by(GoalStatus.reported_status)
    ).all()
    return StatusDistribution(followup, dict.fromkeys(STATUSES, 0) | dict(rows))


@dataclass(frozen=True)
class GoalText:
    """A goal's title and description."""

    title: str
    description: str


def goals_of_kind(session: Session, viewer: Viewer, kind: str) -> list[GoalText]:
    """The viewer's goals of one kind (e.g. 'malbild', 'malomrade') in their set order."""
    rows = session.execute(
        select(Goal.title, Goal.description)
        .where(Goal.kind == kind, visible_goals(viewer))
        .order_by(Goal.sort_order, Goal.code)
    ).all()
    return [GoalText(*row) for row in rows]
