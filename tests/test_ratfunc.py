"""The two implementations of the rational-function field of traced runs
(:mod:`alliance_games.solving.ratfunc`): python-flint's and sympy's give the same
canonical elements, the same polynomials and factors, the same exact signs, and traced
solves give the same results under either."""

from __future__ import annotations

import json
import operator
import os
import random
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import pytest
import sympy as sp

from alliance_games.solving.ratfunc import field, frac, is_constant, poly_sign, poly_value, value

pytest.importorskip("flint")

ROOT = Path(__file__).resolve().parents[1]
X, Y = sp.symbols("x y")


def _random_pairs(seed: int, k: int):
    """The same random rational functions built in both fields by the same operations."""
    rng = random.Random(seed)
    fields = [field(k, "flint"), field(k, "sympy")]
    c = Fraction(rng.randint(-6, 6), rng.randint(1, 4))
    pool = [[K(c) for K, _ in fields]]
    for i in range(k):
        pool.append([gens[i] for _, gens in fields])
    for _ in range(14):
        a, b = rng.choice(pool), rng.choice(pool)
        op = rng.choice("+-*/^")
        if op == "/" and not b[0]:
            continue
        if op == "^":
            e = rng.choice([2, 3, -1])
            if e < 0 and not a[0]:
                continue
            pool.append([x ** e for x in a])
        else:
            fn = {"+": operator.add, "-": operator.sub, "*": operator.mul,
                  "/": operator.truediv}[op]
            pool.append([fn(x, y) for x, y in zip(a, b)])
        c = Fraction(rng.randint(-3, 3), rng.randint(1, 3))
        pool.append([x + K(c) for x, (K, _) in zip(pool[-1], fields)])
    return pool


def _factors(found, syms) -> tuple:
    c, facs = found
    return frac(c), sorted((str(f.as_expr(*syms)), e) for f, e in facs)


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize("k", [1, 2])
def test_both_fields_agree_on_random_arithmetic(seed, k):
    syms = (X, Y)[:k]
    rng = random.Random(100 + seed)
    for fl, sy in _random_pairs(seed, k):
        # the same form, up to sympy's sign: its negation and inversion skip the sign
        # normalisation, so sympy may give -n / -d where flint gives n / d
        pair = (fl.numer.as_expr(*syms), fl.denom.as_expr(*syms))
        want = (sy.numer.as_expr(*syms), sy.denom.as_expr(*syms))
        assert pair in (want, (-want[0], -want[1]))
        assert frac(fl.denom.LC) > 0
        assert is_constant(fl) == is_constant(sy)
        assert bool(fl) == bool(sy)
        if not fl:
            continue
        flip = 1 if fl.numer.as_expr(*syms) == sy.numer.as_expr(*syms) else -1
        for part in ("numer", "denom"):
            f, s = getattr(fl, part), flip * getattr(sy, part)
            assert f.is_ground == s.is_ground and f.is_linear == s.is_linear
            assert frac(f.LC) == frac(s.LC) and frac(f.coeff(1)) == frac(s.coeff(1))
            if f.is_ground:
                continue
            assert _factors(f.factor_list(), syms) == _factors(s.factor_list(), syms)
            assert f.monic().as_expr(*syms) == s.monic().as_expr(*syms)
            cf, sf = f.sqf_list()
            cs, ss = s.sqf_list()  # square-free parts may be grouped differently
            assert sp.expand(frac(cf) * sp.Mul(*(g.as_expr(*syms) ** e for g, e in sf))) == \
                sp.expand(frac(cs) * sp.Mul(*(g.as_expr(*syms) ** e for g, e in ss)))
            for _ in range(3):
                pt = tuple(Fraction(rng.randint(-9, 9), rng.randint(1, 5)) for _ in syms)
                exact = s.as_expr(*syms).xreplace(dict(zip(syms, map(sp.Rational, pt))))
                assert poly_value(f, pt) == poly_value(s, pt) == Fraction(str(exact))
                assert poly_sign(f, pt) == poly_sign(s, pt) == sp.sign(exact)
        for _ in range(2):
            pt = tuple(Fraction(rng.randint(-9, 9), rng.randint(1, 5)) for _ in syms)
            try:
                want = value(sy, pt)
            except ZeroDivisionError:
                continue
            assert value(fl, pt) == want


def test_equal_functions_are_equal_objects():
    """Different operations that give the same function give equal, equally hashed
    elements (memo keys of traced runs rely on it)."""
    K, (p, q) = field(2, "flint")
    a = (p ** 2 - q ** 2) / (p + q)
    b = p - q
    c = (2 * p - 2 * q) / 2
    assert a == b == c and hash(a) == hash(b) == hash(c)
    assert (p / 2) * 2 == p and hash((p / 2) * 2) == hash(p)
    assert len({a, b, c, p - q + 0}) == 1


def test_unknown_backend_is_refused():
    with pytest.raises(ValueError, match="no rational-function backend"):
        field(1, "maple")


_SCRIPT = r"""
import json, random, sympy as sp
from alliance_games import SignallingGame, belief
from alliance_games.solving import ratfunc
from alliance_games.solving.belief_parametric import solve_belief_parametric
P, C = sp.symbols("p c")
def game(seed):
    rng = random.Random(seed)
    mu = belief("H")
    def entry():
        r, k = rng.random(), sp.Integer(rng.randint(-3, 3))
        if r < 0.15: return k + rng.choice([1, -1, 2]) * P
        if r < 0.3: return k + rng.choice([1, -1]) * C
        if r < 0.5: return k + rng.choice([1, -1, 2]) * mu
        if r < 0.6: return k + rng.choice([P, C]) * mu
        return k
    s = [[[entry() for _ in range(2)] for _ in range(2)] for _ in range(2)]
    r = [[[entry() for _ in range(2)] for _ in range(2)] for _ in range(2)]
    return SignallingGame.from_arrays(["1/2", "1/2"], s, r, types=["L", "H"],
                                      parameters={P: (-2, 3), C: (0, 2)})
out = {"backend": ratfunc.BACKEND, "results": []}
for seed in (0, 2, 4):
    res = solve_belief_parametric(game(seed), seed=seed, max_runs=25)
    out["results"].append([sp.srepr(res.undecided)] + sorted(
        [e.label, sp.srepr(e.condition), sp.srepr(e.intuitive_condition),
         str(e.sender), str(e.receiver), str(e.beliefs)] for e in res))
print(json.dumps(out))
"""


def _solve_under(backend: str) -> dict:
    env = dict(os.environ, ALLIANCE_GAMES_RATFUNC=backend,
               PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]))
    done = subprocess.run([sys.executable, "-c", _SCRIPT], env=env, capture_output=True,
                          text=True, timeout=600, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_traced_solves_are_identical_under_both_fields():
    """Two-parameter belief games solved by cells (traced runs, certificates, joined
    conditions) under each field, in fresh processes: the same equilibria, conditions
    and undecided sets, expression for expression."""
    flint_run, sympy_run = _solve_under("flint"), _solve_under("sympy")
    assert (flint_run["backend"], sympy_run["backend"]) == ("flint", "sympy")
    assert flint_run["results"] == sympy_run["results"]
