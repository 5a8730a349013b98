"""Users: creation, roles, nämnd scope, password checks and the login log."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import NamedTuple

from sqlalchemy import ColumnElement, bindparam, func, insert, select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, selectinload
from werkzeug.security import check_password_hash, generate_password_hash

from data_access import audit, login_backlog
from data_access.db import (
    begin_writing,
    connection_of,
    is_locked,
    sqlite_file,
    sqlite_wait,
)
from data_access.driver import DriverSelect
from data_access.models import ROLES, ImportRun, LoginEvent, OrgUnit, User, user_namnder
from data_access.queries.meta import changed_data
from data_access.role_map import Access

MIN_PASSWORD_LENGTH = 10
# How long a login waits for SQLite's write lock (held by an import for as long as it writes)
# before its attempt goes to the backlog instead (data_access.login_backlog).
LOGIN_WRITE_WAIT = 0.2
# How long a single sign-on waits for it: the user row must be written (created, or its role,
# nämnder and last sign-in updated), so there is no backlog to fall back on.
SSO_WRITE_WAIT = 2.0
ROLE_LABELS_SV = {"namnd": "Nämndledamot", "ledning": "Ledning", "admin": "Administratör"}

# A hash to compare against when the user does not exist, so that a failed login takes
# the same time whether or not the username is known.
_DUMMY_HASH = generate_password_hash("rodtrad-dummy-password", method="scrypt")


class UserError(ValueError):
    """A user-management request that cannot be carried out; the message is Swedish."""


class WriteLockBusy(RuntimeError):
    """SQLite's write lock stayed with an import (which holds it for as long as it writes)."""


@contextmanager
def writing_briefly(session: Session, seconds: float = SSO_WRITE_WAIT) -> Iterator[None]:
    """Run the block in a fresh write transaction; on SQLite, wait at most `seconds` for an
    import's write lock and raise WriteLockBusy, with nothing written, if it is not free.

    The request may have read already (the signed-in user, say): that read-only transaction is
    ended first, since SQLite cannot make a transaction that has read into a writing one while
    another connection writes."""
    if sqlite_file(session) is None:  # PostgreSQL: row locks, no database-wide write lock
        yield
        return
    session.rollback()
    try:
        with sqlite_wait(session, seconds):
            begin_writing(session)
    except OperationalError as exc:
        if not is_locked(exc):
            raise
        session.rollback()
        raise WriteLockBusy from exc
    yield


@dataclass(frozen=True)
class LoginFailures:
    """Failed logins in the throttling window: from an address, and for a user from it."""

    from_address: int
    for_user_from_address: int


def hash_password(password: str) -> str:
    """A salted scrypt hash of a password that is long enough."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UserError(f"Lösenordet måste ha minst {MIN_PASSWORD_LENGTH} tecken.")
    return generate_password_hash(password, method="scrypt")


def get_user(session: Session, username: str) -> User | None:
    """The user with this username, with their nämnder loaded."""
    return session.scalars(
        select(User).options(selectinload(User.namnder)).where(User.username == username)
    ).one_or_none()


def data_version_column() -> ColumnElement[int]:
    """`queries.meta.data_version` as a column to read beside the signed-in user's row, once
    per request (`signed_in`). Without a viewer, as the statement has none: the import log
    is reference data, the same for every known role."""
    latest = (select(ImportRun.id).where(changed_data()).order_by(ImportRun.id.desc())
              .limit(1).scalar_subquery())
    return func.coalesce(latest, 0).label("data_version")


class Namnd(NamedTuple):
    """A nämnd as a signed-in user's scope needs it."""

    id: int
    name: str


@dataclass(frozen=True)
class SignedIn:
    """What a request needs of the signed-in user: who, their role and nämnder (by id), and
    what their session token is made of (`session_version`, `password_hash`)."""

    id: int
    username: str
    display_name: str | None
    role: str
    active: bool
    session_version: int
    password_hash: str
    namnder: tuple[Namnd, ...]


@functools.cache
def _signed_in_statement():
    """Built once: constructing it costs more than running it. Plain columns (no ORM objects
    to build): one row per nämnd of the user, or one without a nämnd."""
    return (select(User.id, User.username, User.display_name, User.role, User.active,
                   User.session_version, User.password_hash, data_version_column(),
                   OrgUnit.id.label("namnd_id"), OrgUnit.name.label("namnd_name"))
            .outerjoin(user_namnder, user_namnder.c.user_id == User.id)
            .outerjoin(OrgUnit, OrgUnit.id == user_namnder.c.unit_id)
            .where(User.id == bindparam("user_id"))
            .order_by(OrgUnit.id))


def signed_in(session: Session | Connection, user_id: int) -> tuple[SignedIn | None, int]:
    """The user with this id and their nämnder, and the data version (`queries.meta`), in one
    statement: what every signed-in request reads (the session's user, the page cache's key).

    Every request pays for it, so it runs on the session's connection as a plain statement,
    without the ORM's object loading and row-rule walk: like every sign-in lookup it reads
    without a viewer, which the row rules (queries.filters) let read all rows anyway. The web
    passes its request's plain connection (dashboard.database.request_connection)."""
    connection = connection_of(session)
    rows = _signed_in_read().rows(connection, {"user_id": user_id})
    if rows is None:  # not SQLite, or something listens to the statements
        rows = connection.execute(_signed_in_statement(), {"user_id": user_id}).all()
    if not rows:
        return None, 0
    # The columns in the statement's order; `active` as a bool (SQLite stores 0 or 1).
    (id_, username, display_name, role, active, session_version, password_hash, version,
     *_) = rows[0]
    namnder = tuple(Namnd(row[-2], row[-1]) for row in rows if row[-2] is not None)
    user = SignedIn(id_, username, display_name, role, bool(active), session_version,
                    password_hash, namnder)
    return user, version


@functools.cache
def _signed_in_read() -> DriverSelect:
    return DriverSelect(_signed_in_statement())


@functools.cache
def _data_version_statement():
    return select(data_version_column())


def data_version(session: Session | Connection) -> int:
    """`queries.meta.data_version` for a request without a signed-in user, as one plain
    statement built once (the import log is the same for every known viewer)."""
    connection = connection_of(session)
    rows = _data_version_read().rows(connection)
    if rows is None:  # not SQLite, or something listens to the statements
        return connection.execute(_data_version_statement()).scalar_one()
    (version,), = rows
    return version


@functools.cache
def _data_version_read() -> DriverSelect:
    return DriverSelect(_data_version_statement())


def require_user(session: Session, username: str) -> User:
    """The user with this username, or a UserError naming it."""
    user = get_user(session, username)
    if user is None:
        raise UserError(f"Användaren {username!r} finns inte.")
    return user


def namnder_by_code(session: Session, codes: list[str]) -> list[OrgUnit]:
    """The nämnder with these codes; a UserError lists any code that is not a nämnd."""
    found = {u.code: u for u in session.scalars(
        select(OrgUnit).where(OrgUnit.code.in_(codes), OrgUnit.level == "namnd"))}
    missing = [c for c in codes if c not in found]
    if missing:
        raise UserError(f"Okänd nämndkod: {', '.join(missing)}.")
    return [found[c] for c in codes]


def _check_role(role: str, namnd_codes: list[str]) -> None:
    if role not in ROLES:
        raise UserError(f"Okänd roll {role!r}; välj en av {', '.join(ROLES)}.")
    if role == "namnd" and not namnd_codes:
        raise UserError("En nämndledamot måste ha minst en nämnd.")


def _check_local(user: User) -> None:
    """Role and nämnder of a single sign-on user come from their directory groups."""
    if user.source != "local":
        raise UserError(
            f"{user.username} loggar in med organisationens konto, som ger roll och nämnder "
            "från katalogens grupper vid varje inloggning. Ändra grupperna i katalogen i stället.")


def _check_not_self(user: User, by: str, what: str) -> None:
    if by and by == user.username:
        raise UserError(f"Du kan inte {what} ditt eget konto. Be en annan administratör.")


def _check_keeps_an_admin(session: Session, user: User, role: str, active: bool) -> None:
    """Refuse to leave no active administrator: nobody could manage users on the web then.

    The active administrators are locked while this transaction lasts (SQLite: its write lock;
    PostgreSQL: their rows, always in the same order), so two administrators cannot each
    remove the other."""
    if user.role != "admin" or not user.active or (role == "admin" and active):
        return
    begin_writing(session)
    admins = session.scalars(select(User.id).where(User.role == "admin", User.active.is_(True))
                             .order_by(User.id).with_for_update()).all()
    if not set(admins) - {user.id}:
        raise UserError(f"{user.username} är den enda aktiva administratören. Det måste finnas "
                        "minst en: gör först någon annan till administratör.")


def add_user(session: Session, username: str, password: str, role: str,
             namnd_codes: list[str] = (), display_name: str = "", *, by: str = "") -> User:
    """Create an active user; nämnd members need at least one nämnd. `by`: who did it (for
    the audit log, as every change below)."""
    namnd_codes = list(namnd_codes)
    _check_role(role, namnd_codes)
    if get_user(session, username) is not None:
        raise UserError(f"Användaren {username!r} finns redan.")
    user = User(username=username, display_name=display_name or username,
                password_hash=hash_password(password), role=role, active=True,
                namnder=namnder_by_code(session, namnd_codes) if role == "namnd" else [])
    session.add(user)
    session.flush()
    _record_change(session, by, "add", user)
    return user


def set_role(session: Session, username: str, role: str, namnd_codes: list[str] = (), *,
             by: str = "") -> User:
    """Change a user's role (and nämnder, which only nämnd members keep; without new ones a
    nämnd member keeps theirs)."""
    user = require_user(session, username)
    codes = list(namnd_codes) or [u.code for u in user.namnder]
    return _set_access(session, user, role, codes, by, "set-role")


def set_access(session: Session, username: str, role: str, namnd_codes: list[str], *,
               by: str = "") -> User:
    """Give a local user exactly this role and these nämnder (which only nämnd members keep):
    the administrators' page. Nothing changes when anything is refused."""
    user = require_user(session, username)
    action = "set-role" if role != user.role else "set-namnder"
    return _set_access(session, user, role, list(namnd_codes), by, action)


def _set_access(session: Session, user: User, role: str, codes: list[str], by: str,
                action: str) -> User:
    _check_role(role, codes)
    _check_local(user)
    namnder = namnder_by_code(session, codes) if role == "namnd" else []
    if role != user.role:
        _check_not_self(user, by, "ändra rollen för")
        _check_keeps_an_admin(session, user, role, user.active)
    user.role, user.namnder = role, namnder
    _record_change(session, by, action, user)
    return user


def set_namnder(session: Session, username: str, namnd_codes: list[str], *,
                by: str = "") -> User:
    """Replace a nämnd member's nämnder."""
    user = require_user(session, username)
    _check_role(user.role, list(namnd_codes))
    _check_local(user)
    user.namnder = namnder_by_code(session, list(namnd_codes))
    _record_change(session, by, "set-namnder", user)
    return user


def end_sessions(user: User) -> None:
    """End every session of the user, in every browser, at their next request."""
    # An UPDATE ... SET session_version = session_version + 1: two workers ending the
    # same user's sessions at once both count.
    user.session_version = User.session_version + 1


def set_password(session: Session, username: str, password: str, *, by: str = "") -> User:
    """Replace a user's password; their sessions end."""
    user = require_user(session, username)
    user.password_hash = hash_password(password)
    end_sessions(user)
    _record_change(session, by, "set-password", user)
    return user


def set_active(session: Session, username: str, active: bool, *, by: str = "") -> User:
    """Enable or disable a user; a disabled user cannot log in and their sessions end
    (enabling them again does not bring the old sessions back)."""
    user = require_user(session, username)
    if not active:
        _check_not_self(user, by, "stänga av")
        _check_keeps_an_admin(session, user, user.role, active)
    user.active = active
    end_sessions(user)
    _record_change(session, by, "enable" if active else "disable", user)
    return user


def _record_change(session: Session, by: str, action: str, user: User) -> None:
    """The change in the audit log: the action, whom, and their role and nämnder after it
    (never the password)."""
    codes = ",".join(u.code for u in user.namnder) or "-"
    audit.add(session, audit.Event(audit.USER_CHANGE, username=by, target=(
        f"{action} {user.username}: roll {user.role}, nämnder {codes}")))


def list_users(session: Session) -> list[User]:
    """All users, by username."""
    return list(session.scalars(
        select(User).options(selectinload(User.namnder)).order_by(User.username)))


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


def authenticate(session: Session, username: str, password: str, address: str) -> User | None:
    """The active user whose password matches, or None; every attempt is logged (committed)."""
    user = get_user(session, username)
    ok = check_password_hash(user.password_hash if user else _DUMMY_HASH, password)
    succeeded = bool(user and user.active and ok)
    record_login(session, username, succeeded, address)
    return user if succeeded else None


def record_login(session: Session, username: str, succeeded: bool, address: str) -> None:
    """Log a login attempt and commit it. On SQLite a login does not wait for an import's
    write lock: the attempt then goes to the backlog, which the throttle counts too, and the
    next login that can write moves the backlog into the log."""
    event = {"username": username[:100], "succeeded": succeeded, "address": address[:64],
             "at": _now()}
    database = sqlite_file(session)
    if database is None:  # PostgreSQL: an import's row locks never hold up a new login event
        session.execute(insert(LoginEvent), [event])
        session.commit()
        return
    backlog = login_backlog.path_for(database)
    try:
        with sqlite_wait(session, LOGIN_WRITE_WAIT):
            begin_writing(session)  # the write lock, or OperationalError while an import has it
        with login_backlog.draining(backlog) as kept:  # only logins holding the lock drain
            session.execute(insert(LoginEvent), [*kept, event])
            session.commit()
    except OperationalError as exc:
        if not is_locked(exc):
            raise
        session.rollback()
        login_backlog.add(backlog, event)


@dataclass(frozen=True)
class ExternalIdentity:
    """A person as an identity provider vouches for them at sign-in."""

    source: str  # "oidc" or "saml"
    external_id: str  # the provider's issuer and subject (or NameID): stable, never reassigned
    username: str  # what the provider calls them (preferred_username, e-mail), may change
    display_name: str
    email: str


def _free_username(session: Session, identity: ExternalIdentity) -> str:
    """The provider's name for the person, unless a user (say a local one) already has it."""
    wanted = (identity.username or identity.email or identity.external_id)[:90]
    if get_user(session, wanted) is None:
        return wanted
    return f"{wanted}~{hashlib.sha256(identity.external_id.encode()).hexdigest()[:8]}"


def sign_in_external(session: Session, identity: ExternalIdentity, access: Access,
                     address: str) -> User:
    """The user behind a single sign-on, created on first sign-in, with the role and nämnder
    their directory groups give today. A change of access ends their other sessions.

    Found by the provider's subject only, never by username, so a provider cannot take over a
    local account. A disabled user stays out (UserError)."""
    user = session.scalars(select(User).options(selectinload(User.namnder))
                           .where(User.external_id == identity.external_id)).one_or_none()
    namnder = namnder_by_code(session, list(access.namnd_codes)) if access.role == "namnd" else []
    if user is None:
        user = User(username=_free_username(session, identity), password_hash="",
                    source=identity.source, external_id=identity.external_id,
                    role=access.role, namnder=namnder, active=True)
        session.add(user)
    elif not user.active:
        raise UserError("Ditt konto i Rödtråd är avstängt. Kontakta en administratör.")
    elif (user.role, {u.id for u in user.namnder}) != (access.role, {u.id for u in namnder}):
        user.role, user.namnder = access.role, namnder
        end_sessions(user)
    user.display_name = identity.display_name[:200] or user.username
    user.email = identity.email[:254]
    user.last_login = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    session.add(LoginEvent(username=user.username, succeeded=True, address=address[:64]))
    session.flush()
    return user


def end_external_sessions(session: Session, external_id: str) -> bool:
    """End the sessions of the single sign-on user with this subject, if there is one (their
    directory groups no longer give access); whether there was."""
    user = session.scalars(select(User).where(User.external_id == external_id)).one_or_none()
    if user is not None:
        end_sessions(user)
    return user is not None


def recent_login_failures(session: Session, username: str, address: str,
                          window: dt.timedelta) -> LoginFailures:
    """How many logins failed in the last `window` from this address, and how many of those
    were for this username (as every worker records them: the counts hold across workers,
    the backlog of attempts made while an import held SQLite's write lock included)."""
    since = _now() - window
    username, address = username[:100], address[:64]
    for_user = LoginEvent.username == username
    from_address, for_user_from_address = session.execute(
        select(func.count(), func.count().filter(for_user))
        .where(LoginEvent.address == address, LoginEvent.at >= since,
               LoginEvent.succeeded.is_(False))).one()
    database = sqlite_file(session)
    if database is not None:
        kept = login_backlog.failures(login_backlog.path_for(database), username, address, since)
        from_address, for_user_from_address = (from_address + kept[0],
                                               for_user_from_address + kept[1])
    return LoginFailures(from_address, for_user_from_address)

