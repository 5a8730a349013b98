"""Sök in a real headless Chromium: a nämnd member types in the header's search field, the
suggestions open as a listbox the field controls, the arrow keys move the active suggestion,
Enter opens the hit's page; Escape closes the list; Enter with none chosen opens the results
page, whose URL is the permalink. Zero axe violations, no console errors."""

from __future__ import annotations

import pytest

from tests.test_browser_import import assert_no_axe_violations

pytestmark = pytest.mark.browser

FIELD, LIST = "#sok-falt", "#sok-lista"
SCREENSHOT = "/tmp/sok-{}.png"


def test_search_from_the_header_with_the_keyboard(live_server, page, login):
    login("hsn")
    page.goto(live_server + "/mal")
    page.wait_for_selector("h1")
    field = page.locator(FIELD)
    assert field.get_attribute("role") == "combobox"
    assert field.get_attribute("aria-controls") == "sok-lista"
    assert field.get_attribute("aria-expanded") == "false"

    field.click()
    field.type("hälsocentralen brunf", delay=20)
    page.wait_for_selector(f"{LIST} [role=option]:has-text('Hälsocentralen Brunflo')")
    page.wait_for_function("document.getElementById('sok-falt')"
                           ".getAttribute('aria-expanded') === 'true'")
    assert "1 enhet" in page.inner_text("#sok-status")
    assert_no_axe_violations(page, "the suggestions")
    page.screenshot(path=SCREENSHOT.format("forslag"))

    page.keyboard.press("ArrowDown")
    active = field.get_attribute("aria-activedescendant")
    assert active == "sok-val-0"
    assert page.get_attribute(f"#{active}", "aria-selected") == "true"
    assert "Hälsocentralen Brunflo" in page.inner_text(f"#{active}")
    page.keyboard.press("ArrowUp")  # wraps round to the last: all the hits
    assert page.inner_text(f"#{field.get_attribute('aria-activedescendant')}").startswith(
        "Visa alla träffar")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Escape")
    assert field.get_attribute("aria-expanded") == "false"
    assert page.locator(LIST).is_hidden()
    assert field.get_attribute("aria-activedescendant") is None

    page.keyboard.press("ArrowDown")  # opens the list again on the first suggestion
    assert field.get_attribute("aria-activedescendant") == "sok-val-0"
    page.keyboard.press("Enter")
    page.wait_for_url("**/enhet?code=HSF-PV-HC-BRUNFLO")

    page.goto(live_server + "/mal")
    page.wait_for_selector(FIELD)
    page.fill(FIELD, "vårdcentralerna")
    page.keyboard.press("Enter")  # none chosen: the results page
    page.wait_for_selector("#sok-besked")
    assert "/sok?q=v%C3%A5rdcentralerna" in page.url
    assert page.input_value("#sok-sida-falt") == "vårdcentralerna"
    assert_no_axe_violations(page, "the results page")

    page.goto(live_server + "/sok?q=h%C3%A4lsocentral")
    page.wait_for_selector("#sok-besked")
    assert "träffar för ”hälsocentral”" in page.inner_text("#sok-besked")
    assert page.locator("#sok-enhet h2").inner_text().startswith("Enheter (")
    page.screenshot(path=SCREENSHOT.format("traffar"), full_page=True)
    page.click("#sok-enhet >> text=Hälsocentralen Brunflo")
    page.wait_for_url("**/enhet?code=HSF-PV-HC-BRUNFLO")
    assert [e for e in page.console_errors if "404" not in e] == []
