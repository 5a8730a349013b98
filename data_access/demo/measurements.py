"""Outcomes, targets and Kolada comparisons for every indicator at every unit it is measured at.

A series is a level for the unit, a trend, a season and autocorrelated noise. Targets are
set around the same level with an ambition, so some units meet them and some do not.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections.abc import Iterator

from data_access.demo.context import PLAN_END, PLAN_START, DemoContext
from data_access.demo.dates import Period, periods
from data_access import profile
from data_access.demo.indicator_catalogue import KOLADA, KOMMUNER, Spec
from data_access.demo.indicators import IndicatorInfo, resolve_units
from data_access.models import ComparisonMeasurement, Measurement, Target

REFERENCE_YEAR = 2019  # levels and paths in the catalogue describe this year
LOAD_LAG_DAYS = {"month": 10, "tertial": 20, "year": 75}


def load_measurements(ctx: DemoContext) -> None:
    """Insert measurements, targets and comparison series (in chunks: bounded memory)."""
    resolve_units(ctx)
    levels = _Levels(ctx)
    ctx.insert(Measurement, _measurements(ctx, levels))
    ctx.insert(Target, _targets(ctx, levels))
    ctx.insert(ComparisonMeasurement, _comparisons(ctx, levels))


class _Levels:
    """Each (indicator, unit)'s level in the reference year, derived from the seed alone."""

    def __init__(self, ctx: DemoContext):
        self.ctx = ctx
        self.ancestors = {code: _ancestors(ctx, code) for code in ctx.units}
        self.size_all: dict[str, float] = {}
        for unit in ctx.enheter():
            for code in self.ancestors[unit.code]:
                self.size_all[code] = self.size_all.get(code, 0.0) + unit.weight

    def of(self, info: IndicatorInfo) -> dict[str, float]:
        """Unit code -> level, for every unit the indicator is measured at."""
        spec = info.spec
        rng = self.ctx.rng(f"levels:{info.code}")
        sizes = self._sizes(info) if spec.counts else {}
        top = max(sizes.values(), default=1.0) or 1.0
        levels = {}
        for code in info.units:
            if spec.counts:
                factor = sizes[code] / top
            else:
                spread = 0.1 if self.ctx.units[code].level == "enhet" else 0.03
                factor = 1.0 if spec.path else rng.uniform(1 - spread, 1 + spread)
            levels[code] = _cap(spec, spec.base * factor)
        return levels

    def _sizes(self, info: IndicatorInfo) -> dict[str, float]:
        """Sizes that make a count's units add up: the measured enheter below each unit."""
        measured = [c for c in info.units if self.ctx.units[c].level == "enhet"]
        sizes = {}
        for code in info.units:
            below = sum(self.ctx.units[e].weight for e in measured if code in self.ancestors[e])
            sizes[code] = below or self.size_all.get(code, 0.0) or 1.0
        return sizes


def _ancestors(ctx: DemoContext, code: str) -> set[str]:
    result = set()
    while code:
        result.add(code)
        code = ctx.units[code].parent
    return result


def _cap(spec: Spec, value: float) -> float:
    """Percentage levels stay below 100, with room for the seasonal peak."""
    if spec.unit == "%" and spec.base > 0:
        return min(value, 99.5 / (1 + abs(spec.season)))
    return value


def expected(spec: Spec, level: float, year: float) -> float:
    """The value a unit is heading for at a (fractional) year, before season and noise."""
    if spec.path:
        index = min(max(int(year) - REFERENCE_YEAR, 0), len(spec.path) - 1)
        return spec.path[index] * (level / spec.base if spec.base else 1.0)
    return level * (1 + spec.trend) ** (year - REFERENCE_YEAR)


def _measurements(ctx: DemoContext, levels: _Levels) -> Iterator[dict]:
    by_frequency = {f: periods(f, ctx.first_year, ctx.as_of) for f in ("month", "tertial", "year")}
    next_id = 1
    for info in ctx.indicators.values():
        spec = info.spec
        for code, level in levels.of(info).items():
            rng = ctx.rng(f"series:{info.code}:{code}")
            unit_id = ctx.units[code].id
            for period, values in _series(spec, level, by_frequency[spec.frequency], rng):
                yield {
                    "id": next_id,
                    "indicator_id": info.id,
                    "unit_id": unit_id,
                    "period": period.text,
                    "period_end": period.end,
                    **values,
                    "source": spec.source,
                    "loaded_at": _loaded_at(ctx, period.end, spec.frequency),
                }
                next_id += 1


def _series(spec: Spec, level: float, period_list: list[Period], rng: random.Random):
    """(period, value columns) for one unit: trend × season × AR(1) noise, rounded."""
    noise = 0.0
    for period in period_list:
        year = period.year + (period.month - 0.5) / 12
        season = 1 + spec.season * math.cos(2 * math.pi * (period.month - spec.peak) / 12)
        noise = 0.5 * noise + rng.gauss(0.0, spec.noise)
        value = expected(spec, level, year) * season * (1 + noise)
        yield period, _split_by_sex(spec, value)


def _split_by_sex(spec: Spec, value: float) -> dict:
    if spec.sex_gap is None:
        return {"value_total": _round(spec, value), "value_women": None, "value_men": None}
    women = _round(spec, value * (1 + spec.sex_gap))
    men = _round(spec, value * (1 - spec.sex_gap))
    return {"value_total": _round(spec, (women + men) / 2), "value_women": women, "value_men": men}


def _round(spec: Spec, value: float) -> float:
    if spec.unit == "%" and spec.base > 0:
        value = min(max(value, 0.0), 100.0)
    return round(value, spec.decimals) + 0.0  # + 0.0 turns -0.0 into 0.0


def _loaded_at(ctx: DemoContext, period_end: dt.date, frequency: str) -> dt.datetime:
    """The night the value arrived: some days after the period, never after the load itself."""
    day = period_end + dt.timedelta(days=LOAD_LAG_DAYS[frequency])
    return min(dt.datetime.combine(day, dt.time(2, 0)), ctx.loaded_at)


def target_years(ctx: DemoContext) -> range:
    return range(PLAN_START, max(PLAN_END, ctx.as_of.year) + 1)


def _targets(ctx: DemoContext, levels: _Levels) -> Iterator[dict]:
    next_id = 1
    for info in ctx.indicators.values():
        if not info.spec.targets:
            continue
        rng = ctx.rng(f"targets:{info.code}")
        for code, level in levels.of(info).items():
            ambition = info.spec.ambition
            if ambition is None:
                ambition = rng.uniform(-0.03, 0.07)
            for year in target_years(ctx):
                yield {"id": next_id, "indicator_id": info.id, "unit_id": ctx.units[code].id,
                       "year": year, **target_for(info.spec, level, year, ambition)}
                next_id += 1


def target_for(spec: Spec, level: float, year: int, ambition: float) -> dict:
    """Målvärde, upper bound (bands) and tolerance for one unit and year."""
    if spec.direction == "band":
        low, high = spec.band or (
            expected(spec, level, year + 0.5) * 0.96, expected(spec, level, year + 0.5) * 1.04)
        return {"value": _round(spec, low), "upper_value": _round(spec, high),
                "tolerance": _round(spec, (high - low) / 4)}
    if spec.target is not None:
        fixed = spec.target if isinstance(spec.target, tuple) else (spec.target,)
        value = fixed[min(year - PLAN_START, len(fixed) - 1)]
    else:
        outcome = expected(spec, level, year + 0.5)
        sign = 1 if spec.direction == "higher" else -1
        value = outcome + sign * ambition * abs(outcome)
    tolerance = max(spec.noise * 1.5, 0.03) * abs(value)
    return {"value": _round(spec, value), "upper_value": None,
            "tolerance": round(tolerance, max(spec.decimals, 1))}


def comparison_areas(about: profile.Profile) -> list[tuple[str, str]]:
    """(Kolada id, name) of every area in the profile's comparison set: riket, the chosen
    areas, every other region and a region's own kommuner (those the demo knows)."""
    areas = {profile.RIKET: profile.RIKET_NAME} if about.riket else {}
    areas |= {a.code: a.name for a in about.areas}
    if about.all_regions:
        areas |= {c: n for c, n in profile.REGION_NAMES.items() if c not in areas}
    if about.own_kommuner:
        areas |= {c: n for c, (n, _) in KOMMUNER.items() if c[:2] == about.kolada_area[2:]}
    areas.pop(about.kolada_area, None)
    return list(areas.items())


def _factor(ctx: DemoContext, spec: Spec, code: str, area: str) -> float:
    """An area's value as a factor of the organisation's: the catalogue's for riket and the
    chosen areas (in the profile's order), a kommun's share of the inhabitants for a count,
    else seeded."""
    named = dict(zip((c for c, _ in ctx.spec.comparison_areas), spec.compare))
    if area in named:
        return named[area]
    if area in KOMMUNER:
        share = KOMMUNER[area][1]
        if spec.unit == "antal":
            return share
        return ctx.rng(f"compare-factor:{code}:{area}").uniform(0.9, 1.12)
    if spec.unit == "antal":
        return ctx.rng(f"compare-factor:{code}:{area}").uniform(0.45, 3.0)
    return ctx.rng(f"compare-factor:{code}:{area}").uniform(0.86, 1.16)


def _comparisons(ctx: DemoContext, levels: _Levels) -> Iterator[dict]:
    """Kolada's figures for every area of the profile's comparison set (riket, the chosen
    areas, all regions, the region's kommuner), for Kolada indicators. A region lacks its
    latest value now and then (deterministic), as in Kolada."""
    years = periods("year", ctx.first_year, ctx.as_of)
    about = profile.read(ctx.session) or profile.UNSET
    areas = comparison_areas(about)
    root = next(code for code, unit in ctx.units.items() if unit.parent is None)
    next_id = 1
    for info in ctx.indicators.values():
        spec = info.spec
        if info.variant != 1 or spec.source != KOLADA or root not in info.units:
            continue
        level = levels.of(info)[root]
        for area_code, area_name in areas:
            factor = _factor(ctx, spec, info.code, area_code)
            rng = ctx.rng(f"compare:{info.code}:{area_code}")
            late = ctx.rng(f"compare-late:{info.code}:{area_code}").random() < 0.05
            for period in years[:-1] if late else years:
                value = expected(spec, level, period.year + 0.5) * factor * (1 + rng.gauss(0, 0.01))
                yield {"id": next_id, "indicator_id": info.id, "area_code": area_code,
                       "area_name": area_name, "period": period.text,
                       "value_total": _round(spec, value), "value_women": None,
                       "value_men": None, "source": KOLADA,
                       "loaded_at": _loaded_at(ctx, period.end, "year")}
                next_id += 1
