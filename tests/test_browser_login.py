"""The login flow in a real browser: log in, see your own nämnd, be refused another's, log out."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser


def risk_table_namnder(page) -> list[str]:
    """The nämnder named in the Internkontroll page's risk table."""
    page.wait_for_selector("#risks-by-namnd table tbody tr", timeout=20_000)
    return page.locator("#risks-by-namnd table tbody tr td:first-child").all_inner_texts()


def test_a_namnd_member_logs_in_sees_only_their_namnd_and_logs_out(live_server, page):
    # Anonymous: internal pages send you to the login page, which passes axe.
    page.goto(live_server + "/internkontroll")
    page.wait_for_selector("h1:has-text('Logga in')")
    assert "/login?next=%2Finternkontroll" in page.url
    assert Axe().run(page).response["violations"] == []

    # A wrong password gives the generic message.
    page.fill("#username", "hsn")
    page.fill("#password", "fel lösenord")
    page.click("button[type=submit]")
    assert page.locator("#login-error").inner_text() == "Fel användarnamn eller lösenord."

    # The right one leads back to the page asked for, with name and role in the navbar.
    page.fill("#password", "hsn-demo-2026")
    page.click("button[type=submit]")
    page.wait_for_selector("#nav-user-identity")
    assert page.url == live_server + "/internkontroll"
    # The role is for screen readers only on mid-size screens (one line of navigation).
    assert " ".join(page.locator("#nav-user-identity").inner_text().split()) == \
        "Hanna Sjöberg (demo) (Nämndledamot)"
    assert page.locator("#nav-links a", has_text="Internkontroll").count() == 1
    assert risk_table_namnder(page) == ["Hälso- och sjukvårdsnämnden"]

    # Asking for another nämnd through the URL shows a Swedish message and nothing of it.
    page.goto(live_server + "/internkontroll?namnd=RUN")
    page.wait_for_selector("#internkontroll-problem")
    assert page.locator("#risks-by-namnd").count() == 0
    assert "Regionala utvecklingsnämnden" not in page.inner_text("#main")

    # A crafted callback for another page's data from this browser is refused by the server.
    status = page.evaluate("""async () => {
        const token = document.cookie.split('; ').find(c => c.startsWith('_csrf_token=')).split('=')[1];
        const r = await fetch('/_dash-update-component', {method: 'POST',
            headers: {'Content-Type': 'application/json', 'X-CSRFToken': token},
            body: JSON.stringify({output: 'nope.children', outputs: {id: 'nope', property: 'children'},
                                  inputs: [], changedPropIds: []})});
        return r.status; }""")
    assert status == 403

    # Logging out: the navbar offers Logga in again and internal pages need a login.
    page.click("button:has-text('Logga ut')")
    page.wait_for_selector("#nav-user a:has-text('Logga in')")
    assert page.locator("#nav-links a", has_text="Internkontroll").count() == 0
    page.goto(live_server + "/internkontroll")
    page.wait_for_selector("h1:has-text('Logga in')")
    # The only console errors are the refusals this test provoked: the failed login (401)
    # and the crafted callback (403).
    assert len(page.console_errors) == 2, page.console_errors
    assert "401" in page.console_errors[0] and "403" in page.console_errors[1]
