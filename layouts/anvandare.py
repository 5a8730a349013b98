"""Användare (administrators only): every user with how they sign in, role, nämnder, last
sign-in and whether the account is active; `?anvandare=NAMN` opens one user's card, where an
administrator disables or enables the account and changes a local account's role and nämnder
(single sign-on accounts get theirs from the directory at every sign-in: shown, not changed)."""

from __future__ import annotations

from dataclasses import dataclass

import dash_bootstrap_components as dbc
from dash import dcc, html
from flask_login import current_user

from callbacks import anvandare as cb
from data_access.queries.accounts import (
    Account,
    namnd_choices,
    user_account,
    user_accounts,
)
from data_access.users import ROLE_LABELS_SV
from layouts.components import card, note, page_header
from layouts.page import Page, section_nav

KEY = cb.KEY
TITLE = "Användare"
LEAD = ("Alla som kan logga in i Rödtråd: hur de loggar in, vilken roll och vilka nämnder de "
        "har, när de senast loggade in och om kontot är aktivt. Välj Ändra för att stänga av "
        "eller aktivera ett konto, eller för att ändra roll och nämnder för ett lokalt konto.")
SSO_NOTE = ("{user} loggar in med organisationens konto ({method}). Roll och nämnder kommer "
            "från användarens grupper i organisationens katalog och sätts på nytt vid varje "
            "inloggning, så de ändras i katalogen och inte här. Kontot kan ändå stängas av här.")
OWN_ROLE = ("Det här är ditt eget konto: din egen roll ändrar du inte här. Be en annan "
            "administratör om det behövs.")
OWN_ACCOUNT = ("Du kan inte stänga av ditt eget konto. Be en annan administratör om det "
               "behövs.")


def _fact(term: str, value, value_id: str | None = None) -> list:
    ids = {"id": value_id} if value_id else {}
    return [html.Dt(term, className="col-sm-4"), html.Dd(value, className="col-sm-8", **ids)]


def facts(account: Account) -> html.Dl:
    """How the user signs in, their access, last sign-in and status."""
    return html.Dl([
        *_fact("Inloggning", cb.SOURCE_TEXTS.get(account.source, account.source)),
        *_fact("Roll och nämnder", cb.access_text(account.role,
                                                   [n.name for n in account.namnder]),
               f"{KEY}-tillgang"),
        *_fact("Senast inloggad", cb.last_sign_in_text(account)),
        *_fact("Status", cb.status_text(account.active), f"{KEY}-status"),
    ], className="row mb-3")


def access_form(account: Account, choices) -> html.Div:
    """Role as radio buttons and nämnder as check boxes, and the button that saves both."""
    roles = [{"label": [html.Strong(ROLE_LABELS_SV[role]), f" – {cb.ROLE_HELP[role]}"],
              "value": role} for role in ROLE_LABELS_SV]
    namnder = [{"label": n.name, "value": n.code} for n in choices]
    return html.Div([
        html.Fieldset([html.Legend("Roll", className="fs-6 fw-bold"),
                       dbc.RadioItems(id=f"{KEY}-roll", name="roll", options=roles,
                                      value=account.role)],
                      className="mb-3"),
        html.Fieldset([html.Legend("Nämnder", className="fs-6 fw-bold"),
                       html.P("Bara nämndledamöter har nämnder: de ser allt om sina nämnder. "
                              "För andra roller sparas inga nämnder.",
                              className="form-text mt-0", id=f"{KEY}-namnder-hjalp"),
                       dbc.Checklist(id=f"{KEY}-namnder", options=namnder,
                                     value=list(account.namnd_codes))],
                      className="mb-3", **{"aria-describedby": f"{KEY}-namnder-hjalp"}),
        html.Button("Spara roll och nämnder", id=f"{KEY}-spara", type="button", n_clicks=0,
                    className="btn btn-primary"),
    ])


def access_part(account: Account, own: bool, choices) -> list:
    """Role and nämnder: a form for another local account, else why they are only shown."""
    heading = html.H3("Roll och nämnder", className="h5")
    if account.source != "local":
        method = cb.source_label(account.source)
        return [heading, html.P(SSO_NOTE.format(user=account.display_name, method=method))]
    if own:
        return [heading, html.P(OWN_ROLE)]
    return [heading, access_form(account, choices)]


def account_part(account: Account, own: bool) -> list:
    """Disable or enable the account (not one's own)."""
    heading = html.H3("Konto", className="h5 mt-4")
    if own:
        return [heading, html.P(OWN_ACCOUNT)]
    return [
        heading,
        html.P("Ett avstängt konto kan inte logga in, och alla dess pågående inloggningar "
               "avslutas direkt. Uppgifterna om kontot finns kvar, så det kan aktiveras igen."),
        html.Button(cb.active_button_text(account.active), id=f"{KEY}-aktiv", type="button",
                    n_clicks=0, className=cb.active_button_class(account.active)),
    ]


def edit_card(account: Account, own: bool, choices) -> dbc.Card:
    """One user's card: the facts, then what the administrator may change."""
    title = f"{account.display_name} ({account.username})"
    return dbc.Card(dbc.CardBody([
        html.H2(["Ändra användare: ", title], className="card-title", tabIndex="-1",
                id=f"{KEY}-andra-rubrik"),
        dcc.Store(id=f"{KEY}-vald", data={"username": account.username,
                                          "active": account.active}),
        html.Div(id=f"{KEY}-besked", role="status"),
        facts(account),
        *access_part(account, own, choices),
        *account_part(account, own),
    ]), class_name="app-card mb-4", id=f"{KEY}-andra")


# --- The page ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Args:
    """`?anvandare=NAMN`: the user whose card is open (none: only the list)."""

    anvandare: str | None = None


@dataclass(frozen=True)
class UsersData:
    """Every user, and the chosen one's card: the account (None when there is no such user),
    whether it is the administrator's own, and the nämnder a member may have."""

    chosen: str
    accounts: list[Account]
    account: Account | None = None
    own: bool = False
    choices: tuple = ()


def load(session, viewer, args: Args) -> UsersData:
    """Every user; for `?anvandare=` also that user's account and the nämnder to choose from."""
    chosen = (args.anvandare or "").strip()[:100]
    account = user_account(session, viewer, chosen) if chosen else None
    if account is None:
        return UsersData(chosen, user_accounts(session, viewer))
    return UsersData(chosen, user_accounts(session, viewer), account,
                     account.username == current_user.username,
                     tuple(namnd_choices(session, viewer)))


def view(data: UsersData) -> list:
    """The chosen user's card (or why there is none), then every user. The changes made on
    the card update it and the list through the page's callbacks (callbacks/anvandare.py)."""
    parts = [section_nav("admin", KEY), page_header(TITLE, LEAD)]
    if data.account is not None:
        parts.append(edit_card(data.account, data.own, data.choices))
    elif data.chosen:
        parts.append(note(f"Det finns ingen användare som heter {data.chosen}."))
    table = html.Div(cb.accounts_table(data.accounts), id=f"{KEY}-lista")
    parts.append(card("Alla användare", None, table, card_id=f"{KEY}-alla"))
    # The view drawn, for the focus handler (assets/callbacks.js): a card that "Ändra" opens
    # takes the focus to its heading.
    parts += [dcc.Store(id=f"{KEY}-view", data={"user": data.chosen}),
              dcc.Store(id=f"{KEY}-view-shown")]
    return parts


PAGE = Page(
    key=KEY, path="/admin/anvandare", title=TITLE, lead=LEAD, access="admin", order=210,
    section="admin", subnav="Användare", args=Args, load=load, layout=view,
)
