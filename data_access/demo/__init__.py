"""The deterministic demo: a believable Region Jämtland Härjedalen (the default) or Östersunds
kommun (`profil="kommun"`) in an empty database.

    load_demo(session, seed=2050, scale=1, as_of=date(2026, 10, 31), profil="region")
        -> DemoSummary

Each demo profile is a `spec.DemoSpec`: its organisation profile and catalogues; the
generators below are the same for both.

The same seed, scale and as_of give identical table contents: every random draw comes from
`random.Random` streams derived from the seed, every id is assigned explicitly, and every
stored timestamp is derived from `as_of`. Large tables are written with Core executemany in
chunks. The caller's session scope commits.

Modules, in load order: organisation, reference (perspectives, Agenda 2030), indicators,
goals, measurements (outcomes, targets, Kolada comparisons), followup (periods,
assessments, goal statuses), uppdrag, economy, grants (statsbidrag, åtgärder),
production (plans and productivity), internal_control, arshjul (the calendar of the demo year).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Integer, func, select, text
from sqlalchemy.orm import Session

from data_access.demo.arshjul import load_arshjul
from data_access.demo.context import DemoContext
from data_access.demo.dates import latest_month_end
from data_access.demo.economy import load_economy
from data_access.demo.followup import load_followup
from data_access.demo.goals import load_goals
from data_access.demo.grants import load_grants, load_saving_measures
from data_access.demo.indicators import load_indicators
from data_access.demo.internal_control import load_internal_control
from data_access.demo.mappings import load_mappings
from data_access.demo.measurements import load_measurements
from data_access.demo.organisation import load_organisation, load_profile
from data_access.demo.production import load_production
from data_access.demo.reference import load_reference
from data_access.demo.spec import PROFILES, spec_for
from data_access.demo.texts import number
from data_access.demo.uppdrag import load_uppdrag
from data_access.models import (
    Base,
    EconomyMonthTotal,
    EconomyTotal,
    GoalClosure,
    ImportRun,
    LatestMeasurement,
    PublicHeadline,
    OrgUnit,
    OrgUnitClosure,
    SearchEntry,
)
from data_access.headlines import rebuild_public_headlines
from data_access.search_index import rebuild_search_index
from data_access.tree import (
    rebuild_closures,
    rebuild_economy_totals,
    rebuild_latest_measurements,
)

__all__ = ["DemoSummary", "load_demo", "PROFILES"]

EARLIEST_AS_OF = dt.date(2024, 1, 31)  # the plan period 2024–2026 must have begun


@dataclass(frozen=True)
class DemoSummary:
    """How much the demo load wrote, per kind of row."""

    as_of: dt.date
    seed: int
    scale: int
    units: int
    enheter: int
    goals: int
    indicators: int
    targets: int
    measurements: int
    comparison_measurements: int
    followup_periods: int
    assessments: int
    uppdrag: int
    economy_entries: int
    state_grants: int
    saving_measures: int
    risks: int
    risk_assessments: int
    control_points: int
    control_results: int
    risk_actions: int
    total_rows: int

    def __str__(self) -> str:
        parts = (
            (self.enheter, "enheter"), (self.goals, "mål"), (self.indicators, "indikatorer"),
            (self.measurements, "mätvärden"), (self.economy_entries, "ekonomirader"),
            (self.risks, "risker"), (self.total_rows, "rader totalt"),
        )
        listed = ", ".join(f"{number(n, 0)} {word}" for n, word in parts)
        return f"{listed} (data per {self.as_of.isoformat()}, frö {self.seed}, skala {self.scale})"


def default_as_of(today: dt.date | None = None) -> dt.date:
    """The last day of the month before `today`."""
    today = today or dt.date.today()
    return today.replace(day=1) - dt.timedelta(days=1)


def load_demo(
    session: Session, *, seed: int = 2050, scale: int = 1, as_of: dt.date | None = None,
    profil: str = "region",
) -> DemoSummary:
    """Fill an empty, migrated database with a demo organisation (`profil`: region or
    kommun); the caller commits.

    `as_of` is the last day of the latest month with data (default: the end of last month;
    a date inside a month means the month before it, the last complete one).
    """
    if scale < 1:
        raise ValueError("scale must be a positive integer")
    spec = spec_for(profil)
    as_of = latest_month_end(as_of or default_as_of())
    if as_of < EARLIEST_AS_OF:
        raise ValueError(f"as_of must be {EARLIEST_AS_OF.isoformat()} or later")
    if session.scalar(select(func.count()).select_from(OrgUnit)):
        raise ValueError("load_demo needs an empty database")

    ctx = DemoContext(session, seed, scale, as_of, spec)
    load_organisation(ctx)
    load_profile(ctx)
    load_reference(ctx)
    load_indicators(ctx)
    load_goals(ctx)
    # The trees are complete here; the goal roll-up in load_followup reads the closures.
    rebuild_closures(session)
    for closure in (OrgUnitClosure, GoalClosure):
        rows = session.scalar(select(func.count()).select_from(closure))
        ctx.counts[closure.__tablename__] = rows
    load_measurements(ctx)
    rebuild_latest_measurements(session)
    ctx.counts["latest_measurements"] = session.scalar(
        select(func.count()).select_from(LatestMeasurement))
    load_followup(ctx)
    load_uppdrag(ctx)
    load_economy(ctx)
    rebuild_economy_totals(session)
    for totals in (EconomyTotal, EconomyMonthTotal):
        ctx.counts[totals.__tablename__] = session.scalar(
            select(func.count()).select_from(totals))
    load_grants(ctx)
    load_saving_measures(ctx)
    load_production(ctx)
    load_internal_control(ctx)
    load_mappings(ctx)
    load_arshjul(ctx)
    rebuild_public_headlines(session)
    rebuild_search_index(session)
    for derived in (PublicHeadline, SearchEntry):
        ctx.counts[derived.__tablename__] = session.scalar(
            select(func.count()).select_from(derived))
    _sync_sequences(session)
    summary = _summary(ctx)
    _record_import(ctx, summary.total_rows)
    return summary


def _summary(ctx: DemoContext) -> DemoSummary:
    c = ctx.counts
    return DemoSummary(
        as_of=ctx.as_of, seed=ctx.seed, scale=ctx.scale,
        units=c["org_units"], enheter=len(ctx.enheter()), goals=c["goals"],
        indicators=c["indicators"], targets=c["targets"], measurements=c["measurements"],
        comparison_measurements=c["comparison_measurements"],
        followup_periods=c["followup_periods"], assessments=c["assessments"],
        uppdrag=c["uppdrag"], economy_entries=c["economy_entries"],
        state_grants=c["state_grants"], saving_measures=c["saving_measures"],
        risks=c["risks"], risk_assessments=c["risk_assessments"],
        control_points=c["control_points"], control_results=c["control_results"],
        risk_actions=c["risk_actions"], total_rows=sum(c.values()),
    )


def _record_import(ctx: DemoContext, rows: int) -> None:
    """The ImportRun that dates the demo ("Data per …"), timed from as_of, never from now."""
    started = ctx.loaded_at
    ctx.session.add(ImportRun(
        kind="demo", file_name="demo", file_hash="", username="demo",
        started_at=started, finished_at=started + dt.timedelta(seconds=5 + rows // 20_000),
        rows_read=rows, rows_new=rows, rows_updated=0, rows_unchanged=0, rows_rejected=0,
        outcome="ok", is_demo=True, data_as_of=ctx.as_of,
        message=(f"Demodata för {ctx.spec.profile.name}: {number(rows, 0)} rader, "
                 f"data per {ctx.as_of.isoformat()} (frö {ctx.seed}, skala {ctx.scale})."),
    ))
    ctx.session.flush()


def _sync_sequences(session: Session) -> None:
    """On PostgreSQL, move each id sequence past the explicit ids the demo wrote."""
    if session.get_bind().dialect.name != "postgresql":
        return
    for table in Base.metadata.sorted_tables:
        key = list(table.primary_key.columns)
        if len(key) != 1 or key[0].name != "id" or not isinstance(key[0].type, Integer):
            continue
        session.execute(text(
            f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
            f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"
        ))
