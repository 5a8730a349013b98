"""Indikator: which indicator, unit and follow-up a URL asks for, and pure functions from the
values to texts, table rows, charts and files (Excel and CSV); the page's URL callbacks."""

from __future__ import annotations

from dataclasses import dataclass

from callbacks import comparisons as cmp
from callbacks.pagetools import register_search_writer
from dashboard import charts
from dashboard.core.wording import fill
from dashboard.core import exports
from dashboard.core import formatting as fmt
from dashboard.core.args import BadArgument, echo
from data_access.queries.perspectives import indicator_perspective_names
from data_access import profile
from data_access.queries import indicators as q
from data_access.queries.goals import (
    FollowUp,
    followups,
    latest_followup,
    parse_followup_key,
)
from data_access.status import STATUS_LABELS_SV, indicator_status
from layouts.components import STATUS_COLOURS, status_badge, status_text

INK = charts.INK
# Women and men (Paul Tol's colour-blind-safe palette); Kolada's areas in callbacks.comparisons.
SEX_COLOURS = {"women": "#AA3377", "men": "#4477AA"}
TOLERANCE_FILL = "rgba(230, 159, 0, 0.18)"

DIRECTION_TEXT_SV = {
    "higher": "Högre är bättre",
    "lower": "Lägre är bättre",
    "band": "Ska ligga inom ett intervall",
}
FREQUENCY_TEXT_SV = {"month": "Varje månad", "tertial": "Varje tertial", "year": "Varje år"}
LEVEL_TEXT_SV = {"region": "{level}", "namnd": "Nämnd", "forvaltning": "Förvaltning",
                 "omrade": "Område", "enhet": "Enhet"}


# --- What the URL asks for ----------------------------------------------------------------


@dataclass(frozen=True)
class Selection:
    """A valid request: the indicator, the unit and follow-up to show, and the choices."""

    indicator: q.IndicatorInfo
    unit: q.UnitRef | None
    followup: FollowUp | None
    goals: list[q.LinkedGoal]
    units: list[q.UnitRef]
    followups: list[FollowUp]
    perspectives: tuple[str, ...] = ()  # the names of the perspectives it is tagged with


def resolve_followup(session, viewer, key: str | None) -> tuple[FollowUp | None, list[FollowUp]]:
    """The follow-up a `period` argument names (default: the latest with data), and all."""
    everything = followups(session, viewer)
    if not key:
        latest = latest_followup(session, viewer)
        return (latest or (everything[0] if everything else None)), everything
    parsed = parse_followup_key(key)
    if parsed is None:
        raise BadArgument("period", f"”{echo(key)}” är ingen uppföljningsperiod. Ange år och "
                         "period, till exempel 2026-T1, 2026-DELAR eller 2026-HELAR.")
    for followup in everything:
        if (followup.year, followup.kind) == parsed:
            return followup, everything
    label = fmt.followup_label(parsed[1], parsed[0])
    raise BadArgument("period", f"Det finns ingen uppföljning {label}.")


def default_unit(goals: list[q.LinkedGoal], units: list[q.UnitRef]) -> q.UnitRef | None:
    """The first linked goal's owner that reports values, else the region, else the first."""
    by_code = {u.code: u for u in units}
    for goal in goals:
        if goal.owner_code in by_code:
            return by_code[goal.owner_code]
    regions = [u for u in units if u.level == "region"]
    return (regions or units or [None])[0]


def resolve(session, viewer, code: str | None, unit: str | None = None,
            period: str | None = None) -> Selection | None:
    """What the page shows for these URL arguments; None without a code, BadArgument if wrong."""
    if not code:
        return None
    indicator = q.indicator_by_code(session, viewer, code)
    if indicator is None:
        raise BadArgument("code", f"Det finns ingen indikator med koden ”{echo(code)}” som "
                         "du har behörighet att se.")
    followup, followups = resolve_followup(session, viewer, period)
    goals = q.linked_goals(session, viewer, indicator.id)
    units = q.reporting_units(session, viewer, indicator.id)
    if unit:
        chosen = q.unit_by_code(session, viewer, unit)
        if chosen is None:
            raise BadArgument("unit", f"Det finns ingen organisationsenhet med koden "
                             f"”{echo(unit)}” som du har behörighet att se värden för.")
    else:
        chosen = default_unit(goals, units)
    return Selection(indicator, chosen, followup, goals, units, followups,
                     indicator_perspective_names(session, viewer, indicator.id))


# --- Texts --------------------------------------------------------------------------------


def period_label(period: str) -> str:
    """A measurement period as the region writes it: `2025`, `T2 2026`, `okt 2026`."""
    year, _, part = period.partition("-")
    if not part:
        return year
    if part.startswith("T"):
        return f"{part} {year}"
    return fmt.month_label(int(year), int(part))


def target_text(target: q.TargetValue | None, direction: str, unit: str) -> str:
    """A målvärde in words, e.g. `minst 90,0 %`, `högst 42 000 kr/invånare`, `mellan 2 och 4`."""
    if target is None:
        return "Saknas"
    if direction == "band":
        return (f"mellan {fmt.value_in_unit(target.value, unit)} och "
                f"{fmt.value_in_unit(target.upper, unit)}")
    word = "minst" if direction == "higher" else "högst"
    return f"{word} {fmt.value_in_unit(target.value, unit)}"


def tolerance_text(target: q.TargetValue | None, unit: str) -> str:
    """The tolerance for yellow in words, or nothing when there is none."""
    if target is None or not target.tolerance:
        return ""
    if unit == "%":
        return f"tolerans {fmt.number(target.tolerance, 1)} procentenheter"
    return f"tolerans {fmt.value_in_unit(target.tolerance, unit)}"


def source_text(source: str) -> str:
    """The source as it must be credited, e.g. `Källa: Kolada`."""
    return f"Källa: {source}"


def status_for(value: q.Value, targets: dict[int, q.TargetValue], direction: str) -> str:
    """The traffic light of one value against the målvärde for its year."""
    target = targets.get(value.period_end.year)
    if target is None:
        return indicator_status(value.total, None, direction=direction)
    return indicator_status(value.total, target.value, direction=direction,
                            tolerance=target.tolerance, upper=target.upper)


# --- Table rows ---------------------------------------------------------------------------

SERIES_COLUMNS = ("Period", "Utfall", "Kvinnor", "Män", "Målvärde", "Status")
UNITS_COLUMNS = ("Organisationsenhet", "Utfall", "Period", "Målvärde", "Status")


def series_rows(selection: Selection, values: list[q.Value],
                targets: dict[int, q.TargetValue]) -> list[list]:
    """Rows for the table of values over time, newest first."""
    ind = selection.indicator
    target_texts = {year: nowrap(target_text(t, ind.direction, ind.unit))
                    for year, t in targets.items()}
    return [
        [*map(nowrap, (period_label(v.period), fmt.value_in_unit(v.total, ind.unit),
                       fmt.value_in_unit(v.women, ind.unit), fmt.value_in_unit(v.men, ind.unit))),
         target_texts.get(v.period_end.year, "Saknas"),
         nowrap(status_text(status_for(v, targets, ind.direction)))]
        for v in reversed(values)
    ]


def nowrap(text: str) -> str:
    """A short value kept on one line in a table cell (its spaces made non-breaking)."""
    return text.replace(" ", fmt.NBSP)


def unit_target(value: q.UnitValue) -> q.TargetValue | None:
    """A unit's målvärde as a TargetValue, or None."""
    if value.target is None:
        return None
    return q.TargetValue(0, value.target, value.upper, value.tolerance or 0.0,
                         value.target_set_at or "")


def units_rows(selection: Selection, values: list[q.UnitValue]) -> list[list]:
    """Rows for the comparison table, in the chart's order."""
    unit = selection.indicator.unit
    return [
        [v.name, *map(nowrap, (fmt.value_in_unit(v.value, unit), period_label(v.period),
                               target_text(unit_target(v), selection.indicator.direction, unit))),
         status_badge(v.status)]
        for v in values
    ]


def best_first(values: list[q.UnitValue], direction: str) -> list[q.UnitValue]:
    """Units ordered best first: highest first if higher is better, else lowest first."""
    return sorted(values, key=lambda v: (-v.value if direction == "higher" else v.value, v.name))


# --- Charts -------------------------------------------------------------------------------
# Plain dicts (dashboard.charts). Hover texts are the page's own value texts (`text`), so a
# chart says `31` where the table says `31`, and a period's label (`customdata`), not a date.


def _hover(name: str) -> str:
    """A hover text: series name, period and value with the unit."""
    return f"{name}<br>%{{customdata}}: %{{text}}<extra></extra>"


def value_texts(values, unit: str) -> list[str]:
    """Each value with its unit, as the hover shows it."""
    return [fmt.value_in_unit(v, unit) for v in values]


def tolerance_zones(target: q.TargetValue, direction: str) -> list[tuple[float, float]]:
    """The yellow zones (low, high) around a målvärde: just short of it by the tolerance."""
    tol = target.tolerance
    if not tol:
        return []
    if direction == "higher":
        return [(target.value - tol, target.value)]
    if direction == "lower":
        return [(target.value, target.value + tol)]
    return [(target.value - tol, target.value), (target.upper, target.upper + tol)]


def target_bounds(direction: str) -> list[tuple[str, str]]:
    """The målvärde's attributes drawn as lines, with their names: both ends of a band."""
    if direction == "band":
        return [("value", "Målvärde, lägst"), ("upper", "Målvärde, högst")]
    return [("value", "Målvärde")]


def target_traces(targets: dict[int, q.TargetValue], direction: str, years: list[int],
                  unit: str) -> list[dict]:
    """Step lines for the målvärde per year, with the tolerance shaded."""
    shown = [targets[y] for y in years if y in targets]
    if not shown:
        return []
    xs = [d for t in shown for d in charts.year_span(t.year)]
    traces = []
    for zone in range(len(tolerance_zones(shown[0], direction))):
        lows = [tolerance_zones(t, direction)[zone][0] for t in shown for _ in range(2)]
        highs = [tolerance_zones(t, direction)[zone][1] for t in shown for _ in range(2)]
        traces += [
            {"type": "scatter", "x": xs, "y": lows, "mode": "lines", "line": {"width": 0},
             "hoverinfo": "skip", "showlegend": False, "legendgroup": "tolerans"},
            {"type": "scatter", "x": xs, "y": highs, "mode": "lines", "line": {"width": 0},
             "fill": "tonexty", "fillcolor": TOLERANCE_FILL, "hoverinfo": "skip",
             "name": "Tolerans (gult)", "legendgroup": "tolerans", "showlegend": zone == 0},
        ]
    for attribute, name in target_bounds(direction):
        ys = [getattr(t, attribute) for t in shown for _ in "xy"]
        traces.append({
            "type": "scatter", "x": xs, "y": ys, "mode": "lines", "name": name,
            "customdata": [d[:4] for d in xs], "text": value_texts(ys, unit),
            "line": {"color": STATUS_COLOURS["green"], "width": 2, "dash": "dash"},
            "hovertemplate": _hover(name),
        })
    return traces


def _line(periods: list[str], y, name: str, unit: str, colour: str, dash: str = "solid",
          width: float = 2.5, symbol: str = "circle", size: int = 5) -> dict:
    """One series as a line with markers, each value in the middle of its period."""
    return {"type": "scatter", "x": [charts.period_middle(p).isoformat() for p in periods],
            "y": y, "customdata": [period_label(p) for p in periods],
            "text": value_texts(y, unit), "name": name, "mode": "lines+markers",
            "line": {"color": colour, "width": width, "dash": dash},
            "marker": {"size": size, "symbol": symbol},
            "hovertemplate": _hover(name), "connectgaps": False}


def comparison_traces(lines, unit: str) -> list[dict]:
    """Kolada's areas (riket, the chosen areas, the median of the organisation's kind), each
    with its own dash pattern and marker (callbacks.comparisons.line_styles)."""
    return [
        _line([p for p, _ in line.values], [v for _, v in line.values], line.name, unit,
              colour, dash=dash, width=2, symbol=symbol, size=8)
        for line, (dash, symbol, colour) in zip(lines, cmp.line_styles(lines))
    ]


def series_figure(selection: Selection, values: list[q.Value], targets: dict[int, q.TargetValue],
                  lines=()) -> dict:
    """Outcome over time with the målvärde, women and men, and the comparison lines
    (data_access.ranking.Line: riket, chosen areas, the median) from Kolada."""
    ind = selection.indicator
    periods = [v.period for v in values]
    years = sorted({v.period_end.year for v in values})
    traces = target_traces(targets, ind.direction, years, ind.unit)
    traces += comparison_traces(lines, ind.unit)
    if ind.by_sex:
        traces += [
            _line(periods, [v.women for v in values], "Kvinnor", ind.unit,
                  SEX_COLOURS["women"], dash="dash", width=2),
            _line(periods, [v.men for v in values], "Män", ind.unit, SEX_COLOURS["men"],
                  dash="dot", width=2),
        ]
    traces.append(_line(periods, [v.total for v in values], "Utfall", ind.unit, INK, width=3))
    return {"data": traces, "layout": charts.layout(
        400, xaxis=charts.year_axis(),
        yaxis={"title": {"text": ind.unit}, "tickformat": ",~r"})}


def units_figure(selection: Selection, values: list[q.UnitValue]) -> dict:
    """A horizontal bar per unit, best first, coloured by status, with each unit's målvärde."""
    ind = selection.indicator
    chosen = selection.unit.code if selection.unit else None
    names = [f"<b>{v.name}</b>" if v.code == chosen else v.name for v in values]
    names = [f"{STATUS_LABELS_SV[v.status].symbol} {n}" for v, n in zip(values, names)]
    traces = [{
        "type": "bar", "x": [v.value for v in values], "y": names, "orientation": "h",
        "marker": {"color": [STATUS_COLOURS[v.status] for v in values]},
        "customdata": [f"{v.name} ({status_text(v.status)})" for v in values],
        "text": value_texts([v.value for v in values], ind.unit), "textposition": "none",
        "hovertemplate": "%{customdata}: %{text}<extra></extra>",
        "name": "Utfall", "showlegend": False,
    }]
    if any(v.target is not None for v in values):
        traces.append({
            "type": "scatter", "x": [v.target for v in values], "y": names, "mode": "markers",
            "name": "Målvärde", "text": value_texts([v.target for v in values], ind.unit),
            "hovertemplate": "Målvärde %{text}<extra></extra>",
            "marker": {"symbol": "line-ns-open", "size": 16, "color": INK, "line": {"width": 3}},
        })
    return {"data": traces, "layout": charts.layout(
        110 + 30 * len(values), bargap=0.25,
        margin={"l": 8, "r": 16, "t": 28, "b": 8},
        legend={"orientation": "h", "y": 1.0, "yanchor": "bottom", "x": 1, "xanchor": "right"},
        xaxis={"title": {"text": ind.unit}, "tickformat": ",~r", "rangemode": "tozero"},
        yaxis={"autorange": "reversed", "gridcolor": "rgba(0,0,0,0)"},
    )}


def series_label(selection: Selection, values: list[q.Value]) -> str:
    """What the line chart shows, for screen readers."""
    where = selection.unit.name if selection.unit else ""
    span = f" från {period_label(values[0].period)} till {period_label(values[-1].period)}"
    return (f"Linjediagram: {selection.indicator.name} för {where}{span if values else ''}, "
            "med målvärde. Samma värden finns i tabellen under diagrammet.")


def units_label(selection: Selection, values: list[q.UnitValue]) -> str:
    """What the bar chart shows, for screen readers."""
    return (f"Stapeldiagram: {selection.indicator.name} för {len(values)} organisationsenheter, "
            "bäst först, färgade efter status. Samma värden finns i tabellen bredvid.")


# --- Files ----------------------------------------------------------------------------------

SERIES_COLUMNS_FILE = ("Indikatorkod", "Indikator", "Enhetskod", "Organisationsenhet", "Period",
                       "Periodens slut", "Utfall", "Kvinnor", "Män", "Målvärde", "Övre målvärde",
                       "Tolerans", "Status", "Mätenhet", "Källa")
UNITS_COLUMNS_FILE = ("Indikatorkod", "Indikator", "Uppföljning", "Enhetskod",
                      "Organisationsenhet", "Nivå", "Period", "Utfall", "Målvärde",
                      "Övre målvärde", "Tolerans", "Status", "Mätenhet")
# Measured values keep every decimal they have (some indicators are measured to two).
MEASURED = frozenset({"Utfall", "Kvinnor", "Män", "Målvärde", "Övre målvärde", "Tolerans"})


def _table(title: str, headers: tuple[str, ...], rows: list[list]) -> exports.Table:
    """A file of the rows: the measured values as numbers, everything else as text."""
    columns = [exports.measured(h, [row[i] for row in rows]) if h in MEASURED
               else exports.Column(h) for i, h in enumerate(headers)]
    return exports.Table(title, columns, rows)


def series_table(selection: Selection, values: list[q.Value],
                 targets: dict[int, q.TargetValue]) -> exports.Table:
    """The values over time at the unit, oldest first."""
    ind, unit = selection.indicator, selection.unit
    rows = []
    for v in values:
        target = targets.get(v.period_end.year)
        rows.append([
            ind.code, ind.name, unit.code, unit.name, v.period, v.period_end.isoformat(),
            v.total, v.women, v.men, target and target.value, target and target.upper,
            target and target.tolerance,
            STATUS_LABELS_SV[status_for(v, targets, ind.direction)].word, ind.unit, v.source,
        ])
    return _table(ind.name, SERIES_COLUMNS_FILE, rows)


def units_table(selection: Selection, values: list[q.UnitValue]) -> exports.Table:
    """The comparison across units, in the chart's order."""
    ind, fu = selection.indicator, selection.followup
    rows = [
        [ind.code, ind.name, fmt.followup_label(fu.kind, fu.year), v.code, v.name,
         fill(LEVEL_TEXT_SV[v.level]), v.period, v.value, v.target, v.upper, v.tolerance,
         STATUS_LABELS_SV[v.status].word, ind.unit]
        for v in values
    ]
    return _table(ind.name, UNITS_COLUMNS_FILE, rows)


# --- The data the page and the downloads share ----------------------------------------------


@dataclass(frozen=True)
class IndicatorData:
    """Everything the page shows for a selection."""

    series: list[q.Value]
    targets: dict[int, q.TargetValue]
    compared: cmp.Compared
    units: list[q.UnitValue]  # best first

    @property
    def comparisons(self):
        """The comparison lines the chart draws (riket, chosen areas, the median)."""
        return self.compared.view.lines


def indicator_data(session, viewer, selection: Selection) -> IndicatorData:
    """The values, targets, Kolada comparisons and units' latest values for a selection."""
    ind, unit, fu = selection.indicator, selection.unit, selection.followup
    upto = fu.end_date if fu else None
    series = q.unit_series(session, viewer, ind.id, unit.id, upto) if unit else []
    targets = q.unit_targets(session, viewer, ind.id, unit.id) if unit else {}
    compared = cmp.load(session, viewer, profile.current(session), ind.id, ind.direction,
                        upto.year if upto else None)
    units = q.latest_values(session, viewer, ind, fu) if fu else []
    return IndicatorData(series, targets, compared, best_first(units, ind.direction))


# --- Callbacks ----------------------------------------------------------------------------


def register(app) -> None:
    """The unit and period selectors write the URL."""
    register_search_writer(app, "indikator", "unit", "period")
