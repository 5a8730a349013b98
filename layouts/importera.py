"""Import (administrators only): upload a file, see its validation report, then import it."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from callbacks.importera import KIND_TITLES, MAX_UPLOAD_BYTES, SOURCE_LENGTH
from dashboard.core import formatting as fmt
from dashboard.core.urls import page_url
from dashboard.transport import upload_request_bytes
from data_access.importers import IMPORT_KINDS, KINDS, docs
from data_access.importers.runner import SIE
from layouts.components import card, data_table, note, page_header, selector
from layouts.page import Page, section_nav

TITLE = "Import"
LEAD = (
    "Läs in {noun_gen} egna uppgifter från CSV- och Excelfiler, från ekonomisystemets SIE 4-fil "
    "eller från Kolada. Provkör "
    "först: varje rad kontrolleras och du ser vad som blir nytt, ändrat och oförändrat "
    "innan något sparas."
)
DEFAULT_KIND = "matvarden"


def _template_button(button_id: str, text: str) -> html.Button:
    """A button that downloads the chosen kind's template (the page's download callback),
    styled as the app's other download links."""
    return html.Button(text, id=button_id, type="button", n_clicks=0,
                       className="btn btn-outline-primary btn-sm download-link")


def source_field() -> html.Div:
    """The system the file comes from, whose mappings translate its names to our codes."""
    return html.Div([
        dbc.Label("Källa (valfritt)", html_for="importera-kalla", class_name="fw-semibold mb-1"),
        dbc.Input(id="importera-kalla", type="text", maxLength=SOURCE_LENGTH,
                  placeholder="t.ex. stratsys", autoComplete="off"),
        dbc.FormText("Systemet filen kommer från. Dess mappningar översätter filens namn "
                     "till våra koder."),
    ])


def file_card() -> dbc.Card:
    """The kind, the file, the option to keep valid rows, and the two buttons."""
    limit = fmt.number(MAX_UPLOAD_BYTES / 1024 / 1024)
    return card(
        "Välj fil", None,
        dbc.Row([dbc.Col(selector("importera-sort", "Vad innehåller filen?",
                                  [(k, KIND_TITLES[k]) for k in (*IMPORT_KINDS, SIE)],
                                  DEFAULT_KIND),
                         md=6, xl=4),
                 dbc.Col(source_field(), md=6, xl=4)], class_name="mb-3 g-3"),
        dcc.Upload(
            id="importera-fil", accept=".csv,.xlsx,.json,.txt,.se,.si,.sie", className="upload-area mb-2",
            children=html.Div([
                html.Button("Välj fil …", type="button", className="btn btn-outline-primary"),
                html.Span(" eller dra hit en CSV-, Excel-, JSON- eller SIE-fil "
                          f"(högst {limit}\u00a0MB)."),
            ]),
        ),
        html.P(id="importera-vald", className="mb-0", role="status"),
        dcc.Store(id="importera-grans", data=MAX_UPLOAD_BYTES),  # bytes, checked in the browser
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
    """Templates for the chosen kind, and where its columns are described."""
    return card(
        "Mallar och kolumner", None,
        html.P("Varje sort har sina kolumner med svenska rubriker på första raden, i valfri "
               "ordning. Ladda ned en mall med rubrikerna och en exempelrad för sorten du har "
               "valt. Vad varje kolumn betyder och vilka värden den tar står under Kolumner "
               "för varje sort nedan."),
        html.Div([_template_button("importera-mall-xlsx", "Ladda ned mall (Excel)"),
                  _template_button("importera-mall-csv", "Ladda ned mall (CSV)")],
                 className="d-flex flex-wrap gap-2 mb-3"),
        note("Koladafiler har ingen mall: de är JSON-filer så som Koladas API ger dem. "
             "SIE-filer inte heller: de är SIE 4-exporter (#FORMAT PC8) från ekonomisystemet, "
             "där kostnadsställena (dimension 1) blir enheter och kontona kostnadsslag genom "
             "mappningarna och BAS-kontoplanens intervall."),
        html.P(dcc.Link("Se importloggen", href=page_url("importlogg")), className="mb-0"),
        card_id="importera-hjalp",
    )


STEPS = (
    "Välj vad filen innehåller och välj filen: CSV som svenskt Excel sparar den (semikolon, "
    "decimalkomma, UTF-8 eller Windows-1252) eller Excel (.xlsx, första bladet läses).",
    "Provkör först. Ingenting sparas: varje rad kontrolleras, och du ser hur många rader som "
    "blir nya, ändrade och oförändrade, och varje fel med rad, kolumn, värde och orsak.",
    "Importera sparar. Knappen går att använda när samma fil har provkörts med samma val "
    "utan fel.",
    "Är någon rad fel sparas ingenting, om du inte har valt att spara de giltiga raderna: "
    "då sparas de och de felaktiga rapporteras. Rätta filen och läs in den igen.",
    "Rader hittas med sina koder, så en rättad fil uppdaterar raderna på plats och samma fil "
    "två gånger ändrar ingenting. Rader som saknas i filen tas inte bort.",
    "Varje körning, även provkörningar och misslyckade, står i importloggen.",
)


def steps_card() -> dbc.Card:
    """What happens, step by step, from choosing a file to the import log."""
    return card("Så går en import till", None, html.Ol([html.Li(step) for step in STEPS],
                                                      className="mb-0"),
                card_id="importera-steg")


def _kind_columns(kind) -> html.Details:
    """One kind: what it holds, how its rows are found, and its columns."""
    headers = [h.capitalize() for h in docs.COLUMN_HEADERS]
    return html.Details([
        html.Summary(kind.title),
        html.P(kind.about, className="mt-2"),
        html.P(f"Raderna hittas med {docs.key_text(kind)}."),
        data_table(f"Kolumner i {kind.title.lower()}", headers, docs.column_rows(kind),
                   [False] * len(headers), stacked=True),
    ], className="import-kind mb-2", id=f"importera-sort-{kind.name}")


def columns_card() -> dbc.Card:
    """Every kind's columns, generated from the same descriptions the importer uses."""
    return card("Kolumner för varje sort", None,
                *(_kind_columns(kind) for kind in KINDS.values()), card_id="importera-kolumner")


def view(_args) -> list:
    """The Import page: the file, the help, the report (filled by the page's callbacks), how
    an import goes and every kind's columns."""
    return [
        section_nav("admin", "importera"),
        page_header(TITLE, LEAD),
        dcc.Store(id="importera-provad"),
        dcc.Download(id="importera-mall"),
        dbc.Row([dbc.Col(file_card(), lg=7), dbc.Col(help_card(), lg=5)], class_name="g-4 mb-4"),
        html.Div(id="importera-rapport", className="import-report", **{"aria-live": "polite"}),
        html.Div([steps_card(), columns_card()], className="d-grid gap-4 mt-4"),
    ]


PAGE = Page(
    key="importera", path="/admin/import", title=TITLE, lead=LEAD, access="admin", order=180,
    section="admin", subnav="Import", nav="Administration", layout=view,
    request_bytes=upload_request_bytes(MAX_UPLOAD_BYTES),
)
