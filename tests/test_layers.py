"""The layers, read from the source (ast): dashboard.core is the base, nothing imports upward.

- dashboard/core (formatting, URLs, the formula guard, the file writers) imports nothing from
  dashboard outside core, callbacks, layouts or data_access;
- data_access imports from dashboard only its base, dashboard.core;
- no module imports our own code inside a function to dodge an import cycle: imports sit at the
  top of the module, so the layers show in the import lines.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("dashboard", "callbacks", "layouts", "data_access")
UPPER = ("dashboard", "callbacks", "layouts")

# In-function imports from dashboard, callbacks or layouts that remain, as "path: module", each
# with the reason it cannot move to the top: none remain.
KNOWN_IN_FUNCTION: set[str] = set()


def _modules() -> list[Path]:
    return sorted(p for package in PACKAGES for p in (ROOT / package).rglob("*.py")
                  if "migrations" not in p.relative_to(ROOT).parts)


def _name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imported(node: ast.AST, module: str, is_package: bool) -> list[str]:
    """The module names an import statement names (relative imports resolved)."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if isinstance(node, ast.ImportFrom):
        base = node.module or ""
        if node.level:
            parent = module.split(".")[: len(module.split(".")) - node.level + is_package]
            base = ".".join([*parent, *([base] if base else [])])
        # `from dashboard.core import formatting` names dashboard.core.formatting
        return [f"{base}.{alias.name}" for alias in node.names] or [base]
    return []


def _imports(path: Path) -> tuple[list[str], list[tuple[int, str]]]:
    """A module's imports at module level (also under if/try), and those inside functions."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    module, is_package = _name(path), path.name == "__init__.py"
    top, inside = [], []

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            names = _imported(child, module, is_package)
            if names:
                if in_function:
                    inside.extend((child.lineno, name) for name in names)
                else:
                    top.extend(names)
            visit(child, in_function or isinstance(
                child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)))

    visit(tree, False)
    return top, inside


def _under(name: str, *prefixes: str) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


MODULES = _modules()


def test_the_walk_sees_the_layers():
    """The walk finds the base and its users (a moved folder must not make the checks vacuous)."""
    names = {_name(p) for p in MODULES}
    assert {"dashboard.core.formatting", "dashboard.core.exports", "dashboard.core.urls",
            "dashboard.core.formulas", "dashboard.app", "data_access.importers.exporting"} <= names
    top, _ = _imports(ROOT / "data_access/importers/exporting.py")
    assert any(_under(name, "dashboard.core") for name in top)


@pytest.mark.parametrize("path", [p for p in MODULES if _under(_name(p), "dashboard.core")],
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_core_imports_nothing_above_it(path):
    top, inside = _imports(path)
    above = [name for name in top + [n for _, n in inside]
             if _under(name, *UPPER, "data_access") and not _under(name, "dashboard.core")]
    assert above == [], f"{path.relative_to(ROOT)} imports above the base: {above}"


@pytest.mark.parametrize("path", [p for p in MODULES if _under(_name(p), "data_access")],
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_data_access_uses_only_the_base_of_dashboard(path):
    top, inside = _imports(path)
    above = [name for name in top + [n for _, n in inside]
             if _under(name, *UPPER) and not _under(name, "dashboard.core")]
    assert above == [], f"{path.relative_to(ROOT)} imports above dashboard.core: {above}"


def test_no_imports_of_our_own_code_inside_functions():
    found = set()
    for path in MODULES:
        _, inside = _imports(path)
        found |= {f"{path.relative_to(ROOT)}: {name}" for _, name in inside
                  if _under(name, *UPPER)}
    assert sorted(found - KNOWN_IN_FUNCTION) == [], "import these at the top of the module"
    assert sorted(KNOWN_IN_FUNCTION - found) == [], "no longer inside a function: drop them"
