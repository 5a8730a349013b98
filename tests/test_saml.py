"""Single sign-on over SAML 2.0 against a real IdP (SimpleSAMLphp on a loopback port): roles
from groups at every sign-in, every broken, foreign, late or replayed answer refused with
nothing stored, and single logout both ways."""

from __future__ import annotations

import base64
import datetime as dt
import re
import zlib
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from sqlalchemy import func, select

from dashboard.app import create_app
from dashboard.config import ConfigError, load_config
from data_access.db import session_scope
from data_access.models import SamlMessageId, User
from tests.oidc_provider import ROLE_MAP, app_path
from tests.saml_idp import (
    SP_ENTITY_ID,
    decoded,
    encoded,
    make_key_pair,
    post_back,
    saml_response,
    sign_assertion,
    sign_in,
    start_sign_in,
    through_idp,
)
from tests.test_access import csrf_token, log_in
from tests.test_oidc import (
    assert_sees_hsn_only,
    counts,
    sign_in_events,
    signed_in,
    stored_user,
)


@pytest.fixture
def fresh_idp(idp):
    idp.reset()
    return idp


def saml_config(demo_url, idp, sp_keys, tmp_path, **overrides) -> dict:
    role_map = tmp_path / "roller.toml"
    role_map.write_text(ROLE_MAP, encoding="utf-8")
    return {"DATABASE_URL": demo_url, "TESTING": True, "SECRET_KEY": "test",
            "SAML_IDP_METADATA": str(idp.metadata_path), "SAML_SP_ENTITY_ID": SP_ENTITY_ID,
            "SAML_SP_KEY": str(sp_keys[0]), "SAML_SP_CERT": str(sp_keys[1]),
            "ROLE_MAP": str(role_map), **overrides}


@pytest.fixture
def saml_app(demo_url, fresh_idp, sp_keys, tmp_path):
    app = create_app(saml_config(demo_url, fresh_idp, sp_keys, tmp_path))
    fresh_idp.register_sp(app.server.test_client().get("/saml/metadata").text)
    return app


@pytest.fixture
def saml_client(saml_app):
    return saml_app.server.test_client()


def replay_ids(demo_url) -> int:
    with session_scope(demo_url) as s:
        return s.scalar(select(func.count()).select_from(SamlMessageId))


def test_the_sp_metadata_names_the_acs_the_sls_and_the_certificate(saml_client, sp_keys):
    response = saml_client.get("/saml/metadata")
    assert response.status_code == 200
    assert response.mimetype == "application/samlmetadata+xml"
    xml = response.text
    assert f'entityID="{SP_ENTITY_ID}"' in xml
    assert 'Location="http://localhost/login/saml/acs"' in xml
    assert 'Location="http://localhost/saml/sls"' in xml
    assert 'WantAssertionsSigned="true"' in xml and 'AuthnRequestsSigned="true"' in xml
    cert = "".join(sp_keys[1].read_text().splitlines()[1:-1])
    assert cert in xml.replace("\n", "")


def test_the_login_page_offers_the_organisations_account(saml_client):
    page = saml_client.get("/login?next=/mal").text
    assert 'id="login-saml" href="/login/saml?next=%2Fmal"' in page
    assert "Logga in med organisationens konto</a>" in page
    assert 'id="login-form"' in page


def test_an_hsn_member_signs_in_and_sees_hsn_only(saml_app, saml_client, http, demo_url):
    action, fields = saml_response(http, start_sign_in(saml_client, "/login/saml?next=/internkontroll"),
                                   "hanna")
    back = post_back(saml_client, action, fields)
    assert back.status_code == 302 and back.headers["Location"] == "/internkontroll"
    assert signed_in(saml_client)
    user = stored_user(demo_url, "hanna")
    assert user["role"] == "namnd" and user["namnder"] == ["HSN"] and user["source"] == "saml"
    assert (user["name"], user["email"]) == ("Hanna HSN", "hanna@region.example")
    assert_sees_hsn_only(saml_app, saml_client)


def test_a_group_removed_at_the_idp_gives_less_access_at_the_next_sign_in(
        saml_app, saml_client, http, fresh_idp, demo_url):
    fresh_idp.set_groups("hanna", ["RJH-Rodtrad-HSN", "RJH-Rodtrad-RUN"])
    assert sign_in(saml_client, http, "hanna").status_code == 302
    assert stored_user(demo_url, "hanna")["namnder"] == ["HSN", "RUN"]
    other_browser = saml_app.server.test_client()
    with requests.Session() as other_http:
        assert sign_in(other_browser, other_http, "hanna").status_code == 302
    assert signed_in(other_browser)
    fresh_idp.set_groups("hanna", ["RJH-Rodtrad-HSN"])
    with requests.Session() as fresh_http:  # a new IdP session: the attributes anew
        assert sign_in(saml_client, fresh_http, "hanna").status_code == 302
    assert stored_user(demo_url, "hanna")["namnder"] == ["HSN"]
    assert signed_in(saml_client)
    assert not signed_in(other_browser)  # the session with more access has ended
    fresh_idp.set_groups("hanna", ["Alla-anstallda"])
    with requests.Session() as fresh_http:
        refused = sign_in(saml_client, fresh_http, "hanna")
    assert refused.status_code == 403 and "Ingen behörighet" in refused.text
    assert stored_user(demo_url, "hanna")["namnder"] == ["HSN"]
    assert not signed_in(saml_client)


def test_a_person_without_a_mapped_group_gets_no_access_and_nothing_is_stored(
        saml_client, http, demo_url):
    before = counts(demo_url)
    response = sign_in(saml_client, http, "olle")
    assert response.status_code == 403
    assert "Ingen behörighet" in response.text and "Kontakta" in response.text
    assert counts(demo_url) == before and not signed_in(saml_client)


def _change_group(xml: str) -> str:
    changed = xml.replace(">RJH-Rodtrad-Ledning<", ">RJH-Rodtrad-Admin<")
    assert changed != xml
    return changed


def _expired(xml: str) -> str:
    return re.sub(r'NotOnOrAfter="[^"]+"', 'NotOnOrAfter="2020-01-01T00:00:00Z"', xml)


def _other_audience(xml: str) -> str:
    changed = xml.replace(f"<saml:Audience>{SP_ENTITY_ID}<", "<saml:Audience>https://annan.example/sp<")
    assert changed != xml
    return changed


def _recipient(xml: str) -> str:
    changed = xml.replace('Recipient="http://localhost/login/saml/acs"',
                          'Recipient="https://annan.example/acs"')
    assert changed != xml
    return changed


def _destination(xml: str) -> str:
    """The Response's Destination (outside the signed assertion) set to another SP's ACS."""
    changed = xml.replace('Destination="http://localhost/login/saml/acs"',
                          'Destination="https://annan.example/acs"')
    assert changed != xml
    return changed


def _transient(xml: str) -> str:
    changed = xml.replace("nameid-format:persistent", "nameid-format:transient")
    assert changed != xml
    return changed


def _unsigned(xml: str) -> str:
    changed = re.sub(r"<ds:Signature.*?</ds:Signature>", "", xml, flags=re.S)
    assert changed != xml
    return changed


# How a real Response from the IdP is broken: changed after signing; signed again by the IdP's
# own key after a change (so only the check of that field can refuse it); signed by a key the
# SP does not trust; or stripped of its signature.
BROKEN = {
    "tampered": (_change_group, None, "ingen giltig signatur"),
    "foreign-key": (_change_group, "foreign", "ingen giltig signatur"),
    "unsigned": (_unsigned, None, "ingen giltig signatur"),
    "expired": (_expired, "idp", "har gått ut"),
    "audience": (_other_audience, "idp", "annan tjänst"),
    "recipient": (_recipient, "idp", "annan mottagningsadress"),
    "destination": (_destination, None, "kunde inte verifieras"),
    "transient": (_transient, "idp", "tillfälligt id"),
}


@pytest.mark.parametrize("how", list(BROKEN))
def test_a_broken_response_is_refused_and_nothing_is_stored(saml_client, http, idp, demo_url,
                                                            tmp_path, how):
    change, key, message = BROKEN[how]
    action, fields = saml_response(http, start_sign_in(saml_client), "lena")
    xml = change(decoded(fields))
    if key == "idp":
        xml = sign_assertion(xml, idp.key, tmp_path)
    elif key == "foreign":
        xml = sign_assertion(xml, make_key_pair(tmp_path, "foreign", "Test IdP")[0], tmp_path)
    before = counts(demo_url), replay_ids(demo_url)
    response = post_back(saml_client, action, encoded(fields, xml))
    assert response.status_code == 401, response.text
    assert "Inloggningen misslyckades" in response.text and message in response.text
    assert (counts(demo_url), replay_ids(demo_url)) == before
    assert stored_user(demo_url, "lena") is None and not signed_in(saml_client)


def test_the_idps_own_signature_on_an_honest_change_is_accepted(saml_client, http, idp,
                                                                 tmp_path, demo_url):
    """The control for the tests above: re-signing with the IdP's key keeps a response valid,
    so their refusals come from the expiry and audience checks, not from the re-signing."""
    action, fields = saml_response(http, start_sign_in(saml_client), "lena")
    xml = sign_assertion(_change_group(decoded(fields)), idp.key, tmp_path)
    assert post_back(saml_client, action, encoded(fields, xml)).status_code == 302
    assert stored_user(demo_url, "lena")["role"] == "admin"


def test_a_replayed_response_is_refused_in_another_worker(demo_url, fresh_idp, sp_keys,
                                                          tmp_path, http):
    """Two apps over one database stand for two gunicorn workers; the attacker has the whole
    browser state from before the post (the request cookie too)."""
    config = saml_config(demo_url, fresh_idp, sp_keys, tmp_path)
    worker_a, worker_b = create_app(config), create_app(dict(config))
    victim = worker_a.server.test_client()
    fresh_idp.register_sp(victim.get("/saml/metadata").text)
    action, fields = saml_response(http, start_sign_in(victim), "hanna")
    attacker = worker_b.server.test_client()
    for cookie in victim._cookies.values():
        attacker.set_cookie(cookie.key, cookie.value, domain=cookie.domain, path=cookie.path)
    assert post_back(victim, action, fields).status_code == 302
    before = counts(demo_url), stored_user(demo_url, "hanna")
    response = post_back(attacker, action, fields)
    assert response.status_code == 401 and "redan använts" in response.text
    assert (counts(demo_url), stored_user(demo_url, "hanna")) == before
    assert not signed_in(attacker)


def test_a_response_to_a_request_this_browser_never_made_is_refused(saml_app, saml_client, http,
                                                                    demo_url):
    action, fields = saml_response(http, start_sign_in(saml_client), "hanna")
    stranger = saml_app.server.test_client()
    before = counts(demo_url)
    response = post_back(stranger, action, fields)
    assert response.status_code == 401 and "hör inte till" in response.text
    assert counts(demo_url) == before and not signed_in(stranger)


def _redirect_message(url: str, name: str) -> str:
    value = parse_qs(urlsplit(url).query)[name][0]
    return zlib.decompress(base64.b64decode(value), -15).decode()


def test_logout_ends_the_idps_session_too(saml_client, http, demo_url):
    sign_in(saml_client, http, "lena")
    response = saml_client.post("/logout", data={"csrf_token": csrf_token(saml_client)})
    assert response.status_code == 302 and not signed_in(saml_client)
    request = _redirect_message(response.headers["Location"], "SAMLRequest")
    assert "LogoutRequest" in request and "SessionIndex" in request
    assert "Signature=" in response.headers["Location"]
    # The IdP takes the signed request, ends its session and answers at the SLS.
    answer = through_idp(http, response.headers["Location"])
    assert answer.startswith("http://localhost/saml/sls?SAMLResponse=")
    back = saml_client.get(app_path(answer))
    assert back.status_code == 302 and back.headers["Location"] == "/", back.text
    # The IdP's session is gone: the next sign-in asks for the password again.
    start = http.get(start_sign_in(saml_client), timeout=10)
    assert 'name="password"' in start.text


def test_an_idp_initiated_logout_ends_the_persons_sessions(saml_app, saml_client, http, idp):
    sign_in(saml_client, http, "lena")
    other = saml_app.server.test_client()
    log_in(other, "hsn")  # someone else, who stays signed in
    # Single logout started at the IdP (another SP's logout page, say) reaches Rödtråd.
    sls = through_idp(http, f"{idp.base}/saml2/idp/SingleLogoutService.php?ReturnTo={idp.base}/")
    assert sls.startswith("http://localhost/saml/sls?SAMLRequest=")
    fresh_browser = saml_app.server.test_client()  # the IdP may send any browser here
    answer = fresh_browser.get(app_path(sls))
    assert answer.status_code == 302 and "SAMLResponse=" in answer.headers["Location"]
    assert not signed_in(saml_client) and signed_in(other)
    assert through_idp(http, answer.headers["Location"], idp.base) == idp.base + "/"


def test_an_unsigned_logout_request_is_refused(saml_client, http):
    sign_in(saml_client, http, "lena")
    response = saml_client.get("/saml/sls?SAMLRequest=" + "eJzzSM3JyVcozy/KSQEAGgQEXQ==")
    assert response.status_code == 400 and "inte signerat" in response.text
    assert signed_in(saml_client)


def test_saml_sign_ins_are_in_the_audit_log_without_the_assertion(saml_client, http, demo_url,
                                                                  tmp_path):
    assert sign_in(saml_client, http, "hanna").status_code == 302
    with requests.Session() as other_http:
        action, fields = saml_response(other_http, start_sign_in(saml_client), "lena")
    xml = _change_group(decoded(fields))
    assert post_back(saml_client, action, encoded(fields, xml)).status_code == 401
    logged, stored = sign_in_events(demo_url)
    assert logged == [("inloggning", "saml", "hanna", "namnd"),
                      ("inloggning_misslyckad", "saml", "", "")]
    assertion_id = re.search(r'<saml:Assertion [^>]*ID="([^"]+)"', xml).group(1)
    assert assertion_id not in stored and "saml:" not in stored and "hanna|" not in stored


def test_bad_saml_settings_stop_the_start_with_a_swedish_message(idp, sp_keys, tmp_path):
    role_map = tmp_path / "roller.toml"
    role_map.write_text(ROLE_MAP, encoding="utf-8")
    good = {"SECRET_KEY": "test", "SAML_IDP_METADATA": str(idp.metadata_path),
            "SAML_SP_ENTITY_ID": SP_ENTITY_ID, "SAML_SP_KEY": str(sp_keys[0]),
            "SAML_SP_CERT": str(sp_keys[1]), "ROLE_MAP": str(role_map)}
    assert load_config(good)["SAML_IDP_METADATA"].entity_id == idp.entity_id
    not_metadata = tmp_path / "fel.xml"
    not_metadata.write_text("<html>inte metadata</html>", encoding="utf-8")
    for overrides, message in [
        ({"SAML_IDP_METADATA": str(tmp_path / "saknas.xml")}, "kan inte läsas"),
        ({"SAML_IDP_METADATA": str(not_metadata)}, "exakt en identitetsleverantör"),
        ({"SAML_SP_KEY": ""}, "SAML_SP_KEY saknas"),
        ({"SAML_SP_CERT": str(role_map)}, "ingen PEM-fil"),
        ({"ROLE_MAP": ""}, "RODTRAD_ROLE_MAP saknas"),
        ({"SAML_IDP_METADATA": "http://127.0.0.1:1/metadata", "PRODUCTION": True,
          "SESSION_COOKIE_SECURE": True, "SECRET_KEY": "x" * 40}, "https"),
    ]:
        with pytest.raises(ConfigError, match=message):
            load_config({**good, **overrides})


def test_the_idp_metadata_is_read_once_at_start_up(demo_url, idp, sp_keys, tmp_path, http):
    copy = tmp_path / "idp.xml"
    copy.write_bytes(idp.metadata_path.read_bytes())
    app = create_app(saml_config(demo_url, idp, sp_keys, tmp_path, SAML_IDP_METADATA=str(copy)))
    copy.unlink()  # gone after the start: requests never read it
    client = app.server.test_client()
    idp.register_sp(client.get("/saml/metadata").text)
    assert sign_in(client, http, "hanna").status_code == 302


def test_users_are_found_by_their_name_id(saml_client, http, demo_url):
    sign_in(saml_client, http, "hanna")
    with session_scope(demo_url) as s:
        user = s.scalars(select(User).where(User.source == "saml")).one()
        assert user.external_id.endswith("|hanna") and user.username == "hanna"


def test_the_replay_record_refuses_a_seen_id_until_it_expires(db_url):
    """On SQLite and PostgreSQL alike (the database is what the workers share)."""
    from data_access import saml_replay

    now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    later, past = now + dt.timedelta(minutes=5), now - dt.timedelta(minutes=5)
    with session_scope(db_url) as s:
        assert saml_replay.remember(s, ("response:a", "assertion:a"), later)
        assert not saml_replay.remember(s, ("response:b", "assertion:a"), later)
        assert s.scalar(select(func.count()).select_from(SamlMessageId)) == 2  # b not kept
        assert saml_replay.remember(s, ("response:old",), past)
        assert saml_replay.remember(s, ("response:old",), later)  # expired: forgotten


def test_the_request_cookie_survives_the_idps_cross_site_post_over_https(
        demo_url, idp, sp_keys, tmp_path):
    """The IdP posts to the ACS from another site: the session cookie (SameSite=Lax) stays
    behind, so the AuthnRequest's ID travels in a cookie of its own, for the ACS only."""
    app = create_app(saml_config(demo_url, idp, sp_keys, tmp_path, URL_PREFIX="/rodtrad/",
                                 SESSION_COOKIE_SECURE=True))
    client = app.server.test_client()
    metadata = client.get("/rodtrad/saml/metadata", base_url="https://localhost").text
    assert 'Location="https://localhost/rodtrad/login/saml/acs"' in metadata
    start = client.get("/rodtrad/login/saml", base_url="https://localhost")
    assert start.status_code == 302 and start.headers["Location"].startswith(idp.base)
    cookie = start.headers["Set-Cookie"]
    assert cookie.startswith("rodtrad_saml_request=")
    assert "Path=/rodtrad/login/saml/acs" in cookie and "SameSite=None" in cookie
    assert "Secure" in cookie and "HttpOnly" in cookie


def test_an_app_without_saml_does_not_load_pysaml2(sqlite_url):
    """pysaml2 costs every worker about 30 MB: only a Rödtråd with SAML set up loads it."""
    import subprocess
    import sys

    script = ("import sys; from dashboard.app import create_app; "
              f"create_app({{'DATABASE_URL': {sqlite_url!r}, 'SECRET_KEY': 'test'}}); "
              "print('saml2' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "False"
