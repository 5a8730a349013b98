"""Every page, found from its declaration (layouts.page.Page in `layouts/<key>.py`), in the
navigation's order, and their registration with Dash."""

from __future__ import annotations

import pkgutil
from importlib import import_module
from types import ModuleType

import layouts
from layouts.page import Page

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
    return [module for _order, module in sorted(found, key=lambda pair: pair[0])]


def page_keys() -> list[str]:
    """The pages' keys, in the navigation's order."""
    return [module.__name__.rpartition(".")[2] for module in page_modules()]


def register_pages() -> None:
    """Register every page with Dash (only after the Dash app exists)."""
    for module in page_modules():
        module.PAGE.register(module.__name__)
