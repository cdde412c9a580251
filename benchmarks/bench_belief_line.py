"""Benchmark: the exact one-parameter solve of belief-dependent games, against another
checkout of this package (``--previous DIR``) on the same games.

Games: random two-type games whose payoffs are constants, linear in the parameter ``p``,
in the belief, or ``p`` times the belief (``tests/_random_games.line_game``, the games of
``tests/test_belief_parametric``), with two or three messages and two actions, ``p`` in
``(-2, 3)``.  Each game is solved by
``solve(game)`` in a fresh interpreter per checkout (CPU time after one untimed warm-up
solve of beer-quiche), ours and the previous alternating; a game that takes longer than
``--timeout`` seconds is reported as such.  The results are compared as text: each
equilibrium's label (without its number ``#k``: equilibria of one pattern at several
isolated points are numbered in the order the exploration meets them) and condition,
and ``undecided``.

With ``--flagship sea land`` the games are instead the flagship model with one parameter
left symbolic (``alliance_game(symbolic=[name], theatre=...)``), for every parameter
that enters the theatre's game (or those named by ``--parameters``).

Usage: ``.venv/bin/python benchmarks/bench_belief_line.py --previous /tmp/prev
[--messages 2 3] [--seeds 0 1 2 3] [--timeout 300]``, or ``... --previous /tmp/prev
--flagship sea land [--parameters pi_A d]``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
from pathlib import Path

from alliance_games.alliance.parameters import baseline

SCRIPT = """
import sys, time, warnings
import alliance_games
from alliance_games import solve
from alliance_games.examples import beer_quiche
warnings.simplefilter("ignore")
assert alliance_games.__file__.startswith({root!r}), alliance_games.__file__
solve(beer_quiche())  # warm-up
{make_game}
if not (game.has_belief_payoffs and game.is_parametric):
    print("skip")
    sys.exit(0)
start = time.process_time()
res = solve(game)
seconds = time.process_time() - start
text = sorted(f"{{e.label.split(' #')[0]}} @ {{e.condition}}" for e in res)
text.append(f"undecided {{res.undecided}}")
print(seconds)
print(" | ".join(text))
"""


RANDOM_GAME = """
sys.path.insert(0, {tests!r})  # this checkout's generator, for both versions
from _random_games import line_game
game = line_game({seed}, {messages})
"""

FLAGSHIP_GAME = """
from alliance_games.alliance.model import alliance_game
game = alliance_game(symbolic=[{name!r}], theatre={theatre!r})
if len(game.parameters) != 1:  # the parameter does not enter this theatre's game
    print("skip")
    sys.exit(0)
"""


def run(root: Path, make_game: str, timeout: float) -> tuple[str, float, str]:
    """``("ok"|"skip"|"timeout"|"error", CPU seconds, result text)``."""
    code = SCRIPT.format(root=str(root), make_game=make_game)
    env = dict(os.environ, PYTHONPATH=str(root))
    try:
        done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                              text=True, timeout=timeout, check=False, cwd=root)
    except subprocess.TimeoutExpired:
        return "timeout", timeout, ""
    if done.returncode != 0:
        return "error", 0.0, done.stderr.strip().splitlines()[-1] if done.stderr else ""
    lines = done.stdout.strip().splitlines()
    if lines[-1] == "skip":
        return "skip", 0.0, ""
    return "ok", float(lines[-2]), lines[-1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--previous", type=Path, required=True,
                    help="a checkout of another version (its alliance_games/ is imported)")
    ap.add_argument("--messages", type=int, nargs="+", default=[2, 3])
    ap.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2, 3])
    ap.add_argument("--timeout", type=float, default=300.0)
    ap.add_argument("--flagship", nargs="*", choices=["sea", "land"], default=None,
                    help="the flagship with one symbolic parameter, in these theatres")
    ap.add_argument("--parameters", nargs="+", default=None,
                    help="with --flagship: these parameters (default: every one)")
    args = ap.parse_args()
    ours = Path(__file__).resolve().parent.parent
    previous = args.previous.resolve()
    tests = str(ours / "tests")
    if args.flagship is None:
        games = [(f"{messages} messages, seed {seed}",
                  RANDOM_GAME.format(tests=tests, seed=seed, messages=messages))
                 for messages in args.messages for seed in args.seeds]
    else:
        names = args.parameters or [str(x) for x in baseline()]
        games = [(f"{theatre} {name}", FLAGSHIP_GAME.format(name=name, theatre=theatre))
                 for theatre in args.flagship for name in names]
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    ratios, mismatches, totals = [], 0, [0.0, 0.0]
    for title, make_game in games:
        a = run(ours, make_game, args.timeout)
        if a[0] == "skip":
            continue
        b = run(previous, make_game, args.timeout)
        same = a[0] == b[0] == "ok" and a[2] == b[2]
        mismatches += a[0] == b[0] == "ok" and not same
        if a[0] == b[0] == "ok" and a[1] > 0:
            ratios.append(b[1] / a[1])
            totals = [totals[0] + a[1], totals[1] + b[1]]
        show = [f"{s:.2f} s" if st == "ok" else st for st, s, _ in (a, b)]
        ratio = f"{b[1] / a[1]:.2f}x" if a[0] == b[0] == "ok" and a[1] > 0 else \
            ("faster (previous timed out)" if a[0] == "ok" and b[0] == "timeout" else "-")
        print(f"{title}: ours {show[0]}, previous {show[1]}, "
              f"speed-up {ratio}, same result: {same if a[0] == b[0] == 'ok' else '-'}")
    if ratios:
        print(f"median speed-up over {len(ratios)} games solved by both: "
              f"{statistics.median(ratios):.2f}x; results differing: {mismatches}; "
              f"CPU in all of them: ours {totals[0]:.1f} s, previous {totals[1]:.1f} s")
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
