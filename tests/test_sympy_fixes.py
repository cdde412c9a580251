"""The package's mends of sympy defects (``alliance_games.sympy_fixes``).

- sympy 1.14's ``factorint`` with a ``limit`` files a partial factorization found by
  Fermat's method in its factor cache, which raises ``ValueError: ... is not a prime
  factor of ...`` (sympy issue #28621) when a square root of a product of two close large
  numbers is made.  Found by ``test_verify_radicals``' random radicands (seed 68651657).
- With flint ground types, ``factorint``'s perfect-power test calls ``math.log`` on a flint
  integer root, which raises ``OverflowError`` above ``2**1024``: ``sqrt(3*q**2)`` for a
  prime ``q`` of 1,101 bits.  Found by a point-wise solve of ``line_game(67, 3)`` at
  ``p = 1/12 + sqrt(241)/12``."""

from __future__ import annotations

import random

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from sympy.ntheory import factor_

import alliance_games  # noqa: F401  (the mend is made on import)
from alliance_games.solving.algebraic import AlgebraicContext
from alliance_games.sympy_fixes import SYMPY_ADD, SYMPY_IROOT, add_prime_factors, integer_root
from alliance_games.verify_radicals import radical_sign

# sympy issue #28621's product, and the radicands of test_verify_radicals' seed 68651657
ISSUE = (989034254522489566, 989034254830458946)
SEED = (4291469918361131970, 262148786444)
# a prime of 1,101 bits: the root of its square is above 2**1024
BIG = int(sp.nextprime(2**1100))


def _fresh() -> None:
    sp.core.cache.clear_cache()
    factor_.factor_cache.cache_clear()


@pytest.mark.parametrize("owner,name,theirs,make,error,message", [
    pytest.param(factor_.FactorCache, "add", SYMPY_ADD,
                 lambda: sp.sqrt(ISSUE[0]) * sp.sqrt(ISSUE[1]), ValueError,
                 "is not a prime factor", id="factor-cache"),
    pytest.param(factor_, "iroot", SYMPY_IROOT, lambda: sp.sqrt(3 * BIG**2), OverflowError,
                 "too large to convert to float", id="flint-root"),
])
def test_the_defects_are_real_without_the_mends(monkeypatch, owner, name, theirs, make,
                                                error, message):
    """With sympy's own code in place of a mend, its defect shows: sympy's
    ``FactorCache.add`` raises on the product of the square roots of two close large
    numbers, and sympy's ``iroot`` in its factorization module makes the square root of
    three times the square of a prime of 1,101 bits raise ``OverflowError`` (skipped where
    sympy, or its ground types, no longer have the defect): the mends are what make the
    tests below pass."""
    _fresh()
    monkeypatch.setattr(owner, name, theirs)
    try:
        make()
    except error as e:
        assert message in str(e)
    else:
        pytest.skip("this sympy (or its ground types) no longer has the defect")
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


@settings(max_examples=25, deadline=None)
@given(st.integers(1025, 1400), st.sampled_from([2, 3, 5, 6, 7, 10, 30]),
       st.integers(1, 3))
def test_square_roots_of_huge_squares_are_taken_out(bits, k, e):
    """``sqrt(k * q**(2e))`` for a prime ``q`` above ``2**1024`` and a square-free ``k``:
    sympy takes the square out (``q**e * sqrt(k)``), ``factorint`` finds ``q``, and the
    exact solvers' simplification and sign of a number written with it work."""
    _fresh()
    q = int(sp.nextprime(2**bits))
    root = sp.sqrt(k * q ** (2 * e))
    assert root == q**e * sp.sqrt(k)
    assert sp.factorint(q ** (2 * e), limit=2**15) == {q: 2 * e}
    x = AlgebraicContext.simplify((root - sp.sqrt(k)) / (1 + sp.sqrt(k)))
    assert AlgebraicContext.sign(x - (q**e - 1) * sp.sqrt(k) / (1 + sp.sqrt(k))) == 0
    assert AlgebraicContext.sign(root - q**e * sp.sqrt(k) - sp.Rational(1, q)) == -1


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 2**3000), st.integers(2, 40))
def test_integer_root_is_sympys_in_python_integers(x, n):
    """``integer_root`` gives sympy's ``iroot``'s values, as Python integers, and the
    root is the integer part: ``r**n <= x < (r + 1)**n``, exact when equal."""
    r, exact = integer_root(x, n)
    theirs = SYMPY_IROOT(x, n)
    assert type(r) is int and (r, exact) == (int(theirs[0]), bool(theirs[1]))
    assert r**n <= x < (r + 1) ** n and exact == (r**n == x)
