"""Searching words in text the same way on every database: casefolded in Python.

SQLite's lower() and LIKE fold only ASCII letters, and PostgreSQL's fold by the database's
locale (under LC_CTYPE=C only ASCII too), so `Å` would not find `å` everywhere. Instead the
text to search is stored casefolded (Indicator.search_text, written with the row) and the
words searched for are casefolded here: SQL then only compares folded text with folded text,
and a search means the same on SQLite, on PostgreSQL under any locale and in Python.

The search in the header (`data_access.search_index`) cuts text into words the same way,
`words`, and on SQLite stems them with Snowball's Swedish stemmer (`stem`), the algorithm
PostgreSQL's `swedish` text-search configuration uses: "vårdcentralerna" and "vårdcentral"
are one word to it.
"""

from __future__ import annotations

import re
from functools import lru_cache

import snowballstemmer

_WORD = re.compile(r"\w+")
_STEMMER = snowballstemmer.stemmer("swedish")


def search_text(*fields: str | None) -> str:
    """The fields as one casefolded text to search in (a word never spans two fields)."""
    return " ".join(field or "" for field in fields).casefold()


def search_words(text: str | None) -> list[str]:
    """The casefolded words of a search: a row matches when its text has every one."""
    return (text or "").casefold().split()


def words_match(text: str | None, *fields: str | None) -> bool:
    """Whether every word of `text` occurs in the fields (any case; empty text matches)."""
    haystack = search_text(*fields)
    return all(word in haystack for word in search_words(text))


def words(*fields: str | None) -> list[str]:
    """The casefolded words (letters and digits) of the fields, in order."""
    return _WORD.findall(search_text(*fields))


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A casefolded word's Swedish stem; always a prefix of the word, so the stem of a word
    being typed still begins every word it may become."""
    return _STEMMER.stemWord(word)
