"""Per page: the page's callbacks in `callbacks/<key>.py` (its key as in layouts/), registered
with register(app); pure presenters shared by several pages sit beside them."""

from __future__ import annotations

from collections.abc import Iterable
from importlib import import_module
from importlib.util import find_spec

# The callbacks of the frame around the pages, and every page's tools.
BASE_MODULES = ("callbacks.shell", "callbacks.pagetools")


def callback_modules(page_keys: Iterable[str]) -> list[str]:
    """The modules whose register(app) adds callbacks: the base ones, then each page's."""
    pages = [f"callbacks.{key}" for key in page_keys if find_spec(f"callbacks.{key}")]
    return [*BASE_MODULES, *pages]


def register_callbacks(app, page_keys: Iterable[str]) -> None:
    """Register every module's callbacks on `app`."""
    for name in callback_modules(page_keys):
        module = import_module(name)
        if hasattr(module, "register"):
            module.register(app)
