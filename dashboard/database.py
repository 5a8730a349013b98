"""The request's database session: opened on first use, closed when the request ends."""

from __future__ import annotations

from flask import Flask, current_app, g
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from data_access import profile
from data_access.db import get_engine


def app_engine() -> Engine:
    """The app's engine (one per process, made lazily), with the web's statement time limit."""
    config = current_app.config
    return get_engine(config["DATABASE_URL"], config["DB_STATEMENT_TIMEOUT_MS"])


def get_session() -> Session:
    """This request's session on the app's database."""
    if "db_session" not in g:
        g.db_session = Session(app_engine())
    return g.db_session


def request_connection() -> Connection:
    """This request's plain connection, for what every request runs around its page: the
    signed-in user and the data version (one statement), and the audit event's write. One
    connection taken from the pool for all of it, without an ORM session; a page's own
    queries use `get_session` (a connection of their own)."""
    if "db_connection" not in g:
        g.db_connection = app_engine().connect()
    return g.db_connection


def organisation_kind() -> str:
    """`region` or `kommun`, from the stored organisation profile (the pages' words follow
    it); a region's words while the database does not answer."""
    try:
        return profile.current(get_session()).kind
    except SQLAlchemyError:
        close_session()  # a failed statement must not spoil the request's later queries
        return "region"


def close_session(_error: BaseException | None = None) -> None:
    """Close the request's session and its plain connection, those that were opened."""
    session = g.pop("db_session", None)
    if session is not None:
        session.close()
    connection = g.pop("db_connection", None)
    if connection is not None:
        connection.close()


def init_app(server: Flask) -> None:
    """Close each request's session when its app context ends."""
    server.teardown_appcontext(close_session)
