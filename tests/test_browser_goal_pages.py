"""Indikator, Målkvalitet and Uppdrag in a real headless Chromium, opened by permalink as
ledning: the figures the database holds, the Excel and CSV downloads, the selectors writing the
URL, zero axe-core violations, no console errors and nothing loaded from other hosts."""

from __future__ import annotations

import datetime as dt

import pytest
from axe_playwright_python.sync_playwright import Axe
from sqlalchemy import create_engine, text

from dashboard.core import formatting as fmt
from data_access.rollup import months_before
from data_access.status import STATUS_LABELS_SV, indicator_status
from tests.test_downloads import click_download, csv_rows, link, xlsx_rows

pytestmark = pytest.mark.browser

SCREENSHOT = "/tmp/malsidor-{page}-{width}.png"
INDICATOR = "RJH-HSV-003"
PERIOD_END = dt.date(2026, 8, 31)  # Delår 2026


def query(url: str, sql: str, **params) -> list:
    engine = create_engine(url)
    with engine.connect() as conn:
        rows = conn.execute(text(sql), params).all()
    engine.dispose()
    return rows


def expected_indicator(url: str) -> dict:
    """HSN's latest value of the indicator at Delår 2026, its status, and the units reporting."""
    start = months_before(PERIOD_END, 12)
    (value, end), = query(url, """
        SELECT m.value_total, m.period_end FROM measurements m
        JOIN indicators i ON i.id = m.indicator_id JOIN org_units u ON u.id = m.unit_id
        WHERE i.code = :i AND u.code = 'HSN' AND m.period_end > :s AND m.period_end <= :e
        ORDER BY m.period_end DESC LIMIT 1""", i=INDICATOR, s=start, e=PERIOD_END)
    (target, tolerance), = query(url, """
        SELECT t.value, t.tolerance FROM targets t JOIN indicators i ON i.id = t.indicator_id
        JOIN org_unit_closure c ON c.ancestor_id = t.unit_id
        JOIN org_units u ON u.id = c.descendant_id
        WHERE i.code = :i AND u.code = 'HSN' AND t.year = :y ORDER BY c.depth LIMIT 1""",
        i=INDICATOR, y=dt.date.fromisoformat(str(end)[:10]).year)
    (units,), = query(url, """
        SELECT COUNT(DISTINCT m.unit_id) FROM measurements m
        JOIN indicators i ON i.id = m.indicator_id
        WHERE i.code = :i AND m.period_end > :s AND m.period_end <= :e
        AND m.value_total IS NOT NULL""", i=INDICATOR, s=start, e=PERIOD_END)
    (values,), = query(url, """
        SELECT COUNT(*) FROM measurements m JOIN indicators i ON i.id = m.indicator_id
        JOIN org_units u ON u.id = m.unit_id
        WHERE i.code = :i AND u.code = 'HSN' AND m.period_end <= :e""", i=INDICATOR,
        e=PERIOD_END)
    status = indicator_status(value, target, direction="higher", tolerance=tolerance)
    return {"value": fmt.value_in_unit(value, "%"), "status": STATUS_LABELS_SV[status].word,
            "units": units, "values": values}


def open_page(page, url: str, ready: str) -> None:
    page.goto(url)
    page.wait_for_selector(ready, timeout=20_000)
    page.wait_for_selector("#data-as-of:has-text('Data per')", timeout=20_000)
    page.wait_for_load_state("networkidle")


def check_clean(page, base: str, name: str) -> None:
    """No axe violations, no console errors, nothing from other hosts; screenshots fit."""
    violations = Axe().run(page).response["violations"]
    assert violations == [], [(v["id"], v["help"], v["nodes"][0]["target"]) for v in violations]
    assert page.console_errors == []
    assert all(u.startswith(base + "/") for u in page.requested_urls), page.requested_urls
    url = page.url
    for width, height in ((1280, 900), (1920, 1080), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        page.goto(url)
        page.wait_for_selector("h1", timeout=20_000)
        page.wait_for_load_state("networkidle")
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{name} är {overflow} px för bred vid {width} px"
        page.screenshot(path=SCREENSHOT.format(page=name, width=width), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_indicator_page(app, live_server, page, login):
    expected = expected_indicator(app.server.config["DATABASE_URL"])
    login("ledning")
    open_page(page, f"{live_server}/mal/indikator?code={INDICATOR}&period=2026-DELAR&unit=HSN",
              "#indikator-series-chart .main-svg")
    page.wait_for_selector("#indikator-units-chart .main-svg")
    assert page.locator("h1").inner_text() == "Första besök i specialiserad vård inom 90 dagar"
    status = page.locator("#indikator-status")
    assert expected["status"] in status.locator(".status-badge").inner_text()
    assert expected["value"] in status.inner_text()
    rows = page.locator("#indikator-units table tbody tr")
    assert rows.count() == expected["units"]
    name, content = click_download(page, link("indikator", "series", "csv"))
    lines = csv_rows(content)
    assert name == f"indikator_varden_{INDICATOR}_HSN_2026-DELAR.csv"
    assert lines[0][:5] == ["Indikatorkod", "Indikator", "Enhetskod", "Organisationsenhet",
                            "Period"]
    assert len(lines) == expected["values"] + 1
    assert all(line[0] == INDICATOR for line in lines[1:])
    name, content = click_download(page, link("indikator", "units", "xlsx"))
    sheet = xlsx_rows(content)
    assert name == f"indikator_enheter_{INDICATOR}_HSN_2026-DELAR.xlsx"
    assert len(sheet) == expected["units"] + 1 and isinstance(sheet[1][7], float)

    # The period selector writes the URL, and the page follows it.
    page.select_option("#indikator-period", "2026-T1")
    page.wait_for_url("**period=2026-T1**", timeout=20_000)
    page.wait_for_selector("#indikator-status .card-period:has-text('T1 2026')")
    assert "unit=HSN" in page.url and f"code={INDICATOR}" in page.url
    page.go_back()
    page.wait_for_selector("#indikator-status .card-period:has-text('Delår 2026')")
    check_clean(page, live_server, "indikator")


def test_quality_page(app, live_server, page, login):
    url = app.server.config["DATABASE_URL"]
    goals = dict(query(url, """
        SELECT COALESCE(n.code, o.code), COUNT(*) FROM goals g
        JOIN org_units o ON o.id = g.owner_unit_id LEFT JOIN org_units n ON n.id = o.namnd_id
        WHERE g.kind <> 'malbild' GROUP BY COALESCE(n.code, o.code)"""))
    names = dict(query(url, "SELECT code, name FROM org_units WHERE level = 'namnd'"))
    login("ledning")
    open_page(page, f"{live_server}/mal/kvalitet?period=2026-DELAR", "#malkvalitet-table table")
    shown = {}
    for row in page.locator("#malkvalitet-table tbody tr").all():
        cells = row.locator("td").all_inner_texts()
        shown[cells[0].rstrip(" *")] = int(cells[1].replace("\u00a0", ""))
    expected = {names.get(code, "Regionen (målområden)"): n for code, n in goals.items()}
    expected["Hela regionen"] = sum(goals.values())
    assert shown == expected

    # A figure drills down to its list of goals, each linking to the Mål page.
    hsn = page.locator("#malkvalitet-table tbody tr", has_text="Hälso- och sjukvårdsnämnden")
    count = int(hsn.locator("td").nth(3).locator("a").inner_text())
    hsn.locator("td").nth(3).locator("a").click()
    page.wait_for_selector("#malkvalitet-list table")
    assert "lista=utan_indikator" in page.url and "namnd=HSN" in page.url
    links = page.locator("#malkvalitet-list tbody tr td:first-child a")
    assert links.count() == count
    assert all(h.startswith("/mal?goal=") for h in
               links.evaluate_all("els => els.map(e => e.getAttribute('href'))"))
    name, content = click_download(page, link("malkvalitet", "list", "xlsx"))
    sheet = xlsx_rows(content)
    assert name == "malkvalitet_lista_HSN_2026-DELAR_utan_indikator.xlsx"
    assert sheet[0][:2] == ("Målkod", "Mål") and len(sheet) == count + 1
    check_clean(page, live_server, "malkvalitet")


def test_uppdrag_page(app, live_server, page, login):
    url = app.server.config["DATABASE_URL"]
    (total,), = query(url, """
        SELECT COUNT(*) FROM uppdrag p JOIN org_units a ON a.id = p.assignee_unit_id
        JOIN org_units n ON n.id = a.namnd_id WHERE n.code = 'HSN'""")
    (late,), = query(url, """
        SELECT COUNT(*) FROM uppdrag p JOIN org_units a ON a.id = p.assignee_unit_id
        JOIN org_units n ON n.id = a.namnd_id WHERE n.code = 'HSN' AND p.status NOT IN
        ('klart', 'avbrutet') AND (p.status = 'forsenat' OR p.deadline < '2026-10-31')""")
    login("ledning")
    open_page(page, f"{live_server}/mal/uppdrag?namnd=HSN", "#uppdrag-list-HSN table")
    statuses = page.locator("#uppdrag-list-HSN tbody tr td:nth-child(4) .status-badge")
    words = [w.split(maxsplit=1)[1] for w in statuses.all_inner_texts()]
    assert len(words) == total
    assert words[:late] == ["Försenat"] * late and "Försenat" not in words[late:]
    name, content = click_download(page, "#uppdrag-list-HSN " + link("uppdrag", "list", "csv"))
    lines = csv_rows(content)
    assert name == "uppdrag_lista_HSN.csv" and lines[0][:3] == ["Nämnd", "Kod", "Uppdrag"]
    assert len(lines) == total + 1
    name, content = click_download(page, link("uppdrag", "counts", "xlsx"))
    assert name == "uppdrag_per-namnd_HSN.xlsx"
    assert xlsx_rows(content)[1][0] == "Hälso- och sjukvårdsnämnden"

    page.select_option("#uppdrag-status", "klart")
    page.wait_for_url("**status=klart**", timeout=20_000)
    page.wait_for_function(
        "() => [...document.querySelectorAll('#uppdrag-list-HSN tbody tr')].length > 0 && "
        "[...document.querySelectorAll('#uppdrag-list-HSN .status-badge')]"
        ".every(b => b.textContent.includes('Klart'))", timeout=20_000)
    check_clean(page, live_server, "uppdrag")
