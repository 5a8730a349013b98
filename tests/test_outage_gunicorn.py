"""Outages against the real thing: gunicorn with two workers, PostgreSQL behind a TCP proxy
the test cuts, hangs and restores, and a redis-server of the test's own that it stops and
starts. Workers killed during the outage come back, the service answers 503 (or a message
the page shows) meanwhile, and it recovers by itself. No timing is asserted."""

from __future__ import annotations

import json

import pytest
import requests
from sqlalchemy.engine import make_url

from bench import load, server
from bench.scenarios import router_payload
from data_access.db import dispose_engines, migrate, session_scope
from tests.conftest import _drop_postgres_schema, _fresh_postgres_url
from tests.faults import TcpProxy, kill_workers, redis_server, wait_until
from tests.small_region import build_small_region

UNAVAILABLE = "tillfälligt otillgänglig"


@pytest.fixture
def proxied_postgres():
    """A small region in a fresh PostgreSQL schema, reached through a TcpProxy (up)."""
    url = _fresh_postgres_url()
    migrate(url)
    with session_scope(url) as session:
        build_small_region(session)
    dispose_engines()
    parsed = make_url(url)
    proxy = TcpProxy((parsed.host or "127.0.0.1", parsed.port or 5432))
    proxy.set("up")
    yield proxy, parsed.set(host="127.0.0.1", port=proxy.port).render_as_string(
        hide_password=False)
    proxy.set("down")
    _drop_postgres_schema(url)


def page(session: requests.Session, path: str = "/oppna-data") -> requests.Response:
    """The pages router's answer for `path`, as the browser asks for it."""
    return session.post(session.base_url + "/_dash-update-component",
                        json=router_payload(path),
                        headers={"X-CSRFToken": session.cookies["_csrf_token"]}, timeout=60)


def text(response: requests.Response) -> str:
    """A JSON answer as text with its Swedish letters."""
    return json.dumps(response.json(), ensure_ascii=False)


def health(base: str) -> requests.Response:
    return requests.get(base + "/healthz", timeout=60)


def assert_unavailable(base: str, session: requests.Session) -> None:
    """503s for monitoring and the API, a Swedish message where the page would be."""
    assert health(base).status_code == 503
    assert health(base).json()["database"] == "unreachable"
    shown = page(session)
    assert shown.status_code == 200 and shown.headers["X-Rodtrad-Error"] == "unavailable"
    assert UNAVAILABLE in text(shown)
    api = requests.get(base + "/api/v1/indicators", timeout=60)
    assert api.status_code == 503 and api.headers["Content-Type"].startswith("application/json")


def assert_serving(base: str, session: requests.Session) -> None:
    assert health(base).json() == {"status": "ok", "database": "ok", "redis": "not_configured"}
    shown = page(session)
    assert shown.status_code == 200 and "X-Rodtrad-Error" not in shown.headers
    assert "Nyckeltal" in text(shown)
    assert requests.get(base + "/api/v1/indicators", timeout=60).status_code == 200


@pytest.mark.postgres
def test_gunicorn_survives_a_database_outage_and_recovers_by_itself(proxied_postgres,
                                                                    monkeypatch):
    proxy, url = proxied_postgres
    monkeypatch.setenv("RODTRAD_DB_CONNECT_TIMEOUT", "2")
    with server.gunicorn(url, workers=2) as (base, master):
        session = load.session_for(base, None)
        assert_serving(base, session)
        proxy.set("down")  # refused, and every open connection cut
        assert_unavailable(base, session)
        kill_workers(master)  # new workers boot without the database
        assert_unavailable(base, session)
        proxy.set("hang")  # accepts, never answers: the connect timeout ends the wait
        assert_unavailable(base, session)
        kill_workers(master)
        proxy.set("up")
        wait_until(lambda: health(base).status_code == 200, "Rödtråd kom inte tillbaka")
        assert_serving(base, session)
        assert master.poll() is None


def test_gunicorn_serves_without_redis_and_uses_it_again_when_it_is_back(demo_url, tmp_path):
    with redis_server(tmp_path) as switch:
        redis_url = switch(True)
        with server.gunicorn(demo_url, workers=2, redis_url=redis_url) as (base, _master):
            session = load.session_for(base, "ledning")
            assert page(session, "/mal").headers["X-Rodtrad-Cache"] == "miss"
            switch(False)
            state = health(base)
            assert state.status_code == 200
            assert state.json() == {"status": "degraded", "database": "ok", "redis": "unreachable"}
            again = load.session_for(base, "hsn")  # login limits counted in memory meanwhile
            shown = page(again, "/mal")
            assert shown.status_code == 200 and "X-Rodtrad-Error" not in shown.headers
            assert "Mål – Rödtråd" in text(shown)
            switch(True)
            assert health(base).json()["status"] == "ok"
            wait_until(lambda: page(session, "/mal").headers["X-Rodtrad-Cache"] == "hit",
                       "sidcachen i Redis användes inte igen")
