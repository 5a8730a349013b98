"""Användare (administrators only): the users as table rows, and the two changes the page makes:
disable or enable an account, and a local account's role and nämnder. Pure functions first,
register(app) last.

Every change goes through data_access.users, as `rodtrad user …` does, in a transaction of
its own that writes the audit record with it; a refused change writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable

import dash_bootstrap_components as dbc
from dash import Input, Output, State, ctx, dcc, html, no_update
from dash.exceptions import PreventUpdate
from flask_login import current_user
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from callbacks.importera import local_time
from callbacks.pagetools import register_focus_after_render
from dashboard.auth import current_viewer
from dashboard.core.urls import page_url
from dashboard.database import app_engine, get_session
from data_access import users
from data_access.db import is_locked
from data_access.models import ROLES
from data_access.queries.accounts import Account, user_account, user_accounts
from layouts.components import data_table, note

KEY = "anvandare"
SOURCE_LABELS = {"local": "Lokal", "oidc": "OpenID Connect", "saml": "SAML"}
SOURCE_TEXTS = {"local": "Lokalt konto med lösenord i Rödtråd",
                "oidc": "Organisationens konto (OpenID Connect)",
                "saml": "Organisationens konto (SAML)"}
COLUMNS = ("Användarnamn", "Namn", "Inloggning", "Roll", "Nämnder", "Senast inloggad", "Status",
           "Ändra")
ROLE_HELP = {"namnd": "ser allt om sina nämnder och sammanfattningar av de andra",
             "ledning": "ser allt, kan inte ändra något",
             "admin": "ser allt, importerar data och hanterar användare"}
BUSY = ("Databasen är upptagen av en import just nu. Inget sparades; försök igen om en "
        "stund.")


class FormProblem(ValueError):
    """What the form sent cannot be used; the message is Swedish."""


# --- The list -----------------------------------------------------------------------------


def source_label(source: str) -> str:
    return SOURCE_LABELS.get(source, source)


def status_text(active: bool) -> str:
    """Active or disabled, with a symbol (never colour alone)."""
    return "✓ Aktiv" if active else "✗ Avstängd"


def namnder_text(account: Account) -> str:
    return ", ".join(n.name for n in account.namnder) or "–"


def last_sign_in_text(account: Account) -> str:
    return local_time(account.last_sign_in) if account.last_sign_in else "Aldrig"


def edit_link(account: Account) -> dcc.Link:
    """`Ändra`, naming the user for a screen reader (many links say the same)."""
    return dcc.Link(["Ändra", html.Span(f" {account.username}", className="visually-hidden")],
                    href=page_url(KEY, anvandare=account.username))


def row_values(account: Account) -> list:
    """One user's cells, in COLUMNS' order."""
    return [account.username, account.display_name, source_label(account.source),
            users.ROLE_LABELS_SV.get(account.role, account.role), namnder_text(account),
            last_sign_in_text(account), status_text(account.active), edit_link(account)]


def accounts_table(accounts: list[Account]) -> html.Div:
    """Every user as a table, or a sentence when there are none."""
    if not accounts:
        return note("Det finns inga användare ännu. Lägg till den första med kommandot "
                    "rodtrad user add på servern.")
    active = sum(a.active for a in accounts)
    caption = f"{len(accounts)} användare, varav {active} aktiva"
    return data_table(caption, COLUMNS, [row_values(a) for a in accounts],
                      [False] * len(COLUMNS), stacked=True)


def current_table() -> html.Div:
    return accounts_table(user_accounts(get_session(), current_viewer()))


# --- The messages ---------------------------------------------------------------------------


def done(text: str) -> dbc.Alert:
    return dbc.Alert(text, color="success", class_name="mb-3")


def refused(text: str) -> dbc.Alert:
    return dbc.Alert([html.Strong("Inget sparades. "), text], color="danger", class_name="mb-3")


def unchanged(text: str) -> dbc.Alert:
    return dbc.Alert(text, color="info", class_name="mb-3")


def access_text(role: str, namnd_names: list[str]) -> str:
    """`Nämndledamot för Hälso- och sjukvårdsnämnden och Regionala utvecklingsnämnden`."""
    label = users.ROLE_LABELS_SV[role]
    if not namnd_names:
        return label
    names = namnd_names[0] if len(namnd_names) == 1 else \
        f"{', '.join(namnd_names[:-1])} och {namnd_names[-1]}"
    return f"{label} för {names}"


# --- Reading the form -------------------------------------------------------------------------


def chosen_username(chosen) -> str:
    """The user the page is about, from its store (the browser's: checked as data, never as
    permission; only administrators reach these callbacks)."""
    if not isinstance(chosen, dict) or not isinstance(chosen.get("username"), str):
        raise PreventUpdate
    return chosen["username"]


def form_access(role, codes) -> tuple[str, list[str]]:
    """The role and nämnd codes as the form sent them; FormProblem says what is wrong where."""
    if role not in ROLES:
        raise FormProblem("Välj en roll under Roll.")
    if codes is None:
        codes = []
    if not isinstance(codes, list) or not all(isinstance(c, str) for c in codes):
        raise FormProblem("Nämnderna kom inte fram. Ladda om sidan och försök igen.")
    if role == "namnd" and not codes:
        raise FormProblem("En nämndledamot måste ha minst en nämnd: kryssa i minst en under "
                          "Nämnder.")
    return role, codes if role == "namnd" else []


# --- Making a change ------------------------------------------------------------------------


def change(make: Callable[[Session], object]) -> str | None:
    """Make a change in a transaction of its own and commit it; the Swedish reason when it was
    refused (then nothing of it is stored)."""
    with Session(app_engine()) as session:
        try:
            make(session)
            session.commit()
        except users.UserError as exc:
            session.rollback()
            return str(exc)
        except OperationalError as exc:
            session.rollback()
            if not is_locked(exc):
                raise
            return BUSY
    return None


def switch_active(chosen) -> tuple:
    """(message, list, button text and class, status text, store) after a click on Stäng
    av/Aktivera."""
    username = chosen_username(chosen)
    account = user_account(get_session(), current_viewer(), username)
    if account is None:
        return refused(f"Användaren {username} finns inte längre."), current_table(), \
            *(no_update,) * 4
    shown = chosen.get("active")
    if not isinstance(shown, bool):
        raise PreventUpdate
    wanted = not shown
    if account.active == wanted:
        message = unchanged(f"Kontot {username} är redan {_state_word(wanted)}.")
    else:
        problem = change(lambda s: users.set_active(s, username, wanted, by=current_user.username))
        if problem:
            return refused(problem), current_table(), *(no_update,) * 4
        message = done(f"Kontot {username} är aktiverat igen och kan logga in." if wanted else
                       f"Kontot {username} är avstängt: alla dess inloggningar är avslutade och "
                       "det kan inte logga in förrän det aktiveras igen.")
    return (message, current_table(), active_button_text(wanted), active_button_class(wanted),
            status_text(wanted), {"username": username, "active": wanted})


def save_access(chosen, role, codes) -> tuple:
    """(message, list, nämnder shown, role and nämnder text) after a click on Spara roll och
    nämnder."""
    username = chosen_username(chosen)
    try:
        role, codes = form_access(role, codes)
    except FormProblem as exc:
        return refused(str(exc)), current_table(), no_update, no_update
    account = user_account(get_session(), current_viewer(), username)
    if account is None:
        return refused(f"Användaren {username} finns inte längre."), current_table(), \
            no_update, no_update
    if (account.role, set(account.namnd_codes)) == (role, set(codes)):
        return unchanged("Inget att spara: rollen och nämnderna är redan de valda."), \
            current_table(), codes, no_update
    problem = change(lambda s: users.set_access(s, username, role, codes,
                                                by=current_user.username))
    if problem:
        return refused(problem), current_table(), no_update, no_update
    saved = user_account(get_session(), current_viewer(), username)
    now = access_text(saved.role, [n.name for n in saved.namnder])
    return done(f"Sparat: {username} är nu {now}."), current_table(), codes, now


def _state_word(active: bool) -> str:
    return "aktivt" if active else "avstängt"


def active_button_text(active: bool) -> str:
    """What the button does to an account that is (or is not) active."""
    return "Stäng av kontot" if active else "Aktivera kontot"


def active_button_class(active: bool) -> str:
    return "btn btn-outline-danger" if active else "btn btn-outline-primary"


def register(app) -> None:
    """Disable or enable the chosen account; save a local account's role and nämnder; the
    focus goes to a card "Ändra" opens."""
    register_focus_after_render(app, KEY)

    @app.callback(
        Output(f"{KEY}-besked", "children"),
        Output(f"{KEY}-lista", "children"),
        Output(f"{KEY}-aktiv", "children"),
        Output(f"{KEY}-aktiv", "className"),
        Output(f"{KEY}-status", "children"),
        Output(f"{KEY}-vald", "data"),
        Input(f"{KEY}-aktiv", "n_clicks"),
        State(f"{KEY}-vald", "data"),
        prevent_initial_call=True,
    )
    def disable_or_enable(clicks, chosen):
        """Disable (ending every session at once) or enable the chosen account."""
        if not clicks or ctx.triggered_id != f"{KEY}-aktiv":
            raise PreventUpdate
        return switch_active(chosen)

    @app.callback(
        Output(f"{KEY}-besked", "children", allow_duplicate=True),
        Output(f"{KEY}-lista", "children", allow_duplicate=True),
        Output(f"{KEY}-namnder", "value"),
        Output(f"{KEY}-tillgang", "children"),
        Input(f"{KEY}-spara", "n_clicks"),
        State(f"{KEY}-vald", "data"),
        State(f"{KEY}-roll", "value"),
        State(f"{KEY}-namnder", "value"),
        prevent_initial_call=True,
    )
    def save_role_and_namnder(clicks, chosen, role, codes):
        """Give a local account the chosen role and nämnder."""
        if not clicks or ctx.triggered_id != f"{KEY}-spara":
            raise PreventUpdate
        return save_access(chosen, role, codes)
