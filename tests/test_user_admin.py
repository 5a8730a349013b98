"""User administration: the rules every change obeys (data_access.users, for the web page and
the CLI alike), the administrators' list of users, and the Användare page's callbacks over
HTTP on SQLite and PostgreSQL: what they change, what they refuse in Swedish, what the audit
log records, and that a disabled user's sessions end at once."""

from __future__ import annotations

import datetime as dt
import io
import json
import threading

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from dashboard.app import create_app
from dashboard.cli import main
from data_access import users
from data_access.db import get_engine, session_scope
from data_access.models import AuditEvent, OrgUnit, User
from data_access.queries.accounts import user_account, user_accounts
from data_access.scope import Viewer
from tests.test_access import log_in, payload, post_callback

PASSWORD = "ett långt lösenord"
ADMIN = Viewer(role="admin")
PAGE = "/admin/anvandare"


@pytest.fixture
def org_url(db_url):
    """Two nämnder; an administrator (anna), a nämnd member (per), a manager (lena) and two
    single sign-on members (oidc and saml)."""
    with session_scope(db_url) as s:
        region = OrgUnit(code="R", name="Regionen", level="region")
        s.add(region)
        s.flush()
        s.add_all([OrgUnit(code="HSN", name="Hälso- och sjukvårdsnämnden", level="namnd",
                           parent_id=region.id),
                   OrgUnit(code="RUN", name="Regionala utvecklingsnämnden", level="namnd",
                           parent_id=region.id)])
        s.flush()
        users.add_user(s, "anna", PASSWORD, "admin", display_name="Anna Admin", by="test")
        users.add_user(s, "per", PASSWORD, "namnd", ["HSN"], "Per Persson", by="test")
        users.add_user(s, "lena", PASSWORD, "ledning", by="test")
        hsn = s.scalars(select(OrgUnit).where(OrgUnit.code == "HSN")).one()
        for source in ("oidc", "saml"):
            s.add(User(username=source, display_name=f"Sso {source}", password_hash="",
                       source=source, external_id=f"idp|{source}", role="namnd", namnder=[hsn],
                       last_login=dt.datetime(2026, 11, 2, 8, 30)))
    return db_url


def changes(url: str) -> list[tuple[str, str]]:
    """The user changes in the audit log (who, what), leaving out the fixture's own."""
    with session_scope(url) as s:
        return [(e.username, e.target) for e in s.scalars(
            select(AuditEvent).where(AuditEvent.kind == "anvandarandring",
                                     AuditEvent.username != "test").order_by(AuditEvent.id))]


def access_of(url: str, username: str) -> tuple:
    with session_scope(url) as s:
        user = users.get_user(s, username)
        return user.role, sorted(u.code for u in user.namnder), user.active


# --- The rules, whoever makes the change --------------------------------------------------


def test_set_access_gives_exactly_the_role_and_namnder_asked_for(org_url):
    with session_scope(org_url) as s:
        users.set_access(s, "per", "namnd", ["RUN", "HSN"], by="anna")
    assert access_of(org_url, "per") == ("namnd", ["HSN", "RUN"], True)
    with session_scope(org_url) as s:
        users.set_access(s, "per", "ledning", ["RUN"], by="anna")  # only members keep nämnder
    assert access_of(org_url, "per") == ("ledning", [], True)
    assert changes(org_url) == [("anna", "set-namnder per: roll namnd, nämnder RUN,HSN"),
                                ("anna", "set-role per: roll ledning, nämnder -")]


@pytest.mark.parametrize("role, codes, message", [
    ("namnd", ["HSN", "XYZ"], "Okänd nämndkod: XYZ"),
    ("namnd", [], "minst en nämnd"),
    ("kung", [], "Okänd roll"),
])
def test_bad_access_is_refused_in_swedish_and_nothing_is_written(org_url, role, codes,
                                                                  message):
    with pytest.raises(users.UserError, match=message):
        with session_scope(org_url) as s:
            users.set_access(s, "lena", role, codes, by="anna")
    assert access_of(org_url, "lena") == ("ledning", [], True)
    assert changes(org_url) == []


@pytest.mark.parametrize("source", ["oidc", "saml"])
def test_single_sign_on_users_get_role_and_namnder_from_the_directory_only(org_url, source):
    for change in (lambda s: users.set_access(s, source, "ledning", [], by="anna"),
                   lambda s: users.set_role(s, source, "ledning", by="anna"),
                   lambda s: users.set_namnder(s, source, ["RUN"], by="anna")):
        with pytest.raises(users.UserError, match="katalogens grupper"):
            with session_scope(org_url) as s:
                change(s)
    assert access_of(org_url, source) == ("namnd", ["HSN"], True)
    with session_scope(org_url) as s:  # but they can be disabled
        users.set_active(s, source, False, by="anna")
    assert access_of(org_url, source)[2] is False


def test_an_admin_cannot_disable_themself_or_change_their_own_role(org_url):
    with session_scope(org_url) as s:
        users.add_user(s, "bo", PASSWORD, "admin", by="test")
    with pytest.raises(users.UserError, match="Du kan inte stänga av ditt eget konto"):
        with session_scope(org_url) as s:
            users.set_active(s, "anna", False, by="anna")
    with pytest.raises(users.UserError, match="Du kan inte ändra rollen för ditt eget konto"):
        with session_scope(org_url) as s:
            users.set_access(s, "anna", "ledning", [], by="anna")
    assert access_of(org_url, "anna") == ("admin", [], True)
    with session_scope(org_url) as s:  # another administrator may
        users.set_active(s, "anna", False, by="bo")
    assert access_of(org_url, "anna")[2] is False


def test_the_last_active_admin_stays(org_url):
    for change in (lambda s: users.set_active(s, "anna", False, by="bo"),
                   lambda s: users.set_access(s, "anna", "ledning", [], by="bo"),
                   lambda s: users.set_role(s, "anna", "namnd", ["HSN"], by="bo")):
        with pytest.raises(users.UserError, match="anna är den enda aktiva administratören"):
            with session_scope(org_url) as s:
                change(s)
    with session_scope(org_url) as s:  # a disabled administrator does not count
        users.add_user(s, "bo", PASSWORD, "admin", by="test")
        users.set_active(s, "bo", False, by="anna")
    with pytest.raises(users.UserError, match="enda aktiva"):
        with session_scope(org_url) as s:
            users.set_active(s, "anna", False, by="cli")
    with session_scope(org_url) as s:
        users.set_active(s, "bo", True, by="anna")
    with session_scope(org_url) as s:
        users.set_access(s, "anna", "ledning", [], by="bo")
    assert access_of(org_url, "anna") == ("ledning", [], True)


def waiting_for_a_lock(url: str) -> bool:
    """Whether some connection waits for a row lock (PostgreSQL)."""
    with session_scope(url) as s:
        return bool(s.scalar(text("SELECT count(*) FROM pg_stat_activity WHERE "
                                  "wait_event_type = 'Lock' AND datname = current_database()")))


def test_two_admins_cannot_disable_each_other_at_once(org_url):
    with session_scope(org_url) as s:
        users.add_user(s, "bo", PASSWORD, "admin", by="test")
    outcome = {}

    def bo_disables_anna():
        with Session(get_engine(org_url)) as s:
            try:
                users.set_active(s, "anna", False, by="bo")
                s.commit()
                outcome["anna"] = "avstängd"
            except users.UserError as exc:
                outcome["anna"] = str(exc)

    with Session(get_engine(org_url)) as first:
        users.set_active(first, "bo", False, by="anna")  # holds the lock, not yet committed
        other = threading.Thread(target=bo_disables_anna)
        other.start()
        # On PostgreSQL, until the other waits for the lock (SQLite's busy handler waits for
        # the write lock without a trace; a lost race there only tests the sequential case).
        for _ in range(200 if org_url.startswith("postgresql") else 0):
            if waiting_for_a_lock(org_url) or not other.is_alive():
                break
            other.join(0.05)
        first.commit()
    other.join()
    assert "enda aktiva administratören" in outcome["anna"]
    assert access_of(org_url, "anna")[2] is True and access_of(org_url, "bo")[2] is False


def test_the_cli_goes_through_the_same_rules(org_url, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", org_url)
    assert main(["user", "disable", "anna"]) == 1
    assert "enda aktiva administratören" in capsys.readouterr().err
    assert main(["user", "set-role", "oidc", "--role", "ledning"]) == 1
    assert "katalogens grupper" in capsys.readouterr().err
    assert main(["user", "set-namnder", "per", "--namnd", "RUN"]) == 0
    assert main(["user", "disable", "per"]) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    assert main(["user", "add", "bo", "--role", "admin"]) == 0
    assert main(["user", "set-role", "anna", "--role", "ledning"]) == 0
    assert access_of(org_url, "per") == ("namnd", ["RUN"], False)
    assert access_of(org_url, "anna") == ("ledning", [], True)


# --- The list -------------------------------------------------------------------------------


def test_the_list_shows_source_scope_last_sign_in_and_status(org_url):
    with session_scope(org_url) as s:
        users.authenticate(s, "per", PASSWORD, "127.0.0.1")
        users.authenticate(s, "per", "fel lösenord!!", "127.0.0.1")
        users.set_active(s, "lena", False, by="anna")
    with session_scope(org_url) as s:
        found = {a.username: a for a in user_accounts(s, ADMIN)}
        assert list(found) == ["anna", "lena", "oidc", "per", "saml"]
        per, lena, oidc = found["per"], found["lena"], found["oidc"]
        assert (per.source, per.role, per.namnd_codes, per.active) == ("local", "namnd",
                                                                      ("HSN",), True)
        assert per.last_sign_in is not None and lena.last_sign_in is None
        assert not lena.active
        assert (oidc.source, oidc.last_sign_in) == ("oidc", dt.datetime(2026, 11, 2, 8, 30))
        assert found["saml"].source == "saml"
        assert user_account(s, ADMIN, "per") == per
        for viewer in (Viewer(role="ledning"), Viewer(role="namnd", namnd_ids=(1, 2)),
                       Viewer()):
            assert user_accounts(s, viewer) == [] and user_account(s, viewer, "per") is None


# --- The page over HTTP ---------------------------------------------------------------------


@pytest.fixture
def app(org_url):
    return create_app({"DATABASE_URL": org_url, "TESTING": True, "SECRET_KEY": "test"})


@pytest.fixture
def admin(app):
    client = app.server.test_client()
    log_in(client, "anna", PASSWORD)
    return client


def post_change(app, client, button: str, chosen: dict, role=None, codes=None) -> str:
    """Click `aktiv` (disable/enable) or `spara` (role and nämnder) as the browser posts it;
    the answer's text."""
    client.get("/healthz")  # Dash adds the pages router at the first request
    key = next(k for k, cb in app.callback_map.items()
               if cb.get("inputs") and cb["inputs"][0]["id"] == f"anvandare-{button}")
    body = payload(key, app.callback_map[key], pathname=PAGE)
    values = {"anvandare-aktiv": 1, "anvandare-spara": 1, "anvandare-vald": chosen,
              "anvandare-roll": role, "anvandare-namnder": codes}
    for item in (*body["inputs"], *body["state"]):
        item["value"] = values[item["id"]]
    response = post_callback(client, body)
    assert response.status_code == 200, response.data
    return json.dumps(response.get_json(), ensure_ascii=False)


def rendered(app, client, search: str) -> str:
    from tests.test_auth import router_body

    body = router_body(app, client, PAGE)
    body["inputs"][1]["value"] = search
    response = post_callback(client, body)
    assert response.status_code == 200
    return json.dumps(response.get_json(), ensure_ascii=False)


def test_disabling_ends_the_users_sessions_at_once_and_is_recorded(app, admin, org_url):
    member = app.server.test_client()
    log_in(member, "per", PASSWORD)
    assert member.get("/mal").status_code == 200
    answer = post_change(app, admin, "aktiv", {"username": "per", "active": True})
    assert "Kontot per är avstängt" in answer and "✗ Avstängd" in answer
    assert "Aktivera kontot" in answer
    assert member.get("/mal").status_code == 302  # signed out: to the login page
    assert log_in(member, "per", PASSWORD).status_code == 401
    answer = post_change(app, admin, "aktiv", {"username": "per", "active": False})
    assert "Kontot per är aktiverat igen" in answer
    assert log_in(member, "per", PASSWORD).status_code == 302
    assert changes(org_url) == [("anna", "disable per: roll namnd, nämnder HSN"),
                                ("anna", "enable per: roll namnd, nämnder HSN")]


def test_a_local_users_role_and_namnder_are_saved_and_recorded(app, admin, org_url):
    answer = post_change(app, admin, "spara", {"username": "per"}, "namnd", ["RUN"])
    assert "Sparat: per är nu Nämndledamot för Regionala utvecklingsnämnden" in answer
    assert access_of(org_url, "per") == ("namnd", ["RUN"], True)
    answer = post_change(app, admin, "spara", {"username": "per"}, "namnd", ["RUN"])
    assert "Inget att spara" in answer
    post_change(app, admin, "spara", {"username": "per"}, "ledning", ["RUN"])
    assert access_of(org_url, "per") == ("ledning", [], True)
    assert changes(org_url) == [("anna", "set-namnder per: roll namnd, nämnder RUN"),
                                ("anna", "set-role per: roll ledning, nämnder -")]


@pytest.mark.parametrize("chosen, role, codes, message", [
    ({"username": "per"}, "namnd", [], "kryssa i minst en under Nämnder"),
    ({"username": "per"}, "namnd", ["HSN", "XYZ"], "Okänd nämndkod: XYZ"),
    ({"username": "per"}, "kung", ["HSN"], "Välj en roll under Roll"),
    ({"username": "per"}, "namnd", "HSN", "Nämnderna kom inte fram"),
    ({"username": "oidc"}, "ledning", [], "katalogens grupper"),
    ({"username": "anna"}, "ledning", [], "ditt eget konto"),
    ({"username": "ingen"}, "ledning", [], "finns inte"),
])
def test_bad_form_input_is_refused_in_swedish_and_nothing_is_saved(
        app, admin, org_url, chosen, role, codes, message):
    before = {name: access_of(org_url, name) for name in ("per", "oidc", "anna")}
    answer = post_change(app, admin, "spara", chosen, role, codes)
    assert "Inget sparades" in answer and message in answer
    assert {name: access_of(org_url, name) for name in before} == before
    assert changes(org_url) == []


def test_an_admin_cannot_disable_themself_on_the_page(app, admin, org_url):
    answer = post_change(app, admin, "aktiv", {"username": "anna", "active": True})
    assert "Du kan inte stänga av ditt eget konto" in answer
    assert access_of(org_url, "anna")[2] is True and changes(org_url) == []
    assert admin.get(PAGE).status_code == 200  # still signed in


def test_the_page_lists_everyone_and_opens_one_users_card(app, admin):
    page = rendered(app, admin, "")
    for shown in ("Användarnamn", "OpenID Connect", "SAML", "Lokal", "Aldrig", "✓ Aktiv",
                  "Hälso- och sjukvårdsnämnden", "Granskningslogg"):
        assert shown in page, shown
    assert "anvandare-andra" not in page
    local = rendered(app, admin, "?anvandare=per")
    assert "anvandare-spara" in local and "anvandare-aktiv" in local
    sso = rendered(app, admin, "?anvandare=oidc")
    assert "organisationens katalog" in sso and "anvandare-spara" not in sso
    assert "anvandare-aktiv" in sso
    own = rendered(app, admin, "?anvandare=anna")
    assert "anvandare-spara" not in own and "anvandare-aktiv" not in own
    assert "Du kan inte stänga av ditt eget konto" in own
    assert "Det finns ingen användare som heter okänd" in rendered(app, admin, "?anvandare=okänd")
