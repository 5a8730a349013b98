"""What the audit log adds to a page: page views' events written as the web writes them
(`data_access.audit.write`: a short transaction of its own), alone and with several writers
at once, against the tier's database. The web writes page views in batches (a worker's views
of half a second, dashboard.audit): the cost per view is a batch's write divided by its views,
measured for a small batch (`BATCH`, a quiet worker's half second); a batch of one is what
every view costs with RODTRAD_AUDIT_BATCH_MS=0.

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


BATCH = 10  # page views in one of the web's batches: 20 views a second at one worker


def write_cost(database_url: str, writes: int, concurrency: int, batch: int = 1) -> LoadResult:
    """`writes` page-view events written by `concurrency` threads, each its own session (as
    gunicorn's workers write: one batch at a time each), `batch` in each transaction; the
    latencies are per event (a batch's time over its events); `errors` counts events dropped
    because the write lock did not come within the web's short wait."""
    engine = get_engine(database_url)
    latencies: list[float] = []
    failures = [0]
    lock = threading.Lock()
    per_thread = max(1, writes // concurrency // batch)

    def writer() -> None:
        mine, failed = [], 0
        with Session(engine) as session:
            for _ in range(per_thread):
                started = time.perf_counter()
                failed += batch * (not audit.write(session, [EVENT] * batch))
                mine.extend([(time.perf_counter() - started) * 1000 / batch] * batch)
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
