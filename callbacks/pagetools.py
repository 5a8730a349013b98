"""The browser-side callbacks' registration: every clientside callback is a function in
assets/callbacks.js (namespace `rodtrad`), called with ClientsideFunction; no JavaScript in
Python strings (the CSP allows no inline script: dashboard/scripts.py)."""

from __future__ import annotations

from dash import MATCH, ClientsideFunction, Input, Output, State

from dashboard.core.urls import PAGES_LOCATION


def in_browser(name: str) -> ClientsideFunction:
    """The function `name` of assets/callbacks.js."""
    return ClientsideFunction("rodtrad", name)


def register_search_writer(app, key: str, *names: str) -> None:
    """Each control `<key>-<name>` writes the URL argument `name`, keeping the page's other
    arguments (in the store `<key>-args`)."""
    app.clientside_callback(
        in_browser("writeSearch"),
        Output(PAGES_LOCATION, "search", allow_duplicate=True),
        *(Input(f"{key}-{name}", "value") for name in names),
        State(f"{key}-args", "data"),
        prevent_initial_call=True,
    )


def register_choice_writer(app, key: str, *names: str, drawn_with: str | None = None) -> None:
    """The selects `<key>-<name>`, whose options' values are the page's query string for each
    choice, write the URL when a person chooses; the select keeps the focus in the new view.
    `drawn_with`: the id of a store holding the query the page was drawn with (for a page
    with one select)."""
    app.clientside_callback(
        in_browser("writeSearch"),
        Output(PAGES_LOCATION, "search", allow_duplicate=True),
        *(Input(f"{key}-{name}", "value") for name in names),
        *([State(drawn_with, "data")] if drawn_with else []),
        prevent_initial_call=True,
    )


def register_focus_after_render(app, key: str, view: str | None = None) -> None:
    """After page `key` draws a new view (the data of `view`, by default `<key>-view`,
    changed), the focus moves as assets/callbacks.js focusAfterRender says. The output
    `<key>-view-shown` only marks the view as handled (Dash calls a callback for new content
    when its output is in that content)."""
    app.clientside_callback(in_browser("focusAfterRender"), Output(f"{key}-view-shown", "data"),
                            Input(view or f"{key}-view", "data"))


def register_print(app, key: str) -> None:
    """The button `<key>-print` prints the page."""
    app.clientside_callback(in_browser("print"), Output(f"{key}-printed", "data"),
                            Input(f"{key}-print", "n_clicks"), prevent_initial_call=True)


def register(app) -> None:
    """One callback for every page's Kopiera länk button (layouts/components.copy_link)."""
    app.clientside_callback(
        in_browser("copyLink"),
        Output({"type": "copy-link-status", "page": MATCH}, "children"),
        Output({"type": "copy-link-url", "page": MATCH}, "value"),
        Output({"type": "copy-link-fallback", "page": MATCH}, "style"),
        Input({"type": "copy-link", "page": MATCH}, "n_clicks"),
        prevent_initial_call=True,
    )
