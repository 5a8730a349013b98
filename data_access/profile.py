"""The organisation profile: who the organisation is and whom it is compared with.

One stored row (models.OrganisationProfile) and its chosen comparison areas: the name the
pages and the API use, whether it is a region or a kommun, its Kolada area id, the publisher
named in the open-data licence, the comparison set (riket, chosen regions or kommuner,
every region, a region's own kommuner), and whether it uses framgångsfaktorer (a goal level
between nämndmål and förvaltningsmål). Set by `rodtrad profil satt` and the page
Administration › Organisation; both go through `save`, which checks everything first and
writes nothing when anything is wrong.

Pages read it with `current(session)`: one query per session (a web request has its own
session), cached in the session. The Kolada importer reads its areas with `kolada_areas`.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, replace

from sqlalchemy import delete, func, select, true
from sqlalchemy.orm import Session

from data_access import audit
from data_access.db import connection_of
from data_access.driver import DriverSelect
from data_access.queries.filters import ALL_ROWS
from data_access.models import (
    ORGANISATION_KINDS,
    Goal,
    ImportRun,
    OrganisationProfile,
    OrgUnit,
    ProfileComparisonArea,
)

RIKET = "0000"
RIKET_NAME = "Riket"
# Kolada's regions: "00" and the county (län) number, for all 21 regions.
COUNTY_NUMBERS = (1, 3, 4, 5, 6, 7, 8, 9, 10, 12, 13, 14, 17, 18, 19, 20, 21, 22, 23, 24, 25)
REGION_AREAS = tuple(f"{number:04d}" for number in COUNTY_NUMBERS)
# Kolada's area ids of the 21 regions (type "L"), with their names.
REGION_NAMES = {
    "0001": "Region Stockholm", "0003": "Region Uppsala", "0004": "Region Sörmland",
    "0005": "Region Östergötland", "0006": "Region Jönköpings län", "0007": "Region Kronoberg",
    "0008": "Region Kalmar län", "0009": "Region Gotland", "0010": "Region Blekinge",
    "0012": "Region Skåne", "0013": "Region Halland", "0014": "Västra Götalandsregionen",
    "0017": "Region Värmland", "0018": "Region Örebro län", "0019": "Region Västmanland",
    "0020": "Region Dalarna", "0021": "Region Gävleborg", "0022": "Region Västernorrland",
    "0023": "Region Jämtland Härjedalen", "0024": "Region Västerbotten",
    "0025": "Region Norrbotten",
}
KIND_LABELS = {"region": "Region", "kommun": "Kommun"}
NAME_MAX, PUBLISHER_MAX, AREA_NAME_MAX, MOST_AREAS = 200, 200, 100, 50
CACHE_KEY = "rodtrad_profile"
# Saving logs a run of this kind: it bumps the data version, so cached pages show the change.
RUN_KIND = "profil"
FACTOR_KIND = "framgangsfaktor"  # the goal kind the switch `success_factors` is about
_AREA = re.compile(r"\d{4}")


class ProfileError(ValueError):
    """A profile that cannot be saved; the message is Swedish and names the field."""


@dataclass(frozen=True)
class Area:
    """A Kolada area: its four-digit id and its name."""

    code: str
    name: str


@dataclass(frozen=True)
class Profile:
    """The organisation and its comparison set."""

    name: str
    kind: str
    kolada_area: str
    publisher: str
    riket: bool = True
    all_regions: bool = False
    own_kommuner: bool = False
    areas: tuple[Area, ...] = ()
    # Whether the organisation has framgångsfaktorer between its nämndmål and the goals below.
    success_factors: bool = False

    @property
    def noun(self) -> str:
        """`regionen` or `kommunen`, for running text."""
        return "kommunen" if self.kind == "kommun" else "regionen"

    def comparison_names(self) -> list[str]:
        """The comparison set in words, e.g. `riket`, `alla regioner`, `Region Dalarna`."""
        names = ["riket"] if self.riket else []
        if self.all_regions:
            names.append("alla regioner")
        if self.own_kommuner:
            names.append(f"{self.noun}s kommuner")
        return names + [area.name for area in self.areas]

    def comparison_text(self) -> str:
        """`riket, alla regioner och Region Dalarna` (empty when nothing is compared)."""
        return and_list(self.comparison_names())


# Before any profile is set (a new database): neutral words, no comparisons named.
UNSET = Profile(name="Organisationen", kind="region", kolada_area="", publisher="Organisationen",
                riket=True)


@dataclass(frozen=True)
class KoladaAreas:
    """What the Kolada importer asks for and accepts: the organisation's own area, the named
    comparison areas (riket and the chosen ones), every other region's id when the set holds
    "all regions", and for a region's own kommuner the two digits their ids begin with."""

    own: str
    named: tuple[Area, ...]
    regions: tuple[str, ...]
    kommun_prefix: str | None

    def includes(self, code: str) -> bool:
        """Whether values for this area are part of the comparison set."""
        if code in self.regions or any(area.code == code for area in self.named):
            return True
        return (self.kommun_prefix is not None and code.startswith(self.kommun_prefix)
                and code not in REGION_AREAS and code != RIKET)


def and_list(items: list[str]) -> str:
    """`a, b och c`."""
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} och {items[-1]}"


# --- Checking -------------------------------------------------------------------------------


def _text(value, label: str, most: int) -> str:
    text = " ".join(str(value or "").split())
    if not text:
        raise ProfileError(f"{label} saknas: skriv {label.lower()}.")
    if len(text) > most:
        raise ProfileError(f"{label} är för långt: högst {most} tecken.")
    return text


def parse_area(text: str) -> Area:
    """`0180 Stockholm` (id, space, name) as an Area; ProfileError if not."""
    code, _, name = " ".join(str(text).split()).partition(" ")
    if not _AREA.fullmatch(code) or not name:
        raise ProfileError(f"Jämförelseområdet ”{text.strip()}” ska skrivas som Koladas "
                           "områdes-id med fyra siffror, ett mellanslag och namnet, t.ex. "
                           "”0180 Stockholm”.")
    return Area(code, name)


def check(profile: Profile) -> Profile:
    """The profile with its texts tidied, or ProfileError naming what is wrong."""
    name = _text(profile.name, "Namnet", NAME_MAX)
    publisher = _text(profile.publisher, "Utgivaren", PUBLISHER_MAX)
    if profile.kind not in ORGANISATION_KINDS:
        raise ProfileError("Typen ska vara region eller kommun.")
    area = str(profile.kolada_area or "").strip()
    if not _AREA.fullmatch(area):
        raise ProfileError("Kolada-id ska vara fyra siffror, t.ex. 0180 för en kommun eller "
                           "00 och länsnumret för en region.")
    if profile.kind == "region" and area not in REGION_AREAS:
        raise ProfileError(f"{area} är inte en region i Kolada: en regions id är 00 och "
                           "länsnumret (0001–0025).")
    if profile.kind == "kommun" and (area.startswith("00")):
        raise ProfileError(f"{area} är inte en kommun i Kolada: en kommuns id börjar med "
                           "länsnumret, t.ex. 0180 eller 1480.")
    if profile.own_kommuner and profile.kind != "region":
        raise ProfileError("Bara en region kan jämföras med sina egna kommuner.")
    areas, seen = [], set()
    for chosen in profile.areas:
        code = chosen.code.strip()
        if not _AREA.fullmatch(code):
            raise ProfileError(f"Jämförelseområdet {code} ska vara fyra siffror.")
        if code == area:
            raise ProfileError(f"{code} är organisationens eget område och jämförs inte med "
                               "sig självt.")
        if code == RIKET:
            raise ProfileError("Riket väljs med rutan Riket, inte i listan över områden.")
        if code in seen:
            raise ProfileError(f"Jämförelseområdet {code} står två gånger.")
        seen.add(code)
        areas.append(Area(code, _text(chosen.name, f"Namnet på område {code}", AREA_NAME_MAX)))
    if len(areas) > MOST_AREAS:
        raise ProfileError(f"Högst {MOST_AREAS} valda jämförelseområden.")
    return replace(profile, name=name, publisher=publisher, kolada_area=area,
                   areas=tuple(areas))


# --- Reading and saving -------------------------------------------------------------------


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


def read(session: Session) -> Profile | None:
    """The stored profile, or None before one is set (one query).

    Every page reads it (its words follow the organisation's kind), so as plain columns on
    the session's connection, the statement built once: the ORM's entities cost several
    times the query. The profile is no viewer's: it has no row rule."""
    session.flush()  # what is pending is read, as through the ORM
    connection = connection_of(session)
    rows = _driver_read().rows(connection)
    if rows is None:  # not SQLite, or something listens to the statements
        rows = connection.execute(_read_statement()).all()
    if not rows:
        return None
    first = rows[0]
    return Profile(*first[:4], bool(first[4]), bool(first[5]), bool(first[6]),
                   tuple(Area(row[8], row[9]) for row in rows if row[8] is not None),
                   bool(first[7]))


@functools.cache
def _driver_read() -> DriverSelect:
    return DriverSelect(_read_statement())


@functools.cache
def _read_statement():
    p, a = OrganisationProfile, ProfileComparisonArea
    return (select(p.name, p.kind, p.kolada_area, p.publisher, p.compare_riket,
                   p.compare_all_regions, p.compare_own_kommuner, p.uses_success_factors,
                   a.code, a.name)
            .outerjoin(a, true())
            .order_by(a.code))


def current(session: Session) -> Profile:
    """The profile for this session, read once per session. Before one is set (a database
    from before profiles): UNSET, named after the root of the organisation if there is one."""
    if CACHE_KEY not in session.info:
        stored = read(session)
        if stored is None:
            root = session.scalar(select(OrgUnit.name).where(OrgUnit.parent_id.is_(None))
                                  .order_by(OrgUnit.id).limit(1)
                                  .execution_options(**{ALL_ROWS: True}))
            stored = replace(UNSET, name=root, publisher=root) if root else UNSET
        session.info[CACHE_KEY] = stored
    return session.info[CACHE_KEY]


def store(session: Session, profile: Profile, *, by: str, at: dt.datetime) -> None:
    """Write a checked profile as the one stored (the demo's way in; others call `save`)."""
    row = session.get(OrganisationProfile, 1) or OrganisationProfile(id=1)
    row.name, row.kind, row.kolada_area, row.publisher = (
        profile.name, profile.kind, profile.kolada_area, profile.publisher)
    row.compare_riket, row.compare_all_regions, row.compare_own_kommuner = (
        profile.riket, profile.all_regions, profile.own_kommuner)
    row.uses_success_factors = profile.success_factors
    row.updated_at, row.updated_by = at, by
    session.add(row)
    session.execute(delete(ProfileComparisonArea))
    session.add_all(ProfileComparisonArea(code=a.code, name=a.name) for a in profile.areas)
    session.flush()
    session.info[CACHE_KEY] = profile


def factor_count(session: Session) -> int:
    """How many framgångsfaktorer are stored (every one, whoever asks)."""
    return session.scalar(select(func.count()).select_from(Goal)
                          .where(Goal.kind == FACTOR_KIND)
                          .execution_options(**{ALL_ROWS: True}))


def _check_factors(session: Session, profile: Profile) -> None:
    """An organisation that has framgångsfaktorer stored cannot say it does not use them."""
    if profile.success_factors:
        return
    stored = factor_count(session)
    if stored:
        raise ProfileError(
            f"Det finns {stored} framgångsfaktorer inlagda, så de kan inte slås av. Läs "
            "först in målen igen med framgångsfaktorerna som en annan typ av mål och målen "
            "under dem kopplade direkt till nämndmålen.")


def save(session: Session, profile: Profile, *, by: str = "") -> Profile:
    """Check the profile and store it in the session's transaction (the caller commits), with
    an audit event and a run that makes cached pages show it; nothing when it is refused."""
    profile = check(profile)
    _check_factors(session, profile)
    now = _now()
    session.add(ImportRun(kind=RUN_KIND, file_name=profile.name, username=by, started_at=now,
                          finished_at=now, rows_read=1, rows_updated=1, outcome="ok",
                          message="Organisationsprofilen sparades."))
    audit.add(session, audit.Event(audit.PROFILE_CHANGE, username=by, target=(
        f"profil {profile.name}: {profile.kind} {profile.kolada_area}, jämförs med "
        f"{profile.comparison_text() or 'inget'}")))
    store(session, profile, by=by, at=now)
    return profile


def kolada_areas(session: Session) -> KoladaAreas | None:
    """The organisation's Kolada area and its comparison set, for the Kolada importer; None
    before a profile is set."""
    profile = read(session)
    if profile is None:
        return None
    named = ((Area(RIKET, RIKET_NAME),) if profile.riket else ()) + profile.areas
    regions = tuple(code for code in REGION_AREAS
                    if code != profile.kolada_area) if profile.all_regions else ()
    prefix = profile.kolada_area[2:] if profile.own_kommuner else None
    return KoladaAreas(profile.kolada_area, named, regions, prefix)


def describe(profile: Profile) -> list[tuple[str, str]]:
    """The profile as (label, value) lines, for `rodtrad profil visa` and the page."""
    return [
        ("Namn", profile.name),
        ("Typ", KIND_LABELS[profile.kind]),
        ("Kolada-id", profile.kolada_area or "–"),
        ("Utgivare (licensen)", profile.publisher),
        ("Jämförs med", profile.comparison_text() or "inget"),
        ("Framgångsfaktorer", "används" if profile.success_factors else "används inte"),
    ]
