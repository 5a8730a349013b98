"""Drive the served app over HTTP with the browser's payloads, at a given concurrency."""

from __future__ import annotations

import json
import socket
import statistics
import threading
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

import requests

from bench.scenarios import Scenario, csrf_token, log_in, router_payload  # noqa: F401


@dataclass(frozen=True)
class LoadResult:
    """Latencies (ms) of the requests, the wall time (s) of the run and the bytes of a response."""

    latencies_ms: list[float]
    seconds: float
    response_bytes: int
    errors: int

    def percentile(self, share: float) -> float:
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))]

    @property
    def p50(self) -> float:
        return statistics.median(self.latencies_ms)

    @property
    def throughput(self) -> float:
        return len(self.latencies_ms) / self.seconds


# What Chromium asks for, less zstd (not installed here): the server answers with brotli,
# the page cache with the gzip it stored.
ACCEPT_ENCODING = "gzip, deflate, br"


def session_for(base: str, user: str | None) -> requests.Session:
    """A logged-in (or anonymous) browser-like session asking for what browsers take."""
    session = requests.Session()
    session.base_url = base
    session.headers["Accept-Encoding"] = ACCEPT_ENCODING
    log_in(session, user)
    return session


def clone(session: requests.Session) -> requests.Session:
    """Another connection with the same login (requests.Session is not thread-safe)."""
    copy = requests.Session()
    copy.base_url = session.base_url
    copy.headers.update(session.headers)
    copy.cookies.update(session.cookies)
    return copy


def run_load(session: requests.Session, scenario: Scenario, requests_total: int,
             concurrency: int) -> LoadResult:
    """Post the scenario's router request `requests_total` times from `concurrency` threads."""
    return run_posts(session, "/_dash-update-component",
                     router_payload(scenario.path, scenario.search), requests_total,
                     concurrency, {"X-CSRFToken": csrf_token(session)})


def run_posts(session: requests.Session, path: str, body: dict, requests_total: int,
              concurrency: int, headers: dict[str, str] | None = None) -> LoadResult:
    """Post `body` as JSON to `path` `requests_total` times from `concurrency` threads, with
    the session's headers and cookies.

    Each request is written to a socket of its own as prepared bytes, and read until the
    server closes it (`Connection: close`; gunicorn's sync workers close anyway): the load
    client shares the machine's cores with the server, and a full HTTP library would spend
    more of them per request than a cached page costs the server."""
    host, port, request_bytes = _prepared(session, path, body, headers or {})
    latencies: list[float] = []
    sizes, errors = [0], [0]
    remaining = iter(range(requests_total))
    lock = threading.Lock()

    def worker() -> None:
        while True:
            with lock:
                if next(remaining, None) is None:
                    return
            started = time.perf_counter()
            status, size = _exchange(host, port, request_bytes)
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                latencies.append(elapsed)
                sizes[0] = size
                errors[0] += status != 200

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return LoadResult(latencies, time.perf_counter() - started, sizes[0], errors[0])


def _prepared(session: requests.Session, path: str, body: dict,
              headers: dict[str, str]) -> tuple[str, int, bytes]:
    """The host, port and bytes of the request, as requests would send it."""
    parts = urlsplit(session.base_url)
    content = json.dumps(body).encode()
    fields = {"Host": parts.netloc, **session.headers, **headers,
              "Content-Type": "application/json", "Content-Length": str(len(content)),
              "Connection": "close"}
    cookies = "; ".join(f"{c.name}={c.value}" for c in session.cookies)
    if cookies:
        fields["Cookie"] = cookies
    head = f"POST {parts.path.rstrip('/')}{path} HTTP/1.1\r\n" + "".join(
        f"{name}: {value}\r\n" for name, value in fields.items()) + "\r\n"
    return parts.hostname, parts.port, head.encode("latin-1") + content


def _exchange(host: str, port: int, request_bytes: bytes) -> tuple[int, int]:
    """Send one request on a new connection; its status and the bytes of its body."""
    with socket.create_connection((host, port)) as sock:
        sock.sendall(request_bytes)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    response = b"".join(chunks)
    head, _, content = response.partition(b"\r\n\r\n")
    try:
        return int(head.split(b" ", 2)[1]), len(content)
    except (IndexError, ValueError):
        return 0, 0


def compressed_bytes(session: requests.Session, scenario: Scenario) -> int:
    """The bytes of one response on the wire (compressed), as the browser receives it."""
    body = router_payload(scenario.path, scenario.search)
    response = session.post(session.base_url + "/_dash-update-component", json=body,
                            headers={"X-CSRFToken": csrf_token(session)}, stream=True)
    return len(response.raw.read(decode_content=False))
