"""Riktade statsbidrag and resultatförbättrande åtgärder.

"Kvinnors hälsa och förlossningsvård" of the latest year is the grant at risk: most of it
is unused two months before its deadline, so it may have to be paid back. Every grant of the
latest year owes its agency a delredovisning and a slutredovisning; the delredovisning of
"Psykisk hälsa och suicidprevention" is overdue (not submitted by its last day).

Each measure has its decision, a responsible, its effect month by month (tkr, and årsarbetare
for the staffing measures) and, for some, the quality indicators watched for it. The story:
fewer hired doctors (inhyrd personal) in primärvården, watched by the share of patients
assessed within three days, which has got worse and is red: the measure is flagged.
"""

from __future__ import annotations

import datetime as dt

from data_access.demo.context import DemoContext, yearly_codes
from data_access.demo.dates import add_months
from data_access.demo.texts import number
from data_access.models import (
    GrantReport,
    MeasureIndicator,
    MeasureMonth,
    SavingMeasure,
    StateGrant,
)

GRANT_AT_RISK = "Kvinnors hälsa och förlossningsvård"

# (name, purpose, unit, years before as_of's year, received tkr, used share, deadline)
# deadline: months after as_of, or 'year-end' of the grant's year, or 'mid-next' (30 June after).
GRANTS = (
    (GRANT_AT_RISK, "Stärka förlossningsvården och kvinnors hälsa: bemanning, kompetens och "
     "trygghet för gravida som bor långt från förlossningen.", "HSF-KVS", 0, 18_400, 0.22, 2),
    ("Psykisk hälsa och suicidprevention", "Insatser för psykisk hälsa, särskilt för barn och "
     "unga, och suicidpreventivt arbete.", "HSF-PSY", 0, 14_900, 0.71, "year-end"),
    ("God och nära vård – omställning av primärvården", "Stödja omställningen till en god och "
     "nära vård med primärvården som nav.", "HSF-PV", 0, 32_600, 0.78, "year-end"),
    ("Kömiljarden – kortare väntetider", "Prestationsbaserat bidrag för ökad tillgänglighet och "
     "kortare köer till operation och besök.", "HSF", 0, 21_300, 0.64, "year-end"),
    ("Cancerscreening", "Avgiftsfri screening och införande av screening för tjock- och "
     "ändtarmscancer.", "HSF-KIR", 0, 6_200, 0.80, "year-end"),
    ("Ökad tillgänglighet i barnhälsovården", "Fler hembesök och förstärkt föräldrastöd.",
     "HSF-PV-BHV", 0, 2_100, 0.55, "year-end"),
    ("Professionsmiljarden", "Kompetensutveckling och bättre arbetsvillkor för vårdpersonal.",
     "HSF", 0, 12_800, 0.83, "year-end"),
    ("Sjukskrivningsmiljarden", "En effektiv och kvalitetssäker sjukskrivnings- och "
     "rehabiliteringsprocess.", "HSF-PV", 0, 4_300, 0.90, "year-end"),
    ("Regionalt tillväxtarbete (anslag 1:1)", "Regionala företagsstöd och projektmedel för "
     "hållbar tillväxt.", "RU-NSU-FORETAGSSTOD", 0, 64_000, 0.58, 14),
    ("Kultursamverkansmodellen", "Statsbidrag till regional kulturverksamhet enligt "
     "kulturplanen.", "RU-KOB", 0, 38_700, 0.76, "year-end"),
    ("Statsbidrag till folkhögskolor", "Folkbildningsrådets bidrag till allmän kurs och "
     "särskilda kurser.", "RU-FHS", 0, 21_200, 0.77, "mid-next"),
    ("Stärkt landsbygdstrafik", "Bibehållen och utökad kollektivtrafik på landsbygden.",
     "KTF", 0, 9_800, 0.62, "year-end"),
    ("Elbusspremie", "Stöd till inköp av elbussar i stadstrafiken.", "KTF-KT-STAD", 0, 7_500,
     0.31, 14),
    (GRANT_AT_RISK, "Stärka förlossningsvården och kvinnors hälsa.", "HSF-KVS", 1, 17_900, 0.96,
     "year-end"),
    ("Psykisk hälsa och suicidprevention", "Insatser för psykisk hälsa och suicidprevention.",
     "HSF-PSY", 1, 14_500, 1.0, "year-end"),
    ("Informationssäkerhet och cybersäkerhet", "Stärkt förmåga att förebygga och hantera "
     "IT-incidenter.", "RSTAB-IT", 1, 3_400, 0.88, "mid-next"),
)

# (title, unit, years before as_of's year, planned effect tkr, achieved share, status)
MEASURES = (
    ("Minska inhyrda läkare på hälsocentralerna genom egen rekrytering",
     "HSF-PV", 0, 18_000, 0.35, "pagaende"),
    ("Avveckla inhyrda sjuksköterskor på akutmottagningen",
     "HSF-AKUT-AKM", 0, 9_500, 0.40, "pagaende"),
    ("Samordnad nattbemanning på medicinavdelningarna", "HSF-MED", 0, 6_200, 0.90, "genomford"),
    ("Byte till biosimilarer och generika", "HSF-LED-LAKEMEDEL", 0, 12_000, 1.05, "genomford"),
    ("Minskad utomlänsvård genom egen kapacitet inom ortopedi",
     "HSF-LED-UTOMLANS", 0, 15_000, 0.20, "pagaende"),
    ("Digitala återbesök ersätter fysiska besök", "HSF-PV-DIGITAL", 0, 3_500, 0.50, "pagaende"),
    ("Anpassat antal vårdplatser sommartid", "HSF-KIR", 0, 4_800, 0.95, "genomford"),
    ("Minskad övertid genom behovsstyrd schemaläggning", "HSF-AKUT", 0, 5_200, 0.30, "pagaende"),
    ("Samlokalisering av mottagningar på Östersunds sjukhus", "HSF-MED", 0, 2_900, 0.0, "planerad"),
    ("Översyn av ambulansberedskapen nattetid", "HSF-AKUT", 0, 6_000, 0.0, "avbruten"),
    ("Effektivare provtagning och analys", "HSF-DIA", 0, 3_100, 0.80, "genomford"),
    ("Färre inhyrda tandläkare i folktandvården", "HSF-FTV", 0, 4_000, 0.45, "pagaende"),
    ("Gemensam bemanningspool för sjuksköterskor",
     "RSTAB-HR-BEMANNING", 0, 8_000, 0.25, "pagaende"),
    ("Omförhandling av IT-licensavtal", "RSTAB-IT-LICENSER", 0, 4_500, 1.0, "genomford"),
    ("Energieffektivisering på Östersunds sjukhus",
     "RSTAB-FAST-DRIFTENERGI", 0, 7_800, 0.55, "pagaende"),
    ("Minskad lokalyta genom aktivitetsbaserade kontor", "RSTAB-FAST", 0, 3_200, 0.0, "planerad"),
    ("Digitalt flöde för leverantörsfakturor", "RSTAB-EKO-EKSERVICE", 0, 1_200, 1.1, "genomford"),
    ("Samordnad administration för Jamtli och Länsmusiken", "RU-KOB", 0, 1_800, 0.40, "pagaende"),
    ("Minskade lokalkostnader på Birka folkhögskola", "RU-FHS", 0, 900, 0.85, "genomford"),
    ("Effektivare linjenät i stadstrafiken", "KTF-KT-STAD", 0, 6_500, 0.50, "pagaende"),
    ("Samordning av sjukresor och färdtjänst", "KTF-KT-SERVICERESOR", 0, 5_400, 0.60, "pagaende"),
    ("Färre turer med mycket lågt resande", "KTF-KT-NORRA", 0, 2_200, 1.0, "genomford"),
    ("Minska inhyrda läkare i primärvården", "HSF-PV", 1, 15_000, 0.70, "genomford"),
    ("Läkemedelsgenomgångar som minskar läkemedelskostnaden",
     "HSF-MED", 1, 3_000, 0.60, "genomford"),
    ("Översyn av lokaler i länet", "RSTAB-FAST-FORV-LAN", 1, 2_500, 1.0, "genomford"),
    ("Minskade resekostnader genom digitala möten", "RSTAB", 1, 1_500, 1.2, "genomford"),
)

HIRED_DOCTORS = "Minska inhyrda läkare på hälsocentralerna genom egen rekrytering"
GRANT_REPORT_LATE = "Psykisk hälsa och suicidprevention"
# Words in a measure's title that make it a staffing measure, with effect in årsarbetare.
STAFFING_WORDS = ("inhyrd", "bemanning", "övertid", "tandläkare")
TKR_PER_FTE = 1_400  # what an årsarbetare of hired staff costs a year, roughly

# (measure title, indicator code, unit code or None for the measure's, consequence watched)
WATCHED = (
    (HIRED_DOCTORS, "RJH-HSV-002", "HSF-PV", "Färre läkare på hälsocentralerna kan ge längre "
     "väntan på medicinsk bedömning."),
    (HIRED_DOCTORS, "RJH-HSV-001", "HSF-PV", "Patienter ska fortfarande få kontakt samma dag."),
    ("Avveckla inhyrda sjuksköterskor på akutmottagningen", "RJH-HSV-007", "HSF-AKUT-AKM",
     "Färre sjuksköterskor kan förlänga vistelsetiden på akuten."),
    ("Samordnad nattbemanning på medicinavdelningarna", "RJH-HSV-010", "HSF-MED",
     "Glesare nattbemanning kan ge fler återinskrivningar."),
)
ALTERNATIVES = {
    HIRED_DOCTORS: "Färre mottagningsdagar på de minsta hälsocentralerna: avstods, längre "
                   "resor för patienterna. Digitala läkarbesök i stället för inhyrda läkare: "
                   "genomförs delvis (se Digitala återbesök).",
    "Avveckla inhyrda sjuksköterskor på akutmottagningen":
        "Stänga akutmottagningen nattetid: avstods av patientsäkerhetsskäl.",
}
AGENCIES = {"Regionalt tillväxtarbete (anslag 1:1)": "Tillväxtverket",
            "Kultursamverkansmodellen": "Statens kulturråd",
            "Statsbidrag till folkhögskolor": "Folkbildningsrådet",
            "Stärkt landsbygdstrafik": "Trafikverket", "Elbusspremie": "Trafikverket",
            "Informationssäkerhet och cybersäkerhet": "MSB"}
DEFAULT_AGENCY = "Socialstyrelsen"

MEASURE_COMMENTS = {
    "genomford": "Åtgärden är genomförd och effekten följs upp i bokslutet.",
    "pagaende": "Åtgärden pågår; full effekt väntas först nästa år.",
    "planerad": "Åtgärden startar efter beslut i förvaltningsledningen.",
    "avbruten": "Åtgärden avbröts efter politiskt beslut att behålla nuvarande nivå.",
}


def load_grants(ctx: DemoContext) -> None:
    rng = ctx.rng("grants")
    catalogue = ctx.spec.grants
    codes = yearly_codes("SB", (ctx.as_of.year - grant[3] for grant in catalogue))
    rows = []
    for i, (name, purpose, unit, back, received, used, deadline) in enumerate(catalogue, start=1):
        year = ctx.as_of.year - back
        due = _deadline(ctx, year, deadline)
        rows.append({
            "id": i, "code": codes[i - 1], "name": name, "purpose": purpose,
            "unit_id": ctx.units[unit].id, "year": year, "received_tkr": float(received),
            "used_tkr": round(received * used, 1),
            "deadline": due,
            "updated_on": min(due, ctx.as_of) - dt.timedelta(days=rng.randint(0, 9)),
            "agency": AGENCIES.get(name, DEFAULT_AGENCY),
            "conditions": f"Pengarna får bara användas till syftet och ska vara använda "
                          f"senast {due.isoformat()}. Användningen redovisas till "
                          f"{AGENCIES.get(name, DEFAULT_AGENCY)}; det som inte används kan "
                          "krävas tillbaka.",
        })
    ctx.insert(StateGrant, rows)
    ctx.insert(GrantReport, _grant_reports(ctx, rows))


def _grant_reports(ctx: DemoContext, grants: list[dict]):
    """A delredovisning a month before the data's date (submitted, but for the late one) and a
    slutredovisning on 31 March after the deadline's year, submitted once that day is past."""
    next_id = 1
    for grant in grants:
        final = dt.date(grant["deadline"].year + 1, 3, 31)
        reports = [(final, "Slutredovisning av bidragets användning")]
        if grant["year"] == ctx.as_of.year:
            reports.insert(0, (add_months(ctx.as_of, -1), "Delredovisning av insatserna"))
        for due, title in reports:
            late = title.startswith("Del") and grant["name"] == GRANT_REPORT_LATE
            submitted = None if late or due > ctx.as_of else due - dt.timedelta(days=3)
            yield {"id": next_id, "grant_id": grant["id"], "due_on": due, "title": title,
                   "submitted_on": submitted,
                   "comment": "Väntar på verksamhetens underlag." if late else ""}
            next_id += 1


def _deadline(ctx: DemoContext, year: int, rule) -> dt.date:
    if rule == "year-end":
        return dt.date(year, 12, 31)
    if rule == "mid-next":
        return dt.date(year + 1, 6, 30)
    return add_months(ctx.as_of, rule)


def load_saving_measures(ctx: DemoContext) -> None:
    rng = ctx.rng("saving_measures")
    catalogue = ctx.spec.measures
    codes = yearly_codes("RFA", (ctx.as_of.year - measure[2] for measure in catalogue))
    rows = []
    for i, (title, unit, back, planned, share, status) in enumerate(catalogue, start=1):
        year = ctx.as_of.year - back
        achieved = round(planned * share * rng.uniform(0.92, 1.08), 1) if share else 0.0
        comment = MEASURE_COMMENTS[status]
        if status == "genomford" and achieved < planned:
            comment += f" Uppnådd effekt {number(achieved / 1000, 1)} mnkr av planerade " \
                       f"{number(planned / 1000, 1)} mnkr."
        namnd = ctx.units[unit].namnd or ctx.top
        rows.append({
            "id": i, "code": codes[i - 1], "title": title,
            "unit_id": ctx.units[unit].id, "year": year, "planned_effect_tkr": float(planned),
            "achieved_effect_tkr": achieved, "status": status, "comment": comment,
            "decision_dnr": f"{namnd}/{100 + i}/{year - 1}",
            "decision_paragraph": f"§ {10 + i}", "decided_on": dt.date(year - 1, 11, 20),
            "responsible": f"Chef för {ctx.units[unit].name}",
            "alternatives": ALTERNATIVES.get(title, ""),
        })
    ctx.insert(SavingMeasure, rows)
    ctx.insert(MeasureMonth, _months(ctx, rows))
    ctx.insert(MeasureIndicator, _watched(ctx, rows))


def _months(ctx: DemoContext, measures: list[dict]):
    """Each measure's plan spread evenly over its year's months, and its achieved effect so far
    over the months up to the data's date, growing month by month (a ramp); staffing measures
    also in årsarbetare."""
    next_id = 1
    for measure in measures:
        reported = 12 if measure["year"] < ctx.as_of.year else ctx.as_of.month
        weights = range(1, reported + 1)
        staffing = any(word in measure["title"].lower() for word in STAFFING_WORDS)
        for month in range(1, 13):
            planned = round(measure["planned_effect_tkr"] / 12, 1)
            achieved = (round(measure["achieved_effect_tkr"] * month / sum(weights), 1)
                        if month <= reported else None)
            yield {"id": next_id, "measure_id": measure["id"], "month": month,
                   "planned_tkr": planned, "achieved_tkr": achieved,
                   "planned_fte": round(planned * 12 / TKR_PER_FTE, 1) if staffing else 0.0,
                   "achieved_fte": (None if achieved is None else
                                    round(achieved * 12 / TKR_PER_FTE, 1) if staffing else 0.0)}
            next_id += 1


def _watched(ctx: DemoContext, measures: list[dict]):
    """The WATCHED links of the latest year's measures that this organisation has."""
    by_title = {m["title"]: m for m in measures if m["year"] == ctx.as_of.year}
    next_id = 1
    for title, indicator, unit, consequence in WATCHED:
        if title in by_title and indicator in ctx.indicators and unit in ctx.units:
            yield {"id": next_id, "measure_id": by_title[title]["id"],
                   "indicator_id": ctx.indicators[indicator].id,
                   "unit_id": ctx.units[unit].id, "consequence": consequence}
            next_id += 1
