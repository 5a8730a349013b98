"""Resultatförbättrande åtgärder: status words, table rows, sums per nämnd, the chart of planned
against achieved effect, the realisation month by month, the watched quality indicators (a
measure with a red one is flagged), and the files."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from dash import dcc, html

from callbacks.statsbidrag import (
    Selection,
    badge,
    namnd_code,
    namnd_label,
    resolve,
    share,
    with_detail,
    with_total,
)
from callbacks.pagetools import register_search_writer
from dashboard import charts
from dashboard.core import formatting as fmt
from dashboard.core.exports import Column, Table
from dashboard.core.urls import page_url
from data_access.queries.measures import (
    Measure,
    MonthEffect,
    Watched,
    measure_months,
    measure_years,
    measures,
    month_effects,
    watched_indicators,
)
from data_access.scope import Viewer
from data_access.status import STATUS_LABELS_SV

WHAT = "åtgärder"
TITLE_SV = "Resultatförbättrande åtgärder"


class MeasureStatus(NamedTuple):
    """A measure's status in words, as a symbol, and the badge colour (never alone)."""

    word: str
    symbol: str
    colour: str


MEASURE_STATUS_SV = {
    "planerad": MeasureStatus("Planerad", "○", "grey"),
    "pagaende": MeasureStatus("Pågår", "◐", "yellow"),
    "genomford": MeasureStatus("Genomförd", "✓", "green"),
    "avbruten": MeasureStatus("Avbruten", "✗", "red"),
}
SUMS_NOTE_SV = (
    "Effekten är den förbättring av resultatet som åtgärden ska ge under året: lägre kostnader "
    "eller högre intäkter, i tusentals kronor (tkr). Summorna räknar med alla åtgärder, även "
    "avbrutna, vars planerade effekt alltså uteblir."
)
PLANNED_COLOUR, ACHIEVED_COLOUR = "#9FB3C8", "#1F4E79"


# --- Shaping the measures --------------------------------------------------------------------


@dataclass(frozen=True)
class MeasureSums:
    """Measures summed for a nämnd (or all): how many, how many done, and the effects in tkr."""

    label: str
    code: str  # the nämnd's code, for the chart
    count: int
    done: int
    planned_tkr: float
    achieved_tkr: float

    @property
    def achieved_share(self) -> float | None:
        return share(self.achieved_tkr, self.planned_tkr)


def ordered(found: list[Measure]) -> list[Measure]:
    """By nämnd (as the query gave them), then the largest effect still missing first."""
    first: dict = {}
    for i, m in enumerate(found):
        first.setdefault(m.namnd, i)
    return sorted(found, key=lambda m: (first[m.namnd], -m.shortfall_tkr, m.title))


def sums(label: str, part: list[Measure], code: str = "") -> MeasureSums:
    """The measures summed under `label` (and a nämnd's `code`)."""
    return MeasureSums(label, code or label, len(part), sum(m.status == "genomford" for m in part),
                       sum(m.planned_tkr for m in part), sum(m.achieved_tkr for m in part))


def sums_by_namnd(found: list[Measure]) -> list[MeasureSums]:
    """One MeasureSums per nämnd in the order the measures came (nämnd order)."""
    groups: dict[str, list[Measure]] = {}
    for m in found:
        groups.setdefault(namnd_label(m.namnd), []).append(m)
    return [sums(label, part, namnd_code(part[0].namnd)) for label, part in groups.items()]


def status_badge(status: str) -> html.Span:
    """A measure's status as symbol and word on its colour."""
    label = MEASURE_STATUS_SV[status]
    return badge(label.symbol, label.word, label.colour)


MEASURE_COLUMNS = ["Åtgärd", "Beslut", "Enhet", "Planerad effekt", "Uppnådd effekt",
                   "Uppnådd andel", "Status"]
MEASURE_NUMERIC = [False, False, False, True, True, True, False]


def measure_rows(found: list[Measure], watched: list[Watched] = ()) -> list[list]:
    """The table's rows: title and comment, decision and responsible, unit, effects in tkr,
    share achieved, status (with the red-quality flag)."""
    red = flagged(watched)
    return [[title_cell(m), with_detail(decision_text(m), responsible_text(m)),
             with_detail(m.unit_name, namnd_label(m.namnd)),
             fmt.tkr(m.planned_tkr), fmt.tkr(m.achieved_tkr),
             fmt.percent(share(m.achieved_tkr, m.planned_tkr), 0),
             [status_badge(m.status), *([html.Br(), flag_badge()] if m.code in red else [])]]
            for m in found]


NO_DECISION_SV = "Beslut saknas"


def title_cell(m: Measure) -> list:
    """The title, the latest comment and the alternatives that were considered."""
    alternatives = ([html.Br(), html.Small(f"Alternativ som övervägdes: {m.alternatives}",
                                           className="text-body-secondary")]
                    if m.alternatives else [])
    return [*with_detail(html.Strong(m.title), m.comment), *alternatives]


def decision_text(m: Measure) -> str:
    """Where the measure was decided, e.g. `HSN/812/2025, § 45, 2025-11-20`."""
    d = m.decision
    parts = [d.dnr, d.paragraph, fmt.iso_date(d.decided_on) if d.decided_on else ""]
    return ", ".join(p for p in parts if p) or NO_DECISION_SV


def responsible_text(m: Measure) -> str:
    return f"Ansvarig: {m.responsible}" if m.responsible else ""


# --- The quality flag ------------------------------------------------------------------------

FLAG_SYMBOL, FLAG_WORD = "⚑", "Röd kvalitetsindikator"
FLAG_NOTE_SV = (
    f"En åtgärd flaggas med {FLAG_SYMBOL} {FLAG_WORD.lower()} när någon av de indikatorer som "
    "bevakas för att se åtgärdens följder för vårdkvaliteten har ett senaste utfall som är "
    f"{STATUS_LABELS_SV['red'].symbol} {STATUS_LABELS_SV['red'].word.lower()}: längre från "
    "målvärdet än toleransen."
)


def flagged(watched) -> dict[str, list[Watched]]:
    """Measure code -> its red watched indicators (only measures that have one)."""
    red: dict[str, list[Watched]] = {}
    for w in watched:
        if w.red:
            red.setdefault(w.measure_code, []).append(w)
    return red


def flag_badge() -> html.Span:
    return badge(FLAG_SYMBOL, FLAG_WORD, "red")


def flag_lines(found: list[Measure], watched: list[Watched]) -> list[str]:
    """One sentence per flagged measure: which indicator is red where, and how far off."""
    red, titles = flagged(watched), {m.code: m.title for m in found}
    return [f"{titles[code]}: " + "; ".join(watched_text(w) for w in ws)
            for code, ws in red.items() if code in titles]


def watched_text(w: Watched) -> str:
    """`Medicinsk bedömning … vid Primärvård: 75,8 % (2026-10), målvärde 80,2 %`."""
    return (f"{w.indicator_name} vid {w.unit}: {fmt.value_in_unit(w.value, w.indicator_unit)}"
            f"{f' ({w.period})' if w.period else ''}, målvärde "
            f"{fmt.value_in_unit(w.target, w.indicator_unit)}")


WATCHED_COLUMNS = ["Åtgärd", "Indikator", "Enhet", "Senaste utfall", "Målvärde", "Status",
                   "Följd som bevakas"]
WATCHED_NUMERIC = [False, False, False, True, True, False, False]


def watched_rows(found: list[Measure], watched: list[Watched]) -> list[list]:
    """The watched indicators, red first, each linked to its indicator page at its unit."""
    titles = {m.code: m.title for m in found}
    shown = sorted((w for w in watched if w.measure_code in titles), key=lambda w: not w.red)
    return [[titles[w.measure_code],
             dcc.Link(w.indicator_name, href=page_url("indikator", code=w.indicator_code,
                                                      unit=w.unit_code)),
             w.unit, with_detail(fmt.value_in_unit(w.value, w.indicator_unit), w.period or ""),
             fmt.value_in_unit(w.target, w.indicator_unit), indicator_badge(w.status), w.consequence]
            for w in shown]


def indicator_badge(status: str) -> html.Span:
    label = STATUS_LABELS_SV[status]
    return badge(label.symbol, label.word, status)


# --- Month by month --------------------------------------------------------------------------

MONTHS_NOTE_SV = (
    "Planerad och uppnådd effekt varje månad, summerad över åtgärderna, och ackumulerat från "
    "årets början. Årsarbetare är hur många färre årsarbetare (heltidstjänster) åtgärderna ger "
    "den månaden; de summeras inte över månaderna. Tomt betyder att månaden inte är rapporterad."
)
MONTH_COLUMNS = ["Månad", "Planerad effekt", "Uppnådd effekt", "Uppnådd andel",
                 "Planerat sedan januari", "Uppnått sedan januari", "Planerade årsarbetare",
                 "Uppnådda årsarbetare"]
MONTH_NUMERIC = [False] + [True] * 7


@dataclass(frozen=True)
class MonthLine:
    """A month's effect with the running sums from January."""

    effect: MonthEffect
    planned_to_date: float
    achieved_to_date: float | None


def month_lines(months: list[MonthEffect]) -> list[MonthLine]:
    """The months with their running sums (achieved only through the months reported)."""
    lines, planned, achieved = [], 0.0, 0.0
    for e in months:
        planned += e.planned_tkr
        achieved = None if achieved is None or e.achieved_tkr is None else \
            achieved + e.achieved_tkr
        lines.append(MonthLine(e, planned, achieved))
    return lines


def month_rows(months: list[MonthEffect]) -> list[list]:
    return [[fmt.month_name(line.effect.month).capitalize(), fmt.tkr(line.effect.planned_tkr),
             fmt.tkr(line.effect.achieved_tkr),
             fmt.percent(share(line.effect.achieved_tkr, line.effect.planned_tkr)
                         if line.effect.achieved_tkr is not None else None, 0),
             fmt.tkr(line.planned_to_date), fmt.tkr(line.achieved_to_date),
             fmt.number(line.effect.planned_fte, 1), fmt.number(line.effect.achieved_fte, 1)]
            for line in month_lines(months)]


def month_figure(months: list[MonthEffect]) -> dict:
    """Planned against achieved effect per month as grouped bars, in tkr."""
    names = [fmt.month_name(e.month)[:3] for e in months]

    def bars(name: str, values: list, colour: str) -> dict:
        return {"type": "bar", "name": name, "x": names, "y": values,
                "marker": {"color": colour}, "customdata": [fmt.tkr(v) for v in values],
                "hovertemplate": f"%{{x}}<br>{name}: %{{customdata}}<extra></extra>"}

    data = [bars("Planerad effekt", [e.planned_tkr for e in months], PLANNED_COLOUR),
            bars("Uppnådd effekt", [e.achieved_tkr for e in months], ACHIEVED_COLOUR)]
    layout = charts.layout(300, barmode="group", bargap=0.25, legend_above=True,
                           yaxis={"title": {"text": "tkr"}, "rangemode": "tozero"})
    return {"data": data, "layout": layout}


def month_label(months: list[MonthEffect], year: int) -> str:
    """The month chart in words."""
    reported = [e for e in months if e.achieved_tkr is not None]
    last = reported[-1] if reported else None
    latest = (f" Senast rapporterade månad, {fmt.month_name(last.month)}: planerat "
              f"{fmt.tkr(last.planned_tkr)}, uppnått {fmt.tkr(last.achieved_tkr)}."
              if last else " Ingen månad är rapporterad.")
    return (f"Stapeldiagram, planerad och uppnådd effekt per månad {year}.{latest} "
            "Alla månader finns i tabellen.")


SUM_COLUMNS = ["Nämnd", "Antal åtgärder", "Varav genomförda", "Planerad effekt",
               "Uppnådd effekt", "Uppnådd andel"]
SUM_NUMERIC = [False] + [True] * 5


def sum_row(s: MeasureSums, label=None) -> list:
    """A row of the sums table, effects in mnkr."""
    return [label or s.label, fmt.number(s.count), fmt.number(s.done), fmt.mnkr(s.planned_tkr),
            fmt.mnkr(s.achieved_tkr), fmt.percent(s.achieved_share, 0)]


def sum_rows(found: list[Measure]) -> list[list]:
    """One row per nämnd, then the total (when there is more than one nämnd)."""
    return with_total(sums_by_namnd(found), sums("Totalt", found), sum_row, html.Strong("Totalt"))


SUM_FILE_COLUMNS = (
    Column("Nämnd"), Column("Antal åtgärder", "integer"), Column("Varav genomförda", "integer"),
    Column("Planerad effekt (mnkr)", "decimal"), Column("Uppnådd effekt (mnkr)", "decimal"),
    Column("Uppnådd andel (%)", "percent"),
)


def sum_values(s: MeasureSums) -> list:
    """A row of the sums as plain values for CSV and Excel, effects in mnkr as on the page."""
    achieved = None if s.achieved_share is None else s.achieved_share / 100
    return [s.label, s.count, s.done, s.planned_tkr / 1000, s.achieved_tkr / 1000, achieved]


def sums_table(title: str, found: list[Measure]) -> Table:
    """The sums per nämnd (and the total) as a file."""
    return Table(title, SUM_FILE_COLUMNS,
                 with_total(sums_by_namnd(found), sums("Totalt", found), sum_values))


# --- Chart ---------------------------------------------------------------------------------


def effect_figure(per_namnd: list[MeasureSums]) -> dict:
    """Planned against achieved effect per nämnd, as horizontal bars in mnkr."""
    names = [s.code for s in per_namnd]

    def bars(name: str, values: list[float], colour: str) -> dict:
        return {"type": "bar", "orientation": "h", "name": name, "y": names,
                "x": [v / 1000 for v in values], "marker": {"color": colour},
                "customdata": [fmt.mnkr(v) for v in values],
                "text": [s.label for s in per_namnd],
                "hovertemplate": f"%{{text}}<br>{name}: %{{customdata}}<extra></extra>",
                "textposition": "none"}

    data = [bars("Planerad effekt", [s.planned_tkr for s in per_namnd], PLANNED_COLOUR),
            bars("Uppnådd effekt", [s.achieved_tkr for s in per_namnd], ACHIEVED_COLOUR)]
    layout = charts.layout(max(210, 90 + 60 * len(per_namnd)), barmode="group", bargap=0.3,
                           legend_above=True,
                           xaxis={"title": {"text": "mnkr"}, "rangemode": "tozero"},
                           yaxis={"autorange": "reversed", "ticksuffix": "  "})
    return {"data": data, "layout": layout}


def effect_label(per_namnd: list[MeasureSums], year: int) -> str:
    """What the chart shows, for screen readers."""
    parts = "; ".join(f"{s.label}: planerat {fmt.mnkr(s.planned_tkr)}, uppnått "
                      f"{fmt.mnkr(s.achieved_tkr)}" for s in per_namnd)
    return (f"Stapeldiagram, planerad och uppnådd effekt per nämnd {year}. {parts}. "
            "Samma siffror finns i tabellen.")


# --- The page's data and files ------------------------------------------------------------

EXPORT_COLUMNS = (
    Column("Kod"), Column("Åtgärd"), Column("Enhetskod"), Column("Enhet"), Column("Nämnd"),
    Column("År"), Column("Planerad effekt (tkr)", "decimal"),
    Column("Uppnådd effekt (tkr)", "decimal"), Column("Uppnådd andel (%)", "percent"),
    Column("Status"), Column("Kommentar"), Column("Diarienummer"), Column("Paragraf"),
    Column("Beslutsdatum"), Column("Ansvarig"), Column("Alternativa åtgärder"),
    Column("Röd kvalitetsindikator"),
)


def export_table(title: str, found: list[Measure], watched: list[Watched] = ()) -> Table:
    """The measures as plain values for CSV and Excel, in the page's order."""
    red = flagged(watched)
    rows = [[m.code, m.title, m.unit_code, m.unit_name, namnd_label(m.namnd), str(m.year),
             m.planned_tkr, m.achieved_tkr,
             m.achieved_tkr / m.planned_tkr if m.planned_tkr else None,
             MEASURE_STATUS_SV[m.status].word, m.comment, m.decision.dnr, m.decision.paragraph,
             fmt.iso_date(m.decision.decided_on) if m.decision.decided_on else "",
             m.responsible, m.alternatives, "ja" if m.code in red else "nej"]
            for m in found]
    return Table(title, EXPORT_COLUMNS, rows)


MONTH_FILE_COLUMNS = (
    Column("Kod"), Column("Åtgärd"), Column("Månad", "integer"),
    Column("Planerad effekt (tkr)", "decimal"), Column("Uppnådd effekt (tkr)", "decimal"),
    Column("Planerade årsarbetare", "decimal"), Column("Uppnådda årsarbetare", "decimal"),
)


def months_table(title: str, found: list[Measure], by_measure: dict[str, list[MonthEffect]]
                 ) -> Table:
    """Each measure's months, in the page's order of the measures."""
    return Table(title, MONTH_FILE_COLUMNS, [
        [m.code, m.title, e.month, e.planned_tkr, e.achieved_tkr, e.planned_fte, e.achieved_fte]
        for m in found for e in by_measure.get(m.code, [])])


WATCHED_FILE_COLUMNS = (
    Column("Åtgärd (kod)"), Column("Åtgärd"), Column("Indikator (kod)"), Column("Indikator"),
    Column("Enhet"), Column("Period"), Column("Senaste utfall", "decimal"),
    Column("Målvärde", "decimal"), Column("Status"), Column("Följd som bevakas"),
)


def watched_table(title: str, found: list[Measure], watched: list[Watched]) -> Table:
    titles = {m.code: m.title for m in found}
    return Table(title, WATCHED_FILE_COLUMNS, [
        [w.measure_code, titles[w.measure_code], w.indicator_code, w.indicator_name, w.unit,
         w.period, w.value, w.target, STATUS_LABELS_SV[w.status].word, w.consequence]
        for w in watched if w.measure_code in titles])


@dataclass(frozen=True)
class MeasuresData:
    """Everything the page shows: the selection, the measures in the page's order, their
    months (summed and per measure), their watched indicators, and whether the viewer sees
    every nämnd's (else the page says whose)."""

    selection: Selection
    measures: list[Measure]
    sees_everything: bool
    fresh: str = ""  # how fresh the section's economy is (set by the page's load)
    months: list[MonthEffect] = field(default_factory=list)
    by_measure: dict[str, list[MonthEffect]] = field(default_factory=dict)
    watched: list[Watched] = field(default_factory=list)


def measures_data(session, viewer: Viewer, namnd=None, year=None) -> MeasuresData:
    """The measures for the URL's arguments (BadArgument for a bad one)."""
    selection = resolve(session, viewer, measure_years(session, viewer), namnd, year, WHAT)
    if selection.year is None:
        return MeasuresData(selection, [], viewer.sees_everything)
    chosen = (session, viewer, selection.year, selection.namnd.id if selection.namnd else None)
    return MeasuresData(selection, ordered(measures(*chosen)), viewer.sees_everything,
                        months=month_effects(*chosen), by_measure=measure_months(*chosen),
                        watched=watched_indicators(*chosen))


def register(app) -> None:
    """The page's year and nämnd selectors."""
    register_search_writer(app, "atgarder", "year", "namnd")
