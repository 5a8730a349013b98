"""The figures every page draws: values in their own year on the time axis (Mål and the
indicator pages alike), Swedish separators with a non-breaking space, axes that make room for
their labels, counts as whole numbers without `antal`, and indicator tiles naming the years
they compare."""

from __future__ import annotations

import datetime as dt
import json

import plotly.graph_objects as go

from callbacks import comparisons as cmp
from callbacks import indikator as cb
from callbacks import mal as shape
from dashboard import charts
from dashboard.core import formatting as fmt
from data_access.queries import indicators as q
from data_access.queries.goal_tree import IndicatorRef, Outcome, TargetValue
from data_access.queries.goals import FollowUp
from tests.test_access import log_in
from tests.test_mal_page import render
from tests.test_pages_http import render_page

COUNT = IndicatorRef(1, "RJH-X", "Lex Maria-anmälningar", "antal", "lower")
YEARLY = [Outcome(1, "2024", dt.date(2024, 12, 31), 480_000.0),
          Outcome(1, "2025", dt.date(2025, 12, 31), 491_300.0)]
TARGETS = [TargetValue(1, 2024, 481_000.0, None, 0.0), TargetValue(1, 2025, 498_000.0, None, 0.0),
           TargetValue(1, 2026, 515_000.0, None, 0.0)]
DELAR_2026 = FollowUp(7, 2026, "DELAR", dt.date(2026, 8, 31))
# Views with every kind of chart the pages draw.
CHART_VIEWS = (("/", ""), ("/mal", "?goal=MO-RU"), ("/mal/indikator", "?code=N01951"),
               ("/ekonomi", "?unit=RSTAB-EKO"), ("/ekonomi/atgarder", ""),
               ("/ekonomi/prognossakerhet", ""), ("/oppna-data/nyckeltal", "?code=N01951"),
               ("/storbild", ""), ("/internkontroll/risk", "?code=HSN-2025-R05"))


def year_of(x: str) -> int:
    return int(x[:4])


def test_a_yearly_outcome_sits_in_its_own_year_beside_its_own_target():
    outcome, target = shape.indicator_figure(COUNT, YEARLY, TARGETS)["data"]
    assert [year_of(x) for x in outcome["x"]] == [2024, 2025]
    assert outcome["customdata"] == ["2024", "2025"]
    for x, o in zip(outcome["x"], YEARLY):  # inside the segment of its year's målvärde
        start = target["x"].index(f"{o.period[:4]}-01-01")
        assert target["x"][start] < x < target["x"][start + 1]


def test_mal_and_the_indicator_pages_put_a_period_at_the_same_place():
    periods = ["2025", "2026-T2", "2026-10"]
    selection = cb.Selection(q.IndicatorInfo(1, "X", "X", "", "antal", "lower", "year", "", False,
                                             False), None, None, [], [], [])
    values = [q.Value(p, dt.date(2026, 12, 31), 5.0, None, None, "") for p in periods]
    tile = shape.indicator_figure(COUNT, [Outcome(1, p, dt.date(2026, 12, 31), 5.0)
                                          for p in periods], [])
    public = cb.series_figure(selection, values, {}, [])
    assert tile["data"][0]["x"] == public["data"][-1]["x"] == [
        "2025-07-01", "2026-07-01", "2026-10-15"]
    for figure in (tile, public):  # the year's label in the middle of the year, under its value
        assert figure["layout"]["xaxis"]["ticklabelmode"] == "period"


def test_the_separators_are_a_decimal_comma_and_a_non_breaking_space():
    assert charts.SEPARATORS == ",\u00a0"
    assert fmt.number(1234.5, 1) == f"1{charts.SEPARATORS[1]}234{charts.SEPARATORS[0]}5"


def figures(node) -> list[dict]:
    """Every figure in a rendered component tree (JSON)."""
    if isinstance(node, list):
        return [f for value in node for f in figures(value)]
    if not isinstance(node, dict):
        return []
    found = [node["figure"]] if isinstance(node.get("figure"), dict) else []
    return found + [f for value in node.values() for f in figures(value)]


def test_every_chart_is_swedish_and_makes_room_for_its_labels(app, client):
    log_in(client, "admin")
    drawn = [f for path, search in CHART_VIEWS
             for f in figures(json.loads(render_page(client, app, path, search)))]
    assert len(drawn) > len(CHART_VIEWS)
    for figure in drawn:
        layout = figure["layout"]
        assert layout["separators"] == charts.SEPARATORS
        axes = {key: value for key, value in layout.items() if charts.is_axis(key)}
        assert all(axis["automargin"] for axis in axes.values()), axes
        assert all(axis["title"]["standoff"] for axis in axes.values() if "title" in axis)
        # The app draws plain dicts (plotly's validation is too slow for each view): here,
        # plotly checks every property name and value.
        go.Figure(figure)


def font_sizes(node) -> list[int]:
    """Every font size set anywhere in a figure's part."""
    if isinstance(node, list):
        return [size for item in node for size in font_sizes(item)]
    if not isinstance(node, dict):
        return []
    own = [value["size"] for key, value in node.items()
           if key.endswith("font") and isinstance(value, dict) and "size" in value]
    return own + [size for value in node.values() for size in font_sizes(value)]


def test_storbild_draws_the_charts_text_as_large_as_the_pages(app, client):
    """In storbild (23 px page text) every chart's text is at least 18 px, its ticks 20 px and
    up; axis titles wrap at their comma; a legend above the plot widens the top margin."""
    log_in(client, "ledning")
    drawn = [f for path, search in (("/ekonomi", "?unit=RSTAB-EKO"), ("/mal", "?goal=MO-RU"))
             for f in figures(json.loads(render_page(client, app, path, search + "&storbild=1")))]
    assert drawn
    for figure in drawn:
        layout = figure["layout"]
        assert layout["font"]["size"] >= 20
        assert min(font_sizes(layout)) >= charts.STORBILD_AXIS_TITLE
        go.Figure(figure)
    months = next(f for f in drawn if "yaxis2" in f["layout"])["layout"]
    assert months["yaxis"]["tickfont"]["size"] >= 20
    assert months["yaxis2"]["title"]["text"].startswith("Per månad,<br>")
    assert months["legend"]["yanchor"] == "bottom"
    normal = [f for f in figures(json.loads(render_page(client, app, "/ekonomi",
                                                        "?unit=RSTAB-EKO")))]
    assert max(font_sizes(normal[0]["layout"])) < 20  # the normal mode is unchanged


def test_a_count_is_a_whole_number_without_the_word_antal():
    assert fmt.value_in_unit(31.0, "antal") == "31"
    assert fmt.value_in_unit(10349.0, "antal") == "10\u00a0349"
    assert fmt.value_in_unit(5.2, "antal") == "5,2"  # a rate counted per something keeps it
    assert fmt.value_in_unit(87.26, "%") == "87,3\u00a0%"
    assert fmt.value_in_unit(4.5, "dagar") == "4,5\u00a0dagar"
    assert cb.target_text(q.TargetValue(2026, 25.0, None, 0, ""), "lower", "antal") == "högst 25"


def test_a_count_reads_the_same_in_the_tile_its_table_its_hover_and_the_public_table():
    series = [Outcome(1, "2025", dt.date(2025, 12, 31), 31.0)]
    targets = [TargetValue(1, 2025, 25.0, None, 0.0)]
    assert shape.indicator_rows(COUNT, series, targets) == [["2025", "31", "högst 25"]]
    outcome, target = shape.indicator_figure(COUNT, series, targets)["data"]
    assert outcome["text"] == ["31"] and "%{text}" in outcome["hovertemplate"]
    assert target["text"][:2] == ["25", "25"]
    assert "31" in shape.outcome_against_target(COUNT, series[0], targets, DELAR_2026)
    assert cmp.number_text(10349.0, "antal") == "10\u00a0349"


def test_a_tile_names_the_year_of_its_outcome_and_of_its_target():
    latest = YEARLY[-1]
    assert shape.outcome_against_target(COUNT, latest, TARGETS, DELAR_2026) == \
        "Utfall 2025: 491\u00a0300. Målvärde 2025: högst 498\u00a0000."
    monthly = Outcome(1, "2026-07", dt.date(2026, 7, 31), 12.0)
    assert shape.outcome_against_target(COUNT, monthly, TARGETS, DELAR_2026).startswith(
        "Utfall jul 2026: 12. Målvärde 2026:")
    assert shape.outcome_against_target(COUNT, None, TARGETS, DELAR_2026).endswith(
        "Målvärde 2026: högst 515\u00a0000.")


def test_the_mal_page_says_which_years_its_tiles_compare(app, client):
    _, content = render(app, client, "?goal=MO-RU&period=2026-DELAR")
    assert "mot årets målvärde" not in content
    assert "mot målvärdet för samma år som utfallet" in content
    assert "Utfall 2025: " in content and "Målvärde 2025: " in content
