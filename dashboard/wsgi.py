"""The WSGI entry point for gunicorn: `gunicorn dashboard.wsgi:server`."""

from __future__ import annotations

import sys

from dashboard import create_app
from data_access.db import DatabaseUnavailable

try:
    app = create_app()
except DatabaseUnavailable as exc:
    print(exc, file=sys.stderr)
    sys.exit(1)
server = app.server
