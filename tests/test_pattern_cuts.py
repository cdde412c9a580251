"""The support-pattern search's exact cuts lose no equilibrium (random games, ties).

* the receiver's per-message payoff bounds (:func:`patterns._bounds_feasible` with
  :func:`patterns._message_bounds_of`): every pattern they cut has no solution;
* :func:`lp._feasible_on_a_line` (two variables on a line) against the LP;
* the pruned enumeration solves to the same patterns, points and ranges as every
  pattern unpruned (small games) and as the enumeration without the new cuts (larger
  games), whose patterns it keeps in order.
"""

from __future__ import annotations

import random
from fractions import Fraction

import pytest
from _random_games import random_game

from alliance_games.solving import patterns
from alliance_games.solving.context import NUMERIC
from alliance_games.solving.lp import (
    LinearSystem,
    _feasible_on_a_line,
    feasible,
    interior_point,
)
from alliance_games.solving.patterns import (
    _bounds_feasible,
    _message_bounds_of,
    all_patterns,
    pruned_patterns,
    solve_pattern,
)
from alliance_games.solving.tables import Tables, scaled_table


def solved(tb: Tables, found) -> list:
    """Every solved pattern with its points and ranges, in order."""
    out = []
    for S, B in found:
        sol = solve_pattern(NUMERIC, tb, S, B)
        if sol is not None:
            out.append((S, B, sorted(sol.sigma.items()), sorted(sol.rho.items()),
                        sorted(sol.sigma_ranges.items()), sorted(sol.rho_ranges.items()),
                        sol.values, sorted(sol.posteriors.items())))
    return out


def action_ranges(tb: Tables) -> list:
    U = scaled_table(tb, "u")
    return [{B: tuple((min(U[t][m][a] for a in B), max(U[t][m][a] for a in B))
                      for t in range(tb.n_types))
             for B in patterns.nonempty_subsets(tb.n_actions[m])}
            for m in range(tb.n_messages)]


def bounds_hold(U, ranges, S, chosen, m: int, cache: dict) -> bool:
    bounds = _message_bounds_of(S, chosen, ranges, m, ranges[m][chosen[m]])
    return bounds is None or _bounds_feasible(NUMERIC, U, m, chosen[m], bounds, cache)


TIES = (-1, 0, 1)
BITS = (0, 1)


@pytest.mark.parametrize(("seed", "size", "values"),
                         [(s, size, values) for s in range(3)
                          for size, values in (((2, 2, 3), TIES), ((3, 2, 2), BITS),
                                               ((2, 3, 2), None), ((3, 2, 3), TIES),
                                               ((2, 2, 4), None))])
def test_bounds_cut_only_patterns_without_solution(seed, size, values):
    """Every pattern (unpruned) where some message's bounds, given every other
    message's support, fail has no solution; and the cut does fire."""
    game = random_game(seed, *size, values=values)
    tb = Tables.from_game(game, NUMERIC)
    U = scaled_table(tb, "u")
    ranges = action_ranges(tb)
    cache: dict = {}
    cut = 0
    for S, B in all_patterns(tb, pure=False):
        for m in range(tb.n_messages):
            if len(B[m]) < 2:
                continue
            bounds = _message_bounds_of(S, list(B), ranges, m, ranges[m][B[m]])
            if bounds is not None and not _bounds_feasible(NUMERIC, U, m, B[m], bounds,
                                                           cache):
                assert solve_pattern(NUMERIC, tb, S, B) is None, (S, B, m)
                cut += 1
                break
    assert cut > 0


def test_bounds_with_partial_choices_are_weaker():
    """Bounds from fewer chosen supports are implied by those from all of them: a
    message that fails with some supports unchosen fails with all chosen."""
    rng = random.Random(3)
    checked = 0
    for seed in range(12):
        game = random_game(seed, 3, 3, 3, values=TIES if seed % 2 else None)
        tb = Tables.from_game(game, NUMERIC)
        U = scaled_table(tb, "u")
        ranges = action_ranges(tb)
        cache: dict = {}
        subsets = [patterns.nonempty_subsets(k) for k in tb.n_actions]
        for _ in range(150):
            S = tuple(rng.choice(patterns.nonempty_subsets(3)) for _ in range(3))
            B = [rng.choice(sub) for sub in subsets]
            m = rng.randrange(3)
            if len(B[m]) < 2:
                continue
            partial = [b if i == m or rng.random() < 0.5 else None for i, b in enumerate(B)]
            if not bounds_hold(U, ranges, S, partial, m, cache):
                assert not bounds_hold(U, ranges, S, B, m, cache)
                checked += 1
    assert checked > 10


@pytest.mark.parametrize(("seed", "size", "values"),
                         [(s, size, values) for s in range(4)
                          for size, values in (((2, 2, 2), None), ((2, 2, 3), TIES),
                                               ((3, 2, 2), BITS), ((2, 3, 2), TIES),
                                               ((3, 2, 3), None))])
def test_pruned_same_as_every_pattern(seed, size, values):
    game = random_game(seed, *size, values=values)
    tb = Tables.from_game(game, NUMERIC)
    fast = solved(tb, pruned_patterns(NUMERIC, tb, pure=False))
    slow = solved(Tables.from_game(game, NUMERIC), all_patterns(tb, pure=False))
    assert fast == slow


@pytest.mark.parametrize(("seed", "size", "values"),
                         [(20, (3, 3, 3), TIES), (21, (3, 3, 3), None), (22, (3, 3, 3), BITS),
                          (23, (2, 4, 3), TIES), (24, (3, 3, 4), None), (25, (4, 3, 2), TIES),
                          (26, (3, 4, 2), None), (27, (4, 2, 3), BITS)])
def test_pruned_same_as_without_the_bounds(monkeypatch, seed, size, values):
    """With and without the receiver's bounds: the same solutions, and the patterns
    kept are the others' in the same order."""
    game = random_game(seed, *size, values=values)
    tb = Tables.from_game(game, NUMERIC)
    fast = list(pruned_patterns(NUMERIC, tb, pure=False))
    with monkeypatch.context() as mp:
        mp.setattr(patterns, "_BOUNDS", False)
        tb_slow = Tables.from_game(game, NUMERIC)
        slow = list(pruned_patterns(NUMERIC, tb_slow, pure=False))
    it = iter(slow)
    assert all(p in it for p in fast)  # a subsequence
    assert solved(tb, fast) == solved(tb_slow, slow)


def test_feasible_on_a_line_agrees_with_the_lp():
    """Two variables with an equality row: the closed form against the interior-point
    LP, on random rows with small entries (ties, zero coefficients, strict rows)."""
    rng = random.Random(11)
    seen = {True: 0, False: 0}
    for _ in range(3000):
        def row():
            return (tuple(Fraction(rng.randint(-3, 3), rng.choice([1, 1, 2]))
                          for _ in range(2)), Fraction(rng.randint(-3, 3), rng.choice([1, 2])))
        line = ((Fraction(rng.choice([-2, -1, 1, 1, 1, 3])), Fraction(rng.choice([-1, 1, 1, 2]))),
                Fraction(rng.randint(-2, 3)))
        eq = [line] + [row() for _ in range(rng.choice([0, 0, 1]))]
        rng.shuffle(eq)
        ge = [row() for _ in range(rng.randint(0, 3))]
        gt = [row() for _ in range(rng.randint(0, 2))]
        if rng.random() < 0.5:
            gt += [((Fraction(1), Fraction(0)), Fraction(0)),
                   ((Fraction(0), Fraction(1)), Fraction(0))]
        system = LinearSystem(2, tuple(eq), tuple(ge), tuple(gt))
        expected = interior_point(NUMERIC, system) is not None
        assert _feasible_on_a_line(system) == expected, system
        assert feasible(NUMERIC, system) == expected
        seen[expected] += 1
    assert min(seen.values()) > 300
    assert _feasible_on_a_line(LinearSystem(2, ge=(((1, 1), 1),))) is None
