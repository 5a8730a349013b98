"""Goal fulfilment across the whole organisation at one follow-up: the styrelse's and the
nämnders' goals counted per status, split per målområde and per nämnd, one goal level at a
time (the Regionrapport; its split per perspective is perspectives.status_by_perspective).

What is counted are the levels the annual report sums up from (`summed_kinds`): the nämnders'
own goals (nämndmål), and where the organisation uses them their framgångsfaktorer. Every
internal viewer sees every nämndmål (filters.SUMMARY_GOAL_KINDS), so those counts are the same
for ledning and for a nämnd member; a framgångsfaktor is counted only where the viewer may see
it (their own nämnders' and the published ones). The groups with no goal are kept, with zero
counts, so that a målområde without nämndmål shows as such. The status is the reported one;
a goal without a status row at the follow-up counts as grey (Saknar data), as in
status_by_perspective.
"""

from __future__ import annotations

from sqlalchemy import and_, func
from sqlalchemy.orm import Session, aliased

from data_access.models import Goal, GoalClosure, GoalStatus, OrgUnit
from data_access.profile import FACTOR_KIND
from data_access.scope import Viewer
from data_access.status import GREY, STATUSES

from .filters import scoped
from .uppdrag import NamndCounts as StatusGroup  # a group's code, name and counts per status

NAMND_KIND = "namndmal"

Area = aliased(Goal, name="area")
Owner = aliased(OrgUnit, name="owner")


def summed_kinds(factors: bool) -> tuple[str, ...]:
    """The goal levels summed, from the top (`factors`: the organisation uses
    framgångsfaktorer)."""
    return (NAMND_KIND, FACTOR_KIND) if factors else (NAMND_KIND,)


def _statuses(viewer: Viewer, period_id: int, kind: str, *columns):
    """SELECT columns, status, count FROM the goals of `kind` with their status at the
    follow-up (grey without one)."""
    status = func.coalesce(GoalStatus.reported_status, GREY)
    return (scoped(Goal, viewer, *columns, status, func.count())
            .outerjoin(GoalStatus, and_(GoalStatus.goal_id == Goal.id,
                                        GoalStatus.followup_period_id == period_id))
            .where(Goal.kind == kind)
            .group_by(*columns, status))


def _grouped(groups: list, counted: list) -> list[StatusGroup]:
    """Every (id, code, name) group in order with its counts from `counted` rows of
    (group id, status, count)."""
    counts: dict[int, dict[str, int]] = {}
    for group_id, status, count in counted:
        counts.setdefault(group_id, dict.fromkeys(STATUSES, 0))[status] = count
    return [StatusGroup(code, name, counts.get(group_id, dict.fromkeys(STATUSES, 0)))
            for group_id, code, name in groups]


def status_by_area(session: Session, viewer: Viewer, period_id: int,
                   kind: str = NAMND_KIND) -> list[StatusGroup]:
    """Per målområde (in its order), the statuses of the goals of `kind` under it."""
    areas = session.execute(
        scoped(Goal, viewer, Goal.id, Goal.code, Goal.title).where(Goal.kind == "malomrade")
        .order_by(Goal.sort_order, Goal.code)).all()
    counted = (_statuses(viewer, period_id, kind, Area.id)
               .join(GoalClosure, GoalClosure.descendant_id == Goal.id)
               .join(Area, Area.id == GoalClosure.ancestor_id)
               .where(Area.kind == "malomrade"))
    return _grouped(areas, session.execute(counted).all())


def status_by_namnd(session: Session, viewer: Viewer, period_id: int,
                    kind: str = NAMND_KIND) -> list[StatusGroup]:
    """Per nämnd (in the organisation's order), the statuses of the goals of `kind` it or a
    unit under it owns."""
    namnder = session.execute(
        scoped(OrgUnit, viewer, OrgUnit.id, OrgUnit.code, OrgUnit.name)
        .where(OrgUnit.level == "namnd").order_by(OrgUnit.sort_order, OrgUnit.name)).all()
    namnd = func.coalesce(Owner.namnd_id, Owner.id)
    counted = (_statuses(viewer, period_id, kind, namnd)
               .join(Owner, Owner.id == Goal.owner_unit_id))
    return _grouped(namnder, session.execute(counted).all())
