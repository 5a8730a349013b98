"""Perspectives as first-class: the styrmodell's list and its required perspectives by import
(with Swedish errors for unknown codes and words), the goal statuses per perspective against
independent SQL on the demo region, Målkvalitet's goals without a required perspective, and
the split per perspective on Mål and Nämndrapport (permalink, downloads, PDF), /indikator and
/admin/profil."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from callbacks.mal import read_split
from dashboard.core.args import BadArgument
from data_access.db import get_engine, session_scope
from data_access.models import Goal, Indicator, Perspective, indicator_perspectives
from data_access.queries.goals import FollowUp
from data_access.queries.perspectives import (
    WITHOUT_SV,
    goals_below,
    goals_of_namnd,
    status_by_perspective,
    styrmodell_perspectives,
)
from data_access.queries.quality import goal_findings, quality_by_namnd
from data_access.scope import MANAGEMENT
from data_access.status import STATUSES
from tests.small_region import build_small_region
from tests.table_state import IMPORT_RECORDS, checksums
from tests.test_access import log_in
from tests.test_downloads import csv_rows, fetch
from tests.test_import_files import csv_bytes, load
from tests.test_indicator_page import render_page

PERIOD = "2026-DELAR"
REQUIRED_IN_DEMO = {"jamstalldhet", "barnratt", "ekonomi", "regional_utveckling"}
INDICATOR_HEADER = "Kod;Namn;Enhet;Riktning;Frekvens;Källa;Perspektiv"


# --- Import -------------------------------------------------------------------------------


PERSPECTIVE_FILE = csv_bytes(
    "Kod;Namn;Sortering;Krävs för",
    "jamst;Jämställdhet och jämlikhet;1;nämndmål, Förvaltningsmål",
    "barn;Barnrätt;2;nämndmål",
    "miljo;Miljö;3;",
)


@pytest.fixture
def small(db_url):
    """The small region with the perspective list above imported."""
    with session_scope(db_url) as session:
        build_small_region(session)
    assert load(db_url, "perspektiv", PERSPECTIVE_FILE).outcome == "ok"
    return db_url


def test_the_perspective_list_and_its_requirements_import(small):
    with Session(get_engine(small)) as s:
        stored = {p.code: (p.name, p.sort_order, p.required_for)
                  for p in s.scalars(select(Perspective))}
        listed = [p.code for p in styrmodell_perspectives(s, MANAGEMENT)]
    assert stored["jamst"] == ("Jämställdhet och jämlikhet", 1, "namndmal,forvaltningsmal")
    assert stored["barn"] == ("Barnrätt", 2, "namndmal") and stored["miljo"][2] == ""
    assert listed[:3] == ["jamst", "barn", "miljo"]
    # An indicator carries perspectives from its own column.
    indicator = csv_bytes(INDICATOR_HEADER, "N9;Kvinnors väntetid;%;högre;år;Kolada;jamst, barn")
    assert load(small, "indikatorer", indicator).outcome == "ok"
    with Session(get_engine(small)) as s:
        codes = set(s.scalars(
            select(Perspective.code)
            .join(indicator_perspectives, indicator_perspectives.c.perspective_id == Perspective.id)
            .join(Indicator, Indicator.id == indicator_perspectives.c.indicator_id)
            .where(Indicator.code == "N9")))
    assert codes == {"jamst", "barn"}


@pytest.mark.parametrize("kind, data, column, reason", [
    ("perspektiv", csv_bytes("Kod;Namn;Krävs för", "x;X;nämndmål, kommunmål"), "Krävs för",
     "ska vara något av: målbild, målområde, nämndmål"),
    ("perspektiv", csv_bytes("Kod;Namn;Krävs för", "x;X;nämndmål, nämndmål"), "Krävs för",
     "samma ord står flera gånger"),
    ("indikatorer", csv_bytes(INDICATOR_HEADER, "N9;Väntetid;%;högre;år;Kolada;jamst, finns-ej"),
     "Perspektiv", "det finns inget perspektiv med den koden"),
    ("mal", csv_bytes("Kod;Typ;Titel;Ägare;Planperiod från;Planperiod till;Perspektiv",
                      "X-M1;nämndmål;Ett mål;HSN;2024;2026;barnrätt"),
     "Perspektiv", "det finns inget perspektiv med den koden"),
])
def test_unknown_perspectives_and_kinds_are_refused_in_swedish(small, kind, data, column,
                                                               reason):
    before = checksums(small, skip=IMPORT_RECORDS)
    report = load(small, kind, data)
    assert report.outcome == "fel"
    assert any(p.row == 2 and p.column == column and reason in p.reason
               for p in report.problems), [str(p) for p in report.problems]
    assert checksums(small, skip=IMPORT_RECORDS) == before


# --- Per perspective, against SQL ----------------------------------------------------------

RAW_TAGGED = """
    SELECT p.code, COALESCE(s.reported_status, 'grey'), COUNT(*)
    FROM goals g JOIN goal_perspectives gp ON gp.goal_id = g.id
    JOIN perspectives p ON p.id = gp.perspective_id
    LEFT JOIN goal_statuses s ON s.goal_id = g.id AND s.followup_period_id = :period
    WHERE {where} GROUP BY p.code, COALESCE(s.reported_status, 'grey')"""
RAW_UNTAGGED = """
    SELECT COALESCE(s.reported_status, 'grey'), COUNT(*) FROM goals g
    LEFT JOIN goal_statuses s ON s.goal_id = g.id AND s.followup_period_id = :period
    WHERE {where} AND NOT EXISTS (SELECT 1 FROM goal_perspectives gp WHERE gp.goal_id = g.id)
    GROUP BY COALESCE(s.reported_status, 'grey')"""
BELOW_VISION = """g.id IN (SELECT c.descendant_id FROM goal_closure c JOIN goals v
                           ON v.id = c.ancestor_id WHERE v.code = 'MB2050' AND c.depth > 0)"""
OF_HSN = """g.owner_unit_id IN (SELECT u.id FROM org_units u JOIN org_units n
            ON n.id = u.namnd_id OR n.id = u.id WHERE n.code = 'HSN')"""


def followup(s) -> FollowUp:
    return FollowUp(*s.execute(text("SELECT id, year, kind, end_date FROM followup_periods "
                                    "WHERE year = 2026 AND kind = 'DELAR'")).one())


def raw_split(s, where: str, period: int) -> dict[str | None, dict[str, int]]:
    """Perspective code (None: without any) -> status -> goals, by plain SQL."""
    counts: dict = {code: dict.fromkeys(STATUSES, 0)
                    for code in s.scalars(text("SELECT code FROM perspectives"))}
    counts[None] = dict.fromkeys(STATUSES, 0)
    for code, status, n in s.execute(text(RAW_TAGGED.format(where=where)), {"period": period}):
        counts[code][status] = n
    for status, n in s.execute(text(RAW_UNTAGGED.format(where=where)), {"period": period}):
        counts[None][status] = n
    return counts


def test_the_counts_per_perspective_equal_independent_sql(demo_url):
    with Session(get_engine(demo_url)) as s:
        fu = followup(s)
        vision = s.scalar(select(Goal.id).where(Goal.code == "MB2050"))
        hsn = s.scalar(text("SELECT id FROM org_units WHERE code = 'HSN'"))
        for condition, where in ((goals_below(MANAGEMENT, vision), BELOW_VISION),
                                 (goals_of_namnd(MANAGEMENT, hsn), OF_HSN)):
            rows = status_by_perspective(s, MANAGEMENT, fu.id, condition)
            assert {r.code: r.counts for r in rows} == raw_split(s, where, fu.id)
            assert rows[-1].name == WITHOUT_SV and rows[-1].code is None
            assert {r.code for r in rows if r.required} == REQUIRED_IN_DEMO
        everything = status_by_perspective(s, MANAGEMENT, fu.id)
        assert sum(everything[-1].counts.values()) > 0  # the demo has goals without any
        # Goal ids work as well as a condition.
        ids = [1, 2, 3]
        assert status_by_perspective(s, MANAGEMENT, fu.id, ids) == status_by_perspective(
            s, MANAGEMENT, fu.id, Goal.id.in_(ids))


# --- Målkvalitet --------------------------------------------------------------------------


def test_malkvalitet_lists_the_goals_without_a_required_perspective(demo_url, app, client):
    with Session(get_engine(demo_url)) as s:
        fu = followup(s)
        found = goal_findings(s, MANAGEMENT, fu, "utan_perspektiv")
        raw = set(s.scalars(text("""
            SELECT g.code FROM goals g WHERE g.kind = 'namndmal' AND NOT EXISTS (
                SELECT 1 FROM goal_perspectives gp JOIN perspectives p
                ON p.id = gp.perspective_id WHERE gp.goal_id = g.id
                AND ',' || p.required_for || ',' LIKE '%,namndmal,%')""")))
        rows = quality_by_namnd(s, MANAGEMENT, fu)
    assert {f.code for f in found} == raw == {"HSN-M8", "PN-M2", "RS-M7"}
    assert sum(r.without_perspective for r in rows) == 3
    log_in(client, "ledning")
    status, page = render_page(app, client, "/mal/kvalitet",
                               f"?lista=utan_perspektiv&period={PERIOD}")
    assert status == 200 and "Mål som saknar ett perspektiv som krävs" in page
    assert all(f"/mal?goal={code}" in page for code in raw)
    assert "Bär inget av de perspektiv som krävs för målets nivå" in page


# --- Pages --------------------------------------------------------------------------------


def test_the_split_on_mal_is_a_permalink_with_its_download(app, client, demo_url):
    log_in(client, "ledning")
    status, page = render_page(app, client, "/mal", f"?period={PERIOD}&per=perspektiv")
    assert status == 200 and "Måluppfyllelse per perspektiv" in page
    assert "Jämställdhet och jämlikhet (krävs)" in page and WITHOUT_SV in page
    assert "Dölj uppdelningen per perspektiv" in page
    assert f"\"?per=perspektiv&period={PERIOD}\"" in page  # the period selector keeps it
    with Session(get_engine(demo_url)) as s:
        fu = followup(s)
        vision = s.scalar(select(Goal.id).where(Goal.code == "MB2050"))
        rows = status_by_perspective(s, MANAGEMENT, fu.id, goals_below(MANAGEMENT, vision))
    sheet = csv_rows(fetch(client, "mal", "perspektiv", "csv", period=PERIOD,
                           per="perspektiv").data)
    header = sheet.index(next(r for r in sheet if r and r[0] == "Perspektiv"))
    assert [[r[0], *map(int, r[1:])] for r in sheet[header + 1:]] == [
        [r.name + (" (krävs)" if r.required else ""), *(r.counts[x] for x in STATUSES),
         r.total] for r in rows]
    # Without the argument: no split, a link to it.
    _, plain = render_page(app, client, "/mal", f"?goal=HSN-M1&period={PERIOD}")
    assert "Måluppfyllelse per perspektiv" not in plain
    assert f"/mal?goal=HSN-M1&per=perspektiv&period={PERIOD}" in plain
    _, bad = render_page(app, client, "/mal", "?per=kön")
    assert "Det går inte att dela upp målen per ”kön”" in bad


def test_read_split():
    assert read_split(None) is None and read_split("") is None
    assert read_split(" Perspektiv ") == "perspektiv"
    with pytest.raises(BadArgument):
        read_split("nämnd")


def test_the_namndrapport_splits_per_perspective_on_the_page_and_in_the_pdf(app, client):
    log_in(client, "ledning")
    status, page = render_page(app, client, "/namndrapport",
                               f"?namnd=HSN&period={PERIOD}&per=perspektiv")
    assert status == 200 and "Nämndens mål per perspektiv, Delår 2026" in page
    assert f"/namndrapport.pdf?namnd=HSN&per=perspektiv&period={PERIOD}" in page
    assert "Ta bort uppdelningen per perspektiv" in page
    pdf = client.get(f"/namndrapport.pdf?namnd=HSN&period={PERIOD}&per=perspektiv")
    words = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.data)).pages)
    assert "Nämndens mål per perspektiv" in " ".join(words.split())
    table = csv_rows(fetch(client, "namndrapport", "perspektiv", "csv", namnd="HSN",
                           period=PERIOD, per="perspektiv").data)
    assert any(r and r[0] == WITHOUT_SV for r in table)
    _, plain = render_page(app, client, "/namndrapport", f"?namnd=HSN&period={PERIOD}")
    assert "Nämndens mål per perspektiv" not in plain and "Dela upp målen per perspektiv" in plain


def test_indikator_and_profil_show_the_perspectives(app, client):
    log_in(client, "ledning")
    _, page = render_page(app, client, "/mal/indikator", "?code=RJH-HSV-026")
    assert "Jämställdhet och jämlikhet, Barnrätt" in page
    log_in(client, "admin")
    _, page = render_page(app, client, "/admin/profil")
    assert "Styrmodellens perspektiv" in page and "Krävs för" in page
    assert "Regional utveckling" in page and "Nämndmål" in page
