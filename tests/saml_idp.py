"""A real SAML 2.0 identity provider for the tests (SimpleSAMLphp from Debian's packages, served
by PHP's built-in server) and a sign-in driver that talks to it over HTTP like a browser.

The IdP's configuration is generated in a temp folder (SIMPLESAMLPHP_CONFIG_DIR): its signing
key and certificate (made here with openssl), the accounts with their groups (exampleauth:
UserPass, read from a JSON file at every request, so a test may change a person's groups), and
the service provider's metadata as Rödtråd serves it at /saml/metadata (`register_sp`).

`.ci/run` installs simplesamlphp, php-cli, php-xml and xmlsec1; without them the tests skip,
or fail under RODTRAD_REQUIRE_SERVICES=1.
"""

from __future__ import annotations

import base64
import json
import shutil
import subprocess
import time
from pathlib import Path
from urllib.parse import urljoin

import pytest
import requests

from tests.conftest import skip_or_fail
from tests.oidc_provider import ACCOUNTS, _free_port, app_path, page_form

SIMPLESAMLPHP = Path("/usr/share/simplesamlphp")
SP_ENTITY_ID = "https://rodtrad.test/saml/metadata"
PASSWORD = "hemligt-lösen"
TIMEOUT = 10

_CONFIG_PHP = """<?php
$dir = {dir};
$config = [
    'baseurlpath' => {base},
    'certdir' => $dir . '/cert/',
    'loggingdir' => $dir . '/log/',
    'datadir' => $dir . '/data/',
    'tempdir' => $dir . '/tmp/',
    'metadatadir' => $dir . '/metadata/',
    'metadata.sources' => array_merge([['type' => 'flatfile']], @filesize($dir . '/sp.xml')
        ? [['type' => 'xml', 'file' => $dir . '/sp.xml']] : []),
    'secretsalt' => 'rodtrad-test-salt',
    'auth.adminpassword' => 'rodtrad-test-admin',
    'technicalcontact_name' => 'Rödtråd tests',
    'technicalcontact_email' => 'test@example.org',
    'timezone' => 'UTC',
    'enable.saml20-idp' => true,
    'module.enable' => ['exampleauth' => true, 'core' => true, 'saml' => true],
    'logging.handler' => 'file',
    'logging.logfile' => 'simplesamlphp.log',
    'logging.level' => SimpleSAML\\Logger::INFO,
    'session.cookie.secure' => false,
    'session.cookie.samesite' => 'Lax',
    'session.phpsession.savepath' => $dir . '/sessions',
    'language.cookie.secure' => false,
    'language.cookie.samesite' => 'Lax',
    'store.type' => 'phpsession',
    'production' => false,
    'showerrors' => true,
    'errorreporting' => false,
    'admin.checkforupdates' => false,
];
"""

_AUTHSOURCES_PHP = """<?php
$state = json_decode(file_get_contents({state}), true);
$users = [];
foreach ($state['accounts'] as $login => $account) {{
    $users[$login . ':' . {password}] = [
        'uid' => [$login],
        'displayName' => [$account['name']],
        'mail' => $account['email'] === '' ? [] : [$account['email']],
        'groups' => $account['groups'],
    ];
}}
$config = ['example-userpass' => array_merge(['exampleauth:UserPass'], $users)];
"""

_IDP_HOSTED_PHP = """<?php
$metadata['__DYNAMIC:1__'] = [
    'host' => '__DEFAULT__',
    'privatekey' => {key},
    'certificate' => {cert},
    'auth' => 'example-userpass',
    'redirect.sign' => true,
    'saml20.sign.response' => false,  // the assertion is signed, as Rödtråd requires
    'redirect.validate' => true,
    'authproc' => [
        10 => ['class' => 'saml:AttributeNameID', 'attribute' => 'uid',
               'Format' => 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent'],
    ],
];
"""


def _php(value: str) -> str:
    """A PHP string literal."""
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def make_key_pair(directory: Path, name: str, common_name: str) -> tuple[Path, Path]:
    """A fresh RSA key and self-signed certificate (PEM files) made with openssl."""
    key, cert = directory / f"{name}.key", directory / f"{name}.crt"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-sha256",
                    "-days", "30", "-subj", f"/CN={common_name}", "-keyout", str(key),
                    "-out", str(cert)], check=True, capture_output=True)
    return key, cert


class TestIdP:
    """SimpleSAMLphp on a loopback port, with accounts and groups from a JSON file."""

    __test__ = False  # not a test class

    def __init__(self, directory: Path):
        self.dir = directory
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.entity_id = self.base + "/saml2/idp/metadata.php"
        self.state_path = directory / "accounts.json"
        self.log_path = directory / "php.log"
        self.process: subprocess.Popen | None = None
        for sub in ("cert", "log", "data", "tmp", "metadata", "sessions"):
            (directory / sub).mkdir()
        self.key, self.cert = make_key_pair(directory / "cert", "idp", "Test IdP")
        (directory / "config.php").write_text(
            _CONFIG_PHP.format(dir=_php(str(directory)), base=_php(self.base + "/")))
        (directory / "authsources.php").write_text(
            _AUTHSOURCES_PHP.format(state=_php(str(self.state_path)), password=_php(PASSWORD)))
        (directory / "metadata" / "saml20-idp-hosted.php").write_text(
            _IDP_HOSTED_PHP.format(key=_php(str(self.key)), cert=_php(str(self.cert))))
        self.metadata_path = directory / "idp-metadata.xml"
        self.reset()

    def reset(self) -> None:
        """The accounts and groups as they started."""
        self._accounts = json.loads(json.dumps(ACCOUNTS))
        self._write()

    def _write(self) -> None:
        self.state_path.write_text(json.dumps({"accounts": self._accounts}), encoding="utf-8")

    def set_groups(self, login: str, groups: list[str]) -> None:
        self._accounts[login]["groups"] = groups
        self._write()

    def register_sp(self, metadata_xml: str) -> None:
        """Trust a service provider: its metadata as it serves it (read at every request)."""
        (self.dir / "sp.xml").write_text(metadata_xml, encoding="utf-8")

    def start(self) -> None:
        env = {"PATH": "/usr/bin:/bin", "SIMPLESAMLPHP_CONFIG_DIR": str(self.dir)}
        with self.log_path.open("a") as log:
            self.process = subprocess.Popen(
                ["php", "-S", f"127.0.0.1:{self.port}", "-t", str(SIMPLESAMLPHP / "www")],
                env=env, stdout=log, stderr=log)
        for _ in range(300):
            if self.process.poll() is not None:
                raise RuntimeError(f"SimpleSAMLphp stopped: {self.log_path.read_text()}")
            try:
                response = requests.get(self.entity_id, timeout=1)
                if response.ok and b"IDPSSODescriptor" in response.content:
                    self.metadata_path.write_bytes(response.content)
                    return
            except requests.ConnectionError:
                pass
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"SimpleSAMLphp did not start: {self.log_path.read_text()[-3000:]}")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None


def require_idp() -> None:
    if shutil.which("php") is None or not (SIMPLESAMLPHP / "www").is_dir():
        skip_or_fail("php or simplesamlphp is not installed (needed for the test SAML IdP)",
                     "RODTRAD_REQUIRE_SERVICES")
    modules = subprocess.run(["php", "-m"], capture_output=True, text=True).stdout.split()
    if "dom" not in modules:
        skip_or_fail("PHP's dom extension is missing (php-xml, needed by SimpleSAMLphp)",
                     "RODTRAD_REQUIRE_SERVICES")
    if shutil.which("xmlsec1") is None:
        skip_or_fail("xmlsec1 is not installed (pysaml2 checks signatures with it)",
                     "RODTRAD_REQUIRE_SERVICES")


@pytest.fixture(scope="session")
def idp(tmp_path_factory):
    """The test IdP, started once for the whole run (tests/conftest.py loads this module as a
    plugin); a test that changes its accounts resets them (TestIdP.reset)."""
    require_idp()
    idp = TestIdP(tmp_path_factory.mktemp("saml-idp"))
    idp.start()
    yield idp
    idp.stop()


@pytest.fixture(scope="session")
def sp_keys(tmp_path_factory):
    """Rödtråd's SP key and certificate for the tests."""
    return make_key_pair(tmp_path_factory.mktemp("saml-sp"), "sp", "Rodtrad SP")


# --- Signing in like a browser ----------------------------------------------------------


def saml_response(http: requests.Session, url: str, login: str) -> tuple[str, dict]:
    """Follow the IdP's pages from `url` (the app's redirect to it), signing in as `login`
    unless the IdP remembers them, up to the form it posts back to the app: its action (the
    app's ACS URL) and fields (SAMLResponse, RelayState)."""
    response = http.get(url, timeout=TIMEOUT)
    for _ in range(5):
        action, fields = page_form(response.text)
        if "SAMLResponse" in fields:
            return action, fields
        fields.update(username=login, password=PASSWORD)
        response = http.post(urljoin(response.url, action), data=fields, timeout=TIMEOUT)
    raise AssertionError("the IdP never posted back to the app")


def decoded(fields: dict) -> str:
    return base64.b64decode(fields["SAMLResponse"]).decode()


def encoded(fields: dict, xml: str) -> dict:
    return {**fields, "SAMLResponse": base64.b64encode(xml.encode()).decode()}


def sign_assertion(xml: str, key: Path, directory: Path) -> str:
    """The response with its assertion signed again (its signature element as the template)
    with `key`, as xmlsec1 signs: the IdP's own key after a change, or a key nobody trusts.
    (The IdP signs the assertion only, so its signature is the first in the document.)"""
    source = directory / "resign.xml"
    source.write_text(xml, encoding="utf-8")
    done = subprocess.run(
        ["xmlsec1", "--sign", "--privkey-pem", str(key),
         "--id-attr:ID", "urn:oasis:names:tc:SAML:2.0:assertion:Assertion", str(source)],
        check=True, capture_output=True)
    return done.stdout.decode()


def through_idp(http: requests.Session, url: str, app_root: str = "http://localhost") -> str:
    """Follow the IdP's redirects from `url` until it sends the browser to the app; that URL."""
    for _ in range(10):
        response = http.get(url, allow_redirects=False, timeout=TIMEOUT)
        assert response.is_redirect, f"the IdP answered {response.status_code}: {response.text[:800]}"
        url = urljoin(url, response.headers["Location"])
        if url.startswith(app_root + "/"):
            return url
    raise AssertionError("the IdP never sent the browser back")


def start_sign_in(client, path: str = "/login/saml") -> str:
    """Start a sign-in on the Flask test client; the URL it sends the browser to."""
    start = client.get(path)
    assert start.status_code == 302, start.text
    return start.headers["Location"]


def post_back(client, action: str, fields: dict):
    """What the IdP's auto-submitted form does: post to the app's ACS."""
    return client.post(app_path(action), data=fields)


def sign_in(client, http: requests.Session, login: str):
    """Sign the Flask test client in through the IdP; returns the ACS's response."""
    action, fields = saml_response(http, start_sign_in(client), login)
    return post_back(client, action, fields)
