"""Real faults for the outage tests: a TCP proxy in front of PostgreSQL that can refuse or hang
every connection, a private redis-server that can be stopped, gunicorn's workers killed."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

import redis

from bench import server
from bench.server import free_port


class TcpProxy:
    """Forwards 127.0.0.1:<port> to an upstream address. `mode` is "up" (forward), "down"
    (connections refused) or "hang" (connections accepted and never answered); changing it
    cuts every open connection, as a restarted or unplugged server would."""

    def __init__(self, upstream: tuple[str, int]):
        self.upstream, self.port = upstream, free_port()
        self.mode, self.listener = "down", None
        self.open: list[socket.socket] = []
        self.lock = threading.Lock()

    def set(self, mode: str) -> None:
        with self.lock:
            for sock in self.open:
                _close(sock)
            self.open.clear()
            if mode == "down" and self.listener is not None:
                _close(self.listener)
                self.listener = None
            if mode != "down" and self.listener is None:
                self.listener = socket.socket()
                self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                self.listener.bind(("127.0.0.1", self.port))
                self.listener.listen(64)
                threading.Thread(target=self._accept, args=(self.listener,), daemon=True).start()
            self.mode = mode

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:  # closed: the proxy went down
                return
            with self.lock:
                self.open.append(client)
                if self.mode != "up":
                    continue  # "hang": hold the connection, say nothing
                server = socket.create_connection(self.upstream)
                self.open.append(server)
            for src, dst in ((client, server), (server, client)):
                threading.Thread(target=_pump, args=(src, dst), daemon=True).start()


def _pump(src: socket.socket, dst: socket.socket) -> None:
    try:
        while data := src.recv(65536):
            dst.sendall(data)
    except OSError:
        pass
    finally:
        _close(src)
        _close(dst)


def _close(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    sock.close()


@contextmanager
def redis_server(tmp_path: Path) -> Iterator[Callable[[bool], str]]:
    """A redis-server of the test's own on a free port; yields `switch(on)` (returns its URL)."""
    binary = shutil.which("redis-server")
    if binary is None:
        raise FileNotFoundError("redis-server")
    port, process = free_port(), None

    def switch(on: bool) -> str:
        nonlocal process
        if process is not None:
            process.terminate()
            process.wait(timeout=30)
            process = None
        if on:
            process = subprocess.Popen(
                [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                 "--appendonly", "no", "--dir", str(tmp_path)], stdout=subprocess.DEVNULL)
            wait_until(lambda: _pings(port), "redis-server startade inte")
        return f"redis://127.0.0.1:{port}/0"

    try:
        yield switch
    finally:
        switch(False)


def _pings(port: int) -> bool:
    try:
        return redis.Redis(port=port, socket_connect_timeout=1).ping()
    except redis.RedisError:
        return False


def workers(master: subprocess.Popen) -> set[int]:
    """The pids of gunicorn's workers (the master's children)."""
    return {int(pid) for pid in server.worker_pids(master)}


def kill_workers(master: subprocess.Popen) -> None:
    """SIGKILL every worker, as the out-of-memory killer would, and wait for gunicorn to boot
    as many new ones (it must not give up)."""
    old = workers(master)
    for pid in old:
        os.kill(pid, signal.SIGKILL)
    wait_until(lambda: master.poll() is None and len(workers(master) - old) == len(old),
               "gunicorn startade inga nya arbetsprocesser")
    assert master.poll() is None


def wait_until(condition: Callable[[], bool], failure: str, seconds: float = 120) -> None:
    """Poll `condition` until it holds (never a timing assertion: the limit is generous)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(failure)
