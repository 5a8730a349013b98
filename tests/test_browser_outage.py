"""While the database is away, a real browser shows the Swedish message where the page would
be (the Dash renderer drops a callback's error answer silently: a blank page), and the page
itself again once the database is back."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

SCREENSHOT = "/tmp/tillfalligt-otillganglig.png"
UNREACHABLE_URL = "postgresql://rodtrad:hemligt@127.0.0.1:1/rodtrad"


def test_the_page_says_the_service_is_unavailable_and_recovers(app, live_server, page):
    url = app.server.config["DATABASE_URL"]
    app.server.config["DATABASE_URL"] = UNREACHABLE_URL
    page.goto(live_server + "/oppna-data")
    notice = page.get_by_role("alert")
    notice.wait_for(timeout=20_000)
    assert "Rödtråd är tillfälligt otillgänglig" in notice.inner_text()
    page.screenshot(path=SCREENSHOT)
    app.server.config["DATABASE_URL"] = url
    page.get_by_role("link", name="Översikt").first.click()  # no reload: in-app navigation
    page.get_by_role("heading", level=1).first.wait_for(timeout=20_000)
    assert page.get_by_role("alert").count() == 0
    assert page.console_errors == []
