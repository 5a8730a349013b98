"""The vendored plotly.js bundle: Dash's plotly.js version, and every trace type the pages draw."""

from __future__ import annotations

import json
import re
from pathlib import Path

import dash
from plotly.offline import get_plotlyjs_version

from tests.test_access import log_in
from tests.test_pages_http import render_page

VENDOR = Path(__file__).resolve().parents[1] / "assets" / "vendor"
# Views with charts beyond each page's default view.
MORE_VIEWS = (("/mal", "?goal=HSN-M1"), ("/mal/indikator", "?code=N70059"),
              ("/ekonomi", "?unit=HSF-PV"), ("/oppna-data/nyckeltal", "?code=N70059"),
              ("/storbild", ""))


def bundled_traces() -> set[str]:
    """The trace types the bundle's entry registers (besides the core's scatter)."""
    entry = (VENDOR / "plotly-rodtrad.entry.js").read_text(encoding="utf-8")
    return {"scatter"} | set(re.findall(r"require\('plotly\.js/lib/([a-z0-9]+)'\)", entry))


def trace_types(node) -> set[str]:
    """Every trace type in the figures of a rendered component tree (JSON)."""
    found = set()
    if isinstance(node, dict):
        figure = node.get("figure") if isinstance(node.get("figure"), dict) else None
        for trace in (figure or {}).get("data", []):
            found.add(trace.get("type", "scatter"))
        for value in node.values():
            found |= trace_types(value)
    elif isinstance(node, list):
        for value in node:
            found |= trace_types(value)
    return found


def test_the_bundle_is_dashs_plotly_version():
    banner = (VENDOR / "plotly-rodtrad.min.js").read_text(encoding="utf-8")[:200]
    assert f"plotly.js v{get_plotlyjs_version()} " in banner


def test_every_chart_the_pages_draw_has_its_trace_type_in_the_bundle(app, client):
    log_in(client, "admin")  # the one role that may open every page
    views = [(page["path"], "") for page in dash.page_registry.values()] + list(MORE_VIEWS)
    drawn = set()
    for path, search in views:
        drawn |= trace_types(json.loads(render_page(client, app, path, search)))
    assert {"scatter", "bar", "icicle"} <= drawn  # the test sees the charts at all
    assert drawn <= bundled_traces(), drawn - bundled_traces()
