"""No inline script: every script the index page runs is a file from our own origin, so the
Content-Security-Policy's script-src is 'self' alone (dashboard/scripts.py); every clientside
callback names a function that assets/*.js defines."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import dash
import pytest
from dash import ClientsideFunction, Input, Output, html

from dashboard import scripts
from dashboard.config import ASSETS_DIR
from dashboard.core.args import ALL
from tests.test_access import log_in

# Script types a browser runs (an empty type is JavaScript too); others are data blocks.
JAVASCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}


class Scripts(HTMLParser):
    """The index page's <script> elements: their attributes and their text."""

    def __init__(self):
        super().__init__()
        self.found: list[tuple[dict, str]] = []

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.found.append((dict(attrs), ""))

    def handle_data(self, data):
        if self.found and self.lasttag == "script":
            attrs, text = self.found[-1]
            self.found[-1] = (attrs, text + data)


def page_scripts(response) -> list[tuple[dict, str]]:
    parser = Scripts()
    parser.feed(response.get_data(as_text=True))
    return parser.found


def script_src(client, path: str) -> list[str]:
    csp = client.get(path).headers["Content-Security-Policy"]
    return next(p for p in csp.split(";") if p.strip().startswith("script-src")).split()


@pytest.mark.parametrize("user, paths", [(None, ("/", "/oppna-data", "/storbild")),
                                         ("ledning", ("/", "/mal", "/ekonomi"))])
def test_the_index_page_runs_no_inline_script(client, user, paths):
    if user:
        log_in(client, user)
    for path in paths:  # from the second on, after the pages router has added its callback
        response = client.get(path)
        assert response.status_code == 200
        found = page_scripts(response)
        assert any(attrs.get("id") == "_dash-renderer" for attrs, _ in found)
        inline = [text.strip()[:60] for attrs, text in found
                  if attrs.get("type", "").lower() in JAVASCRIPT_TYPES and text.strip()]
        assert inline == [], f"{path}: inline scripts"
        assert all(attrs.get("src", "").startswith("/") for attrs, _ in found
                   if attrs.get("type", "").lower() in JAVASCRIPT_TYPES), "a script off our origin"


def test_the_csp_allows_scripts_from_our_origin_only(client):
    log_in(client, "ledning")
    for path in ("/", "/ekonomi", "/assets/callbacks.js"):
        src = script_src(client, path)
        assert src == ["script-src", "'self'"]
        assert not any("sha256" in part or "unsafe" in part or "nonce" in part for part in src)


def test_the_renderer_starts_from_a_file(client):
    found = page_scripts(client.get("/"))
    renderer = next(attrs for attrs, _ in found if attrs.get("id") == "_dash-renderer")
    # The scripts are held until the first paint (dashboard.prerender) and started, in their
    # order, by the one script after them; the renderer is the last of those held.
    *held, (starter, _) = found
    assert starter["src"].endswith("/boot/start.js") and "defer" in starter
    assert held[-1][0] is renderer  # after Dash's own scripts
    assert all(attrs.get("type") == "text/x-rodtrad-later" for attrs, _ in held if "src" in attrs)
    body = client.get(renderer["src"]).get_data(as_text=True)
    assert "var renderer = new DashRenderer();" in body
    assert renderer["src"] not in {attrs.get("src") for attrs, _ in held[:-1]}  # once


def test_every_clientside_callback_calls_a_function_in_the_assets(app, client):
    client.get("/healthz")  # the pages router adds its callbacks at the first request
    defined = "\n".join(p.read_text() for p in ASSETS_DIR.glob("*.js"))
    called = {(c["clientside_function"]["namespace"], c["clientside_function"]["function_name"])
              for c in app._callback_list if c.get("clientside_function")}
    assert {namespace for namespace, _ in called} == {"rodtrad"}
    missing = [name for _, name in called if not re.search(rf"\b{name}: {name}\b|\b{name}: "
                                                           r"function", defined)]
    assert missing == []
    assert ("rodtrad", "pageTitle") in called  # Dash's own title callback, as a file


def test_a_callback_written_as_a_string_is_refused():
    app = dash.Dash(__name__)
    app.layout = html.Div([html.Button(id="b"), html.Div(id="d")])
    app.clientside_callback(ClientsideFunction("rodtrad", "print"), Output("d", "children"),
                            Input("b", "n_clicks"))
    scripts.check_no_inline_scripts(app)
    app.clientside_callback("function(n) { return n; }", Output("d", "title"),
                            Input("b", "n_clicks"))
    with pytest.raises(scripts.InlineScriptError, match=r"d\.title"):
        scripts.check_no_inline_scripts(app)


def test_the_url_writer_drops_the_same_all_option_as_the_server():
    source = (ASSETS_DIR / "callbacks.js").read_text()
    assert f'var ALL = "{ALL}";' in source
