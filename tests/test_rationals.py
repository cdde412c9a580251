"""The one rational picker (:mod:`alliance_games.solving.rationals`), checked against
brute force: no rational with a smaller denominator fits, and the pick is inside."""

from __future__ import annotations

import math
from fractions import Fraction

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from alliance_games.solving.algebraic import algebraic_sign
from alliance_games.solving.rationals import rational_between, simplest_between, simplest_in

_fractions = st.fractions(min_value=-50, max_value=50, max_denominator=300)
_widths = st.fractions(min_value=0, max_value=5, max_denominator=300)


def _fits(lo: Fraction, hi: Fraction, den: int, closed: bool) -> bool:
    """Whether some n/den lies in [lo, hi] (closed) or (lo, hi)."""
    if closed:
        return math.floor(hi * den) >= math.ceil(lo * den)
    return math.ceil(hi * den) - 1 >= math.floor(lo * den) + 1


@given(_fractions, _widths)
def test_simplest_in_is_the_simplest(a, width):
    b = a + width
    s = simplest_in(a, b)
    assert a <= s <= b
    assert not any(_fits(a, b, den, True) for den in range(1, s.denominator))


@given(_fractions, _widths.filter(lambda w: w > 0))
def test_simplest_between_is_the_simplest(a, width):
    b = a + width
    s = simplest_between(a, b)
    assert a < s < b
    assert not any(_fits(a, b, den, False) for den in range(1, s.denominator))
    # smallest numerator in absolute value among the fractions with that denominator
    k = s.denominator
    inside = [Fraction(n, k) for n in range(math.floor(a * k), math.ceil(b * k) + 1)
              if a < Fraction(n, k) < b]
    assert abs(s) == min(abs(x) for x in inside)


@given(st.integers(2, 50), st.integers(2, 50), st.sampled_from([-1, 1]))
def test_rational_between_square_roots(m, n, sign):
    if m == n:
        return
    lo, hi = sorted([sign * sp.sqrt(m), sign * sp.sqrt(n)], key=float)
    q = rational_between(lo, hi)
    assert q.is_Rational and bool(q > lo) and bool(q < hi)  # sympy decides these exactly
    a = sp.Rational(str(lo.evalf(40)))
    b = sp.Rational(str(hi.evalf(40)))
    a, b = Fraction(int(a.p), int(a.q)), Fraction(int(b.p), int(b.q))
    assert not any(_fits(a, b, den, False) for den in range(1, int(q.q)))


def test_rational_between_rejects_an_empty_interval():
    with pytest.raises(ValueError, match="no rational strictly between"):
        rational_between(sp.sqrt(2), sp.sqrt(2))
    with pytest.raises(ValueError, match="empty interval"):
        simplest_between(Fraction(1), Fraction(1))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(-6, 6), min_size=4, max_size=6),
       st.lists(st.integers(-6, 6), min_size=4, max_size=6),
       st.sampled_from([(0, 1), (1, -1), (0, sp.Rational(1, 3)), (sp.Rational(1, 2), 2)]))
def test_rational_between_root_objects_is_the_simplest(cf, cg, form):
    """Between real root objects and forms ``c0 + c1 r`` of them (read from the roots'
    isolating intervals, round 59, no digits of sympy's): strictly inside, exactly, and
    the simplest rational there (brute force over denominators on 40-digit values)."""
    t = sp.Symbol("t")
    roots = []
    for c in (cf, cg):
        p = sp.Poly(c, t)
        if p.degree() >= 3:
            roots += [r for r in p.real_roots(radicals=False) if isinstance(r, sp.CRootOf)]
    c0, c1 = form
    values = sorted({sp.expand(c0 + c1 * r) for r in roots}, key=lambda v: float(v.evalf(30)))
    for lo, hi in zip(values, values[1:]):
        if abs(float((hi - lo).evalf(30))) < 1e-12:
            continue
        q = rational_between(lo, hi)
        assert algebraic_sign(q - lo) > 0 and algebraic_sign(hi - q) > 0
        a = sp.Rational(str(lo.evalf(40)))
        b = sp.Rational(str(hi.evalf(40)))
        a, b = Fraction(int(a.p), int(a.q)), Fraction(int(b.p), int(b.q))
        assert not any(_fits(a, b, den, False) for den in range(1, min(int(q.q), 2000)))
