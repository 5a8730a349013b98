"""Översikt: pure functions from query results to the texts, table rows and chart of the
page's cards (the cards themselves: layouts/oversikt.py)."""

from __future__ import annotations

from callbacks.internkontroll import your_namnder
from dashboard import charts
from dashboard.core.wording import word
from dashboard.core import formatting as fmt
from data_access.queries.goals import StatusDistribution
from data_access.queries.risks import RiskCount
from data_access.scope import Viewer
from data_access.status import STATUS_LABELS_SV, STATUSES
from layouts.components import STATUS_COLOURS, status_badge, status_text

SHARES_ROUNDED_SV = ("Andelarna är avrundade till hela procent, de största resterna uppåt, så att "
                     f"de tillsammans blir {fmt.percent(100, 0)}.")


def status_shares(dist: StatusDistribution) -> list[int] | None:
    """Each status's share of the goals in whole per cent, adding up to 100 (None for none)."""
    return fmt.whole_percentages([dist.counts[s] for s in STATUSES])


def status_rows(dist: StatusDistribution) -> list[list]:
    """Table rows: status badge, number of goals, share of all goals."""
    shares = status_shares(dist) or [None] * len(STATUSES)
    return [[status_badge(s), fmt.number(dist.counts[s]), fmt.percent(share, 0)]
            for s, share in zip(STATUSES, shares)]


def status_figure(dist: StatusDistribution) -> dict:
    """A horizontal bar per status, labelled with symbol, word and count (a plain figure dict)."""
    counts = [dist.counts[s] for s in STATUSES]
    bar = {
        "type": "bar", "x": counts, "y": [status_text(s) for s in STATUSES], "orientation": "h",
        "marker": {"color": [STATUS_COLOURS[s] for s in STATUSES]},
        "text": [fmt.number(c) for c in counts], "textposition": "outside", "cliponaxis": False,
        "hovertemplate": "%{y}: %{x} mål<extra></extra>",
    }
    return {"data": [bar], "layout": charts.layout(
        210, margin={"l": 8, "r": 40, "t": 8, "b": 8}, showlegend=False,
        xaxis={"title": {"text": "Antal mål"}, "tickformat": ",d", "rangemode": "tozero"},
        yaxis={"autorange": "reversed", "ticksuffix": "  "},
    )}


def status_chart_label(dist: StatusDistribution) -> str:
    """What the chart shows, in words, for screen readers."""
    parts = ", ".join(f"{STATUS_LABELS_SV[s].word} {dist.counts[s]}" for s in STATUSES)
    return f"Stapeldiagram, antal mål per status: {parts}."


def followed_up_text(total: int, viewer: Viewer) -> str:
    """Which goals the viewer's distribution counts, e.g. `12 publicerade mål följdes upp.`"""
    count = fmt.number(total)
    if viewer.sees_everything:
        return f"{count} mål på alla nivåer, från målområden till enheter, följdes upp."
    if viewer.is_public:
        return f"{count} publicerade mål följdes upp."
    return (f"{count} mål följdes upp: {word('noun_gen')} målområden, alla nämnders nämndmål, "
            f"{your_namnder(viewer)} mål ner till enheterna och övriga publicerade mål.")


def earlier_text(risks: RiskCount) -> str:
    """How many of the open high risks come from riskanalyser before the latest."""
    if not risks.earlier:
        return f"Alla kommer från riskanalyserna {risks.year}."
    return (f"{fmt.number(risks.earlier)} av dem kommer från riskanalyser före {risks.year} "
            "och är fortfarande öppna.")
