"""Goals to report to fullmäktige: those whose owner forecasts they will not be reached.

The region's rules say that goals that will not be reached by the end of the year must be
reported to fullmäktige. The goal owner says so in the helårsprognos of an assessment
(`Assessment.forecast`, `uppfylls_ej`: "bedöms inte uppfyllas vid årets slut").

The rule, for a follow-up period (T1, Delår or Helår of a year):

- a goal's forecast is the one of its *latest assessment of the same year up to the period*:
  at Delår 2026 a goal assessed at T1 2026 but not at Delår keeps its T1 forecast, while a
  forecast of Helår 2025 says nothing about 2026; a later assessment without a forecast
  takes the earlier one back (the owner no longer says it will fail);
- the goal is listed when that forecast is `uppfylls_ej`;
- scope: the viewer's visible goals, and for a nämnd member only goals owned by their own
  nämnder or units under them (published goals of other nämnder are not theirs to report);
  `namnd_id` narrows the list to one nämnd, `kinds` to some goal kinds.

Used by the Nämndrapport (one nämnd: `namnd_id`); a region-wide report calls it without
`namnd_id` for every nämnd the viewer may report on, grouped by `namnd_code`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import and_, func
from sqlalchemy.orm import Session, aliased

from data_access.models import Assessment, FollowUpPeriod, Goal, GoalStatus, OrgUnit
from data_access.scope import Viewer
from data_access.status import FORECAST_UNREACHED, GREY

from .filters import scoped
from .goal_tree import GoalRef
from .goals import FollowUp


@dataclass(frozen=True)
class GoalToReport:
    """A goal forecast not to be reached, with the assessment that says so."""

    ref: GoalRef
    owner: str  # the owner unit's name
    namnd_code: str | None  # the nämnd it belongs to (None: owned at region level)
    namnd: str | None
    status: str  # its reported status at the period (grey without one)
    forecast_year: int  # the follow-up whose assessment made the forecast
    forecast_kind: str
    assessed_on: dt.date
    analysis: str
    actions: str


def _latest_assessments(viewer: Viewer, period: FollowUp):
    """Subquery: the assessments of `period`'s year up to it, ranked per goal (1 = latest)."""
    a, p = Assessment, FollowUpPeriod
    rank = func.row_number().over(partition_by=a.goal_id, order_by=p.end_date.desc())
    return (
        scoped(a, viewer, a.goal_id, a.forecast, a.analysis, a.actions, a.assessed_on, p.year,
               p.kind, rank.label("rank"))
        .join(p, p.id == a.followup_period_id)
        .where(p.year == period.year, p.end_date <= period.end_date)
        .subquery()
    )


def goals_to_report(session: Session, viewer: Viewer, period: FollowUp,
                    namnd_id: int | None = None,
                    kinds: tuple[str, ...] | None = None) -> list[GoalToReport]:
    """The goals to report to fullmäktige at `period` (see the module's rule), by nämnd and
    then in the goal tree's order."""
    latest = _latest_assessments(viewer, period)
    owner, namnd = aliased(OrgUnit), aliased(OrgUnit)
    query = (
        scoped(Goal, viewer, Goal.id, Goal.code, Goal.kind, Goal.title, owner.name, namnd.code,
               namnd.name, func.coalesce(GoalStatus.reported_status, GREY), latest.c.year,
               latest.c.kind, latest.c.assessed_on, latest.c.analysis, latest.c.actions)
        .join(latest, and_(latest.c.goal_id == Goal.id, latest.c.rank == 1))
        .join(owner, owner.id == Goal.owner_unit_id)
        .outerjoin(namnd, namnd.id == owner.namnd_id)
        .outerjoin(GoalStatus, and_(GoalStatus.goal_id == Goal.id,
                                    GoalStatus.followup_period_id == period.id))
        .where(latest.c.forecast == FORECAST_UNREACHED)
        .order_by(func.coalesce(namnd.sort_order, -1), namnd.code, Goal.sort_order, Goal.code)
    )
    if not viewer.sees_everything:
        query = query.where(owner.namnd_id.in_(viewer.namnd_ids))
    if namnd_id is not None:
        query = query.where(owner.namnd_id == namnd_id)
    if kinds is not None:
        query = query.where(Goal.kind.in_(kinds))
    return [GoalToReport(GoalRef(*row[:4]), *row[4:]) for row in session.execute(query).all()]
