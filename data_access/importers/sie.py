"""SIE 4: the Swedish standard export of accounting data (Raindance, Unit4/Agresso, Visma).

    document = read(stream, dimension=1)
    sheets(session, document, report, source="raindance")   # budget and utfall rows

Our own parser (PyPI's only SIE package, pysie-accounting 0.0.2, is an unmaintained early
version). It reads the records the economy needs: `#FLAGGA`, `#FORMAT PC8` (the standard's
encoding, IBM code page 437; UTF-8 and Windows-1252 files are refused by name), `#RAR`,
`#KONTO`, `#DIM`, `#OBJEKT`, `#PSALDO` (utfall) and `#PBUDGET` (budget) with their object
lists `{dim "obj" ...}`, and `#RES` and `#UB` to check the period balances against. Other
records (`#VER`, `#TRANS`, `#IB`, …) are skipped.

The rows become the `budget` and `utfall` kinds' rows and load through the same Loader:

- the objects of one dimension (`dimension`, 1 = kostnadsställe by default) are enheter: an
  object's id, then its name, through the mappings of type enhet (the file's source and "*"),
  else the id as our enhet's code;
- accounts are kostnadsslag: a mapping of type kostnadsslag whose external id is the account
  number, else the BAS kontoplan's range in DEFAULT_RANGES (when that kostnadsslag exists);
- amounts: SIE writes kronor with debit positive (costs positive, revenue negative); the
  economy stores tkr with revenue positive and costs negative, so amount_tkr = −kronor / 1000;
- rows naming the same enhet, kostnadsslag and month are summed.

Only `#PSALDO`/`#PBUDGET` rows whose object list is exactly one object of the dimension are
loaded; the others (the account's total `{}`, other dimensions) are used for the checks only.
Balance accounts (classes 1 and 2) are not part of budget and utfall. Objects and accounts
with no enhet or kostnadsslag are not loaded: they are listed, with their sums, in the
report's notes, and so is what an account's total rows hold beyond its rows per object, so
that nothing is dropped silently.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import BinaryIO

from sqlalchemy.orm import Session

from data_access.importers.kinds import BUDGET, CATEGORY, UNIT, UTFALL
from data_access.importers.loading import Lookups
from data_access.importers.reading import Sheet
from data_access.importers.report import FileProblem, ImportReport

ENCODING = "cp437"
READ = {"#FORMAT", "#RAR", "#KONTO", "#DIM", "#OBJEKT", "#PSALDO", "#PBUDGET", "#RES", "#UB"}
HEADER = ["Enhet", "Kostnadsslag", "År", "Månad", "Belopp (tkr)"]
# (first account, last account, kostnadsslag code): the BAS kontoplan's ranges, the narrower
# first; a range applies only when the kostnadsslag exists. Mappings of type kostnadsslag
# (external id = the account number) come before these.
DEFAULT_RANGES = (
    (3000, 3999, "ovriga_intakter"),      # rörelsens intäkter
    (4000, 4999, "ovriga_kostnader"),     # varor, material och tjänster
    (6800, 6899, "personal_inhyrd"),      # inhyrd personal
    (5000, 6999, "ovriga_kostnader"),     # övriga externa kostnader
    (7000, 7699, "personal_egen"),        # personalkostnader
    (7700, 7999, "ovriga_kostnader"),     # av- och nedskrivningar
)
RESULT_ACCOUNTS = (3000, 8999)  # classes 3-8; 1 and 2 are the balance sheet
# The Swedish letters as PC8 writes them, and as Windows-1252 (Latin-1) writes them.
_PC8_LETTERS = re.compile(rb"[\x86\x84\x94\x8f\x8e\x99]")
_LATIN1_LETTERS = re.compile(rb"[\xe5\xe4\xf6\xc5\xc4\xd6]")
CENT = Decimal("0.005")
WRONG_ENCODING = ("SIE-filer ska vara sparade i PC8 (teckentabell IBM 437, #FORMAT PC8), men "
                  "filen är {} (å, ä och ö skulle bli fel). Exportera filen igen som SIE 4 "
                  "från ekonomisystemet.")


@dataclass
class Balance:
    """One #PSALDO or #PBUDGET row."""

    line: int
    year_number: int
    year: int
    month: int
    account: str
    objects: tuple[tuple[str, str], ...]
    amount: Decimal


@dataclass
class Document:
    """What an SIE file says that the economy needs."""

    dimension: int
    years: dict[int, tuple[dt.date, dt.date]] = field(default_factory=dict)
    accounts: dict[str, str] = field(default_factory=dict)
    dimensions: dict[str, str] = field(default_factory=dict)
    objects: dict[tuple[str, str], str] = field(default_factory=dict)
    utfall: list[Balance] = field(default_factory=list)
    budget: list[Balance] = field(default_factory=list)
    results: list[tuple[int, int, str, Decimal]] = field(default_factory=list)  # line, year, …
    closing: list[tuple[int, int, str, Decimal]] = field(default_factory=list)


def _decode(data: bytes) -> str:
    """The file's text in PC8; files in another encoding are refused by name."""
    if data.startswith(b"\xef\xbb\xbf"):
        raise FileProblem(WRONG_ENCODING.format("sparad som UTF-8"))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise FileProblem(WRONG_ENCODING.format("sparad som UTF-16"))
    if re.search(rb"[\xc3][\x80-\xbf]", data):
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            raise FileProblem(WRONG_ENCODING.format("sparad som UTF-8"))
    if _LATIN1_LETTERS.search(data) and not _PC8_LETTERS.search(data):
        raise FileProblem(WRONG_ENCODING.format("sparad som Windows-1252 (ANSI)"))
    return data.decode(ENCODING)


_TOKEN = re.compile(r'\s*(?:"((?:[^"\\]|\\.)*)"|(\{)|(\})|([^\s"{}]+))')


def _fields(text: str, line: int) -> list:
    """A record's fields: text, with an object list `{...}` as a list of its fields."""
    out: list = []
    stack: list[list] = [out]
    position = 0
    text = text.rstrip()
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None or match.end() == position:
            if text[position:].lstrip().startswith('"'):
                raise FileProblem("raden slutar inuti ett citerat fält (ett ” saknas); raden "
                                  "är avhuggen eller felaktig", row=line)
            raise FileProblem("raden kan inte läsas", row=line, value=text[position:])
        quoted, opening, closing, bare = match.groups()
        if quoted is not None:
            stack[-1].append(re.sub(r"\\(.)", r"\1", quoted))
        elif opening:
            inner: list = []
            stack[-1].append(inner)
            stack.append(inner)
        elif closing:
            if len(stack) == 1:
                raise FileProblem("raden har en } utan {", row=line)
            stack.pop()
        else:
            stack[-1].append(bare)
        position = match.end()
    if len(stack) > 1:
        raise FileProblem("objektlistan saknar sin avslutande }; raden är avhuggen",
                          row=line)
    return out


def _amount(text, line: int) -> Decimal:
    try:
        if not isinstance(text, str):
            raise InvalidOperation
        return Decimal(text)
    except InvalidOperation:
        raise FileProblem("beloppet är inte ett tal (kronor med punkt som decimaltecken)",
                          row=line, value=text) from None


def _year_number(text, line: int) -> int:
    if not isinstance(text, str) or not re.fullmatch(r"-?\d+", text):
        raise FileProblem("årsnumret ska vara 0, -1, -2 …", row=line, value=text)
    return int(text)


def _date(text, line: int) -> dt.date:
    try:
        return dt.datetime.strptime(text, "%Y%m%d").date()
    except (TypeError, ValueError):
        raise FileProblem("datumet ska skrivas ÅÅÅÅMMDD", row=line, value=text) from None


def _need(fields: list, count: int, line: int, what: str) -> None:
    if len(fields) < count:
        raise FileProblem(f"{what} har för få fält: raden är avhuggen eller felaktig",
                          row=line)


def read(stream: BinaryIO, dimension: int = 1) -> Document:
    """The file's records the economy needs; FileProblem for anything that cannot be read."""
    text = _decode(stream.read())
    document = Document(dimension)
    lines = [(number, line) for number, line in enumerate(text.splitlines(), start=1)
             if line.strip()]
    if not lines:
        raise FileProblem("Filen är tom.")
    if not lines[0][1].lstrip().startswith("#FLAGGA"):
        raise FileProblem("Filen är inte en SIE-fil: den ska börja med #FLAGGA.", row=lines[0][0])
    file_format = None
    balances: list[tuple[str, int, list]] = []
    for number, line in lines:
        label = line.split(None, 1)[0]
        if label not in READ:
            continue  # #VER and its {…} block of #TRANS, #IB, #SRU and the rest
        args = _fields(line.strip(), number)[1:]
        if label == "#FORMAT":
            file_format = args[0] if args else ""
        elif label == "#RAR":
            _need(args, 3, number, "#RAR")
            document.years[_year_number(args[0], number)] = (_date(args[1], number),
                                                             _date(args[2], number))
        elif label == "#KONTO":
            _need(args, 1, number, "#KONTO")
            document.accounts[args[0]] = args[1] if len(args) > 1 else ""
        elif label == "#DIM":
            _need(args, 1, number, "#DIM")
            document.dimensions[args[0]] = args[1] if len(args) > 1 else ""
        elif label == "#OBJEKT":
            _need(args, 3, number, "#OBJEKT")
            document.objects[(args[0], args[1])] = args[2]
        elif label in ("#PSALDO", "#PBUDGET"):
            _need(args, 5, number, label)
            balances.append((label, number, args))
        elif label in ("#RES", "#UB"):
            _need(args, 3, number, label)
            target = document.results if label == "#RES" else document.closing
            target.append((number, _year_number(args[0], number), args[1],
                           _amount(args[2], number)))
    if file_format != "PC8":
        raise FileProblem("Filen saknar #FORMAT PC8: SIE 4-filer ska vara i PC8 (IBM 437). "
                          "Exportera filen igen som SIE 4 från ekonomisystemet.")
    if str(dimension) not in document.dimensions:
        raise FileProblem(f"Filen har ingen #DIM {dimension} (kostnadsställe): ange "
                          "dimensionen som håller kostnadsställena med --dimension.")
    for label, number, args in balances:
        balance = _balance(document, number, args)
        (document.utfall if label == "#PSALDO" else document.budget).append(balance)
    _check_totals(document)
    return document


def _balance(document: Document, line: int, args: list) -> Balance:
    year_number = _year_number(args[0], line)
    if year_number not in document.years:
        raise FileProblem(f"årsnummer {year_number} har ingen #RAR-rad", row=line)
    period = args[1]
    if not isinstance(period, str) or not re.fullmatch(r"\d{4}(0[1-9]|1[0-2])", period):
        raise FileProblem("perioden ska skrivas ÅÅÅÅMM", row=line, value=period)
    year, month = int(period[:4]), int(period[4:])
    first, last = document.years[year_number]
    if not (first.replace(day=1) <= dt.date(year, month, 1) <= last):
        raise FileProblem(f"perioden ligger utanför räkenskapsår {year_number} "
                          f"({first.isoformat()}–{last.isoformat()})", row=line, value=period)
    objects = args[3]
    if not isinstance(objects, list) or len(objects) % 2:
        raise FileProblem("objektlistan ska skrivas {dimension \"objekt\" …}", row=line)
    pairs = tuple(zip(objects[::2], objects[1::2]))
    for dim, _ in pairs:
        if dim not in document.dimensions:
            raise FileProblem(f"dimension {dim} finns inte i någon #DIM-rad", row=line)
    return Balance(line, year_number, year, month, args[2], pairs, _amount(args[4], line))


def _kronor(amount: Decimal) -> str:
    return f"{amount:,.2f}".replace(",", " ").replace(".", ",") + " kr"


def _check_totals(document: Document) -> None:
    """#RES (a result account's year) and #UB (a balance account's closing balance) against
    the period balances: the account's total rows `{}`, else its rows of the dimension."""
    by_account: dict[tuple[int, str], list[Balance]] = {}
    for balance in document.utfall:
        by_account.setdefault((balance.year_number, balance.account), []).append(balance)
    for records, closing in ((document.results, False), (document.closing, True)):
        for line, year_number, account, stated in records:
            rows = by_account.get((year_number, account))
            if not rows:
                continue
            totals = [b for b in rows if not b.objects]
            if not totals:
                totals = [b for b in rows if len(b.objects) == 1
                          and b.objects[0][0] == str(document.dimension)]
            if not totals:
                continue
            if closing:
                last = max((b.year, b.month) for b in totals)
                totals = [b for b in totals if (b.year, b.month) == last]
            found = sum((b.amount for b in totals), Decimal(0))
            if abs(found - stated) >= CENT:
                record, what = (("#UB", "utgående balans") if closing
                                else ("#RES", "årets resultat"))
                raise FileProblem(
                    f"Filen är inte i balans: konto {account} år {year_number} har "
                    f"{record} ({what}) {_kronor(stated)}, men periodsaldona (#PSALDO) ger "
                    f"{_kronor(found)}. Exportera filen igen; inget har sparats.", row=line)


def _default_category(account: str) -> str | None:
    if not account.isdigit():
        return None
    number = int(account[:4]) if len(account) > 4 else int(account)
    for first, last, code in DEFAULT_RANGES:
        if first <= number <= last:
            return code
    return None


def _is_result_account(account: str) -> bool:
    if not account.isdigit():
        return True
    number = int(account[:4]) if len(account) > 4 else int(account)
    return not (1000 <= number < RESULT_ACCOUNTS[0])


@dataclass
class _Unmapped:
    line: int
    amount: Decimal = Decimal(0)
    rows: int = 0


def sheets(session: Session, document: Document, report: ImportReport,
           source: str | None = None) -> list[tuple]:
    """(kind, sheet) for the budget and the utfall the file holds, unmapped rows in the
    report's notes; FileProblem when nothing at all can be loaded."""
    lookups = Lookups(session, source)
    units, categories = lookups.mapped(UNIT), lookups.mapped(CATEGORY)
    unit_codes = {row_id: code for code, row_id in lookups.ids(UNIT).items()}
    category_ids = lookups.ids(CATEGORY)
    category_codes = {row_id: code for code, row_id in category_ids.items()}
    dim = str(document.dimension)
    missing_objects: dict[str, _Unmapped] = {}
    missing_accounts: dict[str, _Unmapped] = {}
    skipped = {"balance": 0, "other": 0}

    def unit_of(obj: str) -> str | None:
        for value in (obj, document.objects.get((dim, obj))):
            found = units.get(value) if value else None
            if found is not None:
                return unit_codes[found]
        return None

    def category_of(account: str) -> str | None:
        found = categories.get(account)
        if found is not None:
            return category_codes[found]
        code = _default_category(account)
        return code if code in category_ids else None

    def rows(balances: list[Balance]) -> list[tuple[int, list]]:
        summed: dict[tuple, list] = {}
        for b in balances:
            if not _is_result_account(b.account):
                skipped["balance"] += 1
                continue
            if len(b.objects) != 1 or b.objects[0][0] != dim:
                skipped["other"] += 1
                continue
            obj = b.objects[0][1]
            unit, category = unit_of(obj), category_of(b.account)
            if unit is None or category is None:
                missing = (missing_objects.setdefault(obj, _Unmapped(b.line)) if unit is None
                           else missing_accounts.setdefault(b.account, _Unmapped(b.line)))
                missing.amount += b.amount
                missing.rows += 1
                continue
            entry = summed.setdefault((unit, category, b.year, b.month), [b.line, Decimal(0)])
            entry[1] += b.amount
        return [(line, [unit, category, year, month, str(-amount / 1000)])
                for (unit, category, year, month), (line, amount) in summed.items()]

    pairs = []
    for kind, balances in ((BUDGET, document.budget), (UTFALL, document.utfall)):
        found = rows(balances)
        if found:
            pairs.append((kind, Sheet(HEADER, iter(found), "sie", ENCODING)))
    report.notes.extend(_notes(document, missing_objects, missing_accounts, skipped))
    report.notes.extend(_without_object(document))
    if not pairs:
        raise FileProblem(f"Filen har inga #PSALDO- eller #PBUDGET-rader per objekt i dimension "
                          f"{dim} som kan läsas in som budget eller utfall.")
    return pairs


def _notes(document: Document, objects: dict[str, _Unmapped], accounts: dict[str, _Unmapped],
           skipped: dict[str, int]) -> Iterator[str]:
    dim = str(document.dimension)
    for obj, missing in sorted(objects.items()):
        name = document.objects.get((dim, obj))
        named = f" ”{name}”" if name else ""
        yield (f"Objekt {obj}{named} i dimension {dim} (första raden {missing.line}): ingen enhet "
               f"med den koden och ingen mappning; {missing.rows} rader, summa "
               f"{_kronor(missing.amount)} lästes inte in.")
    for account, missing in sorted(accounts.items()):
        name = document.accounts.get(account)
        named = f" ”{name}”" if name else ""
        yield (f"Konto {account}{named} (första raden {missing.line}): inget kostnadsslag (ingen "
               f"mappning och inget standardintervall); {missing.rows} rader, summa "
               f"{_kronor(missing.amount)} lästes inte in.")
    if skipped["balance"]:
        yield (f"{skipped['balance']} rader på balanskonton (klass 1 och 2) hör inte till budget "
               "och utfall och lästes inte in.")
    if skipped["other"]:
        yield (f"{skipped['other']} rader utan objekt i dimension {dim} (kontots totalsumma "
               "eller andra dimensioner) användes bara för att kontrollera summorna.")


def _without_object(document: Document) -> Iterator[str]:
    """Result accounts whose total rows `{}` of a year hold more than their rows per object
    of the dimension: the difference is booked on no kostnadsställe and is not loaded."""
    dim = str(document.dimension)
    for label, balances in (("#PBUDGET", document.budget), ("#PSALDO", document.utfall)):
        totals: dict[tuple[int, str], Decimal] = {}
        parts: dict[tuple[int, str], Decimal] = {}
        for b in balances:
            key = (b.year_number, b.account)
            if not _is_result_account(b.account):
                continue
            if not b.objects:
                totals[key] = totals.get(key, Decimal(0)) + b.amount
            elif len(b.objects) == 1 and b.objects[0][0] == dim:
                parts[key] = parts.get(key, Decimal(0)) + b.amount
        for year_number, account in sorted(totals):
            rest = totals[year_number, account] - parts.get((year_number, account), Decimal(0))
            if abs(rest) >= CENT:
                yield (f"Konto {account} år {year_number} ({label}): {_kronor(rest)} av kontots "
                       f"totalsumma har inget objekt i dimension {dim} och lästes inte in.")
