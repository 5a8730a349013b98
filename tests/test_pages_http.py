"""Every page over HTTP: the index answers, the router renders a Swedish page, unknown
addresses get a real 404 and errors a Swedish 500 (outages and /healthz: tests/test_outage.py)."""

from __future__ import annotations

import json
import re

import dash
import pytest
from plotly.utils import PlotlyJSONEncoder

from dashboard.access import allow_route
from dashboard.app import create_app
from dashboard.core import formatting as fmt
from dashboard.core.wording import fill
from layouts.pages import page_modules
from tests.helpers import has_heading
from tests.test_access import csrf_token, log_in

PAGES = page_modules()


def callback_key(app, output: str) -> str:
    """The callback_map key of the callback writing `output` (e.g. '_pages_content.children')."""
    return next(key for key in app.callback_map if output in key)


def post_callback(client, app, output: str, inputs: list[dict]) -> dict:
    """POST a callback as the browser does; its JSON answer."""
    client.get("/")  # Dash sets up the pages router on the first request
    key = callback_key(app, output)
    outputs = [{"id": part.split(".")[0], "property": part.split(".")[1]}
               for part in key.strip(".").split("...")]
    body = {"output": key, "outputs": outputs, "inputs": inputs,
            "changedPropIds": [f"{i['id']}.{i['property']}" for i in inputs]}
    response = client.post("/_dash-update-component", json=body,
                           headers={"X-CSRFToken": csrf_token(client)})
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    return response.get_json()


def render_page(client, app, path: str, search: str = "") -> str:
    """The page content the router sends for `path`, as JSON text with Swedish letters kept."""
    answer = post_callback(client, app, "_pages_content.children", [
        {"id": "_pages_location", "property": "pathname", "value": path},
        {"id": "_pages_location", "property": "search", "value": search},
    ])
    return json.dumps(answer["response"]["_pages_content"]["children"], ensure_ascii=False)


def test_every_page_answers_200_in_swedish(client):
    assert len(dash.page_registry) == len(PAGES)
    log_in(client, "admin")  # the one role that may open every page
    for page in dash.page_registry.values():
        response = client.get(page["relative_path"])
        assert response.status_code == 200, page["path"]
        html = response.get_data(as_text=True)
        assert '<html lang="sv">' in html
        # The tab title is in the organisation's words (the demo's profile: a region).
        assert f'content="{page["title"]()}"' in html


def test_the_page_says_it_is_loading_in_swedish(client):
    html = client.get("/").get_data(as_text=True)
    shown = re.sub(r"<!--.*?-->", "", html, flags=re.DOTALL)
    assert "Laddar …" in shown and "Loading..." not in shown
    assert shown.count('id="react-entry-point"') == 1


def test_every_page_renders_its_heading_and_lead(client, app):
    log_in(client, "admin")
    for module in PAGES:
        page = module.PAGE
        content = render_page(client, app, page.path)
        assert has_heading(content, fill(page.title)), page.path
        assert fill(page.lead) in content


def test_every_page_renders_on_an_empty_database(sqlite_url):
    from data_access.db import session_scope
    from data_access.users import add_user

    with session_scope(sqlite_url) as session:
        add_user(session, "admin", "admin-demo-2026", "admin")
    app = create_app({"DATABASE_URL": sqlite_url, "TESTING": True, "SECRET_KEY": "test"})
    client = app.server.test_client()
    log_in(client, "admin")
    for page in dash.page_registry.values():
        shown = render_page(client, app, page["path"])
        # Its name in the navigation, or its own title where a section's item names it.
        assert fill(page["name"]) in shown or fill(page["declaration"].title) in shown
    data_as_of, badge = shell_texts(client, app)
    assert data_as_of == "Ingen data är inläst ännu" and badge is None


def test_layouts_work_outside_a_request():
    for module in PAGES:  # no app context either, so no database is touched
        page = module.PAGE
        shown = json.dumps(page.dash_layout(), cls=PlotlyJSONEncoder, ensure_ascii=False)
        assert fill(page.title) in shown and fill(page.lead) in shown


def test_overview_shows_the_three_figures(client, app):
    from callbacks.ekonomi import as_shown
    from data_access.db import session_scope
    from data_access.queries.economy import budget_deviation
    from data_access.queries.risks import open_high_risks
    from data_access.scope import MANAGEMENT

    with session_scope(app.server.config["DATABASE_URL"]) as session:
        ytd, risks = budget_deviation(session, MANAGEMENT), open_high_risks(session, MANAGEMENT)
    log_in(client, "ledning")
    content = render_page(client, app, "/")
    period = fmt.year_to_date_label(ytd.year, ytd.month)
    for title in ("Måluppfyllelse", f"Budgetavvikelse {period}", "Öppna höga risker"):
        assert title in content
    shown = as_shown(ytd.budget_tkr, ytd.utfall_tkr, "mnkr")  # utfall − budget as shown
    assert shown.amount(shown.difference, signed=True) in content
    assert f'"children": "{risks.count}"' in content


def shell_texts(client, app) -> tuple[str, object]:
    """The footer's data date and the demo badge, as the shell callback sends them."""
    answer = post_callback(client, app, "data-as-of.children", [
        {"id": "_pages_location", "property": "pathname", "value": "/"},
    ])["response"]
    return answer["data-as-of"]["children"], answer["demo-badge"]["children"]


def test_shell_shows_data_date_and_demo_badge(client, app):
    data_as_of, badge = shell_texts(client, app)
    assert re.fullmatch(r"Data per \d{4}-\d{2}-\d{2}", data_as_of)
    assert badge["props"]["children"] == "Demodata"


def test_no_data_in_the_app_layout_or_index(client):
    layout = client.get("/_dash-layout").get_data(as_text=True)
    assert "Data per" not in layout and "Demodata" not in layout
    index = client.get("/").get_data(as_text=True)
    assert "validation_layout" not in index  # Dash would embed every page's data there


@pytest.mark.parametrize("path", ["/finns-inte", "/mal/extra", "/oversikt", "/assets/finns-inte.css"])
def test_unknown_paths_get_a_swedish_404(client, path):
    response = client.get(path)
    assert response.status_code == 404
    html = response.get_data(as_text=True)
    assert '<html lang="sv">' in html and "Sidan finns inte" in html


def test_dash_routes_and_assets_are_not_404(client):
    index = client.get("/").get_data(as_text=True)
    local = re.findall(r'(?:src|href)="(/[^"]*)"', index)
    assert any("bootstrap.min.css" in url for url in local)
    assert any("boot/lazy.js" in url for url in local)  # Dash's DataTable loads lazily
    for url in local + ["/_dash-layout", "/_dash-dependencies", "/_favicon.ico", "/assets/app.css",
                        "/_dash-component-suites/plotly/package_data/plotly.min.js"]:
        assert client.get(url).status_code == 200, url


def test_the_index_loads_nothing_from_other_hosts(client):
    index = client.get("/").get_data(as_text=True)
    assert not re.search(r'(?:src|href)="(?:https?:)?//', index)


def test_errors_get_a_swedish_500_without_traceback(app):
    def boom():
        raise RuntimeError("hemlig detalj i stacken")

    app.server.add_url_rule("/test-fel", "test_fel", boom)
    allow_route(app.server, "test_fel", "public")
    response = app.server.test_client().get("/test-fel")
    assert response.status_code == 500
    html = response.get_data(as_text=True)
    assert '<html lang="sv">' in html and "Något gick fel" in html
    assert "Traceback" not in html and "hemlig detalj" not in html

