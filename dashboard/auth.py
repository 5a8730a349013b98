"""Login, logout, sessions, CSRF and throttling; who is looking at the page.

A plain HTML form posts to /login (CSRF-protected by Flask-WTF, throttled per address and
per username by Flask-Limiter). The Dash renderer copies the `_csrf_token` cookie into an
`X-CSRFToken` header, so callbacks are CSRF-checked too.
"""

from __future__ import annotations

import hashlib
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
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager, UserMixin, current_user, login_user, logout_user
from flask_wtf.csrf import CSRFError, CSRFProtect, generate_csrf

from dashboard.config import REDIS_TIMEOUTS
from dashboard.database import get_session
from dashboard.urls import page_url
from data_access import users
from data_access.scope import PUBLIC, Viewer

CSRF_COOKIE = "_csrf_token"
FAILED_LOGIN = "Fel användarnamn eller lösenord."

blueprint = Blueprint("auth", __name__)
login_manager = LoginManager()
csrf = CSRFProtect()
limiter = Limiter(key_func=get_remote_address, default_limits=[])


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
        # The token changes with the password, so a new password ends old sessions.
        return f"{self.id}:{self.token}"

    @property
    def role_label(self) -> str:
        return users.ROLE_LABELS_SV[self.role]

    @property
    def viewer(self) -> Viewer:
        return Viewer(role=self.role, namnd_ids=self.namnd_ids)


def _token(password_hash: str) -> str:
    return hashlib.sha256(password_hash.encode()).hexdigest()[:16]


def _auth_user(user) -> AuthUser:
    namnder = sorted(user.namnder, key=lambda u: u.id)
    return AuthUser(user.id, user.username, user.display_name or user.username, user.role,
                    tuple(u.id for u in namnder), tuple(u.name for u in namnder),
                    _token(user.password_hash))


@login_manager.user_loader
def load_user(session_id: str) -> AuthUser | None:
    """The active user behind a session id, or None (disabled users lose access at once)."""
    user_id, _, token = session_id.partition(":")
    if not user_id.isdigit():
        return None
    user = get_session().get(users.User, int(user_id))
    if user is None or not user.active or _token(user.password_hash) != token:
        return None
    return _auth_user(user)


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


def _failed(response) -> bool:
    return response.status_code == 401


def _username_key() -> str:
    return "login-user:" + request.form.get("username", "").strip().lower()


@blueprint.route("/login", methods=["GET"])
def login_page():
    """The Swedish login form."""
    if current_user.is_authenticated:
        return redirect(safe_next(request.args.get("next")))
    return _login_form()


@blueprint.route("/login", methods=["POST"])
@limiter.limit(lambda: current_app.config["LOGIN_LIMIT_PER_ADDRESS"], deduct_when=_failed)
@limiter.limit(lambda: current_app.config["LOGIN_LIMIT_PER_USER"], key_func=_username_key,
               deduct_when=_failed)
def login_submit():
    """Check the credentials; on success start a fresh session and go to `next`."""
    username = request.form.get("username", "").strip()
    password = request.form.get("password", "")
    db = get_session()
    user = users.authenticate(db, username, password, request.remote_addr or "")
    db.commit()  # the login event is kept whatever happens next
    if user is None:
        return _login_form(FAILED_LOGIN, 401, username)
    session.clear()  # nothing from before the login survives it
    login_user(_auth_user(user))
    session.permanent = True
    return redirect(safe_next(request.form.get("next")))


@blueprint.route("/logout", methods=["POST"])
def logout():
    """End the session."""
    logout_user()
    session.clear()
    return redirect(page_url("oversikt"))


def _enforce_idle_timeout() -> None:
    """Log out a user whose last request is older than the session lifetime."""
    if not current_user.is_authenticated:
        return
    now, limit = time.time(), current_app.permanent_session_lifetime.total_seconds()
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


def _too_many(_error):
    from dashboard.errors import error_page

    return error_page("För många försök",
                      "För många misslyckade inloggningar. Vänta en stund och försök igen.", 429)


def init_app(server: Flask, prefix: str = "/") -> None:
    """Install login, CSRF protection, throttling and the idle timeout on the server."""
    server.config.setdefault("RATELIMIT_STORAGE_URI", server.config.get("REDIS_URL") or "memory://")
    server.config.setdefault("RATELIMIT_HEADERS_ENABLED", False)
    # Redis is an accelerator: while it is away, count in this worker's memory (with a warning
    # in the log) rather than refuse every login; a Redis that hangs costs at most a second.
    server.config.setdefault("RATELIMIT_IN_MEMORY_FALLBACK_ENABLED", True)
    server.config.setdefault("RATELIMIT_SWALLOW_ERRORS", True)
    server.config.setdefault("RATELIMIT_STORAGE_OPTIONS", REDIS_TIMEOUTS)
    login_manager.session_protection = "strong"
    login_manager.login_view = None  # the access guard decides where anonymous users go
    login_manager.init_app(server)
    csrf.init_app(server)
    limiter.init_app(server)
    server.register_blueprint(blueprint, url_prefix=prefix.rstrip("/") or None)
    server.before_request(_enforce_idle_timeout)
    server.after_request(_set_csrf_cookie)
    server.register_error_handler(CSRFError, _csrf_refused)
    server.register_error_handler(429, _too_many)
