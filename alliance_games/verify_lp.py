"""Exact linear programming for the independent verifier (rational arithmetic only).

:mod:`alliance_games.verify` must not share code with the solvers, so it carries its own
small LP: a dense two-phase simplex method with Bland's rule over
:class:`fractions.Fraction`, which always terminates and decides every comparison exactly.
Variables are free (unbounded in sign); constraints are ``a . x = b``, ``a . x >= b`` and
``a . x > b`` rows.  The sizes the verifier needs (a few dozen rows, a dozen variables) are
solved in milliseconds.

References
----------
Bland, R. G. (1977), "New finite pivoting rules for the simplex method", *Mathematics of
Operations Research* 2(2), 103-107.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

__all__ = ["Row", "LPResult", "Polytope", "minimize", "value_range", "strictly_feasible"]

_ZERO = Fraction(0)
_ONE = Fraction(1)


@dataclass(frozen=True)
class Row:
    """One linear constraint ``coeffs . x  rel  rhs`` with ``rel`` in ``"=", ">=", ">"``."""

    coeffs: tuple[Fraction, ...]
    rel: str
    rhs: Fraction


@dataclass(frozen=True)
class LPResult:
    """``status`` is ``"optimal"``, ``"infeasible"`` or ``"unbounded"``.

    ``value`` and ``point`` are set when optimal (the point is one minimiser).
    """

    status: str
    value: Fraction | None = None
    point: tuple[Fraction, ...] | None = None


def _pivot(tab: list[list[Fraction]], basis: list[int], r: int, c: int) -> None:
    row = tab[r]
    p = row[c]
    if p != 1:
        tab[r] = row = [v / p if v else v for v in row]
    nonzero = [(j, v) for j, v in enumerate(row) if v]  # (tableaux are mostly zeros)
    for i, other in enumerate(tab):
        if i != r:
            f = other[c]
            if f != 0:
                _subtract(other, f, nonzero)
    basis[r] = c


def _subtract(target: list[Fraction], f: Fraction, nonzero: list) -> None:
    """``target -= f * row`` in place, ``row`` given by its ``(index, value)`` nonzeros."""
    for j, v in nonzero:
        target[j] -= f * v


def _run(tab: list[list[Fraction]], basis: list[int], cost: Sequence[Fraction],
         n_cols: int) -> bool:
    """Simplex iterations minimising ``cost`` over columns ``< n_cols``; False if unbounded.

    The reduced costs are kept as an extra tableau row and pivoted with the others.
    """
    width = len(tab[0]) if tab else n_cols + 1
    red = [Fraction(c) for c in cost] + [_ZERO] * (width - len(cost))
    for i, b in enumerate(basis):
        cb = red[b]
        if cb != 0:
            red = [r - cb * v for r, v in zip(red, tab[i], strict=True)]
    while True:
        enter = next((j for j in range(n_cols) if red[j] < 0), -1)  # Bland: smallest index
        if enter < 0:
            return True
        leave, best = -1, None
        for i, row in enumerate(tab):
            a = row[enter]
            if a > 0:
                ratio = row[-1] / a
                if best is None or ratio < best or (ratio == best and basis[i] < basis[leave]):
                    leave, best = i, ratio
        if leave < 0:
            return False
        _pivot(tab, basis, leave, enter)
        _subtract(red, red[enter], [(j, v) for j, v in enumerate(tab[leave]) if v])


class Polytope:
    """The closure of ``{x : rows}`` (``>`` read as ``>=``), prepared for many objectives.

    Equations are eliminated first (``x = x0 + N y``, exact Gaussian elimination), and a
    feasible basis is found once (phase 1); every :meth:`minimize` then only runs phase 2
    from it.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> p = Polytope([Row((F(1), F(1)), "=", F(1)), Row((F(1), F(0)), ">=", F(0)),
    ...               Row((F(0), F(1)), ">=", F(0))], 2)
    >>> p.minimize((F(0), F(1))).point, p.empty
    ((Fraction(1, 1), Fraction(0, 1)), False)
    """

    def __init__(self, rows: Sequence[Row], d: int) -> None:
        self.d = d
        self.empty = False
        for r in rows:
            if len(r.coeffs) != d:
                raise ValueError("every row needs one coefficient per variable")
        eqs = [([Fraction(c) for c in r.coeffs], Fraction(r.rhs)) for r in rows if r.rel == "="]
        ineqs = [([Fraction(c) for c in r.coeffs], Fraction(r.rhs)) for r in rows
                 if r.rel != "="]
        # --- equations: x = x0 + N y
        pivots: list[int] = []
        mat = [a + [b] for a, b in eqs]
        for col in range(d):
            piv = next((i for i in range(len(pivots), len(mat)) if mat[i][col] != 0), None)
            if piv is None:
                continue
            k = len(pivots)
            mat[k], mat[piv] = mat[piv], mat[k]
            p = mat[k][col]
            mat[k] = [v / p for v in mat[k]]
            for i in range(len(mat)):
                if i != k and mat[i][col] != 0:
                    f = mat[i][col]
                    mat[i] = [a - f * b for a, b in zip(mat[i], mat[k], strict=True)]
            pivots.append(col)
        if any(row[-1] != 0 for row in mat[len(pivots):]):
            self.empty = True
            return
        free = [c for c in range(d) if c not in pivots]
        self.x0 = [_ZERO] * d
        for i, col in enumerate(pivots):
            self.x0[col] = mat[i][-1]
        self.basis_dirs = []  # the columns of N
        for f in free:
            v = [_ZERO] * d
            v[f] = _ONE
            for i, col in enumerate(pivots):
                v[col] = -mat[i][f]
            self.basis_dirs.append(v)
        k = len(free)
        self.k = k
        # --- inequalities in y: (a N) y >= b - a x0; columns y+ (k), y- (k), slacks
        m = len(ineqs)
        n = 2 * k + m
        tab: list[list[Fraction]] = []
        basis: list[int] = []
        need_art: list[int] = []
        for i, (a, b) in enumerate(ineqs):
            an = [sum((a[j] * v[j] for j in range(d)), _ZERO) for v in self.basis_dirs]
            rhs = b - sum((a[j] * self.x0[j] for j in range(d)), _ZERO)
            line = an + [-c for c in an] + [_ZERO] * m
            line[2 * k + i] = -_ONE
            if rhs <= 0:  # negate: the slack is a feasible basic column
                line, rhs = [-v for v in line], -rhs
                basis.append(2 * k + i)
            else:
                basis.append(-1)
                need_art.append(i)
            tab.append(line + [rhs])
        # phase 1 with artificials only where needed
        n_art = len(need_art)
        for i in range(m):
            tab[i] = tab[i][:-1] + [_ZERO] * n_art + [tab[i][-1]]
        for j, i in enumerate(need_art):
            tab[i][n + j] = _ONE
            basis[i] = n + j
        if n_art:
            cost1 = [_ZERO] * n + [_ONE] * n_art
            _run(tab, basis, cost1, n + n_art)
            if sum((tab[i][-1] for i in range(m) if basis[i] >= n), _ZERO) != 0:
                self.empty = True
                return
            i = 0
            while i < len(tab):
                if basis[i] >= n:
                    col = next((j for j in range(n) if tab[i][j] != 0), None)
                    if col is None:
                        del tab[i], basis[i]
                        continue
                    _pivot(tab, basis, i, col)
                i += 1
            tab = [row[:n] + [row[-1]] for row in tab]
        self.n = n
        self.tab = tab
        self.basis = basis

    def minimize(self, objective: Sequence[Fraction]) -> LPResult:
        """Minimise ``objective . x`` over the polytope, exactly."""
        if self.empty:
            return LPResult("infeasible")
        d, k = self.d, self.k
        c = [Fraction(v) for v in objective]
        const = sum((c[j] * self.x0[j] for j in range(d)), _ZERO)
        cn = [sum((c[j] * v[j] for j in range(d)), _ZERO) for v in self.basis_dirs]
        cost = cn + [-v for v in cn] + [_ZERO] * (self.n - 2 * k)
        tab = [list(row) for row in self.tab]
        basis = list(self.basis)
        if not _run(tab, basis, cost, self.n):
            return LPResult("unbounded")
        z = [_ZERO] * self.n
        for i, b in enumerate(basis):
            z[b] = tab[i][-1]
        y = [z[j] - z[k + j] for j in range(k)]
        x = tuple(self.x0[j] + sum((y[i] * self.basis_dirs[i][j] for i in range(k)), _ZERO)
                  for j in range(d))
        value = sum((cj * xj for cj, xj in zip(c, x, strict=True)), _ZERO)
        assert value == const + sum((a * b for a, b in zip(cn, y, strict=True)), _ZERO)
        return LPResult("optimal", value, x)


def minimize(objective: Sequence[Fraction], rows: Sequence[Row]) -> LPResult:
    """Minimise ``objective . x`` over the closure of the rows (``>`` is read as ``>=``).

    Parameters
    ----------
    objective
        One coefficient per variable (the variables are free).
    rows
        The constraints; every ``coeffs`` has the same length as ``objective``.

    Returns
    -------
    LPResult
        The exact optimum and a minimiser, or the status ``"infeasible"``/``"unbounded"``.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> box = [Row((F(1), F(0)), ">=", F(0)), Row((F(0), F(1)), ">=", F(0)),
    ...        Row((F(-1), F(-1)), ">=", F(-1))]
    >>> minimize((F(-2), F(-1)), box).value
    Fraction(-2, 1)
    >>> minimize((F(1), F(0)), box[1:]).status
    'unbounded'
    """
    return Polytope(rows, len(objective)).minimize(objective)


def value_range(objective: Sequence[Fraction], rows: Sequence[Row]
                ) -> tuple[Fraction | None, Fraction | None] | None:
    """``(min, max)`` of ``objective . x`` over the closure of the rows.

    ``None`` when the rows are infeasible; an end is ``None`` when it is unbounded.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> value_range((F(1),), [Row((F(1),), ">", F(0)), Row((F(-1),), ">=", F(-3))])
    (Fraction(0, 1), Fraction(3, 1))
    """
    poly = Polytope(rows, len(objective))
    lo = poly.minimize(objective)
    if lo.status == "infeasible":
        return None
    hi = poly.minimize([-Fraction(c) for c in objective])
    return (lo.value if lo.status == "optimal" else None,
            -hi.value if hi.status == "optimal" else None)


def strictly_feasible(rows: Sequence[Row], d: int) -> tuple[Fraction, ...] | None:
    """A point satisfying every row, strict ones strictly, or ``None`` when there is none.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> strictly_feasible([Row((F(1),), ">", F(0)), Row((F(1),), ">=", F(0))], 1) is None
    False
    >>> strictly_feasible([Row((F(1),), ">", F(0)), Row((F(-1),), ">=", F(0))], 1) is None
    True
    """
    if not any(r.rel == ">" for r in rows):
        res = minimize([_ZERO] * d, rows)
        return res.point if res.status == "optimal" else None
    # maximise t subject to a . x - t >= b for the strict rows, t <= 1
    lifted = [Row(tuple(r.coeffs) + ((-_ONE,) if r.rel == ">" else (_ZERO,)),
                  ">=" if r.rel == ">" else r.rel, r.rhs) for r in rows]
    lifted.append(Row((_ZERO,) * d + (-_ONE,), ">=", -_ONE))
    res = minimize([_ZERO] * d + [-_ONE], lifted)
    if res.status != "optimal" or res.value >= 0:
        return None
    return res.point[:d]
