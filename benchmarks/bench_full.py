"""All equilibria: our full ``solve`` versus Gambit's ``enummixed_solve`` and ``enumpoly_solve``.

For random games of size 2x2x2, 3x3x3 and 4x4x4 (types x messages x actions) we time our
exact ``solve(game)`` (every PBE, continua reported once as families) against pygambit on
the game built by ``to_gambit``:

* ``enummixed_solve`` (exact, strategic form): all extreme Nash equilibria of the
  induced strategic form, which has ``messages**types`` x ``actions**messages`` strategies;
* ``enumpoly_solve`` (floating point, behaviour strategies): equilibria found by
  enumerating supports of the extensive game.

The counts measure different things (Nash versus perfect Bayesian; extreme points versus
families), so compare times, and treat counts as a sanity check only.  Each run is in a
child process with a time limit (``--timeout``, default 60 s); a run that hits it is
reported as "did not finish within T s".  With ``--previous DIR`` (the root of another
checkout) that version's ``solve`` is timed on the same games too.  Times are CPU seconds
of the solving process.

Run: ``make bench`` or ``.venv/bin/python benchmarks/bench_full.py [--timeout 60]``.
Ours against a previous commit on the 4x4x4 games of seeds 0-4 (issue 10, aim 4), without
Gambit, with a summary table and the machine's load average before and after::

    git archive <commit> | tar -x -C /tmp/prev
    .venv/bin/python benchmarks/bench_full.py --sizes 4 --seeds 5 --no-gambit \
        --previous /tmp/prev
"""

from __future__ import annotations

import argparse
import os
import sys
import warnings
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import (  # noqa: E402
    fmt_time,
    random_game,
    run_previous,
    run_with_timeout,
    warm_up,
)

from alliance_games import solve  # noqa: E402

SIZES = [(2, 2, 2), (3, 3, 3), (4, 4, 4)]


def ours(size: tuple[int, int, int], seed: int) -> tuple[int, int]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = solve(random_game(seed, *size), refine=False, progress=False)
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
    parser.add_argument("--sizes", default="2,3,4", help="n for the n x n x n games")
    parser.add_argument("--first-seed", type=int, default=0, help="seed of the first game")
    parser.add_argument("--no-gambit", action="store_true", help="do not time pygambit")
    parser.add_argument("--previous", default=None,
                        help="root of another checkout whose solve to time as well")
    args = parser.parse_args(argv)
    print("load average (1, 5, 15 min) before: " + _load(), flush=True)
    warm_up()
    sizes = [(n, n, n) for n in map(int, args.sizes.split(","))]
    have_gambit = False
    if not args.no_gambit:
        try:
            import pygambit  # noqa: F401
            have_gambit = True
        except ImportError:
            print("pygambit is not installed: timing our solver only")
    gave_up: dict = {}  # method -> smallest size at which it timed out
    table = []  # (game, ours, previous, ratio, equilibria)
    for size in sizes:
        for seed in range(args.first_seed, args.first_seed + args.seeds):
            name = "x".join(map(str, size)) + f" #{seed}"
            st, t_o, res = run_with_timeout(ours, (size, seed), args.timeout)
            count = f"{res[0]} equilibria ({res[1]} families)" if st == "ok" else ""
            print(f"{name}: ours {fmt_time(st, t_o, args.timeout)} {count}", flush=True)
            row = [name, fmt_time(st, t_o, args.timeout), "-", "-", count or "-"]
            table.append(row)
            others = []
            if have_gambit:
                others += [("enummixed_solve", partial(run_with_timeout, enummixed,
                                                       (size, seed), args.timeout)),
                           ("enumpoly_solve", partial(run_with_timeout, enumpoly,
                                                      (size, seed), args.timeout))]
            if args.previous:
                others.append(("previous solve", partial(run_previous, args.previous, size,
                                                         seed, False, args.timeout)))
            for label, run in others:
                if gave_up.get(label, size) < size:
                    print(f"{'':{len(name)}}  {label} not run (a smaller size timed out)")
                    continue
                st_g, t_g, n_g = run()
                if st_g == "timeout":
                    gave_up[label] = min(gave_up.get(label, size), size)
                if st == st_g == "ok" and t_o > 0:
                    ratio = f"{label.split()[0]}/ours = {t_g / t_o:.1f}x"
                else:
                    ratio = "-"
                found = f"{n_g} equilibria" if st_g == "ok" else ""
                print(f"{'':{len(name)}}  {label} {fmt_time(st_g, t_g, args.timeout)} "
                      f"{found}; {ratio}", flush=True)
                if label == "previous solve":
                    row[2] = fmt_time(st_g, t_g, args.timeout)
                    row[3] = ratio.split(" = ")[-1]
                    if st == st_g == "ok" and n_g != res[0]:
                        row[4] += f" (previous: {n_g})"
    print("load average (1, 5, 15 min) after: " + _load())
    if args.previous:
        print("\n| game | ours (CPU) | previous (CPU) | previous / ours | equilibria |")
        print("|------|------------|----------------|-----------------|------------|")
        for row in table:
            print("| " + " | ".join(row) + " |")


def _load() -> str:
    try:
        return ", ".join(f"{x:.2f}" for x in os.getloadavg()) + f" on {os.cpu_count()} cores"
    except OSError:
        return "unknown"


if __name__ == "__main__":
    main()
