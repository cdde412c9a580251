"""Survey: how many patterns the exact solver leaves out on random three-type games with
belief-dependent payoffs, against another checkout of this package (``--previous DIR``).

Not a timing benchmark: it counts the patterns named in ``SolveResult.notes`` as left out
(not decided exactly), by the reason given, and compares the equilibria found (labels) on
the same games.  Games: three types with prior 1/3 each, two messages, two actions; each
payoff an integer in ``[-2, 2]``, plus, with probability 0.3, 1, -1 or 2 times one type's
posterior.  Each checkout solves every game in one fresh interpreter; a game over
``--timeout`` seconds is reported as such.

Usage: ``.venv/bin/python benchmarks/survey_simplex.py --previous /tmp/prev
[--seeds 90] [--timeout 60]``.
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
import json, random, signal, sys, time
import sympy as sp
import alliance_games
from alliance_games import SignallingGame, belief, solve
assert alliance_games.__file__.startswith({root!r}), alliance_games.__file__

def game(seed):
    rng = random.Random(seed)
    mus = [belief(n) for n in "ABC"]
    def entry():
        r, c = rng.random(), sp.Integer(rng.randint(-2, 2))
        return c + rng.choice([1, -1, 2]) * rng.choice(mus) if r < 0.3 else c
    tables = [[[[entry() for _ in range(2)] for _ in range(2)] for _ in range(3)]
              for _ in range(2)]
    return SignallingGame.from_arrays([sp.Rational(1, 3)] * 3, *tables, types=list("ABC"))

def alarm(*_):
    raise TimeoutError
signal.signal(signal.SIGALRM, alarm)
for seed in range({seeds}):
    t = time.process_time()
    signal.alarm({timeout})
    try:
        res = solve(game(seed))
        signal.alarm(0)
        rec = {{"seed": seed, "time": time.process_time() - t, "notes": list(res.notes),
               "labels": sorted(e.label for e in res)}}
    except TimeoutError:
        rec = {{"seed": seed, "timeout": True}}
    print(json.dumps(rec), flush=True)
"""


def survey(root: Path, seeds: int, timeout: int) -> dict:
    """Each seed's record (notes, labels, CPU seconds, or a timeout) for one checkout."""
    code = SCRIPT.format(root=str(root), seeds=seeds, timeout=timeout)
    out = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True,
                         text=True, check=True, env={**os.environ, "PYTHONPATH": str(root)})
    return {r["seed"]: r for r in map(json.loads, out.stdout.splitlines())}


def summary(name: str, records: dict) -> None:
    notes = [n for r in records.values() for n in r.get("notes", [])]
    games = sum(1 for r in records.values() if r.get("notes"))
    late = [s for s, r in records.items() if r.get("timeout")]
    times = sorted(r["time"] for r in records.values() if "time" in r)
    print(f"{name}: {len(notes)} patterns left out in {games} games; timeouts {late}; "
          f"median {times[len(times) // 2]:.1f} s, max {times[-1]:.1f} s CPU")
    kinds = Counter(n.split("not decided exactly: ", 1)[-1][:90] for n in notes)
    for kind, count in kinds.most_common():
        print(f"  {count:3d}  {kind}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--previous", type=Path, required=True)
    parser.add_argument("--seeds", type=int, default=90)
    parser.add_argument("--timeout", type=int, default=60)
    args = parser.parse_args()
    ours = survey(Path(__file__).resolve().parents[1], args.seeds, args.timeout)
    prev = survey(args.previous.resolve(), args.seeds, args.timeout)
    summary("previous", prev)
    summary("ours", ours)
    differ = [s for s in ours if set(ours[s].get("labels", ())) != set(prev[s].get("labels", ()))]
    print(f"games whose equilibria differ: {differ}")


if __name__ == "__main__":
    main()
