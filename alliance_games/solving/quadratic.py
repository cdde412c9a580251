"""Exact fast numbers ``a + b*sqrt(d)`` (rational ``a``, ``b``; integer ``d``), sums of
such numbers over several square roots, and their signs.

The on-path posteriors of two-type games whose payoffs are piecewise linear or quadratic
in the posterior are rationals or quadratic irrationals.  :class:`Quad` does exact
arithmetic with them in plain Python (:class:`fractions.Fraction`), far faster than sympy.
Arithmetic that mixes two fields ``Q(sqrt(d1))`` and ``Q(sqrt(d2))`` (two posteriors,
each a root of its own quadratic, in one linear system) gives an :class:`MQuad`, a
rational combination of square roots of distinct square classes, closed under ``+ - * /``.
A sympy number in fast arithmetic raises :class:`OutsideFastType`, as does a condition
beyond these types (a quadratic with irrational coefficients, ...); callers then fall back
to the general exact path.

Signs are exact: a certified rational enclosure of ``sqrt(d)`` (integer square roots)
decides every sign; only an exact zero is decided by algebra (square roots of integers
from distinct square classes are linearly independent over Q, so a sum of them is 0 only
when every coefficient is).  A float decides a sign only when its error bound proves it.

Examples
--------
>>> from fractions import Fraction as F
>>> r = Quad(F(1, 2), F(1, 2), 5)          # the golden ratio
>>> r * r - r - 1 == 0
True
>>> qsign(r - F(8, 5)), qcmp(r, Quad(F(0), F(1), 3))
(1, -1)
"""

from __future__ import annotations

import math
from fractions import Fraction
from math import gcd, isqrt, sqrt

import sympy as sp

from .algebraic import AlgebraicContext
from .rationals import simplest_between

_ALG = AlgebraicContext()


class TracedBase:
    """Base of number types defined elsewhere that carry their own exact arithmetic and
    comparisons (:class:`.traced.Traced`): the functions here hand them their own
    ``sqrt()`` and ``sympy()``, and compare them with their operators."""

    __slots__ = ()

    def is_zero(self) -> bool:
        """Whether the number is 0 (a test that asks nothing about its sign otherwise)."""
        return self.sign() == 0

    def identically_zero(self) -> bool:
        """Whether the number is 0 as a function of the parameters (nothing recorded)."""
        raise NotImplementedError


class OutsideFastType(Exception):
    """A number or operation outside the fast exact type (fall back to the general path).

    ``OutsideFastType(message, *values)`` formats ``message`` with the values
    (``str.format``) only when the exception is shown: the values can be large sympy
    expressions, which take long to print, and most of these exceptions are caught and
    dropped.

    Examples
    --------
    >>> str(OutsideFastType("{} is not a sum of square roots", sp.cbrt(2)))
    '2**(1/3) is not a sum of square roots'
    """

    def __str__(self) -> str:
        message, *values = self.args or ("",)
        return message.format(*values) if values else str(message)


def _square_part(n: int) -> tuple[int, int]:
    """``(k, r)`` with ``n = k*k*r``, removing square factors of small primes only."""
    k = 1
    for p in (2, 3, 5, 7, 11, 13):
        pp = p * p
        while n % pp == 0:
            n //= pp
            k *= p
    return k, n


class Quad:
    """The real number ``a + b*sqrt(d)`` (``b != 0``, ``d > 1`` not a perfect square).

    Build values with :func:`make_quad` or :func:`sqrt_of`, which return a plain
    :class:`~fractions.Fraction` when the value is rational.
    """

    __slots__ = ("a", "b", "d")

    def __init__(self, a: Fraction, b: Fraction, d: int) -> None:
        self.a, self.b, self.d = a, b, d

    # ---------------------------------------------------------------- arithmetic
    def _other(self, y):
        """``(a, b)`` of ``y`` written over this number's ``sqrt(d)``."""
        if isinstance(y, Quad):
            if y.d == self.d:
                return y.a, y.b
            s = isqrt(self.d * y.d)
            if s * s == self.d * y.d:  # sqrt(y.d) = s/self.d * sqrt(self.d)
                return y.a, y.b * Fraction(s, self.d)
            return None  # two different square roots: a multi-quadratic number
        if isinstance(y, (Fraction, int)):
            return y, 0
        if isinstance(y, MQuad):
            return None
        if isinstance(y, sp.Basic):
            raise OutsideFastType("a sympy number in fast arithmetic")
        return NotImplemented

    def __add__(self, y):
        o = self._other(y)
        if o is None:
            return _mq(_add_terms(_parts(self), _parts(y)))
        if o is NotImplemented:
            return o
        return make_quad(self.a + o[0], self.b + o[1], self.d)

    __radd__ = __add__

    def __neg__(self):
        return Quad(-self.a, -self.b, self.d)

    def __sub__(self, y):
        o = self._other(y)
        if o is None:
            return _mq(_add_terms(_parts(self), _parts(-y)))
        if o is NotImplemented:
            return o
        return make_quad(self.a - o[0], self.b - o[1], self.d)

    def __rsub__(self, y):
        o = self._other(y)
        if o is None:
            return _mq(_add_terms(_parts(y), _parts(-self)))
        if o is NotImplemented:
            return o
        return make_quad(o[0] - self.a, o[1] - self.b, self.d)

    def __mul__(self, y):
        o = self._other(y)
        if o is None:
            return _mq(_mul_terms(_parts(self), _parts(y)))
        if o is NotImplemented:
            return o
        a, b = o
        if not b:
            return make_quad(self.a * a, self.b * a, self.d)
        return make_quad(self.a * a + self.b * b * self.d, self.a * b + self.b * a, self.d)

    __rmul__ = __mul__

    def inverse(self) -> Fraction | Quad:
        """The reciprocal ``1/(a + b*sqrt(d)) = (a - b*sqrt(d)) / (a**2 - b**2*d)``, exact.

        Examples
        --------
        >>> Quad(Fraction(1), Fraction(1), 2).inverse()  # 1/(1 + sqrt(2))
        Quad(-1, 1, 2)
        """
        n = self.a * self.a - self.b * self.b * self.d  # never 0: sqrt(d) is irrational
        return make_quad(self.a / n, -self.b / n, self.d)

    def __truediv__(self, y):
        o = self._other(y)
        if o is None:
            return self * _inverse(y)
        if o is NotImplemented:
            return o
        if not o[1]:
            return make_quad(self.a / o[0], self.b / o[0], self.d)
        return self * Quad(o[0], o[1], self.d).inverse()

    def __rtruediv__(self, y):
        if isinstance(y, sp.Basic):
            raise OutsideFastType("a sympy number in fast arithmetic")
        return self.inverse() * y

    def __eq__(self, y) -> bool:
        if isinstance(y, (Quad, MQuad, Fraction, int, sp.Basic)):
            return qcmp(self, y) == 0
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self.a, self.b, self.d))

    def __float__(self) -> float:
        return float(self.a) + _float_root_term(self.b, self.d)

    def __repr__(self) -> str:
        return f"Quad({self.a}, {self.b}, {self.d})"

    def sympy(self) -> sp.Expr:
        """The same number as a sympy expression."""
        return to_sympy(self)

    def _sympy_(self) -> sp.Expr:  # exact sympify (never through float)
        return to_sympy(self)


def make_quad(a: Fraction | int, b: Fraction | int, d: int) -> Fraction | Quad:
    """``a + b*sqrt(d)``, a :class:`~fractions.Fraction` when ``b == 0``.

    Examples
    --------
    >>> make_quad(1, 2, 3), make_quad(Fraction(1, 2), 0, 3)
    (Quad(1, 2, 3), Fraction(1, 2))
    """
    if type(a) is not Fraction:
        a = Fraction(a)
    if not b:
        return a
    return Quad(a, b if type(b) is Fraction else Fraction(b), d)


def sqrt_of(x: Fraction | int | TracedBase) -> Fraction | Quad | TracedBase:
    """The exact square root of a non-negative rational (Fraction or Quad).

    Examples
    --------
    >>> sqrt_of(Fraction(9, 4)), sqrt_of(Fraction(8, 3))  # sqrt(8/3) = 2/3 sqrt(6)
    (Fraction(3, 2), Quad(0, 2/3, 6))
    """
    if isinstance(x, TracedBase):
        return x.sqrt()
    x = Fraction(x)
    if x < 0:
        raise ValueError("square root of a negative number")
    p, q = x.numerator, x.denominator
    n = p * q  # sqrt(p/q) = sqrt(p*q)/q
    r = isqrt(n)
    if r * r == n:
        return Fraction(r, q)
    k, d = _square_part(n)
    return Quad(Fraction(0), Fraction(k, q), d)


# ------------------------------------------------------------------ several square roots
class MQuad:
    """The real number ``sum(c * sqrt(d))`` over two or more square classes ``d > 1``
    (plus a rational part, radicand 1): a sum or product of quadratic irrationals from
    different fields ``Q(sqrt(d1))``, ``Q(sqrt(d2))``, ... (a multi-quadratic number).

    ``terms`` is a tuple of ``(radicand, coefficient)``, sorted by radicand, nonzero
    coefficients, no two radicands in one square class (their product is not a square).
    Square roots of integers from distinct square classes are linearly independent over
    Q (Besicovitch 1940), so this form is canonical up to the representative of each
    class and the number is 0 only when every coefficient is.  Build values by arithmetic
    on :class:`Quad`; results with one square root left are :class:`Quad` or
    :class:`~fractions.Fraction` again.

    Examples
    --------
    >>> x = sqrt_of(Fraction(2)) + sqrt_of(Fraction(3))
    >>> x
    MQuad(((2, Fraction(1, 1)), (3, Fraction(1, 1))))
    >>> x * x - 5, 1 / x == sqrt_of(Fraction(3)) - sqrt_of(Fraction(2))
    (Quad(0, 2, 6), True)
    """

    __slots__ = ("terms",)

    def __init__(self, terms: tuple) -> None:
        self.terms = terms

    def __add__(self, y):
        if not isinstance(y, (Fraction, int, Quad, MQuad)):
            return _foreign(y)
        return _mq(_add_terms(self.terms, _parts(y)))

    __radd__ = __add__

    def __neg__(self):
        return MQuad(tuple((d, -c) for d, c in self.terms))

    def __sub__(self, y):
        if not isinstance(y, (Fraction, int, Quad, MQuad)):
            return _foreign(y)
        return _mq(_add_terms(self.terms, _parts(-y)))

    def __rsub__(self, y):
        if not isinstance(y, (Fraction, int, Quad, MQuad)):
            return _foreign(y)
        return _mq(_add_terms(_parts(y), _parts(-self)))

    def __mul__(self, y):
        if not isinstance(y, (Fraction, int, Quad, MQuad)):
            return _foreign(y)
        return _mq(_mul_terms(self.terms, _parts(y)))

    __rmul__ = __mul__

    def inverse(self) -> Fraction | Quad | MQuad:
        """The reciprocal, exact, by conjugates (multiplying by the conjugate in one square
        root removes that root, down to a rational).

        Examples
        --------
        >>> (sqrt_of(Fraction(2)) + sqrt_of(Fraction(3))).inverse()  # sqrt(3) - sqrt(2)
        MQuad(((2, Fraction(-1, 1)), (3, Fraction(1, 1))))
        """
        return _inverse(self)

    def __truediv__(self, y):
        if not isinstance(y, (Fraction, int, Quad, MQuad)):
            return _foreign(y)
        return self * _inverse(y)

    def __rtruediv__(self, y):
        if not isinstance(y, (Fraction, int, Quad)):
            return _foreign(y)
        return _inverse(self) * y

    def __eq__(self, y) -> bool:
        if isinstance(y, (Quad, MQuad, Fraction, int, sp.Basic)):
            return qcmp(self, y) == 0
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.terms)

    def __float__(self) -> float:
        return sum(float(c) if d == 1 else _float_root_term(c, d) for d, c in self.terms)

    def __repr__(self) -> str:
        return f"MQuad({self.terms!r})"

    def _sympy_(self) -> sp.Expr:  # exact sympify (never through float)
        return to_sympy(self)


def _foreign(y):
    if isinstance(y, sp.Basic):
        raise OutsideFastType("a sympy number in fast arithmetic")
    return NotImplemented


def _radical(n: int) -> tuple[int, int]:
    """``(k, r)`` with ``sqrt(n) = k*sqrt(r)`` (``r == 1`` when ``n`` is a square)."""
    s = isqrt(n)
    if s * s == n:
        return s, 1
    return _square_part(n)


def _add_terms(xs, ys) -> dict[int, Fraction]:
    """The terms of a sum, one radicand per square class (the first one met)."""
    acc: dict[int, Fraction] = {}
    for d, c in (*xs, *ys):
        if not c:
            continue
        if d in acc:
            acc[d] += c
            continue
        if d != 1:
            for k in acc:
                if k != 1:
                    s = isqrt(k * d)
                    if s * s == k * d:  # sqrt(d) = s/k * sqrt(k)
                        acc[k] += c * Fraction(s, k)
                        break
            else:
                acc[d] = Fraction(c)
            continue
        acc[1] = Fraction(c)
    return acc


def _mul_terms(xs, ys) -> dict[int, Fraction]:
    """The terms of a product: ``sqrt(d1)*sqrt(d2) = g*sqrt(d1*d2/g**2)``, ``g = gcd``."""
    out = []
    for d1, c1 in xs:
        for d2, c2 in ys:
            c = c1 * c2
            if not c:
                continue
            if d1 == 1 or d2 == 1:
                out.append((d1 * d2, c))
            elif d1 == d2:
                out.append((1, c * d1))
            else:
                g = gcd(d1, d2)
                k, r = _radical((d1 // g) * (d2 // g))
                out.append((r, c * g * k))
    return _add_terms(out, ())


def _mq(acc: dict[int, Fraction]):
    """The number with these terms: a Fraction, a :class:`Quad` or an :class:`MQuad`."""
    irr = sorted((d, c) for d, c in acc.items() if d != 1 and c)
    a = acc.get(1, Fraction(0))
    if not irr:
        return Fraction(a)
    if len(irr) == 1:
        return Quad(Fraction(a), irr[0][1], irr[0][0])
    return MQuad(((1, a), *irr) if a else tuple(irr))


def _class_index(d: int, keys: list[int]) -> tuple[int, Fraction] | None:
    """``(i, f)`` with ``sqrt(d) = f*sqrt(keys[i])``, or None."""
    for i, k in enumerate(keys):
        if k == d:
            return i, Fraction(1)
        s = isqrt(k * d)
        if s * s == k * d:
            return i, Fraction(s, k)
    return None


def _inverse(x):
    """``1/x`` exactly, down the tower of square roots: with ``g`` the last of the
    independent radicands generating ``x``'s square classes, ``x = A + B*sqrt(g)`` (``A``,
    ``B`` free of ``sqrt(g)``) and ``1/x = (A - B*sqrt(g)) / (A**2 - B**2*g)``, whose
    denominator has one generator fewer."""
    if isinstance(x, (Fraction, int)):
        return Fraction(1) / x
    if isinstance(x, Quad):
        return x.inverse()
    keys = [1]  # the classes the radicands generate; index bit i <-> generator i
    for d, _ in x.terms:
        if d == 1 or _class_index(d, keys) is not None:
            continue
        keys += [next(iter(_mul_terms(((k, Fraction(1)),), ((d, Fraction(1)),))))
                 for k in keys]
    top = len(keys) // 2  # the bit of the last generator
    conj = _mq(_add_terms([(d, -c if _class_index(d, keys)[0] & top else c)
                           for d, c in x.terms], ()))
    return conj * _inverse(x * conj)


#: sympy's constructor of a Rational from coprime integers (no gcd; sympy >= 1.13)
_COPRIME = getattr(sp.Rational, "from_coprime_ints", sp.Rational)


def rational_to_sympy(x: Fraction) -> sp.Rational:
    """A Fraction as a sympy Rational, without sympy computing the gcd again (a Fraction
    is in lowest terms with a positive denominator): the same number and object type as
    ``sp.Rational(x.numerator, x.denominator)``.

    Examples
    --------
    >>> rational_to_sympy(Fraction(-6, 4)), rational_to_sympy(Fraction(3))
    (-3/2, 3)
    """
    return _COPRIME(x.numerator, x.denominator)


def to_sympy(x: Fraction | int | Quad | MQuad | TracedBase | sp.Basic) -> sp.Expr:
    """A Fraction, int, :class:`Quad` or :class:`MQuad` as a sympy number.

    Examples
    --------
    >>> to_sympy(make_quad(Fraction(1, 2), 2, 3)), to_sympy(Fraction(3, 4))
    (1/2 + 2*sqrt(3), 3/4)
    """
    if isinstance(x, (Quad, MQuad)):
        return sp.Add(*[rational_to_sympy(c) * _sympy_root(d) for d, c in _parts(x)])
    if isinstance(x, Fraction):
        return rational_to_sympy(x)
    if isinstance(x, int):
        return sp.Integer(x)
    if isinstance(x, sp.Basic):
        return x
    if isinstance(x, TracedBase):
        return x.sympy()
    raise TypeError(f"not a fast exact number: {x!r}")


def from_sympy(x: sp.Expr) -> Fraction | Quad | MQuad:
    """A sympy number built from rationals, square roots of rationals, ``+``, ``*`` and
    integer powers as a Fraction, :class:`Quad` or :class:`MQuad` (the inverse of
    :func:`to_sympy`); :class:`OutsideFastType` for anything else (a symbol, ``exp``, a
    cube root, ...).  No factoring: large radicands cost nothing.

    Examples
    --------
    >>> from_sympy(1 / (1 + sp.sqrt(2)))
    Quad(-1, 1, 2)
    >>> qsign(from_sympy(sp.sqrt(8) - 2 * sp.sqrt(2)))
    0
    """
    if x.is_Rational:
        return Fraction(int(x.p), int(x.q))
    if x.is_Add or x.is_Mul:
        parts = [from_sympy(a) for a in x.args]
        out = parts[0]
        for y in parts[1:]:
            out = out + y if x.is_Add else out * y
        return out
    if x.is_Pow and x.exp.is_Rational and x.exp.q in (1, 2):
        if x.exp.q == 2:
            if not (x.base.is_Rational and x.base >= 0):
                raise OutsideFastType("a square root of {}", x.base)
            base = sqrt_of(Fraction(int(x.base.p), int(x.base.q)))
        else:
            base = from_sympy(x.base)
        n = int(x.exp.p)
        out = Fraction(1)
        for _ in range(abs(n)):
            out = out * base
        return _inverse(out) if n < 0 else out
    raise OutsideFastType("{} is not a sum of square roots of rationals", x)


def _sympy_root(d: int) -> sp.Expr:
    if d == 1:
        return sp.Integer(1)
    # large radicands stay unevaluated: sympy would try to factor them
    return sp.sqrt(d) if d < 10 ** 12 else sp.Pow(sp.Integer(d), sp.S.Half, evaluate=False)


def _parts(x) -> tuple[tuple[int, Fraction], ...]:
    """``x`` as ``(radicand, coefficient)`` pairs (radicand 1 for the rational part)."""
    if isinstance(x, Quad):
        return ((1, x.a), (x.d, x.b))
    if isinstance(x, MQuad):
        return x.terms
    return ((1, Fraction(x)),)


def _bounds(terms, digits: int) -> tuple[Fraction, Fraction]:
    """A certified rational enclosure of ``sum(c * sqrt(d))`` over ``(d, c)`` pairs."""
    scale = 10 ** digits
    lo = hi = Fraction(0)
    for d, c in terms:
        if not c:
            continue
        if d == 1:
            lo += c
            hi += c
            continue
        r = isqrt(d * scale * scale)  # r <= sqrt(d)*scale < r+1
        a, b = c * Fraction(r, scale), c * Fraction(r + 1, scale)
        lo += min(a, b)
        hi += max(a, b)
    return lo, hi


def _sign_terms(terms) -> int:
    """The exact sign of ``sum(c * sqrt(d))`` over ``(d, c)`` pairs (any radicands)."""
    merged = _add_terms(terms, ())  # one radicand per square class
    terms = [(d, c) for d, c in merged.items() if c]
    if not terms:
        return 0
    if len(terms) == 1:
        c = terms[0][1]
        return 1 if c > 0 else -1
    if len(terms) == 2 and (terms[0][0] == 1 or terms[1][0] == 1):
        (d1, c1), (d2, c2) = terms
        if d1 != 1:
            (d1, c1), (d2, c2) = (d2, c2), (d1, c1)
        s1, s2 = (c1 > 0) - (c1 < 0), (c2 > 0) - (c2 < 0)
        if s1 == s2:
            return s1
        diff = c1 * c1 - c2 * c2 * d2  # the larger square wins
        return s1 if diff > 0 else s2
    # square roots of distinct square classes are independent over Q: the sum is not
    # zero, so a fine enough certified enclosure excludes 0
    digits = 20
    while True:
        lo, hi = _bounds(terms, digits)
        if lo > 0:
            return 1
        if hi < 0:
            return -1
        digits *= 2


def _float_root_term(b: Fraction, d: int) -> float:
    """``b * sqrt(d)`` as a float, accurate to a few units in the last place even when
    ``b`` or ``d`` alone is outside the float range (``b`` tiny and ``d`` huge, say):
    ``sqrt(b**2 * d)`` scaled by a power of 2 in integer arithmetic.  OverflowError when
    the product itself is too large; 0.0 when it is below the float range.

    Examples
    --------
    >>> _float_root_term(Fraction(1, 10 ** 400), 10 ** 800 + 1)
    1.0
    """
    if not b:
        return 0.0
    num, den = b.numerator * b.numerator * d, b.denominator * b.denominator
    e = (num.bit_length() - den.bit_length()) // 2  # num/den is about 4**e
    q = num / (den << (2 * e)) if e >= 0 else (num << (-2 * e)) / den
    return math.copysign(math.ldexp(sqrt(q), e), b)


def _mag(x) -> float:
    """An upper bound on the size of the terms of ``x`` (bounds the float error)."""
    if isinstance(x, (Quad, MQuad)):
        return sum(abs(float(c)) if d == 1 else abs(_float_root_term(c, d))
                   for d, c in _parts(x))
    return abs(float(x))


def _float_sign(x, y) -> int:
    """The sign of ``x - y`` when floats prove it (their rounding error, a few units in
    the last place of the terms' sizes, is far below the margin), else 0."""
    try:
        fx, fy = float(x), float(y)
        if abs(fx - fy) > 1e-9 * (1.0 + _mag(x) + _mag(y)):
            return 1 if fx > fy else -1
    except OverflowError:
        pass
    return 0


def _quad_sign(a: Fraction, b: Fraction, d: int) -> int:
    """The exact sign of ``a + b*sqrt(d)`` (``d`` not a square)."""
    sa, sb = (a > 0) - (a < 0), (b > 0) - (b < 0)
    if sa == sb or not sa:
        return sb
    try:  # the larger of |a| and |b|*sqrt(d) wins; floats decide when far apart
        fa, fb = abs(float(a)), abs(_float_root_term(b, d))
        if fa + fb > 1e-280 and abs(fa - fb) > 1e-9 * (fa + fb):  # normal range
            return sa if fa > fb else sb
    except OverflowError:
        pass
    return sa if a * a > b * b * d else sb


def qsign(x: Fraction | int | Quad | MQuad | TracedBase | sp.Basic) -> int:
    """The exact sign of a Fraction, int, :class:`Quad` or :class:`MQuad` (or a sympy
    algebraic number).

    Examples
    --------
    >>> qsign(make_quad(3, -2, 2)), qsign(make_quad(1, -1, 2)), qsign(Fraction(0))
    (1, -1, 0)
    """
    if type(x) is Fraction:  # the common case first: the sign of the numerator
        n = x.numerator
        return (n > 0) - (n < 0)
    if isinstance(x, sp.Basic):
        return _ALG.sign(x)
    if isinstance(x, TracedBase):
        return x.sign()
    if isinstance(x, Quad):
        return _quad_sign(x.a, x.b, x.d)
    if isinstance(x, MQuad):
        return _float_sign(x, 0) or _sign_terms(x.terms)
    return (x > 0) - (x < 0)


def qzero(x: Fraction | int | Quad | MQuad | TracedBase | sp.Basic) -> bool:
    """Whether ``x`` is exactly 0: for a traced number a decision that records only
    "zero" or "not zero" (:meth:`.traced.Traced.is_zero`), not its sign; else
    ``qsign(x) == 0``.

    Examples
    --------
    >>> qzero(Fraction(0)), qzero(make_quad(1, 1, 2))
    (True, False)
    """
    if isinstance(x, TracedBase):
        return x.is_zero()
    return qsign(x) == 0


def qeq(x: Fraction | int | Quad | MQuad | TracedBase | sp.Basic,
        y: Fraction | int | Quad | MQuad | TracedBase | sp.Basic) -> bool:
    """Whether ``x == y`` exactly: for traced numbers only "equal" or "not equal" is
    recorded (:func:`qzero` of the difference), not which is larger.

    Examples
    --------
    >>> qeq(Fraction(1, 2), make_quad(Fraction(1, 2), 0, 2)), qeq(1, 2)
    (True, False)
    """
    if isinstance(x, TracedBase):
        return qzero(x - y)
    if isinstance(y, TracedBase):
        return qzero(y - x)
    return qcmp(x, y) == 0


def qsame(x: Fraction | int | Quad | MQuad | TracedBase | sp.Basic,
          y: Fraction | int | Quad | MQuad | TracedBase | sp.Basic) -> bool:
    """Whether ``x`` and ``y`` are the same number wherever a traced run's answer is
    claimed: traced numbers identical as functions of the parameters (nothing is
    recorded; numbers equal only at the run's point count as different), others equal.

    For a test whose answer only saves work (a candidate already tried is skipped), so
    that it does not cut the run's cell.

    Examples
    --------
    >>> qsame(Fraction(1, 2), make_quad(Fraction(1, 2), 0, 2)), qsame(1, 2)
    (True, False)
    """
    if isinstance(x, TracedBase) or isinstance(y, TracedBase):
        return (x - y).identically_zero()
    return qcmp(x, y) == 0


def qcmp(x: Fraction | int | Quad | MQuad | TracedBase | sp.Basic,
         y: Fraction | int | Quad | MQuad | TracedBase | sp.Basic) -> int:
    """The exact sign of ``x - y`` (any two fast numbers, also in different fields).

    Examples
    --------
    ``sqrt(2) > 1.41`` and ``sqrt(2) + sqrt(3) < sqrt(10)``:

    >>> root = sqrt_of(Fraction(2))
    >>> qcmp(root, Fraction(141, 100)), qcmp(root + sqrt_of(Fraction(3)), sqrt_of(Fraction(10)))
    (1, -1)
    """
    if type(x) is Fraction and type(y) is Fraction:  # one cross multiplication
        a, b = x.numerator * y.denominator, y.numerator * x.denominator
        return (a > b) - (a < b)
    tx, ty = type(x), type(y)
    if tx is Quad and ty is Fraction:  # a Quad against a rational: no Quad built
        return _quad_sign(x.a - y, x.b, x.d)
    if ty is Quad and tx is Fraction:
        return -_quad_sign(y.a - x, y.b, y.d)
    if isinstance(x, TracedBase) or isinstance(y, TracedBase):
        return (x - y).sign()
    if isinstance(x, sp.Basic) or isinstance(y, sp.Basic):
        return _ALG.sign(to_sympy(x) - to_sympy(y))
    if tx is not Quad and tx is not MQuad and ty is not Quad and ty is not MQuad:
        return (x > y) - (x < y)
    if tx is Quad and (ty is not Quad or y.d == x.d) and ty is not MQuad:
        return qsign(x - y)  # one field: the exact sign of a + b*sqrt(d) is cheap
    if ty is Quad and tx is not MQuad:
        return -qsign(y - x)
    return _float_sign(x, y) or _sign_terms(
        list(_parts(x)) + [(d, -c) for d, c in _parts(y)])


def rational_between(lo: Fraction | int | Quad | MQuad | TracedBase,
                     hi: Fraction | int | Quad | MQuad | TracedBase) -> Fraction | TracedBase:
    """A rational strictly between ``lo < hi`` (fast numbers); for traced numbers their
    midpoint, which lies between them wherever ``lo < hi`` holds.

    Examples
    --------
    >>> lo, hi = sqrt_of(Fraction(2)), Fraction(3, 2)
    >>> x = rational_between(lo, hi)
    >>> isinstance(x, Fraction), qcmp(lo, x), qcmp(x, hi)
    (True, -1, -1)
    """
    if isinstance(lo, TracedBase) or isinstance(hi, TracedBase):
        return (lo + hi) / 2
    mid = Fraction((float(lo) + float(hi)) / 2)
    if qcmp(mid, lo) > 0 and qcmp(hi, mid) > 0:
        return mid
    digits = 20
    while True:
        a = _bounds(_parts(lo), digits)[1]
        b = _bounds(_parts(hi), digits)[0]
        if a < b:
            return simplest_between(a, b)
        digits *= 2


class QuadContext:
    """A decision context (see :mod:`.context`) over fast exact numbers: lets the exact
    simplex of :mod:`.lp` run on :class:`Quad` coefficients."""

    symbolic = True
    zero = Fraction(0)
    one = Fraction(1)

    @staticmethod
    def sign(x: Fraction | int | Quad | MQuad | TracedBase | sp.Basic) -> int:
        """The exact sign of ``x`` (:func:`qsign`): the sign of
        :class:`~alliance_games.solving.context_protocol.DecisionContext`."""
        return qsign(x)

    @staticmethod
    def nonzero(x: Fraction | int | Quad | MQuad | TracedBase | sp.Basic) -> bool:
        """Whether ``x`` must be worked with where a computation only skips zeros: not
        a decision.  A traced number is skipped only where it is 0 as a function of the
        parameters (nothing is recorded, so its cell does not shrink to where a value
        that merely happens to vanish here vanishes); other numbers where they are 0."""
        if isinstance(x, TracedBase):
            return not x.identically_zero()
        return qsign(x) != 0

    @staticmethod
    def simplify(x: Fraction | int | Quad | MQuad | TracedBase | sp.Basic
                 ) -> Fraction | int | Quad | MQuad | TracedBase | sp.Basic:
        """``x`` unchanged (no simplification is done): the ``simplify`` of
        :class:`~alliance_games.solving.context_protocol.DecisionContext`."""
        return x

    @staticmethod
    def coerce(x: Fraction | int | Quad | MQuad | TracedBase | sp.Basic
               ) -> Fraction | Quad | MQuad | TracedBase | sp.Basic:
        """An input number as this context's number: an int as a Fraction, the fast exact
        types and sympy numbers as they are, :class:`OutsideFastType` for anything else;
        the conversion of :class:`~alliance_games.solving.context_protocol.DecisionContext`.

        Examples
        --------
        >>> QUAD.coerce(3), QUAD.coerce(sqrt_of(Fraction(2)))
        (Fraction(3, 1), Quad(0, 1, 2))
        """
        if isinstance(x, (Fraction, Quad, MQuad, TracedBase)):
            return x
        if isinstance(x, int):
            return Fraction(x)
        if isinstance(x, sp.Basic):
            return x
        raise OutsideFastType("not a fast exact number: {!r}", x)


QUAD = QuadContext()
