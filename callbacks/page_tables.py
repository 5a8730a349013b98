"""The tables of the Mål, Ekonomi, Internkontroll, Risk, Uppdrag and Målkvalitet pages as files
(dashboard.downloads): for a page's URL arguments, its tables by name, typed for Excel and
CSV. Each reads the arguments as its page does, through the same scoped queries and pure
functions, so a file holds exactly what the page shows to this viewer."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import callbacks.internal_control as ik
from callbacks import economy as eco
from callbacks import goals as shape
from callbacks.indicators import BadRequest, one, resolve_followup
from callbacks.quality import measures
from callbacks.report import goal_table
from callbacks.uppdrag import UPPDRAG_STATUS_SV, today_for
from dashboard import formatting as fmt
from dashboard.exports import Column, Table
from data_access.queries import economy as eq
from data_access.queries import goal_tree
from data_access.queries.filters import may_see_internal_control
from data_access.queries.goals import followups
from data_access.queries.quality import FINDINGS, quality_by_namnd
from data_access.queries.risks import (
    RISK_BANDS,
    SCALE,
    as_of_date,
    previous_cells,
    risk_band,
    risk_cells,
    risk_choices,
    risk_detail,
    risk_list,
    risks_by_namnd,
)
from data_access.queries.uppdrag import STATUS_ORDER, uppdrag_counts
from data_access.scope import Viewer


def _args(args: Mapping, *names: str) -> dict:
    """The named URL arguments as single texts."""
    return {name: one(args.get(name)) for name in names}


# --- Mål --------------------------------------------------------------------------------------


def mal_tables(session, viewer: Viewer, args: Mapping) -> dict[str, Table]:
    """The goals one level down (at the start: the målområden); for a goal also its uppdrag and
    the risks linked to it."""
    wanted = _args(args, "goal", "period")
    periods = followups(session, viewer)
    followup = shape.choose_followup(periods, wanted["period"])
    if followup is None:
        raise BadRequest("period", shape.BAD_PERIOD_SV)
    previous = shape.previous_followup(periods, followup)
    header = (goal_tree.find_goal(session, viewer, wanted["goal"], followup.id)
              if wanted["goal"] else None)
    if wanted["goal"] and header is None:
        raise BadRequest("goal", shape.NOT_FOUND_SV)
    top = header.ref if header else (goal_tree.vision(session, viewer) or (None,))[0]
    if top is None:
        return {}
    level = goal_tree.level_below(session, viewer, top.id, followup.id,
                                  previous.id if previous else None, followup.end_date)
    tables = {"children": goal_table(f"Mål under {shape.short_title(top)}", level.children,
                                     followup, previous)}
    if header is not None:
        tables["uppdrag"] = Table("Uppdrag", [Column("Uppdrag"), Column("Ansvarig"),
                                              Column("Status"), Column("Slutdatum")],
                                  [[u.title, u.assignee, UPPDRAG_STATUS_SV[u.status].word,
                                    fmt.iso_date(u.deadline)]
                                   for u in goal_tree.goal_uppdrag(session, viewer, top.id)])
    if header is not None and may_see_internal_control(viewer):
        tables["risks"] = Table("Risker", [Column("Risk"), Column("Nämnd"),
                                           Column("Riskvärde", "integer"), Column("Status")],
                                [[r.title, r.namnd, r.risk_value, ik.RISK_STATUS_SV[r.status]]
                                 for r in goal_tree.goal_risks(session, viewer, top.id)
                                 if r.year == followup.year])
    return tables


# --- Ekonomi ------------------------------------------------------------------------------------


def ekonomi_tables(session, viewer: Viewer, args: Mapping) -> dict[str, Table]:
    """Month by month and, for the region, the financial goals (the other two tables have
    their own download buttons on the page)."""
    wanted = _args(args, "unit", "year", "month")
    try:
        view = eco.resolve(session, viewer, wanted["unit"], wanted["year"], wanted["month"])
    except eco.BadArgument as problem:
        raise BadRequest("unit", str(problem)) from None
    amounts = eq.unit_amounts(session, viewer, view.unit.id, view.year)
    lines = eco.month_lines(amounts.months(), view.month)
    unit, kind = view.money, ("decimal" if view.money == "mnkr" else "integer")
    months = Table(
        f"Månader {view.year}", [Column("Månad")] + [
            Column(f"{header} ({unit})", kind, signed=header == "Avvikelse")
            for header in ("Budget", "Utfall", "Avvikelse", "Budget ackumulerad",
                           "Utfall ackumulerat", "Prognos helår lämnad i månaden")],
        [[fmt.month_name(line.month).capitalize(),
          *(eco.scaled(value, unit) for value in (
              line.budget_tkr, line.utfall_tkr, line.deviation_tkr, line.cumulative_budget_tkr,
              line.cumulative_utfall_tkr, line.prognos_tkr))] for line in lines[:view.month]])
    tables = {"months": months}
    if view.unit.level == "region":
        tables["goals"] = Table(
            "Finansiella mål", [Column("Mål"), Column("Utfall"), Column("År"),
                                Column("Målvärde"), Column("Status")],
            [[g.name, eco.goal_value(g.outcome, g.unit), g.period or "",
              eco.goal_target(g), shape.STATUS_LABELS_SV[eco.goal_status(g)].word]
             for g in eq.financial_goals(session, viewer, view.unit.id)])
    return tables


# --- Internkontroll and Risk ----------------------------------------------------------------------

RISK_FILE_COLUMNS = (
    Column("Kod"), Column("Risk"), Column("Nämnd"), Column("Process"), Column("Ansvarig enhet"),
    Column("Sannolikhet", "integer"), Column("Konsekvens", "integer"),
    Column("Riskvärde", "integer"), Column("Nivå"), Column("Status"), Column("Förändring"),
    Column("I planen"), Column("Senaste kontroll"), Column("Åtgärder kvar", "integer"),
    Column("Försenade åtgärder", "integer"), Column("Mål"))


def risk_file(title: str, rows: Sequence) -> Table:
    """Risks as a file: everything the list shows, numbers as numbers."""
    return Table(title, RISK_FILE_COLUMNS, [
        [r.code, r.title, r.namnd, r.process, r.owner_unit, r.probability, r.consequence,
         r.risk_value, risk_band(r.risk_value).word, ik.RISK_STATUS_SV[r.status],
         ik.movement_text(r), "Ja" if r.in_control_plan else "Nej",
         ik.result_text(r.latest_result, r.latest_result_on), r.open_actions, r.overdue_actions,
         "; ".join(g.title for g in r.goals)] for r in rows])


def matrix_file(title: str, counts: Mapping[tuple[int, int], int]) -> Table:
    """The riskmatris as a file: sannolikhet 4–1 in rows, konsekvens 1–4 in columns."""
    return Table(title, [Column("Sannolikhet")] + [
        Column(f"Konsekvens {k} {ik.CONSEQUENCE_SV[k]}", "integer") for k in SCALE],
        [[ik.scale_text(p, ik.PROBABILITY_SV), *(counts[p, k] for k in SCALE)]
         for p in reversed(SCALE)])


def internkontroll_tables(session, viewer: Viewer, args: Mapping) -> dict[str, Table]:
    """The risks of the view, its cell's risks, both matrices, the bands and the risks per
    nämnd."""
    if not may_see_internal_control(viewer):
        return {}
    choices = risk_choices(session, viewer)
    if not choices.years:
        return {}
    try:
        view = ik.parse_view(args, choices)
    except ik.BadArgument as problem:
        raise BadRequest("namnd", str(problem)) from None
    today = as_of_date(session, viewer)
    rows = ik.sort_rows(risk_list(session, viewer, view.selection, today), view.sort)
    cells = risk_cells(session, viewer, view.selection)
    caption = ik.view_caption(view)
    bands = ik.band_counts(cells)
    year, per_namnd = risks_by_namnd(session, viewer, view.year)
    tables = {
        "risks": risk_file(caption, rows),
        "matrix": matrix_file(f"Riskmatris nu, {caption}", ik.cell_counts(cells, view.status)),
        "previous": matrix_file(f"Riskmatris föregående bedömning, {caption}",
                                ik.cell_counts(previous_cells(session, viewer, view.selection),
                                               view.status)),
        "bands": Table(f"Öppna risker per nivå {view.year}",
                       [Column("Nivå"), Column("Riskvärden"), Column("Antal", "integer")],
                       [[b.word, f"{b.low}–{b.high}", bands[b.key]] for b in reversed(RISK_BANDS)]),
        "namnder": Table(f"Risker per nämnd {year}",
                         [Column("Nämnd"), Column("Risker", "integer"), Column("Öppna", "integer"),
                          Column("Varav höga", "integer")],
                         [[r.namnd, r.total, r.open, r.open_high] for r in per_namnd]),
    }
    if view.cell:
        tables["cell"] = risk_file(f"{caption}, ruta {view.cell[0]}-{view.cell[1]}",
                                   ik.in_cell(rows, view.cell))
    return tables


def risk_tables(session, viewer: Viewer, args: Mapping) -> dict[str, Table]:
    """One risk's assessments over time, its control results and its åtgärder."""
    code = _args(args, "code")["code"]
    detail = risk_detail(session, viewer, code) if code and may_see_internal_control(viewer) \
        else None
    if detail is None:
        raise BadRequest("code", ik.RISK_NOT_FOUND_SV)
    today = as_of_date(session, viewer)
    return {
        "history": Table("Bedömningar", [Column("Datum"), Column("Sannolikhet", "integer"),
                                         Column("Konsekvens", "integer"),
                                         Column("Riskvärde", "integer"), Column("Kommentar")],
                         [[fmt.iso_date(s.assessed_on), s.probability, s.consequence,
                           s.risk_value, s.comment] for s in reversed(detail.history)]),
        "controls": Table("Kontrollresultat", [Column("Kontrollmoment"), Column("Datum"),
                                               Column("Resultat"), Column("Kommentar")],
                          [[c.description, fmt.iso_date(r.performed_on),
                            ik.CONTROL_RESULT_SV[r.result][1], r.comment]
                           for c in detail.controls for r in c.results]),
        "actions": Table("Åtgärder", [Column("Åtgärd"), Column("Ansvarig"), Column("Slutdatum"),
                                      Column("Status"), Column("Klar"), Column("Försenad"),
                                      Column("Gäller även")],
                         [[a.title, a.owner, fmt.iso_date(a.due_date),
                           ik.ACTION_STATUS_SV[a.status], fmt.iso_date(a.done_on) if a.done_on
                           else "", "Ja" if ik.is_overdue(a.due_date, a.status, today) else "Nej",
                           "; ".join(r.title for r in a.other_risks)] for a in detail.actions]),
    }


# --- Uppdrag and Målkvalitet --------------------------------------------------------------------


def uppdrag_tables(session, viewer: Viewer, args: Mapping) -> dict[str, Table]:
    """The number of uppdrag per nämnd and status (the list has its own download)."""
    namnd = _args(args, "namnd")["namnd"]
    counts = [c for c in uppdrag_counts(session, viewer, today_for(session, viewer))
              if namnd in (None, "", "alla") or c.code == namnd]
    return {"counts": Table("Uppdrag per nämnd och status", [Column("Nämnd")] + [
        Column(UPPDRAG_STATUS_SV[s].plural, "integer") for s in STATUS_ORDER] + [
        Column("Totalt", "integer")],
        [[c.name, *(c.counts[s] for s in STATUS_ORDER), c.total] for c in counts])}


def malkvalitet_tables(session, viewer: Viewer, args: Mapping) -> dict[str, Table]:
    """The auditors' figures per nämnd at the follow-up."""
    followup, _periods = resolve_followup(session, viewer, _args(args, "period")["period"])
    if followup is None:
        return {}
    found = measures(followup)
    columns = [Column("Nämnd"), Column("Mål", "integer"), Column("Andel mätbara (%)", "percent")]
    for finding in FINDINGS:
        columns += [Column(found[finding].heading, "integer"),
                    Column(f"{found[finding].heading} (%)", "percent")]
    rows = []
    for r in quality_by_namnd(session, viewer, followup):
        counts = {"utan_indikator": (r.goals - r.measurable, r.goals),
                  "bruten_trad": (r.broken, r.goals), "utan_bedomning": (r.unassessed, r.goals),
                  "utan_malvarde": (r.links_without_target, r.links)}
        rows.append([r.name, r.goals, fraction(r.measurable, r.goals),
                     *(value for f in FINDINGS
                       for value in (counts[f][0], fraction(*counts[f])))])
    return {"quality": Table(f"Målkvalitet {fmt.followup_label(followup.kind, followup.year)}",
                             columns, rows)}


def fraction(part: int, whole: int) -> float | None:
    """part of whole as a share (0.123), None when the whole is 0."""
    return part / whole if whole else None
