"""Framgångsfaktorer: a goal level between nämndmål and förvaltningsmål, for an organisation
whose profile says it uses them. The import refuses a factor that does not hang under a
nämndmål (in Swedish, naming row, column and value) and any factor while the profile says no;
the drill-down, the roll-up, Målkvalitet and Nämndrapport take the level in; where the profile
says no, nothing about them shows."""

from __future__ import annotations

import io

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from callbacks import malkvalitet as quality_cb
from callbacks.mal import kind_label
from callbacks.council import listed_levels
from data_access import profile
from data_access.db import get_engine, session_scope
from data_access.importers import run_import
from data_access.models import Assessment, FollowUpPeriod, Goal, GoalStatus
from data_access.queries import goal_tree
from data_access.queries.goals import FollowUp
from data_access.queries.quality import goal_findings, quality_by_namnd
from data_access.rollup import recompute_goal_statuses
from data_access.scope import MANAGEMENT
from tests.small_region import build_small_region
from tests.test_access import log_in
from tests.test_mal_page import query, render
from tests.test_pages_http import render_page
from tests.table_state import IMPORT_RECORDS, checksums

HEADER = "Kod;Typ;Titel;Ägare;Planperiod från;Planperiod till;Överordnat mål"
FACTORS = (HEADER,
           "FM1;förvaltningsmål;Kortare köer till hälsocentralen;HSN-E;2024;2026;F1",
           "F1;framgångsfaktor;Digitala vårdbesök som förstaval;HSN;2024;2026;G0",
           "F2;framgångsfaktor;Samordnad operationsplanering;HSN;2024;2026;G0")


def using_factors(session, used: bool = True) -> None:
    profile.save(session, profile.Profile("Region Liten", "region", "0023", "Region Liten",
                                          success_factors=used), by="test")


@pytest.fixture
def small(db_url):
    """The small region (SQLite, and PostgreSQL when configured), its profile using
    framgångsfaktorer."""
    with session_scope(db_url) as session:
        build_small_region(session)
        using_factors(session)
    return db_url


def load(url: str, *lines: str, **options):
    with Session(get_engine(url)) as session:
        return run_import(session, "mal", io.BytesIO("\r\n".join(lines).encode()), "mal.csv",
                          username="test", **options)


def ids(url: str) -> dict[str, int]:
    with Session(get_engine(url)) as session:
        return dict(session.execute(select(Goal.code, Goal.id)).all())


def delar(session) -> FollowUp:
    period = session.scalars(select(FollowUpPeriod).where(FollowUpPeriod.kind == "DELAR")).one()
    return FollowUp(period.id, period.year, period.kind, period.end_date)


# --- The model and the import ---------------------------------------------------------------


def test_factors_load_under_a_namndmal_and_goals_under_them(small):
    report = load(small, *FACTORS)
    assert (report.outcome, report.counts.new) == ("ok", 3), report.problems
    with Session(get_engine(small)) as session:
        kinds = dict(session.execute(select(Goal.code, Goal.kind)).all())
        parents = {g.code: g.parent.code for g in session.scalars(
            select(Goal).where(Goal.code.in_(["F1", "F2", "FM1"])))}
    assert kinds["F1"] == kinds["F2"] == "framgangsfaktor"
    assert parents == {"F1": "G0", "F2": "G0", "FM1": "F1"}


@pytest.mark.parametrize("row, value, reason", [
    ("F9;framgångsfaktor;Fel nivå;HSN;2024;2026;MO-HS", "MO-HS",
     "en framgångsfaktor ska ligga under ett nämndmål, men det överordnade målet är ett "
     "målområde"),
    ("F9;framgångsfaktor;Under en faktor;HSN;2024;2026;F1", "F1",
     "en framgångsfaktor ska ligga under ett nämndmål, men det överordnade målet är en "
     "framgångsfaktor"),
    ("F9;framgångsfaktor;Utan nämndmål;HSN;2024;2026;", "",
     "en framgångsfaktor ska ligga under ett nämndmål: skriv nämndmålets kod"),
])
def test_a_factor_not_under_a_namndmal_is_refused_in_swedish_and_nothing_is_written(
        small, row, value, reason):
    load(small, *FACTORS)
    before = checksums(small, IMPORT_RECORDS)
    report = load(small, HEADER, row, "FM9;förvaltningsmål;Under F9;HSN-E;2024;2026;F9")
    assert report.outcome == "fel"
    problems = [(p.row, p.column, p.value or "", p.reason) for p in report.problems]
    assert problems[0] == (2, "Överordnat mål", value, reason)
    assert problems[1][:3] == (3, "Överordnat mål", "F9")  # the goal under it goes too
    assert len(problems) == 2
    assert checksums(small, IMPORT_RECORDS) == before


def test_a_factor_under_a_goal_the_same_file_makes_a_namndmal_is_accepted(small):
    report = load(small, HEADER, "F9;framgångsfaktor;Ny faktor;HSN;2024;2026;NY",
                  "NY;nämndmål;Nytt nämndmål;HSN;2024;2026;MO-HS")
    assert (report.outcome, report.counts.new) == ("ok", 2), report.problems


def test_factors_are_refused_while_the_profile_says_they_are_not_used(small):
    with session_scope(small) as session:
        using_factors(session, False)
    report = load(small, *FACTORS)
    assert report.outcome == "fel"
    assert [(p.row, p.column) for p in report.problems] == [(3, "Typ"), (4, "Typ"),
                                                            (2, "Överordnat mål")]
    assert "organisationen använder inte framgångsfaktorer" in report.problems[0].reason


def test_the_profile_cannot_drop_factors_that_are_stored(small):
    load(small, *FACTORS)
    with session_scope(small) as session, pytest.raises(profile.ProfileError,
                                                        match="2 framgångsfaktorer"):
        using_factors(session, False)
    with session_scope(small) as session:
        assert profile.read(session).success_factors is True
        assert ("Framgångsfaktorer", "används") in profile.describe(profile.read(session))


# --- Drill-down and roll-up -----------------------------------------------------------------


def test_the_drill_down_goes_namndmal_factor_forvaltningsmal(small):
    load(small, *FACTORS)
    goal = ids(small)
    with session_scope(small) as session:
        followup = delar(session)
        level = goal_tree.level_below(session, MANAGEMENT, goal["G0"], followup.id, None,
                                      followup.end_date)
        assert [(c.ref.code, c.ref.kind) for c in level.children] == [
            ("F1", "framgangsfaktor"), ("F2", "framgangsfaktor")]
        assert sum(level.below.values()) == 3
        below = goal_tree.level_below(session, MANAGEMENT, goal["F1"], followup.id, None,
                                      followup.end_date)
        assert [c.ref.code for c in below.children] == ["FM1"]
        assert [a.code for a in goal_tree.ancestors(session, MANAGEMENT, goal["FM1"])] == [
            "MB", "MO-HS", "G0", "F1"]
    assert kind_label("framgangsfaktor") == "Framgångsfaktor"
    assert kind_label("framgangsfaktor", plural=True) == "Framgångsfaktorer"


def test_a_factors_status_rolls_up_to_its_namndmal(small):
    load(small, *FACTORS)
    goal = ids(small)
    with session_scope(small) as session:
        followup = delar(session)
        session.add_all([
            Assessment(goal_id=goal["FM1"], followup_period_id=followup.id, status="red",
                       analysis="", actions="", author="", assessed_on=followup.end_date),
            Assessment(goal_id=goal["F2"], followup_period_id=followup.id, status="green",
                       analysis="", actions="", author="", assessed_on=followup.end_date)])
        recompute_goal_statuses(session, [followup.id])
    with session_scope(small) as session:
        status = {code: session.get(GoalStatus, (goal[code], followup.id))
                  for code in ("FM1", "F1", "F2", "G0")}
        assert status["F1"].computed_status == "red"  # from the förvaltningsmål below it
        assert status["F2"].reported_status == "green"
        # red (0) and green (2) from its two factors: a mean of 1 is yellow
        assert status["G0"].computed_status == "yellow"


# --- Målkvalitet ----------------------------------------------------------------------------


def test_malkvalitet_counts_a_namndmal_without_factors_only_where_they_are_used(small):
    load(small, *FACTORS)
    with session_scope(small) as session:
        followup = delar(session)
        used = {f.code: f.reason for f in goal_findings(session, MANAGEMENT, followup,
                                                        "bruten_trad", factors=True)}
        unused = {f.code: f.reason for f in goal_findings(session, MANAGEMENT, followup,
                                                          "bruten_trad")}
        namndmal = set(session.scalars(select(Goal.code).where(Goal.kind == "namndmal")))
        rows_used = {r.code: r.broken for r in quality_by_namnd(session, MANAGEMENT, followup,
                                                                True)}
        rows_unused = {r.code: r.broken for r in quality_by_namnd(session, MANAGEMENT, followup)}
    # The factors and the förvaltningsmål under a factor are on the right level.
    assert not {"F1", "F2", "FM1"} & (set(used) | set(unused))
    assert {c for c, r in used.items() if r == "utan_framgangsfaktor"} == namndmal - {"G0"}
    assert "utan_framgangsfaktor" not in unused.values()
    assert rows_used["HSN"] == rows_unused["HSN"] + len(namndmal) - 1


def test_the_explanations_name_factors_only_where_they_are_used():
    followup = FollowUp(1, 2026, "DELAR", None)
    assert "framgångsfaktor" in quality_cb.measures(followup, True)["bruten_trad"].explanation
    assert not any("framgångsfaktor" in m.explanation.lower()
                   for m in quality_cb.measures(followup).values())
    assert listed_levels(True) == "Nämndmål, framgångsfaktorer och förvaltningsmål"
    assert listed_levels(False) == "Nämndmål och förvaltningsmål"


# --- The demo over HTTP ---------------------------------------------------------------------


def test_the_demo_regions_namndmal_lists_its_factors(app, client):
    titles = [t for (t,) in query(app, "SELECT title FROM goals WHERE kind = 'framgangsfaktor' "
                                       "AND parent_id = (SELECT id FROM goals WHERE code = "
                                       "'HSN-M1') ORDER BY sort_order")]
    assert 2 <= len(titles) <= 3
    status, page = render(app, client, "?goal=HSN-M1&period=2026-DELAR")
    assert status == 200 and "Framgångsfaktorer under målet" in page
    assert all(title in page for title in titles)
    factor, forvaltningsmal = query(app, """
        SELECT f.code, g.title FROM goals g JOIN goals f ON f.id = g.parent_id
        WHERE f.kind = 'framgangsfaktor' AND g.kind = 'forvaltningsmal' ORDER BY f.code
        LIMIT 1""")[0]
    status, page = render(app, client, f"?goal={factor}&period=2026-DELAR")
    assert status == 200 and "Förvaltningsmål under målet" in page and forvaltningsmal in page
    assert '"Framgångsfaktor · ' in page  # the eyebrow names the level


def test_the_demo_regions_malkvalitet_names_the_namndmal_without_factors(app, client):
    without = query(app, """SELECT code FROM goals g WHERE kind = 'namndmal' AND NOT EXISTS
        (SELECT 1 FROM goals f WHERE f.parent_id = g.id AND f.kind = 'framgangsfaktor')""")
    assert [c for (c,) in without] == ["RS-M7"]
    log_in(client, "ledning")
    page = render_page(client, app, "/mal/kvalitet", "?period=2026-DELAR&lista=bruten_trad")
    assert quality_cb.THREAD_REASONS_SV["utan_framgangsfaktor"] in page
    assert "en framgångsfaktor till ett nämndmål" in page
