"""Risk: one risk of a nämnd's riskanalys, `/internkontroll/risk?code=HSN-2026-R15`.

Its scoring now and over time, its kontrollmoment with their results, its åtgärder (an
åtgärd shared with other risks lists them) and the goals it threatens. A risk the viewer may
not see gives the same message as one that does not exist.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import dash_bootstrap_components as dbc
from dash import dcc, html

import callbacks.internkontroll as shape
from dashboard.core.wording import fill
from dashboard.core import formatting as fmt
from dashboard.core.args import BadArgument
from dashboard.core.exports import Table
from dashboard.core.urls import page_path, page_url
from data_access.queries.filters import may_see_internal_control
from data_access.queries.risks import RiskDetail, as_of_date, risk_detail
from data_access.scope import Viewer
from layouts.components import (
    card,
    chart,
    data_table,
    download_links,
    login_card,
    note,
    page_header,
)
from layouts.page import Page, section_nav

TITLE = "Risk"
LEAD = ("En risk i en nämnds riskanalys: hur allvarlig den är, hur den har bedömts, hur den "
        "kontrolleras och vilka åtgärder som görs.")


def _breadcrumbs(detail) -> html.Nav:
    """Internkontroll › the nämnd's risks of the year › this risk."""
    items = [
        html.Li(dcc.Link("Internkontroll", href=page_url("internkontroll")),
                className="breadcrumb-item"),
        html.Li(dcc.Link(f"{detail.namnd} {detail.year}",
                         href=page_url("internkontroll", namnd=detail.namnd_code,
                                       year=detail.year)),
                className="breadcrumb-item"),
        html.Li(detail.title, className="breadcrumb-item active", **{"aria-current": "page"}),
    ]
    return html.Nav(html.Ol(items, className="breadcrumb"), className="ik-breadcrumbs",
                    **{"aria-label": "Du är här"})


def _header(detail, viewer) -> html.Div:
    """Breadcrumbs, what kind of risk, its title, riskvärde and status, and its description."""
    in_plan = "I internkontrollplanen" if detail.in_control_plan else "Inte i internkontrollplanen"
    return html.Div([
        section_nav("internkontroll", None,
                    links=dict.fromkeys(("internkontroll", "internkontrollplan"),
                                        {"namnd": detail.namnd_code, "year": detail.year})),
        _breadcrumbs(detail),
        html.P(f"Risk i {detail.namnd}s riskanalys {detail.year} · {detail.process}",
               className="eyebrow"),
        html.H1(detail.title, id="risk-heading", tabIndex="-1"),
        html.Div([shape.band_chip(detail.risk_value),
                  html.Span(shape.RISK_STATUS_SV[detail.status], className="risk-status"),
                  html.Span(in_plan, className="risk-status")], className="ik-status-line"),
        html.P(detail.description or "Ingen beskrivning är inlagd.", className="lead"),
        *shape.scope_note(viewer),
    ], className="page-header ik-header")


def _facts_card(detail) -> dbc.Card:
    """Who owns the risk, where it belongs, and its scoring now."""
    facts = [
        ("Nämnd", detail.namnd),
        ("Process", detail.process),
        ("Ansvarig enhet", detail.owner_unit),
        ("Riskanalys", str(detail.year)),
        ("Status", shape.RISK_STATUS_SV[detail.status]),
        ("Sannolikhet", shape.scale_text(detail.probability, shape.PROBABILITY_SV)),
        ("Konsekvens", shape.scale_text(detail.consequence, shape.CONSEQUENCE_SV)),
        ("Riskvärde", shape.band_chip(detail.risk_value)),
        ("Kod", detail.code),
    ]
    items = [part for term, value in facts for part in (html.Dt(term), html.Dd(value))]
    return card("Om risken", None, html.Dl(items, className="ik-facts"),
                html.P(shape.BAND_TEXT_SV, className="small text-body-secondary mb-0"),
                card_id="risk-facts")


def _history_card(detail) -> dbc.Card:
    """Sannolikhet and konsekvens at each assessment: a chart and the same as a table."""
    title = "Bedömningar över tid"
    if not detail.history:
        return card(title, None, note("Risken har inga sparade bedömningar."),
                    card_id="risk-history")
    table = data_table(f"Bedömningar av {detail.title}, den senaste först",
                       ["Datum", "Sannolikhet", "Konsekvens", "Riskvärde", "Kommentar"],
                       shape.history_rows(detail.history), [False, False, False, False, False])
    return card(
        title,
        shape.count_text(len(detail.history), "bedömning", "bedömningar"),
        chart(shape.history_figure(detail.history), shape.history_label(detail.history),
              "risk-history-chart"),
        html.Details([html.Summary("Visa som tabell"), table], className="chart-table", open=True),
        download_links("risk", "history", {"code": detail.code}),
        card_id="risk-history",
    )


def _control_section(control, n: int) -> html.Section:
    """One kontrollmoment: how, how often, by whom, reported to whom, and its results."""
    deviations = sum(r.result == "avvikelse" for r in control.results)
    facts = [
        ("Metod", control.method),
        ("Frekvens", control.frequency),
        ("Ansvarig", control.responsible),
        ("Rapporteras till", control.reported_to),
        ("Utförda", f"{fmt.number(len(control.results))} av "
                    f"{fmt.number(control.planned_per_year)} planerade"),
        ("Avvikelser", fmt.number(deviations)),
    ]
    items = [part for term, value in facts for part in (html.Dt(term), html.Dd(value))]
    results = (data_table(f"Resultat av kontrollen {control.description}, det senaste först",
                          ["Datum", "Resultat", "Kommentar"],
                          [[shape.date_text(r.performed_on), shape.result_badge(r.result),
                            r.comment] for r in control.results], [False, False, False])
               if control.results else note("Kontrollen har inte gjorts ännu."))
    return html.Section([html.H3(control.description, className="h5"),
                         html.Dl(items, className="ik-facts"), results],
                        className="ik-control", id=f"risk-control-{n}")


def _controls_card(detail) -> dbc.Card:
    """The risk's kontrollmoment with their latest results."""
    title = "Kontrollmoment"
    if not detail.controls:
        why = ("Risken ingår i internkontrollplanen men har inga kontrollmoment inlagda."
               if detail.in_control_plan else
               "Risken ingår inte i internkontrollplanen och kontrolleras därför inte särskilt.")
        return card(title, None, note(why), card_id="risk-controls")
    return card(title, f"Internkontrollplan {detail.year}",
                *[_control_section(c, n) for n, c in enumerate(detail.controls, start=1)],
                download_links("risk", "controls", {"code": detail.code}, "resultaten"),
                card_id="risk-controls")


def _actions_card(detail, today) -> dbc.Card:
    """The åtgärder against the risk, with owner, due date, status and the other risks."""
    title = "Åtgärder"
    if not detail.actions:
        return card(title, None, note("Inga åtgärder är beslutade mot risken."),
                    card_id="risk-actions")
    return card(
        title,
        f"Per {fmt.iso_date(today)}",
        note(shape.overdue_rule_text(today) + " En åtgärd kan gälla flera risker; de andra "
             "riskerna visas i sista kolumnen."),
        data_table(f"Åtgärder mot {detail.title}",
                   ["Åtgärd", "Ansvarig", "Slutdatum", "Status", "Klar", "Försenad",
                    "Gäller även"],
                   shape.action_rows(detail.actions, today), [False] * 7),
        download_links("risk", "actions", {"code": detail.code}),
        card_id="risk-actions",
    )


def _goals_card(detail) -> dbc.Card:
    """The goals the risk threatens, as links to the Mål page."""
    title = "Mål som risken hotar"
    if not detail.goals:
        return card(title, None, note("Risken är inte kopplad till något mål."),
                    card_id="risk-goals")
    return card(title, None,
                html.Ul([html.Li(dcc.Link(g.title, href=page_url("mal", goal=g.code)))
                         for g in detail.goals], className="ik-goal-list"),
                card_id="risk-goals")


# --- The page ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Args:
    """`?code=HSN-2026-R15`: the risk to show."""

    code: str | None = None


@dataclass(frozen=True)
class RiskData:
    """What the page shows: the risk in detail and the day its åtgärder are judged late on
    (both None for a viewer who may not see any risk)."""

    viewer: Viewer
    detail: RiskDetail | None = None
    today: dt.date | None = None


def load(session, viewer, args: Args) -> RiskData:
    """The risk `code`; BadArgument when none is named or the viewer may not see it."""
    if not may_see_internal_control(viewer):
        return RiskData(viewer)
    code = shape.text_argument(args.code, "code")
    if code is None:
        raise BadArgument("code", shape.NO_RISK_CODE_SV)
    detail = risk_detail(session, viewer, code)
    if detail is None:
        raise BadArgument("code", shape.RISK_NOT_FOUND_SV)
    return RiskData(viewer, detail, as_of_date(session, viewer))


def view(data: RiskData) -> list:
    """The risk: its facts and history, its kontrollmoment, åtgärder and goals."""
    if data.detail is None:
        return [page_header(TITLE, LEAD),
                login_card("Risker", "Nämndernas risker, kontroller och åtgärder",
                           page_path("risk"), "risk-login")]
    detail = data.detail
    return [
        _header(detail, data.viewer),
        dbc.Row([dbc.Col(_facts_card(detail), lg=5), dbc.Col(_history_card(detail), lg=7)],
                class_name="g-4"),
        _controls_card(detail),
        _actions_card(detail, data.today),
        _goals_card(detail),
    ]


def tables(data: RiskData) -> dict[str, Table]:
    """The risk's assessments over time, its control results and its åtgärder."""
    if data.detail is None:
        raise BadArgument("code", shape.RISK_NOT_FOUND_SV)
    return {"history": shape.history_file(data.detail.history),
            "controls": shape.controls_file(data.detail.controls),
            "actions": shape.actions_file(data.detail.actions, data.today)}


def problem(error: BadArgument) -> list:
    """A missing, unknown or foreign risk: the message and a way back, nothing else."""
    return [html.Div([section_nav("internkontroll", None),
                      html.H1(TITLE, id="risk-heading", tabIndex="-1"),
                      html.P(fill(LEAD), className="lead")], className="page-header ik-header"),
            shape.problem(str(error), "Till nämndernas risker", page_url("internkontroll"),
                          "risk-problem")]


# Reached from Internkontroll, not the navbar.
PAGE = Page(
    key="risk", path="/internkontroll/risk", title=TITLE, lead=LEAD, access="internal",
    order=100, section="internkontroll", args=Args, load=load, layout=view, tables=tables,
    problem=problem, class_name="page ik-page",
)
