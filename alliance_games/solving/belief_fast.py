"""The fast exact backend of :mod:`.belief_engine` for two-type belief-dependent games.

The algorithm is :mod:`.belief_engine`'s; this module supplies its fast representation:

* payoffs are piecewise polynomials in ``x = mu(first type)`` on ``[0, 1]`` with
  rational breakpoints (:class:`PW`; ``Min``/``Max`` of polynomials become pieces);
* numbers are rationals, quadratic irrationals and, where posteriors from two fields
  meet in one linear system, sums of their square roots (:mod:`.quadratic`), so the
  roots of the (at most quadratic) conditions are exact and every sign is exact;
* sets of posteriors are sorted lists of intervals (:class:`ISet`), not sympy Sets.

Sympy objects are built only when the equilibria are assembled.  Whenever a number
or condition falls outside these types (a cubic, a quadratic condition with irrational
coefficients, an irrational kink, a system of several unknown posteriors)
:class:`~.quadratic.OutsideFastType` is raised and the caller solves that pattern (or the
game) with the sympy backend of :mod:`.belief_payoffs` instead.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from functools import cmp_to_key
from typing import Any

import sympy as sp

from ..equilibrium import Equilibrium, SolveResult
from ..game import SignallingGame
from .belief_engine import METHOD, solve_patterns
from .belief_tables import BeliefBackend, BeliefGame, BeliefSolution, belief_game
from .elimination import linsolve
from .quadratic import (
    QUAD,
    MQuad,
    OutsideFastType,
    Quad,
    TracedBase,
    qcmp,
    qeq,
    qsign,
    qzero,
    rational_between,
    sqrt_of,
    to_sympy,
)

ZERO, ONE = Fraction(0), Fraction(1)
_key = cmp_to_key(qcmp)


# ------------------------------------------------------------------ polynomials
def _trim(p: tuple) -> tuple:
    p = list(p)
    while p and qzero(p[-1]):  # only whether it vanishes, not its sign
        p.pop()
    return tuple(p)


def _padd(p, q):
    n = max(len(p), len(q))
    return _trim(tuple((p[i] if i < len(p) else ZERO) + (q[i] if i < len(q) else ZERO)
                       for i in range(n)))


def _pneg(p):
    return tuple(-c for c in p)


def _pmul(p, q):
    if not p or not q:
        return ()
    out = [ZERO] * (len(p) + len(q) - 1)
    for i, a in enumerate(p):
        for j, b in enumerate(q):
            out[i + j] = out[i + j] + a * b
    return _trim(tuple(out))


def _peval(p, x):
    if not p:
        return ZERO
    acc = p[-1]  # Horner from the leading coefficient (no product with a zero first)
    for i in range(len(p) - 2, -1, -1):
        acc = acc * x + p[i]
    return acc


def _pderiv(p):
    return _trim(tuple(c * i for i, c in enumerate(p) if i))


def _proots(p) -> list:
    """The real roots of a polynomial (degree <= 2), ascending."""
    if len(p) <= 1:
        return []
    if len(p) == 2:
        if not all(isinstance(c, (Fraction, Quad, MQuad, TracedBase)) for c in p):
            raise OutsideFastType("a condition with general algebraic coefficients")
        return [-p[0] / p[1]]
    if len(p) > 3 or not all(isinstance(c, (Fraction, TracedBase)) for c in p):
        raise OutsideFastType("a condition beyond quadratics with rational coefficients")
    c, b, a = p
    disc = b * b - 4 * a * c
    if disc < 0:
        return []
    if disc == 0:
        return [-b / (2 * a)]
    r = sqrt_of(disc)
    roots = [(-b - r) / (2 * a), (-b + r) / (2 * a)]
    return sorted(roots, key=_key)


# ------------------------------------------------------------------ piecewise functions
@dataclass(frozen=True)
class PW:
    """A continuous piecewise polynomial on ``[0, 1]``: ``polys[i]`` on
    ``[breaks[i], breaks[i+1]]`` (coefficients from the constant term up)."""

    breaks: tuple
    polys: tuple

    @staticmethod
    def const(c: Fraction | int | Quad | MQuad | TracedBase) -> PW:
        """The constant function ``c`` on ``[0, 1]`` (one piece; zero is the empty
        polynomial ``()``).

        Examples
        --------
        >>> PW.const(Fraction(1, 2))
        PW(breaks=(Fraction(0, 1), Fraction(1, 1)), polys=((Fraction(1, 2),),))
        """
        return PW((ZERO, ONE), (_trim((c,)),))

    def is_const(self) -> bool:
        """Whether the function is constant: one piece, of degree at most 0.

        Examples
        --------
        >>> PW.const(Fraction(1, 2)).is_const(), X_PW.is_const(), (X_PW * 0).is_const()
        (True, False, True)
        """
        return len(self.polys) == 1 and len(self.polys[0]) <= 1

    def __call__(self, x):
        for i, p in enumerate(self.polys):
            if i == len(self.polys) - 1 or qcmp(x, self.breaks[i + 1]) <= 0:
                return _peval(p, x)
        raise AssertionError("unreachable")

    def _common(self, other: PW):
        if self.breaks == other.breaks:
            return self.breaks, self.polys, other.polys
        # one polynomial on all of [0, 1] (a constant, an affine payoff): on the other's
        # pieces as they are (their breaks are already the sorted union)
        if len(other.polys) == 1:
            return self.breaks, self.polys, other.polys * len(self.polys)
        if len(self.polys) == 1:
            return other.breaks, self.polys * len(other.polys), other.polys
        br = sorted(set(self.breaks) | set(other.breaks))
        return tuple(br), self._on(br), other._on(br)

    def _on(self, br):
        out, i = [], 0
        for k in range(len(br) - 1):
            while self.breaks[i + 1] < br[k + 1]:
                i += 1
            out.append(self.polys[i])
        return tuple(out)

    def _combine(self, other: PW, op) -> PW:
        if not isinstance(other, PW):
            other = PW.const(other)
        br, p, q = self._common(other)
        return _merged(br, [op(a, b) for a, b in zip(p, q)])

    def __add__(self, other):
        return self._combine(other, _padd)

    __radd__ = __add__

    def __sub__(self, other):
        return self._combine(other, lambda a, b: _padd(a, _pneg(b)))

    def __rsub__(self, other):
        return PW.const(other) - self

    def __neg__(self):
        return PW(self.breaks, tuple(_pneg(p) for p in self.polys))

    def __mul__(self, other):
        return self._combine(other, _pmul)

    __rmul__ = __mul__

    def extreme(self, other: PW, larger: bool) -> PW:
        """``Max(self, other)`` (``larger``) or ``Min``."""
        br, p, q = self._common(other)
        nb, npol = [br[0]], []
        for k in range(len(br) - 1):
            lo, hi = br[k], br[k + 1]
            h = _padd(p[k], _pneg(q[k]))
            cuts = [r for r in _proots(h) if qcmp(r, lo) > 0 and qcmp(r, hi) < 0]
            if any(not isinstance(r.value if isinstance(r, TracedBase) else r, Fraction)
                   for r in cuts):
                raise OutsideFastType("an irrational kink")
            pts = [lo] + cuts + [hi]
            for a, b in zip(pts, pts[1:]):
                s = qsign(_peval(h, (a + b) / 2))
                npol.append(p[k] if (s >= 0) == larger or s == 0 else q[k])
                nb.append(b)
        return _merged(tuple(nb), npol)


def _merged(br, polys) -> PW:
    nb, npol = [br[0]], []
    for b, p in zip(br[1:], polys):
        if npol and npol[-1] == p:
            nb[-1] = b
        else:
            npol.append(p)
            nb.append(b)
    return PW(tuple(nb), tuple(npol))


X_PW = PW((ZERO, ONE), ((ZERO, ONE),))


def _affine(expr, mu0, mu1) -> tuple | None:
    """``(a, b)`` with ``expr = a + b*x`` (``x = mu0 = 1 - mu1``) when ``expr`` is a sum of
    rationals and rational multiples of ``mu0``, ``mu1``; None for any other shape."""
    a = b = ZERO
    for term in expr.args:
        if term.is_Rational:
            a += Fraction(int(term.p), int(term.q))
            continue
        c, sym = ONE, term
        if term.is_Mul and len(term.args) == 2 and term.args[0].is_Rational:
            c, sym = Fraction(int(term.args[0].p), int(term.args[0].q)), term.args[1]
        if sym == mu0:
            b += c
        elif sym == mu1:
            a, b = a + c, b - c
        else:
            return None
    return a, b


def to_pw(expr: sp.Expr, mu0: sp.Symbol, mu1: sp.Symbol, cache: dict,
          const: Callable[[sp.Expr], Any] | None = None) -> PW:
    """A sympy payoff (rational numbers, the two belief symbols, +, *, integer powers,
    Min, Max) as a :class:`PW` in ``x = mu0 = 1 - mu1``.  ``const``, when given, converts
    the parts free of the beliefs (e.g. terms in a parameter) into numbers.

    Examples
    --------
    >>> mu0, mu1 = sp.symbols("mu_L mu_H")
    >>> to_pw(sp.Min(mu0, mu1), mu0, mu1, {}).breaks
    (Fraction(0, 1), Fraction(1, 2), Fraction(1, 1))
    """
    hit = cache.get(expr)
    if hit is not None:
        return hit
    if const is not None and not expr.has(mu0, mu1):
        out = PW.const(const(expr))
        cache[expr] = out
        return out
    if expr.is_Add:  # the common affine payoff c0 + c1*mu: no piecewise arithmetic
        lin = _affine(expr, mu0, mu1)
        if lin is not None:
            out = PW((ZERO, ONE), (_trim(lin),))
            cache[expr] = out
            return out
    if expr.is_Rational:
        out = PW.const(Fraction(int(expr.p), int(expr.q)))
    elif expr == mu0:
        out = X_PW
    elif expr == mu1:
        out = 1 - X_PW
    elif expr.is_Add or expr.is_Mul:
        parts = [to_pw(a, mu0, mu1, cache, const) for a in expr.args]
        out = parts[0]
        for q in parts[1:]:
            out = out + q if expr.is_Add else out * q
    elif expr.is_Pow and expr.exp.is_Integer and expr.exp >= 0:
        base = to_pw(expr.base, mu0, mu1, cache, const)
        out = PW.const(ONE)
        for _ in range(int(expr.exp)):
            out = out * base
    elif isinstance(expr, (sp.Min, sp.Max)):
        parts = [to_pw(a, mu0, mu1, cache, const) for a in expr.args]
        out = parts[0]
        for q in parts[1:]:
            out = out.extreme(q, isinstance(expr, sp.Max))
    else:
        raise OutsideFastType("payoff term {} is not piecewise polynomial", expr)
    cache[expr] = out
    return out


# ------------------------------------------------------------------ sets of posteriors
@dataclass(frozen=True)
class ISet:
    """A finite union of disjoint intervals ``(lo, hi, lo_closed, hi_closed)``, sorted
    (a point is ``(p, p, True, True)``)."""

    parts: tuple = ()

    @property
    def empty(self) -> bool:
        """Whether the set is empty (has no pieces)."""
        return not self.parts

    def contains(self, x: Fraction | int | Quad | MQuad | TracedBase) -> bool:
        """Whether the posterior ``x`` lies in the set, its ends compared exactly
        (:func:`qcmp`).

        Examples
        --------
        >>> a = open_interval(Fraction(1, 3), ONE) | point_set(ZERO)
        >>> a.contains(Fraction(1, 2)), a.contains(Fraction(1, 3)), a.contains(ZERO)
        (True, False, True)
        """
        for lo, hi, lc, hc in self.parts:
            a, b = qcmp(x, lo), qcmp(x, hi)
            if (a > 0 or (a == 0 and lc)) and (b < 0 or (b == 0 and hc)):
                return True
        return False

    def __and__(self, other: ISet) -> ISet:
        out = []
        for lo1, hi1, lc1, hc1 in self.parts:
            for lo2, hi2, lc2, hc2 in other.parts:
                c = qcmp(lo1, lo2)
                lo, lc = (lo1, lc1) if c > 0 else (lo2, lc2) if c < 0 else (lo1, lc1 and lc2)
                c = qcmp(hi1, hi2)
                hi, hc = (hi1, hc1) if c < 0 else (hi2, hc2) if c > 0 else (hi1, hc1 and hc2)
                c = qcmp(lo, hi)
                if c < 0 or (c == 0 and lc and hc):
                    out.append((lo, hi, lc, hc))
        return _normal(out)

    def __or__(self, other: ISet) -> ISet:
        return _normal(list(self.parts) + list(other.parts))

    def __sub__(self, other: ISet) -> ISet:
        gaps, start, sc = [], ZERO, True  # complement of other in [0, 1]
        for lo, hi, lc, hc in other.parts:
            c = qcmp(start, lo)
            if c < 0 or (c == 0 and sc and not lc):
                gaps.append((start, lo, sc, not lc))
            start, sc = hi, not hc
        c = qcmp(start, ONE)
        if c < 0 or (c == 0 and sc):
            gaps.append((start, ONE, sc, True))
        return self & ISet(tuple(gaps))

    def same(self, other: ISet) -> bool:
        """Whether the two sets are equal: the same pieces (each set is in normal form,
        its maximal intervals sorted), their ends compared exactly (:func:`qcmp`).

        Examples
        --------
        >>> half = Fraction(1, 2)
        >>> a = ISet(((ZERO, half, True, False),)) | point_set(half)
        >>> a.same(ISet(((ZERO, Fraction(2, 4), True, True),))), a.same(UNIT)
        (True, False)
        """
        return len(self.parts) == len(other.parts) and all(
            (lc, hc) == (lc2, hc2) and qcmp(lo, lo2) == 0 and qcmp(hi, hi2) == 0
            for (lo, hi, lc, hc), (lo2, hi2, lc2, hc2) in zip(self.parts, other.parts))

    def points(self) -> list | None:
        """The points of a finite set (sorted), or None."""
        if all(lo is hi or qeq(lo, hi) for lo, hi, _, _ in self.parts):
            return [p[0] for p in self.parts]
        return None

    @property
    def inf(self) -> Fraction | Quad | MQuad | TracedBase:
        """The infimum: the lower end of the first piece (IndexError for the empty set)."""
        return self.parts[0][0]

    @property
    def sup(self) -> Fraction | Quad | MQuad | TracedBase:
        """The supremum: the upper end of the last piece (IndexError for the empty set)."""
        return self.parts[-1][1]

    def sympy_args(self) -> list:
        """The pieces in the order of sympy's ``Union.args``: intervals, and one group
        of isolated points, ordered by their infimum (rationals first in a group)."""
        pts = [p[0] for p in self.parts if qcmp(p[0], p[1]) == 0]
        ivs = [("I", p) for p in self.parts if qcmp(p[0], p[1]) != 0]
        items = list(ivs)
        if pts:
            group = sorted([p for p in pts if isinstance(p, Fraction)], key=_key) + \
                sorted([p for p in pts if not isinstance(p, Fraction)], key=_key)
            items.append(("F", group, min(pts, key=_key)))
        return sorted(items, key=cmp_to_key(lambda a, b: qcmp(
            a[1][0] if a[0] == "I" else a[2], b[1][0] if b[0] == "I" else b[2])))

    def to_sympy(self) -> sp.Set:
        """The set as a sympy ``Set``: its intervals and a ``FiniteSet`` of its isolated
        points, joined in a ``Union`` (``EmptySet`` for no pieces).

        Examples
        --------
        >>> (open_interval(Fraction(1, 3), ONE) | point_set(ZERO)).to_sympy()
        Union({0}, Interval.open(1/3, 1))
        """
        pieces = []
        pts = []
        for lo, hi, lc, hc in self.parts:
            if qcmp(lo, hi) == 0:
                pts.append(to_sympy(lo))
            else:
                pieces.append(sp.Interval(to_sympy(lo), to_sympy(hi), not lc, not hc))
        if pts:
            pieces.append(sp.FiniteSet(*pts))
        if not pieces:
            return sp.S.EmptySet
        return sp.Union(*pieces) if len(pieces) > 1 else pieces[0]


def _normal(parts: list) -> ISet:
    if len(parts) <= 1:
        return ISet(tuple(parts))
    parts.sort(key=cmp_to_key(lambda a, b: qcmp(a[0], b[0]) or (b[2] - a[2])))
    out = [list(parts[0])]
    for lo, hi, lc, hc in parts[1:]:
        cur = out[-1]
        c = qcmp(lo, cur[1])
        if c < 0 or (c == 0 and (lc or cur[3])):
            d = qcmp(hi, cur[1])
            if d > 0:
                cur[1], cur[3] = hi, hc
            elif d == 0:
                cur[3] = cur[3] or hc
        else:
            out.append([lo, hi, lc, hc])
    return ISet(tuple(tuple(p) for p in out))


UNIT = ISet(((ZERO, ONE, True, True),))
EMPTY = ISet()


def point_set(*pts: Fraction | Quad | MQuad | TracedBase) -> ISet:
    """The finite set of the given posteriors.

    Examples
    --------
    >>> point_set(Fraction(1, 2), Fraction(0)).points()
    [Fraction(0, 1), Fraction(1, 2)]
    """
    return _normal([(p, p, True, True) for p in pts])


def open_interval(lo: Fraction | Quad | MQuad | TracedBase,
                  hi: Fraction | Quad | MQuad | TracedBase) -> ISet:
    """The open interval ``(lo, hi)`` (empty unless ``lo < hi``).

    Examples
    --------
    >>> open_interval(Fraction(1, 3), ONE).contains(ONE), open_interval(ONE, ONE).empty
    (False, True)
    """
    return ISet(((lo, hi, False, False),)) if qcmp(lo, hi) < 0 else EMPTY


def solve_rel(f: PW, kind: str) -> ISet:
    """The posteriors in ``[0, 1]`` with ``f >= 0`` (``kind="ge"``) or ``f == 0``.

    Examples
    --------
    >>> solve_rel(X_PW * X_PW - Fraction(1, 4), "eq").points()
    [Fraction(1, 2)]
    """
    return _chart_set(_sign_chart(f, kind == "ge"), 1 if kind == "ge" else 0)


def sign_sets(f: PW) -> tuple[ISet, ISet, ISet]:
    """``({f >= 0}, {f <= 0}, {f == 0})`` in ``[0, 1]`` from one pass over ``f`` (its
    roots and signs found once): the same sets as ``solve_rel(f, "ge")``,
    ``solve_rel(-f, "ge")`` and ``solve_rel(f, "eq")``.

    Examples
    --------
    >>> ge, le, eq = sign_sets(X_PW - Fraction(1, 2))
    >>> ge.inf, le.sup, eq.points()
    (Fraction(1, 2), Fraction(1, 2), [Fraction(1, 2)])
    """
    chart = _sign_chart(f, True)
    return _chart_set(chart, 1), _chart_set(chart, -1), _chart_set(chart, 0)


def _sign_chart(f: PW, gaps: bool) -> list:
    """Per piece of ``f``: ``(lo, hi, None, None, None)`` where it vanishes,
    ``(lo, hi, sign, None, None)`` where it is a nonzero constant, else ``(lo, hi, points,
    signs, gap signs)``: the piece's ends and its roots inside (ascending), ``f``'s sign
    at each (exact: the inner points are exact roots, signed 0 without evaluation) and,
    with ``gaps``, its sign between consecutive points (at a rational sample: ``f`` has
    no root there)."""
    out = []
    for k, p in enumerate(f.polys):
        lo, hi = f.breaks[k], f.breaks[k + 1]
        if not p:
            out.append((lo, hi, None, None, None))
            continue
        if len(p) == 1:
            out.append((lo, hi, qsign(p[0]), None, None))
            continue
        pts = [lo] + [r for r in _proots(p) if qcmp(r, lo) > 0 and qcmp(r, hi) < 0] + [hi]
        signs = [qsign(_peval(p, b)) if i in (0, len(pts) - 1) else 0
                 for i, b in enumerate(pts)]
        between = [qsign(_peval(p, rational_between(b, c))) for b, c in zip(pts, pts[1:])
                   ] if gaps else None
        out.append((lo, hi, pts, signs, between))
    return out


def _chart_set(chart: list, want: int) -> ISet:
    """The set where ``want * f >= 0`` (``want`` 1 or -1) or ``f == 0`` (``want`` 0)."""
    out = []
    for lo, hi, pts, signs, between in chart:
        if pts is None:  # f vanishes on the piece
            out.append((lo, hi, True, True))
            continue
        if signs is None:  # a nonzero constant (pts is its sign)
            if want and pts * want >= 0:
                out.append((lo, hi, True, True))
            continue
        for i, b in enumerate(pts):
            s = signs[i]
            if s == 0 or s * want > 0:
                out.append((b, b, True, True))
            if want and i + 1 < len(pts) and between[i] * want > 0:
                out.append((b, pts[i + 1], False, False))
    return _normal(out)


def solve_ge(f: PW | Fraction | Quad | MQuad | TracedBase) -> ISet:
    """The posteriors in ``[0, 1]`` with ``f >= 0`` (``f`` a :class:`PW` or a number).

    Examples
    --------
    >>> solve_ge(ONE - 2 * X_PW) == ISet(((ZERO, Fraction(1, 2), True, True),))
    True
    """
    if not isinstance(f, PW):
        return UNIT if qsign(f) >= 0 else EMPTY
    return solve_rel(f, "ge")


# ------------------------------------------------------------------ the backend
def _pw_roots(f: PW) -> list:
    """The roots of ``f`` in ``[0, 1]``, ascending (a root at a kink once)."""
    out: list = []
    for k, p in enumerate(f.polys):
        if not p:
            raise OutsideFastType("an indifference equation that vanishes on an interval")
        lo, hi = f.breaks[k], f.breaks[k + 1]
        for r in _proots(p):
            if qcmp(r, lo) >= 0 and qcmp(r, hi) <= 0 and not (out and qeq(out[-1], r)):
                out.append(r)
    return out


def _pair_roots(unknown, eqs) -> list:
    """Common roots of equations ``sum f_i(x_{m_i}) + c = 0`` in two unknowns, each
    piecewise linear (cells of the two break lists)."""
    mx, my = unknown
    bx = sorted({b for terms, _ in eqs for m, f in terms if m == mx for b in f.breaks}
                or {ZERO, ONE})
    by = sorted({b for terms, _ in eqs for m, f in terms if m == my for b in f.breaks}
                or {ZERO, ONE})
    out = []
    for i in range(len(bx) - 1):
        for j in range(len(by) - 1):
            rows = []
            for terms, const in eqs:
                cx = cy = ZERO
                c0 = const
                for m, f in terms:
                    k = f._on([bx[i], bx[i + 1]] if m == mx else [by[j], by[j + 1]])[0]
                    if len(k) > 2:
                        raise OutsideFastType("a non-linear system in two posteriors")
                    c0 = c0 + (k[0] if k else ZERO)
                    lin = k[1] if len(k) > 1 else ZERO
                    if m == mx:
                        cx = cx + lin
                    else:
                        cy = cy + lin
                rows.append(((cx, cy), -c0))
            sol = linsolve(QUAD, 2, rows)
            if sol is None:
                continue
            if sol == "free":
                raise OutsideFastType("a continuum of posterior pairs")
            x, y = sol
            if qcmp(x, bx[i]) >= 0 and qcmp(x, bx[i + 1]) <= 0 and qcmp(y, by[j]) >= 0 \
                    and qcmp(y, by[j + 1]) <= 0:
                if not any(qcmp(x, p[mx]) == 0 and qcmp(y, p[my]) == 0 for p in out):
                    out.append({mx: x, my: y})
    return out


def _sum_sympy(terms: list) -> sp.Expr:
    """The exact sum of fast numbers as a sympy number."""
    acc = ZERO
    for w in terms:
        acc = acc + w
    return to_sympy(acc)


def _midpoint(lo, hi):
    return (lo + hi) / 2


def _at(f, x):
    return f(x) if isinstance(f, PW) else f


def _is_const(f) -> bool:
    return not isinstance(f, PW) or f.is_const()


def _solve_rel(f, kind: str) -> ISet:
    if isinstance(f, PW):
        return solve_rel(f, kind)
    s = qsign(f)
    return UNIT if (s >= 0 if kind == "ge" else s == 0) else EMPTY


def _pieces(region: ISet) -> list:
    return [("I", item[1][0], item[1][1]) if item[0] == "I" else ("F", item[1])
            for item in region.sympy_args()]


def _critical_points(f, region: ISet) -> list:
    """Where a continuous piecewise polynomial takes its max and min over the closure of
    a set: ends of intervals, isolated points, kinks and stationary points inside."""
    pts = []
    for lo, hi, _, _ in region.parts:
        pts.append(lo)
        if qeq(lo, hi):
            continue
        pts.append(hi)
        if _is_const(f):
            continue
        for k, p in enumerate(f.polys):
            a, b = f.breaks[k], f.breaks[k + 1]
            inside = [r for r in _proots(_pderiv(p)) if qcmp(r, a) >= 0 and qcmp(r, b) <= 0]
            inside += [a, b]
            pts += [r for r in inside if qcmp(r, lo) > 0 and qcmp(r, hi) < 0]
    return pts


def _linear_on(f, lo, hi) -> tuple | None:
    """``(c0, c1)`` with ``f(x) = c0 + c1 x`` on ``[lo, hi]`` (``lo < hi``), or None
    when ``f`` is not one polynomial of degree at most 1 there.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> f = X_PW.extreme(PW.const(F(1, 2)), True)  # max(x, 1/2)
    >>> _linear_on(f, F(0), F(1, 2)), _linear_on(f, F(1, 2), F(1)), _linear_on(f, F(0), F(1))
    ((Fraction(1, 2), Fraction(0, 1)), (Fraction(0, 1), Fraction(1, 1)), None)
    """
    if not isinstance(f, PW):
        return f, ZERO
    polys = [p for k, p in enumerate(f.polys)
             if qcmp(f.breaks[k], hi) < 0 and qcmp(f.breaks[k + 1], lo) > 0]
    if len(polys) != 1:  # (equal neighbouring pieces are merged: these differ)
        return None
    (p,) = polys
    if len(p) > 2:
        return None
    return (p[0] if p else ZERO), (p[1] if len(p) == 2 else ZERO)


def _posterior_solutions(eqs: list, opt: dict, prior):
    """The unknown posteriors pinned by indifference equations (one or two unknowns),
    each ``(posteriors, False)``: isolated solutions (a continuum of them raises
    :class:`~.quadratic.OutsideFastType`)."""
    unknown = list(opt)
    if len(unknown) == 1:
        (mu,) = unknown
        funcs = [terms[0][1] + const for terms, const in eqs]
        for r in _pw_roots(funcs[0]):
            if all(qzero(f(r)) for f in funcs[1:]) and opt[mu].contains(r):
                yield {mu: r}, False
        return
    if len(unknown) == 2:
        for sol in _pair_roots(unknown, eqs):
            if all(opt[m].contains(sol[m]) for m in unknown):
                yield sol, False
        return
    raise OutsideFastType("more than two unknown posteriors pinned together")


def _compose(f, g):
    """``f(g(x))`` for a polynomial ``f`` (one piece) and a piecewise polynomial ``g``;
    :class:`~.quadratic.OutsideFastType` when ``f`` has several pieces."""
    if not isinstance(f, PW):
        return f
    if len(f.polys) != 1:
        raise OutsideFastType("a composition with a piecewise function")
    coeffs = f.polys[0] or (ZERO,)
    acc = PW.const(coeffs[-1])
    for c in reversed(coeffs[:-1]):
        acc = acc * g + c
    return acc


#: The fast exact representation for :mod:`.belief_engine`: numbers are Fractions or
#: :class:`~.quadratic.Quad`, functions of the belief :class:`PW`, sets :class:`ISet`;
#: :class:`~.quadratic.OutsideFastType` when a number leaves its field.
FAST = BeliefBackend(
    zero=ZERO, one=ONE, x=X_PW, unit=UNIT, lp=QUAD, rational=Fraction, sign=qsign, cmp=qcmp,
    simplify=QUAD.simplify, midpoint=_midpoint, to_sympy=to_sympy, value_to_sympy=to_sympy,
    total=_sum_sympy, at=_at, is_const=_is_const,
    const_value=lambda f: f(ZERO) if isinstance(f, PW) else f,
    solve_rel=_solve_rel, is_empty=lambda s: not s.parts, contains=ISet.contains,
    points=ISet.points, pieces=_pieces, inf=lambda s: s.inf, sup=lambda s: s.sup,
    intersect=ISet.__and__, minus=ISet.__sub__, open_interval=open_interval,
    point_set=point_set, set_to_sympy=ISet.to_sympy, critical_points=_critical_points,
    posterior_solutions=_posterior_solutions,
    linear_solve=lambda n, rows: linsolve(FAST, n, rows),
    sign_sets=lambda f: sign_sets(f) if isinstance(f, PW) else None, compose=_compose,
    linear_on=_linear_on, traced=True)


def fast_game(game: SignallingGame,
              const: Callable[[sp.Expr], Any] | None = None) -> BeliefGame:
    """The game's payoffs as piecewise polynomials in the fast representation.

    Raises :class:`~.quadratic.OutsideFastType` when a payoff is not piecewise
    polynomial with rational breakpoints or the prior is irrational.  ``const``, when
    given, converts the prior and the parts of payoffs free of the beliefs into numbers
    (e.g. :meth:`.traced.Tracer.convert` for a game with a parameter).

    Examples
    --------
    >>> from alliance_games import SignallingGame, belief
    >>> g = SignallingGame.from_arrays(
    ...     ["1/3", "2/3"], [[[0, 1], [0, 1]], [[1, 0], [1, 0]]],
    ...     [[[1, 0], [1, 0]], [[0, belief("H")], [0, 1]]], types=["L", "H"])
    >>> fast_game(g).v[1][0][1]  # mu_H = 1 - x
    PW(breaks=(Fraction(0, 1), Fraction(1, 1)), polys=((Fraction(1, 1), Fraction(-1, 1)),))
    """
    mu0, mu1 = game.belief_symbols
    cache: dict = {}
    prior = []
    for p in game.prior:
        if const is not None:
            prior.append(const(p))
            continue
        if not p.is_Rational:
            raise OutsideFastType("an irrational prior")
        prior.append(Fraction(int(p.p), int(p.q)))
    return belief_game(game, FAST, lambda e: to_pw(e, mu0, mu1, cache, const), prior)


FastGame = BeliefGame  # the game of the fast path is the engine's game over FAST


def solve_fast(game: SignallingGame, *, pure: bool = False, refine: bool = True,
               method: str = METHOD,
               fallback: Callable[[tuple, tuple], list[Equilibrium]] | None = None,
               split: Callable[[BeliefGame, BeliefSolution], list | None] | None = None
               ) -> SolveResult:
    """All PBE of a two-type belief-dependent game on the fast exact path.

    ``fallback(S, B)`` solves one support pattern on the general path (returning its
    equilibria) when a number outside the fast types occurs in that pattern;
    without it, and when the payoffs themselves are outside the fast types,
    :class:`~.quadratic.OutsideFastType` is raised.
    ``split`` divides continua by their members' verdicts (see
    :func:`.belief_engine.solve_patterns`).

    Examples
    --------
    >>> from alliance_games.alliance.model import alliance_game
    >>> [eq.label for eq in solve_fast(alliance_game())]
    ['L:no_cs H:no_cs | no_cs:I cs:M', 'L:no_cs H:cs | no_cs:I cs:M']
    """
    return solve_patterns(fast_game(game), pure=pure, refine=refine, method=method,
                          fallback=fallback, split=split)
