"""Ranking and comparisons with Kolada's areas, as Kolada's Jämföraren shows them: pure maths.

The organisation is ranked among the areas of its own kind (a region among the regions, a
kommun among the kommuner) that have a value for the period: position 1 is the best value by
the indicator's direction (higher or lower is better), equal values share a position and the
next one skips (1, 2, 2, 4), and an area without a value is left out and counted as missing.
An indicator whose direction is a band has no better end, so it is ordered low to high and
not ranked. The median is of every ranked value, the organisation's included.

`compare` sorts an indicator's comparison series by the organisation profile: the lines a
chart draws (riket, the chosen areas, the median of the organisation's kind), the ranking of
the latest period the organisation has a value for, and a region's own kommuner.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from data_access.profile import RIKET, Profile

RIKET_KIND, REGION_KIND, KOMMUN_KIND, OTHER_KIND = "riket", "region", "kommun", "annat"
KIND_PLURALS_SV = {REGION_KIND: "regioner", KOMMUN_KIND: "kommuner"}
KIND_DEFINITE_SV = {REGION_KIND: "regionerna", KOMMUN_KIND: "kommunerna"}
CHART_AREAS = 5  # chosen areas drawn as lines; the rest are in the tables
MEDIAN_LEAST = 3  # a median line only where at least this many areas have a value
MEDIAN = "median"  # the code of the median's line


def area_kind(code: str) -> str:
    """What a Kolada area id names: riket (0000), a region (00 and the county number), a
    kommun (four digits) or something else (Kolada's groups)."""
    if code == RIKET:
        return RIKET_KIND
    if len(code) == 4 and code.isdigit():
        return REGION_KIND if code.startswith("00") else KOMMUN_KIND
    return OTHER_KIND


@dataclass(frozen=True)
class AreaValue:
    """An area's value for one period."""

    code: str
    name: str
    value: float


@dataclass(frozen=True)
class Ranked:
    """An area in a ranking: its position (None when the indicator is not ranked)."""

    code: str
    name: str
    value: float
    position: int | None
    own: bool = False


@dataclass(frozen=True)
class Ranking:
    """The organisation among the areas of its kind for one period, best first."""

    period: str
    kind: str
    direction: str
    areas: tuple[Ranked, ...]  # best first (a band: lowest first), the organisation included
    missing: tuple[str, ...] = ()  # names of areas of the kind without a value for the period

    @property
    def ranked(self) -> bool:
        """Whether positions are given (the indicator has a better end)."""
        return self.direction in ("higher", "lower")

    @property
    def own(self) -> Ranked:
        return next(a for a in self.areas if a.own)

    @property
    def count(self) -> int:
        return len(self.areas)

    @property
    def tied(self) -> int:
        """How many areas share the organisation's position (1: it alone)."""
        return sum(1 for a in self.areas if a.position == self.own.position)

    @property
    def best(self) -> tuple[Ranked, ...]:
        """The areas at position 1 (none when not ranked)."""
        return tuple(a for a in self.areas if self.ranked and a.position == 1)

    @property
    def median(self) -> float:
        return statistics.median(a.value for a in self.areas)


def _key(value: float) -> float:
    """A value as compared: rounded, so that equal stored values are equal despite floats."""
    return round(value, 9)


def rank(period: str, kind: str, direction: str, own: AreaValue,
         others: Iterable[AreaValue | None], names: Iterable[str] = ()) -> Ranking:
    """The organisation's ranking among `others` (None values and areas are left out and,
    with `names` of areas known to lack a value, listed as missing)."""
    present = [a for a in others if a is not None and a.value is not None]
    missing = tuple(names)
    entries = [(own, True), *((a, False) for a in present)]
    if direction == "higher":
        order = sorted(entries, key=lambda e: (-_key(e[0].value), not e[1], e[0].name))
    else:
        order = sorted(entries, key=lambda e: (_key(e[0].value), not e[1], e[0].name))
    ranked = direction in ("higher", "lower")
    areas = []
    for area, is_own in order:
        better = sum(1 for other, _ in entries if _better(other.value, area.value, direction))
        areas.append(Ranked(area.code, area.name, area.value, better + 1 if ranked else None,
                            is_own))
    return Ranking(period, kind, direction, tuple(areas), missing)


def _better(value: float, than: float, direction: str) -> bool:
    if direction == "higher":
        return _key(value) > _key(than)
    if direction == "lower":
        return _key(value) < _key(than)
    return False


# --- An indicator's comparisons, sorted by the profile ------------------------------------


@dataclass(frozen=True)
class Line:
    """A comparison series a chart draws and the yearly table shows."""

    code: str  # Kolada's area id, or MEDIAN
    name: str
    values: tuple[tuple[str, float], ...]  # (period, value), oldest first


@dataclass(frozen=True)
class Comparisons:
    """What the pages, files and API show of an indicator's comparisons."""

    own_name: str
    kind: str  # the organisation's kind: region or kommun
    lines: tuple[Line, ...]  # riket, chosen areas, the median of the organisation's kind
    ranking: Ranking | None  # the latest period the organisation and another area have values
    kommuner: Ranking | None  # a region's own kommuner for their latest period, best first
    hidden_lines: int = 0  # chosen areas not drawn (CHART_AREAS), shown in the tables only

    @property
    def any(self) -> bool:
        return bool(self.lines or self.ranking or self.kommuner)


Series = Mapping[str, tuple[str, Mapping[str, float]]]  # area id -> (name, period -> value)


def series_of(rows: Iterable[tuple[str, str, str, float | None]]) -> dict:
    """(area id, name, period, value) rows as Series (values None left out)."""
    found: dict[str, tuple[str, dict[str, float]]] = {}
    for code, name, period, value in rows:
        if value is not None:
            found.setdefault(code, (name, {}))[1][period] = value
    return found


def _peers(series: Series, kind: str, own_code: str) -> dict:
    return {c: s for c, s in series.items() if area_kind(c) == kind and c != own_code}


def ranking_for(period: str, kind: str, direction: str, own: AreaValue, peers: Series,
                ) -> Ranking:
    """The ranking of one period among `peers` (those without a value named missing)."""
    present = [AreaValue(c, name, values[period]) for c, (name, values) in peers.items()
               if period in values]
    missing = sorted(name for name, values in peers.values() if period not in values)
    return rank(period, kind, direction, own, present, missing)


def rankings(kind: str, direction: str, own_name: str, own_code: str,
             own_values: Mapping[str, float], series: Series) -> list[Ranking]:
    """The ranking of every period with the organisation's value and a peer's, oldest first."""
    peers = _peers(series, kind, own_code)
    periods = {p for _, values in peers.values() for p in values} & set(own_values)
    return [ranking_for(period, kind, direction,
                        AreaValue(own_code, own_name, own_values[period]), peers)
            for period in sorted(periods)]


def latest_ranking(kind: str, direction: str, own_name: str, own_code: str,
                   own_values: Mapping[str, float], series: Series) -> Ranking | None:
    """The ranking of the latest period with the organisation's value and a peer's."""
    found = rankings(kind, direction, own_name, own_code, own_values, series)
    return found[-1] if found else None


def median_line(kind: str, own_code: str, own_values: Mapping[str, float],
                series: Series) -> Line | None:
    """The median of the organisation's kind per period (its own value included), where at
    least MEDIAN_LEAST areas have a value."""
    peers = _peers(series, kind, own_code)
    periods = sorted({p for _, values in peers.values() for p in values})
    points = []
    for period in periods:
        values = [v[period] for _, v in peers.values() if period in v]
        if period in own_values:
            values.append(own_values[period])
        if len(values) >= MEDIAN_LEAST:
            points.append((period, statistics.median(values)))
    if not points:
        return None
    return Line(MEDIAN, f"Median, {KIND_DEFINITE_SV[kind]}", tuple(points))


def kind_of(about: Profile) -> str:
    """The kind of area the organisation is ranked among: region or kommun."""
    return about.kind if about.kind in KIND_PLURALS_SV else REGION_KIND


def compare(about: Profile, direction: str, own_values: Mapping[str, float],
            series: Series) -> Comparisons:
    """An indicator's comparisons as the profile sorts them: `own_values` are the
    organisation's own yearly values (period -> value), `series` every comparison area's."""
    kind, own_code = kind_of(about), about.kolada_area
    lines = [Line(RIKET, series[RIKET][0], tuple(sorted(series[RIKET][1].items())))] \
        if RIKET in series else []
    chosen = [a.code for a in about.areas if a.code in series]
    lines += [Line(c, series[c][0], tuple(sorted(series[c][1].items())))
              for c in chosen[:CHART_AREAS]]
    median = median_line(kind, own_code, own_values, series)
    ranking = latest_ranking(kind, direction, about.name, own_code, own_values, series)
    kommuner = None
    if kind == REGION_KIND and own_code:
        own_kommuner = {c: s for c, s in series.items()
                        if area_kind(c) == KOMMUN_KIND and c[:2] == own_code[2:]}
        kommuner = _kommuner(direction, own_kommuner)
    return Comparisons(about.name, kind, tuple(lines) + ((median,) if median else ()),
                       ranking, kommuner, max(len(chosen) - CHART_AREAS, 0))


def _kommuner(direction: str, kommuner: Series) -> Ranking | None:
    """A region's kommuner for their latest period, best first (ranked among themselves)."""
    periods = {p for _, values in kommuner.values() for p in values}
    if not periods:
        return None
    period = max(periods)
    present = sorted((AreaValue(c, n, v[period]) for c, (n, v) in kommuner.items()
                      if period in v), key=lambda a: a.code)
    first, rest = present[0], present[1:]
    ranking = ranking_for(period, KOMMUN_KIND, direction, first,
                          {a.code: kommuner[a.code] for a in rest}
                          | {c: s for c, s in kommuner.items() if period not in s[1]})
    # Among the kommuner none is "own": the first was ranked as any other.
    return Ranking(period, KOMMUN_KIND, direction,
                   tuple(Ranked(a.code, a.name, a.value, a.position) for a in ranking.areas),
                   ranking.missing)
