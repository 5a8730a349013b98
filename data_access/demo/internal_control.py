"""Internal control: each nämnd's riskanalys for this year and last, with the risks' scoring
history, the goals they threaten, kontrollmoment with results, and åtgärder."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from data_access.demo.context import DemoContext
from data_access.demo.risk_catalogue import (
    CONTROL_DATES,
    DEFAULT_CONTROL,
    DEVIATION_COMMENTS,
    OK_COMMENTS,
    REPORTED_TO,
    RiskTemplate,
)
from data_access.demo.texts import person, role_of
from data_access.models import (
    ControlDecision,
    ControlPoint,
    ControlResult,
    Process,
    Risk,
    RiskAction,
    RiskAssessment,
    action_risks,
    risk_goals,
)

PROBABILITY_WEIGHTS = (15, 40, 35, 10)  # sannolikhet 1–4
CONSEQUENCE_WEIGHTS = (10, 35, 35, 20)  # konsekvens 1–4
PLAN_THRESHOLD = 8  # riskvärde from which a risk goes into the internkontrollplan
SHARED_ACTION_EVERY = 15  # every fifteenth åtgärd also counters the next risk
# When a risk is scored: (month, day, years after the risk's year, comment).
ASSESSMENT_DATES = (
    (10, 15, -1, "Identifierad vid riskinventeringen."),
    (11, 30, -1, "Bedömd i nämndens riskanalys."),
    (5, 15, 0, "Omprövad vid tertialuppföljningen."),
    (9, 20, 0, "Omprövad vid delårsuppföljningen."),
    (1, 25, 1, "Slutbedömd vid helårsuppföljningen."),
)


@dataclass
class _Rows:
    """Rows of every internal-control table, collected before inserting parents first."""

    risks: list[dict] = field(default_factory=list)
    assessments: list[dict] = field(default_factory=list)
    risk_goals: list[dict] = field(default_factory=list)
    points: list[dict] = field(default_factory=list)
    results: list[dict] = field(default_factory=list)
    actions: list[dict] = field(default_factory=list)
    action_risks: list[dict] = field(default_factory=list)


def load_internal_control(ctx: DemoContext) -> None:
    processes = ctx.spec.processes
    process_ids = {code: i for i, (code, _) in enumerate(processes, start=1)}
    ctx.insert(Process, ({"id": i, "code": c, "name": n}
                         for i, (c, n) in enumerate(processes, start=1)))
    rows = _Rows()
    for year in (ctx.as_of.year - 1, ctx.as_of.year):
        for namnd in ctx.spec.risks_per_namnd:
            _riskanalys(ctx, rows, namnd, year, process_ids)
    ctx.insert(Risk, rows.risks)
    ctx.insert(RiskAssessment, rows.assessments)
    ctx.insert(risk_goals, rows.risk_goals)
    ctx.insert(ControlPoint, rows.points)
    ctx.insert(ControlResult, rows.results)
    ctx.insert(RiskAction, rows.actions)
    ctx.insert(action_risks, rows.action_risks)
    ctx.insert(ControlDecision, _decisions(ctx))


def _decisions(ctx: DemoContext) -> list[dict]:
    """When each nämnd adopted its riskanalys (December the year before) and its
    internkontrollplan (February), for last year and this. The story: this year, the last
    nämnd has not adopted its internkontrollplan, and the one before it adopted both late."""
    namnder = list(ctx.spec.risks_per_namnd)
    rows = []
    for year in (ctx.as_of.year - 1, ctx.as_of.year):
        for n, namnd in enumerate(namnder):
            late = year == ctx.as_of.year and n == len(namnder) - 2
            dates = {"riskanalys": dt.date(year, 4, 22) if late else dt.date(year - 1, 12, 8 + n),
                     "internkontrollplan": dt.date(year, 5, 20) if late
                     else dt.date(year, 2, 9 + n)}
            if year == ctx.as_of.year and n == len(namnder) - 1:
                del dates["internkontrollplan"]
            rows += [{"namnd_id": ctx.units[namnd].id, "year": year,
                      "document": document, "adopted_on": day,
                      "reference": f"§ {day.month * 10 + n + (2 if document != 'riskanalys' else 0)}"}
                     for document, day in dates.items() if day <= ctx.as_of]
    return [{"id": n, **row} for n, row in enumerate(rows, start=1)]


def _riskanalys(ctx: DemoContext, rows: _Rows, namnd: str, year: int,
                process_ids: dict[str, int]) -> None:
    """One nämnd's risks for one year, with everything that hangs off them."""
    rng = ctx.rng(f"risks:{namnd}:{year}")
    fewest, most = ctx.spec.risks_per_namnd[namnd]
    candidates = [t for t in ctx.spec.risks if namnd in t.namnder]
    story = [t for t in candidates if t.score or t.namnder == (namnd,)]
    others = [t for t in candidates if t not in story]
    count = min(rng.randint(fewest, most), len(candidates))
    chosen = set(story[:count]) | set(rng.sample(others, max(0, count - len(story))))
    previous_action = None
    for n, template in enumerate((t for t in candidates if t in chosen), start=1):
        risk_id = len(rows.risks) + 1
        risk = _risk(ctx, template, namnd, year, n, risk_id, rng)
        risk["process_id"] = process_ids[template.process]
        rows.risks.append(risk)
        rows.assessments += _history(ctx, risk, rng, len(rows.assessments) + 1)
        rows.risk_goals += [{"risk_id": risk_id, "goal_id": g}
                            for g in _threatened_goals(ctx, namnd, template, risk, rng)]
        if risk["in_control_plan"]:
            _controls(ctx, rows, template, risk, rng)
        if risk["in_control_plan"] or rng.random() < 0.2:
            action_id = _action(ctx, rows, _owner(ctx, template, namnd), risk, template, rng)
            if previous_action and action_id % SHARED_ACTION_EVERY == 0:
                rows.action_risks.append({"action_id": previous_action, "risk_id": risk_id})
            previous_action = action_id


def _risk(ctx: DemoContext, template: RiskTemplate, namnd: str, year: int, n: int, risk_id: int,
          rng: random.Random) -> dict:
    current = year == ctx.as_of.year
    if template.score:
        probability, consequence = template.score
    else:
        probability = rng.choices((1, 2, 3, 4), PROBABILITY_WEIGHTS)[0]
        consequence = rng.choices((1, 2, 3, 4), CONSEQUENCE_WEIGHTS)[0]
        if probability == consequence == 4:  # 4 × 4 is kept for the story's risks
            consequence = 3
    value = probability * consequence
    return {
        "id": risk_id,
        "code": f"{namnd}-{year}-R{n:02d}",
        "title": template.title,
        "description": template.description,
        "namnd_id": ctx.units[namnd].id,
        "owner_unit_id": ctx.units[_owner(ctx, template, namnd)].id,
        "year": year,
        "probability": probability,
        "consequence": consequence,
        "status": _risk_status(value, current, rng),
        "in_control_plan": value >= PLAN_THRESHOLD or (value >= 6 and rng.random() < 0.4),
    }


def _risk_status(value: int, current: bool, rng: random.Random) -> str:
    """Open while not brought down to an accepted level; last year's mostly settled."""
    if not current:
        if value >= 12:
            return "oppen"  # carried into this year's riskanalys
        if value >= 9:
            return rng.choice(("oppen", "accepterad"))
        return rng.choices(("stangd", "accepterad"), (6, 4))[0]
    if value >= PLAN_THRESHOLD:
        return rng.choices(("oppen", "accepterad"), (85, 15))[0]
    if value >= 4:
        return rng.choices(("oppen", "accepterad", "stangd"), (5, 4, 1))[0]
    return rng.choices(("accepterad", "stangd"), (8, 2))[0]


def _history(ctx: DemoContext, risk: dict, rng: random.Random, first_id: int) -> list[dict]:
    """2–4 scorings up to today, the last equal to the risk's current score."""
    year = risk["year"]
    dates = [(dt.date(year + dy, m, d), comment) for m, d, dy, comment in ASSESSMENT_DATES]
    dates = [(day, comment) for day, comment in dates if day <= ctx.as_of]
    dates = dates[-rng.randint(2, min(4, len(dates))):]
    scores = [(risk["probability"], risk["consequence"])]
    for n in range(1, len(dates)):
        scores.append(_earlier_score(scores[-1], risk["status"], moves=n == 1 or rng.random() < 0.7,
                                     rng=rng))
    scores.reverse()
    rows = []
    for i, ((day, comment), (p, k)) in enumerate(zip(dates, scores)):
        before = scores[i - 1][0] * scores[i - 1][1] if i else p * k
        if before != p * k:
            comment += f" Riskvärdet ändrat från {before} till {p * k}."
        rows.append({"id": first_id + i, "risk_id": risk["id"], "assessed_on": day,
                     "probability": p, "consequence": k, "comment": comment})
    return rows


def _earlier_score(score: tuple[int, int], status: str, moves: bool,
                   rng: random.Random) -> tuple[int, int]:
    """The scoring before `score`: higher for risks brought down, either way for open ones."""
    if not moves:
        return score
    step = 1 if status != "oppen" else rng.choice((-1, 1))
    scale = 0 if rng.random() < 0.6 else 1  # sannolikhet moves more often than konsekvens
    values = list(score)
    if not 1 <= values[scale] + step <= 4:
        step = -step
    values[scale] += step
    return values[0], values[1]


def _threatened_goals(ctx: DemoContext, namnd: str, template: RiskTemplate, risk: dict,
                      rng: random.Random) -> list[int]:
    """Goals of the nämnd (and its förvaltning) the risk threatens: always for high risks."""
    if risk["probability"] * risk["consequence"] < PLAN_THRESHOLD and rng.random() > 0.3:
        return []
    owners = (namnd, ctx.spec.forvaltning_of(namnd))
    own = [g for g in ctx.goals.values()
           if g.owner in owners and g.kind in ("namndmal", "forvaltningsmal")]
    matching = [g for g in own if template.tag in g.tags] or own[:1]
    return sorted(g.id for g in rng.sample(matching, min(len(matching), rng.choice((1, 2)))))


def _controls(ctx: DemoContext, rows: _Rows, template: RiskTemplate, risk: dict,
              rng: random.Random) -> None:
    """Kontrollmoment for a risk in the plan, and the controls performed so far."""
    options = ctx.spec.controls.get(template.process, (DEFAULT_CONTROL,))
    for k, (description, method, frequency, role) in enumerate(
            options[: rng.choice((1, 2))], start=1):
        point_id = len(rows.points) + 1
        dates = [dt.date(risk["year"] + dy, m, d) for m, d, dy in CONTROL_DATES[frequency]]
        rows.points.append({
            "id": point_id, "code": f"{risk['code']}-K{k}", "risk_id": risk["id"],
            "description": description, "method": method, "frequency": frequency,
            "planned_per_year": len(dates), "responsible": f"{person(rng)}, {role}",
            "reported_to": REPORTED_TO[frequency],
        })
        deviation_rate = 0.25 if risk["probability"] * risk["consequence"] >= 12 else 0.12
        for day in dates:
            if day > ctx.as_of or rng.random() < 0.08:  # not yet done, or skipped
                continue
            failed = rng.random() < deviation_rate
            rows.results.append({
                "id": len(rows.results) + 1, "control_point_id": point_id, "performed_on": day,
                "result": "avvikelse" if failed else "utan_anmarkning",
                "comment": rng.choice(DEVIATION_COMMENTS if failed else OK_COMMENTS),
            })


def _owner(ctx: DemoContext, template: RiskTemplate, namnd: str) -> str:
    """The unit that owns a risk and its åtgärder."""
    return template.owner or ctx.spec.forvaltning_of(namnd)


def _action(ctx: DemoContext, rows: _Rows, owner_code: str, risk: dict, template: RiskTemplate,
            rng: random.Random) -> int:
    """One åtgärd against the risk; some are overdue (due date passed, not klar)."""
    year = risk["year"]
    due = rng.choice((dt.date(year, 3, 31), dt.date(year, 6, 30), dt.date(year, 9, 30),
                      dt.date(year, 12, 31), dt.date(year + 1, 3, 31)))
    if due < ctx.as_of:
        overdue = 25 if year == ctx.as_of.year else 10  # last year's are mostly done
        status = rng.choices(("klar", "pagaende", "ej_paborjad"), (100 - overdue, overdue, 3))[0]
        done_on = min(due - dt.timedelta(days=rng.randint(0, 40)), ctx.as_of)
    else:
        status = rng.choices(("klar", "pagaende", "ej_paborjad"), (15, 60, 25))[0]
        done_on = max(ctx.as_of - dt.timedelta(days=rng.randint(0, 60)), dt.date(year, 1, 15))
    owner = ctx.units[owner_code]
    role = role_of(owner.code, owner.level, ctx.spec.roles)
    action_id = len(rows.actions) + 1
    rows.actions.append({
        "id": action_id, "code": risk["code"].replace("-R", "-A"),
        "title": ctx.spec.actions[template.process],
        "owner": f"{person(rng)}, {role}", "owner_unit_id": owner.id, "due_date": due,
        "status": status, "done_on": done_on if status == "klar" else None,
    })
    rows.action_risks.append({"action_id": action_id, "risk_id": risk["id"]})
    return action_id
