"""Every chart as Chromium draws it: tick labels and axis titles whole inside the chart, no
axis title over the tick labels, and thousands separated by a non-breaking space."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

# Views with long tick labels: tkr at an område, six-digit counts, ten-million counts.
VIEWS = ("/ekonomi?unit=RSTAB-EKO", "/mal?goal=MO-RU", "/mal/indikator?code=N01951",
         "/oppna-data/nyckeltal?code=N01951", "/ekonomi/atgarder", "/ekonomi/prognossakerhet",
         "/internkontroll/risk?code=HSN-2025-R05", "/")

# Each drawn chart's box, and the text and box of its tick labels and axis titles.
CHART_TEXTS = """() => [...document.querySelectorAll('.js-plotly-plot')].map(plot => {
    const box = e => { const r = e.getBoundingClientRect();
                       return [r.left, r.top, r.right, r.bottom]; };
    const texts = selector => [...plot.querySelectorAll(selector)]
        .filter(t => t.textContent.trim()).map(t => [t.textContent, box(t)]);
    return {box: box(plot.querySelector('.main-svg')), ticks: texts('g[class$="tick"] text'),
            titles: texts('text[class$="title"]')};
})"""
PLAIN_SPACE_IN_NUMBER = re.compile(r"\d \d")


def inside(inner, outer, slack: float = 1.0) -> bool:
    return (inner[0] >= outer[0] - slack and inner[1] >= outer[1] - slack
            and inner[2] <= outer[2] + slack and inner[3] <= outer[3] + slack)


def overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def test_tick_labels_and_titles_are_whole_apart_and_swedish(live_server, page, login):
    login("ledning")
    page.set_viewport_size({"width": 1280, "height": 900})
    numbers = []
    for view in VIEWS:
        page.goto(live_server + view)
        page.wait_for_selector(".js-plotly-plot .main-svg", timeout=20_000)
        page.wait_for_load_state("networkidle")
        charts = page.evaluate(CHART_TEXTS)
        assert charts, view
        for chart in charts:
            for text, box in chart["ticks"] + chart["titles"]:
                assert inside(box, chart["box"]), (view, text, "clipped")
            for title, title_box in chart["titles"]:
                assert not [t for t, box in chart["ticks"] if overlap(box, title_box)], \
                    (view, title, "over the tick labels")
            numbers += [t for t, _ in chart["ticks"]]
    assert not [t for t in numbers if PLAIN_SPACE_IN_NUMBER.search(t)]
    assert [t for t in numbers if re.fullmatch("\u2212?\\d{1,3}(\u00a0\\d{3})+", t)]


# The same of the charts drawn on the server for the public (dashboard.drawn_charts).
DRAWN_TEXTS = """() => [...document.querySelectorAll('#react-entry-point .chart.drawn')]
    .filter(c => c.checkVisibility()).map(chart => {
    const box = e => { const r = e.getBoundingClientRect();
                       return [r.left, r.top, r.right, r.bottom]; };
    const texts = selector => [...chart.querySelectorAll(selector)]
        .filter(t => t.checkVisibility() && t.textContent.trim())
        .map(t => [t.textContent, box(t)]);
    return {box: box(chart), across: texts('.drawn-chart-xticks span'),
            up: texts('.drawn-chart-yticks span'),
            titles: texts('.drawn-chart-ytitle span, .drawn-chart-xtitle')};
})"""


@pytest.mark.parametrize("width", [1280, 390])
def test_the_publics_drawn_charts_keep_their_labels_whole_and_apart(live_server, page, width):
    page.set_viewport_size({"width": width, "height": 900})
    numbers = []
    for view in ("/", "/oppna-data/nyckeltal?code=N01951", "/storbild"):
        page.goto(live_server + view)
        page.wait_for_selector("#react-entry-point .chart.drawn svg", timeout=20_000)
        charts = page.evaluate(DRAWN_TEXTS)
        assert charts, view
        for chart in charts:
            labels = chart["across"] + chart["up"] + chart["titles"]
            for text, box in labels:
                assert inside(box, chart["box"]), (view, width, text, "clipped")
            across = [box for _, box in chart["across"]]
            assert not [a for a, b in zip(across, across[1:]) if overlap(a, b)], (view, width)
            for title, title_box in chart["titles"]:
                assert not [t for t, box in chart["across"] + chart["up"]
                            if overlap(box, title_box)], (view, title, "over the tick labels")
            numbers += [t for t, _ in chart["up"]]
    assert not [t for t in numbers if PLAIN_SPACE_IN_NUMBER.search(t)]
    assert [t for t in numbers if re.fullmatch("\u2212?\\d{1,3}(\u00a0\\d{3})+", t)]
