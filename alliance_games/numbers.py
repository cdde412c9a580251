"""Exact numbers: turn user input into sympy values without evaluating text.

Payoffs and priors may be given as ints, :class:`fractions.Fraction`, decimal or
rational strings (``"0.1"``, ``"1/10"``, ``"-2.5e-3"``), floats (read through their
shortest decimal representation) or sympy expressions.  Strings are matched against a
strict numeric pattern and never passed to ``sympify`` or ``eval``.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal
from fractions import Fraction
from numbers import Integral, Rational

import sympy as sp

from .errors import InvalidGameError

_DECIMAL = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d{1,4})?$")
_RATIONAL = re.compile(r"^[+-]?\d+\s*/\s*[+-]?\d+$")
_BAD_ATOMS = (sp.nan, sp.zoo, sp.oo, -sp.oo)


def to_exact(value: object, where: str = "value") -> sp.Expr:
    """Convert ``value`` to an exact sympy expression, or raise :class:`InvalidGameError`.

    Parameters
    ----------
    value
        An int, Fraction, Decimal, float, numeric string or sympy expression.
    where
        Where the value sits (for example ``"sender_payoffs[0][1][0]"``); used in errors.

    Examples
    --------
    >>> to_exact("1/10")
    1/10
    >>> to_exact(0.1)
    1/10
    >>> to_exact("nan")
    Traceback (most recent call last):
    ...
    alliance_games.errors.InvalidGameError: value: 'nan' is not a finite number (...)
    """
    if isinstance(value, bool):
        raise InvalidGameError(f"{where}: {value!r} is a bool, not a number")
    if isinstance(value, sp.Basic):
        return _check_expr(value, where)
    if isinstance(value, Integral):
        return sp.Integer(int(value))
    if isinstance(value, Fraction) or isinstance(value, Rational):
        return sp.Rational(value.numerator, value.denominator)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise InvalidGameError(f"{where}: {value!r} is not a finite number")
        return sp.Rational(Fraction(value).numerator, Fraction(value).denominator)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise InvalidGameError(f"{where}: {value!r} is not a finite number")
        return _from_string(repr(value), where)
    if isinstance(value, str):
        return _from_string(value, where)
    item = getattr(value, "item", None)  # numpy scalars
    if callable(item) and not isinstance(value, (list, tuple, dict)):
        try:
            return to_exact(item(), where)
        except (TypeError, ValueError) as exc:
            raise InvalidGameError(f"{where}: {value!r} is not a number") from exc
    raise InvalidGameError(f"{where}: {value!r} ({type(value).__name__}) is not a number")


def _from_string(text: str, where: str) -> sp.Expr:
    s = text.strip()
    if _DECIMAL.match(s):
        f = Fraction(Decimal(s))
        return sp.Rational(f.numerator, f.denominator)
    if _RATIONAL.match(s):
        num, den = (int(part) for part in s.split("/"))
        if den == 0:
            raise InvalidGameError(f"{where}: {text!r} divides by zero")
        return sp.Rational(num, den)
    raise InvalidGameError(
        f"{where}: {text!r} is not a finite number (strings must be decimals such as '0.1' or"
        " rationals such as '1/10'; symbolic payoffs are sympy expressions or model-file strings)"
    )


def _check_expr(expr: sp.Basic, where: str) -> sp.Expr:
    if not isinstance(expr, sp.Expr):
        raise InvalidGameError(f"{where}: {expr!r} is not a sympy expression")
    if any(expr.has(bad) for bad in _BAD_ATOMS):
        raise InvalidGameError(f"{where}: {expr} is not a finite number")
    if isinstance(expr, sp.Float):
        return _from_string(repr(float(expr)), where)
    if expr.has(sp.Float):
        expr = expr.xreplace({f: _from_string(repr(float(f)), where) for f in expr.atoms(sp.Float)})
    if expr.is_number and expr.is_real is False:
        raise InvalidGameError(f"{where}: {expr} is not a real number")
    return expr


def is_numeric(expr: sp.Expr) -> bool:
    """True when ``expr`` has no free symbols.

    Examples
    --------
    >>> is_numeric(sp.Rational(1, 2)), is_numeric(sp.Symbol("p"))
    (True, False)
    """
    return not expr.free_symbols


def as_fraction(expr: sp.Expr) -> Fraction:
    """An exact rational sympy number as a :class:`Fraction` (fast arithmetic).

    Examples
    --------
    >>> as_fraction(sp.Rational(3, 4))
    Fraction(3, 4)
    """
    if isinstance(expr, sp.Rational):
        return Fraction(int(expr.p), int(expr.q))
    raise TypeError(f"{expr} is not rational")


def to_sympy(value: object) -> sp.Expr:
    """Fractions (from the fast numeric path) back to sympy; sympy values unchanged.

    Examples
    --------
    >>> to_sympy(Fraction(1, 3))
    1/3
    """
    if isinstance(value, Fraction):
        return sp.Rational(value.numerator, value.denominator)
    if isinstance(value, int):
        return sp.Integer(value)
    if not isinstance(value, sp.Basic) and hasattr(value, "as_expr"):
        return value.as_expr()  # an element of a field of rational functions
    return value
