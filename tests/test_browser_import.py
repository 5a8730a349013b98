"""Import in a real headless Chromium, as an administrator: choose a file with the keyboard,
dry-run it, read the report, fix the file, import it, find it in the log; zero axe
violations at every step, no console errors and nothing loaded from other hosts."""

from __future__ import annotations

import datetime as dt

import pytest
from axe_playwright_python.sync_playwright import Axe

from data_access.db import session_scope
from data_access.models import ImportRun
from tests.test_kolada_sync import PAGE_REVISIONS, add_kolada_run

pytestmark = pytest.mark.browser

HEADER = "Kod;Titel;Nämnd;Ägare;Process;År;Sannolikhet;Konsekvens;Status"
SCREENSHOT = "/tmp/import-{}.png"


def assert_no_axe_violations(page, where: str) -> None:
    page.wait_for_load_state("networkidle")
    violations = Axe().run(page).response["violations"]
    assert violations == [], (where, [(v["id"], v["help"], v["nodes"][:2]) for v in violations])


def file_choosers(page) -> list:
    """The file dialogs the page opens from now on (listening early, so none is missed)."""
    opened: list = []
    page.on("filechooser", lambda chooser: opened.append(chooser))
    return opened


def choose_file(page, opened: list, path) -> None:
    """Choose a file through the drop area's button, with the keyboard."""
    before = len(opened)
    page.focus("#importera-fil button")
    page.keyboard.press("Enter")
    for _ in range(100):
        if len(opened) > before:
            break
        page.wait_for_timeout(100)
    opened[-1].set_files(str(path))


def dry_run(page, opened: list, path) -> str:
    """Choose the file and dry-run it; the report's text."""
    choose_file(page, opened, path)
    page.wait_for_selector("#importera-vald:has-text('Vald fil: risker.csv')")
    # A new file clears the last report.
    page.wait_for_function("document.getElementById('importera-rapport').children.length === 0")
    page.click("#importera-provkor")
    page.wait_for_selector("#importera-rapport h2:has-text('Provkörning')", timeout=30_000)
    return page.inner_text("#importera-rapport")


def test_an_administrator_imports_a_file_step_by_step(live_server, page, login, tmp_path):
    path = tmp_path / "risker.csv"
    path.write_text(f"{HEADER}\nBR-R1;Risk i webbläsaren;HSN;HSF;lon;2026;7;4;öppen\n",
                    encoding="utf-8")
    opened = file_choosers(page)
    login("admin")
    page.goto(live_server + "/admin/import")
    page.wait_for_selector("h1:has-text('Import')")
    admin_link = page.locator("#nav-links a", has_text="Administration")
    assert admin_link.get_attribute("href") == "/admin/import"
    assert admin_link.get_attribute("aria-current") == "page"
    assert page.is_disabled("#importera-spara")
    assert_no_axe_violations(page, "empty form")
    page.select_option("#importera-sort", "risker")

    report = dry_run(page, opened, path)
    assert "Provkörning: Fel" in report
    assert "Sannolikhet" in report and "ska vara ett heltal från 1 till 4" in report
    assert page.is_disabled("#importera-spara")
    assert_no_axe_violations(page, "report with problems")
    page.screenshot(path=SCREENSHOT.format("fel"), full_page=True)

    path.write_text(f"{HEADER}\nBR-R1;Risk i webbläsaren;HSN;HSF;lon;2026;3;4;öppen\n",
                    encoding="utf-8")
    report = dry_run(page, opened, path)
    assert "Provkörning: Klar" in report and "BR-R1" in report
    page.wait_for_selector("#importera-spara:not([disabled])")
    page.click("#importera-spara")
    page.wait_for_selector("#importera-rapport h2:has-text('Import: Klar')", timeout=30_000)
    assert page.is_disabled("#importera-spara")
    assert_no_axe_violations(page, "imported")
    page.screenshot(path=SCREENSHOT.format("klar"), full_page=True)

    page.click("text=Se importloggen")
    page.wait_for_selector("h1:has-text('Importlogg')")
    rows = page.inner_text("#importlogg-lista")
    assert rows.count("risker.csv") == 3 and "Provkörning, fel" in rows
    page.click("#importlogg-lista details summary >> nth=0")
    assert "sha256" in page.inner_text("#importlogg-lista details >> nth=0")
    assert_no_axe_violations(page, "import log")
    page.screenshot(path=SCREENSHOT.format("logg"), full_page=True)
    assert page.console_errors == []
    assert all(url.startswith(live_server + "/") for url in page.requested_urls)


def test_too_big_a_file_is_refused_before_it_is_sent(live_server, page, login, tmp_path):
    path = tmp_path / "stor.csv"
    path.write_bytes(b"Kod;Namn\n" + b"x" * (10 * 1024 * 1024 + 10))
    opened = file_choosers(page)
    login("admin")
    page.goto(live_server + "/admin/import")
    page.wait_for_selector("h1:has-text('Import')")
    choose_file(page, opened, path)
    page.wait_for_selector("#importera-vald:has-text('här tas filer på högst 10,0')")
    assert page.is_disabled("#importera-provkor") and page.is_disabled("#importera-spara")
    assert_no_axe_violations(page, "too big a file")


def test_the_import_page_is_not_in_anyone_elses_navbar(live_server, page, login):
    login("ledning")
    assert page.locator("#nav-links a:has-text('Administration')").count() == 0
    page.goto(live_server + "/admin/import")
    page.wait_for_selector("h1:has-text('Ingen behörighet')")


def test_a_stratsys_file_loads_through_the_mappings_of_its_source(live_server, page, login,
                                                                  tmp_path):
    """The demo maps Stratsys's "HC Brunflo" and "Basala hygienrutiner" to our codes."""
    path = tmp_path / "stratsys.csv"
    path.write_text("Indikator;Enhet;Period;Värde totalt;Källa\n"
                    "Basala hygienrutiner;HC Brunflo;2026-08-01;66 %;Stratsys\n", encoding="utf-8")
    opened = file_choosers(page)
    login("admin")
    page.goto(live_server + "/admin/import")
    page.wait_for_selector("h1:has-text('Import')")
    page.select_option("#importera-sort", "matvarden")
    page.fill("#importera-kalla", "stratsys")
    choose_file(page, opened, path)
    page.wait_for_selector("#importera-vald:has-text('Vald fil: stratsys.csv')")
    page.click("#importera-provkor")
    page.wait_for_selector("#importera-rapport h2:has-text('Provkörning')", timeout=30_000)
    assert "Provkörning: Klar" in page.inner_text("#importera-rapport")
    page.wait_for_selector("#importera-spara:not([disabled])")
    assert_no_axe_violations(page, "source and dry run")
    page.screenshot(path="/tmp/mappings-import-kalla.png", full_page=True)
    page.fill("#importera-kalla", "annat")  # another source: dry-run again first
    page.wait_for_selector("#importera-spara[disabled]")
    page.fill("#importera-kalla", "")
    page.click("#importera-provkor")
    page.wait_for_selector("#importera-rapport h2:has-text('Provkörning: Fel')", timeout=30_000)
    assert "det finns ingen enhet med den koden" in page.inner_text("#importera-rapport")
    assert page.console_errors == []


def test_the_importlogg_warns_in_words_about_a_source_older_than_expected(
        live_server, page, login, demo_url):
    """Ekonomin was last imported 50 days ago (expected monthly): a warning says so in words,
    and the sources' table says which source and how old, not by colour alone."""
    finished = dt.datetime.combine(dt.date.today() - dt.timedelta(days=50), dt.time(6, 0))
    with session_scope(demo_url) as session:
        session.add(ImportRun(kind="utfall", file_name="utfall.csv", started_at=finished,
                              finished_at=finished, outcome="ok"))
    login("admin")
    page.goto(live_server + "/admin/importlogg")
    page.wait_for_selector("h1:has-text('Importlogg')")
    warning = page.locator("#importlogg-varning")
    warning.wait_for(state="visible")
    assert "Varning: gamla data" in warning.inner_text()
    assert "Ekonomi (utfall): senast lyckad import" in warning.inner_text()
    assert "för 50 dagar sedan" in warning.inner_text()
    sources = page.inner_text("#importlogg-kallor")
    assert "Varning: äldre än väntat (mer än 35 dagar)" in sources
    assert_no_axe_violations(page, "import log with a warning")
    page.screenshot(path=SCREENSHOT.format("varning"), full_page=True)
    assert page.console_errors == []


def test_the_importlogg_lists_the_values_kolada_revised(live_server, page, login, demo_url):
    """The latest Kolada sync revised one value and deleted another: the Importlogg says which,
    old and new, in words (Reviderat, Borttaget av Kolada), in an accessible table."""
    add_kolada_run(demo_url, PAGE_REVISIONS)
    login("admin")
    page.goto(live_server + "/admin/importlogg")
    card = page.locator("#importlogg-reviderade")
    card.wait_for(state="visible")
    text = card.inner_text()
    assert "Reviderade värden" in text
    assert "2 värden som Kolada hade ändrat eller tagit bort" in text
    rows = card.locator("tbody tr")
    assert rows.count() == 2
    assert rows.nth(0).inner_text().split("\t") == [
        "N1", "0023 Region Jämtland Härjedalen", "2023", "totalt", "80,5", "81,25", "Reviderat"]
    assert rows.nth(1).inner_text().split("\t") == [
        "N1", "0000 Riket", "2023", "kvinnor", "75", "–", "Borttaget av Kolada"]
    assert_no_axe_violations(page, "import log with Kolada's revisions")
    page.screenshot(path=SCREENSHOT.format("reviderade"), full_page=True)
    assert page.console_errors == []
