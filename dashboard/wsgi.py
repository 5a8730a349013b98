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
WEB_GC_FIRST_GENERATION = 50_000  # allocations between young collections (Python's: 700)

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
# A long page allocates some hundred thousand objects (components, light elements, rows) that
# mostly live until its answer is sent: at Python's default of a young collection every 700
# allocations, the collector runs over a hundred times per request and walks the page being
# built again as it ages through the older generations. Every 50 000 it runs a few times
# (instructions per render, counted: Internkontroll: alla -9 %, Mål som nämndledamot -6.5 %);
# what a request leaves behind in reference cycles waits a little longer for its collection.
gc.set_threshold(WEB_GC_FIRST_GENERATION, *gc.get_threshold()[1:])
