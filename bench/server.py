"""The app served as in production: gunicorn with its workers, on a free local port."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator, TypeVar

import requests

PROJECT_ROOT = Path(__file__).resolve().parents[1]
BENCH_SECRET_KEY = "bench-secret-key-" + "x" * 32
APP = "dashboard.wsgi:server"
TRIVIAL_APP = "bench.trivial:server"
T = TypeVar("T")


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def gunicorn(database_url: str, workers: int = 2, cache: bool = True, redis_url: str = "",
             settings: dict[str, str] | None = None, app: str = APP,
             ) -> Iterator[tuple[str, subprocess.Popen]]:
    """Serve the app with gunicorn until the block ends; yields (base URL, master process).
    `settings` adds or overrides environment variables of the app; `app` serves another WSGI
    app with the same settings (the bench's trivial Dash app, `bench.trivial:server`)."""
    port = free_port()
    env = os.environ | {
        "DATABASE_URL": database_url, "SECRET_KEY": BENCH_SECRET_KEY,
        "SESSION_COOKIE_SECURE": "0", "RODTRAD_CACHE": "1" if cache else "0",
        "REDIS_URL": redis_url,
    } | (settings or {})
    master = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", app, "--bind", f"127.0.0.1:{port}",
         "--workers", str(workers), "--log-level", "warning"],
        cwd=PROJECT_ROOT, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base, master, health="/healthz" if app == APP else "/")
        yield base, master
    finally:
        master.terminate()
        master.wait(timeout=30)


def _wait_until_up(base: str, master: subprocess.Popen, seconds: float = 120,
                   health: str = "/healthz") -> None:
    """Wait for /healthz (or, for another app, `health`) to answer 200 (every worker builds
    the app first)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if master.poll() is not None:
            raise RuntimeError(f"gunicorn avslutades med kod {master.returncode}")
        try:
            if requests.get(base + health, timeout=5).status_code == 200:
                return
        except requests.RequestException:  # not listening yet, or workers still booting
            pass
        time.sleep(0.3)
    raise RuntimeError("gunicorn svarade inte inom två minuter")


def worker_pids(master: subprocess.Popen) -> list[str]:
    """The process ids of the gunicorn workers (the master's children)."""
    return Path(f"/proc/{master.pid}/task/{master.pid}/children").read_text().split()


def worker_rss_mb(master: subprocess.Popen) -> list[float]:
    """The resident memory of each gunicorn worker (the master's children), in MB."""
    sizes = []
    for pid in worker_pids(master):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                sizes.append(int(line.split()[1]) / 1024)
    return sizes


@dataclass(frozen=True)
class CpuShare:
    """Where the machine's CPU went during a load run: the server's workers' CPU time per
    request (ms), and the share of all cores (%) that other processes took (neither the
    workers nor this load client). A run whose requests/s does not grow with concurrency
    while others take a large share was short of cores, not held up by the app."""

    server_ms_per_request: float
    others_percent: float


def _worker_cpu_ns(pids: list[str]) -> int:
    """The CPU time the workers have run, in ns (scheduler statistics; a gone worker counts 0)."""
    total = 0
    for pid in pids:
        try:
            total += int(Path(f"/proc/{pid}/schedstat").read_text().split()[0])
        except (OSError, ValueError, IndexError):
            pass
    return total


def _machine_busy_seconds() -> float:
    """CPU seconds the whole machine has been busy (every core, since boot)."""
    fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle, iowait
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def _own_cpu_seconds() -> float:
    times = os.times()
    return times.user + times.system


def cpu_share(master: subprocess.Popen, run: Callable[[], T], requests: int,
              ) -> tuple[T, CpuShare | None]:
    """`run()`'s result and the CPU share of its `requests` requests (None where /proc is
    not there to read)."""
    try:
        pids = worker_pids(master)
        before = (_worker_cpu_ns(pids), _machine_busy_seconds(), _own_cpu_seconds())
    except OSError:
        return run(), None
    started = time.perf_counter()
    result = run()
    wall = time.perf_counter() - started
    workers = (_worker_cpu_ns(pids) - before[0]) / 1e9
    others = (_machine_busy_seconds() - before[1]) - workers - (_own_cpu_seconds() - before[2])
    cores = os.cpu_count() or 1
    return result, CpuShare(workers * 1000 / max(requests, 1),
                            max(0.0, min(100.0, 100 * others / (wall * cores))))
