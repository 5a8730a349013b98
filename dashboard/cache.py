"""A cache of rendered pages: the pages router's response, keyed by what decides its content.

The key is the page's path and query, the viewer's scope (`Viewer.cache_key`), the data
version (bumped by every import that changed data) and a fingerprint of the code, so a cached page is only ever
served to a viewer with the same scope, for the same data, by the same code. The access guard
runs first: the cache never decides who may see what. SimpleCache (per worker) by default,
Redis (shared by all workers) when REDIS_URL is set. Redis only makes pages faster: while it
is away, pages are rendered uncached (a warning in the log) and it is tried again every
RETRY_SECONDS.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
import logging
import time
import warnings
from pathlib import Path

import dash
from flask import Flask, Response, g, request
from flask_caching import Cache
from redis.exceptions import RedisError

from dashboard.access import page_access, page_for_pathname, router_key
from dashboard.auth import DATA_VERSION, current_viewer
from dashboard.config import REDIS_TIMEOUTS
from dashboard.core.urls import PAGES_LOCATION
from dashboard.database import request_connection
from dashboard.errors import ERROR_HEADER
from data_access import users

PROJECT_ROOT = Path(__file__).resolve().parents[1]
CODE_PACKAGES = ("dashboard", "layouts", "callbacks", "data_access")
DEFAULT_TIMEOUT_SECONDS = 600
# After Redis fails, pages skip it this long (seconds) before it is tried again.
RETRY_SECONDS = 10
logger = logging.getLogger(__name__)


def code_fingerprint() -> str:
    """A hash of the app's own source: workers of one release share it, a new release not."""
    digest = hashlib.sha256()
    for package in CODE_PACKAGES:
        for path in sorted((PROJECT_ROOT / package).rglob("*.py")):
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def cache_config(config: dict) -> dict:
    """Flask-Caching settings: Redis when REDIS_URL is set, else a per-worker memory cache."""
    settings = {"CACHE_DEFAULT_TIMEOUT": DEFAULT_TIMEOUT_SECONDS,
                "CACHE_KEY_PREFIX": "rodtrad:"}
    if config.get("CACHE_TYPE"):  # an explicit choice, e.g. NullCache
        return settings | {"CACHE_TYPE": config["CACHE_TYPE"]}
    if config.get("REDIS_URL"):
        return settings | {"CACHE_TYPE": "RedisCache", "CACHE_REDIS_URL": config["REDIS_URL"],
                           "CACHE_OPTIONS": dict(REDIS_TIMEOUTS)}
    return settings | {"CACHE_TYPE": "SimpleCache", "CACHE_THRESHOLD": 2000}


def _location(body: dict) -> tuple[str, str] | None:
    """(pathname, search) the router is asked to render, or None for any other body."""
    values = {item.get("property"): item.get("value") for item in body.get("inputs", [])
              if isinstance(item, dict) and item.get("id") == PAGES_LOCATION}
    if set(values) != {"pathname", "search"}:
        return None
    pathname, search = values["pathname"], values["search"] or ""
    if not isinstance(pathname, str) or not isinstance(search, str):
        return None
    return pathname, search


def _cacheable(pathname: str, prefix: str) -> bool:
    """Whether a page may come from the cache: not the admin pages (the import log must show
    every run, and a failed or dry run leaves the data version be)."""
    page = page_for_pathname(pathname, prefix)
    return page is not None and page_access(page) != "admin"


def page_key(fingerprint: str, pathname: str, search: str) -> str:
    """The cache key of a page for this request's viewer and the database's data version."""
    viewer = current_viewer()
    version = g.get(DATA_VERSION)  # a signed-in user's request has it already
    if version is None:  # nobody signed in: the same version, read alone
        version = users.data_version(request_connection())
    parts = [fingerprint, version, dt.date.today().isoformat(),
             viewer.cache_key, pathname, search]
    return "page:" + hashlib.sha256(json.dumps(parts).encode()).hexdigest()


def _takes_gzip() -> bool:
    return "gzip" in request.headers.get("Accept-Encoding", "")


def _cached_response(compressed: bytes) -> Response:
    """A stored page as the client takes it: gzip as stored (compressed once, when stored)."""
    headers = {"X-Rodtrad-Cache": "hit", "Vary": "Accept-Encoding"}
    if _takes_gzip():
        headers["Content-Encoding"] = "gzip"  # flask-compress leaves an encoded body alone
        return Response(compressed, mimetype="application/json", headers=headers)
    return Response(gzip.decompress(compressed), mimetype="application/json", headers=headers)


def _send_compressed(response: Response, compressed: bytes) -> None:
    """A missed page goes out as the bytes just stored when the client takes gzip, as a hit
    does: flask-compress (which leaves an encoded body alone) would compress it once more."""
    if _takes_gzip():
        response.set_data(compressed)
        response.headers["Content-Encoding"] = "gzip"
        response.headers["Vary"] = "Accept-Encoding"


class TolerantCache:
    """The page cache as an optional accelerator: a failing store (Redis away or hanging) is
    a miss, logged once, and is left alone for RETRY_SECONDS before it is tried again."""

    def __init__(self, cache: Cache):
        self.cache = cache
        self.down_until = 0.0  # per worker: each worker finds out for itself

    def get(self, key: str) -> bytes | None:
        return self._call(self.cache.get, key)

    def set(self, key: str, value: bytes) -> None:
        self._call(self.cache.set, key, value)

    def _call(self, method, *args):
        if time.monotonic() < self.down_until:
            return None
        try:
            result = method(*args)
        except (RedisError, OSError) as exc:
            if not self.down_until:
                logger.warning("Sidcachen (Redis) svarar inte, sidorna visas utan cache: %s", exc)
            self.down_until = time.monotonic() + RETRY_SECONDS
            return None
        if self.down_until:
            logger.warning("Sidcachen (Redis) svarar igen.")
            self.down_until = 0.0
        return result


def init_app(app: dash.Dash) -> Cache:
    """Serve repeated page renders from the cache; call after the access guard is installed."""
    server: Flask = app.server
    with warnings.catch_warnings():  # NullCache is a deliberate choice, not worth a warning
        warnings.filterwarnings("ignore", "Flask-Caching: CACHE_TYPE is set to NullCache")
        cache = Cache(server, config=cache_config(server.config))
    server.extensions["rodtrad_cache"] = cache
    if cache.config["CACHE_TYPE"] == "NullCache":
        # The page cache is off: no key to work out, no page to compress for nothing.
        return cache
    pages = TolerantCache(cache)
    fingerprint = code_fingerprint()
    update_path = app.config.routes_pathname_prefix + "_dash-update-component"
    requests_prefix = app.config.requests_pathname_prefix
    # The server-drawn first view of a page (dashboard.prerender) is kept beside the page.
    server.extensions["rodtrad_page_store"] = (
        pages, lambda pathname, search: page_key(fingerprint, pathname, search))

    def serve_cached():
        if request.path != update_path or request.method != "POST":
            return None
        body = request.get_json(silent=True)
        if not isinstance(body, dict) or body.get("output") != router_key(app.callback_map):
            return None
        location = _location(body)
        if location is None or not _cacheable(location[0], requests_prefix):
            return None
        g.page_cache_key = page_key(fingerprint, *location)
        cached = pages.get(g.page_cache_key)
        if cached is None:
            return None
        g.page_cache_key = None  # a hit: nothing to store afterwards
        return _cached_response(cached)

    def store(response: Response) -> Response:
        key = g.pop("page_cache_key", None)
        if key and response.status_code == 200 and not response.direct_passthrough \
                and ERROR_HEADER not in response.headers:
            compressed = gzip.compress(response.get_data(), compresslevel=6, mtime=0)
            pages.set(key, compressed)
            _send_compressed(response, compressed)
            response.headers["X-Rodtrad-Cache"] = "miss"
        return response

    server.before_request(serve_cached)
    server.after_request(store)
    return cache
