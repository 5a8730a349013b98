"""Engine, sessions and schema migration for the database selected by DATABASE_URL."""

from __future__ import annotations

import os
import sqlite3
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Iterator
from urllib.parse import quote

from sqlalchemy import create_engine, event, inspect, select, text
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from data_access.models import LatestMeasurement, OrgUnit, PublicHeadline, SearchEntry
from data_access.headlines import rebuild_public_headlines
from data_access.search_index import rebuild_search_index

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SQLITE_PATH = PROJECT_ROOT / "instance" / "rodtrad.db"
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

# How long a connection attempt to PostgreSQL may take before the request fails (seconds).
DEFAULT_CONNECT_TIMEOUT = 5
# How long SQLite waits for another process's write lock before giving up (seconds).
SQLITE_BUSY_TIMEOUT = 30

_engines: dict[tuple[str, int], Engine] = {}


class DatabaseUnavailable(RuntimeError):
    """The configured database cannot be reached; the message is meant for a person."""


class DatabaseNotReady(DatabaseUnavailable):
    """The database answers but is not set up: no SQLite file, no schema, or an old one."""


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
    # WAL: readers never wait for a writer (an import), nor a writer for readers.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT * 1000}")
    cursor.close()


def sqlite_file(session: Session) -> Path | None:
    """The database file a session works on, if it is SQLite (None for other databases)."""
    if session.get_bind().dialect.name != "sqlite":
        return None
    databases = session.connection().exec_driver_sql("PRAGMA database_list").all()
    return next(Path(file) for _, name, file in databases if name == "main")


def connection_of(target: Session | Connection) -> Connection:
    """A session's connection, or the connection itself."""
    return target.connection() if isinstance(target, Session) else target


@contextmanager
def sqlite_wait(session: Session | Connection, seconds: float) -> Iterator[None]:
    """Let the session's (or connection's) SQLite connection wait at most `seconds` for
    another's write lock (instead of SQLITE_BUSY_TIMEOUT) within the block."""
    connection = connection_of(session).connection.dbapi_connection
    connection.execute(f"PRAGMA busy_timeout={int(seconds * 1000)}")
    try:
        yield
    finally:
        connection.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT * 1000}")


def begin_writing(session: Session | Connection) -> None:
    """On SQLite, take the write lock now unless the session's transaction holds it already.

    A transaction that reads before it writes (an import: the stored rows of a batch, then
    its inserts) fails at once with SQLITE_BUSY_SNAPSHOT, without waiting, when another
    connection (a login) committed in between; one that begins with the lock cannot."""
    connection = connection_of(session)
    if connection.dialect.name != "sqlite":
        return
    if not connection.connection.dbapi_connection.in_transaction:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def is_locked(exc: OperationalError) -> bool:
    """Whether SQLite gave up waiting for another connection's lock."""
    return getattr(exc.orig, "sqlite_errorname", "").startswith(("SQLITE_BUSY", "SQLITE_LOCKED"))


def sqlite_path(url: str) -> Path | None:
    """The file of a SQLite URL (None for other databases)."""
    return Path(url[len("sqlite:///"):]) if url.startswith("sqlite:///") else None


def connect_timeout() -> int:
    """Seconds a PostgreSQL connection attempt may take (RODTRAD_DB_CONNECT_TIMEOUT)."""
    return int(os.environ.get("RODTRAD_DB_CONNECT_TIMEOUT", DEFAULT_CONNECT_TIMEOUT))


def _set_statement_timeout(milliseconds: int):
    def on_connect(dbapi_connection, _record) -> None:
        with dbapi_connection.cursor() as cursor:
            cursor.execute(f"SET statement_timeout = {int(milliseconds)}")
        dbapi_connection.commit()

    return on_connect


def _sqlite_engine(path: Path) -> Engine:
    # mode=rw: a missing file is an error, never a new empty database (only migrate makes one).
    engine = create_engine(f"sqlite:///file:{quote(str(path))}?mode=rw&uri=true",
                           connect_args={"timeout": SQLITE_BUSY_TIMEOUT})
    event.listen(engine, "connect", _enable_sqlite_foreign_keys)
    return engine


def _server_engine(url: str, statement_timeout_ms: int) -> Engine:
    timeout = connect_timeout()
    # tcp_user_timeout: a pooled connection to a server that vanished from the network fails
    # (and is replaced) once what it sends goes unacknowledged, instead of waiting for TCP.
    engine = create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=5, connect_args={
        "connect_timeout": timeout, "tcp_user_timeout": 2 * timeout * 1000})
    if statement_timeout_ms and engine.dialect.name == "postgresql":
        event.listen(engine, "connect", _set_statement_timeout(statement_timeout_ms))
    return engine


def get_engine(url: str | None = None, statement_timeout_ms: int = 0) -> Engine:
    """One engine per URL, statement time limit and process (gunicorn workers each build their
    own after fork). The time limit (PostgreSQL only, 0 for none) is the web app's: commands
    such as an import may run longer statements."""
    url = database_url(url)
    key = (url, statement_timeout_ms)
    engine = _engines.get(key)
    if engine is None:
        path = sqlite_path(url)
        engine = _sqlite_engine(path) if path else _server_engine(url, statement_timeout_ms)
        _engines[key] = engine
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
    return make_url(url).render_as_string(hide_password=True)


def error_reason(exc: BaseException) -> str:
    """The first line of what the database driver said, for a one-line message."""
    return (str(getattr(exc, "orig", None) or exc).strip().splitlines()
            or [type(exc).__name__])[0]


def check_reachable(url: str | None = None, engine: Engine | None = None) -> None:
    """Raise DatabaseUnavailable with a one-line Swedish message if the database is unreachable
    (DatabaseNotReady when it is a SQLite file that does not exist)."""
    url = database_url(url)
    path = sqlite_path(url)
    if path is not None and not path.is_file():
        raise DatabaseNotReady(f"Databasfilen {path} finns inte; skapa den med `rodtrad migrate`.")
    try:
        with (engine or get_engine(url)).connect() as conn:
            conn.execute(text("SELECT 1"))
    except SQLAlchemyError as exc:
        raise DatabaseUnavailable(
            f"Databasen kan inte nås ({describe_url(url)}): {error_reason(exc)}"
        ) from None


@lru_cache(maxsize=1)
def head_revision() -> str:
    """The latest migration's revision: what a migrated database's alembic_version holds."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def check_schema(url: str | None = None, engine: Engine | None = None) -> None:
    """Raise DatabaseUnavailable if the database is unreachable, DatabaseNotReady if it has no
    schema or an older one than this code needs (`rodtrad migrate` brings it up to date)."""
    url = database_url(url)
    check_reachable(url, engine)
    try:
        with (engine or get_engine(url)).connect() as conn:
            migrated = inspect(conn).has_table("alembic_version")
            version = conn.execute(text("SELECT version_num FROM alembic_version")).scalar() \
                if migrated else None
    except SQLAlchemyError as exc:
        raise DatabaseUnavailable(
            f"Databasen kan inte nås ({describe_url(url)}): {error_reason(exc)}") from None
    if version != head_revision():
        state = "saknar schema" if version is None else f"har schemaversion {version}"
        raise DatabaseNotReady(f"Databasen {describe_url(url)} {state}, koden behöver "
                               f"{head_revision()}; kör `rodtrad migrate`.")


def alembic_config(url: str | None = None):
    """An Alembic configuration for our migrations, pointed at the given database."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("sqlalchemy.url", database_url(url).replace("%", "%%"))
    return config


def create_sqlite_file(url: str | None = None) -> None:
    """Create the (empty) file of a SQLite URL and its folder, if missing: migrate's job only."""
    path = sqlite_path(database_url(url))
    if path is not None and not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        sqlite3.connect(path).close()


def migrate(url: str | None = None) -> None:
    """Bring the schema to the latest migration (creates it in an empty database)."""
    from alembic import command

    create_sqlite_file(url)
    check_reachable(url)
    command.upgrade(alembic_config(url), "head")
    _fill_derived(url)


def _fill_derived(url: str | None) -> None:
    """Fill the tables computed from stored data that a migration added empty (a migration
    cannot run the computation: it reads the models at their newest), when data is there."""
    with Session(get_engine(url)) as session, session.begin():
        if session.scalar(select(PublicHeadline.indicator_id).limit(1)) is None and \
                session.scalar(select(LatestMeasurement.indicator_id).limit(1)) is not None:
            rebuild_public_headlines(session)
        if session.scalar(select(SearchEntry.id).limit(1)) is None and \
                session.scalar(select(OrgUnit.id).limit(1)) is not None:
            rebuild_search_index(session)


def is_empty(url: str | None = None) -> bool:
    """True when the organisation table holds no rows (or does not exist yet)."""
    engine = get_engine(url)
    if not inspect(engine).has_table("org_units"):
        return True
    with engine.connect() as conn:
        return conn.execute(text("SELECT COUNT(*) FROM org_units")).scalar_one() == 0
