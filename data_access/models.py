"""The styrmodell database: organisation, goals, indicators, economy, internal control, users.

Natural keys (`code` columns and composite uniques) make re-loading update rather than
duplicate. Scales and enumerations are enforced by CHECK constraints so that bad data is
refused by the database itself, whichever tool wrote it.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    Time,
    UniqueConstraint,
    event,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from data_access.search import search_text

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# Enumerations, kept as plain strings with CHECK constraints (portable across SQLite and
# PostgreSQL, readable in exports). Swedish labels for the UI live in dashboard.core.formatting.
UNIT_LEVELS = ("region", "namnd", "forvaltning", "omrade", "enhet")
# A framgångsfaktor (success factor) sits between a nämndmål and the goals below it, for an
# organisation that uses them (OrganisationProfile.uses_success_factors); a förvaltningsmål
# hangs under a framgångsfaktor or, without them, directly under a nämndmål.
GOAL_KINDS = ("malbild", "malomrade", "namndmal", "framgangsfaktor", "forvaltningsmal",
              "omradesmal", "enhetsmal")
DIRECTIONS = ("higher", "lower", "band")
FREQUENCIES = ("month", "tertial", "year")
FOLLOWUP_KINDS = ("T1", "DELAR", "HELAR")
STATUSES = ("green", "yellow", "red", "grey")
# The goal owner's helårsprognos: will the goal be reached by the end of the year?
FORECASTS = ("uppfylls", "delvis", "uppfylls_ej")
UPPDRAG_STATUSES = ("ej_paborjat", "pagaende", "klart", "forsenat", "avbrutet")
ECONOMY_KINDS = ("budget", "utfall", "prognos")
CATEGORY_KINDS = ("kostnad", "intakt")
MEASURE_STATUSES = ("planerad", "pagaende", "genomford", "avbruten")
RISK_STATUSES = ("oppen", "accepterad", "stangd")
CONTROL_RESULTS = ("utan_anmarkning", "avvikelse")
ACTION_STATUSES = ("ej_paborjad", "pagaende", "klar")
CONTROL_DOCUMENTS = ("riskanalys", "internkontrollplan")
ROLES = ("namnd", "ledning", "admin")
IMPORT_OUTCOMES = ("ok", "delvis", "fel")
MAPPING_KINDS = ("enhet", "indikator", "mal", "kostnadsslag")
ORGANISATION_KINDS = ("region", "kommun")
# What a date in the årshjul is: the plan and budget decision, the follow-up reports, a
# nämnd's reporting deadline, a meeting, an internkontroll deadline.
CALENDAR_KINDS = ("plan", "tertialrapport", "delarsrapport", "arsredovisning", "rapportering",
                  "sammantrade", "internkontroll")


def _in(column: str, values: tuple[str, ...]) -> str:
    """SQL for a CHECK that `column` takes one of `values`."""
    quoted = ", ".join(f"'{v}'" for v in values)
    return f"{column} IN ({quoted})"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


# --- Organisation -------------------------------------------------------------------


class OrgUnit(Base):
    """A node of the organisation tree: region, nämnd, förvaltning, område or enhet."""

    __tablename__ = "org_units"
    __table_args__ = (CheckConstraint(_in("level", UNIT_LEVELS), name="level"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    level: Mapped[str] = mapped_column(String(20), index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("org_units.id"), index=True)
    # The nämnd (or styrelse) this unit answers to; a nämnd points at itself.
    namnd_id: Mapped[int | None] = mapped_column(ForeignKey("org_units.id"), index=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    parent: Mapped[OrgUnit | None] = relationship(remote_side=[id], foreign_keys=[parent_id])
    namnd: Mapped[OrgUnit | None] = relationship(remote_side=[id], foreign_keys=[namnd_id])


class OrgUnitClosure(Base):
    """Every (ancestor, descendant) pair of the organisation tree, self pairs included.

    Lets SQL sum any figure per subtree with one join instead of a recursive walk.
    Rebuilt by `data_access.tree.rebuild_closures` after the tree changes.
    """

    __tablename__ = "org_unit_closure"
    __table_args__ = (Index("ix_org_unit_closure_descendant", "descendant_id", "ancestor_id"),)

    ancestor_id: Mapped[int] = mapped_column(ForeignKey("org_units.id"), primary_key=True)
    descendant_id: Mapped[int] = mapped_column(ForeignKey("org_units.id"), primary_key=True)
    depth: Mapped[int] = mapped_column(Integer)


# --- Goals --------------------------------------------------------------------------

goal_perspectives = Table(
    "goal_perspectives",
    Base.metadata,
    Column("goal_id", ForeignKey("goals.id", ondelete="CASCADE"), primary_key=True),
    Column("perspective_id", ForeignKey("perspectives.id"), primary_key=True),
)

goal_agenda2030 = Table(
    "goal_agenda2030",
    Base.metadata,
    Column("goal_id", ForeignKey("goals.id", ondelete="CASCADE"), primary_key=True),
    Column("agenda2030_id", ForeignKey("agenda2030_goals.id"), primary_key=True),
)

goal_indicators = Table(
    "goal_indicators",
    Base.metadata,
    Column("goal_id", ForeignKey("goals.id", ondelete="CASCADE"), primary_key=True),
    Column("indicator_id", ForeignKey("indicators.id", ondelete="CASCADE"), primary_key=True),
    Index("ix_goal_indicators_indicator", "indicator_id"),
)


indicator_perspectives = Table(
    "indicator_perspectives",
    Base.metadata,
    Column("indicator_id", ForeignKey("indicators.id", ondelete="CASCADE"), primary_key=True),
    Column("perspective_id", ForeignKey("perspectives.id"), primary_key=True),
)


class Perspective(Base):
    """A perspective of the styrmodell that goals and indicators carry (jämställdhet, barnrätt,
    …), in the organisation's own list and order.

    `required_for` names the goal kinds (comma-separated, e.g. "namndmal,forvaltningsmal") for
    which the perspective is required. The rule (data_access.queries.perspectives): a goal of
    such a kind must carry at least one of the perspectives required for its kind; Målkvalitet
    lists those that carry none.
    """

    __tablename__ = "perspectives"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    sort_order: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    required_for: Mapped[str] = mapped_column(String(200), default="", server_default="")

    @property
    def required_kinds(self) -> tuple[str, ...]:
        return required_kinds(self.required_for)


def required_kinds(required_for: str) -> tuple[str, ...]:
    """The goal kinds of a perspective's stored `required_for` text."""
    return tuple(kind for kind in (required_for or "").split(",") if kind)


class Agenda2030Goal(Base):
    """One of the 17 global sustainable development goals."""

    __tablename__ = "agenda2030_goals"
    __table_args__ = (CheckConstraint("number BETWEEN 1 AND 17", name="number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[int] = mapped_column(Integer, unique=True)
    name: Mapped[str] = mapped_column(String(200))


class Goal(Base):
    """A goal at any level of the styrkedja, from the målbild (the vision) down to an enhetsmål."""

    __tablename__ = "goals"
    __table_args__ = (
        CheckConstraint(_in("kind", GOAL_KINDS), name="kind"),
        CheckConstraint("plan_end_year >= plan_start_year", name="plan_period"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    kind: Mapped[str] = mapped_column(String(20), index=True)
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("goals.id"), index=True)
    owner_unit_id: Mapped[int] = mapped_column(ForeignKey("org_units.id"), index=True)
    plan_start_year: Mapped[int] = mapped_column(Integer)
    plan_end_year: Mapped[int] = mapped_column(Integer)
    published: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)

    parent: Mapped[Goal | None] = relationship(remote_side=[id])
    owner_unit: Mapped[OrgUnit] = relationship()
    perspectives: Mapped[list[Perspective]] = relationship(secondary=goal_perspectives)
    agenda2030: Mapped[list[Agenda2030Goal]] = relationship(secondary=goal_agenda2030)
    indicators: Mapped[list[Indicator]] = relationship(
        secondary=goal_indicators, back_populates="goals"
    )


class GoalClosure(Base):
    """Every (ancestor, descendant) pair of the goal tree, self pairs included."""

    __tablename__ = "goal_closure"
    __table_args__ = (
        Index("ix_goal_closure_descendant", "descendant_id", "ancestor_id"),
        # A subtree to a depth, read from the index alone (migration 0027).
        Index("ix_goal_closure_ancestor_depth", "ancestor_id", "depth", "descendant_id"),
    )

    ancestor_id: Mapped[int] = mapped_column(ForeignKey("goals.id"), primary_key=True)
    descendant_id: Mapped[int] = mapped_column(ForeignKey("goals.id"), primary_key=True)
    depth: Mapped[int] = mapped_column(Integer)


# --- Indicators ---------------------------------------------------------------------


class Indicator(Base):
    """A measured quantity (nyckeltal, mätetal), e.g. a Kolada KPI such as N70061."""

    __tablename__ = "indicators"
    __table_args__ = (
        CheckConstraint(_in("direction", DIRECTIONS), name="direction"),
        CheckConstraint(_in("frequency", FREQUENCIES), name="frequency"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    # For the public pages: in plain language, what the figure means and why it matters.
    explanation: Mapped[str] = mapped_column(Text, default="", server_default="")
    unit: Mapped[str] = mapped_column(String(30))  # "%", "antal", "kr", "kr/invånare", "dagar"
    direction: Mapped[str] = mapped_column(String(10))
    frequency: Mapped[str] = mapped_column(String(10))
    source: Mapped[str] = mapped_column(String(100))  # "Kolada" or an internal system
    published: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    by_sex: Mapped[bool] = mapped_column(Boolean, default=False)
    long_term: Mapped[bool] = mapped_column(Boolean, default=False)  # långsiktigt nyckeltal
    # SEARCHED fields casefolded, for the public search (see data_access.search). Filled on
    # insert (below) and ORM update (the event after the class); bulk importers call
    # data_access.tree.refresh_indicator_search.
    search_text: Mapped[str] = mapped_column(Text, default=lambda context: _searched(
        context.get_current_parameters().get), server_default="")

    goals: Mapped[list[Goal]] = relationship(secondary=goal_indicators, back_populates="indicators")
    perspectives: Mapped[list[Perspective]] = relationship(secondary=indicator_perspectives)

    SEARCHED = ("code", "name", "description", "explanation")


def _searched(field) -> str:
    """An indicator's search text from `field(name)`, each SEARCHED field's value."""
    return search_text(*(field(name) for name in Indicator.SEARCHED))


@event.listens_for(Indicator, "before_update")
def _search_after_edit(_mapper, _connection, indicator: Indicator) -> None:
    indicator.search_text = _searched(lambda name: getattr(indicator, name))


class Target(Base):
    """Målvärde for an indicator at a unit and year, with a tolerance band for yellow.

    For direction 'band', green is `value` ≤ outcome ≤ `upper_value`.
    """

    __tablename__ = "targets"
    __table_args__ = (
        UniqueConstraint("indicator_id", "unit_id", "year"),
        CheckConstraint("tolerance >= 0", name="tolerance"),
        CheckConstraint("upper_value IS NULL OR upper_value >= value", name="band"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicators.id", ondelete="CASCADE"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("org_units.id"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    value: Mapped[float] = mapped_column(Float)
    upper_value: Mapped[float | None] = mapped_column(Float)
    tolerance: Mapped[float] = mapped_column(Float, default=0.0)


class Measurement(Base):
    """Utfall: an indicator's value for a unit and period, in total and for women/men.

    `period` is canonical text: '2025' (year), '2025-T1' (tertial), '2025-04' (month);
    `period_end` is the period's last day, for ordering and filtering.
    """

    __tablename__ = "measurements"
    __table_args__ = (
        UniqueConstraint("indicator_id", "unit_id", "period"),
        Index("ix_measurements_unit_period", "unit_id", "period_end"),
        # An indicator's values at one unit over a time, in order (migration 0028).
        Index("ix_measurements_indicator_unit_end", "indicator_id", "unit_id", "period_end"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicators.id", ondelete="CASCADE"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("org_units.id"))
    period: Mapped[str] = mapped_column(String(10))
    period_end: Mapped[dt.date] = mapped_column(Date)
    value_total: Mapped[float | None] = mapped_column(Float)
    value_women: Mapped[float | None] = mapped_column(Float)
    value_men: Mapped[float | None] = mapped_column(Float)
    source: Mapped[str] = mapped_column(String(100))
    loaded_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)


class LatestMeasurement(Base):
    """The latest value (`value_total` set) of each indicator at each unit that reports it.

    Pre-computed from measurements by `data_access.tree.rebuild_latest_measurements` after a
    load, so that the list of all published indicators with their headline values does not
    rank millions of measurement rows on every request.
    """

    __tablename__ = "latest_measurements"

    indicator_id: Mapped[int] = mapped_column(
        ForeignKey("indicators.id", ondelete="CASCADE"), primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("org_units.id"), primary_key=True)
    period: Mapped[str] = mapped_column(String(10))
    period_end: Mapped[dt.date] = mapped_column(Date)
    value_total: Mapped[float] = mapped_column(Float)


class PublicHeadline(Base):
    """Each published indicator's headline as the public sees it: its latest value at the
    highest-level unit that reports it, with that year's målvärde set there or nearest above.

    Pre-computed after every load by `data_access.tree.rebuild_public_headlines`, so that the
    public list of indicators counts its statuses over thousands of indicators without
    ranking their latest values and targets on every request (issue 18).
    """

    __tablename__ = "public_headlines"
    __table_args__ = (CheckConstraint(_in("status", STATUSES), name="status"),)

    indicator_id: Mapped[int] = mapped_column(
        ForeignKey("indicators.id", ondelete="CASCADE"), primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("org_units.id"))
    period: Mapped[str] = mapped_column(String(10))
    period_end: Mapped[dt.date] = mapped_column(Date)
    value: Mapped[float] = mapped_column(Float)
    target: Mapped[float | None] = mapped_column(Float)
    upper: Mapped[float | None] = mapped_column(Float)
    tolerance: Mapped[float | None] = mapped_column(Float)
    status: Mapped[str] = mapped_column(String(10))  # the value against the målvärde


class SearchEntry(Base):
    """One searchable object (a unit, goal, indicator, risk, uppdrag or saving measure) and
    its searched text, for the search in the header (`data_access.search_index`).

    Rebuilt after every load by `data_access.search_index.rebuild_search_index`. The text is
    matched by a full-text index beside it: on PostgreSQL a GIN index on
    `to_tsvector('swedish', body)`, on SQLite the FTS5 table `search_fts` holding the body's
    words stemmed (Snowball's Swedish stemmer), both made by migration 0022. Only ids come out
    of it: what a hit shows is read from the object's own table, under the viewer's row rule.
    """

    __tablename__ = "search_entries"
    __table_args__ = (Index("ix_search_entries_kind_object", "kind", "object_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    object_id: Mapped[int] = mapped_column(Integer)
    body: Mapped[str] = mapped_column(Text)


class ComparisonMeasurement(Base):
    """An indicator's value for an area outside the organisation (Kolada: riket 0000, another
    region or kommun of the profile's comparison set)."""

    __tablename__ = "comparison_measurements"
    __table_args__ = (UniqueConstraint("indicator_id", "area_code", "period"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicators.id", ondelete="CASCADE"))
    area_code: Mapped[str] = mapped_column(String(10))
    area_name: Mapped[str] = mapped_column(String(100))
    period: Mapped[str] = mapped_column(String(10))
    value_total: Mapped[float | None] = mapped_column(Float)
    value_women: Mapped[float | None] = mapped_column(Float)
    value_men: Mapped[float | None] = mapped_column(Float)
    source: Mapped[str] = mapped_column(String(100), default="Kolada")
    loaded_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)


# --- Follow-up ----------------------------------------------------------------------


class FollowUpPeriod(Base):
    """A follow-up occasion: T1 (per 30 April), Delår (31 August) or Helår (31 December)."""

    __tablename__ = "followup_periods"
    __table_args__ = (
        UniqueConstraint("year", "kind"),
        CheckConstraint(_in("kind", FOLLOWUP_KINDS), name="kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(10))
    end_date: Mapped[dt.date] = mapped_column(Date)


class Assessment(Base):
    """The goal owner's bedömning for a goal and follow-up period."""

    __tablename__ = "assessments"
    __table_args__ = (
        UniqueConstraint("goal_id", "followup_period_id"),
        CheckConstraint(_in("status", STATUSES), name="status"),
        CheckConstraint(_in("forecast", FORECASTS), name="forecast"),
        Index("ix_assessments_period", "followup_period_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    goal_id: Mapped[int] = mapped_column(ForeignKey("goals.id", ondelete="CASCADE"))
    followup_period_id: Mapped[int] = mapped_column(ForeignKey("followup_periods.id"))
    status: Mapped[str] = mapped_column(String(10))
    analysis: Mapped[str] = mapped_column(Text, default="")
    actions: Mapped[str] = mapped_column(Text, default="")
    author: Mapped[str] = mapped_column(String(200), default="")
    assessed_on: Mapped[dt.date] = mapped_column(Date)
    # The helårsprognos (optional): goals forecast `uppfylls_ej` are reported to fullmäktige.
    forecast: Mapped[str | None] = mapped_column(String(12))


class GoalStatus(Base):
    """Pre-computed status of a goal for a follow-up period (computed and reported).

    Filled by `data_access.rollup` after every load, so drill-down never walks the tree.
    """

    __tablename__ = "goal_statuses"
    __table_args__ = (
        CheckConstraint(_in("computed_status", STATUSES), name="computed"),
        CheckConstraint(_in("reported_status", STATUSES), name="reported"),
        Index("ix_goal_statuses_period", "followup_period_id", "goal_id"),
    )

    goal_id: Mapped[int] = mapped_column(ForeignKey("goals.id", ondelete="CASCADE"), primary_key=True)
    followup_period_id: Mapped[int] = mapped_column(
        ForeignKey("followup_periods.id"), primary_key=True
    )
    computed_status: Mapped[str] = mapped_column(String(10))
    reported_status: Mapped[str] = mapped_column(String(10))
    manual: Mapped[bool] = mapped_column(Boolean, default=False)
    deviates: Mapped[bool] = mapped_column(Boolean, default=False)


class CalendarEvent(Base):
    """A date in the planning and follow-up year (årshjul): a decision, a report, a deadline
    or a meeting, optionally of one nämnd and about one follow-up (`followup`: '2026-DELAR')."""

    __tablename__ = "calendar_events"
    __table_args__ = (
        CheckConstraint(_in("kind", CALENDAR_KINDS), name="kind"),
        CheckConstraint("end_time IS NULL OR start_time IS NOT NULL", name="end_after_start"),
        Index("ix_calendar_events_day", "day"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    day: Mapped[dt.date] = mapped_column(Date)
    start_time: Mapped[dt.time | None] = mapped_column(Time)
    end_time: Mapped[dt.time | None] = mapped_column(Time)
    kind: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(300))
    namnd_id: Mapped[int | None] = mapped_column(ForeignKey("org_units.id"), index=True)
    followup: Mapped[str | None] = mapped_column(String(12))
    place: Mapped[str] = mapped_column(String(200), default="")


class Uppdrag(Base):
    """An assignment from a decision-making body to a unit, optionally tied to a goal."""

    __tablename__ = "uppdrag"
    __table_args__ = (CheckConstraint(_in("status", UPPDRAG_STATUSES), name="status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    issuer_unit_id: Mapped[int] = mapped_column(ForeignKey("org_units.id"))
    assignee_unit_id: Mapped[int] = mapped_column(ForeignKey("org_units.id"), index=True)
    goal_id: Mapped[int | None] = mapped_column(ForeignKey("goals.id"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    deadline: Mapped[dt.date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20))
    comment: Mapped[str] = mapped_column(Text, default="")


# --- Economy ------------------------------------------------------------------------


class CostCategory(Base):
    """A kind of cost or revenue; amounts are booked on leaves only (e.g. inhyrd personal)."""

    __tablename__ = "cost_categories"
    __table_args__ = (CheckConstraint(_in("kind", CATEGORY_KINDS), name="kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(10))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("cost_categories.id"))
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class EconomyEntry(Base):
    """A monthly amount in tkr for a unit and category: budget, utfall or prognos.

    Signed: revenue positive, costs negative, so avvikelse = utfall − budget is negative
    when things go worse than planned. A prognos row holds the full-year forecast made in
    that month.
    """

    __tablename__ = "economy_entries"
    __table_args__ = (
        UniqueConstraint("unit_id", "category_id", "year", "month", "kind"),
        CheckConstraint("month BETWEEN 1 AND 12", name="month"),
        CheckConstraint(_in("kind", ECONOMY_KINDS), name="kind"),
        Index("ix_economy_entries_year_kind", "year", "kind", "month"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("org_units.id"))
    category_id: Mapped[int] = mapped_column(ForeignKey("cost_categories.id"))
    year: Mapped[int] = mapped_column(Integer)
    month: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(10))
    amount_tkr: Mapped[float] = mapped_column(Float)


class EconomyTotal(Base):
    """A unit's whole subtree summed per category, month and kind (the unit itself included).

    Pre-computed from economy_entries by `data_access.tree.rebuild_economy_totals` after a load,
    so a page reads a handful of rows per unit instead of summing the subtree's raw rows.
    """

    __tablename__ = "economy_totals"
    __table_args__ = (
        CheckConstraint("month BETWEEN 1 AND 12", name="month"),
        CheckConstraint(_in("kind", ECONOMY_KINDS), name="kind"),
    )

    unit_id: Mapped[int] = mapped_column(ForeignKey("org_units.id"), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(10), primary_key=True)
    month: Mapped[int] = mapped_column(Integer, primary_key=True)
    category_id: Mapped[int] = mapped_column(ForeignKey("cost_categories.id"), primary_key=True)
    amount_tkr: Mapped[float] = mapped_column(Float)


class EconomyMonthTotal(Base):
    """A unit's whole subtree summed per month and kind over all categories, and over the cost
    categories alone (EconomyTotal without the category: a tenth of the rows).

    Pre-computed with EconomyTotal; the figures of hundreds of units at once read these.
    """

    __tablename__ = "economy_month_totals"
    __table_args__ = (
        CheckConstraint("month BETWEEN 1 AND 12", name="month"),
        CheckConstraint(_in("kind", ECONOMY_KINDS), name="kind"),
        # The latest month of utfall (each page's freshness line) is a seek, not a scan.
        Index("ix_economy_month_totals_kind_year_month", "kind", "year", "month"),
        # A unit's figures of a year (Ekonomi's table of hundreds of units) from the index
        # alone, not row by row from the table.
        Index("ix_economy_month_totals_unit_year_amounts", "unit_id", "year", "kind", "month",
              "amount_tkr", "cost_tkr"),
    )

    unit_id: Mapped[int] = mapped_column(ForeignKey("org_units.id"), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(10), primary_key=True)
    month: Mapped[int] = mapped_column(Integer, primary_key=True)
    amount_tkr: Mapped[float] = mapped_column(Float)
    cost_tkr: Mapped[float] = mapped_column(Float)  # the cost categories' part of amount_tkr


class StateGrant(Base):
    """Riktat statsbidrag: money from the state for a purpose, to be used by a deadline."""

    __tablename__ = "state_grants"
    __table_args__ = (
        CheckConstraint("received_tkr >= 0", name="received"),
        CheckConstraint("used_tkr >= 0", name="used"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    purpose: Mapped[str] = mapped_column(Text, default="")
    unit_id: Mapped[int] = mapped_column(ForeignKey("org_units.id"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    received_tkr: Mapped[float] = mapped_column(Float)
    used_tkr: Mapped[float] = mapped_column(Float)
    deadline: Mapped[dt.date] = mapped_column(Date)
    updated_on: Mapped[dt.date] = mapped_column(Date)
    # The state's conditions for the money, and the agency the use is reported to.
    conditions: Mapped[str] = mapped_column(Text, default="", server_default="")
    agency: Mapped[str] = mapped_column(String(200), default="", server_default="")


class GrantReport(Base):
    """A report on a grant's use owed to the granting agency: what, by when, and when it was
    submitted (None: not yet). Not submitted by its due date: overdue."""

    __tablename__ = "grant_reports"
    __table_args__ = (UniqueConstraint("grant_id", "due_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    grant_id: Mapped[int] = mapped_column(ForeignKey("state_grants.id", ondelete="CASCADE"))
    due_on: Mapped[dt.date] = mapped_column(Date)
    title: Mapped[str] = mapped_column(String(300))
    submitted_on: Mapped[dt.date | None] = mapped_column(Date)
    comment: Mapped[str] = mapped_column(Text, default="", server_default="")


class SavingMeasure(Base):
    """Resultatförbättrande åtgärd: a planned saving with its achieved effect so far."""

    __tablename__ = "saving_measures"
    __table_args__ = (CheckConstraint(_in("status", MEASURE_STATUSES), name="status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    unit_id: Mapped[int] = mapped_column(ForeignKey("org_units.id"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    planned_effect_tkr: Mapped[float] = mapped_column(Float)
    achieved_effect_tkr: Mapped[float] = mapped_column(Float)
    status: Mapped[str] = mapped_column(String(20))
    comment: Mapped[str] = mapped_column(Text, default="")
    # The decision behind the measure (diarienummer, paragraph, date) and who answers for it.
    decision_dnr: Mapped[str] = mapped_column(String(60), default="", server_default="")
    decision_paragraph: Mapped[str] = mapped_column(String(40), default="", server_default="")
    decided_on: Mapped[dt.date | None] = mapped_column(Date)
    responsible: Mapped[str] = mapped_column(String(200), default="", server_default="")
    # The alternative measures considered (the auditors ask that they be reported).
    alternatives: Mapped[str] = mapped_column(Text, default="", server_default="")


class MeasureMonth(Base):
    """A measure's planned and achieved effect in one month of its year, in tkr and in
    årsarbetare (FTE); achieved None: not yet reported for the month."""

    __tablename__ = "measure_months"
    __table_args__ = (
        UniqueConstraint("measure_id", "month"),
        CheckConstraint("month BETWEEN 1 AND 12", name="month"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    measure_id: Mapped[int] = mapped_column(
        ForeignKey("saving_measures.id", ondelete="CASCADE"))
    month: Mapped[int] = mapped_column(Integer)
    planned_tkr: Mapped[float] = mapped_column(Float)
    achieved_tkr: Mapped[float | None] = mapped_column(Float)
    planned_fte: Mapped[float] = mapped_column(Float, default=0.0)
    achieved_fte: Mapped[float | None] = mapped_column(Float)


class MeasureIndicator(Base):
    """A quality indicator watched for a measure's consequences for care quality, at a unit
    (None: the measure's own unit), with the consequence feared."""

    __tablename__ = "measure_indicators"
    __table_args__ = (UniqueConstraint("measure_id", "indicator_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    measure_id: Mapped[int] = mapped_column(
        ForeignKey("saving_measures.id", ondelete="CASCADE"))
    indicator_id: Mapped[int] = mapped_column(
        ForeignKey("indicators.id", ondelete="CASCADE"), index=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("org_units.id"))
    consequence: Mapped[str] = mapped_column(Text, default="", server_default="")


class ProductionPlan(Base):
    """Produktionsplan: the volume a unit plans to produce of a count indicator in a period
    (läkarbesök per month at a hälsocentral), followed up against the indicator's utfall.

    `period` is canonical text as for Measurement ('2026-04' for a month, '2026-T1' for a
    tertial); `period_end` its last day. A parent unit's plan and outcome are its own when it
    has a plan, else the sum of its children's (data_access.queries.production).
    """

    __tablename__ = "production_plans"
    __table_args__ = (
        UniqueConstraint("indicator_id", "unit_id", "period"),
        Index("ix_production_plans_indicator_end", "indicator_id", "period_end"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicators.id", ondelete="CASCADE"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("org_units.id"), index=True)
    period: Mapped[str] = mapped_column(String(10))
    period_end: Mapped[dt.date] = mapped_column(Date)
    value: Mapped[float] = mapped_column(Float)


productivity_categories = Table(
    "productivity_categories",
    Base.metadata,
    Column("productivity_id", ForeignKey("productivity_measures.id", ondelete="CASCADE"),
           primary_key=True),
    Column("category_id", ForeignKey("cost_categories.id", ondelete="CASCADE"), primary_key=True),
)


class ProductivityMeasure(Base):
    """Produktivitetsmått: the cost of chosen kostnadsslag per produced unit of an indicator,
    e.g. personalkostnad per läkarbesök. A chosen kostnadsslag counts with those under it."""

    __tablename__ = "productivity_measures"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicators.id", ondelete="CASCADE"),
                                              index=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)

    categories: Mapped[list[CostCategory]] = relationship(secondary=productivity_categories)


# --- Internal control ---------------------------------------------------------------

risk_goals = Table(
    "risk_goals",
    Base.metadata,
    Column("risk_id", ForeignKey("risks.id", ondelete="CASCADE"), primary_key=True),
    Column("goal_id", ForeignKey("goals.id", ondelete="CASCADE"), primary_key=True),
    Index("ix_risk_goals_goal", "goal_id"),
)

action_risks = Table(
    "action_risks",
    Base.metadata,
    Column("action_id", ForeignKey("risk_actions.id", ondelete="CASCADE"), primary_key=True),
    Column("risk_id", ForeignKey("risks.id", ondelete="CASCADE"), primary_key=True),
    Index("ix_action_risks_risk", "risk_id"),
)


class Process(Base):
    """A process risks are found in: lönehantering, attest, inhyrd personal, …"""

    __tablename__ = "processes"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))


class Risk(Base):
    """A risk in a nämnd's riskanalys, with its current sannolikhet × konsekvens."""

    __tablename__ = "risks"
    __table_args__ = (
        CheckConstraint("probability BETWEEN 1 AND 4", name="probability"),
        CheckConstraint("consequence BETWEEN 1 AND 4", name="consequence"),
        CheckConstraint(_in("status", RISK_STATUSES), name="status"),
        Index("ix_risks_namnd_year", "namnd_id", "year"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    namnd_id: Mapped[int] = mapped_column(ForeignKey("org_units.id"))
    owner_unit_id: Mapped[int] = mapped_column(ForeignKey("org_units.id"))
    process_id: Mapped[int] = mapped_column(ForeignKey("processes.id"))
    year: Mapped[int] = mapped_column(Integer)
    probability: Mapped[int] = mapped_column(Integer)
    consequence: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20))
    in_control_plan: Mapped[bool] = mapped_column(Boolean, default=False)

    goals: Mapped[list[Goal]] = relationship(secondary=risk_goals)
    process: Mapped[Process] = relationship()


class RiskAssessment(Base):
    """One scoring of a risk at a date: the history behind its current S and K."""

    __tablename__ = "risk_assessments"
    __table_args__ = (
        UniqueConstraint("risk_id", "assessed_on"),
        CheckConstraint("probability BETWEEN 1 AND 4", name="probability"),
        CheckConstraint("consequence BETWEEN 1 AND 4", name="consequence"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    risk_id: Mapped[int] = mapped_column(ForeignKey("risks.id", ondelete="CASCADE"))
    assessed_on: Mapped[dt.date] = mapped_column(Date)
    probability: Mapped[int] = mapped_column(Integer)
    consequence: Mapped[int] = mapped_column(Integer)
    comment: Mapped[str] = mapped_column(Text, default="")


class ControlPoint(Base):
    """Kontrollmoment: what is checked for a risk, how, how often and by whom."""

    __tablename__ = "control_points"
    __table_args__ = (CheckConstraint("planned_per_year >= 0", name="planned"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    risk_id: Mapped[int] = mapped_column(ForeignKey("risks.id", ondelete="CASCADE"), index=True)
    description: Mapped[str] = mapped_column(Text)
    method: Mapped[str] = mapped_column(String(300))
    frequency: Mapped[str] = mapped_column(String(100))
    planned_per_year: Mapped[int] = mapped_column(Integer, default=1)
    responsible: Mapped[str] = mapped_column(String(200))
    reported_to: Mapped[str] = mapped_column(String(200))


class ControlResult(Base):
    """One performed control: utan anmärkning or avvikelse, with a comment."""

    __tablename__ = "control_results"
    __table_args__ = (
        UniqueConstraint("control_point_id", "performed_on"),
        CheckConstraint(_in("result", CONTROL_RESULTS), name="result"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    control_point_id: Mapped[int] = mapped_column(
        ForeignKey("control_points.id", ondelete="CASCADE")
    )
    performed_on: Mapped[dt.date] = mapped_column(Date)
    result: Mapped[str] = mapped_column(String(20))
    comment: Mapped[str] = mapped_column(Text, default="")


class RiskAction(Base):
    """Åtgärd against one or more risks, with owner, due date and status."""

    __tablename__ = "risk_actions"
    __table_args__ = (
        CheckConstraint(_in("status", ACTION_STATUSES), name="status"),
        CheckConstraint("status <> 'klar' OR done_on IS NOT NULL", name="done"),
        Index("ix_risk_actions_due", "status", "due_date"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    owner: Mapped[str] = mapped_column(String(200))
    owner_unit_id: Mapped[int] = mapped_column(ForeignKey("org_units.id"))
    due_date: Mapped[dt.date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20))
    done_on: Mapped[dt.date | None] = mapped_column(Date)

    risks: Mapped[list[Risk]] = relationship(secondary=action_risks)


class ControlDecision(Base):
    """A nämnd's decision adopting its riskanalys or internkontrollplan for a year: when, and
    where it is minuted (e.g. `§ 45`). No row: not adopted (as far as the data says)."""

    __tablename__ = "control_decisions"
    __table_args__ = (
        UniqueConstraint("namnd_id", "year", "document"),
        CheckConstraint(_in("document", CONTROL_DOCUMENTS), name="document"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    namnd_id: Mapped[int] = mapped_column(ForeignKey("org_units.id"))
    year: Mapped[int] = mapped_column(Integer)
    document: Mapped[str] = mapped_column(String(20))
    adopted_on: Mapped[dt.date] = mapped_column(Date)
    reference: Mapped[str] = mapped_column(String(100), default="")


# --- Users and imports --------------------------------------------------------------

user_namnder = Table(
    "user_namnder",
    Base.metadata,
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("unit_id", ForeignKey("org_units.id"), primary_key=True),
)


class User(Base):
    """A person who logs in: nämndledamot (scoped to nämnder), ledning or admin."""

    __tablename__ = "users"
    __table_args__ = (CheckConstraint(_in("role", ROLES), name="role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(100), unique=True)
    display_name: Mapped[str] = mapped_column(String(200), default="")
    password_hash: Mapped[str] = mapped_column(String(300))
    role: Mapped[str] = mapped_column(String(10))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    # Part of every session's id: raising it ends all of the user's sessions at once
    # (logout, new password, disabled), wherever the session cookie has been copied to.
    session_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # Where the user comes from: "local" (a password here), "oidc" or "saml" (single sign-on,
    # role and nämnder from directory groups at every sign-in, found again by the provider's
    # subject or NameID).
    source: Mapped[str] = mapped_column(String(10), default="local", server_default="local")
    external_id: Mapped[str | None] = mapped_column(String(255), unique=True, nullable=True)
    email: Mapped[str] = mapped_column(String(254), default="", server_default="")
    last_login: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)

    namnder: Mapped[list[OrgUnit]] = relationship(secondary=user_namnder)


class LoginEvent(Base):
    """A login attempt: who, when, from where, whether it succeeded. Never the password."""

    __tablename__ = "login_events"
    # Login throttling counts recent failures per address (and user) in this table.
    __table_args__ = (Index("ix_login_events_address_at", "address", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(100), index=True)
    succeeded: Mapped[bool] = mapped_column(Boolean)
    address: Mapped[str] = mapped_column(String(64))
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)


class SamlMessageId(Base):
    """The ID of a SAML Response or assertion that signed someone in, kept until it expires
    so that the same message cannot sign anyone in again (in any worker)."""

    __tablename__ = "saml_replay"

    message_id: Mapped[str] = mapped_column(String(300), primary_key=True)
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)


AUDIT_KINDS = ("inloggning", "inloggning_misslyckad", "sidvisning", "nedladdning", "import",
               "anvandarandring", "profilandring")


class AuditEvent(Base):
    """One entry in the audit log (granskningslogg): who did what, when, in which scope.

    Never a password, token or assertion: only names, paths and counts."""

    __tablename__ = "audit_events"
    __table_args__ = (Index("ix_audit_events_kind_at", "kind", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, index=True)
    user_id: Mapped[int | None] = mapped_column(Integer)  # no foreign key: a snapshot
    username: Mapped[str] = mapped_column(String(100), default="", index=True)
    kind: Mapped[str] = mapped_column(String(30))
    method: Mapped[str] = mapped_column(String(10), default="")  # sign-ins: losenord, oidc
    target: Mapped[str] = mapped_column(String(2000), default="")  # URL path and query, or table
    role: Mapped[str] = mapped_column(String(20), default="")
    namnder: Mapped[str] = mapped_column(String(500), default="")
    address: Mapped[str] = mapped_column(String(64), default="")


class Mapping(Base):
    """What another system (Stratsys, an ERP) calls one of our enheter, indicators, goals or
    kostnadsslag: an external id or name, stored as compared (lower case, single spaces),
    and our code. `source` is the system's name in lower case, or "*" for every source.
    The code is kept as text, not an id, so mappings survive a reload of what they name."""

    __tablename__ = "mappings"
    __table_args__ = (
        UniqueConstraint("source", "kind", "external"),
        CheckConstraint(_in("kind", MAPPING_KINDS), name="kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(20))
    external: Mapped[str] = mapped_column(String(300))
    code: Mapped[str] = mapped_column(String(40))


class OrganisationProfile(Base):
    """Who the organisation is (one row): its name, kind, Kolada area id, the publisher named
    in the open-data licence, which areas it is compared with (riket, every region, a
    region's own kommuner, and the areas chosen in ProfileComparisonArea), and whether it uses
    framgångsfaktorer."""

    __tablename__ = "organisation_profile"
    __table_args__ = (
        CheckConstraint("id = 1", name="single"),
        CheckConstraint(_in("kind", ORGANISATION_KINDS), name="kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(10))
    kolada_area: Mapped[str] = mapped_column(String(4))
    publisher: Mapped[str] = mapped_column(String(200))
    compare_riket: Mapped[bool] = mapped_column(Boolean)
    compare_all_regions: Mapped[bool] = mapped_column(Boolean)
    compare_own_kommuner: Mapped[bool] = mapped_column(Boolean)
    # Whether the organisation has framgångsfaktorer between its nämndmål and the goals below.
    uses_success_factors: Mapped[bool] = mapped_column(Boolean, default=False,
                                                       server_default=false())
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    updated_by: Mapped[str] = mapped_column(String(100), default="")


class ProfileComparisonArea(Base):
    """A region or kommun the organisation has chosen to be compared with (Kolada area id)."""

    __tablename__ = "profile_comparison_areas"

    code: Mapped[str] = mapped_column(String(4), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))


class ImportRun(Base):
    """One load of data: what, when, by whom, how many rows, and the outcome."""

    __tablename__ = "import_runs"
    __table_args__ = (CheckConstraint(_in("outcome", IMPORT_OUTCOMES), name="outcome"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    file_name: Mapped[str] = mapped_column(String(300), default="")
    file_hash: Mapped[str] = mapped_column(String(64), default="")
    started_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    username: Mapped[str] = mapped_column(String(100), default="")
    rows_read: Mapped[int] = mapped_column(Integer, default=0)
    rows_new: Mapped[int] = mapped_column(Integer, default=0)
    rows_updated: Mapped[int] = mapped_column(Integer, default=0)
    rows_unchanged: Mapped[int] = mapped_column(Integer, default=0)
    rows_rejected: Mapped[int] = mapped_column(Integer, default=0)
    outcome: Mapped[str] = mapped_column(String(10))
    message: Mapped[str] = mapped_column(Text, default="")
    # The last date the loaded data covers ("Data per" in the footer).
    data_as_of: Mapped[dt.date | None] = mapped_column(Date)
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    # A provkörning: validated and counted, then rolled back.
    dry_run: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


KOLADA_GENDERS = ("T", "K", "M")  # Kolada's total, women, men


class KoladaRevision(Base):
    """A stored value that a Kolada import changed or removed: what Kolada revised since the
    value was last imported (Kolada revises without notice). One row per value and gender;
    `deleted` when Kolada withdrew the value (isdeleted), else `new_value` replaced
    `old_value` (None: missing)."""

    __tablename__ = "kolada_revisions"
    __table_args__ = (
        CheckConstraint(_in("gender", KOLADA_GENDERS), name="gender"),
        Index("ix_kolada_revisions_run", "run_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("import_runs.id", ondelete="CASCADE"))
    indicator_code: Mapped[str] = mapped_column(String(40))
    area_code: Mapped[str] = mapped_column(String(10))
    area_name: Mapped[str] = mapped_column(String(100))
    period: Mapped[str] = mapped_column(String(10))
    gender: Mapped[str] = mapped_column(String(1))
    old_value: Mapped[float | None] = mapped_column(Float)
    new_value: Mapped[float | None] = mapped_column(Float)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
