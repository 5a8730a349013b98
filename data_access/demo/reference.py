"""Reference lists every goal can point at: the perspectives and the 17 Agenda 2030 goals."""

from __future__ import annotations

from data_access.demo.context import DemoContext
from data_access.demo.indicator_catalogue import Spec
from data_access.models import Agenda2030Goal, Perspective

# (code, name, the goal kinds it is required for). The region's rules for planning and
# follow-up name four perspectives that are always considered and summed up in every tertial,
# delår and årsredovisning: each nämndmål must carry at least one of them. Hållbarhet and the
# samiskt perspektiv are carried where they fit, required for none.
NAMNDMAL_ONLY = "namndmal"
PERSPECTIVES = (
    ("jamstalldhet", "Jämställdhet och jämlikhet", NAMNDMAL_ONLY),
    ("barnratt", "Barnrätt", NAMNDMAL_ONLY),
    ("ekonomi", "Ekonomi", NAMNDMAL_ONLY),
    ("regional_utveckling", "Regional utveckling", NAMNDMAL_ONLY),
    ("hallbarhet", "Hållbarhet", ""),
    ("samiskt", "Samiskt perspektiv", ""),
)

# Which perspectives an indicator of the region's catalogue sheds light on, from what it
# measures: measured for women and men (or about women) -> jämställdhet och jämlikhet; about
# children and young people -> barnrätt; in kronor, a cost or the economy's own figures ->
# ekonomi; the regional development, culture, education and public transport figures ->
# regional utveckling.
CHILD_WORDS = ("barn", "unga", "ungdom", "elev", "åringar", "2 års ålder")
ECONOMY_UNITS = ("kr", "kr/invånare", "mnkr")
ECONOMY_WORDS = ("kostnad", "resultat", "soliditet", "pensionsmedel", "skattefinansiering")
REGIONAL_PREFIXES = ("RJH-RU-", "RJH-KT-", "RJH-KUL-", "RJH-FHS-", "RJH-UTB-", "N85012",
                     "N01951")

AGENDA_2030 = (
    "Ingen fattigdom",
    "Ingen hunger",
    "Hälsa och välbefinnande",
    "God utbildning för alla",
    "Jämställdhet",
    "Rent vatten och sanitet för alla",
    "Hållbar energi för alla",
    "Anständiga arbetsvillkor och ekonomisk tillväxt",
    "Hållbar industri, innovationer och infrastruktur",
    "Minskad ojämlikhet",
    "Hållbara städer och samhällen",
    "Hållbar konsumtion och produktion",
    "Bekämpa klimatförändringarna",
    "Hav och marina resurser",
    "Ekosystem och biologisk mångfald",
    "Fredliga och inkluderande samhällen",
    "Genomförande och globalt partnerskap",
)


def region_indicator_perspectives(spec: Spec) -> tuple[str, ...]:
    """The perspective codes of one of the region's indicators (see the rules above)."""
    name = spec.name.casefold()
    tagged = {
        "jamstalldhet": spec.sex_gap is not None or "kvinnor" in name,
        "barnratt": any(word in name for word in CHILD_WORDS),
        "ekonomi": (spec.unit in ECONOMY_UNITS or spec.code.startswith("RJH-EKO-")
                    or any(word in name for word in ECONOMY_WORDS)),
        "regional_utveckling": spec.code.startswith(REGIONAL_PREFIXES),
    }
    return tuple(code for code, carries in tagged.items() if carries)


def perspective_ids(perspectives) -> dict[str, int]:
    """Perspective code -> id, in the catalogue's order."""
    return {code: i for i, (code, *_) in enumerate(perspectives, start=1)}


def load_reference(ctx: DemoContext) -> None:
    """Insert perspectives (in the catalogue's order, with the goal kinds that require them)
    and the Agenda 2030 goals (whose id is their number)."""
    ids = perspective_ids(ctx.spec.perspectives)
    ctx.insert(Perspective, (
        {"id": ids[code], "code": code, "name": name, "sort_order": ids[code],
         "required_for": required_for}
        for code, name, required_for in ctx.spec.perspectives
    ))
    ctx.insert(Agenda2030Goal, (
        {"id": n, "number": n, "name": name} for n, name in enumerate(AGENDA_2030, start=1)
    ))
