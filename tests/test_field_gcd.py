"""``field_gcd.field_gcd`` (modulo primes, verified exactly) against Euclid's algorithm
over ``Q(a)`` written here in sympy's rational arithmetic, on random polynomials with a
planted common factor, over random cubic and quartic fields; and ``vanishes_at`` with and
without it on the same points."""

from __future__ import annotations

import pytest
import sympy as sp
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from alliance_games.solving import field_gcd, plane_signs
from alliance_games.solving.ratfunc import flint

X, y = sp.symbols("X y")
needs_flint = pytest.mark.skipif(flint is None, reason="python-flint (the fast extra) missing")


def _element(coeffs: list[int], q: sp.Poly) -> sp.Poly:
    return sp.Poly(sum(c * X**i for i, c in enumerate(coeffs)), X, domain="QQ").rem(q)


def _euclid(a: list, b: list, q: sp.Poly) -> list:
    """The monic gcd over ``Q[X]/(q)`` by Euclid's algorithm, remainders made monic."""
    def strip(p):
        while p and p[0].is_zero:
            p = p[1:]
        return p

    def monic(p):
        inv = p[0].invert(q)
        return [(c * inv).rem(q) for c in p]

    a, b = strip(list(a)), strip(list(b))
    if not a:
        a, b = b, a
    while b:
        b = monic(b)
        while len(a) >= len(b):
            lead = a[0]
            a = strip([(u - lead * v).rem(q) for u, v in zip(a, b)][1:] + a[len(b):])
        a, b = b, a
    return monic(a) if a else a


def _times(u: list, v: list, q: sp.Poly) -> list:
    out = [sp.Poly(0, X, domain="QQ")] * (len(u) + len(v) - 1)
    for i, c in enumerate(u):
        for j, d in enumerate(v):
            out[i + j] = (out[i + j] + c * d).rem(q)
    return out


_small = st.lists(st.integers(-4, 4), min_size=1, max_size=4)


@needs_flint
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from([X**3 - X - 1, X**3 - 2, X**4 - 10 * X**2 + 1, 3 * X**3 - 5 * X + 7]),
       st.lists(_small, min_size=1, max_size=3), st.lists(_small, min_size=1, max_size=3),
       st.lists(_small, min_size=1, max_size=3))
def test_field_gcd_is_the_gcd_euclid_finds(qe, common, u, v):
    q = sp.Poly(qe, X, domain="QQ")
    c = [_element(e, q) for e in common]
    assume(not c[0].is_zero)
    a = _times(c, [_element(e, q) for e in u], q)
    b = _times(c, [_element(e, q) for e in v], q)
    assume(not a[0].is_zero and not b[0].is_zero)
    expected = _euclid(a, b, q)
    found = field_gcd.field_gcd(a, b, q)
    assert found is not None
    assert [e.as_expr() for e in found] == [e.as_expr() for e in expected]


@needs_flint
def test_field_gcd_of_coprime_polynomials_is_one():
    q = sp.Poly(X**3 - 2, X, domain="QQ")
    one, a = sp.Poly(1, X, domain="QQ"), sp.Poly(X, X, domain="QQ")
    found = field_gcd.field_gcd([one, -a], [one, a], q)  # y - a and y + a
    assert [e.as_expr() for e in found] == [1]


@needs_flint
@settings(max_examples=8, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(st.lists(st.integers(-3, 3), min_size=6, max_size=6),
       st.lists(st.integers(-3, 3), min_size=6, max_size=6))
def test_vanishes_at_with_and_without_the_modular_gcd(cf, cg):
    x = sp.Symbol("x")
    mons = (1, x, y, x * y, x**2, y**2)
    f = sp.Add(*[k * m for k, m in zip(cf, mons)])
    g = sp.Add(*[k * m for k, m in zip(cg, mons)])
    res = sp.resultant(f, g, y) if f.has(y) and g.has(y) else sp.S.Zero
    assume(res != 0 and res.has(x))
    points = []
    for x0 in sp.Poly(res, x).sqf_part().real_roots(radicals=False)[:2]:
        if not isinstance(x0, sp.CRootOf):
            continue
        fiber = sp.resultant(sp.minimal_polynomial(x0, x), f, x)
        if fiber != 0 and fiber.has(y):
            ys = sp.Poly(fiber, y).sqf_part().real_roots(radicals=False)[:2]
            points += [(x0, y0) for y0 in ys if isinstance(y0, sp.CRootOf)]
    assume(points)
    saved = plane_signs.field_gcd
    for x0, y0 in points[:2]:
        q, qy = plane_signs._minimal_polynomials(x0, y0)
        for e in (f, g, f * g, f**2):
            poly = sp.Poly(sp.expand(e), x, y)
            with_it = plane_signs._vanishes_by_euclid(poly, x0, y0, q, qy)
            try:
                plane_signs.field_gcd = lambda *args: None
                without = plane_signs._vanishes_by_euclid(poly, x0, y0, q, qy)
            finally:
                plane_signs.field_gcd = saved
            assert with_it == without, (e, x0, y0)
