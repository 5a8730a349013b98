"""Måluppfyllelse: the traffic-light rules for indicators and goals, as pure functions.

Statuses are the strings 'green', 'yellow', 'red' and 'grey' (grey = no data, ej bedömt).
The rules are documented for readers in STATUS_RULE_TEXT_SV; keep the two in step.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import NamedTuple

GREEN, YELLOW, RED, GREY = "green", "yellow", "red", "grey"
STATUSES = (GREEN, YELLOW, RED, GREY)
DIRECTIONS = ("higher", "lower", "band")
# Scores for averaging; grey has none because it is left out.
SCORES = {GREEN: 2, YELLOW: 1, RED: 0}


class StatusLabel(NamedTuple):
    """A status in words and as a symbol."""

    word: str
    symbol: str


# Colour is never the only carrier of meaning: every status also has a word and a symbol.
STATUS_LABELS_SV = {
    GREEN: StatusLabel("Uppfyllt", "✓"),
    YELLOW: StatusLabel("Delvis uppfyllt", "◐"),
    RED: StatusLabel("Ej uppfyllt", "✗"),
    GREY: StatusLabel("Saknar data", "–"),
}

# The goal owner's helårsprognos, by the codes stored on an assessment (models.FORECASTS).
FORECAST_UNREACHED = "uppfylls_ej"  # reported to fullmäktige
FORECAST_LABELS_SV = {
    "uppfylls": StatusLabel("Bedöms uppfyllas", "✓"),
    "delvis": StatusLabel("Bedöms delvis uppfyllas", "◐"),
    FORECAST_UNREACHED: StatusLabel("Bedöms inte uppfyllas vid årets slut", "✗"),
}


def forecast_text(forecast: str) -> str:
    """A helårsprognos as symbol and words, e.g. `✗ Bedöms inte uppfyllas vid årets slut`."""
    label = FORECAST_LABELS_SV[forecast]
    return f"{label.symbol} {label.word}"


DEVIATION_TEXT_SV = "Bedömningen avviker från utfallet"

_SAID = {status: f"{label.symbol} {label.word}" for status, label in STATUS_LABELS_SV.items()}

STATUS_RULE_TEXT_SV = f"""\
Hur beräknas färgen?

Färgen visar hur väl ett mål är uppfyllt. Den visas alltid tillsammans med ett ord \
och en symbol: {_SAID[GREEN]} (grönt), {_SAID[YELLOW]} (gult), {_SAID[RED]} (rött) och \
{_SAID[GREY]} (grått).

Indikatorer
Varje indikator har ett målvärde för året och en riktning: antingen är ett högre värde \
bättre, eller ett lägre värde bättre, eller så ska värdet ligga inom ett intervall. \
Utfallet är det senaste värdet från de senaste tolv månaderna fram till uppföljningen; \
äldre värden räknas inte. Det jämförs med målvärdet för samma år som utfallet gäller. Om \
enheten inte har ett eget målvärde används målvärdet för närmaste nivå ovanför, till \
exempel nämndens.
• Grönt när målvärdet är nått (eller utfallet ligger inom intervallet).
• Gult när målvärdet inte är nått men utfallet ligger inom toleransen, en marginal som \
bestäms tillsammans med målvärdet.
• Rött när utfallet ligger längre bort än toleransen.
• Grått när utfall eller målvärde saknas.
Exempel: målvärdet är minst 90 % och toleransen 5 procentenheter. Då ger 92 % grönt, \
87 % gult och 84 % rött.

Mål
Ett mål får sin färg från sina egna indikatorer och från de rapporterade färgerna för \
målen närmast under det. Varje grön ger 2 poäng, varje gul 1 poäng och varje röd 0 \
poäng; grå räknas inte med. Vi räknar ut medelvärdet av poängen. Minst 1,5 poäng ger grönt, minst \
0,75 poäng ger gult och lägre ger rött. Finns inget att räkna med blir målet grått.
Exempel: ett mål har två gröna och en röd indikator. Det ger (2 + 2 + 0) / 3 = 1,33 \
poäng, alltså gult.

Bedömning
Målets ägare gör en egen bedömning vid varje uppföljning, med en analys och planerade \
åtgärder. Finns en bedömning är det den färgen som rapporteras och räknas vidare uppåt. \
Den beräknade färgen visas alltid bredvid. Om bedömningen är grön men den beräknade \
färgen är röd markeras målet med texten "{DEVIATION_TEXT_SV}".

Grått betyder Saknar data: målet har varken en indikator med både utfall och målvärde \
eller någon färg från målen under det, och ingen bedömning.
"""


def _is_missing(value: float | None) -> bool:
    """True for None and NaN."""
    return value is None or (isinstance(value, float) and math.isnan(value))


def _score(status: str) -> int | None:
    """A status's score (None for grey); unknown strings are an error."""
    if status not in STATUSES:
        raise ValueError(f"unknown status {status!r}")
    return SCORES.get(status)


def _at_most(gap: float, tolerance: float) -> bool:
    """gap ≤ tolerance, forgiving binary rounding (1.1 − 0.8 is 0.30000000000000004)."""
    return gap <= tolerance or math.isclose(gap, tolerance, rel_tol=1e-9)


def _shortfall(outcome: float, target: float, direction: str, upper: float | None = None) -> float:
    """How far an outcome is from meeting its target or band (0 when met)."""
    if direction == "higher":
        return max(0.0, target - outcome)
    if direction == "lower":
        return max(0.0, outcome - target)
    if direction == "band":
        return max(0.0, target - outcome, outcome - upper)
    raise ValueError(f"unknown direction {direction!r}")


def indicator_status(
    outcome: float | None,
    target: float | None,
    *,
    direction: str,
    tolerance: float = 0.0,
    upper: float | None = None,
) -> str:
    """Green when the target is met, yellow within the tolerance, red outside, grey without data."""
    if direction not in DIRECTIONS:
        raise ValueError(f"unknown direction {direction!r}")
    if _is_missing(outcome) or _is_missing(target) or (direction == "band" and _is_missing(upper)):
        return GREY
    gap = _shortfall(outcome, target, direction, upper)
    if gap == 0:
        return GREEN
    return YELLOW if _at_most(gap, tolerance or 0.0) else RED


def combine(statuses: Iterable[str]) -> str:
    """A goal's computed status: mean score (green 2, yellow 1, red 0) of its non-grey inputs."""
    scores = [s for s in map(_score, statuses) if s is not None]
    if not scores:
        return GREY
    total, count = sum(scores), len(scores)
    # Integer comparisons, so a mean of exactly 1.5 or 0.75 is never lost to rounding.
    if 2 * total >= 3 * count:  # mean ≥ 1.5
        return GREEN
    if 4 * total >= 3 * count:  # mean ≥ 0.75
        return YELLOW
    return RED


def reported_status(computed: str, manual: str | None) -> str:
    """The status reported for a goal: the manual assessment if there is one, else the computed."""
    return computed if manual is None else manual


def deviates(manual: str | None, computed: str) -> bool:
    """True when a manual status is two steps better than the computed one (green on red)."""
    if manual is None:
        return False
    manual_score, computed_score = _score(manual), _score(computed)
    if manual_score is None or computed_score is None:
        return False
    return manual_score - computed_score >= 2


def trend(current: str | None, previous: str | None) -> str:
    """'better', 'worse' or 'same' from the previous status to the current; 'unknown' if grey."""
    if current is None or previous is None:
        return "unknown"
    now, before = _score(current), _score(previous)
    if now is None or before is None:
        return "unknown"
    if now == before:
        return "same"
    return "better" if now > before else "worse"
