"""Årshjul: the planning and follow-up year month by month (decisions, reports, reporting
deadlines, meetings, internkontroll deadlines), the next meeting and what to read before it,
the dates as a table and as calendar feeds to subscribe to."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from dash import dcc, html

from callbacks import arshjul as cb
from dashboard.core import formatting as fmt
from dashboard.core.args import BadArgument, chosen, echo
from dashboard.core.exports import Table
from dashboard.core.urls import page_url, route_url
from data_access.queries.arshjul import (
    CalendarNamnd,
    CalendarRow,
    calendar_events,
    calendar_namnder,
    calendar_years,
)
from layouts.components import (
    card,
    data_table,
    download_links,
    light,
    light_link,
    message,
    note,
    page_header,
)
from layouts.page import Page, section_nav

KEY = "arshjul"
TITLE = "Årshjul"
LEAD = (
    "Året i planering och uppföljning: när {council} beslutar om plan och budget, när "
    "rapporterna kommer, när nämnderna sammanträder och ska rapportera, och internkontrollens "
    "sista dagar. Varje sammanträde länkar till rapporten det behandlar."
)
FIRST_YEAR, LAST_YEAR = 2000, 2100
FEED_PATH = "/kalender"


def feed_url(namnd: str | None = None) -> str:
    """The calendar feed (.ics) of one nämnd, or of every date."""
    return route_url(f"{FEED_PATH}/{namnd}.ics" if namnd else f"{FEED_PATH}.ics")


@dataclass(frozen=True)
class Args:
    """`?year=2026&namnd=HSN`: one year (default: this year), one nämnd's dates and the whole
    organisation's (default: every nämnd's)."""

    year: int | None = None
    namnd: str | None = None


@dataclass(frozen=True)
class ArshjulData:
    """What the page shows: the choice the URL made, the year's dates and the next meeting."""

    year: int
    namnd: CalendarNamnd | None
    namnder: list[CalendarNamnd]
    years: list[int]
    rows: list[CalendarRow]
    next_meeting: CalendarRow | None
    today: dt.date


def _year(args: Args, years: list[int], today: dt.date) -> int:
    """The year asked for, else this year if it has dates, else the latest year that has."""
    if args.year is not None:
        if not FIRST_YEAR <= args.year <= LAST_YEAR:
            raise BadArgument("year", f"Året {args.year} finns inte i årshjulet; välj ett år "
                                      f"mellan {FIRST_YEAR} och {LAST_YEAR}.")
        return args.year
    if today.year in years or not years:
        return today.year
    return max(years)


def load(session, viewer, args: Args, today: dt.date | None = None) -> ArshjulData:
    """The year's dates for the chosen nämnd, and the next meeting from today."""
    today = today or dt.date.today()
    namnder = calendar_namnder(session, viewer)
    code = chosen(args.namnd)
    namnd = next((n for n in namnder if n.code == code), None)
    if code and namnd is None:
        raise BadArgument("namnd", f"Det finns ingen nämnd med koden {echo(code)}.")
    years = calendar_years(session, viewer)
    year = _year(args, years, today)
    rows = calendar_events(session, viewer, year, code)
    ahead = rows if year > today.year else calendar_events(session, viewer, None, code)
    return ArshjulData(year, namnd, namnder, years, rows, cb.next_meeting(ahead, today), today)


# --- The view ----------------------------------------------------------------------------


def _link(row: CalendarRow, next_code: str | None) -> dict:
    """A date in the timeline: a link to what to read (or to its row in the table), named
    in full for a screen reader."""
    kind = cb.KIND_SV[row.kind]
    read = cb.reading(row)
    text = [
        light("Span", f"{cb.accessible_name(row)}.", className="visually-hidden"),
        light("Span", [
            light("Span", str(row.day.day), className="arshjul-day"),
            light("Span", kind.symbol, className=f"arshjul-symbol {kind.colour}"),
            light("Span", row.title, className="arshjul-title"),
            light("Span", f"{cb.when(row)} · {kind.word}", className="arshjul-when"),
            *([light("Span", f"Läs: {read[0]}", className="arshjul-read")] if read else []),
            *([light("Span", "Nästa sammanträde", className="arshjul-next-badge")]
              if row.code == next_code else []),
        ], **{"aria-hidden": "true"}),
    ]
    classes = "arshjul-event" + (" arshjul-next" if row.code == next_code else "")
    if read:
        return light_link(text, read[1], className=classes)
    return light("A", text, href="#" + cb.anchor(row), className=classes)


def timeline(data: ArshjulData) -> html.Section:
    """The twelve months of the year, each with its dates in order."""
    next_code = data.next_meeting.code if data.next_meeting else None
    months = []
    for month in range(1, 13):
        rows = [r for r in data.rows if r.day.month == month]
        items = [light("Li", _link(r, next_code)) for r in rows] or [
            light("Li", "Inga datum", className="arshjul-empty")]
        months.append(light("Li", [
            light("H3", f"{fmt.month_name(month).capitalize()} {data.year}",
                  className="arshjul-month-name"),
            light("Ul", items, className="list-unstyled mb-0")],
            className="arshjul-month"))
    return html.Section([
        html.H2(f"Året {data.year} månad för månad", id="arshjul-timeline-title"),
        html.Ol(months, className="arshjul-months list-unstyled"),
    ], className="arshjul-timeline", **{"aria-labelledby": "arshjul-timeline-title"})


def next_card(data: ArshjulData):
    """The next meeting from today and what to read before it."""
    row = data.next_meeting
    if row is None:
        return card("Nästa sammanträde", None, note("Inga fler sammanträden är inlagda."),
                    card_id="arshjul-next")
    read = cb.reading(row)
    return card(
        "Nästa sammanträde", f"Från och med {fmt.iso_date(data.today)}",
        html.P([html.Strong(f"{fmt.iso_date(row.day)} {cb.when(row)}"), " · ", row.title,
                *([f" · {row.place}"] if row.place else [])], className="mb-2"),
        html.P(["Läs inför mötet: ", dcc.Link(read[0], href=read[1])] if read else
               "Ingen uppföljning behandlas på mötet.", className="mb-0"),
        card_id="arshjul-next",
    )


def _choices(label: str, items: list[tuple[str, str, bool]], nav_id: str) -> html.Nav:
    """Links that choose (text, href, current), the chosen one marked for a screen reader."""
    links = [html.Li(dcc.Link(
        [text, *([html.Span(" (vald)", className="visually-hidden")] if current else [])],
        href=href, className="btn btn-sm " + ("btn-primary" if current else "btn-outline-primary")),
        className="d-inline-block me-1 mb-1") for text, href, current in items]
    return html.Nav([html.Span(f"{label}:", className="fw-semibold me-2"),
                     html.Ul(links, className="list-unstyled d-inline")],
                    id=nav_id, className="arshjul-choices mb-2", **{"aria-label": label})


def controls(data: ArshjulData) -> html.Div:
    """The nämnd and year, as links (each a permalink)."""
    code = data.namnd.code if data.namnd else None
    namnder = [("Alla nämnder", page_url(KEY, year=data.year), code is None)] + [
        (n.name, page_url(KEY, year=data.year, namnd=n.code), n.code == code)
        for n in data.namnder]
    years = [(f"{y}", page_url(KEY, year=y, namnd=code), y == data.year)
             for y in sorted({data.year - 1, data.year, data.year + 1, *data.years})]
    return html.Div([_choices("Nämnd", namnder, "arshjul-namnd"),
                     _choices("År", years, "arshjul-year")], className="mb-4 no-print")


def events_card(data: ArshjulData):
    """Every date of the year as a table, each row the target of its date's link."""
    rows = []
    for r in data.rows:
        read = cb.reading(r)
        rows.append([light("Span", fmt.iso_date(r.day), id=cb.anchor(r)), cb.when(r),
                     f"{cb.KIND_SV[r.kind].symbol} {cb.KIND_SV[r.kind].word}", r.title, cb.who(r),
                     cb.followup_text(r.followup),
                     light_link(read[0], read[1]) if read else ""])
    code = data.namnd.code if data.namnd else None
    return card(
        "Alla datum", _scope(data),
        data_table(f"Årshjulets datum {_scope(data)}",
                   ["Datum", "Tid", "Typ", "Händelse", "Nämnd", "Uppföljning", "Läs"], rows,
                   [False] * 7),
        download_links(KEY, "events", {"year": data.year, "namnd": code}),
        card_id="arshjul-events",
    )


def feeds_card(data: ArshjulData):
    """The calendar feeds to subscribe to, and what a calendar client gets without login."""
    feeds = [html.Li(html.A(f"Kalender för {n.name} (.ics)", href=feed_url(n.code)))
             for n in data.namnder if data.namnd is None or n.code == data.namnd.code]
    return card(
        "Prenumerera i din kalender", None,
        note("Lägg till adressen som prenumeration i Outlook, Google Kalender eller Apple "
             "Kalender. En kalender som prenumererar kan inte logga in: den får sammanträden, "
             "beslut och rapporter. Sista dagar för rapportering och internkontroll finns bara "
             "i filen du hämtar när du är inloggad."),
        html.Ul([html.Li(html.A("Kalender för alla nämnder (.ics)", href=feed_url())), *feeds],
                className="mb-0"),
        card_id="arshjul-feeds",
    )


def _scope(data: ArshjulData) -> str:
    return f"{data.year}, {data.namnd.name}" if data.namnd else f"{data.year}, alla nämnder"


def view(data: ArshjulData) -> list:
    """The choices, the next meeting, the months, the table and the feeds."""
    top = [section_nav("rapporter", KEY), page_header(TITLE, LEAD), controls(data)]
    if not data.rows:
        return [*top, message(f"Årshjulet har inga datum för {_scope(data)}.",
                              ("Till årshjulet", page_url(KEY))), feeds_card(data)]
    return [*top, next_card(data), timeline(data), events_card(data), feeds_card(data)]


def tables(data: ArshjulData) -> dict[str, Table]:
    """The year's dates."""
    return {"events": cb.events_file(data.rows, data.year,
                                     data.namnd.name if data.namnd else None)}


PAGE = Page(
    key=KEY, path="/arshjul", title=TITLE, lead=LEAD, access="internal", order=130,
    section="rapporter", subnav=TITLE, args=Args, load=load, layout=view, tables=tables,
    file_words={"events": "datum"}, class_name="page arshjul-page",
)
