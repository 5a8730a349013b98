"""The tools above every internal page: Kopiera länk, and the presentation mode (storbild).

Storbild is a URL switch, `?storbild=1`, for a big screen in a meeting: larger type, no
navigation or footer, higher contrast (assets/storbild.css), and drilling down and up with
the keyboard (assets/storbild.js): the arrow keys move between the rows of the page's
tables, Enter opens a row, Escape goes up one level. Every link the page builds keeps the
switch (dashboard.core.urls.carry), so it survives drilling down. In storbild the tools also
link the pages that offer it (Mål · Ekonomi · Internkontroll), so a presenter moves between
them without leaving storbild.
"""

from __future__ import annotations

from collections.abc import Sequence

from dash import dcc, html

from dashboard.core.urls import carried, carry, page_url
from layouts.components import copy_link, subnav

KEYS_HELP_SV = ("↑ ↓ flyttar mellan raderna · ← → mellan länkarna i en rad · Enter öppnar · "
                "Esc går upp en nivå")


def storbild_on(value: object) -> bool:
    """Whether the URL's `storbild` switch is on (`1`, `ja`, `true`)."""
    if isinstance(value, (list, tuple)):
        value = value[0] if value else None
    return isinstance(value, str) and value.strip().lower() in ("1", "ja", "true", "on")


def url_without_storbild(key: str, query_args: dict) -> str:
    """This view's URL in the normal mode."""
    kept = carried()
    carry()
    try:
        return page_url(key, **query_args)
    finally:
        carry(**kept)


def storbild_shown(rows: list, limit: int) -> tuple[list, bool]:
    """The rows a long table shows: in storbild only the first `limit` (the first screen holds
    them), and whether some were left out."""
    if carried().get("storbild") and len(rows) > limit:
        return rows[:limit], True
    return rows, False


def page_tools(key: str, on: bool, query_args: dict, offers_storbild: bool,
               storbild_pages: Sequence[tuple[str, str]] = ()) -> html.Div:
    """Kopiera länk, and the way into (or the keys, the way out of and the links between the
    `storbild_pages`, (key, name) each) storbild, where the page offers it. The links keep the
    switch: they are built while storbild is carried."""
    if on:
        return html.Div(
            [subnav(storbild_pages, key, "Sidor i storbild"),
             html.P([html.Strong("Storbild"), f" · {KEYS_HELP_SV}"], className="storbild-keys"),
             dcc.Link("Avsluta storbild", href=url_without_storbild(key, query_args),
                      className="btn btn-outline-dark btn-sm storbild-exit", id=f"{key}-storbild-exit"),
             copy_link(key)],
            className="page-tools storbild-tools",
        )
    tools = [copy_link(key)]
    if offers_storbild:  # the pages shown in meetings (any page honours the switch)
        tools.append(dcc.Link("Visa i storbild", href=page_url(key, **query_args, storbild=1),
                              className="btn btn-outline-primary btn-sm storbild-link",
                              id=f"{key}-storbild-link"))
    return html.Div(tools, className="page-tools no-print")
