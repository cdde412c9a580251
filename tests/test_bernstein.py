"""``solving.bernstein``: Bernstein coefficients on the unit box, their halving, and proofs
that a polynomial system has no common zero in the box, each against an independent
exact computation (the expanded basis, the substituted polynomial, the cylindrical
decomposition of :mod:`.semialgebraic`)."""

from __future__ import annotations

import random
from fractions import Fraction
from itertools import product

import numpy as np
import sympy as sp
from _random_games import survey_game
from hypothesis import given, settings
from hypothesis import strategies as st

from alliance_games.solving import simplex_backend, simplex_mixing, simplex_systems
from alliance_games.solving.assemble import pattern_label
from alliance_games.solving.bernstein import (
    _halves,
    _scaled,
    bernstein_coefficients,
    no_common_zero,
    proves_empty,
)
from alliance_games.solving.semialgebraic import Search, find_point

U, V, W = sp.symbols("u v w")


def test_coefficients_give_the_polynomial_back():
    """``sum b_i prod_j C(n_j, i_j) x_j^i_j (1 - x_j)^(n_j - i_j)`` is the polynomial
    again, on random polynomials in up to four variables (the sum is taken one variable
    at a time)."""
    rng = random.Random(3)
    gens = sp.symbols("x y z w")
    for _ in range(60):
        xs = gens[:rng.randint(1, 4)]
        e = sp.expand(sum(rng.randint(-3, 3) * sp.Mul(*[x**rng.randint(0, 3) for x in xs])
                          for _ in range(rng.randint(1, 6))))
        if e == 0:
            continue
        poly = sp.Poly(e, *xs)
        degs = poly.degree_list()
        back = 0
        for b, i in zip(bernstein_coefficients(poly), product(*(range(n + 1) for n in degs))):
            term = sp.Rational(b.numerator, b.denominator)
            for x, ij, n in zip(xs, i, degs):
                term *= sp.binomial(n, ij) * x**ij * (1 - x)**(n - ij)
            back += term
        assert sp.expand(back - e) == 0, e


def _array(poly: sp.Poly) -> np.ndarray:
    coeffs = bernstein_coefficients(poly)
    out = np.empty(len(coeffs), dtype=object)
    out[:] = coeffs
    return out.reshape(tuple(n + 1 for n in poly.degree_list()))


def test_halves_are_the_coefficients_of_the_polynomial_on_each_half():
    """De Casteljau at 1/2 in one unknown: the two halves' coefficients, divided by
    ``2**n``, are those of ``p(.., x/2, ..)`` and ``p(.., (1 + x)/2, ..)`` on the unit
    box, for random polynomials in up to three unknowns, every axis."""
    rng = random.Random(5)
    xs = (U, V, W)
    for _ in range(40):
        k = rng.randint(1, 3)
        e = sp.expand(sum(rng.randint(-4, 4) * sp.Mul(*[x**rng.randint(0, 3) for x in xs[:k]])
                          for _ in range(rng.randint(2, 6))))
        if e == 0:
            continue
        poly = sp.Poly(e, *xs[:k])
        for j, x in enumerate(xs[:k]):
            n = poly.degree_list()[j]
            left, right = _halves(_array(poly), j)
            for half, sub in ((left, x / 2), (right, (1 + x) / 2)):
                want = _array(sp.Poly(e.xreplace({x: sub}), *xs[:k]))
                assert half.shape == want.shape
                assert all(a / 2**n == b for a, b in zip(half.flat, want.flat)), (e, x)


def test_halves_of_one_unknown_stay_exact_integers():
    """One unknown: each half's entries were Python integers put through ``np.stack``,
    which made an int64 array, so that from the fifth halving of this degree-9
    polynomial on its entries passed ``2**63`` and wrapped round silently (a wrapped
    sign could "prove" a polynomial free of roots).  Halved eight times, they are still
    the exact coefficients on the first 256th (times one scale)."""
    poly = sp.Poly((3 * U - 1) * (U**2 + 1) * (U + 5) ** 6, U)
    exact = _array(poly)  # Fractions: never a fixed-width type
    c = _scaled(poly)  # the same times the least common multiple of their denominators
    scale = c[0] / exact[0]
    for _ in range(8):
        c, exact = _halves(c, 0)[0], _halves(exact, 0)[0]
        assert c.dtype == object
        assert all(a == b * scale for a, b in zip(c.flat, exact.flat))


def _in_closed_box(constraints, unknowns, strict: str = ">=") -> Search:
    """The cylindrical decomposition's answer to "every constraint ``(p, rel)`` met, every
    unknown in ``[0, 1]``" (in ``(0, 1)`` with ``strict=">"``; two unknowns, each halved
    into the triangle of three coordinates)."""
    half = sp.Rational(1, 2)
    box = sp.symbols("x y")[:len(unknowns)] + (sp.Symbol("z"),)
    sub = {v: 2 * x for v, x in zip(unknowns, box)}
    cons = [(sp.expand(sp.sympify(p).xreplace(sub)), rel) for p, rel in constraints]
    cons += [c for x in box[:-1] for c in ((x, strict), (half - x, strict))]
    return find_point(cons, box)


def _common_zero_in_closed_box(polys, unknowns) -> Search:
    return _in_closed_box([(p, "==") for p in polys], unknowns)


ROOTS = [Fraction(0), Fraction(1), Fraction(1, 2), Fraction(1, 4), Fraction(3, 2),
         Fraction(-1, 2)]


@st.composite
def _systems(draw, unknowns):
    """Two or three polynomials of degree at most 2 in each unknown, small integer
    coefficients; often with a common zero at a drawn point (in the box, on its boundary
    or outside), or one polynomial a multiple of another plus a small change."""
    monomials = [sp.Mul(*m) for m in product(*[[1, x, x**2] for x in unknowns])]
    point = {x: sp.Rational(draw(st.sampled_from(ROOTS))) for x in unknowns}
    through = draw(st.booleans())
    polys = []
    for _ in range(draw(st.integers(2, 3))):
        e = sp.expand(sum(draw(st.integers(-2, 2)) * m
                          for m in draw(st.lists(st.sampled_from(monomials), max_size=4))))
        if through:
            e = sp.expand(e - e.xreplace(point))
        polys.append(e)
    return polys


@settings(max_examples=60, deadline=None)
@given(_systems([U, V]))
def test_a_proof_of_no_common_zero_agrees_with_the_decomposition(polys):
    """Never a proof where the exact decomposition finds a common zero in the closed box
    (zeros on the box's boundary and on the faces where the box is halved, at 1/2 and
    1/4, are built in)."""
    if no_common_zero(polys, [U, V], max_boxes=2000):
        found = _common_zero_in_closed_box(polys, [U, V])
        assert found.decided and found.point is None, (polys, found.point)


@settings(max_examples=60, deadline=None)
@given(_systems([U, V]), st.lists(st.sampled_from(["==", ">=", ">"]), min_size=3,
                                  max_size=3))
def test_a_proof_of_emptiness_agrees_with_the_decomposition(polys, rels):
    """Inequalities too (``p >= 0`` fails on a piece where every coefficient is negative,
    ``p > 0`` where none is positive): never a proof where the decomposition finds a
    point of the closed box, boundary cases (a polynomial 0 at 1/2, at a corner) built
    in."""
    constraints = list(zip(polys, rels))
    if proves_empty(constraints, [U, V], max_boxes=2000):
        found = _in_closed_box(constraints, [U, V])
        assert found.decided and found.point is None, (constraints, found.point)


@settings(max_examples=80, deadline=None)
@given(_systems([U, V]), st.lists(st.sampled_from(["==", ">=", ">"]), min_size=3,
                                  max_size=3))
def test_a_proof_for_the_open_box_agrees_with_the_decomposition(polys, rels):
    """``open_box``: never a proof where the decomposition finds a point of the open box;
    the drawn systems often vanish at a corner or on an edge of the box, where a proof
    for the open box may hold and one for the closed box may not."""
    constraints = list(zip(polys, rels))
    if proves_empty(constraints, [U, V], max_boxes=2000, open_box=True):
        found = _in_closed_box(constraints, [U, V], strict=">")
        assert found.decided and found.point is None, (constraints, found.point)


def test_proofs_for_the_open_box():
    """Sets whose closure meets the box's boundary only are proved empty in the open box,
    not in the closed one; a set with points inside, however near the boundary, never."""
    for cons in ([(U + V - 2, "==")],  # the corner (1, 1)
                 [((U - 1)**2 + V**2, "==")],  # the corner (1, 0), a double zero
                 [(U * V - 1, ">=")],
                 [(U, "=="), (V - sp.Rational(1, 3), ">")],  # the edge u = 0
                 [(U + V - 1, "=="), (U * V, "==")],  # two corners, on the line
                 [(U * (U - V), "=="), (V - U - sp.Rational(1, 8), ">=")]):  # u = 0 only
        assert not proves_empty(cons, [U, V]), cons
        assert proves_empty(cons, [U, V], open_box=True), cons
        assert _in_closed_box(cons, [U, V], strict=">").empty, cons
    for cons in ([(U + V - 2 + sp.Rational(1, 1000), "==")],
                 [(U * V - 1 + sp.Rational(1, 1000), ">=")],
                 [(U - sp.Rational(1, 1000), "=="), (V - sp.Rational(1, 3), ">")]):
        assert not proves_empty(cons, [U, V], open_box=True), cons


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_a_common_zero_in_the_box_is_never_proved_away(data):
    """Three unknowns, polynomials built to vanish at a rational point of the closed box
    (a corner, a face, the middle of a piece): never a proof."""
    xs = [U, V, W]
    point = {x: sp.Rational(data.draw(st.sampled_from(ROOTS[:4]))) for x in xs}
    monomials = [sp.Mul(*m) for m in product(*[[1, x, x**2] for x in xs])]
    polys = []
    for _ in range(3):
        e = sp.expand(sum(data.draw(st.integers(-3, 3)) * m
                          for m in data.draw(st.lists(st.sampled_from(monomials),
                                                      max_size=5))))
        polys.append(sp.expand(e - e.xreplace(point)))
    assert not no_common_zero(polys, xs, max_boxes=500)


def test_proofs_and_their_limits():
    """Systems apart by a margin are proved apart, by one box or by several; constants,
    zero polynomials and irrational coefficients are handled; curves apart by a small
    margin need many boxes, and the limits on boxes and on depth give False."""
    assert no_common_zero([U + V + 1, U - V], [U, V])  # one box: the first is positive
    assert no_common_zero([U - V, U + V - sp.Rational(9, 4)], [U, V])  # crossing at 9/8
    assert no_common_zero([U, sp.Integer(1)], [U, V])
    assert not no_common_zero([sp.Integer(0), sp.Integer(0)], [U, V])
    assert not no_common_zero([U - V, sp.Integer(0)], [U, V])
    assert not no_common_zero([U - sp.sqrt(2), V], [U, V])  # not rational: not tried
    # u^2 + v^2 >= 2 u v = 51/50 where u v = 51/100: apart, by a small margin
    near = [U**2 + V**2 - 1, U * V - sp.Rational(51, 100)]
    assert no_common_zero(near, [U, V])
    assert not no_common_zero(near, [U, V], max_boxes=100)
    assert not no_common_zero(near, [U, V], max_depth=6)


def test_the_pattern_in_which_every_type_and_the_receiver_mix():
    """Survey seed 20 with five types: in the pattern in which all five types and the
    receiver mix (seven unknown probabilities, indifference conditions of degrees 2 and
    3) the elimination ran for more than four minutes; subdividing the box proves that
    the conditions have no common zero there, so the pattern has no equilibrium."""
    game = survey_game(20, "linear", 5)
    gd = simplex_backend.simplex_game(game)
    S, B = ((0, 1),) * 5, ((0, 1), (0, 1))
    assert pattern_label(game, S, B) == \
        "A:m0+m1 B:m0+m1 C:m0+m1 D:m0+m1 E:m0+m1 | m0:a0+a1 m1:a0+a1"
    eqs, positive, sig_syms, rho_syms, *_ = simplex_mixing._mixing_system(gd, S, B)
    assert len(sig_syms) + len(rho_syms) == 7
    unknowns = [*sig_syms, *rho_syms]
    assert no_common_zero(eqs, unknowns)
    assert simplex_systems._box_factors(eqs, unknowns) is None
    assert simplex_systems.sender_candidates(eqs, positive, sig_syms, rho_syms) == ("none", None)
