"""Organisation (administrators only): the organisation profile, i.e. the name the pages and
the API use, region or kommun, the Kolada area id, the publisher named in the open-data
licence, the areas it is compared with and whether it uses framgångsfaktorer; saved by the
page's callback (callbacks/profil.py), as `rodtrad profil satt` does. Below it, the
styrmodell's perspectives and which goal kinds require them (set by the import kind
`perspektiv`)."""

from __future__ import annotations

from dataclasses import dataclass

import dash_bootstrap_components as dbc
from dash import html

from callbacks import profil as cb
from callbacks.mal import kind_label
from data_access import profile
from data_access.queries.perspectives import PerspectiveInfo, styrmodell_perspectives
from layouts.components import data_table, note, page_header
from layouts.page import Page, section_nav

KEY = cb.KEY
TITLE = "Organisation"
LEAD = ("Vem organisationen är: namnet som sidorna och API:et visar, om den är en region eller "
        "en kommun, dess id i Kolada, utgivaren som licensen för öppna data anger, vilka "
        "områden den jämförs med och om den har framgångsfaktorer mellan nämndmål och "
        "förvaltningsmål.")
LEVELS_HELP = ("Framgångsfaktorer är det nämnden bedömer avgörande för att nå ett nämndmål. "
               "De ligger mellan nämndmålen och förvaltningsmålen och visas bara när "
               "rutan är ikryssad.")
AREAS_HELP = ("Ett område per rad: Koladas id med fyra siffror, ett mellanslag och namnet, "
              "t.ex. ”0180 Stockholm”. Riket och alla regioner väljs med rutorna ovan.")


def _field(label: str, name: str, value: str, help_text: str) -> html.Div:
    """A labelled text field; the help sits in the label, so it is read with the field."""
    return html.Div([
        dbc.Label([label, html.Span(help_text, className="form-text d-block mt-0")],
                  html_for=f"{KEY}-{name}"),
        dbc.Input(id=f"{KEY}-{name}", type="text", value=value),
    ], className="mb-3")


def form(stored: profile.Profile) -> html.Div:
    """The profile's fields, filled in with what is stored, and the button that saves them."""
    kinds = [{"label": label, "value": kind} for kind, label in profile.KIND_LABELS.items()]
    flags = [{"label": label, "value": flag} for flag, label in cb.FLAGS.items()]
    levels = [{"label": label, "value": level} for level, label in cb.LEVELS.items()]
    return html.Div([
        html.Div(id=f"{KEY}-besked", role="status"),
        _field("Namn", "namn", stored.name, "Som det ska stå på sidorna, t.ex. Region Exempel."),
        html.Fieldset([html.Legend("Typ", className="fs-6 fw-bold"),
                       dbc.RadioItems(id=f"{KEY}-typ", name="typ", options=kinds,
                                      value=stored.kind)], className="mb-3"),
        _field("Kolada-id", "kolada", stored.kolada_area,
               "En regions id är 00 och länsnumret, en kommuns dess kommunkod."),
        _field("Utgivare", "utgivare", stored.publisher,
               "Den som licensen för öppna data anger som källa."),
        html.Fieldset([html.Legend("Jämförs med", className="fs-6 fw-bold"),
                       dbc.Checklist(id=f"{KEY}-jamfor", options=flags,
                                     value=cb.flag_values(stored))], className="mb-3"),
        html.Div([
            dbc.Label(["Valda regioner och kommuner",
                       html.Span(AREAS_HELP, className="form-text d-block mt-0")],
                      html_for=f"{KEY}-omraden"),
            dbc.Textarea(id=f"{KEY}-omraden", value=cb.area_lines(stored), rows=5),
        ], className="mb-3"),
        html.Fieldset([html.Legend("Målnivåer", className="fs-6 fw-bold"),
                       html.P(LEVELS_HELP, className="form-text mt-0", id=f"{KEY}-malnivaer-hjalp"),
                       dbc.Checklist(id=f"{KEY}-malnivaer", options=levels,
                                     value=cb.level_values(stored))],
                      className="mb-3", **{"aria-describedby": f"{KEY}-malnivaer-hjalp"}),
        html.Button("Spara organisationen", id=f"{KEY}-spara", type="button", n_clicks=0,
                    className="btn btn-primary"),
    ])


PERSPECTIVES_HELP = (
    "Perspektiven som mål och indikatorer bär, i styrmodellens ordning. Ett mål av en typ i "
    "kolumnen Krävs för ska bära minst ett av de perspektiv som krävs för typen; mål som inte "
    "gör det visas i Målkvalitet. Listan ändras med importtypen perspektiv.")


def perspectives_card(perspectives: list[PerspectiveInfo]) -> dbc.Card:
    """The styrmodell's perspectives and the goal kinds that require them."""
    rows = [[p.name, p.code, ", ".join(kind_label(k) for k in p.required_for) or "–"]
            for p in perspectives]
    body = (data_table("Styrmodellens perspektiv", ["Perspektiv", "Kod", "Krävs för"], rows,
                       [False, False, False])
            if rows else note("Inga perspektiv är inlagda."))
    return dbc.Card(dbc.CardBody([html.H2("Perspektiv", className="card-title"),
                                  html.P(PERSPECTIVES_HELP), body]),
                    class_name="app-card mb-4", id=f"{KEY}-perspektiv")


@dataclass(frozen=True)
class ProfilData:
    """The stored profile (None before one is set) and the styrmodell's perspectives."""

    stored: profile.Profile | None
    perspectives: list[PerspectiveInfo]


def load(session, viewer, _args) -> ProfilData:
    """The stored profile and the perspectives."""
    return ProfilData(profile.read(session), styrmodell_perspectives(session, viewer))


def view(data: ProfilData) -> list:
    """The form, with a sentence when no profile is set yet, and the perspectives."""
    stored = data.stored
    intro = ([html.P("Ingen organisationsprofil är satt ännu. Fyll i uppgifterna och spara.",
                     id=f"{KEY}-ingen")] if stored is None else [])
    return [section_nav("admin", KEY), page_header(TITLE, LEAD), *intro,
            dbc.Card(dbc.CardBody(form(stored or profile.UNSET)), class_name="app-card mb-4",
                     id=f"{KEY}-formular"),
            perspectives_card(data.perspectives)]


PAGE = Page(
    key=KEY, path="/admin/profil", title=TITLE, lead=LEAD, access="admin", order=215,
    section="admin", subnav="Organisation", load=load, layout=view,
)
