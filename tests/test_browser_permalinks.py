"""Permalinks in a real headless Chromium: on every internal and public page a person sets the
view's state (the page's arguments, a folded section opened or closed), reads the address from
Kopiera länk, and that address opened in a fresh tab gives the same view: the same content,
the same sections open."""

from __future__ import annotations

import pytest

from tests.test_permalinks import PERMALINKS, PUBLIC

pytestmark = pytest.mark.browser

TIMEOUT = 40_000
VIEWS = [(path, search) for path, search, _ in PERMALINKS] + PUBLIC


def wait_for_view(page) -> None:
    page.wait_for_selector("#_pages_content h1", state="attached", timeout=TIMEOUT)
    page.wait_for_selector("#data-as-of:has-text('Data per')", timeout=TIMEOUT)
    page.wait_for_load_state("networkidle")


def state(page) -> dict:
    """What a person sees of the view: its text, which sections are open, the selects' values."""
    content = page.locator("#_pages_content")
    return {
        "text": content.inner_text(),
        "open": page.eval_on_selector_all(
            "details[data-avsnitt]", "ds => ds.map(d => [d.id, d.open])"),
        "selects": page.eval_on_selector_all(
            "#_pages_content select", "ss => ss.map(s => [s.id, s.value])"),
    }


def copied_link(page) -> str:
    """The address Kopiera länk gives (the field it fills whether or not the clipboard took it)."""
    page.locator("button.copy-link").first.click()
    page.wait_for_function(
        "() => document.querySelector('.copy-link-status').innerText.length > 0",
        timeout=TIMEOUT)
    return page.locator(".copy-link-box input").first.input_value()


def test_every_pages_copied_link_gives_the_same_view(live_server, page, login):
    login("ledning")
    toggled = 0
    for path, search in VIEWS:
        print("view:", path + search)  # shown when the test fails
        page.goto(live_server + path + search)
        wait_for_view(page)
        sections = page.locator("#_pages_content details[data-avsnitt] > summary")
        if sections.count():
            sections.first.click()  # open it (or close one the page draws open)
            page.wait_for_function("() => location.search.includes('oppen=')", timeout=TIMEOUT)
            toggled += 1
        shown = state(page)
        link = copied_link(page)
        assert link == page.url, (path, link)
        fresh = page.context.new_page()
        fresh.goto(link)
        wait_for_view(fresh)
        assert state(fresh) == shown, path
        fresh.close()
    assert toggled >= 3  # Mål, Indikator, Ekonomi, Prognossäkerhet … fold tables away
    assert page.console_errors == []
