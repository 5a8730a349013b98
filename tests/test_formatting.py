"""Swedish numbers, amounts, dates and period labels."""

import datetime as dt

import pytest

from dashboard.core import formatting as fmt

NBSP, MINUS = "\u00a0", "\u2212"


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (1234.5, 1, f"1{NBSP}234,5"),
        (1234567, 0, f"1{NBSP}234{NBSP}567"),
        (-12.4, 1, f"{MINUS}12,4"),
        (0, 0, "0"),
        (-0.04, 1, "0,0"),  # no "−0,0" after rounding
        (999.96, 1, f"1{NBSP}000,0"),
    ],
)
def test_number(value, decimals, expected):
    assert fmt.number(value, decimals) == expected


def test_number_never_uses_a_hyphen_as_minus():
    assert "-" not in fmt.number(-1234.5, 1)


def test_signed_numbers_show_plus_but_not_for_zero():
    assert fmt.number(3.2, 1, signed=True) == "+3,2"
    assert fmt.number(-3.2, 1, signed=True) == f"{MINUS}3,2"
    assert fmt.number(0.01, 1, signed=True) == "0,0"


def test_missing_values_show_a_dash():
    assert fmt.number(None) == fmt.percent(None) == fmt.mnkr(None) == fmt.tkr(None) == "–"
    assert fmt.iso_date(None) == "–"


def test_percent():
    assert fmt.percent(87.3) == f"87,3{NBSP}%"
    assert fmt.percent(50, 0) == f"50{NBSP}%"


def test_amounts_in_tkr_and_mnkr():
    assert fmt.tkr(-1234.4) == f"{MINUS}1{NBSP}234{NBSP}tkr"
    assert fmt.mnkr(-12_400) == f"{MINUS}12,4{NBSP}mnkr"
    assert fmt.mnkr(1_234_500) == f"1{NBSP}234,5{NBSP}mnkr"
    assert fmt.mnkr(800, signed=True) == f"+0,8{NBSP}mnkr"


def test_dates_are_iso():
    assert fmt.iso_date(dt.date(2026, 4, 30)) == "2026-04-30"


@pytest.mark.parametrize(
    ("kind", "year", "expected"),
    [("T1", 2026, "T1 2026"), ("DELAR", 2026, "Delår 2026"), ("HELAR", 2025, "Helår 2025")],
)
def test_followup_labels(kind, year, expected):
    assert fmt.followup_label(kind, year) == expected


def test_months():
    assert fmt.month_label(2026, 10) == "okt 2026"
    assert fmt.month_label(2026, 5) == "maj 2026"
    assert fmt.month_name(3) == "mars"
    assert fmt.year_to_date_label(2026, 10) == "jan–okt 2026"
    assert fmt.year_to_date_label(2026, 1) == "jan 2026"


@pytest.mark.parametrize(("first", "second", "expected"), [
    (-3542.2123, -3681.0456, 1),  # a large difference shows at the usual decimals
    (-4.5577, -4.5840, 2),  # −4,6 − (−4,6) would show 0,0: one more decimal shows −0,02
    (-4.5577, -4.5577, 1),  # no difference: nothing more to show
    (-4.55775, -4.55785, 4),  # a tenth of a tkr, in mnkr: as many decimals as it takes
])
def test_difference_decimals_never_let_a_difference_vanish(first, second, expected):
    places = fmt.difference_decimals(first, second, 1, 4)
    assert places == expected
    shown = round(round(second, places) - round(first, places), places)
    assert (shown != 0) == (round(second - first, 4) != 0)


def test_rounded_is_round():
    """fmt.rounded is round(value, places) (-0.0 as 0.0), halves to even included."""
    import random

    generator = random.Random(18)
    values = [0.5, 1.5, 2.5, -0.5, -2.5, -0.4, 4612.0, -4557.7, 1e15 + 0.5, 0.0, -0.0]
    values += [generator.uniform(-1e7, 1e7) for _ in range(2000)]
    values += [generator.randint(-10**6, 10**6) + generator.choice([0.5, 0.05, 0.45, 0.55])
               for _ in range(2000)]
    for value in values:
        for places in (0, 1, 2, 4):
            assert fmt.rounded(value, places) == round(value, places) + 0.0, (value, places)
            assert str(fmt.rounded(value, places) + 0.0) == str(round(value, places) + 0.0)


@pytest.mark.parametrize(("counts", "expected"), [
    ([3, 1, 1, 1], [50, 17, 17, 16]),  # 50 + 16,7 × 3: plain rounding gives 101
    ([154, 101, 134, 10], [39, 25, 34, 2]),
    ([1, 1, 1], [34, 33, 33]),
    ([0, 5, 0], [0, 100, 0]),
])
def test_whole_percentages_add_up_to_100(counts, expected):
    shares = fmt.whole_percentages(counts)
    assert shares == expected and sum(shares) == 100
    assert all(abs(s - 100 * c / sum(counts)) < 1 for s, c in zip(shares, counts))


def test_whole_percentages_of_nothing():
    assert fmt.whole_percentages([0, 0]) is None
