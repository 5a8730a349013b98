"""Reports owed on riktade statsbidrag to the granting agencies: the overdue rule, the query on
a hand-built region (SQLite and PostgreSQL), the flag on Översikt and the Nämndrapport's
section against independent SQL; and the nämnd scope of the measures' and grants' new rows."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from callbacks import namndrapport as rp
from dashboard.core import formatting as fmt
from data_access.db import get_engine, session_scope
from data_access.demo.grants import GRANT_REPORT_LATE, HIRED_DOCTORS
from data_access.models import (
    GrantReport,
    Indicator,
    MeasureIndicator,
    MeasureMonth,
    OrgUnit,
    SavingMeasure,
    StateGrant,
)
from data_access.queries import grants as q
from data_access.scope import MANAGEMENT, PUBLIC, Viewer
from tests.test_access import log_in
from tests.test_downloads import fetch
from tests.test_grants import GRANTS, TODAY, small_region_with
from tests.test_namndrapport import PERIOD
from tests.test_pages_http import render_page

# (grant, due, submitted): at TODAY, G1's first and G3's report are overdue.
REPORTS = (
    ("G1", dt.date(2026, 9, 30), None), ("G1", dt.date(2027, 3, 31), None),
    ("G2", dt.date(2026, 6, 30), dt.date(2026, 7, 2)),  # late, but submitted
    ("G3", dt.date(2026, 10, 15), None),
    ("G5", dt.date(2026, 10, 31), None),  # due today: not overdue yet
)


@pytest.fixture
def region(db_url):
    """The small region with test_grants' grants and the reports above."""
    grants = {code: StateGrant(code=code, name=f"Bidrag {code}", purpose="", year=year,
                               received_tkr=received, used_tkr=used, deadline=deadline,
                               updated_on=TODAY, agency="Socialstyrelsen")
              for code, _, year, received, used, deadline in GRANTS}

    def rows(units):
        for code, unit, *_ in GRANTS:
            grants[code].unit_id = units[unit]
        return list(grants.values())

    for session, ids in small_region_with(db_url, rows):
        session.add_all(GrantReport(grant_id=session.scalar(select(StateGrant.id).where(
            StateGrant.code == code)), due_on=due, title=f"Redovisning {code}",
            submitted_on=submitted) for code, due, submitted in REPORTS)
        session.commit()
        yield session, ids


def test_a_report_is_overdue_when_not_submitted_after_its_last_day():
    assert q.is_overdue_report(dt.date(2026, 9, 30), None, TODAY)
    assert not q.is_overdue_report(TODAY, None, TODAY)
    assert not q.is_overdue_report(dt.date(2026, 9, 30), dt.date(2026, 10, 2), TODAY)


def test_the_overdue_reports_of_each_viewer(region):
    session, ids = region
    overdue = q.grant_reports(session, MANAGEMENT, overdue_on=TODAY)
    assert [(r.grant_code, r.due_on) for r in overdue] == [("G1", dt.date(2026, 9, 30)),
                                                           ("G3", dt.date(2026, 10, 15))]
    assert all(r.overdue(TODAY) for r in overdue) and overdue[0].agency == "Socialstyrelsen"
    hsn = Viewer("namnd", (ids["HSN"],))
    assert [r.grant_code for r in q.grant_reports(session, hsn, overdue_on=TODAY)] == ["G1"]
    assert [r.grant_code for r in q.grant_reports(session, MANAGEMENT, ids["RUN"])] == ["G3"]
    assert {r.grant_code for r in q.grant_reports(session, MANAGEMENT, year=2025)} == {"G5"}
    assert q.grant_reports(session, PUBLIC) == []


def overdue_sql(url: str, namnd: str = "%") -> int:
    """Reports not submitted whose last day is before the demo's date, of the nämnd's units."""
    with Session(get_engine(url)) as s:
        return s.execute(text(
            "SELECT COUNT(*) FROM grant_reports r JOIN state_grants g ON g.id = r.grant_id "
            "JOIN org_units u ON u.id = g.unit_id LEFT JOIN org_units n ON n.id = u.namnd_id "
            "WHERE r.submitted_on IS NULL AND r.due_on < :today AND COALESCE(n.code, '') LIKE :namnd"),
            {"today": TODAY, "namnd": namnd}).scalar()


def test_overview_flags_the_overdue_grant_reports_for_economy_roles(app, client, demo_url):
    expected = overdue_sql(demo_url)
    assert expected >= 1
    log_in(client, "ledning")
    page = render_page(client, app, "/")
    assert "overview-grant-reports" in page and "Försenade redovisningar av statsbidrag" in page
    assert GRANT_REPORT_LATE in page and f'"children": "{fmt.number(expected)}"' in page
    log_in(client, "run")  # RUN has none overdue: no flag
    assert "overview-grant-reports" not in render_page(client, app, "/")
    log_in(client, None)
    assert "overview-grant-reports" not in render_page(client, app, "/")


def test_the_report_has_the_measures_and_the_overdue_grant_reports(demo_url):
    with Session(get_engine(demo_url)) as session:
        report = rp.build_report(session, MANAGEMENT, rp.resolve(session, MANAGEMENT, "HSN",
                                                                 PERIOD))
    sections = {s.title: s for s in report.sections}
    measures = sections[rp.MEASURES_TITLE]
    figures = {f.label: f.value for f in measures.figures}
    flagged = next(p for p in measures.parts if isinstance(p, rp.Items))
    assert [i.heading for i in flagged.items if HIRED_DOCTORS in i.heading]
    assert figures[rp.FLAGGED_LABEL] == fmt.number(len(flagged.items))
    tables = report.tables()
    with Session(get_engine(demo_url)) as s:
        planned = s.execute(text(
            "SELECT SUM(m.planned_effect_tkr) FROM saving_measures m JOIN org_units u "
            "ON u.id = m.unit_id JOIN org_units n ON n.id = u.namnd_id "
            "WHERE m.year = 2026 AND n.code = 'HSN'")).scalar()
        september = s.execute(text(
            "SELECT SUM(mm.achieved_tkr) FROM measure_months mm JOIN saving_measures m "
            "ON m.id = mm.measure_id JOIN org_units u ON u.id = m.unit_id JOIN org_units n "
            "ON n.id = u.namnd_id WHERE m.year = 2026 AND n.code = 'HSN' AND mm.month = 9")
        ).scalar()
    assert figures["Planerad effekt"] == fmt.mnkr(planned)
    assert sum(row[4] for row in tables["measures"].rows) == pytest.approx(planned)
    assert tables["measure_months"].rows[8][2] == pytest.approx(september)
    grants = sections[rp.GRANT_REPORTS_TITLE]
    assert grants.figures[0].value == fmt.number(overdue_sql(demo_url, "HSN"))
    assert any(GRANT_REPORT_LATE in row[0] and "Försenad" in row[5]
               for row in tables["grant_reports"].rows)
    summary = {f.label: f.value for f in report.sections[0].figures}
    assert summary[rp.FLAGGED_LABEL] == figures[rp.FLAGGED_LABEL]


# --- The nämnd scope of the new rows ------------------------------------------------------------

CANARY = "KANARIEFÅGEL-ÅTGÄRD-9c2e"


def add_canaries(url: str) -> None:
    """A RUN measure (its alternatives, a month, a watched indicator's consequence) and a RUN
    grant with an overdue report, each carrying the canary."""
    with session_scope(url) as s:
        unit = s.scalars(select(OrgUnit).where(OrgUnit.code == "RU-FHS")).one()
        indicator = s.scalars(select(Indicator).where(Indicator.published.is_(True))).first()
        measure = SavingMeasure(code="CANARY-M", title=CANARY, unit_id=unit.id, year=2026,
                                planned_effect_tkr=1.0, achieved_effect_tkr=0.0,
                                status="pagaende", alternatives=CANARY)
        grant = StateGrant(code="CANARY-SB", name=CANARY, unit_id=unit.id, year=2026,
                           received_tkr=1.0, used_tkr=0.0, deadline=dt.date(2026, 12, 31),
                           updated_on=dt.date(2026, 10, 1), conditions=CANARY)
        s.add_all([measure, grant])
        s.flush()
        s.add_all([MeasureMonth(measure_id=measure.id, month=1, planned_tkr=1.0),
                   MeasureIndicator(measure_id=measure.id, indicator_id=indicator.id,
                                    consequence=CANARY),
                   GrantReport(grant_id=grant.id, due_on=dt.date(2026, 1, 31), title=CANARY)])


def test_a_namnd_member_never_sees_another_namnds_measures_months_or_grant_reports(
        app, client, demo_url):
    add_canaries(demo_url)
    log_in(client, "ledning")  # the canaries are there to be seen
    assert CANARY in render_page(client, app, "/ekonomi/statsbidrag", "?year=2026")
    assert CANARY in render_page(client, app, "/ekonomi/atgarder", "?year=2026")
    log_in(client, "hsn")
    for path, search in (("/", ""), ("/ekonomi/atgarder", "?year=2026"),
                         ("/ekonomi/statsbidrag", "?year=2026"),
                         ("/namndrapport", f"?namnd=HSN&period={PERIOD}")):
        assert CANARY not in render_page(client, app, path, search), path
    for table in ("measures", "months", "watched"):
        assert CANARY not in fetch(client, "atgarder", table, "csv", year=2026).text
    assert CANARY not in fetch(client, "namndrapport", "grant_reports", "csv", namnd="HSN",
                               period=PERIOD).text
