"""Scale tiers built with the demo generator and kept under bench/data/ for reuse."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

from data_access.db import dispose_engines, is_empty, migrate, session_scope

DATA_DIR = Path(__file__).resolve().parent / "data"
TIERS = {"rjh": 1, "x10": 10, "x30": 30}
AS_OF = dt.date(2026, 10, 31)  # fixed, so a tier means the same data on every machine


def tier_url(name: str) -> str:
    """The SQLite URL of a tier's database file."""
    return f"sqlite:///{DATA_DIR / f'{name}.db'}"


def ensure_tier(name: str, url: str | None = None) -> tuple[str, float | None]:
    """The tier's database URL, generating it first when empty; and the seconds that took."""
    from data_access.demo import load_demo
    from data_access.demo.users import create_demo_users

    url = url or tier_url(name)
    DATA_DIR.mkdir(exist_ok=True)
    migrate(url)
    if not is_empty(url):
        return url, None
    started = time.perf_counter()
    with session_scope(url) as session:
        load_demo(session, seed=2050, scale=TIERS[name], as_of=AS_OF)
        create_demo_users(session)
    dispose_engines()
    return url, time.perf_counter() - started
