"""Follow-up periods and the goal owners' assessments (bedömningar) with analysis and actions.

Assessments are written for nämndmål, framgångsfaktorer and förvaltningsmål in the plan
period. Their text
quotes the goal's own figures. A few deliberately report green where the data is red;
which ones is decided from the real roll-up (`data_access.rollup`), so the UI's
"bedömningen avviker" flag is guaranteed to show them.

Each assessment with a colour also carries a helårsprognos, set last from its final colour:
mostly "bedöms uppfyllas", some "delvis", and a few red goals "bedöms inte uppfyllas vid
årets slut" (at Helår every red goal), whose analysis then says why. Those are the goals the
Nämndrapport lists for fullmäktige.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict

from sqlalchemy import func, select, update

from data_access.demo.context import PLAN_START, DemoContext, Goal
from data_access.demo.dates import followup_dates, followup_label, period_label
from data_access.demo.indicators import IndicatorInfo
from data_access.demo.texts import (
    NO_DATA,
    OPTIMISTIC_GREEN,
    STATUS_SENTENCES,
    UNREACHED_SENTENCES,
    actions_for,
    signature,
    with_unit,
)
from data_access.models import Assessment, FollowUpPeriod, GoalStatus, Measurement, Target
from data_access.rollup import recompute_goal_statuses
from data_access.status import GREY, combine, indicator_status

ASSESSED_KINDS = ("namndmal", "framgangsfaktor", "forvaltningsmal")
NEVER_ASSESSED = 4  # goals left without any assessment
SKIPPED_SHARE = 0.08  # single follow-ups left unassessed
GREEN_ON_RED_CASES = 3
# The helårsprognos at T1 and Delår by the final colour (weights): a goal off track in spring
# may still be reached, so most forecasts are kinder than the colour; at Helår the year is
# over and the forecast is the colour itself (FORECAST_AT_YEAR_END).
FORECAST_WEIGHTS = {"green": (("uppfylls", 19), ("delvis", 1)),
                    "yellow": (("uppfylls", 11), ("delvis", 9)),
                    "red": (("uppfylls", 1), ("delvis", 12), ("uppfylls_ej", 7))}
FORECAST_AT_YEAR_END = {"green": "uppfylls", "yellow": "delvis", "red": "uppfylls_ej"}
ORDER = ("green", "yellow", "red")


def load_followup(ctx: DemoContext) -> None:
    """Insert follow-up periods and assessments, then the goal statuses rolled up from them."""
    periods = [
        {"id": i, "year": year, "kind": kind, "end_date": end}
        for i, (year, kind, end) in enumerate(followup_dates(ctx.first_year, ctx.as_of), start=1)
    ]
    ctx.insert(FollowUpPeriod, periods)
    figures = _Figures(ctx)
    assessments = list(_assessments(ctx, periods, figures))
    ctx.insert(Assessment, assessments)
    recompute_goal_statuses(ctx.session)
    _no_accidental_green_on_red(ctx, assessments)
    changed = _green_on_red(ctx, assessments)
    if changed:
        recompute_goal_statuses(ctx.session, changed)
    _forecasts(ctx, assessments, {p["id"]: (p["year"], p["kind"]) for p in periods})
    ctx.counts["goal_statuses"] = ctx.session.scalar(select(func.count()).select_from(GoalStatus))


class _Figures:
    """Outcomes and targets of the assessed goals' indicators at the goals' owners."""

    def __init__(self, ctx: DemoContext):
        self.ctx = ctx
        pairs = {
            (ctx.indicators[code].id, ctx.units[goal.owner].id)
            for goal in ctx.goals.values() if goal.kind in ASSESSED_KINDS
            for code in goal.indicators
        }
        indicator_ids = sorted({i for i, _ in pairs})
        unit_ids = sorted({u for _, u in pairs})
        m, t = Measurement, Target
        self.series = defaultdict(list)  # (indicator, unit) -> [(end, period, total, w, m)]
        rows = ctx.session.execute(
            select(m.indicator_id, m.unit_id, m.period_end, m.period, m.value_total,
                   m.value_women, m.value_men)
            .where(m.indicator_id.in_(indicator_ids), m.unit_id.in_(unit_ids),
                   m.period_end >= dt.date(PLAN_START - 1, 1, 1))
            .order_by(m.indicator_id, m.unit_id, m.period_end)
        )
        for ind, unit, end, period, total, women, men in rows:
            if (ind, unit) in pairs:
                self.series[ind, unit].append((end, period, total, women, men))
        self.targets = {
            (ind, unit, year): (value, upper, tol)
            for ind, unit, year, value, upper, tol in ctx.session.execute(
                select(t.indicator_id, t.unit_id, t.year, t.value, t.upper_value, t.tolerance)
                .where(t.indicator_id.in_(indicator_ids), t.unit_id.in_(unit_ids)))
        }

    def latest(self, info: IndicatorInfo, unit_id: int, end: dt.date):
        """The latest outcome in the twelve months up to `end`, or None."""
        found = None
        for row in self.series.get((info.id, unit_id), ()):
            if end - dt.timedelta(days=365) < row[0] <= end:
                found = row
        return found

    def status(self, info: IndicatorInfo, unit_id: int, end: dt.date) -> tuple[str, str]:
        """(traffic light, sentence quoting outcome and target) for one indicator."""
        row = self.latest(info, unit_id, end)
        if row is None:
            return GREY, ""
        period_end, period, total, women, men = row
        target = self.targets.get((info.id, unit_id, period_end.year))
        spec = info.spec
        text = f"{spec.name}: {with_unit(total, spec.unit, spec.decimals)} ({period_label(period)})"
        if women is not None:
            text += (f", kvinnor {with_unit(women, spec.unit, spec.decimals)} och män "
                     f"{with_unit(men, spec.unit, spec.decimals)}")
        if target is None:
            return GREY, text + "."
        value, upper, tolerance = target
        if upper is not None:
            text += (f"; målintervall {with_unit(value, spec.unit, spec.decimals)}–"
                     f"{with_unit(upper, spec.unit, spec.decimals)}.")
        else:
            text += f"; målvärde {with_unit(value, spec.unit, spec.decimals)}."
        status = indicator_status(total, value, direction=spec.direction, tolerance=tolerance,
                                  upper=upper)
        return status, text


def _assessments(ctx: DemoContext, periods: list[dict], figures: _Figures):
    rng = ctx.rng("assessments")
    goals = [g for g in ctx.goals.values() if g.kind in ASSESSED_KINDS]
    never = set(rng.sample([g.code for g in goals], NEVER_ASSESSED))
    next_id = 1
    for period in periods:
        assessed_on = period["end_date"] + dt.timedelta(days=rng.randint(8, 24))
        if period["year"] < PLAN_START or assessed_on > ctx.as_of:
            continue
        for goal in goals:
            if goal.code in never or rng.random() < SKIPPED_SHARE:
                continue
            yield {"id": next_id, "goal_id": goal.id, "followup_period_id": period["id"],
                   **_assessment(ctx, goal, period, figures, rng),
                   "assessed_on": min(assessed_on + dt.timedelta(days=rng.randint(0, 5)),
                                      ctx.as_of)}
            next_id += 1


def _assessment(ctx: DemoContext, goal: Goal, period: dict, figures: _Figures,
                rng: random.Random) -> dict:
    """Status, analysis and actions of one bedömning, written from the goal's own figures."""
    owner = ctx.units[goal.owner]
    results = [figures.status(ctx.indicators[c], owner.id, period["end_date"])
               for c in goal.indicators]
    computed = combine(status for status, _ in results)
    status = _manual_status(computed, rng)
    sentences = [text for _, text in results[:2] if text] or [NO_DATA]
    label = followup_label(period["year"], period["kind"])
    analysis = f"Uppföljning per {label}. " + " ".join(sentences)
    analysis += " " + rng.choice(STATUS_SENTENCES[status])
    return {
        "status": status,
        "analysis": analysis,
        "actions": "" if status == "green" and rng.random() < 0.5 else actions_for(
            goal.tags, rng, ctx.spec.actions_by_tag),
        "author": signature(ctx.rng(f"person:{owner.code}"), owner.code, owner.level,
                            ctx.spec.roles),
    }


def _manual_status(computed: str, rng: random.Random) -> str:
    """The owner's colour: mostly the data's, sometimes a step kinder, now and then stricter."""
    if computed == GREY:
        return rng.choices(("yellow", "green", "grey"), (5, 3, 2))[0]
    index = ORDER.index(computed)
    draw = rng.random()
    if draw < 0.17:
        index = max(index - 1, 0)
    elif draw > 0.92:
        index = min(index + 1, 2)
    return ORDER[index]


def _no_accidental_green_on_red(ctx: DemoContext, assessments: list[dict]) -> None:
    """Soften kind greens that the roll-up finds red to yellow, until none are left.

    Only the deliberate cases chosen afterwards may be flagged; softening a child can
    lower its parent's computed status, hence the loop (greens only ever decrease).
    """
    by_key = {(a["goal_id"], a["followup_period_id"]): a for a in assessments}
    rng = ctx.rng("assessments:softened")
    while True:
        flagged = ctx.session.execute(
            select(GoalStatus.goal_id, GoalStatus.followup_period_id)
            .where(GoalStatus.deviates)
            .order_by(GoalStatus.followup_period_id, GoalStatus.goal_id)
        ).all()
        if not flagged:
            return
        for key in flagged:
            row = by_key[tuple(key)]
            row["analysis"] = _facts(row) + rng.choice(STATUS_SENTENCES["yellow"])
            row["status"] = "yellow"
            _save(ctx, row)
        recompute_goal_statuses(ctx.session, sorted({period for _, period in flagged}))


def _facts(row: dict) -> str:
    """An assessment's analysis without its closing status sentence."""
    return next(row["analysis"].removesuffix(s) for s in STATUS_SENTENCES[row["status"]]
                if row["analysis"].endswith(s))


def _save(ctx: DemoContext, row: dict) -> None:
    ctx.session.execute(
        update(Assessment).where(Assessment.id == row["id"])
        .values(status=row["status"], analysis=row["analysis"], actions=row["actions"])
    )


def _green_on_red(ctx: DemoContext, assessments: list[dict]) -> list[int]:
    """Make a few recent assessments green where the rolled-up data is red; their periods."""
    by_key = {(a["goal_id"], a["followup_period_id"]): a for a in assessments}
    red = ctx.session.execute(
        select(GoalStatus.goal_id, GoalStatus.followup_period_id)
        .where(GoalStatus.computed_status == "red", GoalStatus.reported_status != "green")
        .order_by(GoalStatus.followup_period_id.desc(), GoalStatus.goal_id)
    ).all()
    chosen, goals_used = [], set()
    for goal_id, period_id in red:
        if (goal_id, period_id) in by_key and goal_id not in goals_used:
            chosen.append(by_key[goal_id, period_id])
            goals_used.add(goal_id)
        if len(chosen) == GREEN_ON_RED_CASES:
            break
    for row in chosen:
        row.update(analysis=_facts(row) + OPTIMISTIC_GREEN, status="green", actions="")
        _save(ctx, row)
    return sorted({row["followup_period_id"] for row in chosen})


def _forecasts(ctx: DemoContext, assessments: list[dict],
               periods: dict[int, tuple[int, str]]) -> None:
    """Give each coloured assessment a helårsprognos from its final colour (none for grey);
    an owner who has said a goal will not be reached this year keeps saying so while it is
    not green. The analysis of a forecast not to be reached ends with why."""
    rng = ctx.rng("assessments:forecast")
    unreached: set[tuple[int, int]] = set()  # (goal, year) forecast not to be reached
    changes = []
    for row in sorted(assessments, key=lambda a: (a["followup_period_id"], a["goal_id"])):
        year, kind = periods[row["followup_period_id"]]
        kept = (row["goal_id"], year) in unreached and row["status"] != "green"
        forecast = "uppfylls_ej" if kept else _forecast(row["status"], kind, rng)
        if forecast is None:
            continue
        analysis = row["analysis"]
        if forecast == "uppfylls_ej":
            unreached.add((row["goal_id"], year))
            analysis += " " + rng.choice(UNREACHED_SENTENCES)
        changes.append({"id": row["id"], "forecast": forecast, "analysis": analysis})
    if changes:
        ctx.session.execute(update(Assessment), changes)


def _forecast(status: str, kind: str, rng: random.Random) -> str | None:
    """The owner's forecast for a colour at a follow-up; none without a colour."""
    if status == GREY:
        return None
    if kind == "HELAR":
        return FORECAST_AT_YEAR_END[status]
    words, weights = zip(*FORECAST_WEIGHTS[status])
    return rng.choices(words, weights)[0]
