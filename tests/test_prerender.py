"""The first view drawn on the server into the index page (dashboard.prerender): the page's
text without any id, only for a page the viewer may open, noted once in the audit log."""

from __future__ import annotations

import re

import dash
from dash import dcc, html

from dashboard.access import page_access
from dashboard.prerender import MARK, to_html
from layouts.components import light
from tests.test_access import log_in, post_callback
from tests.test_audit import events
from tests.test_auth import router_body

ENTRY = '<div id="react-entry-point">'


def copy_of(response) -> str:
    """The server-drawn copy in an index page ('' when there is none)."""
    text = response.get_data(as_text=True)
    start = text.find(f"<div {MARK}>")
    return "" if start < 0 else text[start:text.index(ENTRY, start)]


def test_a_public_page_comes_with_its_heading_and_no_id(client):
    for path, heading in (("/", "Översikt"), ("/oppna-data", "Öppna data"),
                          ("/oppna-data/nyckeltal?code=N70061",
                           "Nettokostnad hälso- och sjukvård totalt")):
        response = client.get(path)
        assert response.status_code == 200
        copy = copy_of(response)
        assert re.search("<h1[^>]*>" + re.escape(heading), copy), path
        assert not re.search(r"\sid=", copy), path
        assert "<script" not in copy and 'method="POST"' not in copy
        assert "Logga in" in copy  # the shell as the anonymous viewer gets it
        assert "no-store" not in response.headers.get("Cache-Control", "")
        # Dash's own entry point follows the copy, with its placeholder; the first paint
        # waits for the mark after it (the whole copy parsed, not half of it).
        text = response.get_data(as_text=True)
        assert f'{ENTRY}<div class="_dash-loading">Laddar …</div></div>' \
               '<span id="rt-prerender-end" hidden></span>' in text
        assert '<link rel="expect" href="#rt-prerender-end" blocking="render">' in \
            text[:text.index("</head>")]


def test_the_anonymous_public_never_gets_an_internal_page(app, client):
    internal = [p for p in dash.page_registry.values() if page_access(p) != "public"]
    for page in internal:
        response = client.get(page["path"])
        assert response.status_code == 302, page["path"]  # to the login page
        assert copy_of(response) == ""
    public_copy = copy_of(client.get("/"))
    for page in internal:
        if page.get("in_nav", True):  # the navigation has only the public pages
            assert f'href="{page["relative_path"]}"' not in public_copy.split("<main")[0]


def test_a_logged_in_viewer_gets_an_internal_page_but_no_admin_page(client):
    log_in(client, "ledning")
    response = client.get("/mal")
    assert response.headers["Cache-Control"] == "private, no-store"
    copy = copy_of(response)
    assert re.search("<h1[^>]*>Mål<", copy) and not re.search(r"\sid=", copy)
    assert 'href="/ekonomi"' in copy  # the navigation of a logged-in reader
    assert client.get("/admin/import").status_code == 403
    log_in(client, "admin")
    admin = client.get("/admin/import")
    assert admin.status_code == 200 and copy_of(admin) == ""


def test_an_internal_view_drawn_on_the_server_is_noted_once(app, client, demo_url):
    log_in(client, "hsn")
    assert copy_of(client.get("/internkontroll?namnd=HSN"))
    body = router_body(app, client, "/internkontroll")
    body["inputs"][1]["value"] = "?namnd=HSN"
    assert post_callback(client, body).status_code == 200  # Dash's render of the same view
    view, = events(demo_url, "sidvisning")
    assert view["target"] == "/internkontroll?namnd=HSN" and view["username"] == "hsn"
    assert post_callback(client, body).status_code == 200  # a later render is a new view
    assert len(events(demo_url, "sidvisning")) == 2


def test_components_become_escaped_html_without_ids():
    tree = html.Div([
        html.H1("Mål <och> utfall", id="x-title", className="big"),
        dcc.Link("Till & från", href="/a?b=1&c=2", id="x-link"),
        html.Details([html.Summary("Visa"), "text"], open=False, **{"data-avsnitt": "stangd"}),
        light("Td", "3,5", className="num", **{"data-label": 'Värde "x"'}),
        dcc.Graph(id="x-graph", figure={"data": [], "layout": {"height": 320}}),
        dcc.Store(id="x-store", data={"secret": 1}),
    ], id="x-root", style={"marginTop": 4, "opacity": 0.5})
    drawn = to_html(tree)
    assert drawn == (
        '<div style="margin-top:4px;opacity:0.5">'
        '<h1 class="big">Mål &lt;och&gt; utfall</h1>'
        '<a href="/a?b=1&amp;c=2" data-rt-link="true">Till &amp; från</a>'
        '<details data-avsnitt="stangd"><summary>Visa</summary>text</details>'
        '<td class="num" data-label="Värde &quot;x&quot;">3,5</td>'
        '<div class="dash-graph" style="height:320px"></div>'
        "</div>")


def test_the_scripts_wait_for_the_first_paint(client):
    html_text = client.get("/oppna-data").get_data(as_text=True)
    started = re.findall(r'<script\b(?![^>]*\btype=)[^>]*\bsrc="([^"]+)"', html_text)
    assert started == ["/assets/boot/start.js"]
    held = re.findall(r'<script\b[^>]*\bsrc="([^"]+)"[^>]*type="text/x-rodtrad-later"', html_text)
    assert any("dash_renderer" in src for src in held) and held[-1].endswith("boot/renderer.js")
