"""Traced runs at a real algebraic point: :class:`AlgTracer`, a :class:`~.traced.Tracer`
whose parameter sits at a :class:`~.traced_roots.Root` (the root of a cubic, say), every
sign decided exactly at the root from its irreducible polynomial and isolating interval.

Examples
--------
>>> import sympy as sp
>>> from alliance_games.solving.traced_roots import real_roots
>>> p = sp.Symbol("p")
>>> root = real_roots(sp.Poly(p**3 - 2, p))[0]  # the real cube root of 2
>>> tr = AlgTracer(p, root)
>>> tr.convert(p**3 - 2).is_zero(), tr.convert(p - 1) > 0, tr.convert(p**2 - 2) > 0
(True, True, False)
"""

from __future__ import annotations

from fractions import Fraction
from math import gcd, lcm

import sympy as sp

from .quadratic import OutsideFastType
from .ratfunc import frac
from .traced import Elem, Traced, Tracer, add_elems, fraction_sign
from .traced_roots import Root, cleared_integers, integer_coefficients

__all__ = ["AlgTracer"]


class _AtRoot:
    """The value of every number of an :class:`AlgTracer` run: nothing.  Its numbers'
    signs are decided from their elements (:meth:`AlgTracer.value_sign`), so the value
    side of the arithmetic of :class:`Traced` is skipped (each operation returns this
    placeholder)."""

    __slots__ = ()

    def _same(self, *_):
        return self

    __add__ = __radd__ = __sub__ = __rsub__ = __mul__ = __rmul__ = _same
    __truediv__ = __rtruediv__ = __neg__ = _same

    def __repr__(self) -> str:
        return "at the root"


_AT_ROOT = _AtRoot()


class AlgTracer(Tracer):
    """A traced run of one parameter at a real algebraic point (a :class:`Root`, e.g. a
    root of a cubic): numbers are elements of ``Q(p)[sqrt R ...]`` as in :class:`Tracer`,
    and each sign is decided exactly at the root: a polynomial is 0 there exactly when the
    root's irreducible polynomial divides it, and otherwise the root's isolating interval
    is refined until the polynomial is of one sign on it.  So the engine can run *at* a cell
    end of any degree."""

    def __init__(self, param: sp.Symbol, root: Root) -> None:
        super().__init__(param, Fraction(0))
        if root.poly is None:
            raise ValueError("a rational point: use Tracer")
        self.root = root
        # the root's irreducible polynomial, written in the parameter
        coeffs = integer_coefficients(root.poly)
        if coeffs is None:
            raise ValueError("a root of a polynomial with irrational coefficients")
        sign = 1 if coeffs[0] > 0 else -1  # (the same root)
        self._minpoly = [sign * c for c in coeffs]
        self.points = (_AT_ROOT,)
        self.point = _AT_ROOT
        self._psigns: dict = {}

    def _const(self, x, elem: Elem):
        return _AT_ROOT

    def _at(self, f):
        return _AT_ROOT

    def _root_value(self, radicand, elem: Elem):
        return _AT_ROOT

    def value_sign(self, x: Traced) -> int:
        """The exact sign at the root, from the number's element (:meth:`sign_of`)."""
        return self.sign_of(x.elem)

    def value_hash(self, x: Traced) -> int:
        """A hash of the number's element (a run at a root keeps no values): the same for
        numbers with the same element."""
        return hash(x.elem.key())

    def record(self, x: Traced, sign: int) -> None:
        """Nothing: a run at a root is a point solve, its decisions are not needed."""

    def _field_sign(self, c) -> int:
        """The sign at the root of a rational function of the parameter (``sign_of``, the
        rule for ``a + b*sqrt(R)``, is the base class's); a pole there has no sign
        (:class:`~.quadratic.OutsideFastType`, never 0)."""
        den = self._poly_sign(c.denom)
        if den == 0:
            raise OutsideFastType("a rational function with a pole at the root")
        return self._poly_sign(c.numer) * den

    def inverse(self, a: Elem) -> Elem:
        """``1/a`` at the root.  The base class's form, the conjugates over their product
        (the norm, in ``Q(p)``), has a pole at the root when a conjugate of ``a`` vanishes
        there though ``a`` does not: then ``a`` is reduced at the root first
        (:meth:`_inverse_at_root`), a form that holds at the root only (kept out of the
        memo the tracers share).

        Examples
        --------
        >>> from alliance_games.solving.traced_roots import real_roots
        >>> p = sp.Symbol("p")  # at sqrt(2), 1 + sqrt(p**2 - 1) = 2 but 1 - sqrt(...) = 0
        >>> t = AlgTracer(p, real_roots(sp.Poly(p**2 - 2, p))[1])
        >>> x = t.convert(1 + sp.sqrt(p**2 - 1))
        >>> y = 1 / x
        >>> t.to_sympy(y.elem), (y - t.convert(sp.Rational(1, 2))).sign()
        (1/2, 0)
        """
        inv = super().inverse(a)
        if all(self._poly_sign(c.denom) != 0 for c in inv.terms.values()):
            return inv
        return self._inverse_at_root(a)

    def _inverse_at_root(self, a: Elem) -> Elem:
        """``1/a`` at the root, one radical at a time: with ``a = c + d sqrt(R)`` (its
        highest radical) and ``a' = c - d sqrt(R)``, ``1/a = a' / (a a')``, where ``a a'``
        has no ``sqrt(R)``; when ``a a'`` vanishes at the root (``a'`` does, ``a`` not),
        ``a = 2 c`` there."""
        if self.sign_of(a) == 0:
            raise ZeroDivisionError("division by a traced zero")
        if not a.radicals():
            return Elem({frozenset(): 1 / a.terms[frozenset()]})
        conj = self._conjugate(a, max(a.radicals()))
        n = self.mul(a, conj)
        if self.sign_of(n) == 0:  # a' = 0 here: a = 2 c
            c, _, _ = self._split(a)
            return self._inverse_at_root(add_elems(c, c))
        return self.mul(conj, self._inverse_at_root(n))

    def _poly_sign(self, f) -> int:
        """The sign of a polynomial in the parameter (a ring element) at the root: 0
        exactly when its remainder by the root's irreducible polynomial is 0, otherwise
        the sign of that remainder on the isolating interval, refined until the interval
        enclosure (:func:`_enclosure`, exact integers) leaves out 0."""
        if f.is_ground:
            return fraction_sign(frac(f.LC))
        hit = self._psigns.get(f)
        if hit is None:
            g = _remainder(_integer_form(f), self._minpoly)
            hit = 0 if not g else _sign_near(g, self.root)
            self._psigns[f] = hit
        return hit


def _integer_form(f) -> list[int]:
    """A positive multiple of a ring element in one generator with integer
    coefficients, highest degree first (the same sign everywhere)."""
    terms = [(m[0], frac(c)) for m, c in f.terms()]
    deg = max(k for k, _ in terms)
    out = [Fraction(0)] * (deg + 1)
    for k, c in terms:
        out[deg - k] += c
    return cleared_integers(out)


def _remainder(f: list[int], m: list[int]) -> list[int]:
    """A positive multiple of the remainder of ``f`` by ``m`` (integer coefficients,
    highest first, ``m[0] > 0``): each step takes ``m[0] * f - f[0] * x**k * m``, which is
    ``m[0]`` times ``f`` wherever ``m`` is 0, and divides out the content; no leading
    zeros (``[]`` for 0).

    Examples
    --------
    >>> _remainder([1, 0, -3], [1, 0, -2])  # p**2 - 3 = (p**2 - 2) - 1
    [-1]
    >>> _remainder([2, 1, 0], [2, 0, -1])  # at p**2 = 1/2, 2p**2 + p = p + 1
    [1, 1]
    """
    f = list(f)
    while len(f) >= len(m):
        lead = f[0]
        if lead:
            f = [m[0] * x for x in f]
            for i in range(1, len(m)):
                f[i] -= lead * m[i]
            common = 0
            for x in f[1:]:
                common = gcd(common, x)
            if common > 1:
                f = [x // common for x in f]
        f.pop(0)
    while f and not f[0]:
        f.pop(0)
    return f


def _enclosure(coeffs: list[int], a: Fraction, b: Fraction) -> tuple:
    """A positive multiple of an interval holding the polynomial's every value on
    ``[a, b]`` (Horner on intervals, exact integers: with ``x = n / d``, the ``j``-th
    partial value times ``d**j``); it shrinks to the value as ``b - a`` does.

    Examples
    --------
    >>> _enclosure([1, 0, -2], Fraction(1), Fraction(3, 2))  # p**2 - 2 on [1, 3/2], times 4
    (-4, 1)
    """
    d = lcm(a.denominator, b.denominator)
    na, nb = a.numerator * (d // a.denominator), b.numerator * (d // b.denominator)
    lo = hi = 0
    scale = 1
    for c in coeffs:
        ends = (lo * na, lo * nb, hi * na, hi * nb)
        lo, hi = min(ends) + c * scale, max(ends) + c * scale
        scale *= d
    return lo, hi


def _sign_near(coeffs: list[int], root: Root) -> int:
    """The sign at ``root`` of a polynomial that is not 0 there (the remainder of one
    by the root's irreducible polynomial): the root's interval is refined until the
    polynomial's enclosure on it is all of one sign."""
    while True:
        a, b = root.lo, root.hi
        lo, hi = _enclosure(coeffs, a, b)
        if lo > 0:
            return 1
        if hi < 0:
            return -1
        if a == b:
            raise ZeroDivisionError("a polynomial that is 0 at a rational root")
        root.refine()
