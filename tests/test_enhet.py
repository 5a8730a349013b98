"""Enhet: one unit's page, its figures against independent SQL on the demo region at every
level, a nämnd member's scope, bad arguments in Swedish, and the links both ways between it
and Mål, Ekonomi and Internkontroll."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from callbacks import enhet as cb
from dashboard.core.args import BadArgument
from data_access.scope import MANAGEMENT, Viewer
from tests.helpers import readable
from tests.test_access import log_in
from tests import test_economy, test_indicator_page
from tests.test_indicator_page import sql, viewer
from tests.test_pages_http import render_page

# One unit of every level: region, nämnd, förvaltning, område, enhet.
UNITS = ("RJH", "HSN", "HSF", "HSF-PV", "HSF-PV-HC-BACKE")
FOLLOWUP = "2026-DELAR"


demo = test_indicator_page.demo  # the demo region in a session (a fixture)


def unit_id(session, code: str) -> int:
    (found,), = sql(session, "SELECT id FROM org_units WHERE code = :c", c=code)
    return found


@pytest.mark.parametrize("code", UNITS)
def test_the_units_own_objects_are_those_sql_finds(demo, code):
    page = cb.unit_page(demo, MANAGEMENT, code, FOLLOWUP, "2026", "10")
    me = unit_id(demo, code)
    assert page.unit.code == code and page.followup.key == FOLLOWUP
    # Goals it owns, each with its reported status at the follow-up.
    goals = dict(sql(demo, """
        SELECT g.code, COALESCE(s.reported_status, 'grey') FROM goals g
        LEFT JOIN goal_statuses s ON s.goal_id = g.id AND s.followup_period_id =
            (SELECT id FROM followup_periods WHERE year = 2026 AND kind = 'DELAR')
        WHERE g.owner_unit_id = :u""", u=me))
    assert {g.ref.code: g.status.reported for g in page.goals} == goals
    # Indicators with a value there.
    indicators = {c for c, in sql(demo, """
        SELECT i.code FROM latest_measurements l JOIN indicators i ON i.id = l.indicator_id
        WHERE l.unit_id = :u""", u=me)}
    assert {line.indicator.code for line in page.indicators} == indicators
    # Uppdrag given to it; measures of the year; risks it owns (latest riskanalys, and the
    # still open ones of earlier years).
    assert sorted(u.code for u in page.uppdrag) == sorted(c for c, in sql(
        demo, "SELECT code FROM uppdrag WHERE assignee_unit_id = :u", u=me))
    assert page.measure_year == 2026
    assert sorted(m.code for m in page.measures) == sorted(c for c, in sql(
        demo, "SELECT code FROM saving_measures WHERE unit_id = :u AND year = 2026", u=me))
    (latest,), = sql(demo, "SELECT MAX(year) FROM risks")
    assert page.risk_year == latest
    assert sorted(r.code for r in page.risks) == sorted(c for c, in sql(demo, """
        SELECT code FROM risks WHERE owner_unit_id = :u
        AND (year = :y OR (year < :y AND status = 'oppen'))""", u=me, y=latest))


@pytest.mark.parametrize("code", UNITS)
def test_the_economy_to_date_sums_the_units_subtree(demo, code):
    page = cb.unit_page(demo, MANAGEMENT, code, None, "2026", "10")
    (budget, utfall), = sql(demo, """
        SELECT SUM(CASE WHEN e.kind = 'budget' THEN e.amount_tkr END),
               SUM(CASE WHEN e.kind = 'utfall' THEN e.amount_tkr END)
        FROM economy_entries e JOIN org_unit_closure c ON c.descendant_id = e.unit_id
        WHERE c.ancestor_id = :u AND e.year = 2026 AND e.month <= 10""", u=unit_id(demo, code))
    assert (page.economy.year, page.economy.month) == (2026, 10)
    assert page.figures.budget_tkr == pytest.approx(budget, abs=0.01)
    assert page.figures.utfall_tkr == pytest.approx(utfall, abs=0.01)


@pytest.mark.parametrize("code", UNITS[:-1])
def test_the_children_summarise_their_subtrees(demo, code):
    page = cb.unit_page(demo, MANAGEMENT, code, FOLLOWUP, "2026", "10")
    children = sql(demo, "SELECT id, code FROM org_units WHERE parent_id = :u",
                   u=unit_id(demo, code))
    assert sorted(c.unit.code for c in page.children) == sorted(c for _, c in children)
    assert page.hidden_children == 0
    for child_id, child_code in children[:3]:
        counts = dict(sql(demo, """
            SELECT COALESCE(s.reported_status, 'grey'), COUNT(*) FROM goals g
            JOIN org_unit_closure c ON c.descendant_id = g.owner_unit_id
            LEFT JOIN goal_statuses s ON s.goal_id = g.id AND s.followup_period_id =
                (SELECT id FROM followup_periods WHERE year = 2026 AND kind = 'DELAR')
            WHERE c.ancestor_id = :u GROUP BY 1""", u=child_id))
        shown = next(c for c in page.children if c.unit.code == child_code)
        assert {s: n for s, n in shown.goals.items() if n} == counts
        (deviation,), = sql(demo, """
            SELECT SUM(CASE WHEN e.kind = 'utfall' THEN e.amount_tkr ELSE 0 END)
                 - SUM(CASE WHEN e.kind = 'budget' THEN e.amount_tkr ELSE 0 END)
            FROM economy_entries e JOIN org_unit_closure c ON c.descendant_id = e.unit_id
            WHERE c.ancestor_id = :u AND e.year = 2026 AND e.month <= 10""", u=child_id)
        assert shown.figures.deviation_tkr == pytest.approx(deviation, abs=0.01)


def test_an_enhet_has_no_children_and_a_trail_up_to_the_region(demo):
    page = cb.unit_page(demo, MANAGEMENT, "HSF-PV-HC-BACKE")
    assert page.children == [] and page.hidden_children == 0
    assert [u.code for u in page.trail] == ["RJH", "HSN", "HSF", "HSF-PV"]
    assert page.namnd.code == "HSN"
    assert page.followup.key == FOLLOWUP  # the latest by default
    assert (page.economy.year, page.economy.month) == (2026, 10)


def test_without_a_code_a_member_sees_their_namnd_and_ledning_the_region(demo):
    assert cb.unit_page(demo, viewer(demo, "hsn"), None).unit.code == "HSN"
    assert cb.unit_page(demo, MANAGEMENT, "  ").unit.code == "RJH"


def test_a_namnd_member_sees_their_units_and_the_summary_levels_only(demo):
    hsn = viewer(demo, "hsn")
    own = cb.unit_page(demo, hsn, "HSF-PV-HC-BACKE")
    assert own.goals and own.indicators
    other = cb.unit_page(demo, hsn, "RUN")  # another nämnd: its summary, no detail below
    assert other.risks == [] and other.uppdrag == [] and other.measures == []
    assert other.children == [] and other.hidden_children > 0
    region = cb.unit_page(demo, hsn, "RJH")
    assert {c.unit.level for c in region.children} == {"namnd"}
    for code in ("RU", "RU-KOB-JAMTLI"):
        with pytest.raises(BadArgument) as refused:
            cb.unit_page(demo, hsn, code)
        assert refused.value.argument == "code" and "behörighet" in str(refused.value)


@pytest.mark.parametrize("args,argument,words", [
    (("FINNS-INTE",), "code", "”FINNS-INTE”"),
    (("HSN", "2026-X9"), "period", "Det finns ingen uppföljning"),
    (("HSN", None, "1999"), "year", "Det finns inget utfall för det året"),
    (("HSN", None, "2026", "13"), "month", "Det finns inget utfall för den månaden"),
])
def test_bad_arguments_are_refused_in_swedish(demo, args, argument, words):
    with pytest.raises(BadArgument) as refused:
        cb.unit_page(demo, MANAGEMENT, *args)
    assert refused.value.argument == argument and words in str(refused.value)


# --- Over HTTP: the page, its problems and the links both ways ---------------------------


def test_the_page_shows_its_sections_and_links_on(client, app):
    log_in(client, "ledning")
    page = readable(render_page(client, app, "/enhet", "?code=HSF-PV"))
    for section in ("goals", "economy", "indicators", "risks", "uppdrag", "measures",
                    "children"):
        assert f'"id": "enhet-{section}"' in page, section
    assert '"children": "Primärvård"' in page  # the h1
    assert "/ekonomi?month=10&unit=HSF-PV&year=2026" in page
    assert "/internkontroll?namnd=HSN" in page and "/mal/uppdrag?namnd=HSN" in page
    assert "/ekonomi/atgarder?namnd=HSN&year=2026" in page
    # Breadcrumb up, children down: each another unit's Enhet page at the same choices.
    assert "/enhet?code=HSF&month=10&period=2026-DELAR&year=2026" in page
    assert "/enhet?code=HSF-PV-HC-BACKE&month=10&period=2026-DELAR&year=2026" in page
    assert "/mal/indikator?code=" in page and "unit=HSF-PV" in page


def test_a_bad_argument_shows_why_and_the_way_back(client, app):
    log_in(client, "ledning")
    page = render_page(client, app, "/enhet", "?code=HSN&period=1999-T1")
    assert '"id": "enhet-problem"' in page and "Det finns ingen uppföljning" in page
    assert '"href": "/enhet?code=HSN"' in page
    unknown = render_page(client, app, "/enhet", "?code=NOPE")
    assert "Det finns ingen organisationsenhet med koden ”NOPE”" in unknown


def test_mal_ekonomi_and_internkontroll_link_to_the_units_page(client, app):
    log_in(client, "ledning")
    goal = render_page(client, app, "/mal", "?goal=HSN-M1&period=2026-T1")
    assert '"href": "/enhet?code=HSN&period=2026-T1"' in goal  # its owner, in the header
    owners = re.findall(r'"href": "/enhet\?code=([A-Z-]+)&period=2026-T1"', goal)
    assert len(owners) > 2, "the header, Om målet and the goals below (Ansvarig) link owners"
    economy = render_page(client, app, "/ekonomi", "?month=6&unit=HSN&year=2025")
    assert '"href": "/enhet?code=HSN&month=6&year=2025"' in economy  # the unit itself
    assert '"href": "/enhet?code=HSF&month=6&year=2025"' in economy  # a row of the table
    risks = render_page(client, app, "/internkontroll", "?namnd=HSN&year=2026")
    assert re.search(r'"/enhet\?code=HSF[A-Z-]*"', risks)


def test_the_anonymous_are_sent_to_log_in(client):
    response = client.get("/enhet?code=HSN")
    assert response.status_code == 302 and "/login?next=" in response.headers["Location"]


def test_the_demo_as_of_date_is_what_overdue_is_judged_on(demo):
    assert cb.unit_page(demo, MANAGEMENT, "HSN").today == dt.date(2026, 10, 31)


# --- The hand-built region: known answers, on SQLite and PostgreSQL ----------------------

small = test_economy.small  # the hand-built region in a session, and its nämnd ids (a fixture)


def test_every_level_of_the_small_region_has_its_known_answers(small):
    session, ids = small
    region = cb.unit_page(session, MANAGEMENT, "R", "2026-DELAR")
    assert [g.ref.code for g in region.goals] == ["MB", "MO-HS"]
    assert [c.unit.code for c in region.children] == ["HSN", "RUN"]
    hsn_goals, run_goals = (c.goals for c in region.children)
    assert hsn_goals == {"green": 3, "yellow": 1, "red": 1, "grey": 2}  # G0–G5 and HSN-EM
    assert run_goals == {"green": 0, "yellow": 0, "red": 0, "grey": 1}
    test_economy.assert_figures_match(region.figures, test_economy.KNOWN["R"], "R")
    test_economy.assert_figures_match(region.children[0].figures, test_economy.KNOWN["HSN"],
                                      "HSN")

    hsn = cb.unit_page(session, MANAGEMENT, "HSN", "2026-DELAR")
    assert [g.status.reported for g in hsn.goals] == ["green", "green", "yellow", "red", "grey",
                                                       "green"]
    assert sorted(r.code for r in hsn.risks) == ["R0", "R1", "R2", "R5"]  # R5: open from 2025
    assert [c.unit.code for c in hsn.children] == ["HSN-E"]
    enhet = cb.unit_page(session, MANAGEMENT, "HSN-E", "2026-DELAR")
    assert [g.ref.code for g in enhet.goals] == ["HSN-EM"]
    assert [u.code for u in enhet.uppdrag] == ["U-HSN"]
    assert [line.indicator.code for line in enhet.indicators] == ["N1", "N2"]
    assert [u.code for u in enhet.trail] == ["R", "HSN"] and enhet.namnd.code == "HSN"

    # A member of RUN: HSN's summary (its nämndmål, its economy), nothing below it.
    run = Viewer("namnd", (ids["RUN"],))
    seen = cb.unit_page(session, run, "HSN", "2026-DELAR")
    assert len(seen.goals) == 6 and seen.risks == [] and seen.uppdrag == []
    assert seen.children == [] and seen.hidden_children == 1
    with pytest.raises(BadArgument):
        cb.unit_page(session, run, "HSN-E")
    own = cb.unit_page(session, run, "RUN-E", "2026-DELAR")
    assert [line.indicator.code for line in own.indicators] == ["N1"]  # N2 measures HSN's goal
