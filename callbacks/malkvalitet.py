"""Målkvalitet: which follow-up, nämnd and list a URL asks for; pure functions from the answers
per nämnd to table rows and files, the lists behind the figures and the plain-Swedish
explanations; the period selector writing the URL."""

from __future__ import annotations

from dataclasses import dataclass

from dash import dcc, html

from callbacks.mal import KIND_LABELS_SV
from callbacks.indikator import resolve_followup
from callbacks.pagetools import register_search_writer
from dashboard.core.wording import fill
from dashboard.core import formatting as fmt
from dashboard.core.args import BadArgument, echo
from dashboard.core.exports import Column, Table
from dashboard.core.urls import page_url
from data_access import profile
from data_access.queries.goals import FollowUp
from data_access.queries.quality import (
    FINDINGS,
    GoalFinding,
    NamndQuality,
    quality_by_namnd,
)

REGION_TOTAL_SV = "{Whole}"
COUNTS = ("goals", "measurable", "broken", "unassessed", "without_perspective", "links",
          "links_without_target")


@dataclass(frozen=True)
class Measure:
    """One of the auditors' questions: its column heading, list title and explanation."""

    heading: str
    list_title: str
    explanation: str


THREAD_RULE_SV = (
    "Varje mål ska vara kopplat till ett mål på nivån närmast ovanför: ett nämndmål till ett "
    "målområde, ett förvaltningsmål till ett nämndmål, ett områdesmål till ett förvaltningsmål "
    "och ett enhetsmål till ett områdesmål. Kopplingen är bruten när den saknas, går till fel "
    "nivå eller går till ett mål som ägs av en annan del av organisationen.")
THREAD_RULE_FACTORS_SV = (
    "Varje mål ska vara kopplat till ett mål på nivån närmast ovanför: ett nämndmål till ett "
    "målområde, en framgångsfaktor till ett nämndmål, ett förvaltningsmål till en "
    "framgångsfaktor (eller direkt till ett nämndmål), ett områdesmål till ett förvaltningsmål "
    "och ett enhetsmål till ett områdesmål. Kopplingen är bruten när den saknas, går till fel "
    "nivå eller går till ett mål som ägs av en annan del av organisationen. Ett nämndmål utan "
    "någon framgångsfaktor under sig räknas också: tråden tar slut där.")


def measures(followup: FollowUp, factors: bool = False) -> dict[str, Measure]:
    """The five findings, keyed as in the URL's `lista`, in words for this follow-up (`factors`:
    the organisation uses framgångsfaktorer)."""
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
            THREAD_RULE_FACTORS_SV if factors else THREAD_RULE_SV),
        "utan_bedomning": Measure(
            f"Utan bedömning {period}", f"Mål utan bedömning {period}",
            f"Målets ägare ska vid varje uppföljning bedöma hur det går, med en analys och "
            f"planerade åtgärder. Här räknas målen som inte har någon bedömning för {period}; "
            "de får då bara den färg som räknas fram ur indikatorerna."),
        "utan_perspektiv": Measure(
            "Saknar perspektiv som krävs", "Mål som saknar ett perspektiv som krävs",
            "Styrmodellen anger vilka perspektiv som krävs för vilka slags mål (se "
            "organisationsprofilen): ett sådant mål ska bära minst ett av de perspektiv som krävs "
            "för dess nivå. Listan visar målen som inte bär något av dem. De hamnar utanför "
            "summeringen per perspektiv i tertialrapporten, delårsrapporten och "
            "årsredovisningen."),
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
    "utan_framgangsfaktor": "Har ingen framgångsfaktor under sig",
    "inga_indikatorer": "Har ingen indikator",
    "inga_malvarden": "Indikatorerna saknar målvärde för året",
    "ingen_bedomning": "Ingen bedömning för perioden",
    "inget_perspektiv": "Bär inget av de perspektiv som krävs för målets nivå",
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
    name = fill("{Noun} (målområden)") if row.level == "region" else row.name
    parts = [dcc.Link(name, href=page_url("malkvalitet", period=followup.key, namnd=row.code))]
    if not row.in_detail:
        parts.append(html.Span(" *", title="Endast nämndmål", className="text-body-secondary"))
    return html.Span(parts)


def quality_rows(rows: list[NamndQuality], followup: FollowUp) -> list[list]:
    """Table rows: nämnd, goals, share measurable, and each finding with its share."""
    return [
        [row_name(r, followup), fmt.number(r.goals),
         fmt.percent(share(r.measurable, r.goals), 1),
         *(figure_link(*finding_counts(r)[f], followup, r.code, f) for f in FINDINGS)]
        for r in rows
    ]


def region_total(rows: list[NamndQuality]) -> NamndQuality | None:
    """The whole region's figures, or None unless there are several rows, all complete."""
    if len(rows) < 2 or not all(r.in_detail for r in rows):
        return None
    return NamndQuality("", fill(REGION_TOTAL_SV), "region", True,
                        *(sum(getattr(r, name) for r in rows) for name in COUNTS))


def finding_counts(row: NamndQuality) -> dict[str, tuple[int, int]]:
    """(count, of how many) per finding, for a row."""
    return {"utan_indikator": (row.goals - row.measurable, row.goals),
            "bruten_trad": (row.broken, row.goals), "utan_bedomning": (row.unassessed, row.goals),
            "utan_perspektiv": (row.without_perspective, row.goals),
            "utan_malvarde": (row.links_without_target, row.links)}


def total_row(rows: list[NamndQuality]) -> list | None:
    """The whole region's figures (plain, no links), or None if some row is not complete."""
    total = region_total(rows)
    if total is None:
        return None
    counts = finding_counts(total)
    return [html.Strong(total.name), html.Strong(fmt.number(total.goals)),
            html.Strong(fmt.percent(share(total.measurable, total.goals), 1)),
            *(f"{fmt.number(count)} ({fmt.percent(share(count, whole), 1)})"
              for count, whole in (counts[f] for f in FINDINGS))]


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


# --- Files --------------------------------------------------------------------------------


def quality_file(rows: list[NamndQuality], followup: FollowUp) -> Table:
    """The figures per nämnd (and the whole region's, as on the page) as a file."""
    found = measures(followup)
    columns = [Column("Nämnd"), Column("Mål", "integer"), Column("Andel mätbara (%)", "percent")]
    for finding in FINDINGS:
        columns += [Column(found[finding].heading, "integer"),
                    Column(f"{found[finding].heading} (%)", "percent")]
    total = region_total(rows)
    values = []
    for r in rows + ([total] if total else []):
        counts = finding_counts(r)
        values.append([r.name, r.goals, fraction(r.measurable, r.goals),
                       *(value for f in FINDINGS
                         for value in (counts[f][0], fraction(*counts[f])))])
    return Table(f"Målkvalitet {fmt.followup_label(followup.kind, followup.year)}", columns,
                 values)


def fraction(part: int, whole: int) -> float | None:
    """part of whole as a share (0.123), None when the whole is 0."""
    return part / whole if whole else None


def finding_file(findings: list[GoalFinding], finding: str, followup: FollowUp) -> Table:
    """The goals behind a figure as a file: codes and names as plain text."""
    title = measures(followup)[finding].list_title  # the titles do not depend on `factors`
    if finding == "utan_malvarde":
        return Table(title, [Column(h) for h in ("Indikatorkod", "Indikator", "Målkod", "Mål",
                                                 "Nämnd", "Målets ägare")],
                     [[f.indicator_code, f.indicator_name, f.code, f.title, f.namnd_code,
                       f.owner_name] for f in findings])
    return Table(title, [Column(h) for h in ("Målkod", "Mål", "Nivå", "Nämnd", "Ägare",
                                             "Varför")],
                 [[f.code, f.title, KIND_LABELS_SV[f.kind][0], f.namnd_code, f.owner_name,
                   THREAD_REASONS_SV[f.reason]] for f in findings])


# --- What the URL asks for ------------------------------------------------------------------


@dataclass(frozen=True)
class QualityView:
    """A valid request: the follow-up, its nämnder's rows (or the chosen one's) and the list."""

    followup: FollowUp
    followups: list[FollowUp]
    rows: list[NamndQuality]
    namnd: str | None
    lista: str | None
    factors: bool = False  # the organisation uses framgångsfaktorer

    @property
    def args(self) -> dict:
        """The view's URL arguments."""
        return {"period": self.followup.key, "namnd": self.namnd, "lista": self.lista}


def resolve(session, viewer, period: str | None, namnd: str | None,
            lista: str | None) -> QualityView | None:
    """The view for the URL's arguments; None when nothing has been followed up yet, and
    BadArgument with a Swedish message for a bad argument."""
    followup, followups = resolve_followup(session, viewer, period)
    if lista and lista not in FINDINGS:
        raise BadArgument("lista", f"Det finns ingen lista som heter ”{echo(lista)}”. "
                                  "Välj en siffra i tabellen i stället.")
    if followup is None:
        return None
    factors = profile.current(session).success_factors
    rows = quality_by_namnd(session, viewer, followup, factors)
    if namnd:
        rows = [r for r in rows if r.code == namnd]
        if not rows:
            raise BadArgument("namnd", f"Det finns ingen nämnd med koden ”{echo(namnd)}” med mål "
                                      "som du har behörighet att se.")
    return QualityView(followup, followups, rows, namnd or None, lista or None, factors)


def register(app) -> None:
    """The period selector writes the URL; the page's other arguments are kept."""
    register_search_writer(app, "malkvalitet", "period")
