"""Resultants and discriminants of the decompositions: python-flint's against sympy's, on the
inputs a survey game's decompositions actually meet.

Solves one game of ``survey_simplex.py`` (by default four types, cubic payoffs, seed 11,
whose off-path sets need a large two-dimensional decomposition) for ``--seconds`` of
wall-clock time, recording every resultant and discriminant that
:mod:`alliance_games.solving.semialgebraic` asks :mod:`alliance_games.solving.resultants`
for; then computes each recorded one with both backends in this process (CPU seconds),
checks that the two give the same polynomial up to sign (how many have opposite signs is
printed), and prints the totals and the ratio.

Usage: ``.venv/bin/python benchmarks/bench_resultants.py [--seed 11] [--shape cubic]
[--types 4] [--seconds 120]``.
"""

from __future__ import annotations

import time

import sympy as sp
from _common import solve_for, survey_game, survey_game_options

from alliance_games.solving import resultants, semialgebraic


def record(game, seconds: int) -> list[tuple]:
    """The resultant and discriminant calls of the decompositions while ``game`` is solved
    for at most ``seconds``: ``("resultant", f, g, v)`` or ``("discriminant", f, v)``."""
    calls: list[tuple] = []

    def res(f, g, v):
        calls.append(("resultant", f, g, v))
        return resultants.resultant(f, g, v)

    def disc(f, v):
        calls.append(("discriminant", f, v))
        return resultants.discriminant(f, v)

    saved = semialgebraic.resultant, semialgebraic.discriminant
    semialgebraic.resultant, semialgebraic.discriminant = res, disc
    try:
        solve_for(game, seconds)
    finally:
        semialgebraic.resultant, semialgebraic.discriminant = saved
    return calls


def timed(calls: list[tuple], backend: str) -> tuple[float, list]:
    """CPU seconds for every call on ``backend``, and the answers."""
    out = []
    t = time.process_time()
    for kind, *args in calls:
        out.append(getattr(resultants, kind)(*args, backend=backend))
    return time.process_time() - t, out


def main() -> None:
    args = survey_game_options(__doc__.splitlines()[0], seed=11, seconds=120)
    if resultants.flint is None:
        raise SystemExit("python-flint is not installed: nothing to compare")
    calls = record(survey_game(args.seed, args.shape, args.types), args.seconds)
    kinds = {k: sum(1 for c in calls if c[0] == k) for k in ("resultant", "discriminant")}
    print(f"game: {args.types} types, {args.shape}, seed {args.seed}; recorded in "
          f"{args.seconds} s: {kinds['resultant']} resultants, "
          f"{kinds['discriminant']} discriminants")
    fast, a = timed(calls, "flint")
    slow, b = timed(calls, "sympy")
    same = sum(1 for p, q in zip(a, b) if p == q)
    opposite = sum(1 for p, q in zip(a, b) if p != q and sp.expand(p + q) == 0)
    print(f"flint {fast:.2f} s, sympy {slow:.2f} s CPU: {slow / max(fast, 1e-9):.1f}x; "
          f"the same polynomial {same}, of opposite sign {opposite}, "
          f"different {len(a) - same - opposite}")


if __name__ == "__main__":
    main()
