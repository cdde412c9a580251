"""The flagship model: ``solve(alliance_game(point))`` points per second, fast path vs general.

For each seed, the same seeded points (the baseline, then random rational points of every
parameter's sweep box in ``alliance.parameters``, land, sea and mixed approaches) are
solved by

* ours: ``solve`` (the fast exact path of ``solving/belief_fast.py``: rationals, quadratic
  irrationals and sums of square roots from several fields, piecewise polynomials,
  interval lists; the general path only as a fallback);
* the previous method: ``solve_belief_game(game, fast=False)`` (sympy algebraic numbers,
  Sets, ``Poly.real_roots``, ``linsolve``), the path every solve took before.

Both are timed on the same prebuilt games, interleaved point by point (so machine load
hits both alike); building the games (``alliance_game``) is timed separately, and so is
``solve_point`` (game, solve, summaries, selection) on the same points.  Points where the
previous method raises (sympy cannot solve indifference equations with a kink) are counted
and reported; the equilibria are compared on every point both solve.

``--previous DIR`` also times ``solve_point`` end to end in fresh processes, alternating
between this tree and the package in ``DIR`` (e.g. ``git archive <commit> | tar -x -C DIR``
of an earlier commit), ``--rounds`` times each, on the same seeded points with cold
caches (each process solves the baseline first, then the points; every point is new to
it, as in a report run): the medians and their ratio per seed and over all seeds,
measured side by side under the same load (``--only-previous`` skips the rest).

``--hypotheses N`` also times ``all_hypotheses(n=N)`` (H1-H7 and the extras, every game
they solve) on ``--processes`` processes and extrapolates linearly to ``n = 1000``.

Run: ``.venv/bin/python benchmarks/bench_flagship.py [--points 40] [--seeds 0 1]
[--previous DIR] [--rounds 3] [--hypotheses 200]``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

import sympy as sp

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from alliance_games import solve  # noqa: E402
from alliance_games.alliance.analysis import solve_point  # noqa: E402
from alliance_games.alliance.hypotheses import all_hypotheses, clear_cache  # noqa: E402
from alliance_games.alliance.model import alliance_game  # noqa: E402
from alliance_games.alliance.parameters import PARAMETERS  # noqa: E402
from alliance_games.solving.belief_payoffs import solve_belief_game  # noqa: E402


def box_point(rng: random.Random) -> dict:
    """A random rational point of the parameters' sweep boxes (denominator 1000)."""
    return {p.name: p.box[0] + (p.box[1] - p.box[0]) * sp.Rational(rng.randint(1, 999), 1000)
            for p in PARAMETERS}


def points(seed: int, n: int) -> list[tuple[dict, str | None]]:
    """The baseline and ``n - 1`` seeded box points with their theatres."""
    rng = random.Random(seed)
    out: list[tuple[dict, str | None]] = [({}, None)]
    for _ in range(n - 1):
        theatre = rng.choice(["land", "sea", None])
        point = box_point(rng)
        if theatre is not None:         # the theatre sets the water share s_w
            del point["s_w"]
        out.append((point, theatre))
    return out


def bench_seed(seed: int, n: int) -> None:
    pts = points(seed, n)
    t0 = time.perf_counter()
    games = [alliance_game(p, theatre=th) for p, th in pts]
    build = time.perf_counter() - t0
    solve(games[0])  # warm caches and imports for both
    fast_t = slow_t = 0.0
    fast_n = slow_n = slow_fail = mismatch = 0
    for g in games:
        t = time.perf_counter()
        ours = solve(g)
        fast_t += time.perf_counter() - t
        fast_n += 1
        t = time.perf_counter()
        try:
            prev = solve_belief_game(g, fast=False)
        except NotImplementedError:
            slow_fail += 1
            continue
        slow_t += time.perf_counter() - t
        slow_n += 1
        if sorted(e.label for e in ours) != sorted(e.label for e in prev):
            mismatch += 1
    t0 = time.perf_counter()
    for p, th in pts:
        solve_point(p, theatre=th)
    sp_rate = len(pts) / (time.perf_counter() - t0)
    fast_rate, slow_rate = fast_n / fast_t, slow_n / slow_t
    print(f"seed {seed}: {len(games)} flagship points (baseline + box points)")
    print(f"  alliance_game construction: {len(games) / build:8.1f} points/s")
    print(f"  ours (fast exact path):     {fast_rate:8.1f} points/s")
    print(f"  previous (general path):    {slow_rate:8.1f} points/s "
          f"({slow_fail} points where it raises, not timed)")
    print(f"  speed-up: {fast_rate / slow_rate:.1f}x; equilibrium labels differ on {mismatch}")
    print(f"  solve_point (game, solve, summaries, selection): {sp_rate:8.1f} points/s "
          "(the war stage memoised by the builds above; --previous times cold processes)")


_CHILD = """
import json, sys, time
sys.path.append({bench!r})
import alliance_games
from alliance_games.alliance.analysis import solve_point
from bench_flagship import points
pts = points({seed}, {n})
solve_point()
t, c = time.perf_counter(), time.process_time()
for p, th in pts:
    solve_point(p, theatre=th)
print(json.dumps({{"rate": len(pts) / (time.perf_counter() - t),
                  "cpu_rate": len(pts) / (time.process_time() - c),
                  "package": alliance_games.__file__}}))
"""


def _solve_point_rate(tree: Path, seed: int, n: int) -> tuple[float, float, str]:
    """``solve_point`` points per second in a fresh process on the package in ``tree``:
    per second of wall clock and per second of the process's CPU time (per core)."""
    env = dict(os.environ, PYTHONPATH=str(tree))
    code = _CHILD.format(bench=str(Path(__file__).resolve().parent), seed=seed, n=n)
    out = subprocess.run([sys.executable, "-c", code], cwd=tree, env=env, check=True,
                         capture_output=True, text=True).stdout
    res = json.loads(out.strip().splitlines()[-1])
    return res["rate"], res["cpu_rate"], res["package"]


def bench_previous(previous: Path, seeds: list[int], n: int, rounds: int) -> None:
    """``solve_point`` in fresh processes, ours and ``previous`` alternating, per seed and
    over all seeds (total points over total time: the rate a report run sees), per second
    of wall clock and per CPU second (one core: the measure of aim 1 on a shared
    machine, where a process does not always have its core), with the machine's load
    average before and after."""
    ours_tree = Path(__file__).resolve().parent.parent
    trees = {"ours": ours_tree, "previous": previous}
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    # seconds per round, summed over seeds: wall clock and CPU
    totals = {(w, k): [0.0] * rounds for w in trees for k in ("wall", "cpu")}
    for seed in seeds:
        rates: dict = {(w, k): [] for w in trees for k in ("wall", "cpu")}
        for i in range(rounds):  # alternate, so that load changes hit both alike
            for who, tree in trees.items():
                wall, cpu, pkg = _solve_point_rate(tree, seed, n)
                assert pkg.startswith(str(tree.resolve())), pkg
                for k, r in (("wall", wall), ("cpu", cpu)):
                    rates[who, k].append(r)
                    totals[who, k][i] += n / r
        print(f"seed {seed}: solve_point end to end, fresh process, {n} points, "
              f"{rounds} alternating rounds (medians; rounds in brackets)")
        for k, unit in (("wall", "points/s"), ("cpu", "points per CPU second")):
            mo = statistics.median(rates["ours", k])
            mp = statistics.median(rates["previous", k])
            print(f"  {k:4s}  ours {mo:7.1f}  previous {mp:7.1f} {unit}  speed-up "
                  f"{mo / mp:.2f}x  (ours: " + ", ".join(f"{x:.1f}" for x in rates["ours", k])
                  + "; previous: " + ", ".join(f"{x:.1f}" for x in rates["previous", k])
                  + ")")
    total = n * len(seeds)
    print(f"all seeds ({total} points per round, cold processes, medians of {rounds} "
          f"rounds; previous = {previous}):")
    for k, unit in (("wall", "points/s"), ("cpu", "points per CPU second")):
        ours_rate = [total / t for t in totals["ours", k]]
        prev_rate = [total / t for t in totals["previous", k]]
        mo, mp = statistics.median(ours_rate), statistics.median(prev_rate)
        print(f"  {k:4s}  ours {mo:7.1f}  previous {mp:7.1f} {unit}  speed-up "
              f"{mo / mp:.2f}x  (per round: "
              + ", ".join(f"{a / b:.2f}x" for a, b in zip(ours_rate, prev_rate)) + ")")
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


def bench_hypotheses(n: int, processes: int) -> None:
    clear_cache()
    t0 = time.perf_counter()
    all_hypotheses(n=n, processes=processes, progress=False)
    dt = time.perf_counter() - t0
    print(f"all_hypotheses(n={n}) on {processes} processes: {dt:.1f} s; linear "
          f"extrapolation to n=1000: {dt * 1000 / n:.0f} s")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--points", type=int, default=40)
    ap.add_argument("--seeds", type=int, nargs="+", default=[0, 1])
    ap.add_argument("--hypotheses", type=int, default=0,
                    help="also time all_hypotheses(n=N) (0: skip)")
    ap.add_argument("--processes", type=int, default=2)
    ap.add_argument("--previous", type=Path, default=None,
                    help="a tree of an earlier commit: time solve_point there too")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--only-previous", action="store_true",
                    help="with --previous: skip the in-process fast/general comparison")
    args = ap.parse_args(argv)
    if not args.only_previous:
        for seed in args.seeds:
            bench_seed(seed, args.points)
    if args.previous is not None:
        bench_previous(args.previous, args.seeds, args.points, args.rounds)
    if args.hypotheses:
        bench_hypotheses(args.hypotheses, args.processes)


if __name__ == "__main__":
    main()
