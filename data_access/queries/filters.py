"""What each viewer may see, as SQL conditions, and `scoped`, the SELECT every query starts from.

Like Superset's BaseDAO, the viewer's row-level filter is applied to every read by default:
a query never calls `select()` itself but `scoped(Model, viewer, ...)`, which refuses a model
without a rule and a missing viewer. Deny by default: an unknown role sees no rows at all.

The rules, by role:
- allmänhet (public): published goals and indicators and the indicators' values; nothing else
  but reference data (organisation, follow-up periods, the data's date);
- nämnd member: all of their own nämnder (goals down to enhet, economy, risks, uppdrag), the
  summary levels of every nämnd (målbild, målområden, nämndmål and their statuses; economy
  totals for the region and per nämnd), and whatever is published;
- ledning and admin: everything.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import ColumnElement, Select, false, select, true
from sqlalchemy.sql.elements import False_, True_

from data_access.models import (
    Agenda2030Goal,
    Assessment,
    AuditEvent,
    ComparisonMeasurement,
    ControlPoint,
    ControlResult,
    CostCategory,
    EconomyEntry,
    EconomyMonthTotal,
    EconomyTotal,
    FollowUpPeriod,
    Goal,
    GoalClosure,
    GoalStatus,
    ImportRun,
    Indicator,
    LatestMeasurement,
    LoginEvent,
    Measurement,
    OrgUnit,
    OrgUnitClosure,
    Perspective,
    Process,
    Risk,
    RiskAction,
    RiskAssessment,
    SavingMeasure,
    StateGrant,
    Target,
    Uppdrag,
    User,
    action_risks,
    goal_indicators,
)
from data_access.scope import PUBLIC, PUBLIC_ROLE, Viewer

NAMND_ROLE = "namnd"
KNOWN_ROLES = (PUBLIC_ROLE, NAMND_ROLE, "ledning", "admin")
# Goal kinds a nämnd member sees for every nämnd: the region's and the nämnder's own goals.
SUMMARY_GOAL_KINDS = ("malbild", "malomrade", "namndmal")
# Unit levels whose figures (e.g. economy totals) a nämnd member sees for every nämnd.
SUMMARY_UNIT_LEVELS = ("region", "namnd")

Rule = Callable[[Viewer], ColumnElement[bool]]


# --- What a role may see at all (also for the pages, to say what is left out) ------------


def may_see_economy(viewer: Viewer) -> bool:
    """Whether the viewer may see any economy: nämnd members, ledning and admin."""
    return viewer.sees_everything or viewer.role == NAMND_ROLE


def may_see_internal_control(viewer: Viewer) -> bool:
    """Whether the viewer may see any risks: nämnd members (their own), ledning and admin."""
    return viewer.sees_everything or viewer.role == NAMND_ROLE


def _by_role(
    viewer: Viewer, public: ColumnElement[bool] = false(), namnd: ColumnElement[bool] = false()
) -> ColumnElement[bool]:
    """All rows for ledning and admin, `public` or `namnd` for those roles, none for others."""
    if viewer.sees_everything:
        return true()
    return {PUBLIC_ROLE: public, NAMND_ROLE: namnd}.get(viewer.role, false())


def _among(column, id_column, condition: ColumnElement[bool]) -> ColumnElement[bool]:
    """SQL: `column` is the id of a row matching `condition` (a constant condition stays one)."""
    if isinstance(condition, (True_, False_)):
        return condition
    # Never correlated: the subquery must not borrow a table of the query it sits in.
    return column.in_(select(id_column).where(condition).correlate(None))


def _own_units(viewer: Viewer, column) -> ColumnElement[bool]:
    """SQL: `column` is a unit answering to one of the viewer's nämnder."""
    return _among(column, OrgUnit.id, OrgUnit.namnd_id.in_(viewer.namnd_ids))


# --- One condition per kind of row --------------------------------------------------------


def administrators_only(viewer: Viewer) -> ColumnElement[bool]:
    """The audit log, the users and their logins: who may do, read and change what is for
    administrators alone."""
    return true() if viewer.role == "admin" else false()


def visible_reference_data(viewer: Viewer) -> ColumnElement[bool]:
    """Reference data (organisation, periods, categories, the data's date) for every known role."""
    return true() if viewer.role in KNOWN_ROLES else false()


def visible_goals(viewer: Viewer) -> ColumnElement[bool]:
    """Published goals; for nämnd members also every summary goal and all their own goals."""
    published = Goal.published.is_(True)
    own = _own_units(viewer, Goal.owner_unit_id)
    return _by_role(viewer, published, published | Goal.kind.in_(SUMMARY_GOAL_KINDS) | own)


def visible_indicators(viewer: Viewer) -> ColumnElement[bool]:
    """Published indicators; for nämnd members also those measuring a goal they may see."""
    published = Indicator.published.is_(True)
    of_goals = _among(
        Indicator.id, goal_indicators.c.indicator_id,
        _among(goal_indicators.c.goal_id, Goal.id, visible_goals(viewer)),
    )
    return _by_role(viewer, published, published | of_goals)


def visible_unit_detail(viewer: Viewer) -> ColumnElement[bool]:
    """Units whose own figures the viewer may see: region and nämnd level, and their own units."""
    summary = OrgUnit.level.in_(SUMMARY_UNIT_LEVELS)
    return _by_role(viewer, namnd=summary | OrgUnit.namnd_id.in_(viewer.namnd_ids))


def visible_risks(viewer: Viewer) -> ColumnElement[bool]:
    """All risks for ledning and admin, their nämnders' risks for nämnd members, none otherwise."""
    return _by_role(viewer, namnd=Risk.namnd_id.in_(viewer.namnd_ids))


def visible_uppdrag(viewer: Viewer) -> ColumnElement[bool]:
    """Uppdrag given to or by one of a nämnd member's nämnder; all for ledning and admin."""
    ours = _own_units(viewer, Uppdrag.assignee_unit_id) | _own_units(viewer, Uppdrag.issuer_unit_id)
    return _by_role(viewer, namnd=ours)


def _indicator_values(viewer: Viewer, indicator_id, unit_id) -> ColumnElement[bool]:
    """Published indicators' values anywhere; a member's other indicators at their visible units."""
    published = _among(indicator_id, Indicator.id, visible_indicators(PUBLIC))
    ours = _among(indicator_id, Indicator.id, visible_indicators(viewer)) & _among(
        unit_id, OrgUnit.id, visible_unit_detail(viewer)
    )
    return _by_role(viewer, published, published | ours)


def _of_units(column) -> Rule:
    """Rule: rows of the units whose figures the viewer may see."""
    return lambda viewer: _among(column, OrgUnit.id, visible_unit_detail(viewer))


def _of(column, id_column, rule: Rule) -> Rule:
    """Rule: rows belonging to a row the viewer may see under `rule` (e.g. a risk's controls)."""
    return lambda viewer: _among(column, id_column, rule(viewer))


_control_points = _of(ControlPoint.risk_id, Risk.id, visible_risks)


# --- The base SELECT ----------------------------------------------------------------------

# Every model a query may read, with the filter applied by default.
ROW_RULES: dict[type, Rule] = {
    **dict.fromkeys(
        (OrgUnit, OrgUnitClosure, GoalClosure, FollowUpPeriod, ImportRun, CostCategory, Process,
         Perspective, Agenda2030Goal),
        visible_reference_data,
    ),
    **dict.fromkeys((AuditEvent, User, LoginEvent), administrators_only),
    Goal: visible_goals,
    GoalStatus: _of(GoalStatus.goal_id, Goal.id, visible_goals),
    Assessment: _of(Assessment.goal_id, Goal.id, visible_goals),
    Indicator: visible_indicators,
    Measurement: lambda v: _indicator_values(v, Measurement.indicator_id, Measurement.unit_id),
    Target: lambda v: _indicator_values(v, Target.indicator_id, Target.unit_id),
    LatestMeasurement: lambda v: _indicator_values(v, LatestMeasurement.indicator_id,
                                                   LatestMeasurement.unit_id),
    ComparisonMeasurement: _of(
        ComparisonMeasurement.indicator_id, Indicator.id, visible_indicators
    ),
    EconomyEntry: _of_units(EconomyEntry.unit_id),
    # A unit's subtree total is shown exactly where the unit's own figures may be.
    EconomyTotal: _of_units(EconomyTotal.unit_id),
    EconomyMonthTotal: _of_units(EconomyMonthTotal.unit_id),
    StateGrant: _of_units(StateGrant.unit_id),
    SavingMeasure: _of_units(SavingMeasure.unit_id),
    Uppdrag: visible_uppdrag,
    Risk: visible_risks,
    RiskAssessment: _of(RiskAssessment.risk_id, Risk.id, visible_risks),
    ControlPoint: _control_points,
    ControlResult: _of(ControlResult.control_point_id, ControlPoint.id, _control_points),
    RiskAction: _of(RiskAction.id, action_risks.c.action_id,
                    _of(action_risks.c.risk_id, Risk.id, visible_risks)),
}

def scoped(model: type, viewer: Viewer, *columns) -> Select:
    """SELECT `columns` (default: the model's rows) FROM `model`, limited to what `viewer` may see.

    There is no way around the rule: region and nämnd totals come from EconomyTotal, whose
    rows are scoped like the units they sum.
    """
    if not isinstance(viewer, Viewer):
        raise TypeError(f"a query needs the viewer's scope, got {viewer!r}")
    if model not in ROW_RULES:
        raise LookupError(f"no read rule for {model.__name__}")
    return select(*(columns or (model,))).select_from(model).where(ROW_RULES[model](viewer))


def narrowing_ids(model: type, *conditions) -> Select:
    """SELECT the ids of `model`'s rows meeting `conditions`, for `scoped(...).where(model.id.in_(
    ...))` only: it narrows a scoped query and reads nothing by itself.

    For SQLite's planner, which, given the viewer's rule and a list of units in one WHERE, may
    probe every (indicator, unit) pair instead of taking the units' index.
    """
    return select(model.id).where(*conditions)
