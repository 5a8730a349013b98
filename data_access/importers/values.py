"""Cell types of import files: parse what a person or Excel wrote, format what export writes.

Every type turns a raw cell (text from a CSV file, or a number, date or text from an .xlsx
sheet) into the stored value, or raises `CellError` with the reason in Swedish. `format`
is its inverse, so an exported file imports to the same values. Numbers follow Swedish
Excel: a decimal comma (a point is accepted too), spaces between thousands, − or - as minus,
(12,4) as the accountants' minus. Periods may be written as the region and Stratsys write
them ("Tertial 1 2026", "maj 2026", a date); what a date or "Delår" means depends on the
indicator's frequency, so those come back as a `PeriodDate` for the loader to resolve.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal as _Decimal
from functools import lru_cache

from dashboard.core import formatting as fmt

TEXT_LIMIT = 10_000  # characters in a free-text cell (analysis, description, comment)
_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_NUMBER = re.compile(r"[-+]?(\d+([.,]\d*)?|[.,]\d+)([eE][-+]?\d+)?")
_PLAIN_NUMBER = re.compile(r"-?\d+(?:,\d+)?")  # the common case, read without cleaning
_PERIOD = re.compile(r"(\d{4})(?:-(T?)(\d{1,2}))?")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_TERTIAL_WORDS = re.compile(r"(?:T|TERTIAL\s*)(\d{1,2})\s+(\d{4})")
_NAMED = re.compile(r"(\w+)\s+(\d{4})")  # "maj 2026", "Helår 2025", "Delår 2026"
MONTHS = fmt.MONTHS
_MONTH_NUMBERS = {**{name: n for n, name in enumerate(MONTHS, start=1)},
                  **{name[:3]: n for n, name in enumerate(MONTHS, start=1)}, "sept": 9}
_FOLLOWUP = re.compile(r"(T1|Delår|Helår|Tertial\s*[123])\s+(\d{4})", re.IGNORECASE)
FOLLOWUP_WORDS = fmt.FOLLOWUP_NAMES
TERTIAL_END_MONTHS = (4, 8, 12)
FIRST_YEAR, LAST_YEAR = 1900, 2100
_UNLIKELY_YEAR = f"året {{}} är orimligt; skriv ett år från {FIRST_YEAR} till {LAST_YEAR}"


class CellError(ValueError):
    """A cell's value cannot be used; the message says why, in Swedish."""


def is_empty(raw) -> bool:
    """Whether a cell holds nothing (no value, or only spaces)."""
    return raw is None or (type(raw) is str and (not raw or raw.isspace()))


def count(n: int) -> str:
    """A whole number with Swedish thousands spaces, e.g. `10 000` (a minus stays the `-` that
    a person types into a file)."""
    return fmt.number(n).replace(fmt.MINUS, "-")


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


def match_key(text: str) -> str:
    """How a name or external id is compared: case and spacing ignored, å, ä and ö kept."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip().casefold()


@dataclass(frozen=True)
class MatchText(Text):
    """Text stored as it is compared (`match_key`): lower case, single spaces."""

    def parse(self, raw) -> str:
        return match_key(super().parse(raw))

    def describe(self) -> str:
        return (f"text, högst {count(self.max_length)} tecken; stora och små bokstäver och "
                "mellanslag spelar ingen roll")


@dataclass(frozen=True)
class AreaCode(Text):
    """Kolada's four-digit area code; Excel's lost leading zeros are put back ('180' → '0180')."""

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
    """A number from Swedish text: '1 234,5', '−12', '0.5', '(12,4)' (the accountants' minus);
    `wrong` says what to write instead."""
    if _PLAIN_NUMBER.fullmatch(text):
        return float(text.replace(",", "."))
    cleaned = _SPACES.sub("", text).replace("\u2212", "-")
    sign = 1.0
    if cleaned.startswith("(") and cleaned.endswith(")"):
        cleaned, sign = cleaned[1:-1], -1.0
        if cleaned.startswith(("-", "+")):
            raise CellError("både parentes och minustecken; skriv (12,4) eller -12,4, inte båda")
    if not _NUMBER.fullmatch(cleaned) or ("," in cleaned and "." in cleaned):
        raise CellError(wrong)
    return sign * float(cleaned.replace(",", "."))


class Percent(float):
    """A number written with a per cent sign ("66 %"): it is 66 in an indicator measured in %.

    The loader checks that the row's indicator is measured in per cent and stores a plain
    float; where no indicator says so, a per cent sign is refused rather than guessed at.
    """

    __slots__ = ()


PERCENT_UNITS = ("%", "procent")
NOT_PERCENT = ("är skrivet i procent, men {what}; skriv talet utan procenttecken")


@dataclass(frozen=True)
class Decimal:
    """A decimal number from `minimum` to `maximum`: finite, and in the range the column's
    values can mean (so that sums of many stay finite too)."""

    minimum: float
    maximum: float
    percent: bool = False  # "66 %" may be written: parsed as Percent(66), checked by the loader

    def parse(self, raw) -> float:
        if type(raw) is str and _PLAIN_NUMBER.fullmatch(raw):  # most cells: read directly
            value = float(raw.replace(",", "."))
        elif isinstance(raw, bool):
            raise CellError("är inte ett tal")
        elif isinstance(raw, (int, float)):
            value = _float(raw)
        else:
            text = _text(raw)
            per_cent = text.endswith("%")
            if per_cent:
                if not self.percent:
                    raise CellError(NOT_PERCENT.format(what="kolumnen tar inte procent"))
                text = text[:-1]
            value = _number(text, "är inte ett tal; skriv talet med decimalkomma, t.ex. 1234,5")
            if per_cent:
                value = Percent(value)
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


_CLOCK = re.compile(r"(\d{1,2})[:.](\d{2})")


class Time:
    """A time of day written TT:MM (or TT.MM, or a time cell in Excel)."""

    def parse(self, raw) -> dt.time:
        if isinstance(raw, dt.datetime):
            return raw.time().replace(second=0, microsecond=0)
        if isinstance(raw, dt.time):
            return raw.replace(second=0, microsecond=0)
        match = _CLOCK.fullmatch(_text(raw))
        if not match or int(match[1]) > 23 or int(match[2]) > 59:
            raise CellError("är inte ett klockslag; skriv TT:MM, t.ex. 09:00")
        return dt.time(int(match[1]), int(match[2]))

    def format(self, value) -> str:
        return "" if value is None else value.strftime("%H:%M")

    def describe(self) -> str:
        return "klockslag TT:MM"


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
class ChoiceList:
    """Several words of a Choice in one cell, separated by commas (e.g. 'nämndmål,
    förvaltningsmål'), stored as the stored values joined by commas in the options' order."""

    choice: Choice

    def parse(self, raw) -> str:
        chosen = [self.choice.parse(part) for part in _text(raw).split(",") if part.strip()]
        if len(set(chosen)) != len(chosen):
            raise CellError("samma ord står flera gånger")
        return ",".join(stored for stored, _ in self.choice.options if stored in chosen)

    def format(self, value) -> str:
        return ", ".join(self.choice.format(v) for v in (value or "").split(",") if v)

    def describe(self) -> str:
        return f"något eller några av: {self.choice.describe()}, åtskilda med kommatecken"


@dataclass(frozen=True)
class PeriodDate:
    """A period written as a day ("2026-08-01") or as "Delår ÅÅÅÅ" (per 31 August): which
    canonical period it is depends on the indicator's frequency (`resolve`). `written` is the
    cell as written, for messages."""

    day: dt.date
    written: str

    def resolve(self, frequency: str) -> str:
        """The canonical period of this frequency (month, tertial, year) the day lies in."""
        year, month = self.day.year, self.day.month
        if self.written.casefold().startswith("delår"):
            if frequency == "year":
                raise CellError("Delår är ingen period för en indikator som mäts per år; skriv "
                                f"året ({year}) eller Helår {year}")
        if frequency == "month":
            return f"{year}-{month:02d}"
        if frequency == "tertial":
            return f"{year}-T{(month - 1) // 4 + 1}"
        if frequency == "year":
            return str(year)
        raise CellError(f"indikatorns frekvens ({frequency}) säger inte vilken period datumet "
                        "hör till; skriv perioden som ÅÅÅÅ, ÅÅÅÅ-T1 eller ÅÅÅÅ-MM")

    def __str__(self) -> str:
        return self.written


NEEDS_FREQUENCY = ("ett datum eller Delår säger vilken period det är först när indikatorns "
                   "frekvens är känd; skriv perioden som ÅÅÅÅ, ÅÅÅÅ-T1 eller ÅÅÅÅ-MM")


@dataclass(frozen=True)
class Period:
    """A measurement period: ÅÅÅÅ (year), ÅÅÅÅ-T1…T3 (tertial) or ÅÅÅÅ-MM (month); also as
    the region writes them: "T1 2026", "Tertial 1 2026", "maj 2026", "Helår 2025". A day
    ("2026-08-31") or "Delår 2026" is a `PeriodDate`, resolved by the indicator's frequency."""

    def parse(self, raw) -> str | PeriodDate:
        if isinstance(raw, dt.datetime):  # a date cell, or Excel made '2025-04' a date
            return _period_date(raw.date(), raw.date().isoformat())
        if isinstance(raw, dt.date):
            return _period_date(raw, raw.isoformat())
        return _period(raw if type(raw) is str else _text(raw))

    def format(self, value) -> str:
        return "" if value is None else str(value)

    def describe(self) -> str:
        return ("period: ÅÅÅÅ, ÅÅÅÅ-T1…T3 eller ÅÅÅÅ-MM; även T1 ÅÅÅÅ, Tertial 1 ÅÅÅÅ, maj ÅÅÅÅ, "
                "Helår ÅÅÅÅ, och Delår ÅÅÅÅ eller ett datum ÅÅÅÅ-MM-DD, som läses efter "
                "indikatorns frekvens")


_HOW_PERIOD = ("skriv ÅÅÅÅ (år), ÅÅÅÅ-T1 till ÅÅÅÅ-T3 (tertial), ÅÅÅÅ-MM (månad 01–12), "
               "T1 ÅÅÅÅ, maj ÅÅÅÅ, Helår ÅÅÅÅ, Delår ÅÅÅÅ eller ett datum ÅÅÅÅ-MM-DD")


def _year(text: str) -> int:
    year = int(text)
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise CellError(_UNLIKELY_YEAR.format(year))
    return year


def _tertial(year: int, number: str) -> str:
    if not 1 <= int(number) <= 3:
        raise CellError(f"tertial {int(number)} finns inte; ett år har tertial T1, T2 och T3")
    return f"{year}-T{int(number)}"


def _iso_day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CellError(f"datumet {text} finns inte") from None


def _period_date(day: dt.date, written: str) -> PeriodDate:
    _year(str(day.year))
    return PeriodDate(day, written)


@lru_cache(maxsize=4096)
def _period(text: str) -> str | PeriodDate:
    """The canonical period a text names (files repeat a few periods many times)."""
    text = _SPACES.sub(" ", text.strip())
    upper = text.upper()
    match = _PERIOD.fullmatch(upper)
    if match:
        year, tertial, number = _year(match[1]), match[2], match[3]
        if number is None:
            return str(year)
        if tertial:
            return _tertial(year, number)
        if len(number) != 2 or not 1 <= int(number) <= 12:
            raise CellError(f"månad {number} finns inte; {_HOW_PERIOD}")
        return f"{year}-{number}"
    if _ISO_DATE.fullmatch(text):
        return _period_date(_iso_day(text), text)
    match = _TERTIAL_WORDS.fullmatch(upper)
    if match:
        return _tertial(_year(match[2]), match[1])
    match = _NAMED.fullmatch(text)
    if match:
        word, year = match[1].casefold(), _year(match[2])
        if word == "helår":
            return str(year)
        if word == "delår":
            return PeriodDate(dt.date(year, 8, 31), text)
        if word in _MONTH_NUMBERS:
            return f"{year}-{_MONTH_NUMBERS[word]:02d}"
    raise CellError(f"är inte en period; {_HOW_PERIOD}")


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
        if isinstance(raw, (dt.date, dt.datetime)):
            return _followup_of(raw if type(raw) is dt.date else raw.date())
        text = _SPACES.sub(" ", _text(raw))
        if _ISO_DATE.fullmatch(text):
            return _followup_of(_iso_day(text))
        match = _FOLLOWUP.fullmatch(text)
        if not match:
            raise CellError("är inte en uppföljning; skriv T1 ÅÅÅÅ, Delår ÅÅÅÅ, Helår ÅÅÅÅ "
                            "(eller Tertial 1–3 ÅÅÅÅ, eller ett datum i april, augusti eller "
                            "december)")
        word = _SPACES.sub("", match[1].casefold())
        kind = {"t1": "T1", "delår": "DELAR", "helår": "HELAR", "tertial1": "T1",
                "tertial2": "DELAR", "tertial3": "HELAR"}[word]
        return _year(match[2]), kind

    def format(self, value) -> str:
        if value is None:
            return ""
        year, kind = value
        return f"{FOLLOWUP_WORDS[kind]} {year}"

    def describe(self) -> str:
        return ("T1 ÅÅÅÅ, Delår ÅÅÅÅ eller Helår ÅÅÅÅ; även Tertial 1–3 ÅÅÅÅ och ett datum i "
                "uppföljningens månad (april, augusti, december)")


class FollowUpKey(FollowUp):
    """A follow-up written as FollowUp reads it, stored as its URL key: '2026-DELAR'."""

    def parse(self, raw) -> str:
        year, kind = super().parse(raw)
        return f"{year}-{kind}"

    def format(self, value) -> str:
        if value is None:
            return ""
        year, kind = value.split("-")
        return super().format((int(year), kind))


FOLLOWUP_BY_MONTH = {4: "T1", 8: "DELAR", 12: "HELAR"}


def _followup_of(day: dt.date) -> tuple[int, str]:
    """The follow-up a day names: one in its month (T1 in April, Delår in August, Helår in
    December); any other day is refused rather than rounded to a follow-up."""
    kind = FOLLOWUP_BY_MONTH.get(day.month)
    if kind is None:
        raise CellError(f"{day.isoformat()} ligger inte i någon uppföljningsmånad; uppföljningarna "
                        "är per 30 april (T1), 31 augusti (Delår) och 31 december (Helår)")
    return _year(str(day.year)), kind


@dataclass(frozen=True)
class Ref:
    """A reference to another row by its natural key (a code), e.g. an enhet's code.

    `model` is the referenced model and `what` names it in messages ("enhet"). `key` is the
    referenced columns, `value` the type of the written key (text codes by default).
    `where` limits the rows that may be referred to, e.g. ("level", "namnd"). `none` is the
    word for "no such" that agrees with `what` ("inget" perspektiv).
    """

    model: type
    what: str
    key: tuple[str, ...] = ("code",)
    value: object = Text(40)
    where: tuple[str, object] | None = None
    none: str = "ingen"

    @property
    def missing(self) -> str:
        """Why a written code names nothing, e.g. `det finns inget perspektiv med den koden`."""
        return f"det finns {self.none} {self.what} med den koden"

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
