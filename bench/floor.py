"""The floor under a request: the time its SQL alone takes, measured in-process, uncached."""

from __future__ import annotations

import statistics
import time

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
        event.listen(engine, "before_cursor_execute", self._record)

    def _record(self, _conn, _cursor, statement, parameters, _context, _many) -> None:
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


def sql_floors(database_url: str, scenarios: list[Scenario], repeat: int) -> dict[str, float]:
    """Per scenario: the median milliseconds its SQL alone takes (executed and fetched), as
    sent by one uncached render of its view."""
    from dashboard.app import create_app
    from data_access.db import get_engine

    app = create_app({"DATABASE_URL": database_url, "SECRET_KEY": BENCH_SECRET_KEY,
                      "SESSION_COOKIE_SECURE": False, "CACHE_TYPE": "NullCache"})
    # The app's own engine: its key includes the web's statement time limit.
    timer = SqlTimer(get_engine(database_url, app.server.config["DB_STATEMENT_TIMEOUT_MS"]))
    clients: dict[str | None, object] = {}
    floors = {}
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
            raise RuntimeError(f"{scenario.name}: vyn skickade ingen SQL till databasen som mäts")
        samples = [timer.replay_ms() for _ in range(repeat + 1)]
        floors[scenario.name] = statistics.median(samples[1:])
    return floors
