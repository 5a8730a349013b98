"""Cell types of import files: parse what a person or Excel wrote, format what export writes.

Every type turns a raw cell (text from a CSV file, or a number, date or text from an .xlsx
sheet) into the stored value, or raises `CellError` with the reason in Swedish. `format`
is its inverse, so an exported file imports to the same values. Numbers follow Swedish
Excel: a decimal comma (a point is accepted too), spaces between thousands, − or - as minus.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal as _Decimal
from functools import lru_cache

TEXT_LIMIT = 10_000  # characters in a free-text cell (analysis, description, comment)
_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_NUMBER = re.compile(r"[-+]?(\d+([.,]\d*)?|[.,]\d+)([eE][-+]?\d+)?")
_PLAIN_NUMBER = re.compile(r"-?\d+(?:,\d+)?")  # the common case, read without cleaning
_PERIOD = re.compile(r"(\d{4})(?:-(T?)(\d{1,2}))?")
_FOLLOWUP = re.compile(r"(T1|Delår|Helår)\s+(\d{4})", re.IGNORECASE)
FOLLOWUP_WORDS = {"T1": "T1", "DELAR": "Delår", "HELAR": "Helår"}
TERTIAL_END_MONTHS = (4, 8, 12)
FIRST_YEAR, LAST_YEAR = 1900, 2100
_UNLIKELY_YEAR = f"året {{}} är orimligt; skriv ett år från {FIRST_YEAR} till {LAST_YEAR}"


class CellError(ValueError):
    """A cell's value cannot be used; the message says why, in Swedish."""


def is_empty(raw) -> bool:
    """Whether a cell holds nothing (no value, or only spaces)."""
    return raw is None or (type(raw) is str and (not raw or raw.isspace()))


def count(n: int) -> str:
    """A whole number with Swedish thousands spaces, e.g. `10 000`."""
    return f"{n:,}".replace(",", "\u00a0")


def _text(raw) -> str:
    """A raw cell as text: integral numbers without decimals, dates in ISO."""
    if type(raw) is str:
        return raw.strip()
    if isinstance(raw, bool):
        return "ja" if raw else "nej"
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if isinstance(raw, dt.datetime):
        return raw.date().isoformat() if raw.time() == dt.time() else raw.isoformat(" ")
    return str(raw).strip()


def decimal_text(value: float) -> str:
    """The shortest text that reads back as the same float, with a decimal comma, no exponent."""
    text = format(_Decimal(repr(float(value))), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text.replace(".", ",")


@dataclass(frozen=True)
class Text:
    """Text of at most `max_length` characters."""

    max_length: int = TEXT_LIMIT

    def parse(self, raw) -> str:
        text = _text(raw)
        if len(text) > self.max_length:
            raise CellError(f"texten är {count(len(text))} tecken lång; högst "
                            f"{count(self.max_length)} tecken får plats")
        return text

    def format(self, value) -> str:
        return "" if value is None else str(value)

    def describe(self) -> str:
        return f"text, högst {count(self.max_length)} tecken"


@dataclass(frozen=True)
class AreaCode(Text):
    """Kolada's four-digit area code; Excel's lost leading zeros are put back ('23' → '0023')."""

    max_length: int = 10

    def parse(self, raw) -> str:
        text = super().parse(raw)
        return text.zfill(4) if text.isdigit() else text

    def describe(self) -> str:
        return "Koladas områdeskod, fyra siffror"


def _bound(value: float) -> str:
    """A limit as messages write it: `2100`, `-5`, `0,5`, `1 000 000` (spaces from 10 000)."""
    if not float(value).is_integer():
        return decimal_text(value)
    return count(int(value)) if abs(value) >= 10_000 else str(int(value))


@dataclass(frozen=True)
class Integer:
    """A whole number from `minimum` to `maximum` (inclusive); `what` names it ("ett årtal")."""

    minimum: int
    maximum: int
    what: str = "ett heltal"

    def parse(self, raw) -> int:
        if isinstance(raw, bool):
            raise CellError(f"ska vara {self.describe()}")
        if isinstance(raw, (int, float)):
            number = _float(raw)
        else:
            number = _number(_text(raw), f"är inte ett heltal; skriv {self.describe()}")
        if not self.minimum <= number <= self.maximum:  # NaN and infinity too
            raise CellError(f"ska vara {self.describe()}")
        if not number.is_integer():
            raise CellError(f"ska vara {self.describe()}, utan decimaler")
        return int(number)

    def format(self, value) -> str:
        return "" if value is None else str(int(value))

    def describe(self) -> str:
        return f"{self.what} från {_bound(self.minimum)} till {_bound(self.maximum)}"


def _float(number: int | float) -> float:
    """A number cell as a float; an integer too large for one (JSON, Excel) is infinite."""
    try:
        return float(number)
    except OverflowError:
        return float("inf") if number > 0 else float("-inf")


def _number(text: str, wrong: str) -> float:
    """A number from Swedish text: '1 234,5', '−12', '0.5'; `wrong` says what to write instead."""
    if _PLAIN_NUMBER.fullmatch(text):
        return float(text.replace(",", "."))
    cleaned = _SPACES.sub("", text).replace("\u2212", "-")
    if not _NUMBER.fullmatch(cleaned) or ("," in cleaned and "." in cleaned):
        raise CellError(wrong)
    return float(cleaned.replace(",", "."))


@dataclass(frozen=True)
class Decimal:
    """A decimal number from `minimum` to `maximum`: finite, and in the range the column's
    values can mean (so that sums of many stay finite too)."""

    minimum: float
    maximum: float

    def parse(self, raw) -> float:
        if type(raw) is str and _PLAIN_NUMBER.fullmatch(raw):  # most cells: read directly
            value = float(raw.replace(",", "."))
        elif isinstance(raw, bool):
            raise CellError("är inte ett tal")
        elif isinstance(raw, (int, float)):
            value = _float(raw)
        else:
            value = _number(_text(raw), "är inte ett tal; skriv talet med decimalkomma, "
                                        "t.ex. 1234,5")
        if not self.minimum <= value <= self.maximum:  # NaN and infinity too
            raise CellError(f"ska vara ett {self.describe()}")
        return value

    def format(self, value) -> str:
        return "" if value is None else decimal_text(value)

    def describe(self) -> str:
        return f"tal med decimalkomma från {_bound(self.minimum)} till {_bound(self.maximum)}"


@dataclass(frozen=True)
class Date:
    """A date written ÅÅÅÅ-MM-DD (or a date cell in Excel)."""

    def parse(self, raw) -> dt.date:
        if isinstance(raw, dt.datetime):
            return raw.date()
        if isinstance(raw, dt.date):
            return raw
        text = _text(raw)
        try:
            if len(text) != 10:
                raise ValueError
            return dt.date.fromisoformat(text)
        except ValueError:
            raise CellError("är inte ett datum; skriv ÅÅÅÅ-MM-DD, t.ex. 2026-04-30") from None

    def format(self, value) -> str:
        return "" if value is None else value.isoformat()

    def describe(self) -> str:
        return "datum ÅÅÅÅ-MM-DD"


@dataclass(frozen=True)
class Boolean:
    """Ja or nej."""

    def parse(self, raw) -> bool:
        if isinstance(raw, bool):
            return raw
        text = _text(raw).casefold()
        if text in ("ja", "j", "1", "sant"):
            return True
        if text in ("nej", "n", "0", "falskt"):
            return False
        raise CellError("ska vara ja eller nej")

    def format(self, value) -> str:
        return "" if value is None else ("ja" if value else "nej")

    def describe(self) -> str:
        return "ja eller nej"


@dataclass(frozen=True)
class Choice:
    """One of a list of words; `options` maps the stored value to the word written in files.

    The stored value itself is accepted too, and case does not matter.
    """

    options: tuple[tuple[str, str], ...]
    aliases: tuple[tuple[str, str], ...] = ()

    def parse(self, raw) -> str:
        text = _SPACES.sub(" ", _text(raw)).casefold()
        for stored, word in self.options:
            if text in (word.casefold(), stored.casefold()):
                return stored
        for alias, stored in self.aliases:
            if text == alias.casefold():
                return stored
        raise CellError(f"ska vara något av: {self.describe()}")

    def format(self, value) -> str:
        return "" if value is None else dict(self.options)[value]

    def describe(self) -> str:
        return ", ".join(word for _, word in self.options)


@dataclass(frozen=True)
class Period:
    """A measurement period: ÅÅÅÅ (year), ÅÅÅÅ-T1…T3 (tertial) or ÅÅÅÅ-MM (month)."""

    def parse(self, raw) -> str:
        if isinstance(raw, dt.datetime) and raw.day == 1:  # Excel made '2025-04' a date
            return f"{raw.year}-{raw.month:02d}"
        return _period(raw if type(raw) is str else _text(raw))

    def format(self, value) -> str:
        return "" if value is None else value

    def describe(self) -> str:
        return "period: ÅÅÅÅ, ÅÅÅÅ-T1…T3 eller ÅÅÅÅ-MM"


_HOW_PERIOD = "skriv ÅÅÅÅ (år), ÅÅÅÅ-T1 till ÅÅÅÅ-T3 (tertial) eller ÅÅÅÅ-MM (månad 01–12)"


@lru_cache(maxsize=4096)
def _period(text: str) -> str:
    """The canonical period a text names (files repeat a few periods many times)."""
    match = _PERIOD.fullmatch(text.strip().upper())
    if not match:
        raise CellError(f"är inte en period; {_HOW_PERIOD}")
    year, tertial, number = int(match[1]), match[2], match[3]
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise CellError(_UNLIKELY_YEAR.format(year))
    if number is None:
        return str(year)
    if tertial:
        if not 1 <= int(number) <= 3:
            raise CellError(f"tertial {int(number)} finns inte; ett år har tertial T1, T2 och T3")
        return f"{year}-T{int(number)}"
    if len(number) != 2 or not 1 <= int(number) <= 12:
        raise CellError(f"månad {number} finns inte; {_HOW_PERIOD}")
    return f"{year}-{number}"


@lru_cache(maxsize=4096)
def period_end(period: str) -> dt.date:
    """The last day of a canonical period: '2025' → 2025-12-31, '2025-T1' → 2025-04-30."""
    year, _, part = period.partition("-")
    if not part:
        return dt.date(int(year), 12, 31)
    month = TERTIAL_END_MONTHS[int(part[1:]) - 1] if part.startswith("T") else int(part)
    return dt.date(int(year), month, calendar.monthrange(int(year), month)[1])


@dataclass(frozen=True)
class FollowUp:
    """A follow-up occasion as the region writes it: 'T1 2026', 'Delår 2026', 'Helår 2025'."""

    def parse(self, raw) -> tuple[int, str]:
        match = _FOLLOWUP.fullmatch(_SPACES.sub(" ", _text(raw)))
        if not match:
            raise CellError("är inte en uppföljning; skriv T1 ÅÅÅÅ, Delår ÅÅÅÅ eller Helår ÅÅÅÅ")
        kind = {"t1": "T1", "delår": "DELAR", "helår": "HELAR"}[match[1].casefold()]
        year = int(match[2])
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise CellError(_UNLIKELY_YEAR.format(year))
        return year, kind

    def format(self, value) -> str:
        if value is None:
            return ""
        year, kind = value
        return f"{FOLLOWUP_WORDS[kind]} {year}"

    def describe(self) -> str:
        return "T1 ÅÅÅÅ, Delår ÅÅÅÅ eller Helår ÅÅÅÅ"


@dataclass(frozen=True)
class Ref:
    """A reference to another row by its natural key (a code), e.g. an enhet's code.

    `model` is the referenced model and `what` names it in messages ("enhet"). `key` is the
    referenced columns, `value` the type of the written key (text codes by default).
    `where` limits the rows that may be referred to, e.g. ("level", "namnd").
    """

    model: type
    what: str
    key: tuple[str, ...] = ("code",)
    value: object = Text(40)
    where: tuple[str, object] | None = None

    def parse(self, raw):
        return self.value.parse(raw)

    def format(self, value) -> str:
        return self.value.format(value)

    def describe(self) -> str:
        return f"kod för {self.what}" if self.key == ("code",) else self.value.describe()


@dataclass(frozen=True)
class RefList:
    """Several references in one cell, separated by commas, e.g. 'N70061, N70060'."""

    ref: Ref

    def parse(self, raw) -> tuple:
        parts = [p for p in _text(raw).split(",") if p.strip()]
        values = tuple(self.ref.parse(p) for p in parts)
        if len(set(values)) != len(values):
            raise CellError("samma kod står flera gånger")
        return values

    def format(self, value) -> str:
        return ", ".join(self.ref.format(v) for v in sorted(value or ()))

    def describe(self) -> str:
        return f"{self.ref.describe()}, flera åtskilda med kommatecken"
