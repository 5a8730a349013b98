"""Demo users, one per role, with passwords printed in the README. Demo databases only."""

from __future__ import annotations

from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash

from data_access.users import add_user, get_user

# username, password, role, nämnder, display name
DEMO_USERS = (
    ("ledning", "ledning-demo-2026", "ledning", (), "Lena Lindqvist (demo)"),
    ("admin", "admin-demo-2026", "admin", (), "Anders Ek (demo)"),
    ("hsn", "hsn-demo-2026", "namnd", ("HSN",), "Hanna Sjöberg (demo)"),
    ("run", "run-demo-2026", "namnd", ("RUN",), "Rolf Nilsson (demo)"),
)


def create_demo_users(session: Session) -> list[str]:
    """Add the demo users that do not exist yet; returns the usernames added."""
    added = []
    for username, password, role, namnder, name in DEMO_USERS:
        if get_user(session, username) is None:
            add_user(session, username, password, role, list(namnder), name, by="demodata")
            added.append(username)
    return added


def published_demo_users(session: Session) -> list[str]:
    """The active demo users whose password is still the one printed in the README."""
    found = []
    for username, password, *_ in DEMO_USERS:
        user = get_user(session, username)
        if user is not None and user.active and check_password_hash(user.password_hash, password):
            found.append(username)
    return found
