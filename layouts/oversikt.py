"""Översikt: the whole region at a glance, goal fulfilment, budget deviation and open risks."""

from __future__ import annotations

from dataclasses import dataclass

import dash_bootstrap_components as dbc

from callbacks import ekonomi as eco
from callbacks.internkontroll import HIGH_RISK_SV, OPEN_RULE_SV, band_chip, origin_text, whose_risks
from callbacks.statsbidrag import OverdueReports, overdue_reports
from callbacks.oversikt import (
    SHARES_ROUNDED_SV,
    earlier_text,
    followed_up_text,
    status_chart_label,
    status_figure,
    status_rows,
)
from dash import dcc, html
from dashboard.core import formatting as fmt
from dashboard.core.urls import page_url
from dashboard.core.wording import fill, word
from layouts.components import card, chart, data_table, empty_card, kpi_card, note, status_text
from dashboard.core.urls import page_path
from data_access.queries.economy import YearToDate, budget_deviation, own_namnd_code
from data_access.queries.filters import may_see_economy, may_see_internal_control
from data_access.queries.goals import StatusDistribution, goal_status_distribution
from data_access.queries.risks import (
    RedGoalsWithRisks,
    RiskCount,
    open_high_risks,
    red_goals_with_high_risks,
)
from data_access.scope import Viewer
from layouts.components import login_card, page_header
from layouts.page import Page
from layouts.statsbidrag import overdue_reports_card

TITLE = "Översikt"
LEAD = (
    "Läget i {whole} just nu: hur väl målen uppfylls, hur ekonomin går mot budget "
    "och hur många allvarliga risker som ännu inte är hanterade."
)


# --- Cards ------------------------------------------------------------------------------


def goal_status_card(dist: StatusDistribution | None, viewer: Viewer):
    """The card with the status distribution of the viewer's goals at the latest follow-up."""
    title = "Måluppfyllelse"
    if dist is None:
        return empty_card(title, "Inga mål har följts upp ännu.")
    period = fmt.followup_label(dist.followup.kind, dist.followup.year)
    table = data_table(
        f"Antal mål per status, {period}",
        ["Status", "Antal", "Andel"],
        status_rows(dist),
        [False, True, True],
    )
    return card(
        title,
        f"{period} (per {fmt.iso_date(dist.followup.end_date)})",
        note(f"{followed_up_text(dist.total, viewer)} Status enligt rapporterad bedömning. "
             f"{SHARES_ROUNDED_SV}"),
        dbc.Row(
            [
                dbc.Col(
                    chart(status_figure(dist), status_chart_label(dist), "overview-status-chart"),
                    md=6,
                ),
                dbc.Col(table, md=6),
            ],
            class_name="g-3 align-items-center",
        ),
        card_id="overview-goals",
    )


def budget_card(ytd: YearToDate | None, unit: str | None = None):
    """The card with the year-to-date budget deviation in mnkr, titled with its months, what
    it is the difference of (as shown, so that it subtracts) and what its sign means; the
    figure links to the Ekonomi view of its months (of `unit`, a member's nämnd, if given)."""
    if ytd is None:
        return empty_card("Budgetavvikelse", "Det finns inget ekonomiskt utfall ännu.")
    period = fmt.year_to_date_label(ytd.year, ytd.month)
    pair = eco.as_shown(ytd.budget_tkr, ytd.utfall_tkr, "mnkr")
    explanation = (
        f"Utfall minus budget för {period}: {word('noun_gen')} resultat (intäkter minus kostnader) är "
        f"{pair.amount(pair.outcome)} mot budgeterat {pair.amount(pair.budget)}. Ett negativt "
        "tal betyder att det har gått sämre än planerat: högre kostnader eller lägre intäkter "
        "än i budgeten."
    )
    return kpi_card(f"Budgetavvikelse {period}", fill("{Whole}, belopp i mnkr"),
                    pair.amount(pair.difference, signed=True), explanation, "overview-budget",
                    href=page_url("ekonomi", unit=unit, year=ytd.year, month=ytd.month))


def risk_card(risks: RiskCount | None, viewer: Viewer):
    """The card with the number of open high risks the viewer may see, of every year."""
    title = "Öppna höga risker"
    if risks is None:
        return empty_card(title, "Det finns inga riskanalyser att visa.")
    explanation = (
        f"Risker i {whose_risks(viewer)} med {HIGH_RISK_SV}; riskvärdet är sannolikhet × "
        "konsekvens, skala 1–16. Öppen betyder att risken ännu inte har förts ner till en "
        f"godtagbar nivå. {OPEN_RULE_SV} {earlier_text(risks)}"
    )
    return kpi_card(title, f"Riskanalyser till och med {risks.year}", fmt.number(risks.count),
                    explanation, "overview-risks",
                    href=page_url("internkontroll", status="oppen", year=risks.year))


def red_goal_risk(risk) -> html.Li:
    """One open high risk of a red goal: a link, its riskvärde, and whose it is and from which
    riskanalys (the same title recurs in several nämnders' riskanalyser)."""
    return html.Li([dcc.Link(risk.title, href=page_url("risk", code=risk.code)), " ",
                    band_chip(risk.risk_value),
                    html.Div(origin_text(risk.namnd, risk.year), className="cell-note")])


def red_goal_rows(data: RedGoalsWithRisks) -> list[list]:
    """Table rows: the red goal (a link to it) and its open high risks (links, with riskvärde,
    nämnd and riskanalys)."""
    return [
        [dcc.Link(goal.title, href=page_url("mal", goal=goal.code)),
         html.Ul([red_goal_risk(r) for r in goal.risks],
                 className="list-unstyled mb-0 red-goal-risks")]
        for goal in data.goals
    ]


def red_goals_card(data: RedGoalsWithRisks | None, viewer: Viewer):
    """The goals reported red at the latest follow-up that also have open high risks."""
    title = "Röda mål med höga risker"
    if data is None:
        return empty_card(title, "Inga mål har följts upp ännu.")
    period = fmt.followup_label(data.kind, data.year)
    explanation = note(
        f"Mål som bedömdes {status_text('red')} vid {period} och som också har öppna risker "
        f"med {HIGH_RISK_SV} i {whose_risks(viewer)}, från vilket års riskanalys som helst: "
        "en risk är öppen tills den har accepterats eller stängts. Under varje risk står vems "
        "den är och vilket års riskanalys den kommer från. Där är det mest bråttom att följa "
        "upp åtgärderna.")
    if not data.goals:
        return card(title, period, explanation, note("Inga röda mål har öppna höga risker."),
                    card_id="overview-red-goals")
    table = data_table(f"Röda mål vid {period} och deras öppna höga risker",
                       ["Mål", "Öppna höga risker"], red_goal_rows(data), [False, False])
    return card(title, period, explanation, table, card_id="overview-red-goals")


# --- The page -----------------------------------------------------------------------------


@dataclass(frozen=True)
class OverviewData:
    """What the page shows the viewer: the goal status distribution, and the budget deviation
    and risks where the viewer may see them (None inside: there is nothing to show yet)."""

    viewer: Viewer
    distribution: StatusDistribution | None
    sees_economy: bool
    budget: YearToDate | None
    sees_risks: bool
    risks: RiskCount | None
    red_goals: RedGoalsWithRisks | None
    namnd_code: str | None = None  # a member's one nämnd: where the budget figure leads
    # Grant reports to the agencies that are overdue (economy roles only).
    overdue_reports: OverdueReports | None = None


def load(session, viewer: Viewer, _args) -> OverviewData:
    """The figures of the viewer's scope (economy and risks only for roles that may see them)."""
    sees_economy, sees_risks = may_see_economy(viewer), may_see_internal_control(viewer)
    return OverviewData(
        viewer, goal_status_distribution(session, viewer),
        sees_economy, budget_deviation(session, viewer) if sees_economy else None,
        sees_risks, open_high_risks(session, viewer) if sees_risks else None,
        red_goals_with_high_risks(session, viewer) if sees_risks else None,
        own_namnd_code(session, viewer) if sees_economy else None,
        overdue_reports(session, viewer) if sees_economy else None,
    )


def _figure_cards(data: OverviewData) -> list:
    """The budget and risk cards the viewer may see, or a card inviting the public to log in."""
    cards = []
    if data.sees_economy:
        cards.append(budget_card(data.budget, data.namnd_code))
    if data.sees_risks:
        cards.append(risk_card(data.risks, data.viewer))
    if data.overdue_reports and data.overdue_reports.reports:
        cards.append(overdue_reports_card(data.overdue_reports))
    return cards or [login_card("Ekonomi och internkontroll",
                                "Hur ekonomin går mot budget och nämndernas risker",
                                page_path("oversikt"), "overview-login")]


def view(data: OverviewData) -> list:
    """The goal card beside the budget and risk cards (or the login card), then the red goals
    with open high risks for roles that may see risks."""
    figures = dbc.Row([dbc.Col(figure, md=6, xl=12) for figure in _figure_cards(data)],
                      class_name="g-4")
    red_goals = ([dbc.Row(dbc.Col(red_goals_card(data.red_goals, data.viewer)),
                          class_name="g-4 mt-0 pt-4")] if data.sees_risks else [])
    return [
        page_header(TITLE, LEAD),
        dbc.Row([dbc.Col(goal_status_card(data.distribution, data.viewer), xl=7),
                 dbc.Col(figures, xl=5)], class_name="g-4"),
        *red_goals,
    ]


PAGE = Page(
    key="oversikt", path="/", title=TITLE, lead=LEAD, access="public", order=0,
    nav="Översikt", load=load, layout=view,
)
