"""Sessions end on the server: logout, a new password and disabling end every copy of every
session of the user; a session is bound to its browser and ends when idle."""

from __future__ import annotations

import io

import pytest

from dashboard.cli import main
from data_access import users
from data_access.db import session_scope
from tests.test_access import csrf_token, log_in

SESSION_COOKIE = "rodtrad_session"


def copy_session(source, target) -> None:
    """Give `target` the session cookie `source` holds, as a thief who copied it would."""
    target.set_cookie(SESSION_COOKIE, source.get_cookie(SESSION_COOKIE).value)


def log_out(client) -> None:
    assert client.post("/logout", data={"csrf_token": csrf_token(client)}).status_code == 302


def logged_in(client) -> bool:
    return client.get("/mal").status_code == 200


@pytest.fixture
def browser(app):
    client = app.server.test_client()
    log_in(client, "hsn")
    return client


@pytest.fixture
def thief(app, browser):
    client = app.server.test_client()
    copy_session(browser, client)
    assert logged_in(client)
    return client


def test_a_session_cookie_copied_before_logout_is_refused_after_it(browser, thief):
    log_out(browser)
    assert not logged_in(thief)
    log_in(browser, "hsn")  # a new login does not bring the old session back
    assert logged_in(browser)
    assert not logged_in(thief)


def test_logout_ends_the_users_sessions_in_other_browsers(app, browser):
    other = app.server.test_client()
    log_in(other, "hsn")
    bystander = app.server.test_client()
    log_in(bystander, "run")
    log_out(browser)
    assert not logged_in(other)
    assert logged_in(bystander)  # another user's session goes on


def test_a_new_password_ends_every_session(demo_url, browser, thief):
    with session_scope(demo_url) as s:
        users.set_password(s, "hsn", "ett helt nytt lösenord")
    assert not logged_in(browser) and not logged_in(thief)


def test_the_cli_ends_sessions_on_disable_and_set_password(monkeypatch, demo_url, app, browser,
                                                           thief):
    monkeypatch.setenv("DATABASE_URL", demo_url)
    assert main(["user", "disable", "hsn"]) == 0
    assert not logged_in(thief)
    assert main(["user", "enable", "hsn"]) == 0
    assert not logged_in(browser)  # enabling the user again does not revive the old sessions
    log_in(browser, "hsn")
    assert logged_in(browser)
    monkeypatch.setattr("sys.stdin", io.StringIO("ännu ett nytt lösenord\n"))
    assert main(["user", "set-password", "hsn"]) == 0
    assert not logged_in(browser)


def test_end_sessions_ends_them_for_a_later_caller(demo_url, browser, thief):
    # The single entry point that directory changes (single sign-on) will call.
    with session_scope(demo_url) as s:
        users.end_sessions(users.require_user(s, "hsn"))
    assert not logged_in(browser) and not logged_in(thief)


def test_the_session_cookie_is_not_permanent(app):
    client = app.server.test_client()
    response = log_in(client, "hsn")
    cookie = next(c for c in response.headers.getlist("Set-Cookie")
                  if c.startswith(SESSION_COOKIE + "="))
    assert "Expires" not in cookie and "Max-Age" not in cookie


@pytest.mark.parametrize("environ, headers", [
    ({"REMOTE_ADDR": "198.51.100.7"}, {}),
    # A forged header names the owner's address: believed only from trusted proxies.
    ({"REMOTE_ADDR": "198.51.100.7"}, {"X-Forwarded-For": "127.0.0.1"}),
    ({}, {"User-Agent": "en annan webbläsare"}),
])
def test_a_copied_session_is_refused_from_another_address_or_browser(app, browser, environ,
                                                                     headers):
    elsewhere = app.server.test_client()
    copy_session(browser, elsewhere)
    assert elsewhere.get("/mal", environ_base=environ, headers=headers).status_code == 302
    assert logged_in(browser)  # the owner's own session goes on
