"""Riktade statsbidrag and resultatförbättrande åtgärder.

"Kvinnors hälsa och förlossningsvård" of the latest year is the grant at risk: most of it
is unused two months before its deadline, so it may have to be paid back.
"""

from __future__ import annotations

import datetime as dt

from data_access.demo.context import DemoContext, yearly_codes
from data_access.demo.dates import add_months
from data_access.demo.texts import number
from data_access.models import SavingMeasure, StateGrant

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
        })
    ctx.insert(StateGrant, rows)


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
        rows.append({
            "id": i, "code": codes[i - 1], "title": title,
            "unit_id": ctx.units[unit].id, "year": year, "planned_effect_tkr": float(planned),
            "achieved_effect_tkr": achieved, "status": status, "comment": comment,
        })
    ctx.insert(SavingMeasure, rows)
