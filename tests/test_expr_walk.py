"""``atoms_of`` and ``substitute`` (alliance_games/expr_walk.py) against sympy's ``atoms``
and ``xreplace`` on random expressions with shared subexpressions, root objects and
square roots: the same answers, except that nothing inside a root object's polynomial is
seen or replaced (its variable's powers; the roots themselves stay the same object)."""

from __future__ import annotations

import random

import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from alliance_games.expr_walk import atoms_of, substitute

W = sp.Symbol("w")
X, Y, Z = sp.symbols("x y z")
ROOTS = [sp.CRootOf(W**3 - W - 1, 0), sp.CRootOf(W**5 - 3 * W + 1, 1)]


def _expr(rng: random.Random, depth: int) -> sp.Expr:
    """A random expression: sums, products, powers (integer and half), quotients, over
    symbols, rationals, roots and square roots; subexpressions reused."""
    leaves = [X, Y, Z, *ROOTS, sp.sqrt(2), sp.Rational(rng.randint(-5, 5), rng.randint(1, 4))]
    if depth == 0 or rng.random() < 0.2:
        return rng.choice(leaves)
    a = _expr(rng, depth - 1)
    b = _expr(rng, depth - 1) if rng.random() < 0.7 else a  # shared
    op = rng.choice(["add", "mul", "pow", "sqrt", "div"])
    if op == "add":
        return a + b
    if op == "mul":
        return a * b
    if op == "pow":
        return a ** rng.randint(2, 3)
    if op == "sqrt":
        return sp.sqrt(a**2 + 1)
    return a / (b**2 + 1)


def _inside_roots(e: sp.Expr) -> set:
    return {x for r in e.atoms(sp.CRootOf) for x in sp.preorder_traversal(r.expr)}


@settings(max_examples=120, deadline=None)
@given(st.integers(0, 10**6), st.integers(1, 5))
def test_atoms_as_sympy_gives_them(seed, depth):
    e = _expr(random.Random(seed), depth)
    for types in ((sp.Pow,), (sp.CRootOf,), (sp.Pow, sp.CRootOf), (sp.Symbol,), (sp.Add,)):
        mine = atoms_of(e, *types)
        theirs = e.atoms(*types)
        assert mine <= theirs
        assert theirs - mine <= _inside_roots(e), (e, types)


@settings(max_examples=120, deadline=None)
@given(st.integers(0, 10**6), st.integers(1, 5))
def test_substitution_as_sympy_does_it(seed, depth):
    rng = random.Random(seed)
    e = _expr(rng, depth)
    rules = [{X: sp.Rational(rng.randint(-3, 3), 2)}, {X: Y, Y: X}, {ROOTS[0]: Z},
             {X: ROOTS[1], sp.sqrt(2): Y}, {}]
    # a subexpression as a key too, not one inside a root's polynomial (sympy would
    # rewrite the polynomial there, which is not a substitution in the number)
    sub = [s for s in e.atoms(sp.Add, sp.Mul, sp.Pow) - _inside_roots(e) if not s.has(sp.CRootOf)]
    if sub:
        rules.append({rng.choice(sorted(sub, key=sp.default_sort_key)): Z})
    for rule in rules:
        assert substitute(e, rule) == e.xreplace(rule), (e, rule)
