"""Real-root isolation in the two-dimensional decompositions: sympy's continued fractions
against Descartes' rule and bisection on python-flint's polynomials
(``solving/root_isolation.py``, round 60), on the polynomials a survey game meets.

Solves one game of ``survey_simplex.py`` (by default four types, cubic payoffs, seed 11,
which did not finish before round 60) for ``--seconds`` of wall-clock time, recording the
polynomials of every call of ``semialgebraic._real_roots`` (projections and fibers: the
real roots in ``[0, 1]`` are wanted); factors each (sympy, untimed, the same for both);
then, per recorded call and in a child process with a ``--timeout`` (wall clock), with
sympy's root cache emptied first, finds the root objects in ``[0, 1]`` of every factor
two ways:

- ``sympy``: ``Poly.intervals(inf=0, sup=1)`` to drop factors with no root there, then
  ``Poly.real_roots()`` (the only method before round 60; without python-flint);
- ``flint``: ``root_isolation.has_root_in_unit_interval`` and ``root_isolation.real_roots``
  (sympy's root objects, from intervals isolated on python-flint's polynomials).

The two must give the same root objects (a difference is printed, and is a bug).  Prints
each method's CPU total over the calls both finished, and the ratio.

Usage: ``.venv/bin/python benchmarks/bench_root_isolation.py [--seed 11] [--shape cubic]
[--types 4] [--seconds 120] [--timeout 300]``.
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
from sympy.polys.rootoftools import CRootOf

from alliance_games.solving import root_isolation, semialgebraic


def record(game, seconds: int) -> list[list[sp.Poly]]:
    """The distinct monic irreducible factors of the polynomials of every
    ``_real_roots`` call while ``game`` is solved for at most ``seconds``."""
    calls: list[list] = []
    original = semialgebraic._real_roots

    def spy(polys, x):
        calls.append((list(polys), x))
        return original(polys, x)

    semialgebraic._real_roots = spy
    try:
        solve_for(game, seconds)
    finally:
        semialgebraic._real_roots = original
    out = []
    for polys, x in calls:
        factors: dict = {}
        for p in polys:
            p = p if isinstance(p, sp.Poly) and p.gens == (x,) else sp.Poly(p, x, domain="QQ")
            if not p.is_zero and p.degree() > 0:
                for f, _ in p.factor_list()[1]:
                    factors.setdefault(f.monic().as_expr(), f.monic())
        out.append(list(factors.values()))
    return out


def _in_unit(r) -> bool:
    return semialgebraic.algebraic_sign(r) >= 0 and semialgebraic.algebraic_sign(1 - r) >= 0


def by_sympy(factors: list[sp.Poly]) -> list[str]:
    CRootOf.clear_cache()
    return [str(r) for f in factors if f.intervals(inf=0, sup=1)
            for r in f.real_roots() if _in_unit(r)]


def by_flint(factors: list[sp.Poly]) -> list[str]:
    CRootOf.clear_cache()
    return [str(r) for f in factors if root_isolation.has_root_in_unit_interval(f)
            for r in root_isolation.real_roots(f) if _in_unit(r)]


METHODS = {"sympy": by_sympy, "flint": by_flint}


def main() -> None:
    args = survey_game_options(__doc__.splitlines()[0], seed=11, seconds=120, timeout=300)
    if root_isolation.flint is None:
        raise SystemExit("python-flint is not installed: nothing to compare")
    calls = record(survey_game(args.seed, args.shape, args.types), args.seconds)
    degrees = [f.degree() for factors in calls for f in factors]
    print(f"game: {args.types} types, {args.shape}, seed {args.seed}; recorded in "
          f"{args.seconds} s: {len(calls)} calls, {len(degrees)} factors (degree up to "
          f"{max(degrees, default=0)}, {sum(d >= 100 for d in degrees)} of degree 100 or more)")
    results = {name: [run_with_timeout(fn, (factors,), args.timeout) for factors in calls]
               for name, fn in METHODS.items()}
    both = [i for i in range(len(calls))
            if all(results[n][i][0] == "ok" for n in METHODS)]
    for i in both:
        if results["sympy"][i][2] != results["flint"][i][2]:
            print(f"  DIFFER on call {i}: {len(results['sympy'][i][2])} against "
                  f"{len(results['flint'][i][2])} roots")
    for name, rows in results.items():
        late = sum(1 for r in rows if r[0] == "timeout")
        errors = [r[2] for r in rows if r[0] == "error"]
        print(f"{name:6s} finished {sum(r[0] == 'ok' for r in rows):3d} calls, over "
              f"{args.timeout} s {late}, errors {len(errors)} {errors[:1]}; CPU over the "
              f"calls both finished {sum(rows[i][1] for i in both):.2f} s, slowest "
              f"{max((rows[i][1] for i in both), default=0):.2f} s")
    print(speedup_line("calls both finished", results, "flint", "sympy", both))


if __name__ == "__main__":
    main()
