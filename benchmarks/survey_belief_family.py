"""Survey: how many continua of two-type belief-dependent games keep the note that their
Intuitive Criterion and D1 verdicts are only the representative's, against another
checkout (``--previous DIR``).

Not a timing benchmark first: it counts, on the random games of
``tests/test_belief_family.py`` (``tests/_random_games.belief_game``: two types, prior
1/2, small integer payoffs, some plus a multiple of ``mu(H)``), the equilibria that carry
:data:`~alliance_games.solving.refinements.family.VERDICT_NOTE` (continua that
:func:`~alliance_games.solving.belief_family.split_belief_family` could not split by
their members' verdicts), the equilibria reported, and the patterns left undecided, and
it reports each checkout's CPU time over the games both finished.  With ``--line`` the
games are instead ``tests/_random_games.line_game`` (``test_belief_parametric``'s: two
types, two actions, one parameter ``p``), solved by ``solve``, and the noted equilibria
are counted also by where they exist: at isolated values of ``p`` or over intervals.
Both checkouts run side by side (one process each) on this checkout's recipe of the
games; a game over ``--timeout`` seconds is reported as such.

Usage: ``.venv/bin/python benchmarks/survey_belief_family.py [--previous /tmp/prev]
[--seeds 100] [--first 0] [--shapes 2x3,3x2,3x3] [--timeout 120] [--line]``
(with ``--line``, shapes ``2x2,3x2``: messages x two actions).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from _common import children_rows

SCRIPT = """
import json, signal, sys, time
import alliance_games
assert alliance_games.__file__.startswith({root!r}), alliance_games.__file__
sys.path.insert(0, {tests!r})
import sympy as sp
from _random_games import belief_game, line_game  # the games: this checkout's recipe
from alliance_games import solve
from alliance_games.solving.belief_payoffs import solve_belief_game
from alliance_games.solving.refinements.family import VERDICT_NOTE

def alarm(*_):
    raise TimeoutError
signal.signal(signal.SIGALRM, alarm)
games = [(seed, shape) for seed in range({first}, {first} + {seeds}) for shape in {shapes!r}]
for seed, (n_m, n_a) in games[int(sys.argv[-1]):]:
    t = time.process_time()
    signal.alarm({timeout})
    try:
        if {line}:
            game = line_game(seed, n_m)
            if not (game.has_belief_payoffs and game.is_parametric):
                signal.alarm(0)
                print(json.dumps({{"game": [seed, n_m, n_a], "skip": True}}), flush=True)
                continue
            res = solve(game)
        else:
            res = solve_belief_game(belief_game(seed, n_m, n_a))
        signal.alarm(0)
        rec = {{"time": time.process_time() - t, "equilibria": len(res),
               "noted": sorted(e.label for e in res if VERDICT_NOTE in e.notes),
               "at_points": sum(VERDICT_NOTE in e.notes and isinstance(
                   sp.sympify(e.condition).as_set(), sp.FiniteSet) for e in res),
               "undecided": len(getattr(res, "undecided_patterns", ()) or ())}}
    except TimeoutError:
        rec = {{"timeout": True}}
    print(json.dumps({{"game": [seed, n_m, n_a], **rec}}), flush=True)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--previous", type=Path)
    parser.add_argument("--seeds", type=int, default=100)
    parser.add_argument("--first", type=int, default=0)
    parser.add_argument("--shapes", default="2x3,3x2,3x3",
                        help="messages x actions of the games, comma-separated")
    parser.add_argument("--timeout", type=int, default=120)
    parser.add_argument("--line", action="store_true",
                        help="one-parameter games (line_game) instead of numeric ones")
    args = parser.parse_args()
    shapes = [tuple(int(k) for k in s.split("x")) for s in args.shapes.split(",")]
    here = Path(__file__).resolve().parents[1]
    checkouts = {"ours": here}
    if args.previous is not None:
        checkouts["previous"] = args.previous.resolve()
    jobs = {name: (root, SCRIPT.format(root=str(root), tests=str(here / "tests"),
                                       first=args.first, seeds=args.seeds, shapes=shapes,
                                       timeout=args.timeout, line=args.line), ())
            for name, root in checkouts.items()}
    rows = {name: {tuple(r["game"]): r for r in found if not r.get("skip")}
            for name, found in children_rows(jobs).items()}
    for name in reversed(list(checkouts)):
        found = rows[name].values()
        done = [r for r in found if "time" in r]
        print(f"{name}: {len(done)} of {len(found)} games finished "
              f"(timeouts {[r['game'] for r in found if r.get('timeout')]}); "
              f"{sum(r['equilibria'] for r in done)} equilibria, "
              f"{sum(len(r['noted']) for r in done)} with the verdict note in "
              f"{sum(1 for r in done if r['noted'])} games "
              f"({sum(r['at_points'] for r in done)} at isolated parameter values); "
              f"{sum(r['undecided'] for r in done)} patterns undecided")
    if "previous" not in rows:
        return
    ours, prev = rows["ours"], rows["previous"]
    both = [g for g in ours if "time" in ours[g] and "time" in prev.get(g, {})]
    fewer = [g for g in both if len(ours[g]["noted"]) < len(prev[g]["noted"])]
    more = [g for g in both if len(ours[g]["noted"]) > len(prev[g]["noted"])]
    print(f"games both finished: {len(both)}; fewer notes in {len(fewer)}, more in "
          f"{len(more)} {more}")
    if both:
        t_ours = sum(ours[g]["time"] for g in both)
        t_prev = sum(prev[g]["time"] for g in both)
        slowest = max(both, key=lambda g: ours[g]["time"] - prev[g]["time"])
        print(f"CPU over those games: ours {t_ours:.1f} s, previous {t_prev:.1f} s "
              f"(ratio {t_prev / max(t_ours, 1e-9):.2f}); the largest increase "
              f"{ours[slowest]['time'] - prev[slowest]['time']:+.1f} s at {list(slowest)}")


if __name__ == "__main__":
    main()
