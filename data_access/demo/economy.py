"""Cost categories and monthly budget, utfall and prognos per unit, in signed tkr.

The story: a gross cost budget of about 7 000 mnkr for the latest year, balanced by
skatter och statsbidrag booked on the region itself with a planned surplus of 2 %.
HSN overspends clearly (inhyrd personal far over, köpt vård and läkemedel over) and
forecasts too optimistically, so its prognos worsens month by month; RUN and KTN are
roughly on budget; RS does better than budget.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass

from data_access.demo.context import ECONOMY_FIRST_YEAR, DemoContext, Unit
from data_access.models import CostCategory, EconomyEntry

# (code, name, kind, parent code); amounts are booked on leaves only.
CATEGORIES = (
    ("personal", "Personalkostnader", "kostnad", None),
    ("personal_egen", "Egen personal", "kostnad", "personal"),
    ("personal_inhyrd", "Inhyrd personal", "kostnad", "personal"),
    ("kopt_vard", "Köpt vård", "kostnad", None),
    ("lakemedel", "Läkemedel", "kostnad", None),
    ("ovriga_kostnader", "Övriga kostnader", "kostnad", None),
    ("intakter", "Intäkter", "intakt", None),
    ("skatter_statsbidrag", "Skatter och statsbidrag", "intakt", "intakter"),
    ("patientavgifter", "Patientavgifter", "intakt", "intakter"),
    ("ovriga_intakter", "Övriga intäkter", "intakt", "intakter"),
)
REVENUE = ("skatter_statsbidrag", "patientavgifter", "ovriga_intakter")

GROSS_COST_TKR = 7_000_000  # the latest year's cost budget, all nämnder
COST_BY_NAMND = {"HSN": 5_500_000, "RS": 1_010_000, "RUN": 270_000, "KTN": 215_000, "PN": 5_000}
PLANNED_SURPLUS = 0.02  # of skatter och statsbidrag
YEARLY_GROWTH = 0.045  # budgets of earlier years are smaller by this much per year

# Units with fixed amounts in the latest year: (unit code, leaf) -> tkr (magnitude).
FIXED = {
    ("HSF-LED-UTOMLANS", "kopt_vard"): 560_000,
    ("HSF-LED-UTOMLANS", "ovriga_kostnader"): 15_000,
    ("HSF-LED-VARDVAL", "kopt_vard"): 190_000,
    ("HSF-LED-FORMAN", "lakemedel"): 540_000,
    ("RSTAB-EKO-FINANS", "ovriga_kostnader"): 120_000,
    ("RSTAB-EKO-FINANS", "ovriga_intakter"): 60_000,
    ("RSTAB-EKO-PENSION", "personal_egen"): 310_000,
}

# Cost shares per kind of enhet, and revenue as a share of its costs.
PROFILES: dict[str, tuple[dict[str, float], dict[str, float]]] = {
    "hc": ({"personal_egen": .70, "personal_inhyrd": .07, "lakemedel": .08, "ovriga_kostnader": .15},
           {"patientavgifter": .04, "ovriga_intakter": .03}),
    "pv": ({"personal_egen": .78, "personal_inhyrd": .02, "ovriga_kostnader": .20},
           {"patientavgifter": .02, "ovriga_intakter": .02}),
    "ftv": ({"personal_egen": .68, "ovriga_kostnader": .32},
            {"patientavgifter": .55, "ovriga_intakter": .03}),
    "avd": ({"personal_egen": .76, "personal_inhyrd": .05, "lakemedel": .06, "ovriga_kostnader": .13},
            {"ovriga_intakter": .03}),
    "mott": ({"personal_egen": .66, "personal_inhyrd": .03, "lakemedel": .10, "kopt_vard": .02,
              "ovriga_kostnader": .19}, {"patientavgifter": .03, "ovriga_intakter": .03}),
    "akut": ({"personal_egen": .74, "personal_inhyrd": .09, "lakemedel": .02, "ovriga_kostnader": .15},
             {"patientavgifter": .03}),
    "amb": ({"personal_egen": .80, "ovriga_kostnader": .20}, {"ovriga_intakter": .02}),
    "op": ({"personal_egen": .62, "personal_inhyrd": .04, "lakemedel": .04, "ovriga_kostnader": .30},
           {"ovriga_intakter": .02}),
    "diag": ({"personal_egen": .58, "ovriga_kostnader": .42}, {"ovriga_intakter": .18}),
    "bup": ({"personal_egen": .72, "personal_inhyrd": .10, "kopt_vard": .06, "ovriga_kostnader": .12},
            {}),
    "stab": ({"personal_egen": .62, "ovriga_kostnader": .38}, {"ovriga_intakter": .08}),
    "kultur": ({"personal_egen": .55, "ovriga_kostnader": .45}, {"ovriga_intakter": .28}),
    "utb": ({"personal_egen": .58, "ovriga_kostnader": .42}, {"ovriga_intakter": .55}),
    "fhs": ({"personal_egen": .64, "ovriga_kostnader": .36}, {"ovriga_intakter": .62}),
    "nsu": ({"personal_egen": .30, "ovriga_kostnader": .70}, {"ovriga_intakter": .45}),
    "kt": ({"personal_egen": .06, "ovriga_kostnader": .94}, {"ovriga_intakter": .36}),
    "fast": ({"personal_egen": .25, "ovriga_kostnader": .75}, {"ovriga_intakter": .12}),
    "pn": ({"personal_egen": .82, "ovriga_kostnader": .18}, {}),
}

# How far utfall strays from budget (+0.10 = 10 % larger amount) per nämnd and leaf,
# and how much of the real deviation each nämnd's forecasters expect (1 = realistic).
DEVIATIONS = {
    "HSN": {"personal_egen": -0.015, "personal_inhyrd": 1.2, "kopt_vard": 0.08, "lakemedel": 0.05,
            "ovriga_kostnader": 0.02, "patientavgifter": -0.04, "ovriga_intakter": 0.03},
    "RS": {"personal_egen": -0.02, "ovriga_kostnader": -0.03, "ovriga_intakter": 0.04},
    "RUN": {"ovriga_kostnader": 0.005, "ovriga_intakter": -0.005},
    "KTN": {"ovriga_kostnader": 0.012, "ovriga_intakter": 0.01},
    None: {"skatter_statsbidrag": 0.006},
}
FORECAST_REALISM = {"HSN": 0.3, "RS": 1.0, "RUN": 1.0, "KTN": 1.0, "PN": 1.0, None: 1.0}

MONTH_WEIGHTS = {
    "personal_egen": (1, 1, 1, 1, 1, 1.02, 0.85, 1, 1, 1, 1, 1.05),
    "personal_inhyrd": (0.9, 0.9, 0.9, 0.9, 0.95, 1.25, 1.5, 1.25, 0.95, 0.9, 0.9, 0.9),
    "patientavgifter": (1, 1, 1.05, 1, 1, 0.95, 0.75, 0.9, 1.05, 1.05, 1.05, 0.95),
}
FLAT_WEIGHTS = (1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1.1)
SUMMER = {6: 1.2, 7: 1.5, 8: 1.2}  # deviations grow in the summer (vacancies, hired staff)
# Random spread of utfall around the story: (per line and year, per month), as shares.
NOISE = {"skatter_statsbidrag": (0.002, 0.004)}
DEFAULT_NOISE = (0.012, 0.025)


@dataclass(frozen=True)
class Line:
    """A unit's budget line: one leaf, its signed amount for the latest year."""

    unit: Unit
    leaf: str
    amount: float  # signed tkr, latest year


def category_ids(ctx: DemoContext) -> dict[str, int]:
    """Cost category code -> id, in the demo's catalogue order."""
    return {code: i for i, (code, *_rest) in enumerate(ctx.spec.categories, start=1)}


def load_economy(ctx: DemoContext) -> None:
    ids = category_ids(ctx)
    ctx.insert(CostCategory, (
        {"id": ids[code], "code": code, "name": name, "kind": kind,
         "parent_id": ids[parent] if parent else None, "sort_order": ids[code]}
        for code, name, kind, parent in ctx.spec.categories
    ))
    ctx.insert(EconomyEntry, _entries(ctx, budget_lines(ctx)))


def budget_lines(ctx: DemoContext) -> list[Line]:
    """Every unit's latest-year budget per leaf: costs negative, revenue positive."""
    spec = ctx.spec
    lines = [Line(ctx.units[code], leaf, _signed(spec, leaf, amount))
             for (code, leaf), amount in spec.fixed.items()]
    for namnd, total in spec.cost_by_namnd.items():
        regular = [u for u in ctx.enheter() if u.namnd == namnd and u.kind in spec.cost_profiles]
        fixed = sum(a for (code, leaf), a in spec.fixed.items()
                    if ctx.units[code].namnd == namnd and leaf not in spec.revenue)
        per_weight = (total - fixed) / sum(u.weight for u in regular)
        for unit in regular:
            costs, revenues = spec.cost_profiles[unit.kind]
            cost = per_weight * unit.weight
            lines += [Line(unit, leaf, -cost * share) for leaf, share in costs.items()]
            lines += [Line(unit, leaf, cost * share) for leaf, share in revenues.items()]
    net = sum(line.amount for line in lines)
    taxes = -net / (1 - PLANNED_SURPLUS)
    lines.append(Line(ctx.units[ctx.top], spec.taxes, taxes))
    ids = category_ids(ctx)
    return sorted(lines, key=lambda line: (line.unit.id, ids[line.leaf]))


def _signed(spec, leaf: str, magnitude: float) -> float:
    return magnitude if leaf in spec.revenue else -magnitude


def _entries(ctx: DemoContext, lines: list[Line]) -> Iterator[dict]:
    rng = ctx.rng("economy")
    ids = category_ids(ctx)
    story = {(namnd, leaf, year): dev * (1 + rng.uniform(-0.25, 0.25))
             for namnd, leaves in ctx.spec.deviations.items() for leaf, dev in leaves.items()
             for year in range(ECONOMY_FIRST_YEAR, ctx.as_of.year + 1)}
    next_id = 1
    for line in lines:
        for year in range(ECONOMY_FIRST_YEAR, ctx.as_of.year + 1):
            last_month = 12 if year < ctx.as_of.year else ctx.as_of.month
            deviation = story.get((line.unit.namnd, line.leaf, year), 0.0)
            for kind, month, amount in _year(line, year, last_month, deviation, ctx, rng):
                yield {"id": next_id, "unit_id": line.unit.id,
                       "category_id": ids[line.leaf], "year": year,
                       "month": month, "kind": kind, "amount_tkr": round(amount, 1) + 0.0}
                next_id += 1


def _year(line: Line, year: int, last_month: int, deviation: float, ctx: DemoContext,
          rng: random.Random):
    """(kind, month, amount) of one budget line in one year: budget, utfall and prognos."""
    annual = line.amount * (1 + YEARLY_GROWTH) ** (year - ctx.as_of.year)
    weights = ctx.spec.month_weights.get(line.leaf, FLAT_WEIGHTS)
    budget = [round(annual * w / sum(weights), 1) for w in weights]
    line_noise, month_noise = NOISE.get(line.leaf, DEFAULT_NOISE)
    unit_bias = rng.gauss(0.0, line_noise)
    actual = [round(b * (1 + deviation * SUMMER.get(m, 1.0) + unit_bias
                         + rng.gauss(0.0, month_noise)), 1)
              for m, b in enumerate(budget, start=1)]
    realism = ctx.spec.forecast_realism[line.unit.namnd]
    for month in range(1, 13):
        yield "budget", month, budget[month - 1]
    for month in range(1, last_month + 1):
        yield "utfall", month, actual[month - 1]
    for month in range(1, last_month + 1):
        rest_budget, rest_actual = sum(budget[month:]), sum(actual[month:])
        expected_rest = rest_budget + realism * (rest_actual - rest_budget)
        # December's forecast equals the year's outcome exactly: prognossäkerhet compares them.
        yield "prognos", month, sum(actual[:month]) + expected_rest * (1 + rng.gauss(0.0, 0.004))
