"""Målkvalitet: the auditors' questions per nämnd (are the goals measurable, is the red thread
whole, are they assessed, do the indicators have målvärden), each figure drilling down to the
list of goals behind it."""

from __future__ import annotations

from dataclasses import dataclass

import dash_bootstrap_components as dbc
from dash import dcc, html

from callbacks import malkvalitet as cb
from dashboard.core import formatting as fmt
from dashboard.core.args import BadArgument
from dashboard.core.exports import Table
from dashboard.core.urls import page_url
from data_access.queries.quality import GoalFinding, goal_findings
from layouts.components import (
    card,
    data_table,
    download_links,
    header,
    message,
    note,
    selector,
)
from layouts.indikator import period_options
from layouts.page import Page

TITLE = "Målkvalitet"
LEAD = (
    "Revisorernas frågor om målen, nämnd för nämnd: går målen att mäta, hänger de ihop i en "
    "röd tråd upp till målområdena, har de bedömts vid uppföljningen och har indikatorerna "
    "målvärden? Klicka på en siffra för att se vilka mål det gäller."
)


def _crumbs() -> list:
    return [("Mål", page_url("mal")), (TITLE, None)]


def scope_note(sees_everything: bool) -> list:
    """For a nämnd member: what is counted for their own and the other nämnder."""
    if sees_everything:
        return []
    return [note("Du ser alla mål i din nämnd ner till enheterna. För övriga nämnder räknas bara "
                 "nämndmålen (markerade med *).")]


def table_card(view: cb.QualityView, sees_everything: bool):
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
                *scope_note(sees_everything),
                note("Siffran är antalet mål; inom parentes andelen av nämndens mål (för "
                     "indikatorerna: av alla kopplingar mellan mål och indikator)."),
                table, download_links("malkvalitet", "quality",
                                      {"period": followup.key, "namnd": namnd}),
                *more, card_id="malkvalitet-table")


def list_card(view: cb.QualityView, findings):
    """The goals behind one figure, for one nämnd's row or for all."""
    followup, finding = view.followup, view.lista
    row = view.rows[0] if view.namnd else None
    measure = cb.measures(followup, view.factors)[finding]
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


def explanation_card(followup, factors: bool = False):
    """How each figure is counted, in plain Swedish."""
    items = [html.Dt("Andel mätbara"),
             html.Dd("Andelen av nämndens mål som är mätbara, se nedan. Resten räknas under "
                     "”Saknar mätbar indikator”.")]
    for measure in cb.measures(followup, factors).values():
        items += [html.Dt(measure.heading), html.Dd(measure.explanation)]
    return card("Så räknar vi", None, html.Dl(items, className="explanations mb-0"),
                card_id="malkvalitet-explanations")


# --- The page ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Args:
    """`?period=2026-T1&namnd=HSN&lista=utan_indikator`: the follow-up (default: the latest
    with data), one nämnd's row (default: all) and the goals behind one of its figures."""

    period: str | None = None
    namnd: str | None = None
    lista: str | None = None


@dataclass(frozen=True)
class MalkvalitetData:
    """What the page shows: the view the arguments ask for (None before any follow-up) and,
    for a `lista`, the goals behind that figure."""

    args: Args
    view: cb.QualityView | None
    findings: list[GoalFinding]
    sees_everything: bool


def load(session, viewer, args: Args) -> MalkvalitetData:
    """The figures per nämnd at the follow-up and the list asked for; BadArgument (Swedish)
    for a follow-up, nämnd or list that is not there."""
    view = cb.resolve(session, viewer, args.period, args.namnd, args.lista)
    findings = (goal_findings(session, viewer, view.followup, view.lista, view.namnd,
                              view.factors)
                if view is not None and view.lista else [])
    return MalkvalitetData(args, view, findings, viewer.sees_everything)


def view(data: MalkvalitetData) -> list:
    """The period selector, the list asked for, the figures per nämnd and how they are
    counted."""
    top = header(_crumbs(), TITLE, LEAD)
    found = data.view
    if found is None:
        return [*top, message("Det finns inga uppföljningar att visa ännu.")]
    args = data.args
    parts = [*top,
             dcc.Store(id="malkvalitet-args", data={"period": args.period, "namnd": args.namnd,
                                                    "lista": args.lista}),
             dbc.Row(dbc.Col(selector("malkvalitet-period", "Uppföljningsperiod",
                                      period_options(found.followups), found.followup.key),
                             md=5, xl=3), class_name="mb-4 controls")]
    if found.lista:
        parts.append(list_card(found, data.findings))
    return [*parts, table_card(found, data.sees_everything), explanation_card(found.followup, found.factors)]


def tables(data: MalkvalitetData) -> dict[str, Table]:
    """The auditors' figures per nämnd at the follow-up and, for a `lista`, the goals behind
    one of them."""
    found = data.view
    if found is None:
        return {}
    files = {"quality": cb.quality_file(found.rows, found.followup)}
    if found.lista:
        files["list"] = cb.finding_file(data.findings, found.lista, found.followup)
    return files


def problem(error: BadArgument) -> list:
    """A follow-up, nämnd or list that is not there: why, and the way to all nämnder."""
    return [*header(_crumbs(), TITLE, LEAD),
            message(str(error), ("Visa målkvaliteten för alla nämnder", page_url("malkvalitet")))]


PAGE = Page(
    key="malkvalitet", path="/mal/kvalitet", title=TITLE, lead=LEAD, access="internal",
    order=30, section="mal", subnav="Målkvalitet", args=Args, load=load, layout=view,
    tables=tables, problem=problem,
)
