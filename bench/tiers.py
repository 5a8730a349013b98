"""Scale tiers built with the demo generator: SQLite files under bench/data/, or a PostgreSQL
database (x30 by default), built once and reused."""

from __future__ import annotations

import datetime as dt
import os
import time
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from data_access.db import (
    DatabaseUnavailable,
    database_url,
    describe_url,
    dispose_engines,
    is_empty,
    migrate,
    session_scope,
)

DATA_DIR = Path(__file__).resolve().parent / "data"
TIERS = {"rjh": 1, "x10": 10, "x30": 30}
POSTGRES_TIERS = ("x30",)  # about all of Sweden's regions together: PostgreSQL's job
POSTGRES_URL = os.environ.get("BENCH_POSTGRES_URL",
                              "postgresql://postgres@127.0.0.1:5432/rodtrad_bench_{tier}")
AS_OF = dt.date(2026, 10, 31)  # fixed, so a tier means the same data on every machine


def tier_url(name: str) -> str:
    """Where a tier lives: a SQLite file, or a PostgreSQL database for the largest tier."""
    if name in POSTGRES_TIERS:
        return POSTGRES_URL.format(tier=name)
    return f"sqlite:///{DATA_DIR / f'{name}.db'}"


def _create_postgres_database(url: str) -> None:
    """CREATE DATABASE for the URL's database when the server does not have it yet."""
    target = make_url(database_url(url))
    engine = create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            exists = conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"),
                                  {"n": target.database}).first()
            if not exists:
                conn.execute(text(f'CREATE DATABASE "{target.database}"'))
    except SQLAlchemyError as exc:
        reason = str(getattr(exc, "orig", exc)).strip().splitlines()[0]
        raise DatabaseUnavailable(f"PostgreSQL kan inte nås ({describe_url(url)}): {reason}. "
                                  "Ange en annan server med BENCH_POSTGRES_URL.") from None
    finally:
        engine.dispose()


def ensure_tier(name: str, url: str | None = None) -> tuple[str, float | None]:
    """The tier's database URL, generating it first when empty; and the seconds that took."""
    from data_access.demo import load_demo
    from data_access.demo.users import create_demo_users

    url = url or tier_url(name)
    if url.startswith("postgres"):
        _create_postgres_database(url)
    else:
        DATA_DIR.mkdir(exist_ok=True)
    migrate(url)
    if not is_empty(url):
        return url, None
    started = time.perf_counter()
    with session_scope(url) as session:
        load_demo(session, seed=2050, scale=TIERS[name], as_of=AS_OF)
        create_demo_users(session)
    if url.startswith("postgres"):
        # Fresh statistics for the planner, and the visibility map that index-only scans need
        # (a server's autovacuum would do both soon after; this one may have it off).
        engine = create_engine(database_url(url), isolation_level="AUTOCOMMIT")
        try:
            with engine.connect() as conn:
                conn.execute(text("VACUUM ANALYZE"))
        finally:
            engine.dispose()
    dispose_engines()
    return url, time.perf_counter() - started
