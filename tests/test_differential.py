"""Differential test of the parametric solver against point-wise exact solving.

Random small games (seeded; payoffs from a narrow integer range so ties are common) get
one or two parameters in their payoffs or prior.  Each parametric condition is compared
with ``solve`` of the substituted game at random rational points and at exact boundary
points (rational roots of the conditions' atoms), wherever the result claims to be
decided (``result.undecided`` false at the point): the equilibria whose condition holds
must be exactly the point-wise ones (same supports; same strategies for single
equilibria; same Intuitive Criterion and D1 verdicts for single equilibria and for the
parts of families split by their verdicts).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import warnings
from pathlib import Path

import pytest
import sympy as sp
from _cached_solve import cached_solve
from _random_games import parametric_game

from alliance_games import SignallingGame, solve
from alliance_games.solving.rationals import rational_between
from alliance_games.solving.refinements.family import VERDICT_NOTE

p, q = sp.symbols("p q")
R = sp.Rational


def _solve(game, pure=False):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if game.free_parameters:  # (memoised: test_family_split solves one of them too)
            return cached_solve(game, pure=pure)
        return solve(game, pure=pure)


def _truth(cond, point) -> bool:
    value = sp.sympify(cond).xreplace(point)
    if value not in (sp.true, sp.false):
        value = sp.simplify(value)
    assert value in (sp.true, sp.false), (cond, point)
    return bool(value)


def _base(label: str) -> str:
    return re.sub(r" #\d+$", "", label)


def _key(eq):
    """Supports (the label); for a family its ranges, otherwise the strategies."""
    if eq.is_family:  # with the exact ranges of its free probabilities at the point
        return _base(eq.label), "family", tuple(sorted(
            (str(v), sp.nsimplify(lo), sp.nsimplify(hi)) for v, (lo, hi)
            in eq.family.ranges.items()))
    strat = tuple(sorted((k, kk, sp.nsimplify(v)) for k, row in
                         list(eq.sender.items()) + list(eq.receiver.items())
                         for kk, v in row.items()))
    return _base(eq.label), strat


def _compare(game, res, point, pure=False) -> int:
    """Number of points checked (0 or 1); asserts agreement there."""
    if _truth(res.undecided, point):
        return 0
    here = [e.subs(point) for e in res if _truth(e.condition, point)]
    direct = _solve(game.subs(point), pure=pure)
    assert {_key(e) for e in here} == {_key(e) for e in direct}, (point, game)
    # verdicts: of single equilibria, and of every part of a family split by its
    # verdicts (parametrically and point-wise), unless a family kept whole says its
    # verdicts are its representative's
    noted = {_base(e.label) for e in here + list(direct) if VERDICT_NOTE in e.notes}
    ours = {(_key(e), bool(e.intuitive_criterion), bool(e.d1)) for e in here
            if not (e.is_family and _base(e.label) in noted)}
    theirs = {(_key(e), bool(e.intuitive_criterion), bool(e.d1)) for e in direct
              if not (e.is_family and _base(e.label) in noted)}
    assert ours == theirs, (point, game)
    return 1


def _boundary_points(res, params, bounds, rng) -> list[dict]:
    """Rational points on the zero sets of the conditions' atoms."""
    atoms = set()
    for e in res:
        for cond in (e.condition, e.intuitive_condition, e.d1_condition):
            for rel in sp.sympify(cond).atoms(sp.core.relational.Relational):
                atoms.add(sp.expand(rel.lhs - rel.rhs))
    out = []
    for a in sorted(atoms, key=sp.default_sort_key):
        free = sorted(a.free_symbols, key=str)
        if not free:
            continue
        fixed = {s: _rand(rng, bounds[s]) for s in params if s != free[0]}
        for root in sp.Poly(sp.numer(sp.together(a.xreplace(fixed))), free[0]).real_roots():
            lo, hi = bounds[free[0]]
            if root.is_Rational and lo < root < hi:
                out.append({**fixed, free[0]: root})
    return out


def _rand(rng, bound) -> sp.Rational:
    lo, hi = bound
    return lo + (hi - lo) * R(rng.randint(1, 96), 97)


# Seeds chosen so the suite stays fast (a parametric solve of a random 2x2x2 game takes
# 0.2-7 s, of a 3x2x2, 2x3x2 or 2x2x3 game 0.2-60 s, of a 3x3x3 game 3-25 s for the seeds
# below and 40 s or more for others).  Other seeds and shapes can be run by hand
# (``parametric_game(seed, shape, n_params)``): 2x3x2 seeds 0-3 and 3x2x2 seeds 0-7 agreed
# everywhere in a side run (2026-12-01).
CASES = [(0, (2, 2, 2), 1), (2, (2, 2, 2), 1), (3, (2, 2, 2), 1), (100, (2, 2, 2), 2),
         (2, (3, 2, 2), 1), (5, (3, 2, 2), 1), (2, (3, 3, 3), 1),
         # (5, (3, 3, 3), 1) and (4, (3, 3, 3), 2) agree too, in about 25 s each
         (5, (3, 3, 3), 2),
         # families whose verdicts differ inside an open range of p (split there)
         (5, (2, 3, 2), 1), (20, (2, 2, 2), 1), (26, (3, 2, 2), 1)]


@pytest.mark.parametrize("seed,shape,n_params", CASES)
def test_parametric_conditions_match_pointwise_solves(seed, shape, n_params):
    game, rng = parametric_game(seed, shape, n_params)
    params = sorted(game.free_parameters, key=str)
    if len(params) < n_params:
        pytest.skip("a parameter cancelled out")
    bounds = dict(game.parameters)
    res = _solve(game)
    points = [{s: _rand(rng, bounds[s]) for s in params} for _ in range(3)]
    boundary = _boundary_points(res, params, bounds, rng)
    rng.shuffle(boundary)
    checked = sum(_compare(game, res, pt) for pt in points + boundary[:6])
    assert checked >= len(points) or n_params == 2


# Pure equilibria of 3x3x3 games solve parametrically in about a second.
PURE_CASES = [(1, (3, 3, 3), 1), (4, (3, 3, 3), 2), (5, (3, 3, 3), 1), (5, (3, 3, 3), 2)]


@pytest.mark.parametrize("seed,shape,n_params", PURE_CASES)
def test_pure_parametric_conditions_match_pointwise_solves_3x3x3(seed, shape, n_params):
    game, rng = parametric_game(seed, shape, n_params)
    params = sorted(game.free_parameters, key=str)
    assert len(params) == n_params
    bounds = dict(game.parameters)
    res = _solve(game, pure=True)
    points = [{s: _rand(rng, bounds[s]) for s in params} for _ in range(4)]
    boundary = _boundary_points(res, params, bounds, rng)
    rng.shuffle(boundary)
    checked = sum(_compare(game, res, pt, pure=True) for pt in points + boundary[:8])
    assert checked >= len(points)
    assert len(boundary) >= 2  # boundary points were found and tried


def test_issue_9_game_at_its_boundaries():
    game = SignallingGame.from_arrays(
        ["1/2", "1/2"], [[[0, 1], [0, 3]], [[1, 3], [2, 3]]],
        [[[1, 0], [0, 3]], [[p, 1], [0, 0]]], parameters={p: (-1, 4)})
    res = _solve(game)
    assert res.undecided is sp.false
    for x in (R(-1, 2), R(0), R(1, 2), R(1), R(183, 97), R(2), R(3)):
        assert _compare(game, res, {p: x})


def _piece_points(res, p, bounds) -> list[dict]:
    """A rational point in every open piece of ``p``'s range cut at the roots of every
    atom the result's expressions mention (conditions, and the ``Piecewise`` conditions
    of strategies, payoffs and family ranges), and every rational root: every branch
    of the parametric solve gets a point, whatever its width."""
    atoms = set()
    for e in res:
        exprs = [e.condition, e.intuitive_condition, e.d1_condition]
        exprs += [sp.sympify(v) for row in list(e.sender.values()) + list(e.receiver.values())
                  for v in row.values()]
        if e.family is not None:
            exprs += [sp.sympify(v) for r in e.family.ranges.values() for v in r]
        for x in exprs:
            for rel in sp.sympify(x).atoms(sp.core.relational.Relational):
                atoms.add(sp.numer(sp.together(rel.lhs - rel.rhs)))
    lo, hi = bounds
    roots = sorted({r for a in atoms if a.has(p) for r in _real_roots(a, p)
                    if lo < r < hi}, key=float)
    ends = [sp.sympify(lo)] + roots + [sp.sympify(hi)]
    out = [{p: r} for r in roots if r.is_Rational]
    for a, b in zip(ends, ends[1:]):
        mid = rational_between(a, b)
        assert mid.is_Rational and a < mid < b
        out.append({p: mid})
    return out


def _real_roots(a, p) -> list:
    poly = sp.Poly(a, p)
    if poly.domain.is_QQ or poly.domain.is_ZZ:
        return poly.real_roots()
    return [r for r in sp.solve(a, p) if r.is_real]  # an algebraic end: p - sqrt(2)


@pytest.mark.parametrize("seed,shape", [(26, (3, 2, 2)), (20, (2, 2, 2)), (3, (2, 2, 2))])
def test_every_piece_matches_pointwise_solves(seed, shape):
    """One point in every piece between the result's thresholds (and at each rational
    threshold), so no branch goes unchecked.  (3x2x2 seed 26 once reported, for
    -1/2 < p < 1/2, a family's ranges from the branch p > 1/2: a memoised family split
    returned its own branch's solution.)"""
    game, _ = parametric_game(seed, shape, 1)
    (param,) = game.free_parameters
    res = _solve(game)
    points = _piece_points(res, param, game.parameters[param])
    assert len(points) >= 3
    assert sum(_compare(game, res, pt) for pt in points) == len(points)


_HASH_SEED_SCRIPT = """
import sys, warnings
sys.path.insert(0, {tests!r})
warnings.simplefilter("ignore")
from _random_games import parametric_game
from alliance_games import solve
res = solve(parametric_game(3, (2, 2, 2), 2)[0])
for e in res:
    print(e.label, e.condition, e.intuitive_condition, e.d1_condition, e.undecided)
"""


def test_two_parameter_conditions_do_not_depend_on_the_hash_seed():
    """The joins of a two-parameter result's cells (``merge_conditions``) once depended
    on the order of a Python set, so one run wrote ``q > 1, q != 2`` and another
    ``q > 1, q != 3/2`` (both lines undecided): the same game gives the same text in
    processes with different hash seeds."""
    code = _HASH_SEED_SCRIPT.format(tests=str(Path(__file__).resolve().parent))
    outs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           check=True, env={**os.environ, "PYTHONHASHSEED": str(seed)}).stdout
            for seed in (1, 2, 3)}
    assert len(outs) == 1
    assert len(outs.pop().splitlines()) >= 5  # the game's equilibria, one line each
