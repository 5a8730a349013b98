"""Översikt in a real headless Chromium: the figures the database holds, in Swedish, with
nothing loaded from other hosts and no console errors."""

from __future__ import annotations

import dash
import pytest
from axe_playwright_python.sync_playwright import Axe
from sqlalchemy import create_engine, text

from callbacks.ekonomi import as_shown
from dashboard.core import formatting as fmt
from dashboard.core import wording
from data_access.status import STATUS_LABELS_SV

pytestmark = pytest.mark.browser

SCREENSHOT = "/tmp/oversikt.png"


def expected_figures(url: str) -> dict:
    """Översikt's figures computed independently in SQL (management sees everything)."""
    engine = create_engine(url)
    with engine.connect() as conn:
        one = lambda query, **p: conn.execute(text(query), p).one()  # noqa: E731
        period, kind, year = one("""
            SELECT fp.id, fp.kind, fp.year FROM followup_periods fp WHERE EXISTS (
              SELECT 1 FROM goal_statuses gs JOIN goals g ON g.id = gs.goal_id
              WHERE gs.followup_period_id = fp.id AND g.kind <> 'malbild')
            ORDER BY fp.end_date DESC LIMIT 1""")
        counts = dict(conn.execute(text("""
            SELECT gs.reported_status, COUNT(*) FROM goal_statuses gs JOIN goals g ON g.id = gs.goal_id
            WHERE gs.followup_period_id = :p AND g.kind <> 'malbild' GROUP BY gs.reported_status"""),
            {"p": period}).all())
        e_year, e_month = one("SELECT year, month FROM economy_entries WHERE kind = 'utfall' "
                              "ORDER BY year DESC, month DESC LIMIT 1")
        utfall, budget = one("""
            SELECT SUM(CASE WHEN kind = 'utfall' THEN amount_tkr END),
                   SUM(CASE WHEN kind = 'budget' THEN amount_tkr END)
            FROM economy_entries WHERE year = :y AND month <= :m AND kind IN ('utfall', 'budget')""",
            y=e_year, m=e_month)
        shown = as_shown(budget, utfall, "mnkr")  # utfall − budget of the amounts as shown
        (r_year,) = one("SELECT MAX(year) FROM risks")
        # Open (of any year's riskanalys) and high (Hög and Mycket hög: riskvärde 8 or more).
        (risks,) = one("SELECT COUNT(*) FROM risks WHERE status = 'oppen' "
                       "AND probability * consequence >= 8")
        (as_of,) = one("SELECT data_as_of FROM import_runs WHERE outcome IN ('ok', 'delvis') "
                       "ORDER BY started_at DESC, id DESC LIMIT 1")
    engine.dispose()
    return {
        "period": fmt.followup_label(kind, year),
        "counts": {STATUS_LABELS_SV[s].word: counts.get(s, 0) for s in STATUS_LABELS_SV},
        "deviation": shown.amount(shown.difference, signed=True),
        "months": fmt.year_to_date_label(e_year, e_month),
        "risks": fmt.number(risks),
        "risk_year": f"Riskanalyser till och med {r_year}",
        "data_as_of": f"Data per {as_of}",
    }


def shown_status_counts(page) -> dict[str, int]:
    """The status table's rows as {word: count}, read from the page."""
    rows = page.locator("#overview-goals table tbody tr")
    counts = {}
    for i in range(rows.count()):
        cells = rows.nth(i).locator("td")
        word = cells.nth(0).inner_text().split(maxsplit=1)[1]  # drop the symbol
        counts[word] = int(cells.nth(1).inner_text().replace("\u00a0", ""))
    return counts


def open_overview(page, base: str) -> None:
    """Load Översikt and wait until the chart is drawn (by plotly when logged in, on the
    server for the public) and the footer is filled."""
    page.goto(base + "/")
    page.wait_for_selector("#react-entry-point #overview-status-chart :is(.main-svg, .drawn-chart svg)",
                           timeout=20_000)
    page.wait_for_selector("#data-as-of:has-text('Data per')", timeout=20_000)


def test_overview_shows_the_databases_figures(app, live_server, page, login):
    expected = expected_figures(app.server.config["DATABASE_URL"])
    login("ledning")
    open_overview(page, live_server)

    assert page.get_attribute("html", "lang") == "sv"
    page.wait_for_function("document.title === 'Översikt – Rödtråd'")
    assert page.locator("h1").inner_text() == "Översikt"
    assert page.locator(".demo-badge").is_visible()
    assert page.locator(".demo-badge").inner_text().lower() == "demodata"
    assert page.locator("#data-as-of").inner_text() == expected["data_as_of"]

    goals = page.locator("#overview-goals")
    assert expected["period"] in goals.locator(".card-period").inner_text()
    assert shown_status_counts(page) == expected["counts"]
    assert page.locator("#overview-budget-value").inner_text() == expected["deviation"]
    assert page.locator("#overview-budget .card-title").inner_text() == (
        f"Budgetavvikelse {expected['months']}")
    assert page.locator("#overview-risks-value").inner_text() == expected["risks"]
    assert page.locator("#overview-risks .card-period").inner_text() == expected["risk_year"]

    current = page.locator("#nav-links a[aria-current='page']")
    assert current.count() == 1 and current.inner_text() == "Översikt"

    page.screenshot(path=SCREENSHOT, full_page=True)
    assert page.console_errors == []
    assert all(url.startswith(live_server + "/") for url in page.requested_urls), page.requested_urls


def test_overview_fits_a_big_screen_and_a_phone(live_server, page):
    for width, height in ((1920, 1080), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        open_overview(page, live_server)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"sidan är {overflow} px för bred vid {width} px"
        page.screenshot(path=SCREENSHOT.replace(".png", f"-{width}.png"), full_page=True)
    assert page.console_errors == []


def test_navigating_to_another_page_keeps_the_shell(live_server, page, login):
    login("ledning")
    open_overview(page, live_server)
    page.locator("#nav-links a", has_text="Mål").click()
    page.wait_for_selector("h1:has-text('Mål')")
    assert page.url == live_server + "/mal"
    assert page.locator("#nav-links a[aria-current='page']").inner_text() == "Mål"
    assert page.locator("#data-as-of").inner_text().startswith("Data per")
    assert page.console_errors == []
    assert all(url.startswith(live_server + "/") for url in page.requested_urls)


def test_every_page_has_no_axe_violations(live_server, page, login):
    login("admin")  # the one role that may open every page
    for registered in dash.page_registry.values():
        page.goto(live_server + registered["relative_path"])
        # the h1 (the navbar's name may be shorter), in the demo region's words
        title = wording.fill(registered["declaration"].title, "region")
        if registered["path"] == "/enhet":  # the unit's name is its page's h1: the region's
            title = "Region Jämtland Härjedalen"
        page.wait_for_selector(f"h1:has-text('{title}')", timeout=20_000)
        page.wait_for_selector("#data-as-of:has-text('Data per')", timeout=20_000)
        page.wait_for_load_state("networkidle")
        violations = Axe().run(page).response["violations"]
        assert violations == [], (registered["path"], [(v["id"], v["help"], [n["target"] for n in v["nodes"]]) for v in violations])
    assert page.console_errors == []


# --- Min nämnd: a member of two nämnder -------------------------------------------------------


def namnd_deviation(url: str, code: str | None) -> str:
    """The budget deviation to date of a nämnd with everything under it (None: the whole
    region), as Översikt shows it, computed in SQL."""
    engine = create_engine(url)
    under = ("AND unit_id IN (SELECT u.id FROM org_units u JOIN org_units n "
             "ON n.id = u.id OR n.id = u.namnd_id WHERE n.code = :c)" if code else "")
    with engine.connect() as conn:
        year, month = conn.execute(text(
            "SELECT year, month FROM economy_entries WHERE kind = 'utfall' "
            "ORDER BY year DESC, month DESC LIMIT 1")).one()
        utfall, budget = conn.execute(text(f"""
            SELECT SUM(CASE WHEN kind = 'utfall' THEN amount_tkr ELSE 0 END),
                   SUM(CASE WHEN kind = 'budget' THEN amount_tkr ELSE 0 END)
            FROM economy_entries WHERE year = :y AND month <= :m {under}"""),
            {"y": year, "m": month, "c": code}).one()
    engine.dispose()
    shown = as_shown(budget, utfall, "mnkr")
    return shown.amount(shown.difference, signed=True)


def no_axe_violations(page) -> None:
    page.wait_for_load_state("networkidle")
    violations = Axe().run(page).response["violations"]
    assert violations == [], [(v["id"], v["help"], [n["target"] for n in v["nodes"]])
                              for v in violations]


def test_a_member_of_two_namnder_lands_on_min_namnd_and_switches(app, live_server, page, login):
    url = app.server.config["DATABASE_URL"]
    run, ktn, region = (namnd_deviation(url, "RUN"), namnd_deviation(url, "KTN"),
                        namnd_deviation(url, None))
    login("ledamot")  # the login form returns to `/`
    page.wait_for_selector("h1:has-text('Min nämnd: Regionala utvecklingsnämnden')",
                           timeout=20_000)
    page.wait_for_selector("#overview-status-chart .main-svg", timeout=20_000)
    page.wait_for_url(live_server + "/?namnd=RUN")  # the exact link, to copy or bookmark
    assert page.locator("#overview-budget-value").inner_text() == run
    region_part = page.locator("#overview-region")
    assert region_part.locator("h2").first.inner_text() == "Regionen som helhet"
    assert page.locator("#overview-region-budget-value").inner_text() == region != run
    switcher = page.locator("#oversikt-namnd")
    options = [o for o in switcher.locator("option").all_inner_texts() if o]  # not the blank
    assert options == ["Regionala utvecklingsnämnden", "Kollektivtrafiknämnden"]
    no_axe_violations(page)

    switcher.select_option(label="Kollektivtrafiknämnden")
    page.wait_for_selector("h1:has-text('Min nämnd: Kollektivtrafiknämnden')", timeout=20_000)
    page.wait_for_url(live_server + "/?namnd=KTN")
    page.wait_for_function(
        f"document.getElementById('overview-budget-value').innerText === {ktn!r}")
    assert page.evaluate("document.activeElement.id") == "oversikt-namnd"  # focus kept
    no_axe_violations(page)

    page.go_back()
    page.wait_for_selector("h1:has-text('Min nämnd: Regionala utvecklingsnämnden')",
                           timeout=20_000)
    page.screenshot(path=SCREENSHOT.replace(".png", "-min-namnd.png"), full_page=True)
    assert page.console_errors == []
    assert all(u.startswith(live_server + "/") for u in page.requested_urls)
