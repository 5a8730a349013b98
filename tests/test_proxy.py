"""The deployment of the README: nginx from Debian, configured by `docs/nginx.conf`, in front of
gunicorn with two sync workers. Slow clients are held by nginx and never reach a worker."""

from __future__ import annotations

import shutil
import socket
import ssl
import subprocess
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest
import requests
from sqlalchemy import select

from bench import load, server
from data_access.db import dispose_engines, session_scope
from data_access.models import LoginEvent
from tests.conftest import skip_or_fail
from tests.faults import wait_until

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
CONFIG = Path(__file__).resolve().parents[1] / "docs" / "nginx.conf"
SLOW_CLIENTS = 12  # of each kind: slow headers, slow body
SLOW_SECONDS = 16  # longer than nginx's client_header_timeout (10 s)

pytestmark = pytest.mark.filterwarnings("ignore::urllib3.exceptions.InsecureRequestWarning")


def rendered_config(tmp: Path, upstream: str, http_port: int, https_port: int) -> Path:
    """docs/nginx.conf with this machine's ports, a self-signed certificate and a private
    prefix, wrapped in the few lines a whole nginx.conf needs."""
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-subj", "/CN=127.0.0.1", "-keyout", str(tmp / "key.pem"),
                    "-out", str(tmp / "cert.pem")], check=True, capture_output=True)
    site = CONFIG.read_text()
    for documented, here in [
        ("server 127.0.0.1:8050;", f"server {upstream};"),
        ("listen 80;", f"listen 127.0.0.1:{http_port};"),
        ("listen 443 ssl;", f"listen 127.0.0.1:{https_port} ssl;"),
        ("/etc/ssl/certs/rodtrad.example.se.pem", str(tmp / "cert.pem")),
        ("/etc/ssl/private/rodtrad.example.se.key", str(tmp / "key.pem")),
    ]:
        assert documented in site, f"docs/nginx.conf no longer says {documented!r}"
        site = site.replace(documented, here)
    (tmp / "site.conf").write_text(site)
    temp_paths = "\n".join(f"    {kind}_temp_path {tmp / kind};"
                           for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    main = tmp / "nginx.conf"
    main.write_text(f"""daemon off;
user root;
worker_processes 1;
pid {tmp / 'nginx.pid'};
error_log {tmp / 'error.log'} warn;
events {{ worker_connections 512; }}
http {{
    access_log off;
{temp_paths}
    include {tmp / 'site.conf'};
}}
""")
    return main


@contextmanager
def nginx(tmp: Path, upstream: str) -> Iterator[str]:
    """nginx in front of `upstream` until the block ends; yields its https base URL."""
    if not Path(NGINX).exists():
        skip_or_fail("nginx is not installed (apt-get install nginx)", "RODTRAD_REQUIRE_SERVICES")
    https_port, http_port = server.free_port(), server.free_port()
    config = rendered_config(tmp, upstream, http_port, https_port)
    process = subprocess.Popen([NGINX, "-c", str(config), "-e", str(tmp / "error.log")])
    base = f"https://127.0.0.1:{https_port}"
    try:
        _wait_for_port(https_port, process)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


def _wait_for_port(port: int, process: subprocess.Popen) -> None:
    def listening() -> bool:
        if process.poll() is not None:
            raise RuntimeError(f"nginx avslutades med kod {process.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return True
        except OSError:
            return False

    wait_until(listening, "nginx svarade inte", seconds=20)


@pytest.fixture(scope="module")
def proxied(demo_template, tmp_path_factory):
    """gunicorn with two workers over a copy of the demo region, and nginx in front of it;
    yields (nginx's https base URL, gunicorn's master, the folder of nginx's files)."""
    tmp = tmp_path_factory.mktemp("proxy")
    shutil.copy(demo_template, tmp / "demo.db")
    settings = {"RODTRAD_TRUSTED_PROXIES": "1", "SESSION_COOKIE_SECURE": "1"}
    with server.gunicorn(f"sqlite:///{tmp / 'demo.db'}", workers=2,
                         settings=settings) as (upstream, master):
        with nginx(tmp, upstream.removeprefix("http://")) as base:
            yield base, master, tmp
    dispose_engines()


SLOW_HEADERS = (b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n", b"X-Langsam: ja\r\n")
SLOW_BODY = (b"POST /_dash-update-component HTTP/1.1\r\nHost: 127.0.0.1\r\n"
             b"Content-Type: application/json\r\nContent-Length: 4096\r\n\r\n", b" ")


def slow_client(port: int, sends: tuple[bytes, bytes], stop: threading.Event,
                closed_by_server: list[bool]) -> None:
    """A slowloris client: a TLS connection that sends its start, then a little every second,
    never ending its request. Records whether the server hung up on it first."""
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    start, drip = sends
    with socket.create_connection(("127.0.0.1", port), timeout=5) as raw:
        with context.wrap_socket(raw) as conn:
            conn.sendall(start)
            while not stop.wait(1):
                try:
                    conn.sendall(drip)
                except OSError:
                    closed_by_server.append(True)
                    return
            closed_by_server.append(False)


def test_slow_clients_through_nginx_do_not_block_the_workers(proxied):
    base, master, _ = proxied
    workers_before = sorted(server.worker_pids(master))
    port = int(base.rsplit(":", 1)[1])
    stop, headers_closed, body_closed = threading.Event(), [], []
    clients = [threading.Thread(target=slow_client, args=(port, sends, stop, closed))
               for sends, closed in [(SLOW_HEADERS, headers_closed), (SLOW_BODY, body_closed)]
               for _ in range(SLOW_CLIENTS)]
    for client in clients:
        client.start()
    answers = []
    deadline = time.monotonic() + SLOW_SECONDS
    while time.monotonic() < deadline:
        try:
            answers.append(requests.get(base + "/healthz", verify=False, timeout=5).status_code)
        except requests.RequestException as exc:
            answers.append(type(exc).__name__)
        time.sleep(0.5)
    stop.set()
    for client in clients:
        client.join(timeout=10)

    assert set(answers) == {200}, answers
    # Headers must come whole within client_header_timeout: nginx hung up on every one.
    assert headers_closed == [True] * SLOW_CLIENTS
    # A body that keeps trickling is held by nginx (client_body_timeout is between reads),
    # never handed to a worker half-read.
    assert body_closed == [False] * SLOW_CLIENTS
    assert sorted(server.worker_pids(master)) == workers_before  # no worker timed out


def test_nginx_refuses_a_body_larger_than_any_route_takes(proxied):
    base, _, _ = proxied
    response = requests.post(base + "/_dash-update-component", data=b"x" * (17 * 1024 * 1024),
                             headers={"Content-Type": "application/json"}, verify=False,
                             timeout=30)
    assert response.status_code == 413


def test_plain_http_is_sent_to_https(proxied):
    site = (proxied[2] / "site.conf").read_text()
    http_port = site.split("listen 127.0.0.1:", 1)[1].split(";", 1)[0]
    response = requests.get(f"http://127.0.0.1:{http_port}/oppna-data", allow_redirects=False,
                            timeout=5)
    assert response.status_code == 301
    assert response.headers["Location"].startswith("https://")


def test_behind_nginx_the_app_sees_https_and_the_clients_own_address(proxied):
    base, _, tmp = proxied
    session = requests.Session()
    session.verify, session.trust_env = False, False  # the test's own certificate
    session.base_url = base
    session.headers["X-Forwarded-For"] = "203.0.113.9"  # forged by the client: nginx replaces it
    session.headers["Referer"] = base + "/login"  # over https the CSRF check wants it, as browsers send
    answer = session.get(base + "/login")
    assert answer.headers["Strict-Transport-Security"].startswith("max-age=")
    assert "Secure" in answer.headers["Set-Cookie"]
    load.log_in(session, "ledning")  # the Secure session cookie comes back over https
    assert session.get(base + "/ekonomi").status_code == 200

    with session_scope(f"sqlite:///{tmp / 'demo.db'}") as db:
        address = db.scalars(select(LoginEvent.address).where(LoginEvent.username == "ledning")
                             .order_by(LoginEvent.id.desc())).first()
    assert address == "127.0.0.1"
