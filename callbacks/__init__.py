"""Per page: pure functions from query results to components and figures, plus register(app)."""

from __future__ import annotations

from importlib import import_module

# Modules whose register(app) adds callbacks; a page with callbacks adds its module here.
CALLBACK_MODULES = ("callbacks.shell", "callbacks.pagetools", "callbacks.indicators",
                    "callbacks.quality", "callbacks.report",
                    "callbacks.uppdrag", "callbacks.goals", "callbacks.grants",
                    "callbacks.measures", "callbacks.forecast",
                    "callbacks.internal_control", "callbacks.economy", "callbacks.open_data",
                    "callbacks.imports", "callbacks.accounts")


def register_callbacks(app) -> None:
    """Register every module's callbacks on `app`."""
    for name in CALLBACK_MODULES:
        import_module(name).register(app)
