"""Settings from the environment, with overrides for tests and the command line."""

from __future__ import annotations

import logging
import os
import secrets
from pathlib import Path

from data_access.db import database_url

ASSETS_DIR = Path(__file__).resolve().parents[1] / "assets"


def _flag(name: str, default: bool) -> bool:
    """An environment variable read as a yes/no flag ("1", "true", "ja" mean yes)."""
    value = os.environ.get(name)
    return default if value is None else value.strip().lower() in ("1", "true", "yes", "ja")


def _secret_key() -> str:
    """SECRET_KEY from the environment, or a random key for this process only (with a warning)."""
    key = os.environ.get("SECRET_KEY")
    if key:
        return key
    logging.getLogger(__name__).warning(
        "SECRET_KEY saknas: en tillfällig nyckel används för den här processen. "
        "Sätt SECRET_KEY (samma i alla arbetsprocesser) i produktion."
    )
    return secrets.token_hex(32)


def load_config(overrides: dict | None = None) -> dict:
    """The app's settings: the environment, then `overrides` on top."""
    overrides = dict(overrides or {})
    config = {
        "DATABASE_URL": database_url(overrides.pop("DATABASE_URL", None)),
        "TESTING": _flag("TESTING", False),
        # Cookies over https only unless told otherwise (set SESSION_COOKIE_SECURE=0 for local http).
        "SESSION_COOKIE_SECURE": _flag("SESSION_COOKIE_SECURE", True),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
    }
    config.update(overrides)
    if not config.get("SECRET_KEY"):
        config["SECRET_KEY"] = _secret_key()
    return config
