"""Dash components as HTML, on the server: the markup their React components draw.

Two users:

- `dashboard.prerender` draws a page's first view into the index page with `to_html`.
- `static(children)`: a part of a page that nothing updates (a long table, a list of goals and
  their links) is sent as one `Markup` component carrying that part's HTML, instead of as
  hundreds of Dash components. On a slow phone Dash's renderer spends about a millisecond per
  component drawing a page (issue 18: a public page of 2 000 elements blocked the main thread
  for over a second), while the browser parses the same markup in a few. `assets/markup.js`
  is the component: it sets the HTML, and follows the in-app links in it (`dcc.Link`, drawn
  with `data-rt-link`) as `dcc.Link` would, without reloading the page.

The markup is escaped here (text and attribute values), never taken from a user as HTML.
Only for parts that no callback reads or writes: an `id` in them stays as an HTML attribute (an
anchor such as `#mal-RS-1`), but no callback can find it. The server's copy of a page
(`dashboard.prerender`) has no ids at all, so they are taken out of a Markup's HTML there.
"""

from __future__ import annotations

import copy
import html as html_lib
import re
from collections.abc import Mapping
from contextlib import contextmanager
from contextvars import ContextVar

from dash.development.base_component import Component
from flask import has_request_context, request

from dashboard.encoding import component_json

MARKUP_NAMESPACE = "rodtrad_components"  # window.rodtrad_components (assets/markup.js)
LINK_MARK = "data-rt-link"  # an in-app link (dcc.Link) inside markup


class Markup(Component):
    """A part of a page as HTML (see the module doc): `html` inside a `tag` element, with the
    element's own `className`, `role`, `aria-label`, `tabIndex` and `hidden` (a callback may
    show or hide the element; what is inside it never changes but with `html`).

    Its constructor sets the attributes itself, with the checks Dash's would make: Dash's
    base constructor imports the component's package on every call to name its version in a
    possible error message, and `rodtrad_components` is no Python package, so each Markup
    cost a failed import (75 µs; a long Ekonomi view builds about twenty)."""

    _children_props: list[str] = []
    _base_nodes = ["children"]
    _namespace = MARKUP_NAMESPACE
    _type = "Markup"
    _prop_names = ["id", "html", "tag", "className", "role", "tabIndex", "hidden", "aria-label"]
    _valid_wildcard_attributes = ["aria-"]
    available_properties = _prop_names
    available_wildcard_properties = _valid_wildcard_attributes

    def __init__(self, html: str = "", tag: str = "div", id=None, className=None, role=None,
                 tabIndex=None, **kwargs):
        if not isinstance(html, str) or not isinstance(tag, str):
            raise TypeError("Markup: `html` och `tag` ska vara text")
        if id is not None and not isinstance(id, (str, dict)):
            raise TypeError(f"`id` prop must be a string or dict, not {id!r}")
        for name, value in kwargs.items():
            if name not in self._prop_names and not name.startswith("aria-"):
                raise TypeError(f"Markup received an unexpected keyword argument: `{name}`")
            if isinstance(value, Component):
                raise TypeError(f"Markup: {name} kan inte vara en komponent")
        self.html = html
        self.tag = tag
        for name, value in (("id", id), ("className", className), ("role", role),
                            ("tabIndex", tabIndex), *kwargs.items()):
            if value is not None:
                setattr(self, name, value)


# Whether to_html keeps string ids (inside a Markup on the live page) or drops them (the copy).
_KEEP_IDS: ContextVar[bool] = ContextVar("markup_keeps_ids", default=False)
_ID_ATTRIBUTE = re.compile(r'(<[a-z][^<>]*?) id="[^"]*"')


@contextmanager
def live_page():
    """Inside it, `to_html` draws for a Markup on the live page: ids kept, as anchors
    (`#mal-RS-1`)."""
    token = _KEEP_IDS.set(True)
    try:
        yield
    finally:
        _KEEP_IDS.reset(token)


def static(children, tag: str = "div", **props) -> Markup:
    """`children` (Dash components or light elements that no callback uses) as one `Markup`
    element: `html.<Tag>(children, **props)`, drawn by the browser from HTML."""
    with live_page():
        inner = to_html(children)
    return Markup(html=inner, tag=tag.lower(), **props)


# What a Markup's own element carries (besides aria-*): a part whose outer element has other
# props (a style, a title, an href) keeps that element, and its insides become Markups.
_MARKUP_OWN = frozenset({"children", "className", "role", "tabIndex", "hidden"})
_HTML = "dash_html_components"
_LEAF_TYPES = frozenset({str, int, float, bool, type(None)})


def collapse_static(tree):
    """`tree` with each largest part that no callback can use sent as one `Markup` (see
    `static`): a part of html components, `dcc.Link`s and Markups (as components or light
    elements) with no id anywhere in it, of two components or more. Every component on the
    page costs a slow phone's Dash renderer work at each of the some fifty state changes of a
    first load (issue 18); a page's heading, section links, legend and licence line need none.
    The tree given is not changed: a component with a changed child is copied."""
    replaced, static, count = _collapse(tree)
    return _as_markup(replaced, count) if static else replaced


def _collapse(node):
    """(node with its largest static parts as Markups, whether the whole node is static, its
    number of components)."""
    kind = type(node)
    if kind in _LEAF_TYPES:
        return node, True, 0
    if kind is list or kind is tuple:
        parts = [_collapse(child) for child in node]
        count = sum(part[2] for part in parts)
        if all(part[1] for part in parts):
            return node, True, count
        # A live component's children: the static ones as Markups, the others as they came.
        return ([_as_markup(new, n) if static else new for new, static, n in parts], False,
                count)
    if isinstance(node, Component):
        namespace, name = node._namespace, node._type
        has_id = getattr(node, "id", None) is not None
        children = getattr(node, "children", None)
    elif kind is dict and isinstance(node.get("props"), dict):
        namespace, name = node.get("namespace"), node.get("type")
        has_id = node["props"].get("id") is not None
        children = node["props"].get("children")
    else:
        return node, False, 1
    inner, inner_static, inner_count = _collapse(children)
    count = 1 + inner_count
    allowed = (namespace == _HTML or namespace == MARKUP_NAMESPACE
               or (namespace == "dash_core_components" and name == "Link"))
    if allowed and not has_id and inner_static:
        return node, True, count
    if inner_static and children is not None:
        inner = _static_children(children)
    if inner is not children:
        node = _with_children(node, inner)
    return node, False, count


def _static_children(children):
    """A live component's static children, each as a Markup where it can be one."""
    if type(children) is list or type(children) is tuple:
        return [_as_markup(child, _count(child)) for child in children]
    return _as_markup(children, _count(children))


def _count(node) -> int:
    """The number of components (and light elements) in a part."""
    kind = type(node)
    if kind in _LEAF_TYPES:
        return 0
    if kind is list or kind is tuple:
        return sum(_count(child) for child in node)
    if isinstance(node, Component):
        return 1 + _count(getattr(node, "children", None))
    if kind is dict and isinstance(node.get("props"), dict):
        return 1 + _count(node["props"].get("children"))
    return 1


def _as_markup(node, count: int):
    """A static part as one Markup, when its outer element can be the Markup's and it is two
    components or more; else the part with its children so (or as it is)."""
    if count < 2 or type(node) in _LEAF_TYPES:
        return node
    if type(node) is list or type(node) is tuple:
        return _static_children(node)
    if isinstance(node, Component):
        namespace, name = node._namespace, node._type
        props = _props(node)
    else:
        namespace, name = node.get("namespace"), node.get("type")
        props = {k: v for k, v in node["props"].items() if v is not None}
    children = props.get("children")
    if namespace == _HTML and all(k in _MARKUP_OWN or k.startswith("aria-") for k in props):
        with live_page():
            inner = to_html(children)
        own = {k: v for k, v in props.items() if k != "children"}
        return Markup(html=inner, tag=name.lower(), **own)
    if children is None or type(children) in _LEAF_TYPES:
        return node
    return _with_children(node, _static_children(children))


def _with_children(node, children):
    """A copy of `node` (component or light element) with other children."""
    if isinstance(node, Component):
        copied = copy.copy(node)
        copied.children = children
        return copied
    return {**node, "props": {**node["props"], "children": children}}


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
        if name in SKIPPED and not (name == "id" and isinstance(value, str) and _KEEP_IDS.get()):
            continue
        if value is None or callable(value) or name.startswith("on"):
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
        return _element("a", _without(props, "refresh"), to_html(props.get("children")), classes,
                        extra=None if props.get("refresh") else {LINK_MARK: "true"})
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
    return has_request_context() and isinstance(href, str) and href.split("?")[0] == request.path


# Attributes a light element (layouts.components.light) may carry that are written as they are
# named: the fast path below. Any other prop takes the general one.
_FAST_ATTRIBUTES = frozenset({"scope", "data-label", "href", "title", "role", "lang",
                              "aria-label", "aria-current", "aria-hidden", "headers", "abbr"})
_TAG_NAMES: dict[str, str] = {}


def _light(kind: str, namespace: str, props: Mapping) -> str | None:
    """A light html element, or a light dcc.Link, drawn directly (its attributes in the order
    given, `className` as `class`), or None when one of its props needs the general path. Long
    tables are hundreds of these: this keeps sending them as HTML cheaper than as JSON."""
    link = namespace == "dash_core_components"
    if link and kind != "Link":
        return None
    attributes = []
    for name, value in props.items():
        if value is None or name == "children":
            continue
        if name == "className":
            attributes.append(f' class="{html_lib.escape(value)}"')
        elif name in _FAST_ATTRIBUTES and type(value) is str:
            attributes.append(f' {name}="{html_lib.escape(value)}"')
        else:
            return None
    children = props.get("children")
    inner = "" if children is None else to_html(children)
    if link:
        if props.get("refresh") is None:
            attributes.append(f' {LINK_MARK}="true"')
        return f'<a{"".join(attributes)}>{inner}</a>'
    tag = _TAG_NAMES.get(kind) or _TAG_NAMES.setdefault(kind, kind.lower())
    return f'<{tag}{"".join(attributes)}>{inner}</{tag}>'


def to_html(node) -> str:
    """A Dash component tree as escaped HTML, the markup its components draw (see module doc)."""
    kind = type(node)
    if kind is str:
        return html_lib.escape(node, quote=False)
    if kind is list or kind is tuple:
        return "".join([to_html(child) for child in node])
    # (A dcc.Link is not the void HTML element <link>.)
    if kind is dict and type(node.get("props")) is dict and (
            node.get("namespace") == "dash_core_components"
            or node.get("namespace") == "dash_html_components"
            and node.get("type", "").lower() not in VOID):
        drawn = _light(node["type"], node["namespace"], node["props"])
        if drawn is not None:
            return drawn
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
    if namespace == MARKUP_NAMESPACE and kind == "Markup":
        inner = props.get("html") or ""
        if not _KEEP_IDS.get():
            inner = _ID_ATTRIBUTE.sub(r"\1", inner)
        return _element(props.get("tag") or "div", _without(props, "html", "tag"), inner,
                        props.get("className", ""))
    if namespace == "dash_html_components":
        return _html_component(kind, props)
    drawn = None
    if namespace == "dash_core_components":
        drawn = _dcc_component(kind, props)
    elif namespace == "dash_bootstrap_components":
        drawn = _dbc_component(kind, props)
    return to_html(props.get("children")) if drawn is None else drawn

