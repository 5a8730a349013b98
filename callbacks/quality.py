"""Målkvalitet: pure functions from the answers per nämnd to table rows, the lists behind the
figures and the plain-Swedish explanations; the period selector writing the URL."""

from __future__ import annotations

from dataclasses import dataclass

from dash import Input, Output, State, dcc, html

from callbacks.goals import KIND_LABELS_SV
from callbacks.indicators import PAGES_LOCATION, search_writer
from dashboard import formatting as fmt
from dashboard.urls import page_url
from data_access.queries.goals import FollowUp
from data_access.queries.quality import FINDINGS, GoalFinding, NamndQuality


@dataclass(frozen=True)
class Measure:
    """One of the auditors' questions: its column heading, list title and explanation."""

    heading: str
    list_title: str
    explanation: str


def measures(followup: FollowUp) -> dict[str, Measure]:
    """The four findings, keyed as in the URL's `lista`, in words for this follow-up."""
    period = fmt.followup_label(followup.kind, followup.year)
    year = followup.year
    return {
        "utan_indikator": Measure(
            "Saknar mätbar indikator", "Mål som inte går att mäta",
            f"Ett mål är mätbart när minst en av dess indikatorer har ett målvärde för {year}, "
            "satt för målets ägare eller för en nivå ovanför. Andelen mätbara mål visar hur "
            "många av nämndens mål som kan få en färg från sina mätningar. Listan visar målen "
            "som saknar indikator helt eller vars indikatorer saknar målvärde."),
        "bruten_trad": Measure(
            "Bruten röd tråd", "Mål där den röda tråden är bruten",
            "Varje mål ska vara kopplat till ett mål på nivån närmast ovanför: ett nämndmål till "
            "ett målområde, ett förvaltningsmål till ett nämndmål, ett områdesmål till ett "
            "förvaltningsmål och ett enhetsmål till ett områdesmål. Kopplingen är bruten när den "
            "saknas, går till fel nivå eller går till ett mål som ägs av en annan del av "
            "organisationen."),
        "utan_bedomning": Measure(
            f"Utan bedömning {period}", f"Mål utan bedömning {period}",
            f"Målets ägare ska vid varje uppföljning bedöma hur det går, med en analys och "
            f"planerade åtgärder. Här räknas målen som inte har någon bedömning för {period}; "
            "de får då bara den färg som räknas fram ur indikatorerna."),
        "utan_malvarde": Measure(
            f"Indikatorer utan målvärde {year}", f"Indikatorer utan målvärde {year}",
            f"En indikator utan målvärde för {year} kan inte visa om målet nås. Räknat per mål: "
            "en indikator som följer tre mål räknas tre gånger, eftersom målvärdet kan sättas "
            "för varje ägare. Andelen räknas av alla kopplingar mellan mål och indikatorer."),
    }


THREAD_REASONS_SV = {
    "saknas": "Inte kopplat till något mål ovanför",
    "fel_niva": "Kopplat till ett mål på fel nivå",
    "fel_agare": "Kopplat till ett mål som ägs av en annan del av organisationen",
    "inga_indikatorer": "Har ingen indikator",
    "inga_malvarden": "Indikatorerna saknar målvärde för året",
    "ingen_bedomning": "Ingen bedömning för perioden",
    "utan_malvarde": "Indikatorn saknar målvärde för året",
}


def share(part: int, whole: int) -> float | None:
    """part of whole in percent (None when whole is 0)."""
    return 100 * part / whole if whole else None


def figure_link(count: int, whole: int, followup: FollowUp, namnd: str, finding: str):
    """A count with its share, the count linking to the list when it is not zero."""
    shown = fmt.number(count)
    link = dcc.Link(shown, href=page_url("malkvalitet", period=followup.key, namnd=namnd,
                                         lista=finding)) if count else shown
    return html.Span([link, html.Span(f" ({fmt.percent(share(count, whole), 1)})",
                                      className="text-body-secondary")])


def row_name(row: NamndQuality, followup: FollowUp):
    """A nämnd's name linking to its row alone; the region's row names its goals."""
    name = "Regionen (målområden)" if row.level == "region" else row.name
    parts = [dcc.Link(name, href=page_url("malkvalitet", period=followup.key, namnd=row.code))]
    if not row.in_detail:
        parts.append(html.Span(" *", title="Endast nämndmål", className="text-body-secondary"))
    return html.Span(parts)


def quality_rows(rows: list[NamndQuality], followup: FollowUp) -> list[list]:
    """Table rows: nämnd, goals, share measurable, and each finding with its share."""
    return [
        [row_name(r, followup), fmt.number(r.goals),
         fmt.percent(share(r.measurable, r.goals), 1),
         figure_link(r.goals - r.measurable, r.goals, followup, r.code, "utan_indikator"),
         figure_link(r.broken, r.goals, followup, r.code, "bruten_trad"),
         figure_link(r.unassessed, r.goals, followup, r.code, "utan_bedomning"),
         figure_link(r.links_without_target, r.links, followup, r.code, "utan_malvarde")]
        for r in rows
    ]


def total_row(rows: list[NamndQuality]) -> list | None:
    """The whole region's figures (plain, no links), or None if some row is not complete."""
    if len(rows) < 2 or not all(r.in_detail for r in rows):
        return None
    goals = sum(r.goals for r in rows)
    links = sum(r.links for r in rows)
    def plain(count, whole):
        return f"{fmt.number(count)} ({fmt.percent(share(count, whole), 1)})"
    return [html.Strong("Hela regionen"), html.Strong(fmt.number(goals)),
            html.Strong(fmt.percent(share(sum(r.measurable for r in rows), goals), 1)),
            plain(goals - sum(r.measurable for r in rows), goals),
            plain(sum(r.broken for r in rows), goals),
            plain(sum(r.unassessed for r in rows), goals),
            plain(sum(r.links_without_target for r in rows), links)]


def table_columns(followup: FollowUp) -> list[str]:
    """The table's column headings."""
    m = measures(followup)
    return ["Nämnd", "Mål", "Andel mätbara", *(m[f].heading for f in FINDINGS)]


def goal_link(finding: GoalFinding):
    """A goal's title linking to it on the Mål page."""
    return dcc.Link(finding.title, href=page_url("mal", goal=finding.code))


def finding_rows(findings: list[GoalFinding], followup: FollowUp) -> list[list]:
    """Rows of a list: the goal (or indicator and goal), its code, level, owner and why."""
    if findings and findings[0].indicator_code:
        return [
            [dcc.Link(f.indicator_name, href=page_url("indikator", code=f.indicator_code,
                                                      unit=f.owner_code, period=followup.key)),
             goal_link(f), f.code, f.owner_name]
            for f in findings
        ]
    return [[goal_link(f), f.code, KIND_LABELS_SV[f.kind][0], f.owner_name,
             THREAD_REASONS_SV[f.reason]] for f in findings]


def finding_columns(finding: str) -> list[str]:
    """The list's column headings."""
    if finding == "utan_malvarde":
        return ["Indikator", "Mål", "Kod", "Målets ägare"]
    return ["Mål", "Kod", "Nivå", "Ägare", "Varför"]


def register(app) -> None:
    """The period selector writes the URL; the page's other arguments are kept."""
    app.clientside_callback(
        search_writer("period"),
        Output(PAGES_LOCATION, "search", allow_duplicate=True),
        Input("malkvalitet-period", "value"),
        State("malkvalitet-args", "data"),
        prevent_initial_call=True,
    )
