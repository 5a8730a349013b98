"""Importlogg (administrators only): every import run, dry runs and failures included."""

from __future__ import annotations

from dash import dcc, html

from callbacks.importera import LOG_COLUMNS, LOG_NUMERIC, log_caption, log_rows
from dashboard.core.urls import page_url
from data_access.queries.imports import ImportRunRow, import_runs
from layouts.components import card, data_table, note, page_header
from layouts.page import Page, section_nav

TITLE = "Importlogg"
LEAD = (
    "Varje import: vem som gjorde den och när, vilken fil (med kontrollsumma), hur många "
    "rader som blev nya, ändrade, oförändrade och avvisade, och hur det gick."
)
SHOWN = 200


def load(session, viewer, _args) -> list[ImportRunRow]:
    """The latest SHOWN import runs, newest first."""
    return import_runs(session, viewer, SHOWN)


def view(runs: list[ImportRunRow]) -> list:
    """The import runs as a table (or why there are none), with the way back to the import."""
    table = (data_table(log_caption(len(runs), SHOWN), LOG_COLUMNS, log_rows(runs), LOG_NUMERIC)
             if runs else note("Inga importer är gjorda ännu."))
    return [
        section_nav("admin", "importlogg"),
        page_header(TITLE, LEAD),
        html.P(dcc.Link("Till importen", href=page_url("importera"))),
        card("Importer", None, table, card_id="importlogg-lista"),
    ]


PAGE = Page(
    key="importlogg", path="/admin/importlogg", title=TITLE, lead=LEAD, access="admin",
    order=190, section="admin", subnav="Importlogg", load=load, layout=view,
)
