"""Open data over HTTP, for everyone: a read-only JSON API under /api/v1/ (described by the
OpenAPI document at /api/v1/openapi.json) and every published value as CSV and JSON files.

Only published data, ever: every query gets the public viewer, whoever asks. Every answer
carries an ETag (a hash of its body) and Cache-Control, and a request whose If-None-Match
names the ETag gets 304. A bad parameter gets 400 with a Swedish message naming it, never 500.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import re
from collections.abc import Callable

from flask import Flask, Response, request, url_for
from sqlalchemy.orm import Session

from callbacks import comparisons as cmp
from callbacks import oppna_data as shape
from dashboard import access
from dashboard.api_spec import (
    CACHE_SECONDS,
    RESOURCES,
    Param,
    Resource,
    openapi_document,
)
from dashboard.core import exports
from dashboard.core.args import BadArgument, echo
from dashboard.core.urls import API_PATH, DOWNLOADS_PATH, download_url, page_url
from dashboard.database import get_session
from data_access import profile
from data_access import ranking as rk
from data_access.queries import indicators as iq
from data_access.queries import meta as meta_queries
from data_access.queries import open_data as od
from data_access.queries.goals import followups, latest_followup
from data_access.scope import PUBLIC
from data_access.status import STATUS_LABELS_SV

JSON_TYPE = "application/json; charset=utf-8"


# --- Answers ----------------------------------------------------------------------------


def send(body: bytes, mimetype: str, filename: str | None = None) -> Response:
    """A 200 with an ETag and Cache-Control, or 304 if the client already has this body."""
    etag = hashlib.sha256(body).hexdigest()[:32]
    headers = {"Cache-Control": f"public, max-age={CACHE_SECONDS}",
               "Access-Control-Allow-Origin": "*"}
    if request.if_none_match.contains(etag):
        response = Response(status=304, headers=headers)
    else:
        response = Response(body, content_type=mimetype, headers=headers)
        if filename:
            response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.set_etag(etag)
    return response


def send_json(payload) -> Response:
    return send(json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode(), JSON_TYPE)


def error_response(error: BadArgument) -> Response:
    """The JSON answer for a request the API cannot answer: the Swedish message, the parameter
    it names and the error's status."""
    body = json.dumps({"error": error.message, "parameter": error.argument}, ensure_ascii=False)
    return Response(body, status=error.status, content_type=JSON_TYPE,
                    headers={"Cache-Control": "no-store"})


def meta(session) -> dict:
    """The licence, the publisher and how recent the data is: part of every answer."""
    publisher = profile.current(session).publisher
    info = meta_queries.latest_import(session, PUBLIC)
    return {
        "license": {"name": shape.LICENCE_NAME, "title": shape.LICENCE_TITLE,
                    "url": shape.LICENCE_URL},
        "source": publisher,
        "attribution": f"Källa: {publisher} (Rödtråd). Jämförelser med andra områden: "
                       f"Källa: {shape.KOLADA}.",
        "kolada_terms": f"{cmp.KOLADA_TERMS} {cmp.own_work(publisher)} Koladas villkor: "
                        f"{cmp.KOLADA_TERMS_URL}",
        "data_as_of": info.data_as_of.isoformat() if info and info.data_as_of else None,
        "demo": bool(info and info.is_demo),
    }


# --- Reading parameters -------------------------------------------------------------------


def read_args(resource: Resource) -> dict:
    """The request's query parameters checked against the resource's definition: unknown or
    repeated ones refused, each value of the right type, length and form; defaults filled in."""
    params = {p.name: p for p in resource.params if p.where == "query"}
    for name in request.args:
        if name not in params:
            known = ", ".join(params) if params else "inga"
            raise BadArgument(echo(name), f"Okänd parameter ”{echo(name)}”. Tillåtna "
                              f"parametrar: {known}.")
        if len(request.args.getlist(name)) > 1:
            raise BadArgument(name, f"Parametern {name} får bara anges en gång.")
    args = {p.name: p.schema["default"] for p in params.values() if "default" in p.schema}
    return args | {name: checked(params[name], text) for name, text in request.args.items()}


def checked(param: Param, text: str):
    """One parameter's value, as its JSON Schema in the API's contract says it must be."""
    schema, name = param.schema, param.name
    if schema["type"] == "integer":
        low, high = schema.get("minimum"), schema.get("maximum")
        value = int(text) if re.fullmatch(r"-?\d{1,10}", text.strip()) else None
        if value is None or (low is not None and value < low) or \
                (high is not None and value > high):
            span = f" från {low} till {high}" if high is not None else f" som är minst {low}"
            raise BadArgument(name, f"Parametern {name} ska vara ett heltal{span}, inte "
                              f"”{echo(text)}”.")
        return value
    if len(text) < schema.get("minLength", 0):
        raise BadArgument(name, f"Parametern {name} får inte vara tom.")
    if len(text) > schema.get("maxLength", len(text)):
        raise BadArgument(name, f"Parametern {name} får vara högst {schema['maxLength']} "
                          "tecken lång.")
    if "pattern" in schema and not re.search(schema["pattern"], text):
        raise BadArgument(name, f"Parametern {name} har fel form: ”{echo(text)}”. Skriv till "
                          f"exempel {param.example}.")
    return text


def date_bound(args: dict, name: str, end: bool) -> dt.date | None:
    """A date from `2025`, `2025-04` or `2025-04-30`: the first day, or the last when `end`."""
    text = args.get(name)
    if text is None:
        return None
    parts = [int(p) for p in text.split("-")]
    try:
        if len(parts) == 3:
            return dt.date(*parts)
        if len(parts) == 2:
            first = dt.date(parts[0], parts[1], 1)
            return (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) \
                - dt.timedelta(days=1) if end else first
        return dt.date(parts[0], 12, 31) if end else dt.date(parts[0], 1, 1)
    except ValueError:
        raise BadArgument(name, f"Parametern {name} är inget riktigt datum: ”{text}”.") from None


def indicator_ids(session, args: dict) -> tuple[int, ...] | None:
    """The ids of the published indicators named by `indicator` (codes separated by commas)."""
    text = args.get("indicator")
    if text is None:
        return None
    codes = [c.strip() for c in text.split(",") if c.strip()]
    by_code = od.indicator_ids(session, PUBLIC, codes)
    unknown = [c for c in codes if c not in by_code]
    if not codes or unknown:
        shown = ", ".join(f"”{echo(c)}”" for c in unknown[:3]) or "(tom)"
        raise BadArgument("indicator", f"Det finns inget publicerat nyckeltal med koden "
                          f"{shown}. Se /indicators för koderna.")
    return tuple(by_code[c] for c in codes)


def unit_id(session, args: dict) -> int | None:
    """The id of the unit `unit` names."""
    code = args.get("unit")
    if code is None:
        return None
    found = od.unit_id(session, PUBLIC, code)
    if found is None:
        raise BadArgument("unit", f"Det finns ingen organisationsenhet med koden "
                          f"”{echo(code)}”. Se /units för koderna.")
    return found


def filters(session, args: dict) -> shape.Filters:
    """The målområde, perspective and search words, as the public pages read them."""
    return shape.read_filters(args.get("area"), args.get("perspective"), args.get("q"),
                              shape.area_choices(session), od.perspectives(session, PUBLIC))


# --- Pages of results ---------------------------------------------------------------------


def paged(session, args: dict, fetch: Callable[[int, int], od.Page], item) -> dict:
    """One page of items: `fetch(offset, limit)` gives the rows, `item` turns one into JSON."""
    page, per_page = args["page"], args["per_page"]
    result = fetch((page - 1) * per_page, per_page)
    pages = max(1, math.ceil(result.total / per_page))
    if page > pages:
        raise BadArgument("page", f"Sidan {page} finns inte: det finns {pages} "
                          f"{'sida' if pages == 1 else 'sidor'} med {per_page} rader per sida.")

    def link(number: int) -> str | None:
        if not 1 <= number <= pages or number == page:
            return None
        asked = {name: request.args[name] for name in request.args}
        return url_for(request.endpoint, **(request.view_args or {}),
                       **(asked | {"page": str(number)}))

    return {"data": [item(row) for row in result.rows],
            "pagination": {"page": page, "per_page": per_page, "total": result.total,
                           "pages": pages, "next": link(page + 1), "previous": link(page - 1)},
            "meta": meta(session)}


def in_memory(items: list) -> Callable[[int, int], od.Page]:
    """`fetch` for a list already in memory."""
    return lambda offset, limit: od.Page(items[offset:offset + limit], len(items))


# --- JSON of each kind of item -------------------------------------------------------------


def _latest(ind: od.PublicIndicator, h: od.Headline | None) -> dict | None:
    if h is None:
        return None
    status = shape.headline_status(ind, h)
    return {"unit": h.unit_code, "unit_name": h.unit_name, "period": h.period,
            "period_end": h.period_end.isoformat(), "value": h.value, "target": h.target,
            "upper": h.upper, "tolerance": h.tolerance, "status": status,
            "status_text": STATUS_LABELS_SV[status].word}


def indicator_json(ind: od.PublicIndicator, h: od.Headline | None, goals: list[str]) -> dict:
    return {
        "code": ind.code, "name": ind.name, "description": ind.description,
        "explanation": ind.explanation, "unit": ind.unit, "direction": ind.direction,
        "frequency": ind.frequency, "source": ind.source, "by_sex": ind.by_sex,
        "long_term": ind.long_term, "areas": list(ind.areas),
        "perspectives": list(ind.perspectives), "goals": goals, "latest": _latest(ind, h),
        "links": {"page": page_url("nyckeltal", code=ind.code),
                  "values": url_for("api.values", indicator=ind.code),
                  "csv": download_url("csv", ind.code), "json": download_url("json", ind.code)},
    }


def value_json(row: od.ValueRow) -> dict:
    return {"indicator": row.indicator_code, "unit": row.unit_code, "unit_name": row.unit_name,
            "period": row.period, "period_end": row.period_end.isoformat(), "value": row.total,
            "women": row.women, "men": row.men, "source": row.source}


def target_json(row: od.TargetRow) -> dict:
    return {"indicator": row.indicator_code, "unit": row.unit_code, "year": row.year,
            "value": row.value, "upper": row.upper, "tolerance": row.tolerance}


def comparison_json(row: od.ComparisonRow) -> dict:
    return {"indicator": row.indicator_code, "area": row.area_code, "area_name": row.area_name,
            "area_kind": rk.area_kind(row.area_code), "period": row.period, "value": row.total,
            "women": row.women, "men": row.men, "source": row.source}


def ranking_json(code: str, r: rk.Ranking) -> dict:
    return {"indicator": code, **cmp.ranking_json(r)}


def rankings_by_indicator(session, ids: tuple[int, ...] | None) -> dict[str, list[rk.Ranking]]:
    """indicator code -> the organisation's ranking in every year with comparisons (oldest
    first): Kolada's values of the published indicators beside the organisation's own."""
    about = profile.current(session)
    series: dict[str, dict] = {}
    for row in od.comparisons(session, PUBLIC, ids).rows:
        series.setdefault(row.indicator_code, []).append(
            (row.area_code, row.area_name, row.period, row.total))
    region = iq.region_unit(session, PUBLIC)
    if not series or region is None:
        return {}
    own: dict[str, dict[str, float]] = {}
    for row in od.values(session, PUBLIC, od.ValueFilter(ids, region.id)).rows:
        if "-" not in row.period and row.total is not None:
            own.setdefault(row.indicator_code, {})[row.period] = row.total
    directions = {i.code: i.direction for i in od.published_indicators(session, PUBLIC)}
    return {code: rk.rankings(rk.kind_of(about), directions[code], about.name,
                              about.kolada_area, own.get(code, {}), rk.series_of(rows))
            for code, rows in series.items()}


def goal_json(goal: od.PublicGoal, followup_key: str | None) -> dict:
    return {"code": goal.code, "kind": goal.kind, "title": goal.title,
            "description": goal.description, "owner": goal.owner_code,
            "owner_name": goal.owner_name, "parent": goal.parent_code, "area": goal.area_code,
            "status": goal.status, "status_text": STATUS_LABELS_SV[goal.status].word,
            "followup": followup_key, "perspectives": list(goal.perspectives),
            "indicators": list(goal.indicators)}


def unit_json(row: od.UnitRow) -> dict:
    return {"code": row.code, "name": row.name, "level": row.level, "parent": row.parent_code}


# --- The resources ----------------------------------------------------------------------------


def goals_by_indicator(session) -> dict[str, list[str]]:
    """indicator code -> codes of the published goals measured by it."""
    followup = latest_followup(session, PUBLIC)
    by_indicator: dict[str, list[str]] = {}
    for goal in od.published_goals(session, PUBLIC, followup.id if followup else None):
        for code in goal.indicators:
            by_indicator.setdefault(code, []).append(goal.code)
    return by_indicator


def index(session, _args) -> dict:
    resources = {r.path.strip("/"): url_for(r.endpoint) for r in RESOURCES
                 if r.path != "/" and "{" not in r.path}
    return {"name": "Rödtråd – öppna data", "version": "v1", "resources": resources,
            "openapi": url_for("api.openapi"), "meta": meta(session)}


def indicators(session, args) -> dict:
    chosen = filters(session, args)

    def fetch(offset: int, limit: int) -> od.Page:
        """The page's indicators, each with its headline (looked up for the page only)."""
        found = od.indicator_page(session, PUBLIC, chosen, offset, limit)
        heads = od.headlines(session, PUBLIC, [i.id for i in found.rows])
        return od.Page([(i, heads.get(i.id)) for i in found.rows], found.total)

    goals = goals_by_indicator(session)
    return paged(session, args, fetch,
                 lambda pair: indicator_json(*pair, goals.get(pair[0].code, [])))


def indicator(session, _args, code: str) -> dict:
    found = od.published_indicators(session, PUBLIC, code)
    if not found:
        raise BadArgument("code", f"Det finns inget publicerat nyckeltal med koden "
                          f"”{echo(code)}”.", status=404)
    ind = found[0]
    head = od.headlines(session, PUBLIC, [ind.id]).get(ind.id)
    data = indicator_json(ind, head, goals_by_indicator(session).get(ind.code, []))
    return {"data": data, "meta": meta(session)}


def values(session, args) -> dict:
    which = od.ValueFilter(
        indicator_ids(session, args), unit_id(session, args),
        args.get("period"),
        date_bound(args, "from", end=False), date_bound(args, "to", end=True))
    return paged(session, args, lambda o, n: od.values(session, PUBLIC, which, o, n), value_json)


def targets(session, args) -> dict:
    ids, unit = indicator_ids(session, args), unit_id(session, args)
    years = (args.get("from"), args.get("to"))
    return paged(session, args,
                 lambda o, n: od.targets(session, PUBLIC, ids, unit, years, o, n), target_json)


def comparisons(session, args) -> dict:
    ids = indicator_ids(session, args)
    period = args.get("period")
    return paged(session, args,
                 lambda o, n: od.comparisons(session, PUBLIC, ids, period, o, n), comparison_json)


def rankings(session, args) -> dict:
    period = args.get("period")
    found = [ranking_json(code, r)
             for code, found in sorted(rankings_by_indicator(session,
                                                             indicator_ids(session, args)).items())
             for r in found if period in (None, r.period)]
    return paged(session, args, in_memory(found), lambda item: item)


def goals(session, args) -> dict:
    chosen = filters(session, args)
    key = args.get("followup")
    periods = followups(session, PUBLIC)
    followup = next((p for p in periods if p.key == key), None) if key else \
        (periods[0] if periods else None)
    if key and followup is None:
        raise BadArgument("followup", f"Det finns ingen uppföljning {key} av publicerade mål.")
    owner = args.get("unit")
    if owner is not None:
        unit_id(session, args)  # an unknown unit is an error, not an empty answer
    found = [g for g in od.published_goals(session, PUBLIC, followup.id if followup else None)
             if shape.goal_matches(g, chosen) and owner in (None, g.owner_code)]
    return paged(session, args, in_memory(found),
                 lambda g: goal_json(g, followup.key if followup else None))


def units(session, args) -> dict:
    return paged(session, args, lambda o, n: od.units(session, PUBLIC, o, n), unit_json)


VIEWS = {"api.index": index, "api.indicators": indicators, "api.indicator": indicator,
         "api.values": values, "api.targets": targets, "api.comparisons": comparisons,
         "api.rankings": rankings,
         "api.goals": goals, "api.units": units}


def _view(resource: Resource):
    def view(**path_args):
        try:
            args = read_args(resource)
            return send_json(VIEWS[resource.endpoint](get_session(), args, **path_args))
        except BadArgument as error:
            return error_response(error)
    view.__name__ = resource.endpoint.replace(".", "_")
    return view


def unknown(_rest: str):
    """A JSON 404 for an address under the API that is no resource."""
    return error_response(BadArgument(None, "Det finns ingen sådan resurs i API:et. Se "
                                      f"{url_for('api.index')} för vad som finns.", status=404))


def openapi():
    """The OpenAPI document describing this API."""
    session = get_session()
    region = iq.region_unit(session, PUBLIC)
    prefix = url_for("api.index").rstrip("/")
    indicator, area = _examples(session)
    return send_json(openapi_document(prefix, profile.current(session),
                                      region.code if region else None, indicator, area))


KOLADA_ID = re.compile(r"[NU]\d{5}")  # a Kolada KPI id, e.g. N01951


def _examples(session: Session) -> tuple[str | None, str | None]:
    """Codes for the document's examples, from the published data: a Kolada indicator (one
    with comparisons) if there is one, else the first indicator; the first målområde."""
    codes = [key.code for key in od.indicator_keys(session, PUBLIC)]
    kolada = [code for code in codes if KOLADA_ID.fullmatch(code)]
    area = next((goal.code for goal in od.published_goals(session, PUBLIC, None)
                 if goal.kind == "malomrade"), None)
    return next(iter(kolada or codes), None), area


# --- Files to download --------------------------------------------------------------------

CSV_COLUMNS = ("Indikatorkod", "Indikator", "Enhetskod", "Organisationsenhet", "Period",
               "Periodens slut", "Utfall", "Kvinnor", "Män", "Mätenhet", "Källa", "Licens")


def _published(session, code: str | None) -> list[od.PublicIndicator]:
    found = od.published_indicators(session, PUBLIC, code)
    if code is not None and not found:
        raise BadArgument("code", f"Det finns inget publicerat nyckeltal med koden "
                          f"”{echo(code)}”.", status=404)
    return found


def values_csv(session, code: str | None) -> bytes:
    """Every published value (of one indicator, or all) as a Swedish CSV file."""
    inds = {i.id: i for i in _published(session, code)}
    by_code = {i.code: i for i in inds.values()}
    rows = od.values(session, PUBLIC, od.ValueFilter(tuple(inds) if code else None)).rows
    table = exports.Table("Öppna data", [exports.Column(h) for h in CSV_COLUMNS], [
        [r.indicator_code, by_code[r.indicator_code].name, r.unit_code, r.unit_name, r.period,
         r.period_end.isoformat(), *map(exports.plain_number, (r.total, r.women, r.men)),
         by_code[r.indicator_code].unit, r.source, shape.LICENCE_NAME]
        for r in rows])
    return exports.to_csv(table)


def values_document(session, code: str | None) -> dict:
    """Published indicators with their values, målvärden and Kolada comparisons, as JSON."""
    inds = _published(session, code)
    ids = tuple(i.id for i in inds) if code else None
    heads, goals = od.headlines(session, PUBLIC), goals_by_indicator(session)
    grouped: dict[str, dict[str, list]] = {i.code: {"values": [], "targets": [], "comparisons": []}
                                           for i in inds}
    for row in od.values(session, PUBLIC, od.ValueFilter(ids)).rows:
        grouped[row.indicator_code]["values"].append(value_json(row))
    for row in od.targets(session, PUBLIC, ids).rows:
        grouped[row.indicator_code]["targets"].append(target_json(row))
    for row in od.comparisons(session, PUBLIC, ids).rows:
        grouped[row.indicator_code]["comparisons"].append(comparison_json(row))
    ranked = rankings_by_indicator(session, ids)
    return {"meta": meta(session),
            "indicators": [indicator_json(i, heads.get(i.id), goals.get(i.code, []))
                           | grouped[i.code]
                           | {"ranking": cmp.ranking_json(ranked[i.code][-1])
                              if ranked.get(i.code) else None}
                           for i in inds]}


def download(extension: str, code: str | None = None):
    """A file of published values: one indicator's, or all (`code` None)."""
    session = get_session()
    try:
        name = exports.file_name("oppna-data", code or "alla-nyckeltal",
                                 meta(session)["data_as_of"] or "", extension=extension)
        if extension == "csv":
            return send(values_csv(session, code), "text/csv; charset=utf-8", name)
        body = json.dumps(values_document(session, code), ensure_ascii=False).encode()
        return send(body, JSON_TYPE, name)
    except BadArgument as error:
        return error_response(error)


# --- Registration ------------------------------------------------------------------------


def init_app(server: Flask, prefix: str = "/") -> None:
    """Add the API and download routes under the app's prefix, open to everyone."""
    api = prefix.rstrip("/") + API_PATH
    for resource in RESOURCES:
        server.add_url_rule(api + resource.rule, resource.endpoint, _view(resource),
                            methods=["GET"])
    server.add_url_rule(api + "/openapi.json", "api.openapi", openapi, methods=["GET"])
    server.add_url_rule(api + "/<path:_rest>", "api.unknown", unknown, methods=["GET"])
    files = prefix.rstrip("/") + DOWNLOADS_PATH
    for extension in ("csv", "json"):
        server.add_url_rule(f"{files}/alla-nyckeltal.{extension}", f"api.all_{extension}",
                            lambda extension=extension: download(extension), methods=["GET"])
        server.add_url_rule(f"{files}/nyckeltal/<code>.{extension}", f"api.one_{extension}",
                            lambda code, extension=extension: download(extension, code),
                            methods=["GET"])
    for endpoint in [r.endpoint for r in RESOURCES] + [
            "api.openapi", "api.unknown", "api.all_csv", "api.all_json", "api.one_csv",
            "api.one_json"]:
        access.allow_route(server, endpoint, "public")
