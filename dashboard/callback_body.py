"""The body of a callback request (`POST /_dash-update-component`), read the way Dash reads it.

Dash hands a callback its arguments by position: the n-th entry of the body's `inputs`
followed by `state` becomes the callback's n-th declared argument, whatever id the body puts
beside it. So the values the access guard decides on are taken by position, as Dash takes
them, and a body that does not match its callback's declaration in `app.callback_map`
(every dependency present, in order, with the declared id and property; the outputs the key
names) is malformed: refused with 400 before Dash could fail on it with a 500.
"""

from __future__ import annotations

from flask import request

# Deeper than any body the browser sends (body, list, dependency, value, a few levels of a
# store's data), far below what would strain the parser or the callbacks.
MAX_JSON_DEPTH = 32


class BadBody(ValueError):
    """A callback body that cannot be what the browser sent; the message is for the log."""


def depth_exceeds(value: object, limit: int) -> bool:
    """Whether JSON data nests deeper than `limit` lists and objects (walked without recursion)."""
    stack = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        children = node.values() if isinstance(node, dict) else \
            node if isinstance(node, list) else ()
        if children and depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children)
    return False


def _read_whole() -> None:
    """Read the body within the request's size limit (dashboard.transport).

    A body streamed without Content-Length is cut at the limit silently by werkzeug; asking
    for one byte more raises its 413 instead of parsing a truncated body.
    """
    request.get_data(cache=True)
    request.stream.read(1)


def read_body() -> dict:
    """The request's JSON body as a dict naming a callback; BadBody for anything else."""
    _read_whole()
    try:
        body = request.get_json(silent=True)
    except RecursionError:  # nesting deeper than the parser goes
        raise BadBody("JSON nested too deep") from None
    if not isinstance(body, dict):
        raise BadBody("not a JSON object")
    # Nesting needs a bracket per level: a body with fewer brackets (every page's own, the
    # router's has a dozen) cannot nest too deep, and is not walked.
    raw = request.get_data(cache=True)
    if raw.count(b"[") + raw.count(b"{") > MAX_JSON_DEPTH and depth_exceeds(body, MAX_JSON_DEPTH):
        raise BadBody(f"JSON nested deeper than {MAX_JSON_DEPTH}")
    if not isinstance(body.get("output"), str):
        raise BadBody("no callback named in `output`")
    return body


# --- Positions ----------------------------------------------------------------------------


def declared_arguments(callback: dict) -> list[dict]:
    """The callback's declared inputs then states, in the order Dash passes them."""
    return list(callback.get("inputs", [])) + list(callback.get("state", []))


def argument(body: dict, index: int) -> object:
    """The value Dash passes as the callback's `index`-th argument; BadBody where it has none."""
    posted = body.get("inputs"), body.get("state", [])
    if not all(isinstance(part, list) for part in posted):
        raise BadBody("`inputs` or `state` is not a list")
    arguments = posted[0] + posted[1]
    if index >= len(arguments) or not isinstance(arguments[index], dict):
        raise BadBody(f"no argument at position {index}")
    return arguments[index].get("value")


# --- The shape of a body against its callback's declaration ---------------------------------


def _is_pattern(component_id: str) -> bool:
    return component_id.startswith("{")


def _matches(entry: object, component_id: str, prop: str) -> bool:
    """Whether one posted dependency is the declared one (a pattern matches any dict ids)."""
    if _is_pattern(component_id):
        entries = entry if isinstance(entry, list) else [entry]
        return all(isinstance(e, dict) and isinstance(e.get("id"), dict)
                   and _property(e) == _property({"property": prop}) for e in entries)
    return isinstance(entry, dict) and entry.get("id") == component_id and \
        _property(entry) == _property({"property": prop})


def _property(entry: dict) -> object:
    """A dependency's property without the `@hash` an allow_duplicate output carries (the
    browser posts it, the declaration may not)."""
    prop = entry.get("property")
    return prop.split("@")[0] if isinstance(prop, str) else prop


def _check_list(posted: object, declared: list[dict], name: str) -> None:
    if not isinstance(posted, list) or len(posted) != len(declared):
        raise BadBody(f"`{name}` does not list the callback's {len(declared)} dependencies")
    for index, (entry, dependency) in enumerate(zip(posted, declared)):
        if not _matches(entry, dependency["id"], dependency["property"]):
            raise BadBody(f"`{name}`[{index}] is not {dependency['id']}.{dependency['property']}")


def declared_outputs(callback: dict) -> list[dict]:
    """The callback's outputs as id/property pairs."""
    outputs = callback["output"]
    outputs = outputs if isinstance(outputs, (list, tuple)) else [outputs]
    return [{"id": o.component_id_str(), "property": o.component_property} for o in outputs]


def check_shape(body: dict, callback: dict) -> None:
    """BadBody unless the body carries exactly the dependencies its callback declares."""
    _check_list(body.get("inputs"), list(callback.get("inputs", [])), "inputs")
    _check_list(body.get("state", []), list(callback.get("state", [])), "state")
    if not callback.get("no_output"):  # Dash ignores the posted outputs of those
        posted = body.get("outputs")
        if not isinstance(callback["output"], (list, tuple)):
            posted = [posted]  # a single output is posted as one object, not a list
        _check_list(posted, declared_outputs(callback), "outputs")
    changed = body.get("changedPropIds", [])
    if not isinstance(changed, list) or not all(isinstance(c, str) for c in changed):
        raise BadBody("`changedPropIds` is not a list of strings")
