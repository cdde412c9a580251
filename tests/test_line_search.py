"""One search along a line (``line.first_on_line``, ``line.at_point``) against sympy.

The off-path belief that deters a deviation (``belief_offpath.first_belief``) and the
members of a part of a continuum's payoff plane (``belief_family``) are both searched by
traced runs along one variable, the points between cells decided one by one.  Until
2026-12-07 they were two copies, and the belief search left a cell end of degree 3 or
more undecided (no answer claimed there) where the family's decided it at the root.
"""

from __future__ import annotations

import random

import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from alliance_games.solving.line import at_point, first_on_line
from alliance_games.solving.traced_roots import Root, real_roots

X = sp.Symbol("x")
R = sp.Rational


def _factor(rng: random.Random, degree: int) -> sp.Expr:
    """A random polynomial of this degree with rational coefficients and a real root."""
    while True:
        f = sum(R(rng.randint(-6, 6), rng.randint(1, 3)) * X**k for k in range(degree)) \
            + X**degree
        poly = sp.Poly(f, X)
        if poly.is_irreducible and poly.count_roots() > 0:
            return f


def _roots_inside(f: sp.Expr, lo, hi) -> list[tuple[sp.Expr, int]]:
    """The real roots of ``f`` in ``(lo, hi)`` with their degrees (sympy alone)."""
    out = []
    for fac, _ in sp.factor_list(f, X)[1]:
        poly = sp.Poly(fac, X)
        for r in poly.real_roots():
            if lo < r < hi:
                out.append((r, poly.degree()))
    return out


def _positive_somewhere(f: sp.Expr, lo, hi) -> bool:
    """Whether ``f > 0`` somewhere in ``(lo, hi)``: its sign between its roots there."""
    roots = sorted((r for r, _ in _roots_inside(f, lo, hi)), key=lambda r: float(r))
    ends = [lo, *roots, hi]
    for a, b in zip(ends, ends[1:]):
        mid = R(sp.floor((a + b) / 2 * 10**9), 10**9)
        if not a < mid < b:
            mid = (sp.nsimplify(a) + sp.nsimplify(b)) / 2
        if f.subs(X, mid) > 0:
            return True
    return False


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 10**9), st.sampled_from(["positive", "zero", "never"]))
def test_the_search_finds_a_point_exactly_when_there_is_one(seed, kind):
    rng = random.Random(seed)
    degrees = rng.sample([1, 2, 3, 3, 3], rng.randint(1, 3))
    f = sp.expand(sp.prod([_factor(rng, d) for d in degrees]))
    lo, hi = sorted(R(rng.randint(-30, 30), rng.randint(2, 4)) for _ in range(2))
    if lo == hi:
        hi = lo + 1

    def found(convert):
        value = convert(f)
        if kind == "never":  # (its runs' cells end at f's roots, decided there)
            return "here" if value * value < 0 else None
        hit = value > 0 if kind == "positive" else value == 0
        return "here" if hit else None

    hit, decided = first_on_line(found, X, [(Root.of(lo), Root.of(hi), False, False)], 200)
    if kind == "positive":
        assert decided
        assert (hit is not None) == _positive_somewhere(f, lo, hi)
        if hit is not None:
            assert lo < hit[0] < hi and f.subs(X, hit[0]) > 0
        return
    roots = _roots_inside(f, lo, hi)
    if kind == "never":
        assert hit is None and decided
        return
    if any(d <= 2 for _, d in roots):  # a root in the fast types is found and given
        assert decided and hit is not None
        assert lo < hit[0] < hi and sp.expand(f.subs(X, hit[0])) == 0
    elif roots:  # only roots of degree 3: found, but not claimed (no fast number)
        assert hit is None and not decided
    else:  # no root: decided at every cell end, also those of degree 3
        assert hit is None and decided


def test_included_ends_are_tried_first_and_excluded_ones_never():
    def found(convert):
        return "end" if convert(X * (X - 1)) == 0 else None

    ends = (Root.of(0), Root.of(1))
    assert first_on_line(found, X, [(*ends, False, True)], 20) == ((1, "end"), True)
    assert first_on_line(found, X, [(*ends, False, False)], 20) == (None, True)
    assert first_on_line(found, X, [(ends[0], ends[0], True, True)], 20) == ((0, "end"), True)


def test_at_point_runs_at_roots_of_every_degree():
    for f in (X**2 - 2, X**3 - 3 * X - 1, X**4 - 10 * X**2 + 1):
        for root in real_roots(sp.Poly(f, X)):
            answer, fast = at_point(lambda convert, f=f: convert(f) == 0, X, root)
            assert answer is True and fast == (f.as_poly(X).degree() <= 2)
            answer, _ = at_point(lambda convert, f=f: convert(f - 1) == 0, X, root)
            assert answer is False
