"""Nyckeltal: one published indicator for everyone: what it means and why it matters, how it
has developed against its målvärde, for women and men, and against the areas of the
organisation's comparison set (Kolada), with its data to download."""

from __future__ import annotations

from dataclasses import dataclass, field

import dash_bootstrap_components as dbc
from dash import dcc, html

from callbacks import comparisons as cmp
from callbacks import indikator as cb
from callbacks import oppna_data as shape
from callbacks.mal import area_parts, kind_label
from dashboard.core.wording import fill
from dashboard.core import formatting as fmt
from dashboard.core.args import BadArgument
from dashboard.core.exports import Table
from dashboard.core.urls import api_url, download_url, page_url
from dashboard.markup import Markup, static
from data_access import profile
from data_access.profile import Profile
from data_access.queries import open_data as od
from data_access.queries.freshness import kolada_fetched
from data_access.scope import PUBLIC
from layouts import comparisons, public
from layouts.components import (
    freshness,
    kolada_freshness,
    card,
    chart,
    data_table,
    header,
    message,
    note,
    selector,
    status_badge,
    table_behind,
    unstretched,
)
from layouts.page import Page

TITLE = "Nyckeltal"
LEAD = (
    "Ett publicerat nyckeltal i detalj: vad det betyder, hur det har utvecklats mot "
    "målvärdet och hur det står sig i jämförelse med andra."
)


def _crumbs(name: str | None = None) -> list:
    return [("Öppna data", page_url("oppna_data")), (name or TITLE, None)]


def _fact(term: str, *definition) -> list:
    return [html.Dt(term, className="col-sm-5"), html.Dd(list(definition), className="col-sm-7")]


def status_card(view: shape.PublicView) -> dbc.Card:
    """The latest value against the målvärde, in words and symbol, and the change in a year."""
    ind, unit = view.indicator, view.selection.unit
    now = shape.latest(view.series)
    title = f"Läget för {unit.name}"
    if now is None:
        return card(title, None, html.P(status_badge("grey"), className="status-line"),
                    note("Det finns inga värden för nyckeltalet ännu."), card_id="nyckeltal-status")
    target = view.targets.get(now.period_end.year)
    lines = [f"Senaste utfall: {fmt.value_in_unit(now.total, ind.unit)} "
             f"({cb.period_label(now.period)})."]
    if target is None:
        lines.append(f"Det finns inget målvärde för {now.period_end.year}, så utfallet kan inte "
                     "bedömas.")
    else:
        lines.append(f"Målvärde {now.period_end.year}: "
                     f"{cb.target_text(target, ind.direction, ind.unit)}.")
    lines += [f"{cb.DIRECTION_TEXT_SV[ind.direction]}.", shape.change_text(view)]
    if ind.by_sex and (now.women is not None or now.men is not None):
        lines.append(f"{shape.sex_text(now, ind.unit)}.")
    status = cb.status_for(now, view.targets, ind.direction)
    return card(title, f"Senaste utfall: {cb.period_label(now.period)}",
                html.P(status_badge(status), className="status-line fs-5 mb-2",
                       id="nyckeltal-status-value"),
                *[html.P(line, className="mb-1") for line in lines if line],
                card_id="nyckeltal-status")


def about_card(view: shape.PublicView, areas: dict[str, str], perspectives: dict[str, str]):
    """What the indicator measures, how and from where, and the published goals it follows."""
    ind = view.indicator
    goals = [html.Li([html.A(g.title, href=page_url("oppna_mal") + f"#mal-{g.code}"),
                      html.Span(f" – {kind_label(g.kind)}, {g.owner_name}",
                                className="text-body-secondary")])
             for g in view.selection.goals]
    facts = [
        *_fact("Kod", html.Code(ind.code)),
        *_fact("Mäts i", ind.unit),
        *_fact("Riktning", cb.DIRECTION_TEXT_SV[ind.direction]),
        *_fact("Mäts", cb.FREQUENCY_TEXT_SV[ind.frequency].lower()),
        *_fact("Källa", ind.source),
        *_fact("Kön", "Redovisas för kvinnor och män" if ind.by_sex else "Redovisas inte per kön"),
    ]
    if ind.areas:
        facts += _fact("Målområde", ", ".join(areas[c] for c in ind.areas if c in areas))
    if ind.perspectives:
        facts += _fact("Perspektiv", ", ".join(perspectives[c] for c in ind.perspectives
                                               if c in perspectives))
    return unstretched(card(
        "Om nyckeltalet", None,
        *([html.P(ind.description)] if ind.description else []),
        html.Dl(facts, className="row facts mb-3"),
        html.H3("Följer målen", className="h6"),
        html.Ul(goals, className="linked-goals mb-0") if goals else note(
            "Nyckeltalet är inte kopplat till något publicerat mål."),
        card_id="nyckeltal-about",
    ))


def series_card(view: shape.PublicView, about: Profile):
    """Values over time with the målvärde, women and men and Kolada's areas; the same as a table."""
    s, unit = view.selection, view.selection.unit
    title = f"Utveckling över tid – {unit.name}"
    if not view.series:
        return card(title, None, note(f"{unit.name} har inga värden för nyckeltalet."),
                    card_id="nyckeltal-series")
    table = data_table(f"{s.indicator.name}, {unit.name}, nyast först", cb.SERIES_COLUMNS,
                       cb.series_rows(s, view.series, view.targets),
                       [False, True, True, True, False, False], stacked=True)
    sources = {v.source for v in view.series} | ({shape.KOLADA} if view.comparisons else set())
    notes = ["Den streckade gröna linjen är målvärdet."] if view.targets else []
    if view.comparisons:
        notes.append(cmp.chart_note(view.comparisons, about.name))
    notes.append(cb.source_text(", ".join(sorted(sources))) + ".")
    drawn = chart(cb.series_figure(s, view.series, view.targets, view.comparisons),
                  cb.series_label(s, view.series), "nyckeltal-series-chart")
    shown = unstretched(card(
        title, f"Till och med {cb.period_label(view.series[-1].period)}",
        drawn,
        note(" ".join(notes)),
        table_behind(table),
        card_id="nyckeltal-series",
    ))
    # As HTML (dashboard.markup) where the chart is drawn on the server (the public's):
    # nothing updates the card. A plotly chart (logged in) must stay a component.
    return static(shown) if isinstance(drawn, Markup) else shown


def downloads_card(view: shape.PublicView, about: Profile):
    """The indicator's values as files and through the API, and a link for a big screen."""
    code = view.indicator.code
    return unstretched(card(
        "Ladda ned och dela", None,
        html.P(["Alla värden för nyckeltalet, för alla organisationsenheter: ",
                html.A("CSV", href=download_url("csv", code)), " · ",
                html.A("JSON", href=download_url("json", code)), " · ",
                html.A("API", href=api_url("values", indicator=code)), "."]),
        html.P(dcc.Link("Visa nyckeltalet i storbildsläge", href=page_url("storbild", codes=code))),
        public.licence_line(about),
        card_id="nyckeltal-downloads",
    ))


def _unit_control(view: shape.PublicView) -> list:
    units = [(u.code, f"{u.name} ({fill(cb.LEVEL_TEXT_SV[u.level]).lower()})")
             for u in view.selection.units]
    if len(units) < 2:
        return []
    return [dbc.Row(dbc.Col(html.Div(selector("nyckeltal-unit", "Organisationsenhet", units,
                                              view.selection.unit.code),
                                     **{"data-refocus": "1"}), md=7, xl=5),
                    class_name="mb-4 controls")]


# --- The page ---------------------------------------------------------------------------

NO_INDICATOR_SV = "Inget nyckeltal är valt. Välj ett nyckeltal i listan på sidan Öppna data."


@dataclass(frozen=True)
class Args:
    """`?code=N70061&unit=HSN`: the indicator and the unit (default: the highest reporting)."""

    code: str | None = None
    unit: str | None = None


@dataclass(frozen=True)
class IndicatorData:
    """What the page shows: the indicator at the unit, and the names of the målområden and
    perspectives it belongs to; or, for a unit without its values, why not (`wrong_unit`)."""

    code: str
    unit: str | None
    view: shape.PublicView | None = None
    areas: dict[str, str] = field(default_factory=dict)
    perspectives: dict[str, str] = field(default_factory=dict)
    wrong_unit: str | None = None
    fresh: str = ""  # for Kolada's figures: the day they were fetched
    about: Profile = profile.UNSET


def load(session, _viewer, args: Args) -> IndicatorData:
    """The published indicator and its values at the unit; BadArgument without a code or for
    one that is not published."""
    if not args.code:
        raise BadArgument("code", NO_INDICATOR_SV)
    try:
        view = shape.public_view(session, args.code, args.unit)
    except BadArgument as error:
        if error.argument == "code":
            raise
        # The way back is the same indicator without the unit: the view says it.
        return IndicatorData(args.code, args.unit, wrong_unit=str(error))
    from_kolada = view.indicator.source.casefold() == "kolada" or bool(view.comparisons)
    return IndicatorData(
        args.code, args.unit, view,
        {c.code: area_parts(c.name)[0] for c in shape.area_choices(session)},
        {c.code: c.name for c in od.perspectives(session, PUBLIC)},
        fresh=kolada_freshness(kolada_fetched(session, PUBLIC)) if from_kolada else "",
        about=profile.current(session))


def view(data: IndicatorData) -> list:
    """Status, what it is, how it has developed and compares, and its files."""
    if data.view is None:
        return [*header(_crumbs(), TITLE, LEAD),
                message(data.wrong_unit or "",
                        ("Visa nyckeltalet", page_url("nyckeltal", code=data.code)),
                        ("Till Öppna data", page_url("oppna_data")))]
    shown, ind = data.view, data.view.indicator
    top = [*header(_crumbs(ind.name), ind.name, ind.explanation or ind.description or LEAD),
           *([freshness(data.fresh, "nyckeltal-aktualitet")] if data.fresh else []),
           public.view_stores("nyckeltal", {"code": ind.code},
                              {"code": ind.code, "unit": data.unit})]
    if shown.selection.unit is None:
        return [*top, dbc.Row(dbc.Col(about_card(shown, data.areas, data.perspectives), xl=6)),
                note("Det finns inga värden för nyckeltalet ännu.")]
    return [
        *top,
        *_unit_control(shown),
        dbc.Row([
            # As HTML (dashboard.markup): nothing updates these three cards, and Dash's
            # renderer would otherwise draw some forty components for them on a phone.
            dbc.Col([static(unstretched(status_card(shown))),
                     static(about_card(shown, data.areas, data.perspectives)),
                     static(downloads_card(shown, data.about))],
                    xl=4, class_name="d-flex flex-column gap-4 order-xl-2"),
            dbc.Col([series_card(shown, data.about),
                     # As HTML: nothing updates them, and they hold no chart.
                     *(static(part) for part in (comparisons.cards(
                         "nyckeltal", shown.compared, ind.unit, {"code": ind.code},
                         stacked=True) if shown.compared else []))], xl=8,
                    class_name="d-flex flex-column gap-4 order-xl-1"),
        ], class_name="g-4"),
    ]


def tables(data: IndicatorData) -> dict[str, Table]:
    """Kolada's comparisons of the published indicator: every area per year, with the
    organisation's rank (the values themselves are the open-data files')."""
    if data.view is None:
        raise BadArgument("unit", data.wrong_unit or NO_INDICATOR_SV)
    compared, ind = data.view.compared, data.view.indicator
    if compared is None or not compared.any:
        return {}
    return {"comparisons": cmp.comparison_table(ind.name, compared.file_rows(ind))}


def problem(error: BadArgument) -> list:
    """No indicator, or one that is not published: why, and the way to the list of them."""
    return [*header(_crumbs(), TITLE, LEAD),
            message(str(error), ("Till Öppna data", page_url("oppna_data")))]


PAGE = Page(
    key="nyckeltal", path="/oppna-data/nyckeltal", title=TITLE, lead=LEAD, access="public",
    order=150, section="oppna_data", args=Args, load=load, layout=view, tables=tables,
    static_parts=True,
    problem=problem,
    class_name="page public-page",
)
