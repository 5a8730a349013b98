"""Regionrapport in a real headless Chromium: ledning opens it from the navigation, changes the
period from the keyboard, downloads the PDF and follows the section link to the Nämndrapport;
zero axe-core violations, nothing off-host."""

from __future__ import annotations

import pytest

from tests.test_browser_internkontroll import (
    TIMEOUT,
    assert_accessible,
    assert_clean,
    wait_for_page,
)

pytestmark = pytest.mark.browser


def test_ledning_reads_and_downloads_the_regionrapport(live_server, page, login):
    login("ledning")
    page.goto(live_server + "/")
    page.click("#nav-links >> text=Regionrapport")
    page.wait_for_url("**/regionrapport", timeout=TIMEOUT)
    wait_for_page(page, "#regionrapport-report img.report-chart")
    assert page.locator("#regionrapport-heading").inner_text() == "Regionrapport"
    assert page.locator("#regionrapport-title").inner_text().startswith("Regionrapport – ")
    assert page.locator("#regionrapport-control").get_by_text("✗ Ej antagen").count() == 1
    assert_accessible(page, "Regionrapport")

    page.focus("#regionrapport-period")
    page.select_option("#regionrapport-period", label="T1 2026")
    page.wait_for_url("**period=2026-T1**", timeout=TIMEOUT)
    page.wait_for_selector("#regionrapport-period-text:has-text('T1 2026')", timeout=TIMEOUT)

    with page.expect_download(timeout=TIMEOUT) as download:
        page.click("#regionrapport-pdf")
    assert download.value.suggested_filename == "regionrapport_2026-T1.pdf"

    page.click("nav[aria-label='Rapporter'] >> text=Nämndrapport")
    wait_for_page(page, "#namndrapport-report img.report-chart")
    assert_clean(page, live_server)
