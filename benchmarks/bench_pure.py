"""Pure-strategy PBE: ``solve(game, pure=True)`` versus Gambit's ``enumpure_agent_solve``.

For random games of size n x n x n (types x messages x actions), n = 2 .. 8, the very same
game is solved by us and, as an extensive game built by ``to_gambit``, by pygambit's
enumeration of pure agent-form (behaviour) profiles.  Each run is in a child process with
a time limit (Gambit: ``--timeout``, default 60 s; ours: ``--our-timeout``, default 600 s).
Gambit's enumeration grows like ``messages**types * actions**messages`` profiles and stops
finishing within 60 s around 5x5x5; once one size times out, larger ones are not tried.
With ``--previous DIR`` (the root of another checkout, e.g. an older commit exported with
``git archive``) that version's ``solve`` is timed on the same games as well.
Times are CPU seconds of the solving process; ratios compare runs made side by side.  Each
child first solves another game of the same size untimed (seed + 1000), with the same
solver, so both sides are timed as a solve in a running session (``--cold`` times the
first solve after the fork instead).

Gambit's agent equilibria include profiles whose off-path receiver action is a best response
to no belief; the column "Gambit with beliefs" counts those that admit consistent beliefs,
which must equal our count.

Run: ``make bench`` or ``.venv/bin/python benchmarks/bench_pure.py [--timeout 60] [--max-n 8]``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from _common import (  # noqa: E402
    fmt_time,
    random_game,
    run_previous,
    run_with_timeout,
    warm_up,
)

from alliance_games import solve  # noqa: E402


def ours(n: int, seed: int) -> int:
    return len(solve(random_game(seed, n, n, n), pure=True, refine=False, progress=False))


def gambit(n: int, seed: int) -> tuple[int, int]:
    import pygambit as gbt
    from _belief_check import admits_consistent_beliefs

    from alliance_games.io.gambit import profile_strategies, to_gambit

    game = random_game(seed, n, n, n)
    gg = to_gambit(game)
    found = gbt.nash.enumpure_agent_solve(gg).equilibria
    consistent = 0
    for profile in found:
        s, r = profile_strategies(gg, game, profile)
        sender = {t: max(row, key=row.get) for t, row in s.items()}
        receiver = {m: max(row, key=row.get) for m, row in r.items()}
        consistent += admits_consistent_beliefs(game, sender, receiver)
    return len(found), consistent


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=60.0, help="limit for Gambit (s)")
    parser.add_argument("--our-timeout", type=float, default=600.0, help="limit for ours (s)")
    parser.add_argument("--max-n", type=int, default=8)
    parser.add_argument("--seeds", type=int, default=1, help="random games per size")
    parser.add_argument("--cold", action="store_true",
                        help="time each solver's first solve in its child (no warm-up game)")
    parser.add_argument("--previous", default=None,
                        help="root of another checkout whose solve to time as well")
    args = parser.parse_args(argv)
    warm_up()
    try:
        import pygambit  # noqa: F401
        have_gambit = True
    except ImportError:
        have_gambit = False
        print("pygambit is not installed: timing our solver only")
    print(f"{'size':8} {'ours':>9} {'#':>5} {'Gambit':>28} {'#agent':>7} {'#beliefs':>8} "
          f"{'Gambit/ours':>11}" + (f" {'previous':>26} {'prev/ours':>9}" if args.previous
                                    else ""))
    gambit_gave_up = previous_gave_up = False
    for n in range(2, args.max_n + 1):
        for seed in range(args.seeds):
            warm = None if args.cold else (n, seed + 1000)
            st_o, t_o, n_o = run_with_timeout(ours, (n, seed), args.our_timeout, warm=warm)
            if have_gambit and not gambit_gave_up:
                st_g, t_g, res_g = run_with_timeout(gambit, (n, seed), args.timeout,
                                                    warm=warm)
                gambit_gave_up = st_g == "timeout"
            else:
                st_g, t_g, res_g = "skipped", 0.0, None
            g_time = "not run (smaller size timed out)" if st_g == "skipped" else \
                fmt_time(st_g, t_g, args.timeout)
            n_agent, n_belief = res_g if st_g == "ok" else ("-", "-")
            ratio = f"{t_g / t_o:.0f}x" if st_o == st_g == "ok" and t_o > 0 else "-"
            line = (f"{n}x{n}x{n:<4} {fmt_time(st_o, t_o, args.our_timeout):>9} "
                    f"{n_o if st_o == 'ok' else '-':>5} {g_time:>28} {n_agent:>7} "
                    f"{n_belief:>8} {ratio:>11}")
            if args.previous:
                if previous_gave_up:
                    st_p, t_p, n_p = "skipped", 0.0, None
                    p_time = "not run"
                else:
                    st_p, t_p, n_p = run_previous(args.previous, (n, n, n), seed, True,
                                                  args.timeout)
                    previous_gave_up = st_p == "timeout"
                    p_time = fmt_time(st_p, t_p, args.timeout)
                p_ratio = f"{t_p / t_o:.1f}x" if st_o == st_p == "ok" and t_o > 0 else "-"
                line += f" {p_time:>26} {p_ratio:>9}"
                if st_o == st_p == "ok" and n_o != n_p:
                    line += f"  MISMATCH with previous ({n_p})"
            print(line, flush=True)
            if st_o == st_g == "ok" and n_o != n_belief:
                print(f"  MISMATCH: ours {n_o}, Gambit with consistent beliefs {n_belief}")


if __name__ == "__main__":
    main()
