"""Shared pieces of every page: page header, cards, status badge, data table, chart frame."""

from __future__ import annotations

import html as html_lib
from collections.abc import Mapping, Sequence
from types import MappingProxyType

import dash_bootstrap_components as dbc
from dash import dcc, html
from flask import has_request_context
from flask_login import current_user

from dashboard import charts, drawn_charts
from dashboard.core import formatting as fmt
from dashboard.core.exports import Table, shown
from dashboard.core.urls import carried, login_url, page_url, table_url
from dashboard.core.wording import fill, word
from dashboard.markup import Markup, live_page, to_html
from data_access.status import STATUS_LABELS_SV

# Plotly options for every chart: Swedish locale (in assets/vendor/plotly-rodtrad.min.js), no
# plotly logo or links, no modebar: the data table beside each chart carries the numbers.
GRAPH_CONFIG = MappingProxyType(
    {"locale": "sv", "displaylogo": False, "displayModeBar": False, "responsive": True}
)

# Okabe–Ito based, safe for colour-blind readers; the same colours as .status-* in assets/app.css.
STATUS_COLOURS = MappingProxyType(
    {"green": "#007A5A", "yellow": "#E69F00", "red": "#B84A00", "grey": "#5F6B73"}
)


def status_text(status: str) -> str:
    """A status as symbol and word, e.g. `✓ Uppfyllt`."""
    label = STATUS_LABELS_SV[status]
    return f"{label.symbol} {label.word}"


def status_badge(status: str) -> dict:
    """A status as a coloured badge with symbol and word, never colour alone (a light element:
    see `light`; the long tables have one per row)."""
    label = STATUS_LABELS_SV[status]
    return light(
        "Span",
        [light("Span", label.symbol, className="status-symbol", **{"aria-hidden": "true"}),
         label.word],
        className=f"status-badge status-{status}",
    )


def page_header(title: str, lead: str) -> html.Div:
    """The page's one h1 and a plain-language sentence on what the page is for, in the
    organisation's words (`{noun}`, `{council}` … filled by dashboard.core.wording)."""
    return html.Div([html.H1(fill(title)), html.P(fill(lead), className="lead")],
                    className="page-header")


def page(title: str, lead: str, body: Sequence) -> html.Div:
    """A whole page: header, then the body."""
    return html.Div([page_header(title, lead), *body], className="page")


def subnav(views: Sequence[tuple[str, str]], current: str | None, label: str,
           links: Mapping[str, Mapping] | None = None) -> html.Nav:
    """Links between the pages of a section, (page key, text) each, the current one marked;
    `label` names the navigation for a screen reader, `links` gives some pages URL arguments."""
    items = []
    for key, text in views:
        if key == current:
            inner = html.Span(text, className="subnav-link active", **{"aria-current": "page"})
        else:
            inner = dcc.Link(text, href=page_url(key, **(links or {}).get(key, {})),
                             className="subnav-link")
        items.append(html.Li(inner))
    return html.Nav(html.Ul(items, className="subnav-list"), className="subnav no-print",
                    **{"aria-label": label})


def card(title: str, period: str | None, *children, card_id: str | None = None) -> dbc.Card:
    """A card with an h2 title, the period its figures cover, and content."""
    head = [html.H2(title, className="card-title")]
    if period:
        head.append(html.P(period, className="card-period"))
    ids = {"id": card_id} if card_id else {}  # Dash refuses id=None
    return dbc.Card(dbc.CardBody([*head, *children]), class_name="app-card h-100", **ids)


def empty_card(title: str, message: str) -> dbc.Card:
    """A card that says why it has no figures yet."""
    return card(title, None, note(message))


def login_card(title: str, what: str, next_path: str, card_id: str) -> dbc.Card:
    """A card saying `what` is for logged-in users only, linking to the login and to Öppna data."""
    return card(
        title,
        None,
        html.P(f"{what} visas bara för inloggade: nämndernas ledamöter, {word('noun_gen')} "
               "ledning och administratörer."),
        html.P([html.A("Logga in", href=login_url(next_path)),
                " för att se dem."]),
        html.P([f"Nyckeltal och mål som {word('noun')} har beslutat att publicera finns öppet "
                "för alla under ", html.A("Öppna data", href=page_url("oppna_data")), "."]),
        card_id=card_id,
    )


def kpi_card(title: str, period: str | None, value: str, explanation: str, card_id: str,
             href: str | None = None) -> dbc.Card:
    """A card with one key figure and a sentence saying what it means; with `href` the figure
    is a link to the list behind it (its purpose given by the card's heading above it)."""
    figure = value if href is None else dcc.Link(value, href=href, id=f"{card_id}-link",
                                                 className="kpi-link")
    return card(
        title,
        period,
        html.P(figure, className="kpi-value", id=f"{card_id}-value"),
        html.P(explanation, className="kpi-explanation"),
        card_id=card_id,
    )


def note(text: str) -> html.P:
    """A quiet sentence, e.g. why a figure is missing."""
    return html.P(text, className="text-body-secondary")


# --- How fresh a page's own data is (data_access.queries.freshness) ------------------------


def freshness(text: str, element_id: str) -> html.P:
    """`Aktualitet: …`, under a page's header: how recent the data this page shows is."""
    return html.P([html.Strong("Aktualitet: "), text], id=element_id,
                  className="freshness small text-body-secondary")


def economy_freshness(last: tuple[int, int] | None) -> str:
    """The economy's freshness by its latest month of utfall."""
    if last is None:
        return "inget utfall är inläst ännu."
    year, month = last
    return f"utfall till och med {fmt.month_name(month)} {year}."


def goals_freshness(last: tuple[str, int, object] | None) -> str:
    """The goals' freshness by their latest follow-up with a bedömning."""
    if last is None:
        return "ingen uppföljning är bedömd ännu."
    kind, year, end = last
    return f"senaste uppföljning {fmt.followup_label(kind, year)} (per {fmt.iso_date(end)})."


def risks_freshness(last: tuple[int, object] | None) -> str:
    """The risks' freshness by their riskanalys year and latest assessment."""
    if last is None:
        return "ingen riskanalys är inläst ännu."
    year, assessed = last
    when = f", senast bedömd {fmt.iso_date(assessed)}" if assessed is not None else ""
    return f"riskanalys {year}{when}."


def kolada_freshness(fetched) -> str:
    """Kolada's values' freshness by the day they were fetched."""
    if fetched is None:
        return "inga värden från Kolada är hämtade ännu."
    return f"värdena från Kolada hämtades {fmt.iso_date(fetched)}."


# --- Light elements: the rows and cells of long tables ---------------------------------------

_RIGHT = ' class="text-end"'  # a numeric column's cells
HTML = "dash_html_components"
CORE = "dash_core_components"


def light(tag: str, children=None, namespace: str = HTML, **props) -> dict:
    """`html.<tag>(children, **props)` (or, with `namespace=CORE`, a dcc component) as the very
    JSON Dash sends for it, built as a plain dict.

    For the parts a page repeats hundreds of times (a long table's rows, cells and the links
    in them): building a Dash component and encoding it through its `to_plotly_json` costs
    about 0.1 ms each, a dict a hundredth of that (issue 18). The browser gets the same
    element. Dash checks no prop names here, so only for props written in code, spelt as
    Dash's (`className`, `data-label`); Python code reading a tree sees a dict.
    """
    return {"type": tag, "namespace": namespace, "props": {"children": children, **props}}


def light_link(text, href: str, **props) -> dict:
    """`dcc.Link(text, href=href, **props)` as a light element (see `light`)."""
    return light("Link", text, CORE, href=href, **props)


def unit_link(name: str, code: str | None, **args: object):
    """A unit's name as a link to its Enhet page (`/enhet?code=…`, with `args` such as the
    follow-up), or the plain name without a code."""
    if not code:
        return name
    return light_link(name, page_url("enhet", code=code, **args), className="unit-link")


def data_table(
    caption: str, columns: Sequence[str], rows: Sequence[Sequence], numeric: Sequence[bool],
    stacked: bool = True,
) -> Markup:
    """An accessible table with a caption; `numeric` marks the right-aligned columns. Sent as
    HTML (dashboard.markup.static): nothing updates a table's cells, and a long table costs a
    phone far less drawn from HTML than as hundreds of components.

    `stacked` tables (the default) become one block per row on a phone, each cell labelled with
    its column (class `stacked-table`, styled in assets/tables.css), instead of scrolling
    sideways; a table of two or three short columns that fits a phone may say `stacked=False`.
    """
    # The cells' opening tags once per column; each row is then its values' markup, any id in
    # a cell kept as an anchor (Årshjul's dates).
    with live_page():
        return _table_markup(caption, columns, rows, numeric, stacked)


def _table_markup(caption: str, columns: Sequence[str], rows: Sequence[Sequence],
                  numeric: Sequence[bool], stacked: bool) -> Markup:
    heads = "".join(f'<th{_RIGHT if n else ""} scope="col">{to_html(c)}</th>'
                    for c, n in zip(columns, numeric))
    opens = [f'<td{_RIGHT if n else ""}'
             + (f' data-label="{html_lib.escape(str(c))}">' if stacked else ">")
             for c, n in zip(columns, numeric)]
    body = "".join(["<tr>" + "".join([o + to_html(v) + "</td>" for o, v in zip(opens, row)])
                    + "</tr>" for row in rows])
    table = (f'<table class="table table-sm data-table{" stacked-table" if stacked else ""}">'
             f"<caption>{to_html(caption)}</caption><thead><tr>{heads}</tr></thead>"
             f"<tbody>{body}</tbody></table>")
    # A region that may scroll sideways on a phone must be reachable by keyboard and named.
    return Markup(html=table, className="table-responsive", tabIndex="0", role="region",
                  **{"aria-label": caption})


def chart(figure, label: str, graph_id: str):
    """A plotly chart described by `label` for screen readers (the table beside has the data);
    in storbild its text as large as the page's (dashboard.charts.for_storbild). For the public
    (logged out) drawn on the server instead, when it can be (dashboard.drawn_charts): no
    plotly.js to load and start."""
    if carried().get("storbild") and isinstance(figure, dict):
        figure = charts.for_storbild(figure)
    if for_the_public() and drawn_charts.drawable(figure):
        return Markup(html=drawn_charts.to_html(figure), className="chart drawn", role="img",
                      id=graph_id, **{"aria-label": label})
    return html.Div(
        dcc.Graph(id=graph_id, figure=figure, config=dict(GRAPH_CONFIG)),
        role="img",
        className="chart",
        **{"aria-label": label},
    )


def for_the_public() -> bool:
    """Whether this request's viewer is the public (nobody logged in)."""
    return has_request_context() and not current_user.is_authenticated


def table_of(table: Table, caption: str | None = None) -> html.Div:
    """A download table (dashboard.core.exports.Table) as an accessible table, numbers in Swedish."""
    numeric = [c.kind != "text" for c in table.columns]
    rows = [[shown(v, c) for v, c in zip(row, table.columns)] for row in table.rows]
    return data_table(caption or table.title, [c.header for c in table.columns], rows, numeric)


def download_links(page: str, table: str, args: dict, what: str = "tabellen") -> dict:
    """`Ladda ner tabellen: Excel · CSV`: links to one of a page's tables as a file, for the
    page's URL arguments (dashboard.downloads sends it, in the viewer's scope)."""
    links = [light("A", label, href=table_url(page, table, extension, **args), download="",
                   className="btn btn-outline-primary btn-sm download-link",
                   **{"aria-label": f"Ladda ner {what} som {label}"})
             for label, extension in (("Excel", "xlsx"), ("CSV", "csv"))]
    return light("Div", [light("Span", f"Ladda ner {what}:", className="download-label"), *links],
                 className="download-links no-print")


def copy_link(page: str) -> html.Div:
    """"Kopiera länk": copies this view's address (its permalink) for the minutes.

    The browser copies it (callbacks/pagetools.py); a Swedish confirmation is announced, and
    where the browser may not copy, the address is shown to copy by hand.
    """
    def ids(kind: str) -> dict:
        return {"type": kind, "page": page}

    return html.Div(
        [html.Button("Kopiera länk", type="button", id=ids("copy-link"), n_clicks=0,
                     className="btn btn-outline-primary btn-sm copy-link"),
         html.Span(id=ids("copy-link-status"), className="copy-link-status", role="status",
                   **{"aria-live": "polite"}),
         html.Label([html.Span("Länk till vyn", className="visually-hidden"),
                     dcc.Input(id=ids("copy-link-url"), type="text", readOnly=True, value="",
                               className="form-control form-control-sm copy-link-url")],
                    id=ids("copy-link-fallback"), style={"display": "none"})],
        className="copy-link-box no-print",
    )


def page_links(page: str, current: int, pages: int, args: dict, label: str,
               name: str = "sida") -> html.Nav:
    """Links to the other pages of a long list (`?sida=2`, or the argument `name`), each a
    permalink with `args`.

    Shows the first and last page, the pages next to the current one, and Föregående/Nästa.
    """
    def link(number: int, text) -> html.Li:
        href = page_url(page, **args, **{name: number if number > 1 else None})
        return html.Li(dcc.Link(text, href=href, className="page-link"), className="page-item")

    def numbered(number: int) -> list:  # read out as "Sida 3"
        return [html.Span("Sida ", className="visually-hidden"), str(number)]

    shown_numbers = sorted({1, pages, *range(max(1, current - 2), min(pages, current + 2) + 1)})
    items = []
    if current > 1:
        items.append(link(current - 1, "‹ Föregående"))
    previous = 0
    for number in shown_numbers:
        if number - previous > 1:
            items.append(html.Li(html.Span("…", className="page-link"),
                                 className="page-item disabled", **{"aria-hidden": "true"}))
        if number == current:
            items.append(html.Li(html.Span(numbered(number), className="page-link",
                                           **{"aria-current": "page"}),
                                 className="page-item active"))
        else:
            items.append(link(number, numbered(number)))
        previous = number
    if current < pages:
        items.append(link(current + 1, "Nästa ›"))
    return html.Nav(html.Ul(items, className="pagination flex-wrap"), className="page-links",
                    **{"aria-label": label})


# --- Pieces every page uses: where it sits, why it shows nothing, its choices ------------


def breadcrumb(*items: tuple[str, str | None]) -> html.Nav:
    """Where the page sits below Mål: (text, href) pairs, the last one the current page."""
    crumbs = []
    for i, (text, href) in enumerate(items):
        last = i == len(items) - 1
        inner = text if last or href is None else dcc.Link(text, href=href)
        crumbs.append(html.Li(inner, className="breadcrumb-item" + (" active" if last else ""),
                              **({"aria-current": "page"} if last else {})))
    return html.Nav(html.Ol(crumbs, className="breadcrumb"), **{"aria-label": "Sökväg"})


def header(crumbs: list[tuple[str, str | None]], title: str, lead: str) -> list:
    """The breadcrumb, then the page's h1 and lead."""
    return [breadcrumb(*crumbs), page_header(title, lead)]


def message(text: str, *links: tuple[str, str], alert_id: str | None = None) -> dbc.Alert:
    """Why the page shows nothing for the URL (the problem alert), with links onwards."""
    onwards = []
    for label, href in links:
        onwards += [" · "] if onwards else []
        onwards.append(dcc.Link(label, href=href))
    paragraphs = [html.P(text, className="mb-2" if links else "mb-0")]
    if onwards:
        paragraphs.append(html.P(onwards, className="mb-0"))
    return dbc.Alert(paragraphs, color="warning", class_name="page-message",
                     style={"maxWidth": "62rem"}, **({"id": alert_id} if alert_id else {}))


def selector(control_id: str, label: str, options: list[tuple[str, str]],
             value: str | None) -> html.Div:
    """A labelled native select whose value a clientside callback writes to the URL."""
    return html.Div(
        [dbc.Label(label, html_for=control_id, class_name="fw-semibold mb-1"),
         dbc.Select(id=control_id, options=[{"label": text, "value": key} for key, text in options],
                    value=value)],
        className="selector",
    )


def table_behind(table) -> html.Details:
    """A data table behind a visible `Visa som tabell`."""
    return html.Details([html.Summary("Visa som tabell", className="mb-2"), table],
                        className="table-details mt-3")


def unstretched(component: dbc.Card) -> dbc.Card:
    """A card as tall as its content (for cards stacked in a column)."""
    component.class_name = "app-card"
    return component
