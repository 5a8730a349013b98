"""The requests a person's clicks make, as the browser posts them to /_dash-update-component."""

from __future__ import annotations

import dash

from data_access.demo.users import DEMO_USERS

ROUTER = ".._pages_content.children..._pages_store.data.."
PASSWORDS = {name: password for name, password, *_ in DEMO_USERS}


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


def logged_in_client(app, username: str):
    """A test client logged in through the real login form."""
    client = app.server.test_client()
    client.get("/")
    token = client.get_cookie("_csrf_token").value
    response = client.post("/login", data={"username": username, "password": PASSWORDS[username],
                                           "csrf_token": token})
    if response.status_code != 302:
        raise RuntimeError(f"login as {username} failed: {response.status_code}")
    return client


def page_scenarios(extra: dict[str, list[str]] | None = None) -> list[tuple[str, str, str]]:
    """(name, path, search) for every registered page, plus extra searches per path."""
    scenarios = []
    for page in dash.page_registry.values():
        path = page["path"]
        scenarios.append((page["name"], path, ""))
        for search in (extra or {}).get(path, []):
            scenarios.append((f"{page['name']} {search}", path, search))
    return scenarios
