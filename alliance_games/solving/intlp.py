"""A fraction-free exact simplex for rational data (the fast numeric path).

Every row is kept as a vector of Python integers (a constraint may be scaled by any
positive number without changing it), so pivots cost integer multiplications and one
gcd per row instead of rational normalisations at every entry.  Same two-phase method
and Bland's rule as :func:`alliance_games.solving.lp.maximize`, whose interface it
shares; results are exact :class:`fractions.Fraction` values.
"""

from __future__ import annotations

import math
from fractions import Fraction


def _int_row(values) -> list[int]:
    den = 1
    for v in values:
        d = v.denominator
        if d != 1 and den % d:
            den = math.lcm(den, d)
    return [v.numerator * (den // v.denominator) for v in values]


def _reduce(row: list[int]) -> list[int]:
    g = math.gcd(*row)
    if g > 1:
        return [x // g for x in row]
    return row


def _eliminate(row: list[int], prow: list[int], j: int) -> list[int]:
    f = row[j]
    if not f:
        return row
    p = prow[j]
    g = math.gcd(p, f)  # smaller multipliers; the row is reduced to the same vector
    if g > 1:
        p //= g
        f //= g
    if p == 1:  # common with small integer data: one multiplication per entry
        new = [x - f * y for x, y in zip(row, prow)]
    else:
        new = [x * p - f * y for x, y in zip(row, prow)]
    g = math.gcd(*new)
    if g > 1:
        return [x // g for x in new]
    return new


def _scaled(values) -> tuple[list[int], int]:
    """``(values * den, den)`` with ``den`` the common denominator (ints or Fractions)."""
    den = 1
    for v in values:
        d = v.denominator
        if d != 1 and den % d:
            den = math.lcm(den, d)
    if den == 1:
        return [v.numerator for v in values], 1
    return [v.numerator * (den // v.denominator) for v in values], den


def maximize_int(c, ub, eq):
    """Maximise ``c.x`` s.t. ``a.x <= b`` (ub), ``a.x = b`` (eq), ``x >= 0`` exactly.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> maximize_int([F(1), F(1)], [([F(1), F(2)], F(4)), ([F(3), F(1)], F(6))], [])
    ('optimal', [Fraction(8, 5), Fraction(6, 5)], Fraction(14, 5))
    """
    n = len(c)
    start = _phase1(n, ub, eq)
    if start is None:
        return "infeasible", None, None
    rows, basis = start
    return _phase2(rows, basis, n, len(ub), c)


def ranges_int(n: int, ub, eq, js) -> list | None:
    """``(min, max)`` of ``x_j`` for each ``j`` in ``js`` over ``a.x <= b`` (ub),
    ``a.x = b`` (eq), ``x >= 0``; None when infeasible (a bound is None when unbounded).

    One phase 1 serves every objective, and each optimisation starts from the basis
    where the one before stopped (the optimum values do not depend on the starting
    basis).  An optimisation stops early at a basis that attains a proven bound:
    ``x_j = 0`` for the minimum (``x >= 0``), ``x_j = b / a_j`` for the maximum when a
    row ``a.x <= b`` or ``a.x = b`` has ``a >= 0`` (e.g. probabilities summing to one).

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> ranges_int(2, [([F(1), F(2)], F(4))], [([F(1), F(1)], F(3))], [0, 1])
    [(Fraction(2, 1), Fraction(3, 1)), (Fraction(0, 1), Fraction(1, 1))]
    """
    start = _phase1(n, ub, eq, crash=True)
    if start is None:
        return None
    rows, basis = start
    n_ub = len(ub)
    caps: list = [None] * n  # proven upper bounds
    for a, b in list(ub) + list(eq):
        if all(x >= 0 for x in a):
            for j, x in enumerate(a):
                if x > 0:
                    cap = Fraction(b) / x
                    if caps[j] is None or cap < caps[j]:
                        caps[j] = cap
    out = []
    for j in js:
        hi = _bound(rows, basis, n, n_ub, j, 1, caps[j])
        lo = _bound(rows, basis, n, n_ub, j, -1, Fraction(0))
        out.append((lo, hi))
    return out


def _bound(rows, basis, n: int, n_ub: int, j: int, sense: int, proven):
    """The maximum (``sense`` 1) or minimum (-1) of ``x_j`` from the feasible basis
    ``basis`` (updated in place), stopping where ``x_j`` reaches the bound ``proven``
    (None: no bound); None when unbounded."""
    width = n + n_ub
    obj = [0] * (width + 2)
    obj[j], obj[width] = -sense, 1
    obj = _priced(obj, rows, basis, width)
    while True:
        if proven is not None:
            r = basis.index(j) if j in basis else None
            value = Fraction(0) if r is None else Fraction(rows[r][-1], rows[r][j])
            if value == proven:
                return value
        status = _run(rows, basis, obj, width, steps=1)
        if status == "unbounded":
            return None
        if status == "optimal":
            return Fraction(obj[-1], obj[-2]) * sense


def _phase1(n: int, ub, eq, crash: bool = False):
    """Integer rows and a feasible basis of the structural and slack columns, or None.

    With ``crash``, each equality row with right-hand side 0 enters the basis by one
    pivot on a structural column instead of through an artificial variable (a pivot on
    a row whose right-hand side is 0 changes no right-hand side, so the basis stays
    feasible); rows that become ``0 = 0`` are dropped.  The feasible set is the same;
    the basis found may differ, so callers that return a vertex do not use it.
    """
    n_ub = len(ub)
    # each row scaled to integers by its common denominator (slack and artificial
    # coefficients 1 scale with it), then divided by its gcd
    raw: list[list[int]] = []
    dens: list[int] = []
    art_rows: list[int] = []
    basis: list[int] = []
    homogeneous: list[int] = []
    for i, (a, b) in enumerate(ub):
        ints, den = _scaled([*a, b])
        row = ints[:-1] + [0] * n_ub + ints[-1:]
        row[n + i] = den
        if ints[-1] < 0:
            row = [-x for x in row]
            art_rows.append(len(raw))
            basis.append(-1)
        else:
            basis.append(n + i)
        raw.append(row)
        dens.append(den)
    for a, b in eq:
        ints, den = _scaled([*a, b])
        row = ints[:-1] + [0] * n_ub + ints[-1:]
        if crash and not ints[-1]:
            homogeneous.append(len(raw))
            basis.append(-2)
        else:
            if ints[-1] < 0:
                row = [-x for x in row]
            art_rows.append(len(raw))
            basis.append(-1)
        raw.append(row)
        dens.append(den)
    n_struct = n + n_ub
    n_art = len(art_rows)
    width = n_struct + n_art
    art_of = {r: k for k, r in enumerate(art_rows)}
    rows: list[list[int]] = []
    for r, row in enumerate(raw):
        ext = row[:-1] + [0] * n_art + row[-1:]
        if r in art_of:
            ext[n_struct + art_of[r]] = dens[r]
        rows.append(_reduce(ext))
    for k, r in enumerate(art_rows):
        basis[r] = n_struct + k
    if homogeneous:
        drop = []
        for r in homogeneous:
            row = rows[r]
            j = next((j for j in range(n) if row[j]), None)
            if j is None:  # 0 = 0
                drop.append(r)
                continue
            if row[j] < 0:
                rows[r] = [-x for x in row]
            _pivot_rows(rows, r, j)
            basis[r] = j
        if drop:
            rows = [row for r, row in enumerate(rows) if r not in drop]
            basis = [b for r, b in enumerate(basis) if r not in drop]
    if crash:
        # a row on an artificial variable leaves it for a structural column where it
        # wins the ratio test (every right-hand side stays nonnegative)
        for r in range(len(rows)):
            if basis[r] >= n_struct:
                j = _crash_column(rows, r, n)
                if j is not None:
                    _pivot_rows(rows, r, j)
                    basis[r] = j

    if n_art:
        if any(j >= n_struct for j in basis):
            # objective row: coefficients (width), z-coefficient, rhs
            obj = [0] * n_struct + [1] * n_art + [1, 0]
            for r, j in enumerate(basis):
                if j >= n_struct:
                    obj = _eliminate(obj, rows[r][:width] + [0, rows[r][-1]], j)
            _run(rows, basis, obj, width)
            if obj[-1] != 0:
                return None
            for r in range(len(rows)):
                if basis[r] >= n_struct:
                    j = next((j for j in range(n_struct) if rows[r][j] != 0), None)
                    if j is not None:
                        if rows[r][j] < 0:
                            rows[r] = [-x for x in rows[r]]
                        _pivot(rows, obj, r, j, width)
                        basis[r] = j
        keep = [r for r in range(len(rows)) if basis[r] < n_struct]
        rows = [_reduce(rows[r][:n_struct] + [rows[r][-1]]) for r in keep]
        basis = [basis[r] for r in keep]
    return rows, basis


def _crash_column(rows, r: int, n: int) -> int | None:
    """A structural column ``j < n`` with a positive entry in row ``r`` on which a pivot
    keeps every right-hand side nonnegative (row ``r`` wins the ratio test), or None."""
    row = rows[r]
    b = row[-1]
    for j in range(n):
        a = row[j]
        if a > 0 and all(other[j] <= 0 or other[-1] * a >= b * other[j]
                         for i, other in enumerate(rows) if i != r):
            return j
    return None


def _priced(obj: list, rows, basis, width: int) -> list:
    """The objective row with the basic columns eliminated (reduced costs for ``basis``)."""
    for r, j in enumerate(basis):
        obj = _eliminate(obj, rows[r][:width] + [0, rows[r][-1]], j)
    return obj


def _phase2(rows, basis, n: int, n_ub: int, c):
    """Maximise ``c.x`` from the feasible basis ``basis`` (``rows`` and ``basis`` are
    updated in place to the optimal one)."""
    width = n + n_ub
    cz = _int_row([-Fraction(x) for x in c] + [Fraction(1)])
    obj = _priced(cz[:n] + [0] * n_ub + [cz[n], 0], rows, basis, width)
    if _run(rows, basis, obj, width) == "unbounded":
        return "unbounded", None, None
    x = [Fraction(0)] * n
    for r, j in enumerate(basis):
        if j < n:
            x[j] = Fraction(rows[r][-1], rows[r][j])
    return "optimal", x, Fraction(obj[-1], obj[-2])


def can_be_positive(n: int, ub, eq, k: int) -> bool:
    """Whether ``x_k > 0`` at some point of ``a.x <= b`` (ub), ``a.x = b`` (eq),
    ``x >= 0``: the simplex maximising ``x_k`` stops at the first basis where it is
    positive (every basis it visits is feasible).

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> can_be_positive(2, [([F(1), F(1)], F(1))], [([F(1), F(-1)], F(0))], 1)
    True
    >>> can_be_positive(2, [([F(1), F(1)], F(0))], [], 0)
    False
    """
    start = _phase1(n, ub, eq, crash=True)
    if start is None:
        return False
    rows, basis = start
    width = n + len(ub)
    obj = [0] * (width + 2)
    obj[k], obj[width] = -1, 1
    obj = _priced(obj, rows, basis, width)
    while True:
        if k in basis and rows[basis.index(k)][-1] > 0:
            return True
        status = _run(rows, basis, obj, width, steps=1)
        if status != "pivoted":
            return status == "unbounded"


def _run(rows, basis, obj, width, steps: int | None = None) -> str:
    while True:
        if steps is not None:
            if not steps:
                return "pivoted"
            steps -= 1
        enter = next((j for j in range(width) if obj[j] < 0), None)
        if enter is None:
            return "optimal"
        leave = None
        for r, row in enumerate(rows):
            a = row[enter]
            if a > 0:
                if leave is None:
                    leave = r
                    continue
                lr = rows[leave]
                # compare row[-1]/a with lr[-1]/lr[enter]
                lhs = row[-1] * lr[enter]
                rhs = lr[-1] * a
                if lhs < rhs or (lhs == rhs and basis[r] < basis[leave]):
                    leave = r
        if leave is None:
            return "unbounded"
        _pivot(rows, obj, leave, enter, width)
        basis[leave] = enter


def _pivot(rows, obj, r, j, width) -> None:
    prow = _pivot_rows(rows, r, j)
    obj[:] = _eliminate(obj, prow[:width] + [0, prow[-1]], j)


def _pivot_rows(rows, r, j) -> list[int]:
    prow = rows[r]
    for i, row in enumerate(rows):
        if i != r and row[j]:
            rows[i] = _eliminate(row, prow, j)
    return prow
