"""Dash components built at a fraction of Dash's cost per component, with the same checks.

A page builds hundreds of components per render (cards, headings, table cells, links), and
Dash's generated constructors spend about 10 µs on each: four new lists of the class's
property names, the arguments gathered through `locals()`, and for every argument a linear
search of the names, an error message formatted in advance and the component checks. That
is a tenth of an uncached Internkontroll view (issue 18).

Here each plain generated constructor (html, dcc and dbc components whose first parameter
is `children` and whose body is Dash's template) is wrapped: the first call with a given set
of argument names runs Dash's own constructor, which checks the names (unknown or missing
required ones raise as always); later calls with the same names set the same attributes
directly, after the checks that depend on the values (a component given for a property other
than `children`, an `id` that is not text: those calls, and anything unusual such as more
than one positional argument or a subclass, go to Dash's constructor). The component is the
same object as Dash makes, attribute for attribute, so `to_plotly_json`, the callbacks'
encoding (dashboard.encoding) and every walk of a tree see no difference.
"""

from __future__ import annotations

import inspect

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component, _deprecated_components

# The lists Dash's generated constructors set on each instance, before its properties.
_LISTS = ("_prop_names", "_valid_wildcard_attributes", "available_properties",
          "available_wildcard_properties")
# Values that cannot be a component (Dash refuses a component outside `children`).
_PLAIN = frozenset({str, int, float, bool, type(None), dict, list, tuple})
# The lines of a generated constructor's body (dash.development._py_components_generation),
# apart from the lists of names and a check of required arguments.
_TEMPLATE_LINES = ('_explicit_args = kwargs.pop("_explicit_args")', "_locals = locals()",
                   "_locals.update(kwargs)",
                   'args = {k: _locals[k] for k in _explicit_args if k != "children"}')
_MARK = "_rodtrad_quick_init"


def _generated(cls: type) -> bool:
    """Whether `cls`'s constructor is Dash's generated template with `children` first (and
    so sets nothing but the lists of names, `children` and the given arguments)."""
    wrapper = cls.__dict__.get("__init__")
    if wrapper is None or not wrapper.__closure__:
        return False
    function = wrapper.__closure__[0].cell_contents
    if not inspect.isfunction(function):
        return False
    parameters = list(inspect.signature(function).parameters)
    if parameters[:2] != ["self", "children"]:
        return False
    source = inspect.getsource(function)
    body = [line.split("#", 1)[0].strip().replace("'", '"')
            for line in source.split("**kwargs\n    ):", 1)[-1].splitlines()]
    calls = [line for line in body if line and not line.startswith(("self.", '"', "'", "]"))
             and not line.endswith(",")]
    allowed = (*_TEMPLATE_LINES, f"super({cls.__name__}, self).__init__(children=children, **args)")
    required = [line for line in calls if line not in allowed]
    # The check of required arguments depends on their names only: `for k in [...]: if k not
    # in args: raise TypeError(...)`.
    return all(line.startswith(("for k in [", "if k not in args:", "raise TypeError("))
               for line in required) and any(line.startswith("super(") for line in calls)


def _quick(cls: type):
    """`cls.__init__` wrapped as the module's doc says."""
    dash_init = cls.__init__
    checked: set[frozenset] = set()
    lists: list[tuple] = []

    def __init__(self, *args, **kwargs):
        if type(self) is not cls or len(args) > 1 or (args and "children" in kwargs):
            return dash_init(self, *args, **kwargs)
        children = args[0] if args else kwargs.pop("children", None)
        names = frozenset(kwargs)
        if names not in checked or not lists:
            dash_init(self, children, **kwargs)
            checked.add(names)
            if not lists:
                lists.append(tuple(tuple(getattr(self, name)) for name in _LISTS))
            return None
        for value in kwargs.values():
            if type(value) not in _PLAIN:
                return dash_init(self, children, **kwargs)
        if "id" in kwargs and type(kwargs["id"]) is not str:
            return dash_init(self, children, **kwargs)
        attributes = self.__dict__
        for name, values in zip(_LISTS, lists[0]):
            attributes[name] = list(values)
        attributes["children"] = children
        attributes.update(kwargs)
        return None

    __init__.__signature__ = inspect.signature(dash_init)
    __init__.__doc__ = dash_init.__doc__
    setattr(__init__, _MARK, True)
    return __init__


def install() -> int:
    """Wrap the constructors of html, dcc and dbc components (once); how many are wrapped."""
    count = 0
    for module in (html, dcc, dbc):
        for name in dir(module):
            cls = getattr(module, name)
            if not (isinstance(cls, type) and issubclass(cls, Component)) or cls is Component:
                continue
            if getattr(cls.__init__, _MARK, False):
                count += 1
                continue
            if cls._type in _deprecated_components.get(getattr(cls, "_namespace", ""), {}):
                continue  # its constructor warns on every call
            if _generated(cls):
                cls.__init__ = _quick(cls)
                count += 1
    return count


def init_app(_app: dash.Dash) -> None:
    """Build components the quick way in this process (see the module's doc)."""
    install()
