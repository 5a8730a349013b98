"""Översikt: its queries against independent SQL on the demo region, exact figures on a
hand-built region, viewer scoping, and the pure functions that shape the cards."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from plotly.utils import PlotlyJSONEncoder
from sqlalchemy import text
from sqlalchemy.orm import Session

from callbacks import oversikt as overview
from layouts import oversikt as overview_page
from dashboard.core import formatting as fmt
from data_access.db import get_engine, session_scope
from data_access.queries.economy import YearToDate, budget_deviation
from data_access.queries.goals import (
    goal_status_distribution,
    latest_followup,
    namnd_status_distribution,
)
from data_access.queries.meta import latest_import
from data_access.queries.risks import (
    RiskCount,
    open_high_risks,
    red_goals_with_high_risks,
    risks_by_namnd,
)
from data_access.queries.uppdrag import namnd_uppdrag_counts
from data_access.scope import MANAGEMENT, PUBLIC, Viewer
from tests.helpers import budget_deviation_by_namnd
from tests.small_region import build_small_region
from tests.test_access import add_canary_risk, assert_no_canary, log_in
from tests.test_internal_control import empty_app  # noqa: F401 (a fixture)
from tests.test_pages_http import render_page


@pytest.fixture
def demo(demo_url):
    """A session on the demo region."""
    with Session(get_engine(demo_url)) as session:
        yield session


@pytest.fixture
def small(db_url):
    """A session on the hand-built region (SQLite, and PostgreSQL when configured), and its nämnd ids."""
    with session_scope(db_url) as session:
        ids = build_small_region(session)
    with Session(get_engine(db_url)) as session:
        yield session, ids


def rendered(component) -> str:
    """A component tree as JSON text, non-ASCII characters kept, for looking for text in it."""
    return json.dumps(component, cls=PlotlyJSONEncoder, ensure_ascii=False)


def sql(session, query: str, **params):
    """Rows of a raw SQL query."""
    return session.execute(text(query), params).all()


# --- The demo region against independent SQL ----------------------------------------


def expected_distribution(session, published_only: bool):
    """(followup id, {status: count}) at the latest follow-up, computed in plain SQL."""
    scope = "AND g.kind <> 'malbild'" + (" AND g.published" if published_only else "")
    (period,), = sql(session, f"""
        SELECT fp.id FROM followup_periods fp
        WHERE EXISTS (SELECT 1 FROM goal_statuses gs JOIN goals g ON g.id = gs.goal_id
                      WHERE gs.followup_period_id = fp.id {scope})
        ORDER BY fp.end_date DESC LIMIT 1""")
    rows = sql(session, f"""
        SELECT gs.reported_status, COUNT(*) FROM goal_statuses gs JOIN goals g ON g.id = gs.goal_id
        WHERE gs.followup_period_id = :period {scope} GROUP BY gs.reported_status""", period=period)
    return period, dict(rows)


@pytest.mark.parametrize(("viewer", "published_only"), [(MANAGEMENT, False), (PUBLIC, True)])
def test_goal_status_distribution_matches_sql(demo, viewer, published_only):
    period, counts = expected_distribution(demo, published_only)
    dist = goal_status_distribution(demo, viewer)
    assert dist.followup.id == period
    assert {s: n for s, n in dist.counts.items() if n} == counts
    assert dist.total == sum(counts.values()) > 0


def test_budget_deviation_matches_sql(demo):
    (year, month), = sql(demo, "SELECT year, month FROM economy_entries WHERE kind = 'utfall' "
                               "ORDER BY year DESC, month DESC LIMIT 1")
    (utfall, budget), = sql(demo, """
        SELECT SUM(CASE WHEN kind = 'utfall' THEN amount_tkr ELSE 0 END),
               SUM(CASE WHEN kind = 'budget' THEN amount_tkr ELSE 0 END)
        FROM economy_entries WHERE year = :y AND month <= :m""", y=year, m=month)
    ytd = budget_deviation(demo, MANAGEMENT)
    assert (ytd.year, ytd.month) == (year, month)
    assert ytd.deviation_tkr == pytest.approx(utfall - budget, abs=0.05)
    assert ytd.utfall_tkr == pytest.approx(utfall, abs=0.05)


def test_budget_deviation_by_namnd_matches_sql(demo):
    ytd = budget_deviation(demo, MANAGEMENT)
    rows = sql(demo, """
        SELECT n.name, SUM(CASE WHEN e.kind = 'utfall' THEN e.amount_tkr ELSE -e.amount_tkr END)
        FROM economy_entries e JOIN org_units u ON u.id = e.unit_id
        LEFT JOIN org_units n ON n.id = u.namnd_id
        WHERE e.year = :y AND e.month <= :m AND e.kind IN ('utfall', 'budget') GROUP BY n.name""",
        y=ytd.year, m=ytd.month)
    by_namnd = budget_deviation_by_namnd(demo, MANAGEMENT)
    got = {r.namnd: r.totals.deviation_tkr for r in by_namnd}
    assert got == pytest.approx(dict(rows), abs=0.05)
    assert by_namnd[-1].namnd is None  # amounts under no nämnd come last
    assert sum(got.values()) == pytest.approx(ytd.deviation_tkr, abs=0.5)  # rows add up to the region


def expected_open_high_risks(session, namnd_id: int | None = None) -> tuple[int, int, int]:
    """(latest year, open risks with riskvärde ≥ 8 (Hög and Mycket hög) of any year, of those
    the ones from earlier years), optionally for one nämnd: a risk stays open until it is
    accepted or closed, whatever its riskanalys year."""
    where = "WHERE namnd_id = :n" if namnd_id else ""
    (year,), = sql(session, f"SELECT MAX(year) FROM risks {where}", n=namnd_id)
    (count, earlier), = sql(session, f"""
        SELECT COUNT(*), SUM(CASE WHEN year < :y THEN 1 ELSE 0 END) FROM risks
        WHERE status = 'oppen' AND probability * consequence >= 8
        {where.replace('WHERE', 'AND')}""", y=year, n=namnd_id)
    return year, count, earlier


def test_open_high_risks_matches_sql(demo):
    year, count, earlier = expected_open_high_risks(demo)
    risks = open_high_risks(demo, MANAGEMENT)
    assert (risks.year, risks.count, risks.earlier) == (year, count, earlier)
    assert count > earlier > 0  # the demo has open high risks from last year's riskanalys too


def test_a_namnd_viewer_counts_only_its_own_risks(demo):
    (namnd_id,), = sql(demo, "SELECT namnd_id FROM risks WHERE status = 'oppen' "
                             "AND probability * consequence >= 8 GROUP BY namnd_id "
                             "ORDER BY COUNT(*) DESC LIMIT 1")
    year, count, earlier = expected_open_high_risks(demo, namnd_id)
    risks = open_high_risks(demo, Viewer("namnd", (namnd_id,)))
    assert (risks.year, risks.count, risks.earlier) == (year, count, earlier)
    assert risks.count < open_high_risks(demo, MANAGEMENT).count  # other nämnder have some too


def test_the_public_sees_no_risks(demo):
    assert open_high_risks(demo, PUBLIC) is None
    assert risks_by_namnd(demo, PUBLIC) == (None, [])


def test_latest_import_matches_sql(demo):
    (as_of, is_demo), = sql(demo, "SELECT data_as_of, is_demo FROM import_runs WHERE outcome IN "
                                  "('ok', 'delvis') ORDER BY started_at DESC, id DESC LIMIT 1")
    info = latest_import(demo, PUBLIC)
    assert info.data_as_of.isoformat() == str(as_of)
    assert info.is_demo is bool(is_demo) is True


# --- The hand-built region: figures known by heart ----------------------------------


def test_distribution_is_of_the_latest_followup(small):
    session, _ = small
    dist = goal_status_distribution(session, MANAGEMENT)
    assert (dist.followup.kind, dist.followup.year) == ("DELAR", 2026)
    assert dist.counts == {"green": 3, "yellow": 1, "red": 1, "grey": 1}


def test_the_public_counts_published_goals_only(small):
    session, _ = small
    counts = goal_status_distribution(session, PUBLIC).counts
    assert counts == {"green": 1, "yellow": 1, "red": 0, "grey": 1}


def test_budget_deviation_to_the_latest_month(small):
    session, _ = small
    ytd = budget_deviation(session, MANAGEMENT)
    assert (ytd.year, ytd.month) == (2026, 10)
    assert ytd.utfall_tkr == -15_800 and ytd.budget_tkr == -15_000
    assert ytd.deviation_tkr == -800


def test_open_high_risks_per_viewer(small):
    session, ids = small
    # R0 (9), R1 (16), R3 (12) of 2026 and R5 (16), still open from 2025.
    assert open_high_risks(session, MANAGEMENT) == RiskCount(2026, 4, 1)
    assert open_high_risks(session, Viewer("namnd", (ids["HSN"],))) == RiskCount(2026, 3, 1)
    assert open_high_risks(session, Viewer("namnd", (ids["RUN"],))) == RiskCount(2026, 1, 0)
    assert open_high_risks(session, Viewer("namnd", ())) is None
    assert open_high_risks(session, Viewer("okand-roll", (ids["HSN"],))) is None  # deny by default


def test_one_namnds_figures(small):
    session, ids = small
    member = Viewer("namnd", (ids["HSN"], ids["RUN"]))
    for code, deviation, high in (("HSN", -1000, RiskCount(2026, 3, 1)),
                                  ("RUN", 200, RiskCount(2026, 1, 0))):
        ytd = budget_deviation(session, member, ids[code])  # ten months of (utfall − budget)
        assert (ytd.year, ytd.month, ytd.deviation_tkr) == (2026, 10, deviation)
        assert open_high_risks(session, member, ids[code]) == high
    assert budget_deviation(session, member).deviation_tkr == -800  # the region's, for contrast
    red = red_goals_with_high_risks(session, member, ids["RUN"])
    assert {r.namnd for g in red.goals for r in g.risks} <= {"Regionala utvecklingsnämnden"}
    # Every followed-up goal of the small region is HSN's or its units'.
    assert namnd_status_distribution(session, member, ids["HSN"]).counts == {
        "green": 3, "yellow": 1, "red": 1, "grey": 1}
    assert namnd_status_distribution(session, member, ids["RUN"]).total == 0


def test_risks_by_namnd(small):
    session, ids = small
    year, rows = risks_by_namnd(session, MANAGEMENT)
    assert year == 2026
    # HSN's R5 of 2025 is still open: it is in 2026's view, counted as from an earlier year.
    assert [(r.namnd, r.total, r.open, r.open_high, r.open_earlier) for r in rows] == [
        ("Hälso- och sjukvårdsnämnden", 4, 4, 3, 1),
        ("Regionala utvecklingsnämnden", 2, 1, 1, 0),
    ]
    _, last_year = risks_by_namnd(session, MANAGEMENT, 2025)
    assert [(r.namnd, r.total, r.open_earlier) for r in last_year] == [
        ("Hälso- och sjukvårdsnämnden", 1, 0)]


def test_latest_import_skips_failed_runs(small):
    session, _ = small
    assert latest_import(session, PUBLIC).data_as_of == dt.date(2026, 10, 31)


def test_an_empty_database_gives_no_figures(db_url):
    with Session(get_engine(db_url)) as session:
        assert goal_status_distribution(session, MANAGEMENT) is None
        assert latest_followup(session, MANAGEMENT) is None
        assert budget_deviation(session, MANAGEMENT) is None
        assert budget_deviation_by_namnd(session, MANAGEMENT) == []
        assert open_high_risks(session, MANAGEMENT) is None
        assert latest_import(session, MANAGEMENT) is None


# --- Shaping ------------------------------------------------------------------------


def test_status_rows_show_symbol_word_count_and_share(small):
    session, _ = small
    rows = overview.status_rows(goal_status_distribution(session, MANAGEMENT))
    # 50 % and three of 16,7 %: rounded each on its own they would add up to 101 %.
    assert [row[1:] for row in rows] == [["3", "50\u00a0%"], ["1", "17\u00a0%"],
                                         ["1", "17\u00a0%"], ["1", "16\u00a0%"]]
    assert sum(overview.status_shares(goal_status_distribution(session, MANAGEMENT))) == 100
    badge = rendered(rows[0][0])  # the badge as the browser gets it
    assert '"className": "status-badge status-green"' in badge and '"Uppfyllt"' in badge


def test_status_figure_uses_swedish_separators_and_fixed_colours(small):
    session, _ = small
    figure = overview.status_figure(goal_status_distribution(session, MANAGEMENT))
    assert figure["layout"]["separators"] == ",\u00a0"
    bar = figure["data"][0]
    assert bar["y"] == ["✓ Uppfyllt", "◐ Delvis uppfyllt", "✗ Ej uppfyllt", "– Saknar data"]
    assert bar["x"] == [3, 1, 1, 1]
    assert len(set(bar["marker"]["color"])) == 4


def test_budget_card_says_what_a_negative_figure_means(small, empty_app):  # noqa: F811
    session, _ = small
    card = rendered(overview_page.budget_card(budget_deviation(session, MANAGEMENT)))
    assert fmt.mnkr(-800, signed=True) in card
    assert "Budgetavvikelse jan–okt 2026" in card and "hittills" not in card
    assert "Ett negativt tal betyder" in card


def test_cards_without_data_say_so():
    assert "Inga mål har följts upp" in rendered(overview_page.goal_status_card(None, str))
    assert "inget ekonomiskt utfall" in rendered(overview_page.budget_card(None))
    assert "inga riskanalyser" in rendered(overview_page.risk_card(None, "nämndens riskanalyser"))


def test_the_budget_card_subtracts_as_shown_and_a_small_deviation_shows(empty_app):  # noqa: F811
    # −26,3 tkr: rounded to 0,1 mnkr it would read 0,0 beside a budget and utfall of −4,6.
    card = rendered(overview_page.budget_card(YearToDate(2026, 10, utfall_tkr=-4584.0,
                                                    budget_tkr=-4557.7)))
    assert "\u22120,02\u00a0mnkr" in card and "0,0\u00a0mnkr" not in card
    # Two decimals where one would hide it, and −4,58 − (−4,56) is the −0,02 shown.
    assert "\u22124,58\u00a0mnkr mot budgeterat \u22124,56\u00a0mnkr" in card
    # The figure leads to the Ekonomi view of the same months.
    assert '"href": "/ekonomi?month=10&year=2026"' in card


# --- Min nämnd: one nämnd's figures, the region's apart -------------------------------------


def namnd_ids(session, *codes: str) -> tuple[int, ...]:
    return tuple(sql(session, "SELECT id FROM org_units WHERE code = :c", c=c)[0][0]
                 for c in codes)


# The nämnd and every unit under it, in plain SQL.
UNDER = "(SELECT id FROM org_units WHERE id = :n OR namnd_id = :n)"


def test_a_namnd_views_figures_match_sql(demo):
    run, ktn = namnd_ids(demo, "RUN", "KTN")
    member = Viewer("namnd", (run, ktn))  # the demo's member of two nämnder
    period, _ = expected_distribution(demo, published_only=False)
    counts = dict(sql(demo, f"""
        SELECT gs.reported_status, COUNT(*) FROM goal_statuses gs JOIN goals g ON g.id = gs.goal_id
        WHERE gs.followup_period_id = :p AND g.kind <> 'malbild' AND g.owner_unit_id IN {UNDER}
        GROUP BY gs.reported_status""", p=period, n=ktn))
    dist = namnd_status_distribution(demo, member, ktn)
    assert dist.followup.id == period
    assert {s: n for s, n in dist.counts.items() if n} == counts and dist.total > 0

    ytd = budget_deviation(demo, member, ktn)
    (utfall, budget), = sql(demo, f"""
        SELECT SUM(CASE WHEN kind = 'utfall' THEN amount_tkr ELSE 0 END),
               SUM(CASE WHEN kind = 'budget' THEN amount_tkr ELSE 0 END)
        FROM economy_entries WHERE year = :y AND month <= :m AND unit_id IN {UNDER}""",
        y=ytd.year, m=ytd.month, n=ktn)
    assert ytd.utfall_tkr == pytest.approx(utfall, abs=0.05)
    assert ytd.budget_tkr == pytest.approx(budget, abs=0.05)
    region = budget_deviation(demo, member)
    assert abs(ytd.deviation_tkr) < abs(region.deviation_tkr)  # not the region's figure

    year, count, earlier = expected_open_high_risks(demo, ktn)
    assert open_high_risks(demo, member, ktn) == RiskCount(year, count, earlier)
    assert count < open_high_risks(demo, member).count  # the other nämnd's are left out
    red = red_goals_with_high_risks(demo, member, run)
    names = {risk.namnd for goal in red.goals for risk in goal.risks}
    assert names == {"Regionala utvecklingsnämnden"}


def test_a_namnds_uppdrag_match_sql(demo):
    (run,) = namnd_ids(demo, "RUN")
    today = latest_import(demo, PUBLIC).data_as_of
    (total, late), = sql(demo, """
        SELECT COUNT(*), SUM(CASE WHEN u.status NOT IN ('klart', 'avbrutet') AND
                                  (u.status = 'forsenat' OR u.deadline < :today) THEN 1 ELSE 0 END)
        FROM uppdrag u JOIN org_units a ON a.id = u.assignee_unit_id
        WHERE COALESCE(a.namnd_id, a.id) = :n""", today=today, n=run)
    counts = namnd_uppdrag_counts(demo, Viewer("namnd", (run,)), today, "RUN")
    assert (sum(counts.values()), counts["forsenat"]) == (total, late) and total > 0
    assert namnd_uppdrag_counts(demo, MANAGEMENT, today, "FINNS-EJ") == dict.fromkeys(counts, 0)


def test_the_regions_summary_counts_malomraden_and_namndmal(demo):
    period, _ = expected_distribution(demo, published_only=False)
    counts = dict(sql(demo, """
        SELECT gs.reported_status, COUNT(*) FROM goal_statuses gs JOIN goals g ON g.id = gs.goal_id
        WHERE gs.followup_period_id = :p AND g.kind IN ('malomrade', 'namndmal')
        GROUP BY gs.reported_status""", p=period))
    kinds = overview_page.REGION_GOAL_KINDS
    # The same for a member of any nämnd as for ledning: every member may see these goals.
    for viewer in (MANAGEMENT, Viewer("namnd", namnd_ids(demo, "HSN"))):
        dist = goal_status_distribution(demo, viewer, kinds)
        assert {s: n for s, n in dist.counts.items() if n} == counts


def test_the_uppdrag_text_counts_in_swedish():
    text = overview.uppdrag_text({"forsenat": 1, "pagaende": 3, "ej_paborjat": 0, "klart": 2,
                                  "avbrutet": 1})
    assert text.startswith("Av 7 uppdrag till nämnden")
    assert "1 försenat, 3 pågående, 0 ej påbörjade, 2 klara, 1 avbrutet." in text


# --- Min nämnd over HTTP: the landing, the switcher, the permalink, the refusals --------------


def switcher_options(content: str) -> list[str]:
    """The labels of the nämnd switcher's options, in order ([] without a switcher)."""
    found = []

    def walk(node):
        if isinstance(node, dict):
            props = node.get("props", {})
            if props.get("id") == "oversikt-namnd":
                found.extend(o["label"] for o in props["options"])
            for value in props.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(json.loads(content))
    return found


RUN_NAME, KTN_NAME = "Regionala utvecklingsnämnden", "Kollektivtrafiknämnden"


def test_a_member_of_two_namnder_lands_on_the_first_and_may_switch(app, client):
    log_in(client, "ledamot")
    landing = render_page(client, app, "/")
    assert f'"Min nämnd: {RUN_NAME}"' in landing
    assert switcher_options(landing) == [RUN_NAME, KTN_NAME]  # only their own nämnder
    assert '"id": "overview-region"' in landing and '"Regionen som helhet"' in landing
    # Landing on `/`, the address is given the nämnd (assets/oversikt.js) for an exact link.
    assert '"id": "oversikt-url", "data": "?namnd=RUN"' in landing

    permalink = render_page(client, app, "/", "?namnd=ktn")  # any letter case
    assert f'"Min nämnd: {KTN_NAME}"' in permalink
    assert '"value": "?namnd=KTN", "id": "oversikt-namnd"' in permalink  # the switcher shows it
    assert "oversikt-url" not in permalink  # the address names it already


def test_a_member_of_one_namnd_has_no_switcher(app, client):
    log_in(client, "hsn")
    landing = render_page(client, app, "/")
    assert '"Min nämnd: Hälso- och sjukvårdsnämnden"' in landing
    assert switcher_options(landing) == []


@pytest.mark.parametrize(("username", "search", "refusal"), [
    ("ledamot", "?namnd=HSN", "Du är inte ledamot i Hälso- och sjukvårdsnämnden och kan därför "
                              f"inte se dess översikt. Du kan se översikten för {RUN_NAME} och "
                              f"{KTN_NAME}."),
    ("hsn", "?namnd=RUN", f"Du är inte ledamot i {RUN_NAME}"),
    ("ledamot", "?namnd=XYZ", "Det finns ingen nämnd med koden ”XYZ”."),
    (None, "?namnd=HSN", "Logga in för att se en nämnds översikt."),
    (None, "?namnd=XYZ", "Logga in för att se en nämnds översikt."),  # nothing said of codes
])
def test_a_namnd_outside_the_viewers_scope_is_refused(app, client, demo_url, username, search,
                                                       refusal):
    add_canary_risk(demo_url, "HSN")
    log_in(client, username)
    content = render_page(client, app, "/", search)
    assert refusal in content and '"id": "oversikt-problem"' in content
    assert "overview-namnd" not in content and "overview-region" not in content
    assert_no_canary(content.encode(), search)


def test_ledning_keeps_the_region_and_may_pick_any_namnd(app, client):
    log_in(client, "ledning")
    region = render_page(client, app, "/")
    assert '"children": "Översikt"' in region and "overview-namnd" not in region
    options = switcher_options(region)
    assert options[0] == "Hela regionen" and RUN_NAME in options and len(options) == 6
    picked = render_page(client, app, "/", "?namnd=PN")
    assert '"Nämnd: Patientnämnden"' in picked and "Min nämnd" not in picked
    assert "oversikt-url" not in picked
