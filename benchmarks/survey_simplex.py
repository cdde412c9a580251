"""Survey: how many patterns the exact solver leaves out on random games of three or more
types with belief-dependent payoffs, against another checkout (``--previous DIR``).

Not a timing benchmark: it counts the patterns named in ``SolveResult.notes`` as left out
(not decided exactly), by the reason given, and compares the equilibria found (labels) on
the same games.  Games: three types with prior 1/3 each, two messages, two actions; each
payoff an integer in ``[-2, 2]``, plus, with probability 0.3, 1, -1 or 2 times one type's
posterior (``--shape linear``, the default).  ``--shape quadratic`` instead adds, with
probability 0.2 each, such a multiple of one posterior or of a product of two;
``--shape cubic`` adds with probability 0.2 each one posterior, a product of two or of three;
``--shape actions3`` gives the receiver three actions; ``--types 4`` gives four types
(prior 1/4 each, the same recipe; the default 3 draws the same games as before).  Each
checkout solves every game in one fresh interpreter; a game over ``--timeout`` seconds is
reported as such.  Without ``--previous`` only this checkout is surveyed; with ``--sympy``
it is compared with itself run with ``ALLIANCE_GAMES_RATFUNC=sympy`` (sympy's resultants
and discriminants in the decompositions, :mod:`alliance_games.solving.resultants`,
instead of python-flint's).

Usage: ``.venv/bin/python benchmarks/survey_simplex.py [--previous /tmp/prev | --sympy]
[--seeds 90] [--first 0] [--shape linear] [--types 3] [--timeout 60]``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

SCRIPT = """
import json, signal, sys, time
import alliance_games
from alliance_games import solve
assert alliance_games.__file__.startswith({root!r}), alliance_games.__file__
sys.path.insert(0, {bench!r})
from _common import survey_game  # the games: this benchmark's recipe, for every checkout

def game(seed):
    return survey_game(seed, {shape!r}, {n})

def alarm(*_):
    raise TimeoutError
signal.signal(signal.SIGALRM, alarm)
for seed in range({first}, {first} + {seeds}):
    t = time.process_time()
    signal.alarm({timeout})
    try:
        res = solve(game(seed))
        signal.alarm(0)
        rec = {{"seed": seed, "time": time.process_time() - t, "notes": list(res.notes),
               "labels": sorted(e.label for e in res)}}
    except TimeoutError:
        rec = {{"seed": seed, "timeout": True}}
    except Exception as exc:  # a crash is a finding: report it, go on
        signal.alarm(0)
        rec = {{"seed": seed, "error": f"{{type(exc).__name__}}: {{exc}}"[:300]}}
    print(json.dumps(rec), flush=True)
"""


def survey(root: Path, seeds: int, timeout: int, first: int = 0,
           shape: str = "linear", types: int = 3, env: dict | None = None) -> dict:
    """Each seed's record (notes, labels, CPU seconds, or a timeout) for one checkout,
    run with ``env`` added to the environment."""
    code = SCRIPT.format(root=str(root), seeds=seeds, timeout=timeout, first=first,
                         shape=shape, n=types, bench=str(Path(__file__).resolve().parent))
    out = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True,
                         text=True, check=True,
                         env={**os.environ, **(env or {}), "PYTHONPATH": str(root)})
    return {r["seed"]: r for r in map(json.loads, out.stdout.splitlines())}


def summary(name: str, records: dict) -> None:
    notes = [n for r in records.values() for n in r.get("notes", [])]
    games = sum(1 for r in records.values() if r.get("notes"))
    late = [s for s, r in records.items() if r.get("timeout")]
    crashed = [s for s, r in records.items() if r.get("error")]
    times = sorted(r["time"] for r in records.values() if "time" in r)
    spread = (f"median {times[len(times) // 2]:.1f} s, max {times[-1]:.1f} s CPU" if times
              else "no game finished")
    print(f"{name}: {len(notes)} patterns left out in {games} games; timeouts {late}; "
          f"errors {crashed}; {spread}")
    kinds = Counter(n.split("not decided exactly: ", 1)[-1][:90] for n in notes)
    for kind, count in kinds.most_common():
        print(f"  {count:3d}  {kind}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--previous", type=Path)
    parser.add_argument("--sympy", action="store_true",
                        help="compare with this checkout on sympy's polynomials")
    parser.add_argument("--seeds", type=int, default=90)
    parser.add_argument("--first", type=int, default=0)
    parser.add_argument("--shape", choices=("linear", "quadratic", "cubic", "actions3"),
                        default="linear")
    parser.add_argument("--types", type=int, choices=range(2, 9), default=3)
    parser.add_argument("--timeout", type=int, default=60)
    args = parser.parse_args()
    opts = (args.seeds, args.timeout, args.first, args.shape, args.types)
    here = Path(__file__).resolve().parents[1]
    ours = survey(here, *opts)
    for s, r in sorted(ours.items()):
        if r.get("notes") or r.get("timeout") or r.get("error"):
            print(f"  seed {s}: " + ("timeout" if r.get("timeout") else r.get("error")
                                      or "; ".join(r["notes"]))[:300])
    if args.previous is None and not args.sympy:
        summary("ours", ours)
        return
    if args.sympy:
        prev = survey(here, *opts, env={"ALLIANCE_GAMES_RATFUNC": "sympy"})
    else:
        prev = survey(args.previous.resolve(), *opts)
    summary("sympy" if args.sympy else "previous", prev)
    summary("ours", ours)
    both = [s for s in ours if "labels" in ours[s] and "labels" in prev[s]]
    differ = [s for s in both if set(ours[s]["labels"]) != set(prev[s]["labels"])]
    print(f"games both finished: {len(both)}; whose equilibria differ: {differ}")
    if both:
        ratios = sorted(prev[s]["time"] / max(ours[s]["time"], 1e-9) for s in both)
        print(f"CPU over those games: {sum(prev[s]['time'] for s in both):.1f} s against "
              f"ours {sum(ours[s]['time'] for s in both):.1f} s; median ratio "
              f"{ratios[len(ratios) // 2]:.2f}, range {ratios[0]:.2f} to {ratios[-1]:.2f}")


if __name__ == "__main__":
    main()
