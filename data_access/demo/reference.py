"""Reference lists every goal can point at: the perspectives and the 17 Agenda 2030 goals."""

from __future__ import annotations

from data_access.demo.context import DemoContext
from data_access.models import Agenda2030Goal, Perspective

PERSPECTIVES = (
    ("jamstalldhet", "Jämställdhet"),
    ("barnratt", "Barnrätt"),
    ("ekonomi", "Ekonomi"),
    ("regional_utveckling", "Regional utveckling"),
    ("hallbarhet", "Hållbarhet"),
    ("samiskt", "Samiskt perspektiv"),
)

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


def perspective_ids(perspectives) -> dict[str, int]:
    """Perspective code -> id, in the catalogue's order."""
    return {code: i for i, (code, _) in enumerate(perspectives, start=1)}


def load_reference(ctx: DemoContext) -> None:
    """Insert perspectives and the Agenda 2030 goals (whose id is their number)."""
    ids = perspective_ids(ctx.spec.perspectives)
    ctx.insert(Perspective, (
        {"id": ids[code], "code": code, "name": name} for code, name in ctx.spec.perspectives
    ))
    ctx.insert(Agenda2030Goal, (
        {"id": n, "number": n, "name": name} for n, name in enumerate(AGENDA_2030, start=1)
    ))
