"""Storbildsläge: chosen published indicators full-screen, one at a time, turning by themselves
for a screen in a lobby or meeting room; anyone may open the link, no login.

`?codes=A,B,C` names the indicators (default: the långsiktiga nyckeltal) and `?seconds=N`
how long each is shown. The page turns in the browser; pause stops it, and a reader who
prefers reduced motion gets it paused from the start.
"""

from __future__ import annotations

from dataclasses import dataclass

from dash import dcc, html

from callbacks import indikator as cb
from callbacks import oppna_data as shape
from dashboard.core.wording import fill
from dashboard.core import formatting as fmt
from dashboard.core.args import BadArgument
from dashboard.core.urls import page_url
from dashboard.markup import Markup, static
from layouts.components import (
    chart,
    data_table,
    header,
    message,
    status_badge,
)
from layouts.page import Page

TITLE = "Storbildsläge"
LEAD = ("Utvalda nyckeltal i stort format för en skärm i ett väntrum eller en möteslokal. "
        "Visningen byter nyckeltal efter en stund; pausa den med knappen.")


def _big_value(view: shape.PublicView) -> list:
    """The latest value, its status and målvärde, large enough to read across a room."""
    ind, now = view.indicator, shape.latest(view.series)
    if now is None:
        return [html.P(status_badge("grey"), className="storbild-status"),
                html.P("Det finns inga värden ännu.", className="storbild-target")]
    target = view.targets.get(now.period_end.year)
    target_line = (f"Målvärde {now.period_end.year}: "
                   f"{cb.target_text(target, ind.direction, ind.unit)}" if target
                   else f"Inget målvärde för {now.period_end.year}")
    return [
        html.P([html.Span(fmt.value_in_unit(now.total, ind.unit), className="storbild-value"),
                html.Span(f" {cb.period_label(now.period)}", className="storbild-period")]),
        html.P(status_badge(cb.status_for(now, view.targets, ind.direction)),
               className="storbild-status"),
        html.P(target_line, className="storbild-target"),
    ]


def _slide(n: int, view: shape.PublicView) -> html.Section | Markup:
    """One indicator: name and unit, big value with status, chart, recent values as a table."""
    ind, unit = view.indicator, view.selection.unit
    figure = []
    if view.series:
        columns, rows = shape.recent_table(view)
        figure = [
            chart(shape.storbild_figure(view), cb.series_label(view.selection, view.series),
                  f"storbild-chart-{n}"),
            data_table(f"{ind.name}: de senaste värdena", columns, rows,
                       [c in ("Utfall", "Kvinnor", "Män") for c in columns], stacked=True),
        ]
    where = f"{unit.name} · " if unit else ""
    content = [
        html.H2(ind.name, className="storbild-title"),
        html.P(f"{where}{cb.source_text(ind.source)}", className="storbild-where"),
        html.Div([
            # As HTML (dashboard.markup): nothing updates it, and a screen shows up to 12.
            static([*_big_value(view), html.P(ind.explanation, className="storbild-explanation")],
                   className="storbild-facts"),
            html.Div(figure, className="storbild-figure"),
        ], className="storbild-body"),
    ]
    slide = {"id": {"type": "storbild-slide", "index": n}, "hidden": n != 0,
             "className": "storbild-slide", "aria-label": ind.name}
    if all(isinstance(part, Markup) for part in figure):
        # The chart drawn on the server (for the public) too: the whole slide is HTML, one
        # component for Dash's renderer instead of seven. Each component costs the phone's
        # renderer on every update of its store, and a screen shows up to twelve slides.
        return static(content, tag="section", **slide)
    return html.Section(content, **slide)


def _controls(count: int) -> html.Div:
    """Previous, pause, next, full screen; where in the rotation we are; the way out."""
    def button(text, button_id, extra=""):
        return html.Button(text, id=button_id, type="button", n_clicks=0,
                           className=f"btn btn-light storbild-button {extra}".strip())
    return html.Div([
        button("Föregående", "storbild-prev"),
        button("Pausa visningen", "storbild-pause"),
        button("Nästa", "storbild-next"),
        button("Helskärm", "storbild-fullscreen"),
        html.Span(f"Nyckeltal 1 av {count}", id="storbild-position", className="storbild-position"),
        dcc.Link("Avsluta storbildsläget", href=page_url("oppna_data"), className="storbild-exit"),
    ], className="storbild-controls", role="group", **{"aria-label": "Styr visningen"})


# --- The page ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Args:
    """`?codes=A,B,C&seconds=30`: the indicators to show and how long each stays."""

    codes: str | None = None
    seconds: str | None = None


@dataclass(frozen=True)
class SlidesData:
    """What the screen shows: the seconds per indicator and each indicator's public view."""

    seconds: int
    views: list[shape.PublicView]


def load(session, _viewer, args: Args) -> SlidesData:
    """The indicators named (default: the långsiktiga nyckeltal) with their values; BadArgument
    for a code that is not published, too many codes or a time outside the allowed span."""
    seconds = shape.storbild_seconds(args.seconds)
    indicators = shape.storbild_indicators(session, shape.storbild_codes(args.codes))
    return SlidesData(seconds, [shape.public_view(session, ind.code) for ind in indicators])


def _crumbs() -> list:
    return [("Öppna data", page_url("oppna_data")), (TITLE, None)]


def view(data: SlidesData) -> list:
    """The controls, one slide per indicator (the first shown), the timer and its state."""
    if not data.views:
        return [*header(_crumbs(), TITLE, LEAD),
                message("Det finns inga publicerade nyckeltal att visa.",
                        ("Till Öppna data", page_url("oppna_data")))]
    return [
        html.Div([html.H1(TITLE, className="storbild-heading"), _controls(len(data.views))],
                 className="storbild-bar"),
        html.P(fill(LEAD), className="storbild-lead"),
        *[_slide(n, shown) for n, shown in enumerate(data.views)],
        dcc.Interval(id="storbild-timer", interval=data.seconds * 1000, disabled=True),
        dcc.Store(id="storbild-state", data={"index": 0, "count": len(data.views)}),
    ]


def problem(error: BadArgument) -> list:
    """A code or time that cannot be shown: why, and the way to the långsiktiga nyckeltal."""
    return [*header(_crumbs(), TITLE, LEAD),
            message(str(error), ("Visa långsiktiga nyckeltal", page_url("storbild")))]


# Storbildsläge is itself a screen for a lobby: nobody is there to copy its link (no tools).
PAGE = Page(
    key="storbild", path="/storbild", title=TITLE, lead=LEAD, access="public", order=170,
    section="oppna_data", subnav="Storbildsläge", tools=False, args=Args, load=load,
    layout=view, problem=problem, class_name="page storbild",
)
