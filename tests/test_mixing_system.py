"""The indifference conditions of sender-mixing patterns (``simplex_mixing._mixing_system``,
built in a polynomial ring) against the same conditions written out with sympy: the
Bayes posterior substituted into each payoff difference, times the powers of the weights'
sums that clear its denominators, simplified by ``cancel``."""

from __future__ import annotations

from itertools import islice

import pytest
import sympy as sp
from _random_games import survey_game

from alliance_games.solving import simplex_backend, simplex_mixing


def _degree(f, syms) -> int:
    f = sp.sympify(f)
    return sp.Poly(f, *syms).total_degree() if f.free_symbols & set(syms) else 0


def _reference(gd, S, B, rho, weights) -> list:
    """The receiver's indifferences at each on-path message, then each mixing type's,
    as ``_mixing_system`` orders them (those identically 0 left out)."""
    syms = gd.game.belief_symbols
    total = {m: sp.Add(*ws) for m, ws in weights.items()}
    post = {m: {x: w / total[m] for x, w in zip(syms, ws)} for m, ws in weights.items()}
    out = []
    for m in weights:
        for b in B[m][1:]:
            f = gd.expected[m][B[m][0]] - gd.expected[m][b]
            out.append(sp.sympify(f).xreplace(post[m]) * total[m] ** _degree(f, syms))

    def pay(t, m):
        value = sum(rho[(m, a)] * sp.sympify(gd.u[t][m][a]).xreplace(post[m]) for a in B[m])
        return value, total[m] ** max(_degree(gd.u[t][m][a], syms) for a in B[m])

    for t in range(gd.n_types):
        p0, d0 = pay(t, S[t][0])
        for m in S[t][1:]:
            p1, d1 = pay(t, m)
            out.append((p0 - p1) * d0 * d1)
    out = [sp.expand(sp.cancel(e)) for e in out]
    return [e for e in out if e != 0]


@pytest.mark.parametrize("seed, shape, types, patterns", [
    (0, "linear", 3, 40), (3, "quadratic", 3, 40), (5, "actions3", 3, 30),
    (7, "linear", 4, 30), (20, "linear", 5, 12)])
def test_the_ring_builds_the_conditions_written_out(seed, shape, types, patterns):
    """The first mixing patterns of survey games of each shape (three to five types,
    payoffs linear or quadratic in the posterior, three receiver actions): the same
    polynomials, in the same order."""
    gd = simplex_backend.simplex_game(survey_game(seed, shape, types))
    checked = 0
    for S, B in islice(simplex_mixing.mixing_patterns(gd), patterns):
        eqs, _, _, _, _, rho, weights = simplex_mixing._mixing_system(gd, S, B)
        want = _reference(gd, S, B, rho, weights)
        assert len(eqs) == len(want), (S, B)
        assert all(sp.expand(a - b) == 0 for a, b in zip(eqs, want)), (S, B)
        checked += 1
    assert checked == patterns
