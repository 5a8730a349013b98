"""Login, sessions and the protections around them, through HTTP."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import select

from dashboard.app import create_app
from dashboard.auth import safe_next
from dashboard.config import DEVELOPMENT_SECRET_KEY, ConfigError, load_config
from data_access import users
from data_access.db import session_scope
from data_access.models import LoginEvent
from tests.test_access import csrf_token, log_in, payload, post_callback

ROUTER = ".._pages_content.children..._pages_store.data.."


def router_body(app, client, path: str) -> dict:
    client.get("/healthz")
    return payload(ROUTER, app.callback_map[ROUTER], pathname=path)


def test_login_and_logout(client):
    assert client.get("/mal").status_code == 302
    response = log_in(client, "ledning")
    assert response.status_code == 302 and response.headers["Location"] == "/"
    assert client.get("/mal").status_code == 200
    assert client.get("/logout").status_code in (404, 405)  # logout only by POST
    assert client.get("/mal").status_code == 200
    assert client.post("/logout", data={"csrf_token": csrf_token(client)}).status_code == 302
    assert client.get("/mal").status_code == 302


def test_failed_login_is_generic_and_logged_without_password(client, demo_url):
    wrong_user = log_in(client, "finns-inte", "hemligt-lösenord-1")
    wrong_password = log_in(client, "ledning", "hemligt-lösenord-2")
    for response in (wrong_user, wrong_password):
        assert response.status_code == 401
        assert "Fel användarnamn eller lösenord" in response.text
    assert log_in(client, "ledning").status_code == 302
    with session_scope(demo_url) as s:
        events = s.execute(select(LoginEvent.username, LoginEvent.succeeded, LoginEvent.address)
                           .order_by(LoginEvent.id)).all()
        assert [(u, ok) for u, ok, _ in events] == [
            ("finns-inte", False), ("ledning", False), ("ledning", True)]
        assert all(address == "127.0.0.1" for *_, address in events)
        stored = " ".join(str(row) for row in s.execute(select(LoginEvent)).scalars())
        assert "hemligt" not in stored


def test_csrf_is_required_for_login_callbacks_and_logout(app, client):
    assert client.post("/login", data={"username": "ledning",
                                       "password": "ledning-demo-2026"}).status_code == 400
    body = router_body(app, client, "/")
    assert client.post("/_dash-update-component", json=body).status_code == 400
    assert client.post("/_dash-update-component", json=body,
                       headers={"X-CSRFToken": "forfalskad"}).status_code == 400
    assert post_callback(client, body).status_code == 200
    log_in(client, "ledning")
    assert client.post("/logout").status_code == 400


def test_repeated_failures_are_throttled_per_user(client):
    for _ in range(5):
        assert log_in(client, "hsn", "fel-lösenord-igen").status_code == 401
    throttled = log_in(client, "hsn")  # even the right password, for now
    assert throttled.status_code == 429 and "För många" in throttled.text
    assert log_in(client, "run").status_code == 302  # another user is not affected


def test_repeated_failures_are_throttled_per_address(client):
    for n in range(20):
        assert log_in(client, f"gissning{n}", "fel-lösenord-igen").status_code == 401
    assert log_in(client, "gissning-ny", "fel-lösenord-igen").status_code == 429


@pytest.mark.parametrize("target, expected", [
    ("/mal?period=2026-T1", "/mal?period=2026-T1"),
    ("https://evil.example/", "/"),
    ("//evil.example/", "/"),
    ("/\\evil.example", "/"),
    ("javascript:alert(1)", "/"),
    ("", "/"),
    (None, "/"),
])
def test_next_is_only_a_local_path(app, target, expected):
    with app.server.test_request_context():
        assert safe_next(target) == expected


def test_login_redirects_to_next_but_never_off_site(client):
    token = csrf_token(client)
    data = {"username": "ledning", "password": "ledning-demo-2026", "csrf_token": token,
            "next": "//evil.example/stjal"}
    assert client.post("/login", data=data).headers["Location"] == "/"
    client.post("/logout", data={"csrf_token": csrf_token(client)})
    data |= {"next": "/ekonomi", "csrf_token": csrf_token(client)}
    assert client.post("/login", data=data).headers["Location"] == "/ekonomi"


def test_cookies_carry_the_flags(client):
    response = log_in(client, "ledning")
    cookies = {c.split("=", 1)[0]: c for c in response.headers.getlist("Set-Cookie")}
    session_cookie = cookies["rodtrad_session"]
    for flag in ("HttpOnly", "Secure", "SameSite=Lax"):
        assert flag in session_cookie
    csrf_cookie = client.get("/").headers.getlist("Set-Cookie")
    assert any(c.startswith("_csrf_token=") and "Secure" in c and "SameSite=Lax" in c
               and "HttpOnly" not in c for c in csrf_cookie)  # the renderer must read it


def test_security_headers(client):
    headers = client.get("/").headers
    csp = headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    script_src = next(p for p in csp.split(";") if p.strip().startswith("script-src"))
    assert script_src.split() == ["script-src", "'self'"]  # see tests/test_scripts.py
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_production_refuses_the_default_or_a_missing_key(monkeypatch, demo_url):
    monkeypatch.setenv("RODTRAD_ENV", "production")
    for key in ("", DEVELOPMENT_SECRET_KEY, "kort"):
        monkeypatch.setenv("SECRET_KEY", key)
        with pytest.raises(ConfigError, match="SECRET_KEY"):
            create_app({"DATABASE_URL": demo_url})
    monkeypatch.setenv("SECRET_KEY", "x" * 48)
    assert load_config({"DATABASE_URL": demo_url})["PRODUCTION"] is True


def test_development_without_a_key_shares_one_key_across_workers(monkeypatch, demo_url):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv("RODTRAD_ENV", raising=False)
    assert load_config({"DATABASE_URL": demo_url})["SECRET_KEY"] == DEVELOPMENT_SECRET_KEY


def test_idle_session_expires(client, app):
    log_in(client, "ledning")
    assert client.get("/mal").status_code == 200
    limit = app.server.config["IDLE_TIMEOUT"].total_seconds()
    with client.session_transaction() as session:
        session["seen"] = time.time() - limit - 1
    assert client.get("/mal").status_code == 302


def test_disabling_a_user_or_changing_the_password_ends_the_session(client, demo_url):
    log_in(client, "hsn")
    assert client.get("/mal").status_code == 200
    with session_scope(demo_url) as s:
        users.set_password(s, "hsn", "ett helt nytt lösenord")
    assert client.get("/mal").status_code == 302
    log_in(client, "run")
    with session_scope(demo_url) as s:
        users.set_active(s, "run", False)
    assert client.get("/mal").status_code == 302
    assert log_in(client, "run").status_code == 401


def test_everything_works_under_a_url_prefix(demo_url):
    app = create_app({"DATABASE_URL": demo_url, "TESTING": True, "SECRET_KEY": "t" * 40,
                      "URL_PREFIX": "/rodtrad"})
    client = app.server.test_client()
    assert client.get("/rodtrad/").status_code == 200
    assert client.get("/rodtrad/mal").headers["Location"] == "/rodtrad/login?next=%2Frodtrad%2Fmal"
    assert client.get("/rodtrad/healthz").status_code == 200
    token = client.get_cookie("_csrf_token").value
    key = ".._pages_content.children..._pages_store.data.."
    body = payload(key, app.callback_map[key], pathname="/rodtrad/internkontroll")
    response = client.post("/rodtrad/_dash-update-component", json=body,
                           headers={"X-CSRFToken": token})
    assert response.status_code == 401
    client.post("/rodtrad/login", data={"username": "ledning", "password": "ledning-demo-2026",
                                         "csrf_token": token})
    token = client.get_cookie("_csrf_token").value
    response = client.post("/rodtrad/_dash-update-component", json=body,
                           headers={"X-CSRFToken": token})
    assert response.status_code == 200
