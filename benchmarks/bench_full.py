"""All equilibria: our full ``solve`` versus Gambit's ``enummixed_solve`` and ``enumpoly_solve``.

For random games of size 2x2x2 and 3x3x3 (types x messages x actions) we time our exact
``solve(game)`` (every PBE, continua reported once as families) against pygambit on the
game built by ``to_gambit``:

* ``enummixed_solve`` (exact, strategic form): all extreme Nash equilibria of the
  induced strategic form, which has ``messages**types`` x ``actions**messages`` strategies;
* ``enumpoly_solve`` (floating point, behaviour strategies): equilibria found by
  enumerating supports of the extensive game.

The counts measure different things (Nash versus perfect Bayesian; extreme points versus
families), so compare times, and treat counts as a sanity check only.  Each run is in a
child process with a time limit (``--timeout``, default 60 s); a run that hits it is
reported as "did not finish within T s".

Run: ``make bench`` or ``.venv/bin/python benchmarks/bench_full.py [--timeout 60]``.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import fmt_time, random_game, run_with_timeout  # noqa: E402

from alliance_games import solve  # noqa: E402

SIZES = [(2, 2, 2), (3, 3, 3)]


def ours(size: tuple[int, int, int], seed: int) -> tuple[int, int]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = solve(random_game(seed, *size), refine=False)
    return len(result), sum(eq.is_family for eq in result)


def enummixed(size: tuple[int, int, int], seed: int) -> int:
    import pygambit as gbt

    from alliance_games.io.gambit import to_gambit

    return len(gbt.nash.enummixed_solve(to_gambit(random_game(seed, *size))).equilibria)


def enumpoly(size: tuple[int, int, int], seed: int) -> int:
    import pygambit as gbt

    from alliance_games.io.gambit import to_gambit

    return len(gbt.nash.enumpoly_solve(to_gambit(random_game(seed, *size))).equilibria)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("--seeds", type=int, default=2, help="random games per size")
    args = parser.parse_args(argv)
    try:
        import pygambit  # noqa: F401
        have_gambit = True
    except ImportError:
        have_gambit = False
        print("pygambit is not installed: timing our solver only")
    for size in SIZES:
        for seed in range(args.seeds):
            name = "x".join(map(str, size)) + f" #{seed}"
            st, t_o, res = run_with_timeout(ours, (size, seed), args.timeout)
            count = f"{res[0]} equilibria ({res[1]} families)" if st == "ok" else ""
            print(f"{name}: ours {fmt_time(st, t_o, args.timeout)} {count}", flush=True)
            if not have_gambit:
                continue
            for label, fn in (("enummixed_solve", enummixed), ("enumpoly_solve", enumpoly)):
                st_g, t_g, n_g = run_with_timeout(fn, (size, seed), args.timeout)
                if st == st_g == "ok" and t_o > 0:
                    ratio = f"Gambit/ours = {t_g / t_o:.2f}"
                elif st_g == "timeout":
                    ratio = f"did not finish within {args.timeout:g} s"
                else:
                    ratio = "-"
                found = f"{n_g} equilibria" if st_g == "ok" else ""
                print(f"{'':{len(name)}}  {label} {fmt_time(st_g, t_g, args.timeout)} "
                      f"{found}; {ratio}", flush=True)


if __name__ == "__main__":
    main()
