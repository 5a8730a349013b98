"""The open-data API's contract: its resources, their query parameters and the JSON they
answer with, and the OpenAPI 3.1 document built from them (served at /api/v1/openapi.json).

dashboard.api checks every request against these same definitions, so the document and the
checks cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass

from callbacks.oppna_data import LICENCE_NAME, LICENCE_TITLE, LICENCE_URL
from data_access.models import GOAL_KINDS
from data_access.profile import Profile

API_VERSION = "1.0.0"
MAX_PER_PAGE = 500
DEFAULT_PER_PAGE = 100
CACHE_SECONDS = 300
# `2025`, `2025-T1` (tertial) or `2025-04` (month): how the measurements name their periods.
PERIOD_PATTERN = r"^\d{4}(-(T[1-3]|0[1-9]|1[0-2]))?$"
# A date or the start or end of a year or month: `2025`, `2025-04`, `2025-04-30`.
DATE_PATTERN = r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"
FOLLOWUP_PATTERN = r"^\d{4}-(T1|DELAR|HELAR)$"


@dataclass(frozen=True)
class Param:
    """A query (or path) parameter: its name, what it means, and its JSON Schema."""

    name: str
    description: str
    schema: dict
    example: str | None = None
    where: str = "query"


PAGE = Param("page", "Sidnummer, från 1.", {"type": "integer", "minimum": 1, "default": 1})
PER_PAGE = Param("per_page", f"Rader per sida, högst {MAX_PER_PAGE}.",
                 {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE,
                  "default": DEFAULT_PER_PAGE})
INDICATOR = Param("indicator", "Ett eller flera nyckeltal (koder skilda med kommatecken).",
                  {"type": "string", "minLength": 1, "maxLength": 2000}, "{indicator}")
UNIT = Param("unit", "Organisationsenhetens kod, t.ex. {unit} för hela {noun} (se /units).",
             {"type": "string", "minLength": 1, "maxLength": 40}, "{unit}")
PERIOD = Param("period", "En period: år (2025), tertial (2025-T1) eller månad (2025-04).",
               {"type": "string", "pattern": PERIOD_PATTERN}, "2025")
FROM = Param("from", "Bara perioder som slutar detta datum eller senare: ÅÅÅÅ, ÅÅÅÅ-MM eller "
             "ÅÅÅÅ-MM-DD (en månad eller ett år räknas från sin första dag).",
             {"type": "string", "pattern": DATE_PATTERN}, "2024")
TO = Param("to", "Bara perioder som slutar detta datum eller tidigare: ÅÅÅÅ, ÅÅÅÅ-MM eller "
           "ÅÅÅÅ-MM-DD (en månad eller ett år räknas till sin sista dag).",
           {"type": "string", "pattern": DATE_PATTERN}, "2025-12")
YEAR_FROM = Param("from", "Bara målvärden för detta år eller senare.",
                  {"type": "integer", "minimum": 1900, "maximum": 2100}, "2025")
YEAR_TO = Param("to", "Bara målvärden för detta år eller tidigare.",
                {"type": "integer", "minimum": 1900, "maximum": 2100}, "2026")
AREA = Param("area", "Målområdets kod (se /goals, kind = malomrade).",
             {"type": "string", "minLength": 1, "maxLength": 40}, "{area}")
PERSPECTIVE = Param("perspective", "Perspektivets kod, t.ex. jamstalldhet eller barnratt.",
                    {"type": "string", "minLength": 1, "maxLength": 40}, "jamstalldhet")
SEARCH = Param("q", "Ord som ska finnas i namnet eller beskrivningen.",
               {"type": "string", "maxLength": 100}, "väntetid")
FOLLOWUP = Param("followup", "Uppföljningen som målens status gäller: 2026-T1, 2026-DELAR "
                 "eller 2026-HELAR. Utan parametern: den senaste.",
                 {"type": "string", "pattern": FOLLOWUP_PATTERN}, "2026-DELAR")
CODE = Param("code", "Nyckeltalets kod.", {"type": "string"}, "{indicator}", where="path")


@dataclass(frozen=True)
class Resource:
    """An API resource: its path under /api/v1, what it answers and which parameters it takes."""

    endpoint: str  # the Flask endpoint's name
    path: str  # OpenAPI style, e.g. /indicators/{code}
    summary: str
    description: str
    params: tuple[Param, ...]
    schema: str | None  # the component schema of one item (None: a document of its own)
    paged: bool = True

    @property
    def rule(self) -> str:
        """The Flask rule for the path, e.g. /indicators/<code>."""
        return self.path.replace("{", "<").replace("}", ">")


PAGING = (PAGE, PER_PAGE)
RESOURCES = (
    Resource("api.index", "/", "Vad API:et innehåller",
             "Länkar till alla resurser, licensen och källan.", (), None, paged=False),
    Resource("api.indicators", "/indicators", "Publicerade nyckeltal",
             "Alla nyckeltal som {noun} har publicerat, med senaste utfall och status.",
             (AREA, PERSPECTIVE, SEARCH, *PAGING), "Indicator"),
    Resource("api.indicator", "/indicators/{code}", "Ett publicerat nyckeltal",
             "Nyckeltalet med senaste utfall, målen det följer och länkar till dess värden.",
             (CODE,), "Indicator", paged=False),
    Resource("api.values", "/values", "Utfall",
             "Publicerade nyckeltals värden per organisationsenhet och period, totalt och "
             "för kvinnor och män.",
             (INDICATOR, UNIT, PERIOD, FROM, TO, *PAGING), "Value"),
    Resource("api.targets", "/targets", "Målvärden",
             "Målvärden per nyckeltal, organisationsenhet och år, med toleransen för gult.",
             (INDICATOR, UNIT, YEAR_FROM, YEAR_TO, *PAGING), "Target"),
    Resource("api.comparisons", "/comparisons", "Jämförelser från Kolada",
             "Värden för de områden {noun} jämförs med: {comparisons}, med Koladas "
             "områdes-id i varje rad. Källa: Kolada.",
             (INDICATOR, PERIOD, *PAGING), "Comparison"),
    Resource("api.rankings", "/rankings", "Placering bland regionerna eller kommunerna",
             "{name}s placering bland områdena av samma slag (regioner eller kommuner) med "
             "värden från Kolada, per nyckeltal och år: plats (1 är bäst; lika värden delar "
             "plats), antal, bästa värdet, medianen och varje områdes värde. Ingen plats för "
             "ett nyckeltal utan riktning (ett intervall). Värdena: Källa: Kolada; placeringen "
             "och medianen är {name}s egen beräkning.",
             (INDICATOR, PERIOD, *PAGING), "Ranking"),
    Resource("api.goals", "/goals", "Publicerade mål",
             "Målbilden, målområdena och de publicerade målen under dem, med status vid "
             "en uppföljning.",
             (AREA, PERSPECTIVE, UNIT, FOLLOWUP, SEARCH, *PAGING), "Goal"),
    Resource("api.units", "/units", "Organisationsenheter",
             "Enheterna som har publicerade värden, med nivå och överordnad enhet.",
             PAGING, "Unit"),
)


# --- JSON Schemas of the answers ---------------------------------------------------------

def _nullable(kind: str, **extra) -> dict:
    return {"type": [kind, "null"], **extra}


STATUS = {"type": "string", "enum": ["green", "yellow", "red", "grey"],
          "description": "Status: green = Uppfyllt, yellow = Delvis uppfyllt, red = Ej uppfyllt, "
                         "grey = Saknar data."}
STRINGS = {"type": "array", "items": {"type": "string"}}
AREA_KIND = {"type": "string", "enum": ["riket", "region", "kommun", "annat"],
             "description": "Koladas områdestyp: riket (0000), en region (00 och länsnumret), "
                            "en kommun (fyra siffror) eller annat."}


def _object(properties: dict, required: tuple[str, ...] | None = None) -> dict:
    return {"type": "object", "properties": properties,
            "required": list(required if required is not None else properties),
            "additionalProperties": False}


SCHEMAS = {
    "Licence": _object({"name": {"type": "string"}, "title": {"type": "string"},
                        "url": {"type": "string", "format": "uri"}}),
    "Meta": _object({
        "license": {"$ref": "#/components/schemas/Licence"},
        "source": {"type": "string", "description": "Vem som publicerar datat."},
        "attribution": {"type": "string", "description": "Så anges källan."},
        "kolada_terms": {"type": "string", "description": "Koladas villkor för jämförelserna."},
        "data_as_of": _nullable("string", format="date"),
        "demo": {"type": "boolean", "description": "Sant när datat är påhittat demodata."},
    }),
    "Pagination": _object({
        "page": {"type": "integer", "minimum": 1},
        "per_page": {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE},
        "total": {"type": "integer", "minimum": 0},
        "pages": {"type": "integer", "minimum": 1},
        "next": _nullable("string"),
        "previous": _nullable("string"),
    }),
    "Latest": _object({
        "unit": {"type": "string"}, "unit_name": {"type": "string"},
        "period": {"type": "string"}, "period_end": {"type": "string", "format": "date"},
        "value": {"type": "number"}, "target": _nullable("number"), "upper": _nullable("number"),
        "tolerance": _nullable("number"), "status": STATUS, "status_text": {"type": "string"},
    }),
    "Indicator": _object({
        "code": {"type": "string"}, "name": {"type": "string"},
        "description": {"type": "string"},
        "explanation": {"type": "string", "description": "Vad nyckeltalet betyder och varför "
                                                         "det är viktigt, på vanlig svenska."},
        "unit": {"type": "string", "description": "Mätenhet, t.ex. %, antal, kr/invånare."},
        "direction": {"type": "string", "enum": ["higher", "lower", "band"]},
        "frequency": {"type": "string", "enum": ["month", "tertial", "year"]},
        "source": {"type": "string"}, "by_sex": {"type": "boolean"},
        "long_term": {"type": "boolean"}, "areas": STRINGS, "perspectives": STRINGS,
        "goals": STRINGS,
        "latest": {"oneOf": [{"$ref": "#/components/schemas/Latest"}, {"type": "null"}]},
        "links": _object({"page": {"type": "string"}, "values": {"type": "string"},
                          "csv": {"type": "string"}, "json": {"type": "string"}}),
    }),
    "Value": _object({
        "indicator": {"type": "string"}, "unit": {"type": "string"},
        "unit_name": {"type": "string"}, "period": {"type": "string", "pattern": PERIOD_PATTERN},
        "period_end": {"type": "string", "format": "date"}, "value": _nullable("number"),
        "women": _nullable("number"), "men": _nullable("number"), "source": {"type": "string"},
    }),
    "Target": _object({
        "indicator": {"type": "string"}, "unit": {"type": "string"}, "year": {"type": "integer"},
        "value": {"type": "number"}, "upper": _nullable("number"),
        "tolerance": {"type": "number", "minimum": 0},
    }),
    "Comparison": _object({
        "indicator": {"type": "string"}, "area": {"type": "string"},
        "area_name": {"type": "string"}, "area_kind": AREA_KIND, "period": {"type": "string"},
        "value": _nullable("number"), "women": _nullable("number"), "men": _nullable("number"),
        "source": {"type": "string"},
    }),
    "Ranking": _object({
        "indicator": {"type": "string"}, "period": {"type": "string"},
        "kind": {"type": "string", "enum": ["region", "kommun"],
                 "description": "Vilka områden som rangordnas."},
        "direction": {"type": "string", "enum": ["higher", "lower", "band"]},
        "position": _nullable("integer", minimum=1, description="1 är bäst; null utan riktning."),
        "tied": _nullable("integer", minimum=1, description="Hur många som delar platsen."),
        "count": {"type": "integer", "minimum": 1},
        "best": _nullable("number"), "best_areas": STRINGS, "median": {"type": "number"},
        "value": {"type": "number", "description": "Organisationens eget värde."},
        "missing": {**STRINGS, "description": "Områden utan värde för året."},
        "areas": {"type": "array", "items": _object({
            "area": {"type": "string"}, "area_name": {"type": "string"},
            "value": {"type": "number"}, "position": _nullable("integer", minimum=1)})},
    }),
    "Goal": _object({
        "code": {"type": "string"},
        "kind": {"type": "string", "enum": list(GOAL_KINDS)},
        "title": {"type": "string"}, "description": {"type": "string"},
        "owner": {"type": "string"}, "owner_name": {"type": "string"},
        "parent": _nullable("string"), "area": _nullable("string"), "status": STATUS,
        "status_text": {"type": "string"}, "followup": _nullable("string"),
        "perspectives": STRINGS, "indicators": STRINGS,
    }),
    "Unit": _object({
        "code": {"type": "string"}, "name": {"type": "string"},
        "level": {"type": "string", "enum": ["region", "namnd", "forvaltning", "omrade", "enhet"]},
        "parent": _nullable("string"),
    }),
    "Index": _object({
        "name": {"type": "string"}, "version": {"type": "string"},
        "resources": {"type": "object", "additionalProperties": {"type": "string"}},
        "openapi": {"type": "string"}, "meta": {"$ref": "#/components/schemas/Meta"},
    }),
    "Error": _object({"error": {"type": "string", "description": "Vad som är fel, på svenska."},
                      "parameter": _nullable("string")}),
}


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _answer(resource: Resource) -> dict:
    """The JSON Schema of a resource's 200 answer."""
    if resource.schema is None:
        return _ref("Index")
    if not resource.paged:
        return _object({"data": _ref(resource.schema), "meta": _ref("Meta")})
    return _object({"data": {"type": "array", "items": _ref(resource.schema)},
                    "pagination": _ref("Pagination"), "meta": _ref("Meta")})


def _parameter(param: Param, words: dict[str, str]) -> dict:
    doc = {"name": param.name, "in": param.where, "required": param.where == "path",
           "description": param.description.format(**words), "schema": param.schema}
    if param.example is not None:
        doc["example"] = param.example.format(**words)
    return doc


def _json(schema: dict, description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _operation(resource: Resource, words: dict[str, str]) -> dict:
    responses = {
        "200": {**_json(_answer(resource), "Svaret."),
                "headers": {"ETag": {"schema": {"type": "string"}},
                            "Cache-Control": {"schema": {"type": "string"}}}},
        "304": {"description": "Oförändrat sedan förra hämtningen (If-None-Match)."},
        "400": _json(_ref("Error"), "En parameter är felaktig; meddelandet säger vilken."),
    }
    if any(p.where == "path" for p in resource.params):
        responses["404"] = _json(_ref("Error"), "Det finns inget publicerat nyckeltal med koden.")
    return {"operationId": resource.endpoint.removeprefix("api."), "summary": resource.summary,
            "description": resource.description.format(**words),
            "parameters": [_parameter(p, words) for p in resource.params],
            "responses": responses}


def openapi_document(server_url: str, profile: Profile, top_unit: str | None,
                     indicator: str | None = None, area: str | None = None) -> dict:
    """The OpenAPI 3.1 document for the API served under `server_url` (e.g. `/api/v1`), in the
    words of the organisation's profile; `top_unit` is the code of its whole organisation,
    `indicator` and `area` a published indicator's and målområde's code for the examples."""
    words = {"noun": profile.noun, "unit": top_unit or "ORG", "name": profile.name,
             "indicator": indicator or "N01951", "area": area or "MO-1",
             "comparisons": profile.comparison_text() or "inga områden ännu"}
    return {
        "openapi": "3.1.0",
        "info": {
            "title": f"Öppna data från {profile.name}",
            "version": API_VERSION,
            "description": (
                f"Ett läsbart API med de nyckeltal och mål som {profile.noun} har beslutat att "
                "publicera: värden, målvärden, jämförelser och status. Bara publicerade "
                "uppgifter finns här. Alla svar är JSON och har ETag och Cache-Control; skicka "
                "If-None-Match för att få 304 när inget har ändrats. Felaktiga parametrar ger "
                "400 med ett meddelande på svenska. Jämförelser med andra områden "
                f"({words['comparisons']}): Källa: Kolada."
            ),
            "license": {"name": f"{LICENCE_TITLE} ({LICENCE_NAME})", "url": LICENCE_URL},
        },
        "servers": [{"url": server_url}],
        "paths": {r.path: {"get": _operation(r, words)} for r in RESOURCES},
        "components": {"schemas": SCHEMAS},
    }
