"""Open data: what the region has decided to publish."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func
from sqlalchemy.orm import Session

from data_access.models import Goal, Indicator
from data_access.scope import Viewer

from .filters import scoped


@dataclass(frozen=True)
class PublishedCounts:
    """How many indicators and goals are published."""

    indicators: int
    goals: int


def _published(session: Session, viewer: Viewer, model) -> int:
    """How many rows of `model` (Goal or Indicator) are published, among those the viewer sees."""
    published = scoped(model, viewer, func.count()).where(model.published.is_(True))
    return session.execute(published).scalar_one()


def published_counts(session: Session, viewer: Viewer) -> PublishedCounts:
    """The number of published indicators and goals (the same for every known viewer)."""
    indicators = _published(session, viewer, Indicator)
    return PublishedCounts(indicators, _published(session, viewer, Goal))
