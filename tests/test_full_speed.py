"""The full solve's speed-ups change no answer (differential tests, exact).

The fast paths of ``solve`` (numeric games, every PBE) are compared, field by field and in
order, with slower references on seeded random games from 2x2x2 to 3x3x4, many of them
degenerate (payoffs in {-1, 0, 1} or {0, 1}, so ties and continua are common):

* small games: against every support pattern solved without any pruning;
* larger games: against the same solve with the cuts that only save time switched off
  (``patterns._CUTS``), so that the enumeration is the one before them;
* in both references every family's ranges come from a separate cold LP per bound
  (:func:`~alliance_games.solving.lp.maximize`), not from the warm-started, cached ones;
* every reported equilibrium passes :func:`~alliance_games.verify.verify`.

Family constraints are built lazily (on first read); they are compared after being read,
and a lazy family pickles as a plain :class:`~alliance_games.equilibrium.Family`.
"""

from __future__ import annotations

import importlib
import pickle
import random
import warnings
from fractions import Fraction

import pytest
import sympy as sp
from _random_games import random_game

from alliance_games import Family, SignallingGame, solve, verify
from alliance_games.solving import patterns
from alliance_games.solving.context import NUMERIC
from alliance_games.solving.intlp import can_be_positive, ranges_int
from alliance_games.solving.lp import (
    LinearSystem,
    feasible,
    interior_point,
    maximize,
    variable_ranges,
)
from alliance_games.solving.patterns import all_patterns
from alliance_games.solving.tables import Tables

# the module (the package re-exports the function ``solve`` under the same name)
solve_module = importlib.import_module("alliance_games.solving.solve")


def cold_ranges(ctx, tb, system: LinearSystem) -> list:
    """Every variable's range, one cold two-phase LP per bound (the reference)."""
    out = []
    closed_ub = [([-x for x in a], -b) for a, b in system.ge + system.gt]
    eq = [(list(a), b) for a, b in system.eq]
    for j in range(system.n):
        c = [Fraction(0)] * system.n
        c[j] = Fraction(1)
        _, _, hi = maximize(NUMERIC, c, closed_ub, eq)
        c[j] = Fraction(-1)
        _, _, lo = maximize(NUMERIC, c, closed_ub, eq)
        out.append((-lo, hi))
    return out


def fingerprint(eq) -> tuple:
    """Every field of an equilibrium (a lazy family constraint is built here)."""
    beliefs = []
    for m, b in eq.beliefs.items():
        if hasattr(b, "items"):
            beliefs.append((m, dict(b)))
        else:
            beliefs.append((m, str(b), b.constraints, b.point, b.vertices, b.region))
    fam = eq.family
    family = None if fam is None else (fam.variables, fam.sender, fam.receiver,
                                       fam.constraint, fam.ranges, fam.on_path)
    return (eq.label, eq.kind, eq.on_path, eq.sender, eq.receiver, eq.sender_payoffs,
            eq.receiver_payoff, eq.intuitive_criterion, eq.d1, eq.notes, beliefs, family)


def reference_solve(monkeypatch, game: SignallingGame, unpruned: bool):
    """``solve`` with the cuts off and cold ranges; ``unpruned``: every pattern."""
    with monkeypatch.context() as mp:
        mp.setattr(patterns, "_CUTS", False)
        mp.setattr(patterns, "_ranges", cold_ranges)
        if unpruned:
            mp.setattr(solve_module, "pruned_patterns",
                       lambda ctx, tb, pure, budget=None: all_patterns(tb, pure))
        return solve(game, progress=False)


def solve_quietly(game: SignallingGame):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return solve(game, progress=False)


TIES = (-1, 0, 1)
BITS = (0, 1)
SMALL = [(seed, size, values) for seed in range(4)
         for size, values in (((2, 2, 2), None), ((2, 2, 2), TIES), ((2, 2, 3), BITS),
                              ((3, 2, 2), TIES), ((2, 3, 2), None), ((3, 2, 3), TIES))]
LARGER = [(10, (3, 3, 3), None), (11, (3, 3, 3), TIES),
          (13, (2, 3, 3), TIES), (16, (2, 3, 4), TIES), (18, (3, 2, 4), BITS),
          # many equilibria (104 and 135, most of them families)
          (20, (3, 3, 3), TIES), (24, (2, 4, 3), TIES)]


@pytest.mark.parametrize(("seed", "size", "values"), SMALL)
def test_same_as_every_pattern_unpruned(monkeypatch, seed, size, values):
    game = random_game(seed, *size, values=values)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fast = solve(game, progress=False)
        slow = reference_solve(monkeypatch, game, unpruned=True)
    assert [fingerprint(e) for e in fast] == [fingerprint(e) for e in slow]
    for eq in fast:
        result = verify(game, eq)
        assert result.ok, (eq.label, result.failures)


@pytest.mark.parametrize(("seed", "size", "values"), LARGER)
def test_same_as_without_the_new_cuts(monkeypatch, seed, size, values):
    game = random_game(seed, *size, values=values)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fast = solve(game, progress=False)
        slow = reference_solve(monkeypatch, game, unpruned=False)
    assert len(fast) > 0
    assert [fingerprint(e) for e in fast] == [fingerprint(e) for e in slow]
    for eq in fast[::4]:  # verify is slower than the solve: every fourth equilibrium
        result = verify(game, eq)
        assert result.ok, (eq.label, result.failures)


def test_some_games_have_families_and_ties():
    """The comparison games are not all easy: continua and many equilibria occur."""
    results = [solve_quietly(random_game(seed, *size, values=values))
               for seed, size, values in LARGER[:4]]
    assert sum(e.is_family for r in results for e in r) >= 10
    assert max(len(r) for r in results) >= 20


def test_warm_started_ranges_match_cold_lps():
    rng = random.Random(5)
    checked = 0
    for _ in range(300):
        n = rng.randint(1, 4)
        ub = [([Fraction(rng.randint(-3, 3), rng.choice([1, 2])) for _ in range(n)],
               Fraction(rng.randint(-2, 4))) for _ in range(rng.randint(1, 4))]
        ub.append(([Fraction(1)] * n, Fraction(rng.randint(1, 3))))  # bounded
        eq = [([Fraction(rng.randint(0, 2)) for _ in range(n)], Fraction(rng.randint(0, 3)))
              for _ in range(rng.randint(0, 1))]
        got = ranges_int(n, ub, eq, range(n))
        status, _, _ = maximize(NUMERIC, [Fraction(0)] * n, ub, eq)
        if status == "infeasible":
            assert got is None
            continue
        for j in range(n):
            c = [Fraction(0)] * n
            c[j] = Fraction(1)
            hi = maximize(NUMERIC, c, ub, eq)[2]
            c[j] = Fraction(-1)
            lo = -maximize(NUMERIC, c, ub, eq)[2]
            assert got[j] == (lo, hi)
        checked += 1
    assert checked > 100


def test_early_stopping_simplex_matches_the_maximum():
    """``can_be_positive`` (stops at the first basis with x_k > 0) against the optimum of
    a full maximisation, and ``feasible`` against ``interior_point``."""
    rng = random.Random(9)
    seen = {True: 0, False: 0}
    for _ in range(400):
        n = rng.randint(1, 4)
        ub = [([Fraction(rng.randint(-3, 3), rng.choice([1, 2])) for _ in range(n)],
               Fraction(rng.randint(-2, 3))) for _ in range(rng.randint(1, 4))]
        eq = [([Fraction(rng.randint(-1, 2)) for _ in range(n)], Fraction(rng.randint(0, 2)))
              for _ in range(rng.randint(0, 1))]
        k = rng.randrange(n)
        c = [Fraction(int(j == k)) for j in range(n)]
        status, _, value = maximize(NUMERIC, c, ub, eq)
        expected = status == "unbounded" or (status == "optimal" and value > 0)
        assert can_be_positive(n, ub, eq, k) == expected
        seen[expected] += 1
        system = LinearSystem(n, tuple((tuple(a), b) for a, b in eq),
                              tuple((tuple(-x for x in a), -b) for a, b in ub),
                              tuple((tuple(Fraction(int(i == j)) for i in range(n)),
                                     Fraction(0)) for j in range(n)))
        assert feasible(NUMERIC, system) == (interior_point(NUMERIC, system) is not None)
    assert min(seen.values()) > 50


def test_variable_ranges_numeric_and_symbolic_paths_agree():
    system = LinearSystem(2, eq=(((Fraction(1), Fraction(1)), Fraction(1)),),
                          ge=(((Fraction(3), Fraction(-1)), Fraction(0)),))
    assert variable_ranges(NUMERIC, system, [0, 1]) == [
        (Fraction(1, 4), Fraction(1)), (Fraction(0), Fraction(3, 4))]


def test_lazy_family_constraint_is_built_once_and_pickles_as_family():
    game = random_game(11, 3, 3, 3, values=TIES)
    fam = next(e for e in solve_quietly(game) if e.is_family)
    first = fam.family.constraint
    assert isinstance(first, sp.Basic) and first.free_symbols <= set(fam.family.variables)
    assert fam.family.constraint is first
    copy = pickle.loads(pickle.dumps(fam))
    assert type(copy.family) is Family
    assert copy.family.constraint == first


@pytest.mark.parametrize(("seed", "size", "values"), [(1, (3, 3, 3), None),
                                                      (2, (3, 3, 3), TIES)])
def test_profile_screen_paths_agree(monkeypatch, seed, size, values):
    """The vectorised screen of sender profiles: int64 and Python-int comparisons, small
    chunks, and no screen at all give the same patterns."""
    game = random_game(seed, *size, values=values)

    def patterns_now():
        return list(patterns.pruned_patterns(NUMERIC, Tables.from_game(game, NUMERIC), False))

    expected = patterns_now()
    assert expected
    with monkeypatch.context() as mp:
        mp.setattr(patterns, "_INT64_SAFE", 0)  # every range compared as a Python int
        assert patterns_now() == expected
    screen = patterns._screened_profiles
    with monkeypatch.context() as mp:
        mp.setattr(patterns, "_screened_profiles",
                   lambda *args: screen(*args, chunk=7))
        assert patterns_now() == expected
    with monkeypatch.context() as mp:
        mp.setattr(patterns, "_CUTS", False)
        assert patterns_now() == expected
