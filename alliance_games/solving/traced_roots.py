"""Real algebraic numbers for the ends of traced runs' cells: :class:`Root` (a value with a
rational isolating interval, refined on demand), the real roots of a polynomial
(:func:`real_roots`, shared so that a refinement serves every later use), and windows
proved free of a polynomial's roots (:func:`no_root_between`, :func:`root_free`).

:mod:`.traced` cuts a run's cell at such roots; :mod:`.traced_at_root` runs the engine at
one of them.

Examples
--------
>>> import sympy as sp
>>> t = sp.Symbol("t")
>>> left, right = real_roots(sp.Poly(t**2 - 2, t))
>>> right.value, right.less(Fraction(3, 2)), left.less(right)
(sqrt(2), True, True)
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from functools import cmp_to_key
from math import lcm

import sympy as sp
from sympy import QQ

from ..signs import sign_at_rational
from .bernstein import proves_empty
from .quadratic import (
    MQuad,
    OutsideFastType,
    Quad,
    from_sympy,
    qcmp,
)
from .root_isolation import real_roots as root_objects

__all__ = ["ISOLATE_DEGREE", "KNOWN_ROOTS", "Root", "as_fraction", "cleared_integers",
           "clear_root_caches", "integer_coefficients", "no_root_between", "real_roots",
           "root_free"]
_INF = float("inf")


def as_fraction(x: Fraction | int | sp.Expr) -> Fraction | float:
    """A rational as a Fraction, an infinity as a float infinity.

    Examples
    --------
    >>> as_fraction(sp.Rational(2, 3)), as_fraction(3), as_fraction(-sp.oo)
    (Fraction(2, 3), Fraction(3, 1), -inf)
    """
    if isinstance(x, Fraction):
        return x
    if isinstance(x, int):
        return Fraction(x)
    if x in (sp.oo, -sp.oo):
        return _INF if x == sp.oo else -_INF
    x = sp.Rational(x)
    return Fraction(int(x.p), int(x.q))


def _sympy_number(x: Fraction | float) -> sp.Expr:
    if isinstance(x, float):
        return sp.oo if x > 0 else -sp.oo
    return sp.Rational(x.numerator, x.denominator)


class Root:
    """A real algebraic number: its value (a sympy number), and a rational isolating
    interval ``[a, b]`` of its irreducible polynomial (``a == b`` for a rational).

    The interval is kept in Fractions (``lo``, ``hi``; ``a`` and ``b`` give them as sympy
    numbers).  The roots :func:`real_roots` returns are shared: refining one narrows
    its interval for every later use, and nothing but the interval depends on how far
    it was refined."""

    __slots__ = ("value", "poly", "lo", "hi", "key", "_low")

    def __init__(self, value, poly, a, b, key=None) -> None:
        self.value, self.poly, self.key = value, poly, key
        self.lo, self.hi = as_fraction(a), as_fraction(b)
        self._low = None  # the polynomial's sign on the interval left of the root

    @property
    def a(self) -> sp.Expr:
        """The interval's lower end ``lo`` as a sympy number (``-oo`` or ``oo`` for an
        infinity)."""
        return _sympy_number(self.lo)

    @property
    def b(self) -> sp.Expr:
        """The interval's upper end ``hi`` as a sympy number (``-oo`` or ``oo`` for an
        infinity)."""
        return _sympy_number(self.hi)

    @staticmethod
    def of(x: Fraction | int | sp.Expr) -> Root:
        """A rational or an infinity."""
        if x in (sp.oo, -sp.oo):
            return Root(x, None, x, x)
        x = sp.Rational(x)
        return Root(x, None, x, x)

    @staticmethod
    def of_number(x: Fraction | int | Quad | MQuad) -> Root:
        """A number of the fast exact types: a rational, or a :class:`~.quadratic.Quad`
        ``a + b*sqrt(d)``, a root of ``(t - a)**2 - b**2*d`` (the larger one when
        ``b > 0``); :class:`~.quadratic.OutsideFastType` for anything else.

        Examples
        --------
        >>> from alliance_games.solving.quadratic import make_quad
        >>> root = Root.of_number(make_quad(Fraction(1, 2), Fraction(-1, 10), 5))
        >>> root.value, root.less(Fraction(1, 2)), root.less(Fraction(1, 4))
        (1/2 - sqrt(5)/10, True, False)
        """
        if isinstance(x, (Fraction, int)):
            return Root.of(sp.Rational(x.numerator, x.denominator))
        if not isinstance(x, Quad):
            raise OutsideFastType("{!r} is not a rational or a quadratic irrational", x)
        a, b = sp.Rational(x.a.numerator, x.a.denominator), \
            sp.Rational(x.b.numerator, x.b.denominator)
        lower, upper = real_roots(sp.Poly((_T - a) ** 2 - b ** 2 * x.d, _T))
        return upper if b > 0 else lower

    @property
    def exact(self) -> sp.Expr | None:
        """The root as a sympy number when its interval is one point (a rational, or an
        infinity), else None.

        Examples
        --------
        >>> t = sp.Symbol("t")
        >>> Root.of(Fraction(1, 3)).exact, real_roots(sp.Poly(t**2 - 2, t))[1].exact
        (1/3, None)
        """
        return self.a if self.lo == self.hi else None

    def refine(self, at: Fraction | float | None = None) -> None:
        """Shrink the isolating interval (a rational or an infinity: nothing to do): cut
        it at ``at`` when that lies strictly inside, else at its midpoint, and keep the
        half where the polynomial changes sign (exact rational arithmetic; the root is
        the only one in the interval, so it lies where the sign changes)."""
        if self.poly is None or self.lo == self.hi:
            return
        coeffs = integer_coefficients(self.poly)
        a, b = self.lo, self.hi
        at = None if at is None else as_fraction(at)
        c = at if at is not None and a < at < b else (a + b) / 2
        if self._low is None:
            self._low = sign_at_rational(coeffs, a) if coeffs is not None else 0
            if self._low == 0 or sign_at_rational(coeffs, b) == 0:
                self._low = 0  # (not a squarefree rational polynomial: sympy refines)
        if self._low == 0:
            a, b = self.poly.refine_root(self.a, self.b, steps=1)
            if (a, b) == (self.a, self.b):
                a, b = self.poly.refine_root(self.a, self.b, eps=(b - a) / 4)
            self.lo, self.hi = as_fraction(a), as_fraction(b)
            return
        sc = sign_at_rational(coeffs, c)
        if sc == 0:
            self.lo = self.hi = c  # the root is the rational c
        elif sc == self._low:
            self.lo = c
        else:
            self.hi = c

    def less(self, other: Root | Fraction | float) -> bool:
        """``self < other`` exactly (``other`` a :class:`Root` or a rational).

        While the isolating intervals overlap, both are cut at one rational inside the
        overlap (at ``other`` itself when it is rational and inside ``self``'s), so the
        two roots end on different sides of it or the overlap halves.

        Examples
        --------
        >>> t = sp.Symbol("t")
        >>> r2, r3 = real_roots(sp.Poly(t**2 - 2, t))[1], real_roots(sp.Poly(t**2 - 3, t))[1]
        >>> r2.less(r3), r3.less(r2), r2.less(Fraction(99, 70)), r2.less(Fraction(141, 100))
        (True, False, True, False)
        """
        if not isinstance(other, Root):
            return self._less_than(as_fraction(other))
        if self.key is not None and self.key == other.key:
            return False  # the same root of the same polynomial
        while True:
            if self.hi < other.lo or (self.hi == other.lo and
                                      (self.lo != self.hi or other.lo != other.hi)):
                return True
            if other.hi < self.lo or (other.hi == self.lo and
                                      (self.lo != self.hi or other.lo != other.hi)):
                return False
            if self.lo == self.hi and other.lo == other.hi:
                return False  # equal rationals
            lo, hi = max(self.lo, other.lo), min(self.hi, other.hi)
            cut = (lo + hi) / 2 if lo < hi else lo
            if self.poly is not None and self.lo != self.hi:
                self.refine(cut)
            if other.poly is not None and other.lo != other.hi:
                other.refine(cut)

    def around(self, x: Root | Fraction, right: Root) -> bool:
        """Whether ``self < x < right`` (``x`` a :class:`Root` or a rational), exactly.

        Examples
        --------
        >>> t = sp.Symbol("t")
        >>> r2 = real_roots(sp.Poly(t**2 - 2, t))[1]
        >>> r2.around(Fraction(3, 2), Root.of(2)), Root.of(0).around(r2, Root.of(1))
        (True, False)
        """
        if isinstance(x, Root):
            return self.less(x) and x.less(right)
        x = as_fraction(x)
        return self._less_than(x) and right._greater_than(x)

    def _greater_than(self, x: Fraction | float) -> bool:
        """``self > x`` for a rational (or an infinity) ``x``."""
        while True:
            if self.lo == self.hi:
                return self.lo > x
            if self.lo >= x:
                return True
            if x >= self.hi:
                return False
            self.refine(x)

    def _less_than(self, x: Fraction | float) -> bool:
        """``self < x`` for a rational (or an infinity) ``x``."""
        while True:
            if self.lo == self.hi:
                return self.lo < x
            if self.hi <= x:
                return True  # (an irrational root is strictly inside its interval)
            if x <= self.lo:
                return False
            self.refine(x)

    def floor(self, scale: int = 1) -> int:
        """``floor(scale * self)`` exactly, for a finite root (the interval is refined
        until no integer lies in it).

        Examples
        --------
        >>> t = sp.Symbol("t")
        >>> r2 = real_roots(sp.Poly(t**2 - 2, t))[1]
        >>> r2.floor(), r2.floor(1000), Root.of(sp.Rational(-3, 2)).floor(2)
        (1, 1414, -3)
        """
        while True:
            lo, hi = self.lo * scale, self.hi * scale
            whole = lo.numerator // lo.denominator
            if self.lo == self.hi or whole + 1 >= hi:
                return whole
            self.refine()

    def ceil(self, scale: int = 1) -> int:
        """``ceil(scale * self)`` exactly, for a finite root.

        Examples
        --------
        >>> t = sp.Symbol("t")
        >>> r2 = real_roots(sp.Poly(t**2 - 2, t))[0]
        >>> r2.ceil(), r2.ceil(1000), Root.of(sp.Rational(-3, 2)).ceil(2)
        (-1, -1414, -3)
        """
        if self.lo == self.hi:
            x = self.lo * scale
            return -(-x.numerator // x.denominator)
        return self.floor(scale) + 1  # (an irrational times an integer is no integer)


KNOWN_ROOTS: dict = {}
_COEFFS: dict = {}  # polynomial -> :func:`integer_coefficients` (None: not rational)
_T = sp.Symbol("t")


def integer_coefficients(poly: sp.Poly) -> tuple | None:
    """``poly``'s coefficients (highest first) times the least common multiple of their
    denominators: integers with the signs of the polynomial's values (None: not rational).

    Examples
    --------
    >>> t = sp.Symbol("t")
    >>> integer_coefficients(sp.Poly(t**2 / 2 - sp.Rational(1, 3), t))
    (3, 0, -2)
    >>> print(integer_coefficients(sp.Poly(t**2 - sp.sqrt(2), t, domain="EX")))
    None
    """
    hit = _COEFFS.get(poly, ())
    if hit == ():
        coeffs = poly.all_coeffs()
        hit = _COEFFS[poly] = tuple(cleared_integers(
            [Fraction(int(c.p), int(c.q)) for c in coeffs])) \
            if all(c.is_Rational for c in coeffs) else None
    return hit


def no_root_between(poly: sp.Poly, lo: Fraction | float, hi: Fraction | float) -> bool:
    """Whether ``poly`` (rational coefficients) is proved to have no root in the closed
    interval ``[lo, hi]``: its Bernstein coefficients there, on a few halvings of it, are
    of one strict sign (:func:`~.bernstein.proves_empty` of ``poly(lo + (hi - lo) t)`` on
    ``[0, 1]``).  False when that does not prove it (a root there, or near it), or for an
    infinite end: then the caller isolates every root.

    Examples
    --------
    >>> t = sp.Symbol("t")
    >>> f = sp.Poly(t**2 - 2, t)
    >>> no_root_between(f, Fraction(0), Fraction(7, 5))  # sqrt(2) = 1.414...
    True
    >>> no_root_between(f, Fraction(0), Fraction(3, 2))
    False
    """
    coeffs = integer_coefficients(poly)
    if coeffs is None or not isinstance(lo, Fraction) or not isinstance(hi, Fraction):
        return False
    x = poly.gen
    onto = sp.Poly(_sympy_number(lo) + _sympy_number(hi - lo) * x, x, domain=QQ)
    return proves_empty([(poly.compose(onto), "==")], [x], max_boxes=_WINDOW_BOXES,
                        max_depth=_WINDOW_DEPTH)


#: the halvings :func:`no_root_between` tries before it leaves a polynomial to isolation
_WINDOW_DEPTH, _WINDOW_BOXES = 4, 16


#: polynomials up to this degree have all their real roots isolated at once (cheap, and
#: kept for every later cell); higher ones first go through :func:`no_root_between`
ISOLATE_DEGREE = 4
_ROOT_FREE: dict = {}  # polynomial -> the windows [lo, hi] proved free of its roots


def root_free(poly: sp.Poly, lo: Fraction | float, hi: Fraction | float) -> bool:
    """:func:`no_root_between`, remembering each window it proves (a later window inside
    one is root-free too).

    Examples
    --------
    >>> t = sp.Symbol("t")
    >>> poly = sp.Poly(t**2 - 2, t)
    >>> root_free(poly, Fraction(0), Fraction(1)), root_free(poly, Fraction(1), Fraction(2))
    (True, False)
    """
    windows = _ROOT_FREE.setdefault(poly, [])
    if any(a <= lo and hi <= b for a, b in windows):
        return True
    if no_root_between(poly, lo, hi):
        windows.append((lo, hi))
        return True
    return False


def real_roots(poly: sp.Poly) -> list[Root]:
    """The real roots of an irreducible polynomial, ascending, exact (cached: the same
    :class:`Root` objects each time, so the isolating intervals refined by one use serve
    the next).

    Examples
    --------
    >>> t = sp.Symbol("t")
    >>> roots = real_roots(sp.Poly(t**2 - 2, t))
    >>> [r.value for r in roots], roots[1] is real_roots(sp.Poly(t**2 - 2, t))[1]
    ([-sqrt(2), sqrt(2)], True)
    """
    hit = KNOWN_ROOTS.get(poly)
    if hit is None:
        # the roots' identity: the monic polynomial's coefficients, whatever its variable
        # (two distinct irreducible polynomials share no root, so two roots with other
        # identities differ and :meth:`Root.less` ends)
        ident = tuple(poly.monic().all_coeffs())
        values = root_objects(poly) if poly.degree() > 2 else \
            sorted(sp.roots(poly, filter="R"),
                   key=cmp_to_key(lambda u, v: qcmp(from_sympy(u), from_sympy(v))))
        hit = []
        for i, (v, (a, b)) in enumerate(zip(values, _isolating_intervals(poly, values))):
            if poly.degree() == 1:
                a = b = sp.Rational(v)
            hit.append(Root(v, poly, a, b, (ident, i)))
        KNOWN_ROOTS[poly] = hit
    return list(hit)


def _isolating_intervals(poly: sp.Poly, values: list) -> list[tuple[sp.Rational, sp.Rational]]:
    """Rational isolating intervals of ``poly``'s real roots ``values``, ascending: those
    sympy's root objects already hold (isolating the roots again took as long as finding
    them), else ``poly.intervals()``."""
    try:
        boxes = [v._get_interval() for v in values]
        return [(sp.Rational(int(b.a.numerator), int(b.a.denominator)),
                 sp.Rational(int(b.b.numerator), int(b.b.denominator))) for b in boxes]
    except (AttributeError, TypeError, ValueError):  # radicals, or another sympy's internals
        return [(sp.Rational(a), sp.Rational(b)) for (a, b), _ in poly.intervals()]


def cleared_integers(coeffs: Sequence[Fraction]) -> list[int]:
    """Rational coefficients times the least common multiple of their denominators.

    Examples
    --------
    >>> cleared_integers([Fraction(1, 2), Fraction(-1, 3), Fraction(2)])
    [3, -2, 12]
    """
    scale = lcm(*(c.denominator for c in coeffs))
    return [int(c * scale) for c in coeffs]


def clear_root_caches() -> None:
    """Forget the roots, integer coefficients and root-free windows memoised across traced
    runs (results never depend on them; :func:`.traced.clear_caches` calls this).

    Examples
    --------
    >>> t = sp.Symbol("t")
    >>> _ = real_roots(sp.Poly(t**2 - 3, t))
    >>> clear_root_caches()
    >>> len(KNOWN_ROOTS), len(_COEFFS), len(_ROOT_FREE)
    (0, 0, 0)
    """
    for cache in (KNOWN_ROOTS, _COEFFS, _ROOT_FREE):
        cache.clear()
