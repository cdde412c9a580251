"""The flagship model: ``solve(alliance_game(point))`` points per second, fast path vs general.

The same seeded points (the baseline, then random rational points of every parameter's
sweep box in ``alliance.parameters``, land, sea and mixed approaches) are solved by

* ours: ``solve`` (the fast exact path of ``solving/belief_fast.py``: rationals and
  quadratic irrationals, piecewise polynomials, interval lists; general path as fallback);
* the previous method: ``solve_belief_game(game, fast=False)`` (sympy algebraic numbers,
  Sets, ``Poly.real_roots``, ``linsolve``), the path every solve took before.

Both are timed on the same prebuilt games, interleaved point by point (so machine load
hits both alike); building the games (``alliance_game``) is timed separately.  Points where
the previous method raises (sympy cannot solve indifference equations with a kink) are
counted and reported; the equilibria are compared on every point both solve.

Run: ``.venv/bin/python benchmarks/bench_flagship.py [--points 40] [--seed 0]``.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

import sympy as sp

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from alliance_games import solve  # noqa: E402
from alliance_games.alliance.model import alliance_game  # noqa: E402
from alliance_games.alliance.parameters import PARAMETERS  # noqa: E402
from alliance_games.solving.belief_payoffs import solve_belief_game  # noqa: E402


def box_point(rng: random.Random) -> dict:
    """A random rational point of the parameters' sweep boxes (denominator 1000)."""
    return {p.name: p.box[0] + (p.box[1] - p.box[0]) * sp.Rational(rng.randint(1, 999), 1000)
            for p in PARAMETERS}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--points", type=int, default=40)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    rng = random.Random(args.seed)
    t0 = time.perf_counter()
    games = [alliance_game()]
    for _ in range(args.points - 1):
        theatre = rng.choice(["land", "sea", None])
        point = box_point(rng)
        if theatre is not None:         # the theatre sets the water share s_w
            del point["s_w"]
        games.append(alliance_game(point, theatre=theatre))
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
    fast_rate, slow_rate = fast_n / fast_t, slow_n / slow_t
    print(f"flagship points: {len(games)} (baseline + box points, seed {args.seed})")
    print(f"alliance_game construction: {len(games) / build:8.1f} points/s")
    print(f"ours (fast exact path):     {fast_rate:8.1f} points/s")
    print(f"previous (general path):    {slow_rate:8.1f} points/s "
          f"({slow_fail} points where it raises, not timed)")
    print(f"speed-up: {fast_rate / slow_rate:.1f}x; equilibrium labels differ on {mismatch}")


if __name__ == "__main__":
    main()
