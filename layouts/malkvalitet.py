"""Målkvalitet: the auditors' questions per nämnd (are the goals measurable, is the red thread
whole, are they assessed, do the indicators have målvärden), each figure drilling down to the
list of goals behind it."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from callbacks import quality as cb
from callbacks.page_tables import malkvalitet_tables
from dashboard.core import formatting as fmt
from dashboard.core.args import BadArgument, one
from dashboard.core.urls import page_url
from data_access.queries.quality import goal_findings
from layouts.base import register_page, with_data
from layouts.components import (
    card,
    data_table,
    download_links,
    header,
    message,
    note,
    page,
    selector,
)
from layouts.indikator import period_options

TITLE = "Målkvalitet"
LEAD = (
    "Revisorernas frågor om målen, nämnd för nämnd: går målen att mäta, hänger de ihop i en "
    "röd tråd upp till målområdena, har de bedömts vid uppföljningen och har indikatorerna "
    "målvärden? Klicka på en siffra för att se vilka mål det gäller."
)


def _crumbs() -> list:
    return [("Mål", page_url("mal")), (TITLE, None)]


def scope_note(viewer) -> list:
    """For a nämnd member: what is counted for their own and the other nämnder."""
    if viewer.sees_everything:
        return []
    return [note("Du ser alla mål i din nämnd ner till enheterna. För övriga nämnder räknas bara "
                 "nämndmålen (markerade med *).")]


def table_card(view: cb.QualityView, viewer):
    """The figures per nämnd (or one nämnd's row) with their shares."""
    followup, rows, namnd = view.followup, view.rows, view.namnd
    period = fmt.followup_label(followup.kind, followup.year)
    body = cb.quality_rows(rows, followup)
    total = cb.total_row(rows)
    table = data_table(f"Målkvalitet per nämnd, {period}", cb.table_columns(followup),
                       body + ([total] if total and not namnd else []),
                       [False] + [True] * 6)
    more = [html.P(dcc.Link("Visa alla nämnder", href=page_url("malkvalitet",
                                                               period=followup.key)),
                   className="mt-3 mb-0")] if namnd else []
    return card("Målkvalitet per nämnd", f"{period} (per {fmt.iso_date(followup.end_date)})",
                *scope_note(viewer),
                note("Siffran är antalet mål; inom parentes andelen av nämndens mål (för "
                     "indikatorerna: av alla kopplingar mellan mål och indikator)."),
                table, download_links("malkvalitet", "quality",
                                      {"period": followup.key, "namnd": namnd}),
                *more, card_id="malkvalitet-table")


def list_card(view: cb.QualityView, findings):
    """The goals behind one figure, for one nämnd's row or for all."""
    followup, finding = view.followup, view.lista
    row = view.rows[0] if view.namnd else None
    measure = cb.measures(followup)[finding]
    title = measure.list_title + (f" – {row.name}" if row else "")
    count = fmt.number(len(findings))
    partly = [note("Du ser bara den här nämndens nämndmål.")] if row and not row.in_detail else []
    if not findings:
        return card(title, None, *partly, note("Inga mål hamnar på den här listan."),
                    card_id="malkvalitet-list")
    columns = cb.finding_columns(finding)
    return card(title, f"{fmt.followup_label(followup.kind, followup.year)}: {count} st",
                *partly, note(measure.explanation),
                data_table(title, columns, cb.finding_rows(findings, followup),
                           [False] * len(columns)),
                download_links("malkvalitet", "list", view.args, "listan"),
                card_id="malkvalitet-list")


def explanation_card(followup):
    """How each figure is counted, in plain Swedish."""
    items = [html.Dt("Andel mätbara"),
             html.Dd("Andelen av nämndens mål som är mätbara, se nedan. Resten räknas under "
                     "”Saknar mätbar indikator”.")]
    for measure in cb.measures(followup).values():
        items += [html.Dt(measure.heading), html.Dd(measure.explanation)]
    return card("Så räknar vi", None, html.Dl(items, className="explanations mb-0"),
                card_id="malkvalitet-explanations")


def _body(period, namnd, lista):
    """The page for the URL's arguments, or a message saying why it cannot be shown."""
    def build(session, viewer) -> list:
        top = header(_crumbs(), TITLE, LEAD)
        try:
            view = cb.resolve(session, viewer, period, namnd, lista)
        except BadArgument as error:
            return [*top, message(str(error), ("Visa målkvaliteten för alla nämnder",
                                               page_url("malkvalitet")))]
        if view is None:
            return [*top, message("Det finns inga uppföljningar att visa ännu.")]
        parts = [*top,
                 dcc.Store(id="malkvalitet-args", data={"period": period, "namnd": namnd,
                                                        "lista": lista}),
                 dbc.Row(dbc.Col(selector("malkvalitet-period", "Uppföljningsperiod",
                                          period_options(view.followups), view.followup.key),
                                 md=5, xl=3), class_name="mb-4 controls")]
        if view.lista:
            parts.append(list_card(view, goal_findings(session, viewer, view.followup,
                                                       view.lista, view.namnd)))
        return [*parts, table_card(view, viewer), explanation_card(view.followup)]
    return build


def layout(period=None, namnd=None, lista=None, **_query_args):
    """The Målkvalitet page for `?period=…&namnd=…&lista=…`."""
    content = with_data(_body(*map(one, (period, namnd, lista))))
    return html.Div(content, className="page") if content else page(TITLE, LEAD, [])


def register(order: int) -> None:
    """Add the page to Dash's page registry."""
    register_page(__name__, "malkvalitet", TITLE, layout, order, access="internal",
                  in_nav=False, tables=malkvalitet_tables)
