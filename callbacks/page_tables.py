"""Every internal page's tables as files (dashboard.downloads): for a page's URL arguments, its
tables by name, typed for Excel and CSV. Each reads the arguments as its page does, through the
same scoped queries and pure functions, so a file holds exactly what the page shows to this
viewer. A page offers them with layouts.base.register_page(..., tables=...)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import callbacks.internal_control as ik
from dashboard.core import formatting as fmt
from dashboard.core.args import BadArgument, one
from dashboard.core.exports import Column, Table
from data_access.queries.filters import may_see_internal_control
from data_access.queries.risks import (
    RISK_BANDS,
    SCALE,
    as_of_date,
    control_plan,
    previous_cells,
    risk_band,
    risk_cells,
    risk_choices,
    risk_detail,
    risk_list,
    risks_by_namnd,
)
from data_access.scope import Viewer


def _args(args: Mapping, *names: str) -> dict:
    """The named URL arguments as single texts."""
    return {name: one(args.get(name)) for name in names}


# --- Internkontroll and Risk ----------------------------------------------------------------------

RISK_FILE_COLUMNS = (
    Column("Kod"), Column("Risk"), Column("Nämnd"), Column("Riskanalys"),
    Column("Process"), Column("Ansvarig enhet"),
    Column("Sannolikhet", "integer"), Column("Konsekvens", "integer"),
    Column("Riskvärde", "integer"), Column("Nivå"), Column("Status"), Column("Förändring"),
    Column("I planen"), Column("Senaste kontroll"), Column("Åtgärder kvar", "integer"),
    Column("Försenade åtgärder", "integer"), Column("Mål"))


def risk_file(title: str, rows: Sequence) -> Table:
    """Risks as a file: everything the list shows, numbers as numbers."""
    return Table(title, RISK_FILE_COLUMNS, [
        [r.code, r.title, r.namnd, str(r.year), r.process, r.owner_unit, r.probability,
         r.consequence, r.risk_value, risk_band(r.risk_value).word, ik.RISK_STATUS_SV[r.status],
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
        raise BadArgument("namnd", str(problem)) from None
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
        "bands": Table(f"Öppna risker per nivå {view.year} (med öppna från tidigare år)",
                       [Column("Nivå"), Column("Riskvärden"), Column("Antal", "integer")],
                       [[b.word, f"{b.low}–{b.high}", bands[b.key]] for b in reversed(RISK_BANDS)]),
        "namnder": Table(f"Risker per nämnd {year} och öppna risker från tidigare år",
                         [Column(ik.NAMND_COLUMNS[0])]
                         + [Column(c, "integer") for c in ik.NAMND_COLUMNS[1:]],
                         [[r.namnd, r.total, r.open, r.open_high, r.open_earlier]
                          for r in per_namnd]),
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
        raise BadArgument("code", ik.RISK_NOT_FOUND_SV)
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


def internkontrollplan_tables(session, viewer: Viewer, args: Mapping) -> dict[str, Table]:
    """The plan a nämnd adopts for a year: one line per kontrollmoment."""
    if not may_see_internal_control(viewer):
        return {}
    try:
        namnd, year = ik.choose_plan(_args(args, "namnd", "year"), risk_choices(session, viewer))
    except ik.BadArgument as problem:
        raise BadArgument("namnd", str(problem)) from None
    return {"plan": Table(
        f"Internkontrollplan {namnd.code} {year}",
        [Column(c, ik.PLAN_KINDS.get(c, "text")) for c in ik.PLAN_COLUMNS],
        ik.plan_values(control_plan(session, viewer, namnd.id, year)))}
