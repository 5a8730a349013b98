"""The indicator pages' comparisons as Chromium draws them: each comparison line with its own
dash pattern and marker in the drawn chart and its legend, the rank in words, Kolada credited,
on the public Nyckeltal page and the internal Indikator page."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

# The drawn lines of the series chart: each trace's name, its path's dash pattern (SVG's
# stroke-dasharray) and its markers' shape (the path of its first point), as plotly drew them.
DRAWN = """selector => {
    const plot = document.querySelector(selector + ' .js-plotly-plot');
    return [...plot.querySelectorAll('.scatterlayer .trace')].map((trace, i) => {
        const line = trace.querySelector('path.js-line');
        const point = trace.querySelector('.points path');
        return {name: plot.data[i].name,
                dash: line ? (line.style.strokeDasharray || 'solid') : null,
                marker: point ? point.getAttribute('d') : null};
    });
}"""
LEGEND = """selector => [...document.querySelectorAll(selector + ' .legend .traces')]
    .map(t => t.querySelector('.legendtext').textContent)"""


def comparison_lines(page, selector: str, names: set[str]) -> list[dict]:
    page.wait_for_selector(f"{selector} .js-plotly-plot .main-svg", timeout=20_000)
    page.wait_for_load_state("networkidle")
    drawn = [t for t in page.evaluate(DRAWN, selector) if t["name"] in names]
    assert {t["name"] for t in drawn} == names
    return drawn


def assert_told_apart_without_colour(drawn: list[dict]) -> None:
    """No two comparison lines share their dash pattern, nor their marker's shape."""
    assert len({t["dash"] for t in drawn}) == len(drawn)
    assert len({t["marker"] for t in drawn}) == len(drawn)
    assert all(t["dash"] != "solid" for t in drawn)


COMPARED = {"Riket", "Region Västernorrland", "Region Västerbotten", "Region Norrbotten",
            "Median, regionerna"}


# The same of a chart drawn on the server (dashboard.drawn_charts), for the public.
DRAWN_ON_SERVER = """selector => {
    const chart = document.querySelector('#react-entry-point ' + selector);
    return [...chart.querySelectorAll('.drawn-chart-markers > g[data-trace]')].map(marks => {
        const name = marks.dataset.trace;
        const line = [...chart.querySelectorAll('svg:not(.drawn-chart-markers) g[data-trace]')]
            .find(g => g.dataset.trace === name);
        const dash = line && line.querySelector('polyline').getAttribute('stroke-dasharray');
        return {name, dash: dash || 'solid', marker: marks.querySelector('path').getAttribute('d')};
    });
}"""
DRAWN_LEGEND = """selector => [...document.querySelectorAll(
    '#react-entry-point ' + selector + ' .drawn-chart-legend li')].map(li => li.innerText.trim())"""


def test_the_public_page_ranks_and_draws_distinguishable_lines(live_server, page):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server + "/oppna-data/nyckeltal?code=N70061")
    page.wait_for_selector("#nyckeltal-rank", timeout=20_000)
    assert re.fullmatch(r"(Delad p|P)lats \d{1,2} av 21 regioner \(2025\).*",
                        page.inner_text("#nyckeltal-rank"))
    page.wait_for_selector("#react-entry-point #nyckeltal-series-chart .drawn-chart svg")
    drawn = [t for t in page.evaluate(DRAWN_ON_SERVER, "#nyckeltal-series-chart")
             if t["name"] in COMPARED]
    assert {t["name"] for t in drawn} == COMPARED
    assert_told_apart_without_colour(drawn)
    assert COMPARED <= set(page.evaluate(DRAWN_LEGEND, "#nyckeltal-series-chart"))
    ranking = page.locator("#nyckeltal-ranking")
    assert "Källa: Kolada" in ranking.inner_text() and "egen beräkning" in ranking.inner_text()
    ranking.locator("summary").click()
    rows = ranking.locator("tbody tr")
    assert rows.count() == 21
    assert ranking.locator("tbody strong").inner_text() == "Region Jämtland Härjedalen"
    kommuner = page.locator("#nyckeltal-kommuner")
    assert kommuner.locator("tbody tr").count() == 8 and "Östersund" in kommuner.inner_text()
    assert page.console_errors == []


def test_the_internal_page_ranks_and_draws_distinguishable_lines(live_server, page, login):
    login("ledning")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server + "/mal/indikator?code=N70061")
    page.wait_for_selector("#indikator-rank", timeout=20_000)
    assert "av 21 regioner (2025)" in page.inner_text("#indikator-rank")
    drawn = comparison_lines(page, "#indikator-series-chart", COMPARED)
    assert_told_apart_without_colour(drawn)
    assert "Källa: Kolada" in page.inner_text("#indikator-comparisons")
    assert page.console_errors == []
