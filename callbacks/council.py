"""The goals to report to fullmäktige ({council}), as the Nämndrapport (one nämnd) and the
Regionrapport (every nämnd the viewer may report on) list them: the goal levels listed, the
list as a table and the sentence that says how many and by which rule.

The rule itself (which forecast puts a goal on the list, and whose goals a viewer may list) is
data_access.queries.council's.
"""

from __future__ import annotations

from collections.abc import Sequence

from callbacks.mal import followup_text, kind_label
from dashboard.core import formatting as fmt
from dashboard.core.exports import Column, Table
from dashboard.core.wording import fill
from data_access.queries.council import GoalToReport
from data_access.queries.goals import FollowUp
from data_access.status import STATUS_LABELS_SV

# The goals listed one by one: the nämnder's own and their förvaltningar's (the units' goals
# are counted in the distribution; listed they would fill pages).
LISTED_KINDS = ("namndmal", "framgangsfaktor", "forvaltningsmal")
FACTOR = "framgangsfaktor"  # listed only where the organisation uses framgångsfaktorer

COUNCIL_TITLE = "Mål att rapportera till {council}"
COUNCIL_RULE = ("Mål som målägaren bedömer inte uppfylls vid årets slut ska rapporteras till "
                "{{council}}. Listan tar med de {levels} vars senaste bedömning under året, "
                "till och med den här uppföljningen, har helårsprognosen Bedöms inte uppfyllas "
                "vid årets slut.")


def listed_kinds(factors: bool) -> tuple[str, ...]:
    """The goal kinds listed (`factors`: the organisation uses framgångsfaktorer)."""
    return tuple(kind for kind in LISTED_KINDS if factors or kind != FACTOR)


def listed_levels(factors: bool, last: str = "och") -> str:
    """The listed goal levels in words: `Nämndmål, framgångsfaktorer och förvaltningsmål`
    (`factors`: the organisation uses framgångsfaktorer; `last`: the word before the last)."""
    levels = [kind_label(kind, plural=True) for kind in listed_kinds(factors)]
    return f"{', '.join(levels[:-1])} {last} {levels[-1].lower()}".capitalize()


def status_text(status: str | None) -> str:
    """A goal status as symbol and word, e.g. `✗ Ej uppfyllt` (a dash when there is none)."""
    if status is None:
        return fmt.MISSING
    label = STATUS_LABELS_SV[status]
    return f"{label.symbol} {label.word}"


def council_table(goals: Sequence[GoalToReport], followup: FollowUp,
                  by_namnd: bool = False) -> Table:
    """The goals to report to fullmäktige: (with `by_namnd` their nämnd,) the goal, its owner,
    status, when forecast, analysis and actions."""
    columns = [*([Column("Nämnd")] if by_namnd else []), Column("Mål"), Column("Ansvarig"),
               Column(f"Status {followup_text(followup)}"), Column("Prognos lämnad"),
               Column("Analys"), Column("Planerade åtgärder")]
    rows = [[*([g.namnd or g.owner] if by_namnd else []), g.ref.title, g.owner,
             status_text(g.status), fmt.followup_label(g.forecast_kind, g.forecast_year),
             g.analysis, g.actions]
            for g in goals]
    return Table(fill(COUNCIL_TITLE), columns, rows)


def council_text(goals: Sequence[GoalToReport], factors: bool) -> str:
    """How many goals go to fullmäktige, and the rule that picks them."""
    count = f"{fmt.number(len(goals))} mål" if goals else "Inget mål"
    rule = COUNCIL_RULE.format(levels=listed_levels(factors).lower())
    return f"{count} bedöms inte uppfyllas vid årets slut. {fill(rule)}"
