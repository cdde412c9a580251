"""Benchmark: one traced run of the flagship game over two parameters, on python-flint's
rational functions against sympy's field (solving/ratfunc.py), side by side.

The CSA game with ``pi_A`` and ``a`` left symbolic (``alliance_game(point,
symbolic=["pi_A", "a"])``: payoffs are rational functions of both inside the point's
branch region) is solved at the point by the belief engine with traced numbers
(``belief_parametric._traced_run``), and the run's certificate (the irreducible
polynomials whose signs fix every decision) is computed: the work behind each cell of a
parametric solve or map.  Each backend runs in its own fresh process
(``ALLIANCE_GAMES_RATFUNC=flint|sympy``), points interleaved, CPU seconds; the results
(equilibrium labels and the certificate's polynomials with their signs, as sympy
expressions) are compared between the two.

Run:  python benchmarks/bench_traced.py [--points "4,1;16,3;1,0;8,2"]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys

_CHILD = r"""
import json, sys, time
from fractions import Fraction
from alliance_games.alliance.analysis import full_point
from alliance_games.alliance.model import alliance_game
from alliance_games.solving import ratfunc
from alliance_games.solving.belief_parametric import _traced_run, solver_parameters
pi, a = sys.argv[1], sys.argv[2]
point = full_point({"pi_A": pi, "a": a}, theatre="land")
g = alliance_game(point, theatre="land", symbolic=["pi_A", "a"])
params = solver_parameters(g)
x = tuple(Fraction(int(point[q].p), int(point[q].q)) for q in params)
t0 = time.process_time()
res, tracer, _ = _traced_run(g, params, x, False, True)
t1 = time.process_time()
cert = tracer.certificate()
t2 = time.process_time()
out = {"backend": ratfunc.BACKEND, "run": t1 - t0, "certificate": t2 - t1,
       "labels": sorted(str(e.label) for e in res),
       "cert": sorted([str(f.as_expr(*params)), s] for f, s in cert)}
print(json.dumps(out))
"""


def _child(backend: str, pi: str, a: str) -> dict:
    env = dict(os.environ, ALLIANCE_GAMES_RATFUNC=backend)
    done = subprocess.run([sys.executable, "-c", _CHILD, pi, a], env=env, check=True,
                          capture_output=True, text=True, timeout=3600)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--points", default="4,1;16,3;1,0;8,2", help="pi_A,a;pi_A,a;...")
    args = ap.parse_args()
    print(f"load average {os.getloadavg()[0]:.1f}; CPU seconds per point, fresh processes")
    print(f"{'pi_A, a':>10} | {'flint run':>9} {'cert':>7} | {'sympy run':>9} {'cert':>7} | "
          f"{'ratio':>6} | same result")
    tot = {"flint": 0.0, "sympy": 0.0}
    for pt in args.points.split(";"):
        pi, a = pt.split(",")
        got = {b: _child(b, pi, a) for b in ("flint", "sympy")}
        f, s = got["flint"], got["sympy"]
        same = f["labels"] == s["labels"] and f["cert"] == s["cert"]
        tf, ts = f["run"] + f["certificate"], s["run"] + s["certificate"]
        tot["flint"] += tf
        tot["sympy"] += ts
        print(f"{pt:>10} | {f['run']:9.2f} {f['certificate']:7.2f} | {s['run']:9.2f} "
              f"{s['certificate']:7.2f} | {ts / tf:5.1f}x | {same} ({len(f['cert'])} "
              "polynomials)")
    print(f"{'all':>10} | {tot['flint']:17.2f} | {tot['sympy']:17.2f} | "
          f"{tot['sympy'] / tot['flint']:5.1f}x")


if __name__ == "__main__":
    main()
