"""The verifier's own exact LP (``verify_lp``, written apart from the solvers) against the
solvers' LP (``solving.lp.maximize``) on random small problems, free variables split into
two nonnegative parts for the latter: the same status and optimum, and a minimiser that
meets every row and attains it."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from alliance_games.solving.context import NUMERIC
from alliance_games.solving.lp import maximize
from alliance_games.verify_lp import Row, minimize

_COEF = st.integers(-3, 3).map(Fraction)


@st.composite
def _problems(draw):
    d = draw(st.integers(1, 4))
    rows = [Row(tuple(draw(st.lists(_COEF, min_size=d, max_size=d))),
                draw(st.sampled_from(["=", ">=", ">="])), draw(_COEF))
            for _ in range(draw(st.integers(1, 7)))]
    return tuple(draw(st.lists(_COEF, min_size=d, max_size=d))), rows


@settings(max_examples=150, deadline=None)
@given(_problems())
def test_minimize_agrees_with_the_solvers_lp(problem):
    objective, rows = problem
    got = minimize(objective, rows)

    def split(a):  # x = x+ - x-, both >= 0
        return [*a, *(-v for v in a)]
    ub = [(split([-v for v in r.coeffs]), -r.rhs) for r in rows if r.rel == ">="]
    eq = [(split(list(r.coeffs)), r.rhs) for r in rows if r.rel == "="]
    status, _, value = maximize(NUMERIC, split([-v for v in objective]), ub, eq)
    assert got.status == status, (got, status)
    if status == "optimal":
        assert got.value == -value
        x = got.point
        assert sum(a * b for a, b in zip(objective, x)) == got.value
        for r in rows:
            lhs = sum(a * b for a, b in zip(r.coeffs, x))
            assert lhs == r.rhs if r.rel == "=" else lhs >= r.rhs, (r, x)
