"""Översikt: the whole region at a glance, goal fulfilment, budget deviation and open risks."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import dash_bootstrap_components as dbc

from callbacks import ekonomi as eco
from callbacks.internkontroll import (
    HIGH_RISK_SV,
    OPEN_RULE_SV,
    band_chip,
    filter_select,
    origin_text,
    select_value,
    whose_risks,
)
from callbacks.statsbidrag import OverdueReports, overdue_reports
from callbacks.oversikt import (
    KEY,
    SHARES_ROUNDED_SV,
    choose_namnd,
    earlier_text,
    followed_up_text,
    namnd_goals_text,
    region_goals_text,
    status_chart_label,
    status_figure,
    status_rows,
    uppdrag_text,
)
from callbacks.uppdrag import today_for
from dash import dcc, html
from dashboard.core import formatting as fmt
from dashboard.core.args import BadArgument
from dashboard.core.urls import login_url, page_path, page_search, page_url
from dashboard.core.wording import fill, word
from data_access.queries.economy import YearToDate, budget_deviation, own_namnd_code
from data_access.queries.filters import may_see_economy, may_see_internal_control
from data_access.queries.goals import (
    StatusDistribution,
    goal_status_distribution,
    namnd_status_distribution,
)
from data_access.queries.grants import Namnd
from data_access.queries.risks import (
    RedGoalsWithRisks,
    RiskCount,
    open_high_risks,
    red_goals_with_high_risks,
)
from data_access.queries.uppdrag import namnd_uppdrag_counts
from data_access.scope import Viewer
from layouts.components import (
    card,
    chart,
    data_table,
    empty_card,
    kpi_card,
    login_card,
    message,
    note,
    page_header,
    status_text,
)
from layouts.page import Page
from layouts.statsbidrag import overdue_reports_card

TITLE = "Översikt"
LEAD = (
    "Läget i {whole} just nu: hur väl målen uppfylls, hur ekonomin går mot budget "
    "och hur många allvarliga risker som ännu inte är hanterade."
)
NAMND_LEAD = ("Läget i nämnden just nu: hur väl nämndens mål uppfylls, hur nämndens ekonomi "
              "går mot budget, nämndens allvarliga risker och dess uppdrag. Längst ner, för sig: "
              "{noun} som helhet.")
# The region's goals every member may see, whatever their nämnd (queries.filters).
REGION_GOAL_KINDS = ("malomrade", "namndmal")
REGION_TITLE = "{Noun} som helhet"
REGION_LEAD = ("Sammanfattningen för {whole}, inte bara nämnden: målområdena och alla nämnders "
               "nämndmål, och {noun_gen} ekonomi.")


# --- Cards ------------------------------------------------------------------------------


def goal_status_card(dist: StatusDistribution | None, counted, card_id: str = "overview-goals",
                     title: str = "Måluppfyllelse", whose: str = ""):
    """The card with a status distribution at the latest follow-up; `counted(total)` says
    which goals it counts, `whose` (e.g. ` i hela regionen`) tells its table from another's."""
    if dist is None:
        return empty_card(title, "Inga mål har följts upp ännu.")
    period = fmt.followup_label(dist.followup.kind, dist.followup.year)
    table = data_table(
        f"Antal mål per status{whose}, {period}",
        ["Status", "Antal", "Andel"],
        status_rows(dist),
        [False, True, True],
    )
    chart_id = card_id.replace("-goals", "-status-chart")
    return card(
        title,
        f"{period} (per {fmt.iso_date(dist.followup.end_date)})",
        note(f"{counted(dist.total)} Status enligt rapporterad bedömning. {SHARES_ROUNDED_SV}"),
        dbc.Row(
            [
                dbc.Col(chart(status_figure(dist), status_chart_label(dist), chart_id), md=6),
                dbc.Col(table, md=6),
            ],
            class_name="g-3 align-items-center",
        ),
        card_id=card_id,
    )


def budget_card(ytd: YearToDate | None, unit: str | None = None, namnd: Namnd | None = None,
                card_id: str = "overview-budget"):
    """The card with the year-to-date budget deviation in mnkr, titled with its months, what
    it is the difference of (as shown, so that it subtracts) and what its sign means; the
    figure links to the Ekonomi view of its months (of `unit`, if given). Of the whole
    region, or of `namnd` with everything under it."""
    if ytd is None:
        return empty_card("Budgetavvikelse", "Det finns inget ekonomiskt utfall ännu.")
    period = fmt.year_to_date_label(ytd.year, ytd.month)
    pair = eco.as_shown(ytd.budget_tkr, ytd.utfall_tkr, "mnkr")
    whose = word("noun_gen") if namnd is None else "nämndens"
    under = "" if namnd is None else ", med alla förvaltningar och enheter under nämnden"
    explanation = (
        f"Utfall minus budget för {period}: {whose} resultat (intäkter minus kostnader{under}) är "
        f"{pair.amount(pair.outcome)} mot budgeterat {pair.amount(pair.budget)}. Ett negativt "
        "tal betyder att det har gått sämre än planerat: högre kostnader eller lägre intäkter "
        "än i budgeten."
    )
    scope = fill("{Whole}") if namnd is None else namnd.name
    return kpi_card(f"Budgetavvikelse {period}", f"{scope}, belopp i mnkr",
                    pair.amount(pair.difference, signed=True), explanation, card_id,
                    href=page_url("ekonomi", unit=unit, year=ytd.year, month=ytd.month))


def risk_card(risks: RiskCount | None, whose: str, namnd: str | None = None):
    """The card with the number of open high risks in `whose` riskanalyser (e.g. `din nämnds
    riskanalyser`), of every year; the figure links to them (of `namnd`, if given)."""
    title = "Öppna höga risker"
    if risks is None:
        return empty_card(title, "Det finns inga riskanalyser att visa.")
    explanation = (
        f"Risker i {whose} med {HIGH_RISK_SV}; riskvärdet är sannolikhet × "
        "konsekvens, skala 1–16. Öppen betyder att risken ännu inte har förts ner till en "
        f"godtagbar nivå. {OPEN_RULE_SV} {earlier_text(risks)}"
    )
    return kpi_card(title, f"Riskanalyser till och med {risks.year}", fmt.number(risks.count),
                    explanation, "overview-risks",
                    href=page_url("internkontroll", namnd=namnd, status="oppen", year=risks.year))


def uppdrag_card(counts: dict[str, int], namnd: Namnd, today: dt.date):
    """The card with the number of the nämnd's overdue uppdrag on `today`, linking to them."""
    return kpi_card("Försenade uppdrag", f"{namnd.name}, per {fmt.iso_date(today)}",
                    fmt.number(counts.get("forsenat", 0)), uppdrag_text(counts),
                    "overview-uppdrag",
                    href=page_url("uppdrag", namnd=namnd.code, status="forsenat"))


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


def red_goals_card(data: RedGoalsWithRisks | None, whose: str):
    """The goals reported red at the latest follow-up that also have open high risks in
    `whose` riskanalyser."""
    title = "Röda mål med höga risker"
    if data is None:
        return empty_card(title, "Inga mål har följts upp ännu.")
    period = fmt.followup_label(data.kind, data.year)
    explanation = note(
        f"Mål som bedömdes {status_text('red')} vid {period} och som också har öppna risker "
        f"med {HIGH_RISK_SV} i {whose}, från vilket års riskanalys som helst: "
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
class Args:
    """`?namnd=HSN`: one nämnd's view, its figures apart from the region's (default: a
    member's first nämnd, the whole region for everyone else)."""

    namnd: str | None = None


@dataclass(frozen=True)
class RegionSummary:
    """What a nämnd's view shows of the whole region: its målområden's and nämndmål's status
    and its budget deviation."""

    distribution: StatusDistribution | None
    budget: YearToDate | None


@dataclass(frozen=True)
class OverviewData:
    """What the page shows the viewer: the goal status distribution, and the budget deviation
    and risks where the viewer may see them (None inside: there is nothing to show yet). Of
    the whole region, or of one nämnd (`namnd`) with the region's summary apart (`region`)."""

    viewer: Viewer
    distribution: StatusDistribution | None
    sees_economy: bool
    budget: YearToDate | None
    sees_risks: bool
    risks: RiskCount | None
    red_goals: RedGoalsWithRisks | None
    namnd_code: str | None = None  # where the budget figure leads
    namnd: Namnd | None = None
    namnder: tuple[Namnd, ...] = ()  # what the switcher offers
    uppdrag: dict[str, int] | None = None
    today: dt.date | None = None  # the day overdue uppdrag are judged on
    region: RegionSummary | None = None
    named: bool = True  # the URL named the nämnd (else it is a member's first)
    # Grant reports to the agencies that are overdue (economy roles only).
    overdue_reports: OverdueReports | None = None


def load(session, viewer: Viewer, args: Args) -> OverviewData:
    """The figures of the viewer's scope (economy and risks only for roles that may see them),
    or of the nämnd the URL names; BadArgument (Swedish) for a nämnd the viewer may not see."""
    namnd, namnder = choose_namnd(session, viewer, args.namnd)
    if namnd is not None:
        return load_namnd(session, viewer, namnd, namnder, named=bool(args.namnd))
    sees_economy, sees_risks = may_see_economy(viewer), may_see_internal_control(viewer)
    return OverviewData(
        viewer, goal_status_distribution(session, viewer),
        sees_economy, budget_deviation(session, viewer) if sees_economy else None,
        sees_risks, open_high_risks(session, viewer) if sees_risks else None,
        red_goals_with_high_risks(session, viewer) if sees_risks else None,
        own_namnd_code(session, viewer) if sees_economy else None, namnder=tuple(namnder),
        overdue_reports=overdue_reports(session, viewer) if sees_economy else None,
    )


def load_namnd(session, viewer: Viewer, namnd: Namnd, namnder: list[Namnd],
               named: bool = True) -> OverviewData:
    """One nämnd's goals, economy, risks and uppdrag, and the region's summary apart."""
    region = RegionSummary(goal_status_distribution(session, viewer, REGION_GOAL_KINDS),
                           budget_deviation(session, viewer))
    today = today_for(session, viewer)
    return OverviewData(
        viewer, namnd_status_distribution(session, viewer, namnd.id),
        True, budget_deviation(session, viewer, namnd.id),
        True, open_high_risks(session, viewer, namnd.id),
        red_goals_with_high_risks(session, viewer, namnd.id),
        namnd.code, namnd, tuple(namnder),
        namnd_uppdrag_counts(session, viewer, today, namnd.code), today, region, named,
        overdue_reports(session, viewer, namnd.id),
    )


def switcher(data: OverviewData) -> list:
    """The nämnd select: a member's own nämnder (when more than one), or for ledning and admin
    every nämnd and the whole region. Its options' values are the page's query strings."""
    member = not data.viewer.sees_everything
    if len(data.namnder) < (2 if member else 1):
        return []
    options = [] if member else [{"label": fill("{Whole}"), "value": select_value(page_url(KEY))}]
    options += [{"label": n.name, "value": select_value(page_url(KEY, namnd=n.code))}
                for n in data.namnder]
    here = select_value(page_url(KEY, namnd=data.namnd.code if data.namnd else None))
    label = "Byt nämnd" if member else "Visa"
    # The view drawn: after a switch the select keeps the focus (callbacks/pagetools.py).
    view_stores = [dcc.Store(id=f"{KEY}-view", data=here), dcc.Store(id=f"{KEY}-view-shown")]
    return [html.Div([filter_select(f"{KEY}-namnd", label, options, here), *view_stores],
                     className="ik-filters overview-switcher", role="group",
                     **{"aria-label": "Välj nämnd"})]


def _figure_cards(data: OverviewData) -> list:
    """The budget and risk cards the viewer may see, or a card inviting the public to log in."""
    cards = []
    if data.sees_economy:
        cards.append(budget_card(data.budget, data.namnd_code))
    if data.sees_risks:
        cards.append(risk_card(data.risks, whose_risks(data.viewer)))
    if data.overdue_reports and data.overdue_reports.reports:
        cards.append(overdue_reports_card(data.overdue_reports))
    return cards or [login_card("Ekonomi och internkontroll",
                                "Hur ekonomin går mot budget och nämndernas risker",
                                page_path("oversikt"), "overview-login")]


def _rows(goals, figures: list, red_goals) -> list:
    """The goal card beside the figure cards, then the red goals card below."""
    column = dbc.Row([dbc.Col(figure, md=6, xl=12) for figure in figures], class_name="g-4")
    return [dbc.Row([dbc.Col(goals, xl=7), dbc.Col(column, xl=5)], class_name="g-4"),
            *([dbc.Row(dbc.Col(red_goals), class_name="g-4 mt-0 pt-4")] if red_goals else [])]


def view(data: OverviewData) -> list:
    """The whole region's view, or a nämnd's (`namnd_view`); the switcher above either."""
    if data.namnd is not None:
        return namnd_view(data)
    red_goals = red_goals_card(data.red_goals, whose_risks(data.viewer)) if data.sees_risks else None
    return [page_header(TITLE, LEAD), *switcher(data),
            *_rows(goal_status_card(data.distribution,
                                    lambda total: followed_up_text(total, data.viewer)),
                   _figure_cards(data), red_goals)]


def namnd_view(data: OverviewData) -> list:
    """Min nämnd: the nämnd's goals, economy, risks and uppdrag, then, in a section of its
    own, the whole region's summary."""
    namnd = data.namnd
    title = (f"Min nämnd: {namnd.name}" if not data.viewer.sees_everything
             else f"Nämnd: {namnd.name}")
    whose = "nämndens riskanalyser"
    figures = [budget_card(data.budget, namnd.code, namnd),
               risk_card(data.risks, whose, namnd.code), uppdrag_card(data.uppdrag, namnd, data.today)]
    if data.overdue_reports and data.overdue_reports.reports:
        figures.append(overdue_reports_card(data.overdue_reports))
    return [
        page_header(title, NAMND_LEAD), *switcher(data), *address(data),
        html.Section(_rows(goal_status_card(data.distribution, namnd_goals_text,
                                            whose=f" i {namnd.name}"),
                           figures, red_goals_card(data.red_goals, whose)),
                     id="overview-namnd", **{"aria-label": namnd.name}),
        region_section(data.region),
    ]


def address(data: OverviewData) -> list:
    """The query naming the nämnd drawn, for the address when it named none (a member's
    landing on `/`): assets/oversikt.js puts it there."""
    if data.named:
        return []
    return [dcc.Store(id=f"{KEY}-url", data=page_search(namnd=data.namnd.code)),
            dcc.Store(id=f"{KEY}-url-shown")]


def region_section(region: RegionSummary) -> html.Section:
    """The whole region's summary, headed and framed apart from the nämnd's figures."""
    title = fill(REGION_TITLE)
    return html.Section(
        [html.H2(title, id="overview-region-heading", className="region-heading"),
         html.P(fill(REGION_LEAD), className="text-body-secondary"),
         dbc.Row([dbc.Col(goal_status_card(region.distribution, region_goals_text,
                                           "overview-region-goals",
                                           fill("Måluppfyllelse i {whole}"),
                                           fill(" i {whole}")), xl=7),
                  dbc.Col(budget_card(region.budget, card_id="overview-region-budget"), xl=5)],
                 class_name="g-4")],
        id="overview-region", className="overview-region mt-5 pt-4",
        **{"aria-labelledby": "overview-region-heading"},
    )


def problem(error: BadArgument) -> list:
    """A nämnd the viewer may not see: why, the way back to their own view and, for the
    public, the way to log in."""
    links = [("Logga in", login_url(page_path(KEY)))] if error.status == 401 else []
    return [page_header(TITLE, LEAD),
            message(str(error), *links, ("Till Översikt", page_url(KEY)),
                    alert_id=f"{KEY}-problem")]


PAGE = Page(
    key=KEY, path="/", title=TITLE, lead=LEAD, access="public", order=0,
    nav="Översikt", args=Args, load=load, layout=view, problem=problem,
)
