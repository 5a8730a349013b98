"""Open data: what the region has decided to publish."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from data_access.models import Goal, Indicator
from data_access.scope import Viewer


@dataclass(frozen=True)
class PublishedCounts:
    """How many indicators and goals are published."""

    indicators: int
    goals: int


def published_counts(session: Session, viewer: Viewer) -> PublishedCounts:
    """The number of published indicators and goals (public facts, the same for every viewer)."""
    del viewer  # counts of what is published are public
    indicators = select(func.count()).where(Indicator.published.is_(True)).scalar_subquery()
    goals = select(func.count()).where(Goal.published.is_(True)).scalar_subquery()
    return PublishedCounts(*session.execute(select(indicators, goals)).one())
