"""Cell types of import files: what Swedish Excel writes reads as the right value, every
exported value reads back as itself, and wrong values get a Swedish reason; numbers are
finite and within each column's declared range."""

from __future__ import annotations

import datetime as dt

import pytest

from data_access.importers.kinds import AMOUNT, KINDS, YEAR
from data_access.importers.values import (
    AreaCode,
    Boolean,
    CellError,
    Choice,
    Date,
    Decimal,
    FollowUp,
    Integer,
    Percent,
    Period,
    PeriodDate,
    Text,
    decimal_text,
    period_end,
)

NUMBER = Decimal(-1e30, 1e30)


@pytest.mark.parametrize("raw,value", [
    ("1234,5", 1234.5), ("1 234,5", 1234.5), ("1\u00a0234,5", 1234.5), ("−12", -12.0),
    ("-0,25", -0.25), ("0.5", 0.5), (" 7 ", 7.0), (",5", 0.5), ("1,5e3", 1500.0), (3, 3.0),
    (2.75, 2.75),
])
def test_numbers_as_swedish_excel_writes_them(raw, value):
    assert NUMBER.parse(raw) == value


@pytest.mark.parametrize("raw", ["tolv", "1.234,5", "1,2,3", "nan", "inf", "1e999", True, "--1"])
def test_what_is_not_a_number(raw):
    with pytest.raises(CellError):
        NUMBER.parse(raw)


@pytest.mark.parametrize("value", [0.1, 1 / 3, -12.5, 1e-7, 123456789.125, 2.0, 1e21, -0.0])
def test_exported_decimals_read_back_exactly(value):
    text = decimal_text(value)
    assert "e" not in text.lower() and "." not in text
    assert NUMBER.parse(text) == value


def test_integers_and_their_ranges():
    scale = Integer(1, 4)
    assert scale.parse("3") == 3 and scale.parse(4.0) == 4
    for raw, reason in (("7", "från 1 till 4"), ("2,5", "utan decimaler"), ("tre", "heltal"),
                        (1e308, "från 1 till 4"), (float("nan"), "från 1 till 4"),
                        ("1e308", "från 1 till 4"), (10**400, "från 1 till 4")):
        with pytest.raises(CellError, match=reason):
            scale.parse(raw)


@pytest.mark.parametrize("raw", ["20x6", "två tusen", "2026,5"])
def test_a_bad_year_says_how_to_write_a_year_not_a_decimal(raw):
    with pytest.raises(CellError) as found:
        YEAR.parse(raw)
    reason = str(found.value)
    assert "ett årtal från 2000 till 2100" in reason
    assert "decimalkomma" not in reason and "1234,5" not in reason


@pytest.mark.parametrize("raw", ["1e308", 1e308, -1e308, "1" + "0" * 400, float("inf"),
                                 float("nan"), "1 000 000 000 001", 1.5e12, 10**400, -10**400])
def test_amounts_are_finite_and_within_their_range(raw):
    with pytest.raises(CellError, match="ska vara ett tal med decimalkomma från "
                                        "-1\u00a0000\u00a0000\u00a0000\u00a0000 till "
                                        "1\u00a0000\u00a0000\u00a0000\u00a0000"):
        AMOUNT.parse(raw)


def test_amounts_at_their_limits_are_accepted():
    assert AMOUNT.parse("-1 000 000 000 000") == -1e12 and AMOUNT.parse(1e12) == 1e12
    assert AMOUNT.parse("-1234,5") == -1234.5


def test_every_numeric_column_declares_a_finite_range():
    numeric = [(kind.name, column.header, column.type) for kind in KINDS.values()
               for column in kind.columns if isinstance(column.type, (Decimal, Integer))]
    assert len(numeric) > 20
    for kind, header, kind_type in numeric:
        assert -1e15 <= kind_type.minimum <= kind_type.maximum <= 1e15, (kind, header)


@pytest.mark.parametrize("raw,period,end", [
    ("2025", "2025", dt.date(2025, 12, 31)), ("2025-t1", "2025-T1", dt.date(2025, 4, 30)),
    ("2024-02", "2024-02", dt.date(2024, 2, 29)), (2023, "2023", dt.date(2023, 12, 31)),
    # As the region and Stratsys write them.
    ("T1 2026", "2026-T1", dt.date(2026, 4, 30)), ("Tertial 1 2026", "2026-T1", None),
    ("tertial  3 2026", "2026-T3", dt.date(2026, 12, 31)), ("Helår 2025", "2025", None),
    ("helår 2025", "2025", None), ("maj 2026", "2026-05", dt.date(2026, 5, 31)),
    ("Maj 2026", "2026-05", None), ("2026-05", "2026-05", None), ("sept 2026", "2026-09", None),
    ("December\u00a02026", "2026-12", None),
])
def test_periods(raw, period, end):
    assert Period().parse(raw) == period
    assert end is None or period_end(period) == end


@pytest.mark.parametrize("raw", ["2026-08-01", "2026-08-31", dt.datetime(2026, 8, 1),
                                 dt.datetime(2026, 8, 17, 12, 0)])
def test_a_day_is_read_by_the_indicators_frequency(raw):
    written = Period().parse(raw)
    assert isinstance(written, PeriodDate)
    assert [written.resolve(f) for f in ("month", "tertial", "year")] == \
        ["2026-08", "2026-T2", "2026"]


def test_delår_is_the_period_that_ends_on_31_august():
    delår = Period().parse("Delår 2026")
    assert (delår.resolve("month"), delår.resolve("tertial")) == ("2026-08", "2026-T2")
    with pytest.raises(CellError, match="Delår är ingen period för en indikator som mäts per "
                                        "år; skriv året \\(2026\\) eller Helår 2026"):
        delår.resolve("year")


@pytest.mark.parametrize("raw,reason", [
    ("2026-13", "månad 13 finns inte"), ("2026-T4", "tertial 4 finns inte"),
    ("T4 2026", "tertial 4 finns inte"), ("Tertial 0 2026", "tertial 0 finns inte"),
    ("2026-4", "månad 4 finns inte"), ("april", "är inte en period"),
    ("vår 2026", "är inte en period"), ("2026-02-30", "datumet 2026-02-30 finns inte"),
    ("Delår 1800", "året 1800 är orimligt"), ("1800", "orimligt"), ("maj 26", "är inte en period"),
    ("Q1 2026", "är inte en period"),
])
def test_periods_that_do_not_exist(raw, reason):
    with pytest.raises(CellError, match=reason):
        Period().parse(raw)


VALUE = Decimal(-1e12, 1e12, percent=True)


@pytest.mark.parametrize("raw,value", [
    ("1 234,5", 1234.5), ("1\u00a0234,5", 1234.5), ("1\u202f234,5", 1234.5), ("−12,4", -12.4),
    ("-12,4", -12.4), ("(12,4)", -12.4), ("( 1 234,5 )", -1234.5), ("66", 66.0),
])
def test_numbers_as_swedish_files_write_them(raw, value):
    assert VALUE.parse(raw) == value and not isinstance(VALUE.parse(raw), Percent)


@pytest.mark.parametrize("raw", ["66%", "66 %", "66\u00a0%", "66,5 %"])
def test_a_per_cent_sign_is_kept_for_the_loader_to_check(raw):
    value = VALUE.parse(raw)
    assert isinstance(value, Percent) and value == float(raw.rstrip("%\u00a0 ").replace(",", "."))


@pytest.mark.parametrize("number,raw,reason", [
    (VALUE, "(-12,4)", "både parentes och minustecken"),
    (VALUE, "(12,4", "är inte ett tal"), (VALUE, "66 %%", "är inte ett tal"),
    (VALUE, "%", "är inte ett tal"), (VALUE, "1.234,5", "är inte ett tal"),
    (AMOUNT, "66 %", "är skrivet i procent, men kolumnen tar inte procent; skriv talet utan "
                     "procenttecken"),
])
def test_numbers_that_are_ambiguous_or_wrong(number, raw, reason):
    with pytest.raises(CellError, match=reason):
        number.parse(raw)


def test_dates_follow_ups_and_yes_no():
    assert Date().parse("2026-04-30") == dt.date(2026, 4, 30)
    assert Date().parse(dt.datetime(2026, 4, 30)) == dt.date(2026, 4, 30)
    with pytest.raises(CellError, match="ÅÅÅÅ-MM-DD"):
        Date().parse("30/4 2026")
    assert FollowUp().parse("delår  2026") == (2026, "DELAR")
    for raw, expected in (("Tertial 1 2026", (2026, "T1")), ("tertial 2 2026", (2026, "DELAR")),
                          ("Tertial 3 2025", (2025, "HELAR")), ("2026-08-01", (2026, "DELAR")),
                          ("2026-04-30", (2026, "T1")), (dt.datetime(2025, 12, 31), (2025, "HELAR"))):
        assert FollowUp().parse(raw) == expected
    with pytest.raises(CellError, match="2026-03-15 ligger inte i någon uppföljningsmånad"):
        FollowUp().parse("2026-03-15")
    assert FollowUp().format((2025, "HELAR")) == "Helår 2025"
    assert (Boolean().parse("Ja"), Boolean().parse("nej"), Boolean().parse(True)) == (True, False, True)


def test_choices_take_the_word_or_the_stored_value():
    risk = Choice((("oppen", "öppen"), ("stangd", "stängd")), aliases=(("closed", "stangd"),))
    assert [risk.parse(w) for w in ("Öppen", "oppen", "STÄNGD", "closed")] == \
        ["oppen", "oppen", "stangd", "stangd"]
    with pytest.raises(CellError, match="ska vara något av: öppen, stängd"):
        risk.parse("okänd")


def test_text_length_and_kolada_area_codes():
    assert Text(5).parse("  hej ") == "hej"
    with pytest.raises(CellError, match="texten är 6 tecken lång; högst 5"):
        Text(5).parse("sexsex")
    assert AreaCode().parse(23) == "0023" and AreaCode().parse("0000") == "0000"


def test_rows_by_id_remembers_small_and_huge_ids():
    from data_access.importers.loading import RowsById

    rows = RowsById()
    for row_id, row in ((3, 2), (70_000, 9), (3_000_000_000, 11)):
        rows.set(row_id, row)
    assert [rows.get(i) for i in (3, 4, 70_000, 3_000_000_000, 10**12)] == [2, 0, 9, 11, 0]
