"""Indikator: the queries against independent SQL on the demo region, scoped per viewer; the
Swedish texts and CSV files; the page over HTTP through the router, with bad arguments."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from openpyxl import load_workbook
from sqlalchemy import text
from sqlalchemy.orm import Session

from callbacks import indikator as cb
from dashboard.core import exports
from dashboard.core import formatting as fmt
from dashboard.core.args import BadArgument
from data_access.db import get_engine
from data_access.models import GOAL_KINDS
from data_access.queries import indicators as q
from data_access.queries.goals import FollowUp
from data_access.rollup import months_before
from data_access.scope import MANAGEMENT, Viewer
from data_access.status import STATUS_LABELS_SV, indicator_status
from tests.test_access import (
    callbacks_after_first_request,
    log_in,
    payload,
    post_callback,
)
from tests.test_downloads import fetch, file_name, xlsx_sheet

DELAR_2026 = "2026-DELAR"
# Many units and split by sex; a band without targets; Kolada at the region only; staff.
INDICATORS = ("RJH-HSV-003", "RJH-HSV-017", "N70061", "RJH-HR-002")
WHO = ("ledning", "hsn", "run")


@pytest.fixture
def demo(demo_url):
    with Session(get_engine(demo_url)) as session:
        yield session


def sql(session, query: str, **params) -> list:
    return session.execute(text(query), params).all()


def viewer(session, who: str) -> Viewer:
    """The viewer called `who`: ledning, or the member of the nämnd with that code."""
    if who == "ledning":
        return MANAGEMENT
    (namnd,), = sql(session, "SELECT id FROM org_units WHERE code = :c", c=who.upper())
    return Viewer("namnd", (namnd,))


def followup(session, key: str = DELAR_2026) -> FollowUp:
    year, kind = key.split("-")
    row, = sql(session, "SELECT id, year, kind, end_date FROM followup_periods "
                        "WHERE year = :y AND kind = :k", y=int(year), k=kind)
    return FollowUp(row[0], row[1], row[2], dt.date.fromisoformat(str(row[3])))


def indicator(session, code: str, who: str = "ledning") -> q.IndicatorInfo:
    return q.indicator_by_code(session, viewer(session, who), code)


# --- The rules, written out again -----------------------------------------------------------


def visible_units(session, v: Viewer) -> set[int]:
    """Units whose values the page shows: all for ledning; region and nämnd level and the
    member's own units for a nämnd member."""
    rows = sql(session, "SELECT id, level, namnd_id FROM org_units")
    if v.sees_everything:
        return {uid for uid, *_ in rows}
    return {uid for uid, level, namnd in rows
            if level in ("region", "namnd") or namnd in v.namnd_ids}


def raw_target(session, indicator_id: int, unit_id: int, year: int):
    """(value, upper, tolerance) set for the unit or its nearest ancestor, or None."""
    rows = sql(session, """
        SELECT t.value, t.upper_value, t.tolerance FROM targets t
        JOIN org_unit_closure c ON c.ancestor_id = t.unit_id
        WHERE t.indicator_id = :i AND c.descendant_id = :u AND t.year = :y
        ORDER BY c.depth LIMIT 1""", i=indicator_id, u=unit_id, y=year)
    return tuple(rows[0]) if rows else None


def raw_latest_values(session, ind: q.IndicatorInfo, fu: FollowUp, v: Viewer) -> dict:
    """unit code -> (period, value, status) of each visible unit's latest value in the window."""
    start = months_before(fu.end_date, 12)
    rows = sql(session, """
        SELECT u.id, u.code, m.period, m.period_end, m.value_total FROM measurements m
        JOIN org_units u ON u.id = m.unit_id
        WHERE m.indicator_id = :i AND m.value_total IS NOT NULL
        ORDER BY m.period_end, m.id""", i=ind.id)
    latest = {}
    for uid, code, period, end, value in rows:
        end = dt.date.fromisoformat(str(end)[:10])
        if start < end <= fu.end_date and uid in visible_units(session, v):
            latest[code] = (uid, period, end, value)
    expected = {}
    for code, (uid, period, end, value) in latest.items():
        target = raw_target(session, ind.id, uid, end.year)
        status = indicator_status(value, target and target[0], direction=ind.direction,
                                  tolerance=(target and target[2]) or 0.0,
                                  upper=target and target[1])
        expected[code] = (period, value, status)
    return expected


# --- Queries against independent SQL -----------------------------------------------------------


@pytest.mark.parametrize("code", INDICATORS)
def test_the_series_and_targets_equal_sql(demo, code):
    ind = indicator(demo, code)
    unit = cb.default_unit(q.linked_goals(demo, MANAGEMENT, ind.id),
                           q.reporting_units(demo, MANAGEMENT, ind.id))
    fu = followup(demo)
    got = q.unit_series(demo, MANAGEMENT, ind.id, unit.id, fu.end_date)
    rows = sql(demo, """SELECT period, value_total, value_women, value_men FROM measurements
                        WHERE indicator_id = :i AND unit_id = :u AND period_end <= :e
                        ORDER BY period_end""", i=ind.id, u=unit.id, e=fu.end_date)
    assert [(v.period, v.total, v.women, v.men) for v in got] == [tuple(r) for r in rows]
    assert rows, "the default unit reports the indicator"
    targets = q.unit_targets(demo, MANAGEMENT, ind.id, unit.id)
    for year in range(2019, 2027):
        expected = raw_target(demo, ind.id, unit.id, year)
        found = targets.get(year)
        assert (found and (found.value, found.upper, found.tolerance)) == \
            (expected and (expected[0], expected[1], expected[2] or 0.0)), year


@pytest.mark.parametrize("who", WHO)
@pytest.mark.parametrize("code", INDICATORS)
def test_the_comparison_across_units_equals_sql_for_each_viewer(demo, code, who):
    v = viewer(demo, who)
    ind = q.indicator_by_code(demo, v, code)
    if ind is None:  # the member may not see this indicator at all
        (published,), = sql(demo, "SELECT published FROM indicators WHERE code = :c", c=code)
        assert not published
        return
    fu = followup(demo)
    got = {u.code: (u.period, u.value, u.status) for u in q.latest_values(demo, v, ind, fu)}
    assert got == raw_latest_values(demo, ind, fu, v)
    reporting = {u.code for u in q.reporting_units(demo, v, ind.id)}
    raw = {c for uid, c in sql(demo, "SELECT DISTINCT u.id, u.code FROM measurements m JOIN "
                                     "org_units u ON u.id = m.unit_id WHERE m.indicator_id = :i",
                               i=ind.id) if uid in visible_units(demo, v)}
    assert reporting == raw and set(got) <= reporting


def test_a_member_compares_own_units_and_nämnd_level_only(demo):
    hsn, run = viewer(demo, "hsn"), viewer(demo, "run")
    ind = indicator(demo, "RJH-HR-002")  # measured in every nämnd, published
    fu = followup(demo)
    levels = dict(sql(demo, "SELECT code, level FROM org_units"))
    namnd_of = dict(sql(demo, "SELECT u.code, n.code FROM org_units u "
                              "LEFT JOIN org_units n ON n.id = u.namnd_id"))
    seen = [u.code for u in q.latest_values(demo, hsn, ind, fu)]
    everything = [u.code for u in q.latest_values(demo, MANAGEMENT, ind, fu)]
    assert set(seen) < set(everything)
    assert all(levels[c] in ("region", "namnd") or namnd_of[c] == "HSN" for c in seen)
    assert any(levels[c] == "enhet" for c in seen)  # its own enheter are there
    assert not any(namnd_of[c] == "RUN" and levels[c] != "namnd" for c in seen)
    assert "RUN" in seen  # the other nämnder's own values are
    assert set(seen) != {u.code for u in q.latest_values(demo, run, ind, fu)}


def test_kolada_comparisons_equal_sql(demo):
    ind = indicator(demo, "N70061")
    got = q.comparison_series(demo, MANAGEMENT, ind.id, 2026)
    rows = sql(demo, "SELECT area_code, area_name, period, value_total FROM "
                     "comparison_measurements WHERE indicator_id = :i ORDER BY area_code, period",
               i=ind.id)
    assert [(s.area_code, s.area_name, p, v) for s in got for p, v in s.values] == \
        [tuple(r) for r in rows]
    assert got[0].area_code == "0000" and {s.area_code for s in got} >= {"0022", "0024", "0025"}


def test_linked_goals_are_the_viewers_highest_first(demo):
    ind = indicator(demo, "RJH-HSV-003")
    goals = q.linked_goals(demo, MANAGEMENT, ind.id)
    raw = sql(demo, "SELECT g.code FROM goals g JOIN goal_indicators gi ON gi.goal_id = g.id "
                    "WHERE gi.indicator_id = :i", i=ind.id)
    assert {g.code for g in goals} == {c for c, in raw}
    kinds = [g.kind for g in goals]
    assert "framgangsfaktor" in kinds  # the demo region measures its factors too
    assert kinds == sorted(kinds, key=GOAL_KINDS.index)
    run_goals = {g.code for g in q.linked_goals(demo, viewer(demo, "run"), ind.id)}
    assert run_goals < {g.code for g in goals}


# --- A hand-built case with a known answer, on SQLite and PostgreSQL --------------------------


def build_small_case(s) -> dict[str, int]:
    """R ─ A ─ A-E, R ─ B ─ B-E; indicator I (higher is better) with targets at A for 2026
    (90 ± 5), at R for 2026 (80) and 2025 (75 ± 10), and values around Delår 2026."""
    from data_access.models import (
        FollowUpPeriod,
        Indicator,
        Measurement,
        OrgUnit,
        Target,
    )
    from data_access.tree import rebuild_closures

    units = {}
    for code, level, parent in (("R", "region", None), ("A", "namnd", "R"), ("B", "namnd", "R"),
                                ("A-E", "enhet", "A"), ("B-E", "enhet", "B")):
        unit = OrgUnit(code=code, name=f"Enhet {code}", level=level,
                       parent_id=units[parent].id if parent else None)
        s.add(unit)
        s.flush()
        unit.namnd_id = None if level == "region" else units.get(code[0], unit).id
        units[code] = unit
    ind = Indicator(code="I", name="Indikator", unit="%", direction="higher", frequency="month",
                    source="Test", published=True)
    s.add(ind)
    s.flush()
    for unit, year, value, tolerance in (("A", 2026, 90, 5), ("R", 2026, 80, 0),
                                         ("R", 2025, 75, 10)):
        s.add(Target(indicator_id=ind.id, unit_id=units[unit].id, year=year, value=value,
                     tolerance=tolerance))
    for unit, period, end, value in (
        ("A", "2026-07", dt.date(2026, 7, 31), 80.0), ("A", "2026-08", dt.date(2026, 8, 31), 88.0),
        ("A-E", "2026-07", dt.date(2026, 7, 31), 95.0),
        ("A-E", "2026-09", dt.date(2026, 9, 30), 10.0),   # after the follow-up: not counted
        ("B-E", "2025-12", dt.date(2025, 12, 31), 70.0),  # last year's value, last year's target
        ("B", "2025-08", dt.date(2025, 8, 31), 99.0),     # older than twelve months
        ("R", "2026-08", dt.date(2026, 8, 31), 79.0),
    ):
        s.add(Measurement(indicator_id=ind.id, unit_id=units[unit].id, period=period,
                          period_end=end, value_total=value, source="Test"))
    s.add(FollowUpPeriod(year=2026, kind="DELAR", end_date=dt.date(2026, 8, 31)))
    rebuild_closures(s)
    s.flush()
    return {code: unit.id for code, unit in units.items()}


def test_latest_values_on_a_hand_built_case(db_url):
    from data_access.db import session_scope

    with session_scope(db_url) as s:
        ids = build_small_case(s)
    with Session(get_engine(db_url)) as s:
        fu = followup(s)
        ind = q.indicator_by_code(s, MANAGEMENT, "I")
        got = {u.code: (u.period, u.value, u.target, u.target_set_at, u.status)
               for u in q.latest_values(s, MANAGEMENT, ind, fu)}
        assert got == {
            "R": ("2026-08", 79.0, 80.0, "Enhet R", "red"),
            "A": ("2026-08", 88.0, 90.0, "Enhet A", "yellow"),
            "A-E": ("2026-07", 95.0, 90.0, "Enhet A", "green"),
            "B-E": ("2025-12", 70.0, 75.0, "Enhet R", "yellow"),
        }
        member_of_b = Viewer("namnd", (ids["B"],))
        # Published values are public anywhere, but the page compares a member's own units
        # and the nämnd level only: not A-E.
        assert q.indicator_by_code(s, member_of_b, "I") == ind
        assert {u.code for u in q.latest_values(s, member_of_b, ind, fu)} == {"R", "A", "B-E"}
        assert {u.code for u in q.reporting_units(s, member_of_b, ind.id)} == {"R", "A", "B", "B-E"}
        targets = q.unit_targets(s, MANAGEMENT, ind.id, ids["A-E"])
        assert {y: (t.value, t.set_at) for y, t in targets.items()} == {
            2025: (75.0, "R"), 2026: (90.0, "A")}
        series = q.unit_series(s, MANAGEMENT, ind.id, ids["A-E"], fu.end_date)
        assert [(v.period, v.total) for v in series] == [("2026-07", 95.0)]


# --- What the URL asks for ------------------------------------------------------------------


def test_resolve_defaults_to_the_first_goals_owner_and_the_latest_period(demo):
    selection = cb.resolve(demo, MANAGEMENT, "RJH-HSV-003")
    assert selection.unit.code == "HSN"  # owner of HSN-M1, its first goal
    assert selection.followup.key == DELAR_2026
    assert cb.resolve(demo, MANAGEMENT, "N70061").unit.code == "RJH"
    assert cb.resolve(demo, MANAGEMENT, None) is None


@pytest.mark.parametrize("args, argument", [
    ({"code": "FINNS-INTE"}, "code"),
    ({"code": "RJH-HSV-003", "period": "2026-13"}, "period"),
    ({"code": "RJH-HSV-003", "period": "2031-T1"}, "period"),
    ({"code": "RJH-HSV-003", "unit": "FINNS-INTE"}, "unit"),
    ({"code": "RJH-HSV-003", "unit": "x" * 500}, "unit"),
])
def test_bad_arguments_are_refused_with_a_swedish_message(demo, args, argument):
    with pytest.raises(BadArgument) as error:
        cb.resolve(demo, MANAGEMENT, **args)
    assert error.value.argument == argument
    assert "finns" in str(error.value) or "är ingen" in str(error.value)
    assert len(str(error.value)) < 200  # a long argument is shortened


RUN_INDICATOR = "RJH-KUL-002"  # published, measured at RUN's enheter


def run_enhet_with_values(session) -> str:
    """A RUN enhet with values of a published indicator (anyone may see those values)."""
    (code,), = sql(session, """
        SELECT MIN(u.code) FROM org_units u JOIN measurements m ON m.unit_id = u.id
        JOIN indicators i ON i.id = m.indicator_id JOIN org_units n ON n.id = u.namnd_id
        WHERE n.code = 'RUN' AND u.level = 'enhet' AND i.code = :i AND i.published""",
                   i=RUN_INDICATOR)
    assert code is not None
    return code


def test_a_member_cannot_choose_another_nämnds_enhet(demo):
    run_enhet = run_enhet_with_values(demo)
    with pytest.raises(BadArgument):
        cb.resolve(demo, viewer(demo, "hsn"), RUN_INDICATOR, unit=run_enhet)
    assert cb.resolve(demo, viewer(demo, "run"), RUN_INDICATOR, unit=run_enhet).unit.code == \
        run_enhet
    ind = indicator(demo, RUN_INDICATOR, "hsn")
    seen = {u.code for u in q.latest_values(demo, viewer(demo, "hsn"), ind, followup(demo))}
    assert run_enhet not in seen


# --- Texts, figures and CSV -----------------------------------------------------------------


def test_swedish_texts():
    assert cb.period_label("2025") == "2025"
    assert cb.period_label("2026-T2") == "T2 2026"
    assert cb.period_label("2026-10") == "okt 2026"
    assert fmt.value_in_unit(87.26, "%") == "87,3\u00a0%"
    assert fmt.value_in_unit(43711.0, "kr/invånare") == "43\u00a0711\u00a0kr/invånare"
    assert fmt.value_in_unit(None, "%") == "–"
    target = q.TargetValue(2026, 90.0, None, 5.0, "HSN")
    assert cb.target_text(target, "higher", "%") == "minst 90,0\u00a0%"
    assert cb.target_text(target, "lower", "dagar") == "högst 90,0\u00a0dagar"
    band = q.TargetValue(2026, 2.0, 4.0, 0.5, "HSN")
    assert cb.target_text(band, "band", "dagar") == "mellan 2,0\u00a0dagar och 4,0\u00a0dagar"
    assert cb.target_text(None, "higher", "%") == "Saknas"
    assert cb.tolerance_text(target, "%") == "tolerans 5,0 procentenheter"
    assert cb.DIRECTION_TEXT_SV["higher"] == "Högre är bättre"
    assert cb.source_text("Kolada") == "Källa: Kolada"


def test_tolerance_zones_lie_just_short_of_the_target():
    assert cb.tolerance_zones(q.TargetValue(2026, 90, None, 5, ""), "higher") == [(85, 90)]
    assert cb.tolerance_zones(q.TargetValue(2026, 10, None, 2, ""), "lower") == [(10, 12)]
    assert cb.tolerance_zones(q.TargetValue(2026, 2, 4, 1, ""), "band") == [(1, 2), (4, 5)]
    assert cb.tolerance_zones(q.TargetValue(2026, 2, None, 0, ""), "higher") == []


def test_the_figures_carry_the_target_the_sexes_and_kolada(demo):
    selection = cb.resolve(demo, MANAGEMENT, "RJH-HSV-003", period=DELAR_2026)
    data = cb.indicator_data(demo, MANAGEMENT, selection)
    names = {t.get("name") for t in cb.series_figure(selection, data.series, data.targets,
                                                     data.comparisons)["data"]}
    assert {"Utfall", "Kvinnor", "Män", "Målvärde", "Tolerans (gult)"} <= names
    bars = cb.units_figure(selection, data.units)["data"][0]
    assert bars["x"] == [u.value for u in data.units]
    assert all(label.startswith(STATUS_LABELS_SV[u.status].symbol)
               for label, u in zip(bars["y"], data.units))
    values = [u.value for u in data.units]
    assert values == sorted(values, reverse=True)  # higher is better: best first
    kolada = cb.resolve(demo, MANAGEMENT, "N70061")
    kdata = cb.indicator_data(demo, MANAGEMENT, kolada)
    names = {t.get("name") for t in cb.series_figure(kolada, kdata.series, kdata.targets,
                                                     kdata.comparisons)["data"]}
    assert {"Riket", "Region Västernorrland", "Region Västerbotten", "Region Norrbotten"} <= names


def number(cell: str) -> float | None:
    """A CSV cell's number (decimal comma), None when empty."""
    return float(cell.replace(",", ".")) if cell else None


def read_csv(content: bytes) -> list[list[str]]:
    """Rows of a Swedish CSV file, checking its BOM, separator and line ends."""
    assert content.startswith(b"\xef\xbb\xbf"), "UTF-8 with BOM"
    assert b"\r\n" in content
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def test_the_series_csv_holds_the_databases_values(demo):
    selection = cb.resolve(demo, MANAGEMENT, "RJH-HSV-003", unit="HSN", period=DELAR_2026)
    data = cb.indicator_data(demo, MANAGEMENT, selection)
    table = cb.series_table(selection, data.series, data.targets)
    rows = read_csv(exports.to_csv(table))
    assert rows[0] == list(cb.SERIES_COLUMNS_FILE)
    assert rows[0][:7] == ["Indikatorkod", "Indikator", "Enhetskod", "Organisationsenhet",
                           "Period", "Periodens slut", "Utfall"]
    raw = sql(demo, """SELECT m.period, m.value_total, m.value_women FROM measurements m
                       JOIN indicators i ON i.id = m.indicator_id
                       JOIN org_units u ON u.id = m.unit_id
                       WHERE i.code = 'RJH-HSV-003' AND u.code = 'HSN'
                       AND m.period_end <= '2026-08-31' ORDER BY m.period_end""")
    assert [(r[4], number(r[6]), number(r[7])) for r in rows[1:]] == raw  # every decimal kept
    assert any("," in r[6] for r in rows[1:]) and not any("." in r[6] for r in rows[1:])
    assert {r[12] for r in rows[1:]} <= {label.word for label in STATUS_LABELS_SV.values()}
    sheet = load_workbook(io.BytesIO(exports.to_xlsx(table))).active
    assert [sheet.cell(row, 7).value for row in range(4, sheet.max_row + 1)] == \
        [total for _p, total, _w in raw]
    assert sheet.cell(4, 7).number_format.startswith("#,##0")


def test_the_comparison_csv_lists_the_units_best_first(demo):
    selection = cb.resolve(demo, MANAGEMENT, "RJH-HSV-003", period=DELAR_2026)
    data = cb.indicator_data(demo, MANAGEMENT, selection)
    rows = read_csv(exports.to_csv(cb.units_table(selection, data.units)))
    assert rows[0] == list(cb.UNITS_COLUMNS_FILE)
    assert [r[3] for r in rows[1:]] == [u.code for u in data.units]
    assert all(r[2] == "Delår 2026" for r in rows[1:])


# --- Over HTTP --------------------------------------------------------------------------------


def render_page(app, client, path: str, search: str = "") -> tuple[int, str]:
    """The page the router sends for `path` and `search`, as text with Swedish letters kept."""
    callbacks = callbacks_after_first_request(app, client)
    key = next(k for k in callbacks if "_pages_content" in k)
    response = post_callback(client, payload(key, callbacks[key], path, search))
    if response.status_code != 200:
        return response.status_code, response.get_data(as_text=True)
    return 200, json.dumps(response.get_json(), ensure_ascii=False)


def render(app, client, search: str) -> tuple[int, str]:
    """The Indikator page for `search`."""
    return render_page(app, client, "/mal/indikator", search)


def test_the_permalink_renders_the_view(app, client, demo_url):
    log_in(client, "ledning")
    status, page = render(app, client, "?code=RJH-HSV-003&period=2026-DELAR&unit=HSN")
    assert status == 200
    with Session(get_engine(demo_url)) as s:
        latest = sql(s, """SELECT m.value_total FROM measurements m JOIN indicators i
                           ON i.id = m.indicator_id JOIN org_units u ON u.id = m.unit_id
                           WHERE i.code = 'RJH-HSV-003' AND u.code = 'HSN'
                           AND m.period_end <= '2026-08-31' ORDER BY m.period_end DESC LIMIT 1""")
    assert "Första besök i specialiserad vård inom 90 dagar" in page
    assert "Läget för Hälso- och sjukvårdsnämnden" in page
    assert fmt.value_in_unit(latest[0][0], "%") in page
    assert '"value": "2026-DELAR"' in page and '"value": "HSN"' in page
    assert "indikator-series-chart" in page and "indikator-units-chart" in page
    assert "Visa som tabell" in page and "Högre är bättre" in page


@pytest.mark.parametrize("search, words", [
    ("?code=RJH-HSV-003&period=2026-13", "är ingen uppföljningsperiod"),
    ("?code=FINNS-INTE", "Det finns ingen indikator med koden"),
    ("?code=RJH-HSV-003&unit=FINNS-INTE", "Det finns ingen organisationsenhet"),
    ("?code=FINNS-INTE&code=RJH-HSV-003", "Det finns ingen indikator med koden"),  # repeated
    ("", "Ingen indikator är vald"),
])
def test_bad_permalinks_give_a_swedish_message(app, client, search, words):
    log_in(client, "ledning")
    status, page = render(app, client, search)
    assert status == 200 and words in page
    assert "Traceback" not in page and "indikator-series-chart" not in page


def test_a_member_asking_for_another_nämnds_enhet_gets_no_values(app, client, demo_url):
    with Session(get_engine(demo_url)) as s:
        run_enhet = run_enhet_with_values(s)
        (name,), = sql(s, "SELECT name FROM org_units WHERE code = :c", c=run_enhet)
    log_in(client, "hsn")
    status, page = render(app, client, f"?code={RUN_INDICATOR}&unit={run_enhet}")
    assert status == 200
    assert "Det finns ingen organisationsenhet" in page
    assert name not in page and "indikator-series-chart" not in page
    # Without a unit the comparison shows HSN's units and nämnd-level values only.
    status, page = render(app, client, "?code=RJH-HR-002")
    assert status == 200 and name not in page and "Regionala utvecklingsnämnden" in page


def test_both_tables_download_as_excel_and_csv(app, client):
    log_in(client, "ledning")
    args = {"code": "RJH-HSV-003", "unit": "HSN", "period": "2026-DELAR"}
    for table, word in (("series", "varden"), ("units", "enheter")):
        csv = fetch(client, "indikator", table, "csv", **args)
        excel = fetch(client, "indikator", table, "xlsx", **args)
        assert file_name(csv) == f"indikator_{word}_RJH-HSV-003_HSN_2026-DELAR.csv"
        rows, sheet = read_csv(csv.data), xlsx_sheet(excel.data)
        assert rows[0][0] == "Indikatorkod" and len(rows) > 2
        assert [c.value for c in sheet[3]] == rows[0] and sheet.max_row == len(rows) + 2
        assert isinstance(sheet["H4"].value, float)  # Utfall (units) or Kvinnor (series)


def test_the_download_checks_the_scope_again(app, client, demo_url):
    with Session(get_engine(demo_url)) as s:
        run_enhet = run_enhet_with_values(s)
    log_in(client, "hsn")
    response = fetch(client, "indikator", "series", "csv", code=RUN_INDICATOR, unit=run_enhet)
    assert response.status_code == 400 and "Det finns ingen organisationsenhet" in response.text
    anonymous = app.server.test_client()
    response = fetch(anonymous, "indikator", "series", "csv", code="RJH-HR-002", unit="HSN")
    assert response.status_code == 401
