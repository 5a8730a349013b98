"""The column reference in docs/import.md and on the Import page, generated from the kinds'
own descriptions.

    python -m data_access.importers.docs   # rewrites the generated part of docs/import.md

A test checks that the file holds exactly what `reference()` generates, so the document
cannot drift from what the importer accepts.
"""

from __future__ import annotations

from pathlib import Path

from data_access.importers.kinds import KINDS
from data_access.importers.spec import Column, Kind
from data_access.importers.values import Choice

DOC = Path(__file__).resolve().parents[2] / "docs" / "import.md"
BEGIN = "<!-- Genererat från data_access/importers/kinds.py: ändra där, kör sedan " \
        "python -m data_access.importers.docs -->"
END = "<!-- Slut på det genererade -->"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _help(column: Column) -> str:
    """A column's meaning, with the other systems' headers read as its own."""
    if not column.aliases:
        return column.help
    return f"{column.help} (rubriken kan också vara {', '.join(column.aliases)})"


def _need(column: Column) -> str:
    if column.key:
        return "nyckel"
    return "krävs" if column.required else "valfri"


def _type(column: Column) -> str:
    if isinstance(column.type, Choice):
        return "ett av: " + ", ".join(f"`{word}`" for _, word in column.type.options)
    return column.type.describe()


COLUMN_HEADERS = ("kolumn", "behövs", "typ och tillåtna värden", "betydelse", "exempel")


def column_rows(kind: Kind) -> list[list[str]]:
    """A kind's columns as rows of COLUMN_HEADERS (plain text)."""
    return [[c.header, _need(c), _type(c), _help(c), c.example or "–"] for c in kind.columns]


def key_text(kind: Kind) -> str:
    """The columns that find a kind's row, e.g. `”Enhetskod” + ”Period”`."""
    return " + ".join(f"”{c.header}”" for c in kind.key_columns)


def kind_section(kind: Kind) -> str:
    """One kind: what it holds, its key, and a table of its columns."""
    lines = [
        f"### {kind.title} (`{kind.name}`)", "",
        kind.about, "",
        f"Nyckel: {key_text(kind)}. Mall: `rodtrad template {kind.name}`.", "",
        "| " + " | ".join(COLUMN_HEADERS) + " |",
        "|---|---|---|---|---|",
    ]
    lines += ["| " + " | ".join(_cell(text) for text in row) + " |" for row in column_rows(kind)]
    return "\n".join(lines)


def reference() -> str:
    """Every kind's section, in the order a first load needs them."""
    return "\n\n".join(kind_section(kind) for kind in KINDS.values())


def rewrite(path: Path = DOC) -> None:
    """Replace the generated part of the document with the current reference."""
    text = path.read_text(encoding="utf-8")
    head, rest = text.split(BEGIN, 1)
    tail = rest.split(END, 1)[1]
    path.write_text(f"{head}{BEGIN}\n\n{reference()}\n\n{END}{tail}", encoding="utf-8")


if __name__ == "__main__":
    rewrite()
