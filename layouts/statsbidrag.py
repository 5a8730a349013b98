"""Riktade statsbidrag: each grant with what is received, used and left, and the grants at risk
of repayment first, with sums per nämnd.

Also the pieces the Ekonomi sub-pages (statsbidrag, åtgärder, prognossäkerhet) share: their
header and frame, the year and nämnd selectors, the long tables and the scope note.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import dash_bootstrap_components as dbc
from dash import dcc, html

from callbacks import statsbidrag as cb
from dashboard.core import formatting as fmt
from dashboard.core.args import ALL, BadArgument, chosen
from dashboard.core.exports import Table
from dashboard.core.urls import page_url
from data_access.queries.freshness import last_utfall_month
from layouts.components import (
    economy_freshness,
    freshness,
    card,
    download_links,
    kpi_card,
    message,
    note,
    page_header,
    selector,
)
from layouts.page import Page, section_nav

TITLE = "Riktade statsbidrag"
LEAD = (
    "Pengar från staten för ett bestämt syfte, som måste användas före ett visst datum. Här "
    "syns hur mycket varje bidrag har gett, hur mycket som är använt och vad som finns kvar. "
    "Bidrag som riskerar att behöva betalas tillbaka visas först."
)
KEY = "statsbidrag"

# --- Shared by the Ekonomi sub-pages -----------------------------------------------------


def header(key: str, title: str, lead: str) -> list:
    """The Ekonomi section's links, then the page's h1 and lead."""
    return [section_nav("ekonomi", key), page_header(title, lead)]


def sub_page(key: str, title: str, lead: str, parts: list, fresh: str = "") -> list:
    """A sub-page: its header (and how fresh its data is), then its parts in a flex column
    (not `.page > .app-card`: wide tables may use the whole width)."""
    shown = [freshness(fresh, f"{key}-aktualitet")] if fresh else []
    return [*header(key, title, lead), *shown, html.Div(parts, className="vstack gap-4")]


def economy_fresh(session, viewer) -> str:
    """The Ekonomi section's freshness: its latest month of utfall."""
    return economy_freshness(last_utfall_month(session, viewer))


@dataclass(frozen=True)
class NamndYear:
    """`?namnd=HSN&year=2026`: one nämnd (default: all) in a year (default: the newest), the
    arguments of the sub-pages with both selectors."""

    namnd: str | None = None
    year: str | None = None


def sub_problem(key: str, title: str, lead: str, error: BadArgument) -> list:
    """A sub-page for an argument it cannot show: why, and the way to the page without it."""
    return sub_page(key, title, lead,
                    [message(str(error), (f"Visa {title.lower()}", page_url(key)))])


def year_options(years: list[int]) -> list[tuple[str, str]]:
    """Years as (value, label), newest first."""
    return [(str(y), str(y)) for y in years]


def namnd_options(namnder) -> list[tuple[str, str]]:
    """`Alla nämnder`, then each nämnd the viewer may choose."""
    return [(ALL, "Alla nämnder"), *((n.code, n.name) for n in namnder)]


def controls(key: str, selection: cb.Selection, with_namnd: bool = True) -> dbc.Row:
    """The year (and nämnd) selectors writing the URL."""
    columns = [dbc.Col(selector(f"{key}-year", "År", year_options(selection.years),
                                str(selection.year)), xs=5, md=3, xl=2)]
    if with_namnd:
        chosen = selection.namnd.code if selection.namnd else ALL
        columns.append(dbc.Col(selector(f"{key}-namnd", "Nämnd", namnd_options(selection.namnder),
                                        chosen), xs=7, md=5, xl=4))
    return dbc.Row([dcc.Store(id=f"{key}-args", data=selection.args), *columns],
                   class_name="g-3 controls align-items-end")


def list_table(caption: str, columns: list[str], rows: list[list], numeric: list[bool]):
    """A long table that becomes one labelled block per row on phones (a `stacked-table`,
    see assets/tables.css), so that no one has to scroll sideways through it."""
    def cell(value, column: str, right: bool):
        return html.Td(html.Div(value),
                       className="text-end" if right else "cell", **{"data-label": column})

    head = html.Thead(html.Tr([html.Th(c, scope="col", className="text-end" if n else None)
                               for c, n in zip(columns, numeric)]))
    body = html.Tbody([html.Tr([cell(v, c, n) for v, c, n in zip(row, columns, numeric)])
                       for row in rows])
    table = html.Table([html.Caption(caption), head, body],
                       className="table table-sm data-table stacked-table")
    # Between phone and desktop the table may still scroll sideways: reachable by keyboard.
    return html.Div(table, className="table-responsive", tabIndex="0", role="region",
                    **{"aria-label": caption})


def scope_note(sees_everything: bool, what: str) -> list:
    """For a nämnd member: that only their own nämnders' rows are shown."""
    if sees_everything:
        return []
    return [note(f"Du ser {what} för din nämnd och förvaltningarna och enheterna under den. "
                 "Andra nämnders visas inte på enhetsnivå.")]


# --- This page ---------------------------------------------------------------------------


def key_figures(data: cb.GrantsData) -> dbc.Row:
    """Received, left to use, and at risk of repayment, for the grants shown."""
    total = cb.sums("Totalt", data.grants)
    year = str(data.selection.year)
    at_risk = fmt.number(total.at_risk)
    return dbc.Row([
        dbc.Col(kpi_card("Erhållet", year, fmt.tkr(total.received_tkr),
                         f"{fmt.number(total.count)} bidrag, varav "
                         f"{fmt.percent(cb.share(total.used_tkr, total.received_tkr), 0)} använt.",
                         f"{KEY}-received"), md=4),
        dbc.Col(kpi_card("Kvar att använda", f"Per {fmt.iso_date(data.today)}",
                         fmt.tkr(total.remaining_tkr),
                         "Pengar som ännu inte är använda för bidragens syften.",
                         f"{KEY}-remaining"), md=4),
        dbc.Col(kpi_card(f"{cb.RISK_SYMBOL} {cb.RISK_WORD}", f"Per {fmt.iso_date(data.today)}",
                         at_risk,
                         f"Bidrag med risk för återbetalning; i dem finns "
                         f"{fmt.tkr(total.at_risk_remaining_tkr)} kvar.", f"{KEY}-at-risk"),
                md=4),
    ], class_name="g-4")


def grants_card(data: cb.GrantsData) -> dbc.Card:
    """Every grant, at-risk first."""
    year = data.selection.year
    caption = f"Riktade statsbidrag {year}, bidrag med risk för återbetalning först"
    return card("Bidragen", f"{year}, belopp i tusentals kronor (tkr)",
                list_table(caption, cb.GRANT_COLUMNS, cb.grant_rows(data.grants),
                           cb.GRANT_NUMERIC),
                download_links(KEY, "grants", data.selection.args, "bidragen"),
                card_id=f"{KEY}-grants")


def sums_card(data: cb.GrantsData) -> dbc.Card:
    """The grants summed per nämnd."""
    year = data.selection.year
    return card("Summa per nämnd", f"{year}, tkr",
                list_table(f"Riktade statsbidrag {year} per nämnd", cb.SUM_COLUMNS,
                           cb.sum_rows(data.grants), cb.SUM_NUMERIC),
                download_links(KEY, "sums", data.selection.args, "summorna"),
                card_id=f"{KEY}-sums")


def reports_card(data: cb.GrantsData) -> dbc.Card:
    """The reports owed to the granting agencies for the year's grants, overdue first."""
    title, year = "Redovisningar till myndigheterna", data.selection.year
    if not data.reports:
        return card(title, str(year), note("Inga redovisningar är inlagda för bidragen."),
                    card_id=f"{KEY}-reports")
    return card(title, f"Bidrag {year}, per {fmt.iso_date(data.today)}", note(cb.REPORTS_NOTE_SV),
                list_table(f"Redovisningar av statsbidragen {year}, försenade först",
                           cb.REPORT_COLUMNS, cb.report_rows(data.reports, data.today),
                           cb.REPORT_NUMERIC),
                download_links(KEY, "reports", data.selection.args, "redovisningarna"),
                card_id=f"{KEY}-reports")


def overdue_reports_card(overdue: cb.OverdueReports) -> dbc.Card:
    """A small flag for Översikt: how many grant reports are overdue, linking to the grants."""
    oldest = overdue.reports[0] if overdue.reports else None
    explanation = (
        "Redovisningar av riktade statsbidrag till myndigheterna som inte är inlämnade fast "
        f"sista dagen har passerat (per {fmt.iso_date(overdue.today)})."
        + (f" Den äldsta: {oldest.grant_name}, {oldest.title.lower()}, sista dag "
           f"{fmt.iso_date(oldest.due_on)}." if oldest else ""))
    return kpi_card(f"{cb.OVERDUE_SYMBOL} Försenade redovisningar av statsbidrag", None,
                    fmt.number(len(overdue.reports)), explanation, "overview-grant-reports",
                    href=page_url(KEY))


def rule_card(today) -> dbc.Card:
    """The repayment-risk rule in plain Swedish."""
    intro, *conditions = cb.RISK_RULE_TEXT_SV
    return card("Så bedömer vi risken för återbetalning", None,
                html.P(intro), html.Ul([html.Li(c) for c in conditions]),
                note(cb.RISK_RULE_NOTE_SV.format(today=fmt.iso_date(today))),
                card_id=f"{KEY}-rule")


# --- The page ---------------------------------------------------------------------------


def load(session, viewer, args: NamndYear) -> cb.GrantsData:
    """The grants for the URL's nämnd and year, assessed as of the data's date."""
    return replace(cb.grants_data(session, viewer, chosen(args.namnd), args.year),
                   fresh=economy_fresh(session, viewer))


def view(grants: cb.GrantsData) -> list:
    """The selectors, the key figures, the grants, their sums per nämnd and the rule."""
    if grants.selection.year is None:
        return sub_page(KEY, TITLE, LEAD, [
            message("Det finns inga riktade statsbidrag som du har behörighet att se.")],
            grants.fresh)
    return sub_page(KEY, TITLE, LEAD, [
        *scope_note(grants.sees_everything, "statsbidragen"),
        controls(KEY, grants.selection),
        key_figures(grants),
        grants_card(grants) if grants.grants else card(
            "Bidragen", str(grants.selection.year),
            note("Nämnden har inga riktade statsbidrag det här året."),
            card_id=f"{KEY}-grants"),
        sums_card(grants),
        reports_card(grants),
        rule_card(grants.today),
    ], grants.fresh)


def tables(data: cb.GrantsData) -> dict[str, Table]:
    """The grants, at risk first, and their sums per nämnd (none when there is no year)."""
    year = data.selection.year
    if year is None:
        return {}
    return {"grants": cb.export_table(f"{cb.TITLE_SV} {year}", data.grants),
            "sums": cb.sums_table(f"{cb.TITLE_SV} {year} per nämnd", data.grants),
            "reports": cb.reports_table(f"Redovisningar av statsbidragen {year}", data.reports,
                                        data.today)}


def problem(error: BadArgument) -> list:
    """A year or nämnd the viewer cannot see: why, and the way to the page without it."""
    return sub_problem(KEY, TITLE, LEAD, error)


PAGE = Page(
    key=KEY, path="/ekonomi/statsbidrag", title=TITLE, lead=LEAD, access="internal", order=60,
    section="ekonomi", subnav="Riktade statsbidrag", args=NamndYear, load=load, layout=view,
    tables=tables, problem=problem,
)
