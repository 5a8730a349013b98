"""Ladda ned och API: how to take the published data away, as files or through the JSON API,
under which licence and with which source to credit."""

from __future__ import annotations

from dataclasses import dataclass

from dash import html

from callbacks import comparisons as cmp
from callbacks import oppna_data as shape
from dashboard.api_spec import CACHE_SECONDS, MAX_PER_PAGE, RESOURCES
from dashboard.core.urls import api_url, download_url, query_string
from data_access import profile
from data_access.profile import Profile
from data_access.queries.indicators import region_unit
from data_access.scope import PUBLIC
from layouts import public
from layouts.components import data_table, page_header
from layouts.page import Page, section_nav

TITLE = "Ladda ned och API"
LEAD = (
    "Allt som visas under Öppna data är öppna data: ladda ned värdena som CSV eller JSON, "
    "eller hämta dem direkt från API:et. Bara det som {noun} har publicerat finns med."
)


@dataclass(frozen=True)
class ApiData:
    """The organisation's profile and the code of its whole organisation, for the examples."""

    about: Profile
    top_unit: str | None


def examples(data: ApiData) -> tuple:
    """(text, resource, arguments) of each example request, in the organisation's words."""
    values = {"indicator": "N70061", "from": "2024", "to": "2025"}
    if data.top_unit:
        values["unit"] = data.top_unit
    compared = data.about.comparison_text() or "Jämförelser"
    return (
        ("Alla publicerade nyckeltal", "indicators", {}),
        ("Nyckeltal inom ett målområde", "indicators", {"area": "MO-HSV"}),
        (f"Ett nyckeltals värden för hela {data.about.noun} 2024–2025", "values", values),
        ("Målvärden för ett nyckeltal", "targets", {"indicator": "N70061"}),
        (f"{compared[:1].upper()}{compared[1:]} (Kolada)", "comparisons",
         {"indicator": "N70061"}),
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
               "innehåller dessutom målvärden och jämförelserna från Kolada."),
        html.Ul([html.Li(html.A("Alla nyckeltal som CSV", href=download_url("csv"))),
                 html.Li(html.A("Alla nyckeltal som JSON", href=download_url("json")))]),
        html.P("Varje nyckeltal har också egna filer, på nyckeltalets sida."),
    )


def _resources() -> html.Div:
    rows = [[html.Code(f"GET {r.path}"), r.summary,
             ", ".join(p.name for p in r.params) or "–"] for r in RESOURCES]
    return data_table("API:ets resurser under /api/v1", ("Adress", "Innehåll", "Parametrar"),
                      rows, (False, False, False))


def _api(data: ApiData) -> html.Section:
    links = [html.Li([text, ": ", public.api_link(path + query_string(args), path, **args)])
             for text, path, args in examples(data)]
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
        html.Ul(links),
    )


def _licence(about: Profile) -> html.Section:
    return _section(
        "Licens och källa",
        html.P(["Datat får användas fritt, även kommersiellt, enligt ",
                html.A(f"{shape.LICENCE_TITLE} ({shape.LICENCE_NAME})", href=shape.LICENCE_URL,
                       rel="license"),
                f". Ange {about.publisher} och Rödtråd som källa. Licensen står också i varje fil "
                "och varje svar från API:et."]),
        html.P([f"Jämförelser med andra områden kommer från Kolada, kommunernas och "
                f"regionernas databas som drivs av RKA, och ska anges med "
                f"”{shape.COMPARISON_SOURCE}”. De får användas fritt enligt ",
                html.A("Koladas villkor", href=cmp.KOLADA_TERMS_URL),
                f". Placeringen bland regionerna eller kommunerna och medianen (/rankings) är "
                f"{about.name}s egen beräkning av Koladas värden och ska inte anges som "
                "Koladas."]),
    )


def load(session, _viewer, _args) -> ApiData:
    """The profile (the publisher, the comparison set) and the whole organisation's code."""
    top = region_unit(session, PUBLIC)
    return ApiData(profile.current(session), top.code if top else None)


def view(data: ApiData) -> list:
    """The page (the same for everyone)."""
    return [page_header(TITLE, LEAD), section_nav("oppna_data", "oppna_api"), _files(),
            _api(data), _licence(data.about)]


PAGE = Page(
    key="oppna_api", path="/oppna-data/api", title=TITLE, lead=LEAD, access="public", order=160,
    section="oppna_data", subnav="Ladda ned och API", load=load, layout=view,
    class_name="page public-page", static_parts=True,
)
