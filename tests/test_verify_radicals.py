"""The verifier's exact signs over square roots of rationals (``verify_radicals``).

Found by a side run of the one-parameter belief solver against point-wise solving
(2026-12-07): in the random game of ``line_game(94)`` at ``p = 12/5 + 10**-6`` both types
mix over both messages and the receiver mixes after each; the equilibrium's numbers lie
in ``Q(sqrt(a), sqrt(b), sqrt(c))`` with radicands of 14 to 28 digits, sympy writes them
with the square roots of the radicands' products, and ``verify`` answered "cannot verify
exactly" after a minute (the indifferences are exactly 0: no digits show it, the tower
of one square root at a time did not shrink, the minimal polynomial was too hard).
"""

from __future__ import annotations

import random
from dataclasses import replace
from unittest import mock

import sympy as sp
from _random_games import line_game
from hypothesis import example, given, settings
from hypothesis import strategies as st

from alliance_games import solve, verify
from alliance_games.verify_radicals import _coprime_base, radical_sign

P = sp.Symbol("p")
R = sp.Rational


def _radicands(rng: random.Random) -> list[int]:
    """Three to five large integers sharing factors (as an equilibrium's do)."""
    primes = [2, 3, 5, 7, 11, 10007, 65537, 999983, 1000003]
    parts = [rng.choice(primes) * rng.randint(2, 10**6) for _ in range(3)]
    out = []
    for _ in range(rng.randint(3, 5)):
        n = 1
        for x in rng.sample(parts + primes, rng.randint(1, 3)):
            n *= x
        out.append(n * rng.choice([1, 1, 4, 9]))
    return out


def _element(rng: random.Random, radicands: list[int]) -> sp.Expr:
    return sum((R(rng.randint(-10**6, 10**6), rng.randint(1, 10**4))
                * sp.sqrt(rng.choice(radicands)) for _ in range(rng.randint(1, 4))),
               R(rng.randint(-9, 9)))


@settings(max_examples=80, deadline=None)
@given(st.integers(0, 10**9), st.sampled_from(["zero", "tiny", "tiny root", "random"]))
@example(68651657, "zero")  # sympy 1.14 raised ValueError folding it (alliance_games.sympy_fixes)
def test_signs_against_the_construction(seed, kind):
    """A number that is 0 by construction (a product written twice: as sympy folds it
    term by term, and as the product), then moved off 0 by far less than any digits a
    float sees; random numbers against certified digits."""
    rng = random.Random(seed)
    radicands = _radicands(rng)
    y, z = _element(rng, radicands), _element(rng, radicands)
    zero = sp.expand(y * z) - sp.Mul(y, z, evaluate=False)
    if kind == "zero":
        assert radical_sign(zero) == 0
    elif kind == "tiny":
        eps = R(rng.choice([-1, 1]), 10 ** rng.randint(50, 400))
        assert radical_sign(zero + eps) == (1 if eps > 0 else -1)
    elif kind == "tiny root":
        eps = R(rng.choice([-1, 1]), 10 ** rng.randint(50, 400)) * sp.sqrt(radicands[0])
        assert radical_sign(zero + eps) == (1 if eps > 0 else -1)
    else:
        x = y * z - _element(rng, radicands)
        if rng.random() < 0.5:
            x = x / _element(rng, radicands)
        value = sp.N(x, 80)
        if abs(value) > R(1, 10**40):  # (else 0 or too close to tell by digits)
            assert radical_sign(x) == (1 if value > 0 else -1)


def test_the_base_covers_every_radicand_and_is_coprime():
    rng = random.Random(5)
    for _ in range(200):
        numbers = set(_radicands(rng))
        base = _coprime_base(numbers)
        assert all(sp.gcd(a, b) == 1 for i, a in enumerate(base) for b in base[i + 1:])
        assert all(not sp.sqrt(b).is_Rational for b in base)
        for n in numbers:  # a square times a product of base elements' powers
            for b in base:
                while n % b == 0:
                    n //= b
            assert sp.sqrt(n).is_Rational


def test_other_numbers_are_left_to_the_other_rules():
    g = sp.CRootOf(sp.Symbol("w") ** 3 - sp.Symbol("w") - 1, 0)
    assert radical_sign(sp.sqrt(2) + g) is None
    assert radical_sign(sp.sqrt(1 + sp.sqrt(2))) is None
    assert radical_sign(sp.sqrt(-2) + 1) is None
    assert radical_sign(1 / (sp.sqrt(2) * sp.sqrt(3) - sp.sqrt(6))) is None  # 1/0


def _seed_94():
    game = line_game(94)
    res = solve(game)
    x = R(2400001, 1000000)
    (eq,) = [e for e in res if e.label == "L:m0+m1 H:m0+m1 | m0:a0+a1 m1:a0+a1"
             and e.condition.subs(P, x) == sp.true]
    return game, eq, x


def test_the_seed_94_equilibrium_is_verified_exactly():
    game, eq, x = _seed_94()
    check = verify(game, eq, values={P: x})
    assert check.ok, check.failures
    # without the coprime base the verifier could not decide it
    with mock.patch("alliance_games.verify_numbers.radical_sign", lambda e: None), \
            mock.patch("sympy.minimal_polynomial", side_effect=NotImplementedError):
        check = verify(game, eq, values={P: x})
    assert not check.ok and "cannot verify exactly" in str(check.failures)


def test_a_perturbed_seed_94_equilibrium_is_rejected():
    game, eq, x = _seed_94()
    at = eq.subs({P: x})
    rho = {m: dict(row) for m, row in at.receiver.items()}
    eps = R(1, 10**60)
    rho["m0"]["a0"] += eps
    rho["m0"]["a1"] -= eps
    check = verify(game.subs({P: x}), replace(at, receiver=rho))
    assert not check.ok
    assert "cannot verify exactly" not in str(check.failures)
