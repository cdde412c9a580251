"""Simple rationals in intervals: the one place the package picks a rational point.

A rational strictly between two real algebraic numbers is how every exact step turns a
cell of a decomposition into a point it can evaluate at (a parameter value between two
roots, a belief between two thresholds, a sample point in a region).  The rational with
the smallest denominator is chosen, so that reported points read well (``1/3``, not
``0.3333``): :func:`simplest_in` on a closed rational interval, :func:`simplest_between`
on an open one, :func:`rational_between` between algebraic numbers (signs decided
exactly by :func:`~.algebraic.algebraic_sign`, ends may be infinite).
"""

from __future__ import annotations

from fractions import Fraction

import sympy as sp

from .algebraic import algebraic_sign, root_interval

__all__ = ["rational_between", "simplest_between", "simplest_in"]


def simplest_in(a: Fraction, b: Fraction) -> Fraction:
    """The rational with the smallest denominator in ``[a, b]`` (``a <= b``), the
    smallest numerator in absolute value among those.

    Examples
    --------
    >>> simplest_in(Fraction(31, 100), Fraction(34, 100))
    Fraction(1, 3)
    >>> simplest_in(Fraction(-7, 4), Fraction(-3, 2))
    Fraction(-3, 2)
    """
    a, b = Fraction(a), Fraction(b)
    if a > b:
        raise ValueError(f"empty interval [{a}, {b}]")
    if a <= 0 <= b:
        return Fraction(0)
    if b < 0:
        return -simplest_in(-b, -a)
    fl = a.numerator // a.denominator
    if fl == a or fl + 1 <= b:
        return Fraction(a if fl == a else fl + 1)
    return fl + 1 / simplest_in(1 / (b - fl), 1 / (a - fl))


def simplest_between(a: Fraction, b: Fraction) -> Fraction:
    """The rational with the smallest denominator strictly inside ``(a, b)`` (``a < b``),
    the smallest numerator in absolute value among those.

    Examples
    --------
    >>> simplest_between(Fraction(1), Fraction(3, 2)), simplest_between(Fraction(-1), Fraction(1))
    (Fraction(4, 3), Fraction(0, 1))
    >>> simplest_between(Fraction(1, 3), Fraction(1, 2))
    Fraction(2, 5)
    """
    a, b = Fraction(a), Fraction(b)
    if a >= b:
        raise ValueError(f"empty interval ({a}, {b})")
    if a < 0 < b:
        return Fraction(0)
    if b <= 0:
        return -simplest_between(-b, -a)
    fl = a.numerator // a.denominator
    if fl + 1 < b:
        return Fraction(fl + 1)
    if a == fl:  # (fl, b) with b <= fl + 1: fl + 1/n for the smallest n with 1/n < b - fl
        return fl + Fraction(1, (1 / (b - fl)).__floor__() + 1)
    return fl + 1 / simplest_between(1 / (b - fl), 1 / (a - fl))


def rational_between(lo: sp.Expr | int, hi: sp.Expr | int) -> sp.Rational:
    """The simplest rational strictly between the real algebraic numbers ``lo < hi``
    (sympy numbers; either end may be infinite), checked exactly.

    Examples
    --------
    >>> rational_between(sp.Integer(0), sp.sqrt(2) - 1), rational_between(1, sp.sqrt(2))
    (1/3, 4/3)
    >>> rational_between(-sp.oo, sp.Integer(0)), rational_between(-sp.oo, sp.oo)
    (-1, 0)
    """
    lo, hi = sp.sympify(lo), sp.sympify(hi)
    if lo == -sp.oo or hi == sp.oo:
        if lo == -sp.oo and hi == sp.oo:
            return sp.Integer(0)
        if lo == -sp.oo:
            return sp.floor(hi) - 1
        return sp.ceiling(lo) + 1
    if algebraic_sign(hi - lo) <= 0:
        raise ValueError(f"no rational strictly between {lo} and {hi}")
    if lo.is_Rational and hi.is_Rational:
        return _rat(simplest_between(_frac(lo), _frac(hi)))
    width = Fraction(1, 2**50)
    for _ in range(4):  # root objects' isolating intervals: no digits of sympy's
        a, b = _enclosure(lo, width), _enclosure(hi, width)
        if a is None or b is None:
            break
        if a[1] < b[0]:  # lo <= a[1] < b[0] <= hi
            return _rat(simplest_between(a[1], b[0]))
        width /= 2**40
    digits = 15
    while True:
        a = _frac(lo) if lo.is_Rational else _frac(sp.Rational(str(lo.evalf(digits))))
        b = _frac(hi) if hi.is_Rational else _frac(sp.Rational(str(hi.evalf(digits))))
        if a < b:
            mid = _rat(simplest_between(a, b))
            if algebraic_sign(mid - lo) > 0 and algebraic_sign(hi - mid) > 0:
                return mid
        digits *= 2


def _enclosure(v: sp.Expr, width: Fraction) -> tuple[Fraction, Fraction] | None:
    """Rational bounds ``(a, b)`` on ``v`` with ``b - a <= width`` for a rational or
    ``c0 + c1 r`` (``r`` a real root object, ``c0, c1`` rational: ``1 - r``, ``r / 2``),
    from ``r``'s isolating interval (:func:`~.algebraic.root_interval`); None for any
    other number."""
    if v.is_Rational:
        return _frac(v), _frac(v)
    c0, rest = v.as_coeff_Add()
    c1, r = rest.as_coeff_Mul()
    if not isinstance(r, sp.CRootOf) or not (c0.is_Rational and c1.is_Rational) or c1 == 0:
        return None
    ends = root_interval(r, width / abs(_frac(c1)))
    if ends is None:
        return None
    a, b = (_frac(c0) + _frac(c1) * e for e in ends)
    return (a, b) if a <= b else (b, a)


def _frac(x: sp.Rational) -> Fraction:
    return Fraction(int(x.p), int(x.q))


def _rat(x: Fraction) -> sp.Rational:
    return sp.Rational(x.numerator, x.denominator)
