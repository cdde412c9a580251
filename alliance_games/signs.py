"""The package's one exact sign for real algebraic numbers (sympy expressions without symbols).

It sits below the game objects (off-path belief sets decide membership with it) and
the solvers (:mod:`alliance_games.solving.algebraic` is its decision context).

:func:`algebraic_sign` is certified.  First a cheap interval evaluation (mpmath's interval
arithmetic, outward rounding: the true value lies inside the computed interval) decides
every number whose interval excludes 0.  A number built by field operations and square
roots over at most one real root object is then decided in that tower, by signs one
level down (:func:`_tower_sign`).  Otherwise sympy's ``evalf(..., strict=True)``
either returns a value whose requested number of leading digits is guaranteed or raises;
a nonzero value with a guaranteed leading digit has the sign of the number.  When the
value is zero at every precision tried (cancellation), the minimal polynomial decides
exactly whether the number is 0.  A number known not to be 0 gets more digits until
its sign shows (this terminates).  No float tolerance ever decides a sign.

Examples
--------
>>> import sympy as sp
>>> algebraic_sign(sp.sqrt(2) - sp.Rational(141421356237, 10**11))
1
>>> algebraic_sign(sp.sqrt(8) - 2 * sp.sqrt(2))
0
>>> algebraic_sign((1 - sp.sqrt(5)) / 2)
-1
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from functools import lru_cache

import sympy as sp
from mpmath import iv
from sympy.core.evalf import PrecisionExhausted
from sympy.polys.fields import field
from sympy.polys.polyerrors import CoercionFailed

from .accel import flint
from .errors import UndecidableConditionError
from .expr_walk import atoms_of, substitute

__all__ = ["algebraic_sign", "interval_sign", "numeric_sign", "polynomial_sign_at", "root_interval",
           "rational_point_sign", "root_sign", "sign_at_rational", "sign_on_interval"]

_Z = sp.Symbol("z_minpoly")


def _certified(x: sp.Expr, digits: int) -> int | None:
    """The sign of ``x`` if ``digits`` certified digits show it, else None (also for a
    value that evaluates to ``nan``, which no comparison may see).

    Examples
    --------
    >>> _certified(sp.sqrt(2) - 1, 30), _certified(sp.nan, 30)
    (1, None)
    """
    try:
        v = x.evalf(digits, strict=True)
    except PrecisionExhausted:
        return None
    re, im = v.as_real_imag()
    if not (re.is_Number and im.is_Number and re.is_finite and im.is_finite) or re == 0 \
            or abs(im) > abs(re):
        return None  # not evaluated (or nan), or not visibly real: more digits / exact test
    return 1 if re > 0 else -1


def _interval(x: sp.Expr, memo: dict, width: sp.Rational):
    """A certified enclosure of a constant expression (mpmath interval), or None for a
    node it does not handle (rationals, real root objects, +, *, integer and
    half-integer powers, exp).  Root objects are enclosed in intervals of ``width``
    (:func:`_root_enclosure`); ``memo`` records that one was met (key ``_ROOTS``)."""
    hit = memo.get(x)
    if hit is not None or x in memo:
        return hit
    out = None
    if x.is_Rational:
        out = iv.mpf(int(x.p)) / int(x.q) if x.q != 1 else iv.mpf(int(x.p))
    elif x.is_Add or x.is_Mul:
        parts = [_interval(a, memo, width) for a in x.args]
        if all(p is not None for p in parts):
            out = parts[0]
            for p in parts[1:]:
                out = out + p if x.is_Add else out * p
    elif x.is_Pow and x.exp.is_Rational and x.exp.q in (1, 2):
        base = _interval(x.base, memo, width)
        n = int(x.exp.p)
        if base is not None and x.exp.q == 2:  # x**(n/2) = sqrt(x)**n
            base = iv.sqrt(base) if base.a >= 0 else None
        if base is not None:
            if n >= 0:
                out = base ** n
            elif not _straddles(base):
                out = 1 / base ** (-n)
    elif isinstance(x, sp.exp):
        arg = _interval(x.args[0], memo, width)
        out = iv.exp(arg) if arg is not None else None
    elif isinstance(x, sp.CRootOf) and x.is_real:
        memo[_ROOTS] = True
        out = _root_enclosure(x, width)
    memo[x] = out
    return out


#: the widths to which real root objects' isolating intervals are refined, in turn:
#: coarse first (cheap, and enough for most signs), fine where that leaves a sign open
#: (just above the 53-bit floats of mpmath's interval arithmetic; sympy stores each
#: refined interval with the root's polynomial)
ROOT_WIDTHS = (sp.Rational(1, 2**20), sp.Rational(1, 2**50))
_ROOTS = object()


@lru_cache(maxsize=8192)
def _root_enclosure(r: sp.CRootOf, width: sp.Rational):
    """A certified enclosure of a real root object: its isolating interval (exact
    rational ends, :func:`root_interval`) narrowed below ``width``, rounded outward; None
    where sympy's interval cannot be had.

    Examples
    --------
    >>> x = sp.Symbol("x")
    >>> e = _root_enclosure(sp.CRootOf(x**2 - 2, 1), ROOT_WIDTHS[-1])
    >>> 2 in e * e, 3 in e * e, float(e.delta) < 1e-15
    (True, False, True)
    """
    ends = root_interval(r, Fraction(int(width.p), int(width.q)))
    if ends is None:
        return None
    a, b = ends
    lo = iv.mpf(a.numerator) / a.denominator
    hi = iv.mpf(b.numerator) / b.denominator
    return iv.mpf([lo.a, hi.b])


#: real root object -> its narrowest isolating interval found so far (at most
#: ``_NARROWED_SIZE`` roots: emptied when full, as a long sweep meets many)
_NARROWED: dict = {}
_NARROWED_SIZE = 8192


def root_interval(r: sp.CRootOf, width: Fraction) -> tuple[Fraction, Fraction] | None:
    """An isolating interval ``(a, b)`` of the real root object ``r`` (rational ends; the
    only root of ``r``'s polynomial in ``[a, b]``) no wider than ``width``; None where
    sympy's interval cannot be had (another sympy's internals).

    sympy's isolating interval is halved while it is too wide, keeping the half where the
    root's polynomial (sympy keeps it irreducible, so squarefree and without rational
    roots when of degree 2 or more) changes sign: one integer Horner evaluation per halving.
    sympy's own refinement took 14 s to bring a root of degree 510 (coefficients of about
    390 digits) to ``2**-128``; halving takes 0.2 s.  The narrowest interval found is kept
    for the next call, by root (so also for an equal root object built elsewhere).

    Examples
    --------
    >>> x = sp.Symbol("x")
    >>> a, b = root_interval(sp.CRootOf(x**3 - 2, 0), Fraction(1, 10**6))  # 1.259921...
    >>> a < Fraction(12599210498, 10**10) < b, b - a <= Fraction(1, 10**6)
    (True, True)
    """
    hit = _NARROWED.get(r)
    if hit is None:
        try:
            box = r._get_interval()
        except (AttributeError, TypeError, ValueError):  # another sympy's internals
            return None
        hit = (Fraction(int(box.a.numerator), int(box.a.denominator)),
               Fraction(int(box.b.numerator), int(box.b.denominator)))
    a, b = hit
    if b - a > width:
        coeffs = [int(c) for c in r.poly.clear_denoms(convert=True)[1].all_coeffs()] \
            if r.poly.domain.is_QQ or r.poly.domain.is_ZZ else None
        if coeffs is not None and flint is not None:  # evaluated in C
            coeffs = flint.fmpz_poly(coeffs[::-1])
        low = sign_at_rational(coeffs, a) if coeffs is not None else 0
        if low == 0 or low == sign_at_rational(coeffs, b):  # not as promised: sympy refines
            box = r._get_interval().refine_size(dx=sp.Rational(width.numerator, width.denominator))
            a, b = (Fraction(int(box.a.numerator), int(box.a.denominator)),
                    Fraction(int(box.b.numerator), int(box.b.denominator)))
        while b - a > width:
            m = (a + b) / 2
            s = sign_at_rational(coeffs, m)
            if s == 0:
                a = b = m
            elif s == low:
                a = m
            else:
                b = m
    if len(_NARROWED) >= _NARROWED_SIZE:
        _NARROWED.clear()
    _NARROWED[r] = (a, b)
    return a, b


def sign_at_rational(coeffs: Sequence[int] | flint.fmpz_poly, x: Fraction) -> int:
    """The sign at ``x`` of the polynomial with these integer coefficients (highest
    first): Horner on ``q**n p(x)`` for ``x = p / q``, integers only; or of a
    python-flint integer polynomial (evaluated in C: 1 ms against 6 ms for degree 510,
    coefficients of 390 digits, at a point of denominator ``2**50``).

    Examples
    --------
    >>> sign_at_rational([1, 0, -2], Fraction(7, 5)), sign_at_rational([1, 0, -2], Fraction(3, 2))
    (-1, 1)
    """
    if flint is not None and isinstance(coeffs, flint.fmpz_poly):
        v = coeffs(flint.fmpq(x.numerator, x.denominator))
        return (v > 0) - (v < 0)
    num, den = x.numerator, x.denominator
    v, scale = 0, 1
    for c in coeffs:
        v = v * num + c * scale
        scale *= den
    return (v > 0) - (v < 0)


def _straddles(v) -> bool:
    return not (v.a > 0 or v.b < 0)


def _proved_sign(enclose) -> int | None:
    """The sign an enclosure ``enclose(memo, width)`` proves (it excludes 0), at the
    coarse width and, where root objects were met and 0 is not excluded, the fine one."""
    for width in ROOT_WIDTHS:
        memo: dict = {}
        try:
            v = enclose(memo, width)
        except (ZeroDivisionError, ValueError, OverflowError):
            return None
        if v is None:
            return None
        if v.a > 0:
            return 1
        if v.b < 0:
            return -1
        if _ROOTS not in memo:
            return None
    return None


def interval_sign(x: sp.Expr) -> int | None:
    """The sign of a constant expression when a certified interval enclosure proves it
    (the interval excludes 0), else None.

    Examples
    --------
    >>> interval_sign(sp.exp(sp.Rational(1, 3)) - 1), interval_sign(sp.sqrt(2) - sp.sqrt(2))
    (1, None)
    >>> r = sp.CRootOf(sp.Symbol("x")**5 - 3 * sp.Symbol("x") + 1, 1)  # 0.33473...
    >>> interval_sign(r - sp.Rational(33473, 10**5)), interval_sign(r**5 - 3 * r + 1)
    (1, None)
    """
    return _proved_sign(lambda memo, width: _interval(x, memo, width))


def polynomial_sign_at(f: sp.Poly, point: tuple) -> int | None:
    """The sign of a polynomial with rational coefficients at a point of real algebraic
    numbers (rationals, radicals, real root objects) when a certified interval enclosure
    proves it, else None: :func:`interval_sign` of ``f(point)`` without building the
    expression.  None also for a coefficient that is not rational.

    At a point of rationals and real root objects, with python-flint, the enclosure is
    computed in its ball arithmetic (arb, in C: 0.04 ms a sign against mpmath's 0.28 ms on
    the sample points of a four-type survey game) at the precisions of
    :data:`BALL_PRECISIONS`, the root
    objects enclosed as for mpmath (:data:`ROOT_WIDTHS`); elsewhere in mpmath's interval
    arithmetic.  Either is rigorous: the exact value lies in the enclosure.

    Examples
    --------
    >>> x, y = sp.symbols("x y")
    >>> r = sp.CRootOf(x**3 - x - 1, 0)
    >>> f = sp.Poly(x**2 - 2 * y, x, y)
    >>> polynomial_sign_at(f, (r, sp.Rational(1, 2))), polynomial_sign_at(f, (r, r**2 / 2))
    (1, None)
    >>> polynomial_sign_at(f, (sp.sqrt(2), sp.Rational(1, 2))), polynomial_sign_at(f, (r, r))
    (1, -1)
    """
    point = [sp.sympify(v) for v in point]
    if not all(c.is_Rational for c in f.coeffs()):
        return None
    if flint is not None and all(v.is_Rational or (isinstance(v, sp.CRootOf) and v.is_real)
                                 for v in point):
        return _ball_sign(f, point)
    terms = [(monomial, iv.mpf(int(c.p)) / int(c.q)) for monomial, c in f.terms()]

    def enclose(memo: dict, width):
        boxes = [_interval(v, memo, width) for v in point]
        if any(b is None for b in boxes):
            return None
        total = iv.mpf(0)
        for monomial, c in terms:
            for b, k in zip(boxes, monomial):
                if k:
                    c = c * b ** k
            total = total + c
        return total

    return _proved_sign(enclose)


def rational_point_sign(f: sp.Poly, point: tuple) -> int:
    """The exact sign of a polynomial with rational coefficients at a point of rationals:
    python-flint's rational polynomials evaluate it (the polynomial converted once), else
    sympy's ``Poly.eval``.

    Examples
    --------
    >>> x, y = sp.symbols("x y")
    >>> f = sp.Poly(x**2 - 2 * y, x, y)
    >>> [rational_point_sign(f, (sp.Integer(2), v)) for v in (1, 2, 3)]
    [1, 0, -1]
    """
    if flint is None or not all(c.is_Rational for c in f.coeffs()):
        v = f.eval(dict(zip(f.gens, point)))
        return (v > 0) - (v < 0)
    v = _flint_form(f)(*(flint.fmpq(int(c.p), int(c.q)) for c in map(sp.Rational, point)))
    return (v > 0) - (v < 0)


@lru_cache(maxsize=4096)
def _flint_form(f: sp.Poly):
    """``f`` (rational coefficients) as a python-flint rational polynomial."""
    ctx = flint.fmpq_mpoly_ctx.get(tuple(f"g{i}" for i in range(len(f.gens))), "lex")
    return ctx.from_dict(dict(_flint_terms(f)))


#: working precisions (bits) of the ball arithmetic, one per width of :data:`ROOT_WIDTHS`
BALL_PRECISIONS = (64, 96)


@lru_cache(maxsize=4096)
def _flint_terms(f: sp.Poly) -> tuple:
    """``f``'s terms with python-flint rational coefficients (converted once, for the
    exact evaluation and the ball arithmetic)."""
    return tuple((monomial, flint.fmpq(int(c.p), int(c.q))) for monomial, c in f.terms())


def _ball(v: sp.Expr, width: sp.Rational):
    """A ball holding a rational or a real root object (its isolating interval narrowed
    below ``width``, :func:`root_interval`), or None."""
    if v.is_Rational:
        return flint.arb(flint.fmpq(int(v.p), int(v.q)))
    ends = root_interval(v, Fraction(int(width.p), int(width.q)))
    if ends is None:
        return None
    a, b = (flint.arb(flint.fmpq(e.numerator, e.denominator)) for e in ends)
    return a.union(b)


def _ball_sign(f: sp.Poly, point: list) -> int | None:
    """:func:`polynomial_sign_at` in python-flint's ball arithmetic, at a point of
    rationals and real root objects: the sign the enclosure proves at the coarse root
    width, else at the fine one (where the point has a root object), else None."""
    terms = _flint_terms(f)
    saved = flint.ctx.prec
    try:
        for width, prec in zip(ROOT_WIDTHS, BALL_PRECISIONS):
            flint.ctx.prec = prec
            balls = [_ball(v, width) for v in point]
            if any(b is None for b in balls):
                return None
            powers = [[flint.arb(1), b] for b in balls]
            total = flint.arb(0)
            for monomial, c in terms:
                term = flint.arb(c)
                for pw, k in zip(powers, monomial):
                    if k:
                        while len(pw) <= k:
                            pw.append(pw[-1] * pw[1])
                        term = term * pw[k]
                total = total + term
            if total > 0:
                return 1
            if total < 0:
                return -1
            if all(v.is_Rational for v in point):
                return None
    finally:
        flint.ctx.prec = saved
    return None


def numeric_sign(x: sp.Expr) -> int | None:
    """The sign of a constant real algebraic number when certified numerics show it
    (interval arithmetic, then 30 and 60 certified digits), else None: 0, and numbers
    too close to it, give None, never a wrong sign.  :func:`algebraic_sign`'s first step.

    Examples
    --------
    >>> numeric_sign(sp.sqrt(3) - sp.sqrt(2))
    1
    >>> numeric_sign(sp.sqrt(2) + sp.sqrt(3) - sp.sqrt(5 + 2 * sp.sqrt(6))) is None  # 0
    True
    """
    s = interval_sign(x)
    return s if s is not None else _digits_sign(x)


def _digits_sign(x: sp.Expr) -> int | None:
    """The sign 30, then 60 certified digits show, else None."""
    for digits in (30, 60):
        s = _certified(x, digits)
        if s is not None:
            return s
    return None


def algebraic_sign(x: sp.Expr | int | Fraction, nonzero: bool = False) -> int:
    """The exact sign (-1, 0 or 1) of a real algebraic number given as a sympy expression.

    With ``nonzero`` the caller has proved the number is not 0, and the minimal polynomial
    (which can take minutes for a number built from two root objects) is skipped: digits
    are raised until the sign shows.

    Raises :class:`~alliance_games.errors.UndecidableConditionError` when the expression
    has free symbols or is not an algebraic number sympy can handle.

    Examples
    --------
    >>> algebraic_sign(sp.Rational(-1, 3)), algebraic_sign(sp.sqrt(3) - sp.sqrt(2))
    (-1, 1)
    """
    x = sp.sympify(x)
    if x.is_Rational:
        return (x.p > 0) - (x.p < 0)
    if x.free_symbols:
        raise UndecidableConditionError(f"the sign of {x} depends on symbols")
    s = interval_sign(x)
    if s is None and nonzero:  # known nonzero: a few digits usually show the sign
        s = _certified(x, 30)
    if s is None:
        s = _tower_sign(x)
    if s is not None:
        return s
    s = _digits_sign(x)  # not in a tower over one root: digits, then the minimal polynomial
    if s is not None:
        return s
    try:
        if not nonzero and sp.minimal_polynomial(x, _Z) == _Z:
            return 0
    except (NotImplementedError, ValueError) as exc:
        raise UndecidableConditionError(f"cannot decide the sign of {x}: {exc}") from exc
    digits = 120
    while digits <= 20000:  # nonzero: enough digits show its sign
        s = _certified(x, digits)
        if s is not None:
            return s
        digits *= 2
    raise UndecidableConditionError(f"cannot decide the sign of {x}")


def _tower_sign(x: sp.Expr) -> int | None:
    """The exact sign of ``x``, for a number built by field operations and square roots
    over the rationals and at most one real root object; None for any other number
    (left to digits and its minimal polynomial, which takes minutes for some numbers
    built from a root and a square root).

    ``x`` is written ``(a + b sqrt(D)) / (c + d sqrt(D))``, ``sqrt(D)`` its outermost
    square root and ``a, b, c, d, D`` free of it (:func:`_fraction_parts`), and each of
    numerator and denominator has its sign read from signs one level down, by
    :func:`algebraic_sign`: ``a + b sqrt(D)`` has the sign of ``a`` when ``b`` or ``D``
    is 0, of ``b`` when ``a`` is 0, their common sign when they agree, and otherwise
    ``sign(a) sign(a**2 - b**2 D)``.  A number of one root's field has the sign of
    numerator times denominator, polynomials in the root (:func:`root_sign`: 0 where the
    root's polynomial divides the numerator).

    Examples
    --------
    >>> x = sp.Symbol("x")
    >>> r = sp.CRootOf(x**3 - x - 1, 0)
    >>> y = (r + sp.sqrt(r**2 + 4 * r)) / 2  # a root of y**2 - r*y - r
    >>> _tower_sign(y**2 - r * y - r), _tower_sign(r - y), _tower_sign(sp.cbrt(r) - 1)
    (0, -1, None)
    >>> _tower_sign(1 - r * sp.sqrt(r**3 - r - 1))  # the square root of 0: no digits show it
    1
    """
    parts = _fraction_parts(x)
    if parts is None:
        return None
    (a, b), (c, d), radicand = parts
    if radicand is None:  # one root's field: a and c are polynomials in it
        (root,) = atoms_of(a + c, sp.CRootOf) or (None,)
        if root is None:
            numer, denom = _rational_sign(a), _rational_sign(c)
        else:
            numer, denom = (root_sign(sp.Poly(substitute(y, {root: _Z}), _Z, domain=sp.QQ), root)
                            for y in (a, c))
    else:
        below = algebraic_sign(radicand)
        if below < 0:  # not a real number: left to the minimal polynomial
            return None
        numer, denom = _sum_sign(a, b, radicand, below), _sum_sign(c, d, radicand, below)
    if denom == 0:
        raise UndecidableConditionError(f"{x} divides by 0")
    return numer * denom


def _rational_sign(q: sp.Expr) -> int:
    q = sp.Rational(q)
    return (q.p > 0) - (q.p < 0)


def _sum_sign(a: sp.Expr, b: sp.Expr, radicand: sp.Expr, below: int) -> int:
    """The sign of ``a + b sqrt(D)``, ``below`` the sign of ``D`` (not negative)."""
    sa = algebraic_sign(a)
    sb = 0 if below == 0 else algebraic_sign(b)
    if sb == 0 or sa == sb:
        return sa
    if sa == 0:
        return sb
    return sa * algebraic_sign(a**2 - b**2 * radicand)


def _fraction_parts(x: sp.Expr) -> tuple[tuple[sp.Expr, sp.Expr], tuple[sp.Expr, sp.Expr],
                                         sp.Expr | None] | None:
    """``x`` as ``((a, b), (c, d), D)`` with ``(a + b sqrt(D)) / (c + d sqrt(D))`` its
    value, ``sqrt(D)`` its outermost square root and ``a, b, c, d`` free of it;
    ``((p, 0), (q, 0), None)`` for a number ``p / q`` of one root's field (polynomials in
    the root); None for any other number (a float, a cube root, two root objects)."""
    if x.has(sp.Float):
        return None
    powers = {q for q in atoms_of(x, sp.Pow) if not q.exp.is_Integer}
    if not all(q.exp.is_Rational and q.exp.q == 2 for q in powers):
        return None
    radicands = {q.base for q in powers}
    outermost = sorted((d for d in radicands if not any(o != d and o.has(d) for o in radicands)),
                       key=sp.default_sort_key)
    roots = sorted(atoms_of(x, sp.CRootOf), key=sp.default_sort_key)
    if not outermost and len(roots) != 1:
        return None
    s = sp.Dummy("s")
    radicand = outermost[0] if outermost else None
    x = substitute(x, {q: s ** int(2 * q.exp) for q in powers if q.base == radicand})
    atoms = sorted({q for q in atoms_of(x, sp.Pow) if not q.exp.is_Integer} | set(roots),
                   key=sp.default_sort_key)
    names = [sp.Dummy() for _ in atoms]
    try:
        fraction = field([s, *names], sp.QQ)[0].from_expr(substitute(x, dict(zip(atoms, names))))
    except (ValueError, ZeroDivisionError, CoercionFailed):
        return None
    halves = []
    for poly in (fraction.numer, fraction.denom):
        even, odd = [], []
        for monomial, c in poly.terms():
            term = sp.Mul(sp.Rational(c.numerator, c.denominator),
                          *[a**k for a, k in zip(atoms, monomial[1:])])
            if radicand is not None:
                term *= radicand ** (monomial[0] // 2)
            (odd if monomial[0] % 2 else even).append(term)
        halves.append((sp.Add(*even), sp.Add(*odd)))
    # products of square roots of rationals fold as they come back (sqrt(21) * sqrt(210)
    # is 21 sqrt(10)): a level must leave fewer radicands, so that the recursion ends
    left = {q.base for y in (*halves[0], *halves[1], radicand or sp.S.Zero)
            for q in atoms_of(y, sp.Pow) if q.exp.is_Rational and q.exp.q == 2}
    return (halves[0], halves[1], radicand) if len(left) < max(len(radicands), 1) else None


def root_sign(p: sp.Poly, r: sp.CRootOf) -> int:
    """The exact sign of ``p(r)``: ``p`` a univariate polynomial with rational
    coefficients, ``r`` a real root object.  :func:`algebraic_sign` for numbers of one
    root's field written as polynomials in it, without building the expression (a
    polynomial of degree 56 in a root of degree 57 took a quarter second to expand).

    ``p(r)`` is 0 exactly when the root's polynomial (sympy keeps it irreducible)
    divides ``p``.  Otherwise the root's isolating interval ``[a, b]`` (exact rational
    ends) is narrowed until ``p`` at its midpoint ``m`` exceeds, in absolute value, the
    most ``p`` can change on it (``(b - a) / 2`` times a bound on ``|p'|`` there): then
    ``p(r)`` has the sign of ``p(m)``.  Exact rational arithmetic throughout; it ends
    because ``p(r)`` is not 0.

    Examples
    --------
    >>> x = sp.Symbol("x")
    >>> r = sp.CRootOf(x**3 - x - 1, 0)  # 1.3247...
    >>> root_sign(sp.Poly(x - sp.Rational(13247, 10**4), x), r)
    1
    >>> root_sign(sp.Poly(x**4 - x**2 - x, x), r), root_sign(sp.Poly(x**2 - 2, x), r)
    (0, -1)
    """
    minimal = r.poly
    p = sp.Poly(p.as_expr().xreplace({p.gen: minimal.gen}), minimal.gen, domain=sp.QQ)
    if p.rem(minimal.set_domain(sp.QQ)).is_zero:
        return 0
    coeffs = [sp.QQ.convert(c) for c in p.all_coeffs()]
    slope = _slope(coeffs)
    width = Fraction(1)
    while True:
        ends = root_interval(r, width)
        if ends is None:
            raise UndecidableConditionError(f"cannot isolate the root {r}")
        a, b = (sp.QQ(e.numerator, e.denominator) for e in ends)
        s = _centered_sign(coeffs, slope, a, b)
        if s is not None:
            return s
        width = Fraction(int((b - a).numerator), int((b - a).denominator)) / 2**17


def sign_on_interval(p: sp.Poly, a: Fraction, b: Fraction) -> int | None:
    """The sign (1 or -1) of the univariate polynomial ``p`` (rational coefficients) at
    every point of ``[a, b]``, when its value at the midpoint exceeds in absolute value
    the most it can change there (half the width times a bound on ``|p'|``); else None
    (a root there, or near it).  Exact rational arithmetic, one pass over the
    coefficients (no subdivision: meant for narrow intervals, as :func:`root_sign` uses it).

    Examples
    --------
    >>> t = sp.Symbol("t")
    >>> sign_on_interval(sp.Poly(t**2 - 2, t), Fraction(3, 2), Fraction(8, 5))
    1
    >>> sign_on_interval(sp.Poly(t**2 - 2, t), Fraction(7, 5), Fraction(3, 2)) is None
    True
    """
    coeffs = [sp.QQ.convert(c) for c in p.all_coeffs()]
    return _centered_sign(coeffs, _slope(coeffs), sp.QQ(a.numerator, a.denominator),
                          sp.QQ(b.numerator, b.denominator))


def _slope(coeffs: list) -> list:
    """The coefficients of a bound on ``|p'|`` (absolute values), highest first."""
    n = len(coeffs) - 1
    return [abs(c) * (n - i) for i, c in enumerate(coeffs[:-1])]


def _centered_sign(coeffs: list, slope: list, a, b) -> int | None:
    """:func:`sign_on_interval` on coefficient lists (sympy rationals, highest first)."""
    m, half = (a + b) / 2, (b - a) / 2
    value = sp.QQ.zero
    for c in coeffs:
        value = value * m + c
    reach = max(abs(a), abs(b))
    bound = sp.QQ.zero
    for c in slope:
        bound = bound * reach + c
    if abs(value) > half * bound:
        return 1 if value > 0 else -1
    return None
