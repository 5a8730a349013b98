"""The organisation's own words: `regionen` or `kommunen`, `regionfullmäktige` or
`kommunfullmäktige`, by the kind in the organisation profile.

Page texts that name the organisation hold placeholders (`{noun}`, `{council}` …, see
`WORDS`) and are filled with `fill` when they are drawn; code that builds a sentence asks
`word(key)`. The kind comes from a source the app registers with `provide` (the stored
profile, read once per request); outside a request, and before a source is registered, the
words are a region's (the kind a new database starts with).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from flask import g, has_request_context

KINDS = ("region", "kommun")
DEFAULT_KIND = "region"

WORDS: dict[str, dict[str, str]] = {
    "region": {
        "kind": "region",
        "noun": "regionen", "Noun": "Regionen",
        "noun_gen": "regionens", "Noun_gen": "Regionens",
        "whole": "hela regionen", "Whole": "Hela regionen",
        "council": "regionfullmäktige", "Council": "Regionfullmäktige",
        "council_gen": "regionfullmäktiges", "Council_gen": "Regionfullmäktiges",
        "board": "regionstyrelsen", "Board": "Regionstyrelsen",
        "level": "Region",
        "Report": "Regionrapport", "report": "regionrapporten",
    },
    "kommun": {
        "kind": "kommun",
        "noun": "kommunen", "Noun": "Kommunen",
        "noun_gen": "kommunens", "Noun_gen": "Kommunens",
        "whole": "hela kommunen", "Whole": "Hela kommunen",
        "council": "kommunfullmäktige", "Council": "Kommunfullmäktige",
        "council_gen": "kommunfullmäktiges", "Council_gen": "Kommunfullmäktiges",
        "board": "kommunstyrelsen", "Board": "Kommunstyrelsen",
        "level": "Kommun",
        "Report": "Kommunrapport", "report": "kommunrapporten",
    },
}

_PLACEHOLDER = re.compile(r"\{(\w+)\}")
_source: Callable[[], str] | None = None


def provide(source: Callable[[], str] | None) -> None:
    """Register where the organisation's kind comes from (called once by the app factory)."""
    global _source
    _source = source


def kind() -> str:
    """`region` or `kommun`: this request's organisation kind (read once per request)."""
    if _source is None or not has_request_context():
        return DEFAULT_KIND
    if "rodtrad_kind" not in g:
        found = _source()
        g.rodtrad_kind = found if found in WORDS else DEFAULT_KIND
    return g.rodtrad_kind


def words(of_kind: str | None = None) -> dict[str, str]:
    """Every word for a kind (default: this request's)."""
    return WORDS[of_kind or kind()]


def word(key: str, of_kind: str | None = None) -> str:
    """One word, e.g. `word("council")` -> `kommunfullmäktige` for a kommun."""
    return words(of_kind)[key]


def fill(text: str, of_kind: str | None = None) -> str:
    """A text with its `{placeholders}` replaced by the organisation's words; any other
    brace (e.g. in an indicator's description, which is data) is left as it is."""
    if "{" not in text:
        return text
    known = words(of_kind)
    return _PLACEHOLDER.sub(lambda m: known.get(m.group(1), m.group(0)), text)
