"""Målkvalitet: the counts per nämnd on a hand-built region with a known answer (SQLite and
PostgreSQL), against independent SQL on the demo region, and the page over HTTP."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from callbacks import malkvalitet as cb
from data_access.db import get_engine, session_scope
from data_access.models import (
    Assessment,
    FollowUpPeriod,
    Goal,
    Indicator,
    OrgUnit,
    Target,
)
from data_access.queries.goals import FollowUp
from data_access.queries.quality import FINDINGS, goal_findings, quality_by_namnd
from data_access.scope import MANAGEMENT, Viewer
from data_access.tree import rebuild_closures
from tests.helpers import readable
from tests.test_access import log_in
from tests.test_downloads import csv_rows, fetch, xlsx_rows
from tests.test_indicator_page import render_page

# --- A hand-built region ---------------------------------------------------------------------
#
# R (region) ─ A (nämnd) ─ A-F (förvaltning) ─ A-E (enhet)
#            └ B (nämnd) ─ B-E (enhet)
#
# Goals (parent → why it is on a list), for Delår 2026:
#   MB   målbild                           (not counted)
#   MO   målområde  → MB   ok             no indicator; not assessed
#   A-M1 nämndmål   → MO   ok             I1, target at A 2026: measurable; assessed
#   A-M2 nämndmål   none   broken: saknas no indicator; not assessed
#   A-F-M1 förv.mål → MO   broken: fel_niva  I2, target only for 2025: not measurable
#   A-F-M2 förv.mål → B-M1 broken: fel_agare I1 (A's target applies): measurable
#   A-E-M1 enhetsmål→ A-F-M1 broken: fel_niva (must link to an områdesmål); no indicator
#   B-M1 nämndmål   → MO   ok             I1, target at R 2026: measurable; assessed
#   B-E-M1 enhetsmål→ B-M1 broken: fel_niva; unpublished; I2 (no 2026 target)


def _unit(s, code, level, parent=None):
    unit = OrgUnit(code=code, name=f"Enhet {code}", level=level,
                   parent_id=parent.id if parent else None)
    s.add(unit)
    s.flush()
    if level != "region":
        unit.namnd_id = unit.id if level == "namnd" else parent.namnd_id
    return unit


def _goal(s, code, kind, owner, parent=None, indicators=(), published=True):
    goal = Goal(code=code, kind=kind, title=f"Mål {code}", owner_unit_id=owner.id,
                parent_id=parent.id if parent else None, plan_start_year=2024,
                plan_end_year=2026, published=published, indicators=list(indicators))
    s.add(goal)
    s.flush()
    return goal


def build_quality_region(s) -> dict[str, int]:
    """Fill an empty database with the region above; the nämnder's ids by code."""
    r = _unit(s, "R", "region")
    a, b = _unit(s, "A", "namnd", r), _unit(s, "B", "namnd", r)
    af = _unit(s, "A-F", "forvaltning", a)
    ae, be = _unit(s, "A-E", "enhet", af), _unit(s, "B-E", "enhet", b)
    i1 = Indicator(code="I1", name="Indikator 1", unit="%", direction="higher",
                   frequency="year", source="Test", published=True)
    i2 = Indicator(code="I2", name="Indikator 2", unit="%", direction="higher",
                   frequency="year", source="Test", published=False)
    s.add_all([i1, i2])
    s.flush()
    s.add_all([Target(indicator_id=i1.id, unit_id=a.id, year=2026, value=90),
               Target(indicator_id=i1.id, unit_id=r.id, year=2026, value=80),
               Target(indicator_id=i2.id, unit_id=r.id, year=2025, value=50)])
    mb = _goal(s, "MB", "malbild", r)
    mo = _goal(s, "MO", "malomrade", r, mb)
    am1 = _goal(s, "A-M1", "namndmal", a, mo, [i1])
    _goal(s, "A-M2", "namndmal", a)
    afm1 = _goal(s, "A-F-M1", "forvaltningsmal", af, mo, [i2])
    bm1 = _goal(s, "B-M1", "namndmal", b, mo, [i1])
    _goal(s, "A-F-M2", "forvaltningsmal", af, bm1, [i1])
    _goal(s, "A-E-M1", "enhetsmal", ae, afm1)
    _goal(s, "B-E-M1", "enhetsmal", be, bm1, [i2], published=False)
    delar = FollowUpPeriod(year=2026, kind="DELAR", end_date=dt.date(2026, 8, 31))
    s.add(delar)
    s.flush()
    for goal in (am1, bm1):
        s.add(Assessment(goal_id=goal.id, followup_period_id=delar.id, status="green",
                         assessed_on=dt.date(2026, 9, 15)))
    rebuild_closures(s)
    s.flush()
    return {"A": a.id, "B": b.id}


@pytest.fixture
def region(db_url):
    with session_scope(db_url) as s:
        ids = build_quality_region(s)
    with Session(get_engine(db_url)) as s:
        yield s, ids


def delar(s) -> FollowUp:
    row, = s.execute(text("SELECT id, year, kind, end_date FROM followup_periods")).all()
    return FollowUp(row[0], row[1], row[2], row[3])


def counts(rows) -> dict:
    """code -> (in detail, goals, measurable, broken, unassessed, links, without target)."""
    return {r.code: (r.in_detail, r.goals, r.measurable, r.broken, r.unassessed, r.links,
                     r.links_without_target) for r in rows}


def test_the_counts_per_nämnd_have_the_known_answer(region):
    s, _ = region
    assert counts(quality_by_namnd(s, MANAGEMENT, delar(s))) == {
        "R": (True, 1, 0, 0, 1, 0, 0),
        "A": (True, 5, 2, 4, 4, 3, 1),
        "B": (True, 2, 1, 1, 1, 2, 1),
    }


def test_a_member_counts_other_nämnders_nämndmål_only(region):
    s, ids = region
    member_of_a = Viewer("namnd", (ids["A"],))
    assert counts(quality_by_namnd(s, member_of_a, delar(s))) == {
        "R": (True, 1, 0, 0, 1, 0, 0),
        "A": (True, 5, 2, 4, 4, 3, 1),
        "B": (False, 1, 1, 0, 0, 1, 0),
    }
    assert [r.code for r in quality_by_namnd(s, member_of_a, delar(s))] == ["R", "A", "B"]


def findings(s, viewer, finding, namnd=None) -> dict[str, str]:
    return {f.code: f.reason for f in goal_findings(s, viewer, delar(s), finding, namnd)}


def test_the_lists_behind_the_figures(region):
    s, ids = region
    assert findings(s, MANAGEMENT, "utan_indikator", "A") == {
        "A-M2": "inga_indikatorer", "A-F-M1": "inga_malvarden", "A-E-M1": "inga_indikatorer"}
    assert findings(s, MANAGEMENT, "bruten_trad") == {
        "A-M2": "saknas", "A-F-M1": "fel_niva", "A-F-M2": "fel_agare", "A-E-M1": "fel_niva",
        "B-E-M1": "fel_niva"}
    assert findings(s, MANAGEMENT, "utan_bedomning", "R") == {"MO": "ingen_bedomning"}
    links = goal_findings(s, MANAGEMENT, delar(s), "utan_malvarde")
    assert [(f.code, f.indicator_code, f.owner_code) for f in links] == [
        ("A-F-M1", "I2", "A-F"), ("B-E-M1", "I2", "B-E")]
    member_of_a = Viewer("namnd", (ids["A"],))
    assert "B-E-M1" not in findings(s, member_of_a, "bruten_trad")
    assert findings(s, member_of_a, "utan_malvarde") == {"A-F-M1": "utan_malvarde"}
    with pytest.raises(ValueError):
        goal_findings(s, MANAGEMENT, delar(s), "allt")


# --- Against independent SQL on the demo region -------------------------------------------------


PARENT_KINDS = {"malomrade": {"malbild"}, "namndmal": {"malomrade"},
                "framgangsfaktor": {"namndmal"}, "forvaltningsmal": {"namndmal", "framgangsfaktor"},
                "omradesmal": {"forvaltningsmal"}, "enhetsmal": {"omradesmal"}}


def raw_counts(s, period_id: int, year: int, factors: bool = False) -> dict:
    """The same figures from plain SQL and Python, for ledning (`factors`: a nämndmål without a
    framgångsfaktor counts as a broken thread)."""
    goals = s.execute(text("""
        SELECT g.id, g.kind, g.owner_unit_id, COALESCE(n.code, o.code), p.kind, p.owner_unit_id
        FROM goals g JOIN org_units o ON o.id = g.owner_unit_id
        LEFT JOIN org_units n ON n.id = o.namnd_id LEFT JOIN goals p ON p.id = g.parent_id
        WHERE g.kind <> 'malbild'""")).all()
    above = {(a, d) for a, d in s.execute(text(
        "SELECT ancestor_id, descendant_id FROM org_unit_closure"))}
    targets = {(i, u) for i, u in s.execute(text(
        "SELECT indicator_id, unit_id FROM targets WHERE year = :y"), {"y": year})}
    assessed = {g for g, in s.execute(text(
        "SELECT goal_id FROM assessments WHERE followup_period_id = :p"), {"p": period_id})}
    links = s.execute(text("SELECT goal_id, indicator_id FROM goal_indicators")).all()
    with_factor = {p for p, in s.execute(text(
        "SELECT parent_id FROM goals WHERE kind = 'framgangsfaktor'"))}
    result = {}
    for gid, kind, owner, group, parent_kind, parent_owner in goals:
        row = result.setdefault(group, [0, 0, 0, 0, 0, 0])
        mine = [i for g, i in links if g == gid]
        has_target = [any((i, a) in targets for a, d in above if d == owner) for i in mine]
        row[0] += 1
        row[1] += any(has_target)
        row[2] += (parent_kind not in PARENT_KINDS[kind] or (parent_owner, owner) not in above
                   or (factors and kind == "namndmal" and gid not in with_factor))
        row[3] += gid not in assessed
        row[4] += len(mine)
        row[5] += has_target.count(False)
    return {code: tuple(v) for code, v in result.items()}


def test_the_demo_counts_equal_independent_sql(demo_url):
    with Session(get_engine(demo_url)) as s:
        (pid, year), = s.execute(text(
            "SELECT id, year FROM followup_periods WHERE year = 2026 AND kind = 'DELAR'")).all()
        fu = FollowUp(pid, year, "DELAR", dt.date(2026, 8, 31))
        for factors in (False, True):
            got = {r.code: (r.goals, r.measurable, r.broken, r.unassessed, r.links,
                            r.links_without_target)
                   for r in quality_by_namnd(s, MANAGEMENT, fu, factors)}
            assert got == raw_counts(s, pid, year, factors)
            assert set(got) == {"RJH", "RS", "HSN", "RUN", "KTN", "PN"}
            for finding in FINDINGS:
                total = sum(len(goal_findings(s, MANAGEMENT, fu, finding, code, factors))
                            for code in got)
                assert total == len(goal_findings(s, MANAGEMENT, fu, finding,
                                                  factors=factors)), finding


def test_shares_and_links(app):
    fu = FollowUp(1, 2026, "DELAR", dt.date(2026, 8, 31))
    assert cb.share(7, 248) == pytest.approx(2.8225806)
    assert cb.share(1, 0) is None
    link = cb.figure_link(7, 248, fu, "HSN", "utan_indikator")
    assert link.children[0].href == "/mal/kvalitet?lista=utan_indikator&namnd=HSN&period=2026-DELAR"
    assert link.children[1].children == " (2,8\u00a0%)"
    assert cb.figure_link(0, 248, fu, "HSN", "bruten_trad").children[0] == "0"
    assert set(cb.measures(fu)) == set(FINDINGS)
    assert "Delår 2026" in cb.measures(fu)["utan_bedomning"].heading


# --- Over HTTP --------------------------------------------------------------------------------


def render(app, client, search: str) -> str:
    """The page for `search` (which must answer 200)."""
    status, page = render_page(app, client, "/mal/kvalitet", search)
    assert status == 200
    return page


def test_the_permalink_renders_the_table_and_the_list(app, client, demo_url):
    log_in(client, "ledning")
    page = readable(render(app, client, "?period=2026-DELAR"))
    assert "Målkvalitet per nämnd" in page and "Så räknar vi" in page
    assert "Hela regionen" in page and "/mal/kvalitet?lista=utan_indikator&namnd=HSN" in page
    page = readable(render(app, client, "?lista=utan_indikator&namnd=HSN&period=2026-DELAR"))
    with Session(get_engine(demo_url)) as s:
        fu = FollowUp(*s.execute(text("SELECT id, year, kind, end_date FROM followup_periods "
                                      "WHERE year = 2026 AND kind = 'DELAR'")).one())
        expected = goal_findings(s, MANAGEMENT, fu, "utan_indikator", "HSN")
    assert expected and "Mål som inte går att mäta – Hälso- och sjukvårdsnämnden" in page
    for finding in expected:
        assert f"/mal?goal={finding.code}" in page
    assert "Regionala utvecklingsnämnden" not in page  # one nämnd's row only


def test_a_member_sees_the_other_nämnder_marked(app, client):
    log_in(client, "hsn")
    page = render(app, client, "")
    assert "För övriga nämnder räknas bara nämndmålen" in page
    assert "Endast nämndmål" in page and "Hela regionen" not in page
    # (at T1: every nämndmål of RUN is assessed at the Delår)
    page = render(app, client, "?period=2026-T1&lista=utan_bedomning&namnd=RUN")
    assert "Du ser bara den här nämndens nämndmål" in page
    assert "goal=RUN-M" in page and "goal=RU-" not in page  # no förvaltningsmål of RUN


@pytest.mark.parametrize("search, words", [
    ("?period=2026-13", "är ingen uppföljningsperiod"),
    ("?period=2031-HELAR", "Det finns ingen uppföljning Helår 2031"),
    ("?lista=allt", "Det finns ingen lista som heter"),
    ("?namnd=FINNS-INTE", "Det finns ingen nämnd med koden"),
    ("?lista=allt&lista=bruten_trad", "Det finns ingen lista som heter"),  # repeated: the first
])
def test_bad_permalinks_give_a_swedish_message(app, client, search, words):
    log_in(client, "ledning")
    page = render(app, client, search)
    assert words in page and "malkvalitet-table" not in page


def test_the_table_and_the_list_download(app, client, demo_url):
    log_in(client, "ledning")
    with Session(get_engine(demo_url)) as s:
        fu = FollowUp(*s.execute(text("SELECT id, year, kind, end_date FROM followup_periods "
                                      "WHERE year = 2026 AND kind = 'DELAR'")).one())
        rows = quality_by_namnd(s, MANAGEMENT, fu)
        expected = goal_findings(s, MANAGEMENT, fu, "utan_indikator", "HSN")
    sheet = xlsx_rows(fetch(client, "malkvalitet", "quality", "xlsx", period="2026-DELAR").data)
    assert sheet[0][:3] == ("Nämnd", "Mål", "Andel mätbara (%)")
    assert [r[0] for r in sheet[1:]] == [r.name for r in rows] + ["Hela regionen"]
    assert sheet[-1][1] == sum(r.goals for r in rows)  # the whole region's row, as on the page
    one = csv_rows(fetch(client, "malkvalitet", "quality", "csv", period="2026-DELAR",
                         namnd="HSN").data)
    assert [r[0] for r in one[1:]] == ["Hälso- och sjukvårdsnämnden"]
    listed = csv_rows(fetch(client, "malkvalitet", "list", "csv", period="2026-DELAR",
                            namnd="HSN", lista="utan_indikator").data)
    assert listed[0] == ["Målkod", "Mål", "Nivå", "Nämnd", "Ägare", "Varför"]
    assert [r[0] for r in listed[1:]] == [f.code for f in expected] and expected
    assert {r[5] for r in listed[1:]} <= set(cb.THREAD_REASONS_SV.values())
    pairs = csv_rows(fetch(client, "malkvalitet", "list", "csv", period="2026-DELAR",
                           lista="utan_malvarde").data)
    assert pairs[0][:2] == ["Indikatorkod", "Indikator"] and len(pairs) > 1
