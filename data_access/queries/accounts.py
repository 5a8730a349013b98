"""The users for the administrators' page (Användare): how each signs in, their role and
nämnder, their last sign-in and whether they are active; and the nämnder to choose from."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func
from sqlalchemy.orm import Session

from data_access.models import LoginEvent, OrgUnit, User, user_namnder
from data_access.scope import Viewer

from .filters import scoped


@dataclass(frozen=True)
class Namnd:
    """A nämnd a user may be given."""

    code: str
    name: str


@dataclass(frozen=True)
class Account:
    """One user as the page lists them."""

    username: str
    display_name: str
    source: str  # "local", "oidc" or "saml"
    role: str
    active: bool
    last_sign_in: dt.datetime | None
    namnder: tuple[Namnd, ...]

    @property
    def namnd_codes(self) -> tuple[str, ...]:
        return tuple(n.code for n in self.namnder)


def _last_password_sign_in(viewer: Viewer):
    """The user's latest successful login in the login log (single sign-on also stamps
    users.last_login)."""
    return (scoped(LoginEvent, viewer, func.max(LoginEvent.at))
            .where(LoginEvent.username == User.username, LoginEvent.succeeded.is_(True))
            .scalar_subquery())


def _namnder_by_user(session: Session, viewer: Viewer, *conditions) -> dict[str, list[Namnd]]:
    rows = session.execute(
        scoped(User, viewer, User.username, OrgUnit.code, OrgUnit.name)
        .join(user_namnder, user_namnder.c.user_id == User.id)
        .join(OrgUnit, OrgUnit.id == user_namnder.c.unit_id)
        .where(*conditions).order_by(OrgUnit.name))
    found: dict[str, list[Namnd]] = {}
    for username, code, name in rows:
        found.setdefault(username, []).append(Namnd(code, name))
    return found


def _latest(*moments: dt.datetime | None) -> dt.datetime | None:
    return max((m for m in moments if m is not None), default=None)


def _accounts(session: Session, viewer: Viewer, *conditions) -> list[Account]:
    namnder = _namnder_by_user(session, viewer, *conditions)
    rows = session.execute(
        scoped(User, viewer, User.username, User.display_name, User.source, User.role,
               User.active, User.last_login, _last_password_sign_in(viewer))
        .where(*conditions).order_by(User.username))
    return [Account(username, display_name or username, source, role, active,
                    _latest(last_login, logged), tuple(namnder.get(username, ())))
            for username, display_name, source, role, active, last_login, logged in rows]


def user_accounts(session: Session, viewer: Viewer) -> list[Account]:
    """Every user, by username; administrators only (the row rule gives others nothing)."""
    return _accounts(session, viewer)


def user_account(session: Session, viewer: Viewer, username: str) -> Account | None:
    """One user, or None when there is none by that name (or the viewer may not see users)."""
    found = _accounts(session, viewer, User.username == username)
    return found[0] if found else None


def namnd_choices(session: Session, viewer: Viewer) -> list[Namnd]:
    """Every nämnd, by name: what a nämnd member may be given."""
    rows = session.execute(scoped(OrgUnit, viewer, OrgUnit.code, OrgUnit.name)
                           .where(OrgUnit.level == "namnd").order_by(OrgUnit.name))
    return [Namnd(code, name) for code, name in rows]
