"""Resultatförbättrande åtgärder: status words, table rows, sums per nämnd, the chart of planned
against achieved effect, and the files."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from dash import html

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
from data_access.queries.measures import Measure, measure_years, measures
from data_access.scope import Viewer

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


MEASURE_COLUMNS = ["Åtgärd", "Enhet", "Planerad effekt", "Uppnådd effekt", "Uppnådd andel",
                   "Status"]
MEASURE_NUMERIC = [False, False, True, True, True, False]


def measure_rows(found: list[Measure]) -> list[list]:
    """The table's rows: title and comment, unit, effects in tkr, share achieved, status."""
    return [[with_detail(html.Strong(m.title), m.comment),
             with_detail(m.unit_name, namnd_label(m.namnd)),
             fmt.tkr(m.planned_tkr), fmt.tkr(m.achieved_tkr),
             fmt.percent(share(m.achieved_tkr, m.planned_tkr), 0), status_badge(m.status)]
            for m in found]


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
    Column("Status"), Column("Kommentar"),
)


def export_table(title: str, found: list[Measure]) -> Table:
    """The measures as plain values for CSV and Excel, in the page's order."""
    rows = [[m.code, m.title, m.unit_code, m.unit_name, namnd_label(m.namnd), str(m.year),
             m.planned_tkr, m.achieved_tkr,
             m.achieved_tkr / m.planned_tkr if m.planned_tkr else None,
             MEASURE_STATUS_SV[m.status].word, m.comment]
            for m in found]
    return Table(title, EXPORT_COLUMNS, rows)


@dataclass(frozen=True)
class MeasuresData:
    """Everything the page shows: the selection, the measures in the page's order and whether
    the viewer sees every nämnd's (else the page says whose)."""

    selection: Selection
    measures: list[Measure]
    sees_everything: bool
    fresh: str = ""  # how fresh the section's economy is (set by the page's load)


def measures_data(session, viewer: Viewer, namnd=None, year=None) -> MeasuresData:
    """The measures for the URL's arguments (BadArgument for a bad one)."""
    selection = resolve(session, viewer, measure_years(session, viewer), namnd, year, WHAT)
    found = [] if selection.year is None else measures(
        session, viewer, selection.year, selection.namnd.id if selection.namnd else None)
    return MeasuresData(selection, ordered(found), viewer.sees_everything)


def register(app) -> None:
    """The page's year and nämnd selectors."""
    register_search_writer(app, "atgarder", "year", "namnd")
