"""Rational points of open sets (every constraint strict), from the open cells of a
cylindrical decomposition (:func:`semialgebraic._open_point`), and the split of a set of
inequalities into its interior and its faces (:func:`semialgebraic._interior_and_faces`).

- two variables, random strict sets: the same answer as the full two-dimensional
  decomposition (every cell, sections included), which builds its cells differently;
- three variables: sets with a known answer (a ball around a point outside the simplex,
  nonempty exactly past the distance; two products; a tangency), on both sides of the
  boundary and on it;
- sets through a planted point: a point is always found, and checked exactly here.
"""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy as sp
from hypothesis import HealthCheck, assume, event, example, given, settings
from hypothesis import strategies as st

from alliance_games.solving.semialgebraic import (
    _cad_2d,
    _Constraint,
    _interior_and_faces,
    _open_point,
    _rational_gaps,
    _simplex,
)

X, Y, Z, W = sp.symbols("x y z w")
SETTINGS = settings(max_examples=40, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow,
                                           HealthCheck.filter_too_much])
_small = st.integers(-3, 3)


def _strict(exprs, gens) -> list[_Constraint]:
    """``e > 0`` for each expression, and the open simplex of ``gens``."""
    cons = [_Constraint(sp.Poly(e, *gens, domain="QQ"), ">") for e in exprs]
    return cons + [_Constraint(c.poly, ">") for c in _simplex(tuple(gens))]


def _inside(cons, point) -> bool:
    return all(c.sign_rational(point) > 0 for c in cons)


def _poly(cs, gens, degree: int) -> sp.Expr:
    monomials = sorted(sp.itermonomials(gens, degree), key=sp.default_sort_key)
    return sp.Add(*(c * m for c, m in zip(cs, monomials)))


@SETTINGS
@given(st.lists(st.lists(_small, min_size=10, max_size=10), min_size=1, max_size=3),
       st.sampled_from((2, 3)))
def test_two_variables_agree_with_the_full_decomposition(css, degree):
    """Random strict sets in the triangle: a point exactly when the full decomposition
    (:func:`_cad_2d`, every cell) has a sample in the set; each point is checked."""
    exprs = [_poly(cs, (X, Y), degree) for cs in css]
    assume(all(sp.Poly(e, X, Y).total_degree() > 0 for e in exprs))
    cons = _strict(exprs, (X, Y))
    ours = _open_point(cons)
    full = _cad_2d(cons, lambda pt, sign: all(sign(c) > 0 for c in cons))
    assert (ours is None) == (full is None), (exprs, ours, full)
    assert ours is None or _inside(cons, ours)
    event("point" if ours is not None else "empty")


@SETTINGS
@given(st.lists(st.tuples(st.integers(-12, 40), st.integers(1, 40), st.booleans()),
                min_size=1, max_size=6))
@example([(2, 9, False), (3, 13, False)])  # 2/9 and 3/13 share an isolating interval
def test_a_rational_in_each_gap(roots):
    """Polynomials ``den x - num`` (a rational root) or ``(den x - num)**2 - 1/5`` (two
    irrational ones; none shares a root with another), roots close together: one rational in
    each gap between the distinct roots in ``(0, 1)``, ascending, each strictly between
    its neighbours (sympy's exact roots, from factoring: another method)."""
    polys = [sp.expand((d * X - n) ** 2 - sp.Rational(1, 5)) if square else d * X - n
             for n, d, square in roots]
    exact = sorted({r for p in polys for r in sp.Poly(p, X).real_roots() if 0 < r < 1},
                   key=lambda r: r.evalf(50))
    gaps = _rational_gaps(polys, X)
    ends = [sp.Integer(0), *exact, sp.Integer(1)]
    assert len(gaps) == len(ends) - 1
    for v, lo, hi in zip(gaps, ends, ends[1:]):
        v = sp.Rational(v.numerator, v.denominator)
        assert sp.sign(v - lo) > 0 and sp.sign(hi - v) > 0


@pytest.mark.parametrize("r2", ["4/3", "133/100", "134/100", "13/10", "7/5"])
def test_a_ball_around_a_point_outside_the_simplex(r2):
    """``(x-1)**2 + (y-1)**2 + (z-1)**2 < r2`` meets the open simplex of ``x, y, z``
    exactly when ``r2 > 4/3`` (the nearest point is ``(1/3, 1/3, 1/3)``, on its closed
    face): at ``4/3`` it touches, and the open set is empty."""
    r2 = sp.Rational(r2)
    cons = _strict([r2 - (X - 1) ** 2 - (Y - 1) ** 2 - (Z - 1) ** 2], (X, Y, Z))
    found = _open_point(cons)
    assert (found is not None) == (r2 > sp.Rational(4, 3))
    assert found is None or _inside(cons, found)


@pytest.mark.parametrize(("alpha", "beta", "point"),
                         [("1/36", "1/9", False), ("1/37", "1/9", True),
                          ("1/20", "3/40", True), ("1/20", "2/25", False)])
def test_two_products_open(alpha, beta, point):
    """``x y > alpha`` and ``z w > beta`` (``w = 1 - x - y - z``): a point exactly when
    ``2 sqrt(alpha) + 2 sqrt(beta) < 1`` (``1/20``, ``3/40``: 0.9998; ``2/25``: 1.0128)."""
    w = 1 - X - Y - Z
    cons = _strict([X * Y - sp.Rational(alpha), sp.expand(Z * w) - sp.Rational(beta)],
                   (X, Y, Z))
    found = _open_point(cons)
    assert (found is not None) == point
    assert found is None or _inside(cons, found)


@settings(SETTINGS, max_examples=15)
@given(st.tuples(*[st.integers(1, 30)] * 3),
       st.lists(st.lists(_small, min_size=10, max_size=10), min_size=2, max_size=2),
       st.integers(1, 40))
def test_a_planted_point_is_found(at, css, depth):
    """Random quadrics in three variables, each shifted to be ``1/depth**3`` at a planted
    rational point of the open simplex: the open set is not empty, so a point is found,
    and it is in the set."""
    pt = tuple(Fraction(v, 100) for v in at)
    assume(sum(pt) < 1)
    exprs = []
    for cs in css:
        e = _poly(cs, (X, Y, Z), 2)
        value = e.xreplace({g: sp.Rational(v.numerator, v.denominator)
                            for g, v in zip((X, Y, Z), pt)})
        exprs.append(sp.expand(e - value + sp.Rational(1, depth**3)))
    assume(all(sp.Poly(e, X, Y, Z).total_degree() > 0 for e in exprs))
    cons = _strict(exprs, (X, Y, Z))
    found = _open_point(cons)
    assert found is not None and _inside(cons, found)


def test_interior_and_faces_find_a_point_on_a_face_only():
    """``x y >= 1/8`` with ``(x + y)**2 <= 1/2`` (``z`` free): no interior; the face
    ``x y == 1/8`` has the points ``x = y = sqrt(2)/4``, and none has a rational ``x``."""
    cons = [_Constraint(sp.Poly(e, X, Y, Z, domain="QQ"), ">=")
            for e in (X * Y - sp.Rational(1, 8), sp.Rational(1, 2) - (X + Y) ** 2)]
    cons += _simplex((X, Y, Z))
    assert _open_point([_Constraint(c.poly, ">") for c in cons]) is None
    found = _interior_and_faces(cons, (X, Y, Z, W), 6)
    assert found.decided and found.point[:2] == (sp.sqrt(2) / 4,) * 2
