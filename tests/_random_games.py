"""Random numeric games for the solver's speed-path tests (shared by test files, and by
``benchmarks/survey_simplex.py`` and ``bench_resultants.py``)."""

from __future__ import annotations

import random
from fractions import Fraction

import sympy as sp

from alliance_games import SignallingGame, belief


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


p, q = sp.symbols("p q")
R = sp.Rational


def parametric_game(seed: int, shape: tuple[int, int, int], n_params: int):
    """A random ``shape = (types, messages, actions)`` game with payoffs in [-1, 2] (many
    ties) and one or two parameters ``p``, ``q`` in three payoff entries (``q`` possibly
    the prior); returns ``(game, rng)``, the generator to draw test points with."""
    rng = random.Random(seed)
    n_t, n_m, n_a = shape
    us = [[[rng.randint(-1, 2) for _ in range(n_a)] for _ in range(n_m)] for _ in range(n_t)]
    ur = [[[rng.randint(-1, 2) for _ in range(n_a)] for _ in range(n_m)] for _ in range(n_t)]
    params = {p: (-1, 3)}
    prior = [R(1, n_t)] * n_t
    where = rng.sample([(tab, t, m, a) for tab in (0, 1) for t in range(n_t)
                        for m in range(n_m) for a in range(n_a)], 3)
    for k, (tab, t, m, a) in enumerate(where):
        sym = p if (k < 2 or n_params == 1) else q
        (us if tab == 0 else ur)[t][m][a] = rng.choice([sym, 1 - sym, 2 * sym - 1])
    if n_params == 2:
        if rng.random() < 0.5 and n_t == 2:
            prior = [q, 1 - q]
            params[q] = (0, 1)
        else:
            params[q] = (-1, 3)
            if not any(w[0] is not None for w in where[2:]):
                us[0][0][0] = q
    game = SignallingGame.from_arrays(prior, us, ur, parameters=params)
    return game, rng


def belief_game(seed: int, n_m: int, n_a: int) -> SignallingGame:
    """A two-type game with belief-dependent payoffs: small integer payoffs, some plus a
    multiple of mu(H); prior 1/2 (the random games of ``test_belief_family``)."""
    rng = random.Random(seed)
    mu = belief("H")

    def entry():
        r, c = rng.random(), sp.Integer(rng.randint(-2, 2))
        return c + rng.choice([1, -1, 2]) * mu if r < 0.3 else c

    sender = [[[entry() for _ in range(n_a)] for _ in range(n_m)] for _ in range(2)]
    receiver = [[[entry() for _ in range(n_a)] for _ in range(n_m)] for _ in range(2)]
    return SignallingGame.from_arrays(["1/2", "1/2"], sender, receiver, types=["L", "H"])


def line_game(seed: int, n_m: int = 2, assumptions: tuple = ()) -> SignallingGame:
    """A random two-type game with ``n_m`` messages and two actions and one parameter
    ``p`` in ``(-2, 3)``: entries constant, linear in ``p``, in the belief, or ``p``
    times the belief (``test_belief_parametric``'s games, and
    ``benchmarks/bench_belief_line.py``'s); ``assumptions``: the game's, relations in
    ``p``."""
    rng = random.Random(seed)
    mu = belief("H")
    p = sp.Symbol("p")

    def entry():
        r, c = rng.random(), sp.Integer(rng.randint(-3, 3))
        if r < 0.25:
            return c + rng.choice([1, -1, 2]) * p
        if r < 0.45:
            return c + rng.choice([1, -1, 2]) * mu
        if r < 0.55:
            return c + p * mu
        return c

    sender = [[[entry() for _ in range(2)] for _ in range(n_m)] for _ in range(2)]
    receiver = [[[entry() for _ in range(2)] for _ in range(n_m)] for _ in range(2)]
    prior = rng.choice(["1/2", "1/3", "2/5"])
    return SignallingGame.from_arrays([prior, 1 - sp.Rational(prior)], sender, receiver,
                                      types=["L", "H"], parameters={p: (-2, 3)},
                                      assumptions=assumptions)


def survey_game(seed: int, shape: str = "linear", types: int = 3) -> SignallingGame:
    """``benchmarks/survey_simplex.py --shape SHAPE``'s game of this seed: three types
    (prior 1/3 each), two messages, two actions (three for ``"actions3"``); each payoff
    an integer in ``[-2, 2]``, plus with probability 0.3 a multiple of one posterior
    (``"linear"``, ``"actions3"``), or 0.2 each of one posterior or of a product of two
    (``"quadratic"``), or 0.2 each of one posterior, a product of two or of three
    (``"cubic"``); ``types=4`` is ``--types 4`` (four types, prior 1/4 each).  The
    benchmarks build their games here too (``benchmarks/_common.py``)."""
    rng = random.Random(seed)
    names = "ABCDEFGH"[:types]
    mus = [belief(n) for n in names]

    def entry():
        r, c = rng.random(), sp.Integer(rng.randint(-2, 2))
        if shape == "quadratic":
            if r < 0.2:
                return c + rng.choice([1, -1, 2]) * rng.choice(mus)
            if r < 0.4:
                return c + rng.choice([1, -1, 2]) * rng.choice(mus) * rng.choice(mus)
            return c
        if shape == "cubic":
            k = 1 if r < 0.2 else 2 if r < 0.4 else 3 if r < 0.6 else 0
            return c + rng.choice([1, -1, 2]) * sp.Mul(*[rng.choice(mus) for _ in range(k)]) \
                if k else c
        return c + rng.choice([1, -1, 2]) * rng.choice(mus) if r < 0.3 else c

    n_a = 3 if shape == "actions3" else 2
    tables = [[[[entry() for _ in range(n_a)] for _ in range(2)] for _ in range(types)]
              for _ in range(2)]
    return SignallingGame.from_arrays([sp.Rational(1, types)] * types, *tables,
                                      types=list(names))
