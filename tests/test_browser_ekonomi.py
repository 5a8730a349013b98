"""Ekonomi in a real headless Chromium: drilling from the region to an enhet through the
table (by mouse and by keyboard), the permalink reproducing the view, the month selector,
a download, and no axe-core violations, console errors or requests to other hosts."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from callbacks.ekonomi import PAGE_ROWS
from tests.test_downloads import click_download, csv_rows, link, xlsx_rows

pytestmark = pytest.mark.browser

SCREENSHOT = "/tmp/ekonomi-{name}.png"
KPI_IDS = ("utfall", "deviation", "year-budget", "prognos", "forecast-deviation")


def open_view(page, url: str) -> None:
    """Load an Ekonomi view and wait until its chart and table are drawn."""
    page.goto(url)
    wait_for_view(page)


def wait_for_view(page, unit: str | None = None) -> None:
    """Wait for the view (of `unit`, when given) with its chart drawn and the data date shown."""
    if unit:
        page.wait_for_selector(f"#ekonomi-unit:has-text('{unit}')", timeout=20_000)
    page.wait_for_selector("#ekonomi-chart .main-svg", timeout=20_000)
    page.wait_for_selector("#data-as-of:has-text('Data per')", timeout=20_000)


def key_figures(page) -> dict[str, str]:
    return {k: page.locator(f"#ekonomi-{k}-value").inner_text() for k in KPI_IDS}


COLUMNS = ("name", "budget", "utfall", "deviation", "share", "status", "year_budget", "prognos",
           "forecast_deviation")  # the children table's, in order


def grid_cell(page, name: str, column: str = "name"):
    """A cell of the children table's row whose name cell (its th) says `name`."""
    row = page.locator("#ekonomi-children tbody tr").filter(  # its first link: the drill-down
        has=page.locator("th a:first-child", has_text=re.compile(f"^{re.escape(name)}$"))).first
    return row.locator(f"xpath=./*[{COLUMNS.index(column) + 1}]")


def column_texts(page, column: str) -> list[str]:
    """The texts in a column of the children table, top to bottom."""
    return page.locator(f"#ekonomi-children tbody tr > :nth-child({COLUMNS.index(column) + 1})"
                        ).all_inner_texts()


def assert_no_axe_violations(page, where: str) -> None:
    page.wait_for_load_state("networkidle")
    violations = Axe().run(page).response["violations"]
    assert violations == [], (where, [(v["id"], v["help"], [n["target"] for n in v["nodes"]])
                                      for v in violations])


def test_drill_from_the_region_to_an_enhet_and_back_by_permalink(live_server, page, login):
    login("ledning")
    page.set_viewport_size({"width": 1280, "height": 900})
    open_view(page, live_server + "/ekonomi")
    assert page.locator("h1").inner_text() == "Ekonomi"
    assert page.locator("#ekonomi-unit").inner_text() == "Region Jämtland Härjedalen"
    deviations = column_texts(page, "deviation")
    numbers = [float(t.replace("\u2212", "-").replace("\u00a0", "").replace(",", "."))
               for t in deviations]
    assert numbers[:-1] == sorted(numbers[:-1])  # worst first (the last row is the region's own)
    page.screenshot(path=SCREENSHOT.format(name="region"), full_page=True)
    assert_no_axe_violations(page, "regionen")

    # Mouse: the nämnd's link, then a click anywhere on the förvaltning's row.
    grid_cell(page, "Hälso- och sjukvårdsnämnden").locator("a").first.click()
    wait_for_view(page, "Hälso- och sjukvårdsnämnden")
    grid_cell(page, "Hälso- och sjukvårdsförvaltningen", "budget").click()
    wait_for_view(page, "Hälso- och sjukvårdsförvaltningen")
    # Keyboard: focus the område's link and press Enter.
    grid_cell(page, "Primärvård").locator("a").first.focus()
    page.keyboard.press("Enter")
    wait_for_view(page, "Primärvård")
    # The link is gone with the old view: the focus moves to the heading, not to the body.
    page.wait_for_function("document.activeElement.id === 'ekonomi-heading'")
    grid_cell(page, "Hälsocentralen Brunflo").locator("a").first.click()
    wait_for_view(page, "Hälsocentralen Brunflo")
    assert page.url.endswith("/ekonomi?month=10&unit=HSF-PV-HC-BRUNFLO&year=2026")
    crumbs = page.locator("nav[aria-label='Sökväg'] li").all_inner_texts()
    assert crumbs == ["Region Jämtland Härjedalen", "Hälso- och sjukvårdsnämnden",
                      "Hälso- och sjukvårdsförvaltningen", "Primärvård", "Hälsocentralen Brunflo"]
    assert page.locator("#ekonomi-children").count() == 0  # an enhet has nothing below it
    assert "tkr" in page.locator("#ekonomi-deviation-value").inner_text()
    shown = key_figures(page)
    page.screenshot(path=SCREENSHOT.format(name="enhet"), full_page=True)
    assert_no_axe_violations(page, "enheten")

    # The permalink, opened afresh, shows the same view; the back button goes up a level.
    permalink = page.locator("#ekonomi-permalink").get_attribute("href")
    open_view(page, live_server + permalink)
    assert page.locator("#ekonomi-unit").inner_text() == "Hälsocentralen Brunflo"
    assert key_figures(page) == shown
    page.go_back()
    wait_for_view(page, "Primärvård")
    page.go_back()
    wait_for_view(page, "Hälso- och sjukvårdsförvaltningen")

    assert page.console_errors == []
    off_host = [url for url in page.requested_urls if not url.startswith(live_server + "/")]
    assert off_host == []
    assert not [url for url in page.requested_urls if "ag_grid" in url]  # a plain table


def test_opening_a_view_adds_no_history_entry(live_server, page, login):
    """The selectors write the URL only for a person's choice: a URL without the period (a
    link to the page) stays as it is, so the back button leaves the page."""
    login("ledning")
    page.goto(live_server + "/")
    page.wait_for_selector("#nav-user-identity", timeout=20_000)
    open_view(page, live_server + "/ekonomi?unit=HSN")
    page.wait_for_load_state("networkidle")
    assert page.url == live_server + "/ekonomi?unit=HSN"
    page.go_back()
    page.wait_for_function("location.pathname === '/'", timeout=20_000)
    assert page.console_errors == []


def test_the_month_selector_and_a_download(live_server, page, login):
    login("ledning")
    open_view(page, live_server + "/ekonomi?unit=HSN")
    page.select_option("#ekonomi-month", label="Juni")
    page.wait_for_selector(".eko-unit-period:has-text('jan–jun 2026')", timeout=20_000)
    assert page.url.endswith("/ekonomi?month=6&unit=HSN&year=2026")
    page.select_option("#ekonomi-year", label="2025")  # the same months a year earlier
    page.wait_for_selector(".eko-unit-period:has-text('jan–jun 2025')", timeout=20_000)
    assert page.url.endswith("/ekonomi?month=6&unit=HSN&year=2025")
    page.select_option("#ekonomi-month", label="December")
    page.wait_for_selector(".eko-unit-period:has-text('jan–dec 2025')", timeout=20_000)
    wait_for_view(page)

    name, content = click_download(page, link("ekonomi", "children", "xlsx"))
    assert name == "ekonomi_enheter_HSN_2025-12.xlsx"
    sheet = xlsx_rows(content)
    assert sheet[0][:2] == ("Kod", "Namn") and sheet[1][1] == "Hälso- och sjukvårdsförvaltningen"
    name, content = click_download(page, link("ekonomi", "categories", "csv"))
    rows = csv_rows(content)
    assert name == "ekonomi_kostnadsslag_HSN_2025-12.csv"
    assert rows[0][:2] == ["Kostnad (−) eller intäkt (+)", "Budget jan–dec 2025 (mnkr)"]
    assert rows[-1][0] == "Resultat (intäkter minus kostnader)"
    assert page.console_errors == []
    assert all(url.startswith(live_server + "/") for url in page.requested_urls)


def test_a_namnd_member_gets_a_message_for_another_namnds_unit(live_server, page, login):
    login("run")
    open_view(page, live_server + "/ekonomi?unit=HSN")
    assert "enheterna under den visas inte" in page.locator(".page").inner_text()
    assert page.locator("#ekonomi-children").count() == 0
    page.goto(live_server + "/ekonomi?unit=HSF-PV-HC-BRUNFLO")
    page.wait_for_selector(".page-message", timeout=20_000)
    assert "behörighet" in page.locator(".page-message").inner_text()
    assert page.locator("#ekonomi-chart").count() == 0
    assert_no_axe_violations(page, "meddelandet")


@pytest.mark.parametrize(("width", "height"), [(1920, 1080), (390, 844)])
def test_ekonomi_fits_a_big_screen_and_a_phone(live_server, page, login, width, height):
    login("ledning")
    page.set_viewport_size({"width": width, "height": height})
    for name, search in (("region", ""), ("omrade", "?unit=HSF-PV")):
        open_view(page, live_server + "/ekonomi" + search)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"sidan är {overflow} px för bred vid {width} px"
        page.screenshot(path=SCREENSHOT.format(name=f"{name}-{width}"), full_page=True)
    assert_no_axe_violations(page, f"{width} px")
    assert page.console_errors == []


def column_numbers(page, column: str) -> list[float]:
    """The numbers in a column of the children table, top to bottom."""
    values = column_texts(page, column)
    return [float(t.replace("\u2212", "-").replace("\u00a0", "").replace(" ", "").replace(",", "."))
            for t in values]


def test_a_long_table_comes_a_page_at_a_time_and_a_header_orders_it(live_server, page, login):
    login("ledning")
    page.set_viewport_size({"width": 1280, "height": 900})
    open_view(page, live_server + "/ekonomi?unit=HSF-PV")
    assert page.locator("#ekonomi-children tbody tr").count() == PAGE_ROWS
    first = column_numbers(page, "deviation")
    assert first == sorted(first) and first[0] < 0  # the worst unit first
    assert f"Visar rad 1–{PAGE_ROWS} av" in page.locator("#ekonomi-children-range").inner_text()
    assert_no_axe_violations(page, "sida 1")

    # The next page: a permalink; the focus goes to the table.
    page.locator("nav.page-links a", has_text="Nästa").click()
    page.wait_for_selector(f"#ekonomi-children-range:has-text('Visar rad {PAGE_ROWS + 1}–')",
                           timeout=20_000)
    assert page.url.endswith("/ekonomi?month=10&sida=2&unit=HSF-PV&year=2026")
    page.wait_for_function("document.activeElement.id === 'ekonomi-children-region'")
    assert column_numbers(page, "deviation")[0] >= first[-1]

    # A click on a header (a link) asks the server for that order, from the first page; the
    # focus stays on the header.
    page.locator("#ekonomi-sort-budget").click()
    page.wait_for_function("location.search.includes('sort=budget')", timeout=20_000)
    page.wait_for_selector("#ekonomi-children-card p:has-text('Sorterad efter budget')",
                           timeout=20_000)
    assert page.url.endswith("/ekonomi?month=10&sort=budget&unit=HSF-PV&year=2026")
    budgets = column_numbers(page, "budget")
    assert budgets == sorted(budgets)
    header = page.locator("#ekonomi-children th:has(#ekonomi-sort-budget)")
    assert header.get_attribute("aria-sort") == "ascending"
    assert header.get_attribute("scope") == "col"
    assert page.locator("#ekonomi-children th[aria-sort]").count() == 1
    page.wait_for_function("document.activeElement.id === 'ekonomi-sort-budget'")
    page.keyboard.press("Enter")  # again, from the keyboard: descending
    page.wait_for_function("location.search.includes('sort=-budget')", timeout=20_000)
    page.wait_for_selector("#ekonomi-children-card p:has-text('högst först')",
                           timeout=20_000)
    assert header.get_attribute("aria-sort") == "descending"
    page.wait_for_function("document.activeElement.id === 'ekonomi-sort-budget'")
    budgets = column_numbers(page, "budget")
    assert budgets == sorted(budgets, reverse=True)
    # The order is in the URL: opened afresh, the same rows in the same order.
    open_view(page, page.url)
    assert column_numbers(page, "budget") == budgets
    page.go_back()
    page.wait_for_function("location.search.includes('sort=budget')", timeout=20_000)
    assert page.console_errors == []
