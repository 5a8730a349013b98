"""`rodtrad sync`: import what is new in the folders where other systems drop their exports,
and from Kolada, as a sync configuration (TOML) names them.

    config = read_config(Path("/etc/rodtrad/sync.toml"))    # ConfigError in Swedish
    items = plan(session, config)                            # what is there, new or not

A file is new when no stored (successful, not dry) import of its kind has its content's
sha256, which the import log already records (`ImportRun.file_hash`): a file is imported
once, a changed file again, and a file that failed is tried again on the next run. Each file
is then one ordinary import (`runner.run_import`): all or nothing, logged with its path, its
checksum, the source whose mappings applied and its outcome. Kolada's answer is hashed the
same way, so an unchanged answer is not imported again.

The configuration, all keys optional except the folders' `katalog`:

    [sie]                          # or [[sie]] several times
    katalog = "sie"                # relative to the configuration file's folder
    kalla = "raindance"            # the source whose mappings apply (rodtrad import --kalla)
    dimension = 1                  # the kostnadsställen's SIE dimension (--dimension)
    filnamn = ["*.se", "*.si"]     # which files are read (case ignored)
    min_alder_sekunder = 60        # younger files may still be being written: next run

    [filer]                        # or [[filer]]: CSV, Excel and Kolada JSON of every kind
    katalog = "export"
    kalla = "stratsys"
    [filer.sorter]                 # file name pattern -> kind; else the name's first word
    "Stratsys_matt_*.xlsx" = "matvarden"

    [kolada]
    kpi = ["N70061"]               # default: every Kolada-sourced indicator (sourced_kpis)
    ar = "2016-2025"               # default: the latest ten whole years
    omrade = ["0180", "0000"]      # default: the organisation's area and its comparisons
    api = "https://api.kolada.se"  # default: KOLADA_API_URL or Kolada's own
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import hashlib
import json
import re
import time
import tomllib
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from data_access.importers import kolada
from data_access.importers.kinds import KINDS
from data_access.importers.report import FileProblem
from data_access.importers.runner import IMPORT_KINDS, KOLADA, SIE
from data_access.models import ImportRun
from data_access.queries.meta import SUCCESSFUL_OUTCOMES

SIE_FILES = ("*.se", "*.si", "*.sie")
TABLE_FILES = ("*.csv", "*.xlsx", "*.xls", "*.json")
MIN_AGE = 60  # seconds since a file last changed before it is read
FOLDER_KEYS = {"katalog", "kalla", "filnamn", "min_alder_sekunder"}
SECTIONS = {
    "sie": FOLDER_KEYS | {"dimension"},
    "filer": FOLDER_KEYS | {"sorter"},
    "kolada": {"kpi", "ar", "omrade", "api"},
}
# Kinds a file in [filer] may be: every import kind (SIE files have their own folder).
FILE_KINDS = IMPORT_KINDS


# tomllib's commonest complaints in Swedish (any other is quoted as it is).
TOML_ERRORS = (
    ("Invalid value", "ogiltigt värde (en text ska stå inom citattecken: \"sie\")"),
    ("Expected '=' after a key", "det saknas ett = efter nyckeln"),
    ("Invalid statement", "raden är varken nyckel = värde eller [tabell]"),
    ("Unterminated string", "ett citattecken saknas i slutet av texten"),
    ("Unclosed array", "listan saknar sin ]"),
    ("Expected ']' at the end of a table", "tabellens namn saknar sin ]"),
    ("Cannot overwrite a value", "nyckeln står två gånger"),
    ("Cannot declare", "tabellen står två gånger (flera mappar av samma slag skrivs med dubbla "
                  "hakparenteser: [[filer]])"),
)


class ConfigError(Exception):
    """The sync configuration cannot be used; the message names the file, key and line."""


@dataclass(frozen=True)
class Folder:
    """A folder another system drops its exports in."""

    section: str  # "sie" or "filer", with [n] when the section is repeated: for messages
    path: Path
    patterns: tuple[str, ...]
    source: str | None = None
    dimension: int = 1
    kinds: tuple[tuple[str, str], ...] = ()  # (file name pattern, kind), first match wins
    min_age: int = MIN_AGE


@dataclass(frozen=True)
class KoladaSource:
    kpis: tuple[str, ...]  # empty: the indicators whose källa is Kolada
    years: tuple[int, ...]
    areas: tuple[str, ...]  # empty: kolada.accepted_areas
    api: str | None = None


@dataclass(frozen=True)
class SyncConfig:
    path: Path
    folders: tuple[Folder, ...] = ()  # [filer] before [sie]: the economy needs the mappings
    kolada: KoladaSource | None = None


@dataclass
class Item:
    """One file (or Kolada) as a run finds it, and what the run will do with it."""

    name: str  # the file's path, or Kolada's URL
    kind: str | None
    source: str | None = None
    dimension: int = 1
    path: Path | None = None
    digest: str = ""
    state: str = "ny"  # ny, ändrad, importerad (nothing to do), väntar, fel
    problem: str = ""
    age: int = 0

    @property
    def to_import(self) -> bool:
        return self.state in ("ny", "ändrad")

    @property
    def from_kolada(self) -> bool:
        """Whether it is Kolada's API (rather than a file, a Kolada JSON file included)."""
        return self.path is None

    @property
    def shown(self) -> str:
        """How a person's summary names it: the file's path, or Kolada."""
        return "Kolada" if self.from_kolada else self.name


# --- The configuration ------------------------------------------------------------------


@dataclass
class _Reader:
    """Checks the parsed TOML, naming the key and, when found, its line."""

    path: Path
    text: str

    def fail(self, message: str, table: str | None = None, index: int = 0,
             key: str | None = None, shown: str | None = None) -> ConfigError:
        """An error at `key` of the index-th [table] (shown as `shown`, e.g. filer[2])."""
        line = _line_of(self.text, table, index, key)
        name = ".".join(filter(None, [shown or table, key]))
        where = f"rad {line}, " if line else ""
        what = f"nyckeln ”{name}”" if key else f"[{name}]"
        return ConfigError(f"{self.path}: {where}{what}: {message}")


def _line_of(text: str, table: str | None, index: int, key: str | None) -> int | None:
    """The line (1-based) of `key` in the index-th [table] (top level when table is None)."""
    lines = text.splitlines()
    start = 0
    if table is not None:
        parts = table.split(".")
        header = re.compile(r"^\s*\[\[?\s*" + r"\s*\.\s*".join(map(re.escape, parts))
                            + r"\s*\]\]?\s*(#.*)?$")
        found = [n for n, line in enumerate(lines) if header.match(line)]
        if len(found) <= index:
            return None
        start = found[index]
        if key is None:
            return start + 1
        start += 1
    if key is None:
        return None
    assignment = re.compile(r"""^\s*["']?""" + re.escape(key) + r"""["']?\s*=""")
    for n in range(start, len(lines)):
        if re.match(r"^\s*\[", lines[n]):  # the next table
            break
        if assignment.match(lines[n]):
            return n + 1
    return None


def read_config(path: Path, today: dt.date | None = None) -> SyncConfig:
    """The sync configuration in a TOML file, or ConfigError saying in Swedish what is wrong."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{path}: filen med synkinställningarna finns inte") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: filen går inte att läsa: {exc}") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        where = f"rad {found[1]}, kolumn {found[2]}: " if found else ""
        detail = re.sub(r"\s*\(at line \d+, column \d+\)|\s*\(at end of document\)", "",
                        str(exc))
        reason = next((swedish for english, swedish in TOML_ERRORS if detail.startswith(english)),
                      detail)
        raise ConfigError(f"{path}: {where}filen är inte giltig TOML: {reason}") from None
    reader = _Reader(path, text)
    for key, value in data.items():
        if key not in SECTIONS:
            known = "synkinställningarna har [sie], [filer] och [kolada]"
            raise (reader.fail(f"okänd tabell; {known}", key) if isinstance(value, dict)
                   else reader.fail(f"okänd nyckel; {known}", None, 0, key))
    if not data:
        raise ConfigError(f"{path}: inställningarna nämner varken [sie], [filer] eller [kolada]; "
                          "inget att synkronisera")
    folders = [folder for section in ("filer", "sie")
               for folder in _folders(reader, section, data.get(section))]
    kolada_source = None
    if "kolada" in data:
        kolada_source = _kolada(reader, data["kolada"], today)
    return SyncConfig(path, tuple(folders), kolada_source)


def _tables(reader: _Reader, section: str, value) -> list[dict]:
    if value is None:
        return []
    if isinstance(value, dict):
        return [value]
    if isinstance(value, list) and all(isinstance(v, dict) for v in value):
        return value
    raise reader.fail(f"ska vara en tabell, [{section}] eller [[{section}]]", None, 0, section)


def _check_keys(reader: _Reader, section: str, index: int, table: dict, shown: str) -> None:
    for key in table:
        if key not in SECTIONS[section]:
            known = ", ".join(sorted(SECTIONS[section]))
            raise reader.fail(f"okänd nyckel; [{section}] kan ha {known}", section, index, key,
                              shown)


def _folders(reader: _Reader, section: str, value) -> list[Folder]:
    tables = _tables(reader, section, value)
    folders = []
    for index, table in enumerate(tables):
        name = section if len(tables) == 1 else f"{section}[{index + 1}]"
        _check_keys(reader, section, index, table, name)

        def fail(message: str, key: str | None, index: int = index, name: str = name,
                 table: str = section) -> ConfigError:
            return reader.fail(message, table, index, key, name)

        if "katalog" not in table:
            raise fail("saknar nyckeln ”katalog” (mappen filerna läggs i)", None)
        folder = _text(table["katalog"], lambda m: fail(m, "katalog"))
        path = (reader.path.parent / Path(folder).expanduser()).absolute()
        if not path.is_dir():
            raise fail(f"mappen {path} finns inte", "katalog")
        patterns = table.get("filnamn", SIE_FILES if section == "sie" else TABLE_FILES)
        if isinstance(patterns, str):
            patterns = [patterns]
        if not isinstance(patterns, (list, tuple)) or not patterns or \
                not all(isinstance(p, str) and p.strip() for p in patterns):
            raise fail("ska vara ett filnamnsmönster eller en lista av dem, t.ex. "
                       "[\"*.se\"]", "filnamn")
        source = table.get("kalla")
        if source is not None:
            source = _text(source, lambda m: fail(m, "kalla"))
        dimension = table.get("dimension", 1)
        if isinstance(dimension, bool) or not isinstance(dimension, int) or dimension < 1:
            raise fail("ska vara ett positivt heltal (SIE-dimensionen för kostnadsställen, "
                       "vanligen 1)", "dimension")
        min_age = table.get("min_alder_sekunder", MIN_AGE)
        if isinstance(min_age, bool) or not isinstance(min_age, int) or min_age < 0:
            raise fail("ska vara ett heltal, 0 eller större", "min_alder_sekunder")
        kinds = table.get("sorter", {})
        if not isinstance(kinds, dict):
            raise fail("ska vara en tabell av filnamnsmönster och sorter, t.ex. "
                       "[filer.sorter] \"Stratsys_*.xlsx\" = \"matvarden\"", "sorter")
        for pattern, kind in kinds.items():
            if kind not in FILE_KINDS:
                raise reader.fail(f"”{kind}” är ingen sort; sorterna är " + ", ".join(FILE_KINDS),
                                  f"{section}.sorter", index, pattern, f"{name}.sorter")
        folders.append(Folder(name, path, tuple(p.strip() for p in patterns), source,
                              dimension, tuple(kinds.items()), min_age))
    return folders


def _text(value, fail) -> str:
    if not isinstance(value, str) or not value.strip():
        raise fail("ska vara en text inom citattecken")
    return value.strip()


def _codes(reader: _Reader, table: dict, key: str) -> tuple[str, ...] | None:
    value = table.get(key)
    if value is None:
        return None
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise reader.fail("ska vara en lista av koder, t.ex. [\"N70061\", \"N70060\"]",
                          "kolada", 0, key)
    return tuple(v.strip() for v in value)


def _kolada(reader: _Reader, table, today: dt.date | None) -> KoladaSource:
    if not isinstance(table, dict):
        raise reader.fail("ska vara en tabell, [kolada]", None, 0, "kolada")
    _check_keys(reader, "kolada", 0, table, "kolada")
    years = table.get("ar")
    if years is None:
        years = kolada.default_years(today)
    elif isinstance(years, list) and years and all(
            isinstance(y, int) and not isinstance(y, bool) and 1990 <= y <= 2100 for y in years):
        pass
    else:
        try:
            years = kolada.parse_years(years if isinstance(years, str) else "")
        except ValueError:
            raise reader.fail("ska vara år som \"2019-2025\" eller en lista av år, "
                              "t.ex. [2024, 2025]", "kolada", 0, "ar") from None
    api = table.get("api")
    if api is not None and (not isinstance(api, str) or not api.startswith(("http://",
                                                                            "https://"))):
        raise reader.fail("ska vara en adress som börjar med https://", "kolada", 0, "api")
    return KoladaSource(_codes(reader, table, "kpi") or (), tuple(years),
                        _codes(reader, table, "omrade") or (), api)


# --- What is there, and what is new -----------------------------------------------------


def _normal(text: str) -> str:
    """Lower case without diacritics: 'Mätvärden' -> 'matvarden'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# A file named by its kind: the name's first word, e.g. matvarden-2026-11.csv, Mätvärden.xlsx,
# Mappningar.csv (a kind's one-word title).
NAMED_KINDS = {name: name for name in FILE_KINDS} | {
    _normal(kind.title): name for name, kind in KINDS.items() if kind.title.isalpha()}


def kind_of(path: Path, folder: Folder) -> str:
    """A file's import kind: the first pattern of [filer.sorter] it matches, else its name's
    first word; ValueError in Swedish when neither says."""
    for pattern, kind in folder.kinds:
        if _matches(path.name, pattern):
            return kind
    word = re.match(r"[a-z]*", _normal(path.stem))[0]
    if word in NAMED_KINDS:
        return NAMED_KINDS[word]
    patterns = f" och inget mönster i [{folder.section}.sorter] passar" if folder.kinds else ""
    raise ValueError("sorten går inte att avgöra: filnamnet börjar inte med en sort (t.ex. "
                     f"matvarden-2026.csv){patterns}. Byt namn på filen eller lägg till den i "
                     f"[{folder.section}.sorter].")


def _matches(name: str, pattern: str) -> bool:
    return fnmatch.fnmatchcase(name.casefold(), pattern.casefold())


def _files(folder: Folder) -> list[Path]:
    """The folder's files that its patterns name, without hidden and Office lock files."""
    return sorted(p for p in folder.path.iterdir()
                  if p.is_file() and not p.name.startswith((".", "~$"))
                  and any(_matches(p.name, pattern) for pattern in folder.patterns))


def digest_of(path: Path) -> str:
    with path.open("rb") as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()


def _stored(kind: str):
    return select(func.count()).select_from(ImportRun).where(
        ImportRun.kind == kind, ImportRun.outcome.in_(SUCCESSFUL_OUTCOMES),
        ImportRun.dry_run.is_(False))


def state_of(session: Session, item: Item) -> str:
    """ny, ändrad (a file of that name was imported with other content), or importerad."""
    if session.scalar(_stored(item.kind).where(ImportRun.file_hash == item.digest)):
        return "importerad"
    if session.scalar(_stored(item.kind).where(ImportRun.file_name == item.name[:300])):
        return "ändrad"
    return "ny"


def plan(session: Session, config: SyncConfig, now: float | None = None) -> list[Item]:
    """Every file in the configured folders, in the order a load needs them, with its state;
    Kolada last (its answer is hashed when it is fetched)."""
    now = time.time() if now is None else now
    found = []
    for folder in config.folders:
        for path in _files(folder):
            item = Item(str(path), SIE if folder.section.startswith("sie") else None,
                        folder.source, folder.dimension, path)
            try:
                if item.kind is None:
                    item.kind = kind_of(path, folder)
                item.age = int(now - path.stat().st_mtime)
                if item.age < folder.min_age:
                    item.state = "väntar"
                    found.append(item)
                    continue
                item.digest = digest_of(path)
            except ValueError as exc:
                item.state, item.problem = "fel", str(exc)
            except OSError as exc:
                item.state, item.problem = "fel", f"filen går inte att läsa: {exc.strerror or exc}"
            if item.state != "fel":
                item.state = state_of(session, item)
            found.append(item)
    order = {kind: n for n, kind in enumerate((*FILE_KINDS, SIE))}
    items = sorted(found, key=lambda i: (order.get(i.kind, -1), i.name))
    if config.kolada is not None:
        items.append(kolada_item(session, config.kolada))
    return items


def kolada_item(session: Session, source: KoladaSource) -> Item:
    """Kolada's URL for the configured KPIs (or every Kolada-sourced indicator), for
    `rodtrad sync` and `rodtrad kolada sync` alike."""
    kpis = source.kpis or tuple(kolada.sourced_kpis(session))
    if not kpis:
        return Item("Kolada", KOLADA, state="fel", problem=(
            "det finns inga indikatorer med källan Kolada att hämta; ange vilka nyckeltal "
            "(kpi = [...] under [kolada], --kpi till rodtrad kolada sync) eller hämta dem "
            "först med rodtrad kolada fetch KPI"))
    try:
        areas = source.areas or kolada.accepted_areas(session).codes
    except FileProblem as exc:
        return Item("Kolada", KOLADA, state="fel", problem=exc.reason)
    return Item(kolada.api_url(kpis, areas, source.years, source.api), KOLADA)


def fetch_kolada(session: Session, item: Item) -> bytes:
    """Kolada's answer for `item` as the JSON the import reads; sets its digest and state
    (KoladaUnavailable when Kolada cannot be read)."""
    document = kolada.fetch(item.name)
    data = json.dumps(document).encode("utf-8")  # as `rodtrad kolada fetch` imports it
    item.digest = hashlib.sha256(data).hexdigest()
    item.state = state_of(session, item)
    return data
