"""Shared fixtures: temp databases (SQLite always, PostgreSQL when TEST_DATABASE_URL is set),
the demo region, the app, a live server and a headless Chromium.

Under `.ci/run` (RODTRAD_REQUIRE_POSTGRES=1, RODTRAD_REQUIRE_BROWSER=1) a missing
PostgreSQL or Chromium fails the test instead of skipping it.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import threading
import uuid

import pytest
from sqlalchemy import create_engine, text

from data_access.db import database_url, dispose_engines, migrate

# The session-wide SAML IdP (SimpleSAMLphp) and SP keys, for test_saml and the browser test.
pytest_plugins = ["tests.saml_idp"]

# Tests read the audit log right after a request: page views are written with it, not in the
# worker's batch (tests/test_audit.py tests the batches).
os.environ.setdefault("RODTRAD_AUDIT_BATCH_MS", "0")

DEMO_AS_OF = dt.date(2026, 10, 31)
DEMO_SEED = 2050
CHROMIUM = os.environ.get("RODTRAD_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def skip_or_fail(reason: str, required_env: str) -> None:
    """Skip with a visible reason, unless the environment demands the dependency."""
    if os.environ.get(required_env) == "1":
        pytest.fail(f"{reason} ({required_env}=1, so this may not be skipped)")
    pytest.skip(reason)


# --- Databases ----------------------------------------------------------------------


def _fresh_postgres_url() -> str:
    """A new empty schema in TEST_DATABASE_URL's database, as a URL with search_path."""
    base = os.environ.get("TEST_DATABASE_URL")
    if not base:
        skip_or_fail("PostgreSQL: TEST_DATABASE_URL is not set", "RODTRAD_REQUIRE_POSTGRES")
    url = database_url(base)
    schema = f"t_{uuid.uuid4().hex[:12]}"
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(text(f"CREATE SCHEMA {schema}"))
    except Exception as exc:  # noqa: BLE001 - any failure to reach the server is a skip reason
        skip_or_fail(f"PostgreSQL at {base} is unreachable: {exc}", "RODTRAD_REQUIRE_POSTGRES")
    finally:
        engine.dispose()
    sep = "&" if "?" in url else "?"
    return f"{url}{sep}options=-csearch_path%3D{schema}"


def _drop_postgres_schema(url: str) -> None:
    schema = url.rsplit("search_path%3D", 1)[1]
    engine = create_engine(url.split("?options=")[0].split("&options=")[0])
    with engine.begin() as conn:
        conn.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    """An empty, migrated database: SQLite, and PostgreSQL when configured."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'test.db'}"
        migrate(url)
        yield url
        dispose_engines()
        return
    url = _fresh_postgres_url()
    migrate(url)
    yield url
    dispose_engines()
    _drop_postgres_schema(url)


@pytest.fixture
def sqlite_url(tmp_path):
    """An empty, migrated SQLite database."""
    url = f"sqlite:///{tmp_path / 'test.db'}"
    migrate(url)
    yield url
    dispose_engines()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory):
    """A SQLite file holding the demo region, built once per test session."""
    from data_access.db import session_scope
    from data_access.demo import load_demo
    from data_access.demo.users import create_demo_users

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    url = f"sqlite:///{path}"
    migrate(url)
    with session_scope(url) as session:
        load_demo(session, seed=DEMO_SEED, as_of=DEMO_AS_OF)
    with session_scope(url) as session:
        create_demo_users(session)
    dispose_engines()
    return path


@pytest.fixture(scope="session")
def kommun_template(tmp_path_factory):
    """A SQLite file holding the kommun demo (`rodtrad demo --profil kommun`), built once per
    test session."""
    from data_access.db import session_scope
    from data_access.demo import load_demo
    from data_access.demo.users import create_demo_users

    path = tmp_path_factory.mktemp("kommun") / "kommun.db"
    url = f"sqlite:///{path}"
    migrate(url)
    with session_scope(url) as session:
        load_demo(session, seed=DEMO_SEED, as_of=DEMO_AS_OF, profil="kommun")
    with session_scope(url) as session:
        create_demo_users(session, "kommun")
    dispose_engines()
    return path


@pytest.fixture
def demo_url(demo_template, tmp_path):
    """A private copy of the demo database, so a test may change it freely."""
    path = tmp_path / "demo.db"
    shutil.copy(demo_template, path)
    yield f"sqlite:///{path}"
    dispose_engines()


# --- The app ------------------------------------------------------------------------


@pytest.fixture
def app(demo_url):
    """The Dash app over a copy of the demo database."""
    from dashboard.app import create_app

    return create_app({"DATABASE_URL": demo_url, "TESTING": True, "SECRET_KEY": "test"})


@pytest.fixture
def client(app):
    return app.server.test_client()


@pytest.fixture
def live_server(app):
    """The app served over real HTTP on 127.0.0.1 for the browser tests."""
    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", 0, app.server, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture
def http():
    """An HTTP client of its own (cookies and all) for talking to a test identity provider."""
    import requests

    with requests.Session() as session:
        yield session


# --- The browser --------------------------------------------------------------------


@pytest.fixture(scope="session")
def chromium():
    """Debian's headless Chromium driven by Playwright (never a downloaded browser)."""
    if not os.path.exists(CHROMIUM):
        skip_or_fail(f"Chromium not found at {CHROMIUM}", "RODTRAD_REQUIRE_BROWSER")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        skip_or_fail("Playwright is not installed", "RODTRAD_REQUIRE_BROWSER")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium):
    """A fresh browser page that records console errors and every request's URL."""
    context = chromium.new_context(locale="sv-SE")
    page = context.new_page()
    page.console_errors = []
    page.requested_urls = []
    page.on("console", lambda m: m.type == "error" and page.console_errors.append(m.text))
    page.on("pageerror", lambda e: page.console_errors.append(str(e)))
    page.on("request", lambda r: page.requested_urls.append(r.url))
    yield page
    context.close()


@pytest.fixture
def login(page, live_server):
    """Log the browser page in as a demo user (by username) through the real login form."""
    from data_access.demo.users import DEMO_USERS

    passwords = {name: password for name, password, *_ in DEMO_USERS}

    def log_in(username: str) -> None:
        page.goto(live_server + "/login")
        page.fill("#username", username)
        page.fill("#password", passwords[username])
        page.click("button[type=submit]")
        page.wait_for_selector("#nav-user-identity", timeout=20_000)

    return log_in
