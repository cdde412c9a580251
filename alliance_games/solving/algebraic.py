"""Exact sign decisions for real algebraic numbers (sympy expressions without symbols)."""

from __future__ import annotations

import sympy as sp


class AlgebraicContext:
    """Exact sign decisions for algebraic numbers (high-precision evaluation, exact zero test)."""

    symbolic = True
    zero = sp.Integer(0)
    one = sp.Integer(1)

    @staticmethod
    def coerce(x):
        return sp.sympify(x)

    @staticmethod
    def simplify(x):
        x = sp.sympify(x)
        if x.is_Rational:
            return x
        return x if x.is_Atom else sp.radsimp(sp.expand(x))

    @staticmethod
    def sign(x) -> int:
        x = sp.sympify(x)
        if x.is_Rational:
            return int(sp.sign(x))
        v = x.evalf(60)
        if abs(v) > sp.Float("1e-45"):
            return 1 if v > 0 else -1
        if sp.simplify(x) == 0 or sp.minimal_polynomial(x, sp.Symbol("z")).is_Symbol:
            return 0
        return 1 if v > 0 else -1
