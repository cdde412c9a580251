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
        point = solve_square([coef for coef, _ in choice], [bound for _, bound in choice])
        if point is None:
            continue
        if all(sum(c * v for c, v in zip(coef, point)) <= bound for coef, bound in rows):
            best = point[objective] if best is None else max(best, point[objective])
    return best


def solve_square(rows: list[list[Fraction]], rhs: list[Fraction]) -> list[Fraction] | None:
    """The unique solution of a square system ``rows . v = rhs``, or None when it is
    singular (Gaussian elimination in fractions).

    >>> solve_square([[Fraction(1), Fraction(1)], [Fraction(1), Fraction(-1)]], [2, 0])
    [Fraction(1, 1), Fraction(1, 1)]
    """
    n = len(rows)
    m = [list(r) + [Fraction(b)] for r, b in zip(rows, rhs, strict=True)]
    for col in range(n):
        pivot = next((i for i in range(col, n) if m[i][col] != 0), None)
        if pivot is None:
            return None
        m[col], m[pivot] = m[pivot], m[col]
        for i in range(n):
            if i != col and m[i][col] != 0:
                f = m[i][col] / m[col][col]
                m[i] = [a - f * b for a, b in zip(m[i], m[col], strict=True)]
    return [m[i][n] / m[i][i] for i in range(n)]
