"""What the audit log adds to a page: one page view's event written exactly as the web writes
it after a response (`data_access.audit.write`: a short transaction of its own), alone and
with several writers at once, against the tier's database.

The pages measured over HTTP already write their events (every non-public page view is
logged), so their timings include this cost; this part shows its size on its own, next to the
cheapest non-public page, so that "the log costs nothing measurable" is a figure.
"""

from __future__ import annotations

import threading
import time

from sqlalchemy import delete
from sqlalchemy.orm import Session

from bench.load import LoadResult
from data_access import audit
from data_access.db import get_engine
from data_access.models import AuditEvent

BENCH_USER = "bench-granskningslogg"  # the events written here, removed again afterwards
EVENT = audit.Event(audit.PAGE_VIEW, username=BENCH_USER, target="/mal?enhet=HSN&period=T2-2026",
                    role="namnd", namnder="Hälso- och sjukvårdsnämnden", address="127.0.0.1")


def write_cost(database_url: str, writes: int, concurrency: int) -> LoadResult:
    """`writes` page-view events written by `concurrency` threads, each its own session (as
    gunicorn's workers write: one request at a time each); `errors` counts events dropped
    because the write lock did not come within the web's short wait."""
    engine = get_engine(database_url)
    latencies: list[float] = []
    failures = [0]
    lock = threading.Lock()
    per_thread = max(1, writes // concurrency)

    def writer() -> None:
        mine, failed = [], 0
        with Session(engine) as session:
            for _ in range(per_thread):
                started = time.perf_counter()
                failed += not audit.write(session, [EVENT])
                mine.append((time.perf_counter() - started) * 1000)
        with lock:
            latencies.extend(mine)
            failures[0] += failed

    threads = [threading.Thread(target=writer) for _ in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - started
    with Session(engine) as session:
        session.execute(delete(AuditEvent).where(AuditEvent.username == BENCH_USER))
        session.commit()
    return LoadResult(latencies, seconds, 0, failures[0])
