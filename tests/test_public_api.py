"""Every public function of the package has type hints and a docstring whose example runs.

The standard ("public functions have type hints and a numpydoc docstring whose example
runs") is checked here on the source, read with ``ast`` (nothing is imported): every
module-level function whose name has no leading underscore annotates each parameter and
its return, and its docstring holds a ``>>>`` line that doctest runs (not marked
``+SKIP``).  The examples themselves run in the suite (``--doctest-modules``).  Every
public method of a public class annotates its parameters (``self`` and ``cls`` aside) and
its return and has a docstring; examples are asked of functions, not of every method.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "alliance_games"


def _public(body: list[ast.stmt], prefix: str) -> list[tuple[str, ast.FunctionDef]]:
    """The public functions among ``body``'s statements, named ``prefix + name``."""
    return [(prefix + node.name, node) for node in body
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
            and not node.name.startswith("_")]


def _public_definitions() -> tuple[list, list]:
    """``(functions, methods)``: every module's public functions, and the public methods
    of its public classes, read in one walk over the package."""
    functions, methods = [], []
    for f in sorted(PACKAGE.rglob("*.py")):
        where = f"{f.relative_to(PACKAGE.parent)}:"
        body = ast.parse(f.read_text()).body
        functions += _public(body, where)
        for cls in body:
            if isinstance(cls, ast.ClassDef) and not cls.name.startswith("_"):
                methods += _public(cls.body, f"{where}{cls.name}.")
    return functions, methods


FUNCTIONS, METHODS = _public_definitions()


def _is_static(node: ast.FunctionDef) -> bool:
    return any(isinstance(d, ast.Name) and d.id == "staticmethod" for d in node.decorator_list)


def _unannotated(node: ast.FunctionDef, method: bool = False) -> list[str]:
    args = node.args
    params = args.posonlyargs + args.args + args.kwonlyargs
    if method and not _is_static(node) and params and params[0].arg in ("self", "cls"):
        params = params[1:]
    params += [a for a in (args.vararg, args.kwarg) if a is not None]
    missing = [a.arg for a in params if a.annotation is None]
    return missing + (["return"] if node.returns is None else [])


def _runs_an_example(doc: str) -> bool:
    return any(line.strip().startswith(">>>") and "+SKIP" not in line
               for line in doc.splitlines())


def test_the_package_has_public_functions():
    assert len(FUNCTIONS) > 400  # the walk reads the package (a wrong path finds none)
    assert len(METHODS) > 200


@pytest.mark.parametrize("name,node", FUNCTIONS, ids=[n for n, _ in FUNCTIONS])
def test_public_function_is_annotated_and_has_an_example(name, node):
    assert _unannotated(node) == [], f"{name}: no type hint for {_unannotated(node)}"
    doc = ast.get_docstring(node)
    assert doc, f"{name}: no docstring"
    assert _runs_an_example(doc), f"{name}: no example that doctest runs"


@pytest.mark.parametrize("name,node", METHODS, ids=[n for n, _ in METHODS])
def test_public_method_is_annotated_and_documented(name, node):
    missing = _unannotated(node, method=True)
    assert missing == [], f"{name}: no type hint for {missing}"
    assert ast.get_docstring(node), f"{name}: no docstring"


def test_the_checks_can_fail():
    """The two checks reject a function without hints and a docstring without example."""
    bare = ast.parse('def f(x, *a, k=1, **kw):\n'
                     '    """Text.\n\n    >>> f(1)  # doctest: +SKIP\n    """\n').body[0]
    assert _unannotated(bare) == ["x", "k", "a", "kw", "return"]
    assert not _runs_an_example(ast.get_docstring(bare))
    typed = ast.parse('def f(x: int) -> int:\n    """>>> f(1)\n    1\n    """\n').body[0]
    assert _unannotated(typed) == [] and _runs_an_example(ast.get_docstring(typed))
    method = ast.parse("def m(self, x: int) -> int:\n    return x\n").body[0]
    assert _unannotated(method, method=True) == []
    assert _unannotated(method) == ["self"]
