"""Reads the tests need that no page, callback or route makes: moved here from the production
modules, unchanged, so the production code holds only what the app calls.

The queries are built from the production scoping (`scoped`, `visible_unit_detail`) and the
production sums, so the tests that use them still check the rules the pages read through.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from sqlalchemy import func
from sqlalchemy.orm import Session

from data_access.importers.docs import BEGIN, END
from data_access.models import EconomyTotal, Goal, Indicator, OrgUnit, Risk, risk_goals
from data_access.queries.economy import (
    YearToDate,
    _totals_to_date,
    budget_deviation,
    latest_utfall_month,
)
from data_access.queries.filters import scoped, visible_unit_detail
from data_access.queries.risks import GoalRisk, _risk_value
from data_access.scope import Viewer

# --- docs/import.md ---------------------------------------------------------------------------


def readable(page: str) -> str:
    """A rendered page's JSON text with the HTML of its Markup parts (dashboard.markup: the
    data tables, Öppna data's goal chain) as it reads: `href="/a?b=1&c=2"`, not
    `href=\\"/a?b=1&amp;c=2\\"`."""
    return html.unescape(page.replace('\\"', '"'))


def has_heading(content: str, title: str) -> bool:
    """Whether a rendered page's JSON shows `title` as its h1: a component's text, or the
    heading in a part sent as HTML (a public page's, dashboard.markup.collapse_static)."""
    return f'"children": "{title}"' in content or f"<h1>{title}</h1>" in readable(content)


def generated_part(text: str) -> str:
    """The text between the markers of a document."""
    return text.split(BEGIN, 1)[1].split(END, 1)[0].strip()


# --- Economy to date: the region per nämnd, one unit ----------------------------------------


@dataclass(frozen=True)
class NamndYearToDate:
    """One nämnd's year to date; `namnd` is None for units under no nämnd (e.g. tax revenue)."""

    namnd: str | None
    totals: YearToDate


def budget_deviation_by_namnd(session: Session, viewer: Viewer) -> list[NamndYearToDate]:
    """Each nämnd's utfall and budget to the latest month with utfall, in the nämnder's order,
    then the amounts booked under no nämnd (namnd None), so the rows add up to the region."""
    region = budget_deviation(session, viewer)
    if region is None:
        return []
    rows = session.execute(
        _totals_to_date(viewer, region.year, region.month, OrgUnit.name)
        .join(OrgUnit, OrgUnit.id == EconomyTotal.unit_id)
        .where(OrgUnit.level == "namnd")
        .group_by(OrgUnit.id, OrgUnit.name, OrgUnit.sort_order)
        .order_by(OrgUnit.sort_order, OrgUnit.name)
    ).all()
    namnder = [NamndYearToDate(name, YearToDate(region.year, region.month, float(u), float(b)))
               for name, u, b in rows]
    rest = YearToDate(region.year, region.month,
                      region.utfall_tkr - sum(n.totals.utfall_tkr for n in namnder),
                      region.budget_tkr - sum(n.totals.budget_tkr for n in namnder))
    return namnder + [NamndYearToDate(None, rest)]


def unit_economy(session: Session, viewer: Viewer, unit_code: str) -> YearToDate | None:
    """A unit's utfall and budget with its subtree's, to date; None if hidden from the viewer."""
    latest = latest_utfall_month(session, viewer)
    if latest is None:
        return None
    row = session.execute(
        _totals_to_date(viewer, *latest)
        .join(OrgUnit, OrgUnit.id == EconomyTotal.unit_id)
        .where(OrgUnit.code == unit_code, visible_unit_detail(viewer))
        .group_by(OrgUnit.id)
    ).first()
    return None if row is None else YearToDate(*latest, float(row[0]), float(row[1]))


# --- Risks linked to a goal (by code, optionally of one year) -------------------------------


def risks_for_goal(session: Session, viewer: Viewer, goal_code: str,
                   year: int | None = None) -> list[GoalRisk]:
    """The risks the viewer may see linked to a goal (optionally of one year's riskanalys),
    the latest year and highest riskvärde first; none for the public or an unknown goal."""
    query = (
        scoped(Risk, viewer, Risk.code, Risk.title, OrgUnit.name, Risk.year, Risk.probability,
               Risk.consequence, Risk.status, Risk.in_control_plan)
        .join(OrgUnit, OrgUnit.id == Risk.namnd_id)
        .join(risk_goals, risk_goals.c.risk_id == Risk.id)
        .where(risk_goals.c.goal_id.in_(
            scoped(Goal, viewer, Goal.id).where(Goal.code == goal_code).correlate(None)))
        .order_by(Risk.year.desc(), _risk_value().desc(), Risk.code)
    )
    if year is not None:
        query = query.where(Risk.year == year)
    return [GoalRisk(*row) for row in session.execute(query).all()]


# --- Published indicators and goals ---------------------------------------------------------


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
