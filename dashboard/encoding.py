"""Callback answers encoded as Dash encodes them, at a fraction of its cost.

Dash encodes every callback answer with plotly's `to_json_plotly`: the standard library's
JSON encoder in C, which hands each component to plotly's encoder, which asks the component
for `to_plotly_json()`. That last step dominates: it probes every declared property with
`hasattr` and matches every attribute against the wildcards (`data-*`, `aria-*`), some
4 µs a component, and a page has hundreds. Here a component becomes the same
`{"props", "type", "namespace"}` from its attributes directly (its class's property names
kept as a set), and the answer is written by orjson, which hands over only what it cannot
write itself: components, and whatever plotly's encoder takes (Decimal, pandas' values).
What orjson writes itself it writes as plotly's encoder does (NaN and infinities as null,
dates and times in ISO 8601, numpy's arrays as lists), and plotly's escaping of `<`, `>` and
`/` follows. The browser decodes the same JSON; the text differs only in letters outside
ASCII (UTF-8, not `\u00e5`) and in how a few floats are spelt (`1e16`, not `1e+16`).
Encoding the router's answer on x10, in-process: Internkontroll: alla 2.8 → 1.0 ms,
Ekonomi: område 1.6 → 0.5 ms (docs/architecture.md, *orjson*).

plotly's own orjson engine (used when the package is installed and the engine is "auto")
is slower than either for components: orjson refuses them, and plotly then walks the whole
answer in Python to clean it. So plotly's engine is pinned to "json", and answers go
through `to_json` here.
"""

from __future__ import annotations

import json

import dash
import orjson
from dash import _callback
from dash.development.base_component import Component
from plotly.io.json import config as plotly_json_config
from plotly.utils import PlotlyJSONEncoder

# plotly's escaping of what must not appear raw in a JSON answer (`_swap_json`).
ESCAPES = (("<", "\\u003c"), (">", "\\u003e"), ("/", "\\u002f"))

# Per component class: the position of each declared property name in its order, and its
# wildcard prefixes (`data-`, `aria-`); and whether the class itself defines a declared
# property (counted as set by `to_plotly_json`'s `hasattr`; none of Dash's own components does).
_DECLARED: dict[type, tuple[dict[str, int], tuple[str, ...], bool]] = {}


def _declared(component: Component) -> tuple[dict[str, int], tuple[str, ...], bool]:
    cls = type(component)
    known = _DECLARED.get(cls)
    if known is None:
        names = tuple(getattr(component, "_prop_names", ()))
        wildcards = tuple(getattr(component, "_valid_wildcard_attributes", ()))
        known = _DECLARED[cls] = ({name: i for i, name in enumerate(names)}, wildcards,
                                  any(hasattr(cls, name) for name in names))
    return known


def component_json(component: Component) -> dict:
    """What `component.to_plotly_json()` returns, in the same order, built from the
    component's attributes directly: its declared properties in their declared order, then
    the wildcard ones in the order they were set. A component sets a few of its dozens of
    properties, so its attributes are read once rather than every name looked up."""
    order, wildcards, on_class = _declared(component)
    if on_class:
        return component.to_plotly_json()
    attributes = vars(component)
    declared, wild = [], []
    for key in attributes:
        position = order.get(key)
        if position is not None:
            declared.append((position, key))
        elif wildcards and key.startswith(wildcards):
            wild.append(key)
    declared.sort()
    props = {key: attributes[key] for _, key in declared}
    for key in wild:
        props[key] = attributes[key]
    return {"props": props, "type": component._type, "namespace": component._namespace}


class ComponentEncoder(PlotlyJSONEncoder):
    """plotly's encoder, with components taken the short way."""

    def default(self, obj):
        if isinstance(obj, Component):
            return component_json(obj)
        return super().default(obj)


_PLOTLY = PlotlyJSONEncoder()
_OPTIONS = orjson.OPT_SERIALIZE_NUMPY | orjson.OPT_NON_STR_KEYS
_BYTE_ESCAPES = tuple((unsafe.encode(), safe.encode()) for unsafe, safe in ESCAPES)


def _default(obj):
    """What orjson cannot write itself: a component, or what plotly's encoder takes."""
    if isinstance(obj, Component):
        return component_json(obj)
    return _PLOTLY.default(obj)


def to_json(value) -> str:
    """A callback answer as JSON: what plotly's `to_json_plotly` (engine "json") makes of it,
    written by orjson (see the module doc).

    orjson stops at a nesting depth of 254 (a component is three levels: itself, its props,
    its children): a deeper answer, or anything else orjson refuses, goes the standard
    library's way, which also fails as plotly's would on an object nobody can encode."""
    try:
        data = orjson.dumps(value, default=_default, option=_OPTIONS)
    except orjson.JSONEncodeError:
        return _standard_json(value)
    for unsafe, safe in _BYTE_ESCAPES:
        if unsafe in data:
            data = data.replace(unsafe, safe)
    return data.decode()


def _standard_json(value) -> str:
    """`to_json` through the standard library's encoder (plotly's way, text for text).

    Without the encoder's check for circular references (a set of every list and dict it is
    inside, kept at each of the thousands of a long page's nodes): an answer built as a tree
    has none, and one that had would fail all the same, on the depth of the recursion."""
    text = json.dumps(value, cls=ComponentEncoder, separators=(",", ":"), check_circular=False)
    for unsafe, safe in ESCAPES:
        if unsafe in text:
            text = text.replace(unsafe, safe)
    return text


def init_app(_app: dash.Dash) -> None:
    """Encode every callback answer with `to_json` (Dash's own encoder, replaced by name in
    the module that calls it) and keep plotly's engine on "json"."""
    plotly_json_config.default_engine = "json"
    _callback.to_json = to_json
