"""The Dash app factory: the Flask server, the Dash app, pages, callbacks and guards."""

from __future__ import annotations

import inspect
import types
import weakref

import dash
import flask
from werkzeug.middleware.proxy_fix import ProxyFix

from callbacks import register_callbacks
from dashboard import (
    access,
    api,
    audit,
    auth,
    bundles,
    cache,
    calendar_feed,
    component_init,
    database,
    downloads,
    encoding,
    errors,
    health,
    prerender,
    scripts,
    static_files,
    transport,
)
from dashboard.config import ASSETS_DIR, check_production_database, load_config
from dashboard.core import wording
from data_access.db import get_engine
from layouts.pages import page_keys, register_pages
from layouts.shell import shell

INDEX_STRING = """<!DOCTYPE html>
<html lang="sv">
    <head>
        {%metas%}
        <title>{%title%}</title>
        {%favicon%}
        {%css%}
    </head>
    <body>
        <noscript>Rödtråd behöver JavaScript för att visa sidorna.</noscript>
        <div id="react-entry-point"><div class="_dash-loading">Laddar …</div></div>
        <!-- Dash's own entry point says "Loading...": ours above, in Swedish, is the one the
             renderer finds. Dash requires the placeholder, so it stays, as a comment.
        {%app_entry%}
        -->
        {%config%}
        {%scripts%}
        {%renderer%}
    </body>
</html>
"""


class _Flask(flask.Flask):
    """Flask, asking once per function (not on every request) whether a hook or view is a
    coroutine function: a request runs some twenty hooks, and `inspect.iscoroutinefunction`
    costs about a microsecond each time. Functions known to be plain are kept weakly, so the
    closures a request registers for itself (`after_this_request`) are not kept alive."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._plain_functions: weakref.WeakSet = weakref.WeakSet()

    def ensure_sync(self, func):
        function = func.__func__ if type(func) is types.MethodType else func
        if type(function) is types.FunctionType:
            if function in self._plain_functions:
                return func
            if not inspect.iscoroutinefunction(func):
                self._plain_functions.add(function)
                return func
        return super().ensure_sync(func)


def _server(config: dict) -> flask.Flask:
    """The Flask server with our settings and the per-request database session."""
    server = _Flask(__name__, static_folder=None)
    server.config.update(config)
    # Dash's answers are compressed on every request that misses the page cache: brotli at
    # quality 1 is as small as gzip at 6 for them at a fifth of its time (0.2 against 1.2 ms
    # for 100 kB of JSON), and every browser takes brotli; gzip stays at its default.
    server.config.setdefault("COMPRESS_BR_LEVEL", 1)
    if proxies := config["TRUSTED_PROXIES"]:  # the client's address and scheme, as they say
        server.wsgi_app = ProxyFix(server.wsgi_app, x_for=proxies, x_proto=proxies)
    database.init_app(server)
    audit.init_app(server)
    health.init_app(server, config["URL_PREFIX"])
    auth.init_app(server, config["URL_PREFIX"])
    downloads.init_app(server, config["URL_PREFIX"])
    calendar_feed.init_app(server, config["URL_PREFIX"])
    api.init_app(server, config["URL_PREFIX"])
    return server


def _dash(server: flask.Flask) -> dash.Dash:
    """The Dash app: pages registered explicitly, assets served from this host only."""
    app = dash.Dash(
        __name__,
        server=server,
        url_base_pathname=server.config["URL_PREFIX"],
        use_pages=True,
        pages_folder="",
        assets_folder=str(ASSETS_DIR),
        # Bootstrap must come before app.css, so the vendor folder is linked explicitly below;
        # boot/ holds the renderer's start, which the index page loads after Dash's scripts,
        # and the stand-ins of the bundles that load lazily (dashboard.bundles).
        assets_path_ignore=["^vendor$", "^boot$"],
        compress=True,
        serve_locally=True,
        title="Rödtråd",
        update_title=None,
        # Pages render data, so Dash must not call every layout to build a validation layout
        # (it would embed one viewer's data in the index page sent to everyone).
        suppress_callback_exceptions=True,
        meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"}],
    )
    app.config.external_stylesheets = [app.get_asset_url("vendor/bootstrap.min.css")]
    # plotly.js and AG Grid load when a page first draws a chart or a grid (dashboard.bundles).
    bundles.init_app(app)
    # The requested page's first view, drawn on the server into the index page.
    prerender.init_app(app)
    # Dash's {%renderer%} is an inline script: its line comes from a file instead.
    app.index_string = INDEX_STRING.replace("{%renderer%}", scripts.renderer_tag(app))
    return app


def create_app(config: dict | None = None) -> dash.Dash:
    """Build the app; raises ConfigError (one Swedish line) for a setting it must refuse.

    The database need not answer: a worker that boots during an outage serves "tillfälligt
    otillgänglig" (503) until the database is back, and then the pages.
    """
    settings = load_config(config)
    check_production_database(settings)
    # Close the checking connection: gunicorn may fork after this, and workers must not share it.
    get_engine(settings["DATABASE_URL"]).dispose()
    app = _dash(_server(settings))
    component_init.init_app(app)  # components built without Dash's cost per call
    wording.provide(database.organisation_kind)
    register_pages()
    app.layout = shell()
    register_callbacks(app, page_keys())
    errors.init_app(app)
    scripts.init_app(app)  # no clientside callback as an inline script
    access.init_app(app)  # it reads the finished layout and callbacks
    transport.init_app(app)  # body size limits (before every other hook), HSTS, cookies
    static_files.init_app(app)  # static files compressed once, kept a year when fingerprinted
    cache.init_app(app)  # after the guard: only requests it let through reach the cache
    encoding.init_app(app)  # callback answers encoded without Dash's cost per component
    return app
