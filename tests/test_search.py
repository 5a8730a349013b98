"""Sök: Swedish stems and prefixes on SQLite and PostgreSQL, the viewer's scope, the index
kept up to date, the suggestions callback and the results page over HTTP."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from data_access.db import get_engine, migrate, session_scope
from data_access.models import Indicator, OrgUnit, SearchEntry
from data_access.queries.filters import VIEWER_READS
from data_access.queries.search import search
from data_access.scope import MANAGEMENT, PUBLIC, Viewer
from data_access.search import stem
from data_access.search_index import rebuild_search_index
from tests.small_region import build_small_region
from tests.test_access import callbacks_after_first_request, log_in, post_callback
from tests.test_import_files import RISK_HEADER, csv_bytes, load
from tests.test_indicator_page import render_page

SUGGEST = "..sok-lista.children...sok-lista.hidden...sok-status.children.."


@pytest.fixture
def small(db_url):
    """The small region with a published indicator about vårdcentraler, indexed."""
    with session_scope(db_url) as s:
        ids = build_small_region(s)
        s.add(Indicator(code="VC1", name="Besök på vårdcentral", unit="antal",
                        direction="higher", frequency="year", source="Test", published=True))
        s.flush()
        rebuild_search_index(s)
    with Session(get_engine(db_url), info={VIEWER_READS: True}) as session:
        yield session, ids


def found(session, viewer, query) -> dict[str, set[str]]:
    return {k.kind: {h.code for h in k.hits} for k in search(session, viewer, query, 50)}


def test_swedish_stems_and_prefixes(small):
    s, _ids = small
    assert stem("vårdcentralerna") == stem("vårdcentral") == "vårdcentral"
    assert found(s, MANAGEMENT, "vårdcentralerna") == {"indikator": {"VC1"}}
    assert found(s, MANAGEMENT, "hälsoc") == {"enhet": {"HSN-E"}}
    assert found(s, MANAGEMENT, "Hälsocentralerna brunf") == {"enhet": {"HSN-E"}}
    assert found(s, MANAGEMENT, "HÄLSOCENTRALEN") == {"enhet": {"HSN-E"}}
    # Every word must be there; codes are words too.
    assert found(s, MANAGEMENT, "hälsocentralen kultur") == {}
    assert found(s, MANAGEMENT, "u-hsn") == {"uppdrag": {"U-HSN"}}
    assert found(s, MANAGEMENT, "väntetiderna") == {"indikator": {"N2"}}
    # Too short, or no words at all: no search.
    assert found(s, MANAGEMENT, "h") == found(s, MANAGEMENT, " -- ") == {}


def test_hits_are_grouped_by_kind_counted_and_ordered(small):
    s, _ids = small
    results = search(s, MANAGEMENT, "risk", per_kind=2)
    assert [(k.kind, k.count, [h.code for h in k.hits]) for k in results] == [
        ("risk", 6, ["R0", "R1"])]
    uppdrag, = search(s, MANAGEMENT, "uppdrag run")
    assert uppdrag.hits[0].namnd == "RUN" and uppdrag.hits[0].year == 2026


def test_a_namnd_member_finds_only_what_they_may_open(small):
    s, ids = small
    hsn = Viewer("namnd", (ids["HSN"],))
    assert found(s, hsn, "uppdrag") == {"uppdrag": {"U-HSN"}}
    assert found(s, hsn, "kultur bildning") == {}  # RUN's enhet
    assert found(s, hsn, "risk") == {"risk": {"R0", "R1", "R2", "R5"}}
    assert found(s, hsn, "enhetsmål") == {"mal": {"HSN-EM"}}
    assert found(s, Viewer("namnd", (ids["RUN"],)), "enhetsmål") == {"mal": {"RUN-EM"}}


def test_the_public_finds_only_published_goals_and_indicators(small):
    s, _ids = small
    assert found(s, PUBLIC, "hälsocentralen") == {}
    assert found(s, PUBLIC, "risk uppdrag enhetsmål väntetid") == {}
    assert found(s, PUBLIC, "mål") == {"mal": {"G0", "G2", "G4", "MB"}}
    assert found(s, PUBLIC, "nöjda") == {"indikator": {"N1"}}
    assert found(s, Viewer("okand", ()), "mål") == {}


def test_migrate_fills_an_empty_index_and_an_import_rebuilds_it(db_url):
    with session_scope(db_url) as s:
        build_small_region(s)
        s.execute(delete(SearchEntry))
    migrate(db_url)
    with session_scope(db_url) as s:
        assert found(s, MANAGEMENT, "hälsocentralen") == {"enhet": {"HSN-E"}}
        unit = s.scalars(select(OrgUnit).where(OrgUnit.code == "HSN-E")).one()
        unit.name = "Vårdcentralen Brunflo"
        rebuild_search_index(s)
        assert found(s, MANAGEMENT, "hälsocentralen") == {}
        assert found(s, MANAGEMENT, "vårdcentral brunflo") == {"enhet": {"HSN-E"}}


def test_an_import_rebuilds_the_index(db_url):
    with session_scope(db_url) as s:
        build_small_region(s)
    report = load(db_url, "risker", csv_bytes(RISK_HEADER, "R9;Vårdcentralernas bemanning;HSN;"
                                              "HSN;LON;2026;1;1;öppen"))
    assert report.outcome == "ok", report.problems
    with session_scope(db_url) as s:
        assert found(s, MANAGEMENT, "vårdcentral bemanning") == {"risk": {"R9"}}


# --- Over HTTP --------------------------------------------------------------------------


def suggest(app, client, query) -> tuple[int, str]:
    callbacks = callbacks_after_first_request(app, client)
    callback = callbacks[SUGGEST]
    body = {"output": SUGGEST, "outputs": [
        {"id": "sok-lista", "property": "children"}, {"id": "sok-lista", "property": "hidden"},
        {"id": "sok-status", "property": "children"}],
        "inputs": [dict(callback["inputs"][0], value=query)], "state": [],
        "changedPropIds": ["sok-falt.value"]}
    response = post_callback(client, body)
    return response.status_code, json.dumps(response.get_json(), ensure_ascii=False)


def test_the_suggestions_are_a_listbox_of_links_to_the_hits(app, client):
    log_in(client, "ledning")
    status, text = suggest(app, client, "hälsocentralen brunflo")
    assert status == 200
    assert '"role": "group"' in text and '"role": "option"' in text
    assert "Hälsocentralen Brunflo" in text and "/enhet?code=HSF-PV-HC-BRUNFLO" in text
    assert "/sok?q=h%C3%A4lsocentralen%20brunflo" in text
    assert "Förslag: 1 enhet" in text
    status, text = suggest(app, client, "sjukvårdsnämnden uppdrag")
    assert "/mal/uppdrag?namnd=HSN" in text


def test_the_suggestions_need_a_login(app, client):
    status, text = suggest(app, client, "hälsocentralen")
    assert status == 401 and "Brunflo" not in text


def test_the_results_page_groups_the_hits_with_their_numbers(app, client, demo_url):
    log_in(client, "ledning")
    status, page = render_page(app, client, "/sok", "?q=hälsocentral")
    assert status == 200
    with Session(get_engine(demo_url)) as s:
        units = s.scalar(select(func.count()).where(OrgUnit.name.like("%älsocentral%"),
                                                    OrgUnit.active.is_(True)))
    assert units > 20
    assert f"Enheter ({units})" in page
    assert "träffar för ”hälsocentral”" in page
    status, page = render_page(app, client, "/sok", "?q=zzxq")
    assert "Inga träffar för ”zzxq”." in page
    status, page = render_page(app, client, "/sok", "?q=" + "a" * 201)
    assert "Sökningen är för lång" in page


def test_the_results_page_needs_a_login(client):
    response = client.get("/sok?q=h%C3%A4lsocentral")
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")
