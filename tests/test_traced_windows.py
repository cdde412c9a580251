"""A traced run's cell without isolating every root of every boundary polynomial.

``Tracer.cell`` is the open interval around the run's point on which every recorded sign
holds: its ends are the nearest real roots of the boundary polynomials.  It used to
isolate *all* real roots of each polynomial (sympy, twice: ``real_roots`` and
``intervals``); at sea with ``pi_A`` symbolic the factors reach degree 46, and root
isolation took 20 of the solve's 25 s.  Now polynomials are taken lowest degree first,
so that the window narrows, and one of degree above 4 is first tried on the window by its
Bernstein coefficients (:func:`~alliance_games.solving.traced_roots.no_root_between`); only
where that proves nothing are its roots isolated.  Checked here against sympy's own
roots: a window proved root-free has no root, and the cell is the same as the one every
root gives (at random points, near roots, for polynomials with close roots).
"""

from __future__ import annotations

import random
from fractions import Fraction
from unittest import mock

import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from alliance_games.solving import traced
from alliance_games.solving.traced import Tracer
from alliance_games.solving.traced_roots import no_root_between

p = sp.Symbol("p")


def _random_poly(rng: random.Random, degree: int) -> sp.Expr:
    """A random polynomial in ``p``: a product of a few linear and quadratic factors with
    small rational roots (close roots included) and a random factor of the rest of the
    degree."""
    factors = []
    left = degree
    while left > 2 and rng.random() < 0.6:
        r = sp.Rational(rng.randint(-40, 40), rng.choice([1, 3, 7, 16]))
        factors.append((p - r) * (p - r - sp.Rational(1, rng.choice([10**3, 10**6]))))
        left -= 2
    factors.append(sum(sp.Rational(rng.randint(-9, 9), rng.randint(1, 4)) * p**k
                       for k in range(left)) + p**left)
    return sp.expand(sp.Mul(*factors))


@settings(max_examples=80, deadline=None)
@given(st.integers(0, 10**6), st.integers(1, 14))
def test_a_window_proved_root_free_has_no_root(seed, degree):
    """``no_root_between`` never proves a window that holds a root (sympy's roots of the
    polynomial, exactly compared), windows at random, around a root, ending at one."""
    rng = random.Random(seed)
    f = sp.Poly(_random_poly(rng, degree), p)
    roots = f.real_roots()
    for _ in range(6):
        kind = rng.choice(["any", "around", "end"])
        if kind == "any" or not roots:
            lo = Fraction(rng.randint(-60, 60), rng.randint(1, 9))
            hi = lo + Fraction(rng.randint(1, 200), rng.randint(1, 50))
        else:
            rational = [x for x in roots if x.is_Rational]
            r = Fraction(str(sp.Rational(sp.N(rng.choice(roots), 30))))
            if kind == "end" and rational:  # a window that ends at a root
                r = Fraction(str(rng.choice(rational)))
                lo, hi = r - Fraction(rng.randint(1, 5), rng.randint(1, 5)), r
            else:
                lo, hi = r - Fraction(1, rng.randint(1, 10**8)), r + Fraction(1, 10**9)
        proved = no_root_between(f, lo, hi)
        inside = [x for x in roots if sp.Rational(lo.numerator, lo.denominator) <= x
                  <= sp.Rational(hi.numerator, hi.denominator)]
        assert not (proved and inside), (f, lo, hi, inside)


def _cell_values(tracer: Tracer, lo, hi) -> tuple:
    left, right = tracer.cell(lo, hi)
    return tuple(x.value for x in (left, right))


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10**6))
def test_the_cell_is_the_one_every_root_gives(seed):
    """A run at a random rational point records the signs of several polynomials of
    degree up to 12 (irreducible factors of degree 5 and more included); its cell is the
    same with the window test and with every root isolated (the window test switched
    off), and its ends are the nearest of sympy's real roots of the recorded
    polynomials' factors."""
    rng = random.Random(seed)
    point = Fraction(rng.randint(-30, 30), rng.randint(1, 7))
    polys = [_random_poly(rng, rng.randint(1, 12)) for _ in range(rng.randint(1, 6))]
    point_value = sp.Rational(point.numerator, point.denominator)
    polys = [f for f in polys if f.subs(p, point_value) != 0]
    lo, hi = (Fraction(-100), Fraction(100)) if rng.random() < 0.7 else (-sp.oo, sp.oo)

    def run() -> tuple:
        traced.clear_caches()
        tracer = Tracer(p, point)
        for f in polys:
            _ = tracer.convert(f) > 0
        return _cell_values(tracer, lo, hi)

    fast = run()
    with mock.patch.object(traced, "ISOLATE_DEGREE", 10**6):
        every = run()
    assert fast == every
    # the ends against sympy's roots of the polynomials (50 digits: distinct candidates
    # here lie far more than 1e-30 apart; the exact reference is the comparison above)
    roots = sorted({r for f in polys for r in sp.Poly(f, p).real_roots()}, key=float)
    below = [r for r in roots if r < point_value and (lo == -sp.oo or r > _q(lo))]
    above = [r for r in roots if r > point_value and (hi == sp.oo or r < _q(hi))]
    want = (below[-1] if below else lo if lo == -sp.oo else _q(lo),
            above[0] if above else hi if hi == sp.oo else _q(hi))
    for got, end in zip(fast, want):
        assert got == end if end in (sp.oo, -sp.oo) else abs(sp.N(got - end, 50)) < 1e-30


def _q(x: Fraction) -> sp.Rational:
    return sp.Rational(x.numerator, x.denominator)
