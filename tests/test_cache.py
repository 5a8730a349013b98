"""The page cache: a repeated render is served from it, never across viewers' scopes, never past
the access guard, and an import (a new data version) makes the old pages unreachable."""

from __future__ import annotations

import gzip
import json

from sqlalchemy import event

from data_access.db import get_engine, session_scope
from data_access.audit import PAGE_VIEW
from data_access.models import AuditEvent, ImportRun
from tests.test_access import csrf_token, log_in
from tests.test_pages_http import callback_key

NAMND_PAGE = ("/ekonomi", "?unit=HSN")


def render(client, app, path: str, search: str = "", gzip_ok: bool = False):
    """POST the pages router's request as the browser does; the raw response."""
    client.get("/")  # Dash sets up the pages router on the first request
    key = callback_key(app, "_pages_content.children")
    inputs = [{"id": "_pages_location", "property": "pathname", "value": path},
              {"id": "_pages_location", "property": "search", "value": search}]
    headers = {"X-CSRFToken": csrf_token(client)}
    if gzip_ok:
        headers["Accept-Encoding"] = "gzip"
    return client.post("/_dash-update-component", headers=headers, json={
        "output": key, "outputs": [{"id": "_pages_content", "property": "children"},
                                   {"id": "_pages_store", "property": "data"}],
        "inputs": inputs, "changedPropIds": ["_pages_location.pathname"]})


def body(response) -> dict:
    """A router response's JSON, whether or not it came gzip-encoded."""
    data = response.get_data()
    if response.headers.get("Content-Encoding") == "gzip":
        data = gzip.decompress(data)
    return json.loads(data)


def test_a_repeated_render_is_served_from_the_cache_unchanged(app, client):
    log_in(client, "ledning")
    first, second = render(client, app, *NAMND_PAGE), render(client, app, *NAMND_PAGE)
    assert (first.status_code, second.status_code) == (200, 200)
    assert first.headers["X-Rodtrad-Cache"] == "miss" and second.headers["X-Rodtrad-Cache"] == "hit"
    assert body(second) == body(first)
    # A client taking gzip gets the stored compressed bytes; the content is the same.
    zipped = render(client, app, *NAMND_PAGE, gzip_ok=True)
    assert zipped.headers["Content-Encoding"] == "gzip" and body(zipped) == body(first)


def test_a_miss_sends_the_bytes_it_stores_to_a_client_taking_gzip(app, client):
    """A page is compressed once: the miss goes out as the gzip it stored, as a hit does
    (compressed twice, the body would not be the page's JSON after one decompression)."""
    log_in(client, "ledning")
    miss = render(client, app, *NAMND_PAGE, gzip_ok=True)
    hit = render(client, app, *NAMND_PAGE, gzip_ok=True)
    assert (miss.headers["X-Rodtrad-Cache"], hit.headers["X-Rodtrad-Cache"]) == ("miss", "hit")
    assert miss.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in miss.headers["Vary"]
    assert miss.get_data() == hit.get_data()
    assert body(miss) == body(render(client, app, *NAMND_PAGE))  # the plain answer, too


def test_with_the_cache_off_a_page_is_rendered_each_time_and_its_view_audited(demo_url):
    from dashboard.app import create_app

    app = create_app({"DATABASE_URL": demo_url, "TESTING": True, "SECRET_KEY": "test",
                      "CACHE_TYPE": "NullCache"})
    client = app.server.test_client()
    log_in(client, "ledning")

    def page_views() -> int:
        with session_scope(demo_url) as session:
            return session.query(AuditEvent).filter_by(kind=PAGE_VIEW).count()

    before = page_views()
    zipped = render(client, app, *NAMND_PAGE, gzip_ok=True)
    plain = render(client, app, *NAMND_PAGE)
    assert (zipped.status_code, plain.status_code) == (200, 200)
    assert "X-Rodtrad-Cache" not in zipped.headers and "X-Rodtrad-Cache" not in plain.headers
    assert zipped.headers["Content-Encoding"] == "gzip" and body(zipped) == body(plain)
    assert page_views() == before + 2


def test_viewers_with_another_scope_never_get_each_others_page(app):
    ledning, hsn, run = (app.server.test_client() for _ in range(3))
    for client, who in ((ledning, "ledning"), (hsn, "hsn"), (run, "run")):
        log_in(client, who)
    assert render(ledning, app, "/ekonomi", "?unit=HSF").headers["X-Rodtrad-Cache"] == "miss"
    own = render(hsn, app, "/ekonomi", "?unit=HSF")  # HSN's own förvaltning: shown
    foreign = render(run, app, "/ekonomi", "?unit=HSF")  # not RUN's: a message only
    assert own.headers["X-Rodtrad-Cache"] == foreign.headers["X-Rodtrad-Cache"] == "miss"
    assert body(own) != body(foreign)
    # The anonymous user is stopped by the guard before any cache is asked.
    anonymous = app.server.test_client()
    assert render(anonymous, app, "/ekonomi", "?unit=HSF").status_code == 401


def test_an_import_makes_cached_pages_unreachable(app, client):
    log_in(client, "ledning")
    before = render(client, app, "/")
    assert render(client, app, "/").headers["X-Rodtrad-Cache"] == "hit"
    with session_scope(app.server.config["DATABASE_URL"]) as session:
        session.add(ImportRun(kind="utfall", outcome="ok", file_name="utfall-okt.csv",
                              rows_updated=1))
    after = render(client, app, "/")
    assert after.headers["X-Rodtrad-Cache"] == "miss"
    assert body(after) == body(before)  # the import above changed no figures


def test_a_cached_page_costs_a_signed_in_viewer_one_read(app, client):
    """The user, their nämnder and the data version come in one SELECT; a hit reads no more
    (the audit log's write of the page view aside)."""
    log_in(client, "hsn")
    render(client, app, *NAMND_PAGE)
    reads = []
    engine = get_engine(app.server.config["DATABASE_URL"],
                        app.server.config["DB_STATEMENT_TIMEOUT_MS"])

    def note(_conn, _cursor, statement, *_args):
        if statement.lstrip().upper().startswith("SELECT"):
            reads.append(statement)

    event.listen(engine, "before_cursor_execute", note)
    try:
        hit = render(client, app, *NAMND_PAGE)
    finally:
        event.remove(engine, "before_cursor_execute", note)
    assert hit.headers["X-Rodtrad-Cache"] == "hit"
    # Two requests (render() opens "/" first, then posts), one read each.
    assert len(reads) == 2 and all("FROM users" in r and "import_runs" in r for r in reads)


def test_admin_pages_are_never_cached(app, client):
    log_in(client, "admin")
    for _ in range(2):
        response = render(client, app, "/admin/importlogg")
        assert response.status_code == 200 and "X-Rodtrad-Cache" not in response.headers
