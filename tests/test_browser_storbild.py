"""Storbild (presentation mode) in a real headless Chromium on a 1920×1080 screen: the page
fills the screen's width, the charts' text is as large as the page's and their tick labels are
neither clipped nor covered by the axis title, each page's key table is on the first screen,
and the presenter moves between Mål, Ekonomi and Internkontroll without leaving storbild;
driven only by the keyboard: drill down and up on the three pages with the arrow keys, Enter
and Escape; the switch survives every step; Kopiera länk copies the view's address. Zero
axe-core violations in storbild, no console errors, nothing off-host."""

from __future__ import annotations

import pytest

from tests.test_browser_internkontroll import TIMEOUT, assert_accessible, assert_clean


def wait_for_page(page, selector: str) -> None:
    """Wait for the page's content and the (hidden in storbild) data date, then a quiet network."""
    page.wait_for_selector(selector, timeout=TIMEOUT)
    page.wait_for_selector("#data-as-of:has-text('Data per')", state="attached", timeout=TIMEOUT)
    page.wait_for_load_state("networkidle")

pytestmark = pytest.mark.browser

BIG_SCREEN = {"width": 1920, "height": 1080}


def focused_text(page) -> str:
    return page.evaluate("document.activeElement.innerText").strip()


def focused_href(page) -> str:
    return page.evaluate("document.activeElement.getAttribute('href')")


def in_storbild(page) -> None:
    """The page is in storbild: the wrapper is there, navigation and footer are hidden."""
    page.wait_for_selector(".storbild-page", timeout=TIMEOUT)
    assert "storbild=1" in page.url
    assert not page.locator(".app-navbar").is_visible()
    assert not page.locator(".app-footer").is_visible()
    font = page.evaluate("getComputedStyle(document.documentElement).fontSize")
    assert font == "20px"  # larger type


def open_mal_in_storbild(page, live_server, login) -> None:
    """Ledningen's Mål in storbild on a 1920×1080 screen."""
    page.set_viewport_size(BIG_SCREEN)
    login("ledning")
    page.goto(live_server + "/mal?storbild=1")
    wait_for_page(page, "#mal-children tbody tr a")
    in_storbild(page)


def test_presenter_drills_down_and_up_with_the_keyboard(live_server, page, login):
    open_mal_in_storbild(page, live_server, login)
    assert_accessible(page, "Mål i storbild")

    # ↓ ↓: the second målområde's row; Enter opens it.
    page.keyboard.press("ArrowDown")
    first = focused_text(page)
    page.keyboard.press("ArrowDown")
    second = focused_text(page)
    assert first and second and first != second
    page.keyboard.press("ArrowUp")
    assert focused_text(page) == first
    page.keyboard.press("ArrowDown")
    href = focused_href(page)
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{href}", timeout=TIMEOUT)
    assert "goal=" in page.url and "storbild=1" in page.url
    wait_for_page(page, "#mal-about")
    in_storbild(page)
    assert page.locator("#mal-heading").inner_text().startswith(second.split("\n")[0][:20])

    # Down once more to a nämndmål, then Escape twice: back to Målbild 2050.
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelectorAll('.goal-breadcrumbs li').length >= 3",
                           timeout=TIMEOUT)
    assert "storbild=1" in page.url
    page.keyboard.press("Escape")
    page.wait_for_function("() => document.querySelectorAll('.goal-breadcrumbs li').length == 2",
                           timeout=TIMEOUT)
    page.keyboard.press("Escape")
    page.wait_for_selector("#mal-vision", timeout=TIMEOUT)
    assert "goal=" not in page.url and "storbild=1" in page.url

    # Ekonomi: the units table from the keyboard, down to a nämnd and back to the region.
    page.goto(live_server + "/ekonomi?storbild=1")
    wait_for_page(page, "#ekonomi-children tbody tr a")
    in_storbild(page)
    assert_accessible(page, "Ekonomi i storbild")
    page.keyboard.press("ArrowDown")
    unit = focused_text(page)
    page.keyboard.press("Enter")
    page.wait_for_function(
        f"() => document.getElementById('ekonomi-unit').innerText === {unit!r}", timeout=TIMEOUT)
    assert "unit=" in page.url and "storbild=1" in page.url
    page.keyboard.press("Escape")
    page.wait_for_function(
        "() => document.getElementById('ekonomi-unit').innerText === 'Region Jämtland Härjedalen'",
        timeout=TIMEOUT)
    assert "storbild=1" in page.url

    # Internkontroll: into a cell of the riskmatris, → to the next cell, Escape out again.
    page.goto(live_server + "/internkontroll?namnd=HSN&storbild=1")
    wait_for_page(page, "#internkontroll-matrix a.cell-link")
    in_storbild(page)
    assert_accessible(page, "Internkontroll i storbild")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("Enter")
    page.wait_for_selector("#internkontroll-cell-heading", timeout=TIMEOUT)
    assert "cell=" in page.url and "storbild=1" in page.url
    page.keyboard.press("Escape")
    page.wait_for_function("() => !document.getElementById('internkontroll-cell-heading')",
                           timeout=TIMEOUT)
    assert "cell=" not in page.url and "namnd=HSN" in page.url and "storbild=1" in page.url
    page.keyboard.press("Escape")  # from the nämnd to every nämnd
    page.wait_for_function("() => !location.search.includes('namnd=')", timeout=TIMEOUT)
    assert "storbild=1" in page.url
    assert_clean(page, live_server)


def box(page, selector: str) -> dict:
    """The element's place on the screen (the first match)."""
    return page.evaluate("s => document.querySelector(s).getBoundingClientRect().toJSON()",
                         selector)


def on_first_screen(page, selector: str) -> None:
    """The whole element is on the first 1920×1080 screen, without scrolling."""
    assert page.evaluate("window.scrollY") == 0
    place = box(page, selector)
    assert place["top"] >= 0 and place["bottom"] <= BIG_SCREEN["height"], (selector, place)


def px(page, selector: str) -> float:
    return float(page.evaluate("s => getComputedStyle(document.querySelector(s)).fontSize",
                               selector).removesuffix("px"))


def overlaps(a: dict, b: dict) -> bool:
    return a["left"] < b["right"] and b["left"] < a["right"] and \
        a["top"] < b["bottom"] and b["top"] < a["bottom"]


def go_to(page, name: str) -> None:
    """Move to another storbild page with its link in the storbild navigation."""
    nav = page.get_by_role("navigation", name="Sidor i storbild")
    nav.get_by_role("link", name=name, exact=True).click()


def test_storbild_fills_the_big_screen_and_moves_between_its_pages(live_server, page, login):
    open_mal_in_storbild(page, live_server, login)
    assert box(page, ".storbild-page")["width"] >= 1800  # the screen's whole width
    # Mål: the målområden's table starts on the first screen, its first rows with it.
    on_first_screen(page, "#mal-children thead")
    on_first_screen(page, "#mal-children tbody tr:nth-child(3)")

    # Ekonomi, from the storbild navigation: still storbild.
    go_to(page, "Ekonomi")
    page.wait_for_url("**/ekonomi?storbild=1", timeout=TIMEOUT)
    wait_for_page(page, "#ekonomi-chart .ytick text")
    in_storbild(page)
    assert page.locator(".storbild-nav [aria-current=page], [aria-label='Sidor i storbild'] "
                        "[aria-current=page]").first.inner_text() == "Ekonomi"
    # The chart's text is as large as the page's and the tables'.
    text = px(page, ".storbild-page")
    tick = px(page, "#ekonomi-chart .ytick text")
    assert tick >= 20 and tick >= 0.85 * text, (tick, text)
    assert px(page, "#ekonomi-children td") >= 18
    # No tick label is clipped by the chart's edge or covered by its axis's title.
    drawn = page.evaluate("""() => {
        const boxes = s => [...document.querySelectorAll('#ekonomi-chart ' + s)]
            .map(e => e.getBoundingClientRect().toJSON());
        return {svg: boxes('svg.main-svg')[0],
                ticks: boxes('.ytick text, .y2tick text, .xtick text, .x2tick text'),
                titles: boxes('.g-ytitle text, .g-y2title text')};
    }""")
    assert drawn["ticks"] and len(drawn["titles"]) == 2
    svg = drawn["svg"]
    for tick_box in drawn["ticks"]:
        assert svg["left"] <= tick_box["left"] and tick_box["right"] <= svg["right"], tick_box
        assert svg["top"] <= tick_box["top"] and tick_box["bottom"] <= svg["bottom"], tick_box
        assert not any(overlaps(tick_box, title) for title in drawn["titles"]), tick_box
    first, second = drawn["titles"]
    assert not overlaps(first, second)
    # The key figures, the chart and the nämnder's whole table on the first screen.
    on_first_screen(page, ".eko-kpis")
    on_first_screen(page, "#ekonomi-chart")
    on_first_screen(page, "#ekonomi-children")
    assert_accessible(page, "Ekonomi i storbild på en stor skärm")

    # Internkontroll: the key figures and the riskmatris on the first screen.
    go_to(page, "Internkontroll")
    page.wait_for_url("**/internkontroll?storbild=1", timeout=TIMEOUT)
    wait_for_page(page, "#internkontroll-matrix a.cell-link")
    in_storbild(page)
    on_first_screen(page, ".ik-summary")
    on_first_screen(page, "#internkontroll-matrix")
    assert_accessible(page, "Internkontroll i storbild på en stor skärm")

    # Back to Mål from the keyboard, still in storbild.
    nav = page.get_by_role("navigation", name="Sidor i storbild")
    nav.get_by_role("link", name="Mål", exact=True).focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/mal?storbild=1", timeout=TIMEOUT)
    wait_for_page(page, "#mal-children tbody tr a")
    in_storbild(page)
    assert_clean(page, live_server)


def test_kopiera_lank_copies_the_view_for_the_minutes(live_server, page, login):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server)
    login("ledning")
    page.goto(live_server + "/internkontroll?namnd=HSN&status=alla&storbild=1")
    wait_for_page(page, "#internkontroll-matrix a.cell-link")
    page.locator("button.copy-link").focus()
    page.keyboard.press("Enter")
    status = page.locator(".copy-link-status")
    status.wait_for(timeout=TIMEOUT)
    page.wait_for_function(
        "() => document.querySelector('.copy-link-status').innerText.includes('kopierad')",
        timeout=TIMEOUT)
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == live_server + "/internkontroll?namnd=HSN&status=alla"  # without storbild
    assert_accessible(page, "Kopiera länk")
    # The copied link reproduces the view.
    page.goto(copied)
    wait_for_page(page, "#internkontroll-matrix a.cell-link")
    assert page.locator("#internkontroll-namnd").input_value().startswith("?namnd=HSN")
    assert not page.locator(".storbild-page").count()
    assert_clean(page, live_server)
