"""Exact points of semi-algebraic subsets of the simplex of beliefs.

A set is given by polynomial relations ``p >= 0``, ``p > 0`` or ``p == 0`` (rational
coefficients) in the belief symbols ``mu_1, ..., mu_n``, intersected with the simplex.
:func:`find_point` decides whether it is empty and, if not, returns one exact point in
it (rational when the set has a rational point among the samples, else real algebraic).

The decision is a cylindrical algebraic decomposition (Collins 1975) of the simplex in the
first ``n - 1`` coordinates (the last is ``1 - sum``): for up to three types it is complete
(every cell of the decomposition adapted to the constraints gets a sample point, so a set
with no sample point in it is empty); a set with no point on the rational grid is first
tried by halving the box of the free coordinates until some constraint fails on each
piece (:func:`.bernstein.proves_empty`), which proves most such sets empty in
milliseconds.  For four or more types a set is reduced before it
is decided: a linear equation is solved for one coordinate and substituted (the
projection of the simplex stays in the smaller simplex, and the substituted constraints
cut out the projected set); one quadratic constraint on a polytope is decided by its
extreme values over the faces (:func:`.quadric.quadric_point`); an equation ``a v + b ==
0`` linear in one coordinate ``v`` (``a`` of degree at most 1, for some choice of the
implicit coordinate) is solved for ``v`` where ``a != 0`` (each constraint times an even
power of ``a``) and split off where ``a == 0``; an equation ``a v**2 + b v + c == 0``
quadratic in every coordinate likewise, by the quadratic formula: at either root each
constraint has the sign of ``A + B sqrt(D)``, which the signs of the polynomials ``A``,
``B``, ``D`` and ``A**2 - B**2 D`` in the other coordinates decide, so the set becomes a
Boolean combination of sign conditions there.  With four types each reduction ends in
two coordinates, so these answers are complete; linear sets are an exact linear program;
a constant constraint that fails, linear constraints with no common point, or one
quadratic constraint with no point on the polytope of the linear ones (its extreme
values, as above: a necessary condition, whatever the other constraints) prove
emptiness.  Otherwise a point is looked for on a rational grid and, for inequalities,
near the point where they hold with the largest smallest slack numerically (rounded to
rationals, then checked exactly: floats only propose); when neither has one, the box of
the first ``n - 1`` coordinates is halved until on each piece some constraint fails
everywhere (:func:`.bernstein.proves_empty`: its Bernstein coefficients, exact), which
proves the set empty.  With four types and inequalities only, the set is then split into
its part where every inequality is strict (open: a decomposition sampled on its open
cells, all rational, decides it) and its parts on the faces ``p == 0`` of its
inequalities (an equation, reduced as above), so four types are decided unless an
equation or a face is of degree 3 or more in every coordinate.  Otherwise the answer is
*undecided* -- never "empty" without proof.
For three types :func:`all_points` lists every point of a set that is finite (two of its
equations without a common factor, or every cell of the decomposition in the set a
point), from the same decomposition.
A sign at a sample point with two irrational coordinates that certified interval
arithmetic cannot decide (a zero, in practice: where two curves cross) is decided by
:func:`.plane_signs.vanishes_at`, in rational arithmetic over the field of the first
coordinate.

References
----------
Collins, G. E. (1975), Quantifier elimination for real closed fields by cylindrical
algebraic decomposition, *LNCS* 33, 134-183.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import cmp_to_key
from itertools import combinations

import sympy as sp
from sympy.polys.rings import PolyElement

from .algebraic import (
    algebraic_sign,
    interval_sign,
    root_interval,
)
from .bernstein import proves_empty
from .context import NUMERIC
from .float_guide import deepest_candidates
from .lp import LinearSystem, interior_point
from .plane_signs import FactorSigns, fiber_resultant, minimal_polynomial
from .quadric import quadric_point
from .rationals import rational_between, simplest_in
from .resultants import discriminant, resultant
from .root_isolation import has_root_in_unit_interval, real_roots

__all__ = ["MAX_RADICAL_PRIMES", "Search", "all_points", "cleared_at", "cleared_sum",
           "find_point", "radical_primes", "radical_signs", "rational_polynomial",
           "relation_holds", "signs_on_simplex", "square_roots"]

RELATIONS = (">=", ">", "==")


@dataclass(frozen=True)
class Search:
    """The answer of :func:`find_point`.

    ``point`` is an exact point of the set (a tuple of sympy numbers, one per belief
    symbol) or None; ``decided`` is False when no point was found *and* emptiness could
    not be proved (``reason`` says why).
    """

    point: tuple | None
    decided: bool = True
    reason: str = ""

    @property
    def empty(self) -> bool:
        """True when the set is proved empty."""
        return self.point is None and self.decided


class _Constraint:
    """``poly rel 0`` with a fast exact evaluation at rational points."""

    def __init__(self, poly: sp.Poly, rel: str) -> None:
        self.poly = poly
        self.rel = rel
        self.terms = [(mon, Fraction(int(c.p), int(c.q))) for mon, c in poly.terms()]

    def sign_rational(self, point: Sequence[Fraction]) -> int:
        total = Fraction(0)
        for mon, c in self.terms:
            term = c
            for x, e in zip(point, mon):
                if e:
                    term *= x ** e
            total += term
        return (total > 0) - (total < 0)

    def sign(self, point: Sequence) -> int:
        if all(isinstance(x, Fraction) or sp.sympify(x).is_Rational for x in point):
            return self.sign_rational([Fraction(str(x)) if not isinstance(x, Fraction)
                                       else x for x in point])
        value = self.poly.as_expr().xreplace(dict(zip(self.poly.gens, point)))
        return algebraic_sign(sp.expand(value))

    def holds_rational(self, point: Sequence[Fraction]) -> bool:
        return relation_holds(self.sign_rational(point), self.rel)

    def holds(self, point: Sequence) -> bool:
        return relation_holds(self.sign(point), self.rel)


def relation_holds(value: int | Fraction | sp.Rational, rel: str) -> bool:
    """Whether a number (or a sign) satisfies ``value rel 0``, ``rel`` one of ``">="``,
    ``">"``, ``"=="``.

    Examples
    --------
    >>> relation_holds(0, ">="), relation_holds(0, ">"), relation_holds(-1, "==")
    (True, False, False)
    """
    return bool(value >= 0 if rel == ">=" else value > 0 if rel == ">" else value == 0)



def cleared_at(f: sp.Expr, symbols: Sequence[sp.Symbol], weights: Sequence) -> sp.Expr:
    """``f`` (a polynomial in ``symbols``; its coefficients may hold other symbols) at the
    point ``weights / sum(weights)``, times ``sum(weights) ** deg f``: a polynomial in
    what the weights hold, with the sign of ``f`` at that point where the sum is positive.

    Each term ``c x**e`` becomes ``c w**e * sum**(deg - |e|)``: the substitution cleared
    of its denominator, without a rational-function cancel.  With ``weights = symbols``
    it is ``f`` made homogeneous (equal to ``f`` on the simplex).

    Examples
    --------
    >>> a, b, s = sp.symbols("a b s")
    >>> cleared_at(a * b + 1, (a, b), (a, b))
    a**2 + 3*a*b + b**2
    >>> cleared_at(a - 2 * b, (a, b), (s, 1 - s))  # a Bayes posterior (s, 1 - s)
    3*s - 2
    """
    f = sp.sympify(f)
    if not f.free_symbols & set(symbols):
        return f
    poly = sp.Poly(f, *symbols)
    return sp.expand(cleared_sum(poly.terms(), poly.total_degree(), weights,
                                 sp.Add(*weights), sp.Integer(0)))


def cleared_sum(terms: Sequence[tuple], deg: int, weights: Sequence, total: sp.Expr | PolyElement,
                zero: sp.Expr | PolyElement) -> sp.Expr | PolyElement:
    """``sum c prod_j w_j**e_j total**(deg - |e|)`` over the ``terms`` ``(e, c)`` of a
    polynomial of degree ``deg``: :func:`cleared_at`'s substitution in any arithmetic
    whose elements multiply with rationals (sympy expressions, left unexpanded, or the
    elements of a polynomial ring, ``zero`` its zero: a system built from many such
    terms is several times faster there).

    Examples
    --------
    >>> from sympy.polys.rings import ring
    >>> R, s = ring("s", sp.QQ)
    >>> cleared_sum([((1, 0), sp.Integer(1)), ((0, 0), sp.Integer(-2))], 1, [s, 1 - s],
    ...             R.one, R.zero)  # a - 2 at the posterior (s, 1 - s)
    s - 2
    """
    out = zero
    for e, c in terms:
        term = total ** (deg - sum(e)) * c
        for w, k in zip(weights, e):
            if k:
                term = term * w ** k
        out = out + term
    return out


def signs_on_simplex(p: sp.Expr, symbols: Sequence[sp.Symbol]) -> frozenset:
    """Signs (-1, 0, 1) that the polynomial ``p`` may take on the simplex of ``symbols``:
    a superset, exact for constants and linear ``p``.

    ``p`` made homogeneous of its degree ``D`` by the powers of ``sum(symbols)`` (1 on
    the simplex; :func:`cleared_at`) is at least 0 there when no coefficient is negative,
    and positive when moreover each ``x**D`` has a positive coefficient (some coordinate
    is positive); likewise for at most 0.  A linear form's values are convex combinations
    of its values at the vertices, so for it this is exact.

    Examples
    --------
    >>> a, b, c = sp.symbols("a b c")
    >>> sorted(signs_on_simplex(a + sp.Rational(4, 5), (a, b, c)))
    [1]
    >>> sorted(signs_on_simplex(-c, (a, b, c))), sorted(signs_on_simplex(a - b, (a, b, c)))
    ([-1, 0], [-1, 0, 1])
    >>> sorted(signs_on_simplex(a * b + 1 - a - b - c, (a, b, c)))  # a b on the simplex
    [0, 1]
    >>> sorted(signs_on_simplex(a + b + c - 1, (a, b, c)))
    [0]
    """
    p = sp.expand(sp.sympify(p))
    if p.is_number:
        return frozenset({algebraic_sign(p)})
    hom = sp.Poly(cleared_at(p, symbols, symbols), *symbols, domain="QQ")
    coeffs = {mon: c for mon, c in hom.terms() if c != 0}
    if not coeffs:
        return frozenset({0})  # zero on the simplex (a multiple of sum - 1)
    deg = hom.total_degree()  # homogeneous: every term has p's degree
    pure = [coeffs.get(tuple(deg * (i == j) for j in range(len(symbols))), 0)
            for i in range(len(symbols))]
    if all(c >= 0 for c in coeffs.values()):
        return frozenset({1} if all(c > 0 for c in pure) else {0, 1})
    if all(c <= 0 for c in coeffs.values()):
        return frozenset({-1} if all(c < 0 for c in pure) else {-1, 0})
    return frozenset({-1, 0, 1})


def square_roots(e: sp.Expr) -> set:
    """The square roots of rationals in a sympy expression.

    Examples
    --------
    >>> sorted(square_roots(sp.sqrt(2) * sp.Symbol("a") + 1), key=str)
    [sqrt(2)]
    """
    return {r for r in sp.sympify(e).atoms(sp.Pow) if r.exp == sp.S.Half and r.base.is_Rational}


#: The most primes under the square roots that :func:`radical_signs` takes together
#: (``sqrt(5)``, ``sqrt(13)`` and ``sqrt(65)`` are two): each costs every expression that
#: holds it three polynomials of twice its degree.
MAX_RADICAL_PRIMES = 2


def radical_primes(roots: set) -> list | None:
    """The primes under the square roots ``roots`` when there are several (``sqrt(65)``
    is ``sqrt(5) sqrt(13)``), or ``[root]`` for one root; None when a radicand is not a
    square-free integer.

    Examples
    --------
    >>> radical_primes({sp.sqrt(5), sp.sqrt(65)})
    [5, 13]
    >>> radical_primes({sp.sqrt(33)})
    [sqrt(33)]
    """
    if len(roots) <= 1:
        return list(roots)
    factors = [sp.factorint(r.base) if r.base.is_Integer and r.base > 1 else {}
               for r in roots]
    if not all(f and max(f.values()) == 1 for f in factors):
        return None
    return sorted({q for f in factors for q in f})


def radical_signs(exprs: Sequence[sp.Expr]) -> tuple[list, Callable] | None:
    """Polynomials whose coefficients are sums of rationals times square roots of
    rationals as polynomials with rational coefficients whose signs decide theirs.

    Each ``P = P1 + sqrt(d) P2`` (``P1``, ``P2`` free of ``sqrt(d)``) has the sign of
    ``P1`` where ``P2`` is 0, of ``P2`` where ``P1`` is 0 or both have one sign, and
    otherwise of ``P1`` times that of ``P1**2 - d P2**2`` (``|P1|`` against ``sqrt(d)
    |P2|``).  Where those three keep their signs (a cell of a decomposition adapted to
    them: :func:`find_point`'s ``extra``), so does ``P``: exact.  With one square root
    the three are rational; with several, each is written over the primes under them
    (``sqrt(65) = sqrt(5) sqrt(13)``) and the rule is applied to one prime's root at a
    time, the three in turn split by the next (at most :data:`MAX_RADICAL_PRIMES`).

    Returns
    -------
    tuple or None
        ``(polys, signs_of)``: the rational polynomials, and a function from their signs
        (in order) to the signs of ``exprs``; None when the expressions hold more primes
        under their square roots than that (or another irrational number).

    Examples
    --------
    >>> a = sp.Symbol("a")
    >>> polys, signs_of = radical_signs([a - sp.sqrt(2) / 2, a + 1])
    >>> polys
    [a, -1/2, a**2 - 1/2, a + 1]
    >>> signs_of([1, -1, -1, 1])  # a = 1/2: 1/2 - sqrt(2)/2 < 0
    [-1, 1]

    Two fields at once, ``a - sqrt(5) + sqrt(13) - 1`` (1.37... at ``a = 1``):

    >>> polys, signs_of = radical_signs([a - sp.sqrt(5) + sp.sqrt(13) - 1])
    >>> signs_of([sp.sign(p.subs(a, 1)) for p in polys])
    [1]
    """
    roots = set().union(*(square_roots(e) for e in exprs))
    primes = radical_primes(roots)
    if primes is None or len(primes) > MAX_RADICAL_PRIMES:
        return None
    if len(roots) == 1:
        (root,) = roots
        gens = [(sp.Dummy("z"), root.base)]
        sub = {root: gens[0][0]}
    else:
        gens = [(sp.Dummy(f"z{q}"), q) for q in primes]
        sub = {r: sp.Mul(*[z for z, q in gens if r.base % q == 0]) for r in roots}
    exprs = [sp.expand(sp.sympify(e).xreplace(sub)) for e in exprs]
    if not all(rational_polynomial(e) for e in exprs):
        return None   # another irrational number (pi, a CRootOf, a float)
    return _split_roots(exprs, gens)


def rational_polynomial(e: sp.Expr) -> bool:
    """Whether ``e`` is a polynomial in its symbols with rational coefficients (a
    number: whether it is rational).

    Examples
    --------
    >>> a = sp.Symbol("a")
    >>> rational_polynomial(a ** 2 / 3 - 1), rational_polynomial(sp.sqrt(2) * a)
    (True, False)
    >>> rational_polynomial(sp.CRootOf(a ** 3 - a - 1, 0) + 1), rational_polynomial(1 / a)
    (False, False)
    """
    e = sp.sympify(e)
    if e.is_number:
        return bool(e.is_Rational)
    try:
        poly = sp.Poly(e, *sorted(e.free_symbols, key=str))
    except sp.PolynomialError:
        return False
    return all(c.is_Rational for c in poly.coeffs())


def _split_roots(exprs: list, gens: list) -> tuple[list, Callable]:
    """:func:`radical_signs` over the square roots ``gens`` (``(z, d)``: ``z`` stands
    for ``sqrt(d)``), the last one first."""
    if not gens:
        return exprs, list
    (z, d), rest = gens[-1], gens[:-1]
    parts, shapes = [], []
    for e in exprs:
        if e.has(z):
            e = sp.Poly(e, z).rem(sp.Poly(z ** 2 - d, z)).as_expr()
        p1, p2 = sp.expand(e.coeff(z, 0)), sp.expand(e.coeff(z, 1))
        if p2 == 0:
            shapes.append(1)
            parts.append(p1)
        else:
            shapes.append(3)
            parts += [p1, p2, sp.expand(p1 ** 2 - d * p2 ** 2)]
    polys, inner = _split_roots(parts, rest)

    def signs_of(signs: Sequence[int]) -> list[int]:
        signs, out, i = inner(signs), [], 0
        for k in shapes:
            s1, s2, sn = (signs[i], 0, 0) if k == 1 else signs[i:i + 3]
            i += k
            out.append(s1 if s2 == 0 else s2 if s1 == 0 or s1 == s2 else s1 * sn)
        return out

    return polys, signs_of


def find_point(constraints: Sequence[tuple[sp.Expr, str]], symbols: Sequence[sp.Symbol],
               grid: int = 6, extra: tuple | None = None) -> Search:
    """An exact point of ``{mu in simplex: p rel 0 for each (p, rel)}``, or a proof of
    emptiness.

    Parameters
    ----------
    constraints
        Pairs ``(p, rel)``: ``p`` a polynomial with rational coefficients in ``symbols``,
        ``rel`` one of ``">="``, ``">"``, ``"=="``.
    symbols
        The belief symbols (the simplex: all nonnegative, summing to 1).
    grid
        Rational points with this denominator are tried first (cheap witnesses).
    extra
        Optional ``(polys, accept)``: a point must also satisfy ``accept(signs)``, a
        predicate on the exact signs (-1, 0, 1) of the polynomials ``polys`` there (any
        Boolean combination of sign conditions; the decomposition covers these too).

    Returns
    -------
    Search
        ``point`` (exact, in ``symbols`` order) or None; ``decided`` False when neither a
        point nor a proof of emptiness was found (four types: an equation of degree 3
        or more in every coordinate that nothing else decides; five or more types: none
        of the reductions applies and halving the box proves nothing).

    Examples
    --------
    >>> a, b, c = sp.symbols("a b c")
    >>> find_point([(a - b, "=="), (a * b - sp.Rational(1, 9), ">=")], (a, b, c)).point
    (1/3, 1/3, 1/3)
    >>> find_point([(a * b - sp.Rational(1, 2), ">=")], (a, b, c)).empty
    True
    >>> find_point([(a * a + b * b - sp.Rational(1, 2), "=="), (c - sp.Rational(1, 10), ">=")],
    ...            (a, b, c)).point
    (1/5, sqrt(46)/10, 4/5 - sqrt(46)/10)
    >>> d = sp.Symbol("d")  # four types: a quadric on the simplex that the grid misses
    >>> find_point([(a * a + b * b - c * d - sp.Rational(1, 3), "==")], (a, b, c, d)).point
    (0, -1/3 + 2*sqrt(2)/3, 2/3 - sqrt(2)/3, 2/3 - sqrt(2)/3)
    >>> find_point([(a * b - c * d - 1, ">=")], (a, b, c, d)).empty
    True
    >>> find_point([(a * b * c - d**3, "=="), (-(a + b) * (a + c), ">")],
    ...            (a, b, c, d)).empty  # the quadratic one alone is empty
    True
    >>> find_point([(a * b - sp.Rational(1, 5), ">="), (c * d - sp.Rational(1, 100), ">=")],
    ...            (a, b, c, d)).empty  # a + b >= 0.89 and c + d >= 0.2: by halving
    True
    >>> find_point([(a * b - sp.Rational(1, 16), ">"), (c * d - sp.Rational(1, 16), ">")],
    ...            (a, b, c, d)).empty  # a + b > 1/2 and c + d > 1/2: interior and faces
    True
    """
    symbols = tuple(symbols)
    n = len(symbols)
    free = symbols[:-1]
    last = {symbols[-1]: 1 - sp.Add(*free)} if n else {}
    cons, consts = [], []
    polys, accept = extra if extra is not None else ((), None)
    for p, rel in list(constraints) + [(p, "any") for p in polys]:
        if rel not in RELATIONS + ("any",):
            raise ValueError(f"unknown relation {rel!r}")
        e = sp.expand(sp.sympify(p).xreplace(last))
        if not free or (rel != "any" and e.is_Number):
            # one type (the simplex is a point), or a constant: decided by its sign
            consts.append((algebraic_sign(e), rel))
            continue
        cons.append(_Constraint(sp.Poly(e, *free, domain="QQ"), rel))
    if not all(relation_holds(s, rel) for s, rel in consts if rel != "any"):
        return Search(None)
    if not free:
        ok0 = accept is None or accept([s for s, rel in consts if rel == "any"])
        return Search((sp.Integer(1),) if ok0 else None)
    others = [c for c in cons if c.rel == "any"]
    cons = [c for c in cons if c.rel != "any"]
    cons += _simplex(free)

    def ok(pt, rational: bool = False, sign=None) -> bool:
        if sign is None:
            sign = (lambda c: c.sign_rational(pt)) if rational else (lambda c: c.sign(pt))
        if not all(relation_holds(sign(c), c.rel) for c in cons):
            return False
        return accept is None or accept([sign(c) for c in others])

    def full(pt) -> tuple:
        pt = tuple(sp.Rational(x.numerator, x.denominator) if isinstance(x, Fraction)
                   else sp.sympify(x) for x in pt)
        return pt + (sp.expand(1 - sp.Add(*pt)),)

    for pt in _grid_points(len(free), grid):
        if ok(pt, rational=True):
            return Search(full(pt))
    if accept is None and all(c.poly.total_degree() <= 1 for c in cons):
        pt = _linear_point(cons, len(free))
        return Search(None if pt is None else full(pt))
    if len(free) == 1:
        pt = next((p for p in _samples_1d(cons + others) if ok((p,))), None)
        return Search(None if pt is None else full((pt,)))
    if len(free) == 2:
        if proves_empty([(c.poly.as_expr(), c.rel) for c in cons], free):
            return Search(None)  # most sets left here are empty; this proof is quick
        pt = _cad_2d(cons + others, ok)
        return Search(None if pt is None else full(pt))
    cons = _merged(cons)
    eq = next((c for c in cons if c.rel == "==" and c.poly.total_degree() == 1), None)
    if eq is not None:  # a linear equation: one coordinate fewer
        return _solved_for(eq, cons, others, symbols, grid, accept)
    linear = [c for c in cons if c.poly.total_degree() <= 1]
    nonlinear = [c for c in cons if c.poly.total_degree() > 1]
    if accept is None and len(nonlinear) == 1 and nonlinear[0].poly.total_degree() == 2:
        # one quadratic constraint on a polytope: its extreme values decide
        pt = quadric_point(_linear_system(linear, len(free)), nonlinear[0].poly,
                           nonlinear[0].rel)
        return Search(None if pt is None else full(pt))
    system = _linear_system(linear, len(free))
    if interior_point(NUMERIC, system) is None:
        return Search(None)  # its linear constraints alone have no point
    if any(c.poly.total_degree() == 2 and quadric_point(system, c.poly, c.rel) is None
           for c in nonlinear):
        return Search(None)  # one quadratic constraint alone has no point on the polytope
    for degree in (1, 2):
        for c in nonlinear:
            found = _solved_for(c, cons, others, symbols, grid, accept, degree) \
                if c.rel == "==" else None
            if found is not None:
                return found
    if accept is None and all(c.rel != "==" for c in cons):
        for pt in deepest_candidates([c.poly for c in cons], len(free)):
            if ok(pt, rational=True):
                return Search(full(pt))
    if proves_empty([(c.poly.as_expr(), c.rel) for c in cons], free):
        return Search(None)  # on each piece of the box some constraint fails everywhere
    if accept is None and len(free) == 3 and all(c.rel != "==" for c in cons):
        return _interior_and_faces(cons, symbols, grid)
    return Search(None, False, f"no point on the rational grid of denominator {grid} or "
                  f"near the numerically deepest points, and no proof that there is none "
                  f"by halving the box; the exact decision for {n} types "
                  f"is implemented with a linear equation, one quadratic constraint, an "
                  f"equation of degree 1 or 2 in one coordinate, or (four types) "
                  f"inequalities only")


def _interior_and_faces(cons: list[_Constraint], symbols: tuple, grid: int) -> Search:
    """:func:`find_point` for inequalities in three free coordinates, complete: the set
    is the union of its *interior part*, where every inequality is strict, and of its
    parts on each face ``p == 0`` of a constraint ``p >= 0`` (a point of the set where no
    such ``p`` vanishes has them all strict).  The interior part is open, so
    :func:`_open_point` decides it with rational samples; each face has an equation, which
    :func:`find_point` solves for a coordinate (linear faces always; a nonlinear one when
    it has degree at most 2 in some coordinate), leaving two, decided completely, after
    halving the box has had its chance to prove the face empty (:func:`.bernstein.proves_empty`).
    The answer is undecided only when a face has no such coordinate and is not decided
    otherwise."""
    pt = _open_point(cons)
    if pt is not None:
        pt = tuple(sp.Rational(v.numerator, v.denominator) for v in pt)
        return Search(pt + (sp.expand(1 - sp.Add(*pt)),))
    undecided = []
    for c in cons:
        if c.rel != ">=":
            continue
        face = [(d.poly.as_expr(), d.rel) for d in cons if d is not c]
        face.append((c.poly.as_expr(), "=="))
        if proves_empty(face, c.poly.gens):
            continue  # milliseconds; a nonlinear face's reduction can take minutes
        found = find_point(face, symbols, grid)
        if found.point is not None:
            return found
        if not found.decided:
            undecided.append(found.reason)
    if undecided:
        return Search(None, False, f"no point where every inequality is strict, and a "
                      f"face p == 0 not decided: {undecided[0]}")
    return Search(None)


def _open_point(cons: list[_Constraint]) -> tuple[Fraction, ...] | None:
    """A rational point of the open simplex of ``cons``'s variables (each positive, their
    sum below 1) where every constraint is strictly positive, or None when there is none
    (a proof).

    The set is open, so when it has a point it contains a whole open cell of a
    cylindrical decomposition adapted to the constraints' factors and to the simplex's
    faces (the cells of lower dimension are nowhere dense), and every point of that cell
    is in it (each factor's sign is constant on a cell).  The open cells are sampled
    with rationals only: the projection eliminates the last variable, then the one
    before, keeping of the irreducible factors with that variable their leading
    coefficients, discriminants and pairwise resultants (where none of these vanishes
    the roots in that variable are continuous, distinct and do not cross: Collins
    1975), and the factors without it; a sample is a rational in each gap between the
    real roots in ``[0, 1]`` of the level's factors at the coordinates already chosen,
    variable by variable.  The simplex's faces project to ``0`` and to ``1`` minus the
    coordinates chosen, so the gaps next to the simplex are whole fibres of open cells."""
    gens = cons[0].poly.gens
    faces = [_Constraint(c.poly, "any") for c in _simplex(gens)]
    levels = [_factors(list(cons) + faces)]
    for i in range(len(gens) - 1, 0, -1):
        levels.append(_projection(levels[-1], gens[i], gens[:i]))
    levels.reverse()  # levels[i]: factors in gens[:i + 1]
    last = [max((i for i, g in enumerate(gens) if c.poly.degree(g) > 0), default=0)
            for c in cons]

    def search(prefix: tuple) -> tuple | None:
        i = len(prefix)
        if any(k < i and c.sign_rational(prefix + (0,) * (len(gens) - i)) <= 0
               for c, k in zip(cons, last)):
            return None  # a constraint in the coordinates chosen already fails
        if i == len(gens):
            return prefix
        at = {g: sp.Rational(v.numerator, v.denominator) for g, v in zip(gens, prefix)}
        for v in _rational_gaps([f.as_expr().xreplace(at) for f in levels[i]], gens[i]):
            found = search(prefix + (v,))
            if found is not None:
                return found
        return None

    return search(())


def _rational_gaps(polys: list, x: sp.Symbol) -> list[Fraction]:
    """A rational strictly inside each gap between consecutive real roots in ``[0, 1]``
    of the univariate polynomials ``polys`` (expressions in ``x``; ``0`` and ``1`` count
    as roots), ascending.  No two of them may have a common root (the caller samples
    where their resultants do not vanish).

    Each polynomial's roots are isolated in rational intervals (``Poly.intervals`` of its
    square-free part: no factoring, no root objects), refined until no two intervals
    meet; the simplest rational in the middle half of the space between two of them is
    in the gap."""
    parts = {}
    for p in polys:
        p = sp.Poly(p, x, domain="QQ")
        if p.is_zero or p.degree() <= 0:
            continue
        p = p.sqf_part()
        for end in (0, 1):  # the roots 0 and 1 are ends already
            if p.eval(end) == 0:
                p = p.quo(sp.Poly(x - end, x, domain="QQ"))
        if p.degree() > 0 and p.count_roots(0, 1) > 0:
            parts[p.monic().rep] = p
    eps = None
    while True:
        ends = [(Fraction(int(a.p), int(a.q)), Fraction(int(b.p), int(b.q)))
                for p in parts.values()
                for (a, b), _ in p.intervals(inf=0, sup=1, eps=eps)]
        # equal intervals of two roots stay two, and are refined apart
        ends = sorted(ends + [(Fraction(0), Fraction(0)), (Fraction(1), Fraction(1))])
        if all(b < a for (_, b), (a, _) in zip(ends, ends[1:])):
            break
        eps = sp.Rational(1, 16) if eps is None else eps / 16
        if eps < sp.Rational(1, 2**400):
            raise ArithmeticError("roots that do not separate: two polynomials share one")
    return [simplest_in(b + (a - b) / 4, a - (a - b) / 4)
            for (_, b), (a, _) in zip(ends, ends[1:])]


def _projection(factors: list[sp.Poly], v: sp.Symbol, gens: tuple) -> list[sp.Poly]:
    """The irreducible factors, in ``gens``, of the leading coefficients and
    discriminants in ``v`` of ``factors`` (irreducible, distinct) with ``v`` in them, of
    their pairwise resultants in ``v``, and the factors free of ``v``."""
    inv = [f.as_expr() for f in factors if f.degree(v) > 0]
    out = [f.as_expr() for f in factors if f.degree(v) <= 0]
    for e in inv:
        q = sp.Poly(e, v)
        out.append(q.LC())
        if q.degree() > 1:
            out.append(discriminant(e, v))
    out += [resultant(e, d, v) for e, d in combinations(inv, 2)]
    return _factors([_Constraint(sp.Poly(e, *gens, domain="QQ"), "any") for e in out])


def all_points(constraints: Sequence[tuple[sp.Expr, str]], symbols: Sequence[sp.Symbol]
               ) -> list[tuple] | None:
    """Every point of ``{mu in simplex: p rel 0 for each (p, rel)}`` when the set is
    finite, else None; three types (two free coordinates) only.

    The set is a union of cells of the decomposition adapted to the constraints
    (:func:`find_point`'s), each with one sample point.  When two of its equations
    (``rel == "=="``) have no common factor (two coprime curves meet in finitely many
    points) every cell in it is a point, so the sample points where the constraints hold
    are exactly its points.  Otherwise (one equation, say, whose curve meets the simplex
    and the inequalities in points only) the set is finite iff each cell where the
    constraints hold is a point (a root in ``x``, and a root of its fiber in ``y``): a
    cell of dimension 1 or 2 in it is a segment of points, and the answer is None.

    Examples
    --------
    >>> a, b, c = sp.symbols("a b c")
    >>> all_points([(a - b, "=="), ((2 * a - 1) * b, "==")], (a, b, c))
    [(0, 0, 1), (1/2, 1/2, 0)]
    >>> all_points([(a - b, "=="), (4 * a * b - c, "==")], (a, b, c))
    [(-1/4 + sqrt(5)/4, -1/4 + sqrt(5)/4, 3/2 - sqrt(5)/2)]
    >>> all_points([(a - b, "==")], (a, b, c)) is None  # a segment
    True
    >>> all_points([(3 * a + 2 * b - 3, "==")], (a, b, c))  # the line meets the simplex once
    [(1, 0, 0)]
    """
    symbols = tuple(symbols)
    if len(symbols) != 3:
        return None
    free = symbols[:2]
    last = {symbols[2]: 1 - free[0] - free[1]}
    eqs = [sp.Poly(sp.expand(sp.sympify(e).xreplace(last)), *free, domain="QQ")
           for e, rel in constraints if rel == "=="]
    eqs = [f for f in eqs if f.total_degree() > 0]
    coprime = any(sp.gcd(f, g).total_degree() == 0 for f, g in combinations(eqs, 2))
    cons = [_Constraint(sp.Poly(sp.expand(sp.sympify(e).xreplace(last)), *free, domain="QQ"),
                        rel) for e, rel in constraints]
    cons += _simplex(free)
    for c in cons:
        if c.rel not in RELATIONS:
            raise ValueError(f"unknown relation {c.rel!r}")

    def ok(pt, sign) -> bool:
        return all(relation_holds(sign(c), c.rel) for c in cons)

    points = []
    for x0, y0, dim in _cad_2d_cells(cons, ok):
        if dim > 0 and not coprime:
            return None  # a cell of positive dimension in the set: infinitely many points
        points.append((x0, y0, sp.expand(1 - x0 - y0)))
    return points


def _simplex(free: tuple) -> list[_Constraint]:
    """The simplex in its free coordinates: each ``>= 0``, their sum ``<= 1``."""
    return [_Constraint(sp.Poly(x, *free, domain="QQ"), ">=") for x in free] + [
        _Constraint(sp.Poly(1 - sp.Add(*free), *free, domain="QQ"), ">=")]


def _grid_points(k: int, den: int):
    def rec(prefix: list, left: int):
        if len(prefix) == k:
            yield tuple(Fraction(i, den) for i in prefix)
            return
        for i in range(left + 1):
            yield from rec(prefix + [i], left - i)
    yield from rec([], den)


def _linear_point(cons: list[_Constraint], k: int):
    """Linear constraints: an exact LP (variables are nonnegative already)."""
    pt = interior_point(NUMERIC, _linear_system(cons, k))
    return None if pt is None else tuple(pt)


def _linear_system(cons: list[_Constraint], k: int) -> LinearSystem:
    """Constraints of degree at most 1 as the rows of a linear system."""
    eq, ge, gt = [], [], []
    for c in cons:
        coeffs = [Fraction(0)] * k
        const = Fraction(0)
        for mon, v in c.terms:
            if sum(mon) == 0:
                const += v
            else:
                coeffs[mon.index(1)] += v
        row = (tuple(coeffs), -const)
        (eq if c.rel == "==" else gt if c.rel == ">" else ge).append(row)
    return LinearSystem(k, tuple(eq), tuple(ge), tuple(gt))


def _merged(cons: list[_Constraint]) -> list[_Constraint]:
    """The constraints with each pair ``p >= 0``, ``-p >= 0`` written as ``p == 0`` (the
    form an indifference takes)."""
    out, used = [], set()
    for i, c in enumerate(cons):
        if i in used:
            continue
        j = next((j for j in range(i + 1, len(cons)) if c.rel == cons[j].rel == ">="
                  and j not in used and (c.poly + cons[j].poly).is_zero), None)
        if j is not None:
            used.add(j)
            c = _Constraint(c.poly, "==")
        out.append(c)
    return out


def _solved_for(eq: _Constraint, cons: list[_Constraint], others: list[_Constraint],
                symbols: tuple, grid: int, accept, degree: int = 1) -> Search | None:
    """:func:`find_point` with the equation ``eq`` solved for a coordinate ``v`` in which
    it has degree ``degree`` (1 or 2) and a leading coefficient ``a`` of degree at most 1
    (in some choice of the implicit coordinate ``1 - sum``); None when there is no such
    coordinate.

    Two cases cover the set: ``a != 0``, where ``v`` is a root and each constraint
    ``q(v)`` of degree ``d`` in ``v`` has the sign of ``q(v) a**k`` (``k`` the even one of
    ``d``, ``d + 1``): a set in the other coordinates, decided completely when they are
    two; and ``a == 0``, a linear equation (this function again).  Degree 1: ``eq = a v +
    b``, ``v = -b / a``, and ``q(-b / a) a**k`` is a polynomial.  Degree 2: ``eq = a v**2 +
    b v + c``, ``v = (-b + s sqrt(D)) / (2 a)`` with ``D = b**2 - 4 a c >= 0`` and ``s =
    +-1`` (one search for both); ``q(v) (2 a)**k = A + s B sqrt(D)`` with polynomials ``A``,
    ``B``, whose sign the signs of ``A``, ``B``, ``D`` and ``A**2 - B**2 D`` give
    (:func:`_root_sign`), so the set in the other coordinates is a Boolean combination of
    sign conditions (``extra``).  Where several coordinates qualify, degree 2 takes the
    one in which the other constraints have the least degree.  A linear equation is the
    case of a constant ``a``: the projection of the simplex lies in the smaller simplex,
    and the substituted constraints (those of the simplex among them) cut out exactly the
    projected set."""
    exprs = [(c.poly.as_expr(), c.rel) for c in cons if c is not eq]
    polys = [c.poly.as_expr() for c in others]
    choices = []
    for lead in reversed(symbols):
        order = tuple(x for x in symbols if x != lead) + (lead,)
        implicit = {lead: 1 - sp.Add(*order[:-1])}
        pe = sp.Poly(sp.expand(eq.poly.as_expr().xreplace(implicit)), *order[:-1])
        for v in reversed(order[:-1]):
            if pe.degree(v) != degree:
                continue
            coeffs = sp.Poly(pe.as_expr(), v).all_coeffs()
            if sp.Poly(coeffs[0], *order[:-1]).total_degree() > 1:
                continue
            cost = 0 if degree == 1 else sum(
                max(sp.Poly(sp.expand(e.xreplace(implicit)), v).degree(), 0)
                for e in [e for e, _ in exprs] + polys)
            choices.append((cost, len(choices), order, v, coeffs))
    if not choices:
        return None
    _, _, order, v, coeffs = min(choices)
    free, lead, a = order[:-1], order[-1], coeffs[0]
    implicit = {lead: 1 - sp.Add(*free)}
    rest = tuple(x for x in free if x != v)
    if degree == 1:
        found, root = _linear_root(exprs, polys, implicit, v, coeffs, rest, grid, accept)
    else:
        found, root = _quadratic_root(exprs, polys, implicit, v, coeffs, rest, grid, accept)
    if found.point is not None:
        at = dict(zip(rest, found.point))
        at[v] = sp.radsimp(sp.expand(root.xreplace(at)))
        at[lead] = sp.expand(1 - sp.Add(*(at[x] for x in free)))
        return Search(tuple(at[x] for x in symbols))
    if a.is_number:
        return found
    extra = None if accept is None else (polys, accept)
    zero = find_point(exprs + [(eq.poly.as_expr(), "=="), (a, "==")], order, grid, extra)
    if zero.point is not None:
        at = dict(zip(order, zero.point))
        return Search(tuple(at[x] for x in symbols))
    return Search(None, found.decided and zero.decided, found.reason or zero.reason)


def _linear_root(exprs: list, polys: list, implicit: dict, v: sp.Symbol, coeffs: list,
                 rest: tuple, grid: int, accept) -> tuple[Search, sp.Expr]:
    """The case ``a != 0`` of :func:`_solved_for`, degree 1: the search in ``rest`` and
    the root ``v = -b / a`` in those coordinates."""
    a, b = coeffs

    def solved(e: sp.Expr) -> sp.Expr:
        q = sp.Poly(sp.expand(e.xreplace(implicit)), v)
        if q.is_zero:
            return sp.Integer(0)
        k = q.degree() + q.degree() % 2
        return sp.expand(sp.Add(*(c * (-b) ** i * a ** (k - i) for i, c in
                                  enumerate(reversed(q.all_coeffs())))))

    extra = None if accept is None else ([solved(p) for p in polys], accept)
    found = find_point([(solved(e), rel) for e, rel in exprs] + [(a * a, ">")],
                       rest + (sp.Dummy("slack"),), grid, extra)
    return found, -b / a


def _quadratic_root(exprs: list, polys: list, implicit: dict, v: sp.Symbol, coeffs: list,
                    rest: tuple, grid: int, accept) -> tuple[Search, sp.Expr]:
    """The case ``a != 0`` of :func:`_solved_for`, degree 2: the search in ``rest`` for a
    point where the root ``s = 1`` or ``s = -1`` satisfies the set, and that root."""
    a, b, c = coeffs
    disc = sp.expand(b * b - 4 * a * c)
    s = sp.Dummy("s")

    def parts(e: sp.Expr) -> tuple:  # (A, B): e at the root times (2a)**k is A + s B sqrt(D)
        q = sp.Poly(sp.expand(e.xreplace(implicit)), v)
        if q.is_zero:
            return sp.Integer(0), sp.Integer(0)
        k = q.degree() + q.degree() % 2
        num = sp.Poly(sp.expand(sp.Add(*(
            ci * (s - b) ** i * (2 * a) ** (k - i)
            for i, ci in enumerate(reversed(q.all_coeffs()))))), s)
        even = sp.Add(*(ci * disc ** (j // 2) for (j,), ci in num.terms() if j % 2 == 0))
        odd = sp.Add(*(ci * disc ** (j // 2) for (j,), ci in num.terms() if j % 2 == 1))
        return sp.expand(even), sp.expand(odd)

    plain, split, rels = [], [], []
    for e, rel in exprs:
        A, B = parts(e)
        if B == 0:
            plain.append((A, rel))
        else:
            split.append((A, B))
            rels.append(rel)
    tested = split + [parts(p) for p in polys]
    # the polynomials whose signs decide: D, then A (and B, A**2 - B**2 D unless B == 0)
    signed, where = [disc], []
    for A, B in tested:
        where.append(len(signed))
        signed += [A] if B == 0 else [A, B, sp.expand(A * A - B * B * disc)]

    def accepts(signs: list, branch: int) -> bool:
        values = [signs[i] if B == 0 else _root_sign(
            signs[i], branch * signs[i + 1], signs[i + 2], signs[0])
            for i, (_, B) in zip(where, tested)]
        if not all(relation_holds(x, rel) for x, rel in zip(values, rels)):
            return False
        return accept is None or accept(values[len(split):])

    # one search for both roots (the grid and the decomposition once), then the root
    found = find_point(plain + [(disc, ">="), (a * a, ">")], rest + (sp.Dummy("slack"),),
                       grid, (signed, lambda signs: accepts(signs, 1) or accepts(signs, -1)))
    if found.point is None:
        return found, sp.Integer(0)
    at = dict(zip(rest, found.point))
    signs = [algebraic_sign(sp.expand(p.xreplace(at))) for p in signed]
    branch = next((t for t in (1, -1) if accepts(signs, t)), None)
    if branch is None:  # the search accepted the point: one root must satisfy the set
        raise ArithmeticError("find_point: neither root of the quadratic equation "
                              "satisfies the set at the point found")
    return found, (-b + branch * sp.sqrt(disc)) / (2 * a)


def _root_sign(sa: int, sb: int, se: int, sd: int) -> int:
    """The sign of ``A + B sqrt(D)`` (``D >= 0``) from the signs of ``A``, ``B``,
    ``A**2 - B**2 D`` and ``D``.

    Examples
    --------
    >>> _root_sign(1, -1, -1, 1), _root_sign(-1, 1, 0, 1), _root_sign(0, -1, -1, 1)
    (-1, 0, -1)
    """
    if sd == 0 or sb == 0:
        return sa
    if sa == 0 or sa == sb:
        return sb
    return sa * se


def _factors(cons: list[_Constraint]) -> list[sp.Poly]:
    """The distinct irreducible factors (over Q, up to constants) of the constraints."""
    out: dict = {}
    for c in cons:
        if c.poly.is_zero or c.poly.total_degree() == 0:
            continue
        for f, _ in c.poly.factor_list()[1]:
            f = f.monic() if f.LC() != 0 else f
            out[f.as_expr()] = f
    return list(out.values())


def _samples_between(roots: list, lo, hi, hi_is_root: bool = False) -> list:
    """Sorted exact roots inside ``[lo, hi]``, the ends, and a rational in each gap (the
    rationals first: they give rational witnesses).  The gaps are the first ``(len - 1)
    // 2`` samples (:func:`_gap_count`), the roots and ends the others.

    With ``hi_is_root`` the caller guarantees that ``hi`` equals one of ``roots`` (which
    are distinct): when certified interval enclosures (:func:`.algebraic.interval_sign`)
    show every other root on one side of ``hi``, the one left is
    ``hi``, with no exact zero test (a minimal polynomial of ``hi - r``, slow when both
    are roots of large polynomials)."""
    if algebraic_sign(hi - lo) <= 0:
        return [lo] if algebraic_sign(hi - lo) == 0 else []
    above = [r for r in roots if algebraic_sign(r - lo) > 0]
    side = {}
    if hi_is_root:  # (intervals only: digits cannot show the sign of hi - hi either)
        side = {i: interval_sign(hi - r) for i, r in enumerate(above)}
        if sum(1 for s in side.values() if s is None) == 1:
            side = {i: 0 if s is None else s for i, s in side.items()}
    inside = [r for i, r in enumerate(above)
              if (side[i] if side.get(i) is not None else algebraic_sign(hi - r)) > 0]
    pts = [lo] + inside + [hi]
    gaps = [rational_between(a, b) for a, b in zip(pts, pts[1:])]
    return gaps + pts


def _gap_count(samples: list) -> int:
    """How many of :func:`_samples_between`'s samples are gaps (the first ones)."""
    return (len(samples) - 1) // 2


def _real_roots(polys: list, x: sp.Symbol) -> list:
    """The distinct real roots in ``[0, 1]`` of univariate polynomials (expressions, or
    polynomials in ``x``): exact, ascending, each once.

    Each polynomial is factored alone, never their product: a projection can hold
    hundreds of polynomials, and factoring their product (degree in the thousands) ran
    for more than 20 minutes in one survey game, where the factors one by one take a
    second.  Irreducible factors with no root in ``[0, 1]`` are dropped after an exact
    isolation of the roots in that interval (Sturm's count took 28 s on ten factors of
    degree up to 84 in one survey game, sympy's continued fractions 0.04 s; from degree 3,
    Descartes' rule and bisection on python-flint's polynomials, :mod:`.root_isolation`,
    which also isolates all real roots of the others before their root objects are made:
    2.4 s and 11.7 s by sympy on a factor of degree 510, 0.1 s and 1.3 s so).  The
    others' roots are merged: distinct monic irreducible factors have no common root, so
    every comparison is between distinct numbers (:func:`.algebraic.algebraic_sign` with
    ``nonzero``).

    Examples
    --------
    >>> x = sp.Symbol("x")
    >>> _real_roots([x**2 - sp.Rational(1, 2), (3 * x - 1) * (x - 5), 2 * x**2 - 1], x)
    [1/3, sqrt(2)/2]
    """
    factors: dict = {}
    for p in polys:
        if not (isinstance(p, sp.Poly) and p.gens == (x,)):
            p = sp.Poly(p, x, domain="QQ")
        if p.is_zero or p.degree() <= 0:
            continue
        for f, _ in p.factor_list()[1]:
            f = f.monic().set_domain(sp.QQ)  # one key for one polynomial
            factors.setdefault(f.rep, f)
    roots = [r for f in factors.values() if has_root_in_unit_interval(f)
             for r in real_roots(f) if _in_unit_interval(r)]
    return sorted(roots, key=cmp_to_key(lambda a, b: algebraic_sign(a - b, nonzero=True)))


def _in_unit_interval(r: sp.Expr) -> bool:
    """Whether the real algebraic number ``r`` lies in ``[0, 1]``, exactly: a root
    object's isolating interval, narrowed to ``1/16`` at most, shows it unless it meets
    0 or 1 (most roots of a large fiber polynomial lie far outside, and their intervals are
    never narrowed further); else exact signs.

    Examples
    --------
    >>> x = sp.Symbol("x")
    >>> [_in_unit_interval(r) for r in sp.Poly(x**3 - 3 * x + 1, x).real_roots()]
    [False, True, False]
    """
    if isinstance(r, sp.CRootOf):
        ends = root_interval(r, Fraction(1, 16))
        if ends is not None:
            a, b = ends
            if b < 0 or a > 1:
                return False
            if a >= 0 and b <= 1:
                return True
    return algebraic_sign(r) >= 0 and algebraic_sign(1 - r) >= 0


def _samples_1d(cons: list[_Constraint]) -> list:
    (x,) = cons[0].poly.gens
    roots = _real_roots([f.as_expr() for f in _factors(cons)], x)
    return _samples_between(roots, sp.Integer(0), sp.Integer(1))


def _cad_2d(cons: list[_Constraint], ok):
    """A sample point in every cell of a CAD of the triangle adapted to the polynomials:
    the first one where ``ok`` holds, or None (the set is empty)."""
    return next(_cad_2d_points(cons, ok), None)


def _cad_2d_points(cons: list[_Constraint], ok):
    """The sample points of a CAD of the triangle adapted to the polynomials at which
    ``ok`` holds, one per cell, in order (each cell's polynomials have constant signs)."""
    return ((x0, y0) for x0, y0, _ in _cad_2d_cells(cons, ok))


def _cad_2d_cells(cons: list[_Constraint], ok):
    """:func:`_cad_2d_points` with each cell's dimension: ``(x0, y0, dim)``, ``dim`` the
    number of coordinates in which the cell is an open interval (a gap between roots).

    Polynomials that only a predicate reads (``rel == "any"``) matter only inside the set
    of the other constraints: a decomposition of that set alone (few polynomials, quick)
    comes first, and the full one lifts only over the ranges of ``x`` where it has
    points (its cells in ``x`` refine the small one's, whose projection it contains)."""
    hard = [c for c in cons if c.rel != "any"]
    windows = None
    if len(hard) < len(cons):
        windows = [(lo, hi) for *_, lo, hi in _cad_2d_lift(
            hard, lambda pt, sign: all(relation_holds(sign(c), c.rel) for c in hard))]
        if not windows:
            return
    for x0, y0, dim, _, _ in _cad_2d_lift(cons, ok, windows):
        yield x0, y0, dim


def _cad_2d_lift(cons: list[_Constraint], ok, windows: list | None = None):
    """The cells of :func:`_cad_2d_cells` as ``(x0, y0, dim, lo, hi)``, ``[lo, hi]`` the
    closure of the cell's range in ``x``; with ``windows`` (closed ranges ``(lo, hi)``)
    only the cells over them.

    When a constraint is an equation (``==``, or ``p >= 0`` with ``-p >= 0``) the set lies
    on its curve, and only the cells on that curve are built (an equational constraint):
    the projection keeps the curve's factors' leading coefficients, discriminants and
    resultants with every other factor, not the resultants between other factors (which
    are most of the work when many polynomials come with a predicate), and each fiber is
    the curve's roots only.  Over an interval between the projection's roots each branch
    of the curve is a continuous function along which no other factor vanishes, so every
    factor's sign is constant on it.  A factor of the equation free of ``y`` (a vertical
    line) gets the full fiber at its roots."""
    x, y = cons[0].poly.gens
    factors = _factors(cons)
    fy = [f for f in factors if f.degree(y) > 0]
    curve = _equation_factors(cons)
    on = fy if curve is None else [f for f in curve if f.degree(y) > 0]
    vertical = [] if curve is None else [f for f in curve if f.degree(y) == 0]
    proj = [f for f in factors if f.degree(y) == 0]
    for f in on:
        fp = sp.Poly(f.as_expr(), y)
        proj.append(sp.Poly(fp.LC(), x, y))
        if fp.degree() > 1:
            proj.append(sp.Poly(discriminant(f.as_expr(), y), x, y))
    pairs = combinations(fy, 2) if curve is None else \
        ((f, g) for f in on for g in fy if g.as_expr() != f.as_expr())
    for f, g in pairs:
        proj.append(sp.Poly(resultant(f.as_expr(), g.as_expr(), y), x, y))
    roots = _real_roots([p.as_expr() for p in proj if not p.is_zero], x)
    xs = _samples_between(roots, sp.Integer(0), sp.Integer(1))
    x_gaps = _gap_count(xs)
    ends = xs[x_gaps:]  # 0, the roots inside, 1: gap i lies between ends i and i + 1
    # each constraint's sign is the product of its irreducible factors' signs
    index = {f.as_expr(): i for i, f in enumerate(factors)}
    split = {}
    for c in cons:
        content, parts = c.poly.factor_list()
        split[id(c)] = (int(sp.sign(content)),
                        [(index[(f.monic() if f.LC() != 0 else f).as_expr()], k)
                         for f, k in parts])
    for i, x0 in enumerate(xs):
        lo, hi = (ends[i], ends[i + 1]) if i < x_gaps else (x0, x0)
        if windows is not None and not any(
                algebraic_sign(x0 - a) >= 0 and algebraic_sign(b - x0) >= 0
                for a, b in windows):
            continue
        full = curve is None or any(
            algebraic_sign(sp.expand(f.as_expr().xreplace({x: x0}))) == 0 for f in vertical)
        ys = _fiber(fy if full else on, x, y, x0)
        y_gaps = _gap_count(ys)
        for j, y0 in enumerate(ys):
            signs = FactorSigns(factors, x0, y0)

            def sign(c, signs=signs):
                s0, parts = split[id(c)]
                for i, k in parts:
                    s0 *= signs.sign(i) ** k
                return s0

            if ok((x0, y0), sign=sign):
                yield x0, y0, (i < x_gaps) + (j < y_gaps), lo, hi


def _equation_factors(cons: list[_Constraint]) -> list[sp.Poly] | None:
    """The irreducible factors (monic, as :func:`_factors` writes them) of the equation
    among ``cons`` with the fewest and lowest such factors, or None when no constraint is
    an equation.  ``p >= 0`` together with ``-p >= 0`` counts as ``p == 0``."""
    eqs = [c.poly for c in _merged(list(cons)) if c.rel == "=="
           and not c.poly.is_zero and c.poly.total_degree() > 0]
    if not eqs:
        return None
    factored = [(p, [f for f, _ in p.factor_list()[1]]) for p in eqs]
    _, best = min(factored, key=lambda pf: (sum(f.degree(pf[0].gens[1]) for f in pf[1]),
                                            pf[0].total_degree()))
    return [f.monic() if f.LC() != 0 else f for f in best]


def _fiber(fy: list[sp.Poly], x, y, x0) -> list:
    """Sample values of ``y`` over ``x = x0``: every real root of the fiber polynomials in
    ``[0, 1 - x0]`` (a superset when ``x0`` is irrational), the ends and the gaps."""
    if x0.is_Rational:
        polys = [f.eval(x, x0) for f in fy]
    else:  # roots of f(x0, y) are among those of res_x(minpoly(x0), f)
        q = minimal_polynomial(x0, x)
        qp = sp.Poly(q.as_expr(), x, y, domain=sp.QQ)
        # the hypotenuse's: 1 - x0 is a root
        polys = [fiber_resultant(qp, f, x) for f in fy] + [q.as_expr().xreplace({x: 1 - y})]
    roots = _real_roots(polys, y)
    return _samples_between(roots, sp.Integer(0), sp.expand(1 - x0),
                            hi_is_root=not x0.is_Rational)
