"""Roles from directory groups: the mapping file (RODTRAD_ROLE_MAP) and its evaluation.

The file is TOML, one `[[grupp]]` table per directory group:

    [[grupp]]
    namn = "Rodtrad-HSN"          # the group's name as the provider sends it, or
    id = "5f0c…"                   # its object id (either or both)
    roll = "namnd"                 # admin, ledning or namnd
    namnder = ["HSN"]              # nämnd codes; only (and always) for roll = "namnd"

A person's groups are evaluated at every sign-in: several mapped groups combine into the
highest role and, for nämnd members, the union of the nämnder.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from data_access.models import ROLES

# Lowest to highest: a person in several groups gets the highest role.
ROLE_ORDER = ("namnd", "ledning", "admin")
GROUP_KEYS = {"namn", "id", "roll", "namnder"}


class RoleMapError(ValueError):
    """A mapping file that cannot be used; the message is Swedish and names the line."""


@dataclass(frozen=True)
class GroupRule:
    """One mapped group: matched by name or id, giving a role (and nämnder)."""

    name: str
    group_id: str
    role: str
    namnd_codes: tuple[str, ...]

    def matches(self, groups: set[str]) -> bool:
        return bool(self.name and self.name in groups) or bool(
            self.group_id and self.group_id.lower() in groups)


@dataclass(frozen=True)
class Access:
    """What a person's groups give them: a role and, for nämnd members, nämnd codes."""

    role: str
    namnd_codes: tuple[str, ...]


@dataclass(frozen=True)
class RoleMap:
    """The parsed mapping file."""

    rules: tuple[GroupRule, ...]

    def access_for(self, groups: list[str] | tuple[str, ...]) -> Access | None:
        """The combined access of these groups, or None when no group is mapped."""
        wanted = {str(g) for g in groups} | {str(g).lower() for g in groups}
        matched = [rule for rule in self.rules if rule.matches(wanted)]
        if not matched:
            return None
        role = max((rule.role for rule in matched), key=ROLE_ORDER.index)
        if role != "namnd":
            return Access(role, ())
        codes = sorted({code for rule in matched for code in rule.namnd_codes})
        return Access(role, tuple(codes))


def _header_lines(text: str) -> list[int]:
    """The line numbers (1-based) of the `[[grupp]]` headers, in order."""
    return [n for n, line in enumerate(text.splitlines(), start=1)
            if re.match(r"\s*\[\[\s*grupp\s*\]\]", line)]


def _rule(entry: object, where: str) -> GroupRule:
    if not isinstance(entry, dict):
        raise RoleMapError(f"{where}: varje [[grupp]] ska vara en tabell.")
    unknown = sorted(set(entry) - GROUP_KEYS)
    if unknown:
        raise RoleMapError(f"{where}: okänd nyckel {', '.join(unknown)} "
                           f"(tillåtna: {', '.join(sorted(GROUP_KEYS))}).")
    name, group_id = entry.get("namn", ""), entry.get("id", "")
    if not isinstance(name, str) or not isinstance(group_id, str) or not (name or group_id):
        raise RoleMapError(f"{where}: ange gruppens namn (namn = \"…\") eller id (id = \"…\").")
    role = entry.get("roll")
    if role not in ROLES:
        raise RoleMapError(f"{where}: okänd roll {role!r}; välj en av {', '.join(ROLE_ORDER)}.")
    codes = entry.get("namnder", [])
    if not isinstance(codes, list) or not all(isinstance(c, str) and c for c in codes):
        raise RoleMapError(f"{where}: namnder ska vara en lista med nämndkoder, t.ex. [\"HSN\"].")
    if role == "namnd" and not codes:
        raise RoleMapError(f"{where}: rollen namnd kräver minst en nämnd (namnder = [\"KOD\"]).")
    if role != "namnd" and codes:
        raise RoleMapError(f"{where}: namnder gäller bara rollen namnd, inte {role}.")
    return GroupRule(name, group_id, role, tuple(codes))


def parse_role_map(text: str, source: str = "rollfilen") -> RoleMap:
    """Parse and check a mapping file's text; a RoleMapError names the line that is wrong."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RoleMapError(f"{source}: felaktig TOML: {exc}.") from exc
    unknown = sorted(set(data) - {"grupp"})
    if unknown:
        raise RoleMapError(f"{source}: okänd nyckel {', '.join(unknown)} på översta nivån "
                           "(bara [[grupp]] är tillåtet).")
    entries = data.get("grupp", [])
    if not isinstance(entries, list) or not entries:
        raise RoleMapError(f"{source}: filen mappar inga grupper (lägg till [[grupp]]-tabeller).")
    lines = _header_lines(text)
    return RoleMap(tuple(
        _rule(entry, f"{source}, grupp nr {n}"
                     + (f" (rad {lines[n - 1]})" if n <= len(lines) else ""))
        for n, entry in enumerate(entries, start=1)))


def load_role_map(path: str | Path) -> RoleMap:
    """Read and check the mapping file at `path`."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise RoleMapError(f"Rollfilen {path} kan inte läsas: {exc.strerror}.") from exc
    return parse_role_map(text, str(path))
