"""Uppdrag (assignments) from regionfullmäktige, regionstyrelsen and the nämnder.

Deadlines are set relative to `as_of`, so every demo date has some uppdrag that are
done, some under way and some overdue (deadline passed, not klart).
"""

from __future__ import annotations

import datetime as dt
import random

from data_access.demo.context import DemoContext, yearly_codes
from data_access.demo.dates import add_months
from data_access.demo.texts import number
from data_access.models import Uppdrag

# (issuer, assignee, goal or None, deadline in months from as_of, outcome, title)
# outcome: klart, sen (overdue), pagaende, ej (not started), avbrutet. The region itself
# (RJH) issues on behalf of regionfullmäktige, which is not a unit of the organisation.
UPPDRAG = (
    ("RJH", "HSN", "HSN-M5", -8, "sen",
     "Ta fram en plan för att fasa ut inhyrd personal inom hälso- och sjukvården"),
    ("RJH", "RS", "RS-M4", -14, "klart",
     "Ta fram en långsiktig plan för finansiering av pensionsåtagandena"),
    ("RJH", "HSN", "HSN-M3", 10, "pagaende",
     "Utveckla den nära vården i samverkan med länets kommuner"),
    ("RJH", "RUN", "RUN-M1", 14, "pagaende",
     "Ta fram en regional utvecklingsstrategi för perioden efter 2030"),
    ("RJH", "KTN", "KTN-M1", -3, "sen",
     "Utreda förutsättningarna för utökad tågtrafik på Mittbanan"),
    ("RJH", "RS", "RS-M2", -1, "sen",
     "Ta fram en lokalförsörjningsplan för Östersunds sjukhus"),
    ("RJH", "RS", "RS-M6", -10, "klart",
     "Införa ett gemensamt arbetssätt för riskanalys och intern kontroll"),
    ("RJH", "HSN", "HSN-M1", 2, "pagaende",
     "Korta vårdköerna genom ökad produktion och samverkan med andra regioner"),
    ("RJH", "RUN", "RUN-M4", -6, "klart",
     "Ta fram en regional klimat- och energistrategi"),
    ("RJH", "RS", "RS-M5", -12, "klart",
     "Genomföra en översyn av regionens arbetsgivarvarumärke"),
    ("RJH", "HSN", "HSN-M2", -2, "klart",
     "Införa ett sammanhållet patientsäkerhetsprogram"),
    ("RJH", "RS", None, -4, "avbrutet",
     "Utreda samordnad upphandling med grannregionerna"),
    ("RJH", "PN", "PN-M1", 3, "pagaende",
     "Utveckla återkopplingen av klagomål till vårdgivarna"),
    ("RS", "RSTAB", "RS-M1", -5, "sen",
     "Införa e-handel i hela organisationen"),
    ("RS", "RSTAB-IT", "RSTAB-M6", 3, "pagaende",
     "Genomföra en säkerhetsanalys av IT-miljön enligt NIS2-direktivet"),
    ("RS", "RSTAB-FAST", "RSTAB-M2", -9, "klart",
     "Ta fram en plan för solceller på regionens fastigheter"),
    ("RS", "RSTAB-EKO", "RSTAB-M4", -2, "sen",
     "Förbättra prognosprocessen inför delårsbokslutet"),
    ("RS", "RSTAB-HR", "RSTAB-M3", 8, "pagaende",
     "Införa heltid som norm i hela regionen"),
    ("RS", "RSTAB-LED", "RS-M6", -20, "klart",
     "Revidera riktlinjen för politiska styrdokument"),
    ("RS", "RSTAB", None, -26, "klart",
     "Återredovisa en aktivitetsplan för implementering av den nya styrmodellen"),
    ("RS", "PNK", None, 15, "ej",
     "Se över patientnämndens kansliorganisation"),
    ("HSN", "HSF", "HSF-M5", -7, "klart",
     "Redovisa kostnaderna för inhyrd personal per verksamhetsområde varje månad"),
    ("HSN", "HSF-PV", "HSF-M3", 5, "pagaende",
     "Införa fast läkarkontakt på samtliga hälsocentraler"),
    ("HSN", "HSF-AKUT", "HSF-M1", -3, "sen",
     "Utreda en sammanhållen akutsjukvård i Härjedalen"),
    ("HSN", "HSF-PSY", "HSF-M4", -1, "sen",
     "Ta fram en handlingsplan för kortare väntetider inom BUP"),
    ("HSN", "HSF-KVS", "HSN-M2", 4, "pagaende",
     "Säkra tryggheten för gravida som bor långt från förlossningen"),
    ("HSN", "HSF-FTV", "HSF-M8", -4, "klart",
     "Redovisa åtgärder för att minska kön till vuxentandvården"),
    ("HSN", "HSF-MED", "HSF-M9", -11, "klart",
     "Ta fram en plan för fler disponibla vårdplatser under vintern"),
    ("HSN", "HSF", "HSN-M5", 2, "pagaende",
     "Genomföra resultatförbättrande åtgärder motsvarande 150 miljoner kronor"),
    ("HSN", "HSF-DIA", None, 12, "ej",
     "Utreda en gemensam laboratorieorganisation med Region Västernorrland"),
    ("HSN", "HSF-PV", "HSN-M3", -6, "sen",
     "Etablera mobila närvårdsteam i samtliga kommuner"),
    ("HSN", "HSF-KIR", "HSF-M1", -15, "klart",
     "Öka antalet operationer genom kvälls- och helgverksamhet"),
    ("RUN", "RU-KOB", "RUN-M6", -10, "klart",
     "Ta fram en ny kulturplan för Jämtlands län"),
    ("RUN", "RU-NSU", "RUN-M2", 6, "pagaende",
     "Utveckla det regionala kompetensförsörjningsarbetet"),
    ("RUN", "RU-FHS", "RUN-M9", 9, "ej",
     "Utreda en filial för Birka folkhögskola i Härjedalen"),
    ("RUN", "RU-NSU", "RUN-M5", -5, "sen",
     "Ta fram en regional bredbandsstrategi"),
    ("RUN", "RU-KOB", "RUN-M8", 4, "pagaende",
     "Stärka det sydsamiska kulturarvet i samverkan med Gaaltije"),
    ("KTN", "KTF", "KTN-M3", -18, "klart",
     "Upphandla fossilfri busstrafik från nästa avtalsperiod"),
    ("KTN", "KTF-KT", "KTN-M2", -2, "sen",
     "Införa en ny biljett- och betallösning"),
    ("KTN", "KTF-KT", "KTN-M4", 1, "pagaende",
     "Samordna sjukresor och färdtjänst i en beställningscentral"),
    ("KTN", "KTF", "KTN-M1", -7, "klart",
     "Utreda anropsstyrd trafik i glesbygd"),
)

ISSUER_TEXT = {
    "RJH": "Uppdrag från regionfullmäktige i Regionplan med budget",
    "RS": "Uppdrag från regionstyrelsen",
    "HSN": "Uppdrag från hälso- och sjukvårdsnämnden",
    "RUN": "Uppdrag från regionala utvecklingsnämnden",
    "KTN": "Uppdrag från kollektivtrafiknämnden",
}
DELAY_REASONS = (
    "vakanser i projektgruppen",
    "att underlag från andra regioner dröjt",
    "att upphandlingen har överprövats",
    "omprioriteringar under sommaren",
)


def load_uppdrag(ctx: DemoContext) -> None:
    rng = ctx.rng("uppdrag")
    catalogue = ctx.spec.uppdrag
    deadlines = [add_months(ctx.as_of, row[3]) for row in catalogue]
    # Given in the year before a deadline in the spring, else in the deadline's year.
    years = [min(d.year - (d.month <= 6), ctx.as_of.year) for d in deadlines]
    codes = yearly_codes("UPP", years)
    rows = []
    for i, (issuer, assignee, goal, _, outcome, title) in enumerate(catalogue, start=1):
        deadline, year = deadlines[i - 1], years[i - 1]
        status, comment = _status(ctx, outcome, issuer, deadline, rng)
        rows.append({
            "id": i,
            "code": codes[i - 1],
            "title": title,
            "description": _description(ctx, issuer, year),
            "issuer_unit_id": ctx.units[issuer].id,
            "assignee_unit_id": ctx.units[assignee].id,
            "goal_id": ctx.goals[goal].id if goal else None,
            "year": year,
            "deadline": deadline,
            "status": status,
            "comment": comment,
        })
    ctx.insert(Uppdrag, rows)


def _description(ctx: DemoContext, issuer: str, year: int) -> str:
    text = ctx.spec.issuer_text[issuer]
    if issuer == ctx.top:
        return f"{text} {year}–{year + 2}, beslutad i juni {year - 1}."
    return f"{text}, beslut {year}."


def _status(ctx: DemoContext, outcome: str, issuer: str, deadline: dt.date,
            rng: random.Random) -> tuple[str, str]:
    """The status word and a comment that fits it."""
    if outcome == "klart":
        done = min(deadline - dt.timedelta(days=rng.randint(0, 40)), ctx.as_of)
        body = ctx.spec.council if issuer == ctx.top else ctx.units[issuer].name.lower()
        return "klart", f"Slutredovisat till {body} {done.isoformat()}."
    if outcome == "sen":
        new = add_months(ctx.as_of, rng.randint(2, 6))
        reason = rng.choice(DELAY_REASONS)
        return (rng.choices(("forsenat", "pagaende"), (7, 3))[0],
                f"Arbetet har försenats av {reason}. Redovisning beräknas till {new.isoformat()}.")
    if outcome == "pagaende":
        share = rng.randint(3, 8) * 10
        return "pagaende", f"Arbetet pågår enligt plan; ungefär {number(share, 0)} procent är klart."
    if outcome == "ej":
        return "ej_paborjat", f"Arbetet planeras att starta under {deadline.year}."
    return "avbrutet", f"Uppdraget avbröts efter beslut i {ctx.spec.board}."
