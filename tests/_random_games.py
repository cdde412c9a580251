"""Random numeric games for the solver's speed-path tests (shared by test files)."""

from __future__ import annotations

import random
from fractions import Fraction

from alliance_games import SignallingGame


def random_game(seed: int, n_t: int, n_m: int, n_a: int, values=None) -> SignallingGame:
    """Payoffs drawn from ``values`` (ties) or integers in [-6, 6] and some halves."""
    rng = random.Random(seed)
    weights = [rng.randint(1, 4) for _ in range(n_t)]
    prior = [Fraction(w, sum(weights)) for w in weights]

    def num():
        if values is not None:
            return rng.choice(values)
        return Fraction(rng.randint(-6, 6), rng.choice([1, 1, 2]))

    def table():
        return [[[num() for _ in range(n_a)] for _ in range(n_m)] for _ in range(n_t)]

    return SignallingGame.from_arrays(prior, table(), table())


def ragged_game(seed: int, n_t: int, n_a: tuple[int, ...], spread: int,
                fractions: bool = False, named: bool = True) -> SignallingGame:
    """A random game whose message ``m`` has ``n_a[m]`` actions (named ``a{m}_{a}``
    unless ``named`` is False: the default labels), payoffs integers in
    ``[-spread, spread]`` (divided by 1, 2 or 3 with ``fractions``)."""
    rng = random.Random(seed)
    weights = [rng.randint(1, 4) for _ in range(n_t)]
    prior = [Fraction(w, sum(weights)) for w in weights]

    def num():
        x = rng.randint(-spread, spread)
        return Fraction(x, rng.choice([1, 2, 3])) if fractions else x

    def table():
        return [[[num() for _ in range(k)] for k in n_a] for _ in range(n_t)]

    if not named:
        return SignallingGame.from_arrays(prior, table(), table())
    actions = [[f"a{m}_{a}" for a in range(k)] for m, k in enumerate(n_a)]
    return SignallingGame.from_arrays(prior, table(), table(), actions=actions)
