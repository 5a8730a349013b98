"""The one place page URLs are built, with their query arguments (permalinks for minutes)."""

from __future__ import annotations

from types import MappingProxyType
from urllib.parse import quote, urlencode

import dash

# Page key -> route path, in the order the navigation shows them.
PAGE_PATHS = MappingProxyType(
    {
        "oversikt": "/",
        "mal": "/mal",
        "indikator": "/mal/indikator",
        "malkvalitet": "/mal/kvalitet",
        "uppdrag": "/mal/uppdrag",
        "ekonomi": "/ekonomi",
        "statsbidrag": "/ekonomi/statsbidrag",
        "atgarder": "/ekonomi/atgarder",
        "prognossakerhet": "/ekonomi/prognossakerhet",
        "internkontroll": "/internkontroll",
        "risk": "/internkontroll/risk",
        "internkontrollplan": "/internkontroll/plan",
        "oppna_data": "/oppna-data",
        "importera": "/admin/import",
        "importlogg": "/admin/importlogg",
    }
)


def page_path(page: str) -> str:
    """A page's route path, e.g. `/mal` (raises KeyError for an unknown page)."""
    return PAGE_PATHS[page]


def query_string(args: dict[str, object]) -> str:
    """`?a=1&b=x` from the arguments that have a value, keys sorted so equal views share a URL."""
    pairs = sorted((key, str(value)) for key, value in args.items() if value not in (None, ""))
    return "?" + urlencode(pairs, quote_via=quote) if pairs else ""


def page_url(page: str, **args: object) -> str:
    """A page's URL under the app's path prefix, with query arguments."""
    return dash.get_relative_path(page_path(page)) + query_string(args)


def route_url(path: str, **args: object) -> str:
    """A server route's URL (e.g. `/login`) under the app's path prefix, with query arguments."""
    return dash.get_relative_path(path) + query_string(args)


def login_url(next_path: str | None = None) -> str:
    """The login page, returning to `next_path` afterwards."""
    return route_url("/login", next=next_path)
