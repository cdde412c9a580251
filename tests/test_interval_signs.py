"""Interval signs of expressions in real root objects (``algebraic._root_enclosure``,
``interval_sign``, ``polynomial_sign_at``): a sign they give is the exact sign, checked
against an independent computation (60 certified digits, and the minimal polynomial
where those show nothing), at points on and next to the zero sets."""

from __future__ import annotations

import random

import mpmath
import pytest
import sympy as sp

from alliance_games import signs
from alliance_games.signs import (
    ROOT_WIDTHS,
    _root_enclosure,
    interval_sign,
    polynomial_sign_at,
)

x, y, z = sp.symbols("x y z")


def exact_sign(v: sp.Expr) -> int:
    """The sign by sympy alone: 60 digits, else the minimal polynomial's zero test, else
    more digits (not the package's code)."""
    v = sp.expand(v)
    if v.is_Rational:
        return int(sp.sign(v))
    n = sp.N(v, 60)
    if abs(n) > sp.Float("1e-45"):
        return 1 if n > 0 else -1
    if sp.minimal_polynomial(v, z) == z:
        return 0
    n = sp.N(v, 400)
    assert abs(n) > sp.Float("1e-390")
    return 1 if n > 0 else -1


def exact_end(e) -> sp.Rational:
    """An end of an mpmath interval (a binary float) as an exact rational."""
    man, exp = mpmath.mpf(e).man_exp
    return sp.Integer(man) * sp.Integer(2) ** exp


def random_root(rng: random.Random) -> sp.Expr:
    """A real algebraic number in [0, 1]: a rational, a radical or a root object of a
    polynomial of degree 3 to 6."""
    kind = rng.randrange(4)
    if kind == 0:
        return sp.Rational(rng.randint(0, 12), 12)
    if kind == 1:
        return sp.sqrt(sp.Rational(rng.randint(1, 20), 23)) / 2
    while True:
        p = sp.Poly([rng.randint(-6, 6) for _ in range(rng.randint(4, 7))], x)
        if p.degree() < 3:
            continue
        roots = [r for r in p.real_roots() if 0 <= r.evalf() <= 1]
        if roots:
            return rng.choice(roots)


@pytest.mark.parametrize("seed", range(12))
def test_root_enclosures_contain_the_root_and_are_narrow(seed):
    rng = random.Random(seed)
    r = random_root(rng)
    while not isinstance(r, sp.CRootOf):
        r = random_root(rng)
    p = r.poly
    for width in ROOT_WIDTHS:
        box = _root_enclosure(r, width)
        lo, hi = exact_end(box.a), exact_end(box.b)
        assert lo <= hi and hi - lo <= 3 * width
        # the root lies inside: the polynomial (simple roots) changes sign, or an end is it
        values = [p.eval(lo), p.eval(hi)]
        assert values[0] * values[1] <= 0
    assert sp.N(r, 30) == sp.N(sp.CRootOf(p.as_expr(), r.index), 30)  # identity kept


@pytest.mark.parametrize("seed", range(40))
def test_interval_signs_are_exact_signs_on_and_next_to_zero_sets(seed):
    """``f(x0, y0)`` for random ``f`` and points, with ``y0`` a root of ``f(x0, .)``
    (the value is 0: no sign may be given) or that root moved by 10**-k."""
    rng = random.Random(seed)
    x0 = random_root(rng)
    f = sp.Poly(sum(rng.randint(-4, 4) * x**i * y**j for i in range(3) for j in range(3)
                    if i + j <= 3) + y**2 - x, x, y)
    fiber = sp.Poly(f.as_expr().subs(x, x0), y) if x0.is_Rational else None
    points = [(x0, random_root(rng))]
    if fiber is not None and fiber.degree() > 0:
        roots = fiber.real_roots()
        if roots:
            y0 = rng.choice(roots)
            points += [(x0, y0)] + [(x0, y0 + s * sp.Rational(1, 10**k))
                                    for s in (-1, 1) for k in (6, 12, 17)]
    for point in points:
        truth = exact_sign(f.as_expr().xreplace(dict(zip((x, y), point))))
        got = polynomial_sign_at(f, point)
        assert got is None or got == truth, (point, got, truth)
        got = interval_sign(sp.expand(f.as_expr().xreplace(dict(zip((x, y), point)))))
        assert got is None or got == truth, (point, got, truth)
        if truth == 0:
            assert polynomial_sign_at(f, point) is None


@pytest.mark.parametrize("seed", range(20))
def test_differences_of_root_objects_get_their_exact_signs(seed):
    """Two roots of different polynomials, and one root against rationals at distance
    10**-k: a sign given is right; at distance 10**-6 one is given (the coarse or the
    fine enclosure shows it)."""
    rng = random.Random(100 + seed)
    r, s = random_root(rng), random_root(rng)
    got = interval_sign(r - s)
    assert got is None or got == exact_sign(r - s)
    if isinstance(r, sp.CRootOf):
        approx = sp.Rational(str(sp.N(r, 40)))
        for k in (3, 6, 14, 25):
            for v in (approx + sp.Rational(1, 10**k), approx - sp.Rational(1, 10**k)):
                got = interval_sign(r - v)
                assert got is None or got == exact_sign(r - v)
                if k <= 6:
                    assert got == exact_sign(r - v)


@pytest.mark.parametrize("seed", range(8))
def test_a_point_with_two_irrational_coordinates_on_a_curve_gets_no_sign(seed):
    """``y - x**2`` at ``(r, r**2)``, ``r`` a root object: 0, so no sign; moved up by
    10**-k it is positive, and a sign given says so."""
    rng = random.Random(200 + seed)
    r = random_root(rng)
    while not isinstance(r, sp.CRootOf):
        r = random_root(rng)
    f = sp.Poly(y - x**2, x, y)
    assert polynomial_sign_at(f, (r, r**2)) is None
    for k in (4, 12, 30):
        got = polynomial_sign_at(f, (r, r**2 + sp.Rational(1, 10**k)))
        assert got in (None, 1)
        if k <= 12:
            assert got == 1


def test_a_polynomial_with_an_irrational_coefficient_gets_no_interval_sign():
    f = sp.Poly(x - sp.sqrt(2) * y, x, y, domain="EX")
    assert polynomial_sign_at(f, (sp.Integer(1), sp.Integer(0))) is None
    assert polynomial_sign_at(sp.Poly(x - 2 * y, x, y), (sp.Integer(1), sp.Integer(0))) == 1


@pytest.mark.parametrize("seed", range(30))
def test_ball_arithmetic_signs_are_exact_signs(seed, monkeypatch):
    """With python-flint, points of rationals and root objects are enclosed in its ball
    arithmetic: at a root ``y0`` of ``f(x0, .)`` (the value is 0: no sign), with ``x0``
    moved by 10**-k (a sign given is right, and one is given for k <= 8), and at a
    second root object as ``x``; mpmath's intervals (python-flint hidden) agree."""
    if signs.flint is None:
        pytest.skip("python-flint (the fast extra) is not installed")
    rng = random.Random(300 + seed)
    f = sp.Poly(sum(rng.randint(-4, 4) * x**i * y**j for i in range(4) for j in range(3)
                    if i + j <= 4) + y**3 - x, x, y)
    x0 = sp.Rational(rng.randint(1, 29), 30)
    roots = [r for r in sp.Poly(f.as_expr().subs(x, x0), y).real_roots()
             if isinstance(r, sp.CRootOf)]
    if not roots:
        pytest.skip("no irrational root on this fiber")
    y0 = rng.choice(roots)
    points = [(x0 + s * sp.Rational(1, 10**k), y0) for s in (-1, 1) for k in (3, 8, 15)]
    points += [(random_root(rng), y0)]
    assert polynomial_sign_at(f, (x0, y0)) is None  # 0
    for point in points:
        truth = exact_sign(f.as_expr().xreplace(dict(zip((x, y), point))))
        got = polynomial_sign_at(f, point)
        assert got is None or got == truth, (point, got, truth)
        if point[0].is_Rational and abs(point[0] - x0) >= sp.Rational(1, 10**8) \
                and sp.diff(f.as_expr(), x).subs({x: x0, y: y0}).evalf(30) != 0:
            assert got == truth
        with monkeypatch.context() as m:
            m.setattr(signs, "flint", None)
            mp = polynomial_sign_at(f, point)
        assert mp is None or mp == truth
