"""Equilibria the two-type belief engine used to miss, found by comparing it with the
simplex path (:func:`~alliance_games.solving.belief_simplex.solve_simplex_game`, which
also takes two types) on random games.

In each game below a type mixes over messages whose posterior the receiver does not pin
(a continuum), and the posteriors that make the pattern an equilibrium form a sub-interval
of the window the engine sampled at its thirds and midpoints, or one point of it: the
mixing type can be indifferent only for some posteriors (against a message answered by a
mixture, ``r`` must stay in ``(0, 1)``), or the other type's incentive cuts the window, or
an indifference equation pins one posterior while another stays free.  The engine now
refines a free posterior at the cells of its conditions
(``belief_engine._refined_posteriors``); where it still only samples (posteriors linked
along a curve, two or more free together) a pattern without an equilibrium is named in
the result's notes, never silently dropped.
"""

from __future__ import annotations

import random
from fractions import Fraction

import pytest
import sympy as sp

from alliance_games import SignallingGame, belief, solve
from alliance_games.solving.belief_engine import SAMPLED_NOTE
from alliance_games.solving.belief_payoffs import solve_belief_game
from alliance_games.solving.belief_simplex import solve_simplex_game
from alliance_games.verify import verify

A, B = belief("A"), belief("B")


def _game(prior, us, ur) -> SignallingGame:
    n_m = len(us[0])
    return SignallingGame.from_arrays(
        [sp.Rational(prior), 1 - sp.Rational(prior)], us, ur, types=["A", "B"],
        messages=[f"m{j}" for j in range(n_m)],
        actions=[[f"a{k}" for k in range(len(us[0][m]))] for m in range(n_m)])


# (prior, sender payoffs, receiver payoffs, the missed pattern), each minimised from a
# random game of the differential campaign
MISSED = [
    # A mixes; m0 (posterior in (0, 2/3)) answered by a mixture: A is indifferent for
    # x0 in (1/2, 2/3) only, above every sample point
    ("2/3", [[[0, -2 * A - 2], [0, -A - 2]], [[0, 0], [0, 0]]],
     [[[0, 0], [1, 1]], [[2, 2], [0, 0]]], "A:m0+m1 B:m0 | m0:a0+a1 m1:a1"),
    # both mix; the receiver is indifferent after m0 at every belief, so two posteriors
    # are free together (each refined in turn, the other at its samples)
    ("2/3", [[[0, -2 * A - 2], [0, -1]], [[0, -1], [0, -2 * A]]],
     [[[0, 0], [1, 0]], [[2, 2], [0, 1]]], "A:m0+m1 B:m0+m1 | m0:a0+a1 m1:a1"),
    # both mix; B's indifference pins x1 = 1/2 (not a sample point of its window), x0
    # is free
    ("2/3", [[[0, 1, -1], [0, 0, -1]], [[0, 0, 1], [0, 0, 2 - 2 * A]]],
     [[[1, 0, 1], [0, 1, 0]], [[0, 0, 0], [0, -1, 0]]], "A:m0+m1 B:m0+m1 | m0:a2 m1:a2"),
    # A mixes, B sends m1: B's incentive needs x1 <= 1/2 and the receiver x1 >= 0.43..
    ("2/3", [[[0, 1, -1], [0, 0, -1]], [[0, 0, 1], [0, 0, 2 - 2 * A]]],
     [[[1, 0, 1], [0, 0, 2 * A + 2]], [[0, 0, 0], [0, 0, -2 * B - 2]]],
     "A:m0+m1 B:m1 | m0:a2 m1:a2"),
    # B mixes; A's incentive needs x1 >= 6/7, above every sample point of (1/2, 1)
    ("1/2", [[[-2, 0], [0, -B - 1]], [[2, -1], [0, 1 - 2 * B]]],
     [[[0, 0], [0, 1]], [[-B - 1, -2], [0, 1]]], "A:m1 B:m0+m1 | m0:a0+a1 m1:a1"),
]


@pytest.mark.parametrize("prior, us, ur, label", MISSED, ids=[m[3] for m in MISSED])
@pytest.mark.parametrize("fast", [True, False], ids=["fast", "general"])
def test_the_engine_finds_the_missed_equilibrium(prior, us, ur, label, fast):
    game = _game(prior, us, ur)
    found = {e.label: e for e in solve_belief_game(game, refine=False, fast=fast)}
    assert label in found
    v = verify(game, found[label])
    assert v.ok, v.failures
    assert label in {e.label for e in solve_simplex_game(game, refine=False)}


def test_solve_reports_the_missed_equilibrium_with_its_refinements():
    prior, us, ur, label = MISSED[0]
    game = _game(prior, us, ur)
    found = {e.label: e for e in solve(game)}
    assert verify(game, found[label]).ok
    # x0 lies in (1/2, 2/3): the refinement's cell point
    assert sp.Rational(1, 2) < found[label].beliefs["m0"]["A"] < sp.Rational(2, 3)


def test_a_curve_of_posteriors_is_named_when_no_sample_is_an_equilibrium():
    """Both types mix over m0 and m1, answered purely: A is always indifferent and B's
    indifference ``-x0 - 1 = -2 x1`` links the two posteriors along a line; the receiver
    needs ``x0 <= 1/2`` and ``x1 >= 2/3``, and Bayes' rule ``x1 > 2/3``, so the equilibria
    have ``x0`` in ``(1/3, 1/2]``, which the samples miss.  The pattern is named in the
    notes as not decided (the simplex path finds it)."""
    us = [[[-1, 0], [-1, 1]], [[-A - 1, -2 * B], [-2 * A, -2]]]
    ur = [[[-2, 0], [1, -1]], [[1, -1], [-2, 2]]]
    game = _game("2/3", us, ur)
    label = "A:m0+m1 B:m0+m1 | m0:a0 m1:a0"
    res = solve_belief_game(game, refine=False)
    if label not in {e.label for e in res}:
        assert SAMPLED_NOTE.format(label) in res.notes
    sim = {e.label: e for e in solve_simplex_game(game, refine=False)}
    assert verify(game, sim[label]).ok


# ------------------------------------------------------------------ differential
def _random_game(seed: int) -> SignallingGame:
    """2 or 3 messages, 2 or 3 actions, payoffs in [-2, 2] plus ``k mu`` terms."""
    rng = random.Random(seed)
    n_m = rng.choice([2, 2, 3])
    n_a = [rng.choice([2, 2, 3]) for _ in range(n_m)]
    if n_m == 3:
        n_a = [rng.choice([2, 2, 2, 3]) for _ in range(n_m)]
    prior = rng.choice([Fraction(1, 2), Fraction(1, 3), Fraction(2, 3), Fraction(1, 4)])
    mode = rng.choice(["s", "r", "sr", "sr"])
    share = rng.choice([0.3, 0.5])

    def entry(bel):
        v = rng.randint(-2, 2)
        if bel and rng.random() < share:
            v = v + rng.choice([-2, -1, 1, 2]) * rng.choice([A, A, B])
        return v

    us = [[[entry("s" in mode) for _ in range(n_a[m])] for m in range(n_m)]
          for _ in range(2)]
    ur = [[[entry("r" in mode) for _ in range(n_a[m])] for m in range(n_m)]
          for _ in range(2)]
    return _game(prior, us, ur)


# seeds of _random_game whose two solves are quick; 45, 112 and 179 were misses
SEEDS = [0, 2, 4, 7, 9, 11, 12, 15, 16, 18, 22, 23, 25, 45, 112, 179]


@pytest.mark.parametrize("seed", SEEDS)
def test_the_two_engines_agree_on_random_games(seed):
    """Every pattern the simplex path decides is the two-type engine's (or named in its
    notes), and every equilibrium either reports passes ``verify``."""
    game = _random_game(seed)
    ref = solve_simplex_game(game, refine=False)
    got = solve_belief_game(game, refine=False)
    undecided = {n.split("pattern ", 1)[1].split(" left out")[0] for n in ref.notes
                 if n.startswith("pattern ")}
    named = {n.split("pattern ", 1)[1].split(" left out")[0] for n in got.notes
             if n.startswith("pattern ")}
    want = {e.label for e in ref}
    have = {e.label for e in got}
    assert want <= have | named, want - have - named
    for e in got:
        if e.label not in want and e.label not in undecided:
            pytest.fail(f"{e.label} found by the engine only")
    for e in list(got) + [e for e in ref if e.label not in have]:
        v = verify(game, e)
        assert v.ok, (e.label, v.failures)
