"""The verifier's exact numbers: signs of algebraic numbers, decided without the solver.

:func:`exact_sign` decides the sign of a real algebraic number: a rational at once, one
root object's number by its form in that root, square roots of rationals over a coprime
base (:mod:`alliance_games.verify_radicals`), a tower of square roots one level at a
time, and otherwise certified interval enclosures and, for a zero, the minimal
polynomial; :class:`NotExact` says what could not be decided.  :func:`exact_number`
reads a reported number as a :class:`fractions.Fraction` or an :class:`AlgebraicValue`,
with which the verifier's arithmetic is exact.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import sympy as sp
from mpmath.ctx_iv import MPIntervalContext
from sympy.polys.fields import FracElement, field

from .expr_walk import atoms_of, substitute
from .verify_radicals import radical_sign

__all__ = ["AlgebraicValue", "NotExact", "exact_sign", "exact_value", "from_sympy",
           "one_root_form", "short_expr", "show", "show_point", "to_sympy"]


class NotExact(Exception):
    """A value that is not an exact number (or whose sign cannot be decided exactly)."""


_Z = sp.Dummy("z")


def exact_sign(e: sp.Expr) -> int:
    """The exact sign of a real algebraic number.

    A rational function of one root is first put in its one-root form, which is 0 only
    for 0 (:func:`one_root_form`).  A nonzero sign is read from an interval that
    certainly holds the number (:func:`_enclosure`), narrowed until it excludes 0.  A
    number that a first interval does not separate from 0 and that holds square roots is
    decided over a coprime base of their radicands when they are rationals
    (:func:`.verify_radicals.radical_sign`), else in their tower, by signs one level down
    (:func:`_tower_sign`); only a number neither settles goes to the exact zero test (its
    minimal polynomial), and a nonzero one there to sympy's ``evalf``, which tracks its
    error.

    Examples
    --------
    >>> x = sp.Symbol("x")
    >>> g = sp.CRootOf(x**3 - x - 1, 0)
    >>> exact_sign(g**3 - g - 1), exact_sign(g - sp.Rational(4, 3))
    (0, -1)
    >>> exact_sign(sp.sqrt(2) * sp.sqrt(3) - 2)
    1
    """
    if e.is_Rational:
        return int(e.p > 0) - int(e.p < 0)
    if e.has(sp.Float):
        raise NotExact(f"{short_expr(e)} is not exact (it holds a float)")
    form = one_root_form(e)
    if form is not None:
        e = form
        if e.is_Rational:
            return int(e.p > 0) - int(e.p < 0)
    for bits in (64, 256, 1024):
        try:
            box = _enclosure(e, bits)
        except _NoEnclosure:  # e.g. the square root of an interval around 0
            box = None
        if box is not None and box.a > 0:
            return 1
        if box is not None and box.b < 0:
            return -1
        if bits == 64 and form is None:  # near 0: exact over square roots of rationals,
            # or in a tower of square roots
            exact = radical_sign(e)
            if exact is None:
                exact = _tower_sign(e)
            if exact is not None:
                return exact
        if box is None:
            break
    if form is None and _is_zero(e):
        return 0
    e = sp.expand(e)  # nonzero from here: evalf, which tracks its error, gives the sign
    if e.is_Rational:
        return int(e.p > 0) - int(e.p < 0)
    for digits in (30, 100):
        try:
            v = e.evalf(digits, strict=True)
        except Exception:  # PrecisionExhausted
            continue
        if not v.is_comparable:
            raise NotExact(f"{short_expr(e)} is not a real number")
        if not v.is_zero:
            return 1 if v > 0 else -1
    raise NotExact(f"cannot decide the sign of {short_expr(e)} exactly")


class _NoEnclosure(Exception):
    """An expression :func:`_enclosure` cannot bound (a function, a float, a cube root)."""


def _enclosure(e: sp.Expr, bits: int) -> Any:
    """An interval (mpmath's interval arithmetic, rounded outwards at ``bits`` bits) that
    certainly contains the real number ``e``: rationals, sums, products, integer powers,
    square roots and real :class:`~sympy.CRootOf` (its isolating interval refined to
    width ``2**-bits``)."""
    ctx = MPIntervalContext()
    ctx.prec = bits

    def rational(r: sp.Rational) -> Any:
        return ctx.mpf(int(r.p)) / ctx.mpf(int(r.q))

    def walk(x: sp.Expr) -> Any:
        if x.is_Rational:
            return rational(x)
        if x.is_Add:
            out = ctx.mpf(0)
            for a in x.args:
                out = out + walk(a)
            return out
        if x.is_Mul:
            out = ctx.mpf(1)
            for a in x.args:
                out = out * walk(a)
            return out
        if x.is_Pow and x.exp.is_Integer:
            return walk(x.base) ** int(x.exp)
        if x.is_Pow and x.exp.is_Rational and x.exp.q == 2:
            base = walk(x.base)
            if not base.a >= 0:
                raise _NoEnclosure
            return ctx.sqrt(base) ** int(x.exp.p)
        if isinstance(x, sp.CRootOf):
            if not x.is_real:
                raise NotExact(f"{short_expr(x)} is not a real number")
            w = sp.Rational(1, 2**bits)
            c = x.eval_rational(dx=w)  # within w / 2 of the root
            return ctx.mpf([rational(c - w).a, rational(c + w).b])
        raise _NoEnclosure
    return walk(e)


def short_expr(e: Any, limit: int = 200) -> str:
    """``e`` as text, cut to ``limit`` characters (failures name numbers, not pages).

    Examples
    --------
    >>> x = sp.Symbol("x")
    >>> short_expr(x + 1), short_expr(sp.Add(*[x**k for k in range(100)]), 30)
    ('x + 1', 'x**99 + x**98 + x**97 + x**96 ... (781 characters)')
    """
    text = str(e)
    return text if len(text) <= limit else f"{text[:limit]}... ({len(text)} characters)"


def one_root_form(e: sp.Expr, beliefs: Sequence[sp.Symbol] = ()) -> sp.Expr | None:
    """``e`` as ``sum c_i g**i`` with ``i < deg g`` when it is a rational function, with
    rational coefficients, of one real root ``g`` (the mixing probabilities of a
    three-type equilibrium are polynomials in one root): ``g``'s polynomial is
    irreducible, so this form is unique, and 0 only for 0.  None for anything else.

    With ``beliefs``, ``e`` may also be a polynomial in those symbols (a belief-dependent
    payoff at a parameter value that is a root): each coefficient is put in that form.

    Examples
    --------
    >>> x, mu = sp.Symbol("x"), sp.Symbol("mu")
    >>> g = sp.CRootOf(x**3 - x - 1, 0)
    >>> one_root_form(g**3 - g - 1), one_root_form(1 / g) == g**2 - 1
    (0, True)
    >>> one_root_form(mu * g**3 + 1 / g, [mu]) == sp.expand(mu * (g + 1) + g**2 - 1)
    True
    """
    root = _the_root(e)
    if root is None:
        return None
    g, to_z, q = root
    gens = (_Z, *beliefs)
    frac = _rational_function(substitute(e, to_z), gens)
    if frac is None or any(any(m[1:]) for m in frac.denom.monoms()):
        return None
    num = sp.Poly.from_dict(dict(frac.numer), *gens, domain="QQ")
    den = sp.Poly.from_dict({m[:1]: c for m, c in frac.denom.terms()}, _Z, domain="QQ")
    inverse = sp.Poly(den.invert(q).as_expr(), *gens, domain="QQ")
    form = (num * inverse).rem(sp.Poly(q.as_expr(), *gens, domain="QQ"))
    return substitute(form.as_expr(), {_Z: g})  # (expanded already: a sum of monomials)


def _rational_function(e: sp.Expr, gens: Sequence[sp.Symbol]) -> FracElement | None:
    """``e`` as a quotient of polynomials in ``gens`` with rational coefficients, built by
    sympy's sparse polynomial arithmetic (no expansion of the expression tree); None when
    it is not one (another atom, a float, a division by zero)."""
    if e.has(sp.Float):  # the field would take a float as the rational it rounds to
        return None
    frac_field = field(list(gens), sp.QQ)[0]
    try:
        return frac_field.from_expr(e)
    except (ValueError, ZeroDivisionError, sp.polys.polyerrors.CoercionFailed):
        return None


def _the_root(e: sp.Expr) -> tuple[sp.Expr, dict, sp.Poly] | None:
    """The one irrational number ``g`` that ``e`` is built from, if there is one: a real
    :class:`~sympy.CRootOf`, or the square root of one positive rational (``sqrt(b)``
    and its powers ``b**(k/2)``); with the replacement of its atoms by powers of ``_Z``
    and its polynomial in ``_Z`` (irreducible).  None for none, or for several."""
    roots = atoms_of(e, sp.CRootOf)
    surds = {a for a in atoms_of(e, sp.Pow) if not a.exp.is_Integer}
    if not all(a.base.is_Rational and a.exp.is_Rational and a.exp.q == 2 for a in surds):
        return None  # a root of a number that is not rational: not one root
    if len(roots) == 1 and not surds:
        (g,) = roots
        if not g.is_real:
            return None
        q = sp.Poly(substitute(g.poly.as_expr(), {g.poly.gen: _Z}), _Z, domain="QQ")
        return g, {g: _Z}, q
    bases = {a.base for a in surds}
    if roots or len(bases) != 1:
        return None
    (b,) = bases
    if b <= 0:
        return None
    return sp.sqrt(b), {a: _Z ** int(a.exp.p) for a in surds}, sp.Poly(_Z**2 - b, _Z,
                                                                          domain="QQ")


def _square_root_level(e: sp.Expr) -> tuple[sp.Expr, sp.Expr, sp.Expr, sp.Expr, sp.Expr
                                               ] | None:
    """``e`` as ``(a + b s) / (c + d s)`` with ``s = sqrt(D)`` its outermost square root
    (one whose radicand no other radicand contains) and ``a, b, c, d, D`` free of ``s``:
    ``(a, b, c, d, D)``.  None when ``e`` holds no square root (or is not a rational
    function of it)."""
    surds = {x for x in atoms_of(e, sp.Pow) if x.exp.is_Rational and x.exp.q == 2}
    bases = {x.base for x in surds}
    outer = [b for b in bases if not any(o != b and o.has(b) for o in bases)]
    if not outer:
        return None
    radicand = min(outer, key=sp.default_sort_key)
    s = sp.Dummy("s")
    e = substitute(e, {x: s ** int(2 * x.exp) for x in surds if x.base == radicand})
    # every other irrational number in ``e`` (or in the radicand) is a generator too
    found = atoms_of(e, sp.Pow, sp.CRootOf) | atoms_of(radicand, sp.Pow, sp.CRootOf)
    others = sorted({a for a in found
                     if not a.free_symbols and not (isinstance(a, sp.Pow) and a.exp.is_Integer)},
                    key=sp.default_sort_key)
    rep = {a: sp.Dummy(f"a{i}") for i, a in enumerate(others)}
    gens = (s, *rep.values())
    frac, root = (_rational_function(substitute(x, rep), gens) for x in (e, radicand))
    if frac is None or root is None:
        return None
    frac_field, back = frac.field, {d: a for a, d in rep.items()}
    parts = []
    for poly in (frac.numer, frac.denom):
        even, odd = frac_field.zero, frac_field.zero
        for monom, coeff in poly.terms():
            term = frac_field(poly.ring({(0, *monom[1:]): coeff})) * root ** (monom[0] // 2)
            if monom[0] % 2:
                odd += term
            else:
                even += term
        parts += [substitute(even.as_expr(), back), substitute(odd.as_expr(), back)]
    # sympy folds products of square roots of rationals as they come back (sqrt(21) *
    # sqrt(210) is 21 sqrt(10)): a level that does not leave fewer radicands is refused,
    # so the signs one level down end
    left = {x.base for part in (*parts, radicand) for x in atoms_of(part, sp.Pow)
            if x.exp.is_Rational and x.exp.q == 2}
    return (*parts, radicand) if len(left) < len(bases) else None


def _tower_sign(e: sp.Expr) -> int | None:
    """The exact sign of a number built by field operations and square roots over the
    rationals and one real root ``g`` (a tower ``Q(g)(sqrt(D1))...``, each radicand in
    the field below, e.g. a root of a quadratic whose coefficients are in ``Q(g)``); None
    for a number with no square root.

    The outermost square root ``s = sqrt(D)`` goes (:func:`_square_root_level`): with
    ``s > 0``, ``sign(a + b s)`` is ``sign(b)`` for ``a = 0``, ``sign(a)`` for ``b = 0``
    or ``a, b`` of one sign, else ``sign(a) * sign(a**2 - b**2 D)``: signs in the field
    below (:func:`exact_sign`), which end in one-root forms (0 only for 0), so exact zeros
    need no minimal polynomial.

    Examples
    --------
    >>> x = sp.Symbol("x")
    >>> g = sp.CRootOf(x**3 - x - 1, 0)
    >>> r = (g + sp.sqrt(g**2 + 4 * g)) / 2  # a root of y**2 - g*y - g
    >>> _tower_sign(r**2 - g * r - g), _tower_sign(r - g), _tower_sign(g - 1)
    (0, 1, None)
    """
    level = _square_root_level(e)
    if level is None:
        return None
    a, b, c, d, radicand = level
    below = exact_sign(radicand)
    if below < 0:
        raise NotExact(f"{short_expr(e)} is not a real number")

    def sign(p: sp.Expr, q: sp.Expr) -> int:  # of p + q sqrt(radicand)
        sq = 0 if below == 0 else exact_sign(q)
        sp_ = exact_sign(p)
        if sq == 0 or sp_ == sq:
            return sp_
        if sp_ == 0:
            return sq
        return sp_ * exact_sign(p**2 - q**2 * radicand)

    den = sign(c, d)
    if den == 0:
        raise NotExact(f"{short_expr(e)} divides by zero")
    return sign(a, b) * den


def _is_zero(e: sp.Expr) -> bool:
    """Whether the algebraic number ``e`` is 0, exactly: its minimal polynomial is ``z``
    (the last resort of :func:`exact_sign`, for numbers built from several roots)."""
    try:
        return sp.minimal_polynomial(e, _Z) == _Z
    except Exception as exc:  # NotAlgebraic, or too hard
        raise NotExact(f"cannot decide the sign of {short_expr(e)} exactly") from exc


def from_sympy(e: sp.Expr) -> Fraction | AlgebraicValue:
    """A sympy number as the verifier's exact number: a :class:`fractions.Fraction`, or
    an :class:`AlgebraicValue` in a canonical form (one root's polynomial, a tower of
    square roots, or rational denominators).

    Examples
    --------
    >>> from_sympy(sp.Rational(3, 4)), from_sympy(1 / (sp.sqrt(2) - 1)) > 2
    (Fraction(3, 4), True)
    """
    if e.is_Rational:
        return Fraction(int(e.p), int(e.q))
    e2 = one_root_form(e)
    if e2 is None:
        e2 = _tower_form(e)
    if e2 is None:
        e2 = sp.expand(sp.radsimp(e))  # canonical-looking: rational denominators
    if e2.is_Rational:
        return Fraction(int(e2.p), int(e2.q))
    return AlgebraicValue(e2)


def _tower_form(e: sp.Expr) -> sp.Expr | None:
    """``e`` as ``A + B sqrt(D)``, its outermost square root gone from the denominator
    and ``A, B, D`` in the same form one level down (:func:`from_sympy`); None for a number
    with no square root, or whose conjugate denominator vanishes.

    Examples
    --------
    >>> _tower_form(1 / (1 + sp.sqrt(2 + sp.sqrt(3))))
    -sqrt(3)/2 + 1/2 + (-1/2 + sqrt(3)/2)*sqrt(sqrt(3) + 2)
    """
    level = _square_root_level(e)
    if level is None:
        return None
    a, b, c, d, radicand = level
    if exact_sign(radicand) == 0:
        return to_sympy(from_sympy(a / c))
    norm = c**2 - d**2 * radicand  # (c + d s)(c - d s)
    if exact_sign(norm) == 0:
        return None
    first = to_sympy(from_sympy((a * c - b * d * radicand) / norm))
    second = to_sympy(from_sympy((b * c - a * d) / norm))
    return first + second * sp.sqrt(to_sympy(from_sympy(radicand)))


class AlgebraicValue:
    """An exact irrational (algebraic) number, e.g. from belief-dependent payoffs.

    Arithmetic and comparisons mix with :class:`fractions.Fraction` and are exact.
    """

    __slots__ = ("e",)

    def __init__(self, e: sp.Expr) -> None:
        self.e = e

    @staticmethod
    def _o(x: Any) -> Any:
        if isinstance(x, AlgebraicValue):
            return x.e
        if isinstance(x, (int, Fraction)) and not isinstance(x, bool):
            return sp.Rational(x.numerator, x.denominator)
        return NotImplemented

    def _bin(self, other: Any, f) -> Any:
        o = self._o(other)
        return NotImplemented if o is NotImplemented else from_sympy(f(self.e, o))

    def __add__(self, o): return self._bin(o, lambda a, b: a + b)  # noqa: E704
    def __radd__(self, o): return self._bin(o, lambda a, b: b + a)  # noqa: E704
    def __sub__(self, o): return self._bin(o, lambda a, b: a - b)  # noqa: E704
    def __rsub__(self, o): return self._bin(o, lambda a, b: b - a)  # noqa: E704
    def __mul__(self, o): return self._bin(o, lambda a, b: a * b)  # noqa: E704
    def __rmul__(self, o): return self._bin(o, lambda a, b: b * a)  # noqa: E704
    def __truediv__(self, o): return self._bin(o, lambda a, b: a / b)  # noqa: E704
    def __rtruediv__(self, o): return self._bin(o, lambda a, b: b / a)  # noqa: E704

    def __neg__(self) -> AlgebraicValue:
        return AlgebraicValue(-self.e)

    def __abs__(self) -> Any:
        return -self if exact_sign(self.e) < 0 else self

    def _cmp(self, other: Any) -> Any:
        o = self._o(other)
        return NotImplemented if o is NotImplemented else exact_sign(self.e - o)

    def __eq__(self, o):  # type: ignore[override]
        c = self._cmp(o)
        return c if c is NotImplemented else c == 0

    def __lt__(self, o):
        c = self._cmp(o)
        return c if c is NotImplemented else c < 0

    def __le__(self, o):
        c = self._cmp(o)
        return c if c is NotImplemented else c <= 0

    def __gt__(self, o):
        c = self._cmp(o)
        return c if c is NotImplemented else c > 0

    def __ge__(self, o):
        c = self._cmp(o)
        return c if c is NotImplemented else c >= 0

    def __hash__(self) -> int:
        return hash(self.e)

    def __str__(self) -> str:
        return str(self.e)

    __repr__ = __str__


def to_sympy(x: Fraction | AlgebraicValue) -> sp.Expr:
    """The sympy value of an exact number.

    Examples
    --------
    >>> to_sympy(Fraction(3, 4)), to_sympy(exact_value(1 + sp.sqrt(2)))
    (3/4, 1 + sqrt(2))
    """
    return x.e if isinstance(x, AlgebraicValue) else sp.Rational(x.numerator, x.denominator)


def exact_value(x: Any) -> Fraction | AlgebraicValue:
    """Convert an exact number (int, Fraction, sympy number) for exact comparison.

    Rationals become Fractions; other exact real numbers (square roots from
    belief-dependent payoffs) are kept as sympy values.  Floats are rejected.

    Examples
    --------
    >>> exact_value(3), exact_value(sp.Rational(1, 3))
    (Fraction(3, 1), Fraction(1, 3))
    >>> exact_value(sp.sqrt(2)) > Fraction(7, 5)  # an AlgebraicValue, compared exactly
    True
    >>> exact_value(0.5)
    Traceback (most recent call last):
    ...
    alliance_games.verify_numbers.NotExact: 0.5 (float) is not an exact number
    """
    if isinstance(x, bool):
        raise NotExact(f"{x!r} is a boolean, not a number")
    if isinstance(x, (int, Fraction)):
        return Fraction(x)
    if isinstance(x, AlgebraicValue):
        return x
    if isinstance(x, sp.Basic):
        if x.free_symbols:
            names = ", ".join(sorted(str(s) for s in x.free_symbols))
            raise NotExact(f"{short_expr(x)} is not a number (free symbols: {names})")
        if x.is_Rational:
            return Fraction(int(x.p), int(x.q))
        if x.is_number and not x.has(sp.Float):
            return from_sympy(x)
        raise NotExact(f"{short_expr(x)} is not an exact number")
    raise NotExact(f"{x!r} ({type(x).__name__}) is not an exact number")


def show(x: Fraction) -> str:
    """A number as the verifier's messages write it.

    Examples
    --------
    >>> show(Fraction(1, 3))
    '1/3'
    """
    return str(x)


def show_point(types: Sequence[str], mu: Sequence[Fraction]) -> str:
    """A belief as the verifier's messages write it.

    Examples
    --------
    >>> show_point(["weak", "strong"], [Fraction(1, 4), Fraction(3, 4)])
    '{weak: 1/4, strong: 3/4}'
    """
    return "{" + ", ".join(f"{t}: {show(v)}" for t, v in zip(types, mu, strict=True)) + "}"
