"""Permalinks: every internal page's state (unit, goal, period, filters, view) is in its URL,
and the URL alone reproduces the view: the same address renders the same page, the state
shows, and it differs from the page's default. Every internal page offers Kopiera länk.
Storbild is a switch that every link on the page keeps."""

from __future__ import annotations

import re

import dash
import pytest

from tests.test_access import log_in
from tests.test_pages_http import render_page

# path, a permalink's query string, something only that view shows
PERMALINKS = [
    ("/mal", "?goal=HSN-M1&period=2026-T1", '"children": "Invånarna får vård i rätt tid"'),
    ("/mal/indikator", "?code=RJH-EKO-002&period=2025-HELAR&unit=RJH",
     "Soliditet inklusive samtliga pensionsförpliktelser"),
    ("/mal/kvalitet", "?lista=bruten_trad&namnd=HSN&period=2026-T1",
     "Mål där den röda tråden är bruten – Hälso"),
    ("/mal/uppdrag", "?namnd=HSN&status=forsenat", '{"namnd": "HSN", "status": "forsenat"}'),
    ("/ekonomi", "?month=6&unit=HSN&year=2025", "jan–jun 2025"),
    ("/ekonomi/statsbidrag", "?namnd=HSN&year=2025", '{"year": 2025, "namnd": "HSN"}'),
    ("/ekonomi/atgarder", "?namnd=HSN&year=2025", '{"year": 2025, "namnd": "HSN"}'),
    ("/ekonomi/prognossakerhet", "?year=2024", "Helår 2024"),
    ("/internkontroll", "?cell=4-4&namnd=HSN&status=alla&year=2026",
     "Risker i rutan"),
    ("/internkontroll/risk", "?code=HSN-2026-R02", "Lön betalas ut efter avslutad anställning"),
    ("/internkontroll/plan", "?namnd=RUN&year=2025", "Internkontrollplan 2025 – Regionala"),
    ("/internkontroll/forsenade-atgarder", "?namnd=HSN&year=2026",
     "Alla risker 2026 och öppna från tidigare år, Hälso- och sjukvårdsnämnden"),
    ("/namndrapport", "?namnd=RUN&period=2026-T1",
     "Regionala utvecklingsnämnden · T1 2026 (per 2026-04-30)"),
    ("/regionrapport", "?period=2026-T1", "· T1 2026 (per 2026-04-30)"),
    ("/arshjul", "?namnd=RUN&year=2026", "Årshjulets datum 2026, Regionala utvecklingsnämnden"),
    ("/sok", "?q=h%C3%A4lsocentral", "träffar för ”hälsocentral”: 31 enheter"),
]


def without_volatile(content: str) -> str:
    """A rendered page without what changes per request (CSRF tokens)."""
    return re.sub(r'"csrf_token", "value": "[^"]*"', "", content)


@pytest.mark.parametrize("path,search,shows", PERMALINKS, ids=[p for p, *_ in PERMALINKS])
def test_a_permalink_reproduces_its_view(client, app, path, search, shows):
    log_in(client, "ledning")
    view = render_page(client, app, path, search)
    assert shows in view, (path, search)
    assert shows not in render_page(client, app, path), "the state must come from the URL"
    assert without_volatile(render_page(client, app, path, search)) == without_volatile(view)
    assert '"type": "copy-link"' in view, "every internal page has Kopiera länk"


def test_every_internal_page_is_covered():
    internal = {p["path"] for p in dash.page_registry.values() if p.get("access") == "internal"}
    assert internal <= {path for path, *_ in PERMALINKS} | {"/mal", "/ekonomi",
                                                           "/internkontroll"}


@pytest.mark.parametrize("path,search", [
    ("/mal", "?goal=HSN-M1&period=2026-T1"),
    ("/ekonomi", "?month=6&unit=HSN&year=2025"),
    ("/internkontroll", "?namnd=HSN&year=2026"),
])
def test_storbild_is_kept_by_every_link_on_the_page(client, app, path, search):
    log_in(client, "ledning")
    view = render_page(client, app, path, search + "&storbild=1")
    assert '"className": "storbild-page"' in view
    page_links = [href for href in re.findall(r'"href": "(/[^"]*)"', view)
                  if not href.startswith(("/ladda-ner", "/namndrapport.pdf"))]
    kept = [href for href in page_links if "storbild=1" in href]
    dropped = [href for href in page_links if "storbild=1" not in href]
    assert kept, "drill-down links keep the switch"
    assert len(dropped) == 1, dropped  # only "Avsluta storbild"
    # Selectors write their value to the URL: it keeps the switch too.
    values = re.findall(r'"value": "(\?[^"]*)"', view)
    assert values and all("storbild=1" in value for value in values)
    normal = render_page(client, app, path, search)
    assert "storbild-page" not in normal and "Visa i storbild" in normal


@pytest.mark.parametrize("path", ["/", "/oppna-data", "/oppna-data/mal",
                                  "/oppna-data/nyckeltal?code=N70059", "/oppna-data/api"])
def test_the_public_pages_offer_kopiera_lank_too(client, app, path):
    route, _, search = path.partition("?")
    assert '"type": "copy-link"' in render_page(client, app, route, "?" + search if search else "")


def test_the_lobby_screen_has_no_page_tools(client, app):
    assert '"type": "copy-link"' not in render_page(client, app, "/storbild")
