"""Freshness per kind of data: each page says how recent its own data is (the economy by its
last month of utfall, the goals by their latest follow-up, the risks by their riskanalys,
Kolada by its fetch date), and the Importlogg warns about a source older than expected."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from data_access.db import get_engine, session_scope
from data_access.models import ComparisonMeasurement, ImportRun, Indicator, OrgUnit
from data_access.queries import freshness as q
from data_access.scope import MANAGEMENT, PUBLIC, Viewer
from layouts import importlogg
from layouts.components import (
    economy_freshness,
    goals_freshness,
    kolada_freshness,
    risks_freshness,
)
from tests.test_access import log_in
from tests.test_pages_http import render_page

TODAY = dt.date(2026, 12, 6)


def viewer_of(url: str, namnd: str) -> Viewer:
    with Session(get_engine(url)) as session:
        return Viewer("namnd", (session.scalar(select(OrgUnit.id).where(OrgUnit.code == namnd)),))


# --- The queries, per kind and viewer ------------------------------------------------------


def test_each_kind_has_its_own_date_scoped_to_the_viewer(demo_url):
    hsn = viewer_of(demo_url, "HSN")
    with Session(get_engine(demo_url)) as session:
        assert q.last_utfall_month(session, MANAGEMENT) == (2026, 10)
        assert q.last_utfall_month(session, hsn) == (2026, 10)
        assert q.last_utfall_month(session, PUBLIC) is None  # the public sees no economy
        assert q.last_followup(session, MANAGEMENT) == ("DELAR", 2026, dt.date(2026, 8, 31))
        risks = q.last_risk_analysis(session, MANAGEMENT)
        assert risks[0] == 2026 and risks[1] <= dt.date(2026, 10, 31)
        assert q.last_risk_analysis(session, PUBLIC) is None  # nor any risk
        assert q.last_risk_analysis(session, hsn)[0] == 2026
        assert q.kolada_fetched(session, PUBLIC) is not None


def test_freshness_texts():
    assert economy_freshness((2026, 10)) == "utfall till och med oktober 2026."
    assert economy_freshness(None) == "inget utfall är inläst ännu."
    assert goals_freshness(("DELAR", 2026, dt.date(2026, 8, 31))) == \
        "senaste uppföljning Delår 2026 (per 2026-08-31)."
    assert risks_freshness((2026, dt.date(2026, 9, 20))) == \
        "riskanalys 2026, senast bedömd 2026-09-20."
    assert risks_freshness((2026, None)) == "riskanalys 2026."
    assert kolada_freshness(dt.date(2026, 11, 2)) == "värdena från Kolada hämtades 2026-11-02."
    assert kolada_freshness(None) == "inga värden från Kolada är hämtade ännu."


# --- Sources and their expected intervals --------------------------------------------------


def add_run(url: str, kind: str, finished: dt.datetime, outcome: str = "ok",
            dry_run: bool = False) -> None:
    with session_scope(url) as session:
        session.add(ImportRun(kind=kind, file_name=f"{kind}.csv", started_at=finished,
                              finished_at=finished, outcome=outcome, dry_run=dry_run))


def at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(6, 0))


def test_a_source_older_than_its_interval_is_overdue(db_url, monkeypatch):
    monkeypatch.delenv(q.KOLADA_DAYS_VARIABLE, raising=False)
    add_run(db_url, "sie", at(TODAY - dt.timedelta(days=40)))  # SIE feeds the economy
    add_run(db_url, "utfall", at(TODAY - dt.timedelta(days=60)))
    add_run(db_url, "utfall", at(TODAY - dt.timedelta(days=1)), dry_run=True)  # not stored
    add_run(db_url, "utfall", at(TODAY - dt.timedelta(days=2)), outcome="fel")  # failed
    add_run(db_url, "bedomningar", at(TODAY - dt.timedelta(days=100)))
    add_run(db_url, "kolada", at(TODAY - dt.timedelta(days=31)))
    with Session(get_engine(db_url)) as session:
        states = {s.source.key: s for s in q.source_states(session, MANAGEMENT, TODAY)}
    assert (states["ekonomi"].age_days, states["ekonomi"].overdue) == (40, True)
    assert (states["mal"].age_days, states["mal"].overdue) == (100, False)
    assert (states["kolada"].age_days, states["kolada"].overdue) == (31, False)
    never = states["internkontroll"]
    assert (never.last_success, never.overdue) == (None, False)
    assert importlogg.state_text(never) == "Ingen lyckad import ännu"
    assert importlogg.state_text(states["ekonomi"]) == \
        "Varning: äldre än väntat (mer än 35 dagar)"
    assert importlogg.state_text(states["mal"]) == "I tid"

    monkeypatch.setenv(q.KOLADA_DAYS_VARIABLE, "7")
    with Session(get_engine(db_url)) as session:
        kolada = next(s for s in q.source_states(session, MANAGEMENT, TODAY)
                      if s.source.key == "kolada")
    assert (kolada.source.days, kolada.overdue) == (7, True)


@pytest.mark.parametrize("text", ["", "0", "sju", "-3"])
def test_a_missing_or_bad_kolada_interval_is_the_default(monkeypatch, text):
    monkeypatch.setenv(q.KOLADA_DAYS_VARIABLE, text)
    assert q.kolada_days() == q.KOLADA_DEFAULT_DAYS


# --- The pages ---------------------------------------------------------------------------


@pytest.mark.parametrize(("path", "element", "text"), [
    ("/mal", "mal-aktualitet", "senaste uppföljning Delår 2026 (per 2026-08-31)."),
    ("/ekonomi", "ekonomi-aktualitet", "utfall till och med oktober 2026."),
    ("/ekonomi/statsbidrag", "statsbidrag-aktualitet", "utfall till och med oktober 2026."),
    ("/ekonomi/atgarder", "atgarder-aktualitet", "utfall till och med oktober 2026."),
    ("/ekonomi/prognossakerhet", "prognossakerhet-aktualitet",
     "utfall till och med oktober 2026."),
    ("/internkontroll", "internkontroll-aktualitet", "riskanalys 2026, senast bedömd"),
    ("/internkontroll/plan", "internkontrollplan-aktualitet", "riskanalys 2026, senast bedömd"),
    ("/oppna-data", "oppna_data-aktualitet", "värdena från Kolada hämtades"),
])
def test_each_page_says_how_fresh_its_own_data_is(client, app, path, element, text):
    log_in(client, "ledning")
    content = render_page(client, app, path)
    assert f'"id": "{element}"' in content
    assert "Aktualitet: " in content and text in content


def test_a_kolada_indicator_says_when_kolada_was_fetched(client, app, demo_url):
    with Session(get_engine(demo_url)) as session:
        code = session.scalar(
            select(Indicator.code).join(ComparisonMeasurement,
                                        ComparisonMeasurement.indicator_id == Indicator.id)
            .where(Indicator.published.is_(True)).limit(1))
    content = render_page(client, app, "/oppna-data/nyckeltal", f"?code={code}")
    assert '"id": "nyckeltal-aktualitet"' in content
    assert "värdena från Kolada hämtades" in content


def test_the_importlogg_warns_about_an_old_source(client, app, demo_url):
    add_run(demo_url, "utfall", at(dt.date.today() - dt.timedelta(days=50)))
    add_run(demo_url, "kolada", at(dt.date.today() - dt.timedelta(days=3)))
    log_in(client, "admin")
    content = render_page(client, app, "/admin/importlogg")
    assert '"id": "importlogg-varning"' in content and "Varning: gamla data" in content
    assert "Ekonomi (utfall): senast lyckad import" in content and "för 50 dagar sedan" in content
    assert "Varning: äldre än väntat (mer än 35 dagar)" in content
    assert "Kolada" in content and "I tid" in content
    assert "Ingen lyckad import ännu" in content  # internkontroll: never imported here
