"""What a request may bring and what a response may carry, whatever route it is.

- **Size.** Every request body is limited before it is read: by its Content-Length, and
  while it streams when it has none (werkzeug stops at the limit). `MAX_CONTENT_LENGTH` is
  small for everyone; a callback request may be as large as the largest upload a page the
  viewer may open declares (`request_bytes`: the import page takes a file as base64 in a
  callback), so an anonymous client can never make a worker read megabytes.
- **HSTS** on every answer served over https (`request.is_secure`, right behind ProxyFix),
  unless `HSTS_SECONDS` is 0.
- **No cookies on publicly cacheable answers.** A shared cache must never store one user's
  session or CSRF cookie with an answer it hands to everyone, so a `Set-Cookie` is dropped
  from any answer marked `Cache-Control: public`, whoever set it (the session is saved after
  every Flask hook, so this happens at the WSGI edge).
"""

from __future__ import annotations

import math

import dash
from flask import Flask, current_app, request

from dashboard.access import admits, page_access, viewer_role
from dashboard.errors import error_page

# A form or a callback other than an upload: the largest legitimate one is a few kilobytes.
DEFAULT_REQUEST_BYTES = 1024 * 1024


def upload_request_bytes(file_bytes: int) -> int:
    """The callback body that carries a file of `file_bytes` as base64, with room for the rest."""
    return 4 * math.ceil(file_bytes / 3) + DEFAULT_REQUEST_BYTES


def callback_limit(role: str) -> int:
    """The largest callback body a viewer of this role may send: their pages' largest upload."""
    return max([DEFAULT_REQUEST_BYTES] + [
        page["request_bytes"] for page in dash.page_registry.values()
        if page.get("request_bytes") and admits(page_access(page), role)])


def make_size_limit(update_path: str):
    """The before_request function that sets this request's body limit."""
    def limit_body() -> None:
        small = request.content_length is not None and \
            request.content_length <= DEFAULT_REQUEST_BYTES
        if request.path == update_path and not small:  # only then is the viewer looked up
            request.max_content_length = callback_limit(viewer_role())

    return limit_body


def make_too_large(update_path: str):
    """The 413 handler: JSON for callbacks (Dash shows no page for them), else a Swedish page."""
    def too_large(_error=None):
        message = "Det som skickades är för stort för att tas emot."
        if request.path == update_path:
            return {"error": message}, 413
        return error_page("För stor begäran", message, 413)

    return too_large


def hsts(response):
    """Strict-Transport-Security on an answer served over https (when not turned off)."""
    seconds = current_app.config["HSTS_SECONDS"]
    if request.is_secure and seconds:
        response.headers["Strict-Transport-Security"] = f"max-age={int(seconds)}"
    return response


def publicly_cacheable(headers: list[tuple[str, str]]) -> bool:
    """Whether a response's headers allow shared caches to keep it."""
    return any(name.lower() == "cache-control" and "public" in value.lower()
               for name, value in headers)


class NoCookiesOnPublicAnswers:
    """WSGI middleware: drop every Set-Cookie from an answer marked `Cache-Control: public`."""

    def __init__(self, wsgi_app):
        self.wsgi_app = wsgi_app

    def __call__(self, environ, start_response):
        def start(status, headers, exc_info=None):
            if publicly_cacheable(headers):
                headers = [(n, v) for n, v in headers if n.lower() != "set-cookie"]
            return start_response(status, headers, exc_info)

        return self.wsgi_app(environ, start)


def init_app(app: dash.Dash) -> None:
    """Install the size limits, HSTS and the cookie rule on the app's server."""
    server: Flask = app.server
    update_path = app.config.routes_pathname_prefix + "_dash-update-component"
    if server.config.get("MAX_CONTENT_LENGTH") is None:
        server.config["MAX_CONTENT_LENGTH"] = DEFAULT_REQUEST_BYTES
    # First of all hooks: CSRF protection reads the form, which opens the body's stream with
    # whatever limit is set by then.
    server.before_request_funcs.setdefault(None, []).insert(0, make_size_limit(update_path))
    server.register_error_handler(413, make_too_large(update_path))
    server.after_request(hsts)
    server.wsgi_app = NoCookiesOnPublicAnswers(server.wsgi_app)
