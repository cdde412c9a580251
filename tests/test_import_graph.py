"""The package's import graph has no cycles, at module level and between its top-level
parts (``game``, ``solving``, ``parametric``, ``alliance``, ``io`` ...), counting imports
placed inside functions too; and no function imports from the package (an import moved
into a function is how a cycle is hidden).  Read with ``ast``, nothing is imported.

``from pkg import name`` counts as an import of the module that defines ``name`` when
``pkg/__init__.py`` only hands it on (a package's face), so a face never hides an edge.
The files are read from the checkout, not imported (a cycle can break the import).
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "alliance_games"
NAME = PACKAGE.name


def _modules() -> dict[str, Path]:
    out = {}
    for f in PACKAGE.rglob("*.py"):
        parts = list(f.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = f
    return out


MODULES = _modules()


def _source(name: str, node: ast.ImportFrom) -> str:
    """The absolute name ``node`` imports from, in module ``name``."""
    if not node.level:
        return node.module or ""
    base = name.split(".")
    if MODULES[name].name != "__init__.py":
        base = base[:-1]
    base = base[:len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def _known(target: str) -> str | None:
    """The package module ``target`` names (or lies in), or None outside the package."""
    while target and target not in MODULES:
        target = target.rpartition(".")[0]
    return target or None


def _handed_on(package: str) -> dict[str, str]:
    """``name -> module`` for each ``from X import name`` in a package's ``__init__``."""
    f = MODULES.get(package)
    if f is None or f.name != "__init__.py":
        return {}
    return {a.asname or a.name: _source(package, n)
            for n in ast.walk(ast.parse(f.read_text())) if isinstance(n, ast.ImportFrom)
            for a in n.names}


def _targets(name: str, node: ast.AST) -> list[str]:
    """The package modules an import statement reaches (faces resolved)."""
    if isinstance(node, ast.Import):
        raw = [a.name for a in node.names]
    else:
        src = _source(name, node)
        raw = [f"{src}.{a.name}" if f"{src}.{a.name}" in MODULES
               else _handed_on(src).get(a.name, src) for a in node.names]
    out = []
    for t in raw:
        t = _known(t)
        if t is None:
            continue
        if MODULES[t].name == "__init__.py":  # a face: the modules behind it
            out += [m for m in map(_known, _handed_on(t).values()) if m]
        else:
            out.append(t)
    return [t for t in out if t != name]


def _imports(tree: ast.AST) -> list[ast.AST]:
    return [n for n in ast.walk(tree) if isinstance(n, (ast.Import, ast.ImportFrom))]


def _graph() -> dict[str, set[str]]:
    return {name: {t for n in _imports(ast.parse(f.read_text())) for t in _targets(name, n)}
            for name, f in MODULES.items() if f.name != "__init__.py"}


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of ``graph``, or None (depth-first search, colours)."""
    colour: dict[str, int] = {}
    path: list[str] = []

    def visit(v: str) -> list[str] | None:
        colour[v] = 1
        path.append(v)
        for w in sorted(graph.get(v, ())):
            if colour.get(w) == 1:
                return path[path.index(w):] + [w]
            if w not in colour:
                found = visit(w)
                if found:
                    return found
        colour[v] = 2
        path.pop()
        return None

    for v in sorted(graph):
        if v not in colour:
            found = visit(v)
            if found:
                return found
    return None


def _part(name: str) -> str:
    return name.split(".")[1] if "." in name else name


def test_the_cycle_finder_finds_cycles():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b", "c"}, "b": {"c"}, "c": set()}) is None


def test_the_graph_reads_the_package():
    graph = _graph()
    assert f"{NAME}.solving.semialgebraic" in graph
    assert f"{NAME}.solving.bernstein" in graph[f"{NAME}.solving.semialgebraic"]
    assert sum(map(len, graph.values())) > 100


def test_no_module_cycle():
    assert _cycle(_graph()) is None


def test_no_cycle_between_the_package_parts():
    parts: dict[str, set[str]] = {}
    for v, ws in _graph().items():
        parts.setdefault(_part(v), set()).update(_part(w) for w in ws if _part(w) != _part(v))
    assert _cycle(parts) is None


def test_no_function_imports_from_the_package():
    inside = []
    for name, f in MODULES.items():
        for fn in ast.walk(ast.parse(f.read_text())):
            if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
                inside += [f"{name}.{fn.name}" for n in _imports(fn) if _targets(name, n)]
    assert inside == []
