"""The floor under a request: the time its SQL alone takes, measured in-process, uncached."""

from __future__ import annotations

import statistics
import time

from sqlalchemy import event

from bench.scenarios import Scenario, csrf_token, log_in, router_payload
from bench.server import BENCH_SECRET_KEY


class SqlTimer:
    """Adds up the time the database spends on each statement of an engine."""

    def __init__(self, engine) -> None:
        self.total_ms = 0.0
        event.listen(engine, "before_cursor_execute", self._before)
        event.listen(engine, "after_cursor_execute", self._after)

    def _before(self, _conn, _cursor, _statement, _params, context, _many) -> None:
        context.bench_started = time.perf_counter()

    def _after(self, _conn, _cursor, _statement, _params, context, _many) -> None:
        self.total_ms += (time.perf_counter() - context.bench_started) * 1000


def sql_floors(database_url: str, scenarios: list[Scenario], repeat: int) -> dict[str, float]:
    """Per scenario: the median milliseconds of SQL in one uncached render of its view."""
    from dashboard import create_app
    from data_access.db import get_engine

    app = create_app({"DATABASE_URL": database_url, "SECRET_KEY": BENCH_SECRET_KEY,
                      "SESSION_COOKIE_SECURE": False, "CACHE_TYPE": "NullCache"})
    timer = SqlTimer(get_engine(database_url))
    clients: dict[str | None, object] = {}
    floors = {}
    for scenario in scenarios:
        if scenario.user not in clients:
            clients[scenario.user] = app.server.test_client()
            log_in(clients[scenario.user], scenario.user)
        client = clients[scenario.user]
        body = router_payload(scenario.path, scenario.search)
        headers = {"X-CSRFToken": csrf_token(client)}
        samples = []
        for _ in range(repeat + 1):  # the first warms SQLite's page cache
            timer.total_ms = 0.0
            client.post("/_dash-update-component", json=body, headers=headers)
            samples.append(timer.total_ms)
        floors[scenario.name] = statistics.median(samples[1:])
    return floors
