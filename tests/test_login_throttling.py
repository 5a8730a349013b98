"""Failed logins are throttled across workers (counted in the database every worker shares),
per user and address together and per address, so nobody elsewhere can lock a user out; a
proxy's X-Forwarded-For is believed only when RODTRAD_TRUSTED_PROXIES says so."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from dashboard.app import create_app
from dashboard.config import ConfigError, load_config
from data_access import users
from data_access.db import session_scope
from data_access.models import LoginEvent
from tests.test_access import PASSWORDS, csrf_token

WRONG = "fel-lösenord-igen"
ATTACKER = "203.0.113.9"


def worker(demo_url: str, **settings):
    """A test client of a fresh app over the database: one more gunicorn worker, in effect."""
    app = create_app({"DATABASE_URL": demo_url, "TESTING": True, "SECRET_KEY": "test"} | settings)
    return app.server.test_client()


def attempt(client, username: str, password: str = WRONG, forwarded_for: str = ""):
    headers = {"X-Forwarded-For": forwarded_for} if forwarded_for else {}
    return client.post("/login", headers=headers, data={
        "username": username, "password": password, "csrf_token": csrf_token(client)})


def statuses(client, username: str, times: int, **kwargs) -> list[int]:
    return [attempt(client, username, **kwargs).status_code for _ in range(times)]


def recorded_addresses(demo_url: str) -> set[str]:
    with session_scope(demo_url) as s:
        return set(s.scalars(select(LoginEvent.address)))


def test_failures_are_counted_in_the_window_per_address_and_user(db_url):
    now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    window = dt.timedelta(minutes=15)
    events = [("hsn", False, ATTACKER, now), ("hsn", False, ATTACKER, now - window / 2),
              ("run", False, ATTACKER, now), ("hsn", True, ATTACKER, now),
              ("hsn", False, "192.0.2.20", now),
              ("hsn", False, ATTACKER, now - window - dt.timedelta(minutes=1))]
    with session_scope(db_url) as s:
        s.add_all(LoginEvent(username=u, succeeded=ok, address=a, at=at)
                  for u, ok, a, at in events)
    with session_scope(db_url) as s:
        assert users.recent_login_failures(s, "hsn", ATTACKER, window) == users.LoginFailures(
            from_address=3, for_user_from_address=2)


def test_the_sixth_failure_is_refused_across_workers(demo_url):
    first = worker(demo_url)
    assert statuses(first, "hsn", 3) == [401] * 3
    second = worker(demo_url)  # started later, it still knows the first worker's failures
    assert statuses(second, "hsn", 2) == [401] * 2
    for client in (first, second):
        refused = attempt(client, "hsn", PASSWORDS["hsn"])  # even the right password, for now
        assert refused.status_code == 429 and "För många" in refused.text


def test_an_attacker_elsewhere_cannot_lock_the_user_out(client, demo_url):
    attacker = worker(demo_url)
    attacker.environ_base["REMOTE_ADDR"] = ATTACKER
    assert statuses(attacker, "hsn", 6) == [401] * 5 + [429]
    assert [attempt(attacker, f"gissning{n}").status_code for n in range(15)] == [401] * 15
    assert attempt(attacker, "run").status_code == 429  # 20 failures from one address
    assert attempt(client, "hsn", PASSWORDS["hsn"]).status_code == 302


def test_a_forwarded_address_is_ignored_without_trusted_proxies(client, demo_url):
    rotating = [attempt(client, "hsn", forwarded_for=f"198.51.100.{n}").status_code
                for n in range(6)]
    assert rotating == [401] * 5 + [429]
    assert recorded_addresses(demo_url) == {"127.0.0.1"}


def test_a_forwarded_address_counts_behind_a_trusted_proxy(demo_url):
    behind_proxy = worker(demo_url, TRUSTED_PROXIES=1)
    assert statuses(behind_proxy, "hsn", 6, forwarded_for=ATTACKER) == [401] * 5 + [429]
    user = attempt(behind_proxy, "hsn", PASSWORDS["hsn"], forwarded_for="192.0.2.20")
    assert user.status_code == 302
    assert behind_proxy.get("/mal", headers={"X-Forwarded-For": "192.0.2.20"}).status_code == 200
    assert recorded_addresses(demo_url) == {ATTACKER, "192.0.2.20"}


@pytest.mark.parametrize("value", ["ja", "-1", "1.5"])
def test_a_trusted_proxies_setting_that_is_not_a_count_stops_start_up(monkeypatch, demo_url,
                                                                        value):
    monkeypatch.setenv("RODTRAD_TRUSTED_PROXIES", value)
    with pytest.raises(ConfigError, match="RODTRAD_TRUSTED_PROXIES"):
        load_config({"DATABASE_URL": demo_url})
