"""Drive the served app over HTTP with the browser's payloads, at a given concurrency."""

from __future__ import annotations

import statistics
import threading
import time
from dataclasses import dataclass

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


def session_for(base: str, user: str | None) -> requests.Session:
    """A logged-in (or anonymous) browser-like session asking for gzip, as browsers do."""
    session = requests.Session()
    session.base_url = base
    session.headers["Accept-Encoding"] = "gzip"
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
    """Post `body` as JSON to `path` `requests_total` times from `concurrency` threads, each
    on its own connection with the session's cookies."""
    url = session.base_url + path
    latencies: list[float] = []
    sizes, errors = [0], [0]
    remaining = iter(range(requests_total))
    lock = threading.Lock()

    def worker(own: requests.Session) -> None:
        while True:
            with lock:
                if next(remaining, None) is None:
                    return
            started = time.perf_counter()
            response = own.post(url, json=body, headers=headers)
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                latencies.append(elapsed)
                sizes[0] = len(response.content)
                errors[0] += response.status_code != 200

    threads = [threading.Thread(target=worker, args=(clone(session),))
               for _ in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return LoadResult(latencies, time.perf_counter() - started, sizes[0], errors[0])


def compressed_bytes(session: requests.Session, scenario: Scenario) -> int:
    """The bytes of one response on the wire (gzip), as the browser receives it."""
    body = router_payload(scenario.path, scenario.search)
    response = session.post(session.base_url + "/_dash-update-component", json=body,
                            headers={"X-CSRFToken": csrf_token(session)}, stream=True)
    return len(response.raw.read(decode_content=False))
