"""Exact arithmetic over real algebraic numbers for the solvers: the decision context
(:class:`AlgebraicContext`) and linear solving.  The sign itself is the package's one
exact sign, :mod:`alliance_games.signs` (re-exported here).

Examples
--------
>>> AlgebraicContext.sign(sp.sqrt(8) - 2 * sp.sqrt(2))
0
"""

from __future__ import annotations

from fractions import Fraction

import sympy as sp
from sympy.polys.polyerrors import NotInvertible

from ..signs import (
    algebraic_sign,
    interval_sign,
    numeric_sign,
    polynomial_sign_at,
    rational_point_sign,
    root_interval,
    root_sign,
    sign_on_interval,
)
from .elimination import linsolve

__all__ = ["AlgebraicContext", "algebraic_sign", "interval_sign", "linear_solve", "root_sign",
           "numeric_sign", "polynomial_sign_at", "rational_point_sign", "root_interval",
           "sign_on_interval"]


class AlgebraicContext:
    """Exact sign decisions for algebraic numbers (a decision context, see :mod:`.context`).

    Examples
    --------
    >>> AlgebraicContext.sign(sp.sqrt(2) - 1)
    1
    """

    symbolic = True
    zero = sp.Integer(0)
    one = sp.Integer(1)

    @staticmethod
    def coerce(x: sp.Expr | int | Fraction) -> sp.Expr:
        """An input number as a sympy number (``sympify``): the conversion of
        :class:`~alliance_games.solving.context_protocol.DecisionContext`.

        Examples
        --------
        >>> AlgebraicContext.coerce(Fraction(1, 2)), AlgebraicContext.coerce(3)
        (1/2, 3)
        """
        return sp.sympify(x)

    @staticmethod
    def simplify(x: sp.Expr | int | Fraction) -> sp.Expr:
        """``x`` simplified: a rational or an atom as it is, anything else expanded with
        the radicals cleared from denominators (``radsimp``); the ``simplify`` of
        :class:`~alliance_games.solving.context_protocol.Context`.

        Examples
        --------
        >>> AlgebraicContext.simplify(1 / (1 + sp.sqrt(2))), AlgebraicContext.simplify(3)
        (-1 + sqrt(2), 3)
        """
        x = sp.sympify(x)
        if x.is_Rational:
            return x
        return x if x.is_Atom else sp.radsimp(sp.expand(x))

    @staticmethod
    def sign(x: sp.Expr | int | Fraction) -> int:
        """The exact sign of a real algebraic number (:func:`algebraic_sign`): the sign of
        :class:`~alliance_games.solving.context_protocol.Context`."""
        return algebraic_sign(x)


def linear_solve(n: int, rows: list) -> list | str | None:
    """``a . z = b`` for rows ``(a, b)`` over algebraic numbers, by sympy's ``linsolve``
    (its elimination keeps radicals small; plain Gaussian elimination over nested radicals
    can make expressions whose simplification factors huge integers): None when
    inconsistent, ``"free"`` when the solution is not unique, else the point.

    Examples
    --------
    >>> linear_solve(2, [((1, 1), sp.sqrt(2)), ((1, -1), 0)])
    [sqrt(2)/2, sqrt(2)/2]
    >>> linear_solve(2, [((1, 1), 1)])
    'free'
    """
    syms = sp.symbols(f"z0:{n}")
    eqs = [sp.Add(*[c * z for c, z in zip(a, syms)]) - b for a, b in rows]
    try:
        sol = sp.linsolve(eqs, syms)
    except NotInvertible:  # radicals sympy took as independent are not (a zero divisor):
        # Gauss-Jordan elimination with every pivot's sign decided exactly
        return linsolve(AlgebraicContext, n, [([sp.sympify(c) for c in a], sp.sympify(b))
                                              for a, b in rows])
    if sol is sp.S.EmptySet:
        return None
    (point,) = tuple(sol)
    if any(sp.sympify(v).free_symbols for v in point):
        return "free"
    return [AlgebraicContext.simplify(v) for v in point]
