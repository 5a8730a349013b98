"""Goal fulfilment across the whole organisation at one follow-up: the nämnders' goals counted
per status, split per målområde, per perspective and per nämnd (the Regionrapport).

What is counted are the goals the annual report sums up from (SUMMED_KINDS: the nämnders' own
goals). Every internal viewer sees all of them (filters.SUMMARY_GOAL_KINDS), so these
region-level summaries are the same for ledning and for a nämnd member. The groups with no
goal are kept, with zero counts, so that a målområde without nämndmål shows as such.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func
from sqlalchemy.orm import Session, aliased

from data_access.models import (
    Goal,
    GoalClosure,
    GoalStatus,
    OrgUnit,
    Perspective,
    goal_perspectives,
)
from data_access.scope import Viewer
from data_access.status import STATUSES

from .filters import scoped

SUMMED_KINDS = ("namndmal",)

Area = aliased(Goal, name="area")
Owner = aliased(OrgUnit, name="owner")


@dataclass(frozen=True)
class StatusGroup:
    """One group's (målområde's, perspective's, nämnd's) goals per reported status."""

    code: str
    name: str
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def _statuses(viewer: Viewer, period_id: int, *columns):
    """SELECT columns FROM the summed goals' statuses at the follow-up."""
    return (scoped(GoalStatus, viewer, *columns, GoalStatus.reported_status, func.count())
            .join(Goal, Goal.id == GoalStatus.goal_id)
            .where(GoalStatus.followup_period_id == period_id, Goal.kind.in_(SUMMED_KINDS)))


def _grouped(groups: list, counted: list) -> list[StatusGroup]:
    """Every (id, code, name) group in order with its counts from `counted` rows of
    (group id, status, count)."""
    counts: dict[int, dict[str, int]] = {}
    for group_id, status, count in counted:
        counts.setdefault(group_id, dict.fromkeys(STATUSES, 0))[status] = count
    return [StatusGroup(code, name, counts.get(group_id, dict.fromkeys(STATUSES, 0)))
            for group_id, code, name in groups]


def status_by_area(session: Session, viewer: Viewer, period_id: int) -> list[StatusGroup]:
    """Per målområde (in its order), the statuses of the summed goals under it."""
    areas = session.execute(
        scoped(Goal, viewer, Goal.id, Goal.code, Goal.title).where(Goal.kind == "malomrade")
        .order_by(Goal.sort_order, Goal.code)).all()
    counted = (_statuses(viewer, period_id, Area.id)
               .join(GoalClosure, GoalClosure.descendant_id == Goal.id)
               .join(Area, Area.id == GoalClosure.ancestor_id)
               .where(Area.kind == "malomrade")
               .group_by(Area.id, GoalStatus.reported_status))
    return _grouped(areas, session.execute(counted).all())


def status_by_perspective(session: Session, viewer: Viewer,
                          period_id: int) -> list[StatusGroup]:
    """Per perspective (in the styrmodell's order), the statuses of the summed goals tagged
    with it (a goal with two perspectives counts in both)."""
    perspectives = session.execute(
        scoped(Perspective, viewer, Perspective.id, Perspective.code, Perspective.name)
        .order_by(Perspective.id)).all()
    counted = (_statuses(viewer, period_id, goal_perspectives.c.perspective_id)
               .join(goal_perspectives, goal_perspectives.c.goal_id == Goal.id)
               .group_by(goal_perspectives.c.perspective_id, GoalStatus.reported_status))
    return _grouped(perspectives, session.execute(counted).all())


def status_by_namnd(session: Session, viewer: Viewer, period_id: int) -> list[StatusGroup]:
    """Per nämnd (in the organisation's order), the statuses of the summed goals it or a unit
    under it owns."""
    namnder = session.execute(
        scoped(OrgUnit, viewer, OrgUnit.id, OrgUnit.code, OrgUnit.name)
        .where(OrgUnit.level == "namnd").order_by(OrgUnit.sort_order, OrgUnit.name)).all()
    namnd = func.coalesce(Owner.namnd_id, Owner.id)
    counted = (_statuses(viewer, period_id, namnd)
               .join(Owner, Owner.id == Goal.owner_unit_id)
               .group_by(namnd, GoalStatus.reported_status))
    return _grouped(namnder, session.execute(counted).all())
