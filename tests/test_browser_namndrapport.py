"""Nämndrapport in a real headless Chromium: a nämnd member opens their report, reads the goals
to report to fullmäktige, splits the goals per perspective, changes the period from the
keyboard (the split stays), downloads the PDF; zero axe-core violations, nothing off-host."""

from __future__ import annotations

import re

import pytest

from tests.test_browser_internkontroll import (
    TIMEOUT,
    assert_accessible,
    assert_clean,
    wait_for_page,
)

pytestmark = pytest.mark.browser


def test_a_member_reads_and_downloads_their_report(live_server, page, login):
    login("hsn")
    page.goto(live_server + "/namndrapport")
    wait_for_page(page, "#namndrapport-report img.report-chart")
    title = page.locator("#namndrapport-title").inner_text()
    assert title == "Nämndrapport – Hälso- och sjukvårdsnämnden"
    assert page.locator("#namndrapport-namnd option[value^='?']").count() == 1  # their own
    council = page.locator("#namndrapport-council")
    assert council.locator("h3").inner_text() == "Mål att rapportera till regionfullmäktige"
    assert council.locator("tbody tr").count() >= 1
    assert council.locator("a[href*='/ladda-ner/namndrapport/council.xlsx']").count() == 1
    # Each goal level counted on its own row, nämndmål first; the goal list starts with them.
    levels = page.locator("#namndrapport-levels tbody tr td:first-child").all_inner_texts()
    assert levels[0] == "Nämndmål" and levels[-1] == "Enhetsmål"
    assert re.search(r"av \d+ nämndmål", page.locator("#namndrapport-report").inner_text())
    listed = page.locator("#namndrapport-goals tbody tr td:nth-child(2)").all_inner_texts()
    assert listed[0] == "Nämndmål" and "Förvaltningsmål" in listed
    assert listed.index("Förvaltningsmål") > max(i for i, t in enumerate(listed)
                                                   if t == "Nämndmål")
    assert_accessible(page, "Nämndrapport")

    page.click("#namndrapport-per-switch")
    page.wait_for_url("**per=perspektiv**", timeout=TIMEOUT)
    page.wait_for_selector("#namndrapport-perspektiv table", timeout=TIMEOUT)
    names = page.locator("#namndrapport-perspektiv tbody tr td:first-child").all_inner_texts()
    assert names[0] == "Jämställdhet och jämlikhet (krävs)" and names[-1] == "Utan perspektiv"
    assert_accessible(page, "Nämndrapport per perspektiv")

    page.select_option("#namndrapport-period", label="T1 2026")
    page.wait_for_url("**period=2026-T1**", timeout=TIMEOUT)
    page.wait_for_selector("#namndrapport-period-text:has-text('T1 2026')", timeout=TIMEOUT)
    assert "per=perspektiv" in page.url

    with page.expect_download(timeout=TIMEOUT) as download:
        page.click("#namndrapport-pdf")
    assert download.value.suggested_filename == "namndrapport_HSN_2026-T1.pdf"
    assert_clean(page, live_server)
