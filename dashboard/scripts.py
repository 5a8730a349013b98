"""No inline script in the index page, so the Content-Security-Policy's script-src is 'self'.

Dash writes three kinds of script into its index page: files (its bundles and our
assets/*.js), clientside callbacks given as JavaScript strings (inline scripts), and the line
that starts its renderer (inline). Our clientside callbacks are functions in
assets/callbacks.js, called with ClientsideFunction; the renderer's line is the file
assets/boot/renderer.js (loaded in place of Dash's {%renderer%}); and the pages router's own
string callback, which sets the page's title, is pointed at the same function in
assets/callbacks.js."""

from __future__ import annotations

import dash
from dash import _callback

RENDERER_ASSET = "boot/renderer.js"  # only loaded by the index page, not with the other assets
# Dash's pages router adds this clientside callback (a string) at its first request.
ROUTER_TITLE_OUTPUT = "_pages_dummy.children"
PAGE_TITLE = {"namespace": "rodtrad", "function_name": "pageTitle"}
INLINE_NAMESPACE = "_dashprivate_clientside_funcs"  # where Dash puts a string's function


class InlineScriptError(RuntimeError):
    """A clientside callback given as a string: it belongs in assets/callbacks.js."""


def renderer_tag(app: dash.Dash) -> str:
    """The script that starts Dash's renderer, as a file (Dash's own is inline)."""
    if app.renderer != "var renderer = new DashRenderer();":
        raise InlineScriptError(f"Dash's renderer line changed ({app.renderer}): update "
                                f"assets/{RENDERER_ASSET}")
    return f'<script id="_dash-renderer" src="{app.get_asset_url(RENDERER_ASSET)}"></script>'


def inline_callbacks(app: dash.Dash) -> list[dict]:
    """The app's clientside callbacks that Dash holds as inline scripts."""
    return [c for c in app._callback_list
            if (c.get("clientside_function") or {}).get("namespace") == INLINE_NAMESPACE]


def check_no_inline_scripts(app: dash.Dash) -> None:
    """Raise InlineScriptError naming any clientside callback given as a string."""
    inline = inline_callbacks(app)
    if inline or app._inline_scripts or _callback.GLOBAL_INLINE_SCRIPTS:
        outputs = ", ".join(c["output"] for c in inline) or "?"
        raise InlineScriptError(
            f"Clientside callbacks given as JavaScript strings ({outputs}): the CSP allows no "
            "inline script. Write them in assets/callbacks.js and use ClientsideFunction.")


def use_own_title_function(app: dash.Dash) -> bool:
    """Point the pages router's title callback at rodtrad.pageTitle and drop its inline
    script; True once it is done. Anything else inline is an error (check_no_inline_scripts)."""
    for callback in inline_callbacks(app):
        if callback["output"] == ROUTER_TITLE_OUTPUT:
            name = callback["clientside_function"]["function_name"]  # the string's sha256
            callback["clientside_function"] = dict(PAGE_TITLE)
            # The index page has the title; the router's answer, which changes the store, is
            # what calls it (a first call with the empty store would only cost a phone time).
            callback["prevent_initial_call"] = True
            app._inline_scripts[:] = [s for s in app._inline_scripts if name not in s]
    check_no_inline_scripts(app)
    return any(c["output"] == ROUTER_TITLE_OUTPUT and c.get("clientside_function") == PAGE_TITLE
               for c in app._callback_list)


def init_app(app: dash.Dash) -> None:
    """Refuse string callbacks now; replace the router's once it is there (it is added at the
    first request, by a before_request hook Dash registered before this one)."""
    check_no_inline_scripts(app)
    done = []

    def after_router() -> None:
        if not done and app._got_first_request["pages"] and use_own_title_function(app):
            done.append(True)

    app.server.before_request(after_router)
