"""How fresh each kind of data is: one cheap query per kind, each scoped to the viewer.

The pages say how recent their own data is (the economy by its last month of utfall, the
goals by their latest follow-up, the risks by their riskanalys and latest assessment, Kolada
by its fetch date) instead of one date for everything. The expected interval of each source
(`SOURCES`) is stated here once; the Importlogg warns when a source's last successful import
is older than that.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy import bindparam, func
from sqlalchemy.orm import Session

from data_access.models import (
    Assessment,
    ComparisonMeasurement,
    EconomyMonthTotal,
    FollowUpPeriod,
    ImportRun,
    Risk,
    RiskAssessment,
)
from data_access.scope import Viewer

from .filters import scoped
from .meta import SUCCESSFUL_OUTCOMES

KOLADA_DAYS_VARIABLE = "RODTRAD_KOLADA_INTERVAL_DAYS"
KOLADA_DEFAULT_DAYS = 31  # Kolada publishes throughout the year; fetch it at least monthly


@dataclass(frozen=True)
class Source:
    """A source of data as the Importlogg follows it: the import kinds that feed it and how
    many days may pass between two successful imports before it counts as old."""

    key: str
    name: str
    kinds: tuple[str, ...]
    days: int
    interval: str  # the expected interval in words


def kolada_days() -> int:
    """Kolada's expected interval in days: RODTRAD_KOLADA_INTERVAL_DAYS, else 31."""
    text = os.environ.get(KOLADA_DAYS_VARIABLE, "").strip()
    return int(text) if text.isdigit() and int(text) > 0 else KOLADA_DEFAULT_DAYS


def sources() -> tuple[Source, ...]:
    """Every followed source with its expected interval: the one place the intervals live."""
    kolada = kolada_days()
    return (
        # Monthly closing: the month's utfall is due a few days after the month ends.
        Source("ekonomi", "Ekonomi (utfall)", ("utfall", "sie"), 35, "varje månad"),
        # A follow-up per tertial (T1, Delår, Helår): four months and a few days.
        Source("mal", "Mål (mätvärden och bedömningar)", ("matvarden", "bedomningar"), 125,
               "varje tertial"),
        Source("internkontroll", "Internkontroll (riskbedömningar och kontroller)",
               ("riskbedomningar", "kontrollresultat"), 125, "varje tertial"),
        Source("kolada", "Kolada", ("kolada",), kolada,
               "varje månad" if kolada in (30, 31) else f"inom {kolada} dagar"),
    )


@dataclass(frozen=True)
class SourceState:
    """A source's latest successful import (None when there is none) and whether it is old."""

    source: Source
    last_success: dt.datetime | None
    age_days: int | None
    overdue: bool


def source_states(session: Session, viewer: Viewer, today: dt.date) -> list[SourceState]:
    """Per source: when it last succeeded (stored, not a dry run), its age and whether it is
    older than its expected interval (a source never imported is not old: it is not in use)."""
    followed = sources()
    kinds = [kind for source in followed for kind in source.kinds]
    last = dict(session.execute(
        scoped(ImportRun, viewer, ImportRun.kind,
               func.max(func.coalesce(ImportRun.finished_at, ImportRun.started_at)))
        .where(ImportRun.kind.in_(kinds), ImportRun.outcome.in_(SUCCESSFUL_OUTCOMES),
               ImportRun.dry_run.is_(False))
        .group_by(ImportRun.kind)
    ).all())
    states = []
    for source in followed:
        times = [last[kind] for kind in source.kinds if last.get(kind) is not None]
        latest = max(times) if times else None
        age = None if latest is None else (today - latest.date()).days
        states.append(SourceState(source, latest, age, age is not None and age > source.days))
    return states


# --- Per page: how fresh the data it shows is -----------------------------------------


def last_utfall_month(session: Session, viewer: Viewer) -> tuple[int, int] | None:
    """(year, month) of the latest utfall the viewer may see, or None."""
    latest_year, latest_month = _utfall_month_queries(viewer)
    year = session.scalar(latest_year)
    if year is None:
        return None
    return year, session.scalar(latest_month, {"year": year})


@lru_cache(maxsize=256)
def _utfall_month_queries(viewer: Viewer):
    """The queries of `last_utfall_month` (the second with parameter `year`), built once per
    viewer."""
    m = EconomyMonthTotal
    return (scoped(m, viewer, func.max(m.year)).where(m.kind == "utfall"),
            scoped(m, viewer, func.max(m.month)).where(m.kind == "utfall",
                                                       m.year == bindparam("year")))


def last_followup(session: Session, viewer: Viewer) -> tuple[str, int, dt.date] | None:
    """(kind, year, end date) of the latest follow-up with a bedömning the viewer may see."""
    row = session.execute(_last_followup_query(viewer)).first()
    return None if row is None else (row[0], row[1], row[2])


@lru_cache(maxsize=256)
def _last_followup_query(viewer: Viewer):
    """The query of `last_followup`, built once per viewer (a statement run again costs less)."""
    return (
        scoped(FollowUpPeriod, viewer, FollowUpPeriod.kind, FollowUpPeriod.year,
               FollowUpPeriod.end_date)
        .join(Assessment, Assessment.followup_period_id == FollowUpPeriod.id)
        .order_by(FollowUpPeriod.end_date.desc()).limit(1)
    )


def last_risk_analysis(session: Session, viewer: Viewer) -> tuple[int, dt.date | None] | None:
    """(year of the latest riskanalys, date of the latest risk assessment) the viewer may
    see, or None when no risk is visible."""
    latest_year, latest_assessment = _last_risk_queries(viewer)
    year = session.scalar(latest_year)
    if year is None:
        return None
    return year, session.scalar(latest_assessment)


@lru_cache(maxsize=256)
def _last_risk_queries(viewer: Viewer):
    """The queries of `last_risk_analysis`, built once per viewer."""
    return (scoped(Risk, viewer, func.max(Risk.year)),
            scoped(RiskAssessment, viewer, func.max(RiskAssessment.assessed_on)))


def kolada_fetched(session: Session, viewer: Viewer) -> dt.date | None:
    """The day Kolada's values the viewer may see were last fetched, or None."""
    loaded = session.scalar(_kolada_query(viewer))
    return None if loaded is None else loaded.date()


@lru_cache(maxsize=256)
def _kolada_query(viewer: Viewer):
    """The query of `kolada_fetched`, built once per viewer."""
    return (scoped(ComparisonMeasurement, viewer, func.max(ComparisonMeasurement.loaded_at))
            .where(ComparisonMeasurement.source == "Kolada"))
