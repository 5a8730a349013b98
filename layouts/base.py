"""What every page module uses: the request's data for its layout, and page registration."""

from __future__ import annotations

from collections.abc import Callable

import dash
from dash import html
from flask import has_request_context
from sqlalchemy.orm import Session

from dashboard.auth import current_viewer
from dashboard.core.urls import carry, page_path
from dashboard.database import get_session
from data_access.scope import Viewer
from layouts.pagetools import page_tools, storbild_on


def with_data(build: Callable[[Session, Viewer], list]) -> list:
    """What `build` makes from the database for this request's viewer; nothing outside a request.

    Dash may call page layouts without a request (validation); they then render no data.
    """
    if not has_request_context():
        return []
    return build(get_session(), current_viewer())


def with_page_tools(key: str, layout: Callable) -> Callable:
    """The page's layout with its URL switches handled: `storbild=1` (presentation mode) is
    kept in every link the page builds, and the page gets its tools (Kopiera länk, and
    Storbild where offered) above the content."""
    def page_layout(storbild=None, **query_args):
        on = storbild_on(storbild)
        carry(storbild="1" if on else None)
        content = layout(**query_args)
        return html.Div([page_tools(key, on, query_args), content],
                        className="storbild-page" if on else "tools-page")
    return page_layout


def register_page(module: str, key: str, name: str, layout: Callable, order: int,
                  access: str | None = None, in_nav: bool = True,
                  tables: Callable | None = None, request_bytes: int | None = None) -> None:
    """Register a page module under its path from dashboard.core.urls, titled `<name> – Rödtråd`.

    `access` is "public", "internal" (any logged-in role) or "admin"; a page that does not
    say is refused to everyone (dashboard.access). Component ids in the page's callbacks
    start with `<key>-`, which is how the access guard knows the page they belong to.
    Detail pages reached from another page (`in_nav=False`) stay out of the navbar.
    `tables(session, viewer, args)` returns the page's tables by name for the downloads
    (dashboard.downloads). `request_bytes` lets the page's callbacks take larger bodies
    than the default (an upload; dashboard.transport).
    """
    dash.register_page(
        module, path=page_path(key), name=name, title=f"{name} – Rödtråd", order=order,
        layout=with_page_tools(key, layout), access=access, id_prefix=key,
        in_nav=in_nav, tables=tables, request_bytes=request_bytes,
    )
