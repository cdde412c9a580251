"""Whether a polynomial keeps one sign on a box: interval arithmetic over its terms,
first in floating point with outward rounding (an answer only where it is sure), else
exactly (rationals and infinities).  The several-parameter cells of
:mod:`.belief_parametric` leave out of a cell's condition the sign conditions that hold
on the whole box (:func:`one_sign`).

Examples
--------
>>> from fractions import Fraction
>>> from alliance_games.solving.ratfunc import field
>>> K, (p, q) = field(2)
>>> f = (p ** 2 + 10 * p + 176 + q).numer  # no zero for p >= 0, |q| <= 1
>>> one_sign(f, [(Fraction(0), None), (Fraction(-1), Fraction(1))])
True
"""

from __future__ import annotations

import math
import sys
from fractions import Fraction
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from sympy.polys.rings import PolyElement

    from .ratfunc import FlintPoly

__all__ = ["one_sign", "one_sign_cached"]


def one_sign(poly: PolyElement | FlintPoly, ranges: list) -> bool:
    """Whether a polynomial (ring element) has no zero in the box of ``ranges`` (closed;
    ``None`` for an unbounded side; exact interval arithmetic over its terms, rationals
    and infinities): its sign condition then holds on the whole box and need not be
    stated.

    Examples
    --------
    >>> from alliance_games.solving.ratfunc import field
    >>> K, (p, q) = field(2)
    >>> f = (p ** 2 + 10 * p + 176 + q).numer
    >>> one_sign(f, [(Fraction(0), None), (Fraction(-1), Fraction(1))])
    True
    >>> one_sign(f, [(None, None), (Fraction(-1), Fraction(1))])
    False
    """
    fast = _one_sign_float(poly, ranges)
    return _one_sign_exact(poly, ranges) if fast is None else fast


_HUGE, _TINY = 1e150, 1e-140  # nonzero factors within these: no product over- or underflows


def _one_sign_float(poly, ranges) -> bool | None:
    """:func:`_one_sign_exact` in floating-point interval arithmetic, by the same
    formulas (``0 * inf = 0`` included) with every inexact result rounded outward (one
    step past the rounded value; the coefficients and box ends too; sums with
    ``math.fsum``, correctly rounded): its interval is the exact one widened by rounding
    only, with the same infinite ends.  True where it excludes 0 (the exact one, inside
    it, does too); False where it straddles 0 by more than any rounding (a billionth of
    its terms' sizes), so the exact one straddles 0 too; None where it does not tell
    (close to 0, or numbers too large or too small for that argument).

    Examples
    --------
    >>> from alliance_games.solving.ratfunc import field
    >>> K, (p, q) = field(2)
    >>> f = (p ** 2 + 10 * p + 176 + q).numer
    >>> _one_sign_float(f, [(Fraction(-20), Fraction(20)), (Fraction(-1), Fraction(1))])
    False
    >>> _one_sign_float((q - 1).numer, [(None, None), (Fraction(1), Fraction(2))])  # 0 at q = 1
    """
    exps, c_lo, c_hi = _term_arrays(poly)
    if not len(c_lo) or not _tame(c_lo) or not _tame(c_hi):
        return None
    lo, hi = c_lo, c_hi
    with np.errstate(all="ignore"):
        for i, (a, b) in enumerate(ranges):
            col = exps[:, i]
            top = int(col.max()) if len(col) else 0
            if top == 0:
                continue
            p_lo, p_hi = _interval_powers(_down(a), _up(b), top)
            if not _tame(p_lo) or not _tame(p_hi):
                return None
            p_lo, p_hi = p_lo[col], p_hi[col]
            ends = [_product(x, y) for x in (lo, hi) for y in (p_lo, p_hi)]
            lo = np.minimum.reduce([d for d, _ in ends])
            hi = np.maximum.reduce([u for _, u in ends])
            if not _tame(lo) or not _tame(hi):
                return None
    if (lo == np.inf).any() or (hi == -np.inf).any():
        return None
    fin_lo, fin_hi = lo[np.isfinite(lo)], hi[np.isfinite(hi)]
    low = -math.inf if len(fin_lo) < len(lo) else math.nextafter(math.fsum(lo), -math.inf)
    high = math.inf if len(fin_hi) < len(hi) else math.nextafter(math.fsum(hi), math.inf)
    if low > 0 or high < 0:
        return True
    slack_lo = 1e-9 * math.fsum(np.abs(fin_lo)) + 1e-290 * len(lo)
    slack_hi = 1e-9 * math.fsum(np.abs(fin_hi)) + 1e-290 * len(hi)
    if low + slack_lo < 0 < high - slack_hi:
        return False
    return None


def _product(x: np.ndarray, y: np.ndarray) -> tuple:
    """Floats below and above ``x * y`` elementwise: exactly 0 where a factor is 0 (also
    against an infinity), else the product rounded outward."""
    zero = (x == 0) | (y == 0)
    p = np.where(zero, 1.0, x) * np.where(zero, 1.0, y)
    return (np.where(zero, 0.0, np.nextafter(p, -np.inf)),
            np.where(zero, 0.0, np.nextafter(p, np.inf)))


def _tame(values: np.ndarray) -> bool:
    """Every finite nonzero value within ``[_TINY, _HUGE]`` in magnitude, so that no
    product of two over- or underflows (zeros and infinities, which are exact, are
    allowed)."""
    mag = np.abs(values[np.isfinite(values) & (values != 0)])
    return not len(mag) or (float(mag.max()) < _HUGE and float(mag.min()) > _TINY)


def _interval_powers(a: float, b: float, top: int):
    """Rigorous float intervals of ``x**e`` for ``x`` in ``[a, b]``, ``e = 0..top``, as
    two arrays (lows, highs), by the exact version's formula (the ends' powers; 0 below
    for an even power of a box around 0), so the result is that interval widened by
    rounding only."""
    los, his = [1.0], [1.0]
    for e in range(1, top + 1):
        (alo, ahi), (blo, bhi) = _power_bounds(a, e), _power_bounds(b, e)
        lo_e, hi_e = min(alo, blo), max(ahi, bhi)
        if e % 2 == 0 and a < 0 < b:
            lo_e = 0.0
        los.append(lo_e)
        his.append(hi_e)
    return np.array(los), np.array(his)


def _power_bounds(x: float, e: int) -> tuple:
    """Floats below and above ``x**e`` (infinities by sign)."""
    if math.isinf(x):
        v = math.inf if x > 0 or e % 2 == 0 else -math.inf
        return v, v
    m = abs(x)
    lo = hi = m
    for _ in range(e - 1):
        if m == 0:
            break
        lo, hi = math.nextafter(lo * m, 0.0), math.nextafter(hi * m, math.inf)
    if x < 0 and e % 2:
        return -hi, -lo
    return lo, hi


def _down(x) -> float:
    """A float at most ``x`` (a Fraction, or None for minus infinity): ``x`` itself when
    a float holds it exactly."""
    if x is None:
        return -math.inf
    try:
        f = float(x)
    except OverflowError:
        return -math.inf if x < 0 else sys.float_info.max
    return f if Fraction(f) == x else math.nextafter(f, -math.inf)


def _up(x) -> float:
    """A float at least ``x`` (a Fraction, or None for infinity): ``x`` itself when a
    float holds it exactly."""
    if x is None:
        return math.inf
    try:
        f = float(x)
    except OverflowError:
        return math.inf if x > 0 else -sys.float_info.max
    return f if Fraction(f) == x else math.nextafter(f, math.inf)


_TERM_ARRAYS: dict = {}  # polynomial -> (exponents, coefficient lows, coefficient highs)


def _term_arrays(poly) -> tuple:
    """A polynomial's exponents (one row per term) and its coefficients' rigorous float
    bounds (cached)."""
    hit = _TERM_ARRAYS.get(poly)
    if hit is None:
        if len(_TERM_ARRAYS) > 100_000:
            _TERM_ARRAYS.clear()
        terms = poly.terms()
        coeffs = [Fraction(int(c.numerator), int(c.denominator)) for _, c in terms]
        hit = _TERM_ARRAYS[poly] = (
            np.array([m for m, _ in terms], dtype=np.int64).reshape(
                len(terms), len(terms[0][0]) if terms else 0),
            np.array([_down(c) for c in coeffs]), np.array([_up(c) for c in coeffs]))
    return hit


def _one_sign_exact(poly, ranges) -> bool:
    """:func:`one_sign` in exact interval arithmetic (rationals and infinities)."""
    low = high = Fraction(0)
    for monom, coeff in poly.terms():
        c = Fraction(int(coeff.numerator), int(coeff.denominator))
        lo_t = hi_t = c
        for e, (a, b) in zip(monom, ranges):
            if e == 0:
                continue
            a = -math.inf if a is None else a
            b = math.inf if b is None else b
            ends = (_ipow(a, e), _ipow(b, e))
            ylo, yhi = min(ends), max(ends)
            if e % 2 == 0 and a < 0 < b:
                ylo = Fraction(0)
            prods = [_imul(x, y) for x in (lo_t, hi_t) for y in (ylo, yhi)]
            lo_t, hi_t = min(prods), max(prods)
        low, high = low + lo_t, high + hi_t
    return low > 0 or high < 0


def _imul(x, y):
    """A product of interval ends: rationals exactly, infinities (floats) by sign, and
    ``0 * inf = 0`` (a zero factor is exactly zero on the box)."""
    if x == 0 or y == 0:
        return Fraction(0)
    if isinstance(x, float) or isinstance(y, float):
        return math.inf if (x > 0) == (y > 0) else -math.inf
    return x * y


def _ipow(x, e: int):
    """An interval end to a positive integer power (infinities by sign)."""
    if isinstance(x, float):
        return math.inf if x > 0 or e % 2 == 0 else -math.inf
    return x ** e


_ONE_SIGN: dict = {}  # (polynomial, ranges) -> one_sign


def one_sign_cached(poly: PolyElement | FlintPoly, ranges: tuple) -> bool:
    """:func:`one_sign`, remembered per polynomial and box (at most 100,000 of them).

    Examples
    --------
    >>> from alliance_games.solving.ratfunc import field
    >>> K, (p,) = field(1)
    >>> box = ((Fraction(2), Fraction(3)),)
    >>> one_sign_cached((p - 1).numer, box), one_sign_cached((p - 1).numer, box)
    (True, True)
    """
    key = (poly, ranges)
    hit = _ONE_SIGN.get(key)
    if hit is None:
        if len(_ONE_SIGN) > 100_000:
            _ONE_SIGN.clear()
        hit = _ONE_SIGN[key] = one_sign(poly, ranges)
    return hit
