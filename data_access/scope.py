"""Who is looking: the viewer every query must be given, and what each role may see."""

from __future__ import annotations

from dataclasses import dataclass

PUBLIC_ROLE = "allmanhet"


@dataclass(frozen=True)
class Viewer:
    """The reader of a query's result: a role and, for nämnd members, their nämnd ids.

    Queries filter in SQL from this; cached results are keyed by `cache_key`.
    """

    role: str = PUBLIC_ROLE
    namnd_ids: tuple[int, ...] = ()

    @property
    def is_public(self) -> bool:
        return self.role == PUBLIC_ROLE

    @property
    def sees_everything(self) -> bool:
        return self.role in ("ledning", "admin")

    @property
    def cache_key(self) -> str:
        return f"{self.role}:{','.join(map(str, sorted(self.namnd_ids)))}"


PUBLIC = Viewer()
MANAGEMENT = Viewer("ledning")
