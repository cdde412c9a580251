"""Off-path belief sets built lazily give the same answers as built eagerly.

The sympy ``constraints`` of a numeric game's off-path belief set are built on first read
(:class:`~alliance_games.solving.assemble.LazyBeliefSet`).  These tests check that they
are the constraints of the receiver's best-response system built eagerly, that the set
still verifies, pickles as a plain :class:`~alliance_games.beliefs.BeliefSet` and works
with ``dataclasses.replace``.
"""

from __future__ import annotations

import pickle
import random
import warnings
from dataclasses import replace
from fractions import Fraction

import pytest
import sympy as sp

from alliance_games import SignallingGame, solve, verify
from alliance_games.beliefs import BeliefSet
from alliance_games.solving.assemble import Deferred, LazyBeliefSet, belief_constraints
from alliance_games.solving.context import NUMERIC
from alliance_games.solving.tables import Tables, br_system


def random_game(seed: int, n_t: int, n_m: int, n_a: int) -> SignallingGame:
    rng = random.Random(seed)
    weights = [rng.randint(1, 4) for _ in range(n_t)]
    prior = [Fraction(w, sum(weights)) for w in weights]

    def table():
        return [[[Fraction(rng.randint(-4, 4), rng.choice([1, 2])) for _ in range(n_a)]
                 for _ in range(n_m)] for _ in range(n_t)]

    return SignallingGame.from_arrays(prior, table(), table())


def off_path_sets(game: SignallingGame, pure: bool):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = solve(game, pure=pure, progress=False)
    for eq in result:
        for m, b in eq.beliefs.items():
            if m not in eq.on_path:
                yield eq, m, b


CASES = [(size, pure) for size in ((2, 2, 2), (3, 3, 3), (2, 3, 3)) for pure in (True, False)]


@pytest.mark.parametrize(("size", "pure"), CASES)
def test_lazy_constraints_are_the_eager_ones(size, pure):
    seen = 0
    for seed in range(6):
        game = random_game(seed, *size)
        tb = Tables.from_game(game, NUMERIC)
        everyone = tuple(range(len(game.types)))
        for eq, m, b in off_path_sets(game, pure):
            assert isinstance(b, LazyBeliefSet)
            i = game.messages.index(m)
            support = tuple(a for a, label in enumerate(game.actions[i])
                            if eq.receiver[m][label] != 0)
            expected = belief_constraints(game, br_system(NUMERIC, tb, i, support, everyone))
            assert b.constraints == expected
            assert b.constraints is b.constraints  # built once
            seen += 1
    assert seen, "no off-path message: the test checks nothing"


@pytest.mark.parametrize("size", [(2, 2, 2), (3, 3, 3)])
def test_lazy_sets_verify_pickle_and_replace(size):
    checked = 0
    for seed in range(6):
        game = random_game(seed, *size)
        for eq, m, b in off_path_sets(game, pure=True):
            fresh = isinstance(b.__dict__.get("_constraints"), Deferred)
            text = str(b)
            if fresh:  # printing does not build the constraints
                assert isinstance(b.__dict__["_constraints"], Deferred)
            back = pickle.loads(pickle.dumps(eq))
            copy = back.beliefs[m]
            assert type(copy) is BeliefSet
            assert str(copy) == text and copy.constraints == b.constraints
            assert copy.vertices == b.vertices and copy.point == b.point
            assert verify(game, eq).ok and verify(game, back).ok
            mu = game.belief_symbols[0]
            cut = replace(b, constraints=(mu >= 2,), _lazy={})
            assert cut.constraints == (mu >= 2,) and cut.point == b.point
            assert not cut.contains(b.point)
            checked += fresh
    assert checked, "no belief set was still lazy: the test checks nothing"


def test_symbolic_games_build_constraints_eagerly():
    p = sp.Symbol("p", positive=True)
    game = SignallingGame.from_arrays([Fraction(1, 2), Fraction(1, 2)],
                                      [[[1, 0], [0, p]], [[0, 1], [p, 0]]],
                                      [[[1, 0], [0, 1]], [[0, 1], [1, 0]]],
                                      parameters={p: (0, 2)})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = solve(game, pure=True, progress=False)
    sets = [b for eq in result for m, b in eq.beliefs.items() if m not in eq.on_path]
    assert sets and all(not isinstance(b.__dict__.get("_constraints"), Deferred)
                        for b in sets)
