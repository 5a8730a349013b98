"""Målkvalitet: the auditors' questions about the goals, per nämnd, for a follow-up period.

For the goals below the vision:
- measurable: at least one indicator with a målvärde for the year, set for the goal's owner or
  a unit above it (as the traffic light uses it);
- broken red thread: no goal above, or one that is not at the level just above (a förvaltningsmål
  must link to a nämndmål or a framgångsfaktor, …), or one owned by a unit that is not above the
  goal's owner; and, where the organisation uses framgångsfaktorer, a nämndmål without any;
- without an assessment (bedömning) for the follow-up period;
- without a required perspective: of a kind the styrmodell requires perspectives for, but
  carrying none of them (the rule in data_access.queries.perspectives);
and each goal's indicators without a målvärde for the year (counted once per goal).

A goal belongs to its owner's nämnd; the region's own goals (målområden) form a row of their
own. Scope: ledning and admin see every goal; a nämnd member sees their own nämnders' goals in
detail and, for the other nämnder and the region, the summary goals (målområden and nämndmål)
only, so that every row counts a whole level and never a chance selection of published goals.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, case, false, func, not_, or_, true
from sqlalchemy.orm import Session, aliased

from data_access.models import (
    GOAL_KINDS,
    UNIT_LEVELS,
    Assessment,
    Goal,
    Indicator,
    OrgUnit,
    OrgUnitClosure,
    Target,
    goal_indicators,
)
from data_access.scope import Viewer

from .filters import SUMMARY_GOAL_KINDS, scoped
from .goals import FollowUp
from .perspectives import lacks_required, required_by_kind, styrmodell_perspectives

# The kinds of goal each kind may link to: the level just above it. A förvaltningsmål links to
# a framgångsfaktor, or to a nämndmål where the organisation does not use them (or the nämndmål
# has none yet: that is a finding of its own).
FACTOR = "framgangsfaktor"
PARENT_KINDS = {
    "malomrade": ("malbild",),
    "namndmal": ("malomrade",),
    FACTOR: ("namndmal",),
    "forvaltningsmal": ("namndmal", FACTOR),
    "omradesmal": ("forvaltningsmal",),
    "enhetsmal": ("omradesmal",),
}
FINDINGS = ("utan_indikator", "bruten_trad", "utan_bedomning", "utan_perspektiv",
            "utan_malvarde")

Owner = aliased(OrgUnit, name="owner")
Namnd = aliased(OrgUnit, name="namnd")
Parent = aliased(Goal, name="parent")


@dataclass(frozen=True)
class NamndQuality:
    """The answers for one nämnd (or the region's own goals) at a follow-up."""

    code: str
    name: str
    level: str  # 'namnd', or 'region' for the region's own goals
    in_detail: bool  # False: the viewer sees this nämnd's nämndmål only
    goals: int
    measurable: int
    broken: int
    unassessed: int
    without_perspective: int  # lacking a perspective the styrmodell requires of its kind
    links: int  # goal–indicator links
    links_without_target: int


@dataclass(frozen=True)
class GoalFinding:
    """A goal on one of the lists, with why it is there."""

    code: str
    title: str
    kind: str
    owner_name: str
    namnd_code: str
    reason: str  # a key: 'inga_indikatorer', 'inga_malvarden', 'saknas', 'fel_niva', …
    indicator_code: str | None = None
    indicator_name: str | None = None
    owner_code: str | None = None


# --- Which goals, and the questions as SQL --------------------------------------------------


def _in_detail(viewer: Viewer) -> ColumnElement[bool]:
    """SQL on Owner: the viewer sees all goals of the owner's nämnd."""
    if viewer.sees_everything:
        return true()
    if not viewer.namnd_ids:
        return false()
    return Owner.namnd_id.in_(viewer.namnd_ids)


def _goals(viewer: Viewer, *columns):
    """SELECT from the goals below the vision that the viewer sees whole levels of, joined to
    their owner (Owner), nämnd (Namnd; none for the region's goals) and parent (Parent)."""
    return (
        scoped(Goal, viewer, *columns)
        .join(Owner, Owner.id == Goal.owner_unit_id)
        .outerjoin(Namnd, Namnd.id == Owner.namnd_id)
        .outerjoin(Parent, Parent.id == Goal.parent_id)
        .where(Goal.kind != GOAL_KINDS[0],
               or_(Goal.kind.in_(SUMMARY_GOAL_KINDS), _in_detail(viewer)))
    )


def _group():
    """SQL: the row a goal counts in: its nämnd, or the region's unit for the region's goals."""
    return func.coalesce(Namnd.id, Owner.id)


def _group_code():
    """SQL: the code of the row a goal counts in (e.g. `HSN`, or the region's code)."""
    return func.coalesce(Namnd.code, Owner.code)


def _targets_at_owner(viewer: Viewer, year: int, *columns):
    """SELECT målvärden for the year set for the goal's owner or a unit above it."""
    c = OrgUnitClosure
    return (
        scoped(Target, viewer, *columns)
        .join(c, c.ancestor_id == Target.unit_id)
        .where(Target.year == year, c.descendant_id == Goal.owner_unit_id)
    )


def _has_target(viewer: Viewer, year: int, indicator_id) -> ColumnElement[bool]:
    """SQL: the indicator has a målvärde for the year for the goal's owner or a unit above."""
    return _targets_at_owner(viewer, year, Target.id).where(
        Target.indicator_id == indicator_id).exists()


def _measurable(viewer: Viewer, year: int) -> ColumnElement[bool]:
    """SQL: one of the goal's indicators has a målvärde for the year."""
    gi = goal_indicators.c
    return (
        _targets_at_owner(viewer, year, Target.id)
        .join(goal_indicators, gi.indicator_id == Target.indicator_id)
        .where(gi.goal_id == Goal.id)
        .exists()
    )


def _indicator_links(viewer: Viewer, *columns):
    """SELECT the viewer's indicators joined to the goals they measure (goal_indicators)."""
    gi = goal_indicators.c
    return scoped(Indicator, viewer, *columns).join(goal_indicators,
                                                    gi.indicator_id == Indicator.id)


def _has_indicator(viewer: Viewer) -> ColumnElement[bool]:
    """SQL: the goal has at least one indicator."""
    return _indicator_links(viewer, Indicator.id).where(
        goal_indicators.c.goal_id == Goal.id).exists()


def _owner_above(viewer: Viewer) -> ColumnElement[bool]:
    """SQL: the parent's owner is the goal's owner or a unit above it."""
    c = OrgUnitClosure
    return (
        scoped(OrgUnitClosure, viewer, c.ancestor_id)
        .where(c.ancestor_id == Parent.owner_unit_id, c.descendant_id == Goal.owner_unit_id)
        .exists()
    )


def _right_level() -> ColumnElement[bool]:
    """SQL: the parent is of a kind the goal's kind may link to."""
    return or_(*(and_(Goal.kind == kind, Parent.kind.in_(parents))
                 for kind, parents in PARENT_KINDS.items()))


def _without_factor(viewer: Viewer) -> ColumnElement[bool]:
    """SQL: the goal is a nämndmål without a framgångsfaktor (that the viewer sees) below it."""
    with_factors = (scoped(Goal, viewer, Goal.parent_id)
                    .where(Goal.kind == FACTOR, Goal.parent_id.is_not(None)).correlate(None))
    return and_(Goal.kind == "namndmal", Goal.id.not_in(with_factors))


def _thread_fault(viewer: Viewer, factors: bool = False):
    """SQL: why the goal's red thread is broken ('saknas', 'fel_niva', 'fel_agare', and with
    `factors` 'utan_framgangsfaktor'), or NULL."""
    faults = [
        (Goal.parent_id.is_(None), "saknas"),
        (not_(_right_level()), "fel_niva"),
        (not_(_owner_above(viewer)), "fel_agare"),
    ]
    if factors:
        faults.append((_without_factor(viewer), "utan_framgangsfaktor"))
    return case(*faults, else_=None)


def _assessed(viewer: Viewer, followup: FollowUp) -> ColumnElement[bool]:
    """SQL: the goal has a bedömning for the follow-up period."""
    return (
        scoped(Assessment, viewer, Assessment.id)
        .where(Assessment.goal_id == Goal.id, Assessment.followup_period_id == followup.id)
        .exists()
    )


def _lacks_perspective(session: Session, viewer: Viewer) -> ColumnElement[bool]:
    """SQL: the goal carries none of the perspectives required for its kind."""
    return lacks_required(required_by_kind(styrmodell_perspectives(session, viewer)))


def _count(condition: ColumnElement[bool]):
    """SQL: how many rows of the group meet the condition."""
    return func.sum(case((condition, 1), else_=0))


# --- Per nämnd ------------------------------------------------------------------------------


def quality_by_namnd(session: Session, viewer: Viewer, followup: FollowUp,
                     factors: bool = False) -> list[NamndQuality]:
    """The answers per nämnd at the follow-up: the region's own goals first, then the nämnder.
    `factors`: the organisation uses framgångsfaktorer (a nämndmål without one is a finding)."""
    goal_counts = {
        group: counts for group, *counts in session.execute(
            _goals(viewer, _group(), func.count(Goal.id),
                   _count(_measurable(viewer, followup.year)),
                   _count(_thread_fault(viewer, factors).is_not(None)),
                   _count(not_(_assessed(viewer, followup))),
                   _count(_lacks_perspective(session, viewer)))
            .group_by(_group())
        )
    }
    gi = goal_indicators.c
    link_counts = {
        group: counts for group, *counts in session.execute(
            _goals(viewer, _group(), func.count(),
                   _count(not_(_has_target(viewer, followup.year, gi.indicator_id))))
            .join(goal_indicators, gi.goal_id == Goal.id)
            .join(Indicator, Indicator.id == gi.indicator_id)
            .group_by(_group())
        )
    }
    units = session.execute(
        scoped(OrgUnit, viewer, OrgUnit.id, OrgUnit.code, OrgUnit.name, OrgUnit.level)
        .where(OrgUnit.id.in_(list(goal_counts)))
        .order_by(case({lvl: n for n, lvl in enumerate(UNIT_LEVELS)}, value=OrgUnit.level),
                  OrgUnit.sort_order, OrgUnit.name)
    ).all()
    return [
        NamndQuality(code, name, level,
                     viewer.sees_everything or level == "region" or uid in viewer.namnd_ids,
                     *map(int, goal_counts[uid]), *map(int, link_counts.get(uid, (0, 0))))
        for uid, code, name, level in units
    ]


# --- The lists behind the figures -------------------------------------------------------------


def _ordered(query):
    """The lists' order: by level of goal, then owner, then the goals' own order."""
    depth = case({kind: n for n, kind in enumerate(GOAL_KINDS)}, value=Goal.kind)
    return query.order_by(depth, Owner.sort_order, Owner.name, Goal.sort_order, Goal.code)


def _finding_columns():
    return (Goal.code, Goal.title, Goal.kind, Owner.name, _group_code())


def goal_findings(session: Session, viewer: Viewer, followup: FollowUp, finding: str,
                  namnd_code: str | None = None, factors: bool = False) -> list[GoalFinding]:
    """The goals (or goal–indicator pairs) behind one figure, for one nämnd or all (`factors`:
    as in quality_by_namnd)."""
    if finding not in FINDINGS:
        raise ValueError(f"unknown finding {finding!r}")
    if finding == "utan_malvarde":
        return _links_without_target(session, viewer, followup, namnd_code)
    if finding == "utan_indikator":
        reason = case((_has_indicator(viewer), "inga_malvarden"), else_="inga_indikatorer")
        condition = not_(_measurable(viewer, followup.year))
    elif finding == "bruten_trad":
        reason = _thread_fault(viewer, factors)
        condition = reason.is_not(None)
    elif finding == "utan_perspektiv":
        reason, condition = case((true(), "inget_perspektiv")), _lacks_perspective(session,
                                                                                   viewer)
    else:
        reason, condition = case((true(), "ingen_bedomning")), not_(_assessed(viewer, followup))
    query = _goals(viewer, *_finding_columns(), reason).where(condition)
    if namnd_code:
        query = query.where(_group_code() == namnd_code)
    return [GoalFinding(*row) for row in session.execute(_ordered(query))]


def _links_without_target(session: Session, viewer: Viewer, followup: FollowUp,
                          namnd_code: str | None) -> list[GoalFinding]:
    """Each goal's indicators without a målvärde for the year, for one nämnd or all."""
    gi = goal_indicators.c
    query = (
        _goals(viewer, *_finding_columns(), Indicator.code, Indicator.name, Owner.code)
        .join(goal_indicators, gi.goal_id == Goal.id)
        .join(Indicator, Indicator.id == gi.indicator_id)
        .where(not_(_has_target(viewer, followup.year, Indicator.id)))
    )
    if namnd_code:
        query = query.where(_group_code() == namnd_code)
    rows = session.execute(_ordered(query).order_by(Indicator.code))
    return [GoalFinding(code, title, kind, owner, group, "utan_malvarde", ind_code, ind_name,
                        owner_code)
            for code, title, kind, owner, group, ind_code, ind_name, owner_code in rows]
