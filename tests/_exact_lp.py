"""A small exact linear program for the tests' brute forces, in fractions: the maximum of
one variable over a polytope, by enumerating its vertices.  Independent of the package's
simplex (:mod:`alliance_games.solving.lp`) and of sympy's (which can cycle or return a
point off its constraints: sympy issue 28089)."""

from __future__ import annotations

from fractions import Fraction
from itertools import combinations


def vertex_max(rows: list, n: int, objective: int) -> Fraction | None:
    """The maximum of variable ``objective`` subject to ``coeffs . v <= bound`` for each
    ``(coeffs, bound)`` in ``rows`` (``n`` variables; the set must be a pointed polyhedron
    bounded above in that variable), or None when it is empty: every choice of ``n`` rows
    whose equations have one solution is a candidate vertex, kept when it satisfies every
    row.

    >>> half = Fraction(1, 2)
    >>> vertex_max([([1, 0], 1), ([0, 1], 1), ([-1, 0], 0), ([0, -1], 0),
    ...             ([1, 1], half)], 2, 0)
    Fraction(1, 2)
    >>> vertex_max([([1], 0), ([-1], -1)], 1, 0) is None  # x <= 0 and x >= 1
    True
    """
    rows = [([Fraction(c) for c in coef], Fraction(bound)) for coef, bound in rows]
    best = None
    for choice in combinations(rows, n):
        point = _solve_square(choice, n)
        if point is None:
            continue
        if all(sum(c * v for c, v in zip(coef, point)) <= bound for coef, bound in rows):
            best = point[objective] if best is None else max(best, point[objective])
    return best


def _solve_square(rows, n: int) -> list | None:
    """The unique solution of ``coeffs . v = bound`` for these ``n`` rows, or None."""
    m = [list(coef) + [bound] for coef, bound in rows]
    for col in range(n):
        piv = next((r for r in range(col, n) if m[r][col] != 0), None)
        if piv is None:
            return None
        m[col], m[piv] = m[piv], m[col]
        for r in range(n):
            if r != col and m[r][col] != 0:
                f = m[r][col] / m[col][col]
                m[r] = [a - f * b for a, b in zip(m[r], m[col])]
    return [m[i][n] / m[i][i] for i in range(n)]
