"""The requests a person's clicks make, as the browser posts them to /_dash-update-component."""

from __future__ import annotations

from dataclasses import dataclass

from data_access.demo.users import DEMO_USERS

ROUTER = ".._pages_content.children..._pages_store.data.."
PASSWORDS = {name: password for name, password, *_ in DEMO_USERS}


@dataclass(frozen=True)
class Scenario:
    """One view to open: what it is called, who opens it, and where."""

    name: str
    user: str | None  # None: the public, not logged in
    path: str
    search: str = ""


# The main callbacks, each level of the drill-downs (demo codes; every tier has them).
SCENARIOS = (
    Scenario("Mål: Målbild 2050", "ledning", "/mal"),
    Scenario("Mål: målområde", "ledning", "/mal", "?goal=MO-HSV"),
    Scenario("Mål: nämndmål", "ledning", "/mal", "?goal=HSN-M3"),
    Scenario("Mål: förvaltningsmål", "ledning", "/mal", "?goal=HSF-M3"),
    Scenario("Mål: områdesmål", "ledning", "/mal", "?goal=HSF-PV-M1"),
    Scenario("Mål: enhetsmål", "ledning", "/mal", "?goal=HSF-PV-HC-BRUNFLO-M1"),
    Scenario("Mål som nämndledamot", "hsn", "/mal", "?goal=HSN-M3"),
    Scenario("Ekonomi: region", "ledning", "/ekonomi"),
    Scenario("Ekonomi: nämnd", "ledning", "/ekonomi", "?unit=HSN"),
    Scenario("Ekonomi: förvaltning", "ledning", "/ekonomi", "?unit=HSF"),
    Scenario("Ekonomi: område", "ledning", "/ekonomi", "?unit=HSF-PV"),
    Scenario("Ekonomi: enhet", "ledning", "/ekonomi", "?unit=HSF-PV-HC-BRUNFLO"),
    Scenario("Internkontroll: alla", "ledning", "/internkontroll"),
    Scenario("Internkontroll: nämnd och status", "ledning", "/internkontroll",
             "?namnd=HSN&status=oppen"),
    Scenario("Internkontroll: ruta i matrisen", "ledning", "/internkontroll",
             "?cell=3-4&namnd=HSN"),
    Scenario("Risk", "ledning", "/internkontroll/risk", "?code=HSN-2025-R01"),
    Scenario("Sök", "ledning", "/sok", "?q=h%C3%A4lsocentral"),
    Scenario("Sök som nämndledamot", "hsn", "/sok", "?q=v%C3%A5rd"),
    Scenario("Översikt (allmänheten)", None, "/"),
    Scenario("Öppna data (allmänheten)", None, "/oppna-data"),
    Scenario("Nyckeltal (allmänheten)", None, "/oppna-data/nyckeltal", "?code=RJH-HSV-002"),
)


def router_payload(path: str, search: str = "") -> dict:
    """The pages router's payload for opening `path?search` (what a click on a link sends)."""
    return {
        "output": ROUTER,
        "outputs": [{"id": "_pages_content", "property": "children"},
                    {"id": "_pages_store", "property": "data"}],
        "inputs": [{"id": "_pages_location", "property": "pathname", "value": path},
                   {"id": "_pages_location", "property": "search", "value": search}],
        "changedPropIds": ["_pages_location.pathname"],
        "state": [],
    }


def log_in(client, username: str | None) -> None:
    """Log a Flask test client or a requests.Session in through the real login form; without
    a username, only fetch the CSRF cookie the Dash renderer sends back."""
    client.get(_url(client, "/login"))
    if username is None:
        return
    response = client.post(_url(client, "/login"), data={
        "username": username, "password": PASSWORDS[username], "csrf_token": csrf_token(client)},
        **({"allow_redirects": False} if hasattr(client, "mount") else {}))
    if response.status_code != 302:
        raise RuntimeError(f"inloggningen som {username} misslyckades: {response.status_code}")


def csrf_token(client) -> str:
    """The CSRF cookie's value, as the Dash renderer copies it into X-CSRFToken."""
    if hasattr(client, "mount"):  # requests.Session
        return client.cookies["_csrf_token"]
    return client.get_cookie("_csrf_token").value


def _url(client, path: str) -> str:
    """An absolute URL for a requests.Session (its `base_url`), the path for a test client."""
    return getattr(client, "base_url", "") + path
