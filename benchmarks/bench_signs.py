"""Benchmark: the package's one exact sign (``algebraic_sign``) on numbers of a tower of
square roots over one root, against another checkout of the package, side by side.

Such numbers are where the flagship's regions end at sea: ``x`` a root of a quadratic
whose coefficients are in the field of a root ``g`` (``x = (b +- sqrt(b**2 + 4 c)) / 2``,
``b, c`` in ``Q(g)``).  For each of four polynomials of ``g`` (degrees 3, 4, 2 and 6) and
each seed, four numbers: ``x`` put back in its quadratic (exactly 0), ``x`` minus its
value written without the square root when ``b**2 + 4 c`` is a square in ``Q(g)``
(exactly 0), ``x`` minus a rational within ``1e-40`` of it, and ``x`` minus a random
polynomial in ``x``.  Each checkout runs in its own process (``PYTHONPATH``; the two at
once), CPU seconds per call, with a wall-clock limit per call (``--timeout``) past which
the call counts as "timeout"; the signs of calls that both finish must agree.

Run:  python benchmarks/bench_signs.py [--seeds 6] [--previous PATH] [--timeout 30]
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import RESTART, children_rows  # noqa: E402

_CHILD = r"""
import json, random, signal, sys, time
import sympy as sp
from alliance_games.solving.algebraic import algebraic_sign

class Late(BaseException):
    pass

def late(*_):
    raise Late

seeds, timeout, skip = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
calls = 0
X = sp.Symbol("x")
polys = [X**3 - X - 1, 7 * X**4 - 3 * X**2 - 1, X**2 - 1065, X**6 + 3 * X**5 - X**2 - 4 * X + 2]
signal.signal(signal.SIGALRM, late)
for seed in range(seeds):
    for which, f in enumerate(polys):
        g = max(r for r in sp.Poly(f, X).all_roots() if r.is_real)
        for kind in ("zero", "square", "near", "any"):
            calls += 1
            if calls <= skip:  # done by an earlier process
                continue
            rng = random.Random(f"{seed}-{which}-{kind}")
            def element():
                k = [sp.Rational(rng.randint(-6, 6), rng.randint(1, 3)) for _ in range(4)]
                den = k[3] + g
                return (k[0] + k[1] * g + k[2] * g**2) / (den if den != 0 else 1 + g**2)
            b = element()
            if kind == "square":
                w = element()
                c = sp.expand(w**2 - b**2) / 4
            else:
                c = element() ** 2 + sp.Rational(1, 7)
            sign = rng.choice([-1, 1])
            x = (b + sign * sp.sqrt(sp.expand(b**2 + 4 * c))) / 2
            if kind == "zero":
                n = x**2 - b * x - c
            elif kind == "square":
                n = x - (b + sign * (w if sp.N(w, 50) > 0 else -w)) / 2
            elif kind == "near":
                n = x - sp.Rational(sp.N(x, 60))
            else:
                n = x - (element() * x**2 + element() * x + element())
            signal.alarm(timeout)
            t = time.process_time()
            try:
                s = algebraic_sign(n)
            except Late:
                s = None
            signal.alarm(0)
            print(json.dumps({"key": f"{seed}-{which}-{kind}", "kind": kind, "sign": s,
                              "cpu": round(time.process_time() - t, 3)}), flush=True)
            if s is None:  # an interrupted sympy may fail later: a fresh process
                sys.exit({restart})
""".replace("{restart}", str(RESTART))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=int, default=6)
    ap.add_argument("--timeout", type=int, default=30, help="wall-clock seconds per call")
    ap.add_argument("--previous", type=Path, help="another checkout to compare (its root)")
    args = ap.parse_args()
    here = Path(__file__).resolve().parents[1]
    jobs = {"this": (here, _CHILD, (args.seeds, args.timeout))}
    if args.previous is not None:  # at the same time, one core each
        jobs["previous"] = (args.previous.resolve(), _CHILD, (args.seeds, args.timeout))
    rows = children_rows(jobs)
    print(f"algebraic_sign on tower numbers, {args.seeds} seeds x 4 fields, CPU s "
          f"(limit {args.timeout} s per call)")
    print(f"{'kind':8} {'checkout':10} {'calls':>6} {'total':>9} {'median':>8} {'max':>8} "
          f"{'timeouts':>9}")
    for kind in ("zero", "square", "near", "any"):
        for key, got in rows.items():
            mine = [r for r in got if r["kind"] == kind]
            cpu = sorted(r["cpu"] for r in mine)
            late = sum(1 for r in mine if r["sign"] is None)
            print(f"{kind:8} {key:10} {len(mine):6} {sum(cpu):9.2f} {cpu[len(cpu) // 2]:8.3f} "
                  f"{cpu[-1]:8.3f} {late:9}")
    if "previous" in rows:
        old = {r["key"]: r for r in rows["previous"]}
        both = [(r, old[r["key"]]) for r in rows["this"] if r["key"] in old
                and r["sign"] is not None and old[r["key"]]["sign"] is not None]
        differ = [r["key"] for r, o in both if r["sign"] != o["sign"]]
        totals = defaultdict(float)
        for r, o in both:
            totals["this"] += r["cpu"]
            totals["previous"] += o["cpu"]
        print(f"\nboth finished: {len(both)} calls, signs differ on {len(differ)} {differ[:5]}; "
              f"CPU {totals['this']:.1f} s this, {totals['previous']:.1f} s previous "
              f"(ratio {totals['previous'] / max(totals['this'], 1e-9):.1f})")


if __name__ == "__main__":
    main()
