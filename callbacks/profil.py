"""Organisation (administrators only): reading the profile form and saving it. Pure functions
first, register(app) last.

The save goes through data_access.profile, as `rodtrad profil satt` does, in a transaction of
its own that writes the audit record and the run that refreshes cached pages with it; a
refused profile writes nothing.
"""

from __future__ import annotations

from dash import Input, Output, State, ctx
from dash.exceptions import PreventUpdate
from flask_login import current_user
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from callbacks.anvandare import BUSY, done, refused
from dashboard.database import app_engine
from data_access import profile
from data_access.db import is_locked

KEY = "profil"
# The form's fields, in the order form_profile takes them.
FIELDS = ("namn", "typ", "kolada", "utgivare", "jamfor", "omraden", "malnivaer")
FLAGS = {"riket": "Riket", "alla_regioner": "Alla regioner",
         "egna_kommuner": "En regions egna kommuner (bara för en region)"}
# The goal levels an organisation may choose to use.
LEVELS = {"framgangsfaktorer": "Framgångsfaktorer mellan nämndmålen och förvaltningsmålen"}
AREAS = FIELDS.index("omraden")
MOST_TEXT = 10_000


def _text(value, what: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str) or len(value) > MOST_TEXT:
        raise profile.ProfileError(f"{what} kom inte fram. Ladda om sidan och försök igen.")
    return value


def _chosen(values, allowed: dict, what: str) -> list:
    """The ticked boxes of a checklist; ProfileError when they are malformed."""
    if values is None:
        return []
    if not isinstance(values, list) or not all(v in allowed for v in values):
        raise profile.ProfileError(f"{what} kom inte fram. Ladda om sidan och försök igen.")
    return values


def form_profile(name, kind, area, publisher, flags, areas, levels=None) -> profile.Profile:
    """The profile as the form sent it (unchecked); ProfileError when a field is malformed."""
    flags = _chosen(flags, FLAGS, "Jämförelserna")
    levels = _chosen(levels, LEVELS, "Målnivåerna")
    if kind not in profile.KIND_LABELS:
        raise profile.ProfileError("Välj typ: region eller kommun.")
    lines = [line for line in _text(areas, "Jämförelseområdena").splitlines() if line.strip()]
    return profile.Profile(
        name=_text(name, "Namnet"), kind=kind, kolada_area=_text(area, "Kolada-id"),
        publisher=_text(publisher, "Utgivaren"), riket="riket" in flags,
        all_regions="alla_regioner" in flags, own_kommuner="egna_kommuner" in flags,
        areas=tuple(profile.parse_area(line) for line in lines),
        success_factors="framgangsfaktorer" in levels)


def area_lines(stored: profile.Profile) -> str:
    """The chosen areas as the text box holds them: `0180 Stockholm`, one a line."""
    return "\n".join(f"{a.code} {a.name}" for a in stored.areas)


def flag_values(stored: profile.Profile) -> list[str]:
    return [flag for flag, on in (("riket", stored.riket), ("alla_regioner", stored.all_regions),
                                  ("egna_kommuner", stored.own_kommuner)) if on]


def level_values(stored: profile.Profile) -> list[str]:
    return ["framgangsfaktorer"] if stored.success_factors else []


def save_form(*fields) -> tuple:
    """(message, areas text) after a click on Spara: the profile saved, or why not."""
    with Session(app_engine()) as session:
        try:
            saved = profile.save(session, form_profile(*fields), by=current_user.username)
            session.commit()
        except profile.ProfileError as exc:
            session.rollback()
            return refused(str(exc)), fields[AREAS]
        except OperationalError as exc:
            session.rollback()
            if not is_locked(exc):
                raise
            return refused(BUSY), fields[AREAS]
    compared = saved.comparison_text() or "inget"
    factors = "med" if saved.success_factors else "utan"
    return done(f"Sparat: {saved.name} ({saved.kind}, Kolada-id {saved.kolada_area}) jämförs "
                f"med {compared}, {factors} framgångsfaktorer."), area_lines(saved)


def register(app) -> None:
    """Save the profile."""

    @app.callback(
        Output(f"{KEY}-besked", "children"),
        Output(f"{KEY}-omraden", "value"),
        Input(f"{KEY}-spara", "n_clicks"),
        *[State(f"{KEY}-{field}", "value") for field in FIELDS],
        prevent_initial_call=True,
    )
    def save_profile(clicks, name, kind, area, publisher, flags, areas, levels):
        """Check and store the organisation profile."""
        if not clicks or ctx.triggered_id != f"{KEY}-spara":
            raise PreventUpdate
        return save_form(name, kind, area, publisher, flags, areas, levels)
