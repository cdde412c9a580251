"""The fast exact path of the flagship model agrees with the exact sympy path.

Numbers from two fields (two on-path posteriors, each a root of its own quadratic, in one
linear system) are :class:`~alliance_games.solving.quadratic.MQuad` sums of square roots;
before they existed such patterns fell back to the slow sympy backend.  Checked here:
the arithmetic and signs of these numbers against sympy (seeded hypothesis, including
exact zeros and near-ties); every support pattern of hypothesis-box points in which such
numbers occur, pattern by pattern against the sympy backend; and whole solves on and
next to exact ties of the model (the irresolute partner exactly indifferent about
helping) and next to a change of the equilibrium set along the threat theta.
"""

from __future__ import annotations

from fractions import Fraction
from itertools import product

import pytest
import sympy as sp
from _belief_check import result_difference
from hypothesis import given, settings
from hypothesis import strategies as st

from alliance_games.alliance.analysis import full_point
from alliance_games.alliance.geography import pi_for_theta
from alliance_games.alliance.hypotheses import sample_points
from alliance_games.alliance.model import alliance_game
from alliance_games.alliance.parameters import S, baseline
from alliance_games.alliance.payoffs import war_state
from alliance_games.solving import quadratic
from alliance_games.solving.algebraic import AlgebraicContext, interval_sign
from alliance_games.solving.belief_engine import solve_one_pattern
from alliance_games.solving.belief_fast import fast_game, solve_fast
from alliance_games.solving.belief_payoffs import general_game, solve_belief_game
from alliance_games.solving.patterns import nonempty_subsets
from alliance_games.solving.quadratic import MQuad, Quad, qcmp, qsign, sqrt_of, to_sympy

sign = AlgebraicContext.sign

# ------------------------------------------------------------------ the number type
fractions = st.fractions(min_value=-20, max_value=20, max_denominator=12)
small = st.sampled_from([2, 3, 5, 6, 8, 12, 15])
large = st.sampled_from([2, 3, 10**30 + 7, 4 * (10**30 + 7), 7 * 10**40 + 3])


@st.composite
def numbers(draw, radicands):
    """Sums of up to three quadratic irrationals over the radicands (often two fields)."""
    x = draw(fractions)
    for _ in range(draw(st.integers(1, 3))):
        b = draw(fractions)
        if b:
            x = x + Quad(draw(fractions), b, draw(radicands))
    return x


def _is_zero(expr) -> bool:
    # square roots of small integers: sympy's expanded form is canonical
    return sp.expand(expr) == 0


@settings(max_examples=80, deadline=None, derandomize=True)
@given(numbers(small), numbers(small))
def test_multi_quadratic_arithmetic_and_signs_agree_with_sympy(x, y):
    sx, sy = to_sympy(x), to_sympy(y)
    assert qsign(x) == sign(sx)
    assert qcmp(x, y) == (0 if _is_zero(sx - sy) else sign(sx - sy))
    assert qsign(x - x) == 0 and qcmp(x + y, y + x) == 0
    for got, want in ((x + y, sx + sy), (x - y, sx - sy), (x * y, sx * sy)):
        assert _is_zero(to_sympy(got) - want)
    if qsign(y):
        q = x / y
        assert _is_zero(to_sympy(q) * sy - sx)
        assert qcmp(q * y, x) == 0
    if isinstance(x, MQuad):  # canonical: one radicand per square class, nonzero terms
        rads = [d for d, _ in x.terms if d != 1]
        assert all(c for _, c in x.terms) and len(rads) >= 2
        assert all(not sp.sqrt(a * b).is_Integer for i, a in enumerate(rads)
                   for b in rads[i + 1:])


@settings(max_examples=40, deadline=None, derandomize=True)
@given(numbers(large), numbers(large))
def test_signs_with_huge_radicands_agree_with_sympy(x, y):
    sx, sy = to_sympy(x), to_sympy(y)
    assert qsign(x) == sign(sx)
    if qcmp(x, y) != 0:  # (a zero difference would send sympy into minimal polynomials)
        assert qcmp(x, y) == sign(sx - sy)
    else:
        assert qsign(x - y) == 0 and sp.N(sx - sy, 60) == 0


def test_two_fields_close_under_division_and_tell_near_ties_apart():
    r2, r3 = sqrt_of(Fraction(2)), sqrt_of(Fraction(3))
    x = r2 + r3
    assert isinstance(x, MQuad) and x * (r3 - r2) == 1 and 1 / x == r3 - r2
    assert x * x - 5 == 2 * sqrt_of(Fraction(6))   # back in one field
    assert isinstance((x - r3) * (x - r3), Fraction)  # back to the rationals
    approx = Fraction(314626436994197, 10**14)   # sqrt(2)+sqrt(3) to 15 digits, below
    assert qcmp(x, approx) == 1 and qcmp(x, approx + Fraction(1, 10**14)) == -1
    big = Quad(Fraction(0), Fraction(1), 10**30 + 7) + r2  # a huge radicand
    assert qsign(big - Fraction(10**15)) == 1
    with pytest.raises(quadratic.OutsideFastType):
        _ = x + sp.sqrt(7)


# ------------------------------------------------------------------ the flagship
def _two_field_patterns(game, monkeypatch):
    """Every support pattern whose fast solve builds an MQuad, with its fast answer."""
    made = []
    orig = quadratic._mq

    def counting(acc):
        out = orig(acc)
        if isinstance(out, MQuad):
            made.append(out)
        return out

    monkeypatch.setattr(quadratic, "_mq", counting)
    fg = fast_game(game)
    msg = nonempty_subsets(2, None)
    acts = [nonempty_subsets(k, None) for k in fg.n_actions]
    out = []
    for S_ in product(msg, repeat=2):
        for B in product(*acts):
            made.clear()
            eq = solve_one_pattern(fg, S_, B, True)
            if made:
                out.append((S_, B, eq))
    monkeypatch.setattr(quadratic, "_mq", orig)
    return out


@pytest.mark.parametrize("index", [13, 45])
def test_two_field_patterns_of_box_points_agree_with_sympy(index, monkeypatch):
    # sample points of the hypothesis box (seed 0) whose patterns mix two fields; the
    # whole solve now stays on the fast path (no pattern falls back)
    game = alliance_game(full_point(sample_points(60, 0)[index]))
    solve_fast(game)  # raises OutsideFastType if any pattern left the fast types
    found = _two_field_patterns(game, monkeypatch)
    assert found
    general = general_game(game)
    for S_, B, eq in found:
        slow = solve_one_pattern(general, S_, B, True)
        assert (eq is None) == (slow is None), (S_, B)
        if eq is not None:
            diff = result_difference([eq], [slow])
            assert diff is None, diff
    if index == 13:  # an equilibrium whose numbers lie in two fields
        assert any(eq is not None for _, _, eq in found)


def _compare(values, theatre=None):
    game = alliance_game(values, theatre=theatre)
    diff = result_difference(solve_belief_game(game), solve_belief_game(game, fast=False))
    assert diff is None, diff


@pytest.mark.parametrize("design", ["M", "B"])
def test_on_and_next_to_the_tie_of_the_irresolute_partner(design):
    # the irresolute partner's help margin after CS is linear in a with slope 1: at
    # a* = a - margin it is exactly indifferent about helping; the equilibrium set
    # changes there
    a_star = baseline()[S.a] - war_state("L", "cs", design, point=baseline()).help_margin
    eps = sp.Rational(1, 10**6)
    labels = []
    for a in (a_star - eps, a_star, a_star + eps):
        _compare({"a": a})
        labels.append(sorted(e.label for e in solve_belief_game(alliance_game({"a": a}))))
    assert labels[0] != labels[2]


def test_next_to_a_change_along_theta():
    # bisect the threat theta (through offensive power) until the fast path's
    # equilibrium set changes within 2**-10, then compare both sides with sympy
    def values(t):
        pt = full_point({}, theatre="land")
        return {"pi_A": pi_for_theta(t, "land", pt)}

    def labels(t):
        return sorted(e.label for e in solve_belief_game(alliance_game(values(t),
                                                                      theatre="land")))

    lo, hi = sp.Rational(7, 20), sp.Rational(2, 5)  # N answers CS, then M
    assert labels(lo) != labels(hi)
    for _ in range(10):
        mid = (lo + hi) / 2
        if labels(mid) == labels(lo):
            lo = mid
        else:
            hi = mid
    for t in (lo, hi):
        _compare(values(t), theatre="land")


# ------------------------------------------------------------------ interval signs
@st.composite
def constants(draw):
    """Sums of rational multiples of exp of rationals, square roots and their products
    (the shapes of durations and payoffs at irrational posteriors)."""
    q = st.fractions(min_value=-3, max_value=3, max_denominator=7).map(sp.Rational)
    terms = [draw(q)]
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["exp", "sqrt", "both", "inv"]))
        c = draw(q)
        e = sp.exp(draw(q))
        r = sp.sqrt(draw(st.sampled_from([2, 3, 5, 10**30 + 7])))
        terms.append(c * (e if kind == "exp" else r if kind == "sqrt" else
                          e * r if kind == "both" else 1 / (2 + e)))
    return sp.Add(*terms)


@settings(max_examples=60, deadline=None, derandomize=True)
@given(constants())
def test_interval_sign_agrees_with_certified_evaluation(x):
    s = interval_sign(x)
    v = x.evalf(60, strict=False)
    if s is not None:  # decided only when the enclosure excludes 0
        assert v != 0 and s == (1 if v > 0 else -1)
    assert interval_sign(sp.sqrt(8) - 2 * sp.sqrt(2)) is None
