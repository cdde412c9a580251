"""A fraction-free simplex over polynomials in the parameters (the fast parametric path).

:func:`maximize_poly` is :func:`alliance_games.solving.lp.maximize` for a
:class:`~alliance_games.solving.context.FieldContext` (values in the field of rational
functions of the parameters).  The tableau holds polynomials ``T`` over one common
denominator ``D`` (an entry's value is ``T / D``) and a pivot is Bareiss's step
``T' = (P T - f T_r) / D`` with ``D' = P``: the division is exact (every entry is ``D``
times an entry of ``B^-1 M`` for the current basis ``B``, i.e. a polynomial cofactor
expression), so a pivot costs polynomial products and exact divisions instead of a gcd
at every field operation.

It asks the same sign questions in the same order as the generic simplex (each of the
value ``T / D`` in lowest terms, through ``ctx.sign``), so it forks the same way and
records the same conditions; only the arithmetic differs.

The arithmetic does not depend on any sign answer: a tableau is a function of the input
rows and of the pivots made.  Each tableau therefore remembers the tableaux its pivots
led to, and the first tableau of a problem is kept in ``ctx.oracle.tableaux`` (shared by
all runs of one exploration), so runs that fork inside a problem share the pivots made
before the fork.  Every run still asks all of its own sign questions (the oracle
answers known ones from its record), so reusing the arithmetic skips no dependency.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from sympy import ZZ

if TYPE_CHECKING:
    from .context import FieldContext


class _Tableau:
    """Rows (entries then right-hand side), an optional objective row, all over the
    common denominator ``den``; ``after`` holds the tableaux derived from it."""

    __slots__ = ("rows", "obj", "den", "after")

    def __init__(self, rows: tuple, obj: tuple | None, den) -> None:
        self.rows = rows
        self.obj = obj
        self.den = den
        self.after: dict = {}

    def pivoted(self, r: int, j: int) -> _Tableau:
        """The tableau after pivoting on row ``r``, column ``j`` (Bareiss)."""
        key = ("pivot", r, j)
        hit = self.after.get(key)
        if hit is None:
            prow = self.rows[r]
            p, d = prow[j], self.den
            rows = tuple(prow if i == r else _eliminate(row, prow, j, p, d)
                         for i, row in enumerate(self.rows))
            obj = None if self.obj is None else _eliminate(self.obj, prow, j, p, d)
            hit = self.after[key] = _Tableau(rows, obj, p)
        return hit

    def kept(self, keep: tuple, n_struct: int) -> _Tableau:
        """The rows ``keep`` restricted to the first ``n_struct`` columns (dropping the
        artificial columns and the rows whose artificial stayed basic; the remaining
        rows keep their denominator, the artificial column being a unit vector)."""
        key = ("keep", keep, n_struct)
        hit = self.after.get(key)
        if hit is None:
            rows = tuple(self.rows[r][:n_struct] + self.rows[r][-1:] for r in keep)
            hit = self.after[key] = _Tableau(rows, None, self.den)
        return hit

    def with_objective(self, c: tuple, basis: tuple, eliminate: tuple,
                       width: int) -> _Tableau:
        """This tableau with the phase 2 objective row ``-c`` (padded with zeros to
        ``width`` columns) priced out for the basic columns whose row is in
        ``eliminate``."""
        key = ("objective", c, eliminate)
        hit = self.after.get(key)
        if hit is None:
            d = self.den
            obj = [-(d * x) for x in c] + [d.ring.zero] * (width + 1 - len(c))
            for r in eliminate:
                f = c[basis[r]]
                obj = [o + f * y if y else o for o, y in zip(obj, self.rows[r])]
            hit = self.after[key] = _Tableau(self.rows, tuple(obj), d)
        return hit


def _eliminate(row: tuple, prow: tuple, j: int, p, d) -> tuple:
    """Bareiss's update of ``row`` for the pivot ``p = prow[j]`` over the denominator
    ``d``: ``(p row - row[j] prow) / d``, the division exact."""
    f = row[j]
    if not f:
        if p == d:
            return row
        return tuple(_exquo(p * x, d) if x else x for x in row)
    out = []
    for x, y in zip(row, prow):  # rows are sparse: no products with zero
        if y:
            out.append(_exquo(p * x - f * y if x else -(f * y), d))
        else:
            out.append(_exquo(p * x, d) if x else x)
    return tuple(out)


def _exquo(x, d):
    if not x:
        return x
    if d.is_ground:
        c = d.LC
        if c == 1:
            return x
        if c == -1:
            return -x
        q = {}
        for m, v in x.items():
            q[m], rest = divmod(v, c)
            if rest:
                raise ArithmeticError("a Bareiss division is not exact (a bug)")
        return x.new(q)
    # exquo raises if not exact (a bug, never a silent error).  The copy: sympy builds
    # the quotient in place after hashing it, so the quotient's cached hash is stale
    return x.exquo(d).copy()


def _in_field(x, ring) -> bool:
    return getattr(x, "field", None) is not None and x.field.ring == ring


def _integral(x, ring, ring_z):
    """A field element that is a polynomial with integer coefficients, in ``ring_z``;
    else None."""
    if not _in_field(x, ring) or x.denom != 1:
        return None
    if any(getattr(v, "denominator", 1) != 1 for v in x.numer.values()):
        return None
    return x.numer.set_ring(ring_z)


def _times(x, scale):
    """The field element ``x`` times ``scale``, a multiple of its denominator."""
    den = x.denom
    if den.is_ground:
        c = den.LC
        num = x.numer if c == 1 else x.numer.quo_ground(c)
        return num if scale == 1 else num * scale
    return x.numer * scale.exquo(den).copy()


def _integral_row(values, ring, ring_z) -> tuple[list, Any]:
    """``(values * scale, scale)``: the values (field elements) times the lcm of their
    denominators and of their coefficients' denominators, as integer polynomials."""
    scale = ring.one
    for x in values:
        if not x.denom.is_ground:
            scale = scale.lcm(x.denom)
    polys = [_times(x, scale) for x in values]
    whole = 1
    for q in polys + [scale]:
        for v in q.values():
            if v.denominator != 1:
                whole = math.lcm(whole, int(v.denominator))
    return [(q * whole).set_ring(ring_z) for q in polys], (scale * whole).set_ring(ring_z)


def _root(ctx, ub, eq, flips: tuple, ring_z) -> _Tableau:
    """The first tableau (slack and artificial columns, rows ``flips`` negated) over the
    common denominator.  Each row is scaled to polynomials with integer coefficients
    (by the lcm of its denominators), so the initial basis matrix is diagonal with those
    scales, and the tableau is its determinant, their product, times the rows' values."""
    ring = ctx.field.field.ring
    n = len(ub[0][0]) if ub else len(eq[0][0])
    n_ub = len(ub)
    arts = [r for r in range(n_ub) if flips[r]] + list(range(n_ub, n_ub + len(eq)))
    art_of = {r: k for k, r in enumerate(arts)}
    width = n + n_ub + len(arts)
    scaled = []
    scales = []
    arith = ctx.oracle.arith
    for r, (a, b) in enumerate(list(ub) + list(eq)):
        key = ("integral row", tuple(a), b)  # rows recur in many problems
        hit = arith.get(key)
        if hit is None:
            hit = arith[key] = _integral_row(list(a) + [b], ring, ring_z)
        polys, scale = hit
        row = polys[:-1] + [ring_z.zero] * (width - n) + polys[-1:]
        if r < n_ub:
            row[n + r] = scale
        if flips[r]:
            row = [-x for x in row]
        if r in art_of:
            row[n + n_ub + art_of[r]] = scale
        scaled.append(row)
        scales.append(scale)
    den = ring_z.one
    for s in scales:
        den = den * s
    rows = []
    for r, row in enumerate(scaled):
        other = ring_z.one
        for k, s in enumerate(scales):
            if k != r:
                other = other * s
        if other == 1:
            rows.append(tuple(row))
        elif other.is_ground:
            k = other.LC
            rows.append(tuple(x.mul_ground(k) if x else x for x in row))
        else:
            rows.append(tuple(other * x if x else x for x in row))
    obj = None
    if arts:
        # phase 1: maximise -(sum of artificials)
        obj = [ring_z.zero] * (width + 1)
        for k in range(len(arts)):
            obj[n + n_ub + k] = den
        for r in arts:
            obj = [o - x for o, x in zip(obj, rows[r])]
        obj = tuple(obj)
    return _Tableau(tuple(rows), obj, den)


def maximize_poly(ctx: FieldContext, c: Sequence[Any], ub: Sequence[tuple[Sequence[Any], Any]],
                  eq: Sequence[tuple[Sequence[Any], Any]]) -> tuple[str, Any, Any] | None:
    """:func:`~alliance_games.solving.lp.maximize` in a field context with a fraction-free
    tableau; None when the input is not made of the context's field elements (or the
    objective is not made of polynomials with integer coefficients): then the caller
    uses the generic method.

    Examples
    --------
    >>> import numpy as np
    >>> import sympy as sp
    >>> from alliance_games.solving.context import Oracle, FieldContext, field_for
    >>> p = sp.Symbol("p")
    >>> K = field_for((p,))
    >>> oracle = Oracle((p,), np.array([[0.25]]), [{p: sp.Rational(1, 4)}], [],
    ...                 np.array([True]))
    >>> ctx = FieldContext(oracle, K)
    >>> one, P = K.one, K.from_sympy(p)
    >>> status, x, value = maximize_poly(ctx, [one, one], [([one, one], P + 1)], [])
    >>> status, value
    ('optimal', p + 1)
    >>> maximize_poly(ctx, [one], [([one], -P)], [])  # x <= -p < 0 for p = 1/4
    ('infeasible', None, None)
    """
    ring = ctx.field.field.ring  # the polynomials of the domain's field of fractions
    ring_z = ring.clone(domain=ZZ)
    cz = tuple(_integral(ctx.coerce(x), ring, ring_z) for x in c)
    if any(x is None for x in cz) or not (ub or eq) or not all(
            _in_field(x, ring) for a, b in list(ub) + list(eq) for x in (*a, b)):
        return None
    n = len(c)
    n_ub = len(ub)
    flips = tuple(ctx.sign(b) < 0 for _, b in ub) + tuple(ctx.sign(b) < 0 for _, b in eq)
    key = ("poly lp", tuple((tuple(a), b) for a, b in ub),
           tuple((tuple(a), b) for a, b in eq), flips)
    tableaux = ctx.oracle.tableaux
    tab = tableaux.get(key)
    if tab is None:
        tab = tableaux[key] = _root(ctx, ub, eq, flips, ring_z)
    n_struct = n + n_ub
    arts = [r for r in range(n_ub) if flips[r]] + list(range(n_ub, n_ub + len(eq)))
    basis = [n + r for r in range(n_ub)] + [-1] * len(eq)
    for k, r in enumerate(arts):
        basis[r] = n_struct + k
    width = n_struct + len(arts)
    sign = _Signs(ctx)
    if arts:
        tab = _run(sign, tab, basis, width)
        if sign(tab.obj[-1], tab.den) != 0:  # optimum of -sum(art) < 0
            return "infeasible", None, None
        # drive artificials out of the basis
        for r in range(len(tab.rows)):
            if basis[r] >= n_struct:
                for j in range(n_struct):
                    if sign(tab.rows[r][j], tab.den) != 0:
                        tab = _pivot(sign, tab, r, j)
                        basis[r] = j
                        break
        keep = tuple(r for r in range(len(tab.rows)) if basis[r] < n_struct)
        tab = tab.kept(keep, n_struct)
        basis = [basis[r] for r in keep]
        width = n_struct
    # phase 2: the objective -c, priced out where c is not zero at a basic column
    ext = cz + (ring_z.zero,) * n_ub
    elim = tuple(r for r, j in enumerate(basis) if sign(-ext[j], ring_z.one) != 0)
    tab = tab.with_objective(cz, tuple(basis), elim, width)
    tab = _run(sign, tab, basis, width)
    if tab is None:
        return "unbounded", None, None
    x = [ctx.zero] * n
    for r, j in enumerate(basis):
        if j < n:
            x[j] = sign.value(tab.rows[r][-1], tab.den)
    return "optimal", x, sign.value(tab.obj[-1], tab.den)


class _Signs:
    """``sign(t, d)``: the sign of the field element ``t / d`` asked of the context;
    ``value(t, d)``: that element (computed once per exploration)."""

    def __init__(self, ctx) -> None:
        self.ctx = ctx
        self.field = ctx.field.field
        self.store = ctx.oracle.tableaux

    def value(self, t, d):
        key = ("quotient", t, d)
        hit = self.store.get(key)
        if hit is None:
            ring = self.field.ring
            hit = self.store[key] = self.field.new(t.set_ring(ring), d.set_ring(ring))
        return hit

    def __call__(self, t, d) -> int:
        return self.ctx.sign_quotient(t, d)


def _run(sign, tab: _Tableau, basis: list, width: int) -> _Tableau | None:
    """Bland's rule to the optimum (the final tableau), or None when unbounded."""
    while True:
        obj, d = tab.obj, tab.den
        enter = next((j for j in range(width) if sign(obj[j], d) < 0), None)
        if enter is None:
            return tab
        leave = None
        rows = tab.rows
        for r, row in enumerate(rows):
            if sign(row[enter], d) > 0:
                if leave is None:
                    leave = r
                    continue
                lr = rows[leave]
                # row[-1]/row[enter] - lr[-1]/lr[enter], in lowest terms
                s = sign(row[-1] * lr[enter] - lr[-1] * row[enter], row[enter] * lr[enter])
                if s < 0 or (s == 0 and basis[r] < basis[leave]):
                    leave = r
        if leave is None:
            return None
        tab = _pivot(sign, tab, leave, enter)
        basis[leave] = enter


def _pivot(sign, tab: _Tableau, r: int, j: int) -> _Tableau:
    """Pivot on ``(r, j)``, first asking the sign questions the generic pivot asks (every
    entry of the pivot row, the column's other entries, the objective's)."""
    d = tab.den
    for x in tab.rows[r]:
        sign(x, d)
    for i, row in enumerate(tab.rows):
        if i != r:
            sign(row[j], d)
    if tab.obj is not None:
        sign(tab.obj[j], d)
    return tab.pivoted(r, j)
