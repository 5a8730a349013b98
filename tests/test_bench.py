"""The benchmark's parts work (no timing asserted: the figures belong to `make bench`)."""

from __future__ import annotations

import pytest

from bench import audit_cost, floor, load
from bench.scenarios import SCENARIOS


@pytest.fixture
def app(demo_url):
    """The app as `make bench` serves it: plain http, so the session cookie may not be Secure."""
    from dashboard.app import create_app

    return create_app({"DATABASE_URL": demo_url, "TESTING": True, "SECRET_KEY": "test",
                       "SESSION_COOKIE_SECURE": False})


def test_every_scenario_opens_its_view_without_an_error(live_server):
    sessions = {}
    for scenario in SCENARIOS:
        if scenario.user not in sessions:
            sessions[scenario.user] = load.session_for(live_server, scenario.user)
        result = load.run_load(sessions[scenario.user], scenario, requests_total=2, concurrency=2)
        assert (len(result.latencies_ms), result.errors) == (2, 0), scenario.name
        assert b"Ingen beh" not in sessions[scenario.user].post(
            live_server + "/_dash-update-component",
            json=load.router_payload(scenario.path, scenario.search),
            headers={"X-CSRFToken": sessions[scenario.user].cookies["_csrf_token"]}).content
        assert load.compressed_bytes(sessions[scenario.user], scenario) > 0


def test_the_sql_floor_counts_the_statements_of_a_render(demo_url):
    floors = floor.sql_floors(demo_url, list(SCENARIOS[:2]), repeat=1)
    assert set(floors) == {s.name for s in SCENARIOS[:2]} and all(f > 0 for f in floors.values())


def test_the_audit_log_cost_writes_as_the_web_does_and_leaves_no_trace(demo_url):
    from sqlalchemy import func, select

    from data_access.db import session_scope
    from data_access.models import AuditEvent

    def events() -> int:
        with session_scope(demo_url) as session:
            return session.scalar(select(func.count()).select_from(AuditEvent))

    before = events()
    result = audit_cost.write_cost(demo_url, writes=8, concurrency=2)
    assert (len(result.latencies_ms), result.errors) == (8, 0)
    assert events() == before


def test_an_unreachable_postgresql_tier_says_why_in_swedish(monkeypatch):
    from bench import tiers
    from data_access.db import DatabaseUnavailable

    monkeypatch.setattr(tiers, "POSTGRES_URL", "postgresql://postgres@127.0.0.1:9/rodtrad_{tier}")
    with pytest.raises(DatabaseUnavailable, match="PostgreSQL kan inte nås .*BENCH_POSTGRES_URL"):
        tiers.ensure_tier("x30")


def test_the_first_load_covers_every_public_page_logged_out():
    from bench.__main__ import BROWSER_PAGES, PUBLIC_PAGES
    from layouts.pages import page_modules

    public = {m.PAGE.path for m in page_modules() if m.PAGE.access == "public"}
    assert {path.split("?")[0] for path in PUBLIC_PAGES} == public
    assert all(user is None for path, user in BROWSER_PAGES if path in PUBLIC_PAGES)
    assert all(user is not None for path, user in BROWSER_PAGES if path not in PUBLIC_PAGES)


def test_lighthouse_says_in_swedish_why_it_cannot_run(monkeypatch, tmp_path):
    from bench import browser

    monkeypatch.setattr(browser, "LIGHTHOUSE", tmp_path / "lighthouse")
    assert "saknas" in browser.lighthouse_unavailable_reason() or \
        "npm ci --prefix bench/lighthouse" in browser.lighthouse_unavailable_reason()
