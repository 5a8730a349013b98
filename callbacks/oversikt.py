"""Översikt: which nämnd the URL asks for (`?namnd=HSN`, a member's Min nämnd), pure functions
from query results to the texts, table rows and chart of the page's cards (the cards
themselves: layouts/oversikt.py), and the nämnd switcher writing the URL."""

from __future__ import annotations

from dash import Input, Output

from callbacks.internkontroll import your_namnder
from callbacks.pagetools import in_browser, register_choice_writer, register_focus_after_render
from callbacks.uppdrag import UPPDRAG_STATUS_SV
from dashboard import charts
from dashboard.core.args import BadArgument, echo
from dashboard.core.wording import word
from dashboard.core import formatting as fmt
from data_access.queries.goals import StatusDistribution
from data_access.queries.grants import Namnd, find_namnd, namnder_with_detail
from data_access.queries.risks import RiskCount
from data_access.queries.uppdrag import STATUS_ORDER
from data_access.scope import Viewer
from data_access.status import STATUS_LABELS_SV, STATUSES
from layouts.components import STATUS_COLOURS, status_badge, status_text

KEY = "oversikt"
LOG_IN_FOR_NAMND_SV = "Logga in för att se en nämnds översikt."
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


def namnd_goals_text(total: int) -> str:
    """Which goals a nämnd's distribution counts."""
    return (f"{fmt.number(total)} mål följdes upp: nämndens mål, från nämndmålen ner till "
            "förvaltningarnas och enheternas mål.")


def region_goals_text(total: int) -> str:
    """Which goals the region's summary distribution counts (the same for every viewer who
    may see the economy: målområden and every nämnd's nämndmål)."""
    return (f"{fmt.number(total)} mål följdes upp: {word('noun_gen')} målområden och alla "
            "nämnders nämndmål.")


def _uppdrag_word(status: str, count: int) -> str:
    """`försenat` for one, `försenade` for any other number."""
    label = UPPDRAG_STATUS_SV[status]
    return (label.word if count == 1 else label.plural).lower()


def uppdrag_text(counts: dict[str, int]) -> str:
    """How many of a nämnd's uppdrag have each status, e.g. `av 12 uppdrag: 3 försenade, …`."""
    total = sum(counts.values())
    parts = ", ".join(f"{fmt.number(counts.get(s, 0))} {_uppdrag_word(s, counts.get(s, 0))}"
                      for s in STATUS_ORDER)
    return (f"Av {fmt.number(total)} uppdrag till nämnden och förvaltningar och enheter under "
            f"den: {parts}. Försenat betyder att tidsfristen har passerat utan att uppdraget är "
            "klart eller avbrutet, eller att det har rapporterats som försenat.")


# --- Which nämnd ----------------------------------------------------------------------------


def choose_namnd(session, viewer: Viewer, code: str | None) -> tuple[Namnd | None, list[Namnd]]:
    """The nämnd whose view the URL asks for, and the nämnder the viewer may switch between
    (a member's own, every nämnd for ledning and admin). Without a code a member gets their
    first nämnd (Min nämnd), everyone else the whole region (None). BadArgument (Swedish) for
    a code that is no nämnd or one the viewer is not a member of."""
    namnder = namnder_with_detail(session, viewer)
    code = (code or "").strip().upper()
    if not code:
        first = namnder[0] if namnder and not viewer.sees_everything else None
        return first, namnder
    for namnd in namnder:
        if namnd.code == code:
            return namnd, namnder
    if viewer.is_public:
        raise BadArgument("namnd", LOG_IN_FOR_NAMND_SV, status=401)
    found = find_namnd(session, viewer, code)
    if found is None:
        raise BadArgument("namnd", f"Det finns ingen nämnd med koden ”{echo(code)}”.")
    yours = " och ".join(n.name for n in namnder)
    raise BadArgument("namnd", f"Du är inte ledamot i {found.name} och kan därför inte se dess "
                               f"översikt. Du kan se översikten för {yours}." if namnder else
                      f"Du är inte ledamot i {found.name} och kan därför inte se dess översikt.",
                      status=403)


def register(app) -> None:
    """The nämnd switcher writes the URL (`?namnd=…`); the page is drawn for it. A member who
    landed on Min nämnd without a nämnd in the address gets it there (assets/oversikt.js)."""
    register_choice_writer(app, KEY, "namnd")
    register_focus_after_render(app, KEY)
    app.clientside_callback(in_browser("showNamndInUrl"), Output(f"{KEY}-url-shown", "data"),
                            Input(f"{KEY}-url", "data"))
