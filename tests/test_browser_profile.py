"""Organisation in a real headless Chromium: an administrator finds the page in the admin
navigation, is told what is wrong with a bad Kolada id (nothing saved), saves a new name and
publisher, and sees them on the public API page. Zero axe violations, no console errors."""

from __future__ import annotations

import pytest

from data_access import profile
from data_access.db import session_scope
from tests.test_browser_import import assert_no_axe_violations

pytestmark = pytest.mark.browser

SCREENSHOT = "/tmp/profil-{}.png"


def test_an_administrator_saves_the_organisation_profile(live_server, page, login, demo_url):
    login("admin")
    page.goto(live_server + "/admin/anvandare")
    page.click("nav[aria-label=Administration] >> text=Organisation")
    page.wait_for_selector("h1:has-text('Organisation')")
    assert page.input_value("#profil-kolada") == "0023"
    assert_no_axe_violations(page, "the form")

    page.fill("#profil-kolada", "23")
    page.click("#profil-spara")
    page.wait_for_selector("#profil-besked:has-text('Inget sparades.')")
    assert "Kolada-id ska vara fyra siffror" in page.inner_text("#profil-besked")
    with session_scope(demo_url) as s:
        assert profile.read(s).kolada_area == "0023"

    page.fill("#profil-kolada", "0023")
    page.fill("#profil-namn", "Region Provland")
    page.fill("#profil-utgivare", "Region Provland, regionstyrelsen")
    page.click("#profil-spara")
    page.wait_for_selector("#profil-besked:has-text('Sparat: Region Provland')")
    assert_no_axe_violations(page, "saved")
    page.screenshot(path=SCREENSHOT.format("sparad"), full_page=True)
    with session_scope(demo_url) as s:
        assert profile.read(s).publisher == "Region Provland, regionstyrelsen"

    page.goto(live_server + "/oppna-data/api")
    page.wait_for_selector("h1:has-text('Ladda ned och API')")
    assert "Ange Region Provland, regionstyrelsen och Rödtråd som källa" in page.inner_text(
        "main")
    assert page.console_errors == []
