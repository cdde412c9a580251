"""The fraction-free parametric simplex (polylp) against the generic field simplex and
against exact numeric solves at points.

Random parametric LPs (entries polynomials and rational functions of one or two
parameters, with zero, repeated and proportional rows so that degenerate tableaux and
ties in the ratio test are common) are explored over the parameter box twice: with
``lp.maximize`` (the fraction-free method) and with ``lp.maximize_field`` (the generic
one).  Both must ask the same sign questions, so the leaves (conditions and results)
must be identical.  Each leaf is also checked at rational points where its condition
holds: the numeric simplex there must give the same status and value, and the point
returned must be feasible there.
"""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy as sp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alliance_games.solving import lp, polylp
from alliance_games.solving.context import (
    NUMERIC,
    FieldContext,
    ParameterBox,
    PointOracle,
    explore,
    field_for,
    to_expr,
)

p, c = sp.symbols("p c")
R = sp.Rational

ENTRIES_1 = [0, 0, 1, -1, 2, R(1, 2), p, -p, 1 - p, 2 * p - 1, 3 * p - 1, p**2 - R(1, 4),
             1 / (1 + p), p / (2 - p)]
ENTRIES_2 = ENTRIES_1 + [c, 1 - c, p - c, p * c, 2 * c - 1, c / (1 + p)]


class _Space:
    def __init__(self, params):
        self.parameters = {q: (0, 1) for q in params}
        self.free_parameters = set(params)
        self.assumptions = ()


@st.composite
def systems(draw, params):
    """``(c, ub, eq)`` with sympy entries: up to 3 variables, 1-3 ``<=`` rows and 0-2
    equality rows; rows are sometimes copies or multiples of earlier rows."""
    pool = ENTRIES_1 if len(params) == 1 else ENTRIES_2
    entry = st.sampled_from(pool)
    n = draw(st.integers(1, 3))
    rows = []
    for _ in range(draw(st.integers(1, 4))):
        if rows and draw(st.integers(0, 4)) == 0:  # a repeated or scaled row
            a, b = draw(st.sampled_from(rows))
            k = draw(st.sampled_from([1, 2, R(1, 3)]))
            rows.append(([k * x for x in a], k * b))
        else:
            rows.append(([draw(entry) for _ in range(n)], draw(entry)))
    n_eq = draw(st.integers(0, min(2, len(rows) - 1)))
    cost = [draw(st.sampled_from([0, 1, -1, 2])) for _ in range(n)]
    return cost, rows[n_eq:], rows[:n_eq]


def _coerced(ctx, system):
    cost, ub, eq = system
    conv = [ctx.coerce(x) for x in cost]
    return (conv, [([ctx.coerce(x) for x in a], ctx.coerce(b)) for a, b in ub],
            [([ctx.coerce(x) for x in a], ctx.coerce(b)) for a, b in eq])


def _runner(system, method):
    def run(ctx):
        cost, ub, eq = _coerced(ctx, system)
        status, x, value = method(ctx, cost, ub, eq)
        return status, None if x is None else tuple(to_expr(v) for v in x), \
            None if value is None else to_expr(value)
    return run


def _explore(system, params, method, samples=150):
    box = ParameterBox.from_game(_Space(params), samples=samples, seed=1)
    return explore(_runner(system, method), box, field=field_for(params))


def _leaves(leaves):
    return sorted((str(leaf.condition), str(leaf.result)) for leaf in leaves)


def _holds(condition, point) -> bool | None:
    """Whether the condition holds at the point; None on a boundary (an atom is 0)."""
    rels = condition.args if isinstance(condition, sp.And) else (condition,)
    for r in rels:
        if r is sp.true:
            continue
        if (r.lhs - r.rhs).xreplace(point) == 0 and not isinstance(r, sp.Eq):
            return None
    return bool(condition.xreplace(point))


def _numeric(system, point):
    cost, ub, eq = system

    def num(x):
        v = sp.nsimplify(sp.sympify(x).xreplace(point))
        return Fraction(int(v.p), int(v.q))

    return ([num(x) for x in cost], [([num(x) for x in a], num(b)) for a, b in ub],
            [([num(x) for x in a], num(b)) for a, b in eq])


def _check_points(leaves, system, params, points):
    for values in points:
        point = dict(zip(params, values))
        holding = [lf for lf in leaves if _holds(lf.condition, point)]
        if any(_holds(lf.condition, point) is None for lf in leaves):
            continue  # on a boundary: not explored by the sample-point oracle
        assert len(holding) <= 1
        if not holding:
            continue  # a region too thin for the sample cloud
        status, x, value = holding[0].result
        cost, ub, eq = _numeric(system, point)
        want = lp.maximize(NUMERIC, cost, ub, eq)
        assert status == want[0]
        if status != "optimal":
            continue
        assert value.xreplace(point) == sp.Rational(want[2].numerator, want[2].denominator)
        xs = [v.xreplace(point) for v in x]
        assert all(v >= 0 for v in xs)
        for a, b in ub:
            assert sum(R(ai.numerator, ai.denominator) * v for ai, v in zip(a, xs)) \
                <= R(b.numerator, b.denominator)
        for a, b in eq:
            assert sum(R(ai.numerator, ai.denominator) * v for ai, v in zip(a, xs)) \
                == R(b.numerator, b.denominator)


_POINTS_1 = [(R(1, 7),), (R(2, 7),), (R(3, 7),), (R(4, 7),), (R(5, 7),), (R(6, 7),),
             (R(13, 29),)]
_POINTS_2 = [(R(1, 7), R(5, 11)), (R(3, 7), R(2, 11)), (R(5, 7), R(9, 11)),
             (R(6, 7), R(3, 11)), (R(13, 29), R(17, 31))]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(systems((p,)))
def test_same_leaves_as_generic_one_parameter(system):
    new = _explore(system, (p,), lp.maximize)
    old = _explore(system, (p,), lp.maximize_field)
    assert _leaves(new) == _leaves(old)
    _check_points(new, system, (p,), _POINTS_1)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(systems((p, c)))
def test_same_leaves_as_generic_two_parameters(system):
    new = _explore(system, (p, c), lp.maximize)
    old = _explore(system, (p, c), lp.maximize_field)
    assert _leaves(new) == _leaves(old)
    _check_points(new, system, (p, c), _POINTS_2)


def test_degenerate_tableau_at_a_boundary_point():
    """At p = 1/2 the rows below are proportional and the ratio test ties: an exact
    point oracle there, and branches on both sides, agree with the generic method."""
    system = ([1, 1], [([2 * p - 1, 1], 1), ([4 * p - 2, 2], 2), ([1, p], R(1, 2))],
              [([1, 1 - p], 2 * p)])
    assert _leaves(_explore(system, (p,), lp.maximize)) == \
        _leaves(_explore(system, (p,), lp.maximize_field))
    field = field_for((p,))
    for x in (R(1, 2), R(1, 3), R(3, 4)):
        results = []
        for method in (lp.maximize, lp.maximize_field):
            ctx = FieldContext(PointOracle((p,), {p: x}), field)
            cost, ub, eq = _coerced(ctx, system)
            status, xs, value = method(ctx, cost, ub, eq)
            results.append((status, None if value is None else to_expr(value).subs(p, x)))
        want = lp.maximize(NUMERIC, *_numeric(system, {p: x}))
        assert results[0] == results[1]
        assert results[0][0] == want[0]
        if want[0] == "optimal":
            assert results[0][1] == R(want[2].numerator, want[2].denominator)


@pytest.mark.parametrize("system", [
    ([1, 1], [], [([0, 0], 0)]),  # the only row is redundant: no row is left
    ([1, -1], [([1, 1], 1)], [([0, 0], 0), ([2 * p - 1, 1 - 2 * p], 0)]),
    ([0, 1], [([p, 1], 0)], [([1, 1], 0)]),  # degenerate: the optimum at the origin
    ([1, 0], [([-1, 1], -p)], []),  # unbounded
])
def test_redundant_and_degenerate_rows(system):
    assert _leaves(_explore(system, (p,), lp.maximize)) == \
        _leaves(_explore(system, (p,), lp.maximize_field))


def test_tableaux_are_shared_between_runs(monkeypatch):
    """Runs that fork inside a problem reuse the pivots made before the fork: fewer
    tableaux are computed than pivots are made, and the leaves are those of the generic
    method."""
    system = ([1, 0, 1], [([1, p, 1], 1), ([2 * p - 1, 1, 3 * p - 1], R(1, 2)),
                          ([1 - p, 2, p], 2)], [([1, 1, 1], 1)])
    box = ParameterBox.from_game(_Space((p,)), samples=100, seed=1)  # as _explore's
    made, computed = [], []
    original = polylp._Tableau.pivoted

    def counting(self, r, j):
        made.append(1)
        if ("pivot", r, j) not in self.after:
            computed.append(1)
        return original(self, r, j)

    monkeypatch.setattr(polylp._Tableau, "pivoted", counting)
    leaves = explore(_runner(system, lp.maximize), box, field=field_for((p,)))
    assert len(leaves) > 1  # the problem forks
    assert 0 < len(computed) < len(made)
    monkeypatch.undo()
    assert _leaves(leaves) == _leaves(_explore(system, (p,), lp.maximize_field, samples=100))


def test_falls_back_for_non_field_values():
    """Values outside the context's field (or a non-integral objective) go to the
    generic method."""
    field = field_for((p,))
    ctx = FieldContext(PointOracle((p,), {p: R(1, 3)}), field)
    one = field.one
    assert polylp.maximize_poly(ctx, [one / 3], [([one], one)], []) is None
    assert polylp.maximize_poly(ctx, [one], [([sp.Integer(1)], one)], []) is None
    assert lp.maximize(ctx, [one / 3], [([one], one)], [])[2] == one / 3
