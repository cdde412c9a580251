"""Exact zero tests at points of two real algebraic coordinates, and the root intervals
under them.

``plane_signs.vanishes_at`` decides whether ``f(x0, y0) == 0`` for the sample points of
the two-dimensional decompositions.  For two root objects it first tries the resultant
``Res_x(q, f)`` and an isolating interval of ``y0`` (``_vanishes_by_isolation``, round
59: seconds where Euclid's algorithm over ``Q(x0)`` had not ended in ten minutes), and
falls back to Euclid (``_vanishes_by_euclid``) where that leaves it open.  The two are
written independently; here they must agree wherever the first answers, at crossings of
random conics (both coordinates irrational), for polynomials through the crossing, beside
it, with a squared factor (a multiple root of the resultant) and at points whose ``y`` is
a root of the fiber over another conjugate of ``x0``.  ``signs.root_interval`` (bisection
with integer arithmetic in place of sympy's refinement) is checked against sympy's values.
"""

from __future__ import annotations

from fractions import Fraction

import sympy as sp
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from alliance_games.signs import root_interval, root_sign, sign_on_interval
from alliance_games.solving import plane_signs

x, y = sp.symbols("x y")
_coef = st.integers(-3, 3)


def _crossings(f: sp.Expr, g: sp.Expr) -> list[tuple]:
    """Points over the real roots ``x0`` of ``Res_y(f, g)`` whose ``y0`` is a real root of
    ``Res_x(q, f)`` (``q`` the minimal polynomial of ``x0``): on ``f`` over ``x0`` or over
    one of its conjugates, both irrational."""
    res = sp.resultant(f, g, y) if f.has(y) and g.has(y) else sp.S.Zero
    if res == 0 or not res.has(x):
        return []
    points = []
    for x0 in sp.Poly(res, x).sqf_part().real_roots(radicals=False)[:2]:
        if x0.is_Rational:
            continue
        fiber = sp.resultant(sp.minimal_polynomial(x0, x), f, x)
        if fiber == 0 or not fiber.has(y):
            continue
        points += [(x0, y0) for y0 in sp.Poly(fiber, y).sqf_part().real_roots(radicals=False)[:3]
                   if not y0.is_Rational]
    return points


@settings(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(st.lists(_coef, min_size=6, max_size=6), st.lists(_coef, min_size=6, max_size=6))
def test_isolation_and_euclid_agree(cf, cg):
    mons = (1, x, y, x * y, x**2, y**2)
    f = sp.Add(*[k * m for k, m in zip(cf, mons)])
    g = sp.Add(*[k * m for k, m in zip(cg, mons)])
    points = _crossings(f, g)
    assume(points)
    for x0, y0 in points[:3]:
        q, qy = plane_signs._minimal_polynomials(x0, y0)
        for e in (f, g, f + x * g, f * g, f**2, g * (y - x), f - y + x**2):
            e = sp.expand(e)
            if not e.has(x) or not e.has(y):
                continue
            poly = sp.Poly(e, x, y)
            fast = plane_signs._vanishes_by_isolation(poly, x0, y0, q)
            slow = plane_signs._vanishes_by_euclid(poly, x0, y0, q, qy)
            assert fast is None or fast == slow, (e, x0, y0)


def test_isolation_decides_conjugates_and_leaves_multiple_roots():
    """``y0`` a root of the fiber over a conjugate of ``x0`` only: no (the resultant
    vanishes there all the same).  A squared factor makes ``y0`` a double root of the
    resultant: left to Euclid, whose answer is yes."""
    x0 = sp.CRootOf(x**2 - 2, 0)  # -sqrt(2)
    y0 = sp.CRootOf(y**2 - 2, 1)  # sqrt(2): y - x vanishes at (sqrt(2), sqrt(2)), not here
    q = sp.Poly(x**2 - 2, x)
    assert plane_signs._vanishes_by_isolation(sp.Poly(y - x, x, y), x0, y0, q) is False
    assert plane_signs._vanishes_by_isolation(sp.Poly(y + x, x, y), x0, y0, q) is True
    r = sp.CRootOf(x**3 - x - 1, 0)
    s = sp.CRootOf(y**3 - 2 * y**2 + y - 1, 0)  # r**2
    square = sp.Poly((y - x**2)**2, x, y)
    cubic = sp.Poly(x**3 - x - 1, x)
    assert plane_signs._vanishes_by_isolation(square, r, s, cubic) is None
    assert plane_signs.vanishes_at(square, r, s) is True
    assert plane_signs.vanishes_at(sp.Poly((y - x**2)**2 + 1, x, y), r, s) is False


@settings(max_examples=30, deadline=None)
@given(st.lists(st.integers(-9, 9), min_size=3, max_size=7), st.integers(1, 120))
def test_root_interval_isolates_and_narrows(coeffs, bits):
    """The interval holds the root (sympy's 50-digit value) and no other root of its
    polynomial, and is no wider than asked; the signs read on it agree with sympy's."""
    poly = sp.Poly(coeffs, x)
    assume(poly.degree() >= 2)
    for factor, _ in poly.factor_list()[1]:
        if factor.degree() < 2:
            continue
        for root in factor.real_roots(radicals=False):
            if not isinstance(root, sp.CRootOf):  # sympy scaled the polynomial: 2 CRootOf(...)
                continue
            a, b = root_interval(root, Fraction(1, 2**bits))
            assert b - a <= Fraction(1, 2**bits)
            value = root.evalf(50)
            assert sp.Rational(a.numerator, a.denominator) <= value <= sp.Rational(
                b.numerator, b.denominator)
            assert factor.count_roots(sp.Rational(a.numerator, a.denominator),
                                      sp.Rational(b.numerator, b.denominator)) == 1
            probe = sp.Poly(x**2 - 3 * x + 1, x)
            expected = sp.sign((probe.as_expr().subs(x, value)).evalf(40))
            assert root_sign(probe, root) == expected


def test_sign_on_interval_never_claims_a_sign_across_a_root():
    t = sp.Symbol("t")
    p = sp.Poly(t**3 - 2, t)  # 1.2599...
    assert sign_on_interval(p, Fraction(1), Fraction(6, 5)) == -1
    assert sign_on_interval(p, Fraction(5, 4), Fraction(13, 10)) is None
    assert sign_on_interval(p, Fraction(13, 10), Fraction(2)) in (1, None)

