"""Importlogg (administrators only): every import run, dry runs and failures included."""

from __future__ import annotations

from dash import dcc, html

from callbacks.imports import LOG_COLUMNS, LOG_NUMERIC, log_caption, log_rows
from dashboard.core.urls import page_url
from data_access.queries.imports import import_runs
from layouts.admin import admin_page
from layouts.base import register_page, with_data
from layouts.components import card, data_table, note

TITLE = "Importlogg"
LEAD = (
    "Varje import: vem som gjorde den och när, vilken fil (med kontrollsumma), hur många "
    "rader som blev nya, ändrade, oförändrade och avvisade, och hur det gick."
)
SHOWN = 200


def _body(session, viewer) -> list:
    runs = import_runs(session, viewer, SHOWN)
    table = (data_table(log_caption(len(runs), SHOWN), LOG_COLUMNS, log_rows(runs), LOG_NUMERIC)
             if runs else note("Inga importer är gjorda ännu."))
    return [
        html.P(dcc.Link("Till importen", href=page_url("importera"))),
        card("Importer", None, table, card_id="importlogg-lista"),
    ]


def layout(**_query_args):
    """The Importlogg page."""
    return admin_page("importlogg", TITLE, LEAD, with_data(_body))


def register(order: int) -> None:
    """Add the page to Dash's page registry."""
    register_page(__name__, "importlogg", TITLE, layout, order, access="admin", in_nav=False)
