"""Traced numbers: exact numbers at one parameter value that remember what they are a
function of, and every sign decided on them.

A one-parameter game is solved at a rational point ``p0`` by the ordinary fast exact
path (:mod:`.belief_fast`), with every number replaced by a :class:`Traced`: its value at
``p0`` (a Fraction or a quadratic irrational of :mod:`.quadratic`, which decides every
sign exactly) *and* the same number as a function of ``p``, an element of
``Q(p)[sqrt(R_1), sqrt(R_2), ...]`` (:class:`Elem`: rational functions of ``p`` times
products of square roots of square-free polynomials).  Every sign the solver asks is
recorded by the :class:`Tracer`.  The run is then valid wherever every recorded sign is
the same: on the open interval around ``p0`` up to the nearest real root of the recorded
elements' norms (:meth:`Tracer.cell`), where each element keeps its sign because it has
no zero and no pole.  With several parameters the run holds where the irreducible
polynomials of :meth:`Tracer.certificate` keep their signs.  The arithmetic on both sides
is exact; nothing is evaluated in floating point.  The rational functions are those of
:mod:`.ratfunc` (python-flint's when installed, else sympy's field).  The cells' ends are
the exact real algebraic numbers of :mod:`.traced_roots`; a run at such an end, every sign
decided at the root, is an :class:`~.traced_at_root.AlgTracer`.

Examples
--------
>>> import sympy as sp
>>> from fractions import Fraction as F
>>> p = sp.Symbol("p")
>>> tr = Tracer(p, F(1, 3))
>>> x = tr.convert(p ** 2 - sp.Rational(1, 2))
>>> (x > 0), x.value
(False, Fraction(-7, 18))
>>> [r.value for r in tr.cell(F(-10), F(10))]
[-sqrt(2)/2, sqrt(2)/2]
"""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction
from math import isqrt

import sympy as sp
from sympy import QQ
from sympy.polys.rings import PolyElement

from ..errors import UnsupportedGameError
from .quadratic import (
    MQuad,
    OutsideFastType,
    Quad,
    TracedBase,
    qsign,
    sqrt_of,
)
from .ratfunc import FlintPoly, field, frac, is_constant, poly_sign, poly_value
from .ratfunc import clear_caches as clear_field_caches
from .ratfunc import value as field_value
from .traced_roots import (
    ISOLATE_DEGREE,
    KNOWN_ROOTS,
    Root,
    as_fraction,
    clear_root_caches,
    real_roots,
    root_free,
)

__all__ = ["NONZERO", "Elem", "Traced", "Tracer", "add_elems", "certificate_condition",
           "certificate_holds", "clear_caches", "fraction_sign", "sign_matches"]


#: The "sign" of a certificate entry (and of a recorded decision) that asks only that the
#: polynomial (element) is not 0: a test of whether a number vanishes, not of its sign.
NONZERO = 2


# field -> (radicands, their indices, the radicands by their monic part): one numbering
# for all runs
_RADICALS: dict = {}


def _q(x) -> object:
    """A Fraction or int as an element of QQ."""
    if isinstance(x, Fraction):
        return QQ(x.numerator, x.denominator)
    return QQ(int(x))


def _square_free_int(n: int) -> tuple[int, int]:
    """``n = k**2 * m`` with the squares of the primes below 1000 taken out of ``m`` (no
    full factoring: a square left in ``m`` is found when the radical is made,
    :meth:`Tracer._radical`)."""
    k = 1
    for f in range(2, 1000):
        while n % (f * f) == 0:
            n //= f * f
            k *= f
    return k, n


def _rational_sqrt(x: Fraction) -> Fraction | None:
    """The square root of a positive rational when it is rational, else None.

    Examples
    --------
    >>> _rational_sqrt(Fraction(9, 4)), _rational_sqrt(Fraction(2))
    (Fraction(3, 2), None)
    """
    num, den = isqrt(x.numerator), isqrt(x.denominator)
    if num * num == x.numerator and den * den == x.denominator:
        return Fraction(num, den)
    return None


# ------------------------------------------------------------------ elements of Q(p)[sqrt R]
class Elem:
    """``sum(c_S * prod(sqrt(R_i) for i in S))``: coefficients ``c_S`` in ``Q(p)``, keyed by
    frozensets of radical indices of one :class:`Tracer` (zero coefficients dropped)."""

    __slots__ = ("terms", "_key")

    def __init__(self, terms: dict) -> None:
        self.terms = terms
        self._key = None

    def key(self) -> frozenset:
        """A hashable key of the element (radical indices are global per field, so equal
        elements of different runs have equal keys)."""
        if self._key is None:
            self._key = frozenset(self.terms.items())
        return self._key

    def is_zero(self) -> bool:
        """Whether the element is 0 (it has no terms: zero coefficients are dropped)."""
        return not self.terms

    def radicals(self) -> frozenset:
        """The indices of the radicals in the element's terms (the union of its keys)."""
        out: frozenset = frozenset()
        for s in self.terms:
            out |= s
        return out


_MEMO: dict = {}  # (operation, keys of the operands) -> result: runs repeat their arithmetic
_MEMO_SIZE = 400_000
_CONSTANTS: dict = {}  # (field, numerator, denominator) -> a rational's element
_CONSTANT: dict = {}  # (field, key of an element) -> whether it is free of the parameters


def clear_caches() -> None:
    """Forget the arithmetic, factorisations and roots memoised across traced runs (for
    measurements from a cold start; results never depend on them).

    Examples
    --------
    >>> clear_caches()
    >>> len(_MEMO), len(_FACTORS)
    (0, 0)
    """
    for cache in (_MEMO, _CONSTANTS, _CONSTANT, _SIGN_FACTORS, _BOUNDARY, _FACTORS, _AS_POLY,
                  _FACTORS_IN):
        cache.clear()
    clear_root_caches()
    clear_field_caches()


def _memo(key, compute) -> Elem:
    hit = _MEMO.get(key)
    if hit is None:
        if len(_MEMO) > _MEMO_SIZE:
            _MEMO.clear()
        hit = _MEMO[key] = compute()
    return hit


def add_elems(a: Elem, b: Elem, sign: int = 1) -> Elem:
    """``a + b`` (``a - b`` for ``sign = -1``), memoised across runs.

    Examples
    --------
    >>> import sympy as sp
    >>> p = sp.Symbol("p")
    >>> tr = Tracer(p, Fraction(1))
    >>> x, y = tr.convert(p + sp.sqrt(p)).elem, tr.convert(sp.sqrt(p)).elem
    >>> tr.to_sympy(add_elems(x, y, -1)), add_elems(x, x, -1).is_zero()
    (p, True)
    """
    if not b.terms:
        return a
    if not a.terms and sign > 0:
        return b
    return _memo(("+", a.key(), b.key(), sign), lambda: _eadd_raw(a, b, sign))


def _eadd_raw(a: Elem, b: Elem, sign: int) -> Elem:
    out = dict(a.terms)
    for s, c in b.terms.items():
        v = out.get(s)
        v = (c if sign > 0 else -c) if v is None else v + (c if sign > 0 else -c)
        if v:
            out[s] = v
        else:
            out.pop(s, None)
    return Elem(out)


class Tracer:
    """The record of one traced run at ``p = point``: the radicals met and every sign
    decided.

    Parameters
    ----------
    param : sympy.Symbol or tuple of Symbol
        The parameter, or several.
    point : Fraction or tuple of Fraction
        The rational value (one per parameter) at which the run is made.
    """

    def __init__(self, param, point) -> None:
        many = isinstance(param, (tuple, list))
        self.params = tuple(param) if many else (param,)
        self.points = tuple(Fraction(x) for x in point) if many else (Fraction(point),)
        if len(self.params) != len(self.points):
            raise ValueError("one value per parameter")
        self.param, self.point = self.params[0], self.points[0]  # one parameter: its own
        self.K, self.gens = field(len(self.params))
        self._gen_of = dict(zip(self.params, self.gens))
        # index -> square-free polynomial (a field element), shared by the runs of a field
        self._radicands, self._rad_index, self._by_monic = _RADICALS.setdefault(
            self.K, ([], {}, {}))
        self.decisions: dict = {}  # key -> (Elem, sign)
        self._recorders: list = []  # dicts recording the decisions of a part of the run
        self._signs: dict = {}  # element key -> its sign at the point
        self._chosen: dict = {}  # element key -> the factors that fix its sign here

    # -------------------------------------------------------------- building numbers
    def number(self, x: int | Fraction | Quad | MQuad | Traced) -> Traced:
        """A constant (int, Fraction, :class:`~.quadratic.Quad`, ``MQuad``) as a traced
        number."""
        if isinstance(x, Traced):
            return x
        if isinstance(x, (int, Fraction)):
            # (numerator, denominator): ints hash faster than a Fraction
            key = (self.K, x.numerator, x.denominator)
            elem = _CONSTANTS.get(key)
            if elem is None:
                if len(_CONSTANTS) > _MEMO_SIZE:
                    _CONSTANTS.clear()
                elem = _CONSTANTS[key] = Elem({frozenset(): self.K(_q(x))} if x else {})
            return Traced(self._const(x, elem), elem, self)
        if isinstance(x, (Quad, MQuad)):
            out = self.number(0)
            for d, c in (((1, x.a), (x.d, x.b)) if isinstance(x, Quad) else x.terms):
                term = self.number(c)
                if d != 1:
                    term = term * self._radical(self.K(d))
                out = out + term
            return out
        raise OutsideFastType("not a number the tracer knows: {!r}", x)

    def convert(self, expr: sp.Expr, bound: dict | None = None) -> Traced:
        """A sympy expression in the parameter (rationals, ``+``, ``*``, integer powers,
        square roots) as a traced number; :class:`~alliance_games.errors.UnsupportedGameError`
        for anything else.  ``bound``: other symbols and the traced numbers they stand for.

        Examples
        --------
        >>> p, r = sp.symbols("p r")
        >>> t = Tracer(p, Fraction(1, 2))
        >>> t.convert(2 * r + 1, {r: t.convert(1 / p)})
        Traced(Fraction(5, 1), (p + 2)/p)
        """
        if expr.is_Rational:
            return self.number(Fraction(int(expr.p), int(expr.q)))
        gen = self._gen_of.get(expr)
        if gen is not None:
            return Traced(self.points[self.params.index(expr)], Elem({frozenset(): gen}), self)
        if bound and expr in bound:
            return bound[expr]
        if expr.is_Add or expr.is_Mul:
            parts = [self.convert(a, bound) for a in expr.args]
            out = parts[0]
            for y in parts[1:]:
                out = out + y if expr.is_Add else out * y
            return out
        if expr.is_Pow and expr.exp.is_Rational and expr.exp.q in (1, 2):
            base = self.convert(expr.base, bound)
            if expr.exp.q == 2:
                base = base.sqrt()
            out = self.number(1)
            for _ in range(abs(int(expr.exp.p))):
                out = out * base
            return 1 / out if expr.exp.p < 0 else out
        raise UnsupportedGameError(
            f"{expr} is not built from the parameters {', '.join(map(str, self.params))} "
            "by +, *, integer powers "
            "and square roots; the exact parametric solve of belief-dependent games takes "
            "only such payoffs")

    def _radical(self, radicand) -> Traced:
        """``sqrt(radicand)`` for a square-free polynomial radicand (positive on the cell).

        Squares of primes above 1000 are not taken out of radicands
        (:func:`_square_free_int`), so a radicand may be a square, or a radical met before
        times the square of a rational: then the root is that rational (times that
        radical), never a new radical.  (Two radicals whose ratio is rational are not
        independent: an element such as ``a + b sqrt(R)`` with ``sqrt(R)`` rational can
        be nonzero while the product of its conjugates is 0, and could not be inverted.)

        Examples
        --------
        >>> p = sp.Symbol("p")
        >>> t = Tracer(p, Fraction(1))
        >>> x = t.convert(1657**2 * 3 * p).sqrt()  # (1657 > 1000 stays in the radicand)
        >>> y = t.convert(3 * p).sqrt()
        >>> (x - 1657 * y).identically_zero(), t.convert(sp.Integer(1657**2)).sqrt().elem.terms
        (True, {frozenset(): 1657})
        """
        i = self._rad_index.get(radicand)
        if i is None:
            lc = frac(radicand.numer.LC) / frac(radicand.denom.LC)
            monic = radicand * self.K(_q(1 / lc))
            root = _rational_sqrt(lc) if monic == self.K.one and lc > 0 else None
            if root is not None:  # a square
                return self.number(root)
            for c, j in self._by_monic.get(monic, ()):
                scale = _rational_sqrt(lc / c) if lc / c > 0 else None
                if scale is not None:  # radicand = scale**2 * R_j
                    return self.number(scale) * self._radical(self._radicands[j])
            i = len(self._radicands)
            self._rad_index[radicand] = i
            self._radicands.append(radicand)
            self._by_monic.setdefault(monic, []).append((lc, i))
        elem = Elem({frozenset((i,)): self.K.one})
        return Traced(self._root_value(radicand, elem), elem, self)

    # -------------------------------------------------------------- values at the point
    def _const(self, x, elem: Elem):
        """The value of a rational constant (its element ``elem``)."""
        return x if type(x) is Fraction else Fraction(x)

    def _at(self, f):
        """The value at the point of a rational function ``f`` of the parameters."""
        return field_value(f, self.points)

    def _root_value(self, radicand, elem: Elem):
        """The value at the point of ``sqrt(radicand)`` (its element ``elem``)."""
        return sqrt_of(field_value(radicand, self.points))

    # -------------------------------------------------------------- arithmetic on Elem
    def mul(self, a: Elem, b: Elem) -> Elem:
        """The product ``a * b`` (a square root times itself is its radicand; memoised
        across runs)."""
        if not a.terms or not b.terms:
            return Elem({})
        return _memo(("*", a.key(), b.key()), lambda: self._mul(a, b))

    def _mul(self, a: Elem, b: Elem) -> Elem:
        out: dict = {}
        for s, c in a.terms.items():
            for t, d in b.terms.items():
                coef = c * d
                for i in s & t:
                    coef = coef * self._radicands[i]
                key = s ^ t
                v = out.get(key)
                v = coef if v is None else v + coef
                if v:
                    out[key] = v
                else:
                    out.pop(key, None)
        return Elem(out)

    def _conjugate(self, a: Elem, i: int) -> Elem:
        return Elem({s: (-c if i in s else c) for s, c in a.terms.items()})

    def norm(self, a: Elem) -> tuple[object, Elem]:
        """``(N, m)`` with ``a * m == N`` in ``Q(p)`` (``m`` the product of conjugates);
        every zero of ``a`` is a zero of ``N``.  (Multiplying by the conjugate in each
        radical in turn always leaves an element of ``Q(p)``; the check is a guard.)"""
        m = Elem({frozenset(): self.K.one})
        for i in sorted(a.radicals()):
            c = self._conjugate(a, i)
            a, m = self.mul(a, c), self.mul(m, c)
        if len(a.terms) > 1 or (a.terms and frozenset() not in a.terms):
            raise OutsideFastType("a product of conjugates that keeps a square root")
        return a.terms.get(frozenset(), self.K.zero), m

    def inverse(self, a: Elem) -> Elem:
        """``1/a``: the product of the conjugates of ``a`` over its norm (:meth:`norm`;
        memoised across runs); ZeroDivisionError when the norm is 0."""
        return _memo(("1/", a.key()), lambda: self._inverse(a))

    def _inverse(self, a: Elem) -> Elem:
        n, m = self.norm(a)
        if not n:
            raise ZeroDivisionError("division by a traced zero")
        inv = 1 / n
        return Elem({s: c * inv for s, c in m.terms.items()})

    def sqrt(self, x: Traced) -> Traced:
        """The non-negative square root of ``x`` (recording ``x >= 0`` and the signs of the
        square part and denominator taken out of the root)."""
        s = x.sign()
        if s < 0:
            raise ValueError("square root of a negative number")
        if s == 0:
            return self.number(0)
        if x.elem.radicals():
            raise OutsideFastType("a square root of a number with square roots (nested)")
        f = x.elem.terms[frozenset()]
        num, den = f.numer, f.denom
        g = num * den  # sqrt(num/den) = sqrt(num*den) / |den|
        coeff, factors = g.sqf_list()  # g = coeff * prod(f**e), the f monic
        square, free = self.K.one, self.K.one
        for fac, e in factors:
            if e // 2:
                square = square * self.K(fac) ** (e // 2)
            if e % 2:
                free = free * self.K(fac)
        c = frac(coeff)  # its sign may be negative: it stays in the radicand
        k, mfree = _square_free_int(abs(c.numerator) * c.denominator)
        mfree = mfree if c > 0 else -mfree
        scale = Fraction(k, c.denominator)  # sqrt(c) = scale * sqrt(mfree)
        out = self.number(scale)
        if square != self.K.one:
            t = Traced(self._at(square), Elem({frozenset(): square}), self)
            out = out * (t if t.sign() > 0 else -t)
        if not den.is_ground:
            t = Traced(self._at(self.K(den)), Elem({frozenset(): self.K(den)}), self)
            out = out / (t if t.sign() > 0 else -t)
        elif den.LC != 1:
            out = out / self.number(abs(frac(den.LC)))
        radicand = free * mfree
        if radicand != self.K.one:
            out = out * self._radical(radicand)
        return out

    # -------------------------------------------------------------- decisions
    def value_sign(self, x: Traced) -> int:
        """The exact sign of a traced number at the point (of its value)."""
        return qsign(x.value)

    def value_hash(self, x: Traced) -> int:
        """A hash of a traced number, equal for numbers equal at the point."""
        return hash(x.value)

    def record(self, x: Traced, sign: int) -> None:
        """Record that ``sign(x) == sign``, or with ``sign = NONZERO`` only that ``x`` is not
        0 (constants are not recorded; a sign replaces a recorded "not 0")."""
        e = x.elem
        key = e.key()
        constant = _CONSTANT.get((self.K, key))
        if constant is None:
            if len(_CONSTANT) > _MEMO_SIZE:
                _CONSTANT.clear()
            constant = _CONSTANT[(self.K, key)] = \
                all(not _has_p(c) for c in e.terms.values()) and \
                all(not _has_p(self._radicands[i]) for i in e.radicals())
        if constant:
            return
        _merge(self.decisions, key, e, sign)
        for rec in self._recorders:
            _merge(rec, key, e, sign)

    def recording(self) -> dict:
        """Start recording the decisions of a part of the run (also kept in
        ``decisions``) into a new dict ``key -> (Elem, sign)``; :meth:`stop` ends it.

        Examples
        --------
        >>> p = sp.Symbol("p")
        >>> t = Tracer(p, Fraction(1, 3))
        >>> _ = t.convert(p - 1) > 0
        >>> rec = t.recording()
        >>> _ = t.convert(p ** 2 - 2) > 0
        >>> t.stop(rec)
        >>> len(t.decisions), [str(t.to_sympy(e)) for e, _ in rec.values()]
        (2, ['p**2 - 2'])
        >>> [r.value for r in t.cell(-10, 10, rec.values())]
        [-sqrt(2), sqrt(2)]
        """
        rec: dict = {}
        self._recorders.append(rec)
        return rec

    def stop(self, rec: dict) -> None:
        """Stop the recording :meth:`recording` returned (found by identity: two
        recordings with the same decisions are equal dicts)."""
        for i in range(len(self._recorders) - 1, -1, -1):
            if self._recorders[i] is rec:
                del self._recorders[i]
                return

    def replay(self, decisions: Iterable[tuple[Elem, int]]) -> None:
        """Record decisions ``(Elem, sign)`` of an earlier run as this run's own (a part
        of this run taken from one whose decisions have the same signs here)."""
        for e, sign in decisions:
            key = e.key()
            _merge(self.decisions, key, e, sign)
            for rec in self._recorders:
                _merge(rec, key, e, sign)

    def zero_decisions(self) -> list:
        """Recorded signs that are 0 at the point for elements that are not identically 0
        (the point is then a boundary point of its cell)."""
        return [e for e, s in self.decisions.values() if s == 0 and not e.is_zero()]

    def boundary_factors(self, decisions: Iterable[tuple[Elem, int]] | None = None) -> set:
        """Irreducible polynomials in the parameter (ring elements) whose real roots
        include every point where a recorded element (of ``decisions``, ``(Elem, sign)``
        pairs; all by default) changes sign or stops being defined: the zeros of its
        norm, the poles of its coefficients, the zeros of its radicands."""
        out: set = set()
        for e, _ in self.decisions.values() if decisions is None else decisions:
            if e.is_zero():
                continue
            key = e.key()
            facs = _BOUNDARY.get(key)
            if facs is None:
                n, _ = self.norm(e)
                polys = [n.numer] + [c.denom for c in e.terms.values()]
                for i in e.radicals():
                    polys += [self._radicands[i].numer, self._radicands[i].denom]
                facs = frozenset(f for poly in polys for f in _irreducible(poly))
                _BOUNDARY[key] = facs
            out |= facs
        return out

    def cell(self, lo: Root | Fraction | int | sp.Expr, hi: Root | Fraction | int | sp.Expr,
             decisions: Iterable[tuple[Elem, int]] | None = None) -> tuple[Root, Root]:
        """The open interval around the point, inside ``(lo, hi)``, on which every recorded
        element (of ``decisions``, ``(Elem, sign)`` pairs; all by default) that is not 0
        at the point keeps its sign: its ends are the nearest real roots of the boundary
        polynomials, or ``lo`` and ``hi`` (each a :class:`Root`, or a rational or
        infinity)."""
        left = lo if isinstance(lo, Root) else Root.of(lo)
        right = hi if isinstance(hi, Root) else Root.of(hi)
        point = as_fraction(self.point)
        polys = []
        for fac in self.boundary_factors(decisions):
            poly = _AS_POLY.get((fac, self.param))
            if poly is None:
                poly = sp.Poly.from_dict(
                    {m: sp.Rational(int(c.numerator), int(c.denominator))
                     for m, c in fac.terms()}, self.param, domain=QQ)
                _AS_POLY[(fac, self.param)] = poly
            polys.append(poly)
        # low degrees first: their roots narrow the window, and a polynomial of higher
        # degree proved to have no root in it is never isolated (degree 46: seconds)
        for poly in sorted(polys, key=lambda f: f.degree()):
            if poly not in KNOWN_ROOTS and poly.degree() > ISOLATE_DEGREE \
                    and root_free(poly, left.lo, right.hi):
                continue
            for r in real_roots(poly):
                if r.lo == r.hi == point:
                    continue  # a conjugate's zero: the element itself is not 0 here
                if r.less(point):
                    if left.less(r):
                        left = r
                elif r.less(right):
                    right = r
        return left, right

    # -------------------------------------------------------------- several parameters
    def _sign_factors(self, e: Elem, out: set) -> None:
        """Add to ``out`` irreducible polynomials whose signs determine the sign of ``e``
        (wherever they have the signs they have at the point, ``e`` has its sign there).

        For ``e = a + b*sqrt(R)`` (``R > 0``, its factors always kept) two of ``a``, ``b``
        and ``N = a**2 - b**2*R`` suffice, chosen by their signs at the point: where ``a``
        and ``b`` have one sign, so has ``e``; where ``N > 0``, ``|a| > |b| sqrt(R)`` and
        ``e`` has the sign of ``a``; where ``N < 0``, that of ``b``.  Only when ``N`` and
        one of ``a``, ``b`` are 0 are all four kept.  Each part has one radical fewer and
        is treated alike.  A subset of the four parts, so the cells (the sets where every
        recorded sign holds) can only grow: over two parameters the flagship's cells were
        slivers cut by zero sets that do not change the sign of ``e``.  Tested in
        ``tests/test_traced_signs.py`` against exact decisions at other points.

        Where the coefficients of ``e`` have a pole at the point (``e`` holds the inverse
        of a number whose conjugate is 0 here, written as the conjugate over the norm),
        the point lies on the pole's zero set: those polynomials, 0 here, are all that is
        added, and the certificate puts the point on a lower-dimensional piece, where no
        cell is claimed."""
        if e.is_zero():
            return
        key = e.key()
        hit = _SIGN_FACTORS.get(key)  # elements without radicals: the same at every point
        if hit is None:
            hit = self._chosen.get(key)
        if hit is None:
            found: set = set()
            if not e.radicals():
                c = e.terms[frozenset()]
                found.update(_irreducible(c.numer))
                found.update(_irreducible(c.denom))
                hit = _SIGN_FACTORS[key] = frozenset(found)
            else:
                poles = {f for c in e.terms.values() for f in _irreducible(c.denom)
                         if self._vanishes_here(f)}
                if poles:  # e = a + b*sqrt(R) with poles in a and b at the point (1/d
                    # where d's conjugate is 0 here): the point lies on their zero set, a
                    # lower-dimensional piece (signs 0 in the certificate, no cell)
                    found.update(poles)
                else:
                    a, b, R = self._split(e)
                    sa, sb = self.sign_of(a), self.sign_of(b)
                    if sa and sa == sb:
                        parts = (a, b, R)
                    else:
                        n = self._norm_part(a, b, R)
                        sn = self.sign_of(n)
                        parts = (a, n, R) if sn > 0 else (b, n, R) if sn < 0 else \
                            (a, b, n, R)
                    for x in parts:
                        self._sign_factors(x, found)
                hit = self._chosen[key] = frozenset(found)
        out |= hit

    def _nonzero_factors(self, e: Elem, nonzero: set, signs: set) -> None:
        """Add to ``nonzero`` (and ``signs``) polynomials that keep ``e`` from being 0
        wherever none of ``nonzero`` is 0 (and ``signs`` have their signs at the point).

        Without square roots: the factors of the numerator and the denominator.  For
        ``e = a + b*sqrt(R)``: ``e = 0`` forces ``N = a**2 - b**2*R = 0``, so ``N`` not 0
        (one radical fewer, treated alike), the coefficients' denominators not 0, and the
        signs that keep ``R > 0``."""
        if e.is_zero():
            return
        if not e.radicals():
            c = e.terms[frozenset()]
            nonzero.update(_irreducible(c.numer))
            nonzero.update(_irreducible(c.denom))
            return
        a, b, R = self._split(e)
        for part in (a, b):
            for c in part.terms.values():
                nonzero.update(_irreducible(c.denom))
        self._sign_factors(R, signs)
        self._nonzero_factors(self._norm_part(a, b, R), nonzero, signs)

    def sign_of(self, e: Elem) -> int:
        """The exact sign of an element at the (rational) point, from the signs of ``a``,
        ``b`` and ``a**2 - b**2*R`` for ``e = a + b*sqrt(R)`` (memoised per run).

        Examples
        --------
        >>> p = sp.Symbol("p")
        >>> t = Tracer(p, Fraction(1, 4))
        >>> x = t.convert(1 - 2 * sp.sqrt(p))  # 1 - 2 * (1/2) = 0
        >>> t.sign_of(x.elem), t.sign_of((x + t.convert(p)).elem)
        (0, 1)
        """
        if e.is_zero():
            return 0
        key = e.key()
        hit = self._signs.get(key)
        if hit is None:
            if not e.radicals():
                hit = self._field_sign(e.terms[frozenset()])
            else:
                a, b, R = self._split(e)
                sa, sb = self.sign_of(a), self.sign_of(b)
                hit = (sa or sb) if sa * sb >= 0 else \
                    sa * self.sign_of(self._norm_part(a, b, R))
            self._signs[key] = hit
        return hit

    def _field_sign(self, c) -> int:
        """The sign at the point of a rational function of the parameters."""
        return fraction_sign(self._at(c))

    def _vanishes_here(self, f) -> bool:
        """Whether the polynomial ``f`` in the parameters (a ring element) is 0 at the
        point."""
        return not fraction_sign(poly_value(f, self.points))

    def _split(self, e: Elem) -> tuple[Elem, Elem, Elem]:
        """``e = a + b*sqrt(R)`` for the highest radical of ``e``: ``(a, b, R)``, ``a`` and
        ``b`` free of that radical (the step of every sign rule on elements)."""
        i = max(e.radicals())
        a = Elem({t: c for t, c in e.terms.items() if i not in t})
        b = Elem({t - {i}: c for t, c in e.terms.items() if i in t})
        return a, b, Elem({frozenset(): self._radicands[i]})

    def _norm_part(self, a: Elem, b: Elem, R: Elem) -> Elem:
        """``a**2 - b**2*R``: where ``a`` and ``b`` have opposite signs, its sign times
        ``a``'s is the sign of ``a + b*sqrt(R)``."""
        return add_elems(self.mul(a, a), self.mul(self.mul(b, b), R), -1)

    def certificate(self) -> tuple:
        """The run's sign conditions (any number of parameters): ``((poly, sign), ...)``,
        irreducible polynomials in the parameters (ring elements) with their signs at the
        point, or :data:`NONZERO` where the run only asked whether a number vanishes
        (:meth:`_nonzero_factors`).  At every point where each has that sign, every
        recorded element has the sign it has here (a number found not 0 is not 0), so the
        run decides alike and its result (the same expressions) holds there.  A sign 0
        means the point lies on a lower-dimensional piece."""
        facs: set = set()
        nonzero: set = set()
        for e, s in self.decisions.values():
            if s == NONZERO:
                self._nonzero_factors(e, nonzero, facs)
            else:
                self._sign_factors(e, facs)
        out = [(f, fraction_sign(poly_value(f, self.points))) for f in facs]
        out += [(f, NONZERO) for f in nonzero - facs]
        return tuple(sorted(out, key=lambda fs: str(fs[0])))

    def coordinate_poly(self, i: int, value: Fraction) -> FlintPoly | PolyElement:
        """The polynomial ``p_i - value`` (a ring element, monic): a certificate entry."""
        return (self.gens[i] - self.K(_q(value))).numer.monic()

    def factors_in(self, e: Elem, i: int) -> list[tuple[sp.Expr, ...]] | None:
        """Polynomials of degree at most 2 in the parameter ``q = params[i]``, each as its
        coefficients ``(c0, c1, ...)`` (sympy expressions in the other parameters), such
        that the element keeps its sign wherever none of them vanishes (nor has a pole):
        over a common denominator, the factors of the numerators' common part and of the
        denominator, and the rest of the numerator, which must be affine in ``q``.  None
        when one of them has a higher degree in ``q`` or a radicand depends on ``q``.

        Examples
        --------
        >>> p, r = sp.symbols("p r")
        >>> t = Tracer((p, r), (Fraction(2), Fraction(1, 3)))
        >>> t.factors_in((t.convert(p * r - 1) / t.convert(r ** 2 - p)).elem, 1)
        [(1, 0), (-1, p), (p, 0, -1)]
        >>> t.factors_in(t.convert(r ** 3 - p).elem, 1) is None
        True
        """
        key = (self.params, i, e.key())
        found = _FACTORS_IN.get(key, False)
        if found is False:
            if len(_FACTORS_IN) > _MEMO_SIZE // 8:
                _FACTORS_IN.clear()
            found = _FACTORS_IN[key] = self._factors_in(e, i)
        return found

    def _factors_in(self, e: Elem, i: int) -> list[tuple[sp.Expr, ...]] | None:
        gens = self.params
        parts = []
        for s, c in e.terms.items():
            radicands = [self._radicands[j] for j in sorted(s)]
            if any(m[i] for f in radicands for g in (f.numer, f.denom) for m, _ in g.terms()):
                return None
            radical = sp.Mul(*(sp.sqrt(f.as_expr(*gens)) for f in radicands))
            parts.append((_as_qq_poly(c.numer, gens), _as_qq_poly(c.denom, gens), radical))
        den = parts[0][1]
        for _, d, _ in parts[1:]:
            den = den.lcm(d)
        nums = [n * den.exquo(d) for n, d, _ in parts]
        common = nums[0]
        for n in nums[1:]:
            common = common.gcd(n)
        a = b = sp.Integer(0)
        for n, (_, _, radical) in zip(nums, parts):
            coeffs = _coefficients_in(n.exquo(common), i)
            if len(coeffs) > 2:
                return None
            a += coeffs[0] * radical
            b += (coeffs[1] if len(coeffs) == 2 else 0) * radical
        out = [(a, b)]
        for poly in (common, den):
            for factor, _ in poly.factor_list()[1]:
                coeffs = _coefficients_in(factor, i)
                if len(coeffs) > 3:
                    return None
                out.append(coeffs)
        return out

    def to_sympy(self, e: Elem) -> sp.Expr:
        """The element as a sympy expression in the parameters (each radical the square
        root of its radicand).

        Examples
        --------
        >>> p = sp.Symbol("p")
        >>> t = Tracer(p, Fraction(1))
        >>> t.to_sympy(t.convert(p / 2 + sp.sqrt(p + 1)).elem)
        p/2 + sqrt(p + 1)
        """
        terms = []
        for s, c in e.terms.items():
            t = c.as_expr(*self.params)
            for i in sorted(s):
                t = t * sp.sqrt(self._radicands[i].as_expr(*self.params))
            terms.append(t)
        return sp.Add(*terms)


_BOUNDARY: dict = {}  # canonical element -> its irreducible boundary factors
_SIGN_FACTORS: dict = {}  # element without radicals -> the factors whose signs fix its sign
_FACTORS: dict = {}  # polynomial (ring element) -> its irreducible factors of degree > 0
_AS_POLY: dict = {}  # (ring element, parameter) -> sympy Poly
_FACTORS_IN: dict = {}  # (parameters, index, key of an element) -> Tracer.factors_in's answer


def _as_qq_poly(f, gens: tuple) -> sp.Poly:
    """A ring element (numerator or denominator of a field element) as a sympy Poly in
    ``gens`` over QQ."""
    return sp.Poly.from_dict({m: QQ(int(c.numerator), int(c.denominator))
                              for m, c in f.terms()}, *gens, domain=QQ)


def _coefficients_in(poly: sp.Poly, i: int) -> tuple:
    """The coefficients ``(c0, c1, ...)`` of ``poly`` as a polynomial in its ``i``-th
    generator, sympy expressions in the others."""
    by: dict = {}
    for m, c in poly.terms():
        by.setdefault(m[i], {})[m[:i] + (0,) + m[i + 1:]] = c
    return tuple(sp.Poly.from_dict(by[k], *poly.gens, domain=QQ).as_expr() if k in by
                 else sp.Integer(0) for k in range(max(by, default=0) + 1))


def _merge(decisions: dict, key, e: Elem, sign: int) -> None:
    """Record ``(e, sign)`` under ``key`` (a sign replaces a recorded "not 0")."""
    old = decisions.get(key)
    if old is None or (old[1] == NONZERO and sign != NONZERO):
        decisions[key] = (e, sign)


def _irreducible(poly) -> tuple:
    """The irreducible factors of positive degree of a polynomial in ``p`` (cached)."""
    if poly.is_ground:
        return ()
    hit = _FACTORS.get(poly)
    if hit is None:
        hit = tuple(f.monic() for f, _ in poly.factor_list()[1] if not f.is_ground)
        _FACTORS[poly] = hit
    return hit


def fraction_sign(x: Fraction) -> int:
    """The sign of a rational: -1, 0 or 1.

    Examples
    --------
    >>> fraction_sign(Fraction(-1, 3)), fraction_sign(Fraction(0)), fraction_sign(Fraction(2))
    (-1, 0, 1)
    """
    return (x > 0) - (x < 0)


def certificate_holds(certificate: tuple, point: tuple) -> bool:
    """Whether every polynomial of a :meth:`Tracer.certificate` has its sign at a rational
    point (one value per parameter; :data:`NONZERO`: is not 0 there), exactly.

    Examples
    --------
    A run at ``p = 1/3`` that asked the signs of ``p - 1`` and ``p**2 - 1/2`` (both
    negative there): they have those signs at 1/2, not at 1 nor at -1.

    >>> p = sp.Symbol("p")
    >>> tr = Tracer(p, Fraction(1, 3))
    >>> _ = tr.convert(p - 1) > 0
    >>> _ = tr.convert(p ** 2 - sp.Rational(1, 2)) > 0
    >>> cert = tr.certificate()
    >>> [certificate_holds(cert, (x,)) for x in (Fraction(1, 2), Fraction(1), Fraction(-1))]
    [True, False, False]
    """
    return all(sign_matches(poly_sign(f, point), s) for f, s in certificate)


def sign_matches(sign: int, wanted: int) -> bool:
    """Whether a polynomial's sign at a point satisfies a certificate entry's sign
    (:data:`NONZERO`: any sign but 0).

    Examples
    --------
    >>> sign_matches(-1, NONZERO), sign_matches(0, NONZERO), sign_matches(1, -1)
    (True, False, False)
    """
    return sign != 0 if wanted == NONZERO else sign == wanted


def certificate_condition(certificate: tuple, params: tuple) -> sp.Basic:
    """A :meth:`Tracer.certificate` as a sympy Boolean in the parameters.

    Examples
    --------
    A run at ``(p, q) = (1/3, 1/2)`` that asked the signs of ``p - q`` and ``p q - 1``:

    >>> p, q = sp.symbols("p q")
    >>> tr = Tracer((p, q), (Fraction(1, 3), Fraction(1, 2)))
    >>> _ = tr.convert(p - q) > 0
    >>> _ = tr.convert(p * q - 1) > 0
    >>> certificate_condition(tr.certificate(), (p, q))
    (p - q < 0) & (p*q - 1 < 0)
    """
    rel = {1: sp.StrictGreaterThan, -1: sp.StrictLessThan, 0: sp.Eq, NONZERO: sp.Ne}
    bounds: dict = {}  # linear part -> (tightest lower, tightest upper) for linear factors
    out = []
    for f, s in certificate:
        if s in (1, -1) and f.is_linear:
            c = frac(f.coeff(1))
            lin = f - f.coeff(1)  # f = lin + c: s > 0 means lin > -c, s < 0 means lin < -c
            lo, hi = bounds.get(lin, (None, None))
            if s > 0:
                lo = -c if lo is None else max(lo, -c)
            else:
                hi = -c if hi is None else min(hi, -c)
            bounds[lin] = (lo, hi)
            continue
        if s == 0 and f.is_linear:  # a boundary line: lin = -c
            c = frac(f.coeff(1))
            out.append(sp.Eq((f - f.coeff(1)).as_expr(*params),
                             sp.Rational(-c.numerator, c.denominator)))
            continue
        # unevaluated (the same condition): evaluating asks sympy's assumptions system for
        # the sign of a large polynomial, minutes on big certificates
        out.append(rel[s](f.as_expr(*params), 0, evaluate=False))
    for lin, (lo, hi) in bounds.items():
        e = lin.as_expr(*params)
        if lo is not None:
            out.append(e > sp.Rational(lo.numerator, lo.denominator))
        if hi is not None:
            out.append(e < sp.Rational(hi.numerator, hi.denominator))
    return sp.And(*out)


def _has_p(f) -> bool:
    return not is_constant(f)


# ------------------------------------------------------------------ the number
class Traced(TracedBase):
    """A number at the tracer's point (``value``, exact) and as a function of the
    parameter (``elem``); every comparison records its sign in the tracer."""

    __slots__ = ("value", "elem", "tracer")

    def __init__(self, value, elem: Elem, tracer: Tracer) -> None:
        self.value, self.elem, self.tracer = value, elem, tracer

    def _other(self, y) -> Traced:
        if isinstance(y, Traced):
            if y.tracer is not self.tracer:  # another run's number: another field or point
                raise OutsideFastType("numbers of two traced runs: {!r}, {!r}", self, y)
            return y
        if isinstance(y, (int, Fraction, Quad, MQuad)):
            return self.tracer.number(y)
        return NotImplemented

    def __add__(self, y):
        y = self._other(y)
        if y is NotImplemented:
            return y
        return Traced(self.value + y.value, add_elems(self.elem, y.elem), self.tracer)

    __radd__ = __add__

    def __sub__(self, y):
        y = self._other(y)
        if y is NotImplemented:
            return y
        return Traced(self.value - y.value, add_elems(self.elem, y.elem, -1), self.tracer)

    def __rsub__(self, y):
        y = self._other(y)
        if y is NotImplemented:
            return y
        return y - self

    def __neg__(self):
        return Traced(-self.value, Elem({s: -c for s, c in self.elem.terms.items()}),
                      self.tracer)

    def __mul__(self, y):
        y = self._other(y)
        if y is NotImplemented:
            return y
        return Traced(self.value * y.value, self.tracer.mul(self.elem, y.elem), self.tracer)

    __rmul__ = __mul__

    def __truediv__(self, y):
        y = self._other(y)
        if y is NotImplemented:
            return y
        if y.sign() == 0:
            raise ZeroDivisionError("division by a traced zero")
        return self * Traced(1 / y.value, self.tracer.inverse(y.elem), self.tracer)

    def __rtruediv__(self, y):
        y = self._other(y)
        if y is NotImplemented:
            return y
        return y / self

    def sign(self) -> int:
        """The exact sign at the point, recorded."""
        s = self.tracer.value_sign(self)
        self.tracer.record(self, s)
        return s

    def is_zero(self) -> bool:
        """Whether the number is 0 at the point, recorded as just that (:data:`NONZERO`
        when it is not): its cell is not cut where it changes sign through 0 elsewhere.

        Examples
        --------
        >>> p = sp.Symbol("p")
        >>> t = Tracer((p, sp.Symbol("q")), (Fraction(1), Fraction(2)))
        >>> t.convert(p - 3).is_zero(), [s for _, s in t.certificate()]
        (False, [2])
        """
        s = self.tracer.value_sign(self)
        self.tracer.record(self, s if s == 0 else NONZERO)
        return s == 0

    def identically_zero(self) -> bool:
        """Whether the number is 0 as a function of the parameters (its canonical form;
        not recorded: it holds at every point)."""
        return self.elem.is_zero()

    def _cmp(self, y) -> int:
        d = self - y
        return NotImplemented if d is NotImplemented else d.sign()

    def __lt__(self, y):
        c = self._cmp(y)
        return c if c is NotImplemented else c < 0

    def __le__(self, y):
        c = self._cmp(y)
        return c if c is NotImplemented else c <= 0

    def __gt__(self, y):
        c = self._cmp(y)
        return c if c is NotImplemented else c > 0

    def __ge__(self, y):
        c = self._cmp(y)
        return c if c is NotImplemented else c >= 0

    def __eq__(self, y):
        d = self - y
        return d if d is NotImplemented else d.is_zero()

    def __hash__(self) -> int:
        return self.tracer.value_hash(self)

    def __bool__(self) -> bool:
        return not self.is_zero()

    def __float__(self) -> float:
        return float(self.value)

    def __repr__(self) -> str:
        return f"Traced({self.value!r}, {self.sympy()})"

    def sqrt(self) -> Traced:
        """The non-negative square root (:meth:`Tracer.sqrt`, which records the signs it
        decides).

        Examples
        --------
        >>> p = sp.Symbol("p")
        >>> Tracer(p, Fraction(1)).convert(p + 3).sqrt()
        Traced(Fraction(2, 1), sqrt(p + 3))
        """
        return self.tracer.sqrt(self)

    def sympy(self) -> sp.Expr:
        """The number as a sympy expression in the parameter."""
        return self.tracer.to_sympy(self.elem)
