"""Indicator rows from the catalogue, and which units each indicator is measured at."""

from __future__ import annotations

from dataclasses import dataclass, field

from data_access.demo.context import DemoContext
from data_access.demo.indicator_catalogue import KOLADA, Spec
from data_access.demo.reference import perspective_ids
from data_access.models import Indicator, indicator_perspectives


@dataclass
class IndicatorInfo:
    """An indicator of this load: its spec, its copy number and where it is measured."""

    id: int
    code: str
    spec: Spec
    variant: int
    owners: set[str] = field(default_factory=set)  # owners of the goals it is linked to
    units: list[str] = field(default_factory=list)  # filled by resolve_units, in unit-id order


def variant_code(code: str, variant: int) -> str:
    """The code of an indicator's or enhet's numbered copy ('HSV-001-3')."""
    return code if variant == 1 else f"{code}-{variant}"


def load_indicators(ctx: DemoContext) -> None:
    """Insert the catalogue once per copy (scale) with the perspectives each sheds light on,
    and register each indicator in `ctx`."""
    rows, tags = [], []
    perspective_id = perspective_ids(ctx.spec.perspectives)
    tagged = ctx.spec.indicator_perspectives or (lambda spec: ())
    for variant in range(1, ctx.scale + 1):
        for spec in ctx.spec.catalogue:
            info = IndicatorInfo(len(rows) + 1, variant_code(spec.code, variant), spec, variant)
            ctx.indicators[info.code] = info
            rows.append({
                "id": info.id,
                "code": info.code,
                "name": spec.name if variant == 1 else f"{spec.name} ({variant})",
                "description": _description(spec),
                "explanation": ctx.spec.explanations.get(spec.code, ""),
                "unit": spec.unit,
                "direction": spec.direction,
                "frequency": spec.frequency,
                "source": spec.source,
                "published": spec.published,
                "by_sex": spec.sex_gap is not None,
                "long_term": spec.long_term,
            })
            tags += [{"indicator_id": info.id, "perspective_id": perspective_id[code]}
                     for code in tagged(spec)]
    ctx.insert(Indicator, rows)
    ctx.insert(indicator_perspectives, tags)


def _description(spec: Spec) -> str:
    """The spec's own text, with Kolada's credit line where the data comes from Kolada."""
    credit = "Källa: Kolada." if spec.source == KOLADA else f"Källa: {spec.source}."
    return f"{spec.description} {credit}".strip()


def resolve_units(ctx: DemoContext) -> None:
    """Fill each indicator's measured units: its selectors plus the owners of its goals."""
    for info in ctx.indicators.values():
        codes = set(info.owners)
        for selector in info.spec.at:
            codes.update(_select(ctx, selector, info.variant))
        info.units = sorted(codes, key=lambda code: ctx.units[code].id)


def _select(ctx: DemoContext, selector: str, variant: int) -> list[str]:
    """Unit codes matched by one selector of the catalogue (see indicator_catalogue)."""
    if selector.startswith("level:"):
        level = selector.removeprefix("level:")
        return [u.code for u in ctx.units.values() if u.level == level]
    if selector.startswith("kind:"):
        kind, _, omrade = selector.removeprefix("kind:").partition("@")
        return [u.code for u in ctx.enheter(variant) if u.kind == kind and omrade in ("", u.omrade)]
    if selector.startswith("prefix:"):
        prefix = selector.removeprefix("prefix:")
        return [u.code for u in ctx.enheter(variant) if u.code.startswith(prefix)]
    unit = ctx.units[selector]  # a KeyError here is a typo in the catalogue
    return [variant_code(selector, variant) if unit.level == "enhet" else selector]
