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

Single sign-on over OpenID Connect (dashboard.oidc) starts at /login/oidc and returns to
/login/oidc/callback; over SAML 2.0 (dashboard.saml) it starts at /login/saml and returns to
the ACS, /login/saml/acs, with single logout at /saml/sls and the SP's metadata at
/saml/metadata. Either way the person's directory groups decide their role and nämnder at
every sign-in (data_access.role_map). RODTRAD_LOCAL_LOGIN=0 turns the password form off.
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
    Response,
    current_app,
    g,
    has_request_context,
    make_response,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask.sessions import SecureCookieSessionInterface
from flask_login import LoginManager, UserMixin, current_user, login_user, logout_user
from flask_wtf.csrf import CSRFError, CSRFProtect, generate_csrf
from itsdangerous import BadData, URLSafeTimedSerializer

from dashboard import audit, oidc, saml
from dashboard.core.urls import page_url, route_url
from dashboard.core.wording import fill, word
from dashboard.database import get_session, request_connection
from dashboard.errors import error_page
from data_access import saml_replay, users
from data_access.audit import OIDC, PASSWORD, SAML, SIGN_IN
from data_access.scope import PUBLIC, Viewer

CSRF_COOKIE = "_csrf_token"
FAILED_LOGIN = "Fel användarnamn eller lösenord."
LOCAL_LOGIN_OFF = ("Inloggning med lösenord är avstängd här. "
                   "Logga in med organisationens konto.")
ID_TOKEN = "oidc_id_token"  # kept in the session for the provider's logout (id_token_hint)
NEXT_AFTER_SSO = "oidc_next"
# This request's data version, read with the signed-in user (dashboard.cache's page keys).
DATA_VERSION = "rodtrad_data_version"
SAML_SIGN_IN = "saml_sign_in"  # kept in the session for single logout (NameID, SessionIndex)
# The AuthnRequest's ID and where to go afterwards, signed, in a cookie of its own: the IdP
# posts to the ACS from another site, and the session cookie (SameSite=Lax) stays behind.
SAML_REQUEST_COOKIE = "rodtrad_saml_request"
SAML_REQUEST_MAX_AGE = 15 * 60
# The largest step (seconds) by which the idle timeout's "last request" is written.
SEEN_STEP = 30
SAML_REPLAYED = ("Inloggningssvaret har redan använts en gång och tas inte emot igen. "
                 "Börja om från inloggningssidan.")

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
    user, version = users.signed_in(request_connection(), int(user_id))
    if user is None or not user.active or _token(user) != token:
        return None
    g.setdefault(DATA_VERSION, version)  # read in the same query: the page cache's key needs it
    return _auth_user(user)


class SessionCookies(SecureCookieSessionInterface):
    """Flask's signed session cookie, its signing serializer made once per key rather than
    twice a request (opening the session, saving it): the same cookie, the same keys."""

    _made: tuple[tuple, URLSafeTimedSerializer | None] = ((), None)

    def get_signing_serializer(self, app: Flask) -> URLSafeTimedSerializer | None:
        keys = (app.secret_key, *(app.config["SECRET_KEY_FALLBACKS"] or ()))
        if self._made[0] != keys:
            self._made = (keys, super().get_signing_serializer(app))
        return self._made[1]


def _session_identifier() -> str:
    """What Flask-Login's strong protection binds a session to: the client's address as this
    server trusts it (X-Forwarded-For only through RODTRAD_TRUSTED_PROXIES; Flask-Login's own
    identifier believes that header from anyone) and the browser's User-Agent."""
    client = f"{request.remote_addr}|{request.headers.get('User-Agent', '')}"
    identifier = hashlib.sha512(client.encode()).hexdigest()
    if session and "_user_id" not in session and session.get("_id") != identifier:
        # A session nobody is signed in to (the CSRF token of an anonymous reader) has nothing
        # to protect; carrying the identifier, it is not "cleared" by strong protection on
        # every request, which would send a new session cookie and a remember-cookie deletion
        # with every answer.
        session["_id"] = identifier
    return identifier


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
                           csrf_token=generate_csrf(), title="Logga in", noun=word("noun"),
                           local_login=current_app.config["LOCAL_LOGIN"],
                           oidc_url=route_url("/login/oidc", next=next_url) if oidc.enabled() else "",
                           saml_url=route_url("/login/saml", next=next_url) if saml.enabled() else "")
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
    if not current_app.config["LOCAL_LOGIN"]:
        return _login_form(LOCAL_LOGIN_OFF, 403)
    username = request.form.get("username", "").strip()
    password = request.form.get("password", "")
    address = request.remote_addr or ""
    if _throttled(username, address):
        log.warning("Inloggning spärrad efter för många misslyckade försök: %r från %s",
                    username[:100], address)
        audit.note_failed_sign_in(PASSWORD, username, "för många försök")
        return _too_many()
    # Logs the attempt (committed: it is kept whatever happens next), without waiting for
    # an import's write lock on SQLite (see users.record_login).
    user = users.authenticate(get_session(), username, password, address)
    if user is None:
        audit.note_failed_sign_in(PASSWORD, username)
        return _login_form(FAILED_LOGIN, 401, username)
    return _start_session(user, safe_next(request.form.get("next")), PASSWORD)


def _start_session(user, next_url: str, method: str, keep: dict | None = None):
    session.clear()  # nothing from before the login survives it
    session.update(keep or {})  # what single logout needs
    login_user(_auth_user(user))
    audit.note(SIGN_IN, method=method)
    return redirect(next_url)


@blueprint.route("/login/oidc", methods=["GET"])
def oidc_login():
    """Send the browser to the organisation's identity provider."""
    if not oidc.enabled():
        return _not_configured()
    session[NEXT_AFTER_SSO] = safe_next(request.args.get("next"))
    try:
        return oidc.authorize_redirect(url_for("auth.oidc_callback", _external=True))
    except oidc.SignInError as exc:
        return _sign_in_failed(str(exc))


@blueprint.route("/login/oidc/callback", methods=["GET"])
def oidc_callback():
    """The provider's answer: verify it, map the groups, and only then store and log in."""
    if not oidc.enabled():
        return _not_configured()
    next_url = safe_next(session.pop(NEXT_AFTER_SSO, None))
    try:
        signed_in = oidc.complete_sign_in()
    except oidc.SignInError as exc:
        audit.note_failed_sign_in(OIDC, "", str(exc))
        return _sign_in_failed(str(exc))
    return _finish_single_sign_on(OIDC, signed_in.identity, signed_in.groups, next_url,
                                  {ID_TOKEN: signed_in.id_token}, signed_in.groups_left_out)


def _finish_single_sign_on(method: str, identity: users.ExternalIdentity, groups, next_url: str,
                           keep: dict, groups_left_out: bool = False):
    """A sign-in the provider vouched for: map the groups, and only then store and log in."""
    db = get_session()
    if groups_left_out:
        return _refused_external(db, identity, "för många grupper i token", TOO_MANY_GROUPS)
    access = current_app.config["ROLE_MAP"].access_for(groups)
    if access is None:
        return _refused_external(db, identity, "ingen mappad grupp", fill(NO_MAPPED_GROUP))
    try:
        with users.writing_briefly(db):
            user = users.sign_in_external(db, identity, access, request.remote_addr or "")
    except users.UserError as exc:
        db.rollback()
        _end_this_session()
        audit.note_failed_sign_in(method, identity.username, "avstängt konto")
        return _no_access(str(exc))
    except users.WriteLockBusy:
        _end_this_session()
        audit.note_failed_sign_in(method, identity.username, "import pågår")
        return _busy()
    db.commit()
    return _start_session(user, next_url, method, keep)


NO_MAPPED_GROUP = ("Ditt konto är inte med i någon grupp som ger behörighet till Rödtråd. "
                   "Kontakta den som administrerar behörigheter i {noun}.")
TOO_MANY_GROUPS = ("Ditt konto är med i så många grupper att inloggningstjänsten inte skickade "
                   "med dem, så Rödtråd kan inte avgöra din behörighet. Be den som "
                   "administrerar inloggningen att bara skicka de grupper som är tilldelade "
                   "Rödtråd (i Entra ID: Token configuration, \"Groups assigned to the "
                   "application\").")


def _refused_external(db, identity: users.ExternalIdentity, reason: str, message: str):
    """The groups give no access (any more), or cannot be known: no session here, and none
    left from before."""
    log.warning("Inloggning nekad (%s): %r", reason, identity.username[:100])
    try:
        with users.writing_briefly(db):
            users.end_external_sessions(db, identity.external_id)
            db.commit()
    except users.WriteLockBusy:
        _end_this_session()
        audit.note_failed_sign_in(identity.source, identity.username, reason)
        return _busy()
    _end_this_session()
    audit.note_failed_sign_in(identity.source, identity.username, reason)
    return _no_access(message)


def _saml_requests() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="rodtrad-saml-request")


@blueprint.route("/login/saml", methods=["GET"])
def saml_login():
    """Send the browser to the IdP with a signed AuthnRequest."""
    if not saml.enabled():
        return _not_configured()
    request_id, target = saml.authn_redirect()
    response = redirect(target)
    secure = current_app.config["SESSION_COOKIE_SECURE"]
    response.set_cookie(
        SAML_REQUEST_COOKIE,
        _saml_requests().dumps({"id": request_id, "next": safe_next(request.args.get("next"))}),
        max_age=SAML_REQUEST_MAX_AGE, path=url_for("auth.saml_acs"), httponly=True,
        secure=secure, samesite="None" if secure else "Lax")
    return response


def _saml_request() -> tuple[str, str]:
    """The AuthnRequest this browser started (its ID, and `next`), or ("", home)."""
    try:
        started = _saml_requests().loads(request.cookies.get(SAML_REQUEST_COOKIE, ""),
                                         max_age=SAML_REQUEST_MAX_AGE)
    except BadData:
        return "", safe_next(None)
    return str(started.get("id", "")), safe_next(started.get("next"))


@blueprint.route("/login/saml/acs", methods=["POST"])
@csrf.exempt  # the IdP's form: the signed assertion and InResponseTo stand in for the token
def saml_acs():
    """The IdP's Response: verify it, refuse a replay, map the groups, and only then store
    and log in."""
    if not saml.enabled():
        return _not_configured()
    request_id, next_url = _saml_request()
    try:
        signed_in = saml.complete_sign_in(request.form.get("SAMLResponse", ""), request_id)
    except saml.SignInError as exc:
        return _saml_refused(str(exc))
    db = get_session()
    try:
        with users.writing_briefly(db):
            first_use = saml_replay.remember(db, signed_in.message_ids, signed_in.expires)
    except users.WriteLockBusy:
        audit.note_failed_sign_in(SAML, signed_in.identity.username, "import pågår")
        return _busy()
    if not first_use:
        log.warning("SAML: återanvänt svar för %r", signed_in.identity.username[:100])
        return _saml_refused(SAML_REPLAYED, signed_in.identity.username)
    response = make_response(_finish_single_sign_on(
        SAML, signed_in.identity, signed_in.groups, next_url,
        {SAML_SIGN_IN: {"name_id": signed_in.name_id, "session_index": signed_in.session_index}}))
    response.delete_cookie(SAML_REQUEST_COOKIE, path=url_for("auth.saml_acs"))
    return response


def _saml_refused(message: str, username: str = ""):
    audit.note_failed_sign_in(SAML, username, message)
    response = make_response(_sign_in_failed(message))
    response.delete_cookie(SAML_REQUEST_COOKIE, path=url_for("auth.saml_acs"))
    return response


@blueprint.route("/saml/metadata", methods=["GET"])
def saml_metadata():
    """This SP's metadata, for registering Rödtråd with the IdP."""
    if not saml.enabled():
        return _not_configured()
    return Response(saml.metadata_xml(), mimetype="application/samlmetadata+xml")


@blueprint.route("/saml/sls", methods=["GET"])
def saml_sls():
    """Single logout: the IdP's LogoutResponse to our LogoutRequest, or its own LogoutRequest
    (the person logged out elsewhere), which ends every session of that person here."""
    if not saml.enabled():
        return _not_configured()
    home = page_url("oversikt")
    try:
        if "SAMLRequest" in request.args:
            external_id, answer = saml.logout_request(request.args.to_dict())
            db = get_session()
            if users.end_external_sessions(db, external_id):
                db.commit()
            _end_this_session()
            return redirect(answer)
        if "SAMLResponse" in request.args and saml.logout_response_ok(request.args.to_dict()):
            return redirect(home)
    except saml.SignInError as exc:
        return error_page("Utloggningen kunde inte bekräftas", str(exc), 400, home,
                          "Till startsidan")
    return error_page("Utloggningen kunde inte bekräftas",
                      "Organisationens inloggningstjänst bekräftade inte utloggningen. Du är "
                      "utloggad ur Rödtråd; stäng webbläsaren för att avsluta även där.", 400,
                      home, "Till startsidan")


@blueprint.route("/logout", methods=["POST"])
def logout():
    """End this session and every other session of the user; then, for single sign-on, the
    provider's session too (RP-initiated logout) where the provider offers it."""
    id_token, saml_sign_in = session.get(ID_TOKEN), session.get(SAML_SIGN_IN)
    if current_user.is_authenticated:
        db = get_session()
        user_id = current_user.id
        try:
            with users.writing_briefly(db):
                users.end_sessions(db.get(users.User, user_id))
                db.commit()
        except users.WriteLockBusy:  # this browser's session ends below all the same
            log.warning("Utloggning under import: användarens andra sessioner (id %s) "
                        "avslutades inte", user_id)
    _end_this_session()
    home = page_url("oversikt")
    if id_token and oidc.enabled():
        provider_logout = oidc.logout_url(id_token, request.host_url.rstrip("/") + home)
        if provider_logout:
            return redirect(provider_logout)
    if saml_sign_in and saml.enabled():
        idp_logout = saml.logout_redirect(saml_sign_in["name_id"], saml_sign_in["session_index"])
        if idp_logout:
            return redirect(idp_logout)
    return redirect(home)


def _end_this_session() -> None:
    logout_user()
    session.clear()


def _enforce_idle_timeout() -> None:
    """Log out a user whose last request is older than the idle timeout.

    The time of the last request is written only when it moved by a step (a sixtieth of the
    timeout, at most SEEN_STEP seconds): writing it on every request would sign and send a
    new session cookie with every answer, a cached page included. So a session may end up to
    one step before the full timeout, never after it."""
    if not current_user.is_authenticated:
        return
    now, limit = time.time(), current_app.config["IDLE_TIMEOUT"].total_seconds()
    seen = session.get("seen", now)
    if now - seen > limit:
        logout_user()
        session.clear()
        return
    if "seen" not in session or now - seen >= min(SEEN_STEP, limit / 60):
        session["seen"] = now


def _set_csrf_cookie(response):
    """Give every HTML page the token the Dash renderer sends back as X-CSRFToken."""
    if response.mimetype == "text/html":
        response.set_cookie(CSRF_COOKIE, generate_csrf(), samesite="Lax", httponly=False,
                            secure=current_app.config["SESSION_COOKIE_SECURE"])
    return response


def _csrf_refused(error: CSRFError):
    return error_page("Sidan behöver laddas om",
                      "Säkerhetstoken saknas eller är ogiltig. Ladda om sidan och försök igen.", 400)


def _sign_in_failed(message: str):
    return error_page("Inloggningen misslyckades", message, 401, route_url("/login"),
                      "Till inloggningssidan")


def _no_access(message: str):
    return error_page("Ingen behörighet", message, 403)


def _busy():
    return error_page("Inloggningen kunde inte slutföras",
                      "En import sparas just nu och Rödtråd kan inte registrera inloggningen "
                      "förrän den är klar. Försök igen om en stund.", 503,
                      route_url("/login"), "Till inloggningssidan")


def _not_configured():
    return error_page("Inloggningen finns inte",
                      "Inloggning med organisationens konto är inte konfigurerad här.", 404)


def _too_many():
    return error_page("För många försök",
                      "För många misslyckade inloggningar. Vänta en stund och försök igen.", 429)


def init_app(server: Flask, prefix: str = "/") -> None:
    """Install login, CSRF protection and the idle timeout on the server."""
    server.session_interface = SessionCookies()
    login_manager.session_protection = "strong"
    login_manager._session_identifier_generator = _session_identifier  # no public setter
    login_manager.login_view = None  # the access guard decides where anonymous users go
    login_manager.init_app(server)
    oidc.init_app(server)
    saml.init_app(server)
    csrf.init_app(server)
    server.register_blueprint(blueprint, url_prefix=prefix.rstrip("/") or None)
    server.before_request(_enforce_idle_timeout)
    server.after_request(_set_csrf_cookie)
    server.register_error_handler(CSRFError, _csrf_refused)
