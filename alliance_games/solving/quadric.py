"""One quadratic constraint on a polyhedron, decided exactly by its extreme values.

The set is ``{x >= 0 : linear rows, p(x) rel 0}`` with ``p`` of total degree at most 2
and the linear rows bounding a polytope (beliefs: the simplex and linear conditions on
it).  Its closure ``P`` (strict rows made weak) is compact, so ``p`` attains a largest
value ``M`` and a smallest ``m`` on it, each at a point in the relative interior of some
face, where ``grad p`` is orthogonal to the face: a *critical point* of the face.  On the
affine hull of a face (the rows of a set ``T`` of at most ``n`` rows made equalities)
the critical points form an affine set on which ``p`` is constant (``p`` is quadratic),
so ``M`` and ``m`` are the largest and smallest of those constants over the sets ``T``
whose critical set meets ``P`` -- one exact linear program each, multipliers and all.

The set ``D`` (``P`` with its strict rows) is convex and dense in ``P`` when not empty,
so ``p > 0`` holds somewhere in ``D`` iff ``M > 0``; ``p == 0`` iff ``m < 0 < M`` (then
on a segment between two points of ``D``, at a root of a quadratic in one variable) or
``0`` is an extreme value attained at a critical point in ``D``.  Every answer is
exact: a point (rational, or in ``Q(sqrt d)`` on a segment) or a proof of emptiness.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from itertools import combinations

import sympy as sp

from .algebraic import algebraic_sign
from .context import NUMERIC
from .lp import LinearSystem, interior_point, satisfies

__all__ = ["quadric_point"]

Row = tuple[tuple[Fraction, ...], Fraction]


def quadric_point(system: LinearSystem, poly: sp.Poly, rel: str) -> tuple | None:
    """A point of ``{x >= 0 satisfying system: poly rel 0}``, or None when it is empty.

    Parameters
    ----------
    system
        Rational linear rows on ``x >= 0`` (:class:`.lp.LinearSystem`) whose closure is
        bounded (a polytope).
    poly
        A polynomial of total degree at most 2 with rational coefficients, in ``n =
        system.n`` variables.
    rel
        ``">="``, ``">"`` or ``"=="``.

    Returns
    -------
    tuple or None
        An exact point (sympy numbers, rational or in one quadratic field), or None: the
        set is empty (a proof, not a failed search).

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> x, y = sp.symbols("x y")
    >>> triangle = LinearSystem(2, ge=(((F(-1), F(-1)), F(-1)),))  # x + y <= 1
    >>> quadric_point(triangle, sp.Poly(x * y - F(1, 4), x, y), ">=")
    (1/2, 1/2)
    >>> quadric_point(triangle, sp.Poly(x * y - F(1, 4), x, y), ">") is None
    True
    >>> quadric_point(triangle, sp.Poly(x**2 + y**2 - F(1, 2), x, y), "==")
    (0, sqrt(2)/2)
    >>> quadric_point(triangle, sp.Poly(x**2 + y**2 - 2, x, y), "==") is None
    True
    """
    if rel not in (">=", ">", "=="):
        raise ValueError(f"unknown relation {rel!r}")
    n = system.n
    form = _Form(poly, n)
    inside = interior_point(NUMERIC, system)
    if inside is None:
        return None
    closure = LinearSystem(n, system.eq, system.ge + system.gt)
    faces = _critical_values(form, closure)
    top = max(faces, key=lambda f: f[0])
    bottom = min(faces, key=lambda f: f[0])
    if top[0] > 0:
        above = _pushed_in(form, top[1], inside, system, 1)
        if rel != "==":
            return _sympy(above)
        if bottom[0] < 0:
            below = _pushed_in(form, bottom[1], inside, system, -1)
            return _root_between(form, below, above)
    if rel == ">" or top[0] < 0 or bottom[0] > 0:
        return None
    # 0 is an extreme value (rel ">=" with M = 0, or rel "==" with m = 0 or M = 0):
    # attained in D iff at a critical point of value 0 in D
    for value, _, rows in faces:
        if value == 0:
            pt = interior_point(NUMERIC, _critical_system(form, system, rows))
            if pt is not None:
                return _sympy(pt[:n])
    return None


class _Form:
    """``p(x) = x.H.x / 2 + g.x + c`` in fractions."""

    def __init__(self, poly: sp.Poly, n: int) -> None:
        if poly.total_degree() > 2 or len(poly.gens) != n:
            raise ValueError(f"expected a polynomial of degree <= 2 in {n} variables, "
                             f"got {poly.as_expr()}")
        self.n = n
        self.h = [[Fraction(0)] * n for _ in range(n)]
        self.g = [Fraction(0)] * n
        self.c = Fraction(0)
        for mon, coef in poly.terms():
            v = Fraction(int(coef.p), int(coef.q))
            idx = [i for i, e in enumerate(mon) for _ in range(e)]
            if not idx:
                self.c += v
            elif len(idx) == 1:
                self.g[idx[0]] += v
            else:
                i, j = idx
                self.h[i][j] += v
                self.h[j][i] += v

    def __call__(self, x: Sequence[Fraction]) -> Fraction:
        n = self.n
        quad = sum(x[i] * self.h[i][j] * x[j] for i in range(n) for j in range(n))
        return quad / 2 + sum(gi * xi for gi, xi in zip(self.g, x)) + self.c

    def gradient(self, x: Sequence[Fraction]) -> list[Fraction]:
        return [sum(self.h[i][j] * x[j] for j in range(self.n)) + self.g[i]
                for i in range(self.n)]


def _inequalities(system: LinearSystem) -> list[Row]:
    """The closure's inequality rows ``a.x >= b``, with ``x_i >= 0``, each once (scaled
    so that the first nonzero coefficient is +-1)."""
    n = system.n
    unit = [(tuple(Fraction(int(i == j)) for j in range(n)), Fraction(0)) for i in range(n)]
    out: dict = {}
    for a, b in unit + [(tuple(map(Fraction, a)), Fraction(b))
                        for a, b in system.ge + system.gt]:
        lead = next((abs(x) for x in a if x != 0), None)
        if lead is None:
            continue  # a constant row: the system's feasibility decides it
        key = (tuple(x / lead for x in a), b / lead)
        out[key] = key
    return list(out)


def _critical_system(form: _Form, system: LinearSystem, tight: Sequence[Row]
                     ) -> LinearSystem:
    """Variables ``(x, l+, l-)``: ``x`` satisfies ``system``, the rows ``tight`` and the
    equality rows as equalities, and ``grad p(x) = sum (l+ - l-)_r a_r`` over those rows."""
    n = form.n
    active = [(tuple(map(Fraction, a)), Fraction(b)) for a, b in system.eq] + list(tight)
    k = len(active)
    width = n + 2 * k
    pad = (Fraction(0),) * (2 * k)
    eq = [(tuple(a) + pad, b) for a, b in active]
    for i in range(n):  # (H x)_i - sum_r l_r a_r[i] = -g_i
        row = list(form.h[i]) + [-a[i] for a, _ in active] + [a[i] for a, _ in active]
        eq.append((tuple(row), -form.g[i]))

    def widen(rows) -> tuple:
        return tuple((tuple(a) + pad, b) for a, b in rows)

    return LinearSystem(width, tuple(eq), widen(system.ge), widen(system.gt))


def _critical_values(form: _Form, closure: LinearSystem) -> list[tuple]:
    """``(value, point, rows)`` for each set of at most ``n`` inequality rows whose face's
    affine hull has critical points in the closure: ``p``'s constant value there, one
    such point, the rows."""
    n = form.n
    rows = _inequalities(closure)
    out = []
    for size in range(min(n, len(rows)) + 1):
        for tight in combinations(rows, size):
            pt = interior_point(NUMERIC, _critical_system(form, closure, tight))
            if pt is not None:
                x = [Fraction(v) for v in pt[:n]]
                out.append((form(x), x, tight))
    return out


def _pushed_in(form: _Form, x: list[Fraction], inside: Sequence, system: LinearSystem,
               side: int) -> list[Fraction]:
    """A point of the set ``D`` where ``side * p > 0``, given such a point ``x`` of its
    closure and a point ``inside`` of ``D``: on the segment from ``x`` to ``inside``
    (every point but ``x`` lies in ``D``, a convex set), close enough to ``x``."""
    if satisfies(NUMERIC, system, x):
        return x
    c = [Fraction(v) for v in inside]
    t = Fraction(1)
    while True:
        y = [xi + t * (ci - xi) for xi, ci in zip(x, c)]
        if side * form(y) > 0:
            return y
        t /= 2


def _root_between(form: _Form, below: list[Fraction], above: list[Fraction]) -> tuple:
    """The zero of ``p`` on the segment from ``below`` (``p < 0``) to ``above``
    (``p > 0``): ``p`` there is a quadratic in the segment's parameter with one root in
    ``(0, 1)``."""
    d = [a - b for a, b in zip(above, below)]
    q0 = form(below)
    q1 = sum(gi * di for gi, di in zip(form.gradient(below), d))
    q2 = sum(d[i] * form.h[i][j] * d[j] for i in range(form.n) for j in range(form.n)) / 2
    if q2 == 0:
        s = sp.Rational(-q0.numerator * q1.denominator, q0.denominator * q1.numerator)
    else:
        a, b, c = (sp.Rational(v.numerator, v.denominator) for v in (q2, q1, q0))
        disc = sp.sqrt(b * b - 4 * a * c)
        s = next(r for r in ((-b + disc) / (2 * a), (-b - disc) / (2 * a))
                 if algebraic_sign(r) > 0 and algebraic_sign(1 - r) > 0)
    return tuple(sp.expand(sp.Rational(b0.numerator, b0.denominator)
                           + s * sp.Rational(di.numerator, di.denominator))
                 for b0, di in zip(below, d))


def _sympy(x: Sequence[Fraction]) -> tuple:
    return tuple(sp.Rational(Fraction(v).numerator, Fraction(v).denominator) for v in x)
