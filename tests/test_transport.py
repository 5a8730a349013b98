"""What requests may bring and answers may carry: body size limits, HSTS, and no cookies on
publicly cacheable answers."""

from __future__ import annotations

import io
import json

import pytest

from callbacks.importera import MAX_UPLOAD_BYTES
from dashboard.app import create_app
from dashboard.transport import DEFAULT_REQUEST_BYTES, callback_limit
from tests.test_access import csrf_token, log_in, post_callback
from tests.test_callback_body import UPDATE, router_body
from tests.test_import_pages import IMPORT_KEY, import_body


class UnreadableStream(io.RawIOBase):
    """A request body that fails the test if anything reads it."""

    def readable(self) -> bool:
        return True

    def readinto(self, _buffer):
        raise AssertionError("the body was read")


# --- Size ------------------------------------------------------------------------------


def post_stream(client, path: str, stream, **environ):
    """A POST whose body is `stream`, with the length (or chunking) given in `environ`."""
    return client.post(path, content_type="application/json",
                       headers={"X-CSRFToken": csrf_token(client)},
                       environ_overrides={"wsgi.input": stream, **environ})


def test_a_huge_body_is_refused_by_its_length_without_being_read(client):
    huge = {"CONTENT_LENGTH": str(300 * 1024 * 1024)}
    for path in (UPDATE, "/login", "/logout"):
        assert post_stream(client, path, UnreadableStream(), **huge).status_code == 413, path
    assert post_stream(client, UPDATE, UnreadableStream(), **huge).get_json() == {
        "error": "Det som skickades är för stort för att tas emot."}


def test_a_streamed_body_without_length_is_cut_at_the_limit(client):
    chunked = {"HTTP_TRANSFER_ENCODING": "chunked", "wsgi.input_terminated": True}
    body = io.BytesIO(b"[" + b"1," * DEFAULT_REQUEST_BYTES + b"1]")
    assert post_stream(client, UPDATE, body, **chunked).status_code == 413


@pytest.mark.parametrize("username", [None, "hsn", "ledning"])
def test_callbacks_take_one_megabyte_from_those_who_cannot_upload(app, client, username):
    log_in(client, username)
    body = router_body(app, client, "/oppna-data")
    padding = DEFAULT_REQUEST_BYTES - len(str(body)) - 1000
    assert post_callback(client, body | {"padding": "x" * padding}).status_code == 200
    too_big = body | {"padding": "x" * (DEFAULT_REQUEST_BYTES + 1)}
    assert post_callback(client, too_big).status_code == 413


def test_an_administrator_may_post_the_largest_upload(app, client):
    assert callback_limit("admin") > 4 * MAX_UPLOAD_BYTES // 3 > callback_limit("ledning")
    log_in(client, "admin")
    client.get("/")
    largest = import_body("importera-provkor", b"x" * MAX_UPLOAD_BYTES, kind="demo")
    response = post_callback(client, largest)
    assert response.status_code == 200  # the page's own answer: choose a kind of file
    assert "Välj vad filen innehåller" in json.dumps(response.get_json(), ensure_ascii=False)
    too_big = largest | {"padding": "x" * callback_limit("admin")}
    assert post_callback(client, too_big).status_code == 413
    assert IMPORT_KEY in app.callback_map


# --- Headers ---------------------------------------------------------------------------


def test_https_answers_carry_hsts_and_http_ones_do_not(client):
    secure = client.get("/healthz", base_url="https://localhost")
    assert secure.headers["Strict-Transport-Security"] == "max-age=31536000"
    assert "Strict-Transport-Security" not in client.get("/healthz").headers


def test_hsts_can_be_turned_off(demo_url):
    app = create_app({"DATABASE_URL": demo_url, "TESTING": True, "SECRET_KEY": "test",
                      "HSTS_SECONDS": 0})
    response = app.server.test_client().get("/healthz", base_url="https://localhost")
    assert "Strict-Transport-Security" not in response.headers


PUBLIC_ANSWERS = ("/api/v1/", "/api/v1/indicators", "/api/v1/openapi.json",
                  "/oppna-data/filer/alla-nyckeltal.csv")


def test_publicly_cacheable_answers_set_no_cookie_for_a_logged_in_user(client):
    log_in(client, "ledning")
    assert client.get("/").headers.getlist("Set-Cookie")  # pages still refresh the session
    for path in PUBLIC_ANSWERS:
        response = client.get(path)
        assert response.status_code == 200, path
        assert "public" in response.headers["Cache-Control"]
        assert response.headers.getlist("Set-Cookie") == [], path
        again = client.get(path, headers={"If-None-Match": response.headers["ETag"]})
        assert again.status_code == 304 and again.headers.getlist("Set-Cookie") == []
    assert client.get("/mal").status_code == 200  # still logged in
