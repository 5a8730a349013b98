"""What every page module uses: the request's data for its layout, and page registration."""

from __future__ import annotations

from collections.abc import Callable

import dash
from flask import has_request_context
from sqlalchemy.orm import Session

from dashboard.auth import current_viewer
from dashboard.database import get_session
from dashboard.urls import page_path
from data_access.scope import Viewer


def with_data(build: Callable[[Session, Viewer], list]) -> list:
    """What `build` makes from the database for this request's viewer; nothing outside a request.

    Dash may call page layouts without a request (validation); they then render no data.
    """
    if not has_request_context():
        return []
    return build(get_session(), current_viewer())


def register_page(module: str, key: str, name: str, layout: Callable, order: int,
                  access: str | None = None, in_nav: bool = True) -> None:
    """Register a page module under its path from dashboard.urls, titled `<name> – Rödtråd`.

    `access` is "public", "internal" (any logged-in role) or "admin"; a page that does not
    say is refused to everyone (dashboard.access). Component ids in the page's callbacks
    start with `<key>-`, which is how the access guard knows the page they belong to.
    Detail pages reached from another page (`in_nav=False`) stay out of the navbar.
    """
    dash.register_page(
        module, path=page_path(key), name=name, title=f"{name} – Rödtråd", order=order,
        layout=layout, access=access, id_prefix=key, in_nav=in_nav,
    )
