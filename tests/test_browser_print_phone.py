"""Every internal page's tables in a real headless Chromium, on a phone, a big screen and paper
(issue 22): at 390 and 320 px the page never scrolls sideways and every cell's text is on the
screen; at 1440 px no column is cut; printed (A4, portrait or the landscape a wide table's page
asks for) every column is within the page and every table's header repeats on each sheet."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

TIMEOUT = 20_000
SCREENSHOT = "/tmp/printphone-{name}-{width}.png"

# Each internal page, and the views of it that hold the widest tables.
URLS = (
    "/mal", "/mal?goal=HSN-M1&period=2026-T1", "/mal/indikator?code=N70061", "/mal/kvalitet",
    "/mal/uppdrag", "/ekonomi", "/ekonomi?unit=HSN", "/ekonomi?unit=HSF-PV-HC-BRUNFLO",
    "/ekonomi/statsbidrag", "/ekonomi/atgarder", "/ekonomi/prognossakerhet",
    "/internkontroll", "/internkontroll?namnd=HSN&cell=3-4", "/internkontroll/risk?code=HSN-2026-R15",
    "/internkontroll/forsenade-atgarder", "/internkontroll/plan", "/namndrapport",
    "/regionrapport", "/arshjul", "/?namnd=HSN", "/ekonomi/produktion?unit=HSF-PV&indikator=RJH-HSV-015",
    "/enhet?code=HSF-PV", "/sok?q=v%C3%A5rd",
)
# The public pages, as anyone sees them without logging in.
PUBLIC_URLS = ("/", "/oppna-data", "/oppna-data/mal", "/oppna-data/api", "/oppna-data/nyckeltal",
               "/storbild")
# The administrator's pages, as admin.
ADMIN_URLS = ("/admin/import", "/admin/importlogg", "/admin/granskningslogg", "/admin/anvandare",
              "/admin/profil")

# A4 less the 14 mm side margins of assets/namndrapport.css's @page, in CSS pixels (96 an inch).
PAPER = {"portrait": round((210 - 28) / 25.4 * 96), "landscape": round((297 - 28) / 25.4 * 96)}

# Every visible table cell that is not wholly on the screen: outside the window, outside a box
# that clips it (a table scrolling sideways in its region), or its own text wider than it.
CUT_CELLS = """() => {
    for (const d of document.querySelectorAll('details')) d.open = true;
    const width = document.documentElement.clientWidth;
    const cut = [];
    const name = (cell) => {
        const table = cell.closest('table');
        const where = table.id || table.closest('[id]')?.id || table.className;
        return `${where}: ${cell.tagName} ${JSON.stringify(cell.innerText.trim().slice(0, 40))}`;
    };
    for (const cell of document.querySelectorAll('.page table td, .page table th')) {
        const box = cell.getBoundingClientRect();
        if (box.width === 0 || box.height === 0 || !cell.innerText.trim()) continue;
        let left = 0, right = width;
        for (let el = cell.parentElement; el && el !== document.body; el = el.parentElement) {
            if (getComputedStyle(el).overflowX !== 'visible') {
                const clip = el.getBoundingClientRect();
                left = Math.max(left, clip.left);
                right = Math.min(right, clip.right);
            }
        }
        if (right - left <= 1) continue;  // a header hidden for all but screen readers
        if (box.left < left - 1 || box.right > right + 1) {
            cut.push(`${name(cell)} at ${Math.round(box.left)}..${Math.round(box.right)}`
                     + ` of ${Math.round(left)}..${Math.round(right)}`);
        } else {
            for (const el of [cell, ...cell.querySelectorAll('*')]) {
                if (getComputedStyle(el).overflowX !== 'visible' && el.clientWidth > 1
                        && el.scrollWidth > el.clientWidth + 1) {
                    cut.push(`${name(cell)} clips its text`);
                    break;
                }
            }
        }
    }
    return cut;
}"""

# Badges and the text beside them in the same cell must not overlap (risk values on paper).
OVERLAPS = """() => {
    const found = [];
    for (const badge of document.querySelectorAll(
        '.page td .status-badge, .page td .band-chip, .page td [class*=badge]')) {
        const box = badge.getBoundingClientRect();
        if (box.width === 0) continue;
        for (const other of badge.parentElement.children) {
            if (other === badge || other.contains(badge)) continue;
            const o = other.getBoundingClientRect();
            if (o.width && o.left < box.right - 1 && box.left < o.right - 1
                    && o.top < box.bottom - 1 && box.top < o.bottom - 1) {
                found.push(`${badge.innerText.trim()} over ${other.innerText.trim().slice(0, 30)}`);
            }
        }
    }
    return found;
}"""

# What makes a page scroll sideways: the outermost elements reaching past the window.
WIDEST = """() => {
    const width = document.documentElement.clientWidth;
    const wide = [...document.querySelectorAll('body *')].filter(el =>
        el.getBoundingClientRect().right > width + 1
        && ![...el.children].some(c => c.getBoundingClientRect().right > width + 1));
    return wide.slice(0, 3).map(el => `${el.tagName}#${el.id}.${el.getAttribute('class')}`).join(', ');
}"""

HEADERS_REPEAT = """() => [...document.querySelectorAll('.page table')]
    .filter(t => t.tHead && t.getBoundingClientRect().width > 0
                 && getComputedStyle(t.tHead).display !== 'table-header-group')
    .map(t => t.id || t.className)"""


def open_page(page, live_server: str, path: str) -> None:
    page.goto(live_server + path)
    page.wait_for_selector(".page h1, .page h2", timeout=TIMEOUT)
    page.wait_for_selector("#data-as-of:has-text('Data per')", timeout=TIMEOUT)
    page.wait_for_load_state("networkidle")


def problems_on(page, live_server: str, urls) -> list[str]:
    """What is cut, clipped, overlapping or scrolling sideways on each page, in words."""
    problems = []
    for path in urls:
        page.set_viewport_size({"width": 320, "height": 844})
        open_page(page, live_server, path)
        for width in (320, 390, 1440):  # widening: a chart redrawn late makes nothing wider
            page.set_viewport_size({"width": width, "height": 900})
            overflow = page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth")
            if overflow > 0:
                problems.append(f"{path} at {width} px scrolls {overflow} px sideways: "
                                + page.evaluate(WIDEST))
            problems += [f"{path} at {width} px: {cut}" for cut in page.evaluate(CUT_CELLS)]
            if width == 390:
                name = path.strip("/").replace("/", "-").replace("?", "_")
                page.screenshot(path=SCREENSHOT.format(name=name, width=width), full_page=True)
        page.emulate_media(media="print")
        paper = "landscape" if page.evaluate(
            "getComputedStyle(document.body).page") == "wide" else "portrait"
        page.set_viewport_size({"width": PAPER[paper], "height": 1000})
        problems += [f"{path} printed {paper}: {cut}" for cut in page.evaluate(CUT_CELLS)]
        problems += [f"{path} printed: {o}" for o in page.evaluate(OVERLAPS)]
        problems += [f"{path} printed: header of {t} does not repeat"
                     for t in page.evaluate(HEADERS_REPEAT)]
        page.emulate_media(media="screen")
    return problems


def test_every_internal_page_fits_a_phone_a_big_screen_and_paper(live_server, page, login):
    login("ledning")
    problems = problems_on(page, live_server, URLS)
    assert problems == [], "\n".join(problems)
    assert page.console_errors == []


def test_every_admin_page_fits_a_phone_a_big_screen_and_paper(live_server, page, login):
    login("admin")
    problems = problems_on(page, live_server, ADMIN_URLS)
    assert problems == [], "\n".join(problems)
    assert page.console_errors == []


def test_every_public_page_fits_a_phone_a_big_screen_and_paper(live_server, page):
    problems = problems_on(page, live_server, PUBLIC_URLS)
    assert problems == [], "\n".join(problems)
    assert page.console_errors == []
