"""What each viewer may see, as SQL conditions, and how they get into every statement.

Like Superset's BaseDAO, the viewer's row-level filter is applied to every read by default.
A query never calls `select()` itself but `scoped(Model, viewer, ...)`, which refuses a model
without a rule and a missing viewer, and stamps the viewer on the statement. The rules are not
written into that SELECT by hand: when a statement runs, the session's `do_orm_execute` event
(`_apply_row_rules`) walks it, finds every model of ROW_RULES it touches (the FROM model,
joined models, aliased models, models in subqueries, unions and correlated EXISTS alike) and
adds each model's rule for the statement's viewer with `with_loader_criteria`: to the WHERE
clause of the SELECT a model is read in, to the ON clause of a join (so an outer join keeps
its left rows). A join in a query therefore cannot forget the joined model's rule. Each
`aliased(Model)` gets its own copy of the rule, naming the alias's columns. A rule is built
once per model and viewer (`_rule`); its own subqueries are plain SQL, so the goals inside an
indicator's rule are not filtered a second time. The one deliberate exception is
`narrowing_ids`, a rule-less subquery that only narrows a scoped query of its own model.

What the ORM cannot filter fails loudly instead of reading too much (`UnscopedRead`):
- a statement carrying a viewer that names a rule-bearing table outside the ORM (the Core
  `Model.__table__`, an alias of it, one of its columns; use the model or `aliased(Model)`),
  or holds a join built apart (`sqlalchemy.join`: the ORM adds no rule inside it);
- statements for two different viewers in one;
- on a session marked VIEWER_READS (the scoping tests' sessions, checking that every query
  carries its viewer), a read of a rule-bearing table without a viewer, unless it says
  `all_rows` or is a relationship load.
Other reads without a viewer (imports, roll-ups, the demo generator, the command line, the
sign-in looking up a user and their nämnder) read all rows. Deny by default: an unknown role
sees no rows at all.

The rules, by role:
- allmänhet (public): published goals and indicators and the indicators' values; nothing else
  but reference data (organisation, follow-up periods, the data's date);
- nämnd member: all of their own nämnder (goals down to enhet, economy, risks, uppdrag), the
  summary levels of every nämnd (målbild, målområden, nämndmål and their statuses; economy
  totals for the region and per nämnd), and whatever is published;
- ledning and admin: everything (no condition is added at all).
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy import ColumnElement, Select, event, exists, false, literal, select, true
from sqlalchemy.orm import ORMExecuteState, Session, with_loader_criteria
from sqlalchemy.sql.annotation import _deep_deannotate
from sqlalchemy.sql.base import Executable
from sqlalchemy.sql.elements import BindParameter, ClauseElement, ColumnClause, False_, True_
from sqlalchemy.sql.selectable import Alias, Join, TableClause
from sqlalchemy.sql.util import ClauseAdapter

from sqlalchemy.types import TypeEngine

from data_access.driver import DriverSelect
from data_access.models import (
    Agenda2030Goal,
    Assessment,
    CalendarEvent,
    AuditEvent,
    ComparisonMeasurement,
    ControlDecision,
    ControlPoint,
    ControlResult,
    CostCategory,
    EconomyEntry,
    EconomyMonthTotal,
    EconomyTotal,
    FollowUpPeriod,
    Goal,
    GrantReport,
    GoalClosure,
    GoalStatus,
    ImportRun,
    KoladaRevision,
    Indicator,
    LatestMeasurement,
    LoginEvent,
    MeasureIndicator,
    MeasureMonth,
    PublicHeadline,
    Measurement,
    OrgUnit,
    OrgUnitClosure,
    Perspective,
    Process,
    ProductionPlan,
    ProductivityMeasure,
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
    """SQL: `column` is the id of a row matching `condition` (a constant condition stays one).

    Written `EXISTS (SELECT 1 FROM <table> AS <alias> WHERE <alias>.<id> = column AND
    condition)`, which names the same rows as `column IN (SELECT <id> FROM <table> WHERE
    condition)`. SQLite runs the IN form by first collecting every matching id of the whole
    table: a nämnd member's visible goals are two thousand ids on x10, a millisecond in each
    of a page's statements (Mål som nämndledamot: 11.5 ms of SQL, now 1.7). EXISTS looks up
    only the rows the statement reaches, a fraction of a microsecond each, so it costs more
    only where a statement counts a whole table's rows against a small set (the public's
    count of a period's statuses: 0.2 → 1.4 ms). PostgreSQL plans both as the same
    semi-join.

    The subquery reads a table of its own (an alias), so it never borrows a table of the
    query it sits in: it is tied to that query by `column` alone. Plain SQL, without the
    ORM's annotations: the row rules are not added to it a second time."""
    if isinstance(condition, (True_, False_)):
        return condition
    inner = id_column.table.alias()
    matching = select(literal(1)).select_from(inner).where(
        inner.c[id_column.key] == column, ClauseAdapter(inner).traverse(condition))
    return _deep_deannotate(exists(matching.correlate_except(inner)))


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
    """Published indicators; for nämnd members also those measuring a goal they may see, and
    those their own units have a production plan for (their production is theirs to follow)."""
    published = Indicator.published.is_(True)
    if viewer.role != NAMND_ROLE:
        return _by_role(viewer, published)
    of_goals = _among(
        Indicator.id, goal_indicators.c.indicator_id,
        _among(goal_indicators.c.goal_id, Goal.id, visible_goals(viewer)),
    )
    planned = _among(Indicator.id, ProductionPlan.indicator_id,
                     _own_units(viewer, ProductionPlan.unit_id))
    return published | of_goals | planned


def visible_unit_detail(viewer: Viewer) -> ColumnElement[bool]:
    """Units whose own figures the viewer may see: region and nämnd level, and their own units."""
    summary = OrgUnit.level.in_(SUMMARY_UNIT_LEVELS)
    return _by_role(viewer, namnd=summary | OrgUnit.namnd_id.in_(viewer.namnd_ids))


def visible_risks(viewer: Viewer) -> ColumnElement[bool]:
    """All risks for ledning and admin, their nämnders' risks for nämnd members, none otherwise."""
    return _by_role(viewer, namnd=Risk.namnd_id.in_(viewer.namnd_ids))


def visible_control_decisions(viewer: Viewer) -> ColumnElement[bool]:
    """A nämnd's adoption of its riskanalys and internkontrollplan: as its risks."""
    return _by_role(viewer, namnd=ControlDecision.namnd_id.in_(viewer.namnd_ids))


def visible_uppdrag(viewer: Viewer) -> ColumnElement[bool]:
    """Uppdrag given to or by one of a nämnd member's nämnder; all for ledning and admin."""
    ours = _own_units(viewer, Uppdrag.assignee_unit_id) | _own_units(viewer, Uppdrag.issuer_unit_id)
    return _by_role(viewer, namnd=ours)


# Calendar kinds that are the administration's own deadlines, not dates the public may know.
INTERNAL_CALENDAR_KINDS = ("rapportering", "internkontroll")


def visible_calendar(viewer: Viewer) -> ColumnElement[bool]:
    """The årshjul: decisions, reports and meetings (public dates) for everyone; the
    reporting and internkontroll deadlines of the whole organisation and of their own nämnder
    for nämnd members; everything for ledning and admin."""
    public = CalendarEvent.kind.not_in(INTERNAL_CALENDAR_KINDS)
    ours = CalendarEvent.namnd_id.is_(None) | CalendarEvent.namnd_id.in_(viewer.namnd_ids)
    return _by_role(viewer, public, public | ours)


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
_grants = _of_units(StateGrant.unit_id)
_measures = _of_units(SavingMeasure.unit_id)


# --- The base SELECT ----------------------------------------------------------------------

# Every model a query may read, with the filter applied by default.
ROW_RULES: dict[type, Rule] = {
    **dict.fromkeys(
        (OrgUnit, OrgUnitClosure, GoalClosure, FollowUpPeriod, ImportRun, CostCategory, Process,
         Perspective, Agenda2030Goal),
        visible_reference_data,
    ),
    **dict.fromkeys((AuditEvent, User, LoginEvent, KoladaRevision), administrators_only),
    Goal: visible_goals,
    GoalStatus: _of(GoalStatus.goal_id, Goal.id, visible_goals),
    Assessment: _of(Assessment.goal_id, Goal.id, visible_goals),
    Indicator: visible_indicators,
    Measurement: lambda v: _indicator_values(v, Measurement.indicator_id, Measurement.unit_id),
    Target: lambda v: _indicator_values(v, Target.indicator_id, Target.unit_id),
    LatestMeasurement: lambda v: _indicator_values(v, LatestMeasurement.indicator_id,
                                                   LatestMeasurement.unit_id),
    PublicHeadline: lambda v: _indicator_values(v, PublicHeadline.indicator_id,
                                                PublicHeadline.unit_id),
    # A production plan is a target of a count: scoped like the indicator's values.
    ProductionPlan: lambda v: _indicator_values(v, ProductionPlan.indicator_id,
                                                ProductionPlan.unit_id),
    ProductivityMeasure: _of(ProductivityMeasure.indicator_id, Indicator.id, visible_indicators),
    ComparisonMeasurement: _of(
        ComparisonMeasurement.indicator_id, Indicator.id, visible_indicators
    ),
    EconomyEntry: _of_units(EconomyEntry.unit_id),
    # A unit's subtree total is shown exactly where the unit's own figures may be.
    EconomyTotal: _of_units(EconomyTotal.unit_id),
    EconomyMonthTotal: _of_units(EconomyMonthTotal.unit_id),
    StateGrant: _grants,
    GrantReport: _of(GrantReport.grant_id, StateGrant.id, _grants),
    SavingMeasure: _measures,
    MeasureMonth: _of(MeasureMonth.measure_id, SavingMeasure.id, _measures),
    MeasureIndicator: _of(MeasureIndicator.measure_id, SavingMeasure.id, _measures),
    Uppdrag: visible_uppdrag,
    CalendarEvent: visible_calendar,
    Risk: visible_risks,
    ControlDecision: visible_control_decisions,
    RiskAssessment: _of(RiskAssessment.risk_id, Risk.id, visible_risks),
    ControlPoint: _control_points,
    ControlResult: _of(ControlResult.control_point_id, ControlPoint.id, _control_points),
    RiskAction: _of(RiskAction.id, action_risks.c.action_id,
                    _of(action_risks.c.risk_id, Risk.id, visible_risks)),
}

VIEWER = "viewer"  # the execution option carrying a statement's viewer
ALL_ROWS = "all_rows"  # the execution option of a deliberate read of every row
VIEWER_READS = "viewer_reads"  # Session.info key: every read on it must carry a viewer

_RULE_TABLES = {model.__table__: model for model in ROW_RULES}


class UnscopedRead(RuntimeError):
    """A statement would read rows of a rule-bearing table past its row rule."""


def scoped(model: type, viewer: Viewer, *columns) -> Select:
    """SELECT `columns` (default: the model's rows) FROM `model`, for `viewer`: the rules of
    `model` and of every other rule-bearing model the statement comes to touch are added when
    it runs (`_apply_row_rules`).

    There is no way around the rule: region and nämnd totals come from EconomyTotal, whose
    rows are scoped like the units they sum.
    """
    if not isinstance(viewer, Viewer):
        raise TypeError(f"a query needs the viewer's scope, got {viewer!r}")
    if model not in ROW_RULES:
        raise LookupError(f"no read rule for {model.__name__}")
    return select(*(columns or (model,))).select_from(model).execution_options(viewer=viewer)


@lru_cache(maxsize=4096)
def _rule(model: type, viewer: Viewer) -> ColumnElement[bool] | None:
    """`model`'s rule for `viewer`, made once (a rule is pure SQL of the viewer); None when it
    holds for every row."""
    rule = ROW_RULES[model](viewer)
    return None if isinstance(rule, True_) else rule


def _criteria(entity, viewer: Viewer):
    """The loader criteria adding the rule for `viewer` to `entity`, a model (its mapper) or
    one `aliased(model)`; None when the rule holds for every row.

    Each alias gets its own copy of the rule, naming the alias's columns: given for the model
    with include_aliases, a rule would be added to the ON clause of a join of an alias
    unchanged, naming the model's own table."""
    rule = _rule(entity.mapper.class_, viewer)
    if rule is None:
        return None
    if entity.is_aliased_class:
        return with_loader_criteria(entity.entity, _alias_rule(entity, viewer))
    return with_loader_criteria(entity.class_, rule)


@lru_cache(maxsize=1024)
def _alias_rule(alias, viewer: Viewer) -> ColumnElement[bool]:
    """The rule of `alias`'s model for `viewer`, naming the alias's columns: copied once per
    alias and viewer (copying a rule's subqueries costs as much as running a small query), so
    an alias made once (a module's constant) costs nothing more after its first read."""
    return alias._adapter.traverse(_rule(alias.mapper.class_, viewer))


def _core_table(element) -> type | None:
    """The model whose table `element` is, or aliases, outside the ORM (else None)."""
    if isinstance(element, Alias):
        element = element.element
    return _RULE_TABLES.get(element) if isinstance(element, TableClause) else None


def _touched(statement) -> tuple[set, set[Viewer], set[str]]:
    """What a statement touches: the rule-bearing models read through the ORM (their mappers
    and their aliases), the viewers stamped on it and on the statements inside it, and the
    rule-bearing tables it names outside the ORM."""
    entities, viewers, core = set(), set(), set()
    stack, seen = [statement], set()
    while stack:
        element = stack.pop()
        if isinstance(element, BindParameter) or id(element) in seen:
            continue
        seen.add(id(element))
        annotations = getattr(element, "_annotations", None)
        entity = annotations.get("parententity") if annotations else None
        if entity is not None and entity.mapper.class_ in ROW_RULES:
            entities.add(entity)
        if isinstance(element, ColumnClause):  # a leaf: its table is not among its parts
            if entity is None and _core_table(element.table):
                core.add(f"{element.table.name}.{element.name}")
            continue
        if isinstance(element, (TableClause, Alias)):
            if entity is None and _core_table(element):
                core.add(element.name)
            if entity is not None or _core_table(element):
                continue  # a model's own table (or alias), under the ORM's annotation or not
        elif isinstance(element, Join):
            # The ORM adds rules to the joins of Select.join, not inside a join built apart.
            sides = (f.name for f in element._from_objects if not isinstance(f, Join))
            core.add(f"join({', '.join(sides)})")
            continue
        elif isinstance(element, Executable):
            if element._execution_options.get(ALL_ROWS):
                continue  # narrowing_ids: inside a scoped query of its own model
            if VIEWER in element._execution_options:
                viewers.add(element._execution_options[VIEWER])
        stack.extend(_children(element))
    return entities, viewers, core


def _children(element) -> Iterable:
    """The parts of a statement element as written: a SELECT's own FROM list, not the tables
    its columns come from (a column is an ORM entity's or is reported by itself)."""
    if isinstance(element, Select):
        return ClauseElement.get_children(element, omit_attrs=("_correlate", "_correlate_except"))
    return element.get_children()


@dataclass
class _Reach:
    """What `_touched` finds in one statement, and that statement with its viewer's rules
    (None if it needs none, or has not exactly one viewer, or names a table outside the ORM:
    never the statement itself, which the memo must not keep alive).

    `keys`: the names of its columns, where it selects plain columns only (no ORM entity to
    load): from its second run on, SQLite runs it straight from the driver (`driver`)."""

    entities: frozenset
    viewers: frozenset
    core: frozenset
    ruled: Executable | None
    keys: tuple[str, ...] | None = None
    runs: int = 0
    driver: DriverSelect | None = None


# Per statement object (by identity, while it lives): its `_Reach`. A statement is immutable
# (every change makes a new object), so one built once and run again (a prepared statement
# with bound parameters) is inspected, and has its rules added, only once.
_REACH: dict[int, tuple[weakref.ref, _Reach]] = {}


def _reach(statement) -> _Reach:
    """`statement`'s `_Reach`, worked out once per statement object."""
    key = id(statement)
    held = _REACH.get(key)
    if held is not None and held[0]() is statement:
        return held[1]
    entities, viewers, core = _touched(statement)
    ruled = None
    if len(viewers) == 1 and not core:
        viewer, = viewers
        options = [c for c in (_criteria(e, viewer) for e in entities) if c is not None]
        ruled = statement.options(*options) if options else None
    reach = _Reach(frozenset(entities), frozenset(viewers), frozenset(core), ruled,
                   _plain_keys(statement))
    try:
        ref = weakref.ref(statement, lambda _gone, key=key: _forget(key))
    except TypeError:  # not weakly referable: not remembered
        return reach
    _REACH[key] = (ref, reach)
    return reach


def _forget(key: int) -> None:
    """Drop the memo of a statement that is gone (unless its id already holds a new one)."""
    held = _REACH.get(key)
    if held is not None and held[0]() is None:
        _REACH.pop(key, None)


@event.listens_for(Session, "do_orm_execute")
def _apply_row_rules(state: ORMExecuteState) -> None:
    """Add the viewer's row rule of every rule-bearing model the SELECT touches; refuse what
    the rules cannot reach (see the module's docstring)."""
    if not state.is_select or state.execution_options.get(ALL_ROWS):
        return None
    reach = _reach(state.statement)
    entities, viewers, core = reach.entities, reach.viewers, reach.core
    if len(viewers) > 1:
        raise UnscopedRead(f"one statement for several viewers: {sorted(map(str, viewers))}")
    if not viewers:
        if (entities or core) and state.session.info.get(VIEWER_READS) \
                and not state.is_relationship_load:
            named = sorted({e.mapper.class_.__name__ for e in entities} | core)
            raise UnscopedRead(f"a read of {named} without a viewer: build it with scoped()")
        return None
    if core:
        raise UnscopedRead(f"{sorted(core)} escape the row rules: name the model (or an "
                           "aliased model), not its table, and join with Select.join")
    if reach.ruled is not None:
        state.statement = reach.ruled
    return _driver_result(reach, state)


# Execution options under which the ORM's own execution must run the statement.
_ORM_ONLY = frozenset({"yield_per", "stream_results", "populate_existing", "max_row_buffer"})


def _plain_keys(statement) -> tuple[str, ...] | None:
    """The names of a SELECT's columns, as the ORM's result names them, if it selects plain
    columns only (None for anything else, e.g. a model's rows)."""
    if not isinstance(statement, Select):
        return None
    try:
        described = statement.column_descriptions
    except Exception:  # noqa: BLE001 - anything unusual is the ORM's to run
        return None
    if not all(isinstance(d.get("type"), TypeEngine) for d in described):
        return None
    keys = tuple(d.get("name") for d in described)
    return keys if all(keys) else None


def _driver_result(reach: _Reach, state: ORMExecuteState):
    """The statement's Result straight from SQLite's driver (`DriverSelect`), or None for the
    ORM to run it: only a SELECT of plain columns, run before (a statement built for one
    request only would cost a compilation of its own), with nothing pending in the session
    (the ORM would flush it first) and one set of parameters."""
    if reach.keys is None:
        return None
    reach.runs += 1
    parameters = state.parameters
    if reach.runs < 2 or not (parameters is None or isinstance(parameters, dict)) \
            or not _ORM_ONLY.isdisjoint(state.execution_options) \
            or not state.session._is_clean():
        return None
    if reach.driver is None:
        reach.driver = DriverSelect(state.statement, reach.keys)
    return reach.driver.result(state.session.connection(), parameters)


def narrowing_ids(model: type, *conditions) -> Select:
    """SELECT the ids of `model`'s rows meeting `conditions`, for `scoped(...).where(model.id.in_(
    ...))` only: it narrows a scoped query and reads nothing by itself.

    For SQLite's planner, which, given the viewer's rule and a list of units in one WHERE, may
    probe every (indicator, unit) pair instead of taking the units' index. So the rule is not
    added here (plain SQL, marked ALL_ROWS: `_touched` leaves it be); the query it narrows has
    it.
    """
    return _deep_deannotate(select(model.id).where(*conditions)).execution_options(all_rows=True)
