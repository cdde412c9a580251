"""Greatest common divisors of two polynomials over a number field ``Q(a) = Q[X]/(q)``,
found modulo word-size primes and verified exactly.

Euclid's algorithm over ``Q(a)`` in rational arithmetic (:func:`.semialgebraic.vanishes_at`)
makes its coefficients grow by a thousand digits per step: on a critical fiber of a
four-type game (``q`` of degree 27, polynomials of degree 27 and 12 in ``y``) the monic
remainders reached 8000 digits after seven steps and a minute.  Modulo a prime ``p`` (with
``q`` squarefree modulo ``p``) the same algorithm runs in ``F_p[X]/(q)`` on python-flint's
word-size polynomials, in microseconds; the monic results for many primes are combined by
the Chinese remainder theorem and each rational coefficient recovered by rational
reconstruction (0.03 s on that fiber).  A candidate is returned only after it is shown,
in exact rational arithmetic, to divide both polynomials; with the degree bound the
primes give (:func:`field_gcd`) that makes it the gcd.

Without python-flint (the ``fast`` extra), :func:`field_gcd` returns None and the caller
runs Euclid's algorithm.

Examples
--------
>>> import sympy as sp
>>> X = sp.Symbol("X")
>>> q = sp.Poly(X**2 - 2, X)
>>> one, a = sp.Poly(1, X, domain="QQ"), sp.Poly(X, X, domain="QQ")  # a = sqrt(2)
>>> d = field_gcd([one, 0 * one, -2 * one], [one, -a], q)  # y**2 - 2 and y - a
>>> [c.as_expr() for c in d] if d is not None else "no python-flint"
[1, -X]
"""

from __future__ import annotations

from fractions import Fraction
from math import isqrt, lcm

import sympy as sp

from .ratfunc import flint

__all__ = ["field_gcd"]

#: primes tried before giving up (each adds about 61 bits to the modulus)
MAX_PRIMES = 256
_FIRST_PRIME = 2**61 - 1


def field_gcd(a: list[sp.Poly], b: list[sp.Poly], q: sp.Poly,
              max_primes: int = MAX_PRIMES) -> list[sp.Poly] | None:
    """The monic greatest common divisor of two polynomials in ``y`` over ``Q[X]/(q)``
    (``q`` irreducible with rational coefficients, ``a``'s leading coefficient not 0),
    exactly; None without python-flint or when it was not found within
    ``max_primes`` primes.  Polynomials are lists of coefficients, highest first, each a
    polynomial in ``X`` over ``QQ``; so is the answer.

    Why the answer is the gcd ``G`` (the module docstring has the method): every prime
    used keeps ``q``'s degree, leaves it squarefree and ``a``'s leading coefficient a unit
    modulo ``p``, and Euclid's algorithm there met only invertible leading coefficients.
    Then ``Z_(p)[X]/(q)`` is integrally closed (``p`` does not divide ``q``'s
    discriminant), so ``G``, a monic divisor of ``a``, has coefficients in it, and its
    reduction divides both reductions: the degree found modulo ``p`` is at least
    ``deg G``.  The candidate, of the least such degree, is returned only once it divides
    ``a`` and ``b`` exactly (rational arithmetic), so its degree is also at most ``deg G``:
    it is ``G``.

    Examples
    --------
    >>> X = sp.Symbol("X")
    >>> q = sp.Poly(X**3 - X - 1, X)
    >>> c = lambda e: sp.Poly(e, X, domain="QQ")
    >>> # (y - X**2) (y + 1) and (y - X**2) (y - 3): the common factor y - X**2
    >>> d = field_gcd([c(1), c(1 - X**2), c(-X**2)], [c(1), c(-3 - X**2), c(3 * X**2)], q)
    >>> [e.as_expr() for e in d] if d is not None else "no python-flint"
    [1, -X**2]
    """
    if flint is None:
        return None
    X = q.gen
    n = q.degree()
    qi = _integers([_fractions(q)])[0]
    ai = _integers([_fractions(c, n) for c in a])
    bi = _integers([_fractions(c, n) for c in b])
    modulus, residues, degree, tried, p = 1, None, None, 0, _FIRST_PRIME
    checkpoint = 2
    while tried < max_primes:
        p = int(sp.prevprime(p))
        tried += 1
        d = _gcd_mod(ai, bi, qi, p)
        if d is None:
            continue
        if degree is None or len(d) < degree:  # a lower degree: the earlier primes were unlucky
            degree, modulus, residues = len(d), 1, [[0] * n for _ in d]
        elif len(d) > degree:
            continue
        for row, new in zip(residues, d):
            for i in range(n):
                row[i] = _crt(row[i], modulus, new[i], p)
        modulus *= p
        if tried >= checkpoint:
            checkpoint *= 2
            candidate = _reconstructed(residues, modulus)
            if candidate is not None and _divides(candidate, a, q) and _divides(candidate, b, q):
                return [sp.Poly(list(reversed([sp.Rational(c.numerator, c.denominator)
                                               for c in row])) or [0], X, domain="QQ")
                        for row in candidate]
    return None


def _fractions(c, n: int | None = None) -> list[Fraction]:
    """An element of ``Q[X]`` as its coefficients (Fractions), lowest first, padded to
    ``n`` terms when given."""
    coeffs = [Fraction(int(v.p), int(v.q)) for v in reversed(sp.Poly(c).all_coeffs())] \
        if not (isinstance(c, int) or getattr(c, "is_zero", False)) else [Fraction(0)]
    if n is not None:
        coeffs = (coeffs + [Fraction(0)] * n)[:max(n, len(coeffs))]
    return coeffs


def _integers(rows: list[list[Fraction]]) -> list[list[int]]:
    """The rows times the least common multiple of all their denominators (one positive
    factor for the whole polynomial: its divisors are unchanged)."""
    scale = lcm(*(c.denominator for row in rows for c in row))
    return [[int(c * scale) for c in row] for row in rows]


def _gcd_mod(a: list[list[int]], b: list[list[int]], q: list[int], p: int) -> list | None:
    """The monic gcd modulo ``p`` in ``F_p[X]/(q)`` (coefficient lists of residues, padded
    to ``deg q``), or None when ``p`` divides ``q``'s leading coefficient, ``q`` is not
    squarefree modulo ``p`` or a leading coefficient is not invertible."""
    qp = flint.nmod_poly(q, p)
    if qp.degree() != len(q) - 1 or qp.gcd(qp.derivative()).degree() > 0:
        return None
    A = [flint.nmod_poly(c, p) % qp for c in a]
    if not A or _inverse(A[0], qp) is None:  # a's leading coefficient must stay a unit
        return None
    B = _strip([flint.nmod_poly(c, p) % qp for c in b])
    while B:
        inv = _inverse(B[0], qp)
        if inv is None:
            return None
        B = [(c * inv) % qp for c in B]
        A = list(A)
        while len(A) >= len(B):
            lead = A[0]
            A = _strip([(u - lead * v) % qp for u, v in zip(A, B)][1:] + A[len(B):])
        A, B = B, A
    if not A:
        return None
    inv = _inverse(A[0], qp)
    if inv is None:
        return None
    n = len(q) - 1
    rows = []
    for c in A:
        values = [int(v) for v in ((c * inv) % qp).coeffs()]
        rows.append(values + [0] * (n - len(values)))
    return rows


def _strip(p: list) -> list:
    while p and p[0].is_zero():
        p = p[1:]
    return p


def _inverse(c, qp):
    """``1 / c`` in ``F_p[X]/(q)``, or None when ``c`` is a zero divisor there."""
    g, s, _ = c.xgcd(qp)
    if g.degree() != 0:
        return None
    return (s * pow(int(g.coeffs()[0]), -1, int(qp.modulus()))) % qp


def _crt(v: int, m: int, r: int, p: int) -> int:
    """The residue modulo ``m p`` that is ``v`` modulo ``m`` and ``r`` modulo ``p``."""
    return v + m * ((r - v) * pow(m, -1, p) % p)


def _reconstructed(residues: list[list[int]], modulus: int) -> list[list[Fraction]] | None:
    """Every residue as the fraction ``n / d`` with ``|n|, d <= sqrt(modulus / 2)`` that
    it represents, or None when one has none (not enough primes yet)."""
    out = []
    for row in residues:
        new = []
        for v in row:
            f = _rational(v % modulus, modulus)
            if f is None:
                return None
            new.append(f)
        out.append(new)
    return out


def _rational(v: int, m: int) -> Fraction | None:
    """Rational reconstruction (Wang): the fraction ``n / d`` congruent to ``v`` modulo
    ``m`` with ``|n|, d`` at most ``sqrt(m / 2)``, or None."""
    bound = isqrt(m // 2)
    r0, r1, s0, s1 = m, v, 0, 1
    while r1 > bound:
        k = r0 // r1
        r0, r1 = r1, r0 - k * r1
        s0, s1 = s1, s0 - k * s1
    if s1 == 0 or abs(s1) > bound:
        return None
    return Fraction(r1, s1)


def _divides(d: list[list[Fraction]], f: list[sp.Poly], q: sp.Poly) -> bool:
    """Whether the monic ``d`` divides ``f`` over ``Q[X]/(q)``, exactly (python-flint's
    rational polynomials)."""
    qf = flint.fmpq_poly(_fractions_flint(_fractions(q)))
    dd = [flint.fmpq_poly(_fractions_flint(row)) for row in d]
    rest = [flint.fmpq_poly(_fractions_flint(_fractions(c))) % qf for c in f]
    while rest and rest[0].is_zero():
        rest = rest[1:]
    while len(rest) >= len(dd):
        lead = rest[0]
        rest = [(u - lead * v) % qf for u, v in zip(rest, dd)][1:] + rest[len(dd):]
        while rest and rest[0].is_zero():
            rest = rest[1:]
    return not rest


def _fractions_flint(row: list[Fraction]) -> list:
    return [flint.fmpq(c.numerator, c.denominator) for c in row]
