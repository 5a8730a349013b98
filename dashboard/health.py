"""`/healthz`: the state of each component, for load balancers and monitoring.

The database is required: unreachable, without its schema or with an older one, the answer is
503 (the pages cannot work). Redis is an accelerator: away, the answer is 200 with status
"degraded" (pages render uncached, login limits count per worker).
"""

from __future__ import annotations

import redis
from flask import Flask, current_app, jsonify

from dashboard.config import REDIS_TIMEOUTS
from dashboard.database import app_engine
from data_access.db import DatabaseNotReady, DatabaseUnavailable, check_schema


def database_state() -> str:
    """"ok", "unreachable", or "not_migrated" (no SQLite file, no schema or an old one)."""
    try:
        check_schema(current_app.config["DATABASE_URL"], app_engine())
    except DatabaseNotReady:
        return "not_migrated"
    except DatabaseUnavailable:
        return "unreachable"
    return "ok"


def redis_state() -> str:
    """"ok", "unreachable", or "not_configured" (REDIS_URL unset: per-worker memory)."""
    client = current_app.extensions.get("rodtrad_health_redis")
    if client is None:
        return "not_configured"
    try:
        client.ping()
    except (redis.RedisError, OSError):
        return "unreachable"
    return "ok"


def healthz():
    """200 when the database is ok ("degraded" if Redis is away), else 503."""
    components = {"database": database_state(), "redis": redis_state()}
    if components["database"] != "ok":
        status, code = "error", 503
    else:
        status = "ok" if components["redis"] in ("ok", "not_configured") else "degraded"
        code = 200
    return jsonify(status=status, **components), code, {"Cache-Control": "no-store"}


def init_app(server: Flask, prefix: str = "/") -> None:
    """Add the /healthz route (under the app's path prefix)."""
    if server.config.get("REDIS_URL"):  # connects on first use, so after gunicorn's fork
        server.extensions["rodtrad_health_redis"] = redis.Redis.from_url(
            server.config["REDIS_URL"], **REDIS_TIMEOUTS)
    server.add_url_rule(prefix + "healthz", "healthz", healthz, methods=["GET"])
