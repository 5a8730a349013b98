"""The styrmodell's perspectives (jämställdhet och jämlikhet, barnrätt, ekonomi, regional
utveckling, …): the organisation's list, goal fulfilment per perspective, and the goals that
lack a required perspective.

The rule for required perspectives: a perspective names the goal kinds it is required for
(`Perspective.required_for`, set by the import kind `perspektiv`). A goal of such a kind must
carry at least one of the perspectives required for its kind; a goal that carries none of them
is a Målkvalitet finding (`lacks_required`). A kind no perspective names requires nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import ColumnElement, exists, false, func, or_
from sqlalchemy.orm import Session

from data_access.models import (
    Goal,
    GoalClosure,
    GoalStatus,
    Indicator,
    OrgUnit,
    Perspective,
    goal_perspectives,
    indicator_perspectives,
    required_kinds,
)
from data_access.scope import Viewer
from data_access.status import GREY, STATUSES

from .filters import scoped

WITHOUT_SV = "Utan perspektiv"


@dataclass(frozen=True)
class PerspectiveInfo:
    """One perspective of the styrmodell, with the goal kinds it is required for."""

    id: int
    code: str
    name: str
    required_for: tuple[str, ...]


def styrmodell_perspectives(session: Session, viewer: Viewer) -> list[PerspectiveInfo]:
    """The organisation's perspectives in its own order (then by name)."""
    rows = session.execute(
        scoped(Perspective, viewer, Perspective.id, Perspective.code, Perspective.name,
               Perspective.required_for)
        .order_by(Perspective.sort_order, Perspective.name)
    ).all()
    return [PerspectiveInfo(id_, code, name, required_kinds(kinds))
            for id_, code, name, kinds in rows]


# --- Which goals: conditions on Goal for `status_by_perspective` ---------------------------


def goals_below(viewer: Viewer, goal_id: int) -> ColumnElement[bool]:
    """SQL: the goal lies anywhere below `goal_id` (not the goal itself)."""
    return Goal.id.in_(scoped(GoalClosure, viewer, GoalClosure.descendant_id)
                       .where(GoalClosure.ancestor_id == goal_id, GoalClosure.depth > 0))


def goals_of_namnd(viewer: Viewer, namnd_id: int) -> ColumnElement[bool]:
    """SQL: the goal is owned by the nämnd or by a unit under it."""
    return Goal.owner_unit_id.in_(
        scoped(OrgUnit, viewer, OrgUnit.id)
        .where((OrgUnit.id == namnd_id) | (OrgUnit.namnd_id == namnd_id)).correlate(None))


def _condition(goals: ColumnElement[bool] | Iterable[int] | None) -> ColumnElement[bool]:
    if goals is None:
        return Goal.kind != "malbild"
    if isinstance(goals, ColumnElement):
        return goals
    return Goal.id.in_(list(goals))


# --- Fulfilment per perspective -----------------------------------------------------------


@dataclass(frozen=True)
class PerspectiveStatus:
    """How many goals carrying a perspective had each reported status at a follow-up.

    `code` is None for the row of goals that carry no perspective at all ("Utan perspektiv").
    `counts` holds every status (green, yellow, red, grey), zero when none.
    """

    code: str | None
    name: str
    counts: dict[str, int]
    required: bool = False  # required for some goal kind

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def status_by_perspective(
    session: Session, viewer: Viewer, period_id: int,
    goals: ColumnElement[bool] | Iterable[int] | None = None,
) -> list[PerspectiveStatus]:
    """Goal fulfilment per perspective at the follow-up `period_id`, for the goals the viewer
    may see among `goals`.

    `goals` says which goals are summed: a SQL condition on `Goal` (e.g.
    `goals_below(viewer, goal_id)`, `goals_of_namnd(viewer, namnd_id)`, `Goal.kind.in_(...)`, or
    several joined with `&`), a collection of goal ids, or None for every goal below the
    målbild.

    One row per perspective of the styrmodell, in its order, even when no goal carries it;
    then the row "Utan perspektiv" (code None) for the goals that carry none. A goal with two
    perspectives counts in both rows, so the rows need not add up to the number of goals.
    The status is the reported one (the owner's assessment, else the computed); a goal without
    a status row at the follow-up counts as grey (Saknar data), as in the Mål page's
    distributions.
    """
    condition = _condition(goals)
    status = func.coalesce(GoalStatus.reported_status, GREY)
    at_period = (GoalStatus.goal_id == Goal.id) & (GoalStatus.followup_period_id == period_id)
    link = goal_perspectives.c
    tagged = session.execute(
        scoped(Goal, viewer, link.perspective_id, status, func.count())
        .join(goal_perspectives, link.goal_id == Goal.id)
        .outerjoin(GoalStatus, at_period)
        .where(condition)
        .group_by(link.perspective_id, status)
    ).all()
    untagged = session.execute(
        scoped(Goal, viewer, status, func.count())
        .outerjoin(GoalStatus, at_period)
        .where(condition, ~exists().where(link.goal_id == Goal.id))
        .group_by(status)
    ).all()
    counts: dict[int, dict[str, int]] = {}
    for perspective_id, reported, count in tagged:
        counts.setdefault(perspective_id, dict.fromkeys(STATUSES, 0))[reported] = count
    rows = [PerspectiveStatus(p.code, p.name, counts.get(p.id, dict.fromkeys(STATUSES, 0)),
                              bool(p.required_for))
            for p in styrmodell_perspectives(session, viewer)]
    return [*rows, PerspectiveStatus(None, WITHOUT_SV, dict.fromkeys(STATUSES, 0) | dict(untagged))]


# --- Required perspectives ------------------------------------------------------------------


def required_by_kind(perspectives: Iterable[PerspectiveInfo]) -> dict[str, list[PerspectiveInfo]]:
    """Goal kind -> the perspectives required for it (one of which its goals must carry)."""
    by_kind: dict[str, list[PerspectiveInfo]] = {}
    for perspective in perspectives:
        for kind in perspective.required_for:
            by_kind.setdefault(kind, []).append(perspective)
    return by_kind


def lacks_required(required: dict[str, list[PerspectiveInfo]]) -> ColumnElement[bool]:
    """SQL on Goal: the goal is of a kind in `required` (see `required_by_kind`) and carries
    none of the perspectives required for its kind (false when nothing is required)."""
    link = goal_perspectives.c
    return or_(false(), *(
        (Goal.kind == kind) & ~exists().where(link.goal_id == Goal.id,
                                              link.perspective_id.in_([p.id for p in wanted]))
        for kind, wanted in required.items()))


def indicator_perspective_names(session: Session, viewer: Viewer,
                                indicator_id: int) -> tuple[str, ...]:
    """The names of the perspectives an indicator is tagged with, in the styrmodell's order."""
    link = indicator_perspectives.c
    return tuple(session.scalars(
        scoped(Perspective, viewer, Perspective.name)
        .join(indicator_perspectives, link.perspective_id == Perspective.id)
        .join(Indicator, Indicator.id == link.indicator_id)
        .where(link.indicator_id == indicator_id)
        .order_by(Perspective.sort_order, Perspective.name)
    ))
