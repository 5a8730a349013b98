"""Junk callback bodies: 400 with a short Swedish answer and one line in the log, never a
500 with a traceback, whether logged in or not."""

from __future__ import annotations

import json
import logging

import pytest

from dashboard.callback_body import MAX_JSON_DEPTH
from tests.test_access import csrf_token, log_in, payload, post_callback

ROUTER = ".._pages_content.children..._pages_store.data.."
SHELL = "..data-as-of.children...demo-badge.children...nav-links.html...nav-user.children.."
UPDATE = "/_dash-update-component"


def router_body(app, client, path: str = "/") -> dict:
    client.get("/")  # Dash adds the pages router at the first request
    return payload(ROUTER, app.callback_map[ROUTER], pathname=path)


def post_raw(client, data: bytes):
    return client.post(UPDATE, data=data, content_type="application/json",
                       headers={"X-CSRFToken": csrf_token(client)})


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


JUNK = {
    "not JSON": lambda body: b"{inte json",
    "not an object": lambda body: b"[1, 2]",
    "nested past the parser": lambda body: (
        b'{"output": "x", "inputs": ' + nested(200_000).encode() + b"}"),
    "nested past the limit": lambda body: body | {
        "inputs": [dict(body["inputs"][0], value=json.loads(nested(MAX_JSON_DEPTH)))] +
        body["inputs"][1:]},
    "one input too few": lambda body: body | {"inputs": body["inputs"][:1]},
    "one input too many": lambda body: body | {"inputs": body["inputs"] * 2},
    "inputs not a list": lambda body: body | {"inputs": {"a": 1}},
    "an input not an object": lambda body: body | {"inputs": ["/", ""]},
    "pathname a number": lambda body: body | {
        "inputs": [dict(body["inputs"][0], value=7)] + body["inputs"][1:]},
    "pathname missing": lambda body: body | {
        "inputs": [{"id": "_pages_location", "property": "pathname"}] + body["inputs"][1:]},
    "search an object": lambda body: body | {
        "inputs": body["inputs"][:1] + [dict(body["inputs"][1], value={"a": 1})]},
    "outputs missing": lambda body: {k: v for k, v in body.items() if k != "outputs"},
    "outputs wrong": lambda body: body | {"outputs": [{"id": "a", "property": "b"}]},
    "state not a list": lambda body: body | {"state": "x"},
    "changed ids not text": lambda body: body | {"changedPropIds": [["x"]]},
    "output not text": lambda body: body | {"output": ["x"]},
}


@pytest.mark.parametrize("username", [None, "ledning"])
def test_junk_callback_bodies_get_400_without_a_traceback(app, client, caplog, username):
    log_in(client, username)
    body = router_body(app, client)
    for name, junk in JUNK.items():
        data = junk(body)
        caplog.clear()
        with caplog.at_level(logging.WARNING):
            response = (post_raw(client, data) if isinstance(data, bytes)
                        else post_callback(client, data))
        assert response.status_code == 400, name
        assert response.get_json() == {"error": "Felaktig begäran"}, name
        assert "Traceback" not in response.get_data(as_text=True)
        warnings = [r for r in caplog.records if r.levelno >= logging.WARNING]
        assert len(warnings) == 1 and warnings[0].exc_info is None, name
        assert "\n" not in warnings[0].getMessage(), name
    assert post_callback(client, body).status_code == 200  # the honest body still works


def test_a_body_of_another_content_type_is_bad(app, client):
    body = router_body(app, client)
    response = client.post(UPDATE, data=str(body), content_type="text/plain",
                           headers={"X-CSRFToken": csrf_token(client)})
    assert response.status_code == 400


def test_the_shell_callbacks_check_the_body_too(app, client):
    client.get("/")
    body = payload(SHELL, app.callback_map[SHELL], pathname="/")
    assert post_callback(client, body).status_code == 200
    assert post_callback(client, body | {"inputs": []}).status_code == 400
