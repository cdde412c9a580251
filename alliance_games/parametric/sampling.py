"""Exact rational grids and random rational points in a parameter box.

Every point produced here is a tuple of sympy ``Rational`` values, so that a condition
can be decided exactly at it; the float coordinates used for fast vectorised sweeps
are derived from these rationals, never the other way round.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from numbers import Integral
from numbers import Rational as _NumRational

import numpy as np
import sympy as sp

from alliance_games.errors import ParameterError

__all__ = ["to_rational", "rational_grid", "sample_box", "validate_box"]

Box = Mapping[sp.Symbol, tuple]


def to_rational(value: object, name: str = "value") -> sp.Rational:
    """Convert a number to an exact sympy ``Rational``.

    Floats are read through their shortest decimal representation (``0.1`` -> ``1/10``),
    strings through :class:`fractions.Fraction` (``"1/3"``, ``"0.25"``); no expression
    parsing is done.

    Raises
    ------
    ParameterError
        If the value is not a finite real number.

    Examples
    --------
    >>> to_rational(0.1), to_rational("2/6"), to_rational(3)
    (1/10, 1/3, 3)
    """
    try:
        if isinstance(value, sp.Basic):
            if value.is_Rational:
                return sp.Rational(value)
            if value.is_Float:
                return sp.Rational(Fraction(str(value)))
            raise ParameterError(f"{name} must be a rational number, got {value}")
        if isinstance(value, (bool, np.bool_)):
            raise ParameterError(f"{name} must be a number, got {value!r}")
        if isinstance(value, (Integral, np.integer)):
            return sp.Integer(int(value))
        if isinstance(value, _NumRational):
            return sp.Rational(value.numerator, value.denominator)
        if isinstance(value, (float, np.floating)):
            if not np.isfinite(value):
                raise ParameterError(f"{name} must be finite, got {value!r}")
            return sp.Rational(Fraction(repr(float(value))))
        if isinstance(value, str):
            return sp.Rational(Fraction(value.strip()))
    except (ValueError, ZeroDivisionError, TypeError) as exc:
        raise ParameterError(f"{name} is not a rational number: {value!r}") from exc
    raise ParameterError(f"{name} must be a number, got {type(value).__name__} {value!r}")


def rational_grid(lo: object, hi: object, n: int) -> tuple[sp.Rational, ...]:
    """``n`` cell centres ``lo + (i + 1/2)(hi - lo)/n`` of the open interval (lo, hi), exactly.

    Cell centres never touch the endpoints, so open parameter ranges are respected and
    each grid point stands for one pixel of a region map.

    Examples
    --------
    >>> rational_grid(0, 1, 3)
    (1/6, 1/2, 5/6)
    """
    lo_r, hi_r = to_rational(lo, "lower bound"), to_rational(hi, "upper bound")
    if int(n) != n or n < 1:
        raise ParameterError(f"number of grid points must be a positive integer, got {n!r}")
    if not lo_r < hi_r:
        raise ParameterError(f"empty interval ({lo_r}, {hi_r})")
    n = int(n)
    step = (hi_r - lo_r) / n
    return tuple(lo_r + step * sp.Rational(2 * i + 1, 2) for i in range(n))


def validate_box(
    box: Box,
    parameters: Mapping[sp.Symbol, tuple] | None = None,
) -> dict[sp.Symbol, tuple[sp.Rational, sp.Rational]]:
    """Check a box ``{symbol: (lo, hi)}`` and return it with exact rational bounds.

    Each range must be finite with ``lo < hi``; when the game's declared ``parameters``
    are given, every symbol must be one of them and the box must lie inside the
    declared (open) range, ``None`` meaning unbounded.

    Raises
    ------
    ParameterError
        Unknown symbol, missing or empty range, or a box outside the declared range.

    Examples
    --------
    >>> p = sp.Symbol("p")
    >>> validate_box({p: (0, "0.5")}, {p: (0, 1)})
    {p: (0, 1/2)}
    """
    if not isinstance(box, Mapping) or not box:
        raise ParameterError("box must be a non-empty mapping {symbol: (lo, hi)}")
    out: dict[sp.Symbol, tuple[sp.Rational, sp.Rational]] = {}
    for sym, rng in box.items():
        if not isinstance(sym, sp.Symbol):
            raise ParameterError(f"box keys must be sympy Symbols, got {sym!r}")
        if parameters is not None and sym not in parameters:
            known = ", ".join(sorted(str(s) for s in parameters)) or "none"
            raise ParameterError(f"unknown parameter {sym} (the game's parameters: {known})")
        if rng is None or not isinstance(rng, (tuple, list)) or len(rng) != 2:
            raise ParameterError(f"parameter {sym} needs a range (lo, hi) in the box, got {rng!r}")
        if rng[0] is None or rng[1] is None:
            raise ParameterError(f"parameter {sym} needs a finite range in the box, got {rng!r}")
        lo = to_rational(rng[0], f"{sym} lower bound")
        hi = to_rational(rng[1], f"{sym} upper bound")
        if not lo < hi:
            raise ParameterError(f"parameter {sym} has an empty range ({lo}, {hi})")
        if parameters is not None:
            declared = parameters[sym]
            dlo, dhi = (None, None) if declared is None else declared
            if dlo is not None and lo < to_rational(dlo):
                raise ParameterError(
                    f"box ({lo}, {hi}) for {sym} leaves its admissible range {tuple(declared)}")
            if dhi is not None and hi > to_rational(dhi):
                raise ParameterError(
                    f"box ({lo}, {hi}) for {sym} leaves its admissible range {tuple(declared)}")
        out[sym] = (lo, hi)
    return out


def check_value(sym: sp.Symbol, value: sp.Rational,
                parameters: Mapping[sp.Symbol, tuple] | None) -> None:
    """Raise ParameterError if ``value`` is outside the open declared range of ``sym``.

    Examples
    --------
    The declared range ``(0, 1)`` is open: ``1/2`` passes, the end ``1`` does not.

    >>> p = sp.Symbol("p")
    >>> check_value(p, sp.Rational(1, 2), {p: (0, 1)})
    >>> check_value(p, sp.Integer(1), {p: (0, 1)})
    Traceback (most recent call last):
    ...
    alliance_games.errors.ParameterError: value 1 of p is outside its admissible range (0, 1)
    """
    if parameters is None:
        return
    if sym not in parameters:
        known = ", ".join(sorted(str(s) for s in parameters)) or "none"
        raise ParameterError(f"unknown parameter {sym} (the game's parameters: {known})")
    declared = parameters[sym]
    dlo, dhi = (None, None) if declared is None else declared
    if (dlo is not None and value <= to_rational(dlo)) or (
            dhi is not None and value >= to_rational(dhi)):
        raise ParameterError(
            f"value {value} of {sym} is outside its admissible range {tuple(declared)}")


def sample_box(box: Box, n: int, seed: int | None = 0,
               denominator: int = 2**20) -> tuple[dict[sp.Symbol, sp.Rational], ...]:
    """``n`` random points of the open box, each coordinate an exact ``Rational``.

    Coordinate ``s`` is ``lo + (hi - lo) * k / denominator`` with ``k`` uniform on
    ``1 .. denominator - 1`` (so the open box is respected), drawn from
    ``numpy.random.default_rng(seed)``: the same seed gives the same points.

    Examples
    --------
    >>> p = sp.Symbol("p")
    >>> pts = sample_box({p: (0, 1)}, 3, seed=1)
    >>> len(pts), all(0 < pt[p] < 1 for pt in pts)
    (3, True)
    """
    checked = validate_box(box)
    if int(n) != n or n < 0:
        raise ParameterError(f"n must be a non-negative integer, got {n!r}")
    if denominator < 2:
        raise ParameterError("denominator must be at least 2")
    rng = np.random.default_rng(seed)
    cols = {}
    for sym, (lo, hi) in checked.items():
        ks = rng.integers(1, denominator, size=int(n))
        cols[sym] = [lo + (hi - lo) * sp.Rational(int(k), denominator) for k in ks]
    return tuple({sym: cols[sym][i] for sym in checked} for i in range(int(n)))
