"""An anonymous crawler over everything public: every public page with its URL variants (every
published indicator's page among them), every callback at each of them, every API resource
and every page of its results, and the files to download. No response may hold an
unpublished goal or indicator (code or title), a risk, or a unit's own economy.

The demo region gets canaries first: an unpublished indicator with values, målvärden and
Kolada figures, measuring a published goal; an unpublished goal (with a published goal
below it) measured by a published indicator; a high risk; a unit's grant, saving measure
and an economy amount no other figure has.
"""

from __future__ import annotations

import datetime as dt
import json
from urllib.parse import urlencode

import dash
import pytest
from sqlalchemy import select

from data_access.db import session_scope
from data_access.models import (
    ComparisonMeasurement,
    EconomyEntry,
    FollowUpPeriod,
    Goal,
    GoalStatus,
    Indicator,
    Measurement,
    OrgUnit,
    Perspective,
    Process,
    Risk,
    SavingMeasure,
    StateGrant,
    Target,
)
from data_access.rollup import recompute_goal_statuses
from data_access.headlines import rebuild_public_headlines
from data_access.tree import (
    rebuild_closures,
    rebuild_latest_measurements,
)
from tests.test_access import (
    callbacks_after_first_request,
    log_in,
    payload,
    post_callback,
)

# Codes may be echoed back when a request names them; titles and amounts never appear.
CODES = {"indicator": "CANARY-OD-IND", "goal": "CANARY-OD-GOAL"}
TITLES = ("KANARIEFÅGEL-ÖPPEN-INDIKATOR-9c1e", "KANARIEFÅGEL-DOLT-MÅL-9c1e",
          "KANARIEFÅGEL-RISK-9c1e", "KANARIEFÅGEL-STATSBIDRAG-9c1e", "KANARIEFÅGEL-ÅTGÄRD-9c1e")
AMOUNT = 7654321.25  # tkr, at one enhet: in no published figure
AMOUNT_TEXTS = ("7654321", "7 654 321", "7\u00a0654\u00a0321", "7654,3", "7\u00a0654,3",
                "7 654,3")
PUBLISHED_CHILD = "OD-PUBLICERAT-UNDER-DOLT"


@pytest.fixture
def canaries(demo_url):
    """The canaries above, in a private copy of the demo region."""
    with session_scope(demo_url) as s:
        one = lambda model, **by: s.scalars(select(model).filter_by(**by)).one()  # noqa: E731
        region, hsn, enhet = one(OrgUnit, code="RJH"), one(OrgUnit, code="HSN"), \
            one(OrgUnit, code="HSF-PV-HC-BRUNFLO")
        area, published_goal = one(Goal, code="MO-HSV"), one(Goal, code="HSN-M1")
        published_indicator = one(Indicator, code="RJH-HSV-002")
        hidden_goal = Goal(code=CODES["goal"], kind="namndmal", title=TITLES[1],
                           description=TITLES[1], parent_id=area.id, owner_unit_id=hsn.id,
                           plan_start_year=2024, plan_end_year=2026, published=False,
                           indicators=[published_indicator],
                           perspectives=[one(Perspective, code="jamstalldhet")])
        s.add(hidden_goal)
        s.flush()
        s.add(Goal(code=PUBLISHED_CHILD, kind="forvaltningsmal", title="Publicerat mål under "
                   "ett opublicerat", parent_id=hidden_goal.id, owner_unit_id=hsn.id,
                   plan_start_year=2024, plan_end_year=2026, published=True))
        hidden = Indicator(code=CODES["indicator"], name=TITLES[0], description=TITLES[0],
                           explanation=TITLES[0], unit="%", direction="higher", frequency="year",
                           source="Kolada", published=False, by_sex=True,
                           goals=[published_goal, hidden_goal])
        s.add(hidden)
        s.flush()
        s.add(Measurement(indicator_id=hidden.id, unit_id=region.id, period="2025",
                          period_end=dt.date(2025, 12, 31), value_total=42.5, value_women=40.0,
                          value_men=45.0, source="Kolada"))
        s.add(Target(indicator_id=hidden.id, unit_id=region.id, year=2025, value=50.0))
        s.add(ComparisonMeasurement(indicator_id=hidden.id, area_code="0000", area_name="Riket",
                                    period="2025", value_total=41.0))
        process = s.scalars(select(Process)).first()
        s.add(Risk(code="CANARY-OD-RISK", title=TITLES[2], description=TITLES[2],
                   namnd_id=hsn.id, owner_unit_id=hsn.id, process_id=process.id, year=2026,
                   probability=4, consequence=4, status="oppen", in_control_plan=True,
                   goals=[published_goal]))
        s.add(StateGrant(code="CANARY-OD-GRANT", name=TITLES[3], purpose=TITLES[3],
                         unit_id=enhet.id, year=2026, received_tkr=AMOUNT, used_tkr=1.0,
                         deadline=dt.date(2026, 12, 31), updated_on=dt.date(2026, 10, 31)))
        s.add(SavingMeasure(code="CANARY-OD-SAVING", title=TITLES[4], unit_id=enhet.id,
                            year=2026, planned_effect_tkr=AMOUNT, achieved_effect_tkr=1.0,
                            status="pagaende"))
        entry = s.scalars(select(EconomyEntry).filter_by(unit_id=enhet.id, year=2026,
                                                         kind="utfall")).first()
        entry.amount_tkr = -AMOUNT
        s.flush()
        rebuild_closures(s)
        rebuild_latest_measurements(s)  # the canary's value among the latest
        rebuild_public_headlines(s)
        recompute_goal_statuses(s)
        for period in s.scalars(select(FollowUpPeriod)):  # a status for the hidden goal too
            s.merge(GoalStatus(goal_id=hidden_goal.id, followup_period_id=period.id,
                               computed_status="red", reported_status="red"))


def assert_clean(data: bytes, where: str, asked: str = "") -> None:
    """No canary title or amount; no canary code unless the request named it."""
    text = data.decode("utf-8", errors="replace")
    for canary in TITLES + AMOUNT_TEXTS:
        for form in {canary, json.dumps(canary)[1:-1]}:  # Dash's JSON escapes å, ä, ö
            assert form not in text, f"{canary} leaked in {where}"
    for code in CODES.values():
        if code not in asked:
            assert code not in text, f"{code} leaked in {where}"


def sql_list(app, query: str) -> list:
    with session_scope(app.server.config["DATABASE_URL"]) as s:
        return list(s.execute(query).scalars())


def url_variants(app) -> dict[str, list[str]]:
    """Per public page path: the query strings to visit (the page as linked, and variants)."""
    published = sql_list(app, select(Indicator.code).where(Indicator.published.is_(True))
                         .order_by(Indicator.code))
    areas = sql_list(app, select(Goal.code).where(Goal.kind == "malomrade"))
    perspectives = sql_list(app, select(Perspective.code))
    with session_scope(app.server.config["DATABASE_URL"]) as s:
        periods = [f"{y}-{k}" for y, k in s.execute(select(FollowUpPeriod.year,
                                                             FollowUpPeriod.kind))]
    filters = ([{"area": a} for a in areas] + [{"perspective": p} for p in perspectives]
               + [{"q": "KANARIEFÅGEL"}, {"q": "vård"}, {"q": CODES["goal"]},
                  {"area": CODES["goal"]}, {"area": "MO-HSV", "perspective": "jamstalldhet"},
                  {"sida": "2"}, {"sida": "99"}])
    chunks = [published[i:i + 12] for i in range(0, len(published), 12)]
    variants = {
        "/oppna-data": filters,
        "/oppna-data/mal": filters + [{"period": p} for p in periods],
        "/oppna-data/nyckeltal": [{"code": c} for c in published + [CODES["indicator"]]]
        + [{"code": "RJH-HSV-002", "unit": u} for u in ("HSF", "HSF-PV-HC-BRUNFLO", "RJH")],
        "/storbild": [{"codes": ",".join(c)} for c in chunks]
        + [{"codes": CODES["indicator"]}, {"seconds": "5"}],
    }
    pages = [p["path"] for p in dash.page_registry.values() if p.get("access") == "public"]
    return {path: [""] + ["?" + urlencode(v) for v in variants.get(path, [])] for path in pages}


def crawl_pages(app, client, variants: dict[str, list[str]]) -> int:
    """GET every page variant and post every callback at it, as the browser would."""
    callbacks = callbacks_after_first_request(app, client)
    seen = 0
    for path, searches in variants.items():
        for search in searches:
            assert_clean(client.get(path + search).get_data(), path + search, search)
            for key, callback in callbacks.items():
                response = post_callback(client, payload(key, callback, path, search))
                assert_clean(response.get_data(), f"{key} at {path}{search}", search)
                seen += 1
    return seen


def walk_api(client) -> int:
    """Every API resource without arguments and every page of its results, each indicator."""
    index = client.get("/api/v1/").get_json()
    seen = 0
    for name, url in index["resources"].items():
        next_url = url + "?per_page=500"
        while next_url:
            response = client.get(next_url)
            assert response.status_code == 200, next_url
            assert_clean(response.get_data(), next_url)
            next_url = response.get_json()["pagination"]["next"]
            seen += 1
        assert_clean(client.get(url + "?q=KANARIEFÅGEL").get_data(), f"{name}?q")
    codes = [i["code"] for i in client.get("/api/v1/indicators?per_page=500").get_json()["data"]]
    for code in codes + [CODES["indicator"]]:
        response = client.get(f"/api/v1/indicators/{code}")
        assert_clean(response.get_data(), response.request.path, code)
        assert response.status_code == (404 if code == CODES["indicator"] else 200)
    for query in (f"indicator={CODES['indicator']}", f"unit={CODES['goal']}",
                  f"area={CODES['goal']}"):
        for resource in ("values", "targets", "comparisons", "goals", "indicators"):
            response = client.get(f"/api/v1/{resource}?{query}")
            assert response.status_code == 400 or response.get_json()["data"] == []
            assert_clean(response.get_data(), f"{resource}?{query}", query)
    return seen + len(codes)


def download_files(client) -> None:
    """The files of all indicators, and of those near the canaries (and the canary itself)."""
    for extension in ("csv", "json"):
        url = f"/oppna-data/filer/alla-nyckeltal.{extension}"
        assert_clean(client.get(url).get_data(), url)
        for code in ("RJH-HSV-002", "RJH-HSV-003", "N70061", CODES["indicator"]):
            url = f"/oppna-data/filer/nyckeltal/{code}.{extension}"
            response = client.get(url)
            assert response.status_code == (404 if code == CODES["indicator"] else 200)
            assert_clean(response.get_data(), url, code)


def test_an_anonymous_crawler_finds_nothing_unpublished(app, client, canaries):
    variants = url_variants(app)
    assert {"/", "/oppna-data", "/oppna-data/mal", "/oppna-data/nyckeltal", "/oppna-data/api",
            "/storbild"} <= set(variants)
    assert len(variants["/oppna-data/nyckeltal"]) > 100  # every published indicator's page
    assert crawl_pages(app, client, variants) > 1000
    for rule in app.server.url_map.iter_rules():  # every route without arguments
        if "GET" in rule.methods and not rule.arguments:
            assert_clean(client.get(rule.rule).get_data(), rule.rule)
    assert walk_api(client) > 100
    download_files(client)


def test_the_public_pages_show_only_published_data_to_management_too(app, client, canaries):
    """The public pages and the API read as the public, whoever is logged in."""
    log_in(client, "ledning")
    variants = {path: searches[:4] for path, searches in url_variants(app).items()
                if path != "/"}  # Översikt shows ledning everything, by design
    assert crawl_pages(app, client, variants) > 50
    for url in ("/api/v1/indicators?per_page=500", "/api/v1/goals?per_page=500",
                "/api/v1/indicators/RJH-HSV-002", "/oppna-data/filer/nyckeltal/RJH-HSV-002.json"):
        assert_clean(client.get(url).get_data(), url)


def test_a_published_goal_below_an_unpublished_one_hangs_on_the_nearest_published(client,
                                                                                  canaries):
    goals = client.get("/api/v1/goals?per_page=500").get_json()["data"]
    child = next(g for g in goals if g["code"] == PUBLISHED_CHILD)
    assert child["parent"] == "MO-HSV" and child["area"] == "MO-HSV"
    indicator = client.get("/api/v1/indicators/RJH-HSV-002").get_json()["data"]
    assert CODES["goal"] not in indicator["goals"] and "HSN-M1" in indicator["goals"]
