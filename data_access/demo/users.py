"""Demo users, one per role (and a member of two nämnder), with passwords printed in the
README. Demo databases only."""

from __future__ import annotations

from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash

from data_access.users import add_user, get_user

# username, password, role, nämnder, display name
LEDNING = ("ledning", "ledning-demo-2026", "ledning", (), "Lena Lindqvist (demo)")
ADMIN = ("admin", "admin-demo-2026", "admin", (), "Anders Ek (demo)")
REGION_USERS = (
    LEDNING, ADMIN,
    ("hsn", "hsn-demo-2026", "namnd", ("HSN",), "Hanna Sjöberg (demo)"),
    ("run", "run-demo-2026", "namnd", ("RUN",), "Rolf Nilsson (demo)"),
    ("ledamot", "ledamot-demo-2026", "namnd", ("RUN", "KTN"), "Karin Törnqvist (demo)"),
)
KOMMUN_USERS = (
    LEDNING, ADMIN,
    ("bun", "bun-demo-2026", "namnd", ("BUN",), "Birgitta Udd (demo)"),
    ("son", "son-demo-2026", "namnd", ("SN",), "Sven Olofsson (demo)"),
)
DEMO_USERS = REGION_USERS  # the default demo's (the region's)
USERS_BY_PROFILE = {"region": REGION_USERS, "kommun": KOMMUN_USERS}


def create_demo_users(session: Session, profil: str = "region") -> list[str]:
    """Add the demo profile's users that do not exist yet; returns the usernames added."""
    added = []
    for username, password, role, namnder, name in USERS_BY_PROFILE[profil]:
        if get_user(session, username) is None:
            add_user(session, username, password, role, list(namnder), name, by="demodata")
            added.append(username)
    return added


def published_demo_users(session: Session) -> list[str]:
    """The active demo users whose password is still the one printed in the README."""
    found = []
    every = {user[0]: user for users in USERS_BY_PROFILE.values() for user in users}
    for username, password, *_ in every.values():
        user = get_user(session, username)
        if user is not None and user.active and check_password_hash(user.password_hash, password):
            found.append(username)
    return found
