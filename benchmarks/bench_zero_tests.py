"""Exact zero tests at the decompositions' sample points: the three ways
``plane_signs.vanishes_at`` can decide ``f(x0, y0) == 0``, on the tests a survey game
actually meets.

Solves one game of ``survey_simplex.py`` (by default four types, cubic payoffs, seed 15,
whose D1 test decomposes an off-path set with sample points of degree up to 510) for
``--seconds`` of wall-clock time, recording every call of ``vanishes_at``; then decides
each recorded test three ways, each in a child process with a ``--timeout`` (CPU seconds
of the child; a method that does not finish is reported as such):

- ``isolation``: the resultant ``Res_x(q, f)`` and an isolating interval of ``y0``
  (``_vanishes_by_isolation``, round 59; it may leave a test open: counted);
- ``field gcd``: the gcd over ``Q(x0)`` modulo primes, verified (``field_gcd``, round 59);
- ``Euclid``: Euclid's algorithm over ``Q(x0)`` in rational arithmetic (the only method
  before round 59; the fallback without python-flint).

The answers of the methods that finish must agree (a disagreement is printed, and is a
bug).  Prints per method the CPU total over the tests it finished, and the ratios.

Usage: ``.venv/bin/python benchmarks/bench_zero_tests.py [--seed 15] [--shape cubic]
[--types 4] [--seconds 300] [--timeout 60]``.
"""

from __future__ import annotations

import sympy as sp
from _common import (
    run_with_timeout,
    solve_for,
    speedup_line,
    survey_game,
    survey_game_options,
)

from alliance_games.solving import field_gcd, plane_signs


def record(game, seconds: int) -> list[tuple]:
    """``(f, x0, y0, q, qy)`` of every zero test while ``game`` is solved for at most
    ``seconds``."""
    calls: list[tuple] = []
    original = plane_signs.vanishes_at

    def spy(f, x0, y0, minimal=None):
        q, qy = minimal if minimal is not None else plane_signs._minimal_polynomials(x0, y0)
        calls.append((f, x0, y0, q, qy))
        return original(f, x0, y0, (q, qy))

    plane_signs.vanishes_at = spy
    try:
        solve_for(game, seconds)
    finally:
        plane_signs.vanishes_at = original
    return calls


def by_isolation(f, x0, y0, q, qy):
    if not (isinstance(x0, sp.CRootOf) and isinstance(y0, sp.CRootOf)):
        return None
    return plane_signs._vanishes_by_isolation(f, x0, y0, q)


def by_field_gcd(f, x0, y0, q, qy):
    return plane_signs._vanishes_by_euclid(f, x0, y0, q, qy)


def by_euclid(f, x0, y0, q, qy):
    saved = plane_signs.field_gcd
    plane_signs.field_gcd = lambda *args: None  # Euclid's algorithm alone
    try:
        return plane_signs._vanishes_by_euclid(f, x0, y0, q, qy)
    finally:
        plane_signs.field_gcd = saved


METHODS = {"isolation": by_isolation, "field gcd": by_field_gcd, "Euclid": by_euclid}


def main() -> None:
    args = survey_game_options(__doc__.splitlines()[0], seed=15, seconds=300, timeout=60)
    if field_gcd.flint is None:
        raise SystemExit("python-flint is not installed: the field gcd cannot run")
    calls = record(survey_game(args.seed, args.shape, args.types), args.seconds)
    print(f"game: {args.types} types, {args.shape}, seed {args.seed}; recorded in "
          f"{args.seconds} s: {len(calls)} zero tests (degrees of y0: "
          f"{sorted({c[4].degree() for c in calls})})")
    results = {name: [run_with_timeout(fn, call, args.timeout) for call in calls]
               for name, fn in METHODS.items()}
    for i, call in enumerate(calls):
        answers = {name: r[i][2] for name, r in results.items()
                   if r[i][0] == "ok" and r[i][2] is not None}
        if len(set(answers.values())) > 1:
            print(f"  DISAGREE on test {i} (degree {call[4].degree()}): {answers}")
    totals = {}
    for name, rows in results.items():
        done = [r for r in rows if r[0] == "ok" and r[2] is not None]
        late = sum(1 for r in rows if r[0] == "timeout")
        open_ = sum(1 for r in rows if r[0] == "ok" and r[2] is None)
        errors = sum(1 for r in rows if r[0] == "error")
        totals[name] = sum(r[1] for r in done)
        print(f"{name:10s} decided {len(done):3d}, left open {open_:3d}, over {args.timeout} s "
              f"{late:3d}, errors {errors}; CPU over those decided {totals[name]:.2f} s, "
              f"slowest {max((r[1] for r in done), default=0):.2f} s")
    both = [i for i in range(len(calls))
            if all(results[n][i][0] == "ok" and results[n][i][2] is not None
                   for n in ("field gcd", "Euclid"))]
    print(speedup_line("tests Euclid finished", results, "field gcd", "Euclid", both))


if __name__ == "__main__":
    main()
