"""Single sign-on against a real OpenID Provider (oidc-provider on a loopback port): roles from
directory groups at every sign-in, and every broken answer refused with nothing stored."""

from __future__ import annotations

import sqlite3

import pytest
import requests
from sqlalchemy import func, select

from dashboard.app import create_app
from data_access import users
from data_access.db import session_scope, sqlite_path
from data_access.models import AuditEvent, LoginEvent, User
from data_access.role_map import parse_role_map
from tests.oidc_provider import (
    APP_ROOT,
    CLIENT_ID,
    CLIENT_SECRET,
    ROLE_MAP,
    TestProvider,
    app_path,
    require_provider,
    sign_in,
    through_provider,
)
from tests.test_access import csrf_token, log_in, post_callback
from tests.test_auth import router_body

CALLBACK = APP_ROOT + "/login/oidc/callback"


@pytest.fixture(scope="module")
def provider(tmp_path_factory):
    require_provider()
    provider = TestProvider(tmp_path_factory.mktemp("oidc"), [CALLBACK])
    provider.start()
    yield provider
    provider.stop()


@pytest.fixture
def fresh_provider(provider):
    """The provider with its accounts as they started and honest tokens."""
    provider.reset()
    yield provider
    provider.tamper("")


def sso_config(demo_url, provider, tmp_path, **overrides) -> dict:
    role_map = tmp_path / "roller.toml"
    role_map.write_text(ROLE_MAP, encoding="utf-8")
    return {"DATABASE_URL": demo_url, "TESTING": True, "SECRET_KEY": "test",
            "OIDC_ISSUER": provider.issuer, "OIDC_CLIENT_ID": CLIENT_ID,
            "OIDC_CLIENT_SECRET": CLIENT_SECRET, "ROLE_MAP": str(role_map), **overrides}


@pytest.fixture
def sso_app(demo_url, fresh_provider, tmp_path):
    return create_app(sso_config(demo_url, fresh_provider, tmp_path))


@pytest.fixture
def sso_client(sso_app):
    return sso_app.server.test_client()


def signed_in(client) -> bool:
    return client.get("/mal").status_code == 200


def stored_user(demo_url, login: str) -> dict | None:
    with session_scope(demo_url) as s:
        user = users.get_user(s, login)
        if user is None:
            return None
        return {"role": user.role, "namnder": sorted(u.code for u in user.namnder),
                "source": user.source, "email": user.email, "name": user.display_name,
                "last_login": user.last_login, "version": user.session_version}


def counts(demo_url) -> tuple[int, int]:
    with session_scope(demo_url) as s:
        return (s.scalar(select(func.count()).select_from(User)),
                s.scalar(select(func.count()).select_from(LoginEvent)))


def page_body(app, client, path: str) -> str:
    return post_callback(client, router_body(app, client, path)).text


def test_the_login_page_offers_the_organisations_account(sso_client):
    page = sso_client.get("/login?next=/mal").text
    assert "Logga in med organisationens konto" in page
    assert 'href="/login/oidc?next=%2Fmal"' in page
    assert 'id="login-form"' in page  # local login stays unless switched off


def test_an_hsn_member_signs_in_and_sees_hsn_only(sso_app, sso_client, http, demo_url):
    response = sso_client.get("/login/oidc?next=/internkontroll")
    back = sso_client.get(app_path(through_provider(http, response.headers["Location"], "hanna")))
    assert back.status_code == 302 and back.headers["Location"] == "/internkontroll"
    assert signed_in(sso_client)
    user = stored_user(demo_url, "hanna")
    assert user["role"] == "namnd" and user["namnder"] == ["HSN"] and user["source"] == "oidc"
    assert (user["name"], user["email"]) == ("Hanna HSN", "hanna@region.example")
    assert user["last_login"] is not None
    assert_sees_hsn_only(sso_app, sso_client)


def assert_sees_hsn_only(app, client) -> None:
    """Exactly what the local HSN member sees, and not what RUN's member sees."""
    local = {}
    for name in ("hsn", "run"):
        other = app.server.test_client()
        log_in(other, name)
        local[name] = page_body(app, other, "/internkontroll")
    assert page_body(app, client, "/internkontroll") == local["hsn"] != local["run"]
    assert client.get("/admin/import").status_code != 200


def test_a_group_removed_at_the_provider_gives_less_access_at_the_next_sign_in(
        sso_client, http, fresh_provider, demo_url, sso_app):
    fresh_provider.set_groups("hanna", ["RJH-Rodtrad-HSN", "RJH-Rodtrad-RUN"])
    sign_in(sso_client, http, "hanna")
    assert stored_user(demo_url, "hanna")["namnder"] == ["HSN", "RUN"]
    other_browser = sso_app.server.test_client()
    sign_in(other_browser, http, "hanna")  # the provider's session: no login form again
    assert signed_in(other_browser)
    fresh_provider.set_groups("hanna", ["RJH-Rodtrad-HSN"])
    sign_in(sso_client, http, "hanna")
    assert stored_user(demo_url, "hanna")["namnder"] == ["HSN"]
    assert signed_in(sso_client)
    assert not signed_in(other_browser)  # the session with more access has ended
    fresh_provider.set_groups("hanna", ["Alla-anstallda"])
    refused = sign_in(sso_client, http, "hanna")
    assert refused.status_code == 403 and "Ingen behörighet" in refused.text
    assert stored_user(demo_url, "hanna")["namnder"] == ["HSN"]  # untouched, but no session:
    assert not signed_in(sso_client)


def test_several_groups_combine_to_the_highest_role(sso_client, http, fresh_provider, demo_url):
    fresh_provider.set_groups("lena", ["RJH-Rodtrad-HSN", "3F2B8C1E-0000-4000-8000-00000000AD01"])
    sign_in(sso_client, http, "lena")
    assert stored_user(demo_url, "lena")["role"] == "admin"  # the group's id, in any case
    assert sso_client.get("/admin/import").status_code == 200


def test_a_person_without_a_mapped_group_gets_no_access_and_nothing_is_stored(
        sso_client, http, demo_url):
    before = counts(demo_url)
    response = sign_in(sso_client, http, "olle")
    assert response.status_code == 403
    assert "Ingen behörighet" in response.text and "Kontakta" in response.text
    assert counts(demo_url) == before
    assert not signed_in(sso_client)


def test_groups_left_out_of_the_token_give_no_access_and_end_the_old_sessions(
        sso_client, http, fresh_provider, demo_url):
    assert sign_in(sso_client, http, "hanna").status_code == 302
    other = sso_client.application.test_client()
    assert sign_in(other, http, "hanna").status_code == 302
    fresh_provider.set_overage("hanna")
    before = counts(demo_url)
    response = sign_in(sso_client, http, "hanna")
    assert response.status_code == 403
    assert "Ingen behörighet" in response.text and "så många grupper" in response.text
    assert "Groups assigned to the application" in response.text
    assert counts(demo_url) == before
    assert not signed_in(sso_client) and not signed_in(other)
    with session_scope(demo_url) as s:
        reasons = s.scalars(select(AuditEvent.target).where(
            AuditEvent.kind == "inloggning_misslyckad")).all()
    assert reasons == ["för många grupper i token"]


def test_a_sign_in_while_an_import_holds_sqlites_write_lock_says_so_and_stores_nothing(
        sso_client, http, demo_url):
    assert sign_in(sso_client, http, "hanna").status_code == 302
    lock = sqlite3.connect(sqlite_path(demo_url), isolation_level=None)
    lock.execute("BEGIN IMMEDIATE")  # as `rodtrad import` holds it until it commits
    try:
        assert sso_client.post("/logout", data={"csrf_token": csrf_token(sso_client)}
                               ).status_code == 302  # this browser is signed out all the same
        assert not signed_in(sso_client)
        before = counts(demo_url)
        response = sign_in(sso_client, http, "lena")
        assert response.status_code == 503
        assert "En import sparas just nu" in response.text
    finally:
        lock.execute("ROLLBACK")
        lock.close()
    assert counts(demo_url) == before and stored_user(demo_url, "lena") is None
    assert not signed_in(sso_client)
    assert sign_in(sso_client, http, "lena").status_code == 302  # once the import is done


@pytest.mark.parametrize("how", ["payload", "foreign-key", "expired", "audience", "nonce",
                                 "unsigned"])
def test_a_broken_id_token_is_refused_and_nothing_is_stored(sso_client, http, fresh_provider,
                                                            demo_url, how):
    fresh_provider.tamper(how)
    before = counts(demo_url)
    response = sign_in(sso_client, http, "lena")
    assert response.status_code == 401
    assert "Inloggningen misslyckades" in response.text and "ogiltig ID-token" in response.text
    assert counts(demo_url) == before and stored_user(demo_url, "lena") is None
    assert not signed_in(sso_client)


def test_a_wrong_or_missing_state_is_refused(sso_app, sso_client, http, demo_url):
    before = counts(demo_url)
    start = sso_client.get("/login/oidc")
    callback = app_path(through_provider(http, start.headers["Location"], "lena"))
    forged = callback.replace("state=", "state=x")
    response = sso_client.get(forged)
    assert response.status_code == 401 and "fel eller saknat state" in response.text
    # The same answer in another browser (which never started this sign-in) is refused too.
    response = sso_app.server.test_client().get(callback)
    assert response.status_code == 401 and "state" in response.text
    assert counts(demo_url) == before and not signed_in(sso_client)


def test_an_error_from_the_provider_is_shown_in_swedish(sso_client):
    sso_client.get("/login/oidc")
    response = sso_client.get("/login/oidc/callback?error=access_denied&state=x")
    assert response.status_code == 401 and "avbröts eller nekades" in response.text


def test_a_rotated_signing_key_is_fetched_again(sso_client, http, fresh_provider, demo_url):
    sign_in(sso_client, http, "lena")  # the app now holds the provider's first JWKS
    fresh_provider.restart()  # a new signing key under a new key id
    try:
        with requests.Session() as browser:
            assert sign_in(sso_client, browser, "lena").status_code == 302
        assert signed_in(sso_client)
    finally:
        http.cookies.clear()


def test_logout_ends_the_providers_session_too(sso_client, http):
    sign_in(sso_client, http, "lena")
    response = sso_client.post("/logout", data={"csrf_token": csrf_token(sso_client)})
    assert response.status_code == 302
    location = response.headers["Location"]
    assert location.startswith(sso_client.application.config["OIDC_ISSUER"] + "/session/end?")
    assert "id_token_hint=" in location and "post_logout_redirect_uri=" in location
    assert not signed_in(sso_client)


def test_local_login_switched_off_removes_the_form_and_refuses_its_post(
        demo_url, fresh_provider, tmp_path):
    app = create_app(sso_config(demo_url, fresh_provider, tmp_path, LOCAL_LOGIN=False))
    client = app.server.test_client()
    page = client.get("/login").text
    assert 'id="login-form"' not in page and "organisationens konto" in page
    response = log_in(client, "ledning")
    assert response.status_code == 403 and "Inloggning med lösenord är avstängd" in response.text
    assert not signed_in(client)


def test_the_logout_form_may_lead_to_the_provider_and_nowhere_else(sso_client, fresh_provider):
    csp = sso_client.get("/login").headers["Content-Security-Policy"]
    assert f"form-action 'self' {fresh_provider.issuer};" in csp


def test_sign_in_works_under_a_url_prefix(demo_url, fresh_provider, tmp_path):
    app = create_app(sso_config(demo_url, fresh_provider, tmp_path, URL_PREFIX="/rodtrad/"))
    client = app.server.test_client()
    assert 'href="/rodtrad/login/oidc' in client.get("/rodtrad/login").text
    start = client.get("/rodtrad/login/oidc")
    assert start.status_code == 302
    assert "redirect_uri=http%3A%2F%2Flocalhost%2Frodtrad%2Flogin%2Foidc%2Fcallback" in (
        start.headers["Location"])
    assert "code_challenge_method=S256" in start.headers["Location"]
    assert "nonce=" in start.headers["Location"] and "state=" in start.headers["Location"]


def test_a_mapping_to_an_unknown_namnd_stores_nothing(demo_url, fresh_provider, tmp_path, http):
    app = create_app(sso_config(demo_url, fresh_provider, tmp_path))
    app.server.config["ROLE_MAP"] = parse_role_map(
        '[[grupp]]\nnamn = "RJH-Rodtrad-HSN"\nroll = "namnd"\nnamnder = ["FINNS-INTE"]\n')
    client = app.server.test_client()
    before = counts(demo_url)
    response = sign_in(client, http, "hanna")
    assert response.status_code == 403 and "Okänd nämndkod: FINNS-INTE" in response.text
    assert counts(demo_url) == before and not signed_in(client)


def test_a_single_sign_on_user_has_no_password_to_log_in_with(sso_client, http):
    sign_in(sso_client, http, "hanna")
    other = sso_client.application.test_client()
    empty = other.post("/login", data={"username": "hanna", "password": "",
                                       "csrf_token": csrf_token(other)})
    assert empty.status_code == 401
    assert log_in(other, "hanna", "vilket-som-helst").status_code == 401


def test_a_provider_account_named_like_a_local_user_cannot_take_it_over(sso_client, http,
                                                                         fresh_provider,
                                                                         demo_url):
    fresh_provider.add_account("ledning", "Inte Lena", ["RJH-Rodtrad-HSN"])
    before = stored_user(demo_url, "ledning")
    sign_in(sso_client, http, "ledning")
    assert stored_user(demo_url, "ledning") == before  # the local user is untouched
    with session_scope(demo_url) as s:
        twin = s.scalars(select(User).where(User.source == "oidc")).one()
        assert twin.username.startswith("ledning~") and twin.role == "namnd"


def test_a_disabled_user_stays_out_whatever_their_groups_say(sso_client, http, demo_url):
    sign_in(sso_client, http, "lena")
    with session_scope(demo_url) as s:
        users.set_active(s, "lena", False)
    response = sign_in(sso_client, http, "lena")
    assert response.status_code == 403 and "avstängt" in response.text
    assert not signed_in(sso_client)


def sign_in_events(demo_url) -> tuple[list[tuple], str]:
    """The audit log's sign-ins (kind, method, username, role), and all its events' text."""
    with session_scope(demo_url) as s:
        logged = [(e.kind, e.method, e.username, e.role) for e in s.scalars(
            select(AuditEvent).where(AuditEvent.kind.like("inloggning%")).order_by(AuditEvent.id))]
        stored = " ".join(f"{e.target} {e.username} {e.namnder}"
                          for e in s.scalars(select(AuditEvent)))
    return logged, stored


def test_single_sign_on_sign_ins_are_in_the_audit_log_without_the_token(
        sso_client, http, fresh_provider, demo_url):
    assert sign_in(sso_client, http, "hanna").status_code == 302
    fresh_provider.tamper("payload")
    assert sign_in(sso_client, http, "lena").status_code == 401
    logged, stored = sign_in_events(demo_url)
    assert logged == [("inloggning", "oidc", "hanna", "namnd"),
                      ("inloggning_misslyckad", "oidc", "", "")]
    assert "eyJ" not in stored  # no token (a JWT starts so) in any event
