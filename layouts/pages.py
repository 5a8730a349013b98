"""Every page, found from its declaration (layouts.page.Page in `layouts/<key>.py`), in the
navigation's order, and their registration with Dash."""

from __future__ import annotations

import pkgutil
from importlib import import_module
from types import ModuleType

import layouts
from layouts.page import Page

# The pages not yet declared with layouts.page.Page: module -> place in the navigation.
LEGACY_ORDER = {
}


def page_modules() -> list[ModuleType]:
    """The modules of layouts/ that are pages, in the navigation's order."""
    found = []
    for info in pkgutil.iter_modules(layouts.__path__):
        module = import_module(f"layouts.{info.name}")
        declared = getattr(module, "PAGE", None)
        if isinstance(declared, Page):
            if declared.key != info.name:
                raise ValueError(f"layouts/{info.name}.py declares the page {declared.key!r}: "
                                 "a page's key is its module's name")
            found.append((declared.order, module))
        elif info.name in LEGACY_ORDER:
            found.append((LEGACY_ORDER[info.name], module))
    return [module for _order, module in sorted(found, key=lambda pair: pair[0])]


def page_keys() -> list[str]:
    """The pages' keys, in the navigation's order."""
    return [module.__name__.rpartition(".")[2] for module in page_modules()]


def register_pages() -> None:
    """Register every page with Dash (only after the Dash app exists)."""
    for module in page_modules():
        declared = getattr(module, "PAGE", None)
        if isinstance(declared, Page):
            declared.register(module.__name__)
        else:
            module.register(LEGACY_ORDER[module.__name__.rpartition(".")[2]])
