"""Benchmark: a 1000 x 1000 region map from conditions derived once, against solving point by point.

The game: 2 types (H with prior p, L), 2 messages (signal S, quiet Q), 3 receiver actions
(fight F, negotiate N, concede C). The sender values F/N/C at 0/1/2; signalling costs c
for H and 2c for L. The receiver's best reply moves from F to N to C as the belief in H
rises. Parameters p in (0, 1) and c in (0, 1).

Run:  python benchmarks/bench_regions.py [--n 1000] [--subset 20] [--gambit 5] [--seed 0]

The parametric solve against a previous version (issue 10, aim 5), side by side: each
round times ``solve`` of this checkout and of the checkout ``DIR`` in fresh interpreters
(CPU seconds, after a warm-up solve, same hash seed), alternately; prints each time, the
medians, their ratio, the load average, and whether the two found the same families with
the same conditions::

    git archive <commit> | tar -x -C /tmp/prev
    .venv/bin/python benchmarks/bench_regions.py --previous /tmp/prev --rounds 3 --solve-only

and the same for random one-parameter games of the differential test
(``tests/_random_games.parametric_game(seed, shape, 1)``, given as ``types,messages,
actions,seed``)::

    .venv/bin/python benchmarks/bench_regions.py --previous /tmp/prev --rounds 1 \
        --random 2,3,2,21 3,2,2,10

Reports the points per second of ``region_data`` (after one parametric ``solve``), the
time per point of ``solve(game.subs(point))`` on a random subset (extrapolated to the
whole grid), the time per point of pygambit's ``enummixed_solve`` on a few points (if
pygambit is importable), the speed ratios, and the agreement of the map with the
point-by-point solves on the subset.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import time
import warnings
from pathlib import Path

import sympy as sp

from alliance_games import SignallingGame, solve
from alliance_games.parametric.regions import exact_subs, region_data
from alliance_games.parametric.sampling import rational_grid

p, c = sp.symbols("p c")


def bench_game() -> SignallingGame:
    """The 2-type, 2-message, 3-action parametric game of this benchmark."""
    value = {"F": 0, "N": 1, "C": 2}
    cost = {"H": c, "L": 2 * c}
    # receiver: fighting H is bad, fighting L good; conceding to H best
    receiver = {"H": {"F": -1, "N": 0, "C": sp.Rational(1, 2)},
                "L": {"F": 1, "N": sp.Rational(1, 2), "C": 0}}
    acts = ["F", "N", "C"]
    sender = [[[value[a] - cost[t] for a in acts], [value[a] for a in acts]] for t in "HL"]
    recv = [[[receiver[t][a] for a in acts], [receiver[t][a] for a in acts]] for t in "HL"]
    return SignallingGame.from_arrays([p, 1 - p], sender, recv, types=["H", "L"],
                                      messages=["S", "Q"], actions=acts,
                                      parameters={p: (0, 1), c: (0, 1)},
                                      name="benchmark 2x2x3")


SOLVE_SCRIPT = """
import json, sys, time, warnings
sys.path.insert(0, {bench!r})
import alliance_games
assert alliance_games.__file__.startswith({root!r}), alliance_games.__file__
from alliance_games import solve
from alliance_games.examples import beer_quiche
from bench_regions import bench_game
warnings.simplefilter("ignore")
solve(beer_quiche())  # warm-up: sympy's first-use costs are not the solve's
spec = {spec!r}
if spec is None:
    game = bench_game()
else:
    sys.path.insert(0, {tests!r})
    from _random_games import parametric_game
    game = parametric_game(spec[3], tuple(spec[:3]), 1)[0]
start = time.process_time()
result = solve(game)
seconds = time.process_time() - start
print(json.dumps([seconds, sorted([e.label, str(e.condition)] for e in result)]))
"""


def time_solve(root: str, timeout: float = 1800, spec=None) -> tuple[float, list]:
    """CPU seconds of the parametric solve of :func:`bench_game` (or of the random game
    ``spec``, ``(types, messages, actions, seed)``) with the package in ``root`` (a fresh
    interpreter, hash seed 0), and its families with conditions."""
    root = str(Path(root).resolve())
    here = Path(__file__).resolve().parent
    code = SOLVE_SCRIPT.format(bench=str(here), root=root, spec=spec,
                               tests=str(here.parent / "tests"))
    env = dict(os.environ, PYTHONPATH=root, PYTHONHASHSEED="0")
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                          text=True, timeout=timeout, check=False, cwd=root)
    if done.returncode != 0:
        raise RuntimeError(f"solve in {root} failed: {done.stderr.strip()[-500:]}")
    seconds, families = json.loads(done.stdout.strip().splitlines()[-1])
    return seconds, families


def compare_previous(previous: str, rounds: int, spec=None) -> None:
    """Time this checkout's and ``previous``'s parametric solve alternately (of
    :func:`bench_game`, or of the random game ``spec``)."""
    ours_root = str(Path(__file__).resolve().parent.parent)
    if spec is not None:
        print(f"random game {','.join(map(str, spec))} (types, messages, actions, seed)")
    print(f"load average before: {os.getloadavg()}")
    ours, prev = [], []
    same = True
    for k in range(rounds):
        t_o, fam_o = time_solve(ours_root, spec=spec)
        t_p, fam_p = time_solve(previous, spec=spec)
        ours.append(t_o)
        prev.append(t_p)
        same = same and fam_o == fam_p
        print(f"round {k + 1}: ours {t_o:.2f} s, previous {t_p:.2f} s (CPU), "
              f"ratio {t_p / t_o:.2f}", flush=True)
    m_o, m_p = statistics.median(ours), statistics.median(prev)
    print(f"parametric solve (CPU, median of {rounds}): ours {m_o:.2f} s, previous "
          f"{m_p:.2f} s, previous / ours = {m_p / m_o:.2f}x; "
          f"{len(fam_o)} families, the same as previous: {same}")
    print(f"load average after: {os.getloadavg()}")


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1000, help="grid points per axis")
    ap.add_argument("--subset", type=int, default=20, help="points solved one by one")
    ap.add_argument("--gambit", type=int, default=5, help="points solved with pygambit")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--progress", action="store_true")
    ap.add_argument("--verbose", action="store_true", help="print every family's condition")
    ap.add_argument("--previous", default=None,
                    help="root of another checkout whose parametric solve to time as well")
    ap.add_argument("--rounds", type=int, default=3, help="rounds of --previous timing")
    ap.add_argument("--solve-only", action="store_true",
                    help="stop after the parametric solve timings (no map, no points)")
    ap.add_argument("--random", nargs="*", default=(), metavar="T,M,A,SEED",
                    help="with --previous: time these random one-parameter games instead")
    args = ap.parse_args(argv)
    import numpy as np

    if args.previous and args.random:
        for spec in args.random:
            compare_previous(args.previous, args.rounds, tuple(map(int, spec.split(","))))
        return
    if args.previous:
        compare_previous(args.previous, args.rounds)
        if args.solve_only:
            return

    game = bench_game()
    t0 = time.perf_counter()
    eqs = solve(game)
    t_solve = time.perf_counter() - t0
    print(f"parametric solve: {len(eqs)} equilibrium families in {t_solve:.2f} s")
    if args.solve_only:
        return
    if args.verbose:
        for e in eqs:
            print(f"  {e.label}: exists when {e.condition}")

    t0 = time.perf_counter()
    data = region_data(eqs, {p: (0, 1), c: (0, 1)}, n=args.n, progress=args.progress)
    t_map = time.perf_counter() - t0
    n_pts = args.n * args.n
    rate = n_pts / t_map
    print(f"region_data: {n_pts} points in {t_map:.2f} s = {rate:,.0f} points/s "
          f"({int(data.uncertain.sum())} points decided exactly at boundaries)")

    rng = np.random.default_rng(args.seed)
    axis = rational_grid(0, 1, args.n)
    picks = rng.integers(0, args.n, size=(args.subset, 2))
    t0 = time.perf_counter()
    agree = 0

    def base(label: str) -> str:  # parametric families sharing a pattern are numbered "#k"
        return re.sub(r" #\d+$", "", label)

    for i, j in picks:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            res = solve(exact_subs(game, {p: axis[i], c: axis[j]}))
        found = {base(e.label) for e in res}
        mapped = {base(lab) for lab in data.labels if data.exists[lab][i, j]}
        agree += found == mapped
    t_point = (time.perf_counter() - t0) / max(args.subset, 1)
    print(f"solve(exact_subs(game, point)): {t_point * 1e3:.1f} ms per point; "
          f"the whole grid would take {t_point * n_pts / 3600:.1f} h")
    print(f"  the equilibrium sets agree with the map at {agree}/{args.subset} points")
    total_map = t_solve + t_map
    print(f"ratio point-by-point (extrapolated) / (parametric solve + map): "
          f"{t_point * n_pts / total_map:,.0f}x; per point, map alone: "
          f"{t_point * rate:,.0f}x")

    try:
        import pygambit as gbt

        from alliance_games.io.gambit import to_gambit
    except ImportError:
        print("pygambit not importable: skipped")
        return
    t0 = time.perf_counter()
    k = max(args.gambit, 1)
    for i, j in picks[:k]:
        gg = to_gambit(exact_subs(game, {p: axis[i], c: axis[j]}))
        gbt.nash.enummixed_solve(gg, rational=True)
    t_gbt = (time.perf_counter() - t0) / k
    print(f"pygambit enummixed_solve (Nash of the strategic form, not all PBE): "
          f"{t_gbt * 1e3:.1f} ms per point; the grid would take {t_gbt * n_pts / 3600:.1f} h; "
          f"ratio vs map {t_gbt * n_pts / total_map:,.0f}x")


if __name__ == "__main__":
    main()
