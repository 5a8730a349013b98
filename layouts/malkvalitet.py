"""Målkvalitet: the auditors' questions per nämnd (are the goals measurable, is the red thread
whole, are they assessed, do the indicators have målvärden), each figure drilling down to the
list of goals behind it."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from callbacks import quality as cb
from callbacks.page_tables import malkvalitet_tables
from callbacks.indicators import BadRequest, echo, one, resolve_followup
from dashboard import formatting as fmt
from dashboard.urls import page_url
from data_access.queries.quality import FINDINGS, goal_findings, quality_by_namnd
from layouts.base import register_page, with_data
from layouts.components import card, data_table, download_links, note, page
from layouts.indikator import header, message, period_options, selector

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


def table_card(rows, followup, viewer, namnd: str | None):
    """The figures per nämnd (or one nämnd's row) with their shares."""
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
                table, download_links("malkvalitet", "quality", {"period": followup.key}),
                *more, card_id="malkvalitet-table")


def list_card(findings, followup, finding: str, row=None):
    """The goals behind one figure, for one nämnd's row or for all."""
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


def _rows_for(rows, namnd: str | None):
    """The rows to show: all, or the named nämnd's (BadRequest if the viewer has none)."""
    if not namnd:
        return rows
    chosen = [r for r in rows if r.code == namnd]
    if not chosen:
        raise BadRequest("namnd", f"Det finns ingen nämnd med koden ”{echo(namnd)}” med mål som "
                                  "du har behörighet att se.")
    return chosen


def _body(period, namnd, lista):
    """The page for the URL's arguments, or a message saying why it cannot be shown."""
    def build(session, viewer) -> list:
        top = header(_crumbs(), TITLE, LEAD)
        try:
            followup, followups = resolve_followup(session, viewer, period)
            if lista and lista not in FINDINGS:
                raise BadRequest("lista", f"Det finns ingen lista som heter ”{echo(lista)}”. "
                                          "Välj en siffra i tabellen i stället.")
            if followup is None:
                return [*top, message("Det finns inga uppföljningar att visa ännu.")]
            rows = _rows_for(quality_by_namnd(session, viewer, followup), namnd)
        except BadRequest as error:
            return [*top, message(str(error), ("Visa målkvaliteten för alla nämnder",
                                               page_url("malkvalitet")))]
        parts = [*top,
                 dcc.Store(id="malkvalitet-args", data={"period": period, "namnd": namnd,
                                                        "lista": lista}),
                 dbc.Row(dbc.Col(selector("malkvalitet-period", "Uppföljningsperiod",
                                          period_options(followups), followup.key),
                                 md=5, xl=3), class_name="mb-4 controls")]
        if lista:
            findings = goal_findings(session, viewer, followup, lista, namnd)
            parts.append(list_card(findings, followup, lista, rows[0] if namnd else None))
        return [*parts, table_card(rows, followup, viewer, namnd), explanation_card(followup)]
    return build


def layout(period=None, namnd=None, lista=None, **_query_args):
    """The Målkvalitet page for `?period=…&namnd=…&lista=…`."""
    content = with_data(_body(*map(one, (period, namnd, lista))))
    return html.Div(content, className="page") if content else page(TITLE, LEAD, [])


def register(order: int) -> None:
    """Add the page to Dash's page registry."""
    register_page(__name__, "malkvalitet", TITLE, layout, order, access="internal",
                  in_nav=False, tables=malkvalitet_tables)
