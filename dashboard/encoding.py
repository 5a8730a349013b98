"""Callback answers encoded as Dash encodes them, at a fraction of its cost per component.

Dash encodes every callback answer with plotly's `to_json_plotly`: the standard library's
JSON encoder in C, which hands each component to plotly's encoder, which asks the component
for `to_plotly_json()`. That last step dominates: it probes every declared property with
`hasattr` and matches every attribute against the wildcards (`data-*`, `aria-*`), some
4 µs a component, and a page has hundreds. Here a component becomes the same
`{"props", "type", "namespace"}` from its attributes directly (its class's property names
kept as a set), and everything else (dates, Decimal, NaN as null, numpy) still goes through
plotly's encoder, with plotly's escaping of `<`, `>` and `/`. The browser receives the same
JSON, character for character.

plotly's other engine, orjson (used when the package is installed and the engine is "auto"),
is slower still for components: orjson refuses them, and plotly then walks the whole answer in
Python to clean it. So the engine is pinned to "json", whatever happens to be installed.
"""

from __future__ import annotations

import json

import dash
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


def to_json(value) -> str:
    """A callback answer as JSON: what plotly's `to_json_plotly` (engine "json") makes of it.

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
