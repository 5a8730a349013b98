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

import html as html_lib
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
from data_access.audit import PAGE_VIEW
from data_access.queries.meta import latest_import
from layouts.shell import nav_links

# Where the index page has Dash's placeholder; the prerendered view goes in front of it.
PLACEHOLDER = '<div id="react-entry-point">'
MARK = "data-rt-prerender"  # the copy's wrapper; assets/prerender.js removes it
DEFAULT_GRAPH_HEIGHT = 450  # plotly's, when neither the figure nor the style says

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}
BOOLEAN = {"hidden", "open", "disabled", "readonly", "checked", "selected", "multiple",
           "required", "autofocus", "novalidate", "reversed"}
# Properties that are Dash's or React's, not attributes.
SKIPPED = {"id", "children", "n_clicks", "n_clicks_timestamp", "disable_n_clicks", "key",
           "loading_state", "setProps", "persistence", "persisted_props", "persistence_type",
           "n_submit", "n_submit_timestamp", "n_blur", "n_blur_timestamp", "debounce",
           "dashRenderType", "figure", "config", "options", "style", "className", "class_name"}
ATTRIBUTE_NAMES = {"htmlFor": "for", "html_for": "for", "tabIndex": "tabindex",
                   "colSpan": "colspan", "rowSpan": "rowspan", "autoComplete": "autocomplete",
                   "maxLength": "maxlength", "minLength": "minlength", "readOnly": "readonly",
                   "dateTime": "datetime", "accessKey": "accesskey", "contentEditable":
                   "contenteditable", "spellCheck": "spellcheck", "encType": "enctype",
                   "noValidate": "novalidate", "acceptCharset": "accept-charset",
                   "httpEquiv": "http-equiv", "srcSet": "srcset", "crossOrigin": "crossorigin",
                   "useMap": "usemap", "inputMode": "inputmode"}
# CSS properties React writes without "px" when given a number.
UNITLESS = {"opacity", "zIndex", "fontWeight", "lineHeight", "flex", "flexGrow", "flexShrink",
            "order", "zoom", "columnCount", "fillOpacity", "strokeOpacity", "orphans",
            "widows", "tabSize"}


def _text(value) -> str:
    return html_lib.escape(str(value), quote=False)


def _attr(value) -> str:
    return html_lib.escape(str(value), quote=True)


def _css(style: Mapping | None) -> str:
    """A React style dict as a style attribute's text."""
    if not isinstance(style, Mapping):
        return ""
    parts = []
    for name, value in style.items():
        if value is None or value == "":
            continue
        css_name = name if name.startswith("--") else re.sub(r"[A-Z]", lambda m: "-" + m[0].lower(), name)
        if isinstance(value, (int, float)) and not isinstance(value, bool) \
                and name not in UNITLESS and value != 0:
            value = f"{value}px"
        parts.append(f"{css_name}:{value}")
    return ";".join(parts)


def _classes(*names) -> str:
    return " ".join(str(n) for n in names if n)


def _attributes(props: Mapping, classes: str = "", style: Mapping | None = None,
                extra: Mapping | None = None) -> str:
    """The element's attributes: its own props as HTML attributes, no id, no handlers."""
    out = []
    if classes:
        out.append(f' class="{_attr(classes)}"')
    css = _css(style if style is not None else props.get("style"))
    if css:
        out.append(f' style="{_attr(css)}"')
    for name, value in {**props, **(extra or {})}.items():
        if name in SKIPPED or value is None or callable(value) or name.startswith("on"):
            continue
        if isinstance(value, (dict, list, tuple)):
            continue
        attribute = name if name.startswith(("aria-", "data-")) else \
            ATTRIBUTE_NAMES.get(name, name.lower())
        if attribute in BOOLEAN or isinstance(value, bool):
            if attribute.startswith(("aria-", "data-")):
                out.append(f' {attribute}="{"true" if value else "false"}"')
            elif value:
                out.append(f" {attribute}")
            continue
        out.append(f' {attribute}="{_attr(value)}"')
    return "".join(out)


def _element(tag: str, props: Mapping, inner: str, classes: str = "",
             style: Mapping | None = None, extra: Mapping | None = None) -> str:
    attributes = _attributes(props, classes, style, extra)
    if tag in VOID:
        return f"<{tag}{attributes}>"
    return f"<{tag}{attributes}>{inner}</{tag}>"


def _props(component) -> dict:
    """A component's explicitly given props (as Dash sends them), wildcards included."""
    return {name: value for name, value in component_json(component)["props"].items()
            if value is not None}


def _graph_height(props: Mapping) -> int | str:
    style = props.get("style") or {}
    if style.get("height"):
        return style["height"]
    figure = props.get("figure") or {}
    layout = figure.get("layout") if isinstance(figure, Mapping) else getattr(figure, "layout", None)
    height = layout.get("height") if isinstance(layout, Mapping) else getattr(layout, "height", None)
    return height or DEFAULT_GRAPH_HEIGHT


def _col_classes(props: Mapping) -> str:
    """dbc.Col's classes: col-{bp}-{size} per breakpoint given, `col` when none is."""
    found = []
    for breakpoint in ("width", "xs", "sm", "md", "lg", "xl", "xxl"):
        spec = props.get(breakpoint)
        if spec is None:
            continue
        infix = "" if breakpoint in ("width", "xs") else f"-{breakpoint}"
        size = spec.get("size") if isinstance(spec, Mapping) else spec
        if size is True or size == "":
            found.append(f"col{infix}")
        elif size is not None:
            found.append(f"col{infix}-{size}")
        if isinstance(spec, Mapping):
            if spec.get("order") is not None:
                found.append(f"order{infix}-{spec['order']}")
            if spec.get("offset") is not None:
                found.append(f"offset{infix}-{spec['offset']}")
    return " ".join(found) or "col"


def _select(props: Mapping) -> str:
    value = props.get("value")
    options = []
    for option in props.get("options") or []:
        if isinstance(option, Mapping):
            label, option_value = option.get("label"), option.get("value")
        else:
            label = option_value = option
        chosen = " selected" if option_value == value else ""
        options.append(f'<option value="{_attr(option_value)}"{chosen}>{_text(label)}</option>')
    return _element("select", _without(props, "value"), "".join(options),
                    _classes("form-select", props.get("class_name") or props.get("className")))


def _without(props: Mapping, *names) -> dict:
    return {k: v for k, v in props.items() if k not in names}


def _html_component(kind: str, props: Mapping) -> str:
    tag = kind.lower()
    return _element(tag, props, to_html(props.get("children")), props.get("className", ""))


def _dcc_component(kind: str, props: Mapping) -> str | None:
    classes = props.get("className", "")
    if kind == "Link":
        return _element("a", _without(props, "refresh"), to_html(props.get("children")), classes)
    if kind == "Graph":
        # Room for the chart, as plotly will draw it: no shift when Dash's copy takes over.
        height = _graph_height(props)
        style = {**(props.get("style") or {}), "height": height}
        return _element("div", {}, "", _classes("dash-graph", classes), style)
    if kind == "Input":  # Dash 4 draws its input in a box that carries the classes
        field = _element("input", _without(props, "value", "style"), "", "dash-input-element",
                         extra={"value": props.get("value", "")})
        return _element("div", {"style": props.get("style")}, field,
                        _classes("dash-input-container dash-input", classes))
    if kind == "Markdown":
        children = props.get("children")
        text = "\n".join(children) if isinstance(children, (list, tuple)) else str(children or "")
        paragraphs = "".join(f"<p>{_text(p.strip())}</p>" for p in text.split("\n\n") if p.strip())
        return _element("div", {}, paragraphs, classes)
    if kind in ("Store", "Location", "Interval", "Download", "ConfirmDialog"):
        return ""
    return None


def _dbc_component(kind: str, props: Mapping) -> str | None:
    own = props.get("class_name") or props.get("className") or ""
    inner = to_html(props.get("children"))
    simple = {"Row": ("div", "row"), "Card": ("div", "card"), "CardBody": ("div", "card-body"),
              "CardHeader": ("div", "card-header"), "CardFooter": ("div", "card-footer"),
              "CardTitle": ("h4", "card-title"), "ListGroup": ("ul", "list-group"),
              "ListGroupItem": ("li", "list-group-item"), "NavItem": ("div", "nav-item"),
              "InputGroup": ("div", "input-group"), "Form": ("form", "")}
    if kind in simple:
        tag, base = simple[kind]
        return _element(tag, _plain(props), inner, _classes(own, base))
    if kind == "Container":
        base = "container-fluid" if props.get("fluid") is True else "container"
        return _element("div", _plain(props), inner, _classes(own, base))
    if kind == "Col":
        return _element("div", _plain(props), inner, _classes(_col_classes(props), own))
    if kind == "Alert":
        color = props.get("color", "success")
        return _element("div", _plain(props), inner,
                        _classes(f"alert alert-{color}", "fade show", own), extra={"role": "alert"})
    if kind == "Badge":
        color = props.get("color", "primary")
        return _element("span", _plain(props), inner, _classes("badge", f"bg-{color}", own))
    if kind == "Button":
        color = props.get("color", "primary")
        tag = "a" if props.get("href") else "button"
        return _element(tag, _plain(props), inner, _classes("btn", f"btn-{color}", own))
    if kind == "Label":
        return _element("label", _plain(props), inner, _classes("form-label", own))
    if kind == "Select":
        return _select(props)
    if kind == "Table":
        modifiers = [f"table-{name}" for name in ("striped", "bordered", "hover", "sm")
                     if props.get(name)]
        return _element("table", _plain(props), inner, _classes("table", *modifiers, own))
    if kind == "Navbar":
        expand = props.get("expand", "md")
        scheme = "navbar-dark" if props.get("dark") else "navbar-light"
        color = props.get("color")
        return _element("nav", _plain(props), inner, _classes(
            own, "navbar", f"navbar-expand-{expand}" if expand else "", scheme,
            f"bg-{color}" if color else ""))
    if kind == "NavbarBrand":
        return _element("a", _plain(props), inner, _classes(own, "navbar-brand"))
    if kind == "Nav":
        return _element("div", _plain(props), inner,
                        _classes(own, "navbar-nav" if props.get("navbar") else "nav"))
    if kind == "NavLink":
        active = props.get("active") is True or (
            props.get("active") in ("exact", "partial") and _is_current(props.get("href")))
        return _element("a", _plain(props), inner, _classes(own, "nav-link", "active" if active else ""),
                        extra={"aria-current": "page"} if active else None)
    if kind == "Collapse":
        return _element("div", _plain(props), inner, _classes(
            "navbar-collapse" if props.get("navbar") else "", "collapse", own))
    return None


def _plain(props: Mapping) -> dict:
    """dbc's props that are not attributes taken away."""
    return _without(props, "color", "fluid", "width", "xs", "sm", "md", "lg", "xl", "xxl",
                    "dark", "expand", "navbar", "active", "striped", "bordered", "hover",
                    "size", "dismissable", "is_open", "fade", "duration", "external_link",
                    "pill", "outline", "align", "justify", "responsive", "horizontal",
                    "vertical", "pills", "tabs", "fill", "sticky", "fixed", "value", "html_for")


def _is_current(href) -> bool:
    return isinstance(href, str) and href.split("?")[0] == request.path


def to_html(node) -> str:
    """A Dash component tree as escaped HTML, the markup its components draw (see module doc)."""
    if node is None or isinstance(node, bool):
        return ""
    if isinstance(node, (str, int, float)):
        return _text(node)
    if isinstance(node, (list, tuple)):
        return "".join(to_html(child) for child in node)
    if hasattr(node, "to_plotly_json"):
        namespace, kind, props = node._namespace, node._type, _props(node)
    elif isinstance(node, Mapping) and isinstance(node.get("props"), Mapping):
        # A light element (layouts.components.light): the JSON Dash sends, as a dict.
        namespace, kind = node.get("namespace"), node.get("type")
        props = {k: v for k, v in node["props"].items() if v is not None}
    else:
        return ""
    if "html_for" in props:  # dbc's name for `for`
        props = {**props, "htmlFor": props["html_for"]}
    if namespace == "dash_html_components":
        return _html_component(kind, props)
    drawn = None
    if namespace == "dash_core_components":
        drawn = _dcc_component(kind, props)
    elif namespace == "dash_bootstrap_components":
        drawn = _dbc_component(kind, props)
    return to_html(props.get("children")) if drawn is None else drawn


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
        copy.children = contents[tree.id]
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
            "nav-links": nav_links(pages_for_role(viewer_role())),
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
