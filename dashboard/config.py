"""Settings from the environment, with overrides for tests and the command line."""

from __future__ import annotations

import datetime as dt
import logging
import os
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from dashboard.saml import (
    IdpMetadata,
    SamlConfigError,
    check_key_pair,
    load_idp_metadata,
)
from data_access.audit import DEFAULT_DAYS as DEFAULT_AUDIT_DAYS
from data_access.db import (
    DatabaseUnavailable,
    check_reachable,
    database_url,
    session_scope,
)
from data_access.demo.users import published_demo_users
from data_access.role_map import RoleMap, RoleMapError, load_role_map

ASSETS_DIR = Path(__file__).resolve().parents[1] / "assets"

# Shared by every worker of a development server so a login holds across workers.
# Production refuses to start with it.
DEVELOPMENT_SECRET_KEY = "rodtrad-development-key-do-not-use-in-production"
MIN_SECRET_KEY_LENGTH = 32
ENVIRONMENTS = ("development", "production")
# The web app's limit on one SQL statement (PostgreSQL): a stuck query fails instead of tying
# up a worker until gunicorn kills it.
DEFAULT_STATEMENT_TIMEOUT_SECONDS = 15
# Redis (the page cache) is optional: a Redis that hangs may cost a request at
# most this long (seconds) before it is treated as away.
REDIS_TIMEOUTS = {"socket_connect_timeout": 1, "socket_timeout": 1}


class ConfigError(RuntimeError):
    """A setting that makes it unsafe or impossible to start; the message is Swedish."""


def _flag(name: str, default: bool) -> bool:
    """An environment variable read as a yes/no flag ("1", "true", "ja" mean yes)."""
    value = os.environ.get(name)
    return default if value is None else value.strip().lower() in ("1", "true", "yes", "ja")


def _whole_number(name: str, default: int) -> int:
    """An environment variable read as a whole number (0 or more); anything else stops start-up."""
    value = os.environ.get(name, str(default)).strip()
    if not value.isdigit():
        raise ConfigError(f"{name} ska vara ett heltal (0 eller mer), inte {value!r}.")
    return int(value)


def audit_days() -> int:
    """How many days the audit log keeps its events (RODTRAD_AUDIT_DAYS, default 365)."""
    return _whole_number("RODTRAD_AUDIT_DAYS", DEFAULT_AUDIT_DAYS)


def _environment() -> str:
    """RODTRAD_ENV exactly as one of ENVIRONMENTS: a typo must not silently mean development."""
    value = os.environ.get("RODTRAD_ENV", "development")
    if value not in ENVIRONMENTS:
        raise ConfigError(f"RODTRAD_ENV={value!r} är okänt; tillåtna värden är "
                          + " och ".join(ENVIRONMENTS) + " (små bokstäver, inga mellanslag).")
    return value


def _seconds_as_ms(name: str, default: float) -> int:
    """An environment variable in seconds (0 for no limit), as milliseconds."""
    text = os.environ.get(name, str(default)).strip()
    try:
        seconds = float(text)
    except ValueError:
        seconds = -1
    if not 0 <= seconds < 86_400:
        raise ConfigError(f"{name}={text!r} ska vara ett antal sekunder (0 för ingen gräns).")
    return round(seconds * 1000)


def _check_production(config: dict) -> None:
    """Production refuses what is only safe on a developer's machine."""
    if config["PRODUCTION"] and not config["SESSION_COOKIE_SECURE"]:
        raise ConfigError("SESSION_COOKIE_SECURE=0 är inte tillåtet i produktionsläge: "
                          "sessionskakan får bara skickas över https.")


def _check_secret_key(config: dict) -> None:
    """Refuse a missing, default or short SECRET_KEY in production; warn in development."""
    key = config.get("SECRET_KEY") or ""
    if config["PRODUCTION"]:
        if key in ("", DEVELOPMENT_SECRET_KEY) or len(key) < MIN_SECRET_KEY_LENGTH:
            raise ConfigError(
                "SECRET_KEY saknas, är standardnyckeln eller är kortare än "
                f"{MIN_SECRET_KEY_LENGTH} tecken; Rödtråd startar inte i produktionsläge utan en "
                "egen hemlig nyckel (samma i alla arbetsprocesser)."
            )
    elif not key:
        config["SECRET_KEY"] = DEVELOPMENT_SECRET_KEY
        if not config.get("TESTING"):
            logging.getLogger(__name__).warning(
                "SECRET_KEY saknas: utvecklingsnyckeln används. Sätt RODTRAD_ENV=production "
                "och en egen SECRET_KEY i produktion."
            )


def _check_sign_in(config: dict) -> None:
    """Single sign-on needs its client and a role map; some way of signing in must be left.

    The role map (a path) is replaced by the parsed map, and the IdP's metadata (a path or
    URL) by what it says, so a bad file stops the start."""
    if config["ROLE_MAP"] and not isinstance(config["ROLE_MAP"], RoleMap):
        try:
            config["ROLE_MAP"] = load_role_map(config["ROLE_MAP"])
        except RoleMapError as exc:
            raise ConfigError(f"RODTRAD_ROLE_MAP: {exc}") from exc
    if config["OIDC_ISSUER"]:
        missing = [name for name in ("OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET") if not config[name]]
        if missing:
            raise ConfigError(f"OIDC_ISSUER är satt men {' och '.join(missing)} saknas.")
        _require_role_map(config, "OIDC_ISSUER")
        if "openid" not in config["OIDC_SCOPES"].split():
            raise ConfigError("OIDC_SCOPES måste innehålla openid.")
    if config["SAML_IDP_METADATA"]:
        _check_saml(config)
    if not (config["LOCAL_LOGIN"] or config["OIDC_ISSUER"] or config["SAML_IDP_METADATA"]):
        raise ConfigError("RODTRAD_LOCAL_LOGIN=0 men ingen annan inloggning är konfigurerad "
                          "(varken OIDC_ISSUER eller SAML_IDP_METADATA): ingen skulle kunna "
                          "logga in.")


def _require_role_map(config: dict, setting: str) -> None:
    if not config["ROLE_MAP"]:
        raise ConfigError(f"{setting} är satt men RODTRAD_ROLE_MAP saknas: utan rollfil "
                          "får ingen som loggar in med organisationens konto behörighet.")


def _check_saml(config: dict) -> None:
    """SAML needs the SP's entity id, key and certificate and a role map; the IdP's metadata
    is read now, once (never per request), over https in production."""
    if isinstance(config["SAML_IDP_METADATA"], IdpMetadata):
        return
    missing = [name for name in ("SAML_SP_ENTITY_ID", "SAML_SP_KEY", "SAML_SP_CERT")
               if not config[name]]
    if missing:
        raise ConfigError(f"SAML_IDP_METADATA är satt men {' och '.join(missing)} saknas.")
    _require_role_map(config, "SAML_IDP_METADATA")
    source = config["SAML_IDP_METADATA"]
    if config["PRODUCTION"] and source.startswith("http://"):
        raise ConfigError("SAML_IDP_METADATA hämtas över okrypterad http; i produktionsläge "
                          "krävs https eller en lokal fil (metadata bär IdP:ns nycklar).")
    try:
        check_key_pair(config["SAML_SP_KEY"], config["SAML_SP_CERT"])
        config["SAML_IDP_METADATA"] = load_idp_metadata(source)
    except SamlConfigError as exc:
        raise ConfigError(str(exc)) from exc


def load_config(overrides: dict | None = None) -> dict:
    """The app's settings: the environment, then `overrides` on top."""
    overrides = dict(overrides or {})
    config = {
        "DATABASE_URL": database_url(overrides.pop("DATABASE_URL", None)),
        "PRODUCTION": _environment() == "production",
        "TESTING": _flag("TESTING", False),
        "SECRET_KEY": os.environ.get("SECRET_KEY", ""),
        "REDIS_URL": os.environ.get("REDIS_URL", ""),
        "DB_STATEMENT_TIMEOUT_MS": _seconds_as_ms("RODTRAD_DB_STATEMENT_TIMEOUT",
                                                  DEFAULT_STATEMENT_TIMEOUT_SECONDS),
        # The page cache: on unless RODTRAD_CACHE=0 (the benchmark measures uncached pages so).
        "CACHE_TYPE": "" if _flag("RODTRAD_CACHE", True) else "NullCache",
        # Serve under a path such as /rodtrad/ behind a reverse proxy.
        "URL_PREFIX": os.environ.get("RODTRAD_URL_PREFIX", "/"),
        # Cookies over https only, unless explicitly serving plain http locally.
        "SESSION_COOKIE_SECURE": _flag("SESSION_COOKIE_SECURE", True),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_NAME": "rodtrad_session",
        # Idle timeout: the session ends after this long without a request (dashboard.auth
        # keeps it; sessions are not Flask's "permanent" ones).
        "IDLE_TIMEOUT": dt.timedelta(minutes=_whole_number("RODTRAD_IDLE_MINUTES", 30)),
        # Page views are written to the audit log in batches, at most this long after the
        # first (dashboard.audit); 0 writes them with each request.
        "AUDIT_BATCH_MS": _whole_number("RODTRAD_AUDIT_BATCH_MS", 500),
        # Strict-Transport-Security on https answers for this long; 0 sends none.
        "HSTS_SECONDS": _whole_number("RODTRAD_HSTS_SECONDS", 365 * 24 * 3600),
        # CSRF tokens live as long as the session (a page left open keeps working).
        "WTF_CSRF_TIME_LIMIT": None,
        "WTF_CSRF_SSL_STRICT": True,
        # Login throttling: failed attempts per address, and per username from one address.
        "LOGIN_LIMIT_PER_ADDRESS": _whole_number("RODTRAD_LOGIN_LIMIT_ADDRESS", 20),
        "LOGIN_LIMIT_PER_USER": _whole_number("RODTRAD_LOGIN_LIMIT_USER", 5),
        "LOGIN_LIMIT_WINDOW": dt.timedelta(minutes=15),
        # Reverse proxies in front whose X-Forwarded-For/-Proto headers are believed.
        "TRUSTED_PROXIES": _whole_number("RODTRAD_TRUSTED_PROXIES", 0),
        # Sign-in with a password; RODTRAD_LOCAL_LOGIN=0 leaves single sign-on only.
        "LOCAL_LOGIN": _flag("RODTRAD_LOCAL_LOGIN", True),
        # Single sign-on over OpenID Connect (dashboard.oidc); off while OIDC_ISSUER is unset.
        "OIDC_ISSUER": os.environ.get("OIDC_ISSUER", "").strip(),
        "OIDC_CLIENT_ID": os.environ.get("OIDC_CLIENT_ID", "").strip(),
        "OIDC_CLIENT_SECRET": os.environ.get("OIDC_CLIENT_SECRET", ""),
        "OIDC_SCOPES": os.environ.get("OIDC_SCOPES", "openid profile email").strip(),
        "OIDC_GROUPS_CLAIM": os.environ.get("OIDC_GROUPS_CLAIM", "groups").strip(),
        # Single sign-on over SAML 2.0 (dashboard.saml); off while SAML_IDP_METADATA (a file
        # path or URL, read at start-up) is unset.
        "SAML_IDP_METADATA": os.environ.get("SAML_IDP_METADATA", "").strip(),
        "SAML_SP_ENTITY_ID": os.environ.get("SAML_SP_ENTITY_ID", "").strip(),
        "SAML_SP_KEY": os.environ.get("SAML_SP_KEY", "").strip(),
        "SAML_SP_CERT": os.environ.get("SAML_SP_CERT", "").strip(),
        "SAML_GROUPS_ATTRIBUTE": os.environ.get("SAML_GROUPS_ATTRIBUTE", "groups").strip(),
        # Directory groups -> roles and nämnder (data_access.role_map), read at start-up.
        "ROLE_MAP": os.environ.get("RODTRAD_ROLE_MAP", "").strip(),
    }
    config.update(overrides)
    config["PRODUCTION"] = bool(config["PRODUCTION"])
    config["URL_PREFIX"] = "/" + config["URL_PREFIX"].strip("/") + "/" if config["URL_PREFIX"].strip("/") else "/"
    _check_secret_key(config)
    _check_production(config)
    _check_sign_in(config)
    return config


def check_production_database(config: dict) -> None:
    """Refuse, in production, a database that still lets anyone in with the README's demo
    passwords. A database that cannot be reached now is checked by the next worker to boot."""
    if not config["PRODUCTION"]:
        return
    try:
        check_reachable(config["DATABASE_URL"])
        with session_scope(config["DATABASE_URL"]) as session:
            found = published_demo_users(session)
    except (DatabaseUnavailable, SQLAlchemyError) as exc:
        logging.getLogger(__name__).warning("Demoanvändarna kunde inte kontrolleras: %s", exc)
        return
    if found:
        raise ConfigError("Databasen har demoanvändare med de publicerade lösenorden ("
                          + ", ".join(found) + "); Rödtråd startar inte i produktionsläge "
                          "förrän de är avstängda eller har nya lösenord.")
