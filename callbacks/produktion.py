"""Produktion: the view of the URL's arguments, plan against outcome in words and numbers,
productivity, the accumulated chart and the files; and the page's selectors.

Status of a unit's production to date, from the deviation d = (utfall − plan) / plan:
for a volume where more is better, green when d ≥ 0, yellow down to −5 %, red below; where
less is better the mirror; for an interval (a volume that should hit its plan) green within
±5 %, yellow within ±10 %, red outside.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

from callbacks.ekonomi import parse_number
from callbacks.indikator import period_label
from callbacks.pagetools import register_search_writer
from dashboard import charts
from dashboard.core import formatting as fmt
from dashboard.core.args import BadArgument
from dashboard.core.exports import Column, Table
from dashboard.core.urls import page_url
from data_access.queries import economy as eq
from data_access.queries import production as q
from data_access.queries.economy import EconomyUnit
from data_access.queries.production import Production, ProductionIndicator, Productivity
from data_access.scope import Viewer
from data_access.status import GREEN, GREY, RED, STATUS_LABELS_SV, YELLOW

KEY = "produktion"
TOLERANCE = 0.05  # a deviation within this share is yellow (green for an interval)

NO_PLAN_SV = "Det finns ingen produktionsplan som du har behörighet att se."
BAD_INDICATOR_SV = ("Indikatorn har ingen produktionsplan som du har behörighet att se. Välj en "
                    "indikator i listan.")
BAD_YEAR_SV = "Det finns ingen produktionsplan för det året. Välj ett år i listan."
BAD_MONTH_SV = "Planen har ingen period som slutar den månaden. Välj en period i listan."
BAD_UNIT_SV = ("Enheten finns inte, eller så har du inte behörighet att se dess siffror. Välj "
               "en enhet i tabellen.")
WHOLE_SV = ("Produktionen för hela organisationen visas för ledningen. Du ser produktionen för "
            "din nämnd och enheterna under den.")
PLAN_TEXT_SV = (
    "Planen är den volym enheten har planerat att producera per period. En enhet som inte har "
    "en egen plan får summan av planerna för enheterna under sig, och utfallet räknas för "
    "samma enheter och perioder, så att inget räknas två gånger. Avvikelse = utfall − plan."
)
STATUS_TEXT_SV = {
    "higher": "Grönt när utfallet är minst planen, gult när det är upp till 5 % under, rött "
              "när det är mer än 5 % under.",
    "lower": "Grönt när utfallet är högst planen, gult när det är upp till 5 % över, rött när "
             "det är mer än 5 % över.",
    "band": "Grönt när utfallet ligger inom 5 % från planen, gult inom 10 %, rött längre ifrån.",
}
PRODUCTIVITY_TEXT_SV = (
    "Produktiviteten är kostnaden för de valda kostnadsslagen (ur ekonomins utfall) delad med "
    "den producerade volymen, januari till och med den valda perioden. Enligt plan: budgeten "
    "för samma kostnadsslag delad med den planerade volymen."
)


@dataclass(frozen=True)
class View:
    """A unit the viewer may see, an indicator with a plan, a year, and the period the
    accumulated figures run to."""

    unit: EconomyUnit
    indicator: ProductionIndicator
    indicators: tuple[ProductionIndicator, ...]
    year: int
    years: tuple[int, ...]
    month: int | None  # None: the latest period with utfall (resolved with the data)

    @cached_property
    def args(self) -> dict:
        return {"unit": self.unit.code, "indikator": self.indicator.code, "year": self.year,
                "month": self.month}

    def unit_url(self, code: str) -> str:
        """Another unit, same indicator, year and period."""
        return page_url(KEY, **self.args | {"unit": code})


def choose_year(years: list[int], asked) -> int:
    if not years:
        raise BadArgument("year", BAD_YEAR_SV)
    if asked in (None, ""):
        this_year = dt.date.today().year
        return max((y for y in years if y <= this_year), default=years[0])
    year = parse_number(asked)
    if year not in years:
        raise BadArgument("year", BAD_YEAR_SV)
    return year


def home_unit(session, viewer: Viewer) -> EconomyUnit | None:
    """Where the page starts: the whole organisation for ledning, a member's first nämnd."""
    if viewer.sees_everything:
        return eq.region_unit(session, viewer)
    code = eq.own_namnd_code(session, viewer)
    return eq.economy_unit(session, viewer, code) if code else None


def resolve(session, viewer: Viewer, unit=None, indikator=None, year=None,
            month=None) -> View | None:
    """The view for the URL's arguments (None when there is no plan to show at all), or
    BadArgument with a message for the reader."""
    indicators = q.production_indicators(session, viewer)
    if not indicators:
        return None
    if indikator in (None, ""):
        indicator = indicators[0]
    else:
        indicator = next((i for i in indicators if i.code == str(indikator).strip()), None)
        if indicator is None:
            raise BadArgument("indikator", BAD_INDICATOR_SV)
    years = q.plan_years(session, viewer, indicator.id)
    chosen_year = choose_year(years, year)
    if unit in (None, ""):
        found = home_unit(session, viewer)
    else:
        found = eq.economy_unit(session, viewer, unit.strip()) if isinstance(unit, str) else None
    if found is None:
        raise BadArgument("unit", BAD_UNIT_SV)
    if found.level == "region" and not viewer.sees_everything:
        raise BadArgument("unit", WHOLE_SV)
    chosen_month = None
    if month not in (None, ""):
        chosen_month = parse_number(month)
        if chosen_month is None or not 1 <= chosen_month <= 12:
            raise BadArgument("month", BAD_MONTH_SV)
    return View(found, indicator, tuple(indicators), chosen_year, tuple(years), chosen_month)


# --- The figures ------------------------------------------------------------------------


def deviation_share(plan: float, outcome: float | None) -> float | None:
    """(utfall − plan) / plan, or None without outcome or plan."""
    if outcome is None or not plan:
        return None
    return (outcome - plan) / plan


def status(direction: str, share: float | None) -> str:
    """The status of a deviation share (see the module's doc)."""
    if share is None:
        return GREY
    if direction == "band":
        off = abs(share)
        return GREEN if off <= TOLERANCE else YELLOW if off <= 2 * TOLERANCE else RED
    worse = -share if direction != "lower" else share
    return GREEN if worse <= 0 else YELLOW if worse <= TOLERANCE else RED


@dataclass(frozen=True)
class UnitLine:
    """One unit's production to the period: plan, outcome, deviation, status, productivity."""

    unit: EconomyUnit
    plan: float
    outcome: float | None
    year_plan: float
    share: float | None
    status: str
    cost_per_unit: tuple[float | None, ...]  # per productivity measure, kr per produced unit
    planned_cost_per_unit: tuple[float | None, ...]

    @property
    def deviation(self) -> float | None:
        return None if self.outcome is None else self.outcome - self.plan


@dataclass(frozen=True)
class ProductionData:
    """Everything the page shows (`view` None: nothing the viewer may see has a plan)."""

    view: View | None
    end: dt.date | None = None  # the accumulated figures run to this period's end
    ends: tuple[tuple[dt.date, str], ...] = ()  # every period of the year: (end, label)
    total: Production | None = None
    line: UnitLine | None = None
    children: tuple[UnitLine, ...] = ()
    measures: tuple[Productivity, ...] = ()
    trail: tuple[EconomyUnit, ...] = ()
    fresh: str = ""


def per_unit(cost_tkr: float | None, volume: float | None) -> float | None:
    """Kronor per produced unit, or None."""
    if cost_tkr is None or not volume:
        return None
    return cost_tkr * 1000 / volume


def summed(amounts: dict[int, float], units: tuple[int, ...]) -> float | None:
    """The producing units' costs summed (None when none of them has any)."""
    found = [amounts[u] for u in units if u in amounts]
    return sum(found) if found else None


def unit_line(production: Production, direction: str, end: dt.date,
              costs: list[dict], budgets: list[dict]) -> UnitLine:
    """The unit's figures to `end`; its productivity counts the costs of the units whose
    plans make up its production (a förvaltning's administration produces no visits)."""
    plan, outcome = production.plan_to(end), production.outcome_to(end)
    share = deviation_share(plan, outcome)
    producers = production.producers
    return UnitLine(production.unit, plan, outcome, production.year_plan(), share,
                    status(direction, share),
                    tuple(per_unit(summed(c, producers), outcome) for c in costs),
                    tuple(per_unit(summed(b, producers), plan) for b in budgets))


def worst_first(direction: str, lines: list[UnitLine]) -> list[UnitLine]:
    """The units furthest on the wrong side of their plan first; those without utfall last."""
    def key(line: UnitLine):
        if line.share is None:
            return (1, 0.0, line.unit.name)
        wrong = abs(line.share) if direction == "band" else (
            line.share if direction == "lower" else -line.share)
        return (0, -wrong, line.unit.name)
    return sorted(lines, key=key)


def production_data(session, viewer: Viewer, view: View | None) -> ProductionData:
    """The view's figures: the unit, the units one level down, their productivity."""
    if view is None:
        return ProductionData(None)
    children = q.child_units(session, viewer, view.unit.id)
    total, parts = q.production(session, viewer, view.indicator.id, view.unit, children,
                                view.year)
    ends = tuple((p.end, period_label(p.period)) for p in total.periods)
    if not ends:
        return ProductionData(view, trail=tuple(eq.unit_trail(session, viewer, view.unit.id)))
    if view.month is not None:
        end = next((e for e, _ in ends if e.month == view.month), None)
        if end is None:
            raise BadArgument("month", BAD_MONTH_SV)
    else:
        reported = [p.end for p in total.periods if p.outcome is not None]
        end = reported[-1] if reported else ends[0][0]
    measures = tuple(q.productivity_measures(session, viewer, view.indicator.id))
    ids = list(total.producers)
    costs = [q.costs(session, viewer, ids, view.year, end.month, m.category_ids) for m in measures]
    budgets = [q.costs(session, viewer, ids, view.year, end.month, m.category_ids, "budget")
               for m in measures]
    direction = view.indicator.direction
    lines = [unit_line(p, direction, end, costs, budgets) for p in parts]
    return ProductionData(
        view, end, ends, total, unit_line(total, direction, end, costs, budgets),
        tuple(worst_first(direction, lines)), measures,
        tuple(eq.unit_trail(session, viewer, view.unit.id)))


# --- Words and rows ----------------------------------------------------------------------


def volume(value: float | None, unit: str) -> str:
    """A volume in the indicator's unit: `12 345` (antal is the count itself)."""
    if value is None:
        return "–"
    text = fmt.number(value, 0 if abs(value) >= 100 else 1)
    return text if unit == "antal" else f"{text} {unit}"


def kronor(value: float | None) -> str:
    return "–" if value is None else f"{fmt.number(value, 0)} kr"


def to_date_text(data: ProductionData) -> str:
    """`januari–september 2026` (or one period's label)."""
    label = dict(data.ends)[data.end]
    first = data.ends[0][1]
    return label if first == label else f"{first} – {label}"


def line_cells(line: UnitLine, unit: str) -> list[str]:
    return [volume(line.plan, unit), volume(line.outcome, unit),
            "–" if line.deviation is None else fmt.number(line.deviation, 0, signed=True),
            fmt.percent(None if line.share is None else line.share * 100, 1)]


TABLE_HEADERS = ["Plan", "Utfall", "Avvikelse", "Avvikelse %"]


def period_rows(data: ProductionData) -> list[list]:
    """Per period of the year: plan, outcome, deviation, and the same accumulated."""
    unit = data.view.indicator.unit
    rows, plan_sum, outcome_sum = [], 0.0, None
    for p in data.total.periods:
        plan_sum += p.plan or 0.0
        if p.outcome is not None:
            outcome_sum = (outcome_sum or 0.0) + p.outcome
        shown_sum = outcome_sum if p.outcome is not None else None
        rows.append([period_label(p.period), volume(p.plan, unit), volume(p.outcome, unit),
                     "–" if p.outcome is None or p.plan is None
                     else fmt.number(p.outcome - p.plan, 0, signed=True),
                     volume(plan_sum, unit), volume(shown_sum, unit),
                     "–" if shown_sum is None else fmt.number(shown_sum - plan_sum, 0,
                                                              signed=True)])
    return rows


PERIOD_HEADERS = ["Period", "Plan", "Utfall", "Avvikelse", "Plan ackumulerat",
                  "Utfall ackumulerat", "Avvikelse ackumulerat"]


def accumulated_figure(data: ProductionData) -> dict:
    """Accumulated plan (dashed) and outcome per period of the year."""
    x = [charts.period_middle(p.period).isoformat() for p in data.total.periods]
    plan, outcome, run_plan, run_out = [], [], 0.0, 0.0
    for p in data.total.periods:
        run_plan += p.plan or 0.0
        plan.append(run_plan)
        if p.outcome is None:
            outcome.append(None)
        else:
            run_out += p.outcome
            outcome.append(run_out)
    name = data.view.indicator.unit
    data_ = [
        {"type": "scatter", "mode": "lines", "name": "Plan, ackumulerad", "x": x, "y": plan,
         "line": {"color": "#5F6B73", "dash": "dash", "width": 2},
         "hovertemplate": "Plan: %{y:,.0f}<extra></extra>"},
        {"type": "scatter", "mode": "lines+markers", "name": "Utfall, ackumulerat", "x": x,
         "y": outcome, "line": {"color": "#1F4E79", "width": 3},
         "hovertemplate": "Utfall: %{y:,.0f}<extra></extra>"},
    ]
    layout = charts.layout(300, legend_above=True,
                           xaxis={"type": "date", "tickformat": "%b", "dtick": "M1"},
                           yaxis={"title": {"text": name}, "rangemode": "tozero"})
    return {"data": data_, "layout": layout}


def chart_label(data: ProductionData) -> str:
    line, unit = data.line, data.view.indicator.unit
    return (f"Linjediagram: ackumulerad plan och ackumulerat utfall för "
            f"{data.view.indicator.name}, {data.view.unit.name} {data.view.year}. Till och med "
            f"{dict(data.ends)[data.end]}: plan {volume(line.plan, unit)}, utfall "
            f"{volume(line.outcome, unit)}. Samma siffror finns i tabellen.")


# --- Files ------------------------------------------------------------------------------


def units_table(data: ProductionData) -> Table:
    """The units one level down (worst first), with productivity, as a file."""
    columns = [Column("Enhetskod"), Column("Enhet"), Column("Plan", "decimal"),
               Column("Utfall", "decimal"), Column("Avvikelse", "decimal"),
               Column("Avvikelse (%)", "percent"), Column("Status")]
    for m in data.measures:
        columns += [Column(f"{m.name} (kr)", "decimal"),
                    Column(f"{m.name} enligt plan (kr)", "decimal")]
    rows = []
    for line in (data.line, *data.children):
        row = [line.unit.code, line.unit.name, line.plan, line.outcome, line.deviation,
               line.share, _status_word(line.status)]
        for actual, planned in zip(line.cost_per_unit, line.planned_cost_per_unit):
            row += [actual, planned]
        rows.append(row)
    return Table(f"Produktion {data.view.indicator.name} {to_date_text(data)}", tuple(columns),
                 rows)


def periods_table(data: ProductionData) -> Table:
    columns = (Column("Period"), Column("Plan", "decimal"), Column("Utfall", "decimal"),
               Column("Plan ackumulerat", "decimal"), Column("Utfall ackumulerat", "decimal"))
    rows, plan_sum, outcome_sum = [], 0.0, 0.0
    for p in data.total.periods:
        plan_sum += p.plan or 0.0
        outcome_sum += p.outcome or 0.0
        rows.append([p.period, p.plan, p.outcome, plan_sum,
                     outcome_sum if p.outcome is not None else None])
    return Table(f"Produktion per period {data.view.indicator.name} {data.view.unit.name} "
                 f"{data.view.year}", columns, rows)


def _status_word(status_: str) -> str:
    return STATUS_LABELS_SV[status_].word


def register(app) -> None:
    """The indicator, year and period selectors write the URL."""
    register_search_writer(app, KEY, "indikator", "year", "month")
