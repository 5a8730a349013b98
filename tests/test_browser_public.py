"""The public pages in a real headless Chromium, without logging in: zero axe-core violations,
one main landmark, headings in order, a data table beside every chart, status never by colour
alone, every control reachable by keyboard with a visible focus, no sideways scrolling on a
phone or at 200 % zoom; the filters and selectors write the URL and keep the focus; and
Storbildsläge turns by itself, pauses, steps, and stands still for reduced motion."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from data_access.status import STATUS_LABELS_SV

pytestmark = pytest.mark.browser

# (URL, the h1 it shows)
VIEWS = (
    ("/", "Översikt"),
    ("/oppna-data", "Öppna data"),
    ("/oppna-data?area=MO-HSV&perspective=jamstalldhet", "Öppna data"),
    ("/oppna-data?q=finns-inte-alls", "Öppna data"),
    ("/oppna-data?area=FINNS-INTE", "Öppna data"),
    ("/oppna-data?sida=2", "Öppna data"),
    ("/oppna-data/mal", "Regionens mål"),
    ("/oppna-data/mal?perspective=barnratt&q=barn", "Regionens mål"),
    ("/oppna-data/nyckeltal?code=N70061", "Nettokostnad hälso- och sjukvård totalt"),
    ("/oppna-data/nyckeltal?code=RJH-HR-002&unit=HSN", "Sjukfrånvaro"),
    ("/oppna-data/nyckeltal", "Nyckeltal"),
    ("/oppna-data/nyckeltal?code=FINNS-INTE", "Nyckeltal"),
    ("/oppna-data/api", "Ladda ned och API"),
    ("/storbild", "Storbildsläge"),
    ("/storbild?codes=RJH-HR-002,N70061", "Storbildsläge"),
)
STATUS_TEXTS = {f"{label.symbol} {label.word}" for label in STATUS_LABELS_SV.values()}
SCREENSHOT = "/tmp/oppna-data-{}.png"


def open_view(page, base: str, path: str, heading: str) -> None:
    """Load a public page and wait until its heading, charts and footer are drawn."""
    page.goto(base + path)
    page.wait_for_selector(f"h1:has-text('{heading}')", timeout=20_000)
    page.wait_for_selector("#data-as-of:has-text('Data per')", timeout=20_000)
    page.wait_for_load_state("networkidle")
    page.wait_for_function("""() => [...document.querySelectorAll('.chart')]
        .filter(c => c.checkVisibility())
        .every(c => c.querySelector('.main-svg') || c.querySelector('.drawn-chart svg'))""",
                           timeout=20_000)


STRUCTURE = """() => {
    const visible = e => e.checkVisibility();
    const levels = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].filter(visible)
        .map(h => Number(h.tagName[1]));
    const charts = [...document.querySelectorAll('.chart')].map(chart => {
        const box = chart.closest('.card, section, .storbild-slide');
        return Boolean(box && box.querySelector('table caption'));
    });
    // (A målområde far below is not laid out yet, content-visibility: its text reads empty.)
    const badges = [...document.querySelectorAll('.status-badge')]
        .filter(b => b.checkVisibility({contentVisibilityAuto: true}))
        .map(b => b.innerText.replace(/\\s+/g, ' ').trim());
    return {mains: document.querySelectorAll('main, [role=main]').length, levels, charts, badges,
            lang: document.documentElement.lang};
}"""


def test_every_public_page_is_accessible(live_server, page):
    for n, (path, heading) in enumerate(VIEWS):
        open_view(page, live_server, path, heading)
        violations = Axe().run(page).response["violations"]
        assert violations == [], (path, [(v["id"], v["help"], [x["target"] for x in v["nodes"]])
                                         for v in violations])
        found = page.evaluate(STRUCTURE)
        assert found["mains"] == 1 and found["lang"] == "sv", path
        levels = found["levels"]
        assert levels[0] == 1 and levels.count(1) == 1, (path, levels)
        assert all(b <= a + 1 for a, b in zip(levels, levels[1:])), (path, levels)
        assert all(found["charts"]), f"{path}: a chart without a data table"
        assert set(found["badges"]) <= STATUS_TEXTS, (path, found["badges"])  # symbol and word
        page.screenshot(path=SCREENSHOT.format(n), full_page=True)
    assert page.console_errors == []
    assert all(url.startswith(live_server + "/") for url in page.requested_urls)


@pytest.mark.parametrize("size", [(390, 844), (640, 400)], ids=["telefon", "zoom-200"])
def test_the_public_pages_fit_a_phone_and_200_percent_zoom(live_server, page, size):
    """390 px is a phone; 640 × 400 CSS pixels is a 1280 × 800 window zoomed to 200 %."""
    page.set_viewport_size({"width": size[0], "height": size[1]})
    for path, heading in VIEWS:
        open_view(page, live_server, path, heading)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} är {overflow} px för bred vid {size[0]} px"
    page.screenshot(path=SCREENSHOT.format(f"{size[0]}px"), full_page=True)
    assert page.console_errors == []


KEYBOARD_TARGETS = """() => {
    const selector = 'a[href], button, select, input, summary, [tabindex="0"]';
    const targets = [...document.querySelectorAll('main ' + selector)]
        .filter(e => e.checkVisibility() && !e.disabled);
    targets.forEach((e, i) => { e.dataset.kb = String(i); });
    return targets.length;
}"""
FOCUSED = """() => {
    const e = document.activeElement;
    const style = getComputedStyle(e);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    return {kb: e.dataset ? e.dataset.kb : undefined, visible: outline || style.boxShadow !== 'none',
            what: e.outerHTML.slice(0, 80)};
}"""


@pytest.mark.parametrize("path,heading", [
    ("/oppna-data/nyckeltal?code=RJH-HR-002", "Sjukfrånvaro"),
    ("/oppna-data/mal?area=MO-KT", "Regionens mål"),
    ("/storbild?codes=RJH-HR-002,N70061", "Storbildsläge"),
    ("/oppna-data/api", "Ladda ned och API"),
])
def test_every_control_is_reached_by_keyboard_with_a_visible_focus(live_server, page, path,
                                                                   heading):
    open_view(page, live_server, path, heading)
    count = page.evaluate(KEYBOARD_TARGETS)
    assert count > 3
    reached = set()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.innerText") == "Hoppa till innehållet"
    for _ in range(count + 40):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        assert focused["visible"], f"{path}: no visible focus on {focused['what']}"
        if focused["kb"] is not None:
            reached.add(int(focused["kb"]))
        if len(reached) == count:
            break
    assert reached == set(range(count)), f"{path}: {count - len(reached)} not reached by Tab"


def test_filters_write_the_url_and_keep_the_focus(live_server, page):
    open_view(page, live_server, "/oppna-data", "Öppna data")
    everything = page.locator(".result-count").inner_text()
    page.select_option("#oppna_data-area", "MO-TV")
    page.wait_for_url(re.compile(r"area=MO-TV"))
    page.wait_for_selector(".result-count:has-text(' av ')")
    assert page.evaluate("document.activeElement.id") == "oppna_data-area"
    rows = page.locator("table.stacked-table tbody tr")
    assert 0 < rows.count() < int(re.search(r"\d+", everything).group())
    page.fill("#oppna_data-q", "karies")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"area=MO-TV.*q=karies|q=karies.*area=MO-TV"))
    page.wait_for_function("""() => {
        const names = [...document.querySelectorAll('table.stacked-table tbody td:first-child')];
        return names.length > 0 && names.every(n => n.innerText.toLowerCase().includes('karies'));
    }""")
    page.wait_for_function("() => document.activeElement.id === 'oppna_data-q'")
    page.go_back()
    page.wait_for_function("() => !location.search.includes('q=')")
    page.wait_for_function("() => document.getElementById('oppna_data-q').value === ''")
    assert page.console_errors == []


def test_the_goal_page_keeps_the_chosen_period_in_the_url(live_server, page):
    open_view(page, live_server, "/oppna-data/mal?area=MO-KT", "Regionens mål")
    page.select_option("#oppna_mal-period", "2024-HELAR")
    page.wait_for_url(re.compile(r"area=MO-KT.*period=2024-HELAR"))
    page.wait_for_selector("p:has-text('Status vid Helår 2024.')")
    assert page.evaluate("document.activeElement.id") == "oppna_mal-period"
    page.reload()
    page.wait_for_selector("p:has-text('Status vid Helår 2024.')", timeout=20_000)
    page.wait_for_load_state("networkidle")
    assert "period=2024-HELAR" in page.url
    assert page.locator("#oppna_mal-period").input_value() == "2024-HELAR"
    assert page.console_errors == []


def contrast_with_white(rgb: str) -> float:
    """WCAG contrast ratio of a CSS `rgb(r, g, b)` colour against white."""
    channels = [int(c) / 255 for c in re.findall(r"\d+", rgb)[:3]]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return 1.05 / (luminance + 0.05)


def test_a_selector_waits_for_the_keyboard_choice_and_shows_its_focus(live_server, page):
    """Arrow keys on a closed select only browse (WCAG 3.2.2); Enter opens the choice."""
    open_view(page, live_server, "/oppna-data/mal?period=2026-DELAR", "Regionens mål")
    page.focus("#oppna_mal-period")
    ring = page.evaluate("""() => { const s = getComputedStyle(document.activeElement);
        return {style: s.outlineStyle, width: parseFloat(s.outlineWidth), colour: s.outlineColor}; }""")
    assert ring["style"] == "solid" and ring["width"] >= 2, ring
    assert contrast_with_white(ring["colour"]) >= 3, ring
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.wait_for_load_state("networkidle")
    assert page.locator("#oppna_mal-period").input_value() == "2025-HELAR"
    assert "period=2026-DELAR" in page.url
    assert page.locator("p:has-text('Status vid Delår 2026.')").count() == 1
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"period=2025-HELAR"))
    page.wait_for_selector("p:has-text('Status vid Helår 2025.')")
    assert page.console_errors == []


def test_the_indicator_page_switches_unit_and_period_in_the_url(live_server, page):
    open_view(page, live_server, "/oppna-data/nyckeltal?code=RJH-HR-002", "Sjukfrånvaro")
    assert "Kvinnor" in page.locator("#nyckeltal-status").inner_text()  # women and men
    page.select_option("#nyckeltal-unit", "HSN")
    page.wait_for_url(re.compile(r"code=RJH-HR-002.*unit=HSN"))
    page.wait_for_selector("#nyckeltal-series h2:has-text('Hälso- och sjukvårdsnämnden')")
    assert page.evaluate("document.activeElement.id") == "nyckeltal-unit"
    open_view(page, live_server, "/oppna-data/nyckeltal?code=N70061", "Nettokostnad")
    comparison = page.locator("#nyckeltal-comparison")
    assert "Källa: Kolada" in comparison.inner_text()
    assert "Riket" in comparison.locator("thead").inner_text()
    assert page.console_errors == []


SHOWN = "() => [...document.querySelectorAll('.storbild-slide')].findIndex(s => !s.hidden)"


def shown_after(page, index: int) -> None:
    """Let the page's (installed, fake) clock run in small steps until slide `index` shows.

    The fake clock also holds back the timers Dash itself uses after a click, so a real wait
    alone may never see the change.
    """
    for _ in range(100):
        if page.evaluate(SHOWN) == index:
            return
        page.clock.run_for(100)
        page.wait_for_timeout(20)
    assert page.evaluate(SHOWN) == index


def test_storbild_turns_pauses_and_steps(live_server, page):
    page.clock.install()
    open_view(page, live_server, "/storbild?codes=RJH-HR-002,N70061,RJH-EKO-001&seconds=10",
              "Storbildsläge")
    assert page.evaluate(SHOWN) == 0
    page.clock.run_for(10_500)
    shown_after(page, 1)
    width = page.evaluate("document.querySelector('#react-entry-point #storbild-chart-1 svg')"
                          ".getBoundingClientRect().width")
    assert width > 200  # at full size although it was hidden before
    page.click("#storbild-pause")
    page.wait_for_selector("#storbild-pause:has-text('Fortsätt visningen')")
    assert "pausat" in page.locator("#storbild-position").inner_text()
    page.clock.run_for(30_000)
    assert page.evaluate(SHOWN) == 1
    page.click("#storbild-next")
    shown_after(page, 2)
    page.click("#storbild-prev")
    shown_after(page, 1)
    assert page.locator("#storbild-position").inner_text().startswith("Nyckeltal 2 av 3")
    assert page.console_errors == []


def test_storbild_stands_still_for_reduced_motion(chromium, live_server):
    context = chromium.new_context(locale="sv-SE", reduced_motion="reduce")
    page = context.new_page()
    page.clock.install()
    page.goto(live_server + "/storbild?seconds=10")
    page.wait_for_selector("#storbild-pause:has-text('Fortsätt visningen')", timeout=20_000)
    # Before the fake clock runs ahead: plotly.js must have loaded (dcc.Graph gives up after
    # 30 seconds, fake ones too).
    page.wait_for_selector("#react-entry-point #storbild-chart-0 svg", timeout=20_000)
    page.clock.run_for(45_000)
    assert page.evaluate(SHOWN) == 0
    page.click("#storbild-next")
    shown_after(page, 1)
    context.close()


def test_the_phone_menu_button_is_named_by_what_it_shows(live_server, page):
    page.set_viewport_size({"width": 390, "height": 844})
    open_view(page, live_server, "/", "Översikt")
    button = page.get_by_role("button", name="Meny", exact=True)
    assert button.get_attribute("aria-expanded") == "false"
    button.click()
    page.wait_for_selector("#nav-collapse.show")
    assert button.get_attribute("aria-expanded") == "true"
    assert page.locator("#nav-links a", has_text="Öppna data").is_visible()


LAYOUT_SHIFT = """() => new Promise(resolve => {
    new PerformanceObserver(list => resolve(list.getEntries()
        .filter(e => !e.hadRecentInput).reduce((sum, e) => sum + e.value, 0)))
        .observe({type: 'layout-shift', buffered: true});
    setTimeout(() => resolve(0), 1000);  // no shift at all: no entry to report
})"""


def test_a_first_load_fetches_no_plotly_and_shifts_nothing(live_server, page):
    """dashboard/bundles.py: no AG Grid (used nowhere); the public's charts are drawn on the
    server (dashboard.drawn_charts), so no public page fetches plotly.js; the footer waits for
    the content instead of jumping down (assets/app.css)."""
    page.set_viewport_size({"width": 412, "height": 823})  # a phone, as Lighthouse's
    open_view(page, live_server, "/oppna-data/api", "Ladda ned och API")
    assert page.evaluate(LAYOUT_SHIFT) == 0
    for path, heading in (("/", "Översikt"), ("/oppna-data/nyckeltal?code=N70061",
                                                 "Nettokostnad hälso- och sjukvård totalt")):
        open_view(page, live_server, path, heading)
        assert page.evaluate(LAYOUT_SHIFT) == 0, path
        chart = page.locator("#react-entry-point .chart.drawn").first
        assert chart.get_attribute("role") == "img" and chart.get_attribute("aria-label")
        # Each bar or marker says what it is when pointed at.
        assert chart.locator("svg title").count() > 0
        box = chart.locator(".drawn-chart-plot > svg").first.bounding_box()
        assert box["width"] > 150 and box["height"] > 80, (path, box)
    assert not [u for u in page.requested_urls if re.search("plotly|ag_grid", u)]
    assert page.console_errors == []


def test_a_link_in_a_table_sent_as_html_opens_its_page_without_a_reload(live_server, page):
    """dashboard.markup: the list's table is HTML; its links go where dcc.Link goes, in the
    same page (no new index page, the app keeps its state), and Back comes back."""
    open_view(page, live_server, "/oppna-data", "Öppna data")
    page.evaluate("window.rtSamePage = true")
    link = page.locator("#react-entry-point table a[href*='/oppna-data/nyckeltal?code=']").first
    name, href = link.inner_text(), link.get_attribute("href")
    link.click()
    page.wait_for_selector(f"#_pages_content h1:has-text('{name}')", timeout=20_000)
    assert page.url == live_server + href
    assert page.evaluate("window.rtSamePage") is True
    page.go_back()
    page.wait_for_selector("#_pages_content h1:has-text('Öppna data')", timeout=20_000)
    assert page.evaluate("window.rtSamePage") is True
    assert page.console_errors == []
