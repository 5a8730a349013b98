"""Every internal page's tables as files (dashboard.downloads): for a page's URL arguments, its
tables by name, typed for Excel and CSV. Each reads the arguments as its page does, through the
same scoped queries and pure functions, so a file holds exactly what the page shows to this
viewer. A page offers them with layouts.base.register_page(..., tables=...)."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import callbacks.internal_control as ik
from callbacks import economy as eco
from callbacks import forecast, grants, quality
from callbacks import goals as shape
from callbacks import indicators as ind
from callbacks import measures as msr
from callbacks import uppdrag as upp
from callbacks.report import goal_table
from dashboard.core import formatting as fmt
from dashboard.core.args import ALL, BadArgument, one
from dashboard.core.exports import Column, Table, covering
from data_access.queries import goal_tree
from data_access.queries.filters import may_see_internal_control
from data_access.queries.goals import followups
from data_access.queries.quality import goal_findings
from data_access.scope import Viewer


def _args(args: Mapping, *names: str) -> dict:
    """The named URL arguments as single texts."""
    return {name: one(args.get(name)) for name in names}


def _filter(value: str | None) -> str | None:
    """A filter's argument, None for all (absent, empty or `alla`)."""
    return None if value in (None, "", ALL) else value


# --- Mål --------------------------------------------------------------------------------------


def mal_tables(session, viewer: Viewer, args: Mapping) -> dict[str, Table]:
    """The goals one level down (at the start: the målområden); for a goal also its uppdrag, the
    risks linked to it and each indicator's values (`indikator-<code>`)."""
    wanted = _args(args, "goal", "period")
    periods = followups(session, viewer)
    followup = shape.choose_followup(periods, wanted["period"])
    if followup is None:
        raise BadArgument("period", shape.BAD_PERIOD_SV)
    previous = shape.previous_followup(periods, followup)
    header = (goal_tree.find_goal(session, viewer, wanted["goal"], followup.id)
              if wanted["goal"] else None)
    if wanted["goal"] and header is None:
        raise BadArgument("goal", shape.NOT_FOUND_SV)
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
                                  [[u.title, u.assignee, upp.UPPDRAG_STATUS_SV[u.status].word,
                                    fmt.iso_date(u.deadline)]
                                   for u in goal_tree.goal_uppdrag(session, viewer, top.id)])
        tables |= {shape.indicator_table_name(v.indicator.code): shape.indicator_file(v)
                   for v in goal_tree.goal_indicator_values(
                       session, viewer, top.id, header.owner_unit_id,
                       shape.trend_first_year(followup), followup.end_date)}
    if header is not None and may_see_internal_control(viewer):
        tables["risks"] = Table("Risker", [Column("Risk"), Column("Nämnd"),
                                           Column("Riskvärde", "integer"), Column("Status")],
                                [[r.title, r.namnd, r.risk_value, ik.RISK_STATUS_SV[r.status]]
                                 for r in goal_tree.goal_risks(session, viewer, top.id)
                                 if r.year == followup.year])
    return covering(tables, f"{top.title}, {shape.followup_text(followup)}")


def indikator_tables(session, viewer: Viewer, args: Mapping) -> dict[str, Table]:
    """The indicator's values over time at the unit, and every unit's at the follow-up."""
    wanted = _args(args, "code", "unit", "period")
    selection = ind.resolve(session, viewer, wanted["code"], wanted["unit"], wanted["period"])
    if selection is None or selection.unit is None:
        return {}
    data = ind.indicator_data(session, viewer, selection)
    tables = {"series": ind.series_table(selection, data.series, data.targets)}
    if selection.followup is not None:
        tables["units"] = ind.units_table(selection, data.units)
    return tables


# --- Ekonomi ------------------------------------------------------------------------------------


def ekonomi_tables(session, viewer: Viewer, args: Mapping) -> dict[str, Table]:
    """Month by month, the units one level down, the kinds of cost and revenue and, for the
    region, the financial goals."""
    wanted = _args(args, "unit", "year", "month")
    try:
        view = eco.resolve(session, viewer, wanted["unit"], wanted["year"], wanted["month"])
    except eco.BadArgument as problem:
        raise BadArgument("unit", str(problem)) from None
    data = eco.economy_data(session, viewer, view)
    lines = eco.month_lines(data.amounts.months(), view.month)
    tables = {"months": eco.months_table(view, lines), "categories": eco.category_table(
        view, eco.category_lines(data.amounts.by_category(view.month)))}
    if data.children and view.unit.level in eco.CHILD_LABELS_SV:
        tables["children"] = eco.children_table(view, eco.child_rows(view, data))
    if data.goals:
        tables["goals"] = Table(
            "Finansiella mål", [Column("Mål"), Column("Utfall"), Column("År"),
                                Column("Målvärde"), Column("Status")],
            [[g.name, eco.goal_value(g.outcome, g.unit), g.period or "",
              eco.goal_target(g), shape.STATUS_LABELS_SV[eco.goal_status(g)].word]
             for g in data.goals])
    return covering(tables, f"{view.unit.name}, {eco.period_text(view)}")


def _by_namnd_and_year(session, viewer: Viewer, args: Mapping, load: Callable,
                       files: Callable) -> dict[str, Table]:
    """The tables `files(data, year)` of an Ekonomi sub-page whose `load(session, viewer,
    namnd, year)` reads its `namnd` and `year` arguments; none when there is no year."""
    wanted = _args(args, "namnd", "year")
    data = load(session, viewer, _filter(wanted["namnd"]), wanted["year"])
    year = data.selection.year
    return {} if year is None else files(data, year)


def statsbidrag_tables(session, viewer: Viewer, args: Mapping) -> dict[str, Table]:
    """The grants, at risk first, and their sums per nämnd."""
    return _by_namnd_and_year(session, viewer, args, grants.grants_data, lambda data, year: {
        "grants": grants.export_table(f"{grants.TITLE_SV} {year}", data.grants),
        "sums": grants.sums_table(f"{grants.TITLE_SV} {year} per nämnd", data.grants)})


def atgarder_tables(session, viewer: Viewer, args: Mapping) -> dict[str, Table]:
    """The measures, by nämnd, and their sums per nämnd."""
    return _by_namnd_and_year(session, viewer, args, msr.measures_data, lambda data, year: {
        "measures": msr.export_table(f"{msr.TITLE_SV} {year}", data.measures),
        "sums": msr.sums_table(f"Effekt per nämnd {year}", data.measures)})


def prognossakerhet_tables(session, viewer: Viewer, args: Mapping) -> dict[str, Table]:
    """Per nämnd the verdict, the error per month, and every month's prognos with its error."""
    data = forecast.forecast_data(session, viewer, _args(args, "year")["year"])
    if data.year is None:
        return {}
    return {"summary": forecast.summary_table(data), "months": forecast.month_table(data),
            "forecasts": forecast.export_table(data)}


# --- Uppdrag and Målkvalitet --------------------------------------------------------------------


def malkvalitet_tables(session, viewer: Viewer, args: Mapping) -> dict[str, Table]:
    """The auditors' figures per nämnd at the follow-up and, for a `lista`, the goals behind
    one of them."""
    view = quality.resolve(session, viewer, *_args(args, "period", "namnd", "lista").values())
    if view is None:
        return {}
    tables = {"quality": quality.quality_file(view.rows, view.followup)}
    if view.lista:
        tables["list"] = quality.finding_file(
            goal_findings(session, viewer, view.followup, view.lista, view.namnd), view.lista,
            view.followup)
    return tables
