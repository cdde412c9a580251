"""Exact elimination over a decision context's numbers: Gauss-Jordan for equalities,
Fourier-Motzkin for inequalities.

Every pivot is chosen by the context's exact sign, so the answer (no solution, several,
or the one point) is exact in any field the context decides: rationals, quadratic
irrationals, real algebraic numbers.  :func:`fourier_motzkin_pairs` and
:func:`substituted_through` remove one variable from rows of inequalities (by pairing
bounds, or through an equation); :func:`constant_columns_eliminated` removes so the
receiver probabilities whose coefficients are numbers, so that the minors that decide
feasibility (:func:`probability_minors`) are taken over fewer of them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import combinations, product
from typing import Any

from .context_protocol import Context

__all__ = ["constant_columns_eliminated", "fourier_motzkin_pairs", "linsolve", "one_probability",
           "probability_minors", "substituted_through"]


def linsolve(ctx: Context, n: int, rows: Iterable[tuple[Sequence[Any], Any]]
             ) -> list | str | None:
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


def fourier_motzkin_pairs(lower: list, upper: list, combine: Callable) -> list:
    """Fourier-Motzkin's rows for one variable: each row ``(rel, c, body)`` with a
    positive coefficient ``c`` (``lower``) paired with each with a negative one
    (``upper``), ``c1 body2 - c2 body1`` (both multipliers positive, the variable gone),
    ``">"`` where either is strict, else ``">="``; ``combine(k1, b1, k2, b2)`` is ``k1 b1
    + k2 b2`` in the rows' representation (sympy rows in :func:`~.belief_plane.eliminated`, backend
    functions in :func:`constant_columns_eliminated`).

    Examples
    --------
    >>> fourier_motzkin_pairs([(">=", 2, 1)], [(">", -1, 3)], lambda a, x, b, y: a * x + b * y)
    [('>', 7)]
    """
    return [(">" if ">" in (rel1, rel2) else ">=", combine(c1, b2, -c2, b1))
            for (rel1, c1, b1), (rel2, c2, b2) in product(lower, upper)]


def substituted_through(rows: list, pivot: int, combine: Callable) -> list:
    """Rows ``(rel, c, body)`` (``c`` the variable's coefficient) with the variable
    substituted through the equation ``rows[pivot]``, whose coefficient is positive: each
    other row times it, minus its own coefficient times the equation (no division, so
    the numbers stay in their ring); ``(rel, body)`` each.

    Examples
    --------
    >>> substituted_through([("==", 2, 1), (">=", 3, 5)], 0, lambda a, x, b, y: a * x + b * y)
    [('>=', 7)]
    """
    _, c, body0 = rows[pivot]
    return [(rel, combine(c, body, -k, body0))
            for i, (rel, k, body) in enumerate(rows) if i != pivot]


#: The most rows :func:`constant_columns_eliminated` lets Fourier-Motzkin make.
_MAX_ELIMINATED_ROWS = 200


def constant_columns_eliminated(ctx: Any, rows: list, k: int) -> tuple[list, int]:
    """Rows ``(kind, [a, b_1..b_k])`` (``a + b . r`` ``"ge"``, ``"gt"`` or ``"eq"`` 0; ``a``
    and ``b`` functions of one posterior) with the probabilities whose coefficients are
    numbers in every row eliminated: through an equation that holds one (each other row
    times the coefficient's absolute value, minus a multiple of it), else by
    Fourier-Motzkin (each row with a positive coefficient paired with each with a
    negative one, both multiplied by positive numbers).  The rows left have the same
    feasible posteriors (a projection, exact); returns them and their number of
    probabilities.  A step that would make more than :data:`_MAX_ELIMINATED_ROWS` rows
    is not taken.

    Examples
    --------
    ``r1 >= 1/2``, ``r2 - r1 >= 0`` and ``1 - r2 > 0`` (``a`` constant here): ``1/2 > 0``.

    >>> from fractions import Fraction as F
    >>> from alliance_games.solving.belief_fast import FAST
    >>> rows = [("ge", [F(-1, 2), F(1), F(0)]), ("ge", [F(0), F(-1), F(1)]),
    ...         ("gt", [F(1), F(0), F(-1)])]
    >>> constant_columns_eliminated(FAST, rows, 2)
    ([('gt', [Fraction(1, 2)])], 0)

    With ``x`` the posterior, ``x - r1 == 0`` and ``r1 - 1/3 > 0``: ``x > 1/3``.

    >>> out, k = constant_columns_eliminated(FAST, [("eq", [FAST.x, F(-1)]),
    ...                                               ("gt", [F(-1, 3), F(1)])], 1)
    >>> k, out[0][0], FAST.set_to_sympy(FAST.solve_rel(out[0][1][0], "ge"))
    (0, 'gt', Interval(1/3, 1))
    """
    def number(f):
        return ctx.const_value(f) if ctx.is_const(f) else None

    def combine(k1, b1: list, k2, b2: list) -> list:
        return [k1 * f + k2 * g for f, g in zip(b1, b2)]

    rel_of = {"ge": ">=", "gt": ">", "eq": "=="}
    kind_of = {rel: kind for kind, rel in rel_of.items()}
    j = 0
    while j < k:
        coefs = [number(row[1 + j]) for _, row in rows]
        if any(c is None for c in coefs):
            j += 1
            continue
        items = [(rel_of[kind], c, row) for (kind, row), c in zip(rows, coefs)]
        pivot = next((i for i, (rel, c, _) in enumerate(items)
                      if rel == "==" and ctx.sign(c) != 0), None)
        if pivot is not None:  # substituted through the equation (turned to c > 0)
            rel, c, row = items[pivot]
            if ctx.sign(c) < 0:
                items[pivot] = (rel, -c, [-f for f in row])
            new = substituted_through(items, pivot, combine)
        else:
            lower = [item for item in items if ctx.sign(item[1]) > 0]
            upper = [item for item in items if ctx.sign(item[1]) < 0]
            if len(rows) + len(lower) * len(upper) > _MAX_ELIMINATED_ROWS:
                j += 1
                continue
            new = [(rel, row) for rel, c, row in items if ctx.sign(c) == 0]
            new += fourier_motzkin_pairs(lower, upper, combine)
        rows = [(kind_of[rel], row[:1 + j] + row[2 + j:]) for rel, row in new]
        k -= 1
    return rows, k


def one_probability(ctx: Any, rows: list) -> bool:
    """Whether some ``r`` satisfies every row ``a + b r  >= / > / == 0`` (numbers).

    Examples
    --------
    Rows ``(kind, (a, b))``: ``r >= 1/2`` and ``1 - r > 0`` hold together, ``r >= 1``
    and ``1 - r > 0`` do not.

    >>> from fractions import Fraction as F
    >>> from alliance_games.solving.belief_fast import FAST
    >>> one_probability(FAST, [("ge", (F(-1, 2), F(1))), ("gt", (F(1), F(-1)))])
    True
    >>> one_probability(FAST, [("ge", (F(-1), F(1))), ("gt", (F(1), F(-1)))])
    False
    """
    lo = hi = None  # (bound, strict)
    for kind, (a, b) in rows:
        s = ctx.sign(b)
        if s == 0:
            sa = ctx.sign(a)
            if sa < 0 or (sa == 0 and kind == "gt") or (sa != 0 and kind == "eq"):
                return False
            continue
        bound = ctx.simplify(-a / b)
        strict = kind == "gt"
        if kind == "eq" or s > 0:  # r >= bound
            if lo is None or ctx.cmp(bound, lo[0]) > 0 or (
                    ctx.cmp(bound, lo[0]) == 0 and strict):
                lo = (bound, strict)
        if kind == "eq" or s < 0:  # r <= bound
            if hi is None or ctx.cmp(bound, hi[0]) < 0 or (
                    ctx.cmp(bound, hi[0]) == 0 and strict):
                hi = (bound, strict)
    if lo is None or hi is None:
        return True
    c = ctx.cmp(lo[0], hi[0])
    return c < 0 or (c == 0 and not lo[1] and not hi[1])


def probability_minors(ctx: Any, rows: list, size: int) -> Iterator:
    """Every minor of at most ``size`` rows and columns of a matrix (rows of backend
    numbers and functions) that depends on the belief, by cofactor expansion (a minor
    whose entries are all constant is skipped).

    Examples
    --------
    Of the minors of ``[[x, 1], [1, 2]]`` (``x`` the posterior), those that depend on
    ``x`` are ``x`` and ``2 x - 1``, shown here by the posteriors where they vanish:

    >>> from fractions import Fraction as F
    >>> from alliance_games.solving.belief_fast import FAST
    >>> minors = probability_minors(FAST, [[FAST.x, F(1)], [F(1), F(2)]], 2)
    >>> [FAST.set_to_sympy(FAST.solve_rel(f, "eq")) for f in minors]
    [{0}, {1/2}]
    """
    n = len(rows[0]) if rows else 0
    const = [[ctx.is_const(f) for f in row] for row in rows]
    for s in range(1, size + 1):
        for rs in combinations(range(len(rows)), s):
            for cs in combinations(range(n), s):
                if all(const[r][c] for r in rs for c in cs):
                    continue
                yield _det(ctx, [[rows[r][c] for c in cs] for r in rs])


def _det(ctx, m: list):
    """The determinant of a small square matrix by cofactor expansion."""
    if len(m) == 1:
        return m[0][0]
    acc = ctx.zero
    for j in range(len(m)):
        minor = [row[:j] + row[j + 1:] for row in m[1:]]
        term = m[0][j] * _det(ctx, minor)
        acc = acc + term if j % 2 == 0 else acc - term
    return acc
