"""Continua whose members lie in a thin part of the box, and real roots of many
polynomials.

Five-type quadratic survey seed 18, pattern ``A:m0 B:m0+m1 C:m0+m1 D:m0+m1 E:m0+m1 |
m0:a0 m1:a1``: four sender probabilities and one quadratic equation, ``u**2 - u s4 - 2 u
- 2 s4**2 + 5 s4 - 3 == 0`` in ``u = s1 + s2 + s3`` and ``s4``.  Its solutions in the box
have ``u`` near 3 (each of ``s1, s2, s3`` above 0.85), where the grid of rationals that
``_sample_free`` tries has no point, and halving cannot prove the set empty because it is
not: the pattern was left out ("no sampled member is an equilibrium").  Floats now choose
where to sample (``_guided_samples``), and the member found is checked exactly.

The four-type quadratic seed 61 spent more than 20 minutes factoring the product of a
projection's hundreds of polynomials (``semialgebraic._real_roots``); they are now
factored one by one, and the roots are checked here against sympy's own, of the product,
on small random lists.
"""

from __future__ import annotations

import numpy as np
import sympy as sp
from _random_games import survey_game
from hypothesis import given, settings
from hypothesis import strategies as st

from alliance_games.solving import belief_simplex, simplex_backend, simplex_mixing, simplex_systems
from alliance_games.solving.assemble import pattern_label
from alliance_games.solving.float_guide import EQUATION_TOLERANCE, feasible_points
from alliance_games.solving.semialgebraic import _real_roots
from alliance_games.verify import verify

R = sp.Rational
THIN = "A:m0 B:m0+m1 C:m0+m1 D:m0+m1 E:m0+m1 | m0:a0 m1:a1"


def _pattern(seed: int, types: int, label: str):
    game = survey_game(seed, "quadratic", types=types)
    gd = simplex_backend.simplex_game(game)
    S, B = next((S, B) for S, B in simplex_mixing.mixing_patterns(gd)
                if pattern_label(game, S, B) == label)
    return game, gd, S, B


def test_a_thin_continuum_is_sampled_where_the_floats_point():
    """The grid's samples miss the continuum, halving cannot prove it empty, and the
    guided sample is a member: exact, passing ``verify``, with B, C and D all above
    0.85 on ``m0``.  A second member, built by hand at ``s4 = 1/2``, ``s1 = s2 =
    19/20`` (``s3`` irrational), is an equilibrium too: the continuum is not a point."""
    game, gd, S, B = _pattern(18, 5, THIN)
    system = simplex_mixing._mixing_system(gd, S, B)
    eqs, _, sig, rho, sigma, r, weights = system
    assert (len(sig), len(rho), len(eqs)) == (4, 0, 1)
    kind, _ = simplex_systems.sender_candidates(*system[:4])
    assert kind == "free"
    grid = simplex_mixing._members(gd, S, B, simplex_mixing._sample_free(eqs, [], sig),
                                   sig, sigma, weights, family=True)
    assert grid == []
    assert not simplex_mixing._no_member(gd, S, B, eqs, sig, rho, sigma, r, weights)
    (sol,) = simplex_mixing.solve_mixing(gd, S, B)
    assert sol.family
    eq = belief_simplex._assemble(gd, sol, False)
    assert verify(game, eq).ok
    assert all(eq.sender[t]["m0"] > R(85, 100) for t in "BCD")
    h = R(1, 2)
    u = (h + 2 + sp.sqrt(9 * h**2 - 16 * h + 16)) / 2
    other = (R(19, 20), R(19, 20), sp.expand(u - R(19, 10)), h)
    assert sp.expand(eqs[0].xreplace(dict(zip(sig, other)))) == 0
    (second,) = simplex_mixing._members(gd, S, B, [other], sig, sigma, weights,
                                        family=True)
    assert verify(game, belief_simplex._assemble(gd, second, False)).ok


X, Y, Z = sp.symbols("x y z")


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_float_points_meet_the_conditions(data):
    """Every point returned meets the conditions, re-evaluated exactly at the float's
    own rational value: the equations and inequalities within the tolerance (scaled by
    the size of the coefficients: the floats guide, and decide nothing), inside the open
    box; the same points on a second call."""
    xs = [X, Y, Z][:data.draw(st.integers(1, 3))]
    monomials = [sp.Integer(1), *xs, *(a * b for a in xs for b in xs)]

    def poly():
        return sp.expand(sum(data.draw(st.integers(-4, 4)) * m for m in
                             data.draw(st.lists(st.sampled_from(monomials), max_size=4))))

    cons = [(poly(), data.draw(st.sampled_from(["==", ">=", ">"])))
            for _ in range(data.draw(st.integers(1, 3)))]
    points = feasible_points(cons, xs, starts=256)
    again = feasible_points(cons, xs, starts=256)
    assert len(points) == len(again)
    assert all(np.array_equal(p, q) for p, q in zip(points, again))
    for z in points:
        at = {x: R(float(v)) for x, v in zip(xs, z)}
        assert all(0 < v < 1 for v in at.values())
        for p, rel in cons:
            value = p.xreplace(at)
            size = 1 + sum(abs(c) for c in sp.Poly(p, *xs).coeffs()) if p != 0 else 1
            if rel == "==":
                assert abs(value) < EQUATION_TOLERANCE * size, (cons, z)
            else:  # floats: a strict inequality may round to 0
                assert value > -EQUATION_TOLERANCE * size, (cons, z)


def test_float_points_of_an_empty_set():
    """No point where the set is empty (``x + y = 3`` misses the box), and the circle's
    points in the box where it is not."""
    assert feasible_points([(X + Y - 3, "==")], [X, Y]) == []
    points = feasible_points([(X**2 + Y**2 - 1, "=="), (X - Y, ">")], [X, Y])
    assert points and all(1 > x > y > 0 and abs(x * x + y * y - 1) < 1e-9
                          for x, y in points)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.integers(-6, 6), min_size=2, max_size=6), min_size=1,
                max_size=5))
def test_real_roots_are_those_of_the_product(rows):
    """The roots in ``[0, 1]`` of polynomials factored one by one are those of their
    product (sympy's ``real_roots``, exact): the same numbers, ascending, each once."""
    polys = [sp.Poly(row, X, domain="QQ") for row in rows]
    product = sp.Poly(1, X, domain="QQ")
    for p in polys:
        if not p.is_zero and p.degree() > 0:
            product *= p
    expected = [] if product.degree() <= 0 else [
        r for r in dict.fromkeys(product.real_roots()) if 0 <= r <= 1]
    got = _real_roots(polys, X)
    assert len(got) == len(expected)
    assert all(sp.simplify(a - b) == 0 for a, b in zip(got, expected))
