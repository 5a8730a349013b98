"""User management: roles, nämnd scope, hashed passwords, the login log, the CLI."""

from __future__ import annotations

import io

import pytest
from sqlalchemy import select

from dashboard import auth
from dashboard.cli import main
from data_access import users
from data_access.db import session_scope
from data_access.models import LoginEvent, OrgUnit, User

PASSWORD = "ett långt lösenord"


@pytest.fixture
def org_url(sqlite_url):
    with session_scope(sqlite_url) as s:
        region = OrgUnit(code="RJH", name="Region", level="region")
        s.add(region)
        s.flush()
        for code in ("HSN", "RUN"):
            s.add(OrgUnit(code=code, name=code, level="namnd", parent_id=region.id))
    return sqlite_url


def test_password_is_hashed_and_checked(org_url):
    with session_scope(org_url) as s:
        users.add_user(s, "anna", PASSWORD, "namnd", ["HSN"])
    with session_scope(org_url) as s:
        stored = s.scalars(select(User.password_hash)).one()
        assert PASSWORD not in stored and stored.startswith("scrypt:")
        assert users.authenticate(s, "anna", PASSWORD, "127.0.0.1").username == "anna"
        assert users.authenticate(s, "anna", "fel lösenord!!", "127.0.0.1") is None
        assert users.authenticate(s, "okänd", PASSWORD, "127.0.0.1") is None
    with session_scope(org_url) as s:
        events = s.execute(select(LoginEvent.username, LoginEvent.succeeded)
                           .order_by(LoginEvent.id)).all()
        assert events == [("anna", True), ("anna", False), ("okänd", False)]


def test_viewer_scope_follows_role_and_namnder(org_url):
    """The scope a logged-in user's requests read with (a disabled user's sessions end: see
    test_sessions), and the public scope without a logged-in user."""
    with session_scope(org_url) as s:
        anna = users.add_user(s, "anna", PASSWORD, "namnd", ["HSN", "RUN"])
        boss = users.add_user(s, "boss", PASSWORD, "ledning")
        hsn_run = tuple(sorted(u.id for u in anna.namnder))
        assert auth._auth_user(anna).viewer.namnd_ids == hsn_run
        assert auth._auth_user(anna).viewer.role == "namnd"
        assert auth._auth_user(boss).viewer.sees_everything
        assert auth.current_viewer().is_public


@pytest.mark.parametrize("args, message", [
    (("x", PASSWORD, "namnd", []), "minst en nämnd"),
    (("x", PASSWORD, "namnd", ["XYZ"]), "Okänd nämndkod: XYZ"),
    (("x", PASSWORD, "kung", []), "Okänd roll"),
    (("x", "kort", "ledning", []), "minst 10 tecken"),
])
def test_bad_user_requests_are_refused_in_swedish(org_url, args, message):
    with pytest.raises(users.UserError, match=message):
        with session_scope(org_url) as s:
            users.add_user(s, *args)


def test_cli_manages_users_with_password_from_stdin(org_url, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", org_url)
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    assert main(["user", "add", "anna", "--role", "namnd", "--namnd", "HSN"]) == 0
    assert main(["user", "set-namnder", "anna", "--namnd", "RUN"]) == 0
    assert main(["user", "disable", "anna"]) == 0
    capsys.readouterr()
    assert main(["user", "list"]) == 0
    assert capsys.readouterr().out.split("\t") == ["anna", "Nämndledamot", "RUN", "avstängd\n"]
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    assert main(["user", "add", "anna", "--role", "admin"]) == 1
    assert "finns redan" in capsys.readouterr().err
