"""Riktade statsbidrag: the repayment-risk rule on cases with a known answer, the query on a
hand-built region (SQLite and PostgreSQL) and on the demo against independent SQL, what each
viewer is shown, and the page and its downloads over HTTP.

Also the HTTP helper the other Ekonomi sub-page tests share (`render`).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from callbacks import statsbidrag as cb
from dashboard.core.args import BadArgument
from data_access.db import get_engine, session_scope
from data_access.demo.grants import GRANT_AT_RISK
from data_access.models import OrgUnit, StateGrant
from data_access.queries import grants as q
from data_access.scope import MANAGEMENT, PUBLIC, Viewer
from data_access.tree import rebuild_economy_totals
from tests.small_region import build_small_region
from tests.test_access import (
    callbacks_after_first_request,
    log_in,
    payload,
    post_callback,
)
from tests.test_downloads import csv_rows, fetch, file_name, xlsx_rows, xlsx_sheet

TODAY = dt.date(2026, 10, 31)
JAN_2026 = dt.date(2026, 1, 1)


# --- Shared HTTP helpers ------------------------------------------------------------------


def render(app, client, path: str, search: str = "") -> str:
    """The page the router sends for `path` + `search`, as JSON text with Swedish letters."""
    callbacks = callbacks_after_first_request(app, client)
    key = next(k for k in callbacks if "_pages_content.children" in k)
    response = post_callback(client, payload(key, callbacks[key], pathname=path, search=search))
    assert response.status_code == 200, response.status_code
    return json.dumps(response.get_json()["response"], ensure_ascii=False)


# --- The repayment-risk rule ----------------------------------------------------------------


@pytest.mark.parametrize("received, used, start, deadline, expected", [
    (100, 100, JAN_2026, dt.date(2026, 12, 31), None),  # all used
    (0, 0, JAN_2026, dt.date(2026, 12, 31), None),  # nothing received
    # Two months left: more than half unused is a risk, exactly half is not.
    (100, 22, JAN_2026, dt.date(2026, 12, 31), "Högst 3 månader kvar och 78\u00a0% av"),
    (100, 49, JAN_2026, dt.date(2026, 12, 31), "Högst 3 månader kvar och 51\u00a0% av"),
    (100, 50, JAN_2026, dt.date(2026, 12, 31), None),
    # "Three months" are calendar months: 31 January is within them, 1 February is not.
    (100, 40, JAN_2026, dt.date(2027, 1, 31), "Högst 3 månader kvar"),
    (100, 40, JAN_2026, dt.date(2027, 2, 1), None),
    # A long grant: 73 % of its period gone (668 of 910 days); 30 % used lags by 43 points.
    (100, 30, dt.date(2025, 1, 1), dt.date(2027, 6, 30), "30\u00a0% är använt fast 73\u00a0%"),
    (100, 35, dt.date(2025, 1, 1), dt.date(2027, 6, 30), None),
    # Past the deadline, whatever is left may have to be paid back.
    (100, 96, dt.date(2025, 1, 1), dt.date(2025, 12, 31),
     "Sista dagen har passerat och 4\u00a0tkr"),
    (100, 99.9, dt.date(2025, 1, 1), TODAY, None),  # due today: not past, little left
])
def test_the_repayment_risk_rule(received, used, start, deadline, expected):
    reason = cb.repayment_risk(received, used, start, deadline, TODAY)
    if expected is None:
        assert reason is None
    else:
        assert reason is not None and reason.startswith(expected), reason


def test_months_and_the_share_of_the_period_gone():
    assert cb.add_months(dt.date(2026, 10, 31), 3) == dt.date(2027, 1, 31)
    assert cb.add_months(dt.date(2026, 11, 30), 3) == dt.date(2027, 2, 28)
    assert cb.add_months(dt.date(2026, 12, 15), 1) == dt.date(2027, 1, 15)
    assert cb.elapsed_share(JAN_2026, dt.date(2026, 1, 11), dt.date(2026, 1, 6)) == 0.5
    assert cb.elapsed_share(JAN_2026, dt.date(2026, 12, 31), dt.date(2025, 6, 1)) == 0.0
    assert cb.elapsed_share(JAN_2026, dt.date(2026, 12, 31), dt.date(2027, 6, 1)) == 1.0
    assert cb.elapsed_share(JAN_2026, JAN_2026, JAN_2026) == 1.0


def test_the_rule_is_written_out_with_its_thresholds():
    text_ = " ".join(cb.RISK_RULE_TEXT_SV)
    assert "högst 3 månader" in text_ and "mer än hälften" in text_
    assert "40 procentenheter" in text_ and "sista dagen att använda bidraget har passerat" in text_


# --- The query on a hand-built region ---------------------------------------------------------

# (code, unit, year, received, used, deadline); at TODAY: G1 and G3 at risk, G5 past its deadline.
GRANTS = (
    ("G1", "HSN-E", 2026, 1000.0, 200.0, dt.date(2026, 12, 31)),
    ("G2", "HSN", 2026, 500.0, 450.0, dt.date(2027, 6, 30)),
    ("G3", "RUN-E", 2026, 800.0, 100.0, dt.date(2026, 11, 30)),
    ("G4", "R", 2026, 300.0, 300.0, dt.date(2026, 12, 31)),
    ("G5", "HSN-E", 2025, 100.0, 96.0, dt.date(2025, 12, 31)),
)



def small_region_with(db_url: str, rows: Callable[[dict[str, int]], list]):
    """Yield (session, nämnd ids by code) over the small region plus `rows(unit ids by code)`."""
    with session_scope(db_url) as session:
        ids = build_small_region(session)
        session.add_all(rows(dict(session.execute(select(OrgUnit.code, OrgUnit.id)).all())))
        session.flush()
        rebuild_economy_totals(session)  # for economy rows among them
    with Session(get_engine(db_url)) as session:
        yield session, ids


@pytest.fixture
def region(db_url):
    """The small region with the grants above."""
    yield from small_region_with(db_url, lambda units: [
        StateGrant(code=code, name=f"Bidrag {code}", purpose=f"Syfte {code}", unit_id=units[unit],
                   year=year, received_tkr=received, used_tkr=used, deadline=deadline,
                   updated_on=dt.date(2026, 10, 20))
        for code, unit, year, received, used, deadline in GRANTS])


def codes(data: cb.GrantsData) -> list[str]:
    return [a.grant.code for a in data.grants]


def test_grants_at_risk_come_first_with_sums_per_namnd(region):
    session, _ = region
    data = cb.grants_data(session, MANAGEMENT, today=TODAY)
    assert data.selection.year == 2026 and data.selection.years == [2026, 2025]
    assert codes(data) == ["G3", "G1", "G4", "G2"]  # at risk by deadline, then the rest
    assert [a.at_risk for a in data.grants] == [True, True, False, False]
    sums = {s.label: s for s in cb.sums_by_namnd(data.grants)}
    hsn, run = sums["Hälso- och sjukvårdsnämnden"], sums["Regionala utvecklingsnämnden"]
    assert (hsn.count, hsn.received_tkr, hsn.used_tkr, hsn.remaining_tkr) == (2, 1500, 650, 850)
    assert (hsn.at_risk, hsn.at_risk_remaining_tkr) == (1, 800)
    assert (run.count, run.remaining_tkr) == (1, 700)
    assert (run.at_risk, run.at_risk_remaining_tkr) == (1, 700)
    assert sums["Regionen gemensamt"].count == 1  # NO_NAMND in a region's words
    assert sums["Regionen gemensamt"].remaining_tkr == 0
    total = cb.sums("Totalt", data.grants)
    assert (total.received_tkr, total.used_tkr, total.at_risk) == (2600, 1050, 2)


def test_a_year_and_a_namnd_narrow_the_list(region):
    session, _ = region
    assert codes(cb.grants_data(session, MANAGEMENT, "HSN", "2026", TODAY)) == ["G1", "G2"]
    earlier = cb.grants_data(session, MANAGEMENT, None, "2025", TODAY)
    assert codes(earlier) == ["G5"] and earlier.grants[0].risk.startswith("Sista dagen")


def test_a_namnd_member_sees_their_own_units_and_the_summary_levels(region):
    session, ids = region
    hsn = Viewer("namnd", (ids["HSN"],))
    data = cb.grants_data(session, hsn, today=TODAY)
    assert codes(data) == ["G1", "G4", "G2"]  # not RUN's enhet's G3
    assert [n.code for n in data.selection.namnder] == ["HSN"]
    with pytest.raises(BadArgument, match="behörighet att se statsbidrag för RUN"):
        cb.grants_data(session, hsn, "RUN", None, TODAY)


def test_the_public_and_unknown_roles_see_no_grants(region):
    session, ids = region
    for viewer in (PUBLIC, Viewer("gast", tuple(ids.values()))):
        data = cb.grants_data(session, viewer, today=TODAY)
        assert data.selection.year is None and data.grants == []
        assert q.grant_years(session, viewer) == []


@pytest.mark.parametrize("namnd, year, message", [
    (None, "20x6", "”20x6” är inget årtal"),
    (None, "2019", "Det finns inga statsbidrag för 2019"),
    ("XYZ", None, "Det finns ingen nämnd med koden ”XYZ”"),
    ("x" * 80, None, "…”"),  # a long argument is shortened when repeated
])
def test_bad_arguments_are_explained_in_swedish(region, namnd, year, message):
    session, _ = region
    with pytest.raises(BadArgument) as error:
        cb.grants_data(session, MANAGEMENT, namnd, year, TODAY)
    assert message in str(error.value)


# --- The demo region against independent SQL -------------------------------------------------


@pytest.fixture
def demo(demo_url):
    with Session(get_engine(demo_url)) as session:
        yield session


def namnd_id(session, code: str) -> int:
    return session.execute(text("SELECT id FROM org_units WHERE code = :c"), {"c": code}).scalar()


def test_the_demo_grants_equal_independent_sql(demo):
    data = cb.grants_data(demo, MANAGEMENT, today=TODAY)
    rows = demo.execute(text(
        "SELECT code, received_tkr, used_tkr, deadline FROM state_grants WHERE year = 2026")).all()
    assert {a.grant.code: (a.grant.received_tkr, a.grant.used_tkr, str(a.grant.deadline))
            for a in data.grants} == {c: (r, u, str(d)) for c, r, u, d in rows}
    per_namnd = dict(demo.execute(text("""
        SELECT n.name, SUM(g.received_tkr - g.used_tkr) FROM state_grants g
        JOIN org_units u ON u.id = g.unit_id JOIN org_units n ON n.id = u.namnd_id
        WHERE g.year = 2026 GROUP BY n.name""")).all())
    assert {s.label: s.remaining_tkr for s in cb.sums_by_namnd(data.grants)} == pytest.approx(
        per_namnd)


def test_the_demo_grant_at_risk_is_the_story_s_and_comes_first(demo):
    data = cb.grants_data(demo, MANAGEMENT)  # as of the data's date, 2026-10-31
    assert data.today == TODAY
    assert [a.grant.name for a in data.grants if a.at_risk] == [GRANT_AT_RISK]
    assert data.grants[0].grant.name == GRANT_AT_RISK


def test_an_hsn_member_never_sees_runs_unit_level_grants(demo):
    hsn = Viewer("namnd", (namnd_id(demo, "HSN"),))
    below_namnd = {c for c, in demo.execute(text("""
        SELECT g.code FROM state_grants g JOIN org_units u ON u.id = g.unit_id
        WHERE u.namnd_id = :n AND u.level NOT IN ('region', 'namnd')"""),
        {"n": namnd_id(demo, "RUN")})}
    own = {c for c, in demo.execute(text("""
        SELECT g.code FROM state_grants g JOIN org_units u ON u.id = g.unit_id
        WHERE u.namnd_id = :n OR u.level IN ('region', 'namnd')"""), {"n": namnd_id(demo, "HSN")})}
    seen = set()
    for year in q.grant_years(demo, hsn):
        seen |= {a.grant.code for a in cb.grants_data(demo, hsn, None, str(year)).grants}
    assert below_namnd and not seen & below_namnd
    assert seen == own


# --- Over HTTP: permalinks and downloads ----------------------------------------------------


def test_the_permalink_shows_one_namnds_grants(app, client):
    log_in(client, "ledning")
    page = render(app, client, "/ekonomi/statsbidrag", "?namnd=HSN&year=2026")
    assert GRANT_AT_RISK in page and "Risk för återbetalning" in page
    assert "Kultursamverkansmodellen" not in page  # RUN's
    assert '"value": "HSN"' in page and '"value": "2026"' in page  # the selectors agree


def test_a_member_asking_for_another_namnd_is_told_why(app, client):
    log_in(client, "hsn")
    page = render(app, client, "/ekonomi/statsbidrag", "?namnd=RUN")
    assert "Du har inte behörighet att se statsbidrag för RUN" in page
    assert "Kultursamverkansmodellen" not in page
    assert "Kultursamverkansmodellen" not in render(app, client, "/ekonomi/statsbidrag")


@pytest.mark.parametrize("search, message", [
    ("?year=20x6", "är inget årtal"),
    ("?namnd=XYZ", "Det finns ingen nämnd med koden"),
    ("?year=1999", "Det finns inga statsbidrag för 1999"),
])
def test_bad_permalinks_give_a_swedish_message(app, client, search, message):
    log_in(client, "ledning")
    page = render(app, client, "/ekonomi/statsbidrag", search)
    assert message in page and "Traceback" not in page


def test_the_grants_download_as_csv_and_excel(app, client):
    log_in(client, "ledning")
    response = fetch(client, "statsbidrag", "grants", "csv", year=2026, namnd="HSN")
    rows = csv_rows(response.data)
    assert file_name(response) == "statsbidrag_bidrag_HSN_2026.csv"
    assert rows[0][:2] == ["Kod", "Statsbidrag"] and len(rows) == 1 + 8  # HSN's 2026 grants
    at_risk = rows[1]
    assert at_risk[1] == GRANT_AT_RISK and at_risk[7] == "18400,0" and at_risk[13] == "Ja"
    response = fetch(client, "statsbidrag", "grants", "xlsx", year=2026)
    sheet = xlsx_rows(response.data)
    assert file_name(response) == "statsbidrag_bidrag_2026.xlsx" and len(sheet) == 1 + 13
    assert sheet[1][1] == GRANT_AT_RISK and sheet[1][7] == 18400


def test_the_sums_per_namnd_download_with_the_total(app, client):
    log_in(client, "ledning")
    grants = xlsx_rows(fetch(client, "statsbidrag", "grants", "xlsx", year=2026).data)[1:]
    sheet = xlsx_sheet(fetch(client, "statsbidrag", "sums", "xlsx", year=2026).data)
    header, *rows = list(sheet.iter_rows(min_row=3, values_only=True))  # under the title
    assert header == ("Nämnd", "Antal bidrag", "Erhållet (tkr)", "Använt (tkr)", "Kvar (tkr)",
                      "Använd andel (%)", "Med risk för återbetalning",
                      "Kvar i bidrag med risk (tkr)")
    *per_namnd, total = rows
    assert {r[0] for r in per_namnd} == {g[5] for g in grants} and total[0] == "Totalt"
    assert total[1] == len(grants) == sum(r[1] for r in per_namnd)
    assert total[2] == pytest.approx(sum(g[7] for g in grants))
    assert total[6] == sum(g[13] == "Ja" for g in grants)
    assert sheet["C4"].number_format == "#,##0.0" and sheet["F4"].number_format == "0.0%"
    assert 0 <= total[5] <= 1  # a share, shown as per cent
    rows = csv_rows(fetch(client, "statsbidrag", "sums", "csv", year=2026, namnd="HSN").data)
    assert [r[0] for r in rows[1:]] == ["Hälso- och sjukvårdsnämnden"]  # one nämnd, no total


def test_a_member_cannot_download_another_namnds_grants(app, client):
    log_in(client, "hsn")
    for table in ("grants", "sums"):
        response = fetch(client, "statsbidrag", table, "csv", year=2026, namnd="RUN")
        assert response.status_code == 400 and "Du har inte behörighet" in response.text
        content = fetch(client, "statsbidrag", table, "csv", year=2026).data
        assert b"Kultursamverkansmodellen" not in content
        assert "Regionala utvecklingsnämnden" not in content.decode("utf-8-sig")
