"""Årshjul in a real headless Chromium: a nämnd member tabs through every date of their year,
each named in full, goes from a meeting to the report it discusses, and chooses another
nämnd by a link that is a permalink; zero axe-core violations, nothing off-host."""

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

FOCUSED = """() => {
    const el = document.activeElement;
    return el && el.classList.contains('arshjul-event')
        ? el.querySelector('.visually-hidden').textContent : null;
}"""


def test_a_member_tabs_through_the_year_and_opens_what_to_read(live_server, page, login):
    login("hsn")
    page.goto(live_server + "/arshjul?namnd=HSN&year=2026")
    wait_for_page(page, "#arshjul-events table")
    assert page.locator("h1").inner_text() == "Årshjul"
    assert_accessible(page, "Årshjul")
    page.screenshot(path="/tmp/arshjul-year.png", full_page=True)

    events = page.locator("a.arshjul-event")
    total = events.count()
    assert total > 20
    reached = []
    for _ in range(total + 120):  # the tools and choices above, then every date in order
        page.keyboard.press("Tab")
        name = page.evaluate(FOCUSED)
        if name:
            reached.append(name)
        if len(reached) == total:
            break
    assert len(reached) == total and len(set(reached)) == total
    assert all(re.match(r"2026-\d\d-\d\d, ", name) for name in reached)

    meeting = page.get_by_role("link", name=re.compile(
        r"^2026-06-\d\d, 09:00–16:00, Sammanträde, Hälso- och sjukvårdsnämndens sammanträde, "
        r"läs Nämndrapport T1 2026"))
    assert meeting.count() == 1
    meeting.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/namndrapport?namnd=HSN&period=2026-T1", timeout=TIMEOUT)
    wait_for_page(page, "#namndrapport-title")

    page.go_back()
    wait_for_page(page, "#arshjul-events table")
    page.locator("#arshjul-namnd a", has_text="Alla nämnder").click()
    page.wait_for_url(re.compile(r"/arshjul\?year=2026$"), timeout=TIMEOUT)
    page.wait_for_selector("#arshjul-namnd a.btn-primary:has-text('Alla nämnder')",
                           timeout=TIMEOUT)
    assert page.locator("a.arshjul-event").count() > total
    assert page.locator("#arshjul-feeds a[href$='.ics']").count() >= 6
    assert_accessible(page, "Årshjul, alla nämnder")

    # A date without a report to read leads to its row in the table.
    plain = page.locator("a.arshjul-event[href^='#']").first
    target = plain.get_attribute("href")
    plain.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{target}", timeout=TIMEOUT)
    assert page.locator(target).is_visible()
    assert_clean(page, live_server)
