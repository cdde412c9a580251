"""Fast exact paths agree with slow exact references on random games (ties included).

* ``pure_profiles`` (depth-first search with integer bitmask pruning) against a brute force
  over every pure profile that checks the PBE conditions with Fractions directly;
* the full solve's pattern pruning against solving every support pattern unpruned;
* the parametric solve's necessary conditions per part of a pattern
  (``viable_patterns``) against the same, at numeric points.
"""

from __future__ import annotations

import random
from fractions import Fraction
from itertools import product

import pytest
from _random_games import ragged_game

from alliance_games import SignallingGame, solve
from alliance_games.solving.context import NUMERIC
from alliance_games.solving.lp import feasible, interior_point
from alliance_games.solving.patterns import (
    _one_type_can_mix,
    _sender_mixing,
    all_patterns,
    nonempty_subsets,
    part_holds,
    pruned_patterns,
    solve_pattern,
    viable_patterns,
)
from alliance_games.solving.pure import pure_profiles
from alliance_games.solving.tables import Tables, br_point


def random_game(seed: int, n_t: int, n_m: int, n_a: int, spread: int,
                fractions: bool = False) -> SignallingGame:
    return ragged_game(seed, n_t, (n_a,) * n_m, spread, fractions, named=False)


def brute_pure(tb: Tables) -> list[tuple]:
    """Every pure PBE, checked profile by profile in exact rationals."""
    n_t, n_m = tb.n_types, tb.n_messages
    everyone = tuple(range(n_t))
    out = []
    for s in product(range(n_m), repeat=n_t):
        for r in product(*(range(k) for k in tb.n_actions)):
            value = [tb.u[t][s[t]][r[s[t]]] for t in range(n_t)]
            if any(tb.u[t][m][r[m]] > value[t] for t in range(n_t) for m in range(n_m)):
                continue
            ok = True
            for m in range(n_m):
                senders = [t for t in range(n_t) if s[t] == m]
                if senders:
                    w = [sum(tb.prior[t] * tb.v[t][m][a] for t in senders)
                         for a in range(tb.n_actions[m])]
                    ok = w[r[m]] == max(w)
                else:
                    ok = br_point(NUMERIC, tb, m, (r[m],), everyone) is not None
                if not ok:
                    break
            if ok:
                out.append((s, r))
    return sorted(out)


CASES = [(seed, *random.Random(1000 + seed).choice(
    [(1, 3, 2), (2, 2, 2), (3, 2, 3), (2, 3, 3), (3, 3, 2), (4, 2, 2), (2, 4, 2)]))
    for seed in range(60)]


@pytest.mark.parametrize(("seed", "n_t", "n_m", "n_a"), CASES)
def test_pure_profiles_match_brute_force(seed, n_t, n_m, n_a):
    spread = (1, 2, 5)[seed % 3]  # a narrow range makes ties (indifferences) common
    game = random_game(seed, n_t, n_m, n_a, spread, fractions=seed % 4 == 3)
    tb = Tables.from_game(game, NUMERIC)
    assert sorted(pure_profiles(tb)) == brute_pure(tb)


def test_pure_solve_matches_brute_force_on_all_zero_game():
    game = SignallingGame.from_arrays([Fraction(1, 3), Fraction(2, 3)],
                                      [[[0, 0]] * 2] * 2, [[[0, 0]] * 2] * 2)
    tb = Tables.from_game(game, NUMERIC)
    assert sorted(pure_profiles(tb)) == brute_pure(tb)
    assert len(solve(game, pure=True, refine=False)) == 2 ** 2 * 2 ** 2


# ------------------------------------------------------------------ full solve pruning
def _labels_and_points(tb, patterns):
    out = []
    for S, B in patterns:
        sol = solve_pattern(NUMERIC, tb, S, B)
        if sol is not None:
            out.append((S, B, sorted(sol.sigma.items()), sorted(sol.rho.items()),
                        sorted(sol.sigma_ranges.items()), sorted(sol.rho_ranges.items())))
    return out


FULL_CASES = [(seed, *random.Random(2000 + seed).choice(
    [(2, 2, 2), (2, 3, 2), (3, 2, 2), (2, 2, 3), (3, 2, 3)])) for seed in range(24)]


@pytest.mark.parametrize(("seed", "n_t", "n_m", "n_a"), FULL_CASES)
def test_pruned_patterns_lose_no_equilibrium(seed, n_t, n_m, n_a):
    """Pruning (payoff ranges, sender mixing per block) against every pattern unpruned:
    the same solved patterns, in the same order, with the same points and ranges."""
    game = random_game(seed, n_t, n_m, n_a, (1, 2, 4)[seed % 3], fractions=seed % 5 == 4)
    tb = Tables.from_game(game, NUMERIC)
    fast = _labels_and_points(tb, pruned_patterns(NUMERIC, tb, pure=False))
    slow = _labels_and_points(Tables.from_game(game, NUMERIC), all_patterns(tb, pure=False))
    assert fast == slow


@pytest.mark.parametrize(("seed", "n_t", "n_m", "n_a"), FULL_CASES)
def test_viable_patterns_keep_every_solved_pattern(seed, n_t, n_m, n_a):
    """The parts' necessary conditions (what the parametric solve asks on each branch
    and at each critical point) pass every pattern that has a solution, in the order
    of all patterns, each part asked once; with strict beliefs on the senders (positive
    priors) and without."""
    game = random_game(seed, n_t, n_m, n_a, (1, 2, 4)[seed % 3], fractions=seed % 5 == 4)
    tb = Tables.from_game(game, NUMERIC)
    assert all(x > 0 for x in tb.prior)
    for pure in (True, False):
        every = list(all_patterns(tb, pure))
        solved = {pt for pt in every if solve_pattern(NUMERIC, tb, *pt) is not None}
        for positive in ((True,) * n_t, (False,) * n_t):
            asked: list = []

            def holds(part, asked=asked):
                asked.append(part)
                return part_holds(NUMERIC, tb, part)

            kept = list(viable_patterns(tb, pure, positive, holds))
            assert solved <= set(kept)
            assert kept == [pt for pt in every if pt in set(kept)]
            assert len(asked) == len(set(asked))


def _random_sender_systems(count: int):
    rng = random.Random(7)
    while count:
        n_t, n_m, n_a = rng.randint(2, 4), rng.randint(2, 3), rng.randint(1, 3)
        game = random_game(rng.randint(0, 10**6), n_t, n_m, n_a, rng.choice([1, 2, 5]))
        tb = Tables.from_game(game, NUMERIC)
        S = tuple(rng.choice(nonempty_subsets(n_m)) for _ in range(n_t))
        B = tuple(rng.choice(nonempty_subsets(n_a)) for _ in range(n_m))
        on = sorted({m for s in S for m in s})
        s_vars = [(t, m) for t in range(n_t) if len(S[t]) > 1 for m in S[t]]
        system = _sender_mixing(NUMERIC, tb, S, B, on, s_vars)
        if system is not None:
            count -= 1
            yield tb, S, B, system


def test_feasible_and_one_type_shortcut_agree_with_the_lp():
    both = 0
    for tb, S, B, system in _random_sender_systems(400):
        expected = interior_point(NUMERIC, system) is not None
        assert feasible(NUMERIC, system) == expected
        mixing = [t for t, s in enumerate(S) if len(s) > 1]
        if len(mixing) == 1:
            assert _one_type_can_mix(tb, S, B, mixing[0]) == expected
            both += expected
    assert both > 10  # the shortcut was seen to accept, not only to reject


@pytest.mark.parametrize(("v_t0_m1", "B1", "expected"), [
    ([0, 2], (0, 1), True),   # sigma pinned to 1/2 at both messages: sums to one
    ([0, 3], (0, 1), False),  # pinned to 1/2 and 1/3
    ([0, 2], (0,), True),     # pinned to 1/2, at most 1/2: the bounds sum to exactly one
    ([0, 3], (0,), False),    # pinned to 1/2, at most 1/3
])
def test_one_type_shortcut_on_boundaries(v_t0_m1, B1, expected):
    """Type t0 mixes over m0 and m1; t1 alone sends m0 and t2 alone sends m1."""
    third = Fraction(1, 3)
    zeros = [[0, 0], [0, 0]]
    receiver = [[[0, 2], v_t0_m1], [[1, 0], [0, 0]], [[0, 0], [1, 0]]]
    game = SignallingGame.from_arrays([third] * 3, [zeros] * 3, receiver)
    tb = Tables.from_game(game, NUMERIC)
    S, B = ((0, 1), (0,), (1,)), ((0, 1), B1)
    system = _sender_mixing(NUMERIC, tb, S, B, [0, 1], [(0, 0), (0, 1)])
    assert (interior_point(NUMERIC, system) is not None) == expected
    assert feasible(NUMERIC, system) == expected
    assert _one_type_can_mix(tb, S, B, 0) == expected
