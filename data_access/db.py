"""Engine, sessions and schema migration for the database selected by DATABASE_URL."""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from sqlalchemy import create_engine, event, inspect, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SQLITE_PATH = PROJECT_ROOT / "instance" / "rodtrad.db"
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

_engines: dict[str, Engine] = {}


class DatabaseUnavailable(RuntimeError):
    """The configured database cannot be reached; the message is meant for a person."""


def database_url(url: str | None = None) -> str:
    """The URL to use: the argument, else DATABASE_URL, else the embedded SQLite file."""
    url = url or os.environ.get("DATABASE_URL")
    if url:
        # Heroku-style URLs and plain postgresql:// both mean psycopg 3 here.
        if url.startswith("postgres://"):
            url = "postgresql://" + url[len("postgres://"):]
        if url.startswith("postgresql://"):
            url = "postgresql+psycopg://" + url[len("postgresql://"):]
        return url
    return f"sqlite:///{DEFAULT_SQLITE_PATH}"


def _enable_sqlite_foreign_keys(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def get_engine(url: str | None = None) -> Engine:
    """One engine per URL and process (gunicorn workers each build their own after fork)."""
    url = database_url(url)
    engine = _engines.get(url)
    if engine is None:
        if url.startswith("sqlite:///"):
            Path(url[len("sqlite:///"):]).parent.mkdir(parents=True, exist_ok=True)
            engine = create_engine(url, connect_args={"timeout": 30})
            event.listen(engine, "connect", _enable_sqlite_foreign_keys)
        else:
            engine = create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=5)
        _engines[url] = engine
    return engine


def dispose_engines() -> None:
    """Close every pooled connection (tests, and gunicorn's post-fork hook)."""
    for engine in _engines.values():
        engine.dispose()
    _engines.clear()


@contextmanager
def session_scope(url: str | None = None) -> Iterator[Session]:
    """A session that commits on success and rolls back on any error."""
    session = sessionmaker(get_engine(url), expire_on_commit=False)()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def describe_url(url: str) -> str:
    """The URL without its password, for messages."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def check_reachable(url: str | None = None) -> None:
    """Raise DatabaseUnavailable with a one-line Swedish message if the database is unreachable."""
    url = database_url(url)
    try:
        with get_engine(url).connect() as conn:
            conn.execute(text("SELECT 1"))
    except SQLAlchemyError as exc:
        reason = str(getattr(exc, "orig", exc)).strip().splitlines()[0]
        raise DatabaseUnavailable(
            f"Databasen kan inte nås ({describe_url(url)}): {reason}"
        ) from None


def alembic_config(url: str | None = None):
    """An Alembic configuration for our migrations, pointed at the given database."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("sqlalchemy.url", database_url(url).replace("%", "%%"))
    return config


def migrate(url: str | None = None) -> None:
    """Bring the schema to the latest migration (creates it in an empty database)."""
    from alembic import command

    check_reachable(url)
    command.upgrade(alembic_config(url), "head")


def is_empty(url: str | None = None) -> bool:
    """True when the organisation table holds no rows (or does not exist yet)."""
    engine = get_engine(url)
    if not inspect(engine).has_table("org_units"):
        return True
    with engine.connect() as conn:
        return conn.execute(text("SELECT COUNT(*) FROM org_units")).scalar_one() == 0
