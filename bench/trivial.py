"""The yardstick for the page cache: a bare Dash app with one trivial callback.

`make bench` serves it with the same gunicorn settings as Rödtråd (`bench.server.gunicorn`,
`app="bench.trivial:server"`) and posts to its `/_dash-update-component`, so "what a cached
page costs" can be read against "what any Dash callback costs" on the same machine, in the
same run. It has no login, no CSRF, no guard, no database: everything Rödtråd adds around a
callback is what the comparison shows.
"""

from __future__ import annotations

import dash
from dash import Input, Output, dcc, html

app = dash.Dash(__name__)
app.layout = html.Div([dcc.Input(id="in", value=""), html.Div(id="out")])


@app.callback(Output("out", "children"), Input("in", "value"))
def echo(value):
    """The callback: its input back, as text."""
    return str(value)


server = app.server


def payload(value: str = "bench") -> dict:
    """What the browser posts when the input changes."""
    return {
        "output": "out.children",
        "outputs": {"id": "out", "property": "children"},
        "inputs": [{"id": "in", "property": "value", "value": value}],
        "changedPropIds": ["in.value"],
        "state": [],
    }
