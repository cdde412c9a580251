"""Real roots of integer polynomials isolated by Descartes' rule of signs and bisection,
on python-flint's polynomials, and handed to sympy's root objects.

sympy isolates real roots by continued fractions in Python (``Poly.intervals``, and
``Poly.real_roots`` for its ``CRootOf`` objects).  On the fiber resultants of a four-type
game's two-dimensional decompositions (degree up to about 500, coefficients of hundreds
of digits) that took 130 of the first 300 s of one game, most of it in Taylor shifts
(``dup_shift``) and root bounds computed in Python.  Here the same exact method runs on
python-flint's ``fmpz_poly``: a Taylor shift of such a polynomial takes about a
millisecond.

The method (Collins and Akritas): the roots of a squarefree ``q`` in ``(0, 1)`` are the
positive roots of ``T(x) = (x + 1)^n q(1 / (x + 1))``, and by Descartes' rule the number
of sign variations of ``T``'s coefficients is that number of roots or exceeds it by an
even number: 0 variations, no root; 1, exactly one.  Otherwise ``(0, 1)`` is halved
(``2^n q(x / 2)`` and ``2^n q((x + 1) / 2)``); the bisection ends for a squarefree
polynomial (a root at a midpoint is found exactly).  Positive and negative roots are
isolated in ``(0, 2^b)`` after the substitution ``x = 2^b y``, ``2^b`` a bound on the
roots' absolute values.

The isolating intervals are given to sympy as its own ``RealInterval`` objects (a
Möbius transformation and the transformed polynomial, which is ``T``), stored in the
cache ``CRootOf`` reads, under the key ``Poly.real_roots`` looks up; the root objects
(:func:`real_roots`) are then sympy's usual ones, made without isolating again.  This
reads sympy internals (``rootoftools._reals_cache``, ``RealInterval``); where they are not
as expected, or without python-flint, nothing is stored and sympy isolates the roots
itself.

Examples
--------
>>> isolate_real_roots([1, 0, -2])  # x**2 - 2: roots -1.414..., 1.414...
[(Fraction(-4, 1), Fraction(0, 1)), (Fraction(0, 1), Fraction(4, 1))]
>>> x = sp.Symbol("x")
>>> real_roots(sp.Poly(x**3 - 3 * x + 1, x))[2]  # isolated here, refined by sympy
CRootOf(x**3 - 3*x + 1, 2)
"""

from __future__ import annotations

from fractions import Fraction
from math import gcd, lcm

import sympy as sp
from sympy import ZZ

from .ratfunc import flint

try:  # sympy internals: its cache of real isolating intervals and their class
    from sympy.polys import rootoftools as _rootoftools
    from sympy.polys.rootisolation import RealInterval as _RealInterval
except ImportError:  # pragma: no cover - another sympy's layout
    _rootoftools = _RealInterval = None

__all__ = ["has_root_in_unit_interval", "isolate_real_roots", "real_roots"]

#: the variable of sympy's root objects (``Poly.real_roots`` writes them in it)
_ROOT_VARIABLE = sp.Symbol("x")

#: polynomials of lower degree are left to sympy (its isolation is quick there, and
#: quadratics become radicals)
MIN_DEGREE = 3


def _variations(coeffs: list) -> int:
    """The number of sign changes in a coefficient sequence, zeros skipped."""
    count, last = 0, 0
    for c in coeffs:
        if c:
            s = 1 if c > 0 else -1
            if s == -last:
                count += 1
            last = s
    return count


def _descartes(q) -> tuple[int, object]:
    """``T(x) = (x + 1)^n q(1 / (x + 1))`` (its positive roots are ``q``'s in ``(0, 1)``)
    and the number of sign variations of its coefficients."""
    t = flint.fmpz_poly(q.coeffs()[::-1])(flint.fmpz_poly([1, 1]))
    return _variations(t.coeffs()), t


def _halves(q) -> tuple:
    """``2^n q(x / 2)`` and ``2^n q((x + 1) / 2)``: ``q`` on the two halves of ``(0, 1)``."""
    c = q.coeffs()
    n = len(c) - 1
    left = flint.fmpz_poly([ci << (n - i) for i, ci in enumerate(c)])
    return left, left(flint.fmpz_poly([1, 1]))


def _unit_nodes(q) -> tuple[list, list]:
    """The roots of the squarefree ``q`` (an ``fmpz_poly``, ``q(0) != 0``) in ``(0, 1)``:
    dyadic intervals ``(k / 2^j, (k + 1) / 2^j)`` with one root each, as
    ``(k, j, qk, T)`` (``qk(y)`` a positive multiple of ``q((k + y) / 2^j)``, ``T`` from
    :func:`_descartes` on it: one sign variation), and the roots found exactly at
    midpoints, as ``(k, j)`` for ``k / 2^j``."""
    isolated, exact = [], []
    stack = [(q, 0, 0)]
    while stack:
        q, k, j = stack.pop()
        v, t = _descartes(q)
        if v == 1:
            isolated.append((k, j, q, t))
        if v <= 1:
            continue
        left, right = _halves(q)
        if right.coeffs()[0] == 0:  # a root at the midpoint
            exact.append((2 * k + 1, j + 1))
            right = flint.fmpz_poly(right.coeffs()[1:])
        stack.append((left, 2 * k, j + 1))
        stack.append((right, 2 * k + 1, j + 1))
    return isolated, exact


def _integer_coeffs(coeffs: list) -> list[int]:
    """The primitive integer coefficients, lowest first, of the squarefree part of the
    polynomial with these rational coefficients (highest first; not all zero)."""
    fr = [Fraction(int(r.p), int(r.q)) for r in map(sp.Rational, coeffs)]
    den = lcm(*(c.denominator for c in fr))
    ints = [int(c * den) for c in reversed(fr)]
    p = flint.fmpz_poly(ints)
    common = p.gcd(p.derivative())
    if common.degree() > 0:  # a multiple root: bisection would not end
        p = p // common
    ints = [int(c) for c in p.coeffs()]
    g = gcd(*ints)
    return [c // g for c in ints] if g > 1 else ints


def _bound_bits(c: list[int]) -> int:
    """``b >= 0`` with every root of the polynomial (coefficients ``c``, lowest first)
    below ``2^b`` in absolute value: Fujiwara's bound ``2 max |c_(n-i) / c_n|^(1/i)``,
    with ``|c_(n-i) / c_n| < 2^(L_(n-i) - L_n + 1)`` (``L`` the bit lengths)."""
    n, top = len(c) - 1, abs(c[-1]).bit_length()
    return max(0, 1 + max(-(-(abs(c[n - i]).bit_length() - top + 1) // i)
                          for i in range(1, n + 1) if c[n - i]))


def _interval(neg: bool, k: int, j: int, bits: int) -> tuple[Fraction, Fraction]:
    """The interval ``(k / 2^j, (k + 1) / 2^j)`` scaled by ``2^bits``, mirrored if ``neg``."""
    a, b = Fraction(k << bits, 1 << j), Fraction((k + 1) << bits, 1 << j)
    return (-b, -a) if neg else (a, b)


def isolate_real_roots(coeffs: list) -> list[tuple[Fraction, Fraction]] | None:
    """Isolating intervals of the real roots of a polynomial with rational coefficients
    (highest first; each root once), ascending: ``(a, b)`` with rational ends, the only root
    in the open interval (``a == b`` for a root found exactly, which may also be an end
    of its neighbour's interval); None without python-flint.

    Examples
    --------
    >>> isolate_real_roots([1, -3, 2])  # (x - 1)(x - 2)
    [(Fraction(0, 1), Fraction(2, 1)), (Fraction(2, 1), Fraction(2, 1))]
    """
    found = _real_nodes(coeffs)
    return None if found is None else [(a, b) for a, b, _ in found]


def _real_nodes(coeffs: list) -> list | None:
    """:func:`isolate_real_roots` as ``(a, b, node)``, ``node`` = ``(neg, k, j, bits, qk,
    T)`` from :func:`_unit_nodes` on ``p(2^bits y)`` (on ``p(-2^bits y)`` if ``neg``), or
    None for a root found exactly."""
    if flint is None:
        return None
    c = _integer_coeffs(coeffs)
    out = []
    if c[0] == 0:
        out.append((Fraction(0), Fraction(0), None))
        while c[0] == 0:
            c = c[1:]
    if len(c) <= 1:
        return out
    bits = _bound_bits(c)
    for neg in (False, True):
        scaled = [(-x if neg and i % 2 else x) << (bits * i) for i, x in enumerate(c)]
        isolated, exact = _unit_nodes(flint.fmpz_poly(scaled))
        for k, j, q, t in isolated:
            out.append((*_interval(neg, k, j, bits), (neg, k, j, bits, q, t)))
        for k, j in exact:
            r = Fraction(k << bits, 1 << j)
            out.append((-r, -r, None) if neg else (r, r, None))
    out.sort(key=lambda e: (e[0], e[1]))
    return out


def has_root_in_unit_interval(f: sp.Poly) -> bool:
    """Whether the univariate polynomial ``f`` (over ``QQ`` or ``ZZ``, not 0) has a root
    in ``[0, 1]``, exactly: by :func:`_unit_nodes` for degree :data:`MIN_DEGREE` or
    more with python-flint, else by sympy's isolation in that interval.

    Examples
    --------
    >>> x = sp.Symbol("x")
    >>> has_root_in_unit_interval(sp.Poly(x**3 - x - 1, x))  # 1.3247...
    False
    >>> has_root_in_unit_interval(sp.Poly(4 * x**3 - 2 * x - 1, x))  # 0.8846...
    True
    """
    if flint is None or f.degree() < MIN_DEGREE:
        return bool(f.intervals(inf=0, sup=1))
    c = _integer_coeffs(f.all_coeffs())
    if c[0] == 0 or sum(c) == 0:
        return True
    isolated, exact = _unit_nodes(flint.fmpz_poly(c))
    return bool(isolated or exact)


def _sympy_interval(node: tuple):
    """sympy's ``RealInterval`` for a node of :func:`_real_nodes`.

    The Möbius map ``x -> (a x + b) / (c x + d)`` takes ``(0, oo)`` onto the interval
    (onto its mirror image for a negative root, whose polynomial sympy mirrors), and
    ``T = (x + 1)^n qk(1 / (x + 1))`` is a positive multiple of the transformed
    polynomial ``(c x + d)^n p((a x + b) / (c x + d))``: for ``bits >= j`` the map is
    ``2^(bits - j) (k x + k + 1) / (x + 1)``, else ``(k x + k + 1) / 2^(j - bits) (x + 1)``."""
    neg, k, j, bits, _, t = node
    if bits >= j:
        a, b, c, d = k << (bits - j), (k + 1) << (bits - j), 1, 1
    else:
        a, b, c, d = k, k + 1, 1 << (j - bits), 1 << (j - bits)
    f = [ZZ(int(x)) for x in reversed(t.coeffs())]
    return _RealInterval((ZZ(a), ZZ(b), ZZ(c), ZZ(d), neg), f, ZZ)


def _seed(key: sp.Poly) -> bool:
    """Store the isolating intervals of the irreducible ``key`` (a ``PurePoly`` over
    ``ZZ``, as sympy's root objects hold) in sympy's cache, unless there; whether the
    cache now has them."""
    cache = _rootoftools._reals_cache
    if key in cache:
        return True
    nodes = _real_nodes(key.all_coeffs())
    if nodes is None or any(node is None for *_, node in nodes):
        return False  # a rational root: sympy's own path
    cache[key] = [_sympy_interval(node) for *_, node in _disjoint(nodes)]
    return True


def _disjoint(nodes: list) -> list:
    """The intervals with no end shared by two neighbours (sympy would refine such pairs,
    in Python): the left one of such a pair is halved, keeping the half with the root,
    and then the right one, until they are apart (the roots differ)."""
    nodes = list(nodes)
    for i in range(len(nodes) - 1):
        while nodes[i][1] >= nodes[i + 1][0]:
            nodes[i] = _halved(nodes[i])
            if nodes[i][1] >= nodes[i + 1][0]:
                nodes[i + 1] = _halved(nodes[i + 1])
    return nodes


def _halved(entry: tuple) -> tuple:
    """The half of an interval of :func:`_real_nodes` that holds its root: the half
    with one sign variation (Descartes' bound is subadditive, and the whole interval
    has one, so the half with the root has exactly one)."""
    neg, k, j, bits, q, _ = entry[2]
    for half, part in enumerate(_halves(q)):
        v, t = _descartes(part)
        if v == 1:
            kk, jj = 2 * k + half, j + 1
            return (*_interval(neg, kk, jj, bits), (neg, kk, jj, bits, part, t))
    raise AssertionError("an isolating interval lost its root")  # pragma: no cover


def real_roots(f: sp.Poly) -> list:
    """``f.real_roots()`` (``f`` univariate over ``QQ`` or ``ZZ``), with the isolating
    intervals of its irreducible factors of degree :data:`MIN_DEGREE` or more found by
    :func:`isolate_real_roots` and given to sympy first.

    Examples
    --------
    >>> x = sp.Symbol("x")
    >>> real_roots(sp.Poly(x**3 - 2 * x - 1, x))  # (x + 1)(x**2 - x - 1)
    [-1, 1/2 - sqrt(5)/2, 1/2 + sqrt(5)/2]
    >>> real_roots(sp.Poly(x**3 - 3 * x + 1, x))[0]
    CRootOf(x**3 - 3*x + 1, 0)
    """
    if flint is not None and _rootoftools is not None and f.degree() >= MIN_DEGREE:
        try:
            coeff, pre = sp.CRootOf._preprocess_roots(f.replace(f.gen, _ROOT_VARIABLE))
            factors = _rootoftools._pure_factors(pre)
            seeded = [_seed(key) for key, _ in factors if key.degree() >= MIN_DEGREE]
        except (AttributeError, NotImplementedError, TypeError, sp.PolynomialError):
            factors, seeded = [], []  # pragma: no cover - another sympy's internals
        if len(factors) == 1 and factors[0][1] == 1 and seeded == [True]:
            # irreducible: its real roots are the cached intervals' (what ``real_roots``
            # would return, without factoring it again), in sympy's variable ``x`` (a
            # root object written in the caller's symbol would change under a
            # substitution of that symbol)
            key = factors[0][0]
            return [coeff * sp.CRootOf._postprocess_root((key, i), True)
                    for i in range(len(_rootoftools._reals_cache[key]))]
    return f.real_roots()
