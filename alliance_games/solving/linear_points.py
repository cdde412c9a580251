"""Exact points of small linear systems over a backend's numbers.

:func:`small_interior_point` solves the equalities directly when they pin one point (and
checks the inequalities exactly), else runs the exact simplex of :mod:`.lp`;
:func:`rational_point` looks for a rational point of a system whose coefficients are
algebraic numbers, found on rational approximations and checked exactly.
"""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction
from typing import Any

import sympy as sp

from .context import NUMERIC
from .context_protocol import Context
from .lp import LinearSystem, interior_point
from .semialgebraic import relation_holds

__all__ = ["dot", "rational_point", "small_interior_point", "system_pinned"]


def dot(ctx: Context, a: Iterable[Any], point: Iterable[Any]) -> Any:
    """The inner product of ``a`` and ``point`` in the context's numbers.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> from alliance_games.solving.quadratic import QUAD
    >>> dot(QUAD, [F(1), F(2)], [F(1, 2), F(1, 4)])
    Fraction(1, 1)
    """
    acc = ctx.zero
    for c, v in zip(a, point):
        acc = acc + c * v
    return ctx.simplify(acc)


def small_interior_point(ctx: Any, system: LinearSystem) -> list[Any] | None:
    """``interior_point`` for small systems: when the equalities pin a unique point,
    solve them directly and check the inequalities (exactly); otherwise the exact simplex.

    Examples
    --------
    ``x + y = 1`` and ``x - y = 0`` pin ``(1/2, 1/2)``, which fails ``x > 1``; with
    ``x + y = 1`` and ``x - y > 0`` only, the simplex finds a point:

    >>> from alliance_games.solving.belief_fast import FAST
    >>> one, zero = Fraction(1), Fraction(0)
    >>> eq = (((one, one), one), ((one, -one), zero))
    >>> small_interior_point(FAST, LinearSystem(2, eq=eq))
    [Fraction(1, 2), Fraction(1, 2)]
    >>> print(small_interior_point(FAST, LinearSystem(2, eq=eq, gt=(((one, zero), one),))))
    None
    >>> small_interior_point(FAST, LinearSystem(2, eq=eq[:1], gt=(((one, -one), zero),)))
    [Fraction(1, 1), Fraction(0, 1)]
    """
    n = system.n
    if n and len(system.eq) >= n:
        sol = ctx.linear_solve(n, system.eq)
        if sol is None:
            return None
        if sol != "free":
            if all(ctx.cmp(dot(ctx, a, sol), b) >= 0 for a, b in system.ge) and all(
                    ctx.cmp(dot(ctx, a, sol), b) > 0 for a, b in system.gt):
                return sol
            return None
    return interior_point(ctx.lp, system)


def system_pinned(ctx: Any, system: LinearSystem) -> bool:
    """Whether the equalities of ``system`` pin one point.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> from alliance_games.solving.belief_fast import FAST
    >>> system_pinned(FAST, LinearSystem(2, eq=(((F(1), F(1)), F(1)),)))
    False
    >>> system_pinned(FAST, LinearSystem(2, eq=(((F(1), F(1)), F(1)), ((F(1), F(-1)), F(0)))))
    True
    """
    sol = ctx.linear_solve(system.n, system.eq)
    return sol is not None and sol != "free"


def rational_point(ctx: Context, system: LinearSystem) -> list | None:
    """A rational point of ``system`` (coefficients algebraic numbers, the equality rows
    rational) meeting every row exactly (strict rows strictly), or None when none was
    found (not a proof that there is none).

    The exact LP over algebraic numbers can take minutes when they live in a field of
    two roots or of high degree, so the LP that meets the equality rows and makes every
    other row hold strictly with the largest common slack is solved on 40-digit rational
    approximations of the rows; its point is rounded (denominators up to ``10**32``),
    the equality rows solved exactly for their pivot variables, and the result checked
    exactly.  Rows with no nonzero coefficient are decided at once.

    Examples
    --------
    ``sqrt(2) x >= sqrt(2) / 3``, ``y >= 0``, ``x + y = 1``: the largest common slack is
    at ``y = (2 sqrt(2) / 3) / (1 + sqrt(2))``, 0.3905..., rounded to 25/64.

    >>> from alliance_games.solving.algebraic import AlgebraicContext as A
    >>> r2 = sp.sqrt(2)
    >>> s = LinearSystem(2, eq=(((1, 1), 1),), ge=(((r2, 0), r2 / 3), ((0, 1), 0)),
    ...                  gt=(((0, 0), -1),))
    >>> rational_point(A, s)
    [39/64, 25/64]
    """
    def approx(v):
        v = sp.sympify(v)
        return Fraction(int(v.p), int(v.q)) if v.is_Rational else Fraction(
            str(sp.N(v, 40)))

    n = system.n
    if any(not sp.sympify(v).is_Rational for a, b in system.eq for v in (*a, b)):
        return None
    rows = []
    for strict, group in ((False, system.ge), (True, system.gt)):
        for a, b in group:
            if all(sp.sympify(v) == 0 for v in a):
                if not relation_holds(-ctx.sign(b), ">" if strict else ">="):
                    return None
                continue
            rows.append((a, b, strict))
    eq = tuple((tuple(approx(v) for v in a), approx(b)) for a, b in system.eq)
    approx_rows = tuple((tuple(approx(v) for v in a), approx(b)) for a, b, _ in rows)
    found = interior_point(NUMERIC, LinearSystem(n, eq, (), approx_rows))
    if found is None:
        return None
    table = sp.Matrix([[*a, b] for a, b in eq]).rref()[0] if eq else sp.zeros(0, n + 1)
    pivots = {}
    for i in range(table.rows):
        j = next((j for j in range(n) if table[i, j] != 0), None)
        if j is not None:
            pivots[j] = i
    for digits in (2, 4, 8, 16, 32):
        point = [sp.Rational(q.numerator, q.denominator)
                 for q in (p.limit_denominator(10**digits) for p in found)]
        for j, i in pivots.items():
            point[j] = table[i, n] - sp.Add(*[table[i, k] * point[k] for k in range(n)
                                               if k != j])
        if all(p >= 0 for p in point) and all(
                relation_holds(ctx.sign(sp.Add(*[v * p for v, p in zip(a, point)]) - b),
                               ">" if strict else ">=") for a, b, strict in rows):
            return point
    return None
