"""Outages and start-up, in-process: a worker boots without its database and answers 503
(a page, API JSON, or a message the Dash renderer shows) until it is back; Redis is only an
accelerator; /healthz tells each component's state; production refuses unsafe settings; a
missing SQLite file is never created outside `rodtrad migrate`. The same against real
gunicorn, PostgreSQL and Redis processes: tests/test_outage_gunicorn.py."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import dash
import pytest
from sqlalchemy.exc import OperationalError

from dashboard import cli
from dashboard.app import create_app
from dashboard.config import ConfigError
from dashboard.database import app_engine
from dashboard.errors import ERROR_HEADER, NOTICE_ID, is_unavailable
from data_access import users
from data_access.db import (
    SQLITE_BUSY_TIMEOUT,
    create_sqlite_file,
    get_engine,
    session_scope,
    sqlite_path,
)
from data_access.demo.users import DEMO_USERS
from tests.conftest import skip_or_fail
from tests.test_access import csrf_token, log_in, payload

PROJECT_ROOT = Path(__file__).resolve().parents[1]
UNREACHABLE_URL = "postgresql://rodtrad:hemligt@127.0.0.1:1/rodtrad"
UNREACHABLE_REDIS = "redis://127.0.0.1:1/0"
UNAVAILABLE = "tillfälligt otillgänglig"
ROUTER = "_pages_content.children"


def callback(client, app, output: str, pathname: str = "/"):
    """POST the callback writing `output` as the browser does, for a page at `pathname`."""
    client.get("/")  # Dash sets up the pages router on the first request
    key = next(key for key in app.callback_map if output in key)
    return client.post("/_dash-update-component",
                       json=payload(key, app.callback_map[key], pathname=pathname),
                       headers={"X-CSRFToken": csrf_token(client)})


def shown(response) -> str:
    """What the Dash renderer puts on screen from a callback answer, as text."""
    assert response.status_code == 200  # the renderer drops any other answer silently
    return json.dumps(response.get_json(), ensure_ascii=False)


def take_database_away(app) -> None:
    app.server.config["DATABASE_URL"] = UNREACHABLE_URL


# --- The database is away ---------------------------------------------------------------


def test_a_worker_boots_without_the_database_and_says_so_everywhere():
    app = create_app({"DATABASE_URL": UNREACHABLE_URL, "TESTING": True, "SECRET_KEY": "test"})
    client = app.server.test_client()
    assert client.get("/").status_code == 200  # the frame needs no database
    answer = callback(client, app, ROUTER, "/")
    assert answer.headers[ERROR_HEADER] == "unavailable"
    assert answer.get_json()["response"]["_pages_content"] == {"children": []}  # not the last page
    notice = answer.get_json()["sideUpdate"][NOTICE_ID]["children"]
    assert UNAVAILABLE in shown(answer) and notice["props"]["role"] == "alert"
    api = client.get("/api/v1/indicators")
    assert api.status_code == 503 and api.mimetype == "application/json"
    assert "Databasen svarar inte" in api.get_json()["error"]
    page = client.get("/oppna-data/filer/alla-nyckeltal.csv")
    assert page.status_code == 503 and page.headers["Retry-After"]
    text = page.get_data(as_text=True)
    assert UNAVAILABLE in text and "hemligt" not in text
    health = client.get("/healthz")
    assert health.status_code == 503 and health.get_json()["database"] == "unreachable"


def test_logged_in_pages_answer_503_while_the_database_is_away_and_recover(app, client):
    log_in(client, "ledning")
    url = app.server.config["DATABASE_URL"]
    take_database_away(app)
    page = client.get("/mal")
    assert page.status_code == 503 and UNAVAILABLE in page.get_data(as_text=True)
    app.server.config["DATABASE_URL"] = url
    assert client.get("/mal").status_code == 200  # still logged in: nothing was lost


def test_a_failing_callback_other_than_the_router_shows_its_message_in_the_shell(app, client):
    assert NOTICE_ID in json.dumps(app.layout.to_plotly_json(), default=str)
    take_database_away(app)
    answer = callback(client, app, "data-as-of.children")
    assert answer.get_json()["response"] == {}  # outputs keep what they show
    assert UNAVAILABLE in json.dumps(answer.get_json()["sideUpdate"][NOTICE_ID], ensure_ascii=False)


def test_a_page_that_fails_to_render_is_not_cached(app, client, monkeypatch):
    page = next(p for p in dash.page_registry.values() if p["path"] == "/oppna-data")

    def lost_connection(**_kwargs):
        raise OperationalError("SELECT 1", {}, Exception("server closed the connection"))

    monkeypatch.setitem(page, "layout", lost_connection)
    failed = callback(client, app, ROUTER, "/oppna-data")
    assert UNAVAILABLE in shown(failed) and "X-Rodtrad-Cache" not in failed.headers
    monkeypatch.undo()
    again = callback(client, app, ROUTER, "/oppna-data")
    assert again.headers["X-Rodtrad-Cache"] == "miss" and UNAVAILABLE not in shown(again)


def test_an_unexpected_callback_error_shows_a_swedish_message_not_a_blank_page(app, client,
                                                                                monkeypatch):
    def bug(*_args):
        raise RuntimeError("hemlig detalj i stacken")

    monkeypatch.setattr("dashboard.cache.users.data_version", bug)
    answer = callback(client, app, ROUTER, "/oppna-data")
    assert answer.headers[ERROR_HEADER] == "error"
    assert "Något gick fel" in shown(answer) and "hemlig detalj" not in shown(answer)
    monkeypatch.setattr("dashboard.api.meta", bug)
    api = client.get("/api/v1/indicators")  # the API answers JSON, never an HTML page
    assert api.status_code == 500 and "oväntat fel" in api.get_json()["error"]


@pytest.mark.postgres
def test_a_statement_over_the_web_apps_time_limit_is_cancelled_as_an_outage():
    url = os.environ.get("TEST_DATABASE_URL") or skip_or_fail(
        "PostgreSQL: TEST_DATABASE_URL is not set", "RODTRAD_REQUIRE_POSTGRES")
    with pytest.raises(OperationalError) as cancelled:
        with get_engine(url, statement_timeout_ms=100).connect() as conn:
            conn.exec_driver_sql("SELECT pg_sleep(5)")
    assert is_unavailable(cancelled.value) and "statement timeout" in str(cancelled.value)
    with get_engine(url).connect() as conn:  # commands (imports) have no such limit
        assert conn.exec_driver_sql("SHOW statement_timeout").scalar() == "0"


def test_wsgi_boots_while_the_database_is_down():
    env = {**os.environ, "DATABASE_URL": UNREACHABLE_URL, "SECRET_KEY": "test"}
    result = subprocess.run([sys.executable, "-c", "import dashboard.wsgi"], cwd=PROJECT_ROOT,
                            env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr


# --- Redis is away ----------------------------------------------------------------------


def test_redis_away_means_uncached_pages_memory_limits_and_a_degraded_health(demo_url):
    app = create_app({"DATABASE_URL": demo_url, "TESTING": True, "SECRET_KEY": "test",
                      "REDIS_URL": UNREACHABLE_REDIS})
    client = app.server.test_client()
    assert log_in(client, "hsn", "fel lösenord").status_code == 401
    assert log_in(client, "hsn").status_code == 302
    page = callback(client, app, ROUTER, "/mal")
    assert "Mål – Rödtråd" in shown(page) and ERROR_HEADER not in page.headers
    health = client.get("/healthz")
    assert health.status_code == 200
    assert health.get_json() == {"status": "degraded", "database": "ok", "redis": "unreachable"}


# --- /healthz and the schema ------------------------------------------------------------


def test_healthz_reports_each_component(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok", "redis": "not_configured"}


def test_healthz_fails_without_the_schema_and_never_creates_a_sqlite_file(tmp_path):
    missing = tmp_path / "saknas.db"
    app = create_app({"DATABASE_URL": f"sqlite:///{missing}", "TESTING": True,
                      "SECRET_KEY": "test"})
    client = app.server.test_client()
    assert client.get("/healthz").get_json()["database"] == "not_migrated"
    assert UNAVAILABLE in shown(callback(client, app, ROUTER, "/"))
    assert not missing.exists()
    create_sqlite_file(f"sqlite:///{missing}")  # a file without tables: not migrated either
    response = client.get("/healthz")
    assert response.status_code == 503 and response.get_json()["database"] == "not_migrated"


def test_serve_refuses_a_database_that_is_not_set_up(tmp_path, monkeypatch, capsys):
    missing = tmp_path / "saknas.db"
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{missing}")
    assert cli.main(["serve", "--port", "8105"]) == 1
    assert "rodtrad migrate" in capsys.readouterr().err
    assert cli.main(["user", "list"]) == 1  # any command: one line, no new file
    assert capsys.readouterr().err.splitlines() == [
        f"rodtrad: Databasfilen {missing} finns inte; skapa den med `rodtrad migrate`."]
    assert not missing.exists()


# --- Production refusals ----------------------------------------------------------------


@pytest.fixture
def production(monkeypatch):
    monkeypatch.setenv("RODTRAD_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "p" * 48)
    monkeypatch.delenv("SESSION_COOKIE_SECURE", raising=False)


@pytest.mark.parametrize("value", ["Production ", "PRODUCTION", "prod", ""])
def test_an_unknown_environment_is_refused(monkeypatch, demo_url, value):
    monkeypatch.setenv("RODTRAD_ENV", value)
    with pytest.raises(ConfigError, match="RODTRAD_ENV"):
        create_app({"DATABASE_URL": demo_url})


def test_production_refuses_cookies_over_plain_http(production, monkeypatch, sqlite_url):
    monkeypatch.setenv("SESSION_COOKIE_SECURE", "0")
    with pytest.raises(ConfigError, match="SESSION_COOKIE_SECURE"):
        create_app({"DATABASE_URL": sqlite_url})


def test_production_refuses_the_published_demo_passwords(production, demo_url):
    with pytest.raises(ConfigError, match="demoanvändare .*ledning, admin, hsn, run, ledamot"):
        create_app({"DATABASE_URL": demo_url})
    with session_scope(demo_url) as session:
        for username, *_ in DEMO_USERS[:2]:
            users.set_password(session, username, "ett eget lösenord för produktion")
        users.set_active(session, DEMO_USERS[2][0], False)
    with pytest.raises(ConfigError, match="lösenorden \\(run, ledamot\\)"):
        create_app({"DATABASE_URL": demo_url})
    with session_scope(demo_url) as session:
        users.set_active(session, "run", False)
        users.set_active(session, "ledamot", False)
    assert create_app({"DATABASE_URL": demo_url}).server.config["PRODUCTION"] is True


def test_production_boots_while_the_database_is_down(production):
    assert create_app({"DATABASE_URL": UNREACHABLE_URL}).server.config["PRODUCTION"] is True


# --- SQLite: readers never wait for a writer ----------------------------------------------


def test_sqlite_pages_render_while_an_import_holds_the_write_lock(app, client, demo_url):
    with app.server.app_context(), app_engine().connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == SQLITE_BUSY_TIMEOUT * 1000
    importer = sqlite3.connect(sqlite_path(demo_url), isolation_level=None)
    importer.execute("BEGIN IMMEDIATE")  # as `rodtrad import` does until it commits
    importer.execute("UPDATE org_units SET name = name || ''")
    try:
        answer = callback(client, app, ROUTER, "/oppna-data")
        assert ERROR_HEADER not in answer.headers and "Öppna data" in shown(answer)
    finally:
        importer.execute("ROLLBACK")
        importer.close()
