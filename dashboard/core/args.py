"""URL arguments: one error type for an argument that cannot be shown, read once per request
into a page's typed dataclass (layouts.page), with the Swedish message that says what and where.

A page declares its arguments as a frozen dataclass whose field names are the URL's names and
whose types say how to read them: `str | None` (the first text of a repeated argument), `int |
None` (a whole number), `bool` (a switch: `1`, `ja`, `true`, `on`) or `tuple[str, ...]` (every
text given, for a page that refuses a repeated argument). Its `__post_init__` may
check more and raise `BadArgument`. The JSON API (dashboard.api) raises the same error, with
its HTTP status.
"""

from __future__ import annotations

import dataclasses
import functools
import typing
from collections.abc import Mapping

ALL = "alla"  # a filter's "all" option; never written to the URL
MAX_ECHO = 40  # characters of a bad URL argument repeated in a message
SWITCH_ON = ("1", "ja", "true", "on")


class BadArgument(ValueError):
    """A URL argument that cannot be shown: which one, the Swedish message, the HTTP status."""

    def __init__(self, argument: str | None, message: str, status: int = 400):
        super().__init__(message)
        self.argument = argument
        self.status = status

    @property
    def message(self) -> str:
        return str(self)


def one(value) -> str | None:
    """A URL argument as one text: the first of a repeated one (`?a=1&a=2`), None if not text."""
    if isinstance(value, (list, tuple)):
        value = value[0] if value else None
    return value if isinstance(value, str) else None


def echo(text: object) -> str:
    """A user's argument, shortened, for repeating in a message."""
    text = str(text)
    return text if len(text) <= MAX_ECHO else text[:MAX_ECHO] + "…"


def chosen(value: str | None) -> str | None:
    """A filter's argument, None for all (absent, empty or `alla`)."""
    return None if value in (None, "", ALL) else value


def switch_on(value: object) -> bool:
    """Whether a switch argument is on (`1`, `ja`, `true`, `on`)."""
    text = one(value)
    return text is not None and text.strip().lower() in SWITCH_ON


def read_page(raw, rows: int, per_page: int, name: str = "sida") -> tuple[int, int]:
    """(page, pages) for `?sida=` (or the argument `name`) over `rows` rows shown `per_page`
    at a time; BadArgument (Swedish) for a page that is not there."""
    pages = max(1, -(-rows // per_page))
    text = one(raw) if not isinstance(raw, int) else str(raw)
    if text in (None, ""):
        return 1, pages
    if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= pages:
        raise BadArgument(name, f"Sidan ”{echo(text)}” finns inte: listan har "
                          f"{pages} {'sida' if pages == 1 else 'sidor'}.")
    return int(text), pages


def _whole_number(name: str, text: str) -> int:
    if not (text.isascii() and text.isdigit()) or len(text) > 9:
        raise BadArgument(name, f"Argumentet {name} ska vara ett heltal, inte ”{echo(text)}”.")
    return int(text)


def _read(name: str, kind: object, raw: object):
    """One field's value from the URL, by its declared type."""
    if kind is bool:
        return switch_on(raw)
    if typing.get_origin(kind) is tuple:  # every text given, for a page that refuses repeats
        given = raw if isinstance(raw, (list, tuple)) else () if raw is None else (raw,)
        return tuple(text for text in given if isinstance(text, str))
    text = one(raw)
    if text is None or text == "":
        return None
    if int in typing.get_args(kind) or kind is int:
        return _whole_number(name, text.strip())
    return text


@dataclasses.dataclass(frozen=True)
class NoArgs:
    """A page that reads no URL arguments (any it is given are ignored)."""


def parse_args(kind: type, raw: Mapping) -> object:
    """The dataclass `kind` from a page's URL arguments (`raw`: name -> text or list of texts;
    names the page does not read are ignored). BadArgument for one that cannot be read."""
    values = {name: _read(name, hint, raw.get(name)) for name, hint in _fields(kind)}
    return kind(**values)


@functools.cache
def _fields(kind: type) -> tuple[tuple[str, object], ...]:
    """The (name, type) of each of a page's argument fields, resolved once per dataclass
    (resolving the annotations cost every request a millisecond)."""
    hints = typing.get_type_hints(kind)
    return tuple((field.name, hints[field.name]) for field in dataclasses.fields(kind)
                 if field.init)


def as_query(args: object) -> dict[str, object]:
    """A page's arguments back as URL arguments (the ones set), e.g. for its table downloads."""
    return {field.name: getattr(args, field.name) for field in dataclasses.fields(args)
            if getattr(args, field.name) not in (None, "", False)}


def given(args: object) -> dict[str, object]:
    """A page's arguments by name, each as it was given: a `tuple[str, ...]` field becomes
    None when absent, its text when given once and the list when repeated (for a page whose
    checks refuse a repeated argument)."""
    values = {}
    for field in dataclasses.fields(args):
        value = getattr(args, field.name)
        if isinstance(value, tuple):
            value = None if not value else value[0] if len(value) == 1 else list(value)
        values[field.name] = value
    return values
