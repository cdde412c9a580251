"""One pure-sender pattern of a three-type game, solved alone (shared by test files)."""

from __future__ import annotations

import sympy as sp

from alliance_games import SignallingGame
from alliance_games.equilibrium import Equilibrium
from alliance_games.solving import belief_offpath, belief_simplex, simplex_backend

_X = sp.Symbol("x")


def off_path_at_irrational_witness(game: SignallingGame, S: tuple, B: tuple, m: int,
                                   closest_irrational: bool = True) -> Equilibrium:
    """Solve the pattern ``(S, B)`` alone and check its off-path answer after ``m``: the
    witness belief is irrational, the mixture that deters there closest to the middle
    (``strict_mixture``'s default) is irrational too (rational if not
    ``closest_irrational``; decided by its minimal polynomial), and the reported one is
    rational.  Returns the pattern's equilibrium (refinements not decided)."""
    gd = simplex_backend.simplex_game(game)
    x = next(x for S2, B2, x in belief_simplex._pure_patterns(gd, False)
             if (S2, B2) == (S, B))
    (sol,) = belief_simplex._solve_pure(gd, S, B, x)
    _, witness, mix = sol.off[m]
    assert any(sp.degree(sp.minimal_polynomial(p, _X), _X) > 1 for p in witness)
    assert all(p.is_Rational for p in mix.values())
    values = [sol.values[t] for t in range(gd.n_types)]
    closest = belief_offpath.strict_mixture(gd, m, list(B[m]), witness, values)
    irrational = any(sp.degree(sp.minimal_polynomial(p, _X), _X) > 1 for p in closest)
    assert irrational == closest_irrational
    return belief_simplex._assemble(gd, sol, False)
