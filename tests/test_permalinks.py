"""Permalinks: every internal page's state (unit, goal, period, filters, view) is in its URL,
and the URL alone reproduces the view: the same address renders the same page, the state
shows, and it differs from the page's default. Every internal page offers Kopiera länk.
Storbild is a switch that every link on the page keeps."""

from __future__ import annotations

import json
import re

import dash
import pytest

from tests.test_access import log_in
from tests.test_pages_http import render_page

# path, a permalink's query string, something only that view shows
PERMALINKS = [
    ("/mal", "?goal=HSN-M1&period=2026-T1", '["Nämndmål · ", '),
    ("/mal", "?namnd=RUN&niva=alla&period=2026-T1&status=ej-uppfyllt",
     "Alla nivåer, Regionala utvecklingsnämnden, Ej uppfyllt"),
    ("/mal/indikator", "?code=RJH-EKO-002&period=2025-HELAR&unit=RJH",
     "Soliditet inklusive samtliga pensionsförpliktelser"),
    ("/mal/kvalitet", "?lista=bruten_trad&namnd=HSN&period=2026-T1",
     "Mål där den röda tråden är bruten – Hälso"),
    ("/mal/uppdrag", "?namnd=HSN&status=forsenat", '{"namnd": "HSN", "status": "forsenat"}'),
    ("/ekonomi", "?month=6&unit=HSN&year=2025", "jan–jun 2025"),
    ("/enhet", "?code=HSF-PV-HC-BACKE&month=6&period=2026-T1&year=2025",
     "Mål för Hälsocentralen Backe, T1 2026"),
    ("/ekonomi/statsbidrag", "?namnd=HSN&year=2025", '{"year": 2025, "namnd": "HSN"}'),
    ("/ekonomi/produktion", "?indikator=RJH-HSV-015&month=6&unit=HSF-PV&year=2026",
     "jan 2026 – jun 2026"),
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
    assert '"className": "storbild-page storbild-' in view
    # The storbild pages link each other, keeping the switch; this one is marked.
    for other in {"/mal", "/ekonomi", "/internkontroll"} - {path}:
        assert f'"href": "{other}?storbild=1"' in view, other
    assert '"aria-label": "Sidor i storbild"' in view and '"aria-current": "page"' in view
    page_links = [href for href in re.findall(r'"href": "(/[^"]*)"', view)
                  if not href.startswith(("/ladda-ner", "/namndrapport.pdf"))]
    kept = [href for href in page_links if "storbild=1" in href]
    dropped = [href for href in page_links if "storbild=1" not in href]
    assert kept, "drill-down links keep the switch"
    # Only "Avsluta storbild" (and, on Internkontroll, "Visa alla risker utanför storbild"):
    # this view in the normal mode.
    assert len(set(dropped)) == 1 and len(dropped) <= 2, dropped
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


def test_storbild_lists_the_first_risks_with_a_way_to_all_of_them(client, app):
    """Internkontroll's risk list in storbild: the ten most serious (the first screen's worth),
    how many there are and a link to all of them in the normal mode."""
    log_in(client, "ledning")
    big = render_page(client, app, "/internkontroll", "?storbild=1")
    assert re.search(r"Storbild visar de 10 första av \d+ riskerna", big)
    all_link = re.search(r'"href": "([^"]*)", "id": "internkontroll-all-risks"', big)
    assert all_link and all_link[1].startswith("/internkontroll")
    assert "storbild" not in all_link[1]
    normal = render_page(client, app, "/internkontroll", "")
    assert "Storbild visar" not in normal
    assert normal.count('"href": "/internkontroll/risk?') > big.count(
        '"href": "/internkontroll/risk?')


# --- Folded sections (Visa som tabell, Hur beräknas färgen? …) are state in the URL too -----

PUBLIC = [("/", ""), ("/oppna-data", ""), ("/oppna-data/mal", ""),
          ("/oppna-data/nyckeltal", "?code=N70059"), ("/oppna-data/api", "")]
ADMIN = [("/admin/granskningslogg", ""), ("/admin/importlogg", ""), ("/admin/anvandare", ""),
         ("/admin/import", ""), ("/admin/profil", "")]
EVERY_VIEW = [(path, search) for path, search, _ in PERMALINKS] + PUBLIC + ADMIN + [
    ("/mal", "?goal=HSN-M1&period=2026-T1&sida=1")]


def sections(view: str) -> dict[str, bool]:
    """The folded sections of a rendered page: id -> open."""
    found = {}

    def walk(node):
        if isinstance(node, list):
            for child in node:
                # The browser cannot draw a list inside a list of children.
                assert not isinstance(child, list), "a list in a list of children"
                walk(child)
        elif isinstance(node, dict):
            props = node.get("props", {})
            if node.get("type") == "Details" and "data-avsnitt" in props:
                found[props["id"]] = bool(props.get("open"))
            walk(props.get("children"))

    walk(json.loads(view))
    return found


def test_every_view_is_a_page_of_the_registry():
    registered = {p["path"] for p in dash.page_registry.values()} - {"/storbild"}
    assert registered <= {path for path, _ in EVERY_VIEW}


@pytest.mark.parametrize("path,search", EVERY_VIEW, ids=[p + s for p, s in EVERY_VIEW])
def test_an_opened_section_is_in_the_permalink(client, app, path, search):
    log_in(client, "admin" if path.startswith("/admin") else "ledning")
    view = render_page(client, app, path, search)
    # A chart's series cannot be hidden by a click on its legend (that would be state the URL
    # does not hold).
    legends = re.findall(r'"legend": \{[^{}]*(?:\{[^{}]*\}[^{}]*)*\}', view)
    for legend in legends:
        assert '"itemclick": false' in legend and '"itemdoubleclick": false' in legend, path
    # ... nor zoomed by dragging.
    assert view.count('"dragmode": false') >= len(legends), path
    drawn = sections(view)
    if not drawn:
        assert '"data-avsnitt"' not in view
        return
    # Open the first closed section (or close every one: `inga`), as the browser writes it.
    closed = [name for name, shown in drawn.items() if not shown]
    wanted = {**drawn, closed[0]: True} if closed else dict.fromkeys(drawn, False)
    value = ",".join(n for n, shown in wanted.items() if shown) or "inga"
    joined = f"{search}&oppen={value}" if search else f"?oppen={value}"
    opened = render_page(client, app, path, joined)
    assert sections(opened) == wanted, (path, value)
    assert without_volatile(render_page(client, app, path, joined)) == without_volatile(opened)


@pytest.mark.parametrize("path,search", [("/mal", "?goal=HSN-M1&period=2026-T1"),
                                         ("/ekonomi", "?year=2025"), ("/", "")])
def test_a_section_that_is_not_there_gives_a_swedish_message(client, app, path, search):
    log_in(client, "ledning")
    joined = (search + "&" if search else "?") + "oppen=finns-inte"
    view = render_page(client, app, path, joined)
    assert "Avsnittet ”finns-inte” finns inte på sidan." in view
