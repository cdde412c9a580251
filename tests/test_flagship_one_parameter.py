"""The flagship model with one parameter left symbolic: every equilibrium with its exact
region, decided on the whole branch region the game's assumptions describe, ends
included (issue 9: with one free parameter the result is exact), against point-wise
solving and ``verify``."""

from __future__ import annotations

import random

import pytest
import sympy as sp

from alliance_games import solve, verify
from alliance_games.alliance.model import alliance_game
from alliance_games.alliance.parameters import baseline


def _base(label: str) -> str:
    """A label without the number that tells a pattern's families apart."""
    return label.split(" #")[0]


def _ends(res, p: sp.Symbol) -> set:
    """The numbers that bound the equilibria's conditions."""
    out = set()
    for e in res:
        for r in e.condition.atoms(sp.core.relational.Relational):
            x = r.rhs if r.lhs == p else r.lhs if r.rhs == p else None
            if x is not None and x.is_number:
                out.add(x)
    return out


@pytest.mark.parametrize("name, theatre", [("pi_A", "land"), ("V_A", "land"),
                                           ("v_L", "land"), ("a", "land"),
                                           ("pi_A", "sea")])
def test_one_symbolic_parameter_is_decided_on_the_whole_branch(name, theatre):
    g = alliance_game(symbolic=[name], theatre=theatre)
    (p,) = [q for q in g.parameters if str(q) == name]
    assert g.assumptions  # (the branch conditions: the game is valid where they hold)
    res = solve(g)
    assert res.undecided is sp.false
    assert "conditions are exact" in res.notes[0]
    lo, hi = g.parameters[p]
    rng = random.Random(name)
    scale = baseline()[p] or 1
    points = [scale * sp.Rational(rng.randint(1, 1999), 1000) for _ in range(4)]
    ends = _ends(res, p)
    if ends:  # and around the ends (a branch region can be narrow); floats pick points only
        low, high = min(map(float, ends)), max(map(float, ends))
        first = sp.Rational(round((low - (high - low) / 4 - 0.1) * 100), 100)
        width = sp.Rational(round(((high - low) * 3 / 2 + 0.2) * 100), 100)
        points += [first + width * sp.Rational(rng.randint(1, 999), 1000) for _ in range(10)]
    tiny = sp.Rational(1, 10 ** 6)
    points += [x + d for x in ends if x.is_Rational for d in (0, tiny, -tiny)]
    compared = 0
    for x in points:
        if (lo is not None and x <= lo) or (hi is not None and x >= hi):
            continue
        if not all(a.subs(p, x) == sp.true for a in g.assumptions):
            assert not any(e.condition.subs(p, x) == sp.true for e in res), x
            continue
        here = [e for e in res if e.condition.subs(p, x) == sp.true]
        at = solve(g.subs({p: x}))
        assert sorted({_base(e.label) for e in here}) == \
            sorted({_base(e.label) for e in at}), x
        for e in here:
            assert verify(g, e, values={p: x}).ok, (x, e.label)
        compared += 1
    assert compared >= 3
    # quadratic irrational ends: verify there (at an end of higher degree, a CRootOf,
    # verify's exact algebra in sympy takes minutes; the solver decides it on its own)
    for x in (x for x in ends if not x.is_Rational and not x.atoms(sp.CRootOf)
              and theatre == "land"):  # (sea: ends with large radicands, minutes each)
        for e in res:
            if e.condition.subs(p, x) == sp.true:
                assert verify(g, e, values={p: x}).ok, (x, e.label)
