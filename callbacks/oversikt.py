"""Översikt: pure functions from query results to the page's cards and chart."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import plotly.graph_objects as go
from dash import dcc, html

from callbacks import ekonomi as eco
from callbacks.internkontroll import (
    HIGH_RISK_SV,
    OPEN_RULE_SV,
    band_chip,
    origin_text,
    whose_risks,
    your_namnder,
)
from dashboard import charts
from dashboard.core import formatting as fmt
from dashboard.core.urls import page_url
from data_access.queries.economy import YearToDate
from data_access.queries.goals import StatusDistribution
from data_access.queries.risks import RedGoalsWithRisks, RiskCount
from data_access.scope import Viewer
from data_access.status import STATUS_LABELS_SV, STATUSES
from layouts.components import (
    STATUS_COLOURS,
    card,
    chart,
    data_table,
    empty_card,
    kpi_card,
    note,
    status_badge,
    status_text,
)

SHARES_ROUNDED_SV = ("Andelarna är avrundade till hela procent, de största resterna uppåt, så att "
                     f"de tillsammans blir {fmt.percent(100, 0)}.")


def status_shares(dist: StatusDistribution) -> list[int] | None:
    """Each status's share of the goals in whole per cent, adding up to 100 (None for none)."""
    return fmt.whole_percentages([dist.counts[s] for s in STATUSES])


def status_rows(dist: StatusDistribution) -> list[list]:
    """Table rows: status badge, number of goals, share of all goals."""
    shares = status_shares(dist) or [None] * len(STATUSES)
    return [[status_badge(s), fmt.number(dist.counts[s]), fmt.percent(share, 0)]
            for s, share in zip(STATUSES, shares)]


def status_figure(dist: StatusDistribution) -> go.Figure:
    """A horizontal bar per status, labelled with symbol, word and count."""
    counts = [dist.counts[s] for s in STATUSES]
    bar = go.Bar(
        x=counts,
        y=[status_text(s) for s in STATUSES],
        orientation="h",
        marker_color=[STATUS_COLOURS[s] for s in STATUSES],
        text=[fmt.number(c) for c in counts],
        textposition="outside",
        cliponaxis=False,
        hovertemplate="%{y}: %{x} mål<extra></extra>",
    )
    return go.Figure(bar, layout=charts.layout(
        210, margin={"l": 8, "r": 40, "t": 8, "b": 8}, showlegend=False,
        xaxis={"title": {"text": "Antal mål"}, "tickformat": ",d", "rangemode": "tozero"},
        yaxis={"autorange": "reversed", "ticksuffix": "  "},
    ))


def status_chart_label(dist: StatusDistribution) -> str:
    """What the chart shows, in words, for screen readers."""
    parts = ", ".join(f"{STATUS_LABELS_SV[s].word} {dist.counts[s]}" for s in STATUSES)
    return f"Stapeldiagram, antal mål per status: {parts}."


def followed_up_text(total: int, viewer: Viewer) -> str:
    """Which goals the viewer's distribution counts, e.g. `12 publicerade mål följdes upp.`"""
    count = fmt.number(total)
    if viewer.sees_everything:
        return f"{count} mål på alla nivåer, från målområden till enheter, följdes upp."
    if viewer.is_public:
        return f"{count} publicerade mål följdes upp."
    return (f"{count} mål följdes upp: regionens målområden, alla nämnders nämndmål, "
            f"{your_namnder(viewer)} mål ner till enheterna och övriga publicerade mål.")


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


def budget_card(ytd: YearToDate | None):
    """The card with the year-to-date budget deviation in mnkr, titled with its months, what
    it is the difference of (as shown, so that it subtracts) and what its sign means."""
    if ytd is None:
        return empty_card("Budgetavvikelse", "Det finns inget ekonomiskt utfall ännu.")
    period = fmt.year_to_date_label(ytd.year, ytd.month)
    pair = eco.as_shown(ytd.budget_tkr, ytd.utfall_tkr, "mnkr")
    explanation = (
        f"Utfall minus budget för {period}: regionens resultat (intäkter minus kostnader) är "
        f"{pair.amount(pair.outcome)} mot budgeterat {pair.amount(pair.budget)}. Ett negativt "
        "tal betyder att det har gått sämre än planerat: högre kostnader eller lägre intäkter "
        "än i budgeten."
    )
    return kpi_card(f"Budgetavvikelse {period}", "Hela regionen, belopp i mnkr",
                    pair.amount(pair.difference, signed=True), explanation, "overview-budget")


def earlier_text(risks: RiskCount) -> str:
    """How many of the open high risks come from riskanalyser before the latest."""
    if not risks.earlier:
        return f"Alla kommer från riskanalyserna {risks.year}."
    return (f"{fmt.number(risks.earlier)} av dem kommer från riskanalyser före {risks.year} "
            "och är fortfarande öppna.")


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
                    explanation, "overview-risks")


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
