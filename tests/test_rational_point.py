"""``linear_points.rational_point``: a rational point of a linear system with irrational
coefficients, found on rounded rows and checked exactly.

Checked on random systems (mixtures over three or four actions, rows with coefficients
in ``Q(sqrt(2))`` or ``Q(sqrt(3))``) against the exact simplex over algebraic numbers
(:func:`.lp.interior_point`): a point it returns meets every row (each sign decided
here by ``sympy`` itself, zero first, then 50 digits), and where the system with every
row strict has a point the exact simplex finds, it finds one too (an open set holds
rational points, and its largest-slack point is far from the boundary).
"""

from __future__ import annotations

import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from alliance_games.solving.algebraic import AlgebraicContext
from alliance_games.solving.linear_points import rational_point
from alliance_games.solving.lp import LinearSystem, interior_point


def _number(data, root):
    return sp.Rational(data.draw(st.integers(-4, 4)), data.draw(st.integers(1, 3))) + \
        data.draw(st.integers(-2, 2)) * root


def _sign(e) -> int:
    e = sp.expand(e)
    if sp.simplify(e) == 0:
        return 0
    return 1 if sp.N(e, 50) > 0 else -1


@settings(max_examples=20, deadline=None)
@given(st.data())
def test_rational_point_against_the_exact_simplex(data):
    k = data.draw(st.integers(3, 4))
    root = sp.sqrt(data.draw(st.sampled_from([2, 3])))
    ge = tuple((tuple(_number(data, root) for _ in range(k)), _number(data, root))
               for _ in range(data.draw(st.integers(1, 3))))
    eq = ((tuple([sp.Integer(1)] * k), sp.Integer(1)),)
    gt = tuple((tuple(sp.Integer(int(i == j)) for j in range(k)), sp.Integer(0))
               for i in range(k))
    got = rational_point(AlgebraicContext, LinearSystem(k, eq, ge, gt))
    if got is not None:
        assert all(p.is_Rational and p > 0 for p in got)
        assert sum(got) == 1
        for a, b in ge:
            assert _sign(sp.Add(*[v * p for v, p in zip(a, got)]) - b) >= 0
    strict = interior_point(AlgebraicContext, LinearSystem(k, eq, (), ge + gt))
    if strict is not None:
        assert got is not None
