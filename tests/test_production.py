"""Production mode end to end: PostgreSQL, gunicorn with two workers, the page cache in Redis
shared by both, and an import that makes the cached pages unreachable (no timing asserted)."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile

import pytest
from sqlalchemy import text

from bench import load, server
from bench.scenarios import Scenario
from data_access.db import dispose_engines, migrate, session_scope
from tests.conftest import (
    DEMO_AS_OF,
    DEMO_SEED,
    _drop_postgres_schema,
    _fresh_postgres_url,
    skip_or_fail,
)

pytestmark = pytest.mark.postgres
# Database 13 belongs to this test alone (it empties it): no other test, the bench or a
# development server (database 0 unless told) may use it.
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/13")
VIEW = Scenario("Ekonomi för en nämnd", "ledning", "/ekonomi", "?unit=HSN")


@pytest.fixture
def redis_url():
    """A Redis database for the test, emptied before and after (skipped when Redis is away)."""
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except redis.RedisError as exc:
        skip_or_fail(f"Redis at {REDIS_URL} is unreachable: {exc}", "RODTRAD_REQUIRE_POSTGRES")
    client.flushdb()
    yield REDIS_URL
    client.flushdb()


@pytest.fixture
def postgres_demo():
    """The demo region in a fresh PostgreSQL schema."""
    from data_access.demo import load_demo
    from data_access.demo.users import create_demo_users

    url = _fresh_postgres_url()
    migrate(url)
    with session_scope(url) as session:
        load_demo(session, seed=DEMO_SEED, as_of=DEMO_AS_OF)
        create_demo_users(session)
    dispose_engines()
    yield url
    dispose_engines()
    _drop_postgres_schema(url)


def cache_states(session, times: int) -> list[str]:
    """The X-Rodtrad-Cache header of `times` renders of the view, each on a new connection
    (so gunicorn hands them to either worker)."""
    states = []
    for _ in range(times):
        fresh = load.clone(session)
        response = fresh.post(session.base_url + "/_dash-update-component",
                              json=load.router_payload(VIEW.path, VIEW.search),
                              headers={"X-CSRFToken": fresh.cookies["_csrf_token"]})
        assert response.status_code == 200
        states.append(response.headers["X-Rodtrad-Cache"])
        fresh.close()
    return states


def test_two_workers_share_the_page_cache_in_redis_and_an_import_clears_it(postgres_demo,
                                                                          redis_url):
    import redis

    store = redis.Redis.from_url(redis_url)
    with server.gunicorn(postgres_demo, workers=2, redis_url=redis_url) as (base, master):
        assert len(server.worker_rss_mb(master)) == 2
        session = load.session_for(base, VIEW.user)
        assert cache_states(session, 1) == ["miss"]
        assert len(store.keys("rodtrad:page:*")) == 1  # stored in Redis, not in a worker
        assert cache_states(session, 12) == ["hit"] * 12  # whichever worker answers
        import_a_correction(postgres_demo)
        assert cache_states(session, 1) == ["miss"]  # a new data version: rendered afresh
        assert len(store.keys("rodtrad:page:*")) == 2


def import_a_correction(url: str) -> None:
    """`rodtrad import` of one corrected measurement, as an administrator would run it."""
    with session_scope(url) as session:
        indicator, unit, period, value = session.execute(text(
            "SELECT i.code, u.code, m.period, m.value_total FROM measurements m "
            "JOIN indicators i ON i.id = m.indicator_id JOIN org_units u ON u.id = m.unit_id "
            "WHERE m.value_total IS NOT NULL ORDER BY m.id LIMIT 1")).one()
    dispose_engines()
    corrected = f"{value + 1:.1f}".replace(".", ",")
    with tempfile.NamedTemporaryFile("w", suffix=".csv", encoding="utf-8", delete=False) as f:
        f.write("Indikator;Enhet;Period;Värde totalt;Värde kvinnor;Värde män;Källa\n"
                f"{indicator};{unit};{period};{corrected};;;Rättelse\n")
    done = subprocess.run([sys.executable, "-m", "dashboard.cli", "import", "matvarden", f.name],
                          env=os.environ | {"DATABASE_URL": url}, capture_output=True, text=True)
    os.unlink(f.name)
    assert done.returncode == 0, done.stdout + done.stderr
