"""Fast exact paths agree with slow exact references on random games (ties included).

* ``pure_profiles`` (depth-first search with integer bitmask pruning) against a brute force
  over every pure profile that checks the PBE conditions with Fractions directly;
* the full solve's pattern pruning against solving every support pattern unpruned.
"""

from __future__ import annotations

import random
from fractions import Fraction
from itertools import product

import pytest

from alliance_games import SignallingGame, solve
from alliance_games.solving.context import NUMERIC
from alliance_games.solving.pure import pure_profiles
from alliance_games.solving.tables import Tables, br_point


def random_game(seed: int, n_t: int, n_m: int, n_a: int, spread: int,
                fractions: bool = False) -> SignallingGame:
    rng = random.Random(seed)
    weights = [rng.randint(1, 4) for _ in range(n_t)]
    prior = [Fraction(w, sum(weights)) for w in weights]

    def num():
        x = rng.randint(-spread, spread)
        return Fraction(x, rng.choice([1, 2, 3])) if fractions else x

    def table():
        return [[[num() for _ in range(n_a)] for _ in range(n_m)] for _ in range(n_t)]

    return SignallingGame.from_arrays(prior, table(), table())


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
