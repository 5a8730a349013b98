"""The nämndrapport's charts as PNG images (matplotlib, drawn on the server): the same image
on the page, on paper and in the PDF. Swedish numbers on the axes, the app's colours, and
symbols and words beside the colours."""

from __future__ import annotations

import functools
import io
from types import SimpleNamespace
from typing import TYPE_CHECKING

from callbacks import ekonomi as eco
from callbacks.namndrapport import Chart
from dashboard.core import formatting as fmt
from data_access.status import STATUS_LABELS_SV, STATUSES
from layouts.components import STATUS_COLOURS

if TYPE_CHECKING:
    from matplotlib.figure import Figure

INK, GRID = "#1f2328", "#d9dee3"
DPI = 150
SIZE = (7.5, 3.0)  # inches: the width of an A4 page's text


@functools.cache
def _lib() -> SimpleNamespace:
    """matplotlib's parts, imported on first use: with numpy they cost a worker about 40 MB,
    and only the nämndrapport's images and PDF need them."""
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter
    return SimpleNamespace(Figure=Figure, FuncFormatter=FuncFormatter)


def _axes(figure: Figure):
    """One axes with quiet spines and Swedish numbers on the value axis."""
    axes = figure.add_subplot()
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.tick_params(colors=INK, labelsize=9)
    axes.grid(axis="y", color=GRID, linewidth=0.8)
    axes.set_axisbelow(True)
    return axes


def swedish_ticks(axes, decimals: int = 0) -> None:
    """The value axis in Swedish format (`1 234`, `−12,5`)."""
    axes.yaxis.set_major_formatter(_lib().FuncFormatter(lambda v, _pos: fmt.number(v, decimals)))


def status_chart(figure: Figure, data: dict) -> None:
    """Goals per status as labelled bars: symbol, word and count under each bar."""
    counts = data["counts"]
    axes = _axes(figure)
    labels = [f"{STATUS_LABELS_SV[s].symbol} {STATUS_LABELS_SV[s].word}" for s in STATUSES]
    values = [counts.get(s, 0) for s in STATUSES]
    bars = axes.bar(labels, values, color=[STATUS_COLOURS[s] for s in STATUSES], width=0.6)
    axes.bar_label(bars, labels=[fmt.number(v) for v in values], color=INK, fontsize=10,
                   padding=2)
    axes.set_ylabel("Antal mål", color=INK, fontsize=9)
    swedish_ticks(axes)


def economy_chart(figure: Figure, data: dict) -> None:
    """Cumulative budget and utfall by month, and the prognos for the year as a dashed line."""
    lines, month, unit = data["lines"], data["month"], data["unit"]
    axes = _axes(figure)
    months = [fmt.MONTHS_SHORT[line.month - 1] for line in lines]
    budget = [eco.scaled(line.cumulative_budget_tkr, unit) for line in lines]
    utfall = [eco.scaled(line.cumulative_utfall_tkr, unit) for line in lines[:month]]
    axes.plot(months, budget, color=eco.BUDGET_COLOUR, linestyle=":", marker="o", markersize=3,
              label="Budget, ackumulerad")
    axes.plot(months[:month], utfall, color=eco.UTFALL_COLOUR, linewidth=2.5, marker="o",
              markersize=4, label="Utfall, ackumulerat")
    if data.get("prognos_tkr") is not None and utfall and month < 12:
        axes.plot([months[month - 1], months[-1]], [utfall[-1], eco.scaled(data["prognos_tkr"],
                                                                            unit)],
                  color=eco.PROGNOS_COLOUR, linestyle="--", label="Prognos helår")
    axes.axhline(0, color="#8C959F", linewidth=0.8)
    axes.set_ylabel(f"Ackumulerat, {unit}", color=INK, fontsize=9)
    swedish_ticks(axes)
    axes.legend(loc="best", fontsize=8, frameon=False)


DRAW = {"status": status_chart, "economy": economy_chart}


def chart_png(chart: Chart) -> bytes:
    """The chart as a PNG image."""
    figure = _lib().Figure(figsize=SIZE, dpi=DPI, layout="constrained")
    DRAW[chart.kind](figure, chart.data)
    out = io.BytesIO()
    figure.savefig(out, format="png", facecolor="white")
    return out.getvalue()
