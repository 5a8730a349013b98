"""Login, logout, sessions, CSRF and throttling; who is looking at the page.

A plain HTML form posts to /login (CSRF-protected by Flask-WTF). The Dash renderer copies the
`_csrf_token` cookie into an `X-CSRFToken` header, so callbacks are CSRF-checked too.

A session is a signed cookie holding the user's id and a token made from their password hash
and session version. Logout, a new password and disabling raise the version
(`users.end_sessions`), so every copy of every session cookie of that user stops working on the
server's side. Sessions are not "permanent" (Flask-Login's strong protection only marks a
permanent session stale instead of ending it): a session is bound to the client's address and
browser, and ends after the idle timeout, which this module keeps itself.

Failed logins are throttled from the login log in the database, which every worker writes
(on SQLite, with the backlog of attempts made while an import held the write lock).
"""

from __future__ import annotations

import hashlib
import logging
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    Flask,
    current_app,
    has_request_context,
    redirect,
    render_template,
    request,
    session,
)
from flask_login import LoginManager, UserMixin, current_user, login_user, logout_user
from flask_wtf.csrf import CSRFError, CSRFProtect, generate_csrf

from dashboard.database import get_session
from dashboard.urls import page_url
from data_access import users
from data_access.scope import PUBLIC, Viewer

CSRF_COOKIE = "_csrf_token"
FAILED_LOGIN = "Fel användarnamn eller lösenord."

blueprint = Blueprint("auth", __name__)
login_manager = LoginManager()
csrf = CSRFProtect()
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class AuthUser(UserMixin):
    """The logged-in user as the request sees it: identity, role and nämnd scope."""

    id: int
    username: str
    display_name: str
    role: str
    namnd_ids: tuple[int, ...]
    namnd_names: tuple[str, ...]
    token: str

    def get_id(self) -> str:
        # The token changes with the password and the session version (users.end_sessions).
        return f"{self.id}:{self.token}"

    @property
    def role_label(self) -> str:
        return users.ROLE_LABELS_SV[self.role]

    @property
    def viewer(self) -> Viewer:
        return Viewer(role=self.role, namnd_ids=self.namnd_ids)


def _token(user) -> str:
    return hashlib.sha256(f"{user.session_version}:{user.password_hash}".encode()).hexdigest()[:16]


def _auth_user(user) -> AuthUser:
    namnder = sorted(user.namnder, key=lambda u: u.id)
    return AuthUser(user.id, user.username, user.display_name or user.username, user.role,
                    tuple(u.id for u in namnder), tuple(u.name for u in namnder),
                    _token(user))


@login_manager.user_loader
def load_user(session_id: str) -> AuthUser | None:
    """The active user behind a session id, or None when the user is disabled or the session
    was ended (an older session version or password)."""
    user_id, _, token = session_id.partition(":")
    if not user_id.isdigit():
        return None
    user = get_session().get(users.User, int(user_id))
    if user is None or not user.active or _token(user) != token:
        return None
    return _auth_user(user)


def _session_identifier() -> str:
    """What Flask-Login's strong protection binds a session to: the client's address as this
    server trusts it (X-Forwarded-For only through RODTRAD_TRUSTED_PROXIES; Flask-Login's own
    identifier believes that header from anyone) and the browser's User-Agent."""
    client = f"{request.remote_addr}|{request.headers.get('User-Agent', '')}"
    return hashlib.sha512(client.encode()).hexdigest()


def current_viewer() -> Viewer:
    """The viewer for this request: the logged-in user's scope, else the public one."""
    if has_request_context() and current_user.is_authenticated:
        return current_user.viewer
    return PUBLIC


def safe_next(target: str | None) -> str:
    """A local path to go to after login; anything else (other hosts, schemes) goes home."""
    home = page_url("oversikt")
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return home
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or any(ord(c) < 32 for c in target):
        return home
    return target


def _login_form(error: str = "", status: int = 200, username: str = ""):
    next_url = safe_next(request.values.get("next"))
    html = render_template("login.html", error=error, username=username, next=next_url,
                           csrf_token=generate_csrf(), title="Logga in")
    return html, status


def _throttled(username: str, address: str) -> bool:
    """Whether too many logins failed lately from this address, or for this user from it.

    Counted in the login log (the database every worker and instance shares, Redis or not).
    A user's own limit is per address, so failures from elsewhere cannot lock them out."""
    config = current_app.config
    failures = users.recent_login_failures(get_session(), username, address,
                                           config["LOGIN_LIMIT_WINDOW"])
    return (failures.from_address >= config["LOGIN_LIMIT_PER_ADDRESS"]
            or failures.for_user_from_address >= config["LOGIN_LIMIT_PER_USER"])


@blueprint.route("/login", methods=["GET"])
def login_page():
    """The Swedish login form."""
    if current_user.is_authenticated:
        return redirect(safe_next(request.args.get("next")))
    return _login_form()


@blueprint.route("/login", methods=["POST"])
def login_submit():
    """Check the credentials; on success start a fresh session and go to `next`."""
    username = request.form.get("username", "").strip()
    password = request.form.get("password", "")
    address = request.remote_addr or ""
    if _throttled(username, address):
        log.warning("Inloggning spärrad efter för många misslyckade försök: %r från %s",
                    username[:100], address)
        return _too_many()
    # Logs the attempt (committed: it is kept whatever happens next), without waiting for
    # an import's write lock on SQLite (see users.record_login).
    user = users.authenticate(get_session(), username, password, address)
    if user is None:
        return _login_form(FAILED_LOGIN, 401, username)
    session.clear()  # nothing from before the login survives it
    login_user(_auth_user(user))
    return redirect(safe_next(request.form.get("next")))


@blueprint.route("/logout", methods=["POST"])
def logout():
    """End this session and every other session of the user."""
    if current_user.is_authenticated:
        db = get_session()
        users.end_sessions(db.get(users.User, current_user.id))
        db.commit()
    logout_user()
    session.clear()
    return redirect(page_url("oversikt"))


def _enforce_idle_timeout() -> None:
    """Log out a user whose last request is older than the idle timeout."""
    if not current_user.is_authenticated:
        return
    now, limit = time.time(), current_app.config["IDLE_TIMEOUT"].total_seconds()
    if now - session.get("seen", now) > limit:
        logout_user()
        session.clear()
        return
    session["seen"] = now


def _set_csrf_cookie(response):
    """Give every HTML page the token the Dash renderer sends back as X-CSRFToken."""
    if response.mimetype == "text/html":
        response.set_cookie(CSRF_COOKIE, generate_csrf(), samesite="Lax", httponly=False,
                            secure=current_app.config["SESSION_COOKIE_SECURE"])
    return response


def _csrf_refused(error: CSRFError):
    from dashboard.errors import error_page

    return error_page("Sidan behöver laddas om",
                      "Säkerhetstoken saknas eller är ogiltig. Ladda om sidan och försök igen.", 400)


def _too_many():
    from dashboard.errors import error_page

    return error_page("För många försök",
                      "För många misslyckade inloggningar. Vänta en stund och försök igen.", 429)


def init_app(server: Flask, prefix: str = "/") -> None:
    """Install login, CSRF protection and the idle timeout on the server."""
    login_manager.session_protection = "strong"
    login_manager._session_identifier_generator = _session_identifier  # no public setter
    login_manager.login_view = None  # the access guard decides where anonymous users go
    login_manager.init_app(server)
    csrf.init_app(server)
    server.register_blueprint(blueprint, url_prefix=prefix.rstrip("/") or None)
    server.before_request(_enforce_idle_timeout)
    server.after_request(_set_csrf_cookie)
    server.register_error_handler(CSRFError, _csrf_refused)
