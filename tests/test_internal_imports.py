"""No module of the package reaches into another module's private names.

Shared internals live in internal modules (``textmine/_frames.py``,
``_tokens.py``, ``_parquet.py``...), whose names carry no underscore; a
``_name`` is private to the module that defines it. This test reads every
``textmine/**/*.py`` with :mod:`ast` and fails on

* ``from .x import _name`` (or ``from textmine.x import _name``), and
* ``x._name`` where ``x`` is a textmine module imported into the file,

naming the file, the line and the fix.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "textmine"

#: Known imports waiting for a change in progress elsewhere, each with the reason.
#: Keep this list exact: an entry that is no longer needed fails the test too.
PENDING: dict[tuple[str, str], str] = {
}


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _module_of(package: Path, path: Path, node: ast.ImportFrom) -> str:
    """Dotted module an ``ImportFrom`` reads from, relative to the package (``""`` for the package)."""
    if node.level == 0:
        mod = node.module or ""
        return mod[len("textmine."):] if mod.startswith("textmine.") else ("" if mod == "textmine" else "<outside>")
    parts = list(path.relative_to(package).with_suffix("").parts)[:-1]  # the file's package
    parts = parts[: len(parts) - (node.level - 1)] if node.level > 1 else parts
    return ".".join([*parts, *(node.module.split(".") if node.module else [])])


def _is_module(package: Path, dotted: str) -> bool:
    base = package.joinpath(*dotted.split(".")) if dotted else package
    return base.with_suffix(".py").exists() or (base / "__init__.py").exists()


def violations(package: Path = PACKAGE) -> dict[tuple[str, str], list[int]]:
    """``(file, "module.name") → lines`` for every private name used across modules."""
    found: dict[tuple[str, str], list[int]] = {}
    for path in sorted(package.rglob("*.py")):
        rel = str(path.relative_to(package))
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=rel)
        modules: dict[str, str] = {}  # local name → textmine module it is bound to
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                source = _module_of(package, path, node)
                if source == "<outside>":
                    continue
                for alias in node.names:
                    dotted = f"{source}.{alias.name}" if source else alias.name
                    if _is_module(package, dotted):  # ``from . import segment`` binds a module
                        modules[alias.asname or alias.name] = dotted
                    elif _private(alias.name):
                        found.setdefault((rel, dotted), []).append(node.lineno)
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name.startswith("textmine.") and alias.asname:
                        modules[alias.asname] = alias.name[len("textmine."):]
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in modules:
                if _private(node.attr):
                    found.setdefault((rel, f"{modules[node.value.id]}.{node.attr}"), []).append(node.lineno)
    return found


def test_no_module_imports_another_modules_private_names():
    found = violations()
    new = {k: v for k, v in found.items() if k not in PENDING}
    assert not new, (
        "private names used across modules (move the shared helper to an internal module such as "
        "textmine/_tokens.py, give it a name without an underscore, and import it from there):\n"
        + "\n".join(f"  textmine/{rel}:{lines[0]}: {name}" for (rel, name), lines in sorted(new.items()))
    )
    stale = sorted(set(PENDING) - set(found))
    assert not stale, f"PENDING entries no longer needed (remove them): {stale}"


def test_the_scanner_finds_what_it_should(tmp_path):
    # a fake package: a private name imported, another used as an attribute, internal modules used fine
    pkg = tmp_path / "textmine"
    (pkg / "sub").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "_internal.py").write_text("def helper():\n    pass\n")
    (pkg / "a.py").write_text("def _hidden():\n    pass\n\n\ndef _other():\n    pass\n")
    (pkg / "sub" / "__init__.py").write_text("")
    (pkg / "sub" / "b.py").write_text(
        "import textmine.a as ta\n"
        "from .. import a, _internal\n"
        "from ..a import _hidden\n"
        "from .._internal import helper\n"
        "from textmine.a import _other as o\n"
        "def f():\n    return a._other(), ta._hidden(), _internal.helper(), a.__name__\n"
    )
    found = violations(pkg)
    assert {k: sorted(v) for k, v in found.items()} == {("sub/b.py", "a._hidden"): [3, 7], ("sub/b.py", "a._other"): [5, 7]}
