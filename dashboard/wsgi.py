"""The WSGI entry point for gunicorn: `gunicorn dashboard.wsgi:server`."""

from __future__ import annotations

import gc
import sys

from dashboard import create_app
from dashboard.config import ConfigError
from data_access.db import DatabaseUnavailable

# Gunicorn stops the whole server (instead of respawning workers forever) when a worker
# exits with this code while booting.
WORKER_BOOT_ERROR = 3

try:
    app = create_app()
except (ConfigError, DatabaseUnavailable) as exc:
    print(f"rodtrad: {exc}", file=sys.stderr)
    sys.exit(WORKER_BOOT_ERROR)
server = app.server

# What booting built (modules, the app, its page registry) lives as long as the worker. Frozen,
# it is out of the cyclic collector's sight, so the full collections that a request's many
# short-lived components set off walk only what requests made: fewer slow outliers.
gc.freeze()
