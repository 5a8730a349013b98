"""The first view drawn on the server: the requested page as HTML in the index page.

Without it, a first load shows nothing until the index page, Dash's scripts (about 345 kB),
`_dash-layout`, `_dash-dependencies` and the pages router's answer have arrived, so the first
contentful paint and the largest one wait for all of them. With it, the index page carries
the shell and the page's initial view as plain HTML (`to_html`: the markup Dash's components
draw, for the components our pages use; unknown ones draw their children), and the page is
readable as soon as the index page and the CSS are there.

Dash's renderer draws into its own `#react-entry-point`, which the CSS keeps invisible, at the
same place, while the server's copy is there; `assets/prerender.js` removes the copy when the
router has drawn the page, the shell's callbacks the user area and the footer's date (or a
callback's error notice), so Dash takes over without a flash or a shift; each chart keeps the
copy's room for it until plotly.js has drawn it. The copy has no `id` (nothing clashes with
Dash's ids, and a test that waits for an id waits for the live page), no script and no form
that posts. Every script of the index page waits until the copy is painted
(`held_until_painted`), so the first paint waits for none of them. A component a page starts to use that `to_html` does not know draws
only its children: give it its markup here.

Only what the router would render for this URL and viewer: the same access rule (a page the
viewer may not open is never drawn: the guard has redirected or refused before), and not the
admin pages (as the page cache, they must show every run). A non-public page's view is noted
in the audit log here, as the router's render would; the router's own render of the same
address in the same session is then not noted twice. The HTML is kept in the page cache
(dashboard.cache) under the router's key for the same page and viewer, marked as a prerender.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import dash
from dash._pages import _parse_query_string
from flask import current_app, g, request, session
from flask_login import current_user

from callbacks.shell import data_as_of_text, demo_badge
from dashboard import audit
from dashboard.access import (
    PRERENDER_NOTED,
    admits,
    page_access,
    page_for_path,
    pages_for_role,
    viewer_role,
)
from dashboard.auth import current_viewer
from dashboard.core.urls import PAGES_CONTENT, login_url
from dashboard.database import get_session
from dashboard.encoding import component_json
from dashboard.markup import Markup, to_html
from data_access.audit import PAGE_VIEW
from data_access.queries.meta import latest_import
from layouts.shell import nav_links

# Where the index page has Dash's placeholder; the prerendered view goes in front of it.
PLACEHOLDER = '<div id="react-entry-point">'
MARK = "data-rt-prerender"  # the copy's wrapper; assets/prerender.js removes it
COPY_END = '<span id="rt-prerender-end" hidden></span>'  # after the copy and the entry point
ENTRY_POINT = f'{PLACEHOLDER}<div class="_dash-loading">Laddar …</div></div>'  # dashboard.app
EXPECT_COPY = '<link rel="expect" href="#rt-prerender-end" blocking="render">\n'
# --- The page in the index ---------------------------------------------------------------


def _fill(tree, contents: Mapping[str, object]):
    """The shell with some components' children given (the page, the links, the footer)."""
    if isinstance(tree, (list, tuple)):
        return [_fill(child, contents) for child in tree]
    if not hasattr(tree, "to_plotly_json"):
        return tree
    copy = type(tree)(**{name: getattr(tree, name) for name in tree._prop_names
                         if getattr(tree, name, None) is not None},
                      **{k: v for k, v in component_json(tree)["props"].items()
                         if k.startswith(("aria-", "data-"))})
    if getattr(tree, "id", None) in contents:
        # A Markup's content is its HTML (the navbar's links), any other's its children.
        setattr(copy, "html" if isinstance(copy, Markup) else "children", contents[tree.id])
    elif getattr(tree, "children", None) is not None:
        copy.children = _fill(tree.children, contents)
    return copy


def prerenderable(page: dict | None) -> bool:
    """Whether the server draws this page's first view for this request's viewer."""
    return page is not None and page_access(page) != "admin" \
        and admits(page_access(page), viewer_role())


def shell_contents(page: dict, query: Mapping) -> dict[str, object]:
    """What the shell's callbacks and the router would put in it, for this viewer."""
    info = latest_import(get_session(), current_viewer())
    pathname = request.path
    user = [] if current_user.is_authenticated else [
        dash.html.A("Logga in", href=login_url(pathname if pathname != "/" else None),
                    className="btn btn-outline-light btn-sm")]
    return {PAGES_CONTENT: page["layout"](**query),
            "nav-links": nav_links(pages_for_role(viewer_role()), pathname),
            "nav-user": user, "data-as-of": data_as_of_text(info),
            "demo-badge": demo_badge(info)}


def page_html(app: dash.Dash, page: dict, query: Mapping) -> str:
    """The shell with the page's first view in it, as HTML."""
    return to_html(_fill(app.layout, shell_contents(page, query)))


def _query(search: str) -> dict:
    """The URL's arguments as Dash's router passes them to the page's layout."""
    return _parse_query_string(search)


def _cached(app: dash.Dash, pathname: str, search: str, draw) -> str:
    found = app.server.extensions.get("rodtrad_page_store")
    if found is None:
        return draw()
    pages, key_of = found
    key = "prerender:" + key_of(pathname, search)
    stored = pages.get(key)
    if stored is not None:
        return stored.decode("utf-8")
    drawn = draw()
    pages.set(key, drawn.encode("utf-8"))
    return drawn


def index_with_page(app: dash.Dash, index: str) -> str:
    """The index page with the requested page's first view in front of Dash's entry point."""
    prefix = app.config.routes_pathname_prefix
    if not request.path.startswith(prefix) or PLACEHOLDER not in index:
        return index
    page = page_for_path(request.path[len(prefix) - 1:])
    if not prerenderable(page):
        return index
    search = ("?" + request.query_string.decode("utf-8", "replace")) if request.query_string else ""
    pathname = app.config.requests_pathname_prefix + request.path[len(prefix):]
    try:
        drawn = _cached(app, pathname, search, lambda: page_html(app, page, _query(search)))
    except Exception:  # noqa: BLE001 - without the copy, Dash draws the page as before
        current_app.logger.warning("Sidan %s kunde inte ritas i förväg", pathname, exc_info=True)
        return index
    if page_access(page) != "public":
        audit.note(PAGE_VIEW, pathname + search)
        session[PRERENDER_NOTED] = pathname + search
        g.rodtrad_private_index = True  # a viewer's data: no shared cache keeps it
    # The first paint waits until the whole copy is parsed (`rel="expect"`): a paint of half of
    # it would record its text as smaller than Dash's copy of it, which would then be taken
    # for the page's largest paint when it takes over.
    # (The mark is after Dash's entry point: the copy itself has no id. Where the index page
    # has no such entry point, no mark and no wait: a wait for a mark that never comes would
    # hold the paint until the whole page is parsed.)
    if ENTRY_POINT in index:
        index = index.replace("</head>", EXPECT_COPY + "</head>", 1)
        index = index.replace(ENTRY_POINT, ENTRY_POINT + COPY_END, 1)
    return index.replace(PLACEHOLDER, f"<div {MARK}>{drawn}</div>\n{PLACEHOLDER}", 1)


_SCRIPT_FILE = re.compile(r'<script\b([^>]*\bsrc="[^"]+"[^>]*)>')
HELD = "text/x-rodtrad-later"  # a type the browser neither fetches nor runs
START_ASSET = "boot/start.js"


def held_until_painted(index: str, start_url: str) -> str:
    """Every script file of the index page held until the first paint: fetched and run, in
    the same order, by assets/boot/start.js once the server's copy is painted. Without it,
    scripts fetched fast run before the first paint, and the copy shows only after Dash has
    started (a preload would fetch them sooner, but then a first paint that comes after them
    counts them all: Lighthouse's simulated paint waits for their bytes)."""
    def hold(found: re.Match) -> str:
        return f'<script{found[1]} type="{HELD}">'

    index = _SCRIPT_FILE.sub(hold, index)
    return index.replace("</body>", f'<script src="{start_url}" defer></script>\n</body>', 1)


def init_app(app: dash.Dash) -> None:
    """Draw the requested page into the index page (after dashboard.bundles' change), and
    hold the scripts until it is painted."""
    interpolate = app.interpolate_index
    start_url = app.get_asset_url(START_ASSET)

    def interpolate_index(**kwargs):
        return held_until_painted(index_with_page(app, interpolate(**kwargs)), start_url)

    def private(response):
        if g.pop("rodtrad_private_index", False):
            response.headers["Cache-Control"] = "private, no-store"
        return response

    app.interpolate_index = interpolate_index
    app.server.after_request(private)
