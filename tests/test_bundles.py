"""The index page loads only what every page needs: plotly.js (and Dash's DataTable) load
when a page draws them (dashboard/bundles.py), and AG Grid is not used at all (the Ekonomi
page's table is plain HTML). No timing: the sizes belong to `make bench`."""

from __future__ import annotations

import json
import re
import sys
import tomllib
from pathlib import Path

import dash
import pytest

from dashboard import bundles
from tests.test_access import log_in

SCRIPT = re.compile(r'<script\b[^>]*\bsrc="([^"]+)"')


def index_scripts(client, path: str) -> list[str]:
    response = client.get(path)
    assert response.status_code == 200, path
    return SCRIPT.findall(response.get_data(as_text=True))


@pytest.mark.parametrize("logged_in", [False, True])
def test_no_page_loads_ag_grid_or_plotly_with_its_index_page(client, logged_in):
    if logged_in:
        log_in(client, "admin")
    paths = [page["path"] for page in dash.page_registry.values()
             if logged_in or page.get("access") == "public"]
    assert "/" in paths and "/oppna-data" in paths
    for path in paths:
        scripts = index_scripts(client, path)
        assert any("dash_renderer" in s for s in scripts), path  # the test sees the scripts
        heavy = [s for s in scripts
                 if re.search(r"ag_grid|ag-grid|plotly|dash_table|polyfill", s)]
        assert heavy == [], (path, heavy)


def test_ag_grid_is_neither_a_dependency_nor_imported(client):
    project = tomllib.loads((Path(__file__).parents[1] / "pyproject.toml").read_text())
    dependencies = " ".join(project["project"]["dependencies"])
    assert "ag-grid" not in dependencies and "ag_grid" not in dependencies
    assert client.get("/").status_code == 200  # every page's layout is imported by now
    assert "dash_ag_grid" not in sys.modules
    assert "dash_ag_grid" not in bundles.LAZY_COMPONENTS


def test_the_regenerator_runtime_replaces_the_polyfill_before_dashs_bundles(client):
    scripts = index_scripts(client, "/")
    runtime = next(i for i, s in enumerate(scripts) if bundles.REGENERATOR_ASSET in s)
    assert runtime < min(i for i, s in enumerate(scripts) if "_dash-component-suites" in s)
    assert "regeneratorRuntime=runtime" in client.get(scripts[runtime]).get_data(as_text=True)


def test_the_stand_in_knows_where_each_lazy_bundle_is(client):
    html = client.get("/").get_data(as_text=True)
    tag = re.search(r"<script src=\"([^\"]*boot/lazy\.js)\" data-packages='([^']+)'[^>]*>", html)
    assert tag is not None
    packages = json.loads(tag.group(2))
    assert set(packages) == set(bundles.LAZY_COMPONENTS)
    for namespace, spec in packages.items():
        bundle = client.get(spec["src"])  # the fingerprinted bundle Dash serves
        assert bundle.status_code == 200 and f"window.{namespace}" in bundle.get_data(as_text=True)
    # It comes before Dash's renderer, which resolves the components by namespace.
    assert html.index("boot/lazy.js") < html.index("dash_renderer")


def test_dcc_graph_gets_our_plotly_bundle_not_the_full_one(client):
    response = client.get("/" + bundles.PLOTLY_PATH)
    assert response.status_code == 200
    assert response.get_data() == bundles.PLOTLY_BUNDLE.read_bytes()
    assert response.headers["Cache-Control"] == "no-cache" and response.headers.get("ETag")
    again = client.get("/" + bundles.PLOTLY_PATH,
                       headers={"If-None-Match": response.headers["ETag"].strip('"')})
    assert again.status_code == 304
