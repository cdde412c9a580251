"""The resultants and discriminants of ``solving/resultants.py`` (python-flint's when it is
installed) are sympy's up to sign, on random polynomials in two and three unknowns with
rational coefficients, including zero, constant and shared-factor cases, and with two
unknowns of the same name (sympy ``Dummy`` objects); flint's sign is the textbook one.
(``benchmarks/bench_resultants.py`` found 43 of 860 resultants of a survey game's
decompositions of opposite sign to sympy's; the three looked at had a factor of degree 1.)"""

from __future__ import annotations

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from alliance_games.solving import resultants

pytestmark = pytest.mark.skipif(resultants.flint is None, reason="python-flint not installed")

x, y, z = sp.symbols("x y z")
MONOMIALS = [1, x, y, z, x * y, y**2, x * z, y * z, x * y**2, y**3, x**2 * y]


def polynomials(count: int):
    coefficient = st.fractions(-3, 3, max_denominator=4)
    return st.lists(st.lists(coefficient, min_size=len(MONOMIALS), max_size=len(MONOMIALS)),
                    min_size=count, max_size=count)


def build(rows: list) -> list[sp.Expr]:
    return [sp.expand(sp.Add(*(sp.Rational(c.numerator, c.denominator) * m
                               for c, m in zip(row, MONOMIALS)))) for row in rows]


@settings(max_examples=60, deadline=None)
@given(polynomials(3), st.sampled_from([x, y, z]), st.booleans())
def test_the_same_as_sympy(rows, v, share):
    f, g, h = build(rows)
    if share:  # a common factor: the resultant is 0
        f, g = sp.expand(f * h), sp.expand(g * h)
    assert same_up_to_sign(resultants.resultant(f, g, v, "flint"),
                           resultants.resultant(f, g, v, "sympy"))
    assert same_up_to_sign(resultants.discriminant(f, v, "flint"),
                           resultants.discriminant(f, v, "sympy"))


@settings(max_examples=40, deadline=None)
@given(polynomials(2), st.sampled_from([x, y, z]))
def test_as_a_polynomial_the_same(rows, v):
    """``resultant_poly`` (no expressions built) is ``resultant`` as a polynomial in the
    other unknowns, whatever the order of the generators."""
    f, g = build(rows)
    for gens in ((x, y, z), (z, x, y)):
        got = resultants.resultant_poly(sp.Poly(f, *gens), sp.Poly(g, *gens), v)
        others = tuple(u for u in gens if u != v)
        assert got.gens == others and got.domain == sp.QQ
        assert got == sp.Poly(resultants.resultant(f, g, v), *others, domain="QQ")


def same_up_to_sign(a: sp.Expr, b: sp.Expr) -> bool:
    return a == b or sp.expand(a + b) == 0


def test_the_textbook_sign():
    """``Res(f, g) = lc(f)**deg(g) * prod g(roots of f)``: ``g(1)`` for ``f = y - 1``,
    where sympy's has the other sign."""
    g = x * y**3 - 4 * x * y**2 + 2
    assert resultants.resultant(y - 1, g, y, "flint") == sp.expand(g.subs(y, 1))
    assert resultants.resultant(y, y**3 + 2, y, "flint") == 2
    assert same_up_to_sign(resultants.resultant(y - 1, g, y, "sympy"), sp.expand(g.subs(y, 1)))


def test_dummies_of_one_name_stay_apart():
    a, b = sp.Dummy("t"), sp.Dummy("t")
    f, g = a * b - 1, b**2 - a + 2 * b
    for v in (a, b):
        assert same_up_to_sign(resultants.resultant(f, g, v, "flint"),
                               sp.expand(sp.resultant(f, g, v)))


def test_an_unknown_backend_is_named():
    with pytest.raises(ValueError, match="no polynomial backend 'gmp'"):
        resultants.resultant(x, y, x, "gmp")
