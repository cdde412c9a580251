"""``simplex_systems._eliminate`` (a block elimination order, then FGLM where the
elimination ideal is zero-dimensional) against lex in every unknown, as it was computed
before: on random systems of two or three equations, each linear in one receiver
probability with coefficients of degree at most 1 in two sender probabilities (the
indifferences' shape), plus a sender-only quadratic, the kind of answer and the reduced
lex basis of the elimination ideal (each element made monic) agree."""

from __future__ import annotations

import sympy as sp
from hypothesis import event, given, settings
from hypothesis import strategies as st

from alliance_games.solving.simplex_systems import _eliminate, _fixed_others

R, S0, S1 = sp.symbols("r s0 s1")
SIG = [S0, S1]
LINEAR = (sp.Integer(1), S0, S1)


def _reference(eqs: list, sig: list, others: list) -> tuple:
    if not eqs:
        return "free", []
    G = sp.groebner(eqs, *others, *sig, order="lex")
    if list(G.exprs) == [1]:
        return "none", None
    elim = [g for g in G.exprs if g.free_symbols <= set(sig)]
    if not elim:
        return "free", []
    G2 = sp.groebner(elim, *sig, order="lex")
    return ("points" if G2.is_zero_dimensional else "free"), list(G2.exprs)


def _monic(basis: list | None, sig: list):
    if basis is None:
        return None
    return sorted(str(sp.Poly(g, *sig).monic().as_expr()) for g in basis)


_small = st.integers(-3, 3)


@st.composite
def _systems(draw):
    eqs = []
    for _ in range(draw(st.integers(2, 3))):
        a = draw(st.lists(_small, min_size=3, max_size=3))
        b = draw(st.lists(_small, min_size=3, max_size=3))
        eqs.append(sp.expand(R * sum(c * m for c, m in zip(a, LINEAR))
                             + sum(c * m for c, m in zip(b, LINEAR))))
    if draw(st.booleans()):
        q = draw(st.lists(_small, min_size=3, max_size=3))
        eqs.append(sp.expand(q[0] * S0**2 + q[1] * S0 * S1 + q[2] - S1))
    return [e for e in eqs if e.free_symbols]


@settings(max_examples=60, deadline=None)
@given(_systems())
def test_the_block_order_and_fglm_give_the_lex_answer(eqs):
    got = _eliminate(list(eqs), SIG, [R])
    reduced, rest = _fixed_others(list(eqs), SIG, [R])
    want = _reference(reduced, SIG, rest)
    event(got[0])
    assert got[0] == want[0]
    assert _monic(got[1], SIG) == _monic(want[1], SIG)
