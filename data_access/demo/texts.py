"""Swedish words for the demo: numbers, people and the phrases follow-up texts are built from."""

from __future__ import annotations

import random

from babel.numbers import format_decimal

FIRST_NAMES = (
    "Anna", "Maria", "Karin", "Sara", "Lena", "Eva", "Kerstin", "Malin", "Emma", "Ingrid",
    "Johanna", "Sofia", "Helena", "Linnea", "Ida", "Frida", "Elin", "Annika", "Ulrika", "Camilla",
    "Erik", "Lars", "Anders", "Per", "Johan", "Magnus", "Mikael", "Jonas", "Henrik", "Olof",
    "Niklas", "Fredrik", "Daniel", "Mattias", "Stefan", "Peter", "Martin", "Jan", "Nils", "Hans",
)
LAST_NAMES = (
    "Andersson", "Persson", "Olsson", "Eriksson", "Jonsson", "Nilsson", "Svensson", "Larsson",
    "Hansson", "Berglund", "Sundqvist", "Lindqvist", "Östlund", "Holmgren", "Nordin", "Sjödin",
    "Bergström", "Wikström", "Strömberg", "Lundin", "Hägglund", "Jämtelid", "Oscarsson",
    "Brännström", "Norberg", "Ahlin", "Engström", "Kristoffersson", "Backman", "Sandberg",
)

# Who answers for a unit's follow-up, by the unit's code or level.
ROLE_BY_UNIT = {
    "RJH": "regiondirektör",
    "RS": "regiondirektör",
    "HSN": "hälso- och sjukvårdsdirektör",
    "RUN": "regional utvecklingsdirektör",
    "KTN": "kollektivtrafikdirektör",
    "PN": "kanslichef",
    "RSTAB": "regionstabschef",
    "HSF": "hälso- och sjukvårdsdirektör",
    "RU": "regional utvecklingsdirektör",
    "KTF": "kollektivtrafikdirektör",
    "PNK": "kanslichef",
}
ROLE_BY_LEVEL = {"omrade": "områdeschef", "enhet": "enhetschef"}


def person(rng: random.Random) -> str:
    """A fictional Swedish name."""
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


def role_of(code: str, level: str, roles=None) -> str:
    """The role that answers for a unit: by its code (the demo's `roles`), else its level."""
    return (roles if roles is not None else ROLE_BY_UNIT).get(code) or \
        ROLE_BY_LEVEL.get(level, "chef")


def signature(rng_for_unit: random.Random, code: str, level: str, roles=None) -> str:
    """'Karin Sjödin, områdeschef': the person who signs for a unit."""
    role = role_of(code, level, roles)
    return f"{person(rng_for_unit)}, {role}"


def number(value: float, decimals: int = 1) -> str:
    """Swedish number format: non-breaking space for thousands, decimal comma."""
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale="sv_SE")


def with_unit(value: float, unit: str, decimals: int) -> str:
    """'87,3 %', '1 234 antal' reads oddly, so counts go without their unit."""
    text = number(value, decimals)
    if unit == "antal":
        return text
    return f"{text}\u00a0{unit}"


STATUS_SENTENCES = {
    "green": (
        "Målet bedöms vara uppfyllt för perioden och utvecklingen går åt rätt håll.",
        "Målvärdet nås och arbetet fortsätter enligt verksamhetsplanen.",
        "Resultatet är stabilt och samtliga verksamheter bidrar till måluppfyllelsen.",
    ),
    "yellow": (
        "Målet är delvis uppfyllt. Utvecklingen är positiv men målvärdet nås ännu inte fullt ut.",
        "Resultatet varierar mellan verksamheterna; flera enheter når målvärdet men inte alla.",
        "Målet bedöms delvis uppfyllt. Sommarperioden och vakanser har påverkat resultatet.",
    ),
    "red": (
        "Målet bedöms inte vara uppfyllt. Bemanningsläget och ett högt vårdtryck har påverkat "
        "resultatet negativt.",
        "Utfallet ligger klart under målvärdet och utvecklingen har ännu inte vänt.",
        "Målet är inte uppfyllt. Resurserna har behövt prioriteras till akuta behov under perioden.",
    ),
    "grey": (
        "Målet kan inte bedömas för perioden eftersom mätningen ännu inte är genomförd.",
        "Underlag saknas för perioden; bedömning görs vid nästa uppföljning.",
    ),
}
OPTIMISTIC_GREEN = (
    "Trots att utfallet inte når målvärdet bedöms målet som uppfyllt, eftersom flera "
    "förbättringsåtgärder har startats under perioden och effekten väntas under hösten."
)
# Why an owner forecasts that a goal will not be reached by the end of the year.
UNREACHED_SENTENCES = (
    "Målet bedöms inte kunna nås före årets slut, eftersom utvecklingen är för långsam för att "
    "målvärdet ska hinna nås.",
    "Målet bedöms inte kunna nås i år: åtgärderna som har startats väntas ge effekt först nästa "
    "år.",
    "Målet bedöms inte kunna nås före årets slut. Bristen på personal med rätt kompetens "
    "kvarstår och kan inte lösas under året.",
)
NO_DATA = "Det saknas utfall för målets nyckeltal för perioden."

ACTIONS_BY_TAG = {
    "tillganglighet": (
        "Produktionsplaneringen ses över och fler mottagningstider öppnas kvällstid.",
        "Vårdförmedlingen används för att erbjuda patienter vård hos andra vårdgivare.",
        "Väntelistorna gås igenom och patienter som väntat längst prioriteras.",
    ),
    "kvalitet": (
        "Egenkontroller genomförs månadsvis och resultaten följs upp på arbetsplatsträffar.",
        "Avvikelser analyseras gemensamt och lärdomar sprids mellan verksamheterna.",
    ),
    "patientsakerhet": (
        "Patientsäkerhetsronder genomförs på samtliga vårdavdelningar under hösten.",
    ),
    "ekonomi": (
        "Handlingsplan för ekonomi i balans med månadsvis uppföljning i förvaltningsledningen.",
        "Anställningsprövning av alla tjänster och stopp för ny inhyrd personal utan beslut av "
        "förvaltningschef.",
    ),
    "inhyrd": (
        "Utfasningsplan för inhyrd personal med egna rekryteringar och bemanningspool.",
    ),
    "personal": (
        "Arbetsmiljöarbetet förstärks med tidiga rehabiliteringsinsatser och schemaöversyn.",
        "Medarbetarenkätens resultat följs upp i varje arbetsgrupp med egna handlingsplaner.",
    ),
    "barn": (
        "Barnets perspektiv tas in genom dialog med elevråd och ungdomsråd.",
        "Samarbetet med kommunernas elevhälsa utvecklas för tidigare insatser.",
    ),
    "nara_vard": (
        "Fler hälsocentraler inför fast läkarkontakt och utökar de mobila teamen.",
    ),
    "vardplats": (
        "Samverkan med kommunerna om utskrivningsklara patienter förstärks.",
    ),
    "klimat": (
        "Energieffektiviseringsprojekt genomförs i enlighet med fastighetsplanen.",
        "Krav på fossilfria drivmedel ställs i alla nya upphandlingar.",
    ),
    "resande": (
        "Turtätheten i stadstrafiken ses över inför nästa tidtabellsskifte.",
    ),
}
DEFAULT_ACTIONS = (
    "Arbetet fortsätter enligt verksamhetsplanen och följs upp vid nästa tertial.",
    "Åtgärderna följs upp i förvaltningsledningen varje månad.",
)


def actions_for(tags: tuple[str, ...], rng: random.Random, by_tag=None) -> str:
    """One or two planned actions that fit the goal's tags (`by_tag`: the demo's own)."""
    by_tag = ACTIONS_BY_TAG if by_tag is None else by_tag
    pool = [a for tag in tags for a in by_tag.get(tag, ())] or list(DEFAULT_ACTIONS)
    return " ".join(rng.sample(pool, min(len(pool), rng.choice((1, 2)))))
