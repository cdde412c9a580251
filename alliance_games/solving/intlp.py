"""A fraction-free exact simplex for rational data (the fast numeric path).

Every row is kept as a vector of Python integers (a constraint may be scaled by any
positive number without changing it), so pivots cost integer multiplications and one
gcd per row instead of rational normalisations at every entry.  Same two-phase method
and Bland's rule as :func:`alliance_games.solving.lp.maximize`, whose interface it
shares; results are exact :class:`fractions.Fraction` values.

The tableau is compact: a row holds the coefficients of the nonbasic variables only,
then its right-hand side and the (positive) coefficient of its basic variable, ``[a_1,
..., a_k, b, d]`` for ``d x_basic + a.x_nonbasic = b``; ``cols`` names the variable of
each column and ``basis`` the basic variable of each row.  A pivot swaps the entering
column with the leaving variable.  (A full tableau also stores the basic variables'
columns, which are zero but for one entry: the compact one does the same pivots on
rows about half as long.)
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
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


def _eliminate(row: list[int], prow: list[int], e: int) -> list[int]:
    """``row`` after the pivot on column ``e`` of the pivot row ``prow`` (whose basic
    variable leaves for column ``e``)."""
    f = row[e]
    if not f:
        return row
    a = prow[e]
    g = math.gcd(a, f)  # smaller multipliers; the row is reduced to the same vector
    if g > 1:
        a //= g
        f //= g
    if a == 1:  # common with small integer data: one multiplication per entry
        new = [x - f * y for x, y in zip(row, prow)]
        new[e] = -f * prow[-1]  # the leaving variable's coefficient
        new[-1] = row[-1]  # this row's basic variable
        return new  # (not scaled up: left unreduced, which changes no pivot)
    new = [x * a - f * y for x, y in zip(row, prow)]
    new[e] = -f * prow[-1]  # the leaving variable's coefficient
    new[-1] = row[-1] * a  # this row's basic variable
    g = math.gcd(*new)
    if g > 1:
        return [x // g for x in new]
    return new


def scaled_row(values: Sequence[Fraction | int]) -> tuple[list[int], int]:
    """``(values * den, den)`` with ``den`` the common denominator (ints or Fractions).

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> scaled_row([F(1, 2), F(-1, 3), 2])
    ([3, -2, 12], 6)
    """
    den = 1
    for v in values:
        d = v.denominator
        if d != 1 and den % d:
            den = math.lcm(den, d)
    if den == 1:
        return [v.numerator for v in values], 1
    return [v.numerator * (den // v.denominator) for v in values], den


def maximize_int(c: Sequence[Fraction | int],
                 ub: Sequence[tuple[Sequence[Fraction | int], Fraction | int]],
                 eq: Sequence[tuple[Sequence[Fraction | int], Fraction | int]],
                 scaled: bool = False
                 ) -> tuple[str, list[Fraction] | None, Fraction | None]:
    """Maximise ``c.x`` s.t. ``a.x <= b`` (ub), ``a.x = b`` (eq), ``x >= 0`` exactly.

    With ``scaled``, every row is given as ``(ints, den)``: the integers ``[*a, b]``
    times ``den``, the common denominator of the row's entries (as
    :func:`scaled_row` makes them), the form the tableau is built from; the same
    pivots as for the rows ``(a, b)``.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> maximize_int([F(1), F(1)], [([F(1), F(2)], F(4)), ([F(3), F(1)], F(6))], [])
    ('optimal', [Fraction(8, 5), Fraction(6, 5)], Fraction(14, 5))
    """
    n = len(c)
    start = _phase1(n, ub, eq, scaled=scaled)
    if start is None:
        return "infeasible", None, None
    return _phase2(*start, n, c)


def ranges_int(n: int, ub: Sequence[tuple[Sequence[Fraction | int], Fraction | int]],
               eq: Sequence[tuple[Sequence[Fraction | int], Fraction | int]],
               js: Iterable[int]) -> list | None:
    """``(min, max)`` of ``x_j`` for each ``j`` in ``js`` over ``a.x <= b`` (ub),
    ``a.x = b`` (eq), ``x >= 0``; None when infeasible (a bound is None when unbounded).

    One phase 1 serves every objective, and each optimisation starts from the basis
    where the one before stopped (the optimum values do not depend on the starting
    basis).  An optimisation stops early at a basis that attains a proven bound:
    ``x_j = 0`` for the minimum (``x >= 0``), ``x_j = b / a_j`` for the maximum when a
    row ``a.x <= b`` or ``a.x = b`` has ``a >= 0`` (e.g. probabilities summing to one).
    When an equality row says ``x_i + x_j = c``, the range of ``x_j`` is ``c`` minus the
    range of ``x_i`` once that is known (no optimisation).  Every basis visited is a
    feasible point: a variable seen at 0 (or at its proven upper bound) at one of them
    has that minimum (maximum) without an optimisation of its own.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> ranges_int(2, [([F(1), F(2)], F(4))], [([F(1), F(1)], F(3))], [0, 1])
    [(Fraction(2, 1), Fraction(3, 1)), (Fraction(0, 1), Fraction(1, 1))]
    """
    start = _phase1(n, ub, eq, crash=True)
    if start is None:
        return None
    rows, basis, cols = start
    caps: list = [None] * n  # proven upper bounds
    for a, b in list(ub) + list(eq):
        if all(x >= 0 for x in a):
            for j, x in enumerate(a):
                if x > 0:
                    cap = Fraction(b) / x
                    if caps[j] is None or cap < caps[j]:
                        caps[j] = cap
    # x_i + x_j = c (an equality row with two equal coefficients, e.g. two
    # probabilities summing to one): the range of x_j is c minus that of x_i
    partner: dict = {}
    for a, b in eq:
        nz = [j for j, x in enumerate(a) if x]
        if len(nz) == 2 and a[nz[0]] == a[nz[1]]:
            c = Fraction(b) / a[nz[0]]
            partner.setdefault(nz[1], (nz[0], c))
            partner.setdefault(nz[0], (nz[1], c))
    found: dict = {}
    out = []
    seen = (set(), set())  # variables seen at 0, at their cap
    _note(rows, basis, cols, n, caps, seen)
    for j in js:
        i, c = partner.get(j, (None, None))
        if i in found:
            lo_i, hi_i = found[i]
            lo, hi = c - hi_i, c - lo_i  # (x_i, x_j >= 0: both bounded by c)
        else:
            hi = caps[j] if j in seen[1] else \
                _bound(rows, basis, cols, j, 1, caps[j], (n, caps, seen))
            lo = Fraction(0) if j in seen[0] else \
                _bound(rows, basis, cols, j, -1, Fraction(0), (n, caps, seen))
        found[j] = (lo, hi)
        out.append((lo, hi))
    return out


def _note(rows, basis, cols, n: int, caps: list, seen: tuple) -> None:
    """Record which structural variables (``< n``) are 0 and which are at their cap
    (``caps``) at the basis, in the sets ``seen``."""
    zero, at_cap = seen
    for v in cols:
        if v < n:
            zero.add(v)
    for v, row in zip(basis, rows):
        if v < n:
            if not row[-2]:
                zero.add(v)
            else:
                cap = caps[v]
                if cap is not None and row[-2] * cap.denominator == cap.numerator * row[-1]:
                    at_cap.add(v)


def _value(rows, basis, j: int) -> Fraction:
    """The value of variable ``j`` at the basis (0 when nonbasic)."""
    if j in basis:
        row = rows[basis.index(j)]
        return Fraction(row[-2], row[-1])
    return Fraction(0)


def _objective(rows, basis, cols, coeffs: dict, z: int = 1) -> list[int]:
    """The objective row ``z Z + sum(coeffs[v] x_v) = 0`` priced for the basis (the
    basic variables' coefficients eliminated): ``[reduced costs..., value * z, z]``."""
    obj = [coeffs.get(v, 0) for v in cols] + [0, z]
    basic = [coeffs.get(v, 0) for v in basis]
    for r, row in enumerate(rows):
        f = basic[r]
        if not f:
            continue
        a = row[-1]
        g = math.gcd(a, f)
        if g > 1:
            a //= g
            f //= g
        new = [x * a - f * y for x, y in zip(obj, row)]
        new[-1] = obj[-1] * a
        basic = [x * a for x in basic]
        basic[r] = 0
        g = math.gcd(*new, *basic)
        if g > 1:
            new = [x // g for x in new]
            basic = [x // g for x in basic]
        obj = new
    return obj


def _bound(rows, basis, cols, j: int, sense: int, proven, note=None):
    """The maximum (``sense`` 1) or minimum (-1) of ``x_j`` from the feasible basis
    ``basis`` (updated in place), stopping where ``x_j`` reaches the bound ``proven``
    (None: no bound); None when unbounded.  ``note``: ``(n, caps, seen)`` for
    :func:`_note`, told about every basis visited."""
    if proven is not None and _value(rows, basis, j) == proven:
        return proven
    obj = _objective(rows, basis, cols, {j: -sense})
    while True:
        status = _run(rows, basis, cols, obj, steps=1)
        if note is not None and status == "pivoted":
            _note(rows, basis, cols, *note)
        if status == "unbounded":
            return None
        if status == "optimal":
            return Fraction(obj[-2], obj[-1]) * sense
        if proven is not None:
            value = _value(rows, basis, j)
            if value == proven:
                return value


def _phase1(n: int, ub, eq, crash: bool = False, scaled: bool = False):
    """Integer rows, a feasible basis and the nonbasic columns (structural and slack
    variables only), or None when infeasible.

    Variables: ``0 .. n-1`` structural, ``n + i`` the slack of ``ub[i]``, then one
    artificial variable per row that needs one.  With ``crash``, each equality row with
    right-hand side 0 enters the basis by one pivot on a structural column instead of
    through an artificial variable (a pivot on a row whose right-hand side is 0 changes
    no right-hand side, so the basis stays feasible; rows that become ``0 = 0`` are
    dropped), and so does any row on an artificial variable on a structural column where
    it wins the ratio test.  The feasible set is the same; the basis found may differ,
    so callers that return a vertex do not crash.  With ``scaled`` the rows come as
    ``(ints, den)`` (see :func:`maximize_int`).
    """
    n_ub = len(ub)
    n_struct = n + n_ub
    rows: list[list[int]] = []
    basis: list[int] = []
    nonbasic_slacks: list[int] = []  # slacks of rows started on an artificial variable
    homogeneous: list[int] = []
    n_art = 0
    for i, row in enumerate(ub):
        ints, den = row if scaled else scaled_row([*row[0], row[1]])
        if ints[-1] < 0:  # -a.x - den s + den art = -b
            rows.append([-x for x in ints[:-1]] + [(n + i, -den)] + [-ints[-1], den])
            basis.append(n_struct + n_art)
            n_art += 1
        else:
            rows.append(ints[:-1] + [None] + [ints[-1], den])
            basis.append(n + i)
    for row in eq:
        ints, den = row if scaled else scaled_row([*row[0], row[1]])
        if ints[-1] < 0:
            ints = [-x for x in ints]
        if crash and not ints[-1]:
            homogeneous.append(len(rows))
        rows.append(ints[:-1] + [None] + [ints[-1], den])
        basis.append(n_struct + n_art)
        n_art += 1
    # columns: the structural variables, then the slacks of rows on artificial variables
    for row in rows:
        if row[n] is not None:
            nonbasic_slacks.append(row[n][0])
    cols = list(range(n)) + nonbasic_slacks
    where = {v: n + k for k, v in enumerate(nonbasic_slacks)}
    for r, row in enumerate(rows):
        slack = row[n]
        ext = row[:n] + [0] * len(nonbasic_slacks) + row[n + 1:]
        if slack is not None:
            ext[where[slack[0]]] = slack[1]
        rows[r] = _reduce(ext)

    def is_art(v: int) -> bool:  # variables from n_struct on are artificial
        return v >= n_struct

    if crash:
        drop = set()
        for r in homogeneous:
            row = rows[r]
            e = next((e for e in range(len(cols)) if cols[e] < n and row[e]), None)
            if e is None:  # 0 = 0
                drop.add(r)
                continue
            if row[e] < 0:
                rows[r] = [-x for x in row]
            _pivot(rows, basis, cols, None, r, e)
            _drop_column(rows, cols, e)
        if drop:
            rows = [row for r, row in enumerate(rows) if r not in drop]
            basis = [v for r, v in enumerate(basis) if r not in drop]
        # a row on an artificial variable leaves it for a structural column where it
        # wins the ratio test (every right-hand side stays nonnegative)
        again = True
        while again:
            again = False
            for r in range(len(rows)):
                if is_art(basis[r]):
                    e = _crash_column(rows, cols, r, n)
                    if e is not None:
                        _pivot(rows, basis, cols, None, r, e)
                        _drop_column(rows, cols, e)
                        again = True
    if any(is_art(v) for v in basis):
        obj = _objective(rows, basis, cols, {v: 1 for v in basis if is_art(v)})
        _run(rows, basis, cols, obj)
        if obj[-2] != 0:
            return None
        for r in range(len(rows)):
            if is_art(basis[r]):  # at level 0: leaves for the first possible column
                found = [(v, e) for e, v in enumerate(cols) if v < n_struct and rows[r][e]]
                if found:
                    _, e = min(found)
                    if rows[r][e] < 0:
                        rows[r] = [-x for x in rows[r]]
                    _pivot(rows, basis, cols, None, r, e)
        keep = [r for r in range(len(rows)) if not is_art(basis[r])]
        rows = [rows[r] for r in keep]
        basis = [basis[r] for r in keep]
    if any(is_art(v) for v in cols):
        keep_cols = [e for e, v in enumerate(cols) if not is_art(v)] + [-2, -1]
        rows = [_reduce([row[e] for e in keep_cols]) for row in rows]
        cols = [cols[e] for e in keep_cols[:-2]]
    return rows, basis, cols


def _drop_column(rows, cols, e: int) -> None:
    """Remove column ``e`` (an artificial variable that left the basis) in place."""
    del cols[e]
    for row in rows:
        del row[e]


def _crash_column(rows, cols, r: int, n: int) -> int | None:
    """A column of a structural variable (``< n``) with a positive entry in row ``r`` on
    which a pivot keeps every right-hand side nonnegative (row ``r`` wins the ratio
    test), or None."""
    row = rows[r]
    b = row[-2]
    for e, v in enumerate(cols):
        a = row[e]
        if v < n and a > 0 and all(other[e] <= 0 or other[-2] * a >= b * other[e]
                                   for i, other in enumerate(rows) if i != r):
            return e
    return None


def _phase2(rows, basis, cols, n: int, c):
    """Maximise ``c.x`` from the feasible basis ``basis`` (``rows``, ``basis`` and
    ``cols`` are updated in place to the optimal one)."""
    cz = _int_row([-Fraction(x) for x in c] + [Fraction(1)])
    obj = _objective(rows, basis, cols, {j: cz[j] for j in range(n) if cz[j]}, cz[n])
    if _run(rows, basis, cols, obj) == "unbounded":
        return "unbounded", None, None
    x = [Fraction(0)] * n
    for r, j in enumerate(basis):
        if j < n:
            x[j] = Fraction(rows[r][-2], rows[r][-1])
    return "optimal", x, Fraction(obj[-2], obj[-1])


def can_be_positive(n: int, ub: Sequence[tuple[Sequence[Fraction | int], Fraction | int]],
                    eq: Sequence[tuple[Sequence[Fraction | int], Fraction | int]],
                    k: int) -> bool:
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
    rows, basis, cols = start
    if k in basis and rows[basis.index(k)][-2] > 0:
        return True
    obj = _objective(rows, basis, cols, {k: -1})
    while True:
        status = _run(rows, basis, cols, obj, steps=1)
        if status != "pivoted":
            return status == "unbounded"
        if k in basis and rows[basis.index(k)][-2] > 0:
            return True


def _run(rows, basis, cols, obj, steps: int | None = None) -> str:
    """Simplex pivots by Bland's rule (the entering variable with the smallest index
    among those with a negative reduced cost) until optimal, unbounded or ``steps``
    pivots; ``rows``, ``basis``, ``cols`` and ``obj`` are updated in place."""
    while True:
        if steps is not None:
            if not steps:
                return "pivoted"
            steps -= 1
        enter = None
        for e, v in enumerate(cols):
            if obj[e] < 0 and (enter is None or v < cols[enter]):
                enter = e
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
                # compare row[-2]/a with lr[-2]/lr[enter]
                lhs = row[-2] * lr[enter]
                rhs = lr[-2] * a
                if lhs < rhs or (lhs == rhs and basis[r] < basis[leave]):
                    leave = r
        if leave is None:
            return "unbounded"
        _pivot(rows, basis, cols, obj, leave, enter)


def _pivot(rows, basis, cols, obj, r: int, e: int) -> None:
    """Pivot on row ``r`` and column ``e`` (a positive entry): the column's variable
    enters the basis, row ``r``'s basic variable takes its column."""
    prow = rows[r]
    for i, row in enumerate(rows):
        if i != r and row[e]:
            rows[i] = _eliminate(row, prow, e)
    if obj is not None:
        obj[:] = _eliminate(obj, prow, e)
    new = list(prow)
    new[e], new[-1] = prow[-1], prow[e]
    rows[r] = new
    cols[e], basis[r] = basis[r], cols[e]
