"""Components built the quick way (dashboard.component_init) are the ones Dash builds, and
Dash's checks still refuse what they refused."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pytest
from dash import dcc, html

from dashboard import component_init

CALLS = [
    (html.Td, ("x",), {"className": "a b", "data-label": "Risk"}),
    (html.Span, ("x",), {"className": "a", "aria-hidden": "true"}),
    (dbc.Card, ("x",), {"class_name": "app-card", "id": "kort"}),
    (dcc.Link, ("text",), {"href": "/x?a=1", "id": "lank", "className": "c"}),
    (html.Div, (), {}),
    (html.Div, (), {"children": ["a", "b"], "id": {"type": "x", "index": 1}}),
    (dbc.Row, ([1, None],), {"class_name": "g-4"}),
    (html.Table, ([html.Tr([])],), {"className": "t", "style": {"width": "1px"}}),
]


def test_a_quick_component_is_the_one_dash_builds():
    made_by_dash = [cls(*args, **kwargs) for cls, args, kwargs in CALLS]
    assert component_init.install() > 100
    for _ in range(3):  # the first call of a set of names is Dash's own, the later ones quick
        for (cls, args, kwargs), expected in zip(CALLS, made_by_dash):
            built = cls(*args, **dict(kwargs))
            assert type(built) is cls and vars(built) == vars(expected)
            assert built.to_plotly_json() == expected.to_plotly_json()


@pytest.mark.parametrize("call", [
    lambda: html.Div(no_such_prop=1),
    lambda: html.Div(id=None),
    lambda: html.Div(id=3),
    lambda: html.Div(className=html.Span()),
    lambda: dcc.Link("no href", className="c"),
    lambda: html.Div("a", children="b"),
])
def test_dash_still_refuses_what_it_refused(call):
    component_init.install()
    html.Div(className="x", id="y")  # the names checked once already
    for _ in range(2):
        with pytest.raises(TypeError):
            call()
