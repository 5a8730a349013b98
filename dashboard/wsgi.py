"""The WSGI entry point for gunicorn: `gunicorn dashboard.wsgi:server`."""

from __future__ import annotations

import gc
import sys

from dashboard.app import create_app
from dashboard.config import ConfigError

# Gunicorn stops the whole server (instead of respawning workers forever) when a worker
# exits with this code while booting: right for a setting that must be fixed by hand, so a
# database outage is not one (workers boot without it and answer 503 until it is back).
WORKER_BOOT_ERROR = 3

try:
    app = create_app()
except ConfigError as exc:
    print(f"rodtrad: {exc}", file=sys.stderr)
    sys.exit(WORKER_BOOT_ERROR)
server = app.server

# What booting built (modules, the app, its page registry) lives as long as the worker. Frozen,
# it is out of the cyclic collector's sight, so the full collections that a request's many
# short-lived components set off walk only what requests made: fewer slow outliers.
gc.freeze()
