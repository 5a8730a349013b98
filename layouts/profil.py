"""Organisation (administrators only): the organisation profile, i.e. the name the pages and
the API use, region or kommun, the Kolada area id, the publisher named in the open-data
licence, the areas it is compared with and whether it uses framgångsfaktorer; saved by the page's callback
(callbacks/profil.py), as `rodtrad profil satt` does."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html

from callbacks import profil as cb
from data_access import profile
from layouts.components import page_header
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


def load(session, _viewer, _args) -> profile.Profile | None:
    """The stored profile (None before one is set)."""
    return profile.read(session)


def view(stored: profile.Profile | None) -> list:
    """The form, with a sentence when no profile is set yet."""
    intro = ([html.P("Ingen organisationsprofil är satt ännu. Fyll i uppgifterna och spara.",
                     id=f"{KEY}-ingen")] if stored is None else [])
    return [section_nav("admin", KEY), page_header(TITLE, LEAD), *intro,
            dbc.Card(dbc.CardBody(form(stored or profile.UNSET)), class_name="app-card mb-4",
                     id=f"{KEY}-formular")]


PAGE = Page(
    key=KEY, path="/admin/profil", title=TITLE, lead=LEAD, access="admin", order=215,
    section="admin", subnav="Organisation", load=load, layout=view,
)
