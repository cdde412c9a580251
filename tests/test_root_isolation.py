"""Real-root isolation on python-flint's polynomials (``solving.root_isolation``), checked
against sympy's own isolation, which it replaces in the two-dimensional decompositions.

The isolating intervals are handed to sympy's cache of root intervals as its
``RealInterval`` objects; a wrong Möbius map or polynomial there would make root objects
refine to wrong numbers.  So every check clears sympy's cache, takes sympy's answer,
clears it again and compares: the same root objects, the same 40-digit values after
sympy refines our intervals, each interval holding exactly one root (sympy's count on
the closed interval), and the unit-interval test against sympy's.  Polynomials are random
(hypothesis), with clustered roots, large coefficients, roots at dyadic points (found
exactly at a midpoint of the bisection), and both signs.
"""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy as sp
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from sympy.polys import rootoftools

from alliance_games.signs import root_interval
from alliance_games.solving import root_isolation
from alliance_games.solving.ratfunc import flint

x = sp.Symbol("x")

needs_flint = pytest.mark.skipif(flint is None,
                                 reason="python-flint (the fast extra) is not installed")

_roots = st.lists(st.fractions(min_value=-40, max_value=40, max_denominator=64), min_size=1,
                  max_size=5, unique=True)


def _sympy_roots(f: sp.Poly) -> list:
    rootoftools.CRootOf.clear_cache()
    return f.real_roots()


def _our_roots(f: sp.Poly) -> list:
    rootoftools.CRootOf.clear_cache()
    return root_isolation.real_roots(f)


def _irreducible(parts: list[sp.Expr], bump: Fraction) -> sp.Poly:
    """``prod(parts) + bump``: irreducible (almost always) with real roots near the
    parts' roots."""
    return sp.Poly(sp.expand(sp.prod(parts) + sp.Rational(bump.numerator, bump.denominator)), x)


@needs_flint
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_roots, st.fractions(min_value=Fraction(-1, 2), max_value=Fraction(1, 2),
                            max_denominator=10**6), st.integers(2, 9))
def test_real_roots_are_sympys(roots: list[Fraction], bump: Fraction, k: int) -> None:
    """Root objects of irreducible factors of degree 3 or more, through our intervals,
    equal sympy's and refine to the same values."""
    assume(bump != 0)
    parts = [x - sp.Rational(r.numerator, r.denominator) for r in roots]
    f = _irreducible(parts + [x**2 - k], bump)
    for g, _ in f.factor_list()[1]:
        if g.degree() < root_isolation.MIN_DEGREE:
            continue
        ref = _sympy_roots(g)
        values = [r.evalf(40) for r in ref]
        got = _our_roots(g)
        assert got == ref
        # evalf refines from another interval: equal to 35 digits (the last bits vary)
        assert all(abs(r.evalf(40) - v) < sp.Float(10.0**-35, 40) * max(1, abs(v))
                   for r, v in zip(got, values))
        # sympy refines our intervals, and so does the package's bisection
        for r, v in zip(got, values):
            a, b = root_interval(r, Fraction(1, 2**80))
            near = Fraction(str(v))
            assert a <= near + Fraction(1, 10**30) and near - Fraction(1, 10**30) <= b


@needs_flint
@settings(max_examples=80, deadline=None)
@given(st.lists(st.integers(-10**6, 10**6), min_size=2, max_size=12), st.integers(0, 60))
@example([1, 4, 4, 1], 0)  # (x + 1)(x**2 + 3x + 1): -1 exact, the end of its neighbour
def test_intervals_isolate(coeffs: list[int], shift: int) -> None:
    """Each interval holds one root (an exact one is a root), the count is sympy's, and
    the intervals are ordered and apart except where an exact root ends a neighbour."""
    assume(coeffs[0] != 0)
    f = sp.Poly(coeffs, x).sqf_part()
    f = sp.Poly(f.as_expr().subs(x, x * 2**shift), x)  # roots near 0 need deep bisection
    assume(f.degree() >= 1)
    found = root_isolation.isolate_real_roots(f.all_coeffs())
    assert len(found) == f.count_roots()
    for a, b in found:
        if a == b:
            assert f.eval(sp.Rational(a.numerator, a.denominator)) == 0
        else:
            ra, rb = (sp.Rational(v.numerator, v.denominator) for v in (a, b))
            inside = f.count_roots(ra, rb) - (f.eval(ra) == 0) - (f.eval(rb) == 0)
            assert inside == 1
    for (a, b), (c, d) in zip(found, found[1:]):
        assert b <= c and a < d


@needs_flint
@settings(max_examples=80, deadline=None)
@given(_roots, st.fractions(min_value=-1, max_value=1, max_denominator=1000), st.integers(0, 3))
def test_unit_interval_test_is_sympys(roots: list[Fraction], bump: Fraction, extra: int) -> None:
    """``has_root_in_unit_interval`` says what sympy's isolation in ``[0, 1]`` says,
    also for roots at 0 and 1 and close to them."""
    parts = [x - sp.Rational(r.numerator, r.denominator) for r in roots] + [x**2 + extra]
    for f in (_irreducible(parts, bump), sp.Poly(sp.prod(parts), x).sqf_part(),
              sp.Poly(x * (x - 1) * (x**3 - 2), x)):
        assume(f.degree() >= 1)
        f = f.sqf_part()
        assert root_isolation.has_root_in_unit_interval(f) == bool(f.intervals(inf=0, sup=1))


@needs_flint
def test_large_coefficients_and_close_roots() -> None:
    """Degree 24, 30-digit coefficients, two roots about 10^-12 apart (sympy's own
    isolation, the reference, takes seconds here)."""
    eps = sp.Rational(1, 10**12)
    f = sp.Poly(sp.expand((x - sp.Rational(1, 3)) * (x - sp.Rational(1, 3) - eps)
                          * (x**22 - 7 * x**5 + 3) * 10**6 + 1), x)
    (g, _), = [(g, m) for g, m in f.factor_list()[1] if g.degree() == 24]
    ref = _sympy_roots(g)
    values = [r.evalf(50) for r in ref]
    got = _our_roots(g)
    assert got == ref
    assert all(abs(r.evalf(50) - v) < sp.Float(10.0**-45, 50) for r, v in zip(got, values))
    assert root_isolation.has_root_in_unit_interval(g)


def test_without_flint_sympy_decides(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without python-flint the functions answer by sympy's isolation."""
    monkeypatch.setattr(root_isolation, "flint", None)
    f = sp.Poly(4 * x**3 - 2 * x - 1, x)
    assert root_isolation.has_root_in_unit_interval(f)
    assert root_isolation.isolate_real_roots(f.all_coeffs()) is None
    assert _our_roots(f) == _sympy_roots(f)


@needs_flint
def test_multiple_roots_count_once() -> None:
    """A polynomial with multiple roots is isolated through its squarefree part (the
    bisection would not end on a double root)."""
    f = sp.Poly((3 * x - 1) ** 2 * (x**3 - 2) ** 3 * (x + 5), x)
    found = root_isolation.isolate_real_roots(f.all_coeffs())
    assert len(found) == 3
    assert found[0][0] <= -5 <= found[0][1] and found[1][0] <= Fraction(1, 3) <= found[1][1]
    assert root_isolation.has_root_in_unit_interval(sp.Poly((3 * x - 1) ** 2 * (x**3 - 2), x))
    assert not root_isolation.has_root_in_unit_interval(sp.Poly((x - 2) ** 4 * (x**3 - 2), x))


@needs_flint
def test_root_objects_are_written_in_sympys_variable() -> None:
    """As sympy's own, the root objects are written in ``x`` whatever the polynomial's
    symbol: a root of a polynomial in a parameter ``P`` must not change when ``P`` is
    substituted (the flagship's parametric results substitute it)."""
    P, d = sp.Symbol("P"), sp.Dummy("y")
    for gen in (P, d):
        f = sp.Poly(gen**3 - 3 * gen + 1, gen)
        got, ref = _our_roots(f), _sympy_roots(f)
        assert [sp.srepr(r) for r in got] == [sp.srepr(r) for r in ref]
        assert got[0].xreplace({gen: 2}) == got[0]
