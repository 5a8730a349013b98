"""The goal tree from Målbild 2050 down to enhetsmål, with its links to indicators,
perspectives and Agenda 2030."""

from __future__ import annotations

import random

from data_access.demo.context import PLAN_END, PLAN_START, DemoContext, Goal, Unit
from data_access.demo.goal_catalogue import GoalSpec
from data_access.demo.indicators import variant_code
from data_access.demo.reference import perspective_ids
from data_access.models import goal_agenda2030, goal_indicators, goal_perspectives
from data_access.models import Goal as GoalRow

SHARE_OF_ENHETER_WITH_GOALS = 0.72
SHARE_OF_ENHETSMAL_WITHOUT_INDICATOR = 0.04


def load_goals(ctx: DemoContext) -> None:
    """Insert every goal (parents first) and its links; register goals and indicator owners."""
    rng = ctx.rng("goals")
    spec = ctx.spec
    code, title, _ = spec.malbild
    malbild = GoalSpec(code, ctx.top, "", title, (), (), spec.malbild_perspectives,
                       (3, 8, 11, 13), True)
    levels = (
        ("malbild", [malbild]),
        ("malomrade", spec.malomraden),
        ("namndmal", spec.namndmal),
        ("framgangsfaktor", spec.framgangsfaktorer),
        ("forvaltningsmal", spec.forvaltningsmal),
        ("omradesmal", spec.omradesmal),
        ("enhetsmal", _enhetsmal(ctx, rng)),
    )
    perspective_id = perspective_ids(spec.perspectives)
    rows, links, persp, agenda = [], [], [], []
    sort_in_parent: dict[str, int] = {}
    for kind, specs in levels:
        for spec in specs:
            goal = Goal(len(rows) + 1, spec.code, kind, spec.title, spec.owner,
                        spec.parent or None, spec.tags, list(spec.indicators))
            ctx.goals[goal.code] = goal
            sort_in_parent[spec.parent] = sort_in_parent.get(spec.parent, 0) + 1
            rows.append(_row(ctx, goal, spec, kind, sort_in_parent[spec.parent]))
            for code in goal.indicators:
                ctx.indicators[code].owners.add(goal.owner)
                links.append({"goal_id": goal.id, "indicator_id": ctx.indicators[code].id})
            persp += [{"goal_id": goal.id, "perspective_id": perspective_id[p]}
                      for p in spec.perspectives]
            agenda += [{"goal_id": goal.id, "agenda2030_id": n} for n in spec.agenda]
    ctx.insert(GoalRow, rows)
    ctx.insert(goal_indicators, links)
    ctx.insert(goal_perspectives, persp)
    ctx.insert(goal_agenda2030, agenda)


def _row(ctx: DemoContext, goal: Goal, spec: GoalSpec, kind: str, sort_order: int) -> dict:
    return {
        "id": goal.id,
        "code": goal.code,
        "kind": kind,
        "title": goal.title,
        "description": _description(ctx, goal, kind),
        "parent_id": ctx.goals[goal.parent].id if goal.parent else None,
        "owner_unit_id": ctx.units[goal.owner].id,
        "plan_start_year": PLAN_START,
        "plan_end_year": 2050 if kind == "malbild" else PLAN_END,
        "published": spec.published,
        "sort_order": sort_order,
    }


def _description(ctx: DemoContext, goal: Goal, kind: str) -> str:
    """A short text saying who decided the goal and what it contributes to."""
    owner = ctx.units[goal.owner].name
    parent = ctx.goals[goal.parent].title if goal.parent else ""
    if kind == "malbild":
        return ctx.spec.malbild[2]
    if kind == "malomrade":
        area, _, overarching = goal.title.partition(" – ")
        return (f"Målområde {area}. Övergripande mål: {overarching}. Beslutat av "
                f"{ctx.spec.council} i {ctx.spec.plan} {PLAN_START}–{PLAN_END}.")
    if kind == "enhetsmal":
        return f"Enhetsmål för {owner}. Bidrar till: {parent}."
    if kind == "framgangsfaktor":
        return (f"Framgångsfaktor som {owner} har beslutat för planperioden {PLAN_START}–"
                f"{PLAN_END}: avgörande för att nå nämndmålet {parent}.")
    return f"Beslutat av {owner} för planperioden {PLAN_START}–{PLAN_END}. Bidrar till: {parent}."


def _enhetsmal(ctx: DemoContext, rng: random.Random) -> list[GoalSpec]:
    """1–2 goals for most enheter, each under an områdesmål of the enhet's own område."""
    by_omrade: dict[str, list[GoalSpec]] = {}
    for spec in ctx.spec.omradesmal:
        by_omrade.setdefault(spec.owner, []).append(spec)
    specs = []
    for unit in ctx.enheter():
        templates = ctx.spec.enhetsmal_templates.get(unit.kind, ())
        if not templates or rng.random() > SHARE_OF_ENHETER_WITH_GOALS:
            continue
        count = min(len(templates), 2 if rng.random() < 0.4 else 1)
        for n, (title, tag, indicators) in enumerate(rng.sample(templates, count), start=1):
            specs.append(_enhetsmal_spec(unit, n, title, tag, indicators, by_omrade, rng))
    return specs


def _enhetsmal_spec(unit: Unit, n: int, title: str, tag: str, indicators: tuple[str, ...],
                    by_omrade: dict[str, list[GoalSpec]], rng: random.Random) -> GoalSpec:
    candidates = by_omrade[unit.omrade]
    parent = next((g for g in candidates if tag in g.tags), candidates[0])
    if rng.random() < SHARE_OF_ENHETSMAL_WITHOUT_INDICATOR:
        indicators = ()
    return GoalSpec(
        code=f"{unit.code}-M{n}",
        owner=unit.code,
        parent=parent.code,
        title=title,
        indicators=tuple(variant_code(code, unit.variant) for code in indicators),
        tags=(tag,),
        perspectives=parent.perspectives[:1] if rng.random() < 0.5 else (),
        agenda=(),
        published=rng.random() < 0.04,
    )
