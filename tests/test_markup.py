"""Parts of a page sent as HTML (dashboard.markup) and the public's charts drawn on the server
(dashboard.drawn_charts): escaped, the same markup Dash's components would draw, anchors kept
on the live page and taken out of the server's first-view copy; and the charts from the very
figure dicts plotly draws, for the public only."""

from __future__ import annotations

import re

import pytest
from dash import dcc, html

from callbacks.oversikt import status_figure
from dashboard import drawn_charts
from dashboard.encoding import to_json
from dashboard.markup import Markup, static, to_html
from data_access.queries.goals import StatusDistribution
from data_access.status import STATUSES
from layouts.components import data_table


def test_static_is_the_markup_of_its_components_escaped():
    part = static([html.P("a < b & \"c\"", className="x"),
                   dcc.Link("Mål", href="/mal?goal=A&period=B"),
                   html.A("CSV", href="/oppna-data/filer/alla.csv")],
                  tag="section", className="part", **{"aria-label": "Del"})
    assert isinstance(part, Markup)
    assert part.html == ('<p class="x">a &lt; b &amp; "c"</p>'
                         '<a href="/mal?goal=A&amp;period=B" data-rt-link="true">Mål</a>'
                         '<a href="/oppna-data/filer/alla.csv">CSV</a>')
    sent = to_json(part)  # as a callback answers it: no raw "<" in the JSON
    assert '"type":"Markup","namespace":"rodtrad_components"' in sent and "<" not in sent
    assert '"tag":"section"' in sent and '"aria-label":"Del"' in sent


def test_a_light_link_is_drawn_as_its_component_is():
    """A light dcc.Link (layouts.components.light_link) takes the light elements' direct way,
    not the one for `<link>`, the void HTML element of the same name: the same anchor as its
    component's, attributes in the order given."""
    from layouts.components import light, light_link

    cell = light("Td", light_link("Mål & mått", "/mal?goal=A&period=B", className="x"))
    assert to_html(cell) == ('<td><a href="/mal?goal=A&amp;period=B" class="x" '
                             'data-rt-link="true">Mål &amp; mått</a></td>')
    component = dcc.Link("Mål & mått", href="/mal?goal=A&period=B", className="x")
    assert re.sub(r' (class="x"|href="[^"]*")', "", to_html(cell)) == \
        "<td>" + re.sub(r' (class="x"|href="[^"]*")', "", to_html(component)) + "</td>"


def test_an_anchor_stays_on_the_live_page_and_leaves_the_first_view_copy():
    part = static(html.Li("Mål 1", id="mal-RS-1"), id="omrade-MO-1")
    assert part.html == '<li id="mal-RS-1">Mål 1</li>'
    copy = to_html(html.Div(part))  # dashboard.prerender's copy has no ids at all
    assert copy == "<div><div><li>Mål 1</li></div></div>"


def test_a_data_table_is_one_element_with_a_named_keyboard_region():
    table = data_table("Nyckeltal", ["Namn", "Värde"], [["Väntetid <90 dagar", "1 234"]],
                       [False, True])
    assert isinstance(table, Markup) and table.tabIndex == "0" and table.role == "region"
    assert table.className == "table-responsive"
    assert "<caption>Nyckeltal</caption>" in table.html
    assert '<td data-label="Namn">Väntetid &lt;90 dagar</td>' in table.html
    assert '<td class="text-end" data-label="Värde">1 234</td>' in table.html


def _series(dash="dash", symbol="square"):
    return {"data": [
        {"type": "scatter", "x": ["2024-01-01", "2024-12-31"], "y": [4.0, 4.0], "mode": "lines",
         "line": {"width": 0}, "showlegend": False, "legendgroup": "t", "hoverinfo": "skip"},
        {"type": "scatter", "x": ["2024-01-01", "2024-12-31"], "y": [6.0, 6.0], "mode": "lines",
         "fill": "tonexty", "fillcolor": "rgba(230, 159, 0, 0.18)", "name": "Tolerans",
         "legendgroup": "t", "hoverinfo": "skip", "line": {"width": 0}},
        {"type": "scatter", "x": ["2023-07-01", "2024-07-01", "2025-07-01"],
         "y": [1234.5, None, 5.0], "name": "Riket", "mode": "lines+markers",
         "customdata": ["2023", "2024", "2025"], "text": ["1 234,5", "", "5"],
         "hovertemplate": "%{customdata}: %{text} <extra></extra>",
         "line": {"color": "#5F6B73", "dash": dash, "width": 2},
         "marker": {"symbol": symbol, "size": 8}},
    ], "layout": {"height": 400, "font": {"size": 14}, "yaxis": {"title": {"text": "kr"}}}}


def test_lines_over_years_drawn_with_bands_gaps_markers_and_hover_texts():
    figure = _series()
    assert drawn_charts.drawable(figure)
    drawn = drawn_charts.to_html(figure)
    assert drawn.count("<polygon") == 1  # the tolerance band between its two edges
    riket = re.search(r'<g data-trace="Riket">(.*?)</g>', drawn)[1]
    assert riket.count("<polyline") == 0  # a gap: no line across the missing 2024
    assert 'stroke-dasharray="8 5"' in drawn_charts.to_html(_series(symbol="x"))
    assert "<title>2023: 1 234,5</title>" in drawn and "<title>2025: 5</title>" in drawn
    years = re.findall(r'<span(?: class="alt")? style="left:[\d.]+%">(\d{4})</span>', drawn)
    assert years == ["2023", "2024", "2025"]
    assert "1\u00a0200" in drawn or "1\u00a0000" in drawn  # Swedish thousands on the y axis
    legend = re.findall(r"<li>.*?<span>(.*?)</span></li>", drawn)
    assert legend == ["Tolerans", "Riket"]  # the band's group once, the hidden edge not


def test_every_marker_symbol_and_dash_of_the_comparisons_differs():
    symbols = ["square", "diamond-open", "triangle-up", "x", "star", "triangle-down", "cross",
               "circle"]
    shapes = {drawn_charts._symbol_path(s, 4)[0] for s in symbols}
    assert len(shapes) == len(symbols)  # "-open" draws the same outline, unfilled
    assert drawn_charts._dash("5px,3px,1px,3px") == "5 3 1 3"
    assert drawn_charts._dash("solid") is None


def test_status_bars_first_at_the_top_with_their_counts():
    counts = dict(zip(STATUSES, [90, 52, 73, 0]))
    figure = status_figure(StatusDistribution(followup=None, counts=counts))
    assert drawn_charts.drawable(figure)
    drawn = drawn_charts.to_html(figure)
    tops = [float(t) for t in re.findall(r'<rect x="0" y="([\d.]+)"', drawn)]
    assert tops == sorted(tops)  # reversed axis: the first status at the top
    assert re.findall(r'class="drawn-chart-bartext"[^>]*>([^<]*)<', drawn) == ["90", "52", "73",
                                                                               "0"]
    assert "Antal mål" in drawn


@pytest.mark.parametrize("figure", [
    {"data": [{"type": "pie", "values": [1, 2]}], "layout": {}},
    {"data": [{"type": "bar", "x": ["a"], "y": [1]}], "layout": {}},  # vertical bars
    {"data": [{"type": "scatter", "x": ["a", "b"], "y": [1, 2]}], "layout": {}},  # categories
    {"data": [], "layout": {}},
    "not a figure",
])
def test_other_figures_keep_plotly(figure):
    assert not drawn_charts.drawable(figure)


def test_an_anchor_in_a_table_cell_stays_for_its_link():
    """Årshjul's dates link to their row (`#dag-…`): the id stays on the live page."""
    table = data_table("Händelser", ["Dag"], [[html.Span("1 mars", id="dag-2026-03-01")]], [False])
    assert '<span id="dag-2026-03-01">1 mars</span>' in table.html
    assert 'id="dag' not in to_html(html.Div(table))  # the first view's copy has no ids


@pytest.mark.parametrize("template", [
    "%{x}<br>%{y:.1f} %{customdata}", "<b>%{text}</b>: %{y}<extra>%{x}</extra>",
    "<span title='%{x}'>%{y}</span>", "%{text} %{nothing} %{customdata}", "a\0b %{y}", "",
    "Utfall<br>%{customdata}: %{text}", "{%{x}} no fields {}", "fast text",
])
def test_a_traces_hover_texts_are_worked_out_once_as_each_alone(template):
    """drawn_charts._hover_texts gives each point's _hover text, whatever the template's
    markup and the values hold."""
    trace = {"type": "scatter", "name": "Utfall", "hovertemplate": template or None,
             "x": ["2025", "2026", "2027", "2028"], "y": [1.5, None, 3.0, 4.0],
             "text": ["<i>a</i>", "b > c", "{0} }{"], "customdata": "kr"}
    template = drawn_charts._template(trace)
    points = [(i, x, y) for i, (x, y) in enumerate(zip(trace["x"], trace["y"]))]
    assert drawn_charts._hover_texts(trace, template, points) == [
        drawn_charts._hover(trace, i, x, y, template) for i, x, y in points]
    shared = trace | {"text": "a {b}", "customdata": ["x", "<y>"]}
    assert drawn_charts._hover_texts(shared, template, points) == [
        drawn_charts._hover(shared, i, x, y, template) for i, x, y in points]
    skipped = trace | {"hoverinfo": "skip"}
    assert drawn_charts._hover_texts(skipped, template, points[:1]) == [""]


def test_collapse_static_sends_the_parts_nothing_uses_as_html():
    """A public page (layouts.page.Page.body): each largest part with no id in it, of html
    components and links, is one Markup with the same outer element; a part with an id, a
    live component (a select) or an outer element a Markup cannot be (a style) keeps it."""
    from dash_bootstrap_components import Select

    from dashboard.markup import collapse_static

    header = html.Div([html.H1("Mål"), html.P("Om målen", className="lead")],
                      className="page-header")
    nav = html.Nav(html.Ul([html.Li(dcc.Link("Nyckeltal", href="/oppna-data")),
                            html.Li(html.Span("Mål", **{"aria-current": "page"}))]),
                   className="subnav", **{"aria-label": "Öppna data"})
    styled = html.Div([html.Span("a"), html.Span("b")], style={"color": "red"})
    live = html.Div([html.Label("Område"), Select(id="x-area", options=[], value=None)])
    heading = html.H2(html.Span("Med id"), id="x-heading")
    tree = html.Div([header, nav, styled, live, heading, html.P("En rad")], className="page")

    shown = collapse_static(tree)
    first, second, third, fourth, fifth, sixth = shown.children
    assert isinstance(first, Markup) and first.tag == "div" and first.className == "page-header"
    assert first.html == '<h1>Mål</h1><p class="lead">Om målen</p>'
    assert isinstance(second, Markup) and second.tag == "nav"
    assert getattr(second, "aria-label") == "Öppna data"
    assert 'data-rt-link="true">Nyckeltal</a>' in second.html
    assert 'aria-current="page"' in second.html
    # The style stays on its own Div; its two spans are single components, left as they are.
    assert isinstance(third, html.Div) and third.style == {"color": "red"}
    assert [type(c) for c in third.children] == [html.Span, html.Span]
    assert isinstance(fourth, html.Div) and isinstance(fourth.children[1], Select)
    assert fifth is heading and sixth is tree.children[5]
    # The tree given is unchanged; the whole page, as HTML, is the same.
    assert tree.children[0] is header and isinstance(tree.children[1], html.Nav)
    assert to_html(shown) == to_html(tree)
