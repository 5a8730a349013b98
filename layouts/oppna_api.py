"""Ladda ned och API: how to take the published data away, as files or through the JSON API,
under which licence and with which source to credit."""

from __future__ import annotations

from dash import html

from callbacks import oppna_data as shape
from dashboard.api_spec import CACHE_SECONDS, MAX_PER_PAGE, RESOURCES
from dashboard.core.urls import api_url, download_url, query_string
from layouts import public
from layouts.components import data_table, page_header
from layouts.page import Page, section_nav

TITLE = "Ladda ned och API"
LEAD = (
    "Allt som visas under Öppna data är öppna data: ladda ned värdena som CSV eller JSON, "
    "eller hämta dem direkt från API:et. Bara det som regionen har publicerat finns med."
)
EXAMPLES = (
    ("Alla publicerade nyckeltal", "indicators", {}),
    ("Nyckeltal inom ett målområde", "indicators", {"area": "MO-HSV"}),
    ("Ett nyckeltals värden för hela regionen 2024–2025", "values",
     {"indicator": "N70061", "unit": "RJH", "from": "2024", "to": "2025"}),
    ("Målvärden för ett nyckeltal", "targets", {"indicator": "RJH-EKO-001"}),
    ("Riket och grannregionerna (Kolada)", "comparisons", {"indicator": "N70061"}),
    ("Målen och deras status vid en uppföljning", "goals", {"followup": "2026-DELAR"}),
)


def _section(title: str, *children) -> html.Section:
    return html.Section([html.H2(title, className="h4"), *children],
                        className="app-card card card-body mb-4", **{"aria-label": title})


def _files() -> html.Section:
    return _section(
        "Ladda ned filer",
        html.P("Alla publicerade värden för alla organisationsenheter och perioder i en fil. "
               "CSV-filen öppnas direkt i Excel (semikolon, decimalkomma, UTF-8). JSON-filen "
               "innehåller dessutom målvärden och jämförelser med riket och grannregionerna."),
        html.Ul([html.Li(html.A("Alla nyckeltal som CSV", href=download_url("csv"))),
                 html.Li(html.A("Alla nyckeltal som JSON", href=download_url("json")))]),
        html.P("Varje nyckeltal har också egna filer, på nyckeltalets sida."),
    )


def _resources() -> html.Div:
    rows = [[html.Code(f"GET {r.path}"), r.summary,
             ", ".join(p.name for p in r.params) or "–"] for r in RESOURCES]
    return data_table("API:ets resurser under /api/v1", ("Adress", "Innehåll", "Parametrar"),
                      rows, (False, False, False))


def _api() -> html.Section:
    examples = [html.Li([text, ": ", public.api_link(path + query_string(args), path, **args)])
                for text, path, args in EXAMPLES]
    return _section(
        "API",
        html.P(["API:et svarar med JSON och beskrivs av ett ",
                html.A("OpenAPI-dokument", href=api_url("openapi.json")),
                " som går att läsa in i de flesta verktyg. Det behöver ingen inloggning och "
                "ingen nyckel."]),
        _resources(),
        html.H3("Så fungerar det", className="h5 mt-3"),
        html.Ul([
            html.Li(f"Listor kommer i sidor: page (från 1) och per_page (högst {MAX_PER_PAGE}). "
                    "Svaret säger hur många rader och sidor det finns och länkar till nästa sida."),
            html.Li("Filtrera utfall på period (period, from, to) och organisationsenhet (unit)."),
            html.Li(f"Svaren har ETag och får sparas i {CACHE_SECONDS // 60} minuter. Skicka "
                    "If-None-Match så får du 304 om inget har ändrats."),
            html.Li("En felaktig parameter ger svar 400 med ett meddelande på svenska om vad som "
                    "är fel."),
        ]),
        html.H3("Exempel", className="h5 mt-3"),
        html.Ul(examples),
    )


def _licence() -> html.Section:
    return _section(
        "Licens och källa",
        html.P(["Datat får användas fritt, även kommersiellt, enligt ",
                html.A(f"{shape.LICENCE_TITLE} ({shape.LICENCE_NAME})", href=shape.LICENCE_URL,
                       rel="license"),
                ". Ange regionen och Rödtråd som källa. Licensen står också i varje fil och "
                "varje svar från API:et."]),
        html.P(f"Jämförelser med riket och andra regioner kommer från Kolada, kommunernas och "
               f"regionernas databas, och ska anges med ”{shape.COMPARISON_SOURCE}”."),
    )


def view(_args) -> list:
    """The page (the same for everyone: no data of its own)."""
    return [page_header(TITLE, LEAD), section_nav("oppna_data", "oppna_api"), _files(), _api(),
            _licence()]


PAGE = Page(
    key="oppna_api", path="/oppna-data/api", title=TITLE, lead=LEAD, access="public", order=160,
    section="oppna_data", subnav="Ladda ned och API", layout=view, class_name="page public-page",
)
