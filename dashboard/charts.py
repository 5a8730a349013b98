"""What every plotly figure shares: Swedish number separators, the app's font, axes that make
room for their labels, and where a measurement period sits on a time axis.

Figures are plain dicts: plotly's Figure objects validate every property, which costs more
than the query behind a chart, and the browser draws the same JSON.
"""

from __future__ import annotations

import datetime as dt

from dashboard.core.formatting import NBSP

# Plotly's `separators` is the decimal mark, then the thousands separator: `1 234,5` with the
# non-breaking space of every other number on the page (dashboard.core.formatting.number).
SEPARATORS = f",{NBSP}"
FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"  # as in assets/app.css
INK, GRID = "#1f2328", "#d9dee3"  # INK as --rt-ink in assets/app.css
FONT = {"family": FONT_FAMILY, "size": 14, "color": INK}
TITLE_STANDOFF = 10  # px between an axis's tick labels and its title
LEGEND_BELOW = {"orientation": "h", "yanchor": "top", "y": -0.12, "x": 0}
LEGEND_ABOVE = {"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0}
# A click on a legend item does not hide its series, and dragging does not zoom (`dragmode`,
# the axes' `fixedrange`): a view's state is all in its URL (a hidden series or a zoomed axis
# would not be), and the table beside every chart has every value.
LEGEND_FIXED = {"itemclick": False, "itemdoubleclick": False}


def axis(**options) -> dict:
    """An axis with a quiet grid that widens the margin to fit its tick labels and title
    (automargin), the title kept clear of the tick labels."""
    merged = {"gridcolor": GRID, "zeroline": False, "automargin": True,
              "fixedrange": True} | options
    if "title" in merged:
        merged["title"] = {"standoff": TITLE_STANDOFF} | merged["title"]
    return merged


def is_axis(key: str) -> bool:
    """Whether a layout key names an axis (`xaxis`, `yaxis2`, …)."""
    return key.startswith(("xaxis", "yaxis"))


def layout(height: int, *, legend_above: bool = False, **options) -> dict:
    """A figure layout: Swedish separators, the app's font, a transparent background, small
    margins that the axes widen as their labels need, the legend below (or above the plot);
    `options` override (each axis given is merged onto `axis()`)."""
    axes = {key: axis(**options.get(key, {})) for key in ("xaxis", "yaxis")}
    axes |= {key: axis(**value) for key, value in options.items() if is_axis(key)}
    base = {
        "separators": SEPARATORS, "height": height, "font": dict(FONT),
        "margin": {"l": 8, "r": 16, "t": 36 if legend_above else 8, "b": 8},
        "paper_bgcolor": "rgba(0,0,0,0)", "plot_bgcolor": "rgba(0,0,0,0)",
        "legend": dict(LEGEND_ABOVE if legend_above else LEGEND_BELOW),
        "hoverlabel": {"font": FONT | {"color": "#fff"}},
        "dragmode": False,
    }
    legend = base["legend"] | options.get("legend", {}) | LEGEND_FIXED
    return base | options | axes | {"legend": legend}


def year_axis(**options) -> dict:
    """A time axis labelled by year, each label in the middle of its year (where
    `period_middle` puts a yearly value), not at the tick on 1 January."""
    return {"type": "date", "dtick": "M12", "tickformat": "%Y", "ticklabelmode": "period"} | options


def period_middle(period: str) -> dt.date:
    """Where a measurement period (`2025`, `2026-T2`, `2026-10`) sits on a time axis: the middle
    of its year, tertial or month, so a value is drawn inside its own year."""
    year, _, part = period.partition("-")
    if not part:
        return dt.date(int(year), 7, 1)
    if part.startswith("T"):
        return dt.date(int(year), 4 * int(part[1:]) - 1, 1)
    return dt.date(int(year), int(part), 15)


def year_span(year: int) -> tuple[str, str]:
    """The first and last day of a year, where a målvärde's step line runs."""
    return f"{year}-01-01", f"{year}-12-31"
