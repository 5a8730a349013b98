"""The measures page in a real headless Chromium, as an HSN member: the realisation month by
month as the database has it, the measure on hired doctors flagged for its red waiting-time
indicator, and no axe-core violations."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text

from callbacks.atgarder import FLAG_WORD
from dashboard.core import formatting as fmt
from data_access.demo.grants import HIRED_DOCTORS
from tests.test_browser_economy_pages import assert_accessible_and_local, open_page

pytestmark = pytest.mark.browser


def september_tkr(url: str) -> tuple[float, float]:
    """Planned and achieved effect in September 2026 of HSN's measures, in independent SQL."""
    engine = create_engine(url)
    with engine.connect() as conn:
        planned, achieved = conn.execute(text("""
            SELECT SUM(mm.planned_tkr), SUM(mm.achieved_tkr) FROM measure_months mm
            JOIN saving_measures m ON m.id = mm.measure_id
            JOIN org_units u ON u.id = m.unit_id JOIN org_units n ON n.id = u.namnd_id
            WHERE m.year = 2026 AND mm.month = 9 AND n.code = 'HSN'""")).one()
    engine.dispose()
    return planned, achieved


def test_a_namnd_member_sees_the_months_and_the_red_quality_flag(app, live_server, page, login):
    planned, achieved = september_tkr(app.server.config["DATABASE_URL"])
    login("hsn")
    open_page(page, f"{live_server}/ekonomi/atgarder?year=2026", "#atgarder-months")
    september = page.locator("#atgarder-months tr", has_text="September").inner_text()
    assert fmt.tkr(planned).replace("\u00a0", " ") in september.replace("\u00a0", " ")
    assert fmt.tkr(achieved).replace("\u00a0", " ") in september.replace("\u00a0", " ")
    flags = page.locator("#atgarder-flags")
    assert flags.is_visible()
    assert FLAG_WORD in flags.inner_text() and HIRED_DOCTORS in flags.inner_text()
    row = page.locator("#atgarder-measures tr", has_text=HIRED_DOCTORS)
    assert FLAG_WORD in row.inner_text()
    watched = page.locator("#atgarder-watched tbody tr").first.inner_text()
    assert "Ej uppfyllt" in watched
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path="/tmp/atgarder-1280.png", full_page=True)
    assert_accessible_and_local(page, live_server)
