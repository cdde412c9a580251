"""The package's mend of a sympy defect (``alliance_games.sympy_fixes``): sympy 1.14's
``factorint`` with a ``limit`` files a partial factorization found by Fermat's method in
its factor cache, which raises ``ValueError: ... is not a prime factor of ...`` (sympy
issue #28621) when a square root of a product of two close large numbers is made.
Found by ``test_verify_radicals``' random radicands (seed 68651657)."""

from __future__ import annotations

import random

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from sympy.ntheory import factor_

import alliance_games  # noqa: F401  (the mend is made on import)
from alliance_games.sympy_fixes import SYMPY_ADD, add_prime_factors
from alliance_games.verify_radicals import radical_sign

# sympy issue #28621's product, and the radicands of test_verify_radicals' seed 68651657
ISSUE = (989034254522489566, 989034254830458946)
SEED = (4291469918361131970, 262148786444)


def _fresh() -> None:
    sp.core.cache.clear_cache()
    factor_.factor_cache.cache_clear()


def test_the_defect_is_real_without_the_mend(monkeypatch):
    """With sympy's own ``FactorCache.add`` the product raises (where sympy still has
    the defect): the mend is what makes the tests below pass."""
    _fresh()
    monkeypatch.setattr(factor_.FactorCache, "add", SYMPY_ADD)
    try:
        sp.sqrt(ISSUE[0]) * sp.sqrt(ISSUE[1])
    except ValueError as e:
        assert "is not a prime factor" in str(e)
    else:
        pytest.skip("this sympy no longer has the defect")
    finally:
        _fresh()


@pytest.mark.parametrize("a,b", [ISSUE, SEED])
def test_square_roots_of_large_numbers_multiply(a, b):
    """Products of square roots of large numbers (the issue's two close ones; two
    radicands of seed 68651657): the product is made, exact (its square is the product),
    and the verifier's sign decides a zero and a number next to it written with it."""
    _fresh()
    prod = sp.sqrt(a) * sp.sqrt(b)
    assert sp.expand(prod**2) == a * b
    assert radical_sign(prod - sp.sqrt(a * b)) == 0
    assert radical_sign(prod - sp.sqrt(a * b) + sp.Rational(1, 10**60)) == 1


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 10**9))
def test_the_mended_cache_holds_only_primes(seed):
    """``add_prime_factors`` against sympy's rule: every entry it files is a prime
    factor of its number, and it files the whole factorization when every factor is a
    prime (what sympy's own ``add`` does then)."""
    rng = random.Random(seed)
    primes = [sp.prime(rng.randint(1, 3000)) for _ in range(rng.randint(1, 4))]
    composite = rng.random() < 0.5
    factors = list(primes) + ([primes[0] * sp.prime(rng.randint(1, 3000))] if composite
                              else [])
    n = 1
    for p in factors:
        n *= int(p)
    ours, theirs = factor_.FactorCache(), factor_.FactorCache()
    add_prime_factors(ours, n, factors)
    for m, p in list(ours._cache.items()):
        assert n % m == 0 and m % p == 0 and sp.isprime(p)
    if not composite:
        SYMPY_ADD(theirs, n, factors)
        assert dict(ours._cache) == dict(theirs._cache)
