"""Benchmark: ``verify`` at the algebraic ends of the flagship's regions, against
``verify`` of the same equilibria at rational points next to them, and (``--previous``)
against another checkout of the package on the same ends, side by side.

``solve(alliance_game(symbolic=[name], theatre=...))`` gives each equilibrium its exact
region; the regions' ends are rationals, quadratic irrationals (``37 - sqrt(1065)``) and
roots of higher degree (``2 CRootOf(31 x**8 + ..., 5)``).  Each equilibrium that holds
at an irrational end is verified there (``verify(g, e, values={p: end})``), and, where
its region reaches past the end, at the rational ``end +- 10**-6`` inside it: the cost of
exactness at an algebraic number against the cost at a plain rational.  Each checkout
runs in its own process (``PYTHONPATH``; the two at once), solving once and then timing
each ``verify`` in CPU seconds, with a wall-clock limit per call (``--timeout``) past
which the call counts as "timeout".

With ``--line-seeds 94,116,...`` it times instead ``verify`` on the random one-parameter
belief-dependent games of ``tests/_random_games.line_game`` (two types, two messages, two
actions), at the rationals ``x +- 10**-6`` next to each rational end ``x`` of the
conditions, for every equilibrium that holds there (the points where a side run of the
solver against point-wise solving found ``verify`` undecided: mixed equilibria whose
numbers hold the square roots of three large integers and their products).

Run:  python benchmarks/bench_verify.py [--name pi_A] [--theatre sea] [--previous PATH]
      python benchmarks/bench_verify.py --line-seeds 94,116,124,125 [--previous PATH]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import RESTART, children_rows  # noqa: E402

_CHILD = r"""
import json, signal, sys, time
import sympy as sp
from alliance_games import solve, verify
from alliance_games.alliance.model import alliance_game

class Late(BaseException):  # not an Exception: nothing inside verify may catch it
    pass

def late(*_):
    raise Late

name, theatre, timeout, skip = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
g = alliance_game(symbolic=[name], theatre=theatre)
(p,) = [q for q in g.parameters if str(q) == name]
res = solve(g)
ends = set()
for e in res:
    for r in e.condition.atoms(sp.core.relational.Relational):
        x = r.rhs if r.lhs == p else r.lhs if r.rhs == p else None
        if x is not None and x.is_number and not x.is_Rational:
            ends.add(x)
tiny = sp.Rational(1, 10**6)
signal.signal(signal.SIGALRM, late)
calls = 0
for x in sorted(ends, key=lambda v: float(v)):
    near = sp.Rational(sp.N(x, 30))
    for e in res:
        if e.condition.subs(p, x) != sp.true:
            continue
        points = [("end", x)] + [("near", near + d) for d in (tiny, -tiny)
                                 if e.condition.subs(p, near + d) == sp.true][:1]
        for where, v in points:
            calls += 1
            if calls <= skip:  # done by an earlier process
                continue
            signal.alarm(timeout)
            t = time.process_time()
            try:
                out = verify(g, e, values={p: v})
                ok, failure = out.ok, (out.failures[0][:120] if out.failures else "")
            except Late:
                ok, failure = None, "timeout"
            except Exception as exc:  # a verify that raises (it should never) is recorded
                ok, failure = False, f"raised {type(exc).__name__}"
            signal.alarm(0)
            print(json.dumps({"end": str(x), "label": e.label, "where": where,
                              "ok": ok, "cpu": round(time.process_time() - t, 2),
                              "failure": failure}), flush=True)
            if failure == "timeout":  # an interrupted sympy may fail later: a fresh process
                sys.exit({restart})
""".replace("{restart}", str(RESTART))

_LINE_CHILD = r"""
import json, signal, sys, time
import sympy as sp
from alliance_games import solve, verify
sys.path.insert(0, {tests!r})
from _random_games import line_game

class Late(BaseException):
    pass

def late(*_):
    raise Late

seeds, timeout, skip = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
p = sp.Symbol("p")
tiny = sp.Rational(1, 10**6)
signal.signal(signal.SIGALRM, late)
calls = 0
for seed in map(int, seeds.split(",")):
    g = line_game(seed)
    res = solve(g)
    ends = {{r.rhs if r.lhs == p else r.lhs for e in res
             for r in e.condition.atoms(sp.core.relational.Relational)}}
    points = sorted({{x + d for x in ends if x.is_Rational and -2 < x < 3
                      for d in (tiny, -tiny)}})
    for v in points:
        for e in res:
            if e.condition.subs(p, v) != sp.true:
                continue
            calls += 1
            if calls <= skip:
                continue
            signal.alarm(timeout)
            t = time.process_time()
            try:
                out = verify(g, e, values={{p: v}})
                ok, failure = out.ok, (out.failures[0][:120] if out.failures else "")
            except Late:
                ok, failure = None, "timeout"
            except Exception as exc:
                ok, failure = False, f"raised {{type(exc).__name__}}"
            signal.alarm(0)
            print(json.dumps({{"end": f"{{seed}}: {{v}}", "label": e.label, "where": "near",
                              "ok": ok, "cpu": round(time.process_time() - t, 2),
                              "failure": failure}}), flush=True)
            if failure == "timeout":
                sys.exit({restart})
""".format(tests=str(Path(__file__).resolve().parents[1] / "tests"), restart=RESTART)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--name", default="pi_A")
    ap.add_argument("--theatre", default="sea")
    ap.add_argument("--timeout", type=int, default=120, help="wall-clock seconds per call")
    ap.add_argument("--previous", type=Path, help="another checkout to compare (its root)")
    ap.add_argument("--line-seeds", help="comma-separated seeds of line_game instead")
    args = ap.parse_args()
    here = Path(__file__).resolve().parents[1]
    if args.line_seeds:
        _line_games(here, args)
        return
    jobs = {"this": (here, _CHILD, (args.name, args.theatre, args.timeout))}
    if args.previous is not None:  # at the same time, one core each
        jobs["old"] = (args.previous.resolve(), _CHILD, (args.name, args.theatre, args.timeout))
    rows = children_rows(jobs)
    old = {(r["end"], r["label"], r["where"]): r for r in rows.get("old", [])}
    near = {(r["end"], r["label"]): r for r in rows["this"] if r["where"] == "near"}

    def show(r: dict | None) -> str:
        if r is None:
            return "-"
        verdict = "ok" if r["ok"] else r["failure"][:30] if r["ok"] is not None else "timeout"
        return f"{r['cpu']:.2f} s {verdict}"

    print(f"verify on {args.name} ({args.theatre}) at the regions' irrational ends, CPU s")
    print(f"{'end':42} {'equilibrium':40} {'this, at the end':>22} {'this, next to it':>18}"
          + (f" {'previous, at the end':>24}" if "old" in rows else ""))
    for r in rows["this"]:
        if r["where"] != "end":
            continue
        line = (f"{r['end'][:40]:42} {r['label']:40} {show(r):>22} "
                f"{show(near.get((r['end'], r['label']))):>18}")
        if "old" in rows:
            line += f" {show(old.get((r['end'], r['label'], 'end'))):>24}"
        print(line)
    at_end = [r for r in rows["this"] if r["where"] == "end"]
    total = sum(r["cpu"] for r in at_end)
    pairs = [(r, near[(r["end"], r["label"])]) for r in at_end if (r["end"], r["label"]) in near]
    print(f"\nthis checkout: {len(at_end)} verifications at ends, {total:.1f} s CPU, "
          f"{sum(1 for r in at_end if r['ok'])} ok")
    if pairs:
        a, b = sum(r["cpu"] for r, _ in pairs), sum(n["cpu"] for _, n in pairs)
        print(f"  where a rational point next to the end is in the region too ({len(pairs)}): "
              f"{a:.1f} s at the ends, {b:.1f} s next to them (ratio {a / max(b, 1e-9):.1f})")
    if "old" in rows:
        olds = [old.get((r["end"], r["label"], "end")) for r in at_end]
        n_ok = sum(1 for o in olds if o and o["ok"])
        n_late = sum(1 for o in olds if o and o["ok"] is None)
        spent = sum(o["cpu"] for o in olds if o)
        print(f"previous checkout: {n_ok} ok, {n_late} over {args.timeout} s, "
              f"{len(olds) - n_ok - n_late} not ok; {spent:.1f} s CPU (timeouts counted at "
              "the time they had used)")


def _line_games(here: Path, args: argparse.Namespace) -> None:
    """``verify`` next to the rational ends of ``line_game`` results, both checkouts."""
    jobs = {"this": (here, _LINE_CHILD, (args.line_seeds, args.timeout))}
    if args.previous is not None:
        jobs["old"] = (args.previous.resolve(), _LINE_CHILD,
                       (args.line_seeds, args.timeout))
    rows = children_rows(jobs)
    old = {(r["end"], r["label"]): r for r in rows.get("old", [])}
    print("verify on line_game next to its rational ends, CPU s")
    print(f"{'seed: point':28} {'equilibrium':40} {'this':>18}"
          + (f" {'previous':>18}" if "old" in rows else ""))

    def show(r: dict | None) -> str:
        if r is None:
            return "-"
        verdict = "ok" if r["ok"] else r["failure"][:20] if r["ok"] is not None else "timeout"
        return f"{r['cpu']:.2f} s {verdict}"

    for r in rows["this"]:
        line = f"{r['end'][:26]:28} {r['label']:40} {show(r):>18}"
        if "old" in rows:
            line += f" {show(old.get((r['end'], r['label']))):>18}"
        print(line)
    for name, label in (("this", "this checkout"), ("old", "previous checkout")):
        if name in rows:
            rs = rows[name]
            print(f"{label}: {len(rs)} calls, {sum(1 for r in rs if r['ok'])} ok, "
                  f"{sum(1 for r in rs if r['ok'] is None)} over {args.timeout} s, "
                  f"{sum(r['cpu'] for r in rs):.1f} s CPU")


if __name__ == "__main__":
    main()
