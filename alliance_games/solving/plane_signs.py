"""Exact signs of polynomials in two variables at points with real algebraic coordinates:
the sample points of the plane decompositions of :mod:`.semialgebraic`.

:class:`FactorSigns` gives the sign of each factor at one sample point, on demand: exactly
at a rational point, by certified interval arithmetic where that proves it, by division
by the minimal polynomial of the second coordinate over a rational first one, and, at a
point with both coordinates irrational, by :func:`vanishes_at` (is the value 0?) and then
the digits of the value.  :func:`vanishes_at` decides a zero by the resultant
``Res_x(q, f)`` and an isolating interval of the second coordinate where it can, else by
a gcd over the field of the first coordinate.

Examples
--------
>>> x, y = sp.symbols("x y")
>>> signs = FactorSigns([sp.Poly(x**2 + y**2 - 1, x, y), sp.Poly(y - x, x, y)],
...                     sp.sqrt(2) / 2, sp.sqrt(2) / 2)
>>> signs.sign(0), signs.sign(1)
(0, 0)
"""

from __future__ import annotations

from fractions import Fraction
from functools import lru_cache

import sympy as sp

from .algebraic import (
    algebraic_sign,
    polynomial_sign_at,
    rational_point_sign,
    root_interval,
    root_sign,
    sign_on_interval,
)
from .field_gcd import field_gcd
from .resultants import resultant_poly

__all__ = ["FactorSigns", "fiber_resultant", "minimal_polynomial", "vanishes_at"]


class FactorSigns:
    """Exact signs of irreducible factors at a sample point, computed on demand.

    At a rational point the factor is evaluated exactly (:func:`.algebraic.rational_point_sign`).
    Elsewhere a sign that interval arithmetic proves (:func:`.algebraic.polynomial_sign_at`:
    the factor evaluated on enclosures of the coordinates, no expression built) is taken
    first.  Otherwise, over a rational ``x0`` the fiber root ``y0`` is a root of an
    irreducible ``q`` in ``Q[y]``, and a factor vanishes there iff ``q`` divides it (exact
    division); a nonzero value's sign is then :func:`.algebraic.algebraic_sign`'s.  At a
    point with both coordinates irrational a sign that interval arithmetic leaves open is
    decided by :func:`vanishes_at` (rational arithmetic in ``Q(x0)``) and, when not 0, by
    raising the digits until it shows.
    """

    def __init__(self, factors, x0, y0) -> None:
        self.factors, self.x0, self.y0 = factors, x0, y0
        self.memo: dict = {}
        self.minimal = None  # both coordinates' minimal polynomials, once needed
        self._q = None  # the minimal polynomial of y0 over a rational x0, once needed

    @property
    def q(self) -> sp.Poly:
        """The minimal polynomial of ``y0`` (in a private variable), made once."""
        if self._q is None:
            self._q = minimal_polynomial(self.y0, _Y)
        return self._q

    def sign(self, i: int) -> int:
        """The exact sign of factor ``i`` at the point (remembered)."""
        if i not in self.memo:
            f = self.factors[i]
            x, y = f.gens
            if self.x0.is_Rational and self.y0.is_Rational:
                self.memo[i] = rational_point_sign(f, (self.x0, self.y0))
                return self.memo[i]
            sgn = polynomial_sign_at(f, (self.x0, self.y0))  # most signs: no expression
            if sgn is not None:
                self.memo[i] = sgn
            elif self.x0.is_Rational:
                fy = f.eval(x, self.x0)  # a polynomial in y
                if fy.is_zero or sp.Poly(fy.all_coeffs(), _Y, domain="QQ").rem(self.q).is_zero:
                    self.memo[i] = 0
                else:
                    self.memo[i] = algebraic_sign(
                        sp.expand(f.as_expr().xreplace({x: self.x0, y: self.y0})))
            else:  # the value as an expression only where a sign is taken of it
                gens = (_generators(self.x0) if f.degree(x) > 0 else set()) | \
                    (_generators(self.y0) if f.degree(y) > 0 else set())
                if len(gens) <= 1:  # one algebraic generator: a quick exact test
                    sgn = algebraic_sign(sp.expand(f.as_expr().xreplace({x: self.x0, y: self.y0})))
                else:  # two generators: 0 exactly when f(x0, .) meets y0
                    if self.minimal is None:
                        self.minimal = _minimal_polynomials(self.x0, self.y0)
                    sgn = 0 if vanishes_at(f, self.x0, self.y0, self.minimal) else \
                        algebraic_sign(sp.expand(f.as_expr().xreplace({x: self.x0, y: self.y0})),
                                       nonzero=True)
                self.memo[i] = sgn
        return self.memo[i]


def _generators(v: sp.Expr) -> set:
    """The algebraic numbers ``v`` is built from (root objects and radicals)."""
    return {a for a in v.atoms(sp.CRootOf, sp.Pow)
            if isinstance(a, sp.CRootOf) or not a.exp.is_Integer}


def vanishes_at(f: sp.Poly, x0: sp.Expr, y0: sp.Expr,
                minimal: tuple[sp.Poly, sp.Poly] | None = None) -> bool:
    """Whether the bivariate polynomial ``f`` (rational coefficients) is 0 at the point
    ``(x0, y0)`` of two real algebraic numbers, exactly.  Either may be rational, also
    when sympy writes it with radicals (the field is then ``Q`` itself).

    For two real root objects the resultant ``Res_x(q, f)`` and an isolating interval of
    ``y0`` decide it first, in most cases (:func:`_vanishes_by_isolation`).  Otherwise
    ``f(x0, y)`` is a polynomial over the field ``Q(x0) = Q[X]/(q)``, ``q`` the minimal
    polynomial of ``x0``.  Its gcd ``d`` with the minimal polynomial of ``y0`` (modulo
    primes, verified exactly, :mod:`.field_gcd`; else Euclid's algorithm in that field,
    rational arithmetic modulo ``q``) has as roots exactly the
    conjugates of ``y0`` at which ``f(x0, .)`` vanishes, each simple.  So ``y0`` is a
    root iff ``d`` changes sign across an isolating interval of ``y0`` (rational ends):
    both values are elements of ``Q(x0)``, not 0, and their signs are exact signs of
    numbers with the one generator ``x0``.  No minimal polynomial of an expression in
    both numbers (which can take minutes) is computed.  ``minimal`` may give those of
    ``x0`` and ``y0`` (as :class:`FactorSigns` caches them), when the caller tests many ``f``.

    Examples
    --------
    >>> x, y = sp.symbols("x y")
    >>> f = sp.Poly(x**2 + y**2 - 1, x, y)
    >>> vanishes_at(f, sp.sqrt(2) / 2, sp.sqrt(2) / 2), vanishes_at(f, sp.sqrt(2) / 2,
    ...                                                              sp.sqrt(3) / 2)
    (True, False)
    >>> r = sp.CRootOf(x**3 - x - 1, 0)
    >>> vanishes_at(sp.Poly(y**2 - x**2 - x, x, y), r, r**2)  # r**4 = r**2 + r
    True
    >>> c = 2**sp.Rational(1, 3) * 3**sp.Rational(2, 3) / 3  # two radicals: 18**(1/3)/3
    >>> vanishes_at(sp.Poly(27 * x**3 - 18 * y, x, y), c, 1), vanishes_at(
    ...     sp.Poly(27 * x**3 - 18 * y, x, y), c, sp.Rational(1, 8))
    (True, False)
    """
    q, qy = minimal if minimal is not None else _minimal_polynomials(x0, y0)
    if isinstance(x0, sp.CRootOf) and isinstance(y0, sp.CRootOf):
        decided = _vanishes_by_isolation(f, x0, y0, q)
        if decided is not None:
            return decided
    return _vanishes_by_euclid(f, x0, y0, q, qy)


def _vanishes_by_euclid(f: sp.Poly, x0: sp.Expr, y0: sp.Expr, q: sp.Poly, qy: sp.Poly) -> bool:
    """:func:`vanishes_at` by the gcd over ``Q(x0)`` of ``f(x0, .)`` and ``qy`` (``q`` and
    ``qy`` the minimal polynomials of ``x0`` and ``y0``), as its docstring describes: found
    modulo primes and verified (:func:`.field_gcd.field_gcd`), else (without python-flint,
    or not found) by Euclid's algorithm in rational arithmetic."""
    X = q.gen
    x, _ = f.gens

    def field(c) -> sp.Poly:  # an element of Q(x0), reduced modulo q
        return sp.Poly(sp.sympify(c).xreplace({x: X}), X, domain="QQ").rem(q)

    def rem(a: list, b: list) -> list:  # a mod b, coefficient lists highest first
        inv = b[0].invert(q)
        a = list(a)
        while len(a) >= len(b):
            c = (a[0] * inv).rem(q)
            a = _strip([(ai - c * bi).rem(q) for ai, bi in zip(a, b)][1:] + a[len(b):])
        return a

    a = _strip([field(c) for c in qy.all_coeffs()])
    b = _strip([field(c) for c in sp.Poly(f.as_expr(), f.gens[1]).all_coeffs()])
    gcd = field_gcd(a, b, q)
    if gcd is not None:
        return _has_root(gcd, x0, y0, q, qy)
    while b:
        a, b = b, rem(a, b)
    return _has_root(a, x0, y0, q, qy)


def _strip(p: list) -> list:
    while p and p[0].is_zero:
        p = p[1:]
    return p


def _has_root(d: list[sp.Poly], x0: sp.Expr, y0: sp.Expr, q: sp.Poly, qy: sp.Poly) -> bool:
    """Whether ``y0`` is a root of ``d``, a divisor of ``qy`` (``y0``'s minimal polynomial)
    over ``Q(x0)`` (coefficients highest first, polynomials modulo ``q``): ``d``'s roots are
    simple roots of ``qy``, so ``y0`` is one exactly when ``d`` changes sign across an
    isolating interval of ``y0`` for ``qy``; the two values are numbers of ``Q(x0)``."""
    if len(d) < 2:
        return False
    X = q.gen
    ends = root_interval(y0, Fraction(1)) if isinstance(y0, sp.CRootOf) else None
    if ends is not None:  # (its polynomial is qy's, irreducible)
        lo, hi = (sp.Rational(e.numerator, e.denominator) for e in ends)
    else:
        lo, hi = next(iv for iv, _ in qy.intervals()
                      if algebraic_sign(y0 - iv[0]) >= 0 and algebraic_sign(iv[1] - y0) >= 0)
    if lo == hi:  # y0 is rational: the divisor, not constant, divides y - y0
        return True

    def sign_at(t) -> int:
        v = sp.Poly(0, X, domain="QQ")
        for c in d:
            v = (v * t + c).rem(q)
        if isinstance(x0, sp.CRootOf):  # a polynomial at a root object
            return root_sign(v, x0)
        return algebraic_sign(v.as_expr().xreplace({X: x0}), nonzero=True)

    return sign_at(lo) != sign_at(hi)


#: the widths ``2**-bits`` to which :func:`_vanishes_by_isolation` narrows ``y0``'s
#: interval, in turn, until the rest of the resultant has no root in it
_ISOLATION_BITS = (16, 64, 256)


def _vanishes_by_isolation(f: sp.Poly, x0: sp.CRootOf, y0: sp.CRootOf,
                           q: sp.Poly) -> bool | None:
    """Whether ``f(x0, y0) == 0``, for two real root objects, decided through the
    resultant ``R(y) = Res_x(q, f)`` (``q`` a polynomial with rational coefficients and
    the root ``x0``); None where this does not decide it (:func:`vanishes_at` then takes
    the gcd over ``Q(x0)``).

    ``R(y) = c prod f(a, y)`` over the roots ``a`` of ``q`` (``c`` a nonzero constant:
    ``q`` does not depend on ``y``), so ``R(y0) = 0`` when ``f(x0, y0) = 0``, and ``y0``'s
    polynomial ``P`` then divides ``R``; if it does not, the answer is no.  Else
    ``R = P S``: an isolating interval ``[a, b]`` of ``y0`` (no other root of ``P``) on
    which ``S`` has no root (its value at the midpoint beyond what it can change there,
    :func:`sign_on_interval`) holds exactly one root of ``R``, ``y0``, and it
    is simple.  Every root of ``f(x0, .)`` is a root of ``R``, of no lower multiplicity; so
    ``f(x0, .)`` has no root at ``a`` or ``b``, and it vanishes at ``y0`` exactly when its
    signs at ``a`` and ``b`` (exact signs of polynomials in ``x0``, :func:`root_sign`)
    differ.  None when ``S`` keeps a root in the narrowest interval tried (``y0`` a
    multiple root of ``R``).  On a sample point of a four-type game whose ``y0`` has degree
    510 this took 4 s where Euclid's algorithm over ``Q(x0)`` (with ``y0``'s polynomial) had
    not ended in ten minutes (``benchmarks/bench_zero_tests.py``).

    Examples
    --------
    >>> x, y = sp.symbols("x y")
    >>> r = sp.CRootOf(x**3 - x - 1, 0)  # r**2 is a root of y**3 - 2 y**2 + y - 1
    >>> s = sp.CRootOf(y**3 - 2 * y**2 + y - 1, 0)
    >>> q = sp.Poly(x**3 - x - 1, x)
    >>> _vanishes_by_isolation(sp.Poly(y - x**2, x, y), r, s, q)
    True
    >>> _vanishes_by_isolation(sp.Poly(y - x**2 - 1, x, y), r, s, q)
    False
    """
    x, y = f.gens
    big = fiber_resultant(sp.Poly(q.as_expr().xreplace({q.gen: x}), x, y, domain=sp.QQ), f, x)
    if big.is_zero:  # every coefficient of f in y vanishes at x0 (q's factor divides them)
        return True
    rest, left = big.div(sp.Poly(y0.poly.as_expr().xreplace({y0.poly.gen: y}), y,
                                 domain=sp.QQ))
    if not left.is_zero:
        return False
    for bits in _ISOLATION_BITS:
        ends = root_interval(y0, Fraction(1, 2**bits))
        if ends is None:
            return None
        a, b = ends
        if a == b:
            return None
        if rest.degree() < 1 or sign_on_interval(rest, a, b) is not None:
            sa, sb = (root_sign(sp.Poly(f.as_expr().xreplace({y: sp.Rational(e.numerator,
                                                                                 e.denominator)}),
                                        x, domain=sp.QQ), x0) for e in (a, b))
            return None if sa * sb == 0 else sa != sb
    return None


_X, _Y = sp.Dummy("X"), sp.Dummy("y")


def _minimal_polynomials(x0: sp.Expr, y0: sp.Expr) -> tuple[sp.Poly, sp.Poly]:
    """The minimal polynomials of ``x0`` and ``y0`` (in private variables), as
    :func:`vanishes_at` uses them."""
    return minimal_polynomial(x0, _X), minimal_polynomial(y0, _Y)


def minimal_polynomial(v: sp.Expr, gen: sp.Symbol) -> sp.Poly:
    """The minimal polynomial of the real algebraic number ``v`` in ``gen`` (primitive,
    integer coefficients, positive leading coefficient), over ``QQ``.  A root object's is
    the polynomial it holds: sympy keeps only irreducible ones there (a root of a
    reducible polynomial is made a root of its factor), and sympy's ``minimal_polynomial``
    would factor it again and pick the factor numerically (degree in the hundreds here).

    Examples
    --------
    >>> x = sp.Symbol("x")
    >>> minimal_polynomial(sp.CRootOf(x**5 - x - 1, 0), x)
    Poly(x**5 - x - 1, x, domain='QQ')
    >>> minimal_polynomial(1 + sp.sqrt(2), x)
    Poly(x**2 - 2*x - 1, x, domain='QQ')
    """
    if isinstance(v, sp.CRootOf):
        return sp.Poly(v.poly.all_coeffs(), gen, domain="QQ")
    return sp.Poly(sp.minimal_polynomial(v, gen), gen, domain="QQ")


@lru_cache(maxsize=128)
def fiber_resultant(q: sp.Poly, f: sp.Poly, x: sp.Symbol) -> sp.Poly:
    """``Res_x(q, f)`` as a polynomial in the other generator ``y`` (``q`` the minimal
    polynomial of an irrational abscissa ``x0``, both polynomials in ``x, y``): its roots
    hold every ``y`` where ``f(x0, y) = 0``.  Cached: :func:`.semialgebraic._fiber` needs it
    once per abscissa and :func:`_vanishes_by_isolation` again for every sample point above
    it (of degree up to 612 in the four-type surveys).

    Examples
    --------
    Over ``x0 = sqrt(2)``, ``y - x**2`` vanishes at ``y = 2`` (a double root: the
    conjugate ``-sqrt(2)`` gives it too):

    >>> x, y = sp.symbols("x y")
    >>> fiber_resultant(sp.Poly(x**2 - 2, x, y), sp.Poly(y - x**2, x, y), x)
    Poly(y**2 - 4*y + 4, y, domain='QQ')
    """
    return resultant_poly(q, f, x)
