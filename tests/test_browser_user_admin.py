"""Användare in a real headless Chromium: an administrator finds the page in the admin
navigation, disables a signed-in nämnd member (whose session ends at once) and moves another
to a different nämnd; the audit log shows both. Zero axe violations, no console errors."""

from __future__ import annotations

import re

import pytest

from data_access.db import session_scope
from data_access.users import get_user
from tests.test_browser_import import assert_no_axe_violations

pytestmark = pytest.mark.browser

SCREENSHOT = "/tmp/anvandare-{}.png"


@pytest.fixture
def member_page(chromium, live_server):
    """A second browser, where the nämnd member `hsn` is signed in."""
    context = chromium.new_context(locale="sv-SE")
    member = context.new_page()
    member.goto(live_server + "/login?next=/mal")
    member.fill("#username", "hsn")
    member.fill("#password", "hsn-demo-2026")
    member.click("button[type=submit]")
    member.wait_for_selector("#nav-user-identity", timeout=20_000)
    yield member
    context.close()


def row_of(page, username: str) -> str:
    """The list's row of one user, as text."""
    return page.inner_text(f"#anvandare-lista tr:has(td:text-is('{username}'))")


def test_an_administrator_disables_a_user_and_moves_another_to_a_nämnd(
        live_server, page, login, member_page, demo_url):
    login("admin")
    page.goto(live_server + "/admin/granskningslogg")
    page.click("nav[aria-label=Administration] >> text=Användare")
    page.wait_for_selector("h1:has-text('Användare')")
    assert "Hälso- och sjukvårdsnämnden" in row_of(page, "hsn") and "✓ Aktiv" in row_of(
        page, "hsn")
    assert_no_axe_violations(page, "the list")

    page.click("#anvandare-lista tr:has(td:text-is('hsn')) >> text=Ändra")
    page.wait_for_selector("#anvandare-andra-rubrik:has-text('(hsn)')")
    assert page.evaluate("document.activeElement.id") == "anvandare-andra-rubrik"
    page.click("#anvandare-aktiv")
    page.wait_for_selector("#anvandare-besked:has-text('Kontot hsn är avstängt')")
    assert "✗ Avstängd" in row_of(page, "hsn")
    assert page.inner_text("#anvandare-aktiv") == "Aktivera kontot"
    assert page.evaluate("document.activeElement.id") == "anvandare-aktiv"
    assert_no_axe_violations(page, "disabled")
    page.screenshot(path=SCREENSHOT.format("avstangd"), full_page=True)

    member_page.goto(live_server + "/mal")  # the member's next request: the session is gone
    assert re.search(r"/login\?next=", member_page.url)
    assert member_page.locator("#nav-user-identity").count() == 0

    page.goto(live_server + "/admin/anvandare?anvandare=run")
    page.wait_for_selector("#anvandare-andra-rubrik:has-text('(run)')")
    page.get_by_label("Regionala utvecklingsnämnden").uncheck()
    page.click("#anvandare-spara")
    page.wait_for_selector("#anvandare-besked:has-text('minst en nämnd')")
    page.get_by_label("Hälso- och sjukvårdsnämnden").check()
    page.click("#anvandare-spara")
    page.wait_for_selector("#anvandare-besked:has-text('Sparat: run är nu Nämndledamot för "
                           "Hälso- och sjukvårdsnämnden')")
    assert "Hälso- och sjukvårdsnämnden" in row_of(page, "run")
    assert "Regionala" not in row_of(page, "run")
    assert_no_axe_violations(page, "saved")
    page.screenshot(path=SCREENSHOT.format("sparad"), full_page=True)
    with session_scope(demo_url) as s:
        assert [u.code for u in get_user(s, "run").namnder] == ["HSN"]

    page.goto(live_server + "/admin/granskningslogg?handelse=anvandarandring")
    log = page.inner_text("#granskningslogg-lista")
    assert "disable hsn" in log and "set-namnder run: roll namnd, nämnder HSN" in log
    assert page.console_errors == []
