"""A real OpenID Provider for the tests (tests/oidc/provider.mjs, the npm package oidc-provider)
and a sign-in driver that talks to it over HTTP like a browser: following redirects and
submitting its login and consent forms.

`.ci/run` installs the provider (npm ci in tests/oidc); without Node.js or the installed
package the tests skip, or fail under RODTRAD_REQUIRE_SERVICES=1.
"""

from __future__ import annotations

import json
import re
import shutil
import socket
import subprocess
import time
from html import unescape
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import requests

from tests.conftest import skip_or_fail

OIDC_DIR = Path(__file__).resolve().parent / "oidc"
CLIENT_ID = "rodtrad"
CLIENT_SECRET = "rodtrad-test-secret"
APP_ROOT = "http://localhost"  # the Flask test client's host
ACCOUNTS = {
    "hanna": {"name": "Hanna HSN", "email": "hanna@region.example", "groups": ["RJH-Rodtrad-HSN"]},
    "lena": {"name": "Lena Ledning", "email": "lena@region.example",
             "groups": ["RJH-Rodtrad-Ledning", "Alla-anstallda"]},
    "olle": {"name": "Olle Utan Grupp", "email": "olle@region.example",
             "groups": ["Alla-anstallda"]},
}
ROLE_MAP = """\
# Directory groups -> Rödtråd roles (tests)
[[grupp]]
namn = "RJH-Rodtrad-HSN"
roll = "namnd"
namnder = ["HSN"]

[[grupp]]
namn = "RJH-Rodtrad-RUN"
roll = "namnd"
namnder = ["RUN"]

[[grupp]]
id = "3f2b8c1e-0000-4000-8000-00000000ad01"
namn = "RJH-Rodtrad-Admin"
roll = "admin"

[[grupp]]
namn = "RJH-Rodtrad-Ledning"
roll = "ledning"
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class TestProvider:
    """oidc-provider on a loopback port, with accounts and groups from a JSON file."""

    __test__ = False  # not a test class

    def __init__(self, directory: Path, redirect_uris: list[str]):
        self.state_path = directory / "provider-state.json"
        self.redirect_uris = redirect_uris
        self.port = _free_port()
        self.issuer = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None
        self.log_path = directory / "provider.log"
        self.reset()

    def reset(self) -> None:
        """The accounts and groups as they started, and honest tokens."""
        self._state = {"accounts": json.loads(json.dumps(ACCOUNTS)), "tamper": ""}
        self._write()

    def _write(self) -> None:
        self.state_path.write_text(json.dumps(self._state), encoding="utf-8")

    def set_groups(self, login: str, groups: list[str]) -> None:
        self._state["accounts"][login]["groups"] = groups
        self._write()

    def set_overage(self, login: str) -> None:
        """Too many groups for a token: the provider leaves the claim out (Entra's overage)."""
        self._state["accounts"][login]["overage"] = True
        self._write()

    def add_account(self, login: str, name: str, groups: list[str]) -> None:
        self._state["accounts"][login] = {"name": name, "email": "", "groups": groups}
        self._write()

    def tamper(self, how: str) -> None:
        self._state["tamper"] = how
        self._write()

    def start(self) -> None:
        with self.log_path.open("a") as log:
            self.process = subprocess.Popen(
                ["node", "provider.mjs", str(self.port), str(self.state_path),
                 ",".join(self.redirect_uris)], cwd=OIDC_DIR, stdout=log, stderr=log)
        for _ in range(300):
            if self.process.poll() is not None:
                raise RuntimeError(f"oidc-provider stopped: {self.log_path.read_text()}")
            try:
                if requests.get(self.issuer + "/.well-known/openid-configuration",
                                timeout=1).ok:
                    return
            except requests.ConnectionError:
                pass
            time.sleep(0.1)
        raise RuntimeError("oidc-provider did not start")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None

    def restart(self) -> None:
        """Start again: a fresh signing key (key rotation), no provider sessions."""
        self.stop()
        self.start()


def require_provider() -> None:
    if shutil.which("node") is None:
        skip_or_fail("Node.js is not installed (needed for the test OpenID Provider)",
                     "RODTRAD_REQUIRE_SERVICES")
    if not (OIDC_DIR / "node_modules" / "oidc-provider").is_dir():
        skip_or_fail("oidc-provider is not installed: run `npm ci --prefix tests/oidc`",
                     "RODTRAD_REQUIRE_SERVICES")


# --- Signing in like a browser ----------------------------------------------------------


def page_form(html: str) -> tuple[str, dict]:
    """The action and hidden fields of the first form on a provider's page (OIDC or SAML)."""
    action = re.search(r'<form[^>]*action="([^"]*)"', html)
    assert action, f"no form on the provider's page: {html[:800]}"
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', html))
    return unescape(action.group(1)), {k: unescape(v) for k, v in fields.items()}


def through_provider(http: requests.Session, url: str, login: str) -> str:
    """Follow the provider's pages from `url`, signing in as `login` and consenting, until it
    sends the browser back to the app; returns that URL."""
    response = http.get(url, allow_redirects=False)
    for _ in range(20):
        if response.is_redirect:
            target = urljoin(response.url, response.headers["Location"])
            if target.startswith(APP_ROOT + "/"):
                return target
            response = http.get(target, allow_redirects=False)
            continue
        assert response.status_code == 200, response.text[:500]
        action, fields = page_form(response.text)
        if fields.get("prompt") == "login":
            fields.update(login=login, password="vilket-som-helst")
        response = http.post(urljoin(response.url, action), data=fields, allow_redirects=False)
    raise AssertionError("the provider never sent the browser back")


def app_path(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def sign_in(client, http: requests.Session, login: str):
    """Sign the Flask test client in through the provider; returns the callback's response."""
    start = client.get("/login/oidc")
    assert start.status_code == 302, start.text
    return client.get(app_path(through_provider(http, start.headers["Location"], login)))
