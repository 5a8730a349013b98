"""What a demo organisation is made of: one `DemoSpec` per demo profile.

The generators (organisation, goals, indicators, measurements, uppdrag, economy, grants,
internal control, users) are the same for every demo; a spec gives them the organisation's
tree, its styrkedja, its indicators, its economy's story, its uppdrag, grants and risks, and
the words its council and board go by. `SPECS` holds the region (Region Jämtland Härjedalen,
the default) and the kommun (Östersunds kommun, `rodtrad demo --profil kommun`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from data_access import profile as org_profile
from data_access.demo.indicator_catalogue import Spec


@dataclass(frozen=True)
class DemoSpec:
    """One demo organisation: its profile and every catalogue the generators read."""

    key: str  # 'region' or 'kommun'
    profile: org_profile.Profile
    top: tuple[str, str]  # the whole organisation's unit: (code, name)
    namnder: tuple  # (nämnd code, nämnd name, förvaltning code, förvaltning name)
    omraden: tuple  # (förvaltning code, område code, område name, enheter)
    perspectives: tuple  # (code, name, goal kinds it is required for, comma-separated)
    # The styrkedja (goal_catalogue's shape)
    malbild: tuple[str, str, str]  # code, title, text
    malbild_perspectives: tuple[str, ...]
    malomraden: tuple
    namndmal: tuple
    framgangsfaktorer: tuple  # empty where the profile says no framgångsfaktorer are used
    forvaltningsmal: tuple
    omradesmal: tuple
    enhetsmal_templates: Mapping
    council: str  # 'regionfullmäktige'
    board: str  # 'regionstyrelsen'
    plan: str  # 'Regionplan med budget'
    # Indicators
    catalogue: tuple
    explanations: Mapping[str, str]
    # Uppdrag
    uppdrag: tuple
    issuer_text: Mapping[str, str]
    # Economy
    categories: tuple
    revenue: tuple[str, ...]
    taxes: str  # the leaf the organisation's own taxes are booked on
    cost_by_namnd: Mapping[str, int]
    fixed: Mapping
    cost_profiles: Mapping
    deviations: Mapping
    forecast_realism: Mapping
    month_weights: Mapping
    # Grants and saving measures
    grants: tuple
    measures: tuple
    # Internal control
    processes: tuple
    risks: tuple
    risks_per_namnd: Mapping[str, tuple[int, int]]
    controls: Mapping
    actions: Mapping[str, str]
    # People and words
    roles: Mapping[str, str]
    actions_by_tag: Mapping
    users: tuple
    mappings: tuple
    summary_noun: str  # 'Demoregionen'
    # An indicator catalogue entry's perspective codes (None: indicators carry none)
    indicator_perspectives: Callable[[Spec], tuple[str, ...]] | None = None

    @property
    def comparison_areas(self) -> tuple[tuple[str, str], ...]:
        """The Kolada areas compared with, from the profile: riket first, then the chosen
        areas in the profile's order (the catalogue's `compare` factors follow this order)."""
        riket = ((org_profile.RIKET, org_profile.RIKET_NAME),) if self.profile.riket else ()
        return riket + tuple((area.code, area.name) for area in self.profile.areas)

    def forvaltning_of(self, namnd: str) -> str:
        """The förvaltning of a nämnd."""
        return next(f for n, _, f, _ in self.namnder if n == namnd)


def _region() -> DemoSpec:
    from data_access.demo import (
        economy,
        explanations,
        goal_catalogue,
        grants,
        indicator_catalogue,
        mappings,
        organisation,
        reference,
        risk_catalogue,
        texts,
        uppdrag,
        users,
    )

    return DemoSpec(
        key="region", profile=organisation.PROFILE, top=organisation.REGION,
        namnder=organisation.NAMNDER, omraden=organisation.OMRADEN,
        perspectives=reference.PERSPECTIVES,
        malbild=(goal_catalogue.MALBILD_CODE, goal_catalogue.MALBILD_TITLE,
                 goal_catalogue.MALBILD_TEXT),
        malbild_perspectives=("hallbarhet",),
        malomraden=goal_catalogue.MALOMRADEN, namndmal=goal_catalogue.NAMNDMAL,
        framgangsfaktorer=goal_catalogue.FRAMGANGSFAKTORER,
        forvaltningsmal=goal_catalogue.FORVALTNINGSMAL, omradesmal=goal_catalogue.OMRADESMAL,
        enhetsmal_templates=goal_catalogue.ENHETSMAL_TEMPLATES,
        council="regionfullmäktige", board="regionstyrelsen", plan="Regionplan med budget",
        catalogue=indicator_catalogue.CATALOGUE, explanations=explanations.EXPLANATIONS,
        uppdrag=uppdrag.UPPDRAG, issuer_text=uppdrag.ISSUER_TEXT,
        categories=economy.CATEGORIES, revenue=economy.REVENUE, taxes="skatter_statsbidrag",
        cost_by_namnd=economy.COST_BY_NAMND, fixed=economy.FIXED,
        cost_profiles=economy.PROFILES, deviations=economy.DEVIATIONS,
        forecast_realism=economy.FORECAST_REALISM, month_weights=economy.MONTH_WEIGHTS,
        grants=grants.GRANTS, measures=grants.MEASURES,
        processes=risk_catalogue.PROCESSES, risks=risk_catalogue.RISKS,
        risks_per_namnd=risk_catalogue.RISKS_PER_NAMND, controls=risk_catalogue.CONTROLS,
        actions=risk_catalogue.ACTIONS,
        roles=texts.ROLE_BY_UNIT, actions_by_tag=texts.ACTIONS_BY_TAG, users=users.REGION_USERS,
        mappings=mappings.MAPPINGS, summary_noun="Demoregionen",
        indicator_perspectives=reference.region_indicator_perspectives,
    )


def _kommun() -> DemoSpec:
    from data_access.demo import kommun

    return kommun.SPEC


_BUILDERS = {"region": _region, "kommun": _kommun}
PROFILES = tuple(_BUILDERS)  # the demo profiles, the default first
_BUILT: dict[str, DemoSpec] = {}


def spec_for(key: str) -> DemoSpec:
    """The demo spec of a profile ('region' or 'kommun'); ValueError for any other."""
    if key not in _BUILDERS:
        raise ValueError(f"Okänd demoprofil {key!r}: välj {' eller '.join(PROFILES)}.")
    if key not in _BUILT:
        _BUILT[key] = _BUILDERS[key]()
    return _BUILT[key]
