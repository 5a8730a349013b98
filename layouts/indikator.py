"""Indikator: one indicator in detail, its values over time against the målvärde at a unit,
and how every unit that reports it stood at a follow-up.

Also the pieces the Mål sub-pages share (the follow-up options, a link to a goal).
"""

from __future__ import annotations

from dataclasses import dataclass

import dash_bootstrap_components as dbc
from dash import dcc, html

from callbacks import comparisons as cmp
from callbacks import indikator as cb
from callbacks.mal import KIND_LABELS_SV
from dashboard.core import formatting as fmt
from dashboard.core.args import BadArgument
from dashboard.core.exports import Table
from dashboard.core.urls import page_url
from dashboard.core.wording import fill, word
from layouts import comparisons
from layouts.components import (
    card,
    chart,
    data_table,
    download_links,
    header,
    message,
    note,
    selector,
    status_badge,
    table_behind,
    unstretched,
)
from layouts.page import Page

TITLE = "Indikator"
LEAD = (
    "Ett nyckeltal i detalj: vad det mäter, hur utfallet har utvecklats mot målvärdet och "
    "hur enheterna som mäter det står sig mot varandra."
)
GOALS_SHOWN = 5  # linked goals in view; the rest behind "Visa alla"


# --- Pieces shared by the Mål sub-pages ---------------------------------------------------


def period_options(followups) -> list[tuple[str, str]]:
    """Follow-up periods as (key, label), newest first."""
    return [(f.key, fmt.followup_label(f.kind, f.year)) for f in followups]


def goal_link(code: str, title: str):
    """A link to a goal on the Mål page."""
    return dcc.Link(title, href=page_url("mal", goal=code))


# --- The indicator page -------------------------------------------------------------------


def _crumbs(name: str | None = None) -> list:
    return [("Mål", page_url("mal")), (name or TITLE, None)]


def _fact(term: str, *definition) -> list:
    return [html.Dt(term, className="col-sm-4"), html.Dd(list(definition), className="col-sm-8")]


def goal_list(goals: list, shown: int = GOALS_SHOWN) -> list:
    """The linked goals, the first few in view and the rest behind `Visa alla`."""
    def items(part):
        return html.Ul([html.Li([goal_link(g.code, g.title),
                                 html.Span(f" – {KIND_LABELS_SV[g.kind][0]}, {g.owner_name}",
                                           className="text-body-secondary")])
                        for g in part], className="linked-goals mb-0")
    if not goals:
        return [note("Indikatorn är inte kopplad till något mål du kan se.")]
    rest = goals[shown:]
    more = [html.Details([html.Summary(f"Visa alla {len(goals)} mål"), items(rest)],
                         className="mt-1")] if rest else []
    return [items(goals[:shown]), *more]


def facts_card(s: cb.Selection):
    """What the indicator measures, how, from where, and the goals it follows."""
    ind = s.indicator
    facts = html.Dl([
        *_fact("Kod", html.Code(ind.code)),
        *_fact("Mäts i", ind.unit),
        *_fact("Riktning", cb.DIRECTION_TEXT_SV[ind.direction]),
        *_fact("Mäts", cb.FREQUENCY_TEXT_SV[ind.frequency].lower()),
        *_fact("Källa", ind.source),
        *_fact("Kön", "Redovisas för kvinnor och män" if ind.by_sex else "Redovisas inte per kön"),
        *_fact("Perspektiv", ", ".join(s.perspectives) or "Inga angivna"),
        *([*_fact("Typ", fill("Långsiktigt nyckeltal, beslutat av {council}"))] if ind.long_term else []),
    ], className="row facts mb-3")
    return unstretched(card("Om indikatorn", None, facts,
                            html.H3("Följer målen", className="h6"), *goal_list(s.goals),
                            card_id="indikator-facts"))


def controls(s: cb.Selection) -> html.Div:
    """The unit and follow-up selectors."""
    units = [(u.code, f"{u.name} ({fill(cb.LEVEL_TEXT_SV[u.level]).lower()})") for u in s.units]
    if s.unit and s.unit.code not in {code for code, _ in units}:
        units.insert(0, (s.unit.code, s.unit.name))
    return dbc.Row([
        dbc.Col(selector("indikator-unit", "Organisationsenhet", units,
                         s.unit.code if s.unit else None), md=7),
        dbc.Col(selector("indikator-period", "Uppföljningsperiod", period_options(s.followups),
                         s.followup.key if s.followup else None), md=5),
    ], class_name="g-3 mb-4 controls")


def status_card(s: cb.Selection, data: cb.IndicatorData):
    """The latest value at the unit against its målvärde, as symbol and word."""
    fu = s.followup
    when = fmt.followup_label(fu.kind, fu.year) if fu else None
    title = f"Läget för {s.unit.name}"
    mine = [v for v in data.units if v.code == s.unit.code]
    if fu is None:
        return card(title, None, note("Det finns inga uppföljningar ännu."),
                    card_id="indikator-status")
    if not mine:
        return card(title, f"{when} (per {fmt.iso_date(fu.end_date)})",
                    html.P(status_badge("grey"), className="status-line"),
                    note("Inget utfall under de tolv månaderna fram till uppföljningen."),
                    card_id="indikator-status")
    v = mine[0]
    target = cb.unit_target(v)
    ind = s.indicator
    outcome = f"Utfall {fmt.value_in_unit(v.value, ind.unit)} ({cb.period_label(v.period)})"
    year = v.period.partition("-")[0]  # the målvärde is the outcome's year's
    if target is None:
        lines = [f"{outcome}. Det finns inget målvärde för {year}, så utfallet kan inte "
                 "bedömas."]
    else:
        tolerance = cb.tolerance_text(target, ind.unit)
        lines = [f"{outcome} mot målvärdet för {year}, "
                 f"{cb.target_text(target, ind.direction, ind.unit)}"
                 + (f" ({tolerance})." if tolerance else ".")]
        if v.target_set_at != v.name:
            lines.append(f"Målvärdet gäller för {v.target_set_at}; enheten har inget eget.")
    lines.append(f"{cb.DIRECTION_TEXT_SV[ind.direction]}.")
    return card(title, f"{when} (per {fmt.iso_date(fu.end_date)})",
                html.P(status_badge(v.status), className="status-line fs-5 mb-2",
                       id="indikator-status-value"),
                *[html.P(line, className="mb-1") for line in lines],
                card_id="indikator-status")


def series_card(s: cb.Selection, data: cb.IndicatorData):
    """Outcome over time at the unit with the målvärde, women and men, and Kolada's areas."""
    title = f"Utfall över tid – {s.unit.name}"
    if not data.series:
        return card(title, None, note(f"{s.unit.name} har inga värden för den här indikatorn. "
                                      "Välj en annan organisationsenhet ovan."),
                    card_id="indikator-series")
    table = data_table(f"{s.indicator.name}, {s.unit.name}, nyast först", cb.SERIES_COLUMNS,
                       cb.series_rows(s, data.series, data.targets),
                       [False, True, True, True, False, False])
    sources = {v.source for v in data.series} | ({cmp.KOLADA} if data.comparisons else set())
    notes = [cmp.chart_note(data.comparisons, data.compared.about.name)] \
        if data.comparisons else []
    notes.append(cb.source_text(", ".join(sorted(sources))) + ".")
    return unstretched(card(
        title, f"Till och med {cb.period_label(data.series[-1].period)}",
        chart(cb.series_figure(s, data.series, data.targets, data.comparisons),
              cb.series_label(s, data.series), "indikator-series-chart"),
        note(" ".join(notes)),
        download_links("indikator", "series", file_args(s), "värdena"),
        table_behind(table),
        card_id="indikator-series",
    ))


def units_card(s: cb.Selection, data: cb.IndicatorData):
    """Every unit's latest outcome at the follow-up, best first, as a chart and a table."""
    fu = s.followup
    title = "Jämförelse mellan organisationsenheter"
    if fu is None or not data.units:
        return card(title, None, note("Inga organisationsenheter har utfall för uppföljningen."),
                    card_id="indikator-units")
    period = (f"{fmt.followup_label(fu.kind, fu.year)}: senaste utfall under tolv månader "
              f"fram till {fmt.iso_date(fu.end_date)}")
    table = data_table(f"{s.indicator.name} per organisationsenhet, "
                       f"{fmt.followup_label(fu.kind, fu.year)}", cb.UNITS_COLUMNS,
                       cb.units_rows(s, data.units), [False, True, False, False, False])
    if len(data.units) == 1:
        return card(title, period,
                    note(f"Bara {data.units[0].name} har utfall för uppföljningen bland det du kan "
                         f"se, så det finns inget att jämföra med inom {word('noun')}."),
                    table, download_links("indikator", "units", file_args(s), "jämförelsen"),
                    card_id="indikator-units")
    return card(
        title, period,
        note("Bäst först. Staplarnas färg och symbol visar status mot enhetens målvärde; "
             "det lodräta strecket är målvärdet."),
        dbc.Row([
            dbc.Col(chart(cb.units_figure(s, data.units), cb.units_label(s, data.units),
                          "indikator-units-chart"), xxl=7),
            dbc.Col([table, download_links("indikator", "units", file_args(s), "jämförelsen")],
                    xxl=5),
        ], class_name="g-4"),
        card_id="indikator-units",
    )


def file_args(s: cb.Selection) -> dict:
    """The URL arguments of the view shown, for its table downloads."""
    return {"code": s.indicator.code, "unit": s.unit.code if s.unit else None,
            "period": s.followup.key if s.followup else None}


def _no_indicator() -> list:
    return [*header(_crumbs(), TITLE, LEAD),
            message("Ingen indikator är vald. Välj en indikator under ett mål på sidan Mål.",
                    ("Till Mål", page_url("mal")))]


# --- The page ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Args:
    """`?code=HSV-003&unit=HSN&period=2026-T2`: the indicator, the unit (default: the first
    linked goal's owner that reports it) and the follow-up (default: the latest with data)."""

    code: str | None = None
    unit: str | None = None
    period: str | None = None


@dataclass(frozen=True)
class IndikatorData:
    """What the page shows: the selection the arguments ask for (None without a code) and its
    values (None when the viewer may see none), or why the arguments cannot be shown."""

    args: Args
    selection: cb.Selection | None = None
    values: cb.IndicatorData | None = None
    problem: BadArgument | None = None


def load(session, viewer, args: Args) -> IndikatorData:
    """The indicator, unit and follow-up the arguments name, and their values."""
    try:
        selection = cb.resolve(session, viewer, args.code, args.unit, args.period)
    except BadArgument as error:
        # The page keeps the indicator's code for its way back (problem() has only the error).
        return IndikatorData(args, problem=error)
    if selection is None or selection.unit is None:
        return IndikatorData(args, selection)
    return IndikatorData(args, selection, cb.indicator_data(session, viewer, selection))


def _refused(error: BadArgument, code: str | None) -> list:
    """A bad argument: why, and the way to the indicator without choices or to Mål."""
    links = [("Till Mål", page_url("mal"))]
    if error.argument != "code":
        links.insert(0, ("Visa indikatorn utan val", page_url("indikator", code=code)))
    return [*header(_crumbs(), TITLE, LEAD), message(str(error), *links)]


def view(data: IndikatorData) -> list:
    """The selectors, the status at the unit, the facts, the values over time and every
    unit's latest outcome."""
    if data.problem is not None:
        return _refused(data.problem, data.args.code)
    selection, values, args = data.selection, data.values, data.args
    if selection is None:
        return _no_indicator()
    ind = selection.indicator
    top = [*header(_crumbs(ind.name), ind.name, ind.description or LEAD),
           dcc.Store(id="indikator-args",
                     data={"code": args.code, "unit": args.unit, "period": args.period})]
    if values is None:
        return [*top, dbc.Row(dbc.Col(facts_card(selection), xl=6)),
                message("Det finns inga värden för indikatorn som du har behörighet att se.")]
    return [
        *top,
        controls(selection),
        # The status comes first on a phone, the chart first on a wider screen.
        dbc.Row([
            dbc.Col([unstretched(status_card(selection, values)), facts_card(selection)],
                    xl=4, class_name="d-flex flex-column gap-4 order-xl-2"),
            dbc.Col(series_card(selection, values), xl=8, class_name="order-xl-1"),
        ], class_name="g-4 mb-4"),
        *comparison_row(selection, values),
        # In a row, so that it is as wide as the row above on a big screen.
        dbc.Row(dbc.Col(units_card(selection, values))),
    ]


def comparison_row(s: cb.Selection, data: cb.IndicatorData) -> list:
    """The organisation beside Kolada's areas: per year, its rank, the region's kommuner."""
    unit = s.indicator.unit
    yearly = comparisons.yearly_card("indikator", data.compared, unit)
    ranked = [*comparisons.ranking_card("indikator", data.compared, unit, file_args(s)),
              *comparisons.kommuner_card("indikator", data.compared, unit)]
    if not yearly and not ranked:
        return []
    # The yearly table is wide (a column per line): a row of its own.
    return [dbc.Row([*(dbc.Col(c, xs=12) for c in yearly), *(dbc.Col(c, lg=6) for c in ranked)],
                    class_name="g-4 mb-4", id="indikator-comparisons")]


def tables(data: IndikatorData) -> dict[str, Table]:
    """The indicator's values over time at the unit, Kolada's comparisons (every area per
    year, with the organisation's rank), and every unit's at the follow-up."""
    if data.problem is not None:
        raise data.problem
    selection, values = data.selection, data.values
    if selection is None or values is None:
        return {}
    files = {"series": cb.series_table(selection, values.series, values.targets)}
    if values.compared.any:
        files["comparisons"] = cmp.comparison_table(
            selection.indicator.name, values.compared.file_rows(selection.indicator))
    if selection.followup is not None:
        files["units"] = cb.units_table(selection, values.units)
    return files


PAGE = Page(
    key="indikator", path="/mal/indikator", title=TITLE, lead=LEAD, access="internal",
    order=20, section="mal", args=Args, load=load, layout=view, tables=tables,
)
