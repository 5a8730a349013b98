"""The WSGI entry point for gunicorn: `gunicorn dashboard.wsgi:server`."""

from __future__ import annotations

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
