"""Benchmark: the region map of a game whose payoffs depend on the posterior and on two
parameters, against solving it point by point (issue 10, aim 2).

The game: 2 types (H, L; prior 1/2 each), 2 messages (signal S, quiet Q), 2 receiver
actions (fight F, concede C).  The sender values C at 1 and F at 0, plus a reputation
worth ``k * mu_H`` (the posterior that it is H); signalling costs ``c`` for H and ``2c``
for L.  The receiver gains 1 from fighting L, loses 1 fighting H, and conceding is worth
``mu_H / 2`` to it (a belief-dependent payoff of its own).  Parameters ``c`` in (0, 1) and
``k`` in (0, 2).

Our method (``region_map``): the belief engine runs with traced numbers at rational
points; each run holds on a semi-algebraic cell (its recorded signs); grid points no
cell holds get new runs (a point on a cell boundary is solved by itself) until every
grid point is decided; then the cells' conditions are evaluated on the grid with
certified float signs (exact where too close).  Point by point: ``solve(game.subs(pt))``
on a random subset, extrapolated.  Gambit has no belief-dependent payoffs, so it is not
in this comparison.

With ``--flagship`` the game is the CSA game of the alliance model over ``pi_A x a``
(land theatre, every other parameter at the baseline), symbolic in the branch region of
the baseline point (:func:`~alliance_games.alliance.model.alliance_game` with
``symbolic=``; grid points outside it are not solved), covered by exact cells
(``cover``, the machinery behind ``region_map``), against ``solve_point`` at a subset of
the admissible points.  It reports how many cells the grid needs as the grid gets finer:
the measure of whether cells can make the flagship's maps fast.  Then the map of the
selected equilibrium over the same grid, across every branch region
(:func:`~alliance_games.alliance.maps.selected_map`), against ``solve_point`` at a random
subset of the grid (extrapolated), in the same run.

Run:  python benchmarks/bench_belief_map.py [--sizes 100,300,1000] [--subset 30]
      python benchmarks/bench_belief_map.py --flagship [--sizes 20,...,640] [--map-sizes 40,...,320]
"""

from __future__ import annotations

import argparse
import os
import random
import time

import numpy as np
import sympy as sp

from alliance_games import SignallingGame, belief, solve
from alliance_games.alliance.analysis import full_point, solve_point
from alliance_games.alliance.maps import selected_map
from alliance_games.alliance.model import alliance_game
from alliance_games.alliance.parameters import parameter
from alliance_games.alliance.thresholds import equilibrium_class
from alliance_games.parametric.cells import NOT_ADMISSIBLE, cover
from alliance_games.parametric.regions import region_map
from alliance_games.solving.traced import clear_caches

c, k = sp.symbols("c k")


def bench_game() -> SignallingGame:
    """The 2-type, 2-message, 2-action game of this benchmark (belief-dependent)."""
    mu = belief("H")
    value = {"F": 0, "C": 1}
    cost = {"H": c, "L": 2 * c}
    sender = [[[value[a] + k * mu - cost[t] for a in "FC"],
               [value[a] + k * mu for a in "FC"]] for t in "HL"]
    fight = {"H": -1, "L": 1}
    receiver = [[[fight[t], mu / 2], [fight[t], mu / 2]] for t in "HL"]
    return SignallingGame.from_arrays(["1/2", "1/2"], sender, receiver, types=["H", "L"],
                                      messages=["S", "Q"], actions=["F", "C"],
                                      parameters={c: (0, 1), k: (0, 2)}, name="reputation")


def flagship(sizes: list[int], subset: int, seed: int) -> None:
    """Cells of the CSA game over ``pi_A`` in [2, 18) x ``a`` in [0, 6) (n x n/2 points)."""
    pi, a = parameter("pi_A").symbol, parameter("a").symbol
    game = alliance_game(full_point(theatre="land"), theatre="land", symbolic=[pi, a])
    print(f"game: the CSA game over pi_A x a (land, baseline branch region), load average "
          f"{os.getloadavg()[0]:.1f}")
    solve_point(theatre="land")  # warm-up (sympy)
    rng = random.Random(seed)
    for n in sizes:
        axes = {pi: [sp.Rational(2) + sp.Rational(16 * i, n) for i in range(n)],
                a: [sp.Rational(6 * j, n // 2) for j in range(n // 2)]}
        clear_caches()  # each size starts cold
        t0 = time.perf_counter()
        cov = cover(game, axes, progress=False, assemble=False)
        ours = time.perf_counter() - t0
        inside = np.flatnonzero(cov.owner != NOT_ADMISSIBLE)
        cells, alone = cov.result.cells
        idx = rng.sample(list(inside), min(subset, len(inside)))
        t0 = time.perf_counter()
        agree = 0
        for i in idx:
            at = cov.point(int(i))
            ref = {str(e.label) for e in solve_point(
                {"pi_A": at[pi], "a": at[a]}, theatre="land").equilibria}
            agree += ref == {str(e.label) for e in cov.at(int(i)).result}
        per_point = (time.perf_counter() - t0) / len(idx)
        total = per_point * len(inside)
        print(f"{n} x {n // 2}: {len(inside):>6,} admissible points, {len(cells):4} cells + "
              f"{len(alone)} points alone ({len(inside) / max(len(cells), 1):5.1f} points a "
              f"cell): cells {ours:6.1f} s = {len(inside) / ours:6,.0f} points/s; solve_point "
              f"{per_point * 1e3:5.1f} ms/point = {total:6.1f} s; ratio {total / ours:5.2f}x; "
              f"agree {agree}/{len(idx)}")


def flagship_selected(sizes: list[int], subset: int, seed: int) -> None:
    """The selected equilibrium over ``pi_A`` in [2, 18) x ``a`` in [0, 6), every branch
    region, against ``solve_point``."""
    print("the selected equilibrium over pi_A x a (land), every branch region:")
    rng = random.Random(seed)
    for n in sizes:
        xs = [sp.Rational(2) + sp.Rational(16 * i, n) for i in range(n)]
        ys = [sp.Rational(6 * j, n // 2) for j in range(n // 2)]
        clear_caches()
        t0 = time.perf_counter()
        m = selected_map(("pi_A", xs), ("a", ys), progress=False)
        ours = time.perf_counter() - t0
        idx = [(rng.randrange(n), rng.randrange(n // 2)) for _ in range(subset)]
        t0 = time.perf_counter()
        agree = 0
        for i, j in idx:
            res = solve_point({"pi_A": xs[i], "a": ys[j]}, theatre="land")
            agree += equilibrium_class(res) == m.classes[i, j]
        per_point = (time.perf_counter() - t0) / len(idx)
        total = per_point * m.classes.size
        print(f"{n} x {n // 2} = {m.classes.size:>6,} points: {m.games} branch regions, "
              f"{m.cells} cells + {m.points} points alone: map {ours:6.1f} s = "
              f"{m.classes.size / ours:6,.0f} points/s; solve_point {per_point * 1e3:5.1f} "
              f"ms/point = {total:6.1f} s; ratio {total / ours:5.2f}x; agree {agree}/{len(idx)}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="100,300,1000", help="grid points per axis")
    ap.add_argument("--subset", type=int, default=30, help="points solved one by one")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--flagship", action="store_true",
                    help="the CSA game over pi_A x a (default sizes 20,...,640)")
    ap.add_argument("--map-sizes", default="40,80,160,320",
                    help="with --flagship: sizes of the selected equilibrium's map")
    args = ap.parse_args()
    if args.flagship:
        sizes = "20,40,80,160,320,640" if args.sizes == ap.get_default("sizes") else args.sizes
        flagship([int(x) for x in sizes.split(",")], args.subset, args.seed)
        flagship_selected([int(x) for x in args.map_sizes.split(",")], args.subset, args.seed)
        return
    game = bench_game()
    print(f"game: {game.name}, load average {os.getloadavg()[0]:.1f}")
    solve(game.subs({c: sp.Rational(1, 3), k: sp.Rational(1, 2)}))  # warm-up (sympy)
    rng = random.Random(args.seed)
    for n in [int(x) for x in args.sizes.split(",")]:
        clear_caches()  # each size starts cold
        t0 = time.perf_counter()
        data = region_map(game, (c, 0, 1), (k, 0, 2), n=n, progress=False)
        ours = time.perf_counter() - t0
        idx = [(rng.randrange(n), rng.randrange(n)) for _ in range(args.subset)]
        t0 = time.perf_counter()
        agree = 0
        for i in idx:
            at = data.point(i)
            ref = {e.label for e in solve(game.subs(at))}
            agree += ref == {lab for lab in data.labels if data.exists[lab][i]}
        per_point = (time.perf_counter() - t0) / len(idx)
        total = per_point * n * n
        print(f"{n} x {n} = {n * n:>9,} points: map {ours:7.1f} s = {n * n / ours:>9,.0f} "
              f"points/s; point by point {per_point * 1e3:6.1f} ms/point = {total:9.0f} s "
              f"for the grid; ratio {total / ours:8.0f}x; labels {len(data.labels)}, "
              f"decided exactly {int(np.sum(data.uncertain)):,}; agree {agree}/{len(idx)}")


if __name__ == "__main__":
    main()
