"""Internal control: the risk matrix, open risks, controls, actions, the internkontrollplan,
one risk in detail, and risks linked to goals.

Only ledning, admin and the members of the risk's own nämnd see a risk (filters.visible_risks);
every read below starts from `scoped`, so the public gets nothing at all.

Rules used throughout:
- riskvärde = sannolikhet × konsekvens (1–16), grouped in the bands of RISK_BANDS; a *high*
  risk is one in the band Hög or above (riskvärde ≥ HIGH_RISK_VALUE, derived from the bands);
- a risk is *open* while its status is `oppen`, whatever the year of its riskanalys: it stays
  open until it is accepted or closed. A view of a year's riskanalys therefore holds that
  year's risks and the still open risks of earlier years (`_in_view`); kontrollmoment and
  their results belong to the internkontrollplan of their risk's own year;
- an åtgärd is *försenad* (overdue) when its due date is before "today" and it is not `klar`;
  "today" is the date the loaded data runs to (`as_of_date`), so a demo or an old load is
  judged as of its own date, not the wall clock;
- the previous assessment of a risk is its scoring before the latest one in its history.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, fields
from functools import lru_cache

from sqlalchemy import and_, bindparam, func, true
from sqlalchemy.orm import Session, aliased

from data_access.models import (
    ControlDecision,
    ControlPoint,
    ControlResult,
    Goal,
    GoalStatus,
    OrgUnit,
    Process,
    Risk,
    RiskAction,
    RiskAssessment,
    action_risks,
    risk_goals,
)
from data_access.scope import Viewer

from .filters import scoped
from .goals import latest_followup
from .meta import latest_import

SCALE = (1, 2, 3, 4)  # sannolikhet and konsekvens
DONE = "klar"  # the åtgärd status that ends it
OPEN = "oppen"  # the risk status of a risk not yet brought down to an accepted level
Namnd = aliased(OrgUnit, name="namnd")  # a risk's nämnd
Owner = aliased(OrgUnit, name="owner")  # the unit owning a risk


@dataclass(frozen=True)
class RiskBand:
    """A band of riskvärden with its word, e.g. Hög for 8–9."""

    key: str
    word: str
    low: int  # the lowest riskvärde in the band
    high: int  # the highest riskvärde that can occur in the band (a product of two of 1–4)


# The one definition of the bands. Between the bands no product of 1–4 exists (7, 10, 11,
# 13–15), so each band runs up to the next one's low. "Medel", not "Måttlig": konsekvens 2 is
# already called måttlig.
RISK_BANDS = (
    RiskBand("lag", "Låg", 1, 3),
    RiskBand("medel", "Medel", 4, 6),
    RiskBand("hog", "Hög", 8, 9),
    RiskBand("mycket_hog", "Mycket hög", 12, 16),
)


# A high risk is one in the band Hög or above: the one threshold every count of high risks uses.
HIGH_RISK_VALUE = next(band.low for band in RISK_BANDS if band.key == "hog")
HIGH_BANDS = tuple(band for band in RISK_BANDS if band.low >= HIGH_RISK_VALUE)


def risk_band(value: int) -> RiskBand:
    """The band of a riskvärde (1–16); ValueError outside the scale."""
    if not 1 <= value <= 16:
        raise ValueError(f"riskvärde {value} är utanför skalan 1–16")
    return [band for band in RISK_BANDS if band.low <= value][-1]


class _Scored:
    """Mixin for rows with `probability` and `consequence`: their riskvärde and band."""

    probability: int
    consequence: int

    @property
    def risk_value(self) -> int:
        return self.probability * self.consequence

    @property
    def band(self) -> RiskBand:
        return risk_band(self.risk_value)


def _risk_value():
    """SQL: the risk's riskvärde."""
    return Risk.probability * Risk.consequence


def as_of_date(session: Session, viewer: Viewer) -> dt.date:
    """"Today" for overdue åtgärder: the date the latest successful load runs to, else today."""
    info = latest_import(session, viewer)
    return info.data_as_of if info and info.data_as_of else dt.date.today()


# --- The Översikt figures ---------------------------------------------------------------


def _is_open():
    """SQL: the risk is open (not accepted or closed), whatever its riskanalys year."""
    return Risk.status == OPEN


def _is_open_high():
    """SQL: the risk is open and high (riskvärde at least HIGH_RISK_VALUE)."""
    return _is_open() & (_risk_value() >= HIGH_RISK_VALUE)


def _in_view(year: int):
    """SQL: the risk belongs to the view of a year: a risk of that year's riskanalys, or a risk
    of an earlier one that is still open."""
    return (Risk.year == year) | ((Risk.year < year) & _is_open())


def _earlier(year: int):
    """SQL: the risk comes from a riskanalys before `year` (carried while open)."""
    return Risk.year < year


@dataclass(frozen=True)
class RiskCount:
    """How many open high risks there are, e.g. 53 up to the riskanalys of 2026, 20 of them
    from earlier years' riskanalyser."""

    year: int  # the latest riskanalys
    count: int
    earlier: int = 0  # of `count`, the risks of riskanalyser before `year`


@dataclass(frozen=True)
class NamndRisks:
    """One nämnd's risks in the view of a year: all, open, open and high, and of the open
    ones those carried from earlier years' riskanalyser."""

    namnd: str
    total: int
    open: int
    open_high: int
    code: str = ""
    open_earlier: int = 0


def _of_namnd(namnd_id: int | None):
    """SQL: the risk is one of the nämnd's (any risk when no nämnd is given)."""
    return true() if namnd_id is None else Risk.namnd_id == namnd_id


def latest_risk_year(session: Session, viewer: Viewer, namnd_id: int | None = None) -> int | None:
    """The latest year with a riskanalys the viewer may see (of one nämnd if given), or None."""
    return session.execute(scoped(Risk, viewer, func.max(Risk.year))
                           .where(_of_namnd(namnd_id))).scalar()


def open_high_risks(session: Session, viewer: Viewer,
                    namnd_id: int | None = None) -> RiskCount | None:
    """The open high risks the viewer may see (of one nämnd if given), of every riskanalys up
    to the latest."""
    year = latest_risk_year(session, viewer, namnd_id)
    if year is None:
        return None
    count, earlier = session.execute(
        scoped(Risk, viewer, func.count(), func.count().filter(_earlier(year)))
        .where(_in_view(year), _is_open_high(), _of_namnd(namnd_id))
    ).one()
    return RiskCount(year, count, earlier)


def risks_by_namnd(session: Session, viewer: Viewer,
                   year: int | None = None) -> tuple[int | None, list[NamndRisks]]:
    """The year (default the latest) and, per nämnd the viewer may see, its risks in the view
    of that year (the year's riskanalys and the still open risks of earlier ones)."""
    year = year or latest_risk_year(session, viewer)
    if year is None:
        return None, []
    rows = session.execute(_by_namnd_query(viewer), {"year": year}).all()
    return year, [NamndRisks(*row) for row in rows]


@lru_cache(maxsize=256)
def _by_namnd_query(viewer: Viewer):
    """The query of `risks_by_namnd` (parameter `year`), built once per viewer: a statement
    run again costs less Python than one built anew."""
    year = bindparam("year")
    return (
        scoped(
            Risk,
            viewer,
            OrgUnit.name,
            func.count(),
            func.count().filter(_is_open()),
            func.count().filter(_is_open_high()),
            OrgUnit.code,
            func.count().filter(_earlier(year)),
        )
        .join(OrgUnit, OrgUnit.id == Risk.namnd_id)
        .where(_in_view(year))
        .group_by(OrgUnit.id, OrgUnit.name, OrgUnit.code, OrgUnit.sort_order)
        .order_by(OrgUnit.sort_order, OrgUnit.name)
    )


# --- What the filters may offer -----------------------------------------------------------


@dataclass(frozen=True)
class Option:
    """A choice in a filter: the row's id, the code written in URLs, and its name."""

    id: int
    code: str
    name: str


@dataclass(frozen=True)
class RiskChoices:
    """The nämnder, processes and years of the risks the viewer may see (newest year first)."""

    namnder: tuple[Option, ...]
    processes: tuple[Option, ...]
    years: tuple[int, ...]


def risk_choices(session: Session, viewer: Viewer) -> RiskChoices:
    """What the Internkontroll filters may offer this viewer: only what their risks hold."""
    namnder_query, processes_query, years_query = _choice_queries(viewer)
    namnder = session.execute(namnder_query).all()
    processes = session.execute(processes_query).all()
    years = session.scalars(years_query).all()
    return RiskChoices(tuple(Option(*r) for r in namnder), tuple(Option(*r) for r in processes),
                       tuple(years))


@lru_cache(maxsize=256)
def _choice_queries(viewer: Viewer):
    """The queries of `risk_choices`, built once per viewer."""
    return (
        scoped(Risk, viewer, OrgUnit.id, OrgUnit.code, OrgUnit.name)
        .join(OrgUnit, OrgUnit.id == Risk.namnd_id)
        .group_by(OrgUnit.id, OrgUnit.code, OrgUnit.name, OrgUnit.sort_order)
        .order_by(OrgUnit.sort_order, OrgUnit.name),
        scoped(Risk, viewer, Process.id, Process.code, Process.name)
        .join(Process, Process.id == Risk.process_id)
        .group_by(Process.id, Process.code, Process.name)
        .order_by(Process.name),
        scoped(Risk, viewer, Risk.year).group_by(Risk.year).order_by(Risk.year.desc()),
    )


@dataclass(frozen=True)
class RiskSelection:
    """Which risks a view covers: a year (its riskanalys and the still open risks of earlier
    ones), and optionally a nämnd, a process and a status."""

    year: int
    namnd_id: int | None = None
    process_id: int | None = None
    status: str | None = None
    owner_unit_id: int | None = None  # only the risks this unit owns (the Enhet page)


def _shape(selection: RiskSelection) -> tuple[bool, ...]:
    """Which of the selection's fields are given (a prepared query's key)."""
    return tuple(getattr(selection, f.name) is not None for f in fields(RiskSelection))


def _bound(shape: tuple[bool, ...]) -> RiskSelection:
    """A selection of this shape whose values are bound parameters named as its fields, for
    a query prepared once and run with `_params`."""
    return RiskSelection(*(bindparam(f.name) if given else None
                           for f, given in zip(fields(RiskSelection), shape)))


def _params(selection: RiskSelection, **more) -> dict:
    """The values of a query prepared from `_bound(_shape(selection))`."""
    given = {f.name: getattr(selection, f.name) for f in fields(RiskSelection)}
    return {name: value for name, value in given.items() if value is not None} | more


def _selected(query, selection: RiskSelection, with_status: bool = True):
    """`query` (over Risk) limited to the selection; the status only if `with_status`."""
    query = query.where(_in_view(selection.year))
    if selection.namnd_id is not None:
        query = query.where(Risk.namnd_id == selection.namnd_id)
    if selection.process_id is not None:
        query = query.where(Risk.process_id == selection.process_id)
    if selection.owner_unit_id is not None:
        query = query.where(Risk.owner_unit_id == selection.owner_unit_id)
    if with_status and selection.status is not None:
        query = query.where(Risk.status == selection.status)
    return query


def _selected_ids(viewer: Viewer, selection: RiskSelection, with_status: bool = True):
    """Subquery: the ids of the selected risks (to keep the other tables' reads small)."""
    return _selected(scoped(Risk, viewer, Risk.id), selection, with_status).correlate(None)


# --- The matrix ---------------------------------------------------------------------------


@dataclass(frozen=True)
class CellCount(_Scored):
    """How many risks with a status sit in one cell (sannolikhet, konsekvens) of the matrix."""

    probability: int
    consequence: int
    status: str
    count: int


def risk_cells(session: Session, viewer: Viewer, selection: RiskSelection) -> list[CellCount]:
    """Risks per cell and status for the selection's year, nämnd and process (every status)."""
    rows = session.execute(_cells_query(viewer, _shape(selection)), _params(selection)).all()
    return [CellCount(*row) for row in rows]


@lru_cache(maxsize=512)
def _cells_query(viewer: Viewer, shape: tuple[bool, ...]):
    """The query of `risk_cells`, prepared once per viewer and selection shape."""
    return (
        _selected(scoped(Risk, viewer, Risk.probability, Risk.consequence, Risk.status,
                         func.count()), _bound(shape), with_status=False)
        .group_by(Risk.probability, Risk.consequence, Risk.status)
    )


def _ranked_assessments(viewer: Viewer, selection: RiskSelection):
    """Subquery: the selected risks' assessments, each ranked in its risk's history (1 = the
    latest)."""
    rank = func.row_number().over(
        partition_by=RiskAssessment.risk_id,
        order_by=(RiskAssessment.assessed_on.desc(), RiskAssessment.id.desc()),
    )
    return (
        scoped(RiskAssessment, viewer, RiskAssessment.risk_id, RiskAssessment.probability,
               RiskAssessment.consequence, rank.label("rank"))
        .where(RiskAssessment.risk_id.in_(_selected_ids(viewer, selection)))
        .subquery()
    )


def previous_cells(session: Session, viewer: Viewer, selection: RiskSelection) -> list[CellCount]:
    """The selected risks per cell at their previous assessment (risks without one left out)."""
    rows = session.execute(_previous_cells_query(viewer, _shape(selection)),
                           _params(selection)).all()
    return [CellCount(*row) for row in rows]


@lru_cache(maxsize=512)
def _previous_cells_query(viewer: Viewer, shape: tuple[bool, ...]):
    """The query of `previous_cells`, prepared once per viewer and selection shape."""
    selection = _bound(shape)
    earlier = _ranked_assessments(viewer, selection)
    return (
        _selected(scoped(Risk, viewer, earlier.c.probability, earlier.c.consequence,
                         Risk.status, func.count()), selection)
        .join(earlier, and_(earlier.c.risk_id == Risk.id, earlier.c.rank == 2))
        .group_by(earlier.c.probability, earlier.c.consequence, Risk.status)
    )


# --- The list of risks --------------------------------------------------------------------


@dataclass(frozen=True)
class GoalLink:
    """A goal a risk threatens."""

    code: str
    title: str


@dataclass(frozen=True)
class RiskRow(_Scored):
    """One risk in the list, with its riskanalys year, previous scoring, latest control and
    åtgärder."""

    id: int
    code: str
    title: str
    year: int
    namnd: str
    process: str
    owner_unit: str
    probability: int
    consequence: int
    status: str
    in_control_plan: bool
    previous_probability: int | None
    previous_consequence: int | None
    latest_result: str | None
    latest_result_on: dt.date | None
    open_actions: int
    overdue_actions: int
    goals: tuple[GoalLink, ...] = ()
    owner_code: str = ""  # the owner unit's code (its Enhet page)

    @property
    def previous_value(self) -> int | None:
        if self.previous_probability is None:
            return None
        return self.previous_probability * self.previous_consequence


def _open_action():
    """SQL: the åtgärd is not klar."""
    return RiskAction.status != DONE


def _overdue_action(today: dt.date):
    """SQL: the åtgärd is overdue on `today` (the rule of `is_overdue`)."""
    return _open_action() & (RiskAction.due_date < today)


def is_overdue(due_date: dt.date, status: str, today: dt.date) -> bool:
    """Whether an åtgärd is overdue: its due date has passed and it is not klar."""
    return status != DONE and due_date < today


def _action_counts(viewer: Viewer, selection: RiskSelection, today: dt.date):
    """Subquery per selected risk: its åtgärder not klar, and of those the ones overdue."""
    return (
        scoped(RiskAction, viewer, action_risks.c.risk_id.label("risk_id"),
               func.count().filter(_open_action()).label("open"),
               func.count().filter(_overdue_action(today)).label("overdue"))
        .join(action_risks, action_risks.c.action_id == RiskAction.id)
        .where(action_risks.c.risk_id.in_(_selected_ids(viewer, selection)))
        .group_by(action_risks.c.risk_id)
        .subquery()
    )


def _latest_results(viewer: Viewer, selection: RiskSelection):
    """Subquery: the selected risks' control results ranked, 1 = the latest performed."""
    rank = func.row_number().over(
        partition_by=ControlPoint.risk_id,
        order_by=(ControlResult.performed_on.desc(), ControlResult.id.desc()),
    )
    return (
        scoped(ControlResult, viewer, ControlPoint.risk_id.label("risk_id"), ControlResult.result,
               ControlResult.performed_on, rank.label("rank"))
        .join(ControlPoint, ControlPoint.id == ControlResult.control_point_id)
        .where(ControlPoint.risk_id.in_(_selected_ids(viewer, selection)))
        .subquery()
    )


def risk_list(session: Session, viewer: Viewer, selection: RiskSelection,
              today: dt.date) -> list[RiskRow]:
    """The selected risks, the highest riskvärde and most overdue åtgärder first."""
    rows = session.execute(_risk_list_query(viewer, _shape(selection)),
                           _params(selection, today=today)).all()
    goals = _goals_of(session, viewer, [row[0] for row in rows])
    return [RiskRow(*row[:-1], goals=goals.get(row[0], ()), owner_code=row[-1]) for row in rows]


@lru_cache(maxsize=512)
def _risk_list_query(viewer: Viewer, shape: tuple[bool, ...]):
    """The query of `risk_list` (and parameter `today`), prepared once per viewer and
    selection shape."""
    selection = _bound(shape)
    earlier, actions, results = (_ranked_assessments(viewer, selection),
                                 _action_counts(viewer, selection, bindparam("today")),
                                 _latest_results(viewer, selection))
    overdue = func.coalesce(actions.c.overdue, 0)
    return (
        _selected(scoped(
            Risk, viewer, Risk.id, Risk.code, Risk.title, Risk.year, Namnd.name, Process.name,
            Owner.name, Risk.probability, Risk.consequence, Risk.status, Risk.in_control_plan,
            earlier.c.probability, earlier.c.consequence, results.c.result,
            results.c.performed_on, func.coalesce(actions.c.open, 0), overdue, Owner.code,
        ), selection)
        .join(Namnd, Namnd.id == Risk.namnd_id)
        .join(Owner, Owner.id == Risk.owner_unit_id)
        .join(Process, Process.id == Risk.process_id)
        .outerjoin(earlier, and_(earlier.c.risk_id == Risk.id, earlier.c.rank == 2))
        .outerjoin(results, and_(results.c.risk_id == Risk.id, results.c.rank == 1))
        .outerjoin(actions, actions.c.risk_id == Risk.id)
        .order_by(_risk_value().desc(), overdue.desc(), Risk.title, Risk.code)
    )


def _goals_of(session: Session, viewer: Viewer, risk_ids: list[int]) -> dict[int, tuple]:
    """The goals the viewer may see linked to each of the risks, by risk id."""
    if not risk_ids:
        return {}
    rows = session.execute(_goals_of_query(viewer), {"risk_ids": list(risk_ids)}).all()
    found: dict[int, list[GoalLink]] = defaultdict(list)
    for risk_id, code, title in rows:
        found[risk_id].append(GoalLink(code, title))
    return {risk_id: tuple(links) for risk_id, links in found.items()}


@lru_cache(maxsize=256)
def _goals_of_query(viewer: Viewer):
    """The query of `_goals_of` (parameter `risk_ids`), built once per viewer."""
    return (
        scoped(Goal, viewer, risk_goals.c.risk_id, Goal.code, Goal.title)
        .join(risk_goals, risk_goals.c.goal_id == Goal.id)
        .where(risk_goals.c.risk_id.in_(bindparam("risk_ids", expanding=True)))
        .order_by(Goal.sort_order, Goal.code)
    )


# --- The summary --------------------------------------------------------------------------


@dataclass(frozen=True)
class ControlSummary:
    """Controls of the selection's kontrollmoment: planned for the year, performed, deviations,
    and åtgärder not klar and overdue."""

    planned: int
    performed: int
    deviations: int
    open_actions: int
    overdue_actions: int


def _plan_ids(viewer: Viewer, selection: RiskSelection):
    """Subquery: the ids of the risks of the selection's own riskanalys, every status: whose
    kontrollmoment are in that year's internkontrollplan."""
    return _selected_ids(viewer, selection, with_status=False).where(Risk.year == selection.year)


def _deviation():
    """SQL: the control found a deviation."""
    return ControlResult.result == "avvikelse"


def control_summary(session: Session, viewer: Viewer, selection: RiskSelection,
                    today: dt.date) -> ControlSummary:
    """Planned and performed controls and open and overdue åtgärder of the selection's risks.

    Every status counts: a risk that was accepted or closed still had its controls. A control
    belongs to the year of its risk's riskanalys, even when performed early the next year, so
    the controls are those of the year's riskanalys; the åtgärder are those of every risk in
    the selection, the still open risks of earlier years included.
    """
    planned_query, performed_query, actions_query = _summary_queries(viewer, _shape(selection))
    params = _params(selection)
    planned = session.execute(planned_query, params).scalar_one()
    performed, deviations = session.execute(performed_query, params).one()
    open_actions, overdue = session.execute(actions_query, params | {"today": today}).one()
    return ControlSummary(planned, performed, deviations, open_actions, overdue)


@lru_cache(maxsize=512)
def _summary_queries(viewer: Viewer, shape: tuple[bool, ...]):
    """The three queries of `control_summary` (the last also with parameter `today`),
    prepared once per viewer and selection shape."""
    selection = _bound(shape)
    plan = _plan_ids(viewer, selection)
    return (
        scoped(ControlPoint, viewer, func.coalesce(func.sum(ControlPoint.planned_per_year), 0))
        .where(ControlPoint.risk_id.in_(plan)),
        scoped(ControlResult, viewer, func.count(), func.count().filter(_deviation()))
        .join(ControlPoint, ControlPoint.id == ControlResult.control_point_id)
        .where(ControlPoint.risk_id.in_(plan)),
        scoped(RiskAction, viewer, func.count().filter(_open_action()),
               func.count().filter(_overdue_action(bindparam("today"))))
        .where(RiskAction.id.in_(
            scoped(RiskAction, viewer, action_risks.c.action_id)
            .join(action_risks, action_risks.c.action_id == RiskAction.id)
            .where(action_risks.c.risk_id.in_(_selected_ids(viewer, selection, False)))
            .correlate(None))),
    )


@dataclass(frozen=True)
class OverdueAction:
    """An overdue åtgärd of the selection's risks: owner, due date, status and its risks."""

    code: str
    title: str
    owner: str
    owner_unit: str
    due_date: dt.date
    status: str
    risks: tuple[RiskRef, ...]


def overdue_actions(session: Session, viewer: Viewer, selection: RiskSelection,
                    today: dt.date) -> list[OverdueAction]:
    """The overdue åtgärder of the selection's risks (every status: the ones `control_summary`
    counts), the earliest due first, each with the selected risks it covers."""
    rows = session.execute(
        scoped(RiskAction, viewer, RiskAction.id, RiskAction.code, RiskAction.title,
               RiskAction.owner, OrgUnit.name, RiskAction.due_date, RiskAction.status,
               Risk.code, Risk.title)
        .join(OrgUnit, OrgUnit.id == RiskAction.owner_unit_id)
        .join(action_risks, action_risks.c.action_id == RiskAction.id)
        .join(Risk, Risk.id == action_risks.c.risk_id)
        .where(Risk.id.in_(_selected_ids(viewer, selection, False)), _overdue_action(today))
        .order_by(RiskAction.due_date, RiskAction.code, RiskAction.id, Risk.code)
    ).all()
    actions: dict[int, tuple] = {}
    risks: dict[int, list[RiskRef]] = defaultdict(list)
    for action_id, *action, risk_code, risk_title in rows:
        actions.setdefault(action_id, tuple(action))
        risks[action_id].append(RiskRef(risk_code, risk_title))
    return [OverdueAction(*action, risks=tuple(risks[action_id]))
            for action_id, action in actions.items()]


@dataclass(frozen=True)
class Deviation:
    """A performed control that found a deviation, with its risk."""

    risk_code: str
    risk: str
    process: str
    control: str
    performed_on: dt.date
    comment: str
    risk_status: str


def control_deviations(session: Session, viewer: Viewer,
                       selection: RiskSelection) -> list[Deviation]:
    """Every control of the selection's internkontrollplan that found a deviation (the ones
    `control_summary` counts), the latest first."""
    rows = session.execute(
        scoped(ControlResult, viewer, Risk.code, Risk.title, Process.name,
               ControlPoint.description, ControlResult.performed_on, ControlResult.comment,
               Risk.status)
        .join(ControlPoint, ControlPoint.id == ControlResult.control_point_id)
        .join(Risk, Risk.id == ControlPoint.risk_id)
        .join(Process, Process.id == Risk.process_id)
        .where(ControlPoint.risk_id.in_(_plan_ids(viewer, selection)), _deviation())
        .order_by(ControlResult.performed_on.desc(), Risk.code, ControlPoint.code)
    ).all()
    return [Deviation(*row) for row in rows]


# --- One risk -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Scoring(_Scored):
    """One assessment of a risk: when, sannolikhet, konsekvens and why."""

    assessed_on: dt.date
    probability: int
    consequence: int
    comment: str


@dataclass(frozen=True)
class Result:
    """One performed control: when, utan anmärkning or avvikelse, and a comment."""

    performed_on: dt.date
    result: str
    comment: str


@dataclass(frozen=True)
class Control:
    """A kontrollmoment: what is checked, how, how often, by whom, and its results (latest
    first)."""

    description: str
    frequency: str
    responsible: str
    method: str = ""
    reported_to: str = ""
    planned_per_year: int = 0
    results: tuple[Result, ...] = ()


@dataclass(frozen=True)
class RiskRef:
    """Another risk, named by code and title (e.g. one sharing an åtgärd)."""

    code: str
    title: str


@dataclass(frozen=True)
class Action:
    """An åtgärd against the risk: owner, due date, status, and the other risks it covers."""

    title: str
    owner: str
    due_date: dt.date
    status: str
    code: str = ""
    owner_unit: str = ""
    done_on: dt.date | None = None
    other_risks: tuple[RiskRef, ...] = ()


@dataclass(frozen=True)
class RiskDetail(_Scored):
    """One risk of a nämnd's riskanalys with its history, kontrollmoment, åtgärder and goals."""

    code: str
    title: str
    description: str
    namnd: str
    process: str
    year: int
    probability: int
    consequence: int
    status: str
    in_control_plan: bool
    controls: tuple[Control, ...]
    actions: tuple[Action, ...]
    namnd_code: str = ""
    owner_unit: str = ""
    history: tuple[Scoring, ...] = ()
    goals: tuple[GoalLink, ...] = ()


def _controls(session: Session, viewer: Viewer, risk_id: int) -> tuple[Control, ...]:
    """The kontrollmoment of a risk in code order, each with its results, the latest first."""
    points = session.execute(_controls_query(viewer), {"risk_id": risk_id}).all()
    results = defaultdict(list)
    if points:
        for point_id, *result in session.execute(_results_query(viewer),
                                                 {"point_ids": [p[0] for p in points]}):
            results[point_id].append(Result(*result))
    return tuple(Control(*point[1:], results=tuple(results[point[0]])) for point in points)


# The risk page's queries are built once per viewer (parameters bound per request), as the
# other pages' are: their rows then come straight from SQLite's driver (data_access.driver).

@lru_cache(maxsize=256)
def _controls_query(viewer: Viewer):
    """The query of `_controls`' kontrollmoment (parameter `risk_id`)."""
    return (scoped(ControlPoint, viewer, ControlPoint.id, ControlPoint.description,
                   ControlPoint.frequency, ControlPoint.responsible, ControlPoint.method,
                   ControlPoint.reported_to, ControlPoint.planned_per_year)
            .where(ControlPoint.risk_id == bindparam("risk_id"))
            .order_by(ControlPoint.code))


@lru_cache(maxsize=256)
def _results_query(viewer: Viewer):
    """The query of `_controls`' results (parameter `point_ids`)."""
    return (scoped(ControlResult, viewer, ControlResult.control_point_id,
                   ControlResult.performed_on, ControlResult.result, ControlResult.comment)
            .where(ControlResult.control_point_id.in_(bindparam("point_ids", expanding=True)))
            .order_by(ControlResult.performed_on.desc()))


def _actions(session: Session, viewer: Viewer, risk_id: int) -> tuple[Action, ...]:
    """The åtgärder against a risk, the earliest due first, each with the other risks it covers."""
    rows = session.execute(_actions_query(viewer), {"risk_id": risk_id}).all()
    others = defaultdict(list)
    if rows:
        for action_id, code, title in session.execute(
                _other_risks_query(viewer),
                {"action_ids": [r[0] for r in rows], "risk_id": risk_id}):
            others[action_id].append(RiskRef(code, title))
    return tuple(Action(*row[1:], other_risks=tuple(others[row[0]])) for row in rows)


@lru_cache(maxsize=256)
def _actions_query(viewer: Viewer):
    """The query of `_actions`' åtgärder (parameter `risk_id`)."""
    return (scoped(RiskAction, viewer, RiskAction.id, RiskAction.title, RiskAction.owner,
                   RiskAction.due_date, RiskAction.status, RiskAction.code, OrgUnit.name,
                   RiskAction.done_on)
            .join(action_risks, action_risks.c.action_id == RiskAction.id)
            .join(OrgUnit, OrgUnit.id == RiskAction.owner_unit_id)
            .where(action_risks.c.risk_id == bindparam("risk_id"))
            .order_by(RiskAction.due_date, RiskAction.code))


@lru_cache(maxsize=256)
def _other_risks_query(viewer: Viewer):
    """The query of the other risks `_actions`' åtgärder cover (parameters `action_ids`,
    `risk_id`)."""
    return (scoped(Risk, viewer, action_risks.c.action_id, Risk.code, Risk.title)
            .join(action_risks, action_risks.c.risk_id == Risk.id)
            .where(action_risks.c.action_id.in_(bindparam("action_ids", expanding=True)),
                   Risk.id != bindparam("risk_id"))
            .order_by(Risk.code))


def _history(session: Session, viewer: Viewer, risk_id: int) -> tuple[Scoring, ...]:
    """The risk's assessments, the earliest first."""
    rows = session.execute(_history_query(viewer), {"risk_id": risk_id}).all()
    return tuple(Scoring(*row) for row in rows)


@lru_cache(maxsize=256)
def _history_query(viewer: Viewer):
    """The query of `_history` (parameter `risk_id`)."""
    return (scoped(RiskAssessment, viewer, RiskAssessment.assessed_on,
                   RiskAssessment.probability, RiskAssessment.consequence,
                   RiskAssessment.comment)
            .where(RiskAssessment.risk_id == bindparam("risk_id"))
            .order_by(RiskAssessment.assessed_on))


def risk_detail(session: Session, viewer: Viewer, risk_code: str) -> RiskDetail | None:
    """One risk with everything about it; None if it is unknown or hidden from the viewer."""
    row = session.execute(_detail_query(viewer), {"code": risk_code}).first()
    if row is None:
        return None
    (risk_id, code, title, description, year, probability, consequence, status,
     in_control_plan, namnd, process, namnd_code, owner_unit) = row
    return RiskDetail(
        code, title, description, namnd, process, year, probability, consequence, status,
        in_control_plan, _controls(session, viewer, risk_id), _actions(session, viewer, risk_id),
        namnd_code, owner_unit, _history(session, viewer, risk_id),
        _goals_of(session, viewer, [risk_id]).get(risk_id, ()),
    )


@lru_cache(maxsize=256)
def _detail_query(viewer: Viewer):
    """The query of `risk_detail`'s risk (parameter `code`)."""
    return (scoped(Risk, viewer, Risk.id, Risk.code, Risk.title, Risk.description, Risk.year,
                   Risk.probability, Risk.consequence, Risk.status, Risk.in_control_plan,
                   OrgUnit.name, Process.name, OrgUnit.code, Owner.name)
            .join(OrgUnit, OrgUnit.id == Risk.namnd_id)
            .join(Owner, Owner.id == Risk.owner_unit_id)
            .join(Process, Process.id == Risk.process_id)
            .where(Risk.code == bindparam("code")))


# --- The internkontrollplan ---------------------------------------------------------------


@dataclass(frozen=True)
class PlanRow(_Scored):
    """A line of the internkontrollplan: a risk and one of its kontrollmoment (or none yet)."""

    process: str
    risk_code: str
    risk: str
    probability: int
    consequence: int
    control: str | None
    method: str | None
    frequency: str | None
    responsible: str | None
    reported_to: str | None


def control_plan(session: Session, viewer: Viewer, namnd_id: int, year: int) -> list[PlanRow]:
    """A nämnd's internkontrollplan for a year: its risks in the plan and their kontrollmoment."""
    points = scoped(ControlPoint, viewer).subquery()
    rows = session.execute(
        scoped(Risk, viewer, Process.name, Risk.code, Risk.title, Risk.probability,
               Risk.consequence, points.c.description, points.c.method, points.c.frequency,
               points.c.responsible, points.c.reported_to)
        .join(Process, Process.id == Risk.process_id)
        .outerjoin(points, points.c.risk_id == Risk.id)
        .where(Risk.namnd_id == namnd_id, Risk.year == year, Risk.in_control_plan.is_(True))
        .order_by(Process.name, _risk_value().desc(), Risk.code, points.c.code)
    ).all()
    return [PlanRow(*row) for row in rows]


# --- Risks and goals ----------------------------------------------------------------------


@dataclass(frozen=True)
class GoalRisk(_Scored):
    """A risk linked to a goal, as the goal's page lists it."""

    code: str
    title: str
    namnd: str
    year: int
    probability: int
    consequence: int
    status: str
    in_control_plan: bool


@dataclass(frozen=True)
class RedGoal:
    """A goal reported red at the latest follow-up, with its open high risks."""

    code: str
    title: str
    risks: tuple[GoalRisk, ...]


@dataclass(frozen=True)
class RedGoalsWithRisks:
    """The latest follow-up and its red goals that have open high risks (of any year's
    riskanalys: a risk stays open until it is accepted or closed)."""

    year: int
    kind: str
    goals: tuple[RedGoal, ...]


def red_goals_with_high_risks(session: Session, viewer: Viewer,
                              namnd_id: int | None = None) -> RedGoalsWithRisks | None:
    """Goals reported red at the latest follow-up that also have open high risks (of one nämnd
    if given), each risk with its nämnd and riskanalys year."""
    followup = latest_followup(session, viewer)
    if followup is None:
        return None
    red = scoped(GoalStatus, viewer, GoalStatus.goal_id).where(
        GoalStatus.followup_period_id == followup.id, GoalStatus.reported_status == "red"
    ).correlate(None)
    rows = session.execute(
        scoped(Risk, viewer, Goal.code, Goal.title, Risk.code, Risk.title, OrgUnit.name,
               Risk.year, Risk.probability, Risk.consequence, Risk.status, Risk.in_control_plan)
        .join(risk_goals, risk_goals.c.risk_id == Risk.id)
        .join(Goal, Goal.id == risk_goals.c.goal_id)
        .join(OrgUnit, OrgUnit.id == Risk.namnd_id)
        .where(Goal.id.in_(red), _is_open_high(), _of_namnd(namnd_id))
        .order_by(Goal.sort_order, Goal.code, _risk_value().desc(), Risk.code)
    ).all()
    goals: dict[tuple[str, str], list[GoalRisk]] = {}
    for goal_code, goal_title, *risk in rows:
        goals.setdefault((goal_code, goal_title), []).append(GoalRisk(*risk))
    return RedGoalsWithRisks(followup.year, followup.kind, tuple(
        RedGoal(code, title, tuple(risks)) for (code, title), risks in goals.items()))


# --- Adoption of the riskanalys and the internkontrollplan ----------------------------------


@dataclass(frozen=True)
class Adoption:
    """When a nämnd adopted a document (`riskanalys` or `internkontrollplan`) of a year."""

    namnd_id: int
    document: str
    adopted_on: dt.date
    reference: str


def adoptions(session: Session, viewer: Viewer, year: int) -> dict[tuple[int, str], Adoption]:
    """The viewer's nämnders' adoptions of the year's documents by (nämnd id, document); a
    missing key means the document is not (known to be) adopted."""
    rows = session.execute(
        scoped(ControlDecision, viewer, ControlDecision.namnd_id, ControlDecision.document,
               ControlDecision.adopted_on, ControlDecision.reference)
        .where(ControlDecision.year == year)
    ).all()
    return {(row.namnd_id, row.document): Adoption(*row) for row in rows}
