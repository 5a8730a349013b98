"""`/healthz`: whether the app runs and reaches its database, for load balancers and monitoring."""

from __future__ import annotations

from flask import Flask, current_app, jsonify

from data_access.db import DatabaseUnavailable, check_reachable


def healthz():
    """200 with database ok, or 503 with database unreachable."""
    try:
        check_reachable(current_app.config["DATABASE_URL"])
    except DatabaseUnavailable:
        return jsonify(status="error", database="unreachable"), 503
    return jsonify(status="ok", database="ok"), 200


def init_app(server: Flask, prefix: str = "/") -> None:
    """Add the /healthz route (under the app's path prefix)."""
    server.add_url_rule(prefix + "healthz", "healthz", healthz, methods=["GET"])
