"""The Ekonomi sub-pages in a real headless Chromium, logged in as ledning: each opened by its
permalink shows the database's figures, downloads its tables as Excel and CSV, changes its URL
from the selectors, passes axe-core, fits a big screen and a phone, and loads nothing from other
hosts."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from sqlalchemy import create_engine, text

from dashboard.core import formatting as fmt
from data_access.demo.grants import GRANT_AT_RISK
from tests.test_downloads import click_download, csv_rows, link, xlsx_rows

pytestmark = pytest.mark.browser

SCREENSHOTS = "/tmp/ekonomi-{page}-{width}.png"


def expected_figures(url: str) -> dict:
    """The figures each page should show, computed independently in SQL."""
    engine = create_engine(url)
    with engine.connect() as conn:
        one = lambda query: conn.execute(text(query)).scalar()  # noqa: E731
        remaining = one("""SELECT SUM(g.received_tkr - g.used_tkr) FROM state_grants g
                           JOIN org_units u ON u.id = g.unit_id
                           JOIN org_units n ON n.id = u.namnd_id
                           WHERE g.year = 2026 AND n.code = 'HSN'""")
        planned = one("SELECT SUM(planned_effect_tkr) FROM saving_measures WHERE year = 2026")
        sums = conn.execute(text("""
            SELECT e.kind, e.month, SUM(e.amount_tkr) FROM economy_entries e
            JOIN org_units u ON u.id = e.unit_id JOIN org_units n ON n.id = u.namnd_id
            WHERE e.year = 2025 AND n.code = 'HSN' AND e.kind IN ('utfall', 'prognos')
            GROUP BY e.kind, e.month""")).all()
    engine.dispose()
    outcome = sum(amount for kind, _, amount in sums if kind == "utfall")
    misses = [abs(amount - outcome) for kind, _, amount in sums if kind == "prognos"]
    return {"remaining": fmt.tkr(remaining), "planned": fmt.mnkr(planned),
            "hsn_mae": fmt.mnkr(sum(misses) / len(misses))}


def open_page(page, url: str, ready: str) -> None:
    """Load a page and wait until `ready` is drawn and the footer is filled."""
    page.goto(url)
    page.wait_for_selector(ready, timeout=20_000)
    page.wait_for_selector("#data-as-of:has-text('Data per')", timeout=20_000)
    page.wait_for_load_state("networkidle")


def assert_accessible_and_local(page, base: str) -> None:
    violations = Axe().run(page).response["violations"]
    assert violations == [], [(v["id"], v["help"]) for v in violations]
    assert page.console_errors == []
    assert all(url.startswith(base + "/") for url in page.requested_urls), page.requested_urls


def test_the_grants_page_by_its_permalink(app, live_server, page, login):
    expected = expected_figures(app.server.config["DATABASE_URL"])
    login("ledning")
    open_page(page, live_server + "/ekonomi/statsbidrag?namnd=HSN&year=2026",
              "#statsbidrag-grants table")
    page.wait_for_function("document.title === 'Riktade statsbidrag – Rödtråd'")
    assert page.locator("h1").inner_text() == "Riktade statsbidrag"
    assert page.locator("#statsbidrag-remaining-value").inner_text() == expected["remaining"]
    first = page.locator("#statsbidrag-grants tbody tr").first
    assert GRANT_AT_RISK in first.inner_text() and "Risk för återbetalning" in first.inner_text()
    assert page.locator("#statsbidrag-namnd").input_value() == "HSN"
    name, content = click_download(page, link("statsbidrag", "grants", "csv"))
    rows = csv_rows(content)
    assert name == "statsbidrag_bidrag_HSN_2026.csv" and rows[1][1] == GRANT_AT_RISK
    assert rows[0][:3] == ["Kod", "Statsbidrag", "Syfte"]
    name, content = click_download(page, link("statsbidrag", "sums", "xlsx"))
    sheet = xlsx_rows(content)
    assert name == "statsbidrag_per-namnd_HSN_2026.xlsx"
    assert sheet[1][0] == "Hälso- och sjukvårdsnämnden" and sheet[1][1] == len(rows) - 1
    page.screenshot(path=SCREENSHOTS.format(page="statsbidrag", width=1280), full_page=True)
    assert_accessible_and_local(page, live_server)


def test_the_year_selector_writes_the_permalink(live_server, page, login):
    login("ledning")
    open_page(page, live_server + "/ekonomi/statsbidrag?namnd=HSN", "#statsbidrag-grants table")
    page.select_option("#statsbidrag-year", "2025")
    page.wait_for_url(live_server + "/ekonomi/statsbidrag?namnd=HSN&year=2025")
    page.wait_for_selector("#statsbidrag-received .card-period:has-text('2025')")
    page.select_option("#statsbidrag-namnd", "alla")
    page.wait_for_url(live_server + "/ekonomi/statsbidrag?year=2025")
    page.go_back()
    page.wait_for_url(live_server + "/ekonomi/statsbidrag?namnd=HSN&year=2025")
    assert page.console_errors == []


def test_the_measures_page_by_its_permalink(app, live_server, page, login):
    expected = expected_figures(app.server.config["DATABASE_URL"])
    login("ledning")
    open_page(page, live_server + "/ekonomi/atgarder?year=2026", "#atgarder-chart .main-svg")
    assert page.locator("h1").inner_text() == "Resultatförbättrande åtgärder"
    assert page.locator("#atgarder-planned-value").inner_text() == expected["planned"]
    assert page.locator("#atgarder-measures tbody tr").count() == 22
    name, content = click_download(page, link("atgarder", "measures", "csv"))
    assert name == "atgarder_lista_2026.csv" and len(csv_rows(content)) == 1 + 22
    name, content = click_download(page, link("atgarder", "sums", "xlsx"))
    sheet = xlsx_rows(content)
    assert name == "atgarder_per-namnd_2026.xlsx" and sheet[-1][:2] == ("Totalt", 22)
    page.screenshot(path=SCREENSHOTS.format(page="atgarder", width=1280), full_page=True)
    assert_accessible_and_local(page, live_server)


def test_the_forecast_page_by_its_permalink(app, live_server, page, login):
    expected = expected_figures(app.server.config["DATABASE_URL"])
    login("ledning")
    open_page(page, live_server + "/ekonomi/prognossakerhet?year=2025",
              "#prognossakerhet-chart .main-svg")
    assert page.locator("h1").inner_text() == "Prognossäkerhet"
    hsn = page.locator("#prognossakerhet-summary tbody tr", has_text="Hälso- och sjukvårdsnämnden")
    assert expected["hsn_mae"] in hsn.inner_text() and "För optimistisk" in hsn.inner_text()
    page.click("#prognossakerhet-errors summary")  # "Visa som tabell"
    assert page.locator("#prognossakerhet-errors details table tbody tr").count() == 12
    name, content = click_download(page, link("prognossakerhet", "months", "xlsx"))
    sheet = xlsx_rows(content)
    assert name == "prognossakerhet_manader_2025.xlsx" and len(sheet) == 1 + 12
    assert sheet[0][:3] == ("Prognos gjord i", "RS (mnkr)", "RS (%)")
    name, content = click_download(page, link("prognossakerhet", "summary", "csv"))
    hsn = next(r for r in csv_rows(content) if r[0] == "HSN")
    assert name == "prognossakerhet_bedomning_2025.csv" and hsn[6] == "För optimistisk"
    name, content = click_download(page, link("prognossakerhet", "forecasts", "csv"))
    assert name == "prognossakerhet_prognoser_2025.csv" and len(csv_rows(content)) == 1 + 60
    page.screenshot(path=SCREENSHOTS.format(page="prognossakerhet", width=1280), full_page=True)
    assert_accessible_and_local(page, live_server)


@pytest.mark.parametrize("path, ready", [
    ("/ekonomi/statsbidrag", "#statsbidrag-grants table"),
    ("/ekonomi/atgarder", "#atgarder-chart .main-svg"),
    ("/ekonomi/prognossakerhet", "#prognossakerhet-chart .main-svg"),
])
def test_the_pages_fit_a_big_screen_and_a_phone(live_server, page, login, path, ready):
    login("ledning")
    for width, height in ((1920, 1080), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        open_page(page, live_server + path, ready)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} är {overflow} px för bred vid {width} px"
        name = path.rsplit("/", 1)[1]
        page.screenshot(path=SCREENSHOTS.format(page=name, width=width), full_page=True)
    assert page.console_errors == []


def test_production_drills_down_from_the_forvaltning_to_its_worst_unit(app, live_server, page,
                                                                        login):
    login("ledning")
    open_page(page, live_server + "/ekonomi/produktion?unit=HSF-PV&indikator=RJH-HSV-015",
              "#produktion-units table")
    assert page.locator("h1").inner_text() == "Produktion"
    assert page.locator("#produktion-indikator").input_value() == "RJH-HSV-015"
    assert "Personalkostnad per läkarbesök" in page.locator("#produktion-productivity-0").inner_text()
    first = page.locator("#produktion-units tbody tr").first
    worst = first.locator("a").inner_text()
    assert worst.startswith("Hälsocentralen")
    first.locator("a").click()
    page.wait_for_selector("#produktion-trail:has-text('Primärvård')", timeout=20_000)
    assert page.locator("#produktion-trail .active").inner_text() == worst
    assert "unit=" in page.url and "indikator=RJH-HSV-015" in page.url
    # The period selector writes the URL: the figures now run to March.
    page.select_option("#produktion-month", "3")
    page.wait_for_url("**month=3**", timeout=20_000)
    page.wait_for_selector("#produktion-plan:has-text('mar 2026')", timeout=20_000)
    page.screenshot(path=SCREENSHOTS.format(page="produktion", width=1280), full_page=True)
    assert_accessible_and_local(page, live_server)
