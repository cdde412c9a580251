"""Exact Gauss-Jordan elimination over a decision context's numbers.

Every pivot is chosen by the context's exact sign, so the answer (no solution, several,
or the one point) is exact in any field the context decides: rationals, quadratic
irrationals, real algebraic numbers.
"""

from __future__ import annotations

__all__ = ["linsolve"]


def linsolve(ctx, n: int, rows) -> list | str | None:
    """Gaussian elimination on rows ``(a, b)`` meaning ``a . z = b`` over a decision
    context's numbers: ``None`` (inconsistent), ``"free"`` (several solutions) or the
    unique point.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> from alliance_games.solving.quadratic import QUAD
    >>> linsolve(QUAD, 2, [((F(1), F(1)), F(1)), ((F(1), F(-1)), F(0))])
    [Fraction(1, 2), Fraction(1, 2)]
    >>> linsolve(QUAD, 2, [((F(1), F(1)), F(1))])
    'free'
    """
    sign, simplify = ctx.sign, ctx.simplify
    m = [list(a) + [b] for a, b in rows]
    piv_cols = []
    r = 0
    for c in range(n):
        p = next((i for i in range(r, len(m)) if sign(m[i][c]) != 0), None)
        if p is None:
            continue
        m[r], m[p] = m[p], m[r]
        inv = 1 / m[r][c]
        m[r] = [simplify(y * inv) for y in m[r]]
        for i in range(len(m)):
            if i != r and sign(m[i][c]) != 0:
                f = m[i][c]
                m[i] = [simplify(y - f * z) for y, z in zip(m[i], m[r])]
        piv_cols.append(c)
        r += 1
    if any(sign(row[-1]) != 0 for row in m[r:]):
        return None
    if r < n:
        return "free"
    point = [ctx.zero] * n
    for i, c in enumerate(piv_cols):
        point[c] = m[i][-1]
    return point
