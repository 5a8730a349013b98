"""Ekonomi: budget, utfall and prognos month by month, from the whole region down to each enhet.

`/ekonomi?unit=HSN&year=2026&month=10` shows one unit at one month: key figures for the year
to date, the months as a chart, the units one level down (each a link one step further), the
breakdown by category and, for the region, fullmäktige's financial goals. Drill-down is
ordinary links, so the browser's back button and copied URLs reproduce every view.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import dash_bootstrap_components as dbc
from dash import dcc, html

from callbacks import ekonomi as cb
from dashboard.core import formatting as fmt
from dashboard.core.args import BadArgument, read_page
from dashboard.core.exports import Column, Table, covering
from dashboard.core.urls import page_path, page_search, page_url
from dashboard.core.wording import fill, word
from data_access.queries.filters import may_see_economy
from data_access.queries.freshness import last_utfall_month
from data_access.status import STATUS_LABELS_SV
from layouts.components import (
    economy_freshness,
    freshness,
    breadcrumb,
    light,
    light_link,
    card,
    chart,
    data_table,
    download_links,
    login_card,
    message,
    note,
    page_links,
    selector,
    status_badge,
    table_behind,
)
from layouts.page import Page, section_nav

TITLE = "Ekonomi"
LEAD = (
    "Hur ekonomin går jämfört med budget, månad för månad: för {whole}, "
    "för varje nämnd och ner till varje enhet."
)
KEY = cb.KEY

# --- The header --------------------------------------------------------------------------


def _header(*above_title) -> html.Div:
    """Sub-navigation, what is above the title (breadcrumbs), the page's h1 and lead."""
    return html.Div(
        [section_nav("ekonomi", KEY), *above_title, html.H1(TITLE, id=f"{KEY}-heading", tabIndex="-1"),
         html.P(fill(LEAD), className="lead")],
        className="page-header eko-header",
    )


def _breadcrumbs(view: cb.View, data: cb.EconomyData) -> list:
    """Links from the region down to the unit above, then this unit (none at the region)."""
    if not data.trail:
        return []
    above = [(u.name, view.unit_url(u.code)) for u in data.trail]
    return [breadcrumb(*above, (view.unit.name, None))]


def _unit_title(view: cb.View) -> html.Div:
    """The unit's name, its level and the months and money the figures are in."""
    return html.Div(
        [html.P(fill(cb.LEVEL_LABELS_SV[view.unit.level]), className="eyebrow"),
         html.H2(view.unit.name, className="eko-unit-name", id=f"{KEY}-unit"),
         html.P(f"{cb.period_text(view)} · belopp i {view.money} "
                f"({cb.UNIT_WORDS_SV[view.money]})", className="eko-unit-period"),
         html.P(dcc.Link(f"Mer om {view.unit.name}: mål, nyckeltal, risker och uppdrag",
                         href=page_url("enhet", code=view.unit.code, year=view.year,
                                       month=view.month), id=f"{KEY}-unit-page"),
                className="eko-unit-page mb-0")],
        className="eko-unit",
    )


def _how_to_read() -> html.Details:
    """"Så läser du siffrorna": signs, units and the status rule, folded away until asked for."""
    rules = [light("Li", [status_word(status), f": {text}"])
             for status, text in cb.STATUS_RULES_SV.items()]
    return html.Details(
        [html.Summary("Så läser du siffrorna"),
         light("Div", [*(light("P", fill(text)) for text in cb.SIGNS_TEXT_SV),
                       light("P", light("Strong", "Status för avvikelsen från januari till den "
                                                  "valda månaden")),
                       light("Ul", rules)], className="rule-text")],
        className="rule-explanation", id=f"{KEY}-signs",
    )


def _toolbar(view: cb.View) -> html.Div:
    """Year and month selectors (they write the URL), the permalink and how to read."""
    return html.Div(
        [selector(f"{KEY}-year", "År", cb.year_options(view), page_search(**view.args)),
         selector(f"{KEY}-month", "Till och med månad", cb.month_options(view),
                  page_search(**view.args)),
         html.Div([html.Span("Länk till vyn", className="fw-semibold"),
                   dcc.Link(view.url, href=view.url, id=f"{KEY}-permalink",
                            className="eko-permalink")],
                  className="eko-permalink-box"),
         _how_to_read()],
        className="eko-toolbar",
    )


def _unit_change(view: cb.View, data: cb.EconomyData) -> list:
    """Where amounts change from mnkr to tkr: said right under the unit's name."""
    text = cb.unit_change_text(view, data.trail)
    return [html.P(text, className="alert alert-info py-2 eko-unit-change",
                   id=f"{KEY}-unit-change")] if text else []


def _scope_note(sees_everything: bool, own_namnder: int, view: cb.View,
                data: cb.EconomyData) -> list:
    """For a nämnd member: what they see, and why units below are missing."""
    if sees_everything:
        return []
    yours = "din nämnd" if own_namnder == 1 else "dina nämnder"
    text = (f"Du ser {word('whole')}s och alla nämnders totala belopp, och detaljer ner till "
            f"enheterna för {yours}.")
    if data.hidden_children:
        text += f" {view.unit.name} hör inte till {yours}, så enheterna under den visas inte."
    return [note(text)]


# --- Key figures ----------------------------------------------------------------------------


def status_word(status: str) -> dict:
    """A deviation status as a badge: symbol and word, never colour alone (a light element)."""
    label = cb.ECONOMY_STATUS_SV[status]
    return light(
        "Span",
        [light("Span", label.symbol, className="status-symbol", **{"aria-hidden": "true"}),
         label.word],
        className=f"status-badge status-{status}",
    )


def _figure(title: str, value: str, explanation, card_id: str, extra=None) -> dbc.Col:
    """One key figure: a title, the value, a line saying what it means."""
    body = [light("H3", title, className="eko-kpi-title"),
            light("P", value, className="eko-kpi-value", id=f"{card_id}-value")]
    if extra is not None:
        body.append(extra)
    body.append(light("P", explanation, className="eko-kpi-explanation"))
    return dbc.Col(html.Div(body, className="eko-kpi", id=card_id), xs=12, sm=6, lg=4, xxl=True,
                   class_name="eko-kpi-col")


def _key_figures(view: cb.View, figures) -> html.Section:
    """Utfall, avvikelse (with its status), budget, prognos and prognosavvikelse: each titled
    with its months, each a result (intäkter minus kostnader), subtracting as shown."""
    months, year = cb.period_text(view), f"helår {view.year}"
    ytd, whole = cb.to_date(figures, view.money), cb.whole_year(figures, view.money)
    status = cb.deviation_status(figures)
    share = cb.deviation_share(figures)
    prognos_note = (f"Prognosen för resultatet, lämnad i {fmt.month_name(view.month)} "
                    f"{view.year}." if figures.prognos_tkr is not None
                    else f"Ingen prognos lämnades i {fmt.month_name(view.month)} {view.year}.")
    cards = [
        _figure(f"Resultat {months}", ytd.amount(ytd.outcome),
                f"Utfall: intäkter minus kostnader. Budget för samma månader: "
                f"{ytd.amount(ytd.budget)}.", f"{KEY}-utfall"),
        _figure(f"Avvikelse {months}", ytd.amount(ytd.difference, signed=True),
                f"Utfall minus budget{cb.subtraction(ytd)}. Minus betyder sämre än budget.",
                f"{KEY}-deviation",
                light("P", [status_word(status),
                            light("Span", cb.share_text(share), className="eko-share",
                                  id=f"{KEY}-deviation-share")],
                      className="eko-kpi-status", id=f"{KEY}-deviation-status")),
        _figure(f"Budgeterat resultat {year}", whole.amount(whole.budget),
                f"Intäkter minus kostnader, januari–december {view.year}.",
                f"{KEY}-year-budget"),
        _figure(f"Prognos för resultatet {year}", whole.amount(whole.outcome), prognos_note,
                f"{KEY}-prognos"),
        _figure(f"Prognosavvikelse {year}", whole.amount(whole.difference, signed=True),
                f"Prognos minus budget för helåret{cb.subtraction(whole)}. Minus betyder att "
                "året väntas sluta sämre än budget.", f"{KEY}-forecast-deviation"),
    ]
    return html.Section(
        [html.H2(f"Nyckeltal {months}", className="visually-hidden"),
         dbc.Row(cards, class_name="g-3")],
        className="eko-kpis", **{"aria-label": "Nyckeltal"},
    )


# --- Cards ----------------------------------------------------------------------------------


def _chart_card(view: cb.View, data: cb.EconomyData) -> dbc.Card:
    """Cumulative budget against utfall, the prognos path and the monthly deviation."""
    unit, figures = view.money, data.figures(view.month)
    lines = cb.month_lines(data.amounts.months(), view.month)
    figure = cb.monthly_figure(lines, view.month, figures.prognos_tkr, unit)
    label = (f"Diagram: budget och utfall ackumulerat {cb.period_text(view)} för "
             f"{view.unit.name}, prognos till årets slut och avvikelse per månad. "
             "Samma siffror finns i tabellen under diagrammet.")
    table = data_table(
        f"Resultat per månad: budget, utfall och prognos {view.year}, {unit}",
        cb.month_headers(unit), cb.month_rows(lines, view.month, unit), [False] + [True] * 6,
    )
    return card(
        "Månad för månad", f"{view.year}, belopp i {unit}",
        note("Linjerna visar budget och utfall summerat från januari. Den streckade linjen är "
             "prognosen fram till årets slut. Staplarna under visar avvikelsen varje månad: "
             "nedåt är sämre än budget, uppåt bättre."),
        chart(figure, label, f"{KEY}-chart"), table_behind(table),
        download_links(KEY, "months", view.args, "månaderna"),
        card_id=f"{KEY}-months",
    )


def _next_sort(view: cb.View, field: str) -> str | None:
    """The order a click on a column's header asks for: ascending first, descending when the
    column is the ascending order already (None: the default order, left out of the URL)."""
    order = f"-{field}" if view.sort == field else field
    return None if order == cb.DEFAULT_SORT else order


def _sort_header(view: cb.View, field: str, text: str, numeric: bool) -> dict:
    """A column's header: a link to the same view in the order by that column, from the first
    page; the sorted column says so (aria-sort) and shows its direction."""
    current = view.sort.removeprefix("-") == field
    descending = view.sort.startswith("-")
    arrow = ("▼" if descending else "▲") if current else "↕"
    link = light_link(
        [text, light("Span", f" {arrow}", className="sort-arrow", **{"aria-hidden": "true"})],
        page_url(KEY, **view.args | {"sort": _next_sort(view, field)}),
        id=f"{KEY}-sort-{field}", className="sort-link")
    extra = {"aria-sort": "descending" if descending else "ascending"} if current else {}
    classes = "eko-col-name" if field == "name" else "text-end" if numeric else None
    return light("Th", link, scope="col", className=classes, **extra)


def _table_head(view: cb.View) -> dict:
    """Two header rows: the level over the names and the months over each group of figures
    (amounts under headers naming the unit), then a sortable header per column."""
    level = cb.CHILD_LABELS_SV.get(view.unit.level, "Enheter")
    groups = [light("Th", level, scope="col", className="eko-col-name")] + [
        light("Th", cb.group_header(view, period), scope="colgroup", className="eko-group",
              colSpan=sum(1 for c in cb.FIGURE_COLUMNS if c.period == period))
        for period in (cb.TO_DATE, cb.WHOLE_YEAR)]
    columns = [_sort_header(view, "name", "Namn", False)] + [
        _sort_header(view, c.field, cb.table_header(view, c), c.kind != "status")
        for c in cb.FIGURE_COLUMNS]
    return light("Thead", [light("Tr", groups), light("Tr", columns)])


def _phone_label(view: cb.View, column) -> str:
    """A cell's label on a phone, its group's months in it, e.g. `Avvikelse jan–okt 2026
    (mnkr)` (the header's soft hyphen kept, so that a long word may break)."""
    unit = f" ({view.money})" if column.kind == "amount" else ""
    return f"{column.header} {cb.months_text(view, column.period)}{unit}"


# On a phone, where each row is a block of labelled cells, these come first after the name.
FIRST_ON_PHONES = {"status", "deviation"}


def _table_row(row: dict, labels: dict[str, str]) -> dict:
    """A unit's row (light elements): its name a link one step down, the figures as Swedish
    text right-aligned, the status as symbol and word; `labels` name the cells on a phone."""
    return _row_maker(labels)(row)


def _row_maker(labels: dict[str, str]):
    """`_table_row` for the rows of one table, each column's class and label worked out once."""
    columns = []
    for column in cb.FIGURE_COLUMNS:
        first = ["stack-first"] if column.field in FIRST_ON_PHONES else []
        status = column.kind == "status"
        classes = " ".join(first) or None if status else " ".join(["text-end", *first])
        columns.append((status, f"{column.field}_text", classes,
                        {"data-label": labels[column.field]}))

    def table_row(row: dict) -> dict:
        name = light_link(row["name"], row["href"]) if row["href"] else row["name"]
        if row["code"]:  # and to the unit's own page, beside the drill-down
            name = [name, " ", light_link("Enhetssida", row["unit_page"],
                                          className="eko-unit-page",
                                          **{"aria-label": f"Enhetssida för {row['name']}"})]
        cells = [light("Th", name, scope="row", className="eko-col-name")]
        for status, text, classes, label in columns:
            if status:
                cells.append(light("Td", light("Span", [
                    light("Span", row["status_symbol"], className="status-symbol",
                          **{"aria-hidden": "true"}), row["status_word"]],
                    className=f"status-badge status-{row['status']}"), className=classes,
                    **label))
            else:
                cells.append(light("Td", row[text], className=classes, **label))
        return light("Tr", cells, **({"data-href": row["href"]} if row["href"] else {}))
    return table_row


def _children_card(view: cb.View, data: cb.EconomyData, entries: list) -> dbc.Card | None:
    """The units one level down, a page at a time in the view's order (worst deviation first
    unless the URL says otherwise), each a link one step down. A plain table of light elements
    (no grid library to load): each column's header is a link to the view in its order."""
    level = cb.CHILD_LABELS_SV.get(view.unit.level)
    if level is None or not data.children:
        return None
    shown = cb.page_of(view, entries)
    rows = cb.child_rows(view, data, shown)
    labels = {c.field: _phone_label(view, c) for c in cb.FIGURE_COLUMNS}
    caption = f"{level} under {view.unit.name}, {cb.period_text(view)}, belopp i {view.money}"
    parts = []
    if view.pages > 1:
        first = (view.page - 1) * cb.PAGE_ROWS
        caption += f", sida {view.page} av {view.pages}"
        parts.append(html.P(f"Visar rad {fmt.number(first + 1)}–{fmt.number(first + len(shown))} "
                            f"av {fmt.number(len(entries))}. Alla finns i filerna nedan.",
                            className="mb-2 page-range", id=f"{KEY}-children-range"))
    table = html.Table(
        [html.Caption(caption, className="visually-hidden"), _table_head(view),
         light("Tbody", [*map(_row_maker(labels), rows)])],
        className="table table-sm data-table eko-table stacked-table", id=f"{KEY}-children")
    # Scrolls sideways in its own box on a narrow screen, the names staying in view.
    parts.append(html.Div(table, role="region", className="eko-table-wrap", tabIndex="0",
                          id=f"{KEY}-children-region", **{"aria-label": caption}))
    if view.pages > 1:
        parts.append(page_links(KEY, view.page, view.pages, view.args, f"Sidor med {level.lower()}"))
    return card(
        level, f"{cb.period_text(view)}, belopp i {view.money}",
        note(f"{cb.sort_text(view)}; klicka på en rubrik för att sortera om. Klicka på ett namn, "
             "eller var som helst på raden, för att se siffrorna för den. "
             + (cb.children_unit_text(view, data.children) or "")),
        *parts,
        download_links(KEY, "children", view.args),
        card_id=f"{KEY}-children-card",
    )


def _category_name(line: cb.CategoryLine, last: bool):
    """A category's name: indented under its parent, the total in bold."""
    if last:
        return html.Strong(line.name)
    return html.Span(line.name, className="eko-subcategory") if line.indented else line.name


def _categories_card(view: cb.View, data: cb.EconomyData) -> dbc.Card:
    """Budget, utfall and avvikelse to date per kind of cost and revenue."""
    unit = view.money
    lines = cb.category_lines(data.amounts.by_category(view.month))
    rows = [[_category_name(line, i == len(lines) - 1), *cb.category_texts(line, unit)]
            for i, line in enumerate(lines)]
    return card(
        "Kostnader och intäkter", f"{cb.period_text(view)}, belopp i {unit}",
        note("Kostnader har minustecken och intäkter plustecken; sista raden är resultatet. "
             f"{cb.CATEGORY_SHARE_TEXT_SV}"),
        data_table(f"Budget, utfall och avvikelse per kategori, {cb.period_text(view)}, {unit}",
                   cb.category_headers(view), rows, [False, True, True, True, True]),
        download_links(KEY, "categories", view.args),
        card_id=f"{KEY}-categories",
    )


def _goals_card(view: cb.View, data: cb.EconomyData) -> dbc.Card | None:
    """Fullmäktige's financial goals: latest outcome, target and status."""
    if not data.goals:
        return None
    rows = [[goal.name, cb.goal_value(goal.outcome, goal.unit), goal.period or fmt.MISSING,
             cb.goal_target(goal), status_badge(cb.goal_status(goal))] for goal in data.goals]
    return card(
        "Finansiella mål", "Mål för god ekonomisk hushållning",
        note(fill("{Council_gen} långsiktiga finansiella mål för {whole}, med senaste "
                  "utfallet ur årsredovisningen och målvärdet för samma år.")),
        data_table("Finansiella mål: utfall, målvärde och status",
                   ["Mål", "Utfall", "År", "Målvärde", "Status"], rows,
                   [False, True, True, True, False]),
        download_links(KEY, "goals", view.args),
        card_id=f"{KEY}-goals",
    )


# --- The page ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Args:
    """`?unit=HSN&year=2026&month=10&sort=-budget&sida=2`: a unit (default: the region) at a
    month (default: the latest with utfall); the order and page of the units under it."""

    unit: str | None = None
    year: str | None = None
    month: str | None = None
    sort: str | None = None  # the order of the units one level down (cb.read_sort)
    sida: str | None = None  # the page of them shown


@dataclass(frozen=True)
class EkonomiData:
    """What the page shows: the view and its figures (both None for a viewer who may see no
    economy: the page then asks them to log in), and what the viewer sees of the region."""

    view: cb.View | None
    economy: cb.EconomyData | None
    sees_everything: bool
    own_namnder: int  # how many nämnder a nämnd member's details are shown for
    fresh: str = ""  # how fresh the economy is: its latest month of utfall
    entries: list = field(default_factory=list)  # the children table in order (cb.table_entries)


def load(session, viewer, args: Args) -> EkonomiData:
    """The view the URL asks for and every figure it shows; BadArgument when there is none."""
    if not may_see_economy(viewer):
        return EkonomiData(None, None, viewer.sees_everything, len(viewer.namnd_ids))
    view = cb.resolve(session, viewer, args.unit, args.year, args.month, args.sort)
    economy = cb.economy_data(session, viewer, view)
    entries = cb.table_entries(view, economy)
    page, pages = read_page(args.sida, len(entries), cb.PAGE_ROWS)
    return EkonomiData(replace(view, page=page, pages=pages), economy, viewer.sees_everything,
                       len(viewer.namnd_ids),
                       economy_freshness(last_utfall_month(session, viewer)), entries)


def view(page: EkonomiData) -> list:
    """The page for a resolved view (or, for the public, the way to log in)."""
    view, data = page.view, page.economy
    if view is None or data is None:
        return [_header(), login_card("Ekonomi", "Hur ekonomin går mot budget", page_path(KEY),
                                      f"{KEY}-login")]
    children, goals = _children_card(view, data, page.entries), _goals_card(view, data)
    # Side by side on a big screen: the breakdown and (for the region) the financial goals.
    pair = [dbc.Col(c, xs=12, xxl=6 if goals else 12) for c in (_categories_card(view, data), goals)
            if c is not None]
    return [
        _header(*_breadcrumbs(view, data)),
        _unit_title(view), freshness(page.fresh, f"{KEY}-aktualitet"),
        *_unit_change(view, data), _toolbar(view),
        *_scope_note(page.sees_everything, page.own_namnder, view, data),
        _key_figures(view, data.figures(view.month)),
        _chart_card(view, data), *([children] if children else []),
        dbc.Row(pair, class_name="g-4 eko-pair"),
        # The table's order and page: a new one keeps the focus at the table (assets/callbacks.js).
        dcc.Store(id=f"{KEY}-args", data=view.args | {"table": f"{view.sort} {view.page}"}),
        dcc.Store(id=f"{KEY}-view-shown"),
    ]


def tables(page: EkonomiData) -> dict[str, Table]:
    """Month by month, the units one level down, the kinds of cost and revenue and, for the
    region, the financial goals."""
    view, data = page.view, page.economy
    if view is None or data is None:
        return {}
    lines = cb.month_lines(data.amounts.months(), view.month)
    found = {"months": cb.months_table(view, lines), "categories": cb.category_table(
        view, cb.category_lines(data.amounts.by_category(view.month)))}
    if data.children and view.unit.level in cb.CHILD_LABELS_SV:
        found["children"] = cb.children_table(view, cb.child_rows(view, data, page.entries))
    if data.goals:
        found["goals"] = Table(
            "Finansiella mål", [Column("Mål"), Column("Utfall"), Column("År"),
                                Column("Målvärde"), Column("Status")],
            [[g.name, cb.goal_value(g.outcome, g.unit), g.period or "",
              cb.goal_target(g), STATUS_LABELS_SV[cb.goal_status(g)].word]
             for g in data.goals])
    return covering(found, f"{view.unit.name}, {cb.period_text(view)}")


def problem(error: BadArgument) -> list:
    """A unit, year or month the page cannot show: why, and the way to the whole
    organisation."""
    return [_header(), message(str(error), (fill("Visa {whole}"), page_url(KEY)))]


PAGE = Page(
    key=KEY, path="/ekonomi", title=TITLE, lead=LEAD, access="internal", order=50,
    nav="Ekonomi", section="ekonomi", subnav="Budget och utfall", storbild=True, args=Args,
    load=load, layout=view, tables=tables, problem=problem, class_name="page eko-page",
)
