"""Regionrapport in a real headless Chromium: ledning opens it from the navigation's Rapporter
and the section's links, changes the period from the keyboard, downloads the PDF and follows the
section link to the Nämndrapport; zero axe-core violations, nothing off-host. The top
navigation fits one line at 1280 px, nothing overlapping."""

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
    page.click("#nav-links >> text=Rapporter")
    page.wait_for_url("**/namndrapport", timeout=TIMEOUT)
    page.click("nav[aria-label='Rapporter'] >> text=Regionrapport")
    page.wait_for_url("**/regionrapport", timeout=TIMEOUT)
    wait_for_page(page, "#regionrapport-report img.report-chart")
    assert page.locator("#regionrapport-heading").inner_text() == "Regionrapport"
    assert page.locator("#regionrapport-title").inner_text().startswith("Regionrapport – ")
    assert page.locator("#regionrapport-control").get_by_text("✗ Ej antagen").count() == 1
    assert page.locator("#regionrapport-council").count() == 1  # Mål att rapportera till …
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


def test_the_navigation_fits_one_line_at_1280_px(live_server, page, login):
    page.set_viewport_size({"width": 1280, "height": 800})
    login("admin")  # the most nav items
    page.goto(live_server + "/regionrapport")
    wait_for_page(page, "#regionrapport-report img.report-chart")
    page.screenshot(path="/tmp/regionrapport-nav-1280.png")
    boxes = page.evaluate("""() => [...document.querySelectorAll(
        '#nav-links .nav-link, #nav-user > *, .app-navbar .navbar-brand, #demo-badge > *')]
        .filter(el => el.offsetParent !== null)
        .map(el => { const r = el.getBoundingClientRect();
                     return {text: el.innerText, top: r.top, bottom: r.bottom,
                             left: r.left, right: r.right}; })""")
    links = page.locator("#nav-links .nav-link").all_inner_texts()
    assert "Rapporter" in links and "Regionrapport" not in links and "Årshjul" not in links
    assert len({round(b["top"]) for b in boxes if b["text"] in links}) == 1, boxes  # one line
    assert max(b["top"] for b in boxes) < min(b["bottom"] for b in boxes), boxes  # user area too
    ordered = sorted(boxes, key=lambda b: b["left"])
    for left, right in zip(ordered, ordered[1:]):
        overlaps = left["right"] > right["left"] and not (
            left["bottom"] <= right["top"] or right["bottom"] <= left["top"])
        assert not overlaps, (left, right)
    assert page.evaluate("document.querySelector('.app-navbar').scrollWidth "
                         "<= document.querySelector('.app-navbar').clientWidth")
