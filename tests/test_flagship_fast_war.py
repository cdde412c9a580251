"""The flagship's fast exact war stage agrees exactly with the sympy path.

At a rational point :mod:`alliance_games.alliance.payoffs` computes the war stage in
Fractions (``war.py``'s formulas on Fractions) and builds each sympy payoff from the
rationals; :func:`~alliance_games.alliance.analysis.sign` decides sums of square roots
with :func:`~alliance_games.solving.quadratic.from_sympy`.  Checked here, against the
general sympy path (the fast cell switched off): war states field by field, payoff
tables (identical expressions), attack and entrapment probabilities, payoffs at
rational beliefs, durations and whole summaries, on seeded random points of the
parameter boxes (contest exponents 1 and 2, every theatre) and on and next to the
model's kinks: the attack probability's cap ``V_A (1 - P) = 1``, the patron's fight
probability at ``x = nu`` and the partner's help decision at margin 0.
"""

from __future__ import annotations

import pickle
from contextlib import contextmanager
from fractions import Fraction
from unittest import mock

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from alliance_games import solve
from alliance_games.alliance import analysis, duration
from alliance_games.alliance import payoffs as pay
from alliance_games.alliance.analysis import full_point, summarise
from alliance_games.alliance.forms import FORMS_KEY, Forms
from alliance_games.alliance.model import alliance_game
from alliance_games.alliance.parameters import PARAMETERS, S
from alliance_games.solving import belief_fast
from alliance_games.solving.algebraic import AlgebraicContext
from alliance_games.solving.quadratic import OutsideFastType, from_sympy, qcmp, to_sympy

CELLS = [(m, d) for m in pay.MESSAGES for d in pay.DESIGNS[m]]
BELIEFS = [sp.Integer(0), sp.Rational(1, 3), sp.Rational(1, 2), sp.Integer(1)]
#: on-path posteriors of mixed equilibria may be quadratic irrationals
IRRATIONAL = [(sp.sqrt(2) - 1) / 2, sp.Rational(3, 7) + sp.sqrt(10**30 + 7) / 10**16]


def _clear() -> None:
    for f in (pay._fast_cell, pay._exact_payoff, pay._exact_stage, pay._exact_war_states,
              duration._design_duration_memo, analysis._sign):
        f.cache_clear()


@contextmanager
def general_path():
    """The sympy path only: no fast cell (memoised results cleared on both sides)."""
    _clear()
    with mock.patch.object(pay, "_fast_cell", lambda *args: None):
        yield
    _clear()


def _fraction(x: sp.Expr) -> Fraction:
    return Fraction(int(x.p), int(x.q))


@st.composite
def box_points(draw):
    """A random rational point of the sweep boxes, a theatre and a contest exponent."""
    values = {p.name: p.box[0] + (p.box[1] - p.box[0]) * sp.Rational(
        draw(st.integers(1, 999)), 1000) for p in PARAMETERS}
    theatre = draw(st.sampled_from(["land", "sea", None]))
    if theatre is not None:
        del values["s_w"]
    point = full_point(values, theatre=theatre)
    r = draw(st.sampled_from([1, 1, 2]))
    if r != 1:
        point[FORMS_KEY] = Forms(contest_exponent=r)
    return point, theatre


def _check_point(point, theatre) -> None:
    _clear()
    fast = pay.payoff_tables(theatre=theatre, point=point)
    cell = {c: pay._fast_cell(*c, theatre, pay._point_key(point)) for c in CELLS}
    assert all(v is not None for v in cell.values())  # the fast path did run
    got = {(t, m, d, mu): (pay.client_payoff(t, m, d, theatre=theatre, point=point, mu_H=mu),
                           pay.patron_payoff(t, m, d, theatre=theatre, point=point, mu_H=mu),
                           pay.entrapment(t, m, d, theatre=theatre, point=point, mu_H=mu))
           for t in pay.TYPES for m, d in CELLS for mu in [*BELIEFS, *IRRATIONAL]}
    attack = {(m, d, mu): pay.attack_probability(m, d, theatre=theatre, point=point, mu_H=mu)
              for m, d in CELLS for mu in [pay.MU_H, *BELIEFS, *IRRATIONAL]}
    with general_path():
        assert pay.payoff_tables(theatre=theatre, point=point, fast=False) == fast
        assert pay.payoff_tables(theatre=theatre, point=point) == fast
        for (t, m, d, mu), vals in got.items():
            want = (pay.client_payoff(t, m, d, theatre=theatre, point=point, mu_H=mu),
                    pay.patron_payoff(t, m, d, theatre=theatre, point=point, mu_H=mu),
                    pay.entrapment(t, m, d, theatre=theatre, point=point, mu_H=mu))
            assert vals == want, (t, m, d, mu)
        for (m, d, mu), r in attack.items():
            assert r == pay.attack_probability(m, d, theatre=theatre, point=point, mu_H=mu)
        for (m, d), c in cell.items():
            for t in pay.TYPES:
                slow = pay.war_state(t, m, d, theatre=theatre, point=point)
                for name in ("helps", "hold", "fight", "shock", "war_cost", "help_margin",
                             "W1", "W0"):
                    x, y = getattr(c.states[t], name), getattr(slow, name)
                    assert isinstance(x, (int, Fraction)) and sp.Rational(x) == y, name


@settings(max_examples=25, deadline=None, derandomize=True)
@given(box_points())
def test_fast_war_stage_and_payoffs_agree_with_sympy_on_box_points(pt):
    _check_point(*pt)


def _kinks():
    """Points on and next to each kink of the war stage, from the baseline (land)."""
    base = full_point({}, theatre="land")
    eps = sp.Rational(1, 10**9)
    out = []
    ws = pay.war_state("L", "cs", "B", theatre="land", point=base)
    v_a = 1 / (1 - ws.hold)           # the cap of the attack probability binds from here
    for V in (v_a - eps, v_a, v_a + eps):
        out.append({**base, S.V_A: V})
    ws = pay.war_state("H", "cs", "B", theatre="land", point=base)
    x = ws.W1 + ws.terms.b            # the patron always fights from nu = x down
    assert x > 0
    for nu in (x - eps, x, x + eps):
        out.append({**base, S.nu: nu})
    for d in ("M", "B"):              # the irresolute partner indifferent about helping
        a_star = base[S.a] - pay.war_state("L", "cs", d, theatre="land", point=base).help_margin
        for a in (a_star - eps, a_star, a_star + eps):
            out.append({**base, S.a: a})
    return out


@pytest.mark.parametrize("index", range(12))
def test_fast_war_stage_on_and_next_to_kinks(index):
    point = _kinks()[index]
    _check_point(point, "land")
    if index == 1:   # exactly on the cap: r = 1 at mu_H = 0, the cap does not bind
        c = pay._fast_cell("cs", "B", "land", pay._point_key(point))
        assert c.r0 == 1 and not c.capped
    if index == 2:
        assert pay._fast_cell("cs", "B", "land", pay._point_key(point)).capped


@pytest.mark.parametrize("values", [{}, {"V_A": 8, "a": "1/2"}, {"theta": "3/4"},
                                    {"q": "1/5", "v_H": 3, "h_L": 2}])
def test_summaries_identical_to_the_general_path(values):
    point = full_point(values, theatre="land")
    eqs = solve(alliance_game(point, theatre="land"))
    _clear()
    fast = [summarise(e, point, "land") for e in eqs]
    with general_path():
        slow = [summarise(e, point, "land") for e in eqs]
    for a, b in zip(fast, slow):
        assert dict(a.values) == dict(b.values) and dict(a.posterior) == dict(b.posterior)
        for k, v in a.values.items():  # the same expressions, not only equal values
            assert sp.srepr(v) == sp.srepr(b.values[k]), k


def test_durations_memoised_and_fresh_agree():
    point = full_point({"V_A": 3}, theatre="sea")
    for (m, d) in CELLS:
        for t in pay.TYPES:
            for mu in BELIEFS:
                memo = duration.design_duration(t, m, d, mu_H=mu, theatre="sea", point=point)
                fresh = duration._design_duration(t, m, d, mu, "sea", dict(point))
                assert memo == fresh
                assert duration.design_duration(t, m, d, mu_H=mu, theatre="sea",
                                                point=point) is memo


def test_keyed_point_is_read_only_hashable_and_pickles():
    point = full_point({"a": 2})
    kp = pay.keyed_point(point)
    assert kp == point and pay.keyed_point(kp) is kp and hash(kp) == hash(pay.keyed_point(point))
    with pytest.raises(TypeError):
        kp[S.a] = sp.Integer(1)
    with pytest.raises(TypeError):
        kp.update({S.a: 1})
    back = pickle.loads(pickle.dumps(kp))
    assert type(back) is pay.KeyedPoint and back == kp and back.key == kp.key


# ------------------------------------------------------------------ signs
roots = st.sampled_from([2, 3, 6, 8, 12, 10**30 + 7, 4 * (10**30 + 7)])
rats = st.fractions(min_value=-5, max_value=5, max_denominator=9).map(sp.Rational)


@st.composite
def root_sums(draw):
    """Sums and products of rational multiples of square roots, with exact zeros."""
    terms = [draw(rats)]
    for _ in range(draw(st.integers(1, 3))):
        r = sp.Pow(sp.Integer(draw(roots)), sp.S.Half, evaluate=False)
        terms.append(draw(rats) * r)
    x = sp.Add(*terms)
    kind = draw(st.sampled_from(["plain", "zero", "inverse", "square"]))
    if kind == "zero":       # the same number written twice: an exact zero
        return x - sp.Add(*terms[::-1])
    if kind == "inverse" and from_sympy(x) != 0:
        return 1 / x
    if kind == "square":
        return x * x - 1
    return x


@settings(max_examples=60, deadline=None, derandomize=True)
@given(root_sums())
def test_from_sympy_and_the_sign_of_root_sums(x):
    fx = from_sympy(x)
    assert qcmp(from_sympy(to_sympy(fx)), fx) == 0
    v = x.evalf(80)
    if fx == 0:
        assert abs(v) < sp.Float("1e-60")
    else:
        assert (v > 0) == (qcmp(fx, 0) > 0) and abs(v) > sp.Float("1e-60")
    assert analysis.sign(x) == (0 if fx == 0 else (1 if v > 0 else -1))


def test_from_sympy_refuses_other_numbers():
    for x in (sp.exp(1), sp.Symbol("x"), sp.cbrt(2), sp.sqrt(sp.sqrt(2))):
        with pytest.raises(OutsideFastType):
            from_sympy(x)
    assert analysis.sign(sp.exp(sp.Rational(1, 3)) - 1) == 1  # the general path
    assert AlgebraicContext.sign(sp.sqrt(8) - 2 * sp.sqrt(2)) == analysis.sign(
        sp.sqrt(8) - 2 * sp.sqrt(2)) == 0


# ------------------------------------------------------------------ affine payoffs
@st.composite
def affine_payoffs(draw):
    """Sums of rationals and rational multiples of the two belief symbols."""
    mu0, mu1 = sp.symbols("mu_L mu_H")
    terms = [draw(rats) * draw(st.sampled_from([1, mu0, mu1]))
             for _ in range(draw(st.integers(1, 4)))]
    return sp.Add(*terms), mu0, mu1


@settings(max_examples=60, deadline=None, derandomize=True)
@given(affine_payoffs())
def test_affine_payoffs_convert_like_the_general_conversion(case):
    expr, mu0, mu1 = case
    fast = belief_fast.to_pw(expr, mu0, mu1, {})
    with mock.patch.object(belief_fast, "_affine", lambda *args: None):
        slow = belief_fast.to_pw(expr, mu0, mu1, {})
    assert fast == slow
    for x in (Fraction(0), Fraction(2, 7), Fraction(1)):
        assert sp.Rational(fast(x)) == expr.subs({mu0: x, mu1: 1 - x})
    assert belief_fast._affine(sp.Min(mu0, 1) + 1, mu0, mu1) is None


def _durations(point, theatre, beliefs):
    return {(t, m, d, mu): duration._design_duration(t, m, d, mu, theatre, dict(point))
            for t in pay.TYPES for m, d in CELLS for mu in beliefs}


@pytest.mark.parametrize("values,theatre", [({}, "land"), ({"V_A": 6, "sigma": "1/3"}, "sea"),
                                            ({"theta": "1/3", "omega": 2}, "land")])
def test_durations_built_without_evaluation_are_the_same_expressions(values, theatre):
    # the reciprocals of durations are built unevaluated (sympy's evaluation would return
    # them unchanged); the same expressions as with evaluation, also at an irrational belief
    point = full_point(values, theatre=theatre)
    beliefs = [*BELIEFS, *IRRATIONAL]
    fast = _durations(point, theatre, beliefs)
    with mock.patch.object(duration, "_recip", lambda x: 1 / x), \
            mock.patch.object(duration, "_root_sum", lambda x: False):
        slow = _durations(point, theatre, beliefs)
    for k, r in fast.items():
        for name in ("survival", "expected_duration", "patron_value"):
            assert sp.srepr(getattr(r, name)) == sp.srepr(getattr(slow[k], name)), (k, name)
    assert duration.logistic(sp.Rational(2, 3)) == 1 / (1 + sp.exp(sp.Rational(-2, 3)))


# ------------------------------------------------------------------ solve_rel
@st.composite
def piecewise_quadratics(draw):
    """Continuous-or-not piecewise polynomials of degree <= 2 with rational coefficients,
    built from products of linear factors so that rational and irrational roots occur."""
    q = st.fractions(min_value=-3, max_value=3, max_denominator=6)
    n = draw(st.integers(1, 3))
    cuts = sorted(set(draw(st.lists(st.fractions(min_value=0, max_value=1,
                                                 max_denominator=5), max_size=n - 1))))
    breaks = tuple([Fraction(0), *[c for c in cuts if 0 < c < 1], Fraction(1)])
    polys = []
    for _ in range(len(breaks) - 1):
        kind = draw(st.sampled_from(["lin", "roots", "irr"]))
        if kind == "lin":
            p = (draw(q), draw(q))
        elif kind == "roots":
            a, b, c = draw(q), draw(q), draw(q)   # c (x - a)(x - b)
            p = (c * a * b, -c * (a + b), c)
        else:
            p = (draw(q), draw(q), draw(q) or Fraction(1))
        polys.append(belief_fast._trim(p))
    return belief_fast.PW(breaks, tuple(polys))


@settings(max_examples=80, deadline=None, derandomize=True)
@given(piecewise_quadratics())
def test_solve_rel_agrees_with_the_sign_at_every_critical_point(f):
    ge, eq = belief_fast.solve_rel(f, "ge"), belief_fast.solve_rel(f, "eq")
    pts = set(f.breaks)
    for k, p in enumerate(f.polys):
        lo, hi = f.breaks[k], f.breaks[k + 1]
        inner = [r for r in belief_fast._proots(p) if qcmp(r, lo) > 0 and qcmp(r, hi) < 0] \
            if len(p) > 1 else []
        grid = [lo, *inner, hi]
        pts.update(inner)
        pts.update(belief_fast.rational_between(a, b) for a, b in zip(grid, grid[1:]))
    for x in pts:
        # at a break the value of the piece on its left (PW.__call__); a jump makes the
        # right piece's value another candidate, so test only where the pieces agree
        vals = {belief_fast.qsign(belief_fast._peval(p, x)) for k, p in enumerate(f.polys)
                if qcmp(f.breaks[k], x) <= 0 and qcmp(x, f.breaks[k + 1]) <= 0}
        if len(vals) != 1:
            continue
        s = vals.pop()
        assert ge.contains(x) == (s >= 0), x
        assert eq.contains(x) == (s == 0), x
