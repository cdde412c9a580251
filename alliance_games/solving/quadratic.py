"""Exact fast numbers ``a + b*sqrt(d)`` (rational ``a``, ``b``; integer ``d``) and their signs.

The on-path posteriors of two-type games whose payoffs are piecewise linear or quadratic
in the posterior are rationals or quadratic irrationals.  :class:`Quad` does exact
arithmetic with them in plain Python (:class:`fractions.Fraction`), far faster than sympy.
Arithmetic that would leave the field ``Q(sqrt(d))`` (two different square roots in one
sum) raises :class:`OutsideFastType`; callers then fall back to the general exact path.

Signs are exact: a certified rational enclosure of ``sqrt(d)`` (integer square roots)
decides almost every sign at once; only an exact zero is decided by algebra
(``1, sqrt(d1), sqrt(d2)`` are linearly independent over Q unless ``d1*d2`` is a square).

Examples
--------
>>> from fractions import Fraction as F
>>> r = Quad(F(1, 2), F(1, 2), 5)          # the golden ratio
>>> r * r - r - 1 == 0
True
>>> qsign(r - F(8, 5)), qcmp(r, Quad(F(0), F(1), 3))
(1, -1)
"""

from __future__ import annotations

from fractions import Fraction
from math import isqrt, sqrt

import sympy as sp

from .algebraic import AlgebraicContext

_ALG = AlgebraicContext()


class OutsideFastType(Exception):
    """A number or operation outside the fast exact type (fall back to the general path)."""


def _square_part(n: int) -> tuple[int, int]:
    """``(k, r)`` with ``n = k*k*r``, removing square factors of small primes only."""
    k = 1
    for p in (2, 3, 5, 7, 11, 13):
        pp = p * p
        while n % pp == 0:
            n //= pp
            k *= p
    return k, n


class Quad:
    """The real number ``a + b*sqrt(d)`` (``b != 0``, ``d > 1`` not a perfect square).

    Build values with :func:`make_quad` or :func:`sqrt_of`, which return a plain
    :class:`~fractions.Fraction` when the value is rational.
    """

    __slots__ = ("a", "b", "d")

    def __init__(self, a: Fraction, b: Fraction, d: int) -> None:
        self.a, self.b, self.d = a, b, d

    # ---------------------------------------------------------------- arithmetic
    def _other(self, y):
        """``(a, b)`` of ``y`` written over this number's ``sqrt(d)``."""
        if isinstance(y, Quad):
            if y.d == self.d:
                return y.a, y.b
            s = isqrt(self.d * y.d)
            if s * s == self.d * y.d:  # sqrt(y.d) = s/self.d * sqrt(self.d)
                return y.a, y.b * Fraction(s, self.d)
            return None  # two different square roots: general algebraic numbers
        if isinstance(y, (Fraction, int)):
            return y, 0
        if isinstance(y, sp.Basic):
            return None
        return NotImplemented

    def __add__(self, y):
        o = self._other(y)
        if o is None:
            return _general(to_sympy(self) + to_sympy(y))
        if o is NotImplemented:
            return o
        return make_quad(self.a + o[0], self.b + o[1], self.d)

    __radd__ = __add__

    def __neg__(self):
        return Quad(-self.a, -self.b, self.d)

    def __sub__(self, y):
        o = self._other(y)
        if o is None:
            return _general(to_sympy(self) - to_sympy(y))
        if o is NotImplemented:
            return o
        return make_quad(self.a - o[0], self.b - o[1], self.d)

    def __rsub__(self, y):
        o = self._other(y)
        if o is None:
            return _general(to_sympy(y) - to_sympy(self))
        if o is NotImplemented:
            return o
        return make_quad(o[0] - self.a, o[1] - self.b, self.d)

    def __mul__(self, y):
        o = self._other(y)
        if o is None:
            return _general(to_sympy(self) * to_sympy(y))
        if o is NotImplemented:
            return o
        a, b = o
        if not b:
            return make_quad(self.a * a, self.b * a, self.d)
        return make_quad(self.a * a + self.b * b * self.d, self.a * b + self.b * a, self.d)

    __rmul__ = __mul__

    def inverse(self):
        n = self.a * self.a - self.b * self.b * self.d  # never 0: sqrt(d) is irrational
        return make_quad(self.a / n, -self.b / n, self.d)

    def __truediv__(self, y):
        o = self._other(y)
        if o is None:
            return _general(to_sympy(self) / to_sympy(y))
        if o is NotImplemented:
            return o
        if not o[1]:
            return make_quad(self.a / o[0], self.b / o[0], self.d)
        return self * Quad(o[0], o[1], self.d).inverse()

    def __rtruediv__(self, y):
        if isinstance(y, sp.Basic):
            return _general(y / to_sympy(self))
        return self.inverse() * y

    def __eq__(self, y) -> bool:
        if isinstance(y, (Quad, Fraction, int, sp.Basic)):
            return qcmp(self, y) == 0
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self.a, self.b, self.d))

    def __float__(self) -> float:
        return float(self.a) + _float_root_term(self.b, self.d)

    def __repr__(self) -> str:
        return f"Quad({self.a}, {self.b}, {self.d})"

    def sympy(self) -> sp.Expr:
        """The same number as a sympy expression."""
        return to_sympy(self)

    def _sympy_(self) -> sp.Expr:  # exact sympify (never through float)
        return to_sympy(self)


def _general(x: sp.Expr) -> sp.Expr:
    """A number outside every ``Q(sqrt(d))``: leave the fast type (sympy would try to
    factor the large radicands; the general path works with the exact roots instead)."""
    raise OutsideFastType("two different square roots in one number")


def make_quad(a, b, d: int):
    """``a + b*sqrt(d)``, a :class:`~fractions.Fraction` when ``b == 0``."""
    if not b:
        return Fraction(a)
    return Quad(Fraction(a), Fraction(b), d)


def sqrt_of(x: Fraction):
    """The exact square root of a non-negative rational (Fraction or Quad)."""
    x = Fraction(x)
    if x < 0:
        raise ValueError("square root of a negative number")
    p, q = x.numerator, x.denominator
    n = p * q  # sqrt(p/q) = sqrt(p*q)/q
    r = isqrt(n)
    if r * r == n:
        return Fraction(r, q)
    k, d = _square_part(n)
    return Quad(Fraction(0), Fraction(k, q), d)


def to_sympy(x) -> sp.Expr:
    """A Fraction, int or :class:`Quad` as a sympy number."""
    if isinstance(x, Quad):
        # large radicands stay unevaluated: sympy would try to factor them
        root = sp.sqrt(x.d) if x.d < 10 ** 12 else sp.Pow(sp.Integer(x.d), sp.S.Half,
                                                          evaluate=False)
        return sp.Rational(x.a.numerator, x.a.denominator) + sp.Rational(
            x.b.numerator, x.b.denominator) * root
    if isinstance(x, Fraction):
        return sp.Rational(x.numerator, x.denominator)
    if isinstance(x, int):
        return sp.Integer(x)
    if isinstance(x, sp.Basic):
        return x
    raise TypeError(f"not a fast exact number: {x!r}")


def _parts(x) -> list[tuple[Fraction, int]]:
    """``x`` as a list of ``(coefficient, radicand)`` (radicand 1 for the rational part)."""
    if isinstance(x, Quad):
        return [(x.a, 1), (x.b, x.d)]
    return [(Fraction(x), 1)]


def _bounds(terms: list[tuple[Fraction, int]], digits: int) -> tuple[Fraction, Fraction]:
    """A certified rational enclosure of ``sum(c * sqrt(d))``."""
    scale = 10 ** digits
    lo = hi = Fraction(0)
    for c, d in terms:
        if not c:
            continue
        if d == 1:
            lo += c
            hi += c
            continue
        r = isqrt(d * scale * scale)  # r <= sqrt(d)*scale < r+1
        a, b = c * Fraction(r, scale), c * Fraction(r + 1, scale)
        lo += min(a, b)
        hi += max(a, b)
    return lo, hi


def _sign_terms(terms: list[tuple[Fraction, int]]) -> int:
    """The exact sign of ``sum(c * sqrt(d))`` with at most three distinct radicands."""
    merged: dict[int, Fraction] = {}
    for c, d in terms:
        if c:
            merged[d] = merged.get(d, Fraction(0)) + c
    # fold radicands whose product is a square into one another
    keys = sorted(merged)
    for i, d1 in enumerate(keys):
        for d2 in keys[i + 1:]:
            if d1 in merged and d2 in merged and d1 != 1:
                s = isqrt(d1 * d2)
                if s * s == d1 * d2:
                    merged[d1] += merged.pop(d2) * Fraction(s, d1)
    terms = [(c, d) for d, c in merged.items() if c]
    if not terms:
        return 0
    if len(terms) == 1:
        c = terms[0][0]
        return 1 if c > 0 else -1
    if len(terms) == 2 and terms[0][1] == 1 or len(terms) == 2 and terms[1][1] == 1:
        (c1, d1), (c2, d2) = terms
        if d1 != 1:
            (c1, d1), (c2, d2) = (c2, d2), (c1, d1)
        s1, s2 = (c1 > 0) - (c1 < 0), (c2 > 0) - (c2 < 0)
        if s1 == s2:
            return s1
        diff = c1 * c1 - c2 * c2 * d2  # the larger square wins
        return s1 if diff > 0 else s2
    # 1, sqrt(d1), sqrt(d2), ... are independent over Q: the sum is not zero
    digits = 20
    while True:
        lo, hi = _bounds(terms, digits)
        if lo > 0:
            return 1
        if hi < 0:
            return -1
        digits *= 2


def qsign(x) -> int:
    """The exact sign of a Fraction, int or :class:`Quad` (or a sympy algebraic number)."""
    if isinstance(x, sp.Basic):
        return _ALG.sign(x)
    if isinstance(x, Quad):
        a, b = x.a, x.b
        sa, sb = (a > 0) - (a < 0), (b > 0) - (b < 0)
        if sa == sb or not sa:
            return sb
        return sa if a * a > b * b * x.d else sb
    return (x > 0) - (x < 0)


def _float_root_term(b: Fraction, d: int) -> float:
    """``b * sqrt(d)`` as a float (``d`` may exceed the float range)."""
    k = max(0, (d.bit_length() - 900) // 2)
    return float(b) * sqrt(d >> (2 * k)) * 2.0 ** k


def _mag(x) -> float:
    """An upper bound on the size of the terms of ``x`` (bounds the float error)."""
    if isinstance(x, Quad):
        return abs(float(x.a)) + abs(_float_root_term(x.b, x.d))
    return abs(float(x))


def qcmp(x, y) -> int:
    """The exact sign of ``x - y`` (any two fast numbers, also in different fields)."""
    if isinstance(x, sp.Basic) or isinstance(y, sp.Basic):
        return _ALG.sign(to_sympy(x) - to_sympy(y))
    if not isinstance(x, Quad) and not isinstance(y, Quad):
        return (x > y) - (x < y)
    fx, fy = float(x), float(y)
    if abs(fx - fy) > 1e-9 * (1.0 + _mag(x) + _mag(y)):  # far apart: the order is certain
        return 1 if fx > fy else -1
    return _sign_terms(_parts(x) + [(-c, d) for c, d in _parts(y)])


def rational_between(lo, hi) -> Fraction:
    """A rational strictly between ``lo < hi`` (fast numbers)."""
    mid = Fraction((float(lo) + float(hi)) / 2)
    if qcmp(mid, lo) > 0 and qcmp(hi, mid) > 0:
        return mid
    digits = 20
    while True:
        a = _bounds(_parts(lo), digits)[1]
        b = _bounds(_parts(hi), digits)[0]
        if a < b:
            return (a + b) / 2
        digits *= 2


class QuadContext:
    """A decision context (see :mod:`.context`) over fast exact numbers: lets the exact
    simplex of :mod:`.lp` run on :class:`Quad` coefficients."""

    symbolic = True
    zero = Fraction(0)
    one = Fraction(1)

    @staticmethod
    def sign(x) -> int:
        return qsign(x)

    @staticmethod
    def simplify(x):
        return x

    @staticmethod
    def coerce(x):
        if isinstance(x, (Fraction, Quad)):
            return x
        if isinstance(x, int):
            return Fraction(x)
        if isinstance(x, sp.Basic):
            return x
        raise OutsideFastType(f"not a fast exact number: {x!r}")


QUAD = QuadContext()
