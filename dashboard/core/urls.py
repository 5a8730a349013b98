"""The one place page URLs are built, with their query arguments (permalinks for minutes)."""

from __future__ import annotations

from collections.abc import Callable
from types import MappingProxyType
from urllib.parse import quote

import dash
from dash import _get_paths
from flask import g, has_app_context

# Page key -> route path, as each page declares it (layouts.page.Page; layouts.pages imports
# them all before the app serves).
_PATHS: dict[str, str] = {}
PAGE_PATHS = MappingProxyType(_PATHS)


def declare_path(page: str, path: str) -> None:
    """Record a page's path (its declaration does, when its module is imported)."""
    if _PATHS.get(page, path) != path or (path in _PATHS.values() and _PATHS.get(page) != path):
        raise ValueError(f"Sidan {page} kan inte ha sökvägen {path}: den är redan tagen")
    _PATHS[page] = path


# The ids Dash's pages feature gives the components of dash.page_container: private to Dash,
# named once here for the callbacks that read or write the URL, the access guard and the
# error answers (tests/test_urls.py checks them against the installed Dash).
PAGES_LOCATION = "_pages_location"  # the dcc.Location: the page's URL
PAGES_CONTENT = "_pages_content"  # the container the pages router fills
PAGES_STORE = "_pages_store"  # the router's second output: the page's title

def relative_path(path: str) -> str:
    """`dash.get_relative_path(path)`: the path under the app's path prefix, worked out once
    per prefix and path (a page builds a hundred links and more; Dash's costs microseconds
    each)."""
    prefix = _get_paths.CONFIG.requests_pathname_prefix  # the latest Dash app's, as Dash reads it
    found = _RELATIVE.get((prefix, path))
    if found is None:
        found = _RELATIVE[prefix, path] = dash.get_relative_path(path)
    return found


_RELATIVE: dict[tuple[str, str], str] = {}


def page_path(page: str) -> str:
    """A page's route path, e.g. `/mal` (raises KeyError for an unknown page)."""
    return _PATHS[page]


# Characters a query string carries as they are (RFC 3986 unreserved): most codes and numbers.
_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")


def _quoted(text: str) -> str:
    """`text` percent-encoded for a query string (as urlencode with quote does)."""
    return text if _UNRESERVED.issuperset(text) else quote(text, safe="")


# Argument names as a query string writes them: a handful of names, quoted once each.
_QUOTED_NAMES: dict[str, str] = {}


def _quoted_name(name: str) -> str:
    quoted = _QUOTED_NAMES.get(name)
    if quoted is None:
        quoted = _QUOTED_NAMES[name] = _quoted(name)
    return quoted


def query_string(args: dict[str, object]) -> str:
    """`?a=1&b=x` from the arguments that have a value, keys sorted so equal views share a URL.

    Pages build hundreds of links per render (a long list's every row links its risk, unit
    and goals), so the common cases are written out: no argument, one, or several."""
    pairs = [(key, value if type(value) is str else str(value))
             for key, value in args.items() if value is not None and value != ""]
    if not pairs:
        return ""
    if len(pairs) > 1:
        pairs.sort()
    return "?" + "&".join([f"{_quoted_name(k)}={_quoted(v)}" for k, v in pairs])


def query_strings(args: dict[str, object], varying: str):
    """`query_string(args | {varying: value})` as a function of `value` (a non-empty text): the
    rest of the string worked out once, for the hundreds of links of a table whose rows differ
    only in that argument (e.g. a unit's code)."""
    marker = object()
    pairs = sorted((key, value if type(value) is str else str(value))
                   for key, value in args.items()
                   if key != varying and value is not None and value != "")
    pairs.append((varying, marker))
    pairs.sort(key=lambda pair: pair[0])
    parts = [f"{_quoted_name(k)}={_quoted(v)}" if v is not marker else None for k, v in pairs]
    at = parts.index(None)
    before = "?" + "".join(f"{part}&" for part in parts[:at]) + f"{_quoted_name(varying)}="
    after = "".join(f"&{part}" for part in parts[at + 1:])
    return lambda value: f"{before}{_quoted(value)}{after}"


# Switches a link keeps from the page it is on (presentation mode survives navigation).
CARRIED_ARGS = ("storbild",)


def carry(**switches: object) -> None:
    """Keep these switches (e.g. storbild=1) in every page URL built during this request."""
    if has_app_context():
        g.rodtrad_carried = {k: v for k, v in switches.items() if k in CARRIED_ARGS and v}


def carried() -> dict[str, object]:
    """The switches the page being built carries to its links."""
    return dict(getattr(g, "rodtrad_carried", {})) if has_app_context() else {}


def page_search(**args: object) -> str:
    """A page's query string (what a selector writes to the URL), with the carried switches."""
    switches = g.get("rodtrad_carried") if has_app_context() else None
    return query_string({**switches, **args} if switches else args)


def page_url(page: str, **args: object) -> str:
    """A page's URL under the app's path prefix, with query arguments and carried switches
    (`page_search`'s, written out here: a long list builds hundreds of links per render)."""
    switches = g.get("rodtrad_carried") if has_app_context() else None
    return relative_path(_PATHS[page]) + query_string(
        {**switches, **args} if switches else args)


def url_maker(page: str, name: str) -> Callable[[object], str]:
    """`page_url(page, **{name: value})` as a function of the value, for the many links of a
    long list (each row links its risk, unit, goals): the page's path and the carried switches
    are worked out once, when the maker is made."""
    switches = g.get("rodtrad_carried") if has_app_context() else None
    base = relative_path(_PATHS[page])
    if switches:
        return lambda value: base + query_string({**switches, name: value})
    key = _quoted_name(name)

    def url(value: object) -> str:
        if value is None or value == "":
            return base
        return f"{base}?{key}={_quoted(value if type(value) is str else str(value))}"

    return url


def route_url(path: str, **args: object) -> str:
    """A server route's URL (e.g. `/login`) under the app's path prefix, with query arguments."""
    return relative_path(path) + query_string(args)


# Open data: files to download and the read-only JSON API (dashboard.api).
DOWNLOADS_PATH = "/oppna-data/filer"
API_PATH = "/api/v1"


def download_url(extension: str, code: str | None = None) -> str:
    """One published indicator's values as a file (`csv` or `json`), or all of them."""
    name = f"nyckeltal/{quote(code, safe='')}" if code else "alla-nyckeltal"
    return route_url(f"{DOWNLOADS_PATH}/{name}.{extension}")


def api_url(path: str = "", **args: object) -> str:
    """An API resource, e.g. `api_url("values", indicator="N70061")`."""
    return route_url(f"{API_PATH}/{path}", **args)


def login_url(next_path: str | None = None) -> str:
    """The login page, returning to `next_path` afterwards."""
    return route_url("/login", next=next_path)


def table_url(page: str, table: str, extension: str, **args: object) -> str:
    """A download of one of a page's tables (`xlsx` or `csv`) for the page's arguments."""
    return route_url(f"/ladda-ner/{page}/{quote(table, safe='')}.{extension}", **args)


def report_pdf_url(**args: object) -> str:
    """The nämndrapport as a PDF, for its `namnd` and `period`."""
    return route_url("/namndrapport.pdf", **args)


def region_report_pdf_url(**args: object) -> str:
    """The regionrapport (the whole organisation's follow-up) as a PDF, for its `period`."""
    return route_url("/regionrapport.pdf", **args)
