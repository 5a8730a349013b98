"""Enhet: which unit, follow-up and economy month a URL asks for, everything the page shows of
the unit (gathered from the other pages' queries, in the viewer's scope), pure texts, and the
page's URL callbacks."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from callbacks import ekonomi as eko
from callbacks import mal as shape
from callbacks.pagetools import register_choice_writer
from callbacks.uppdrag import today_for
from dashboard.core import exports
from dashboard.core import formatting as fmt
from dashboard.core.args import BadArgument, echo
from dashboard.core.urls import page_search, page_url
from dashboard.core.wording import fill, word
from data_access.queries import economy as eq
from data_access.queries import goal_tree
from data_access.queries.filters import may_see_economy, may_see_internal_control
from data_access.queries.goal_tree import ChildGoal, IndicatorRef, Outcome, TargetValue
from data_access.queries.goals import FollowUp, followups
from data_access.queries.measures import Measure, measure_years, measures
from data_access.queries.production import planned_below
from data_access.queries.risks import RiskRow, RiskSelection, as_of_date, latest_risk_year, risk_list
from data_access.queries.uppdrag import UppdragRow, uppdrag_list
from data_access.rollup import WINDOW_MONTHS, months_before
from data_access.scope import Viewer
from data_access.status import GREY, STATUS_LABELS_SV, STATUSES

KEY = "enhet"
NO_UNIT_SV = "Det finns ingen organisationsenhet som du har behörighet att se."
LEVEL_LABELS_SV = eko.LEVEL_LABELS_SV


def not_found_text(code: str) -> str:
    """Why a code cannot be shown: unknown, or outside the viewer's scope."""
    return (f"Det finns ingen organisationsenhet med koden ”{echo(code)}” som du har behörighet "
            f"att se. En nämnds ledamot ser {word('noun')}, alla nämnder och enheterna i sin "
            "egen nämnd.")


@dataclass(frozen=True)
class IndicatorLine:
    """An indicator measured at the unit: its latest outcome at the follow-up and status."""

    indicator: IndicatorRef
    latest: Outcome | None
    targets: list[TargetValue]
    status: str


@dataclass(frozen=True)
class Child:
    """A unit one level down: its goals (its own and below) by status and its economy."""

    unit: eq.EconomyUnit
    goals: dict[str, int]
    figures: eq.Figures | None


@dataclass(frozen=True)
class UnitPage:
    """Everything the Enhet page shows for one unit."""

    unit: eq.EconomyUnit
    trail: list[eq.EconomyUnit]  # the units above, from the region down
    periods: list[FollowUp]
    followup: FollowUp | None
    previous: FollowUp | None  # the follow-up before it (the goals' trend)
    goals: list[ChildGoal]
    indicators: list[IndicatorLine]
    economy: eko.View | None  # None: no economy to show
    figures: eq.Figures | None
    risk_year: int | None
    risks: list[RiskRow] | None  # None: the viewer may not see risks
    today: dt.date
    uppdrag: list[UppdragRow]
    measure_year: int | None
    measures: list[Measure]
    children: list[Child] = field(default_factory=list)
    hidden_children: int = 0  # units one level down outside the viewer's scope
    production: list[str] = field(default_factory=list)  # indicators planned at or below it

    @property
    def namnd(self) -> eq.EconomyUnit | None:
        """The nämnd the unit answers to (itself for a nämnd), None for the region."""
        return next((u for u in [*self.trail, self.unit] if u.level == "namnd"), None)

    @property
    def args(self) -> dict:
        """The view's URL arguments: the unit, the follow-up and the economy's month."""
        return {"code": self.unit.code,
                "period": self.followup.key if self.followup else None,
                "year": self.economy.year if self.economy else None,
                "month": self.economy.month if self.economy else None}

    def unit_url(self, code: str) -> str:
        """Another unit's Enhet page at the same follow-up and month."""
        return page_url(KEY, **self.args | {"code": code})


# --- What the URL asks for ----------------------------------------------------------------


def _followup(periods: list[FollowUp], period: str | None) -> FollowUp | None:
    """The follow-up `?period=` names (the latest by default); BadArgument if unknown."""
    chosen = shape.choose_followup(periods, period)
    if chosen is None and period:
        raise BadArgument("period", shape.BAD_PERIOD_SV)
    return chosen


def _economy(session, viewer: Viewer, unit: eq.EconomyUnit, year, month) -> eko.View | None:
    """The economy's year and month (the latest with utfall by default), None without any."""
    if not may_see_economy(viewer):
        return None
    if not eq.utfall_months(session, viewer) and not (year or month):
        return None
    return eko.resolve(session, viewer, unit.code, year, month)


def _indicators(session, viewer: Viewer, unit_id: int,
                followup: FollowUp | None) -> list[IndicatorLine]:
    """The indicators with values at the unit, each with its status at the follow-up (the
    roll-up's rule: the latest outcome in the twelve months, against that year's målvärde)."""
    refs = goal_tree.unit_indicator_refs(session, viewer, unit_id)
    if not refs or followup is None:
        return [IndicatorLine(ref, None, [], GREY) for ref in refs]
    ids, end = [ref.id for ref in refs], followup.end_date
    found = goal_tree.outcomes(session, viewer, ids, unit_id, months_before(end, WINDOW_MONTHS), end)
    years = list(range(end.year - 1, end.year + 1))
    targets = goal_tree.targets(session, viewer, ids, unit_id, years)
    lines = []
    for ref in refs:
        latest = shape.latest_outcome([o for o in found if o.indicator_id == ref.id], end)
        mine = [t for t in targets if t.indicator_id == ref.id]
        lines.append(IndicatorLine(ref, latest, mine, shape.outcome_status(ref, latest, mine)))
    return lines


def _children(session, viewer: Viewer, unit: eq.EconomyUnit, followup: FollowUp | None,
              economy: eko.View | None) -> tuple[list[Child], int]:
    """The units one level down in the viewer's scope, and how many more there are."""
    units = eq.child_units(session, viewer, unit.id)
    if not units:
        return [], eq.child_count(session, viewer, unit.id)
    ids = [u.id for u in units]
    goals = goal_tree.subtree_statuses(session, viewer, ids, followup.id) if followup else {}
    figures = {}
    if economy is not None:
        figures = {c.unit.id: c.figures for c in eq.children_figures(
            session, viewer, unit.id, economy.year, economy.month)}
    children = [Child(u, goals.get(u.id, {}), figures.get(u.id)) for u in units]
    return children, eq.child_count(session, viewer, unit.id) - len(units)


def unit_page(session, viewer: Viewer, code: str | None, period: str | None = None,
              year: str | None = None, month: str | None = None) -> UnitPage:
    """Everything the page shows for the URL's arguments (without a code: a nämnd member's
    own nämnd, else the region); BadArgument (Swedish) when the code is unknown or outside
    the viewer's scope, or a period or month is not there."""
    code = code.strip() if code else None
    if code:
        unit = eq.economy_unit(session, viewer, code)
        if unit is None:
            raise BadArgument("code", not_found_text(code))
    else:
        own = eq.own_namnd_code(session, viewer)
        unit = eq.economy_unit(session, viewer, own) if own else eq.region_unit(session, viewer)
        if unit is None:
            raise BadArgument("code", NO_UNIT_SV)
    periods = followups(session, viewer)
    followup = _followup(periods, period)
    economy = _economy(session, viewer, unit, year, month)
    figures = None
    if economy is not None:
        own = eq.units_figures(session, viewer, eq.ITSELF, unit.id, economy.year, economy.month)
        figures = own[0].figures if own else None
    previous = shape.previous_followup(periods, followup) if followup else None
    goals = goal_tree.unit_goals(session, viewer, unit.id, followup.id,
                                 previous.id if previous else None,
                                 followup.end_date) if followup else []
    risks, risk_year = None, None
    if may_see_internal_control(viewer):
        risk_year = latest_risk_year(session, viewer)
        risks = [] if risk_year is None else risk_list(
            session, viewer, RiskSelection(risk_year, owner_unit_id=unit.id),
            as_of_date(session, viewer))
    today = today_for(session, viewer)
    years = measure_years(session, viewer)
    measure_year = economy.year if economy and economy.year in years else (years or [None])[0]
    children, hidden = _children(session, viewer, unit, followup, economy)
    return UnitPage(
        unit=unit, trail=eq.unit_trail(session, viewer, unit.id), periods=periods,
        followup=followup, previous=previous, goals=goals, indicators=_indicators(session, viewer, unit.id, followup),
        economy=economy, figures=figures, risk_year=risk_year, risks=risks, today=today,
        uppdrag=uppdrag_list(session, viewer, today, assignee_id=unit.id),
        measure_year=measure_year,
        measures=measures(session, viewer, measure_year, unit_id=unit.id) if measure_year else [],
        children=children, hidden_children=hidden,
        production=planned_below(session, viewer, unit.id),
    )


# --- Choices and texts --------------------------------------------------------------------


def period_options(page: UnitPage) -> list[tuple[str, str]]:
    """(search, label) per follow-up, newest first, keeping the unit and month."""
    return [(page_search(**page.args | {"period": p.key}), shape.followup_text(p))
            for p in page.periods]


def month_options(page: UnitPage) -> list[tuple[str, str]]:
    """(search, label) per month with utfall, the newest first, keeping the unit and period."""
    return [(page_search(**page.args | {"year": year, "month": month}),
             fmt.year_to_date_label(year, month))
            for year, months in page.economy.periods.items() for month in reversed(months)]


# --- Files ----------------------------------------------------------------------------------


def indicator_file(page: UnitPage) -> exports.Table:
    """The indicators at the unit: code, name, the latest outcome, its period and status."""
    columns = [exports.Column("Kod"), exports.Column("Nyckeltal"), exports.Column("Enhet"),
               exports.Column("Utfall", "decimal"), exports.Column("Period"),
               exports.Column("Målvärde", "decimal"), exports.Column("Status")]
    rows = []
    for line in page.indicators:
        year = line.latest.period_end.year if line.latest else None
        target = shape.target_for(line.targets, year) if year else None
        rows.append([line.indicator.code, line.indicator.name, line.indicator.unit,
                     line.latest.value if line.latest else None,
                     shape.period_label(line.latest.period) if line.latest else None,
                     target.value if target else None, STATUS_LABELS_SV[line.status].word])
    return exports.Table("Nyckeltal", columns, rows)


def children_file(page: UnitPage) -> exports.Table:
    """The units one level down: code, name, level, goals per status and the avvikelse."""
    money = page.economy.money if page.economy else "tkr"
    columns = [exports.Column("Kod"), exports.Column("Namn"), exports.Column("Nivå"),
               *(exports.Column(f"Mål: {STATUS_LABELS_SV[s].word}", "integer") for s in STATUSES),
               exports.Column(f"Avvikelse ({money})", "decimal", signed=True)]
    rows = [[c.unit.code, c.unit.name, level_text(c.unit.level),
             *(c.goals.get(s, 0) for s in STATUSES),
             eko.in_unit(c.figures.deviation_tkr, money) if c.figures else None]
            for c in page.children]
    return exports.Table("Enheter under", columns, rows)


def level_text(level: str) -> str:
    """A unit level's word, e.g. `Förvaltning` (the region in the organisation's words)."""
    return fill(LEVEL_LABELS_SV[level])


def register(app) -> None:
    """The follow-up and month selectors write the URL (in the browser: assets/callbacks.js)."""
    register_choice_writer(app, KEY, "period", "month")
