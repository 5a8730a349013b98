"""Every page is one declaration (layouts/page.py): the navigation, the paths, the sections,
storbild, the downloads and the callbacks are derived from them. These gates fail until a new
module is classified: a page, or a piece shared by pages."""

from __future__ import annotations

import pkgutil
from importlib import import_module

import dash
import pytest

import callbacks
import layouts
from dashboard.core import urls
from layouts.page import DECLARED, SECTIONS, Page
from layouts.pages import page_keys

# Modules of layouts/ that are not pages: the kernel the pages share.
LAYOUT_KERNEL = {"components", "page", "pages", "pagetools", "shell", "public", "comparisons",
                 "report"}
# Modules of callbacks/ not named after a page: the frame's callbacks, the page tools and
# presenters shared by several pages.
CALLBACK_KERNEL = {"shell", "pagetools", "namndrapport_charts", "namndrapport_pdf",
                   "comparisons", "council"}
# The pages a meeting shows on the big screen.
STORBILD = {"mal", "ekonomi", "internkontroll"}
KEYS = page_keys()  # imports every page module, so DECLARED is complete


def _names(package) -> set[str]:
    return {info.name for info in pkgutil.iter_modules(package.__path__)}


def test_every_layouts_module_is_a_page_or_kernel():
    for name in sorted(_names(layouts) - LAYOUT_KERNEL):
        declared = getattr(import_module(f"layouts.{name}"), "PAGE", None)
        assert isinstance(declared, Page), f"layouts/{name}.py: declare PAGE or list it as kernel"
        assert declared.key == name


def test_every_callbacks_module_is_named_after_its_page():
    unknown = _names(callbacks) - CALLBACK_KERNEL - set(DECLARED)
    assert not unknown, f"callbacks modules named after no page: {sorted(unknown)}"


def test_paths_come_from_the_declarations(app):
    assert dict(urls.PAGE_PATHS) == {key: page.path for key, page in DECLARED.items()}
    assert [p["path"] for p in dash.page_registry.values()] == \
        [DECLARED[key].path for key in page_keys()]
    assert len({page.path for page in DECLARED.values()}) == len(DECLARED)


def test_the_navigation_and_sections_come_from_the_declarations(app):
    nav = [p["name"] for p in dash.page_registry.values() if p["in_nav"]]
    assert nav == [DECLARED[k].nav for k in page_keys() if DECLARED[k].nav]
    assert nav[-1] == "Administration"
    for section in SECTIONS:
        assert any(p.section == section and p.subnav for p in DECLARED.values()), section


def test_storbild_is_offered_where_meetings_need_it():
    assert {key for key, page in DECLARED.items() if page.storbild} == STORBILD
    assert [key for key, page in DECLARED.items() if not page.tools] == ["storbild"]


@pytest.mark.parametrize("key", sorted(k for k, p in DECLARED.items() if p.tables))
def test_a_page_with_tables_serves_them(app, key):
    registered = next(p for p in dash.page_registry.values() if p["id_prefix"] == key)
    assert registered["tables"] == DECLARED[key].files
