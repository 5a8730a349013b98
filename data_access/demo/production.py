"""The demo's production follow-up: monthly production plans for läkarbesök at every
hälsocentral and for förlossningar, and the productivity measures that put the economy's
costs against them.

Each month's plan is last year's outcome for the month grown by a few per cent (this year's
when there is none), so some units fall behind their plan and others keep up.
"""

from __future__ import annotations

from sqlalchemy import select

from data_access.demo.context import DemoContext
from data_access.demo.economy import category_ids
from data_access.importers.values import period_end
from data_access.models import (
    Measurement,
    ProductionPlan,
    ProductivityMeasure,
    productivity_categories,
)

# (indicator, the measure's code and name, the kostnadsslag counted)
PRODUCTIVITY = (
    ("RJH-HSV-015", "PROD-LAKARBESOK", "Personalkostnad per läkarbesök", ("personal",)),
    ("RJH-HSV-024", "PROD-FORLOSSNING", "Kostnad per förlossning",
     ("personal", "lakemedel", "ovriga_kostnader")),
)


def load_production(ctx: DemoContext) -> None:
    """Plans for the last two years at the enheter that report the indicators, and the
    productivity measures (nothing for a profile without these indicators)."""
    planned = [(code, ctx.indicators[code]) for code, *_ in PRODUCTIVITY if code in ctx.indicators]
    if not planned:
        return
    years = (ctx.as_of.year - 1, ctx.as_of.year)
    plans = []
    for code, info in planned:
        rng = ctx.rng(f"production:{code}")
        enheter = [ctx.units[u].id for u in info.units if ctx.units[u].level == "enhet"]
        outcome = {(unit, period): value for unit, period, value in ctx.session.execute(
            select(Measurement.unit_id, Measurement.period, Measurement.value_total)
            .where(Measurement.indicator_id == info.id, Measurement.unit_id.in_(enheter))
        )}
        for unit in enheter:
            ambition = rng.uniform(-0.04, 0.06)  # how much more than last year the unit plans
            for year in years:
                for month in range(1, 13):
                    period = f"{year}-{month:02d}"
                    base = outcome.get((unit, f"{year - 1}-{month:02d}"),
                                       outcome.get((unit, period)))
                    if base is None:
                        continue
                    plans.append({"indicator_id": info.id, "unit_id": unit, "period": period,
                                  "period_end": period_end(period),
                                  "value": float(round(base * (1 + ambition)))})
    for i, row in enumerate(plans, start=1):
        row["id"] = i
    ctx.insert(ProductionPlan, plans)
    categories = category_ids(ctx)
    measures, links = [], []
    for order, (code, measure_code, name, counted) in enumerate(PRODUCTIVITY, start=1):
        if code not in ctx.indicators:
            continue
        measures.append({"id": order, "code": measure_code, "name": name,
                         "indicator_id": ctx.indicators[code].id, "sort_order": order})
        links += [{"productivity_id": order, "category_id": categories[c]} for c in counted]
    ctx.insert(ProductivityMeasure, measures)
    ctx.insert(productivity_categories, links)
