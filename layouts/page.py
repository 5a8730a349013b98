"""A page is one declaration: `PAGE = Page(...)` in its module `layouts/<key>.py`.

The declaration says everything the rest of the app needs to know about the page:

- its key (the module's name, the prefix of its component ids, the name of its callbacks
  module `callbacks/<key>.py` if it has one), path, title, lead and access class;
- its place: `nav` (its label in the top navigation, or None), `section` and `subnav` (its label
  among its section's pages), `order` (its place in both);
- whether it offers storbild, and whether it has the page tools at all;
- its URL arguments as a frozen dataclass (dashboard.core.args), read once per request;
- `load(session, viewer, args) -> data`: everything the page shows, from the scoped queries;
- `layout(data) -> components`: pure, no database;
- `tables(data) -> {name: Table}`: its downloadable tables, from the same data (or, where the
  files hold more than the screen, e.g. a whole log the page shows a page of, from
  `file_load(session, viewer, args)`).

From these, layouts.pages registers the pages with Dash, dashboard.core.urls knows their paths,
callbacks registers their callbacks, dashboard.downloads serves their tables and the section
links (`section_nav`) list the section's pages. A new page is one new module here (and its
test); `tests/test_pages_declared.py` fails until it is classified.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from types import MappingProxyType

import dash
from dash import html
from dash.development.base_component import Component
from flask import has_request_context

from dashboard.auth import current_viewer
from dashboard.core.args import BadArgument, NoArgs, echo, one, parse_args
from dashboard.core.exports import Table
from dashboard.core.urls import carry, declare_path, page_url
from dashboard.core.wording import fill
from dashboard.database import get_session
from dashboard.markup import collapse_static
from layouts.components import message, page_header, subnav
from layouts.pagetools import page_tools, storbild_on

ACCESS_CLASSES = ("public", "internal", "admin")
# The sections whose pages link to each other under the top navigation, and their names for
# a screen reader.
SECTIONS = MappingProxyType({
    "mal": "Mål och uppföljning",
    "ekonomi": "Ekonomi",
    "internkontroll": "Internkontroll",
    "rapporter": "Rapporter",
    "oppna_data": "Öppna data",
    "admin": "Administration",
})

# Every declared page by key, in the order the modules were imported (layouts.pages sorts).
DECLARED: dict[str, Page] = {}


def _same(_session, _viewer, args):
    """A page that shows only what its arguments say (no data to load)."""
    return args


@dataclasses.dataclass(frozen=True)
class Page:
    """One page's declaration (see the module's doc)."""

    key: str
    path: str
    title: str
    access: str
    layout: Callable[[object], Sequence | object]
    order: int
    lead: str = ""
    load: Callable = _same
    args: type = NoArgs
    tables: Callable[[object], Mapping[str, Table]] | None = None
    # What the tables are made from where it is more than the page shows (every row of a long
    # list the page shows a page of); by default the page's own `load`.
    file_load: Callable | None = None
    # A table's word in its file name where it differs from dashboard.downloads.FILE_WORDS.
    file_words: Mapping[str, str] = dataclasses.field(default_factory=dict)
    nav: str | None = None
    section: str | None = None
    subnav: str | None = None
    storbild: bool = False
    tools: bool = True
    # What the page shows for an argument it cannot show (default: its header and why).
    problem: Callable[[BadArgument], Sequence] | None = None
    class_name: str = "page"
    request_bytes: int | None = None
    # Send the parts of a view that no callback uses (its heading, section links, legend,
    # licence line) as HTML: for the public's pages, which a phone draws first (issue 18).
    static_parts: bool = False

    def __post_init__(self):
        if self.access not in ACCESS_CLASSES:
            raise ValueError(f"{self.key}: access must be one of {ACCESS_CLASSES}")
        if self.section is not None and self.section not in SECTIONS:
            raise ValueError(f"{self.key}: unknown section {self.section!r}")
        DECLARED[self.key] = self
        declare_path(self.key, self.path)

    # --- Reading the request -------------------------------------------------------------

    def read(self, raw: Mapping) -> object:
        """The page's arguments from the URL's; BadArgument (Swedish) when one is wrong."""
        return parse_args(self.args, raw)

    def data(self, session, viewer, raw: Mapping) -> object:
        """What the page shows for these URL arguments; BadArgument when it cannot."""
        return self.load(session, viewer, self.read(raw))

    def files(self, session, viewer, raw: Mapping) -> Mapping[str, Table]:
        """The page's tables for these URL arguments, by name (none when it offers none)."""
        if self.tables is None:
            return {}
        return self.tables((self.file_load or self.load)(session, viewer, self.read(raw)))

    # --- Drawing ----------------------------------------------------------------------------

    def header(self) -> list:
        """The page's title and lead (what shows before any data, e.g. on Dash's validation)."""
        return [page_header(self.title, self.lead)]

    def refused(self, problem: BadArgument) -> list:
        """The page for an argument it cannot show: its own view of that, or the header, the
        message and a way back to the page without arguments."""
        if self.problem is not None:
            return list(self.problem(problem))
        return [*self.header(), message(str(problem), (f"Till {fill(self.title)}",
                                                       page_url(self.key)),
                                        alert_id=f"{self.key}-problem")]

    def body(self, raw: Mapping) -> html.Div:
        """The page's content for the URL's arguments, in this request's viewer's scope, its
        folded sections opened as the URL's `oppen` says (see `open_sections`)."""
        if not has_request_context():
            return html.Div(self.header(), className=self.class_name)
        try:
            shown = self.layout(self.data(get_session(), current_viewer(), raw))
            open_sections(shown, raw.get(OPEN_ARG), self.key)
        except BadArgument as problem:
            shown = self.refused(problem)
        if self.static_parts:
            shown = collapse_static(shown)
        return html.Div(shown, className=self.class_name)

    def dash_layout(self, storbild=None, **query_args):
        """What Dash calls with the URL's arguments: the body, with the page tools above it
        and the storbild switch carried into every link the page builds."""
        on = storbild_on(storbild)
        carry(storbild="1" if on else None)
        content = self.body(query_args)
        if not self.tools:
            return content
        tools = page_tools(self.key, on, query_args, self.storbild, storbild_pages() if on else ())
        return html.Div([tools, content],
                        className=f"storbild-page storbild-{self.key}" if on else "tools-page")

    def tab_title(self, **_path_variables) -> str:
        """The browser tab's title, in the organisation's words (Dash calls it per request)."""
        return f"{fill(self.title)} – Rödtråd"

    def register(self, module: str) -> None:
        """Register the page with Dash (only after the Dash app exists)."""
        dash.register_page(
            module, path=self.path, name=self.nav or fill(self.title),
            title=self.tab_title, order=self.order, layout=self.dash_layout,
            access=self.access, id_prefix=self.key, in_nav=self.nav is not None,
            tables=self.files if self.tables else None, request_bytes=self.request_bytes,
            declaration=self,
        )


def storbild_pages() -> list[tuple[str, str]]:
    """The pages that offer storbild, (key, name) each, in their order: storbild's links."""
    pages = sorted((p for p in DECLARED.values() if p.storbild), key=lambda p: p.order)
    return [(p.key, fill(p.nav or p.title)) for p in pages]


# --- Folded sections in the URL --------------------------------------------------------------

OPEN_ARG = "oppen"
NONE_OPEN = "inga"  # `?oppen=inga`: every section closed, also those open by default


def _sections(tree, found: list) -> None:
    """The folded sections (html.Details) in a component tree, in the page's order.

    Every uncached page is walked, light elements and text included (thousands of nodes on a
    long list): by a loop over a stack (children pushed last first, so taken in the page's
    order) rather than a call per node, the common leaves passed over first and a component
    told by its exact class where it can be: Dash's `isinstance` checks go through an ABC."""
    stack = [tree]
    pop, push, extend = stack.pop, stack.append, stack.extend
    while stack:
        node = pop()
        kind = type(node)
        if kind is dict:
            children = node.get("props", _NO_PROPS).get("children")
        elif kind is list or kind is tuple:
            extend(reversed(node))
            continue
        elif kind in _LEAVES:
            continue
        elif isinstance(node, Component):
            if isinstance(node, html.Details):
                found.append(node)
            children = getattr(node, "children", None)
        elif isinstance(node, dict):
            children = node.get("props", _NO_PROPS).get("children")
        elif isinstance(node, (list, tuple)):
            extend(reversed(node))
            continue
        else:
            continue
        kind = type(children)
        if kind is list:
            extend(reversed(children))
        elif kind not in _LEAVES and not isinstance(children, str):
            push(children)


_LEAVES = frozenset({str, int, float, bool, type(None)})
_NO_PROPS: dict = {}


def open_sections(tree, wanted: object, key: str) -> None:
    """Mark every folded section of a page's view (html.Details: Visa som tabell, Visa äldre
    bedömningar …) so that assets/callbacks.js writes which are open to the URL, and open those
    the URL names: `?oppen=mal-rules,mal-avsnitt-2` (a section's own id, or `<key>-avsnitt-N`,
    the N:th without one) or `oppen=inga` (all closed); without `oppen`, each as the page
    draws it. BadArgument (Swedish) for a name that is not a section of this view."""
    found: list = []
    _sections(tree, found)
    number = 0
    for section in found:
        if getattr(section, "id", None) is None:
            number += 1
            section.id = f"{key}-avsnitt-{number}"
        setattr(section, "data-avsnitt", "oppen" if getattr(section, "open", False) else "stangd")
    text = one(wanted)
    if not text:
        return
    names = set() if text.strip() == NONE_OPEN else {n.strip() for n in text.split(",") if n}
    ids = {section.id for section in found}
    unknown = sorted(names - ids)
    if unknown:
        raise BadArgument(OPEN_ARG, f"Avsnittet ”{echo(unknown[0])}” finns inte på sidan. "
                                    "Öppna avsnitten på sidan i stället.")
    for section in found:
        section.open = section.id in names


def section_nav(section: str, current: str | None,
                links: Mapping[str, Mapping] | None = None) -> html.Nav:
    """Links between a section's pages in their order, the `current` one marked; `links`
    gives some of them URL arguments (e.g. the follow-up the reader is looking at)."""
    views = sorted((p for p in DECLARED.values() if p.section == section and p.subnav),
                   key=lambda p: p.order)
    return subnav([(p.key, fill(p.subnav)) for p in views], current, SECTIONS[section],
                  links or {})
