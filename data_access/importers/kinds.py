"""Every kind of import file, in the order a first load needs them (references point back).

Headers, allowed words and help texts are Swedish: they are what the region's files say and
what docs/import.md shows (generated from these descriptions by `importers.docs`).
"""

from __future__ import annotations

import calendar
import datetime as dt
from types import MappingProxyType

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from data_access import models as m
from data_access import profile
from data_access.demo.reference import AGENDA_2030
from data_access.importers.spec import Column, Kind, Link, Values
from data_access.importers.values import (
    AreaCode,
    Boolean,
    Choice,
    ChoiceList,
    Date,
    Decimal,
    FollowUp,
    FollowUpKey,
    Integer,
    MatchText,
    Period,
    Ref,
    RefList,
    Text,
    Time,
    period_end,
)
from data_access.status import FORECAST_LABELS_SV

# Numbers are finite and in the range the column can mean, so that sums of many stay finite.
AMOUNT_LIMIT_TKR = 1e12  # thousand kronor: a thousand times Sweden's state budget
VALUE_LIMIT = 1e12  # an indicator's value, whatever its unit (%, antal, kr, kr/invånare …)
YEAR = Integer(2000, 2100, "ett årtal")
MONTH = Integer(1, 12, "ett månadsnummer")
SCALE = Integer(1, 4)
ORDER = Integer(0, 1_000_000)
AMOUNT = Decimal(-AMOUNT_LIMIT_TKR, AMOUNT_LIMIT_TKR)
GRANT_AMOUNT = Decimal(0, AMOUNT_LIMIT_TKR)
VALUE = Decimal(-VALUE_LIMIT, VALUE_LIMIT, percent=True)  # "66 %" where the indicator is in %
TOLERANCE = Decimal(0, VALUE_LIMIT)
# Enheter, indicators, goals and kostnadsslag may be named by another system's id or name,
# translated to our code through the mappings (the `mappning` kind): names are longer.
CODE_OR_NAME = Text(300)
UNIT = Ref(m.OrgUnit, "enhet", value=CODE_OR_NAME)
NAMND = Ref(m.OrgUnit, "nämnd", value=CODE_OR_NAME, where=("level", "namnd"))
GOAL = Ref(m.Goal, "mål", value=CODE_OR_NAME)
INDICATOR = Ref(m.Indicator, "indikator", value=CODE_OR_NAME)
CATEGORY = Ref(m.CostCategory, "kostnadsslag", value=CODE_OR_NAME)
RISK = Ref(m.Risk, "risk")
FOLLOWUP = Ref(m.FollowUpPeriod, "uppföljning", key=("year", "kind"), value=FollowUp())
AGENDA = Ref(m.Agenda2030Goal, "Agenda 2030-mål", key=("number",),
             value=Integer(1, 17, "ett målnummer"))

LEVELS = Choice((("region", "region"), ("namnd", "nämnd"), ("forvaltning", "förvaltning"),
                 ("omrade", "område"), ("enhet", "enhet")))
GOAL_KINDS = Choice((("malbild", "målbild"), ("malomrade", "målområde"), ("namndmal", "nämndmål"),
                     ("framgangsfaktor", "framgångsfaktor"), ("forvaltningsmal", "förvaltningsmål"),
                     ("omradesmal", "områdesmål"), ("enhetsmal", "enhetsmål")))
FACTOR = profile.FACTOR_KIND
DIRECTIONS = Choice((("higher", "högre är bättre"), ("lower", "lägre är bättre"),
                     ("band", "intervall")), aliases=(("högre", "higher"), ("lägre", "lower")))
FREQUENCIES = Choice((("month", "månad"), ("tertial", "tertial"), ("year", "år")))
STATUSES = Choice((("green", "grön"), ("yellow", "gul"), ("red", "röd"), ("grey", "grå")),
                  aliases=(("uppfyllt", "green"), ("delvis uppfyllt", "yellow"),
                           ("ej uppfyllt", "red"), ("ej bedömt", "grey"), ("saknar data", "grey")))
FORECASTS = Choice(tuple((code, label.word.lower()) for code, label in FORECAST_LABELS_SV.items()),
                   aliases=(("uppfylls ej", "uppfylls_ej"), ("delvis uppfylls", "delvis"),
                            ("bedöms inte uppfyllas", "uppfylls_ej")))
UPPDRAG_STATUSES = Choice((("ej_paborjat", "ej påbörjat"), ("pagaende", "pågående"),
                           ("klart", "klart"), ("forsenat", "försenat"), ("avbrutet", "avbrutet")))
CATEGORY_KINDS = Choice((("kostnad", "kostnad"), ("intakt", "intäkt")))
MEASURE_STATUSES = Choice((("planerad", "planerad"), ("pagaende", "pågående"),
                           ("genomford", "genomförd"), ("avbruten", "avbruten")))
RISK_STATUSES = Choice((("oppen", "öppen"), ("accepterad", "accepterad"), ("stangd", "stängd")))
CONTROL_RESULTS = Choice((("utan_anmarkning", "utan anmärkning"), ("avvikelse", "avvikelse")))
CALENDAR_KINDS = Choice((("plan", "plan och budget"), ("tertialrapport", "tertialrapport"),
                         ("delarsrapport", "delårsrapport"), ("arsredovisning", "årsredovisning"),
                         ("rapportering", "rapportering"), ("sammantrade", "sammanträde"),
                         ("internkontroll", "internkontroll")),
                        aliases=(("plan med budget", "plan"), ("budgetbeslut", "plan"),
                                 ("budget", "plan"), ("möte", "sammantrade")))
ACTION_STATUSES = Choice((("ej_paborjad", "ej påbörjad"), ("pagaende", "pågående"),
                          ("klar", "klar")))
CONTROL_DOCUMENTS = Choice((("riskanalys", "riskanalys"),
                            ("internkontrollplan", "internkontrollplan")))


# Headers as Stratsys (and similar goal follow-up systems) write them in their exports of
# mätetal and bedömningar, read as our own headers. Its names for enheter, mätetal and mål
# go through the mappings; its periods and numbers are read as Swedish files write them.
STRATSYS_HEADERS = MappingProxyType({
    "indicator": ("Mätetal", "Mätetalsnamn", "Nyckeltal", "Indikatornamn"),
    "unit": ("Organisation", "Organisationsenhet", "Enhetsnamn", "Verksamhet"),
    "period": ("Datum", "Periodnamn", "Tidpunkt"),
    "value_total": ("Utfall", "Värde", "Utfall totalt"),
    "value_women": ("Utfall kvinnor",),
    "value_men": ("Utfall män",),
    "goal": ("Målnamn", "Styrkort"),
    "followup": ("Period", "Uppföljningsperiod"),
    "status": ("Bedömning", "Måluppfyllelse"),
    "analysis": ("Kommentar",),
    "assessed_on": ("Datum", "Bedömningsdatum"),
})


def _code(what: str, example: str) -> Column:
    return Column("Kod", "code", Text(40), f"{what}s kod, unik; raden uppdateras om koden finns",
                  example, key=True)


def _text(header: str, field: str, help: str, example: str, *, length: int = 10_000,
          required: bool = False) -> Column:
    return Column(header, field, Text(length), help, example, required=required,
                  default=None if required else "")


def _values(help_total: str) -> tuple[Column, ...]:
    return (
        Column("Värde totalt", "value_total", VALUE, help_total, "87,5", required=False,
               aliases=STRATSYS_HEADERS["value_total"]),
        Column("Värde kvinnor", "value_women", VALUE, "värdet för kvinnor (tomt om det saknas)",
               "88,1", required=False, aliases=STRATSYS_HEADERS["value_women"]),
        Column("Värde män", "value_men", VALUE, "värdet för män (tomt om det saknas)", "86,4",
               required=False, aliases=STRATSYS_HEADERS["value_men"]),
    )


def _month_end(values: Values) -> dt.date:
    year, month = values["year"], values["month"]
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _no_earlier(first: str, then: str, header: str, reason: str):
    """Rule: the `then` field may not be smaller than the `first` field."""
    def rule(values: Values) -> list[tuple[str, str]]:
        low, high = values.get(first), values.get(then)
        return [(header, reason)] if low is not None and high is not None and high < low else []
    return rule


def _done_has_date(values: Values) -> list[tuple[str, str]]:
    if values.get("status") == "klar" and values.get("done_on") is None:
        return [("Klar datum", "en klar åtgärd ska ha det datum den blev klar")]
    return []


def _ensure_agenda2030(session: Session) -> None:
    """The 17 global goals exist before goals point at them by number."""
    stored = set(session.scalars(select(m.Agenda2030Goal.number)))
    missing = [{"number": n, "name": name} for n, name in enumerate(AGENDA_2030, start=1)
               if n not in stored]
    if missing:
        session.execute(insert(m.Agenda2030Goal), missing)


def _get(field: str):
    return lambda values: values.get(field)


ORGANISATION = Kind(
    "organisation", "Organisation", m.OrgUnit,
    (
        _code("Enhetens", "HSF-PV-HC-BRUNFLO"),
        _text("Namn", "name", "enhetens namn", "Hälsocentralen Brunflo", length=200, required=True),
        Column("Nivå", "level", LEVELS, "nivå i organisationen", "enhet"),
        Column("Överordnad", "parent_id", UNIT, "koden för enheten närmast ovanför (tomt för "
               "hela organisationen); får stå längre ned i filen", "HSF-PV", required=False),
        Column("Nämnd", "namnd_id", NAMND, "koden för nämnden eller styrelsen som enheten hör till; "
               "en nämnd anger sig själv", "HSN", required=False),
        Column("Sortering", "sort_order", ORDER, "ordning bland syskonen", "3",
               required=False, default=0),
        Column("Aktiv", "active", Boolean(), "om enheten finns i dag", "ja", required=False,
               default=True),
    ),
    "Organisationens enheter: hela organisationen, nämnder, förvaltningar, områden och enheter.",
    statuses=True, trees=True,
)

def _code_and_name(name: str, title: str, model: type, the: str, examples: tuple[str, str],
                   about: str) -> Kind:
    """A kind of reference list: a code and a name per row (`the`: "processen")."""
    length = model.__table__.c.name.type.length
    return Kind(name, title, model, (
        _code(the.capitalize(), examples[0]),
        _text("Namn", "name", f"{the}s namn", examples[1], length=length, required=True),
    ), about)


PERSPECTIVE = Ref(m.Perspective, "perspektiv", none="inget")

PERSPECTIVES = Kind(
    "perspektiv", "Perspektiv", m.Perspective,
    (
        _code("Perspektivet", "jamstalldhet"),
        _text("Namn", "name", "perspektivets namn", "Jämställdhet och jämlikhet",
              length=m.Perspective.__table__.c.name.type.length, required=True),
        Column("Sortering", "sort_order", ORDER, "ordning i listor och rapporter", "1",
               required=False, default=0),
        Column("Krävs för", "required_for", ChoiceList(GOAL_KINDS), "måltyper där perspektivet "
               "krävs: ett mål av en sådan typ ska bära minst ett av de perspektiv som krävs för "
               "typen, annars visas det i Målkvalitet (tomt: krävs inte)", "nämndmål",
               required=False, default=""),
    ),
    "Styrmodellens perspektiv, som mål och indikatorer bär, till exempel jämställdhet och "
    "barnrätt, och vilka måltyper som måste bära något av dem.",
)

INDICATORS = Kind(
    "indikatorer", "Indikatorer", m.Indicator,
    (
        _code("Indikatorn", "N70061"),
        _text("Namn", "name", "indikatorns namn", "Nettokostnad hälso- och sjukvård, kr/inv",
              length=300, required=True),
        _text("Beskrivning", "description", "vad indikatorn mäter och varför", "Kostnad per "
              "invånare."),
        _text("Förklaring", "explanation", "förklaring på vanlig svenska för de öppna sidorna: "
              "vad talet betyder och varför det spelar roll", "Hur mycket som läggs på "
              "vård per invånare."),
        _text("Enhet", "unit", "måttenhet, t.ex. %, antal, kr, kr/invånare, dagar", "kr/invånare",
              length=30, required=True),
        Column("Riktning", "direction", DIRECTIONS, "vilket håll som är bättre; intervall betyder "
               "att utfallet ska ligga mellan målvärdet och det övre målvärdet", "lägre är bättre"),
        Column("Frekvens", "frequency", FREQUENCIES, "hur ofta den mäts", "år"),
        _text("Källa", "source", "varifrån värdena kommer; Kolada för Koladas nyckeltal", "Kolada",
              length=100, required=True),
        Column("Publicerad", "published", Boolean(), "visas för allmänheten", "ja",
               required=False, default=False),
        Column("Könsuppdelad", "by_sex", Boolean(), "mäts för kvinnor och män", "nej",
               required=False, default=False),
        Column("Långsiktigt nyckeltal", "long_term", Boolean(), "ett av fullmäktiges långsiktiga "
               "nyckeltal", "nej", required=False, default=False),
        Column("Perspektiv", "perspectives", RefList(PERSPECTIVE), "koder för styrmodellens "
               "perspektiv som indikatorn belyser", "jamstalldhet", required=False, default=(),
               link=Link(m.indicator_perspectives, "indicator_id", "perspective_id")),
    ),
    "Indikatorer (nyckeltal, mätetal). Koden för ett Kolada-nyckeltal är dess Kolada-id.",
    statuses=True, search=True,
)

def _factor_parent(kind, parent_kind) -> str | None:
    """Why a goal may not hang under its parent: a framgångsfaktor hangs under a nämndmål."""
    if kind != FACTOR or parent_kind == "namndmal":
        return None
    if parent_kind is None:
        return "en framgångsfaktor ska ligga under ett nämndmål: skriv nämndmålets kod"
    article = "en" if parent_kind == FACTOR else "ett"
    return (f"en framgångsfaktor ska ligga under ett nämndmål, men det överordnade målet är "
            f"{article} {GOAL_KINDS.format(parent_kind)}")


def _factors_in_use(session: Session):
    """Rule: framgångsfaktorer only for an organisation whose profile says it uses them."""
    stored = profile.read(session)
    used = stored is not None and stored.success_factors

    def rule(values: Values) -> list[tuple[str, str]]:
        if values.get("kind") == FACTOR and not used:
            return [("Typ", "organisationen använder inte framgångsfaktorer: slå på dem under "
                            "Administration › Organisation (eller med rodtrad profil satt "
                            "--framgangsfaktorer ja) innan de läses in")]
        return []
    return rule


GOALS = Kind(
    "mal", "Mål", m.Goal,
    (
        _code("Målet", "HSF-PV-M1"),
        Column("Typ", "kind", GOAL_KINDS, "nivå i styrkedjan; en framgångsfaktor ligger under "
               "ett nämndmål och används bara när organisationsprofilen säger det",
               "områdesmål"),
        _text("Titel", "title", "målets formulering", "Fler patienter får vård i tid", length=300,
              required=True),
        _text("Beskrivning", "description", "förklaring av målet", "Väntetiderna ska ned."),
        Column("Överordnat mål", "parent_id", GOAL, "koden för målet ovanför (tomt för "
               "målbilden); får stå längre ned i filen", "HSF-M3", required=False),
        Column("Ägare", "owner_unit_id", UNIT, "koden för enheten som äger målet", "HSF-PV"),
        Column("Planperiod från", "plan_start_year", YEAR, "planperiodens första år", "2024"),
        Column("Planperiod till", "plan_end_year", YEAR, "planperiodens sista år", "2026"),
        Column("Publicerad", "published", Boolean(), "visas för allmänheten", "nej",
               required=False, default=False),
        Column("Sortering", "sort_order", ORDER, "ordning bland syskonen", "1",
               required=False, default=0),
        Column("Perspektiv", "perspectives", RefList(PERSPECTIVE),
               "koder för styrmodellens perspektiv", "jamstalldhet, barnratt", required=False, default=(),
               link=Link(m.goal_perspectives, "goal_id", "perspective_id")),
        Column("Agenda 2030", "agenda2030", RefList(AGENDA), "nummer på de globala målen som "
               "målet bidrar till", "3, 5", required=False, default=(),
               link=Link(m.goal_agenda2030, "goal_id", "agenda2030_id")),
        Column("Indikatorer", "indicators", RefList(INDICATOR), "koder för indikatorer som mäter "
               "målet", "N70061", required=False, default=(),
               link=Link(m.goal_indicators, "goal_id", "indicator_id")),
    ),
    "Mål i hela styrkedjan, från målbilden till enhetsmål, med länkar till perspektiv, "
    "Agenda 2030 och indikatorer. En organisation som använder framgångsfaktorer (se "
    "organisationsprofilen) lägger dem under nämndmålen, och förvaltningsmålen under dem.",
    rules=_no_earlier("plan_start_year", "plan_end_year", "Planperiod till",
                      "planperioden kan inte sluta före det år den börjar"),
    statuses=True, trees=True, prepare=_ensure_agenda2030, stored_rule=_factors_in_use,
    parent_rule=("kind", _factor_parent),
)

TARGETS = Kind(
    "malvarden", "Målvärden", m.Target,
    (
        Column("Indikator", "indicator_id", INDICATOR, "indikatorns kod", "N70061", key=True),
        Column("Enhet", "unit_id", UNIT, "koden för enheten målvärdet gäller", "HSN", key=True),
        Column("År", "year", YEAR, "året målvärdet gäller", "2026", key=True),
        Column("Målvärde", "value", VALUE, "målvärdet (den nedre gränsen för intervall)",
               "32000"),
        Column("Övre målvärde", "upper_value", VALUE, "den övre gränsen, bara för intervall",
               "", required=False),
        Column("Tolerans", "tolerance", TOLERANCE, "hur långt från målvärdet utfallet "
               "får vara och ändå bli gult", "500", required=False, default=0.0),
    ),
    "Målvärden per indikator, enhet och år.",
    rules=_no_earlier("value", "upper_value", "Övre målvärde",
                      "det övre målvärdet får inte vara mindre än målvärdet"),
    statuses=True, by_indicator="indicator_id",
)

MEASUREMENTS = Kind(
    "matvarden", "Mätvärden", m.Measurement,
    (
        Column("Indikator", "indicator_id", INDICATOR, "indikatorns kod", "N70061", key=True,
               aliases=STRATSYS_HEADERS["indicator"]),
        Column("Enhet", "unit_id", UNIT, "koden för enheten värdet gäller", "HSF", key=True,
               aliases=STRATSYS_HEADERS["unit"]),
        Column("Period", "period", Period(), "perioden värdet gäller", "2026-09", key=True,
               aliases=STRATSYS_HEADERS["period"]),
        *_values("värdet för alla (tomt om det saknas)"),
        Column("Källa", "source", Text(100), "varifrån värdet kommer; får saknas när importen "
               "anger sin källa (--kalla stratsys), som då blir värdet", "Heroma",
               from_source=True),
    ),
    "Utfall för indikatorer per enhet och period, totalt och för kvinnor och män.",
    derive=lambda values: {"period_end": period_end(values["period"])},
    as_of=_get("period_end"), statuses=True, latest=True, stamp="loaded_at",
    by_indicator="indicator_id",
)

COMPARISONS = Kind(
    "jamforelser", "Jämförelser", m.ComparisonMeasurement,
    (
        Column("Indikator", "indicator_id", INDICATOR, "indikatorns kod", "N70061", key=True),
        Column("Område", "area_code", AreaCode(), "Koladas områdeskod, t.ex. 0000 för riket",
               "0000", key=True),
        Column("Period", "period", Period(), "perioden värdet gäller", "2025", key=True),
        _text("Områdesnamn", "area_name", "områdets namn", "Riket", length=100, required=True),
        *_values("värdet för området (tomt om det saknas)"),
        Column("Källa", "source", Text(100), "varifrån värdet kommer", "Kolada", required=False,
               default="Kolada"),
    ),
    "Jämförelsevärden för områden utanför organisationen (riket, andra regioner eller "
    "kommuner), oftast från Kolada.",
    as_of=lambda values: period_end(values["period"]), stamp="loaded_at",
    by_indicator="indicator_id",
)

FOLLOWUPS = Kind(
    "uppfoljningar", "Uppföljningar", m.FollowUpPeriod,
    (
        Column("Uppföljning", "year,kind", FollowUp(), "uppföljningstillfället", "Delår 2026",
               key=True),
        Column("Slutdatum", "end_date", Date(), "dagen uppföljningen avser", "2026-08-31"),
    ),
    "Uppföljningstillfällen: T1 (per 30 april), Delår (31 augusti) och Helår (31 december).",
    statuses=True,
)

ASSESSMENTS = Kind(
    "bedomningar", "Bedömningar", m.Assessment,
    (
        Column("Mål", "goal_id", GOAL, "målets kod", "HSN-M3", key=True,
               aliases=STRATSYS_HEADERS["goal"]),
        Column("Uppföljning", "followup_period_id", FOLLOWUP, "uppföljningen bedömningen gäller; "
               "den ska finnas (se uppfoljningar)", "Delår 2026", key=True,
               aliases=STRATSYS_HEADERS["followup"]),
        Column("Status", "status", STATUSES, "målägarens bedömning; även uppfyllt, delvis "
               "uppfyllt, ej uppfyllt och ej bedömt går bra", "gul",
               aliases=STRATSYS_HEADERS["status"]),
        Column("Analys", "analysis", Text(10_000), "målägarens analys",
               "Väntetiderna har minskat men inte nog.", required=False, default="",
               aliases=STRATSYS_HEADERS["analysis"]),
        _text("Åtgärder", "actions", "planerade åtgärder", "Fler operationssalar öppnas."),
        Column("Helårsprognos", "forecast", FORECASTS, "målägarens prognos för året: uppfylls "
               "målet vid årets slut? Mål som bedöms inte uppfyllas rapporteras till "
               "fullmäktige. Tomt om ingen prognos görs", "bedöms delvis uppfyllas",
               required=False, default=None, aliases=("Prognos", "Prognos helår")),
        _text("Bedömd av", "author", "vem som bedömde", "Anna Andersson", length=200),
        Column("Bedömd", "assessed_on", Date(), "datum för bedömningen", "2026-09-15",
               aliases=STRATSYS_HEADERS["assessed_on"]),
    ),
    "Målägarnas bedömningar (färg, analys, åtgärder och helårsprognos) per mål och uppföljning.",
    as_of=_get("assessed_on"), statuses=True,
)

UPPDRAG = Kind(
    "uppdrag", "Uppdrag", m.Uppdrag,
    (
        _code("Uppdraget", "UPP-2026-01"),
        _text("Titel", "title", "vad uppdraget gäller", "Ta fram en plan för bemanning",
              length=300, required=True),
        _text("Beskrivning", "description", "beslutet och bakgrunden", "Uppdrag i fullmäktiges plan med budget."),
        Column("Från", "issuer_unit_id", UNIT, "koden för den som gav uppdraget (hela "
               "organisationen för fullmäktige)", "RS"),
        Column("Till", "assignee_unit_id", UNIT, "koden för den som har uppdraget", "HSN"),
        Column("Mål", "goal_id", GOAL, "koden för målet uppdraget hör till", "HSN-M3",
               required=False),
        Column("År", "year", YEAR, "året uppdraget gavs", "2026"),
        Column("Tidsfrist", "deadline", Date(), "när uppdraget ska vara klart", "2026-12-31",
               required=False),
        Column("Status", "status", UPPDRAG_STATUSES, "hur det går", "pågående"),
        _text("Kommentar", "comment", "senaste lägesrapport", "Arbetet pågår."),
    ),
    "Uppdrag från fullmäktige, styrelsen och nämnderna.",
)

CATEGORIES = Kind(
    "kostnadsslag", "Kostnadsslag", m.CostCategory,
    (
        _code("Kostnadsslaget", "personal_inhyrd"),
        _text("Namn", "name", "kostnadsslagets namn", "Inhyrd personal", length=100, required=True),
        Column("Typ", "kind", CATEGORY_KINDS, "kostnad eller intäkt", "kostnad"),
        Column("Överordnat", "parent_id", CATEGORY, "koden för "
               "kostnadsslaget ovanför; belopp bokförs bara på de understa", "personal",
               required=False),
        Column("Sortering", "sort_order", ORDER, "ordning i listor", "3", required=False,
               default=0),
    ),
    "Kostnads- och intäktsslag som ekonomins belopp bokförs på.",
)


def _economy(kind: str, title: str, about: str, as_of) -> Kind:
    return Kind(
        kind, title, m.EconomyEntry,
        (
            Column("Enhet", "unit_id", UNIT, "enhetens kod", "HSF-PV-HC-BRUNFLO", key=True),
            Column("Kostnadsslag", "category_id", CATEGORY, "kostnadsslagets kod",
                   "personal_inhyrd", key=True),
            Column("År", "year", YEAR, "år", "2026", key=True),
            Column("Månad", "month", MONTH, "månad, 1–12", "9", key=True),
            Column("Belopp (tkr)", "amount_tkr", AMOUNT, "tusental kronor; intäkter positiva, "
                   "kostnader negativa", "-1234,5"),
        ),
        about, fixed=MappingProxyType({"kind": kind}), as_of=as_of, economy=True,
    )


BUDGET = _economy("budget", "Budget", "Årets budget fördelad per månad, enhet och kostnadsslag.",
                  None)
UTFALL = _economy("utfall", "Utfall", "Bokfört utfall per månad, enhet och kostnadsslag.",
                  _month_end)
PROGNOS = _economy("prognos", "Prognos", "Helårsprognos gjord i månaden, per enhet och "
                   "kostnadsslag.", _month_end)

GRANTS = Kind(
    "statsbidrag", "Statsbidrag", m.StateGrant,
    (
        _code("Statsbidraget", "SB-2026-01"),
        _text("Namn", "name", "bidragets namn", "Kvinnors hälsa och förlossningsvård", length=200,
              required=True),
        _text("Syfte", "purpose", "vad pengarna ska användas till", "Stärka förlossningsvården."),
        Column("Enhet", "unit_id", UNIT, "koden för enheten som har bidraget", "HSF-KVS"),
        Column("År", "year", YEAR, "bidragsåret", "2026"),
        Column("Erhållet (tkr)", "received_tkr", GRANT_AMOUNT, "mottaget belopp", "18400"),
        Column("Använt (tkr)", "used_tkr", GRANT_AMOUNT, "använt hittills", "4048"),
        Column("Sista dag", "deadline", Date(), "när pengarna ska vara använda", "2026-12-31"),
        Column("Uppdaterad", "updated_on", Date(), "när uppgifterna senast stämdes av",
               "2026-10-28"),
        _text("Villkor", "conditions", "statens villkor för pengarna",
              "Återrapportering till Socialstyrelsen senast 31 mars året efter."),
        _text("Myndighet", "agency", "myndigheten som beviljade bidraget och tar emot "
              "redovisningen", "Socialstyrelsen", length=200),
    ),
    "Riktade statsbidrag: belopp, använt, sista dag, villkor och beviljande myndighet.",
    as_of=_get("updated_on"),
)

GRANT_REPORTS = Kind(
    "statsbidragsredovisningar", "Redovisningar av statsbidrag", m.GrantReport,
    (
        Column("Statsbidrag", "grant_id", Ref(m.StateGrant, "statsbidrag"),
               "statsbidragets kod", "SB-2026-01", key=True),
        Column("Sista dag", "due_on", Date(), "när redovisningen ska vara inlämnad till "
               "myndigheten", "2026-09-30", key=True),
        _text("Redovisning", "title", "vad som ska redovisas", "Delredovisning av insatserna",
              length=300, required=True),
        Column("Inlämnad", "submitted_on", Date(), "när redovisningen lämnades in (tomt: inte "
               "inlämnad)", "2026-09-28", required=False),
        _text("Kommentar", "comment", "t.ex. varför den är sen", "Väntar på årets siffror."),
    ),
    "Redovisningar som statsbidragens villkor kräver, till den myndighet som gav bidraget: "
    "sista dag och när de lämnades in. En redovisning som inte är inlämnad när sista dagen "
    "har passerat är försenad.",
)

MEASURES = Kind(
    "atgarder", "Åtgärder (ekonomi)", m.SavingMeasure,
    (
        _code("Åtgärden", "RFA-2026-01"),
        _text("Titel", "title", "vad åtgärden är", "Minska inhyrda läkare", length=300,
              required=True),
        Column("Enhet", "unit_id", UNIT, "koden för enheten som genomför den", "HSF-PV"),
        Column("År", "year", YEAR, "året effekten gäller", "2026"),
        Column("Planerad effekt (tkr)", "planned_effect_tkr", AMOUNT, "planerad besparing",
               "18000"),
        Column("Uppnådd effekt (tkr)", "achieved_effect_tkr", AMOUNT, "uppnådd hittills",
               "5972,8"),
        Column("Status", "status", MEASURE_STATUSES, "hur det går", "pågående"),
        _text("Kommentar", "comment", "senaste lägesrapport", "Full effekt väntas nästa år."),
        _text("Diarienummer", "decision_dnr", "beslutets diarienummer", "HSN/812/2026",
              length=60),
        _text("Paragraf", "decision_paragraph", "var beslutet står i protokollet", "§ 45",
              length=40),
        Column("Beslutsdatum", "decided_on", Date(), "dagen beslutet fattades", "2026-02-12",
               required=False),
        _text("Ansvarig", "responsible", "vem som ansvarar för åtgärden", "Primärvårdschefen",
              length=200),
        _text("Alternativa åtgärder", "alternatives", "andra åtgärder som övervägdes och "
              "varför de inte valdes", "Minskat antal vårdplatser: avstods, för stor risk för "
              "överbeläggningar."),
    ),
    "Resultatförbättrande åtgärder med planerad och uppnådd effekt, beslut, ansvarig och de "
    "alternativa åtgärder som övervägdes.",
)

MEASURE = Ref(m.SavingMeasure, "åtgärd")
FTE = Decimal(-1_000_000, 1_000_000)

MEASURE_MONTHS = Kind(
    "atgardseffekter", "Åtgärdernas effekt per månad", m.MeasureMonth,
    (
        Column("Åtgärd", "measure_id", MEASURE, "åtgärdens kod", "RFA-2026-01", key=True),
        Column("Månad", "month", MONTH, "månad, 1–12, i åtgärdens år", "9", key=True),
        Column("Planerad effekt (tkr)", "planned_tkr", AMOUNT, "planerad besparing i månaden",
               "1500"),
        Column("Uppnådd effekt (tkr)", "achieved_tkr", AMOUNT, "uppnådd besparing i månaden "
               "(tomt: inte rapporterad än)", "620,5", required=False),
        Column("Planerade årsarbetare", "planned_fte", FTE, "planerad minskning i "
               "årsarbetare (heltidstjänster) i månaden", "3", required=False, default=0.0),
        Column("Uppnådda årsarbetare", "achieved_fte", FTE, "uppnådd minskning i årsarbetare "
               "(tomt: inte rapporterad än)", "1,5", required=False),
    ),
    "Resultatförbättrande åtgärders planerade och uppnådda effekt månad för månad, i tkr och i "
    "årsarbetare. Åtgärden ska finnas (filen Åtgärder (ekonomi)).",
)

MEASURE_INDICATORS = Kind(
    "atgardsindikatorer", "Åtgärdernas bevakade kvalitetsindikatorer", m.MeasureIndicator,
    (
        Column("Åtgärd", "measure_id", MEASURE, "åtgärdens kod", "RFA-2026-01", key=True),
        Column("Indikator", "indicator_id", INDICATOR, "koden för indikatorn som bevakas",
               "N70061", key=True),
        Column("Enhet", "unit_id", UNIT, "enheten där indikatorn bevakas (tomt: åtgärdens "
               "enhet)", "HSF-PV", required=False),
        _text("Konsekvens", "consequence", "vilken följd för vårdkvaliteten som bevakas",
              "Längre väntan på läkarbesök när inhyrda läkare försvinner."),
    ),
    "Kvalitetsindikatorer som bevakas för att se åtgärdernas följder för vårdkvaliteten. "
    "Åtgärden visas med en röd flagga när en bevakad indikators senaste utfall är rött.",
)

PRODUCTION_PLANS = Kind(
    "produktionsplan", "Produktionsplan", m.ProductionPlan,
    (
        Column("Indikator", "indicator_id", INDICATOR, "koden för indikatorn som mäter "
               "produktionen, en volym som läkarbesök eller förlossningar", "N70061",
               key=True),
        Column("Enhet", "unit_id", UNIT, "koden för enheten som planerar produktionen; en "
               "enhet ovanför som saknar egen plan får summan av sina enheters", "HSF-PV-HC-BRUNFLO",
               key=True),
        Column("Period", "period", Period(), "perioden planen gäller, oftast en månad",
               "2026-09", key=True),
        Column("Planerat", "value", Decimal(0, VALUE_LIMIT), "planerad volym i perioden, i "
               "indikatorns enhet", "1450"),
    ),
    "Produktionsplan: planerad volym per indikator, enhet och månad (eller annan period), "
    "som följs upp mot indikatorns utfall för samma period.",
    derive=lambda values: {"period_end": period_end(values["period"])},
    by_indicator="indicator_id",
)

PRODUCTIVITY = Kind(
    "produktivitet", "Produktivitetsmått", m.ProductivityMeasure,
    (
        _code("Måttet", "PROD-LAKARBESOK"),
        _text("Namn", "name", "måttets namn", "Personalkostnad per läkarbesök", length=200,
              required=True),
        Column("Indikator", "indicator_id", INDICATOR, "koden för indikatorn som mäter "
               "produktionen (nämnaren)", "N70061"),
        Column("Kostnadsslag", "categories", RefList(CATEGORY), "koder för kostnadsslagen vars "
               "utfall är täljaren; ett kostnadsslag räknas med dem under sig", "personal",
               link=Link(m.productivity_categories, "productivity_id", "category_id")),
        Column("Sortering", "sort_order", ORDER, "ordning i listor", "1", required=False,
               default=0),
    ),
    "Produktivitet: kostnaden för valda kostnadsslag per producerad enhet, till exempel "
    "personalkostnad per läkarbesök, räknad ur ekonomins utfall och indikatorns utfall.",
)

PROCESSES = _code_and_name(
    "processer", "Processer", m.Process, "processen", ("lon", "Lönehantering"),
    "Processer som risker finns i (lönehantering, attest, inhyrd personal …).")

RISKS = Kind(
    "risker", "Risker", m.Risk,
    (
        _code("Risken", "HSN-2026-R01"),
        _text("Titel", "title", "risken i korthet", "Felaktiga löneutbetalningar", length=300,
              required=True),
        _text("Beskrivning", "description", "vad som kan hända", "Lön betalas ut felaktigt."),
        Column("Nämnd", "namnd_id", NAMND, "koden för nämnden vars riskanalys risken hör till",
               "HSN"),
        Column("Ägare", "owner_unit_id", UNIT, "koden för enheten som äger risken", "HSF"),
        Column("Process", "process_id", Ref(m.Process, "process"), "processens kod", "lon"),
        Column("År", "year", YEAR, "riskanalysens år", "2026"),
        Column("Sannolikhet", "probability", SCALE, "1 mycket liten, 2 liten, 3 stor, "
               "4 mycket stor", "3"),
        Column("Konsekvens", "consequence", SCALE, "1 lindrig, 2 måttlig, 3 betydande, "
               "4 allvarlig", "4"),
        Column("Status", "status", RISK_STATUSES, "öppen tills risken är nere på en accepterad "
               "nivå", "öppen"),
        Column("I internkontrollplanen", "in_control_plan", Boolean(), "om risken finns i "
               "internkontrollplanen", "ja", required=False, default=False),
        Column("Mål", "goals", RefList(GOAL), "koder för mål som risken hotar", "HSN-M3",
               required=False, default=(), link=Link(m.risk_goals, "risk_id", "goal_id")),
    ),
    "Risker i nämndernas riskanalyser med sannolikhet och konsekvens.",
)

RISK_ASSESSMENTS = Kind(
    "riskbedomningar", "Riskbedömningar", m.RiskAssessment,
    (
        Column("Risk", "risk_id", RISK, "riskens kod", "HSN-2026-R01", key=True),
        Column("Datum", "assessed_on", Date(), "när risken bedömdes", "2026-09-20", key=True),
        Column("Sannolikhet", "probability", SCALE, "1–4", "3"),
        Column("Konsekvens", "consequence", SCALE, "1–4", "4"),
        _text("Kommentar", "comment", "varför bedömningen ändrades", "Omprövad vid delåret."),
    ),
    "Tidigare bedömningar av riskerna: historiken bakom dagens sannolikhet och konsekvens.",
    as_of=_get("assessed_on"),
)

CONTROL_POINTS = Kind(
    "kontrollmoment", "Kontrollmoment", m.ControlPoint,
    (
        _code("Kontrollmomentet", "HSN-2026-R01-K1"),
        Column("Risk", "risk_id", RISK, "koden för risken som kontrolleras", "HSN-2026-R01"),
        _text("Beskrivning", "description", "vad som kontrolleras", "Kontroll av löneutbetalningar",
              required=True),
        _text("Metod", "method", "hur", "Stickprov 20 utbetalningar", length=300),
        _text("Frekvens", "frequency", "hur ofta", "Månadsvis", length=100),
        Column("Planerat antal per år", "planned_per_year", Integer(0, 10_000),
               "antal kontroller per år", "12", required=False, default=1),
        _text("Ansvarig", "responsible", "vem som kontrollerar", "Lönechefen", length=200),
        _text("Rapporteras till", "reported_to", "vem som får resultatet", "Nämnden", length=200),
    ),
    "Kontrollmoment i internkontrollplanerna.",
)

CONTROL_RESULTS_KIND = Kind(
    "kontrollresultat", "Kontrollresultat", m.ControlResult,
    (
        Column("Kontrollmoment", "control_point_id", Ref(m.ControlPoint, "kontrollmoment"),
               "kontrollmomentets kod", "HSN-2026-R01-K1", key=True),
        Column("Datum", "performed_on", Date(), "när kontrollen gjordes", "2026-09-30", key=True),
        Column("Resultat", "result", CONTROL_RESULTS, "utfallet av kontrollen", "avvikelse"),
        _text("Kommentar", "comment", "vad som hittades", "Två felaktiga utbetalningar."),
    ),
    "Genomförda kontroller: utan anmärkning eller avvikelse.",
    as_of=_get("performed_on"),
)

RISK_ACTIONS = Kind(
    "riskatgarder", "Åtgärder (internkontroll)", m.RiskAction,
    (
        _code("Åtgärden", "HSN-2026-A01"),
        _text("Titel", "title", "vad som ska göras", "Automatisk avstämning av frånvaro",
              length=300, required=True),
        _text("Ansvarig", "owner", "namn och roll", "Anna Andersson, lönechef", length=200,
              required=True),
        Column("Ansvarig enhet", "owner_unit_id", UNIT, "koden för den ansvariges enhet", "HSF"),
        Column("Klar senast", "due_date", Date(), "sista dag", "2026-12-31"),
        Column("Status", "status", ACTION_STATUSES, "hur det går", "pågående"),
        Column("Klar datum", "done_on", Date(), "när åtgärden blev klar (krävs för klar)", "",
               required=False),
        Column("Risker", "risks", RefList(RISK), "koder för riskerna åtgärden minskar",
               "HSN-2026-R01", required=False, default=(),
               link=Link(m.action_risks, "action_id", "risk_id")),
    ),
    "Åtgärder mot risker, med ansvarig, slutdatum och status.",
    rules=_done_has_date,
)

CONTROL_DECISIONS = Kind(
    "internkontrollbeslut", "Beslut om internkontroll", m.ControlDecision,
    (
        Column("Nämnd", "namnd_id", NAMND, "koden för nämnden som fattade beslutet", "HSN",
               key=True),
        Column("År", "year", YEAR, "året riskanalysen eller internkontrollplanen gäller", "2026",
               key=True),
        Column("Dokument", "document", CONTROL_DOCUMENTS, "vad nämnden antog", "riskanalys",
               key=True),
        Column("Beslutad", "adopted_on", Date(), "dagen nämnden fattade beslutet", "2026-02-12"),
        _text("Paragraf", "reference", "var beslutet står i protokollet", "§ 12", length=100),
    ),
    "När varje nämnd antog sin riskanalys och sin internkontrollplan för ett år. En nämnd "
    "utan rad för ett år har inte antagit dokumentet.",
    as_of=_get("adopted_on"),
)


def _times_in_order(values: Values) -> list[tuple[str, str]]:
    """Rule: an end time needs a start time, and comes after it."""
    start, end = values.get("start_time"), values.get("end_time")
    if end is not None and start is None:
        return [("Sluttid", "en sluttid kräver en starttid")]
    return _no_earlier("start_time", "end_time", "Sluttid", "sluttiden är före starttiden")(values)


CALENDAR = Kind(
    "kalender", "Kalender (årshjul)", m.CalendarEvent,
    (
        _code("Händelsen", "HSN-2026-S03"),
        Column("Datum", "day", Date(), "dagen", "2026-05-27"),
        Column("Starttid", "start_time", Time(), "när det börjar (tomt för en heldag, t.ex. en "
               "sista dag)", "09:00", required=False),
        Column("Sluttid", "end_time", Time(), "när det slutar (kräver starttid)", "16:00",
               required=False),
        Column("Typ", "kind", CALENDAR_KINDS, "vad det är: beslut om plan och budget, en "
               "uppföljningsrapport, en nämnds sista dag för rapportering, ett sammanträde eller "
               "en sista dag i internkontrollplanen", "sammanträde"),
        _text("Titel", "title", "vad som händer", "Hälso- och sjukvårdsnämndens sammanträde",
              length=300, required=True),
        Column("Nämnd", "namnd_id", NAMND, "koden för nämnden eller styrelsen det gäller (tomt "
               "för hela organisationen, t.ex. fullmäktige)", "HSN", required=False),
        Column("Uppföljning", "followup", FollowUpKey(), "uppföljningen som behandlas (tomt "
               "om ingen); sammanträdet länkar till dess rapport", "T1 2026", required=False),
        _text("Plats", "place", "var", "Sammanträdesrummet", length=200),
    ),
    "Årshjulet: datum för beslut om plan och budget, uppföljningsrapporter, nämndernas "
    "rapportering och sammanträden och internkontrollplanens sista dagar.",
    rules=_times_in_order,
)

MAPPING_TYPES = Choice((("enhet", "enhet"), ("indikator", "indikator"), ("mal", "mål"),
                        ("kostnadsslag", "kostnadsslag")))
MAPPED_REFS = {"enhet": UNIT, "indikator": INDICATOR, "mal": GOAL, "kostnadsslag": CATEGORY}
ANY_SOURCE = "*"


def _mapped_code_exists(values: Values, ids) -> list[tuple[str, str]]:
    """Rule with lookups: a mapping's code names a stored row of its type."""
    ref = MAPPED_REFS[values["kind"]]
    if values["code"] in ids(ref):
        return []
    return [("Vår kod", f"det finns ingen {ref.what} med den koden")]


MAPPINGS = Kind(
    "mappning", "Mappningar", m.Mapping,
    (
        Column("Källa", "source", MatchText(40), "systemet som filerna kommer från, så som "
               "det anges som källa vid importen; * gäller alla filer", "stratsys", key=True),
        Column("Typ", "kind", MAPPING_TYPES, "vad det externa id:t eller namnet står för",
               "enhet", key=True),
        Column("Externt id eller namn", "external", MatchText(300), "det källan skriver i "
               "stället för vår kod, t.ex. en enhets namn i Stratsys", "HC Brunflo", key=True),
        Column("Vår kod", "code", Text(40), "koden i Rödtråd som det betyder; den ska finnas",
               "HSF-PV-HC-BRUNFLO"),
    ),
    "Mappningar från andra systems id:n och namn till Rödtråds koder för enheter, indikatorer, "
    "mål och kostnadsslag. Varje import läser kolumnerna för enhet, indikator, mål och "
    "kostnadsslag genom mappningarna först: de för filens källa och de för alla källor (*).",
    check=_mapped_code_exists,
)

KINDS: dict[str, Kind] = {kind.name: kind for kind in (
    ORGANISATION, PERSPECTIVES, INDICATORS, GOALS, TARGETS, MEASUREMENTS, COMPARISONS, FOLLOWUPS,
    ASSESSMENTS, UPPDRAG, CATEGORIES, MAPPINGS, BUDGET, UTFALL, PROGNOS, GRANTS, GRANT_REPORTS,
    MEASURES, MEASURE_MONTHS, MEASURE_INDICATORS, PRODUCTION_PLANS, PRODUCTIVITY, PROCESSES,
    RISKS, RISK_ASSESSMENTS, CONTROL_POINTS, CONTROL_RESULTS_KIND, RISK_ACTIONS,
    CONTROL_DECISIONS,
    CALENDAR,
)}
