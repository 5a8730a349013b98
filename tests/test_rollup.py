"""The pre-computed goal statuses on a small hand-built region with a known answer per goal.

Organisation: Region (R) > Hälso- och sjukvårdsnämnden (HSN) > Enhet 1, Enhet 2.
Goals: Målbild MB > Målområde MO > Nämndmål NM > Enhetsmål EM1, EM2, EM3.
Periods: Helår 2025 (2025-12-31), T1 2026 (2026-04-30), Delår 2026 (2026-08-31).
Each comment in `build_region` says what the data is there to show.
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from data_access.db import session_scope
from data_access.models import (
    Assessment,
    FollowUpPeriod,
    Goal,
    GoalStatus,
    Indicator,
    Measurement,
    OrgUnit,
    Target,
)
from data_access.rollup import months_before, recompute_goal_statuses
from data_access.tree import rebuild_closures

# (computed, reported, manual, deviates) per goal and period
EXPECTED = {
    "T1": {
        "MB": ("green", "green", False, False),
        "MO": ("green", "green", False, False),  # I4 green + NM yellow
        "NM": ("yellow", "yellow", False, False),  # I2 red + EM1 green + EM2 green (manual)
        "EM1": ("green", "green", False, False),  # I1 yellow + I2 green: mean 1.5
        "EM2": ("red", "green", True, True),  # green on red data
        "EM3": ("grey", "grey", False, False),  # I3's outcome is 12 months old; I5 no target
    },
    "DELAR": {
        "MB": ("yellow", "yellow", False, False),
        "MO": ("yellow", "yellow", False, False),  # I4 green + NM red
        "NM": ("red", "red", False, False),  # I2 red + EM1 yellow + EM2 red: mean 0.33
        "EM1": ("yellow", "yellow", False, False),  # I1 red (May; June has no total) + I2 green
        "EM2": ("red", "red", False, False),
        "EM3": ("grey", "grey", False, False),
    },
    "HELAR": {
        "MB": ("yellow", "yellow", False, False),
        "MO": ("yellow", "yellow", False, False),  # I4 green + NM red
        "NM": ("red", "red", False, False),  # only EM3 has data
        "EM1": ("grey", "grey", False, False),  # all its outcomes are from 2026
        "EM2": ("grey", "grey", False, False),  # Dec 2024 is just outside the window
        "EM3": ("red", "red", False, False),  # band 2–4, tolerance 0.5, outcome 5
    },
}


def _unit(session, code, level, parent=None):
    unit = OrgUnit(code=code, name=code, level=level, parent=parent)
    session.add(unit)
    return unit


def _goal(session, code, kind, owner, parent=None, indicators=()):
    goal = Goal(
        code=code, kind=kind, title=code, owner_unit=owner, parent=parent,
        plan_start_year=2024, plan_end_year=2026, indicators=list(indicators),
    )
    session.add(goal)
    return goal


def _indicator(session, code, direction, frequency="month"):
    indicator = Indicator(
        code=code, name=code, unit="%", direction=direction, frequency=frequency, source="test"
    )
    session.add(indicator)
    return indicator


def _measure(session, indicator, unit, period, period_end, value):
    session.add(
        Measurement(
            indicator_id=indicator.id, unit_id=unit.id, period=period,
            period_end=dt.date.fromisoformat(period_end), value_total=value, source="test",
        )
    )


def build_region(session) -> None:
    """The test region, its goals, data and one manual assessment."""
    region = _unit(session, "R", "region")
    hsn = _unit(session, "HSN", "namnd", region)
    e1 = _unit(session, "E1", "enhet", hsn)
    e2 = _unit(session, "E2", "enhet", hsn)

    i1 = _indicator(session, "I1", "higher")
    i2 = _indicator(session, "I2", "lower", "tertial")
    i3 = _indicator(session, "I3", "band")
    i4 = _indicator(session, "I4", "higher", "year")
    i5 = _indicator(session, "I5", "higher")

    mb = _goal(session, "MB", "malbild", region)
    mo = _goal(session, "MO", "malomrade", region, mb, [i4])
    nm = _goal(session, "NM", "namndmal", hsn, mo, [i2])
    _goal(session, "EM1", "enhetsmal", e1, nm, [i1, i2])
    em2 = _goal(session, "EM2", "enhetsmal", e2, nm, [i1])
    _goal(session, "EM3", "enhetsmal", e2, nm, [i3, i5])

    periods = {
        "HELAR": FollowUpPeriod(year=2025, kind="HELAR", end_date=dt.date(2025, 12, 31)),
        "T1": FollowUpPeriod(year=2026, kind="T1", end_date=dt.date(2026, 4, 30)),
        "DELAR": FollowUpPeriod(year=2026, kind="DELAR", end_date=dt.date(2026, 8, 31)),
    }
    session.add_all(periods.values())
    session.flush()

    session.add_all([
        # I1: Enhet 1 has its own target; the region's (85, no tolerance) must not be used there.
        Target(indicator_id=i1.id, unit_id=e1.id, year=2026, value=90, tolerance=5),
        Target(indicator_id=i1.id, unit_id=region.id, year=2026, value=85, tolerance=0),
        # I2: no target at Enhet 1, so the nearest ancestor's (HSN, not the region's) applies.
        Target(indicator_id=i2.id, unit_id=hsn.id, year=2026, value=30, tolerance=5),
        Target(indicator_id=i2.id, unit_id=region.id, year=2026, value=10, tolerance=0),
        # I3: a band at Enhet 2.
        Target(indicator_id=i3.id, unit_id=e2.id, year=2025, value=2, upper_value=4, tolerance=0.5),
        # I4: yearly; the 2025 value is judged against 2025's target even in 2026 periods.
        Target(indicator_id=i4.id, unit_id=region.id, year=2025, value=2.0, tolerance=0),
        Target(indicator_id=i4.id, unit_id=region.id, year=2026, value=3.0, tolerance=0),
        # I5 has no target anywhere.
    ])
    for indicator, unit, period, end, value in [
        (i1, e1, "2026-03", "2026-03-31", 92),
        (i1, e1, "2026-04", "2026-04-30", 88),  # T1: yellow against 90 ± 5
        (i1, e1, "2026-05", "2026-05-31", 80),  # after T1; Delår: red
        (i1, e1, "2026-06", "2026-06-30", None),  # no total: skipped, so May stays the latest
        (i1, e2, "2024-12", "2024-12-31", 95),  # exactly 12 months before Helår 2025: too old
        (i1, e2, "2026-04", "2026-04-30", 50),  # red against the region's 85
        (i2, e1, "2026-T1", "2026-04-30", 25),  # green against HSN's 30 ± 5 (lower is better)
        (i2, hsn, "2026-T1", "2026-04-30", 40),  # red against 30 ± 5
        (i3, e2, "2025-04", "2025-04-30", 5),  # red for Helår 2025; too old at T1 2026
        (i4, region, "2025-12", "2025-12-31", 1.0),  # same end as the yearly value, loaded first
        (i4, region, "2025", "2025-12-31", 2.1),  # loaded last, so it wins: green against 2.0
        (i5, e2, "2026-03", "2026-03-31", 70),
    ]:
        _measure(session, indicator, unit, period, end, value)
    # The goal owner's green for EM2 at T1, on red data.
    session.add(Assessment(goal_id=em2.id, followup_period_id=periods["T1"].id, status="green",
                           analysis="Vi bedömer att målet nås.", assessed_on=dt.date(2026, 5, 10)))
    session.flush()
    rebuild_closures(session)


def stored_statuses(session) -> dict[str, dict[str, tuple]]:
    """kind -> goal code -> (computed, reported, manual, deviates), as stored."""
    query = select(
        FollowUpPeriod.kind, Goal.code, GoalStatus.computed_status, GoalStatus.reported_status,
        GoalStatus.manual, GoalStatus.deviates,
    ).join(Goal, Goal.id == GoalStatus.goal_id).join(
        FollowUpPeriod, FollowUpPeriod.id == GoalStatus.followup_period_id
    )
    result: dict[str, dict[str, tuple]] = {}
    for kind, code, *status in session.execute(query):
        result.setdefault(kind, {})[code] = tuple(status)
    return result


@pytest.fixture
def region_url(db_url):
    with session_scope(db_url) as session:
        build_region(session)
    return db_url


def test_every_goal_gets_its_known_status_in_every_period(region_url):
    with session_scope(region_url) as session:
        assert recompute_goal_statuses(session) == 18
    with session_scope(region_url) as session:
        assert stored_statuses(session) == EXPECTED


def test_recomputing_replaces_rows_instead_of_adding(region_url):
    with session_scope(region_url) as session:
        recompute_goal_statuses(session)
        assert recompute_goal_statuses(session) == 18
        assert stored_statuses(session) == EXPECTED


def test_only_the_given_periods_are_recomputed(region_url):
    with session_scope(region_url) as session:
        ids = dict(session.execute(select(FollowUpPeriod.kind, FollowUpPeriod.id)).all())
        assert recompute_goal_statuses(session, [ids["T1"]]) == 6
        assert stored_statuses(session) == {"T1": EXPECTED["T1"]}
        # A new outcome for Enhet 2 changes Delår only, and T1's rows are left alone.
        i1, e2 = (session.scalar(select(m.id).where(m.code == c)) for m, c in
                  [(Indicator, "I1"), (OrgUnit, "E2")])
        session.add(Measurement(indicator_id=i1, unit_id=e2, period="2026-08",
                                period_end=dt.date(2026, 8, 31), value_total=86, source="test"))
        assert recompute_goal_statuses(session, [ids["DELAR"]]) == 6
        stored = stored_statuses(session)
    assert stored["T1"] == EXPECTED["T1"]
    assert stored["DELAR"]["EM2"] == ("green", "green", False, False)
    assert stored["DELAR"]["NM"] == ("yellow", "yellow", False, False)  # red, yellow, green


def test_no_periods_writes_nothing(db_url):
    with session_scope(db_url) as session:
        assert recompute_goal_statuses(session) == 0
        assert recompute_goal_statuses(session, []) == 0


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2026, 4, 30), dt.date(2025, 4, 30)),
        (dt.date(2024, 2, 29), dt.date(2023, 2, 28)),
        (dt.date(2026, 1, 15), dt.date(2025, 1, 15)),
    ],
)
def test_twelve_months_before(day, expected):
    assert months_before(day, 12) == expected


def test_months_before_clamps_to_the_month_end():
    assert months_before(dt.date(2026, 5, 31), 3) == dt.date(2026, 2, 28)
