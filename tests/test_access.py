"""Who may open what: every page and every callback for every role, deny by default.

The tables below are the classification. A page or callback added later that is not
listed here fails `test_every_page_and_callback_is_classified` until someone decides who
may use it.
"""

from __future__ import annotations

import json

import dash
import pytest
from sqlalchemy import select

from data_access.db import session_scope
from data_access.demo.users import DEMO_USERS
from data_access.models import Goal, Indicator, OrgUnit, Process, Risk

PASSWORDS = {name: password for name, password, *_ in DEMO_USERS}
ROLES = {None: "allmanhet", "hsn": "namnd", "run": "namnd", "ledamot": "namnd",
         "ledning": "ledning", "admin": "admin"}
# The demo's nämnd members and their nämnder (data_access/demo/users.py).
MEMBER_OF = {"hsn": {"HSN"}, "run": {"RUN"}, "ledamot": {"RUN", "KTN"}}
WHO_MAY = {
    "public": {"allmanhet", "namnd", "ledning", "admin"},
    "internal": {"namnd", "ledning", "admin"},
    "admin": {"admin"},
}
# path -> access level
EXPECTED_PAGES = {
    "/": "public",
    "/mal": "internal",
    "/mal/indikator": "internal",
    "/mal/kvalitet": "internal",
    "/mal/uppdrag": "internal",
    "/enhet": "internal",
    "/ekonomi": "internal",
    "/ekonomi/statsbidrag": "internal",
    "/ekonomi/atgarder": "internal",
    "/ekonomi/produktion": "internal",
    "/ekonomi/prognossakerhet": "internal",
    "/internkontroll": "internal",
    "/internkontroll/risk": "internal",
    "/internkontroll/plan": "internal",
    "/internkontroll/forsenade-atgarder": "internal",
    "/namndrapport": "internal",
    "/regionrapport": "internal",
    "/arshjul": "internal",
    "/oppna-data": "public",
    "/oppna-data/mal": "public",
    "/oppna-data/nyckeltal": "public",
    "/oppna-data/api": "public",
    "/storbild": "public",
    "/sok": "internal",
    "/admin/import": "admin",
    "/admin/importlogg": "admin",
    "/admin/granskningslogg": "admin",
    "/admin/anvandare": "admin",
    "/admin/profil": "admin",
}
# callback key -> owner: "shell" (everyone gets the shell) or the path of the owning page
EXPECTED_CALLBACKS = {
    ".._pages_content.children..._pages_store.data..": "shell",
    "..data-as-of.children...demo-badge.children...nav-links.html...nav-user.children..":
        "shell",
    "..importera-rapport.children...importera-spara.disabled...importera-provad.data..":
        "/admin/import",
    "importera-mall.data": "/admin/import",
    "..anvandare-besked.children...anvandare-lista.children...anvandare-aktiv.children..."
    "anvandare-aktiv.className...anvandare-status.children...anvandare-vald.data..":
        "/admin/anvandare",
    "..anvandare-besked.children@0750584972fa60095279b7850e8ac70987fb8388020eb4834eb4bfca17c5640a"
    "...anvandare-lista.children@0750584972fa60095279b7850e8ac70987fb8388020eb4834eb4bfca17c5640a"
    "...anvandare-namnder.value...anvandare-tillgang.children..": "/admin/anvandare",
    "..profil-besked.children...profil-omraden.value..": "/admin/profil",
    "..sok-lista.children...sok-lista.hidden...sok-status.children..": "/sok",
}
CLIENTSIDE_ONLY = "clientside"  # runs in the browser only: the server refuses it
SEARCHES = ("", "?namnd=RUN", "?enhet=RUF-KOB-BIRKA", "?risk=CANARY-RISK", "?goal=CANARY-GOAL")
# Titles only: codes may be echoed back from the URL a client asked for.
CANARIES = ("KANARIEFÅGEL-RISK-7f3a", "KANARIEFÅGEL-INDIKATOR-7f3a", "KANARIEFÅGEL-MÅL-7f3a")


# --- Helpers: a logged-in test client and the browser's callback payloads --------------


def csrf_token(client) -> str:
    """The CSRF token the Dash renderer would send (loads a page first if needed)."""
    cookie = client.get_cookie("_csrf_token")
    if cookie is None:
        client.get("/")
        cookie = client.get_cookie("_csrf_token")
    return cookie.value


def log_in(client, username: str | None, password: str | None = None):
    """Log the test client in through the real form (no-op for the anonymous user)."""
    if username is None:
        return None
    return client.post("/login", data={
        "username": username, "password": password or PASSWORDS[username],
        "csrf_token": csrf_token(client)})


def _outputs(key: str):
    """The `outputs` part of a payload, from a callback key as Dash writes it."""
    if "." not in key:  # a callback without outputs is keyed by a hash
        return []
    if key.startswith(".."):
        parts = key.strip(".").split("...")
        return [dict(zip(("id", "property"), p.rsplit(".", 1))) for p in parts]
    component, prop = key.rsplit(".", 1)
    return {"id": component, "property": prop}


def payload(key: str, callback: dict, pathname: str = "/", search: str = "") -> dict:
    """The JSON the browser posts for a callback, with the page location filled in."""
    def value(item):
        if item["id"] == "_pages_location":
            return pathname if item["property"] == "pathname" else search
        return None

    inputs = [dict(item, value=value(item)) for item in callback["inputs"]]
    state = [dict(item, value=value(item)) for item in callback.get("state", [])]
    return {"output": key, "outputs": _outputs(key), "inputs": inputs, "state": state,
            "changedPropIds": [f"{i['id']}.{i['property']}" for i in inputs]}


def post_callback(client, body: dict):
    return client.post("/_dash-update-component", json=body,
                       headers={"X-CSRFToken": csrf_token(client)})


def callbacks_after_first_request(app, client) -> dict:
    """The callback map once Dash has added the pages router (at its first request)."""
    client.get("/healthz")
    return dict(app.callback_map)


def is_clientside(callback: dict) -> bool:
    return "callback" not in callback


def may(level: str, username: str | None) -> bool:
    return ROLES[username] in WHO_MAY[level]


# --- The matrix ---------------------------------------------------------------------


def test_every_page_and_callback_is_classified(app, client):
    pages = {page["path"]: page.get("access") for page in dash.page_registry.values()}
    assert pages == EXPECTED_PAGES, "a page's access changed or a new page is unclassified"
    server_side = {k for k, cb in callbacks_after_first_request(app, client).items()
                   if not is_clientside(cb)}
    assert server_side == set(EXPECTED_CALLBACKS), "classify new callbacks in EXPECTED_CALLBACKS"


@pytest.mark.parametrize("username", list(ROLES))
def test_pages_for_each_role(client, username):
    log_in(client, username)
    for path, level in EXPECTED_PAGES.items():
        response = client.get(path)
        if may(level, username):
            assert response.status_code == 200, (username, path)
        elif username is None:
            assert response.status_code == 302, path
            assert response.headers["Location"].startswith("/login?next=")
        else:
            assert response.status_code == 403 and "Ingen behörighet" in response.text


@pytest.mark.parametrize("username", list(ROLES))
def test_callbacks_for_each_role(app, client, username):
    callbacks = callbacks_after_first_request(app, client)
    log_in(client, username)
    for key, callback in callbacks.items():
        owner = EXPECTED_CALLBACKS.get(key, CLIENTSIDE_ONLY)
        for path, level in EXPECTED_PAGES.items():
            response = post_callback(client, payload(key, callback, pathname=path))
            owner_ok = owner == "shell" or (owner in EXPECTED_PAGES
                                            and may(EXPECTED_PAGES[owner], username))
            renders_page = any(i["id"] == "_pages_location" for i in callback["inputs"])
            allowed = owner_ok and (not renders_page or may(level, username))
            denied = response.status_code in (401, 403)
            assert allowed != denied, (username, key, path, response.status_code)
            if denied:
                assert json.loads(response.data) in ({"error": "Inloggning krävs"},
                                                      {"error": "Ingen behörighet"})


@pytest.mark.parametrize("username", list(ROLES))
def test_the_overview_of_a_namnd_only_for_its_members_and_management(app, client, username):
    """Översikt's `?namnd=`: a member sees their own nämnder's (Min nämnd), ledning and admin
    every nämnd's, the public none; anything else is refused with a Swedish message."""
    callbacks = callbacks_after_first_request(app, client)
    key = ".._pages_content.children..._pages_store.data.."
    log_in(client, username)
    for code in ("RS", "HSN", "RUN", "KTN", "PN"):
        response = post_callback(client, payload(key, callbacks[key], "/", f"?namnd={code}"))
        assert response.status_code == 200
        content = response.get_data(as_text=True)
        allowed = ROLES[username] in ("ledning", "admin") or code in MEMBER_OF.get(username, ())
        assert ("overview-namnd" in content) is allowed, (username, code)
        assert ("oversikt-problem" in content) is not allowed, (username, code)


def test_an_unknown_callback_is_refused_and_a_malformed_body_is_bad(client):
    assert post_callback(client, {"output": "not-a-callback.children", "inputs": []}
                         ).status_code == 401
    for body in (["a"], {"output": 1}):
        assert post_callback(client, body).status_code == 400
    log_in(client, "ledning")
    assert post_callback(client, {"output": "nope.children"}).status_code == 403


# --- The page router, however its body is dressed up ------------------------------------


def _router_inputs(path: str) -> list[dict]:
    return [{"id": "_pages_location", "property": "pathname", "value": path},
            {"id": "_pages_location", "property": "search", "value": ""}]


def _renamed(body: dict, path: str) -> dict:
    """Every input id renamed: Dash still passes the first value as the pathname."""
    return body | {"inputs": [dict(i, id=f"omdopt-{n}") for n, i in enumerate(body["inputs"])]}


def _properties_swapped(body: dict, path: str) -> dict:
    """The protected path posted as `search`, first: Dash takes it as the pathname."""
    first, second = body["inputs"]
    return body | {"inputs": [dict(first, property="search"), dict(second, property="pathname",
                                                                        value="/")]}


def _decoy_first(body: dict, path: str) -> dict:
    """An extra input in front; the real-looking location (at `/`) after it."""
    return body | {"inputs": [{"id": "x", "property": "y", "value": path}] + _router_inputs("/")}


def _decoy_in_state(body: dict, path: str) -> dict:
    """Inputs renamed, and a harmless location offered in `state`."""
    return _renamed(body, path) | {"state": _router_inputs("/")}


def _reordered(body: dict, path: str) -> dict:
    return body | {"inputs": list(reversed(body["inputs"]))}


def _missing(body: dict, path: str) -> dict:
    return body | {"inputs": []}


def _extra(body: dict, path: str) -> dict:
    return body | {"inputs": body["inputs"] + _router_inputs("/")}


def _not_text(body: dict, path: str) -> dict:
    return body | {"inputs": [dict(body["inputs"][0], value=[path]), body["inputs"][1]]}


# Those that put the protected path where Dash reads the pathname: the page check alone
# must refuse them (401/403), not only the check of the body's shape (400).
PATH_WHERE_DASH_READS_IT = (_renamed, _properties_swapped, _decoy_first, _decoy_in_state)
MUTATIONS = PATH_WHERE_DASH_READS_IT + (_reordered, _missing, _extra, _not_text)


@pytest.mark.parametrize("username", list(ROLES))
def test_the_router_never_renders_a_page_the_viewer_may_not_open(app, client, username):
    from dashboard.access import router_key

    callbacks = callbacks_after_first_request(app, client)
    key = router_key(callbacks)
    assert key == ".._pages_content.children..._pages_store.data.."
    log_in(client, username)
    protected = [path for path, level in EXPECTED_PAGES.items() if not may(level, username)]
    for path in protected:
        honest = payload(key, callbacks[key], pathname=path)
        assert post_callback(client, honest).status_code in (401, 403), (username, path)
        for mutate in MUTATIONS:
            response = post_callback(client, mutate(honest, path))
            expected = (401, 403) if mutate in PATH_WHERE_DASH_READS_IT else (400, 401, 403)
            assert response.status_code in expected, (username, path, mutate.__name__)
            assert "response" not in response.get_json()


def test_a_renamed_router_body_for_an_allowed_page_is_bad_not_rendered(app, client):
    callbacks = callbacks_after_first_request(app, client)
    key = ".._pages_content.children..._pages_store.data.."
    honest = payload(key, callbacks[key], pathname="/oppna-data")
    assert post_callback(client, honest).status_code == 200
    for mutate in MUTATIONS:
        assert post_callback(client, mutate(honest, "/oppna-data")).status_code == 400, mutate


USER_ADMIN_WRITES = [key for key, owner in EXPECTED_CALLBACKS.items()
                     if owner == "/admin/anvandare"]


def crafted_user_change(key: str, callback: dict) -> dict:
    """What a person crafts to change a user: the button clicked, the target and the form."""
    values = {"n_clicks": 1, "data": {"username": "ledning", "active": True}, "value": "namnd"}
    body = payload(key, callback, pathname="/admin/anvandare")
    for item in (*body["inputs"], *body["state"]):
        item["value"] = ["HSN"] if item["id"] == "anvandare-namnder" else values[item["property"]]
    return body


@pytest.mark.parametrize("username", [None, "hsn", "ledning"])
def test_a_crafted_user_change_by_a_non_admin_is_refused_and_changes_nothing(
        app, client, demo_url, username):
    from data_access.users import get_user

    callbacks = callbacks_after_first_request(app, client)
    log_in(client, username)
    for key in USER_ADMIN_WRITES:
        response = post_callback(client, crafted_user_change(key, callbacks[key]))
        assert response.status_code == (401 if username is None else 403), key
    with session_scope(demo_url) as s:
        ledning = get_user(s, "ledning")
        assert (ledning.active, ledning.role, ledning.session_version) == (True, "ledning", 0)


def test_the_same_crafted_change_by_an_admin_goes_through(app, client, demo_url):
    from data_access.users import get_user

    callbacks = callbacks_after_first_request(app, client)
    log_in(client, "admin")
    for key in USER_ADMIN_WRITES:
        assert post_callback(client, crafted_user_change(key, callbacks[key])).status_code == 200
    with session_scope(demo_url) as s:
        ledning = get_user(s, "ledning")
        assert (ledning.active, ledning.role, [u.code for u in ledning.namnder]) == (
            False, "namnd", ["HSN"])


def test_other_routes_are_refused_unless_open(client):
    assert client.get("/_reload-hash").status_code == 401
    for open_path in ("/healthz", "/login", "/_dash-layout", "/_dash-dependencies",
                      "/assets/app.css"):
        assert client.get(open_path).status_code == 200, open_path


# --- Canaries: what must never leak -----------------------------------------------------


def add_canary_risk(url: str, namnd_code: str) -> None:
    """A high open risk of the nämnd, with the canary as its title and description."""
    with session_scope(url) as s:
        namnd = s.scalars(select(OrgUnit).where(OrgUnit.code == namnd_code)).one()
        process = s.scalars(select(Process)).first()
        s.add(Risk(code="CANARY-RISK", title=CANARIES[0], description=CANARIES[0],
                   namnd_id=namnd.id, owner_unit_id=namnd.id, process_id=process.id, year=2026,
                   probability=4, consequence=4, status="oppen", in_control_plan=True))


@pytest.fixture
def canaries(demo_url):
    """An HSN risk, an unpublished indicator and an unpublished goal with unique names."""
    add_canary_risk(demo_url, "HSN")
    with session_scope(demo_url) as s:
        hsn = s.scalars(select(OrgUnit).where(OrgUnit.code == "HSN")).one()
        s.add(Indicator(code="CANARY-IND", name=CANARIES[1], unit="%", direction="higher",
                        frequency="year", source="Test", published=False))
        parent = s.scalars(select(Goal).where(Goal.kind == "namndmal")).first()
        s.add(Goal(code="CANARY-GOAL", kind="namndmal", title=CANARIES[2], parent_id=parent.id,
                   owner_unit_id=hsn.id, plan_start_year=2024, plan_end_year=2026,
                   published=False))
    return CANARIES


def assert_no_canary(data: bytes, where: str) -> None:
    """No canary in the response, as text or as JSON writes it (Dash escapes Å as \\u00c5)."""
    text = data.decode("utf-8", errors="replace")
    for canary in CANARIES:
        for form in (canary, json.dumps(canary)[1:-1]):
            assert form not in text, f"{canary} leaked in {where}"


def crawl(app, client) -> int:
    """Every GET route without arguments, every page, every callback at every page."""
    callbacks = callbacks_after_first_request(app, client)
    seen = 0
    for rule in app.server.url_map.iter_rules():
        if "GET" in rule.methods and not rule.arguments:
            assert_no_canary(client.get(rule.rule).get_data(), rule.rule)
            seen += 1
    for path in EXPECTED_PAGES:
        for search in SEARCHES:
            assert_no_canary(client.get(path + search).get_data(), path + search)
            for key, callback in callbacks.items():
                response = post_callback(client, payload(key, callback, path, search))
                assert_no_canary(response.get_data(), f"{key} at {path}{search}")
                seen += 1
    return seen


def test_anonymous_clients_never_see_a_risk_or_unpublished_data(app, client, canaries):
    assert crawl(app, client) > 50


def test_a_namnd_member_never_sees_another_namnds_risk(app, client, demo_url):
    add_canary_risk(demo_url, "RUN")
    log_in(client, "hsn")
    assert crawl(app, client) > 50


def test_the_enhet_page_keeps_a_namnd_member_in_scope(app, client, demo_url):
    """A RUN risk owned by RUN: a HSN member sees RUN's page (nämnd level) without the risk,
    and no page for a unit under RUN; the anonymous are sent to log in."""
    add_canary_risk(demo_url, "RUN")
    assert client.get("/enhet?code=RUN").status_code == 302
    log_in(client, "hsn")
    callbacks = callbacks_after_first_request(app, client)
    key = ".._pages_content.children..._pages_store.data.."
    for search in ("?code=RUN", "?code=RJH", "?code=RU", "?code=RU-KOB-JAMTLI"):
        response = post_callback(client, payload(key, callbacks[key], "/enhet", search))
        assert response.status_code == 200
        assert_no_canary(response.get_data(), f"/enhet{search}")
        text = json.dumps(response.get_json(), ensure_ascii=False)
        refused = "som du har behörighet att se" in text
        assert refused == (search in ("?code=RU", "?code=RU-KOB-JAMTLI")), search
        if search == "?code=RUN":  # RUN's förvaltning is not listed, nor linked
            assert "code=RU&" not in text and "code=RU\"" not in text


# --- Search: never a hit the viewer may not open ---------------------------------------

SEARCH_CANARY = "Kanariefågelsökning 7f3a"


def _search_canaries(url: str) -> None:
    """A risk, an unpublished enhetsmål, an uppdrag and a saving measure of an HSN enhet and
    the enhet's own name, every one titled with SEARCH_CANARY; the index rebuilt."""
    from data_access.models import SavingMeasure, Uppdrag
    from data_access.search_index import rebuild_search_index

    add_canary_risk(url, "HSN")
    with session_scope(url) as s:
        risk = s.scalars(select(Risk).where(Risk.code == "CANARY-RISK")).one()
        risk.title = SEARCH_CANARY
        hsn = s.scalars(select(OrgUnit).where(OrgUnit.code == "HSN")).one()
        enhet = s.scalars(select(OrgUnit).where(OrgUnit.namnd_id == hsn.id,
                                                OrgUnit.level == "enhet")).first()
        enhet.name = f"{SEARCH_CANARY} enheten"
        parent = s.scalars(select(Goal).where(Goal.kind == "namndmal")).first()
        s.add(Goal(code="CANARY-EM", kind="enhetsmal", title=SEARCH_CANARY, parent_id=parent.id,
                   owner_unit_id=enhet.id, plan_start_year=2024, plan_end_year=2026,
                   published=False))
        s.add(Uppdrag(code="CANARY-UPP", title=SEARCH_CANARY, issuer_unit_id=hsn.id,
                      assignee_unit_id=enhet.id, year=2026, status="pagaende"))
        s.add(SavingMeasure(code="CANARY-RFA", title=SEARCH_CANARY, unit_id=enhet.id,
                            year=2026, planned_effect_tkr=100, achieved_effect_tkr=0,
                            status="planerad"))
        s.add(Indicator(code="CANARY-IND2", name=SEARCH_CANARY, unit="%", direction="higher",
                        frequency="year", source="Test", published=False))
        s.flush()
        rebuild_search_index(s)


def _searched(app, client, query: str) -> list[tuple[int, str]]:
    """The Sök page and the header's suggestions for `query`: (status, text) of each."""
    callbacks = callbacks_after_first_request(app, client)
    router = ".._pages_content.children..._pages_store.data.."
    suggest = "..sok-lista.children...sok-lista.hidden...sok-status.children.."
    page = post_callback(client, payload(router, callbacks[router], "/sok", f"?q={query}"))
    body = payload(suggest, callbacks[suggest])
    body["inputs"][0]["value"] = query
    suggestions = post_callback(client, body)
    return [(r.status_code, r.get_data(as_text=True)) for r in (page, suggestions)]


@pytest.mark.parametrize("username", [None, "run", "hsn", "ledning"])
def test_search_never_shows_a_hit_the_viewer_may_not_open(app, client, demo_url, username):
    _search_canaries(demo_url)
    log_in(client, username)
    kinds = ("Enheter", "Mål", "Risker", "Uppdrag", "Resultatförbättrande åtgärder")
    for status, text in _searched(app, client, "kanariefågelsökning"):
        if username is None:
            assert status in (401, 403) and "7f3a" not in text
        elif username == "run":  # another nämnd's objects: not one hit
            assert status == 200 and "7f3a" not in text and "Inga" in text
        else:  # the nämnd's own member finds one of each kind, ledning also the indicator
            text = json.dumps(json.loads(text), ensure_ascii=False)
            expected = {*kinds, *(("Indikatorer",) if username == "ledning" else ())}
            found = {kind for kind in (*kinds, "Indikatorer") if f"{kind} (1)" in text}
            assert status == 200 and found == expected, (username, found)
    if username is None:
        response = client.get("/sok?q=kanarief%C3%A5gels%C3%B6kning")
        assert response.status_code == 302 and "7f3a" not in response.get_data(as_text=True)
