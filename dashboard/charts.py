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


# Storbild's page text is 23 px (assets/storbild.css); its charts' text is scaled to match it,
# and their height a little, as much as the page's first screen has room for.
STORBILD_SCALE = 1.6
STORBILD_HEIGHT = 1.15
STORBILD_SMALLEST = 20  # px: no chart text below it (tick labels, legend, the layout's font)
STORBILD_AXIS_TITLE = 18  # px: an axis title, beside a short plot, a little below its ticks


def _scaled_fonts(node: object, scale: float) -> object:
    """A copy of a figure's part with every font's size (`font`, `tickfont`, `textfont`, …)
    multiplied by `scale`, none below STORBILD_SMALLEST."""
    if isinstance(node, list):
        return [_scaled_fonts(item, scale) for item in node]
    if not isinstance(node, dict):
        return node
    copy = {key: _scaled_fonts(value, scale) for key, value in node.items()}
    for key, value in copy.items():
        if key.endswith("font") and isinstance(value, dict) and \
                isinstance(value.get("size"), (int, float)):
            copy[key] = value | {"size": max(round(value["size"] * scale), STORBILD_SMALLEST)}
    return copy


def for_storbild(figure: dict) -> dict:
    """The figure for a big screen read from across a room: its text (the layout's font, tick
    labels, axis titles, legend, trace texts) scaled by STORBILD_SCALE, the margins and the
    titles' distance to the tick labels with it (the axes still widen their margins to fit the
    larger labels, automargin), the height by STORBILD_HEIGHT; an axis title wraps at its
    comma (`Per månad,<br>mnkr`) so that it fits beside a short plot."""
    layout = dict(figure.get("layout") or {})
    layout.setdefault("font", dict(FONT))
    layout["font"] = {"size": FONT["size"]} | layout["font"]
    layout = _scaled_fonts(layout, STORBILD_SCALE)
    if isinstance(layout.get("margin"), dict):
        layout["margin"] = {k: round(v * STORBILD_SCALE) if isinstance(v, (int, float)) else v
                            for k, v in layout["margin"].items()}
    if isinstance(layout.get("height"), (int, float)):
        layout["height"] = round(layout["height"] * STORBILD_HEIGHT)
    legend = layout.get("legend")
    if isinstance(legend, dict) and legend.get("orientation") == "h" and legend.get("y", 0) > 1:
        # Above the plot, the figure's top margin widening to fit its larger lines.
        layout["legend"] = legend | {"y": 1.02, "yanchor": "bottom"}
    for key, value in layout.items():
        if is_axis(key) and isinstance(value, dict) and isinstance(value.get("title"), dict):
            title = value["title"]
            if isinstance(title.get("text"), str):
                title = title | {"text": title["text"].replace(", ", ",<br>", 1)}
            layout[key] = value | {"automargin": True, "title": title | {
                "standoff": round(title.get("standoff", TITLE_STANDOFF) * STORBILD_SCALE),
                "font": title.get("font", {}) | {"size": STORBILD_AXIS_TITLE}}}
    data = _scaled_fonts(list(figure.get("data") or []), STORBILD_SCALE)
    return {**figure, "data": data, "layout": layout}


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
