"""Settings from the environment, with overrides for tests and the command line."""

from __future__ import annotations

import datetime as dt
import logging
import os
from pathlib import Path

from data_access.db import database_url

ASSETS_DIR = Path(__file__).resolve().parents[1] / "assets"

# Shared by every worker of a development server so a login holds across workers.
# Production refuses to start with it.
DEVELOPMENT_SECRET_KEY = "rodtrad-development-key-do-not-use-in-production"
MIN_SECRET_KEY_LENGTH = 32


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


def load_config(overrides: dict | None = None) -> dict:
    """The app's settings: the environment, then `overrides` on top."""
    overrides = dict(overrides or {})
    config = {
        "DATABASE_URL": database_url(overrides.pop("DATABASE_URL", None)),
        "PRODUCTION": os.environ.get("RODTRAD_ENV", "development").lower() == "production",
        "TESTING": _flag("TESTING", False),
        "SECRET_KEY": os.environ.get("SECRET_KEY", ""),
        "REDIS_URL": os.environ.get("REDIS_URL", ""),
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
    }
    config.update(overrides)
    config["PRODUCTION"] = bool(config["PRODUCTION"])
    config["URL_PREFIX"] = "/" + config["URL_PREFIX"].strip("/") + "/" if config["URL_PREFIX"].strip("/") else "/"
    _check_secret_key(config)
    return config
