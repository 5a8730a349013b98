"""Static files (Dash's bundles under `_dash-component-suites/`, our `assets/`): compressed
once per process instead of on every request, with brotli where the browser takes it, and
kept by the browser for a year when their address changes with their content.

- Dash's `compress=True` (flask-compress) compresses every answer anew, static files too, with
  fast settings. A bundle never changes while the process runs, so its compressed form is
  kept in memory (keyed by address and content), at brotli quality 5: about 10 % smaller
  than what flask-compress sends, for a fifth of a second per worker over all bundles.
- Our own vendored files (`assets/vendor/*.js|css`) come with a `.br` beside them, compressed
  once at the highest quality when they are vendored (see assets/vendor/README.md):
  `tests/test_static_files.py` checks that each `.br` is its file.
- Answers to addresses that change with the content (Dash's fingerprinted bundles, assets
  linked with `?m=<mtime>`) may be kept for a year (`immutable`); others are checked (ETag).

Callbacks and pages are left to flask-compress: they change with every request.
"""

from __future__ import annotations

import zlib
from pathlib import Path

import brotli
import dash
from flask import Response, request

from dashboard.config import ASSETS_DIR

BROTLI_QUALITY = 5
GZIP_LEVEL = 9
COMPRESSIBLE = {"text/javascript", "application/javascript", "text/css", "application/json",
                "image/svg+xml", "image/x-icon", "image/vnd.microsoft.icon"}
VENDOR_DIR = ASSETS_DIR / "vendor"
YEAR = 365 * 24 * 3600


def precompressed() -> dict[int, Path]:
    """crc32 of a vendored file's content -> its `.br` (compressed at quality 11)."""
    found = {}
    for packed in VENDOR_DIR.glob("*.br"):
        plain = packed.with_suffix("")
        if plain.exists():
            found[zlib.crc32(plain.read_bytes())] = packed
    return found


class StaticCompression:
    """The after_request hook that sends static files compressed from a per-process cache."""

    def __init__(self, prefixes: tuple[str, ...]):
        self.prefixes = prefixes
        self.cache: dict[tuple[str, int, str], bytes] = {}
        self.vendored = precompressed()

    def encoded(self, data: bytes, encoding: str) -> bytes:
        key = (request.path, zlib.crc32(data), encoding)
        if key not in self.cache:
            if encoding == "br" and key[1] in self.vendored:
                self.cache[key] = self.vendored[key[1]].read_bytes()
            elif encoding == "br":
                self.cache[key] = brotli.compress(data, quality=BROTLI_QUALITY)
            else:
                self.cache[key] = zlib_gzip(data)
        return self.cache[key]

    def __call__(self, response: Response) -> Response:
        if request.method != "GET" or not request.path.startswith(self.prefixes):
            return response
        if "m" in request.args or response.cache_control.max_age == 31536000:
            response.cache_control.public = True
            response.cache_control.max_age = YEAR
            response.cache_control.immutable = True
            response.cache_control.no_cache = None
        if (response.status_code != 200 or response.mimetype not in COMPRESSIBLE
                or "Content-Encoding" in response.headers):
            return response
        encoding = request.accept_encodings.best_match(["br", "gzip"])
        if encoding is None:
            return response
        response.direct_passthrough = False
        response.set_data(self.encoded(response.get_data(), encoding))
        response.headers["Content-Encoding"] = encoding
        response.vary.add("Accept-Encoding")
        etag, weak = response.get_etag()
        if etag and not weak:
            response.set_etag(f"{etag}:{encoding}")
            response.make_conditional(request)
        return response


def zlib_gzip(data: bytes) -> bytes:
    """gzip at the highest level (for browsers without brotli)."""
    packer = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, 31)
    return packer.compress(data) + packer.flush()


def init_app(app: dash.Dash) -> None:
    """Compress static answers before flask-compress sees them (it leaves encoded ones be:
    Flask runs the hooks registered last first)."""
    prefix = app.config.routes_pathname_prefix
    prefixes = (prefix + "_dash-component-suites/", prefix + "assets/", prefix + "_favicon.ico")
    app.server.after_request(StaticCompression(prefixes))
