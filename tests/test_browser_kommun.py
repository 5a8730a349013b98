"""The kommun demo in a real headless Chromium: Översikt and Mål draw their charts in a
kommun's words (Östersunds kommun), with nothing of the region and no console errors."""

from __future__ import annotations

import shutil

import pytest

from data_access.db import dispose_engines
from tests.test_kommun_demo import RJH_TEXT

pytestmark = pytest.mark.browser


@pytest.fixture
def app(kommun_template, tmp_path):
    """The Dash app over a copy of the kommun demo (live_server serves this one)."""
    from dashboard.app import create_app

    path = tmp_path / "kommun.db"
    shutil.copy(kommun_template, path)
    yield create_app({"DATABASE_URL": f"sqlite:///{path}", "TESTING": True,
                      "SECRET_KEY": "test"})
    dispose_engines()


def shown_text(page) -> str:
    return page.inner_text("main") if page.locator("main").count() else page.inner_text("body")


def test_oversikt_and_mal_in_a_kommuns_words(live_server, page, login):
    login("ledning")  # the same demo password in both demos
    page.goto(live_server + "/")
    page.wait_for_selector("#overview-status-chart .main-svg", timeout=20_000)
    page.wait_for_selector("#data-as-of:has-text('Data per')", timeout=20_000)
    page.wait_for_function("document.title === 'Översikt – Rödtråd'")
    text = shown_text(page)
    assert "Läget i hela kommunen just nu" in text and "Hela kommunen, belopp i mnkr" in text
    assert RJH_TEXT.search(text) is None, RJH_TEXT.search(text)

    page.goto(live_server + "/mal")
    page.wait_for_selector("h1:has-text('Mål')", timeout=20_000)
    page.wait_for_selector(".main-svg", timeout=20_000)
    text = shown_text(page)
    assert "Kommunens mål hänger ihop" in text and "kommunfullmäktige beslutar om" in text
    assert "Vision 2040" in text and "Utbildning" in text
    assert RJH_TEXT.search(text) is None, RJH_TEXT.search(text)
    page.screenshot(path="/tmp/kommun-mal.png", full_page=True)

    assert page.console_errors == []
    assert all(url.startswith(live_server + "/") for url in page.requested_urls)
