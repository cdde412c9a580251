"""Work-arounds for known defects of sympy, applied once when the package is imported.

**A partial factorization filed as prime.** sympy 1.14's ``factorint`` with a ``limit``
(which sympy calls to take square factors out of a square root, ``Rational ** (1/2)``, so
on every product of square roots of large rationals) can raise ``ValueError: ... is not a
prime factor of ...`` when Fermat's method splits the unfactored part into two composite
numbers: it files that partial factorization in ``factor_cache``, whose entries must be
primes (sympy issue #28621, fixed by sympy pull request #28624, after 1.14). A product of
square roots of two close large numbers is enough, and the solver's and the verifier's
numbers (posteriors and probabilities in fields of square roots, next to a parameter's
boundary) are such numbers.

Here ``FactorCache.add`` files a factorization's prime factors only, stopping at the
first number that is not one.  The cache is a memo: an entry left out changes no answer,
and with a correct sympy every factor is prime, so nothing changes there.

**A float made of a huge integer.**  With python-flint installed (the ``fast`` extra),
sympy's ground types are flint's, and its integer root ``iroot`` returns a flint ``fmpz``.
``factorint``'s perfect-power test takes a square root with it and then calls
``math.log`` on the root, which turns an ``fmpz`` above ``2**1024`` into a float and
raises ``OverflowError: int too large to convert to float`` (a Python ``int`` of any size
has an exact ``math.log``).  So ``sqrt(3*q**2)`` with a prime ``q`` above ``2**1100`` raised,
and so did the exact solvers' simplification of numbers in nested square roots (a numeric
game at ``p = 1/12 + sqrt(241)/12``).  Here the factorization module's ``iroot`` returns
Python integers: the same values, so nothing else changes.

Examples
--------
>>> import sympy as sp
>>> a, b = 989034254522489566, 989034254830458946
>>> (sp.sqrt(a) * sp.sqrt(b)) ** 2 == a * b
True
>>> q = sp.nextprime(2**1100)
>>> sp.sqrt(3 * q**2) == q * sp.sqrt(3)
True
"""

from __future__ import annotations

from collections.abc import Iterable

from sympy.ntheory import factor_
from sympy.ntheory.primetest import isprime

__all__ = ["SYMPY_ADD", "SYMPY_IROOT", "add_prime_factors", "integer_root"]

#: sympy's own ``FactorCache.add`` (for the tests: the defect is real where they run).
SYMPY_ADD = factor_.FactorCache.add
#: the ``iroot`` sympy's factorization module calls (for the tests, as ``SYMPY_ADD``).
SYMPY_IROOT = factor_.iroot


def add_prime_factors(cache: factor_.FactorCache, n: int, factors: Iterable[int]) -> None:
    """File ``n``'s prime ``factors`` in sympy's factor ``cache``, largest first, as
    ``FactorCache.add`` does, but stop at the first that is not a prime factor of what is
    left of ``n`` instead of raising.

    Examples
    --------
    >>> cache = factor_.FactorCache()
    >>> add_prime_factors(cache, 2 * 3 * 35, [35, 3, 2])  # 35 is no prime: nothing filed
    >>> len(cache)
    0
    >>> add_prime_factors(cache, 2 * 3 * 7, [7, 3, 2])
    >>> cache.get(42), cache.get(6)
    (7, 3)
    """
    n = int(n)
    for p in sorted((int(q) for q in factors), reverse=True):
        if not (1 < p <= n and n % p == 0 and isprime(p)):
            return
        cache[n] = p
        while n % p == 0:
            n //= p


factor_.FactorCache.add = add_prime_factors


def integer_root(x: int, n: int) -> tuple[int, bool]:
    """``(r, exact)``: the integer part ``r`` of the ``n``-th root of ``x >= 0`` and
    whether it is exact, as sympy's ``iroot``, with ``r`` a Python ``int`` whatever
    sympy's ground types are (whose ``math.log`` never overflows).

    Examples
    --------
    >>> integer_root(10**600 + 1, 2) == (10**300, False), integer_root(27, 3)
    (True, (3, True))
    >>> type(integer_root(2**3000, 2)[0]) is int
    True
    """
    r, exact = SYMPY_IROOT(x, n)
    return int(r), bool(exact)


factor_.iroot = integer_root
