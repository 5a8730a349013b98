"""The helårsprognos on an assessment and the goals to report to fullmäktige: importing it
(with a Swedish error for an unknown word), the list checked against independent SQL on the
demo, its scope, and where it shows: Mål, the Nämndrapport on screen, as PDF and download."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook
from sqlalchemy import create_engine, select, text
from sqlalchemy.orm import Session

from data_access.db import get_engine, session_scope
from data_access.demo.texts import UNREACHED_SENTENCES
from data_access.importers import run_import
from data_access.models import FORECASTS, Assessment, Goal, OrgUnit
from data_access.queries.council import goals_to_report
from data_access.queries.goals import followups
from data_access.scope import MANAGEMENT, PUBLIC, Viewer
from data_access.status import FORECAST_LABELS_SV
from tests.table_state import IMPORT_RECORDS, checksums
from tests.test_access import log_in
from tests.small_region import build_small_region
from tests.test_namndrapport import PERIOD, pdf_text, plain
from tests.test_pages_http import render_page

HEADER = "Mål;Uppföljning;Status;Helårsprognos;Bedömd"
COUNCIL = "Mål att rapportera till regionfullmäktige"


def load(url: str, *rows: str):
    """Import a bedömningar file of HEADER and `rows`."""
    data = "\r\n".join((HEADER, *rows))
    with Session(get_engine(url)) as session:
        return run_import(session, "bedomningar", io.BytesIO(data.encode("utf-8-sig")),
                          "bedomningar.csv", username="test")


@pytest.fixture
def small(db_url):
    """The small region (no assessments yet), on SQLite and PostgreSQL when configured."""
    with session_scope(db_url) as session:
        build_small_region(session)
    return db_url


# --- Import -------------------------------------------------------------------------------


def test_every_stored_forecast_has_its_words():
    assert tuple(FORECAST_LABELS_SV) == FORECASTS


def test_forecasts_import_by_their_words_and_an_unknown_one_is_refused(small):
    report = load(small, "G0;T1 2026;grön;bedöms uppfyllas;2026-05-10",
        "G1;T1 2026;gul;Bedöms delvis uppfyllas;2026-05-10",
        "G2;T1 2026;röd;bedöms inte uppfyllas vid årets slut;2026-05-10",
        "G3;T1 2026;röd;uppfylls ej;2026-05-10", "G4;T1 2026;grå;;2026-05-10")
    assert report.outcome == "ok", [str(p) for p in report.problems]
    with Session(get_engine(small)) as session:
        stored = dict(session.execute(select(Goal.code, Assessment.forecast)
                                      .join(Goal, Goal.id == Assessment.goal_id)).all())
    assert stored == {"G0": "uppfylls", "G1": "delvis", "G2": "uppfylls_ej",
                      "G3": "uppfylls_ej", "G4": None}
    before = checksums(small, skip=IMPORT_RECORDS)
    bad = load(small, "G0;T1 2026;grön;kanske;2026-05-10")
    assert bad.outcome == "fel"
    assert [str(p) for p in bad.problems] == [
        "bedomningar.csv, rad 2, kolumn ”Helårsprognos”, värdet ”kanske”: ska vara något av: "
        "bedöms uppfyllas, bedöms delvis uppfyllas, bedöms inte uppfyllas vid årets slut"]
    assert checksums(small, skip=IMPORT_RECORDS) == before  # nothing half-written


def test_a_later_assessment_decides_and_a_new_year_starts_afresh(small):
    load(small, "G0;T1 2026;röd;bedöms inte uppfyllas vid årets slut;2026-05-10",
        "G1;T1 2026;röd;bedöms inte uppfyllas vid årets slut;2026-05-10",
        "G1;Delår 2026;gul;bedöms delvis uppfyllas;2026-09-10",
        "G2;Helår 2025;röd;bedöms inte uppfyllas vid årets slut;2026-01-20")
    with Session(get_engine(small)) as session:
        periods = {f.key: f for f in followups(session, MANAGEMENT)}
        codes = {key: [g.ref.code for g in goals_to_report(session, MANAGEMENT, f)]
                 for key, f in periods.items()}
    # G0 keeps its T1 forecast at Delår; G1's Delår assessment takes it back; G2's is 2025's.
    assert codes == {"2026-T1": ["G0", "G1"], "2026-DELAR": ["G0"], "2025-HELAR": ["G2"]}


# --- The list against SQL, and its scope ---------------------------------------------------------


def expected(url: str, year: int, end, namnd: str | None = None) -> list[str]:
    """Independent SQL: goals whose assessment in `year` up to `end` forecasts uppfylls_ej and
    has no later assessment in that year up to `end`; optionally of one nämnd."""
    engine = create_engine(url)
    with engine.connect() as conn:
        rows = conn.execute(text(
            "SELECT g.code FROM assessments a "
            "JOIN followup_periods p ON p.id = a.followup_period_id "
            "JOIN goals g ON g.id = a.goal_id JOIN org_units u ON u.id = g.owner_unit_id "
            "LEFT JOIN org_units n ON n.id = u.namnd_id "
            "WHERE p.year = :year AND p.end_date <= :end AND a.forecast = 'uppfylls_ej' "
            "AND (:namnd IS NULL OR n.code = :namnd) AND NOT EXISTS ("
            " SELECT 1 FROM assessments b JOIN followup_periods q ON q.id = b.followup_period_id"
            " WHERE b.goal_id = a.goal_id AND q.year = :year AND q.end_date <= :end"
            " AND q.end_date > p.end_date)"),
            {"year": year, "end": end, "namnd": namnd}).scalars().all()
    engine.dispose()
    return sorted(rows)


def test_the_list_is_what_sql_finds_for_every_follow_up(demo_url):
    with Session(get_engine(demo_url)) as session:
        periods = followups(session, MANAGEMENT)
        for followup in periods:
            found = goals_to_report(session, MANAGEMENT, followup)
            assert sorted(g.ref.code for g in found) == \
                expected(demo_url, followup.year, followup.end_date), followup.key
            assert all(g.ref.kind != "malbild" for g in found)
        delar = next(f for f in periods if f.key == PERIOD)
        found = goals_to_report(session, MANAGEMENT, delar)
    # The demo tells a story: a few goals at Delår 2026, in more than one nämnd, each with why.
    assert 3 <= len(found) <= 30 and len({g.namnd_code for g in found}) > 1
    assert all(g.analysis.endswith(UNREACHED_SENTENCES) for g in found)


def test_a_namnd_member_sees_only_their_own_namnds_goals(demo_url):
    with Session(get_engine(demo_url)) as session:
        ids = dict(session.execute(select(OrgUnit.code, OrgUnit.id)
                                   .where(OrgUnit.level == "namnd")).all())
        delar = next(f for f in followups(session, MANAGEMENT) if f.key == PERIOD)
        everyone = goals_to_report(session, MANAGEMENT, delar)
        hsn = Viewer("namnd", (ids["HSN"],))
        own = goals_to_report(session, hsn, delar)
        assert own and [g.ref.code for g in own] == \
            [g.ref.code for g in everyone if g.namnd_code == "HSN"]
        assert own == goals_to_report(session, MANAGEMENT, delar, ids["HSN"])
        assert sorted(g.ref.code for g in own) == expected(demo_url, 2026, delar.end_date, "HSN")
        # Another nämnd's goals are not theirs to report, published or not.
        other = next(g for g in everyone if g.namnd_code != "HSN")
        assert goals_to_report(session, hsn, delar, ids[other.namnd_code]) == []
        assert goals_to_report(session, PUBLIC, delar) == []


# --- Where it shows -------------------------------------------------------------------------------


def test_the_namndrapport_lists_them_on_screen_in_the_pdf_and_the_download(client, app,
                                                                          demo_url):
    with Session(get_engine(demo_url)) as session:
        delar = next(f for f in followups(session, MANAGEMENT) if f.key == PERIOD)
        titles = [g.ref.title for g in goals_to_report(session, MANAGEMENT, delar)
                  if g.namnd_code == "HSN"
                  and g.ref.kind in ("namndmal", "framgangsfaktor", "forvaltningsmal")]
    assert titles
    log_in(client, "hsn")
    page = plain(render_page(client, app, "/namndrapport", f"?namnd=HSN&period={PERIOD}"))
    assert COUNCIL in page and f"{len(titles)} mål bedöms inte uppfyllas vid årets slut" in page
    assert "/ladda-ner/namndrapport/council.xlsx?namnd=HSN" in page
    assert "Helårsprognos (" in page  # beside the red goals' analysis
    pdf = pdf_text(client.get(f"/namndrapport.pdf?namnd=HSN&period={PERIOD}").data)
    assert COUNCIL in pdf and "Prognos lämnad" in pdf
    for title in titles:
        assert plain(title) in page and plain(title) in pdf, title
    sheet = load_workbook(io.BytesIO(client.get(
        f"/ladda-ner/namndrapport/council.xlsx?namnd=HSN&period={PERIOD}").data)).active
    assert sheet["A1"].value == COUNCIL
    assert [c.value for c in sheet[4]] == ["Mål", "Ansvarig", "Status Delår 2026",
                                           "Prognos lämnad", "Analys", "Planerade åtgärder"]
    assert [row[0] for row in sheet.iter_rows(min_row=5, values_only=True)] == titles
    goals = load_workbook(io.BytesIO(client.get(
        f"/ladda-ner/namndrapport/goals.xlsx?namnd=HSN&period={PERIOD}").data)).active
    assert goals.cell(4, 7).value == "Helårsprognos"
    assert {row[6] for row in goals.iter_rows(min_row=5, values_only=True)} >= {
        "✓ Bedöms uppfyllas", "✗ Bedöms inte uppfyllas vid årets slut"}


def test_the_goal_page_shows_each_assessments_forecast(client, app, demo_url):
    engine = create_engine(demo_url)
    with engine.connect() as conn:
        code, parent = conn.execute(text(
            "SELECT g.code, up.code FROM assessments a JOIN goals g ON g.id = a.goal_id "
            "JOIN goals up ON up.id = g.parent_id "
            "JOIN followup_periods p ON p.id = a.followup_period_id WHERE p.year = 2026 "
            "AND p.kind = 'DELAR' AND a.forecast = 'uppfylls_ej' ORDER BY g.code")).first()
    engine.dispose()
    log_in(client, "ledning")
    page = render_page(client, app, "/mal", f"?goal={code}&period={PERIOD}")
    assert "Helårsprognos: " in page and "✗ Bedöms inte uppfyllas vid årets slut" in page
    sheet = load_workbook(io.BytesIO(client.get(
        f"/ladda-ner/mal/history.xlsx?goal={code}&period={PERIOD}").data)).active
    header = [c.value for c in sheet[4]]
    assert header[:3] == ["Uppföljning", "Status", "Helårsprognos"]
    assert sheet.cell(5, 3).value == "✗ Bedöms inte uppfyllas vid årets slut"
    # The drill-down row of the goal, one level up, says it too.
    above = render_page(client, app, "/mal", f"?goal={parent}&period={PERIOD}")
    assert "col-helarsprognos" in above and "✗ Bedöms inte uppfyllas vid årets slut" in above
