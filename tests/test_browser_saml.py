"""Single sign-on over SAML in a real browser: through the organisation's IdP (SimpleSAMLphp)
to the right nämnd's pages, and out again through the IdP's single logout."""

from __future__ import annotations

import pytest
import requests

from dashboard.app import create_app
from tests.oidc_provider import ROLE_MAP
from tests.saml_idp import PASSWORD, SP_ENTITY_ID
from tests.test_browser_oidc import assert_on_hsn_pages_as_hanna

pytestmark = pytest.mark.browser


@pytest.fixture
def app(demo_url, idp, sp_keys, tmp_path):
    """The app with SAML sign-in only (the conftest's live_server serves this one)."""
    idp.reset()
    role_map = tmp_path / "roller.toml"
    role_map.write_text(ROLE_MAP, encoding="utf-8")
    return create_app({"DATABASE_URL": demo_url, "TESTING": True, "SECRET_KEY": "test",
                       "SAML_IDP_METADATA": str(idp.metadata_path),
                       "SAML_SP_ENTITY_ID": SP_ENTITY_ID, "SAML_SP_KEY": str(sp_keys[0]),
                       "SAML_SP_CERT": str(sp_keys[1]), "ROLE_MAP": str(role_map),
                       "LOCAL_LOGIN": False})


def test_signs_in_through_the_idp_and_reaches_the_right_namnds_pages(idp, live_server, page):
    idp.register_sp(requests.get(live_server + "/saml/metadata", timeout=10).text)
    page.goto(live_server + "/internkontroll")
    page.wait_for_selector("h1:has-text('Logga in')")
    assert page.locator("#username").count() == 0  # local login is off
    page.click("#login-saml")

    # SimpleSAMLphp's own login page; its answer posts itself back to Rödtråd's ACS.
    page.fill("input[name=username]", "hanna")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit], input[type=submit]")

    assert_on_hsn_pages_as_hanna(page, live_server)

    # Logging out goes through the IdP's single logout and comes back to Rödtråd.
    page.click("button:has-text('Logga ut')")
    page.wait_for_selector("#nav-user a:has-text('Logga in')", timeout=20_000)
    assert page.url.startswith(live_server + "/")
