"""Exact linear programming over a decision context (rationals, or symbols with forking).

A small dense two-phase tableau simplex with Bland's rule: exact, never cycles, and it
asks every sign question through ``ctx.sign`` so that the same code solves numeric LPs
with :class:`fractions.Fraction` and parametric LPs (where each undecided sign splits
the parameter space, see :mod:`alliance_games.solving.context`).  Rationals go to the
fraction-free integer simplex of :mod:`.intlp`, rational functions of the parameters to
the fraction-free polynomial simplex of :mod:`.polylp` (same method, same sign questions);
:func:`maximize_field` is the method with field operations, for any other context.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from .context_protocol import DecisionContext
from .intlp import can_be_positive, maximize_int, ranges_int, scaled_row
from .polylp import maximize_poly

Row = Sequence[Any]


@dataclass(frozen=True)
class LinearSystem:
    """Constraints on ``x >= 0``: ``eq`` rows ``a.x = b``, ``ge`` rows ``a.x >= b`` and
    ``gt`` rows ``a.x > b`` (strict).  Each row is ``(coefficients, rhs)``."""

    n: int
    eq: tuple[tuple[tuple, Any], ...] = ()
    ge: tuple[tuple[tuple, Any], ...] = ()
    gt: tuple[tuple[tuple, Any], ...] = ()

    def __hash__(self) -> int:
        # systems key caches (vertices, belief sets); hash the rows once, not per lookup.
        # Rational rows hash as their integer form (equal rows have equal integer forms;
        # hashing integers is much cheaper than hashing Fractions); other entries
        # (symbolic) as themselves
        h = self.__dict__.get("_hash")
        if h is None:
            try:
                h = hash((self.n, *(tuple(tuple(ints) + (den,) for ints, den in
                                          _int_rows(self, kind))
                                    for kind in ("eq", "ge", "gt"))))
            except (AttributeError, TypeError):
                h = hash((self.n, self.eq, self.ge, self.gt))
            object.__setattr__(self, "_hash", h)
        return h

    def __reduce__(self):
        # the cached hash is not pickled (sympy hashes differ between processes)
        return (LinearSystem, (self.n, self.eq, self.ge, self.gt))


def _int_rows(system: LinearSystem, kind: str) -> list:
    """The rows of a numeric system of one ``kind`` (``"eq"``, ``"ge"`` or ``"gt"``) as
    ``(ints, den)`` (see :func:`~alliance_games.solving.intlp.scaled_row`: ``[*a, b]``
    times the row's common denominator), computed once per system object."""
    name = "_int_" + kind
    hit = system.__dict__.get(name)
    if hit is None:
        hit = [scaled_row([*a, b]) for a, b in getattr(system, kind)]
        object.__setattr__(system, name, hit)
    return hit


def maximize(ctx: DecisionContext, c: Row, ub: list[tuple[Row, Any]], eq: list[tuple[Row, Any]]
             ) -> tuple[str, list[Any] | None, Any]:
    """Maximise ``c.x`` subject to ``a.x <= b`` (ub), ``a.x = b`` (eq), ``x >= 0``.

    Returns ``(status, x, value)`` with status ``"optimal"``, ``"infeasible"`` or
    ``"unbounded"``.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> from alliance_games.solving.context import NUMERIC
    >>> maximize(NUMERIC, [F(1), F(1)], [([F(1), F(2)], F(4)), ([F(3), F(1)], F(6))], [])
    ('optimal', [Fraction(8, 5), Fraction(6, 5)], Fraction(14, 5))
    """
    if not ctx.symbolic:
        return maximize_int(c, ub, eq)
    if getattr(ctx, "field", None) is not None:  # rational functions: fraction-free
        found = maximize_poly(ctx, c, ub, eq)
        if found is not None:
            return found
    return maximize_field(ctx, c, ub, eq)


def maximize_field(ctx: DecisionContext, c: Row, ub: list[tuple[Row, Any]],
                   eq: list[tuple[Row, Any]]) -> tuple[str, list[Any] | None, Any]:
    """:func:`maximize` with field operations in ``ctx`` (any symbolic context).

    Examples
    --------
    >>> import sympy as sp
    >>> from alliance_games.solving.algebraic import AlgebraicContext as A
    >>> maximize_field(A, [1, 1], [([1, 2], sp.sqrt(2)), ([3, 1], 6)], [])[2]
    sqrt(2)
    """
    zero, one = ctx.zero, ctx.one
    n = len(c)
    n_ub = len(ub)
    rows: list[list[Any]] = []
    basis: list[int] = []
    needs_art: list[int] = []
    for i, (a, b) in enumerate(ub):
        row = list(a) + [zero] * n_ub
        row[n + i] = one
        if ctx.sign(b) < 0:
            row = [-x for x in row]
            b = -b
            needs_art.append(len(rows))
            basis.append(-1)
        else:
            basis.append(n + i)
        rows.append(row + [b])
    for a, b in eq:
        row = list(a) + [zero] * n_ub
        if ctx.sign(b) < 0:
            row = [-x for x in row]
            b = -b
        needs_art.append(len(rows))
        basis.append(-1)
        rows.append(row + [b])
    n_struct = n + n_ub
    n_art = len(needs_art)
    width = n_struct + n_art
    for row in rows:
        rhs = row.pop()
        row.extend([zero] * n_art)
        row.append(rhs)
    for k, r in enumerate(needs_art):
        rows[r][n_struct + k] = one
        basis[r] = n_struct + k

    if n_art:
        # phase 1: maximise -(sum of artificials)
        obj = [zero] * (width + 1)
        for k in range(n_art):
            obj[n_struct + k] = one
        for r in needs_art:
            obj = [o - x for o, x in zip(obj, rows[r])]
        obj = [ctx.simplify(x) for x in obj]
        status = _run(ctx, rows, basis, obj, width)
        if ctx.sign(obj[-1]) != 0:  # optimum of -sum(art) < 0
            return "infeasible", None, None
        # drive artificials out of the basis
        for r in range(len(rows)):
            if basis[r] >= n_struct:
                for j in range(n_struct):
                    if ctx.sign(rows[r][j]) != 0:
                        _pivot(ctx, rows, obj, r, j)
                        basis[r] = j
                        break
        keep = [r for r in range(len(rows)) if basis[r] < n_struct]
        rows = [rows[r][:n_struct] + [rows[r][-1]] for r in keep]
        basis = [basis[r] for r in keep]
        width = n_struct
        del status
    # phase 2
    obj = [-ctx.coerce(x) for x in c] + [zero] * n_ub + [zero]
    for r, j in enumerate(basis):
        if _nonzero(ctx, obj[j]):
            f = obj[j]
            obj = [ctx.simplify(o - f * x) for o, x in zip(obj, rows[r])]
    status = _run(ctx, rows, basis, obj, width)
    if status == "unbounded":
        return "unbounded", None, None
    x = [zero] * n
    for r, j in enumerate(basis):
        if j < n:
            x[j] = rows[r][-1]
    return "optimal", x, obj[-1]


def _run(ctx, rows, basis, obj, width) -> str:
    while True:
        enter = next((j for j in range(width) if ctx.sign(obj[j]) < 0), None)
        if enter is None:
            return "optimal"
        leave = None
        best = None
        for r, row in enumerate(rows):
            if ctx.sign(row[enter]) > 0:
                ratio = ctx.simplify(row[-1] / row[enter])
                if leave is None:
                    leave, best = r, ratio
                else:
                    s = ctx.sign(ratio - best)
                    if s < 0 or (s == 0 and basis[r] < basis[leave]):
                        leave, best = r, ratio
        if leave is None:
            return "unbounded"
        _pivot(ctx, rows, obj, leave, enter)
        basis[leave] = enter


def _nonzero(ctx, x) -> bool:
    """Whether a tableau entry must be worked with (skipping zeros is no decision: a
    context may answer without recording a sign, ``ctx.nonzero``)."""
    test = getattr(ctx, "nonzero", None)
    return test(x) if test is not None else ctx.sign(x) != 0


def _pivot(ctx, rows, obj, r, j) -> None:
    piv = rows[r][j]
    prow = [ctx.simplify(x / piv) if _nonzero(ctx, x) else x for x in rows[r]]
    rows[r] = prow
    nz = [k for k, y in enumerate(prow) if _nonzero(ctx, y)]
    for i, row in enumerate(rows):
        if i != r:
            f = row[j]
            if _nonzero(ctx, f):
                new = list(row)
                for k in nz:
                    new[k] = ctx.simplify(row[k] - f * prow[k])
                rows[i] = new
    f = obj[j]
    if _nonzero(ctx, f):
        new = list(obj)
        for k in nz:
            new[k] = ctx.simplify(obj[k] - f * prow[k])
        obj[:] = new


def _as_ub(system: LinearSystem, eps: bool):
    """Rows for :func:`maximize`: ``ge``/``gt`` become ``<=`` rows; optional slack ``eps``."""
    ub = []
    for a, b in system.ge:
        ub.append(([-x for x in a] + ([0] if eps else []), -b))
    for a, b in system.gt:
        ub.append(([-x for x in a] + ([1] if eps else []), -b))
    eq = [(list(a) + ([0] if eps else []), b) for a, b in system.eq]
    return ub, eq


def satisfies(ctx: DecisionContext, system: LinearSystem, x: Sequence) -> bool:
    """Whether the point ``x`` satisfies every row of ``system`` (and ``x >= 0``), the
    strict ones strictly: each sign decided by ``ctx``.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> from alliance_games.solving.context import NUMERIC
    >>> s = LinearSystem(2, eq=(((F(1), F(1)), F(1)),), gt=(((F(1), F(0)), F(0)),))
    >>> satisfies(NUMERIC, s, [F(1, 3), F(2, 3)]), satisfies(NUMERIC, s, [F(0), F(1)])
    (True, False)
    """
    def slack(row) -> Any:
        coeffs, rhs = row
        return sum((c * v for c, v in zip(coeffs, x)), ctx.zero) - rhs

    return all(ctx.sign(v) >= 0 for v in x) and \
        all(ctx.sign(slack(r)) == 0 for r in system.eq) and \
        all(ctx.sign(slack(r)) >= 0 for r in system.ge) and \
        all(ctx.sign(slack(r)) > 0 for r in system.gt)


def interior_point(ctx: DecisionContext, system: LinearSystem) -> list[Any] | None:
    """A point satisfying all constraints, the strict ones strictly; None if none exists.

    Maximises a common slack ``eps <= 1`` on the strict rows.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> from alliance_games.solving.context import NUMERIC
    >>> s = LinearSystem(2, eq=(((F(1), F(1)), F(1)),), gt=(((F(1), F(0)), F(0)),
    ...                  ((F(0), F(1)), F(0))))
    >>> interior_point(NUMERIC, s)
    [Fraction(1, 2), Fraction(1, 2)]
    """
    if not ctx.symbolic:
        return _interior_point_int(system)
    if not system.gt:
        ub, eq = _as_ub(system, eps=False)
        status, x, _ = maximize(ctx, [ctx.zero] * system.n, _coerce_rows(ctx, ub),
                                _coerce_rows(ctx, eq))
        return x if status == "optimal" else None
    ub, eq = _as_ub(system, eps=True)
    ub.append(([0] * system.n + [1], 1))
    c = [ctx.zero] * system.n + [ctx.one]
    status, x, value = maximize(ctx, c, _coerce_rows(ctx, ub), _coerce_rows(ctx, eq))
    if status != "optimal" or ctx.sign(value) <= 0:
        return None
    return x[: system.n]


def _interior_point_int(system: LinearSystem):
    """:func:`interior_point` of a numeric system: the same LP from the rows in integer
    form (:func:`_int_rows`; a row ``(ints, den)`` is what the integer simplex builds
    from ``(a, b)``, so the pivots and the point are the same)."""
    n = system.n
    eqs, ges, gts = (_int_rows(system, kind) for kind in ("eq", "ge", "gt"))
    if not gts:
        ub = [([-x for x in ints], den) for ints, den in ges]
        status, x, _ = maximize_int([0] * n, ub, eqs, scaled=True)
        return x if status == "optimal" else None
    # variables (x, eps): ge rows -a.x <= -b, gt rows -a.x + eps <= -b, eps <= 1
    ub = []
    for ints, den in ges:
        row = [-x for x in ints]
        row.insert(n, 0)
        ub.append((row, den))
    for ints, den in gts:
        row = [-x for x in ints]
        row.insert(n, den)
        ub.append((row, den))
    ub.append(([0] * n + [1, 1], 1))
    eq = []
    for ints, den in eqs:
        row = list(ints)
        row.insert(n, 0)
        eq.append((row, den))
    status, x, value = maximize_int([0] * n + [1], ub, eq, scaled=True)
    if status != "optimal" or value <= 0:
        return None
    return x[:n]


def feasible(ctx: DecisionContext, system: LinearSystem) -> bool:
    """Whether the system has a solution (strict rows strictly), like
    ``interior_point(ctx, system) is not None`` but with a smaller tableau: when every
    variable must be positive (a ``gt`` row ``x_j > 0`` for each ``j``), ``x = y + eps``
    with ``y >= 0`` replaces those rows by one column.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> from alliance_games.solving.context import NUMERIC
    >>> s = LinearSystem(2, eq=(((F(1), F(1)), F(1)),), gt=(((F(1), F(0)), F(0)),
    ...                  ((F(0), F(1)), F(0))))
    >>> feasible(NUMERIC, s), feasible(NUMERIC, LinearSystem(2, eq=s.eq + (((F(1), F(0)),
    ...                                                          F(1)),), gt=s.gt))
    (True, False)
    """
    n = system.n
    if ctx.symbolic or not n:
        return interior_point(ctx, system) is not None
    if n == 2:
        found = _feasible_on_a_line(system)
        if found is not None:
            return found
    # numeric: rows scaled to integers (a row may be scaled by any positive number)
    covered = [False] * n
    rest = []
    for a, b in system.gt:
        j = None if b else _unit_index(a)
        if j is not None:
            covered[j] = True
        else:
            rest.append(scaled_row([*a, b])[0])
    if not all(covered):
        return interior_point(ctx, system) is not None
    eqs, ges = _int_rows(system, "eq"), _int_rows(system, "ge")
    # variables (y_1..y_n, eps); a.x = a.y + (sum a) eps
    ub = []
    for ints, _ in ges:
        ub.append(([-x for x in ints[:n]] + [-sum(ints[:n])], -ints[n]))
    for ints in rest:
        ub.append(([-x for x in ints[:n]] + [1 - sum(ints[:n])], -ints[n]))
    ub.append(([0] * n + [1], 1))
    eq = []
    for ints, _ in eqs:
        eq.append((ints[:n] + [sum(ints[:n])], ints[n]))
    return can_be_positive(n + 1, ub, eq, n)


def _feasible_on_a_line(system: LinearSystem) -> bool | None:
    """:func:`feasible` for a numeric system in two variables with an equality row
    ``a0 x0 + a1 x1 = b`` (``a0, a1 != 0``, e.g. two probabilities summing to one),
    which leaves a line: ``x1 = (b - a0 x0) / a1``, so every row (and ``x >= 0``)
    bounds ``x0`` alone, in exact integer arithmetic; None without such a row.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> s = LinearSystem(2, eq=(((1, 1), 1),), ge=(((2, -1), 0),), gt=(((1, 0), 0),))
    >>> _feasible_on_a_line(s), _feasible_on_a_line(LinearSystem(2, s.eq, s.ge + (
    ...     ((-3, F(1, 2)), 0),), s.gt))
    (True, False)
    """
    eqs = _int_rows(system, "eq")
    line = next((ints for ints, _ in eqs if ints[0] and ints[1]), None)
    if line is None:
        return None
    a0, a1, b = line
    if a1 < 0:
        a0, a1, b = -a0, -a1, -b
    # a row c0 x0 + c1 x1 (op) d, times a1 > 0: (c0 a1 - c1 a0) x0 (op) d a1 - c1 b
    lo = hi = None  # (num, den > 0, strict)
    rows = [(ints, 0) for ints, _ in eqs] + [(ints, 1) for ints, _ in _int_rows(system, "ge")]
    rows += [(ints, 2) for ints, _ in _int_rows(system, "gt")]
    rows += [([1, 0, 0], 1), ([0, 1, 0], 1)]  # x >= 0
    for (c0, c1, d), op in rows:  # op: 0 =, 1 >=, 2 >
        c, k = c0 * a1 - c1 * a0, d * a1 - c1 * b
        if not c:
            if (op == 0 and k) or (op == 1 and k > 0) or (op == 2 and k >= 0):
                return False
            continue
        if c < 0:
            c, k = -c, -k
            bounds = ("hi",) if op else ("hi", "lo")
        else:
            bounds = ("lo",) if op else ("lo", "hi")
        strict = op == 2
        for side in bounds:
            if side == "lo":
                if lo is None or k * lo[1] > lo[0] * c or (k * lo[1] == lo[0] * c and strict):
                    lo = (k, c, strict)
            elif hi is None or k * hi[1] < hi[0] * c or (k * hi[1] == hi[0] * c and strict):
                hi = (k, c, strict)
    if lo is None or hi is None:
        return True
    left, right = lo[0] * hi[1], hi[0] * lo[1]
    return left < right or (left == right and not lo[2] and not hi[2])


def _unit_index(a) -> int | None:
    """``j`` when the row ``a`` is a positive multiple of the unit vector ``e_j``, else
    None."""
    j = None
    for i, x in enumerate(a):
        if x:
            if j is not None or x < 0:
                return None
            j = i
    return j


def variable_range(ctx: DecisionContext, system: LinearSystem, j: int) -> tuple[Any, Any]:
    """``(min, max)`` of ``x_j`` over the closure of the system's feasible set.

    Examples
    --------
    On the segment ``x0 + x1 = 1`` with ``x0 > x1``, ``x0`` ranges over ``[1/2, 1]``:

    >>> from fractions import Fraction as F
    >>> from alliance_games.solving.context import NUMERIC
    >>> s = LinearSystem(2, eq=(((F(1), F(1)), F(1)),), gt=(((F(1), F(-1)), F(0)),))
    >>> variable_range(NUMERIC, s, 0)
    (Fraction(1, 2), Fraction(1, 1))
    """
    return variable_ranges(ctx, system, [j])[0]


def variable_ranges(ctx: DecisionContext, system: LinearSystem, js: Iterable[int]) -> list:
    """``[(min, max)]`` of ``x_j`` for each ``j`` in ``js`` over the closure of the
    system's feasible set (numeric systems: one phase 1 for all of them).

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> from alliance_games.solving.context import NUMERIC
    >>> s = LinearSystem(2, eq=(((F(1), F(1)), F(1)),), gt=(((F(1), F(-1)), F(0)),))
    >>> variable_ranges(NUMERIC, s, [0, 1])
    [(Fraction(1, 2), Fraction(1, 1)), (Fraction(0, 1), Fraction(1, 2))]
    """
    if not ctx.symbolic:
        # integer rows (the optima do not depend on row scaling), without the rows
        # ``a.x >= b`` that every ``x >= 0`` meets (``a >= 0 >= b``, e.g. ``x_j > 0``
        # closed): the same set, a smaller tableau
        n = system.n
        eqs = _int_rows(system, "eq")
        ub = [([-x for x in ints[:n]], -ints[n])
              for ints, _ in _int_rows(system, "ge") + _int_rows(system, "gt")
              if ints[n] > 0 or any(x < 0 for x in ints[:n])]
        found = ranges_int(n, ub, [(ints[:n], ints[n]) for ints, _ in eqs], js)
        if found is None:
            raise ValueError("variable_ranges: the system has no solution")
        return found
    units = [[ctx.one if k == j else ctx.zero for k in range(system.n)] for j in js]
    return objective_ranges(ctx, system, units)


def objective_ranges(ctx: DecisionContext, system: LinearSystem, objectives: Iterable[Row]) -> list:
    """``[(min, max)]`` of ``c.x`` for each ``c`` in ``objectives`` over the closure of
    the system's feasible set (which must be non-empty and bounded).

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> from alliance_games.solving.context import NUMERIC
    >>> s = LinearSystem(2, eq=(((F(1), F(1)), F(1)),), gt=(((F(1), F(-1)), F(0)),))
    >>> objective_ranges(NUMERIC, s, [[F(1), F(-1)]])
    [(Fraction(0, 1), Fraction(1, 1))]
    """
    ub, eq = _closed_rows(ctx, system)
    out = []
    for c in objectives:
        c = [ctx.coerce(x) for x in c]
        status, _, hi = maximize(ctx, c, ub, eq)
        if status != "optimal":
            raise ValueError(f"objective_ranges: the system is {status}")
        _, _, lo = maximize(ctx, [-x for x in c], ub, eq)
        out.append((-lo, hi))
    return out


def maximizer(ctx: DecisionContext, system: LinearSystem, objective: Row) -> tuple:
    """``(value, point)``: the greatest ``c.x`` over the closure of the system's feasible
    set (non-empty and bounded) and a point where it is reached.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> from alliance_games.solving.context import NUMERIC
    >>> s = LinearSystem(2, eq=(((F(1), F(1)), F(1)),), gt=(((F(1), F(-1)), F(0)),))
    >>> maximizer(NUMERIC, s, [F(0), F(1)])
    (Fraction(1, 2), [Fraction(1, 2), Fraction(1, 2)])
    """
    ub, eq = _closed_rows(ctx, system)
    status, x, value = maximize(ctx, [ctx.coerce(v) for v in objective], ub, eq)
    if status != "optimal":
        raise ValueError(f"maximizer: the system is {status}")
    return value, list(x)


def _closed_rows(ctx, system: LinearSystem) -> tuple[list, list]:
    """The closure of the system's feasible set as ``a.x <= b`` and ``a.x = b`` rows in
    ``ctx``'s numbers, for :func:`maximize`."""
    closed = LinearSystem(system.n, system.eq, system.ge + system.gt, ())
    ub, eq = _as_ub(closed, eps=False)
    return _coerce_rows(ctx, ub), _coerce_rows(ctx, eq)


def _coerce_rows(ctx, rows):
    if not ctx.symbolic:  # Fractions and ints: the integer simplex takes both
        return rows
    return [([ctx.coerce(x) for x in a], ctx.coerce(b)) for a, b in rows]
