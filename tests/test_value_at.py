"""``numbers.value_at``: the value of a condition or ``Piecewise`` at a point, argument by
argument, against sympy's whole ``xreplace`` (which it must equal)."""

from __future__ import annotations

import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from alliance_games.numbers import value_at

p, q, mu = sp.symbols("p q mu")
# points on and next to the atoms' boundaries (0, 1/2, 1, 2), and mu left free sometimes
VALUES = [sp.Integer(0), sp.Rational(1, 2), sp.Integer(1), sp.Integer(2),
          sp.Rational(1, 2) + sp.Rational(1, 10**6), sp.Rational(1, 2) - sp.Rational(1, 10**6)]


def _atoms():
    lin = st.builds(lambda a, b, c: a * p + b * q + c * mu - sp.Rational(1, 2),
                    st.integers(-2, 2), st.integers(-2, 2), st.integers(0, 1))
    rel = st.sampled_from([sp.StrictGreaterThan, sp.GreaterThan, sp.Eq, sp.Ne])
    return st.builds(lambda e, r: r(e, 0), lin, rel)


def _conditions():
    return st.recursive(
        _atoms(),
        lambda inner: st.one_of(
            st.builds(lambda xs: sp.And(*xs), st.lists(inner, min_size=1, max_size=3)),
            st.builds(lambda xs: sp.Or(*xs), st.lists(inner, min_size=1, max_size=3)),
            st.builds(sp.Not, inner)),
        max_leaves=8)


def _expressions():
    leaf = st.sampled_from([p, q, p * q - 1, mu + p, sp.Integer(3)])
    return st.builds(
        lambda pieces, last: sp.Piecewise(*pieces, (last, True)),
        st.lists(st.tuples(leaf, _conditions()), min_size=1, max_size=3), leaf)


@settings(max_examples=200, deadline=None)
@given(st.one_of(_conditions(), _expressions()),
       st.sampled_from(VALUES), st.sampled_from(VALUES),
       st.one_of(st.none(), st.sampled_from(VALUES)))
def test_value_at_equals_the_whole_substitution(expr, x, y, z):
    point = {p: x, q: y} if z is None else {p: x, q: y, mu: z}
    got, want = value_at(expr, point), expr.xreplace(point)
    if got in (sp.true, sp.false) or want in (sp.true, sp.false) or not got.free_symbols:
        assert got == want, (expr, point, got, want)
    else:  # a condition left with mu free: the same set of mu
        for m in VALUES:
            assert got.xreplace({mu: m}) == want.xreplace({mu: m}), (expr, point, m)
