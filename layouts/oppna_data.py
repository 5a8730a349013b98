"""Öppna data: every indicator the region has decided to publish, for everyone without
logging in, filtered by målområde, perspective and words, each linking to its own page."""

from __future__ import annotations

from dataclasses import dataclass, field

from dash import dcc, html

from callbacks import oppna_data as shape
from callbacks.mal import distribution_text
from dashboard.core import formatting as fmt
from dashboard.core.args import BadArgument, read_page
from dashboard.core.urls import download_url, page_url
from data_access import profile
from data_access.profile import UNSET, Profile
from data_access.queries import open_data as od
from data_access.queries.open_data import Choice
from data_access.queries.freshness import kolada_fetched
from data_access.scope import PUBLIC
from layouts import public
from layouts.components import (
    data_table,
    freshness,
    kolada_freshness,
    message,
    note,
    page_header,
    page_links,
)
from layouts.page import Page, section_nav

TITLE = "Öppna data"
LEAD = (
    "De nyckeltal och mål som {noun} har beslutat att publicera, öppna för alla utan "
    "inloggning. Välj ett nyckeltal för att se hur det har utvecklats, vad det betyder och "
    "hur {noun} står sig mot riket. Allt går att ladda ned som öppna data."
)


def _results(matching: int, storbild: list[str], shown: list[od.PublicIndicator], headlines,
             summary: dict[str, int], total: int, filters: shape.Filters, page: int,
             pages: int) -> list:
    """The `matching` indicators as a table, a page at a time (`shown`), with their count and
    what to do with them (`storbild`: the codes of the first of them, for Storbildsläge)."""
    count = public.filtered_count(matching, total, "nyckeltal", filters)
    if not matching:
        return [count, note("Inga publicerade nyckeltal matchar urvalet. Ta bort ett filter "
                            "eller sök på något annat.")]
    first = (page - 1) * shape.PAGE_ROWS
    caption = "Publicerade nyckeltal: senaste utfall mot målvärdet"
    if pages > 1:
        caption += f", sida {page} av {pages}"
    table = data_table(caption, shape.INDICATOR_COLUMNS, shape.indicator_rows(shown, headlines),
                       shape.INDICATOR_NUMERIC, stacked=True)
    big = dcc.Link(f"Visa {'de första ' if matching > shape.STORBILD_MAX else ''}"
                   f"{min(matching, shape.STORBILD_MAX)} i storbildsläge",
                   href=page_url("storbild", codes=",".join(storbild[:shape.STORBILD_MAX])))
    summary = html.P(f"Status vid senaste utfall: "
                     f"{distribution_text(summary)}.",
                     className="mb-2")
    parts = [count, summary]
    if pages > 1:
        parts.append(html.P(f"Sidan visar nyckeltal {fmt.number(first + 1)}–"
                            f"{fmt.number(first + len(shown))} av {fmt.number(matching)}.",
                            className="mb-2 page-range"))
    parts.append(table)
    if pages > 1:
        parts.append(page_links("oppna_data", page, pages, filters.url_args,
                                "Sidor med nyckeltal"))
    return [*parts, html.P(big, className="mt-2")]


def _downloads(about: Profile) -> html.Section:
    """Download every published value at once, and where the API is described."""
    return html.Section([
        html.H2("Ladda ned alla nyckeltal", className="h4"),
        html.P(["Alla publicerade värden för alla organisationsenheter och perioder: ",
                html.A("CSV", href=download_url("csv")), " · ",
                html.A("JSON", href=download_url("json")), "."]),
        public.licence_line(about),
    ], className="downloads mt-4", **{"aria-label": "Ladda ned"})


# --- The page ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Args(public.FilterArgs):
    """`?area=MO-HSV&perspective=…&q=väntetid&sida=2`: the filters and the page of the list."""

    sida: str | None = None


@dataclass(frozen=True)
class ListData:
    """What the page shows: the filters' choices, the matching indicators and the page of them
    shown with their headline values; or, for a `sida` past the end, why not (`wrong_page`)."""

    areas: list[Choice]
    perspectives: list[Choice]
    filters: shape.Filters
    matching: int  # how many indicators match the filters (all pages)
    storbild: list[str] = field(default_factory=list)  # the first matching ones' codes
    page: int = 1
    pages: int = 1
    shown: list[od.PublicIndicator] = field(default_factory=list)
    published: int = 0
    headlines: dict = field(default_factory=dict)  # of the indicators shown
    summary: dict = field(default_factory=dict)  # status -> how many of the matching
    wrong_page: str | None = None
    fresh: str = ""  # the day Kolada's figures were fetched
    about: Profile = UNSET


def load(session, _viewer, args: Args) -> ListData:
    """The published indicators for the filters, a page of them with their headline values;
    BadArgument for a målområde or perspective that is not there."""
    areas, perspectives = shape.area_choices(session), od.perspectives(session, PUBLIC)
    filters = shape.read_filters(args.area, args.perspective, args.q, areas, perspectives)
    # Every matching indicator has one status (Saknar data without a headline): the counts
    # add up to how many match, so the list is not read whole to count it.
    summary = od.headline_statuses(session, PUBLIC, filters)
    matching = sum(summary.values())
    fresh = kolada_freshness(kolada_fetched(session, PUBLIC))
    try:
        number, pages = read_page(args.sida, matching, shape.PAGE_ROWS)
    except BadArgument as error:  # the way back keeps the filters: the view says it
        return ListData(areas, perspectives, filters, matching, wrong_page=str(error),
                        fresh=fresh)
    shown = od.indicator_page(session, PUBLIC, filters, (number - 1) * shape.PAGE_ROWS,
                              shape.PAGE_ROWS, total=matching)
    storbild = ([i.code for i in shown.rows[:shape.STORBILD_MAX]] if number == 1
                else od.indicator_codes(session, PUBLIC, filters, shape.STORBILD_MAX))
    published = (od.published_indicator_count(session, PUBLIC) if filters.active
                 else matching)
    heads = od.headlines(session, PUBLIC, [i.id for i in shown.rows])
    return ListData(areas, perspectives, filters, matching, storbild, number, pages, shown.rows,
                    published, heads, summary, fresh=fresh, about=profile.current(session))


def _top() -> list:
    return [page_header(TITLE, LEAD), section_nav("oppna_data", "oppna_data")]


def view(data: ListData) -> list:
    """The filters, the page of the list and the downloads (or why that page is not there)."""
    filters = data.filters.url_args
    if data.wrong_page is not None:
        return [*_top(), message(data.wrong_page,
                                 ("Visa första sidan", page_url("oppna_data", **filters)))]
    shown_view = filters | {"sida": data.page if data.page > 1 else None}
    return [
        *_top(),
        freshness(data.fresh, "oppna_data-aktualitet"),
        public.view_stores("oppna_data", {}, shown_view),
        public.filter_bar("oppna_data", data.areas, data.perspectives, data.filters),
        html.Section([html.H2("Nyckeltal", className="visually-hidden"),
                      *_results(data.matching, data.storbild, data.shown, data.headlines,
                                data.summary, data.published, data.filters, data.page,
                                data.pages)],
                     **{"aria-label": "Nyckeltal"}),
        _downloads(data.about),
    ]


def problem(error: BadArgument) -> list:
    """A målområde or perspective that is not there: why, and the way to all indicators."""
    return [*_top(), message(str(error), ("Visa alla nyckeltal", page_url("oppna_data")))]


PAGE = Page(
    key="oppna_data", path="/oppna-data", title=TITLE, lead=LEAD, access="public", order=130,
    nav=TITLE, section="oppna_data", subnav="Nyckeltal", args=Args, load=load, layout=view,
    static_parts=True,
    problem=problem, class_name="page public-page",
)
