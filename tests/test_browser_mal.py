"""Mål in a real headless Chromium: drill down from Målbild 2050 through a nämndmål and its
framgångsfaktor to a health centre's goal,
go back up by breadcrumb and by the back button, reproduce a view from its URL, change the
period, click in the tree, with zero axe violations, no console errors and nothing off-host."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from sqlalchemy import create_engine, text

from data_access.status import STATUS_LABELS_SV
from tests.test_downloads import click_download, csv_rows, link, xlsx_rows

pytestmark = pytest.mark.browser

# Målbild 2050 → målområde → nämndmål → framgångsfaktor → förvaltningsmål → områdesmål →
# enhetsmål
PATH = ("MO-HSV", "HSN-M3", "HSN-M3-F1", "HSF-M3", "HSF-PV-M1", "HSF-PV-HC-BRUNFLO-M1")
# The level names the children's card and a goal's eyebrow give on the way down.
LEVEL_BELOW = {"HSN-M3": "Framgångsfaktorer under målet",
               "HSN-M3-F1": "Förvaltningsmål under målet"}
EYEBROW = {"HSN-M3-F1": "Framgångsfaktor · "}
SCREENSHOT = "/tmp/mal-drill-{}.png"


def goals(url: str) -> dict[str, tuple[str, str]]:
    """code -> (title, owner unit's name) for the goals on the path."""
    engine = create_engine(url)
    with engine.connect() as conn:
        rows = conn.execute(text("""SELECT g.code, g.title, u.name FROM goals g
                                    JOIN org_units u ON u.id = g.owner_unit_id""")).all()
    engine.dispose()
    return {code: (title, owner) for code, title, owner in rows if code in PATH}


def reported_status(url: str, code: str, year: int, kind: str) -> str:
    """A goal's reported status at a follow-up, from the database."""
    engine = create_engine(url)
    with engine.connect() as conn:
        status = conn.execute(text("""SELECT s.reported_status FROM goal_statuses s
            JOIN goals g ON g.id = s.goal_id JOIN followup_periods p ON p.id = s.followup_period_id
            WHERE g.code = :c AND p.year = :y AND p.kind = :k"""), {"c": code, "y": year,
                                                                    "k": kind}).scalar_one()
    engine.dispose()
    return status


def link_name(title: str) -> str:
    """The link text of a goal in the drill-down table (a målområde's name only)."""
    return title.partition(" – ")[0]


def wait_for_heading(page, heading: str) -> None:
    """Wait until the page shows this h1 and its tree is drawn."""
    page.wait_for_function(
        "h => { const e = document.getElementById('mal-heading'); return e && e.innerText === h; }",
        arg=heading, timeout=20_000)
    page.wait_for_selector("#mal-tree .main-svg", timeout=20_000)


def view_state(page) -> dict:
    """What a person sees of the view: heading, period, breadcrumbs, status and table rows."""
    return {
        "heading": page.locator("#mal-heading").inner_text(),
        "period": page.locator("#mal-period option:checked").inner_text(),
        "crumbs": page.locator(".goal-breadcrumbs li").all_inner_texts(),
        "status": page.locator("#mal-status").all_inner_texts(),
        "rows": page.locator("#mal-children tbody tr").all_inner_texts(),
        "note": page.locator("#mal-children p").all_inner_texts(),
    }


def assert_no_axe_violations(page, where: str) -> None:
    page.wait_for_load_state("networkidle")
    violations = Axe().run(page).response["violations"]
    assert violations == [], (where, [(v["id"], v["help"], v["nodes"][:2]) for v in violations])


def open_start(page, base: str) -> None:
    page.goto(base + "/mal")
    wait_for_heading(page, "Mål")


def test_drill_down_to_an_enhet_and_back_up(app, live_server, page, login):
    url = app.server.config["DATABASE_URL"]
    info = goals(url)
    login("ledning")
    open_start(page, live_server)
    assert page.locator("#mal-children tbody tr").count() == 8  # the målområden
    assert page.locator("#mal-period option:checked").inner_text() == "Delår 2026"
    assert_no_axe_violations(page, "Målbild 2050")

    # Down, one click per level, each a link in the table.
    for depth, code in enumerate(PATH):
        title, owner = info[code]
        row = page.locator("#mal-children tbody tr", has_text=owner)
        row.locator("a.goal-link", has_text=link_name(title)).first.click()
        wait_for_heading(page, title)
        assert page.url == f"{live_server}/mal?goal={code}&period=2026-DELAR"
        assert page.locator(".goal-breadcrumbs a").count() == depth + 1
        if code in LEVEL_BELOW:
            assert LEVEL_BELOW[code] in page.locator("#mal-children").inner_text()
        if code in EYEBROW:
            assert page.locator(".mal-header .eyebrow").inner_text().startswith(EYEBROW[code])
            assert_no_axe_violations(page, "framgångsfaktor")
            page.screenshot(path=SCREENSHOT.format("framgangsfaktor"), full_page=True)
    assert page.locator(".goal-breadcrumbs a").first.inner_text() == "Målbild 2050"
    assert "inga mål under" in page.locator("#mal-children").inner_text().lower()
    assert page.locator("#mal-indicators .indicator-tile").count() >= 1
    assert_no_axe_violations(page, "enhetsmål")

    # The permalink reproduces the view exactly in a fresh page.
    permalink, shown = page.url, view_state(page)
    fresh = page.context.new_page()
    fresh.goto(permalink)
    wait_for_heading(fresh, shown["heading"])
    assert view_state(fresh) == shown
    fresh.close()

    # Up by a breadcrumb, then back and forth with the browser.
    forvaltning_title = info["HSF-M3"][0]
    page.locator(".goal-breadcrumbs a", has_text=forvaltning_title).click()
    wait_for_heading(page, forvaltning_title)
    assert page.url == f"{live_server}/mal?goal=HSF-M3&period=2026-DELAR"
    page.go_back()
    wait_for_heading(page, info[PATH[-1]][0])
    assert view_state(page) == shown
    page.go_back()
    wait_for_heading(page, info["HSF-PV-M1"][0])
    page.go_forward()
    wait_for_heading(page, info[PATH[-1]][0])

    page.screenshot(path=SCREENSHOT.format("enhet"), full_page=True)
    assert page.console_errors == []
    assert all(u.startswith(live_server + "/") for u in page.requested_urls), page.requested_urls


def test_changing_the_period_updates_the_url_and_the_statuses(app, live_server, page, login):
    url = app.server.config["DATABASE_URL"]
    title = goals(url)["HSF-M3"][0]
    login("ledning")
    page.goto(f"{live_server}/mal?goal=HSF-M3&period=2026-DELAR")
    wait_for_heading(page, title)
    page.select_option("#mal-period", label="T1 2026")
    page.wait_for_url(f"{live_server}/mal?goal=HSF-M3&period=2026-T1")
    page.wait_for_function("() => document.querySelector('#mal-children .card-period')"
                           ".innerText === 'T1 2026'")
    word = STATUS_LABELS_SV[reported_status(url, "HSF-M3", 2026, "T1")].word
    assert word in page.locator("#mal-status .status-badge").first.inner_text()
    assert "Trend sedan Helår 2025" in page.locator("#mal-children thead").inner_text()
    assert page.evaluate("document.activeElement.id") == "mal-period"  # focus stays put
    page.go_back()
    page.wait_for_function("() => document.querySelector('#mal-children .card-period')"
                           ".innerText === 'Delår 2026'")

    # The colour rules, unfolded, are part of the page and pass axe too.
    page.locator("#mal-rules summary").click()
    assert "Gult när målvärdet inte är nått" in page.locator("#mal-rules").inner_text()
    assert_no_axe_violations(page, "förvaltningsmål with the rules open")

    # Split per perspective: a permalink, kept when the period changes.
    page.click("#mal-per-switch")
    page.wait_for_url(f"{live_server}/mal?goal=HSF-M3&per=perspektiv&period=2026-DELAR")
    page.wait_for_selector("#mal-perspectives table")
    assert "Utan perspektiv" in page.locator("#mal-perspectives tbody").inner_text()
    assert_no_axe_violations(page, "förvaltningsmål split per perspective")
    page.select_option("#mal-period", label="T1 2026")
    page.wait_for_url(f"{live_server}/mal?goal=HSF-M3&per=perspektiv&period=2026-T1")
    page.wait_for_function("() => document.querySelector('#mal-perspectives .card-period')"
                           ".innerText === 'T1 2026'")
    assert page.console_errors == []


def wait_for_list(page, title: str) -> None:
    """Wait until Mål's list of the nämnder's goals is the one with this title."""
    page.wait_for_function("t => (document.getElementById('mal-list-title') || {}).innerText"
                           " === t", arg=title, timeout=30_000)


def test_filtering_the_namnders_goals_writes_the_url(app, live_server, page, login):
    login("ledning")
    open_start(page, live_server)
    rows = page.locator("#mal-goals tbody tr")
    assert rows.count() >= 1 and set(page.locator(
        "#mal-goals tbody td.col-niva").all_inner_texts()) == {"Nämndmål"}
    page.select_option("#mal-filter-namnd select", label="Hälso- och sjukvårdsnämnden")
    page.wait_for_url(f"{live_server}/mal?namnd=HSN&period=2026-DELAR")
    wait_for_list(page, "Nämndmål, Hälso- och sjukvårdsnämnden")
    page.select_option("#mal-filter-niva select", label="Alla nivåer")
    page.wait_for_url(f"{live_server}/mal?namnd=HSN&niva=alla&period=2026-DELAR")
    wait_for_list(page, "Alla nivåer, Hälso- och sjukvårdsnämnden")
    page.select_option("#mal-filter-status select", label=STATUS_LABELS_SV["red"].word)
    wanted = f"{live_server}/mal?namnd=HSN&niva=alla&period=2026-DELAR&status=ej-uppfyllt"
    page.wait_for_url(wanted)
    wait_for_list(page, "Alla nivåer, Hälso- och sjukvårdsnämnden, Ej uppfyllt")
    levels = page.locator("#mal-goals tbody td.col-niva").all_inner_texts()
    assert levels and levels[0] == "Nämndmål" and "Förvaltningsmål" in levels
    statuses = page.locator("#mal-goals tbody td.col-status").all_inner_texts()
    assert all(STATUS_LABELS_SV["red"].word in s for s in statuses)
    assert page.evaluate("document.activeElement.id") == '{"name":"status","type":"mal-filter"}'
    assert_no_axe_violations(page, "Mål with the list filtered")
    # The permalink gives the same rows in a fresh page.
    shown = rows.all_inner_texts()
    fresh = page.context.new_page()
    fresh.goto(wanted)
    wait_for_heading(fresh, "Mål")
    assert fresh.locator("#mal-goals tbody tr").all_inner_texts() == shown
    fresh.close()
    assert page.console_errors == []


def test_the_tree_figure_and_the_keyboard_drill_down(app, live_server, page, login):
    info = goals(app.server.config["DATABASE_URL"])
    login("ledning")
    open_start(page, live_server)
    # A click on a box opens that goal; a click on the box the view is opened at goes up.
    area = link_name(info["MO-HSV"][0])
    box = page.locator("#mal-tree g.slice text", has_text=re.compile(rf"^\S+ {re.escape(area)}$"))
    box.first.click(force=True)
    wait_for_heading(page, info["MO-HSV"][0])
    assert page.url == f"{live_server}/mal?goal=MO-HSV"
    page.wait_for_timeout(500)  # plotly's own zoom animation
    box.first.click(force=True)
    wait_for_heading(page, "Mål")

    # Keyboard only: a row's link is reachable and Enter drills down, reading from the heading.
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    link = page.locator("#mal-children a.goal-link", has_text=area)
    link.focus()
    page.keyboard.press("Enter")
    wait_for_heading(page, info["MO-HSV"][0])
    assert page.evaluate("document.activeElement.id") == "mal-heading"
    assert page.evaluate("window.scrollY") < 50  # back at the top (give or take anchoring)
    assert page.console_errors == []


def test_a_namnd_member_is_told_when_a_goal_is_out_of_scope(live_server, page, login):
    login("hsn")
    page.goto(f"{live_server}/mal?goal=RU-M1&period=2026-DELAR")
    page.wait_for_selector("#mal-problem", timeout=20_000)
    assert "saknar du behörighet" in page.locator("#mal-problem").inner_text()
    assert page.locator("#mal-children").count() == 0
    assert_no_axe_violations(page, "out of scope")
    assert page.console_errors == []


@pytest.mark.parametrize("width", [1280, 1920, 390])
def test_the_page_fits_the_screen(live_server, page, login, width):
    login("ledning")  # at the default width, where the navbar shows who is logged in
    page.set_viewport_size({"width": width, "height": 900})
    for name, search in (("start", ""), ("namndmal", "?goal=HSN-M1&period=2026-DELAR")):
        page.goto(f"{live_server}/mal{search}")
        page.wait_for_selector("#mal-tree .main-svg", timeout=20_000)
        page.wait_for_load_state("networkidle")
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"sidan är {overflow} px för bred vid {width} px"
        page.screenshot(path=SCREENSHOT.format(f"{name}-{width}"), full_page=True)
    assert page.console_errors == []


def test_a_goals_indicator_values_and_children_download(app, live_server, page, login):
    login("ledning")
    page.goto(live_server + "/mal?goal=HSN-M1&period=2026-T1")
    wait_for_heading(page, "Invånarna får vård i rätt tid")
    tile = page.locator(".indicator-tile").first
    tile.locator("summary", has_text="Visa som tabell").click()
    shown = tile.locator("table tbody tr").all_inner_texts()
    name, content = click_download(page, ".indicator-tile >> nth=0 >> "
                                   'a[href^="/ladda-ner/mal/indikator-"][href*=".xlsx?"]')
    sheet = xlsx_rows(content)
    assert name.startswith("mal_nyckeltal-") and name.endswith("_HSN-M1_2026-T1.xlsx")
    assert sheet[0][0] == "Period" and sheet[0][1].startswith("Utfall")
    assert [row[0] for row in sheet[1:]] == [text.split("\t")[0].replace("\xa0", " ")
                                            for text in shown]
    assert all(isinstance(row[1], (int, float)) for row in sheet[1:])  # numbers, not text
    name, content = click_download(page, "#mal-children " + link("mal", "children", "csv"))
    rows = csv_rows(content)
    assert name == "mal_mal-under_HSN-M1_2026-T1.csv"
    assert len(rows) - 1 == page.locator("#mal-children tbody tr").count()
    assert_no_axe_violations(page, "målet med en tabell öppen")
    assert page.console_errors == []
