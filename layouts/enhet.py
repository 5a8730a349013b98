"""Enhet: one unit of the organisation on one page, at any level from the region down to an
enhet: its own goals and their status, its economy to date, its indicators, risks, uppdrag and
resultatförbättrande åtgärder, and for a unit with units below it, a summary of each with a
link to its own page. Every section links on to the page it comes from, filtered to the unit.

`/enhet?code=HSF-PV-HC-KROKOM&period=2026-DELAR&year=2026&month=10`: the unit, the follow-up
(default: the latest) and the economy's month (default: the latest with utfall).
"""

from __future__ import annotations

from dataclasses import dataclass

import dash_bootstrap_components as dbc
from dash import dcc, html

from callbacks import atgarder as measures_shape
from callbacks import ekonomi as eko
from callbacks import enhet as cb
from callbacks import internkontroll as risk_shape
from callbacks import mal as shape
from callbacks import uppdrag as uppdrag_shape
from callbacks.indikator import target_text
from callbacks.namndrapport import goal_table
from dashboard.core import formatting as fmt
from dashboard.core.args import BadArgument
from dashboard.core.exports import Table, covering
from dashboard.core.urls import page_search, page_url
from data_access.queries.risks import Option
from layouts.components import (
    breadcrumb,
    card,
    data_table,
    download_links,
    light_link,
    message,
    note,
    page_header,
    selector,
    status_badge,
)
from layouts.ekonomi import status_word
from layouts.mal import unit_goal_table
from layouts.page import Page

TITLE = "Enhet"
LEAD = ("En organisationsenhet på en sida: dess mål, ekonomi, nyckeltal, risker, uppdrag och "
        "åtgärder, med länkar vidare.")
KEY = cb.KEY


# --- The header -----------------------------------------------------------------------------


def _crumbs(page: cb.UnitPage) -> html.Nav:
    """The units above, from the region down, each a link to its own Enhet page."""
    return breadcrumb(*[(u.name, page.unit_url(u.code)) for u in page.trail],
                      (page.unit.name, None))


def _toolbar(page: cb.UnitPage) -> html.Div:
    """The follow-up and economy month selectors (they write the URL)."""
    here = page_search(**page.args)  # each option's value is its view's query string
    parts = []
    if page.followup is not None:
        parts.append(selector(f"{KEY}-period", "Uppföljning", cb.period_options(page), here))
    if page.economy is not None:
        parts.append(selector(f"{KEY}-month", "Ekonomi till och med", cb.month_options(page),
                              here))
    return html.Div(parts, className="eko-toolbar")


def _onwards(page: cb.UnitPage) -> html.Nav:
    """Links into the other pages, filtered to the unit (or its nämnd, where they filter by
    nämnd)."""
    namnd = page.namnd.code if page.namnd else None
    links = [("Mål", page_url("mal", period=page.followup.key if page.followup else None))]
    if page.economy is not None:
        links.append(("Ekonomi", page_url("ekonomi", unit=page.unit.code, year=page.economy.year,
                                          month=page.economy.month)))
    if page.production:
        links.append(("Produktion", page_url("produktion", unit=page.unit.code,
                                             indikator=page.production[0])))
    if page.risks is not None:
        links.append(("Internkontroll", page_url("internkontroll", namnd=namnd)))
    links.append(("Uppdrag", page_url("uppdrag", namnd=namnd)))
    items = [html.Li(dcc.Link(text, href=href, id=f"{KEY}-to-{text.lower()}"))
             for text, href in links]
    return html.Nav(html.Ul([html.Li("Visa i:", className="enhet-onwards-label",
                                     **{"aria-hidden": "true"}), *items],
                            className="enhet-onwards"),
                    **{"aria-label": f"{page.unit.name} på andra sidor"})


def _eyebrow(level: str) -> list:
    """`Enhet · Förvaltning`: the page, and the unit's level (once for an enhet)."""
    level_word = cb.level_text(level)
    return [html.Span(TITLE)] + ([] if level_word == TITLE else [" · ", level_word])


def _header(page: cb.UnitPage) -> list:
    """Breadcrumb, the unit's level, its name as the page's h1, the selectors and links."""
    return [
        _crumbs(page),
        html.Div([html.P(_eyebrow(page.unit.level), className="eyebrow", id=f"{KEY}-level"),
                  html.H1(page.unit.name, id=f"{KEY}-heading", tabIndex="-1"),
                  html.P(LEAD, className="lead")], className="page-header"),
        _toolbar(page),
        _onwards(page),
    ]


# --- The sections --------------------------------------------------------------------------


def goals_card(page: cb.UnitPage) -> dbc.Card:
    """The unit's own goals at the follow-up, each a link to it in Mål."""
    title = "Mål"
    if page.followup is None:
        return card(title, None, note("Det finns inga uppföljningar ännu."), card_id=f"{KEY}-goals")
    when = shape.followup_text(page.followup)
    if not page.goals:
        return card(title, when, note(f"{page.unit.name} har inga egna mål som du kan se."),
                    card_id=f"{KEY}-goals")
    return card(title, when, unit_goal_table(f"Mål för {page.unit.name}, {when}", page.goals,
                                             page.followup),
                download_links(KEY, "goals", page.args, "målen"), card_id=f"{KEY}-goals")


def _figure_line(label: str, value: str, extra=None, element_id: str | None = None) -> list:
    ids = {"id": element_id} if element_id else {}
    return [html.Dt(label, className="col-sm-6"),
            html.Dd([value, *([" ", extra] if extra is not None else [])], className="col-sm-6",
                    **ids)]


def economy_card(page: cb.UnitPage) -> dbc.Card | None:
    """The unit's result, budget and avvikelse to date and its forecast (its whole subtree)."""
    view = page.economy
    if view is None:
        return None
    title, months = "Ekonomi", eko.period_text(view)
    link = html.P(dcc.Link(f"Visa {page.unit.name} i Ekonomi",
                           href=page_url("ekonomi", unit=page.unit.code, year=view.year,
                                         month=view.month), id=f"{KEY}-economy-link"))
    figures = page.figures
    if figures is None:
        return card(title, months, note("Inga belopp för året."), link, card_id=f"{KEY}-economy")
    ytd, whole = eko.to_date(figures, view.money), eko.whole_year(figures, view.money)
    lines = html.Dl([
        *_figure_line(f"Resultat {months}", ytd.amount(ytd.outcome), element_id=f"{KEY}-utfall"),
        *_figure_line(f"Budget {months}", ytd.amount(ytd.budget), element_id=f"{KEY}-budget"),
        *_figure_line(f"Avvikelse {months}", ytd.amount(ytd.difference, signed=True),
                      status_word(eko.deviation_status(figures)), f"{KEY}-deviation"),
        *_figure_line(f"Prognos helår {view.year}", whole.amount(whole.outcome),
                      element_id=f"{KEY}-prognos"),
    ], className="row mb-2 enhet-figures")
    return card(title, f"{months}, belopp i {view.money} ({eko.UNIT_WORDS_SV[view.money]})",
                lines, note("Beloppen gäller enheten och alla enheter under den. Minus betyder "
                            "sämre än budget."), link, card_id=f"{KEY}-economy")


def indicators_card(page: cb.UnitPage) -> dbc.Card:
    """The indicators measured at the unit: the latest outcome, the målvärde and status."""
    title = "Nyckeltal"
    if not page.indicators:
        return card(title, None, note(f"Inga nyckeltal mäts för {page.unit.name}."),
                    card_id=f"{KEY}-indicators")
    followup = page.followup
    rows = []
    for line in page.indicators:
        ind = line.indicator
        href = page_url("indikator", code=ind.code, unit=page.unit.code,
                        period=followup.key if followup else None)
        year = line.latest.period_end.year if line.latest else None
        target = shape.target_for(line.targets, year) if year else None
        rows.append([
            light_link(ind.name, href),
            fmt.value_in_unit(line.latest.value, ind.unit) if line.latest else fmt.MISSING,
            shape.period_label(line.latest.period) if line.latest else fmt.MISSING,
            target_text(target, ind.direction, ind.unit) if target else fmt.MISSING,
            status_badge(line.status),
        ])
    when = shape.followup_text(followup) if followup else None
    return card(title, when, note("Senaste utfall under de tolv månaderna fram till uppföljningen, "
                                  "mot målvärdet för utfallets år."),
                data_table(f"Nyckeltal för {page.unit.name}",
                           ["Nyckeltal", "Utfall", "Period", "Målvärde", "Status"], rows,
                           [False, True, False, False, False]),
                download_links(KEY, "indicators", page.args, "nyckeltalen"),
                card_id=f"{KEY}-indicators")


def risks_card(page: cb.UnitPage) -> dbc.Card | None:
    """The risks the unit owns in the latest riskanalys (and still open from earlier ones)."""
    if page.risks is None:
        return None
    title = "Risker"
    namnd = page.namnd
    link = html.P(dcc.Link(f"Alla risker för {namnd.name} i Internkontroll" if namnd
                           else "Alla risker i Internkontroll",
                           href=page_url("internkontroll", namnd=namnd.code if namnd else None),
                           id=f"{KEY}-risks-link"))
    if not page.risks:
        return card(title, None, note(f"{page.unit.name} äger inga risker som du kan se."), link,
                    card_id=f"{KEY}-risks")
    view = risk_shape.RiskView(page.risk_year, Option(namnd.id, namnd.code, namnd.name)
                               if namnd else None)
    return card(title, f"Riskanalys {page.risk_year}",
                risk_shape.risk_table(page.risks, view, f"Risker som {page.unit.name} äger",
                                      f"{KEY}-risk-table", sortable=False),
                download_links(KEY, "risks", page.args, "riskerna"), link,
                card_id=f"{KEY}-risks")


def uppdrag_card(page: cb.UnitPage) -> dbc.Card:
    """The uppdrag given to the unit, overdue first."""
    title = "Uppdrag"
    namnd = page.namnd
    link = html.P(dcc.Link("Alla uppdrag" + (f" för {namnd.name}" if namnd else ""),
                           href=page_url("uppdrag", namnd=namnd.code if namnd else None),
                           id=f"{KEY}-uppdrag-link"))
    if not page.uppdrag:
        return card(title, None, note(f"{page.unit.name} har inga uppdrag som du kan se."), link,
                    card_id=f"{KEY}-uppdrag")
    return card(title, None,
                data_table(f"Uppdrag till {page.unit.name}", uppdrag_shape.COLUMNS,
                           uppdrag_shape.uppdrag_rows(page.uppdrag, page.today),
                           [False] * len(uppdrag_shape.COLUMNS)),
                download_links(KEY, "uppdrag", page.args, "uppdragen"), link,
                card_id=f"{KEY}-uppdrag")


def measures_card(page: cb.UnitPage) -> dbc.Card | None:
    """The unit's resultatförbättrande åtgärder of the economy's year."""
    if page.measure_year is None:
        return None
    title, year = "Resultatförbättrande åtgärder", page.measure_year
    namnd = page.namnd
    link = html.P(dcc.Link("Alla åtgärder" + (f" för {namnd.name}" if namnd else ""),
                           href=page_url("atgarder", namnd=namnd.code if namnd else None,
                                         year=year), id=f"{KEY}-measures-link"))
    if not page.measures:
        return card(title, str(year), note(f"{page.unit.name} har inga åtgärder {year}."), link,
                    card_id=f"{KEY}-measures")
    return card(title, f"{year}, effekt i tkr",
                data_table(f"Åtgärder för {page.unit.name} {year}",
                           measures_shape.MEASURE_COLUMNS,
                           measures_shape.measure_rows(page.measures),
                           measures_shape.MEASURE_NUMERIC),
                download_links(KEY, "measures", page.args, "åtgärderna"), link,
                card_id=f"{KEY}-measures")


def children_card(page: cb.UnitPage) -> dbc.Card | None:
    """The units one level down: their goals (their own and below) by status and their
    avvikelse to date, each a link to its own Enhet page."""
    if not page.children and not page.hidden_children:
        return None
    level = eko.CHILD_LABELS_SV.get(page.unit.level, "Enheter")
    hidden = [note(f"{page.hidden_children} enheter under {page.unit.name} hör inte till din "
                   "nämnd och visas inte.")] if page.hidden_children else []
    if not page.children:
        return card(level, None, *hidden, card_id=f"{KEY}-children")
    view = page.economy
    rows = []
    for child in page.children:
        deviation = fmt.MISSING
        if view is not None and child.figures is not None:
            shown = eko.to_date(child.figures, view.money)
            deviation = [shown.amount(shown.difference, signed=True), " ",
                         status_word(eko.deviation_status(child.figures))]
        rows.append([light_link(child.unit.name, page.unit_url(child.unit.code)),
                     cb.level_text(child.unit.level), shape.distribution_cell(child.goals),
                     deviation])
    months = f" {eko.period_text(view)}, {view.money}" if view else ""
    when = shape.followup_text(page.followup) if page.followup else None
    return card(level, when,
                note("Målen räknar enhetens egna mål och alla mål under den. Klicka på ett namn "
                     "för att se enheten."),
                *hidden,
                data_table(f"{level} under {page.unit.name}",
                           ["Namn", "Nivå", "Mål", f"Avvikelse{months}"], rows,
                           [False, False, False, True]),
                download_links(KEY, "children", page.args, "enheterna"),
                card_id=f"{KEY}-children")


# --- The page ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Args:
    """`?code=HSN&period=2026-DELAR&year=2026&month=10`: the unit, the follow-up (default: the
    latest) and the economy's month (default: the latest with utfall)."""

    code: str | None = None
    period: str | None = None
    year: str | None = None
    month: str | None = None


def load(session, viewer, args: Args) -> cb.UnitPage:
    """The unit and everything shown of it; BadArgument for a code or choice it cannot show
    (for a choice, with the way back to the unit without choices)."""
    try:
        return cb.unit_page(session, viewer, args.code, args.period, args.year, args.month)
    except BadArgument as error:
        if error.argument != "code":
            error.back = page_url(KEY, code=args.code)
        raise


def view(page: cb.UnitPage) -> list:
    """The header, then the sections one under the other, each the page's full width: their
    tables of five columns or more have room for every column at 1440 px and on paper."""
    cards = (goals_card(page), economy_card(page), indicators_card(page), risks_card(page),
             uppdrag_card(page), measures_card(page), children_card(page))
    return [
        *_header(page),
        dcc.Store(id=f"{KEY}-args", data=page.args),
        *[dbc.Row(dbc.Col(c), class_name="mb-4") for c in cards if c is not None],
    ]


def tables(page: cb.UnitPage) -> dict[str, Table]:
    """The unit's goals, indicators, risks, uppdrag and measures, and the units below it."""
    files = {"indicators": cb.indicator_file(page),
             "uppdrag": uppdrag_shape.list_file(page.uppdrag)}
    if page.followup is not None:
        files["goals"] = goal_table(f"Mål för {page.unit.name}", page.goals, page.followup,
                                    page.previous)
    if page.risks is not None:
        files["risks"] = risk_shape.risk_file(f"Risker som {page.unit.name} äger", page.risks)
    if page.measure_year is not None:
        files["measures"] = measures_shape.export_table(
            f"Åtgärder {page.measure_year}", page.measures)
    if page.children:
        files["children"] = cb.children_file(page)
    return covering(files, page.unit.name)


def problem(error) -> list:
    """A code or choice the page cannot show: why, and the ways on."""
    back = getattr(error, "back", None)
    links = [("Visa enheten utan val", back)] if back else []
    return [page_header(TITLE, LEAD),
            message(str(error), *links, ("Till Mål", page_url("mal")),
                    ("Till Ekonomi", page_url("ekonomi")), alert_id=f"{KEY}-problem")]


PAGE = Page(
    key=KEY, path="/enhet", title=TITLE, lead=LEAD, access="internal", order=45,
    args=Args, load=load, layout=view, tables=tables, problem=problem,
    file_words={"goals": "mal", "indicators": "nyckeltal"},
)
