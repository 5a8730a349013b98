"""A tiny hand-built region whose figures are known by heart, for exact query tests.

Two nämnder (HSN with goals, economy and most risks; RUN), two follow-ups in 2026 and
one in 2025, a year of monthly budget with ten months of utfall, and one demo import run.
For scoping: an unpublished enhetsmål, uppdrag, indicator values, a kontrollmoment and an
åtgärd in each nämnd (none of which changes the figures above).
"""

from __future__ import annotations

import datetime as dt

from data_access.models import (
    ControlPoint,
    CostCategory,
    EconomyEntry,
    FollowUpPeriod,
    Goal,
    GoalStatus,
    ImportRun,
    Indicator,
    Measurement,
    OrgUnit,
    Process,
    Risk,
    RiskAction,
    Uppdrag,
)
from data_access.headlines import rebuild_public_headlines
from data_access.search_index import rebuild_search_index
from data_access.tree import (
    rebuild_closures,
    rebuild_economy_totals,
    rebuild_latest_measurements,
)

# Reported statuses of the six nämnd goals at Delår 2026; goals 0, 2 and 4 are published.
DELAR_STATUSES = ("green", "green", "yellow", "red", "grey", "green")
# (nämnd, probability, consequence, status, year)
RISKS = (
    ("HSN", 3, 3, "oppen", 2026),   # riskvärde 9: high
    ("HSN", 4, 4, "oppen", 2026),   # 16: high
    ("HSN", 2, 2, "oppen", 2026),   # 4: not high
    ("RUN", 3, 4, "oppen", 2026),   # 12: high
    ("RUN", 4, 3, "stangd", 2026),  # closed
    ("HSN", 4, 4, "oppen", 2025),   # an earlier year
)
BUDGET_PER_MONTH = {"HSN": -1000.0, "RUN": -500.0}
UTFALL_PER_MONTH = {"HSN": -1100.0, "RUN": -480.0}
UTFALL_MONTHS = 10


def _unit(session, code, name, level, parent=None, sort_order=0):
    unit = OrgUnit(code=code, name=name, level=level, sort_order=sort_order,
                   parent_id=parent.id if parent else None)
    session.add(unit)
    session.flush()
    return unit


def _organisation(session) -> dict[str, OrgUnit]:
    region = _unit(session, "R", "Regionen", "region")
    units = {"R": region}
    for order, (code, name, unit_name) in enumerate(
        [("HSN", "Hälso- och sjukvårdsnämnden", "Hälsocentralen Brunflo"),
         ("RUN", "Regionala utvecklingsnämnden", "Kultur och bildning")], start=1
    ):
        namnd = _unit(session, code, name, "namnd", region, order)
        namnd.namnd_id = namnd.id
        enhet = _unit(session, f"{code}-E", unit_name, "enhet", namnd)
        enhet.namnd_id = namnd.id
        units[code], units[f"{code}-E"] = namnd, enhet
    return units


def _goal(session, code, kind, title, owner, parent=None, published=True, description=""):
    goal = Goal(code=code, kind=kind, title=title, description=description, owner_unit_id=owner.id,
                parent_id=parent.id if parent else None, plan_start_year=2024, plan_end_year=2026,
                published=published)
    session.add(goal)
    session.flush()
    return goal


def _goals(session, units) -> list[Goal]:
    vision = _goal(session, "MB", "malbild", "Målbild 2050", units["R"],
                   description="En nytänkande och hållbar region att leva, verka och utvecklas i.")
    area = _goal(session, "MO-HS", "malomrade", "Hälso- och sjukvård", units["R"], vision,
                 description="God och nära vård i hela Jämtland Härjedalen")
    for code in ("HSN", "RUN"):  # unpublished and never followed up: seen by their nämnd only
        _goal(session, f"{code}-EM", "enhetsmal", f"Enhetsmål {code}", units[f"{code}-E"], area,
              published=False)
    return [_goal(session, f"G{i}", "namndmal", f"Mål {i}", units["HSN"], area, published=i % 2 == 0)
            for i in range(len(DELAR_STATUSES))]


def _statuses(session, goals) -> None:
    t1 = FollowUpPeriod(year=2026, kind="T1", end_date=dt.date(2026, 4, 30))
    delar = FollowUpPeriod(year=2026, kind="DELAR", end_date=dt.date(2026, 8, 31))
    helar = FollowUpPeriod(year=2025, kind="HELAR", end_date=dt.date(2025, 12, 31))
    session.add_all([t1, delar, helar])
    session.flush()
    for goal, status in zip(goals, DELAR_STATUSES):
        session.add(GoalStatus(goal_id=goal.id, followup_period_id=delar.id,
                               computed_status=status, reported_status=status))
        for earlier in (t1, helar):
            session.add(GoalStatus(goal_id=goal.id, followup_period_id=earlier.id,
                                   computed_status="red", reported_status="red"))


def _economy(session, units) -> None:
    category = CostCategory(code="PERS", name="Personal", kind="kostnad")
    session.add(category)
    session.flush()
    for code in ("HSN", "RUN"):
        unit_id = units[f"{code}-E"].id
        for month in range(1, 13):
            session.add(EconomyEntry(unit_id=unit_id, category_id=category.id, year=2026,
                                     month=month, kind="budget", amount_tkr=BUDGET_PER_MONTH[code]))
        for month in range(1, UTFALL_MONTHS + 1):
            session.add(EconomyEntry(unit_id=unit_id, category_id=category.id, year=2026,
                                     month=month, kind="utfall", amount_tkr=UTFALL_PER_MONTH[code]))


def _risks(session, units) -> None:
    process = Process(code="LON", name="Lönehantering")
    session.add(process)
    session.flush()
    for i, (code, probability, consequence, status, year) in enumerate(RISKS):
        session.add(Risk(code=f"R{i}", title=f"Risk {i}", namnd_id=units[code].id,
                         owner_unit_id=units[code].id, process_id=process.id, year=year,
                         probability=probability, consequence=consequence, status=status))


def _internal_control(session, units) -> None:
    """A kontrollmoment and an åtgärd for the first 2026 risk of each nämnd (R0 and R3)."""
    for code, risk_code in (("HSN", "R0"), ("RUN", "R3")):
        risk = session.query(Risk).filter_by(code=risk_code).one()
        session.add(ControlPoint(code=f"K-{risk_code}", risk_id=risk.id,
                                 description=f"Kontroll {code}", method="Stickprov",
                                 frequency="Kvartalsvis", responsible="Controller",
                                 reported_to=code))
        session.add(RiskAction(code=f"A-{risk_code}", title=f"Åtgärd {code}", owner="Chef",
                               owner_unit_id=units[code].id, due_date=dt.date(2026, 12, 31),
                               status="pagaende", risks=[risk]))


def _uppdrag(session, units) -> None:
    """One uppdrag from each nämnd to its enhet."""
    for code in ("HSN", "RUN"):
        session.add(Uppdrag(code=f"U-{code}", title=f"Uppdrag {code}",
                            issuer_unit_id=units[code].id, assignee_unit_id=units[f"{code}-E"].id,
                            year=2026, status="pagaende"))


def _indicators(session, units) -> None:
    """N1 (published) measured at both enheter; N2 (unpublished) measures HSN's enhetsmål."""
    n1 = Indicator(code="N1", name="Nöjda patienter", unit="%", direction="higher",
                   frequency="year", source="Kolada", published=True)
    n2 = Indicator(code="N2", name="Väntetid", unit="dagar", direction="lower", frequency="year",
                   source="Internt", goals=[session.query(Goal).filter_by(code="HSN-EM").one()])
    session.add_all([n1, n2])
    session.flush()
    for indicator in (n1, n2):
        for code in ("HSN-E", "RUN-E"):
            session.add(Measurement(indicator_id=indicator.id, unit_id=units[code].id,
                                    period="2026", period_end=dt.date(2026, 12, 31),
                                    value_total=1.0, source=indicator.source))


def build_small_region(session) -> dict[str, int]:
    """Fill an empty database; returns the ids of the nämnder by code."""
    units = _organisation(session)
    _statuses(session, _goals(session, units))
    _economy(session, units)
    _risks(session, units)
    session.flush()
    _internal_control(session, units)
    _uppdrag(session, units)
    _indicators(session, units)
    rebuild_closures(session)
    rebuild_economy_totals(session)
    session.flush()
    rebuild_latest_measurements(session)
    rebuild_public_headlines(session)
    rebuild_search_index(session)
    session.add(ImportRun(kind="demo", outcome="fel", data_as_of=dt.date(2026, 11, 30), is_demo=False,
                          started_at=dt.datetime(2026, 12, 1)))
    session.add(ImportRun(kind="demo", outcome="ok", data_as_of=dt.date(2026, 10, 31), is_demo=True,
                          started_at=dt.datetime(2026, 11, 1)))
    session.flush()
    return {"HSN": units["HSN"].id, "RUN": units["RUN"].id}


def set_kolada_profile(session) -> None:
    """The small region's organisation profile for Kolada imports: area 0023, compared with
    riket and three neighbouring regions."""
    from data_access import profile

    profile.save(session, profile.Profile(
        "Region Liten", "region", "0023", "Region Liten", riket=True,
        areas=(profile.Area("0022", "Region Västernorrland"),
               profile.Area("0024", "Region Västerbotten"),
               profile.Area("0025", "Region Norrbotten"))), by="test")
