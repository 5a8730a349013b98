"""Import (administrators only): upload a file, see its validation report, then import it."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from callbacks.imports import KIND_TITLES, MAX_UPLOAD_BYTES
from dashboard import formatting as fmt
from dashboard.transport import upload_request_bytes
from dashboard.urls import page_url
from data_access.importers import IMPORT_KINDS
from layouts.base import register_page
from layouts.components import card, note, page
from layouts.indikator import selector

TITLE = "Import"
LEAD = (
    "Läs in regionens egna uppgifter från CSV- och Excelfiler eller från Kolada. Provkör "
    "först: varje rad kontrolleras och du ser vad som blir nytt, ändrat och oförändrat "
    "innan något sparas."
)
DEFAULT_KIND = "matvarden"


def _template_button(button_id: str, text: str) -> html.Button:
    """A button that downloads the chosen kind's template (the page's download callback),
    styled as the app's other download links."""
    return html.Button(text, id=button_id, type="button", n_clicks=0,
                       className="btn btn-outline-primary btn-sm download-link")


def file_card() -> dbc.Card:
    """The kind, the file, the option to keep valid rows, and the two buttons."""
    limit = fmt.number(MAX_UPLOAD_BYTES / 1024 / 1024)
    return card(
        "Välj fil", None,
        dbc.Row([dbc.Col(selector("importera-sort", "Vad innehåller filen?",
                                  [(k, KIND_TITLES[k]) for k in IMPORT_KINDS], DEFAULT_KIND),
                         md=6, xl=4)], class_name="mb-3"),
        dcc.Upload(
            id="importera-fil", accept=".csv,.xlsx,.json,.txt", className="upload-area mb-2",
            children=html.Div([
                html.Button("Välj fil …", type="button", className="btn btn-outline-primary"),
                html.Span(" eller dra hit en CSV-, Excel- eller JSON-fil "
                          f"(högst {limit}\u00a0MB)."),
            ]),
        ),
        html.P(id="importera-vald", className="mb-0", role="status"),
        dbc.Checkbox(id="importera-hoppa", value=False, class_name="my-3",
                     label="Spara de giltiga raderna även om andra rader har fel"),
        html.Div([
            html.Button("Provkör", id="importera-provkor", type="button", n_clicks=0,
                        className="btn btn-primary"),
            html.Button("Importera", id="importera-spara", type="button", n_clicks=0,
                        disabled=True, className="btn btn-success"),
        ], className="d-flex flex-wrap gap-2"),
        card_id="importera-val",
    )


def help_card() -> dbc.Card:
    """Templates for the chosen kind and where the columns are described."""
    return card(
        "Mallar och kolumner", None,
        html.P("Varje sort har sina kolumner med svenska rubriker. Ladda ned en mall med "
               "rubrikerna och en exempelrad för sorten du har valt. Alla kolumner, typer och "
               "tillåtna värden beskrivs i docs/import.md."),
        html.Div([_template_button("importera-mall-xlsx", "Ladda ned mall (Excel)"),
                  _template_button("importera-mall-csv", "Ladda ned mall (CSV)")],
                 className="d-flex flex-wrap gap-2 mb-3"),
        note("Koladafiler har ingen mall: de är JSON som Koladas API ger, eller hämtas direkt "
             "med kommandot rodtrad kolada fetch."),
        html.P(dcc.Link("Se importloggen", href=page_url("importlogg")), className="mb-0"),
        card_id="importera-hjalp",
    )


def layout(**_query_args):
    """The Import page."""
    return page(TITLE, LEAD, [
        dcc.Store(id="importera-provad"),
        dcc.Download(id="importera-mall"),
        dbc.Row([dbc.Col(file_card(), lg=7), dbc.Col(help_card(), lg=5)], class_name="g-4 mb-4"),
        html.Div(id="importera-rapport", className="import-report", **{"aria-live": "polite"}),
    ])


def register(order: int) -> None:
    """Add the page to Dash's page registry."""
    register_page(__name__, "importera", TITLE, layout, order, access="admin",
                  request_bytes=upload_request_bytes(MAX_UPLOAD_BYTES))
