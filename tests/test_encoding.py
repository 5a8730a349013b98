"""Callback answers: the same JSON as Dash's own encoding (plotly's), built faster."""

from __future__ import annotations

import datetime as dt
import json
import math
from decimal import Decimal

import dash
import pytest
from dash import dcc, html
from plotly.io.json import to_json_plotly

from dashboard import encoding
from layouts.components import light

TREE = html.Div([
    html.H2("Mål & <mått> </script>", id="x-title", className="h5"),
    html.Details([html.Summary("Visa som tabell"), html.Table(html.Tr(html.Td("1,5")))],
                 open=True, **{"data-avsnitt": "oppen", "aria-label": "tabell"}),
    dcc.Link("Till enheten", href="/enhet?code=HSF&a=1", className="unit-link"),
    dcc.Graph(id={"type": "x-graph", "index": 2}, config={"displayModeBar": False}, figure={
        "data": [{"x": [dt.date(2026, 1, 31), dt.datetime(2026, 2, 28, 12)],
                  "y": [Decimal("1.5"), math.nan], "type": "scatter"}],
        "layout": {"separators": ",\u00a0", "title": {"text": "Utfall / budget"}}}),
    html.Span(),
    light("Td", "lätt", className="text-end"),
    "text", 3, None,
])


def test_a_component_is_what_its_to_plotly_json_says():
    for component in (TREE, *TREE.children[:5], TREE.children[1].children[1]):
        assert encoding.component_json(component) == component.to_plotly_json()


def test_an_answer_is_what_plotly_encodes():
    answer = {"multi": True, "response": {"_pages_content": {"children": TREE},
                                          "_pages_store": {"data": {"title": "Mål – Rödtråd"}}}}
    ours = encoding.to_json(answer)
    plotlys = to_json_plotly(answer, engine="json")
    assert json.loads(ours) == json.loads(plotlys)
    for raw in ("<", ">", "/", "NaN"):  # escaped as plotly escapes; NaN is null
        assert raw not in ours
    assert "Mål – Rödtråd" in ours  # UTF-8, as the answer is sent


def test_numpy_times_and_odd_keys_are_written_as_plotly_writes_them():
    import numpy as np

    value = {"a": np.array([1.5, np.nan]), "b": np.int64(3),
             4: dt.datetime(2026, 3, 31, 8, 5, 1, 250, tzinfo=dt.timezone.utc),
             "c": [np.array(["x", None], dtype=object)], "d": math.inf, "e": 1e16}
    assert json.loads(encoding.to_json(value)) == json.loads(to_json_plotly(value,
                                                                           engine="json"))


def test_an_answer_deeper_than_orjson_goes_the_standard_way():
    deep = html.Div("botten")
    for _ in range(120):
        deep = html.Div(deep)
    answer = {"response": {"x": {"children": deep}}}
    assert encoding.to_json(answer) == to_json_plotly(answer, engine="json")


def test_an_unknown_object_fails_as_with_plotly():
    with pytest.raises(TypeError):
        encoding.to_json({"x": object()})


def test_the_app_answers_callbacks_with_it(app):
    from dash import _callback
    from plotly.io.json import config

    assert _callback.to_json is encoding.to_json and config.default_engine == "json"
    assert isinstance(app, dash.Dash)
