"""The schema keeps the domain's rules: round trips, natural keys, scales and references."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from data_access.db import session_scope
from data_access.models import (
    ControlPoint,
    ControlResult,
    CostCategory,
    EconomyEntry,
    Goal,
    Indicator,
    Measurement,
    OrgUnit,
    OrgUnitClosure,
    Process,
    Risk,
    RiskAction,
    Target,
)
from data_access.tree import rebuild_closures


def _org(session) -> tuple[OrgUnit, OrgUnit, OrgUnit]:
    region = OrgUnit(code="RJH", name="Region Jämtland Härjedalen", level="region")
    namnd = OrgUnit(code="HSN", name="Hälso- och sjukvårdsnämnden", level="namnd", parent=region)
    session.add_all([region, namnd])
    session.flush()
    namnd.namnd_id = namnd.id
    enhet = OrgUnit(code="HC-BRUNFLO", name="Hälsocentralen Brunflo", level="enhet",
                    parent=namnd, namnd_id=namnd.id)
    session.add(enhet)
    session.flush()
    return region, namnd, enhet


def _risk(namnd: OrgUnit, process: Process, **overrides) -> Risk:
    fields = dict(code="R1", title="Felaktiga löneutbetalningar", namnd_id=namnd.id,
                  owner_unit_id=namnd.id, process=process, year=2026, probability=3,
                  consequence=4, status="oppen", in_control_plan=True)
    return Risk(**(fields | overrides))


def test_round_trip_of_a_small_styrkedja(db_url):
    with session_scope(db_url) as s:
        region, namnd, enhet = _org(s)
        vision = Goal(code="MB2050", kind="malbild", title="Målbild 2050", owner_unit=region,
                      plan_start_year=2024, plan_end_year=2026, published=True)
        goal = Goal(code="HSN-1", kind="namndmal", title="God och nära vård", parent=vision,
                    owner_unit=namnd, plan_start_year=2024, plan_end_year=2026)
        indicator = Indicator(code="N70061", name="Väntetid", unit="%", direction="higher",
                              frequency="month", source="Kolada", by_sex=True)
        goal.indicators.append(indicator)
        s.add_all([vision, goal])
        s.flush()
        s.add(Target(indicator_id=indicator.id, unit_id=namnd.id, year=2026, value=80, tolerance=5))
        s.add(Measurement(indicator_id=indicator.id, unit_id=enhet.id, period="2026-04",
                          period_end=dt.date(2026, 4, 30), value_total=71.5, value_women=73.0,
                          value_men=70.1, source="Kolada"))
        rebuild_closures(s)

    with session_scope(db_url) as s:
        goal = s.scalars(select(Goal).where(Goal.code == "HSN-1")).one()
        assert goal.parent.code == "MB2050"
        assert goal.owner_unit.name == "Hälso- och sjukvårdsnämnden"
        assert [i.code for i in goal.indicators] == ["N70061"]
        m = s.scalars(select(Measurement)).one()
        assert (m.value_total, m.value_women, m.value_men) == (71.5, 73.0, 70.1)
        assert m.period_end == dt.date(2026, 4, 30)
        depths = s.execute(select(OrgUnitClosure.depth).join(
            OrgUnit, OrgUnit.id == OrgUnitClosure.ancestor_id).where(OrgUnit.code == "RJH")
            .order_by(OrgUnitClosure.depth)).scalars().all()
        assert depths == [0, 1, 2]


@pytest.mark.parametrize(
    "overrides",
    [dict(probability=5), dict(probability=0), dict(consequence=5), dict(status="okand")],
    ids=["sannolikhet 5", "sannolikhet 0", "konsekvens 5", "unknown status"],
)
def test_risk_scales_are_enforced_by_the_database(db_url, overrides):
    with pytest.raises(IntegrityError):
        with session_scope(db_url) as s:
            _, namnd, _ = _org(s)
            s.add(_risk(namnd, Process(code="LON", name="Lönehantering"), **overrides))


def test_natural_keys_are_unique(db_url):
    with pytest.raises(IntegrityError):
        with session_scope(db_url) as s:
            s.add(OrgUnit(code="RJH", name="A", level="region"))
            s.add(OrgUnit(code="RJH", name="B", level="region"))


def test_economy_month_and_kind_are_checked(db_url):
    with session_scope(db_url) as s:
        _, _, enhet = _org(s)
        s.add(CostCategory(code="lakemedel", name="Läkemedel", kind="kostnad"))
    for bad in (dict(month=13), dict(kind="gissning")):
        with pytest.raises(IntegrityError):
            with session_scope(db_url) as s:
                cat = s.scalars(select(CostCategory)).one()
                unit = s.scalars(select(OrgUnit).where(OrgUnit.code == "HC-BRUNFLO")).one()
                fields = dict(unit_id=unit.id, category_id=cat.id, year=2026, month=1,
                              kind="utfall", amount_tkr=-100.0)
                s.add(EconomyEntry(**(fields | bad)))


def test_foreign_keys_are_enforced(db_url):
    with pytest.raises(IntegrityError):
        with session_scope(db_url) as s:
            s.add(Target(indicator_id=9999, unit_id=9999, year=2026, value=1.0))


def test_a_done_action_needs_a_done_date_and_may_cover_several_risks(db_url):
    with session_scope(db_url) as s:
        _, namnd, _ = _org(s)
        process = Process(code="LON", name="Lönehantering")
        r1, r2 = _risk(namnd, process), _risk(namnd, process, code="R2", title="Jäv")
        action = RiskAction(code="A1", title="Utbilda chefer", owner="HR-chef",
                            owner_unit_id=namnd.id, due_date=dt.date(2026, 6, 30),
                            status="pagaende", risks=[r1, r2])
        s.add_all([r1, r2, action])
        s.flush()
        point = ControlPoint(code="K1", risk_id=r1.id, description="Stickprov av löner",
                             method="Stickprov 20", frequency="Tertialvis", planned_per_year=3,
                             responsible="Lönechef", reported_to="Nämnden i delårsrapport")
        s.add(point)
        s.flush()
        s.add(ControlResult(control_point_id=point.id, performed_on=dt.date(2026, 4, 30),
                            result="avvikelse", comment="2 fel av 20"))
    with session_scope(db_url) as s:
        action = s.scalars(select(RiskAction)).one()
        assert sorted(r.code for r in action.risks) == ["R1", "R2"]
    with pytest.raises(IntegrityError):
        with session_scope(db_url) as s:
            action = s.scalars(select(RiskAction)).one()
            action.status = "klar"
