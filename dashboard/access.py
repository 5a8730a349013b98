"""Deny by default: who may open which page, trigger which callback, reach which route.

Every page declares `access` when it is registered ("public", "internal" for any logged-in
role, or "admin"). A callback belongs to the shell (its outputs are in `app.layout`, which
everyone receives) or to the page whose id prefix its outputs carry; the guard lets a
request through only if every owner admits the viewer. Anything unclassified is refused.
A callback that renders a page (Dash's pages router, found by what it writes, and any
callback declaring the location's pathname) is also refused when the viewer may not open
the page at the pathname Dash will pass it: read by position, as Dash passes arguments,
never by the ids the body puts beside the values (dashboard.callback_body).
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

import dash
from flask import Flask, current_app, redirect, request, session
from flask_login import current_user

from dashboard import audit
from dashboard import callback_body as body_rules
from dashboard.core.urls import PAGES_CONTENT, PAGES_LOCATION, query_string
from dashboard.errors import error_page
from dashboard.saml import IdpMetadata
from data_access.audit import PAGE_VIEW

ACCESS_ROLES = {
    "public": ("allmanhet", "namnd", "ledning", "admin"),
    "internal": ("namnd", "ledning", "admin"),
    "admin": ("admin",),
}
# Flask endpoints anyone may reach: static files, Dash's code and (data-free) layout, login.
OPEN_ENDPOINTS = {"healthz", "auth.login_page", "auth.login_submit", "auth.logout",
                  "auth.oidc_login", "auth.oidc_callback", "auth.saml_login", "auth.saml_acs",
                  "auth.saml_metadata", "auth.saml_sls", "_dash_assets.static"}
OPEN_DASH_ROUTES = ("_dash-component-suites/", "_dash-layout", "_dash-dependencies",
                    "_favicon.ico")


def viewer_role() -> str:
    """The role of the person behind this request ("allmanhet" when not logged in)."""
    return current_user.role if current_user.is_authenticated else "allmanhet"


def admits(access: str | None, role: str) -> bool:
    """Whether a page or callback with this access level admits the role (unknown: no)."""
    return role in ACCESS_ROLES.get(access or "", ())


# --- Pages --------------------------------------------------------------------------


def page_for_path(path: str) -> dict | None:
    """The registered page at a path relative to the app's prefix (e.g. `/mal`), or None."""
    wanted = "/" + path.strip("/")
    for page in dash.page_registry.values():
        if page["path"] == wanted:
            return page
    return None


def page_access(page: dict) -> str | None:
    """A page's declared access level (None when it forgot to declare one: denied)."""
    return page.get("access")


def id_prefix(page: dict) -> str:
    """The prefix every component id in a page's callbacks carries, e.g. `mal-`."""
    return page["id_prefix"] + "-"


# --- Callbacks ----------------------------------------------------------------------


def component_ids(layout) -> set[str]:
    """Every string id in a component tree (the shell's ids)."""
    ids, stack = set(), [layout]
    while stack:
        node = stack.pop()
        if isinstance(node, (list, tuple)):
            stack.extend(node)
            continue
        if not hasattr(node, "to_plotly_json"):
            continue
        if isinstance(getattr(node, "id", None), str):
            ids.add(node.id)
        children = getattr(node, "children", None)
        if children is not None:
            stack.append(children)
    return ids


def _id_name(component_id) -> str:
    """A component id as text; a pattern-matching id is named by its `type`."""
    if isinstance(component_id, dict):
        return str(component_id.get("type", ""))
    return str(component_id)


def callback_ids(callback: dict) -> list[str]:
    """The component ids a callback writes to (its inputs when it writes nothing)."""
    outputs = callback.get("output")
    outputs = outputs if isinstance(outputs, (list, tuple)) else [outputs]
    ids = [_id_name(o.component_id) for o in outputs if o is not None]
    return ids or [_id_name(i["id"]) for i in callback.get("inputs", [])]


def owner_of(component_id: str, shell_ids: set[str]) -> str | dict | None:
    """"shell", the page dict owning the id by prefix, or None (unclassified)."""
    if component_id in shell_ids:
        return "shell"
    for page in dash.page_registry.values():
        if page.get("id_prefix") and component_id.startswith(id_prefix(page)):
            return page
    return None


def callback_owners(callback: dict, shell_ids: set[str]) -> list[str | dict | None]:
    """The owner of each id the callback writes to."""
    return [owner_of(cid, shell_ids) for cid in callback_ids(callback)]


def _strip_prefix(path: str, prefix: str) -> str:
    return "/" + path[len(prefix):] if path.startswith(prefix) else path


def page_for_pathname(pathname: str, prefix: str = "/") -> dict | None:
    """The registered page a browser's pathname (under the app's requests prefix) shows."""
    return page_for_path(_strip_prefix(pathname, prefix))


def router_key(callback_map: dict) -> str | None:
    """The callback_map key of Dash's pages router: the callback that writes the page content.

    Found by what the callback writes, as Dash finds the callback to run by the posted key;
    it exists after the app's first request.
    """
    known = _ROUTER_KEYS.get(id(callback_map))
    if known and known[0] == len(callback_map) and callback_map.get(known[1]) is known[2]:
        return known[1]
    for key, callback in callback_map.items():
        if _writes_content(callback):
            _ROUTER_KEYS[id(callback_map)] = (len(callback_map), key, callback)
            return key
    return None


# Per callback map (by id, with its size then): the router's key and its callback, found once
# rather than by reading every callback's outputs on each request; used while that very
# callback is still the one at that key.
_ROUTER_KEYS: dict[int, tuple[int, str, dict]] = {}


def _writes_content(callback: dict | None) -> bool:
    return bool(callback) and not callback.get("no_output") and any(
        output["id"] == PAGES_CONTENT for output in body_rules.declared_outputs(callback))


def _location_values(body: dict, callback: dict) -> dict[str, object]:
    """The page location's properties as the callback will receive them: by position."""
    return {dependency["property"]: body_rules.argument(body, index)
            for index, dependency in enumerate(body_rules.declared_arguments(callback))
            if dependency.get("id") == PAGES_LOCATION}


def rendered_page_allowed(body: dict, callback: dict, is_router: bool, role: str,
                          prefix: str = "/") -> bool:
    """Whether the role may open the page a page-rendering callback is asked about.

    The router, and any callback declaring the location's pathname, gets the pathname by
    position; that value decides, whatever the ids beside it say. BadBody when the location
    is missing or not text (Dash would fail on it).
    """
    location = _location_values(body, callback)
    if "pathname" not in location:
        return not is_router  # a router that is not given a pathname renders nothing we know
    if not all(isinstance(v, str) or (v is None and p != "pathname")
               for p, v in location.items()):
        raise body_rules.BadBody("the page location is not text")
    page = page_for_pathname(location["pathname"] or "/", prefix)
    return page is None or admits(page_access(page), role)  # unknown: Dash's 404 layout


def owners_admit(callback: dict, role: str, shell_ids: set[str]) -> bool:
    """Whether every owner of what the callback writes admits the role (unclassified: no)."""
    for owner in callback_owners(callback, shell_ids):
        if owner is None or (owner != "shell" and not admits(page_access(owner), role)):
            return False
    return True


def callback_allowed(body: dict, role: str, callback_map: dict, shell_ids: set[str],
                     prefix: str = "/") -> bool:
    """Whether the role may run the callback a `/_dash-update-component` body names.

    `prefix` is the app's requests path prefix, which the posted pathname carries. BadBody
    when the body does not fit the callback (the guard answers 400).
    """
    callback = callback_map.get(body["output"])
    if callback is None or "callback" not in callback:  # unknown, or runs in the browser only
        return False
    if not owners_admit(callback, role, shell_ids):
        return False
    is_router = body["output"] == router_key(callback_map)
    if not rendered_page_allowed(body, callback, is_router, role, prefix):
        return False
    body_rules.check_shape(body, callback)
    return True


# --- The guard ----------------------------------------------------------------------


def _refuse(status_for_anonymous: int = 401):
    """401 for anonymous users, 403 for logged-in ones; never any data."""
    if current_user.is_authenticated:
        return {"error": "Ingen behörighet"}, 403
    return {"error": "Inloggning krävs"}, status_for_anonymous


def _forbidden_page():
    return error_page("Ingen behörighet",
                      "Du är inloggad men din roll ger inte tillgång till den här sidan.", 403)


def _guard_page(page: dict, login_path: str):
    if admits(page_access(page), viewer_role()):
        return None
    if not current_user.is_authenticated:
        return redirect(login_path + query_string({"next": request.full_path.rstrip("?")}))
    return _forbidden_page()


def allow_route(server: Flask, endpoint: str, access: str) -> None:
    """Declare who may use a Flask route of our own (downloads, API); undeclared: nobody."""
    server.extensions.setdefault("rodtrad_route_access", {})[endpoint] = access


def make_guard(app: dash.Dash):
    """The before_request function that checks every request against the rules above."""
    prefix = app.config.routes_pathname_prefix
    requests_prefix = app.config.requests_pathname_prefix
    login_path = requests_prefix + "login"
    update_path = prefix + "_dash-update-component"
    catchall = {prefix, prefix + "<path:path>"}

    def guard():
        rule = request.url_rule
        if rule is None:  # no route: Flask answers 404 itself
            return None
        if request.path == update_path:
            return _guard_callback(app, requests_prefix)
        if rule.rule in catchall:
            page = page_for_path(request.path[len(prefix) - 1:])
            return None if page is None else _guard_page(page, login_path)  # unknown: 404
        if rule.endpoint in OPEN_ENDPOINTS or _is_open_dash_route(rule.rule, prefix):
            return None
        declared = current_app.extensions.get("rodtrad_route_access", {}).get(rule.endpoint)
        return None if admits(declared, viewer_role()) else _refuse()

    return guard


def _guard_callback(app: dash.Dash, requests_prefix: str):
    """Let a callback request through, refuse it (401/403), or answer 400 to a malformed one."""
    try:
        body = body_rules.read_body()
        if callback_allowed(body, viewer_role(), app.callback_map,
                            current_app.extensions["rodtrad_shell_ids"], requests_prefix):
            _note_page_view(body, app.callback_map, requests_prefix)
            return None
    except body_rules.BadBody as problem:
        return _malformed(problem)
    return _refuse()


def rendered_location(body: dict, callback_map: dict, prefix: str = "/") -> tuple[dict, str] | None:
    """The page the pages router renders for this request and its pathname and query, or
    None when the request is not the router's (it runs once per page shown)."""
    key = body["output"]
    if key != router_key(callback_map):
        return None
    location = _location_values(body, callback_map[key])
    pathname = location.get("pathname") or "/"
    page = page_for_pathname(pathname, prefix)
    return None if page is None else (page, pathname + (location.get("search") or ""))


def _note_page_view(body: dict, callback_map: dict, prefix: str) -> None:
    """A non-public page shown to a viewer goes in the audit log (once per render)."""
    shown = rendered_location(body, callback_map, prefix)
    if shown is not None and page_access(shown[0]) != "public" \
            and not noted_by_prerender(shown[1]):
        audit.note(PAGE_VIEW, shown[1])


# The address whose view the server-drawn first view noted (dashboard.prerender): the router's
# first render of it in the same session is not noted again.
PRERENDER_NOTED = "rodtrad_prerender_noted"


def noted_by_prerender(target: str) -> bool:
    """Whether the prerender noted this address's view (true once)."""
    if session.get(PRERENDER_NOTED) == target:
        session.pop(PRERENDER_NOTED)
        return True
    return False


def _malformed(problem: Exception):
    """400 with one Swedish sentence; one line in the log, no traceback anywhere."""
    current_app.logger.warning("Felaktig callback-begäran från %s: %s", request.remote_addr,
                               problem)
    return {"error": "Felaktig begäran"}, 400


def _is_open_dash_route(rule: str, prefix: str) -> bool:
    return any(rule.startswith(prefix + route) for route in OPEN_DASH_ROUTES)


def security_headers(response, form_targets: str = ""):
    """A strict CSP (own origin only: no inline script, see dashboard/scripts.py) and friends
    on a response.

    `form_targets`: origins a form may lead to besides our own (the identity provider, where
    the logout form's redirect goes for single sign-on)."""
    response.headers["Content-Security-Policy"] = (
        "default-src 'self'; "
        "script-src 'self'; "
        # Dash and Plotly set inline styles on elements; scripts come from our files only.
        "style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; "
        f"object-src 'none'; base-uri 'self'; form-action 'self'{form_targets}; "
        "frame-ancestors 'none'"
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Referrer-Policy"] = "strict-origin-when-cross-origin"
    response.headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()"
    return response


def pages_for_role(role: str) -> Iterable[dict]:
    """The navbar's pages this role may open, in navigation order."""
    return [p for p in dash.page_registry.values()
            if p.get("in_nav", True) and admits(page_access(p), role)]


def init_app(app: dash.Dash) -> None:
    """Install the guard and the security headers; call after all pages and callbacks exist."""
    server: Flask = app.server
    server.extensions["rodtrad_shell_ids"] = component_ids(app.layout)
    server.before_request(make_guard(app))
    form_targets = "".join(f" {origin}" for origin in _provider_origins(server.config))
    server.after_request(lambda response: security_headers(response, form_targets))


def _provider_origins(config) -> list[str]:
    """The identity providers' origins, when single sign-on is configured."""
    parts = urlsplit(config.get("OIDC_ISSUER") or "")
    oidc = [f"{parts.scheme}://{parts.netloc}"] if parts.scheme and parts.netloc else []
    saml_idp = config.get("SAML_IDP_METADATA")
    return oidc + list(saml_idp.origins if isinstance(saml_idp, IdpMetadata) else ())
