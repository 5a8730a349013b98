"""What every demo module shares: the seed, the dates, the rows made so far and a bulk inserter."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import Table, insert
from sqlalchemy.orm import Session

if TYPE_CHECKING:
    from data_access.demo.indicators import IndicatorInfo
    from data_access.demo.spec import DemoSpec

CHUNK_ROWS = 5000
PLAN_START, PLAN_END = 2024, 2026
ECONOMY_FIRST_YEAR = 2023


@dataclass(frozen=True)
class Unit:
    """An organisational unit as the generators need it (the database row has less)."""

    id: int
    code: str
    name: str
    level: str
    kind: str  # the level for units above enhet; for an enhet what it is: 'hc', 'avd', …
    parent: str | None
    namnd: str | None
    forvaltning: str | None
    omrade: str | None
    weight: float  # relative size, for budgets and counts
    variant: int = 1  # 1 for the organisation itself, k for the numbered copies made at scale k


@dataclass
class Goal:
    """A goal as the generators need it."""

    id: int
    code: str
    kind: str
    title: str
    owner: str  # unit code
    parent: str | None
    tags: tuple[str, ...] = ()
    indicators: list[str] = field(default_factory=list)


@dataclass
class DemoContext:
    """The state of one demo load: inputs, registries filled module by module, row counts."""

    session: Session
    seed: int
    scale: int
    as_of: dt.date
    spec: DemoSpec
    counts: Counter = field(default_factory=Counter)
    units: dict[str, Unit] = field(default_factory=dict)
    goals: dict[str, Goal] = field(default_factory=dict)
    indicators: dict[str, IndicatorInfo] = field(default_factory=dict)

    @property
    def first_year(self) -> int:
        """The first year with indicator outcomes: 2019, or ten years back at scale > 1."""
        return 2019 if self.scale == 1 else self.as_of.year - 9

    @property
    def loaded_at(self) -> dt.datetime:
        """When the demo pretends its latest data was loaded: the night after `as_of`."""
        return dt.datetime.combine(self.as_of + dt.timedelta(days=1), dt.time(2, 0))

    def rng(self, topic: str) -> random.Random:
        """A private random stream per topic, so one module's changes never shift another's data."""
        return random.Random(f"{self.seed}:{topic}")

    @property
    def top(self) -> str:
        """The code of the whole organisation's unit (the root of the tree)."""
        return self.spec.top[0]

    def enheter(self, variant: int | None = None) -> list[Unit]:
        """The enheter in id order, optionally only those of one numbered copy."""
        return [
            u for u in self.units.values()
            if u.level == "enhet" and (variant is None or u.variant == variant)
        ]

    def insert(self, table, rows: Iterable[dict], chunk: int = CHUNK_ROWS) -> int:
        """Insert rows with Core executemany in chunks (bounded memory); return how many."""
        table: Table = getattr(table, "__table__", table)
        batch, total = [], 0
        for row in rows:
            batch.append(row)
            if len(batch) >= chunk:
                self.session.execute(insert(table), batch)
                total += len(batch)
                batch = []
        if batch:
            self.session.execute(insert(table), batch)
            total += len(batch)
        self.counts[table.name] += total
        return total


def yearly_codes(prefix: str, years: Iterable[int]) -> list[str]:
    """Codes numbered within each year, in the given order: 'SB-2026-01', 'SB-2026-02', …"""
    seen: Counter = Counter()
    codes = []
    for year in years:
        seen[year] += 1
        codes.append(f"{prefix}-{year}-{seen[year]:02d}")
    return codes
