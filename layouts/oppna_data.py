"""Öppna data: every indicator the region has decided to publish, for everyone without
logging in, filtered by målområde, perspective and words, each linking to its own page."""

from __future__ import annotations

from dash import dcc, html

from callbacks import open_data as shape
from callbacks.goals import distribution_text
from dashboard.core import formatting as fmt
from dashboard.core.args import BadArgument
from dashboard.core.urls import download_url, page_url
from data_access.queries import open_data as od
from data_access.scope import PUBLIC
from layouts import public
from layouts.base import register_page, with_data
from layouts.components import data_table, message, note, page_header, page_links

TITLE = "Öppna data"
LEAD = (
    "De nyckeltal och mål som regionen har beslutat att publicera, öppna för alla utan "
    "inloggning. Välj ett nyckeltal för att se hur det har utvecklats, vad det betyder och "
    "hur regionen står sig mot riket. Allt går att ladda ned som öppna data."
)


def _results(indicators: list[od.IndicatorKey], shown: list[od.PublicIndicator], headlines,
             total: int, filters: shape.Filters, page: int, pages: int) -> list:
    """The matching indicators as a table, a page at a time (`shown`), with their count and
    what to do with them."""
    count = public.filtered_count(len(indicators), total, "nyckeltal", filters)
    if not indicators:
        return [count, note("Inga publicerade nyckeltal matchar urvalet. Ta bort ett filter "
                            "eller sök på något annat.")]
    first = (page - 1) * shape.PAGE_ROWS
    caption = "Publicerade nyckeltal: senaste utfall mot målvärdet"
    if pages > 1:
        caption += f", sida {page} av {pages}"
    table = data_table(caption, shape.INDICATOR_COLUMNS, shape.indicator_rows(shown, headlines),
                       shape.INDICATOR_NUMERIC, stacked=True)
    codes = ",".join(i.code for i in indicators[:shape.STORBILD_MAX])
    big = dcc.Link(f"Visa {'de första ' if len(indicators) > shape.STORBILD_MAX else ''}"
                   f"{min(len(indicators), shape.STORBILD_MAX)} i storbildsläge",
                   href=page_url("storbild", codes=codes))
    summary = html.P(f"Status vid senaste utfall: "
                     f"{distribution_text(shape.status_summary(indicators, headlines))}.",
                     className="mb-2")
    parts = [count, summary]
    if pages > 1:
        parts.append(html.P(f"Sidan visar nyckeltal {fmt.number(first + 1)}–"
                            f"{fmt.number(first + len(shown))} av {fmt.number(len(indicators))}.",
                            className="mb-2 page-range"))
    parts.append(table)
    if pages > 1:
        parts.append(page_links("oppna_data", page, pages, filters.url_args,
                                "Sidor med nyckeltal"))
    return [*parts, html.P(big, className="mt-2")]


def _downloads() -> html.Section:
    """Download every published value at once, and where the API is described."""
    return html.Section([
        html.H2("Ladda ned alla nyckeltal", className="h4"),
        html.P(["Alla publicerade värden för alla organisationsenheter och perioder: ",
                html.A("CSV", href=download_url("csv")), " · ",
                html.A("JSON", href=download_url("json")), "."]),
        public.licence_line(),
    ], className="downloads mt-4", **{"aria-label": "Ladda ned"})


def _body(area, perspective, text, page):
    """The list for the URL's filters and page, or a message saying why it cannot be shown."""
    def build(session, _viewer) -> list:
        areas, perspectives = shape.area_choices(session), od.perspectives(session, PUBLIC)
        top = [page_header(TITLE, LEAD), public.subnav("oppna_data")]
        try:
            filters = shape.read_filters(area, perspective, text, areas, perspectives)
        except BadArgument as error:
            return [*top, message(str(error), ("Visa alla nyckeltal", page_url("oppna_data")))]
        matching = od.indicator_keys(session, PUBLIC, filters)  # all: the summary counts them
        view = filters.url_args
        try:
            number, pages = shape.read_page(page, len(matching))
        except BadArgument as error:
            first_page = ("Visa första sidan", page_url("oppna_data", **view))
            return [*top, message(str(error), first_page)]
        view["sida"] = number if number > 1 else None
        shown = od.indicator_page(session, PUBLIC, filters, (number - 1) * shape.PAGE_ROWS,
                                  shape.PAGE_ROWS)
        published = (od.published_indicator_count(session, PUBLIC) if filters.active
                     else len(matching))
        heads = od.headlines(session, PUBLIC, [i.id for i in matching] if filters.active else None)
        return [
            *top,
            public.view_stores("oppna_data", {}, view),
            public.filter_bar("oppna_data", areas, perspectives, filters),
            html.Section([html.H2("Nyckeltal", className="visually-hidden"),
                          *_results(matching, shown.rows, heads, published, filters, number,
                                    pages)],
                         **{"aria-label": "Nyckeltal"}),
            _downloads(),
        ]
    return build


def layout(area=None, perspective=None, q=None, sida=None, **_query_args):
    """The Öppna data page for `?area=…&perspective=…&q=…&sida=…`."""
    content = with_data(_body(area, perspective, q, sida))
    return html.Div(content or [page_header(TITLE, LEAD)], className="page public-page")


def register(order: int) -> None:
    """Add the page to Dash's page registry."""
    register_page(__name__, "oppna_data", TITLE, layout, order, access="public")
