"""Exact signs of numbers built from rationals and square roots of rationals, for the
independent verifier.

:mod:`alliance_games.verify` must not share code with the solvers, so it carries its own
arithmetic.  A mixed equilibrium at a rational point of a belief-dependent game can have
posteriors and probabilities in a field such as ``Q(sqrt(a), sqrt(b), sqrt(c))`` with
radicands of dozens of digits; sympy writes its elements with the square roots of the
radicands' products (``sqrt(a*b)``), so a tower of one square root at a time does not
shrink, and an equilibrium's indifference (exactly 0) is too close to 0 for any number of
digits to show and too large for a minimal polynomial.

Here every radicand is written over a *coprime base* ``b_1, ..., b_k`` (pairwise coprime
integers found by gcds alone, no factoring), no ``b_i`` a perfect square, so the
products ``sqrt(b_S)`` over subsets ``S`` of the base are linearly independent over the
rationals (no product of a nonempty subset is a square: its coprime factors would all be
squares).  A number is then a vector of ``2**k`` rational coordinates: it is 0 exactly
when they all are, and the sign of ``A + B sqrt(b_k)`` (``A``, ``B`` free of ``b_k``) is
``sign(A)`` when ``B = 0`` or ``A, B`` agree, ``sign(B)`` when ``A = 0``, else
``sign(A) * sign(A**2 - b_k B**2)``, signs one generator down.
"""

from __future__ import annotations

from fractions import Fraction
from math import gcd, isqrt

import sympy as sp

__all__ = ["radical_sign"]

_Vector = dict  # frozenset of base indices -> Fraction (zero coordinates left out)

_MAX_BASE = 8  # generators: 256 coordinates, at most 3**8 signs down the recursion


def radical_sign(e: sp.Expr) -> int | None:
    """The exact sign of ``e`` when it is built from rationals, square roots of positive
    rationals, ``+``, ``*`` and integer powers (a division by 0 or any other number:
    None).

    Examples
    --------
    >>> a, b = sp.sqrt(53160010800001), sp.sqrt(21160010800001)
    >>> radical_sign(a * b - sp.sqrt(53160010800001 * 21160010800001))
    0
    >>> radical_sign((a + b) ** 2 - (a**2 + b**2) - 2 * sp.sqrt(6) * sp.sqrt(
    ...     sp.Rational(53160010800001 * 21160010800001, 6)))
    0
    >>> radical_sign(sp.sqrt(2) + sp.sqrt(3) - sp.sqrt(10)), radical_sign(1 / (sp.sqrt(2) - 1) - 2)
    (-1, 1)
    >>> radical_sign(sp.sqrt(1 + sp.sqrt(2))) is None  # a nested square root
    True
    """
    radicands: set[int] = set()
    if not _radicands(e, radicands):
        return None
    base = _coprime_base(radicands)
    if len(base) > _MAX_BASE:
        return None
    field = _Field(base)
    value = field.of(e)
    return None if value is None else field.sign(value, len(field.base))


def _radicands(e: sp.Expr, out: set) -> bool:
    """Collect the integers ``n * d`` of every square root of ``n/d`` in ``e``; False
    when ``e`` holds anything else but rationals, ``+``, ``*`` and integer powers."""
    if e.is_Rational:
        return True
    if e.is_Add or e.is_Mul:
        return all(_radicands(a, out) for a in e.args)
    if e.is_Pow and e.exp.is_Rational and e.exp.q in (1, 2):
        if e.exp.q == 1:
            return _radicands(e.base, out)
        if e.base.is_Rational and e.base > 0:
            out.add(int(e.base.p) * int(e.base.q))
            return True
    return False


def _coprime_base(numbers: set) -> list[int]:
    """Pairwise coprime integers greater than 1, none a perfect square, such that each of
    ``numbers`` is a square times a product of some of them (gcd splits only).

    Examples
    --------
    >>> sorted(_coprime_base({6, 10, 45}))
    [2, 3, 5]
    >>> sorted(_coprime_base({12, 18}))  # 12 = 2**2 * 3, 18 = 2 * 3**2
    [2, 3]
    """
    base: list[int] = []
    todo = sorted(numbers)
    while todo:
        x = todo.pop()
        if x == 1:
            continue
        for i, b in enumerate(base):
            g = gcd(x, b)
            if g > 1:
                base.pop(i)
                todo += [g, b // g, x // g]
                break
        else:
            base.append(x)
    # a base element that is a square contributes no square root; an odd power's
    # square part is moved out as a coefficient (:meth:`_Field.root`)
    return sorted(b for b in base if isqrt(b) ** 2 != b)


class _Field:
    """``Q(sqrt(b_1), ..., sqrt(b_k))``: vectors over the subsets of the base."""

    def __init__(self, base: list[int]) -> None:
        self.base = base

    def root(self, n: int) -> _Vector | None:
        """``sqrt(n)`` for a positive integer ``n`` that is a square times a product of
        base elements' powers."""
        coeff, monomial = Fraction(1), set()
        for i, b in enumerate(self.base):
            power = 0
            while n % b == 0:
                n //= b
                power += 1
            coeff *= b ** (power // 2)
            if power % 2:
                monomial.add(i)
        r = isqrt(n)
        if r * r != n:  # (the base covers every radicand: never)
            return None
        return {frozenset(monomial): coeff * r}

    def of(self, e: sp.Expr) -> _Vector | None:
        if e.is_Rational:
            return _scalar(Fraction(int(e.p), int(e.q)))
        if e.is_Add or e.is_Mul:
            parts = [self.of(a) for a in e.args]
            if any(p is None for p in parts):
                return None
            out = parts[0]
            for p in parts[1:]:
                out = _add(out, p) if e.is_Add else self.mul(out, p)
            return out
        if e.exp.q == 2:  # sqrt(n/d)**k = (sqrt(n d) / d)**k
            n, d = int(e.base.p), int(e.base.q)
            root = self.root(n * d)
            x = None if root is None else self.mul(root, _scalar(Fraction(1, d)))
            k = int(e.exp.p)
        else:
            x, k = self.of(e.base), int(e.exp)
        if x is None:
            return None
        if k < 0:
            x, k = self.inverse(x, len(self.base)), -k
            if x is None:
                return None
        out = _scalar(Fraction(1))
        while k:
            if k & 1:
                out = self.mul(out, x)
            x, k = self.mul(x, x), k >> 1
        return out

    def mul(self, x: _Vector, y: _Vector) -> _Vector:
        out: _Vector = {}
        for s, a in x.items():
            for t, b in y.items():
                c = a * b
                for i in s & t:
                    c *= self.base[i]
                _accumulate(out, s ^ t, c)
        return out

    def split(self, x: _Vector, i: int) -> tuple[_Vector, _Vector]:
        """``x = A + B sqrt(b_i)``: ``(A, B)``, both free of ``b_i``."""
        a: _Vector = {}
        b: _Vector = {}
        for s, c in x.items():
            if i in s:
                b[s - {i}] = c
            else:
                a[s] = c
        return a, b

    def inverse(self, x: _Vector, k: int) -> _Vector | None:
        """``1/x`` for ``x`` in the field of the first ``k`` generators; None for 0."""
        if not x:
            return None
        if k == 0:
            return _scalar(1 / x[frozenset()])
        a, b = self.split(x, k - 1)
        if not b:
            return self.inverse(a, k - 1)
        inv = self.inverse(self.norm(a, b, k - 1), k - 1)  # (not 0: x is not)
        if inv is None:
            return None
        minus_b = {s | {k - 1}: -c for s, c in b.items()}
        return self.mul(_add(a, minus_b), inv)  # (A - B sqrt(b_k)) / (A**2 - b_k B**2)

    def sign(self, x: _Vector, k: int) -> int:
        """The sign of ``x`` in the field of the first ``k`` generators."""
        if not x:
            return 0
        if k == 0:
            c = x[frozenset()]
            return 1 if c > 0 else -1
        a, b = self.split(x, k - 1)
        sa, sb = self.sign(a, k - 1), self.sign(b, k - 1)
        if sb == 0 or sa == sb:
            return sa
        if sa == 0:
            return sb
        return sa * self.sign(self.norm(a, b, k - 1), k - 1)

    def norm(self, a: _Vector, b: _Vector, i: int) -> _Vector:
        """``A**2 - b_i B**2``, the product of ``A + B sqrt(b_i)`` and its conjugate."""
        return _add(self.mul(a, a), self.mul(_scalar(Fraction(-self.base[i])), self.mul(b, b)))


def _scalar(c: Fraction) -> _Vector:
    return {frozenset(): c} if c else {}


def _add(x: _Vector, y: _Vector) -> _Vector:
    out = dict(x)
    for s, c in y.items():
        _accumulate(out, s, c)
    return out


def _accumulate(out: _Vector, key: frozenset, c: Fraction) -> None:
    """Add ``c`` to the coordinate ``key`` of ``out`` (a zero coordinate left out)."""
    v = out.get(key, 0) + c
    if v:
        out[key] = v
    else:
        out.pop(key, None)
