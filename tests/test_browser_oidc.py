"""Single sign-on in a real browser: through the organisation's provider (oidc-provider) to the
right nämnd's pages, and out again through the provider's logout."""

from __future__ import annotations

import pytest

from dashboard.app import create_app
from tests.oidc_provider import (
    CLIENT_ID,
    CLIENT_SECRET,
    ROLE_MAP,
    TestProvider,
    require_provider,
)
from tests.test_browser_login import risk_table_namnder

pytestmark = pytest.mark.browser


@pytest.fixture
def provider(tmp_path):
    require_provider()
    provider = TestProvider(tmp_path, [])
    yield provider
    provider.stop()


@pytest.fixture
def app(demo_url, provider, tmp_path):
    """The app with single sign-on only (the conftest's live_server serves this one)."""
    role_map = tmp_path / "roller.toml"
    role_map.write_text(ROLE_MAP, encoding="utf-8")
    return create_app({"DATABASE_URL": demo_url, "TESTING": True, "SECRET_KEY": "test",
                       "OIDC_ISSUER": provider.issuer, "OIDC_CLIENT_ID": CLIENT_ID,
                       "OIDC_CLIENT_SECRET": CLIENT_SECRET, "ROLE_MAP": str(role_map),
                       "LOCAL_LOGIN": False})


def test_signs_in_through_the_provider_and_reaches_the_right_namnds_pages(
        provider, live_server, page):
    provider.redirect_uris = [live_server + "/login/oidc/callback"]
    provider.start()
    page.goto(live_server + "/internkontroll")
    page.wait_for_selector("h1:has-text('Logga in')")
    assert page.locator("#username").count() == 0  # local login is off
    page.click("#login-oidc")

    # The provider's own login and consent pages.
    page.fill("input[name=login]", "hanna")
    page.fill("input[name=password]", "vilket-som-helst")
    page.click("button[type=submit]")
    page.click("button[type=submit]")

    assert_on_hsn_pages_as_hanna(page, live_server)

    # Logging out ends the provider's session too, and comes back to Rödtråd.
    page.click("button:has-text('Logga ut')")
    page.click("button[value=yes]")
    page.wait_for_selector("#nav-user a:has-text('Logga in')", timeout=20_000)
    assert page.url.startswith(live_server + "/")


def assert_on_hsn_pages_as_hanna(page, live_server) -> None:
    """Back from the provider: signed in as Hanna, on the page she asked for, seeing HSN only."""
    page.wait_for_selector("#nav-user-identity", timeout=20_000)
    assert page.url == live_server + "/internkontroll"
    assert " ".join(page.locator("#nav-user-identity").inner_text().split()) == \
        "Hanna HSN (Nämndledamot)"
    assert risk_table_namnder(page) == ["Hälso- och sjukvårdsnämnden"]
