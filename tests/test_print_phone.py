"""Tables on phones and paper without a browser (issue 22; tests/test_browser_print_phone.py
looks at them): every table of every logged-in page is a stacked table whose cells name their
column, Ekonomi puts status and deviation first on a phone, and the print rules are there."""

from __future__ import annotations

import json
import re
from pathlib import Path

import dash

from tests.test_access import log_in
from tests.test_browser_print_phone import ADMIN_URLS, URLS
from tests.test_pages_http import render_page

CSS = Path(__file__).resolve().parent.parent / "assets" / "tables.css"


def elements(node, kind: str):
    """Every element of type `kind` in a rendered component tree (JSON), depth first."""
    if isinstance(node, list):
        for child in node:
            yield from elements(child, kind)
    elif isinstance(node, dict):
        if node.get("type") == kind:
            yield node
        for value in node.get("props", {}).values():
            yield from elements(value, kind)


def classes(node: dict) -> set[str]:
    return set((node["props"].get("className") or "").split())


# A view of each table builder (layouts.components.data_table and the pages' own tables);
# the browser test opens every page.
BUILDERS = ("/mal?goal=HSN-M1&period=2026-T1", "/mal/indikator?code=N70061", "/ekonomi?unit=HSN",
            "/ekonomi/statsbidrag", "/internkontroll/plan", "/namndrapport")


def test_the_browser_test_opens_every_logged_in_page():
    opened = {url.split("?")[0] for url in URLS + ADMIN_URLS}
    assert {p["path"] for p in dash.page_registry.values() if p["access"] != "public"} <= opened
    assert {url.split("?")[0] for url in BUILDERS} <= opened


def test_every_table_stacks_on_a_phone_with_labelled_cells(app, client):
    log_in(client, "ledning")
    for url in BUILDERS:
        path, _, search = url.partition("?")
        tree = json.loads(render_page(client, app, path, "?" + search if search else ""))
        for table in elements(tree, "Table"):
            if "risk-matrix" in classes(table):  # a grid of numbers that fits a phone as it is
                continue
            assert "stacked-table" in classes(table), (url, classes(table))
            for cell in elements(table, "Td"):
                assert cell["props"].get("data-label"), (url, cell["props"])


def test_ekonomi_puts_status_and_deviation_first_on_a_phone(app, client):
    log_in(client, "ledning")
    tree = json.loads(render_page(client, app, "/ekonomi", "?unit=HSN"))
    table = next(t for t in elements(tree, "Table") if t["props"].get("id") == "ekonomi-children")
    row = next(elements(table, "Tbody"))["props"]["children"][0]
    first = [c["props"]["data-label"] for c in row["props"]["children"]
             if "stack-first" in classes(c)]
    assert [label.split()[0] for label in first] == ["Avvikelse", "Status"]


def test_paper_repeats_headers_and_turns_wide_tables_to_landscape():
    css = CSS.read_text(encoding="utf-8")
    printed = css[css.index("@media print"):]
    assert re.search(r"@page wide\s*\{\s*size: A4 landscape;", css)
    assert "page: wide;" in printed
    assert re.search(r"thead\s*\{\s*display: table-header-group;", printed)
    assert re.search(r"tr\s*\{\s*break-inside: avoid;", printed)


def test_the_browser_test_covers_every_page():
    """A new page is checked on a phone, a big screen and paper once it is listed there (the
    public storbild lobby is checked too, as the public sees it)."""
    from layouts.pages import page_modules
    from tests.test_browser_print_phone import ADMIN_URLS, PUBLIC_URLS, URLS

    listed = {url.split("?")[0] for url in (*URLS, *ADMIN_URLS, *PUBLIC_URLS)}
    missing = [module.PAGE.path for module in page_modules()
               if module.PAGE.path not in listed]
    assert missing == []
