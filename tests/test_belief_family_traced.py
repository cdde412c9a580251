"""A continuum of a one-parameter belief-dependent game split by its members' verdicts over
an interval of the parameter (issue 9, item 5): the split of a traced run holds on the
run's whole cell, and the parametric result equals point-wise solving."""

from __future__ import annotations

import random
from fractions import Fraction

import pytest
import sympy as sp
from _random_games import line_game
from hypothesis import given, settings
from hypothesis import strategies as st
from test_belief_cells import _compare as _compare_cells
from test_belief_parametric import P, _compare, _ends, _inner_points

from alliance_games import SignallingGame, belief, solve
from alliance_games.solving.belief_engine import CONTINUUM_NOTE, pattern_solution
from alliance_games.solving.belief_family import split_belief_family
from alliance_games.solving.belief_family_traced import split_along_parameter
from alliance_games.solving.belief_fast import fast_game
from alliance_games.solving.belief_parametric import _support_pattern
from alliance_games.solving.quadratic import OutsideFastType, from_sympy, qcmp, to_sympy
from alliance_games.solving.refinements.family import VERDICT_NOTE
from alliance_games.solving.traced import Tracer
from alliance_games.solving.traced_roots import Root

MU = belief("H")
POOL = "L:m2 H:m2 | m0:a0 m1:a0 m2:a0+a1"


def _pool_game() -> SignallingGame:
    """Both types pool on ``m2``, where the receiver is indifferent at the prior and plays
    ``a0`` with any probability ``r``; each type gets ``p r``.  Off the path ``m0`` pays
    ``L`` 1 and ``H`` ``1 + mu(H)``, so the pool needs ``r >= 1/p``.  Worked by hand: the
    members at ``r = 1/p`` pass both tests; above it ``L`` cannot gain from ``m0``, ``H``
    can, so the Intuitive Criterion puts the belief on ``H``, and the members fail while
    ``H`` gains, ``p r < 2``; from ``r = 2/p`` (inside the range for ``p > 2``) no type
    gains from ``m0`` whatever the belief, and the members pass again."""
    return SignallingGame.from_arrays(
        ["1/2", "1/2"], [[[1, 1], [1, 1], [P, 0]], [[1 + MU, 1 + MU], [0, 0], [P, 0]]],
        [[[1, 0], [1, 0], [0, 1]], [[1, 0], [1, 0], [1, 0]]], types=["L", "H"],
        parameters={P: (1, 3)})


def test_a_continuum_over_an_interval_is_split_by_its_verdicts():
    """The pool's parts, with their ranges as functions of ``p``, against the hand
    derivation above and against point-wise solving (which splits each point's
    continuum) at random points and at the ends of every condition and next to them."""
    g = _pool_game()
    res = solve(g)
    assert not any(VERDICT_NOTE in e.notes for e in res)
    parts = {}
    for e in res:
        if e.label.startswith(POOL):
            where = next(n for n in e.notes if "part of the continuum" in n)
            parts[where.split(" with ")[1].split(";")[0]] = (
                e.condition, e.intuitive_condition, e.d1_condition)
    one, three = sp.Interval.open(1, 3), sp.Interval.open(2, 3)
    expected = {
        "rho[m2,a0] = 1/p": (one, one),
        "rho[m2,a0] in (1/p, 1)": (sp.Interval.open(1, 2), sp.EmptySet),
        "rho[m2,a0] in (1/p, 2/p)": (sp.Interval.Ropen(2, 3), sp.EmptySet),
        "rho[m2,a0] in [2/p, 1)": (three, three),
    }
    assert set(parts) == set(expected)
    for where, (cond, ic, d1) in parts.items():
        exists, passes = expected[where]
        assert _as_set(cond) == exists, where
        assert _as_set(ic) == _as_set(d1) == passes, where
    rng = random.Random(0)
    points = [sp.Rational(rng.randint(1001, 2999), 1000) for _ in range(4)]
    for x in _ends(res):
        if 1 < x < 3:
            points += [x, x + sp.Rational(1, 10 ** 6), x - sp.Rational(1, 10 ** 6)]
    _compare(g, res, points)


def _as_set(cond: sp.Basic) -> sp.Set:
    return cond.as_set().intersect(sp.Interval.open(1, 3))


def _continua(g: SignallingGame, x0: Fraction) -> list:
    """The support patterns of the continua that point-wise solving finds at ``x0``."""
    at = g.subs({P: sp.Rational(x0.numerator, x0.denominator)})
    return sorted({_support_pattern(at, e) for e in solve(at) if CONTINUUM_NOTE in e.notes})


CASES = [(_pool_game, Fraction(3, 2)), (_pool_game, Fraction(5, 2)),
         (lambda: line_game(12), Fraction(-1, 3)), (lambda: line_game(12), Fraction(7, 5)),
         (lambda: line_game(12), Fraction(12, 5))]


@pytest.mark.parametrize("case", range(len(CASES)))
def test_the_split_of_a_run_holds_on_its_whole_cell(case):
    """Each continuum split in a run traced at ``x0``: at rational points of the run's
    cell, next to its ends too, the split of the numeric game
    (:func:`split_belief_family`, runs traced in the coordinate only) has as many parts,
    in the same order, with the same verdicts, and each part's reported member is the
    same member (the middle of the same range) as the traced split's at that point."""
    make, x0 = CASES[case]
    g = make()
    rng = random.Random(case)
    checked = 0
    for S, B in _continua(g, x0):
        tracer = Tracer(P, x0)
        gd = fast_game(g, const=tracer.convert)
        sol = pattern_solution(gd, S, B)
        if sol is None or not sol.family:
            continue
        parts = split_along_parameter(tracer, g, gd, sol)
        if parts is None:
            continue
        left, right = tracer.cell(Root.of(-2), Root.of(3))
        for x in _inner_points(left, right, rng):
            numeric = fast_game(g.subs({P: sp.Rational(x.numerator, x.denominator)}))
            here = split_belief_family(numeric, pattern_solution(numeric, S, B))
            assert here is not None and len(here) == len(parts), (S, B, x)
            for (m, ic, d1, _), (n, ic_x, d1_x, _) in zip(parts, here):
                assert (ic, d1) == (ic_x, d1_x), (S, B, x)
                if len(parts) > 1:
                    for k, v in m.rho.items():
                        assert _same(v, n.rho[k], x), (S, B, x, k)
            checked += 1
    assert checked


def _same(traced, exact, x: Fraction) -> bool:
    try:
        value = from_sympy(sp.sympify(to_sympy(traced)).subs(P, sp.Rational(x.numerator,
                                                                            x.denominator)))
    except OutsideFastType:
        return False
    return qcmp(value, exact) == 0


def test_numbers_of_two_runs_do_not_mix():
    """A traced number of one run with one of another (another point, or another field)
    is refused, never combined into a wrong function."""
    a = Tracer(P, Fraction(1, 2)).convert(P + 1)
    b = Tracer(P, Fraction(1, 3)).convert(P)
    with pytest.raises(OutsideFastType):
        a + b
    with pytest.raises(OutsideFastType):
        _ = a * b
    with pytest.raises(OutsideFastType):
        sorted([a, b])


R = sp.Symbol("r")
_FACTOR = st.tuples(*[st.integers(-3, 3)] * 6, st.booleans())


@settings(max_examples=60, deadline=None)
@given(st.lists(_FACTOR, min_size=1, max_size=4), st.fractions(-3, 3), st.fractions(-3, 3),
       st.fractions(-3, 3))
def test_an_elements_factors_hold_its_zeros_and_poles(factors, p0, r0, p1):
    """:meth:`Tracer.factors_in` against sympy's own factoring: for an element built as a
    product and quotient of random polynomials of degree up to 3 in ``r`` (coefficients in
    ``p``), at another value ``p1`` of ``p`` every irreducible factor in ``r`` of its
    numerator and denominator (sympy's ``cancel`` and ``factor_list``, independent of the
    tracer's field) divides the product of the returned polynomials there; None exactly
    when such a factor has degree 3 or more in ``r`` for every ``p``."""
    expr = sp.Integer(1)
    for a, b, c, d, e, cube, up in factors:
        poly = a + b * P + (c + P) * R + d * R ** 2 + (e * R ** 3 if cube else 0)
        expr = expr * poly if up else expr / poly
    tracer = Tracer((P, R), (p0, r0))
    try:
        x = tracer.convert(expr)
    except ZeroDivisionError:
        return  # (a pole at the run's point)
    if x.identically_zero():
        return
    found = tracer.factors_in(x.elem, 1)
    num, den = sp.fraction(sp.cancel(expr))
    degrees = [sp.degree(f, R) for g in (num, den) for f, _ in sp.factor_list(g, R, P)[1]]
    if found is None:
        assert max(degrees) >= 3
        return
    assert max(degrees, default=0) <= 2
    at = sp.Rational(p1.numerator, p1.denominator)
    product = sp.Poly(sp.Mul(*[sum(c.subs(P, at) * R ** i for i, c in enumerate(cs))
                               for cs in found]), R)
    for g in (num, den):
        g_at = sp.Poly(g.subs(P, at), R)
        if g_at.is_zero:
            continue
        for f, _ in g_at.factor_list()[1]:
            if f.degree() > 0:
                assert product.rem(f).is_zero, (expr, found, f)


def test_a_continuum_over_a_region_of_two_parameters_is_split_by_its_verdicts():
    """The pool of :func:`_pool_game` with ``H``'s gain from ``m0`` scaled by a second
    parameter, ``1 + c mu(H)``: the runs of the several-parameter solver split the
    continuum on their cells (the parts' ranges functions of ``p`` and ``c``), and at
    random points and at points of every cell's walls the result equals point-wise
    solving (labels without ``#k`` and verdicts, part by part) and passes ``verify``."""
    c = sp.Symbol("c")
    g = SignallingGame.from_arrays(
        ["1/2", "1/2"],
        [[[1, 1], [1, 1], [P, 0]], [[1 + c * MU, 1 + c * MU], [0, 0], [P, 0]]],
        [[[1, 0], [1, 0], [0, 1]], [[1, 0], [1, 0], [1, 0]]], types=["L", "H"],
        parameters={P: (1, 3), c: (0, 2)})
    res = solve(g)
    assert not any(VERDICT_NOTE in e.notes for e in res)
    parts = [e for e in res if e.label.startswith(POOL + " #")]
    assert len(parts) >= 3
    assert any(isinstance(e.notes[-1], str) and "(c + 1)/p" in e.notes[-1] for e in parts)
    rng = random.Random(2)
    points = [{P: sp.Rational(rng.randint(1001, 2999), 1000),
               c: sp.Rational(rng.randint(1, 1999), 1000)} for _ in range(8)]
    points += [{P: sp.Rational(5, 2), c: sp.Rational(3, 2)},  # on the wall p = 1 + c
               {P: sp.Rational(2), c: sp.Rational(1, 2)}]
    assert _compare_cells(g, res, points) >= 8
