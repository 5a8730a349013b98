"""Uppdrag: pure functions from the assignments to badges, table rows and CSV and Excel files;
the filters writing the URL."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from dash import dcc, html

from callbacks.pagetools import register_search_writer
from dashboard.core.wording import word
from dashboard.core import exports
from dashboard.core import formatting as fmt
from dashboard.core.args import echo
from dashboard.core.urls import page_url
from data_access.queries.meta import latest_import
from data_access.queries.uppdrag import STATUS_ORDER, NamndCounts, UppdragRow


class UppdragStatus(NamedTuple):
    """An uppdrag status in words, as a symbol, and the badge's colour class."""

    word: str
    plural: str
    symbol: str
    colour: str


# Never colour alone: each status has a word and a symbol too.
UPPDRAG_STATUS_SV = {
    "forsenat": UppdragStatus("Försenat", "Försenade", "!", "status-red"),
    "pagaende": UppdragStatus("Pågående", "Pågående", "◔", "status-navy"),
    "ej_paborjat": UppdragStatus("Ej påbörjat", "Ej påbörjade", "○", "status-grey"),
    "klart": UppdragStatus("Klart", "Klara", "✓", "status-green"),
    "avbrutet": UppdragStatus("Avbrutet", "Avbrutna", "✕", "status-grey"),
}
NAVY = "#1f3a5f"  # assets/app.css --rt-navy: white text on it meets 4.5:1
ALL_NAMNDER_SV = "Alla nämnder"


def today_for(session, viewer) -> dt.date:
    """The day overdue is judged on: the date the data was last loaded, else today.

    The statuses are as of the load; judging them on a later day would call an uppdrag
    late that may have been finished since.
    """
    info = latest_import(session, viewer)
    return info.data_as_of if info and info.data_as_of else dt.date.today()


def uppdrag_badge(status: str) -> html.Span:
    """A status as a coloured badge with symbol and word."""
    label = UPPDRAG_STATUS_SV[status]
    style = {"background": NAVY} if label.colour == "status-navy" else None
    return html.Span(
        [html.Span(label.symbol, className="status-symbol", **{"aria-hidden": "true"}),
         label.word],
        className=f"status-badge {label.colour}", **({"style": style} if style else {}),
    )


def status_cell(row: UppdragRow, today: dt.date) -> list:
    """The shown status, and why it is försenat when the reported status says otherwise."""
    cell = [uppdrag_badge(row.shown_status)]
    if row.overdue:
        days = (today - row.deadline).days
        cell += [html.Br(), html.Small(f"Tidsfristen passerades för {fmt.number(days)} dagar "
                                       "sedan", className="text-body-secondary")]
    if row.shown_status != row.status:
        cell += [html.Br(), html.Small(f"Rapporterat: {UPPDRAG_STATUS_SV[row.status].word}",
                                       className="text-body-secondary")]
    return cell


def issuer_text(row: UppdragRow) -> str:
    """Who gave the uppdrag: fullmäktige (in the organisation's words) when the
    organisation itself is the issuer."""
    return word("Council") if row.issuer_level == "region" else row.issuer_name


def goal_cell(row: UppdragRow):
    """The linked goal as a link to the Mål page, or a dash."""
    if row.goal_code is None:
        return fmt.MISSING
    return dcc.Link(row.goal_title, href=page_url("mal", goal=row.goal_code))


COLUMNS = ["Uppdrag", "Mål", "Tidsfrist", "Status", "Kommentar"]


def uppdrag_cell(row: UppdragRow) -> html.Span:
    """The uppdrag's title, code, who gave it and to whom."""
    return html.Span([
        html.Span(row.title, className="fw-semibold"), html.Br(),
        html.Small([f"Från {issuer_text(row)} till {row.assignee_name}", html.Br(), row.code],
                   className="text-body-secondary"),
    ])


def uppdrag_rows(rows: list[UppdragRow], today: dt.date) -> list[list]:
    """Table rows in the order given (overdue first)."""
    return [
        [uppdrag_cell(r), goal_cell(r),
         html.Span(fmt.iso_date(r.deadline), className="text-nowrap"),
         status_cell(r, today), r.comment]
        for r in rows
    ]


def by_namnd(rows: list[UppdragRow]) -> list[tuple[str, str, list[UppdragRow]]]:
    """(code, name, rows) per nämnd, in the rows' order."""
    groups: dict[tuple[str, str], list[UppdragRow]] = {}
    for row in rows:
        groups.setdefault((row.namnd_code, row.namnd_name), []).append(row)
    return [(code, name, part) for (code, name), part in groups.items()]


def count_link(count: int, namnd: str | None, status: str | None):
    """A count linking to the list it counts (plain when zero)."""
    if not count:
        return "0"
    return dcc.Link(fmt.number(count), href=page_url("uppdrag", namnd=namnd, status=status))


def count_rows(counts: list[NamndCounts]) -> list[list]:
    """Rows of the status table: nämnd, then a count per status and the total."""
    rows = [[dcc.Link(c.name, href=page_url("uppdrag", namnd=c.code)),
             *(count_link(c.counts[s], c.code, s) for s in STATUS_ORDER),
             count_link(c.total, c.code, None)] for c in counts]
    if len(counts) > 1:
        totals = status_totals(counts)
        rows.append([html.Strong(ALL_NAMNDER_SV),
                     *(html.Strong(count_link(totals[s], None, s)) for s in STATUS_ORDER),
                     html.Strong(count_link(sum(totals.values()), None, None))])
    return rows


def status_totals(counts: list[NamndCounts]) -> dict[str, int]:
    """How many uppdrag of each status all the nämnder have together."""
    return {s: sum(c.counts[s] for c in counts) for s in STATUS_ORDER}


def count_columns() -> list:
    """The status table's headings: nämnd, each status with its symbol, total."""
    return ["Nämnd", *(f"{UPPDRAG_STATUS_SV[s].symbol} {UPPDRAG_STATUS_SV[s].plural}"
                       for s in STATUS_ORDER), "Totalt"]


# --- Files ----------------------------------------------------------------------------------

FILE_HEADER = ["Nämnd", "Kod", "Uppdrag", "Beskrivning", "Från", "Till", "Målkod", "Mål",
               "Tidsfrist", "Status", "Rapporterad status", "Försenat", "Kommentar"]


def file_rows(rows: list[UppdragRow]) -> list[list]:
    """The uppdrag as plain values for CSV and Excel (dates as ISO text)."""
    return [
        [r.namnd_name, r.code, r.title, r.description, issuer_text(r), r.assignee_name,
         r.goal_code or "", r.goal_title or "", fmt.iso_date(r.deadline) if r.deadline else "",
         UPPDRAG_STATUS_SV[r.shown_status].word, UPPDRAG_STATUS_SV[r.status].word,
         "Ja" if r.shown_status == "forsenat" else "Nej", r.comment]
        for r in rows
    ]


def counts_file(counts: list[NamndCounts]) -> exports.Table:
    """The number of uppdrag per nämnd and status as a file, with all nämnder's when several."""
    rows = [[c.name, *(c.counts[s] for s in STATUS_ORDER), c.total] for c in counts]
    if len(counts) > 1:
        totals = status_totals(counts)
        rows.append([ALL_NAMNDER_SV, *totals.values(), sum(totals.values())])
    return exports.Table("Uppdrag per nämnd och status", [exports.Column("Nämnd")] + [
        exports.Column(UPPDRAG_STATUS_SV[s].plural, "integer") for s in STATUS_ORDER] + [
        exports.Column("Totalt", "integer")], rows)


def list_file(rows: list[UppdragRow]) -> exports.Table:
    """The uppdrag as a file."""
    return exports.Table("Uppdrag", [exports.Column(h) for h in FILE_HEADER], file_rows(rows))


def check_filters(counts: list[NamndCounts], namnd: str | None, status: str | None) -> str | None:
    """A Swedish message when a filter names something the viewer has no uppdrag of."""
    if status and status not in UPPDRAG_STATUS_SV:
        words = ", ".join(STATUS_ORDER)
        return f"Det finns ingen status som heter ”{echo(status)}”. Välj någon av: {words}."
    if namnd and namnd not in {c.code for c in counts}:
        return (f"Det finns ingen nämnd med koden ”{echo(namnd)}” med uppdrag som du har "
                "behörighet att se.")
    return None


def register(app) -> None:
    """The filters write the URL."""
    register_search_writer(app, "uppdrag", "namnd", "status")
