"""The traffic-light rules: indicators against targets, goals from inputs, manual bedömning."""

from __future__ import annotations

import math

import pytest

from data_access import models
from data_access.status import (
    STATUS_LABELS_SV,
    STATUS_RULE_TEXT_SV,
    STATUSES,
    combine,
    deviates,
    indicator_status,
    reported_status,
    trend,
)

G, Y, R, N = "green", "yellow", "red", "grey"


def test_statuses_match_the_database_check():
    assert STATUSES == models.STATUSES


# --- indicator_status ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("outcome", "expected"),
    [(95, G), (90, G), (87, Y), (85, Y), (84.99, R), (40, R)],
)
def test_higher_is_better(outcome, expected):
    assert indicator_status(outcome, 90, direction="higher", tolerance=5) == expected


@pytest.mark.parametrize(
    ("outcome", "expected"),
    [(10, G), (30, G), (33, Y), (35, Y), (35.01, R), (90, R)],
)
def test_lower_is_better(outcome, expected):
    assert indicator_status(outcome, 30, direction="lower", tolerance=5) == expected


@pytest.mark.parametrize(
    ("outcome", "expected"),
    [(2, G), (3, G), (2.5, G), (1.5, Y), (1, Y), (3.9, Y), (4, Y), (0.99, R), (4.01, R)],
)
def test_band(outcome, expected):
    assert indicator_status(outcome, 2, direction="band", upper=3, tolerance=1) == expected


def test_exact_target_is_green_in_every_direction():
    assert indicator_status(90, 90, direction="higher") == G
    assert indicator_status(90, 90, direction="lower") == G
    assert indicator_status(90, 90, direction="band", upper=90) == G


def test_without_tolerance_any_miss_is_red():
    assert indicator_status(89.9, 90, direction="higher") == R
    assert indicator_status(30.1, 30, direction="lower", tolerance=0) == R


def test_tolerance_edge_survives_binary_rounding():
    # 1.1 − 0.8 is 0.30000000000000004 in floating point; the edge is still inclusive.
    assert indicator_status(0.8, 1.1, direction="higher", tolerance=0.3) == Y
    assert indicator_status(1.4, 1.1, direction="lower", tolerance=0.3) == Y


@pytest.mark.parametrize(
    ("outcome", "target", "upper"),
    [(None, 90, None), (80, None, None), (math.nan, 90, None), (80, math.nan, None)],
)
def test_missing_outcome_or_target_is_grey(outcome, target, upper):
    assert indicator_status(outcome, target, direction="higher", upper=upper) == N


def test_band_without_upper_bound_is_grey():
    assert indicator_status(2, 2, direction="band") == N
    assert indicator_status(2, 2, direction="band", upper=math.nan) == N


def test_unknown_direction_is_refused():
    with pytest.raises(ValueError):
        indicator_status(1, 1, direction="up")


# --- combine ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("inputs", "expected"),
    [
        ([], N),
        ([N, N], N),
        ([G], G),
        ([Y], Y),
        ([R], R),
        ([G, N, N], G),  # grey is left out, not counted as red
        ([G, G, G, R], G),  # mean 1.5: the green threshold, inclusive
        ([G, G, R], Y),  # mean 1.33
        ([G, R], Y),  # mean 1.0
        ([Y, Y, Y, R], Y),  # mean 0.75: the yellow threshold, inclusive
        ([G, R, R], R),  # mean 0.67
        ([Y, R], R),  # mean 0.5
        ([G, Y], G),  # mean 1.5
        ([G, Y, Y], Y),  # mean 1.33
    ],
)
def test_combine_averages_scores_of_non_grey_inputs(inputs, expected):
    assert combine(inputs) == expected


def test_combine_takes_any_iterable_and_refuses_unknown_statuses():
    assert combine(s for s in [G, G]) == G
    with pytest.raises(ValueError):
        combine([G, "blue"])


def test_rule_text_matches_its_example():
    # The help text's example: two green and one red indicator give yellow.
    assert "(2 + 2 + 0) / 3 = 1,33" in STATUS_RULE_TEXT_SV
    assert combine([G, G, R]) == Y


# --- manual bedömning ---------------------------------------------------------------


def test_manual_assessment_overrides_computed():
    assert reported_status(R, G) == G
    assert reported_status(G, R) == R
    assert reported_status(Y, N) == N  # "ej bedömt" is a bedömning too


def test_computed_status_is_reported_without_assessment():
    assert reported_status(Y, None) == Y


@pytest.mark.parametrize(
    ("manual", "computed", "expected"),
    [
        (G, R, True),  # green on red data: flagged
        (G, Y, False),
        (Y, R, False),
        (R, G, False),  # stricter than the data is not flagged
        (G, G, False),
        (G, N, False),
        (N, R, False),
        (None, R, False),
    ],
)
def test_deviation_flag_only_for_green_on_red(manual, computed, expected):
    assert deviates(manual, computed) is expected


def test_rule_text_explains_the_flag_and_grey():
    for words in ("Bedömningen avviker från utfallet", "Saknar data", "toleransen", "1,5"):
        assert words in STATUS_RULE_TEXT_SV


# --- trend and distribution ---------------------------------------------------------


@pytest.mark.parametrize(
    ("current", "previous", "expected"),
    [
        (G, Y, "better"),
        (Y, R, "better"),
        (R, G, "worse"),
        (Y, Y, "same"),
        (N, G, "unknown"),
        (G, N, "unknown"),
        (G, None, "unknown"),
    ],
)
def test_trend(current, previous, expected):
    assert trend(current, previous) == expected


def test_every_status_has_a_word_and_a_symbol():
    assert set(STATUS_LABELS_SV) == set(STATUSES)
    assert STATUS_LABELS_SV[G].word == "Uppfyllt"
    assert STATUS_LABELS_SV[R].word == "Ej uppfyllt"
    assert STATUS_LABELS_SV[N].word == "Saknar data"
    symbols = [label.symbol for label in STATUS_LABELS_SV.values()]
    assert all(symbols) and len(set(symbols)) == 4
