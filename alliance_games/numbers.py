"""Exact numbers: turn user input into sympy values without evaluating text.

Payoffs and priors may be given as ints, :class:`fractions.Fraction`, decimal or
rational strings (``"0.1"``, ``"1/10"``, ``"-2.5e-3"``), floats and numpy scalars (read
through their shortest decimal representation) or sympy expressions.  Strings are matched
against a strict numeric pattern and never passed to ``sympify`` or ``eval``.

Sizes are bounded before any big number is built, so hostile input fails at once with
:class:`~alliance_games.errors.InvalidGameError`: a numerator or denominator has at most
:data:`MAX_DIGITS` digits, and a payoff or prior is a polynomial or rational function of
total degree at most :data:`MAX_DEGREE` in the parameters and beliefs.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from numbers import Integral, Rational

import sympy as sp

from .errors import InvalidGameError

#: Most decimal digits in the numerator or denominator of an exact number.
MAX_DIGITS = 1000
#: Highest total degree of a payoff or prior in the parameters and beliefs (``c**MAX_DEGREE``
#: is accepted, ``(c**10)**10`` with degree 100 is not): the exact solver's work grows fast
#: with the degree, and beyond this it does not finish in reasonable time.
MAX_DEGREE = 40
#: Highest degree of a payoff in the belief symbols ``mu_<type>``: equilibria with beliefs
#: solve polynomial systems in them, which is much costlier than in parameters.
MAX_BELIEF_DEGREE = 10

_DIGIT_LIMIT = 10**MAX_DIGITS
_DECIMAL = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
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
    >>> to_exact("nan")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    alliance_games.errors.InvalidGameError: value: 'nan' is not a finite number ...
    """
    if isinstance(value, bool):
        raise InvalidGameError(f"{where}: {value!r} is a bool, not a number")
    if isinstance(value, sp.Basic):
        return _check_expr(value, where)
    if isinstance(value, Integral):
        return _sized(sp.Integer(int(value)), where)
    if isinstance(value, Fraction) or isinstance(value, Rational):
        return _sized(sp.Rational(int(value.numerator), int(value.denominator)), where)
    if isinstance(value, Decimal):
        frac = decimal_fraction(value, where)
        return sp.Rational(frac.numerator, frac.denominator)
    if isinstance(value, float):  # also numpy.float64, a float subclass whose repr differs
        if not math.isfinite(value):
            raise InvalidGameError(f"{where}: {float(value)!r} is not a finite number")
        return _from_string(float.__repr__(value), where)
    if isinstance(value, str):
        return _from_string(value, where)
    item = getattr(value, "item", None)  # numpy scalars (float32, int64, 0-d arrays)
    if callable(item) and not isinstance(value, (list, tuple, dict)) \
            and getattr(value, "ndim", 0) == 0:
        try:
            plain = item()
        except (TypeError, ValueError) as exc:
            raise InvalidGameError(f"{where}: {value!r} is not a number") from exc
        if plain is not value and isinstance(plain, (bool, int, float, Fraction)):
            return to_exact(plain, where)
    raise InvalidGameError(f"{where}: {value!r} ({type(value).__name__}) is not a number")


def decimal_fraction(value: Decimal | str, where: str = "value") -> Fraction:
    """A decimal (a :class:`~decimal.Decimal` or text such as ``"2.5e-3"``) as an exact
    :class:`Fraction`, refusing numbers too large to build before building them.

    Examples
    --------
    >>> decimal_fraction("2.5e-3")
    Fraction(1, 400)
    >>> decimal_fraction("1e999999999")
    Traceback (most recent call last):
    ...
    alliance_games.errors.InvalidGameError: value: '1e999999999' has more than 1000 digits
    """
    shown = value if isinstance(value, str) else str(value)
    try:
        dec = Decimal(value) if isinstance(value, str) else value
    except ArithmeticError:
        raise InvalidGameError(f"{where}: {shown!r} is not a number") from None
    if not dec.is_finite():
        raise InvalidGameError(f"{where}: {shown!r} is not a finite number")
    _, digits, exponent = dec.as_tuple()
    significant = len(digits)
    if significant + max(exponent, 0) > MAX_DIGITS or -exponent > MAX_DIGITS:
        raise InvalidGameError(f"{where}: {shown!r} has more than {MAX_DIGITS} digits")
    return Fraction(dec)


def check_size(value: sp.Rational, where: str = "value") -> sp.Rational:
    """``value`` unchanged if its numerator and denominator have at most
    :data:`MAX_DIGITS` digits, else :class:`InvalidGameError`.

    Examples
    --------
    >>> check_size(sp.Rational(1, 3))
    1/3
    >>> check_size(sp.Rational(1, 10**1000))
    Traceback (most recent call last):
    ...
    alliance_games.errors.InvalidGameError: value: a number with more than 1000 digits
    """
    return _sized(value, where)


def _sized(value: sp.Rational, where: str) -> sp.Rational:
    if abs(value.p) >= _DIGIT_LIMIT or value.q >= _DIGIT_LIMIT:
        raise InvalidGameError(f"{where}: a number with more than {MAX_DIGITS} digits")
    return value


def degree(expr: sp.Basic, symbols: frozenset | set | None = None) -> int:
    """An upper bound on the total degree of ``expr`` in ``symbols`` (default: all of its
    free symbols) once expanded.

    Sums take the largest degree, products add, integer powers multiply; a rational
    function counts numerator and denominator; functions (``exp``, ``Piecewise``, ...)
    count their arguments.  Nothing is expanded, so the bound is cheap even for
    ``(c**1000)**1000``.

    Examples
    --------
    >>> c, b = sp.symbols("c b")
    >>> degree((c**2 + b)**3 / (1 + c)), degree(sp.Integer(5))
    (7, 0)
    """
    cache: dict[sp.Basic, int] = {}

    def walk(e: sp.Basic) -> int:
        if not e.free_symbols or (symbols is not None and not e.free_symbols & symbols):
            return 0
        if e.is_Symbol:
            return 1
        known = cache.get(e)
        if known is not None:
            return known
        if e.is_Mul:
            out = sum(walk(a) for a in e.args)
        elif e.is_Pow:
            exponent = e.exp
            base = walk(e.base)
            if exponent.is_Rational:
                out = base * max(1, math.ceil(abs(exponent)))
            else:
                out = base + walk(exponent)
        else:
            out = max((walk(a) for a in e.args), default=0)
        cache[e] = out
        return out

    return walk(expr)


def check_degree(expr: sp.Basic, where: str = "value") -> None:
    """Raise :class:`InvalidGameError` if ``expr`` has a degree above :data:`MAX_DEGREE`.

    Examples
    --------
    >>> c = sp.Symbol("c")
    >>> check_degree(c**40)
    >>> check_degree((c**100)**100, "payoff")
    Traceback (most recent call last):
    ...
    alliance_games.errors.InvalidGameError: payoff: degree 10000 is above the limit 40 ...
    """
    found = degree(expr)
    if found > MAX_DEGREE:
        raise InvalidGameError(
            f"{where}: degree {found} is above the limit {MAX_DEGREE} (the exact solver "
            "cannot finish with polynomials of such degree; rescale or introduce a parameter "
            "for the power)")


def irrational_part(expr: sp.Basic) -> sp.Expr | None:
    """The first numeric sub-expression of ``expr`` that is not a rational number
    (such as ``pi``, ``E`` or ``sqrt(2)``), or ``None``.

    Examples
    --------
    >>> c = sp.Symbol("c")
    >>> irrational_part(c + sp.Rational(1, 2)) is None, irrational_part(c * sp.sqrt(2))
    (True, sqrt(2))
    """
    if isinstance(expr, sp.Expr) and not expr.free_symbols:
        return None if expr.is_Rational else expr
    for arg in expr.args:
        found = irrational_part(arg)
        if found is not None:
            return found
    return None


def _from_string(text: str, where: str) -> sp.Expr:
    s = text.strip()
    if len(s) > 3 * MAX_DIGITS:
        raise InvalidGameError(f"{where}: a number with more than {MAX_DIGITS} digits")
    if _DECIMAL.match(s):
        f = decimal_fraction(s, where)
        return sp.Rational(f.numerator, f.denominator)
    if _RATIONAL.match(s):
        num, den = (int(part) for part in s.split("/"))
        if den == 0:
            raise InvalidGameError(f"{where}: {text!r} divides by zero")
        return _sized(sp.Rational(num, den), where)
    raise InvalidGameError(
        f"{where}: {text!r} is not a finite number (strings must be decimals such as '0.1' or"
        " rationals such as '1/10'; symbolic payoffs are sympy expressions or model-file strings)"
    )


def _check_expr(expr: sp.Basic, where: str) -> sp.Expr:
    if isinstance(expr, sp.Rational):  # the common case, fast
        return _sized(expr, where)
    if not isinstance(expr, sp.Expr):
        raise InvalidGameError(f"{where}: {expr!r} is not a sympy expression")
    if any(expr.has(bad) for bad in _BAD_ATOMS):
        raise InvalidGameError(f"{where}: {expr} is not a finite number")
    if isinstance(expr, sp.Float):
        return _from_string(repr(float(expr)), where)
    if expr.has(sp.Float):
        expr = expr.xreplace({f: _from_string(repr(float(f)), where) for f in expr.atoms(sp.Float)})
    for number in expr.atoms(sp.Rational):
        _sized(number, where)
    check_degree(expr, where)
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


def value_at(expr: sp.Basic, point: Mapping) -> sp.Basic:
    """``expr.xreplace(point)`` without rebuilding what the point makes irrelevant.

    An ``And`` stops at its first false argument and an ``Or`` at its first true one;
    a ``Piecewise`` takes the expression of its first condition that is true at the point,
    skipping those that are false.  Each part is still evaluated by ``xreplace``, so the
    result is the one ``expr.xreplace(point)`` gives (a condition left undecided keeps
    its ``Piecewise`` whole), only without evaluating the large conditions and pieces of
    a parametric result that the point does not reach.

    Examples
    --------
    >>> p, q = sp.symbols("p q")
    >>> value_at(sp.Piecewise((p**2, p > 1), (q, True)), {p: sp.Rational(1, 2)})
    q
    >>> value_at((p > 1) & (q > 0), {p: 0})
    False
    >>> value_at((p > 1) | (q > 0), {p: 2})
    True
    """
    if isinstance(expr, (sp.And, sp.Or)):
        stop, skip = (sp.false, sp.true) if isinstance(expr, sp.And) else (sp.true, sp.false)
        rest = []
        for arg in expr.args:
            value = value_at(arg, point)
            if value == stop:
                return stop
            if value != skip:
                rest.append(value)
        return expr.func(*rest)
    if isinstance(expr, sp.Not):
        return sp.Not(value_at(expr.args[0], point))
    if isinstance(expr, sp.Piecewise):
        for piece, cond in expr.args:
            holds = value_at(cond, point)
            if holds == sp.true:
                return value_at(piece, point)
            if holds != sp.false:
                break  # (undecided at the point: the whole Piecewise, as xreplace gives)
    return expr.xreplace(point)
