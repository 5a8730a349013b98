"""Internkontroll in a real headless Chromium: from a matrix cell to a risk to the goal it
threatens and back, the filters writing the URL, the Internkontrollplan's download and print,
a member refused another nämnd; zero axe-core violations, no console errors, nothing off-host."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.test_downloads import click_download, csv_rows, link, xlsx_rows

pytestmark = pytest.mark.browser

SCREENSHOT = "/tmp/internkontroll-{name}-{width}.png"
TIMEOUT = 20_000


def assert_accessible(page, where: str) -> None:
    """Zero axe-core violations on the page as it is now."""
    violations = Axe().run(page).response["violations"]
    assert violations == [], (where, [(v["id"], v["help"], [n["target"] for n in v["nodes"]])
                                      for v in violations])


def wait_for_page(page, selector: str) -> None:
    """Wait for the page's content and the footer's data date, then for a quiet network."""
    page.wait_for_selector(selector, timeout=TIMEOUT)
    page.wait_for_selector("#data-as-of:has-text('Data per')", timeout=TIMEOUT)
    page.wait_for_load_state("networkidle")


def assert_clean(page, live_server: str) -> None:
    """No console errors and no request to another host."""
    assert page.console_errors == []
    off_host = [url for url in page.requested_urls if not url.startswith(live_server + "/")]
    assert off_host == []


def test_ledning_goes_from_a_matrix_cell_to_a_risk_and_its_goal(live_server, page, login):
    login("ledning")
    page.goto(live_server + "/internkontroll?namnd=HSN")
    wait_for_page(page, "#internkontroll-matrix a.cell-link")
    assert page.locator("h1").inner_text() == "Internkontroll"
    assert_accessible(page, "Internkontroll")

    # The most serious non-empty cell: its risks threaten goals.
    cell = page.locator("#internkontroll-matrix td.band-mycket_hog a.cell-link").first
    count = int(cell.locator(".cell-count").inner_text())
    cell.click()
    page.wait_for_selector("#internkontroll-cell-table", timeout=TIMEOUT)
    assert "cell=" in page.url and "namnd=HSN" in page.url
    assert page.locator("#internkontroll-cell-table tbody tr").count() == count
    page.wait_for_function("document.activeElement.id === 'internkontroll-cell-heading'")
    assert_accessible(page, "Internkontroll, vald ruta")

    link = page.locator("#internkontroll-cell-table td.col-risk a").first
    title = link.inner_text()
    link.click()
    wait_for_page(page, "#risk-history-chart .main-svg")
    assert "/internkontroll/risk?code=" in page.url
    assert page.locator("#risk-heading").inner_text() == title
    assert_accessible(page, "Risk")

    goal = page.locator("#risk-goals a").first
    goal_title = goal.inner_text()
    goal.click()
    page.wait_for_selector("h1:has-text('" + goal_title.replace("'", "\\'") + "')",
                           timeout=TIMEOUT)
    assert "/mal?goal=" in page.url
    page.wait_for_load_state("networkidle")
    assert_accessible(page, "Mål")

    # The browser's back button returns to the risk: every step was an ordinary link.
    page.go_back()
    page.wait_for_selector(f"#risk-heading:has-text('{title}')", timeout=TIMEOUT)
    assert_clean(page, live_server)


def test_the_overdue_figure_leads_to_the_overdue_actions_and_their_risks(live_server, page,
                                                                         login):
    login("hsn")
    page.goto(live_server + "/internkontroll")
    wait_for_page(page, "#internkontroll-overdue-link")
    figure = page.locator("#internkontroll-overdue-link")
    count = int(figure.inner_text())
    assert count > 0
    figure.click()
    wait_for_page(page, "#forsenade-heading")
    assert "/internkontroll/forsenade-atgarder?year=" in page.url
    assert page.locator("#forsenade-table tbody tr").count() == count
    assert "Du ser risker i din nämnds riskanalyser" in page.locator("main").inner_text()
    assert_accessible(page, "Försenade åtgärder")

    risk = page.locator("#forsenade-table tbody a").first
    title = risk.inner_text()
    risk.click()
    page.wait_for_selector("#risk-heading", timeout=TIMEOUT)
    assert "/internkontroll/risk?code=" in page.url
    assert page.locator("#risk-heading").inner_text() == title
    assert_clean(page, live_server)


def test_the_filters_write_the_url_and_keep_the_focus(live_server, page, login):
    login("ledning")
    page.goto(live_server + "/internkontroll")
    wait_for_page(page, "#internkontroll-table")
    assert page.evaluate("document.activeElement.id") != "internkontroll-namnd"

    page.select_option("#internkontroll-namnd", label="Hälso- och sjukvårdsnämnden")
    page.wait_for_function("location.search.includes('namnd=HSN')", timeout=TIMEOUT)
    page.wait_for_selector("#internkontroll-risks .card-period:has-text('Hälso- och')",
                           timeout=TIMEOUT)
    page.wait_for_function("document.activeElement.id === 'internkontroll-namnd'")

    page.select_option("#internkontroll-status", label="Alla risker")
    page.wait_for_function("location.search.includes('status=alla')", timeout=TIMEOUT)
    page.wait_for_selector("#internkontroll-risks h2:has-text('Alla risker')", timeout=TIMEOUT)

    # Sorting is a link in the column header, which gets aria-sort.
    page.click("#internkontroll-sort-forsenade")
    page.wait_for_function("location.search.includes('sort=forsenade')", timeout=TIMEOUT)
    page.wait_for_selector("th[aria-sort='descending'] #internkontroll-sort-forsenade",
                           timeout=TIMEOUT)
    overdue = page.locator("#internkontroll-table td.col-forsenade").all_inner_texts()
    numbers = [int(text.replace("⚠", "").strip()) for text in overdue]
    assert numbers == sorted(numbers, reverse=True) and numbers[0] > 0
    assert_accessible(page, "Internkontroll, sorterad")
    assert_clean(page, live_server)


def test_the_plan_downloads_and_prints_without_the_navigation(live_server, page, login):
    login("hsn")
    page.goto(live_server + "/internkontroll/plan")
    wait_for_page(page, "#internkontrollplan-table")
    assert "Hälso- och sjukvårdsnämnden" in page.locator(".plan-title").inner_text()
    assert_accessible(page, "Internkontrollplan")

    rows = page.locator("#internkontrollplan-table tbody tr").count()
    name, content = click_download(page, link("internkontrollplan", "plan", "xlsx"))
    sheet = xlsx_rows(content)
    assert name.startswith("internkontrollplan_plan_HSN_") and name.endswith(".xlsx")
    assert sheet[0][:3] == ("Process", "Risk", "Riskvärde") and len(sheet) == rows + 1
    name, content = click_download(page, link("internkontrollplan", "plan", "csv"))
    assert csv_rows(content)[0][0] == "Process" and len(csv_rows(content)) == rows + 1

    page.evaluate("window.print = () => { window.printed = true; }")
    page.click("#internkontrollplan-print")
    page.wait_for_function("window.printed === true")
    page.emulate_media(media="print")
    assert not page.locator("#nav-links").is_visible()
    assert not page.locator(link("internkontrollplan", "plan", "xlsx")).is_visible()
    assert not page.locator("#internkontrollplan-namnd").is_visible()
    assert page.locator(".demo-badge").is_visible()  # demo data stays marked on paper
    assert page.locator("#internkontrollplan-table").is_visible()
    page.emulate_media(media="screen")
    assert_clean(page, live_server)


def test_a_member_asking_for_another_namnd_sees_a_message_only(live_server, page, login):
    login("hsn")
    page.goto(live_server + "/internkontroll?namnd=RUN")
    wait_for_page(page, "#internkontroll-problem")
    assert "inte behörighet" in page.locator("#internkontroll-problem").inner_text()
    assert page.locator("#internkontroll-matrix").count() == 0
    assert_accessible(page, "Internkontroll, annan nämnd")
    page.goto(live_server + "/internkontroll/risk?code=RUN-2026-R01")
    wait_for_page(page, "#risk-problem")
    assert page.locator("#risk-controls").count() == 0
    assert_clean(page, live_server)


@pytest.mark.parametrize("width", [1280, 1920, 390])
def test_the_pages_fit_a_laptop_a_big_screen_and_a_phone(live_server, page, login, width):
    login("ledning")
    page.set_viewport_size({"width": width, "height": 1000})
    for name, path, selector in (
        ("matris", "/internkontroll?namnd=HSN&cell=3-4", "#internkontroll-cell"),
        ("risk", "/internkontroll/risk?code=HSN-2026-R15", "#risk-history-chart .main-svg"),
        ("plan", "/internkontroll/plan?namnd=HSN&year=2026", "#internkontrollplan-table"),
    ):
        page.goto(live_server + path)
        wait_for_page(page, selector)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} är {overflow} px för bred vid {width} px"
        page.screenshot(path=SCREENSHOT.format(name=name, width=width), full_page=True)
    assert_clean(page, live_server)
