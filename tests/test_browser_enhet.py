"""Enhet in a real headless Chromium: a reader opens Hälsocentralen Backe, sees its sections,
chooses another follow-up, follows the link to Ekonomi and comes back with the browser's back
button; no axe-core violations, console errors or requests to other hosts."""

from __future__ import annotations

import pytest

from tests.test_browser_ekonomi import assert_no_axe_violations, wait_for_view

pytestmark = pytest.mark.browser

UNIT = "Hälsocentralen Backe"
SECTIONS = ("goals", "economy", "indicators", "risks", "uppdrag", "measures")


def wait_for_unit(page, unit: str = UNIT) -> None:
    """Wait for the unit's page with its sections and the data date shown."""
    page.wait_for_selector(f"#enhet-heading:has-text('{unit}')", timeout=20_000)
    page.wait_for_selector("#enhet-goals", timeout=20_000)
    page.wait_for_selector("#data-as-of:has-text('Data per')", timeout=20_000)


def test_open_a_unit_follow_it_to_ekonomi_and_back(live_server, page, login):
    login("hsn")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server + "/enhet?code=HSF-PV-HC-BACKE")
    wait_for_unit(page)
    for section in SECTIONS:
        assert page.locator(f"#enhet-{section}").count() == 1, section
    assert page.locator("#enhet-children").count() == 0  # an enhet has nothing below it
    crumbs = page.locator("nav[aria-label='Sökväg'] li").all_inner_texts()
    assert crumbs == ["Region Jämtland Härjedalen", "Hälso- och sjukvårdsnämnden",
                      "Hälso- och sjukvårdsförvaltningen", "Primärvård", UNIT]
    assert page.locator("#enhet-goals tbody tr").count() >= 1
    assert page.locator("#enhet-indicators tbody tr").count() >= 1
    page.screenshot(path="/tmp/enhet-backe.png", full_page=True)
    assert_no_axe_violations(page, "enheten")

    # Another follow-up: the URL says it, and the page shows it.
    page.select_option("#enhet-period", label="T1 2026")
    page.wait_for_url("**period=2026-T1**", timeout=20_000)
    page.wait_for_selector("#enhet-goals .card-period:has-text('T1 2026')", timeout=20_000)

    # On to Ekonomi, filtered to the unit, and back.
    page.locator("#enhet-economy-link").click()
    wait_for_view(page, UNIT)
    assert "/ekonomi?" in page.url and "unit=HSF-PV-HC-BACKE" in page.url
    page.go_back()
    wait_for_unit(page)
    assert "period=2026-T1" in page.url

    # Up the breadcrumb to the område: its units are listed, each a link to its own page.
    page.locator("nav[aria-label='Sökväg'] a", has_text="Primärvård").click()
    wait_for_unit(page, "Primärvård")
    page.wait_for_selector("#enhet-children tbody tr", timeout=20_000)
    assert_no_axe_violations(page, "området")

    assert page.console_errors == []
    off_host = [url for url in page.requested_urls if not url.startswith(live_server + "/")]
    assert off_host == []
