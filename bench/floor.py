"""The floor under a request, the time its SQL alone takes, and where the rest goes: measured
in-process, uncached, by timing the phases of the page's declaration in the bench's own process
(nothing is added to the app that gunicorn serves)."""

from __future__ import annotations

import statistics
import threading
import time
from dataclasses import dataclass

from sqlalchemy import event

from bench.scenarios import Scenario, csrf_token, log_in, router_payload
from bench.server import BENCH_SECRET_KEY


class SqlTimer:
    """Records the statements a request sends to an engine, to replay them alone afterwards.

    A statement's time is its execution and the fetching of its rows: SQLite computes rows
    as they are fetched, so timing `execute` alone would miss most of the work.
    """

    def __init__(self, engine) -> None:
        self.engine = engine
        self.statements: list[tuple[str, object]] = []
        # The requests' thread: the audit log's batches of page views are written by a
        # thread of their own, after the requests (dashboard.audit), not by the page.
        self._thread = threading.get_ident()
        event.listen(engine, "before_cursor_execute", self._record)

    def _record(self, _conn, _cursor, statement, parameters, _context, _many) -> None:
        if threading.get_ident() == self._thread:
            self.statements.append((statement, parameters))

    def replay_ms(self) -> float:
        """Milliseconds to execute every recorded statement and fetch all its rows, straight
        through the database driver (no ORM, no page building)."""
        raw = self.engine.raw_connection()
        try:
            cursor = raw.cursor()
            started = time.perf_counter()
            for statement, parameters in self.statements:
                cursor.execute(statement, parameters)
                if cursor.description is not None:
                    cursor.fetchall()
            return (time.perf_counter() - started) * 1000
        finally:
            raw.rollback()
            raw.close()


@dataclass(frozen=True)
class Split:
    """Where one uncached render of a view spends its time, in-process (median ms):

    - `sql`: its statements alone, replayed straight through the driver (the floor);
    - `load`: the page's `load` (its queries through the ORM, and the Python around them);
    - `build`: the page's `view` and the page tools around it: the components and figures;
    - `encode`: Dash's JSON encoding of the response (plotly's encoder);
    - `total`: the whole request through Flask, the guard and Dash, in the test client.
    """

    sql: float
    load: float
    build: float
    encode: float
    total: float

    @property
    def other(self) -> float:
        """The request around the page: Flask, sign-in, the guard, Dash's dispatch."""
        return max(0.0, self.total - self.load - self.build - self.encode)


class PhaseTimer:
    """Times the phases of a render in this process only (the bench's, never a server's):
    the registered pages' layout and their declarations' `load`, and Dash's `to_json`."""

    def __init__(self) -> None:
        self.spent: dict[str, float] = {}
        self._undo: list = []

    def timed(self, phase: str, function):
        def wrapper(*args, **kwargs):
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self.spent[phase] = self.spent.get(phase, 0.0) + \
                    (time.perf_counter() - started) * 1000
        return wrapper

    def install(self) -> None:
        import dash
        from dash import _callback

        for page in dash.page_registry.values():
            declaration = page["declaration"]
            self._set(page, "layout", self.timed("render", page["layout"]), item=True)
            self._set(declaration, "load", self.timed("load", declaration.load))
        self._set(_callback, "to_json", self.timed("encode", _callback.to_json))

    def _set(self, owner, name: str, value, item: bool = False) -> None:
        if item:
            self._undo.append(lambda old=owner[name]: owner.__setitem__(name, old))
            owner[name] = value
            return
        old = getattr(owner, name)
        # Page declarations are frozen dataclasses: set past the guard, restored afterwards.
        self._undo.append(lambda: object.__setattr__(owner, name, old))
        object.__setattr__(owner, name, value)

    def uninstall(self) -> None:
        while self._undo:
            self._undo.pop()()


def sql_floors(database_url: str, scenarios: list[Scenario], repeat: int) -> dict[str, float]:
    """Per scenario: the median milliseconds its SQL alone takes (executed and fetched), as
    sent by one uncached render of its view."""
    return {name: split.sql for name, split in splits(database_url, scenarios, repeat).items()}


def splits(database_url: str, scenarios: list[Scenario], repeat: int) -> dict[str, Split]:
    """Per scenario: where an uncached render's time goes (`Split`), medians over `repeat`
    renders, after one that warms every cache below the page (and records its SQL)."""
    from dashboard.app import create_app
    from data_access.db import get_engine

    app = create_app({"DATABASE_URL": database_url, "SECRET_KEY": BENCH_SECRET_KEY,
                      "SESSION_COOKIE_SECURE": False, "CACHE_TYPE": "NullCache"})
    # The app's own engine: its key includes the web's statement time limit.
    timer = SqlTimer(get_engine(database_url, app.server.config["DB_STATEMENT_TIMEOUT_MS"]))
    phases = PhaseTimer()
    clients: dict[str | None, object] = {}
    result = {}
    phases.install()
    try:
        for scenario in scenarios:
            if scenario.user not in clients:
                clients[scenario.user] = app.server.test_client()
                log_in(clients[scenario.user], scenario.user)
            client = clients[scenario.user]
            body = router_payload(scenario.path, scenario.search)
            headers = {"X-CSRFToken": csrf_token(client)}
            timer.statements = []
            client.post("/_dash-update-component", json=body, headers=headers)
            # The first replay warms the database's page cache.
            if not timer.statements:
                raise RuntimeError(f"{scenario.name}: vyn skickade ingen SQL till databasen "
                                   "som mäts")
            sql = [timer.replay_ms() for _ in range(repeat + 1)][1:]
            samples = [_render(client, body, headers, phases) for _ in range(repeat)]
            result[scenario.name] = Split(
                statistics.median(sql),
                *(statistics.median(s[phase] for s in samples)
                  for phase in ("load", "build", "encode", "total")))
    finally:
        phases.uninstall()
        event.remove(timer.engine, "before_cursor_execute", timer._record)
    return result


def _render(client, body: dict, headers: dict, phases: PhaseTimer) -> dict[str, float]:
    """One timed request; its phases in ms."""
    phases.spent = {}
    started = time.perf_counter()
    response = client.post("/_dash-update-component", json=body, headers=headers)
    total = (time.perf_counter() - started) * 1000
    if response.status_code != 200:
        raise RuntimeError(f"vyn svarade {response.status_code}")
    spent = phases.spent
    load = spent.get("load", 0.0)
    return {"load": load, "build": spent.get("render", 0.0) - load,
            "encode": spent.get("encode", 0.0), "total": total}
