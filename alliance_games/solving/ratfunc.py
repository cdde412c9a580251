"""Rational functions of the parameters, ``Q(p0, ..., p_{k-1})``: the coefficients of
traced numbers (:mod:`.traced`).

One interface, two implementations.  With `python-flint <https://python-flint.rtfd.io>`_
installed, numerators and denominators are flint's multivariate integer polynomials
(products, gcds and factoring in C: a traced run of the flagship model over two
parameters is about ten times faster); without it, sympy's sparse rational-function
field.  Both keep the same canonical form (sympy's): numerator and denominator with
integer coefficients, without common factor or common content in ``Z[p]``, the
denominator's leading coefficient in lex order positive.  So the same function is the
same object, has the same ``numer`` and ``denom`` and gives the same sympy expression
under either implementation (``tests/test_ratfunc.py`` compares them on random
arithmetic).  The polynomials that leave a field (numerators, denominators, their
factors) have sympy's ring-element interface: ``terms``, ``LC``, ``is_ground``,
``is_linear``, ``coeff``, ``monic``, ``factor_list``, ``sqf_list``, ``as_expr``.

Examples
--------
>>> import sympy as sp
>>> K, (p, q) = field(2)
>>> f = (p / 2 + 1) / (3 * p - 6 * q)
>>> f.numer, f.denom
(p0 + 2, 6*p0 - 12*p1)
>>> f.as_expr(*sp.symbols("a b"))
(a + 2)/(6*a - 12*b)
>>> value(f, (Fraction(1), Fraction(1, 3)))
Fraction(3, 2)
"""

from __future__ import annotations

import os
from fractions import Fraction
from math import gcd
from typing import Any

import sympy as sp
from sympy import QQ
from sympy.polys.fields import FracElement
from sympy.polys.fields import field as sympy_field
from sympy.polys.polyutils import expr_from_dict
from sympy.polys.rings import PolyElement

from ..accel import flint

__all__ = ["BACKEND", "clear_caches", "field", "frac", "from_expr", "is_constant",
           "poly_sign", "poly_value", "value"]

#: ``"flint"`` or ``"sympy"``: the implementation :func:`field` builds
#: (``ALLIANCE_GAMES_RATFUNC=sympy`` in the environment forces sympy's).
BACKEND = "flint" if flint is not None and \
    os.environ.get("ALLIANCE_GAMES_RATFUNC", "") != "sympy" else "sympy"

_FIELDS: dict = {}


def field(k: int, backend: str | None = None) -> tuple:
    """``Q(p0, ..., p_{k-1})`` and its generators (one field per number of parameters
    and backend; the generators are named ``p0, p1, ...``, or ``p`` for one).

    Examples
    --------
    >>> K, (p,) = field(1)
    >>> (p ** 2 - 1) / (p + 1)
    p - 1
    """
    backend = backend or BACKEND
    if backend not in ("flint", "sympy") or (backend == "flint" and flint is None):
        raise ValueError(f"no rational-function backend {backend!r} here")
    hit = _FIELDS.get((k, backend))
    if hit is None:
        names = ("p",) if k == 1 else tuple(f"p{i}" for i in range(k))
        if backend == "flint":
            K = FlintField(names)
            hit = (K, K.gens)
        else:
            K, *gens = sympy_field(",".join(names), QQ)
            hit = (K, tuple(gens))
        _FIELDS[(k, backend)] = hit
    return hit


def from_expr(expr: sp.Expr, symbols: tuple) -> FlintFrac | FracElement:
    """A sympy rational function of ``symbols`` (rationals, the symbols, ``+``, ``*``,
    integer powers) as an element of ``field(len(symbols))``, the i-th symbol the i-th
    generator; ValueError for anything else (ZeroDivisionError for a division by 0).

    Examples
    --------
    >>> x, y = sp.symbols("x y")
    >>> f = from_expr((x ** 2 - y ** 2) / (2 * x + 2 * y) + sp.Rational(1, 3), (x, y))
    >>> f.numer, f.denom
    (3*p0 - 3*p1 + 2, 6)
    """
    K, gens = field(len(symbols))
    table = dict(zip(symbols, gens))
    memo: dict = {}

    def conv(e):
        hit = memo.get(e)
        if hit is not None:
            return hit
        if e.is_Rational:
            out = K(QQ(int(e.p), int(e.q)))
        elif e in table:
            out = table[e]
        elif e.is_Add or e.is_Mul:
            parts = [conv(a) for a in e.args]
            out = parts[0]
            for y in parts[1:]:
                out = out + y if e.is_Add else out * y
        elif e.is_Pow and e.exp.is_Integer:
            base, k = conv(e.base), int(e.exp)
            if k < 0 and not base:
                raise ZeroDivisionError(f"{e}: a negative power of 0")
            out = base ** k if k >= 0 else (1 / base) ** (-k)
        else:
            raise ValueError(f"{e} is not a rational function of "
                             f"{', '.join(map(str, symbols))}")
        memo[e] = out
        return out

    return conv(sp.sympify(expr))


def frac(x: Any) -> Fraction:
    """A rational of any of the number types met here (int, Fraction, sympy's ``QQ``
    elements on any ground types, flint's ``fmpz`` / ``fmpq``) as a Fraction.

    Examples
    --------
    >>> frac(QQ(3, 4)), frac(5)
    (Fraction(3, 4), Fraction(5, 1))
    """
    if isinstance(x, int):
        return Fraction(x)
    return Fraction(int(x.numerator), int(x.denominator))


def is_constant(f: FlintFrac | FracElement) -> bool:
    """Whether a field element does not depend on the parameters.

    Examples
    --------
    >>> K, (p,) = field(1)
    >>> is_constant(K(3)), is_constant(p / 2)
    (True, False)
    """
    if isinstance(f, FlintFrac):
        return f.n.is_constant() and f.d.is_constant()
    return f.numer.is_ground and f.denom.is_ground


def poly_value(f: FlintPoly | PolyElement, point: tuple) -> Fraction:
    """A polynomial (a ring element: a numerator, a denominator or a factor) at a
    rational point (one Fraction per generator), exactly.

    Examples
    --------
    >>> K, (p, q) = field(2)
    >>> poly_value((p * q + 1).numer, (Fraction(1, 2), Fraction(4)))
    Fraction(3, 1)
    """
    if isinstance(f, FlintPoly):
        return frac(f.q(*(flint.fmpq(x.numerator, x.denominator) for x in point)))
    if f.is_ground:
        return frac(f.LC) if f else Fraction(0)
    v = f.evaluate(list(zip(f.ring.gens, (QQ(x.numerator, x.denominator) for x in point))))
    return frac(v)


_INT_FORMS: dict = {}  # sympy ring element -> (integer coefficients, exponents, degrees)


def clear_caches() -> None:
    """Forget the integer forms of polynomials kept by :func:`poly_sign`.

    Examples
    --------
    On sympy's ring, :func:`poly_sign` keeps the integer form of each polynomial it
    evaluates:

    >>> K, (p,) = field(1, "sympy")
    >>> f = (p - 1).numer
    >>> poly_sign(f, (Fraction(2),)), f in _INT_FORMS
    (1, True)
    >>> clear_caches()
    >>> f in _INT_FORMS
    False
    """
    _INT_FORMS.clear()


def poly_sign(f: FlintPoly | PolyElement, point: tuple) -> int:
    """The exact sign of a polynomial (ring element) at a rational point (one Fraction
    per generator).  On sympy's ring, each variable's denominator raised to its degree is
    cleared, so the sum is of integers (the integer form of ``f`` is kept).

    Examples
    --------
    >>> K, (p, q) = field(2)
    >>> poly_sign((p - 2 * q).numer, (Fraction(1), Fraction(1, 2)))
    0
    """
    if isinstance(f, FlintPoly):
        v = poly_value(f, point)
        return (v > 0) - (v < 0)
    form = _INT_FORMS.get(f)
    if form is None:
        terms = list(f.terms())
        lcm = 1
        for _, c in terms:
            lcm = lcm * int(c.denominator) // gcd(lcm, int(c.denominator))
        degs = [max(m[i] for m, _ in terms) for i in range(f.ring.ngens)]
        form = _INT_FORMS[f] = ([(int(c.numerator) * (lcm // int(c.denominator)), m)
                                 for m, c in terms], degs)
    total = 0
    for c, m in form[0]:
        t = c
        for i, e in enumerate(m):
            if form[1][i]:
                t *= point[i].numerator ** e * point[i].denominator ** (form[1][i] - e)
        total += t
    return (total > 0) - (total < 0)


def value(f: FlintFrac | FracElement, point: tuple) -> Fraction:
    """A field element at a rational point, exactly.

    Examples
    --------
    >>> K, (p,) = field(1)
    >>> value(1 / (p + 1), (Fraction(1, 2),))
    Fraction(2, 3)
    """
    return poly_value(f.numer, point) / poly_value(f.denom, point)


# ------------------------------------------------------------------ python-flint
class FlintField:
    """``Q(p0, ...)`` on flint: elements are :class:`FlintFrac`."""

    def __init__(self, names: tuple) -> None:
        self.names = names
        self.ngens = len(names)
        self.zctx = flint.fmpz_mpoly_ctx.get(names, "lex")
        self.qctx = flint.fmpq_mpoly_ctx.get(names, "lex")
        self._zone = self.zctx.constant(1)
        self.zero = FlintFrac(self, self.zctx.constant(0), self._zone)
        self.one = FlintFrac(self, self._zone, self._zone)
        self.gens = tuple(FlintFrac(self, g, self._zone) for g in self.zctx.gens())
        self.ring = self  # ring elements report their ring's ``ngens`` and ``gens``

    def __repr__(self) -> str:
        return f"Rational function field in {', '.join(self.names)} over QQ (flint)"

    def __call__(self, x) -> FlintFrac:
        """A rational constant, a :class:`FlintPoly` or a field element as an element."""
        if isinstance(x, FlintFrac):
            return x
        if isinstance(x, FlintPoly):
            return self._from_q(x.q)
        r = frac(x)
        return FlintFrac(self, self.zctx.constant(r.numerator),
                         self.zctx.constant(r.denominator))

    def _from_q(self, q) -> FlintFrac:
        """An fmpq_mpoly as an element: integer numerator over the common denominator."""
        terms = q.to_dict()
        den = 1
        for c in terms.values():
            d = int(c.denominator)
            den = den * d // gcd(den, d)
        num = self.zctx.from_dict({m: int(c.numerator) * (den // int(c.denominator))
                                   for m, c in terms.items()})
        return _canonical(self, num, self.zctx.constant(den))

    def poly(self, z: flint.fmpz_mpoly) -> FlintPoly:
        """An fmpz_mpoly as a ring element."""
        return FlintPoly(self, self.qctx.from_dict(z.to_dict()))


def _canonical(K: FlintField, n, d) -> FlintFrac:
    """``n / d`` in lowest terms in ``Z[p]`` with ``LC(d) > 0`` (sympy's form)."""
    if n.is_zero():
        return K.zero
    if d.is_zero():
        raise ZeroDivisionError("rational function with denominator 0")
    if not d.is_one():
        g = n.gcd(d)  # with the common content; positive leading coefficient
        if not g.is_one():
            n, d = n / g, d / g
        if d.leading_coefficient() < 0:
            n, d = -n, -d
    return FlintFrac(K, n, d)


class FlintFrac:
    """An element of a :class:`FlintField`: ``n / d`` (fmpz_mpoly, canonical form)."""

    __slots__ = ("K", "n", "d", "_hash", "_numer", "_denom")

    def __init__(self, K: FlintField, n, d) -> None:
        self.K, self.n, self.d = K, n, d
        self._hash = self._numer = self._denom = None

    # --------------------------------------------------------------- arithmetic
    def _lift(self, y):
        if isinstance(y, FlintFrac):
            return y
        if isinstance(y, (int, Fraction)) or hasattr(y, "denominator"):
            return self.K(y)
        return NotImplemented

    def __add__(self, y):
        y = self._lift(y)
        if y is NotImplemented:
            return y
        if y.n.is_zero():
            return self
        if self.n.is_zero():
            return y
        # Henrici: with g = gcd(b, d), a/b + c/d = t / (b/g * d) for t = a*(d/g) + c*(b/g),
        # and a common factor of t and that denominator divides g (a/b, c/d in lowest
        # terms), so one gcd with g suffices (none when the denominators are coprime)
        a, b, c, d = self.n, self.d, y.n, y.d
        g = b.gcd(d) if not (b.is_one() or d.is_one()) else self.K._zone
        if g.is_one():
            t, den = a * d + c * b, b * d
        else:
            bg, dg = b / g, d / g
            t, den = a * dg + c * bg, bg * d
        if t.is_zero():
            return self.K.zero
        if not g.is_one():
            h = t.gcd(g)
            if not h.is_one():
                t, den = t / h, den / h
        return FlintFrac(self.K, t, den)

    __radd__ = __add__

    def __neg__(self):
        return FlintFrac(self.K, -self.n, self.d)

    def __sub__(self, y):
        y = self._lift(y)
        return y if y is NotImplemented else self + (-y)

    def __rsub__(self, y):
        y = self._lift(y)
        return y if y is NotImplemented else y + (-self)

    def __mul__(self, y):
        y = self._lift(y)
        if y is NotImplemented:
            return y
        if self.n.is_zero() or y.n.is_zero():
            return self.K.zero
        a, b, c, d = self.n, self.d, y.n, y.d
        if not d.is_one():  # cross-cancel: both products are then in lowest terms
            g = a.gcd(d)
            if not g.is_one():
                a, d = a / g, d / g
        if not b.is_one():
            g = c.gcd(b)
            if not g.is_one():
                c, b = c / g, b / g
        n, den = a * c, b * d
        if den.leading_coefficient() < 0:
            n, den = -n, -den
        return FlintFrac(self.K, n, den)

    __rmul__ = __mul__

    def __truediv__(self, y):
        y = self._lift(y)
        if y is NotImplemented:
            return y
        if y.n.is_zero():
            raise ZeroDivisionError("division by the zero rational function")
        return self * FlintFrac(self.K, y.d, y.n)

    def __rtruediv__(self, y):
        y = self._lift(y)
        return y if y is NotImplemented else y / self

    def __pow__(self, k: int):
        if not isinstance(k, int):
            return NotImplemented
        if k < 0:
            return (1 / self) ** (-k)
        return FlintFrac(self.K, self.n ** k, self.d ** k)

    # --------------------------------------------------------------- comparison
    def __bool__(self) -> bool:
        return not self.n.is_zero()

    def __eq__(self, y) -> bool:
        if not isinstance(y, FlintFrac):
            y = self._lift(y)
            if y is NotImplemented:
                return False
        return self.n == y.n and self.d == y.d

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = hash((tuple(self.n.coeffs()), tuple(self.n.monoms()),
                               tuple(self.d.coeffs()), tuple(self.d.monoms())))
        return self._hash

    # --------------------------------------------------------------- parts
    @property
    def numer(self) -> FlintPoly:
        """The numerator as a ring element (integer coefficients; made once)."""
        if self._numer is None:
            self._numer = self.K.poly(self.n)
        return self._numer

    @property
    def denom(self) -> FlintPoly:
        """The denominator as a ring element (integer coefficients, positive leading
        coefficient; made once)."""
        if self._denom is None:
            self._denom = self.K.poly(self.d)
        return self._denom

    def as_expr(self, *symbols: sp.Symbol) -> sp.Expr:
        """The sympy expression (as sympy's field gives it)."""
        return self.numer.as_expr(*symbols) / self.denom.as_expr(*symbols)

    def __repr__(self) -> str:
        return str(self.as_expr(*sp.symbols(self.K.names)))


class FlintPoly:
    """A polynomial with rational coefficients (an fmpq_mpoly) with the part of sympy's
    ring-element interface that the tracer uses."""

    __slots__ = ("ring", "q", "_hash")

    def __init__(self, ring: FlintField, q) -> None:
        self.ring, self.q, self._hash = ring, q, None

    def terms(self) -> list:
        """``[(monomial, coefficient)]`` (coefficients with ``numerator`` and
        ``denominator``)."""
        return [(tuple(int(e) for e in m), c) for m, c in self.q.terms()]

    @property
    def is_ground(self) -> bool:
        """Whether the polynomial is a constant (0 too)."""
        return self.q.is_constant()

    @property
    def LC(self) -> flint.fmpq:
        """The leading coefficient in lex order (0 for the zero polynomial)."""
        return self.q.leading_coefficient() if not self.q.is_zero() else flint.fmpq(0)

    @property
    def is_linear(self) -> bool:
        """Whether the total degree is at most 1 (a constant is linear, as in sympy)."""
        return all(sum(m) <= 1 for m in self.q.monoms())

    def coeff(self, one: int) -> object:
        """The constant term (``coeff(1)`` as sympy's ring elements)."""
        if one != 1:
            raise ValueError("only the constant term is asked for")
        return self.q.to_dict().get((0,) * self.ring.ngens, flint.fmpq(0))

    def monic(self) -> FlintPoly:
        """The polynomial divided by its leading coefficient (in lex order)."""
        return FlintPoly(self.ring, self.q / self.q.leading_coefficient())

    def factor_list(self) -> tuple:
        """``(coefficient, [(irreducible factor, multiplicity)])``, the factors with
        coprime integer coefficients and positive leading coefficient (as sympy's)."""
        c, facs = self.q.factor()
        out = []
        for f, e in facs:
            scale = _primitive_scale(f)
            c = c / scale ** int(e)
            out.append((FlintPoly(self.ring, f * scale), int(e)))
        return c, sorted(out, key=lambda fe: (fe[1], str(fe[0])))

    def sqf_list(self) -> tuple:
        """``(coefficient, [(monic square-free factor, multiplicity)])``, one factor per
        multiplicity (as sympy's)."""
        c, facs = self.q.factor_squarefree()
        grouped: dict = {}
        for f, e in facs:
            lc = f.leading_coefficient()
            c = c * lc ** int(e)
            g = grouped.get(int(e))
            grouped[int(e)] = f / lc if g is None else g * (f / lc)
        return c, [(FlintPoly(self.ring, grouped[e]), e) for e in sorted(grouped)]

    def as_expr(self, *symbols: sp.Symbol) -> sp.Expr:
        """The sympy expression in ``symbols`` (one per generator); ValueError for
        another number of symbols."""
        if len(symbols) != self.ring.ngens:
            raise ValueError(f"Wrong number of symbols, expected {self.ring.ngens} got "
                             f"{len(symbols)}")
        return expr_from_dict({m: sp.Rational(int(c.numerator), int(c.denominator))
                               for m, c in self.q.terms()}, *symbols) \
            if not self.q.is_zero() else sp.Integer(0)

    def __mul__(self, y) -> FlintPoly:
        if isinstance(y, FlintPoly):
            return FlintPoly(self.ring, self.q * y.q)
        return FlintPoly(self.ring, self.q * _fmpq(y))

    __rmul__ = __mul__

    def __sub__(self, y) -> FlintPoly:
        if isinstance(y, FlintPoly):
            return FlintPoly(self.ring, self.q - y.q)
        return FlintPoly(self.ring, self.q - _fmpq(y))

    def __add__(self, y) -> FlintPoly:
        if isinstance(y, FlintPoly):
            return FlintPoly(self.ring, self.q + y.q)
        return FlintPoly(self.ring, self.q + _fmpq(y))

    def __neg__(self) -> FlintPoly:
        return FlintPoly(self.ring, -self.q)

    def __bool__(self) -> bool:
        return not self.q.is_zero()

    def __eq__(self, y) -> bool:
        if isinstance(y, FlintPoly):
            return self.q == y.q
        return self.q.is_constant() and frac(self.LC) == frac(y)

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = hash((tuple(self.q.coeffs()), tuple(self.q.monoms())))
        return self._hash

    def __str__(self) -> str:  # flint's text (cheap: certificates are sorted by it)
        return str(self.q)

    def __repr__(self) -> str:
        return str(self.as_expr(*sp.symbols(self.ring.names)))


def _primitive_scale(q):
    """The rational ``s`` making ``s * q`` have coprime integer coefficients and a
    positive leading coefficient."""
    den, num = 1, 0
    for c in q.coeffs():
        d = int(c.denominator)
        den = den * d // gcd(den, d)
        num = gcd(num, int(c.numerator))
    s = flint.fmpq(den, num)
    return -s if q.leading_coefficient() < 0 else s


def _fmpq(x):
    r = frac(x)
    return flint.fmpq(r.numerator, r.denominator)
